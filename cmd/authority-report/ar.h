/*
 * ar.h: what the parts of authority-report share.  One file per concern:
 *
 *   main.c     options, the period, the employer, main()
 *   util.c     memory, growing strings, money in cents
 *   yaml.c     YAML files (layouts, employer.yaml, packs) into a tree
 *   layout.c   finding, checking and compiling a form's layout
 *   results.c  the results files in: columns, employees, sums
 *   src.c      sources: where a value comes from, and its evaluation
 *   field.c    fields: a value formatted as the format wants it
 *   fixed.c    fixed-width records (EFW2, EFW2C, state wage reports)
 *   lines.c    lines of a form worked out by a rule pack (941, 940)
 *   f940.c     the FUTA facts of a year (Form 940, Schedule A)
 *   corr.c     corrections (941-X, W-2c): the original results
 *   local.c    local income taxes (a layout's 'localities')
 *   table.c    tables (CSV, one row per state, employee or locality)
 *   xml.c      XML filings (UK RTI FPS and EPS, T4): the elements'
 *              values and conditions for the library's XML walker
 *
 * Nothing about any form is in the C code: each form is a layout under
 * rules/formats/FORM/YEAR.yaml.  See docs/filings.md.
 */
#ifndef AR_H
#define AR_H

#include <regex.h>
#include <stdint.h>
#include <stdio.h>

#include "common.h"

#define MAXRULES 64
#define MAXFILES 1024

/* util.c: a growing string. */
struct sbuf {
	char *p;
	size_t len, cap;
};

/* yaml.c: a YAML document as the library's tree (struct payroll_node,
 * conf.c), with places for diagnostics. */
#define ynode payroll_node
#define Y_SCALAR PAYROLL_NODE_SCALAR
#define Y_SEQ PAYROLL_NODE_SEQUENCE
#define Y_MAP PAYROLL_NODE_MAPPING

/* results.c: the results columns a layout uses, and the employees. */
struct column {
	char *name;
	int money;		/* summed */
	int text;		/* kept as text, from the employee's last row */
	int required;		/* some use needs the column */
	int seen;		/* some results file has it */
	int64_t month[3];	/* by month of the quarter of the pay date */
	int64_t omonth[3];	/* the same, of the original results */
};

struct emp {
	char *id;
	int64_t *amt;		/* sums in the period, per column */
	int64_t *hist;		/* sums before the period in the year */
	char **text;		/* from the last row in the period */
	payroll_date last;	/* pay date of that row */
	const char *file;	/* and where it is */
	unsigned long line;
	unsigned covers;	/* bit k: a period covering covering[k] */
	int inperiod;		/* has a row in the period */
	int64_t futaq[4];	/* f940.c: FUTA payments by quarter */
	int64_t *orig;		/* corr.c: sums of the original results */
	int inorig;		/* has a row in the original results */
	unsigned ocovers;	/* covers, in the original results */
	payroll_date olast;	/* pay date of the last original row */
	size_t *loc;		/* local.c: its localities (lbk indices) */
	size_t nloc;
};

/* src.c: where a value comes from. */
enum srckind {
	S_BLANK, S_CONST, S_EMPLOYER, S_COLUMN, S_SUM, S_TOTAL, S_COUNT,
	S_STATE, S_PERIOD, S_PARAM, S_ID, S_FLAG, S_LINE, S_LOCAL
};

/* Parts of the year an amount covers. */
enum { A_PERIOD = 1, A_HIST = 2, A_ORIG = 4 };

struct colset {
	size_t *c;
	size_t n;
};

struct record;

struct src {
	enum srckind kind;
	const struct ynode *node;
	const char *arg;
	const struct ynode *tags;	/* S_SUM by tags ({state} in them) */
	struct colset plain;		/* S_SUM by names; S_COLUMN */
	struct colset *bystate;		/* S_SUM by tags: [nstates + 1] */
	int parts;			/* A_PERIOD | A_HIST */
	int optional;
	struct record *rec;		/* S_TOTAL, S_COUNT */
	size_t fno;			/* S_TOTAL */
	struct src *less;		/* S_SUM: amounts taken off */
	size_t nless;
	int64_t base;			/* S_PARAM: cents */
	const struct ynode *map;	/* a value map applied to text */
};

enum { V_TEXT, V_AMOUNT, V_INT };

struct val {
	int type;
	int64_t amt;		/* cents, or a whole number */
	const char *text;
	char buf[64];
};

struct lbucket;

struct ectx {
	struct emp *e;		/* NULL: every employee */
	int state;		/* -1: none */
	const struct lbucket *loc;	/* local.c: a locality, or NULL */
};

/* field.c: a field of a layout: the library's (struct payroll_field:
 * place, type, padding, character set) and where its value comes from,
 * with this tool's checks. */
struct field {
	struct payroll_field lf;
	struct src src;
	int required;
	int omit;		/* XML: 1 omit when empty, 2 when zero */
	int has_re, has_notre;
	regex_t re, notre;
	const char *message;
};

/* fixed.c: the records of a fixed-width layout, and the items of its
 * sequence (XML elements are items too). */
struct record {
	const char *id;
	const struct ynode *node;
	struct field *f;
	struct payroll_field **lf;	/* &f[i].lf, for the layout engine */
	size_t nf;
	unsigned long count;
};

enum { EACH_NONE, EACH_EMPLOYEE, EACH_STATE, EACH_LOCAL };
enum { W_ALWAYS, W_NONZERO, W_ANY, W_COND, W_IN, W_WITHIN, W_PRESENT,
	W_CHANGED };

struct item {
	struct record *rec;
	struct field *xml;	/* XML: the element */
	int each;
	int when;
	struct record *anyrec;
	struct src *cond;	/* W_COND: written when one is not zero */
	size_t ncond;
	size_t incol;		/* W_IN: the column whose value is listed */
	const struct ynode *inlist;
	size_t fromcol, tocol;	/* W_WITHIN: incol's date from..to */
	struct item *kids;
	size_t nkids;
	struct src *attrs;	/* XML: the attributes' values, compiled */
	const struct ynode *node;
};

/* results.c: a results file being read. */
struct reader {
	struct progress pg;	/* on a terminal only */
	const char *path;
	FILE *fp;
	struct payroll_csv *csv;
	size_t nf;
	char **names;
	int *map;		/* per column: field index, or -1 */
	int id, pd, ps, pe;
	int history;
	/* The first row, read before the columns were all known. */
	char **first;
	unsigned long firstline;
};

/* main.c: the run (options, period, employer, rules, states). */

enum { P_QUARTER, P_YEAR, P_PAYRUN };
enum { K_FIXED, K_LINES, K_TABLE, K_XML };

struct runinfo {
	const char *form;
	const char *layoutpath;
	struct ynode *layout;
	int kind;		/* K_FIXED, K_LINES, K_TABLE, K_XML */
	int ptype;		/* P_QUARTER, P_YEAR, P_PAYRUN */
	int taxyear;		/* the layout's tax year */
	int ys_month, ys_day;	/* first day of the tax year */
	payroll_date pstart, pend;	/* the period reported */
	payroll_date hstart;	/* history: from here to pstart - 1 */
	int have_period;
	int quarter;		/* 1-4 for P_QUARTER */
	struct ynode *employer;
	const char *employerpath;
	struct payroll_rules *rules;
	const char *rulepaths[MAXRULES];
	size_t nrules;
	char **states;		/* the layout's state codes */
	const struct ynode **statenodes;
	size_t nstates;
	int fixedstate;		/* -1, or the one state of the filing */
	const char *statearg;
	const char *values[64];	/* --value name=amount */
	size_t nvalues;
	int errors;		/* data errors found; nothing is written */
	payroll_date covering[16];	/* facts employees_covering_... */
	size_t ncovering;
};
extern struct runinfo run;

void date_str(payroll_date d, char *buf);
payroll_date tax_year_start(payroll_date d);
const char *period_name(char *buf, size_t size);
const struct ynode *employer_get(const char *path, int state, char *full,
    size_t size);

/* util.c */
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void sb_addn(struct sbuf *b, const char *s, size_t n);
void sb_adds(struct sbuf *b, const char *s);
void sb_reset(struct sbuf *b);
int cents_add(int64_t a, int64_t b, int64_t *out);
void cents_format(int64_t c, char *buf, size_t size);
int cents_parse(const char *s, size_t len, int64_t *out, const char **why);

/* yaml.c */
_Noreturn void yfail(const struct ynode *y, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
struct ynode *yload(const char *path);
const struct ynode *yget(const struct ynode *m, const char *key);
void ykeys(const struct ynode *m, const char *const *allowed,
    const char *what);
const char *yscalar(const struct ynode *y, const char *what);
long ylong(const struct ynode *y, const char *what, long min, long max);

/* results.c */
extern struct column *cols;
extern size_t ncols;
extern int cols_frozen;
size_t col_get(const char *name, int money, int required);
extern struct emp **emps;
extern size_t nemps;
struct emp *emp_get(const char *id);
void emp_sort(void);
extern struct paidset paid, opaid;
extern unsigned long nrows, nhistrows;
void reader_open(struct reader *r, const char *path, int history);
int reader_next(struct reader *r);
const char *rfield(struct reader *r, size_t i);
unsigned long rline(struct reader *r);
void reader_keep_first(struct reader *r);
payroll_date row_date(struct reader *r, int col, const char *what);
void reader_bind(struct reader *r);
void emp_take_row(struct emp *e, struct reader *r);
void row_take(struct reader *r);
void reader_close(struct reader *r);

/* src.c */
extern int uses_employer, uses_lines, uses_orig;
void colset_add(struct colset *s, size_t c);
void src_compile(struct src *s, const struct ynode *f);
void src_bind(struct src *s);
int64_t amount_of(const struct src *s, const struct ectx *x, int parts);
int src_eval(const struct src *s, const struct ectx *x, struct val *v,
    char *why, size_t wsize);

/* field.c */
void field_compile(struct field *f, const struct ynode *y, int fixed);
int field_format(struct field *f, const struct ectx *x, struct sbuf *out,
    int64_t *amount, int *empty, char *why, size_t wsize);
void report(const struct ectx *x, const char *rec, const struct field *f,
    const char *why);
void translit_close(void);

/* fixed.c */
extern unsigned long nchanged_items, nchanged_written;
extern struct record *records;
extern size_t nrecords;
struct record *find_record(const char *id, const struct ynode *where);
size_t find_field(struct record *r, const char *name,
    const struct ynode *where);
int64_t record_total(struct record *r, size_t f);
unsigned long record_count(struct record *r);
void items_compile(struct item **out, size_t *n, const struct ynode *seq,
    int xml);
void item_compile(struct item *it, const struct ynode *y, int xml);
void records_compile(void);
extern FILE *outfp;
int state_has(size_t s);
int item_cond(const struct item *it, const struct ectx *x);
void item_emit_one(struct item *it, const struct ectx *x);
void items_emit(struct item *its, size_t n, const struct ectx *x);

/* lines.c */
extern struct payroll_rules *linerules;
extern struct ynode *linepack;
void lines_compile(void);
const char *value_arg(const char *name);
struct payroll_calc *lines_calc(void);
int line_value(const char *name, char *buf, size_t size, int *money);
int strp_cmp(const void *a, const void *b);
void emit_lines(void);

/* table.c */
extern struct field *tcols;
extern size_t ntcols;
void table_compile(void);
void emit_table(void);

/* xml.c */
extern struct item xroot;
void xml_bind(struct item *it);
void emit_xml(void);

/* layout.c */
const char *formats_dir(const char *argv0, const char *opt);
char *layout_path(const char *dir, const char *form, int year);
void layout_check_year(int year);
void layout_head(const char *dir, int year);
extern struct item *fixed_items;
extern size_t nfixed_items;
void layout_compile(void);

/* f940.c */
void futa_col(struct emp *e, size_t c, int64_t v, payroll_date pd);
void futa_compile(void);
int futa_fact(const char *nm, char *buf, size_t size);
int futa_fact_known(const char *nm);
void futa_emit_head(struct payroll_csv_writer *w);
void futa_emit_schedule_a(struct payroll_csv_writer *w);

/* corr.c */
const int64_t *eamt(size_t k);
int e_paid(size_t k);
unsigned e_covers(size_t k);
const int64_t *col_month(size_t c);
void orig_row(struct reader *r, const char *id, payroll_date pd);
int record_changed(const struct record *rec, const struct ectx *x);
void emit_lines_compare(struct payroll_csv_writer *w);

/* local.c */
void local_compile(void);
void local_row(struct emp *e, struct reader *r);
void local_each(struct item *it, const struct ectx *x);
size_t local_groups(void);
void local_src_check(const struct ynode *v, const char *arg);
int local_eval(const struct src *s, const struct ectx *x, struct val *v,
    char *why, size_t wsize);
const struct lbucket *local_group(size_t k);
int local_group_state(size_t k);

#endif
