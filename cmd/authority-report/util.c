/*
 * authority-report: memory, growing strings, money in cents,
 * transliteration to ASCII.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"

/* ------------------------------------------------------------------ */
/* Memory                                                             */
/* ------------------------------------------------------------------ */

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die(ST_SYSTEM, "out of memory");
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		die(ST_SYSTEM, "out of memory");
	if ((p = realloc(p, n * size > 0 ? n * size : 1)) == NULL)
		die(ST_SYSTEM, "out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		die(ST_SYSTEM, "out of memory");
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xcalloc(n + 1, 1);

	memcpy(p, s, n);
	return p;
}

void
sb_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
sb_adds(struct sbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

void
sb_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

/* ------------------------------------------------------------------ */
/* ------------------------------------------------------------------ */
/* Money in cents                                                     */
/* ------------------------------------------------------------------ */

int
cents_add(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
}

void
cents_format(int64_t c, char *buf, size_t size)
{
	uint64_t u = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;

	snprintf(buf, size, "%s%llu.%02llu", c < 0 ? "-" : "",
	    (unsigned long long)(u / 100), (unsigned long long)(u % 100));
}

/* Parses a money amount ("1234.5", "-3.00", "") into cents; "" is 0. */
int
cents_parse(const char *s, size_t len, int64_t *out, const char **why)
{
	struct payroll_dec d;
	int st;

	*out = 0;
	if (len == 0)
		return 0;
	if (payroll_dec_parse(s, len, &d) != PAYROLL_OK) {
		*why = "not a plain decimal amount";
		return -1;
	}
	if ((st = payroll_dec_to_minor(d, 2, out)) != PAYROLL_OK) {
		*why = st == PAYROLL_EINVAL ? "more than 2 decimal places" :
		    "too large";
		return -1;
	}
	return 0;
}
