/*
 * t_xmlout.c: the XML layout engine (libpayroll/xmlout.c), the one
 * walker of every XML file the tools write: a layout whose values the
 * tool supplies by name (SEPA pain.001's way: groups spooled, counts,
 * totals, when/unless, inline, escaping), and a layout whose elements
 * the tool evaluates through hooks (authority-report's FPS, EPS and T4:
 * its own keys, its own conditions, its groups written where they are).
 *
 * The expected documents are written by hand from the layouts below
 * (two spaces an indentation level, one element a line).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"
#include "tap.h"

static struct payroll_diag diag;

static struct payroll_node *
yaml(const char *text)
{
	FILE *fp = fmemopen((void *)(size_t)text, strlen(text), "r");
	struct payroll_node *root = NULL;

	if (fp == NULL || payroll_conf_read(fp, "t.yaml", NULL, &root,
	    &diag) != PAYROLL_OK) {
		printf("Bail out! %s:%lu:%lu: %s\n", diag.file, diag.line,
		    diag.column, diag.msg);
		exit(2);
	}
	fclose(fp);
	return root;
}

static FILE *
scratch(void)
{
	return tmpfile();
}

/* ------------------------------------------------------------------ */
/* Values by name                                                     */
/* ------------------------------------------------------------------ */

static const char named_layout[] =
    "element: Doc\n"
    "attrs: {xmlns: {data: ns}, v: \"1\"}\n"
    "children:\n"
    "  - {element: Count, count: item}\n"
    "  - {element: Sum, total: item.Amt}\n"
    "  - {element: Note, data: note, when: note}\n"
    "  - {element: Opt, value: x, unless: note}\n"
    "  - {element: Kind, value: k, when: {mode: test}}\n"
    "  - {element: Hdr, inline: true, children: [{element: A, value: "
    "\"a&b\"}, {element: B, data: b}]}\n"
    "  - element: Item\n"
    "    each: item\n"
    "    children:\n"
    "      - {element: Amt, data: amount}\n"
    "      - {element: Who, attrs: {k: {data: kind}}, data: who}\n"
    "      - {element: {data: tag}, data: who}\n"
    "      - {element: Empty}\n";

static const char named_want[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Doc xmlns=\"urn:x\" v=\"1\">\n"
    "  <Count>2</Count>\n"
    "  <Sum>3.75</Sum>\n"
    "  <Opt>x</Opt>\n"
    "  <Kind>k</Kind>\n"
    "  <Hdr><A>a&amp;b</A><B>&lt;b&gt;</B></Hdr>\n"
    "  <Item>\n"
    "    <Amt>1.50</Amt>\n"
    "    <Who>Ann</Who>\n"
    "    <T>Ann</T>\n"
    "    <Empty/>\n"
    "  </Item>\n"
    "  <Item>\n"
    "    <Amt>2.25</Amt>\n"
    "    <Who k=\"p\">Bob \"B\"</Who>\n"
    "    <T>Bob \"B\"</T>\n"
    "    <Empty/>\n"
    "  </Item>\n"
    "</Doc>\n";

/* name=value pairs, NULL-terminated. */
static const char *
lookup(void *arg, const char *name)
{
	const char *const *kv = arg;
	size_t n = strlen(name);

	for (; *kv != NULL; kv++)
		if (strncmp(*kv, name, n) == 0 && (*kv)[n] == '=')
			return *kv + n + 1;
	return NULL;
}

static const char *const named_data[] = { "ns", "note", "b", "mode",
	"amount", "kind", "who", "tag", NULL };

static void
test_named(void)
{
	struct payroll_node *y = yaml(named_layout), *bad;
	struct payroll_xml x = { .scratch = scratch };
	const char *doc[] = { "ns=urn:x", "note=", "b=<b>", "mode=test",
	    NULL };
	const char *i1[] = { "amount=1.50", "who=Ann", "kind=", "tag=T",
	    NULL };
	const char *i2[] = { "amount=2.25", "who=Bob \"B\"", "kind=p",
	    "tag=T", NULL };
	const char *i3[] = { "amount=x", "who=C", "tag=T", NULL };
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	ok(payroll_xml_load(&x, y, named_data, &diag) == PAYROLL_OK,
	    "a layout with values by name loads");
	ok(payroll_xml_group(&x, "item", lookup, i1) == PAYROLL_OK &&
	    payroll_xml_group(&x, "item", lookup, i2) == PAYROLL_OK,
	    "two instances of a group are spooled");
	fp = open_memstream(&out, &len);
	ok(payroll_xml_finish(&x, fp, lookup, doc) == PAYROLL_OK,
	    "the document is written");
	fclose(fp);
	is_str(out, named_want, "the document: count and total of the "
	    "instances before them, when/unless, inline, escaping, an "
	    "empty attribute left out, a name supplied");
	free(out);
	ok(payroll_xml_group(&x, "item", lookup, i3) == PAYROLL_EDATA &&
	    strcmp(x.why, "not an amount: x") == 0,
	    "a total of a value that is not an amount is refused (%s)",
	    x.why);
	ok(payroll_xml_group(&x, "nosuch", lookup, i1) == PAYROLL_EDATA,
	    "an instance of a group the layout has not is refused");
	payroll_xml_free(&x);
	payroll_conf_free(y);

	bad = yaml("{element: D, children: [{element: E, colour: red}]}\n");
	ok(payroll_xml_load(&x, bad, named_data, &diag) == PAYROLL_ERULES &&
	    diag.line == 1 && strstr(diag.msg, "colour") != NULL,
	    "an unknown key is refused with its place (%lu:%lu: %s)",
	    diag.line, diag.column, diag.msg);
	payroll_xml_free(&x);
	payroll_conf_free(bad);
	bad = yaml("{element: D, children: [{element: E, data: nope}]}\n");
	ok(payroll_xml_load(&x, bad, named_data, &diag) == PAYROLL_ERULES &&
	    strstr(diag.msg, "unknown data 'nope'") != NULL,
	    "a data name the tool does not supply is refused (%s)", diag.msg);
	payroll_xml_free(&x);
	payroll_conf_free(bad);
}

/* ------------------------------------------------------------------ */
/* Elements the tool evaluates                                        */
/* ------------------------------------------------------------------ */

/*
 * The tool's own keys, as authority-report's: src (where the value
 * comes from), omit: zero, when: active, each: emp or kid; attributes
 * {src: NAME}.  None of them is the library's.
 */
static const char tool_layout[] =
    "element: Filing\n"
    "attrs: {xmlns: \"urn:f\", Ver: {src: ver}}\n"
    "children:\n"
    "  - {element: Head, src: head}\n"
    "  - element: Emp\n"
    "    each: emp\n"
    "    when: active\n"
    "    attrs: {Id: {src: id}}\n"
    "    children:\n"
    "      - {element: Name, src: name}\n"
    "      - {element: Pay, src: pay, omit: zero}\n"
    "      - {element: Flag}\n"
    "      - element: Kid\n"
    "        each: kid\n"
    "        children: [{element: K, src: kname}]\n"
    "  - {element: Tail, src: head, when: active}\n";

/* E2 is not active; E3 has no id (Id left out), pays 0 (Pay left out)
 * and has no kids. */
static const char tool_want[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Filing xmlns=\"urn:f\" Ver=\"2\">\n"
    "  <Head>H&amp;Co</Head>\n"
    "  <Emp Id=\"E1\">\n"
    "    <Name>Ann &lt;A&gt;</Name>\n"
    "    <Pay>10.00</Pay>\n"
    "    <Flag/>\n"
    "    <Kid>\n"
    "      <K>k1</K>\n"
    "    </Kid>\n"
    "    <Kid>\n"
    "      <K>k2</K>\n"
    "    </Kid>\n"
    "  </Emp>\n"
    "  <Emp>\n"
    "    <Name>Cy</Name>\n"
    "    <Flag/>\n"
    "  </Emp>\n"
    "</Filing>\n";

struct temp {
	const char *id, *name, *pay;
	int active;
	const char *kids[3];
};

static const struct temp emps[] = {
	{ "E1", "Ann <A>", "10.00", 1, { "k1", "k2", NULL } },
	{ "E2", "Bob", "5.00", 0, { "k3", NULL } },
	{ "", "Cy", "0", 1, { NULL } },
};

struct tel {
	const char *src;
	int omit_zero, when_active, each;	/* each: 1 emp, 2 kid */
	const char *attr[4];
};

struct tctx {
	int emp, kid;		/* -1: none */
};

static struct tel tels[32];
static size_t ntels;
static char bound[200];
static int fail_each;

static void *
t_bind(void *arg, const struct payroll_node *y, struct payroll_diag *d)
{
	struct tel *t = &tels[ntels++];
	const struct payroll_node *o, *a;
	size_t i;

	(void)d;
	strcat(bound, payroll_conf_get(y, "element")->val);
	strcat(bound, " ");
	if (arg != &tels[0])
		return NULL;
	memset(t, 0, sizeof(*t));
	if ((o = payroll_conf_get(y, "src")) != NULL)
		t->src = o->val;
	t->omit_zero = payroll_conf_get(y, "omit") != NULL;
	t->when_active = payroll_conf_get(y, "when") != NULL;
	if ((o = payroll_conf_get(y, "each")) != NULL)
		t->each = strcmp(o->val, "emp") == 0 ? 1 : 2;
	if ((a = payroll_conf_get(y, "attrs")) != NULL)
		for (i = 0; i < payroll_conf_len(a) && i < 4; i++)
			if (payroll_conf_value(a, i)->type !=
			    PAYROLL_NODE_SCALAR)
				t->attr[i] = payroll_conf_get(
				    payroll_conf_value(a, i), "src")->val;
	return t;
}

static const char *
t_value(const struct tctx *c, const char *src)
{
	if (strcmp(src, "ver") == 0)
		return "2";
	if (strcmp(src, "head") == 0)
		return "H&Co";
	if (c->emp < 0)
		return "?";
	if (strcmp(src, "id") == 0)
		return emps[c->emp].id;
	if (strcmp(src, "name") == 0)
		return emps[c->emp].name;
	if (strcmp(src, "pay") == 0)
		return emps[c->emp].pay;
	if (strcmp(src, "kname") == 0 && c->kid >= 0)
		return emps[c->emp].kids[c->kid];
	return "?";
}

static int
t_element(void *arg, void *el, const char **text)
{
	const struct tctx *c = arg;
	const struct tel *t = el;

	*text = NULL;
	if (t->when_active && (c->emp < 0 || !emps[c->emp].active))
		return 0;
	if (t->src == NULL)
		return 1;
	*text = t_value(c, t->src);
	return !(t->omit_zero && strcmp(*text, "0") == 0);
}

static const char *
t_attr(void *arg, void *el, size_t i)
{
	const struct tel *t = el;

	return t->attr[i] != NULL ? t_value(arg, t->attr[i]) : "?";
}

static int
t_each(void *arg, void *el, payroll_xml_instance_fn write, void *w)
{
	struct tctx c = *(const struct tctx *)arg;
	const struct tel *t = el;
	int k, st;

	if (fail_each)
		return PAYROLL_EDATA;
	for (k = 0; k < 3; k++) {
		if (t->each == 1)
			c.emp = k;
		else {
			c.kid = k;
			if (emps[c.emp].kids[k] == NULL)
				break;
		}
		if ((st = write(w, &c)) != PAYROLL_OK)
			return st;
	}
	return PAYROLL_OK;
}

static void
test_tool(void)
{
	static const struct payroll_xml_tool hooks = { t_bind, t_element,
	    t_attr, t_each, &tels[0] };
	static const struct payroll_xml_tool failing = { t_bind, t_element,
	    t_attr, t_each, NULL };
	struct payroll_node *y = yaml(tool_layout);
	struct payroll_xml x = { .tool = &hooks };
	struct tctx c = { -1, -1 };
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	ok(payroll_xml_load(&x, y, NULL, &diag) == PAYROLL_OK,
	    "a layout with the tool's keys loads when the tool evaluates it");
	is_str(bound, "Filing Head Emp Name Pay Flag Kid K Tail ",
	    "each element is bound once, parents first");
	fp = open_memstream(&out, &len);
	ok(payroll_xml_finish(&x, fp, NULL, &c) == PAYROLL_OK,
	    "the document is written through the tool's hooks");
	fclose(fp);
	is_str(out, tool_want, "the document: the tool's texts, "
	    "conditions and omissions, constant and tool attributes, "
	    "groups and nested groups where they are, escaping");
	free(out);

	fail_each = 1;
	fp = open_memstream(&out, &len);
	ok(payroll_xml_finish(&x, fp, NULL, &c) == PAYROLL_EDATA,
	    "a group's failure is the document's");
	fclose(fp);
	free(out);
	fail_each = 0;
	payroll_xml_free(&x);

	ntels = 0;
	x.tool = &failing;
	ok(payroll_xml_load(&x, y, NULL, &diag) == PAYROLL_ERULES,
	    "an element the tool cannot bind fails the load");
	payroll_xml_free(&x);
	payroll_conf_free(y);

	ntels = 0;
	x.tool = &hooks;
	y = yaml("{element: D, children: [{element: {data: n}}]}\n");
	ok(payroll_xml_load(&x, y, NULL, &diag) == PAYROLL_ERULES,
	    "a tool's element has a name, not {data: NAME} (%s)", diag.msg);
	payroll_xml_free(&x);
	payroll_conf_free(y);
}

/* ------------------------------------------------------------------ */
/* An element that is not a mapping                                   */
/* ------------------------------------------------------------------ */

/*
 * Every element of a layout, the root or a child, named or the tool's,
 * is a mapping {element: NAME, ...}: a single value, a list or nothing in
 * its place is refused with that message at the node's line and column
 * (counted from the YAML texts below), and the load fails.
 */
static void
test_not_mapping(void)
{
	static const struct payroll_xml_tool hooks = { t_bind, t_element,
	    t_attr, t_each, &tels[0] };
	static const struct {
		const char *text;
		unsigned long line, col;
		const char *what;
	} bad[] = {
		/* the root a single value: line 1, column 1 */
		{ "Doc\n", 1, 1, "the root a single value" },
		/* the root a list: "- {element: D}" starts at 1:1 */
		{ "- {element: D}\n", 1, 1, "the root a list" },
		/* "{element: D, children: [x]}": '{' is column 1,
		 * "element: D, " columns 2-13, "children: " 14-23, '['
		 * 24: x at column 25 */
		{ "{element: D, children: [x]}\n", 1, 25,
		    "a child a single value" },
		/* line 3 "  - [a, b]": the list at column 5 */
		{ "element: D\nchildren:\n  - [a, b]\n", 3, 5,
		    "a child a list" },
		/* line 5 "      - 7" under a child's children: column 9 */
		{ "element: D\nchildren:\n  - element: E\n    children:\n"
		    "      - 7\n", 5, 9, "a grandchild a number" },
	};
	size_t i;
	int t;

	for (t = 0; t < 2; t++)
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			struct payroll_node *y = yaml(bad[i].text);
			struct payroll_xml x = { .tool = t ? &hooks : NULL };
			int st;

			ntels = 0;
			memset(&diag, 0, sizeof(diag));
			st = payroll_xml_load(&x, y, NULL, &diag);
			ok(st == PAYROLL_ERULES && strcmp(diag.msg, "an element "
			    "is a mapping {element: NAME, ...}") == 0 &&
			    diag.line == bad[i].line &&
			    diag.column == bad[i].col,
			    "%s%s: refused at %lu:%lu (%d, %lu:%lu: %s)",
			    t ? "the tool's layout, " : "", bad[i].what,
			    bad[i].line, bad[i].col, st, diag.line,
			    diag.column, diag.msg);
			payroll_xml_free(&x);
			payroll_conf_free(y);
		}
	/* No document at all (an empty layout file): no place. */
	for (t = 0; t < 2; t++) {
		struct payroll_xml x = { .tool = t ? &hooks : NULL };
		int st;

		memset(&diag, 0, sizeof(diag));
		st = payroll_xml_load(&x, NULL, NULL, &diag);
		ok(st == PAYROLL_ERULES && strcmp(diag.msg, "an element is a "
		    "mapping {element: NAME, ...}") == 0,
		    "%sno document: refused (%d: %s)",
		    t ? "the tool's layout, " : "", st, diag.msg);
		payroll_xml_free(&x);
	}
}

int
main(void)
{
	test_named();
	test_tool();
	test_not_mapping();
	return tap_done();
}
