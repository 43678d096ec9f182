/*
 * t_calendar.c: pay group calendars (libpayroll/calendar.c).
 *
 * Each calendar is written to a temporary file here; the expected periods
 * are worked out by hand from docs/calendars.md (a generated period runs
 * from its start for one period of the frequency; the pay date is its end
 * plus pay_offset_days).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "payroll.h"
#include "tap.h"

static char dir[] = "/tmp/t_calendar.XXXXXX";
static int nfile;

/* Writes text to a fresh file; returns its path (static storage). */
static const char *
put(const char *text)
{
	static char paths[32][64];
	char *p = paths[nfile % 32];
	FILE *fp;

	snprintf(p, 64, "%s/c%d.yaml", dir, nfile++);
	if ((fp = fopen(p, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", p);
		exit(2);
	}
	return p;
}

static payroll_date
D(const char *s)
{
	payroll_date d;

	if (payroll_date_parse(s, strlen(s), &d) != PAYROLL_OK) {
		printf("Bail out! bad date %s\n", s);
		exit(2);
	}
	return d;
}

static struct payroll_calendar *
load(const char *text, int *st, struct payroll_diag *diag)
{
	struct payroll_calendar *cal = NULL;

	*st = payroll_calendar_load(put(text), &cal, diag);
	return cal;
}

/* The period spec picks, as "start end pay_date", or the status. */
static const char *
pick(const struct payroll_calendar *cal, const char *spec)
{
	static char buf[4][64];
	static int i;
	char *b = buf[i++ % 4], s[16], e[16], p[16];
	struct payroll_period per;
	struct payroll_diag diag;
	int st = payroll_calendar_period(cal, spec, &per, &diag);

	if (st != PAYROLL_OK) {
		snprintf(b, 64, "error %d", st);
		return b;
	}
	payroll_date_format(per.start, s, sizeof(s));
	payroll_date_format(per.end, e, sizeof(e));
	payroll_date_format(per.pay_date, p, sizeof(p));
	snprintf(b, 64, "%s %s %s", s, e, p);
	return b;
}

static void
test_generated(void)
{
	struct payroll_diag diag;
	struct payroll_calendar *cal;
	const payroll_date *h;
	size_t n;
	int st;

	cal = load("pay_group: CITY-MONTHLY\n"
	    "frequency: monthly\n"
	    "holidays: [2026-11-26, 2026-11-11]\n"
	    "generate:\n"
	    "  first_start: 2026-01-01\n"
	    "  count: 12\n"
	    "  pay_offset_days: 0\n", &st, &diag);
	ok(st == PAYROLL_OK && cal != NULL, "a generated monthly calendar "
	    "loads");
	if (cal == NULL)
		return;
	is_str(payroll_calendar_pay_group(cal), "CITY-MONTHLY", "pay group");
	ok(payroll_calendar_freq(cal) == PAYROLL_FREQ_MONTHLY, "frequency");
	h = payroll_calendar_holidays(cal, &n);
	ok(n == 2 && h[0] == D("2026-11-11") && h[1] == D("2026-11-26"),
	    "holidays are sorted");
	/* By month of the pay date, by a date inside, by number. */
	is_str(pick(cal, "2026-02"), "2026-02-01 2026-02-28 2026-02-28",
	    "2026-02: February (28 days in 2026)");
	is_str(pick(cal, "2026-12"), "2026-12-01 2026-12-31 2026-12-31",
	    "2026-12: the last period");
	is_str(pick(cal, "2026-11-15"), "2026-11-01 2026-11-30 2026-11-30",
	    "a date inside November");
	is_str(pick(cal, "2026-11-30"), "2026-11-01 2026-11-30 2026-11-30",
	    "a period's last day is inside it");
	is_str(pick(cal, "2026-12-01"), "2026-12-01 2026-12-31 2026-12-31",
	    "the next period's first day");
	is_str(pick(cal, "#1"), "2026-01-01 2026-01-31 2026-01-31", "#1");
	is_str(pick(cal, "#12"), "2026-12-01 2026-12-31 2026-12-31", "#12");
	ok(strncmp(pick(cal, "#13"), "error", 5) == 0, "#13: no such period");
	ok(strncmp(pick(cal, "#0"), "error", 5) == 0, "#0: no such period");
	ok(strncmp(pick(cal, "2027-01"), "error", 5) == 0,
	    "2027-01: not in the calendar");
	ok(strncmp(pick(cal, "2025-12-31"), "error", 5) == 0,
	    "a date before the first period");
	/* Malformed specs (issue 13: 2026-1x was taken for 2026-01). */
	ok(strncmp(pick(cal, "2026-1x"), "error", 5) == 0,
	    "2026-1x is not a period");
	ok(strncmp(pick(cal, "2026-+1"), "error", 5) == 0,
	    "2026-+1 is not a period");
	ok(strncmp(pick(cal, "2026- 1"), "error", 5) == 0,
	    "'2026- 1' is not a period");
	ok(strncmp(pick(cal, "+026-01"), "error", 5) == 0,
	    "+026-01 is not a period");
	ok(strncmp(pick(cal, "2026-13"), "error", 5) == 0,
	    "2026-13 is not a period");
	ok(strncmp(pick(cal, "# 1"), "error", 5) == 0, "'# 1' is not #1");
	ok(strncmp(pick(cal, "#+1"), "error", 5) == 0, "'#+1' is not #1");
	ok(strncmp(pick(cal, "#1x"), "error", 5) == 0, "'#1x' is not #1");
	ok(strncmp(pick(cal, "2026-11-31"), "error", 5) == 0,
	    "2026-11-31 is no date");
	ok(strncmp(pick(cal, ""), "error", 5) == 0, "an empty spec");
	payroll_calendar_free(cal);

	/* Weekly with a pay offset: 2026-01-05 is a Monday. */
	cal = load("pay_group: W\nfrequency: weekly\n"
	    "generate: {first_start: 2026-01-05, count: 3, "
	    "pay_offset_days: 5}\n", &st, &diag);
	ok(st == PAYROLL_OK && cal != NULL, "a weekly calendar loads");
	if (cal == NULL)
		return;
	is_str(pick(cal, "#2"), "2026-01-12 2026-01-18 2026-01-23",
	    "week 2: 12-18 Jan, paid 5 days after its end");
	is_str(pick(cal, "2026-01-18"), "2026-01-12 2026-01-18 2026-01-23",
	    "a Sunday is the last day of its week");
	/* Two periods paid in January: the month is ambiguous. */
	ok(strncmp(pick(cal, "2026-01"), "error", 5) == 0,
	    "2026-01 names three weekly periods: ambiguous");
	payroll_calendar_free(cal);
}

/*
 * The edges of a generated calendar: pay_offset_days -31 and 31 are
 * allowed (31 January 2026 - 31 days is 31 December 2025, + 31 days 3
 * March 2026: February has 28); semimonthly periods from the 16th run to
 * the month's end, then from the 1st to the 15th.
 */
static void
test_edges(void)
{
	struct payroll_diag diag;
	struct payroll_calendar *cal;
	int st;

	cal = load("pay_group: A\nfrequency: monthly\n"
	    "generate: {first_start: 2026-01-01, count: 2, "
	    "pay_offset_days: -31}\n", &st, &diag);
	ok(st == PAYROLL_OK && cal != NULL, "pay_offset_days -31 is allowed");
	if (cal != NULL)
		is_str(pick(cal, "#1"), "2026-01-01 2026-01-31 2025-12-31",
		    "January paid 31 days before its end");
	payroll_calendar_free(cal);
	cal = load("pay_group: B\nfrequency: monthly\n"
	    "generate: {first_start: 2026-01-01, count: 2, "
	    "pay_offset_days: 31}\n", &st, &diag);
	ok(st == PAYROLL_OK && cal != NULL, "pay_offset_days 31 is allowed");
	if (cal != NULL)
		is_str(pick(cal, "#1"), "2026-01-01 2026-01-31 2026-03-03",
		    "January paid 31 days after its end");
	payroll_calendar_free(cal);
	cal = load("pay_group: S\nfrequency: semimonthly\n"
	    "generate: {first_start: 2026-01-16, count: 3}\n", &st, &diag);
	ok(st == PAYROLL_OK && cal != NULL, "semimonthly from the 16th");
	if (cal != NULL) {
		is_str(pick(cal, "#1"), "2026-01-16 2026-01-31 2026-01-31",
		    "16 to 31 January");
		is_str(pick(cal, "#2"), "2026-02-01 2026-02-15 2026-02-15",
		    "1 to 15 February");
		is_str(pick(cal, "#3"), "2026-02-16 2026-02-28 2026-02-28",
		    "16 to 28 February");
	}
	payroll_calendar_free(cal);
	/* A listed period of one day ends the day it starts. */
	cal = load("pay_group: D\nfrequency: daily\nperiods:\n"
	    "  - {start: 2026-11-02, end: 2026-11-02, pay_date: 2026-11-02}\n"
	    "  - {start: 2026-11-03, end: 2026-11-03, pay_date: 2026-11-03}\n",
	    &st, &diag);
	ok(st == PAYROLL_OK && cal != NULL, "listed periods of one day each, "
	    "one after the other");
	if (cal != NULL)
		is_str(pick(cal, "2026-11-03"), "2026-11-03 2026-11-03 "
		    "2026-11-03", "the second day");
	payroll_calendar_free(cal);
}

static void
test_listed(void)
{
	struct payroll_diag diag;
	struct payroll_calendar *cal;
	int st;

	cal = load("pay_group: L\nfrequency: semimonthly\nperiods:\n"
	    "  - {start: 2026-11-01, end: 2026-11-15, pay_date: 2026-11-13}\n"
	    "  - {start: 2026-11-16, end: 2026-11-30, pay_date: 2026-12-01}\n",
	    &st, &diag);
	ok(st == PAYROLL_OK && cal != NULL, "a listed calendar loads");
	if (cal == NULL)
		return;
	is_str(pick(cal, "2026-11"), "2026-11-01 2026-11-15 2026-11-13",
	    "paid in November: only the first (the second is paid 1 Dec)");
	is_str(pick(cal, "2026-12"), "2026-11-16 2026-11-30 2026-12-01",
	    "paid in December: the second");
	is_str(pick(cal, "2026-11-16"), "2026-11-16 2026-11-30 2026-12-01",
	    "16 Nov starts the second");
	payroll_calendar_free(cal);
}

/* Errors name the file, line and column. */
static void
test_errors(void)
{
	static const struct {
		const char *text, *frag;
		unsigned long line;
	} bad[] = {
		{ "frequency: monthly\ngenerate: {first_start: 2026-01-01, "
		    "count: 1}\n", "pay_group", 1 },
		{ "pay_group: X\nfrequency: hourly\ngenerate: "
		    "{first_start: 2026-01-01, count: 1}\n", "frequency", 2 },
		{ "pay_group: X\nfrequency: monthly\n", "either", 1 },
		{ "pay_group: X\nfrequency: monthly\nperiods:\n"
		    "  - {start: 2026-11-01, end: 2026-11-30, pay_date: "
		    "2026-11-30}\ngenerate: {first_start: 2026-01-01, "
		    "count: 1}\n", "not both", 1 },
		{ "pay_group: X\nfrequency: monthly\nperiods:\n"
		    "  - {start: 2026-11-01, end: 2026-10-30, pay_date: "
		    "2026-11-30}\n", "overlap", 4 },
		{ "pay_group: X\nfrequency: monthly\nperiods:\n"
		    "  - {start: 2026-11-01, end: 2026-11-30, pay_date: "
		    "2026-11-30}\n  - {start: 2026-11-15, end: 2026-12-31, "
		    "pay_date: 2026-12-31}\n", "overlap", 5 },
		{ "pay_group: X\nfrequency: monthly\ngenerate: {first_start: "
		    "2026-01-01, count: 0}\n", "whole number", 3 },
		{ "pay_group: X\nfrequency: monthly\ngenerate: {first_start: "
		    "2026-01-01, count: 1001}\n", "whole number", 3 },
		{ "pay_group: X\nfrequency: monthly\nholidays: 2026-01-01\n"
		    "generate: {first_start: 2026-01-01, count: 1}\n",
		    "list of dates", 3 },
		{ "pay_group: X\nfrequency: monthly\nholidays: [2026-02-30]\n"
		    "generate: {first_start: 2026-01-01, count: 1}\n",
		    "", 3 },
		{ "pay_group: X\nfrequency: monthly\nholiday: []\n"
		    "generate: {first_start: 2026-01-01, count: 1}\n",
		    "holiday", 3 },
		{ "pay_group: X\nfrequency: monthly\nperiods: []\n",
		    "periods is a list of {start, end, pay_date}", 3 },
		{ "pay_group: X\nfrequency: monthly\n"
		    "periods: {start: 2026-11-01}\n",
		    "periods is a list of {start, end, pay_date}", 3 },
		{ "pay_group: X\nfrequency: monthly\nperiods:\n"
		    "  - 2026-11-01\n", "a period is {start, end, pay_date}",
		    4 },
		{ "pay_group: X\nfrequency: monthly\ngenerate: [1]\n",
		    "generate is a mapping", 3 },
		/* A semimonthly period starts on the 1st or the 16th. */
		{ "pay_group: X\nfrequency: semimonthly\ngenerate: "
		    "{first_start: 2026-01-05, count: 2}\n",
		    "a semimonthly period cannot start on first_start", 3 },
		{ "pay_group: X\nfrequency: monthly\ngenerate: {first_start: "
		    "2026-01-01, count: 1, pay_offset_days: 32}\n",
		    "expected a whole number from -31 to 31", 3 },
		{ "pay_group: X\nfrequency: monthly\ngenerate: {first_start: "
		    "2026-01-01, count: 1, pay_offset_days: -32}\n",
		    "expected a whole number from -31 to 31", 3 },
		/* A period may not start on the day the one before ends. */
		{ "pay_group: X\nfrequency: semimonthly\nperiods:\n"
		    "  - {start: 2026-11-01, end: 2026-11-15, pay_date: "
		    "2026-11-15}\n  - {start: 2026-11-15, end: 2026-11-30, "
		    "pay_date: 2026-11-30}\n", "overlap", 5 },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct payroll_diag diag;
		struct payroll_calendar *cal;
		char msg[512];
		int st;

		payroll_diag_clear(&diag);
		cal = load(bad[i].text, &st, &diag);
		payroll_diag_format(&diag, msg, sizeof(msg));
		ok(st == PAYROLL_ERULES && cal == NULL &&
		    strstr(msg, bad[i].frag) != NULL &&
		    diag.line == bad[i].line && diag.column > 0,
		    "bad calendar %zu: status 3-kind error at line %lu (%s)",
		    i, bad[i].line, msg);
		payroll_calendar_free(cal);
	}
}

/*
 * The period named on the command line (-p) and not found: each of
 * payroll_calendar_period's refusals says why, in the calendar's words,
 * and has no place of its own (line 0, column 0, no file: the fault is
 * in the argument, not in a line of the calendar; the tool adds the
 * calendar's name).  Weekly, 3 periods from Monday 2026-01-05: 5-11,
 * 12-18 and 19-25 January, paid 16, 23 and 30 January.
 */
static void
test_spec_errors(void)
{
	static const struct {
		const char *spec, *msg;
	} bad[] = {
		{ "2026-01", "3 periods of 'W' are paid in 2026-01: name one "
		    "by its start date or #N" },
		{ "2026-02", "no period of 'W' is paid in 2026-02" },
		{ "2025-12", "no period of 'W' is paid in 2025-12" },
		{ "2026-1x", "'2026-1x' is not a period: give YYYY-MM, a date "
		    "in the period, or #N" },
		{ "2026-01-04", "no period of 'W' contains 2026-01-04" },
		{ "2026-01-26", "no period of 'W' contains 2026-01-26" },
		{ "#0", "the calendar of 'W' has periods #1 to #3" },
		{ "#4", "the calendar of 'W' has periods #1 to #3" },
	};
	struct payroll_calendar *cal;
	struct payroll_period per;
	struct payroll_diag diag;
	size_t i;
	int st;

	cal = load("pay_group: W\nfrequency: weekly\n"
	    "generate: {first_start: 2026-01-05, count: 3, "
	    "pay_offset_days: 5}\n", &st, &diag);
	ok(st == PAYROLL_OK && cal != NULL, "a weekly calendar of 3 loads");
	if (cal == NULL)
		return;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		st = payroll_calendar_period(cal, bad[i].spec, &per, &diag);
		ok(st == PAYROLL_EINVAL && strcmp(diag.msg, bad[i].msg) == 0 &&
		    diag.line == 0 && diag.column == 0 &&
		    diag.file[0] == '\0', "-p %s: '%s', no place (%d, "
		    "'%s' %lu:%lu: %s)", bad[i].spec, bad[i].msg, st,
		    diag.file, diag.line, diag.column, diag.msg);
	}
	payroll_calendar_free(cal);
}

int
main(void)
{
	int rc;
	char cmd[128];

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 2;
	}
	test_generated();
	test_listed();
	test_edges();
	test_errors();
	test_spec_errors();
	rc = tap_done();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
