/*
 * authority-report: fields: a value formatted as the format wants it
 * (type, length, padding, character set, checks).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"

/*
 * 1 when s matches re, 0 when not; out of memory is not a "no" (glibc's
 * regexec says REG_NOMATCH for it, but leaves errno at ENOMEM).
 */
static int
re_match(const regex_t *re, const char *s)
{
	int rc;

	errno = 0;
	rc = regexec(re, s, 0, NULL, 0);
	if (rc == REG_ESPACE || (rc != 0 && errno == ENOMEM))
		die(ST_SYSTEM, "out of memory");
	return rc == 0;
}

/* Compiles the extended regular expression y (a layout's field check). */
static void
re_compile(regex_t *re, const struct ynode *y, const char *what)
{
	int rc = regcomp(re, yscalar(y, what), REG_EXTENDED | REG_NOSUB);

	if (rc == REG_ESPACE)
		die(ST_SYSTEM, "out of memory");
	if (rc != 0)
		yfail(y, "bad regular expression");
}

/*
 * Expands a charset ("A-Z0-9 -'") to the string of its characters: a
 * hyphen between two letters or digits is a range, any other stands for
 * itself.
 */
static const char *
charset_expand(const struct ynode *y)
{
	const char *s = yscalar(y, "a charset");
	char *t = xcalloc(257, 1), *p = t;
	int c, a, b;

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

void
field_compile(struct field *f, const struct ynode *y, int fixed)
{
	static const char *const keys[] = { "name", "pos", "len", "type",
	    "charset", "other", "upper", "required", "pattern", "reject",
	    "message", "omit", "optional", "map", "description", "const",
	    "employer", "column", "sum", "ytd", "before", "tagged",
	    "ytd_tagged", "before_tagged", "total", "count", "state",
	    "period", "param", "less", "employee", "flag", "slice", "attrs",
	    "line", "orig_sum", "orig_tagged", "local",
	    "children", "each", "when", "element", NULL };
	static const char *const types[] = { "alpha", "numeric", "money",
	    "digits", "decimal", "integer", "date", NULL };
	const struct ynode *o;
	const struct ynode *charsets = yget(run.layout, "charsets");
	size_t i;

	memset(f, 0, sizeof(*f));
	f->node = y;
	ykeys(y, keys, "a field");
	if ((o = yget(y, "name")) != NULL)
		f->name = yscalar(o, "name");
	else if ((o = yget(y, "element")) != NULL)
		f->name = yscalar(o, "element");
	else
		yfail(y, "a field needs a 'name'");
	if (fixed) {
		if ((o = yget(y, "pos")) == NULL || yget(y, "len") == NULL)
			yfail(y, "field '%s' needs 'pos' and 'len'", f->name);
		f->pos = (int)ylong(o, "pos", 1, 100000);
		f->len = (int)ylong(yget(y, "len"), "len", 1, 100000);
	}
	f->type = T_ALPHA;
	if ((o = yget(y, "type")) != NULL) {
		for (i = 0; types[i] != NULL; i++)
			if (strcmp(yscalar(o, "type"), types[i]) == 0)
				break;
		if (types[i] == NULL)
			yfail(o, "unknown type '%s' (alpha, numeric, money, "
			    "digits, decimal, integer, date)", o->val);
		f->type = (int)i;
	}
	f->upper = fixed;
	if ((o = yget(y, "upper")) != NULL)
		f->upper = strcmp(yscalar(o, "upper"), "true") == 0;
	if ((o = yget(y, "charset")) != NULL) {
		const struct ynode *cs = yget(charsets, yscalar(o,
		    "charset"));

		if (cs == NULL)
			yfail(o, "no charset '%s' in the layout's "
			    "'charsets'", o->val);
		if (cs->type == Y_MAP) {
			static const char *const ck[] = { "allow", "drop",
			    NULL };

			ykeys(cs, ck, "a charset");
			if (yget(cs, "allow") == NULL)
				yfail(cs, "a charset has 'allow'");
			f->charset = charset_expand(yget(cs, "allow"));
			if (yget(cs, "drop") != NULL)
				f->dropset = charset_expand(yget(cs, "drop"));
		} else
			f->charset = charset_expand(cs);
	}
	if ((o = yget(y, "other")) != NULL) {
		const char *v = yscalar(o, "other");

		if (strcmp(v, "error") == 0)
			f->other = CH_ERROR;
		else if (strcmp(v, "drop") == 0)
			f->other = CH_DROP;
		else if (strcmp(v, "space") == 0)
			f->other = CH_SPACE;
		else
			yfail(o, "'other' is error, drop or space");
	}
	if ((o = yget(y, "required")) != NULL)
		f->required = strcmp(yscalar(o, "required"), "true") == 0;
	if ((o = yget(y, "omit")) != NULL) {
		const char *v = yscalar(o, "omit");

		if (strcmp(v, "empty") == 0)
			f->omit = 1;
		else if (strcmp(v, "zero") == 0)
			f->omit = 2;
		else
			yfail(o, "'omit' is empty or zero");
	}
	if ((o = yget(y, "pattern")) != NULL) {
		re_compile(&f->re, o, "pattern");
		f->has_re = 1;
	}
	if ((o = yget(y, "reject")) != NULL) {
		re_compile(&f->notre, o, "reject");
		f->has_notre = 1;
	}
	if ((o = yget(y, "message")) != NULL)
		f->message = yscalar(o, "message");
	if ((o = yget(y, "slice")) != NULL) {
		if (o->type != Y_SEQ || o->n != 2)
			yfail(o, "'slice' is [first, length]");
		f->slice_from = (int)ylong(o->kids[0], "slice", 1, 100000);
		f->slice_len = (int)ylong(o->kids[1], "slice", 1, 100000);
	}
	src_compile(&f->src, y);
}

/* A money, decimal or integer field's value (v) into out. */
static int
format_number(const struct field *f, struct val *v, struct sbuf *out,
    int64_t *amount, int *empty, char *why, size_t wsize)
{
	char num[64];
	size_t i;

	if (v->type == V_TEXT) {
		const char *w;

		if (v->text[0] == '\0' && !f->required)
			v->amt = 0;
		else if (f->type == T_INTEGER) {
			char *end;
			long long ll;

			errno = 0;
			ll = strtoll(v->text, &end, 10);
			if (errno != 0 || *end != '\0' ||
			    end == v->text) {
				snprintf(why, wsize, "'%s' is not a "
				    "whole number", v->text);
				return -1;
			}
			v->amt = ll;
		} else if (cents_parse(v->text, strlen(v->text), &v->amt,
		    &w) != 0) {
			snprintf(why, wsize, "'%s': %s", v->text, w);
			return -1;
		}
		*empty = v->text[0] == '\0';
	}
	*amount = v->amt;
	if (f->type == T_INTEGER || v->type == V_INT)
		snprintf(num, sizeof(num), "%lld", (long long)v->amt);
	else if (f->type == T_DECIMAL || f->len == 0)
		cents_format(v->amt, num, sizeof(num));
	else {
		if (v->amt < 0) {
			cents_format(v->amt, num, sizeof(num));
			snprintf(why, wsize, "negative amount %s: the "
			    "format has no sign", num);
			return -1;
		}
		snprintf(num, sizeof(num), "%lld", (long long)v->amt);
	}
	if (f->len > 0) {
		if (num[0] == '-') {
			snprintf(why, wsize, "negative number %s: the "
			    "format has no sign", num);
			return -1;
		}
		if (strlen(num) > (size_t)f->len) {
			cents_format(v->amt, num, sizeof(num));
			snprintf(why, wsize, "amount %s does not fit "
			    "in %d digits", num, f->len);
			return -1;
		}
		for (i = strlen(num); i < (size_t)f->len; i++)
			sb_adds(out, "0");
	}
	sb_adds(out, num);
	return 0;
}

/*
 * The value (t, transliterated) in the field's character set, case and
 * slice.  Returns 0, or -1 with why (vt: the value as a message shows it).
 */
static int
text_charset(const struct field *f, struct sbuf *t, const char *vt,
    char *why, size_t wsize)
{
	size_t i, n;

	/* The character set, after transliteration and case. */
	for (i = 0, n = 0; i < t->len; i++) {
		unsigned char c = (unsigned char)t->p[i];

		if (f->type == T_DIGITS) {
			if (isdigit(c))
				t->p[n++] = (char)c;
			else if (c != '-' && c != ' ') {
				snprintf(why, wsize, "'%s' is not a number",
				    vt);
				return -1;
			}
			continue;
		}
		if (f->type == T_NUMERIC && !isdigit(c)) {
			snprintf(why, wsize, "'%s' is not a number", vt);
			return -1;
		}
		if (f->upper && c < 0x80)
			c = (unsigned char)toupper(c);
		if (f->dropset != NULL && strchr(f->dropset, c) != NULL)
			continue;
		if (c < 0x20 || c == 0x7f || (f->charset != NULL &&
		    strchr(f->charset, c) == NULL)) {
			if (f->other == CH_DROP)
				continue;
			if (f->other == CH_SPACE) {
				t->p[n++] = ' ';
				continue;
			}
			snprintf(why, wsize, "character '%c' in '%s' is not "
			    "allowed in this field", c >= 0x20 && c != 0x7f ?
			    c : '?', vt);
			return -1;
		}
		t->p[n++] = (char)c;
	}
	t->len = n;
	if (t->p != NULL)
		t->p[n] = '\0';
	else
		sb_adds(t, "");
	/* Collapse what dropping left: no leading or trailing spaces and no
	 * runs of spaces in alphabetic fields. */
	if (f->type == T_ALPHA) {
		size_t j = 0;

		for (i = 0; i < t->len; i++)
			if (t->p[i] != ' ' || (j > 0 && t->p[j - 1] != ' '))
				t->p[j++] = t->p[i];
		while (j > 0 && t->p[j - 1] == ' ')
			j--;
		t->len = j;
		t->p[j] = '\0';
	}
	if (f->slice_from > 0) {
		size_t a = (size_t)f->slice_from - 1;

		if (a >= t->len)
			t->len = 0;
		else {
			memmove(t->p, t->p + a, t->len - a);
			t->len -= a;
			if (t->len > (size_t)f->slice_len)
				t->len = (size_t)f->slice_len;
		}
		t->p[t->len] = '\0';
	}
	return 0;
}

/* The checks of a text value (t): required, pattern, date, length. */
static int
text_check(const struct field *f, struct sbuf *t, const char *text,
    const char *vt, char *why, size_t wsize)
{
	if (t->len == 0 && f->required && text[0] != '\0') {
		snprintf(why, wsize, "'%s' has nothing this format can carry",
		    vt);
		return -1;
	}
	if (t->len > 0 || f->required) {
		if (f->has_re && !re_match(&f->re, t->p)) {
			snprintf(why, wsize, "'%s' %s", vt, f->message ?
			    f->message : "does not have the form the format "
			    "requires");
			return -1;
		}
		if (f->has_notre && re_match(&f->notre, t->p)) {
			snprintf(why, wsize, "'%s' %s", vt, f->message ?
			    f->message : "is a value the format rejects");
			return -1;
		}
	}
	if (f->type == T_DATE && t->len > 0) {
		payroll_date dd;

		if (payroll_date_parse(t->p, t->len, &dd) != 0) {
			snprintf(why, wsize, "'%s' is not a date (YYYY-MM-DD)",
			    vt);
			return -1;
		}
	}
	if (f->len > 0 && t->len > (size_t)f->len) {
		if (f->type != T_ALPHA) {
			snprintf(why, wsize, "'%s' is longer than %d",
			    vt, f->len);
			return -1;
		}
		/* names and addresses truncate */
		t->len = (size_t)f->len;
		t->p[t->len] = '\0';
	}
	return 0;
}

/*
 * Formats a field's value into out (unpadded for free fields, padded to
 * len for fixed ones).  Returns 0, or -1 with why.
 */
int
field_format(struct field *f, const struct ectx *x, struct sbuf *out,
    int64_t *amount, int *empty, char *why, size_t wsize)
{
	struct val v;
	struct sbuf t = { 0 };
	char bad[8], vbuf[80];
	const char *vt;
	size_t i;
	int st = -1;

	*amount = 0;
	*empty = 0;
	sb_reset(out);
	if (src_eval(&f->src, x, &v, why, wsize) != 0)
		return -1;
	switch (f->type) {
	case T_MONEY:
	case T_DECIMAL:
	case T_INTEGER:
		return format_number(f, &v, out, amount, empty, why, wsize);
	default:
		break;
	}
	if (v.type != V_TEXT) {
		snprintf(v.buf, sizeof(v.buf), "%lld", (long long)v.amt);
		v.text = v.buf;
	}
	/* What a message shows of the value: a national id or a bank
	 * detail masked. */
	vt = f->src.kind == S_COLUMN ? show_value(f->src.arg, v.text,
	    strlen(v.text), vbuf, sizeof(vbuf)) : v.text;
	if (v.text[0] == '\0' && f->required) {
		if (f->src.kind == S_COLUMN)
			snprintf(why, wsize, "required, and column '%s' is "
			    "empty", f->src.arg);
		else
			snprintf(why, wsize, "required, and empty");
		return -1;
	}
	*empty = v.text[0] == '\0';
	if (translit(v.text, &t, bad, sizeof(bad)) != 0) {
		snprintf(why, wsize, "character '%s' in '%s' cannot be written "
		    "in this format and has no transliteration", bad, vt);
		goto done;
	}
	if (text_charset(f, &t, vt, why, wsize) != 0)
		goto done;
	if (text_check(f, &t, v.text, vt, why, wsize) != 0)
		goto done;
	/* A number with no value (a ZIP code extension) stays blank. */
	if (f->len > 0 && (f->type == T_NUMERIC || f->type == T_DIGITS) &&
	    t.len > 0)
		for (i = t.len; i < (size_t)f->len; i++)
			sb_adds(out, "0");
	sb_addn(out, t.p, t.len);
	if (f->len > 0 && (t.len == 0 || (f->type != T_NUMERIC &&
	    f->type != T_DIGITS)))
		for (i = t.len; i < (size_t)f->len; i++)
			sb_adds(out, " ");
	st = 0;
done:
	free(t.p);
	return st;
}

/* Reports a data error for an employee (or the filing). */
void
report(const struct ectx *x, const char *rec, const struct field *f,
    const char *why)
{
	char where[80] = "", id[80];

	if (f != NULL && f->len > 0)
		snprintf(where, sizeof(where), " (%s %d-%d)", rec, f->pos,
		    f->pos + f->len - 1);
	if (x->e != NULL)
		warnx_("%s:%lu: employee '%s': field '%s'%s: %s", x->e->file,
		    x->e->line, show_value("employee_id", x->e->id,
		    strlen(x->e->id), id, sizeof(id)), f ? f->name : "", where,
		    why);
	else
		warnx_("%s: field '%s'%s: %s", run.form, f ? f->name : "",
		    where, why);
	run.errors++;
}
