/*
 * t_table.c: large keyed tables (issue 13, 2.11).  Keys were checked for
 * duplicates against every earlier key and looked up one by one: 40,000
 * keys took 8.8 s to load.  A table of 100,000 keys must load in well
 * under a second (measured in CPU time, so a busy machine does not
 * matter), find every key, and still report a duplicate at its line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "payroll.h"
#include "tap.h"

#define NKEYS 100000

static char dir[] = "/tmp/t_table.XXXXXX";
static char path[64];
static struct payroll_run run;
static struct payroll_diag diag;

/* The pack: table t with keys k<i> -> i * 2 (and key "7" -> 70 for a
 * number key), a formula looking key `key` up, and has() for it. */
static void
write_pack(int dup_at)
{
	FILE *fp;
	int i;

	snprintf(path, sizeof(path), "%s/pack.yaml", dir);
	if ((fp = fopen(path, "w")) == NULL) {
		printf("Bail out! cannot write %s\n", path);
		exit(2);
	}
	fprintf(fp, "pack: t/table\ninputs:\n  key: {type: string, "
	    "required: true}\n  n: {type: integer, default: 0}\n"
	    "tables:\n  t:\n    source: test\n    values:\n"
	    "      - from: 2000-01-01\n        rows:\n");
	/* line 11 is the first row */
	for (i = 0; i < NKEYS; i++)
		fprintf(fp, "          k%d: %d\n", i == dup_at ? 17 : i, i * 2);
	fprintf(fp, "          \"7\": 70\n");
	fprintf(fp, "formulas:\n"
	    "  found: \"if(has(t, key), table(t, key), -1)\"\n"
	    "  by_number: \"table(t, n)\"\n"
	    "outputs:\n  found: {kind: info}\n  by_number: {kind: info}\n");
	if (fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(2);
	}
}

static const char *
look(struct payroll_rules *r, const char *key, const char *n,
    const char *out)
{
	static char buf[64];
	const char *names[] = { "key", "n" };
	const char *fields[] = { key, n };
	size_t lens[] = { strlen(key), strlen(n) }, i;
	struct payroll_calc *c;

	strcpy(buf, "?");
	if (payroll_calc_new(r, names, 2, &c, &diag) != 0)
		return buf;
	if (payroll_calc_begin(c, fields, lens, 2, &diag) == 0 &&
	    payroll_calc_run(c, &diag) == 0)
		for (i = 0; i < payroll_calc_noutputs(c); i++)
			if (strcmp(payroll_calc_output_name(c, i), out) == 0)
				payroll_calc_output_format(c, i, buf,
				    sizeof(buf));
	payroll_calc_free(c);
	return buf;
}

int
main(void)
{
	const char *paths[1];
	struct payroll_rules *r = NULL;
	clock_t t0;
	double secs;
	int st;

	if (mkdtemp(dir) == NULL || payroll_period_parse("2026-11",
	    PAYROLL_FREQ_MONTHLY, &run.period) != 0) {
		printf("Bail out! setup\n");
		return 2;
	}
	write_pack(-1);
	paths[0] = path;
	t0 = clock();
	st = payroll_rules_load(paths, 1, &run, &r, &diag);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ok(st == PAYROLL_OK, "a table of %d keys loads (%s)", NKEYS, diag.msg);
	ok(secs < 1.0, "... in %.2f s of CPU time (under 1 s)", secs);
	if (st == PAYROLL_OK) {
		is_str(look(r, "k0", "7", "found"), "0", "first key k0 -> 0");
		is_str(look(r, "k50000", "7", "found"), "100000",
		    "middle key k50000 -> 100000");
		is_str(look(r, "k99999", "7", "found"), "199998",
		    "last key k99999 -> 199998");
		is_str(look(r, "k100000", "7", "found"), "-1",
		    "k100000 is not a key: has() is false");
		is_str(look(r, "k", "7", "found"), "-1", "'k' is not a key");
		is_str(look(r, "k9999", "7", "found"), "19998",
		    "k9999 (a prefix of k99990) -> 19998");
		is_str(look(r, "k1", "7", "by_number"), "70",
		    "a number key: table(t, 7) finds \"7\"");
		t0 = clock();
		{
			int i;
			char k[16];

			for (i = 0; i < 20000; i++) {
				snprintf(k, sizeof(k), "k%d", (i * 7919) % NKEYS);
				(void)look(r, k, "7", "found");
			}
		}
		secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
		ok(secs < 2.0, "20,000 look-ups in %.2f s of CPU time", secs);
		payroll_rules_free(r);
	}
	/* A duplicate: row 60000 is written as k17 again (line 11 + 60000);
	 * the first k17 is at line 28. */
	write_pack(60000);
	r = NULL;
	st = payroll_rules_load(paths, 1, &run, &r, &diag);
	ok(st == PAYROLL_ERULES && diag.line == 60011 &&
	    strstr(diag.msg, "duplicate key 'k17' (first at line 28)") != NULL,
	    "a duplicate key among %d is reported at its line (%lu: %s)",
	    NKEYS, diag.line, diag.msg);
	if (st == PAYROLL_OK)
		payroll_rules_free(r);
	unlink(path);
	rmdir(dir);
	return tap_done();
}
