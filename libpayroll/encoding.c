/*
 * encoding.c: conversion of whole input streams to UTF-8 through iconv(3),
 * and UTF-8 validation.
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

int
payroll_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	const unsigned char *end = s + len;

	while (s < end) {
		unsigned c = *s;
		size_t n;
		unsigned min, cp;

		if (c < 0x80) {
			s++;
			continue;
		}
		if ((c & 0xE0) == 0xC0) {
			n = 1;
			cp = c & 0x1F;
			min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2;
			cp = c & 0x0F;
			min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else
			return 0;
		if ((size_t)(end - s) <= n)
			return 0;
		for (size_t i = 1; i <= n; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		s += n + 1;
	}
	return 1;
}

#define INBUF 65536

int
payroll_convert_to_utf8(FILE *in, const char *name, const char *from,
    FILE *out, struct payroll_diag *diag)
{
	char inbuf[INBUF], outbuf[INBUF * 4];
	size_t have = 0, total = 0;
	unsigned long line = 1;
	int first = 1;
	iconv_t cd = (iconv_t)-1;
	const char *enc = from;

	for (;;) {
		size_t n = fread(inbuf + have, 1, sizeof(inbuf) - have, in);
		char *ip, *op;
		size_t il, ol;

		if (n == 0 && ferror(in)) {
			diag_set(diag, name, 0, 0, NULL, "%s", strerror(errno));
			goto ioerr;
		}
		have += n;
		ip = inbuf;
		il = have;
		if (first) {
			first = 0;
			if (strcasecmp(from, "auto") == 0) {
				const unsigned char *u =
				    (const unsigned char *)inbuf;

				if (il >= 3 && u[0] == 0xEF && u[1] == 0xBB &&
				    u[2] == 0xBF) {
					ip += 3;
					il -= 3;
					total = 3;
					enc = "UTF-8";
				} else if (il >= 2 && u[0] == 0xFF &&
				    u[1] == 0xFE) {
					ip += 2;
					il -= 2;
					total = 2;
					enc = "UTF-16LE";
				} else if (il >= 2 && u[0] == 0xFE &&
				    u[1] == 0xFF) {
					ip += 2;
					il -= 2;
					total = 2;
					enc = "UTF-16BE";
				} else
					enc = "UTF-8";
			} else if ((strcasecmp(from, "UTF-8") == 0 ||
			    strcasecmp(from, "UTF8") == 0) && il >= 3 &&
			    memcmp(ip, "\xEF\xBB\xBF", 3) == 0) {
				ip += 3;
				il -= 3;
				total = 3;	/* offsets count the BOM too */
			}
			if (strcasecmp(enc, "UTF-8") == 0 ||
			    strcasecmp(enc, "UTF8") == 0)
				enc = "UTF-8";
			cd = iconv_open("UTF-8", enc);
			if (cd == (iconv_t)-1) {
				diag_set(diag, name, 0, 0, NULL,
				    "unknown encoding '%s'", enc);
				return PAYROLL_EINVAL;
			}
		}
		while (il > 0) {
			char *start = ip;
			size_t r;

			op = outbuf;
			ol = sizeof(outbuf);
			r = iconv(cd, &ip, &il, &op, &ol);
			/* Count input lines consumed, for errors (in the
			 * output: line ends survive every conversion). */
			for (char *q = outbuf; q < op; q++)
				if (*q == '\n')
					line++;
			if (op > outbuf &&
			    fwrite(outbuf, 1, (size_t)(op - outbuf), out) !=
			    (size_t)(op - outbuf)) {
				diag_set(diag, "<output>", 0, 0, NULL, "%s",
				    strerror(errno));
				goto ioerr;
			}
			total += (size_t)(ip - start);
			if (r == (size_t)-1) {
				if (errno == E2BIG)
					continue;
				if (errno == EINVAL && n > 0)
					break;	/* incomplete: read more */
				diag_set(diag, name, line, 0, NULL,
				    "byte 0x%02x at offset %zu is not valid "
				    "%s", (unsigned char)*ip, total, enc);
				iconv_close(cd);
				return PAYROLL_EENCODING;
			}
		}
		memmove(inbuf, ip, il);
		have = il;
		if (n == 0)
			break;
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	return PAYROLL_OK;
ioerr:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	return PAYROLL_EIO;
}
