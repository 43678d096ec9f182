/*
 * sepa.c: SEPA credit transfers of net pay, ISO 20022 pain.001 (the
 * version and its element names, codes, limits and character set from
 * rules/formats/sepa-YYYY.yaml).  The group header carries the count and
 * sum of every transaction, so transactions are spooled to temporary files
 * (memory does not grow with the number of employees) and the document is
 * put together at the end.
 */
#include "export.h"

static struct {
	struct ydoc y;
	struct translit tl;
	const char *ns, *bic_el, *date_el;
	const char *svclvl, *ctgy, *purp, *chrgbr, *ccy, *noagent;
	int maxname, maxid, maxrmt;
	int64_t minamt, maxamt;
	char dname[256], diban[40], dbic[16], msgid[64], credt[80];
	char rmt[256];
	FILE *doc, *tx;		/* spools: finished PmtInf, current txs */
	int inbatch;
	payroll_date batchdate;
	unsigned long nb, ntx, nall;
	int64_t sum, sumall;
} se;

static void
sepa_norm(const char *s, size_t len, char *out, size_t size)
{
	size_t i, o = 0;

	for (i = 0; i < len && o + 1 < size; i++)
		if (s[i] != ' ')
			out[o++] = (char)toupper((unsigned char)s[i]);
	out[o] = '\0';
}

static int64_t
sepa_amount(struct ydoc *y, const struct payroll_node *root, const char *key)
{
	const char *s = ystr(y, root, key, 1);
	int64_t v;

	if (parse_minor(s, strlen(s), &v) != 0)
		ydie(y, yget(y, root, key), "'%s' is an amount", key);
	return v;
}

void
sepa_begin(void)
{
	static const char *const top[] = { "format", "from", "source",
	    "versions", "default_version", "currency", "service_level",
	    "category_purpose", "purpose", "charge_bearer",
	    "agent_not_provided", "max_name", "max_id", "max_remittance",
	    "min_amount", "max_amount", "charset", "upper_case",
	    "transliterate", NULL };
	static const char *const vkeys[] = { "namespace", "bic_element",
	    "execution_date_element", NULL };
	static const char *const ckeys[] = { "debtor_name", "debtor_iban",
	    "debtor_bic", "message_id_prefix", "remittance", NULL };
	struct ydoc *y = &se.y, *c = &g.company;
	const struct payroll_node *root, *vers, *v;
	const struct payroll_node *cs = company_section("sepa");
	const char *s, *ver;
	char why[200], buf[256];
	struct tm tm;
	int cut;

	layout_pick("sepa", y);
	root = yroot(y);
	ykeys(y, root, top);
	if ((s = ystr(y, root, "format", 1)) == NULL || strcmp(s, "sepa") != 0)
		ydie(y, root, "not a sepa layout (format: sepa)");
	vers = ymap(y, root, "versions", 1);
	ver = g.pain != NULL ? g.pain : ystr(y, root, "default_version", 1);
	if ((v = yget(y, vers, ver)) == NULL || v->type != PAYROLL_NODE_MAPPING)
		die(ST_USAGE, "pain.001 version '%s' is not in %s", ver,
		    y->path);
	ykeys(y, v, vkeys);
	se.ns = ystr(y, v, "namespace", 1);
	se.bic_el = ystr(y, v, "bic_element", 1);
	se.date_el = ystr(y, v, "execution_date_element", 0);
	se.ccy = ystr(y, root, "currency", 1);
	se.svclvl = ystr(y, root, "service_level", 1);
	se.ctgy = ystr(y, root, "category_purpose", 1);
	se.purp = ystr(y, root, "purpose", 1);
	se.chrgbr = ystr(y, root, "charge_bearer", 1);
	se.noagent = ystr(y, root, "agent_not_provided", 1);
	se.maxname = (int)yint(y, root, "max_name", 70, 255);
	se.maxid = (int)yint(y, root, "max_id", 35, 60);
	se.maxrmt = (int)yint(y, root, "max_remittance", 140, 255);
	se.minamt = sepa_amount(y, root, "min_amount");
	se.maxamt = sepa_amount(y, root, "max_amount");
	translit_load(&se.tl, y, root);
	if (g.currency == NULL || strcmp(g.currency, se.ccy) != 0)
		die(ST_RULES, "%s: the company's currency is '%s'; SEPA credit "
		    "transfers are in %s", g.company.path,
		    g.currency != NULL ? g.currency : "", se.ccy);

	ykeys(c, cs, ckeys);
	s = ystr(c, cs, "debtor_name", 1);
	if (translit(&se.tl, s, strlen(s), (size_t)se.maxname, se.dname,
	    sizeof(se.dname), &cut, why, sizeof(why)) != 0)
		ydie(c, yget(c, cs, "debtor_name"), "'debtor_name': %s", why);
	s = ystr(c, cs, "debtor_iban", 1);
	sepa_norm(s, strlen(s), se.diban, sizeof(se.diban));
	if (!payroll_iban_valid(se.diban, strlen(se.diban)))
		ydie(c, yget(c, cs, "debtor_iban"), "'%s' is not an IBAN (bad "
		    "form or check digits)", s);
	if ((s = ystr(c, cs, "debtor_bic", 0)) != NULL) {
		sepa_norm(s, strlen(s), se.dbic, sizeof(se.dbic));
		if (!bic_valid(se.dbic, strlen(se.dbic)))
			ydie(c, yget(c, cs, "debtor_bic"), "'%s' is not a BIC",
			    s);
	}
	gmtime_r(&g.now, &tm);
	s = ystr(c, cs, "message_id_prefix", 0);
	snprintf(buf, sizeof(buf), "%s-%04d%02d%02d%02d%02d%02d",
	    s != NULL ? s : "PAYROLL", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (translit(&se.tl, buf, strlen(buf), (size_t)se.maxid - 4, se.msgid,
	    sizeof(se.msgid), &cut, why, sizeof(why)) != 0 || cut)
		ydie(c, yget(c, cs, "message_id_prefix"), "the message id "
		    "'%s' must be at most %d characters of the SEPA set", buf,
		    se.maxid - 4);
	snprintf(se.credt, sizeof(se.credt), "%04d-%02d-%02dT%02d:%02d:%02d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	s = ystr(c, cs, "remittance", 0);
	snprintf(se.rmt, sizeof(se.rmt), "%s", s != NULL ? s : "Salary");
	/* Unnamed files in $TMPDIR: they go with the process. */
	se.doc = scratch_file();
	se.tx = scratch_file();
	g.out = open_output();
}

static void
sepa_agent(FILE *fp, const char *bic, const char *ind)
{
	fprintf(fp, "%s<FinInstnId>", ind);
	if (bic != NULL && bic[0] != '\0')
		fprintf(fp, "<%s>%s</%s>", se.bic_el, bic, se.bic_el);
	else {
		fputs("<Othr><Id>", fp);
		xml_puts(fp, se.noagent);
		fputs("</Id></Othr>", fp);
	}
	fputs("</FinInstnId>\n", fp);
}

static void
sepa_close_batch(void)
{
	char amt[40], d[11];
	FILE *fp = se.doc;

	if (!se.inbatch)
		return;
	date_str(se.batchdate, d);
	fputs("    <PmtInf>\n", fp);
	fprintf(fp, "      <PmtInfId>%s-%lu</PmtInfId>\n", se.msgid, se.nb);
	fputs("      <PmtMtd>TRF</PmtMtd>\n", fp);
	fputs("      <BtchBookg>true</BtchBookg>\n", fp);
	fprintf(fp, "      <NbOfTxs>%lu</NbOfTxs>\n", se.ntx);
	fprintf(fp, "      <CtrlSum>%s</CtrlSum>\n", fmt_minor(se.sum, amt,
	    sizeof(amt), 0));
	fputs("      <PmtTpInf>\n        <SvcLvl><Cd>", fp);
	xml_puts(fp, se.svclvl);
	fputs("</Cd></SvcLvl>\n        <CtgyPurp><Cd>", fp);
	xml_puts(fp, se.ctgy);
	fputs("</Cd></CtgyPurp>\n      </PmtTpInf>\n", fp);
	if (se.date_el != NULL && se.date_el[0] != '\0')
		fprintf(fp, "      <ReqdExctnDt><%s>%s</%s></ReqdExctnDt>\n",
		    se.date_el, d, se.date_el);
	else
		fprintf(fp, "      <ReqdExctnDt>%s</ReqdExctnDt>\n", d);
	fputs("      <Dbtr><Nm>", fp);
	xml_puts(fp, se.dname);
	fputs("</Nm></Dbtr>\n", fp);
	fprintf(fp, "      <DbtrAcct><Id><IBAN>%s</IBAN></Id></DbtrAcct>\n",
	    se.diban);
	fputs("      <DbtrAgt>\n", fp);
	sepa_agent(fp, se.dbic, "        ");
	fputs("      </DbtrAgt>\n      <ChrgBr>", fp);
	xml_puts(fp, se.chrgbr);
	fputs("</ChrgBr>\n", fp);
	spool_copy(se.tx, fp);
	fputs("    </PmtInf>\n", fp);
	if (ferror(fp) || fflush(fp) == EOF)
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	fclose(se.tx);
	se.tx = scratch_file();
	se.inbatch = 0;
}

void
sepa_row(const struct row *r)
{
	char iban[64], bic[32], name[512], full[512], e2e[160], id[128];
	char why[300], amt[40], rmt[512], d[11], ps[11], pe[11];
	int64_t net = r->amt[g.net];
	int cut, before = (int)g.nerrors;
	char shownbuf[80];
	FILE *fp;

	if (!has(r, F_IBAN)) {
		warnx_("%s:%lu: employee '%s' (%.*s, %.*s) has no IBAN: not "
		    "in this file, pay otherwise", r->file, r->line,
		    id_shown(r), (int)r->fl[F_LAST],
		    r->fx[F_LAST], (int)r->fl[F_FIRST], r->fx[F_FIRST]);
		g.nskipped++;
		return;
	}
	sepa_norm(r->fx[F_IBAN], r->fl[F_IBAN], iban, sizeof(iban));
	if (!payroll_iban_valid(iban, strlen(iban)))
		row_error(r, "iban", "'%s' is not an IBAN (bad form, length "
		    "or check digits)", show_value("iban", r->fx[F_IBAN],
		    r->fl[F_IBAN], shownbuf, sizeof(shownbuf)));
	sepa_norm(r->fx[F_BIC], r->fl[F_BIC], bic, sizeof(bic));
	if (bic[0] != '\0' && !bic_valid(bic, strlen(bic)))
		row_error(r, "bic", "'%.*s' is not a BIC (8 or 11 letters and "
		    "digits, ISO 9362)", (int)r->fl[F_BIC], r->fx[F_BIC]);
	if (net != 0 && (net < se.minamt || net > se.maxamt))
		row_error(r, "net_pay", "%s is outside what a SEPA credit "
		    "transfer can carry (a payment must be more than zero)",
		    fmt_minor(net, amt, sizeof(amt), 0));
	snprintf(full, sizeof(full), "%.*s %.*s", (int)r->fl[F_FIRST],
	    r->fx[F_FIRST], (int)r->fl[F_LAST], r->fx[F_LAST]);
	if (translit(&se.tl, full, strlen(full), (size_t)se.maxname, name,
	    sizeof(name), &cut, why, sizeof(why)) != 0)
		row_error(r, "last_name", "%s", why);
	date_str(r->pay, d);
	if (translit(&se.tl, r->fx[F_ID], r->fl[F_ID], sizeof(id) - 1, id,
	    sizeof(id), &cut, why, sizeof(why)) != 0)
		row_error(r, "employee_id", "%s", why);
	else {
		snprintf(e2e, sizeof(e2e), "%s-%.4s%.2s%.2s", id, d, d + 5,
		    d + 8);
		if ((int)strlen(e2e) > se.maxid)
			row_error(r, "employee_id", "'%s' is too long for an "
			    "end-to-end id of %d characters", e2e, se.maxid);
	}
	date_str(r->start, ps);
	date_str(r->end, pe);
	snprintf(full, sizeof(full), "%s %s - %s", se.rmt, ps, pe);
	if (translit(&se.tl, full, strlen(full), (size_t)se.maxrmt, rmt,
	    sizeof(rmt), &cut, why, sizeof(why)) != 0)
		die(ST_RULES, "%s: sepa 'remittance': %s", g.company.path,
		    why);
	if ((int)g.nerrors > before)
		return;
	if (net == 0) {
		warnx_("%s:%lu: employee '%s' (%.*s, %.*s): net pay 0.00, "
		    "nothing to pay: not in this file", r->file, r->line,
		    id_shown(r), (int)r->fl[F_LAST],
		    r->fx[F_LAST], (int)r->fl[F_FIRST], r->fx[F_FIRST]);
		g.nskipped++;
		return;
	}

	if (!se.inbatch || se.batchdate != r->pay) {
		sepa_close_batch();
		se.inbatch = 1;
		se.batchdate = r->pay;
		se.nb++;
		se.ntx = 0;
		se.sum = 0;
	}
	fp = se.tx;
	fputs("      <CdtTrfTxInf>\n", fp);
	fputs("        <PmtId><EndToEndId>", fp);
	xml_puts(fp, e2e);
	fputs("</EndToEndId></PmtId>\n", fp);
	fprintf(fp, "        <Amt><InstdAmt Ccy=\"%s\">%s</InstdAmt></Amt>\n",
	    se.ccy, fmt_minor(net, amt, sizeof(amt), 0));
	if (bic[0] != '\0') {
		fputs("        <CdtrAgt>\n", fp);
		sepa_agent(fp, bic, "          ");
		fputs("        </CdtrAgt>\n", fp);
	}
	fputs("        <Cdtr><Nm>", fp);
	xml_puts(fp, name);
	fputs("</Nm></Cdtr>\n", fp);
	fprintf(fp, "        <CdtrAcct><Id><IBAN>%s</IBAN></Id></CdtrAcct>\n",
	    iban);
	fputs("        <Purp><Cd>", fp);
	xml_puts(fp, se.purp);
	fputs("</Cd></Purp>\n        <RmtInf><Ustrd>", fp);
	xml_puts(fp, rmt);
	fputs("</Ustrd></RmtInf>\n      </CdtTrfTxInf>\n", fp);
	if (ferror(fp))
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	se.ntx++;
	se.nall++;
	if (add_minor(&se.sum, net) != 0 || add_minor(&se.sumall, net) != 0)
		die(ST_DATA, "%s:%lu: the control sum overflows", r->file,
		    r->line);
}

void
sepa_end(void)
{
	char amt[40];
	FILE *fp = g.out;

	if (g.nerrors > 0)
		return;
	if (se.nall == 0)
		die(ST_DATA, "no employee to pay: no file written");
	sepa_close_batch();
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
	fputs("<Document xmlns=\"", fp);
	xml_puts(fp, se.ns);
	fputs("\">\n  <CstmrCdtTrfInitn>\n    <GrpHdr>\n", fp);
	fprintf(fp, "      <MsgId>%s</MsgId>\n", se.msgid);
	fprintf(fp, "      <CreDtTm>%s</CreDtTm>\n", se.credt);
	fprintf(fp, "      <NbOfTxs>%lu</NbOfTxs>\n", se.nall);
	fprintf(fp, "      <CtrlSum>%s</CtrlSum>\n", fmt_minor(se.sumall, amt,
	    sizeof(amt), 0));
	fputs("      <InitgPty><Nm>", fp);
	xml_puts(fp, se.dname);
	fputs("</Nm></InitgPty>\n    </GrpHdr>\n", fp);
	spool_copy(se.doc, fp);
	fputs("  </CstmrCdtTrfInitn>\n</Document>\n", fp);
	fclose(se.doc);
	fclose(se.tx);
	ydoc_free(&se.y);
}

/* The payment file's transactions and control sum, for the run summary. */
void
sepa_summary(void)
{
	char buf[64];

	sumfile_put("bank_entries", "%lu", se.nall);
	sumfile_put("bank_total", "%s", fmt_minor(se.sumall, buf,
	    sizeof(buf), 0));
}
