"""UK PAYE: the overriding (regulatory) limit on every tax code (issue 13,
section 3).  The Income Tax (PAYE) Regulations 2003, reg. 2(1): the
"overriding limit" is 50% of the relevant payment; regs. 23(5), 28(5) and
144(4): the tax deducted must not exceed it.  Until 5 April 2015 that
applied to K codes only; SI 2014/2689 reg. 5 removed the words that
limited it, so from 6 April 2015 it applies to every code (BR, D0, suffix
codes ...).  Before the fix the pack limited K codes only: a BR code with
an underpayment to date took more than the whole pay and the employee was
rejected.

Rounding: the deduction "must not exceed" 50% of the payment; of a payment
in pence the half is a whole or half penny, and half a penny cannot be
deducted without exceeding it, so the limit is rounded down to the penny.

Each case is worked by hand below (2025-26 rates: basic 20%; monthly free
pay for 1257L = (1257 x 10 + 9) / 12 = 1,048.25 rounded up = 1,048.25).
No expected figure comes from running this code.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

PACKS = ["rules/uk/paye", "tests/vectors/packs/uk_earnings.yaml"]
t = vlib.Tally("uk paye overriding limit", places=True)
# Tax month 6 of 2025-26: 6 September to 5 October 2025.
M6 = ("2025-09-06", "2025-10-05")


def run(cid, code, pay, ytd_pay, ytd_tax, want, period=M6, freq="monthly"):
    e = {"employee_id": cid, "tax_code": code, "uk_test_pay": pay}
    y = [{"employee_id": cid, "last_pay_date": "2025-09-05",
          "uk_taxable_pay": ytd_pay, "paye_tax": ytd_tax}] \
        if ytd_pay is not None else None
    out, rej, err = vlib.calc(PACKS, [e], period[0], frequency=freq,
                              pay_date=period[1], ytd=y)
    r = out.get(cid)
    if r is None:
        print("  %s: rejected: %s" % (cid, [x.get("message") for x in rej]))
    t.check(cid, "paye_tax", want, r and r.get("paye_tax"))


# 1. BR, cumulative, month 6: pay 1,000.00; before: pay 5,000.00 and no
# tax (the code was changed to BR).  Taxable pay to date 6,000 (rounded
# down to the pound); tax to date 6,000 x 20% = 1,200.00; due 1,200.00 -
# 0 = 1,200.00, more than the pay.  Limit 50% x 1,000.00 = 500.00.
run("BR-CUM", "BR", "1000.00", "5000.00", "0.00", "500.00")
# 2. The same with a pay of 100.01: due (5,100 x 20%) = 1,020.00; limit
# 50% x 100.01 = 50.005, rounded down: 50.00.
run("BR-HALFP", "BR", "100.01", "5000.00", "0.00", "50.00")
# 3. D0 (40%), cumulative: pay 800.00, before 4,000.00 with 200.00 paid:
# 4,800 x 40% = 1,920.00 - 200.00 = 1,720.00; limit 400.00.
run("D0-CUM", "D0", "800.00", "4000.00", "200.00", "400.00")
# 4. 1257L, cumulative, month 6, after a period on NT: pay 600.00, before
# 20,000.00 and no tax.  Free pay to date 6 x 1,048.25 = 6,289.50; taxable
# 20,600.00 - 6,289.50 = 14,310.50 -> 14,310; tax 14,310 x 20% =
# 2,862.00 (all within the basic rate band, 37,700 x 6 / 12 = 18,850);
# limit 300.00.
run("L-CUM", "1257L", "600.00", "20000.00", "0.00", "300.00")
# 5. Under the limit nothing changes: BR, month 6, pay 1,000.00, before
# 5,000.00 with 1,000.00 paid: 1,200.00 - 1,000.00 = 200.00 (limit 500).
run("BR-UNDER", "BR", "1000.00", "5000.00", "1000.00", "200.00")
# 6. A refund is not limited: 1257L, pay 1,000.00, before 5,000.00 with
# 1,500.00 paid: taxable 6,000.00 - 6,289.50 < 0 -> 0; tax 0 - 1,500.00 =
# -1,500.00.
run("L-REFUND", "1257L", "1000.00", "5000.00", "1500.00", "-1500.00")
# 7. K codes as before: K500 month 1 (6 April to 5 May 2025), pay 200.00:
# additional pay (500 x 10 + 9) / 12 = 417.416.. rounded up = 417.42;
# taxable 617.42 -> 617; tax 617 x 20% = 123.40; limit 100.00.
run("K-M1", "K500", "200.00", None, None, "100.00",
    period=("2025-04-06", "2025-05-05"))
sys.exit(0 if t.done() else 1)
