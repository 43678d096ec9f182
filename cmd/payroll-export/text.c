/*
 * text.c: money formatting, check digits and transliteration to a bank
 * format's character set.
 */
#include "export.h"

/* Formats minor units with g.places decimals ("-1234.50"). */
char *
fmt_minor(int64_t v, char *buf, size_t size, int group)
{
	char digits[32], tmp[48];
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int n = 0, places = g.places, i, j = 0, intlen;

	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0 || n <= places);
	/* digits[] holds the number backwards. */
	if (v < 0)
		tmp[j++] = '-';
	intlen = n - places;
	for (i = n - 1; i >= places; i--) {
		tmp[j++] = digits[i];
		if (group && i > places && (i - places) % 3 == 0)
			tmp[j++] = ',';
	}
	(void)intlen;
	if (places > 0) {
		tmp[j++] = '.';
		for (i = places - 1; i >= 0; i--)
			tmp[j++] = digits[i];
	}
	tmp[j] = '\0';
	snprintf(buf, size, "%s", tmp);
	return buf;
}

/* Parses an amount into minor units.  0, or -1 (not a plain decimal or
 * more places than the currency has). */
int
parse_minor(const char *s, size_t len, int64_t *out)
{
	struct payroll_dec d;

	if (len == 0 || payroll_dec_parse(s, len, &d) != PAYROLL_OK)
		return -1;
	return payroll_dec_to_minor(d, g.places, out) == PAYROLL_OK ? 0 : -1;
}

int
add_minor(int64_t *acc, int64_t v)
{
	return __builtin_add_overflow(*acc, v, acc) ? -1 : 0;
}

/* ABA routing number: nine digits, weights 3 7 1. */
int
aba_valid(const char *s, size_t len)
{
	static const int w[9] = { 3, 7, 1, 3, 7, 1, 3, 7, 1 };
	int i, sum = 0;

	if (len != 9)
		return 0;
	for (i = 0; i < 9; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += w[i] * (s[i] - '0');
	}
	return sum % 10 == 0;
}

/* ISO 9362 BIC: 4 institution, 2 country letters, 2 location, [3]. */
int
bic_valid(const char *s, size_t len)
{
	size_t i;

	if (len != 8 && len != 11)
		return 0;
	for (i = 0; i < len; i++) {
		int alnum = (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9');

		if (!alnum || ((i == 4 || i == 5) && !(s[i] >= 'A' &&
		    s[i] <= 'Z')))
			return 0;
	}
	return 1;
}

/*
 * Transliteration to a format's character set.  The table and the set
 * come from the format's YAML file (charset, upper_case, transliterate);
 * the layout engine (libpayroll/layout.c) applies them.
 */

/* The length of the UTF-8 character at s (left bytes), 0 if invalid. */
size_t
utf8_len(const unsigned char *s, size_t left)
{
	size_t n, i;

	if (s[0] < 0x80)
		n = 1;
	else if ((s[0] & 0xe0) == 0xc0)
		n = 2;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4;
	else
		return 0;
	if (n > left)
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

void
translit_load(struct translit *t, struct ydoc *y,
    const struct payroll_node *fmt)
{
	const struct payroll_node *k;
	struct payroll_diag d;
	const char *set;
	char *allowed;
	size_t i, j;

	memset(t, 0, sizeof(*t));
	set = ystr(y, fmt, "charset", 1);
	for (i = 0; set[i] != '\0'; i++)
		if ((unsigned char)set[i] >= 128)
			ydie(y, yget(y, fmt, "charset"), "'charset' must be "
			    "ASCII");
	if ((allowed = strdup(set)) == NULL)
		die(ST_SYSTEM, "out of memory");
	t->f.type = PAYROLL_FT_ALPHA;
	t->f.charset = allowed;
	t->f.collapse = 1;
	if ((k = yget(y, fmt, "upper_case")) != NULL)
		t->f.upper = strcmp(yscalar(y, k, "upper_case"), "true") == 0;
	diag_ok(payroll_translit_load(&t->tl, ymap(y, fmt, "transliterate", 0),
	    &d), &d);
	/* Every replacement in the set, so that a table's slip is found
	 * when the layout is read, not on some employee's name. */
	for (i = 0; i < t->tl.n; i++)
		for (j = 0; t->tl.to[i][j] != '\0'; j++) {
			int c = (unsigned char)t->tl.to[i][j];

			if (t->f.upper && c >= 'a' && c <= 'z')
				c = c - 'a' + 'A';
			if (c >= 128 || strchr(allowed, c) == NULL)
				ydie(y, payroll_conf_get(ymap(y, fmt,
				    "transliterate", 0), t->tl.from[i]),
				    "'%s': the replacement has '%c', which is "
				    "not in 'charset'", t->tl.from[i],
				    t->tl.to[i][j]);
		}
}

/*
 * Writes s (len bytes) in the format's characters into out
 * (NUL-terminated, at most max characters: longer text is cut, and *cut
 * set), with no leading, trailing or repeated blanks.  Returns 0, or -1
 * with why filled (a character the set cannot carry and the table does
 * not map).
 */
int
translit(const struct translit *t, const char *s, size_t len, size_t max,
    char *out, size_t size, int *cut, char *why, size_t whysize)
{
	char *in;
	size_t n;
	int st;

	*cut = 0;
	if ((in = strndup(s, len)) == NULL)
		die(ST_SYSTEM, "out of memory");
	st = payroll_field_text(&t->f, &t->tl, in, NULL, out, size, why,
	    whysize);
	free(in);
	if (st != 0)
		return -1;
	if ((n = strlen(out)) > max) {
		*cut = 1;
		n = max;
		while (n > 0 && out[n - 1] == ' ')
			n--;
		out[n] = '\0';
	}
	return 0;
}

/*
 * The length of the control character at s (n bytes left): 1 for C0 (but
 * TAB, LF and CR when keep_space) and DEL, 2 for C1 (U+0080 to U+009F
 * in UTF-8), 0 for anything else.  Control characters in a name (an
 * escape sequence, a backspace) are refused by the packs' checks; the
 * documents people read never show one (they print '?').
 */
size_t
ctl_len(const char *s, size_t n, int keep_space)
{
	unsigned char c = (unsigned char)s[0];

	if (c < 0x20)
		return keep_space && (c == '\t' || c == '\n' || c == '\r') ?
		    0 : 1;
	if (c == 0x7f)
		return 1;
	if (c == 0xc2 && n > 1 && (unsigned char)s[1] >= 0x80 &&
	    (unsigned char)s[1] <= 0x9f)
		return 2;
	return 0;
}

/* Writes s with XML's five special characters escaped, and '?' for the
 * control characters XML 1.0 does not allow (the layout engine's
 * escaping, libpayroll/layout.c; quotes escaped too, as HTML wants). */
void
xml_putn(FILE *fp, const char *s, size_t len)
{
	(void)payroll_xml_escape(fp, s, len, PAYROLL_XML_QUOTES);
}

void
xml_puts(FILE *fp, const char *s)
{
	xml_putn(fp, s, strlen(s));
}

/* Copies the whole of a spool file into fp. */
void
spool_copy(FILE *from, FILE *to)
{
	char buf[8192];
	size_t n;

	if (fflush(from) == EOF || fseek(from, 0, SEEK_SET) != 0)
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		if (fwrite(buf, 1, n, to) != n)
			die(ST_SYSTEM, "write error: %s", strerror(errno));
	if (ferror(from))
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
}
