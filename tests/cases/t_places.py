"""Places printed: every output of payroll-calc is asserted as TEXT, since
the other runners compare numbers (1000 and 1000.000 are equal there).

docs/rules.md: a money output is shown with its pack's currency places
(currency: {code, places}, 2 by default); gross_pay and net_pay with the
first pack's; an info output with its own places: when it has some, else
as it is without trailing zeros; a money input with more places than its
pack's is rejected, fewer or equal (trailing zeros) accepted; a value
with more places than shown is an error ("the rules must round it"),
never rounded silently.  The YTD file: gross, net and money outputs as
in the results, other balances without trailing zeros.  places: is 0 to
24, a currency's 0 to 6.

Two packs: places_zero.yaml (JPY, 0 places; it computes base_pay, tax,
worked_hours with places: 2, hourly with places: 4, half without places)
and places_three.yaml (BHD, 3 places: the employer levy).  Every figure
below is worked by hand from the packs' formulas."""
import csv
import io
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("places")
ZERO = "tests/cases/packs/places_zero.yaml"
THREE = "tests/cases/packs/places_three.yaml"

# Working, per employee (monthly, November 2026):
#   E1 monthly_pay 123457:
#     base_pay = gross = 123457                      -> "123457" (0 places)
#     tax = round(123457 * 5% = 6172.85, 0, half_up) -> "6173"
#     net = 123457 - 6173 = 117284 (the levy is the employer's)
#     worked_hours = 160, places: 2                  -> "160.00"
#     hourly = round(123457 / 160 = 771.60625, 3, half_up) = 771.606,
#       places: 4                                    -> "771.6060"
#     half = 123457 * 0.50 = 61728.50, no places     -> "61728.5"
#     levy = round(123457 * 1.25% = 1543.2125, 3, half_up) (a tie: up)
#                                                    -> "1543.213"
#   E2 monthly_pay 80000: tax 4000, net 76000, hourly 500 -> "500.0000",
#     half 40000.00 -> "40000", levy 1000 exactly -> "1000.000".
#   E3 monthly_pay 1000.5: more than 0 places -> rejected.
#   E4 monthly_pay 1000.0: equal to 1000 -> accepted, base_pay "1000";
#     tax round(50.00) "50", net "950", hourly 6.25 -> "6.2500",
#     half 500.00 -> "500", levy 12.5 -> "12.500".
WANT = {
    "E1": {"base_pay": "123457", "gross_pay": "123457", "tax": "6173",
           "net_pay": "117284", "worked_hours": "160.00",
           "hourly": "771.6060", "half": "61728.5", "levy": "1543.213"},
    "E2": {"base_pay": "80000", "gross_pay": "80000", "tax": "4000",
           "net_pay": "76000", "worked_hours": "160.00",
           "hourly": "500.0000", "half": "40000", "levy": "1000.000"},
    "E4": {"base_pay": "1000", "gross_pay": "1000", "tax": "50",
           "net_pay": "950", "worked_hours": "160.00",
           "hourly": "6.2500", "half": "500", "levy": "12.500"},
}
EMP = [{"employee_id": "E1", "monthly_pay": "123457"},
       {"employee_id": "E2", "monthly_pay": "80000"},
       {"employee_id": "E3", "monthly_pay": "1000.5"},
       {"employee_id": "E4", "monthly_pay": "1000.0"}]


def check_rows(case, got, want):
    for eid, cols in want.items():
        for col, w in cols.items():
            t.check_str("%s %s" % (case, eid), col, w,
                        got.get(eid, {}).get(col))


def read(path):
    if not os.path.exists(path):
        return {}
    with open(path, newline="") as f:
        return {r["employee_id"]: r for r in csv.DictReader(f)}


with tempfile.TemporaryDirectory() as d:
    y1 = os.path.join(d, "ytd1.csv")
    out, rej, _ = vlib.calc([ZERO, THREE], EMP, "2026-11",
                            extra_args=["-Y", y1])
    check_rows("1", out, WANT)
    t.check_str("1 E3", "rejected", "E3",
                ",".join(r["employee_id"] for r in rej))
    t.check_str("1 E3", "reason", "'1000.5' has more than 0 decimal places",
                rej[0].get("message") if rej else None)
    # YTD out with no YTD in: the period's values; worked_hours (a
    # balance, not money) without trailing zeros: "160".
    check_rows("1 ytd", read(y1), {
        e: {k: ("160" if k == "worked_hours" else v) for k, v in c.items()
            if k in ("gross_pay", "base_pay", "tax", "levy", "net_pay",
                     "worked_hours")} for e, c in WANT.items()})

    # With YTD in (last paid 2026-10-31, the same tax year):
    #   E1 gross 1000 + 123457 = 124457, tax 50 + 6173 = 6223,
    #      levy 0.5 + 1543.213 = 1543.713, net 950 + 117284 = 118234,
    #      worked_hours 150.5 + 160 = 310.5, base_pay (no column) 123457.
    #   E2 gross 81000, tax 4050, levy 0.25 + 1000 = 1000.25 -> "1000.250"
    #      (padded to 3), net 76950, worked_hours 150.50 + 160 = 310.50
    #      -> "310.5" (no trailing zeros).
    ytd = [{"employee_id": "E1", "last_pay_date": "2026-10-31",
            "gross_pay": "1000", "tax": "50", "levy": "0.5",
            "net_pay": "950", "worked_hours": "150.5"},
           {"employee_id": "E2", "last_pay_date": "2026-10-31",
            "gross_pay": "1000", "tax": "50", "levy": "0.25",
            "net_pay": "950", "worked_hours": "150.50"}]
    y2 = os.path.join(d, "ytd2.csv")
    vlib.calc([ZERO, THREE], EMP[:2], "2026-11", ytd=ytd,
              extra_args=["-Y", y2])
    check_rows("2 ytd", read(y2), {
        "E1": {"gross_pay": "124457", "base_pay": "123457", "tax": "6223",
               "levy": "1543.713", "net_pay": "118234",
               "worked_hours": "310.5"},
        "E2": {"gross_pay": "81000", "base_pay": "80000", "tax": "4050",
               "levy": "1000.250", "net_pay": "76950",
               "worked_hours": "310.5"}})

    # The packs the other way round: gross and net take the first pack's
    # places (3 now): E2 gross "80000.000", net "76000.000"; tax keeps
    # its own pack's 0 places ("4000"), the levy "1000.000".
    out, _, _ = vlib.calc([THREE, ZERO], EMP[1:2], "2026-11")
    check_rows("3", out, {"E2": {"gross_pay": "80000.000",
                                 "net_pay": "76000.000", "tax": "4000",
                                 "levy": "1000.000", "base_pay": "80000"}})

    # Errors: a value with more places than shown is never rounded
    # silently (the employee is rejected with the reason); places: out
    # of its range refused at load.
    def run(pack_text, emp_pay="123457"):
        p = os.path.join(d, "p.yaml")
        with open(p, "w") as f:
            f.write(pack_text)
        e = os.path.join(d, "e.csv")
        with open(e, "w") as f:
            f.write("employee_id,monthly_pay\nE1,%s\n" % emp_pay)
        r = subprocess.run([vlib.CALC, "-q", "-r", p, "-p", "2026-11",
                            "-R", os.path.join(d, "r.csv"), e],
                           capture_output=True, text=True)
        rp = os.path.join(d, "r.csv")
        rj = open(rp).read() if os.path.exists(rp) else ""
        return r.returncode, r.stdout, r.stderr + rj

    base = open(os.path.join(vlib.ROOT, ZERO)).read()
    # tax unrounded: 123457 * 5% = 6172.85, 2 places in a 0-place pack.
    st, so, se = run(base.replace('"round(base_pay * 5%, 0, half_up)"',
                                  '"base_pay * 5%"'))
    t.check_str("4 money", "status", 1, st)
    t.check_str("4 money", "message", True,
                "output 'tax' is 6172.85, with more than 0 decimal places"
                in se)
    # hourly rounded to 3 places but shown with places: 2:
    # 771.606 has 3 places.
    st, so, se = run(base.replace("hourly: {kind: info, places: 4}",
                                  "hourly: {kind: info, places: 2}"))
    t.check_str("4 info", "message", True,
                "output 'hourly' is 771.606, with more than 2 decimal places"
                in se)
    # ... and with places: 3 it fits exactly: "771.606".
    st, so, se = run(base.replace("hourly: {kind: info, places: 4}",
                                  "hourly: {kind: info, places: 3}"))
    r = {x["employee_id"]: x for x in csv.DictReader(io.StringIO(so))}
    t.check_str("4 info places 3", "hourly", "771.606",
                r.get("E1", {}).get("hourly"))
    # The ranges' ends: places 0 and 24, currency places 0 and 6 load;
    # 25 and 7 (and -1) do not.
    for pl, ok in (("0", True), ("24", True), ("25", False), ("-1", False)):
        st, so, se = run(base.replace("hourly: {kind: info, places: 4}",
                                      "hourly: {kind: info, places: %s}"
                                      % pl).replace(
                         '"round(base_pay / 160, 3, half_up)"', '"7"'))
        r = {x["employee_id"]: x for x in csv.DictReader(io.StringIO(so))}
        # 7 with places 0 -> "7"; with 24 -> "7." and 24 zeros.
        want = ("7" if pl == "0" else "7." + "0" * 24) if ok else None
        t.check_str("5 places %s" % pl, "hourly", want,
                    r.get("E1", {}).get("hourly"))
        if not ok:
            t.check_str("5 places %s" % pl, "message", True,
                        "places is 0 to 24" in se)
    for pl, ok in (("0", True), ("6", True), ("7", False), ("-1", False)):
        st, so, se = run(base.replace("places: 0}", "places: %s}" % pl))
        r = {x["employee_id"]: x for x in csv.DictReader(io.StringIO(so))}
        # gross 123457 at pl places: "123457" or "123457.000000".
        want = (("123457." + "0" * int(pl)).rstrip(".") if ok else None)
        t.check_str("6 currency places %s" % pl, "gross_pay", want,
                    r.get("E1", {}).get("gross_pay"))
        if not ok:
            t.check_str("6 currency places %s" % pl, "message", True,
                        "currency places is 0 to 6" in se)

sys.exit(0 if t.done() else 1)
