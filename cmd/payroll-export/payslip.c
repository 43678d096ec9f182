/*
 * payslip.c: one payslip per employee, plain text, self-contained HTML or
 * PDF (pdf.c, through cairo); one file with them all, or (-o DIR) one
 * file per employee.  Year-to-date figures come from payroll-calc's
 * --ytd-out file (--ytd), merge-joined by employee_id.  The words, number
 * and date formats of each language come from rules/formats/payslip-*.yaml
 * (the company settings pick the language); the names of the pay lines
 * from the packs' output labels; an earning's hours and rate from the
 * info outputs its declaration names (hours:, rate:).
 */
#include "export.h"

/* The words of a payslip: keys of the language's 'words' map. */
enum {
	W_PAYSLIP, W_EMPLOYEE, W_EMPLOYEE_ID, W_DEPARTMENT, W_JOB_TITLE,
	W_PERIOD, W_PERIOD_RANGE, W_PAY_DATE, W_PAID_TO, W_ACCOUNT, W_CHEQUE,
	W_CURRENCY, W_EARNINGS, W_DEDUCTIONS, W_EMPLOYER, W_GROSS,
	W_TOTAL_DEDUCTIONS, W_TOTAL_EMPLOYER, W_NET, W_NET_YTD, W_THIS_PERIOD,
	W_YTD, W_NONE, W_HOURS_AT, W_HOURS, W_TOTAL_HOURS, NWORDS
};
static const char *const wordkeys[NWORDS + 1] = {
	"payslip", "employee", "employee_id", "department", "job_title",
	"period", "period_range", "pay_date", "paid_to", "account", "cheque",
	"currency", "earnings", "deductions", "employer", "gross",
	"total_deductions", "total_employer", "net", "net_ytd", "this_period",
	"ytd", "none", "hours_at", "hours", "total_hours", NULL
};

/* One line of a payslip's section. */
struct sline {
	size_t col;		/* in g.cols */
	char label[160];
	char hours[160];	/* "160.00 hours at 25.00", or "" */
};

/* A payslip, built once from a results row for each renderer. */
struct slip {
	char id[128], name[310], dept[310], period[80], paydate[40];
	char acct[200], currency[8];
	struct sline *lines[3];	/* earnings, deductions, employer */
	size_t n[3];
	int64_t tot[3], ytot[3];
	int ytd;
	char total_hours[48];	/* "" when no line has hours */
};

static struct {
	int html, pdf;
	int dir;		/* one file per employee */
	char *stage;		/* the staging folder inside the target */
	int stagefd;		/* open and locked while we live */
	/* the YTD file */
	FILE *yfp;
	struct payroll_csv *ycsv;
	const char *ypath;
	int *ycol;		/* per column: index in the YTD header */
	int yid, ylast;
	int yhave;
	char yidbuf[256];
	char ylastpay[16];
	int64_t *yamt;
	int *yset;
	unsigned long yline;
	char lastid[256];
	unsigned long nslips;
	/* the language */
	struct ydoc words;
	const char *w[NWORDS];
	const char *lang;
	const char *dec, *grp;	/* decimal mark, thousands separator */
	const char *datefmt;
	const char *paper;	/* a4 or letter */
	const char *currency;	/* ISO 4217 code, or "" */
	int *hcol, *rcol;	/* per column: its hours and rate columns */
	struct sline *lines;
	struct slip slip;
} ps;

static void
stage_cleanup(void)
{
	DIR *d;
	struct dirent *e;
	char p[4096];

	if (ps.stage == NULL)
		return;
	if ((d = opendir(ps.stage)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof(p), "%s/%s", ps.stage, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(ps.stage);
	free(ps.stage);
	ps.stage = NULL;
	if (ps.stagefd > 0)
		close(ps.stagefd);
	ps.stagefd = -1;
}

static void
ytd_next(void)
{
	struct payroll_diag diag;
	size_t j, len, n;
	const char *s;
	int st;

	ps.yhave = 0;
	payroll_diag_clear(&diag);
	st = payroll_csv_read(ps.ycsv, &diag);
	if (st == PAYROLL_EOF)
		return;
	if (st != PAYROLL_OK)
		die_diag(status_of(st), &diag);
	ps.yline = payroll_csv_line(ps.ycsv);
	n = payroll_csv_nfields(ps.ycsv);
	s = payroll_csv_field(ps.ycsv, (size_t)ps.yid, &len);
	if ((size_t)ps.yid >= n || len >= sizeof(ps.yidbuf))
		die(ST_DATA, "%s:%lu: bad row", ps.ypath, ps.yline);
	if (ps.yidbuf[0] != '\0' && strncmp(s, ps.yidbuf, len) < 0)
		die(ST_DATA, "%s:%lu: employee_id '%s' out of order: YTD files "
		    "are sorted by employee_id", ps.ypath, ps.yline, s);
	memcpy(ps.yidbuf, s, len);
	ps.yidbuf[len] = '\0';
	s = payroll_csv_field(ps.ycsv, (size_t)ps.ylast, &len);
	snprintf(ps.ylastpay, sizeof(ps.ylastpay), "%.*s", (int)len, s);
	for (j = 0; j < g.ncols; j++) {
		ps.yset[j] = 0;
		if (ps.ycol[j] < 0 || (size_t)ps.ycol[j] >= n)
			continue;
		s = payroll_csv_field(ps.ycsv, (size_t)ps.ycol[j], &len);
		if (len == 0)
			continue;
		if (parse_minor(s, len, &ps.yamt[j]) != 0)
			die(ST_DATA, "%s:%lu: field '%s': '%.*s' is not an "
			    "amount", ps.ypath, ps.yline, g.cols[j].name,
			    (int)len, s);
		ps.yset[j] = 1;
	}
	ps.yhave = 1;
}

static void
ytd_open(void)
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	size_t i, j, n;

	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	ps.ypath = g.ytdpath;
	ps.yfp = in_open(g.ytdpath);
	if (payroll_csv_open(ps.yfp, g.ytdpath, &opts, &ps.ycsv) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	if (payroll_csv_read(ps.ycsv, &diag) != PAYROLL_OK)
		die(ST_DATA, "%s: empty YTD file: no header", g.ytdpath);
	if ((ps.ycol = calloc(g.ncols, sizeof(int))) == NULL)
		die(ST_SYSTEM, "out of memory");
	ps.yid = ps.ylast = -1;
	n = payroll_csv_nfields(ps.ycsv);
	for (j = 0; j < g.ncols; j++)
		ps.ycol[j] = -1;
	for (i = 0; i < n; i++) {
		const char *nm = payroll_csv_field(ps.ycsv, i, NULL);

		if (strcmp(nm, "employee_id") == 0)
			ps.yid = (int)i;
		else if (strcmp(nm, "last_pay_date") == 0)
			ps.ylast = (int)i;
		for (j = 0; j < g.ncols; j++)
			if (strcmp(nm, g.cols[j].name) == 0)
				ps.ycol[j] = (int)i;
	}
	if (ps.yid < 0 || ps.ylast < 0)
		die(ST_DATA, "%s:1: no column 'employee_id' or "
		    "'last_pay_date': not a payroll-calc --ytd-out file",
		    g.ytdpath);
	ytd_next();
}

static const char slip_css[] =
"<style>\n"
"body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#1d2733;"
"background:#eef1f4;margin:0;padding:24px}\n"
".slip{background:#fff;max-width:760px;margin:0 auto 32px;padding:28px 32px;"
"border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.15);"
"page-break-after:always}\n"
".head{display:flex;justify-content:space-between;align-items:baseline;"
"border-bottom:3px solid #2b5d8a;padding-bottom:8px}\n"
".head h1{font-size:22px;margin:0;color:#2b5d8a;letter-spacing:.04em}\n"
".head .co{font-size:15px;font-weight:bold}\n"
".who{display:grid;grid-template-columns:1fr 1fr;gap:2px 24px;margin:14px 0;"
"font-size:14px}\n"
".who dl{display:grid;grid-template-columns:110px 1fr;margin:0}\n"
".who dt{color:#5b6b7b}\n"
".who dd{margin:0 0 4px 0}\n"
"table{width:100%;border-collapse:collapse;font-size:14px;margin-top:14px;"
"table-layout:fixed}\n"
"th:first-child{width:56%}\n"
"th{text-align:left;background:#f1f4f7;color:#2b5d8a;padding:6px 8px;"
"font-size:12px;text-transform:uppercase;letter-spacing:.05em}\n"
"th.n,td.n{text-align:right;font-variant-numeric:tabular-nums;"
"white-space:nowrap}\n"
"td{padding:4px 8px;border-bottom:1px solid #eceff2}\n"
"tr.sum td{font-weight:bold;border-top:1px solid #9aa8b5}\n"
".net{display:flex;justify-content:space-between;align-items:center;"
"margin-top:18px;padding:12px 16px;background:#2b5d8a;color:#fff;"
"border-radius:4px;font-size:18px}\n"
".net b{font-size:24px}\n"
".note{font-size:12px;color:#5b6b7b;margin-top:12px}\n"
".hr{font-size:12px;color:#5b6b7b}\n"
"@media print{body{background:#fff;padding:0}.slip{box-shadow:none}}\n"
"</style>\n";

static void
html_putn(FILE *fp, const char *s, size_t len)
{
	xml_putn(fp, s, len);
}

static int
ytd_for(const struct row *r)
{
	char id[256];

	if (ps.ycsv == NULL)
		return 0;
	snprintf(id, sizeof(id), "%.*s", (int)r->fl[F_ID], r->fx[F_ID]);
	if (ps.lastid[0] != '\0' && strcmp(id, ps.lastid) < 0)
		die(ST_DATA, "%s:%lu: employee_id '%s' comes after '%s': with "
		    "--ytd, results must be sorted by employee_id", r->file,
		    r->line, id, ps.lastid);
	snprintf(ps.lastid, sizeof(ps.lastid), "%s", id);
	while (ps.yhave && strcmp(ps.yidbuf, id) < 0)
		ytd_next();
	if (!ps.yhave || strcmp(ps.yidbuf, id) != 0) {
		row_error(r, "employee_id", "no row for '%s' in the YTD file "
		    "%s", id, ps.ypath);
		return -1;
	}
	if (strlen(ps.ylastpay) != r->fl[F_PAYDATE] || memcmp(ps.ylastpay,
	    r->fx[F_PAYDATE], r->fl[F_PAYDATE]) != 0) {
		row_error(r, "pay_date", "the YTD file %s has '%s' paid last "
		    "on %s: not the --ytd-out of this run", ps.ypath, id,
		    ps.ylastpay);
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
	return r->amt[j] != 0 || (ytd && ps.yset[j] && ps.yamt[j] != 0);
}

/* ------------------------------------------------------------------ */
/* Words and numbers in the payslip's language                        */
/* ------------------------------------------------------------------ */

/* Writes template t into buf with {k[i]} replaced by v[i]. */
static void
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
			o += (size_t)snprintf(buf + o, size - o, "%s", ps.grp);
		if (o >= size)
			o = size - 1;
	}
	places = (int)fl > minplaces ? (int)fl : minplaces;
	if (places > 0) {
		o += (size_t)snprintf(buf + o, size - o, "%s", ps.dec);
		for (i = 0; i < (size_t)places && o + 1 < size; i++)
			buf[o++] = i < fl ? dot[1 + i] : '0';
	}
	if (o >= size)
		o = size - 1;
	buf[o] = '\0';
	return buf;
}

/* Money in minor units, in the language's format. */
static char *
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
	tmpl(buf, size, ps.datefmt, 3, k, v);
	return buf;
}

/* s[0..len) with '?' for each control character. */
static char *
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
		tmpl(buf, size, ps.w[W_ACCOUNT], 2, k, v);
	} else
		snprintf(buf, size, "%s", ps.w[W_CHEQUE]);
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
	if (ps.hcol[j] < 0)
		return;
	if (col_dec(r, ps.hcol[j], &h) != 0 || payroll_dec_sign(h) == 0) {
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
	fmt_dec(r->raw[ps.hcol[j]], r->rawl[ps.hcol[j]], 2, hb, sizeof(hb));
	if (col_dec(r, ps.rcol[j], &rt) == 0 && payroll_dec_sign(rt) != 0) {
		fmt_dec(r->raw[ps.rcol[j]], r->rawl[ps.rcol[j]], g.places, rb,
		    sizeof(rb));
		tmpl(buf, size, ps.w[W_HOURS_AT], 2, k, v);
	} else
		tmpl(buf, size, ps.w[W_HOURS], 1, k, v);
}

static void
slip_build(const struct row *r, int ytd)
{
	static const enum payroll_kind sect[3] = { PAYROLL_K_EARNING,
	    PAYROLL_K_DEDUCTION, PAYROLL_K_EMPLOYER };
	static const char *const k[2] = { "from", "to" };
	struct slip *sl = &ps.slip;
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
	tmpl(sl->period, sizeof(sl->period), ps.w[W_PERIOD_RANGE], 2, k, v);
	fmt_date(r->pay, sl->paydate, sizeof(sl->paydate));
	paid_to(r, sl->acct, sizeof(sl->acct));
	snprintf(sl->currency, sizeof(sl->currency), "%s", ps.currency);
	sl->ytd = ytd;
	for (s = 0; s < 3; s++) {
		sl->lines[s] = ps.lines + nl;
		sl->n[s] = 0;
		sl->tot[s] = sl->ytot[s] = 0;
		for (j = 0; j < g.ncols; j++) {
			struct sline *ln;

			if (!shown(r, j, sect[s], ytd))
				continue;
			ln = &ps.lines[nl++];
			sl->n[s]++;
			ln->col = j;
			slip_label(j, ln->label, sizeof(ln->label));
			ln->hours[0] = '\0';
			if (s == 0)
				hours_line(r, j, ln->hours, sizeof(ln->hours),
				    &hsum, &anyh);
			sl->tot[s] += r->amt[j];
			if (ytd && ps.yset[j])
				sl->ytot[s] += ps.yamt[j];
		}
	}
	sl->tot[0] = r->amt[g.gross];
	sl->ytot[0] = ps.yset[g.gross] ? ps.yamt[g.gross] : 0;
	sl->total_hours[0] = '\0';
	if (anyh > 0) {
		payroll_dec_format(hsum, -1, a, sizeof(a));
		fmt_dec(a, strlen(a), 2, sl->total_hours,
		    sizeof(sl->total_hours));
	}
}

/* ------------------------------------------------------------------ */
/* Plain text                                                         */
/* ------------------------------------------------------------------ */

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

void
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

static void
slip_text(FILE *fp, const struct row *r)
{
	static const int title[3] = { W_EARNINGS, W_DEDUCTIONS, W_EMPLOYER };
	static const int total[3] = { W_GROSS, W_TOTAL_DEDUCTIONS,
	    W_TOTAL_EMPLOYER };
	static const char rule[] = "==================================="
	    "=============================================";
	const struct slip *sl = &ps.slip;
	struct tline t;
	char a[64], b[64], h[200];
	const char *co = g.company_name != NULL ? g.company_name : "";
	size_t i, w;
	int s;

	t.n = 0;
	fprintf(fp, "%s\n", rule);
	upper(ps.w[W_PAYSLIP], h, sizeof(h));
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

		if (u8_chars(ps.w[hw[i]]) > w)
			w = u8_chars(ps.w[hw[i]]);
	}
	w += 2;
	tcell(&t, ps.w[W_EMPLOYEE], w, 0);
	tcell(&t, sl->id, 0, 0);
	tcell(&t, "  ", 0, 0);
	tcell(&t, sl->name, 0, 0);
	tput(fp, &t);
	if (sl->dept[0] != '\0') {
		tcell(&t, ps.w[W_DEPARTMENT], w, 0);
		tcell(&t, sl->dept, 0, 0);
		tput(fp, &t);
	}
	tcell(&t, ps.w[W_PERIOD], w, 0);
	tcell(&t, sl->period, 0, 0);
	tput(fp, &t);
	tcell(&t, ps.w[W_PAY_DATE], w, 0);
	tcell(&t, sl->paydate, 0, 0);
	tput(fp, &t);
	tcell(&t, ps.w[W_PAID_TO], w, 0);
	tcell(&t, sl->acct, 0, 0);
	tput(fp, &t);
	if (sl->currency[0] != '\0') {
		tcell(&t, ps.w[W_CURRENCY], w, 0);
		tcell(&t, sl->currency, 0, 0);
		tput(fp, &t);
	}
	for (s = 0; s < 3; s++) {
		tput(fp, &t);
		upper(ps.w[title[s]], h, sizeof(h));
		trow(fp, &t, 0, h, ps.w[W_THIS_PERIOD], sl->ytd ?
		    ps.w[W_YTD] : "");
		for (i = 0; i < sl->n[s]; i++) {
			const struct sline *ln = &sl->lines[s][i];

			trow(fp, &t, 2, ln->label, fmt_money(r->amt[ln->col],
			    a, sizeof(a)), sl->ytd ? (ps.yset[ln->col] ?
			    fmt_money(ps.yamt[ln->col], b, sizeof(b)) : "-") :
			    "");
			if (ln->hours[0] != '\0')
				trow(fp, &t, 4, ln->hours, "", "");
		}
		if (sl->n[s] == 0) {
			tcell(&t, "  ", 0, 0);
			tcell(&t, ps.w[W_NONE], 0, 0);
			tput(fp, &t);
		} else
			trow(fp, &t, 2, ps.w[total[s]], fmt_money(sl->tot[s],
			    a, sizeof(a)), sl->ytd ? fmt_money(sl->ytot[s], b,
			    sizeof(b)) : "");
		if (s == 0 && sl->total_hours[0] != '\0')
			trow(fp, &t, 2, ps.w[W_TOTAL_HOURS], sl->total_hours,
			    "");
		if (s == 1) {
			tput(fp, &t);
			upper(ps.w[W_NET], h, sizeof(h));
			if (sl->currency[0] != '\0')
				snprintf(h + strlen(h), sizeof(h) - strlen(h),
				    " (%s)", sl->currency);
			trow(fp, &t, 0, h, fmt_money(r->amt[g.net], a,
			    sizeof(a)), sl->ytd && ps.yset[g.net] ?
			    fmt_money(ps.yamt[g.net], b, sizeof(b)) : "");
		}
	}
	fprintf(fp, "%s\n", rule);
}

/* ------------------------------------------------------------------ */
/* HTML                                                               */
/* ------------------------------------------------------------------ */

static void
html_money_cells(FILE *fp, int64_t v, int ytd, int yset, int64_t yv)
{
	char a[64];

	fputs("<td class=\"n\">", fp);
	xml_puts(fp, fmt_money(v, a, sizeof(a)));
	fputs("</td>", fp);
	if (ytd) {
		fputs("<td class=\"n\">", fp);
		if (yset)
			xml_puts(fp, fmt_money(yv, a, sizeof(a)));
		else
			fputs("&ndash;", fp);
		fputs("</td>", fp);
	}
}

/* A <dt>word</dt><dd>value</dd> pair. */
static void
html_dd(FILE *fp, int word, const char *v)
{
	fputs("<dt>", fp);
	xml_puts(fp, ps.w[word]);
	fputs("</dt><dd>", fp);
	xml_puts(fp, v);
	fputs("</dd>", fp);
}

static void
slip_html(FILE *fp, const struct row *r)
{
	static const int title[3] = { W_EARNINGS, W_DEDUCTIONS, W_EMPLOYER };
	static const int total[3] = { W_GROSS, W_TOTAL_DEDUCTIONS,
	    W_TOTAL_EMPLOYER };
	static const char *const k[1] = { "amount" };
	const struct slip *sl = &ps.slip;
	char a[64], b[200], dep[150], job[150];
	const char *v[1] = { a };
	int s;
	size_t i;

	fputs("<section class=\"slip\">\n<div class=\"head\"><h1>", fp);
	xml_puts(fp, ps.w[W_PAYSLIP]);
	fputs("</h1><span class=\"co\">", fp);
	xml_puts(fp, g.company_name != NULL ? g.company_name : "");
	fputs("</span></div>\n<div class=\"who\">\n<dl>", fp);
	html_dd(fp, W_EMPLOYEE, sl->name);
	html_dd(fp, W_EMPLOYEE_ID, sl->id);
	html_dd(fp, W_DEPARTMENT, clean(r->fx[F_DEPT], r->fl[F_DEPT], dep,
	    sizeof(dep)));
	html_dd(fp, W_JOB_TITLE, clean(r->fx[F_JOB], r->fl[F_JOB], job,
	    sizeof(job)));
	fputs("</dl>\n<dl>", fp);
	html_dd(fp, W_PERIOD, sl->period);
	html_dd(fp, W_PAY_DATE, sl->paydate);
	html_dd(fp, W_PAID_TO, sl->acct);
	if (sl->currency[0] != '\0')
		html_dd(fp, W_CURRENCY, sl->currency);
	fputs("</dl>\n</div>\n", fp);
	for (s = 0; s < 3; s++) {
		fputs("<table>\n<tr><th>", fp);
		xml_puts(fp, ps.w[title[s]]);
		fputs("</th><th class=\"n\">", fp);
		xml_puts(fp, ps.w[W_THIS_PERIOD]);
		fputs("</th>", fp);
		if (sl->ytd) {
			fputs("<th class=\"n\">", fp);
			xml_puts(fp, ps.w[W_YTD]);
			fputs("</th>", fp);
		}
		fputs("</tr>\n", fp);
		for (i = 0; i < sl->n[s]; i++) {
			const struct sline *ln = &sl->lines[s][i];

			fputs("<tr><td>", fp);
			xml_puts(fp, ln->label);
			if (ln->hours[0] != '\0') {
				fputs("<div class=\"hr\">", fp);
				xml_puts(fp, ln->hours);
				fputs("</div>", fp);
			}
			fputs("</td>", fp);
			html_money_cells(fp, r->amt[ln->col], sl->ytd,
			    ps.yset[ln->col], ps.yamt[ln->col]);
			fputs("</tr>\n", fp);
		}
		if (sl->n[s] == 0) {
			fprintf(fp, "<tr><td colspan=\"%d\">", sl->ytd ? 3 : 2);
			xml_puts(fp, ps.w[W_NONE]);
			fputs("</td></tr>\n", fp);
		} else {
			fputs("<tr class=\"sum\"><td>", fp);
			xml_puts(fp, ps.w[total[s]]);
			fputs("</td>", fp);
			html_money_cells(fp, sl->tot[s], sl->ytd, 1,
			    sl->ytot[s]);
			fputs("</tr>\n", fp);
		}
		if (s == 0 && sl->total_hours[0] != '\0') {
			fputs("<tr><td>", fp);
			xml_puts(fp, ps.w[W_TOTAL_HOURS]);
			fputs("</td><td class=\"n\">", fp);
			xml_puts(fp, sl->total_hours);
			fprintf(fp, "</td>%s</tr>\n", sl->ytd ? "<td></td>" :
			    "");
		}
		fputs("</table>\n", fp);
		if (s == 1) {
			fputs("<div class=\"net\"><span>", fp);
			xml_puts(fp, ps.w[W_NET]);
			fputs("</span><b>", fp);
			if (sl->currency[0] != '\0') {
				xml_puts(fp, sl->currency);
				fputc(' ', fp);
			}
			xml_puts(fp, fmt_money(r->amt[g.net], a, sizeof(a)));
			fputs("</b></div>\n", fp);
			if (sl->ytd && ps.yset[g.net]) {
				fmt_money(ps.yamt[g.net], a, sizeof(a));
				tmpl(b, sizeof(b), ps.w[W_NET_YTD], 1, k, v);
				fputs("<p class=\"note\">", fp);
				xml_puts(fp, b);
				fputs("</p>\n", fp);
			}
		}
	}
	fputs("</section>\n", fp);
}



/* The language's words, number and date format and paper; the company's
 * settings pick the language and may set their own number format. */
static void
words_load(void)
{
	static const char *const top[] = { "format", "from", "source",
	    "default_language", "languages", NULL };
	static const char *const lkeys[] = { "decimal", "group", "date",
	    "paper", "words", NULL };
	const struct payroll_node *root, *langs, *l, *w, *c = NULL, *nf;
	size_t i;

	layout_pick("payslip", &ps.words);
	root = yroot(&ps.words);
	ykeys(&ps.words, root, top);
	if (strcmp(ystr(&ps.words, root, "format", 1), "payslip") != 0)
		ydie(&ps.words, root, "not the payslip words (format: payslip)");
	langs = ymap(&ps.words, root, "languages", 1);
	ps.lang = ystr(&ps.words, root, "default_language", 1);
	if (g.have_company) {
		c = ymap(&g.company, g.croot, "company", 1);
		if (ystr(&g.company, c, "language", 0) != NULL)
			ps.lang = ystr(&g.company, c, "language", 0);
	}
	if ((l = yget(&ps.words, langs, ps.lang)) == NULL) {
		if (c != NULL && ystr(&g.company, c, "language", 0) != NULL)
			ydie(&g.company, yget(&g.company, c, "language"),
			    "no payslip words for the language '%s' in %s",
			    ps.lang, ps.words.path);
		ydie(&ps.words, root, "no language '%s'", ps.lang);
	}
	if (l->type != PAYROLL_NODE_MAPPING)
		ydie(&ps.words, l, "a language is a mapping");
	ykeys(&ps.words, l, lkeys);
	w = ymap(&ps.words, l, "words", 1);
	ykeys(&ps.words, w, wordkeys);
	for (i = 0; i < NWORDS; i++)
		ps.w[i] = ystr(&ps.words, w, wordkeys[i], 1);
	ps.dec = ystr(&ps.words, l, "decimal", 1);
	ps.grp = ystr(&ps.words, l, "group", 1);
	ps.datefmt = ystr(&ps.words, l, "date", 1);
	ps.paper = ystr(&ps.words, l, "paper", 1);
	if (c != NULL && (nf = ymap(&g.company, c, "number_format", 0)) !=
	    NULL) {
		static const char *const nkeys[] = { "decimal", "group",
		    NULL };

		ykeys(&g.company, nf, nkeys);
		ps.dec = ystr(&g.company, nf, "decimal", 1);
		ps.grp = ystr(&g.company, nf, "group", 0) != NULL ?
		    ystr(&g.company, nf, "group", 0) : "";
		if (*ps.dec == '\0' || strcmp(ps.dec, ps.grp) == 0 ||
		    strpbrk(ps.dec, "0123456789-") != NULL ||
		    strpbrk(ps.grp, "0123456789-") != NULL)
			ydie(&g.company, nf, "number_format: a decimal mark "
			    "and a different thousands separator (or \"\"), "
			    "neither a digit nor '-'");
	}
	if (c != NULL && ystr(&g.company, c, "paper", 0) != NULL)
		ps.paper = ystr(&g.company, c, "paper", 0);
	if (strcmp(ps.paper, "a4") != 0 && strcmp(ps.paper, "letter") != 0)
		die(ST_RULES, "paper '%s': a4 or letter", ps.paper);
}

/* The currency: the company's, which must be the packs' when both say. */
static void
currency_pick(void)
{
	const char *pc = g.rules != NULL ? payroll_rules_currency(g.rules) :
	    "";

	ps.currency = g.currency != NULL ? g.currency : pc;
	if (*pc != '\0' && strcmp(ps.currency, pc) != 0)
		die(ST_RULES, "the company's currency is '%s' but the rule "
		    "packs pay in '%s'", ps.currency, pc);
}

/* The columns that hold each earning's hours and rate. */
static void
hours_columns(void)
{
	size_t j, k;

	if ((ps.hcol = calloc(g.ncols, sizeof(int))) == NULL ||
	    (ps.rcol = calloc(g.ncols, sizeof(int))) == NULL ||
	    (ps.lines = calloc(g.ncols, sizeof(*ps.lines))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (j = 0; j < g.ncols; j++) {
		const char *h = "", *rt = "";

		ps.hcol[j] = ps.rcol[j] = -1;
		if (g.cols[j].rule >= 0) {
			h = payroll_rules_output_hours(g.rules,
			    (size_t)g.cols[j].rule);
			rt = payroll_rules_output_rate(g.rules,
			    (size_t)g.cols[j].rule);
		}
		for (k = 0; k < g.ncols; k++) {
			if (*h != '\0' && strcmp(g.cols[k].name, h) == 0)
				ps.hcol[j] = (int)k;
			if (*rt != '\0' && strcmp(g.cols[k].name, rt) == 0)
				ps.rcol[j] = (int)k;
		}
	}
}

void
payslip_begin(void)
{
	struct stat st;
	size_t n;

	ps.html = strcmp(g.fmt->name, "payslip-html") == 0;
	ps.pdf = strcmp(g.fmt->name, "payslip-pdf") == 0;
	if ((ps.yamt = calloc(g.ncols, sizeof(int64_t))) == NULL ||
	    (ps.yset = calloc(g.ncols, sizeof(int))) == NULL)
		die(ST_SYSTEM, "out of memory");
	words_load();
	currency_pick();
	hours_columns();
	if (g.outpath != NULL && ((n = strlen(g.outpath)) > 0 &&
	    (g.outpath[n - 1] == '/' || (stat(g.outpath, &st) == 0 &&
	    S_ISDIR(st.st_mode))))) {
		ps.dir = 1;
		if (stat(g.outpath, &st) != 0 || !S_ISDIR(st.st_mode))
			die(ST_SYSTEM, "%s: no such folder", g.outpath);
		/* What a killed run left here goes first. */
		stale_sweep(g.outpath);
		if ((ps.stage = malloc(n + 32)) == NULL)
			die(ST_SYSTEM, "out of memory");
		snprintf(ps.stage, n + 32, "%s/.payslips.XXXXXX", g.outpath);
		if (mkdtemp(ps.stage) == NULL) {
			free(ps.stage);
			ps.stage = NULL;
			die(ST_SYSTEM, "%s: %s", g.outpath, strerror(errno));
		}
		atexit(stage_cleanup);
		/* Locked while we live: a later run removes the folder only
		 * if this one was killed. */
		if ((ps.stagefd = open(ps.stage, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) == -1 || flock(ps.stagefd, LOCK_EX) == -1)
			die(ST_SYSTEM, "%s: %s", ps.stage, strerror(errno));
		/* Ctrl-C between payslips ends the run through die(), so
		 * the staging folder goes too. */
		common_defer_signals();
	} else
		g.out = open_output();
	if (g.ytdpath != NULL)
		ytd_open();
	if (ps.html && !ps.dir) {
		fprintf(g.out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>", ps.lang);
		xml_puts(g.out, ps.w[W_PAYSLIP]);
		fputs("</title>\n", g.out);
	}
	if (ps.pdf && !ps.dir)
		pdf_open(g.out);
}

void
payslip_row(const struct row *r)
{
	int ytd = 0;
	FILE *fp;
	size_t i;
	char path[4096], d[11];
	int fd;

	if (ps.ycsv != NULL) {
		if ((ytd = ytd_for(r)) < 0)
			return;
	} else
		memset(ps.yset, 0, g.ncols * sizeof(int));
	/* One file per employee, named by employee id and pay date: every
	 * id that cannot name one is reported. */
	for (i = 0; ps.dir && i < r->fl[F_ID]; i++) {
		char c = r->fx[F_ID][i], m[64];

		if (!isalnum((unsigned char)c) && c != '-' && c != '_' &&
		    !(c == '.' && i > 0)) {
			mask(r->fx[F_ID], r->fl[F_ID], m, sizeof(m));
			row_error(r, "employee_id", "'%s' cannot name a file "
			    "(letters, digits, '-', '_' and '.')", m);
			return;
		}
	}
	if (g.nerrors > 0)
		return;		/* nothing will be written */
	slip_build(r, ytd);
	if (!ps.dir) {
		fp = g.out;
		if (ps.pdf)
			slip_pdf(r);
		else if (ps.html) {
			if (ps.nslips == 0) {
				fputs(slip_css, fp);
				fputs("</head>\n<body>\n", fp);
			}
			slip_html(fp, r);
		} else {
			if (ps.nslips > 0)
				fputs("\f\n", fp);
			slip_text(fp, r);
		}
		ps.nslips++;
		return;
	}
	date_str(r->pay, d);
	snprintf(path, sizeof(path), "%s/%.*s_%s.%s", ps.stage,
	    (int)r->fl[F_ID], r->fx[F_ID], d, ps.pdf ? "pdf" : ps.html ?
	    "html" : "txt");
	/* A payslip is personal data: readable by the owner only. */
	if (common_interrupted)
		die(ST_SYSTEM, "interrupted: no payslip written");
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1) {
		if (errno == EEXIST) {
			char m[64];

			mask(r->fx[F_ID], r->fl[F_ID], m, sizeof(m));
			row_error(r, "employee_id", "'%s' is paid twice on %s",
			    m, d);
			return;
		}
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	}
	if ((fp = fdopen(fd, "w")) == NULL)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	if (ps.pdf) {
		pdf_open(fp);
		slip_pdf(r);
		pdf_close(path);
	} else if (ps.html) {
		fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>", ps.lang);
		xml_puts(fp, ps.w[W_PAYSLIP]);
		fputc(' ', fp);
		html_putn(fp, r->fx[F_ID], r->fl[F_ID]);
		fprintf(fp, " %s</title>\n%s</head>\n<body>\n", d, slip_css);
		slip_html(fp, r);
		fputs("</body>\n</html>\n", fp);
	} else
		slip_text(fp, r);
	/* No fsync per payslip (thousands of them): the folder is synced
	 * once, before the payslips move into place. */
	if (fflush(fp) == EOF || ferror(fp) || fclose(fp) == EOF)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	ps.nslips++;
}

void
payslip_end(void)
{
	DIR *d;
	struct dirent *e;
	char prev[4096], failed[4096];
	char **names = NULL;
	size_t nn = 0, capn = 0, i, k;
	sigset_t block, old;
	int outfd, bad = 0, e1 = 0;

	if (ps.ycsv != NULL) {
		payroll_csv_free(ps.ycsv);
		in_close(ps.yfp);
	}
	if (ps.pdf) {
		if (!ps.dir)
			pdf_close(g.outpath != NULL ? g.outpath :
			    "standard output");
		pdf_release();
	}
	if (!ps.dir) {
		if (ps.html) {
			if (ps.nslips == 0) {
				fputs(slip_css, g.out);
				fputs("</head>\n<body>\n", g.out);
			}
			fputs("</body>\n</html>\n", g.out);
		}
		return;
	}
	if (g.nerrors > 0)
		return;		/* the staging folder goes at exit */
	/* Every payslip is written: to disk (one sync for all), then into
	 * place. */
	sync();
	if ((d = opendir(ps.stage)) == NULL)
		die(ST_SYSTEM, "%s: %s", ps.stage, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (nn == capn) {
			char **p;

			capn = capn ? capn * 2 : 256;
			if ((p = realloc(names, capn * sizeof(*p))) == NULL)
				die(ST_SYSTEM, "out of memory");
			names = p;
		}
		if ((names[nn++] = strdup(e->d_name)) == NULL)
			die(ST_SYSTEM, "out of memory");
	}
	closedir(d);
	if ((outfd = open(g.outpath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		die(ST_SYSTEM, "%s: %s", g.outpath, strerror(errno));
	/*
	 * All the payslips or none: a payslip a run of the same pay date
	 * wrote before is kept in the staging folder (a hard link, ".old.
	 * NAME") until every new one is in place, and put back when one
	 * cannot be moved.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < nn && !bad; i++) {
		snprintf(prev, sizeof(prev), ".old.%s", names[i]);
		if (linkat(outfd, names[i], ps.stagefd, prev, 0) == -1 &&
		    errno != ENOENT) {
			e1 = errno;
			bad = 1;
			break;
		}
		if (renameat(ps.stagefd, names[i], outfd, names[i]) == -1) {
			e1 = errno;
			bad = 1;
			unlinkat(ps.stagefd, prev, 0);
			break;
		}
	}
	if (bad) {
		snprintf(failed, sizeof(failed), "%s", names[i]);
		k = i;
		for (i = 0; i < k; i++) {
			snprintf(prev, sizeof(prev), ".old.%s", names[i]);
			if (renameat(ps.stagefd, prev, outfd, names[i]) == -1)
				unlinkat(outfd, names[i], 0);
		}
	} else if (fsync(outfd) == -1 && errno != EINVAL)
		warnx_("%s: sync the folder: %s", g.outpath, strerror(errno));
	close(outfd);
	stage_cleanup();
	sigprocmask(SIG_SETMASK, &old, NULL);
	for (i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	if (bad)
		die(ST_SYSTEM, "%s/%s: %s: no payslip written", g.outpath,
		    failed, strerror(e1));
}

/* The PDF drawing works on this file's payslip content and state. */
#include "pdf.c"
