/*
 * authority-report: YAML files (layouts, employer.yaml, packs) loaded by
 * the library (libpayroll/conf.c) into a tree with places for
 * diagnostics (file:line:column); helpers that die with status 3.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"

_Noreturn void
yfail(const struct ynode *y, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	die(ST_RULES, "%s:%lu:%lu: %s", y->file, y->line, y->col, msg);
}

struct ynode *
yload(const char *path)
{
	struct ynode *root;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		/* A settings or layout file that is not there is a
		 * configuration error (3); a failing disk is the system's. */
		die(errno == ENOENT || errno == ENOTDIR || errno == EACCES ||
		    errno == EISDIR ? ST_RULES : ST_SYSTEM, "%s: %s", path,
		    strerror(errno));
	in_note(fileno(fp), path);
	root = conf_read(fp, path, "layouts and settings");
	fclose(fp);
	if (root == NULL)
		die(ST_RULES, "%s: empty YAML file", path);
	return root;
}

const struct ynode *
yget(const struct ynode *m, const char *key)
{
	size_t i;

	if (m == NULL || m->type != Y_MAP)
		return NULL;
	for (i = 0; i < m->n; i += 2)
		if (strcmp(m->kids[i]->val, key) == 0)
			return m->kids[i + 1];
	return NULL;
}

/* Dies when a map has a key outside the list. */
void
ykeys(const struct ynode *m, const char *const *allowed, const char *what)
{
	size_t i, j;

	if (m->type != Y_MAP)
		yfail(m, "%s must be a mapping", what);
	for (i = 0; i < m->n; i += 2) {
		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(m->kids[i]->val, allowed[j]) == 0)
				break;
		if (allowed[j] == NULL)
			yfail(m->kids[i], "unknown key '%s' in %s",
			    m->kids[i]->val, what);
	}
}

const char *
yscalar(const struct ynode *y, const char *what)
{
	if (y->type != Y_SCALAR)
		yfail(y, "%s must be a single value", what);
	return y->val;
}
long
ylong(const struct ynode *y, const char *what, long min, long max)
{
	const char *s = yscalar(y, what);
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		yfail(y, "%s must be a whole number from %ld to %ld", what,
		    min, max);
	return v;
}
