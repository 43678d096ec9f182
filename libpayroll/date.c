/*
 * date.c: calendar dates as day numbers, and pay periods.
 *
 * Day numbers count from 1970-01-01 in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil algorithm).
 */
#include <string.h>

#include "internal.h"

payroll_date
payroll_date_make(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
payroll_date_split(payroll_date z, int *year, int *month, int *day)
{
	int era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	if (year != NULL)
		*year = y + (m <= 2);
	if (month != NULL)
		*month = m;
	if (day != NULL)
		*day = d;
}

int
payroll_days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 29;
	return mdays[m - 1];
}

int
payroll_date_weekday(payroll_date d)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((d % 7 + 7) % 7);

	return (w + 3) % 7 + 1;
}

payroll_date
payroll_date_add_months(payroll_date d, int n)
{
	int y, m, day, md;

	payroll_date_split(d, &y, &m, &day);
	m += n;
	y += (m - 1 >= 0 ? (m - 1) / 12 : -((12 - m) / 12));
	m = ((m - 1) % 12 + 12) % 12 + 1;
	md = payroll_days_in_month(y, m);
	return payroll_date_make(y, m, day > md ? md : day);
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
payroll_date_parse(const char *s, size_t len, payroll_date *out)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) != 0 || digits(s + 5, 2, &m) != 0 ||
	    digits(s + 8, 2, &d) != 0)
		return PAYROLL_ESYNTAX;
	if (y < 1 || m < 1 || m > 12 || d < 1 ||
	    d > payroll_days_in_month(y, m))
		return PAYROLL_ESYNTAX;
	*out = payroll_date_make(y, m, d);
	return PAYROLL_OK;
}

size_t
payroll_date_format(payroll_date d, char *buf, size_t size)
{
	int y, m, day;
	char tmp[16];
	size_t n;

	payroll_date_split(d, &y, &m, &day);
	tmp[0] = (char)('0' + y / 1000 % 10);
	tmp[1] = (char)('0' + y / 100 % 10);
	tmp[2] = (char)('0' + y / 10 % 10);
	tmp[3] = (char)('0' + y % 10);
	tmp[4] = '-';
	tmp[5] = (char)('0' + m / 10);
	tmp[6] = (char)('0' + m % 10);
	tmp[7] = '-';
	tmp[8] = (char)('0' + day / 10);
	tmp[9] = (char)('0' + day % 10);
	tmp[10] = '\0';
	n = 10;
	if (size > 0) {
		memcpy(buf, tmp, n < size ? n + 1 : size - 1);
		buf[n < size ? n : size - 1] = '\0';
	}
	return n;
}

static const struct {
	const char *name;
	enum payroll_freq freq;
	int periods;
} freqs[] = {
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

int
payroll_freq_parse(const char *s, enum payroll_freq *out)
{
	size_t i;

	if (strcmp(s, "fortnightly") == 0)
		s = "biweekly";
	else if (strcmp(s, "four-weekly") == 0)
		s = "fourweekly";
	for (i = 0; i < NELEM(freqs); i++)
		if (strcmp(s, freqs[i].name) == 0) {
			*out = freqs[i].freq;
			return PAYROLL_OK;
		}
	return PAYROLL_EINVAL;
}

const char *
payroll_freq_name(enum payroll_freq f)
{
	size_t i;

	for (i = 0; i < NELEM(freqs); i++)
		if (freqs[i].freq == f)
			return freqs[i].name;
	return "?";
}

int
payroll_freq_periods(enum payroll_freq f)
{
	size_t i;

	for (i = 0; i < NELEM(freqs); i++)
		if (freqs[i].freq == f)
			return freqs[i].periods;
	return 0;
}

int
payroll_period_make(enum payroll_freq f, payroll_date start,
    struct payroll_period *out)
{
	int y, m, d;

	payroll_date_split(start, &y, &m, &d);
	out->freq = f;
	out->start = start;
	switch (f) {
	case PAYROLL_FREQ_DAILY:
		out->end = start;
		break;
	case PAYROLL_FREQ_WEEKLY:
		out->end = start + 6;
		break;
	case PAYROLL_FREQ_BIWEEKLY:
		out->end = start + 13;
		break;
	case PAYROLL_FREQ_FOURWEEKLY:
		out->end = start + 27;
		break;
	case PAYROLL_FREQ_SEMIMONTHLY:
		if (d == 1)
			out->end = payroll_date_make(y, m, 15);
		else if (d == 16)
			out->end = payroll_date_make(y, m,
			    payroll_days_in_month(y, m));
		else
			return PAYROLL_EINVAL;
		break;
	case PAYROLL_FREQ_MONTHLY:
		out->end = payroll_date_add_months(start, 1) - 1;
		break;
	case PAYROLL_FREQ_QUARTERLY:
		out->end = payroll_date_add_months(start, 3) - 1;
		break;
	case PAYROLL_FREQ_SEMIANNUAL:
		out->end = payroll_date_add_months(start, 6) - 1;
		break;
	case PAYROLL_FREQ_ANNUAL:
		out->end = payroll_date_add_months(start, 12) - 1;
		break;
	}
	out->pay_date = out->end;
	return PAYROLL_OK;
}

int
payroll_period_parse(const char *s, enum payroll_freq f,
    struct payroll_period *out)
{
	size_t len = strlen(s);
	payroll_date a, b;
	int y, m;

	if (len == 7 && s[4] == '-' && digits(s, 4, &y) == 0 &&
	    digits(s + 5, 2, &m) == 0 && m >= 1 && m <= 12) {
		a = payroll_date_make(y, m, 1);
		if (f == PAYROLL_FREQ_SEMIMONTHLY || f == PAYROLL_FREQ_WEEKLY ||
		    f == PAYROLL_FREQ_BIWEEKLY || f == PAYROLL_FREQ_FOURWEEKLY ||
		    f == PAYROLL_FREQ_DAILY)
			return PAYROLL_EINVAL;
		return payroll_period_make(f, a, out);
	}
	if (len == 10) {
		if (payroll_date_parse(s, 10, &a) != 0)
			return PAYROLL_ESYNTAX;
		return payroll_period_make(f, a, out);
	}
	if (len == 22 && s[10] == '.' && s[11] == '.') {
		if (payroll_date_parse(s, 10, &a) != 0 ||
		    payroll_date_parse(s + 12, 10, &b) != 0 || b < a)
			return PAYROLL_ESYNTAX;
		out->freq = f;
		out->start = a;
		out->end = b;
		out->pay_date = b;
		return PAYROLL_OK;
	}
	return PAYROLL_ESYNTAX;
}

int
payroll_days_between(payroll_date a, payroll_date b)
{
	return b < a ? 0 : (int)(b - a) + 1;
}

int
payroll_weekdays_between(payroll_date a, payroll_date b)
{
	int n, full, rest, wd, i, count;

	if (b < a)
		return 0;
	n = (int)(b - a) + 1;
	full = n / 7;
	rest = n % 7;
	count = full * 5;
	wd = payroll_date_weekday(a);
	for (i = 0; i < rest; i++)
		if ((wd + i - 1) % 7 + 1 <= 5)
			count++;
	return count;
}
