/*
 * hr-validate: checks canonical employee records against the rule packs.
 *
 * The packs' inputs schema (required fields, types, enums, dates, ranges,
 * patterns and check expressions) is applied to every record through
 * payroll_calc_check(), with the checks no pack can state: the column
 * count, UTF-8, a non-empty employee_id, and duplicate employee_ids.
 * Valid records go out unchanged; each failure is a row of the rejects
 * file (a record can fail several ways).  read = valid + rejected.
 *
 * Duplicates cost no memory while the ids come in ascending order (each
 * id is compared with the one before, and spooled to an unlinked
 * temporary file); at the first id out of order the spool is loaded into
 * a hash set, which then holds every id.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

/* The output's name in messages. */
static const char *outname = "<stdout>";
static const char *rejname = "<stdout>";

#define MAXRULES 64

static const char usage_text[] =
"usage: hr-validate -r pack [-r pack ...] [-p period] [-f frequency]\n"
"                   [-d pay-date] [-R rejects.csv] [-q] [-v]\n"
"                   [-s summary.csv | --stream-summary=summary.csv]\n"
"                   [-o valid.csv] [file]\n";

enum { OPT_STREAM = 256, OPT_INSUM };

static const struct option longopts[] = {
	{ "frequency", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "input-summary", required_argument, NULL, OPT_INSUM },
	{ "output", required_argument, NULL, 'o' },
	{ "pay-date", required_argument, NULL, 'd' },
	{ "period", required_argument, NULL, 'p' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "summary", required_argument, NULL, 's' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "rejects", required_argument, NULL, 'R' },
	{ "rules", required_argument, NULL, 'r' },
	{ "stream-summary", required_argument, NULL, OPT_STREAM },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		fputs("\nOptions:\n"
		    "  -d, --pay-date=DATE   the pay date (dated checks)\n"
		    "  -f, --frequency=FREQ  the run's pay frequency\n"
		    "  -h, --help            this text\n"
		    "      --input-summary=FILE  hr-import's --stream-summary: "
		    "at the end of the\n"
		    "                        input it must exist and match "
		    "what was read\n"
		    "  -o, --output=FILE     write the valid records there "
		    "(default: standard output)\n"
		    "  -p, --period=PERIOD   the pay period (the packs' "
		    "figures in force)\n"
		    "  -q, --quiet           no run summary on standard "
		    "error\n"
		    "  -s, --summary=FILE    write the counts there "
		    "(metric,value lines)\n"
		    "  -v, --verbose         the run summary even when all "
		    "is well and no one\n"
		    "                        watches (cron)\n"
		    "  -R, --rejects=FILE    write rejected records there "
		    "(else their reasons\n"
		    "                        go to standard error)\n"
		    "  -r, --rules=PACK      a rule pack (repeat for several, "
		    "in order)\n"
		    "      --stream-summary=FILE  write the records to a pipe "
		    "as they are made;\n"
		    "                        FILE, the summary, is removed "
		    "at once and written\n"
		    "                        on success (the reader's "
		    "--input-summary)\n"
		    "  -V, --version         the version\n", fp);
	if (fp == stdout)
		fputs("\nChecks employee records against the rule packs' "
		    "inputs "
		    "schema.\nSee hr-validate(1) and docs/rules.md.\n", fp);
	exit(status);
}

/* getopt's own messages name argv[0], a path; these name the tool. */
static _Noreturn void
bad_option(int ch, char *argv[])
{
	if (ch == ':')
		warnx_("option '%s' needs a value", argv[optind - 1]);
	else if (optopt != 0)
		warnx_("unknown option '-%c'", optopt);
	else
		warnx_("unknown option '%s'", argv[optind - 1]);
	usage(stderr, ST_USAGE);
}

/* ------------------------------------------------------------------ */
/* The run                                                            */
/* ------------------------------------------------------------------ */

struct rulecount {
	char name[32];
	unsigned long n;
};

struct run {
	struct progress pg;
	struct payroll_rules *rules;
	struct payroll_calc *calc;
	const char *path;
	FILE *fp;
	struct payroll_csv *csv;
	char **names;
	size_t nnames;
	int idcol;
	int effcol;		/* effective_date, or -1 */
	struct uniqcheck uniq;	/* inputs declared unique */
	struct keybuf {
		char *p;
		size_t len, cap;
	} key;			/* id and effective date, for duplicates */
	struct keybuf previd;	/* the previous record's employee_id */
	payroll_date preveff;	/* and its effective_date (INT32_MIN: none) */
	unsigned long prevline;
	int idmask;		/* employee_id is declared mask: true */
	struct payroll_csv_writer out, rej;
	int have_rej;
	unsigned long nread, nvalid, nrejected;
	struct rulecount *rc;
	size_t nrc;
	struct idcheck ids;	/* duplicates */
	struct outfile outfile, rejfile;	/* valid records, rejects */
	/* The record being checked. */
	unsigned long line;
	const char *id;
	size_t idlen;
	int nfail;
};

static void
count_rule(struct run *r, const char *rule)
{
	size_t i;

	for (i = 0; i < r->nrc; i++)
		if (strcmp(r->rc[i].name, rule) == 0) {
			r->rc[i].n++;
			return;
		}
	if ((r->rc = reallocarray(r->rc, r->nrc + 1, sizeof(*r->rc))) == NULL)
		die(ST_SYSTEM, "out of memory");
	snprintf(r->rc[r->nrc].name, sizeof(r->rc[r->nrc].name), "%s", rule);
	r->rc[r->nrc++].n = 1;
}

static void
rej_put(struct run *r, const char *s, size_t len)
{
	if (payroll_csv_put(&r->rej, s, len) != 0)
		die(ST_SYSTEM, "%s: %s", rejname, strerror(errno));
}

/* Reports one failure of the current record (payroll_report_fn). */
static void
report(void *arg, const char *field, const char *rule, const char *msg)
{
	struct run *r = arg;
	char lbuf[32], idbuf[512];

	r->nfail++;
	count_rule(r, rule);
	if (r->idmask)
		mask(r->id, r->idlen, idbuf, sizeof(idbuf));
	else
		snprintf(idbuf, sizeof(idbuf), "%.*s", (int)r->idlen, r->id);
	if (!r->have_rej) {
		warn_reject(r->path, r->line, idbuf, field, msg);
		return;
	}
	snprintf(lbuf, sizeof(lbuf), "%lu", r->line);
	rej_put(r, r->path, strlen(r->path));
	rej_put(r, lbuf, strlen(lbuf));
	rej_put(r, idbuf, strlen(idbuf));
	rej_put(r, field != NULL ? field : "", field != NULL ? strlen(field) :
	    0);
	rej_put(r, rule, strlen(rule));
	rej_put(r, msg, strlen(msg));
	if (payroll_csv_endrec(&r->rej) != 0)
		die(ST_SYSTEM, "%s: %s", rejname, strerror(errno));
}



static int
buf_put(struct keybuf *b, const char *s, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = (b->len + n) * 2;
		char *p = realloc(b->p, cap);

		if (p == NULL)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	return 0;
}

/*
 * Checks the current id against those before it.  In an effective-dated
 * master an employee has one record per effective_date: the key is the
 * id and the date.
 */
static void
check_duplicate(struct run *r)
{
	unsigned long first;
	const char *key = r->id;
	size_t keylen = r->idlen;
	char msg[160];

	if (r->effcol >= 0) {
		size_t dlen;
		const char *d = payroll_csv_field(r->csv, (size_t)r->effcol,
		    &dlen);

		r->key.len = 0;
		if (buf_put(&r->key, r->id, r->idlen) != 0 ||
		    buf_put(&r->key, "\037", 1) != 0 ||
		    buf_put(&r->key, d, dlen) != 0)
			die(ST_SYSTEM, "out of memory");
		key = r->key.p;
		keylen = r->key.len;
	}
	first = idcheck_add(&r->ids, key, keylen, r->line);
	if (first != 0) {
		snprintf(msg, sizeof(msg), r->effcol >= 0 ? "employee_id and "
		    "effective_date appear again: first on line %lu" :
		    "employee_id appears again: first on line %lu", first);
		report(r, "employee_id", "duplicate", msg);
	}
}

/*
 * An effective-dated record's effective_date is a date YYYY-MM-DD, as
 * payroll-calc reads it (empty: in force since before any period), and
 * an employee's records follow one another with increasing dates (an
 * empty one first), which payroll-calc also requires.
 */
static void
check_effective_date(struct run *r, const char **f, const size_t *l)
{
	payroll_date d = INT32_MIN;
	char msg[120];
	size_t n;
	int same;

	if (r->effcol < 0)
		return;
	if (l[r->effcol] > 0 &&
	    payroll_date_parse(f[r->effcol], l[r->effcol], &d) != PAYROLL_OK) {
		n = l[r->effcol] > 20 ? 20 : l[r->effcol];
		snprintf(msg, sizeof(msg), "'%.*s' is not a date YYYY-MM-DD",
		    (int)n, f[r->effcol]);
		report(r, "effective_date", "date", msg);
		return;
	}
	same = r->prevline != 0 && r->idlen == r->previd.len &&
	    memcmp(r->id, r->previd.p, r->idlen) == 0;
	if (same && d < r->preveff) {
		snprintf(msg, sizeof(msg), "an employee's effective dates "
		    "must increase: line %lu has a later one", r->prevline);
		report(r, "effective_date", "order", msg);
		return;
	}
	r->previd.len = 0;
	if (buf_put(&r->previd, r->id, r->idlen) != 0)
		die(ST_SYSTEM, "out of memory");
	r->preveff = d;
	r->prevline = r->line;
}

static void
put(struct run *r, const char *s, size_t len)
{
	if (payroll_csv_put(&r->out, s, len) != 0)
		die(ST_SYSTEM, "%s: %s", outname, strerror(errno));
}

static void
validate(struct run *r)
{
	struct payroll_diag diag;
	const char **f;
	size_t *l, i, n;
	int st;

	if ((f = calloc(r->nnames + 1, sizeof(*f))) == NULL ||
	    (l = calloc(r->nnames + 1, sizeof(*l))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (;;) {
		payroll_diag_clear(&diag);
		st = payroll_csv_read(r->csv, &diag);
		if (st == PAYROLL_EOF)
			break;
		if (st == PAYROLL_EIO || st == PAYROLL_ENOMEM)
			die_diag(ST_SYSTEM, &diag);
		if (st != PAYROLL_OK && payroll_csv_nfields(r->csv) == 0)
			die_diag(ST_DATA, &diag);	/* malformed CSV */
		r->nread++;
		progress_tick(&r->pg);
		r->nfail = 0;
		r->line = st == PAYROLL_OK ? payroll_csv_line(r->csv) :
		    diag.line;
		n = payroll_csv_nfields(r->csv);
		r->id = n > (size_t)r->idcol ? payroll_csv_field(r->csv,
		    (size_t)r->idcol, &r->idlen) : "";
		if (n <= (size_t)r->idcol)
			r->idlen = 0;
		if (st != PAYROLL_OK) {
			report(r, NULL, st == PAYROLL_EENCODING ? "encoding" :
			    "csv", diag.msg);
		} else if (n != r->nnames) {
			char m[120];

			snprintf(m, sizeof(m), "%zu fields where the header "
			    "has %zu", n, r->nnames);
			report(r, NULL, "columns", m);
		} else {
			for (i = 0; i < n; i++)
				f[i] = payroll_csv_field(r->csv, i, &l[i]);
			if (r->idlen == 0)
				report(r, "employee_id", "required",
				    "a value is required");
			else
				check_duplicate(r);
			check_effective_date(r, f, l);
			/* Every record in a plain file; an employee's first
			 * in an effective-dated one. */
			if (r->effcol < 0)
				r->uniq.have_prev = 0;
			uniq_check(&r->uniq, r->id, r->idlen, f, l, r->names,
			    r->line, report, r);
			if (payroll_calc_check(r->calc, f, l, n, report, r) ==
			    -PAYROLL_ENOMEM)
				die(ST_SYSTEM, "out of memory");
		}
		if (r->nfail > 0) {
			r->nrejected++;
			continue;
		}
		for (i = 0; i < n; i++)
			put(r, f[i], l[i]);
		if (payroll_csv_endrec(&r->out) != 0)
			die(ST_SYSTEM, "%s: %s", outname, strerror(errno));
		r->nvalid++;
	}
	free(f);
	free(l);
}

/* ------------------------------------------------------------------ */

static void
open_input(struct run *r, const char *path)
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	FILE *fp;
	size_t i, j;
	int st;

	r->path = path != NULL ? path : "<stdin>";
	r->fp = fp = in_open(path);
	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	if (payroll_csv_open(fp, r->path, &opts, &r->csv) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	st = payroll_csv_read(r->csv, &diag);
	if (st == PAYROLL_EOF)
		die(ST_DATA, "%s: empty file: no header", r->path);
	if (st != PAYROLL_OK)
		die_diag(st == PAYROLL_ESYNTAX ? ST_DATA : status_of(st),
		    &diag);
	r->nnames = payroll_csv_nfields(r->csv);
	if ((r->names = calloc(r->nnames + 1, sizeof(*r->names))) == NULL)
		die(ST_SYSTEM, "out of memory");
	r->idcol = -1;
	r->effcol = -1;
	for (i = 0; i < r->nnames; i++) {
		if ((r->names[i] = strdup(payroll_csv_field(r->csv, i,
		    NULL))) == NULL)
			die(ST_SYSTEM, "out of memory");
		if (r->names[i][0] == '\0')
			die(ST_DATA, "%s:1: column %zu has an empty name",
			    r->path, i + 1);
		for (j = 0; j < i; j++)
			if (strcmp(r->names[i], r->names[j]) == 0)
				die(ST_DATA, "%s:1: duplicate column '%s'",
				    r->path, r->names[i]);
		if (strcmp(r->names[i], "employee_id") == 0)
			r->idcol = (int)i;
		if (strcmp(r->names[i], "effective_date") == 0)
			r->effcol = (int)i;
	}
	if (r->idcol < 0)
		die(ST_DATA, "%s:1: no column 'employee_id'", r->path);
}

static int
rccmp(const void *a, const void *b)
{
	return strcmp(((const struct rulecount *)a)->name,
	    ((const struct rulecount *)b)->name);
}

/* The command line. */
struct options {
	const char *rulepaths[MAXRULES];
	size_t nrules;
	const char *period, *freq, *paydate;
	const char *emppath, *insumpath;
	const char *outpath, *rejpath, *sumpath, *streampath;
	int quiet, verbose;
	char thismonth[16];	/* the default period */
};

/* The command line into o.  Exits on a usage error, --help and
 * --version. */
static void
parse_options(int argc, char *argv[], struct options *o)
{
	int ch;

	memset(o, 0, sizeof(*o));
	o->freq = "monthly";
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":d:f:ho:p:qR:r:s:Vv", longopts,
	    NULL)) != -1)
		switch (ch) {
		case 'd':
			o->paydate = optarg;
			break;
		case 'f':
			o->freq = optarg;
			break;
		case 'h':
			usage(stdout, ST_OK);
		case 'o':
			o->outpath = optarg;
			break;
		case 'p':
			o->period = optarg;
			break;
		case 'q':
			o->quiet = 1;
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
		case 'V':
			printf("hr-validate %s\n", PAYROLL_VERSION);
			exit(ST_OK);
		default:
			bad_option(ch, argv);
		}
	argc -= optind;
	argv += optind;
	if (o->nrules == 0) {
		warnx_("-r (--rules) is required: a rule pack");
		usage(stderr, ST_USAGE);
	}
	if (argc > 1)
		die(ST_USAGE, "one employee file at a time (or standard "
		    "input)");
	o->emppath = argc == 1 ? argv[0] : NULL;
	if (o->streampath != NULL && o->sumpath != NULL)
		die(ST_USAGE, "--stream-summary is the run's summary: give it "
		    "or -s, not both");
	if (o->streampath != NULL && o->outpath != NULL &&
	    strcmp(o->outpath, "-") != 0)
		die(ST_USAGE, "--stream-summary is for records on standard "
		    "output, not -o");
}

/*
 * The rule packs, with the figures in force in the period (-p, this
 * month's by default), and whether they mask employee_id.
 */
static void
load_packs(struct options *o, struct run *r)
{
	struct payroll_run runinfo;
	struct payroll_diag diag;
	enum payroll_freq f;
	size_t i;
	int st;

	if (o->period == NULL) {
		/* The packs need a date: this month's, by default. */
		time_t now = time(NULL);
		struct tm tm;

		if (localtime_r(&now, &tm) == NULL ||
		    strftime(o->thismonth, sizeof(o->thismonth), "%Y-%m",
		    &tm) == 0)
			die(ST_SYSTEM, "cannot tell the current month");
		o->period = o->thismonth;
	}
	memset(&runinfo, 0, sizeof(runinfo));
	if (payroll_freq_parse(o->freq, &f) != 0)
		die(ST_USAGE, "unknown frequency '%s'", o->freq);
	if (payroll_period_parse(o->period, f, &runinfo.period) != 0)
		die(ST_USAGE, "bad period '%s' for a %s payroll (use YYYY-MM, "
		    "a start date YYYY-MM-DD, or START..END)", o->period,
		    o->freq);
	if (o->paydate != NULL && payroll_date_parse(o->paydate,
	    strlen(o->paydate), &runinfo.period.pay_date) != 0)
		die(ST_USAGE, "bad pay date '%s' (YYYY-MM-DD)", o->paydate);
	if ((st = payroll_rules_load(o->rulepaths, o->nrules, &runinfo,
	    &r->rules, &diag)) != 0)
		die_diag(status_of(st), &diag);
	warn_rules(r->rules);
	mask_columns_of(r->rules);
	for (i = 0; i < payroll_rules_ninputs(r->rules); i++)
		if (strcmp(payroll_rules_input_name(r->rules, i),
		    "employee_id") == 0)
			r->idmask = payroll_rules_input_mask(r->rules, i);
}

/* The checks bound to the input's columns: the packs' (through the
 * calculation), duplicates, the inputs declared unique. */
static void
prepare_checks(struct run *r)
{
	struct payroll_diag diag;
	int st;

	if ((st = payroll_calc_new(r->rules, (const char *const *)r->names,
	    r->nnames, &r->calc, &diag)) != 0) {
		snprintf(diag.file, sizeof(diag.file), "%s", r->path);
		die_diag(status_of(st), &diag);
	}
	idcheck_init(&r->ids);
	uniq_init(&r->uniq, r->rules, r->names, r->nnames);
}

/*
 * The valid records' file with the input's header, and the rejects file
 * with its own.  With --stream-summary the previous summary goes now,
 * before the first record (o->sumpath becomes it).  Standard output is
 * spooled by out_open(): a run that stops half-way leaves it empty (with
 * --stream-summary a pipe gets the records as they are made, and the
 * summary vouches for them).
 */
static void
open_outputs(struct run *r, struct options *o)
{
	size_t i;

	if (o->streampath != NULL) {
		stream_summary_open(o->streampath);
		o->sumpath = o->streampath;
	}
	if (o->outpath != NULL && strcmp(o->outpath, "-") != 0)
		outname = o->outpath;
	r->out.fp = out_open(&r->outfile, o->outpath);
	for (i = 0; i < r->nnames; i++)
		put(r, r->names[i], strlen(r->names[i]));
	if (payroll_csv_endrec(&r->out) != 0)
		die(ST_SYSTEM, "%s: %s", outname, strerror(errno));
	if (o->rejpath != NULL && strcmp(o->rejpath, "-") == 0 &&
	    (o->outpath == NULL || strcmp(o->outpath, "-") == 0))
		die(ST_USAGE, "-R - would mix the rejects into the valid "
		    "records on standard output: name a file for one of them");
	if (o->rejpath != NULL) {
		static const char *const hdr[] = { "file", "line",
		    "employee_id", "field", "rule", "message" };

		if (strcmp(o->rejpath, "-") != 0)
			rejname = o->rejpath;
		r->rej.fp = out_open(&r->rejfile, o->rejpath);
		/* A person opens it: the rule of every such CSV. */
		r->rej.neutralise = 1;
		r->have_rej = 1;
		for (i = 0; i < 6; i++)
			rej_put(r, hdr[i], strlen(hdr[i]));
		if (payroll_csv_endrec(&r->rej) != 0)
			die(ST_SYSTEM, "%s: %s", o->rejpath, strerror(errno));
	}
}

/*
 * The counts reconcile; the summary (counts, rejects by rule) is written
 * and every output committed; then the lines on standard error.
 */
static void
commit(struct run *r, const struct options *o)
{
	size_t i;

	if (r->nread != r->nvalid + r->nrejected)
		die(ST_SYSTEM, "internal error: read %lu, valid %lu, rejected "
		    "%lu do not reconcile", r->nread, r->nvalid, r->nrejected);
	sumfile_put("read", "%lu", r->nread);
	sumfile_put("valid", "%lu", r->nvalid);
	sumfile_put("rejected", "%lu", r->nrejected);
	for (i = 0; i < r->nrc; i++) {
		char metric[128];

		snprintf(metric, sizeof(metric), "rejected_%s", r->rc[i].name);
		sumfile_put(metric, "%lu", r->rc[i].n);
	}
	stream_summary_end(r->nvalid);
	out_commit_all_or_die();
	if (show_summary(o->quiet, o->verbose, r->nrejected > 0)) {
		fprintf(stderr, "%s: read %lu, valid %lu, rejected %lu\n",
		    progname, r->nread, r->nvalid, r->nrejected);
		if (r->nrc > 0)
			qsort(r->rc, r->nrc, sizeof(*r->rc), rccmp);
		for (i = 0; i < r->nrc; i++)
			fprintf(stderr, "%s:   %-12s %lu\n", progname,
			    r->rc[i].name, r->rc[i].n);
	}
}

static void
run_free(struct run *r)
{
	size_t i;

	payroll_calc_free(r->calc);
	payroll_rules_free(r->rules);
	payroll_csv_free(r->csv);
	in_close(r->fp);
	for (i = 0; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	free(r->rc);
	idcheck_release(&r->ids);
	uniq_release(&r->uniq);
	free(r->key.p);
	free(r->previd.p);
}

int
main(int argc, char *argv[])
{
	struct options o;
	struct run r;

	common_init(argc, argv);
	memset(&r, 0, sizeof(r));
	parse_options(argc, argv, &o);
	load_packs(&o, &r);
	if (o.insumpath != NULL)
		input_summary(o.insumpath);
	open_input(&r, o.emppath);
	prepare_checks(&r);
	open_outputs(&r, &o);
	sumfile_open(o.sumpath);
	progress_start(&r.pg, o.quiet, r.fp);
	validate(&r);
	progress_done(&r.pg);
	/* With --input-summary: all of hr-import's stream? */
	input_summary_check(r.nread);
	commit(&r, &o);
	run_free(&r);
	return r.nrejected > 0 ? ST_DATA : ST_OK;
}
