/*
 * hr-import: the run: the input converted to UTF-8 into an unlinked
 * temporary file, its header bound to the map, each record converted and
 * written.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hrimport.h"

/* Converts the input to UTF-8 into an unlinked temporary file. */
FILE *
to_utf8(FILE *in, const char *name, const char *enc)
{
	struct payroll_diag diag;
	FILE *fp = scratch_file();
	unsigned char bom[2];
	int st;

	if (strcmp(enc, "UTF-16") == 0) {
		/* The byte order mark says which UTF-16; without one, iconv
		 * would guess. */
		if (fread(bom, 1, 2, in) != 2 || !((bom[0] == 0xFF &&
		    bom[1] == 0xFE) || (bom[0] == 0xFE && bom[1] == 0xFF))) {
			if (ferror(in))
				die(ST_SYSTEM, "%s: %s", name, strerror(errno));
			die(ST_SYSTEM, "%s:1: no byte order mark: the map says "
			    "utf-16, which must start with one (FF FE or "
			    "FE FF)", name);
		}
		enc = bom[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
	}
	payroll_diag_clear(&diag);
	if ((st = payroll_convert_to_utf8(in, name, enc, fp, &diag)) != 0) {
		if (strcmp(diag.file, "<output>") == 0)
			die(ST_SYSTEM, "temporary file: %s", diag.msg);
		die_diag(ST_SYSTEM, &diag);
	}
	if (fflush(fp) == EOF || ferror(fp))
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	rewind(fp);
	return fp;
}

void
bind_header(struct run *r, struct payroll_csv *csv)
{
	const struct map *m = r->m;
	size_t i, j;
	/* static: still reachable, not leaked, when a die() below ends
	 * the run (LeakSanitizer) */
	static char *used;

	r->nhdr = payroll_csv_nfields(csv);
	if ((r->hdr = calloc(r->nhdr + 1, sizeof(*r->hdr))) == NULL ||
	    (r->passcol = calloc(r->nhdr + 1, sizeof(*r->passcol))) == NULL ||
	    (used = calloc(r->nhdr + 1, 1)) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < r->nhdr; i++) {
		size_t len;
		const char *h = payroll_csv_field(csv, i, &len);

		while (len > 0 && (*h == ' ' || *h == '\t')) {
			h++;
			len--;
		}
		while (len > 0 && (h[len - 1] == ' ' || h[len - 1] == '\t'))
			len--;
		if ((r->hdr[i] = strndup(h, len)) == NULL)
			die(ST_SYSTEM, "out of memory");
	}
	for (i = 0; i < m->nfields; i++) {
		struct field *f = &m->fields[i];

		if (f->src != S_FROM)
			continue;
		for (j = 0; j < r->nhdr; j++)
			if (strcmp(r->hdr[j], f->from) == 0) {
				if (f->col >= 0)
					die(ST_DATA, "%s:1: column '%s' "
					    "appears "
					    "twice, so the map's field '%s' "
					    "(%s:%lu) is ambiguous", r->name,
					    f->from, f->name, m->path, f->line);
				f->col = (int)j;
				used[j] = 1;
			}
		if (f->col < 0)
			die(ST_DATA, "%s:1: no column '%s', which the map's "
			    "field '%s' takes (%s:%lu:%lu)", r->name, f->from,
			    f->name, m->path, f->line, f->column);
	}
	if (m->keep_unknown)
		for (j = 0; j < r->nhdr; j++) {
			char *p;

			if (used[j])
				continue;
			/* snake_case the name: lower case, _ for the rest */
			for (p = r->hdr[j]; *p != '\0'; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
				else if (!((*p >= 'a' && *p <= 'z') ||
				    (*p >= '0' && *p <= '9')))
					*p = '_';
			if (r->hdr[j][0] == '\0' || !snake_case(r->hdr[j]))
				die(ST_DATA, "%s:1: column %zu: no snake_case "
				    "name can be made of '%s' (map it by name "
				    "or drop unknown columns)", r->name, j + 1,
				    r->hdr[j]);
			for (i = 0; i < m->nfields; i++)
				if (strcmp(m->fields[i].name, r->hdr[j]) == 0)
					die(ST_DATA, "%s:1: column %zu becomes "
					    "'%s', which the map also makes",
					    r->name, j + 1, r->hdr[j]);
			for (i = 0; i < r->npass; i++)
				if (strcmp(r->hdr[r->passcol[i]],
				    r->hdr[j]) == 0)
					die(ST_DATA, "%s:1: two columns become "
					    "'%s'", r->name, r->hdr[j]);
			r->passcol[r->npass++] = (int)j;
		}
	free(used);
	if ((r->off = calloc(m->nfields + r->npass + 1, sizeof(*r->off))) ==
	    NULL)
		die(ST_SYSTEM, "out of memory");
}

void
put(struct run *r, const char *s, size_t len)
{
	if (payroll_csv_put(&r->w, s, len) != 0)
		die(ST_SYSTEM, "%s: %s", outname, strerror(errno));
}

void
endrec(struct run *r)
{
	if (payroll_csv_endrec(&r->w) != 0)
		die(ST_SYSTEM, "%s: %s", outname, strerror(errno));
}

/*
 * Converts the current record as the map says: the values of the map's
 * fields, then of the kept columns, each NUL-terminated in r->val at
 * r->off[i].  Returns 0, or -1 after reporting why (file:line).
 */
int
convert_record(struct run *r, struct payroll_csv *csv)
{
	const struct map *m = r->m;
	unsigned long line = payroll_csv_line(csv);
	size_t i, n = payroll_csv_nfields(csv);
	char msg[300];
	int bad = 0;

	if (n != r->nhdr) {
		warnx_("%s:%lu: %zu fields where the header has %zu", r->name,
		    line, n, r->nhdr);
		return -1;
	}
	r->val.len = 0;
	for (i = 0; i < m->nfields; i++) {
		const struct field *f = &m->fields[i];
		const char *s = "";
		size_t len = 0;

		if (f->col >= 0)
			s = payroll_csv_field(csv, (size_t)f->col, &len);
		r->off[i] = r->val.len;
		if (make_value(m, f, s, len, line, r->nread, &r->val, msg,
		    sizeof(msg)) != 0) {
			warnx_("%s:%lu: field '%s': %s", r->name, line, f->from,
			    msg);
			bad = 1;
		}
		sb_add(&r->val, "", 1);	/* a NUL between values */
	}
	if (bad)
		return -1;
	for (i = 0; i < r->npass; i++) {
		size_t len;
		const char *s = payroll_csv_field(csv, (size_t)r->passcol[i],
		    &len);

		if (m->trim) {
			while (len > 0 && (*s == ' ' || *s == '\t')) {
				s++;
				len--;
			}
			while (len > 0 && (s[len - 1] == ' ' ||
			    s[len - 1] == '\t'))
				len--;
		}
		r->off[m->nfields + i] = r->val.len;
		sb_add(&r->val, s, len);
		sb_add(&r->val, "", 1);
	}
	return 0;
}

void
import_record(struct run *r, struct payroll_csv *csv)
{
	size_t i;

	if (convert_record(r, csv) != 0) {
		r->nerrors++;
		return;
	}
	for (i = 0; i < r->m->nfields + r->npass; i++)
		put(r, r->val.p + r->off[i], strlen(r->val.p + r->off[i]));
	endrec(r);
	r->nwritten++;
}

void
run_release(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nhdr; i++)
		free(r->hdr[i]);
	free(r->hdr);
	free(r->passcol);
	free(r->off);
	free(r->val.p);
}
