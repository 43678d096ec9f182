/*
 * authority-report: fixed-width records (EFW2 and its state variants,
 * EFW2C): the records, the sequence of items and their conditions,
 * writing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"

/* corr.c: 'when: changed', and how many such records were written. */
unsigned long nchanged_items, nchanged_written;

struct record *records;
size_t nrecords;
/* The file, written by the library's layout engine. */
static struct payroll_fixed fout = { .eol = "\r\n", .filler = ' ' };

struct record *
find_record(const char *id, const struct ynode *where)
{
	size_t i;

	for (i = 0; i < nrecords; i++)
		if (strcmp(records[i].id, id) == 0)
			return &records[i];
	yfail(where, "no record '%s' in the layout", id);
}

/* Field name of record r, by the layout's text: the record's own fields
 * may not all be compiled yet (a total of the record being compiled). */
size_t
find_field(struct record *r, const char *name, const struct ynode *where)
{
	const struct ynode *n;
	size_t i;

	for (i = 0; r->node->type == Y_SEQ && i < r->node->n; i++)
		if ((n = yget(r->node->kids[i], "name")) != NULL &&
		    n->type == Y_SCALAR && strcmp(n->val, name) == 0)
			return i;
	yfail(where, "record '%s' has no field '%s'", r->id, name);
}

int64_t
record_total(struct record *r, size_t f)
{
	int64_t c;

	if (payroll_dec_to_minor(r->f[f].lf.total, 2, &c) != PAYROLL_OK)
		die(ST_DATA, "total of '%s' in %s records overflows",
		    r->f[f].lf.name, r->id);
	return c;
}

unsigned long
record_count(struct record *r)
{
	return r->count;
}

void
items_compile(struct item **out, size_t *n, const struct ynode *seq, int xml)
{
	size_t i;

	if (seq->type != Y_SEQ)
		yfail(seq, "a list of items");
	*n = seq->n;
	*out = xcalloc(seq->n, sizeof(**out));
	for (i = 0; i < seq->n; i++)
		item_compile(&(*out)[i], seq->kids[i], xml);
}

void
item_compile(struct item *it, const struct ynode *y, int xml)
{
	static const char *const keys[] = { "record", "each", "when",
	    "records", NULL };
	const struct ynode *o;

	memset(it, 0, sizeof(*it));
	it->node = y;
	if (!xml)
		ykeys(y, keys, "a sequence item");
	if ((o = yget(y, "each")) != NULL) {
		const char *v = yscalar(o, "each");

		if (strcmp(v, "employee") == 0)
			it->each = EACH_EMPLOYEE;
		else if (strcmp(v, "state") == 0)
			it->each = EACH_STATE;
		else if (strcmp(v, "local") == 0)
			it->each = EACH_LOCAL;
		else
			yfail(o, "'each' is employee, state or local");
	}
	if ((o = yget(y, "when")) != NULL) {
		if (o->type == Y_SCALAR && strcmp(o->val, "nonzero") == 0)
			it->when = W_NONZERO;
		else if (o->type == Y_SCALAR && strcmp(o->val, "changed") == 0) {
			it->when = W_CHANGED;
			nchanged_items++;
		}
		else if (o->type == Y_MAP && yget(o, "any") != NULL) {
			it->when = W_ANY;
			it->anyrec = find_record(yscalar(yget(o, "any"),
			    "any"), o);
		} else if (o->type == Y_MAP && yget(o, "nonzero") != NULL) {
			const struct ynode *l = yget(o, "nonzero");
			size_t j;

			if (l->type != Y_SEQ)
				yfail(l, "'nonzero' is a list of sums");
			it->when = W_COND;
			it->ncond = l->n;
			it->cond = xcalloc(l->n, sizeof(*it->cond));
			for (j = 0; j < l->n; j++) {
				src_compile(&it->cond[j], l->kids[j]);
				if (it->cond[j].kind != S_SUM)
					yfail(l->kids[j], "'nonzero' takes "
					    "sums of columns or tags");
				src_bind(&it->cond[j]);
			}
		} else if (o->type == Y_MAP && yget(o, "column") != NULL &&
		    yget(o, "in") != NULL && yget(o, "in")->type == Y_SEQ) {
			const struct ynode *op = yget(o, "optional");

			it->when = W_IN;
			/* optional: true: a results file without the column
			 * is as one where it is empty. */
			it->incol = col_get(yscalar(yget(o, "column"),
			    "column"), 0, op == NULL ||
			    strcmp(yscalar(op, "optional"), "true") != 0);
			it->inlist = yget(o, "in");
		} else if (o->type == Y_MAP && yget(o, "column") != NULL &&
		    yget(o, "from") != NULL && yget(o, "to") != NULL) {
			/* A date column within two others (a starter: the
			 * hire date within the pay period); an empty or
			 * absent date is not within. */
			it->when = W_WITHIN;
			it->incol = col_get(yscalar(yget(o, "column"),
			    "column"), 0, 0);
			it->fromcol = col_get(yscalar(yget(o, "from"), "from"),
			    0, 1);
			it->tocol = col_get(yscalar(yget(o, "to"), "to"), 0, 1);
		} else if (o->type == Y_MAP && yget(o, "present") != NULL) {
			/* Written when the column is given (not empty); a
			 * results file without it is as one where it is
			 * empty. */
			it->when = W_PRESENT;
			it->incol = col_get(yscalar(yget(o, "present"),
			    "present"), 0, 0);
		} else
			yfail(o, "'when' is nonzero, changed, {any: RECORD}, "
			    "{nonzero: [sums]}, {column: NAME, in: [...]}, "
			    "{column: DATE, from: DATE, to: DATE} or "
			    "{present: COLUMN}");
	}
	if (xml) {
		const struct ynode *a = yget(y, "attrs");
		size_t j;

		it->xml = xcalloc(1, sizeof(*it->xml));
		field_compile(it->xml, y, 0);
		if (a != NULL && a->type != Y_MAP)
			yfail(a, "'attrs' is a mapping of names to values");
		if (a != NULL) {
			it->attrs = xcalloc(a->n / 2 + 1, sizeof(*it->attrs));
			for (j = 0; j + 1 < a->n; j += 2)
				src_compile(&it->attrs[j / 2], a->kids[j + 1]);
		}
		if ((o = yget(y, "children")) != NULL)
			items_compile(&it->kids, &it->nkids, o, 1);
		return;
	}
	if ((o = yget(y, "record")) != NULL)
		it->rec = find_record(yscalar(o, "record"), o);
	if ((o = yget(y, "records")) != NULL)
		items_compile(&it->kids, &it->nkids, o, 0);
	if ((it->rec == NULL) == (it->nkids == 0))
		yfail(y, "an item has a 'record' or a list of 'records'");
}

void
records_compile(void)
{
	const struct ynode *recs = yget(run.layout, "records"), *o;
	struct payroll_diag d;
	size_t i, j;

	if (recs == NULL || recs->type != Y_MAP)
		yfail(run.layout, "a fixed-width layout has 'records'");
	if ((o = yget(run.layout, "record_length")) == NULL)
		yfail(run.layout, "a fixed-width layout has 'record_length'");
	fout.reclen = (int)ylong(o, "record_length", 1, 100000);
	if ((o = yget(run.layout, "record_end")) != NULL) {
		const char *v = yscalar(o, "record_end");

		fout.eol = strcmp(v, "crlf") == 0 ? "\r\n" : strcmp(v, "lf") ==
		    0 ? "\n" : strcmp(v, "none") == 0 ? "" : NULL;
		if (fout.eol == NULL)
			yfail(o, "record_end is crlf, lf or none");
	}
	nrecords = recs->n / 2;
	records = xcalloc(nrecords, sizeof(*records));
	/* Names first, so that totals can name any record. */
	for (i = 0; i < nrecords; i++) {
		records[i].id = recs->kids[2 * i]->val;
		records[i].node = recs->kids[2 * i + 1];
	}
	for (i = 0; i < nrecords; i++) {
		struct record *r = &records[i];
		const struct ynode *fl = r->node;

		if (fl->type != Y_SEQ)
			yfail(fl, "record '%s' is a list of fields", r->id);
		r->nf = fl->n;
		r->f = xcalloc(fl->n, sizeof(*r->f));
		r->lf = xcalloc(fl->n, sizeof(*r->lf));
		for (j = 0; j < fl->n; j++) {
			field_compile(&r->f[j], fl->kids[j], 1);
			r->lf[j] = &r->f[j].lf;
		}
		diag_ok(payroll_record_check(r->lf, r->nf, fout.reclen, 0, r->id,
		    &d), &d);
	}
}

FILE *outfp;

/* Whether any money field of the record is non-zero for x. */
static int
record_nonzero(struct record *r, const struct ectx *x)
{
	struct val v;
	char why[600];
	size_t i;

	for (i = 0; i < r->nf; i++)
		if (r->f[i].lf.type == PAYROLL_FT_MONEY &&
		    src_eval(&r->f[i].src, x, &v,
		    why, sizeof(why)) == 0 && v.type != V_TEXT && v.amt != 0)
			return 1;
	return 0;
}

/*
 * Builds a record into buf and the money of each field into amts.
 * Returns 0, or -1 after reporting what is wrong.
 */
static int
record_build(struct record *r, const struct ectx *x, char *buf,
    struct payroll_dec *amts)
{
	struct sbuf v = { 0 };
	char why[600];
	size_t i;
	int64_t amt;
	int bad = 0, empty;

	memset(buf, ' ', (size_t)fout.reclen);
	for (i = 0; i < r->nf; i++) {
		struct field *f = &r->f[i];

		if (field_format(f, x, &v, &amt, &empty, why,
		    sizeof(why)) != 0) {
			report(x, r->id, f, why);
			bad = 1;
			continue;
		}
		amts[i] = payroll_dec_make(amt, 2);
		payroll_field_place(&f->lf, buf, v.p != NULL ? v.p : "");
	}
	free(v.p);
	return bad ? -1 : 0;
}

/* Counts the record, totals its amounts, and writes it unless an error
 * was found (nothing is written after an error). */
static void
record_write(struct record *r, const char *buf,
    const struct payroll_dec *amts)
{
	int st;

	r->count++;
	fout.fp = run.errors > 0 ? NULL : outfp;
	if ((st = payroll_fixed_write(&fout, r->id, buf, r->lf, amts, r->nf)) ==
	    PAYROLL_ERANGE)
		die(ST_DATA, "a total of %s records overflows", r->id);
	if (st != PAYROLL_OK)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
}

int
state_has(size_t s)
{
	return run.fixedstate < 0 || (int)s == run.fixedstate;
}

int
item_cond(const struct item *it, const struct ectx *x)
{
	const char *v;
	size_t i;

	if (it->when == W_PRESENT)
		return x->e != NULL && x->e->text[it->incol] != NULL &&
		    x->e->text[it->incol][0] != '\0';
	if (it->when == W_WITHIN) {
		const char *a, *b;

		if (x->e == NULL)
			return 0;
		v = x->e->text[it->incol];
		a = x->e->text[it->fromcol];
		b = x->e->text[it->tocol];
		/* ISO dates (YYYY-MM-DD) compare as text. */
		return v != NULL && a != NULL && b != NULL && v[0] != '\0' &&
		    strcmp(a, v) <= 0 && strcmp(v, b) <= 0;
	}
	if (it->when == W_IN) {
		v = x->e != NULL && x->e->text[it->incol] != NULL ?
		    x->e->text[it->incol] : "";
		for (i = 0; i < it->inlist->n; i++)
			if (strcmp(it->inlist->kids[i]->val, v) == 0)
				return 1;
		return 0;
	}

	for (i = 0; i < it->ncond; i++)
		if (amount_of(&it->cond[i], x, it->cond[i].parts) != 0)
			return 1;
	return 0;
}

void
item_emit_one(struct item *it, const struct ectx *x)
{
	char *buf;
	struct payroll_dec *amts;

	if (it->rec == NULL) {
		items_emit(it->kids, it->nkids, x);
		return;
	}
	if (it->when == W_ANY && it->anyrec->count == 0)
		return;
	if (it->when == W_NONZERO && !record_nonzero(it->rec, x))
		return;
	if (it->when == W_CHANGED && !record_changed(it->rec, x))
		return;
	if (it->when == W_CHANGED)
		nchanged_written++;
	if ((it->when == W_COND || it->when == W_IN ||
	    it->when == W_WITHIN || it->when == W_PRESENT) && !item_cond(it, x))
		return;
	buf = xcalloc((size_t)fout.reclen + 1, 1);
	amts = xcalloc(it->rec->nf, sizeof(*amts));
	if (record_build(it->rec, x, buf, amts) == 0)
		record_write(it->rec, buf, amts);
	free(buf);
	free(amts);
}

void
items_emit(struct item *its, size_t n, const struct ectx *x)
{
	struct ectx y;
	size_t i, k;

	for (i = 0; i < n; i++) {
		struct item *it = &its[i];

		y = *x;
		if (it->each == EACH_EMPLOYEE)
			for (k = 0; k < nemps; k++) {
				y.e = emps[k];
				item_emit_one(it, &y);
			}
		else if (it->each == EACH_STATE)
			for (k = 0; k < run.nstates; k++) {
				if (!state_has(k))
					continue;
				y.state = (int)k;
				item_emit_one(it, &y);
			}
		else if (it->each == EACH_LOCAL)
			local_each(it, &y);
		else
			item_emit_one(it, &y);
	}
}
