/*
 * hrimport.h: what the parts of hr-import share.
 *
 *   main.c     options, usage, main()
 *   map.c      the map (YAML): loading, checking, releasing
 *   value.c    values: names split, decimals, dates, ids, value maps
 *   convert.c  the run: the input to UTF-8, the header bound to the
 *              map, each record converted and written
 *   changes.c  --master: personnel changes applied to the employee master
 *   master.c   --master: the rows of an employee's history, the master
 *              and the change file read in employee_id order
 */
#ifndef HRIMPORT_H
#define HRIMPORT_H

#include <stdio.h>

#include "common.h"

enum ftype { T_TEXT, T_DECIMAL, T_DATE };
enum fsrc { S_FROM, S_VALUE, S_LINE, S_RECORD };
enum part { P_NONE, P_LAST, P_FIRST, P_MIDDLE, P_SUFFIX };

/* A list of strings from the map. */
struct strs {
	char **v;
	size_t n;
};

/* One output field and how to make it. */
struct field {
	char *name;
	enum fsrc src;
	char *from;		/* S_FROM: the source column */
	int col;		/* its index in the source header */
	char *value;		/* S_VALUE: the constant */
	char *prefix, *suffix;	/* S_LINE, S_RECORD: the format around %d */
	int width, zero;
	enum ftype type;
	enum part part;
	struct strs formats;	/* date forms (else the map's) */
	struct strs mapfrom, mapto;	/* value map */
	char *def;		/* when the source value is empty */
	unsigned long line, column;	/* in the map */
};

struct map {
	const char *path;
	char *encoding;		/* an iconv name, or "auto" */
	unsigned char delim;
	char decimal;		/* '.' or ',' */
	char thousands;		/* grouping mark dropped from numbers, or 0 */
	int trim;
	int keep_unknown;
	struct strs formats;
	struct strs suffixes;
	struct field *fields;
	size_t nfields;
	int has_suffix;		/* a field takes the name suffix */
	char *clear;		/* change files: the value that clears a
				   field (NULL: "-") */
};

/* A growable byte buffer. */
struct sbuf {
	char *p;
	size_t len, cap;
};

/* convert.c: one conversion of an export (or change file) to canonical CSV. */
struct run {
	const struct map *m;
	const char *name;
	char **hdr;
	size_t nhdr;
	int *passcol;		/* unknown columns kept */
	size_t npass;
	unsigned long nread, nwritten, nerrors;
	struct sbuf val;
	size_t *off;		/* value offsets in val, per output field */
	struct payroll_csv_writer w;
};

/* main.c */
extern const char *outname;
void sb_add(struct sbuf *b, const char *s, size_t n);
char *xstrdup(const char *s);

/* map.c */
int snake_case(const char *s);
const char *encoding_name(const char *e);
void map_load(const char *path, struct map *m);
void map_release(struct map *m);

/* value.c */
int make_value(const struct map *m, const struct field *f, const char *s,
    size_t len, unsigned long line, unsigned long recno, struct sbuf *out,
    char *msg, size_t msgsize);

/* convert.c */
FILE *to_utf8(FILE *in, const char *name, const char *enc);
void bind_header(struct run *r, struct payroll_csv *csv);
void put(struct run *r, const char *s, size_t len);
void endrec(struct run *r);
int convert_record(struct run *r, struct payroll_csv *csv);
void import_record(struct run *r, struct payroll_csv *csv);
void run_release(struct run *r);

/* changes.c, master.c: --master, personnel changes applied to the
 * master as effective-dated history. */
enum kind { K_AUTO, K_HIRE, K_CHANGE, K_LEAVE };

/* One row of an employee's history: a value for each output column. */
struct hrow {
	struct sbuf b;		/* the values, each NUL-terminated */
	size_t *off;		/* where each column's value starts in b */
	unsigned long *given;	/* new rows: the change line that gave each
				   column; 0 when copied from the state */
	payroll_date date;
	int dated;		/* 0: an empty effective_date, since ever */
	int isnew;		/* made by a change of this run */
	unsigned long line;	/* the master's line, or the change's */
};

/* A list of rows whose slots are kept for the next employee. */
struct rows {
	struct hrow *v;
	size_t n, cap;
};

/* The change file, canonical or through the map. */
struct chsrc {
	struct run *r;		/* through the map; NULL: canonical */
	struct payroll_csv *csv;
	const char *name;
	size_t n;		/* columns */
	char **names;
	const char **v;		/* the current record's values */
	size_t *l;
	unsigned long line;
};

/* The merge of the master and the change file, one employee at a time. */
struct merge {
	const char *mname;	/* the master's name in messages */
	struct payroll_csv *mcsv;
	size_t nm;		/* the master's columns */
	int mhave;		/* a master record is read ahead */
	struct sbuf previd;	/* the master's order */
	payroll_date prevdate;
	int prevdated;
	unsigned long prevline;

	size_t ncols;		/* output columns: master's, then new */
	char **cols;
	int o_id, o_eff, o_term, o_hire;	/* output columns, or -1 */
	int *cmap;		/* change column -> output column, or -1 */
	int c_id, c_eff, c_type;	/* change columns, or -1 */
	const char *marker;	/* a value that clears a field */
	struct payroll_csv_writer w;

	/* The employee whose changes are being applied. */
	struct sbuf id;
	int active;
	struct rows m;		/* the master's rows */
	struct rows nw;		/* the new rows, in date order */
	size_t cur;		/* m.v[0 .. cur) are in force by now */

	/* The order of the changes. */
	struct sbuf lastid;
	payroll_date lastdate;
	unsigned long lastline;

	const char **vals;	/* scratch: ncols values */
	const char **set;	/* scratch: the values a change gives */
	struct sbuf tmp;

	unsigned long nmaster, nread, napplied, nunchanged, nrejected;
	unsigned long nhires, nleavers, nnew, nwritten;
};

/* master.c */
const char *hv(const struct hrow *h, size_t i);
struct hrow *rows_add(struct rows *rs, size_t ncols);
void rows_release(struct rows *rs);
void row_fill(struct hrow *h, size_t ncols, const char *const *vals);
void mput(struct merge *g, const char *s, size_t len);
void row_write(struct merge *g, const struct hrow *h);
void master_next(struct merge *g, int m_id, int m_eff);
void master_pass(struct merge *g, int m_id, int m_eff);
void master_take(struct merge *g, int m_id, int m_eff);
int chsrc_next(struct merge *g, struct chsrc *s);

/* changes.c */
int changes_main(const char *masterpath, const char *mapfile,
    const char *enc, const char *outpath, const char *chpath, int quiet);

#endif
