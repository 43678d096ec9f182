/*
 * export.h: what the parts of payroll-export share: the results row, the
 * run's settings and state (g), the YAML layer (yaml.c), text and money
 * formatting (text.c), and each format's begin/row/end.
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define MAXRULES 64

struct ydoc {
	const char *path;
	struct payroll_node *root;	/* the library's tree (conf.c) */
};

struct translit {
	unsigned char allowed[128];
	int upper;			/* fold a-z to A-Z after mapping */
	size_t n;
	char **from, **to;
};

/* The fields every export knows by name (besides the pack's outputs). */
enum {
	F_ID, F_LAST, F_FIRST, F_DEPT, F_JOB, F_HIRE, F_TERM, F_ROUTING,
	F_ACCOUNT, F_ACCTYPE, F_IBAN, F_BIC, F_PSTART, F_PEND, F_PAYDATE,
	F_PRENOTE, F_INST, F_TRANSIT, NFIX
};
extern const char *fixnames[NFIX];
#define NEED(f) (1u << (f))


/* A money (or info) column of the results, from the rule packs. */
struct col {
	const char *name;
	enum payroll_kind kind;
	int rule;		/* index in the rules' outputs, or -1 */
	int money;
};

/* One results row, as the formats see it.  Strings live until the next
 * row is read. */
struct row {
	const char *file;
	unsigned long line;
	const char *fx[NFIX];	/* "" when the column is absent */
	size_t fl[NFIX];
	payroll_date start, end, pay;
	int64_t *amt;		/* per column, minor units (0 for info) */
	const char **raw;	/* per column, the text */
	size_t *rawl;
};

struct format {
	const char *name;
	unsigned need;		/* fields each row must have a column for */
	int rules;		/* 2 needs --rules, 1 uses them, 0 does not */
	int company;		/* 2 needs --company, 1 uses it */
	void (*begin)(void);
	void (*row)(const struct row *);
	void (*end)(void);
};

/* A fixed-width record layout (NACHA, CPA 005): its fields. */
enum { OV_ERROR, OV_TRUNCATE, OV_KEEP_RIGHT };

struct ffield {
	int pos, len;
	int numeric;		/* digits only */
	int right;		/* right-justified */
	char fill;
	int overflow;
	const char *value;	/* a constant, or NULL */
	int data;		/* else a D_ value */
	const char *name;
};

struct frecord {
	struct ffield *f;
	size_t n;
};

struct export_run {
	const struct format *fmt;
	const char *outpath;
	const char *layout;
	const char *ytdpath;
	const char *rejpath;
	const char *pain;
	const char *effective;	/* --effective-date: NACHA settlement */
	int unchecked;		/* --unchecked: a bank file without --rules */
	int reverse;		/* --reverse: the journal reversed */
	const char *rulepaths[MAXRULES];
	size_t nrules;
	const char *argv0;	/* for the layouts beside the program */
	struct payroll_rules *rules;
	struct ydoc company;
	int have_company;
	const struct payroll_node *croot;
	int places;
	const char *currency;
	const char *company_name;
	struct col *cols;
	size_t ncols;
	int64_t *tot;		/* per money column: its total */
	int gross, net;		/* column indexes */
	struct outfile of;
	FILE *out;
	unsigned long nrows, nerrors, nskipped;
	struct paidset paid;	/* employee and pay date, once each */
	time_t now;
	payroll_date first_pay;
	payroll_date pmin, pmax;	/* earliest start, latest end */
};
extern struct export_run g;
extern struct payroll_csv_writer csvw;	/* ledger.c */

/* main.c */
void
row_error(const struct row *r, const char *field, const char *fmt, ...);
int
has(const struct row *r, int f);
const char *
id_shown(const struct row *r);
int
col_has_tag(size_t i, const char *tag);
const char *
label(const char *name, char *buf, size_t size);
void
date_str(payroll_date d, char *buf);
FILE *
open_output(void);
void row_error(const struct row *, const char *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* yaml.c */
_Noreturn void
ydie(const struct ydoc *y, const struct payroll_node *n, const char *fmt,
    ...);
void
ydoc_load(struct ydoc *y, const char *path);
void
ydoc_free(struct ydoc *y);
const struct payroll_node *
yroot(struct ydoc *y);
const struct payroll_node *
yget(struct ydoc *y, const struct payroll_node *map, const char *key);
const char *
yscalar(struct ydoc *y, const struct payroll_node *n, const char *what);
const char *
ystr(struct ydoc *y, const struct payroll_node *map, const char *key,
    int required);
const struct payroll_node *
ymap(struct ydoc *y, const struct payroll_node *map, const char *key,
    int required);
void
ykeys(struct ydoc *y, const struct payroll_node *map, const char *const *keys);
size_t
ymap_len(const struct payroll_node *map);
void
ymap_pair(struct ydoc *y, const struct payroll_node *map, size_t i,
    const struct payroll_node **k, const struct payroll_node **v);
size_t
yseq_len(const struct payroll_node *seq);
const struct payroll_node *
yseq_item(struct ydoc *y, const struct payroll_node *seq, size_t i);
long
yint(struct ydoc *y, const struct payroll_node *map, const char *key, long def,
    long max);
_Noreturn void ydie(const struct ydoc *, const struct payroll_node *,
    const char *, ...) __attribute__((format(printf, 3, 4)));

/* text.c */
char *
fmt_minor(int64_t v, char *buf, size_t size, int group);
int
parse_minor(const char *s, size_t len, int64_t *out);
int
add_minor(int64_t *acc, int64_t v);
int
aba_valid(const char *s, size_t len);
int
bic_valid(const char *s, size_t len);
size_t
utf8_len(const unsigned char *s, size_t left);
void
translit_load(struct translit *t, struct ydoc *y,
    const struct payroll_node *fmt);
int
translit(const struct translit *t, const char *s, size_t len, size_t max,
    char *out, size_t size, int *cut, char *why, size_t whysize);
size_t
ctl_len(const char *s, size_t n, int keep_space);
void
xml_puts(FILE *fp, const char *s);
void
xml_putn(FILE *fp, const char *s, size_t len);
void
spool_copy(FILE *from, FILE *to);

/* company.c */
void
company_load(const char *path);
const struct payroll_node *
company_section(const char *name);

/* ledger.c */
void
cputs(const char *s);
void
cendrec(void);
void
register_begin(void);
void
register_row(const struct row *r);
void
register_end(void);
void
journal_begin(void);
void
journal_row(const struct row *r);
void
journal_end(void);

/* nacha.c */
const char *
layout_pick(const char *name, struct ydoc *y);
int
all_digits(const char *s, size_t len);
void
nacha_begin(void);
void
nacha_row(const struct row *r);
void
nacha_end(void);

/* reversal.c */
void
reversal_run(int argc, char *argv[]);

/* sepa.c */
void
sepa_begin(void);
void
sepa_row(const struct row *r);
void
sepa_end(void);

/* cpa005.c */
void
cpa_begin(void);
void
cpa_row(const struct row *r);
void
cpa_end(void);

/* payslip.c */
void
upper(const char *s, char *buf, size_t size);
void
payslip_begin(void);
void
payslip_row(const struct row *r);
void
payslip_end(void);

/* pdf.c */
void
pdf_open(FILE *fp);
void
pdf_close(const char *what);
void
pdf_release(void);
void
slip_pdf(const struct row *r);

/* hrreport.c */
void
hr_begin(void);
void
hr_row(const struct row *r);
void
hr_end(void);

/* nacha.c, sepa.c: the bank file's entries and total in the summary */
void nacha_summary(void);
void sepa_summary(void);

#endif
