/*
 * encoding_fuzz.c: libFuzzer entry point for the conversion to UTF-8
 * (libpayroll/encoding.c).  The first byte picks the source encoding; the
 * rest is converted.  Whatever is written must be valid UTF-8, and an
 * error must come with a message and a line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const encs[] = {
	"auto", "UTF-8", "WINDOWS-1252", "ISO-8859-15", "ISO-8859-1",
	"UTF-16LE", "UTF-16BE", "UTF-16",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct payroll_diag diag;
	char *buf = NULL;
	size_t bufsize = 0;
	FILE *in, *out;
	const char *enc;
	int st;

	if (size < 1)
		return 0;
	enc = encs[data[0] % (sizeof(encs) / sizeof(encs[0]))];
	data++;
	size--;
	if ((in = tmpfile()) == NULL)
		return 0;
	if (size > 0 && fwrite(data, 1, size, in) != size) {
		fclose(in);
		return 0;
	}
	rewind(in);
	out = open_memstream(&buf, &bufsize);
	payroll_diag_clear(&diag);
	st = payroll_convert_to_utf8(in, "fuzz.csv", enc, out, &diag);
	fclose(out);
	fclose(in);
	if (st != PAYROLL_OK && st != PAYROLL_EENCODING)
		abort();
	if (st == PAYROLL_EENCODING && (diag.msg[0] == '\0' || diag.line == 0))
		abort();
	/* Output up to an error is whole characters of valid UTF-8. */
	if (!payroll_utf8_valid(buf, bufsize))
		abort();
	/* Converting UTF-8 output again as UTF-8 gives it back. */
	if (st == PAYROLL_OK && bufsize > 0 && (bufsize < 3 ||
	    memcmp(buf, "\xEF\xBB\xBF", 3) != 0)) {
		char *buf2 = NULL;
		size_t size2 = 0;

		in = fmemopen(buf, bufsize, "r");
		out = open_memstream(&buf2, &size2);
		if (payroll_convert_to_utf8(in, "again", "UTF-8", out,
		    &diag) != PAYROLL_OK)
			abort();
		fclose(out);
		fclose(in);
		if (size2 != bufsize || memcmp(buf, buf2, size2) != 0)
			abort();
		free(buf2);
	}
	free(buf);
	return 0;
}
