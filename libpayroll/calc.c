/*
 * calc.c: evaluating compiled rules for one record at a time.
 *
 * A struct payroll_calc binds the rules to an input header once.  Per
 * record it parses the declared inputs into fixed slots, then evaluates
 * the outputs by walking the node array; each formula is computed at most
 * once per record (a generation counter marks the cached values, so
 * nothing is cleared between records).  No allocation and no name look-up
 * happen per record.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

struct col {
	const char *name;
	const char *label;	/* for people: the pack's label, else name */
	int formula;
	enum payroll_kind kind;
	int money;
	int places;
};

struct payroll_calc {
	struct payroll_rules *r;
	int *incol;		/* per input: its column, or -1 */
	struct val *in;		/* per input: this record's value */
	unsigned char *present;
	struct val *fv;		/* per formula: cached value */
	uint32_t *fgen;
	uint32_t gen;
	struct payroll_dec *ytd;	/* per balance: before this period */
	struct payroll_dec *bal;	/* per balance: after */
	struct payroll_dec *items;	/* per item: this period's total */
	unsigned char *hasitem;
	struct col *cols;
	size_t ncols;
	struct payroll_dec *colv;
	int *log;		/* formulas in the order computed */
	size_t nlog;
	int curf;		/* the formula being evaluated */
	int errnode;
	char errmsg[300];
	int *ytdmap;		/* YTD file column -> balance, or -1 */
	size_t nytd;
	int ytddate;		/* the last_pay_date column */
	int ytdend;		/* the last_period_end column, or -1 */
	char keybuf[64];
	/* Segments of a split period. */
	struct payroll_dec *segsum;	/* per formula: sum over segments */
	int *segf;		/* the named per-segment formulas */
	size_t nsegf;
	int nseg;		/* segments added to this record */
	int in_segment;		/* evaluating a segment */
	payroll_date segstart, segend;
	/* The header's names, for messages (one allocation). */
	char **hdr;
	size_t nhdr;
};

/*
 * A new generation of cached values: nothing computed yet.  The log lists
 * the formulas computed in this generation, each once, so it is emptied
 * here too: it has room for every formula once, and a split period
 * computes the per-segment formulas again for every segment.
 */
static void
newgen(struct payroll_calc *c)
{
	c->nlog = 0;
	if (++c->gen == 0) {	/* wrapped: forget every cached value */
		memset(c->fgen, 0, c->r->nformulas * sizeof(*c->fgen));
		c->gen = 1;
	}
}

/* ------------------------------------------------------------------ */
/* Inputs                                                             */
/* ------------------------------------------------------------------ */

/*
 * Parses one field for input i.  Returns 0, or -1 with rule and msg set.
 */
static int
parse_input(struct payroll_calc *c, size_t i, const char *s, size_t len,
    struct val *v, const char **rule, char *msg, size_t msgsize)
{
	const struct input *in = &c->r->inputs[i];
	char shown[48];
	const char *ms = s;	/* the value as messages show it */
	size_t k, ml = len;
	int st;

	/* A masked input (a national id, an account) shows its last four
	 * characters only. */
	if (in->mask) {
		ml = payroll_mask(s, len, shown, sizeof(shown));
		ms = shown;
	}
	memset(v, 0, sizeof(*v));
	switch (in->type) {
	case PAYROLL_T_DECIMAL:
	case PAYROLL_T_MONEY:
	case PAYROLL_T_INTEGER:
		if ((st = payroll_dec_parse(s, len, &v->d)) != PAYROLL_OK) {
			*rule = "type";
			if (st == PAYROLL_ERANGE)
				snprintf(msg, msgsize, "'%.*s%s' has more than "
				    "38 digits", (int)(ml > 40 ? 40 : ml), ms,
				    ml > 40 ? "..." : "");
			else
				snprintf(msg, msgsize, "'%.*s%s' is not a plain "
				    "decimal number (like -1234.50)",
				    (int)(ml > 40 ? 40 : ml), ms, ml > 40 ?
				    "..." : "");
			return -1;
		}
		if (in->type == PAYROLL_T_INTEGER && !dec_is_integer(v->d)) {
			*rule = "type";
			snprintf(msg, msgsize, "'%.*s' is not a whole number",
			    (int)(ml > 40 ? 40 : ml), ms);
			return -1;
		}
		if (in->type == PAYROLL_T_MONEY && v->d.scale >
		    c->r->packs[in->pack].places) {
			struct payroll_dec t;

			if (payroll_dec_round(v->d, c->r->packs[in->pack].places,
			    PAYROLL_ROUND_DOWN, &t) != 0 ||
			    payroll_dec_cmp(t, v->d) != 0) {
				*rule = "type";
				snprintf(msg, msgsize, "'%.*s' has more than %d "
				    "decimal places", (int)(ml > 40 ? 40 : ml),
				    ms, c->r->packs[in->pack].places);
				return -1;
			}
		}
		return 0;
	case PAYROLL_T_BOOL:
		if ((len == 4 && strncasecmp(s, "true", 4) == 0) ||
		    (len == 3 && strncasecmp(s, "yes", 3) == 0) ||
		    (len == 1 && (s[0] == 'y' || s[0] == 'Y' || s[0] == '1'))) {
			v->d.coef = 1;
			return 0;
		}
		if ((len == 5 && strncasecmp(s, "false", 5) == 0) ||
		    (len == 2 && strncasecmp(s, "no", 2) == 0) ||
		    (len == 1 && (s[0] == 'n' || s[0] == 'N' || s[0] == '0')))
			return 0;
		*rule = "type";
		snprintf(msg, msgsize, "'%.*s' is not true or false",
		    (int)(ml > 40 ? 40 : ml), ms);
		return -1;
	case PAYROLL_T_DATE:
		{
			payroll_date d;

			if (payroll_date_parse(s, len, &d) != PAYROLL_OK) {
				*rule = "date";
				snprintf(msg, msgsize, "'%.*s' is not a date "
				    "YYYY-MM-DD", (int)(ml > 40 ? 40 : ml), ms);
				return -1;
			}
			v->d.coef = d;
			return 0;
		}
	case PAYROLL_T_ENUM:
		{
			const struct enumset *e = &c->r->enums[in->enumset];
			size_t n = 0;

			for (k = 0; k < e->n; k++)
				if (strlen(e->names[k]) == len &&
				    memcmp(e->names[k], s, len) == 0) {
					v->d.coef = (long)k;
					return 0;
				}
			*rule = "enum";
			n = (size_t)snprintf(msg, msgsize, "'%.*s' is not one of ",
			    (int)(ml > 40 ? 40 : ml), ms);
			for (k = 0; k < e->n && n < msgsize; k++)
				n += (size_t)snprintf(msg + n, msgsize - n, "%s%s",
				    k ? ", " : "", e->names[k]);
			return -1;
		}
	case PAYROLL_T_STRING:
		v->s = s;
		v->len = len;
		return 0;
	}
	return 0;
}

static int
calc_new(struct payroll_rules *r, const char *const *names, size_t n,
    struct payroll_calc **out, struct payroll_diag *diag)
{
	struct payroll_calc *c;
	size_t i, j, k;

	payroll_diag_clear(diag);
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return PAYROLL_ENOMEM;
	c->r = r;
	c->incol = calloc(r->ninputs + 1, sizeof(*c->incol));
	c->in = calloc(r->ninputs + 1, sizeof(*c->in));
	c->present = calloc(r->ninputs + 1, 1);
	c->fv = calloc(r->nformulas + 1, sizeof(*c->fv));
	c->fgen = calloc(r->nformulas + 1, sizeof(*c->fgen));
	c->log = calloc(r->nformulas + 1, sizeof(*c->log));
	c->ytd = calloc(r->nbalances + 1, sizeof(*c->ytd));
	c->bal = calloc(r->nbalances + 1, sizeof(*c->bal));
	c->items = calloc(r->nitems + 1, sizeof(*c->items));
	c->hasitem = calloc(r->nitems + 1, 1);
	c->cols = calloc(r->noutputs + 2, sizeof(*c->cols));
	c->colv = calloc(r->noutputs + 2, sizeof(*c->colv));
	c->segsum = calloc(r->nformulas + 1, sizeof(*c->segsum));
	c->segf = calloc(r->nformulas + 1, sizeof(*c->segf));
	if (c->incol == NULL || c->in == NULL || c->present == NULL ||
	    c->fv == NULL || c->fgen == NULL || c->log == NULL ||
	    c->ytd == NULL || c->bal == NULL || c->items == NULL ||
	    c->hasitem == NULL || c->cols == NULL || c->colv == NULL ||
	    c->segsum == NULL || c->segf == NULL) {
		payroll_calc_free(c);
		return PAYROLL_ENOMEM;
	}
	for (i = 0; i < r->nformulas; i++)
		if (r->formulas[i].seg && !r->formulas[i].anon &&
		    !r->formulas[i].dead && r->formulas[i].root >= 0)
			c->segf[c->nsegf++] = (int)i;
	{
		size_t need = (n + 1) * sizeof(char *);
		char *p;

		for (j = 0; j < n; j++)
			need += strlen(names[j]) + 1;
		if ((c->hdr = malloc(need)) == NULL) {
			payroll_calc_free(c);
			return PAYROLL_ENOMEM;
		}
		p = (char *)(c->hdr + n + 1);
		for (j = 0; j < n; j++) {
			size_t l = strlen(names[j]) + 1;

			c->hdr[j] = memcpy(p, names[j], l);
			p += l;
		}
		c->nhdr = n;
	}
	c->ytddate = -1;
	for (i = 0; i < r->ninputs; i++) {
		c->incol[i] = -1;
		if (r->inputs[i].dead)
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(names[j], r->inputs[i].name) == 0) {
				c->incol[i] = (int)j;
				break;
			}
		if (c->incol[i] < 0 && r->inputs[i].required) {
			diag_set(diag, NULL, 1, 0, r->inputs[i].name,
			    "the input has no column '%s', which the rules "
			    "require (%s:%lu)", r->inputs[i].name,
			    r->inputs[i].where->file, r->inputs[i].where->line);
			payroll_calc_free(c);
			return PAYROLL_EDATA;
		}
	}
	/* Columns: earnings, gross_pay, the other outputs, net_pay. */
	k = 0;
	for (j = 0; j < 2; j++)
		for (i = 0; i < r->noutputs; i++) {
			const struct output *o = &r->outputs[i];

			if ((o->kind == PAYROLL_K_EARNING) != (j == 0))
				continue;
			c->cols[k].name = o->name;
			c->cols[k].label = payroll_rules_output_label(r, i);
			c->cols[k].formula = o->formula;
			c->cols[k].kind = o->kind;
			c->cols[k].money = o->money;
			c->cols[k].places = o->money ? r->packs[o->pack].places :
			    o->places;
			k++;
		}
	/* gross_pay goes after the earnings. */
	{
		size_t ne = 0;

		for (i = 0; i < k; i++)
			if (c->cols[i].kind == PAYROLL_K_EARNING)
				ne++;
		memmove(&c->cols[ne + 1], &c->cols[ne], (k - ne) *
		    sizeof(*c->cols));
		c->cols[ne].name = "gross_pay";
		c->cols[ne].label = "Gross pay";
		c->cols[ne].formula = r->gross;
		c->cols[ne].kind = PAYROLL_K_GROSS;
		c->cols[ne].money = 1;
		c->cols[ne].places = r->npacks ? r->packs[0].places : 2;
		k++;
		c->cols[k].name = "net_pay";
		c->cols[k].label = "Net pay";
		c->cols[k].formula = r->net;
		c->cols[k].kind = PAYROLL_K_NET;
		c->cols[k].money = 1;
		c->cols[k].places = c->cols[ne].places;
		k++;
	}
	c->ncols = k;
	*out = c;
	return PAYROLL_OK;
}

int
payroll_calc_new(struct payroll_rules *r, const char *const *names, size_t n,
    struct payroll_calc **out, struct payroll_diag *diag)
{
	return diag_status(diag, calc_new(r, names, n, out, diag));
}

void
payroll_calc_free(struct payroll_calc *c)
{
	if (c == NULL)
		return;
	free(c->incol);
	free(c->in);
	free(c->present);
	free(c->fv);
	free(c->fgen);
	free(c->log);
	free(c->ytd);
	free(c->bal);
	free(c->items);
	free(c->hasitem);
	free(c->cols);
	free(c->colv);
	free(c->ytdmap);
	free(c->segsum);
	free(c->segf);
	free(c->hdr);
	free(c);
}

static void
field_of(struct payroll_calc *c, size_t i, const char *const *fields,
    const size_t *lens, size_t n, const char **s, size_t *len)
{
	int col = c->incol[i];

	if (col < 0 || (size_t)col >= n) {
		*s = "";
		*len = 0;
	} else {
		*s = fields[col];
		*len = lens[col];
	}
}

/* Sets input i from its field; 0, or -1 with rule/msg. */
static int
set_input(struct payroll_calc *c, size_t i, const char *s, size_t len,
    const char **rule, char *msg, size_t msgsize)
{
	const struct input *in = &c->r->inputs[i];

	c->present[i] = len > 0;
	if (len == 0) {
		if (in->required) {
			*rule = "required";
			if (in->label != NULL)
				snprintf(msg, msgsize, "the %s is blank: a "
				    "value is required", in->label);
			else
				snprintf(msg, msgsize, "a value is required");
			return -1;
		}
		c->in[i] = in->def;
		return 0;
	}
	return parse_input(c, i, s, len, &c->in[i], rule, msg, msgsize);
}

/* Parses a record's declared inputs into their slots. */
static int
set_inputs(struct payroll_calc *c, const char *const *fields,
    const size_t *lens, size_t n, struct payroll_diag *diag)
{
	struct payroll_rules *r = c->r;
	char msg[300];
	const char *rule;
	size_t i;

	for (i = 0; i < r->ninputs; i++) {
		const char *s;
		size_t len;

		if (r->inputs[i].dead)
			continue;
		field_of(c, i, fields, lens, n, &s, &len);
		if (set_input(c, i, s, len, &rule, msg, sizeof(msg)) != 0) {
			diag_set(diag, NULL, 0, 0, r->inputs[i].name, "%s", msg);
			return PAYROLL_EDATA;
		}
	}
	return PAYROLL_OK;
}

int
payroll_calc_begin(struct payroll_calc *c, const char *const *fields,
    const size_t *lens, size_t n, struct payroll_diag *diag)
{
	struct payroll_rules *r = c->r;

	newgen(c);
	c->nseg = 0;
	c->in_segment = 0;
	c->segstart = r->run.period.start;
	c->segend = r->run.period.end;
	memset(c->ytd, 0, r->nbalances * sizeof(*c->ytd));
	memset(c->items, 0, r->nitems * sizeof(*c->items));
	memset(c->hasitem, 0, r->nitems);
	return set_inputs(c, fields, lens, n, diag);
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                         */
/* ------------------------------------------------------------------ */

static int
fail(struct payroll_calc *c, int n, int st, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
fail(struct payroll_calc *c, int n, int st, const char *fmt, ...)
{
	va_list ap;

	if (c->errnode < 0) {
		c->errnode = n;
		va_start(ap, fmt);
		vsnprintf(c->errmsg, sizeof(c->errmsg), fmt, ap);
		va_end(ap);
	}
	return st;
}

static int eval(struct payroll_calc *c, int n, struct val *out);

static int
eval_formula(struct payroll_calc *c, int f, struct val *out)
{
	const struct formula *fo = &c->r->formulas[f];
	int st, save;

	if (c->fgen[f] == c->gen) {
		*out = c->fv[f];
		return PAYROLL_OK;
	}
	if (fo->seg && c->nseg > 0 && !c->in_segment) {
		/* The period's view of a per-segment formula: the sum,
		 * cached like any value (outputs are formatted from it). */
		memset(&c->fv[f], 0, sizeof(c->fv[f]));
		c->fv[f].d = c->segsum[f];
		c->fgen[f] = c->gen;
		*out = c->fv[f];
		return PAYROLL_OK;
	}
	save = c->curf;
	c->curf = f;
	st = eval(c, fo->root, &c->fv[f]);
	c->curf = save;
	if (st != PAYROLL_OK)
		return st;
	c->fgen[f] = c->gen;
	c->log[c->nlog++] = f;
	*out = c->fv[f];
	return PAYROLL_OK;
}

/*
 * The value of node n without a copy when it is at hand (a constant, an
 * input, a formula already computed); otherwise evaluated into *tmp.
 * Most operands are of the first kind.
 */
static inline int
get(struct payroll_calc *c, int n, struct val *tmp, const struct val **v)
{
	const struct node *x = &c->r->nodes[n];

	switch (x->op) {
	case OP_CONST:
		*v = &c->r->consts[x->a];
		return PAYROLL_OK;
	case OP_INPUT:
		*v = &c->in[x->a];
		return PAYROLL_OK;
	case OP_FORMULA:
		if (c->fgen[x->a] == c->gen) {
			*v = &c->fv[x->a];
			return PAYROLL_OK;
		}
		break;
	default:
		break;
	}
	*v = tmp;
	return eval(c, n, tmp);
}

static int
arith(struct payroll_calc *c, int n, int st)
{
	if (st == PAYROLL_OK)
		return st;
	if (st == PAYROLL_EDIVZERO)
		return fail(c, n, st, "division by zero");
	return fail(c, n, st, "arithmetic overflow (more than 38 digits)");
}

static int
cmp_vals(const struct node *x, const struct val *a, const struct val *b)
{
	switch (x->argtype) {
	case VT_NUM:
		return payroll_dec_cmp(a->d, b->d);
	case VT_STR:
		{
			size_t m = a->len < b->len ? a->len : b->len;
			int k = m ? memcmp(a->s, b->s, m) : 0;

			return k ? k : (a->len > b->len) - (a->len < b->len);
		}
	default:
		return (a->d.coef > b->d.coef) - (a->d.coef < b->d.coef);
	}
}

/* A table key as text: strings as they are, numbers as integers. */
static int
key_text(struct payroll_calc *c, int n, const struct val *v, int type,
    const char **s, size_t *len)
{
	long l;

	if (type == VT_STR) {
		*s = v->s;
		*len = v->len;
		return 0;
	}
	if (!dec_is_integer(v->d) || dec_to_long(v->d, &l) != 0)
		return fail(c, n, PAYROLL_EDATA, "a table key must be a whole "
		    "number");
	*len = (size_t)snprintf(c->keybuf, sizeof(c->keybuf), "%ld", l);
	*s = c->keybuf;
	return 0;
}

/*
 * A text operand as a message shows it: masked when it is an input
 * declared mask: true, cut at 40 bytes otherwise.
 */
static const char *
shown_text(const struct payroll_calc *c, int node, const char *s, size_t len,
    char *buf, size_t size)
{
	const struct node *x = &c->r->nodes[node];

	if (x->op == OP_INPUT && c->r->inputs[x->a].mask)
		payroll_mask(s, len, buf, size);
	else
		snprintf(buf, size, "%.*s%s", (int)(len > 40 ? 40 : len), s,
		    len > 40 ? "..." : "");
	return buf;
}

/* A whole number (a bool, a count, a date) into out. */
static inline void
set_whole(struct val *out, i128 v)
{
	out->d.coef = v;
	out->d.scale = 0;
	out->d.den = 0;
}

/* The arguments of a variadic node. */
static inline const int *
node_args(const struct payroll_calc *c, const struct node *x)
{
	return c->r->args != NULL ? c->r->args + x->args : NULL;
}

/* +, -, *, / */
static int
eval_arith(struct payroll_calc *c, int n, const struct node *x,
    struct val *out)
{
	const struct val *va, *vb;
	struct val a, b;
	int st;

	if ((st = get(c, x->a, &a, &va)) != 0 ||
	    (st = get(c, x->b, &b, &vb)) != 0)
		return st;
	st = x->op == OP_ADD ? payroll_dec_add(va->d, vb->d, &out->d) :
	    x->op == OP_SUB ? payroll_dec_sub(va->d, vb->d, &out->d) :
	    x->op == OP_MUL ? payroll_dec_mul(va->d, vb->d, &out->d) :
	    payroll_dec_div(va->d, vb->d, &out->d);
	return arith(c, n, st);
}

/* A comparison (x->sub: CMP_EQ ...). */
static int
eval_cmp(struct payroll_calc *c, const struct node *x, struct val *out)
{
	const struct val *va, *vb;
	struct val a, b;
	int st, i;

	if ((st = get(c, x->a, &a, &va)) != 0 ||
	    (st = get(c, x->b, &b, &vb)) != 0)
		return st;
	i = cmp_vals(x, va, vb);
	switch (x->sub) {
	case CMP_EQ:
		i = i == 0;
		break;
	case CMP_NE:
		i = i != 0;
		break;
	case CMP_LT:
		i = i < 0;
		break;
	case CMP_LE:
		i = i <= 0;
		break;
	case CMP_GT:
		i = i > 0;
		break;
	default:
		i = i >= 0;
	}
	set_whole(out, i);
	return PAYROLL_OK;
}

/* if(c1, v1, c2, v2, ..., else): the first branch whose condition holds. */
static int
eval_if(struct payroll_calc *c, const struct node *x, struct val *out)
{
	const int *args = node_args(c, x);
	struct val a;
	int st, i;

	for (i = 0; i + 1 < x->nargs; i += 2) {
		if ((st = eval(c, args[i], &a)) != 0)
			return st;
		if (a.d.coef != 0)
			return eval(c, args[i + 1], out);
	}
	return eval(c, args[x->nargs - 1], out);
}

/* case(value, key: result, ..., else): the result of the key equal to
 * the value. */
static int
eval_case(struct payroll_calc *c, const struct node *x, struct val *out)
{
	const int *args = node_args(c, x);
	struct node k;
	struct val a;
	int st, i;

	if ((st = eval(c, args[0], &a)) != 0)
		return st;
	k = *x;
	k.argtype = x->argtype == VT_ENUM ? VT_ENUM : x->argtype;
	for (i = 1; i + 1 < x->nargs; i += 2)
		if (cmp_vals(&k, &a, &c->r->consts[c->r->nodes[args[i]].a]) ==
		    0)
			return eval(c, args[i + 1], out);
	return eval(c, args[x->nargs - 1], out);
}

/* min(), max() of numbers or dates. */
static int
eval_minmax(struct payroll_calc *c, const struct node *x, struct val *out)
{
	const int *args = node_args(c, x);
	struct node k = *x;
	const struct val *best, *v;
	struct val a, b;
	int st, i;

	k.argtype = x->type;
	if ((st = get(c, args[0], out, &best)) != 0)
		return st;
	for (i = 1; i < x->nargs; i++) {
		int d;

		if ((st = get(c, args[i], i % 2 ? &a : &b, &v)) != 0)
			return st;
		d = cmp_vals(&k, v, best);
		if ((x->op == OP_MIN && d < 0) || (x->op == OP_MAX && d > 0)) {
			/* Keep the winner out of the next temporary's
			 * way. */
			if (v == &a || v == &b) {
				*out = *v;
				v = out;
			}
			best = v;
		}
	}
	if (best != out)
		*out = *best;
	return PAYROLL_OK;
}

/* round_unit(amount, unit, mode). */
static int
eval_round_unit(struct payroll_calc *c, int n, const struct node *x,
    struct val *out)
{
	struct val a, b;
	int st;

	if ((st = eval(c, x->a, &a)) != 0 || (st = eval(c, x->b, &b)) != 0)
		return st;
	if (b.d.coef <= 0)
		return fail(c, n, PAYROLL_EDATA, "the rounding unit must be "
		    "positive");
	return arith(c, n, payroll_dec_round_unit(a.d, b.d,
	    (enum payroll_round)x->sub, &out->d));
}

/*
 * scale(s, amount[, factor]): the tax of a marginal scale (the rate of a
 * band scale), or with scale_rate() the rate of the amount's bracket;
 * with a factor every threshold is multiplied by it.
 */
static int
eval_scale(struct payroll_calc *c, int n, const struct node *x,
    struct val *out)
{
	const struct scale *s = &c->r->scales[x->a];
	struct payroll_dec over, base, f = { 1, 0, 0 };
	struct val a, b;
	size_t k;
	int st;

	if ((st = eval(c, x->b, &a)) != 0)
		return st;
	if (x->c >= 0) {
		/* scale(s, x, f): every threshold times f. */
		if ((st = eval(c, x->c, &b)) != 0)
			return st;
		f = b.d;
		if (payroll_dec_sign(f) <= 0)
			return fail(c, n, PAYROLL_EDATA, "the factor of scale "
			    "'%s' must be positive", s->name);
	}
	if ((st = payroll_dec_mul(s->over[0], f, &over)) != 0)
		return arith(c, n, st);
	if (payroll_dec_cmp(a.d, over) < 0) {
		char buf[64];

		payroll_dec_format(a.d, -1, buf, sizeof(buf));
		return fail(c, n, PAYROLL_EDATA, "%s is below the first "
		    "bracket of scale '%s'", buf, s->name);
	}
	for (k = s->n - 1; k > 0; k--) {
		if ((st = payroll_dec_mul(s->over[k], f, &over)) != 0)
			return arith(c, n, st);
		if (payroll_dec_cmp(a.d, over) >= 0)
			break;
	}
	if (k == 0 && (st = payroll_dec_mul(s->over[0], f, &over)) != 0)
		return arith(c, n, st);
	if (x->op == OP_SCALE_RATE || s->band) {
		out->d = s->rate[k];
		return PAYROLL_OK;
	}
	if ((st = payroll_dec_mul(s->base[k], f, &base)) != 0 ||
	    (st = payroll_dec_sub(a.d, over, &b.d)) != 0 ||
	    (st = payroll_dec_mul(b.d, s->rate[k], &b.d)) != 0 ||
	    (st = payroll_dec_add(b.d, base, &out->d)) != 0)
		return arith(c, n, st);
	return PAYROLL_OK;
}

/* table(t, key, ...): the value at the keys; has(): whether there is
 * one. */
static int
eval_table(struct payroll_calc *c, int n, const struct node *x,
    struct val *out)
{
	const int *args = node_args(c, x);
	const struct tnode *t = c->r->tables[x->a].root;
	struct val a;
	size_t k = 0;
	int st, i;

	for (i = 0; i < x->nargs; i++) {
		const char *s = "";
		size_t len = 0;

		if ((st = eval(c, args[i], &a)) != 0 ||
		    (st = key_text(c, n, &a, c->r->nodes[args[i]].type, &s,
		    &len)) != 0)
			return st;
		if ((k = tnode_find(t, s, len)) == t->n) {
			if (x->op == OP_HAS) {
				set_whole(out, 0);
				return PAYROLL_OK;
			}
			return fail(c, n, PAYROLL_EDATA, "table '%s' has no row "
			    "'%.*s'", c->r->tables[x->a].name, (int)len, s);
		}
		if (i + 1 < x->nargs)
			t = t->kids[k];
	}
	if (x->op == OP_HAS)
		set_whole(out, 1);
	else
		out->d = t->vals[k];
	return PAYROLL_OK;
}

/* days(), weekdays() between two dates; a date minus a date. */
static int
eval_date_diff(struct payroll_calc *c, const struct node *x,
    struct val *out)
{
	struct val a, b;
	int st;

	if ((st = eval(c, x->a, &a)) != 0 || (st = eval(c, x->b, &b)) != 0)
		return st;
	set_whole(out, x->op == OP_DAYS ?
	    payroll_days_between((payroll_date)a.d.coef,
	    (payroll_date)b.d.coef) : x->op == OP_WEEKDAYS ?
	    payroll_weekdays_between((payroll_date)a.d.coef,
	    (payroll_date)b.d.coef) : a.d.coef - b.d.coef);
	return PAYROLL_OK;
}

/* A date plus or minus (x->sub) a whole number of days. */
static int
eval_date_add(struct payroll_calc *c, int n, const struct node *x,
    struct val *out)
{
	struct val a, b;
	long days;
	int st;

	if ((st = eval(c, x->a, &a)) != 0 || (st = eval(c, x->b, &b)) != 0)
		return st;
	if (!dec_is_integer(b.d) || dec_to_long(b.d, &days) != 0 ||
	    days > 1000000 || days < -1000000)
		return fail(c, n, PAYROLL_EDATA, "days added to a date must be "
		    "a whole number");
	set_whole(out, a.d.coef + (x->sub ? -days : days));
	return PAYROLL_OK;
}

/* date(year, month, day). */
static int
eval_mkdate(struct payroll_calc *c, int n, const struct node *x,
    struct val *out)
{
	struct val y, m, d;
	long ly, lm, ld;
	int st;

	if ((st = eval(c, x->a, &y)) != 0 || (st = eval(c, x->b, &m)) != 0 ||
	    (st = eval(c, x->c, &d)) != 0)
		return st;
	if (dec_to_long(y.d, &ly) != 0 || dec_to_long(m.d, &lm) != 0 ||
	    dec_to_long(d.d, &ld) != 0 || ly < 1 || ly > 9999 || lm < 1 ||
	    lm > 12 || ld < 1 || ld > payroll_days_in_month((int)ly, (int)lm))
		return fail(c, n, PAYROLL_EDATA, "date(%ld, %ld, %ld) is not a "
		    "calendar date", ly, lm, ld);
	set_whole(out, payroll_date_make((int)ly, (int)lm, (int)ld));
	return PAYROLL_OK;
}

/* year(), month(), day() of a date. */
static int
eval_date_part(struct payroll_calc *c, const struct node *x,
    struct val *out)
{
	struct val a;
	int st, y, m, d;

	if ((st = eval(c, x->a, &a)) != 0)
		return st;
	payroll_date_split((payroll_date)a.d.coef, &y, &m, &d);
	set_whole(out, x->op == OP_YEAR ? y : x->op == OP_MONTH ? m : d);
	return PAYROLL_OK;
}

/* matches(s, regex): whether it matches; capture(s, regex, group): the
 * group's text ("" when none). */
static int
eval_regex(struct payroll_calc *c, int n, const struct node *x,
    struct val *out)
{
	regmatch_t m[10];
	struct val a;
	int st, i;

	if ((st = eval(c, x->a, &a)) != 0)
		return st;
	m[0].rm_so = 0;
	m[0].rm_eo = (regoff_t)a.len;
	i = xregexec(&c->r->regexes[x->b], a.s ? a.s : "", 10, m,
	    REG_STARTEND);
	if (i == REG_ESPACE)
		return fail(c, n, PAYROLL_ENOMEM, "out of memory");
	i = i == 0;	/* matched */
	if (x->op == OP_MATCHES) {
		set_whole(out, i);
		return PAYROLL_OK;
	}
	out->s = "";
	out->len = 0;
	if (i && m[x->c].rm_so >= 0) {
		out->s = a.s + m[x->c].rm_so;
		out->len = (size_t)(m[x->c].rm_eo - m[x->c].rm_so);
	}
	return PAYROLL_OK;
}

/* number(s): the number a string holds. */
static int
eval_number(struct payroll_calc *c, int n, const struct node *x,
    struct val *out)
{
	struct val a;
	int st;

	if ((st = eval(c, x->a, &a)) != 0)
		return st;
	if (payroll_dec_parse(a.s, a.len, &out->d) != 0) {
		char shown[48];

		return fail(c, n, PAYROLL_EDATA, "'%s' is not a number",
		    shown_text(c, x->a, a.s, a.len, shown, sizeof(shown)));
	}
	return PAYROLL_OK;
}

/* len(s): its length in characters (UTF-8). */
static int
eval_len(struct payroll_calc *c, const struct node *x, struct val *out)
{
	size_t k, cnt = 0;
	struct val a;
	int st;

	if ((st = eval(c, x->a, &a)) != 0)
		return st;
	for (k = 0; k < a.len; k++)
		cnt += ((unsigned char)a.s[k] & 0xC0) != 0x80;
	set_whole(out, (long)cnt);
	return PAYROLL_OK;
}

/* digit(s, k): the k-th character of s (from 1), a digit. */
static int
eval_digit(struct payroll_calc *c, int n, const struct node *x,
    struct val *out)
{
	struct val a, b;
	long k;
	int st;

	if ((st = eval(c, x->a, &a)) != 0 || (st = eval(c, x->b, &b)) != 0)
		return st;
	if (dec_to_long(b.d, &k) != 0 || k < 1 || (size_t)k > a.len ||
	    a.s[k - 1] < '0' || a.s[k - 1] > '9') {
		char shown[48];

		return fail(c, n, PAYROLL_EDATA, "'%s' has no digit at that "
		    "position", shown_text(c, x->a, a.s, a.len, shown,
		    sizeof(shown)));
	}
	set_whole(out, a.s[k - 1] - '0');
	return PAYROLL_OK;
}

/* A fact of the segment being computed (x->a: start, end, days,
 * weekdays, working days). */
static void
eval_segfact(const struct payroll_calc *c, const struct node *x,
    struct val *out)
{
	switch (x->a) {
	case 0:
		set_whole(out, c->segstart);
		break;
	case 1:
		set_whole(out, c->segend);
		break;
	case 2:
		set_whole(out, payroll_days_between(c->segstart, c->segend));
		break;
	case 3:
		set_whole(out, payroll_weekdays_between(c->segstart,
		    c->segend));
		break;
	default:
		set_whole(out, rules_working_days(c->r, c->segstart,
		    c->segend));
	}
}

/*
 * fail('message', value, ...): the message, then each value written as
 * it is shown elsewhere (a masked input masked); a case() with no branch
 * for its value fails too.
 */
static int
eval_fail(struct payroll_calc *c, int n, const struct node *x)
{
	const int *args = node_args(c, x);
	char msg[sizeof(c->errmsg)], part[200];
	struct val a;
	size_t used;
	int st, k, ty;

	if (x->a < 0)
		return fail(c, n, PAYROLL_EDATA, "no case() branch for this "
		    "value");
	if (x->nargs == 0)
		return fail(c, n, PAYROLL_EDATA, "%s",
		    c->r->consts[c->r->nodes[x->a].a].s);
	used = (size_t)snprintf(msg, sizeof(msg), "%s",
	    c->r->consts[c->r->nodes[x->a].a].s);
	for (k = 0; k < x->nargs; k++) {
		if ((st = eval(c, args[k], &a)) != 0)
			return st;
		ty = c->r->nodes[args[k]].type;
		if (ty == VT_DATE)
			payroll_date_format((payroll_date)a.d.coef, part,
			    sizeof(part));
		else if (ty == VT_NUM)
			payroll_dec_format(a.d, -1, part, sizeof(part));
		else if (c->r->nodes[args[k]].op == OP_CONST)
			snprintf(part, sizeof(part), "%.*s", (int)a.len,
			    a.s ? a.s : "");
		else
			shown_text(c, args[k], a.s ? a.s : "", a.len, part,
			    sizeof(part));
		if (used < sizeof(msg))
			used += (size_t)snprintf(msg + used, sizeof(msg) - used,
			    "%s", part);
	}
	return fail(c, n, PAYROLL_EDATA, "%s", msg);
}

/* The value of node n into out; nonzero (and c's error set) when it
 * fails. */
static int
eval(struct payroll_calc *c, int n, struct val *out)
{
	const struct node *x = &c->r->nodes[n];
	struct val a, b;
	int st;

	switch (x->op) {
	case OP_CONST:
		*out = c->r->consts[x->a];
		return PAYROLL_OK;
	case OP_INPUT:
		*out = c->in[x->a];
		return PAYROLL_OK;
	case OP_FORMULA:
		return eval_formula(c, x->a, out);
	case OP_YTD:
		out->d = c->ytd[x->a];
		return PAYROLL_OK;
	case OP_ITEM:
		out->d = c->items[x->a];
		return PAYROLL_OK;
	case OP_HAS_ITEM:
		set_whole(out, c->hasitem[x->a]);
		return PAYROLL_OK;
	case OP_PRESENT:
		set_whole(out, c->present[x->a]);
		return PAYROLL_OK;
	case OP_ADD:
	case OP_SUB:
	case OP_MUL:
	case OP_DIV:
		return eval_arith(c, n, x, out);
	case OP_NEG:
		if ((st = eval(c, x->a, &a)) != 0)
			return st;
		out->d = payroll_dec_neg(a.d);
		return PAYROLL_OK;
	case OP_CMP:
		return eval_cmp(c, x, out);
	case OP_AND:
	case OP_OR:
		if ((st = eval(c, x->a, &a)) != 0)
			return st;
		if ((x->op == OP_AND) == (a.d.coef == 0)) {
			*out = a;
			return PAYROLL_OK;
		}
		return eval(c, x->b, out);
	case OP_NOT:
		if ((st = eval(c, x->a, &a)) != 0)
			return st;
		set_whole(out, a.d.coef == 0);
		return PAYROLL_OK;
	case OP_IF:
		return eval_if(c, x, out);
	case OP_CASE:
		return eval_case(c, x, out);
	case OP_MIN:
	case OP_MAX:
		return eval_minmax(c, x, out);
	case OP_ABS:
		if ((st = eval(c, x->a, &a)) != 0)
			return st;
		out->d = a.d.coef < 0 ? payroll_dec_neg(a.d) : a.d;
		return PAYROLL_OK;
	case OP_MOD:
		if ((st = eval(c, x->a, &a)) != 0 ||
		    (st = eval(c, x->b, &b)) != 0)
			return st;
		return arith(c, n, dec_mod(a.d, b.d, &out->d));
	case OP_ROUND:
		{
			const struct val *va;

			if ((st = get(c, x->a, &a, &va)) != 0)
				return st;
			return arith(c, n, payroll_dec_round(va->d, x->b,
			    (enum payroll_round)x->sub, &out->d));
		}
	case OP_ROUND_UNIT:
		return eval_round_unit(c, n, x, out);
	case OP_SCALE:
	case OP_SCALE_RATE:
		return eval_scale(c, n, x, out);
	case OP_TABLE:
	case OP_HAS:
		return eval_table(c, n, x, out);
	case OP_DAYS:
	case OP_WEEKDAYS:
	case OP_DATE_DIFF:
		return eval_date_diff(c, x, out);
	case OP_DATE_ADD:
		return eval_date_add(c, n, x, out);
	case OP_MKDATE:
		return eval_mkdate(c, n, x, out);
	case OP_YEAR:
	case OP_MONTH:
	case OP_DAY:
		return eval_date_part(c, x, out);
	case OP_MATCHES:
	case OP_CAPTURE:
		return eval_regex(c, n, x, out);
	case OP_NUMBER:
		return eval_number(c, n, x, out);
	case OP_LEN:
		return eval_len(c, x, out);
	case OP_DIGIT:
		return eval_digit(c, n, x, out);
	case OP_IBAN:
		if ((st = eval(c, x->a, &a)) != 0)
			return st;
		set_whole(out, payroll_iban_valid(a.s, a.len));
		return PAYROLL_OK;
	case OP_TOSTR:
		if ((st = eval(c, x->a, &a)) != 0)
			return st;
		out->s = c->r->enums[x->enumset].names[a.d.coef];
		out->len = strlen(out->s);
		return PAYROLL_OK;
	case OP_SEGFACT:
		eval_segfact(c, x, out);
		return PAYROLL_OK;
	case OP_WORKDAYS:
		if ((st = eval(c, x->a, &a)) != 0 ||
		    (st = eval(c, x->b, &b)) != 0)
			return st;
		set_whole(out, rules_working_days(c->r,
		    (payroll_date)a.d.coef, (payroll_date)b.d.coef));
		return PAYROLL_OK;
	case OP_FAIL:
		return eval_fail(c, n, x);
	}
	return fail(c, n, PAYROLL_EINVAL, "internal error: bad node");
}

/* Fills diag from the evaluation error. */
static int
eval_error(struct payroll_calc *c, int st, struct payroll_diag *diag)
{
	const struct node *x = &c->r->nodes[c->errnode >= 0 ? c->errnode : 0];
	const char *fname = c->curf >= 0 ? c->r->formulas[c->curf].name : "?";
	struct payroll_diag d;

	payroll_diag_clear(&d);
	rules_error(&d, x->where, x->offset + 1, "%s", c->errmsg);
	diag_set(diag, d.file, d.line, d.column, NULL, "formula '%s': %s",
	    fname, c->errmsg);
	/* Out of memory is the run's failure, never the employee's. */
	return st == PAYROLL_EDIVZERO || st == PAYROLL_ERANGE ||
	    st == PAYROLL_ENOMEM ? st : PAYROLL_EDATA;
}

/*
 * An item's min and max bound the period's total of the employee's rows
 * of that wage type (docs/rules.md, items), not each row: 50 hours and a
 * correction of -10 are 40 hours.
 */
int
payroll_calc_items_check(struct payroll_calc *c, struct payroll_diag *diag)
{
	size_t i;

	for (i = 0; i < c->r->nitems; i++) {
		const struct item *it = &c->r->items[i];
		char lo[48], hi[48], tot[48];

		if (!c->hasitem[i] ||
		    !((it->has_min && payroll_dec_cmp(c->items[i], it->min) <
		    0) || (it->has_max && payroll_dec_cmp(c->items[i],
		    it->max) > 0)))
			continue;
		payroll_dec_format(it->min, -1, lo, sizeof(lo));
		payroll_dec_format(it->max, -1, hi, sizeof(hi));
		payroll_dec_format(c->items[i], -1, tot, sizeof(tot));
		diag_set(diag, NULL, 0, 0, it->name, "the period's total of "
		    "the %s items is %s, outside what the packs allow for it "
		    "(%s to %s)", it->name, tot, it->has_min ? lo : "...",
		    it->has_max ? hi : "...");
		return PAYROLL_EDATA;
	}
	return PAYROLL_OK;
}

int
payroll_calc_run(struct payroll_calc *c, struct payroll_diag *diag)
{
	struct payroll_rules *r = c->r;
	struct val v;
	size_t i;
	int st;

	if ((st = payroll_calc_items_check(c, diag)) != PAYROLL_OK)
		return st;
	c->errnode = -1;
	c->errmsg[0] = '\0';
	if (c->nseg > 0) {
		/* Fresh caches for the period, after the segments. */
		newgen(c);
	}
	for (i = 0; i < c->ncols; i++) {
		struct col *col = &c->cols[i];

		c->curf = col->formula;
		if ((st = eval_formula(c, col->formula, &v)) != 0)
			return eval_error(c, st, diag);
		/* A quotient that does not terminate (den > 1) is never
		 * exact at any number of places. */
		if ((v.d.scale > col->places || v.d.den > 1) && (col->money ||
		    (col->places >= 0 &&
		    r->formulas[col->formula].type == VT_NUM))) {
			struct payroll_dec t;

			if (payroll_dec_round(v.d, col->places,
			    PAYROLL_ROUND_DOWN, &t) != 0 ||
			    payroll_dec_cmp(t, v.d) != 0) {
				char buf[64];

				payroll_dec_format(v.d, -1, buf, sizeof(buf));
				diag_set(diag, r->formulas[col->formula].expr ?
				    r->formulas[col->formula].expr->file : NULL,
				    r->formulas[col->formula].expr ?
				    r->formulas[col->formula].expr->line : 0, 0,
				    NULL, "output '%s' is %s, with more than %d "
				    "decimal places: the rules must round it",
				    col->name, buf, col->places);
				return PAYROLL_EDATA;
			}
		}
		c->colv[i] = v.d;
	}
	for (i = 0; i < r->nbalances; i++) {
		c->curf = r->balances[i].formula;
		if ((st = eval_formula(c, r->balances[i].formula, &v)) != 0)
			return eval_error(c, st, diag);
		if ((st = payroll_dec_add(c->ytd[i], v.d, &c->bal[i])) != 0) {
			diag_set(diag, NULL, 0, 0, r->balances[i].name,
			    "balance overflow");
			return PAYROLL_ERANGE;
		}
	}
	c->curf = -1;
	return PAYROLL_OK;
}

int
payroll_calc_segment(struct payroll_calc *c, const char *const *fields,
    const size_t *lens, size_t n, payroll_date start, payroll_date end,
    struct payroll_diag *diag)
{
	struct payroll_rules *r = c->r;
	struct val v;
	size_t i;
	int st;

	if ((st = set_inputs(c, fields, lens, n, diag)) != 0)
		return st;
	if (c->nseg == 0)
		for (i = 0; i < c->nsegf; i++)
			memset(&c->segsum[c->segf[i]], 0, sizeof(*c->segsum));
	newgen(c);
	c->segstart = start;
	c->segend = end;
	c->in_segment = 1;
	c->errnode = -1;
	for (i = 0; i < c->nsegf; i++) {
		int f = c->segf[i];

		c->curf = f;
		if ((st = eval_formula(c, f, &v)) != 0) {
			c->in_segment = 0;
			return eval_error(c, st, diag);
		}
		if ((st = payroll_dec_add(c->segsum[f], v.d,
		    &c->segsum[f])) != 0) {
			c->in_segment = 0;
			diag_set(diag, NULL, 0, 0, NULL, "formula '%s': the sum "
			    "over segments overflows", r->formulas[f].name);
			return PAYROLL_ERANGE;
		}
	}
	c->in_segment = 0;
	c->nseg++;
	return PAYROLL_OK;
}

/* ------------------------------------------------------------------ */
/* Validation                                                         */
/* ------------------------------------------------------------------ */

/*
 * Whether s holds a control character: C0 but for TAB, LF and CR (the
 * line breaks of a multi-line text, which CSV carries in quotes), DEL,
 * or C1 (U+0080 to U+009F, two bytes in UTF-8).  Sets its byte position
 * and code point.
 */
static int
control_char(const char *s, size_t len, size_t *pos, unsigned *cp)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') ||
		    ch == 0x7f) {
			*pos = i;
			*cp = ch;
			return 1;
		}
		if (ch == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			*pos = i;
			*cp = (unsigned char)s[i + 1];
			return 1;
		}
	}
	return 0;
}

int
payroll_calc_check(struct payroll_calc *c, const char *const *fields,
    const size_t *lens, size_t n, payroll_report_fn *report, void *arg)
{
	struct payroll_rules *r = c->r;
	char msg[400];
	const char *rule;
	size_t i;
	int bad = 0, parsed_ok = 1;

	newgen(c);
	c->nseg = 0;
	c->segstart = r->run.period.start;
	c->segend = r->run.period.end;
	c->errnode = -1;
	/* Control characters, in any field: an escape sequence or a
	 * backspace in a name would reach payslips and terminals. */
	for (i = 0; i < n; i++) {
		size_t pos;
		unsigned cp;

		if (control_char(fields[i], lens[i], &pos, &cp)) {
			snprintf(msg, sizeof(msg), "a control character (U+%04X) "
			    "at byte %zu: text holds printable characters, "
			    "tabs and line breaks only", cp, pos + 1);
			report(arg, i < c->nhdr ? c->hdr[i] : NULL, "control",
			    msg);
			bad++;
		}
	}
	for (i = 0; i < r->ninputs; i++) {
		const struct input *in = &r->inputs[i];
		const char *s;
		size_t len;

		if (in->dead)
			continue;
		field_of(c, i, fields, lens, n, &s, &len);
		if (set_input(c, i, s, len, &rule, msg, sizeof(msg)) != 0) {
			report(arg, in->name, rule, msg);
			bad++;
			parsed_ok = 0;
			continue;
		}
		if (len == 0)
			continue;
		if (in->type != PAYROLL_T_STRING &&
		    in->type != PAYROLL_T_ENUM && in->type != PAYROLL_T_BOOL &&
		    in->type != PAYROLL_T_DATE) {
			if (in->has_min &&
			    payroll_dec_cmp(c->in[i].d, in->min) < 0) {
				char b[64];

				payroll_dec_format(in->min, -1, b, sizeof(b));
				snprintf(msg, sizeof(msg), "%s%.*s%s is below the "
				    "minimum %s", in->mask ? "the value" : "'",
				    in->mask ? 0 : (int)(len > 40 ? 40 : len), s,
				    in->mask ? "" : "'", b);
				report(arg, in->name, "range", msg);
				bad++;
			}
			if (in->has_max &&
			    payroll_dec_cmp(c->in[i].d, in->max) > 0) {
				char b[64];

				payroll_dec_format(in->max, -1, b, sizeof(b));
				snprintf(msg, sizeof(msg), "%s%.*s%s is above the "
				    "maximum %s", in->mask ? "the value" : "'",
				    in->mask ? 0 : (int)(len > 40 ? 40 : len), s,
				    in->mask ? "" : "'", b);
				report(arg, in->name, "range", msg);
				bad++;
			}
		}
		if (in->has_pattern) {
			regmatch_t m[1];
			int rc;

			m[0].rm_so = 0;
			m[0].rm_eo = (regoff_t)len;
			if ((rc = xregexec(&in->pattern, s, 0, m, REG_STARTEND)) ==
			    REG_ESPACE)
				return -PAYROLL_ENOMEM;
			if (rc != 0) {
				if (in->mask)
					snprintf(msg, sizeof(msg), "the value "
					    "does not have the form %s",
					    in->pattern_src);
				else
					snprintf(msg, sizeof(msg), "'%.*s' does "
					    "not have the form %s",
					    (int)(len > 40 ? 40 : len), s,
					    in->pattern_src);
				report(arg, in->name, "pattern", msg);
				bad++;
				parsed_ok = 0;
			}
		}
	}
	if (!parsed_ok)
		return bad;
	/* The check expressions, once every input parsed. */
	for (i = 0; i < r->ninputs; i++) {
		const struct input *in = &r->inputs[i];
		struct val v;
		int st;

		if (in->dead || in->check < 0 || !c->present[i])
			continue;
		c->errnode = -1;
		c->curf = -1;
		if ((st = eval(c, in->check, &v)) == PAYROLL_ENOMEM)
			return -PAYROLL_ENOMEM;
		if (st != 0) {
			report(arg, in->name, "check", c->errmsg);
			bad++;
		} else if (v.d.coef == 0) {
			report(arg, in->name, "check", in->message ?
			    in->message : "the value fails the pack's check");
			bad++;
		}
	}
	/* The packs' record checks, whatever is present. */
	for (i = 0; i < r->nchecks; i++) {
		const struct check *ck = &r->checks[i];
		struct val v;
		int st;

		c->errnode = -1;
		c->curf = -1;
		if ((st = eval(c, ck->root, &v)) == PAYROLL_ENOMEM)
			return -PAYROLL_ENOMEM;
		if (st != 0) {
			report(arg, ck->field, "check", c->errmsg);
			bad++;
		} else if (v.d.coef == 0) {
			report(arg, ck->field, "check", ck->message);
			bad++;
		}
	}
	return bad;
}

/* ------------------------------------------------------------------ */
/* YTD and items                                                      */
/* ------------------------------------------------------------------ */

int
payroll_calc_ytd_bind(struct payroll_calc *c, const char *const *names,
    size_t n, struct payroll_diag *diag)
{
	size_t i, j;

	payroll_diag_clear(diag);
	free(c->ytdmap);
	if ((c->ytdmap = calloc(n + 1, sizeof(*c->ytdmap))) == NULL)
		return diag_status(diag, PAYROLL_ENOMEM);
	c->nytd = n;
	c->ytddate = c->ytdend = -1;
	for (i = 0; i < n; i++) {
		c->ytdmap[i] = -1;
		if (strcmp(names[i], "last_pay_date") == 0)
			c->ytddate = (int)i;
		if (strcmp(names[i], "last_period_end") == 0)
			c->ytdend = (int)i;
		for (j = 0; j < c->r->nbalances; j++)
			if (strcmp(names[i], c->r->balances[j].name) == 0)
				c->ytdmap[i] = (int)j;
	}
	if (c->ytddate < 0) {
		diag_set(diag, NULL, 1, 0, "last_pay_date",
		    "a YTD file needs the column 'last_pay_date'");
		return PAYROLL_EDATA;
	}
	return PAYROLL_OK;
}

int
payroll_calc_ytd_row(struct payroll_calc *c, const char *const *fields,
    const size_t *lens, size_t n, struct payroll_diag *diag)
{
	const struct payroll_rules *r = c->r;
	payroll_date last;
	size_t i;

	if ((size_t)c->ytddate >= n ||
	    payroll_date_parse(fields[c->ytddate], lens[c->ytddate], &last) !=
	    0) {
		diag_set(diag, NULL, 0, 0, "last_pay_date", "not a date");
		return PAYROLL_EDATA;
	}
	if (last >= r->run.period.pay_date) {
		char d[16];

		payroll_date_format(last, d, sizeof(d));
		diag_set(diag, NULL, 0, 0, "last_pay_date", "the YTD balances "
		    "already include pay date %s, not before this run's: give "
		    "the YTD file from before this period", d);
		return PAYROLL_EDATA;
	}
	/* A regular run must not pay a period the balances already hold
	 * (the same period again, with another pay date). */
	if (!r->run.off_cycle && c->ytdend >= 0 && (size_t)c->ytdend < n &&
	    lens[c->ytdend] > 0) {
		payroll_date end;
		char d[16];

		if (payroll_date_parse(fields[c->ytdend], lens[c->ytdend],
		    &end) != 0) {
			diag_set(diag, NULL, 0, 0, "last_period_end",
			    "not a date");
			return PAYROLL_EDATA;
		}
		if (end >= r->run.period.start) {
			payroll_date_format(end, d, sizeof(d));
			diag_set(diag, NULL, 0, 0, "last_period_end", "the YTD "
			    "balances already include the period ending %s, "
			    "which overlaps this run's: give the YTD file from "
			    "before this period", d);
			return PAYROLL_EDATA;
		}
	}
	for (i = 0; i < n && i < c->nytd; i++) {
		int b = c->ytdmap[i];

		if (b < 0)
			continue;
		/* Balances of an earlier tax year of their pack start over. */
		if (last < r->packs[r->balances[b].pack].year_start)
			continue;
		if (lens[i] == 0)
			continue;
		if (payroll_dec_parse(fields[i], lens[i], &c->ytd[b]) != 0) {
			diag_set(diag, NULL, 0, 0, r->balances[b].name,
			    "'%.*s' is not a number", (int)(lens[i] > 40 ? 40 :
			    lens[i]), fields[i]);
			return PAYROLL_EDATA;
		}
	}
	return PAYROLL_OK;
}

int
payroll_calc_item(struct payroll_calc *c, const char *wage_type,
    const char *amount, size_t len, struct payroll_diag *diag)
{
	struct payroll_dec d;
	size_t i;

	for (i = 0; i < c->r->nitems; i++)
		if (strcmp(c->r->items[i].name, wage_type) == 0)
			break;
	if (i == c->r->nitems) {
		diag_set(diag, NULL, 0, 0, "wage_type", "unknown wage type "
		    "'%s': no rule pack declares it under 'items:'", wage_type);
		return PAYROLL_EDATA;
	}
	if (payroll_dec_parse(amount, len, &d) != 0) {
		diag_set(diag, NULL, 0, 0, "amount", "'%.*s' is not a plain "
		    "decimal number", (int)(len > 40 ? 40 : len), amount);
		return PAYROLL_EDATA;
	}
	/* min and max bound the period's total (checked by
	 * payroll_calc_run()): a row may correct another one. */
	if (payroll_dec_add(c->items[i], d, &c->items[i]) != 0) {
		diag_set(diag, NULL, 0, 0, "amount", "item total overflows");
		return PAYROLL_ERANGE;
	}
	c->hasitem[i] = 1;
	return PAYROLL_OK;
}

/* ------------------------------------------------------------------ */
/* Results                                                            */
/* ------------------------------------------------------------------ */

size_t
payroll_calc_noutputs(const struct payroll_calc *c)
{
	return c->ncols;
}

const char *
payroll_calc_output_name(const struct payroll_calc *c, size_t i)
{
	return c->cols[i].name;
}

const char *
payroll_calc_output_label(const struct payroll_calc *c, size_t i)
{
	return c->cols[i].label;
}

enum payroll_kind
payroll_calc_output_kind(const struct payroll_calc *c, size_t i)
{
	return c->cols[i].kind;
}

int
payroll_calc_output_is_money(const struct payroll_calc *c, size_t i)
{
	return c->cols[i].money;
}

struct payroll_dec
payroll_calc_output(const struct payroll_calc *c, size_t i)
{
	return c->colv[i];
}

static size_t
format_val(const struct payroll_calc *c, int f, int places, char *buf,
    size_t size)
{
	const struct formula *fo = &c->r->formulas[f];
	const struct val *v = &c->fv[f];

	switch (fo->type) {
	case VT_BOOL:
		return (size_t)snprintf(buf, size, "%s", v->d.coef ? "true" :
		    "false");
	case VT_DATE:
		return payroll_date_format((payroll_date)v->d.coef, buf, size);
	case VT_ENUM:
		return (size_t)snprintf(buf, size, "%s",
		    c->r->enums[fo->enumset].names[v->d.coef]);
	case VT_STR:
		return (size_t)snprintf(buf, size, "%.*s", (int)v->len, v->s);
	default:
		if (places < 0) {
			struct payroll_dec d = v->d;

			/* Natural: without trailing zeros. */
			while (d.scale > 0 && d.coef % 10 == 0) {
				d.coef /= 10;
				d.scale--;
			}
			return payroll_dec_format(d, -1, buf, size);
		}
		return payroll_dec_format(v->d, places, buf, size);
	}
}

size_t
payroll_calc_output_format(const struct payroll_calc *c, size_t i, char *buf,
    size_t size)
{
	return format_val(c, c->cols[i].formula, c->cols[i].places, buf,
	    size);
}

size_t
payroll_calc_nbalances(const struct payroll_calc *c)
{
	return c->r->nbalances;
}

const char *
payroll_calc_balance_name(const struct payroll_calc *c, size_t i)
{
	return c->r->balances[i].name;
}

struct payroll_dec
payroll_calc_balance(const struct payroll_calc *c, size_t i)
{
	return c->bal[i];
}

size_t
payroll_calc_balance_format(const struct payroll_calc *c, size_t i, char *buf,
    size_t size)
{
	const struct balance *b = &c->r->balances[i];
	struct payroll_dec d = c->bal[i];
	size_t k;
	int places = -1;

	if (b->formula == c->r->gross || b->formula == c->r->net)
		places = c->r->npacks ? c->r->packs[0].places : 2;
	for (k = 0; k < c->r->noutputs && places < 0; k++)
		if (c->r->outputs[k].formula == b->formula &&
		    c->r->outputs[k].money)
			places = c->r->packs[c->r->outputs[k].pack].places;
	/* Exact values keep no trailing zeros beyond the places shown. */
	while (d.scale > (places > 0 ? places : 0) && d.coef % 10 == 0) {
		d.coef /= 10;
		d.scale--;
	}
	if (places >= 0 && d.scale <= places)
		return payroll_dec_format(d, places, buf, size);
	return payroll_dec_format(d, -1, buf, size);
}

/* ------------------------------------------------------------------ */
/* Explain                                                            */
/* ------------------------------------------------------------------ */

static void
print_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n') {
			fputs("\n        ", fp);
			continue;
		}
		putc(*s, fp);
	}
}

int
payroll_calc_explain(const struct payroll_calc *c, FILE *fp)
{
	const struct payroll_rules *r = c->r;
	char buf[128];
	size_t i, k;

	fprintf(fp, "inputs:\n");
	for (i = 0; i < r->ninputs; i++) {
		const struct input *in = &r->inputs[i];
		const struct val *v = &c->in[i];

		if (in->dead)
			continue;
		switch (in->type) {
		case PAYROLL_T_STRING:
			/* Masked as in every message: a value of four
			 * characters or fewer shows only the stars. */
			if (in->mask)
				payroll_mask(v->s, v->len, buf, sizeof(buf));
			else
				snprintf(buf, sizeof(buf), "%.*s", (int)v->len,
				    v->s);
			break;
		case PAYROLL_T_ENUM:
			snprintf(buf, sizeof(buf), "%s",
			    r->enums[in->enumset].names[v->d.coef]);
			break;
		case PAYROLL_T_BOOL:
			snprintf(buf, sizeof(buf), "%s", v->d.coef ? "true" :
			    "false");
			break;
		case PAYROLL_T_DATE:
			payroll_date_format((payroll_date)v->d.coef, buf,
			    sizeof(buf));
			break;
		default:
			payroll_dec_format(v->d, -1, buf, sizeof(buf));
		}
		if (!c->present[i] && !in->has_default)
			fprintf(fp, "  %s: absent\n", in->name);
		else
			fprintf(fp, "  %s = %s%s\n", in->name, buf,
			    c->present[i] ? "" : " (default)");
	}
	for (i = 0; i < r->nbalances; i++)
		if (c->ytd[i].coef != 0) {
			payroll_dec_format(c->ytd[i], -1, buf, sizeof(buf));
			fprintf(fp, "  ytd.%s = %s\n", r->balances[i].name, buf);
		}
	for (i = 0; i < r->nitems; i++)
		if (c->hasitem[i]) {
			payroll_dec_format(c->items[i], -1, buf, sizeof(buf));
			fprintf(fp, "  item.%s = %s\n", r->items[i].name, buf);
		}
	fprintf(fp, "values, in the order computed:\n");
	for (k = 0; k < c->nlog; k++) {
		const struct formula *fo = &r->formulas[c->log[k]];

		if (fo->anon || fo->expr == NULL || fo->root < 0)
			continue;
		format_val(c, c->log[k], -1, buf, sizeof(buf));
		fprintf(fp, "  %s = %s\n", fo->name, buf);
		fprintf(fp, "      = ");
		print_text(fp, fo->expr->val);
		fprintf(fp, "\n      (%s:%lu)\n", fo->expr->file, fo->expr->line);
		for (i = 0; i < fo->nparams; i++) {
			const struct param *p = &r->params[fo->params[i]];

			if (p->type == VT_STR)
				snprintf(buf, sizeof(buf), "'%.*s'",
				    (int)p->v.len, p->v.s);
			else
				payroll_dec_format(p->v.d, -1, buf, sizeof(buf));
			fprintf(fp, "      parameter %s = %s  [%s]\n", p->name,
			    buf, p->source);
		}
		for (i = 0; i < fo->nrefs; i++) {
			int ref = fo->refs[i];

			if (ref >= 0)
				fprintf(fp, "      scale %s  [%s]\n",
				    r->scales[ref].name, r->scales[ref].source);
			else
				fprintf(fp, "      table %s  [%s]\n",
				    r->tables[-ref - 1].name,
				    r->tables[-ref - 1].source);
		}
	}
	for (i = 0; i < c->ncols; i++) {
		if (c->cols[i].kind != PAYROLL_K_GROSS &&
		    c->cols[i].kind != PAYROLL_K_NET)
			continue;
		payroll_calc_output_format(c, i, buf, sizeof(buf));
		fprintf(fp, "  %s = %s  (%s)\n", c->cols[i].name, buf,
		    c->cols[i].kind == PAYROLL_K_GROSS ? "the sum of the "
		    "earnings" : "gross pay less deductions and withholdings");
	}
	return ferror(fp) ? PAYROLL_EIO : PAYROLL_OK;
}
