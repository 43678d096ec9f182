/*
 * rules_fuzz.c: libFuzzer entry point for the rule loader and the
 * expression compiler (libpayroll/rules.c, expr.c), and, when a pack
 * loads, for one calculation (calc.c).  The input is written to a
 * temporary file and loaded as a pack for November 2026, monthly.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "payroll.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_calc(struct payroll_rules *rules);
FILE *fuzz_pack_open(const char *what);
void fuzz_pack_load(void);

static char fuzz_path[64];

/* One record of "1"s (or a date) through every input of the rules. */
void
fuzz_calc(struct payroll_rules *rules)
{
	static const char *const values[] = { "1", "2026-01-15", "0", "" };
	struct payroll_calc *calc;
	struct payroll_diag diag;
	const char **names, **fields;
	size_t *lens, n = payroll_rules_ninputs(rules), i, v;
	char out[256];
	FILE *fp;

	names = calloc(n + 1, sizeof(*names));
	fields = calloc(n + 1, sizeof(*fields));
	lens = calloc(n + 1, sizeof(*lens));
	if (names == NULL || fields == NULL || lens == NULL)
		abort();
	names[0] = "employee_id";
	for (i = 0; i < n; i++)
		names[i + 1] = payroll_rules_input_name(rules, i);
	payroll_diag_clear(&diag);
	if (payroll_calc_new(rules, names, n + 1, &calc, &diag) ==
	    PAYROLL_OK) {
		for (v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
			fields[0] = "E1";
			lens[0] = 2;
			for (i = 1; i <= n; i++) {
				fields[i] = values[v];
				lens[i] = strlen(values[v]);
			}
			if (payroll_calc_begin(calc, fields, lens, n + 1,
			    &diag) != PAYROLL_OK)
				continue;
			if (payroll_calc_run(calc, &diag) != PAYROLL_OK)
				continue;
			for (i = 0; i < payroll_calc_noutputs(calc); i++)
				payroll_calc_output_format(calc, i, out,
				    sizeof(out));
			if ((fp = fopen("/dev/null", "w")) != NULL) {
				payroll_calc_explain(calc, fp);
				fclose(fp);
			}
		}
		payroll_calc_free(calc);
	}
	free(names);
	free(fields);
	free(lens);
}

/* Opens the pack file of this process for writing; dies on failure. */
FILE *
fuzz_pack_open(const char *what)
{
	FILE *fp;
	int fd;

	snprintf(fuzz_path, sizeof(fuzz_path), "/tmp/%s-fuzz.%ld.yaml", what,
	    (long)getpid());
	if ((fd = open(fuzz_path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    (fp = fdopen(fd, "w")) == NULL)
		abort();
	return fp;
}

/* Loads the pack written, calculates a record with it, removes it. */
void
fuzz_pack_load(void)
{
	struct payroll_rules *rules = NULL;
	struct payroll_diag diag;
	struct payroll_run run;
	const char *paths[1];

	memset(&run, 0, sizeof(run));
	if (payroll_period_parse("2026-11", PAYROLL_FREQ_MONTHLY,
	    &run.period) != PAYROLL_OK)
		abort();
	paths[0] = fuzz_path;
	payroll_diag_clear(&diag);
	if (payroll_rules_load(paths, 1, &run, &rules, &diag) == PAYROLL_OK) {
		fuzz_calc(rules);
		payroll_rules_free(rules);
	} else if (diag.msg[0] == '\0')
		abort();	/* an error must say what is wrong */
	unlink(fuzz_path);
}

#ifndef FUZZ_CALC_ONLY
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fuzz_pack_open("rules");

	if ((size > 0 && fwrite(data, 1, size, fp) != size) ||
	    fclose(fp) != 0)
		abort();
	fuzz_pack_load();
	return 0;
}
#endif
