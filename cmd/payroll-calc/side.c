/*
 * side.c: the CSV inputs read beside the employee records (YTD balances,
 * variable items, results already paid), merge-joined by employee_id.
 */
#include "pc.h"

void
side_open(struct side *s, const char *path, const char *what)
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	size_t i;
	int st;

	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	s->path = path != NULL ? path : "<stdin>";
	s->fp = in_open(path);
	if (payroll_csv_open(s->fp, s->path, &opts, &s->csv) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	st = payroll_csv_read(s->csv, &diag);
	if (st == PAYROLL_EOF)
		die(ST_DATA, "%s: empty %s file: no header", s->path, what);
	if (st != PAYROLL_OK)
		die_diag(status_of(st), &diag);
	s->nnames = payroll_csv_nfields(s->csv);
	if ((s->names = calloc(s->nnames + 1, sizeof(*s->names))) == NULL)
		die(ST_SYSTEM, "out of memory");
	s->idcol = -1;
	for (i = 0; i < s->nnames; i++) {
		size_t j;

		if ((s->names[i] = strdup(payroll_csv_field(s->csv, i,
		    NULL))) == NULL)
			die(ST_SYSTEM, "out of memory");
		if (s->names[i][0] == '\0')
			die(ST_DATA, "%s:1: column %zu has an empty name",
			    s->path, i + 1);
		for (j = 0; j < i; j++)
			if (strcmp(s->names[i], s->names[j]) == 0)
				die(ST_DATA, "%s:1: duplicate column '%s'",
				    s->path, s->names[i]);
		if (strcmp(s->names[i], "employee_id") == 0)
			s->idcol = (int)i;
	}
	if (s->idcol < 0)
		die(ST_DATA, "%s:1: no column 'employee_id'", s->path);
	if ((s->f = calloc(s->nnames + 1, sizeof(*s->f))) == NULL ||
	    (s->l = calloc(s->nnames + 1, sizeof(*s->l))) == NULL)
		die(ST_SYSTEM, "out of memory");
}

/* Copies an id of any length into a buffer that grows (ids are compared
 * whole: a prefix would let a long id repeat unseen). */
void
keep(char **dst, size_t *cap, const char *s, size_t len)
{
	if (len + 1 > *cap) {
		char *p = realloc(*dst, len + 1);

		if (p == NULL)
			die(ST_SYSTEM, "out of memory");
		*dst = p;
		*cap = len + 1;
	}
	memcpy(*dst, s, len);
	(*dst)[len] = '\0';
}

/* Reads the next row of a YTD or items file and keeps a copy. */
int
side_next(struct side *s)
{
	struct payroll_diag diag;
	size_t i, n, need = 0, off = 0;
	int st;

	s->have = 0;
	if (s->csv == NULL)
		return 0;
	payroll_diag_clear(&diag);
	st = payroll_csv_read(s->csv, &diag);
	if (st == PAYROLL_EOF)
		return 0;
	if (st != PAYROLL_OK)
		die_diag(status_of(st), &diag);
	n = payroll_csv_nfields(s->csv);
	if (n != s->nnames)
		die(ST_DATA, "%s:%lu: %zu fields where the header has %zu",
		    s->path, payroll_csv_line(s->csv), n, s->nnames);
	for (i = 0; i < n; i++) {
		size_t len;

		(void)payroll_csv_field(s->csv, i, &len);
		need += len + 1;
	}
	if (need > s->store.cap) {
		char *p = realloc(s->store.p, need);

		if (p == NULL)
			die(ST_SYSTEM, "out of memory");
		s->store.p = p;
		s->store.cap = need;
	}
	for (i = 0; i < n; i++) {
		size_t len;
		const char *f = payroll_csv_field(s->csv, i, &len);

		memcpy(s->store.p + off, f, len + 1);
		s->f[i] = s->store.p + off;
		s->l[i] = len;
		off += len + 1;
	}
	s->id = (char *)s->f[s->idcol];
	s->line = payroll_csv_line(s->csv);
	s->have = 1;
	/* A merge join needs the file in employee_id order. */
	if (s->order > 0 && s->prev != NULL && s->prev[0] != '\0') {
		int c = strcmp(s->id, s->prev);

		if (c < 0 || (c == 0 && s->order == 2)) {
			char a[80], b[80];

			die(ST_DATA, "%s:%lu: employee_id '%s' %s '%s': the "
			    "file must be sorted by employee_id%s", s->path,
			    s->line, show_value("employee_id", s->id,
			    strlen(s->id), a, sizeof(a)), c < 0 ?
			    "out of order after" : "repeats",
			    show_value("employee_id", s->prev, strlen(s->prev),
			    b, sizeof(b)), s->order == 2 ?
			    ", one row per employee" : "");
		}
	}
	keep(&s->prev, &s->prevcap, s->id, s->l[s->idcol]);
	return 1;
}

void
side_close(struct side *s)
{
	size_t i;

	if (s->csv == NULL)
		return;
	payroll_csv_free(s->csv);
	in_close(s->fp);
	for (i = 0; i < s->nnames; i++)
		free(s->names[i]);
	free(s->names);
	free(s->f);
	free(s->l);
	free(s->store.p);
	free(s->prev);
}
