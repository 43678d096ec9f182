/*
 * t_packdiag.c: the rule-pack loader's refusals, section by section
 * (libpayroll/rules.c, symtab.c), and the choices it makes on a good
 * pack (which dated value is in force, covers: against the pack's own
 * date, bracket order, the accessors of outputs).
 *
 * Each bad pack is written here, so the line and column of the fault are
 * counted by hand from its text: lines and columns from 1; a node starts
 * at its first character (the quote of a quoted scalar, the bracket or
 * brace of a flow collection, the first key of a block mapping).  In the
 * one-line flow mappings below the count is written out where it is not
 * obvious.  Messages are the ones rules.c writes for each fault; the
 * tests ask for the message's distinctive part and the exact place.
 *
 * The run is monthly, November 2026, paid on its last day (2026-11-30),
 * unless a test moves the pay date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "payroll.h"
#include "packtext.h"
#include "tap.h"

static char dir[] = "/tmp/t_packdiag.XXXXXX";
static char path[2][64];
static struct payroll_run run;
static struct payroll_diag diag;

/* Loads one pack (t2 == NULL) or two packs, in that order. */
static int
load2(const char *t1, const char *t2, struct payroll_rules **out)
{
	const char *paths[2];

	packtext_put(path[0], t1);
	paths[0] = path[0];
	if (t2 != NULL) {
		packtext_put(path[1], t2);
		paths[1] = path[1];
	}
	payroll_diag_clear(&diag);
	*out = NULL;
	return payroll_rules_load(paths, t2 != NULL ? 2 : 1, &run, out, &diag);
}

/* Packs that must fail in file `in` (0, 1) at line:col with msg. */
static void
bad2(const char *what, const char *t1, const char *t2, int in,
    unsigned long line, unsigned long col, const char *msg)
{
	struct payroll_rules *r;
	int st = load2(t1, t2, &r);

	ok(st == PAYROLL_ERULES && strcmp(diag.file, path[in]) == 0 &&
	    diag.line == line && diag.column == col &&
	    strstr(diag.msg, msg) != NULL,
	    "%s: ERULES at %lu:%lu '%s' (got %d at %s:%lu:%lu: %s)", what,
	    line, col, msg, st, diag.file, diag.line, diag.column, diag.msg);
	if (st == PAYROLL_OK)
		payroll_rules_free(r);
}

static void
bad(const char *what, const char *text, unsigned long line,
    unsigned long col, const char *msg)
{
	bad2(what, text, NULL, 0, line, col, msg);
}

/* A pack that must load; the rules (free them), or NULL. */
static struct payroll_rules *
good(const char *what, const char *t1, const char *t2)
{
	struct payroll_rules *r;
	int st = load2(t1, t2, &r);

	ok(st == PAYROLL_OK, "%s: loads (got %d at %lu:%lu: %s)", what, st,
	    diag.line, diag.column, diag.msg);
	return st == PAYROLL_OK ? r : NULL;
}

/* Runs one record (employee_id E1 and the given fields) and returns
 * output `name` formatted, "?" when it fails. */
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
test_inputs(void)
{
	bad("inputs not a mapping", "inputs: [x]\n", 1, 9,
	    "'inputs' must be a mapping");
	bad("an input that is not a mapping", "inputs:\n  x: 5\n", 2, 6,
	    "input 'x' must be a mapping with a 'type'");
	bad("an input without a type", "inputs:\n  x: {required: true}\n", 2,
	    6, "input 'x' has no type");
	/* The enum's declaration, when it has no values at all: the error
	 * still has a place (it had none: file "" line 0). */
	bad("an enum without values", "inputs:\n  k: {type: enum}\n", 2, 6,
	    "an enum needs 'values', a list of names");
	/* `  k: {type: enum, values: []}`: { 6, type 7, enum 13, values
	 * 19, [ 27. */
	bad("an enum with an empty list", "inputs:\n"
	    "  k: {type: enum, values: []}\n", 2, 27,
	    "an enum needs 'values'");
	/* [ 27, a 28, "" 31. */
	bad("an empty enum value", "inputs:\n"
	    "  k: {type: enum, values: [a, \"\"]}\n", 2, 31,
	    "enum values must be non-empty words");
	bad("an enum value that is a list", "inputs:\n"
	    "  k: {type: enum, values: [a, [b]]}\n", 2, 31,
	    "enum values must be non-empty words");
	/* [ 27, a 28, b 31, a 34. */
	bad("a duplicate enum value", "inputs:\n"
	    "  k: {type: enum, values: [a, b, a]}\n", 2, 34,
	    "duplicate enum value 'a'");
	/* `  x: {type: decimal, values: [a]}`: decimal 13-19, values 22,
	 * [ 30. */
	bad("values on a decimal input", "inputs:\n"
	    "  x: {type: decimal, values: [a]}\n", 2, 30,
	    "'values' is only for enum inputs");
	/* required 22, true 32, default 38, 1 47. */
	bad("a required input with a default", "inputs:\n"
	    "  x: {type: decimal, required: true, default: 1}\n", 2, 47,
	    "a required input has no default");
	/* default 22, value 31. */
	bad("a default that is a list", "inputs:\n"
	    "  x: {type: decimal, default: [1]}\n", 2, 31,
	    "expected a single value");
	bad("a decimal default that is no number", "inputs:\n"
	    "  x: {type: decimal, default: abc}\n", 2, 31,
	    "'abc' is not a number");
	bad("an integer default with a fraction", "inputs:\n"
	    "  x: {type: integer, default: 1.5}\n", 2, 31,
	    "expected an integer");
	/* `  x: {type: bool, default: maybe}`: bool 13-16, default 19,
	 * maybe 28. */
	bad("a bool default that is neither", "inputs:\n"
	    "  x: {type: bool, default: maybe}\n", 2, 28,
	    "expected true or false");
	bad("a date default that is no date", "inputs:\n"
	    "  x: {type: date, default: 2026-02-30}\n", 2, 28,
	    "expected a date YYYY-MM-DD, not '2026-02-30'");
	/* enum 13, values 19, [ 27, ] 32, default 35, c 44. */
	bad("an enum default not among the values", "inputs:\n"
	    "  x: {type: enum, values: [a, b], default: c}\n", 2, 44,
	    "'c' is not one of the values");
	/* min 22, abc 27. */
	bad("a min that is no number", "inputs:\n"
	    "  x: {type: decimal, min: abc}\n", 2, 27, "'abc' is not a number");
	bad("a max that is a list", "inputs:\n"
	    "  x: {type: decimal, max: [1]}\n", 2, 27, "expected a number");
	/* string 13-18, pattern 21, [ 30. */
	bad("a pattern that is a list", "inputs:\n"
	    "  x: {type: string, pattern: [a]}\n", 2, 30,
	    "pattern must be a single value");
	/* string 13-18, pattern 21, its quote 30; a group left open and
	 * a bracket left open: no regular expression. */
	bad("a pattern with an open group", "inputs:\n"
	    "  x: {type: string, pattern: \"(a\"}\n", 2, 30,
	    "bad regular expression '(a'");
	bad("a pattern with an open bracket", "inputs:\n"
	    "  x: {type: string, pattern: '[0-9'}\n", 2, 30,
	    "bad regular expression '[0-9'");
}

/*
 * Defaults of bool, date and integer inputs, used when the record has
 * no such field: b is false ("no"), b2 true ("yes"), d 2026-02-27,
 * n 7.  Worked: if(b, 1, 2) = 2, if(b2, 1, 2) = 1, day(d) = 27,
 * n * 2 = 14.  The enum default y (one of the values) loads.
 */
static void
test_defaults(void)
{
	static const char pack[] =
	    "inputs:\n"
	    "  b: {type: bool, default: no}\n"
	    "  b2: {type: bool, default: yes}\n"
	    "  d: {type: date, default: 2026-02-27}\n"
	    "  e: {type: enum, values: [x, y], default: y}\n"
	    "  n: {type: integer, default: 7}\n"
	    "formulas:\n"
	    "  f_b: \"if(b, 1, 2)\"\n"
	    "  f_b2: \"if(b2, 1, 2)\"\n"
	    "  f_d: \"day(d)\"\n"
	    "  f_n: \"n * 2\"\n"
	    "outputs:\n"
	    "  f_b: {kind: info, places: 0}\n"
	    "  f_b2: {kind: info, places: 0}\n"
	    "  f_d: {kind: info, places: 0}\n"
	    "  f_n: {kind: info, places: 0}\n";
	const char *names[] = { "employee_id" };
	const char *fields[] = { "E1" };
	struct payroll_rules *r;
	const char *got;
	int st;

	if ((r = good("defaults of each type", pack, NULL)) == NULL)
		return;
	got = calc1(r, names, fields, 1, "f_b", &st);
	ok(st == 0 && strcmp(got, "2") == 0, "default: no is false: "
	    "if(b, 1, 2) = 2 (got %s)", got);
	got = calc1(r, names, fields, 1, "f_b2", &st);
	ok(st == 0 && strcmp(got, "1") == 0, "default: yes is true: "
	    "if(b2, 1, 2) = 1 (got %s)", got);
	got = calc1(r, names, fields, 1, "f_d", &st);
	ok(st == 0 && strcmp(got, "27") == 0, "a date default: day(d) = 27 "
	    "(got %s)", got);
	got = calc1(r, names, fields, 1, "f_n", &st);
	ok(st == 0 && strcmp(got, "14") == 0, "an integer default: n * 2 "
	    "= 14 (got %s)", got);
	payroll_rules_free(r);

	/*
	 * An empty field takes the default without the range checks, so a
	 * default outside min..max is refused at load: at the default's
	 * value (line 4, column 14: the '0' of "    default: 0"; in the
	 * flow mappings, column 31 is the default's first digit and 35
	 * max's).  A default
	 * on a bound is in range.
	 */
	bad("a money default below its min",
	    "inputs:\n  x:\n    type: money\n    default: 0\n    min: 1\n",
	    4, 14, "input 'x': the default is outside its min and max");
	bad("an integer default above its max",
	    "inputs:\n  x: {type: integer, default: 10, max: 9}\n",
	    2, 31, "input 'x': the default is outside its min and max");
	bad("a decimal default a hair below its min",
	    "inputs:\n  x: {type: decimal, default: 0.999, min: 1}\n",
	    2, 31, "input 'x': the default is outside its min and max");
	bad("max below min",
	    "inputs:\n  x: {type: decimal, min: 2, max: 1.5}\n",
	    2, 35, "input 'x': max is below min");
	/* Quoted, the same places: the value's first character is its
	 * opening quote. */
	bad("a quoted money default below its min",
	    "inputs:\n  x:\n    type: money\n    default: \"0\"\n    min: 1\n",
	    4, 14, "input 'x': the default is outside its min and max");
	bad("a quoted integer default above its max",
	    "inputs:\n  x: {type: integer, default: '10', max: 9}\n",
	    2, 31, "input 'x': the default is outside its min and max");
	bad("a quoted max below min",
	    "inputs:\n  x: {type: decimal, min: 2, max: \"1.5\"}\n",
	    2, 35, "input 'x': max is below min");
	if ((r = good("defaults on their bounds",
	    "inputs:\n  x: {type: money, default: 0, min: 0, max: 5}\n"
	    "  y: {type: integer, default: 5, min: 0, max: 5}\n"
	    "  z: {type: decimal, min: 1, max: 1}\n", NULL)) != NULL)
		payroll_rules_free(r);
}

static void
test_params(void)
{
	struct payroll_rules *r;

	bad("parameters not a mapping", "parameters: [a]\n", 1, 13,
	    "'parameters' must be a mapping");
	bad("a parameter that is not a mapping", "parameters:\n  p: 5\n", 2,
	    6, "parameter 'p' must be a mapping with 'source'");
	/* `  p: {source: s, value: 1, foo: 2}`: source 7, s 15, value 18,
	 * 1 25, foo 28. */
	bad("an unknown key in a parameter", "parameters:\n"
	    "  p: {source: s, value: 1, foo: 2}\n", 2, 28,
	    "unknown key 'foo' in a parameter");
	/* values 28, [ 36. */
	bad("both value and values", "parameters:\n"
	    "  p: {source: s, value: 1, values: [{from: 2020-01-01, value: "
	    "2}]}\n", 2, 36, "parameter 'p' has both 'value' and 'values'");
	/* values 18, its value 26. */
	bad("values that is no list", "parameters:\n"
	    "  p: {source: s, values: 5}\n", 2, 26,
	    "parameter 'p': 'values' must be a list of {from: DATE, ...}");
	bad("a dated value that is no mapping", "parameters:\n"
	    "  p: {source: s, values: [5]}\n", 2, 27,
	    "parameter 'p': each value is a mapping with 'from'");
	bad("a dated value without from", "parameters:\n"
	    "  p: {source: s, values: [{value: 1}]}\n", 2, 27,
	    "parameter 'p': value without 'from' date");
	/* [ 26, { 27, from 28, date 34. */
	bad("a dated value with a bad from", "parameters:\n"
	    "  p: {source: s, values: [{from: 2026-13-01, value: 1}]}\n", 2,
	    34, "expected a date YYYY-MM-DD, not '2026-13-01'");
	bad("a dated value without value", "parameters:\n"
	    "  p: {source: s, values: [{from: 2020-01-01}]}\n", 2, 27,
	    "parameter 'p': dated value without 'value'");
	bad("a parameter without value or values", "parameters:\n"
	    "  p: {source: s}\n", 2, 6,
	    "parameter 'p' has no 'value' or 'values'");
	/* value 18, [ 25. */
	bad("a value that is a list", "parameters:\n"
	    "  p: {source: s, value: [1]}\n", 2, 25,
	    "a parameter value is a number or a quoted string");
	bad("a parameter without a source", "parameters:\n"
	    "  p: {value: 1}\n", 2, 3, "parameter 'p' does not name its "
	    "source");
	bad("a parameter with an empty source", "parameters:\n"
	    "  p: {source: \"\", value: 1}\n", 2, 3,
	    "parameter 'p' does not name its source");
	/* symtab.c: names are words, an override needs something to
	 * override. */
	bad("a parameter name that is no word", "parameters:\n"
	    "  9p: {source: s, value: 1}\n", 2, 3,
	    "'9p' is not a valid name (letters, digits and _)");
	bad("a name with a dash", "parameters:\n"
	    "  a-b: {source: s, value: 1}\n", 2, 3,
	    "'a-b' is not a valid name (letters, digits and _)");
	r = good("names from _ and with digits", "parameters:\n"
	    "  _a9: {source: s, value: 1}\n  Z_0: {source: s, value: 2}\n",
	    NULL);
	is_str(packtext_param(r, "Z_0"), "2", "Z_0 = 2");
	if (r != NULL)
		payroll_rules_free(r);
	bad("an override of nothing", "parameters:\n"
	    "  p: {source: s, value: 1, override: true}\n", 2, 3,
	    "'p' overrides nothing: no earlier pack declares it");

	/* The source of the dated value in force is enough. */
	r = good("a source on the dated value only", "parameters:\n"
	    "  p: {values: [{from: 2020-01-01, value: 1, source: s}]}\n",
	    NULL);
	if (r != NULL)
		payroll_rules_free(r);
	/* ... but only the one in force: the run is on 2026-11-30, the
	 * value in force (from 2026-01-01) names none, and the
	 * declaration none either. */
	bad("a source on an older dated value only", "parameters:\n"
	    "  p:\n"
	    "    values:\n"
	    "      - {from: 2020-01-01, value: 1, source: s}\n"
	    "      - {from: 2026-01-01, value: 2}\n", 2, 3,
	    "parameter 'p' does not name its source");
}

/*
 * The dated value in force on the pack's date is the one with the latest
 * from: not after it (docs/rules.md): a from: on the date itself is in
 * force that day, one a day later is not.  The pack's date is the pay
 * date unless effective: says period_start or period_end.  With the pay
 * date moved to 2026-12-05 (November paid in December), the three dates
 * differ: period_start 2026-11-01, period_end 2026-11-30, pay date
 * 2026-12-05.
 */
static void
test_dated(void)
{
	static const char vals[] =
	    "parameters:\n"
	    "  p:\n"
	    "    source: s\n"
	    "    values:\n"
	    "      - {from: 2026-01-01, value: 1}\n"
	    "      - {from: 2026-11-02, value: 2}\n"
	    "      - {from: 2026-11-30, value: 3}\n"
	    "      - {from: 2026-12-01, value: 4}\n"
	    "      - {from: 2026-12-05, value: 5}\n"
	    "      - {from: 2026-12-06, value: 6}\n";
	static const struct {
		const char *effective;
		int pay_dec5;
		const char *want;
		const char *why;
	} c[] = {
		{ NULL, 0, "3", "paid 2026-11-30: the value from that very "
		    "day (not 2, from the day before; not 4, from the day "
		    "after)" },
		{ NULL, 1, "5", "paid 2026-12-05: the value from that day "
		    "(not 6, from the day after)" },
		{ "pay_date", 1, "5", "effective: pay_date, paid 2026-12-05" },
		{ "period_end", 1, "3", "effective: period_end: 2026-11-30" },
		{ "period_start", 1, "1", "effective: period_start: "
		    "2026-11-01 (from 2026-11-02 is a day late)" },
	};
	payroll_date pay = run.period.pay_date, dec5;
	char text[512];
	size_t i;

	if (payroll_date_parse("2026-12-05", 10, &dec5) != 0) {
		printf("Bail out! date\n");
		exit(2);
	}
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct payroll_rules *r;

		snprintf(text, sizeof(text), "%s%s%s%s",
		    c[i].effective ? "effective: " : "",
		    c[i].effective ? c[i].effective : "",
		    c[i].effective ? "\n" : "", vals);
		run.period.pay_date = c[i].pay_dec5 ? dec5 : pay;
		r = good(c[i].why, text, NULL);
		is_str(packtext_param(r, "p"), c[i].want, "%s: p = %s", c[i].why,
		    c[i].want);
		if (r != NULL)
			payroll_rules_free(r);
	}
	run.period.pay_date = pay;

	/*
	 * covers: holds pay dates (docs/rules.md: "a run paid outside them
	 * is refused at load (whatever effective: says)"), so November
	 * paid on 5 December is refused by a pack covering to 30 November
	 * even when its figures are picked on the period's end; and a pack
	 * covering from 2 November takes November paid on the 30th though
	 * effective: period_start picks its figures on the 1st.  The same
	 * when effective: is in an earlier file of the pack than covers:
	 * the order of a pack's files does not matter (it did: covers was
	 * checked on the date set by the files read before it).
	 */
	run.period.pay_date = dec5;
	bad("covers to 2026-11-30, effective: period_end, paid 2026-12-05",
	    "effective: period_end\n"
	    "covers: {from: 2026-01-01, to: 2026-11-30}\n"
	    "parameters:\n"
	    "  p: {source: s, value: 1}\n", 2, 9,
	    "holds figures for 2026-01-01 to 2026-11-30, not for 2026-12-05");
	{
		char sub[96], f1[128], f2[128];
		const char *paths[1];
		struct payroll_rules *r = NULL;
		int st;

		snprintf(sub, sizeof(sub), "%s/pk", dir);
		snprintf(f1, sizeof(f1), "%s/00-settings.yaml", sub);
		snprintf(f2, sizeof(f2), "%s/10-covers.yaml", sub);
		if (mkdir(sub, 0700) != 0) {
			printf("Bail out! mkdir %s\n", sub);
			exit(2);
		}
		packtext_put(f1, "effective: period_end\n");
		packtext_put(f2, "covers: {from: 2026-01-01, to: 2026-11-30}\n"
		    "parameters:\n  p: {source: s, value: 1}\n");
		paths[0] = sub;
		payroll_diag_clear(&diag);
		st = payroll_rules_load(paths, 1, &run, &r, &diag);
		ok(st == PAYROLL_ERULES && strcmp(diag.file, f2) == 0 &&
		    diag.line == 1 && diag.column == 9 && strstr(diag.msg,
		    "not for 2026-12-05") != NULL, "covers in the file after "
		    "effective: period_end, paid 2026-12-05: refused at "
		    "10-covers.yaml:1:9 (got %d at %s:%lu:%lu: %s)", st,
		    diag.file, diag.line, diag.column, diag.msg);
		if (st == PAYROLL_OK)
			payroll_rules_free(r);
		unlink(f1);
		unlink(f2);
		rmdir(sub);
	}
	run.period.pay_date = pay;
	{
		struct payroll_rules *r = good("covers from 2026-11-02, "
		    "effective: period_start, paid 2026-11-30",
		    "covers: {from: 2026-11-02, to: 2026-12-31}\n"
		    "effective: period_start\n"
		    "parameters:\n"
		    "  p: {source: s, value: 1}\n", NULL);

		if (r != NULL)
			payroll_rules_free(r);
	}
	run.period.pay_date = pay;
	bad("covers with a from only, after the run",
	    "covers: {from: 2026-12-01}\n", 1, 9,
	    "holds figures for 2026-12-01 to ..., not for 2026-11-30");
	bad("covers with a to only, before the run",
	    "covers: {to: 2026-11-29}\n", 1, 9,
	    "holds figures for ... to 2026-11-29, not for 2026-11-30");

	/* A formula's dated expressions: the same choice. */
	{
		const char *names[] = { "employee_id" };
		const char *fields[] = { "E1" };
		struct payroll_rules *r = good("dated formula",
		    "formulas:\n"
		    "  f:\n"
		    "    values:\n"
		    "      - {from: 2026-01-01, expr: \"1\"}\n"
		    "      - {from: 2026-11-30, expr: \"2\"}\n"
		    "      - {from: 2026-12-01, expr: \"3\"}\n"
		    "outputs:\n"
		    "  f: {kind: info, places: 0}\n", NULL);
		const char *got;
		int st;

		if (r != NULL) {
			got = calc1(r, names, fields, 1, "f", &st);
			ok(st == 0 && strcmp(got, "2") == 0, "a formula's "
			    "expression from the pay date is in force (got "
			    "%s)", got);
			payroll_rules_free(r);
		}
	}
}

/* A scale in block form; brackets at line 7, column 19. */
#define SCALE_HEAD "scales:\n  s:\n    type: marginal\n    source: x\n" \
	"    values:\n      - from: 2020-01-01\n        brackets: "

static void
test_scales(void)
{
	bad("scales not a mapping", "scales: 5\n", 1, 9,
	    "'scales' must be a mapping");
	bad("a scale that is not a mapping", "scales:\n  s: 5\n", 2, 6,
	    "scale 's' must be a mapping");
	/* marginal 13-20, foo 23. */
	bad("an unknown key in a scale", "scales:\n"
	    "  s: {type: marginal, foo: 1}\n", 2, 23,
	    "unknown key 'foo' in a scale");
	bad("a scale of an unknown type", "scales:\n"
	    "  s: {type: flat, source: x}\n", 2, 13,
	    "scale 's' needs type: marginal or band");
	bad("a scale without a type", "scales:\n  s: {source: x}\n", 2, 6,
	    "scale 's' needs type: marginal or band");
	bad("a scale without values", "scales:\n"
	    "  s: {type: band, source: x}\n", 2, 6,
	    "scale 's' has no 'values'");
	/* band 13-16, source 19, x 27, values 30, 5 38. */
	bad("a scale whose values is no list", "scales:\n"
	    "  s: {type: band, source: x, values: 5}\n", 2, 38,
	    "scale 's': 'values' must be a list");
	bad("a scale without a source", "scales:\n  s:\n    type: marginal\n"
	    "    values:\n      - from: 2020-01-01\n"
	    "        brackets: [[0, 10%]]\n", 2, 3,
	    "scale 's' does not name its source");
	/* The dated entry starts at its first key, column 9. */
	bad("a scale entry without brackets", "scales:\n  s:\n"
	    "    type: marginal\n    source: x\n    values:\n"
	    "      - from: 2020-01-01\n", 6, 9,
	    "scale 's': 'brackets' must be a list of [over, rate] or "
	    "[over, rate, base]");
	bad("a bracket mapping without rate", SCALE_HEAD "[{over: 0}]\n", 7,
	    20, "a bracket needs 'over' and 'rate'");
	bad("a bracket that is a number", SCALE_HEAD "[5]\n", 7, 20,
	    "a bracket is [over, rate] or [over, rate, base]");
	bad("a bracket of one number", SCALE_HEAD "[[0]]\n", 7, 20,
	    "a bracket is [over, rate] or [over, rate, base]");
	bad("a bracket of four numbers", SCALE_HEAD "[[0, 1%, 0, 0]]\n", 7,
	    20, "a bracket is [over, rate] or [over, rate, base]");
	bad("a bracket over that is no number", SCALE_HEAD "[[abc, 10%]]\n",
	    7, 21, "'abc' is not a number");
	bad("a bracket rate that is no number", SCALE_HEAD "[[0, abc]]\n",
	    7, 24, "'abc' is not a number");
	/* [[0, 10%], [100, 20%], [100, 30%]]: the third bracket's over is
	 * at 19 + 24 = 43. */
	bad("two brackets over the same amount", SCALE_HEAD
	    "[[0, 10%], [100, 20%], [100, 30%]]\n", 7, 43,
	    "brackets must be in increasing order of 'over'");
	bad("brackets out of order", SCALE_HEAD
	    "[[0, 10%], [100, 20%], [50, 30%]]\n", 7, 43,
	    "brackets must be in increasing order of 'over'");
	/* [[0, 10%, abc]]: 0 21, 10% 24, abc 29. */
	bad("a base that is no number", SCALE_HEAD "[[0, 10%, abc]]\n", 7,
	    29, "'abc' is not a number");
	/* 38 nines over 0 at a rate of 38 nines: the first bracket's
	 * full width times its rate has no exact result; said at the
	 * second bracket: [ 19, [ 20, 0 21, nines 24-61, ] 62, [ 65. */
	bad("brackets whose bases overflow", SCALE_HEAD "[[0, "
	    "99999999999999999999999999999999999999], "
	    "[99999999999999999999999999999999999999, 1%]]\n", 7, 65,
	    "bracket arithmetic overflows");
	bad("a scale name that is no word", "scales:\n  9s:\n"
	    "    type: marginal\n    source: x\n    values:\n"
	    "      - from: 2020-01-01\n        brackets: [[0, 10%]]\n", 2, 3,
	    "'9s' is not a valid name");

	/*
	 * Brackets as mappings, dated: on 2026-11-30 the second entry is
	 * in force.  scale(s, 150) = 0.20 x 100 + 0.30 x 50 = 35 (the
	 * first entry would give 10 + 10 = 20); at 100, exactly on the
	 * second bracket's over, 20 + 0.30 x 0 = 20; at 50, 0.20 x 50 =
	 * 10.
	 */
	{
		static const char pack[] =
		    "inputs:\n"
		    "  x: {type: decimal, required: true}\n"
		    "scales:\n"
		    "  s:\n"
		    "    type: marginal\n"
		    "    source: x\n"
		    "    values:\n"
		    "      - from: 2020-01-01\n"
		    "        brackets:\n"
		    "          - {over: 0, rate: 10%}\n"
		    "          - {over: 100, rate: 20%}\n"
		    "      - from: 2026-11-30\n"
		    "        brackets:\n"
		    "          - {over: 0, rate: 20%}\n"
		    "          - {over: 100, rate: 30%}\n"
		    "formulas:\n"
		    "  f: \"scale(s, x)\"\n"
		    "outputs:\n"
		    "  f: {kind: info, places: 2}\n";
		static const char *const cases[][2] = {
		    { "150", "35.00" }, { "100", "20.00" }, { "50", "10.00" },
		};
		const char *names[] = { "employee_id", "x" };
		const char *fields[2] = { "E1", NULL };
		struct payroll_rules *r = good("a dated scale of mappings",
		    pack, NULL);
		size_t i;
		int st;

		for (i = 0; r != NULL && i < 3; i++) {
			const char *got;

			fields[1] = cases[i][0];
			got = calc1(r, names, fields, 2, "f", &st);
			ok(st == 0 && strcmp(got, cases[i][1]) == 0,
			    "scale(s, %s) on the entry from 2026-11-30 = %s "
			    "(got %s)", cases[i][0], cases[i][1], got);
		}
		if (r != NULL)
			payroll_rules_free(r);
	}
}

/* A table in block form; rows at line 6, column 15. */
#define TABLE_HEAD "tables:\n  t:\n    source: x\n    values:\n" \
	"      - from: 2020-01-01\n        rows: "

static void
test_tables(void)
{
	bad("tables not a mapping", "tables: [a]\n", 1, 9,
	    "'tables' must be a mapping");
	bad("a table that is not a mapping", "tables:\n  t: 5\n", 2, 6,
	    "table 't' must be a mapping");
	bad("an unknown key in a table", "tables:\n"
	    "  t: {source: x, foo: 1}\n", 2, 18,
	    "unknown key 'foo' in a table");
	bad("a table without values", "tables:\n  t: {source: x}\n", 2, 6,
	    "table 't' has no 'values'");
	bad("a table entry without rows", "tables:\n  t:\n    source: x\n"
	    "    values:\n      - from: 2020-01-01\n", 5, 9,
	    "table 't': no 'rows'");
	bad("rows that are a number", TABLE_HEAD "5\n", 6, 15,
	    "table rows are nested mappings of keys to numbers");
	bad("rows that are empty", TABLE_HEAD "{}\n", 6, 15,
	    "table rows are nested mappings of keys to numbers");
	/* {a: {x: 1}, b: {y: {z: 2}}}: { 15, a 16, { 19, b 27, { 30,
	 * y 31, { 34: z is a level deeper than x. */
	bad("rows of two depths", TABLE_HEAD "{a: {x: 1}, b: {y: {z: 2}}}\n",
	    6, 34, "table rows must all have the same depth of keys");
	bad("a row value that is no number", TABLE_HEAD "{a: abc}\n", 6, 19,
	    "'abc' is not a number");
	bad("a table name that is no word", "tables:\n  9t:\n    source: x\n"
	    "    values:\n      - from: 2020-01-01\n        rows: {a: 1}\n", 2,
	    3, "'9t' is not a valid name");

	/*
	 * Look-ups in a table whose keys differ in length and order (the
	 * index is sorted by length, then bytes): every key is found with
	 * its own value.
	 */
	{
		static const char pack[] =
		    "inputs:\n"
		    "  k: {type: string, required: true}\n"
		    "tables:\n"
		    "  t:\n"
		    "    source: x\n"
		    "    values:\n"
		    "      - from: 2020-01-01\n"
		    "        rows: {zz: 1, b: 2, aaa: 3, a: 4, ab: 5, c: 6, "
		    "\"10\": 7, \"9\": 8}\n"
		    "formulas:\n"
		    "  f: \"if(has(t, k), table(t, k), 0)\"\n"
		    "outputs:\n"
		    "  f: {kind: info, places: 0}\n";
		static const char *const cases[][2] = {
		    { "zz", "1" }, { "b", "2" }, { "aaa", "3" }, { "a", "4" },
		    { "ab", "5" }, { "c", "6" }, { "10", "7" }, { "9", "8" },
		    { "d", "0" }, { "aa", "0" }, { "1", "0" }, { "zzz", "0" },
		};
		const char *names[] = { "employee_id", "k" };
		const char *fields[2] = { "E1", NULL };
		struct payroll_rules *r = good("a table of mixed keys", pack,
		    NULL);
		size_t i;
		int st;

		for (i = 0; r != NULL && i < sizeof(cases) / sizeof(cases[0]);
		    i++) {
			const char *got;

			fields[1] = cases[i][0];
			got = calc1(r, names, fields, 2, "f", &st);
			ok(st == 0 && strcmp(got, cases[i][1]) == 0,
			    "table(t, \"%s\") = %s (got %s)", cases[i][0],
			    cases[i][1], got);
		}
		if (r != NULL)
			payroll_rules_free(r);
	}
}

static void
test_functions_items(void)
{
	bad("functions not a mapping", "functions: 5\n", 1, 12,
	    "'functions' must be a mapping");
	bad("a function that is not a mapping", "functions:\n  f: 5\n", 2, 6,
	    "function 'f' needs 'params' and 'expr'");
	/* params 7, [ 15, expr 20, a 26, foo 29. */
	bad("an unknown key in a function", "functions:\n"
	    "  f: {params: [a], expr: a, foo: 1}\n", 2, 29,
	    "unknown key 'foo' in a function");
	bad("a function without params", "functions:\n  f: {expr: a}\n", 2,
	    6, "function 'f': 'params' must be a list of names");
	bad("a function with an empty expr", "functions:\n"
	    "  f: {params: [a], expr: \"\"}\n", 2, 26,
	    "function 'f' has an empty 'expr'");
	bad("a function without expr", "functions:\n  f: {params: [a]}\n", 2,
	    6, "function 'f' has an empty 'expr'");
	/* [ 15, a 16, 1b 19. */
	bad("a function parameter that is no word", "functions:\n"
	    "  f: {params: [a, 1b], expr: a}\n", 2, 19,
	    "a parameter name must be a word");
	bad("a function name that is no word", "functions:\n"
	    "  9f: {params: [a], expr: a}\n", 2, 3, "'9f' is not a valid name");

	bad("items not a mapping", "items: 5\n", 1, 8,
	    "'items' must be a mapping");
	bad("an item that is not a mapping", "items:\n  i: 5\n", 2, 6,
	    "item 'i' must be a mapping");
	bad("an unknown key in an item", "items:\n  i: {foo: 1}\n", 2, 7,
	    "unknown key 'foo' in an item");
	bad("an item min that is no number", "items:\n  i: {min: abc}\n", 2,
	    12, "'abc' is not a number");
	bad("an item max that is no number", "items:\n  i: {max: abc}\n", 2,
	    12, "'abc' is not a number");
	bad("an item of type integer", "items:\n  i: {type: integer}\n", 2,
	    13, "an item's type is decimal or money");
	bad2("an item declared by two packs", "items:\n  i: {type: money}\n",
	    "items:\n  i: {type: decimal}\n", 1, 2, 3,
	    "item 'i' is already declared");
}

static void
test_formulas_outputs(void)
{
	struct payroll_rules *r;

	bad("formulas not a mapping", "formulas: 5\n", 1, 11,
	    "'formulas' must be a mapping");
	/* expr 7, "1" 13, foo 18. */
	bad("an unknown key in a formula", "formulas:\n"
	    "  f: {expr: \"1\", foo: 1}\n", 2, 18,
	    "unknown key 'foo' in a formula");
	bad("a formula's values that is no list", "formulas:\n"
	    "  f: {values: 5}\n", 2, 15,
	    "formula 'f': 'values' must be a list");
	/* per 18, month 23. */
	bad("per: something else than segment", "formulas:\n"
	    "  f: {expr: \"1\", per: month}\n", 2, 23,
	    "per: takes 'segment'");
	bad("a formula without expr", "formulas:\n  f: {description: x}\n",
	    2, 6, "formula 'f' has no expression");
	bad("a formula that is a list", "formulas:\n  f: [1]\n", 2, 6,
	    "formula 'f' has no expression");
	bad("a formula of blanks", "formulas:\n  f: \" \"\n", 2, 6,
	    "formula 'f' is empty");
	bad("a formula name that is no word", "formulas:\n  9f: \"1\"\n", 2, 3,
	    "'9f' is not a valid name");

	bad("outputs not a mapping", "outputs: 5\n", 1, 10,
	    "'outputs' must be a mapping");
	bad("an output that is not a mapping", "outputs:\n  o: 5\n", 2, 6,
	    "output 'o' must be a mapping with a 'kind'");
	/* kind 7, info 13, foo 19. */
	bad("an unknown key in an output", "outputs:\n"
	    "  o: {kind: info, foo: 1}\n", 2, 19,
	    "unknown key 'foo' in an output");
	bad("an output without kind", "outputs:\n  o: {places: 2}\n", 2, 6,
	    "output 'o' has no 'kind'");
	/* label 19, "" 26. */
	bad("an empty label", "outputs:\n  o: {kind: info, label: \"\"}\n", 2,
	    26, "'label' of output 'o' is a short text");
	/* earning 13-19, hours 22, [ 29. */
	bad("hours that is a list", "outputs:\n"
	    "  o: {kind: earning, hours: [h]}\n", 2, 29,
	    "'hours' of output 'o' is an output's name");
	/* rate 19, r 25. */
	bad("rate on an info output", "outputs:\n"
	    "  o: {kind: info, rate: r}\n", 2, 25,
	    "'rate' is for earnings: output 'o' is not one");
	bad("hours on a deduction", "outputs:\n"
	    "  o: {kind: deduction, hours: h}\n", 2, 31,
	    "'hours' is for earnings: output 'o' is not one");
	/* places 19, its value 27. */
	bad("places that is no number", "outputs:\n"
	    "  o: {kind: info, places: abc}\n", 2, 27, "'abc' is not a number");
	bad("places 25", "outputs:\n  o: {kind: info, places: 25}\n", 2, 27,
	    "places is 0 to 24");
	bad("places -1", "outputs:\n  o: {kind: info, places: -1}\n", 2, 27,
	    "places is 0 to 24");
	/* Not truncated to 1: a fraction of a place is a typo. */
	bad("places 1.5", "outputs:\n  o: {kind: info, places: 1.5}\n", 2,
	    27, "places is 0 to 24");
	/* tags 19, x 25. */
	bad("tags that is no list", "outputs:\n  o: {kind: info, tags: x}\n",
	    2, 25, "'tags' is a list of names");
	bad("a tag that is a list", "outputs:\n"
	    "  o: {kind: info, tags: [[x]]}\n", 2, 26, "a tag is a name");
	bad2("an output declared by two packs",
	    "inputs:\n  o: {type: money}\noutputs:\n  o: {kind: earning}\n",
	    "outputs:\n  o: {kind: earning}\n", 1, 2, 3,
	    "output 'o' is already declared");
	/* tags 22, [ 28, pretax 29, foo 37. */
	bad("an output tag no pack declares", "tags:\n  pretax: before tax\n"
	    "inputs:\n  o: {type: money}\noutputs:\n"
	    "  o: {kind: earning, tags: [pretax, foo]}\n", 6, 37,
	    "output 'o': no pack declares the tag 'foo'");
	r = good("places 0 and 24, a declared tag", "tags:\n  pretax: x\n"
	    "inputs:\n  o: {type: money}\n  p: {type: decimal}\n"
	    "outputs:\n  o: {kind: earning, places: 0, tags: [pretax]}\n"
	    "  p: {kind: info, places: 24}\n", NULL);
	if (r != NULL)
		payroll_rules_free(r);

	/* After every pack: the types of what outputs and balances hold. */
	/* Named at the output (it was at no place: gross_pay, which sums
	 * the earnings, met the string first). */
	bad("an earning of a string", "parameters:\n"
	    "  p: {source: s, value: \"abc\"}\noutputs:\n"
	    "  p: {kind: earning}\n", 4, 3,
	    "output 'p' is money but its formula is not a number");
	bad("a withholding of a string", "inputs:\n  x: {type: money}\n"
	    "  p: {type: string}\noutputs:\n  x: {kind: earning}\n"
	    "  p: {kind: withholding}\n", 6, 3,
	    "output 'p' is money but its formula is not a number");
	bad("an employer output of a string", "inputs:\n  p: {type: string}\n"
	    "outputs:\n  p: {kind: employer}\n", 4, 3,
	    "output 'p' is money but its formula is not a number");
	r = good("an info output of a string", "inputs:\n"
	    "  p: {type: string}\noutputs:\n  p: {kind: info}\n", NULL);
	if (r != NULL)
		payroll_rules_free(r);
	/* hours 22, h 29. */
	bad("hours naming no output", "inputs:\n  x: {type: money}\n"
	    "outputs:\n  x: {kind: earning, hours: h}\n", 4, 29,
	    "'hours' of output 'x' names 'h', which is not an output of kind "
	    "info holding a number");
	bad("hours naming an earning", "inputs:\n  x: {type: money}\n"
	    "  h: {type: decimal}\noutputs:\n"
	    "  x: {kind: earning, hours: h}\n  h: {kind: earning}\n", 5, 29,
	    "'hours' of output 'x' names 'h', which is not an output of kind "
	    "info");
	bad("rate naming a string output", "inputs:\n  x: {type: money}\n"
	    "  h: {type: string}\noutputs:\n"
	    "  x: {kind: earning, rate: h}\n  h: {kind: info}\n", 5, 28,
	    "'rate' of output 'x' names 'h', which is not an output of kind "
	    "info holding a number");
	r = good("hours naming an info number", "inputs:\n  x: {type: money}\n"
	    "  h: {type: decimal}\noutputs:\n"
	    "  x: {kind: earning, hours: h}\n  h: {kind: info}\n", NULL);
	if (r != NULL)
		payroll_rules_free(r);
	/* At the pack's declaration (it was at the first file's 1:1). */
	bad("engine's gross_pay declared by a pack", "formulas:\n"
	    "  gross_pay: \"1\"\n", 2, 3,
	    "'gross_pay' is made by the engine; packs cannot declare it");
	bad2("engine's net_pay declared by a second pack",
	    "parameters:\n  p: {source: s, value: 1}\n", "inputs:\n"
	    "  x: {type: money}\n  net_pay: {type: money}\n", 1, 3, 3,
	    "'net_pay' is made by the engine; packs cannot declare it");
}

static void
test_balances_tags_checks(void)
{
	bad("balances not a list", "balances: {a: 1}\n", 1, 11,
	    "'balances' is a list of formula names");
	bad("a balance that is a list", "balances: [[a]]\n", 1, 12,
	    "a balance is a formula name");
	bad("a balance naming a scale", "scales:\n  s:\n    type: marginal\n"
	    "    source: x\n    values:\n      - from: 2020-01-01\n"
	    "        brackets: [[0, 10%]]\nbalances: [s]\n", 8, 12,
	    "'s' is a scale, not a formula");
	{
		struct payroll_rules *r = good("a balance listed twice",
		    "inputs:\n  x: {type: money}\nbalances: [x, x]\n", NULL);

		if (r != NULL)
			payroll_rules_free(r);
	}
	bad("a balance of a string", "parameters:\n"
	    "  p: {source: s, value: \"abc\"}\nbalances: [p]\n", 3, 12,
	    "balance 'p' is not a number");

	bad("tags not a mapping", "tags: [a]\n", 1, 7,
	    "'tags' maps each tag to what it means");
	bad("a tag that is no word", "tags:\n  9a: x\n", 2, 3,
	    "'9a' is not a valid tag (letters, digits and _)");

	bad("checks not a list", "checks: {a: 1}\n", 1, 9,
	    "'checks' is a list of {field, expr, message}");
	bad("a check that is a number", "checks: [5]\n", 1, 10,
	    "a check is {field, expr, message}");
	/* [ 9, { 10, field 11, x 18, expr 21, "true" 27, foo 35. */
	bad("an unknown key in a check", "checks: [{field: x, expr: \"true\", "
	    "foo: 1}]\n", 1, 35, "unknown key 'foo' in a check");
	bad("a check without message", "checks: [{field: x, expr: \"x\"}]\n",
	    1, 10, "a check needs field, expr and message");
	bad("a check whose expr is a list", "checks: [{field: x, expr: [a], "
	    "message: m}]\n", 1, 10, "a check needs field, expr and message");
	bad("a check that is a number, not true or false",
	    "inputs:\n  x: {type: decimal}\n"
	    "checks: [{field: x, expr: \"x + 1\", message: m}]\n", 3, 27,
	    "a check must be true or false");
}

static void
test_settings(void)
{
	struct payroll_rules *r;

	bad("covers that is no mapping", "covers: 2026\n", 1, 9,
	    "covers is {from: DATE, to: DATE}");
	bad("covers with an unknown key", "covers: {until: 2027-01-01}\n", 1,
	    10, "unknown key 'until' in covers");
	bad("covers with a bad from", "covers: {from: 2026-13-01}\n", 1, 16,
	    "expected a date YYYY-MM-DD, not '2026-13-01'");
	/* to 28, its date 32. */
	bad("covers with a bad to", "covers: {from: 2026-01-01, to: 31.12.2026}"
	    "\n", 1, 32, "expected a date YYYY-MM-DD, not '31.12.2026'");
	bad("currency that is no mapping", "currency: USD\n", 1, 11,
	    "currency is {code: XXX, places: N}");
	bad("a currency code in small letters", "currency: {code: usd}\n", 1,
	    18, "currency code is three capital letters");
	bad("a currency code of four letters", "currency: {code: USDX}\n", 1,
	    18, "currency code is three capital letters");
	bad("a currency code of two letters", "currency: {code: US}\n", 1,
	    18, "currency code is three capital letters");
	bad("currency places 7", "currency: {places: 7}\n", 1, 20,
	    "currency places is 0 to 6");
	bad("currency places 2.5", "currency: {places: 2.5}\n", 1, 20,
	    "currency places is 0 to 6");
	bad("currency places -1", "currency: {places: -1}\n", 1, 20,
	    "currency places is 0 to 6");
	bad("currency places that is no number", "currency: {places: x}\n",
	    1, 20, "'x' is not a number");
	bad("effective that is a list", "effective: [a]\n", 1, 12,
	    "bad 'effective'");
	bad("effective of an unknown date", "effective: pay_day\n", 1, 12,
	    "effective is pay_date, period_end or period_start");

	/* The currency: the first pack's that names one; "" when none. */
	r = good("currency code EUR, places 0 and 6",
	    "currency: {code: EUR, places: 0}\n",
	    "currency: {code: USD, places: 6}\n");
	if (r != NULL) {
		is_str(payroll_rules_currency(r), "EUR", "the first pack's "
		    "currency");
		payroll_rules_free(r);
	}
	r = good("no currency", "parameters:\n  p: {source: s, value: 1}\n",
	    NULL);
	if (r != NULL) {
		is_str(payroll_rules_currency(r), "", "no pack names a "
		    "currency: \"\"");
		payroll_rules_free(r);
	}
}

/* symtab.c: what one pack may do to another's names. */
static void
test_overrides(void)
{
	static const char base[] = "inputs:\n  x: {type: decimal}\n";
	struct payroll_rules *r;

	bad2("a parameter named like an earlier input", base,
	    "parameters:\n  x: {source: s, value: 1}\n", 1, 2, 3,
	    "parameter 'x' is already declared as a input at ");
	ok(strstr(diag.msg, path[0]) != NULL &&
	    strstr(diag.msg, ":2:3 (use override: true") != NULL,
	    "... naming the earlier declaration, %s:2:3 (%s)", path[0],
	    diag.msg);
	bad2("a parameter overriding an input", base,
	    "parameters:\n  x: {source: s, value: 1, override: true}\n", 1, 2,
	    3, "parameter 'x' cannot override the input declared at ");
	ok(strstr(diag.msg, ":2") != NULL && strstr(diag.msg, path[0]) !=
	    NULL, "... naming its file and line (%s)", diag.msg);
	/* A formula may replace an input: the input is gone. */
	r = good("a formula overriding an input", base,
	    "formulas:\n  x: {expr: \"2\", override: true}\n");
	if (r != NULL) {
		ok(payroll_rules_input_find(r, "x") == -1, "the overridden "
		    "input is no longer an input");
		payroll_rules_free(r);
	}
	r = good("a parameter overriding a parameter",
	    "parameters:\n  p: {source: s, value: 1}\n",
	    "parameters:\n  p: {source: s, value: 2, override: true}\n");
	is_str(packtext_param(r, "p"), "2", "the later pack's value");
	if (r != NULL)
		payroll_rules_free(r);
}

/* The accessors of outputs (payroll.h), in range and out of it. */
static void
test_accessors(void)
{
	static const char pack[] =
	    "tags:\n  pretax: before tax\n"
	    "inputs:\n  a: {type: money}\n  b: {type: money}\n"
	    "formulas:\n"
	    "  c: {expr: \"a + b\", description: from the formula}\n"
	    "outputs:\n"
	    "  a: {kind: earning, tags: [pretax], description: own, label: "
	    "Pay}\n"
	    "  b: {kind: deduction}\n"
	    "  c: {kind: info}\n";
	struct payroll_rules *r = good("outputs with tags and descriptions",
	    pack, NULL);

	if (r == NULL)
		return;
	ok(payroll_rules_noutputs(r) == 3, "three outputs");
	ok(payroll_rules_output_ntags(r, 0) == 1 &&
	    payroll_rules_output_ntags(r, 1) == 0 &&
	    payroll_rules_output_ntags(r, 3) == 0, "ntags: 1, 0, and 0 out "
	    "of range");
	ok(payroll_rules_output_tag(r, 0, 0) != NULL &&
	    strcmp(payroll_rules_output_tag(r, 0, 0), "pretax") == 0 &&
	    payroll_rules_output_tag(r, 0, 1) == NULL &&
	    payroll_rules_output_tag(r, 3, 0) == NULL, "tag 0 of a is "
	    "pretax; none past the end or out of range");
	ok(payroll_rules_output_has_tag(r, 0, "pretax") &&
	    payroll_rules_output_has_tag(r, 0, "earning") &&
	    !payroll_rules_output_has_tag(r, 0, "deduction") &&
	    payroll_rules_output_has_tag(r, 1, "deduction") &&
	    !payroll_rules_output_has_tag(r, 1, "pretax") &&
	    !payroll_rules_output_has_tag(r, 3, "earning"),
	    "has_tag: its own tags and its kind, nothing out of range");
	is_str(payroll_rules_output_description(r, 0), "own",
	    "an output's own description");
	is_str(payroll_rules_output_description(r, 2), "from the formula",
	    "else its formula's");
	is_str(payroll_rules_output_description(r, 1), "", "else \"\"");
	is_str(payroll_rules_output_description(r, 3), "", "out of range: "
	    "\"\"");
	is_str(payroll_rules_output_label(r, 0), "Pay", "a label");
	is_str(payroll_rules_output_label(r, 1), "b", "no label: the name");
	is_str(payroll_rules_output_label(r, 3), "", "out of range: \"\"");
	ok(payroll_rules_output_name(r, 3) == NULL &&
	    payroll_rules_output_kind(r, 1) == PAYROLL_K_DEDUCTION,
	    "name out of range NULL; kind of b deduction");
	payroll_rules_free(r);
}

/*
 * period.number: the period's number in the tax year, from the pay date
 * and year_start (docs/rules.md: "UK tax month 1 is 6 April to 5 May").
 * With year_start "04-06": monthly, paid 5 May 2026: month 1; 6 May:
 * 2; 5 April 2026: month 12 of the year from 6 April 2025; 6 April:
 * 1.  Weekly: 6-12 April is week 1 (12 April: 6 days in, 6 / 7 + 1 =
 * 1), 13 April week 2.  Two-weekly: 19 April (13 days) 1, 20 April (14)
 * 2.  Four-weekly: 3 May (27 days) 1, 4 May (28) 2.  Quarterly: 5 July
 * (2 whole months) 1, 6 July (3) 2.  Half-yearly: 5 October (5) 1,
 * 6 October (6) 2.  Annual: 1.  With the default year start (1
 * January): semimonthly paid 15 November: 10 whole months, 2 x 10 + 1 =
 * 21; paid the 16th: 22.  Daily: the weekdays from 1 January 2026 (a
 * Thursday) to the pay date: 1 January 1; Monday 5 January 3 (Thu,
 * Fri, Mon).
 */
static void
test_period_number(void)
{
	static const struct {
		int uk;
		enum payroll_freq f;
		const char *paid, *want;
	} c[] = {
		{ 1, PAYROLL_FREQ_MONTHLY, "2026-05-05", "1" },
		{ 1, PAYROLL_FREQ_MONTHLY, "2026-05-06", "2" },
		{ 1, PAYROLL_FREQ_MONTHLY, "2026-04-05", "12" },
		{ 1, PAYROLL_FREQ_MONTHLY, "2026-04-06", "1" },
		{ 1, PAYROLL_FREQ_MONTHLY, "2027-03-06", "12" },
		{ 1, PAYROLL_FREQ_WEEKLY, "2026-04-12", "1" },
		{ 1, PAYROLL_FREQ_WEEKLY, "2026-04-13", "2" },
		{ 1, PAYROLL_FREQ_BIWEEKLY, "2026-04-19", "1" },
		{ 1, PAYROLL_FREQ_BIWEEKLY, "2026-04-20", "2" },
		{ 1, PAYROLL_FREQ_FOURWEEKLY, "2026-05-03", "1" },
		{ 1, PAYROLL_FREQ_FOURWEEKLY, "2026-05-04", "2" },
		{ 1, PAYROLL_FREQ_QUARTERLY, "2026-07-05", "1" },
		{ 1, PAYROLL_FREQ_QUARTERLY, "2026-07-06", "2" },
		{ 1, PAYROLL_FREQ_SEMIANNUAL, "2026-10-05", "1" },
		{ 1, PAYROLL_FREQ_SEMIANNUAL, "2026-10-06", "2" },
		{ 1, PAYROLL_FREQ_ANNUAL, "2027-04-05", "1" },
		{ 0, PAYROLL_FREQ_SEMIMONTHLY, "2026-11-15", "21" },
		{ 0, PAYROLL_FREQ_SEMIMONTHLY, "2026-11-16", "22" },
		{ 0, PAYROLL_FREQ_SEMIMONTHLY, "2026-01-15", "1" },
		{ 0, PAYROLL_FREQ_DAILY, "2026-01-01", "1" },
		{ 0, PAYROLL_FREQ_DAILY, "2026-01-05", "3" },
	};
	static const char *const fnames[] = { "weekly", "biweekly",
	    "fourweekly", "semimonthly", "monthly", "quarterly",
	    "semiannual", "annual", "daily" };
	struct payroll_period keep = run.period;
	const char *names[] = { "employee_id" };
	const char *fields[] = { "E1" };
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct payroll_rules *r;
		payroll_date d;
		const char *got = "?";
		int st;

		if (payroll_date_parse(c[i].paid, 10, &d) != 0) {
			printf("Bail out! date %s\n", c[i].paid);
			exit(2);
		}
		run.period.freq = c[i].f;
		run.period.pay_date = d;
		st = load2(c[i].uk ? "year_start: \"04-06\"\n"
		    "formulas:\n  n: \"period.number\"\n"
		    "outputs:\n  n: {kind: info, places: 0}\n" :
		    "formulas:\n  n: \"period.number\"\n"
		    "outputs:\n  n: {kind: info, places: 0}\n", NULL, &r);
		if (st == PAYROLL_OK) {
			got = calc1(r, names, fields, 1, "n", &st);
			payroll_rules_free(r);
		}
		ok(st == 0 && strcmp(got, c[i].want) == 0, "%s, year from %s, "
		    "paid %s: period.number %s (got %s)",
		    c[i].f < 9 ? fnames[c[i].f] : "?", c[i].uk ? "6 April" :
		    "1 January", c[i].paid, c[i].want, got);
	}
	run.period = keep;

	/* year_start: "year_start: " is 12 columns, the value at 13. */
	bad("year_start without its dash", "year_start: \"0406\"\n", 1, 13,
	    "year_start is MM-DD");
	bad("year_start month 13", "year_start: \"13-01\"\n", 1, 13,
	    "year_start is MM-DD");
	bad("year_start month 0", "year_start: \"00-01\"\n", 1, 13,
	    "year_start is MM-DD");
	bad("year_start day 0", "year_start: \"04-00\"\n", 1, 13,
	    "year_start is MM-DD");
	bad("year_start 31 April", "year_start: \"04-31\"\n", 1, 13,
	    "year_start is MM-DD");
	bad("year_start 29 February (not in every year)",
	    "year_start: \"02-29\"\n", 1, 13, "year_start is MM-DD");
	bad("year_start a list", "year_start: [4, 6]\n", 1, 13,
	    "year_start is MM-DD");
}

/*
 * Flags (required, mask, unique, override) are true/false/yes/no; a
 * percentage is the number over 100, exact to 38 places.
 */
static void
test_flags_percent(void)
{
	struct payroll_rules *r;
	int i;

	/* required 22, maybe 32. */
	bad("a flag that is neither", "inputs:\n"
	    "  x: {type: decimal, required: maybe}\n", 2, 32,
	    "'required' is true or false, not 'maybe'");
	/* mask 22, [ 28. */
	bad("a flag that is a list", "inputs:\n"
	    "  x: {type: decimal, mask: [a]}\n", 2, 28,
	    "'mask' is true or false, not 'a list or mapping'");
	r = good("flags in yes and no", "inputs:\n"
	    "  a: {type: string, mask: yes, unique: yes}\n"
	    "  b: {type: string, mask: no, unique: no}\n"
	    "  c: {type: string, mask: true, unique: false}\n", NULL);
	if (r != NULL) {
		i = payroll_rules_input_find(r, "a");
		ok(i >= 0 && payroll_rules_input_mask(r, (size_t)i) &&
		    payroll_rules_input_unique(r, (size_t)i), "yes is true");
		i = payroll_rules_input_find(r, "b");
		ok(i >= 0 && !payroll_rules_input_mask(r, (size_t)i) &&
		    !payroll_rules_input_unique(r, (size_t)i), "no is false");
		i = payroll_rules_input_find(r, "c");
		ok(i >= 0 && payroll_rules_input_mask(r, (size_t)i) &&
		    !payroll_rules_input_unique(r, (size_t)i),
		    "true and false");
		payroll_rules_free(r);
	}
	/* 6.2% = 0.062; 1% at 36 places = 10^-38, the finest a decimal
	 * holds (38 places); at 37 places it would need 39. */
	r = good("percentages", "parameters:\n"
	    "  a: {source: s, value: 6.2%}\n"
	    "  b: {source: s, value: "
	    "0.000000000000000000000000000000000001%}\n", NULL);
	is_str(packtext_param(r, "a"), "0.062", "6.2%% is 0.062");
	is_str(packtext_param(r, "b"), "0.00000000000000000000000000000000000001",
	    "a percentage at 36 places is 10^-38");
	if (r != NULL)
		payroll_rules_free(r);
	/* value 18, its text 25. */
	bad("a percentage past 38 places", "parameters:\n"
	    "  b: {source: s, value: "
	    "0.0000000000000000000000000000000000001%}\n", 2, 25,
	    "is not a number (too many digits)");
	/* min 22, its quote 27 (a plain % cannot start a YAML value). */
	bad("a lone percent sign", "inputs:\n"
	    "  x: {type: decimal, min: \"%\"}\n", 2, 27,
	    "'%' is not a number");
}

int
main(void)
{
	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 2;
	}
	snprintf(path[0], sizeof(path[0]), "%s/a.yaml", dir);
	snprintf(path[1], sizeof(path[1]), "%s/b.yaml", dir);
	if (payroll_period_parse("2026-11", PAYROLL_FREQ_MONTHLY,
	    &run.period) != 0) {
		printf("Bail out! period\n");
		return 2;
	}
	test_inputs();
	test_defaults();
	test_params();
	test_dated();
	test_scales();
	test_tables();
	test_functions_items();
	test_formulas_outputs();
	test_balances_tags_checks();
	test_settings();
	test_overrides();
	test_accessors();
	test_period_number();
	test_flags_percent();
	unlink(path[0]);
	unlink(path[1]);
	rmdir(dir);
	return tap_done();
}
