/*
 * slip_text.c: a payslip as plain text (the payslip format): a table of
 * label, this period and year to date, laid out in columns of characters.
 */
#include "export.h"

/* A line of text being laid out in columns of characters (UTF-8). */
struct tline {
	char b[1024];
	size_t n;
};

static size_t
u8_chars(const char *s)
{
	size_t c = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			c++;
	return c;
}

/* Appends s in a field of width characters (cut to it), left or right
 * aligned; width 0: as it is. */
static void
tcell(struct tline *t, const char *s, size_t width, int right)
{
	size_t len = strlen(s), chars = u8_chars(s), pad = 0, i;

	if (width > 0 && chars > width) {
		/* The first width characters. */
		for (i = 0, chars = 0; i < len; i++)
			if (((unsigned char)s[i] & 0xc0) != 0x80 &&
			    chars++ == width)
				break;
		len = i;
		chars = width;
	}
	if (width > chars)
		pad = width - chars;
	if (t->n + len + pad + 1 >= sizeof(t->b))
		return;
	if (right) {
		memset(t->b + t->n, ' ', pad);
		t->n += pad;
	}
	memcpy(t->b + t->n, s, len);
	t->n += len;
	if (!right) {
		memset(t->b + t->n, ' ', pad);
		t->n += pad;
	}
}

/* Writes the line without trailing blanks, and starts the next. */
static void
tput(FILE *fp, struct tline *t)
{
	while (t->n > 0 && t->b[t->n - 1] == ' ')
		t->n--;
	fwrite(t->b, 1, t->n, fp);
	putc('\n', fp);
	t->n = 0;
}

/* A row of the table: label, this period, year to date. */
static void
trow(FILE *fp, struct tline *t, int indent, const char *lab, const char *a,
    const char *b)
{
	tcell(t, "", (size_t)indent, 0);
	tcell(t, lab, 46 - (size_t)indent, 0);
	tcell(t, " ", 0, 0);
	tcell(t, a, 15, 1);
	tcell(t, " ", 0, 0);
	tcell(t, b, 17, 1);
	tput(fp, t);
}

static void
upper(const char *s, char *buf, size_t size)
{
	size_t i;
	int note = 0;	/* a note in brackets keeps its case */

	/* ASCII and Latin-1 letters (a-z, U+00E0 to U+00FE but U+00F7);
	 * other scripts, and the sharp s, keep their case. */
	for (i = 0; s[i] != '\0' && i + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '(')
			note = 1;
		if (note)
			;
		else if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		else if (i > 0 && (unsigned char)s[i - 1] == 0xc3 &&
		    c >= 0xa0 && c <= 0xbe && c != 0xb7)
			c = (unsigned char)(c - 0x20);
		buf[i] = (char)c;
	}
	if (i > 0 && ((unsigned char)buf[i - 1] & 0xc0) == 0xc0)
		i--;	/* a sequence cut in two */
	buf[i] = '\0';
}

void
slip_text(FILE *fp, const struct row *r)
{
	static const int title[3] = { W_EARNINGS, W_DEDUCTIONS, W_EMPLOYER };
	static const int total[3] = { W_GROSS, W_TOTAL_DEDUCTIONS,
	    W_TOTAL_EMPLOYER };
	static const char rule[] = "==================================="
	    "=============================================";
	const struct slip *sl = &psl.slip;
	struct tline t;
	char a[64], b[64], h[200];
	const char *co = g.company_name != NULL ? g.company_name : "";
	size_t i, w;
	int s;

	t.n = 0;
	fprintf(fp, "%s\n", rule);
	upper(psl.w[W_PAYSLIP], h, sizeof(h));
	w = u8_chars(h);
	tcell(&t, h, 0, 0);
	tcell(&t, co, w < 79 ? 80 - w : 1, 1);
	tput(fp, &t);
	fprintf(fp, "%s\n", rule);
	/* The heads of the block, padded to the longest. */
	w = 0;
	for (i = 0; i < 6; i++) {
		static const int hw[6] = { W_EMPLOYEE, W_DEPARTMENT, W_PERIOD,
		    W_PAY_DATE, W_PAID_TO, W_CURRENCY };

		if (u8_chars(psl.w[hw[i]]) > w)
			w = u8_chars(psl.w[hw[i]]);
	}
	w += 2;
	tcell(&t, psl.w[W_EMPLOYEE], w, 0);
	tcell(&t, sl->id, 0, 0);
	tcell(&t, "  ", 0, 0);
	tcell(&t, sl->name, 0, 0);
	tput(fp, &t);
	if (sl->dept[0] != '\0') {
		tcell(&t, psl.w[W_DEPARTMENT], w, 0);
		tcell(&t, sl->dept, 0, 0);
		tput(fp, &t);
	}
	tcell(&t, psl.w[W_PERIOD], w, 0);
	tcell(&t, sl->period, 0, 0);
	tput(fp, &t);
	tcell(&t, psl.w[W_PAY_DATE], w, 0);
	tcell(&t, sl->paydate, 0, 0);
	tput(fp, &t);
	tcell(&t, psl.w[W_PAID_TO], w, 0);
	tcell(&t, sl->acct, 0, 0);
	tput(fp, &t);
	if (sl->currency[0] != '\0') {
		tcell(&t, psl.w[W_CURRENCY], w, 0);
		tcell(&t, sl->currency, 0, 0);
		tput(fp, &t);
	}
	for (s = 0; s < 3; s++) {
		tput(fp, &t);
		upper(psl.w[title[s]], h, sizeof(h));
		trow(fp, &t, 0, h, psl.w[W_THIS_PERIOD], sl->ytd ?
		    psl.w[W_YTD] : "");
		for (i = 0; i < sl->n[s]; i++) {
			const struct sline *ln = &sl->lines[s][i];

			trow(fp, &t, 2, ln->label, fmt_money(r->amt[ln->col],
			    a, sizeof(a)), sl->ytd ? (psl.yset[ln->col] ?
			    fmt_money(psl.yamt[ln->col], b, sizeof(b)) : "-") :
			    "");
			if (ln->hours[0] != '\0')
				trow(fp, &t, 4, ln->hours, "", "");
		}
		if (sl->n[s] == 0) {
			tcell(&t, "  ", 0, 0);
			tcell(&t, psl.w[W_NONE], 0, 0);
			tput(fp, &t);
		} else
			trow(fp, &t, 2, psl.w[total[s]], fmt_money(sl->tot[s],
			    a, sizeof(a)), sl->ytd ? fmt_money(sl->ytot[s], b,
			    sizeof(b)) : "");
		if (s == 0 && sl->total_hours[0] != '\0')
			trow(fp, &t, 2, psl.w[W_TOTAL_HOURS], sl->total_hours,
			    "");
		if (s == 1) {
			tput(fp, &t);
			upper(psl.w[W_NET], h, sizeof(h));
			if (sl->currency[0] != '\0')
				snprintf(h + strlen(h), sizeof(h) - strlen(h),
				    " (%s)", sl->currency);
			trow(fp, &t, 0, h, fmt_money(r->amt[g.net], a,
			    sizeof(a)), sl->ytd && psl.yset[g.net] ?
			    fmt_money(psl.yamt[g.net], b, sizeof(b)) : "");
		}
	}
	fprintf(fp, "%s\n", rule);
}
