/*
 * payroll-calc: gross to net for every employee record of a pay period.
 *
 * Employee records (canonical CSV) in; one results row per employee out,
 * with the period and every output of the rule packs.  Records that cannot
 * be calculated go to the rejects file with the reason; the summary
 * reconciles read = paid + rejected and gives control totals.
 *
 * main.c: options and the run; summary.c: its summary and totals;
 * side.c: the inputs read beside the records; process.c: one employee;
 * output.c: what is written.
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

/* The command line: what to read, where to write, and the checks asked. */
struct options {
	const char *rulepaths[MAXRULES];
	size_t nrules;
	const char *period, *freq, *paydate, *calpath;
	const char *emppath, *ytdpath, *itemspath, *retropath, *insumpath;
	const char *outpath, *rejpath, *ytdout, *sumpath, *streampath;
	int quiet, verbose, offcycle, freqset;
	long expcount;		/* --expect-count, or -1 */
};

/* -N: a count of records. */
static long
parse_expect_count(const char *arg)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || errno != 0 || n < 0)
		die(ST_USAGE, "--expect-count takes a number of records, not "
		    "'%s'", arg);
	return n;
}

/* -T COLUMN=TOTAL: one more control total the run checks (arg is cut at
 * the '=' and its column name kept). */
static void
add_expect_total(struct run *r, char *arg)
{
	char *eq = strchr(arg, '=');
	struct expect *x = &r->expect[r->nexpect];

	if (r->nexpect == 8)
		die(ST_USAGE, "at most 8 --expect-total");
	if (eq == NULL || eq == arg || payroll_dec_parse(eq + 1,
	    strlen(eq + 1), &x->want) != 0)
		die(ST_USAGE, "--expect-total takes COLUMN=AMOUNT, not '%s'",
		    arg);
	*eq = '\0';
	x->col = arg;
	r->nexpect++;
}

/* -F: the results' format. */
static int
parse_format(const char *arg)
{
	if (strcmp(arg, "csv") == 0)
		return FMT_CSV;
	if (strcmp(arg, "tsv") == 0)
		return FMT_TSV;
	if (strcmp(arg, "json") == 0)
		return FMT_JSON;
	die(ST_USAGE, "unknown format '%s' (csv, tsv, json)", arg);
}

/*
 * The command line into o; the options that are the run's own settings
 * (-x, -F, -T) go straight into r.  Exits on a usage error, --help and
 * --version.
 */
static void
parse_options(int argc, char *argv[], struct options *o, struct run *r)
{
	int ch;

	memset(o, 0, sizeof(*o));
	o->freq = "monthly";
	o->expcount = -1;
	while ((ch = getopt_long(argc, argv, "C:d:F:f:hi:N:Oo:p:qR:r:s:T:t:Vvx:y:Y:",
	    longopts, NULL)) != -1)
		switch (ch) {
		case 'C':
			o->calpath = optarg;
			break;
		case 'd':
			o->paydate = optarg;
			break;
		case 'x':
			r->explain = optarg;
			break;
		case 'F':
			r->fmt = parse_format(optarg);
			break;
		case 'f':
			o->freq = optarg;
			o->freqset = 1;
			break;
		case 'h':
			usage(stdout, ST_OK);
		case 'i':
			o->itemspath = optarg;
			break;
		case 'N':
			o->expcount = parse_expect_count(optarg);
			break;
		case 'O':
			o->offcycle = 1;
			break;
		case 'o':
			o->outpath = optarg;
			break;
		case 'p':
			o->period = optarg;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'R':
			o->rejpath = optarg;
			break;
		case 'r':
			if (o->nrules == MAXRULES)
				die(ST_USAGE, "too many rule packs");
			o->rulepaths[o->nrules++] = rule_path(optarg);
			break;
		case 's':
			o->sumpath = optarg;
			break;
		case OPT_STREAM:
			o->streampath = optarg;
			break;
		case OPT_INSUM:
			o->insumpath = optarg;
			break;
		case 'T':
			add_expect_total(r, optarg);
			break;
		case 't':
			o->retropath = optarg;
			break;
		case 'V':
			printf("payroll-calc %s\n", PAYROLL_VERSION);
			exit(ST_OK);
		case 'y':
			o->ytdpath = optarg;
			break;
		case 'Y':
			o->ytdout = optarg;
			break;
		default:
			usage(stderr, ST_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (o->nrules == 0 || o->period == NULL) {
		warnx_("%s is required", o->nrules == 0 ? "-r (--rules), a "
		    "rule pack," : "-p (--period), the pay period,");
		usage(stderr, ST_USAGE);
	}
	if (argc > 1)
		die(ST_USAGE, "one employee file at a time (or standard input)");
	o->emppath = argc == 1 ? argv[0] : NULL;
	if (o->streampath != NULL && o->sumpath != NULL)
		die(ST_USAGE, "--stream-summary is the run's summary: give it "
		    "or -s, not both");
	if (o->streampath != NULL && o->outpath != NULL &&
	    strcmp(o->outpath, "-") != 0)
		die(ST_USAGE, "--stream-summary is for results on standard "
		    "output, not -o");
}

/*
 * The pay period, pay date and frequency, from the calendar (-C) or from
 * -p and -f, into runinfo and r; *cal is the calendar loaded, if any.
 */
static void
set_period(const struct options *o, struct run *r,
    struct payroll_run *runinfo, struct payroll_calendar **cal)
{
	struct payroll_diag diag;
	int st;

	memset(runinfo, 0, sizeof(*runinfo));
	runinfo->off_cycle = o->offcycle;
	r->offcycle = o->offcycle;
	if (o->calpath != NULL && o->freqset)
		die(ST_USAGE, "-f and -C both set the frequency: the calendar's "
		    "is used; give one of them");
	if (o->calpath != NULL) {
		/* The pay group's calendar gives the period and pay date. */
		if ((st = payroll_calendar_load(o->calpath, cal, &diag)) != 0)
			die_diag(status_of(st), &diag);
		if (payroll_calendar_period(*cal, o->period, &runinfo->period,
		    &diag) != 0) {
			snprintf(diag.file, sizeof(diag.file), "%s", o->calpath);
			die_diag(ST_USAGE, &diag);
		}
		runinfo->holidays = payroll_calendar_holidays(*cal,
		    &runinfo->nholidays);
		r->paygroup = payroll_calendar_pay_group(*cal);
	} else {
		enum payroll_freq f;

		if (payroll_freq_parse(o->freq, &f) != 0)
			die(ST_USAGE, "unknown frequency '%s'", o->freq);
		if (payroll_period_parse(o->period, f, &runinfo->period) != 0)
			die(ST_USAGE, "bad period '%s' for a %s payroll (use "
			    "YYYY-MM, a start date YYYY-MM-DD, or "
			    "START..END)", o->period, o->freq);
	}
	if (o->paydate != NULL && payroll_date_parse(o->paydate,
	    strlen(o->paydate), &runinfo->period.pay_date) != 0)
		die(ST_USAGE, "bad pay date '%s' (YYYY-MM-DD)", o->paydate);
	/* The pay date picks the year's figures: one far from the period is
	 * a typing error, not a payroll. */
	if (runinfo->period.pay_date < runinfo->period.start - 31 ||
	    runinfo->period.pay_date > runinfo->period.end + 92) {
		char a[11], b[11], c[11];

		payroll_date_format(runinfo->period.pay_date, a, sizeof(a));
		payroll_date_format(runinfo->period.start, b, sizeof(b));
		payroll_date_format(runinfo->period.end, c, sizeof(c));
		die(ST_USAGE, "pay date %s is far from the period %s to %s "
		    "(allowed: a month before its start to three months after "
		    "its end)", a, b, c);
	}
	r->per = runinfo->period;
	r->freqname = payroll_freq_name(runinfo->period.freq);
	payroll_date_format(runinfo->period.start, r->period[0], 11);
	payroll_date_format(runinfo->period.end, r->period[1], 11);
	payroll_date_format(runinfo->period.pay_date, r->period[2], 11);
}

/*
 * The employee file (path, or standard input when NULL): its header, the
 * calculation bound to it, and the columns the run looks at (effective
 * date, pay group, frequency, hire and termination dates, -T's).
 */
static void
open_employees(struct run *r, const char *path)
{
	struct payroll_diag diag;
	size_t i, j;
	int st;

	side_open(&r->emp, path, "employee");
	if ((st = payroll_calc_new(r->rules, (const char *const *)r->emp.names,
	    r->emp.nnames, &r->calc, &diag)) != 0) {
		snprintf(diag.file, sizeof(diag.file), "%s", r->emp.path);
		die_diag(status_of(st), &diag);
	}
	for (i = 0; i < payroll_rules_ninputs(r->rules); i++)
		if (strcmp(payroll_rules_input_name(r->rules, i),
		    "employee_id") == 0)
			r->idmask = payroll_rules_input_mask(r->rules, i);
	r->effcol = r->groupcol = r->freqcol = r->hirecol = r->termcol = -1;
	for (i = 0; i < r->emp.nnames; i++) {
		if (strcmp(r->emp.names[i], "effective_date") == 0)
			r->effcol = (int)i;
		if (strcmp(r->emp.names[i], "pay_group") == 0)
			r->groupcol = (int)i;
		if (strcmp(r->emp.names[i], "pay_frequency") == 0)
			r->freqcol = (int)i;
		if (strcmp(r->emp.names[i], "hire_date") == 0)
			r->hirecol = (int)i;
		if (strcmp(r->emp.names[i], "termination_date") == 0)
			r->termcol = (int)i;
	}
	for (j = 0; j < (size_t)r->nexpect; j++) {
		r->expect[j].idx = -1;
		for (i = 0; i < r->emp.nnames; i++)
			if (strcmp(r->emp.names[i], r->expect[j].col) == 0)
				r->expect[j].idx = (int)i;
		if (r->expect[j].idx < 0)
			die(ST_DATA, "%s:1: --expect-total: no column '%s'",
			    r->emp.path, r->expect[j].col);
	}
	if (r->paygroup != NULL && r->groupcol < 0)
		die(ST_DATA, "%s:1: no column 'pay_group', needed to pick the "
		    "employees of the calendar's pay group '%s'", r->emp.path,
		    r->paygroup);
}

/*
 * The results' columns: the employee columns passed through (unless an
 * output or a period column of the same name replaces them), then the
 * period, then the packs' outputs.
 */
static void
choose_columns(struct run *r)
{
	size_t i, j;

	r->ncols = payroll_calc_noutputs(r->calc);
	if ((r->totals = calloc(r->ncols + 1, sizeof(*r->totals))) == NULL ||
	    (r->passcol = calloc(r->emp.nnames + 1,
	    sizeof(*r->passcol))) == NULL ||
	    (r->passnum = calloc(r->emp.nnames + 1,
	    sizeof(*r->passnum))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < r->emp.nnames; i++) {
		const char *nm = r->emp.names[i];
		int drop = strcmp(nm, "period_start") == 0 ||
		    strcmp(nm, "period_end") == 0 || strcmp(nm, "pay_date") == 0;

		for (j = 0; !drop && j < r->ncols; j++)
			drop = strcmp(nm, payroll_calc_output_name(r->calc,
			    j)) == 0;
		if (!drop) {
			int in = payroll_rules_input_find(r->rules, nm);
			enum payroll_type t = in < 0 ? PAYROLL_T_STRING :
			    payroll_rules_input_type(r->rules, (size_t)in);

			r->passnum[r->npass] = t == PAYROLL_T_DECIMAL ||
			    t == PAYROLL_T_MONEY || t == PAYROLL_T_INTEGER ? 1 :
			    t == PAYROLL_T_BOOL ? 2 : 0;
			r->passcol[r->npass++] = (int)i;
		}
	}
}

/* -y: the YTD balances before this period, bound to the calculation. */
static void
open_ytd(struct run *r, const char *path)
{
	struct payroll_diag diag;
	size_t i;
	int st;

	side_open(&r->ytd, path, "YTD");
	r->ytd.order = 2;
	for (i = 0; i < r->ytd.nnames; i++)
		if (strcmp(r->ytd.names[i], "last_period_end") == 0)
			r->ytdendcol = (int)i;
	if ((st = payroll_calc_ytd_bind(r->calc,
	    (const char *const *)r->ytd.names, r->ytd.nnames, &diag)) != 0) {
		snprintf(diag.file, sizeof(diag.file), "%s", path);
		die_diag(status_of(st), &diag);
	}
	side_next(&r->ytd);
}

/* -t: the results already paid for the period, with this run's columns. */
static void
open_retro(struct run *r, const char *path)
{
	size_t i;

	side_open(&r->paid, path, "paid results");
	r->paid.order = 2;
	r->retro = 1;
	if ((r->paidcol = calloc(r->ncols + 1, sizeof(*r->paidcol))) ==
	    NULL || (r->delta = calloc(r->ncols + 1,
	    sizeof(*r->delta))) == NULL)
		die(ST_SYSTEM, "out of memory");
	/* The paid file is this run's results: the same columns. */
	if (r->paid.nnames != r->npass + 3 + r->ncols)
		die(ST_DATA, "%s:1: %zu columns, where this run's results "
		    "have %zu: retro compares results of the same "
		    "packs and employee columns", path,
		    r->paid.nnames, r->npass + 3 + r->ncols);
	for (i = 0; i < r->ncols; i++) {
		const char *nm = payroll_calc_output_name(r->calc, i);

		r->paidcol[i] = (int)(r->npass + 3 + i);
		if (strcmp(r->paid.names[r->paidcol[i]], nm) != 0)
			die(ST_DATA, "%s:1: column %d is '%s', not '%s'",
			    path, r->paidcol[i] + 1,
			    r->paid.names[r->paidcol[i]], nm);
	}
	side_next(&r->paid);
}

/* The inputs read beside the employee records: YTD, items, paid results. */
static void
open_side_inputs(struct run *r, const struct options *o)
{
	if (o->ytdpath != NULL)
		open_ytd(r, o->ytdpath);
	if (o->itemspath != NULL) {
		side_open(&r->items, o->itemspath, "items");
		r->items.order = 1;
		side_next(&r->items);
	}
	if (o->retropath != NULL) {
		if (o->ytdout != NULL)
			die(ST_USAGE, "--retro writes differences, not a new "
			    "state: it takes no --ytd-out");
		open_retro(r, o->retropath);
	}
}

/* The results file and its header line (none for NDJSON). */
static void
open_results(struct run *r, const char *path)
{
	size_t i;

	r->out.fp = out_open(&r->outfile, path);
	r->nnames = r->npass + 3 + r->ncols;
	if ((r->names = calloc(r->nnames + 1, sizeof(*r->names))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < r->npass; i++)
		r->names[i] = r->emp.names[r->passcol[i]];
	r->names[r->npass] = "period_start";
	r->names[r->npass + 1] = "period_end";
	r->names[r->npass + 2] = "pay_date";
	for (i = 0; i < r->ncols; i++)
		r->names[r->npass + 3 + i] = payroll_calc_output_name(r->calc,
		    i);
	if (r->fmt != FMT_JSON) {
		for (i = 0; i < r->nnames; i++)
			emit(r, r->names[i], strlen(r->names[i]));
		emit_end(r);
	}
}

/* -R: the rejects file and its header line. */
static void
open_rejects(struct run *r, const char *path)
{
	r->rej.fp = out_open(&r->rejfile, path);
	/* A person opens it: the rule of every such CSV. */
	r->rej.neutralise = 1;
	r->have_rej = 1;
	if (payroll_csv_puts(&r->rej, "file") != 0 ||
	    payroll_csv_puts(&r->rej, "line") != 0 ||
	    payroll_csv_puts(&r->rej, "employee_id") != 0 ||
	    payroll_csv_puts(&r->rej, "field") != 0 ||
	    payroll_csv_puts(&r->rej, "rule") != 0 ||
	    payroll_csv_puts(&r->rej, "message") != 0 ||
	    payroll_csv_endrec(&r->rej) != 0)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
}

/*
 * -Y: the balances after this period, and its header: the balances, then
 * the columns of the YTD file read that this run does not know (carried
 * unchanged).
 */
static void
open_ytd_out(struct run *r, const char *path)
{
	size_t i, j;

	r->yout.fp = out_open(&r->ytdfile, path);
	r->have_ytd_out = 1;
	put(&r->yout, "employee_id", 11);
	put(&r->yout, "last_pay_date", 13);
	put(&r->yout, "last_period_end", 15);
	for (j = 0; j < payroll_calc_nbalances(r->calc); j++)
		put(&r->yout, payroll_calc_balance_name(r->calc, j),
		    strlen(payroll_calc_balance_name(r->calc, j)));
	if (r->ytd.csv != NULL) {
		if ((r->yextra = calloc(r->ytd.nnames + 1,
		    sizeof(*r->yextra))) == NULL)
			die(ST_SYSTEM, "out of memory");
		for (i = 0; i < r->ytd.nnames; i++) {
			const char *nm = r->ytd.names[i];
			int known = strcmp(nm, "employee_id") == 0 ||
			    strcmp(nm, "last_pay_date") == 0 ||
			    strcmp(nm, "last_period_end") == 0;

			for (j = 0; !known && j <
			    payroll_calc_nbalances(r->calc); j++)
				known = strcmp(nm,
				    payroll_calc_balance_name(r->calc, j)) == 0;
			if (!known) {
				r->yextra[r->nyextra++] = (int)i;
				put(&r->yout, nm, strlen(nm));
			}
		}
	}
	endrec(&r->yout);
}

/*
 * Outputs, all written atomically at the end (with --stream-summary,
 * results on a pipe as they are made, the previous summary removed
 * before the first).  The summary's path is o->sumpath, or
 * o->streampath with --stream-summary.
 */
static void
open_outputs(struct run *r, struct options *o)
{
	if (o->streampath != NULL) {
		stream_summary_open(o->streampath);
		o->sumpath = o->streampath;
	}
	open_results(r, o->outpath);
	if (o->rejpath != NULL && strcmp(o->rejpath, "-") == 0 &&
	    (o->outpath == NULL || strcmp(o->outpath, "-") == 0))
		die(ST_USAGE, "-R - would mix the rejects into the results on "
		    "standard output: name a file for one of them");
	if (o->rejpath != NULL)
		open_rejects(r, o->rejpath);
	if (o->ytdout != NULL)
		open_ytd_out(r, o->ytdout);
}

/* The record read: its -T columns added to their control totals. */
static void
add_to_expected_totals(struct run *r)
{
	int k;

	for (k = 0; k < r->nexpect; k++) {
		struct expect *x = &r->expect[k];
		struct payroll_dec v;

		if (r->emp.l[x->idx] > 0 && payroll_dec_parse(r->emp.f[x->idx],
		    r->emp.l[x->idx], &v) == 0 &&
		    payroll_dec_add(x->got, v, &x->got) != 0)
			die(ST_DATA, "--expect-total: overflow");
	}
}

/* Whether the record read belongs to another pay group's or frequency's
 * run. */
static int
of_another_run(const struct run *r)
{
	return (r->paygroup != NULL && (r->emp.l[r->groupcol] !=
	    strlen(r->paygroup) || memcmp(r->emp.f[r->groupcol],
	    r->paygroup, r->emp.l[r->groupcol]) != 0)) ||
	    (r->freqcol >= 0 && r->emp.l[r->freqcol] > 0 &&
	    !same_freq(r->emp.f[r->freqcol], r->emp.l[r->freqcol],
	    r->freqname));
}

/*
 * Effective-dated records: the record read joins its employee's group;
 * the group before is paid when a new employee starts (sorted by
 * employee_id, then effective_date).
 */
static void
gather_dated(struct run *r, const char *id, unsigned long line)
{
	char m1[80], m2[80];

	if (r->grp.n > 0 && strcmp(r->grp.rows[0].f[r->emp.idcol], id) != 0)
		group_flush(r);
	if (r->grp.n == 0) {
		if (r->lastid != NULL && r->lastid[0] != '\0' &&
		    strcmp(id, r->lastid) <= 0)
			die(ST_DATA, "%s:%lu: employee_id '%s' after '%s': "
			    "effective-dated records are sorted by "
			    "employee_id, then effective_date", r->emp.path,
			    line, show_value("employee_id", id,
			    r->emp.l[r->emp.idcol], m1, sizeof(m1)),
			    show_value("employee_id", r->lastid,
			    strlen(r->lastid), m2, sizeof(m2)));
		keep(&r->lastid, &r->lastcap, id, r->emp.l[r->emp.idcol]);
	}
	group_add(&r->grp, r->emp.csv);
}

/*
 * One record read (st: the reader's status): rejected, counted as another
 * run's, gathered with its employee's other records, or paid.
 */
static void
take_record(struct run *r, int st, const struct payroll_diag *diag)
{
	size_t n, k;
	const char *id;
	unsigned long line;

	r->nread++;
	progress_tick(&r->pg);
	if (st != PAYROLL_OK) {
		reject(r, r->emp.path, diag->line, "", 0, NULL, "csv",
		    diag->msg);
		r->nrejected++;
		return;
	}
	n = payroll_csv_nfields(r->emp.csv);
	line = payroll_csv_line(r->emp.csv);
	if (n != r->emp.nnames) {
		char m[120];

		snprintf(m, sizeof(m), "%zu fields where the header has %zu",
		    n, r->emp.nnames);
		reject(r, r->emp.path, line, "", 0, NULL, "csv", m);
		r->nrejected++;
		return;
	}
	for (k = 0; k < n; k++)
		r->emp.f[k] = payroll_csv_field(r->emp.csv, k, &r->emp.l[k]);
	add_to_expected_totals(r);
	id = r->emp.f[r->emp.idcol];
	if (r->emp.l[r->emp.idcol] == 0) {
		reject(r, r->emp.path, line, "", 0, "employee_id", "required",
		    "no employee_id");
		r->nrejected++;
		return;
	}
	if (of_another_run(r)) {
		/* Another pay group's or frequency's employee: paid in
		 * their own run, counted here. */
		r->nother++;
		return;
	}
	if (r->effcol >= 0) {
		gather_dated(r, id, line);
		return;
	}
	if ((k = idcheck_add(&r->ids, id, r->emp.l[r->emp.idcol],
	    line)) != 0) {
		char m[120];

		snprintf(m, sizeof(m), "employee_id appears again (first on "
		    "line %zu): not paid twice", k);
		reject(r, r->emp.path, line, id, r->emp.l[r->emp.idcol],
		    "employee_id", "duplicate", m);
		r->nrejected++;
		return;
	}
	check_sorted(r, id, r->emp.l[r->emp.idcol], line);
	{
		struct row one;

		one.f = r->emp.f;
		one.l = r->emp.l;
		one.n = n;
		one.line = line;
		process(r, &one, 1);
	}
}

/* The records; progress only for a person watching, never in cron's
 * mail. */
static void
read_records(struct run *r, int quiet)
{
	struct payroll_diag diag;
	int st;

	r->sorted = 1;
	idcheck_init(&r->ids);
	progress_start(&r->pg, quiet, r->emp.fp);
	for (;;) {
		payroll_diag_clear(&diag);
		st = payroll_csv_read(r->emp.csv, &diag);
		if (st == PAYROLL_EOF)
			break;
		if (st == PAYROLL_EIO || st == PAYROLL_ENOMEM)
			die_diag(ST_SYSTEM, &diag);
		if (st == PAYROLL_ESYNTAX && payroll_csv_nfields(r->emp.csv) == 0)
			die_diag(ST_DATA, &diag);	/* malformed CSV */
		take_record(r, st, &diag);
	}
}

/*
 * The end of the input: with --input-summary, all of it?  Then the last
 * effective-dated employee, and what is left of the paid results (paid
 * before, not now), the YTD and the items files.
 */
static void
finish_inputs(struct run *r)
{
	input_summary_check(r->nread);
	group_flush(r);
	while (r->retro && r->paid.have) {
		retro_removed(r);
		side_next(&r->paid);
	}
	while (r->ytd.have) {
		if (r->have_ytd_out)
			carry_ytd(r);
		side_next(&r->ytd);
	}
	while (r->items.have) {
		reject(r, r->items.path, r->items.line, r->items.id,
		    strlen(r->items.id), "employee_id", "items",
		    "no employee record with this employee_id in this run");
		side_next(&r->items);
	}
	if (r->explain != NULL && !r->explained)
		warnx_("--explain: no employee '%s' in the input", r->explain);
}

/*
 * Before anything is committed: the counts reconcile, and the control
 * totals handed over by the previous step (-N, -T) match.
 */
static void
check_controls(const struct run *r, long expcount)
{
	int i;

	if (r->nread != r->nrowspaid + r->nrejected + r->nother + r->nlater +
	    r->nnotemployed)
		die(ST_SYSTEM, "internal error: read %lu, paid %lu, rejected "
		    "%lu, other pay groups %lu, later %lu, not employed %lu do "
		    "not reconcile", r->nread, r->nrowspaid, r->nrejected,
		    r->nother, r->nlater, r->nnotemployed);
	if (expcount >= 0 && (unsigned long)expcount != r->nread)
		die(ST_DATA, "%s: %lu records read where %ld were expected "
		    "(--expect-count): nothing written", r->emp.path, r->nread,
		    expcount);
	for (i = 0; i < r->nexpect; i++)
		if (payroll_dec_cmp(r->expect[i].got, r->expect[i].want) != 0) {
			char g[64], w[64];

			payroll_dec_format(r->expect[i].got, -1, g, sizeof(g));
			payroll_dec_format(r->expect[i].want, -1, w, sizeof(w));
			die(ST_DATA, "%s: column '%s' totals %s where %s was "
			    "expected (--expect-total): nothing written",
			    r->emp.path, r->expect[i].col, g, w);
		}
}

/*
 * The summary file is an output of the run; the lines on stderr say the
 * run succeeded: only once every output is in place (a closed pipe is an
 * error, and comes alone).
 */
static void
commit(struct run *r, const struct options *o)
{
	summary(r, o->sumpath, 1);
	stream_summary_end(r->nemitted - (r->fmt != FMT_JSON));
	out_commit_all_or_die();
	summary(r, NULL, !show_summary(o->quiet, o->verbose, r->nrejected +
	    r->nitemrej > 0 || r->npaid == 0));
}

static void
run_free(struct run *r)
{
	size_t i;

	side_close(&r->emp);
	side_close(&r->ytd);
	side_close(&r->items);
	payroll_calc_free(r->calc);
	payroll_rules_free(r->rules);
	for (i = 0; i < r->grp.cap; i++) {
		free(r->grp.rows[i].store);
		free(r->grp.rows[i].f);
		free(r->grp.rows[i].l);
	}
	free(r->grp.rows);
	idcheck_release(&r->ids);
	side_close(&r->paid);
	free(r->paidcol);
	free(r->delta);
	free(r->names);
	free(r->totals);
	free(r->passcol);
	free(r->passnum);
	free(r->yextra);
	free(r->lastid);
}

int
main(int argc, char *argv[])
{
	struct payroll_calendar *cal = NULL;
	struct payroll_run runinfo;
	struct payroll_diag diag;
	struct options o;
	struct run r;
	int st;

	common_init(argc, argv);
	memset(&r, 0, sizeof(r));
	r.ytdendcol = -1;
	parse_options(argc, argv, &o, &r);
	if (o.insumpath != NULL)
		input_summary(o.insumpath);
	set_period(&o, &r, &runinfo, &cal);
	if ((st = payroll_rules_load(o.rulepaths, o.nrules, &runinfo,
	    &r.rules, &diag)) != 0)
		die_diag(status_of(st), &diag);
	warn_rules(r.rules);
	mask_columns_of(r.rules);
	open_employees(&r, o.emppath);
	choose_columns(&r);
	open_side_inputs(&r, &o);
	open_outputs(&r, &o);
	read_records(&r, o.quiet);
	finish_inputs(&r);
	check_controls(&r, o.expcount);
	commit(&r, &o);
	run_free(&r);
	payroll_calendar_free(cal);
	if (r.npaid == 0) {
		/* Nothing to pay is never a quiet success: an empty export, or
		 * every record of another pay group or frequency. */
		warnx_("%s: paid nobody (%lu records read)", r.emp.path,
		    r.nread);
		return ST_DATA;
	}
	return r.nrejected + r.nitemrej > 0 ? ST_DATA : ST_OK;
}
