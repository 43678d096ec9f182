/*
 * hr-import: any HR export to canonical employee CSV.
 *
 * A map (YAML) says how the export is written (encoding, delimiter,
 * decimal mark, date forms) and how its columns become canonical fields
 * (renames, name splitting, value maps, constants, ids derived from the
 * line).  The input is converted to UTF-8 into an unlinked temporary file
 * first, so that an encoding error stops the run before a record is
 * written and memory stays flat; then it is read one record at a time.
 * Every source record becomes one output record or an error naming its
 * file:line.  The map format is in docs/import.md and hr-import(1).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <yaml.h>

#include "common.h"

/* The output's name in messages. */
static const char *outname = "<stdout>";

static const char usage_text[] =
"usage: hr-import -m map.yaml [-q] [-v] [-e encoding] [-s summary.csv]\n"
"                 [-o output.csv] [file]\n";
static const char usage_master[] =
"hr-import -M master.csv [-m map.yaml] [-q] [-v] [-e encoding]\n"
"           [-s summary.csv] [-o new-master.csv] [changes.csv]\n";

/* Set by -M: a usage error shows the form for personnel changes. */
static int master_mode;

static const struct option longopts[] = {
	{ "encoding", required_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "map", required_argument, NULL, 'm' },
	{ "master", required_argument, NULL, 'M' },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "summary", required_argument, NULL, 's' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

enum ftype { T_TEXT, T_DECIMAL, T_DATE };
enum fsrc { S_FROM, S_VALUE, S_LINE, S_RECORD };
enum part { P_NONE, P_LAST, P_FIRST, P_MIDDLE, P_SUFFIX };

/* A list of strings from the map. */
struct strs {
	char **v;
	size_t n;
};

/* One output field and how to make it. */
struct field {
	char *name;
	enum fsrc src;
	char *from;		/* S_FROM: the source column */
	int col;		/* its index in the source header */
	char *value;		/* S_VALUE: the constant */
	char *prefix, *suffix;	/* S_LINE, S_RECORD: the format around %d */
	int width, zero;
	enum ftype type;
	enum part part;
	struct strs formats;	/* date forms (else the map's) */
	struct strs mapfrom, mapto;	/* value map */
	char *def;		/* when the source value is empty */
	unsigned long line, column;	/* in the map */
};

struct map {
	const char *path;
	char *encoding;		/* an iconv name, or "auto" */
	unsigned char delim;
	char decimal;		/* '.' or ',' */
	char thousands;		/* grouping mark dropped from numbers, or 0 */
	int trim;
	int keep_unknown;
	struct strs formats;
	struct strs suffixes;
	struct field *fields;
	size_t nfields;
	int has_suffix;		/* a field takes the name suffix */
	char *clear;		/* change files: the value that clears a
				   field (NULL: "-") */
};

/* A growable byte buffer. */
struct sbuf {
	char *p;
	size_t len, cap;
};

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL)
			die(ST_SYSTEM, "out of memory");
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		die(ST_SYSTEM, "out of memory");
	return p;
}

static _Noreturn void
usage(FILE *fp, int status)
{
	if (fp == stdout) {
		fputs(usage_text, fp);
		fputs("       ", fp);
		fputs(usage_master, fp);
		fputs("\nOptions:\n"
		    "  -e, --encoding=ENC   the export's encoding (utf-8, "
		    "utf-16, windows-1252,\n"
		    "                       iso-8859-1, iso-8859-15, auto; "
		    "default: the map's)\n"
		    "  -h, --help           this text\n"
		    "  -M, --master=FILE    the employee master to apply "
		    "personnel changes to\n"
		    "  -m, --map=FILE       the import map (YAML)\n"
		    "  -o, --output=FILE    write there (default: standard "
		    "output)\n"
		    "  -q, --quiet          no run summary on standard error\n"
		    "  -s, --summary=FILE   write the counts there (metric,value "
		    "lines)\n"
		    "  -v, --verbose        the run summary even when all is "
		    "well and no one\n"
		    "                       watches (cron)\n"
		    "  -V, --version        the version\n", fp);
		fputs("\nConverts an HR export to canonical employee CSV as "
		    "the map says;\nwith -M, applies personnel changes to the "
		    "employee master as\neffective-dated history.\n"
		    "See hr-import(1) and docs/import.md.\n", fp);
	} else if (master_mode) {
		fputs("usage: ", fp);
		fputs(usage_master, fp);
	} else
		fputs(usage_text, fp);
	exit(status);
}

/* getopt's own messages name argv[0], a path; these name the tool. */
static _Noreturn void
bad_option(int ch, char *argv[])
{
	if (ch == ':')
		warnx_("option '%s' needs a value", argv[optind - 1]);
	else if (optopt != 0)
		warnx_("unknown option '-%c'", optopt);
	else
		warnx_("unknown option '%s'", argv[optind - 1]);
	usage(stderr, ST_USAGE);
}

/* ------------------------------------------------------------------ */
/* The map                                                            */
/* ------------------------------------------------------------------ */

static const char *mappath;

static _Noreturn void
map_error(const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static _Noreturn void
map_error(const yaml_node_t *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	die(ST_RULES, "%s:%lu:%lu: %s", mappath,
	    (unsigned long)n->start_mark.line + 1,
	    (unsigned long)n->start_mark.column + 1, msg);
}

static const char *
scalar(const yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SCALAR_NODE)
		map_error(n, "%s must be a single value", what);
	return (const char *)n->data.scalar.value;
}

static void
strs_load(yaml_document_t *doc, const yaml_node_t *n, const char *what,
    struct strs *out)
{
	yaml_node_item_t *it;

	if (n->type == YAML_SCALAR_NODE) {
		if ((out->v = calloc(1, sizeof(*out->v))) == NULL)
			die(ST_SYSTEM, "out of memory");
		out->v[0] = xstrdup(scalar(n, what));
		out->n = 1;
		return;
	}
	if (n->type != YAML_SEQUENCE_NODE)
		map_error(n, "%s must be a list", what);
	out->n = 0;
	if ((out->v = calloc((size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start) + 1, sizeof(*out->v))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	    it++)
		out->v[out->n++] = xstrdup(scalar(yaml_document_get_node(doc,
		    *it), what));
}

/* Checks a date form: YYYY, MM, M, DD, D and other characters literal. */
static void
check_date_format(const yaml_node_t *n, const char *f)
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
parse_idformat(const yaml_node_t *n, const char *s, struct field *f)
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

static int
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
ytrue(const yaml_node_t *n)
{
	const char *v = scalar(n, "this key");

	if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0)
		return 1;
	if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0)
		return 0;
	map_error(n, "expected true or false");
}

static void
load_field(yaml_document_t *doc, struct map *m, const yaml_node_t *key,
    const yaml_node_t *val, struct field *f)
{
	yaml_node_pair_t *p;
	const yaml_node_t *fmt = NULL, *src = NULL;
	int nsrc = 0;

	memset(f, 0, sizeof(*f));
	f->name = xstrdup(scalar(key, "a field name"));
	f->line = key->start_mark.line + 1;
	f->column = key->start_mark.column + 1;
	f->col = -1;
	if (!snake_case(f->name))
		map_error(key, "field name '%s' is not snake_case (a-z, 0-9 "
		    "and _, starting with a letter)", f->name);
	if (val->type == YAML_SCALAR_NODE) {	/* shorthand: the column */
		f->src = S_FROM;
		f->from = xstrdup(scalar(val, "a column"));
		return;
	}
	if (val->type != YAML_MAPPING_NODE)
		map_error(val, "field '%s': give a column name or a mapping "
		    "(from, value or derive, ...)", f->name);
	for (p = val->data.mapping.pairs.start; p < val->data.mapping.pairs.top;
	    p++) {
		const yaml_node_t *k = yaml_document_get_node(doc, p->key);
		const yaml_node_t *v = yaml_document_get_node(doc, p->value);
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

			strs_load(doc, v, "'formats'", &f->formats);
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
			yaml_node_pair_t *q;
			size_t n, i = 0;

			if (v->type != YAML_MAPPING_NODE)
				map_error(v, "'map' must be a mapping of "
				    "source values to canonical values");
			n = (size_t)(v->data.mapping.pairs.top -
			    v->data.mapping.pairs.start);
			if ((f->mapfrom.v = calloc(n + 1, sizeof(char *))) ==
			    NULL || (f->mapto.v = calloc(n + 1,
			    sizeof(char *))) == NULL)
				die(ST_SYSTEM, "out of memory");
			for (q = v->data.mapping.pairs.start;
			    q < v->data.mapping.pairs.top; q++, i++) {
				f->mapfrom.v[i] = xstrdup(scalar(
				    yaml_document_get_node(doc, q->key),
				    "a source value"));
				f->mapto.v[i] = xstrdup(scalar(
				    yaml_document_get_node(doc, q->value),
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
static const char *
encoding_name(const char *e)
{
	size_t i;

	for (i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++)
		if (strcasecmp(e, encodings[i].name) == 0)
			return encodings[i].iconv;
	return NULL;
}

static void
map_load(const char *path, struct map *m)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	yaml_node_pair_t *p;
	FILE *fp;
	size_t i, j;

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
	if (!yaml_parser_initialize(&parser))
		die(ST_SYSTEM, "out of memory");
	yaml_parser_set_input_file(&parser, fp);
	if (!yaml_parser_load(&parser, &doc))
		die_yaml(path, &parser);
	fclose(fp);
	if ((root = yaml_document_get_root_node(&doc)) == NULL)
		die(ST_RULES, "%s: the map is empty", path);
	if (root->type != YAML_MAPPING_NODE)
		map_error(root, "a map is a mapping (encoding, fields, ...)");
	for (p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&doc, p->value);
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
			strs_load(&doc, v, "'date_formats'", &m->formats);
			for (i = 0; i < m->formats.n; i++)
				check_date_format(v, m->formats.v[i]);
		} else if (strcmp(ks, "name_suffixes") == 0) {
			strs_load(&doc, v, "'name_suffixes'", &m->suffixes);
		} else if (strcmp(ks, "fields") == 0) {
			size_t n;

			if (v->type != YAML_MAPPING_NODE)
				map_error(v, "'fields' must be a mapping of "
				    "canonical field names");
			n = (size_t)(v->data.mapping.pairs.top -
			    v->data.mapping.pairs.start);
			if ((m->fields = calloc(n + 1, sizeof(*m->fields))) ==
			    NULL)
				die(ST_SYSTEM, "out of memory");
			for (i = 0; i < n; i++) {
				yaml_node_pair_t *q =
				    &v->data.mapping.pairs.start[i];
				yaml_node_t *fk = yaml_document_get_node(&doc,
				    q->key);

				load_field(&doc, m, fk,
				    yaml_document_get_node(&doc, q->value),
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
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
}

/* ------------------------------------------------------------------ */
/* Values                                                             */
/* ------------------------------------------------------------------ */

/* A word of a name: (pointer, length). */
struct word {
	const char *p;
	size_t len;
};

static size_t
split_words(const char *s, size_t len, struct word *w, size_t max)
{
	size_t i = 0, n = 0;

	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == len)
			break;
		if (n < max)
			w[n].p = s + i;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		if (n < max)
			w[n].len = (size_t)(s + i - w[n].p);
		n++;
	}
	return n;
}

static int
is_suffix(const struct map *m, const struct word *w)
{
	size_t i, len = w->len;

	if (len > 1 && w->p[len - 1] == '.')
		len--;
	for (i = 0; i < m->suffixes.n; i++)
		if (strlen(m->suffixes.v[i]) == len &&
		    strncasecmp(m->suffixes.v[i], w->p, len) == 0)
			return 1;
	return 0;
}

#define MAXWORDS 64

/*
 * Takes one part of a 'LAST, FIRST MIDDLE' name.  A suffix (JR, III, ...)
 * is the last word of the last-name part ("JONES III, JUAN") or of the
 * given-name part ("JONES, JUAN A JR"); there it must not be a single
 * letter, which is a middle initial ("SMITH, JOHN V").  Without a field for
 * the suffix it stays on the last name.  A name without a comma is all
 * last name.
 */
static void
name_part(const struct map *m, enum part part, const char *s, size_t len,
    struct sbuf *out)
{
	struct word lw[MAXWORDS], gw[MAXWORDS], suf = { NULL, 0 };
	const char *comma = memchr(s, ',', len);
	size_t nl, ng, i, from, to;

	nl = split_words(s, comma != NULL ? (size_t)(comma - s) : len, lw,
	    MAXWORDS);
	ng = comma != NULL ? split_words(comma + 1, len - (size_t)(comma -
	    s) - 1, gw, MAXWORDS) : 0;
	if (nl > MAXWORDS)
		nl = MAXWORDS;
	if (ng > MAXWORDS)
		ng = MAXWORDS;
	if (nl > 1 && is_suffix(m, &lw[nl - 1]))
		suf = lw[--nl];
	else if (ng > 1 && gw[ng - 1].len > 1 && is_suffix(m, &gw[ng - 1]))
		suf = gw[--ng];
	if (suf.len > 1 && suf.p[suf.len - 1] == '.')
		suf.len--;
	if (suf.len > 0 && !m->has_suffix)
		lw[nl++] = suf;		/* back on the last name */
	switch (part) {
	case P_LAST:
		for (i = 0; i < nl; i++) {
			if (i > 0)
				sb_add(out, " ", 1);
			sb_add(out, lw[i].p, lw[i].len);
		}
		break;
	case P_FIRST:
	case P_MIDDLE:
		from = part == P_FIRST ? 0 : 1;
		to = part == P_FIRST ? (ng > 0 ? 1 : 0) : ng;
		for (i = from; i < to; i++) {
			if (i > from)
				sb_add(out, " ", 1);
			sb_add(out, gw[i].p, gw[i].len);
		}
		break;
	case P_SUFFIX:
		sb_add(out, suf.p != NULL ? suf.p : "", suf.len);
		break;
	case P_NONE:
		break;
	}
}

/*
 * Normalises a number to a plain decimal; -1 when it is not one.  Digit
 * grouping is checked, not just dropped: with a grouping mark, the
 * integer part is 1 to 3 digits then groups of exactly 3, and the
 * fraction has none, so "12.34" with grouping '.' is an error, never
 * 1234.
 */
static int
to_decimal(const struct map *m, const char *s, size_t len, struct sbuf *out)
{
	struct payroll_dec d;
	size_t start = out->len, i = 0;
	int run = 0, grouped = 0, frac = 0;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		sb_add(out, &s[i++], 1);
	for (; i < len; i++) {
		char c = s[i];

		if (m->thousands != '\0' && c == m->thousands) {
			/* A mark after 1-3 digits, or after exactly 3. */
			if (frac || run == 0 || run > 3 || (grouped &&
			    run != 3))
				return -1;
			grouped = 1;
			run = 0;
			continue;
		}
		if (c == m->decimal) {
			if (frac || (grouped && run != 3))
				return -1;
			frac = 1;
			c = '.';
		} else if (c == '.' || c == ',')
			return -1;	/* the other mark: ambiguous */
		else if (c >= '0' && c <= '9')
			run++;
		sb_add(out, &c, 1);
	}
	if (grouped && !frac && run != 3)
		return -1;
	if (payroll_dec_parse(out->p + start, out->len - start, &d) !=
	    PAYROLL_OK)
		return -1;
	return 0;
}

/* Reads 1 or 2 (or exactly n) digits. */
static int
digits(const char **s, const char *end, int min, int max, unsigned *out)
{
	unsigned v = 0;
	int n = 0;

	while (*s < end && n < max && **s >= '0' && **s <= '9') {
		v = v * 10 + (unsigned)(**s - '0');
		(*s)++;
		n++;
	}
	*out = v;
	return n >= min ? 0 : -1;
}

static int
match_date(const char *f, const char *s, size_t len, char buf[11])
{
	const char *end = s + len;
	unsigned y = 0, mo = 0, d = 0;
	payroll_date dd;

	while (*f != '\0') {
		if (strncmp(f, "YYYY", 4) == 0) {
			if (digits(&s, end, 4, 4, &y) != 0)
				return -1;
			f += 4;
		} else if (*f == 'M' || *f == 'D') {
			int two = f[1] == f[0];

			if (digits(&s, end, two ? 2 : 1, 2, *f == 'M' ? &mo :
			    &d) != 0)
				return -1;
			f += two ? 2 : 1;
		} else {
			if (s == end || *s != *f)
				return -1;
			s++;
			f++;
		}
	}
	if (s != end || y > 9999 || mo > 99 || d > 99)
		return -1;
	snprintf(buf, 11, "%04u-%02u-%02u", y % 10000, mo % 100, d % 100);
	return payroll_date_parse(buf, 10, &dd) == PAYROLL_OK ? 0 : -1;
}

/*
 * Makes the value of field f for the current record into out.  Returns 0,
 * or -1 with a message.
 */
static int
make_value(const struct map *m, const struct field *f, const char *s,
    size_t len, unsigned long line, unsigned long recno, struct sbuf *out,
    char *msg, size_t msgsize)
{
	struct sbuf tmp = { 0 };
	const struct strs *fm;
	char num[32], date[11], shownbuf[80];
	size_t i;
	int n;

	switch (f->src) {
	case S_VALUE:
		sb_add(out, f->value, strlen(f->value));
		return 0;
	case S_LINE:
	case S_RECORD:
		/* The digits, then the padding the width asks for (up to 40:
		 * more than num holds, so it is added here). */
		n = snprintf(num, sizeof(num), "%lu", f->src == S_LINE ? line :
		    recno);
		sb_add(out, f->prefix, strlen(f->prefix));
		for (; n < f->width; n++)
			sb_add(out, f->zero ? "0" : " ", 1);
		sb_add(out, num, strlen(num));
		sb_add(out, f->suffix, strlen(f->suffix));
		return 0;
	case S_FROM:
		break;
	}
	if (m->trim) {
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
	}
	if (f->part != P_NONE) {
		name_part(m, f->part, s, len, &tmp);
		s = tmp.p != NULL ? tmp.p : "";
		len = tmp.len;
	}
	for (i = 0; i < f->mapfrom.n; i++)
		if (strlen(f->mapfrom.v[i]) == len &&
		    memcmp(f->mapfrom.v[i], s, len) == 0) {
			s = f->mapto.v[i];
			len = strlen(s);
			break;
		}
	if (len == 0 && f->def != NULL) {
		s = f->def;
		len = strlen(s);
	}
	if (len == 0 || f->type == T_TEXT) {
		sb_add(out, s, len);
		free(tmp.p);
		return 0;
	}
	if (f->type == T_DECIMAL) {
		size_t start = out->len;

		if (to_decimal(m, s, len, out) != 0) {
			out->len = start;
			snprintf(msg, msgsize, "'%s' is not a number "
			    "(decimal "
			    "mark '%c'%s%s%s)", show_value(f->name, s, len,
			    shownbuf, sizeof(shownbuf)),
			    m->decimal, m->thousands ? ", grouping '" : "",
			    m->thousands ? (char[2]){ m->thousands, 0 } : "",
			    m->thousands ? "'" : "");
			free(tmp.p);
			return -1;
		}
		free(tmp.p);
		return 0;
	}
	fm = f->formats.n > 0 ? &f->formats : &m->formats;
	for (i = 0; i < fm->n; i++)
		if (match_date(fm->v[i], s, len, date) == 0) {
			sb_add(out, date, 10);
			free(tmp.p);
			return 0;
		}
	if (fm->n == 0 && match_date("YYYY-MM-DD", s, len, date) == 0) {
		sb_add(out, date, 10);
		free(tmp.p);
		return 0;
	}
	{
		struct sbuf forms = { 0 };

		for (i = 0; i < fm->n; i++) {
			if (i > 0)
				sb_add(&forms, ", ", 2);
			sb_add(&forms, fm->v[i], strlen(fm->v[i]));
		}
		snprintf(msg, msgsize, "'%s' is not a date of the form %s",
		    show_value(f->name, s, len, shownbuf, sizeof(shownbuf)),
		    fm->n > 0 ? forms.p :
		    "YYYY-MM-DD");
		free(forms.p);
	}
	free(tmp.p);
	return -1;
}

/* ------------------------------------------------------------------ */
/* The run                                                            */
/* ------------------------------------------------------------------ */

/* An unlinked temporary file, in TMPDIR or /tmp. */

/* Converts the input to UTF-8 into an unlinked temporary file. */
static FILE *
to_utf8(FILE *in, const char *name, const char *enc)
{
	struct payroll_diag diag;
	FILE *fp = scratch_file();
	unsigned char bom[2];
	int st;

	if (strcmp(enc, "UTF-16") == 0) {
		/* The byte order mark says which UTF-16; without one, iconv
		 * would guess. */
		if (fread(bom, 1, 2, in) != 2 || !((bom[0] == 0xFF &&
		    bom[1] == 0xFE) || (bom[0] == 0xFE && bom[1] == 0xFF))) {
			if (ferror(in))
				die(ST_SYSTEM, "%s: %s", name, strerror(errno));
			die(ST_SYSTEM, "%s:1: no byte order mark: the map says "
			    "utf-16, which must start with one (FF FE or "
			    "FE FF)", name);
		}
		enc = bom[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
	}
	payroll_diag_clear(&diag);
	if ((st = payroll_convert_to_utf8(in, name, enc, fp, &diag)) != 0) {
		if (strcmp(diag.file, "<output>") == 0)
			die(ST_SYSTEM, "temporary file: %s", diag.msg);
		die_diag(ST_SYSTEM, &diag);
	}
	if (fflush(fp) == EOF || ferror(fp))
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	rewind(fp);
	return fp;
}


struct run {
	const struct map *m;
	const char *name;
	char **hdr;
	size_t nhdr;
	int *passcol;		/* unknown columns kept */
	size_t npass;
	unsigned long nread, nwritten, nerrors;
	struct sbuf val;
	size_t *off;		/* value offsets in val, per output field */
	struct payroll_csv_writer w;
};

static void
bind_header(struct run *r, struct payroll_csv *csv)
{
	const struct map *m = r->m;
	size_t i, j;
	char *used;

	r->nhdr = payroll_csv_nfields(csv);
	if ((r->hdr = calloc(r->nhdr + 1, sizeof(*r->hdr))) == NULL ||
	    (r->passcol = calloc(r->nhdr + 1, sizeof(*r->passcol))) == NULL ||
	    (used = calloc(r->nhdr + 1, 1)) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < r->nhdr; i++) {
		size_t len;
		const char *h = payroll_csv_field(csv, i, &len);

		while (len > 0 && (*h == ' ' || *h == '\t')) {
			h++;
			len--;
		}
		while (len > 0 && (h[len - 1] == ' ' || h[len - 1] == '\t'))
			len--;
		if ((r->hdr[i] = strndup(h, len)) == NULL)
			die(ST_SYSTEM, "out of memory");
	}
	for (i = 0; i < m->nfields; i++) {
		struct field *f = &m->fields[i];

		if (f->src != S_FROM)
			continue;
		for (j = 0; j < r->nhdr; j++)
			if (strcmp(r->hdr[j], f->from) == 0) {
				if (f->col >= 0)
					die(ST_DATA, "%s:1: column '%s' "
					    "appears "
					    "twice, so the map's field '%s' "
					    "(%s:%lu) is ambiguous", r->name,
					    f->from, f->name, m->path, f->line);
				f->col = (int)j;
				used[j] = 1;
			}
		if (f->col < 0)
			die(ST_DATA, "%s:1: no column '%s', which the map's "
			    "field '%s' takes (%s:%lu:%lu)", r->name, f->from,
			    f->name, m->path, f->line, f->column);
	}
	if (m->keep_unknown)
		for (j = 0; j < r->nhdr; j++) {
			char *p;

			if (used[j])
				continue;
			/* snake_case the name: lower case, _ for the rest */
			for (p = r->hdr[j]; *p != '\0'; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
				else if (!((*p >= 'a' && *p <= 'z') ||
				    (*p >= '0' && *p <= '9')))
					*p = '_';
			if (r->hdr[j][0] == '\0' || !snake_case(r->hdr[j]))
				die(ST_DATA, "%s:1: column %zu: no snake_case "
				    "name can be made of '%s' (map it by name "
				    "or drop unknown columns)", r->name, j + 1,
				    r->hdr[j]);
			for (i = 0; i < m->nfields; i++)
				if (strcmp(m->fields[i].name, r->hdr[j]) == 0)
					die(ST_DATA, "%s:1: column %zu becomes "
					    "'%s', which the map also makes",
					    r->name, j + 1, r->hdr[j]);
			for (i = 0; i < r->npass; i++)
				if (strcmp(r->hdr[r->passcol[i]],
				    r->hdr[j]) == 0)
					die(ST_DATA, "%s:1: two columns become "
					    "'%s'", r->name, r->hdr[j]);
			r->passcol[r->npass++] = (int)j;
		}
	free(used);
	if ((r->off = calloc(m->nfields + r->npass + 1, sizeof(*r->off))) ==
	    NULL)
		die(ST_SYSTEM, "out of memory");
}

static void
put(struct run *r, const char *s, size_t len)
{
	if (payroll_csv_put(&r->w, s, len) != 0)
		die(ST_SYSTEM, "%s: %s", outname, strerror(errno));
}

static void
endrec(struct run *r)
{
	if (payroll_csv_endrec(&r->w) != 0)
		die(ST_SYSTEM, "%s: %s", outname, strerror(errno));
}

/*
 * Converts the current record as the map says: the values of the map's
 * fields, then of the kept columns, each NUL-terminated in r->val at
 * r->off[i].  Returns 0, or -1 after reporting why (file:line).
 */
static int
convert_record(struct run *r, struct payroll_csv *csv)
{
	const struct map *m = r->m;
	unsigned long line = payroll_csv_line(csv);
	size_t i, n = payroll_csv_nfields(csv);
	char msg[300];
	int bad = 0;

	if (n != r->nhdr) {
		warnx_("%s:%lu: %zu fields where the header has %zu", r->name,
		    line, n, r->nhdr);
		return -1;
	}
	r->val.len = 0;
	for (i = 0; i < m->nfields; i++) {
		const struct field *f = &m->fields[i];
		const char *s = "";
		size_t len = 0;

		if (f->col >= 0)
			s = payroll_csv_field(csv, (size_t)f->col, &len);
		r->off[i] = r->val.len;
		if (make_value(m, f, s, len, line, r->nread, &r->val, msg,
		    sizeof(msg)) != 0) {
			warnx_("%s:%lu: field '%s': %s", r->name, line, f->from,
			    msg);
			bad = 1;
		}
		sb_add(&r->val, "", 1);	/* a NUL between values */
	}
	if (bad)
		return -1;
	for (i = 0; i < r->npass; i++) {
		size_t len;
		const char *s = payroll_csv_field(csv, (size_t)r->passcol[i],
		    &len);

		if (m->trim) {
			while (len > 0 && (*s == ' ' || *s == '\t')) {
				s++;
				len--;
			}
			while (len > 0 && (s[len - 1] == ' ' ||
			    s[len - 1] == '\t'))
				len--;
		}
		r->off[m->nfields + i] = r->val.len;
		sb_add(&r->val, s, len);
		sb_add(&r->val, "", 1);
	}
	return 0;
}

static void
import_record(struct run *r, struct payroll_csv *csv)
{
	size_t i;

	if (convert_record(r, csv) != 0) {
		r->nerrors++;
		return;
	}
	for (i = 0; i < r->m->nfields + r->npass; i++)
		put(r, r->val.p + r->off[i], strlen(r->val.p + r->off[i]));
	endrec(r);
	r->nwritten++;
}

static void
strs_release(struct strs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void
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

static void
run_release(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nhdr; i++)
		free(r->hdr[i]);
	free(r->hdr);
	free(r->passcol);
	free(r->off);
	free(r->val.p);
}

#include "changes.c"

int
main(int argc, char *argv[])
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	struct payroll_csv *csv;
	struct outfile of;
	struct map m;
	struct run r;
	const char *mapfile = NULL, *outpath = NULL, *enc = NULL;
	const char *masterpath = NULL, *sumpath = NULL;
	struct progress pg;
	FILE *in, *conv;
	size_t i;
	int ch, st, quiet = 0, verbose = 0;

	common_init(argc, argv);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":e:hM:m:o:qs:Vv", longopts, NULL)) !=
	    -1)
		switch (ch) {
		case 'e':
			enc = optarg;
			break;
		case 'h':
			usage(stdout, ST_OK);
		case 'M':
			masterpath = optarg;
			master_mode = 1;
			break;
		case 'm':
			mapfile = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 's':
			sumpath = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'V':
			printf("hr-import %s\n", PAYROLL_VERSION);
			return ST_OK;
		default:
			bad_option(ch, argv);
		}
	argc -= optind;
	argv += optind;
	if (enc != NULL && encoding_name(enc) == NULL)
		die(ST_USAGE, "unknown encoding '%s' (utf-8, utf-16, "
		    "windows-1252, iso-8859-1, iso-8859-15, auto)", enc);
	sumfile_open(sumpath);
	if (masterpath != NULL) {
		if (argc > 1)
			usage(stderr, ST_USAGE);
		if (strcmp(masterpath, "-") == 0 && (argc == 0 ||
		    strcmp(argv[0], "-") == 0))
			die(ST_USAGE, "the master and the changes cannot both "
			    "be standard input");
		return changes_main(masterpath, mapfile, enc, outpath,
		    argc == 1 ? argv[0] : NULL, !show_summary(quiet, verbose,
		    0));
	}
	if (mapfile == NULL) {
		warnx_("-m (--map) is required: the import map (or -M, a "
		    "master to apply changes to)");
		usage(stderr, ST_USAGE);
	}
	if (argc > 1)
		usage(stderr, ST_USAGE);

	map_load(mapfile, &m);
	if (enc != NULL) {
		free(m.encoding);
		m.encoding = xstrdup(encoding_name(enc));
	}
	memset(&r, 0, sizeof(r));
	r.m = &m;
	r.name = argc == 1 ? argv[0] : "<stdin>";
	in = in_open(argc == 1 ? argv[0] : NULL);
	conv = to_utf8(in, r.name, m.encoding);
	in_close(in);

	memset(&opts, 0, sizeof(opts));
	opts.delim = m.delim;
	opts.check_utf8 = 1;
	if (payroll_csv_open(conv, r.name, &opts, &csv) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	if ((st = payroll_csv_read(csv, &diag)) == PAYROLL_EOF)
		die(ST_DATA, "%s: empty file: no header", r.name);
	if (st != PAYROLL_OK)
		die_diag(st == PAYROLL_ESYNTAX ? ST_DATA : status_of(st),
		    &diag);
	bind_header(&r, csv);

	/* Standard output is spooled by out_open(): a run that stops
	 * half-way leaves it empty. */
	if (outpath != NULL && strcmp(outpath, "-") != 0)
		outname = outpath;
	r.w.fp = out_open(&of, outpath);
	for (i = 0; i < m.nfields; i++)
		put(&r, m.fields[i].name, strlen(m.fields[i].name));
	for (i = 0; i < r.npass; i++)
		put(&r, r.hdr[r.passcol[i]], strlen(r.hdr[r.passcol[i]]));
	endrec(&r);

	progress_start(&pg, quiet, conv);
	for (;;) {
		payroll_diag_clear(&diag);
		st = payroll_csv_read(csv, &diag);
		if (st == PAYROLL_EOF)
			break;
		progress_tick(&pg);
		if (st == PAYROLL_EIO || st == PAYROLL_ENOMEM)
			die_diag(ST_SYSTEM, &diag);
		if (st != PAYROLL_OK && payroll_csv_nfields(csv) == 0)
			die_diag(ST_DATA, &diag);	/* malformed CSV */
		r.nread++;
		if (st != PAYROLL_OK) {
			warn_diag(&diag);
			r.nerrors++;
			continue;
		}
		import_record(&r, csv);
	}
	if (r.nread != r.nwritten + r.nerrors)
		die(ST_SYSTEM, "internal error: read %lu, written %lu, errors "
		    "%lu do not reconcile", r.nread, r.nwritten, r.nerrors);
	progress_done(&pg);
	sumfile_put("read", "%lu", r.nread);
	sumfile_put("written", "%lu", r.nwritten);
	sumfile_put("rejected", "%lu", r.nerrors);
	out_commit_all_or_die();
	if (show_summary(quiet, verbose, r.nerrors > 0))
		fprintf(stderr, "%s: read %lu, written %lu, errors %lu\n",
		    progname, r.nread, r.nwritten, r.nerrors);
	payroll_csv_free(csv);
	fclose(conv);
	run_release(&r);
	map_release(&m);
	return r.nerrors > 0 ? ST_DATA : ST_OK;
}
