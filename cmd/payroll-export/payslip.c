/*
 * payslip.c: one payslip per employee, plain text, self-contained HTML or
 * PDF (pdf.c, through cairo), from the content slip.c builds (rendered
 * by slip_text.c, slip_html.c, pdf.c); one file with them all, or (-o
 * DIR) one file per employee.  Year-to-date figures come from payroll-calc's
 * --ytd-out file (--ytd), merge-joined by employee_id.  The words, number
 * and date formats of each language come from rules/formats/payslip-*.yaml
 * (the company settings pick the language); the names of the pay lines
 * from the packs' output labels; an earning's hours and rate from the
 * info outputs its declaration names (hours:, rate:).
 */
#include "export.h"

struct payslip_state psl;

static const char *const wordkeys[NWORDS + 1] = {
	"payslip", "employee", "employee_id", "department", "job_title",
	"period", "period_range", "pay_date", "paid_to", "account", "cheque",
	"currency", "earnings", "deductions", "employer", "gross",
	"total_deductions", "total_employer", "net", "net_ytd", "this_period",
	"ytd", "none", "hours_at", "hours", "total_hours", NULL
};

static void
stage_cleanup(void)
{
	DIR *d;
	struct dirent *e;
	char p[4096];

	if (psl.stage == NULL)
		return;
	if ((d = opendir(psl.stage)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof(p), "%s/%s", psl.stage, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(psl.stage);
	free(psl.stage);
	psl.stage = NULL;
	if (psl.stagefd > 0)
		close(psl.stagefd);
	psl.stagefd = -1;
}

void
ytd_next(void)
{
	struct payroll_diag diag;
	size_t j, len, n;
	const char *s;
	int st;

	psl.yhave = 0;
	payroll_diag_clear(&diag);
	st = payroll_csv_read(psl.ycsv, &diag);
	if (st == PAYROLL_EOF)
		return;
	if (st != PAYROLL_OK)
		die_diag(status_of(st), &diag);
	psl.yline = payroll_csv_line(psl.ycsv);
	n = payroll_csv_nfields(psl.ycsv);
	s = payroll_csv_field(psl.ycsv, (size_t)psl.yid, &len);
	if ((size_t)psl.yid >= n || len >= sizeof(psl.yidbuf))
		die(ST_DATA, "%s:%lu: bad row", psl.ypath, psl.yline);
	if (psl.yidbuf[0] != '\0' && strncmp(s, psl.yidbuf, len) < 0)
		die(ST_DATA, "%s:%lu: employee_id '%s' out of order: YTD files "
		    "are sorted by employee_id", psl.ypath, psl.yline, s);
	memcpy(psl.yidbuf, s, len);
	psl.yidbuf[len] = '\0';
	s = payroll_csv_field(psl.ycsv, (size_t)psl.ylast, &len);
	snprintf(psl.ylastpay, sizeof(psl.ylastpay), "%.*s", (int)len, s);
	for (j = 0; j < g.ncols; j++) {
		psl.yset[j] = 0;
		if (psl.ycol[j] < 0 || (size_t)psl.ycol[j] >= n)
			continue;
		s = payroll_csv_field(psl.ycsv, (size_t)psl.ycol[j], &len);
		if (len == 0)
			continue;
		if (parse_minor(s, len, &psl.yamt[j]) != 0)
			die(ST_DATA, "%s:%lu: field '%s': '%.*s' is not an "
			    "amount", psl.ypath, psl.yline, g.cols[j].name,
			    (int)len, s);
		psl.yset[j] = 1;
	}
	psl.yhave = 1;
}

static void
ytd_open(void)
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	size_t i, j, n;

	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	psl.ypath = g.ytdpath;
	psl.yfp = in_open(g.ytdpath);
	if (payroll_csv_open(psl.yfp, g.ytdpath, &opts, &psl.ycsv) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	if (payroll_csv_read(psl.ycsv, &diag) != PAYROLL_OK)
		die(ST_DATA, "%s: empty YTD file: no header", g.ytdpath);
	if ((psl.ycol = calloc(g.ncols, sizeof(int))) == NULL)
		die(ST_SYSTEM, "out of memory");
	psl.yid = psl.ylast = -1;
	n = payroll_csv_nfields(psl.ycsv);
	for (j = 0; j < g.ncols; j++)
		psl.ycol[j] = -1;
	for (i = 0; i < n; i++) {
		const char *nm = payroll_csv_field(psl.ycsv, i, NULL);

		if (strcmp(nm, "employee_id") == 0)
			psl.yid = (int)i;
		else if (strcmp(nm, "last_pay_date") == 0)
			psl.ylast = (int)i;
		for (j = 0; j < g.ncols; j++)
			if (strcmp(nm, g.cols[j].name) == 0)
				psl.ycol[j] = (int)i;
	}
	if (psl.yid < 0 || psl.ylast < 0)
		die(ST_DATA, "%s:1: no column 'employee_id' or "
		    "'last_pay_date': not a payroll-calc --ytd-out file",
		    g.ytdpath);
	ytd_next();
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

	layout_pick("payslip", &psl.words);
	root = yroot(&psl.words);
	ykeys(&psl.words, root, top);
	if (strcmp(ystr(&psl.words, root, "format", 1), "payslip") != 0)
		ydie(&psl.words, root, "not the payslip words (format: payslip)");
	langs = ymap(&psl.words, root, "languages", 1);
	psl.lang = ystr(&psl.words, root, "default_language", 1);
	if (g.have_company) {
		c = ymap(&g.company, g.croot, "company", 1);
		if (ystr(&g.company, c, "language", 0) != NULL)
			psl.lang = ystr(&g.company, c, "language", 0);
	}
	if ((l = yget(&psl.words, langs, psl.lang)) == NULL) {
		if (c != NULL && ystr(&g.company, c, "language", 0) != NULL)
			ydie(&g.company, yget(&g.company, c, "language"),
			    "no payslip words for the language '%s' in %s",
			    psl.lang, psl.words.path);
		ydie(&psl.words, root, "no language '%s'", psl.lang);
	}
	if (l->type != PAYROLL_NODE_MAPPING)
		ydie(&psl.words, l, "a language is a mapping");
	ykeys(&psl.words, l, lkeys);
	w = ymap(&psl.words, l, "words", 1);
	ykeys(&psl.words, w, wordkeys);
	for (i = 0; i < NWORDS; i++)
		psl.w[i] = ystr(&psl.words, w, wordkeys[i], 1);
	psl.dec = ystr(&psl.words, l, "decimal", 1);
	psl.grp = ystr(&psl.words, l, "group", 1);
	psl.datefmt = ystr(&psl.words, l, "date", 1);
	psl.paper = ystr(&psl.words, l, "paper", 1);
	if (c != NULL && (nf = ymap(&g.company, c, "number_format", 0)) !=
	    NULL) {
		static const char *const nkeys[] = { "decimal", "group",
		    NULL };

		ykeys(&g.company, nf, nkeys);
		psl.dec = ystr(&g.company, nf, "decimal", 1);
		psl.grp = ystr(&g.company, nf, "group", 0) != NULL ?
		    ystr(&g.company, nf, "group", 0) : "";
		if (*psl.dec == '\0' || strcmp(psl.dec, psl.grp) == 0 ||
		    strpbrk(psl.dec, "0123456789-") != NULL ||
		    strpbrk(psl.grp, "0123456789-") != NULL)
			ydie(&g.company, nf, "number_format: a decimal mark "
			    "and a different thousands separator (or \"\"), "
			    "neither a digit nor '-'");
	}
	if (c != NULL && ystr(&g.company, c, "paper", 0) != NULL)
		psl.paper = ystr(&g.company, c, "paper", 0);
	if (strcmp(psl.paper, "a4") != 0 && strcmp(psl.paper, "letter") != 0)
		die(ST_RULES, "paper '%s': a4 or letter", psl.paper);
}

/* The currency: the company's, which must be the packs' when both say. */
static void
currency_pick(void)
{
	const char *pc = g.rules != NULL ? payroll_rules_currency(g.rules) :
	    "";

	psl.currency = g.currency != NULL ? g.currency : pc;
	if (*pc != '\0' && strcmp(psl.currency, pc) != 0)
		die(ST_RULES, "the company's currency is '%s' but the rule "
		    "packs pay in '%s'", psl.currency, pc);
}

/* The columns that hold each earning's hours and rate. */
static void
hours_columns(void)
{
	size_t j, k;

	if ((psl.hcol = calloc(g.ncols, sizeof(int))) == NULL ||
	    (psl.rcol = calloc(g.ncols, sizeof(int))) == NULL ||
	    (psl.lines = calloc(g.ncols, sizeof(*psl.lines))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (j = 0; j < g.ncols; j++) {
		const char *h = "", *rt = "";

		psl.hcol[j] = psl.rcol[j] = -1;
		if (g.cols[j].rule >= 0) {
			h = payroll_rules_output_hours(g.rules,
			    (size_t)g.cols[j].rule);
			rt = payroll_rules_output_rate(g.rules,
			    (size_t)g.cols[j].rule);
		}
		for (k = 0; k < g.ncols; k++) {
			if (*h != '\0' && strcmp(g.cols[k].name, h) == 0)
				psl.hcol[j] = (int)k;
			if (*rt != '\0' && strcmp(g.cols[k].name, rt) == 0)
				psl.rcol[j] = (int)k;
		}
	}
}

void
payslip_begin(void)
{
	struct stat st;
	size_t n;

	psl.html = strcmp(g.fmt->name, "payslip-html") == 0;
	psl.pdf = strcmp(g.fmt->name, "payslip-pdf") == 0;
	if ((psl.yamt = calloc(g.ncols, sizeof(int64_t))) == NULL ||
	    (psl.yset = calloc(g.ncols, sizeof(int))) == NULL)
		die(ST_SYSTEM, "out of memory");
	words_load();
	currency_pick();
	hours_columns();
	if (g.outpath != NULL && ((n = strlen(g.outpath)) > 0 &&
	    (g.outpath[n - 1] == '/' || (stat(g.outpath, &st) == 0 &&
	    S_ISDIR(st.st_mode))))) {
		psl.dir = 1;
		if (stat(g.outpath, &st) != 0 || !S_ISDIR(st.st_mode))
			die(ST_SYSTEM, "%s: no such folder", g.outpath);
		/* What a killed run left here goes first. */
		stale_sweep(g.outpath);
		if ((psl.stage = malloc(n + 32)) == NULL)
			die(ST_SYSTEM, "out of memory");
		snprintf(psl.stage, n + 32, "%s/.payslips.XXXXXX", g.outpath);
		if (mkdtemp(psl.stage) == NULL) {
			free(psl.stage);
			psl.stage = NULL;
			die(ST_SYSTEM, "%s: %s", g.outpath, strerror(errno));
		}
		atexit(stage_cleanup);
		/* Locked while we live: a later run removes the folder only
		 * if this one was killed. */
		if ((psl.stagefd = open(psl.stage, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) == -1 || flock(psl.stagefd, LOCK_EX) == -1)
			die(ST_SYSTEM, "%s: %s", psl.stage, strerror(errno));
		/* Ctrl-C between payslips ends the run through die(), so
		 * the staging folder goes too. */
		common_defer_signals();
	} else
		g.out = open_output();
	if (g.ytdpath != NULL)
		ytd_open();
	if (psl.html && !psl.dir) {
		fprintf(g.out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>", psl.lang);
		xml_puts(g.out, psl.w[W_PAYSLIP]);
		fputs("</title>\n", g.out);
	}
	if (psl.pdf && !psl.dir)
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

	if (psl.ycsv != NULL) {
		if ((ytd = ytd_for(r)) < 0)
			return;
	} else
		memset(psl.yset, 0, g.ncols * sizeof(int));
	/* One file per employee, named by employee id and pay date: every
	 * id that cannot name one is reported. */
	for (i = 0; psl.dir && i < r->fl[F_ID]; i++) {
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
	if (!psl.dir) {
		fp = g.out;
		if (psl.pdf)
			slip_pdf(r);
		else if (psl.html) {
			if (psl.nslips == 0) {
				fputs(slip_css, fp);
				fputs("</head>\n<body>\n", fp);
			}
			slip_html(fp, r);
		} else {
			if (psl.nslips > 0)
				fputs("\f\n", fp);
			slip_text(fp, r);
		}
		psl.nslips++;
		return;
	}
	date_str(r->pay, d);
	snprintf(path, sizeof(path), "%s/%.*s_%s.%s", psl.stage,
	    (int)r->fl[F_ID], r->fx[F_ID], d, psl.pdf ? "pdf" : psl.html ?
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
	if (psl.pdf) {
		pdf_open(fp);
		slip_pdf(r);
		pdf_close(path);
	} else if (psl.html) {
		fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>", psl.lang);
		xml_puts(fp, psl.w[W_PAYSLIP]);
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
	psl.nslips++;
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

	if (psl.ycsv != NULL) {
		payroll_csv_free(psl.ycsv);
		in_close(psl.yfp);
	}
	if (psl.pdf) {
		if (!psl.dir)
			pdf_close(g.outpath != NULL ? g.outpath :
			    "standard output");
		pdf_release();
	}
	if (!psl.dir) {
		if (psl.html) {
			if (psl.nslips == 0) {
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
	if ((d = opendir(psl.stage)) == NULL)
		die(ST_SYSTEM, "%s: %s", psl.stage, strerror(errno));
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
		if (linkat(outfd, names[i], psl.stagefd, prev, 0) == -1 &&
		    errno != ENOENT) {
			e1 = errno;
			bad = 1;
			break;
		}
		if (renameat(psl.stagefd, names[i], outfd, names[i]) == -1) {
			e1 = errno;
			bad = 1;
			unlinkat(psl.stagefd, prev, 0);
			break;
		}
	}
	if (bad) {
		snprintf(failed, sizeof(failed), "%s", names[i]);
		k = i;
		for (i = 0; i < k; i++) {
			snprintf(prev, sizeof(prev), ".old.%s", names[i]);
			if (renameat(psl.stagefd, prev, outfd, names[i]) == -1)
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
