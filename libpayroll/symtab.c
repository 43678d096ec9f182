/*
 * symtab.c: the compiled rules' tables, shared by the loader (rules.c)
 * and the expression compiler (expr.c): the symbols of the packs' one
 * name space, the growing arrays (nodes, constants, strings, formulas),
 * the tags and holidays, and errors at a node's place.  Neither rules.c
 * nor expr.c is needed here, so the library's files call each other
 * without a cycle: rules.c -> expr.c -> symtab.c.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * An error at node w: offset 0 means the node itself; k > 0 means byte
 * k - 1 of a scalar's text (an expression error).
 */
int
rules_error(struct payroll_diag *diag, const struct ynode *w, int offset,
    const char *fmt, ...)
{
	unsigned long line = 0, col = 0;
	va_list ap;

	if (w != NULL) {
		line = w->line;
		col = w->col;
		if (offset > 0 && w->type == Y_SCALAR) {
			/* Walk the scalar's text to the offset.  Quoted and
			 * plain scalars start at col (plus a quote); block
			 * scalars start on the next line. */
			int i, block = w->style == PAYROLL_STYLE_LITERAL ||
			    w->style == PAYROLL_STYLE_FOLDED;
			int quoted = w->style == PAYROLL_STYLE_SINGLE_QUOTED ||
			    w->style == PAYROLL_STYLE_DOUBLE_QUOTED;

			if (block) {
				line++;
				col = 1;
			} else
				col += quoted;
			offset--;
			for (i = 0; i < offset && (size_t)i < w->len; i++) {
				if (w->val[i] == '\n') {
					line++;
					col = 1;
				} else
					col++;
			}
		}
	}
	va_start(ap, fmt);
	diag_vset(diag, w != NULL ? w->file : "", line, col, NULL, fmt, ap);
	va_end(ap);
	return PAYROLL_ERULES;
}

int
rules_valid_name(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    *s == '_'))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Symbols                                                            */
/* ------------------------------------------------------------------ */

struct sym {
	const char *name;
	int kind;
	int index;
	const struct ynode *where;
};

struct symtab {
	struct sym *s;
	size_t cap, n;
};

static struct symtab *
symtab(struct payroll_rules *r)
{
	return (struct symtab *)(void *)r->strings[0];
}

/* The symbol table, kept in strings[0] (strings are freed with the
 * rules). */
int
rules_symtab_new(struct payroll_rules *r)
{
	struct symtab *tab;

	if ((tab = calloc(1, sizeof(*tab))) == NULL ||
	    rules_strdup(r, "", 0) == NULL) {
		free(tab);
		return PAYROLL_ENOMEM;
	}
	free(r->strings[0]);
	r->strings[0] = (char *)(void *)tab;
	return PAYROLL_OK;
}

void
rules_symtab_free(struct payroll_rules *r)
{
	struct symtab *t = symtab(r);

	free(t->s);
	free(t);
	r->strings[0] = NULL;
}

static uint32_t
hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static struct sym *
sym_find(struct payroll_rules *r, const char *name, size_t len)
{
	struct symtab *t = symtab(r);
	size_t i;

	if (t->cap == 0)
		return NULL;
	for (i = hash(name, len) & (t->cap - 1); t->s[i].name != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (strncmp(t->s[i].name, name, len) == 0 &&
		    t->s[i].name[len] == '\0')
			return &t->s[i];
	return NULL;
}

int
rules_sym_insert(struct payroll_rules *r, const char *name, int kind, int index,
    const struct ynode *where)
{
	struct symtab *t = symtab(r);
	size_t i;

	if ((t->n + 1) * 2 > t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 256, j;
		struct sym *ns = calloc(ncap, sizeof(*ns));

		if (ns == NULL)
			return PAYROLL_ENOMEM;
		for (j = 0; j < t->cap; j++) {
			if (t->s[j].name == NULL)
				continue;
			for (i = hash(t->s[j].name, strlen(t->s[j].name)) &
			    (ncap - 1); ns[i].name != NULL; i = (i + 1) &
			    (ncap - 1))
				;
			ns[i] = t->s[j];
		}
		free(t->s);
		t->s = ns;
		t->cap = ncap;
	}
	for (i = hash(name, strlen(name)) & (t->cap - 1); t->s[i].name != NULL;
	    i = (i + 1) & (t->cap - 1))
		;
	t->s[i].name = name;
	t->s[i].kind = kind;
	t->s[i].index = index;
	t->s[i].where = where;
	t->n++;
	return PAYROLL_OK;
}

int
rules_lookup(struct payroll_rules *r, const char *name, size_t len,
    int *kind, int *index)
{
	struct sym *s = sym_find(r, name, len);

	if (s == NULL)
		return -1;
	*kind = s->kind;
	*index = s->index;
	return 0;
}

/* Where name was declared (NULL when it is not). */
const struct ynode *
rules_sym_where(struct payroll_rules *r, const char *name)
{
	struct sym *s = sym_find(r, name, strlen(name));

	return s != NULL ? s->where : NULL;
}

const char *const rules_kind_names[] = {
	"", "input", "parameter", "formula", "scale", "table", "function",
	"item", "balance"
};

/*
 * Declares name.  Returns 1 when it replaces an earlier declaration
 * (override), 0 when new; an error when it clashes.
 */
int
rules_declare(struct payroll_rules *r, const char *name, int kind, int index,
    const struct ynode *where, int override, struct payroll_diag *diag)
{
	struct sym *s;

	if (!rules_valid_name(name))
		return -rules_error(diag, where, 0,
		    "'%s' is not a valid name (letters, digits and _)", name);
	if ((s = sym_find(r, name, strlen(name))) == NULL) {
		if (override)
			return -rules_error(diag, where, 0,
			    "'%s' overrides nothing: no earlier pack declares it",
			    name);
		return -rules_sym_insert(r, name, kind, index, where);
	}
	if (!override)
		return -rules_error(diag, where, 0,
		    "%s '%s' is already declared as a %s at %s:%lu:%lu "
		    "(use override: true to replace it)", rules_kind_names[kind],
		    name, rules_kind_names[s->kind], s->where->file, s->where->line,
		    s->where->col);
	if (s->kind != kind && !(s->kind == SYM_INPUT && kind == SYM_FORMULA))
		return -rules_error(diag, where, 0,
		    "%s '%s' cannot override the %s declared at %s:%lu",
		    rules_kind_names[kind], name, rules_kind_names[s->kind],
		    s->where->file, s->where->line);
	if (s->kind == SYM_INPUT && kind == SYM_FORMULA)
		r->inputs[s->index].dead = 1;
	if (s->kind == SYM_FORMULA)
		r->formulas[s->index].dead = 1;
	s->kind = kind;
	s->index = index;
	s->where = where;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Arrays                                                             */
/* ------------------------------------------------------------------ */

int
rules_grow(void **p, size_t *cap, size_t n, size_t size)
{
	void *np;
	size_t nc;

	if (n < *cap)
		return PAYROLL_OK;
	nc = *cap ? *cap * 2 : 16;
	if ((np = xreallocarray(*p, nc, size)) == NULL)
		return PAYROLL_ENOMEM;
	memset((char *)np + *cap * size, 0, (nc - *cap) * size);
	*p = np;
	*cap = nc;
	return PAYROLL_OK;
}


const char *
rules_strdup(struct payroll_rules *r, const char *s, size_t n)
{
	char *p;

	if (rules_grow((void **)&r->strings, &r->capstrings, r->nstrings,
	    sizeof(*r->strings)) != 0 || (p = xstrndup(s, n)) == NULL)
		return NULL;
	r->strings[r->nstrings++] = p;
	return p;
}

int
rules_add_formula(struct payroll_rules *r, const char *name,
    const struct ynode *expr, int pack, int anon)
{
	struct formula *f = PUSH(r, formulas, nformulas, r->caps.formulas);

	if (f == NULL)
		return -1;
	memset(f, 0, sizeof(*f));
	f->name = name;
	f->expr = expr;
	f->pack = pack;
	f->anon = anon;
	f->root = -1;
	f->state = F_NEW;
	return (int)(f - r->formulas);
}

int
node_new(struct payroll_rules *r, int op, int type)
{
	struct node *n;

	if (rules_grow((void **)&r->nodes, &r->capnodes, r->nnodes,
	    sizeof(*r->nodes)) != 0)
		return -1;
	n = &r->nodes[r->nnodes];
	memset(n, 0, sizeof(*n));
	n->op = (unsigned char)op;
	n->type = (unsigned char)type;
	n->a = n->b = n->c = -1;
	return (int)r->nnodes++;
}

int
const_new(struct payroll_rules *r, struct val v)
{
	if (rules_grow((void **)&r->consts, &r->capconsts, r->nconsts,
	    sizeof(*r->consts)) != 0)
		return -1;
	r->consts[r->nconsts] = v;
	return (int)r->nconsts++;
}

int
rules_tag_known(const struct payroll_rules *r, const char *tag, size_t len)
{
	static const char *const kinds_[] = { "earning", "deduction",
	    "withholding", "employer", "info" };
	size_t i;

	for (i = 0; i < NELEM(kinds_); i++)
		if (strlen(kinds_[i]) == len && strncmp(kinds_[i], tag, len) == 0)
			return 1;
	for (i = 0; i < r->ntags; i++)
		if (strlen(r->tags[i]) == len && strncmp(r->tags[i], tag, len) == 0)
			return 1;
	return 0;
}

/* Monday-to-Friday days in [a, b] that are not holidays. */
int
rules_working_days(const struct payroll_rules *r, payroll_date a,
    payroll_date b)
{
	int n = payroll_weekdays_between(a, b);
	size_t i;

	for (i = 0; i < r->nholidays; i++)
		if (r->holidays[i] >= a && r->holidays[i] <= b &&
		    payroll_date_weekday(r->holidays[i]) <= 5)
			n--;
	return n;
}
