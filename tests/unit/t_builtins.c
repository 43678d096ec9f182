/*
 * t_builtins.c: the formula language's built-ins, evaluated and refused
 * (libpayroll/expr.c compiles, libpayroll/calc.c evaluates).
 *
 * Each case writes a pack whose formula f is the text under test, on line
 * 12 of the file: `  f: "<text>"`, the quote at column 6, so a token at
 * offset k of the text is at column 7 + k (counted by hand).  A record is
 * given as "name=value;..." over the inputs x, y (decimal), s (string), m
 * (a string declared mask: true), d1, d2 (dates), e (enum aa, bb, cc), p
 * (bool).  f is an info output with no places: numbers are written
 * without trailing zeros, dates YYYY-MM-DD, strings as they are.
 *
 * Every expected value is worked by hand from docs/rules.md; calendar
 * facts are noted where used (2026-01-01 was a Thursday).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "payroll.h"
#include "tap.h"

/* "Q7" is one of the masked values of the --explain test: the folder's
 * name always holds it, as mkdtemp() could make it do by chance. */
static char dir[] = "/tmp/t_builtins.Q7XXXXXX";
static char path[64];
static struct payroll_run run;
static struct payroll_diag diag;

#define FLINE 12		/* the line of `  f: "..."` */
#define COL(k) (7 + (k))	/* the column of offset k of f's text */

static const char tail[] =
    "scales:\n"
    "  marg:\n"
    "    source: test\n"
    "    type: marginal\n"
    "    values:\n"
    "      - from: 2000-01-01\n"
    "        brackets: [[0, 10%], [100, 20%]]\n"
    "  band:\n"
    "    source: test\n"
    "    type: band\n"
    "    values:\n"
    "      - from: 2000-01-01\n"
    "        brackets: [[0, 10%], [100, 20%]]\n"
    "  high:\n"
    "    source: test\n"
    "    type: marginal\n"
    "    values:\n"
    "      - from: 2000-01-01\n"
    "        brackets: [[1000, 10%], [2000, 20%]]\n"
    "tables:\n"
    "  t1:\n"
    "    source: test\n"
    "    values:\n"
    "      - from: 2000-01-01\n"
    "        rows: {7: 70, abc: 5, bb: 2}\n"
    "  t2:\n"
    "    source: test\n"
    "    values:\n"
    "      - from: 2000-01-01\n"
    "        rows: {u: {1: 11, 2: 12}, v: {1: 21}}\n"
    "items:\n"
    "  hours: {type: decimal, min: 0, max: 100}\n"
    "tags:\n"
    "  mytag: a tag for the test\n"
    "functions:\n"
    "  twice: {params: [v], expr: \"v * 2\"}\n"
    "  again: {params: [v], expr: \"again(v)\"}\n";

/* Writes the pack with formula text (and extra formulas and outputs) and
 * loads it. */
static int
load(const char *text, const char *xformulas, const char *xoutputs,
    struct payroll_rules **out)
{
	const char *paths[1];
	FILE *fp;
	int st;

	snprintf(path, sizeof(path), "%s/pack.yaml", dir);
	if ((fp = fopen(path, "w")) == NULL || fprintf(fp,
	    "pack: t/builtins\n"				/* 1 */
	    "inputs:\n"						/* 2 */
	    "  x: {type: decimal, default: 0}\n"		/* 3 */
	    "  y: {type: decimal, default: 0}\n"		/* 4 */
	    "  s: {type: string}\n"				/* 5 */
	    "  m: {type: string, mask: true}\n"			/* 6 */
	    "  d1: {type: date, default: 2026-01-01}\n"		/* 7 */
	    "  d2: {type: date, default: 2026-01-01}\n"		/* 8 */
	    "  e: {type: enum, values: [aa, bb, cc], default: aa}\n" /* 9 */
	    "  p: {type: bool, default: false}\n"		/* 10 */
	    "formulas:\n"					/* 11 */
	    "  f: \"%s\"\n"					/* 12 */
	    "%s"
	    "outputs:\n"
	    "  f: {kind: info}\n"
	    "%s%s", text, xformulas, xoutputs, tail) < 0 || fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(2);
	}
	paths[0] = path;
	payroll_diag_clear(&diag);
	*out = NULL;
	st = payroll_rules_load(paths, 1, &run, out, &diag);
	return st;
}

static const char *const names[] = { "employee_id", "x", "y", "s", "m",
    "d1", "d2", "e", "p" };
#define NF (sizeof(names) / sizeof(names[0]))

/* Splits "x=1;s=ab" into the record's fields (the others empty). */
static void
record(const char *rec, char *copy, size_t size, const char **fields,
    size_t *lens)
{
	char *tok, *save = NULL;
	size_t i;

	fields[0] = "E1";
	for (i = 1; i < NF; i++)
		fields[i] = "";
	snprintf(copy, size, "%s", rec);
	for (tok = strtok_r(copy, ";", &save); tok != NULL;
	    tok = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(tok, '=');

		if (eq == NULL)
			continue;
		*eq = '\0';
		for (i = 1; i < NF; i++)
			if (strcmp(names[i], tok) == 0)
				fields[i] = eq + 1;
	}
	for (i = 0; i < NF; i++)
		lens[i] = strlen(fields[i]);
}

/*
 * Evaluates f on the record: its value as written, or "error L:C msg"
 * (the evaluation's place in the pack and its message), or "load L:C
 * msg" when the pack is refused.
 */
static const char *
ev(const char *text, const char *rec)
{
	static char out[4][1024];
	static int slot;
	char *buf = out[slot++ % 4], copy[512];
	const char *fields[NF];
	size_t lens[NF], i;
	struct payroll_rules *r;
	struct payroll_calc *c;
	int st;

	if (load(text, "", "", &r) != PAYROLL_OK) {
		snprintf(buf, 1024, "load %lu:%lu %s", diag.line, diag.column,
		    diag.msg);
		return buf;
	}
	record(rec, copy, sizeof(copy), fields, lens);
	snprintf(buf, 1024, "?");
	if ((st = payroll_calc_new(r, names, NF, &c, &diag)) != 0) {
		snprintf(buf, 1024, "new %d %s", st, diag.msg);
		payroll_rules_free(r);
		return buf;
	}
	if ((st = payroll_calc_begin(c, fields, lens, NF, &diag)) != 0 ||
	    (st = payroll_calc_run(c, &diag)) != 0)
		snprintf(buf, 1024, "error %lu:%lu %s", diag.line, diag.column,
		    diag.msg);
	else
		for (i = 0; i < payroll_calc_noutputs(c); i++)
			if (strcmp(payroll_calc_output_name(c, i), "f") == 0)
				payroll_calc_output_format(c, i, buf, 1024);
	payroll_calc_free(c);
	payroll_rules_free(r);
	return buf;
}

/* f on rec is want. */
static void
is(const char *text, const char *rec, const char *want, const char *why)
{
	const char *got = ev(text, rec);

	ok(strcmp(got, want) == 0, "%s: %s [%s] = %s (got %s)", why, text,
	    rec, want, got);
}

/* f on rec fails the record at f's column col with msg. */
static void
fails(const char *text, const char *rec, size_t off, const char *msg)
{
	const char *got = ev(text, rec);
	char want[512];

	snprintf(want, sizeof(want), "error %d:%zu formula 'f': %s", FLINE,
	    (size_t)COL(off), msg);
	ok(strcmp(got, want) == 0, "%s [%s] fails: %s (got %s)", text, rec,
	    want, got);
}

/* The pack with f = text is refused at f's offset off with msg. */
static void
refused(const char *text, size_t off, const char *msg)
{
	struct payroll_rules *r;
	int st = load(text, "", "", &r);
	char want[512];

	snprintf(want, sizeof(want), "formula 'f': %s", msg);
	ok(st == PAYROLL_ERULES && diag.line == FLINE &&
	    diag.column == COL(off) && strcmp(diag.msg, want) == 0,
	    "%s refused at %d:%zu: %s (got %d at %lu:%lu: %s)", text, FLINE,
	    (size_t)COL(off), want, st, diag.line, diag.column, diag.msg);
	if (st == PAYROLL_OK)
		payroll_rules_free(r);
}

/* ------------------------------------------------------------------ */

static void
test_minmax(void)
{
	/* Non-constant arguments go through the temporaries in turn: the
	 * winner must survive the next argument's evaluation. */
	is("min(x * 1, y * 1, x + y, y - x)", "x=3;y=5", "2",
	    "min of 3, 5, 8, 2: the last");
	is("min(x * 1, y * 1, x + y, y - x)", "x=-3;y=5", "-3",
	    "min of -3, 5, 2, 8: the first");
	is("min(x * 1, y * 1, x - y, y + y)", "x=3;y=5", "-2",
	    "min of 3, 5, -2, 10: the third");
	is("max(x * 1, y * 1, x + y, y - x)", "x=3;y=5", "8",
	    "max of 3, 5, 8, 2: the third");
	is("max(x * 1, y * 1, x - y)", "x=-3;y=-5", "2",
	    "max of -3, -5, 2: the last");
	is("max(x * 1, y * 1, x + y)", "x=7;y=-5", "7",
	    "max of 7, -5, 2: the first");
	is("max(x, 1)", "x=1", "1", "max of equal values");
	is("min(x)", "x=4.5", "4.5", "min of one value");
	is("min(d1, d2)", "d1=2026-03-01;d2=2026-02-28", "2026-02-28",
	    "min of two dates");
	is("max(d1, d2, d1 + 1)", "d1=2026-03-01;d2=2026-02-28",
	    "2026-03-02", "max of three dates");
	is("abs(x)", "x=0", "0", "abs(0)");
	is("abs(x)", "x=-0.01", "0.01", "abs of a small negative");
	refused("min(p, p)", 4, "min() takes numbers or dates");
	refused("max(x, d1)", 7, "an argument must be a number, not a date");
}

/*
 * Rounding in every mode on negative and positive values (docs/rules.md:
 * half_up ties away from zero, up away from zero, down toward zero,
 * ceiling toward +infinity, floor toward -infinity).
 */
static void
test_round(void)
{
	static const struct {
		const char *mode, *x, *want;
	} c[] = {
		{ "half_up", "-2.5", "-3" }, { "half_up", "2.5", "3" },
		{ "half_up", "-2.49", "-2" },
		{ "half_down", "-2.5", "-2" }, { "half_down", "2.5", "2" },
		{ "half_down", "-2.51", "-3" },
		{ "half_even", "-2.5", "-2" }, { "half_even", "-3.5", "-4" },
		{ "half_even", "2.5", "2" }, { "half_even", "3.5", "4" },
		{ "up", "-2.1", "-3" }, { "up", "2.1", "3" },
		{ "up", "-2", "-2" },
		{ "down", "-2.9", "-2" }, { "down", "2.9", "2" },
		{ "ceiling", "-2.9", "-2" }, { "ceiling", "2.1", "3" },
		{ "floor", "-2.1", "-3" }, { "floor", "2.9", "2" },
	};
	char text[64], rec[32], why[64];
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		snprintf(text, sizeof(text), "round(x, 0, %s)", c[i].mode);
		snprintf(rec, sizeof(rec), "x=%s", c[i].x);
		snprintf(why, sizeof(why), "%s of %s", c[i].mode, c[i].x);
		is(text, rec, c[i].want, why);
	}
	/* Negative places: tens, hundreds. */
	is("round(x, -2, half_up)", "x=1250", "1300", "round to hundreds");
	is("round(x, -2, half_even)", "x=-1250", "-1200",
	    "half_even to hundreds of a negative");
	is("round(x, 30, half_up)", "x=1.5", "1.5", "30 places is allowed");
	is("round(x, -30, half_up)", "x=1.5", "0", "-30 places is allowed");
	/* trunc, floor, ceil: down, floor, ceiling; places default 0. */
	is("trunc(x)", "x=-2.99", "-2", "trunc of a negative: toward zero");
	is("trunc(x, 1)", "x=2.99", "2.9", "trunc to 1 place");
	is("floor(x)", "x=-2.01", "-3", "floor of a negative");
	is("floor(x, 1)", "x=-2.55", "-2.6", "floor to 1 place");
	is("ceil(x)", "x=2.01", "3", "ceil of a positive");
	is("ceil(x, 1)", "x=-2.55", "-2.5", "ceil of a negative to 1 place");
	is("ceil(x, -1)", "x=11", "20", "ceil to tens");
	/* round_unit in the half modes on negatives: -2.275 is half-way
	 * between -2.30 and -2.25. */
	is("round_unit(x, 0.05, half_up)", "x=-2.275", "-2.3",
	    "round_unit half_up of a negative tie");
	is("round_unit(x, 0.05, half_down)", "x=-2.275", "-2.25",
	    "round_unit half_down of a negative tie");
	is("round_unit(x, 0.05, up)", "x=-2.26", "-2.3",
	    "round_unit up of a negative: away from zero");
	is("round_unit(x, 0.05, down)", "x=-2.29", "-2.25",
	    "round_unit down of a negative: toward zero");
	is("round_unit(x, 100, half_even)", "x=250", "200",
	    "round_unit half_even to hundreds");
	/* The places: a whole constant from -30 to 30. */
	refused("round(x, 31, half_up)", 9,
	    "places must be a whole number from -30 to 30");
	refused("round(x, -31, half_up)", 9,
	    "places must be a whole number from -30 to 30");
	refused("round(x, 1.5, half_up)", 9,
	    "places must be a whole number from -30 to 30");
	refused("trunc(x, 31)", 9,
	    "places must be a whole number from -30 to 30");
	refused("floor(x, y)", 9,
	    "places must be a whole number from -30 to 30");
	refused("round(x, 2, abcdefghijabcdefghijabcdefghijabc)", 12,
	    "expected a rounding mode (half_up, half_even, half_down, up, "
	    "down, ceiling, floor)");
	refused("round(x, 2, 'half_up')", 12, "round() takes a name here");
	refused("round(x, 2, m: 2)", 0,
	    "round() takes (amount, places, mode)");
	refused("round_unit(x, 0.05)", 0,
	    "round_unit() takes (amount, unit, mode)");
	refused("round(p, 2, half_up)", 6, "the amount must be a number, "
	    "not a boolean");
	refused("round_unit(x, d1, half_up)", 14, "the unit must be a "
	    "number, not a date");
	refused("trunc(p)", 6, "the amount must be a number, not a boolean");
}

/*
 * Dates at month and year ends.  2024 was a leap year, 2026 is not; 4
 * April 2026 was a Saturday (2026-01-01 a Thursday, 93 days later, 93 =
 * 13 x 7 + 2).
 */
static void
test_dates(void)
{
	is("d1 + 1", "d1=2026-01-31", "2026-02-01", "31 January + 1");
	is("d1 + 1", "d1=2024-02-28", "2024-02-29", "28 Feb 2024 + 1");
	is("d1 + 1", "d1=2026-02-28", "2026-03-01", "28 Feb 2026 + 1");
	is("d1 + 1", "d1=2026-12-31", "2027-01-01", "31 December + 1");
	is("d1 - 1", "d1=2024-03-01", "2024-02-29", "1 March 2024 - 1");
	is("d1 - 1", "d1=2027-01-01", "2026-12-31", "1 January - 1");
	is("d1 + x", "d1=2026-03-01;x=-1", "2026-02-28",
	    "plus a negative number of days");
	is("d1 - x", "d1=2026-03-01;x=-1", "2026-03-02",
	    "minus a negative number of days");
	is("d1 - d2", "d1=2026-03-01;d2=2026-02-28", "1",
	    "date - date over the end of February");
	is("d1 - d2", "d1=2026-02-28;d2=2026-03-01", "-1",
	    "date - date, negative");
	is("d1 - d2", "d1=2027-01-01;d2=2026-01-01", "365",
	    "a year of 365 days");
	is("d1 - d2", "d1=2025-01-01;d2=2024-01-01", "366",
	    "a leap year of 366 days");
	/* 2,000 days from 2026-01-01: 2026 365, 2027 365, 2028 366, 2029
	 * 365, 2030 365 (1,826 days to 2031-01-01), 174 more: 31 + 28 +
	 * 31 + 30 + 31 = 151 to 1 June, 23 more: 24 June 2031. */
	is("d1 + x", "d1=2026-01-01;x=2000", "2031-06-24",
	    "2,000 days later");
	is("d1 - d2", "d1=2031-06-24;d2=2026-01-01", "2000",
	    "... and back");
	is("year(d1)", "d1=2026-12-31", "2026", "year of 31 December");
	is("month(d1)", "d1=2026-12-31", "12", "month of 31 December");
	is("day(d1)", "d1=2026-12-31", "31", "day of 31 December");
	is("month(d1)", "d1=2027-01-01", "1", "month of 1 January");
	is("day(d1)", "d1=2024-02-29", "29", "day of 29 February 2024");
	is("date(2026, 12, 31)", "", "2026-12-31", "date() of a year end");
	is("date(2026, 4, 30)", "", "2026-04-30", "30 April");
	is("date(2026, 1, 1)", "", "2026-01-01", "1 January");
	is("date(9999, 12, 31)", "", "9999-12-31", "the last date");
	is("date(1, 1, 1)", "", "0001-01-01", "the first date");
	is("date(2000, 2, 29)", "", "2000-02-29",
	    "2000 was a leap year (divisible by 400)");
	fails("date(x, 1, 1)", "x=0", 0,
	    "date(0, 1, 1) is not a calendar date");
	fails("date(x, 1, 1)", "x=10000", 0,
	    "date(10000, 1, 1) is not a calendar date");
	fails("date(2026, x, 1)", "x=13", 0,
	    "date(2026, 13, 1) is not a calendar date");
	fails("date(2026, x, 1)", "x=0", 0,
	    "date(2026, 0, 1) is not a calendar date");
	fails("date(2026, 4, x)", "x=31", 0,
	    "date(2026, 4, 31) is not a calendar date");
	fails("date(2026, 4, x)", "x=0", 0,
	    "date(2026, 4, 0) is not a calendar date");
	fails("date(2100, 2, x)", "x=29", 0,
	    "date(2100, 2, 29) is not a calendar date");
	/* The days added: whole, at most a million either way. */
	fails("d1 + x", "x=1.5", 3,
	    "days added to a date must be a whole number");
	fails("d1 - x", "x=1000001", 3,
	    "days added to a date must be a whole number");
	fails("d1 + x", "x=-1000001", 3,
	    "days added to a date must be a whole number");
	/* 1,000,000 days before 2026-01-01 is before year 1: the bound is
	 * 1,000,000 exactly, checked with a date far enough on. 1,000,000
	 * days after 2026-01-01 is in year 4763 (1,000,000 / 365.2425 =
	 * 2737.9 years). */
	is("year(d1 + x)", "d1=2026-01-01;x=1000000", "4763",
	    "a million days later is allowed");
	refused("d1 + p", 5, "days added to a date must be a number, not a "
	    "boolean");
	refused("x + d1", 4, "an operand of arithmetic must be a number, not "
	    "a date");
	refused("year(x)", 5, "the argument must be a date, not a number");
	refused("days(d1, x)", 9, "the second argument must be a date, not a "
	    "number");
	refused("date(2026, 1, d1)", 14, "date() argument must be a number, "
	    "not a date");
	/* days(), weekdays() count both ends, 0 when b < a. */
	is("days(d1, d2)", "d1=2026-02-28;d2=2026-03-01", "2",
	    "days over the end of February");
	is("days(d1, d2)", "d1=2026-03-01;d2=2026-03-01", "1",
	    "days of one day");
	is("days(d1, d2)", "d1=2026-03-02;d2=2026-03-01", "0",
	    "days backwards: 0");
	is("weekdays(d1, d2)", "d1=2026-04-04;d2=2026-04-05", "0",
	    "weekdays of Saturday 4 and Sunday 5 April: 0");
	is("weekdays(d1, d2)", "d1=2026-04-03;d2=2026-04-06", "2",
	    "weekdays Friday 3 to Monday 6 April: 2");
	is("weekdays(d1, d2)", "d1=2026-04-06;d2=2026-04-06", "1",
	    "weekdays of Monday 6 April: 1");
	is("weekdays(d1, d2)", "d1=2026-04-06;d2=2026-04-03", "0",
	    "weekdays backwards: 0");
	/* Comparisons of dates. */
	is("d1 < d2", "d1=2026-02-28;d2=2026-03-01", "true", "date <");
	is("d1 >= d2", "d1=2026-02-28;d2=2026-03-01", "false", "date >=");
	is("d1 == d2 - 1", "d1=2026-02-28;d2=2026-03-01", "true",
	    "the day before 1 March 2026 is 28 February");
}

/*
 * working_days(): Monday-to-Friday days that are not holidays.  The
 * holidays: Friday 3 April 2026 (Good Friday), Saturday 4 April,
 * Monday 6 April (Easter Monday), and Sunday 31 May 2026.  3 to 10 April:
 * Fri 3, Mon 6 to Fri 10 = 6 weekdays, less Fri 3 and Mon 6 = 4; the
 * Saturday takes nothing away.  25 to 31 May: Mon 25 to Fri 29 = 5, the
 * Sunday holiday takes nothing: 5.
 */
static void
test_working_days(void)
{
	static const char *const hol[] = { "2026-04-03", "2026-04-04",
	    "2026-04-06", "2026-05-31" };
	payroll_date h[4];
	size_t i;

	for (i = 0; i < 4; i++)
		if (payroll_date_parse(hol[i], 10, &h[i]) != 0) {
			printf("Bail out! date %s\n", hol[i]);
			exit(2);
		}
	run.holidays = h;
	run.nholidays = 4;
	is("working_days(d1, d2)", "d1=2026-04-03;d2=2026-04-10", "4",
	    "3 to 10 April, holidays Fri 3, Sat 4, Mon 6: 6 less 2");
	is("working_days(d1, d2)", "d1=2026-05-25;d2=2026-05-31", "5",
	    "25 to 31 May, a Sunday holiday: 5");
	is("working_days(d1, d2)", "d1=2026-04-04;d2=2026-04-06", "0",
	    "Sat 4 to Mon 6 April, both holidays: 0");
	is("working_days(d1, d2)", "d1=2026-04-07;d2=2026-04-07", "1",
	    "Tuesday 7 April alone: 1");
	is("working_days(d1, d2)", "d1=2026-04-10;d2=2026-04-07", "0",
	    "working_days backwards: 0");
	/* The run is November 2026 (no holidays in it here): 21
	 * weekdays (t_rules.c). */
	is("period.working_days", "", "21",
	    "period.working_days of November 2026, no holiday in it");
	run.holidays = NULL;
	run.nholidays = 0;
}

/* len(), digit(), number(), matches(), capture(), iban_valid(). */
static void
test_strings(void)
{
	is("len(s)", "s=abc", "3", "len of abc");
	is("len(s)", "", "0", "len of an empty string");
	is("len(s)", "s=Zo\xc3\xab", "3", "len counts characters: Zoe with "
	    "a diaeresis (4 bytes) is 3");
	is("len(s)", "s=\xe2\x82\xac" "12", "3", "len of a euro sign and 2 "
	    "digits (5 bytes)");
	is("len(e)", "e=bb", "2", "len of an enum's name");
	is("digit(s, 1)", "s=90210", "9", "the first digit");
	is("digit(s, 5)", "s=90210", "0", "the last digit");
	is("digit(s, x)", "s=90210;x=3", "2", "the third digit");
	fails("digit(s, x)", "s=90210;x=0", 0,
	    "'90210' has no digit at that position");
	fails("digit(s, x)", "s=90210;x=6", 0,
	    "'90210' has no digit at that position");
	fails("digit(s, 3)", "s=12a45", 0,
	    "'12a45' has no digit at that position");
	fails("digit(s, 3)", "s=12/45", 0,
	    "'12/45' has no digit at that position");
	fails("digit(s, 3)", "s=12:45", 0,
	    "'12:45' has no digit at that position");
	fails("digit(m, 3)", "m=12a456789", 0,
	    "'****6789' has no digit at that position");
	is("number(s)", "s=-12.50", "-12.5", "number of a signed decimal");
	is("number(s) + 1", "s=007", "8", "number with leading zeros");
	fails("number(s)", "s=12,5", 0, "'12,5' is not a number");
	fails("number(m)", "m=AB123456789", 0, "'****6789' is not a number");
	fails("number(s)", "s=12345678901234567890123456789012345678901234",
	    0, "'1234567890123456789012345678901234567890...' is not a "
	    "number");
	is("matches(s, '^[0-9]{3}-[0-9]{2}$')", "s=123-45", "true",
	    "matches");
	is("matches(s, '^[0-9]{3}-[0-9]{2}$')", "s=123-456", "false",
	    "matches is anchored by the pattern");
	is("matches(e, '^b')", "e=bb", "true", "matches on an enum's name");
	is("capture(s, '([0-9]+)-([0-9]+)', 2)", "s=x12-345y", "345",
	    "capture group 2");
	is("capture(s, '([0-9]+)-([0-9]+)', 1)", "s=x12-345y", "12",
	    "capture group 1");
	is("capture(s, '([0-9]+)-([0-9]+)', 0)", "s=x12-345y", "12-345",
	    "capture group 0: the whole match");
	is("capture(s, '([0-9]+)-([0-9]+)', 1)", "s=x12y", "",
	    "capture without a match: ''");
	is("capture(s, '(a)|(b)', 2)", "s=a", "",
	    "capture of a group that did not take part: ''");
	refused("matches(s, s)", 11,
	    "the regular expression must be a string literal");
	refused("matches(s, '(')", 11, "bad regular expression '('");
	refused("capture(s, 'a', 10)", 16,
	    "the group must be a whole number from 0 to 9");
	refused("capture(s, 'a', -1)", 16,
	    "the group must be a whole number from 0 to 9");
	refused("matches(x, 'a')", 8, "the subject must be a string, not a "
	    "number");
	refused("len(x)", 4, "the argument must be a string, not a number");
	/* IBANs: the registry's examples DE89 3704 0044 0532 0130 00 and
	 * GB29 NWBK 6016 1331 9268 19, NO93 8601 1117 947 (15, the
	 * shortest). */
	is("iban_valid(s)", "s=DE89370400440532013000", "true",
	    "a German IBAN");
	is("iban_valid(s)", "s=GB29NWBK60161331926819", "true",
	    "a British IBAN");
	is("iban_valid(s)", "s=NO9386011117947", "true",
	    "a Norwegian IBAN, 15 characters");
	is("iban_valid(s)", "s=DE89370400440532013001", "false",
	    "a wrong check");
	is("iban_valid(s)", "s=de89370400440532013000", "false",
	    "lower case");
	is("iban_valid(s)", "s=DE89 3704 0044 0532 0130 00", "false",
	    "spaces");
	is("iban_valid(s)", "s=NO938601111794", "false", "14 characters");
	is("iban_valid(s)", "s=DE8937040044053201300", "false",
	    "a German IBAN one short");
}

/* if(), case(), and, or, not, comparisons. */
static void
test_logic(void)
{
	is("if(x > 0, 1, x < 0, -1, 0)", "x=5", "1", "if: the first branch");
	is("if(x > 0, 1, x < 0, -1, 0)", "x=-5", "-1",
	    "if: the second branch");
	is("if(x > 0, 1, x < 0, -1, 0)", "x=0", "0", "if: the else branch");
	/* Only the branch taken is evaluated; and, or stop early. */
	is("if(x == 0, 0, 1 / x)", "x=0", "0", "if: the untaken division");
	is("p and 1 / x > 0", "p=false;x=0", "false",
	    "and stops at a false left side");
	is("p or 1 / x > 0", "p=true;x=0", "true",
	    "or stops at a true left side");
	is("p and x > 0", "p=true;x=1", "true", "true and true");
	is("p or x > 0", "p=false;x=0", "false", "false or false");
	fails("p or 1 / x > 0", "p=false;x=0", 7, "division by zero");
	is("not p", "p=no", "true", "not of no");
	is("not p", "p=Y", "false", "not of Y");
	/* Comparisons at their bounds. */
	is("x < y", "x=1;y=1", "false", "1 < 1");
	is("x <= y", "x=1;y=1", "true", "1 <= 1");
	is("x > y", "x=1;y=1", "false", "1 > 1");
	is("x >= y", "x=1;y=1.00", "true", "1 >= 1.00");
	is("x != y", "x=1;y=1.00", "false", "1 != 1.00");
	is("x == y", "x=0.1;y=0.10", "true", "0.1 == 0.10");
	/* Strings compare by bytes, a prefix first. */
	is("s < 'abd'", "s=abc", "true", "abc < abd");
	is("s < 'ab'", "s=abc", "false", "abc < ab");
	is("s > 'ab'", "s=abc", "true", "abc > ab");
	is("s <= 'abc'", "s=abc", "true", "abc <= abc");
	is("s == ''", "", "true", "an absent string is ''");
	/* An enum with a string: the literal becomes the enum's value; a
	 * string input compares with the enum's name, either way round. */
	is("e == 'bb'", "e=bb", "true", "enum == literal");
	is("'bb' == e", "e=bb", "true", "literal == enum");
	is("e == s", "e=cc;s=cc", "true", "enum == string input");
	is("s != e", "e=cc;s=c", "true", "string input != enum");
	is("e == period.frequency", "e=aa", "false",
	    "enums of two sets compare by name");
	is("period.frequency == 'monthly'", "", "true",
	    "period.frequency of the run");
	/* case() on an enum, a string, a number. */
	is("case(e, aa: 1, bb: 2, cc: 3)", "e=cc", "3",
	    "case on an enum, every value covered");
	is("case(e, aa: 1, else: 9)", "e=bb", "9", "case on an enum: else");
	is("case(s, 'x y': 1, z: 2, else: 0)", "s=x y", "1",
	    "case on a string, a quoted key");
	is("case(s, 'x y': 1, z: 2, else: 0)", "s=z", "2",
	    "case on a string, the second key");
	is("case(s, 'x y': 1, z: 2, else: 0)", "s=zz", "0",
	    "case on a string: else");
	is("case(x, 1: 10, 2.5: 20, else: 0)", "x=2.50", "20",
	    "case on a number: 2.50 is the key 2.5");
	is("case(x, 1: 10, 2.5: 20, else: 0)", "x=3", "0",
	    "case on a number: else");
	is("case(e, aa: 'one', else: s)", "e=bb;s=two", "two",
	    "case results may be strings");
	is("if(p, e, 'cc') == 'cc'", "p=false", "true",
	    "if() unifies an enum and a literal");
	is("if(p, 'aa', e) == 'aa'", "p=true", "true",
	    "if() unifies a literal and an enum");
	refused("case(x)", 0,
	    "case() takes (value, key: result, ..., else: result)");
	refused("case(k: x, a: 1)", 0,
	    "case() takes (value, key: result, ..., else: result)");
	refused("case(p, true: 1, else: 0)", 5,
	    "case() looks up an enum, a string or a number");
	refused("case(e, 1, else: 0)", 8,
	    "case() results are written key: result");
	refused("case(e, else: 1, aa: 2)", 14, "else: comes last");
	refused("case(e, else: 1)", 0, "case() needs at least one key");
	refused("case(s, a: 1)", 0, "case() on a string or number needs "
	    "else:");
	refused("case(e, aa: 1, bb: 2)", 0,
	    "case() does not cover 'cc'; add it or else:");
	refused("case(e, zz: 1, else: 0)", 12,
	    "'zz' is not a value of this enum");
	refused("case(x, abc: 1, else: 0)", 13, "'abc' is not a number");
	refused("case(e, aa: 1, else: 'x')", 0,
	    "cannot mix a number and a string");
	refused("if(p, x)", 0,
	    "if() takes (cond, then, else) or (c1, v1, c2, v2, ..., else)");
	refused("if(p, x, y, 1)", 0,
	    "if() takes (cond, then, else) or (c1, v1, c2, v2, ..., else)");
	refused("if(p, x, d1)", 6, "cannot mix a number and a date");
	refused("if(p, 1, x, 2, 3)", 9,
	    "an if() condition must be a boolean, not a number");
	refused("x == p", 2, "cannot mix a number and a boolean");
	refused("p < p", 2, "a boolean can only be compared with == or !=");
	refused("p or x", 5, "an operand of or must be a boolean, not a "
	    "number");
	refused("x or p", 0, "an operand of or must be a boolean, not a "
	    "number");
	refused("x and p", 0, "an operand of and must be a boolean, not a "
	    "number");
	refused("and p", 0, "expected a value before 'and'");
	refused("p or or p", 5, "expected a value before 'or'");
	refused("-p", 1, "a negated value must be a number, not a boolean");
}

/* Names with dots, symbols used wrongly, calls. */
static void
test_names(void)
{
	char text[1024];
	size_t i, n;

	refused("period.", 7, "expected a name after '.'");
	refused("period.1", 7, "expected a name after '.'");
	refused("segment.nosuch", 0, "unknown segment fact 'segment.nosuch' "
	    "(start, end, days, weekdays, working_days)");
	refused("segment.days", 0, "segment.days is only known in formulas "
	    "marked per: segment");
	refused("ytd.nosuch", 0, "'ytd.nosuch': no such balance (money "
	    "outputs, gross_pay, net_pay and names under 'balances:')");
	refused("item.nosuch", 0, "'item.nosuch': no such item (declare it "
	    "under 'items:')");
	refused("foo.bar", 0, "unknown name 'foo.bar' (period., segment., "
	    "ytd. and item. have dots)");
	refused("x + marg", 4, "'marg' is a scale: use scale(name, amount)");
	refused("x + t1", 4, "'t1' is a table: use table(name, key, ...)");
	refused("x + twice", 4, "'twice' is a function: call it with "
	    "arguments");
	refused("twice(v: x)", 9, "bad argument");
	/* A function calling itself is refused where it calls, in its
	 * own text: line 51 of the pack, `  again: {params: [v], expr:
	 * "again(v)"}`, the text from column 31. */
	{
		struct payroll_rules *r;
		int st = load("again(x)", "", "", &r);

		ok(st == PAYROLL_ERULES && diag.line == 51 &&
		    diag.column == 31 && strcmp(diag.msg, "formula 'f': "
		    "function 'again' calls itself; functions cannot "
		    "recurse") == 0, "a recursive function: refused at "
		    "51:31 (got %d at %lu:%lu: %s)", st, diag.line,
		    diag.column, diag.msg);
		if (st == PAYROLL_OK)
			payroll_rules_free(r);
	}
	refused("min(x y)", 6, "expected ',' or ')' in the arguments of "
	    "min()");
	refused("abs(k: x)", 7, "abs() takes no 'key:' arguments");
	refused("scale(1, x)", 6, "scale() takes a name here");
	refused("scale(t1, x)", 6, "'t1' is not a scale");
	refused("scale(marg)", 0,
	    "scale() takes (scale, amount) or (scale, amount, factor)");
	refused("scale_rate(marg, x, 1, 2)", 0, "scale_rate() takes (scale, "
	    "amount) or (scale, amount, factor)");
	refused("scale(marg, p)", 12, "the amount must be a number, not a "
	    "boolean");
	refused("scale(marg, x, p)", 15, "the factor must be a number, not "
	    "a boolean");
	refused("table(t1)", 0, "table() takes (table, key, ...)");
	refused("has(marg, 1)", 4, "'marg' is not a table");
	refused("table(t1, 1, 2)", 0, "table 't1' has 1 key, not 2");
	refused("table(t2, 'u')", 0, "table 't2' has 2 keys, not 1");
	refused("table(t1, p)", 10, "a table key is a string, an enum or a "
	    "whole number");
	refused("table(t1, d1)", 10, "a table key is a string, an enum or "
	    "a whole number");
	refused("sum()", 0, "sum() takes a tag or a kind");
	refused("sum(nosuch)", 4, "sum(nosuch): no pack declares the tag "
	    "'nosuch' (declare it under tags: with what it means)");
	refused("present()", 0, "present() takes an input name");
	refused("present(x, y)", 0, "present() takes an input name");
	refused("present(nosuch)", 8, "'nosuch' is not an input");
	refused("present(marg)", 8, "'marg' is not an input");
	refused("has_item()", 0, "has_item() takes an item name");
	refused("has_item(nosuch)", 9, "no item 'nosuch'");
	refused("fail(s)", 5, "fail() takes a message in quotes");
	refused("fail('m', p)", 10, "fail() writes strings, numbers and dates "
	    "after its message");
	refused("nosuch(x)", 0, "unknown function 'nosuch'");
	/* 39 digits do not fit; a percent of 37 decimals makes 39. */
	refused("x + 1234567890123456789012345678901234567890", 4,
	    "number out of range");
	refused("x + 0.0000000000000000000000000000000000001%", 4,
	    "number out of range");
	is("x + 0.000000000000000000000000000000000001%", "", 
	    "0.00000000000000000000000000000000000001",
	    "a percent of 36 decimals makes 38: in range");
	/* Nesting: 200 levels of unary minus or not are allowed, 201 are
	 * not (MAX_EXPR_DEPTH 200; the text itself is one level). */
	for (n = 0, i = 0; i < 201; i++)
		text[n++] = '-';
	text[n++] = 'x';
	text[n] = '\0';
	refused(text, 199, "expression nested too deeply");
	for (n = 0, i = 0; i < 201; i++) {
		memcpy(text + n, "not ", 4);
		n += 4;
	}
	memcpy(text + n, "p", 2);
	refused(text, 4 * 199, "expression nested too deeply");
	/* 65 arguments are too many (64 is the most). */
	n = (size_t)snprintf(text, sizeof(text), "min(x");
	for (i = 1; i < 65; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, ",1");
	snprintf(text + n, sizeof(text) - n, ")");
	refused(text, 4 + 2 * 64, "too many arguments");
	text[n - 2] = ')';
	text[n - 1] = '\0';
	is(text, "x=0.5", "0.5", "min() of 64 arguments");
}

/* scale() with a factor, table() at run time, sum(), present(). */
static void
test_lookups(void)
{
	/* marg: 10% to 100, 20% above; a factor of 2 puts the step at 200:
	 * 250 -> 200 x 10% + 50 x 20% = 30. */
	is("scale(marg, x, 2)", "x=250", "30", "a marginal scale with a "
	    "factor of 2");
	is("scale(marg, x, 2)", "x=150", "15", "... below the moved step");
	is("scale(marg, x, 0.5)", "x=100", "15",
	    "a factor of 0.5: 50 x 10% + 50 x 20%");
	is("scale_rate(marg, x, 2)", "x=199.99", "0.1",
	    "scale_rate under the doubled step");
	is("scale(band, x, 2)", "x=200", "0.2", "a band scale with a factor");
	fails("scale(marg, x, y)", "x=100;y=0", 0,
	    "the factor of scale 'marg' must be positive");
	fails("scale(marg, x, y)", "x=100;y=-1", 0,
	    "the factor of scale 'marg' must be positive");
	fails("scale(marg, x)", "x=-1", 0,
	    "-1 is below the first bracket of scale 'marg'");
	is("table(t1, x)", "x=7", "70", "a table row by a whole number");
	is("table(t1, x)", "x=7.00", "70", "7.00 is the key 7");
	is("table(t1, s)", "s=abc", "5", "a table row by a string");
	is("table(t1, e)", "e=bb", "2", "a table row by an enum's name");
	is("table(t2, s, x)", "s=v;x=1", "21", "a table of two keys");
	is("has(t1, x)", "x=8", "false", "has() of a missing row");
	is("has(t1, x)", "x=7", "true", "has() of a row");
	is("has(t2, s, x)", "s=v;x=2", "false", "has() of a missing row at "
	    "the second key");
	is("has(t2, s, x)", "s=w;x=1", "false", "has() of a missing row at "
	    "the first key");
	fails("table(t1, x)", "x=7.5", 0, "a table key must be a whole "
	    "number");
	fails("table(t1, x)", "x=8", 0, "table 't1' has no row '8'");
	fails("table(t2, s, x)", "s=u;x=3", 0, "table 't2' has no row '3'");
	is("present(s)", "s=a", "true", "present() of a value");
	is("present(s)", "", "false", "present() of a blank field");
	is("sum(mytag)", "", "0", "sum() of a tag on no output");
	is("sum(employer)", "", "0", "sum() of a kind with no output");
}

/* fail() writes its values as documented; a masked input masked. */
static void
test_fail(void)
{
	fails("fail('no rate')", "", 0, "no rate");
	fails("fail('bad ', x, ' on ', d1, ' for ', e, ' id ', m, '/', s)",
	    "x=-2.50;d1=2026-02-28;e=bb;m=123456789;s=ab", 0,
	    "bad -2.50 on 2026-02-28 for bb id ****6789/ab");
	fails("fail('long ', s)",
	    "s=abcdefghijabcdefghijabcdefghijabcdefghijXYZ", 0,
	    "long abcdefghijabcdefghijabcdefghijabcdefghij...");
	fails("if(x > 1, fail('too big: ', x), x)", "x=2", 10,
	    "too big: 2");
	is("if(x > 1, fail('too big: ', x), x)", "x=1", "1",
	    "fail() in a branch not taken");
}

/*
 * The arity message: "takes N argument(s)", "N or more", "N to M".
 */
static void
test_arity(void)
{
	char text[256];
	size_t n, i;

	refused("abs(x, y)", 0, "abs() takes 1 argument, not 2");
	refused("mod(x)", 0, "mod() takes 2 arguments, not 1");
	refused("date(1, 2)", 0, "date() takes 3 arguments, not 2");
	refused("max()", 0, "max() takes 1 or more arguments, not 0");
	refused("trunc(x, 1, 2)", 0, "trunc() takes 1 to 2 arguments, not 3");
	refused("ceil()", 0, "ceil() takes 1 to 2 arguments, not 0");
	n = (size_t)snprintf(text, sizeof(text), "fail('m'");
	for (i = 1; i < 17; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, ", x");
	snprintf(text + n, sizeof(text) - n, ")");
	refused(text, 0, "fail() takes 1 to 16 arguments, not 17");
}

/* The output named name of c, formatted. */
static const char *
outv(struct payroll_calc *c, const char *name)
{
	static char buf[2][128];
	static int slot;
	char *b = buf[slot++ % 2];
	size_t i;

	snprintf(b, 128, "(none)");
	for (i = 0; i < payroll_calc_noutputs(c); i++)
		if (strcmp(payroll_calc_output_name(c, i), name) == 0)
			payroll_calc_output_format(c, i, b, 128);
	return b;
}

/*
 * YTD balances, items and segments through the API.  The run is
 * November 2026 (1 to 30 November, paid the 30th); the pack's tax year
 * starts 1 January (year_start's default, docs/rules.md).
 */
static void
test_api(void)
{
	static const char *const ynames[] = { "employee_id", "last_pay_date",
	    "last_period_end", "pay", "gross_pay" };
	const char *fields[NF], *yf[5];
	size_t lens[NF], yl[5], i;
	struct payroll_rules *r;
	struct payroll_calc *c;
	char copy[256], buf[4096];
	FILE *fp;
	int st;

	if (load("ytd.pay + item.hours", "  pay: \"round(x, 2, half_up)\"\n",
	    "  pay: {kind: earning}\n", &r) != PAYROLL_OK ||
	    payroll_calc_new(r, names, NF, &c, &diag) != PAYROLL_OK) {
		ok(0, "the YTD pack loads (%s)", diag.msg);
		return;
	}
	/* A YTD file without last_pay_date. */
	payroll_diag_clear(&diag);
	st = payroll_calc_ytd_bind(c, ynames + 2, 3, &diag);
	ok(st == PAYROLL_EDATA && diag.line == 1 &&
	    strcmp(diag.field, "last_pay_date") == 0 && strcmp(diag.msg,
	    "a YTD file needs the column 'last_pay_date'") == 0,
	    "a YTD header without last_pay_date: EDATA at line 1 (%d %lu %s)",
	    st, diag.line, diag.msg);
	ok(payroll_calc_ytd_bind(c, ynames, 5, &diag) == PAYROLL_OK,
	    "a YTD header binds");
	record("x=10", copy, sizeof(copy), fields, lens);
	yf[0] = "E1";
#define YROW(lpd, lpe, pay) do { \
	yf[1] = lpd; yf[2] = lpe; yf[3] = pay; yf[4] = ""; \
	for (i = 0; i < 5; i++) \
		yl[i] = strlen(yf[i]); \
	payroll_diag_clear(&diag); \
	st = payroll_calc_begin(c, fields, lens, NF, &diag); \
	if (st == 0) \
		st = payroll_calc_ytd_row(c, yf, yl, 5, &diag); \
} while (0)
	/* Paid on 29 November, before the run's 30th: taken. */
	YROW("2026-11-29", "", "100.50");
	ok(st == 0 && payroll_calc_run(c, &diag) == 0 &&
	    strcmp(outv(c, "f"), "100.5") == 0,
	    "ytd.pay from a row paid 2026-11-29: 100.5 (%d %s, %s)", st,
	    diag.msg, outv(c, "f"));
	/* The balance after: 100.50 + 10.00. */
	for (i = 0; i < payroll_calc_nbalances(c); i++)
		if (strcmp(payroll_calc_balance_name(c, i), "pay") == 0)
			break;
	ok(i < payroll_calc_nbalances(c) &&
	    payroll_dec_cmp(payroll_calc_balance(c, i),
	    (struct payroll_dec){ 11050, 2, 0 }) == 0,
	    "the pay balance after the period: 110.50");
	YROW("2026-11-30", "", "100.50");
	ok(st == PAYROLL_EDATA && diag.line == 0 &&
	    strcmp(diag.field, "last_pay_date") == 0 &&
	    strcmp(diag.msg, "the YTD balances already include pay date "
	    "2026-11-30, not before this run's: give the YTD file from "
	    "before this period") == 0, "a row paid on the run's pay date: "
	    "refused (%s)", diag.msg);
	YROW("2026-11-29", "2026-11-01", "100.50");
	ok(st == PAYROLL_EDATA && diag.line == 0 &&
	    strcmp(diag.field, "last_period_end") == 0 &&
	    strcmp(diag.msg, "the YTD balances already include the period "
	    "ending 2026-11-01, which overlaps this run's: give the YTD file "
	    "from before this period") == 0, "a row whose period ended on "
	    "the run's first day: refused (%s)", diag.msg);
	YROW("2026-11-29", "2026-10-31", "100.50");
	ok(st == 0, "a row whose period ended the day before the run's: "
	    "taken (%d %s)", st, diag.msg);
	YROW("2026-11-29", "2026-10-32", "100.50");
	ok(st == PAYROLL_EDATA && diag.line == 0 &&
	    strcmp(diag.field, "last_period_end") == 0 &&
	    strcmp(diag.msg, "not a date") == 0, "last_period_end 2026-10-32:"
	    " not a date (%s)", diag.msg);
	YROW("29.11.2026", "", "100.50");
	ok(st == PAYROLL_EDATA && diag.line == 0 &&
	    strcmp(diag.field, "last_pay_date") == 0 &&
	    strcmp(diag.msg, "not a date") == 0, "last_pay_date 29.11.2026: "
	    "not a date (%s)", diag.msg);
	YROW("2026-11-29", "", "1,5");
	ok(st == PAYROLL_EDATA && diag.line == 0 &&
	    strcmp(diag.field, "pay") == 0 &&
	    strcmp(diag.msg, "'1,5' is not a number") == 0,
	    "a balance of 1,5: not a number (%s)", diag.msg);
	/* Paid in the last tax year: its balances start over. */
	YROW("2025-12-31", "", "100.50");
	ok(st == 0 && payroll_calc_run(c, &diag) == 0 &&
	    strcmp(outv(c, "f"), "0") == 0, "a row paid 2025-12-31, the "
	    "last tax year: ytd.pay 0 (%s)", outv(c, "f"));
	YROW("2026-01-01", "", "100.50");
	ok(st == 0 && payroll_calc_run(c, &diag) == 0 &&
	    strcmp(outv(c, "f"), "100.5") == 0, "a row paid 2026-01-01, "
	    "this tax year: ytd.pay 100.5 (%s)", outv(c, "f"));

	/* Items: rows of a wage type add up; min 0 and max 100 bound the
	 * total. */
	YROW("2026-01-01", "", "");
	ok(st == 0 && payroll_calc_item(c, "hours", "60.5", 4, &diag) == 0 &&
	    payroll_calc_item(c, "hours", "-20.25", 6, &diag) == 0 &&
	    payroll_calc_run(c, &diag) == 0 && strcmp(outv(c, "f"),
	    "40.25") == 0, "item.hours of 60.5 and -20.25: 40.25 (%s)",
	    outv(c, "f"));
	fp = tmpfile();
	ok(fp != NULL && payroll_calc_explain(c, fp) == PAYROLL_OK,
	    "--explain writes");
	if (fp != NULL) {
		size_t n;

		rewind(fp);
		n = fread(buf, 1, sizeof(buf) - 1, fp);
		buf[n] = '\0';
		fclose(fp);
		ok(strstr(buf, "\n  item.hours = 40.25\n") != NULL,
		    "--explain shows item.hours = 40.25");
		ok(strstr(buf, "\n  ytd.") == NULL, "--explain shows no ytd. "
		    "line when every balance is 0");
	}
	YROW("2026-01-01", "", "7");
	ok(st == 0 && payroll_calc_item(c, "hours", "100", 3, &diag) == 0 &&
	    payroll_calc_run(c, &diag) == 0 && strcmp(outv(c, "f"),
	    "107") == 0, "an item total of 100, the max: taken (%s)",
	    diag.msg);
	fp = tmpfile();
	if (fp != NULL && payroll_calc_explain(c, fp) == PAYROLL_OK) {
		size_t n;

		rewind(fp);
		n = fread(buf, 1, sizeof(buf) - 1, fp);
		buf[n] = '\0';
		ok(strstr(buf, "\n  ytd.pay = 7\n") != NULL &&
		    strstr(buf, "\n  item.hours = 100\n") != NULL,
		    "--explain shows ytd.pay = 7 and item.hours = 100");
	} else
		ok(0, "--explain writes");
	if (fp != NULL)
		fclose(fp);
	YROW("2026-01-01", "", "");
	ok(st == 0 && payroll_calc_item(c, "hours", "100.01", 6, &diag) == 0 &&
	    payroll_calc_run(c, &diag) == PAYROLL_EDATA && diag.line == 0 &&
	    strcmp(diag.field, "hours") == 0 && strcmp(diag.msg, "the "
	    "period's total of the hours items is 100.01, outside what the "
	    "packs allow for it (0 to 100)") == 0, "an item total of 100.01: "
	    "refused (%s)", diag.msg);
	YROW("2026-01-01", "", "");
	ok(st == 0 && payroll_calc_item(c, "hours", "-0.01", 5, &diag) == 0 &&
	    payroll_calc_run(c, &diag) == PAYROLL_EDATA && diag.line == 0 &&
	    strstr(diag.msg, "is -0.01, outside") != NULL,
	    "an item total of -0.01: refused (%s)", diag.msg);
	YROW("2026-01-01", "", "");
	ok(payroll_calc_item(c, "overtime", "1", 1, &diag) == PAYROLL_EDATA &&
	    diag.line == 0 &&
	    strcmp(diag.field, "wage_type") == 0 && strcmp(diag.msg, "unknown "
	    "wage type 'overtime': no rule pack declares it under 'items:'") ==
	    0, "an unknown wage type: refused (%s)", diag.msg);
	ok(payroll_calc_item(c, "hours", "1.2.3", 5, &diag) == PAYROLL_EDATA &&
	    diag.line == 0 &&
	    strcmp(diag.field, "amount") == 0 && strcmp(diag.msg, "'1.2.3' "
	    "is not a plain decimal number") == 0, "an amount 1.2.3: refused "
	    "(%s)", diag.msg);
	{
		static const char big[] =
		    "90000000000000000000000000000000000000";

		ok(payroll_calc_item(c, "hours", big, strlen(big), &diag) ==
		    0 && payroll_calc_item(c, "hours", big, strlen(big),
		    &diag) == PAYROLL_ERANGE && diag.line == 0 &&
		    strcmp(diag.msg, "item total "
		    "overflows") == 0, "two items of 9 x 10^37: the total "
		    "overflows 38 digits (%s)", diag.msg);
	}
#undef YROW
	payroll_calc_free(c);
	payroll_rules_free(r);
}

/*
 * Segments: a record in force 1 to 15 November 2026 and another 16 to
 * 30 November.  November 2026 began on a Sunday: 1-15 holds the weekdays
 * 2-6 and 9-13 (10), 16-30 holds 16-20, 23-27 and 30 (11); Wednesday 11
 * November is a holiday here, so 9 and 11 working days.
 */
static void
test_segments(void)
{
	static const char *const facts[] = {
	    "x * segment.weekdays", "32",
	    "x * segment.working_days", "31",	/* 1 x 9 + 2 x 11 */
	    "x * segment.days", "45",		/* 1 x 15 + 2 x 15 */
	    "x * day(segment.start)", "33",	/* 1 x 1 + 2 x 16 */
	    "x * day(segment.end)", "75",	/* 1 x 15 + 2 x 30 */
	};
	const char *fields[NF];
	size_t lens[NF], i;
	struct payroll_rules *r;
	struct payroll_calc *c;
	payroll_date h[1], a1, a2, b1, b2;
	char copy[128], xf[160];

	if (payroll_date_parse("2026-11-11", 10, &h[0]) != 0 ||
	    payroll_date_parse("2026-11-01", 10, &a1) != 0 ||
	    payroll_date_parse("2026-11-15", 10, &a2) != 0 ||
	    payroll_date_parse("2026-11-16", 10, &b1) != 0 ||
	    payroll_date_parse("2026-11-30", 10, &b2) != 0) {
		printf("Bail out! dates\n");
		exit(2);
	}
	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i += 2) {
		int st;

		snprintf(xf, sizeof(xf), "  g: {expr: \"%s\", per: segment}\n",
		    facts[i]);
		run.holidays = h;
		run.nholidays = 1;
		st = load("g", xf, "", &r);
		run.holidays = NULL;
		run.nholidays = 0;
		if (st != PAYROLL_OK ||
		    payroll_calc_new(r, names, NF, &c, &diag) != 0) {
			ok(0, "the segment pack loads (%s)", diag.msg);
			if (st == PAYROLL_OK)
				payroll_rules_free(r);
			continue;
		}
		record("x=2", copy, sizeof(copy), fields, lens);
		st = payroll_calc_begin(c, fields, lens, NF, &diag);
		record("x=1", copy, sizeof(copy), fields, lens);
		if (st == 0)
			st = payroll_calc_segment(c, fields, lens, NF, a1, a2,
			    &diag);
		record("x=2", copy, sizeof(copy), fields, lens);
		if (st == 0)
			st = payroll_calc_segment(c, fields, lens, NF, b1, b2,
			    &diag);
		if (st == 0)
			st = payroll_calc_run(c, &diag);
		ok(st == 0 && strcmp(outv(c, "f"), facts[i + 1]) == 0,
		    "%s over 1-15 (x 1) and 16-30 November (x 2): %s (got "
		    "%d %s, %s)", facts[i], facts[i + 1], st, diag.msg,
		    outv(c, "f"));
		payroll_calc_free(c);
		payroll_rules_free(r);
	}
	/* A segment's evaluation error names the formula and its place:
	 * g is on line 13, its text from column 14 (`  g: {expr: "`), the
	 * division at offset 2. */
	if (load("g", "  g: {expr: \"1 / x\", per: segment}\n", "", &r) ==
	    PAYROLL_OK && payroll_calc_new(r, names, NF, &c, &diag) == 0) {
		int st;

		record("x=0", copy, sizeof(copy), fields, lens);
		st = payroll_calc_begin(c, fields, lens, NF, &diag);
		if (st == 0)
			st = payroll_calc_segment(c, fields, lens, NF, a1, a2,
			    &diag);
		ok(st == PAYROLL_EDIVZERO && diag.line == 13 &&
		    diag.column == 16 && strcmp(diag.msg, "formula 'g': "
		    "division by zero") == 0, "a segment dividing by zero: "
		    "EDIVZERO at 13:16 (got %d %lu:%lu %s)", st, diag.line,
		    diag.column, diag.msg);
		payroll_calc_free(c);
		payroll_rules_free(r);
	} else
		ok(0, "the segment pack loads (%s)", diag.msg);
}

/* A pack of text that must be refused at line:col with exactly msg. */
static void
bad_raw(const char *why, const char *text, unsigned long line,
    unsigned long col, const char *msg)
{
	const char *paths[1];
	struct payroll_rules *r = NULL;
	FILE *fp;
	int st;

	snprintf(path, sizeof(path), "%s/pack.yaml", dir);
	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(2);
	}
	paths[0] = path;
	payroll_diag_clear(&diag);
	st = payroll_rules_load(paths, 1, &run, &r, &diag);
	ok(st == PAYROLL_ERULES && diag.line == line && diag.column == col &&
	    strcmp(diag.msg, msg) == 0, "%s: refused at %lu:%lu '%s' (got %d "
	    "at %lu:%lu '%s')", why, line, col, msg, st, diag.line,
	    diag.column, diag.msg);
	if (st == PAYROLL_OK)
		payroll_rules_free(r);
}

/*
 * Checks and per-segment formulas the compiler refuses.  Columns: in
 * `  x: {type: decimal, check: ...` the check's value starts at column
 * 29; in `  g: {expr: "...` the quote is at 13, the text from 14.
 */
static void
test_checks(void)
{
	bad_raw("a check that is a mapping",
	    "inputs:\n"
	    "  x: {type: decimal, check: {a: 1}}\n"
	    "formulas:\n"
	    "  f: \"x\"\n"
	    "outputs:\n"
	    "  f: {kind: info}\n", 2, 29, "a check is an expression");
	bad_raw("a check that is a number",
	    "inputs:\n"
	    "  x: {type: decimal, check: \"x + 1\"}\n"
	    "formulas:\n"
	    "  f: \"x\"\n"
	    "outputs:\n"
	    "  f: {kind: info}\n", 2, 29,
	    "a check must be true or false, not a number");
	bad_raw("a check that uses a formula",
	    "inputs:\n"
	    "  x: {type: decimal, check: \"f > 0\"}\n"
	    "formulas:\n"
	    "  f: \"x\"\n"
	    "outputs:\n"
	    "  f: {kind: info}\n", 2, 30, "a check may use inputs, parameters "
	    "and functions, not the formula 'f'");
	bad_raw("a per-segment formula that is not a number",
	    "inputs:\n"
	    "  x: {type: decimal}\n"
	    "formulas:\n"
	    "  g: {expr: \"x > 0\", per: segment}\n"
	    "  f: \"if(g, 1, 0)\"\n"
	    "outputs:\n"
	    "  f: {kind: info}\n", 4, 13, "formula 'g' is per: segment, so it "
	    "must be a number (it is summed over the segments)");
	bad_raw("a per-segment formula using a formula that is not",
	    "inputs:\n"
	    "  x: {type: decimal}\n"
	    "formulas:\n"
	    "  f: \"x\"\n"
	    "  g: {expr: \"1 + f\", per: segment}\n"
	    "outputs:\n"
	    "  g: {kind: info}\n", 5, 18, "formula 'g': 'g' is a per-segment "
	    "formula and can only use other per-segment formulas, inputs and "
	    "parameters; 'f' is not per: segment");
}

struct reports {
	int n;
	char last[512];
};

static void
report(void *arg, const char *field, const char *rule, const char *msg)
{
	struct reports *rp = arg;

	rp->n++;
	snprintf(rp->last, sizeof(rp->last), "%s %s %s", field ? field : "-",
	    rule, msg);
}

/*
 * Validation refuses control characters: C0 but for TAB, LF and CR, DEL,
 * and C1 (U+0080 to U+009F, 0xC2 0x80 to 0xC2 0x9F in UTF-8); U+00A0 (a
 * no-break space, 0xC2 0xA0) is text.
 */
static void
test_control(void)
{
	static const struct {
		const char *s, *want;
	} c[] = {
		{ "ab\xc2\x85" "c", "s control a control character (U+0085) at "
		    "byte 3: text holds printable characters, tabs and line "
		    "breaks only" },
		{ "\xc2\x80", "s control a control character (U+0080) at byte "
		    "1: text holds printable characters, tabs and line breaks "
		    "only" },
		{ "a\xc2\x9f", "s control a control character (U+009F) at byte "
		    "2: text holds printable characters, tabs and line breaks "
		    "only" },
		{ "a\x7f", "s control a control character (U+007F) at byte "
		    "2: text holds printable characters, tabs and line breaks "
		    "only" },
		{ "a\xc2\xa0" "b", NULL },
		{ "caf\xc3\xa9", NULL },
		{ "a\tb", NULL },
		{ "a\xc2", NULL },
	};
	const char *fields[NF];
	size_t lens[NF], i;
	struct payroll_rules *r;
	struct payroll_calc *c1;
	char copy[64];

	if (load("len(s)", "", "", &r) != PAYROLL_OK ||
	    payroll_calc_new(r, names, NF, &c1, &diag) != 0) {
		ok(0, "the pack loads (%s)", diag.msg);
		return;
	}
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct reports rp;
		int n;

		memset(&rp, 0, sizeof(rp));
		record("", copy, sizeof(copy), fields, lens);
		fields[3] = c[i].s;
		lens[3] = strlen(c[i].s);
		n = payroll_calc_check(c1, fields, lens, NF, report, &rp);
		if (c[i].want != NULL)
			ok(n == 1 && rp.n == 1 && strcmp(rp.last, c[i].want) ==
			    0, "field %zu: %s (got %d: %s)", i, c[i].want, n,
			    rp.last);
		else
			ok(n == 0 && rp.n == 0, "field %zu is text (got %d: %s)",
			    i, n, rp.last);
	}
	payroll_calc_free(c1);
	payroll_rules_free(r);
}

/*
 * An error inside an argument stops the built-in and is the one
 * reported: each text holds "1 / x" once, and x = 0, so the record fails
 * with "division by zero" at that '/' (its offset found in the text).
 */
static void
test_propagation(void)
{
	static const char *const texts[] = {
	    "-(1 / x)", "abs(1 / x)", "mod(1, 1 / x)", "mod(1 / x, 1)",
	    "case(1 / x, 1: 1, else: 0)", "round_unit(1 / x, 1, up)",
	    "round_unit(1, 1 / x, up)", "scale(marg, 1 / x)",
	    "scale(marg, 1, 1 / x)", "table(t1, 1 / x)",
	    "days(d1, d1 + 1 / x)", "d1 - (d1 + 1 / x)",
	    "day(d1 + 1 / x)", "date(2026, 1, 1 / x)",
	    "len(if(1 / x > 0, s, s))", "number(if(1 / x > 0, s, s))",
	    "digit(if(1 / x > 0, s, s), 1)", "digit(s, 1 / x)",
	    "len(if(1 / x > 0, e, e))",
	    "if(iban_valid(if(1 / x > 0, s, s)), 1, 0)",
	    "working_days(d1, d1 + 1 / x)", "fail('m ', 1 / x)",
	    "if(not (1 / x > 0), 1, 0)", "if(matches(if(1 / x > 0, s, s), "
	    "'a'), 1, 0)", "min(1, 1 / x)", "round(1 / x, 0, up)",
	    "if(p or 1 / x > 0, 1, 0)",
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		fails(texts[i], "x=0;s=12;d1=2026-01-01",
		    (size_t)(strstr(texts[i], "1 / x") - texts[i]) + 2,
		    "division by zero");
	/* Past 38 digits: a threshold of 100 times 10^37, and a tax of
	 * 10% on 9.9 x 10^37. */
	fails("scale(marg, 1000, x)", "x=10000000000000000000000000000000000000",
	    0, "arithmetic overflow (more than 38 digits)");
	fails("scale(marg, x)", "x=99999999999999999999999999999999999999",
	    0, "arithmetic overflow (more than 38 digits)");
	/* Every bound of a scale times its factor: high's first bound
	 * (1000, not 0) times 10^35 is 10^38, past 38 digits, before any
	 * other; its second (2000) too; and marg's second (100) times
	 * 10^36. */
	fails("scale(high, 1, x)", "x=100000000000000000000000000000000000",
	    0, "arithmetic overflow (more than 38 digits)");
	fails("scale(high, 5000, x)", "x=100000000000000000000000000000000000",
	    0, "arithmetic overflow (more than 38 digits)");
	fails("scale_rate(high, 1, x)", "x=100000000000000000000000000000000000",
	    0, "arithmetic overflow (more than 38 digits)");
	fails("scale(marg, 1, x)", "x=1000000000000000000000000000000000000",
	    0, "arithmetic overflow (more than 38 digits)");
	/* Just below: 1000 x 10^34 = 10^37 fits, and 1 is below it; at
	 * 10^37 exactly, nothing is taxed yet (0 x 10%). */
	fails("scale(high, 1, x)", "x=10000000000000000000000000000000000",
	    0, "1 is below the first bracket of scale 'high'");
	is("scale(high, 10000000000000000000000000000000000000, x)",
	    "x=10000000000000000000000000000000000", "0",
	    "at the first bound of 10^37: nothing");
	fails("x * x", "x=10000000000000000000", 2,
	    "arithmetic overflow (more than 38 digits)");
}

/* Odds and ends of the evaluator and compiler. */
static void
test_misc(void)
{
	struct payroll_rules *r;
	struct payroll_calc *c;
	const char *fields[NF];
	size_t lens[NF];
	char copy[128];
	int st;

	is("e", "e=cc", "cc", "an enum output is its value's name");
	is("e", "", "aa", "an enum output of the default");
	is("if(false, 1, 2)", "", "2", "false");
	is("p == false", "p=0", "true", "false == false");
	is("p != false", "p=1", "true", "true != false");
	is("x + fail('no x')", "x=1", "error 12:11 formula 'f': no x",
	    "fail() where a number is wanted");
	is("if(p, fail('no'), d1)", "p=false;d1=2026-05-01", "2026-05-01",
	    "fail() as a branch of dates, not taken");
	is("iban_valid(s)", "s=1E89370400440532013000", "false",
	    "an IBAN starting with a digit");
	is("iban_valid(s)", "s=DEX9370400440532013000", "false",
	    "an IBAN whose check digits are not digits");
	is("iban_valid(s)", "s=D989370400440532013000", "false",
	    "an IBAN whose second character is a digit");
	is("iban_valid(s)", "s=DE8X370400440532013000", "false",
	    "an IBAN whose fourth character is a letter");

	/* A balance that is no output fails the record where it divides:
	 * `  b: "1 / x"` on line 13, '/' at column 9. */
	if (load("x", "  b: \"1 / x\"\n", "balances: [b]\n", &r) ==
	    PAYROLL_OK && payroll_calc_new(r, names, NF, &c, &diag) == 0) {
		record("x=0", copy, sizeof(copy), fields, lens);
		st = payroll_calc_begin(c, fields, lens, NF, &diag);
		if (st == 0)
			st = payroll_calc_run(c, &diag);
		ok(st == PAYROLL_EDIVZERO && diag.line == 13 &&
		    diag.column == 9 && strcmp(diag.msg, "formula 'b': division "
		    "by zero") == 0, "a balance's division by zero: at 13:9 "
		    "(got %d %lu:%lu %s)", st, diag.line, diag.column,
		    diag.msg);
		payroll_calc_free(c);
		payroll_rules_free(r);
	} else
		ok(0, "the balance pack loads (%s)", diag.msg);

	/* A balance past 38 digits: 10^36 - 0.01 is 38 digits (36 and 2
	 * places), twice that 39. */
	if (load("x", "  pay: \"round(x, 2, half_up)\"\n",
	    "  pay: {kind: earning}\n", &r) == PAYROLL_OK &&
	    payroll_calc_new(r, names, NF, &c, &diag) == 0) {
		static const char *const yn[] = { "last_pay_date", "pay" };
		const char *yf[2] = { "2026-10-31",
		    "999999999999999999999999999999999999.99" };
		size_t yl[2];

		yl[0] = strlen(yf[0]);
		yl[1] = strlen(yf[1]);
		record("x=999999999999999999999999999999999999.99", copy,
		    sizeof(copy), fields, lens);
		st = payroll_calc_ytd_bind(c, yn, 2, &diag);
		if (st == 0)
			st = payroll_calc_begin(c, fields, lens, NF, &diag);
		if (st == 0)
			st = payroll_calc_ytd_row(c, yf, yl, 2, &diag);
		if (st == 0)
			st = payroll_calc_run(c, &diag);
		ok(st == PAYROLL_ERANGE && diag.line == 0 &&
		    strcmp(diag.field, "pay") == 0 &&
		    strcmp(diag.msg, "balance overflow") == 0, "a balance past "
		    "38 digits: ERANGE naming it (got %d %s %s)", st, diag.field,
		    diag.msg);
		payroll_calc_free(c);
		payroll_rules_free(r);
	} else
		ok(0, "the overflow pack loads (%s)", diag.msg);

	/* Segments: a record whose input does not parse, and a sum over
	 * segments past 38 digits (9 x 10^37 twice). */
	if (load("g", "  g: {expr: \"x\", per: segment}\n", "", &r) ==
	    PAYROLL_OK && payroll_calc_new(r, names, NF, &c, &diag) == 0) {
		payroll_date a, b;

		payroll_date_parse("2026-11-01", 10, &a);
		payroll_date_parse("2026-11-30", 10, &b);
		record("x=1", copy, sizeof(copy), fields, lens);
		st = payroll_calc_begin(c, fields, lens, NF, &diag);
		record("x=abc", copy, sizeof(copy), fields, lens);
		if (st == 0)
			st = payroll_calc_segment(c, fields, lens, NF, a, b,
			    &diag);
		ok(st == PAYROLL_EDATA && diag.line == 0 &&
		    strcmp(diag.field, "x") == 0 &&
		    strcmp(diag.msg, "'abc' is not a plain decimal number "
		    "(like -1234.50)") == 0, "a segment's bad input: EDATA "
		    "naming it (got %d %s %s)", st, diag.field, diag.msg);
		record("x=90000000000000000000000000000000000000", copy,
		    sizeof(copy), fields, lens);
		st = payroll_calc_begin(c, fields, lens, NF, &diag);
		if (st == 0)
			st = payroll_calc_segment(c, fields, lens, NF, a, a,
			    &diag);
		if (st == 0)
			st = payroll_calc_segment(c, fields, lens, NF, b, b,
			    &diag);
		ok(st == PAYROLL_ERANGE && diag.line == 0 &&
		    strcmp(diag.msg, "formula 'g': the "
		    "sum over segments overflows") == 0, "segments summing "
		    "past 38 digits: ERANGE (got %d %s)", st, diag.msg);
		payroll_calc_free(c);
		payroll_rules_free(r);
	} else
		ok(0, "the segment pack loads (%s)", diag.msg);
}

/* Each of a record's fields as validation reports it. */
static void
test_validate(void)
{
	static const char pack[] =
	    "inputs:\n"
	    "  n: {type: integer}\n"
	    "  b: {type: bool}\n"
	    "  amt: {type: money}\n"
	    "  q: {type: decimal, check: \"1 / q > 0\"}\n"
	    "checks:\n"
	    "  - {field: b, expr: \"n != 7 and n != 6 or 1 / (n - 7) > 0\", message: m}\n"
	    "formulas:\n"
	    "  f: \"if(b, n + amt + q, 0)\"\n"
	    "outputs:\n"
	    "  f: {kind: info}\n";
	static const struct {
		const char *n, *b, *amt, *q, *want;
	} c[] = {
		{ "12", "true", "1.50", "1", NULL },
		{ "1.5", "yes", "", "", "n type '1.5' is not a whole number" },
		{ "12.000", "YES", "", "", NULL },
		{ "", "maybe", "", "", "b type 'maybe' is not true or false" },
		{ "", "Y", "", "", NULL }, { "", "y", "", "", NULL },
		{ "", "1", "", "", NULL }, { "", "FALSE", "", "", NULL },
		{ "", "No", "", "", NULL }, { "", "n", "", "", NULL },
		{ "", "N", "", "", NULL }, { "", "0", "", "", NULL },
		{ "", "2", "", "", "b type '2' is not true or false" },
		{ "", "yess", "", "", "b type 'yess' is not true or false" },
		{ "", "", "1.234", "", "amt type '1.234' has more than 2 "
		    "decimal places" },
		{ "", "", "1.230", "", NULL },
		{ "", "", "", "0", "q check division by zero" },
		/* A bad value is shown to 40 characters, then "...". */
		{ "abcdefghijabcdefghijabcdefghijabcdefghij", "", "", "",
		    "n type 'abcdefghijabcdefghijabcdefghijabcdefghij' is not "
		    "a plain decimal number (like -1234.50)" },
		{ "abcdefghijabcdefghijabcdefghijabcdefghijK", "", "", "",
		    "n type 'abcdefghijabcdefghijabcdefghijabcdefghij...' is "
		    "not a plain decimal number (like -1234.50)" },
		{ "123456789012345678901234567890123456789", "", "", "",
		    "n type '123456789012345678901234567890123456789' has more "
		    "than 38 digits" },
		{ "12345678901234567890123456789012345678", "", "", "", NULL },
		/* The record check divides by n - 7 when n is 6 or 7. */
		{ "7", "", "", "", "b check division by zero" },
		{ "6", "", "", "", "b check m" },
	};
	static const char *const vn[] = { "n", "b", "amt", "q" };
	const char *paths[1];
	struct payroll_rules *r;
	struct payroll_calc *calc;
	size_t i, k;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/pack.yaml", dir);
	if ((fp = fopen(path, "w")) == NULL || fputs(pack, fp) == EOF ||
	    fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(2);
	}
	paths[0] = path;
	if (payroll_rules_load(paths, 1, &run, &r, &diag) != PAYROLL_OK ||
	    payroll_calc_new(r, vn, 4, &calc, &diag) != PAYROLL_OK) {
		ok(0, "the validation pack loads (%s)", diag.msg);
		return;
	}
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		const char *f[4];
		size_t l[4];
		struct reports rp;
		int n;

		f[0] = c[i].n;
		f[1] = c[i].b;
		f[2] = c[i].amt;
		f[3] = c[i].q;
		for (k = 0; k < 4; k++)
			l[k] = strlen(f[k]);
		memset(&rp, 0, sizeof(rp));
		n = payroll_calc_check(calc, f, l, 4, report, &rp);
		if (c[i].want != NULL)
			ok(n == 1 && strcmp(rp.last, c[i].want) == 0,
			    "n=%s b=%s amt=%s q=%s: %s (got %d: %s)", c[i].n,
			    c[i].b, c[i].amt, c[i].q, c[i].want, n, rp.last);
		else
			ok(n == 0, "n=%s b=%s amt=%s q=%s: valid (got %d: %s)",
			    c[i].n, c[i].b, c[i].amt, c[i].q, n, rp.last);
	}
	payroll_calc_free(calc);
	payroll_rules_free(r);

	/* A name longer than a message's field (127 characters) is cut
	 * there. */
	{
		char text[512], name[140];

		memset(name, 'a', 130);
		name[130] = '\0';
		snprintf(text, sizeof(text), "inputs:\n"
		    "  %s: {type: decimal, required: true}\n"
		    "formulas:\n  f: \"%s\"\noutputs:\n  f: {kind: info}\n",
		    name, name);
		if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
		    fclose(fp) != 0) {
			printf("Bail out! cannot write %s\n", path);
			exit(2);
		}
		if (payroll_rules_load(paths, 1, &run, &r, &diag) !=
		    PAYROLL_OK) {
			ok(0, "the long-name pack loads (%s)", diag.msg);
			return;
		}
		name[127] = '\0';
		ok(payroll_calc_new(r, vn, 4, &calc, &diag) == PAYROLL_EDATA &&
		    strcmp(diag.field, name) == 0, "a required input of a "
		    "130-character name with no column: its name cut to 127 "
		    "(got %zu: %.20s...)", strlen(diag.field), diag.field);
		payroll_rules_free(r);
	}
}

/*
 * --explain shows a masked input as every message does (docs/rules.md,
 * mask: true): four stars and the last four characters, only the stars
 * for a value of four characters or fewer.
 */
static void
test_explain_mask(void)
{
	static const struct {
		const char *m, *want;
	} c[] = {
		{ "123456789", "\n  m = ****6789\n" },
		{ "12345", "\n  m = ****2345\n" },
		{ "WXYZ", "\n  m = ****\n" },
		{ "Q7", "\n  m = ****\n" },
	};
	const char *fields[NF];
	size_t lens[NF], i;
	struct payroll_rules *r;
	struct payroll_calc *calc;
	char copy[128], rec[64], buf[4096], *p;

	if (load("len(m)", "", "", &r) != PAYROLL_OK ||
	    payroll_calc_new(r, names, NF, &calc, &diag) != 0) {
		ok(0, "the pack loads (%s)", diag.msg);
		return;
	}
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		FILE *fp = tmpfile();
		size_t n = 0;

		snprintf(rec, sizeof(rec), "m=%s", c[i].m);
		record(rec, copy, sizeof(copy), fields, lens);
		buf[0] = '\0';
		if (fp != NULL && payroll_calc_begin(calc, fields, lens, NF,
		    &diag) == 0 && payroll_calc_run(calc, &diag) == 0 &&
		    payroll_calc_explain(calc, fp) == 0) {
			rewind(fp);
			n = fread(buf, 1, sizeof(buf) - 1, fp);
		}
		buf[n] = '\0';
		if (fp != NULL)
			fclose(fp);
		/* The formulas' places name the pack's folder, whose name
		 * mkdtemp() made at random ("Q7" in it would be no leak). */
		for (p = buf; (p = strstr(p, dir)) != NULL; p += strlen(dir))
			memset(p, '_', strlen(dir));
		ok(strstr(buf, c[i].want) != NULL && strstr(buf, c[i].m) ==
		    NULL, "--explain of the masked m=%s shows%s and not the "
		    "value", c[i].m, c[i].want + 1);
	}
	payroll_calc_free(calc);
	payroll_rules_free(r);
}

/*
 * Paths no other test took: case() without else (refused on a string
 * or a number; on an enum every value must have a key, so that no
 * record can reach a value no key names), a key too long to be one (the
 * compiler keeps keys of up to 127 characters), and --explain naming
 * each scale and table a formula used, once each, in the order first
 * used, with its source.
 */
static void
test_case_explain(void)
{
	static const char expr[] = "table(t2, s, x) + table(t1, e) + "
	    "scale(marg, y) + table(t1, e)";
	char text[256], want[512], buf[4096], copy[128];
	const char *fields[NF];
	size_t lens[NF], n = 0;
	struct payroll_rules *r;
	struct payroll_calc *calc;
	FILE *fp;

	refused("case(s, a: 1, b: 2)", 0,
	    "case() on a string or number needs else:");
	refused("case(e, aa: 1, bb: 2)", 0,
	    "case() does not cover 'cc'; add it or else:");
	/* Said at the key's result, as for a key that is no number:
	 * "case(s, " 8, the key 8-135, ": " 136-137, "1" 138. */
	snprintf(text, sizeof(text), "case(s, %0128d: 1, else: 0)", 0);
	refused(text, 138, "key too long");
	snprintf(text, sizeof(text), "case(x, %0127d: 1, else: 0)", 7);
	is(text, "x=7", "1", "a key of 127 characters");

	/* s=v, x=1: t2 row v/1 = 21; e=bb: t1 row bb = 2 (twice); y=100:
	 * 100 x 10% = 10 on marg.  21 + 2 + 10 + 2 = 35. */
	if (load(expr, "", "", &r) != PAYROLL_OK ||
	    payroll_calc_new(r, names, NF, &calc, &diag) != 0) {
		ok(0, "the pack loads (%s)", diag.msg);
		return;
	}
	record("s=v;x=1;e=bb;y=100", copy, sizeof(copy), fields, lens);
	buf[0] = '\0';
	fp = tmpfile();
	if (fp != NULL && payroll_calc_begin(calc, fields, lens, NF,
	    &diag) == 0 && payroll_calc_run(calc, &diag) == 0 &&
	    payroll_calc_explain(calc, fp) == 0) {
		rewind(fp);
		n = fread(buf, 1, sizeof(buf) - 1, fp);
	}
	buf[n] = '\0';
	if (fp != NULL)
		fclose(fp);
	snprintf(want, sizeof(want), "\n  f = 35\n      = %s\n      (%s:%d)\n"
	    "      table t2  [test]\n      table t1  [test]\n"
	    "      scale marg  [test]\n", expr, path, FLINE);
	ok(strstr(buf, want) != NULL, "--explain names t2, t1 and marg once "
	    "each, with their sources");
	if (strstr(buf, want) == NULL)
		printf("#   got:\n%s#  want:%s", buf, want);
	payroll_calc_free(calc);
	payroll_rules_free(r);
}

/*
 * The period facts of the run, monthly November 2026 paid on the 30th,
 * in a pack whose tax year starts 1 January: period 11 of 12, 30 days,
 * 21 weekdays (Sundays 1, 8, 15, 22, 29; Saturdays 7, 14, 21, 28).
 */
static void
test_period(void)
{
	is("period.start", "", "2026-11-01", "period.start");
	is("period.end", "", "2026-11-30", "period.end");
	is("period.pay_date", "", "2026-11-30", "period.pay_date");
	is("period.year_start", "", "2026-01-01", "period.year_start");
	is("period.frequency", "", "monthly", "period.frequency");
	is("period.periods_per_year", "", "12", "period.periods_per_year");
	is("period.number", "", "11", "period.number");
	is("period.days", "", "30", "period.days");
	is("period.weekdays", "", "21", "period.weekdays");
	is("period.off_cycle", "", "false", "period.off_cycle");
	run.off_cycle = 1;
	is("period.off_cycle", "", "true", "period.off_cycle of an off-cycle "
	    "run");
	run.off_cycle = 0;
	/* A call may have blanks before its '('. */
	is("abs (x)", "x=-1", "1", "a blank between a name and '('");
	is("abs\t(x) + max  (x, 2)", "x=-1", "3", "a tab, two blanks");
	is("x0 + 1", "", "load 12:7 formula 'f': unknown name 'x0'",
	    "digits belong to a name");
	is("1.5.2", "", "load 12:10 formula 'f': unexpected '.' after the "
	    "expression", "a number has one decimal point");
	is("x * 2.", "x=1", "load 12:12 formula 'f': unexpected '.' after "
	    "the expression", "a number does not end in '.'");
}

/*
 * Balances as written to --ytd-out: a money output's at its currency's
 * places (2), a formula that is no output without trailing zeros.
 */
static void
test_balance_format(void)
{
	static const struct {
		const char *x, *pay, *b;
	} c[] = {
		{ "10", "10.00", "2.5" },
		{ "8", "8.00", "2" },
		{ "10.1", "10.10", "2.525" },
	};
	const char *fields[NF];
	size_t lens[NF], i, k;
	struct payroll_rules *r;
	struct payroll_calc *calc;
	char copy[64], rec[32], pay[64], b[64];

	if (load("x", "  pay: \"x\"\n  b: \"x / 4\"\n",
	    "  pay: {kind: earning}\nbalances: [b]\n", &r) != PAYROLL_OK ||
	    payroll_calc_new(r, names, NF, &calc, &diag) != 0) {
		ok(0, "the balance pack loads (%s)", diag.msg);
		return;
	}
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		snprintf(rec, sizeof(rec), "x=%s", c[i].x);
		record(rec, copy, sizeof(copy), fields, lens);
		strcpy(pay, "?");
		strcpy(b, "?");
		if (payroll_calc_begin(calc, fields, lens, NF, &diag) == 0 &&
		    payroll_calc_run(calc, &diag) == 0)
			for (k = 0; k < payroll_calc_nbalances(calc); k++) {
				const char *n = payroll_calc_balance_name(calc,
				    k);

				if (strcmp(n, "pay") == 0)
					payroll_calc_balance_format(calc, k, pay,
					    sizeof(pay));
				else if (strcmp(n, "b") == 0)
					payroll_calc_balance_format(calc, k, b,
					    sizeof(b));
			}
		ok(strcmp(pay, c[i].pay) == 0 && strcmp(b, c[i].b) == 0,
		    "x = %s: balances pay %s, b %s (got %s, %s)", c[i].x,
		    c[i].pay, c[i].b, pay, b);
	}
	payroll_calc_free(calc);
	payroll_rules_free(r);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL || payroll_period_parse("2026-11",
	    PAYROLL_FREQ_MONTHLY, &run.period) != 0) {
		printf("Bail out! setup\n");
		return 2;
	}
	test_minmax();
	test_round();
	test_dates();
	test_working_days();
	test_strings();
	test_logic();
	test_names();
	test_lookups();
	test_fail();
	test_arity();
	test_api();
	test_segments();
	test_checks();
	test_control();
	test_propagation();
	test_misc();
	test_validate();
	test_explain_mask();
	test_case_explain();
	test_period();
	test_balance_format();
	unlink(path);
	rmdir(dir);
	return tap_done();
}
