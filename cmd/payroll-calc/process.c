/*
 * process.c: one employee: the YTD, items and paid rows that go with the
 * records, the checks, the calculation by effective-dated segment, and
 * the results, rejects and retro deltas it gives.
 */
#include "pc.h"

/* Moves the YTD side up to id: rows before it are carried through. */
static int
ytd_seek(struct run *r, const char *id)
{
	struct side *y = &r->ytd;
	int c;

	while (y->have && (c = strcmp(y->id, id)) < 0) {
		if (r->have_ytd_out)
			carry_ytd(r);
		side_next(y);
	}
	return y->have && strcmp(y->id, id) == 0;
}

void
check_sorted(struct run *r, const char *id, size_t len, unsigned long line)
{
	char a[80], b[80];

	if (r->lastid != NULL && r->lastid[0] != '\0' &&
	    strcmp(id, r->lastid) < 0) {
		if (r->ytd.csv != NULL || r->items.csv != NULL)
			die(ST_DATA, "%s:%lu: employee_id '%s' comes after "
			    "'%s': with --ytd or --items, employee records "
			    "must be sorted by employee_id", r->emp.path, line,
			    show_value("employee_id", id, len, a, sizeof(a)),
			    show_value("employee_id", r->lastid,
			    strlen(r->lastid), b, sizeof(b)));
		r->sorted = 0;
	}
	keep(&r->lastid, &r->lastcap, id, len);
}

/*
 * Retro: the paid results of the same period, merge-joined by
 * employee_id.  An employee paid then but not now is recovered in full:
 * the paid row with its money negated.
 */
void
retro_removed(struct run *r)
{
	struct side *p = &r->paid;
	struct payroll_dec d;
	char buf[80];
	size_t i, j;

	for (i = 0; i < p->nnames; i++) {
		int money = -1;

		for (j = 0; j < r->ncols; j++)
			if (r->paidcol[j] == (int)i &&
			    payroll_calc_output_is_money(r->calc, j))
				money = (int)j;
		if (money >= 0 && payroll_dec_parse(p->f[i], p->l[i], &d) == 0) {
			size_t n = payroll_dec_format(payroll_dec_neg(d), 2, buf,
			    sizeof(buf));

			emit(r, buf, n);
			if (payroll_dec_sub(r->totals[money], d,
			    &r->totals[money]) != 0)
				die(ST_DATA, "control total overflow");
		} else
			emit(r, p->f[i], p->l[i]);
	}
	emit_end(r);
	r->nremoved++;
}

static int
paid_seek(struct run *r, const char *id)
{
	struct side *p = &r->paid;

	while (p->have && strcmp(p->id, id) < 0) {
		retro_removed(r);
		side_next(p);
	}
	return p->have && strcmp(p->id, id) == 0;
}

/* Whether a pay_frequency field names the run's frequency. */
int
same_freq(const char *s, size_t len, const char *runfreq)
{
	enum payroll_freq a, b;
	char buf[32];

	if (len >= sizeof(buf))
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (payroll_freq_parse(buf, &a) != 0 ||
	    payroll_freq_parse(runfreq, &b) != 0)
		return 0;
	return a == b;
}

/* The part of the period a record is in force: -1 when none. */
static int
coverage(struct run *r, const struct row *rows, size_t n, size_t i,
    payroll_date *from, payroll_date *to, char *msg, size_t msgsize)
{
	payroll_date eff = INT32_MIN, next = INT32_MAX;

	if (r->effcol >= 0 && rows[i].l[r->effcol] > 0 &&
	    payroll_date_parse(rows[i].f[r->effcol], rows[i].l[r->effcol],
	    &eff) != 0) {
		snprintf(msg, msgsize, "effective_date '%.*s' is not a date "
		    "YYYY-MM-DD", (int)(rows[i].l[r->effcol] > 20 ? 20 :
		    rows[i].l[r->effcol]), rows[i].f[r->effcol]);
		return -2;
	}
	if (i + 1 < n) {
		if (rows[i + 1].l[r->effcol] == 0 ||
		    payroll_date_parse(rows[i + 1].f[r->effcol],
		    rows[i + 1].l[r->effcol], &next) != 0 || next <= eff) {
			snprintf(msg, msgsize, "the records of an employee must "
			    "have increasing effective dates");
			return -2;
		}
		next--;
	}
	*from = eff > r->per.start ? eff : r->per.start;
	*to = next < r->per.end ? next : r->per.end;
	return *from <= *to ? 0 : -1;
}

/* A record under payroll_calc_check(): each failure is a reject. */
struct checked {
	struct run *r;
	const struct row *row;
	const char *id;
	size_t idlen;
	int n;
};

static void
check_report(void *arg, const char *field, const char *rule, const char *msg)
{
	struct checked *ck = arg;

	ck->n++;
	reject(ck->r, ck->r->emp.path, ck->row->line, ck->id, ck->idlen, field,
	    rule, msg);
}

/* One employee's records, and what process() learns of them. */
struct employee {
	const struct row *rows;
	size_t nrows;
	const char *id;		/* employee_id (the first record's) */
	size_t idlen;
	unsigned long line;	/* the first record's line */
	const struct row *last;	/* the record in force at the period's end,
				 * or NULL when none is in force */
	size_t ninforce;	/* records in force in the period */
	int whole;		/* the last one covers the whole period */
};

/*
 * The date in column col of the employee's last record in force: 1 with
 * it in *d, 0 when the column is absent or empty, -1 (the employee
 * rejected) when it is not a date.
 */
static int
row_date(struct run *r, const struct employee *e, int col, const char *name,
    payroll_date *d)
{
	const struct row *row = e->last;
	char msg[100];

	if (col < 0 || row->l[col] == 0)
		return 0;
	if (payroll_date_parse(row->f[col], row->l[col], d) == 0)
		return 1;
	snprintf(msg, sizeof(msg), "%s '%.*s' is not a date YYYY-MM-DD", name,
	    (int)(row->l[col] > 20 ? 20 : row->l[col]), row->f[col]);
	reject(r, r->emp.path, row->line, e->id, e->idlen, name, "date", msg);
	return -1;
}

/*
 * Whether the record shows the employee was not employed at all in the
 * period (hired after it, or left before it): such records are counted,
 * not paid with zeros, except in an off-cycle run (a final pay after the
 * leaving date).  -1 when a hire or termination date is not a date (the
 * employee is rejected: a date that cannot be read is never taken as
 * "employed").
 */
static int
not_employed(struct run *r, const struct employee *e)
{
	payroll_date hire, term;
	int h, t;

	if ((h = row_date(r, e, r->hirecol, "hire_date", &hire)) < 0 ||
	    (t = row_date(r, e, r->termcol, "termination_date", &term)) < 0)
		return -1;
	if (r->offcycle)
		return 0;
	return (h && hire > r->per.end) || (t && term < r->per.start);
}

/*
 * The records in force in the period and the last of them; 1 when an
 * effective date is wrong (rejected).
 */
static int
find_in_force(struct run *r, struct employee *e)
{
	payroll_date from, to;
	char msg[700];
	size_t i;
	int st;

	for (i = 0; i < e->nrows; i++) {
		st = coverage(r, e->rows, e->nrows, i, &from, &to, msg,
		    sizeof(msg));
		if (st == -2) {
			reject(r, r->emp.path, e->rows[i].line, e->id, e->idlen,
			    "effective_date", "effective", msg);
			return 1;
		} else if (st == 0) {
			e->last = &e->rows[i];
			e->ninforce++;
			e->whole = from == r->per.start && to == r->per.end;
		}
	}
	return 0;
}

/* An employee not paid in this run: their YTD row, if any, is carried
 * through unchanged. */
static void
pass_ytd(struct run *r, const char *id)
{
	if (r->ytd.csv != NULL && ytd_seek(r, id)) {
		if (r->have_ytd_out)
			carry_ytd(r);
		side_next(&r->ytd);
	}
}

/*
 * The packs' input checks, hr-validate's own (payroll_calc_check()): a
 * run fed without hr-validate pays nothing it would reject.  Then the
 * calculation begins with the record in force at the end.  1: rejected.
 * NEEDSWORK: values declared unique are checked by hr-validate only
 * (uniq_check()): the vector harnesses feed payroll-calc synthetic
 * records that share one SSN.
 */
static int
check_and_begin(struct run *r, const struct employee *e)
{
	struct payroll_diag diag;
	const struct row *last = e->last;
	size_t i;

	for (i = 0; i < e->nrows; i++) {
		struct checked ck = { r, &e->rows[i], e->id, e->idlen, 0 };
		int nf = payroll_calc_check(r->calc, e->rows[i].f,
		    e->rows[i].l, e->rows[i].n, check_report, &ck);

		if (nf == -PAYROLL_ENOMEM)
			die(ST_SYSTEM, "out of memory");
		if (nf != 0)
			return 1;
	}
	payroll_diag_clear(&diag);
	if (record_error(payroll_calc_begin(r->calc, last->f, last->l,
	    last->n, &diag), &diag) != 0) {
		reject(r, r->emp.path, last->line, e->id, e->idlen, diag.field,
		    "input", diag.msg);
		return 1;
	}
	return 0;
}

/* Split periods: each record in force is a segment.  1: rejected. */
static int
calc_segments(struct run *r, const struct employee *e)
{
	struct payroll_diag diag;
	payroll_date from, to;
	char msg[700];
	size_t i;

	for (i = 0; i < e->nrows; i++) {
		const struct row *w = &e->rows[i];

		if (coverage(r, e->rows, e->nrows, i, &from, &to, msg,
		    sizeof(msg)) != 0)
			continue;
		payroll_diag_clear(&diag);
		if (record_error(payroll_calc_segment(r->calc, w->f, w->l,
		    w->n, from, to, &diag), &diag) != 0) {
			char where[600];

			payroll_diag_format(&diag, where, sizeof(where));
			reject(r, r->emp.path, w->line, e->id, e->idlen,
			    diag.field, diag.field[0] ? "input" : "calc", where);
			return 1;
		}
	}
	r->nsplit++;
	return 0;
}

/*
 * The employee's YTD row into the calculation.  A YTD file that already
 * holds this period is the wrong file for the run, not one employee's
 * error: stop before anything is written (the good results stay as they
 * are).
 */
static void
load_ytd_row(struct run *r)
{
	struct payroll_diag diag;
	char msg[700];

	payroll_diag_clear(&diag);
	if (record_error(payroll_calc_ytd_row(r->calc, r->ytd.f, r->ytd.l,
	    r->ytd.nnames, &diag), &diag) != 0)
		die(ST_DATA, "%s:%lu: employee '%s': field '%s': %s",
		    r->ytd.path, r->ytd.line, show_value("employee_id",
		    r->ytd.id, strlen(r->ytd.id), msg, sizeof(msg)),
		    diag.field, diag.msg);
}

/*
 * The employee's item rows (merge-joined by id): into the calculation
 * unless the employee is already rejected (bad); items of ids before
 * theirs have no employee and are rejected.  Returns bad, or 1 when an
 * item is rejected.
 */
static int
add_items(struct run *r, const struct employee *e, int bad)
{
	struct side *it = &r->items;
	struct payroll_diag diag;
	char msg[700];
	size_t k;

	while (it->have && strcmp(it->id, e->id) <= 0) {
		if (strcmp(it->id, e->id) < 0) {
			reject(r, it->path, it->line, it->id, strlen(it->id),
			    "employee_id", "items", "no employee record with "
			    "this employee_id in this run");
		} else if (!bad) {
			int wt = -1, am = -1;

			for (k = 0; k < it->nnames; k++) {
				if (strcmp(it->names[k], "wage_type") == 0)
					wt = (int)k;
				if (strcmp(it->names[k], "amount") == 0)
					am = (int)k;
			}
			payroll_diag_clear(&diag);
			if (wt < 0 || am < 0)
				die(ST_DATA, "%s:1: an items file needs the "
				    "columns employee_id, wage_type, amount",
				    it->path);
			if (record_error(payroll_calc_item(r->calc, it->f[wt],
			    it->f[am], it->l[am], &diag), &diag) != 0) {
				snprintf(msg, sizeof(msg), "item %s:%lu: %s",
				    it->path, it->line, diag.msg);
				reject(r, r->emp.path, e->line, e->id, e->idlen,
				    diag.field, "items", msg);
				bad = 1;
			}
		}
		side_next(it);
	}
	return bad;
}

/*
 * The items' own checks, then the calculation; a negative net pay is
 * rejected (outside retro).  1: rejected.
 */
static int
calculate(struct run *r, const struct employee *e)
{
	struct payroll_diag diag;
	char msg[700];

	payroll_diag_clear(&diag);
	if (payroll_calc_items_check(r->calc, &diag) != 0) {
		reject(r, r->emp.path, e->line, e->id, e->idlen, diag.field,
		    "items", diag.msg);
		return 1;
	}
	payroll_diag_clear(&diag);
	if (record_error(payroll_calc_run(r->calc, &diag), &diag) != 0) {
		char where[600];

		payroll_diag_format(&diag, where, sizeof(where));
		reject(r, r->emp.path, e->line, e->id, e->idlen, diag.field,
		    "calc", where);
		return 1;
	}
	if (payroll_dec_sign(payroll_calc_output(r->calc, r->ncols - 1)) < 0 &&
	    !r->retro) {
		char net[64];

		/* net_pay is the last column.  A bank cannot take a
		 * negative payment: the clerk recovers it. */
		payroll_calc_output_format(r->calc, r->ncols - 1, net,
		    sizeof(net));
		snprintf(msg, sizeof(msg), "net pay would be %s: deductions "
		    "exceed pay; recover it in a later period or correct the "
		    "inputs", net);
		reject(r, r->emp.path, e->line, e->id, e->idlen, "net_pay",
		    "negative_net", msg);
		return 1;
	}
	return 0;
}

/* -x: every value of this employee on standard error. */
static void
explain_employee(struct run *r, const struct employee *e, int bad)
{
	if (r->explain == NULL || strlen(r->explain) != e->idlen ||
	    memcmp(r->explain, e->id, e->idlen) != 0)
		return;
	r->explained = 1;
	fprintf(stderr, "explain %.*s:\n", (int)e->idlen, e->id);
	if (bad)
		fprintf(stderr, "  (rejected: see the rejects file)\n");
	payroll_calc_explain(r->calc, stderr);
}

/*
 * Retro: the differences against what was paid, into r->delta.  Returns
 * whether anything changed (an employee not paid before has changed).
 */
static int
retro_deltas(struct run *r, const char *id)
{
	const struct side *p = &r->paid;
	int was_paid = paid_seek(r, id), changed = !was_paid;
	size_t i;

	for (i = 0; i < r->ncols; i++) {
		struct payroll_dec v = payroll_calc_output(r->calc, i);
		struct payroll_dec old = { 0, 0, 0 };

		if (!payroll_calc_output_is_money(r->calc, i))
			continue;
		if (was_paid && payroll_dec_parse(p->f[r->paidcol[i]],
		    p->l[r->paidcol[i]], &old) != 0)
			die(ST_DATA, "%s:%lu: field '%s': not a number",
			    p->path, p->line,
			    payroll_calc_output_name(r->calc, i));
		if (payroll_dec_sub(v, old, &r->delta[i]) != 0)
			die(ST_DATA, "retro difference overflows");
		if (payroll_dec_sign(r->delta[i]) != 0)
			changed = 1;
	}
	if (was_paid)
		side_next(&r->paid);
	return changed;
}

/*
 * The results row: the fields of the record in force at the end, the
 * period, the outputs (with retro, the money as differences); each
 * money column added to its control total.
 */
static void
write_results(struct run *r, const struct row *last)
{
	char buf[128];
	size_t i;

	for (i = 0; i < r->npass; i++)
		emit(r, last->f[r->passcol[i]], last->l[r->passcol[i]]);
	for (i = 0; i < 3; i++)
		emit(r, r->period[i], 10);
	for (i = 0; i < r->ncols; i++) {
		size_t len;

		if (r->retro && payroll_calc_output_is_money(r->calc, i)) {
			len = payroll_dec_format(r->delta[i], 2, buf,
			    sizeof(buf));
			emit(r, buf, len);
			if (payroll_dec_add(r->totals[i], r->delta[i],
			    &r->totals[i]) != 0)
				die(ST_DATA, "control total overflow");
			continue;
		}
		len = payroll_calc_output_format(r->calc, i, buf, sizeof(buf));
		emit(r, buf, len);
		if (payroll_calc_output_is_money(r->calc, i) &&
		    payroll_dec_add(r->totals[i], payroll_calc_output(r->calc,
		    i), &r->totals[i]) != 0)
			die(ST_DATA, "control total overflow");
	}
	emit_end(r);
}

/*
 * Calculates one employee from their records (one, or several with
 * effective dates splitting the period into segments) and writes the
 * results row.
 */
void
process(struct run *r, struct row *rows, size_t nrows)
{
	struct employee e;
	int bad, has_ytd;

	memset(&e, 0, sizeof(e));
	e.rows = rows;
	e.nrows = nrows;
	e.id = rows[0].f[r->emp.idcol];
	e.idlen = rows[0].l[r->emp.idcol];
	e.line = rows[0].line;
	bad = find_in_force(r, &e);
	if (!bad && e.last != NULL && (bad = not_employed(r, &e)) > 0) {
		r->nnotemployed += nrows;
		pass_ytd(r, e.id);
		return;
	}
	bad = bad != 0;
	if (!bad && e.last == NULL) {
		/* Entered ahead of time: counted, not paid, not an error. */
		r->nlater += nrows;
		pass_ytd(r, e.id);
		return;
	}
	if (!bad)
		bad = check_and_begin(r, &e);
	if (!bad && !(e.ninforce == 1 && e.whole))
		bad = calc_segments(r, &e);
	/* The employee's YTD row and items, merge-joined by id. */
	has_ytd = r->ytd.csv != NULL && ytd_seek(r, e.id);
	if (has_ytd && !bad)
		load_ytd_row(r);
	bad = add_items(r, &e, bad);
	if (!bad)
		bad = calculate(r, &e);
	explain_employee(r, &e, bad);
	if (bad) {
		r->nrejected += nrows;
		if (has_ytd && r->have_ytd_out) {
			carry_ytd(r);
			side_next(&r->ytd);
		}
		return;
	}
	if (r->retro) {
		if (!retro_deltas(r, e.id)) {
			r->nunchanged++;
			r->npaid++;
			r->nrowspaid += nrows;
			return;
		}
		r->nchanged++;
	}
	write_results(r, e.last);
	r->npaid++;
	r->nrowspaid += nrows;
	if (r->have_ytd_out)
		write_ytd(r, e.id, e.idlen, has_ytd);
	if (has_ytd)
		side_next(&r->ytd);
}
