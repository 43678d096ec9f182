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
