/*
 * expr.c: the expression language: lexer, recursive-descent parser and
 * type checker, compiling straight to the node array of struct
 * payroll_rules.  Names are resolved here, once; parameters and period
 * facts become constants; user functions are expanded at each call, with
 * each argument bound to an anonymous formula so it is evaluated at most
 * once per record.  docs/rules.md is the reference.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * Bounds, checked when the rules load, the same for every tool (issue 13):
 * MAX_EXPR_DEPTH levels of parentheses, calls and operators in one text;
 * MAX_COMPILE_DEPTH levels of those and of formulas compiled on demand
 * together (the compiler recurses through both); MAX_NODES expression nodes
 * in all (each call of a function copies its body, so a few functions
 * that each call the next twice would grow without end); and
 * MAX_EVAL_DEPTH levels of evaluation (calc.c recurses over the nodes and
 * through the formulas they use: a formula of 20,000 terms overflowed the
 * evaluator's stack).  The deepest shipped packs use about 160 levels and
 * 5,500 nodes.
 */
#define MAX_EXPR_DEPTH 200
#define MAX_COMPILE_DEPTH 1000
#define MAX_NODES 500000
#define MAX_EVAL_DEPTH 1000

enum tok {
	T_EOF, T_NUM, T_STR, T_NAME, T_LP, T_RP, T_COMMA, T_COLON, T_DOT,
	T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PCT, T_EQ, T_NE, T_LT, T_LE,
	T_GT, T_GE, T_BAD
};

struct binding {
	const char *name;
	int formula;
};

struct cx {
	struct payroll_rules *r;
	const struct ynode *where;
	const char *s;
	size_t len, pos;
	int pack;
	int formula;		/* being compiled, or -1 for a check */
	int input;		/* the input a check belongs to, or -1 */
	int seg;		/* compiling a per-segment formula */
	struct binding *env;
	size_t nenv;
	int depth;
	struct payroll_diag *diag;
	/* the current token */
	enum tok t;
	size_t tpos, tlen;
	const char *tstr;	/* T_STR: unescaped text (owned by rules) */
};

static int expr(struct cx *c);

static int
err(struct cx *c, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Out of memory: the pack is not wrong, so the status is not ERULES. */
static int
oom(struct cx *c)
{
	c->r->oom = 1;
	diag_set(c->diag, NULL, 0, 0, NULL, "out of memory");
	return -1;
}

static int
err(struct cx *c, size_t pos, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (c->r->oom)		/* what failed next is no fault of the pack */
		return oom(c);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->formula >= 0 && !c->r->formulas[c->formula].anon)
		rules_error(c->diag, c->where, (int)pos + 1, "formula '%s': %s",
		    c->r->formulas[c->formula].name, msg);
	else
		rules_error(c->diag, c->where, (int)pos + 1, "%s", msg);
	return -1;
}

static int
is_name_start(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    ch == '_';
}

static int
is_name_char(char ch)
{
	return is_name_start(ch) || (ch >= '0' && ch <= '9');
}

static void
next(struct cx *c)
{
	const char *s = c->s;
	size_t p = c->pos;

	while (p < c->len && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' ||
	    s[p] == '\r'))
		p++;
	c->tpos = p;
	if (p >= c->len) {
		c->t = T_EOF;
		c->tlen = 0;
		c->pos = p;
		return;
	}
	if (s[p] >= '0' && s[p] <= '9') {
		size_t q = p;

		while (q < c->len && s[q] >= '0' && s[q] <= '9')
			q++;
		if (q + 1 < c->len && s[q] == '.' && s[q + 1] >= '0' &&
		    s[q + 1] <= '9') {
			q++;
			while (q < c->len && s[q] >= '0' && s[q] <= '9')
				q++;
		}
		c->t = T_NUM;
		c->tlen = q - p;
		c->pos = q;
		return;
	}
	if (is_name_start(s[p])) {
		size_t q = p;

		while (q < c->len && is_name_char(s[q]))
			q++;
		c->t = T_NAME;
		c->tlen = q - p;
		c->pos = q;
		return;
	}
	if (s[p] == '\'' || s[p] == '"') {
		char quote = s[p];
		size_t q = p + 1;

		while (q < c->len && s[q] != quote)
			q++;
		if (q >= c->len) {
			c->t = T_BAD;
			c->tlen = 1;
			c->pos = c->len;
			return;
		}
		c->t = T_STR;
		c->tstr = rules_strdup(c->r, s + p + 1, q - p - 1);
		c->tlen = q + 1 - p;
		c->pos = q + 1;
		if (c->tstr == NULL) {
			c->r->oom = 1;	/* err() will say so */
			c->t = T_BAD;
		}
		return;
	}
	c->tlen = 1;
	switch (s[p]) {
	case '(':
		c->t = T_LP;
		break;
	case ')':
		c->t = T_RP;
		break;
	case ',':
		c->t = T_COMMA;
		break;
	case ':':
		c->t = T_COLON;
		break;
	case '.':
		c->t = T_DOT;
		break;
	case '+':
		c->t = T_PLUS;
		break;
	case '-':
		c->t = T_MINUS;
		break;
	case '*':
		c->t = T_STAR;
		break;
	case '/':
		c->t = T_SLASH;
		break;
	case '%':
		c->t = T_PCT;
		break;
	case '=':
	case '!':
		/* A lone '=' or '!' is one bad character (a message showed
		 * "unexpected '= '"). */
		if (p + 1 < c->len && s[p + 1] == '=') {
			c->t = s[p] == '=' ? T_EQ : T_NE;
			c->tlen = 2;
		} else
			c->t = T_BAD;
		break;
	case '<':
		if (p + 1 < c->len && s[p + 1] == '=') {
			c->t = T_LE;
			c->tlen = 2;
		} else
			c->t = T_LT;
		break;
	case '>':
		if (p + 1 < c->len && s[p + 1] == '=') {
			c->t = T_GE;
			c->tlen = 2;
		} else
			c->t = T_GT;
		break;
	default:
		c->t = T_BAD;
	}
	c->pos = p + c->tlen;
}

static int
tok_is(struct cx *c, const char *word)
{
	return c->t == T_NAME && strlen(word) == c->tlen &&
	    strncmp(c->s + c->tpos, word, c->tlen) == 0;
}

static const char *
type_name(int t)
{
	static const char *const names[] = { "number", "boolean", "string",
	    "date", "enum" };

	return t >= 0 && t <= VT_ENUM ? names[t] : "?";
}

static struct node *
N(struct cx *c, int n)
{
	return &c->r->nodes[n];
}

static int
mk(struct cx *c, int op, int type, size_t pos)
{
	int n;

	if (c->r->nnodes >= MAX_NODES)
		return err(c, pos, "the rules compile to more than %d "
		    "expression nodes (each call of a function copies its "
		    "body: do functions call each other too often?)",
		    MAX_NODES);
	n = node_new(c->r, op, type);

	if (n < 0)
		return oom(c);
	N(c, n)->where = c->where;
	N(c, n)->offset = (int)pos;
	return n;
}

static int
mk_const(struct cx *c, int type, struct val v, size_t pos)
{
	int k = const_new(c->r, v), n;

	if (k < 0)
		return oom(c);
	if ((n = mk(c, OP_CONST, type, pos)) < 0)
		return -1;
	N(c, n)->a = k;
	return n;
}

static int
mk_num(struct cx *c, struct payroll_dec d, size_t pos)
{
	struct val v;

	memset(&v, 0, sizeof(v));
	v.d = d;
	return mk_const(c, VT_NUM, v, pos);
}

static int
mk_args(struct cx *c, const int *args, int n, int node)
{
	struct payroll_rules *r = c->r;
	int i;

	while (r->nargs + (size_t)n > r->capargs) {
		size_t nc = r->capargs ? r->capargs * 2 : 256;
		int *p = xreallocarray(r->args, nc, sizeof(*p));

		if (p == NULL)
			return oom(c);
		r->args = p;
		r->capargs = nc;
	}
	N(c, node)->args = (int)r->nargs;
	N(c, node)->nargs = n;
	for (i = 0; i < n; i++)
		r->args[r->nargs++] = args[i];
	return 0;
}

static int
is_const(struct cx *c, int n)
{
	return N(c, n)->op == OP_CONST;
}

static struct val *
const_of(struct cx *c, int n)
{
	return &c->r->consts[N(c, n)->a];
}

/* Records that the formula being compiled used a parameter, scale or
 * table, for --explain.  kind 0: parameter; 1: scale; 2: table. */
static void
note_use(struct cx *c, int kind, int idx)
{
	struct formula *f;
	int **arr;
	size_t *cnt, i;
	int v, *p;

	if (c->formula < 0)
		return;
	f = &c->r->formulas[c->formula];
	if (kind == 0) {
		arr = &f->params;
		cnt = &f->nparams;
		v = idx;
	} else {
		arr = &f->refs;
		cnt = &f->nrefs;
		v = kind == 1 ? idx : -(idx + 1);
	}
	for (i = 0; i < *cnt; i++)
		if ((*arr)[i] == v)
			return;
	if ((p = xreallocarray(*arr, *cnt + 1, sizeof(*p))) == NULL)
		return;
	*arr = p;
	p[(*cnt)++] = v;
}

static int
want(struct cx *c, int n, int type, const char *what)
{
	if (n < 0)
		return -1;
	if (N(c, n)->op == OP_FAIL) {
		N(c, n)->type = (unsigned char)type;
		return n;
	}
	if (N(c, n)->type != type)
		return err(c, (size_t)N(c, n)->offset, "%s must be a %s, not "
		    "a %s", what, type_name(type), type_name(N(c, n)->type));
	return n;
}

/* Converts an enum to its name, for comparisons with strings. */
static int
to_str(struct cx *c, int n)
{
	int m;

	if (n < 0 || N(c, n)->type != VT_ENUM)
		return n;
	if ((m = mk(c, OP_TOSTR, VT_STR, (size_t)N(c, n)->offset)) < 0)
		return -1;
	N(c, m)->a = n;
	N(c, m)->enumset = N(c, n)->enumset;
	return m;
}

/* Finds value `name` in enumset e; -1 when absent. */
static int
enum_index(struct cx *c, int e, const char *name)
{
	size_t i;

	for (i = 0; i < c->r->enums[e].n; i++)
		if (strcmp(c->r->enums[e].names[i], name) == 0)
			return (int)i;
	return -1;
}

/* Makes a string literal node comparable with an enum of set e. */
static int
enum_literal(struct cx *c, int e, int lit)
{
	struct val v;
	int k;

	k = enum_index(c, e, const_of(c, lit)->s);
	if (k < 0)
		return err(c, (size_t)N(c, lit)->offset, "'%s' is not one of "
		    "the values of this enum", const_of(c, lit)->s);
	memset(&v, 0, sizeof(v));
	v.d.coef = k;
	k = mk_const(c, VT_ENUM, v, (size_t)N(c, lit)->offset);
	if (k >= 0)
		N(c, k)->enumset = e;
	return k;
}

/* Brings two operands to one type for comparison or a branch. */
static int
unify(struct cx *c, int *a, int *b, size_t pos)
{
	struct node *x = N(c, *a), *y = N(c, *b);

	if (x->op == OP_FAIL) {
		x->type = y->type;
		x->enumset = y->enumset;
		return 0;
	}
	if (y->op == OP_FAIL) {
		y->type = x->type;
		y->enumset = x->enumset;
		return 0;
	}
	if (x->type == VT_ENUM && y->type == VT_ENUM) {
		if (x->enumset == y->enumset)
			return 0;
		*a = to_str(c, *a);
		*b = to_str(c, *b);
		return *a < 0 || *b < 0 ? -1 : 0;
	}
	if (x->type == VT_ENUM && y->type == VT_STR) {
		if (y->op == OP_CONST) {
			*b = enum_literal(c, x->enumset, *b);
			return *b < 0 ? -1 : 0;
		}
		*a = to_str(c, *a);
		return *a < 0 ? -1 : 0;
	}
	if (x->type == VT_STR && y->type == VT_ENUM)
		return unify(c, b, a, pos);
	if (x->type != y->type)
		return err(c, pos, "cannot mix a %s and a %s",
		    type_name(x->type), type_name(y->type));
	return 0;
}

/* Folds arithmetic on constants. */
static int
fold(struct cx *c, int n)
{
	struct node *x = N(c, n);
	struct val v;
	int st;

	if (x->type != VT_NUM || !is_const(c, x->a) ||
	    (x->op != OP_NEG && !is_const(c, x->b)))
		return n;
	memset(&v, 0, sizeof(v));
	switch (x->op) {
	case OP_ADD:
		st = payroll_dec_add(const_of(c, x->a)->d, const_of(c, x->b)->d,
		    &v.d);
		break;
	case OP_SUB:
		st = payroll_dec_sub(const_of(c, x->a)->d, const_of(c, x->b)->d,
		    &v.d);
		break;
	case OP_MUL:
		st = payroll_dec_mul(const_of(c, x->a)->d, const_of(c, x->b)->d,
		    &v.d);
		break;
	case OP_DIV:
		st = payroll_dec_div(const_of(c, x->a)->d, const_of(c, x->b)->d,
		    &v.d);
		break;
	case OP_NEG:
		v.d = payroll_dec_neg(const_of(c, x->a)->d);
		st = 0;
		break;
	default:
		return n;
	}
	if (st != 0)
		return err(c, (size_t)x->offset, "%s in constant arithmetic",
		    payroll_strerror(st));
	return mk_num(c, v.d, (size_t)x->offset);
}

static int
binary(struct cx *c, int op, int a, int b, size_t pos)
{
	int n;

	if (a < 0 || b < 0)
		return -1;
	/* Date arithmetic: date - date, date +/- days. */
	if (N(c, a)->type == VT_DATE && (op == OP_ADD || op == OP_SUB)) {
		if (op == OP_SUB && N(c, b)->type == VT_DATE) {
			if ((n = mk(c, OP_DATE_DIFF, VT_NUM, pos)) < 0)
				return -1;
		} else {
			if (want(c, b, VT_NUM, "days added to a date") < 0 ||
			    (n = mk(c, OP_DATE_ADD, VT_DATE, pos)) < 0)
				return -1;
			N(c, n)->sub = op == OP_SUB;
		}
		N(c, n)->a = a;
		N(c, n)->b = b;
		return n;
	}
	if (want(c, a, VT_NUM, "an operand of arithmetic") < 0 ||
	    want(c, b, VT_NUM, "an operand of arithmetic") < 0)
		return -1;
	if ((n = mk(c, op, VT_NUM, pos)) < 0)
		return -1;
	N(c, n)->a = a;
	N(c, n)->b = b;
	return fold(c, n);
}

/* ------------------------------------------------------------------ */
/* Names                                                              */
/* ------------------------------------------------------------------ */

static int compile_formula(struct payroll_rules *r, int f,
    struct payroll_diag *diag);

static int
formula_ref(struct cx *c, int f, size_t pos)
{
	struct formula *fo = &c->r->formulas[f];
	int n;

	/* A function's parameter is an anonymous formula: a check may use
	 * functions (it could not call one with parameters). */
	if (c->formula < 0 && c->input >= 0 && !fo->anon)
		return err(c, pos, "a check may use inputs, parameters and "
		    "functions, not the formula '%s'", fo->name);
	if (c->seg && !fo->seg && !fo->anon)
		return err(c, pos, "'%s' is a per-segment formula and can only "
		    "use other per-segment formulas, inputs and parameters; "
		    "'%s' is not per: segment", c->formula >= 0 ?
		    c->r->formulas[c->formula].name : "?", fo->name);
	if (fo->state == F_BUSY)
		return err(c, pos, "cycle: '%s' depends on itself through "
		    "'%s'", fo->name, c->formula >= 0 ?
		    c->r->formulas[c->formula].name : "?");
	if (fo->state == F_NEW && compile_formula(c->r, f, c->diag) != 0)
		return -1;
	fo = &c->r->formulas[f];	/* compiling may move the array */
	if ((n = mk(c, OP_FORMULA, fo->type, pos)) < 0)
		return -1;
	N(c, n)->a = f;
	N(c, n)->enumset = fo->enumset;
	return n;
}

static int
period_fact(struct cx *c, const char *name, size_t len, size_t pos)
{
	const struct payroll_period *p = &c->r->run.period;
	const struct pack *pk = &c->r->packs[c->pack];
	struct val v;
	int n, type = VT_NUM;

	memset(&v, 0, sizeof(v));
#define IS(w) (len == strlen(w) && strncmp(name, w, len) == 0)
	if (IS("start")) {
		v.d.coef = p->start;
		type = VT_DATE;
	} else if (IS("end")) {
		v.d.coef = p->end;
		type = VT_DATE;
	} else if (IS("pay_date")) {
		v.d.coef = p->pay_date;
		type = VT_DATE;
	} else if (IS("year_start")) {
		v.d.coef = pk->year_start;
		type = VT_DATE;
	} else if (IS("frequency")) {
		v.d.coef = p->freq;
		type = VT_ENUM;
	} else if (IS("periods_per_year"))
		v.d.coef = payroll_freq_periods(p->freq);
	else if (IS("number"))
		v.d.coef = pk->period_number;
	else if (IS("days"))
		v.d.coef = payroll_days_between(p->start, p->end);
	else if (IS("weekdays"))
		v.d.coef = payroll_weekdays_between(p->start, p->end);
	else if (IS("working_days"))
		v.d.coef = rules_working_days(c->r, p->start, p->end);
	else if (IS("off_cycle")) {
		v.d.coef = c->r->run.off_cycle != 0;
		type = VT_BOOL;
	} else
		return err(c, pos, "unknown period fact 'period.%.*s' (start, "
		    "end, pay_date, year_start, frequency, periods_per_year, "
		    "number, days, weekdays, working_days, off_cycle)",
		    (int)len, name);
#undef IS
	if ((n = mk_const(c, type, v, pos)) >= 0 && type == VT_ENUM)
		N(c, n)->enumset = c->r->freq_enum;
	return n;
}

static int
name_ref(struct cx *c)
{
	const char *name = c->s + c->tpos;
	size_t len = c->tlen, pos = c->tpos, i;
	int kind, idx, n;

	next(c);
	if (c->t == T_DOT) {
		const char *sub;
		size_t sublen;

		next(c);
		if (c->t != T_NAME)
			return err(c, c->tpos, "expected a name after '.'");
		sub = c->s + c->tpos;
		sublen = c->tlen;
		next(c);
		if (len == 6 && strncmp(name, "period", 6) == 0)
			return period_fact(c, sub, sublen, pos);
		if (len == 7 && strncmp(name, "segment", 7) == 0) {
			static const char *const facts[] = { "start", "end",
			    "days", "weekdays", "working_days" };
			size_t k;

			for (k = 0; k < NELEM(facts); k++)
				if (strlen(facts[k]) == sublen &&
				    strncmp(facts[k], sub, sublen) == 0)
					break;
			if (k == NELEM(facts))
				return err(c, pos, "unknown segment fact "
				    "'segment.%.*s' (start, end, days, weekdays, "
				    "working_days)", (int)sublen, sub);
			if (!c->seg)
				return err(c, pos, "segment.%.*s is only known "
				    "in formulas marked per: segment",
				    (int)sublen, sub);
			if ((n = mk(c, OP_SEGFACT, k < 2 ? VT_DATE : VT_NUM,
			    pos)) >= 0)
				N(c, n)->a = (int)k;
			return n;
		}
		if (len == 3 && strncmp(name, "ytd", 3) == 0) {
			for (i = 0; i < c->r->nbalances; i++)
				if (strlen(c->r->balances[i].name) == sublen &&
				    strncmp(c->r->balances[i].name, sub,
				    sublen) == 0)
					break;
			if (i == c->r->nbalances)
				return err(c, pos, "'ytd.%.*s': no such balance "
				    "(money outputs, gross_pay, net_pay and "
				    "names under 'balances:')", (int)sublen,
				    sub);
			if ((n = mk(c, OP_YTD, VT_NUM, pos)) >= 0)
				N(c, n)->a = (int)i;
			return n;
		}
		if (len == 4 && strncmp(name, "item", 4) == 0) {
			for (i = 0; i < c->r->nitems; i++)
				if (strlen(c->r->items[i].name) == sublen &&
				    strncmp(c->r->items[i].name, sub, sublen) ==
				    0)
					break;
			if (i == c->r->nitems)
				return err(c, pos, "'item.%.*s': no such item "
				    "(declare it under 'items:')", (int)sublen,
				    sub);
			if ((n = mk(c, OP_ITEM, VT_NUM, pos)) >= 0)
				N(c, n)->a = (int)i;
			return n;
		}
		return err(c, pos, "unknown name '%.*s.%.*s' (period., "
		    "segment., ytd. and item. have dots)", (int)len, name,
		    (int)sublen, sub);
	}
	for (i = c->nenv; i-- > 0;)
		if (strlen(c->env[i].name) == len &&
		    strncmp(c->env[i].name, name, len) == 0)
			return formula_ref(c, c->env[i].formula, pos);
	if (len == 4 && strncmp(name, "true", 4) == 0) {
		struct val v;

		memset(&v, 0, sizeof(v));
		v.d.coef = 1;
		return mk_const(c, VT_BOOL, v, pos);
	}
	if (len == 5 && strncmp(name, "false", 5) == 0) {
		struct val v;

		memset(&v, 0, sizeof(v));
		return mk_const(c, VT_BOOL, v, pos);
	}
	if (rules_lookup(c->r, name, len, &kind, &idx) != 0)
		return err(c, pos, "unknown name '%.*s'", (int)len, name);
	switch (kind) {
	case SYM_INPUT:
		{
			static const int tmap[] = { VT_NUM, VT_NUM, VT_NUM,
			    VT_BOOL, VT_STR, VT_ENUM, VT_DATE };
			struct input *in = &c->r->inputs[idx];

			if ((n = mk(c, OP_INPUT, tmap[in->type], pos)) < 0)
				return -1;
			N(c, n)->a = idx;
			N(c, n)->enumset = in->enumset;
			return n;
		}
	case SYM_PARAM:
		{
			struct param *p = &c->r->params[idx];

			note_use(c, 0, idx);
			return mk_const(c, p->type, p->v, pos);
		}
	case SYM_FORMULA:
		return formula_ref(c, idx, pos);
	default:
		return err(c, pos, "'%.*s' is a %s: %s", (int)len, name,
		    kind == SYM_SCALE ? "scale" : kind == SYM_TABLE ? "table" :
		    "function", kind == SYM_SCALE ? "use scale(name, amount)" :
		    kind == SYM_TABLE ? "use table(name, key, ...)" :
		    "call it with arguments");
	}
}

/* ------------------------------------------------------------------ */
/* Calls                                                              */
/* ------------------------------------------------------------------ */

#define MAXARGS 64

struct args {
	int n;
	int node[MAXARGS];
	size_t pos[MAXARGS];
	const char *key[MAXARGS];	/* "key:" before the argument */
	size_t keylen[MAXARGS];
	const char *bare[MAXARGS];	/* a bare name (not compiled) */
	size_t barelen[MAXARGS];
};

struct builtin;
typedef int builtin_fn(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a);

/* A built-in function: see builtins[] below. */
struct builtin {
	const char *name;
	int lo, hi;		/* arity (lo -1: checked by compile) */
	unsigned bare;		/* bit i: argument i is a bare name */
	int op;			/* the node made (enum op) */
	int type;		/* its type (enum vtype), -1: the arguments' */
	int at[3];		/* compile_fixed: the arguments' types */
	int mode;		/* compile_trunc: the rounding mode */
	builtin_fn *compile;
};

static const struct builtin *builtin_find(const char *fn, size_t len);

/* Functions whose argument `i` is a bare name, not an expression. */
static int
bare_arg(const char *fn, size_t len, int i)
{
	const struct builtin *b = builtin_find(fn, len);

	return b != NULL && i < 32 && (b->bare & 1u << i) != 0;
}

static int
parse_args(struct cx *c, const char *fn, size_t fnlen, struct args *a)
{
	a->n = 0;
	next(c);	/* past '(' */
	if (c->t == T_RP) {
		next(c);
		return 0;
	}
	for (;;) {
		size_t save = c->pos;
		enum tok st = c->t;
		size_t stpos = c->tpos, stlen = c->tlen;

		if (a->n == MAXARGS)
			return err(c, c->tpos, "too many arguments");
		a->key[a->n] = NULL;
		a->bare[a->n] = NULL;
		a->node[a->n] = -1;
		a->pos[a->n] = c->tpos;
		/* key: value */
		if (c->t == T_NAME || c->t == T_STR || c->t == T_NUM) {
			const char *k = c->t == T_STR ? c->tstr : c->s + c->tpos;
			size_t kl = c->t == T_STR ? strlen(c->tstr) : c->tlen;

			next(c);
			if (c->t == T_COLON) {
				a->key[a->n] = k;
				a->keylen[a->n] = kl;
				next(c);
				a->pos[a->n] = c->tpos;
			} else {
				c->pos = save;
				c->t = st;
				c->tpos = stpos;
				c->tlen = stlen;
			}
		}
		if (bare_arg(fn, fnlen, a->n) && a->key[a->n] == NULL) {
			if (c->t != T_NAME)
				return err(c, c->tpos, "%.*s() takes a name "
				    "here", (int)fnlen, fn);
			a->bare[a->n] = c->s + c->tpos;
			a->barelen[a->n] = c->tlen;
			next(c);
		} else if ((a->node[a->n] = expr(c)) < 0)
			return -1;
		a->n++;
		if (c->t == T_RP) {
			next(c);
			return 0;
		}
		if (c->t != T_COMMA)
			return err(c, c->tpos, "expected ',' or ')' in the "
			    "arguments of %.*s()", (int)fnlen, fn);
		next(c);
	}
}

static int
arity(struct cx *c, const char *fn, size_t len, struct args *a, int lo,
    int hi, size_t pos)
{
	char upto[24];
	int i;

	/* "1 argument", "2 arguments", "1 or more arguments", "1 to 2
	 * arguments" */
	if (hi == lo)
		upto[0] = '\0';
	else if (hi < 0)
		snprintf(upto, sizeof(upto), " or more");
	else
		snprintf(upto, sizeof(upto), " to %d", hi);
	if (a->n < lo || (hi >= 0 && a->n > hi))
		return err(c, pos, "%.*s() takes %d%s argument%s, not %d",
		    (int)len, fn, lo, upto, lo == 1 && hi == 1 ? "" : "s",
		    a->n);
	for (i = 0; i < a->n; i++)
		if (a->key[i] != NULL)
			return err(c, a->pos[i], "%.*s() takes no 'key:' "
			    "arguments", (int)len, fn);
	return 0;
}

static int
round_mode(struct cx *c, struct args *a, int i, enum payroll_round *m)
{
	char name[32];

	if (a->bare[i] == NULL || a->barelen[i] >= sizeof(name))
		return err(c, a->pos[i], "expected a rounding mode (half_up, "
		    "half_even, half_down, up, down, ceiling, floor)");
	memcpy(name, a->bare[i], a->barelen[i]);
	name[a->barelen[i]] = '\0';
	if (payroll_round_parse(name, m) != 0)
		return err(c, a->pos[i], "unknown rounding mode '%s' (half_up, "
		    "half_even, half_down, up, down, ceiling, floor)", name);
	return 0;
}

static int
const_int(struct cx *c, int n, long lo, long hi, const char *what)
{
	long v;

	if (n < 0)
		return INT32_MIN;
	if (!is_const(c, n) || N(c, n)->type != VT_NUM ||
	    dec_to_long(const_of(c, n)->d, &v) != 0 ||
	    !dec_is_integer(const_of(c, n)->d) || v < lo || v > hi) {
		err(c, (size_t)N(c, n)->offset, "%s must be a whole number "
		    "from %ld to %ld", what, lo, hi);
		return INT32_MIN;
	}
	return (int)v;
}

static int
find_sym(struct cx *c, struct args *a, int i, int kind, const char *what)
{
	int k, idx;

	if (rules_lookup(c->r, a->bare[i], a->barelen[i], &k, &idx) != 0 ||
	    k != kind)
		return err(c, a->pos[i], "'%.*s' is not %s", (int)a->barelen[i],
		    a->bare[i], what);
	return idx;
}

static int
regex_new(struct cx *c, int lit)
{
	struct payroll_rules *r = c->r;
	regex_t *p;
	int rc;

	if (lit < 0)
		return -1;
	if (!is_const(c, lit) || N(c, lit)->type != VT_STR)
		return err(c, (size_t)N(c, lit)->offset,
		    "the regular expression must be a string literal");
	if (r->nregex == r->capregex) {
		size_t nc = r->capregex ? r->capregex * 2 : 8;

		if ((p = xreallocarray(r->regexes, nc, sizeof(*p))) == NULL)
			return oom(c);
		r->regexes = p;
		r->capregex = nc;
	}
	if ((rc = regcomp(&r->regexes[r->nregex], const_of(c, lit)->s,
	    REG_EXTENDED)) == REG_ESPACE)
		return oom(c);
	if (rc != 0)
		return err(c, (size_t)N(c, lit)->offset,
		    "bad regular expression '%s'", const_of(c, lit)->s);
	return (int)r->nregex++;
}

/* Expands a user function: arguments become anonymous formulas. */
static int
call_user(struct cx *c, int fi, struct args *a, size_t pos)
{
	struct payroll_rules *r = c->r;
	struct func *fn = &r->funcs[fi];
	struct binding env[MAXARGS];
	struct cx sub;
	size_t i;
	int root, f;

	if ((size_t)a->n != fn->nparams)
		return err(c, pos, "%s() takes %zu argument%s, not %d",
		    fn->name, fn->nparams, fn->nparams == 1 ? "" : "s", a->n);
	if (fn->expanding)
		return err(c, pos, "function '%s' calls itself; functions "
		    "cannot recurse", fn->name);
	for (i = 0; i < fn->nparams; i++) {
		struct formula *fo;

		if (a->key[i] != NULL || a->bare[i] != NULL)
			return err(c, a->pos[i], "bad argument");
		if ((f = rules_add_formula(r, fn->params[i], c->where, c->pack,
		    1)) < 0)
			return oom(c);
		fo = &r->formulas[f];
		fo->seg = c->seg;
		fo->state = F_DONE;
		fo->root = a->node[i];
		fo->type = N(c, a->node[i])->type;
		fo->enumset = N(c, a->node[i])->enumset;
		env[i].name = fn->params[i];
		env[i].formula = f;
	}
	sub = *c;
	sub.where = fn->expr;
	sub.s = fn->expr->val;
	sub.len = fn->expr->len;
	sub.pos = 0;
	sub.env = env;
	sub.nenv = fn->nparams;
	sub.pack = fn->pack;
	sub.depth = c->depth;
	fn->expanding = 1;
	next(&sub);
	root = expr(&sub);
	if (root >= 0 && sub.t != T_EOF)
		root = err(&sub, sub.tpos, "unexpected text after the "
		    "expression");
	fn->expanding = 0;
	return root;
}

/* ------------------------------------------------------------------ */
/* Built-in functions                                                 */
/* ------------------------------------------------------------------ */

/* if(cond, then, else) or if(c1, v1, c2, v2, ..., else). */
static int
compile_if(struct cx *c, const struct builtin *b, size_t pos, struct args *a)
{
	int n, i, type;

	if (a->n < 3 || a->n % 2 == 0)
		return err(c, pos, "if() takes (cond, then, else) or "
		    "(c1, v1, c2, v2, ..., else)");
	for (i = 0; i + 1 < a->n; i += 2)
		if (want(c, a->node[i], VT_BOOL, "an if() condition") < 0)
			return -1;
	for (i = 1; i < a->n; i += 2) {
		int *x = &a->node[i], *y = &a->node[a->n - 1];

		if (unify(c, x, y, a->pos[i]) != 0)
			return -1;
	}
	/* A second pass: every branch like the else branch. */
	for (i = 1; i < a->n - 1; i += 2)
		if (unify(c, &a->node[i], &a->node[a->n - 1], a->pos[i]) != 0)
			return -1;
	type = N(c, a->node[a->n - 1])->type;
	if (N(c, a->node[a->n - 1])->op == OP_FAIL)
		type = N(c, a->node[1])->type;
	if ((n = mk(c, b->op, type, pos)) < 0 ||
	    mk_args(c, a->node, a->n, n) != 0)
		return -1;
	N(c, n)->enumset = N(c, a->node[1])->enumset;
	return n;
}

/*
 * case(): the constant of key argument i, of the subject's type (subj):
 * a value of enumset e, a number or a string.
 */
static int
case_key(struct cx *c, int subj, int e, const struct args *a, int i)
{
	struct val v;
	char kb[128];
	int key;

	if (a->keylen[i] >= sizeof(kb))
		return err(c, a->pos[i], "key too long");
	memcpy(kb, a->key[i], a->keylen[i]);
	kb[a->keylen[i]] = '\0';
	memset(&v, 0, sizeof(v));
	if (e >= 0) {
		int k = enum_index(c, e, kb);

		if (k < 0)
			return err(c, a->pos[i], "'%s' is not a value of this "
			    "enum", kb);
		v.d.coef = k;
	} else if (N(c, subj)->type == VT_NUM) {
		if (payroll_dec_parse(kb, strlen(kb), &v.d) != 0)
			return err(c, a->pos[i], "'%s' is not a number", kb);
	} else {
		if ((v.s = rules_strdup(c->r, kb, strlen(kb))) == NULL)
			return oom(c);
		v.len = strlen(kb);
	}
	if ((key = mk_const(c, N(c, subj)->type, v, a->pos[i])) < 0)
		return -1;
	N(c, key)->enumset = e;
	return key;
}

/* case() on enumset e with no else: every value of the enum has a key. */
static int
case_covers(struct cx *c, int e, const int *keys, int nk, size_t pos)
{
	int i, j;

	for (i = 0; i < (int)c->r->enums[e].n; i++) {
		for (j = 0; j < nk; j++)
			if (const_of(c, keys[j])->d.coef == i)
				break;
		if (j == nk)
			return err(c, pos, "case() does not cover '%s'; add it "
			    "or else:", c->r->enums[e].names[i]);
	}
	return 0;
}

/* case(value, key: result, ..., else: result). */
static int
compile_case(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	int subj, e = -1, nk = 0, els = -1, vals[MAXARGS], keys[MAXARGS];
	int list[MAXARGS * 2 + 2];
	int n, i, type;

	if (a->n < 2 || a->key[0] != NULL)
		return err(c, pos, "case() takes (value, key: result, ..., "
		    "else: result)");
	subj = a->node[0];
	if (N(c, subj)->type == VT_ENUM)
		e = N(c, subj)->enumset;
	else if (N(c, subj)->type != VT_STR && N(c, subj)->type != VT_NUM)
		return err(c, a->pos[0], "case() looks up an enum, a string "
		    "or a number");
	for (i = 1; i < a->n; i++) {
		if (a->key[i] == NULL)
			return err(c, a->pos[i], "case() results are written "
			    "key: result");
		if (a->keylen[i] == 4 && strncmp(a->key[i], "else", 4) == 0) {
			if (i != a->n - 1)
				return err(c, a->pos[i], "else: comes last");
			els = a->node[i];
			continue;
		}
		if ((keys[nk] = case_key(c, subj, e, a, i)) < 0)
			return -1;
		vals[nk++] = a->node[i];
	}
	if (nk == 0)
		return err(c, pos, "case() needs at least one key");
	if (els < 0) {
		if (e < 0)
			return err(c, pos, "case() on a string or number needs "
			    "else:");
		if (case_covers(c, e, keys, nk, pos) != 0)
			return -1;
		if ((els = mk(c, OP_FAIL, N(c, vals[0])->type, pos)) < 0)
			return -1;
		N(c, els)->a = -1;
	}
	for (i = 0; i < nk; i++)
		if (unify(c, &vals[i], &els, pos) != 0)
			return -1;
	for (i = 0; i < nk; i++)
		if (unify(c, &vals[i], &els, pos) != 0)
			return -1;
	list[0] = subj;
	for (i = 0; i < nk; i++) {
		list[1 + 2 * i] = keys[i];
		list[2 + 2 * i] = vals[i];
	}
	list[1 + 2 * nk] = els;
	type = N(c, els)->op == OP_FAIL ? N(c, vals[0])->type :
	    N(c, els)->type;
	if ((n = mk(c, b->op, type, pos)) < 0 ||
	    mk_args(c, list, 2 + 2 * nk, n) != 0)
		return -1;
	N(c, n)->argtype = N(c, subj)->type;
	N(c, n)->enumset = N(c, vals[0])->enumset;
	return n;
}

/* min(), max(): numbers or dates, all of one type. */
static int
compile_minmax(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	int n, i, type = N(c, a->node[0])->type;

	if (type != VT_NUM && type != VT_DATE)
		return err(c, a->pos[0], "%s() takes numbers or dates",
		    b->name);
	for (i = 1; i < a->n; i++)
		if (want(c, a->node[i], type, "an argument") < 0)
			return -1;
	if ((n = mk(c, b->op, type, pos)) < 0 ||
	    mk_args(c, a->node, a->n, n) != 0)
		return -1;
	return n;
}

/*
 * The functions of fixed arity and argument types (b->at): abs(),
 * year(), mod(), days(), date() ...  An enum passed for a string is
 * its name.
 */
static int
compile_fixed(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	static const char *const nth[] = { "the first argument",
	    "the second argument" };
	char what[32];
	int n, i;

	for (i = 0; i < b->lo; i++) {
		if (b->at[i] == VT_STR)
			a->node[i] = to_str(c, a->node[i]);
		if (b->lo == 1)
			snprintf(what, sizeof(what), "the argument");
		else if (b->lo == 2)
			snprintf(what, sizeof(what), "%s", nth[i]);
		else
			snprintf(what, sizeof(what), "%s() argument", b->name);
		if (want(c, a->node[i], b->at[i], what) < 0)
			return -1;
	}
	if ((n = mk(c, b->op, b->type, pos)) < 0)
		return -1;
	N(c, n)->a = a->node[0];
	if (b->lo > 1)
		N(c, n)->b = a->node[1];
	if (b->lo > 2)
		N(c, n)->c = a->node[2];
	return n;
}

/* round(amount, places, mode), round_unit(amount, unit, mode). */
static int
compile_round(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	int unit = b->op == OP_ROUND_UNIT, places = 0, n;
	enum payroll_round mode;

	if (a->n != 3 || a->key[0] || a->key[1] || a->key[2])
		return err(c, pos, "%s() takes (amount, %s, mode)", b->name,
		    unit ? "unit" : "places");
	if (want(c, a->node[0], VT_NUM, "the amount") < 0 ||
	    want(c, a->node[1], VT_NUM, unit ? "the unit" : "places") < 0 ||
	    round_mode(c, a, 2, &mode) != 0)
		return -1;
	if (!unit && (places = const_int(c, a->node[1], -30, 30,
	    "places")) == INT32_MIN)
		return -1;
	if ((n = mk(c, b->op, b->type, pos)) < 0)
		return -1;
	N(c, n)->a = a->node[0];
	N(c, n)->b = unit ? a->node[1] : places;
	N(c, n)->sub = (unsigned char)mode;
	return n;
}

/* trunc(), floor(), ceil(): (amount) or (amount, places), rounded in
 * the mode b->mode. */
static int
compile_trunc(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	int places = 0, n;

	if (want(c, a->node[0], VT_NUM, "the amount") < 0)
		return -1;
	if (a->n == 2 && (places = const_int(c, a->node[1], -30, 30,
	    "places")) == INT32_MIN)
		return -1;
	if ((n = mk(c, b->op, b->type, pos)) < 0)
		return -1;
	N(c, n)->a = a->node[0];
	N(c, n)->b = places;
	N(c, n)->sub = (unsigned char)b->mode;
	return n;
}

/* scale(), scale_rate(): (scale, amount) or (scale, amount, factor). */
static int
compile_scale(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	int idx, n;

	if ((a->n != 2 && a->n != 3) || a->bare[0] == NULL)
		return err(c, pos, "%s() takes (scale, amount) or (scale, "
		    "amount, factor)", b->name);
	if ((idx = find_sym(c, a, 0, SYM_SCALE, "a scale")) < 0 ||
	    want(c, a->node[1], VT_NUM, "the amount") < 0 ||
	    (a->n == 3 && want(c, a->node[2], VT_NUM, "the factor") < 0))
		return -1;
	note_use(c, 1, idx);
	if ((n = mk(c, b->op, b->type, pos)) < 0)
		return -1;
	N(c, n)->a = idx;
	N(c, n)->b = a->node[1];
	N(c, n)->c = a->n == 3 ? a->node[2] : -1;
	return n;
}

/* table(), has(): (table, key, ...), one key per level of the table. */
static int
compile_table(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	int idx, n, i;

	if (a->n < 2 || a->bare[0] == NULL)
		return err(c, pos, "%s() takes (table, key, ...)", b->name);
	if ((idx = find_sym(c, a, 0, SYM_TABLE, "a table")) < 0)
		return -1;
	if (a->n - 1 != c->r->tables[idx].depth)
		return err(c, pos, "table '%s' has %d key%s, not %d",
		    c->r->tables[idx].name, c->r->tables[idx].depth,
		    c->r->tables[idx].depth == 1 ? "" : "s", a->n - 1);
	for (i = 1; i < a->n; i++) {
		if (a->node[i] < 0)
			return -1;
		if (N(c, a->node[i])->type == VT_ENUM)
			a->node[i] = to_str(c, a->node[i]);
		if (N(c, a->node[i])->type != VT_STR &&
		    N(c, a->node[i])->type != VT_NUM)
			return err(c, a->pos[i], "a table key is a string, an "
			    "enum or a whole number");
	}
	note_use(c, 2, idx);
	if ((n = mk(c, b->op, b->type, pos)) < 0 ||
	    mk_args(c, a->node + 1, a->n - 1, n) != 0)
		return -1;
	N(c, n)->a = idx;
	return n;
}

/* sum(tag or kind): the outputs of that kind or with that tag, added
 * (0 when none). */
static int
compile_sum(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	static const char *const kn[] = { "info", "earning", "deduction",
	    "withholding", "employer" };
	size_t o, t;
	int acc = -1;
	char tag[128];

	if (a->n != 1 || a->bare[0] == NULL || a->barelen[0] >= sizeof(tag))
		return err(c, pos, "sum() takes a tag or a kind");
	memcpy(tag, a->bare[0], a->barelen[0]);
	tag[a->barelen[0]] = '\0';
	if (!rules_tag_known(c->r, tag, strlen(tag)))
		return err(c, a->pos[0], "sum(%s): no pack declares the tag "
		    "'%s' (declare it under tags: with what it means)", tag,
		    tag);
	for (o = 0; o < c->r->noutputs; o++) {
		struct output *out = &c->r->outputs[o];
		int hit = (size_t)out->kind < NELEM(kn) &&
		    strcmp(kn[out->kind], tag) == 0;
		int ref;

		for (t = 0; !hit && t < out->ntags; t++)
			hit = strcmp(out->tags[t], tag) == 0;
		if (!hit)
			continue;
		if ((ref = formula_ref(c, out->formula, pos)) < 0 ||
		    want(c, ref, VT_NUM, "a summed output") < 0)
			return -1;
		acc = acc < 0 ? ref : binary(c, OP_ADD, acc, ref, pos);
		if (acc < 0)
			return -1;
	}
	if (acc < 0) {
		struct payroll_dec z = { 0, 0, 0 };

		acc = mk_num(c, z, pos);
	}
	return acc;
}

/* present(input): whether the record has a value for it. */
static int
compile_present(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	int idx, n;

	if (a->n != 1 || a->bare[0] == NULL)
		return err(c, pos, "present() takes an input name");
	if ((idx = find_sym(c, a, 0, SYM_INPUT, "an input")) < 0 ||
	    (n = mk(c, b->op, b->type, pos)) < 0)
		return -1;
	N(c, n)->a = idx;
	return n;
}

/* has_item(item): whether the employee has that item this period. */
static int
compile_has_item(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	size_t k;
	int n;

	if (a->n != 1 || a->bare[0] == NULL)
		return err(c, pos, "has_item() takes an item name");
	for (k = 0; k < c->r->nitems; k++)
		if (strlen(c->r->items[k].name) == a->barelen[0] &&
		    strncmp(c->r->items[k].name, a->bare[0],
		    a->barelen[0]) == 0)
			break;
	if (k == c->r->nitems)
		return err(c, a->pos[0], "no item '%.*s'", (int)a->barelen[0],
		    a->bare[0]);
	if ((n = mk(c, b->op, b->type, pos)) < 0)
		return -1;
	N(c, n)->a = (int)k;
	return n;
}

/* matches(subject, regex), capture(subject, regex, group). */
static int
compile_regex(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	int cap = b->op == OP_CAPTURE, rx, grp = 0, n;

	a->node[0] = to_str(c, a->node[0]);
	if (want(c, a->node[0], VT_STR, "the subject") < 0 ||
	    (rx = regex_new(c, a->node[1])) < 0)
		return -1;
	if (cap && (grp = const_int(c, a->node[2], 0, 9, "the group")) ==
	    INT32_MIN)
		return -1;
	if ((n = mk(c, b->op, b->type, pos)) < 0)
		return -1;
	N(c, n)->a = a->node[0];
	N(c, n)->b = rx;
	N(c, n)->c = grp;
	return n;
}

/*
 * fail('message') or fail('no sourced rate for ', name, ' on ',
 * period.pay_date): the message in quotes first, then strings, numbers
 * and dates written one after another.
 */
static int
compile_fail(struct cx *c, const struct builtin *b, size_t pos,
    struct args *a)
{
	int n, i;

	if (!is_const(c, a->node[0]) || N(c, a->node[0])->type != VT_STR)
		return err(c, a->pos[0], "fail() takes a message in quotes");
	for (i = 1; i < a->n; i++) {
		if (a->node[i] < 0)
			return -1;
		if (N(c, a->node[i])->type == VT_ENUM)
			a->node[i] = to_str(c, a->node[i]);
		if (N(c, a->node[i])->type != VT_STR &&
		    N(c, a->node[i])->type != VT_NUM &&
		    N(c, a->node[i])->type != VT_DATE)
			return err(c, a->pos[i], "fail() writes strings, "
			    "numbers and dates after its message");
	}
	if ((n = mk(c, b->op, b->type, pos)) < 0)
		return -1;
	N(c, n)->a = a->node[0];
	if (a->n > 1 && mk_args(c, a->node + 1, a->n - 1, n) != 0)
		return -1;
	return n;
}

#define ARG0 1u			/* struct builtin's bare: argument 0 */
#define ARG2 4u			/* argument 2 */
#define ANY (-1)		/* no fixed type, or no upper arity */
#define OWN (-1)		/* lo: the compiler checks the arity itself */

/*
 * The built-in functions.  lo..hi is the arity checked before the
 * compiler runs (hi ANY: no upper bound; lo OWN: the compiler checks it
 * with its own message); bare says which arguments are bare names (a
 * scale, a table, an input, a rounding mode), not expressions; op and
 * type are the node made (type ANY: the arguments' type); at are
 * compile_fixed's argument types; mode is trunc/floor/ceil's rounding.
 */
static const struct builtin builtins[] = {
	/* name          lo   hi   bare  op              type     at                            mode  compile */
	{ "if",          OWN, ANY, 0,    OP_IF,          ANY,     { 0, 0, 0 },                  0, compile_if },
	{ "case",        OWN, ANY, 0,    OP_CASE,        ANY,     { 0, 0, 0 },                  0, compile_case },
	{ "min",         1,   ANY, 0,    OP_MIN,         ANY,     { 0, 0, 0 },                  0, compile_minmax },
	{ "max",         1,   ANY, 0,    OP_MAX,         ANY,     { 0, 0, 0 },                  0, compile_minmax },
	{ "abs",         1,   1,   0,    OP_ABS,         VT_NUM,  { VT_NUM, 0, 0 },             0, compile_fixed },
	{ "year",        1,   1,   0,    OP_YEAR,        VT_NUM,  { VT_DATE, 0, 0 },            0, compile_fixed },
	{ "month",       1,   1,   0,    OP_MONTH,       VT_NUM,  { VT_DATE, 0, 0 },            0, compile_fixed },
	{ "day",         1,   1,   0,    OP_DAY,         VT_NUM,  { VT_DATE, 0, 0 },            0, compile_fixed },
	{ "number",      1,   1,   0,    OP_NUMBER,      VT_NUM,  { VT_STR, 0, 0 },             0, compile_fixed },
	{ "len",         1,   1,   0,    OP_LEN,         VT_NUM,  { VT_STR, 0, 0 },             0, compile_fixed },
	{ "iban_valid",  1,   1,   0,    OP_IBAN,        VT_BOOL, { VT_STR, 0, 0 },             0, compile_fixed },
	{ "mod",         2,   2,   0,    OP_MOD,         VT_NUM,  { VT_NUM, VT_NUM, 0 },        0, compile_fixed },
	{ "days",        2,   2,   0,    OP_DAYS,        VT_NUM,  { VT_DATE, VT_DATE, 0 },      0, compile_fixed },
	{ "weekdays",    2,   2,   0,    OP_WEEKDAYS,    VT_NUM,  { VT_DATE, VT_DATE, 0 },      0, compile_fixed },
	{ "working_days", 2,  2,   0,    OP_WORKDAYS,    VT_NUM,  { VT_DATE, VT_DATE, 0 },      0, compile_fixed },
	{ "digit",       2,   2,   0,    OP_DIGIT,       VT_NUM,  { VT_STR, VT_NUM, 0 },        0, compile_fixed },
	{ "date",        3,   3,   0,    OP_MKDATE,      VT_DATE, { VT_NUM, VT_NUM, VT_NUM },   0, compile_fixed },
	{ "round",       OWN, ANY, ARG2, OP_ROUND,       VT_NUM,  { 0, 0, 0 },                  0, compile_round },
	{ "round_unit",  OWN, ANY, ARG2, OP_ROUND_UNIT,  VT_NUM,  { 0, 0, 0 },                  0, compile_round },
	{ "trunc",       1,   2,   0,    OP_ROUND,       VT_NUM,  { 0, 0, 0 }, PAYROLL_ROUND_DOWN, compile_trunc },
	{ "floor",       1,   2,   0,    OP_ROUND,       VT_NUM,  { 0, 0, 0 }, PAYROLL_ROUND_FLOOR, compile_trunc },
	{ "ceil",        1,   2,   0,    OP_ROUND,       VT_NUM,  { 0, 0, 0 }, PAYROLL_ROUND_CEILING, compile_trunc },
	{ "scale",       OWN, ANY, ARG0, OP_SCALE,       VT_NUM,  { 0, 0, 0 },                  0, compile_scale },
	{ "scale_rate",  OWN, ANY, ARG0, OP_SCALE_RATE,  VT_NUM,  { 0, 0, 0 },                  0, compile_scale },
	{ "table",       OWN, ANY, ARG0, OP_TABLE,       VT_NUM,  { 0, 0, 0 },                  0, compile_table },
	{ "has",         OWN, ANY, ARG0, OP_HAS,         VT_BOOL, { 0, 0, 0 },                  0, compile_table },
	{ "sum",         OWN, ANY, ARG0, OP_ADD,         VT_NUM,  { 0, 0, 0 },                  0, compile_sum },
	{ "present",     OWN, ANY, ARG0, OP_PRESENT,     VT_BOOL, { 0, 0, 0 },                  0, compile_present },
	{ "has_item",    OWN, ANY, ARG0, OP_HAS_ITEM,    VT_BOOL, { 0, 0, 0 },                  0, compile_has_item },
	{ "matches",     2,   2,   0,    OP_MATCHES,     VT_BOOL, { 0, 0, 0 },                  0, compile_regex },
	{ "capture",     3,   3,   0,    OP_CAPTURE,     VT_STR,  { 0, 0, 0 },                  0, compile_regex },
	{ "fail",        1,   16,  0,    OP_FAIL,        VT_NUM,  { 0, 0, 0 },                  0, compile_fail },
};

#undef ARG0
#undef ARG2
#undef ANY
#undef OWN

/* The built-in function called fn (len bytes), or NULL. */
static const struct builtin *
builtin_find(const char *fn, size_t len)
{
	size_t i;

	for (i = 0; i < NELEM(builtins); i++)
		if (strlen(builtins[i].name) == len &&
		    strncmp(fn, builtins[i].name, len) == 0)
			return &builtins[i];
	return NULL;
}

/* A call of a built-in or user function; a holds its arguments. */
static int
call_args(struct cx *c, const char *fn, size_t len, size_t pos,
    struct args *a)
{
	const struct builtin *b = builtin_find(fn, len);
	int kind, idx;

	if (b != NULL) {
		if (b->lo != -1 && arity(c, fn, len, a, b->lo, b->hi, pos) != 0)
			return -1;
		return b->compile(c, b, pos, a);
	}
	if (rules_lookup(c->r, fn, len, &kind, &idx) == 0 && kind == SYM_FUNC)
		return call_user(c, idx, a, pos);
	return err(c, pos, "unknown function '%.*s'", (int)len, fn);
}

/*
 * The arguments live on the heap: the compiler recurses through calls,
 * and a few kilobytes a level on the stack limited how deep a pack may
 * nest (MAX_COMPILE_DEPTH levels must fit in a small stack).
 */
static int
call(struct cx *c)
{
	const char *fn = c->s + c->tpos;
	size_t len = c->tlen, pos = c->tpos;
	struct args *a;
	int n;

	if ((a = malloc(sizeof(*a))) == NULL)
		return oom(c);
	next(c);	/* the '(' */
	n = parse_args(c, fn, len, a) != 0 ? -1 :
	    call_args(c, fn, len, pos, a);
	free(a);
	return n;
}

/* ------------------------------------------------------------------ */
/* Grammar                                                            */
/* ------------------------------------------------------------------ */

static int
primary(struct cx *c)
{
	size_t pos = c->tpos;
	int n;

	switch (c->t) {
	case T_NUM:
		{
			struct payroll_dec d;

			if (payroll_dec_parse(c->s + c->tpos, c->tlen, &d) != 0)
				return err(c, pos, "number out of range");
			next(c);
			if (c->t == T_PCT) {
				if (d.scale + 2 > PAYROLL_DEC_MAXSCALE)
					return err(c, pos, "number out of "
					    "range");
				d.scale += 2;
				next(c);
			}
			return mk_num(c, d, pos);
		}
	case T_STR:
		{
			struct val v;

			memset(&v, 0, sizeof(v));
			if ((v.s = c->tstr) == NULL)
				return oom(c);
			v.len = strlen(v.s);
			next(c);
			return mk_const(c, VT_STR, v, pos);
		}
	case T_NAME:
		if (c->pos < c->len) {
			size_t q = c->pos;

			while (q < c->len && (c->s[q] == ' ' || c->s[q] == '\t'))
				q++;
			if (q < c->len && c->s[q] == '(' &&
			    !tok_is(c, "not") && !tok_is(c, "and") &&
			    !tok_is(c, "or"))
				return call(c);
		}
		if (tok_is(c, "and") || tok_is(c, "or"))
			return err(c, pos, "expected a value before '%.*s'",
			    (int)c->tlen, c->s + c->tpos);
		return name_ref(c);
	case T_LP:
		next(c);
		if ((n = expr(c)) < 0)
			return -1;
		if (c->t != T_RP)
			return err(c, c->tpos, "expected ')'");
		next(c);
		return n;
	case T_EOF:
		return err(c, pos, "expression ends too early");
	case T_BAD:
		return err(c, pos, "unexpected character '%c'", c->s[pos]);
	default:
		return err(c, pos, "unexpected '%.*s'", (int)c->tlen,
		    c->s + c->tpos);
	}
}

static int
unary(struct cx *c)
{
	size_t pos = c->tpos;
	int a, n;

	if (c->t == T_MINUS) {
		if (++c->depth > MAX_EXPR_DEPTH)
			return err(c, pos, "expression nested too deeply");
		next(c);
		if ((a = unary(c)) < 0 || want(c, a, VT_NUM, "a negated "
		    "value") < 0 || (n = mk(c, OP_NEG, VT_NUM, pos)) < 0)
			return -1;
		N(c, n)->a = a;
		c->depth--;
		return fold(c, n);
	}
	return primary(c);
}

static int
product(struct cx *c)
{
	int a = unary(c);

	while (a >= 0 && (c->t == T_STAR || c->t == T_SLASH)) {
		int op = c->t == T_STAR ? OP_MUL : OP_DIV;
		size_t pos = c->tpos;

		next(c);
		a = binary(c, op, a, unary(c), pos);
	}
	return a;
}

static int
sum(struct cx *c)
{
	int a = product(c);

	while (a >= 0 && (c->t == T_PLUS || c->t == T_MINUS)) {
		int op = c->t == T_PLUS ? OP_ADD : OP_SUB;
		size_t pos = c->tpos;

		next(c);
		a = binary(c, op, a, product(c), pos);
	}
	return a;
}

static int
comparison(struct cx *c)
{
	int a = sum(c), b, n, sub;
	size_t pos;

	if (a < 0)
		return -1;
	switch (c->t) {
	case T_EQ:
		sub = CMP_EQ;
		break;
	case T_NE:
		sub = CMP_NE;
		break;
	case T_LT:
		sub = CMP_LT;
		break;
	case T_LE:
		sub = CMP_LE;
		break;
	case T_GT:
		sub = CMP_GT;
		break;
	case T_GE:
		sub = CMP_GE;
		break;
	default:
		return a;
	}
	pos = c->tpos;
	next(c);
	if ((b = sum(c)) < 0 || unify(c, &a, &b, pos) != 0)
		return -1;
	if ((N(c, a)->type == VT_BOOL || N(c, a)->type == VT_ENUM) &&
	    sub != CMP_EQ && sub != CMP_NE)
		return err(c, pos, "a %s can only be compared with == or !=",
		    type_name(N(c, a)->type));
	if ((n = mk(c, OP_CMP, VT_BOOL, pos)) < 0)
		return -1;
	N(c, n)->a = a;
	N(c, n)->b = b;
	N(c, n)->sub = (unsigned char)sub;
	N(c, n)->argtype = N(c, a)->type;
	return n;
}

static int
negation(struct cx *c)
{
	size_t pos = c->tpos;
	int a, n;

	if (tok_is(c, "not")) {
		if (++c->depth > MAX_EXPR_DEPTH)
			return err(c, pos, "expression nested too deeply");
		next(c);
		if ((a = negation(c)) < 0 || want(c, a, VT_BOOL, "the operand "
		    "of not") < 0 || (n = mk(c, OP_NOT, VT_BOOL, pos)) < 0)
			return -1;
		N(c, n)->a = a;
		c->depth--;
		return n;
	}
	return comparison(c);
}

static int
conjunction(struct cx *c)
{
	int a = negation(c), b, n;

	while (a >= 0 && tok_is(c, "and")) {
		size_t pos = c->tpos;

		next(c);
		if ((b = negation(c)) < 0 ||
		    want(c, a, VT_BOOL, "an operand of and") < 0 ||
		    want(c, b, VT_BOOL, "an operand of and") < 0 ||
		    (n = mk(c, OP_AND, VT_BOOL, pos)) < 0)
			return -1;
		N(c, n)->a = a;
		N(c, n)->b = b;
		a = n;
	}
	return a;
}

static int
expr(struct cx *c)
{
	int a, b, n;

	if (++c->depth > MAX_EXPR_DEPTH)
		return err(c, c->tpos, "expression nested too deeply");
	if (++c->r->compile_depth > MAX_COMPILE_DEPTH)
		return err(c, c->tpos, "expressions and formulas nested too "
		    "deeply (more than %d levels)", MAX_COMPILE_DEPTH);
	a = conjunction(c);
	while (a >= 0 && tok_is(c, "or")) {
		size_t pos = c->tpos;

		next(c);
		if ((b = conjunction(c)) < 0 ||
		    want(c, a, VT_BOOL, "an operand of or") < 0 ||
		    want(c, b, VT_BOOL, "an operand of or") < 0 ||
		    (n = mk(c, OP_OR, VT_BOOL, pos)) < 0)
			return -1;
		N(c, n)->a = a;
		N(c, n)->b = b;
		a = n;
	}
	c->depth--;
	c->r->compile_depth--;
	return a;
}

static int
compile_text(struct cx *c)
{
	int n;

	next(c);
	if (c->t == T_EOF)
		return err(c, 0, "empty expression");
	if ((n = expr(c)) < 0)
		return -1;
	if (c->t != T_EOF)
		return err(c, c->tpos, "unexpected '%.*s' after the expression",
		    (int)c->tlen, c->s + c->tpos);
	return n;
}

/* The engine's gross_pay and net_pay. */
static int
compile_synthetic(struct payroll_rules *r, int f, struct cx *c)
{
	size_t o;
	int acc = -1, ref;
	struct payroll_dec z = { 0, 0, 0 };

	for (o = 0; o < r->noutputs; o++) {
		struct output *out = &r->outputs[o];
		int add;

		if (f == r->gross)
			add = out->kind == PAYROLL_K_EARNING;
		else
			add = out->kind == PAYROLL_K_DEDUCTION ||
			    out->kind == PAYROLL_K_WITHHOLDING;
		if (!add)
			continue;
		if ((ref = formula_ref(c, out->formula, 0)) < 0 ||
		    want(c, ref, VT_NUM, "a money output") < 0)
			return -1;
		acc = acc < 0 ? ref : binary(c, OP_ADD, acc, ref, 0);
		if (acc < 0)
			return -1;
	}
	if (acc < 0 && (acc = mk_num(c, z, 0)) < 0)
		return -1;
	if (f == r->net) {
		int g = formula_ref(c, r->gross, 0);

		return binary(c, OP_SUB, g, acc, 0);
	}
	return acc;
}

static int
compile_formula(struct payroll_rules *r, int f, struct payroll_diag *diag)
{
	struct formula *fo = &r->formulas[f];
	struct cx c;
	int root;

	if (fo->state == F_DONE)
		return 0;
	if (++r->compile_depth > MAX_COMPILE_DEPTH) {
		r->compile_depth--;
		return rules_error(diag, fo->expr, 0, "formulas nested too "
		    "deeply (more than %d levels)", MAX_COMPILE_DEPTH);
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.where = fo->expr;
	c.pack = fo->pack;
	c.formula = f;
	c.input = -1;
	c.seg = fo->seg;
	c.diag = diag;
	fo->state = F_BUSY;
	if (fo->expr == NULL) {
		c.s = "";
		root = compile_synthetic(r, f, &c);
	} else {
		c.s = fo->expr->val;
		c.len = fo->expr->len;
		root = compile_text(&c);
	}
	r->compile_depth--;
	fo = &r->formulas[f];	/* the array may have moved */
	if (root < 0)
		return r->oom ? PAYROLL_ENOMEM : PAYROLL_ERULES;
	fo->root = root;
	fo->type = r->nodes[root].type;
	fo->enumset = r->nodes[root].enumset;
	fo->state = F_DONE;
	if (fo->seg && fo->type != VT_NUM)
		return rules_error(diag, fo->expr, 0, "formula '%s' is per: "
		    "segment, so it must be a number (it is summed over the "
		    "segments)", fo->name);
	return 0;
}

int
expr_compile_formula(struct payroll_rules *r, int f, struct payroll_diag *diag)
{
	r->compile_depth = 0;
	return compile_formula(r, f, diag);
}

int
expr_compile_check(struct payroll_rules *r, int input,
    const struct ynode *e, struct payroll_diag *diag)
{
	struct cx c;
	int root;

	if (e->type != Y_SCALAR)
		return rules_error(diag, e, 0, "a check is an expression");
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.where = e;
	c.s = e->val;
	c.len = e->len;
	c.pack = r->inputs[input].pack;
	c.formula = -1;
	c.input = input;
	c.diag = diag;
	c.r->compile_depth = 0;
	if ((root = compile_text(&c)) < 0)
		return r->oom ? PAYROLL_ENOMEM : PAYROLL_ERULES;
	if (r->nodes[root].type != VT_BOOL)
		return rules_error(diag, e, 0, "a check must be true or false, "
		    "not a %s", type_name(r->nodes[root].type));
	r->inputs[input].check = root;
	return 0;
}

/* Compiles a record check: inputs, parameters and functions only. */
int
expr_compile_expr(struct payroll_rules *r, const struct ynode *e,
    struct payroll_diag *diag)
{
	struct cx c;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.where = e;
	c.s = e->val;
	c.len = e->len;
	c.pack = 0;
	c.formula = -1;
	c.input = 0;
	c.diag = diag;
	c.r->compile_depth = 0;
	return compile_text(&c);
}

/*
 * The evaluation depth of every node: calc.c evaluates recursively, one C
 * frame (or two, through a formula) per level, so a formula of 20,000
 * terms (a + a + ... is a left-leaning tree) or a long chain of formulas
 * would overflow the stack at run time.  Children always have lower
 * indexes than their parents (a node is made after its operands, a
 * formula reference after the formula), so one pass in index order does.
 * Checked once, after everything is compiled, the same in every tool.
 */
static int
child_depth(const struct payroll_rules *r, const unsigned *depth, int n,
    int k, unsigned *max)
{
	if (k < 0)
		return 0;
	if (k >= n)		/* cannot happen: see above */
		return -1;
	if (depth[k] > *max)
		*max = depth[k];
	(void)r;
	return 0;
}

int
expr_check_size(struct payroll_rules *r, struct payroll_diag *diag)
{
	unsigned *depth, max;
	size_t i;
	int n, k, bad = 0;

	if (r->nnodes == 0)
		return PAYROLL_OK;
	if ((depth = calloc(r->nnodes, sizeof(*depth))) == NULL)
		return PAYROLL_ENOMEM;
	for (i = 0; i < r->nnodes && !bad; i++) {
		const struct node *x = &r->nodes[i];

		n = (int)i;
		max = 0;
		switch (x->op) {
		case OP_CONST: case OP_INPUT: case OP_YTD: case OP_ITEM:
		case OP_HAS_ITEM: case OP_PRESENT: case OP_SEGFACT:
			break;
		case OP_FORMULA:
			bad = child_depth(r, depth, n, r->formulas[x->a].root,
			    &max);
			break;
		case OP_ROUND: case OP_NEG: case OP_NOT: case OP_ABS:
		case OP_YEAR: case OP_MONTH: case OP_DAY: case OP_NUMBER:
		case OP_LEN: case OP_IBAN: case OP_TOSTR: case OP_MATCHES:
		case OP_CAPTURE:
			bad = child_depth(r, depth, n, x->a, &max);
			break;
		case OP_SCALE: case OP_SCALE_RATE:
			bad = child_depth(r, depth, n, x->b, &max) |
			    child_depth(r, depth, n, x->c, &max);
			break;
		case OP_TABLE: case OP_HAS: case OP_IF: case OP_CASE:
		case OP_MIN: case OP_MAX: case OP_FAIL:
			for (k = 0; k < x->nargs && !bad; k++)
				bad = child_depth(r, depth, n,
				    r->args[x->args + k], &max);
			break;
		case OP_MKDATE:
			bad = child_depth(r, depth, n, x->c, &max);
			/* FALLTHROUGH */
		default:	/* two operands */
			bad |= child_depth(r, depth, n, x->a, &max) |
			    child_depth(r, depth, n, x->b, &max);
		}
		depth[i] = max + 1 + (x->op == OP_FORMULA);
		if (!bad && depth[i] > MAX_EVAL_DEPTH) {
			free(depth);
			return rules_error(diag, x->where, x->offset + 1,
			    "expression too deep to evaluate: more than %d "
			    "levels, counting the formulas it uses (split a "
			    "long sum into formulas of partial sums)",
			    MAX_EVAL_DEPTH);
		}
	}
	free(depth);
	if (bad)
		return rules_error(diag, NULL, 0, "internal error: a node "
		    "before its operand");
	return PAYROLL_OK;
}
