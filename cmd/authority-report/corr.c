/*
 * authority-report: corrections.  The results as first filed come with
 * --original FILE (repeatable); the operands are the corrected results of
 * the same period.  They feed:
 *
 *   - lines layouts with 'compare: original' (Form 941-X): the layout's
 *     pack is worked out twice, on the original and on the corrected
 *     results, and each line is written with both and their difference;
 *   - fixed layouts (EFW2C): the sources orig_sum and orig_tagged (the
 *     employee's sums in the original results) beside sum and tagged, and
 *     the sequence condition 'when: changed' (an orig_ field of the
 *     record differs from the same sum in the corrected results).
 *
 * An employee paid in the original results and not in the corrected ones
 * (removed) keeps the names and ids of his original rows, with corrected
 * amounts of zero.
 */

#include <errno.h>
#include <string.h>

#include "ar.h"

static int use_orig;		/* lines_calc() reads the original results */
static const int64_t *zero_amts;

/* Employee k's sums: corrected, or original when use_orig is set. */
const int64_t *
eamt(size_t k)
{
	if (!use_orig)
		return emps[k]->amt;
	if (emps[k]->orig != NULL)
		return emps[k]->orig;
	if (zero_amts == NULL)
		zero_amts = xcalloc(ncols + 1, sizeof(*zero_amts));
	return zero_amts;
}

int
e_paid(size_t k)
{
	return use_orig ? emps[k]->inorig : emps[k]->inperiod;
}

unsigned
e_covers(size_t k)
{
	return use_orig ? emps[k]->ocovers : emps[k]->covers;
}

const int64_t *
col_month(size_t c)
{
	return use_orig ? cols[c].omonth : cols[c].month;
}

/* One row of an original results file. */
void
orig_row(struct reader *r, const char *id, payroll_date pd)
{
	char pn[40];
	const char *why, *s;
	struct emp *e;
	int64_t v;
	size_t c, k;
	int y, m, d;

	if (pd < run.pstart || pd > run.pend)
		die(ST_DATA, "%s:%lu: field 'pay_date': %s is outside %s: the "
		    "original results are those of the period corrected",
		    r->path, rline(r), rfield(r, (size_t)r->pd),
		    period_name(pn, sizeof(pn)));
	e = emp_get(id);
	if (e->orig == NULL)
		e->orig = xcalloc(ncols + 1, sizeof(*e->orig));
	payroll_date_split(pd, &y, &m, &d);
	m = (m - 1) % 3;
	for (c = 0; c < ncols; c++) {
		if (r->map[c] < 0 || !cols[c].money)
			continue;
		s = rfield(r, (size_t)r->map[c]);
		if (cents_parse(s, strlen(s), &v, &why) != 0)
			die(ST_DATA, "%s:%lu: field '%s': '%s': %s", r->path,
			    rline(r), cols[c].name, s, why);
		if (cents_add(e->orig[c], v, &e->orig[c]) != 0 ||
		    cents_add(cols[c].omonth[m], v, &cols[c].omonth[m]) != 0)
			die(ST_DATA, "%s:%lu: field '%s': sum overflows",
			    r->path, rline(r), cols[c].name);
	}
	e->inorig = 1;
	if (!e->inperiod && pd >= e->olast) {
		/* A removed employee: names and ids of his last original
		 * row. */
		emp_take_row(e, r);
		e->olast = pd;
	}
	if (run.ncovering > 0 && r->ps >= 0 && r->pe >= 0) {
		payroll_date ps = row_date(r, r->ps, "period_start");
		payroll_date pe = row_date(r, r->pe, "period_end");

		for (k = 0; k < run.ncovering; k++)
			if (ps <= run.covering[k] && run.covering[k] <= pe)
				e->ocovers |= 1u << k;
	}
}

/* 'when: changed': an orig_ sum of the record differs from the same sum
 * of the corrected results. */
int
record_changed(const struct record *rec, const struct ectx *x)
{
	size_t i;

	for (i = 0; i < rec->nf; i++) {
		const struct src *s = &rec->f[i].src;

		if (s->kind == S_SUM && (s->parts & A_ORIG) &&
		    amount_of(s, x, A_ORIG) != amount_of(s, x, A_PERIOD))
			return 1;
	}
	return 0;
}

/* The decimals of a formatted figure ("12.50": 2). */
static int
places_of(const char *s)
{
	const char *dot = strchr(s, '.');

	return dot != NULL ? (int)strlen(dot + 1) : 0;
}

/* A lines layout with 'compare: original': line, description, original,
 * corrected, difference (corrected - original). */
void
emit_lines_compare(struct payroll_csv_writer *w)
{
	struct payroll_calc *cc, *oc;
	struct payroll_rules *cr, *orr;
	const struct ynode *outs;
	char a[80], b[80], dbuf[80];
	size_t i;

	if (payroll_csv_puts(w, "line") != 0 ||
	    payroll_csv_puts(w, "description") != 0 ||
	    payroll_csv_puts(w, "original") != 0 ||
	    payroll_csv_puts(w, "corrected") != 0 ||
	    payroll_csv_puts(w, "difference") != 0 ||
	    payroll_csv_endrec(w) != 0)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
	use_orig = 0;
	cc = lines_calc();
	cr = linerules;
	use_orig = 1;
	oc = lines_calc();
	orr = linerules;
	use_orig = 0;
	outs = yget(linepack, "outputs");
	for (i = 0; i < payroll_calc_noutputs(cc); i++) {
		const char *nm = payroll_calc_output_name(cc, i);
		const struct ynode *d;
		enum payroll_kind kd = payroll_calc_output_kind(cc, i);
		struct payroll_dec diff;

		if (kd == PAYROLL_K_GROSS || kd == PAYROLL_K_NET)
			continue;
		d = yget(yget(outs, nm), "description");
		payroll_calc_output_format(oc, i, a, sizeof(a));
		payroll_calc_output_format(cc, i, b, sizeof(b));
		if (payroll_dec_sub(payroll_calc_output(cc, i),
		    payroll_calc_output(oc, i), &diff) != 0)
			die(ST_DATA, "line %s: difference out of range", nm);
		payroll_dec_format(diff, places_of(b), dbuf, sizeof(dbuf));
		if (payroll_csv_puts(w, strncmp(nm, "line_", 5) == 0 ?
		    nm + 5 : nm) != 0 ||
		    payroll_csv_puts(w, d != NULL ? d->val : "") != 0 ||
		    payroll_csv_puts(w, a) != 0 ||
		    payroll_csv_puts(w, b) != 0 ||
		    payroll_csv_puts(w, dbuf) != 0 ||
		    payroll_csv_endrec(w) != 0)
			die(ST_SYSTEM, "write error: %s", strerror(errno));
	}
	payroll_calc_free(cc);
	payroll_calc_free(oc);
	payroll_rules_free(cr);
	payroll_rules_free(orr);
}
