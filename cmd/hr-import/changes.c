/*
 * changes.c: hr-import --master, personnel changes (hires, changes,
 * leavers) applied to the employee master as effective-dated history.
 *
 * The master and the change file are both sorted by employee_id, then
 * effective_date, and are merged: the rows of one employee (the master's
 * and the new ones) are held at a time, so memory does not grow with the
 * number of employees.  Master rows are written back field for field; an
 * applied change adds a row that copies the state in force on its date,
 * with the fields the change gives.  No earlier row is ever altered.  The
 * rules are in docs/import.md, "Personnel changes".
 */

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hrimport.h"

/* ------------------------------------------------------------------ */
/* Applying changes                                                   */
/* ------------------------------------------------------------------ */

static void
say(const struct chsrc *s, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prints "prog: changes:line: field 'f': message". */
static void
say(const struct chsrc *s, const char *field, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s:%lu: field '%s': ", progname, s->name,
	    s->line, field);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Rejects the change with a reason: say() it and count it. */
#define reject(g, s, ...) do {						\
	say((s), __VA_ARGS__);						\
	(g)->nrejected++;						\
} while (0)

/* Where a row's column value comes from, for messages. */
static void
origin(const struct merge *g, const struct chsrc *s, const struct hrow *h,
    size_t col, char *buf, size_t size)
{
	if (h->isnew)
		snprintf(buf, size, "%s:%lu, a change of the same day, gives",
		    s->name, h->given[col] ? h->given[col] : h->line);
	else
		snprintf(buf, size, "%s:%lu, a record of the same day, has",
		    g->mname, h->line);
}

/* Writes the employee's rows in date order and forgets them. */
static void
employee_flush(struct merge *g)
{
	size_t i = 0, j = 0;

	while (i < g->m.n || j < g->nw.n) {
		/* Never the same date: no row is made on a master row's. */
		if (j == g->nw.n || (i < g->m.n && (!g->m.v[i].dated ||
		    g->m.v[i].date < g->nw.v[j].date)))
			row_write(g, &g->m.v[i++]);
		else
			row_write(g, &g->nw.v[j++]);
	}
	g->m.n = g->nw.n = 0;
	g->cur = 0;
	g->active = 0;
}

/* Moves to employee id: writes the master up to it, and takes its rows. */
static void
employee_start(struct merge *g, const char *id, size_t idlen, int m_id,
    int m_eff)
{
	if (g->active)
		employee_flush(g);
	while (g->mhave && strcmp(g->previd.p, id) < 0)
		master_pass(g, m_id, m_eff);
	g->id.len = 0;
	sb_add(&g->id, id, idlen);
	while (g->mhave && strcmp(g->previd.p, id) == 0)
		master_take(g, m_id, m_eff);
	g->active = 1;
}

/* Checks a date a change gives; 0, or -1 after rejecting it. */
static int
check_date(struct merge *g, struct chsrc *s, int col, payroll_date *d)
{
	const char *v = g->set[col];

	if (payroll_date_parse(v, strlen(v), d) != PAYROLL_OK) {
		reject(g, s, g->cols[col], "'%.40s' is not a date YYYY-MM-DD",
		    v);
		return -1;
	}
	return 0;
}

/* The change type (when the file has one) and the values the change
 * record gives (g->set); -1 when it is rejected. */
static int
change_values(struct merge *g, struct chsrc *s, enum kind *kind)
{
	payroll_date td;
	size_t i, j;

	/* The change type, when the file has one. */
	if (g->c_type >= 0 && s->l[g->c_type] > 0) {
		const char *t = s->v[g->c_type];

		if (strcmp(t, "hire") == 0)
			*kind = K_HIRE;
		else if (strcmp(t, "change") == 0)
			*kind = K_CHANGE;
		else if (strcmp(t, "leave") == 0)
			*kind = K_LEAVE;
		else {
			reject(g, s, "change_type", "'%.40s' is not one of "
			    "hire, change, leave", t);
			return -1;
		}
	}
	/* The values it gives: empty is unchanged, the marker clears. */
	for (i = 0; i < g->ncols; i++)
		g->set[i] = NULL;
	for (j = 0; j < s->n; j++) {
		int o = g->cmap[j];

		if (o < 0 || o == g->o_id || o == g->o_eff || s->l[j] == 0)
			continue;
		g->set[o] = strcmp(s->v[j], g->marker) == 0 ? "" : s->v[j];
	}
	for (i = 0; i < g->ncols; i++)
		if (g->set[i] != NULL && *g->set[i] != '\0' &&
		    ((int)i == g->o_hire || (int)i == g->o_term) &&
		    check_date(g, s, (int)i, &td) != 0)
			return -1;
	return 0;
}

/* A change of the same day as the row in force (st): merged into it.
 * Returns 1 when applied. */
static int
apply_same_day(struct merge *g, struct chsrc *s, struct hrow *st)
{
	char where[300], va[80], vb[80];
	size_t i;
	int conflict = 0, ndiff = 0;

	/*
	 * One row a day.  A change of the same day as a master row
	 * must agree with it; one of the same day as an earlier
	 * change of this file is merged into its row unless both
	 * give a field, differently.
	 */
	for (i = 0; i < g->ncols; i++) {
		if (g->set[i] == NULL || strcmp(g->set[i],
		    hv(st, i)) == 0)
			continue;
		if (st->isnew && st->given[i] == 0) {
			ndiff++;
			continue;
		}
		origin(g, s, st, i, where, sizeof(where));
		say(s, g->cols[i], "'%s' where %s '%s': "
		    "ambiguous, not applied", show_value(g->cols[i],
		    g->set[i], strlen(g->set[i]), va, sizeof(va)),
		    where, show_value(g->cols[i], hv(st, i),
		    strlen(hv(st, i)), vb, sizeof(vb)));
		conflict = 1;
	}
	if (conflict) {
		g->nrejected++;
		return 0;
	}
	if (ndiff == 0) {
		g->nunchanged++;
		return 0;
	}
	for (i = 0; i < g->ncols; i++)
		g->vals[i] = g->set[i] != NULL ? g->set[i] : hv(st, i);
	/* vals point into st: build aside, then swap. */
	g->tmp.len = 0;
	{
		struct hrow t = *st;

		t.b = g->tmp;
		row_fill(&t, g->ncols, g->vals);
		g->tmp = st->b;
		st->b = t.b;
	}
	for (i = 0; i < g->ncols; i++)
		if (g->set[i] != NULL && st->given[i] == 0)
			st->given[i] = s->line;
	return 1;
}

/* A change from day d: a new row made from the state in force (st);
 * later, the master's next row.  Returns 1 when applied. */
static int
apply_new_row(struct merge *g, struct chsrc *s, struct hrow *st,
    const struct hrow *later, enum kind kind, payroll_date d, const char *ds)
{
	struct hrow *h;
	char upto[11], va[80], vb[80];
	size_t i;
	int ndiff = 0;

	if (kind != K_HIRE) {
		for (i = 0; i < g->ncols; i++)
			if (g->set[i] != NULL && strcmp(g->set[i],
			    hv(st, i)) != 0)
				ndiff++;
		if (ndiff == 0) {
			g->nunchanged++;
			return 0;
		}
	}
	/*
	 * A later master row keeps its own values: say so where a
	 * value this change alters does not carry on past it.
	 */
	if (later != NULL && kind != K_HIRE) {
		payroll_date_format(later->date - 1, upto,
		    sizeof(upto));
		for (i = 0; i < g->ncols; i++)
			if (g->set[i] != NULL && strcmp(g->set[i],
			    hv(st, i)) != 0 && strcmp(g->set[i],
			    hv(later, i)) != 0)
				warnx_("%s:%lu: field '%s': '%s' is "
				    "in force from %s to %s only: the "
				    "record of %.10s (%s:%lu) keeps "
				    "'%s'", s->name, s->line,
				    g->cols[i], show_value(g->cols[i],
				    g->set[i], strlen(g->set[i]), va,
				    sizeof(va)), ds, upto,
				    hv(later, g->o_eff), g->mname,
				    later->line, show_value(g->cols[i],
				    hv(later, i), strlen(hv(later, i)),
				    vb, sizeof(vb)));
	}
	for (i = 0; i < g->ncols; i++)
		g->vals[i] = g->set[i] != NULL ? g->set[i] :
		    kind == K_HIRE ? "" : hv(st, i);
	g->vals[g->o_id] = g->id.p;
	g->vals[g->o_eff] = ds;
	/*
	 * st may move when nw grows, and is not used after this; the
	 * values vals points to do not.
	 */
	h = rows_add(&g->nw, g->ncols);
	row_fill(h, g->ncols, g->vals);
	h->dated = 1;
	h->date = d;
	h->isnew = 1;
	h->line = s->line;
	for (i = 0; i < g->ncols; i++)
		if (g->set[i] != NULL)
			h->given[i] = s->line;
	g->nnew++;
	return 1;
}

/*
 * Applies the current change record of the employee g->id, effective on
 * d (text ds).
 */
static void
apply(struct merge *g, struct chsrc *s, payroll_date d, const char *ds)
{
	struct hrow *st = NULL, *h, *later = NULL;
	enum kind kind = K_AUTO;
	payroll_date td;
	size_t i;
	int known, sameday;

	if (change_values(g, s, &kind) != 0)
		return;

	/* The state in force on d: the latest row dated d or before. */
	while (g->cur < g->m.n && (!g->m.v[g->cur].dated ||
	    g->m.v[g->cur].date <= d))
		g->cur++;
	if (g->cur > 0)
		st = &g->m.v[g->cur - 1];
	if (g->nw.n > 0 && (st == NULL || !st->dated ||
	    g->nw.v[g->nw.n - 1].date > st->date))
		st = &g->nw.v[g->nw.n - 1];
	if (g->cur < g->m.n)
		later = &g->m.v[g->cur];
	known = g->m.n + g->nw.n > 0;
	sameday = st != NULL && st->dated && st->date == d;

	if (!known) {
		if (kind == K_LEAVE) {
			reject(g, s, "employee_id", "'%s' is not in the "
			    "master: a leave is for an employee there",
			    g->id.p);
			return;
		}
		if (kind == K_CHANGE) {
			reject(g, s, "employee_id", "'%s' is not in the "
			    "master: change_type 'change' is for an employee "
			    "there (a new one is a hire)", g->id.p);
			return;
		}
		kind = K_HIRE;
	} else if (st == NULL) {
		const struct hrow *f = &g->m.v[0];

		reject(g, s, "effective_date", "%s is before the first record "
		    "of '%s' (%s:%lu, from %.10s): no state in force to "
		    "change", ds, g->id.p, g->mname, f->line, hv(f, g->o_eff));
		return;
	}

	if (kind == K_LEAVE && g->o_term >= 0) {
		if (g->set[g->o_term] == NULL)
			g->set[g->o_term] = ds;
		else if (*g->set[g->o_term] == '\0') {
			reject(g, s, "termination_date", "'%s' clears it, but "
			    "a leave sets it", g->marker);
			return;
		}
	}
	if (kind == K_AUTO || kind == K_CHANGE) {
		kind = K_CHANGE;
		if (g->o_term >= 0 && g->set[g->o_term] != NULL &&
		    *g->set[g->o_term] != '\0' && *hv(st, g->o_term) == '\0')
			kind = K_LEAVE;
	}
	/*
	 * A termination date before the change's own date would leave the
	 * days between to the record before, which has none: paid in full.
	 */
	if (g->o_term >= 0 && g->set[g->o_term] != NULL &&
	    *g->set[g->o_term] != '\0' && (st == NULL ||
	    strcmp(g->set[g->o_term], hv(st, g->o_term)) != 0)) {
		(void)payroll_date_parse(g->set[g->o_term],
		    strlen(g->set[g->o_term]), &td);
		if (td < d) {
			reject(g, s, "termination_date", "%s is before the "
			    "change's effective_date %s: the days between "
			    "would be paid under the record before it (date "
			    "the change on or before the termination date)",
			    g->set[g->o_term], ds);
			return;
		}
	}

	if (kind == K_HIRE && known) {
		/* Running the same changes again: the hire is there. */
		for (i = 0; sameday && i < g->ncols; i++)
			if (g->set[i] != NULL && strcmp(g->set[i],
			    hv(st, i)) != 0)
				sameday = 0;
		if (sameday) {
			g->nunchanged++;
			return;
		}
		h = g->m.n > 0 ? &g->m.v[0] : &g->nw.v[0];
		reject(g, s, "employee_id", "'%s' already has records "
		    "(%s:%lu): a hire is for a new employee", g->id.p,
		    h->isnew ? s->name : g->mname, h->line);
		return;
	}

	if (sameday ? !apply_same_day(g, s, st) :
	    !apply_new_row(g, s, st, later, kind, d, ds))
		return;
	g->napplied++;
	if (kind == K_HIRE)
		g->nhires++;
	else if (kind == K_LEAVE)
		g->nleavers++;
}

/* Checks a change record's employee_id, effective_date and order. */
static void
change_record(struct merge *g, struct chsrc *s, int m_id, int m_eff)
{
	const char *id = s->v[g->c_id], *e = s->v[g->c_eff];
	size_t idlen = s->l[g->c_id], elen = s->l[g->c_eff];
	payroll_date d;
	char ds[11];
	int c;

	if (idlen == 0) {
		reject(g, s, "employee_id", "empty: a change names its "
		    "employee");
		return;
	}
	if (strcmp(id, g->marker) == 0) {
		reject(g, s, "employee_id", "'%s' clears a field; an "
		    "employee_id cannot be cleared", id);
		return;
	}
	if (elen == 0) {
		reject(g, s, "effective_date", "empty: a change needs the "
		    "date it takes effect");
		return;
	}
	if (payroll_date_parse(e, elen, &d) != PAYROLL_OK) {
		reject(g, s, "effective_date", "'%.40s' is not a date "
		    "YYYY-MM-DD", e);
		return;
	}
	if (g->lastline > 0) {
		c = strcmp(id, g->lastid.p);
		if (c < 0) {
			reject(g, s, "employee_id", "'%s' after '%s' (line "
			    "%lu): changes must be sorted by employee_id, then "
			    "effective_date", id, g->lastid.p, g->lastline);
			return;
		}
		if (c == 0 && d < g->lastdate) {
			payroll_date_format(g->lastdate, ds, sizeof(ds));
			reject(g, s, "effective_date", "%.10s after %s (line "
			    "%lu) for '%s': changes must be sorted by "
			    "employee_id, then effective_date", e, ds,
			    g->lastline, id);
			return;
		}
	}
	g->lastid.len = 0;
	sb_add(&g->lastid, id, idlen);
	g->lastdate = d;
	g->lastline = s->line;
	if (!g->active || strcmp(g->id.p, id) != 0)
		employee_start(g, id, idlen, m_id, m_eff);
	payroll_date_format(d, ds, sizeof(ds));
	apply(g, s, d, ds);
}

/* ------------------------------------------------------------------ */
/* The run                                                            */
/* ------------------------------------------------------------------ */

static int
col_index(char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

/* Dies when a header names a column twice. */
static void
check_unique(const char *file, char *const *names, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
				die(ST_DATA, "%s:1: column '%s' appears twice",
				    file, names[i]);
}

static void
add_col(struct merge *g, const char *name)
{
	char **v;

	if ((v = realloc(g->cols, (g->ncols + 2) * sizeof(*v))) == NULL)
		die(ST_SYSTEM, "out of memory");
	g->cols = v;
	g->cols[g->ncols++] = xstrdup(name);
}

/*
 * The change file (s): converted to UTF-8 first, as an import is, and
 * its header, bound to the map (mapfile: m, r) or canonical names.
 * Returns the converted file.
 */
static FILE *
changes_open(struct merge *g, struct chsrc *s, struct run *r, struct map *m,
    const char *mapfile, const char *enc, const char *chpath)
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	FILE *cin, *conv;
	size_t i;
	int st;

	if (mapfile != NULL) {
		map_load(mapfile, m);
		if (enc != NULL) {
			free(m->encoding);
			m->encoding = xstrdup(encoding_name(enc));
		}
	}
	s->name = chpath != NULL ? chpath : "<stdin>";
	cin = in_open(chpath);
	conv = to_utf8(cin, s->name, mapfile != NULL ? m->encoding :
	    enc != NULL ? encoding_name(enc) : "UTF-8");
	in_close(cin);
	memset(&opts, 0, sizeof(opts));
	opts.delim = mapfile != NULL ? m->delim : ',';
	opts.check_utf8 = 1;
	if (payroll_csv_open(conv, s->name, &opts, &s->csv) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	if ((st = payroll_csv_read(s->csv, &diag)) == PAYROLL_EOF)
		die(ST_DATA, "%s: empty file: no header", s->name);
	if (st != PAYROLL_OK)
		die_diag(st == PAYROLL_ESYNTAX ? ST_DATA : status_of(st),
		    &diag);
	if (mapfile != NULL) {
		r->m = m;
		r->name = s->name;
		bind_header(r, s->csv);
		s->r = r;
		s->n = m->nfields + r->npass;
		if ((s->names = calloc(s->n + 1, sizeof(*s->names))) == NULL)
			die(ST_SYSTEM, "out of memory");
		for (i = 0; i < m->nfields; i++)
			s->names[i] = xstrdup(m->fields[i].name);
		for (i = 0; i < r->npass; i++)
			s->names[m->nfields + i] =
			    xstrdup(r->hdr[r->passcol[i]]);
		g->marker = m->clear != NULL ? m->clear : "-";
	} else {
		s->n = payroll_csv_nfields(s->csv);
		if ((s->names = calloc(s->n + 1, sizeof(*s->names))) == NULL)
			die(ST_SYSTEM, "out of memory");
		for (i = 0; i < s->n; i++) {
			s->names[i] = xstrdup(payroll_csv_field(s->csv, i,
			    NULL));
			if (!snake_case(s->names[i]))
				die(ST_DATA, "%s:1: column '%s' is not a "
				    "canonical field name (snake_case): give a "
				    "map (-m)", s->name, s->names[i]);
		}
		g->marker = "-";
	}
	check_unique(s->name, s->names, s->n);
	if ((s->v = calloc(s->n + 1, sizeof(*s->v))) == NULL ||
	    (s->l = calloc(s->n + 1, sizeof(*s->l))) == NULL)
		die(ST_SYSTEM, "out of memory");
	g->c_id = col_index(s->names, s->n, "employee_id");
	g->c_eff = col_index(s->names, s->n, "effective_date");
	g->c_type = col_index(s->names, s->n, "change_type");
	if (g->c_id < 0 || g->c_eff < 0)
		die(ST_DATA, "%s:1: no column '%s', which a change needs%s",
		    s->name, g->c_id < 0 ? "employee_id" : "effective_date",
		    mapfile != NULL ? " (from the map)" : "");
	return conv;
}

/* The master (canonical CSV) and its header: its column names
 * (*mnamesp), employee_id and effective_date.  Returns it open. */
static FILE *
master_open(struct merge *g, const char *masterpath, char ***mnamesp,
    int *m_id, int *m_eff)
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	FILE *min;
	size_t i;
	int st;

	g->mname = masterpath;
	min = in_open(strcmp(masterpath, "-") == 0 ? NULL : masterpath);
	if (strcmp(masterpath, "-") == 0)
		g->mname = "<stdin>";
	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	if (payroll_csv_open(min, g->mname, &opts, &g->mcsv) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	if ((st = payroll_csv_read(g->mcsv, &diag)) == PAYROLL_EOF)
		die(ST_DATA, "%s: empty file: no header", g->mname);
	if (st != PAYROLL_OK)
		die_diag(st == PAYROLL_ESYNTAX ? ST_DATA : status_of(st),
		    &diag);
	g->nm = payroll_csv_nfields(g->mcsv);
	if ((*mnamesp = calloc(g->nm + 1, sizeof(**mnamesp))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < g->nm; i++)
		(*mnamesp)[i] = xstrdup(payroll_csv_field(g->mcsv, i, NULL));
	check_unique(g->mname, *mnamesp, g->nm);
	if ((*m_id = col_index(*mnamesp, g->nm, "employee_id")) < 0)
		die(ST_DATA, "%s:1: no column 'employee_id'", g->mname);
	*m_eff = col_index(*mnamesp, g->nm, "effective_date");
	return min;
}

/*
 * The output columns: the master's in its order, then those only the
 * changes have.  change_type describes a change, not the employee; a
 * leave needs termination_date.
 */
static void
output_columns(struct merge *g, const struct chsrc *s, char **mnames,
    int m_id)
{
	size_t i;

	for (i = 0; i < g->nm; i++)
		add_col(g, mnames[i]);
	if ((g->cmap = calloc(s->n + 1, sizeof(*g->cmap))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < s->n; i++) {
		if ((int)i == g->c_type) {
			g->cmap[i] = -1;
			continue;
		}
		if ((g->cmap[i] = col_index(g->cols, g->ncols,
		    s->names[i])) < 0) {
			add_col(g, s->names[i]);
			g->cmap[i] = (int)g->ncols - 1;
		}
	}
	if (g->c_type >= 0 && col_index(g->cols, g->ncols,
	    "termination_date") < 0)
		add_col(g, "termination_date");
	g->o_id = m_id;
	g->o_eff = col_index(g->cols, g->ncols, "effective_date");
	g->o_term = col_index(g->cols, g->ncols, "termination_date");
	g->o_hire = col_index(g->cols, g->ncols, "hire_date");
	if ((g->vals = calloc(g->ncols + 1, sizeof(*g->vals))) == NULL ||
	    (g->set = calloc(g->ncols + 1, sizeof(*g->set))) == NULL)
		die(ST_SYSTEM, "out of memory");
}

/* The counts, reconciled, into the summary; the output committed; the
 * counts on standard error unless quiet. */
static void
changes_commit(const struct merge *g, int quiet)
{
	if (g->nread != g->napplied + g->nunchanged + g->nrejected ||
	    g->nwritten != g->nmaster + g->nnew)
		die(ST_SYSTEM, "internal error: changes read %lu, applied %lu, "
		    "unchanged %lu, rejected %lu; master rows %lu, new %lu, "
		    "written %lu do not reconcile", g->nread, g->napplied,
		    g->nunchanged, g->nrejected, g->nmaster, g->nnew,
		    g->nwritten);
	sumfile_put("master_rows", "%lu", g->nmaster);
	sumfile_put("changes_read", "%lu", g->nread);
	sumfile_put("applied", "%lu", g->napplied);
	sumfile_put("unchanged", "%lu", g->nunchanged);
	sumfile_put("rejected", "%lu", g->nrejected);
	sumfile_put("new_hires", "%lu", g->nhires);
	sumfile_put("leavers", "%lu", g->nleavers);
	sumfile_put("written", "%lu", g->nwritten);
	out_commit_all_or_die();
	if (!quiet)
		fprintf(stderr, "%s: master rows %lu, changes read %lu, "
		    "applied %lu, unchanged %lu, rejected %lu, new hires %lu, "
		    "leavers %lu, rows written %lu\n", progname, g->nmaster,
		    g->nread, g->napplied, g->nunchanged, g->nrejected,
		    g->nhires, g->nleavers, g->nwritten);
}

/* Frees what a run of changes holds. */
static void
changes_release(struct merge *g, struct chsrc *s, struct run *r,
    struct map *m, char **mnames, int mapped)
{
	size_t i;

	for (i = 0; i < g->nm; i++)
		free(mnames[i]);
	free(mnames);
	for (i = 0; i < s->n; i++)
		free(s->names[i]);
	free(s->names);
	free(s->v);
	free(s->l);
	for (i = 0; i < g->ncols; i++)
		free(g->cols[i]);
	free(g->cols);
	free(g->cmap);
	free(g->vals);
	free(g->set);
	free(g->tmp.p);
	free(g->id.p);
	free(g->lastid.p);
	free(g->previd.p);
	rows_release(&g->m);
	rows_release(&g->nw);
	if (mapped) {
		run_release(r);
		map_release(m);
	}
}

int
changes_main(const char *masterpath, const char *mapfile, const char *enc,
    const char *outpath, const char *chpath, int quiet)
{
	struct outfile of;
	struct merge g;
	struct chsrc s;
	struct map m;
	struct run r;
	FILE *min, *conv;
	char **mnames;
	size_t i;
	int m_id, m_eff;

	memset(&g, 0, sizeof(g));
	memset(&s, 0, sizeof(s));
	memset(&r, 0, sizeof(r));
	memset(&m, 0, sizeof(m));

	conv = changes_open(&g, &s, &r, &m, mapfile, enc, chpath);
	min = master_open(&g, masterpath, &mnames, &m_id, &m_eff);
	output_columns(&g, &s, mnames, m_id);

	if (outpath != NULL && strcmp(outpath, "-") != 0)
		outname = outpath;
	g.w.fp = out_open(&of, outpath);	/* stdout spooled */
	for (i = 0; i < g.ncols; i++)
		mput(&g, g.cols[i], strlen(g.cols[i]));
	if (payroll_csv_endrec(&g.w) != 0)
		die(ST_SYSTEM, "%s: %s", outname, strerror(errno));

	master_next(&g, m_id, m_eff);
	while (chsrc_next(&g, &s))
		change_record(&g, &s, m_id, m_eff);
	if (g.active)
		employee_flush(&g);
	while (g.mhave)
		master_pass(&g, m_id, m_eff);

	changes_commit(&g, quiet);

	payroll_csv_free(g.mcsv);
	in_close(min);
	payroll_csv_free(s.csv);
	fclose(conv);
	changes_release(&g, &s, &r, &m, mnames, mapfile != NULL);
	return g.nrejected > 0 ? ST_DATA : ST_OK;
}
