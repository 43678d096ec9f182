/*
 * t_encedge.c: conversion to UTF-8 when the input or the output fails,
 * and when iconv itself writes what is not UTF-8 (libpayroll/encoding.c).
 *
 * UCS-4BE (ISO/IEC 10646 four-byte form): 00 00 00 41 is 'A'; 00 11 00 00
 * is U+110000, past the last code point U+10FFFF (Unicode chapter 3,
 * D9/D76), which no UTF-8 may encode (RFC 3629 section 3).  glibc's iconv
 * writes it as F4 90 80 80 nonetheless; the library must refuse it, at
 * the line it is on.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"
#include "tap.h"

static struct payroll_diag diag;

/* in (len bytes) from an encoding into a memory stream. */
static int
conv(const char *in, size_t len, const char *from)
{
	FILE *ifp = fmemopen((void *)(size_t)in, len, "r"), *ofp;
	char *out = NULL;
	size_t outlen = 0;
	int st;

	ofp = open_memstream(&out, &outlen);
	payroll_diag_clear(&diag);
	st = payroll_convert_to_utf8(ifp, "in.csv", from, ofp, &diag);
	fclose(ofp);
	fclose(ifp);
	free(out);
	return st;
}

static void
test_beyond(void)
{
	static const char one[] = "\0\0\0A\0\x11\0\0";
	static const char two[] = "\0\0\0A\0\0\0\n\0\0\0B\0\x11\0\0";

	/* The 8 bytes go through iconv at once: the message names the end
	 * of what it took, offset 8. */
	ok(conv(one, 8, "UCS-4BE") == PAYROLL_EENCODING &&
	    strcmp(diag.file, "in.csv") == 0 && diag.line == 1 &&
	    strcmp(diag.msg, "bytes before offset 8 are not valid UCS-4BE")
	    == 0, "UCS-4BE U+110000: refused (%s:%lu: %s)", diag.file,
	    diag.line, diag.msg);
	/* "A\nB" then U+110000: the bad code point is on line 2. */
	ok(conv(two, 16, "UCS-4BE") == PAYROLL_EENCODING &&
	    diag.line == 2 && strcmp(diag.msg, "bytes before offset 16 are "
	    "not valid UCS-4BE") == 0, "U+110000 after a line end: line 2 "
	    "(%lu: %s)", diag.line, diag.msg);
	ok(conv(two, 12, "UCS-4BE") == PAYROLL_OK, "the same without "
	    "U+110000 converts");
}

static void
test_io(void)
{
	char mem[16] = "", *out = NULL;
	size_t outlen = 0;
	FILE *ifp, *ofp;
	int st;

	/* An input that cannot be read (opened for writing). */
	ifp = fmemopen(mem, sizeof(mem), "w");
	ofp = open_memstream(&out, &outlen);
	payroll_diag_clear(&diag);
	st = payroll_convert_to_utf8(ifp, "in.csv", "UTF-8", ofp, &diag);
	ok(st == PAYROLL_EIO && strcmp(diag.file, "in.csv") == 0 &&
	    diag.line == 0 && diag.msg[0] != '\0', "an unreadable input: "
	    "EIO, named (%s: %s)", diag.file, diag.msg);
	fclose(ofp);
	fclose(ifp);
	free(out);

	/* An output that cannot be written (opened for reading): UTF-8
	 * copied, and Windows-1252 through iconv. */
	ifp = fmemopen((void *)(size_t)"abc\n", 4, "r");
	ofp = fmemopen(mem, sizeof(mem), "r");
	payroll_diag_clear(&diag);
	st = payroll_convert_to_utf8(ifp, "in.csv", "UTF-8", ofp, &diag);
	ok(st == PAYROLL_EIO && strcmp(diag.file, "<output>") == 0,
	    "UTF-8 to an unwritable output: EIO at <output> (%s)", diag.msg);
	fclose(ofp);
	fclose(ifp);
	ifp = fmemopen((void *)(size_t)"caf\xe9\n", 5, "r");
	ofp = fmemopen(mem, sizeof(mem), "r");
	payroll_diag_clear(&diag);
	st = payroll_convert_to_utf8(ifp, "in.csv", "WINDOWS-1252", ofp,
	    &diag);
	ok(st == PAYROLL_EIO && strcmp(diag.file, "<output>") == 0,
	    "Windows-1252 to an unwritable output: EIO at <output> (%s)",
	    diag.msg);
	fclose(ofp);
	fclose(ifp);
}

int
main(void)
{
	test_beyond();
	test_io();
	return tap_done();
}
