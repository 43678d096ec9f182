/*
 * slip.c: a payslip's content (struct slip), built once from a results row
 * for each renderer: the pay lines of each section with their labels,
 * hours and year-to-date figures, the words, numbers and dates in the
 * payslip's language.
 */
#include "export.h"

int
ytd_for(const struct row *r)
{
	char id[256];

	if (psl.ycsv == NULL)
		return 0;
	snprintf(id, sizeof(id), "%.*s", (int)r->fl[F_ID], r->fx[F_ID]);
	if (psl.lastid[0] != '\0' && strcmp(id, psl.lastid) < 0)
		die(ST_DATA, "%s:%lu: employee_id '%s' comes after '%s': with "
		    "--ytd, results must be sorted by employee_id", r->file,
		    r->line, id, psl.lastid);
	snprintf(psl.lastid, sizeof(psl.lastid), "%s", id);
	while (psl.yhave && strcmp(psl.yidbuf, id) < 0)
		ytd_next();
	if (!psl.yhave || strcmp(psl.yidbuf, id) != 0) {
		row_error(r, "employee_id", "no row for '%s' in the YTD file "
		    "%s", id, psl.ypath);
		return -1;
	}
	if (strlen(psl.ylastpay) != r->fl[F_PAYDATE] || memcmp(psl.ylastpay,
	    r->fx[F_PAYDATE], r->fl[F_PAYDATE]) != 0) {
		row_error(r, "pay_date", "the YTD file %s has '%s' paid last "
		    "on %s: not the --ytd-out of this run", psl.ypath, id,
		    psl.ylastpay);
		return -1;
	}
	return 1;
}

/* Whether column j is shown: money of the section, not zero in both. */
static int
shown(const struct row *r, size_t j, enum payroll_kind k, int ytd)
{
	if (g.cols[j].kind != k && !(k == PAYROLL_K_DEDUCTION &&
	    g.cols[j].kind == PAYROLL_K_WITHHOLDING))
		return 0;
	return r->amt[j] != 0 || (ytd && psl.yset[j] && psl.yamt[j] != 0);
}

/* ------------------------------------------------------------------ */
/* Words and numbers in the payslip's language                        */
/* ------------------------------------------------------------------ */

/* Writes template t into buf with {k[i]} replaced by v[i]. */
void
tmpl(char *buf, size_t size, const char *t, size_t n,
    const char *const *k, const char *const *v)
{
	size_t o = 0, i, kl;
	const char *s = t;

	while (*s != '\0' && o + 1 < size) {
		if (*s == '{') {
			for (i = 0; i < n; i++) {
				kl = strlen(k[i]);
				if (strncmp(s + 1, k[i], kl) == 0 &&
				    s[1 + kl] == '}')
					break;
			}
			if (i < n) {
				o += (size_t)snprintf(buf + o, size - o, "%s",
				    v[i]);
				if (o >= size)
					o = size - 1;
				s += kl + 2;
				continue;
			}
		}
		buf[o++] = *s++;
	}
	buf[o] = '\0';
}

/* A plain decimal ("-1234.5") in the language's format, with at least
 * minplaces decimals ("-1.234,50"). */
static char *
fmt_dec(const char *s, size_t len, int minplaces, char *buf, size_t size)
{
	size_t i, intlen, o = 0, fl;
	const char *dot;
	int neg = len > 0 && s[0] == '-', places;

	if (neg) {
		s++;
		len--;
	}
	dot = memchr(s, '.', len);
	intlen = dot != NULL ? (size_t)(dot - s) : len;
	fl = dot != NULL ? len - intlen - 1 : 0;
	if (neg && o + 1 < size)
		buf[o++] = '-';
	for (i = 0; i < intlen && o + 1 < size; i++) {
		buf[o++] = s[i];
		if (i + 1 < intlen && (intlen - i - 1) % 3 == 0)
			o += (size_t)snprintf(buf + o, size - o, "%s", psl.grp);
		if (o >= size)
			o = size - 1;
	}
	places = (int)fl > minplaces ? (int)fl : minplaces;
	if (places > 0) {
		o += (size_t)snprintf(buf + o, size - o, "%s", psl.dec);
		for (i = 0; i < (size_t)places && o + 1 < size; i++)
			buf[o++] = i < fl ? dot[1 + i] : '0';
	}
	if (o >= size)
		o = size - 1;
	buf[o] = '\0';
	return buf;
}

/* Money in minor units, in the language's format. */
char *
fmt_money(int64_t v, char *buf, size_t size)
{
	char plain[48];

	fmt_minor(v, plain, sizeof(plain), 0);
	return fmt_dec(plain, strlen(plain), g.places, buf, size);
}

static char *
fmt_date(payroll_date d, char *buf, size_t size)
{
	static const char *const k[3] = { "y", "m", "d" };
	char iso[11], y[5], m[3], dd[3];
	const char *v[3] = { y, m, dd };

	date_str(d, iso);
	snprintf(y, sizeof(y), "%.4s", iso);
	snprintf(m, sizeof(m), "%.2s", iso + 5);
	snprintf(dd, sizeof(dd), "%.2s", iso + 8);
	tmpl(buf, size, psl.datefmt, 3, k, v);
	return buf;
}

/* s[0..len) with '?' for each control character. */
char *
clean(const char *s, size_t len, char *buf, size_t size)
{
	size_t i, k, o = 0;

	for (i = 0; i < len && o + 1 < size; i += k)
		if ((k = ctl_len(s + i, len - i, 0)) > 0)
			buf[o++] = '?';
		else {
			buf[o++] = s[i];
			k = 1;
		}
	/* Never a UTF-8 sequence cut in two. */
	while (o > 0 && i < len && ((unsigned char)buf[o - 1] & 0xc0) == 0x80)
		o--;
	if (o > 0 && i < len && ((unsigned char)buf[o - 1] & 0xc0) == 0xc0)
		o--;
	buf[o] = '\0';
	return buf;
}

/* The name of a pay line: the company's labels: map, the pack's label,
 * or the output's name in words. */
static void
slip_label(size_t j, char *buf, size_t size)
{
	const struct payroll_node *m;
	const char *s = NULL;
	char tmp[160];

	if (g.have_company && (m = ymap(&g.company, g.croot, "labels", 0)) !=
	    NULL)
		s = ystr(&g.company, m, g.cols[j].name, 0);
	/* The pack's label; without one the library gives the name, which
	 * is shown in words instead. */
	if (s == NULL && g.cols[j].rule >= 0 && strcmp(
	    payroll_rules_output_label(g.rules, (size_t)g.cols[j].rule),
	    g.cols[j].name) != 0)
		s = payroll_rules_output_label(g.rules, (size_t)g.cols[j].rule);
	if (s == NULL)
		s = label(g.cols[j].name, tmp, sizeof(tmp));
	clean(s, strlen(s), buf, size);
}

/* ------------------------------------------------------------------ */
/* A payslip's content                                                */
/* ------------------------------------------------------------------ */

/* The account a payment goes to, masked to its last four characters. */
static void
paid_to(const struct row *r, char *buf, size_t size)
{
	static const char *const k[2] = { "type", "account" };
	char m[128], t[64], mm[140];
	const char *v[2] = { t, mm };

	if (has(r, F_IBAN)) {
		mask(r->fx[F_IBAN], r->fl[F_IBAN], m, sizeof(m));
		snprintf(buf, size, "IBAN %s", m);
	} else if (has(r, F_ACCOUNT)) {
		mask(r->fx[F_ACCOUNT], r->fl[F_ACCOUNT], m, sizeof(m));
		snprintf(mm, sizeof(mm), "%s", m);
		clean(r->fx[F_ACCTYPE], r->fl[F_ACCTYPE], t, sizeof(t));
		tmpl(buf, size, psl.w[W_ACCOUNT], 2, k, v);
	} else
		snprintf(buf, size, "%s", psl.w[W_CHEQUE]);
}

/* A column's value as a number (0 when empty or not one). */
static int
col_dec(const struct row *r, int j, struct payroll_dec *d)
{
	if (j < 0 || r->rawl[j] == 0 ||
	    payroll_dec_parse(r->raw[j], r->rawl[j], d) != PAYROLL_OK)
		return -1;
	return 0;
}

/* An earning's hours and rate, in words ("" when it has no hours); the
 * hours are added to *sum, and *any becomes 1 when a line has hours, or
 * -1 (for good) when a paid line's hours are not known: then the total
 * of the hours worked is not known either. */
static void
hours_line(const struct row *r, size_t j, char *buf, size_t size,
    struct payroll_dec *sum, int *any)
{
	static const char *const k[2] = { "hours", "rate" };
	struct payroll_dec h, rt;
	char hb[48], rb[48];
	const char *v[2] = { hb, rb };

	buf[0] = '\0';
	if (psl.hcol[j] < 0)
		return;
	if (col_dec(r, psl.hcol[j], &h) != 0 || payroll_dec_sign(h) == 0) {
		/* Paid, but not by the hour (a salary): the hours worked
		 * are not known, so neither is their total. */
		if (r->amt[j] != 0)
			*any = -1;
		return;
	}
	if (payroll_dec_add(*sum, h, sum) != PAYROLL_OK)
		*any = -1;
	else if (*any == 0)
		*any = 1;	/* -1 stays: no total */
	fmt_dec(r->raw[psl.hcol[j]], r->rawl[psl.hcol[j]], 2, hb, sizeof(hb));
	if (col_dec(r, psl.rcol[j], &rt) == 0 && payroll_dec_sign(rt) != 0) {
		fmt_dec(r->raw[psl.rcol[j]], r->rawl[psl.rcol[j]], g.places, rb,
		    sizeof(rb));
		tmpl(buf, size, psl.w[W_HOURS_AT], 2, k, v);
	} else
		tmpl(buf, size, psl.w[W_HOURS], 1, k, v);
}

void
slip_build(const struct row *r, int ytd)
{
	static const enum payroll_kind sect[3] = { PAYROLL_K_EARNING,
	    PAYROLL_K_DEDUCTION, PAYROLL_K_EMPLOYER };
	static const char *const k[2] = { "from", "to" };
	struct slip *sl = &psl.slip;
	struct payroll_dec hsum = payroll_dec_make(0, 0);
	char a[40], b[40], first[150], last[150];
	const char *v[2] = { a, b };
	int anyh = 0, s;
	size_t j, nl = 0;

	clean(r->fx[F_ID], r->fl[F_ID], sl->id, sizeof(sl->id));
	clean(r->fx[F_FIRST], r->fl[F_FIRST], first, sizeof(first));
	clean(r->fx[F_LAST], r->fl[F_LAST], last, sizeof(last));
	snprintf(sl->name, sizeof(sl->name), "%s%s%s", first, *first &&
	    *last ? " " : "", last);
	clean(r->fx[F_DEPT], r->fl[F_DEPT], first, sizeof(first));
	clean(r->fx[F_JOB], r->fl[F_JOB], last, sizeof(last));
	snprintf(sl->dept, sizeof(sl->dept), "%s%s%s", first, *first &&
	    *last ? " / " : "", last);
	fmt_date(r->start, a, sizeof(a));
	fmt_date(r->end, b, sizeof(b));
	tmpl(sl->period, sizeof(sl->period), psl.w[W_PERIOD_RANGE], 2, k, v);
	fmt_date(r->pay, sl->paydate, sizeof(sl->paydate));
	paid_to(r, sl->acct, sizeof(sl->acct));
	snprintf(sl->currency, sizeof(sl->currency), "%s", psl.currency);
	sl->ytd = ytd;
	for (s = 0; s < 3; s++) {
		sl->lines[s] = psl.lines + nl;
		sl->n[s] = 0;
		sl->tot[s] = sl->ytot[s] = 0;
		for (j = 0; j < g.ncols; j++) {
			struct sline *ln;

			if (!shown(r, j, sect[s], ytd))
				continue;
			ln = &psl.lines[nl++];
			sl->n[s]++;
			ln->col = j;
			slip_label(j, ln->label, sizeof(ln->label));
			ln->hours[0] = '\0';
			if (s == 0)
				hours_line(r, j, ln->hours, sizeof(ln->hours),
				    &hsum, &anyh);
			sl->tot[s] += r->amt[j];
			if (ytd && psl.yset[j])
				sl->ytot[s] += psl.yamt[j];
		}
	}
	sl->tot[0] = r->amt[g.gross];
	sl->ytot[0] = psl.yset[g.gross] ? psl.yamt[g.gross] : 0;
	sl->total_hours[0] = '\0';
	if (anyh > 0) {
		payroll_dec_format(hsum, -1, a, sizeof(a));
		fmt_dec(a, strlen(a), 2, sl->total_hours,
		    sizeof(sl->total_hours));
	}
}
