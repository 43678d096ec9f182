/*
 * t_grow.c: every growing array of the rule compiler out of memory at
 * every construct (libpayroll/rules.c, expr.c, symtab.c).
 *
 * The compiler's arrays (expression nodes, constants, arguments,
 * strings, inputs, items, tables, scales, functions, outputs, ...) grow
 * by doubling through realloc(), so a given construct only meets a
 * failed growth when it happens to make the node (or constant, or
 * string) that fills a power of two: the sweeps of tests/fault, over a
 * fixed pack, reach a handful of constructs (mutation samples 7 and 9
 * kept two such failures "taken as success" alive).  Here one pack with
 * one of each construct the compiler builds is loaded and run again and
 * again with a formula `pad` of 1 to PADS nodes compiled before them,
 * and in each, every realloc() of the load and the run is failed in
 * turn: the doubling then falls on every node of every construct.
 *
 * The contract (payroll.h; tests/fault/run.sh for the tools): out of
 * memory, a call returns PAYROLL_ENOMEM and says "out of memory"; or it
 * recovers, and then the record's outputs are exactly those of the run
 * without faults.  Never another error, never a pack "loaded" with a
 * construct missing (a wrong figure).  No expected figure is taken from
 * the code: the run without faults is the reference, and its value of
 * f is checked by hand below first.
 *
 * realloc() is replaced in this program; regcomp()'s own allocations
 * are never failed (glibc up to 2.41 frees twice when one fails there,
 * CVE-2025-8058, as in tests/fault/failalloc.c).  Under AddressSanitizer
 * the replacement would bypass it: skipped there.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

#if defined(__SANITIZE_ADDRESS__)
int
main(void)
{
	printf("ok 1 # SKIP realloc() is not replaced under "
	    "AddressSanitizer\n1..1\n");
	return 0;
}
#else

static unsigned long calls, fail_at;
static int armed, in_regcomp, growths_only;

/* Whether a request of n bytes is the doubling of an array of the
 * compiler: 8 * 2^k elements of an int, a pointer, a constant or a
 * regular expression. */
static int
growth(size_t n)
{
	static const size_t el[] = { sizeof(int), sizeof(char *),
	    sizeof(struct val), sizeof(regex_t) };
	size_t i, m;

	for (i = 0; i < sizeof(el) / sizeof(el[0]); i++) {
		if (n % el[i] != 0 || (m = n / el[i]) < 8)
			continue;
		if ((m & (m - 1)) == 0)
			return 1;
	}
	return 0;
}

void *
realloc(void *p, size_t n)
{
	static void *(*real)(void *, size_t);

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "realloc");
	if (armed && !in_regcomp && (!growths_only || growth(n)) &&
	    ++calls == fail_at) {
		errno = ENOMEM;
		return NULL;
	}
	return real(p, n);
}

int
regcomp(regex_t *re, const char *pat, int flags)
{
	static int (*real)(regex_t *, const char *, int);
	int rc;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "regcomp");
	in_regcomp++;
	rc = real(re, pat, flags);
	in_regcomp--;
	return rc;
}

static char dir[] = "/tmp/t_grow.XXXXXX";
static char path[64];
static struct payroll_run run;
static struct payroll_diag diag;

/*
 * One of each construct, summed.  On the record below (x = 10, y = 2,
 * s = "ab", e = bb, d1 = 2026-01-05, d2 = 2026-02-02, p = false, no
 * item), term by term:
 *   pad * 0                                   0
 *   if(p, 1, 2)                               2
 *   case(e, aa: 1, bb: 20, cc: 3)             20
 *   case(e, aa: 5, else: 6)                   6
 *   case(s, 'q': 1, else: 300)                300
 *   case(x, 10: 4000, else: 8)                4000
 *   min(x, y, 3)                              2
 *   max(x, y)                                 10
 *   abs(y - x)                                8
 *   year(d1) - 2000                           26
 *   month(d1 + 30)                            2 (2026-02-04)
 *   day(d2)                                   2
 *   number('12')                              12
 *   len(s) + len(e)                           2 + 2
 *   if(iban_valid('GB82WEST12345698765432'), 100000, 0)
 *                                             100000 (the ECBS example
 *                                             IBAN, valid)
 *   mod(x, 3)                                 1
 *   days(d1, d2)                              29 (both ends counted,
 *                                             docs/rules.md: 27 in
 *                                             January, 2 in February)
 *   weekdays(d1, d2)                          21 (Monday 5 January to
 *                                             Sunday 1 February, 4
 *                                             whole weeks, 20, and
 *                                             Monday 2 February)
 *   digit('90210', 1)                         9
 *   days(date(2026, 1, 1), d1)                5 (1 to 5 January)
 *   round(x / 3, 2, half_up)                  3.33
 *   round_unit(x / 7, 0.05, half_even)        1.45 (1.428571...)
 *   trunc(x / 3)                              3
 *   floor(x / 3, 1)                           3.3
 *   ceil(x / 3)                               4
 *   scale(marg, x)                            1 (10 x 10%)
 *   scale_rate(band, 150, 2)                  0.1 (the factor 2 scales
 *                                             the bounds: 150 is below
 *                                             200, at 10%)
 *   table(t1, 'bb')                           2
 *   table(t2, 'u', 2)                         12
 *   if(has(t1, s), 1, 0)                      0 (no row ab)
 *   sum(mytag)                                20 (g = 2 x 10)
 *   if(present(s), 50, 0)                     50
 *   if(has_item(hours), 1, 0)                 0
 *   if(matches(s, '^a'), 600, 0)              600
 *   number(capture('12-34', '([0-9]+)-([0-9]+)', 2))   34
 *   twice(y)                                  4
 *   if(e == 'bb', 7000, 0)                    7000 (an enum and a string)
 *   if(e != s, 1, 0)                          1
 *   if(x > 1 and y <= 2 or not p, 1, 0)       1
 *   -y                                        -2
 *   if(x > 100, fail('too big: ', x), 0)      0
 *   period.days                               30 (November 2026)
 *   gross_pay                                 20 (g)
 *   x * rate                                  1 (10 x 10%)
 *   ytd.g                                     0 (no balances given)
 * Sum: 2 + 20 + 6 + 300 + 4000 = 4328; + 2 + 10 + 8 + 26 + 2 + 2 = 4378;
 *   + 12 + 4 + 100000 = 104394; + 1 + 29 + 21 + 9 + 5 = 104459;
 *   + 3.33 + 1.45 + 3 + 3.3 + 4 = 104474.08; + 1 + 0.1 + 2 + 12 =
 *   104489.18; + 20 + 50 + 600 + 34 + 4 = 105197.18; + 7000 + 1 + 1
 *   - 2 + 30 + 20 = 112247.18; + 1 + 0 = 112248.18.
 */
static const char probe[] =
    "pad * 0 + if(p, 1, 2) + case(e, aa: 1, bb: 20, cc: 3) + "
    "case(e, aa: 5, else: 6) + case(s, 'q': 1, else: 300) + "
    "case(x, 10: 4000, else: 8) + min(x, y, 3) + max(x, y) + "
    "abs(y - x) + year(d1) - 2000 + month(d1 + 30) + day(d2) + "
    "number('12') + len(s) + len(e) + "
    "if(iban_valid('GB82WEST12345698765432'), 100000, 0) + mod(x, 3) + "
    "days(d1, d2) + weekdays(d1, d2) + digit('90210', 1) + "
    "days(date(2026, 1, 1), d1) + round(x / 3, 2, half_up) + "
    "round_unit(x / 7, 0.05, half_even) + trunc(x / 3) + "
    "floor(x / 3, 1) + ceil(x / 3) + scale(marg, x) + "
    "scale_rate(band, 150, 2) + table(t1, 'bb') + table(t2, 'u', 2) + "
    "if(has(t1, s), 1, 0) + sum(mytag) + if(present(s), 50, 0) + "
    "if(has_item(hours), 1, 0) + if(matches(s, '^a'), 600, 0) + "
    "number(capture('12-34', '([0-9]+)-([0-9]+)', 2)) + twice(y) + "
    "if(e == 'bb', 7000, 0) + if(e != s, 1, 0) + "
    "if(x > 1 and y <= 2 or not p, 1, 0) + -y + "
    "if(x > 100, fail('too big: ', x), 0) + period.days + gross_pay + "
    "x * rate + ytd.g";

/*
 * The padding compiled before the probe (pad is its first operand): in
 * family 'n' (nodes), "x + x + ... + x" or "-x + x + ... + x", i nodes
 * (an input is one, a sum or a negation one more); in 'c' (constants),
 * "x + 1 + 2 + ... + i", i constants; in 'a' (arguments),
 * "min(x, x, ..., x)" with i arguments; in 's' (strings),
 * "x + if(s == 'k1', 0, 0) + ...", i string literals; in 'r' (regular
 * expressions), "x + if(matches(s, 'k1'), 0, 0) + ...", i of them.
 * Each family moves its array's count by one from one pack to the next,
 * so that over the family the doubling falls on each of the probe's
 * elements of that array.
 */
static void
write_pack(int fam, int i)
{
	FILE *fp;
	int k;

	if ((fp = fopen(path, "w")) == NULL) {
		printf("Bail out! cannot write %s\n", path);
		exit(2);
	}
	fprintf(fp,
	    "pack: t/grow\n"
	    "inputs:\n"
	    "  x: {type: decimal, default: 0}\n"
	    "  y: {type: decimal, default: 0}\n"
	    "  s: {type: string, pattern: '[a-z]*', check: \"len(s) < 10\", "
	    "message: short}\n"
	    "  d1: {type: date, default: 2026-01-01}\n"
	    "  d2: {type: date, default: 2026-01-01}\n"
	    "  e: {type: enum, values: [aa, bb, cc], default: aa}\n"
	    "  p: {type: bool, default: false}\n"
	    "formulas:\n"
	    "  pad: \"");
	switch (fam) {
	case 'n':
		fprintf(fp, i % 2 ? "x" : "-x");
		for (k = 2 + i % 2; k < i; k += 2)
			fprintf(fp, " + x");
		break;
	case 'c':
		fprintf(fp, "x");
		for (k = 1; k <= i; k++)
			fprintf(fp, " + %d", k);
		break;
	case 'a':	/* at most 32 in one call (MAXARGS is 64) */
		fprintf(fp, "min(x");
		for (k = 1; k < i; k++)
			fprintf(fp, k % 32 ? ", x" : ") + min(x");
		fprintf(fp, ")");
		break;
	default:
		fprintf(fp, "x");
		for (k = 1; k <= i; k++)
			fprintf(fp, fam == 's' ? " + if(s == 'k%d', 0, 0)" :
			    " + if(matches(s, 'k%d'), 0, 0)", k);
	}
	fprintf(fp, "\"\n"
	    "  f: \"%s\"\n"
	    "  g: \"x * 2\"\n"
	    "outputs:\n"
	    "  f: {kind: info}\n"
	    "  g: {kind: earning, tags: [mytag]}\n"
	    "scales:\n"
	    "  marg:\n"
	    "    source: test\n"
	    "    type: marginal\n"
	    "    values:\n"
	    "      - from: 2000-01-01\n"
	    "        brackets: [[0, 10%%], [100, 20%%]]\n"
	    "  band:\n"
	    "    source: test\n"
	    "    type: band\n"
	    "    values:\n"
	    "      - from: 2000-01-01\n"
	    "        brackets: [[0, 10%%], [100, 20%%]]\n"
	    "tables:\n"
	    "  t1:\n"
	    "    source: test\n"
	    "    values:\n"
	    "      - from: 2000-01-01\n"
	    "        rows: {7: 70, abc: 5, bb: 2}\n"
	    "  t2:\n"
	    "    source: test\n"
	    "    values:\n"
	    "      - from: 2000-01-01\n"
	    "        rows: {u: {1: 11, 2: 12}, v: {1: 21}}\n"
	    "items:\n"
	    "  hours: {type: decimal, min: 0, max: 100}\n"
	    "tags:\n"
	    "  mytag: a tag for the test\n"
	    "parameters:\n"
	    "  rate:\n"
	    "    source: test\n"
	    "    values:\n"
	    "      - {from: 2000-01-01, value: 10%%}\n"
	    "balances: [g]\n"
	    "checks:\n"
	    "  - {field: x, expr: \"x >= 0\", message: not negative}\n"
	    "functions:\n"
	    "  twice: {params: [v], expr: \"v * 2\"}\n", probe);
	if (fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(2);
	}
}

static const char *const names[] = { "employee_id", "x", "y", "s", "d1",
    "d2", "e", "p" };
static const char *const fields[] = { "E1", "10", "2", "ab", "2026-01-05",
    "2026-02-02", "bb", "false" };
#define NF (sizeof(names) / sizeof(names[0]))

/*
 * Loads the pack written and runs the record; writes into out f's value
 * ("f=..."), "OOM" for PAYROLL_ENOMEM with "out of memory", or what
 * else happened.
 */
static void
attempt(char *out, size_t size)
{
	const char *p = path;
	struct payroll_rules *r = NULL;
	struct payroll_calc *c = NULL;
	size_t lens[NF], i;
	int st;

	for (i = 0; i < NF; i++)
		lens[i] = strlen(fields[i]);
	payroll_diag_clear(&diag);
	snprintf(out, size, "?");
	if ((st = payroll_rules_load(&p, 1, &run, &r, &diag)) != 0) {
		r = NULL;
		goto done;
	}
	if ((st = payroll_calc_new(r, names, NF, &c, &diag)) != 0) {
		c = NULL;
		goto done;
	}
	if ((st = payroll_calc_begin(c, fields, lens, NF, &diag)) != 0 ||
	    (st = payroll_calc_run(c, &diag)) != 0)
		goto done;
	for (i = 0; i < payroll_calc_noutputs(c); i++)
		if (strcmp(payroll_calc_output_name(c, i), "f") == 0) {
			snprintf(out, size, "f=");
			payroll_calc_output_format(c, i, out + 2, size - 2);
		}
done:
	if (st == PAYROLL_ENOMEM && strstr(diag.msg, "out of memory") != NULL)
		snprintf(out, size, "OOM");
	else if (st != 0)
		snprintf(out, size, "status %d at %lu:%lu: %s", st, diag.line,
		    diag.column, diag.msg);
	armed = 0;
	if (c != NULL)
		payroll_calc_free(c);
	if (r != NULL)
		payroll_rules_free(r);
}

/* The families and their ranges: the probe makes about 225 nodes, 71
 * constants, 60 arguments, 12 strings and 2 regular expressions after a
 * few of each; arrays double from 16 (regular expressions from 8). */
static const struct {
	int fam, from, to, growths_only;
	const char *what;
} fams[] = {
	{ 'n', 1, 130, 0, "nodes" },
	{ 'c', 0, 70, 1, "constants" },
	{ 'a', 1, 66, 1, "arguments" },
	{ 's', 0, 16, 1, "strings" },
	{ 'r', 0, 8, 1, "regular expressions" },
};

int
main(void)
{
	char base[600], got[600];
	unsigned long n, at;
	size_t f;
	int i, bad, oom, tried, same;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/pack.yaml", dir);
	if (payroll_period_parse("2026-11", PAYROLL_FREQ_MONTHLY,
	    &run.period) != 0) {
		printf("Bail out! period\n");
		return 2;
	}
	write_pack('n', 1);
	attempt(base, sizeof(base));
	is_str(base, "f=112248.18", "one of each construct, without "
	    "faults: the sum worked by hand");
	for (f = 0; f < sizeof(fams) / sizeof(fams[0]); f++) {
		bad = oom = tried = same = 0;
		growths_only = fams[f].growths_only;
		for (i = fams[f].from; i <= fams[f].to; i++) {
			write_pack(fams[f].fam, i);
			calls = 0;
			fail_at = 0;
			armed = 1;
			attempt(base, sizeof(base));
			n = calls;
			if (strcmp(base, "f=112248.18") != 0) {
				bad++;
				printf("# %s %d without faults: %s\n",
				    fams[f].what, i, base);
				continue;
			}
			for (at = 1; at <= n; at++) {
				calls = 0;
				fail_at = at;
				armed = 1;
				attempt(got, sizeof(got));
				tried++;
				if (strcmp(got, "OOM") == 0)
					oom++;
				else if (strcmp(got, base) == 0)
					same++;
				else if (bad++ < 5)
					printf("# %s %d, realloc %lu of %lu "
					    "failed: %s\n", fams[f].what, i, at,
					    n, got);
			}
		}
		ok(bad == 0 && oom > 0, "%s padded %d to %d: %d failed "
		    "%s, %d out of memory, %d recovered with the same "
		    "f, %d otherwise", fams[f].what, fams[f].from, fams[f].to,
		    tried, growths_only ? "doublings" : "reallocs", oom, same,
		    bad);
	}
	unlink(path);
	rmdir(dir);
	return tap_done();
}
#endif
