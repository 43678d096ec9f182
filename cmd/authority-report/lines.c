/*
 * authority-report: lines of a form (941, 940): the figures come from a
 * rule pack worked out on facts of the results.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"

/* A lines layout's 'group: COLUMN': the figures are worked out for each
 * value of the column (a tax office, a health fund) on its own. */
static int linegroup = -1;
static const char *linegroupval;

/* Whether employee k counts for the group being worked out. */
static int
in_group(size_t k)
{
	const char *v;

	if (linegroup < 0 || linegroupval == NULL)
		return 1;
	v = emps[k]->text[linegroup] != NULL ? emps[k]->text[linegroup] : "";
	return strcmp(v, linegroupval) == 0;
}

struct payroll_rules *linerules;
struct ynode *linepack;
static char *linepackpath;

/* f940.c: the FUTA facts of a year (Form 940, Schedule A). */
/* corr.c: the original results beside the corrected ones. */

void
lines_compile(void)
{
	const struct ynode *o = yget(run.layout, "pack");
	const char *slash;
	size_t i, len;

	if (o == NULL)
		yfail(run.layout, "a lines layout names its 'pack'");
	slash = strrchr(run.layoutpath, '/');
	len = strlen(run.layoutpath) + strlen(yscalar(o, "pack")) + 2;
	linepackpath = xcalloc(len, 1);
	if (o->val[0] != '/' && slash != NULL)
		snprintf(linepackpath, len, "%.*s/%s", (int)(slash -
		    run.layoutpath), run.layoutpath, o->val);
	else
		snprintf(linepackpath, len, "%s", o->val);
	linepack = yload(linepackpath);
	futa_compile();
	o = yget(linepack, "inputs");
	/* The facts the pack takes: sums of columns and counts. */
	for (i = 0; o != NULL && i < o->n; i += 2) {
		const char *n = o->kids[i]->val;
		const struct ynode *dflt = yget(o->kids[i + 1], "default");
		int m, d;
		char col[128];

		if (futa_fact_known(n))
			continue;
		if (strncmp(n, "sum_m", 5) == 0 && n[5] >= '1' &&
		    n[5] <= '3' && n[6] == '_')
			col_get(n + 7, 1, dflt == NULL);
		else if (strncmp(n, "sum_", 4) == 0)
			col_get(n + 4, 1, dflt == NULL);
		else if (strncmp(n, "ytd_", 4) == 0)
			col_get(n + 4, 1, dflt == NULL);
		else if (sscanf(n, "employees_covering_month%d_day%d%127s",
		    &m, &d, col) == 2) {
			if (m < 1 || m > 3 || d < 1 || d > 31 ||
			    run.ncovering == 16)
				yfail(o->kids[i], "employees_covering_monthM_"
				    "dayD: M is a month of the quarter, 1-3");
			run.covering[run.ncovering++] = payroll_date_make(
			    0, 1, 1);	/* set when the period is known */
		}
	}
	col_get("period_start", 0, 1);
	col_get("period_end", 0, 1);
	if ((o = yget(run.layout, "group")) != NULL)
		linegroup = (int)col_get(yscalar(o, "group"), 0, 0);
}

const char *
value_arg(const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < run.nvalues; i++)
		if (strncmp(run.values[i], name, n) == 0 &&
		    run.values[i][n] == '=')
			return run.values[i] + n + 1;
	return NULL;
}

static struct payroll_calc *linecalc;

/*
 * Evaluates the layout's pack once, on the facts of the results: sums of
 * columns over the period (sum_COLUMN, sum_mN_COLUMN) or over the tax
 * year to date, history included (ytd_COLUMN), counts of employees, the
 * tax month, and --value NAME=AMOUNT.
 */
struct payroll_calc *
lines_calc(void)
{
	struct payroll_run pr;
	struct payroll_calc *calc;
	struct payroll_diag diag;
	const char **names, **fields;
	size_t *lens, n, i, k, cov = 0;
	char **bufs;
	int st;

	memset(&pr, 0, sizeof(pr));
	if (payroll_period_make(PAYROLL_FREQ_QUARTERLY, run.pstart,
	    &pr.period) != 0)
		pr.period.start = run.pstart;
	pr.period.end = run.pend;
	pr.period.pay_date = run.pend;
	payroll_diag_clear(&diag);
	if ((st = payroll_rules_load((const char *const *)&linepackpath, 1,
	    &pr, &linerules, &diag)) != 0)
		die_diag(status_of(st), &diag);
	n = payroll_rules_ninputs(linerules);
	names = xcalloc(n, sizeof(*names));
	fields = xcalloc(n, sizeof(*fields));
	lens = xcalloc(n, sizeof(*lens));
	bufs = xcalloc(n, sizeof(*bufs));
	for (i = 0; i < n; i++) {
		const char *nm = payroll_rules_input_name(linerules, i), *a;
		int64_t t = 0;
		int m, d;
		char rest[8];

		names[i] = nm;
		bufs[i] = xcalloc(64, 1);
		if ((a = value_arg(nm)) != NULL)
			snprintf(bufs[i], 64, "%s", a);
		else if (futa_fact(nm, bufs[i], 64))
			;
		else if (strncmp(nm, "sum_m", 5) == 0 && nm[5] >= '1' &&
		    nm[5] <= '3' && nm[6] == '_') {
			size_t c = col_get(nm + 7, 1, 0);

			if (cols[c].seen)
				cents_format(col_month(c)[nm[5] - '1'],
				    bufs[i], 64);
		} else if (strncmp(nm, "sum_", 4) == 0) {
			size_t c = col_get(nm + 4, 1, 0);

			for (k = 0; k < nemps; k++)
				if (in_group(k) && cents_add(t, eamt(k)[c],
				    &t) != 0)
					die(ST_DATA, "total of '%s' overflows",
					    nm + 4);
			if (cols[c].seen)
				cents_format(t, bufs[i], 64);
		} else if (strncmp(nm, "ytd_", 4) == 0) {
			size_t c = col_get(nm + 4, 1, 0);

			for (k = 0; k < nemps; k++)
				if (in_group(k) && (cents_add(t, eamt(k)[c],
				    &t) != 0 ||
				    cents_add(t, emps[k]->hist[c], &t) != 0))
					die(ST_DATA, "total of '%s' overflows",
					    nm + 4);
			if (cols[c].seen)
				cents_format(t, bufs[i], 64);
		} else if (strcmp(nm, "tax_month") == 0) {
			payroll_date ts = tax_year_start(run.pend);
			int tm = 1;

			while (payroll_date_add_months(ts, tm) <= run.pend)
				tm++;
			snprintf(bufs[i], 64, "%d", tm);
		} else if (strcmp(nm, "employees") == 0) {
			for (k = 0; k < nemps; k++)
				if (in_group(k) && e_paid(k) && (linegroup <
				    0 || emps[k]->inperiod))
					t++;
			snprintf(bufs[i], 64, "%lld", (long long)t);
		}
		else if (sscanf(nm, "employees_covering_month%d_day%d%7s",
		    &m, &d, rest) == 2) {
			for (k = 0; k < nemps; k++)
				if (in_group(k) && (e_covers(k) &
				    (1u << cov)))
					t++;
			cov++;
			snprintf(bufs[i], 64, "%lld", (long long)t);
		} else if (yget(yget(yget(linepack, "inputs"), nm),
		    "default") == NULL)
			die(ST_USAGE, "%s: input '%s': not a fact this tool "
			    "computes (sum_COLUMN, sum_mN_COLUMN, ytd_COLUMN, "
			    "employees, employees_covering_monthM_dayD, "
			    "tax_month), and no --value "
			    "%s=AMOUNT gave it", linepackpath, nm, nm);
		fields[i] = bufs[i];
		lens[i] = strlen(bufs[i]);
	}
	if ((st = payroll_calc_new(linerules, names, n, &calc, &diag)) != 0)
		die_diag(st == PAYROLL_ENOMEM ? ST_SYSTEM : ST_RULES, &diag);
	if (payroll_calc_begin(calc, fields, lens, n, &diag) != 0 ||
	    payroll_calc_run(calc, &diag) != 0) {
		char msg[700];

		payroll_diag_format(&diag, msg, sizeof(msg));
		die(ST_DATA, "the form's figures cannot be computed: %s", msg);
	}
	for (i = 0; i < n; i++)
		free(bufs[i]);
	free(bufs);
	free(names);
	free(fields);
	free(lens);
	return calc;
}

/* The text of an output of the layout's pack; -1 when it has none. */
int
line_value(const char *name, char *buf, size_t size, int *money)
{
	size_t i;

	if (linecalc == NULL)
		linecalc = lines_calc();
	for (i = 0; i < payroll_calc_noutputs(linecalc); i++)
		if (strcmp(payroll_calc_output_name(linecalc, i), name) == 0) {
			payroll_calc_output_format(linecalc, i, buf, size);
			*money = payroll_calc_output_kind(linecalc, i) !=
			    PAYROLL_K_INFO;
			return 0;
		}
	return -1;
}

/* Writes one group's lines (group NULL: the whole results). */
static void
emit_lines_group(struct payroll_csv_writer *w, const char *group)
{
	struct payroll_calc *calc;
	const struct ynode *outs;
	char amt[80];
	size_t i;

	linegroupval = group;
	calc = lines_calc();
	outs = yget(linepack, "outputs");
	for (i = 0; i < payroll_calc_noutputs(calc); i++) {
		const char *nm = payroll_calc_output_name(calc, i);
		const struct ynode *d;
		enum payroll_kind kd = payroll_calc_output_kind(calc, i);

		if (kd == PAYROLL_K_GROSS || kd == PAYROLL_K_NET)
			continue;
		d = yget(yget(outs, nm), "description");
		payroll_calc_output_format(calc, i, amt, sizeof(amt));
		if ((group != NULL && payroll_csv_puts(w, group) != 0) ||
		    payroll_csv_puts(w, strncmp(nm, "line_", 5) == 0 ?
		    nm + 5 : nm) != 0 ||
		    payroll_csv_puts(w, d != NULL ? d->val : "") != 0 ||
		    payroll_csv_puts(w, amt) != 0 ||
		    payroll_csv_endrec(w) != 0)
			die(ST_SYSTEM, "write error: %s", strerror(errno));
	}
	payroll_calc_free(calc);
	payroll_rules_free(linerules);
	linegroupval = NULL;
}

int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
emit_lines(void)
{
	struct payroll_csv_writer w = { .fp = outfp };
	const char **groups;

	if (yget(run.layout, "compare") != NULL) {
		emit_lines_compare(&w);
		return;
	}
	size_t i, k, ng = 0;

	if ((linegroup >= 0 && payroll_csv_puts(&w, yscalar(yget(run.layout,
	    "group"), "group")) != 0) ||
	    payroll_csv_puts(&w, "line") != 0 ||
	    payroll_csv_puts(&w, "description") != 0 ||
	    payroll_csv_puts(&w, "amount") != 0 || payroll_csv_endrec(&w) != 0)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
	if (yget(run.layout, "compare") != NULL) {
		emit_lines_compare(&w);
		return;
	}
	if (linegroup < 0) {
		futa_emit_head(&w);
		emit_lines_group(&w, NULL);
		futa_emit_schedule_a(&w);
		return;
	}
	/* Each value of the group column among the period's employees, in
	 * byte order. */
	groups = xcalloc(nemps + 1, sizeof(*groups));
	for (k = 0; k < nemps; k++) {
		const char *v = emps[k]->text[linegroup] != NULL ?
		    emps[k]->text[linegroup] : "";

		if (!emps[k]->inperiod)
			continue;
		for (i = 0; i < ng; i++)
			if (strcmp(groups[i], v) == 0)
				break;
		if (i == ng)
			groups[ng++] = v;
	}
	qsort(groups, ng, sizeof(*groups), strp_cmp);
	for (i = 0; i < ng; i++)
		emit_lines_group(&w, groups[i]);
	free(groups);
}
