/*
 * yaml.c: a thin layer over libyaml's document loader for payroll-export's
 * configuration files (the company settings and the format layouts under
 * rules/formats/).
 */
#include "export.h"



_Noreturn void
ydie(const struct ydoc *y, const yaml_node_t *n, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n != NULL)
		die(ST_RULES, "%s:%lu:%lu: %s", y->path,
		    (unsigned long)n->start_mark.line + 1,
		    (unsigned long)n->start_mark.column + 1, msg);
	die(ST_RULES, "%s: %s", y->path, msg);
}

void
ydoc_load(struct ydoc *y, const char *path)
{
	yaml_parser_t parser;
	FILE *fp;

	memset(y, 0, sizeof(*y));
	y->path = path;
	if ((fp = fopen(path, "rb")) == NULL)
		die(errno == ENOENT ? ST_RULES : ST_SYSTEM, "%s: %s", path,
		    strerror(errno));
	in_note(fileno(fp), path);
	if (!yaml_parser_initialize(&parser))
		die(ST_SYSTEM, "out of memory");
	yaml_parser_set_input_file(&parser, fp);
	if (!yaml_parser_load(&parser, &y->doc))
		die_yaml(path, &parser);
	yaml_parser_delete(&parser);
	fclose(fp);
	y->loaded = 1;
	if (yaml_document_get_root_node(&y->doc) == NULL)
		die(ST_RULES, "%s: empty document", path);
}

void
ydoc_free(struct ydoc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = 0;
}

yaml_node_t *
yroot(struct ydoc *y)
{
	yaml_node_t *n = yaml_document_get_root_node(&y->doc);

	if (n->type != YAML_MAPPING_NODE)
		ydie(y, n, "the document is not a mapping");
	return n;
}

/* The value under key in a mapping, or NULL. */
yaml_node_t *
yget(struct ydoc *y, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);

		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(&y->doc, p->value);
	}
	return NULL;
}

const char *
yscalar(struct ydoc *y, yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SCALAR_NODE)
		ydie(y, n, "'%s' must be a plain value", what);
	return (const char *)n->data.scalar.value;
}

/* A scalar under key: required (dies when missing) or NULL. */
const char *
ystr(struct ydoc *y, yaml_node_t *map, const char *key, int required)
{
	yaml_node_t *n = yget(y, map, key);

	if (n == NULL) {
		if (required)
			ydie(y, map, "no '%s' here", key);
		return NULL;
	}
	return yscalar(y, n, key);
}

yaml_node_t *
ymap(struct ydoc *y, yaml_node_t *map, const char *key, int required)
{
	yaml_node_t *n = yget(y, map, key);

	if (n == NULL) {
		if (required)
			ydie(y, map, "no '%s' here", key);
		return NULL;
	}
	if (n->type != YAML_MAPPING_NODE)
		ydie(y, n, "'%s' must be a mapping", key);
	return n;
}

/* Unknown keys are errors: a typo must not pass silently. */
void
ykeys(struct ydoc *y, yaml_node_t *map, const char *const *keys)
{
	yaml_node_pair_t *p;
	size_t i;

	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		const char *s;

		if (k->type != YAML_SCALAR_NODE)
			ydie(y, k, "keys must be plain values");
		s = (const char *)k->data.scalar.value;
		for (i = 0; keys[i] != NULL; i++)
			if (strcmp(keys[i], s) == 0)
				break;
		if (keys[i] == NULL)
			ydie(y, k, "unknown key '%s'", s);
	}
}

size_t
ymap_len(yaml_node_t *map)
{
	return (size_t)(map->data.mapping.pairs.top -
	    map->data.mapping.pairs.start);
}

/* The i-th pair of a mapping. */
void
ymap_pair(struct ydoc *y, yaml_node_t *map, size_t i, yaml_node_t **k,
    yaml_node_t **v)
{
	yaml_node_pair_t *p = map->data.mapping.pairs.start + i;

	*k = yaml_document_get_node(&y->doc, p->key);
	*v = yaml_document_get_node(&y->doc, p->value);
	if ((*k)->type != YAML_SCALAR_NODE)
		ydie(y, *k, "keys must be plain values");
}

size_t
yseq_len(yaml_node_t *seq)
{
	return (size_t)(seq->data.sequence.items.top -
	    seq->data.sequence.items.start);
}

yaml_node_t *
yseq_item(struct ydoc *y, yaml_node_t *seq, size_t i)
{
	return yaml_document_get_node(&y->doc,
	    seq->data.sequence.items.start[i]);
}

/* A non-negative integer under key, or def when absent. */
long
yint(struct ydoc *y, yaml_node_t *map, const char *key, long def, long max)
{
	yaml_node_t *n = yget(y, map, key);
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
