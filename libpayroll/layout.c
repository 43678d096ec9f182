/*
 * layout.c: the layout engine of every file written to banks and
 * authorities: a field's value shaped (transliteration, case, character
 * set, length) and padded into its place, fixed-width records written,
 * counted, totalled and blocked, XML escaped.  What each field is comes
 * from a layout file (rules/formats/); which value it gets is the tool's.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

char *
payroll_charset_expand(const char *s)
{
	char *t = calloc(257, 1), *p = t;
	int c, a, b;

	if (t == NULL)
		return NULL;
	for (; *s != '\0'; s++) {
		if (s[1] == '-' && isalnum((unsigned char)s[0]) &&
		    isalnum((unsigned char)s[2])) {
			a = (unsigned char)s[0];
			b = (unsigned char)s[2];
			for (c = a; c <= b; c++)
				if (strchr(t, c) == NULL)
					*p++ = (char)c;
			s += 2;
		} else if (strchr(t, *s) == NULL)
			*p++ = *s;
	}
	return t;
}

/* A named charset of the layout: a string, or {allow, drop}. */
static int
field_charset(struct payroll_field *f, const struct payroll_node *o,
    const struct payroll_node *charsets, struct payroll_diag *d)
{
	static const char *const ck[] = { "allow", "drop", NULL };
	const struct payroll_node *cs, *allow = NULL, *drop = NULL;
	const char *name;

	if (payroll_conf_text(o, "charset", &name, d) != PAYROLL_OK)
		return PAYROLL_ERULES;
	if ((cs = payroll_conf_get(charsets, name)) == NULL)
		return payroll_conf_error(d, o, "no charset '%s' in the "
		    "layout's 'charsets'", name);
	if (cs->type == PAYROLL_NODE_MAPPING) {
		if (payroll_conf_keys(cs, ck, "a charset", d) != PAYROLL_OK)
			return PAYROLL_ERULES;
		if ((allow = payroll_conf_get(cs, "allow")) == NULL)
			return payroll_conf_error(d, cs, "a charset has "
			    "'allow'");
		drop = payroll_conf_get(cs, "drop");
	} else
		allow = cs;
	if (payroll_conf_text(allow, "a charset", &name, d) != PAYROLL_OK)
		return PAYROLL_ERULES;
	if ((f->charset = f->owned[0] = payroll_charset_expand(name)) ==
	    NULL)
		return nomem(d);
	if (drop != NULL) {
		if (payroll_conf_text(drop, "a charset", &name, d) !=
		    PAYROLL_OK)
			return PAYROLL_ERULES;
		if ((f->dropset = f->owned[1] = payroll_charset_expand(name)) ==
		    NULL)
			return nomem(d);
	}
	return PAYROLL_OK;
}

/* o's text is one of words[]: its index, or -1 after an error. */
static int
one_of(const struct payroll_node *o, const char *what,
    const char *const *words, const char *says, struct payroll_diag *d)
{
	const char *v;
	int i;

	if (payroll_conf_text(o, what, &v, d) != PAYROLL_OK)
		return -1;
	for (i = 0; words[i] != NULL; i++)
		if (strcmp(v, words[i]) == 0)
			return i;
	payroll_conf_error(d, o, "%s", says);
	return -1;
}

static int
field_type(struct payroll_field *f, const struct payroll_node *o,
    struct payroll_diag *d)
{
	static const char *const types[] = { "alpha", "numeric", "money",
	    "digits", "decimal", "integer", "date", "A", "N", NULL };
	int t = one_of(o, "type", types, "", d);

	if (t < 0)
		return payroll_conf_error(d, o, "unknown type '%s' (alpha, "
		    "numeric, money, digits, decimal, integer, date; A and N "
		    "for alpha and numeric)", o->val != NULL ? o->val : "");
	f->type = t == 7 ? PAYROLL_FT_ALPHA : t == 8 ? PAYROLL_FT_NUMERIC :
	    (enum payroll_ftype)t;
	return PAYROLL_OK;
}

static int
field_place_keys(struct payroll_field *f, const struct payroll_node *y,
    const struct payroll_field_defaults *def, struct payroll_diag *d)
{
	const struct payroll_node *pos = payroll_conf_get(y, "pos");
	const struct payroll_node *len = payroll_conf_get(y, "len");
	long v;

	if (!def->fixed)
		return PAYROLL_OK;
	if (pos == NULL || len == NULL)
		return payroll_conf_error(d, y, "field '%s' needs 'pos' and "
		    "'len'", f->name);
	if (payroll_conf_long(pos, "pos", 1, 100000, &v, d) != PAYROLL_OK)
		return PAYROLL_ERULES;
	f->pos = (int)v;
	if (payroll_conf_long(len, "len", 1, 100000, &v, d) != PAYROLL_OK)
		return PAYROLL_ERULES;
	f->len = (int)v;
	return PAYROLL_OK;
}

static int
field_text_keys(struct payroll_field *f, const struct payroll_node *y,
    const struct payroll_node *charsets, struct payroll_diag *d)
{
	static const char *const sides[] = { "left", "right", NULL };
	static const char *const ovs[] = { "error", "truncate", "keep_right",
	    NULL };
	static const char *const others[] = { "error", "drop", "space",
	    NULL };
	const struct payroll_node *o;
	const char *s;
	int k;

	if ((o = payroll_conf_get(y, "align")) != NULL) {
		if ((k = one_of(o, "align", sides, "align is left or right",
		    d)) < 0)
			return PAYROLL_ERULES;
		f->right = k;
	}
	if ((o = payroll_conf_get(y, "fill")) != NULL) {
		if (payroll_conf_text(o, "fill", &s, d) != PAYROLL_OK)
			return PAYROLL_ERULES;
		if (strlen(s) != 1)
			return payroll_conf_error(d, o, "fill is one "
			    "character");
		f->fill = s[0];
	}
	if ((o = payroll_conf_get(y, "overflow")) != NULL) {
		if ((k = one_of(o, "overflow", ovs, "overflow is error, "
		    "truncate or keep_right", d)) < 0)
			return PAYROLL_ERULES;
		f->overflow = (enum payroll_overflow)k;
	}
	if ((o = payroll_conf_get(y, "upper")) != NULL) {
		if (payroll_conf_text(o, "upper", &s, d) != PAYROLL_OK)
			return PAYROLL_ERULES;
		f->upper = strcmp(s, "true") == 0;
	}
	if ((o = payroll_conf_get(y, "charset")) != NULL &&
	    (k = field_charset(f, o, charsets, d)) != PAYROLL_OK)
		return k;
	if ((o = payroll_conf_get(y, "other")) != NULL) {
		if ((k = one_of(o, "other", others, "'other' is error, drop "
		    "or space", d)) < 0)
			return PAYROLL_ERULES;
		f->other = (enum payroll_other)k;
	}
	return PAYROLL_OK;
}

int
payroll_field_compile(struct payroll_field *f, const struct payroll_node *y,
    const struct payroll_field_defaults *def,
    const struct payroll_node *charsets, struct payroll_diag *d)
{
	const struct payroll_node *o;
	long v;
	int st;

	memset(f, 0, sizeof(*f));
	f->node = y;
	f->total = payroll_dec_make(0, 2);
	if (y == NULL || y->type != PAYROLL_NODE_MAPPING)
		return payroll_conf_error(d, y, "a field is a mapping {name, "
		    "...}");
	if ((o = payroll_conf_get(y, "name")) == NULL &&
	    (o = payroll_conf_get(y, "element")) == NULL)
		return payroll_conf_error(d, y, "a field needs a 'name'");
	if (payroll_conf_text(o, "name", &f->name, d) != PAYROLL_OK)
		return PAYROLL_ERULES;
	if (field_place_keys(f, y, def, d) != PAYROLL_OK)
		return PAYROLL_ERULES;
	f->type = PAYROLL_FT_ALPHA;
	if ((o = payroll_conf_get(y, "type")) != NULL &&
	    field_type(f, o, d) != PAYROLL_OK)
		return PAYROLL_ERULES;
	f->right = f->type != PAYROLL_FT_ALPHA && f->type != PAYROLL_FT_DATE;
	f->fill = f->right ? '0' : ' ';
	f->blank_empty = def->blank_empty;
	f->overflow = f->type == PAYROLL_FT_ALPHA ?
	    (enum payroll_overflow)def->alpha_overflow : PAYROLL_OV_ERROR;
	f->upper = def->upper;
	f->collapse = def->collapse && f->type == PAYROLL_FT_ALPHA;
	if ((st = field_text_keys(f, y, charsets, d)) != PAYROLL_OK)
		return st;
	if ((o = payroll_conf_get(y, "slice")) != NULL) {
		if (o->type != PAYROLL_NODE_SEQUENCE || o->n != 2)
			return payroll_conf_error(d, o, "'slice' is [first, "
			    "length]");
		if (payroll_conf_long(o->kids[0], "slice", 1, 100000, &v, d) !=
		    PAYROLL_OK)
			return PAYROLL_ERULES;
		f->slice_from = (int)v;
		if (payroll_conf_long(o->kids[1], "slice", 1, 100000, &v, d) !=
		    PAYROLL_OK)
			return PAYROLL_ERULES;
		f->slice_len = (int)v;
	}
	if ((o = payroll_conf_get(y, "value")) != NULL) {
		if (payroll_conf_text(o, "value", &f->value, d) != PAYROLL_OK)
			return PAYROLL_ERULES;
		if (f->len > 0 && strlen(f->value) > (size_t)f->len)
			return payroll_conf_error(d, o, "value '%s' is longer "
			    "than the field", f->value);
	}
	return PAYROLL_OK;
}

void
payroll_field_free(struct payroll_field *f)
{
	free(f->owned[0]);
	free(f->owned[1]);
	f->owned[0] = f->owned[1] = NULL;
	f->charset = f->dropset = NULL;
}

/* ------------------------------------------------------------------ */
/* Transliteration                                                    */
/* ------------------------------------------------------------------ */

/* The length of the UTF-8 character at s (left bytes), 0 if invalid. */
static size_t
u8len(const unsigned char *s, size_t left)
{
	size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 :
	    (s[0] & 0xf0) == 0xe0 ? 3 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;

	if (n == 0 || n > left || !payroll_utf8_valid((const char *)s, n))
		return 0;
	return n;
}

static unsigned long
u8cp(const unsigned char *s, size_t n)
{
	static const unsigned char lead[5] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	unsigned long cp = s[0] & lead[n];
	size_t i;

	for (i = 1; i < n; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	return cp;
}

int
payroll_translit_load(struct payroll_translit *tl,
    const struct payroll_node *table, struct payroll_diag *d)
{
	size_t i, n = payroll_conf_len(table);
	const struct payroll_node *k, *v;

	memset(tl, 0, sizeof(*tl));
	if (table == NULL)
		return PAYROLL_OK;
	if (table->type != PAYROLL_NODE_MAPPING)
		return payroll_conf_error(d, table, "'transliterate' maps "
		    "characters to their replacements");
	if ((tl->from = calloc(n + 1, sizeof(char *))) == NULL ||
	    (tl->to = calloc(n + 1, sizeof(char *))) == NULL)
		return nomem(d);
	for (i = 0; i < n; i++) {
		k = payroll_conf_key(table, i);
		v = payroll_conf_value(table, i);
		if (k->len == 0 || u8len((const unsigned char *)k->val,
		    k->len) != k->len)
			return payroll_conf_error(d, k, "'%s': a key must be "
			    "one character", k->val);
		if (payroll_conf_text(v, k->val, &tl->to[i], d) != PAYROLL_OK)
			return PAYROLL_ERULES;
		tl->from[i] = k->val;
	}
	tl->n = n;
	return PAYROLL_OK;
}

void
payroll_translit_free(struct payroll_translit *tl)
{
	if (tl == NULL)
		return;
	free(tl->from);
	free(tl->to);
	if (tl->cd != NULL)
		iconv_close((iconv_t)tl->cd);
	memset(tl, 0, sizeof(*tl));
}

/* iconv's ASCII//TRANSLIT of one character into out (NUL-terminated);
 * 0, or -1 when it has none.  The conversion is the table's, opened on
 * first use (the library keeps no state of its own). */
static int
translit_iconv(struct payroll_translit *tl, const char *s, size_t n,
    char *out, size_t size)
{
	char *ip = (char *)s, *op = out;
	size_t il = n, ol = size - 1;
	iconv_t cd;

	if (tl->cd == NULL) {
		if ((cd = iconv_open("ASCII//TRANSLIT", "UTF-8")) ==
		    (iconv_t)-1)
			return -1;
		tl->cd = cd;
	}
	cd = (iconv_t)tl->cd;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0 ||
	    op == out || memchr(out, '?', (size_t)(op - out)) != NULL)
		return -1;
	*op = '\0';
	return 0;
}

/* ------------------------------------------------------------------ */
/* Shaping a value                                                    */
/* ------------------------------------------------------------------ */

struct shaped {
	char *p;
	size_t len, size;
	int full;
};

static void
put(struct shaped *t, char c)
{
	if (t->len + 1 >= t->size) {
		t->full = 1;
		return;
	}
	t->p[t->len++] = c;
}

/* One byte of a character's replacement into t, through the field's
 * case and set.  0, or -1 with why. */
static int
shape_byte(const struct payroll_field *f, struct shaped *t, unsigned char c,
    const char *shown, char *why, size_t wsize)
{
	if (f->type == PAYROLL_FT_DIGITS) {
		if (isdigit(c))
			put(t, (char)c);
		else if (c != '-' && c != ' ')
			goto notnum;
		return 0;
	}
	if (f->type == PAYROLL_FT_NUMERIC) {
		if (!isdigit(c))
			goto notnum;
		put(t, (char)c);
		return 0;
	}
	if (f->upper && c < 0x80)
		c = (unsigned char)toupper(c);
	if (f->dropset != NULL && c != '\0' && strchr(f->dropset, c) != NULL)
		return 0;
	if (c < 0x20 || c >= 0x7f || (f->charset != NULL &&
	    strchr(f->charset, c) == NULL)) {
		if (f->other == PAYROLL_CH_DROP)
			return 0;
		if (f->other == PAYROLL_CH_SPACE) {
			put(t, ' ');
			return 0;
		}
		snprintf(why, wsize, "character '%c' in '%s' is not allowed in "
		    "this field", c >= 0x20 && c < 0x7f ? c : '?', shown);
		return -1;
	}
	put(t, (char)c);
	return 0;
notnum:
	snprintf(why, wsize, "'%s' is not a number", shown);
	return -1;
}

/* Whether ASCII c stands for itself in field f. */
static int
carried(const struct payroll_field *f, unsigned char c)
{
	if (f->type == PAYROLL_FT_NUMERIC || f->type == PAYROLL_FT_DIGITS ||
	    f->charset == NULL)
		return 1;
	return strchr(f->charset, f->upper ? toupper(c) : c) != NULL;
}

/* The characters of s through the table, iconv, case and set. */
static int
shape_chars(const struct payroll_field *f, const struct payroll_translit *tl,
    const char *s, const char *shown, struct shaped *t, char *why,
    size_t wsize)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, k, n;
	char one[32];

	while (i < len) {
		const char *rep = NULL;

		if ((n = u8len(p + i, len - i)) == 0) {
			snprintf(why, wsize, "invalid UTF-8 at byte %zu",
			    i + 1);
			return -1;
		}
		/* ASCII the field carries stands for itself; the table is
		 * for the rest, and ASCII it lacks goes to the field's set
		 * ('other'). */
		one[0] = (char)p[i];
		one[1] = '\0';
		if (n == 1 && carried(f, p[i]))
			rep = one;
		for (k = 0; rep == NULL && tl != NULL && k < tl->n; k++)
			if (strlen(tl->from[k]) == n &&
			    memcmp(tl->from[k], p + i, n) == 0)
				rep = tl->to[k];
		if (rep == NULL && n == 1)
			rep = one;
		if (rep == NULL && tl != NULL && tl->iconv &&
		    translit_iconv((struct payroll_translit *)tl, (const char *)p + i, n, one,
		    sizeof(one)) == 0)
			rep = one;
		if (rep == NULL) {
			snprintf(why, wsize, "character '%.*s' (U+%04lX) in "
			    "'%s' cannot be written in this format and has no "
			    "transliteration", (int)n, (const char *)p + i,
			    u8cp(p + i, n), shown);
			return -1;
		}
		for (k = 0; rep[k] != '\0'; k++)
			if (shape_byte(f, t, (unsigned char)rep[k], shown, why,
			    wsize) != 0)
				return -1;
		i += n;
	}
	return 0;
}

/* Blanks collapsed, the slice taken. */
static void
shape_trim(const struct payroll_field *f, struct shaped *t)
{
	size_t i, j = 0, a;

	if (f->collapse) {
		for (i = 0; i < t->len; i++)
			if (t->p[i] != ' ' || (j > 0 && t->p[j - 1] != ' '))
				t->p[j++] = t->p[i];
		while (j > 0 && t->p[j - 1] == ' ')
			j--;
		t->len = j;
	}
	if (f->slice_from > 0) {
		a = (size_t)f->slice_from - 1;
		if (a >= t->len)
			t->len = 0;
		else {
			memmove(t->p, t->p + a, t->len - a);
			t->len -= a;
			if (t->len > (size_t)f->slice_len)
				t->len = (size_t)f->slice_len;
		}
	}
}

int
payroll_field_text(const struct payroll_field *f,
    const struct payroll_translit *tl, const char *s, const char *shown,
    char *out, size_t size, char *why, size_t wsize)
{
	struct shaped t = { out, 0, size, 0 };
	payroll_date dd;

	if (shown == NULL)
		shown = s;
	if (size == 0)
		return -1;
	out[0] = '\0';
	if (shape_chars(f, tl, s, shown, &t, why, wsize) != 0)
		return -1;
	shape_trim(f, &t);
	if (t.full) {
		snprintf(why, wsize, "'%s' is too long", shown);
		return -1;
	}
	out[t.len] = '\0';
	if (f->type == PAYROLL_FT_DATE && t.len > 0 &&
	    payroll_date_parse(out, t.len, &dd) != PAYROLL_OK) {
		snprintf(why, wsize, "'%s' is not a date (YYYY-MM-DD)", shown);
		return -1;
	}
	if (f->len > 0 && t.len > (size_t)f->len) {
		if (f->overflow == PAYROLL_OV_ERROR) {
			snprintf(why, wsize, "'%s' is longer than its %d "
			    "characters", shown, f->len);
			return -1;
		}
		if (f->overflow == PAYROLL_OV_KEEP_RIGHT)
			memmove(out, out + t.len - (size_t)f->len,
			    (size_t)f->len);
		out[f->len] = '\0';
	}
	return 0;
}

/* The amount as a message shows it: with places, or its own scale. */
static const char *
shown_amount(struct payroll_dec v, int places, char *buf, size_t size)
{
	payroll_dec_format(v, places, buf, size);
	return buf;
}

int
payroll_field_amount(const struct payroll_field *f, struct payroll_dec v,
    char *out, size_t size, char *why, size_t wsize)
{
	char shown[64];
	int64_t minor;
	int st, places = f->type == PAYROLL_FT_INTEGER ? 0 : 2;

	if ((st = payroll_dec_to_minor(v, places, &minor)) != PAYROLL_OK) {
		shown_amount(v, -1, shown, sizeof(shown));
		if (st == PAYROLL_EINVAL && places == 0)
			snprintf(why, wsize, "'%s' is not a whole number",
			    shown);
		else
			snprintf(why, wsize, "'%s': %s", shown,
			    st == PAYROLL_EINVAL ? "more than 2 decimal places" :
			    "too large");
		return -1;
	}
	if (places == 2 && (f->type == PAYROLL_FT_DECIMAL || f->len == 0))
		payroll_dec_format(v, 2, out, size);
	else
		snprintf(out, size, "%lld", (long long)minor);
	if (f->len == 0)
		return 0;
	if (minor < 0) {
		snprintf(why, wsize, "negative amount %s: the format has no "
		    "sign", shown_amount(v, places, shown, sizeof(shown)));
		return -1;
	}
	if (strlen(out) > (size_t)f->len) {
		snprintf(why, wsize, "amount %s does not fit in %d digits",
		    shown_amount(v, places, shown, sizeof(shown)), f->len);
		return -1;
	}
	return 0;
}

void
payroll_field_place(const struct payroll_field *f, char *rec,
    const char *text)
{
	size_t len = strlen(text), w = (size_t)f->len;
	char *p = rec + f->pos - 1;

	if (len > w)
		len = w;
	if (len == 0 && f->blank_empty) {
		memset(p, ' ', w);
		return;
	}
	memset(p, f->fill, w);
	memcpy(p + (f->right ? w - len : 0), text, len);
}

int
payroll_record_check(struct payroll_field *const *fields, size_t n,
    int reclen, int tile, const char *record, struct payroll_diag *d)
{
	char *cover;
	size_t i;
	int p, next = 1;

	if ((cover = calloc((size_t)reclen + 1, 1)) == NULL)
		return nomem(d);
	for (i = 0; i < n; i++) {
		const struct payroll_field *f = fields[i];

		if (tile && f->pos != next) {
			free(cover);
			return payroll_conf_error(d, f->node, "field '%s' "
			    "starts at %d: the fields must follow each other "
			    "from 1 with no gap or overlap (expected %d)",
			    f->name, f->pos, next);
		}
		next = f->pos + f->len;
		if (f->pos + f->len - 1 > reclen) {
			free(cover);
			return payroll_conf_error(d, f->node, "field '%s' ends "
			    "past the record length %d", f->name, reclen);
		}
		for (p = f->pos - 1; p < f->pos + f->len - 1; p++) {
			if (cover[p]) {
				free(cover);
				return payroll_conf_error(d, f->node, "field "
				    "'%s' overlaps another at position %d",
				    f->name, p + 1);
			}
			cover[p] = 1;
		}
	}
	free(cover);
	if (tile && n > 0 && next - 1 != reclen)
		return payroll_conf_error(d, fields[n - 1]->node, "the %s "
		    "fields end at %d, not at the record length %d", record,
		    next - 1, reclen);
	return PAYROLL_OK;
}

/* ------------------------------------------------------------------ */
/* Writing                                                            */
/* ------------------------------------------------------------------ */

int
payroll_fixed_record(struct payroll_fixed *o, const char *id,
    struct payroll_field **f, size_t n)
{
	struct payroll_frec *r;

	if ((r = realloc(o->rec, (o->nrec + 1) * sizeof(*r))) == NULL)
		return PAYROLL_ENOMEM;
	o->rec = r;
	r[o->nrec].id = id;
	r[o->nrec].f = f;
	r[o->nrec].n = n;
	o->nrec++;
	return PAYROLL_OK;
}

/* The record named by text s (n bytes), or -1. */
static long
rec_find(const struct payroll_fixed *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < o->nrec; i++)
		if (strlen(o->rec[i].id) == n && memcmp(o->rec[i].id, s, n) == 0)
			return (long)i;
	return -1;
}

/* The field of record r named s, or NULL. */
static const struct payroll_field *
rec_field(const struct payroll_fixed *o, size_t r, const char *s)
{
	size_t i;

	for (i = 0; i < o->rec[r].n; i++)
		if (strcmp(o->rec[r].f[i]->name, s) == 0)
			return o->rec[r].f[i];
	return NULL;
}

/* A tally's record (count: R, total: R.F, since: R): its index. */
static int
tally_rec(const struct payroll_fixed *o, const struct payroll_node *v,
    size_t n, long *r, struct payroll_diag *d)
{
	if ((*r = rec_find(o, v->val, n)) < 0)
		return payroll_conf_error(d, v, "no record '%.*s' in the "
		    "layout", (int)n, v->val);
	return PAYROLL_OK;
}

/* where: {FIELD: [VALUE, ...]} of the tally t's record. */
static int
tally_where(const struct payroll_fixed *o, struct payroll_tally *t,
    const struct payroll_node *w, struct payroll_diag *d)
{
	const struct payroll_field *f;
	const struct payroll_node *k;

	if (w->type != PAYROLL_NODE_MAPPING || w->n != 2 ||
	    w->kids[1]->type != PAYROLL_NODE_SEQUENCE)
		return payroll_conf_error(d, w, "'where' is {FIELD: [VALUE, "
		    "...]}");
	k = w->kids[0];
	if ((f = rec_field(o, t->of, k->val)) == NULL || f->len == 0)
		return payroll_conf_error(d, k, "record '%s' has no field "
		    "'%s'", o->rec[t->of].id, k->val);
	t->wpos = f->pos;
	t->wlen = f->len;
	t->win = w->kids[1];
	return PAYROLL_OK;
}

int
payroll_fixed_tally(struct payroll_fixed *o, const struct payroll_node *y,
    long *k, struct payroll_diag *d)
{
	const struct payroll_node *c = payroll_conf_get(y, "count");
	const struct payroll_node *t = payroll_conf_get(y, "total");
	const struct payroll_node *b = payroll_conf_get(y, "blocks");
	const struct payroll_node *v, *w;
	const struct payroll_field *f;
	struct payroll_tally tl, *nt;
	const char *dot;
	long r;

	*k = -1;
	if ((c != NULL) + (t != NULL) + (b != NULL) == 0)
		return PAYROLL_OK;
	if ((c != NULL) + (t != NULL) + (b != NULL) > 1)
		return payroll_conf_error(d, y, "a field has one of count, "
		    "total and blocks");
	memset(&tl, 0, sizeof(tl));
	tl.since = -1;
	v = c != NULL ? c : t != NULL ? t : b;
	if (v->type != PAYROLL_NODE_SCALAR)
		return payroll_conf_error(d, v, "a single value");
	if (b != NULL) {
		if (strcmp(v->val, "true") != 0)
			return payroll_conf_error(d, v, "'blocks' is true (the "
			    "file's blocks), not '%s'", v->val);
		tl.blocks = 1;
	} else if (c != NULL) {
		if (tally_rec(o, v, v->len, &r, d) != PAYROLL_OK)
			return PAYROLL_ERULES;
		tl.of = (size_t)r;
	} else {
		if ((dot = strchr(v->val, '.')) == NULL)
			return payroll_conf_error(d, v, "'total' is "
			    "RECORD.FIELD");
		if (tally_rec(o, v, (size_t)(dot - v->val), &r, d) !=
		    PAYROLL_OK)
			return PAYROLL_ERULES;
		tl.of = (size_t)r;
		if ((f = rec_field(o, tl.of, dot + 1)) == NULL || f->len == 0)
			return payroll_conf_error(d, v, "record '%s' has no "
			    "field '%s'", o->rec[r].id, dot + 1);
		if (f->type != PAYROLL_FT_NUMERIC &&
		    f->type != PAYROLL_FT_MONEY)
			return payroll_conf_error(d, v, "field '%s' is not "
			    "a number to total", dot + 1);
		tl.pos = f->pos;
		tl.len = f->len;
	}
	if ((w = payroll_conf_get(y, "since")) != NULL) {
		if (b != NULL || w->type != PAYROLL_NODE_SCALAR)
			return payroll_conf_error(d, w, "'since' is a record, "
			    "of a count or a total");
		if (tally_rec(o, w, w->len, &tl.since, d) != PAYROLL_OK)
			return PAYROLL_ERULES;
	}
	if ((w = payroll_conf_get(y, "where")) != NULL && (b != NULL ||
	    tally_where(o, &tl, w, d) != PAYROLL_OK))
		return b != NULL ? payroll_conf_error(d, w, "'where' goes "
		    "with a count or a total") : PAYROLL_ERULES;
	if ((nt = realloc(o->tally, (o->ntally + 1) * sizeof(*nt))) == NULL)
		return nomem(d);
	o->tally = nt;
	nt[o->ntally] = tl;
	*k = (long)o->ntally++;
	return PAYROLL_OK;
}

const char *
payroll_fixed_tally_text(const struct payroll_fixed *o, size_t k, char *buf,
    size_t size)
{
	u128 v = o->tally[k].blocks ?
	    payroll_fixed_blocks(o, 1) : o->tally[k].value;
	char tmp[48];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v > 0 && n < sizeof(tmp));
	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return buf;
}

/* Whether record rec's columns of the tally's 'where' hold one of its
 * values (blanks around them left out). */
static int
tally_matches(const struct payroll_tally *t, const char *rec)
{
	const char *a = rec + t->wpos - 1, *e = a + t->wlen;
	size_t i;

	if (t->wlen == 0)
		return 1;
	while (a < e && *a == ' ')
		a++;
	while (e > a && e[-1] == ' ')
		e--;
	for (i = 0; i < t->win->n; i++) {
		const struct payroll_node *v = t->win->kids[i];

		if (v->val != NULL && v->len == (size_t)(e - a) &&
		    memcmp(v->val, a, v->len) == 0)
			return 1;
	}
	return 0;
}

/* The tallies after record r (rec) is written. */
static int
tally_update(struct payroll_fixed *o, long r, const char *rec)
{
	const u128 lim = (u128)1 << 120;
	size_t k;
	int i;

	for (k = 0; k < o->ntally; k++) {
		struct payroll_tally *t = &o->tally[k];
		u128 v = 0;

		if (t->blocks)
			continue;
		if (t->since == r)
			t->value = 0;
		if ((long)t->of != r || !tally_matches(t, rec))
			continue;
		if (t->len == 0)
			v = 1;
		for (i = 0; i < t->len; i++) {
			char c = rec[t->pos - 1 + i];

			if (c >= '0' && c <= '9')
				v = v * 10 + (unsigned)(c - '0');
			else if (c != ' ')
				return PAYROLL_ERANGE;
		}
		if ((t->value += v) >= lim)
			return PAYROLL_ERANGE;
	}
	return PAYROLL_OK;
}

int
payroll_fixed_write(struct payroll_fixed *o, const char *id, const char *rec,
    struct payroll_field *const *fields, const struct payroll_dec *amounts,
    size_t n)
{
	size_t i;

	for (i = 0; amounts != NULL && i < n; i++)
		if (fields[i]->type == PAYROLL_FT_MONEY &&
		    payroll_dec_add(fields[i]->total, amounts[i],
		    &fields[i]->total) != PAYROLL_OK)
			return PAYROLL_ERANGE;
	if (id != NULL && o->ntally > 0 &&
	    tally_update(o, rec_find(o, id, strlen(id)), rec) != PAYROLL_OK)
		return PAYROLL_ERANGE;
	o->written++;
	if (o->fp == NULL)
		return PAYROLL_OK;
	if (fwrite(rec, 1, (size_t)o->reclen, o->fp) != (size_t)o->reclen ||
	    fputs(o->eol, o->fp) == EOF)
		return PAYROLL_EIO;
	return PAYROLL_OK;
}

void
payroll_fixed_free(struct payroll_fixed *o)
{
	free(o->rec);
	free(o->tally);
	o->rec = NULL;
	o->tally = NULL;
	o->nrec = o->ntally = 0;
}

unsigned long
payroll_fixed_blocks(const struct payroll_fixed *o, unsigned long more)
{
	unsigned long f = o->blocking > 0 ? (unsigned long)o->blocking : 1;

	return (o->written + more + f - 1) / f;
}

int
payroll_fixed_finish(struct payroll_fixed *o)
{
	char *line;
	int st = PAYROLL_OK;

	if (o->blocking <= 0 || o->written % (unsigned long)o->blocking == 0)
		return PAYROLL_OK;
	if ((line = malloc((size_t)o->reclen + 1)) == NULL)
		return PAYROLL_ENOMEM;
	memset(line, o->filler, (size_t)o->reclen);
	line[o->reclen] = '\0';
	while (st == PAYROLL_OK && o->written % (unsigned long)o->blocking != 0)
		st = payroll_fixed_write(o, NULL, line, NULL, NULL, 0);
	free(line);
	return st;
}

int
payroll_xml_escape(FILE *fp, const char *s, size_t n, int flags)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			putc('?', fp);
		else if (c == 0x7f)
			putc('?', fp);
		else if (c == 0xc2 && i + 1 < n &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			putc('?', fp);	/* C1 controls */
			i++;
		} else if (c == '&')
			fputs("&amp;", fp);
		else if (c == '<')
			fputs("&lt;", fp);
		else if (c == '>')
			fputs("&gt;", fp);
		else if (c == '"' && flags != 0)
			fputs("&quot;", fp);
		else if (c == '\'' && flags != 0)
			fputs("&#39;", fp);
		else
			putc(c, fp);
	}
	return ferror(fp) ? PAYROLL_EIO : PAYROLL_OK;
}
