/*
 * t_packwarn.c: the rule-pack loader's warnings (payroll.h: "mistakes (a
 * scale whose printed base amounts decrease), each with
 * file:line:column"; rules.c: "Bases are cumulative: a smaller one than
 * the bracket below is likely a typo (issue 13)").  A pack that only
 * warns still loads; a band scale's amounts do not add up, so its bases
 * may fall; an equal base is no mistake.
 *
 * Places are counted by hand from the text: the brackets' list starts at
 * line 7, column 19 ("        brackets: " is 18 characters).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "payroll.h"
#include "packtext.h"
#include "tap.h"

static char dir[] = "/tmp/t_packwarn.XXXXXX";
static char path[64];
static struct payroll_run run;
static struct payroll_diag diag;

#define HEAD(type) "scales:\n  s:\n    type: " type "\n    source: x\n" \
	"    values:\n      - from: 2020-01-01\n        brackets: "

static struct payroll_rules *
load(const char *what, const char *text)
{
	struct payroll_rules *r = NULL;
	const char *p = path;
	int st;

	packtext_put(path, text);
	payroll_diag_clear(&diag);
	st = payroll_rules_load(&p, 1, &run, &r, &diag);
	ok(st == PAYROLL_OK, "%s: loads (got %d: %s)", what, st, diag.msg);
	return st == PAYROLL_OK ? r : NULL;
}

/* Warning i of r is at line:col with exactly msg. */
static void
warned(struct payroll_rules *r, size_t i, unsigned long line,
    unsigned long col, const char *msg, const char *what)
{
	const struct payroll_diag *w = r ? payroll_rules_warning(r, i) : NULL;

	ok(w != NULL && strcmp(w->file, path) == 0 && w->line == line &&
	    w->column == col && strcmp(w->msg, msg) == 0,
	    "%s: warning %zu at %lu:%lu '%s' (got %s:%lu:%lu: %s)", what, i,
	    line, col, msg, w ? w->file : "none", w ? w->line : 0,
	    w ? w->column : 0, w ? w->msg : "");
}

static void
count(struct payroll_rules *r, size_t n, const char *what)
{
	ok(r != NULL && payroll_rules_nwarnings(r) == n &&
	    payroll_rules_warning(r, n) == NULL,
	    "%s: %zu warnings, none past them (got %zu)", what, n,
	    r ? payroll_rules_nwarnings(r) : 0);
}

int
main(void)
{
	struct payroll_rules *r;

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

	/*
	 * "[[0, 10%, 0], [100, 20%, 10], [200, 30%, 5]]" from column 19:
	 * the third bracket's base 5 at 19 + 41 = 60.
	 */
	r = load("a marginal scale whose third base falls",
	    HEAD("marginal") "[[0, 10%, 0], [100, 20%, 10], [200, 30%, 5]]\n");
	count(r, 1, "a falling base");
	warned(r, 0, 7, 60, "warning: scale 's': the base 5 is less than the "
	    "base of the bracket below (10): the amounts of a marginal scale "
	    "add up", "a falling base");
	if (r != NULL)
		payroll_rules_free(r);

	/*
	 * Two falls, written with cents: "[[0, 1%, 10.25], [50, 2%, 7.50],
	 * [60, 3%, 8], [70, 4%, 7.99]]": 10.25 at 28 ([ 19, [ 20, 0 21,
	 * 1% 24-25, 10.25 28-32; the first bracket's base, nothing below
	 * it), 7.50 at 19 + 26 = 45, 8 at 19 + 42 = 61 (8 > 7.50: no
	 * warning), 7.99 at 19 + 55 = 74.
	 */
	r = load("two falls in one scale", HEAD("marginal")
	    "[[0, 1%, 10.25], [50, 2%, 7.50], [60, 3%, 8], [70, 4%, 7.99]]\n");
	count(r, 2, "two falls");
	warned(r, 0, 7, 45, "warning: scale 's': the base 7.50 is less than "
	    "the base of the bracket below (10.25): the amounts of a marginal "
	    "scale add up", "two falls, the first");
	warned(r, 1, 7, 74, "warning: scale 's': the base 7.99 is less than "
	    "the base of the bracket below (8): the amounts of a marginal "
	    "scale add up", "two falls, the second");
	if (r != NULL)
		payroll_rules_free(r);

	/* The same base twice, and rising bases: no mistake. */
	r = load("an equal base", HEAD("marginal")
	    "[[0, 10%, 0], [100, 20%, 10], [200, 30%, 10.00]]\n");
	count(r, 0, "an equal base");
	if (r != NULL)
		payroll_rules_free(r);
	r = load("rising bases", HEAD("marginal")
	    "[[0, 10%, 0], [100, 20%, 10], [200, 30%, 30]]\n");
	count(r, 0, "rising bases");
	if (r != NULL)
		payroll_rules_free(r);

	/* A band scale: its amounts do not add up; a falling one is fine. */
	r = load("a band scale whose amounts fall", HEAD("band")
	    "[[0, 10%, 0], [100, 20%, 10], [200, 30%, 5]]\n");
	count(r, 0, "a band scale");
	if (r != NULL)
		payroll_rules_free(r);

	/* Bases worked out by the loader (none printed): nothing to warn. */
	r = load("computed bases", HEAD("marginal")
	    "[[0, 10%], [100, 20%], [200, 30%]]\n");
	count(r, 0, "computed bases");
	if (r != NULL)
		payroll_rules_free(r);

	unlink(path);
	rmdir(dir);
	return tap_done();
}
