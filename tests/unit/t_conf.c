/*
 * t_conf.c: the YAML loader (libpayroll/conf.c): the place of every node,
 * the limits (depth, aliases, nodes, bytes), the refusals and their
 * messages, and the accessors.
 *
 * Places are counted by hand from the documents below (lines and columns
 * from 1, a node starting at its first character: the quote of a quoted
 * scalar, the '-' of a block sequence's first item, the first key of a
 * block mapping, the bracket of a flow collection).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"
#include "tap.h"

static struct payroll_diag diag;

/* Loads text under the name "t.yaml"; the status. */
static int
load(const char *text, const struct payroll_conf_opts *o,
    struct payroll_node **root)
{
	FILE *fp = fmemopen((void *)(size_t)text, strlen(text), "r");
	int st;

	if (fp == NULL) {
		printf("Bail out! fmemopen\n");
		exit(2);
	}
	payroll_diag_clear(&diag);
	st = payroll_conf_read(fp, "t.yaml", o, root, &diag);
	fclose(fp);
	return st;
}

/* The error of loading text, as "line:col: msg", or "loaded". */
static const char *
err(const char *text, const struct payroll_conf_opts *o)
{
	static char buf[4][1000];
	static int i;
	char *b = buf[i++ % 4];
	struct payroll_node *root = NULL;
	int st = load(text, o, &root);

	if (st == PAYROLL_OK) {
		payroll_conf_free(root);
		return "loaded";
	}
	snprintf(b, 1000, "%s%s:%lu:%lu: %s", st == PAYROLL_ERULES ? "" :
	    "(not ERULES) ", diag.file, diag.line, diag.column, diag.msg);
	return b;
}

/* A document nested depth deep in flow sequences: [[[...]]]. */
static char *
nested(int depth)
{
	char *s = malloc(2 * (size_t)depth + 2);
	int i;

	for (i = 0; i < depth; i++) {
		s[i] = '[';
		s[2 * depth - 1 - i] = ']';
	}
	s[2 * depth] = '\n';
	s[2 * depth + 1] = '\0';
	return s;
}

static void
places(void)
{
	static const char doc[] =
	    "# a comment\n"			/* 1 */
	    "name: payroll\n"			/* 2 */
	    "quoted: 'x y'\n"			/* 3 */
	    "list:\n"				/* 4 */
	    "  - 1\n"				/* 5 */
	    "  - \"two\"\n"			/* 6 */
	    "flow: {a: 1, b: [x, y]}\n"		/* 7 */
	    "text: |\n"				/* 8 */
	    "  line one\n"			/* 9 */
	    "nested:\n"				/* 10 */
	    "    deep: 2.50\n";			/* 11 */
	struct payroll_node *root = NULL;
	const struct payroll_node *n, *m;
	struct payroll_dec d;
	const char *s;
	long v;
	char buf[40];
	static const char *const allowed[] = { "name", "quoted", "list",
	    "flow", "text", "nested", NULL };
	static const char *const fewer[] = { "name", NULL };

	ok(load(doc, NULL, &root) == PAYROLL_OK && root != NULL,
	    "a document loads (%s)", diag.msg);
	if (root == NULL)
		return;
	ok(root->type == PAYROLL_NODE_MAPPING && root->line == 2 &&
	    root->col == 1 && payroll_conf_len(root) == 6,
	    "the root: a mapping of 6 pairs at 2:1 (%lu:%lu)", root->line,
	    root->col);
	is_str(root->file, "t.yaml", "every node names its file");
	n = payroll_conf_key(root, 1);
	ok(n != NULL && n->line == 3 && n->col == 1 &&
	    strcmp(n->val, "quoted") == 0, "key 2 'quoted' at 3:1");
	n = payroll_conf_get(root, "quoted");
	ok(n != NULL && n->type == PAYROLL_NODE_SCALAR && n->line == 3 &&
	    n->col == 9 && n->style == PAYROLL_STYLE_SINGLE_QUOTED &&
	    n->len == 3 && strcmp(n->val, "x y") == 0,
	    "'x y' single-quoted at 3:9");
	n = payroll_conf_get(root, "name");
	ok(n != NULL && n->style == PAYROLL_STYLE_PLAIN && n->line == 2 &&
	    n->col == 7, "payroll plain at 2:7");
	m = payroll_conf_get(root, "list");
	ok(m != NULL && m->type == PAYROLL_NODE_SEQUENCE && m->line == 5 &&
	    m->col == 3 && payroll_conf_len(m) == 2,
	    "the block sequence at 5:3 (its first '-'), 2 items");
	n = payroll_conf_item(m, 1);
	ok(n != NULL && n->line == 6 && n->col == 5 &&
	    n->style == PAYROLL_STYLE_DOUBLE_QUOTED &&
	    strcmp(n->val, "two") == 0, "item 2 \"two\" double-quoted at 6:5");
	ok(payroll_conf_item(m, 2) == NULL && payroll_conf_item(root, 0) ==
	    NULL, "no item past the end, none of a mapping");
	m = payroll_conf_get(root, "flow");
	ok(m != NULL && m->type == PAYROLL_NODE_MAPPING && m->line == 7 &&
	    m->col == 7, "the flow mapping at 7:7");
	n = payroll_conf_get(m, "b");
	ok(n != NULL && n->type == PAYROLL_NODE_SEQUENCE && n->line == 7 &&
	    n->col == 17 && payroll_conf_item(n, 1) != NULL &&
	    payroll_conf_item(n, 1)->col == 21,
	    "the flow sequence at 7:17, its y at 7:21");
	n = payroll_conf_get(root, "text");
	ok(n != NULL && n->style == PAYROLL_STYLE_LITERAL && n->line == 8 &&
	    n->col == 7 && strcmp(n->val, "line one\n") == 0,
	    "the literal block at 8:7");
	n = payroll_conf_get(payroll_conf_get(root, "nested"), "deep");
	ok(n != NULL && n->line == 11 && n->col == 11, "deep: 2.50 at 11:11");
	ok(payroll_conf_dec(n, "deep", &d, &diag) == PAYROLL_OK &&
	    payroll_dec_format(d, -1, buf, sizeof(buf)) == 4 &&
	    strcmp(buf, "2.50") == 0, "2.50 as an exact decimal keeps its "
	    "places (%s)", buf);
	ok(payroll_conf_long(n, "'deep'", 0, 9, &v, &diag) ==
	    PAYROLL_ERULES && diag.line == 11 && diag.column == 11 &&
	    strcmp(diag.msg, "'deep' must be a whole number from 0 to 9") ==
	    0, "2.50 is not a whole number, said at its place (%s)",
	    diag.msg);
	n = payroll_conf_get(m, "a");
	ok(payroll_conf_long(n, "a", 0, 9, &v, &diag) == PAYROLL_OK && v == 1,
	    "a: 1 as a whole number");
	ok(payroll_conf_long(n, "a", 2, 9, &v, &diag) == PAYROLL_ERULES,
	    "1 is below a minimum of 2");
	ok(payroll_conf_dec(payroll_conf_get(root, "name"), "name", &d,
	    &diag) == PAYROLL_ERULES && diag.line == 2 && diag.column == 7,
	    "'payroll' is not a number (%s)", diag.msg);
	ok(payroll_conf_text(payroll_conf_get(root, "list"), "'list'", &s,
	    &diag) == PAYROLL_ERULES && strcmp(diag.msg, "'list' must be a "
	    "single value") == 0 && diag.line == 5, "a list is not a text");
	ok(payroll_conf_get(root, "nosuch") == NULL &&
	    payroll_conf_get(NULL, "name") == NULL &&
	    payroll_conf_get(payroll_conf_get(root, "name"), "x") == NULL,
	    "a missing key, no map, a scalar: NULL");
	ok(payroll_conf_keys(root, allowed, "t", &diag) == PAYROLL_OK,
	    "every key allowed");
	ok(payroll_conf_keys(root, fewer, "the test", &diag) ==
	    PAYROLL_ERULES && diag.line == 3 && diag.column == 1 &&
	    strcmp(diag.msg, "unknown key 'quoted' in the test") == 0,
	    "the first unknown key, at its place (%s)", diag.msg);
	/* The accessors on what is not their kind of node. */
	ok(payroll_conf_len(NULL) == 0 &&
	    payroll_conf_len(payroll_conf_get(root, "name")) == 0,
	    "no node and a scalar have no length");
	ok(payroll_conf_item(NULL, 0) == NULL, "no item of no node");
	m = payroll_conf_get(root, "list");
	ok(payroll_conf_key(root, 5) != NULL && payroll_conf_key(root, 6) ==
	    NULL && payroll_conf_key(m, 0) == NULL &&
	    payroll_conf_key(NULL, 0) == NULL,
	    "keys 0-5 of the root, none past them, none of a sequence");
	n = payroll_conf_value(root, 0);
	ok(n != NULL && strcmp(n->val, "payroll") == 0 &&
	    payroll_conf_value(root, 6) == NULL &&
	    payroll_conf_value(m, 0) == NULL, "value 0 is 'payroll'; none "
	    "past the end, none of a sequence");
	ok(payroll_conf_keys(m, allowed, "the list", &diag) ==
	    PAYROLL_ERULES && diag.line == 5 && diag.column == 3 &&
	    strcmp(diag.msg, "the list must be a mapping") == 0,
	    "keys of a sequence: refused at its place (%s)", diag.msg);
	ok(payroll_conf_long(m, "'list'", 0, 9, &v, &diag) ==
	    PAYROLL_ERULES && diag.line == 5 && diag.column == 3 &&
	    strcmp(diag.msg, "'list' must be a single value") == 0,
	    "a list is not a whole number (%s)", diag.msg);
	ok(payroll_conf_dec(m, "'list'", &d, &diag) == PAYROLL_ERULES &&
	    diag.line == 5 && diag.column == 3 &&
	    strcmp(diag.msg, "'list' must be a single value") == 0,
	    "a list is not a number (%s)", diag.msg);
	payroll_conf_free(root);
}

static void
limits(void)
{
	struct payroll_conf_opts o = { "tests", 0, 0, 0, 0 };
	struct payroll_node *root;
	char *s, big[2000];

	s = nested(64);
	is_str(err(s, NULL), "loaded", "64 levels load (the default limit)");
	free(s);
	s = nested(65);
	is_str(err(s, NULL), "t.yaml:1:65: YAML nested too deeply",
	    "the 65th level is refused at its bracket");
	free(s);
	o.max_depth = 2;
	is_str(err("a:\n  b: [1]\n", &o), "t.yaml:2:6: YAML nested too deeply",
	    "a limit of 2 refuses the third level");
	is_str(err("a:\n  b: 1\n", &o), "loaded", "and allows two");
	o.max_depth = 0;

	is_str(err("a: &x 1\nb: *x\n", &o),
	    "t.yaml:1:4: YAML anchors are not allowed in tests",
	    "an anchor is refused where it stands, naming the kind of file");
	is_str(err("b: *x\n", &o),
	    "t.yaml:1:4: YAML aliases are not allowed in tests",
	    "an alias is refused where it stands");
	is_str(err("a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", NULL),
	    "t.yaml:1:4: YAML anchors are not allowed in configuration files",
	    "billion laughs: refused at its first anchor");
	is_str(err("a: !!str 1\n", &o),
	    "t.yaml:1:4: YAML tags are not allowed in tests", "a tag");

	o.max_nodes = 5;
	is_str(err("[1, 2, 3, 4]\n", &o), "loaded", "5 nodes in a limit of 5");
	is_str(err("[1, 2, 3, 4, 5]\n", &o),
	    "t.yaml:1:14: YAML file too large", "the 6th node is refused");
	o.max_nodes = 0;

	memset(big, 'x', sizeof(big) - 2);
	memcpy(big, "a: ", 3);
	big[sizeof(big) - 2] = '\n';
	big[sizeof(big) - 1] = '\0';
	o.max_bytes = 1000;
	is_str(err(big, &o), "t.yaml:0:0: YAML file too large (more than "
	    "1000 bytes)", "a file over the byte limit is refused");
	o.max_bytes = 2000;
	is_str(err(big, &o), "loaded", "and loads within a larger one");

	ok(load("", NULL, &root) == PAYROLL_OK && root == NULL,
	    "an empty file: no root, no error");
	ok(load("# only a comment\n", NULL, &root) == PAYROLL_OK &&
	    root == NULL, "a file of comments: no root, no error");
}

static void
refusals(void)
{
	struct payroll_conf_opts o = { NULL, 0, 0, 0, PAYROLL_CONF_CONTEXT_MARK };
	/* tests/cli/t1006-hr-import-bad-yaml/map.yaml, whose golden says
	 * where libyaml finds the problem and where the mapping starts. */
	static const char bad[] =
	    "encoding: utf-8\n"
	    "fields:\n"
	    "  employee_id: {derive: line, format: \"E%d\"\n"
	    "  last_name: Name\n";

	is_str(err(bad, NULL), "t.yaml:4:3: YAML: did not find expected ',' "
	    "or '}' while parsing a flow mapping",
	    "a bad document: the problem's place and libyaml's words");
	is_str(err(bad, &o), "t.yaml:4:3: did not find expected ',' or '}' "
	    "while parsing a flow mapping that starts at 3:16",
	    "the same with the place the mapping starts "
	    "(PAYROLL_CONF_CONTEXT_MARK)");
	is_str(err("a: 1\nb: 2\na: 3\n", NULL),
	    "t.yaml:3:1: duplicate key 'a' (first at line 1)",
	    "a duplicate key");
	is_str(err("? [a]\n: 1\n", NULL),
	    "t.yaml:1:3: mapping keys must be plain names",
	    "a key that is a sequence");
	is_str(err("a: 1\n---\nb: 2\n", NULL),
	    "t.yaml:2:1: more than one YAML document in a file",
	    "a second document");
	is_str(err("a: \"x\\0y\"\n", NULL),
	    "t.yaml:1:4: NUL byte in a YAML scalar", "a NUL escape");
	ok(strcmp(err("a: 1\n", NULL), "loaded") == 0 &&
	    payroll_conf_load("/nonexistent/t.yaml", NULL,
	    &(struct payroll_node *){ NULL }, &diag) == PAYROLL_EIO &&
	    strcmp(diag.file, "/nonexistent/t.yaml") == 0,
	    "a missing file is PAYROLL_EIO with its name (%s)", diag.msg);
}

int
main(void)
{
	places();
	limits();
	refusals();
	return tap_done();
}
