/*
 * payslip.c: one payslip per employee, plain text or self-contained HTML;
 * one file with them all, or (-o DIR) one file per employee.  Year-to-date
 * figures come from payroll-calc's --ytd-out file (--ytd), merge-joined by
 * employee_id.  Included by main.c.
 */

static struct {
	int html;
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

static void
payslip_begin(void)
{
	struct stat st;
	size_t n;

	ps.html = strcmp(g.fmt->name, "payslip-html") == 0;
	if ((ps.yamt = calloc(g.ncols, sizeof(int64_t))) == NULL ||
	    (ps.yset = calloc(g.ncols, sizeof(int))) == NULL)
		die(ST_SYSTEM, "out of memory");
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
		fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>Payslips</title>\n",
		    g.out);
	}
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
"@media print{body{background:#fff;padding:0}.slip{box-shadow:none}}\n"
"</style>\n";

static void
html_putn(FILE *fp, const char *s, size_t len)
{
	xml_putn(fp, s, len);
}

/* The account a payment goes to, masked to its last four characters. */
static void
paid_to(const struct row *r, char *buf, size_t size)
{
	char m[128];

	if (has(r, F_IBAN)) {
		mask(r->fx[F_IBAN], r->fl[F_IBAN], m, sizeof(m));
		snprintf(buf, size, "IBAN %s", m);
	} else if (has(r, F_ACCOUNT)) {
		mask(r->fx[F_ACCOUNT], r->fl[F_ACCOUNT], m, sizeof(m));
		snprintf(buf, size, "%.*s account %s", (int)r->fl[F_ACCTYPE],
		    r->fx[F_ACCTYPE], m);
	} else
		snprintf(buf, size, "no bank account on file (cheque)");
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

static void
slip_text(FILE *fp, const struct row *r, int ytd)
{
	static const enum payroll_kind sect[3] = { PAYROLL_K_EARNING,
	    PAYROLL_K_DEDUCTION, PAYROLL_K_EMPLOYER };
	static const char *const title[3] = { "EARNINGS",
	    "DEDUCTIONS AND TAXES", "EMPLOYER CONTRIBUTIONS (not taken from "
	    "pay)" };
	char a[40], b[40], lab[128], acct[160], d1[11], d2[11], d3[11];
	int64_t tot, ytot;
	int s, any;
	size_t j;

	date_str(r->start, d1);
	date_str(r->end, d2);
	date_str(r->pay, d3);
	paid_to(r, acct, sizeof(acct));
	fprintf(fp, "%s\n", "==========================================="
	    "=====================================");
	fprintf(fp, "PAYSLIP%73s\n", g.company_name != NULL ?
	    g.company_name : "");
	fprintf(fp, "%s\n", "==========================================="
	    "=====================================");
	fputs("Employee    ", fp);
	text_putn(fp, r->fx[F_ID], r->fl[F_ID]);
	fputs("  ", fp);
	text_putn(fp, r->fx[F_FIRST], r->fl[F_FIRST]);
	fputs(" ", fp);
	text_putn(fp, r->fx[F_LAST], r->fl[F_LAST]);
	fputs("\n", fp);
	if (has(r, F_DEPT) || has(r, F_JOB)) {
		fputs("Department  ", fp);
		text_putn(fp, r->fx[F_DEPT], r->fl[F_DEPT]);
		fputs(has(r, F_JOB) ? " / " : "", fp);
		text_putn(fp, r->fx[F_JOB], r->fl[F_JOB]);
		fputs("\n", fp);
	}
	fprintf(fp, "Period      %s to %s\n", d1, d2);
	fprintf(fp, "Pay date    %s\n", d3);
	fprintf(fp, "Paid to     %s\n", acct);
	for (s = 0; s < 3; s++) {
		tot = ytot = 0;
		any = 0;
		fprintf(fp, "\n%-46s %15s %17s\n", title[s], "This period",
		    ytd ? "Year to date" : "");
		for (j = 0; j < g.ncols; j++) {
			if (!shown(r, j, sect[s], ytd))
				continue;
			any = 1;
			tot += r->amt[j];
			if (ytd && ps.yset[j])
				ytot += ps.yamt[j];
			fprintf(fp, "  %-44.44s %15s %17s\n", label(
			    g.cols[j].name, lab, sizeof(lab)), fmt_minor(
			    r->amt[j], a, sizeof(a), 1), ytd ? (ps.yset[j] ?
			    fmt_minor(ps.yamt[j], b, sizeof(b), 1) : "-") : "");
		}
		if (!any)
			fprintf(fp, "  (none)\n");
		if (s == 0) {
			tot = r->amt[g.gross];
			ytot = ps.yset[g.gross] ? ps.yamt[g.gross] : 0;
		}
		if (any)
			fprintf(fp, "  %-44s %15s %17s\n", s == 0 ?
			    "Gross pay" : s == 1 ? "Total deductions" :
			    "Total employer contributions", fmt_minor(tot, a,
			    sizeof(a), 1), ytd ? fmt_minor(ytot, b, sizeof(b),
			    1) : "");
		if (s == 1) {
			fprintf(fp, "\n%-46s %15s %17s\n", "NET PAY",
			    fmt_minor(r->amt[g.net], a, sizeof(a), 1), ytd &&
			    ps.yset[g.net] ? fmt_minor(ps.yamt[g.net], b,
			    sizeof(b), 1) : "");
		}
	}
	fprintf(fp, "%s\n", "==========================================="
	    "=====================================");
}

static void
html_money_cells(FILE *fp, int64_t v, int ytd, int yset, int64_t yv)
{
	char a[40];

	fprintf(fp, "<td class=\"n\">%s</td>", fmt_minor(v, a, sizeof(a), 1));
	if (ytd)
		fprintf(fp, "<td class=\"n\">%s</td>", yset ? fmt_minor(yv, a,
		    sizeof(a), 1) : "&ndash;");
}

static void
slip_html(FILE *fp, const struct row *r, int ytd)
{
	static const enum payroll_kind sect[3] = { PAYROLL_K_EARNING,
	    PAYROLL_K_DEDUCTION, PAYROLL_K_EMPLOYER };
	static const char *const title[3] = { "Earnings",
	    "Deductions and taxes", "Employer contributions (not taken from "
	    "pay)" };
	static const char *const total[3] = { "Gross pay", "Total deductions",
	    "Total employer contributions" };
	char a[40], lab[128], acct[160], d1[11], d2[11], d3[11];
	int64_t tot, ytot;
	int s, any;
	size_t j;

	date_str(r->start, d1);
	date_str(r->end, d2);
	date_str(r->pay, d3);
	paid_to(r, acct, sizeof(acct));
	fputs("<section class=\"slip\">\n<div class=\"head\"><h1>PAYSLIP</h1>"
	    "<span class=\"co\">", fp);
	xml_puts(fp, g.company_name != NULL ? g.company_name : "");
	fputs("</span></div>\n<div class=\"who\">\n<dl><dt>Employee</dt><dd>",
	    fp);
	html_putn(fp, r->fx[F_FIRST], r->fl[F_FIRST]);
	fputc(' ', fp);
	html_putn(fp, r->fx[F_LAST], r->fl[F_LAST]);
	fputs("</dd><dt>Employee id</dt><dd>", fp);
	html_putn(fp, r->fx[F_ID], r->fl[F_ID]);
	fputs("</dd><dt>Department</dt><dd>", fp);
	html_putn(fp, r->fx[F_DEPT], r->fl[F_DEPT]);
	fputs("</dd><dt>Job title</dt><dd>", fp);
	html_putn(fp, r->fx[F_JOB], r->fl[F_JOB]);
	fprintf(fp, "</dd></dl>\n<dl><dt>Period</dt><dd>%s to %s</dd>"
	    "<dt>Pay date</dt><dd>%s</dd><dt>Paid to</dt><dd>", d1, d2, d3);
	xml_puts(fp, acct);
	fputs("</dd></dl>\n</div>\n", fp);
	for (s = 0; s < 3; s++) {
		tot = ytot = 0;
		any = 0;
		fprintf(fp, "<table>\n<tr><th>%s</th><th class=\"n\">This "
		    "period</th>%s</tr>\n", title[s], ytd ? "<th class=\"n\">"
		    "Year to date</th>" : "");
		for (j = 0; j < g.ncols; j++) {
			if (!shown(r, j, sect[s], ytd))
				continue;
			any = 1;
			tot += r->amt[j];
			if (ytd && ps.yset[j])
				ytot += ps.yamt[j];
			fputs("<tr><td>", fp);
			xml_puts(fp, label(g.cols[j].name, lab, sizeof(lab)));
			fputs("</td>", fp);
			html_money_cells(fp, r->amt[j], ytd, ps.yset[j],
			    ps.yamt[j]);
			fputs("</tr>\n", fp);
		}
		if (s == 0) {
			tot = r->amt[g.gross];
			ytot = ps.yset[g.gross] ? ps.yamt[g.gross] : 0;
		}
		if (!any)
			fprintf(fp, "<tr><td colspan=\"%d\">None</td></tr>\n",
			    ytd ? 3 : 2);
		else {
			fprintf(fp, "<tr class=\"sum\"><td>%s</td>", total[s]);
			html_money_cells(fp, tot, ytd, 1, ytot);
			fputs("</tr>\n", fp);
		}
		fputs("</table>\n", fp);
		if (s == 1) {
			fprintf(fp, "<div class=\"net\"><span>Net pay</span>"
			    "<b>%s</b></div>\n", fmt_minor(r->amt[g.net], a,
			    sizeof(a), 1));
			if (ytd && ps.yset[g.net])
				fprintf(fp, "<p class=\"note\">Net pay year to "
				    "date: %s</p>\n", fmt_minor(ps.yamt[g.net],
				    a, sizeof(a), 1));
		}
	}
	fputs("</section>\n", fp);
}

static void
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
	if (!ps.dir) {
		fp = g.out;
		if (ps.html) {
			if (ps.nslips == 0) {
				fputs(slip_css, fp);
				fputs("</head>\n<body>\n", fp);
			}
			slip_html(fp, r, ytd);
		} else {
			if (ps.nslips > 0)
				fputs("\f\n", fp);
			slip_text(fp, r, ytd);
		}
		ps.nslips++;
		return;
	}
	date_str(r->pay, d);
	snprintf(path, sizeof(path), "%s/%.*s_%s.%s", ps.stage,
	    (int)r->fl[F_ID], r->fx[F_ID], d, ps.html ? "html" : "txt");
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
	if (ps.html) {
		fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>Payslip ", fp);
		html_putn(fp, r->fx[F_ID], r->fl[F_ID]);
		fprintf(fp, " %s</title>\n%s</head>\n<body>\n", d, slip_css);
		slip_html(fp, r, ytd);
		fputs("</body>\n</html>\n", fp);
	} else
		slip_text(fp, r, ytd);
	/* No fsync per payslip (thousands of them): the folder is synced
	 * once, before the payslips move into place. */
	if (fflush(fp) == EOF || ferror(fp) || fclose(fp) == EOF)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	ps.nslips++;
}

static void
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
