/*
 * hr-import: any HR export to canonical employee CSV.
 *
 * A map (YAML) says how the export is written (encoding, delimiter,
 * decimal mark, date forms) and how its columns become canonical fields
 * (renames, name splitting, value maps, constants, ids derived from the
 * line).  The input is converted to UTF-8 into an unlinked temporary file
 * first, so that an encoding error stops the run before a record is
 * written and memory stays flat; then it is read one record at a time.
 * Every source record becomes one output record or an error naming its
 * file:line.  The map format is in docs/import.md and hr-import(1).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "hrimport.h"

/* The output's name in messages. */
const char *outname = "<stdout>";

static const char usage_text[] =
"usage: hr-import -m map.yaml [-q] [-v] [-e encoding] [-s summary.csv]\n"
"                 [-o output.csv] [file]\n";
static const char usage_master[] =
"hr-import -M master.csv [-m map.yaml] [-q] [-v] [-e encoding]\n"
"           [-s summary.csv] [-o new-master.csv] [changes.csv]\n";

/* Set by -M: a usage error shows the form for personnel changes. */
static int master_mode;

enum { OPT_STREAM = 256 };

static const struct option longopts[] = {
	{ "encoding", required_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "map", required_argument, NULL, 'm' },
	{ "master", required_argument, NULL, 'M' },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "stream-summary", required_argument, NULL, OPT_STREAM },
	{ "summary", required_argument, NULL, 's' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL)
			die(ST_SYSTEM, "out of memory");
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		die(ST_SYSTEM, "out of memory");
	return p;
}

static _Noreturn void
usage(FILE *fp, int status)
{
	if (fp == stdout) {
		fputs(usage_text, fp);
		fputs("       ", fp);
		fputs(usage_master, fp);
		fputs("\nOptions:\n"
		    "  -e, --encoding=ENC   the export's encoding (utf-8, "
		    "utf-16, windows-1252,\n"
		    "                       iso-8859-1, iso-8859-15, auto; "
		    "default: the map's)\n"
		    "  -h, --help           this text\n"
		    "  -M, --master=FILE    the employee master to apply "
		    "personnel changes to\n"
		    "  -m, --map=FILE       the import map (YAML)\n"
		    "  -o, --output=FILE    write there (default: standard "
		    "output)\n"
		    "  -q, --quiet          no run summary on standard error\n"
		    "  -s, --summary=FILE   write the counts there (metric,value "
		    "lines)\n"
		    "      --stream-summary=FILE  -s FILE, removed at once, and "
		    "the records written\n"
		    "                       to a pipe as they are made (for "
		    "hr-validate's\n"
		    "                       --input-summary)\n"
		    "  -v, --verbose        the run summary even when all is "
		    "well and no one\n"
		    "                       watches (cron)\n"
		    "  -V, --version        the version\n", fp);
		fputs("\nConverts an HR export to canonical employee CSV as "
		    "the map says;\nwith -M, applies personnel changes to the "
		    "employee master as\neffective-dated history.\n"
		    "See hr-import(1) and docs/import.md.\n", fp);
	} else if (master_mode) {
		fputs("usage: ", fp);
		fputs(usage_master, fp);
	} else
		fputs(usage_text, fp);
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

/* The command line, once parsed. */
struct opts {
	const char *mapfile, *outpath, *enc, *masterpath, *sumpath;
	const char *streampath;
	int quiet, verbose;
};

static void
parse_options(int argc, char *argv[], struct opts *o)
{
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":e:hM:m:o:qs:Vv", longopts, NULL)) !=
	    -1)
		switch (ch) {
		case 'e':
			o->enc = optarg;
			break;
		case 'h':
			usage(stdout, ST_OK);
		case 'M':
			o->masterpath = optarg;
			master_mode = 1;
			break;
		case 'm':
			o->mapfile = optarg;
			break;
		case 'o':
			o->outpath = optarg;
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
		case 'v':
			o->verbose = 1;
			break;
		case 'V':
			printf("hr-import %s\n", PAYROLL_VERSION);
			exit(ST_OK);
		default:
			bad_option(ch, argv);
		}
}

/* Converts every record of csv (conv, the input in UTF-8), counting,
 * with a progress line on a terminal unless quiet. */
static void
import_all(struct run *r, struct payroll_csv *csv, FILE *conv,
    int quiet)
{
	struct payroll_diag diag;
	struct progress pg;
	int st;

	progress_start(&pg, quiet, conv);
	for (;;) {
		payroll_diag_clear(&diag);
		st = payroll_csv_read(csv, &diag);
		if (st == PAYROLL_EOF)
			break;
		progress_tick(&pg);
		if (st == PAYROLL_EIO || st == PAYROLL_ENOMEM)
			die_diag(ST_SYSTEM, &diag);
		if (st != PAYROLL_OK && payroll_csv_nfields(csv) == 0)
			die_diag(ST_DATA, &diag);	/* malformed CSV */
		r->nread++;
		if (st != PAYROLL_OK) {
			warn_diag(&diag);
			r->nerrors++;
			continue;
		}
		import_record(r, csv);
	}
	if (r->nread != r->nwritten + r->nerrors)
		die(ST_SYSTEM, "internal error: read %lu, written %lu, errors "
		    "%lu do not reconcile", r->nread, r->nwritten, r->nerrors);
	progress_done(&pg);
}

int
main(int argc, char *argv[])
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	struct payroll_csv *csv;
	struct outfile of;
	struct map m;
	struct run r;
	struct opts o = { 0 };
	FILE *in, *conv;
	size_t i;
	int st;

	common_init(argc, argv);
	parse_options(argc, argv, &o);
	argc -= optind;
	argv += optind;
	if (o.enc != NULL && encoding_name(o.enc) == NULL)
		die(ST_USAGE, "unknown encoding '%s' (utf-8, utf-16, "
		    "windows-1252, iso-8859-1, iso-8859-15, auto)", o.enc);
	if (o.streampath != NULL && (o.sumpath != NULL ||
	    o.masterpath != NULL || (o.outpath != NULL &&
	    strcmp(o.outpath, "-") != 0)))
		die(ST_USAGE, "--stream-summary is the run's summary, for "
		    "records on standard output: not with -s, -M or -o");
	if (o.streampath == NULL)
		sumfile_open(o.sumpath);
	if (o.masterpath != NULL) {
		if (argc > 1)
			usage(stderr, ST_USAGE);
		if (strcmp(o.masterpath, "-") == 0 && (argc == 0 ||
		    strcmp(argv[0], "-") == 0))
			die(ST_USAGE, "the master and the changes cannot both "
			    "be standard input");
		return changes_main(o.masterpath, o.mapfile, o.enc,
		    o.outpath, argc == 1 ? argv[0] : NULL,
		    !show_summary(o.quiet, o.verbose, 0));
	}
	if (o.mapfile == NULL) {
		warnx_("-m (--map) is required: the import map (or -M, a "
		    "master to apply changes to)");
		usage(stderr, ST_USAGE);
	}
	if (argc > 1)
		usage(stderr, ST_USAGE);

	map_load(o.mapfile, &m);
	if (o.enc != NULL) {
		free(m.encoding);
		m.encoding = xstrdup(encoding_name(o.enc));
	}
	memset(&r, 0, sizeof(r));
	r.m = &m;
	r.name = argc == 1 ? argv[0] : "<stdin>";
	in = in_open(argc == 1 ? argv[0] : NULL);
	/* With --stream-summary the previous summary goes now, before
	 * the first record (docs/cron.md, "A streaming pipeline"). */
	if (o.streampath != NULL) {
		stream_summary_open(o.streampath);
		sumfile_open(o.streampath);
	}
	conv = to_utf8(in, r.name, m.encoding);
	in_close(in);

	memset(&opts, 0, sizeof(opts));
	opts.delim = m.delim;
	opts.check_utf8 = 1;
	if (payroll_csv_open(conv, r.name, &opts, &csv) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	if ((st = payroll_csv_read(csv, &diag)) == PAYROLL_EOF)
		die(ST_DATA, "%s: empty file: no header", r.name);
	if (st != PAYROLL_OK)
		die_diag(st == PAYROLL_ESYNTAX ? ST_DATA : status_of(st),
		    &diag);
	bind_header(&r, csv);

	/* Standard output is spooled by out_open(): a run that stops
	 * half-way leaves it empty. */
	if (o.outpath != NULL && strcmp(o.outpath, "-") != 0)
		outname = o.outpath;
	r.w.fp = out_open(&of, o.outpath);
	for (i = 0; i < m.nfields; i++)
		put(&r, m.fields[i].name, strlen(m.fields[i].name));
	for (i = 0; i < r.npass; i++)
		put(&r, r.hdr[r.passcol[i]], strlen(r.hdr[r.passcol[i]]));
	endrec(&r);

	import_all(&r, csv, conv, o.quiet);
	sumfile_put("read", "%lu", r.nread);
	sumfile_put("written", "%lu", r.nwritten);
	sumfile_put("rejected", "%lu", r.nerrors);
	stream_summary_end(r.nwritten);
	out_commit_all_or_die();
	if (show_summary(o.quiet, o.verbose, r.nerrors > 0))
		fprintf(stderr, "%s: read %lu, written %lu, errors %lu\n",
		    progname, r.nread, r.nwritten, r.nerrors);
	payroll_csv_free(csv);
	fclose(conv);
	run_release(&r);
	map_release(&m);
	return r.nerrors > 0 ? ST_DATA : ST_OK;
}
