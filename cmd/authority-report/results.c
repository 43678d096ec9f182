/*
 * authority-report: the results of payroll-calc in: columns, employees,
 * their sums in the period and before it in the year.
 */
#include <stdlib.h>
#include <string.h>

#include "ar.h"

/* ------------------------------------------------------------------ */
/* Results columns and employees                                      */
/* ------------------------------------------------------------------ */

struct column *cols;
size_t ncols;
static size_t capcols;
int cols_frozen;

size_t
col_get(const char *name, int money, int required)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		if (strcmp(cols[i].name, name) == 0)
			break;
	if (i == ncols) {
		if (cols_frozen)
			die(ST_SYSTEM, "internal error: column '%s' added "
			    "late", name);
		if (ncols == capcols) {
			capcols = capcols ? capcols * 2 : 32;
			cols = xreallocarray(cols, capcols, sizeof(*cols));
		}
		memset(&cols[ncols], 0, sizeof(cols[0]));
		cols[ncols].name = xstrdup(name);
		ncols++;
	}
	if (money)
		cols[i].money = 1;
	else
		cols[i].text = 1;
	if (required)
		cols[i].required = 1;
	return i;
}

struct emp **emps;	/* hash table, then a sorted array */
size_t nemps;
static size_t capemps;

static uint64_t
hashstr(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

struct emp *
emp_get(const char *id)
{
	size_t i, j;
	struct emp **old, *e;

	if (nemps * 2 >= capemps) {
		old = emps;
		j = capemps;
		capemps = capemps ? capemps * 2 : 1024;
		emps = xcalloc(capemps, sizeof(*emps));
		for (i = 0; i < j; i++)
			if (old[i] != NULL) {
				size_t k = hashstr(old[i]->id) &
				    (capemps - 1);

				while (emps[k] != NULL)
					k = (k + 1) & (capemps - 1);
				emps[k] = old[i];
			}
		free(old);
	}
	i = hashstr(id) & (capemps - 1);
	while (emps[i] != NULL) {
		if (strcmp(emps[i]->id, id) == 0)
			return emps[i];
		i = (i + 1) & (capemps - 1);
	}
	e = xcalloc(1, sizeof(*e));
	e->id = xstrdup(id);
	e->amt = xcalloc(ncols, sizeof(*e->amt));
	e->hist = xcalloc(ncols, sizeof(*e->hist));
	e->text = xcalloc(ncols, sizeof(*e->text));
	e->last = INT32_MIN;
	e->olast = INT32_MIN;
	emps[i] = e;
	nemps++;
	return e;
}

static int
emp_cmp(const void *a, const void *b)
{
	const struct emp *x = *(struct emp *const *)a;
	const struct emp *y = *(struct emp *const *)b;

	return strcmp(x->id, y->id);
}

/* Packs the table into an array sorted by employee_id. */
void
emp_sort(void)
{
	size_t i, n = 0;

	for (i = 0; i < capemps; i++)
		if (emps[i] != NULL && (emps[i]->inperiod || emps[i]->inorig))
			emps[n++] = emps[i];
	nemps = n;
	qsort(emps, nemps, sizeof(*emps), emp_cmp);
}

/* ------------------------------------------------------------------ */
/* ------------------------------------------------------------------ */
/* Results in                                                         */
/* ------------------------------------------------------------------ */

struct paidset paid, opaid;

/* Rows read from the results and from the history files (--summary). */
unsigned long nrows, nhistrows;

static int
name_index(struct reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		if (strcmp(r->names[i], name) == 0)
			return (int)i;
	return -1;
}

void
reader_open(struct reader *r, const char *path, int history)
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	size_t i, j;
	int st;

	memset(r, 0, sizeof(*r));
	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	r->history = history;
	r->path = path != NULL && strcmp(path, "-") != 0 ? path : "<stdin>";
	r->fp = in_open(path);
	if (payroll_csv_open(r->fp, r->path, &opts, &r->csv) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	if ((st = payroll_csv_read(r->csv, &diag)) == PAYROLL_EOF)
		die(ST_DATA, "%s: empty results file: no header", r->path);
	if (st != PAYROLL_OK)
		die_diag(status_of(st), &diag);
	r->nf = payroll_csv_nfields(r->csv);
	r->names = xcalloc(r->nf, sizeof(*r->names));
	for (i = 0; i < r->nf; i++) {
		r->names[i] = xstrdup(payroll_csv_field(r->csv, i, NULL));
		for (j = 0; j < i; j++)
			if (strcmp(r->names[i], r->names[j]) == 0)
				die(ST_DATA, "%s:1: duplicate column '%s'",
				    r->path, r->names[i]);
	}
	if ((r->id = name_index(r, "employee_id")) < 0)
		die(ST_DATA, "%s:1: no column 'employee_id': not a results "
		    "file", r->path);
	if ((r->pd = name_index(r, "pay_date")) < 0)
		die(ST_DATA, "%s:1: no column 'pay_date': not a results file",
		    r->path);
	r->ps = name_index(r, "period_start");
	r->pe = name_index(r, "period_end");
	progress_start(&r->pg, 0, r->fp);
}

/* Reads the next row; returns 0 at the end. */
int
reader_next(struct reader *r)
{
	struct payroll_diag diag;
	int st;

	payroll_diag_clear(&diag);
	st = payroll_csv_read(r->csv, &diag);
	if (st == PAYROLL_EOF)
		return 0;
	if (st != PAYROLL_OK)
		die_diag(status_of(st), &diag);
	progress_tick(&r->pg);
	if (r->history)
		nhistrows++;
	else
		nrows++;
	if (payroll_csv_nfields(r->csv) != r->nf)
		die(ST_DATA, "%s:%lu: %zu fields where the header has %zu",
		    r->path, payroll_csv_line(r->csv),
		    payroll_csv_nfields(r->csv), r->nf);
	return 1;
}

const char *
rfield(struct reader *r, size_t i)
{
	if (r->first != NULL)
		return r->first[i];
	return payroll_csv_field(r->csv, i, NULL);
}

unsigned long
rline(struct reader *r)
{
	return r->first != NULL ? r->firstline : payroll_csv_line(r->csv);
}

void
reader_keep_first(struct reader *r)
{
	size_t i;

	r->first = xcalloc(r->nf, sizeof(*r->first));
	for (i = 0; i < r->nf; i++)
		r->first[i] = xstrdup(payroll_csv_field(r->csv, i, NULL));
	r->firstline = payroll_csv_line(r->csv);
}

payroll_date
row_date(struct reader *r, int col, const char *what)
{
	const char *s = rfield(r, (size_t)col);
	payroll_date d;

	if (payroll_date_parse(s, strlen(s), &d) != 0)
		die(ST_DATA, "%s:%lu: field '%s': '%s' is not a date "
		    "(YYYY-MM-DD)", r->path, rline(r), what, s);
	return d;
}

void
reader_bind(struct reader *r)
{
	size_t c;

	r->map = xcalloc(ncols, sizeof(*r->map));
	for (c = 0; c < ncols; c++) {
		r->map[c] = name_index(r, cols[c].name);
		if (r->map[c] >= 0)
			cols[c].seen = 1;
	}
}

/* The employee's text columns (names, ids, address) and place, from row
 * r: the row that speaks for him. */
void
emp_take_row(struct emp *e, struct reader *r)
{
	size_t c;

	for (c = 0; c < ncols; c++) {
		if (!cols[c].text)
			continue;
		free(e->text[c]);
		e->text[c] = r->map[c] >= 0 ?
		    xstrdup(rfield(r, (size_t)r->map[c])) : NULL;
	}
	e->file = r->path;
	e->line = rline(r);
}

void
row_take(struct reader *r)
{
	const char *id = rfield(r, (size_t)r->id), *why, *s;
	payroll_date pd = row_date(r, r->pd, "pay_date"), ps, pe;
	char a[11], b[11], pn[40];
	struct emp *e;
	int64_t v;
	size_t c, k;
	int y, m, d;

	if (id[0] == '\0')
		die(ST_DATA, "%s:%lu: field 'employee_id': empty", r->path,
		    rline(r));
	/* Results given twice (the period's or the history's) would be
	 * counted twice. */
	if (paidset_add(r->history == 2 ? &opaid : &paid, r->path, rline(r),
	    id, strlen(id), pd))
		return;
	if (r->history == 2) {
		orig_row(r, id, pd);
		return;
	}
	if (r->history) {
		if (pd < run.hstart || pd >= run.pstart) {
			date_str(run.hstart, a);
			date_str(run.pstart - 1, b);
			die(ST_DATA, "%s:%lu: field 'pay_date': %s is not in "
			    "%s to %s: history must be earlier results of "
			    "the same tax year", r->path, rline(r),
			    rfield(r, (size_t)r->pd), a, b);
		}
	} else if (pd < run.pstart || pd > run.pend)
		die(ST_DATA, "%s:%lu: field 'pay_date': %s is outside %s: "
		    "results from another %s cannot go into this filing "
		    "(earlier results of the year go in with --history)",
		    r->path, rline(r), rfield(r, (size_t)r->pd),
		    period_name(pn, sizeof(pn)), run.ptype == P_QUARTER ?
		    "quarter" : run.ptype == P_YEAR ? "year" : "pay date");
	e = emp_get(id);
	for (c = 0; c < ncols; c++) {
		if (r->map[c] < 0)
			continue;
		s = rfield(r, (size_t)r->map[c]);
		if (cols[c].money) {
			if (cents_parse(s, strlen(s), &v, &why) != 0)
				die(ST_DATA, "%s:%lu: field '%s': '%s': %s",
				    r->path, rline(r), cols[c].name, s, why);
			if (cents_add(r->history ? e->hist[c] : e->amt[c], v,
			    r->history ? &e->hist[c] : &e->amt[c]) != 0)
				die(ST_DATA, "%s:%lu: field '%s': sum "
				    "overflows", r->path, rline(r),
				    cols[c].name);
			if (!r->history) {
				futa_col(e, c, v, pd);
				payroll_date_split(pd, &y, &m, &d);
				m = (m - 1) % 3;
				if (cents_add(cols[c].month[m], v,
				    &cols[c].month[m]) != 0)
					die(ST_DATA, "sum overflows");
			}
		}
	}
	if (r->history)
		return;
	e->inperiod = 1;
	local_row(e, r);
	if (pd >= e->last) {
		/* Names and addresses from the employee's last row. */
		emp_take_row(e, r);
		e->last = pd;
	}
	if (run.ncovering > 0) {
		if (r->ps < 0 || r->pe < 0)
			die(ST_DATA, "%s:1: no columns 'period_start' and "
			    "'period_end'", r->path);
		ps = row_date(r, r->ps, "period_start");
		pe = row_date(r, r->pe, "period_end");
		for (k = 0; k < run.ncovering; k++)
			if (ps <= run.covering[k] && run.covering[k] <= pe)
				e->covers |= 1u << k;
	}
}

void
reader_close(struct reader *r)
{
	size_t i;

	progress_done(&r->pg);
	payroll_csv_free(r->csv);
	in_close(r->fp);
	for (i = 0; i < r->nf; i++) {
		free(r->names[i]);
		if (r->first != NULL)
			free(r->first[i]);
	}
	free(r->names);
	free(r->first);
	free(r->map);
}
