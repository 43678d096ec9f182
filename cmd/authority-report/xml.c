/*
 * authority-report: XML filings (UK RTI FPS and EPS, CA T4), written by
 * the library's XML layout engine (libpayroll/xmlout.c): the library
 * walks the layout's element tree and writes the document; this file
 * says, for each element compiled in fixed.c (item_compile), whether it
 * is written (when, omit), its value (its source, formatted by
 * field_format) and its attributes' values, and writes the instances of
 * an element with each (an employee, a state) where it is.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"

struct item xroot;

void
xml_bind(struct item *it)
{
	const struct ynode *a = yget(it->node, "attrs");
	size_t i;

	src_bind(&it->xml->src);
	for (i = 0; a != NULL && i + 1 < a->n; i += 2)
		src_bind(&it->attrs[i / 2]);
	for (i = 0; i < it->nkids; i++)
		xml_bind(&it->kids[i]);
}

/* Whether an element (or one of its children) has a non-zero amount. */
static int
xml_nonzero(struct item *it, const struct ectx *x)
{
	struct val v;
	char why[600];
	size_t i;

	if ((it->xml->lf.type == PAYROLL_FT_MONEY ||
	    it->xml->lf.type == PAYROLL_FT_DECIMAL) &&
	    src_eval(&it->xml->src, x, &v, why, sizeof(why)) == 0 &&
	    v.type != V_TEXT && v.amt != 0)
		return 1;
	for (i = 0; i < it->nkids; i++)
		if (xml_nonzero(&it->kids[i], x))
			return 1;
	return 0;
}

/* The item compiled from the layout's element y. */
static struct item *
item_of(struct item *it, const struct ynode *y)
{
	struct item *f;
	size_t i;

	if (it->node == y)
		return it;
	for (i = 0; i < it->nkids; i++)
		if ((f = item_of(&it->kids[i], y)) != NULL)
			return f;
	return NULL;
}

static void *
hook_bind(void *arg, const struct payroll_node *y, struct payroll_diag *d)
{
	struct item *it = item_of(&xroot, y);

	(void)arg;
	(void)d;
	if (it == NULL)
		yfail(y, "an element the tool did not compile");
	return it;
}

/* Whether element el is written for the context arg, and its text. */
static int
hook_element(void *arg, void *el, const char **text)
{
	static struct sbuf v;
	const struct ectx *x = arg;
	struct item *it = el;
	char why[600];
	int64_t amt;
	int empty;

	*text = NULL;
	if (it->when == W_NONZERO && !xml_nonzero(it, x))
		return 0;
	if ((it->when == W_COND || it->when == W_IN ||
	    it->when == W_WITHIN || it->when == W_PRESENT) && !item_cond(it, x))
		return 0;
	if (it->nkids > 0 || it->xml->src.kind == S_BLANK)
		return 1;
	if (field_format(it->xml, x, &v, &amt, &empty, why,
	    sizeof(why)) != 0) {
		report(x, "", it->xml, why);
		return 0;
	}
	if ((it->xml->omit == 1 && empty) ||
	    (it->xml->omit == 2 && amt == 0 &&
	    (it->xml->lf.type == PAYROLL_FT_MONEY ||
	    it->xml->lf.type == PAYROLL_FT_DECIMAL ||
	    it->xml->lf.type == PAYROLL_FT_INTEGER)))
		return 0;
	*text = v.p != NULL ? v.p : "";
	return 1;
}

/* The value of attribute i of el; an empty one is left out (an optional
 * XML attribute: TaxRegime for the rest of the UK). */
static const char *
hook_attr(void *arg, void *el, size_t i)
{
	static struct val av;
	const struct ectx *x = arg;
	struct item *it = el;
	char why[600];

	if (src_eval(&it->attrs[i], x, &av, why, sizeof(why)) != 0) {
		report(x, "", it->xml, why);
		return NULL;
	}
	return av.text;
}

/* The instances of element el with each: one an employee or a state. */
static int
hook_each(void *arg, void *el, payroll_xml_instance_fn write, void *w)
{
	struct ectx y = *(const struct ectx *)arg;
	struct item *it = el;
	size_t k;
	int st;

	if (it->each == EACH_EMPLOYEE) {
		for (k = 0; k < nemps; k++) {
			y.e = emps[k];
			if ((st = write(w, &y)) != PAYROLL_OK)
				return st;
		}
		return PAYROLL_OK;
	}
	if (it->each == EACH_STATE) {
		for (k = 0; k < run.nstates; k++) {
			if (!state_has(k))
				continue;
			y.state = (int)k;
			if ((st = write(w, &y)) != PAYROLL_OK)
				return st;
		}
		return PAYROLL_OK;
	}
	return write(w, &y);
}

void
emit_xml(void)
{
	static const struct payroll_xml_tool hooks = { hook_bind,
	    hook_element, hook_attr, hook_each, NULL };
	struct ectx x = { NULL, run.fixedstate, NULL };
	struct payroll_xml doc = { .tool = &hooks };
	struct payroll_diag d;
	int st;

	xml_bind(&xroot);
	diag_ok(payroll_xml_load(&doc, xroot.node, NULL, &d), &d);
	if ((st = payroll_xml_finish(&doc, outfp, NULL, &x)) != PAYROLL_OK)
		die(st == PAYROLL_EIO ? ST_SYSTEM : ST_DATA, "%s", doc.why);
	payroll_xml_free(&doc);
}
