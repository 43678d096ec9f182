/*
 * t_expr.c: the expression parser (libpayroll/expr.c).
 *
 * A small pack is loaded for its names (inputs a, b, c, d; boolean p, q;
 * enum e; parameter k; function twice(x)); then expressions are compiled
 * with expr_compile_expr() and the node tree is written back as an
 * S-expression, so the parse itself is asserted: precedence and
 * associativity as docs/rules.md's grammar gives them, constant folding,
 * and errors with the column of the offending token (counted by hand:
 * the text starts at column 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

static char dir[] = "/tmp/t_expr.XXXXXX";
static char path[64];
static struct payroll_rules *R;

static void
sx(int n, char *buf, size_t size)
{
	static const char *const cmp[] = { "==", "!=", "<", "<=", ">", ">=" };
	const struct node *x = &R->nodes[n];
	char a[512], b[512], c[512];
	int i;
	size_t k;

	switch (x->op) {
	case OP_CONST:
		if (x->type == VT_NUM)
			payroll_dec_format(R->consts[x->a].d, -1, buf, size);
		else if (x->type == VT_BOOL)
			snprintf(buf, size, "%s", R->consts[x->a].d.coef ?
			    "true" : "false");
		else if (x->type == VT_STR)
			snprintf(buf, size, "'%s'", R->consts[x->a].s);
		else
			snprintf(buf, size, "#%d", (int)R->consts[x->a].d.coef);
		return;
	case OP_INPUT:
		snprintf(buf, size, "%s", R->inputs[x->a].name);
		return;
	case OP_FORMULA:
		/* a function argument: the expression bound to it */
		sx(R->formulas[x->a].root, buf, size);
		return;
	case OP_NEG:
	case OP_NOT:
		sx(x->a, a, sizeof(a));
		snprintf(buf, size, "(%s %s)", x->op == OP_NEG ? "neg" : "not",
		    a);
		return;
	case OP_ROUND:
		sx(x->a, a, sizeof(a));
		snprintf(buf, size, "(round %s %d %d)", a, x->b, x->sub);
		return;
	case OP_IF:
	case OP_MIN:
	case OP_MAX:
		k = (size_t)snprintf(buf, size, "(%s", x->op == OP_IF ? "if" :
		    x->op == OP_MIN ? "min" : "max");
		for (i = 0; i < x->nargs && k < size; i++) {
			sx(R->args[x->args + i], a, sizeof(a));
			k += (size_t)snprintf(buf + k, size - k, " %s", a);
		}
		if (k < size)
			snprintf(buf + k, size - k, ")");
		return;
	default:
		break;
	}
	sx(x->a, a, sizeof(a));
	sx(x->b, b, sizeof(b));
	c[0] = '\0';
	snprintf(buf, size, "(%s %s %s)", x->op == OP_ADD ? "+" :
	    x->op == OP_SUB ? "-" : x->op == OP_MUL ? "*" : x->op == OP_DIV ?
	    "/" : x->op == OP_AND ? "and" : x->op == OP_OR ? "or" :
	    x->op == OP_CMP ? cmp[x->sub] : x->op == OP_MOD ? "mod" : "?",
	    a, b);
	(void)c;
}

static struct payroll_diag diag;

/* Compiles text; the tree, or "error L:C message". */
static const char *
P(const char *text)
{
	static char buf[4][2048];
	static int i;
	char *out = buf[i++ % 4];
	struct ynode y;
	int root;

	memset(&y, 0, sizeof(y));
	y.type = Y_SCALAR;
	y.val = (char *)(uintptr_t)text;
	y.len = strlen(text);
	y.style = PAYROLL_STYLE_PLAIN;
	y.line = 1;
	y.col = 1;
	y.file = "expr";
	payroll_diag_clear(&diag);
	if ((root = expr_compile_expr(R, &y, &diag)) < 0) {
		snprintf(out, 2048, "error %lu:%lu %s", diag.line, diag.column,
		    diag.msg);
		return out;
	}
	sx(root, out, 2048);
	return out;
}

/* The error's place and that the message holds frag. */
static void
perr(const char *text, unsigned long col, const char *frag)
{
	const char *got = P(text);
	char want[64];

	snprintf(want, sizeof(want), "error 1:%lu ", col);
	ok(strncmp(got, want, strlen(want)) == 0 && strstr(got, frag) != NULL,
	    "'%s': error at column %lu, '%s' (got: %s)", text, col, frag, got);
}

static void
test_parse(void)
{
	/* Precedence: * and / over + and -; comparisons over not, not over
	 * and, and over or. */
	is_str(P("a + b * c"), "(+ a (* b c))", "* binds tighter than +");
	is_str(P("a * b + c"), "(+ (* a b) c)", "... on either side");
	is_str(P("(a + b) * c"), "(* (+ a b) c)", "parentheses");
	is_str(P("a - b - c"), "(- (- a b) c)", "- is left-associative");
	is_str(P("a / b / c"), "(/ (/ a b) c)", "/ is left-associative");
	is_str(P("a - b + c"), "(+ (- a b) c)", "+ and - at one level");
	is_str(P("a / b * c"), "(* (/ a b) c)", "* and / at one level");
	is_str(P("-a * b"), "(* (neg a) b)", "unary minus binds tightest");
	is_str(P("- - a"), "(neg (neg a))", "unary minus nests");
	is_str(P("a + b < c * d"), "(< (+ a b) (* c d))",
	    "arithmetic before comparison");
	is_str(P("a == b"), "(== a b)", "==");
	is_str(P("a != b"), "(!= a b)", "!=");
	is_str(P("a >= b"), "(>= a b)", ">=");
	is_str(P("p or q and not p"), "(or p (and q (not p)))",
	    "not over and over or");
	is_str(P("not a < b"), "(not (< a b))", "comparison under not");
	is_str(P("p and q or p and q"), "(or (and p q) (and p q))",
	    "and groups before or");
	is_str(P("p or q or p"), "(or (or p q) p)", "or is left-associative");
	/* Numbers, percent, folding of constants. */
	is_str(P("6.2%"), "0.062", "6.2%% is 0.062");
	is_str(P("1 + 2 * 3"), "7", "constants fold, with precedence");
	is_str(P("(1 + 2) * 3"), "9", "... and parentheses");
	is_str(P("10 - 4 - 3"), "3", "... left to right");
	is_str(P("a * (2 / 4)"), "(* a 0.5)", "a constant quotient folds");
	is_str(P("1 / 3 * 3"), "1", "1 / 3 * 3 folds to exactly 1");
	is_str(P("k * a"), "(* 12.5 a)", "a parameter is a constant");
	is_str(P("true"), "true", "true");
	is_str(P("'x'"), "'x'", "a string");
	/* Calls. */
	is_str(P("round(a * b, 2, half_even)"), "(round (* a b) 2 1)",
	    "round(x, places, mode)");
	is_str(P("floor(a, 1)"), "(round a 1 6)", "floor is round ... floor");
	is_str(P("if(p, a, b)"), "(if p a b)", "if");
	is_str(P("if(p, a, q, b, c)"), "(if p a q b c)", "if with 2 conditions");
	is_str(P("min(a, b, c)"), "(min a b c)", "min with 3 arguments");
	is_str(P("twice(a + 1)"), "(* (+ a 1) 2)",
	    "a function is expanded with its argument");
	is_str(P("mod(a, b)"), "(mod a b)", "mod");
	is_str(P("  a\t+\nb  "), "(+ a b)", "white space anywhere");
}

static void
test_errors(void)
{
	perr("a +", 4, "ends too early");
	perr("a + * b", 5, "unexpected '*'");
	perr("(a + b", 7, "expected ')'");
	perr("a + b)", 6, "unexpected ')' after the expression");
	perr("a $ b", 3, "unexpected '$' after the expression");
	perr("$", 1, "unexpected character '$'");
	perr("a + zz", 5, "unknown name 'zz'");
	perr("a < b < c", 7, "unexpected '<'");
	perr("a + p", 5, "must be a number");
	perr("not a", 5, "must be a boolean");
	perr("p and a", 7, "must be a boolean");
	perr("e == 'nosuch'", 6, "'nosuch' is not one of");
	perr("e < 'x'", 3, "only be compared with == or !=");
	perr("round(a, 2, half_odd)", 13, "unknown rounding mode");
	perr("round(a, b, half_up)", 10, "places must be a whole number");
	perr("round(a, 2)", 1, "takes (amount, places, mode)");
	perr("nosuch(a)", 1, "unknown function 'nosuch'");
	perr("twice(a, b)", 1, "twice() takes 1 argument, not 2");
	perr("1 / 0", 3, "division by zero");
	perr("", 1, "empty expression");
	perr("a = b", 3, "unexpected '=' after the expression");
	perr("a + = b", 5, "unexpected character '='");
	perr("'open", 1, "unexpected character");
	perr("period.nosuch", 1, "unknown period fact");
	perr("min()", 1, "takes 1 or more arguments");
	/* The kind of name wanted, with its article (was "not a input"). */
	perr("present(k)", 9, "'k' is not an input");
	perr("scale(k, a)", 7, "'k' is not a scale");
	perr("table(a, 1)", 7, "'a' is not a table");
	/* A range of arities names both ends (the upper one was left out:
	 * "takes 1 to  arguments"). */
	perr("trunc(a, 1, 2)", 1, "trunc() takes 1 to 2 arguments, not 3");
	perr("floor()", 1, "floor() takes 1 to 2 arguments, not 0");
	perr("abs(a, b)", 1, "abs() takes 1 argument, not 2");
	perr("mod(a)", 1, "mod() takes 2 arguments, not 1");
	/* Nesting beyond 200 levels of parentheses. */
	{
		char deep[1024];
		size_t i;

		for (i = 0; i < 210; i++)
			deep[i] = '(';
		deep[i++] = 'a';
		deep[i] = '\0';
		perr(deep, 201, "nested too deeply");
	}
}

int
main(void)
{
	const char *paths[1];
	struct payroll_run run;
	FILE *fp;

	memset(&run, 0, sizeof(run));
	if (mkdtemp(dir) == NULL || payroll_period_parse("2026-11",
	    PAYROLL_FREQ_MONTHLY, &run.period) != 0) {
		printf("Bail out! setup\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/pack.yaml", dir);
	if ((fp = fopen(path, "w")) == NULL ||
	    fputs("pack: t/expr\ninputs:\n"
	    "  a: {type: decimal, default: 0}\n"
	    "  b: {type: decimal, default: 0}\n"
	    "  c: {type: decimal, default: 0}\n"
	    "  d: {type: decimal, default: 0}\n"
	    "  p: {type: bool, default: false}\n"
	    "  q: {type: bool, default: false}\n"
	    "  e: {type: enum, values: [x, y], default: x}\n"
	    "parameters:\n  k: {source: test, value: 12.5}\n"
	    "functions:\n  twice: {params: [x], expr: \"x * 2\"}\n"
	    "formulas:\n  f: \"a\"\noutputs:\n  f: {kind: info}\n", fp) == EOF ||
	    fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", path);
		return 2;
	}
	paths[0] = path;
	if (payroll_rules_load(paths, 1, &run, &R, &diag) != PAYROLL_OK) {
		printf("Bail out! the pack does not load: %s\n", diag.msg);
		return 2;
	}
	test_parse();
	test_errors();
	payroll_rules_free(R);
	unlink(path);
	rmdir(dir);
	return tap_done();
}
