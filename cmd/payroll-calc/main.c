/*
 * payroll-calc: gross to net for every employee record of a pay period.
 *
 * Employee records (canonical CSV) in; one results row per employee out,
 * with the period and every output of the rule packs.  Records that cannot
 * be calculated go to the rejects file with the reason; the summary
 * reconciles read = paid + rejected and gives control totals.
 *
 * main.c: options, the run and its summary; side.c: the inputs read
 * beside the records; process.c: one employee; output.c: what is written.
 */
#include "pc.h"

static const char usage_text[] =
"usage: payroll-calc -r pack [-r pack ...] -p period [-f frequency | -C calendar]\n"
"                    [-d pay-date] [-O] [-y ytd.csv] [-Y ytd-out.csv]\n"
"                    [-i items.csv] [-R rejects.csv] [-s summary.csv]\n"
"                    [-t paid-results.csv] [-x employee-id]\n"
"                    [-N count] [-T column=total] [-F csv|tsv|json] [-q] [-v]\n"
"                    [--input-summary=FILE] [--stream-summary=FILE]\n"
"                    [-o results.csv] [file]\n";

enum { OPT_STREAM = 256, OPT_INSUM };

static const char options_text[] =
"\nOptions:\n"
"  -C, --calendar=FILE      the pay group's calendar (period, pay date, frequency)\n"
"  -d, --pay-date=DATE      the pay date (default: the period's end)\n"
"  -F, --format=FMT         results as csv (default), tsv or json (NDJSON)\n"
"  -f, --frequency=FREQ     weekly, biweekly, semimonthly, monthly, ... (default monthly)\n"
"  -h, --help               this text\n"
"  -i, --items=FILE         variable items (employee_id,wage_type,amount)\n"
"      --input-summary=FILE the writer's --stream-summary: at the end of the\n"
"                           input it must exist and match what was read\n"
"  -N, --expect-count=N     refuse to commit unless N records were read\n"
"  -O, --off-cycle          an off-cycle run (no salary)\n"
"  -o, --output=FILE        write the results there (default: standard output)\n"
"  -p, --period=PERIOD      the pay period (YYYY-MM, a start date, or START..END)\n"
"  -q, --quiet              no run summary on standard error\n"
"  -v, --verbose            the run summary even when all is well and no one\n"
"                           watches (cron)\n"
"  -R, --rejects=FILE       write rejected records there (else their reasons\n"
"                           go to standard error)\n"
"  -r, --rules=PACK         a rule pack (repeat for several, in order)\n"
"  -s, --summary=FILE       write the run summary (counts, control totals) there\n"
"      --stream-summary=FILE  -s FILE, removed at once, and the results\n"
"                           written to a pipe as they are made\n"
"  -T, --expect-total=COL=TOTAL  refuse to commit unless the column sums to TOTAL\n"
"  -t, --retro=FILE         results already paid for the period (retro deltas)\n"
"  -V, --version            the version\n"
"  -x, --explain=ID         show every value of one employee on standard error\n"
"  -y, --ytd=FILE           the year-to-date balances before this period\n"
"  -Y, --ytd-out=FILE       write the balances after this period\n";

static const struct option longopts[] = {
	{ "calendar", required_argument, NULL, 'C' },
	{ "expect-count", required_argument, NULL, 'N' },
	{ "expect-total", required_argument, NULL, 'T' },
	{ "explain", required_argument, NULL, 'x' },
	{ "format", required_argument, NULL, 'F' },
	{ "frequency", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "input-summary", required_argument, NULL, OPT_INSUM },
	{ "items", required_argument, NULL, 'i' },
	{ "off-cycle", no_argument, NULL, 'O' },
	{ "output", required_argument, NULL, 'o' },
	{ "pay-date", required_argument, NULL, 'd' },
	{ "period", required_argument, NULL, 'p' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "rejects", required_argument, NULL, 'R' },
	{ "retro", required_argument, NULL, 't' },
	{ "rules", required_argument, NULL, 'r' },
	{ "stream-summary", required_argument, NULL, OPT_STREAM },
	{ "summary", required_argument, NULL, 's' },
	{ "version", no_argument, NULL, 'V' },
	{ "ytd", required_argument, NULL, 'y' },
	{ "ytd-out", required_argument, NULL, 'Y' },
	{ NULL, 0, NULL, 0 }
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fputs(usage_text, fp);
	if (fp == stdout) {
		fputs(options_text, fp);
		fputs("\nCalculates gross to net pay for each employee record "
		    "under the rule packs.\nSee payroll-calc(1) and "
		    "docs/rules.md.\n", fp);
	}
	exit(status);
}


/* Copies the reader's current record into a group's next row. */
static void
group_add(struct group *g, struct payroll_csv *csv)
{
	size_t n = payroll_csv_nfields(csv), i, need = 0, off = 0;
	struct row *w;

	if (g->n == g->cap) {
		size_t nc = g->cap ? g->cap * 2 : 4;
		struct row *p = realloc(g->rows, nc * sizeof(*p));

		if (p == NULL)
			die(ST_SYSTEM, "out of memory");
		memset(p + g->cap, 0, (nc - g->cap) * sizeof(*p));
		g->rows = p;
		g->cap = nc;
	}
	w = &g->rows[g->n++];
	for (i = 0; i < n; i++) {
		size_t len;

		(void)payroll_csv_field(csv, i, &len);
		need += len + 1;
	}
	if (need > w->cap || w->f == NULL || w->n < n) {
		free(w->store);
		free(w->f);
		free(w->l);
		if ((w->store = malloc(need)) == NULL ||
		    (w->f = calloc(n + 1, sizeof(*w->f))) == NULL ||
		    (w->l = calloc(n + 1, sizeof(*w->l))) == NULL)
			die(ST_SYSTEM, "out of memory");
		w->cap = need;
	}
	for (i = 0; i < n; i++) {
		size_t len;
		const char *f = payroll_csv_field(csv, i, &len);

		memcpy(w->store + off, f, len + 1);
		w->f[i] = w->store + off;
		w->l[i] = len;
		off += len + 1;
	}
	w->n = n;
	w->line = payroll_csv_line(csv);
}

static void
group_flush(struct run *r)
{
	if (r->grp.n > 0)
		process(r, r->grp.rows, r->grp.n);
	r->grp.n = 0;
}

/* One line of the totals a clerk reads: label, amount with thousands
 * separators. */
static void
total_line(const char *label, struct payroll_dec v)
{
	char buf[80], grouped[112];

	payroll_dec_format(v, 2, buf, sizeof(buf));
	fprintf(stderr, "%s:     %-40.40s %22s\n", progname, label,
	    group_thousands(buf, grouped, sizeof(grouped)));
}

/*
 * The run's totals on standard error, as a payroll clerk reads them: the
 * packs' labels, in the currency, earnings to gross pay, the employee's
 * withholding and deductions with their total, net pay, then the
 * employer's contributions with theirs and the cost of the payroll.
 */
static void
summary_totals(struct run *r)
{
	static const char *const head[] = { "Earnings",
	    "Withholding and deductions (from pay)",
	    "Employer contributions (not from pay)" };
	struct payroll_dec sum[3], cost;
	const char *cur = payroll_rules_currency(r->rules);
	size_t i;
	int s;

	memset(sum, 0, sizeof(sum));
	fprintf(stderr, "%s: totals%s%s\n", progname, *cur ? " in " : "",
	    cur);
	for (s = 0; s < 3; s++) {
		fprintf(stderr, "%s:   %s\n", progname, head[s]);
		for (i = 0; i < r->ncols; i++) {
			enum payroll_kind k = payroll_calc_output_kind(r->calc,
			    i);

			if (!payroll_calc_output_is_money(r->calc, i) ||
			    (s == 0 && k != PAYROLL_K_EARNING) ||
			    (s == 1 && k != PAYROLL_K_WITHHOLDING &&
			    k != PAYROLL_K_DEDUCTION) ||
			    (s == 2 && k != PAYROLL_K_EMPLOYER))
				continue;
			total_line(payroll_calc_output_label(r->calc, i),
			    r->totals[i]);
			if (payroll_dec_add(sum[s], r->totals[i], &sum[s]) != 0)
				return;
		}
		if (s == 0) {
			for (i = 0; i < r->ncols; i++)
				if (payroll_calc_output_kind(r->calc, i) ==
				    PAYROLL_K_GROSS)
					total_line("Gross pay", r->totals[i]);
		} else if (s == 1) {
			total_line("Total withholding and deductions", sum[1]);
			for (i = 0; i < r->ncols; i++)
				if (payroll_calc_output_kind(r->calc, i) ==
				    PAYROLL_K_NET)
					total_line("Net pay", r->totals[i]);
		} else {
			total_line("Total employer contributions", sum[2]);
			if (payroll_dec_add(sum[0], sum[2], &cost) == 0)
				total_line("Payroll cost (gross + employer)",
				    cost);
		}
	}
}

static void
summary(struct run *r, const char *path, int quiet)
{
	FILE *fp = NULL;
	char buf[80];
	size_t i;

	if (path != NULL) {
		/* Committed with the other outputs: it lives in the run
		 * (--stream-summary's was opened when the run started). */
		if ((fp = stream_summary_file()) == NULL) {
			fp = out_open(&r->sumfile, path);
			out_public(&r->sumfile);
		}
		fprintf(fp, "metric,value\nread,%lu\npaid,%lu\n"
		    "records_paid,%lu\nrejected,%lu\nother_pay_group,%lu\n"
		    "split_periods,%lu\nnot_yet_in_force,%lu\n"
		    "not_employed_in_period,%lu\nitems_rejected,%lu\n",
		    r->nread, r->npaid, r->nrowspaid, r->nrejected, r->nother,
		    r->nsplit, r->nlater, r->nnotemployed, r->nitemrej);
	}
	progress_done(&r->pg);
	if (!quiet) {
		fprintf(stderr, "%s: read %lu, %s %lu, rejected %lu\n",
		    progname, r->nread, r->retro ? "recomputed" : "paid",
		    r->npaid, r->nrejected);
		if (r->nrowspaid != r->npaid)
			fprintf(stderr, "%s: %lu records paid %lu employees "
			    "(%lu periods split by effective dates)\n",
			    progname, r->nrowspaid, r->npaid, r->nsplit);
		if (r->retro)
			fprintf(stderr, "%s: retro: %lu changed, %lu unchanged, "
			    "%lu paid before and recovered in full\n", progname,
			    r->nchanged, r->nunchanged, r->nremoved);
		if (r->nlater > 0)
			fprintf(stderr, "%s: %lu records not yet in force "
			    "(effective after %s): not paid in this run\n",
			    progname, r->nlater, r->period[1]);
		if (r->nnotemployed > 0)
			fprintf(stderr, "%s: %lu records of people not employed "
			    "in the period (hired after it or left before it): "
			    "not paid\n", progname, r->nnotemployed);
		if (r->nother > 0)
			fprintf(stderr, "%s: %lu records of another pay group "
			    "or frequency than this %s run%s%s%s: left for their "
			    "own runs\n", progname, r->nother, r->freqname,
			    r->paygroup ? " of '" : "", r->paygroup ? r->paygroup :
			    "", r->paygroup ? "'" : "");
		if (r->nitemrej > 0)
			fprintf(stderr, "%s: %lu item rows rejected (no such "
			    "employee)\n", progname, r->nitemrej);
	}
	for (i = 0; fp != NULL && i < r->ncols; i++) {
		if (!payroll_calc_output_is_money(r->calc, i))
			continue;
		payroll_dec_format(r->totals[i], 2, buf, sizeof(buf));
		fprintf(fp, "total_%s,%s\n", payroll_calc_output_name(r->calc,
		    i), buf);
	}
	if (!quiet)
		summary_totals(r);
}

int
main(int argc, char *argv[])
{
	const char *rulepaths[MAXRULES], *period = NULL, *freq = "monthly";
	const char *paydate = NULL, *ytdpath = NULL, *ytdout = NULL;
	const char *itemspath = NULL, *rejpath = NULL, *outpath = NULL;
	const char *sumpath = NULL, *calpath = NULL, *retropath = NULL;
	const char *streampath = NULL, *insumpath = NULL;
	struct payroll_calendar *cal = NULL;
	struct outfile of, rf, yf;
	struct payroll_run runinfo;
	struct payroll_diag diag;
	struct run r;
	size_t nrules = 0, i, j;
	int ch, st, quiet = 0, verbose = 0, offcycle = 0, freqset = 0;
	long expcount = -1;

	common_init(argc, argv);
	memset(&r, 0, sizeof(r));
	r.ytdendcol = -1;
	while ((ch = getopt_long(argc, argv, "C:d:F:f:hi:N:Oo:p:qR:r:s:T:t:Vvx:y:Y:",
	    longopts, NULL)) != -1)
		switch (ch) {
		case 'C':
			calpath = optarg;
			break;
		case 'd':
			paydate = optarg;
			break;
		case 'x':
			r.explain = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "csv") == 0)
				r.fmt = FMT_CSV;
			else if (strcmp(optarg, "tsv") == 0)
				r.fmt = FMT_TSV;
			else if (strcmp(optarg, "json") == 0)
				r.fmt = FMT_JSON;
			else
				die(ST_USAGE, "unknown format '%s' (csv, tsv, "
				    "json)", optarg);
			break;
		case 'f':
			freq = optarg;
			freqset = 1;
			break;
		case 'h':
			usage(stdout, ST_OK);
		case 'i':
			itemspath = optarg;
			break;
		case 'N':
			{
				char *end;

				errno = 0;
				expcount = strtol(optarg, &end, 10);
				if (*end != '\0' || errno != 0 || expcount < 0)
					die(ST_USAGE, "--expect-count takes a "
					    "number of records, not '%s'", optarg);
			}
			break;
		case 'O':
			offcycle = 1;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'p':
			period = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'R':
			rejpath = optarg;
			break;
		case 'r':
			if (nrules == MAXRULES)
				die(ST_USAGE, "too many rule packs");
			rulepaths[nrules++] = rule_path(optarg);
			break;
		case 's':
			sumpath = optarg;
			break;
		case OPT_STREAM:
			streampath = optarg;
			break;
		case OPT_INSUM:
			insumpath = optarg;
			break;
		case 'T':
			{
				char *eq = strchr(optarg, '=');
				struct expect *x = &r.expect[r.nexpect];

				if (r.nexpect == 8)
					die(ST_USAGE, "at most 8 --expect-total");
				if (eq == NULL || eq == optarg ||
				    payroll_dec_parse(eq + 1, strlen(eq + 1),
				    &x->want) != 0)
					die(ST_USAGE, "--expect-total takes "
					    "COLUMN=AMOUNT, not '%s'", optarg);
				*eq = '\0';
				x->col = optarg;
				r.nexpect++;
			}
			break;
		case 't':
			retropath = optarg;
			break;
		case 'V':
			printf("payroll-calc %s\n", PAYROLL_VERSION);
			return ST_OK;
		case 'y':
			ytdpath = optarg;
			break;
		case 'Y':
			ytdout = optarg;
			break;
		default:
			usage(stderr, ST_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (nrules == 0 || period == NULL) {
		warnx_("%s is required", nrules == 0 ? "-r (--rules), a rule "
		    "pack," : "-p (--period), the pay period,");
		usage(stderr, ST_USAGE);
	}
	if (argc > 1)
		die(ST_USAGE, "one employee file at a time (or standard input)");
	if (streampath != NULL && sumpath != NULL)
		die(ST_USAGE, "--stream-summary is the run's summary: give it "
		    "or -s, not both");
	if (streampath != NULL && outpath != NULL && strcmp(outpath, "-") != 0)
		die(ST_USAGE, "--stream-summary is for results on standard "
		    "output, not -o");
	if (insumpath != NULL)
		input_summary(insumpath);

	memset(&runinfo, 0, sizeof(runinfo));
	runinfo.off_cycle = offcycle;
	r.offcycle = offcycle;
	if (calpath != NULL && freqset)
		die(ST_USAGE, "-f and -C both set the frequency: the calendar's "
		    "is used; give one of them");
	if (calpath != NULL) {
		/* The pay group's calendar gives the period and pay date. */
		if ((st = payroll_calendar_load(calpath, &cal, &diag)) != 0)
			die_diag(status_of(st), &diag);
		if (payroll_calendar_period(cal, period, &runinfo.period,
		    &diag) != 0) {
			snprintf(diag.file, sizeof(diag.file), "%s", calpath);
			die_diag(ST_USAGE, &diag);
		}
		runinfo.holidays = payroll_calendar_holidays(cal,
		    &runinfo.nholidays);
		r.paygroup = payroll_calendar_pay_group(cal);
	} else {
		enum payroll_freq f;

		if (payroll_freq_parse(freq, &f) != 0)
			die(ST_USAGE, "unknown frequency '%s'", freq);
		if (payroll_period_parse(period, f, &runinfo.period) != 0)
			die(ST_USAGE, "bad period '%s' for a %s payroll (use "
			    "YYYY-MM, a start date YYYY-MM-DD, or "
			    "START..END)", period, freq);
	}
	if (paydate != NULL && payroll_date_parse(paydate, strlen(paydate),
	    &runinfo.period.pay_date) != 0)
		die(ST_USAGE, "bad pay date '%s' (YYYY-MM-DD)", paydate);
	/* The pay date picks the year's figures: one far from the period is
	 * a typing error, not a payroll. */
	if (runinfo.period.pay_date < runinfo.period.start - 31 ||
	    runinfo.period.pay_date > runinfo.period.end + 92) {
		char a[11], b[11], c[11];

		payroll_date_format(runinfo.period.pay_date, a, sizeof(a));
		payroll_date_format(runinfo.period.start, b, sizeof(b));
		payroll_date_format(runinfo.period.end, c, sizeof(c));
		die(ST_USAGE, "pay date %s is far from the period %s to %s "
		    "(allowed: a month before its start to three months after "
		    "its end)", a, b, c);
	}
	r.per = runinfo.period;
	r.freqname = payroll_freq_name(runinfo.period.freq);
	payroll_date_format(runinfo.period.start, r.period[0], 11);
	payroll_date_format(runinfo.period.end, r.period[1], 11);
	payroll_date_format(runinfo.period.pay_date, r.period[2], 11);

	if ((st = payroll_rules_load(rulepaths, nrules, &runinfo, &r.rules,
	    &diag)) != 0)
		die_diag(status_of(st), &diag);
	warn_rules(r.rules);
	mask_columns_of(r.rules);

	side_open(&r.emp, argc == 1 ? argv[0] : NULL, "employee");
	if ((st = payroll_calc_new(r.rules, (const char *const *)r.emp.names,
	    r.emp.nnames, &r.calc, &diag)) != 0) {
		snprintf(diag.file, sizeof(diag.file), "%s", r.emp.path);
		die_diag(status_of(st), &diag);
	}
	for (i = 0; i < payroll_rules_ninputs(r.rules); i++)
		if (strcmp(payroll_rules_input_name(r.rules, i),
		    "employee_id") == 0)
			r.idmask = payroll_rules_input_mask(r.rules, i);
	r.effcol = r.groupcol = r.freqcol = r.hirecol = r.termcol = -1;
	for (i = 0; i < r.emp.nnames; i++) {
		if (strcmp(r.emp.names[i], "effective_date") == 0)
			r.effcol = (int)i;
		if (strcmp(r.emp.names[i], "pay_group") == 0)
			r.groupcol = (int)i;
		if (strcmp(r.emp.names[i], "pay_frequency") == 0)
			r.freqcol = (int)i;
		if (strcmp(r.emp.names[i], "hire_date") == 0)
			r.hirecol = (int)i;
		if (strcmp(r.emp.names[i], "termination_date") == 0)
			r.termcol = (int)i;
	}
	for (j = 0; j < (size_t)r.nexpect; j++) {
		r.expect[j].idx = -1;
		for (i = 0; i < r.emp.nnames; i++)
			if (strcmp(r.emp.names[i], r.expect[j].col) == 0)
				r.expect[j].idx = (int)i;
		if (r.expect[j].idx < 0)
			die(ST_DATA, "%s:1: --expect-total: no column '%s'",
			    r.emp.path, r.expect[j].col);
	}
	if (r.paygroup != NULL && r.groupcol < 0)
		die(ST_DATA, "%s:1: no column 'pay_group', needed to pick the "
		    "employees of the calendar's pay group '%s'", r.emp.path,
		    r.paygroup);
	r.ncols = payroll_calc_noutputs(r.calc);
	if ((r.totals = calloc(r.ncols + 1, sizeof(*r.totals))) == NULL ||
	    (r.passcol = calloc(r.emp.nnames + 1, sizeof(*r.passcol))) == NULL ||
	    (r.passnum = calloc(r.emp.nnames + 1, sizeof(*r.passnum))) == NULL)
		die(ST_SYSTEM, "out of memory");
	/* Input columns pass through, unless an output or a period column
	 * of the same name replaces them. */
	for (i = 0; i < r.emp.nnames; i++) {
		const char *nm = r.emp.names[i];
		int drop = strcmp(nm, "period_start") == 0 ||
		    strcmp(nm, "period_end") == 0 || strcmp(nm, "pay_date") == 0;

		for (j = 0; !drop && j < r.ncols; j++)
			drop = strcmp(nm, payroll_calc_output_name(r.calc, j)) == 0;
		if (!drop) {
			int in = payroll_rules_input_find(r.rules, nm);
			enum payroll_type t = in < 0 ? PAYROLL_T_STRING :
			    payroll_rules_input_type(r.rules, (size_t)in);

			r.passnum[r.npass] = t == PAYROLL_T_DECIMAL ||
			    t == PAYROLL_T_MONEY || t == PAYROLL_T_INTEGER ? 1 :
			    t == PAYROLL_T_BOOL ? 2 : 0;
			r.passcol[r.npass++] = (int)i;
		}
	}
	if (ytdpath != NULL) {
		side_open(&r.ytd, ytdpath, "YTD");
		r.ytd.order = 2;
		for (i = 0; i < r.ytd.nnames; i++)
			if (strcmp(r.ytd.names[i], "last_period_end") == 0)
				r.ytdendcol = (int)i;
		if ((st = payroll_calc_ytd_bind(r.calc,
		    (const char *const *)r.ytd.names, r.ytd.nnames,
		    &diag)) != 0) {
			snprintf(diag.file, sizeof(diag.file), "%s", ytdpath);
			die_diag(status_of(st), &diag);
		}
		side_next(&r.ytd);
	}
	if (itemspath != NULL) {
		side_open(&r.items, itemspath, "items");
		r.items.order = 1;
		side_next(&r.items);
	}
	if (retropath != NULL) {
		if (ytdout != NULL)
			die(ST_USAGE, "--retro writes differences, not a new "
			    "state: it takes no --ytd-out");
		side_open(&r.paid, retropath, "paid results");
		r.paid.order = 2;
		r.retro = 1;
		if ((r.paidcol = calloc(r.ncols + 1, sizeof(*r.paidcol))) ==
		    NULL || (r.delta = calloc(r.ncols + 1,
		    sizeof(*r.delta))) == NULL)
			die(ST_SYSTEM, "out of memory");
		/* The paid file is this run's results: the same columns. */
		if (r.paid.nnames != r.npass + 3 + r.ncols)
			die(ST_DATA, "%s:1: %zu columns, where this run's results "
			    "have %zu: retro compares results of the same "
			    "packs and employee columns", retropath,
			    r.paid.nnames, r.npass + 3 + r.ncols);
		for (i = 0; i < r.ncols; i++) {
			const char *nm = payroll_calc_output_name(r.calc, i);

			r.paidcol[i] = (int)(r.npass + 3 + i);
			if (strcmp(r.paid.names[r.paidcol[i]], nm) != 0)
				die(ST_DATA, "%s:1: column %d is '%s', not '%s'",
				    retropath, r.paidcol[i] + 1,
				    r.paid.names[r.paidcol[i]], nm);
		}
		side_next(&r.paid);
	}

	/* Outputs, all written atomically at the end (with
	 * --stream-summary, results on a pipe as they are made, the
	 * previous summary removed before the first). */
	if (streampath != NULL) {
		stream_summary_open(streampath);
		sumpath = streampath;
	}
	r.out.fp = out_open(&of, outpath);
	r.nnames = r.npass + 3 + r.ncols;
	if ((r.names = calloc(r.nnames + 1, sizeof(*r.names))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < r.npass; i++)
		r.names[i] = r.emp.names[r.passcol[i]];
	r.names[r.npass] = "period_start";
	r.names[r.npass + 1] = "period_end";
	r.names[r.npass + 2] = "pay_date";
	for (i = 0; i < r.ncols; i++)
		r.names[r.npass + 3 + i] = payroll_calc_output_name(r.calc, i);
	if (r.fmt != FMT_JSON) {
		for (i = 0; i < r.nnames; i++)
			emit(&r, r.names[i], strlen(r.names[i]));
		emit_end(&r);
	}
	if (rejpath != NULL && strcmp(rejpath, "-") == 0 &&
	    (outpath == NULL || strcmp(outpath, "-") == 0))
		die(ST_USAGE, "-R - would mix the rejects into the results on "
		    "standard output: name a file for one of them");
	if (rejpath != NULL) {
		r.rej.fp = out_open(&rf, rejpath);
		/* A person opens it: the rule of every such CSV. */
		r.rej.neutralise = 1;
		r.have_rej = 1;
		if (payroll_csv_puts(&r.rej, "file") != 0 ||
		    payroll_csv_puts(&r.rej, "line") != 0 ||
		    payroll_csv_puts(&r.rej, "employee_id") != 0 ||
		    payroll_csv_puts(&r.rej, "field") != 0 ||
		    payroll_csv_puts(&r.rej, "rule") != 0 ||
		    payroll_csv_puts(&r.rej, "message") != 0 ||
		    payroll_csv_endrec(&r.rej) != 0)
			die(ST_SYSTEM, "%s: %s", rejpath, strerror(errno));
	}
	if (ytdout != NULL) {
		r.yout.fp = out_open(&yf, ytdout);
		r.have_ytd_out = 1;
		put(&r.yout, "employee_id", 11);
		put(&r.yout, "last_pay_date", 13);
		put(&r.yout, "last_period_end", 15);
		for (j = 0; j < payroll_calc_nbalances(r.calc); j++)
			put(&r.yout, payroll_calc_balance_name(r.calc, j),
			    strlen(payroll_calc_balance_name(r.calc, j)));
		if (r.ytd.csv != NULL) {
			if ((r.yextra = calloc(r.ytd.nnames + 1,
			    sizeof(*r.yextra))) == NULL)
				die(ST_SYSTEM, "out of memory");
			for (i = 0; i < r.ytd.nnames; i++) {
				const char *nm = r.ytd.names[i];
				int known = strcmp(nm, "employee_id") == 0 ||
				    strcmp(nm, "last_pay_date") == 0 ||
				    strcmp(nm, "last_period_end") == 0;

				for (j = 0; !known && j <
				    payroll_calc_nbalances(r.calc); j++)
					known = strcmp(nm,
					    payroll_calc_balance_name(r.calc,
					    j)) == 0;
				if (!known) {
					r.yextra[r.nyextra++] = (int)i;
					put(&r.yout, nm, strlen(nm));
				}
			}
		}
		endrec(&r.yout);
	}

	/* The records; progress only for a person watching, never in
	 * cron's mail. */
	r.sorted = 1;
	idcheck_init(&r.ids);
	progress_start(&r.pg, quiet, r.emp.fp);
	for (;;) {
		size_t n, k;
		const char *id;
		unsigned long line;
		char m1[80], m2[80];

		payroll_diag_clear(&diag);
		st = payroll_csv_read(r.emp.csv, &diag);
		if (st == PAYROLL_EOF)
			break;
		if (st == PAYROLL_EIO || st == PAYROLL_ENOMEM)
			die_diag(ST_SYSTEM, &diag);
		if (st == PAYROLL_ESYNTAX && payroll_csv_nfields(r.emp.csv) == 0)
			die_diag(ST_DATA, &diag);	/* malformed CSV */
		r.nread++;
		progress_tick(&r.pg);
		if (st != PAYROLL_OK) {
			reject(&r, r.emp.path, diag.line, "", 0, NULL, "csv",
			    diag.msg);
			r.nrejected++;
			continue;
		}
		n = payroll_csv_nfields(r.emp.csv);
		line = payroll_csv_line(r.emp.csv);
		if (n != r.emp.nnames) {
			char m[120];

			snprintf(m, sizeof(m), "%zu fields where the header has "
			    "%zu", n, r.emp.nnames);
			reject(&r, r.emp.path, line, "", 0, NULL, "csv", m);
			r.nrejected++;
			continue;
		}
		for (k = 0; k < n; k++)
			r.emp.f[k] = payroll_csv_field(r.emp.csv, k, &r.emp.l[k]);
		for (k = 0; k < (size_t)r.nexpect; k++) {
			struct expect *x = &r.expect[k];
			struct payroll_dec v;

			if (r.emp.l[x->idx] > 0 && payroll_dec_parse(
			    r.emp.f[x->idx], r.emp.l[x->idx], &v) == 0 &&
			    payroll_dec_add(x->got, v, &x->got) != 0)
				die(ST_DATA, "--expect-total: overflow");
		}
		id = r.emp.f[r.emp.idcol];
		if (r.emp.l[r.emp.idcol] == 0) {
			reject(&r, r.emp.path, line, "", 0, "employee_id",
			    "required", "no employee_id");
			r.nrejected++;
			continue;
		}
		if ((r.paygroup != NULL && (r.emp.l[r.groupcol] !=
		    strlen(r.paygroup) || memcmp(r.emp.f[r.groupcol],
		    r.paygroup, r.emp.l[r.groupcol]) != 0)) ||
		    (r.freqcol >= 0 && r.emp.l[r.freqcol] > 0 &&
		    !same_freq(r.emp.f[r.freqcol], r.emp.l[r.freqcol],
		    r.freqname))) {
			/* Another pay group's or frequency's employee: paid in
			 * their own run, counted here. */
			r.nother++;
			continue;
		}
		if (r.effcol >= 0) {
			/* Effective-dated records: gather the employee's. */
			if (r.grp.n > 0 && strcmp(r.grp.rows[0].f[r.emp.idcol],
			    id) != 0)
				group_flush(&r);
			if (r.grp.n == 0) {
				if (r.lastid != NULL && r.lastid[0] != '\0' &&
				    strcmp(id, r.lastid) <= 0)
					die(ST_DATA, "%s:%lu: employee_id '%s' "
					    "after '%s': effective-dated records "
					    "are sorted by employee_id, then "
					    "effective_date", r.emp.path, line,
					    show_value("employee_id", id,
					    r.emp.l[r.emp.idcol], m1, sizeof(m1)),
					    show_value("employee_id", r.lastid,
					    strlen(r.lastid), m2, sizeof(m2)));
				keep(&r.lastid, &r.lastcap, id,
				    r.emp.l[r.emp.idcol]);
			}
			group_add(&r.grp, r.emp.csv);
			continue;
		}
		if ((k = idcheck_add(&r.ids, id, r.emp.l[r.emp.idcol],
		    line)) != 0) {
			char m[120];

			snprintf(m, sizeof(m), "employee_id appears again (first "
			    "on line %zu): not paid twice", k);
			reject(&r, r.emp.path, line, id, r.emp.l[r.emp.idcol],
			    "employee_id", "duplicate", m);
			r.nrejected++;
			continue;
		}
		check_sorted(&r, id, r.emp.l[r.emp.idcol], line);
		{
			struct row one;

			one.f = r.emp.f;
			one.l = r.emp.l;
			one.n = n;
			one.line = line;
			process(&r, &one, 1);
		}
	}
	/* The end of the input: with --input-summary, all of it? */
	input_summary_check(r.nread);
	group_flush(&r);
	while (r.retro && r.paid.have) {
		retro_removed(&r);
		side_next(&r.paid);
	}
	/* What is left of the YTD and items files. */
	while (r.ytd.have) {
		if (r.have_ytd_out)
			carry_ytd(&r);
		side_next(&r.ytd);
	}
	while (r.items.have) {
		reject(&r, r.items.path, r.items.line, r.items.id,
		    strlen(r.items.id), "employee_id", "items",
		    "no employee record with this employee_id in this run");
		side_next(&r.items);
	}
	if (r.explain != NULL && !r.explained)
		warnx_("--explain: no employee '%s' in the input", r.explain);

	if (r.nread != r.nrowspaid + r.nrejected + r.nother + r.nlater +
	    r.nnotemployed)
		die(ST_SYSTEM, "internal error: read %lu, paid %lu, rejected "
		    "%lu, other pay groups %lu, later %lu, not employed %lu do "
		    "not reconcile", r.nread, r.nrowspaid, r.nrejected, r.nother,
		    r.nlater, r.nnotemployed);
	/* Control totals handed over by the previous step. */
	if (expcount >= 0 && (unsigned long)expcount != r.nread)
		die(ST_DATA, "%s: %lu records read where %ld were expected "
		    "(--expect-count): nothing written", r.emp.path, r.nread,
		    expcount);
	for (i = 0; i < (size_t)r.nexpect; i++)
		if (payroll_dec_cmp(r.expect[i].got, r.expect[i].want) != 0) {
			char g[64], w[64];

			payroll_dec_format(r.expect[i].got, -1, g, sizeof(g));
			payroll_dec_format(r.expect[i].want, -1, w, sizeof(w));
			die(ST_DATA, "%s: column '%s' totals %s where %s was "
			    "expected (--expect-total): nothing written",
			    r.emp.path, r.expect[i].col, g, w);
		}
	/* The summary file is an output of the run; the lines on stderr
	 * say the run succeeded: only once every output is in place (a
	 * closed pipe is an error, and comes alone). */
	summary(&r, sumpath, 1);
	stream_summary_end(r.nemitted - (r.fmt != FMT_JSON));
	out_commit_all_or_die();
	summary(&r, NULL, !show_summary(quiet, verbose, r.nrejected +
	    r.nitemrej > 0 || r.npaid == 0));
	side_close(&r.emp);
	side_close(&r.ytd);
	side_close(&r.items);
	payroll_calc_free(r.calc);
	payroll_rules_free(r.rules);
	payroll_calendar_free(cal);
	for (i = 0; i < r.grp.cap; i++) {
		free(r.grp.rows[i].store);
		free(r.grp.rows[i].f);
		free(r.grp.rows[i].l);
	}
	free(r.grp.rows);
	idcheck_release(&r.ids);
	side_close(&r.paid);
	free(r.paidcol);
	free(r.delta);
	free(r.names);
	free(r.totals);
	free(r.passcol);
	free(r.passnum);
	free(r.yextra);
	free(r.lastid);
	if (r.npaid == 0) {
		/* Nothing to pay is never a quiet success: an empty export, or
		 * every record of another pay group or frequency. */
		warnx_("%s: paid nobody (%lu records read)", r.emp.path,
		    r.nread);
		return ST_DATA;
	}
	return r.nrejected + r.nitemrej > 0 ? ST_DATA : ST_OK;
}
