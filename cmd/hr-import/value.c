/*
 * hr-import: values: a source value made into a canonical one (names split
 * into parts, decimals, dates, ids derived from the line, value maps).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hrimport.h"

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

	/*
	 * A '-' is kept; a '+' is dropped: the canonical form of a positive
	 * number has no sign (and a cell starting with '+' is a formula to
	 * a spreadsheet).
	 */
	if (i < len && s[i] == '-')
		sb_add(out, &s[i++], 1);
	else if (i < len && s[i] == '+' && i + 1 < len) {
		if (s[++i] == '-' || s[i] == '+')
			return -1;	/* "+-7" is not -7, nor "++7" 7 */
	}
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
int
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
