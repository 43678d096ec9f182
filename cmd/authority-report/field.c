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

/* Characters outside ASCII: iconv's transliteration ("e" for "é"). */
static struct payroll_translit tl = { 0, NULL, NULL, 1, NULL };

/* Frees the conversion, if one was opened. */
void
translit_close(void)
{
	payroll_translit_free(&tl);
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
	/* Fixed-width filings: upper case, names cut to their field,
	 * a number with no value (a ZIP code extension) left blank. */
	struct payroll_field_defaults def = { fixed, fixed,
	    PAYROLL_OV_TRUNCATE, 1, 1 };
	struct payroll_diag d;
	const struct ynode *o;

	memset(f, 0, sizeof(*f));
	ykeys(y, keys, "a field");
	diag_ok(payroll_field_compile(&f->lf, y, &def, yget(run.layout,
	    "charsets"), &d), &d);
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
	src_compile(&f->src, y);
}

/* A money, decimal or integer field's value (v) into out. */
static int
format_number(const struct field *f, struct val *v, struct sbuf *out,
    int64_t *amount, int *empty, char *why, size_t wsize)
{
	struct payroll_field lf = f->lf;
	char num[64];

	if (v->type == V_TEXT) {
		const char *w;

		if (v->text[0] == '\0' && !f->required)
			v->amt = 0;
		else if (f->lf.type == PAYROLL_FT_INTEGER) {
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
	/* A count or a whole number is written as one, whatever the
	 * field. */
	if (lf.type == PAYROLL_FT_INTEGER || v->type == V_INT) {
		lf.type = PAYROLL_FT_INTEGER;
		if (payroll_field_amount(&lf, payroll_dec_make(v->amt, 0), num,
		    sizeof(num), why, wsize) != 0)
			return -1;
	} else if (payroll_field_amount(&lf, payroll_dec_make(v->amt, 2),
	    num, sizeof(num), why, wsize) != 0)
		return -1;
	sb_adds(out, num);
	return 0;
}

/* The checks of a shaped text value (t) the layout adds: required and
 * its patterns. */
static int
text_check(const struct field *f, const char *t, const char *text,
    const char *vt, char *why, size_t wsize)
{
	if (t[0] == '\0' && f->required && text[0] != '\0') {
		snprintf(why, wsize, "'%s' has nothing this format can carry",
		    vt);
		return -1;
	}
	if (t[0] != '\0' || f->required) {
		if (f->has_re && !re_match(&f->re, t)) {
			snprintf(why, wsize, "'%s' %s", vt, f->message ?
			    f->message : "does not have the form the format "
			    "requires");
			return -1;
		}
		if (f->has_notre && re_match(&f->notre, t)) {
			snprintf(why, wsize, "'%s' %s", vt, f->message ?
			    f->message : "is a value the format rejects");
			return -1;
		}
	}
	return 0;
}

/*
 * Formats a field's value into out, shaped by the layout engine but not
 * padded (payroll_field_place pads it into a fixed-width record).
 * Returns 0, or -1 with why.
 */
int
field_format(struct field *f, const struct ectx *x, struct sbuf *out,
    int64_t *amount, int *empty, char *why, size_t wsize)
{
	static char *t;
	static size_t tsize;
	struct val v;
	char vbuf[80];
	const char *vt;
	size_t need;

	*amount = 0;
	*empty = 0;
	sb_reset(out);
	if (src_eval(&f->src, x, &v, why, wsize) != 0)
		return -1;
	switch (f->lf.type) {
	case PAYROLL_FT_MONEY:
	case PAYROLL_FT_DECIMAL:
	case PAYROLL_FT_INTEGER:
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
	/* The shaped text: at most a few bytes a character (a
	 * transliteration); the buffer is kept from field to field. */
	if ((need = 8 * strlen(v.text) + 64) > tsize) {
		free(t);
		t = xcalloc(need, 1);
		tsize = need;
	}
	if (payroll_field_text(&f->lf, &tl, v.text, vt, t, tsize, why,
	    wsize) != 0 || text_check(f, t, v.text, vt, why, wsize) != 0)
		return -1;
	sb_adds(out, t);
	return 0;
}

/* Reports a data error for an employee (or the filing). */
void
report(const struct ectx *x, const char *rec, const struct field *f,
    const char *why)
{
	char where[80] = "", id[80];

	if (f != NULL && f->lf.len > 0)
		snprintf(where, sizeof(where), " (%s %d-%d)", rec, f->lf.pos,
		    f->lf.pos + f->lf.len - 1);
	if (x->e != NULL)
		warnx_("%s:%lu: employee '%s': field '%s'%s: %s", x->e->file,
		    x->e->line, show_value("employee_id", x->e->id,
		    strlen(x->e->id), id, sizeof(id)), f ? f->lf.name : "", where,
		    why);
	else
		warnx_("%s: field '%s'%s: %s", run.form, f ? f->lf.name : "",
		    where, why);
	run.errors++;
}
