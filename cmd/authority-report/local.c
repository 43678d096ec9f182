/*
 * authority-report: local income taxes: a layout's 'localities'.
 *
 * The local taxes are the outputs of the rule packs that carry the tags
 * the layout names (localities.tagged: [local_withholding,
 * "state_{state}"]); the layout says, for each such output, where its
 * locality is (a results column, or a constant for a tax of one city),
 * which output holds its wages, and what the form calls it.  Nothing here
 * knows a state or a city.  Amounts are summed per employee and locality
 * row by row (an employee who moved is in two localities), then written
 * one record per employee and locality ('each: local'), or one table row
 * per locality ('rows: local').  See docs/filings.md.
 */

#include <stdlib.h>
#include <string.h>

#include "ar.h"

#define LNONE ((size_t)-1)
#define LMAXCODE 4

struct locent {
	const struct ynode *node;
	const char *tax;	/* output with the tax (or a part of one) */
	const char *of;		/* the output tax is a part of */
	const char *type;	/* the form's tax type code */
	const char *name;	/* what the form calls it */
	const char *codeconst;
	size_t taxcol, wagecol, ofcol;
	size_t codecol[LMAXCODE];	/* the first one given counts */
	size_t ncodecol;
	const struct ynode *codenot;	/* values that are no locality */
	size_t rescol;
	int skip;		/* not on this form ('skip: why') */
	int state;		/* -1: its pack is not loaded */
};

struct lbucket {
	size_t ent;
	char *code, *res;
	int64_t wages, tax;
	unsigned long nemp;
	int state;
};

static struct locent *lents;
static size_t nlents;
static struct lbucket *lbk;	/* per employee and locality */
static size_t nlbk;
static struct lbucket *lgrp;	/* per locality ('rows: local') */
static size_t nlgrp;
static const struct ynode *ltagged;

static size_t
output_index(const char *name)
{
	size_t i;

	for (i = 0; i < payroll_rules_noutputs(run.rules); i++)
		if (strcmp(payroll_rules_output_name(run.rules, i), name) == 0)
			return i;
	return LNONE;
}

/* Whether output i carries every tag of localities.tagged for state s
 * (s < 0: the tags without '{state}'). */
static int
local_tagged(size_t i, int s)
{
	char tag[160];
	const char *t, *p;
	size_t j;

	for (j = 0; j < ltagged->n; j++) {
		t = yscalar(ltagged->kids[j], "a tag");
		if ((p = strstr(t, "{state}")) != NULL) {
			if (s < 0)
				continue;
			snprintf(tag, sizeof(tag), "%.*s%s%s", (int)(p - t), t,
			    run.states[s], p + 7);
			t = tag;
		}
		if (!payroll_rules_output_has_tag(run.rules, i, t))
			return 0;
	}
	return 1;
}

static size_t
local_col(const struct ynode *e, const char *key, int money)
{
	const struct ynode *o = yget(e, key);

	return o == NULL ? LNONE : col_get(yscalar(o, key), money, 0);
}

/* Compiles the layout's 'localities' once the packs are loaded. */
void
local_compile(void)
{
	static const char *const keys[] = { "tax", "of", "wages", "code",
	    "resident", "type", "name", "skip", "description", NULL };
	const struct ynode *l = yget(run.layout, "localities"), *list, *o, *e;
	size_t i, j, oi;
	int s;

	if (l == NULL)
		return;
	ykeys(l, (const char *const[]){ "tagged", "taxes", NULL },
	    "localities");
	ltagged = yget(l, "tagged");
	list = yget(l, "taxes");
	if (ltagged == NULL || ltagged->type != Y_SEQ || list == NULL ||
	    list->type != Y_SEQ)
		yfail(l, "'localities' has 'tagged' (the tags of a local tax "
		    "output) and 'taxes' (a list)");
	if (run.rules == NULL)
		yfail(l, "this form needs the rule packs (--rules) to find the "
		    "local taxes");
	nlents = list->n;
	lents = xcalloc(nlents, sizeof(*lents));
	for (i = 0; i < nlents; i++) {
		struct locent *le = &lents[i];

		e = list->kids[i];
		ykeys(e, keys, "a local tax");
		le->node = e;
		le->state = -1;
		if ((o = yget(e, "tax")) == NULL)
			yfail(e, "a local tax names its output ('tax')");
		le->tax = yscalar(o, "tax");
		le->of = (o = yget(e, "of")) ? yscalar(o, "of") : NULL;
		le->type = (o = yget(e, "type")) ? yscalar(o, "type") : "";
		le->skip = yget(e, "skip") != NULL;
		if ((oi = output_index(le->of ? le->of : le->tax)) == LNONE)
			continue;	/* its pack is not loaded */
		if (le->of != NULL && output_index(le->tax) == LNONE)
			yfail(e, "no output '%s' in the packs (a part of '%s')",
			    le->tax, le->of);
		for (s = 0; s < (int)run.nstates; s++)
			if (local_tagged(oi, s))
				break;
		if (s == (int)run.nstates)
			yfail(e, "output '%s' is not tagged as a local tax of a "
			    "state of the layout", payroll_rules_output_name(
			    run.rules, oi));
		le->state = s;
		le->name = (o = yget(e, "name")) ? yscalar(o, "name") :
		    payroll_rules_output_label(run.rules, output_index(le->tax));
		if (le->skip)
			continue;
		le->taxcol = col_get(le->tax, 1, 0);
		le->ofcol = le->of ? col_get(le->of, 1, 0) : LNONE;
		le->wagecol = local_col(e, "wages", 1);
		if ((o = yget(e, "code")) == NULL || o->type != Y_MAP)
			yfail(e, "a local tax says where its locality is "
			    "('code': {column: C}, {columns: [C, ..]} or "
			    "{const: X})");
		if (yget(o, "const") != NULL)
			le->codeconst = yscalar(yget(o, "const"), "const");
		else if (yget(o, "column") != NULL)
			le->codecol[le->ncodecol++] = local_col(o, "column", 0);
		else if (yget(o, "columns") != NULL &&
		    yget(o, "columns")->type == Y_SEQ &&
		    yget(o, "columns")->n <= LMAXCODE) {
			const struct ynode *c = yget(o, "columns");

			for (j = 0; j < c->n; j++)
				le->codecol[le->ncodecol++] = col_get(
				    yscalar(c->kids[j], "a column"), 0, 0);
		} else
			yfail(o, "'code' is {column: C}, {columns: [C, ..]} "
			    "(at most %d) or {const: X}", LMAXCODE);
		if ((le->codenot = yget(o, "not")) != NULL &&
		    le->codenot->type != Y_SEQ)
			yfail(le->codenot, "'not' is a list of values");
		le->rescol = LNONE;
		if ((o = yget(e, "resident")) != NULL)
			le->rescol = local_col(o, "column", 0);
	}
	/* Every local tax of the packs is in the list: none left out of a
	 * filing unseen. */
	for (oi = 0; oi < payroll_rules_noutputs(run.rules); oi++) {
		const char *nm = payroll_rules_output_name(run.rules, oi);

		if (!local_tagged(oi, -1))
			continue;
		for (i = 0; i < nlents; i++)
			if (strcmp(lents[i].of ? lents[i].of : lents[i].tax,
			    nm) == 0)
				break;
		if (i == nlents)
			yfail(l, "output '%s' of the packs is a local tax this "
			    "layout does not place: add it to 'taxes' (or "
			    "'skip: why')", nm);
	}
}

static int64_t
local_amt(struct reader *r, size_t c)
{
	const char *s, *why;
	int64_t v;

	if (c == LNONE || r->map[c] < 0)
		return 0;
	s = rfield(r, (size_t)r->map[c]);
	if (cents_parse(s, strlen(s), &v, &why) != 0)
		die(ST_DATA, "%s:%lu: field '%s': '%s': %s", r->path, rline(r),
		    cols[c].name, s, why);
	return v;
}

static const char *
local_text(struct reader *r, size_t c)
{
	if (c == LNONE || r->map[c] < 0)
		return "";
	return rfield(r, (size_t)r->map[c]);
}

static int
local_listed(const struct ynode *l, const char *v)
{
	size_t i;

	for (i = 0; l != NULL && i < l->n; i++)
		if (strcmp(l->kids[i]->val, v) == 0)
			return 1;
	return 0;
}

/* A row of the period: its local taxes, to the employee's localities. */
void
local_row(struct emp *e, struct reader *r)
{
	const struct locent *le;
	struct lbucket *b;
	const char *code, *res;
	int64_t tax, wages, sum;
	size_t i, j, k;
	char idb[80];

	for (i = 0; i < nlents; i++) {
		le = &lents[i];
		if (le->state < 0 || le->skip)
			continue;
		tax = local_amt(r, le->taxcol);
		wages = local_amt(r, le->wagecol);
		if (tax == 0 && wages == 0)
			continue;
		code = le->codeconst;
		for (j = 0; code == NULL && j < le->ncodecol; j++) {
			const char *c = local_text(r, le->codecol[j]);

			if (c[0] != '\0' && !local_listed(le->codenot, c))
				code = c;
		}
		if (code == NULL)
			die(ST_DATA, "%s:%lu: employee '%s': field '%s': no "
			    "locality for %s %s (%s:%lu)", r->path, rline(r),
			    show_value("employee_id", e->id, strlen(e->id), idb,
			    sizeof(idb)), cols[le->codecol[0]].name, le->tax,
			    tax != 0 ? "withheld" : "wages",
			    le->node->file, le->node->line);
		res = local_text(r, le->rescol);
		for (k = 0; k < e->nloc; k++) {
			b = &lbk[e->loc[k]];
			if (b->ent == i && strcmp(b->code, code) == 0 &&
			    strcmp(b->res, res) == 0)
				break;
		}
		if (k == e->nloc) {
			lbk = xreallocarray(lbk, nlbk + 1, sizeof(*lbk));
			b = &lbk[nlbk];
			memset(b, 0, sizeof(*b));
			b->ent = i;
			b->state = le->state;
			b->code = xstrdup(code);
			b->res = xstrdup(res);
			b->nemp = 1;
			e->loc = xreallocarray(e->loc, e->nloc + 1,
			    sizeof(*e->loc));
			e->loc[e->nloc++] = nlbk++;
		}
		b = &lbk[e->loc[k]];
		if (cents_add(b->tax, tax, &b->tax) != 0 ||
		    cents_add(b->wages, wages, &b->wages) != 0)
			die(ST_DATA, "%s:%lu: local tax sum overflows",
			    r->path, rline(r));
	}
	/* A tax split into parts ('of'): the parts add up to it. */
	for (i = 0; i < nlents; i++) {
		le = &lents[i];
		if (le->state < 0 || le->skip || le->of == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (lents[j].of != NULL && lents[j].state >= 0 &&
			    strcmp(lents[j].of, le->of) == 0)
				break;
		if (j < i)
			continue;	/* checked at its first part */
		sum = 0;
		for (j = i; j < nlents; j++)
			if (lents[j].of != NULL && lents[j].state >= 0 &&
			    strcmp(lents[j].of, le->of) == 0)
				sum += local_amt(r, lents[j].taxcol);
		if (sum != local_amt(r, le->ofcol))
			die(ST_DATA, "%s:%lu: employee '%s': field '%s': the "
			    "parts the layout names (%s:%lu) do not add up "
			    "to it", r->path, rline(r), show_value("employee_id",
			    e->id, strlen(e->id), idb, sizeof(idb)), le->of,
			    le->node->file, le->node->line);
	}
}

static int
lbk_cmp(const struct lbucket *a, const struct lbucket *b)
{
	int c;

	if (a->state != b->state)
		return a->state < b->state ? -1 : 1;
	if (a->ent != b->ent)
		return a->ent < b->ent ? -1 : 1;
	if ((c = strcmp(a->code, b->code)) != 0)
		return c;
	return strcmp(a->res, b->res);
}

static int
lbk_qcmp(const void *a, const void *b)
{
	return lbk_cmp(a, b);
}

static int
lidx_qcmp(const void *a, const void *b)
{
	return lbk_cmp(&lbk[*(const size_t *)a], &lbk[*(const size_t *)b]);
}

/* 'each: local': one item per locality of the employee (of the state
 * when within 'each: state'), in the layout's order of the taxes. */
void
local_each(struct item *it, const struct ectx *x)
{
	struct ectx y = *x;
	size_t k;

	/* No locality: nothing to emit (and qsort() takes no null base). */
	if (x->e == NULL || x->e->nloc == 0)
		return;
	qsort(x->e->loc, x->e->nloc, sizeof(*x->e->loc), lidx_qcmp);
	for (k = 0; k < x->e->nloc; k++) {
		const struct lbucket *b = &lbk[x->e->loc[k]];

		if (x->state >= 0 && b->state != x->state)
			continue;
		if (!state_has((size_t)b->state))
			continue;
		y.loc = b;
		y.state = b->state;
		item_emit_one(it, &y);
	}
}

/* 'rows: local': the localities of all employees, summed. */
size_t
local_groups(void)
{
	struct lbucket *s;
	size_t i;

	if (lgrp != NULL || nlbk == 0)
		return nlgrp;
	s = xcalloc(nlbk, sizeof(*s));
	memcpy(s, lbk, nlbk * sizeof(*s));
	qsort(s, nlbk, sizeof(*s), lbk_qcmp);
	lgrp = xcalloc(nlbk, sizeof(*lgrp));
	for (i = 0; i < nlbk; i++) {
		if (!state_has((size_t)s[i].state))
			continue;
		if (nlgrp > 0 && lbk_cmp(&lgrp[nlgrp - 1], &s[i]) == 0) {
			struct lbucket *g = &lgrp[nlgrp - 1];

			if (cents_add(g->tax, s[i].tax, &g->tax) != 0 ||
			    cents_add(g->wages, s[i].wages, &g->wages) != 0)
				die(ST_DATA, "local tax sum overflows");
			g->nemp++;
		} else
			lgrp[nlgrp++] = s[i];
	}
	free(s);
	return nlgrp;
}

static const char *const local_facts[] = { "code", "resident", "name",
    "type", "wages", "tax", "employees", NULL };

void
local_src_check(const struct ynode *v, const char *arg)
{
	size_t i;

	for (i = 0; local_facts[i] != NULL; i++)
		if (strcmp(local_facts[i], arg) == 0)
			return;
	yfail(v, "unknown local fact '%s' (code, resident, name, type, "
	    "wages, tax, employees)", arg);
}

int
local_eval(const struct src *s, const struct ectx *x, struct val *v,
    char *why, size_t wsize)
{
	const struct lbucket *b = x->loc;
	const struct locent *le;

	if (b == NULL) {
		snprintf(why, wsize, "'local' outside a locality's record "
		    "(each: local, rows: local)");
		return -1;
	}
	le = &lents[b->ent];
	if (strcmp(s->arg, "code") == 0)
		v->text = b->code;
	else if (strcmp(s->arg, "resident") == 0)
		v->text = b->res;
	else if (strcmp(s->arg, "name") == 0)
		v->text = le->name != NULL ? le->name : le->tax;
	else if (strcmp(s->arg, "type") == 0)
		v->text = le->type;
	else if (strcmp(s->arg, "employees") == 0) {
		v->type = V_INT;
		v->amt = (int64_t)b->nemp;
	} else {
		v->type = V_AMOUNT;
		v->amt = strcmp(s->arg, "wages") == 0 ? b->wages : b->tax;
	}
	return 0;
}

const struct lbucket *
local_group(size_t k)
{
	return &lgrp[k];
}

int
local_group_state(size_t k)
{
	return lgrp[k].state;
}
