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

/* A bank format's characters: its set, case and transliteration table,
 * applied by the layout engine (libpayroll/layout.c). */
struct translit {
	struct payroll_field f;		/* charset, upper, blanks collapsed */
	struct payroll_translit tl;
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

/* A fixed-width record layout (NACHA, CPA 005): the library's fields
 * (place, type, padding, constant), and which value each takes. */
struct ffield {
	struct payroll_field lf;
	int data;		/* a D_ value, or -1 */
	long tally;		/* the engine's count or total, or -1 */
};

struct frecord {
	struct ffield *f;
	struct payroll_field **lf;	/* &f[i].lf */
	size_t n;
};

/* fixed.c */
void
fixed_load(struct ydoc *y, const struct payroll_node *root,
    struct payroll_fixed *o, struct frecord *rec,
    const char *const *names, size_t nrec, const int *lengths,
    const char *const *dnames, const int (*data)[16]);
int
fixed_format(const struct payroll_fixed *o, const struct frecord *r,
    const char *const *val, char *buf, char *why, size_t whysize);
void
fixed_write(struct payroll_fixed *o, const char *id, const char *buf);

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

/* nacha.c: the NACHA file (reversal.c, the reversing file, uses its
 * layout and state). */
/* The values a layout may name with 'data:'. */
enum {
	D_IMM_DEST, D_IMM_ORIGIN, D_CDATE, D_CTIME, D_FILE_ID, D_IMM_DEST_NAME,
	D_IMM_ORIGIN_NAME, D_REFERENCE, D_COMPANY_NAME, D_DISCRETIONARY,
	D_COMPANY_ID, D_DESC_DATE, D_EFFECTIVE, D_ODFI, D_BATCH, D_TXCODE,
	D_RDFI, D_CHECK, D_ACCOUNT, D_AMOUNT, D_INDIV_ID, D_INDIV_NAME,
	D_ENTRY_DISC, D_ADDENDA, D_TRACE, ND
};

enum { R_FILE_HEADER, R_BATCH_HEADER, R_ENTRY, R_BATCH_CONTROL,
	R_FILE_CONTROL, NREC };

/* The NACHA file being written: its layout and running state. */
struct nacha_state {
	struct ydoc y;
	const char *path;
	struct frecord rec[NREC];
	struct payroll_fixed out;	/* the file: length, blocking, count */
	struct translit tl;
	const char *tx_checking, *tx_savings, *tx_checking_pre,
	    *tx_savings_pre;
	/* the company's */
	char dest[16], origin[16], odfi[9], company_id[16];
	char dest_name[64], origin_name[64], company_name[64];
	char file_id[2];
	/* running state */
	const char *val[ND];
	unsigned long nbatches, fentries, trace;
	int64_t fcredits;		/* for the run summary */
	int inbatch;
	payroll_date batchdate;
	const char *prenote_col;
	const char *months[12];	/* for the descriptive date, or NULL */
	/* Banking days: Monday to Friday but the settlement holidays. */
	payroll_date bd_from, bd_to;
	payroll_date *hol;
	const char **holname;
	size_t nhol;
	int have_bd;
};
extern struct nacha_state na;
extern const char *const recnames[NREC];
const char *
banking_day_why(payroll_date d);
payroll_date
effective_date(payroll_date pay);
void
nacha_emit(int r);
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

/* payslip.c: the payslip formats; slip.c builds a payslip's content
 * (struct slip) from a results row, slip_text.c, slip_html.c and pdf.c
 * render it. */
/* The words of a payslip: keys of the language's 'words' map. */
enum {
	W_PAYSLIP, W_EMPLOYEE, W_EMPLOYEE_ID, W_DEPARTMENT, W_JOB_TITLE,
	W_PERIOD, W_PERIOD_RANGE, W_PAY_DATE, W_PAID_TO, W_ACCOUNT, W_CHEQUE,
	W_CURRENCY, W_EARNINGS, W_DEDUCTIONS, W_EMPLOYER, W_GROSS,
	W_TOTAL_DEDUCTIONS, W_TOTAL_EMPLOYER, W_NET, W_NET_YTD, W_THIS_PERIOD,
	W_YTD, W_NONE, W_HOURS_AT, W_HOURS, W_TOTAL_HOURS, NWORDS
};

/* One line of a payslip's section. */
struct sline {
	size_t col;		/* in g.cols */
	char label[160];
	char hours[160];	/* "160.00 hours at 25.00", or "" */
};

/* A payslip, built once from a results row for each renderer. */
struct slip {
	char id[128], name[310], dept[310], period[80], paydate[40];
	char acct[200], currency[8];
	struct sline *lines[3];	/* earnings, deductions, employer */
	size_t n[3];
	int64_t tot[3], ytot[3];
	int ytd;
	char total_hours[48];	/* "" when no line has hours */
};

/* The payslip run: output, the YTD file, the language. */
struct payslip_state {
	int html, pdf;
	int dir;		/* one file per employee */
	char *stage;		/* the staging folder inside the target */
	int stagefd;		/* open and locked while we live */
	/* the YTD file */
	FILE *yfp;
	struct payroll_csv *ycsv;
	const char *ypath;
	int *ycol;		/* per column: index in the YTD header */
	int yid, ylast;
	int yhave;
	char yidbuf[256];
	char ylastpay[16];
	int64_t *yamt;
	int *yset;
	unsigned long yline;
	char lastid[256];
	unsigned long nslips;
	/* the language */
	struct ydoc words;
	const char *w[NWORDS];
	const char *lang;
	const char *dec, *grp;	/* decimal mark, thousands separator */
	const char *datefmt;
	const char *paper;	/* a4 or letter */
	const char *currency;	/* ISO 4217 code, or "" */
	int *hcol, *rcol;	/* per column: its hours and rate columns */
	struct sline *lines;
	struct slip slip;
};
extern struct payslip_state psl;

/* payslip.c */
void
payslip_begin(void);
void
payslip_row(const struct row *r);
void
payslip_end(void);
void
ytd_next(void);

/* slip.c */
int
ytd_for(const struct row *r);
void
tmpl(char *buf, size_t size, const char *t, size_t n, const char *const *k,
    const char *const *v);
char *
fmt_money(int64_t v, char *buf, size_t size);
char *
clean(const char *s, size_t len, char *buf, size_t size);
void
slip_build(const struct row *r, int ytd);

/* slip_text.c */
void
slip_text(FILE *fp, const struct row *r);

/* slip_html.c */
extern const char slip_css[];
void
html_putn(FILE *fp, const char *s, size_t len);
void
slip_html(FILE *fp, const struct row *r);

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
