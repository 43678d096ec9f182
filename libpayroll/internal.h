/*
 * internal.h: shared internals of libpayroll; not installed.
 */
#ifndef PAYROLL_INTERNAL_H
#define PAYROLL_INTERNAL_H

/*
 * The library's internal functions and data are linked into every program
 * that uses libpayroll.a: their short names below are macros for names in
 * the library's namespace (payroll__...), so that a program's own yget()
 * or buf_add() never collides with them.  nm libpayroll.a lists no other
 * global symbol than payroll_* (tests/unit/t_internal.c).
 */
#define buf_add                payroll__buf_add
#define buf_grow               payroll__buf_grow
#define buf_release            payroll__buf_release
#define const_new              payroll__const_new
#define dec_is_integer         payroll__dec_is_integer
#define dec_mod                payroll__dec_mod
#define dec_pow10              payroll__dec_pow10
#define dec_to_long            payroll__dec_to_long
#define diag_set               payroll__diag_set
#define diag_status            payroll__diag_status
#define diag_vset              payroll__diag_vset
#define expr_check_size        payroll__expr_check_size
#define expr_compile_check     payroll__expr_compile_check
#define expr_compile_expr      payroll__expr_compile_expr
#define expr_compile_formula   payroll__expr_compile_formula
#define node_new               payroll__node_new
#define nomem                  payroll__nomem
#define rules_add_formula      payroll__rules_add_formula
#define rules_error            payroll__rules_error
#define rules_declare          payroll__rules_declare
#define rules_grow             payroll__rules_grow
#define rules_kind_names       payroll__rules_kind_names
#define rules_lookup           payroll__rules_lookup
#define rules_strdup           payroll__rules_strdup
#define rules_sym_insert       payroll__rules_sym_insert
#define rules_sym_where        payroll__rules_sym_where
#define rules_symtab_free      payroll__rules_symtab_free
#define rules_symtab_new       payroll__rules_symtab_new
#define rules_tag_known        payroll__rules_tag_known
#define rules_valid_name       payroll__rules_valid_name
#define rules_working_days     payroll__rules_working_days
#define tnode_find             payroll__tnode_find
#define xreallocarray          payroll__xreallocarray
#define xregexec               payroll__xregexec
#define xstrndup               payroll__xstrndup
#define ydate                  payroll__ydate
#define yget                   payroll_conf_get
#define ykeys                  payroll_conf_keys
#define ynode_free             payroll_conf_free
#define ynum                   payroll__ynum
#define ytree_load             payroll__ytree_load

#include <regex.h>
#include <stdarg.h>
#include <stddef.h>

#include "payroll.h"

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* 10^n for 0 <= n <= 38. */
extern const u128 dec_pow10[39];
#define DEC_LIMIT (dec_pow10[38])	/* |coef| must stay below this */

/* diag.c */
void diag_set(struct payroll_diag *diag, const char *file, unsigned long line,
    unsigned long col, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* "out of memory" in diag; returns PAYROLL_ENOMEM. */
int nomem(struct payroll_diag *diag);
void diag_vset(struct payroll_diag *diag, const char *file, unsigned long line,
    unsigned long col, const char *field, const char *fmt, va_list ap);
/* Returns st, first giving diag payroll_strerror(st) as its message when
 * st is an error that left no message (out of memory, mostly). */
int diag_status(struct payroll_diag *diag, int st);

/* Allocation that reports failure to the caller rather than exiting. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrndup(const char *s, size_t n);
/*
 * regexec() that tells out of memory (REG_ESPACE) from no match: glibc's
 * regexec returns REG_NOMATCH for both, but a failed allocation leaves
 * errno at ENOMEM.
 */
int xregexec(const regex_t *re, const char *s, size_t nmatch,
    regmatch_t *m, int flags);

/* A growable byte buffer. */
struct buf {
	char *p;
	size_t len;
	size_t cap;
};
int buf_grow(struct buf *b, size_t extra);
int buf_add(struct buf *b, const char *s, size_t n);
void buf_release(struct buf *b);

/* dec.c */
int dec_is_integer(struct payroll_dec d);
int dec_to_long(struct payroll_dec d, long *out);
int dec_mod(struct payroll_dec a, struct payroll_dec b, struct payroll_dec *out);

/* ------------------------------------------------------------------ */
/* The rule engine (rules.c loads, expr.c compiles, calc.c evaluates)  */
/* ------------------------------------------------------------------ */

/* A YAML node (conf.c), kept for the rules' lifetime: struct payroll_node
 * under its short name. */
#define ynode payroll_node
#define Y_SCALAR PAYROLL_NODE_SCALAR
#define Y_SEQ PAYROLL_NODE_SEQUENCE
#define Y_MAP PAYROLL_NODE_MAPPING

/* Value types of expressions. */
enum vtype { VT_NUM, VT_BOOL, VT_STR, VT_DATE, VT_ENUM };

struct val {
	struct payroll_dec d;	/* NUM; BOOL 0/1; DATE day; ENUM index */
	const char *s;		/* STR */
	size_t len;
};

struct enumset {
	const char **names;
	size_t n;
};

struct pack {
	const char *path;
	const char *name;
	int places;		/* money places */
	char currency[4];	/* ISO 4217 code, "" when the pack gives none */
	int ys_month, ys_day;	/* tax year start */
	payroll_date date;	/* the date that picks dated values */
	payroll_date year_start;	/* start of the tax year of the run */
	int period_number;
};

struct input {
	const char *name;
	enum payroll_type type;
	int enumset;
	int required;
	int has_default;
	struct val def;
	int has_min, has_max;
	struct payroll_dec min, max;
	int has_pattern;
	regex_t pattern;
	const char *pattern_src;
	int check;		/* root node of the check, or -1 */
	const char *message;
	const char *label;	/* the field for people, or NULL */
	int mask;
	int unique;		/* no two records share a value */
	int dead;		/* replaced by a formula of a later pack */
	const struct ynode *where;
	int pack;
};

/* A record check of a pack's `checks:` section. */
struct check {
	const char *field;	/* the field a failure is reported on */
	const char *message;
	int root;
};

struct param {
	const char *name;
	struct val v;
	enum vtype type;
	const char *source;
	const struct ynode *where;
	int pack;
};

struct scale {
	const char *name;
	int band;		/* band: one rate for the whole amount */
	size_t n;
	struct payroll_dec *over, *rate, *base;
	const char *source;
	const struct ynode *where;
};

struct tnode {
	size_t n;
	const char **keys;
	size_t *order;		/* keys by length, then bytes */
	struct tnode **kids;	/* NULL at leaves */
	struct payroll_dec *vals;	/* leaves */
};

struct table {
	const char *name;
	struct tnode *root;
	int depth;
	const char *source;
	const struct ynode *where;
};

struct func {
	const char *name;
	const char **params;
	size_t nparams;
	const struct ynode *expr;
	int expanding;
	int pack;
};

enum fstate { F_NEW, F_BUSY, F_DONE };
struct formula {
	const char *name;
	const struct ynode *expr;	/* text and place; NULL: synthetic */
	int root;		/* node index */
	enum vtype type;
	int enumset;
	enum fstate state;
	int pack;
	int anon;		/* a function argument, not a named formula */
	int seg;		/* evaluated per segment and summed */
	const struct ynode *decl;	/* its mapping in formulas:, or NULL */
	int dead;		/* overridden by a later pack */
	int *params;		/* parameters it used (for --explain) */
	size_t nparams;
	int *refs;		/* scales and tables it used: +s, -(t+1) */
	size_t nrefs;
};

struct output {
	const char *name;
	const struct ynode *key;
	const struct ynode *decl;	/* its mapping in outputs: */
	int formula;
	enum payroll_kind kind;
	const char **tags;
	size_t ntags;
	int money;
	int places;		/* -1: natural */
	int pack;
};

struct item {
	const char *name;
	int money;
	int has_min, has_max;
	struct payroll_dec min, max;
	int pack;
};

struct balance {
	const char *name;
	const struct ynode *key;
	int formula;
	int pack;
};

/* Expression nodes. */
enum op {
	OP_CONST, OP_INPUT, OP_FORMULA, OP_YTD, OP_ITEM, OP_HAS_ITEM,
	OP_PRESENT, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG, OP_CMP,
	OP_AND, OP_OR, OP_NOT, OP_IF, OP_CASE, OP_MIN, OP_MAX, OP_ABS,
	OP_MOD, OP_ROUND, OP_ROUND_UNIT, OP_SCALE, OP_SCALE_RATE, OP_TABLE,
	OP_HAS, OP_DAYS, OP_WEEKDAYS, OP_MKDATE, OP_YEAR, OP_MONTH, OP_DAY,
	OP_DATE_ADD, OP_DATE_DIFF, OP_MATCHES, OP_CAPTURE, OP_NUMBER,
	OP_LEN, OP_DIGIT, OP_IBAN, OP_FAIL, OP_TOSTR, OP_SEGFACT,
	OP_WORKDAYS
};

/* OP_CMP sub-operators. */
enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };

struct node {
	unsigned char op;
	unsigned char type;	/* enum vtype of the result */
	unsigned char sub;	/* comparison, rounding mode, ... */
	unsigned char argtype;	/* operand type where it matters */
	int enumset;		/* VT_ENUM result or operand */
	int a, b, c;		/* children or indexes */
	int nargs, args;	/* variadic: rules->args[args .. args+nargs) */
	const struct ynode *where;	/* for runtime errors */
	int offset;		/* in the expression text */
};

struct rules_caps {
	size_t inputs, params, scales, tables, funcs, formulas, outputs,
	    items, balances, enums, packs, docs;
};

struct payroll_rules {
	struct payroll_run run;
	int oom;		/* a compile failed for want of memory */
	int compile_depth;	/* expr.c: the compiler's recursion */
	struct payroll_diag *warns;	/* warnings of the load */
	size_t nwarns;
	struct rules_caps caps;
	struct pack *packs;
	size_t npacks;
	struct ynode **docs;
	size_t ndocs;

	struct input *inputs;
	size_t ninputs;
	struct param *params;
	size_t nparams;
	struct scale *scales;
	size_t nscales;
	struct table *tables;
	size_t ntables;
	struct func *funcs;
	size_t nfuncs;
	struct formula *formulas;
	size_t nformulas;
	struct output *outputs;
	size_t noutputs;
	struct item *items;
	size_t nitems;
	struct balance *balances;
	size_t nbalances;
	struct check *checks;
	size_t nchecks, capchecks;
	const char **tags;	/* declared tags */
	size_t ntags;
	const struct ynode **checkexprs;
	struct enumset *enums;
	size_t nenums;

	struct node *nodes;
	size_t nnodes, capnodes;
	int *args;
	size_t nargs, capargs;
	struct val *consts;
	size_t nconsts, capconsts;
	regex_t *regexes;
	size_t nregex, capregex;
	char **strings;		/* owned strings (messages, names) */
	size_t nstrings, capstrings;

	int gross, net;		/* formula indexes */
	payroll_date *holidays;	/* sorted */
	size_t nholidays;
	int freq_enum;		/* the enumset of period.frequency */
};

/* rules.c: a rule pack's or calendar's YAML tree (a mapping; conf.c
 * loads it); yget, ykeys and ynode_free are conf.c's. */
int ytree_load(const char *file, struct ynode **out, struct payroll_diag *diag);
int ydate(const struct ynode *n, payroll_date *out, struct payroll_diag *diag);
int ynum(const struct ynode *n, struct payroll_dec *out,
    struct payroll_diag *diag);

/* The index of key s (len bytes) in t, or t->n: a binary search. */
size_t tnode_find(const struct tnode *t, const char *s, size_t len);

/* symtab.c: the compiled rules' tables, used by rules.c and expr.c */
int rules_lookup(struct payroll_rules *r, const char *name, size_t len,
    int *kind, int *index);
const struct ynode *rules_sym_where(struct payroll_rules *r,
    const char *name);
enum { SYM_INPUT = 1, SYM_PARAM, SYM_FORMULA, SYM_SCALE, SYM_TABLE,
    SYM_FUNC, SYM_ITEM, SYM_BALANCE };
const char *rules_strdup(struct payroll_rules *r, const char *s, size_t n);
int rules_add_formula(struct payroll_rules *r, const char *name,
    const struct ynode *expr, int pack, int anon);
int rules_error(struct payroll_diag *diag, const struct ynode *where,
    int offset, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

int rules_tag_known(const struct payroll_rules *r, const char *tag,
    size_t len);
int rules_working_days(const struct payroll_rules *r, payroll_date a,
    payroll_date b);
int rules_valid_name(const char *s);
int rules_symtab_new(struct payroll_rules *r);
void rules_symtab_free(struct payroll_rules *r);
int rules_sym_insert(struct payroll_rules *r, const char *name, int kind,
    int index, const struct ynode *where);
int rules_declare(struct payroll_rules *r, const char *name, int kind,
    int index, const struct ynode *where, int override,
    struct payroll_diag *diag);
extern const char *const rules_kind_names[];
/* A growing array: room for one more of n (of size bytes), or an error. */
int rules_grow(void **p, size_t *cap, size_t n, size_t size);
#define PUSH(r, arr, cnt, capv) \
	(rules_grow((void **)&(r)->arr, &(capv), (r)->cnt, \
	    sizeof(*(r)->arr)) == 0 ? &(r)->arr[(r)->cnt++] : NULL)
int node_new(struct payroll_rules *r, int op, int type);
int const_new(struct payroll_rules *r, struct val v);

/* expr.c */
int expr_compile_formula(struct payroll_rules *r, int f,
    struct payroll_diag *diag);
int expr_compile_check(struct payroll_rules *r, int input,
    const struct ynode *expr, struct payroll_diag *diag);
int expr_compile_expr(struct payroll_rules *r, const struct ynode *e,
    struct payroll_diag *diag);
int expr_check_size(struct payroll_rules *r, struct payroll_diag *diag);

#endif /* PAYROLL_INTERNAL_H */
