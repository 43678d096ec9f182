/*
 * authority-report: XML filings (UK RTI FPS and EPS): elements,
 * attributes, escaping.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"

struct item xroot;

static void
xml_escape(const char *s, size_t n, int attr)
{
	if (payroll_xml_escape(outfp, s, n, attr ? PAYROLL_XML_ATTR : 0) !=
	    PAYROLL_OK)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
}

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

	if ((it->xml->lf.type == PAYROLL_FT_MONEY || it->xml->lf.type == PAYROLL_FT_DECIMAL) &&
	    src_eval(&it->xml->src, x, &v, why, sizeof(why)) == 0 &&
	    v.type != V_TEXT && v.amt != 0)
		return 1;
	for (i = 0; i < it->nkids; i++)
		if (xml_nonzero(&it->kids[i], x))
			return 1;
	return 0;
}

static void xml_items(struct item *its, size_t n, const struct ectx *x,
    int depth);

static void
xml_one(struct item *it, const struct ectx *x, int depth)
{
	const struct ynode *a = yget(it->node, "attrs");
	struct sbuf v = { 0 };
	struct val av;
	char why[600];
	int64_t amt;
	size_t i;
	int empty;

	if (it->when == W_NONZERO && !xml_nonzero(it, x))
		return;
	if ((it->when == W_COND || it->when == W_IN ||
	    it->when == W_WITHIN || it->when == W_PRESENT) && !item_cond(it, x))
		return;
	if (it->nkids == 0 && it->xml->src.kind != S_BLANK) {
		if (field_format(it->xml, x, &v, &amt, &empty, why,
		    sizeof(why)) != 0) {
			report(x, "", it->xml, why);
			free(v.p);
			return;
		}
		if ((it->xml->omit == 1 && empty) ||
		    (it->xml->omit == 2 && amt == 0 &&
		    (it->xml->lf.type == PAYROLL_FT_MONEY || it->xml->lf.type == PAYROLL_FT_DECIMAL ||
		    it->xml->lf.type == PAYROLL_FT_INTEGER))) {
			free(v.p);
			return;
		}
	}
	fprintf(outfp, "%*s<%s", depth * 2, "", it->xml->lf.name);
	for (i = 0; a != NULL && i < a->n; i += 2) {
		if (src_eval(&it->attrs[i / 2], x, &av, why,
		    sizeof(why)) != 0) {
			report(x, "", it->xml, why);
			continue;
		}
		/* An attribute whose value is empty is left out (an
		 * optional XML attribute: TaxRegime for the rest of the
		 * UK). */
		if (av.type == V_TEXT && av.text[0] == '\0')
			continue;
		fprintf(outfp, " %s=\"", a->kids[i]->val);
		xml_escape(av.text, strlen(av.text), 1);
		fputc('"', outfp);
	}
	if (it->nkids > 0) {
		fputs(">\n", outfp);
		xml_items(it->kids, it->nkids, x, depth + 1);
		fprintf(outfp, "%*s</%s>\n", depth * 2, "", it->xml->lf.name);
	} else if (it->xml->src.kind == S_BLANK)
		fputs("/>\n", outfp);
	else {
		fputc('>', outfp);
		xml_escape(v.p, v.len, 0);
		fprintf(outfp, "</%s>\n", it->xml->lf.name);
	}
	free(v.p);
}

static void
xml_items(struct item *its, size_t n, const struct ectx *x, int depth)
{
	struct ectx y;
	size_t i, k;

	for (i = 0; i < n; i++) {
		y = *x;
		if (its[i].each == EACH_EMPLOYEE)
			for (k = 0; k < nemps; k++) {
				y.e = emps[k];
				xml_one(&its[i], &y, depth);
			}
		else if (its[i].each == EACH_STATE)
			for (k = 0; k < run.nstates; k++) {
				if (!state_has(k))
					continue;
				y.state = (int)k;
				xml_one(&its[i], &y, depth);
			}
		else
			xml_one(&its[i], &y, depth);
	}
}

void
emit_xml(void)
{
	struct ectx x = { NULL, run.fixedstate, NULL };

	xml_bind(&xroot);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", outfp);
	xml_items(&xroot, 1, &x, 0);
	if (ferror(outfp))
		die(ST_SYSTEM, "write error: %s", strerror(errno));
}
