/*
 * t_depth.c: the compiler's limits on chains of formulas (expr.c: "at
 * most MAX_COMPILE_DEPTH levels of [expressions] and of formulas
 * compiled on demand", 1000; and an evaluation at most MAX_EVAL_DEPTH
 * levels deep, 1000, "counting the formulas it uses").
 *
 * Each pack is a chain "formulas:\n  f0: \"f1 + 1\"\n ... \n  fN: \"1\"":
 * formula k on line k + 2, its text's quote at column len("fk") + 5.
 * Formulas are compiled in order, f0 first, each compiling the next on
 * demand: formula k is entered at depth 2k + 1 and its expression at
 * 2k + 2 (one more, 3k + 3, inside parentheses "(f1 + 1)", which enter
 * an expression again).  Evaluated, the constant 1 is one level; a
 * formula used is its value's levels plus two, an addition one more than
 * its deeper operand: f(N) = 1, f(k) = f(k + 1) + 3.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "payroll.h"
#include "tap.h"

static char dir[] = "/tmp/t_depth.XXXXXX";
static char path[64];
static struct payroll_run run;
static struct payroll_diag diag;

/* A chain f0 .. f(last), each but the last "f(k+1) + 1" (in parentheses
 * when paren), loaded. */
static int
chain(int last, int paren)
{
	struct payroll_rules *r = NULL;
	const char *p = path;
	FILE *fp;
	int k, st;

	if ((fp = fopen(path, "w")) == NULL) {
		printf("Bail out! cannot write %s\n", path);
		exit(2);
	}
	fprintf(fp, "formulas:\n");
	for (k = 0; k < last; k++)
		fprintf(fp, paren ? "  f%d: \"(f%d + 1)\"\n" :
		    "  f%d: \"f%d + 1\"\n", k, k + 1);
	fprintf(fp, "  f%d: \"1\"\n", last);
	if (fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(2);
	}
	payroll_diag_clear(&diag);
	st = payroll_rules_load(&p, 1, &run, &r, &diag);
	if (st == PAYROLL_OK)
		payroll_rules_free(r);
	return st;
}

static void
refused(int last, int paren, unsigned long line, unsigned long col,
    const char *msg, const char *what)
{
	int st = chain(last, paren);

	ok(st == PAYROLL_ERULES && diag.line == line && diag.column == col &&
	    strcmp(diag.msg, msg) == 0, "%s: refused at %lu:%lu '%s' (got %d "
	    "at %lu:%lu: %s)", what, line, col, msg, st, diag.line,
	    diag.column, diag.msg);
}

int
main(void)
{
	int st;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/p.yaml", dir);
	if (payroll_period_parse("2026-11", PAYROLL_FREQ_MONTHLY,
	    &run.period) != 0) {
		printf("Bail out! period\n");
		return 2;
	}

	/* f0 .. f333: f0 is 1 + 3 x 333 = 1000 levels deep, the most. */
	st = chain(333, 0);
	ok(st == PAYROLL_OK, "a chain evaluated 1000 levels deep loads (got "
	    "%d: %s)", st, diag.msg);
	/* f0 .. f334: 1003 levels. */
	st = chain(334, 0);
	ok(st == PAYROLL_ERULES && strstr(diag.msg, "expression too deep to "
	    "evaluate: more than 1000 levels, counting the formulas it uses")
	    != NULL, "a chain evaluated 1003 levels deep is refused (got %d: "
	    "%s)", st, diag.msg);

	/*
	 * f0 .. f500: f500 entered at depth 1001, refused at its text's
	 * quote (line 502, column 9); f0 .. f499 compile (f499's expression
	 * at depth 1000) and are refused only for their evaluation depth.
	 */
	refused(500, 0, 502, 9, "formulas nested too deeply (more than 1000 "
	    "levels)", "f500 compiled at depth 1001");
	st = chain(499, 0);
	ok(st == PAYROLL_ERULES && strstr(diag.msg, "too deep to evaluate")
	    != NULL, "f499 compiles at depth 999 and 1000, then the chain is "
	    "too deep to evaluate (got %d: %s)", st, diag.msg);

	/*
	 * In parentheses: f333 entered at 3 x 333 + 1 = 1000, its
	 * expression at 1001: refused in f333's text at its first
	 * character, the '(' (line 335, quote at 9, so column 10).
	 */
	st = chain(332, 1);
	ok(st == PAYROLL_OK, "in parentheses, f0 .. f332 load (f332's inner "
	    "expression at 999; evaluated 997 levels deep) (got %d: %s)", st,
	    diag.msg);
	refused(340, 1, 335, 10, "formula 'f333': expressions and formulas "
	    "nested too deeply (more than 1000 levels)",
	    "f333's expression at depth 1001");

	unlink(path);
	rmdir(dir);
	return tap_done();
}
