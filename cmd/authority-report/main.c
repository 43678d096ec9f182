/*
 * authority-report: the filings for the authorities, from payroll results.
 *
 * A quarter's or a year's results of payroll-calc in (several files
 * merge), one filing out: Form 941 lines, an SSA EFW2 file of W-2s, a
 * state unemployment wage report, state withholding totals, a UK RTI Full
 * Payment Submission.  Nothing about any form is in this file: each form
 * is a layout under rules/formats/FORM/YEAR.yaml (records, fields,
 * positions, lengths, types, and where each value comes from), and the
 * figures of a form (rates, wage bases) are parameters there or in the
 * rule packs.  See docs/filings.md.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"

static const char usage_text[] =
"usage: authority-report -F form [-r pack ...] [-c employer.yaml]\n"
"                        [-p YYYYQn | YYYY] [-H history.csv ...]\n"
"                        [-j state] [-L formats-dir] [-a name=amount ...]\n"
"                        [-O original.csv ...] [-s summary.csv]\n"
"                        [-o file] [results.csv ...]\n";

static const char options_text[] =
"\nOptions:\n"
"  -F, --form=FORM         the filing to write (us-941, us-w2-efw2, us-sui, ...)\n"
"  -c, --employer=FILE     the employer's settings (employer.yaml)\n"
"  -H, --history=FILE      earlier results of the year (wage bases, YTD)\n"
"  -h, --help              this text\n"
"  -j, --state=XX          the state of a state filing\n"
"  -L, --formats=DIR       the folder of form layouts\n"
"  -O, --original=FILE     the results as first filed (corrections: us-941x,\n"
"                          us-w2c-efw2c); the operands are the corrected ones\n"
"  -o, --output=FILE       write the filing there (default: standard output)\n"
"      --input-summary=FILE  payroll-calc's --stream-summary: at the end of\n"
"                          the results it must exist and match them\n"
"  -p YYYYQn | YYYY        the quarter or the year filed\n"
"      --quarter=YYYYQn    the quarter filed\n"
"      --year=YYYY         the year filed\n"
"  -r, --rules=PACK        a rule pack (repeat for several)\n"
"  -s, --summary=FILE      write the counts there (metric,value lines)\n"
"  -a, --value=NAME=AMOUNT a figure the results do not hold (deposits)\n"
"  -V, --version           the version\n";

static const struct option longopts[] = {
	{ "employer", required_argument, NULL, 'c' },
	{ "form", required_argument, NULL, 'F' },
	{ "formats", required_argument, NULL, 'L' },
	{ "help", no_argument, NULL, 'h' },
	{ "history", required_argument, NULL, 'H' },
	{ "input-summary", required_argument, NULL, 'I' },
	{ "original", required_argument, NULL, 'O' },
	{ "output", required_argument, NULL, 'o' },
	{ "quarter", required_argument, NULL, 'Q' },
	{ "rules", required_argument, NULL, 'r' },
	{ "state", required_argument, NULL, 'j' },
	{ "summary", required_argument, NULL, 's' },
	{ "value", required_argument, NULL, 'a' },
	{ "version", no_argument, NULL, 'V' },
	{ "year", required_argument, NULL, 'A' },
	{ NULL, 0, NULL, 0 }
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fputs(usage_text, fp);
	if (fp == stdout) {
		fputs(options_text, fp);
		fputs("\nWrites one filing for the authorities from payroll "
		    "results: forms are laid out\nin rules/formats/FORM/YEAR."
		    "yaml.  See authority-report(1) and docs/filings.md.\n",
		    fp);
	}
	exit(status);
}

/* ------------------------------------------------------------------ */
/* The run: options, period, employer, rules, states                  */
/* ------------------------------------------------------------------ */

struct runinfo run = { .fixedstate = -1 };

void
date_str(payroll_date d, char *buf)
{
	payroll_date_format(d, buf, 11);
}

payroll_date
tax_year_start(payroll_date d)
{
	int y, m, dd;
	payroll_date s;

	payroll_date_split(d, &y, &m, &dd);
	s = payroll_date_make(y, run.ys_month, run.ys_day);
	return d < s ? payroll_date_make(y - 1, run.ys_month, run.ys_day) :
	    s;
}

/* Sets the period to the quarter, year or pay run containing d. */
static void
period_from(payroll_date d)
{
	int y, m, dd, q;

	payroll_date_split(d, &y, &m, &dd);
	switch (run.ptype) {
	case P_QUARTER:
		q = (m - 1) / 3 + 1;
		run.quarter = q;
		run.pstart = payroll_date_make(y, q * 3 - 2, 1);
		run.pend = payroll_date_make(y, q * 3,
		    payroll_days_in_month(y, q * 3));
		break;
	case P_YEAR:
		run.pstart = payroll_date_make(y, 1, 1);
		run.pend = payroll_date_make(y, 12, 31);
		break;
	default:
		run.pstart = run.pend = d;
		break;
	}
	run.hstart = tax_year_start(run.pstart);
	run.have_period = 1;
}

const char *
period_name(char *buf, size_t size)
{
	char a[11], b[11];
	int y, m, d;

	payroll_date_split(run.pstart, &y, &m, &d);
	if (run.ptype == P_QUARTER)
		snprintf(buf, size, "%dQ%d", y, run.quarter);
	else if (run.ptype == P_YEAR)
		snprintf(buf, size, "%d", y);
	else {
		date_str(run.pstart, a);
		date_str(run.pend, b);
		snprintf(buf, size, "the pay run of %s", a);
	}
	return buf;
}

/* A dotted path in employer.yaml, "{state}" standing for the state. */
const struct ynode *
employer_get(const char *path, int state, char *full, size_t size)
{
	const struct ynode *y = run.employer;
	const char *p, *q;
	char key[128];

	full[0] = '\0';
	for (p = path; *p != '\0'; p = *q ? q + 1 : q) {
		q = strchr(p, '.');
		if (q == NULL)
			q = p + strlen(p);
		if ((size_t)(q - p) == 7 && strncmp(p, "{state}", 7) == 0 &&
		    state >= 0)
			snprintf(key, sizeof(key), "%s", run.states[state]);
		else
			snprintf(key, sizeof(key), "%.*s", (int)(q - p), p);
		if (full[0] != '\0')
			strncat(full, ".", size - strlen(full) - 1);
		strncat(full, key, size - strlen(full) - 1);
		y = yget(y, key);
		if (y == NULL)
			return NULL;
	}
	return y;
}

/* ------------------------------------------------------------------ */
/* main                                                               */
/* ------------------------------------------------------------------ */

static int
parse_period_opt(const char *q, const char *y)
{
	char *end;
	long yy, qq = 0;

	if (q != NULL) {
		if (run.ptype != P_QUARTER)
			die(ST_USAGE, "form '%s' is not quarterly: use --year "
			    "or no period", run.form);
		errno = 0;
		yy = strtol(q, &end, 10);
		if (errno != 0 || end != q + 4 || (end[0] != 'Q' &&
		    end[0] != 'q') || end[1] < '1' || end[1] > '4' ||
		    end[2] != '\0' || yy < 1900)
			die(ST_USAGE, "bad quarter '%s' (YYYYQn, e.g. 2026Q4)",
			    q);
		qq = end[1] - '0';
		period_from(payroll_date_make((int)yy, (int)qq * 3, 1));
		return (int)yy;
	}
	if (y != NULL) {
		if (run.ptype == P_PAYRUN)
			die(ST_USAGE, "form '%s' reports one pay run: no "
			    "--year", run.form);
		errno = 0;
		yy = strtol(y, &end, 10);
		if (errno != 0 || end != y + 4 || *end != '\0' || yy < 1900)
			die(ST_USAGE, "bad year '%s' (YYYY)", y);
		if (run.ptype == P_QUARTER)
			die(ST_USAGE, "form '%s' is quarterly: use --quarter",
			    run.form);
		period_from(payroll_date_make((int)yy, 1, 1));
		return (int)yy;
	}
	return 0;
}

/* The command line, once parsed. */
struct opts {
	const char *quarter, *year, *outpath, *fmtopt, *sumpath, *insumpath;
	const char *hist[MAXFILES], *origs[MAXFILES];
	size_t nhist, norig;
};

static void
parse_options(int argc, char *argv[], struct opts *o)
{
	int ch;
	char *cs;

	while ((ch = getopt_long(argc, argv, "a:c:F:H:hj:L:O:o:p:r:s:V",
	    longopts, NULL)) != -1)
		switch (ch) {
		case 'c':
			run.employerpath = optarg;
			break;
		case 'F':
			run.form = optarg;
			break;
		case 's':
			o->sumpath = optarg;
			break;
		case 'I':
			o->insumpath = optarg;
			break;
		case 'H':
			if (o->nhist == MAXFILES)
				die(ST_USAGE, "too many history files");
			o->hist[o->nhist++] = optarg;
			break;
		case 'h':
			usage(stdout, ST_OK);
		case 'O':
			if (o->norig == MAXFILES)
				die(ST_USAGE, "too many original files");
			o->origs[o->norig++] = optarg;
			break;
		case 'L':
			o->fmtopt = optarg;
			break;
		case 'o':
			o->outpath = optarg;
			break;
		case 'p':
			/* The period filed: a quarter (2026Q4) or a year. */
			if (strchr(optarg, 'Q') != NULL)
				o->quarter = optarg;
			else
				o->year = optarg;
			break;
		case 'Q':
			o->quarter = optarg;
			break;
		case 'r':
			if (run.nrules == MAXRULES)
				die(ST_USAGE, "too many rule packs");
			run.rulepaths[run.nrules++] = rule_path(optarg);
			break;
		case 'j':
			run.statearg = optarg;
			break;
		case 'V':
			printf("authority-report %s\n", PAYROLL_VERSION);
			exit(ST_OK);
		case 'a':
			if (run.nvalues == sizeof(run.values) /
			    sizeof(run.values[0]))
				die(ST_USAGE, "too many --value options");
			if ((cs = strchr(optarg, '=')) == NULL ||
			    cs == optarg)
				die(ST_USAGE, "bad --value '%s' (NAME=AMOUNT)",
				    optarg);
			run.values[run.nvalues++] = optarg;
			break;
		case 'A':
			o->year = optarg;
			break;
		default:
			usage(stderr, ST_USAGE);
		}
}

/*
 * The first row (fd its pay date) tells the period when no option does,
 * and the date the rule packs are loaded for; the layout is chosen for
 * the tax year.
 */
static void
setup_from(payroll_date fd, const struct opts *o, const char *dir)
{
	struct payroll_run pr;
	struct payroll_diag diag;
	int y, m, d, taxyear, st;

	payroll_date_split(fd, &y, &m, &d);
	/* The head alone says how the period is counted. */
	taxyear = y;
	if (o->quarter != NULL || o->year != NULL)
		taxyear = atoi(o->quarter != NULL ? o->quarter : o->year);
	layout_head(dir, taxyear);
	if (run.ys_month != 1 || run.ys_day != 1) {
		/* A tax year named by the year it starts in. */
		if (fd < payroll_date_make(y, run.ys_month, run.ys_day))
			taxyear = y - 1;
		char *p = layout_path(dir, run.form, taxyear);

		if (strcmp(run.layoutpath, p) != 0)
			run.layout = yload(run.layoutpath = p);
		else
			free(p);
	}
	if (parse_period_opt(o->quarter, o->year) == 0)
		period_from(fd);
	layout_check_year(taxyear);
	memset(&pr, 0, sizeof(pr));
	pr.period.freq = PAYROLL_FREQ_MONTHLY;
	pr.period.start = pr.period.end = pr.period.pay_date = fd;
	if (run.nrules > 0 && (st = payroll_rules_load(run.rulepaths,
	    run.nrules, &pr, &run.rules, &diag)) != 0)
		die_diag(status_of(st), &diag);
	mask_columns_of(run.rules);
}

/* The operands a compiled layout needs (--original, --history). */
static void
check_operands(const struct opts *o)
{
	if ((uses_orig || yget(run.layout, "compare") != NULL) &&
	    o->norig == 0)
		die(ST_USAGE, "form '%s' corrects a filing: give the results "
		    "as first filed with --original (the operands are the "
		    "corrected ones)", run.form);
	if (o->norig > 0 && !uses_orig && yget(run.layout, "compare") == NULL)
		die(ST_USAGE, "form '%s' takes no --original results",
		    run.form);
	if (yget(run.layout, "history") != NULL && o->nhist == 0 &&
	    run.pstart > run.hstart)
		die(ST_USAGE, "form '%s' reports figures to date: give the "
		    "earlier results of the tax year with --history (a "
		    "results file with only its header when there are none)",
		    run.form);
}

/* The dates of the facts employees_covering_monthM_dayD, in the pack's
 * order. */
static void
covering_dates(void)
{
	const struct ynode *in = yget(linepack, "inputs");
	size_t j, k, n;
	int y, m, d, mm, dd;
	char rest[8];

	for (k = 0; k < run.ncovering; k++)
		for (j = 0, n = 0; in != NULL && j < in->n; j += 2)
			if (sscanf(in->kids[j]->val,
			    "employees_covering_month%d_day%d%7s", &mm, &dd,
			    rest) == 2 && n++ == k) {
				payroll_date_split(run.pstart, &y, &m, &d);
				run.covering[k] = payroll_date_make(y,
				    m + mm - 1, dd);
			}
}

/* Reads every row of a results file (its header bound) into the sums. */
static void
read_rows(struct reader *r)
{
	reader_bind(r);
	while (reader_next(r))
		row_take(r);
	reader_close(r);
}

/*
 * The period's rows (r holds the first file, its first row kept), then
 * the history and the original results; the employees sorted.
 */
static void
read_results(struct reader *r, int argc, char *argv[], const struct opts *o)
{
	size_t i, k;

	for (i = 0; i < (size_t)(argc > 0 ? argc : 1); i++) {
		if (i > 0) {
			reader_open(r, argv[i], 0);
			read_rows(r);
			continue;
		}
		reader_bind(r);
		row_take(r);
		for (k = 0; k < r->nf; k++)
			free(r->first[k]);
		free(r->first);
		r->first = NULL;
		while (reader_next(r))
			row_take(r);
		reader_close(r);
	}
	/* With --input-summary: all of payroll-calc's stream? */
	input_summary_check(nrows);
	for (i = 0; i < o->nhist; i++) {
		reader_open(r, o->hist[i], 1);
		read_rows(r);
	}
	for (i = 0; i < o->norig; i++) {
		reader_open(r, o->origs[i], 2);
		read_rows(r);
	}
	if (opaid.ndup > 0)
		die(ST_DATA, "%lu payment%s given twice in the original "
		    "results: no filing written", opaid.ndup, opaid.ndup == 1 ?
		    "" : "s");
	paidset_release(&opaid);
	if (paid.ndup > 0)
		die(ST_DATA, "%lu payment%s given twice in the results: no "
		    "filing written", paid.ndup, paid.ndup == 1 ? "" : "s");
	paidset_release(&paid);
	for (i = 0; i < ncols; i++)
		if (cols[i].required && !cols[i].seen)
			die(ST_DATA, "no results file has the column '%s' that "
			    "form '%s' needs", cols[i].name, run.form);
	emp_sort();
}

/* Writes the filing, by the layout's kind, to outfp. */
static void
emit(void)
{
	struct ectx x = { NULL, run.fixedstate, NULL };

	switch (run.kind) {
	case K_FIXED:
		items_emit(fixed_items, nfixed_items, &x);
		break;
	case K_LINES:
		emit_lines();
		break;
	case K_TABLE:
		emit_table();
		break;
	case K_XML:
		emit_xml();
		break;
	}
	if (run.errors > 0)
		die(ST_DATA, "%d error%s: no filing written", run.errors,
		    run.errors == 1 ? "" : "s");
	if (nchanged_items > 0 && nchanged_written == 0)
		die(ST_DATA, "the corrected results change nothing that form "
		    "'%s' reports: no correction to file", run.form);
}

int
main(int argc, char *argv[])
{
	static struct opts o;
	const char *dir;
	struct reader r;
	struct outfile of;
	size_t i;

	common_init(argc, argv);
	paidset_init(&paid);
	paidset_init(&opaid);
	/* Transliteration (iconv //TRANSLIT) follows LC_CTYPE; numbers
	 * never go through the locale. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "C.utf8") == NULL)
		die(ST_SYSTEM, "the locale C.UTF-8 cannot be set (is it "
		    "installed? is memory short?): names with accents could "
		    "not be transliterated");
	parse_options(argc, argv, &o);
	argc -= optind;
	argv += optind;
	if (run.form == NULL) {
		warnx_("-F (--form) is required: the filing to write");
		usage(stderr, ST_USAGE);
	}
	if (o.quarter != NULL && o.year != NULL)
		die(ST_USAGE, "a quarter or a year (-p), not both");
	for (i = 0; run.form[i] != '\0'; i++)
		if (!islower((unsigned char)run.form[i]) &&
		    !isdigit((unsigned char)run.form[i]) && run.form[i] != '-')
			die(ST_USAGE, "bad form name '%s'", run.form);
	if (o.insumpath != NULL) {
		/* The results as payroll-calc streams them: one input. */
		if (argc > 1)
			die(ST_USAGE, "--input-summary checks one stream of "
			    "results (standard input, or one file)");
		input_summary(o.insumpath);
	}
	dir = formats_dir(progpath, o.fmtopt);
	if (run.employerpath != NULL)
		run.employer = yload(run.employerpath);

	reader_open(&r, argc > 0 ? argv[0] : NULL, 0);
	if (!reader_next(&r))
		die(ST_DATA, "%s: no results rows: nothing to file", r.path);
	reader_keep_first(&r);
	setup_from(row_date(&r, r.pd, "pay_date"), &o, dir);
	layout_compile();
	check_operands(&o);
	covering_dates();
	cols_frozen = 1;
	read_results(&r, argc, argv, &o);

	/* A device or a pipe named with -o (/dev/full) is written in
	 * place, /dev/stdout spooled: out_open() knows. */
	outfp = out_open(&of, o.outpath);
	/* A form's lines are the employer's figures, no one's personal
	 * data: the umask's mode.  Files with employee records: 0600. */
	if (run.kind == K_LINES)
		out_public(&of);
	emit();
	sumfile_open(o.sumpath);
	sumfile_put("form", "%s", run.form);
	sumfile_put("results_rows", "%lu", nrows);
	sumfile_put("history_rows", "%lu", nhistrows);
	sumfile_put("employees", "%zu", nemps);
	out_commit_all_or_die();
	payroll_rules_free(run.rules);
	translit_close();
	return ST_OK;
}
