/*
 * authority-report: YAML files (layouts, employer.yaml, packs) into a
 * small tree with places for diagnostics (file:line:column).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

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

static struct ynode *
ynew(int type, const char *file, const yaml_mark_t *m)
{
	struct ynode *y = xcalloc(1, sizeof(*y));

	y->type = type;
	y->file = file;
	y->line = (unsigned long)m->line + 1;
	y->col = (unsigned long)m->column + 1;
	return y;
}

static void
yadd(struct ynode *p, struct ynode *k)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->kids = xreallocarray(p->kids, p->cap, sizeof(*p->kids));
	}
	p->kids[p->n++] = k;
}

struct ynode *
yload(const char *path)
{
	struct ynode *stack[64], *root = NULL, *n;
	yaml_parser_t p;
	yaml_event_t ev;
	FILE *fp;
	char *file;
	int depth = 0, done = 0;
	size_t i, j;

	if ((fp = fopen(path, "rb")) == NULL)
		/* A settings or layout file that is not there is a
		 * configuration error (3); a failing disk is the system's. */
		die(errno == ENOENT || errno == ENOTDIR || errno == EACCES ||
		    errno == EISDIR ? ST_RULES : ST_SYSTEM, "%s: %s", path,
		    strerror(errno));
	in_note(fileno(fp), path);
	file = xstrdup(path);
	if (!yaml_parser_initialize(&p))
		die(ST_SYSTEM, "out of memory");
	yaml_parser_set_input_file(&p, fp);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev))
			die_yaml(path, &p);
		n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_ALIAS_EVENT:
			die(ST_RULES, "%s:%lu:%lu: YAML aliases are not used "
			    "in layouts", path,
			    (unsigned long)ev.start_mark.line + 1,
			    (unsigned long)ev.start_mark.column + 1);
		case YAML_SCALAR_EVENT:
			n = ynew(Y_SCALAR, file, &ev.start_mark);
			n->val = xstrndup((const char *)ev.data.scalar.value,
			    ev.data.scalar.length);
			break;
		case YAML_SEQUENCE_START_EVENT:
			n = ynew(Y_SEQ, file, &ev.start_mark);
			break;
		case YAML_MAPPING_START_EVENT:
			n = ynew(Y_MAP, file, &ev.start_mark);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			n = stack[--depth];
			if (n->type == Y_MAP)
				for (i = 0; i < n->n; i += 2) {
					if (n->kids[i]->type != Y_SCALAR)
						yfail(n->kids[i], "a key must "
						    "be a plain name");
					for (j = 0; j < i; j += 2)
						if (strcmp(n->kids[i]->val,
						    n->kids[j]->val) == 0)
							yfail(n->kids[i],
							    "duplicate key "
							    "'%s'",
							    n->kids[i]->val);
				}
			n = NULL;
			break;
		default:
			break;
		}
		if (n != NULL) {
			if (depth == 0) {
				if (root != NULL)
					yfail(n, "one YAML document per "
					    "file");
				root = n;
			} else
				yadd(stack[depth - 1], n);
			if (n->type != Y_SCALAR) {
				if (depth == (int)(sizeof(stack) /
				    sizeof(stack[0])))
					yfail(n, "nested too deeply");
				stack[depth++] = n;
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
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
