/*
 * fixed.c: the fixed-width bank files' records (NACHA, CPA 005): their
 * layout read into the library's fields (libpayroll/layout.c), and a
 * record laid out from the values the format supplies by name.
 */
#include "export.h"

/*
 * Reads the records names[0..nrec-1] of a layout into rec[] and the
 * engine's file o: each a list of fields {pos, len, name, type, align,
 * fill, overflow, and one of value (a constant), data (one of the names
 * data[r] lists, ending in -1, of dnames) or a count or total the engine
 * keeps (count, total, since, where, blocks)} that tile 1..lengths[r].
 */
void
fixed_load(struct ydoc *y, const struct payroll_node *root,
    struct payroll_fixed *o, struct frecord *rec,
    const char *const *names, size_t nrec, const int *lengths,
    const char *const *dnames, const int (*data)[16])
{
	static const char *const fkeys[] = { "pos", "len", "name", "type",
	    "value", "data", "align", "fill", "overflow", "count", "total",
	    "since", "where", "blocks", NULL };
	/* Bank files: the values come shaped (nacha.c, cpa005.c); the
	 * layout says where they go and how they are padded. */
	static const struct payroll_field_defaults def = { 1, 0,
	    PAYROLL_OV_ERROR, 0, 0 };
	const struct payroll_node *recs = ymap(y, root, "records", 1);
	const struct payroll_node *seq, *fn;
	struct payroll_diag diag;
	size_t r, i, d;

	for (r = 0; r < nrec; r++) {
		if ((seq = yget(y, recs, names[r])) == NULL ||
		    seq->type != PAYROLL_NODE_SEQUENCE)
			ydie(y, recs, "no '%s' record (a list of fields)",
			    names[r]);
		rec[r].n = yseq_len(seq);
		if ((rec[r].f = calloc(rec[r].n + 1, sizeof(*rec[r].f))) ==
		    NULL || (rec[r].lf = calloc(rec[r].n + 1,
		    sizeof(*rec[r].lf))) == NULL)
			die(ST_SYSTEM, "out of memory");
		for (i = 0; i < rec[r].n; i++) {
			struct ffield *f = &rec[r].f[i];
			const char *s;

			fn = yseq_item(y, seq, i);
			if (fn->type != PAYROLL_NODE_MAPPING)
				ydie(y, fn, "a field is a mapping {pos, len, "
				    "...}");
			ykeys(y, fn, fkeys);
			diag_ok(payroll_field_compile(&f->lf, fn, &def, NULL,
			    &diag), &diag);
			rec[r].lf[i] = &f->lf;
			s = ystr(y, fn, "data", 0);
			f->data = -1;
			f->tally = -1;
			for (d = 0; s != NULL && data[r][d] >= 0; d++)
				if (strcmp(dnames[data[r][d]], s) == 0)
					f->data = data[r][d];
			if (s != NULL && f->data < 0)
				ydie(y, fn, "unknown data '%s' in a %s record",
				    s, names[r]);
		}
		diag_ok(payroll_record_check(rec[r].lf, rec[r].n, lengths[r], 1,
		    names[r], &diag), &diag);
		if (payroll_fixed_record(o, names[r], rec[r].lf, rec[r].n) !=
		    PAYROLL_OK)
			die(ST_SYSTEM, "out of memory");
	}
	/* Counts and totals, once every record is known. */
	for (r = 0; r < nrec; r++)
		for (i = 0; i < rec[r].n; i++) {
			struct ffield *f = &rec[r].f[i];

			fn = f->lf.node;
			diag_ok(payroll_fixed_tally(o, fn, &f->tally, &diag),
			    &diag);
			if ((f->lf.value != NULL) + (f->data >= 0) +
			    (f->tally >= 0) != 1)
				ydie(y, fn, "field '%s' needs one of 'value', "
				    "'data' or a count or total", f->lf.name);
		}
}

/*
 * Lays out record r into buf (at least its length) from its constants
 * and val[] (by data name index).  Returns 0, or -1 with why filled when
 * a value is not what its field takes or does not fit.
 */
int
fixed_format(const struct payroll_fixed *o, const struct frecord *r,
    const char *const *val, char *buf, char *why, size_t whysize)
{
	char text[1024], w[600], num[48];
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct ffield *f = &r->f[i];
		const char *v = f->lf.value != NULL ? f->lf.value :
		    f->tally >= 0 ? payroll_fixed_tally_text(o,
		    (size_t)f->tally, num, sizeof(num)) : val[f->data];

		if (payroll_field_text(&f->lf, NULL, v, NULL, text,
		    sizeof(text), w, sizeof(w)) != 0) {
			snprintf(why, whysize, "%s: %s", f->lf.name, w);
			return -1;
		}
		payroll_field_place(&f->lf, buf, text);
	}
	return 0;
}

/* Writes laid-out record id; dies on a write error or a total that
 * overflows. */
void
fixed_write(struct payroll_fixed *o, const char *id, const char *buf)
{
	int st;

	o->fp = g.out;
	if ((st = payroll_fixed_write(o, id, buf, NULL, NULL, 0)) ==
	    PAYROLL_ERANGE)
		die(ST_DATA, "%s record: a count or total of the file "
		    "overflows", id);
	if (st != PAYROLL_OK)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
}
