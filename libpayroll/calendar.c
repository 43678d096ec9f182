/*
 * calendar.c: pay group calendars.
 *
 *	pay_group: CITY-MONTHLY
 *	frequency: monthly
 *	holidays: [2026-11-11, 2026-11-26]
 *	periods:                      # either listed ...
 *	  - {start: 2026-11-01, end: 2026-11-30, pay_date: 2026-11-30}
 *	generate:                     # ... or generated
 *	  first_start: 2026-01-01
 *	  count: 12
 *	  pay_offset_days: 0          # pay date = period end + offset
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct payroll_calendar {
	struct ynode *doc;
	const char *group;
	enum payroll_freq freq;
	struct payroll_period *periods;
	size_t nperiods;
	payroll_date *holidays;
	size_t nholidays;
};

static int
cmpdate(const void *a, const void *b)
{
	payroll_date x = *(const payroll_date *)a, y = *(const payroll_date *)b;

	return (x > y) - (x < y);
}

static int
whole(const struct ynode *n, long lo, long hi, long *out,
    struct payroll_diag *diag)
{
	struct payroll_dec d;

	if (n == NULL || ynum(n, &d, diag) != 0 || !dec_is_integer(d) ||
	    dec_to_long(d, out) != 0 || *out < lo || *out > hi)
		return rules_error(diag, n, 0, "expected a whole number from "
		    "%ld to %ld", lo, hi);
	return PAYROLL_OK;
}

static int
calendar_load(const char *path, struct payroll_calendar **out,
    struct payroll_diag *diag)
{
	static const char *const keys[] = { "pay_group", "frequency",
	    "holidays", "periods", "generate", "source", "description", NULL };
	static const char *const pkeys[] = { "start", "end", "pay_date", NULL };
	static const char *const gkeys[] = { "first_start", "count",
	    "pay_offset_days", NULL };
	struct payroll_calendar *cal;
	const struct ynode *x, *list, *gen;
	size_t i;
	int st;

	payroll_diag_clear(diag);
	if ((cal = calloc(1, sizeof(*cal))) == NULL)
		return PAYROLL_ENOMEM;
	if ((st = ytree_load(path, &cal->doc, diag)) != 0 ||
	    (st = ykeys(cal->doc, keys, "a calendar", diag)) != 0)
		goto fail;
	x = yget(cal->doc, "pay_group");
	if (x == NULL || x->type != Y_SCALAR || x->len == 0) {
		st = rules_error(diag, cal->doc, 0, "a calendar needs "
		    "pay_group: NAME");
		goto fail;
	}
	cal->group = x->val;
	x = yget(cal->doc, "frequency");
	if (x == NULL || x->type != Y_SCALAR ||
	    payroll_freq_parse(x->val, &cal->freq) != 0) {
		st = rules_error(diag, x ? x : cal->doc, 0, "a calendar needs "
		    "frequency: weekly, biweekly, fourweekly, semimonthly, "
		    "monthly, quarterly, semiannual, annual or daily");
		goto fail;
	}
	if ((x = yget(cal->doc, "holidays")) != NULL) {
		if (x->type != Y_SEQ) {
			st = rules_error(diag, x, 0, "holidays is a list of "
			    "dates");
			goto fail;
		}
		if ((cal->holidays = calloc(x->n + 1,
		    sizeof(*cal->holidays))) == NULL) {
			st = PAYROLL_ENOMEM;
			goto fail;
		}
		for (i = 0; i < x->n; i++)
			if ((st = ydate(x->kids[i], &cal->holidays[i],
			    diag)) != 0)
				goto fail;
		cal->nholidays = x->n;
		qsort(cal->holidays, cal->nholidays, sizeof(*cal->holidays),
		    cmpdate);
	}
	list = yget(cal->doc, "periods");
	gen = yget(cal->doc, "generate");
	if ((list == NULL) == (gen == NULL)) {
		st = rules_error(diag, cal->doc, 0, "a calendar has either "
		    "periods: (a list) or generate: (a rule), not %s",
		    list ? "both" : "neither");
		goto fail;
	}
	if (list != NULL) {
		if (list->type != Y_SEQ || list->n == 0) {
			st = rules_error(diag, list, 0, "periods is a list of "
			    "{start, end, pay_date}");
			goto fail;
		}
		cal->nperiods = list->n;
	} else {
		long count;

		if (gen->type != Y_MAP ||
		    (st = ykeys(gen, gkeys, "generate", diag)) != 0 ||
		    (st = whole(yget(gen, "count"), 1, 1000, &count,
		    diag)) != 0) {
			if (st == 0)
				st = rules_error(diag, gen, 0, "generate is a "
				    "mapping");
			goto fail;
		}
		cal->nperiods = (size_t)count;
	}
	if ((cal->periods = calloc(cal->nperiods,
	    sizeof(*cal->periods))) == NULL) {
		st = PAYROLL_ENOMEM;
		goto fail;
	}
	if (list != NULL) {
		for (i = 0; i < list->n; i++) {
			const struct ynode *p = list->kids[i];
			struct payroll_period *q = &cal->periods[i];

			if (p->type != Y_MAP) {
				st = rules_error(diag, p, 0, "a period is "
				    "{start, end, pay_date}");
				goto fail;
			}
			if ((st = ykeys(p, pkeys, "a period", diag)) != 0 ||
			    (st = ydate(yget(p, "start"), &q->start,
			    diag)) != 0 ||
			    (st = ydate(yget(p, "end"), &q->end, diag)) != 0 ||
			    (st = ydate(yget(p, "pay_date"), &q->pay_date,
			    diag)) != 0)
				goto fail;
			q->freq = cal->freq;
			if (q->end < q->start || (i > 0 &&
			    q->start <= cal->periods[i - 1].end)) {
				st = rules_error(diag, p, 0, "periods must not "
				    "overlap and must end after they start, in "
				    "date order");
				goto fail;
			}
		}
	} else {
		payroll_date start;
		long offset = 0;

		if ((st = ydate(yget(gen, "first_start"), &start,
		    diag)) != 0 || (yget(gen, "pay_offset_days") != NULL &&
		    (st = whole(yget(gen, "pay_offset_days"), -31, 31,
		    &offset, diag)) != 0))
			goto fail;
		for (i = 0; i < cal->nperiods; i++) {
			if (payroll_period_make(cal->freq, start,
			    &cal->periods[i]) != 0) {
				st = rules_error(diag, gen, 0, "a %s period "
				    "cannot start on first_start",
				    payroll_freq_name(cal->freq));
				goto fail;
			}
			cal->periods[i].pay_date = cal->periods[i].end +
			    (payroll_date)offset;
			start = cal->periods[i].end + 1;
		}
	}
	*out = cal;
	return PAYROLL_OK;
fail:
	payroll_calendar_free(cal);
	return st;
}

int
payroll_calendar_load(const char *path, struct payroll_calendar **out,
    struct payroll_diag *diag)
{
	return diag_status(diag, calendar_load(path, out, diag));
}

void
payroll_calendar_free(struct payroll_calendar *cal)
{
	if (cal == NULL)
		return;
	ynode_free(cal->doc);
	free(cal->periods);
	free(cal->holidays);
	free(cal);
}

const char *
payroll_calendar_pay_group(const struct payroll_calendar *cal)
{
	return cal->group;
}

enum payroll_freq
payroll_calendar_freq(const struct payroll_calendar *cal)
{
	return cal->freq;
}

const payroll_date *
payroll_calendar_holidays(const struct payroll_calendar *cal, size_t *n)
{
	*n = cal->nholidays;
	return cal->holidays;
}

int
payroll_calendar_period(const struct payroll_calendar *cal, const char *spec,
    struct payroll_period *out, struct payroll_diag *diag)
{
	size_t i, found = 0, len = strlen(spec);
	payroll_date d;
	int y, m;

	payroll_diag_clear(diag);
	if (spec[0] == '#') {
		char *end;
		long k = strtol(spec + 1, &end, 10);

		/* Digits only: strtol also takes "# 1" and "#+1". */
		if (spec[1] < '0' || spec[1] > '9' || *end != '\0' || k < 1 ||
		    (size_t)k > cal->nperiods) {
			diag_set(diag, NULL, 0, 0, NULL, "the calendar of '%s' "
			    "has periods #1 to #%zu", cal->group,
			    cal->nperiods);
			return PAYROLL_EINVAL;
		}
		*out = cal->periods[k - 1];
		return PAYROLL_OK;
	}
	/* YYYY-MM, digits only: sscanf("%4d-%2d") also took 2026-1x (as
	 * January), 2026-+1 and "2026- 1" (issue 13). */
	if (len == 7 && spec[4] == '-' && strspn(spec, "0123456789") == 4 &&
	    strspn(spec + 5, "0123456789") == 2 &&
	    sscanf(spec, "%4d-%2d", &y, &m) == 2) {
		for (i = 0; i < cal->nperiods; i++) {
			int py, pm;

			payroll_date_split(cal->periods[i].pay_date, &py, &pm,
			    NULL);
			if (py == y && pm == m) {
				*out = cal->periods[i];
				found++;
			}
		}
		if (found == 1)
			return PAYROLL_OK;
		if (found)
			diag_set(diag, NULL, 0, 0, NULL, "%zu periods of '%s' "
			    "are paid in %s: name one by its start date or #N",
			    found, cal->group, spec);
		else
			diag_set(diag, NULL, 0, 0, NULL, "no period of '%s' is "
			    "paid in %s", cal->group, spec);
		return PAYROLL_EINVAL;
	}
	if (payroll_date_parse(spec, len, &d) != 0) {
		diag_set(diag, NULL, 0, 0, NULL, "'%s' is not a period: give "
		    "YYYY-MM, a date in the period, or #N", spec);
		return PAYROLL_EINVAL;
	}
	for (i = 0; i < cal->nperiods; i++)
		if (cal->periods[i].start <= d && d <= cal->periods[i].end) {
			*out = cal->periods[i];
			return PAYROLL_OK;
		}
	diag_set(diag, NULL, 0, 0, NULL, "no period of '%s' contains %s",
	    cal->group, spec);
	return PAYROLL_EINVAL;
}
