/*
 * hrimport.h: what the parts of hr-import share.
 *
 *   main.c     options, usage, main()
 *   map.c      the map (YAML): loading, checking, releasing
 *   value.c    values: names split, decimals, dates, ids, value maps
 *   convert.c  the run: the input to UTF-8, the header bound to the
 *              map, each record converted and written
 *   changes.c  --master: personnel changes applied to the employee master
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

/* changes.c */
int changes_main(const char *masterpath, const char *mapfile,
    const char *enc, const char *outpath, const char *chpath, int quiet);

#endif
