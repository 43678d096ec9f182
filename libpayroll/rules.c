/*
 * rules.c: loading rule packs.
 *
 * A pack file is loaded by conf.c into a tree that keeps each node's
 * file:line:column; aliases, anchors, tags, duplicate keys and deep
 * nesting are refused there.  The packs' declarations are then
 * entered in one name space (later packs may override with
 * `override: true`), dated values are resolved for the run, and every
 * formula is compiled (expr.c).  All errors surface here, with a place.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* Errors                                                             */
/* ------------------------------------------------------------------ */

/*
 * offset 0 means the node itself; k > 0 means byte k - 1 of a scalar's
 * text (an expression error).
 */
static int rules_warn(struct payroll_rules *r, const struct ynode *w,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));


/* ------------------------------------------------------------------ */
/* YAML to trees (conf.c)                                             */
/* ------------------------------------------------------------------ */

/* Loads a rule pack or calendar file: a mapping, not empty. */
int
ytree_load(const char *file, struct ynode **out, struct payroll_diag *diag)
{
	static const struct payroll_conf_opts opts = { "rule packs", 0, 0, 0,
	    0 };
	struct ynode *root;
	int st;

	if ((st = payroll_conf_load(file, &opts, &root, diag)) != 0)
		return st;
	if (root == NULL) {
		diag_set(diag, file, 1, 1, NULL, "empty rule pack file");
		return PAYROLL_ERULES;
	}
	if (root->type != Y_MAP) {
		st = rules_error(diag, root, 0,
		    "the file must be a mapping of sections");
		ynode_free(root);
		return st;
	}
	*out = root;
	return PAYROLL_OK;
}

/* ------------------------------------------------------------------ */
/* Tree accessors                                                     */
/* ------------------------------------------------------------------ */

static int
yscalar(const struct ynode *n, const char *what, struct payroll_diag *diag)
{
	if (n->type != Y_SCALAR)
		return rules_error(diag, n, 0, "%s must be a single value",
		    what);
	return PAYROLL_OK;
}

static int
ytrue(const struct ynode *n)
{
	return n != NULL && n->type == Y_SCALAR &&
	    (strcmp(n->val, "true") == 0 || strcmp(n->val, "yes") == 0);
}

/* Refuses a flag (required, mask, override) that is not true or false. */
static int
yflag(const struct ynode *map, const char *key, struct payroll_diag *diag)
{
	const struct ynode *n = yget(map, key);

	if (n == NULL || (n->type == Y_SCALAR && (strcmp(n->val, "true") == 0 ||
	    strcmp(n->val, "false") == 0 || strcmp(n->val, "yes") == 0 ||
	    strcmp(n->val, "no") == 0)))
		return PAYROLL_OK;
	return rules_error(diag, n, 0, "'%s' is true or false, not '%s'", key,
	    n->type == Y_SCALAR ? n->val : "a list or mapping");
}

/* Parses a number: a plain decimal, or a percentage ("6.2%"). */
int
ynum(const struct ynode *n, struct payroll_dec *out, struct payroll_diag *diag)
{
	size_t len;
	int st;

	if (n->type != Y_SCALAR)
		return rules_error(diag, n, 0, "expected a number");
	len = n->len;
	if (len > 0 && n->val[len - 1] == '%') {
		if ((st = payroll_dec_parse(n->val, len - 1, out)) == 0) {
			if (out->scale + 2 > PAYROLL_DEC_MAXSCALE)
				st = PAYROLL_ERANGE;
			else
				out->scale += 2;
		}
	} else
		st = payroll_dec_parse(n->val, len, out);
	if (st != PAYROLL_OK)
		return rules_error(diag, n, 0, "'%s' is not a number%s",
		    n->val, st == PAYROLL_ERANGE ? " (too many digits)" :
		    " (write plain decimals like 1240.50 or 6.2%)");
	return PAYROLL_OK;
}

int
ydate(const struct ynode *n, payroll_date *out, struct payroll_diag *diag)
{
	if (n == NULL || n->type != Y_SCALAR ||
	    payroll_date_parse(n->val, n->len, out) != 0)
		return rules_error(diag, n, 0,
		    "expected a date YYYY-MM-DD%s%s%s", n && n->val ? ", not '" :
		    "", n && n->val ? n->val : "", n && n->val ? "'" : "");
	return PAYROLL_OK;
}



static int
enum_new(struct payroll_rules *r, const struct ynode *decl,
    struct payroll_diag *diag)
{
	const struct ynode *values = yget(decl, "values");
	struct enumset *e;
	size_t i, j;

	/* Without values, the place is the input's declaration. */
	if (values == NULL || values->type != Y_SEQ || values->n == 0)
		return -rules_error(diag, values != NULL ? values : decl, 0,
		    "an enum needs 'values', a list of names");
	if ((e = PUSH(r, enums, nenums, r->caps.enums)) == NULL ||
	    (e->names = calloc(values->n, sizeof(*e->names))) == NULL)
		return -PAYROLL_ENOMEM;
	e->n = values->n;
	for (i = 0; i < values->n; i++) {
		if (values->kids[i]->type != Y_SCALAR ||
		    values->kids[i]->len == 0)
			return -rules_error(diag, values->kids[i], 0,
			    "enum values must be non-empty words");
		for (j = 0; j < i; j++)
			if (strcmp(e->names[j], values->kids[i]->val) == 0)
				return -rules_error(diag, values->kids[i], 0,
				    "duplicate enum value '%s'",
				    values->kids[i]->val);
		e->names[i] = values->kids[i]->val;
	}
	return (int)(e - r->enums);
}

/* ------------------------------------------------------------------ */
/* Dated values                                                       */
/* ------------------------------------------------------------------ */

/*
 * Picks the entry of a `values:` list in force on date: the one with the
 * latest `from` not after it.  Entries must be in date order.
 */
static int
pick_dated(const struct ynode *list, payroll_date date, const char *what,
    const char *name, const struct ynode **out, struct payroll_diag *diag)
{
	payroll_date prev = INT32_MIN, from;
	const struct ynode *best = NULL;
	size_t i;
	int st;

	if (list->type != Y_SEQ || list->n == 0)
		return rules_error(diag, list, 0,
		    "%s '%s': 'values' must be a list of {from: DATE, ...}",
		    what, name);
	for (i = 0; i < list->n; i++) {
		const struct ynode *e = list->kids[i];

		if (e->type != Y_MAP)
			return rules_error(diag, e, 0,
			    "%s '%s': each value is a mapping with 'from'",
			    what, name);
		if (yget(e, "from") == NULL)
			return rules_error(diag, e, 0,
			    "%s '%s': value without 'from' date", what, name);
		if ((st = ydate(yget(e, "from"), &from, diag)) != 0)
			return st;
		if (from <= prev)
			return rules_error(diag, yget(e, "from"), 0,
			    "%s '%s': values must be in increasing date order",
			    what, name);
		prev = from;
		if (from <= date)
			best = e;
	}
	if (best == NULL) {
		char d[16];

		payroll_date_format(date, d, sizeof(d));
		return rules_error(diag, list, 0,
		    "%s '%s' has no value in force on %s", what, name, d);
	}
	*out = best;
	return PAYROLL_OK;
}

/*
 * The entry of a dated declaration (scale, table) in force on the pack's
 * date, and its source: the entry's own, else the declaration's.
 */
static int
pick_sourced(struct payroll_rules *r, int pk, const struct ynode *key,
    const struct ynode *d, const char *what, const struct ynode **chosen,
    const char **source, struct payroll_diag *diag)
{
	const struct ynode *v, *src;
	int st;

	if ((v = yget(d, "values")) == NULL)
		return rules_error(diag, d, 0, "%s '%s' has no 'values'", what,
		    key->val);
	if ((st = pick_dated(v, r->packs[pk].date, what, key->val, chosen,
	    diag)) != 0)
		return st;
	if ((src = yget(*chosen, "source")) == NULL)
		src = yget(d, "source");
	if (src == NULL || src->type != Y_SCALAR || src->len == 0)
		return rules_error(diag, key, 0, "%s '%s' does not name its "
		    "source", what, key->val);
	*source = src->val;
	return PAYROLL_OK;
}

/* ------------------------------------------------------------------ */
/* Sections                                                           */
/* ------------------------------------------------------------------ */

static int
parse_literal(struct payroll_rules *r, const struct input *in,
    const struct ynode *n, struct val *v, struct payroll_diag *diag)
{
	size_t i;

	memset(v, 0, sizeof(*v));
	if (n->type != Y_SCALAR)
		return rules_error(diag, n, 0, "expected a single value");
	switch (in->type) {
	case PAYROLL_T_DECIMAL:
	case PAYROLL_T_MONEY:
	case PAYROLL_T_INTEGER:
		if (ynum(n, &v->d, diag) != 0)
			return PAYROLL_ERULES;
		if (in->type == PAYROLL_T_INTEGER && !dec_is_integer(v->d))
			return rules_error(diag, n, 0, "expected an integer");
		return PAYROLL_OK;
	case PAYROLL_T_BOOL:
		if (strcmp(n->val, "true") == 0 || strcmp(n->val, "yes") == 0)
			v->d.coef = 1;
		else if (strcmp(n->val, "false") != 0 &&
		    strcmp(n->val, "no") != 0)
			return rules_error(diag, n, 0, "expected true or false");
		return PAYROLL_OK;
	case PAYROLL_T_DATE:
		{
			payroll_date d;

			if (ydate(n, &d, diag) != 0)
				return PAYROLL_ERULES;
			v->d.coef = d;
		}
		return PAYROLL_OK;
	case PAYROLL_T_ENUM:
		for (i = 0; i < r->enums[in->enumset].n; i++)
			if (strcmp(r->enums[in->enumset].names[i], n->val) == 0) {
				v->d.coef = (long)i;
				return PAYROLL_OK;
			}
		return rules_error(diag, n, 0, "'%s' is not one of the values",
		    n->val);
	case PAYROLL_T_STRING:
		v->s = n->val;
		v->len = n->len;
		return PAYROLL_OK;
	}
	return PAYROLL_OK;
}

static const char *const input_keys[] = {
	"type", "values", "required", "default", "min", "max", "pattern",
	"form", "check", "message", "description", "mask", "override",
	"unique", "source", "unit", "label", NULL
};

static int
load_inputs(struct payroll_rules *r, int pk, const struct ynode *sec,
    struct payroll_diag *diag)
{
	static const struct {
		const char *name;
		enum payroll_type t;
	} types[] = {
		{ "decimal", PAYROLL_T_DECIMAL }, { "money", PAYROLL_T_MONEY },
		{ "integer", PAYROLL_T_INTEGER }, { "bool", PAYROLL_T_BOOL },
		{ "string", PAYROLL_T_STRING }, { "enum", PAYROLL_T_ENUM },
		{ "date", PAYROLL_T_DATE },
	};
	size_t i, k;
	int st;

	if (sec->type != Y_MAP)
		return rules_error(diag, sec, 0, "'inputs' must be a mapping");
	for (i = 0; i < sec->n; i += 2) {
		const struct ynode *key = sec->kids[i], *d = sec->kids[i + 1];
		const struct ynode *t, *x;
		struct input *in;

		if (d->type != Y_MAP)
			return rules_error(diag, d, 0,
			    "input '%s' must be a mapping with a 'type'",
			    key->val);
		if ((st = ykeys(d, input_keys, "an input", diag)) != 0 ||
		    (st = yflag(d, "required", diag)) != 0 ||
		    (st = yflag(d, "mask", diag)) != 0 ||
		    (st = yflag(d, "unique", diag)) != 0 ||
		    (st = yflag(d, "override", diag)) != 0)
			return st;
		if ((in = PUSH(r, inputs, ninputs, r->caps.inputs)) == NULL)
			return PAYROLL_ENOMEM;
		memset(in, 0, sizeof(*in));
		in->name = key->val;
		in->where = key;
		in->pack = pk;
		in->check = -1;
		if ((t = yget(d, "type")) == NULL)
			return rules_error(diag, d, 0, "input '%s' has no type",
			    key->val);
		for (k = 0; k < NELEM(types); k++)
			if (t->type == Y_SCALAR && strcmp(t->val, types[k].name) == 0)
				break;
		if (k == NELEM(types))
			return rules_error(diag, t, 0,
			    "unknown type '%s' (decimal, money, integer, bool, "
			    "string, enum, date)", t->val ? t->val : "");
		in->type = types[k].t;
		if (in->type == PAYROLL_T_ENUM) {
			int e = enum_new(r, d, diag);

			if (e < 0)
				return -e;
			in->enumset = e;
		} else if (yget(d, "values") != NULL)
			return rules_error(diag, yget(d, "values"), 0,
			    "'values' is only for enum inputs");
		in->required = ytrue(yget(d, "required"));
		in->mask = ytrue(yget(d, "mask"));
		in->unique = ytrue(yget(d, "unique"));
		if ((x = yget(d, "default")) != NULL) {
			if (in->required)
				return rules_error(diag, x, 0,
				    "a required input has no default");
			if ((st = parse_literal(r, in, x, &in->def, diag)) != 0)
				return st;
			in->has_default = 1;
		} else if (in->type == PAYROLL_T_STRING) {
			in->def.s = "";
		}
		if ((x = yget(d, "min")) != NULL) {
			if ((st = ynum(x, &in->min, diag)) != 0)
				return st;
			in->has_min = 1;
		}
		if ((x = yget(d, "max")) != NULL) {
			if ((st = ynum(x, &in->max, diag)) != 0)
				return st;
			in->has_max = 1;
		}
		if (in->has_min && in->has_max &&
		    payroll_dec_cmp(in->min, in->max) > 0)
			return rules_error(diag, yget(d, "max"), 0,
			    "input '%s': max is below min", key->val);
		/*
		 * An empty field takes the default unchecked: a default out
		 * of range is the pack's mistake, refused here.
		 */
		if (in->has_default && (in->type == PAYROLL_T_DECIMAL ||
		    in->type == PAYROLL_T_MONEY ||
		    in->type == PAYROLL_T_INTEGER) &&
		    ((in->has_min && payroll_dec_cmp(in->def.d, in->min) < 0) ||
		    (in->has_max && payroll_dec_cmp(in->def.d, in->max) > 0)))
			return rules_error(diag, yget(d, "default"), 0,
			    "input '%s': the default is outside its min and max",
			    key->val);
		if ((x = yget(d, "pattern")) != NULL) {
			char *re;
			int rc;

			if ((st = yscalar(x, "pattern", diag)) != 0)
				return st;
			if ((re = malloc(x->len + 5)) == NULL)
				return PAYROLL_ENOMEM;
			/* The whole field must match. */
			snprintf(re, x->len + 5, "^(%s)$", x->val);
			rc = regcomp(&in->pattern, re, REG_EXTENDED | REG_NOSUB);
			free(re);
			if (rc == REG_ESPACE)
				return diag_status(diag, PAYROLL_ENOMEM);
			if (rc != 0)
				return rules_error(diag, x, 0,
				    "bad regular expression '%s'", x->val);
			in->has_pattern = 1;
			in->pattern_src = x->val;
			/* What a clerk reads: the form in words, if given. */
			if ((x = yget(d, "form")) != NULL &&
			    x->type == Y_SCALAR)
				in->pattern_src = x->val;
		}
		if ((x = yget(d, "message")) != NULL)
			in->message = x->val;
		if ((x = yget(d, "label")) != NULL && x->type == Y_SCALAR &&
		    x->val[0] != '\0')
			in->label = x->val;
		st = rules_declare(r, in->name, SYM_INPUT, (int)(in - r->inputs), key,
		    ytrue(yget(d, "override")), diag);
		if (st < 0)
			return -st;
	}
	return PAYROLL_OK;
}

/* Compiles the inputs' check expressions (after every name is known). */
static int
compile_checks(struct payroll_rules *r, const struct ynode *const *secs,
    size_t nsecs, struct payroll_diag *diag)
{
	size_t s, i, k = 0;
	int st;

	(void)k;
	for (s = 0; s < nsecs; s++) {
		const struct ynode *sec = secs[s];

		for (i = 0; i < sec->n; i += 2) {
			const struct ynode *c = yget(sec->kids[i + 1], "check");
			int kind, idx;

			if (c == NULL)
				continue;
			if (rules_lookup(r, sec->kids[i]->val,
			    sec->kids[i]->len, &kind, &idx) != 0 ||
			    kind != SYM_INPUT)
				continue;
			if ((st = expr_compile_check(r, idx, c, diag)) != 0)
				return st;
		}
	}
	return PAYROLL_OK;
}

static const char *const param_keys[] = {
	"source", "value", "values", "unit", "description", "override", NULL
};

static int
load_params(struct payroll_rules *r, int pk, const struct ynode *sec,
    struct payroll_diag *diag)
{
	size_t i;
	int st;

	if (sec->type != Y_MAP)
		return rules_error(diag, sec, 0,
		    "'parameters' must be a mapping");
	for (i = 0; i < sec->n; i += 2) {
		const struct ynode *key = sec->kids[i], *d = sec->kids[i + 1];
		const struct ynode *v, *src, *chosen = NULL;
		struct param *p;

		if (d->type != Y_MAP)
			return rules_error(diag, d, 0,
			    "parameter '%s' must be a mapping with 'source' and "
			    "'value' or 'values'", key->val);
		if ((st = ykeys(d, param_keys, "a parameter", diag)) != 0)
			return st;
		if ((p = PUSH(r, params, nparams, r->caps.params)) == NULL)
			return PAYROLL_ENOMEM;
		memset(p, 0, sizeof(*p));
		p->name = key->val;
		p->where = key;
		p->pack = pk;
		src = yget(d, "source");
		if ((v = yget(d, "values")) != NULL) {
			if (yget(d, "value") != NULL)
				return rules_error(diag, v, 0,
				    "parameter '%s' has both 'value' and "
				    "'values'", key->val);
			if ((st = pick_dated(v, r->packs[pk].date, "parameter",
			    key->val, &chosen, diag)) != 0)
				return st;
			if (yget(chosen, "source") != NULL)
				src = yget(chosen, "source");
			v = yget(chosen, "value");
			if (v == NULL)
				return rules_error(diag, chosen, 0,
				    "parameter '%s': dated value without 'value'",
				    key->val);
		} else if ((v = yget(d, "value")) == NULL)
			return rules_error(diag, d, 0,
			    "parameter '%s' has no 'value' or 'values'",
			    key->val);
		if (src == NULL || src->type != Y_SCALAR || src->len == 0)
			return rules_error(diag, key, 0,
			    "parameter '%s' does not name its source", key->val);
		p->source = src->val;
		if (v->type != Y_SCALAR)
			return rules_error(diag, v, 0, "a parameter value is a "
			    "number or a quoted string");
		if (v->style == PAYROLL_STYLE_PLAIN) {
			if ((st = ynum(v, &p->v.d, diag)) != 0)
				return st;
			p->type = VT_NUM;
		} else {
			p->v.s = v->val;
			p->v.len = v->len;
			p->type = VT_STR;
		}
		st = rules_declare(r, p->name, SYM_PARAM, (int)(p - r->params), key,
		    ytrue(yget(d, "override")), diag);
		if (st < 0)
			return -st;
	}
	return PAYROLL_OK;
}

static int
load_scales(struct payroll_rules *r, int pk, const struct ynode *sec,
    struct payroll_diag *diag)
{
	static const char *const keys[] = { "source", "type", "values",
	    "description", "override", NULL };
	size_t i, j;
	int st;

	if (sec->type != Y_MAP)
		return rules_error(diag, sec, 0, "'scales' must be a mapping");
	for (i = 0; i < sec->n; i += 2) {
		const struct ynode *key = sec->kids[i], *d = sec->kids[i + 1];
		const struct ynode *t, *chosen, *br;
		struct payroll_dec acc = { 0, 0, 0 };
		struct scale *s;

		if (d->type != Y_MAP)
			return rules_error(diag, d, 0, "scale '%s' must be a "
			    "mapping", key->val);
		if ((st = ykeys(d, keys, "a scale", diag)) != 0)
			return st;
		if ((s = PUSH(r, scales, nscales, r->caps.scales)) == NULL)
			return PAYROLL_ENOMEM;
		memset(s, 0, sizeof(*s));
		s->name = key->val;
		s->where = key;
		t = yget(d, "type");
		if (t == NULL || t->type != Y_SCALAR ||
		    (strcmp(t->val, "marginal") != 0 &&
		    strcmp(t->val, "band") != 0))
			return rules_error(diag, t ? t : d, 0,
			    "scale '%s' needs type: marginal or band",
			    key->val);
		s->band = strcmp(t->val, "band") == 0;
		if ((st = pick_sourced(r, pk, key, d, "scale", &chosen,
		    &s->source, diag)) != 0)
			return st;
		br = yget(chosen, "brackets");
		if (br == NULL || br->type != Y_SEQ || br->n == 0)
			return rules_error(diag, chosen, 0,
			    "scale '%s': 'brackets' must be a list of "
			    "[over, rate] or [over, rate, base]", key->val);
		s->n = br->n;
		s->over = calloc(br->n, sizeof(*s->over));
		s->rate = calloc(br->n, sizeof(*s->rate));
		s->base = calloc(br->n, sizeof(*s->base));
		if (s->over == NULL || s->rate == NULL || s->base == NULL)
			return PAYROLL_ENOMEM;
		for (j = 0; j < br->n; j++) {
			const struct ynode *b = br->kids[j], *o, *ra, *ba;

			if (b->type == Y_SEQ && (b->n == 2 || b->n == 3)) {
				o = b->kids[0];
				ra = b->kids[1];
				ba = b->n == 3 ? b->kids[2] : NULL;
			} else if (b->type == Y_MAP) {
				o = yget(b, "over");
				ra = yget(b, "rate");
				ba = yget(b, "base");
				if (o == NULL || ra == NULL)
					return rules_error(diag, b, 0,
					    "a bracket needs 'over' and "
					    "'rate'");
			} else
				return rules_error(diag, b, 0, "a bracket is "
				    "[over, rate] or [over, rate, base]");
			if ((st = ynum(o, &s->over[j], diag)) != 0 ||
			    (st = ynum(ra, &s->rate[j], diag)) != 0)
				return st;
			if (j > 0 && payroll_dec_cmp(s->over[j],
			    s->over[j - 1]) <= 0)
				return rules_error(diag, o, 0, "brackets must "
				    "be in increasing order of 'over'");
			if (ba != NULL) {
				if ((st = ynum(ba, &s->base[j], diag)) != 0)
					return st;
				/* Bases are cumulative: a smaller one than the
				 * bracket below is likely a typo (issue 13). */
				if (j > 0 && !s->band && payroll_dec_cmp(
				    s->base[j], s->base[j - 1]) < 0) {
					char a[64], b2[64];

					payroll_dec_format(s->base[j], -1, a,
					    sizeof(a));
					payroll_dec_format(s->base[j - 1], -1,
					    b2, sizeof(b2));
					if ((st = rules_warn(r, ba, "scale '%s': "
					    "the base %s is less than the base "
					    "of the bracket below (%s): the "
					    "amounts of a marginal scale add up",
					    key->val, a, b2)) != 0)
						return st;
				}
			} else if (j > 0) {
				struct payroll_dec w, x;

				/* The full width of the lower bracket. */
				if (payroll_dec_sub(s->over[j], s->over[j - 1],
				    &w) != 0 ||
				    payroll_dec_mul(w, s->rate[j - 1], &x) != 0 ||
				    payroll_dec_add(s->base[j - 1], x, &acc) != 0)
					return rules_error(diag, b, 0,
					    "bracket arithmetic overflows");
				s->base[j] = acc;
			}
		}
		st = rules_declare(r, s->name, SYM_SCALE, (int)(s - r->scales), key,
		    ytrue(yget(d, "override")), diag);
		if (st < 0)
			return -st;
	}
	return PAYROLL_OK;
}

static void sort_keys(const char **keys, size_t *order, size_t n);

static int
load_tnode(const struct ynode *n, struct tnode **out, int *depth, int level,
    struct payroll_diag *diag)
{
	struct tnode *t;
	size_t i, k;
	int st;

	if (n->type != Y_MAP || n->n == 0)
		return rules_error(diag, n, 0,
		    "table rows are nested mappings of keys to numbers");
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return PAYROLL_ENOMEM;
	*out = t;
	t->n = n->n / 2;
	if ((t->keys = calloc(t->n, sizeof(*t->keys))) == NULL)
		return PAYROLL_ENOMEM;
	if (n->kids[1]->type == Y_SCALAR) {
		if ((t->vals = calloc(t->n, sizeof(*t->vals))) == NULL)
			return PAYROLL_ENOMEM;
		if (*depth == 0)
			*depth = level;
		else if (*depth != level)
			return rules_error(diag, n, 0,
			    "table rows must all have the same depth of keys");
	} else if ((t->kids = calloc(t->n, sizeof(*t->kids))) == NULL)
		return PAYROLL_ENOMEM;
	for (i = 0, k = 0; i < n->n; i += 2, k++) {
		t->keys[k] = n->kids[i]->val;
		if (t->vals != NULL) {
			if ((st = ynum(n->kids[i + 1], &t->vals[k], diag)) != 0)
				return st;
		} else if ((st = load_tnode(n->kids[i + 1], &t->kids[k],
		    depth, level + 1, diag)) != 0)
			return st;
	}
	/* A sorted index for look-ups by binary search (keys are unique:
	 * check_map refused duplicates). */
	if ((t->order = calloc(t->n, sizeof(*t->order))) == NULL)
		return PAYROLL_ENOMEM;
	for (k = 0; k < t->n; k++)
		t->order[k] = k;
	sort_keys(t->keys, t->order, t->n);
	return PAYROLL_OK;
}

/* Orders by length, then bytes: the order tnode_find() searches in. */
static int
key_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c;

	if (alen != blen)
		return alen < blen ? -1 : 1;
	c = memcmp(a, b, alen);
	return c;
}

/* Sorts order[] by keys[order[i]] (a merge sort: no global state, so
 * loading stays thread-safe). */
static void
sort_keys(const char **keys, size_t *order, size_t n)
{
	size_t *tmp, w, i, lo, mid, hi, a, b;

	if (n < 2 || (tmp = malloc(n * sizeof(*tmp))) == NULL) {
		/* Without memory: an insertion sort (still correct). */
		for (i = 1; i < n; i++) {
			size_t v = order[i], j = i;

			while (j > 0 && key_cmp(keys[order[j - 1]],
			    strlen(keys[order[j - 1]]), keys[v],
			    strlen(keys[v])) > 0) {
				order[j] = order[j - 1];
				j--;
			}
			order[j] = v;
		}
		return;
	}
	for (w = 1; w < n; w *= 2) {
		for (lo = 0; lo < n; lo += 2 * w) {
			mid = lo + w < n ? lo + w : n;
			hi = lo + 2 * w < n ? lo + 2 * w : n;
			a = lo;
			b = mid;
			for (i = lo; i < hi; i++) {
				if (a < mid && (b >= hi || key_cmp(keys[order[a]],
				    strlen(keys[order[a]]), keys[order[b]],
				    strlen(keys[order[b]])) <= 0))
					tmp[i] = order[a++];
				else
					tmp[i] = order[b++];
			}
		}
		memcpy(order, tmp, n * sizeof(*order));
	}
	free(tmp);
}

size_t
tnode_find(const struct tnode *t, const char *s, size_t len)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, k = t->order[mid];
		int c = key_cmp(t->keys[k], strlen(t->keys[k]), s, len);

		if (c == 0)
			return k;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return t->n;
}

static void
tnode_free(struct tnode *t)
{
	size_t i;

	if (t == NULL)
		return;
	if (t->kids != NULL)
		for (i = 0; i < t->n; i++)
			tnode_free(t->kids[i]);
	free(t->kids);
	free(t->keys);
	free(t->vals);
	free(t->order);
	free(t);
}

static int
load_tables(struct payroll_rules *r, int pk, const struct ynode *sec,
    struct payroll_diag *diag)
{
	static const char *const keys[] = { "source", "values", "keys",
	    "description", "override", NULL };
	size_t i;
	int st;

	if (sec->type != Y_MAP)
		return rules_error(diag, sec, 0, "'tables' must be a mapping");
	for (i = 0; i < sec->n; i += 2) {
		const struct ynode *key = sec->kids[i], *d = sec->kids[i + 1];
		const struct ynode *chosen, *rows;
		struct table *t;

		if (d->type != Y_MAP)
			return rules_error(diag, d, 0, "table '%s' must be a "
			    "mapping", key->val);
		if ((st = ykeys(d, keys, "a table", diag)) != 0)
			return st;
		if ((t = PUSH(r, tables, ntables, r->caps.tables)) == NULL)
			return PAYROLL_ENOMEM;
		memset(t, 0, sizeof(*t));
		t->name = key->val;
		t->where = key;
		if ((st = pick_sourced(r, pk, key, d, "table", &chosen,
		    &t->source, diag)) != 0)
			return st;
		if ((rows = yget(chosen, "rows")) == NULL)
			return rules_error(diag, chosen, 0, "table '%s': no "
			    "'rows'", key->val);
		if ((st = load_tnode(rows, &t->root, &t->depth, 1, diag)) != 0)
			return st;
		st = rules_declare(r, t->name, SYM_TABLE, (int)(t - r->tables), key,
		    ytrue(yget(d, "override")), diag);
		if (st < 0)
			return -st;
	}
	return PAYROLL_OK;
}

static int
load_funcs(struct payroll_rules *r, int pk, const struct ynode *sec,
    struct payroll_diag *diag)
{
	static const char *const keys[] = { "params", "expr", "description",
	    "override", NULL };
	size_t i, j;
	int st;

	if (sec->type != Y_MAP)
		return rules_error(diag, sec, 0, "'functions' must be a mapping");
	for (i = 0; i < sec->n; i += 2) {
		const struct ynode *key = sec->kids[i], *d = sec->kids[i + 1];
		const struct ynode *ps, *e;
		struct func *f;

		if (d->type != Y_MAP)
			return rules_error(diag, d, 0, "function '%s' needs "
			    "'params' and 'expr'", key->val);
		if ((st = ykeys(d, keys, "a function", diag)) != 0)
			return st;
		if ((f = PUSH(r, funcs, nfuncs, r->caps.funcs)) == NULL)
			return PAYROLL_ENOMEM;
		memset(f, 0, sizeof(*f));
		f->name = key->val;
		f->pack = pk;
		ps = yget(d, "params");
		e = yget(d, "expr");
		if (ps == NULL || ps->type != Y_SEQ)
			return rules_error(diag, d, 0, "function '%s': 'params' "
			    "must be a list of names", key->val);
		if (e == NULL || e->type != Y_SCALAR || e->len == 0)
			return rules_error(diag, e ? e : d, 0,
			    "function '%s' has an empty 'expr'", key->val);
		f->expr = e;
		f->nparams = ps->n;
		if ((f->params = calloc(ps->n + 1, sizeof(*f->params))) == NULL)
			return PAYROLL_ENOMEM;
		for (j = 0; j < ps->n; j++) {
			if (ps->kids[j]->type != Y_SCALAR ||
			    !rules_valid_name(ps->kids[j]->val))
				return rules_error(diag, ps->kids[j], 0,
				    "a parameter name must be a word");
			f->params[j] = ps->kids[j]->val;
		}
		st = rules_declare(r, f->name, SYM_FUNC, (int)(f - r->funcs), key,
		    ytrue(yget(d, "override")), diag);
		if (st < 0)
			return -st;
	}
	return PAYROLL_OK;
}

static int
load_formulas(struct payroll_rules *r, int pk, const struct ynode *sec,
    struct payroll_diag *diag)
{
	static const char *const keys[] = { "expr", "values", "description",
	    "source", "override", "unit", "per", NULL };
	size_t i;
	int st, f;

	if (sec->type != Y_MAP)
		return rules_error(diag, sec, 0, "'formulas' must be a mapping");
	for (i = 0; i < sec->n; i += 2) {
		const struct ynode *key = sec->kids[i], *d = sec->kids[i + 1];
		const struct ynode *e = d;

		if (d->type == Y_MAP) {
			if ((st = ykeys(d, keys, "a formula", diag)) != 0)
				return st;
			if (yget(d, "values") != NULL) {
				const struct ynode *chosen;

				if ((st = pick_dated(yget(d, "values"),
				    r->packs[pk].date, "formula", key->val,
				    &chosen, diag)) != 0)
					return st;
				e = yget(chosen, "expr");
			} else
				e = yget(d, "expr");
		}
		if (e == NULL || e->type != Y_SCALAR)
			return rules_error(diag, e ? e : d, 0,
			    "formula '%s' has no expression", key->val);
		if (strspn(e->val, " \t\r\n") == e->len)
			return rules_error(diag, e, 0, "formula '%s' is empty",
			    key->val);
		if ((f = rules_add_formula(r, key->val, e, pk, 0)) < 0)
			return PAYROLL_ENOMEM;
		r->formulas[f].expr = e;
		r->formulas[f].decl = d->type == Y_MAP ? d : NULL;
		if (d->type == Y_MAP && yget(d, "per") != NULL) {
			const struct ynode *per = yget(d, "per");

			if (per->type != Y_SCALAR || strcmp(per->val,
			    "segment") != 0)
				return rules_error(diag, per, 0, "per: takes "
				    "'segment' (the formula is evaluated for "
				    "each part of a split period and summed)");
			r->formulas[f].seg = 1;
		}
		st = rules_declare(r, key->val, SYM_FORMULA, f, key,
		    d->type == Y_MAP && ytrue(yget(d, "override")), diag);
		if (st < 0)
			return -st;
	}
	return PAYROLL_OK;
}

static int
load_items(struct payroll_rules *r, int pk, const struct ynode *sec,
    struct payroll_diag *diag)
{
	static const char *const keys[] = { "type", "description", "unit",
	    "min", "max", NULL };
	size_t i;
	int st;

	if (sec->type != Y_MAP)
		return rules_error(diag, sec, 0, "'items' must be a mapping");
	for (i = 0; i < sec->n; i += 2) {
		const struct ynode *key = sec->kids[i], *d = sec->kids[i + 1];
		const struct ynode *t;
		struct item *it;

		if (d->type != Y_MAP)
			return rules_error(diag, d, 0, "item '%s' must be a "
			    "mapping", key->val);
		if ((st = ykeys(d, keys, "an item", diag)) != 0)
			return st;
		if ((it = PUSH(r, items, nitems, r->caps.items)) == NULL)
			return PAYROLL_ENOMEM;
		it->name = key->val;
		it->pack = pk;
		t = yget(d, "type");
		it->money = t != NULL && t->type == Y_SCALAR &&
		    strcmp(t->val, "money") == 0;
		it->has_min = it->has_max = 0;
		if (yget(d, "min") != NULL) {
			if ((st = ynum(yget(d, "min"), &it->min, diag)) != 0)
				return st;
			it->has_min = 1;
		}
		if (yget(d, "max") != NULL) {
			if ((st = ynum(yget(d, "max"), &it->max, diag)) != 0)
				return st;
			it->has_max = 1;
		}
		if (t != NULL && !it->money && (t->type != Y_SCALAR ||
		    strcmp(t->val, "decimal") != 0))
			return rules_error(diag, t, 0,
			    "an item's type is decimal or money");
		/* Items live in their own name space (item.NAME). */
		{
			size_t j;

			for (j = 0; j + 1 < r->nitems; j++)
				if (strcmp(r->items[j].name, it->name) == 0)
					return rules_error(diag, key, 0,
					    "item '%s' is already declared",
					    it->name);
		}
	}
	return PAYROLL_OK;
}

static const struct {
	const char *name;
	enum payroll_kind kind;
} kinds[] = {
	{ "earning", PAYROLL_K_EARNING },
	{ "deduction", PAYROLL_K_DEDUCTION },
	{ "withholding", PAYROLL_K_WITHHOLDING },
	{ "employer", PAYROLL_K_EMPLOYER },
	{ "info", PAYROLL_K_INFO },
};

/* The formula behind an output or balance name (an input gets one). */
static int
formula_for(struct payroll_rules *r, const struct ynode *key, int pk,
    struct payroll_diag *diag)
{
	int kind, idx;

	if (rules_lookup(r, key->val, key->len, &kind, &idx) != 0)
		return -rules_error(diag, key, 0,
		    "'%s' is not a formula or input of the packs", key->val);
	if (kind == SYM_FORMULA)
		return idx;
	if (kind == SYM_INPUT || kind == SYM_PARAM) {
		/* An implicit formula whose expression is the name. */
		int f = rules_add_formula(r, key->val, key, pk, 0);

		if (f < 0)
			return -PAYROLL_ENOMEM;
		return f;
	}
	return -rules_error(diag, key, 0, "'%s' is a %s, not a formula",
	    key->val, rules_kind_names[kind]);
}

static int
load_outputs(struct payroll_rules *r, int pk, const struct ynode *sec,
    struct payroll_diag *diag)
{
	static const char *const keys[] = { "kind", "tags", "places", "type",
	    "description", "label", "hours", "rate", NULL };
	size_t i, j;
	int st;

	if (sec->type != Y_MAP)
		return rules_error(diag, sec, 0, "'outputs' must be a mapping");
	for (i = 0; i < sec->n; i += 2) {
		const struct ynode *key = sec->kids[i], *d = sec->kids[i + 1];
		const struct ynode *k, *tg, *pl;
		struct output *o;

		if (d->type != Y_MAP)
			return rules_error(diag, d, 0, "output '%s' must be a "
			    "mapping with a 'kind'", key->val);
		if ((st = ykeys(d, keys, "an output", diag)) != 0)
			return st;
		for (j = 0; j < r->noutputs; j++)
			if (strcmp(r->outputs[j].name, key->val) == 0)
				return rules_error(diag, key, 0,
				    "output '%s' is already declared",
				    key->val);
		if ((o = PUSH(r, outputs, noutputs, r->caps.outputs)) == NULL)
			return PAYROLL_ENOMEM;
		memset(o, 0, sizeof(*o));
		o->name = key->val;
		o->key = key;
		o->decl = d;
		o->formula = -1;	/* resolved when every pack is in */
		o->pack = pk;
		o->places = -1;
		if ((k = yget(d, "kind")) == NULL)
			return rules_error(diag, d, 0, "output '%s' has no "
			    "'kind'", key->val);
		for (j = 0; j < NELEM(kinds); j++)
			if (k->type == Y_SCALAR && strcmp(k->val,
			    kinds[j].name) == 0)
				break;
		if (j == NELEM(kinds))
			return rules_error(diag, k, 0, "unknown kind (earning, "
			    "deduction, withholding, employer, info)");
		o->kind = kinds[j].kind;
		o->money = o->kind != PAYROLL_K_INFO;
		/* label: the line's name on a payslip or a summary, in the
		 * pack's language; hours, rate: the info outputs that hold
		 * an earning's hours and rate (checked when all are in). */
		for (j = 0; j < 3; j++) {
			static const char *const sk[3] = { "label", "hours",
			    "rate" };
			const struct ynode *v = yget(d, sk[j]);

			if (v != NULL && (v->type != Y_SCALAR || v->len == 0))
				return rules_error(diag, v, 0, "'%s' of output "
				    "'%s' is %s", sk[j], key->val, j == 0 ?
				    "a short text" : "an output's name");
			if (v != NULL && j > 0 && o->kind != PAYROLL_K_EARNING)
				return rules_error(diag, v, 0, "'%s' is for "
				    "earnings: output '%s' is not one", sk[j],
				    key->val);
		}
		if ((pl = yget(d, "places")) != NULL) {
			struct payroll_dec p;
			long lp;

			if ((st = ynum(pl, &p, diag)) != 0)
				return st;
			if (!dec_is_integer(p) || dec_to_long(p, &lp) != 0 ||
			    lp < 0 || lp > 24)
				return rules_error(diag, pl, 0,
				    "places is 0 to 24");
			o->places = (int)lp;
		}
		if ((tg = yget(d, "tags")) != NULL) {
			if (tg->type != Y_SEQ)
				return rules_error(diag, tg, 0,
				    "'tags' is a list of names");
			o->ntags = tg->n;
			if ((o->tags = calloc(tg->n + 1, sizeof(*o->tags))) ==
			    NULL)
				return PAYROLL_ENOMEM;
			for (j = 0; j < tg->n; j++) {
				if (tg->kids[j]->type != Y_SCALAR)
					return rules_error(diag, tg->kids[j],
					    0, "a tag is a name");
				o->tags[j] = tg->kids[j]->val;
			}
		}
	}
	return PAYROLL_OK;
}

static int
add_balance(struct payroll_rules *r, const char *name,
    const struct ynode *key, int f, int pk)
{
	struct balance *b;
	size_t i;

	for (i = 0; i < r->nbalances; i++)
		if (strcmp(r->balances[i].name, name) == 0)
			return PAYROLL_OK;
	if ((b = PUSH(r, balances, nbalances, r->caps.balances)) == NULL)
		return PAYROLL_ENOMEM;
	b->name = name;
	b->key = key;
	b->formula = f;
	b->pack = pk;
	return PAYROLL_OK;
}

static int
load_balances(struct payroll_rules *r, int pk, const struct ynode *sec,
    struct payroll_diag *diag)
{
	size_t i;
	int st;

	if (sec->type != Y_SEQ)
		return rules_error(diag, sec, 0,
		    "'balances' is a list of formula names");
	for (i = 0; i < sec->n; i++) {
		if (sec->kids[i]->type != Y_SCALAR)
			return rules_error(diag, sec->kids[i], 0,
			    "a balance is a formula name");
		if ((st = add_balance(r, sec->kids[i]->val, sec->kids[i], -1,
		    pk)) != 0)
			return st;
	}
	return PAYROLL_OK;
}

/* ------------------------------------------------------------------ */
/* Packs                                                              */
/* ------------------------------------------------------------------ */

static const char *const top_keys[] = {
	"pack", "description", "currency", "year_start", "effective",
	"inputs", "parameters", "scales", "tables", "functions", "formulas",
	"outputs", "balances", "items", "checks", "tags", "covers", "source",
	"notes", NULL
};

/*
 * tags: the tags a pack sums or puts on outputs, each with what it means
 * (tag: description).  Any pack may declare a tag; declaring it twice is
 * fine.  An output's tag or a sum(tag) no loaded pack declares is an
 * error, so a misspelt tag cannot silently sum nothing.
 */
static int
load_tags(struct payroll_rules *r, int pk, const struct ynode *sec,
    struct payroll_diag *diag)
{
	size_t i;
	const char **t;

	(void)pk;
	if (sec->type != Y_MAP)
		return rules_error(diag, sec, 0, "'tags' maps each tag to what "
		    "it means");
	for (i = 0; i < sec->n; i += 2) {
		if (!rules_valid_name(sec->kids[i]->val))
			return rules_error(diag, sec->kids[i], 0, "'%s' is not a "
			    "valid tag (letters, digits and _)",
			    sec->kids[i]->val);
		if ((t = xreallocarray(r->tags, r->ntags + 1,
		    sizeof(*t))) == NULL)
			return PAYROLL_ENOMEM;
		r->tags = t;
		r->tags[r->ntags++] = sec->kids[i]->val;
	}
	return PAYROLL_OK;
}


/*
 * checks: record-level conditions, evaluated by hr-validate whatever is
 * present ("kvz is required unless privately insured").
 */
static int
load_checks(struct payroll_rules *r, int pk, const struct ynode *sec,
    struct payroll_diag *diag)
{
	static const char *const keys[] = { "field", "expr", "message",
	    "description", NULL };
	size_t i;
	int st;

	(void)pk;
	if (sec->type != Y_SEQ)
		return rules_error(diag, sec, 0, "'checks' is a list of {field, "
		    "expr, message}");
	for (i = 0; i < sec->n; i++) {
		const struct ynode *d = sec->kids[i], *f, *e, *m;
		struct check *ck;
		const struct ynode **ce;

		if (d->type != Y_MAP)
			return rules_error(diag, d, 0, "a check is {field, expr, "
			    "message}");
		if ((st = ykeys(d, keys, "a check", diag)) != 0)
			return st;
		f = yget(d, "field");
		e = yget(d, "expr");
		m = yget(d, "message");
		if (f == NULL || f->type != Y_SCALAR || e == NULL ||
		    e->type != Y_SCALAR || m == NULL || m->type != Y_SCALAR)
			return rules_error(diag, d, 0, "a check needs field, "
			    "expr and message");
		if (rules_grow((void **)&r->checks, &r->capchecks, r->nchecks,
		    sizeof(*r->checks)) != 0 ||
		    (ce = xreallocarray(r->checkexprs, r->nchecks + 1,
		    sizeof(*ce))) == NULL)
			return PAYROLL_ENOMEM;
		r->checkexprs = ce;
		ck = &r->checks[r->nchecks];
		ck->field = f->val;
		ck->message = m->val;
		ck->root = -1;
		r->checkexprs[r->nchecks++] = e;
	}
	return PAYROLL_OK;
}

static int
cmpdate(const void *a, const void *b)
{
	payroll_date x = *(const payroll_date *)a, y = *(const payroll_date *)b;

	return (x > y) - (x < y);
}


static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the files of a pack: the file itself, or a folder's *.yaml. */
static int
pack_files(const char *path, char ***files, size_t *n,
    struct payroll_diag *diag)
{
	struct stat sb;
	DIR *d;
	struct dirent *e;
	char **v = NULL, *root = NULL;
	size_t cnt = 0;

	if (stat(path, &sb) != 0) {
		diag_set(diag, path, 0, 0, NULL, "%s", strerror(errno));
		return PAYROLL_EIO;
	}
	if (!S_ISDIR(sb.st_mode)) {
		if ((v = calloc(1, sizeof(*v))) == NULL ||
		    (v[0] = strdup(path)) == NULL) {
			free(v);
			return PAYROLL_ENOMEM;
		}
		*files = v;
		*n = 1;
		return PAYROLL_OK;
	}
	if ((d = opendir(path)) == NULL) {
		diag_set(diag, path, 0, 0, NULL, "%s", strerror(errno));
		return PAYROLL_EIO;
	}
	if ((root = realpath(path, NULL)) == NULL) {
		int en = errno;

		diag_set(diag, path, 0, 0, NULL, "%s", strerror(en));
		closedir(d);
		return en == ENOMEM ? PAYROLL_ENOMEM : PAYROLL_EIO;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char **nv, *real;

		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0 ||
		    e->d_name[0] == '.')
			continue;
		if ((nv = xreallocarray(v, cnt + 1, sizeof(*v))) == NULL)
			goto nomem;
		v = nv;
		if ((v[cnt] = malloc(strlen(path) + len + 2)) == NULL)
			goto nomem;
		sprintf(v[cnt++], "%s/%s", path, e->d_name);
		/* A pack's files stay inside its folder (no symlink out). */
		if ((real = realpath(v[cnt - 1], NULL)) == NULL ||
		    strncmp(real, root, strlen(root)) != 0 ||
		    real[strlen(root)] != '/') {
			int en = errno, st = real != NULL ? PAYROLL_ERULES :
			    en == ENOMEM ? PAYROLL_ENOMEM : PAYROLL_EIO;

			diag_set(diag, v[cnt - 1], 0, 0, NULL, "%s",
			    real == NULL ? strerror(en) : "the file lies "
			    "outside its pack's folder (a symbolic link out of "
			    "it): refused");
			free(real);
			free(root);
			closedir(d);
			while (cnt > 0)
				free(v[--cnt]);
			free(v);
			return st;
		}
		free(real);
	}
	free(root);
	closedir(d);
	if (cnt == 0) {
		diag_set(diag, path, 0, 0, NULL,
		    "no .yaml files in this rule pack folder");
		free(v);
		return PAYROLL_ERULES;
	}
	qsort(v, cnt, sizeof(*v), cmpstr);
	*files = v;
	*n = cnt;
	return PAYROLL_OK;
nomem:
	free(root);
	closedir(d);
	while (cnt > 0)
		free(v[--cnt]);
	free(v);
	return PAYROLL_ENOMEM;
}

/*
 * covers: the pay dates the pack has figures for.  A run paid outside them
 * is refused, whatever date effective: picks the figures on (a period
 * ending in December paid in January is a January run); checked once all
 * the pack's files are read, so that the order of its files does not
 * matter.
 */
static int
pack_covers(const struct payroll_rules *r, const struct pack *p,
    const struct ynode *doc, struct payroll_diag *diag)
{
	const struct ynode *x;
	payroll_date paid = r->run.period.pay_date;
	int st = PAYROLL_OK;

	if ((x = yget(doc, "covers")) != NULL) {
		/*
		 * The dates the pack's figures are known for: a run outside
		 * them is refused rather than carried on last year's law.
		 */
		static const char *const ck[] = { "from", "to", NULL };
		payroll_date from = INT32_MIN, to = INT32_MAX;
		char a[11], b[11], when[11];

		if (x->type != Y_MAP || (st = ykeys(x, ck, "covers",
		    diag)) != 0 || (yget(x, "from") != NULL &&
		    (st = ydate(yget(x, "from"), &from, diag)) != 0) ||
		    (yget(x, "to") != NULL && (st = ydate(yget(x, "to"), &to,
		    diag)) != 0))
			return st ? st : rules_error(diag, x, 0, "covers is "
			    "{from: DATE, to: DATE}");
		if (paid < from || paid > to) {
			/* An open end is shown as "...", never formatted
			 * (INT32_MAX is no date). */
			payroll_date_format(paid, when, sizeof(when));
			if (from != INT32_MIN)
				payroll_date_format(from, a, sizeof(a));
			if (to != INT32_MAX)
				payroll_date_format(to, b, sizeof(b));
			return rules_error(diag, x, 0, "pack '%s' holds figures "
			    "for %s to %s, not for %s: add the new year's "
			    "figures (with their sources) and widen covers",
			    p->name, from == INT32_MIN ? "..." : a,
			    to == INT32_MAX ? "..." : b, when);
		}
	}
	return PAYROLL_OK;
}

/* Sets up a pack's dates from its settings (year_start, effective). */
static int
pack_settings(struct payroll_rules *r, struct pack *p,
    const struct ynode *doc, struct payroll_diag *diag)
{
	const struct ynode *x;
	const struct payroll_period *per = &r->run.period;
	int y, m, d, py, pm, pd;
	int st = PAYROLL_OK;

	if ((x = yget(doc, "pack")) != NULL && x->type == Y_SCALAR)
		p->name = x->val;
	if ((x = yget(doc, "currency")) != NULL) {
		const struct ynode *pl = yget(x, "places");
		const struct ynode *cd = yget(x, "code");

		if (x->type != Y_MAP)
			return rules_error(diag, x, 0,
			    "currency is {code: XXX, places: N}");
		if (cd != NULL) {
			if (cd->type != Y_SCALAR || cd->len != 3 ||
			    !isupper((unsigned char)cd->val[0]) ||
			    !isupper((unsigned char)cd->val[1]) ||
			    !isupper((unsigned char)cd->val[2]))
				return rules_error(diag, cd, 0, "currency code "
				    "is three capital letters (ISO 4217: USD, "
				    "EUR, ...)");
			memcpy(p->currency, cd->val, 4);
		}
		if (pl != NULL) {
			struct payroll_dec v;
			long l;

			if ((st = ynum(pl, &v, diag)) != 0)
				return st;
			if (!dec_is_integer(v) || dec_to_long(v, &l) != 0 ||
			    l < 0 || l > 6)
				return rules_error(diag, pl, 0,
				    "currency places is 0 to 6");
			p->places = (int)l;
		}
	}
	if ((x = yget(doc, "year_start")) != NULL) {
		if (x->type != Y_SCALAR || x->len != 5 || x->val[2] != '-' ||
		    sscanf(x->val, "%2d-%2d", &m, &d) != 2 || m < 1 ||
		    m > 12 || d < 1 || d > payroll_days_in_month(2001, m))
			return rules_error(diag, x, 0,
			    "year_start is MM-DD, e.g. \"04-06\"");
		p->ys_month = m;
		p->ys_day = d;
	}
	if ((x = yget(doc, "effective")) != NULL) {
		if (x->type != Y_SCALAR)
			return rules_error(diag, x, 0, "bad 'effective'");
		if (strcmp(x->val, "pay_date") == 0)
			p->date = per->pay_date;
		else if (strcmp(x->val, "period_end") == 0)
			p->date = per->end;
		else if (strcmp(x->val, "period_start") == 0)
			p->date = per->start;
		else
			return rules_error(diag, x, 0, "effective is pay_date, "
			    "period_end or period_start");
	}
	/* The tax year holding the pay date, and the period's number. */
	payroll_date_split(per->pay_date, &py, &pm, &pd);
	y = (pm > p->ys_month || (pm == p->ys_month && pd >= p->ys_day)) ?
	    py : py - 1;
	p->year_start = payroll_date_make(y, p->ys_month, p->ys_day);
	{
		int months = (py - y) * 12 + pm - p->ys_month -
		    (pd < p->ys_day);
		int days = (int)(per->pay_date - p->year_start);

		switch (per->freq) {
		case PAYROLL_FREQ_WEEKLY:
			p->period_number = days / 7 + 1;
			break;
		case PAYROLL_FREQ_BIWEEKLY:
			p->period_number = days / 14 + 1;
			break;
		case PAYROLL_FREQ_FOURWEEKLY:
			p->period_number = days / 28 + 1;
			break;
		case PAYROLL_FREQ_DAILY:
			p->period_number = payroll_weekdays_between(
			    p->year_start, per->pay_date);
			break;
		case PAYROLL_FREQ_SEMIMONTHLY:
			p->period_number = months * 2 + 1 +
			    (pd >= 16 && p->ys_day < 16);
			break;
		case PAYROLL_FREQ_MONTHLY:
			p->period_number = months + 1;
			break;
		case PAYROLL_FREQ_QUARTERLY:
			p->period_number = months / 3 + 1;
			break;
		case PAYROLL_FREQ_SEMIANNUAL:
			p->period_number = months / 6 + 1;
			break;
		case PAYROLL_FREQ_ANNUAL:
			p->period_number = 1;
			break;
		}
	}
	return PAYROLL_OK;
}

typedef int (*section_fn)(struct payroll_rules *, int, const struct ynode *,
    struct payroll_diag *);

/* The sections of a pack, loaded in this order (inputs first). */
static const struct {
	const char *key;
	section_fn fn;
} pack_sections[] = {
	{ "inputs", load_inputs },
	{ "parameters", load_params },
	{ "scales", load_scales },
	{ "tables", load_tables },
	{ "functions", load_funcs },
	{ "items", load_items },
	{ "formulas", load_formulas },
	{ "outputs", load_outputs },
	{ "balances", load_balances },
	{ "checks", load_checks },
	{ "tags", load_tags },
};

/* Every inputs: section of the packs, for the checks compiled once all
 * are read. */
struct inputsecs {
	const struct ynode **v;
	size_t n;
};

/*
 * An empty rule set for the run: its holidays (sorted), the symbol table
 * (in strings[0]) and the built-in enum of frequencies
 * (period.frequency).
 */
static int
rules_new(const struct payroll_run *run, struct payroll_rules **out)
{
	static const char *const fn[] = { "weekly", "biweekly",
	    "fourweekly", "semimonthly", "monthly", "quarterly",
	    "semiannual", "annual", "daily" };
	struct payroll_rules *r;
	struct enumset *es;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return PAYROLL_ENOMEM;
	r->run = *run;
	r->run.holidays = NULL;
	r->gross = r->net = -1;
	if (run->nholidays > 0) {
		if ((r->holidays = calloc(run->nholidays,
		    sizeof(*r->holidays))) == NULL) {
			free(r);
			return PAYROLL_ENOMEM;
		}
		memcpy(r->holidays, run->holidays, run->nholidays *
		    sizeof(*r->holidays));
		qsort(r->holidays, run->nholidays, sizeof(*r->holidays),
		    cmpdate);
		r->nholidays = run->nholidays;
	}
	if (rules_symtab_new(r) != PAYROLL_OK) {
		payroll_rules_free(r);
		return PAYROLL_ENOMEM;
	}
	es = PUSH(r, enums, nenums, r->caps.enums);
	if (es == NULL || (es->names = calloc(NELEM(fn),
	    sizeof(*es->names))) == NULL) {
		payroll_rules_free(r);
		return PAYROLL_ENOMEM;
	}
	memcpy(es->names, fn, sizeof(fn));
	es->n = NELEM(fn);
	r->freq_enum = 0;
	*out = r;
	return PAYROLL_OK;
}

/*
 * The YAML files of one pack into r->docs (each checked for known top
 * keys); every name in files is freed, even after an error.
 */
static int
read_pack_files(struct payroll_rules *r, char **files, size_t nfiles,
    struct payroll_diag *diag)
{
	int st = PAYROLL_OK;
	size_t j;

	for (j = 0; j < nfiles; j++) {
		struct ynode *doc = NULL;

		if (st == PAYROLL_OK &&
		    (st = ytree_load(files[j], &doc, diag)) == 0) {
			if (rules_grow((void **)&r->docs, &r->caps.docs, r->ndocs,
			    sizeof(*r->docs)) != 0)
				st = PAYROLL_ENOMEM;
			else
				r->docs[r->ndocs++] = doc;
			if (st == 0)
				st = ykeys(doc, top_keys, "a rule pack", diag);
		}
		/* The tree keeps a copy of the name (conf.c). */
		free(files[j]);
	}
	return st;
}

/*
 * The sections of pack p's documents (from r->docs[firstdoc]), section
 * by section in pack_sections' order; its inputs: sections are kept in
 * in.
 */
static int
load_sections(struct payroll_rules *r, const struct pack *p,
    size_t firstdoc, struct inputsecs *in, struct payroll_diag *diag)
{
	int st = PAYROLL_OK;
	size_t s, j;

	for (s = 0; s < NELEM(pack_sections) && st == PAYROLL_OK; s++)
		for (j = firstdoc; j < r->ndocs && st == 0; j++) {
			const struct ynode *sec = yget(r->docs[j],
			    pack_sections[s].key);

			if (sec == NULL)
				continue;
			st = pack_sections[s].fn(r, (int)(p - r->packs), sec,
			    diag);
			if (st == 0 && s == 0) {
				const struct ynode **ni = xreallocarray(in->v,
				    in->n + 1, sizeof(*ni));

				if (ni == NULL) {
					st = PAYROLL_ENOMEM;
					break;
				}
				in->v = ni;
				in->v[in->n++] = sec;
			}
		}
	return st;
}

/* One rule pack (a file or a directory of them) into r. */
static int
load_pack(struct payroll_rules *r, const char *path,
    const struct payroll_run *run, struct inputsecs *in,
    struct payroll_diag *diag)
{
	char **files = NULL;
	size_t nfiles = 0, j, firstdoc;
	struct pack *p;
	int st;

	if ((st = pack_files(path, &files, &nfiles, diag)) != 0)
		return st;
	if ((p = PUSH(r, packs, npacks, r->caps.packs)) == NULL)
		return PAYROLL_ENOMEM;
	memset(p, 0, sizeof(*p));
	p->path = path;
	p->name = path;
	p->places = 2;
	p->ys_month = 1;
	p->ys_day = 1;
	p->date = run->period.pay_date;
	firstdoc = r->ndocs;
	st = read_pack_files(r, files, nfiles, diag);
	free(files);
	if (st != PAYROLL_OK)
		return st;
	/* Settings from the pack's files, the first that has them. */
	for (j = firstdoc; j < r->ndocs && st == 0; j++)
		st = pack_settings(r, p, r->docs[j], diag);
	for (j = firstdoc; j < r->ndocs && st == 0; j++)
		st = pack_covers(r, p, r->docs[j], diag);
	if (st != PAYROLL_OK)
		return st;
	return load_sections(r, p, firstdoc, in, diag);
}

/* gross_pay and net_pay, made by the engine. */
static int
add_engine_formulas(struct payroll_rules *r, struct payroll_diag *diag)
{
	int kind, idx, st = PAYROLL_OK;
	size_t i;

	for (i = 0; i < 2 && st == 0; i++) {
		const char *name = i == 0 ? "gross_pay" : "net_pay";
		int f;

		if (rules_lookup(r, name, strlen(name), &kind, &idx) == 0) {
			/* At the pack's declaration of it. */
			st = rules_error(diag, rules_sym_where(r, name), 0,
			    "'%s' is made by the engine; packs cannot declare "
			    "it", name);
			break;
		}
		if ((f = rules_add_formula(r, name, NULL, 0, 0)) < 0 ||
		    rules_sym_insert(r, name, SYM_FORMULA, f, r->docs[0]) != 0) {
			st = PAYROLL_ENOMEM;
			break;
		}
		if (i == 0)
			r->gross = f;
		else
			r->net = f;
	}
	return st;
}

/*
 * Every output tag is declared by some pack; then the outputs' formulas,
 * which may be any pack's, resolved now that overrides are done.
 */
static int
resolve_outputs(struct payroll_rules *r, struct payroll_diag *diag)
{
	int st = PAYROLL_OK;
	size_t i, j;

	for (i = 0; st == PAYROLL_OK && i < r->noutputs; i++) {
		const struct ynode *tg = yget(r->outputs[i].decl, "tags");

		for (j = 0; st == PAYROLL_OK && j < r->outputs[i].ntags; j++)
			if (!rules_tag_known(r, r->outputs[i].tags[j],
			    strlen(r->outputs[i].tags[j])))
				st = rules_error(diag, tg != NULL &&
				    tg->type == Y_SEQ ? tg->kids[j] :
				    r->outputs[i].key, 0, "output '%s': no pack "
				    "declares the tag '%s' (declare it under "
				    "tags: with what it means)",
				    r->outputs[i].name, r->outputs[i].tags[j]);
	}
	for (i = 0; st == PAYROLL_OK && i < r->noutputs; i++) {
		int f = formula_for(r, r->outputs[i].key, r->outputs[i].pack,
		    diag);

		if (f < 0)
			st = -f;
		else
			r->outputs[i].formula = f;
	}
	return st;
}

/*
 * The balances in their order: gross pay, every money output, net pay,
 * then those the packs declare (their formulas resolved).
 */
static int
order_balances(struct payroll_rules *r, struct payroll_diag *diag)
{
	struct balance *decl = r->balances;
	size_t ndecl = r->nbalances, i;
	int st;

	r->balances = NULL;
	r->nbalances = 0;
	r->caps.balances = 0;
	st = add_balance(r, "gross_pay", NULL, r->gross, 0);
	for (i = 0; st == 0 && i < r->noutputs; i++)
		if (r->outputs[i].money)
			st = add_balance(r, r->outputs[i].name,
			    r->outputs[i].key, r->outputs[i].formula,
			    r->outputs[i].pack);
	if (st == 0)
		st = add_balance(r, "net_pay", NULL, r->net, 0);
	for (i = 0; st == 0 && i < ndecl; i++) {
		int f = formula_for(r, decl[i].key, decl[i].pack, diag);

		if (f < 0)
			st = -f;
		else
			st = add_balance(r, decl[i].name, decl[i].key, f,
			    decl[i].pack);
	}
	free(decl);
	return st;
}

/* The inputs' checks, the packs' checks (true or false) and every
 * formula still used, compiled; then the size of the whole. */
static int
compile_all(struct payroll_rules *r, const struct inputsecs *in,
    struct payroll_diag *diag)
{
	int st;
	size_t i;

	st = compile_checks(r, in->v, in->n, diag);
	for (i = 0; st == PAYROLL_OK && i < r->nchecks; i++) {
		int root = expr_compile_expr(r, r->checkexprs[i], diag);

		if (root < 0)
			st = r->oom ? PAYROLL_ENOMEM : PAYROLL_ERULES;
		else if (r->nodes[root].type != VT_BOOL)
			st = rules_error(diag, r->checkexprs[i], 0, "a check "
			    "must be true or false");
		else
			r->checks[i].root = root;
	}
	/* A money output's formula first, so that one that is not a
	 * number is named at the output (gross_pay and net_pay, which sum
	 * them, would otherwise meet it first, with no place). */
	for (i = 0; st == PAYROLL_OK && i < r->noutputs; i++) {
		struct output *o = &r->outputs[i];

		if (!o->money)
			continue;
		if ((st = expr_compile_formula(r, o->formula, diag)) == 0 &&
		    r->formulas[o->formula].type != VT_NUM)
			st = rules_error(diag, o->key, 0, "output '%s' is "
			    "money but its formula is not a number", o->name);
	}
	for (i = 0; st == PAYROLL_OK && i < r->nformulas; i++)
		if (!r->formulas[i].dead)
			st = expr_compile_formula(r, (int)i, diag);
	if (st == PAYROLL_OK)
		st = expr_check_size(r, diag);
	return st;
}

/*
 * The types the compiled formulas must have (a money output's is
 * checked in compile_all): an earning's hours and rate name number
 * outputs of kind info; every balance is a number.
 */
static int
check_output_types(struct payroll_rules *r, struct payroll_diag *diag)
{
	int st = PAYROLL_OK;
	size_t i;

	for (i = 0; st == PAYROLL_OK && i < r->noutputs; i++) {
		const char *const sk[2] = { "hours", "rate" };
		size_t k, m;

		for (k = 0; st == PAYROLL_OK && k < 2; k++) {
			const struct ynode *v = r->outputs[i].decl != NULL ?
			    yget(r->outputs[i].decl, sk[k]) : NULL;

			if (v == NULL)
				continue;
			for (m = 0; m < r->noutputs; m++)
				if (strcmp(r->outputs[m].name, v->val) == 0)
					break;
			if (m == r->noutputs || r->outputs[m].kind !=
			    PAYROLL_K_INFO || r->formulas[
			    r->outputs[m].formula].type != VT_NUM)
				st = rules_error(diag, v, 0, "'%s' of output "
				    "'%s' names '%s', which is not an output of "
				    "kind info holding a number", sk[k],
				    r->outputs[i].name, v->val);
		}
	}
	for (i = 0; st == PAYROLL_OK && i < r->nbalances; i++)
		if (r->formulas[r->balances[i].formula].type != VT_NUM)
			st = rules_error(diag, r->balances[i].key, 0,
			    "balance '%s' is not a number", r->balances[i].name);
	return st;
}

static int
load_all(const char *const *paths, size_t npaths,
    const struct payroll_run *run, struct payroll_rules **out,
    struct payroll_diag *diag)
{
	struct inputsecs in = { NULL, 0 };
	struct payroll_rules *r;
	size_t i;
	int st;

	payroll_diag_clear(diag);
	if ((st = rules_new(run, &r)) != PAYROLL_OK)
		return st;
	for (i = 0; i < npaths && st == PAYROLL_OK; i++)
		st = load_pack(r, paths[i], run, &in, diag);
	if (st == PAYROLL_OK && npaths == 0) {
		diag_set(diag, "", 0, 0, NULL, "no rule packs given");
		st = PAYROLL_ERULES;
	}
	if (st == PAYROLL_OK)
		st = add_engine_formulas(r, diag);
	if (st == PAYROLL_OK)
		st = resolve_outputs(r, diag);
	if (st == PAYROLL_OK)
		st = order_balances(r, diag);
	if (st == PAYROLL_OK)
		st = compile_all(r, &in, diag);
	if (st == PAYROLL_OK)
		st = check_output_types(r, diag);
	free(in.v);
	if (st != PAYROLL_OK) {
		payroll_rules_free(r);
		return st;
	}
	*out = r;
	return PAYROLL_OK;
}

/* Records a warning at w; PAYROLL_ENOMEM when it cannot. */
static int
rules_warn(struct payroll_rules *r, const struct ynode *w, const char *fmt,
    ...)
{
	struct payroll_diag *p, d;
	char msg[sizeof(d.msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	payroll_diag_clear(&d);
	rules_error(&d, w, 0, "warning: %s", msg);
	if ((p = xreallocarray(r->warns, r->nwarns + 1, sizeof(*p))) == NULL)
		return PAYROLL_ENOMEM;
	r->warns = p;
	r->warns[r->nwarns++] = d;
	return PAYROLL_OK;
}

size_t
payroll_rules_nwarnings(const struct payroll_rules *r)
{
	return r->nwarns;
}

const struct payroll_diag *
payroll_rules_warning(const struct payroll_rules *r, size_t i)
{
	return i < r->nwarns ? &r->warns[i] : NULL;
}

int
payroll_rules_load(const char *const *paths, size_t npaths,
    const struct payroll_run *run, struct payroll_rules **out,
    struct payroll_diag *diag)
{
	return diag_status(diag, load_all(paths, npaths, run, out, diag));
}

void
payroll_rules_free(struct payroll_rules *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ninputs; i++)
		if (r->inputs[i].has_pattern)
			regfree(&r->inputs[i].pattern);
	for (i = 0; i < r->nscales; i++) {
		free(r->scales[i].over);
		free(r->scales[i].rate);
		free(r->scales[i].base);
	}
	for (i = 0; i < r->ntables; i++)
		tnode_free(r->tables[i].root);
	for (i = 0; i < r->nfuncs; i++)
		free(r->funcs[i].params);
	for (i = 0; i < r->nformulas; i++) {
		free(r->formulas[i].params);
		free(r->formulas[i].refs);
	}
	for (i = 0; i < r->noutputs; i++)
		free(r->outputs[i].tags);
	for (i = 0; i < r->nenums; i++)
		free(r->enums[i].names);
	for (i = 0; i < r->nregex; i++)
		regfree(&r->regexes[i]);
	for (i = 0; i < r->ndocs; i++)
		ynode_free(r->docs[i]);
	free(r->warns);
	if (r->nstrings > 0) {
		rules_symtab_free(r);
		for (i = 1; i < r->nstrings; i++)
			free(r->strings[i]);
	}
	free(r->strings);
	free(r->docs);
	free(r->packs);
	free(r->inputs);
	free(r->params);
	free(r->scales);
	free(r->tables);
	free(r->funcs);
	free(r->formulas);
	free(r->outputs);
	free(r->items);
	free(r->balances);
	free(r->enums);
	free(r->nodes);
	free(r->args);
	free(r->consts);
	free(r->regexes);
	free(r->holidays);
	free(r->checks);
	free(r->checkexprs);
	free(r->tags);
	free(r);
}

size_t
payroll_rules_ninputs(const struct payroll_rules *r)
{
	return r->ninputs;
}

const char *
payroll_rules_input_name(const struct payroll_rules *r, size_t i)
{
	return i < r->ninputs ? r->inputs[i].name : NULL;
}

size_t
payroll_rules_noutputs(const struct payroll_rules *r)
{
	return r->noutputs;
}

const char *
payroll_rules_output_name(const struct payroll_rules *r, size_t i)
{
	return i < r->noutputs ? r->outputs[i].name : NULL;
}

enum payroll_kind
payroll_rules_output_kind(const struct payroll_rules *r, size_t i)
{
	return i < r->noutputs ? r->outputs[i].kind : PAYROLL_K_INFO;
}

int
payroll_rules_output_has_tag(const struct payroll_rules *r, size_t i,
    const char *tag)
{
	size_t j;

	if (i >= r->noutputs)
		return 0;
	for (j = 0; j < NELEM(kinds); j++)
		if (kinds[j].kind == r->outputs[i].kind &&
		    strcmp(kinds[j].name, tag) == 0)
			return 1;
	for (j = 0; j < r->outputs[i].ntags; j++)
		if (strcmp(r->outputs[i].tags[j], tag) == 0)
			return 1;
	return 0;
}

int
payroll_rules_input_find(const struct payroll_rules *r, const char *name)
{
	size_t i;

	for (i = r->ninputs; i-- > 0;)
		if (!r->inputs[i].dead && strcmp(r->inputs[i].name, name) == 0)
			return (int)i;
	return -1;
}

enum payroll_type
payroll_rules_input_type(const struct payroll_rules *r, size_t i)
{
	return i < r->ninputs ? r->inputs[i].type : PAYROLL_T_STRING;
}

int
payroll_rules_input_mask(const struct payroll_rules *r, size_t i)
{
	return i < r->ninputs && r->inputs[i].mask;
}

size_t
payroll_rules_output_ntags(const struct payroll_rules *r, size_t i)
{
	return i < r->noutputs ? r->outputs[i].ntags : 0;
}

const char *
payroll_rules_output_tag(const struct payroll_rules *r, size_t i, size_t j)
{
	return i < r->noutputs && j < r->outputs[i].ntags ?
	    r->outputs[i].tags[j] : NULL;
}

const char *
payroll_rules_output_description(const struct payroll_rules *r, size_t i)
{
	const struct output *o;
	const struct ynode *d;

	if (i >= r->noutputs)
		return "";
	o = &r->outputs[i];
	/* The output's own description, else its formula's. */
	if (o->decl != NULL && (d = yget(o->decl, "description")) != NULL &&
	    d->type == Y_SCALAR)
		return d->val;
	if (o->formula >= 0 && r->formulas[o->formula].decl != NULL &&
	    (d = yget(r->formulas[o->formula].decl, "description")) != NULL &&
	    d->type == Y_SCALAR)
		return d->val;
	return "";
}

const char *
payroll_rules_currency(const struct payroll_rules *r)
{
	size_t i;

	for (i = 0; i < r->npacks; i++)
		if (r->packs[i].currency[0] != '\0')
			return r->packs[i].currency;
	return "";
}

/* A scalar key of output i's declaration, or "". */
static const char *
output_key(const struct payroll_rules *r, size_t i, const char *key)
{
	const struct ynode *d;

	if (i >= r->noutputs || r->outputs[i].decl == NULL ||
	    (d = yget(r->outputs[i].decl, key)) == NULL ||
	    d->type != Y_SCALAR)
		return "";
	return d->val;
}

const char *
payroll_rules_output_label(const struct payroll_rules *r, size_t i)
{
	const struct output *o;
	const struct ynode *d;

	if (i >= r->noutputs)
		return "";
	o = &r->outputs[i];
	if (o->decl != NULL && (d = yget(o->decl, "label")) != NULL &&
	    d->type == Y_SCALAR && d->val[0] != '\0')
		return d->val;
	return o->name;
}

const char *
payroll_rules_output_hours(const struct payroll_rules *r, size_t i)
{
	return output_key(r, i, "hours");
}

const char *
payroll_rules_output_rate(const struct payroll_rules *r, size_t i)
{
	return output_key(r, i, "rate");
}

int
payroll_rules_param(const struct payroll_rules *r, const char *name,
    struct payroll_dec *out)
{
	int kind, idx;

	if (rules_lookup((struct payroll_rules *)r, name, strlen(name), &kind,
	    &idx) != 0 || kind != SYM_PARAM || r->params[idx].type != VT_NUM)
		return PAYROLL_EINVAL;
	*out = r->params[idx].v.d;
	return PAYROLL_OK;
}

int
payroll_rules_input_unique(const struct payroll_rules *r, size_t i)
{
	return i < r->ninputs && r->inputs[i].unique && !r->inputs[i].dead;
}
