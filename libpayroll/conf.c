/*
 * conf.c: the one YAML loader (rule packs, calendars, and the tools'
 * import maps, layouts and settings).
 *
 * A file is parsed with libyaml's event API into a tree of
 * struct payroll_node that keeps each node's file:line:column.  Limits
 * are checked while the events arrive, before anything grows: nesting
 * depth, node count, bytes read.  Anchors, aliases and tags are refused
 * (an alias is how a small file becomes a huge document), and so are a
 * second document, duplicate keys, keys that are not scalars and NUL
 * bytes in scalars.  This is the only file that includes <yaml.h>.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "internal.h"

/* libyaml's scalar styles are ours, number for number. */
_Static_assert(PAYROLL_STYLE_PLAIN == (int)YAML_PLAIN_SCALAR_STYLE &&
    PAYROLL_STYLE_SINGLE_QUOTED == (int)YAML_SINGLE_QUOTED_SCALAR_STYLE &&
    PAYROLL_STYLE_DOUBLE_QUOTED == (int)YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
    PAYROLL_STYLE_LITERAL == (int)YAML_LITERAL_SCALAR_STYLE &&
    PAYROLL_STYLE_FOLDED == (int)YAML_FOLDED_SCALAR_STYLE,
    "scalar styles");

int
payroll_conf_error(struct payroll_diag *diag, const struct payroll_node *n,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(diag, n != NULL ? n->file : "", n != NULL ? n->line : 0,
	    n != NULL ? n->col : 0, NULL, fmt, ap);
	va_end(ap);
	return PAYROLL_ERULES;
}

/* ------------------------------------------------------------------ */
/* Loading                                                            */
/* ------------------------------------------------------------------ */

void
payroll_conf_free(struct payroll_node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		payroll_conf_free(n->kids[i]);
	free(n->kids);
	free(n->val);
	free(n);		/* the root's block also holds the file name */
}

struct loader {
	const char *file;	/* the name, kept in the root's block */
	const char *what;
	struct payroll_node *first;	/* the root's block, until used */
	FILE *fp;
	unsigned long bytes, max_bytes;
	int too_big;
	struct payroll_diag *diag;
};

/* libyaml's file reader, counting bytes against the limit. */
static int
conf_input(void *data, unsigned char *buf, size_t size, size_t *nread)
{
	struct loader *l = data;

	*nread = fread(buf, 1, size, l->fp);
	l->bytes += *nread;
	if (l->bytes > l->max_bytes) {
		l->too_big = 1;
		return 0;
	}
	return !ferror(l->fp);
}

static int
kid_add(struct payroll_node *parent, struct payroll_node *kid)
{
	struct payroll_node **k;

	if ((parent->n & (parent->n - 1)) == 0) {
		k = xreallocarray(parent->kids, parent->n ? parent->n * 2 : 4,
		    sizeof(*k));
		if (k == NULL)
			return PAYROLL_ENOMEM;
		parent->kids = k;
	}
	parent->kids[parent->n++] = kid;
	return PAYROLL_OK;
}

static struct payroll_node *
node_make(struct loader *l, enum payroll_node_type t, const yaml_mark_t *m)
{
	struct payroll_node *n = l->first;

	if (n != NULL)
		l->first = NULL;
	else if ((n = malloc(sizeof(*n))) == NULL)
		return NULL;
	memset(n, 0, sizeof(*n));
	n->type = t;
	n->file = l->file;
	n->line = m->line + 1;
	n->col = m->column + 1;
	return n;
}

static int
mark_error(struct loader *l, const yaml_mark_t *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
mark_error(struct loader *l, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(l->diag, l->file, m->line + 1, m->column + 1, NULL, fmt, ap);
	va_end(ap);
	return PAYROLL_ERULES;
}

struct keyref {
	const char *key;
	size_t i;		/* index of the key in the mapping's kids */
};

static int
cmp_keyref(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/*
 * Checks a finished mapping: scalar keys, no duplicates.  Large mappings
 * (a table of 100,000 rows) are checked by sorting the keys: comparing
 * each key with every earlier one took 8.8 s for 40,000 (issue 13).  The
 * duplicate reported is the one a reader meets first.
 */
static int
check_map(const struct payroll_node *m, struct payroll_diag *diag)
{
	struct keyref *k;
	size_t i, j, n = m->n / 2, dup = SIZE_MAX, first = 0;

	if (m->n % 2 != 0)
		return payroll_conf_error(diag, m, "mapping without a value");
	for (i = 0; i < m->n; i += 2)
		if (m->kids[i]->type != PAYROLL_NODE_SCALAR)
			return payroll_conf_error(diag, m->kids[i],
			    "mapping keys must be plain names");
	if (n <= 16) {
		for (i = 0; i < m->n; i += 2)
			for (j = 0; j < i; j += 2)
				if (strcmp(m->kids[i]->val,
				    m->kids[j]->val) == 0)
					return payroll_conf_error(diag,
					    m->kids[i], "duplicate key '%s' "
					    "(first at line %lu)",
					    m->kids[i]->val, m->kids[j]->line);
		return PAYROLL_OK;
	}
	if ((k = calloc(n, sizeof(*k))) == NULL)
		return PAYROLL_ENOMEM;
	for (i = 0; i < n; i++) {
		k[i].key = m->kids[2 * i]->val;
		k[i].i = 2 * i;
	}
	qsort(k, n, sizeof(*k), cmp_keyref);
	/* In a run of equal keys, the second is the first duplicate met. */
	for (i = 1; i < n; i++)
		if (strcmp(k[i].key, k[i - 1].key) == 0 &&
		    (i < 2 || strcmp(k[i - 1].key, k[i - 2].key) != 0) &&
		    k[i].i < dup) {
			dup = k[i].i;
			first = k[i - 1].i;
		}
	free(k);
	if (dup != SIZE_MAX)
		return payroll_conf_error(diag, m->kids[dup], "duplicate key "
		    "'%s' (first at line %lu)", m->kids[dup]->val,
		    m->kids[first]->line);
	return PAYROLL_OK;
}

/* The message of a parse failure, in one of the two styles. */
static int
parse_error(struct loader *l, const yaml_parser_t *p, unsigned flags)
{
	if (p->error == YAML_MEMORY_ERROR || p->error == YAML_NO_ERROR) {
		diag_set(l->diag, l->file, 0, 0, NULL, "out of memory");
		return PAYROLL_ENOMEM;
	}
	if (l->too_big) {
		diag_set(l->diag, l->file, 0, 0, NULL, "YAML file too large "
		    "(more than %lu bytes)", l->max_bytes);
		return PAYROLL_ERULES;
	}
	if (!(flags & PAYROLL_CONF_CONTEXT_MARK))
		return mark_error(l, &p->problem_mark, "YAML: %s%s%s",
		    p->problem ? p->problem : "syntax error",
		    p->context ? " " : "", p->context ? p->context : "");
	if (p->context != NULL)
		return mark_error(l, &p->problem_mark, "%s %s that starts at "
		    "%lu:%lu", p->problem ? p->problem : "bad YAML",
		    p->context, (unsigned long)p->context_mark.line + 1,
		    (unsigned long)p->context_mark.column + 1);
	return mark_error(l, &p->problem_mark, "%s",
	    p->problem ? p->problem : "bad YAML");
}

/* A node for a scalar or the start of a collection, or NULL with *st. */
static struct payroll_node *
event_node(struct loader *l, const yaml_event_t *ev, int depth,
    unsigned max_depth, int *st)
{
	const yaml_char_t *anchor, *tag;
	struct payroll_node *n;
	int implicit;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		implicit = ev->data.scalar.plain_implicit ||
		    ev->data.scalar.quoted_implicit;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		implicit = ev->data.sequence_start.implicit;
		break;
	default:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		implicit = ev->data.mapping_start.implicit;
		break;
	}
	if (anchor != NULL) {
		*st = mark_error(l, &ev->start_mark, "YAML anchors are not "
		    "allowed in %s", l->what);
		return NULL;
	}
	if (tag != NULL && !implicit) {
		*st = mark_error(l, &ev->start_mark, "YAML tags are not "
		    "allowed in %s", l->what);
		return NULL;
	}
	if (ev->type != YAML_SCALAR_EVENT) {
		if (depth >= (int)max_depth) {
			*st = mark_error(l, &ev->start_mark,
			    "YAML nested too deeply");
			return NULL;
		}
		if ((n = node_make(l, ev->type == YAML_SEQUENCE_START_EVENT ?
		    PAYROLL_NODE_SEQUENCE : PAYROLL_NODE_MAPPING,
		    &ev->start_mark)) == NULL)
			*st = PAYROLL_ENOMEM;
		return n;
	}
	if ((n = node_make(l, PAYROLL_NODE_SCALAR, &ev->start_mark)) == NULL) {
		*st = PAYROLL_ENOMEM;
		return NULL;
	}
	n->len = ev->data.scalar.length;
	n->style = ev->data.scalar.style;
	if ((n->val = xstrndup((char *)ev->data.scalar.value, n->len)) ==
	    NULL)
		*st = PAYROLL_ENOMEM;
	else if (memchr(n->val, '\0', n->len) != NULL)
		*st = mark_error(l, &ev->start_mark,
		    "NUL byte in a YAML scalar");
	return n;
}

static int
conf_parse(struct loader *l, yaml_parser_t *p,
    const struct payroll_conf_opts *o, struct payroll_node **out)
{
	unsigned max_depth = o->max_depth ? o->max_depth :
	    PAYROLL_CONF_MAX_DEPTH;
	unsigned long max_nodes = o->max_nodes ? o->max_nodes :
	    PAYROLL_CONF_MAX_NODES, count = 0;
	struct payroll_node **stack, *root = NULL, *n;
	yaml_event_t ev;
	int depth = 0, st = PAYROLL_OK, done = 0, docs = 0;

	if ((stack = calloc(max_depth + 1, sizeof(*stack))) == NULL)
		return PAYROLL_ENOMEM;
	while (!done && st == PAYROLL_OK) {
		if (!yaml_parser_parse(p, &ev)) {
			st = parse_error(l, p, o->flags);
			break;
		}
		n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				st = mark_error(l, &ev.start_mark, "more than "
				    "one YAML document in a file");
			break;
		case YAML_ALIAS_EVENT:
			st = mark_error(l, &ev.start_mark, "YAML aliases are "
			    "not allowed in %s", l->what);
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			n = event_node(l, &ev, depth, max_depth, &st);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			if (stack[depth]->type == PAYROLL_NODE_MAPPING)
				st = check_map(stack[depth], l->diag);
			break;
		default:
			break;
		}
		if (n != NULL) {
			if (st == PAYROLL_OK && ++count > max_nodes)
				st = mark_error(l, &ev.start_mark,
				    "YAML file too large");
			if (depth == 0 && root == NULL)
				root = n;
			else if (depth == 0 || st != PAYROLL_OK) {
				payroll_conf_free(n);
				if (st == PAYROLL_OK)
					st = PAYROLL_ERULES;
			} else if (kid_add(stack[depth - 1], n) != 0) {
				payroll_conf_free(n);
				st = PAYROLL_ENOMEM;
			}
			if (st == PAYROLL_OK &&
			    n->type != PAYROLL_NODE_SCALAR)
				stack[depth++] = n;
		}
		yaml_event_delete(&ev);
	}
	free(stack);
	if (st != PAYROLL_OK) {
		payroll_conf_free(root);
		return st;
	}
	*out = root;
	return PAYROLL_OK;
}

int
payroll_conf_read(FILE *fp, const char *name,
    const struct payroll_conf_opts *opts, struct payroll_node **root,
    struct payroll_diag *diag)
{
	static const struct payroll_conf_opts defaults;
	struct loader l;
	yaml_parser_t p;
	size_t len = strlen(name);
	char *file;
	int st;

	*root = NULL;
	if (opts == NULL)
		opts = &defaults;
	memset(&l, 0, sizeof(l));
	l.what = opts->what != NULL ? opts->what : "configuration files";
	l.max_bytes = opts->max_bytes ? opts->max_bytes :
	    PAYROLL_CONF_MAX_BYTES;
	l.fp = fp;
	l.diag = diag;
	/* The root's block holds the name the nodes point at. */
	if ((l.first = malloc(sizeof(*l.first) + len + 1)) == NULL)
		return diag_status(diag, PAYROLL_ENOMEM);
	file = (char *)(l.first + 1);
	memcpy(file, name, len + 1);
	l.file = file;
	if (!yaml_parser_initialize(&p)) {
		free(l.first);
		return diag_status(diag, PAYROLL_ENOMEM);
	}
	yaml_parser_set_input(&p, conf_input, &l);
	st = conf_parse(&l, &p, opts, root);
	yaml_parser_delete(&p);
	/* Unused: a file without a node (diag holds a copy of the name). */
	free(l.first);
	return diag_status(diag, st);
}

int
payroll_conf_load(const char *path, const struct payroll_conf_opts *opts,
    struct payroll_node **root, struct payroll_diag *diag)
{
	FILE *fp;
	int st;

	*root = NULL;
	if ((fp = fopen(path, "rb")) == NULL) {
		diag_set(diag, path, 0, 0, NULL, "%s", strerror(errno));
		return PAYROLL_EIO;
	}
	st = payroll_conf_read(fp, path, opts, root, diag);
	fclose(fp);
	return st;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                          */
/* ------------------------------------------------------------------ */

const struct payroll_node *
payroll_conf_get(const struct payroll_node *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != PAYROLL_NODE_MAPPING)
		return NULL;
	for (i = 0; i < map->n; i += 2)
		if (strcmp(map->kids[i]->val, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

size_t
payroll_conf_len(const struct payroll_node *n)
{
	if (n == NULL || n->type == PAYROLL_NODE_SCALAR)
		return 0;
	return n->type == PAYROLL_NODE_MAPPING ? n->n / 2 : n->n;
}

const struct payroll_node *
payroll_conf_item(const struct payroll_node *seq, size_t i)
{
	if (seq == NULL || seq->type != PAYROLL_NODE_SEQUENCE || i >= seq->n)
		return NULL;
	return seq->kids[i];
}

const struct payroll_node *
payroll_conf_key(const struct payroll_node *map, size_t i)
{
	if (map == NULL || map->type != PAYROLL_NODE_MAPPING ||
	    i >= map->n / 2)
		return NULL;
	return map->kids[2 * i];
}

const struct payroll_node *
payroll_conf_value(const struct payroll_node *map, size_t i)
{
	if (map == NULL || map->type != PAYROLL_NODE_MAPPING ||
	    i >= map->n / 2)
		return NULL;
	return map->kids[2 * i + 1];
}

int
payroll_conf_keys(const struct payroll_node *map, const char *const *allowed,
    const char *what, struct payroll_diag *diag)
{
	size_t i, j;

	if (map == NULL || map->type != PAYROLL_NODE_MAPPING)
		return payroll_conf_error(diag, map, "%s must be a mapping",
		    what);
	for (i = 0; i < map->n; i += 2) {
		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(map->kids[i]->val, allowed[j]) == 0)
				break;
		if (allowed[j] == NULL)
			return payroll_conf_error(diag, map->kids[i],
			    "unknown key '%s' in %s", map->kids[i]->val, what);
	}
	return PAYROLL_OK;
}

int
payroll_conf_text(const struct payroll_node *n, const char *what,
    const char **out, struct payroll_diag *diag)
{
	if (n == NULL || n->type != PAYROLL_NODE_SCALAR)
		return payroll_conf_error(diag, n, "%s must be a single value",
		    what);
	*out = n->val;
	return PAYROLL_OK;
}

int
payroll_conf_long(const struct payroll_node *n, const char *what, long min,
    long max, long *out, struct payroll_diag *diag)
{
	const char *s;
	char *end;
	long v;
	int st;

	if ((st = payroll_conf_text(n, what, &s, diag)) != PAYROLL_OK)
		return st;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return payroll_conf_error(diag, n, "%s must be a whole number "
		    "from %ld to %ld", what, min, max);
	*out = v;
	return PAYROLL_OK;
}

int
payroll_conf_dec(const struct payroll_node *n, const char *what,
    struct payroll_dec *out, struct payroll_diag *diag)
{
	const char *s;
	int st;

	if ((st = payroll_conf_text(n, what, &s, diag)) != PAYROLL_OK)
		return st;
	if ((st = payroll_dec_parse(s, n->len, out)) != PAYROLL_OK)
		return payroll_conf_error(diag, n, "%s: '%s' is not a "
		    "number%s", what, s, st == PAYROLL_ERANGE ?
		    " (too many digits)" : " (write plain decimals like "
		    "1240.50)");
	return PAYROLL_OK;
}
