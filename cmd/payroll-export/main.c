/*
 * payroll-export: payroll results into the files people and banks use: the
 * payroll register, NACHA and SEPA payment files, a general-ledger
 * journal, payslips and HR reports.
 *
 * Results of payroll-calc in (one or more files, or standard input); one
 * output out, written atomically.  Each result column's kind (earning,
 * deduction, ...) comes from the same rule packs payroll-calc used; bank
 * file layouts come from YAML under rules/formats/; the company's
 * settings (bank ids, ledger accounts) from a YAML file (--company).  No
 * law and no layout is written here.
 *
 * The formats are in their own files (export.h declares what they share).
 */
#include "export.h"

static const char usage_text[] =
"usage: payroll-export -F format [-r pack ...] [-c company.yaml]\n"
"                      [-L layout] [-P pain-version] [-y ytd.csv]\n"
"                      [-I rejects.csv] [-S summary.csv] [-s summary.csv]\n"
"                      [--input-summary=FILE]\n"
"                      [-o output]\n"
"                      [results.csv ...]\n"
"formats: register, nacha, nacha-reversal, sepa, cpa005, journal,\n"
"         payslip, payslip-html, payslip-pdf, hr-report, hr-report-html\n";

enum { OPT_INSUM = 256 };

static const struct option longopts[] = {
	{ "company", required_argument, NULL, 'c' },
	{ "effective-date", required_argument, NULL, 'E' },
	{ "expect-summary", required_argument, NULL, 'S' },
	{ "format", required_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ "input-summary", required_argument, NULL, OPT_INSUM },
	{ "layout", required_argument, NULL, 'L' },
	{ "output", required_argument, NULL, 'o' },
	{ "pain-version", required_argument, NULL, 'P' },
	{ "rejects", required_argument, NULL, 'I' },
	{ "reverse", no_argument, NULL, 'R' },
	{ "rules", required_argument, NULL, 'r' },
	{ "summary", required_argument, NULL, 's' },
	{ "unchecked", no_argument, NULL, 'U' },
	{ "version", no_argument, NULL, 'V' },
	{ "ytd", required_argument, NULL, 'y' },
	{ NULL, 0, NULL, 0 }
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		fputs("\nOptions:\n"
		    "  -c, --company=FILE        the employer's settings "
		    "(company.yaml)\n"
		    "      --effective-date=DATE the NACHA settlement date "
		    "(default: the pay date;\n"
		    "                            it must be a banking day)\n"
		    "  -F, --format=FORMAT       the file to write (below)\n"
		    "  -h, --help                this text\n"
		    "  -I, --rejects=FILE        the rejects to report on "
		    "(hr-report)\n"
		    "      --input-summary=FILE  payroll-calc's --stream-summary: "
		    "at the end of\n"
		    "                            the input it must exist and "
		    "match what was read\n"
		    "  -L, --layout=FILE|DIR     the bank file's layout\n"
		    "  -o, --output=FILE|DIR     write there (payslips: a "
		    "folder)\n"
		    "  -P, --pain-version=V      the SEPA pain.001 version\n"
		    "      --reverse             the journal's reversal: every "
		    "line on the other side\n"
		    "  -r, --rules=PACK          the run's rule packs (net pay "
		    "is checked)\n"
		    "  -S, --expect-summary=FILE payroll-calc's summary: the "
		    "results must match it\n"
		    "  -s, --summary=FILE        write what was exported and "
		    "its totals there\n"
		    "      --unchecked           a bank file without --rules "
		    "(net pay not checked)\n"
		    "  -V, --version             the version\n"
		    "  -y, --ytd=FILE            year-to-date balances "
		    "(payslips)\n", fp);
	if (fp == stdout)
		fputs("\nWrites bank payment files, the register, the journal, "
		    "payslips and HR reports\nfrom payroll-calc results. See "
		    "payroll-export(1) and docs/exports.md.\n", fp);
	exit(status);
}


struct export_run g;
/* Records read (with --input-summary, checked against the writer's). */
static unsigned long nread;
const char *fixnames[NFIX] = {
	"employee_id", "last_name", "first_name", "department", "job_title",
	"hire_date", "termination_date", "bank_routing", "bank_account",
	"bank_account_type", "iban", "bic", "period_start", "period_end",
	"pay_date", "bank_account_new", "bank_institution", "bank_transit"
};

/* A data error in a row: reported; nothing is written at the end. */

void
row_error(const struct row *r, const char *field, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s:%lu: ", progname, r->file, r->line);
	if (field != NULL)
		fprintf(stderr, "field '%s': ", field);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	g.nerrors++;
}

int
has(const struct row *r, int f)
{
	return r->fl[f] > 0;
}

/* The employee id as messages show it: masked when a pack declares
 * employee_id mask: true (the buffer lives until the next call). */
const char *
id_shown(const struct row *r)
{
	static char buf[80];

	return show_value("employee_id", r->fx[F_ID], r->fl[F_ID], buf,
	    sizeof(buf));
}

int
col_has_tag(size_t i, const char *tag)
{
	if (g.cols[i].rule < 0)
		return 0;
	return payroll_rules_output_has_tag(g.rules, (size_t)g.cols[i].rule,
	    tag);
}

/* A label for an output: the company's labels: map, or the name with
 * blanks for underscores and a capital first letter. */
const char *
label(const char *name, char *buf, size_t size)
{
	const struct payroll_node *m;
	const char *s;
	size_t i;

	if (g.have_company && (m = ymap(&g.company, g.croot, "labels", 0)) !=
	    NULL && (s = ystr(&g.company, m, name, 0)) != NULL) {
		snprintf(buf, size, "%s", s);
		return buf;
	}
	snprintf(buf, size, "%s", name);
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == '_')
			buf[i] = ' ';
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

void
date_str(payroll_date d, char *buf)
{
	payroll_date_format(d, buf, 11);
}

/* The creation time: SOURCE_DATE_EPOCH (reproducible output) or now. */
static void
set_now(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s != NULL && *s != '\0') {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (*end != '\0' || errno != 0 || v < 0)
			die(ST_USAGE, "SOURCE_DATE_EPOCH: '%s' is not a number "
			    "of seconds", s);
		g.now = (time_t)v;
	} else
		g.now = time(NULL);
}

/*
 * Opens the output.  Standard output is spooled to a temporary file and
 * copied out only when the whole export has succeeded, so that a reader of
 * a pipe never gets part of a bank file either.
 */

FILE *
open_output(void)
{
	struct stat st;

	if (g.outpath != NULL && stat(g.outpath, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		die(ST_USAGE, "%s: a folder (only the payslip formats write "
		    "one file per employee)", g.outpath);
	/* Standard output is spooled by out_open() until the export is
	 * through: a pipe never gets part of a bank file. */
	return out_open(&g.of, g.outpath);
}


static const struct format formats[] = {
	{ "register", 0, 2, 1, register_begin, register_row, register_end },
	/* Bank files use the packs when given: with the kinds of the
	 * columns every row's net pay is checked against its gross and
	 * deductions (without them a warning says it was not). */
	{ "nacha", NEED(F_ROUTING) | NEED(F_ACCOUNT) | NEED(F_ACCTYPE), 1, 2,
	    nacha_begin, nacha_row, nacha_end },
	/* The reversal of a NACHA file: its operand is that file. */
	{ "nacha-reversal", 0, 0, 2, NULL, NULL, NULL },
	{ "sepa", NEED(F_IBAN), 1, 2, sepa_begin, sepa_row, sepa_end },
	{ "cpa005", NEED(F_INST) | NEED(F_TRANSIT) | NEED(F_ACCOUNT), 1, 2,
	    cpa_begin, cpa_row, cpa_end },
	{ "journal", 0, 2, 2, journal_begin, journal_row, journal_end },
	{ "payslip", 0, 2, 1, payslip_begin, payslip_row, payslip_end },
	{ "payslip-html", 0, 2, 1, payslip_begin, payslip_row, payslip_end },
	{ "payslip-pdf", 0, 2, 1, payslip_begin, payslip_row, payslip_end },
	{ "hr-report", 0, 2, 1, hr_begin, hr_row, hr_end },
	{ "hr-report-html", 0, 2, 1, hr_begin, hr_row, hr_end },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ------------------------------------------------------------------ */
/* Reading results                                                    */
/* ------------------------------------------------------------------ */

struct input {
	const char *path;
	FILE *fp;
	struct payroll_csv *csv;
	char **names;
	size_t nnames;
	int fix[NFIX];
	int *colidx;
};

/* The columns: the packs' outputs in order, then gross_pay and net_pay. */
static void
build_model(void)
{
	size_t i, n = g.rules != NULL ? payroll_rules_noutputs(g.rules) : 0;

	if ((g.cols = calloc(n + 2, sizeof(*g.cols))) == NULL ||
	    (g.tot = calloc(n + 2, sizeof(*g.tot))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < n; i++) {
		g.cols[i].name = payroll_rules_output_name(g.rules, i);
		g.cols[i].kind = payroll_rules_output_kind(g.rules, i);
		g.cols[i].rule = (int)i;
		g.cols[i].money = g.cols[i].kind != PAYROLL_K_INFO;
	}
	g.gross = (int)n;
	g.cols[n].name = "gross_pay";
	g.cols[n].kind = PAYROLL_K_GROSS;
	g.cols[n].rule = -1;
	g.cols[n].money = 1;
	g.net = (int)n + 1;
	g.cols[n + 1].name = "net_pay";
	g.cols[n + 1].kind = PAYROLL_K_NET;
	g.cols[n + 1].rule = -1;
	g.cols[n + 1].money = 1;
	g.ncols = n + 2;
}

static void
load_rules(const char *path, unsigned long line, const char *const *f,
    const size_t *l, const int *fix)
{
	struct payroll_run run;
	struct payroll_diag diag;
	char spec[32];
	int st;

	memset(&run, 0, sizeof(run));
	if (fix[F_PSTART] < 0 || fix[F_PEND] < 0 || fix[F_PAYDATE] < 0)
		die(ST_DATA, "%s:1: no column 'period_start', 'period_end' or "
		    "'pay_date': not payroll-calc results", path);
	snprintf(spec, sizeof(spec), "%.10s..%.10s", f[fix[F_PSTART]],
	    f[fix[F_PEND]]);
	if (payroll_period_parse(spec, PAYROLL_FREQ_MONTHLY,
	    &run.period) != 0 ||
	    payroll_date_parse(f[fix[F_PAYDATE]], l[fix[F_PAYDATE]],
	    &run.period.pay_date) != 0)
		die(ST_DATA, "%s:%lu: bad period_start, period_end or pay_date "
		    "(YYYY-MM-DD): cannot load the rule packs for it", path,
		    line);
	if ((st = payroll_rules_load(g.rulepaths, g.nrules, &run, &g.rules,
	    &diag)) != 0)
		die_diag(status_of(st), &diag);
	warn_rules(g.rules);
	mask_columns_of(g.rules);
}

static void
map_header(struct input *in)
{
	size_t i, j;

	for (j = 0; j < NFIX; j++)
		in->fix[j] = -1;
	if ((in->colidx = calloc(g.ncols + 1, sizeof(int))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (j = 0; j < g.ncols; j++)
		in->colidx[j] = -1;
	for (i = 0; i < in->nnames; i++) {
		for (j = 0; j < NFIX; j++)
			if (strcmp(in->names[i], fixnames[j]) == 0)
				in->fix[j] = (int)i;
		for (j = 0; j < g.ncols; j++)
			if (strcmp(in->names[i], g.cols[j].name) == 0)
				in->colidx[j] = (int)i;
	}
	if (in->fix[F_ID] < 0)
		die(ST_DATA, "%s:1: no column 'employee_id'", in->path);
	if (in->fix[F_PSTART] < 0 || in->fix[F_PEND] < 0 ||
	    in->fix[F_PAYDATE] < 0)
		die(ST_DATA, "%s:1: no column 'period_start', 'period_end' or "
		    "'pay_date': not payroll-calc results", in->path);
	for (j = 0; j < NFIX; j++)
		if ((g.fmt->need & NEED(j)) && in->fix[j] < 0)
			die(ST_DATA, "%s:1: no column '%s', which the %s "
			    "format needs", in->path, fixnames[j],
			    g.fmt->name);
	for (j = 0; j < g.ncols; j++)
		if (in->colidx[j] < 0 && g.rules != NULL)
			die(ST_DATA, "%s:1: no column '%s', which the rule "
			    "packs declare: results of other packs?",
			    in->path, g.cols[j].name);
		else if (in->colidx[j] < 0 && (int)j == g.net)
			/* No packs were given (--unchecked): only the net
			 * pay, which every payment pays, is needed. */
			die(ST_DATA, "%s:1: no column 'net_pay', which the "
			    "%s format pays", in->path, g.fmt->name);
}

static void
read_header(struct input *in)
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	size_t i, j;
	int st;

	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	in->fp = in_open(in->path);
	if (in->path == NULL || strcmp(in->path, "-") == 0)
		in->path = "<stdin>";
	if (payroll_csv_open(in->fp, in->path, &opts, &in->csv) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	st = payroll_csv_read(in->csv, &diag);
	if (st == PAYROLL_EOF)
		die(ST_DATA, "%s: empty results file: no header", in->path);
	if (st != PAYROLL_OK)
		die_diag(status_of(st), &diag);
	in->nnames = payroll_csv_nfields(in->csv);
	if ((in->names = calloc(in->nnames + 1, sizeof(char *))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < in->nnames; i++) {
		if ((in->names[i] = strdup(payroll_csv_field(in->csv, i,
		    NULL))) == NULL)
			die(ST_SYSTEM, "out of memory");
		for (j = 0; j < i; j++)
			if (strcmp(in->names[i], in->names[j]) == 0)
				die(ST_DATA, "%s:1: duplicate column '%s'",
				    in->path, in->names[i]);
	}
}

static void
input_close(struct input *in)
{
	size_t i;

	payroll_csv_free(in->csv);
	in_close(in->fp);
	for (i = 0; i < in->nnames; i++)
		free(in->names[i]);
	free(in->names);
	free(in->colidx);
}

/* Checks one row and gives it to the format. */
static void
do_row(struct input *in, struct row *r)
{
	size_t j, n = payroll_csv_nfields(in->csv);
	int64_t sumearn = 0, sumded = 0, net;
	const char *s;
	size_t len;
	int bad = 0;

	r->file = in->path;
	r->line = payroll_csv_line(in->csv);
	if (n != in->nnames) {
		row_error(r, NULL, "%zu fields where the header has %zu", n,
		    in->nnames);
		return;
	}
	for (j = 0; j < NFIX; j++) {
		if (in->fix[j] < 0) {
			r->fx[j] = "";
			r->fl[j] = 0;
		} else
			r->fx[j] = payroll_csv_field(in->csv,
			    (size_t)in->fix[j], &r->fl[j]);
	}
	if (r->fl[F_ID] == 0) {
		row_error(r, "employee_id", "empty");
		return;
	}
	if (payroll_date_parse(r->fx[F_PSTART], r->fl[F_PSTART], &r->start) ||
	    payroll_date_parse(r->fx[F_PEND], r->fl[F_PEND], &r->end) ||
	    payroll_date_parse(r->fx[F_PAYDATE], r->fl[F_PAYDATE], &r->pay)) {
		row_error(r, "pay_date", "bad period_start, period_end or "
		    "pay_date (YYYY-MM-DD)");
		return;
	}
	/* Results given twice would pay twice. */
	if (paidset_add(&g.paid, r->file, r->line, r->fx[F_ID], r->fl[F_ID],
	    r->pay)) {
		g.nerrors++;
		return;
	}
	for (j = 0; j < g.ncols; j++) {
		r->amt[j] = 0;
		r->raw[j] = "";
		r->rawl[j] = 0;
		if (in->colidx[j] < 0)
			continue;
		s = payroll_csv_field(in->csv, (size_t)in->colidx[j], &len);
		r->raw[j] = s;
		r->rawl[j] = len;
		if (!g.cols[j].money)
			continue;
		if (parse_minor(s, len, &r->amt[j]) != 0) {
			row_error(r, g.cols[j].name, "'%.*s' is not an "
			    "amount with at most %d decimals", (int)len, s,
			    g.places);
			bad = 1;
			continue;
		}
		switch (g.cols[j].kind) {
		case PAYROLL_K_EARNING:
			bad |= add_minor(&sumearn, r->amt[j]);
			break;
		case PAYROLL_K_DEDUCTION:
		case PAYROLL_K_WITHHOLDING:
			bad |= add_minor(&sumded, r->amt[j]);
			break;
		default:
			break;
		}
	}
	if (bad)
		return;
	/* The results must add up: an edited file is caught here. */
	if (g.rules != NULL) {
		char a[40], b[40];

		if (sumearn != r->amt[g.gross]) {
			row_error(r, "gross_pay", "%s is not the sum of the "
			    "earnings (%s)", fmt_minor(r->amt[g.gross], a,
			    sizeof(a), 0), fmt_minor(sumearn, b, sizeof(b), 0));
			return;
		}
		net = r->amt[g.gross] - sumded;
		if (net != r->amt[g.net]) {
			row_error(r, "net_pay", "%s is not gross_pay less "
			    "deductions and withholdings (%s)",
			    fmt_minor(r->amt[g.net], a, sizeof(a), 0),
			    fmt_minor(net, b, sizeof(b), 0));
			return;
		}
	}
	if (g.nrows == 0 || r->start < g.pmin)
		g.pmin = r->start;
	if (g.nrows == 0 || r->end > g.pmax)
		g.pmax = r->end;
	g.nrows++;
	for (j = 0; j < g.ncols; j++)
		if (g.cols[j].money && add_minor(&g.tot[j], r->amt[j]) != 0)
			die(ST_DATA, "%s:%lu: the total of '%s' overflows",
			    r->file, r->line, g.cols[j].name);
	g.fmt->row(r);
}

static void
run_inputs(int argc, char *argv[])
{
	struct input in;
	struct payroll_diag diag;
	struct row r;
	int i, st, started = 0;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < (argc > 0 ? argc : 1); i++) {
		struct progress pg;

		memset(&in, 0, sizeof(in));
		in.path = argc > 0 ? argv[i] : NULL;
		read_header(&in);
		progress_start(&pg, 0, in.fp);
		for (;;) {
			payroll_diag_clear(&diag);
			st = payroll_csv_read(in.csv, &diag);
			if (st == PAYROLL_EOF)
				break;
			nread++;
			progress_tick(&pg);
			if (st == PAYROLL_EIO || st == PAYROLL_ENOMEM ||
			    st == PAYROLL_EENCODING)
				die_diag(ST_SYSTEM, &diag);
			if (st != PAYROLL_OK) {
				if (payroll_csv_nfields(in.csv) == 0)
					die_diag(ST_DATA, &diag);
				warn_diag(&diag);
				g.nerrors++;
				continue;
			}
			if (!started) {
				/* The first row dates the run. */
				size_t k, nf = payroll_csv_nfields(in.csv);
				const char **f = calloc(nf + 1, sizeof(*f));
				size_t *l = calloc(nf + 1, sizeof(*l));
				int fix[NFIX];

				if (f == NULL || l == NULL)
					die(ST_SYSTEM, "out of memory");
				for (k = 0; k < nf; k++)
					f[k] = payroll_csv_field(in.csv, k,
					    &l[k]);
				for (k = 0; k < NFIX; k++) {
					size_t c;

					fix[k] = -1;
					for (c = 0; c < in.nnames && c < nf;
					    c++)
						if (strcmp(in.names[c],
						    fixnames[k]) == 0)
							fix[k] = (int)c;
				}
				if (fix[F_PAYDATE] < 0 ||
				    payroll_date_parse(f[fix[F_PAYDATE]],
				    l[fix[F_PAYDATE]], &g.first_pay) != 0)
					die(ST_DATA, "%s:%lu: no pay_date or a "
					    "bad one (YYYY-MM-DD)", in.path,
					    payroll_csv_line(in.csv));
				if (g.nrules > 0)
					load_rules(in.path,
					    payroll_csv_line(in.csv), f, l,
					    fix);
				free(f);
				free(l);
				build_model();
				if ((r.amt = calloc(g.ncols, sizeof(*r.amt))) ==
				    NULL || (r.raw = calloc(g.ncols,
				    sizeof(*r.raw))) == NULL || (r.rawl =
				    calloc(g.ncols, sizeof(*r.rawl))) == NULL)
					die(ST_SYSTEM, "out of memory");
				map_header(&in);
				g.fmt->begin();
				started = 1;
			}
			if (in.colidx == NULL)
				map_header(&in);
			do_row(&in, &r);
		}
		progress_done(&pg);
		input_close(&in);
	}
	if (!started)
		die(ST_DATA, "no results rows: nothing to export");
	free(r.amt);
	free(r.raw);
	free(r.rawl);
}

/*
 * --summary FILE: what was exported and its control totals, as
 * "metric,value" lines: the rows, each money column's total (the
 * register's totals live here, not in a row of the register), and a
 * bank file's own count and total beside net pay.
 */
static void
write_summary(const char *format)
{
	char buf[40];
	size_t j;

	sumfile_put("format", "%s", format);
	sumfile_put("rows", "%lu", g.nrows);
	sumfile_put("rows_left_out", "%lu", g.nskipped);
	if (g.currency != NULL)
		sumfile_put("currency", "%s", g.currency);
	else if (g.rules != NULL && *payroll_rules_currency(g.rules))
		sumfile_put("currency", "%s", payroll_rules_currency(g.rules));
	for (j = 0; j < g.ncols; j++)
		if (g.cols[j].money) {
			char metric[256];

			snprintf(metric, sizeof(metric), "total_%s",
			    g.cols[j].name);
			sumfile_put(metric, "%s", fmt_minor(g.tot[j], buf,
			    sizeof(buf), 0));
		}
	if (strcmp(format, "nacha") == 0)
		nacha_summary();
	else if (strcmp(format, "sepa") == 0)
		sepa_summary();
}

/* The options that stay with main: the files named on the command line. */
struct cli {
	const char *format;	/* -F */
	const char *company;	/* -c: the employer's settings */
	const char *expect;	/* -S: payroll-calc's summary to match */
	const char *summary;	/* -s: the summary to write */
	const char *insum;	/* --input-summary: the stream's summary */
};

/* The options: into *o, or into g for those the formats read. */
static void
parse_options(int argc, char *argv[], struct cli *o)
{
	int ch;

	while ((ch = getopt_long(argc, argv, "c:F:hI:L:o:P:r:S:s:Vy:", longopts,
	    NULL)) != -1)
		switch (ch) {
		case 'c':
			o->company = optarg;
			break;
		case 'S':
			o->expect = optarg;
			break;
		case 's':
			o->summary = optarg;
			break;
		case OPT_INSUM:
			o->insum = optarg;
			break;
		case 'F':
			o->format = optarg;
			break;
		case 'h':
			usage(stdout, ST_OK);
		case 'L':
			g.layout = optarg;
			break;
		case 'o':
			g.outpath = optarg;
			break;
		case 'P':
			g.pain = optarg;
			break;
		case 'I':
			g.rejpath = optarg;
			break;
		case 'E':
			g.effective = optarg;
			break;
		case 'U':
			g.unchecked = 1;
			break;
		case 'R':
			g.reverse = 1;
			break;
		case 'r':
			if (g.nrules == MAXRULES)
				die(ST_USAGE, "too many rule packs");
			g.rulepaths[g.nrules++] = rule_path(optarg);
			break;
		case 'V':
			printf("payroll-export %s\n", PAYROLL_VERSION);
			exit(ST_OK);
		case 'y':
			g.ytdpath = optarg;
			break;
		default:
			usage(stderr, ST_USAGE);
		}
}

/* -F: the format by its name, into g.fmt. */
static void
select_format(const char *format)
{
	int i;

	if (format == NULL) {
		warnx_("-F (--format) is required: the file to write");
		usage(stderr, ST_USAGE);
	}
	for (i = 0; formats[i].name != NULL; i++)
		if (strcmp(formats[i].name, format) == 0)
			g.fmt = &formats[i];
	if (g.fmt == NULL)
		die(ST_USAGE, "unknown format '%s' (register, nacha, "
		    "nacha-reversal, sepa, cpa005, "
		    "journal, payslip, payslip-html, payslip-pdf, hr-report, "
		    "hr-report-html)", format);
}

/* What the format needs (packs, company) and the options only it takes. */
static void
check_format_options(const struct cli *o)
{
	const char *format = o->format;

	if (g.fmt->rules == 1 && g.nrules == 0 && g.fmt->company == 2) {
		/* A bank file pays what the results say: without the run's
		 * packs nothing checks net pay, so it takes a decision. */
		if (!g.unchecked)
			die(ST_USAGE, "a %s file pays the results' net pay: give "
			    "the run's rule packs (--rules) so that it is checked "
			    "against gross pay and deductions, or --unchecked",
			    format);
		warnx_("warning: --unchecked: net pay is paid as the results "
		    "give it, not checked against gross pay and deductions");
	}
	if (g.effective != NULL && strncmp(format, "nacha", 5) != 0)
		die(ST_USAGE, "--effective-date is for the nacha format");
	if (g.fmt->rules == 2 && g.nrules == 0)
		die(ST_USAGE, "the %s format needs the rule packs of the run "
		    "(--rules)", format);
	if (g.fmt->company == 2 && o->company == NULL)
		die(ST_USAGE, "the %s format needs the company's settings "
		    "(--company)", format);
	if (g.reverse && strcmp(format, "journal") != 0)
		die(ST_USAGE, "--reverse is for the journal (a bank file is "
		    "reversed with --format nacha-reversal)");
	if (g.pain != NULL && strcmp(format, "sepa") != 0)
		die(ST_USAGE, "--pain-version is for the sepa format");
	if (g.ytdpath != NULL && strncmp(format, "payslip", 7) != 0)
		die(ST_USAGE, "--ytd is for the payslip formats");
	if (g.rejpath != NULL && strncmp(format, "hr-report", 9) != 0)
		die(ST_USAGE, "--rejects is for the hr-report formats");
	if (g.layout != NULL && strncmp(format, "nacha", 5) != 0 &&
	    strcmp(format, "sepa") != 0 && strcmp(format, "cpa005") != 0)
		die(ST_USAGE, "--layout is for the nacha, sepa and cpa005 "
		    "formats");
}

/* nacha-reversal: the operand is the original bank file, not results. */
static int
run_reversal(const struct cli *o, int argc, char *argv[])
{
	if (o->expect != NULL || o->insum != NULL)
		die(ST_USAGE, "--expect-summary and --input-summary are "
		    "for results");
	reversal_run(argc, argv);
	out_commit_all_or_die();
	ydoc_free(&g.company);
	return ST_OK;
}

/* The summaries the results must match, read before the first row. */
static void
read_expected_summaries(const struct cli *o, int argc, char *argv[])
{
	if (o->insum != NULL) {
		/* The results as payroll-calc streams them: one input. */
		if (o->expect != NULL || argc > 1)
			die(ST_USAGE, "--input-summary checks one stream of "
			    "results (standard input, or one file): no "
			    "--expect-summary, one operand at most");
		input_summary(o->insum);
	}
	if (o->expect != NULL)
		expect_summary(o->expect, argc, argv);
}

/* --input-summary: the control totals payroll-calc wrote, net pay's too. */
static void
check_input_totals(const char *insumpath)
{
	size_t j;
	int netok = 0;

	for (j = 0; j < g.ncols; j++)
		if (g.cols[j].money) {
			char buf[40];

			if (input_summary_total(g.cols[j].name,
			    fmt_minor(g.tot[j], buf, sizeof(buf), 0)) &&
			    (int)j == g.net)
				netok = 1;
		}
	if (!netok)
		die(ST_DATA, "%s: no total_net_pay: not payroll-calc's "
		    "summary; nothing written", insumpath);
}

int
main(int argc, char *argv[])
{
	struct cli o = { NULL, NULL, NULL, NULL, NULL };

	common_init(argc, argv);
	paidset_init(&g.paid);
	g.argv0 = progpath;
	g.places = 2;
	parse_options(argc, argv, &o);
	argc -= optind;
	argv += optind;
	select_format(o.format);
	check_format_options(&o);
	set_now();
	if (o.company != NULL)
		company_load(o.company);
	if (g.fmt->begin == NULL)
		return run_reversal(&o, argc, argv);
	read_expected_summaries(&o, argc, argv);
	sumfile_open(o.summary);
	run_inputs(argc, argv);
	input_summary_check(nread);
	g.fmt->end();
	if (g.nerrors > 0)
		die(ST_DATA, "%lu error%s in the results: nothing written",
		    g.nerrors, g.nerrors == 1 ? "" : "s");
	if (o.insum != NULL)
		check_input_totals(o.insum);
	write_summary(o.format);
	out_commit_all_or_die();
	paidset_release(&g.paid);
	payroll_rules_free(g.rules);
	ydoc_free(&g.company);
	return g.nskipped > 0 ? ST_DATA : ST_OK;
}
