/*
 * encoding.c: conversion of whole input streams to UTF-8 through iconv(3),
 * and UTF-8 validation.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/*
 * The length of the longest prefix of s[0..len) made of whole, valid UTF-8
 * sequences (no overlong forms, no surrogates, nothing above U+10FFFF).
 * *cut is set when the rest begins with a sequence that the end of the
 * buffer cut short, which more input may complete.
 */
static size_t
utf8_prefix(const unsigned char *s, size_t len, int *cut)
{
	size_t i = 0, k, n;
	unsigned c, cp, min;

	*cut = 0;
	while (i < len) {
		c = s[i];
		if (c < 0x80) {
			i++;
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
			return i;
		for (k = 1; k <= n; k++) {
			if (i + k == len) {
				*cut = 1;
				return i;
			}
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

int
payroll_utf8_valid(const char *str, size_t len)
{
	int cut;

	return utf8_prefix((const unsigned char *)str, len, &cut) == len;
}

#define INBUF 65536

/* The buffers (320 KiB) are on the heap: on the stack they overflowed a
 * small thread stack (issue 13). */
/*
 * The start of the input (*ip, *il bytes): a byte-order mark skipped
 * (*total counts it), with "auto" the encoding it names (UTF-8 without
 * one), and the converter to UTF-8 opened (*utf8: none needed, the input
 * is checked as it is).
 */
static int
open_decoder(const char *from, const char *name, char **ip, size_t *il,
    size_t *total, const char **enc, int *utf8, iconv_t *cd,
    struct payroll_diag *diag)
{
	if (strcasecmp(from, "auto") == 0) {
		const unsigned char *u = (const unsigned char *)*ip;

		if (*il >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
			*ip += 3;
			*il -= 3;
			*total = 3;
			*enc = "UTF-8";
		} else if (*il >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
			*ip += 2;
			*il -= 2;
			*total = 2;
			*enc = "UTF-16LE";
		} else if (*il >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
			*ip += 2;
			*il -= 2;
			*total = 2;
			*enc = "UTF-16BE";
		} else
			*enc = "UTF-8";
	} else if ((strcasecmp(from, "UTF-8") == 0 ||
	    strcasecmp(from, "UTF8") == 0) && *il >= 3 &&
	    memcmp(*ip, "\xEF\xBB\xBF", 3) == 0) {
		*ip += 3;
		*il -= 3;
		*total = 3;	/* offsets count the BOM too */
	}
	if (strcasecmp(*enc, "UTF-8") == 0 || strcasecmp(*enc, "UTF8") == 0) {
		*enc = "UTF-8";
		*utf8 = 1;
	}
	*cd = iconv_open("UTF-8", *enc);
	if (*cd == (iconv_t)-1 && errno != EINVAL) {
		int e = errno;

		diag_set(diag, name, 0, 0, NULL, "%s", strerror(e));
		return e == ENOMEM ? PAYROLL_ENOMEM : PAYROLL_EIO;
	}
	if (*cd == (iconv_t)-1) {
		diag_set(diag, name, 0, 0, NULL, "unknown encoding '%s'", *enc);
		return PAYROLL_EINVAL;
	}
	return PAYROLL_OK;
}

static int
convert(FILE *in, const char *name, const char *from, FILE *out,
    struct payroll_diag *diag, char *inbuf, char *outbuf)
{
	size_t have = 0, total = 0;
	unsigned long line = 1;
	int first = 1, utf8 = 0, st;
	iconv_t cd = (iconv_t)-1;
	const char *enc = from;

	for (;;) {
		size_t n = fread(inbuf + have, 1, INBUF - have, in);
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
			if ((st = open_decoder(from, name, &ip, &il, &total, &enc,
			    &utf8, &cd, diag)) != PAYROLL_OK)
				return st;
		}
		/*
		 * UTF-8 is checked here, not by iconv: glibc takes the old
		 * forms up to U+7FFFFFFF (F5..FD lead bytes) as valid.
		 */
		if (utf8 && il > 0) {
			int cut;
			size_t ok = utf8_prefix((const unsigned char *)ip, il,
			    &cut);

			for (size_t i = 0; i < ok; i++)
				if (ip[i] == '\n')
					line++;
			if (ok > 0 && fwrite(ip, 1, ok, out) != ok) {
				diag_set(diag, "<output>", 0, 0, NULL, "%s",
				    strerror(errno));
				goto ioerr;
			}
			ip += ok;
			il -= ok;
			total += ok;
			if (il > 0 && !(cut && n > 0)) {
				diag_set(diag, name, line, 0, NULL,
				    "byte 0x%02x at offset %zu is not valid "
				    "%s", (unsigned char)*ip, total, enc);
				iconv_close(cd);
				return PAYROLL_EENCODING;
			}
		}
		while (!utf8 && il > 0) {
			char *start = ip;
			size_t r;

			op = outbuf;
			ol = INBUF * 4;
			r = iconv(cd, &ip, &il, &op, &ol);
			/* Whatever iconv makes of an exotic source (UCS-4
			 * above U+10FFFF), only valid UTF-8 goes out. */
			if (!payroll_utf8_valid(outbuf, (size_t)(op - outbuf))) {
				int cut;
				size_t good = utf8_prefix((const unsigned char *)
				    outbuf, (size_t)(op - outbuf), &cut);

				/* The line of the bad character, not of the
				 * chunk's start. */
				for (size_t i = 0; i < good; i++)
					if (outbuf[i] == '\n')
						line++;
				diag_set(diag, name, line, 0, NULL, "bytes "
				    "before offset %zu are not valid %s",
				    total + (size_t)(ip - start), enc);
				iconv_close(cd);
				return PAYROLL_EENCODING;
			}
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

int
payroll_convert_to_utf8(FILE *in, const char *name, const char *from,
    FILE *out, struct payroll_diag *diag)
{
	char *buf = malloc((size_t)INBUF * 5);
	int st;

	if (buf == NULL) {
		diag_set(diag, name, 0, 0, NULL, "out of memory");
		return PAYROLL_ENOMEM;
	}
	st = convert(in, name, from, out, diag, buf, buf + INBUF);
	free(buf);
	return st;
}
