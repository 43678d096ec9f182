/*
 * master.c: hr-import --master: the rows of an employee's history, and
 * the master and the change file, both read in employee_id order
 * (changes.c merges them).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hrimport.h"

const char *
hv(const struct hrow *h, size_t i)
{
	return h->b.p + h->off[i];
}

/* A fresh row at the end of rs, with room for ncols values. */
struct hrow *
rows_add(struct rows *rs, size_t ncols)
{
	struct hrow *h;

	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 8;
		struct hrow *v;

		if ((v = realloc(rs->v, cap * sizeof(*v))) == NULL)
			die(ST_SYSTEM, "out of memory");
		memset(v + rs->cap, 0, (cap - rs->cap) * sizeof(*v));
		rs->v = v;
		rs->cap = cap;
	}
	h = &rs->v[rs->n++];
	if (h->off == NULL && ((h->off = calloc(ncols + 1,
	    sizeof(*h->off))) == NULL || (h->given = calloc(ncols + 1,
	    sizeof(*h->given))) == NULL))
		die(ST_SYSTEM, "out of memory");
	memset(h->given, 0, ncols * sizeof(*h->given));
	h->b.len = 0;
	h->dated = 0;
	h->date = 0;
	h->isnew = 0;
	h->line = 0;
	return h;
}

void
rows_release(struct rows *rs)
{
	size_t i;

	for (i = 0; i < rs->cap; i++) {
		free(rs->v[i].b.p);
		free(rs->v[i].off);
		free(rs->v[i].given);
	}
	free(rs->v);
}

/* Fills a row's values from vals[0 .. ncols) (copied). */
void
row_fill(struct hrow *h, size_t ncols, const char *const *vals)
{
	size_t i;

	h->b.len = 0;
	for (i = 0; i < ncols; i++) {
		h->off[i] = h->b.len;
		sb_add(&h->b, vals[i], strlen(vals[i]));
		sb_add(&h->b, "", 1);
	}
}

void
mput(struct merge *g, const char *s, size_t len)
{
	if (payroll_csv_put(&g->w, s, len) != 0)
		die(ST_SYSTEM, "%s: %s", outname, strerror(errno));
}

static void
mendrec(struct merge *g)
{
	if (payroll_csv_endrec(&g->w) != 0)
		die(ST_SYSTEM, "%s: %s", outname, strerror(errno));
	g->nwritten++;
}

void
row_write(struct merge *g, const struct hrow *h)
{
	size_t i;

	for (i = 0; i < g->ncols; i++)
		mput(g, hv(h, i), strlen(hv(h, i)));
	mendrec(g);
}

/* ------------------------------------------------------------------ */
/* The master                                                         */
/* ------------------------------------------------------------------ */

/*
 * Reads the next master record (g->mhave says whether there is one) and
 * checks it: a master that is not what earlier runs wrote (malformed,
 * unsorted) stops the run before anything is written, since a master
 * made from it would be wrong too.
 */
void
master_next(struct merge *g, int m_id, int m_eff)
{
	struct payroll_diag diag;
	const char *id, *e = "";
	size_t idlen, elen = 0, n;
	unsigned long line;
	payroll_date d = 0;
	int st, dated = 0, c;

	payroll_diag_clear(&diag);
	st = payroll_csv_read(g->mcsv, &diag);
	if (st == PAYROLL_EOF) {
		g->mhave = 0;
		return;
	}
	if (st == PAYROLL_EIO || st == PAYROLL_ENOMEM ||
	    st == PAYROLL_EENCODING)
		die_diag(ST_SYSTEM, &diag);
	if (st != PAYROLL_OK)
		die_diag(ST_DATA, &diag);
	line = payroll_csv_line(g->mcsv);
	if ((n = payroll_csv_nfields(g->mcsv)) != g->nm)
		die(ST_DATA, "%s:%lu: %zu fields where the header has %zu",
		    g->mname, line, n, g->nm);
	id = payroll_csv_field(g->mcsv, (size_t)m_id, &idlen);
	if (idlen == 0)
		die(ST_DATA, "%s:%lu: field 'employee_id': empty", g->mname,
		    line);
	if (m_eff >= 0)
		e = payroll_csv_field(g->mcsv, (size_t)m_eff, &elen);
	if (elen > 0) {
		if (payroll_date_parse(e, elen, &d) != PAYROLL_OK)
			die(ST_DATA, "%s:%lu: field 'effective_date': '%.*s' "
			    "is not a date YYYY-MM-DD", g->mname, line,
			    (int)(elen > 40 ? 40 : elen), e);
		dated = 1;
	}
	g->nmaster++;
	if (g->prevline > 0) {
		c = strcmp(id, g->previd.p);
		if (c < 0)
			die(ST_DATA, "%s:%lu: field 'employee_id': '%s' after "
			    "'%s' (line %lu): the master must be sorted by "
			    "employee_id, then effective_date", g->mname, line,
			    id, g->previd.p, g->prevline);
		if (c == 0 && !dated)
			die(ST_DATA, "%s:%lu: field 'effective_date': empty "
			    "after line %lu of '%s': an empty effective_date "
			    "(in force since ever) is only for an employee's "
			    "first record", g->mname, line, g->prevline, id);
		if (c == 0 && g->prevdated && d <= g->prevdate)
			die(ST_DATA, "%s:%lu: field 'effective_date': '%.*s' "
			    "is not after line %lu's for '%s': the master must "
			    "be sorted by employee_id, then effective_date, "
			    "one record a day", g->mname, line, (int)elen, e,
			    g->prevline, id);
	}
	g->previd.len = 0;
	sb_add(&g->previd, id, idlen);
	g->prevdate = d;
	g->prevdated = dated;
	g->prevline = line;
	g->mhave = 1;
}

/* Writes the master record read ahead, as it was, and reads the next. */
void
master_pass(struct merge *g, int m_id, int m_eff)
{
	size_t i, len;
	const char *s;

	for (i = 0; i < g->ncols; i++) {
		if (i < g->nm) {
			s = payroll_csv_field(g->mcsv, i, &len);
			mput(g, s, len);
		} else
			mput(g, "", 0);
	}
	mendrec(g);
	master_next(g, m_id, m_eff);
}

/* Takes the master record read ahead into the employee's rows. */
void
master_take(struct merge *g, int m_id, int m_eff)
{
	struct hrow *h = rows_add(&g->m, g->ncols);
	size_t i;

	for (i = 0; i < g->ncols; i++)
		g->vals[i] = i < g->nm ? payroll_csv_field(g->mcsv, i, NULL) :
		    "";
	row_fill(h, g->ncols, g->vals);
	h->line = g->prevline;
	h->dated = g->prevdated;
	h->date = g->prevdate;
	master_next(g, m_id, m_eff);
}

/* ------------------------------------------------------------------ */
/* The change file                                                    */
/* ------------------------------------------------------------------ */

/*
 * The next change record: 1, or 0 at the end.  A record that cannot be
 * read or converted is reported, counted as read and rejected, and
 * skipped.
 */
int
chsrc_next(struct merge *g, struct chsrc *s)
{
	struct payroll_diag diag;
	size_t i, n;
	int st;

	for (;;) {
		payroll_diag_clear(&diag);
		st = payroll_csv_read(s->csv, &diag);
		if (st == PAYROLL_EOF)
			return 0;
		if (st == PAYROLL_EIO || st == PAYROLL_ENOMEM)
			die_diag(ST_SYSTEM, &diag);
		if (st != PAYROLL_OK && payroll_csv_nfields(s->csv) == 0)
			die_diag(ST_DATA, &diag);	/* malformed CSV */
		g->nread++;
		if (s->r != NULL)
			s->r->nread++;	/* derive: record */
		if (st != PAYROLL_OK) {
			warn_diag(&diag);
			g->nrejected++;
			continue;
		}
		s->line = payroll_csv_line(s->csv);
		if (s->r != NULL) {
			if (convert_record(s->r, s->csv) != 0) {
				g->nrejected++;
				continue;
			}
			for (i = 0; i < s->n; i++) {
				s->v[i] = s->r->val.p + s->r->off[i];
				s->l[i] = strlen(s->v[i]);
			}
			return 1;
		}
		if ((n = payroll_csv_nfields(s->csv)) != s->n) {
			warnx_("%s:%lu: %zu fields where the header has %zu",
			    s->name, s->line, n, s->n);
			g->nrejected++;
			continue;
		}
		for (i = 0; i < n; i++)
			s->v[i] = payroll_csv_field(s->csv, i, &s->l[i]);
		return 1;
	}
}
