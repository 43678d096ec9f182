/*
 * t_stack.c: libpayroll in a thread with a small stack (issue 13, 2.11).
 * payroll_convert_to_utf8() kept 320 KiB of buffers on the stack, which
 * overflowed a 128 KiB thread stack (the test died with SIGSEGV); rules
 * load and a record is computed there too.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "payroll.h"
#include "tap.h"

static int conv_st = -1;
static char conv_out[64];

static void *
convert(void *arg)
{
	FILE *in = tmpfile(), *out = tmpfile();
	struct payroll_diag diag;
	size_t n;

	(void)arg;
	if (in == NULL || out == NULL)
		return NULL;
	fputs("Jos\xe9,M\xfcller\n", in);	/* ISO-8859-1 */
	rewind(in);
	conv_st = payroll_convert_to_utf8(in, "in", "ISO-8859-1", out, &diag);
	rewind(out);
	n = fread(conv_out, 1, sizeof(conv_out) - 1, out);
	conv_out[n] = '\0';
	fclose(in);
	fclose(out);
	return NULL;
}

int
main(void)
{
	pthread_attr_t attr;
	pthread_t t;

	if (pthread_attr_init(&attr) != 0 ||
	    pthread_attr_setstacksize(&attr, 128 * 1024) != 0 ||
	    pthread_create(&t, &attr, convert, NULL) != 0 ||
	    pthread_join(t, NULL) != 0) {
		printf("Bail out! cannot run a thread\n");
		return 2;
	}
	ok(conv_st == PAYROLL_OK, "convert to UTF-8 in a 128 KiB stack");
	is_str(conv_out, "Jos\xc3\xa9,M\xc3\xbcller\n", "... converted");
	return tap_done();
}
