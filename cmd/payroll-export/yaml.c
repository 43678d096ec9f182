/*
 * yaml.c: payroll-export's configuration files (the company settings and
 * the format layouts under rules/formats/) through the library's YAML
 * loader (libpayroll/conf.c); these helpers die with status 3 and the
 * file:line:column of the node at fault.
 */
#include "export.h"



_Noreturn void
ydie(const struct ydoc *y, const struct payroll_node *n, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n != NULL)
		die(ST_RULES, "%s:%lu:%lu: %s", y->path, n->line, n->col, msg);
	die(ST_RULES, "%s: %s", y->path, msg);
}

void
ydoc_load(struct ydoc *y, const char *path)
{
	FILE *fp;

	memset(y, 0, sizeof(*y));
	y->path = path;
	if ((fp = fopen(path, "rb")) == NULL)
		die(errno == ENOENT ? ST_RULES : ST_SYSTEM, "%s: %s", path,
		    strerror(errno));
	in_note(fileno(fp), path);
	y->root = conf_read(fp, path, "payroll-export's layouts and settings");
	fclose(fp);
	if (y->root == NULL)
		die(ST_RULES, "%s: empty document", path);
}

void
ydoc_free(struct ydoc *y)
{
	payroll_conf_free(y->root);
	y->root = NULL;
}

const struct payroll_node *
yroot(struct ydoc *y)
{
	if (y->root->type != PAYROLL_NODE_MAPPING)
		ydie(y, y->root, "the document is not a mapping");
	return y->root;
}

/* The value under key in a mapping, or NULL. */
const struct payroll_node *
yget(struct ydoc *y, const struct payroll_node *map, const char *key)
{
	return payroll_conf_get(map, key);
}

const char *
yscalar(struct ydoc *y, const struct payroll_node *n, const char *what)
{
	if (n->type != PAYROLL_NODE_SCALAR)
		ydie(y, n, "'%s' must be a plain value", what);
	return n->val;
}

/* A scalar under key: required (dies when missing) or NULL. */
const char *
ystr(struct ydoc *y, const struct payroll_node *map, const char *key,
    int required)
{
	const struct payroll_node *n = yget(y, map, key);

	if (n == NULL) {
		if (required)
			ydie(y, map, "no '%s' here", key);
		return NULL;
	}
	return yscalar(y, n, key);
}

const struct payroll_node *
ymap(struct ydoc *y, const struct payroll_node *map, const char *key,
    int required)
{
	const struct payroll_node *n = yget(y, map, key);

	if (n == NULL) {
		if (required)
			ydie(y, map, "no '%s' here", key);
		return NULL;
	}
	if (n->type != PAYROLL_NODE_MAPPING)
		ydie(y, n, "'%s' must be a mapping", key);
	return n;
}

/* Unknown keys are errors: a typo must not pass silently.  (The loader
 * has refused keys that are not scalars.) */
void
ykeys(struct ydoc *y, const struct payroll_node *map, const char *const *keys)
{
	size_t i, j;

	for (i = 0; i < map->n; i += 2) {
		const char *s = map->kids[i]->val;

		for (j = 0; keys[j] != NULL; j++)
			if (strcmp(keys[j], s) == 0)
				break;
		if (keys[j] == NULL)
			ydie(y, map->kids[i], "unknown key '%s'", s);
	}
}

size_t
ymap_len(const struct payroll_node *map)
{
	return payroll_conf_len(map);
}

/* The i-th pair of a mapping. */
void
ymap_pair(struct ydoc *y, const struct payroll_node *map, size_t i,
    const struct payroll_node **k, const struct payroll_node **v)
{
	*k = payroll_conf_key(map, i);
	*v = payroll_conf_value(map, i);
}

size_t
yseq_len(const struct payroll_node *seq)
{
	return payroll_conf_len(seq);
}

const struct payroll_node *
yseq_item(struct ydoc *y, const struct payroll_node *seq, size_t i)
{
	return payroll_conf_item(seq, i);
}

/* A non-negative integer under key, or def when absent. */
long
yint(struct ydoc *y, const struct payroll_node *map, const char *key, long def,
    long max)
{
	const struct payroll_node *n = yget(y, map, key);
	const char *s;
	char *end;
	long v;

	if (n == NULL)
		return def;
	s = yscalar(y, n, key);
	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < 0 || v > max)
		ydie(y, n, "'%s': '%s' is not a whole number from 0 to %ld",
		    key, s, max);
	return v;
}
