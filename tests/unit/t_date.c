/*
 * t_date.c: calendar dates and pay periods (libpayroll/date.c).
 *
 * Day numbers and weekdays were checked against GNU date(1)
 * (`date -u -d 2026-01-01 +%s` / 86400 and `+%u`), an implementation
 * independent of ours; leap years follow the Gregorian rule.
 */
#include <stdio.h>
#include <string.h>

#include "payroll.h"
#include "tap.h"

static payroll_date
P(const char *s)
{
	payroll_date d = 0;

	if (payroll_date_parse(s, strlen(s), &d) != PAYROLL_OK)
		printf("# cannot parse '%s'\n", s);
	return d;
}

static const char *
S(payroll_date d)
{
	static char bufs[8][16];
	static int i;
	char *b = bufs[i++ % 8];

	payroll_date_format(d, b, 16);
	return b;
}

static void
test_parse(void)
{
	static const char *bad[] = {
		"2026-02-30", "2026-02-29", "2100-02-29", "1900-02-29",
		"2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31",
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
		"0000-01-01", "2026-1-01", "26-01-01", "2026/01/01",
		"2026-01-01x", "2026-01-1", " 2026-01-01", "2026-01-01 ",
		"20260101", "2026-0a-01", "01/02/2026", "", "2026-01-+1",
		"+026-01-01", "2026--1-01",
	};
	static const struct {
		const char *s;
		long day;
	} good[] = {
		{ "1970-01-01", 0 },
		{ "1969-12-31", -1 },
		{ "2000-01-01", 10957 },
		{ "2026-01-01", 20454 },
		{ "2024-02-29", 19782 },
		{ "2026-11-30", 20787 },
		{ "1600-03-01", -135080 },
		{ "1900-03-01", -25508 },
		{ "2400-12-31", 157419 },
	};
	payroll_date d;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(payroll_date_parse(bad[i], strlen(bad[i]), &d) ==
		    PAYROLL_ESYNTAX, "date_parse refuses '%s'", bad[i]);
	ok(payroll_date_parse("2026-01-0\0", 10, &d) == PAYROLL_ESYNTAX,
	    "date_parse refuses a NUL");
	ok(payroll_date_parse("2026-01-15 and more", 10, &d) == PAYROLL_OK &&
	    strcmp(S(d), "2026-01-15") == 0, "date_parse reads len bytes");
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int st = payroll_date_parse(good[i].s, 10, &d);

		ok(st == 0 && d == good[i].day, "%s is day %ld (got %ld)",
		    good[i].s, good[i].day, (long)d);
		ok(strcmp(S(d), good[i].s) == 0, "%s formats back", good[i].s);
	}
	ok(payroll_date_parse("0001-01-01", 10, &d) == 0 &&
	    strcmp(S(d), "0001-01-01") == 0, "year 1 round-trips");
	ok(payroll_date_parse("9999-12-31", 10, &d) == 0 &&
	    strcmp(S(d), "9999-12-31") == 0, "year 9999 round-trips");
	{
		char buf[4];

		ok(payroll_date_format(P("2026-03-05"), buf, sizeof(buf)) == 10
		    && strcmp(buf, "202") == 0, "format truncates, returns 10");
	}
}

static void
test_calendar(void)
{
	static const struct {
		int y, m, days;
	} months[] = {
		{ 2026, 1, 31 }, { 2026, 2, 28 }, { 2026, 3, 31 },
		{ 2026, 4, 30 }, { 2026, 5, 31 }, { 2026, 6, 30 },
		{ 2026, 7, 31 }, { 2026, 8, 31 }, { 2026, 9, 30 },
		{ 2026, 10, 31 }, { 2026, 11, 30 }, { 2026, 12, 31 },
		{ 2024, 2, 29 }, { 2000, 2, 29 }, { 1900, 2, 28 },
		{ 2100, 2, 28 }, { 2400, 2, 29 }, { 2028, 2, 29 },
	};
	static const struct {
		const char *s;
		int wd;
	} wds[] = {
		{ "1970-01-01", 4 }, { "1969-12-31", 3 }, { "2000-01-01", 6 },
		{ "2026-01-01", 4 }, { "2024-02-29", 4 }, { "2026-11-30", 1 },
		{ "1600-03-01", 3 }, { "2400-12-31", 7 }, { "1900-03-01", 4 },
	};
	int y, m, d, bad = 0, badwd = 0;
	payroll_date prev;
	size_t i;

	for (i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		ok(payroll_days_in_month(months[i].y, months[i].m) ==
		    months[i].days, "%d-%02d has %d days", months[i].y,
		    months[i].m, months[i].days);
	for (i = 0; i < sizeof(wds) / sizeof(wds[0]); i++)
		ok(payroll_date_weekday(P(wds[i].s)) == wds[i].wd,
		    "%s is ISO weekday %d", wds[i].s, wds[i].wd);

	/* Every day from 1600 to 2400: consecutive numbers, make/split and
	 * format agree, weekdays cycle. */
	prev = payroll_date_make(1599, 12, 31);
	for (y = 1600; y <= 2400; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= payroll_days_in_month(y, m); d++) {
				payroll_date z = payroll_date_make(y, m, d);
				char want[48];
				int yy, mm, dd;

				snprintf(want, sizeof(want), "%04d-%02d-%02d",
				    y, m, d);
				payroll_date_split(z, &yy, &mm, &dd);
				if (z != prev + 1 || yy != y || mm != m ||
				    dd != d || strcmp(S(z), want) != 0) {
					if (bad++ == 0)
						printf("# first mismatch %s\n",
						    want);
				}
				if (payroll_date_weekday(z) !=
				    payroll_date_weekday(prev) % 7 + 1)
					badwd++;
				prev = z;
			}
	ok(bad == 0, "1600-01-01..2400-12-31: make, split, format agree");
	ok(badwd == 0, "weekdays cycle 1..7 over 801 years");
	ok(prev - payroll_date_make(1600, 1, 1) + 1 == 801L * 365 + 195,
	    "801 Gregorian years 1600-2400 hold 195 leap days");
}

/* A buffer too small gets what fits, always terminated; the length
 * returned is the whole text's, 10. */
static void
test_format_small(void)
{
	char b[11];

	memset(b, 'x', sizeof(b));
	ok(payroll_date_format(P("2026-11-30"), b, 5) == 10 &&
	    strcmp(b, "2026") == 0, "date_format into 5 bytes: 2026");
	memset(b, 'x', sizeof(b));
	ok(payroll_date_format(P("2026-11-30"), b, 10) == 10 &&
	    strcmp(b, "2026-11-3") == 0, "date_format into 10 bytes: "
	    "2026-11-3");
	memset(b, 'x', sizeof(b));
	ok(payroll_date_format(P("2026-11-30"), b, 11) == 10 &&
	    strcmp(b, "2026-11-30") == 0, "date_format into 11 bytes: all");
	memset(b, 'x', sizeof(b));
	ok(payroll_date_format(P("2026-11-30"), b, 0) == 10 && b[0] == 'x',
	    "date_format into 0 bytes writes nothing");
}

static void
test_add_months(void)
{
	static const struct {
		const char *from;
		int n;
		const char *want;
	} cases[] = {
		{ "2026-01-31", 1, "2026-02-28" },
		{ "2024-01-31", 1, "2024-02-29" },
		{ "2026-03-31", -1, "2026-02-28" },
		{ "2026-05-31", 1, "2026-06-30" },
		{ "2026-12-15", 1, "2027-01-15" },
		{ "2026-01-15", -1, "2025-12-15" },
		{ "2026-01-31", -13, "2024-12-31" },
		{ "2026-01-10", -12, "2025-01-10" },
		{ "2026-01-10", -11, "2025-02-10" },
		{ "2024-02-29", 12, "2025-02-28" },
		{ "2024-02-29", 48, "2028-02-29" },
		{ "2026-08-31", 6, "2027-02-28" },
		{ "2026-11-30", 0, "2026-11-30" },
		{ "2026-10-31", 25, "2028-11-30" },
		{ "2026-10-31", -25, "2024-09-30" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(S(payroll_date_add_months(P(cases[i].from), cases[i].n)),
		    cases[i].want, "%s %+d months = %s", cases[i].from,
		    cases[i].n, cases[i].want);
}

static void
test_freq(void)
{
	static const struct {
		const char *name;
		enum payroll_freq f;
		int periods;
	} fs[] = {
		{ "weekly", PAYROLL_FREQ_WEEKLY, 52 },
		{ "biweekly", PAYROLL_FREQ_BIWEEKLY, 26 },
		{ "fourweekly", PAYROLL_FREQ_FOURWEEKLY, 13 },
		{ "semimonthly", PAYROLL_FREQ_SEMIMONTHLY, 24 },
		{ "monthly", PAYROLL_FREQ_MONTHLY, 12 },
		{ "quarterly", PAYROLL_FREQ_QUARTERLY, 4 },
		{ "semiannual", PAYROLL_FREQ_SEMIANNUAL, 2 },
		{ "annual", PAYROLL_FREQ_ANNUAL, 1 },
		{ "daily", PAYROLL_FREQ_DAILY, 260 },
	};
	enum payroll_freq f;
	size_t i;

	for (i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		ok(payroll_freq_parse(fs[i].name, &f) == 0 && f == fs[i].f,
		    "freq_parse '%s'", fs[i].name);
		ok(payroll_freq_periods(fs[i].f) == fs[i].periods,
		    "%s: %d periods a year", fs[i].name, fs[i].periods);
		is_str(payroll_freq_name(fs[i].f), fs[i].name,
		    "freq_name %s", fs[i].name);
	}
	/* A value that is no frequency: named "?", no periods a year. */
	is_str(payroll_freq_name((enum payroll_freq)99), "?",
	    "freq_name of no frequency: ?");
	ok(payroll_freq_periods((enum payroll_freq)99) == 0,
	    "freq_periods of no frequency: 0");
	ok(payroll_freq_parse("fortnightly", &f) == 0 &&
	    f == PAYROLL_FREQ_BIWEEKLY, "fortnightly is biweekly");
	ok(payroll_freq_parse("four-weekly", &f) == 0 &&
	    f == PAYROLL_FREQ_FOURWEEKLY, "four-weekly is fourweekly");
	ok(payroll_freq_parse("Monthly", &f) == PAYROLL_EINVAL,
	    "freq_parse is case-sensitive");
	ok(payroll_freq_parse("yearly", &f) == PAYROLL_EINVAL,
	    "freq_parse refuses 'yearly'");
	ok(payroll_freq_parse("", &f) == PAYROLL_EINVAL,
	    "freq_parse refuses ''");
}

static void
period_is(enum payroll_freq f, const char *start, const char *end)
{
	struct payroll_period p;
	int st = payroll_period_make(f, P(start), &p);

	ok(st == 0 && strcmp(S(p.start), start) == 0 &&
	    strcmp(S(p.end), end) == 0 && p.pay_date == p.end && p.freq == f,
	    "%s period from %s ends %s (got %s)", payroll_freq_name(f), start,
	    end, st == 0 ? S(p.end) : "error");
}

static void
parse_is(const char *s, enum payroll_freq f, int want_st, const char *start,
    const char *end)
{
	struct payroll_period p;
	int st = payroll_period_parse(s, f, &p);

	if (want_st != PAYROLL_OK)
		ok(st == want_st, "period_parse('%s', %s) fails with %d "
		    "(got %d)", s, payroll_freq_name(f), want_st, st);
	else
		ok(st == 0 && strcmp(S(p.start), start) == 0 &&
		    strcmp(S(p.end), end) == 0 && p.pay_date == p.end,
		    "period_parse('%s', %s) = %s..%s", s, payroll_freq_name(f),
		    start, end);
}

static void
test_periods(void)
{
	struct payroll_period p;

	period_is(PAYROLL_FREQ_DAILY, "2026-11-04", "2026-11-04");
	period_is(PAYROLL_FREQ_WEEKLY, "2026-11-02", "2026-11-08");
	period_is(PAYROLL_FREQ_WEEKLY, "2026-12-28", "2027-01-03");
	period_is(PAYROLL_FREQ_BIWEEKLY, "2026-11-02", "2026-11-15");
	period_is(PAYROLL_FREQ_BIWEEKLY, "2024-02-19", "2024-03-03");
	period_is(PAYROLL_FREQ_FOURWEEKLY, "2026-11-02", "2026-11-29");
	period_is(PAYROLL_FREQ_SEMIMONTHLY, "2026-11-01", "2026-11-15");
	period_is(PAYROLL_FREQ_SEMIMONTHLY, "2026-11-16", "2026-11-30");
	period_is(PAYROLL_FREQ_SEMIMONTHLY, "2026-02-16", "2026-02-28");
	period_is(PAYROLL_FREQ_SEMIMONTHLY, "2024-02-16", "2024-02-29");
	period_is(PAYROLL_FREQ_SEMIMONTHLY, "2026-12-16", "2026-12-31");
	period_is(PAYROLL_FREQ_MONTHLY, "2026-11-01", "2026-11-30");
	period_is(PAYROLL_FREQ_MONTHLY, "2026-02-01", "2026-02-28");
	period_is(PAYROLL_FREQ_MONTHLY, "2024-02-01", "2024-02-29");
	period_is(PAYROLL_FREQ_MONTHLY, "2026-12-01", "2026-12-31");
	period_is(PAYROLL_FREQ_MONTHLY, "2026-04-06", "2026-05-05");
	period_is(PAYROLL_FREQ_QUARTERLY, "2026-01-01", "2026-03-31");
	period_is(PAYROLL_FREQ_QUARTERLY, "2026-10-01", "2026-12-31");
	period_is(PAYROLL_FREQ_SEMIANNUAL, "2026-07-01", "2026-12-31");
	period_is(PAYROLL_FREQ_ANNUAL, "2026-01-01", "2026-12-31");
	period_is(PAYROLL_FREQ_ANNUAL, "2026-04-06", "2027-04-05");
	period_is(PAYROLL_FREQ_ANNUAL, "2024-01-01", "2024-12-31");
	ok(payroll_period_make(PAYROLL_FREQ_SEMIMONTHLY, P("2026-11-10"), &p)
	    == PAYROLL_EINVAL, "a semimonthly period cannot start on the 10th");

	parse_is("2026-11", PAYROLL_FREQ_MONTHLY, 0, "2026-11-01",
	    "2026-11-30");
	parse_is("2026-02", PAYROLL_FREQ_MONTHLY, 0, "2026-02-01",
	    "2026-02-28");
	parse_is("2024-02", PAYROLL_FREQ_MONTHLY, 0, "2024-02-01",
	    "2024-02-29");
	parse_is("2026-04", PAYROLL_FREQ_QUARTERLY, 0, "2026-04-01",
	    "2026-06-30");
	parse_is("2026-07", PAYROLL_FREQ_SEMIANNUAL, 0, "2026-07-01",
	    "2026-12-31");
	parse_is("2026-04-06", PAYROLL_FREQ_ANNUAL, 0, "2026-04-06",
	    "2027-04-05");
	parse_is("2026-11-02", PAYROLL_FREQ_WEEKLY, 0, "2026-11-02",
	    "2026-11-08");
	parse_is("2026-11-16", PAYROLL_FREQ_SEMIMONTHLY, 0, "2026-11-16",
	    "2026-11-30");
	parse_is("2026-11-01..2026-11-30", PAYROLL_FREQ_MONTHLY, 0,
	    "2026-11-01", "2026-11-30");
	parse_is("2026-11-03..2026-11-03", PAYROLL_FREQ_DAILY, 0,
	    "2026-11-03", "2026-11-03");
	parse_is("2026-11", PAYROLL_FREQ_WEEKLY, PAYROLL_EINVAL, 0, 0);
	parse_is("2026-11", PAYROLL_FREQ_SEMIMONTHLY, PAYROLL_EINVAL, 0, 0);
	parse_is("2026-11-10", PAYROLL_FREQ_SEMIMONTHLY, PAYROLL_EINVAL, 0, 0);
	parse_is("2026-11-30..2026-11-01", PAYROLL_FREQ_MONTHLY,
	    PAYROLL_ESYNTAX, 0, 0);
	parse_is("2026-11-31..2026-12-01", PAYROLL_FREQ_MONTHLY,
	    PAYROLL_ESYNTAX, 0, 0);
	parse_is("2026-11-01..2026-11-3x", PAYROLL_FREQ_MONTHLY,
	    PAYROLL_ESYNTAX, 0, 0);
	parse_is("2026-11-01-2026-11-30", PAYROLL_FREQ_MONTHLY,
	    PAYROLL_ESYNTAX, 0, 0);
	parse_is("2026-13", PAYROLL_FREQ_MONTHLY, PAYROLL_ESYNTAX, 0, 0);
	parse_is("2026-00", PAYROLL_FREQ_MONTHLY, PAYROLL_ESYNTAX, 0, 0);
	parse_is("2026-02-30", PAYROLL_FREQ_MONTHLY, PAYROLL_ESYNTAX, 0, 0);
	parse_is("2026-1", PAYROLL_FREQ_MONTHLY, PAYROLL_ESYNTAX, 0, 0);
	parse_is("", PAYROLL_FREQ_MONTHLY, PAYROLL_ESYNTAX, 0, 0);
	parse_is("november", PAYROLL_FREQ_MONTHLY, PAYROLL_ESYNTAX, 0, 0);
}

static void
test_between(void)
{
	ok(payroll_days_between(P("2026-11-01"), P("2026-11-30")) == 30,
	    "November 2026 has 30 days");
	ok(payroll_days_between(P("2026-11-01"), P("2026-11-01")) == 1,
	    "a day to itself: 1");
	ok(payroll_days_between(P("2026-11-02"), P("2026-11-01")) == 0,
	    "b < a: 0 days");
	ok(payroll_days_between(P("2024-01-01"), P("2024-12-31")) == 366,
	    "2024 has 366 days");
	ok(payroll_days_between(P("2026-02-01"), P("2026-03-01")) == 29,
	    "2026-02-01..03-01: 29 days");
	/* November 2026: the 1st is a Sunday; Saturdays 7, 14, 21, 28 and
	 * Sundays 1, 8, 15, 22, 29: 30 - 9 = 21 weekdays. */
	ok(payroll_weekdays_between(P("2026-11-01"), P("2026-11-30")) == 21,
	    "November 2026 has 21 weekdays");
	/* 2026 starts on a Thursday: 52 weeks and one Thursday. */
	ok(payroll_weekdays_between(P("2026-01-01"), P("2026-12-31")) == 261,
	    "2026 has 261 weekdays");
	/* 2024 starts on a Monday and has 366 days: 52 weeks, Mon and Tue. */
	ok(payroll_weekdays_between(P("2024-01-01"), P("2024-12-31")) == 262,
	    "2024 has 262 weekdays");
	ok(payroll_weekdays_between(P("2026-11-07"), P("2026-11-08")) == 0,
	    "a weekend has no weekdays");
	ok(payroll_weekdays_between(P("2026-11-07"), P("2026-11-07")) == 0,
	    "a Saturday alone: 0");
	ok(payroll_weekdays_between(P("2026-11-06"), P("2026-11-09")) == 2,
	    "Friday to Monday: 2");
	ok(payroll_weekdays_between(P("2026-11-04"), P("2026-11-04")) == 1,
	    "a Wednesday alone: 1");
	ok(payroll_weekdays_between(P("2026-11-09"), P("2026-11-06")) == 0,
	    "b < a: 0 weekdays");
	ok(payroll_weekdays_between(P("1969-12-29"), P("1970-01-04")) == 5,
	    "a week across the epoch (negative days): 5");
	/* Brute force over 2026-2027 against the weekday function. */
	{
		payroll_date a, b, lo = P("2026-01-01");
		int bad = 0;

		for (a = lo; a < lo + 40; a++)
			for (b = a - 2; b < a + 60; b++) {
				int n = 0;
				payroll_date x;

				for (x = a; x <= b; x++)
					n += payroll_date_weekday(x) <= 5;
				if (payroll_weekdays_between(a, b) != n)
					bad++;
			}
		ok(bad == 0, "weekdays_between agrees with counting (%d bad)",
		    bad);
	}
}

int
main(void)
{
	test_parse();
	test_calendar();
	test_add_months();
	test_format_small();
	test_freq();
	test_periods();
	test_between();
	return tap_done();
}
