/*
 * hr-import: the map (YAML) that says how an export is written and how its
 * columns become canonical fields: loading, checking, releasing.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hrimport.h"

static const char *mappath;

static _Noreturn void
map_error(const struct payroll_node *n, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static _Noreturn void
map_error(const struct payroll_node *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	die(ST_RULES, "%s:%lu:%lu: %s", mappath, n->line, n->col, msg);
}

static const char *
scalar(const struct payroll_node *n, const char *what)
{
	if (n->type != PAYROLL_NODE_SCALAR)
		map_error(n, "%s must be a single value", what);
	return n->val;
}

static void
strs_load(const struct payroll_node *n, const char *what, struct strs *out)
{
	size_t i;

	if (n->type == PAYROLL_NODE_SCALAR) {
		if ((out->v = calloc(1, sizeof(*out->v))) == NULL)
			die(ST_SYSTEM, "out of memory");
		out->v[0] = xstrdup(scalar(n, what));
		out->n = 1;
		return;
	}
	if (n->type != PAYROLL_NODE_SEQUENCE)
		map_error(n, "%s must be a list", what);
	out->n = 0;
	if ((out->v = calloc(payroll_conf_len(n) + 1, sizeof(*out->v))) ==
	    NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < payroll_conf_len(n); i++)
		out->v[out->n++] = xstrdup(scalar(payroll_conf_item(n, i),
		    what));
}

/* Checks a date form: YYYY, MM, M, DD, D and other characters literal. */
static void
check_date_format(const struct payroll_node *n, const char *f)
{
	int y = 0, m = 0, d = 0;

	while (*f != '\0') {
		if (strncmp(f, "YYYY", 4) == 0) {
			y++;
			f += 4;
		} else if (*f == 'M') {
			m++;
			f += f[1] == 'M' ? 2 : 1;
		} else if (*f == 'D') {
			d++;
			f += f[1] == 'D' ? 2 : 1;
		} else if (*f == 'Y')
			map_error(n, "date form: only four-digit years (YYYY)");
		else
			f++;
	}
	if (y != 1 || m != 1 || d != 1)
		map_error(n, "a date form needs YYYY, M or MM, and D or DD "
		    "once each");
}

/* Parses an id format: text, one %d (with an optional 0 and width). */
static void
parse_idformat(const struct payroll_node *n, const char *s,
    struct field *f)
{
	struct sbuf pre = { 0 }, post = { 0 };
	struct sbuf *cur = &pre;
	int seen = 0;

	sb_add(&pre, "", 0);
	sb_add(&post, "", 0);
	while (*s != '\0') {
		if (*s != '%') {
			sb_add(cur, s++, 1);
			continue;
		}
		if (s[1] == '%') {
			sb_add(cur, "%", 1);
			s += 2;
			continue;
		}
		if (seen)
			map_error(n, "an id format has one %%d");
		s++;
		f->zero = *s == '0';
		f->width = 0;
		while (*s >= '0' && *s <= '9') {
			f->width = f->width * 10 + (*s - '0');
			if (f->width > 40)
				map_error(n, "id format: width above 40");
			s++;
		}
		if (*s != 'd')
			map_error(n, "an id format has one %%d (like "
			    "PE%%06d), and %%%% for a %%");
		s++;
		seen = 1;
		cur = &post;
	}
	if (!seen)
		map_error(n, "an id format needs a %%d for the number");
	f->prefix = pre.p;
	f->suffix = post.p;
}

int
snake_case(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

static int
ytrue(const struct payroll_node *n)
{
	const char *v = scalar(n, "this key");

	if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0)
		return 1;
	if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0)
		return 0;
	map_error(n, "expected true or false");
}

static void
load_field(struct map *m, const struct payroll_node *key,
    const struct payroll_node *val, struct field *f)
{
	const struct payroll_node *fmt = NULL, *src = NULL;
	size_t p;
	int nsrc = 0;

	memset(f, 0, sizeof(*f));
	f->name = xstrdup(scalar(key, "a field name"));
	f->line = key->line;
	f->column = key->col;
	f->col = -1;
	if (!snake_case(f->name))
		map_error(key, "field name '%s' is not snake_case (a-z, 0-9 "
		    "and _, starting with a letter)", f->name);
	if (val->type == PAYROLL_NODE_SCALAR) {	/* shorthand: the column */
		f->src = S_FROM;
		f->from = xstrdup(scalar(val, "a column"));
		return;
	}
	if (val->type != PAYROLL_NODE_MAPPING)
		map_error(val, "field '%s': give a column name or a mapping "
		    "(from, value or derive, ...)", f->name);
	for (p = 0; p < payroll_conf_len(val); p++) {
		const struct payroll_node *k = payroll_conf_key(val, p);
		const struct payroll_node *v = payroll_conf_value(val, p);
		const char *ks = scalar(k, "a key");

		if (strcmp(ks, "from") == 0) {
			f->src = S_FROM;
			f->from = xstrdup(scalar(v, "'from'"));
			nsrc++;
			src = k;
		} else if (strcmp(ks, "value") == 0) {
			f->src = S_VALUE;
			f->value = xstrdup(scalar(v, "'value'"));
			nsrc++;
			src = k;
		} else if (strcmp(ks, "derive") == 0) {
			const char *d = scalar(v, "'derive'");

			if (strcmp(d, "line") == 0)
				f->src = S_LINE;
			else if (strcmp(d, "record") == 0)
				f->src = S_RECORD;
			else
				map_error(v, "derive: 'line' or 'record', not "
				    "'%s'", d);
			nsrc++;
			src = k;
		} else if (strcmp(ks, "format") == 0) {
			fmt = v;
		} else if (strcmp(ks, "type") == 0) {
			const char *t = scalar(v, "'type'");

			if (strcmp(t, "text") == 0)
				f->type = T_TEXT;
			else if (strcmp(t, "decimal") == 0)
				f->type = T_DECIMAL;
			else if (strcmp(t, "date") == 0)
				f->type = T_DATE;
			else
				map_error(v, "unknown type '%s' (text, "
				    "decimal, date)", t);
		} else if (strcmp(ks, "formats") == 0) {
			size_t i;

			strs_load(v, "'formats'", &f->formats);
			for (i = 0; i < f->formats.n; i++)
				check_date_format(v, f->formats.v[i]);
		} else if (strcmp(ks, "name_part") == 0) {
			const char *t = scalar(v, "'name_part'");

			if (strcmp(t, "last") == 0)
				f->part = P_LAST;
			else if (strcmp(t, "first") == 0)
				f->part = P_FIRST;
			else if (strcmp(t, "middle") == 0)
				f->part = P_MIDDLE;
			else if (strcmp(t, "suffix") == 0) {
				f->part = P_SUFFIX;
				m->has_suffix = 1;
			} else
				map_error(v, "name_part: last, first, middle "
				    "or suffix, not '%s'", t);
		} else if (strcmp(ks, "map") == 0) {
			size_t n, i;

			if (v->type != PAYROLL_NODE_MAPPING)
				map_error(v, "'map' must be a mapping of "
				    "source values to canonical values");
			n = payroll_conf_len(v);
			if ((f->mapfrom.v = calloc(n + 1, sizeof(char *))) ==
			    NULL || (f->mapto.v = calloc(n + 1,
			    sizeof(char *))) == NULL)
				die(ST_SYSTEM, "out of memory");
			for (i = 0; i < n; i++) {
				f->mapfrom.v[i] = xstrdup(scalar(
				    payroll_conf_key(v, i), "a source value"));
				f->mapto.v[i] = xstrdup(scalar(
				    payroll_conf_value(v, i),
				    "a canonical value"));
			}
			f->mapfrom.n = f->mapto.n = n;
		} else if (strcmp(ks, "default") == 0) {
			f->def = xstrdup(scalar(v, "'default'"));
		} else if (strcmp(ks, "description") == 0) {
			(void)scalar(v, "'description'");
		} else
			map_error(k, "field '%s': unknown key '%s' (from, "
			    "value, "
			    "derive, format, type, formats, name_part, map, "
			    "default, description)", f->name, ks);
	}
	if (nsrc != 1)
		map_error(val, "field '%s' needs exactly one of 'from', "
		    "'value' and 'derive'", f->name);
	if (f->src == S_LINE || f->src == S_RECORD) {
		if (fmt == NULL)
			map_error(src, "field '%s': 'derive' needs a 'format' "
			    "such as \"E%%06d\"", f->name);
		parse_idformat(fmt, scalar(fmt, "'format'"), f);
	} else if (fmt != NULL)
		map_error(fmt, "'format' is only for derived fields (dates "
		    "take 'formats')");
	if (f->part != P_NONE && f->src != S_FROM)
		map_error(val, "field '%s': 'name_part' needs 'from'", f->name);
	if (f->formats.n > 0 && f->type != T_DATE)
		map_error(val, "field '%s': 'formats' is for type: date",
		    f->name);
}

static const struct {
	const char *name;
	const char *iconv;
} encodings[] = {
	{ "utf-8", "UTF-8" },		/* a BOM is dropped */
	{ "utf-8-bom", "UTF-8" },
	{ "utf-16", "UTF-16" },	/* the BOM says LE or BE */
	{ "windows-1252", "WINDOWS-1252" },
	{ "cp1252", "WINDOWS-1252" },
	{ "iso-8859-1", "ISO-8859-1" },
	{ "latin1", "ISO-8859-1" },
	{ "iso-8859-15", "ISO-8859-15" },
	{ "latin9", "ISO-8859-15" },
	{ "auto", "auto" },
};

/* The iconv name of an encoding the map may name, or NULL. */
const char *
encoding_name(const char *e)
{
	size_t i;

	for (i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++)
		if (strcasecmp(e, encodings[i].name) == 0)
			return encodings[i].iconv;
	return NULL;
}

void
map_load(const char *path, struct map *m)
{
	struct payroll_node *root;
	FILE *fp;
	size_t p, i, j;

	mappath = path;
	memset(m, 0, sizeof(*m));
	m->path = path;
	m->encoding = xstrdup("UTF-8");
	m->delim = ',';
	m->decimal = '.';
	m->trim = 1;
	if ((fp = fopen(path, "rb")) == NULL)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	in_note(fileno(fp), path);
	root = conf_read(fp, path, "import maps");
	fclose(fp);
	if (root == NULL)
		die(ST_RULES, "%s: the map is empty", path);
	if (root->type != PAYROLL_NODE_MAPPING)
		map_error(root, "a map is a mapping (encoding, fields, ...)");
	for (p = 0; p < payroll_conf_len(root); p++) {
		const struct payroll_node *k = payroll_conf_key(root, p);
		const struct payroll_node *v = payroll_conf_value(root, p);
		const char *ks = scalar(k, "a key");

		if (strcmp(ks, "encoding") == 0) {
			const char *e = scalar(v, "'encoding'");

			if (encoding_name(e) == NULL)
				map_error(v, "unknown encoding '%s' (utf-8, "
				    "utf-16, windows-1252, iso-8859-1, "
				    "iso-8859-15, auto)", e);
			free(m->encoding);
			m->encoding = xstrdup(encoding_name(e));
		} else if (strcmp(ks, "delimiter") == 0) {
			const char *d = scalar(v, "'delimiter'");

			if (strcmp(d, "tab") == 0)
				d = "\t";
			if (strlen(d) != 1 || *d == '"' || *d == '\n' ||
			    *d == '\r' || (unsigned char)*d >= 0x80)
				map_error(v, "the delimiter is one ASCII "
				    "character (\",\", \";\", \"\\t\" or "
				    "tab, \"|\")");
			m->delim = (unsigned char)*d;
		} else if (strcmp(ks, "decimal_mark") == 0) {
			const char *d = scalar(v, "'decimal_mark'");

			if (strcmp(d, ".") != 0 && strcmp(d, ",") != 0)
				map_error(v, "decimal_mark: \".\" or \",\"");
			m->decimal = *d;
		} else if (strcmp(ks, "thousands") == 0) {
			const char *d = scalar(v, "'thousands'");

			if (strlen(d) > 1 || (unsigned char)*d >= 0x80)
				map_error(v, "thousands: one ASCII character "
				    "(\",\", \".\", \"'\", \" \") or \"\"");
			m->thousands = *d;
		} else if (strcmp(ks, "trim") == 0) {
			m->trim = ytrue(v);
		} else if (strcmp(ks, "unknown_columns") == 0) {
			const char *d = scalar(v, "'unknown_columns'");

			if (strcmp(d, "drop") == 0)
				m->keep_unknown = 0;
			else if (strcmp(d, "keep") == 0)
				m->keep_unknown = 1;
			else
				map_error(v, "unknown_columns: drop or keep");
		} else if (strcmp(ks, "date_formats") == 0) {
			strs_load(v, "'date_formats'", &m->formats);
			for (i = 0; i < m->formats.n; i++)
				check_date_format(v, m->formats.v[i]);
		} else if (strcmp(ks, "name_suffixes") == 0) {
			strs_load(v, "'name_suffixes'", &m->suffixes);
		} else if (strcmp(ks, "fields") == 0) {
			size_t n;

			if (v->type != PAYROLL_NODE_MAPPING)
				map_error(v, "'fields' must be a mapping of "
				    "canonical field names");
			n = payroll_conf_len(v);
			if ((m->fields = calloc(n + 1, sizeof(*m->fields))) ==
			    NULL)
				die(ST_SYSTEM, "out of memory");
			for (i = 0; i < n; i++) {
				const struct payroll_node *fk =
				    payroll_conf_key(v, i);

				load_field(m, fk, payroll_conf_value(v, i),
				    &m->fields[i]);
				for (j = 0; j < i; j++)
					if (strcmp(m->fields[j].name,
					    m->fields[i].name) == 0)
						map_error(fk, "field '%s' is "
						    "given twice",
						    m->fields[i].name);
				m->nfields++;
			}
		} else if (strcmp(ks, "clear_marker") == 0) {
			const char *d = scalar(v, "'clear_marker'");

			if (*d == '\0')
				map_error(v, "clear_marker: a value that no "
				    "field takes, such as \"-\" (not "
				    "empty: empty means unchanged)");
			free(m->clear);
			m->clear = xstrdup(d);
		} else if (strcmp(ks, "map") == 0 ||
		    strcmp(ks, "description") == 0) {
			(void)scalar(v, ks);
		} else
			map_error(k, "unknown key '%s' (map, description, "
			    "encoding, delimiter, decimal_mark, thousands, "
			    "trim, unknown_columns, date_formats, "
			    "name_suffixes, clear_marker, fields)", ks);
	}
	if (m->nfields == 0 && !m->keep_unknown)
		map_error(root, "the map has no 'fields'");
	if (m->thousands != '\0' && m->thousands == m->decimal)
		map_error(root, "thousands and decimal_mark are the same");
	if (m->suffixes.v == NULL) {
		static const char *const def[] = { "JR", "SR", "II", "III",
		    "IV", "V" };

		if ((m->suffixes.v = calloc(6, sizeof(char *))) == NULL)
			die(ST_SYSTEM, "out of memory");
		for (i = 0; i < 6; i++)
			m->suffixes.v[i] = xstrdup(def[i]);
		m->suffixes.n = 6;
	}
	payroll_conf_free(root);
}

static void
strs_release(struct strs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

void
map_release(struct map *m)
{
	size_t i;

	for (i = 0; i < m->nfields; i++) {
		struct field *f = &m->fields[i];

		free(f->name);
		free(f->from);
		free(f->value);
		free(f->prefix);
		free(f->suffix);
		free(f->def);
		strs_release(&f->formats);
		strs_release(&f->mapfrom);
		strs_release(&f->mapto);
	}
	free(m->fields);
	free(m->encoding);
	free(m->clear);
	strs_release(&m->formats);
	strs_release(&m->suffixes);
}
