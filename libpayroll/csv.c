/*
 * csv.c: a pull-style streaming CSV reader on libcsv, and an RFC 4180
 * writer.
 *
 * libcsv pushes fields and record ends through callbacks while it parses a
 * block.  We feed it one block at a time and queue the records the block
 * completes; payroll_csv_read() hands them out one by one and reads the
 * next block when the queue is empty.  Memory is bounded by the block size
 * and the longest record, never by the number of records.
 *
 * Line numbers: with CSV_REPALL_NL libcsv reports every line end, so we
 * count them (a CR LF pair once) plus the line ends inside quoted fields.
 */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define BLOCK 65536
#define DEFAULT_MAX_FIELD (1024 * 1024)
#define DEFAULT_MAX_FIELDS 10000

struct rec {
	size_t first;		/* index of its first field */
	size_t nfields;
	unsigned long line;
	int status;		/* PAYROLL_OK, or an error for this record */
	char msg[160];
};

struct payroll_csv {
	FILE *fp;
	char *name;
	struct csv_parser parser;
	struct payroll_csv_opts opts;
	unsigned char block[BLOCK];

	struct buf data;	/* field bytes, each NUL-terminated */
	size_t *fofs, *flen;	/* per queued field */
	size_t nf, capf;
	struct rec *recs;	/* queued records */
	size_t nrec, caprec, cur;

	/* The record being assembled. */
	size_t rfirst, rnf;
	unsigned long rline;
	int rstatus;
	char rmsg[160];

	unsigned long lines;	/* line ends before the current record */
	unsigned long pending;	/* line ends inside its fields */
	int after_cr;
	int started;		/* BOM checked */
	int toolong;		/* the field being parsed was cut short */
	int eof;
	int fatal;		/* a sticky error (I/O, malformed CSV) */
	/* The header's names, for messages about later records. */
	char **hdr;
	size_t nhdr;
	int hdrdone;
	int nomem;
	unsigned long fatal_line;
	char fatal_msg[200];

	/* The record handed out. */
	struct rec *out;
};

static void
rec_error(struct payroll_csv *r, int status, const char *msg)
{
	if (r->rstatus != PAYROLL_OK)
		return;	/* keep the first */
	r->rstatus = status;
	snprintf(r->rmsg, sizeof(r->rmsg), "%s", msg);
}

static void
field_cb(void *s, size_t len, void *vr)
{
	struct payroll_csv *r = vr;
	const char *p = s != NULL ? s : "";
	size_t i;

	if (r->nomem)
		return;
	if (r->rnf == 0) {
		r->rline = r->lines + 1;
		r->rfirst = r->nf;
		r->rstatus = PAYROLL_OK;
		r->rmsg[0] = '\0';
	}
	for (i = 0; i < len; i++)
		if (p[i] == '\n')
			r->pending++;
	if (r->toolong) {
		/* Its start was dropped in fill(): refuse the record. */
		r->toolong = 0;
		rec_error(r, PAYROLL_ELIMIT, "field longer than the limit");
		len = 0;
	}
	if (r->rnf >= r->opts.max_fields) {
		if (r->rnf == r->opts.max_fields)
			rec_error(r, PAYROLL_ELIMIT, "too many fields");
		r->rnf++;
		return;
	}
	if (len > r->opts.max_field) {
		rec_error(r, PAYROLL_ELIMIT, "field longer than the limit");
		len = 0;
	}
	if (r->opts.check_utf8 && (memchr(p, '\0', len) != NULL ||
	    !payroll_utf8_valid(p, len))) {
		char m[160];

		if (r->rnf < r->nhdr)
			snprintf(m, sizeof(m), "field '%.80s' (column %zu): "
			    "invalid UTF-8 or NUL byte", r->hdr[r->rnf],
			    r->rnf + 1);
		else
			snprintf(m, sizeof(m), "%scolumn %zu: invalid UTF-8 or "
			    "NUL byte", r->hdrdone ? "" : "header, ",
			    r->rnf + 1);
		rec_error(r, PAYROLL_EENCODING, m);
	}
	if (r->nf == r->capf) {
		size_t n = r->capf ? r->capf * 2 : 256;
		size_t *a = xreallocarray(r->fofs, n, sizeof(*a));
		size_t *b;

		if (a == NULL) {
			r->nomem = 1;
			return;
		}
		r->fofs = a;
		if ((b = xreallocarray(r->flen, n, sizeof(*b))) == NULL) {
			r->nomem = 1;
			return;
		}
		r->flen = b;
		r->capf = n;
	}
	r->fofs[r->nf] = r->data.len;
	r->flen[r->nf] = len;
	if (buf_grow(&r->data, len + 1) != 0) {
		r->nomem = 1;
		return;
	}
	memcpy(r->data.p + r->data.len, p, len);
	r->data.p[r->data.len + len] = '\0';
	r->data.len += len + 1;
	r->nf++;
	r->rnf++;
}

static void
record_cb(int c, void *vr)
{
	struct payroll_csv *r = vr;
	struct rec *rec;

	if (r->nomem)
		return;
	if (r->rnf == 0) {
		/* A line end outside a record: a blank line, or the LF of
		 * a CR LF pair. */
		if (c == '\n' && r->after_cr)
			r->after_cr = 0;
		else if (c == '\n' || c == '\r') {
			r->lines++;
			r->after_cr = c == '\r';
		}
		return;
	}
	r->lines += r->pending + (c == '\n' || c == '\r');
	r->pending = 0;
	r->after_cr = c == '\r';
	if (r->nrec == r->caprec) {
		size_t n = r->caprec ? r->caprec * 2 : 64;
		struct rec *a = xreallocarray(r->recs, n, sizeof(*a));

		if (a == NULL) {
			r->nomem = 1;
			return;
		}
		r->recs = a;
		r->caprec = n;
	}
	rec = &r->recs[r->nrec++];
	rec->first = r->rfirst;
	rec->nfields = r->rnf > r->opts.max_fields ? r->opts.max_fields :
	    r->rnf;
	rec->line = r->rline;
	rec->status = r->rstatus;
	memcpy(rec->msg, r->rmsg, sizeof(rec->msg));
	if (!r->hdrdone) {
		/* The first record is the header: keep its names. */
		size_t i;

		r->hdrdone = 1;
		if (rec->status == PAYROLL_OK && (r->hdr = xreallocarray(NULL,
		    rec->nfields + 1, sizeof(*r->hdr))) != NULL)
			for (i = 0; i < rec->nfields; i++) {
				if ((r->hdr[i] = strdup(r->data.p +
				    r->fofs[rec->first + i])) == NULL) {
					r->nomem = 1;
					break;
				}
				r->nhdr = i + 1;
			}
		else if (rec->status == PAYROLL_OK)
			r->nomem = 1;
	}
	r->rnf = 0;
}

static int
space_none(unsigned char c)
{
	(void)c;
	return 0;
}

int
payroll_csv_open(FILE *fp, const char *name,
    const struct payroll_csv_opts *opts, struct payroll_csv **out)
{
	struct payroll_csv *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return PAYROLL_ENOMEM;
	if (opts != NULL)
		r->opts = *opts;
	if (r->opts.delim == 0)
		r->opts.delim = ',';
	if (r->opts.max_field == 0)
		r->opts.max_field = DEFAULT_MAX_FIELD;
	if (r->opts.max_fields == 0)
		r->opts.max_fields = DEFAULT_MAX_FIELDS;
	if ((r->name = strdup(name)) == NULL ||
	    csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_REPALL_NL) != 0) {
		free(r->name);
		free(r);
		return PAYROLL_ENOMEM;
	}
	csv_set_delim(&r->parser, r->opts.delim);
	csv_set_space_func(&r->parser, space_none);
	r->fp = fp;
	*out = r;
	return PAYROLL_OK;
}

void
payroll_csv_free(struct payroll_csv *r)
{
	if (r == NULL)
		return;
	csv_free(&r->parser);
	buf_release(&r->data);
	free(r->fofs);
	free(r->flen);
	free(r->recs);
	free(r->name);
	while (r->nhdr > 0)
		free(r->hdr[--r->nhdr]);
	free(r->hdr);
	free(r);
}

/* The line of a libcsv parse error: that of the record it broke. */
static unsigned long
error_line(struct payroll_csv *r)
{
	return r->rnf > 0 ? r->rline : r->lines + 1;
}

static void
set_fatal(struct payroll_csv *r, int status, unsigned long line,
    const char *msg)
{
	r->fatal = status;
	r->fatal_line = line;
	snprintf(r->fatal_msg, sizeof(r->fatal_msg), "%s", msg);
}

/* Drops the records handed out, keeping the one being assembled. */
static void
compact(struct payroll_csv *r)
{
	size_t keep_from, shift, i;

	r->nrec = 0;
	r->cur = 0;
	if (r->rnf == 0 || r->rnf > r->nf) {
		r->nf = 0;
		r->data.len = 0;
		return;
	}
	keep_from = r->rfirst;
	shift = r->fofs[keep_from];
	memmove(r->data.p, r->data.p + shift, r->data.len - shift);
	r->data.len -= shift;
	for (i = keep_from; i < r->nf; i++) {
		r->fofs[i - keep_from] = r->fofs[i] - shift;
		r->flen[i - keep_from] = r->flen[i];
	}
	r->nf -= keep_from;
	r->rfirst = 0;
}

static int
fill(struct payroll_csv *r)
{
	size_t n, done;
	unsigned char *p;

	compact(r);
	while (r->nrec == 0 && !r->eof) {
		n = fread(r->block, 1, BLOCK, r->fp);
		if (n < BLOCK && ferror(r->fp)) {
			set_fatal(r, PAYROLL_EIO, 0, strerror(errno));
			return r->fatal;
		}
		p = r->block;
		if (!r->started && n > 0) {
			r->started = 1;
			if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB &&
			    p[2] == 0xBF) {
				if (!r->opts.allow_bom) {
					set_fatal(r, PAYROLL_EENCODING, 1,
					    "byte order mark at the start: "
					    "canonical CSV has none (convert "
					    "with hr-import)");
					return r->fatal;
				}
				p += 3;
				n -= 3;
			}
		}
		if (n == 0) {
			r->eof = 1;
			if (csv_fini(&r->parser, field_cb, record_cb, r) != 0) {
				set_fatal(r, PAYROLL_ESYNTAX,
				    r->rnf ? r->rline : r->lines + 1,
				    "unterminated quoted field at end of input");
				return r->fatal;
			}
			if (r->nomem) {
				set_fatal(r, PAYROLL_ENOMEM, 0, "out of memory");
				return r->fatal;
			}
			break;
		}
		done = csv_parse(&r->parser, p, n, field_cb, record_cb, r);
		if (r->nomem || (done != n &&
		    csv_error(&r->parser) == CSV_ENOMEM)) {
			set_fatal(r, PAYROLL_ENOMEM, 0, "out of memory");
			return r->fatal;
		}
		if (done != n) {
			set_fatal(r, PAYROLL_ESYNTAX, error_line(r),
			    csv_error(&r->parser) == CSV_EPARSE ?
			    "malformed quoting (a quote inside an unquoted "
			    "field, or text after a closing quote)" :
			    csv_strerror(csv_error(&r->parser)));
			return r->fatal;
		}
		if (r->parser.entry_pos > r->opts.max_field) {
			/*
			 * A field longer than the limit and still growing: drop
			 * what libcsv holds of it (counting its line ends), so
			 * that memory stays bounded, and refuse its record when
			 * it ends.  The reader goes on with the next record; a
			 * sticky error here made callers that skip bad records
			 * loop for ever.
			 */
			size_t i, keep = r->parser.spaces + 1, drop;

			/* libcsv may take back its last spaces + 1 bytes (a
			 * quote that might close the field): keep those. */
			if (keep > r->parser.entry_pos)
				keep = r->parser.entry_pos;
			drop = r->parser.entry_pos - keep;
			for (i = 0; i < drop; i++)
				if (r->parser.entry_buf[i] == '\n')
					r->pending++;
			memmove(r->parser.entry_buf, r->parser.entry_buf + drop,
			    keep);
			r->parser.entry_pos = keep;
			r->toolong = 1;
		}
	}
	return PAYROLL_OK;
}

int
payroll_csv_read(struct payroll_csv *r, struct payroll_diag *diag)
{
	struct rec *rec;
	int st;

	r->out = NULL;
	if (!r->fatal && r->cur >= r->nrec && (st = fill(r)) != 0)
		(void)st;
	/* Records completed before a fatal error in the same block are
	 * good: hand them out first, then report the error. */
	if (r->fatal && r->cur >= r->nrec) {
		diag_set(diag, r->name, r->fatal_line, 0, NULL, "%s",
		    r->fatal_msg);
		return r->fatal;
	}
	if (r->cur >= r->nrec)
		return PAYROLL_EOF;
	rec = &r->recs[r->cur++];
	r->out = rec;
	if (rec->status != PAYROLL_OK) {
		diag_set(diag, r->name, rec->line, 0, NULL, "%s", rec->msg);
		return rec->status == PAYROLL_ELIMIT ? PAYROLL_ELIMIT :
		    rec->status;
	}
	return PAYROLL_OK;
}

size_t
payroll_csv_nfields(const struct payroll_csv *r)
{
	return r->out != NULL ? r->out->nfields : 0;
}

const char *
payroll_csv_field(const struct payroll_csv *r, size_t i, size_t *len)
{
	size_t k;

	if (r->out == NULL || i >= r->out->nfields) {
		if (len != NULL)
			*len = 0;
		return "";
	}
	k = r->out->first + i;
	if (len != NULL)
		*len = r->flen[k];
	return r->data.p + r->fofs[k];
}

unsigned long
payroll_csv_line(const struct payroll_csv *r)
{
	return r->out != NULL ? r->out->line : 0;
}

const char *
payroll_csv_name(const struct payroll_csv *r)
{
	return r->name;
}

/* Whether s looks like a number (so a leading '-' is not a formula). */
static int
numeric(const char *s, size_t len)
{
	struct payroll_dec d;

	return payroll_dec_parse(s, len, &d) == PAYROLL_OK;
}

/* Moves what the writer gathered to its FILE. */
static int
wflush(struct payroll_csv_writer *w)
{
	if (w->len > 0 && fwrite_unlocked(w->buf, 1, w->len, w->fp) != w->len)
		return PAYROLL_EIO;
	w->len = 0;
	return PAYROLL_OK;
}

/* Appends n bytes to the record being gathered. */
static int
wadd(struct payroll_csv_writer *w, const char *s, size_t n)
{
	if (w->len + n > sizeof(w->buf)) {
		if (wflush(w) != PAYROLL_OK)
			return PAYROLL_EIO;
		if (n > sizeof(w->buf))
			return fwrite_unlocked(s, 1, n, w->fp) == n ?
			    PAYROLL_OK : PAYROLL_EIO;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	return PAYROLL_OK;
}

int
payroll_csv_put(struct payroll_csv_writer *w, const char *s, size_t len)
{
	char delim = (char)(w->delim ? w->delim : ',');
	int guard = 0;
	size_t i, start;

	if (w->nfield++ > 0 && wadd(w, &delim, 1) != PAYROLL_OK)
		return PAYROLL_EIO;
	if (w->neutralise && len > 0 && strchr("=+-@\t\r", s[0]) != NULL &&
	    !numeric(s, len))
		guard = 1;
	for (i = 0; i < len; i++)
		if (s[i] == delim || s[i] == '"' || s[i] == '\n' ||
		    s[i] == '\r')
			break;
	if (i == len) {
		if ((guard && wadd(w, "'", 1) != PAYROLL_OK) ||
		    wadd(w, s, len) != PAYROLL_OK)
			return PAYROLL_EIO;
		return PAYROLL_OK;
	}
	if (wadd(w, "\"", 1) != PAYROLL_OK ||
	    (guard && wadd(w, "'", 1) != PAYROLL_OK))
		return PAYROLL_EIO;
	/* Copy runs between quotes; each quote is written twice. */
	for (start = 0, i = 0; i < len; i++)
		if (s[i] == '"') {
			if (wadd(w, s + start, i + 1 - start) != PAYROLL_OK)
				return PAYROLL_EIO;
			start = i;
		}
	if (wadd(w, s + start, len - start) != PAYROLL_OK ||
	    wadd(w, "\"", 1) != PAYROLL_OK)
		return PAYROLL_EIO;
	return PAYROLL_OK;
}

int
payroll_csv_puts(struct payroll_csv_writer *w, const char *s)
{
	return payroll_csv_put(w, s, strlen(s));
}

int
payroll_csv_endrec(struct payroll_csv_writer *w)
{
	w->nfield = 0;
	if (wadd(w, "\n", 1) != PAYROLL_OK)
		return PAYROLL_EIO;
	return wflush(w);
}
