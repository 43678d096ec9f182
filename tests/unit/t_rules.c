/*
 * t_rules.c: the rule loader and a few evaluations, through the public
 * API (payroll_rules_load, payroll_calc_*).
 *
 * Each bad pack below is written here, so the line and column of the
 * fault are counted by hand from its text (lines and columns from 1, a
 * quoted scalar's text starting one column after its quote).  The
 * expected amounts are worked by hand from docs/rules.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "payroll.h"
#include "tap.h"

static char dir[] = "/tmp/t_rules.XXXXXX";
static char path[64];
static struct payroll_run run;
static struct payroll_diag diag;

/* Writes text to a pack file and loads it; returns the status. */
static int
load(const char *text, struct payroll_rules **out)
{
	const char *paths[1];
	FILE *fp;
	int st;

	snprintf(path, sizeof(path), "%s/pack.yaml", dir);
	if ((fp = fopen(path, "w")) == NULL ||
	    fwrite(text, 1, strlen(text), fp) != strlen(text) ||
	    fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(2);
	}
	paths[0] = path;
	payroll_diag_clear(&diag);
	*out = NULL;
	st = payroll_rules_load(paths, 1, &run, out, &diag);
	return st;
}

/* A pack that must fail at line:col with msg in the message. */
static void
bad(const char *what, const char *text, unsigned long line,
    unsigned long col, const char *msg)
{
	struct payroll_rules *r;
	int st = load(text, &r);

	ok(st == PAYROLL_ERULES && strcmp(diag.file, path) == 0 &&
	    diag.line == line && (col == 0 || diag.column == col) &&
	    strstr(diag.msg, msg) != NULL,
	    "%s: ERULES at %lu:%lu '%s' (got %d at %lu:%lu: %s)", what, line,
	    col, msg, st, diag.line, diag.column, diag.msg);
	if (st == PAYROLL_OK)
		payroll_rules_free(r);
}

static void
test_load_errors(void)
{
	struct payroll_rules *r;
	const char *paths[1];

	/* The good base the bad ones vary. */
	ok(load("pack: t/base\n"
	    "inputs:\n"
	    "  salary: {type: money, required: true}\n"
	    "formulas:\n"
	    "  pay: \"salary\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", &r) == PAYROLL_OK,
	    "a minimal pack loads (%s)", diag.msg);
	payroll_rules_free(r);

	/* Dated values strictly in date order: two values from the same
	 * day would leave which one applies to the file's order. */
	bad("two values of a parameter from the same date",
	    "parameters:\n"
	    "  rate:\n"
	    "    source: test\n"
	    "    values:\n"
	    "      - {from: 2026-01-01, value: 1%}\n"
	    "      - {from: 2026-01-01, value: 2%}\n"
	    "formulas:\n"
	    "  pay: \"rate\"\n"
	    "outputs:\n"
	    "  pay: {kind: info, places: 2}\n", 6, 0,
	    "values must be in increasing date order");
	bad("values of a parameter out of date order",
	    "parameters:\n"
	    "  rate:\n"
	    "    source: test\n"
	    "    values:\n"
	    "      - {from: 2026-07-01, value: 1%}\n"
	    "      - {from: 2026-01-01, value: 2%}\n"
	    "formulas:\n"
	    "  pay: \"rate\"\n"
	    "outputs:\n"
	    "  pay: {kind: info, places: 2}\n", 6, 0,
	    "values must be in increasing date order");

	/* line 4: `  pay: "salary + bonus"`: the quote is column 8, the
	 * text starts at 9, "bonus" at 9 + 9 = 18. */
	bad("unknown name",
	    "inputs:\n"
	    "  salary: {type: money, required: true}\n"
	    "formulas:\n"
	    "  pay: \"salary + bonus\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 4, 18, "unknown name 'bonus'");
	/* A plain scalar: "bonus" at 8 + 9 = 17. */
	bad("unknown name, plain scalar",
	    "inputs:\n"
	    "  salary: {type: money, required: true}\n"
	    "formulas:\n"
	    "  pay: salary + bonus\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 4, 17, "unknown name 'bonus'");
	/* At offset 0 of a quoted formula: the name is at column 9, one
	 * right of the quote. */
	bad("unknown function",
	    "formulas:\n"
	    "  pay: \"frobnicate(1)\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 2, 9, "unknown function 'frobnicate'");
	/* A cycle a -> b -> a: reported at a reference that closes it,
	 * 'b' in a (2:11) or 'a' in b (3:11). */
	{
		int st = load("formulas:\n"
		    "  a: \"1 + b\"\n"
		    "  b: \"1 + a\"\n"
		    "outputs:\n"
		    "  a: {kind: earning}\n", &r);

		ok(st == PAYROLL_ERULES && diag.column == 11 &&
		    (diag.line == 2 || diag.line == 3) &&
		    strstr(diag.msg, "cycle") != NULL,
		    "cycle: ERULES at 2:11 or 3:11 (got %lu:%lu: %s)",
		    diag.line, diag.column, diag.msg);
	}
	bad("self-reference",
	    "formulas:\n"
	    "  a: \"1 + a\"\n"
	    "outputs:\n"
	    "  a: {kind: earning}\n", 2, 11, "cycle");
	/* `  pay: "salary + status"`: a money and an enum cannot be added;
	 * the error names the enum operand, 'status' at 9 + 9 = 18. */
	{
		int st = load("inputs:\n"
		    "  salary: {type: money, required: true}\n"
		    "  status: {type: enum, values: [single, mfj]}\n"
		    "formulas:\n"
		    "  pay: \"salary + status\"\n"
		    "outputs:\n"
		    "  pay: {kind: earning}\n", &r);

		ok(st == PAYROLL_ERULES && diag.line == 5 &&
		    diag.column == 18 && strstr(diag.msg, "enum") != NULL,
		    "type mismatch money + enum: ERULES at 5:18 (got "
		    "%lu:%lu: %s)", diag.line, diag.column, diag.msg);
	}
	bad("comparing an enum with a value it does not have",
	    "inputs:\n"
	    "  status: {type: enum, values: [single, mfj]}\n"
	    "formulas:\n"
	    "  pay: \"if(status == 'maried', 1, 2)\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 4, 22, "'maried' is not one of");
	bad("if() with a number as condition",
	    "formulas:\n"
	    "  pay: \"if(1, 2, 3)\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 2, 12, "boolean");
	bad("empty formula",
	    "formulas:\n"
	    "  pay: \"\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 2, 8, "empty");
	bad("formula of only spaces",
	    "formulas:\n"
	    "  pay: \"   \"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 2, 0, "empty");
	/* The run is for November 2026; the only value is from 2027.  The
	 * values list begins with '-' at 5:7. */
	bad("parameter with no value on the run date",
	    "parameters:\n"
	    "  rate:\n"
	    "    source: \"test\"\n"
	    "    values:\n"
	    "      - {from: 2027-01-01, value: 5%}\n"
	    "formulas:\n"
	    "  pay: \"100 * rate\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 5, 7, "no value in force on 2026-11-30");
	bad("parameter without a source",
	    "parameters:\n"
	    "  rate: {value: 5%}\n"
	    "formulas:\n"
	    "  pay: \"100 * rate\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 2, 3, "source");
	bad("duplicate key",
	    "formulas:\n"
	    "  pay: \"1\"\n"
	    "  pay: \"2\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 3, 3, "duplicate key 'pay' (first at "
	    "line 2)");
	bad("duplicate top-level key",
	    "formulas:\n"
	    "  pay: \"1\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n"
	    "formulas:\n"
	    "  x: \"2\"\n", 5, 1, "duplicate key 'formulas'");
	/* An anchor is refused where it is defined, before any alias. */
	bad("YAML anchor and alias",
	    "parameters:\n"
	    "  a: &x {source: s, value: 1}\n"
	    "  b: *x\n", 2, 6, "anchors are not allowed");
	bad("YAML alias alone",
	    "parameters:\n"
	    "  b: *x\n", 2, 6, "aliases are not allowed");
	bad("billion laughs",
	    "a: &a [x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", 1, 4, "anchors");
	bad("unknown top-level key",
	    "pack: t\n"
	    "formula:\n"
	    "  pay: \"1\"\n", 2, 1, "unknown key 'formula'");
	bad("unknown input type",
	    "inputs:\n"
	    "  salary: {type: monney}\n", 2, 18, "unknown type 'monney'");
	bad("unknown output kind",
	    "formulas:\n"
	    "  pay: \"1\"\n"
	    "outputs:\n"
	    "  pay: {kind: earnings}\n", 4, 15, "unknown kind");
	bad("output naming nothing",
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 2, 3, "pay");
	bad("a tab in the indentation",
	    "formulas:\n"
	    "\tpay: \"1\"\n", 2, 1, "YAML");
	bad("not YAML at all",
	    "\x7f" "ELF\x02\x01\x01\0\0\0{[\n", 1, 1, "YAML");
	bad("a list, not a mapping",
	    "- a\n"
	    "- b\n", 1, 1, "mapping");
	bad("an empty file", "", 1, 1, "empty");
	bad("only a comment", "# nothing\n", 1, 1, "empty");
	bad("two YAML documents",
	    "pack: a\n"
	    "---\n"
	    "pack: b\n", 2, 1, "more than one");
	{
		char deep[1000];
		int i, n = 0;

		for (i = 0; i < 200; i++)
			deep[n++] = '[';
		for (i = 0; i < 200; i++)
			deep[n++] = ']';
		deep[n++] = '\n';
		deep[n] = '\0';
		bad("YAML nested 200 deep", deep, 1, 0, "nested too deeply");
	}
	bad("a bad date in a dated value",
	    "parameters:\n"
	    "  rate:\n"
	    "    source: s\n"
	    "    values:\n"
	    "      - {from: 2026-02-30, value: 1}\n", 5, 16, "date");
	bad("a decimal comma",
	    "parameters:\n"
	    "  rate:\n"
	    "    source: s\n"
	    "    value: 1,5\n", 4, 12, "not a number");
	bad("a bad rounding mode",
	    "formulas:\n"
	    "  pay: \"round(1.234, 2, half_odd)\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", 2, 25, "rounding mode 'half_odd'");

	/* Not found. */
	paths[0] = "/nonexistent/pack.yaml";
	payroll_diag_clear(&diag);
	ok(payroll_rules_load(paths, 1, &run, &r, &diag) == PAYROLL_EIO &&
	    strcmp(diag.file, "/nonexistent/pack.yaml") == 0,
	    "a missing pack: EIO naming the file (%s)", diag.msg);
	ok(payroll_rules_load(paths, 0, &run, &r, &diag) != PAYROLL_OK,
	    "no packs at all: an error");
}

/* Runs one record through calc and returns output `name` formatted. */
static const char *
calc1(struct payroll_rules *r, const char *const *names,
    const char *const *fields, size_t n, const char *name, int *st)
{
	static char buf[128];
	struct payroll_calc *c;
	size_t lens[16], i;

	strcpy(buf, "?");
	for (i = 0; i < n; i++)
		lens[i] = strlen(fields[i]);
	payroll_diag_clear(&diag);
	if ((*st = payroll_calc_new(r, names, n, &c, &diag)) != 0)
		return buf;
	if ((*st = payroll_calc_begin(c, fields, lens, n, &diag)) == 0 &&
	    (*st = payroll_calc_run(c, &diag)) == 0)
		for (i = 0; i < payroll_calc_noutputs(c); i++)
			if (strcmp(payroll_calc_output_name(c, i), name) == 0)
				payroll_calc_output_format(c, i, buf,
				    sizeof(buf));
	payroll_calc_free(c);
	return buf;
}

static void
test_eval(void)
{
	static const char pack[] =
	    "pack: t/eval\n"
	    "inputs:\n"
	    "  amount: {type: money, required: true}\n"
	    "scales:\n"
	    "  marg:\n"
	    "    source: test\n"
	    "    type: marginal\n"
	    "    values:\n"
	    "      - from: 2000-01-01\n"
	    "        brackets:\n"
	    "          - [0, 10%]\n"
	    "          - [100, 20%]\n"
	    "          - [200, 30%]\n"
	    "  band:\n"
	    "    source: test\n"
	    "    type: band\n"
	    "    values:\n"
	    "      - from: 2000-01-01\n"
	    "        brackets:\n"
	    "          - [0, 10%]\n"
	    "          - [100, 20%]\n"
	    "          - [200, 30%]\n"
	    "formulas:\n"
	    "  tax: \"round(scale(marg, amount), 2, half_up)\"\n"
	    "  rate: \"scale_rate(marg, amount)\"\n"
	    "  band_rate: \"scale(band, amount)\"\n"
	    "outputs:\n"
	    "  tax: {kind: withholding}\n"
	    "  rate: {kind: info, places: 2}\n"
	    "  band_rate: {kind: info, places: 2}\n"
	    ;
	static const struct {
		const char *amount, *tax, *rate, *band;
	} cases[] = {
		/* marginal: 10% of the part in [0,100), 20% of [100,200),
		 * 30% above: 200 -> 10 + 20 = 30. */
		{ "200.00", "30.00", "0.30", "0.30" },
		{ "0.00", "0.00", "0.10", "0.10" },
		{ "99.99", "10.00", "0.10", "0.10" },	/* 9.999 half-up */
		{ "100.00", "10.00", "0.20", "0.20" },
		{ "150.00", "20.00", "0.20", "0.20" },
		{ "199.99", "30.00", "0.20", "0.20" },	/* 29.998 */
		{ "250.00", "45.00", "0.30", "0.30" },
	};
	const char *names[] = { "employee_id", "amount" };
	const char *fields[2];
	struct payroll_rules *r;
	size_t i;
	int st;

	if (load(pack, &r) != PAYROLL_OK) {
		ok(0, "the evaluation pack loads (%lu:%lu: %s)", diag.line,
		    diag.column, diag.msg);
		return;
	}
	ok(1, "the evaluation pack loads");
	fields[0] = "E1";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got;

		fields[1] = cases[i].amount;
		got = calc1(r, names, fields, 2, "tax", &st);
		ok(st == 0 && strcmp(got, cases[i].tax) == 0,
		    "marginal scale on %s: tax %s (got %s)", cases[i].amount,
		    cases[i].tax, got);
		got = calc1(r, names, fields, 2, "rate", &st);
		ok(st == 0 && strcmp(got, cases[i].rate) == 0,
		    "scale_rate at %s: %s (got %s)", cases[i].amount,
		    cases[i].rate, got);
		got = calc1(r, names, fields, 2, "band_rate", &st);
		ok(st == 0 && strcmp(got, cases[i].band) == 0,
		    "band scale at %s: %s (got %s)", cases[i].amount,
		    cases[i].band, got);
	}
	fields[1] = "-0.01";
	calc1(r, names, fields, 2, "tax", &st);
	ok(st != PAYROLL_OK, "below the first bracket: the record fails "
	    "(%d: %s)", st, diag.msg);
	fields[1] = "12x";
	calc1(r, names, fields, 2, "tax", &st);
	ok(st == PAYROLL_EDATA && strcmp(diag.field, "amount") == 0,
	    "a bad amount: EDATA naming the field (%s)", diag.msg);
	{
		const char *n1[] = { "employee_id" };
		struct payroll_calc *c;

		payroll_diag_clear(&diag);
		ok(payroll_calc_new(r, n1, 1, &c, &diag) == PAYROLL_EDATA &&
		    strcmp(diag.field, "amount") == 0,
		    "a required input with no column: EDATA (%s)", diag.msg);
	}
	payroll_rules_free(r);

	/* Lazy evaluation: `ratio` divides by zero when amount is 0, but
	 * only the branch taken is evaluated, and `unused` is never
	 * needed. */
	ok(load("inputs:\n"
	    "  amount: {type: money, required: true}\n"
	    "formulas:\n"
	    "  zero_div: \"amount / (amount - amount)\"\n"
	    "  unused: \"zero_div * 2\"\n"
	    "  ratio: \"if(amount > 0, amount, zero_div)\"\n"
	    "  third: \"round(amount / 3, 2, up)\"\n"
	    "outputs:\n"
	    "  ratio: {kind: earning}\n"
	    "  third: {kind: earning}\n", &r) == PAYROLL_OK,
	    "lazy pack loads (%s)", diag.msg);
	fields[1] = "100.00";
	is_str(calc1(r, names, fields, 2, "ratio", &st), "100.00",
	    "lazy if(): the untaken division by zero is not evaluated");
	is_str(calc1(r, names, fields, 2, "third", &st), "33.34",
	    "round(100 / 3, 2, up) = 33.34");
	fields[1] = "0.00";
	calc1(r, names, fields, 2, "ratio", &st);
	ok(st == PAYROLL_EDIVZERO,
	    "the taken branch divides by zero: EDIVZERO (got %d: %s)", st,
	    diag.msg);
	ok(strstr(diag.file, "pack.yaml") != NULL && diag.line == 4,
	    "the division's formula is named at pack.yaml:4 (got %s:%lu)",
	    diag.file, diag.line);
	payroll_rules_free(r);

	/* Money outputs must be exact to the currency's places. */
	ok(load("inputs:\n"
	    "  amount: {type: money, required: true}\n"
	    "formulas:\n"
	    "  pay: \"amount / 3\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", &r) == PAYROLL_OK, "unrounded pack "
	    "loads");
	fields[1] = "100.00";
	calc1(r, names, fields, 2, "pay", &st);
	ok(st != PAYROLL_OK, "an unrounded money output (33.333...) fails the "
	    "record, never rounds silently (%d: %s)", st, diag.msg);
	payroll_rules_free(r);

	/* round_unit() to a unit computed as 0 (or less) fails the record
	 * with the formula's own message, not a bare arithmetic error. */
	ok(load("inputs:\n"
	    "  amount: {type: money, required: true}\n"
	    "  unit: {type: money, required: true}\n"
	    "formulas:\n"
	    "  pay: \"round_unit(amount, unit, half_up)\"\n"
	    "outputs:\n"
	    "  pay: {kind: earning}\n", &r) == PAYROLL_OK, "round_unit pack "
	    "loads (%s)", diag.msg);
	{
		const char *n3[] = { "employee_id", "amount", "unit" };
		const char *f3[] = { "E1", "100.07", "0.05" };

		is_str(calc1(r, n3, f3, 3, "pay", &st), "100.05",
		    "round_unit(100.07, 0.05, half_up) = 100.05");
		f3[2] = "0.00";
		calc1(r, n3, f3, 3, "pay", &st);
		ok(st == PAYROLL_EDATA && strstr(diag.msg, "the rounding unit "
		    "must be positive") != NULL, "round_unit to a unit of 0: "
		    "EDATA, 'the rounding unit must be positive' (%d: %s)", st,
		    diag.msg);
		f3[2] = "-0.05";
		calc1(r, n3, f3, 3, "pay", &st);
		ok(st == PAYROLL_EDATA && strstr(diag.msg, "the rounding unit "
		    "must be positive") != NULL, "round_unit to a negative "
		    "unit: the same (%d: %s)", st, diag.msg);
	}
	payroll_rules_free(r);
}

/*
 * covers: {from, to} holds both its days (docs/rules.md: "the dates the
 * pack has figures for", inclusive, as a tax year 2024-01-01 to
 * 2026-12-31 holds 31 December).  The run is monthly 2026-11, paid on
 * its last day, 2026-11-30: a pack covering to 2026-11-30, or from
 * 2026-11-30, loads; to 2026-11-29 or from 2026-12-01 is refused.
 */
/*
 * The built-in functions of docs/rules.md, each on values worked by hand
 * (none from running this code).  Dates: 2026-01-01 was a Thursday, so
 * 2026-02-27 (day 58, 57 days later, 57 = 8 x 7 + 1) was a Friday.
 */
static void
test_builtins(void)
{
	static const char pack[] =
	    "pack: t/builtins\n"
	    "inputs:\n"
	    "  x: {type: decimal, required: true}\n"
	    "  n: {type: decimal, default: 28}\n"
	    "  d1: {type: date, required: true}\n"
	    "  d2: {type: date, required: true}\n"
	    "formulas:\n"
	    "  f_abs: \"abs(x)\"\n"
	    "  f_mod: \"mod(x, 1)\"\n"
	    "  f_min: \"min(x, 1, -1)\"\n"
	    "  f_max: \"max(x, 1, -1)\"\n"
	    "  f_diff: \"d2 - d1\"\n"
	    "  f_days: \"days(d1, d2)\"\n"
	    "  f_weekdays: \"weekdays(d1, d2)\"\n"
	    "  f_plus: \"day(d1 + 3)\"\n"
	    "  f_minus: \"month(d2 - 2)\"\n"
	    "  f_date: \"day(date(year(d1), 2, n))\"\n"
	    "  f_floor: \"round_unit(x, 0.05, floor)\"\n"
	    "  f_ceil: \"round_unit(x, 0.05, ceiling)\"\n"
	    "  f_hdown: \"round(x, 1, half_down)\"\n"
	    "outputs:\n"
	    "  f_abs: {kind: info, places: 2}\n"
	    "  f_mod: {kind: info, places: 2}\n"
	    "  f_min: {kind: info, places: 2}\n"
	    "  f_max: {kind: info, places: 2}\n"
	    "  f_diff: {kind: info, places: 0}\n"
	    "  f_days: {kind: info, places: 0}\n"
	    "  f_weekdays: {kind: info, places: 0}\n"
	    "  f_plus: {kind: info, places: 0}\n"
	    "  f_minus: {kind: info, places: 0}\n"
	    "  f_date: {kind: info, places: 0}\n"
	    "  f_floor: {kind: info, places: 2}\n"
	    "  f_ceil: {kind: info, places: 2}\n"
	    "  f_hdown: {kind: info, places: 2}\n"
	    ;
	static const struct {
		const char *x, *out, *want, *why;
	} cases[] = {
		{ "-2.25", "f_abs", "2.25", "abs of a negative" },
		{ "3.25", "f_abs", "3.25", "abs of a positive" },
		{ "-2.25", "f_mod", "-0.25", "mod keeps the sign of a "
		    "(-2.25 = -2 x 1 - 0.25)" },
		{ "3.25", "f_mod", "0.25", "mod of a positive" },
		{ "-2.25", "f_min", "-2.25", "min of three" },
		{ "-2.25", "f_max", "1.00", "max of three" },
		{ "0", "f_diff", "3", "2026-03-02 - 2026-02-27: 3 days "
		    "(28 February, 1 and 2 March)" },
		{ "0", "f_days", "4", "days() counts both ends" },
		{ "0", "f_weekdays", "2", "Fri 27 Feb to Mon 2 Mar: Friday "
		    "and Monday" },
		{ "0", "f_plus", "2", "2026-02-27 + 3 days is 2 March" },
		{ "0", "f_minus", "2", "2026-03-02 - 2 days is 28 February" },
		{ "0", "f_date", "28", "date(2026, 2, 28)" },
		{ "-2.26", "f_floor", "-2.30", "floor to 0.05 of a negative "
		    "goes down" },
		{ "-2.26", "f_ceil", "-2.25", "ceiling to 0.05 of a negative "
		    "goes up" },
		{ "2.25", "f_hdown", "2.20", "half_down: 2.25 to 2.2" },
		{ "2.35", "f_hdown", "2.30", "half_down: 2.35 to 2.3" },
		{ "2.36", "f_hdown", "2.40", "half_down: 2.36 to 2.4" },
	};
	const char *names[] = { "employee_id", "x", "d1", "d2", "n" };
	const char *fields[5] = { "E1", NULL, "2026-02-27", "2026-03-02",
	    "28" };
	struct payroll_rules *r;
	size_t i;
	int st;

	if (load(pack, &r) != PAYROLL_OK) {
		ok(0, "the built-ins pack loads (%lu:%lu: %s)", diag.line,
		    diag.column, diag.msg);
		return;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got;

		fields[1] = cases[i].x;
		got = calc1(r, names, fields, 5, cases[i].out, &st);
		ok(st == 0 && strcmp(got, cases[i].want) == 0,
		    "%s: %s(%s) = %s (got %s)", cases[i].why, cases[i].out,
		    cases[i].x, cases[i].want, got);
	}
	/* date(2026, 2, 29) and date(2026, 2, 31) are no dates: the record
	 * fails; 2024 had a 29 February. */
	fields[1] = "0";
	fields[4] = "29";
	calc1(r, names, fields, 5, "f_date", &st);
	ok(st == PAYROLL_EDATA, "date(2026, 2, 29) fails the record (%s)",
	    diag.msg);
	fields[4] = "31";
	calc1(r, names, fields, 5, "f_date", &st);
	ok(st == PAYROLL_EDATA, "date(2026, 2, 31) fails the record (%s)",
	    diag.msg);
	fields[2] = "2024-02-27";
	fields[4] = "29";
	ok(strcmp(calc1(r, names, fields, 5, "f_date", &st), "29") == 0 &&
	    st == 0, "date(2024, 2, 29) is a date");
	payroll_rules_free(r);
}

/*
 * working_days() and period.working_days: Monday-to-Friday days that are
 * not holidays of the calendar (docs/rules.md).  A holiday on a Saturday
 * or a Sunday takes no working day away: 4 July 2026 was a Saturday
 * (Independence Day, observed on Friday 3 July, 5 U.S.C. 6103(b)(1)).
 * Weekdays counted by hand: November 2026 began on a Sunday (2026-01-01
 * a Thursday, 1 November 304 = 43 x 7 + 3 days later); its Saturdays are
 * the 7th, 14th, 21st and 28th, its Sundays the 1st, 8th, 15th, 22nd and
 * 29th: 30 - 9 = 21 weekdays.  Holidays on Saturday 7 and Sunday 8
 * November, Wednesday 11 (Veterans Day), Thursday 26 (Thanksgiving) and
 * Tuesday 1 December (outside): 21 - 2 = 19.  1 to 10 July 2026: Wed 1,
 * Thu 2, Fri 3, Mon 6 to Fri 10: 8 weekdays; less Friday 3 July, and
 * not Saturday 4 July: 7.  (Mutant s5-rules-holiday-sat took the
 * Saturday holidays off too: 6, 18, and -1 for the weekend of 7-8 Nov.)
 */
static void
test_working_days(void)
{
	static const char pack[] =
	    "pack: t/workdays\n"
	    "inputs:\n"
	    "  d1: {type: date, required: true}\n"
	    "  d2: {type: date, required: true}\n"
	    "formulas:\n"
	    "  f_wd: \"working_days(d1, d2)\"\n"
	    "  f_pwd: \"period.working_days\"\n"
	    "outputs:\n"
	    "  f_wd: {kind: info, places: 0}\n"
	    "  f_pwd: {kind: info, places: 0}\n";
	static const char *const hol[] = { "2026-07-03", "2026-07-04",
	    "2026-11-07", "2026-11-08", "2026-11-11", "2026-11-26",
	    "2026-12-01" };
	payroll_date h[7];
	const char *names[] = { "employee_id", "d1", "d2" };
	const char *fields[3] = { "E1", "2026-07-01", "2026-07-10" };
	struct payroll_rules *r;
	const char *got;
	size_t i;
	int st;

	for (i = 0; i < 7; i++)
		if (payroll_date_parse(hol[i], 10, &h[i]) != 0) {
			printf("Bail out! date %s\n", hol[i]);
			exit(2);
		}
	run.holidays = h;
	run.nholidays = 7;
	st = load(pack, &r);
	run.holidays = NULL;
	run.nholidays = 0;
	if (st != PAYROLL_OK) {
		ok(0, "the working-days pack loads (%lu:%lu: %s)", diag.line,
		    diag.column, diag.msg);
		return;
	}
	got = calc1(r, names, fields, 3, "f_wd", &st);
	ok(st == 0 && strcmp(got, "7") == 0, "working_days(2026-07-01, "
	    "2026-07-10), holidays Fri 3 and Sat 4 July: 8 weekdays less "
	    "Friday = 7 (got %s)", got);
	got = calc1(r, names, fields, 3, "f_pwd", &st);
	ok(st == 0 && strcmp(got, "19") == 0, "period.working_days of "
	    "November 2026, holidays Sat 7, Sun 8, Wed 11, Thu 26 Nov and "
	    "1 Dec: 21 weekdays less 2 = 19 (got %s)", got);
	fields[1] = "2026-11-07";
	fields[2] = "2026-11-08";
	got = calc1(r, names, fields, 3, "f_wd", &st);
	ok(st == 0 && strcmp(got, "0") == 0, "working_days of a weekend "
	    "whose days are both holidays: 0, never negative (got %s)", got);
	payroll_rules_free(r);
}

static void
test_covers(void)
{
	static const struct {
		const char *covers;
		int want;
	} c[] = {
		{ "{from: 2026-01-01, to: 2026-11-30}", PAYROLL_OK },
		{ "{from: 2026-11-30, to: 2026-12-31}", PAYROLL_OK },
		{ "{from: 2026-11-30, to: 2026-11-30}", PAYROLL_OK },
		{ "{from: 2026-01-01, to: 2026-11-29}", PAYROLL_ERULES },
		{ "{from: 2026-12-01, to: 2026-12-31}", PAYROLL_ERULES },
	};
	struct payroll_rules *r;
	char text[256];
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int st;

		snprintf(text, sizeof(text), "pack: t/covers\n"
		    "covers: %s\n"
		    "inputs:\n"
		    "  salary: {type: money, required: true}\n"
		    "formulas:\n"
		    "  pay: \"salary\"\n"
		    "outputs:\n"
		    "  pay: {kind: earning}\n", c[i].covers);
		st = load(text, &r);
		ok(st == c[i].want && (st == PAYROLL_OK ||
		    strstr(diag.msg, "not for 2026-11-30") != NULL),
		    "covers %s, paid 2026-11-30: %s (got %d: %s)", c[i].covers,
		    c[i].want == PAYROLL_OK ? "loads" : "refused", st,
		    diag.msg);
		if (st == PAYROLL_OK)
			payroll_rules_free(r);
	}
}

int
main(void)
{
	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 2;
	}
	if (payroll_period_parse("2026-11", PAYROLL_FREQ_MONTHLY,
	    &run.period) != 0) {
		printf("Bail out! period\n");
		return 2;
	}
	test_load_errors();
	test_eval();
	test_builtins();
	test_covers();
	test_working_days();
	unlink(path);
	rmdir(dir);
	return tap_done();
}
