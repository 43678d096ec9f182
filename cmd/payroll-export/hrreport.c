/*
 * hrreport.c: the HR report: headcount, new hires and leavers, payroll
 * cost by department, overtime, and rejects by rule; as CSV (long form:
 * section, pay_date, department, item, value) or as one self-contained
 * HTML page with inline SVG charts.  Memory grows with the number of
 * departments and pay dates, not of employees: movements are spooled.
 */
#include "export.h"

struct hagg {
	payroll_date pay;	/* 0: all pay dates */
	char *dept;
	long head, hires, leavers;
	int64_t gross, employer;
	int64_t *ot;		/* per overtime column */
};

static struct {
	struct hagg *a;
	size_t n, cap;
	int *otcol;		/* overtime columns (money) */
	size_t not;
	FILE *moves;		/* spool: new hires and leavers */
	unsigned long nmoves;
	char **rrule;		/* rejects by rule */
	long *rcount;
	size_t nr;
	unsigned long nrej;
	payroll_date lastpay;
	int npays;
} hr;

static struct hagg *
hr_find(payroll_date pay, const char *dept, size_t dlen)
{
	size_t i;

	for (i = 0; i < hr.n; i++)
		if (hr.a[i].pay == pay && strlen(hr.a[i].dept) == dlen &&
		    memcmp(hr.a[i].dept, dept, dlen) == 0)
			return &hr.a[i];
	if (hr.n == hr.cap) {
		size_t nc = hr.cap ? hr.cap * 2 : 16;
		struct hagg *p = realloc(hr.a, nc * sizeof(*p));

		if (p == NULL)
			die(ST_SYSTEM, "out of memory");
		hr.a = p;
		hr.cap = nc;
	}
	memset(&hr.a[hr.n], 0, sizeof(hr.a[hr.n]));
	hr.a[hr.n].pay = pay;
	if ((hr.a[hr.n].dept = strndup(dept, dlen)) == NULL ||
	    (hr.a[hr.n].ot = calloc(hr.not + 1, sizeof(int64_t))) == NULL)
		die(ST_SYSTEM, "out of memory");
	return &hr.a[hr.n++];
}

static void
hr_rejects(void)
{
	struct payroll_csv_opts opts;
	struct payroll_csv *c;
	struct payroll_diag diag;
	FILE *fp;
	size_t i, n, len;
	int rulecol = -1, st;
	const char *s;

	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	fp = in_open(g.rejpath);
	if (payroll_csv_open(fp, g.rejpath, &opts, &c) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	if (payroll_csv_read(c, &diag) != PAYROLL_OK)
		die(ST_DATA, "%s: empty rejects file: no header", g.rejpath);
	n = payroll_csv_nfields(c);
	for (i = 0; i < n; i++)
		if (strcmp(payroll_csv_field(c, i, NULL), "rule") == 0)
			rulecol = (int)i;
	if (rulecol < 0)
		die(ST_DATA, "%s:1: no column 'rule': not a rejects file",
		    g.rejpath);
	for (;;) {
		payroll_diag_clear(&diag);
		st = payroll_csv_read(c, &diag);
		if (st == PAYROLL_EOF)
			break;
		if (st != PAYROLL_OK)
			die_diag(status_of(st), &diag);
		if (payroll_csv_nfields(c) != n)
			die(ST_DATA, "%s:%lu: %zu fields where the header has "
			    "%zu", g.rejpath, payroll_csv_line(c),
			    payroll_csv_nfields(c), n);
		s = payroll_csv_field(c, (size_t)rulecol, &len);
		for (i = 0; i < hr.nr; i++)
			if (strlen(hr.rrule[i]) == len &&
			    memcmp(hr.rrule[i], s, len) == 0)
				break;
		if (i == hr.nr) {
			char **p = realloc(hr.rrule, (hr.nr + 1) * sizeof(*p));
			long *q = realloc(hr.rcount, (hr.nr + 1) * sizeof(*q));

			if (p != NULL)
				hr.rrule = p;
			if (q != NULL)
				hr.rcount = q;
			if (p == NULL || q == NULL ||
			    (hr.rrule[hr.nr] = strndup(s, len)) == NULL)
				die(ST_SYSTEM, "out of memory");
			hr.rcount[hr.nr++] = 0;
		}
		hr.rcount[i]++;
		hr.nrej++;
	}
	payroll_csv_free(c);
	in_close(fp);
}

void
hr_begin(void)
{
	size_t j;

	if ((hr.otcol = calloc(g.ncols + 1, sizeof(int))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (j = 0; j < g.ncols; j++)
		if (g.cols[j].money && col_has_tag(j, "overtime"))
			hr.otcol[hr.not++] = (int)j;
	hr.moves = scratch_file();
	if (g.rejpath != NULL)
		hr_rejects();
	g.out = open_output();
	csvw.fp = g.out;
}

/* Whether a date field lies in [a, b]; -1 when it is not a date. */
static int
in_period(const struct row *r, int f, payroll_date a, payroll_date b)
{
	payroll_date d;

	if (!has(r, f))
		return 0;
	if (payroll_date_parse(r->fx[f], r->fl[f], &d) != 0) {
		row_error(r, fixnames[f], "'%.*s' is not a date (YYYY-MM-DD)",
		    (int)r->fl[f], r->fx[f]);
		return -1;
	}
	return d >= a && d <= b;
}

static void
hr_move(const struct row *r, const char *what, int f)
{
	struct payroll_csv_writer w;
	char d[11];

	memset(&w, 0, sizeof(w));
	w.fp = hr.moves;
	w.neutralise = 1;
	date_str(r->pay, d);
	if (payroll_csv_puts(&w, what) != 0 ||
	    payroll_csv_puts(&w, d) != 0 ||
	    payroll_csv_put(&w, r->fx[F_DEPT], r->fl[F_DEPT]) != 0 ||
	    payroll_csv_put(&w, r->fx[F_ID], r->fl[F_ID]) != 0 ||
	    payroll_csv_put(&w, r->fx[f], r->fl[f]) != 0 ||
	    payroll_csv_endrec(&w) != 0)
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	hr.nmoves++;
}

void
hr_row(const struct row *r)
{
	struct hagg *a;
	int hire, leave;
	size_t k;

	hire = in_period(r, F_HIRE, r->start, r->end);
	leave = in_period(r, F_TERM, r->start, r->end);
	if (hire < 0 || leave < 0)
		return;
	if (hr.npays == 0 || r->pay != hr.lastpay) {
		size_t i;

		for (i = 0; i < hr.n && hr.a[i].pay != r->pay; i++)
			;
		if (i == hr.n)
			hr.npays++;
		hr.lastpay = r->pay;
	}
	a = hr_find(r->pay, r->fx[F_DEPT], r->fl[F_DEPT]);
	a->head++;
	a->hires += hire;
	a->leavers += leave;
	if (hire)
		hr_move(r, "new_hire", F_HIRE);
	if (leave)
		hr_move(r, "leaver", F_TERM);
	if (add_minor(&a->gross, r->amt[g.gross]) != 0)
		die(ST_DATA, "%s:%lu: total overflows", r->file, r->line);
	for (k = 0; k < g.ncols; k++)
		if (g.cols[k].kind == PAYROLL_K_EMPLOYER &&
		    add_minor(&a->employer, r->amt[k]) != 0)
			die(ST_DATA, "%s:%lu: total overflows", r->file,
			    r->line);
	for (k = 0; k < hr.not; k++)
		if (add_minor(&a->ot[k], r->amt[hr.otcol[k]]) != 0)
			die(ST_DATA, "%s:%lu: total overflows", r->file,
			    r->line);
}

static int
hcmp(const void *x, const void *y)
{
	const struct hagg *a = x, *b = y;

	if (a->pay != b->pay)
		return a->pay < b->pay ? -1 : 1;
	return strcmp(a->dept, b->dept);
}

/* Adds b into a. */
static void
hr_sum(struct hagg *a, const struct hagg *b)
{
	size_t k;

	a->head += b->head;
	a->hires += b->hires;
	a->leavers += b->leavers;
	if (add_minor(&a->gross, b->gross) != 0 ||
	    add_minor(&a->employer, b->employer) != 0)
		die(ST_DATA, "total overflows");
	for (k = 0; k < hr.not; k++)
		if (add_minor(&a->ot[k], b->ot[k]) != 0)
			die(ST_DATA, "total overflows");
}

static void
hr_csv_line(const char *section, payroll_date pay, const char *dept,
    const char *item, const char *value)
{
	char d[11];

	cputs(section);
	if (pay != 0) {
		date_str(pay, d);
		cputs(d);
	} else
		cputs("");
	cputs(dept);
	cputs(item);
	cputs(value);
	cendrec();
}

static void
hr_csv_agg(const struct hagg *a, const char *dept)
{
	char v[40];
	int64_t cost = a->gross + a->employer;
	size_t k;

	snprintf(v, sizeof(v), "%ld", a->head);
	hr_csv_line("headcount", a->pay, dept, "employees_paid", v);
	snprintf(v, sizeof(v), "%ld", a->hires);
	hr_csv_line("headcount", a->pay, dept, "new_hires", v);
	snprintf(v, sizeof(v), "%ld", a->leavers);
	hr_csv_line("headcount", a->pay, dept, "leavers", v);
	hr_csv_line("cost", a->pay, dept, "gross_pay", fmt_minor(a->gross, v,
	    sizeof(v), 0));
	hr_csv_line("cost", a->pay, dept, "employer_contributions",
	    fmt_minor(a->employer, v, sizeof(v), 0));
	hr_csv_line("cost", a->pay, dept, "total_cost", fmt_minor(cost, v,
	    sizeof(v), 0));
	for (k = 0; k < hr.not; k++)
		hr_csv_line("overtime", a->pay, dept,
		    g.cols[hr.otcol[k]].name, fmt_minor(a->ot[k], v,
		    sizeof(v), 0));
}

/* ------------------------------------------------------------------ */
/* HTML with inline SVG                                               */
/* ------------------------------------------------------------------ */

static const char *const palette[] = { "#2b5d8a", "#e08a2c", "#4a9d6b",
	"#b84a5a", "#7b62a3", "#3f9fb0" };

/* A bar's label, cut to fit the space left of the bars (the full label
 * is in the table below the chart). */
static void
svg_label(FILE *fp, const char *s)
{
	const size_t max = 32;
	size_t i = 0, nch = 0, cut = 0, n;

	while (s[i] != '\0') {
		if (nch == max - 1)
			cut = i;
		if (nch == max) {
			xml_putn(fp, s, cut);
			fputs("&#8230;", fp);
			return;
		}
		n = utf8_len((const unsigned char *)s + i, strlen(s + i));
		i += n > 0 ? n : 1;
		nch++;
	}
	xml_puts(fp, s);
}

/*
 * A horizontal bar chart: one row per label, one or two stacked series.
 * Values are minor units or counts; bar lengths are integer arithmetic.
 */
static void
svg_bars(FILE *fp, const char *title, char **labels, const int64_t *v1,
    const int64_t *v2, size_t n, int money, const char *s1, const char *s2)
{
	const int lw = 290, bw = 400, rowh = 30, top = 40;
	int64_t max = 0;
	size_t i, r, *ord;
	int h = top + (int)n * rowh + 20;
	char a[40];

	for (i = 0; i < n; i++) {
		int64_t t = v1[i] + (v2 != NULL ? v2[i] : 0);

		if (t > max)
			max = t;
	}
	fprintf(fp, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"", lw + bw + 140, h, lw + bw + 140, h);
	xml_puts(fp, title);
	fputs("\">\n", fp);
	fprintf(fp, "<text x=\"0\" y=\"18\" class=\"t\">");
	xml_puts(fp, title);
	fputs("</text>\n", fp);
	if (s1 != NULL) {
		fprintf(fp, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" "
		    "fill=\"%s\"/><text x=\"%d\" y=\"18\" class=\"l\">%s"
		    "</text>\n", lw + bw - 200, palette[0], lw + bw - 184, s1);
		if (s2 != NULL)
			fprintf(fp, "<rect x=\"%d\" y=\"8\" width=\"12\" "
			    "height=\"12\" fill=\"%s\"/><text x=\"%d\" "
			    "y=\"18\" "
			    "class=\"l\">%s</text>\n", lw + bw - 60, palette[1],
			    lw + bw - 44, s2);
	}
	/* Largest first: the order people read a ranking in. */
	if ((ord = calloc(n + 1, sizeof(*ord))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < n; i++)
		ord[i] = i;
	for (i = 1; i < n; i++) {
		size_t k = ord[i], j = i;
		int64_t tk = v1[k] + (v2 != NULL ? v2[k] : 0);

		while (j > 0 && v1[ord[j - 1]] + (v2 != NULL ? v2[ord[j - 1]] :
		    0) < tk) {
			ord[j] = ord[j - 1];
			j--;
		}
		ord[j] = k;
	}
	for (r = 0; r < n; r++) {
		int y = top + (int)r * rowh;
		int64_t w1, w2, t;

		i = ord[r];
		w1 = max > 0 ? v1[i] * bw / max : 0;
		w2 = max > 0 && v2 != NULL ? v2[i] * bw / max : 0;
		t = v1[i] + (v2 != NULL ? v2[i] : 0);
		if (w1 < 0)
			w1 = 0;
		if (w2 < 0)
			w2 = 0;
		fprintf(fp, "<text x=\"%d\" y=\"%d\" class=\"l\" "
		    "text-anchor=\"end\">", lw - 8, y + 16);
		svg_label(fp, labels[i][0] != '\0' ? labels[i] : "(none)");
		fputs("</text>\n", fp);
		fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%lld\" "
		    "height=\"20\" fill=\"%s\"/>\n", lw, y + 2, (long long)w1,
		    palette[0]);
		if (v2 != NULL)
			fprintf(fp, "<rect x=\"%lld\" y=\"%d\" width=\"%lld\" "
			    "height=\"20\" fill=\"%s\"/>\n",
			    (long long)(lw + w1), y + 2, (long long)w2,
			    palette[1]);
		if (money)
			fmt_minor(t, a, sizeof(a), 1);
		else
			snprintf(a, sizeof(a), "%lld", (long long)t);
		fprintf(fp, "<text x=\"%lld\" y=\"%d\" class=\"v\">%s</text>\n",
		    (long long)(lw + w1 + w2 + 6), y + 16, a);
	}
	fputs("</svg>\n</figure>\n", fp);
	free(ord);
}

static const char hr_css[] =
"<style>\n"
"body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#1d2733;"
"background:#eef1f4;margin:0;padding:24px}\n"
"main{max-width:900px;margin:0 auto;background:#fff;padding:24px 32px;"
"border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.15)}\n"
"h1{color:#2b5d8a;margin:0 0 4px;font-size:24px}\n"
"h2{color:#2b5d8a;font-size:17px;border-bottom:2px solid #2b5d8a;"
"padding-bottom:4px;margin-top:28px}\n"
".sub{color:#5b6b7b;margin:0 0 16px}\n"
".cards{display:flex;gap:12px;flex-wrap:wrap}\n"
".card{flex:1;min-width:150px;background:#f1f4f7;border-radius:4px;"
"padding:10px 14px}\n"
".card b{display:block;font-size:19px;color:#1d2733}\n"
".card span{font-size:12px;color:#5b6b7b;text-transform:uppercase}\n"
"table{border-collapse:collapse;width:100%;font-size:13px;margin-top:8px}\n"
"th{background:#f1f4f7;text-align:left;padding:5px 8px;color:#2b5d8a}\n"
"td{padding:4px 8px;border-bottom:1px solid #eceff2}\n"
"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
"figure{margin:12px 0}\n"
"svg .t{font-size:14px;font-weight:bold;fill:#1d2733}\n"
"svg .l{font-size:12px;fill:#1d2733}\n"
"svg .v{font-size:12px;fill:#1d2733}\n"
"</style>\n";

static void
hr_html(struct hagg *dep, size_t nd, struct hagg *all)
{
	FILE *fp = g.out;
	char a[40], p1[11], p2[11], lab[128];
	char **labels;
	int64_t *v1, *v2;
	size_t i, k;

	if ((labels = calloc(nd + hr.nr + 1, sizeof(char *))) == NULL ||
	    (v1 = calloc(nd + hr.nr + 1, sizeof(int64_t))) == NULL ||
	    (v2 = calloc(nd + hr.nr + 1, sizeof(int64_t))) == NULL)
		die(ST_SYSTEM, "out of memory");
	date_str(g.pmin, p1);
	date_str(g.pmax, p2);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset="
	    "\"utf-8\">\n<title>HR report</title>\n", fp);
	fputs(hr_css, fp);
	fputs("</head>\n<body>\n<main>\n<h1>HR report</h1>\n<p class=\"sub\">",
	    fp);
	xml_puts(fp, g.company_name != NULL ? g.company_name : "");
	fprintf(fp, "%sPeriod %s to %s, %d pay date%s</p>\n",
	    g.company_name != NULL ? " &middot; " : "", p1, p2, hr.npays,
	    hr.npays == 1 ? "" : "s");
	fprintf(fp, "<div class=\"cards\">\n<div class=\"card\"><b>%ld</b>"
	    "<span>Employees paid%s</span></div>\n", all->head,
	    hr.npays > 1 ? " (all pay dates)" : "");
	fprintf(fp, "<div class=\"card\"><b>%ld</b><span>New hires</span>"
	    "</div>\n", all->hires);
	fprintf(fp, "<div class=\"card\"><b>%ld</b><span>Leavers</span>"
	    "</div>\n", all->leavers);
	fprintf(fp, "<div class=\"card\"><b>%s</b><span>Total payroll cost"
	    "</span></div>\n</div>\n", fmt_minor(all->gross + all->employer,
	    a, sizeof(a), 1));

	fputs("<h2>Payroll cost by department</h2>\n", fp);
	for (i = 0; i < nd; i++) {
		labels[i] = dep[i].dept;
		v1[i] = dep[i].gross;
		v2[i] = dep[i].employer;
	}
	svg_bars(fp, "Total cost by department", labels, v1, v2, nd, 1,
	    "Gross pay", "Employer");
	fputs("<table>\n<tr><th>Department</th><th class=\"n\">Employees "
	    "paid</th><th class=\"n\">New hires</th><th class=\"n\">Leavers"
	    "</th><th class=\"n\">Gross pay</th><th class=\"n\">Employer "
	    "contributions</th><th class=\"n\">Total cost</th></tr>\n", fp);
	for (i = 0; i <= nd; i++) {
		const struct hagg *h = i < nd ? &dep[i] : all;

		fputs(i < nd ? "<tr><td>" : "<tr><td><b>All departments</b>",
		    fp);
		if (i < nd)
			xml_puts(fp, h->dept[0] != '\0' ? h->dept : "(none)");
		fprintf(fp, "</td><td class=\"n\">%ld</td><td class=\"n\">%ld"
		    "</td><td class=\"n\">%ld</td>", h->head, h->hires,
		    h->leavers);
		fprintf(fp, "<td class=\"n\">%s</td>", fmt_minor(h->gross, a,
		    sizeof(a), 1));
		fprintf(fp, "<td class=\"n\">%s</td>", fmt_minor(h->employer,
		    a, sizeof(a), 1));
		fprintf(fp, "<td class=\"n\">%s</td></tr>\n", fmt_minor(
		    h->gross + h->employer, a, sizeof(a), 1));
	}
	fputs("</table>\n", fp);

	fputs("<h2>Headcount by department</h2>\n", fp);
	for (i = 0; i < nd; i++)
		v1[i] = dep[i].head;
	svg_bars(fp, "Employees paid", labels, v1, NULL, nd, 0, NULL, NULL);

	fputs("<h2>Overtime</h2>\n", fp);
	if (hr.not == 0)
		fputs("<p>No output of the rule packs is tagged "
		    "<code>overtime</code>.</p>\n", fp);
	for (k = 0; k < hr.not; k++) {
		for (i = 0; i < nd; i++)
			v1[i] = dep[i].ot[k];
		label(g.cols[hr.otcol[k]].name, lab, sizeof(lab));
		svg_bars(fp, lab, labels, v1, NULL, nd, 1, NULL, NULL);
	}

	if (g.rejpath != NULL) {
		fprintf(fp, "<h2>Rejected records by rule</h2>\n");
		if (hr.nr == 0)
			fputs("<p>No record was rejected.</p>\n", fp);
		else {
			for (i = 0; i < hr.nr; i++) {
				labels[i] = hr.rrule[i];
				v1[i] = hr.rcount[i];
			}
			svg_bars(fp, "Rejected records", labels, v1, NULL,
			    hr.nr, 0, NULL, NULL);
		}
	}
	fputs("<h2>New hires and leavers</h2>\n", fp);
	if (hr.nmoves == 0)
		fputs("<p>None in the period.</p>\n", fp);
	else {
		struct payroll_csv *c;
		struct payroll_diag diag;
		size_t j;

		fputs("<table>\n<tr><th>Movement</th><th>Pay date</th>"
		    "<th>Department</th><th>Employee id</th><th>Date</th>"
		    "</tr>\n", fp);
		if (fflush(hr.moves) == EOF || fseek(hr.moves, 0, SEEK_SET)
		    != 0 || payroll_csv_open(hr.moves, "<spool>", NULL, &c)
		    != 0)
			die(ST_SYSTEM, "temporary file: %s", strerror(errno));
		while (payroll_csv_read(c, &diag) == PAYROLL_OK) {
			fputs("<tr>", fp);
			for (j = 0; j < payroll_csv_nfields(c); j++) {
				const char *s = payroll_csv_field(c, j, NULL);

				if (s[0] == '\'')
					s++;	/* undo the CSV neutralising */
				fputs("<td>", fp);
				xml_puts(fp, j == 0 ? (strcmp(s, "new_hire")
				    == 0 ? "New hire" : "Leaver") : s);
				fputs("</td>", fp);
			}
			fputs("</tr>\n", fp);
		}
		payroll_csv_free(c);
		fputs("</table>\n", fp);
	}
	fputs("</main>\n</body>\n</html>\n", fp);
	free(labels);
	free(v1);
	free(v2);
}

void
hr_end(void)
{
	struct hagg all, *dep = NULL;
	size_t i, j, nd = 0;
	char v[40];

	if (g.nerrors > 0)
		return;
	qsort(hr.a, hr.n, sizeof(*hr.a), hcmp);
	memset(&all, 0, sizeof(all));
	all.dept = "";
	if ((all.ot = calloc(hr.not + 1, sizeof(int64_t))) == NULL ||
	    (dep = calloc(hr.n + 1, sizeof(*dep))) == NULL)
		die(ST_SYSTEM, "out of memory");
	/* Totals by department over all pay dates. */
	for (i = 0; i < hr.n; i++) {
		hr_sum(&all, &hr.a[i]);
		for (j = 0; j < nd; j++)
			if (strcmp(dep[j].dept, hr.a[i].dept) == 0)
				break;
		if (j == nd) {
			dep[nd].dept = hr.a[i].dept;
			if ((dep[nd].ot = calloc(hr.not + 1,
			    sizeof(int64_t))) == NULL)
				die(ST_SYSTEM, "out of memory");
			nd++;
		}
		hr_sum(&dep[j], &hr.a[i]);
	}
	if (strcmp(g.fmt->name, "hr-report-html") == 0)
		hr_html(dep, nd, &all);
	else {
		cputs("section");
		cputs("pay_date");
		cputs("department");
		cputs("item");
		cputs("value");
		cendrec();
		for (i = 0; i < hr.n; i++)
			hr_csv_agg(&hr.a[i], hr.a[i].dept);
		/* All departments, per pay date. */
		for (i = 0; i < hr.n; ) {
			struct hagg t;

			memset(&t, 0, sizeof(t));
			t.pay = hr.a[i].pay;
			if ((t.ot = calloc(hr.not + 1, sizeof(int64_t))) ==
			    NULL)
				die(ST_SYSTEM, "out of memory");
			for (j = i; j < hr.n && hr.a[j].pay == t.pay; j++)
				hr_sum(&t, &hr.a[j]);
			hr_csv_agg(&t, "ALL");
			free(t.ot);
			i = j;
		}
		if (hr.nmoves > 0)
			spool_copy(hr.moves, g.out);
		for (i = 0; i < hr.nr; i++) {
			snprintf(v, sizeof(v), "%ld", hr.rcount[i]);
			hr_csv_line("rejects", 0, "", hr.rrule[i], v);
		}
		if (g.rejpath != NULL) {
			snprintf(v, sizeof(v), "%lu", hr.nrej);
			hr_csv_line("rejects", 0, "", "total", v);
		}
	}
	for (i = 0; i < nd; i++)
		free(dep[i].ot);
	free(dep);
	free(all.ot);
	fclose(hr.moves);
}
