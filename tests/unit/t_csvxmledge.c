/*
 * t_csvxmledge.c: the CSV writer and the XML writer when their FILE
 * fails (libpayroll/csv.c, xmlout.c), at each place a failure can show:
 * the delimiter, a plain field, a quoted field, a field larger than the
 * writer's buffer, the record end; an XML group's scratch file that
 * cannot be made, written, rewound or read back, an output that cannot
 * be written, a total that overflows 38 digits.  A stream opened for
 * reading refuses every write (fwrite returns 0, ferror is set), a pipe
 * refuses fseek (ESPIPE), a stream opened for writing refuses fread.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "payroll.h"
#include "tap.h"

static char mem[64];
static char big[sizeof(((struct payroll_csv_writer *)0)->buf) + 2];

/* A writer whose FILE refuses writes. */
static FILE *
ro_writer(struct payroll_csv_writer *w)
{
	memset(w, 0, sizeof(*w));
	w->fp = fmemopen(mem, sizeof(mem), "r");
	return w->fp;
}

static void
test_csv(void)
{
	const size_t B = sizeof(((struct payroll_csv_writer *)0)->buf);
	struct payroll_csv_writer w;
	char *text = NULL;
	size_t tlen = 0;
	FILE *fp;

	/* A field of B bytes fills the buffer exactly: nothing written
	 * yet; the next delimiter needs a flush, which fails. */
	fp = ro_writer(&w);
	ok(payroll_csv_put(&w, big, B) == PAYROLL_OK && w.len == B,
	    "a field of exactly the buffer's size is gathered");
	ok(payroll_csv_put(&w, "a", 1) == PAYROLL_EIO, "the delimiter "
	    "after it cannot be flushed: EIO");
	fclose(fp);
	/* B - 1 bytes, then a plain field: its flush fails. */
	fp = ro_writer(&w);
	ok(payroll_csv_put(&w, big, B - 2) == PAYROLL_OK &&
	    payroll_csv_put(&w, "ab", 2) == PAYROLL_EIO && w.len == B - 1,
	    "a plain field past the buffer: EIO (the delimiter gathered)");
	fclose(fp);
	/* B - 1 bytes and the delimiter fill it; the opening quote of a
	 * quoted field needs the flush. */
	fp = ro_writer(&w);
	ok(payroll_csv_put(&w, big, B - 1) == PAYROLL_OK &&
	    payroll_csv_put(&w, "a\"b", 3) == PAYROLL_EIO,
	    "a quoted field past the buffer: EIO");
	fclose(fp);
	/* A field larger than the buffer goes straight to the FILE. */
	fp = ro_writer(&w);
	ok(payroll_csv_put(&w, big, B + 1) == PAYROLL_EIO && w.len == 0,
	    "a field larger than the buffer, unwritable: EIO");
	fclose(fp);
	/* The record end once the buffer is full. */
	fp = ro_writer(&w);
	ok(payroll_csv_put(&w, big, B) == PAYROLL_OK &&
	    payroll_csv_endrec(&w) == PAYROLL_EIO, "the record end past "
	    "the buffer: EIO");
	fclose(fp);
	/* B - 3 bytes, ',', '"' fill B - 1; the run up to and with the
	 * first inner quote, 'ab"', needs the flush. */
	fp = ro_writer(&w);
	ok(payroll_csv_put(&w, big, B - 3) == PAYROLL_OK &&
	    payroll_csv_put(&w, "ab\"c", 4) == PAYROLL_EIO,
	    "a quoted field's first run past the buffer: EIO");
	fclose(fp);
	/* B - 4 bytes, ',', '"' fill B - 2; the last run 'a,b' needs
	 * the flush. */
	fp = ro_writer(&w);
	ok(payroll_csv_put(&w, big, B - 4) == PAYROLL_OK &&
	    payroll_csv_put(&w, "a,b", 3) == PAYROLL_EIO,
	    "a quoted field's last run past the buffer: EIO");
	fclose(fp);
	fp = ro_writer(&w);
	ok(payroll_csv_put(&w, "abc", 3) == PAYROLL_OK &&
	    payroll_csv_endrec(&w) == PAYROLL_EIO && w.nfield == 0,
	    "a short record's end: the flush fails, EIO");
	fclose(fp);

	/* The same sizes to a memory stream: every byte arrives, in
	 * order: B x's, ',', "a""b" quoted, then B + 1 x's, '\n'. */
	memset(&w, 0, sizeof(w));
	w.fp = fp = open_memstream(&text, &tlen);
	payroll_csv_put(&w, big, B);
	payroll_csv_put(&w, "a\"b", 3);
	payroll_csv_put(&w, big, B + 1);
	ok(payroll_csv_endrec(&w) == PAYROLL_OK, "a record of 2B + 9 "
	    "bytes written");
	fclose(fp);
	ok(tlen == B + 1 + 6 + 1 + B + 1 + 1 &&
	    strspn(text, "x") == B && memcmp(text + B, ",\"a\"\"b\",", 8) ==
	    0 && strspn(text + B + 8, "x") == B + 1 &&
	    text[tlen - 1] == '\n', "the bytes in order (%zu)", tlen);
	free(text);
}

/* A reader whose FILE cannot be read (opened for writing): EIO, named,
 * and it stays so. */
static void
test_csv_read(void)
{
	struct payroll_csv *r = NULL;
	struct payroll_diag d;
	FILE *fp = fmemopen(mem, sizeof(mem), "w");

	payroll_diag_clear(&d);
	ok(payroll_csv_open(fp, "in.csv", NULL, &r) == PAYROLL_OK &&
	    payroll_csv_read(r, &d) == PAYROLL_EIO &&
	    strcmp(d.file, "in.csv") == 0 && d.msg[0] != '\0',
	    "an unreadable CSV: EIO (%s: %s)", d.file, d.msg);
	ok(payroll_csv_read(r, &d) == PAYROLL_EIO, "and again EIO");
	payroll_csv_free(r);
	fclose(fp);
}

/* ------------------------------------------------------------------ */

static const char *
xval(void *arg, const char *name)
{
	(void)name;
	return arg;
}

static const char *const xdata[] = { "amt", NULL };
static struct payroll_node *tree;

static FILE *scratch_null(void) { errno = ENOSPC; return NULL; }
static FILE *scratch_ro(void) { return fmemopen(mem, sizeof(mem), "r"); }
static FILE *scratch_wo(void) { return fmemopen(mem, sizeof(mem), "w"); }
static int pfd[2] = { -1, -1 };
static FILE *scratch_pipe(void) { return fdopen(pfd[1], "w"); }

static int
load(struct payroll_xml *x, FILE *(*scratch)(void))
{
	struct payroll_diag d;

	memset(x, 0, sizeof(*x));
	x->scratch = scratch;
	return payroll_xml_load(x, tree, xdata, &d);
}

static void
test_xml(void)
{
	static const char lay[] =
	    "element: Doc\n"
	    "children:\n"
	    "  - {element: Sum, total: pay.Amt}\n"
	    "  - element: P\n"
	    "    each: pay\n"
	    "    children: [{element: Amt, data: amt}]\n";
	struct payroll_diag d;
	struct payroll_xml x;
	char *text = NULL;
	size_t tlen = 0;
	FILE *fp = fmemopen((void *)(size_t)lay, sizeof(lay) - 1, "r"), *ro;

	if (payroll_conf_read(fp, "t.yaml", NULL, &tree, &d) != PAYROLL_OK) {
		printf("Bail out! %s\n", d.msg);
		exit(1);
	}
	fclose(fp);

	load(&x, scratch_null);
	ok(payroll_xml_group(&x, "pay", xval, "1.00") == PAYROLL_EIO &&
	    strcmp(x.why, "scratch file: No space left on device") == 0,
	    "no scratch file: EIO, why (%s)", x.why);
	payroll_xml_free(&x);

	load(&x, scratch_ro);
	ok(payroll_xml_group(&x, "pay", xval, "1.00") == PAYROLL_EIO &&
	    strncmp(x.why, "scratch file: ", 14) == 0,
	    "a scratch file that refuses writes: EIO (%s)", x.why);
	payroll_xml_free(&x);

	/* Written to, then cannot be read back. */
	load(&x, scratch_wo);
	fp = open_memstream(&text, &tlen);
	ok(payroll_xml_group(&x, "pay", xval, "1.00") == PAYROLL_OK &&
	    payroll_xml_finish(&x, fp, xval, "") == PAYROLL_EIO &&
	    strncmp(x.why, "scratch file: ", 14) == 0,
	    "a scratch file that cannot be read back: EIO (%s)", x.why);
	payroll_xml_free(&x);
	fclose(fp);
	free(text);

	/* A pipe cannot be rewound. */
	if (pipe(pfd) == 0) {
		char *t2 = NULL;
		size_t l2 = 0;
		FILE *out = open_memstream(&t2, &l2);

		load(&x, scratch_pipe);
		ok(payroll_xml_group(&x, "pay", xval, "1.00") == PAYROLL_OK &&
		    payroll_xml_finish(&x, out, xval, "") == PAYROLL_EIO &&
		    strcmp(x.why, "scratch file: Illegal seek") == 0,
		    "a scratch file that cannot be rewound: EIO (%s)", x.why);
		payroll_xml_free(&x);	/* closes pfd[1] */
		close(pfd[0]);
		fclose(out);
		free(t2);
	} else
		ok(0, "pipe: %s", strerror(errno));

	/* The output refuses writes: copying a group, and a document with
	 * no group written. */
	load(&x, tmpfile);
	ro = fmemopen(mem, sizeof(mem), "r");
	ok(payroll_xml_group(&x, "pay", xval, "1.00") == PAYROLL_OK &&
	    payroll_xml_finish(&x, ro, xval, "") == PAYROLL_EIO &&
	    strncmp(x.why, "write error: ", 13) == 0,
	    "an unwritable output, a group to copy: EIO (%s)", x.why);
	payroll_xml_free(&x);
	load(&x, tmpfile);
	ok(payroll_xml_finish(&x, ro, xval, "") == PAYROLL_EIO &&
	    strncmp(x.why, "write error: ", 13) == 0,
	    "an unwritable output, no group: EIO (%s)", x.why);
	payroll_xml_free(&x);
	fclose(ro);

	/* 38 nines twice: 2 * (10^38 - 1) has 39 digits. */
	load(&x, tmpfile);
	ok(payroll_xml_group(&x, "pay", xval,
	    "99999999999999999999999999999999999999") == PAYROLL_OK,
	    "a total of 38 digits");
	ok(payroll_xml_group(&x, "pay", xval,
	    "99999999999999999999999999999999999999") == PAYROLL_EDATA &&
	    strcmp(x.why, "a total overflows: Amt") == 0,
	    "a total of 39 digits: EDATA (%s)", x.why);
	ok(payroll_xml_group(&x, "pay", xval, "12x") == PAYROLL_EDATA &&
	    strcmp(x.why, "not an amount: 12x") == 0,
	    "not an amount: EDATA (%s)", x.why);
	ok(payroll_xml_group(&x, "nogroup", xval, "1") == PAYROLL_EDATA &&
	    strcmp(x.why, "no group 'nogroup' in the layout") == 0,
	    "an unknown group: EDATA (%s)", x.why);
	payroll_xml_free(&x);
	payroll_conf_free(tree);
}

int
main(void)
{
	memset(big, 'x', sizeof(big) - 1);
	test_csv();
	test_csv_read();
	test_xml();
	return tap_done();
}
