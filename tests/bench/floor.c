/*
 * floor: the benchmark's floor.  Parses a CSV file with libcsv and writes
 * it out again, field by field, with nothing else: the least any tool that
 * reads and writes the same records must do.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *out;
static int first = 1;

static void
field(void *s, size_t len, void *arg)
{
	(void)arg;
	if (!first)
		putc(',', out);
	first = 0;
	csv_fwrite2(out, s, len, '"');
}

static void
record(int c, void *arg)
{
	(void)c;
	(void)arg;
	putc('\n', out);
	first = 1;
}

int
main(void)
{
	struct csv_parser p;
	char buf[65536];
	size_t n;

	out = stdout;
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		return 4;
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		if (csv_parse(&p, buf, n, field, record, NULL) != n) {
			fprintf(stderr, "floor: %s\n",
			    csv_strerror(csv_error(&p)));
			return 1;
		}
	csv_fini(&p, field, record, NULL);
	csv_free(&p);
	return fflush(stdout) == EOF ? 4 : 0;
}
