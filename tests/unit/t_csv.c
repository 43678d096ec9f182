/*
 * t_csv.c: the streaming CSV reader and the writer (libpayroll/csv.c).
 *
 * Expected fields and line numbers follow RFC 4180 (a quoted field may
 * hold commas, quotes doubled, CR and LF) and the header's promises
 * (empty lines skipped, a BOM refused unless allowed, limits reported).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"
#include "tap.h"

struct rd {
	FILE *fp;
	struct payroll_csv *r;
	struct payroll_diag diag;
	int st;
};

static void
rd_open(struct rd *x, const char *data, size_t len,
    const struct payroll_csv_opts *opts)
{
	memset(x, 0, sizeof(*x));
	/* A tmpfile, not fmemopen: fmemopen of 0 bytes is refused by some
	 * libcs, and the reader must work on real files anyway. */
	x->fp = tmpfile();
	if (x->fp == NULL || fwrite(data, 1, len, x->fp) != len) {
		printf("Bail out! tmpfile\n");
		exit(2);
	}
	rewind(x->fp);
	if (payroll_csv_open(x->fp, "test.csv", opts, &x->r) != PAYROLL_OK) {
		printf("Bail out! payroll_csv_open\n");
		exit(2);
	}
}

static void
rd_close(struct rd *x)
{
	payroll_csv_free(x->r);
	fclose(x->fp);
}

static int
rd_next(struct rd *x)
{
	payroll_diag_clear(&x->diag);
	x->st = payroll_csv_read(x->r, &x->diag);
	return x->st;
}

/* The current record joined with '|', for compact comparisons. */
static const char *
J(struct rd *x)
{
	static char buf[4096];
	size_t i, n = 0, len;

	buf[0] = '\0';
	for (i = 0; i < payroll_csv_nfields(x->r); i++) {
		const char *f = payroll_csv_field(x->r, i, &len);

		if (i > 0 && n + 1 < sizeof(buf))
			buf[n++] = '|';
		if (n + len < sizeof(buf)) {
			memcpy(buf + n, f, len);
			n += len;
		}
	}
	buf[n] = '\0';
	return buf;
}

/* Reads every record of data, joined by '/' with "@line" after each. */
static const char *
all(const char *data, size_t len, const struct payroll_csv_opts *opts)
{
	static char out[4096];
	struct rd x;
	size_t n = 0;

	out[0] = '\0';
	rd_open(&x, data, len, opts);
	while (rd_next(&x) != PAYROLL_EOF) {
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s@%lu%s",
		    n ? "/" : "", J(&x), payroll_csv_line(x.r),
		    x.st == PAYROLL_OK ? "" : "!");
		if (x.st != PAYROLL_OK && payroll_csv_nfields(x.r) == 0)
			break;	/* a fatal error: it would repeat */
		if (n >= sizeof(out))
			break;
	}
	rd_close(&x);
	return out;
}

#define ALL(lit) all(lit, sizeof(lit) - 1, NULL)
#define ALLO(lit, o) all(lit, sizeof(lit) - 1, o)

static void
test_basic(void)
{
	struct rd x;

	rd_open(&x, "a,b\n1,2\n", 8, NULL);
	ok(rd_next(&x) == PAYROLL_OK && payroll_csv_nfields(x.r) == 2 &&
	    strcmp(J(&x), "a|b") == 0 && payroll_csv_line(x.r) == 1,
	    "header read, line 1");
	ok(rd_next(&x) == PAYROLL_OK && strcmp(J(&x), "1|2") == 0 &&
	    payroll_csv_line(x.r) == 2, "record read, line 2");
	ok(rd_next(&x) == PAYROLL_EOF, "then EOF");
	ok(rd_next(&x) == PAYROLL_EOF, "EOF again");
	ok(payroll_csv_nfields(x.r) == 0, "no fields after EOF");
	is_str(payroll_csv_name(x.r), "test.csv", "name kept");
	{
		size_t len = 99;
		const char *f = payroll_csv_field(x.r, 7, &len);

		ok(f != NULL && *f == '\0' && len == 0,
		    "a field out of range is empty, not a crash");
	}
	rd_close(&x);

	is_str(ALL(""), "", "empty input: no record");
	is_str(ALL("\n\n\r\n"), "", "only empty lines: no record");
	is_str(ALL("a,b\n1,2"), "a|b@1/1|2@2", "no LF at the end");
	is_str(ALL("\"a,b\",\"c\"\"d\",\"\"\n"), "a,b|c\"d|@1",
	    "quoted comma, doubled quote, empty quoted");
	is_str(ALL(",,\n"), "||@1", "three empty fields");
	is_str(ALL("a,\n"), "a|@1", "a trailing empty field");
	is_str(ALL(" a , b \n"), " a | b @1", "spaces are data");
	is_str(ALL("h1,h2\n\"x\ny\",2\nz,3\n\"p\n\nq\",4\nlast,5\n"),
	    "h1|h2@1/x\ny|2@2/z|3@4/p\n\nq|4@5/last|5@8",
	    "line numbers after embedded newlines");
	is_str(ALL("a,b\r\n1,2\r\n\r\n3,4\r\n"), "a|b@1/1|2@2/3|4@4",
	    "CRLF, with an empty CRLF line");
	is_str(ALL("\"x\r\ny\",1\r\nz,2\r\n"), "x\r\ny|1@1/z|2@3",
	    "CRLF inside quotes is kept; line after it is 3");
	is_str(ALL("a\r\nb\nc\r\nd\n"), "a@1/b@2/c@3/d@4",
	    "CRLF mixed with LF");
	is_str(ALL("a\rb\r"), "a@1/b@2", "CR alone ends a line");
	is_str(ALL("a\n\n\nb\n"), "a@1/b@4", "empty lines skipped, counted");
	is_str(ALL("\n\na\n"), "a@3", "leading empty lines counted");
	is_str(ALL("a\n\"\"\nb\n"), "a@1/@2/b@3",
	    "a quoted empty field is a record, not an empty line");
}

static void
test_errors(void)
{
	struct payroll_csv_opts o;
	struct rd x;

	rd_open(&x, "a\n\"b,c\n", 7, NULL);
	rd_next(&x);
	ok(rd_next(&x) == PAYROLL_ESYNTAX && x.diag.line == 2 &&
	    strstr(x.diag.msg, "unterminated") != NULL &&
	    strcmp(x.diag.file, "test.csv") == 0,
	    "unterminated quote: ESYNTAX at test.csv:2 (%s:%lu: %s)",
	    x.diag.file, x.diag.line, x.diag.msg);
	ok(rd_next(&x) == PAYROLL_ESYNTAX, "the error is sticky");
	rd_close(&x);

	rd_open(&x, "a\nb\"c\nd\n", 8, NULL);
	ok(rd_next(&x) == PAYROLL_OK, "line 1 read before the bad quote");
	ok(rd_next(&x) == PAYROLL_ESYNTAX && x.diag.line == 2 &&
	    payroll_csv_nfields(x.r) == 0,
	    "quote inside an unquoted field: ESYNTAX line 2, no fields");
	rd_close(&x);

	rd_open(&x, "x\n\n\"a\"b\n", 8, NULL);
	rd_next(&x);
	ok(rd_next(&x) == PAYROLL_ESYNTAX && x.diag.line == 3,
	    "text after a closing quote: ESYNTAX line 3 (got %lu)",
	    x.diag.line);
	rd_close(&x);

	/* A byte order mark. */
	rd_open(&x, "\xEF\xBB\xBF" "a,b\n", 7, NULL);
	ok(rd_next(&x) == PAYROLL_EENCODING && x.diag.line == 1 &&
	    strstr(x.diag.msg, "byte order mark") != NULL,
	    "a BOM is refused by default: %s", x.diag.msg);
	rd_close(&x);
	memset(&o, 0, sizeof(o));
	o.allow_bom = 1;
	is_str(all("\xEF\xBB\xBF" "a,b\n", 7, &o), "a|b@1",
	    "a BOM is skipped when allowed");
	is_str(all("\xEF\xBB\xBF", 3, &o), "", "a BOM alone, allowed: EOF");
	/* A BOM elsewhere is not a BOM but a character, U+FEFF. */
	is_str(ALL("a\n\xEF\xBB\xBF" "b\n"), "a@1/\xEF\xBB\xBF" "b@2",
	    "U+FEFF in the middle is data");

	/* Invalid UTF-8 and NUL bytes. */
	memset(&o, 0, sizeof(o));
	o.check_utf8 = 1;
	rd_open(&x, "a\n\xff\nb\n", 6, &o);
	ok(rd_next(&x) == PAYROLL_OK, "valid line 1");
	ok(rd_next(&x) == PAYROLL_EENCODING && x.diag.line == 2 &&
	    payroll_csv_nfields(x.r) == 1,
	    "0xFF: EENCODING at line 2, the record still has its field");
	ok(rd_next(&x) == PAYROLL_OK && strcmp(J(&x), "b") == 0 &&
	    payroll_csv_line(x.r) == 3, "and the reader goes on to line 3");
	rd_close(&x);
	is_str(all("a,\xc3\xa9\n", 5, &o), "a|\xc3\xa9@1", "valid UTF-8 é");
	is_str(all("\xc0\xaf\n", 3, &o), "\xc0\xaf@1!", "overlong refused");
	is_str(all("\xed\xa0\x80\n", 4, &o), "\xed\xa0\x80@1!",
	    "surrogate refused");
	is_str(ALLO("x\n\"a\n\xe2\x82\",1\ny\n", &o),
	    "x@1/a\n\xe2\x82|1@2!/y@4",
	    "truncated sequence in a multi-line field: its start line");
	rd_open(&x, "a\0b,c\nd\n", 8, &o);
	ok(rd_next(&x) == PAYROLL_EENCODING && x.diag.line == 1 &&
	    strstr(x.diag.msg, "NUL") != NULL, "NUL byte refused: %s",
	    x.diag.msg);
	ok(rd_next(&x) == PAYROLL_OK && strcmp(J(&x), "d") == 0,
	    "then the next record");
	rd_close(&x);
	rd_open(&x, "a\0b,c\n", 6, NULL);
	{
		size_t len;

		ok(rd_next(&x) == PAYROLL_OK &&
		    payroll_csv_field(x.r, 0, &len) != NULL && len == 3,
		    "without check_utf8 a NUL is a byte of the field");
	}
	rd_close(&x);
	is_str(all("\xff\n", 2, NULL), "\xff@1", "no check: bytes pass");
}

static void
test_limits(void)
{
	struct payroll_csv_opts o;
	struct rd x;
	char *big;
	size_t i, n, len;

	memset(&o, 0, sizeof(o));
	o.max_field = 10;
	is_str(all("0123456789,x\n01234567890,y\nok,z\n", 32, &o),
	    "0123456789|x@1/|y@2!/ok|z@3",
	    "max_field 10: an 11-byte field is refused, the reader goes on");
	/* A quoted field over the limit that ends the input: libcsv's
	 * state after its closing quote must survive the trimming (found
	 * by tests/fuzz/csv_fuzz: a read before the buffer). */
	memset(&o, 0, sizeof(o));
	o.max_field = 4;
	rd_open(&x, "a\n\"xxxxxxxx\"", 12, &o);
	rd_next(&x);
	ok(rd_next(&x) == PAYROLL_ELIMIT && x.diag.line == 2 &&
	    rd_next(&x) == PAYROLL_EOF,
	    "a quoted over-long field closing at the end: ELIMIT, then EOF");
	rd_close(&x);
	is_str(all("a\n\"xx\"\"xxxxx\"\"\",b\nc\n", 19, &o), "a@1/|b@2!/c@3",
	    "an over-long field ending in doubled quotes: refused, then on");
	memset(&o, 0, sizeof(o));
	o.max_fields = 3;
	rd_open(&x, "a,b,c\n1,2,3,4,5\nx,y,z\n", 22, &o);
	rd_next(&x);
	ok(rd_next(&x) == PAYROLL_ELIMIT && x.diag.line == 2 &&
	    strstr(x.diag.msg, "too many fields") != NULL &&
	    payroll_csv_nfields(x.r) == 3,
	    "max_fields 3: 5 fields refused, 3 kept (%s)", x.diag.msg);
	ok(rd_next(&x) == PAYROLL_OK && strcmp(J(&x), "x|y|z") == 0 &&
	    payroll_csv_line(x.r) == 3, "and the reader goes on");
	rd_close(&x);

	/* The default limits: 10,000 fields and 1 MiB. */
	n = 10001 * 2 + 16;
	big = malloc(n);
	for (len = 0, i = 0; i < 10000; i++) {
		big[len++] = 'x';
		big[len++] = i < 9999 ? ',' : '\n';
	}
	rd_open(&x, big, len, NULL);
	ok(rd_next(&x) == PAYROLL_OK && payroll_csv_nfields(x.r) == 10000,
	    "10,000 fields are allowed");
	rd_close(&x);
	big[len - 1] = ',';
	big[len++] = 'y';
	big[len++] = '\n';
	rd_open(&x, big, len, NULL);
	ok(rd_next(&x) == PAYROLL_ELIMIT, "10,001 fields: ELIMIT");
	rd_close(&x);
	free(big);

	n = 2 * 1024 * 1024 + 16;
	big = malloc(n);
	memcpy(big, "a\n", 2);
	memset(big + 2, 'x', 1024 * 1024);
	memcpy(big + 2 + 1024 * 1024, "\nb\n", 3);
	rd_open(&x, big, 5 + 1024 * 1024, NULL);
	rd_next(&x);
	ok(rd_next(&x) == PAYROLL_OK && payroll_csv_field(x.r, 0, &len) &&
	    len == 1024 * 1024 && payroll_csv_line(x.r) == 2,
	    "a field of exactly 1 MiB is allowed");
	ok(rd_next(&x) == PAYROLL_OK && strcmp(J(&x), "b") == 0 &&
	    payroll_csv_line(x.r) == 3, "and the record after it");
	rd_close(&x);
	memset(big + 2, 'x', 2 * 1024 * 1024);
	memcpy(big + 2 + 2 * 1024 * 1024, "\nb\n", 3);
	rd_open(&x, big, 5 + 2 * 1024 * 1024, NULL);
	rd_next(&x);
	ok(rd_next(&x) == PAYROLL_ELIMIT && x.diag.line == 2 &&
	    payroll_csv_nfields(x.r) == 1,
	    "a 2 MiB field: ELIMIT at line 2 (%s:%lu: %s)", x.diag.file,
	    x.diag.line, x.diag.msg);
	/* Not a sticky error: callers that skip a bad record and read on
	 * must get the next one (they looped for ever when it was). */
	ok(rd_next(&x) == PAYROLL_OK && strcmp(J(&x), "b") == 0 &&
	    payroll_csv_line(x.r) == 3, "and the reader goes on to line 3");
	ok(rd_next(&x) == PAYROLL_EOF, "then EOF");
	rd_close(&x);
	free(big);

	/* A quoted field of 1.5 MiB over 300,000 lines, between two
	 * records: the line after it is 2 + 300,000 + 1. */
	n = 8 + 300000 * 5 + 16;
	big = malloc(n);
	memcpy(big, "a\n\"", 3);
	for (len = 3, i = 0; i < 300000; i++) {
		memcpy(big + len, "xxxx\n", 5);
		len += 5;
	}
	memcpy(big + len, "\",z\nb\n", 6);
	len += 6;
	rd_open(&x, big, len, NULL);
	rd_next(&x);
	ok(rd_next(&x) == PAYROLL_ELIMIT && x.diag.line == 2 &&
	    payroll_csv_nfields(x.r) == 2,
	    "a 1.5 MiB quoted field over 300,000 lines: ELIMIT at line 2 "
	    "(got %lu: %s)", x.diag.line, x.diag.msg);
	ok(rd_next(&x) == PAYROLL_OK && strcmp(J(&x), "b") == 0 &&
	    payroll_csv_line(x.r) == 300003,
	    "the record after it is at line 300,003 (got %lu)",
	    payroll_csv_line(x.r));
	rd_close(&x);
	free(big);
}

/* Many records: across read blocks, the count and lines stay right. */
static void
test_stream(void)
{
	struct rd x;
	FILE *fp = tmpfile();
	unsigned long i, nrec = 0, badline = 0, badfield = 0, want;
	char *data;
	size_t len;
	long size;

	for (i = 1; i <= 100000; i++) {
		if (i % 997 == 0)	/* a quoted field over three lines */
			fprintf(fp, "%lu,\"x\ny\nz\"\n", i);
		else if (i % 1009 == 0)
			fprintf(fp, "\n");	/* an empty line */
		else
			fprintf(fp, "%lu,%s\n", i, i % 2 ? "odd" : "\"e,v\"");
	}
	size = ftell(fp);
	rewind(fp);
	data = malloc((size_t)size);
	len = fread(data, 1, (size_t)size, fp);
	fclose(fp);
	rd_open(&x, data, len, NULL);
	/* Line of record number k: k plus two for every earlier quoted
	 * field; records i with i % 1009 == 0 are empty lines. */
	want = 1;
	for (i = 1; i <= 100000; i++) {
		if (i % 997 != 0 && i % 1009 == 0) {
			want++;
			continue;
		}
		if (rd_next(&x) != PAYROLL_OK)
			break;
		nrec++;
		if (payroll_csv_line(x.r) != want && badline++ == 0)
			printf("# record %lu: line %lu, want %lu\n", i,
			    payroll_csv_line(x.r), want);
		if (strtoul(payroll_csv_field(x.r, 0, NULL), NULL, 10) != i ||
		    payroll_csv_nfields(x.r) != 2)
			badfield++;
		if (i % 997 == 0) {
			if (strcmp(payroll_csv_field(x.r, 1, NULL), "x\ny\nz"))
				badfield++;
			want += 3;
		} else {
			if (strcmp(payroll_csv_field(x.r, 1, NULL),
			    i % 2 ? "odd" : "e,v"))
				badfield++;
			want++;
		}
	}
	ok(nrec == 100000 - 99 + 0 && rd_next(&x) == PAYROLL_EOF,
	    "100,000 lines: %lu records, then EOF", nrec);
	ok(badline == 0, "every line number right (%lu wrong)", badline);
	ok(badfield == 0, "every field right (%lu wrong)", badfield);
	rd_close(&x);
	free(data);
}

static const char *
W(const char *const *fields, int neutralise, unsigned char delim)
{
	static char *buf;
	static size_t size;
	struct payroll_csv_writer w;
	FILE *fp;

	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &size);
	memset(&w, 0, sizeof(w));
	w.fp = fp;
	w.neutralise = neutralise;
	w.delim = delim;
	for (; *fields != NULL; fields++)
		payroll_csv_puts(&w, *fields);
	payroll_csv_endrec(&w);
	fclose(fp);
	return buf;
}

#define W1(s, neu) W((const char *const[]){ s, NULL }, neu, 0)

static void
test_writer(void)
{
	struct payroll_csv_writer w;
	FILE *fp;

	is_str(W((const char *const[]){ "a", "b", "c", NULL }, 0, 0),
	    "a,b,c\n", "plain fields");
	is_str(W((const char *const[]){ "", "", NULL }, 0, 0), ",\n",
	    "two empty fields");
	is_str(W1("a,b", 0), "\"a,b\"\n", "a comma is quoted");
	is_str(W1("say \"hi\"", 0), "\"say \"\"hi\"\"\"\n",
	    "quotes are doubled");
	is_str(W1("x\ny", 0), "\"x\ny\"\n", "LF is quoted");
	is_str(W1("x\ry", 0), "\"x\ry\"\n", "CR is quoted");
	is_str(W1(" a ", 0), " a \n", "spaces are not quoted");
	is_str(W((const char *const[]){ "a;b", "a,b", NULL }, 0, ';'),
	    "\"a;b\";a,b\n", "delimiter ';': only ';' needs quotes");
	/* CSV injection (OWASP): = + - @ tab CR lead a formula. */
	is_str(W1("=SUM(A1:A9)", 1), "'=SUM(A1:A9)\n", "= neutralised");
	is_str(W1("@cmd", 1), "'@cmd\n", "@ neutralised");
	is_str(W1("+cmd", 1), "'+cmd\n", "+ neutralised");
	is_str(W1("-cmd", 1), "'-cmd\n", "- neutralised");
	is_str(W1("\tx", 1), "'\tx\n", "tab neutralised");
	is_str(W1("\r=x", 1), "\"'\r=x\"\n", "CR neutralised and quoted");
	is_str(W1("=HYPERLINK(\"a\",\"b\")", 1),
	    "\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\"\n",
	    "neutralised and quoted: the ' goes inside the quotes");
	is_str(W1("-1234.50", 1), "-1234.50\n", "a negative number is kept");
	is_str(W1("+5", 1), "+5\n", "a signed number is kept");
	is_str(W1("+1-2", 1), "'+1-2\n", "+1-2 is not a number");
	is_str(W1("a=b", 1), "a=b\n", "= elsewhere is fine");
	is_str(W1("=SUM(A1:A9)", 0), "=SUM(A1:A9)\n",
	    "not neutralised unless asked");

	/* Write errors. */
	fp = fopen("/dev/full", "w");
	if (fp != NULL) {
		setvbuf(fp, NULL, _IONBF, 0);
		memset(&w, 0, sizeof(w));
		w.fp = fp;
		/* A record reaches the file at endrec: the error shows
		 * there, or at a put once the gathered record is large. */
		ok(payroll_csv_puts(&w, "abc") == PAYROLL_OK &&
		    payroll_csv_puts(&w, "a,b") == PAYROLL_OK,
		    "/dev/full: puts gather the record");
		ok(payroll_csv_endrec(&w) == PAYROLL_EIO,
		    "/dev/full: endrec fails with EIO");
		{
			static char big[20000];
			int st = PAYROLL_OK, i;

			memset(big, 'x', sizeof(big) - 1);
			for (i = 0; i < 2 && st == PAYROLL_OK; i++)
				st = payroll_csv_puts(&w, big);
			ok(st == PAYROLL_EIO, "/dev/full: a put beyond the "
			    "writer's buffer fails with EIO");
		}
		fclose(fp);
	} else
		ok(1, "# SKIP no /dev/full");
}

/* What the writer writes, the reader reads back. */
static void
test_roundtrip(void)
{
	static const char alphabet[] = "ab,\"\n\r =-x\xc3\xa9";
	unsigned long seed = 12345;
	char fields[50][6][16];
	struct payroll_csv_writer w;
	struct rd x;
	char *buf = NULL;
	size_t size = 0, i, j, k;
	int bad = 0;
	FILE *fp = open_memstream(&buf, &size);

	memset(&w, 0, sizeof(w));
	w.fp = fp;
	for (i = 0; i < 50; i++) {
		for (j = 0; j < 6; j++) {
			size_t len = (seed = seed * 1103515245 + 12345) >> 16 & 7;

			for (k = 0; k < len; k++) {
				seed = seed * 1103515245 + 12345;
				fields[i][j][k] = alphabet[(seed >> 16) %
				    (sizeof(alphabet) - 1)];
			}
			/* Keep the two bytes of é together. */
			for (k = 0; k < len; k++)
				if ((unsigned char)fields[i][j][k] == 0xc3 ||
				    (unsigned char)fields[i][j][k] == 0xa9)
					fields[i][j][k] = 'e';
			fields[i][j][len] = '\0';
			payroll_csv_puts(&w, fields[i][j]);
		}
		payroll_csv_endrec(&w);
	}
	fclose(fp);
	rd_open(&x, buf, size, NULL);
	for (i = 0; i < 50; i++) {
		if (rd_next(&x) != PAYROLL_OK || payroll_csv_nfields(x.r) != 6) {
			bad++;
			continue;
		}
		for (j = 0; j < 6; j++)
			if (strcmp(payroll_csv_field(x.r, j, NULL),
			    fields[i][j]) != 0)
				bad++;
	}
	ok(bad == 0 && rd_next(&x) == PAYROLL_EOF,
	    "50 random records of 6 fields read back as written");
	rd_close(&x);
	free(buf);
}

int
main(void)
{
	test_basic();
	test_errors();
	test_limits();
	test_stream();
	test_writer();
	test_roundtrip();
	return tap_done();
}
