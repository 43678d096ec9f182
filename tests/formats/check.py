#!/usr/bin/python3
"""Independent checks of payroll-export's outputs against the results they
were made from.  Run with Debian's /usr/bin/python3 (python3-stdnum).

Every expected figure here comes from the results file (payroll-calc's
output) or is recomputed from the output itself; nothing is taken from the
exporter's own arithmetic.  Amounts are decimal.Decimal, never float.

usage: check.py KIND OUTPUT RESULTS... [options]; exits 1 with the reasons.
"""
import csv
import json
import sys
from decimal import Decimal
import xml.etree.ElementTree as ET

from stdnum import bic as stdbic
from stdnum import iban as stdiban
from stdnum.us import rtn

errors = []



def summary_of(path):
    """The register's summary (payroll-export --summary): register.csv ->
    register-summary.csv, beside it."""
    base = path[:-4] if path.endswith('.csv') else path
    return base + '-summary.csv'

def fail(msg):
    errors.append(msg)


def results(paths):
    rows = []
    for p in paths:
        with open(p, newline='', encoding='utf-8') as f:
            rows.extend(csv.DictReader(f))
    return rows


def kinds(pack_outputs):
    """Output kinds from a pack's outputs: section (read as plain text so
    that no YAML library is needed: 'name: {kind: K, ...}')."""
    out = {}
    inside = False
    with open(pack_outputs, encoding='utf-8') as f:
        for line in f:
            if line.startswith('outputs:'):
                inside = True
                continue
            if inside:
                if not line.startswith('  '):
                    break
                name, rest = line.strip().split(':', 1)
                kind = rest.split('kind:')[1].split(',')[0].strip(' }\n')
                tags = []
                if 'tags:' in rest:
                    tags = [t.strip() for t in
                            rest.split('[')[1].split(']')[0].split(',')]
                out[name] = (kind, tags)
    return out


def check_register(out, res, pack):
    k = kinds(pack)
    with open(out, newline='', encoding='utf-8') as f:
        reg = list(csv.DictReader(f))
    body = reg
    if len(body) != len(res):
        fail('register has %d employee lines, results %d' %
             (len(body), len(res)))
    money = ['gross_pay', 'net_pay'] + [n for n, (kd, _) in k.items()
                                        if kd in ('deduction', 'withholding',
                                                  'employer')]
    for b, r in zip(body, res):
        if b['employee_id'] != r['employee_id']:
            fail('register line for %s, results %s' % (b['employee_id'],
                                                         r['employee_id']))
        for c in money:
            if Decimal(b[c]) != Decimal(r[c]):
                fail('%s %s: register %s, results %s' % (
                    r['employee_id'], c, b[c], r[c]))
    if any(b['employee_id'] == 'TOTAL' for b in body):
        fail('a TOTAL row in the register (it doubles any sum over the file)')
    # The totals are in the summary written beside it (--summary).
    with open(summary_of(out), newline='', encoding='utf-8') as f:
        summ = {r['metric']: r['value'] for r in csv.DictReader(f)}
    if summ.get('rows') != str(len(res)):
        fail('summary rows %s, results %d' % (summ.get('rows'), len(res)))
    for c in money:
        want = sum(Decimal(r[c]) for r in res)
        got = summ.get('total_' + c)
        if got is None or Decimal(got) != want:
            fail('summary total_%s: %s, sum of results %s' % (c, got, want))
    missing = [c for c in money if c not in reg[0]]
    if missing:
        fail('register lacks columns %s' % missing)


def check_nacha(out, parsed_json, res, expect_skip=()):
    raw = open(out, 'rb').read()
    if not raw.endswith(b'\n'):
        fail('the file does not end with a line end')
    lines = raw.decode('ascii').split('\n')[:-1]
    for i, ln in enumerate(lines, 1):
        if len(ln) != 94:
            fail('record %d has %d characters, not 94' % (i, len(ln)))
        if any(ord(c) < 0x20 or ord(c) > 0x7e for c in ln):
            fail('record %d has a character outside printable ASCII' % i)
    if len(lines) % 10:
        fail('%d records: not a multiple of the blocking factor 10' %
             len(lines))
    d = json.load(open(parsed_json))
    fh = d['file']
    ff = fh['footer']
    byid = {(r['employee_id'], r['pay_date'][2:].replace('-', '')): r
            for r in res}
    seen = set()
    fhash = fcred = fcount = 0
    traces = []
    for bi, b in enumerate(d['batches'], 1):
        if b['serviceClassCode'] != 220 or b['entryClassCode'] != 'PPD' \
                or b['description'] != 'PAYROLL':
            fail('batch %d: not PPD credits PAYROLL (%s %s %s)' % (
                bi, b['serviceClassCode'], b['entryClassCode'],
                b['description']))
        if b['num'] != bi or b['footer']['num'] != bi:
            fail('batch %d is numbered %s' % (bi, b['num']))
        h = cred = 0
        for e in b['entries']:
            eid = e['identificationNumber']
            r = byid.get((eid, b['effectiveDate']))
            if r is None:
                fail('entry for %r on %s, who is not in the results' % (
                    eid, b['effectiveDate']))
                continue
            seen.add((eid, b['effectiveDate']))
            if b['effectiveDate'] != r['pay_date'][2:].replace('-', ''):
                fail('%s: effective date %s, pay date %s' % (
                    eid, b['effectiveDate'], r['pay_date']))
            routing = '%08d%d' % (e['receivingDFIIdentification'],
                                  e['checkDigit'])
            if routing != r['bank_routing']:
                fail('%s: routing %s, results %s' % (eid, routing,
                                                      r['bank_routing']))
            if not rtn.is_valid(routing):
                fail('%s: routing %s fails python-stdnum' % (eid, routing))
            if e['dfiAccount'] != r['bank_account'].upper():
                fail('%s: account %s, results %s' % (
                    eid, e['dfiAccount'], r['bank_account']))
            prenote = r.get('bank_account_new', '').lower() in (
                'true', 'yes', 'y', '1')
            savings = r['bank_account_type'].lower() == 'savings'
            code = {(False, False): '22', (False, True): '23',
                    (True, False): '32', (True, True): '33'}[
                        (savings, prenote)]
            if e['transactionCode'] != code:
                fail('%s: transaction code %s, want %s' % (
                    eid, e['transactionCode'], code))
            want = 0 if prenote else int(Decimal(r['net_pay']) * 100)
            if e['amount'] != want:
                fail('%s: amount %s cents, results net_pay %s' % (
                    eid, e['amount'], r['net_pay']))
            if e['addendaIndicator'] != '0':
                fail('%s: addenda indicator' % eid)
            traces.append(e['traceNumber'])
            h += e['receivingDFIIdentification']
            cred += e['amount']
        f = b['footer']
        if f['entryAndAddendaCount'] != len(b['entries']):
            fail('batch %d: count %s, entries %d' % (
                bi, f['entryAndAddendaCount'], len(b['entries'])))
        if f['entryHash'] != h % 10**10:
            fail('batch %d: hash %s, recomputed %d' % (
                bi, f['entryHash'], h % 10**10))
        if f['totalCredit'] != cred or f['totalDebit'] != 0:
            fail('batch %d: credits %s debits %s, recomputed %d and 0' % (
                bi, f['totalCredit'], f['totalDebit'], cred))
        if f['companyId'] != b['companyId'] or \
                f['originatingDFIIdentification'] != \
                b['originatingDFIIdentification']:
            fail('batch %d: control ids differ from the header' % bi)
        fhash += h
        fcred += cred
        fcount += len(b['entries'])
    if traces != sorted(traces) or len(set(traces)) != len(traces):
        fail('trace numbers are not ascending and unique')
    if ff['batchCount'] != len(d['batches']):
        fail('file: batch count %s, batches %d' % (ff['batchCount'],
                                                   len(d['batches'])))
    if ff['blockCount'] != len(lines) // 10:
        fail('file: block count %s, blocks %d' % (ff['blockCount'],
                                                  len(lines) // 10))
    if ff['entryAndAddendaCount'] != fcount:
        fail('file: entry count %s, recomputed %d' % (
            ff['entryAndAddendaCount'], fcount))
    if ff['entryHash'] != fhash % 10**10:
        fail('file: hash %s, recomputed %d' % (ff['entryHash'],
                                               fhash % 10**10))
    if ff['totalCredit'] != fcred or ff['totalDebit'] != 0:
        fail('file: credits %s, recomputed %d' % (ff['totalCredit'], fcred))
    if not rtn.is_valid(fh['destination'].strip()):
        fail('immediate destination %r fails its check digit' %
             fh['destination'])
    for key in byid:
        if key not in seen and key[0] not in expect_skip:
            fail('%s is in the results but not in the file' % (key,))
        if key in seen and key[0] in expect_skip:
            fail('%s should have been left out' % (key,))
    want = sum(int(Decimal(r['net_pay']) * 100) for k, r in byid.items()
               if k in seen and
               r.get('bank_account_new', '').lower()
               not in ('true', 'yes', 'y', '1'))
    if want != fcred:
        fail('file credits %d, results net pay of those paid %d' % (
            fcred, want))


def check_sepa(out, res, version):
    ns = {'p': 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.' + version}
    root = ET.parse(out).getroot()
    gh = root.find('p:CstmrCdtTrfInitn/p:GrpHdr', ns)
    byid = {(r['employee_id'], r['pay_date'].replace('-', '')): r
            for r in res}
    allsum = Decimal(0)
    alln = 0
    seen = set()
    for pi in root.findall('p:CstmrCdtTrfInitn/p:PmtInf', ns):
        s = Decimal(0)
        n = 0
        if pi.find('p:PmtTpInf/p:CtgyPurp/p:Cd', ns).text != 'SALA':
            fail('category purpose is not SALA')
        dbtr = pi.find('p:DbtrAcct/p:Id/p:IBAN', ns).text
        if not stdiban.is_valid(dbtr):
            fail('debtor IBAN %s fails python-stdnum' % dbtr)
        if version == '09':
            date = pi.find('p:ReqdExctnDt/p:Dt', ns).text
        else:
            date = pi.find('p:ReqdExctnDt', ns).text
        for tx in pi.findall('p:CdtTrfTxInf', ns):
            e2e = tx.find('p:PmtId/p:EndToEndId', ns).text
            eid, when = e2e.rsplit('-', 1)
            r = byid.get((eid, when))
            if r is None:
                fail('transfer %s for no employee of the results' % e2e)
                continue
            seen.add((eid, when))
            amt = tx.find('p:Amt/p:InstdAmt', ns)
            if Decimal(amt.text) != Decimal(r['net_pay']):
                fail('%s: amount %s, results net_pay %s' % (
                    eid, amt.text, r['net_pay']))
            if amt.get('Ccy') != 'EUR':
                fail('%s: currency %s' % (eid, amt.get('Ccy')))
            if date != r['pay_date']:
                fail('%s: execution date %s, pay date %s' % (
                    eid, date, r['pay_date']))
            ib = tx.find('p:CdtrAcct/p:Id/p:IBAN', ns).text
            if not stdiban.is_valid(ib):
                fail('%s: IBAN %s fails python-stdnum' % (eid, ib))
            if ib != r['iban'].replace(' ', '').upper():
                fail('%s: IBAN %s, results %s' % (eid, ib, r['iban']))
            b = tx.find('p:CdtrAgt/p:FinInstnId/p:' +
                        ('BICFI' if version == '09' else 'BIC'), ns)
            if (b is None) != (r['bic'] == ''):
                fail('%s: creditor agent BIC present/absent wrongly' % eid)
            if b is not None and (not stdbic.is_valid(b.text) or
                                  b.text != r['bic']):
                fail('%s: BIC %s, results %s' % (eid, b.text, r['bic']))
            if tx.find('p:Purp/p:Cd', ns).text != 'SALA':
                fail('%s: purpose is not SALA' % eid)
            name = tx.find('p:Cdtr/p:Nm', ns).text
            allowed = set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU'
                          "VWXYZ0123456789/-?:().,'+ ")
            if not set(name) <= allowed or len(name) > 70:
                fail('%s: name %r is outside the SEPA character set' %
                     (eid, name))
            s += Decimal(amt.text)
            n += 1
        if Decimal(pi.find('p:CtrlSum', ns).text) != s or \
                int(pi.find('p:NbOfTxs', ns).text) != n:
            fail('payment %s: NbOfTxs/CtrlSum %s/%s, recomputed %d/%s' % (
                pi.find('p:PmtInfId', ns).text,
                pi.find('p:NbOfTxs', ns).text,
                pi.find('p:CtrlSum', ns).text, n, s))
        allsum += s
        alln += n
    if Decimal(gh.find('p:CtrlSum', ns).text) != allsum or \
            int(gh.find('p:NbOfTxs', ns).text) != alln:
        fail('group header NbOfTxs/CtrlSum differ from the transactions')
    want = sum(Decimal(r['net_pay']) for r in res if r['iban'])
    if allsum != want:
        fail('control sum %s, results net pay %s' % (allsum, want))
    for key, r in byid.items():
        if r['iban'] and key not in seen:
            fail('%s has an IBAN but no transfer' % (key,))


def check_journal(out, reg, res, pack):
    k = kinds(pack)
    with open(out, newline='', encoding='utf-8') as f:
        jl = list(csv.DictReader(f))
    dr = {}
    cr = {}
    for ln in jl:
        key = (ln['journal_date'], ln['cost_centre'])
        d = Decimal(ln['debit'] or 0)
        c = Decimal(ln['credit'] or 0)
        if (d == 0) == (c == 0) or d < 0 or c < 0:
            fail('line %r: one positive debit or credit' % ln)
        dr[key] = dr.get(key, 0) + d
        cr[key] = cr.get(key, 0) + c
    for key in dr:
        if dr[key] != cr[key]:
            fail('%s %s: debits %s, credits %s' % (key + (dr[key],
                                                          cr[key])))
    runs = {}
    for (date, _), v in dr.items():
        runs[date] = runs.get(date, 0) + v
    emp = [n for n, (kd, _) in k.items() if kd == 'employer']
    # Debits are gross pay and employer contributions: compare with the
    # register's totals (its summary) and with the results.
    with open(summary_of(reg), newline='', encoding='utf-8') as f:
        total = {r['metric'][len('total_'):]: r['value']
                 for r in csv.DictReader(f)
                 if r['metric'].startswith('total_')}
    want = Decimal(total['gross_pay']) + sum(Decimal(total[e]) for e in emp)
    if sum(dr.values()) != want:
        fail('journal debits %s, register gross + employer %s' % (
            sum(dr.values()), want))
    want2 = sum(Decimal(r['gross_pay']) + sum(Decimal(r[e]) for e in emp)
                for r in res)
    if want2 != want:
        fail('register totals %s differ from the results %s' % (want,
                                                                want2))
    net = sum(Decimal(ln['credit']) for ln in jl if ln['account'] == '2100')
    if net != Decimal(total['net_pay']):
        fail('net pay account 2100: %s, register net %s' % (
            net, total['net_pay']))


def check_hr(out, res, pack):
    k = kinds(pack)
    emp = [n for n, (kd, _) in k.items() if kd == 'employer']
    ot = [n for n, (kd, t) in k.items() if 'overtime' in t]
    with open(out, newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    got = {(r['section'], r['pay_date'], r['department'], r['item']):
           r['value'] for r in rows}
    depts = {}
    for r in res:
        key = (r['pay_date'], r['department'])
        a = depts.setdefault(key, {'n': 0, 'gross': Decimal(0),
                                   'emp': Decimal(0), 'hire': 0,
                                   'leave': 0, 'ot': Decimal(0)})
        a['n'] += 1
        a['gross'] += Decimal(r['gross_pay'])
        a['emp'] += sum(Decimal(r[e]) for e in emp)
        a['ot'] += sum(Decimal(r[o]) for o in ot)
        a['hire'] += r['period_start'] <= r['hire_date'] <= r['period_end']
        a['leave'] += r['termination_date'] != '' and \
            r['period_start'] <= r['termination_date'] <= r['period_end']
    for (pay, dept), a in depts.items():
        exp = {('headcount', 'employees_paid'): str(a['n']),
               ('headcount', 'new_hires'): str(a['hire']),
               ('headcount', 'leavers'): str(a['leave'])}
        for (sec, item), v in exp.items():
            if got.get((sec, pay, dept, item)) != v:
                fail('%s %s %s %s: %s, want %s' % (
                    sec, pay, dept, item, got.get((sec, pay, dept, item)),
                    v))
        for item, v in (('gross_pay', a['gross']),
                        ('employer_contributions', a['emp']),
                        ('total_cost', a['gross'] + a['emp'])):
            g = got.get(('cost', pay, dept, item))
            if g is None or Decimal(g) != v:
                fail('cost %s %s %s: %s, want %s' % (pay, dept, item, g, v))
        g = sum(Decimal(got.get(('overtime', pay, dept, o), 'NaN'))
                for o in ot)
        if g != a['ot']:
            fail('overtime %s %s: %s, want %s' % (pay, dept, g, a['ot']))


def money(v):
    return '{:,.2f}'.format(Decimal(v))


def check_payslip(out, ytdpath, res, pack):
    k = kinds(pack)
    slips = open(out, encoding='utf-8').read().split('\f\n')
    if len(slips) != len(res):
        fail('%d payslips for %d results' % (len(slips), len(res)))
    ytd = {}
    if ytdpath != '-':
        with open(ytdpath, newline='', encoding='utf-8') as f:
            ytd = {r['employee_id']: r for r in csv.DictReader(f)}
    for slip, r in zip(slips, res):
        eid = r['employee_id']
        if ('Employee    ' + eid + ' ') not in slip:
            fail('payslip in place of %s is for someone else' % eid)
            continue
        lines = slip.split('\n')

        def line_of(label):
            for ln in lines:
                if ln.startswith(label):
                    return ln.split()
            return None
        for label, col in (('NET PAY', 'net_pay'), ('  Gross pay',
                                                     'gross_pay')):
            ln = line_of(label)
            want = [money(r[col])]
            if ytd:
                want.append(money(ytd[eid][col]))
            if ln is None or ln[-len(want):] != want:
                fail('%s: %s line %s, want %s' % (eid, label, ln, want))
        for name, (kd, _) in k.items():
            if kd == 'info' or Decimal(r[name]) == 0:
                continue
            if not any(money(r[name]) in ln for ln in lines):
                fail('%s: %s %s not on the payslip' % (eid, name,
                                                       money(r[name])))
        acct = r.get('bank_account', '')
        if acct and acct in slip:
            fail('%s: the full account number is on the payslip' % eid)
        if acct and ('****' + acct[-4:]) not in slip:
            fail('%s: no masked account (****1234) on the payslip' % eid)


def main():
    kind = sys.argv[1]
    if kind == 'register':
        check_register(sys.argv[2], results(sys.argv[4:]), sys.argv[3])
    elif kind == 'nacha':
        skip = ()
        args = sys.argv[4:]
        if args and args[0].startswith('--skip='):
            skip = args[0][7:].split(',')
            args = args[1:]
        check_nacha(sys.argv[2], sys.argv[3], results(args), skip)
    elif kind == 'sepa':
        check_sepa(sys.argv[2], results(sys.argv[4:]), sys.argv[3])
    elif kind == 'journal':
        check_journal(sys.argv[2], sys.argv[3], results(sys.argv[5:]),
                      sys.argv[4])
    elif kind == 'hr':
        check_hr(sys.argv[2], results(sys.argv[4:]), sys.argv[3])
    elif kind == 'payslip':
        check_payslip(sys.argv[2], sys.argv[3], results(sys.argv[5:]),
                      sys.argv[4])
    elif kind == 'routing':
        for x in sys.argv[2:]:
            if not rtn.is_valid(x):
                fail('%s fails python-stdnum' % x)
    else:
        sys.exit('unknown check ' + kind)
    for e in errors:
        print(e)
    sys.exit(1 if errors else 0)


main()
