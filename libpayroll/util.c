/*
 * util.c: diagnostics, status strings and allocation helpers.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *
payroll_strerror(int status)
{
	switch (status) {
	case PAYROLL_OK:
		return "success";
	case PAYROLL_EOF:
		return "end of input";
	case PAYROLL_ENOMEM:
		return "out of memory";
	case PAYROLL_EIO:
		return "input/output error";
	case PAYROLL_ESYNTAX:
		return "syntax error";
	case PAYROLL_ERANGE:
		return "number out of range";
	case PAYROLL_EDIVZERO:
		return "division by zero";
	case PAYROLL_EENCODING:
		return "invalid encoding";
	case PAYROLL_ERULES:
		return "invalid rules";
	case PAYROLL_EDATA:
		return "invalid record";
	case PAYROLL_ELIMIT:
		return "limit exceeded";
	case PAYROLL_EINVAL:
		return "invalid argument";
	}
	return "unknown error";
}

void
payroll_diag_clear(struct payroll_diag *diag)
{
	memset(diag, 0, sizeof(*diag));
}

static void
copy(char *dst, size_t size, const char *src)
{
	size_t n;

	if (src == NULL)
		src = "";
	n = strlen(src);
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void
diag_vset(struct payroll_diag *diag, const char *file, unsigned long line,
    unsigned long col, const char *field, const char *fmt, va_list ap)
{
	if (diag == NULL)
		return;
	copy(diag->file, sizeof(diag->file), file);
	diag->line = line;
	diag->column = col;
	copy(diag->field, sizeof(diag->field), field);
	vsnprintf(diag->msg, sizeof(diag->msg), fmt, ap);
}

void
diag_set(struct payroll_diag *diag, const char *file, unsigned long line,
    unsigned long col, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(diag, file, line, col, field, fmt, ap);
	va_end(ap);
}

int
xregexec(const regex_t *re, const char *s, size_t nmatch, regmatch_t *m,
    int flags)
{
	int rc;

	errno = 0;
	rc = regexec(re, s, nmatch, m, flags);
	if (rc != 0 && errno == ENOMEM)
		rc = REG_ESPACE;
	return rc;
}

int
diag_status(struct payroll_diag *diag, int st)
{
	if (diag != NULL && st != PAYROLL_OK && st != PAYROLL_EOF &&
	    diag->msg[0] == '\0')
		copy(diag->msg, sizeof(diag->msg), payroll_strerror(st));
	return st;
}

size_t
payroll_diag_format(const struct payroll_diag *diag, char *buf, size_t size)
{
	char place[320];
	int n;

	place[0] = '\0';
	if (diag->file[0] != '\0') {
		if (diag->line != 0 && diag->column != 0)
			snprintf(place, sizeof(place), "%s:%lu:%lu: ",
			    diag->file, diag->line, diag->column);
		else if (diag->line != 0)
			snprintf(place, sizeof(place), "%s:%lu: ", diag->file,
			    diag->line);
		else
			snprintf(place, sizeof(place), "%s: ", diag->file);
	}
	if (diag->field[0] != '\0')
		n = snprintf(buf, size, "%sfield '%s': %s", place, diag->field,
		    diag->msg);
	else
		n = snprintf(buf, size, "%s%s", place, diag->msg);
	return n < 0 ? 0 : (size_t)n;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, n * size == 0 ? 1 : n * size);
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
buf_grow(struct buf *b, size_t extra)
{
	size_t want;
	char *p;

	if (b->len + extra + 1 <= b->cap)
		return 0;
	if (extra > SIZE_MAX / 2 - b->len)
		return PAYROLL_ENOMEM;
	want = b->cap ? b->cap : 64;
	while (want < b->len + extra + 1)
		want *= 2;
	if ((p = realloc(b->p, want)) == NULL)
		return PAYROLL_ENOMEM;
	b->p = p;
	b->cap = want;
	return 0;
}

int
buf_add(struct buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n) != 0)
		return PAYROLL_ENOMEM;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

void
buf_release(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* ------------------------------------------------------------------ */
/* Identifiers                                                        */
/* ------------------------------------------------------------------ */

/*
 * IBAN lengths by country (ISO 13616): the SWIFT IBAN Registry, as
 * transcribed in python-stdnum 1.18 (stdnum/iban.dat, "generated from
 * swift_standards_infopaper_ibanregistry_1.txt"; 82 countries) [unverified:
 * taken from python-stdnum 1.18, not read in the registry itself]; the
 * lengths of DE, FR, NL, BE, AT, ES, IT, GB and CH agree with
 * /work/shared/reference/formats.md, section 5.3.  Sorted by country.
 */
static const struct iban_country {
	char cc[3];
	unsigned char len;
} iban_len[] = {
	{ "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 }, { "AZ", 28 },
	{ "BA", 20 }, { "BE", 16 }, { "BG", 22 }, { "BH", 22 }, { "BI", 27 },
	{ "BR", 29 }, { "BY", 28 }, { "CH", 21 }, { "CR", 22 }, { "CY", 28 },
	{ "CZ", 24 }, { "DE", 22 }, { "DJ", 27 }, { "DK", 18 }, { "DO", 28 },
	{ "EE", 20 }, { "EG", 29 }, { "ES", 24 }, { "FI", 18 }, { "FO", 18 },
	{ "FR", 27 }, { "GB", 22 }, { "GE", 22 }, { "GI", 23 }, { "GL", 18 },
	{ "GR", 27 }, { "GT", 28 }, { "HR", 21 }, { "HU", 28 }, { "IE", 22 },
	{ "IL", 23 }, { "IQ", 23 }, { "IS", 26 }, { "IT", 27 }, { "JO", 30 },
	{ "KW", 30 }, { "KZ", 20 }, { "LB", 28 }, { "LC", 32 }, { "LI", 21 },
	{ "LT", 20 }, { "LU", 20 }, { "LV", 21 }, { "LY", 25 }, { "MC", 27 },
	{ "MD", 24 }, { "ME", 22 }, { "MK", 19 }, { "MR", 27 }, { "MT", 31 },
	{ "MU", 30 }, { "NL", 18 }, { "NO", 15 }, { "PK", 24 }, { "PL", 28 },
	{ "PS", 29 }, { "PT", 25 }, { "QA", 29 }, { "RO", 24 }, { "RS", 22 },
	{ "RU", 33 }, { "SA", 24 }, { "SC", 31 }, { "SD", 18 }, { "SE", 24 },
	{ "SI", 19 }, { "SK", 24 }, { "SM", 27 }, { "ST", 25 }, { "SV", 28 },
	{ "TL", 23 }, { "TN", 24 }, { "TR", 26 }, { "UA", 29 }, { "VA", 22 },
	{ "VG", 24 }, { "XK", 20 }
};

static int
iban_cc_cmp(const void *key, const void *elem)
{
	return memcmp(key, elem, 2);
}

int
payroll_iban_valid(const char *s, size_t len)
{
	const struct iban_country *e;
	unsigned rem = 0;
	size_t i;

	/* The registry's shortest IBAN has 15 characters (NO), its longest
	 * 33 (RU); ISO 13616 allows up to 34.  A country the table does not
	 * know yet (the registry grows) is held to those bounds. */
	if (len < 15 || len > 34)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9')))
			return 0;
	if (s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' ||
	    s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9')
		return 0;
	e = bsearch(s, iban_len, sizeof(iban_len) / sizeof(iban_len[0]),
	    sizeof(iban_len[0]), iban_cc_cmp);
	if (e != NULL && len != e->len)
		return 0;
	/* Mod 97-10 (ISO 7064): the first four characters moved to the end,
	 * letters as 10 to 35. */
	for (i = 0; i < len; i++) {
		char ch = s[(i + 4) % len];

		if (ch >= 'A' && ch <= 'Z')
			rem = (rem * 100 + (unsigned)(ch - 'A' + 10)) % 97;
		else
			rem = (rem * 10 + (unsigned)(ch - '0')) % 97;
	}
	return rem == 1;
}

size_t
payroll_mask(const char *s, size_t len, char *buf, size_t size)
{
	size_t i, n = 0;

	/* Four stars whatever the length (the length says something too),
	 * then the last four characters; a value of four or fewer shows
	 * only stars. */
	for (i = 0; i < 4 && n + 1 < size; i++)
		buf[n++] = '*';
	if (len > 4)
		for (i = len - 4; i < len && n + 1 < size; i++)
			buf[n++] = s[i];
	if (size > 0)
		buf[n] = '\0';
	return n;
}

/* Out of memory: said in diag, PAYROLL_ENOMEM (status 4 in the tools,
 * not a mistake of the file being read). */
int
nomem(struct payroll_diag *diag)
{
	diag_set(diag, "", 0, 0, NULL, "out of memory");
	return PAYROLL_ENOMEM;
}
