/*
 * xmlout.c: XML documents laid out by a layout file (the layout engine's
 * XML half; layout.c has fields, fixed-width records and escaping).  The
 * elements, their order, attributes and conditions are the layout's; the
 * tool supplies values by name and says when an instance of a group (a
 * payment, a batch) is complete.  Instances are spooled to scratch
 * files, since the counts and sums a document's headers carry are known
 * only at the end.
 *
 * A tool whose layouts have their own keys (authority-report's filings:
 * each element's source, conditions and omissions) sets x->tool: the
 * library then reads the tree (names, attributes, children, inline,
 * groups) and walks it, and the tool's hooks say, for the element they
 * compiled, whether it is written, its text and its attributes' values;
 * the tool writes a group's instances where the group is.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { XV_NONE, XV_CONST, XV_DATA, XV_COUNT, XV_TOTAL, XV_TOOL };

struct xattr {
	const char *name;
	int kind;		/* XV_CONST, XV_DATA or XV_TOOL */
	const char *arg;
};

struct payroll_xel {
	const char *name;
	const char *name_data;	/* the name is this supplied value */
	const struct payroll_node *node;
	void *tool;		/* the tool's compiled element (x->tool) */
	int kind;		/* XV_... */
	const char *arg;	/* the constant or the data name */
	long tally;		/* XV_COUNT, XV_TOTAL: its tally */
	struct xattr *attrs;
	size_t nattrs;
	const char *when, *when_is, *unless;
	int inline_;
	long group;		/* the group it is (each), or -1 */
	long scope;		/* the group it is in, or -1: the document */
	int depth;
	struct payroll_xel *kids;
	size_t nkids;
};

struct payroll_xgroup {
	const char *name;
	struct payroll_xel *el;
	FILE *spool;		/* instances not yet placed */
};

struct payroll_xtally {
	long scope;		/* reset when an instance of it is written */
	long of;		/* the group counted or whose element is summed */
	const struct payroll_xel *sum;	/* XV_TOTAL: the element */
	const char *target;	/* "GROUP" or "GROUP.ELEMENT", until bound */
	const struct payroll_node *node;
	unsigned long count;
	struct payroll_dec total;
};

static long
group_find(const struct payroll_xml *x, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < x->ngroup; i++)
		if (strlen(x->group[i].name) == n &&
		    memcmp(x->group[i].name, name, n) == 0)
			return (long)i;
	return -1;
}

static int
known(const char *const *data, const char *name)
{
	size_t i;

	for (i = 0; data != NULL && data[i] != NULL; i++)
		if (strcmp(data[i], name) == 0)
			return 1;
	return data == NULL;
}

static int el_load(struct payroll_xml *x, struct payroll_xel *e,
    const struct payroll_node *y, const char *const *data, long scope,
    int depth, struct payroll_diag *d);

/* A data name the tool supplies, from a scalar node. */
static int
data_name(const struct payroll_node *v, const char *const *data,
    const char **out, struct payroll_diag *d)
{
	if (payroll_conf_text(v, "a data name", out, d) != PAYROLL_OK)
		return PAYROLL_ERULES;
	if (!known(data, *out))
		return payroll_conf_error(d, v, "unknown data '%s'", *out);
	return PAYROLL_OK;
}

static int
el_attrs(const struct payroll_xml *x, struct payroll_xel *e,
    const struct payroll_node *a, const char *const *data,
    struct payroll_diag *d)
{
	size_t i;

	if (a->type != PAYROLL_NODE_MAPPING)
		return payroll_conf_error(d, a, "'attrs' is {NAME: VALUE or "
		    "{data: NAME}}");
	e->nattrs = payroll_conf_len(a);
	if ((e->attrs = calloc(e->nattrs + 1, sizeof(*e->attrs))) == NULL)
		return nomem(d);
	for (i = 0; i < e->nattrs; i++) {
		const struct payroll_node *v = payroll_conf_value(a, i);

		e->attrs[i].name = payroll_conf_key(a, i)->val;
		if (v->type == PAYROLL_NODE_SCALAR) {
			e->attrs[i].kind = XV_CONST;
			e->attrs[i].arg = v->val;
		} else if (x->tool != NULL)
			e->attrs[i].kind = XV_TOOL;
		else {
			static const char *const ak[] = { "data", NULL };

			if (payroll_conf_keys(v, ak, "an attribute", d) !=
			    PAYROLL_OK || payroll_conf_get(v, "data") == NULL)
				return payroll_conf_error(d, v, "an attribute "
				    "is a constant or {data: NAME}");
			e->attrs[i].kind = XV_DATA;
			if (data_name(payroll_conf_get(v, "data"), data,
			    &e->attrs[i].arg, d) != PAYROLL_OK)
				return PAYROLL_ERULES;
		}
	}
	return PAYROLL_OK;
}

static int
el_when(struct payroll_xel *e, const struct payroll_node *y,
    const char *const *data, struct payroll_diag *d)
{
	const struct payroll_node *w = payroll_conf_get(y, "when");
	const struct payroll_node *u = payroll_conf_get(y, "unless");

	if (w != NULL && w->type == PAYROLL_NODE_MAPPING) {
		if (w->n != 2 || w->kids[1]->type != PAYROLL_NODE_SCALAR)
			return payroll_conf_error(d, w, "'when' is NAME or "
			    "{NAME: VALUE}");
		if (data_name(w->kids[0], data, &e->when, d) != PAYROLL_OK)
			return PAYROLL_ERULES;
		e->when_is = w->kids[1]->val;
	} else if (w != NULL && data_name(w, data, &e->when, d) !=
	    PAYROLL_OK)
		return PAYROLL_ERULES;
	if (u != NULL && data_name(u, data, &e->unless, d) != PAYROLL_OK)
		return PAYROLL_ERULES;
	return PAYROLL_OK;
}

/* Its value: value, data, count or total (at most one). */
static int
el_value(struct payroll_xml *x, struct payroll_xel *e,
    const struct payroll_node *y, const char *const *data, long scope,
    struct payroll_diag *d)
{
	static const char *const keys[] = { "value", "data", "count",
	    "total", NULL };
	const struct payroll_node *v = NULL;
	struct payroll_xtally *t;
	size_t i;
	int n = 0;

	for (i = 0; keys[i] != NULL; i++)
		if (payroll_conf_get(y, keys[i]) != NULL) {
			v = payroll_conf_get(y, keys[i]);
			e->kind = (int)i + XV_CONST;
			n++;
		}
	if (n > 1)
		return payroll_conf_error(d, y, "an element has one of value, "
		    "data, count and total");
	if (n == 0)
		return PAYROLL_OK;
	if (e->kind == XV_DATA)
		return data_name(v, data, &e->arg, d);
	if (payroll_conf_text(v, keys[e->kind - XV_CONST], &e->arg, d) !=
	    PAYROLL_OK)
		return PAYROLL_ERULES;
	if (e->kind == XV_CONST)
		return PAYROLL_OK;
	if ((t = realloc(x->tally, (x->ntally + 1) * sizeof(*t))) == NULL)
		return nomem(d);
	x->tally = t;
	t += x->ntally;
	memset(t, 0, sizeof(*t));
	t->scope = scope;
	t->target = e->arg;
	t->node = v;
	t->total = payroll_dec_make(0, 2);
	e->tally = (long)x->ntally++;
	return PAYROLL_OK;
}

static int
el_kids(struct payroll_xml *x, struct payroll_xel *e,
    const struct payroll_node *c, const char *const *data, long scope,
    struct payroll_diag *d)
{
	size_t i;
	int st;

	if (c->type != PAYROLL_NODE_SEQUENCE)
		return payroll_conf_error(d, c, "'children' is a list of "
		    "elements");
	if (e->kind != XV_NONE)
		return payroll_conf_error(d, c, "an element with a value has "
		    "no children");
	e->nkids = payroll_conf_len(c);
	if ((e->kids = calloc(e->nkids + 1, sizeof(*e->kids))) == NULL)
		return nomem(d);
	for (i = 0; i < e->nkids; i++)
		if ((st = el_load(x, &e->kids[i], payroll_conf_item(c, i), data,
		    scope, e->depth + 1, d)) != PAYROLL_OK)
			return st;
	return PAYROLL_OK;
}

static int
el_load(struct payroll_xml *x, struct payroll_xel *e,
    const struct payroll_node *y, const char *const *data, long scope,
    int depth, struct payroll_diag *d)
{
	static const char *const keys[] = { "element", "value", "data",
	    "count", "total", "attrs", "when", "unless", "inline", "each",
	    "children", "description", NULL };
	const struct payroll_node *o;
	int st;

	memset(e, 0, sizeof(*e));
	e->node = y;
	e->group = -1;
	e->tally = -1;
	e->scope = scope;
	e->depth = depth;
	if (y == NULL || y->type != PAYROLL_NODE_MAPPING)
		return payroll_conf_error(d, y, "an element is a mapping "
		    "{element: NAME, ...}");
	/* The tool's elements have the tool's keys: it checks them. */
	if (x->tool == NULL &&
	    payroll_conf_keys(y, keys, "an element", d) != PAYROLL_OK)
		return PAYROLL_ERULES;
	if ((o = payroll_conf_get(y, "element")) == NULL)
		return payroll_conf_error(d, y, "an element needs 'element' "
		    "(its name, or {data: NAME})");
	if (o->type == PAYROLL_NODE_MAPPING && x->tool == NULL) {
		if (o->n != 2 || strcmp(o->kids[0]->val, "data") != 0 ||
		    data_name(o->kids[1], data, &e->name_data, d) !=
		    PAYROLL_OK)
			return payroll_conf_error(d, o, "'element' is a name "
			    "or {data: NAME}");
		e->name = "";
	} else if (payroll_conf_text(o, "element", &e->name, d) !=
	    PAYROLL_OK)
		return PAYROLL_ERULES;
	if (x->tool != NULL) {
		if ((e->tool = x->tool->bind(x->tool->arg, y, d)) == NULL)
			return PAYROLL_ERULES;
	} else if ((st = el_value(x, e, y, data, scope, d)) != PAYROLL_OK ||
	    (st = el_when(e, y, data, d)) != PAYROLL_OK)
		return st;
	if ((o = payroll_conf_get(y, "attrs")) != NULL &&
	    (st = el_attrs(x, e, o, data, d)) != PAYROLL_OK)
		return st;
	if ((o = payroll_conf_get(y, "inline")) != NULL)
		e->inline_ = o->val != NULL && strcmp(o->val, "true") == 0;
	if ((o = payroll_conf_get(y, "each")) != NULL) {
		struct payroll_xgroup *g;
		const char *name;

		if (payroll_conf_text(o, "each", &name, d) != PAYROLL_OK)
			return PAYROLL_ERULES;
		/* The tool's groups are told apart by their element. */
		if (x->tool == NULL && group_find(x, name, strlen(name)) >= 0)
			return payroll_conf_error(d, o, "a second group '%s'",
			    name);
		if ((g = realloc(x->group, (x->ngroup + 1) * sizeof(*g))) ==
		    NULL)
			return nomem(d);
		x->group = g;
		g[x->ngroup].name = name;
		g[x->ngroup].el = NULL;	/* e moves while kids load */
		g[x->ngroup].spool = NULL;
		e->group = (long)x->ngroup++;
		scope = e->group;
	}
	if ((o = payroll_conf_get(y, "children")) != NULL &&
	    (st = el_kids(x, e, o, data, scope, d)) != PAYROLL_OK)
		return st;
	return PAYROLL_OK;
}

/* Each group's element, once the tree no longer moves. */
static void
groups_bind(struct payroll_xml *x, struct payroll_xel *e)
{
	size_t i;

	if (e->group >= 0)
		x->group[e->group].el = e;
	for (i = 0; i < e->nkids; i++)
		groups_bind(x, &e->kids[i]);
}

/* The element of a group named name, of the group's own children. */
static const struct payroll_xel *
el_find(const struct payroll_xel *e, const char *name)
{
	const struct payroll_xel *f;
	size_t i;

	for (i = 0; i < e->nkids; i++) {
		if (strcmp(e->kids[i].name, name) == 0 &&
		    e->kids[i].kind != XV_NONE)
			return &e->kids[i];
		if (e->kids[i].group < 0 &&
		    (f = el_find(&e->kids[i], name)) != NULL)
			return f;
	}
	return NULL;
}

/* Counts and totals: their group and element. */
static int
tallies_bind(struct payroll_xml *x, struct payroll_diag *d)
{
	size_t i;

	for (i = 0; i < x->ntally; i++) {
		struct payroll_xtally *t = &x->tally[i];
		const char *dot = strchr(t->target, '.');
		size_t n = dot != NULL ? (size_t)(dot - t->target) :
		    strlen(t->target);

		if ((t->of = group_find(x, t->target, n)) < 0)
			return payroll_conf_error(d, t->node, "no group '%.*s' "
			    "(an element with 'each')", (int)n, t->target);
		if (t->of == t->scope)
			return payroll_conf_error(d, t->node, "a group counts "
			    "its own instances only from outside");
		if (dot == NULL)
			continue;
		if ((t->sum = el_find(x->group[t->of].el, dot + 1)) == NULL)
			return payroll_conf_error(d, t->node, "group '%.*s' "
			    "has no element '%s' with a value", (int)n,
			    t->target, dot + 1);
	}
	return PAYROLL_OK;
}

int
payroll_xml_load(struct payroll_xml *x, const struct payroll_node *doc,
    const char *const *data, struct payroll_diag *d)
{
	FILE *(*scratch)(void) = x->scratch;
	const struct payroll_xml_tool *tool = x->tool;
	int flags = x->text_flags, st;

	memset(x, 0, sizeof(*x));
	x->scratch = scratch;
	x->tool = tool;
	x->text_flags = flags;
	if ((x->root = calloc(1, sizeof(*x->root))) == NULL)
		return nomem(d);
	if ((st = el_load(x, x->root, doc, data, -1, 0, d)) != PAYROLL_OK)
		return st;
	groups_bind(x, x->root);
	return tallies_bind(x, d);
}

/* ------------------------------------------------------------------ */
/* Writing                                                            */
/* ------------------------------------------------------------------ */

struct wctx {
	struct payroll_xml *x;
	payroll_xml_value_fn value;
	void *arg;
	long self;		/* the group whose instance is written */
	FILE *fp;
};

static const char *
val(const struct wctx *w, const char *name)
{
	const char *v = w->value(w->arg, name);

	return v != NULL ? v : "";
}

static int
wfail(struct wctx *w, int st, const char *why, const char *what)
{
	snprintf(w->x->why, sizeof(w->x->why), "%s%s", why, what);
	return st;
}

/* Copies a group's spooled instances into fp, and empties the spool. */
static int
spool_place(struct wctx *w, struct payroll_xgroup *g)
{
	char buf[8192];
	size_t n;

	if (g->spool == NULL)
		return PAYROLL_OK;
	if (fflush(g->spool) == EOF || fseek(g->spool, 0, SEEK_SET) != 0)
		return wfail(w, PAYROLL_EIO, "scratch file: ", strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), g->spool)) > 0)
		if (fwrite(buf, 1, n, w->fp) != n)
			return wfail(w, PAYROLL_EIO, "write error: ",
			    strerror(errno));
	if (ferror(g->spool))
		return wfail(w, PAYROLL_EIO, "scratch file: ", strerror(errno));
	fclose(g->spool);
	g->spool = NULL;
	return PAYROLL_OK;
}

/* An element's text: its constant, a supplied value, a count or total. */
static const char *
el_text(struct wctx *w, const struct payroll_xel *e, char *buf, size_t size)
{
	const struct payroll_xtally *t;

	switch (e->kind) {
	case XV_CONST:
		return e->arg;
	case XV_DATA:
		return val(w, e->arg);
	case XV_COUNT:
		snprintf(buf, size, "%lu", w->x->tally[e->tally].count);
		return buf;
	case XV_TOTAL:
		t = &w->x->tally[e->tally];
		payroll_dec_format(t->total, 2, buf, size);
		return buf;
	default:
		return NULL;
	}
}

/* Adds an element's amount to the totals that sum it. */
static int
el_sum(struct wctx *w, const struct payroll_xel *e, const char *text)
{
	struct payroll_dec v;
	size_t i;
	int parsed = 0;

	for (i = 0; i < w->x->ntally; i++) {
		struct payroll_xtally *t = &w->x->tally[i];

		if (t->sum != e)
			continue;
		if (!parsed && payroll_dec_parse(text, strlen(text), &v) !=
		    PAYROLL_OK)
			return wfail(w, PAYROLL_EDATA, "not an amount: ",
			    text);
		parsed = 1;
		if (payroll_dec_add(t->total, v, &t->total) != PAYROLL_OK)
			return wfail(w, PAYROLL_EDATA, "a total overflows: ",
			    e->name);
	}
	return PAYROLL_OK;
}

static int
el_shown(struct wctx *w, const struct payroll_xel *e)
{
	const char *v;

	if (e->when != NULL) {
		v = val(w, e->when);
		if (e->when_is != NULL ? strcmp(v, e->when_is) != 0 :
		    v[0] == '\0')
			return 0;
	}
	return e->unless == NULL || val(w, e->unless)[0] == '\0';
}

/* Its name: the layout's, or the supplied value it names. */
static const char *
el_name(const struct wctx *w, const struct payroll_xel *e)
{
	return e->name_data != NULL ? val(w, e->name_data) : e->name;
}

static void
el_open(struct wctx *w, const struct payroll_xel *e, int indent)
{
	size_t i;

	fprintf(w->fp, "%*s<%s", indent ? e->depth * 2 : 0, "", el_name(w, e));
	for (i = 0; i < e->nattrs; i++) {
		const char *v = e->attrs[i].kind == XV_CONST ?
		    e->attrs[i].arg : e->attrs[i].kind == XV_TOOL ?
		    w->x->tool->attr(w->arg, e->tool, i) :
		    val(w, e->attrs[i].arg);

		if (v == NULL || v[0] == '\0')
			continue;	/* an optional attribute left out */
		fprintf(w->fp, " %s=\"", e->attrs[i].name);
		payroll_xml_escape(w->fp, v, strlen(v), PAYROLL_XML_ATTR);
		putc('"', w->fp);
	}
}

static int el_write(struct wctx *w, const struct payroll_xel *e, int inl);

/* A group of the tool's: where it is, the tool writes its instances. */
struct tplace {
	const struct wctx *w;
	const struct payroll_xel *e;
	int inl;
};

/* Writes an instance of the group at p, its hooks getting inst. */
static int
tool_instance(void *p, void *inst)
{
	const struct tplace *t = p;
	struct wctx w = *t->w;

	w.arg = inst;
	w.self = t->e->group;
	return el_write(&w, t->e, t->inl);
}

static int
el_write(struct wctx *w, const struct payroll_xel *e, int inl)
{
	struct tplace place = { w, e, inl };
	char buf[64];
	const char *text = NULL;
	size_t i;
	int st;

	if (w->x->tool != NULL) {
		/* A group's conditions are its instances'. */
		if (e->group >= 0 && e->group != w->self)
			return w->x->tool->each(w->arg, e->tool, tool_instance,
			    &place);
		if (!w->x->tool->element(w->arg, e->tool, &text))
			return PAYROLL_OK;
	} else {
		if (!el_shown(w, e))
			return PAYROLL_OK;
		if (e->group >= 0 && e->group != w->self)
			return spool_place(w, &w->x->group[e->group]);
		text = el_text(w, e, buf, sizeof(buf));
	}
	el_open(w, e, !inl);
	if (text != NULL) {
		putc('>', w->fp);
		payroll_xml_escape(w->fp, text, strlen(text),
		    w->x->text_flags);
		fprintf(w->fp, "</%s>", el_name(w, e));
		if ((st = el_sum(w, e, text)) != PAYROLL_OK)
			return st;
	} else if (e->nkids == 0)
		fputs("/>", w->fp);
	else {
		putc('>', w->fp);
		if (!inl && !e->inline_)
			putc('\n', w->fp);
		for (i = 0; i < e->nkids; i++)
			if ((st = el_write(w, &e->kids[i], inl ||
			    e->inline_)) != PAYROLL_OK)
				return st;
		fprintf(w->fp, "%*s</%s>", inl || e->inline_ ? 0 :
		    e->depth * 2, "", el_name(w, e));
	}
	if (!inl)
		putc('\n', w->fp);
	return PAYROLL_OK;
}

/* After an instance of group g: counts up, its own tallies restart. */
static void
tallies_after(struct payroll_xml *x, long g)
{
	size_t i;

	for (i = 0; i < x->ntally; i++) {
		if (x->tally[i].of == g && x->tally[i].sum == NULL)
			x->tally[i].count++;
		if (x->tally[i].scope == g && g >= 0) {
			x->tally[i].count = 0;
			x->tally[i].total = payroll_dec_make(0, 2);
		}
	}
}

int
payroll_xml_group(struct payroll_xml *x, const char *group,
    payroll_xml_value_fn value, void *arg)
{
	long k = group_find(x, group, strlen(group));
	struct wctx w = { x, value, arg, k, NULL };
	struct payroll_xgroup *g;
	int st;

	if (k < 0) {
		snprintf(x->why, sizeof(x->why), "no group '%s' in the layout",
		    group);
		return PAYROLL_EDATA;
	}
	g = &x->group[k];
	if (g->spool == NULL && (g->spool = x->scratch()) == NULL)
		return wfail(&w, PAYROLL_EIO, "scratch file: ",
		    strerror(errno));
	w.fp = g->spool;
	if ((st = el_write(&w, g->el, 0)) != PAYROLL_OK)
		return st;
	if (ferror(g->spool))
		return wfail(&w, PAYROLL_EIO, "scratch file: ",
		    strerror(errno));
	tallies_after(x, k);
	return PAYROLL_OK;
}

int
payroll_xml_finish(struct payroll_xml *x, FILE *fp,
    payroll_xml_value_fn value, void *arg)
{
	struct wctx w = { x, value, arg, -1, fp };
	int st;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
	if ((st = el_write(&w, x->root, 0)) != PAYROLL_OK)
		return st;
	if (ferror(fp))
		return wfail(&w, PAYROLL_EIO, "write error: ",
		    strerror(errno));
	return PAYROLL_OK;
}

static void
el_free(struct payroll_xel *e)
{
	size_t i;

	for (i = 0; i < e->nkids; i++)
		el_free(&e->kids[i]);
	free(e->kids);
	free(e->attrs);
}

void
payroll_xml_free(struct payroll_xml *x)
{
	size_t i;

	if (x->root != NULL)
		el_free(x->root);
	free(x->root);
	for (i = 0; i < x->ngroup; i++)
		if (x->group[i].spool != NULL)
			fclose(x->group[i].spool);
	free(x->group);
	free(x->tally);
	x->root = NULL;
	x->group = NULL;
	x->tally = NULL;
	x->ngroup = x->ntally = 0;
}
