/*
 * t_encoding.c: conversion to UTF-8 and UTF-8 validation
 * (libpayroll/encoding.c).
 *
 * Byte values come from the code charts: Windows-1252 (0x80 EURO SIGN
 * U+20AC, 0x9A U+0161, 0x93/0x94 U+201C/U+201D, 0x81 undefined),
 * ISO-8859-15 (0xA4 U+20AC, 0xBD U+0153), ISO-8859-1 (0xA4 U+00A4), and
 * the UTF-8 and UTF-16 encoding forms of Unicode (chapter 3, D92, D91).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"
#include "tap.h"

static char *out;
static size_t outlen;
static struct payroll_diag diag;

static int
conv(const char *in, size_t len, const char *from)
{
	FILE *ifp = tmpfile(), *ofp;
	int st;

	free(out);
	out = NULL;
	outlen = 0;
	if (ifp == NULL || fwrite(in, 1, len, ifp) != len) {
		printf("Bail out! tmpfile\n");
		exit(2);
	}
	rewind(ifp);
	ofp = open_memstream(&out, &outlen);
	payroll_diag_clear(&diag);
	st = payroll_convert_to_utf8(ifp, "in.csv", from, ofp, &diag);
	fclose(ofp);
	fclose(ifp);
	return st;
}

#define CONV(lit, from) conv(lit, sizeof(lit) - 1, from)
#define OUT_IS(lit) (outlen == sizeof(lit) - 1 && \
	memcmp(out, lit, sizeof(lit) - 1) == 0)

static void
test_single_byte(void)
{
	ok(CONV("\x80", "WINDOWS-1252") == 0 && OUT_IS("\xe2\x82\xac"),
	    "Windows-1252 0x80 is the euro sign U+20AC");
	ok(CONV("caf\xe9\n", "WINDOWS-1252") == 0 && OUT_IS("caf\xc3\xa9\n"),
	    "Windows-1252 0xE9 is U+00E9");
	ok(CONV("\x9a\x93x\x94", "WINDOWS-1252") == 0 &&
	    OUT_IS("\xc5\xa1\xe2\x80\x9cx\xe2\x80\x9d"),
	    "Windows-1252 0x9A, 0x93, 0x94: U+0161, U+201C, U+201D");
	ok(CONV("ok\n\x81\n", "WINDOWS-1252") == PAYROLL_EENCODING &&
	    diag.line == 2 && strstr(diag.msg, "0x81") != NULL &&
	    strstr(diag.msg, "offset 3") != NULL &&
	    strcmp(diag.file, "in.csv") == 0,
	    "Windows-1252 0x81 is undefined: in.csv:%lu: %s", diag.line,
	    diag.msg);
	ok(OUT_IS("ok\n"), "nothing written after the bad byte");
	ok(CONV("\xa4", "ISO-8859-15") == 0 && OUT_IS("\xe2\x82\xac"),
	    "ISO-8859-15 0xA4 is the euro sign");
	ok(CONV("\xbd", "ISO-8859-15") == 0 && OUT_IS("\xc5\x93"),
	    "ISO-8859-15 0xBD is U+0153");
	ok(CONV("\xa4", "ISO-8859-1") == 0 && OUT_IS("\xc2\xa4"),
	    "ISO-8859-1 0xA4 is U+00A4, not the euro");
	ok(CONV("a,b\r\n1,2\r\n", "WINDOWS-1252") == 0 &&
	    OUT_IS("a,b\r\n1,2\r\n"), "ASCII and CRLF pass unchanged");
	ok(CONV("", "WINDOWS-1252") == 0 && outlen == 0, "empty input");
	ok(CONV("x", "NO-SUCH-ENCODING") == PAYROLL_EINVAL &&
	    strstr(diag.msg, "unknown encoding") != NULL,
	    "an unknown encoding: EINVAL (%s)", diag.msg);
}

static void
test_unicode(void)
{
	ok(CONV("\xff\xfe" "A\0\xac\x20\n\0", "auto") == 0 &&
	    OUT_IS("A\xe2\x82\xac\n"), "auto: UTF-16LE BOM, dropped");
	ok(CONV("\xfe\xff" "\0A\x20\xac\0\n", "auto") == 0 &&
	    OUT_IS("A\xe2\x82\xac\n"), "auto: UTF-16BE BOM, dropped");
	ok(CONV("\xef\xbb\xbf" "a\xc3\xa9\n", "auto") == 0 &&
	    OUT_IS("a\xc3\xa9\n"), "auto: UTF-8 BOM dropped");
	ok(CONV("\xef\xbb\xbf" "a\n", "UTF-8") == 0 && OUT_IS("a\n"),
	    "UTF-8 named: a BOM is dropped too");
	ok(CONV("a\xc3\xa9\n", "auto") == 0 && OUT_IS("a\xc3\xa9\n"),
	    "auto: UTF-8 without BOM unchanged");
	ok(CONV("A\0B\0", "UTF-16LE") == 0 && OUT_IS("AB"),
	    "UTF-16LE named, no BOM");
	ok(CONV("\xff\xfe" "=\xd8\0\xde", "auto") == 0 &&
	    OUT_IS("\xf0\x9f\x98\x80"),
	    "UTF-16LE surrogate pair D83D DE00 is U+1F600");
	ok(CONV("a\nb\n\xff\n", "auto") == PAYROLL_EENCODING &&
	    diag.line == 3 && strstr(diag.msg, "0xff") != NULL &&
	    strstr(diag.msg, "offset 4") != NULL,
	    "auto: invalid UTF-8 at line 3, offset 4: %s", diag.msg);
	ok(OUT_IS("a\nb\n"), "the lines before the bad byte are written");
	ok(CONV("abc\xc3", "auto") == PAYROLL_EENCODING && OUT_IS("abc"),
	    "a truncated UTF-8 sequence at the end: EENCODING");
	ok(CONV("\xed\xa0\x80", "UTF-8") == PAYROLL_EENCODING,
	    "a UTF-8 encoded surrogate: EENCODING");
	ok(CONV("\xc0\xaf", "UTF-8") == PAYROLL_EENCODING,
	    "an overlong UTF-8 form: EENCODING");
	/* glibc's iconv takes F5..FD lead bytes (old forms up to
	 * U+7FFFFFFF) as UTF-8: found by tests/fuzz/encoding_fuzz. */
	ok(CONV("ab\n\xf6\x9d\xb6\x9d\n", "UTF-8") == PAYROLL_EENCODING &&
	    diag.line == 2 && strstr(diag.msg, "0xf6 at offset 3") != NULL &&
	    OUT_IS("ab\n"), "F6 9D B6 9D (above U+10FFFF): EENCODING at "
	    "line 2, offset 3 (%s)", diag.msg);
	ok(CONV("\xf4\x90\x80\x80", "auto") == PAYROLL_EENCODING,
	    "auto: F4 90 80 80 (U+110000): EENCODING");
	ok(CONV("\xfd\xbf\xbf\xbf\xbf\xbf", "UTF-8") == PAYROLL_EENCODING,
	    "a 6-byte form: EENCODING");
	ok(CONV("\xef\xbb\xbf\xf8\x88\x80\x80\x80", "auto") ==
	    PAYROLL_EENCODING && strstr(diag.msg, "offset 3") != NULL,
	    "after a BOM, a 5-byte form at offset 3: %s", diag.msg);
	ok(CONV("\xff\xfe" "A\0B", "auto") == PAYROLL_EENCODING &&
	    OUT_IS("A"), "UTF-16LE with an odd byte at the end: EENCODING");
	ok(CONV("\xff\xfe" "a\0\n\0\0\xdc", "auto") == PAYROLL_EENCODING &&
	    diag.line == 2, "UTF-16LE lone low surrogate at line 2 (got %lu)",
	    diag.line);
}

/* Inputs larger than the 64 KiB read buffer. */
static void
test_large(void)
{
	size_t n = 300000, i;
	char *in = malloc(n + 16), *want = malloc(2 * n + 16);
	int bad;

	/* 200,000 Latin-1 é: 400,000 bytes of UTF-8. */
	memset(in, 0xe9, 200000);
	bad = conv(in, 200000, "ISO-8859-1") != 0 || outlen != 400000;
	for (i = 0; !bad && i < 400000; i += 2)
		bad = (unsigned char)out[i] != 0xc3 ||
		    (unsigned char)out[i + 1] != 0xa9;
	ok(!bad, "200,000 Latin-1 bytes become 400,000 UTF-8 bytes");

	/* A UTF-16LE surrogate pair split by the 65,536-byte boundary:
	 * BOM (2) + 32,766 'A' (65,532) puts it at 65,534..65,537. */
	memcpy(in, "\xff\xfe", 2);
	for (i = 0; i < 32766; i++)
		memcpy(in + 2 + 2 * i, "A\0", 2);
	memcpy(in + 65534, "=\xd8\0\xde" "B\0", 6);
	memset(want, 'A', 32766);
	memcpy(want + 32766, "\xf0\x9f\x98\x80" "B", 5);
	ok(conv(in, 65540, "auto") == 0 && outlen == 32771 &&
	    memcmp(out, want, 32771) == 0,
	    "a surrogate pair across the read buffer boundary");

	/* A UTF-8 é split by the boundary. */
	memset(in, 'a', 65535);
	memcpy(in + 65535, "\xc3\xa9z", 3);
	ok(conv(in, 65538, "auto") == 0 && outlen == 65538 &&
	    memcmp(out, in, 65538) == 0,
	    "a UTF-8 sequence across the read buffer boundary");

	/* Line numbers count across buffers. */
	for (i = 0; i < 50000; i++)
		memcpy(in + 5 * i, "line\n", 5);
	in[250000] = (char)0x81;
	ok(conv(in, 250001, "WINDOWS-1252") == PAYROLL_EENCODING &&
	    diag.line == 50001 && strstr(diag.msg, "offset 250000") != NULL,
	    "an invalid byte after 50,000 lines: line %lu, %s", diag.line,
	    diag.msg);
	ok(outlen == 250000, "the 50,000 lines before it were written");
	free(in);
	free(want);
}

static void
test_valid(void)
{
	static const struct {
		const char *s;
		size_t len;
		int valid;
		const char *what;
	} cases[] = {
		{ "", 0, 1, "empty" },
		{ "plain ASCII", 11, 1, "ASCII" },
		{ "\xc3\xa9", 2, 1, "U+00E9" },
		{ "\xe2\x82\xac", 3, 1, "U+20AC" },
		{ "\xf0\x9f\x98\x80", 4, 1, "U+1F600" },
		{ "\xf4\x8f\xbf\xbf", 4, 1, "U+10FFFF" },
		{ "\xef\xbb\xbf", 3, 1, "U+FEFF" },
		{ "\0", 1, 1, "NUL is valid UTF-8 (refused elsewhere)" },
		{ "\x80", 1, 0, "a lone continuation byte" },
		{ "\xff", 1, 0, "0xFF" },
		{ "\xfe", 1, 0, "0xFE" },
		{ "\xc3", 1, 0, "a truncated 2-byte form" },
		{ "\xe2\x82", 2, 0, "a truncated 3-byte form" },
		{ "\xf0\x9f\x98", 3, 0, "a truncated 4-byte form" },
		{ "\xc3\x28", 2, 0, "a bad continuation byte" },
		{ "\xc0\xaf", 2, 0, "overlong '/' (2 bytes)" },
		{ "\xc1\xbf", 2, 0, "overlong U+007F" },
		{ "\xe0\x80\xaf", 3, 0, "overlong '/' (3 bytes)" },
		{ "\xf0\x80\x80\xaf", 4, 0, "overlong '/' (4 bytes)" },
		{ "\xed\xa0\x80", 3, 0, "surrogate U+D800" },
		{ "\xed\xbf\xbf", 3, 0, "surrogate U+DFFF" },
		{ "\xed\x9f\xbf", 3, 1, "U+D7FF, just below the surrogates" },
		{ "\xf4\x90\x80\x80", 4, 0, "U+110000, above Unicode" },
		{ "\xf8\x88\x80\x80\x80", 5, 0, "a 5-byte form" },
		{ "a\xc3\xa9z", 4, 1, "mixed" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ok(payroll_utf8_valid(cases[i].s, cases[i].len) ==
		    cases[i].valid, "utf8_valid: %s is %s", cases[i].what,
		    cases[i].valid ? "valid" : "invalid");
	/* len is honoured: a valid prefix of an invalid string. */
	ok(payroll_utf8_valid("ab\xff", 2) == 1, "only len bytes checked");
}

int
main(void)
{
	test_single_byte();
	test_unicode();
	test_large();
	test_valid();
	free(out);
	return tap_done();
}
