/*
 * common.c: diagnostics, exit statuses and atomic outputs for the tools.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "common.h"

const char *progname = "payroll";
const char *progpath = "payroll";

#define MAXOUT 32
static struct outfile *outs[MAXOUT];
static int nouts;
/* Paths of temporary files, readable from a signal handler. */
static char *volatile tmpnames[MAXOUT];

volatile sig_atomic_t common_interrupted;
static int deferring;

static void
on_signal(int sig)
{
	int i;

	if (deferring) {
		/* The tool checks the flag and dies cleanly (its own
		 * cleanup runs at exit). */
		common_interrupted = sig;
		return;
	}
	for (i = 0; i < MAXOUT; i++)
		if (tmpnames[i] != NULL)
			unlink(tmpnames[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * At exit, what is still buffered for standard output is written and a
 * failure reported, as GNU tools do: "--help >/dev/full" is a write
 * error (status 4), not a success.
 */
static volatile sig_atomic_t died;	/* a write error or die() said why */

static void
close_stdout(void)
{
	if (!died && (fflush(stdout) != 0 || ferror(stdout))) {
		int e = errno;

		fprintf(stderr, "%s: standard output: %s\n", progname,
		    strerror(e != 0 ? e : EIO));
		_exit(ST_SYSTEM);
	}
}

void
common_init(int argc, char *argv[])
{
	const char *p;
	struct sigaction sa;

	(void)argc;
	if (argv[0] != NULL) {
		progpath = argv[0];
		/* The program's own file, wherever it was started from
		 * ($PATH, a symbolic link, a relative path): layouts and
		 * packs are found beside it (bin/../rules in the source
		 * tree, bin/../share/payroll/rules installed). */
		{
			static char self[PATH_MAX];
			ssize_t n = readlink("/proc/self/exe", self,
			    sizeof(self) - 1);

			if (n > 0) {
				self[n] = '\0';
				progpath = self;
			}
		}
		p = strrchr(argv[0], '/');
		progname = p != NULL ? p + 1 : argv[0];
		/* getopt's own messages name the tool, not its path (which
		 * stays in progpath, for files kept beside the program). */
		argv[0] = (char *)progname;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A closed pipe is a write error we report, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	atexit(close_stdout);
}

int
show_summary(int quiet, int verbose, int trouble)
{
	if (quiet)
		return 0;
	return verbose || trouble || isatty(STDERR_FILENO);
}

void
warn_reject(const char *file, unsigned long line, const char *id,
    const char *field, const char *msg)
{
	char where[64] = "";

	if (line > 0)
		snprintf(where, sizeof(where), ":%lu", line);
	fprintf(stderr, "%s: %s%s:%s%s%s rejected%s%s: %s\n", progname, file,
	    where, field != NULL && *field != '\0' ? " field '" : "",
	    field != NULL ? field : "",
	    field != NULL && *field != '\0' ? "':" : "",
	    id != NULL && *id != '\0' ? " employee " : "",
	    id != NULL ? id : "", msg);
}

/* Copies that live as long as the process, freed at exit (so that a
 * leak checker sees none); out of memory ends the run. */
static char **kept;
static size_t nkept;

static void
free_kept(void)
{
	while (nkept > 0)
		free(kept[--nkept]);
	free(kept);
	kept = NULL;
}

static const char *
keep(const char *s)
{
	char *c, **k;

	if ((k = realloc(kept, (nkept + 1) * sizeof(*kept))) == NULL ||
	    (c = strdup(s)) == NULL)
		die(ST_SYSTEM, "out of memory");
	if (kept == NULL)
		atexit(free_kept);
	kept = k;
	kept[nkept++] = c;
	return c;
}

const char *
rule_path(const char *arg)
{
	static const char *const beside[] = { "../share/payroll/rules",
	    "../rules", NULL };
	struct stat sb;
	const char *env, *slash, *p, *q;
	char buf[PATH_MAX];
	size_t i;

	if (arg[0] == '/' || stat(arg, &sb) == 0)
		return arg;
	/* $PAYROLL_PATH: folders separated by ':', as $PATH. */
	if ((env = getenv("PAYROLL_PATH")) != NULL)
		for (p = env; *p != '\0'; p = *q != '\0' ? q + 1 : q) {
			if ((q = strchr(p, ':')) == NULL)
				q = p + strlen(p);
			if (q == p)
				continue;
			if (snprintf(buf, sizeof(buf), "%.*s/%s", (int)(q - p),
			    p, arg) < (int)sizeof(buf) && stat(buf, &sb) == 0)
				return keep(buf);
		}
	if ((slash = strrchr(progpath, '/')) != NULL)
		for (i = 0; beside[i] != NULL; i++)
			if (snprintf(buf, sizeof(buf), "%.*s/%s/%s",
			    (int)(slash - progpath), progpath, beside[i],
			    arg) < (int)sizeof(buf) && stat(buf, &sb) == 0)
				return keep(buf);
	return arg;
}

void
common_defer_signals(void)
{
	deferring = 1;
}

void
warnx_(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
warn_diag(const struct payroll_diag *diag)
{
	char buf[1024];

	payroll_diag_format(diag, buf, sizeof(buf));
	fprintf(stderr, "%s: %s\n", progname, buf);
}

void
warn_rules(const struct payroll_rules *rules)
{
	size_t i;

	for (i = 0; i < payroll_rules_nwarnings(rules); i++)
		warn_diag(payroll_rules_warning(rules, i));
}

static void
abort_all(void)
{
	int i;

	for (i = nouts - 1; i >= 0; i--)
		out_abort(outs[i]);
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort_all();
	died = 1;
	exit(status);
}

void
die_diag(int status, const struct payroll_diag *diag)
{
	warn_diag(diag);
	abort_all();
	died = 1;
	exit(status);
}

void
die_yaml(const char *path, const struct yaml_parser_s *p)
{
	/* libyaml's loader fails on some allocations without saying so. */
	if (p->error == YAML_MEMORY_ERROR || p->error == YAML_NO_ERROR)
		die(ST_SYSTEM, "%s: out of memory", path);
	if (p->context != NULL)
		die(ST_RULES, "%s:%lu:%lu: %s %s that starts at %lu:%lu", path,
		    (unsigned long)p->problem_mark.line + 1,
		    (unsigned long)p->problem_mark.column + 1,
		    p->problem != NULL ? p->problem : "bad YAML", p->context,
		    (unsigned long)p->context_mark.line + 1,
		    (unsigned long)p->context_mark.column + 1);
	die(ST_RULES, "%s:%lu:%lu: %s", path,
	    (unsigned long)p->problem_mark.line + 1,
	    (unsigned long)p->problem_mark.column + 1,
	    p->problem != NULL ? p->problem : "bad YAML");
}

int
status_of(int st)
{
	switch (st) {
	case PAYROLL_OK:
	case PAYROLL_EOF:
		return ST_OK;
	case PAYROLL_ERULES:
		return ST_RULES;
	case PAYROLL_EINVAL:
		return ST_USAGE;
	case PAYROLL_ENOMEM:
	case PAYROLL_EIO:
	case PAYROLL_EENCODING:
		return ST_SYSTEM;
	default:
		return ST_DATA;
	}
}


FILE *
out_open(struct outfile *o, const char *path)
{
	const char *slash;
	char *real = NULL;
	struct stat sb;
	size_t dirlen;
	int fd, i;

	memset(o, 0, sizeof(*o));
	if (nouts == MAXOUT)
		die(ST_SYSTEM, "too many output files");
	outs[nouts++] = o;
	o->registered = 1;
	if (path == NULL || strcmp(path, "-") == 0) {
		/*
		 * Standard output is spooled and copied out at commit: a run
		 * that fails half-way leaves the next tool in the pipe
		 * nothing, never part of a file that looks complete.
		 */
		o->fp = scratch_file();
		o->spooled = 1;
		return o->fp;
	}
	/*
	 * A device, FIFO or socket (/dev/null, /dev/stderr, a named pipe)
	 * is written in place: renaming over it would replace it.  A
	 * symbolic link to a file is followed, so the file is replaced and
	 * the link kept.
	 */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		if (S_ISDIR(sb.st_mode))
			die(ST_SYSTEM, "%s: %s", path, strerror(EISDIR));
		if ((o->fp = fopen(path, "w")) == NULL)
			die(ST_SYSTEM, "%s: %s", path, strerror(errno));
		o->direct = 1;
		return o->fp;
	}
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) &&
	    (real = realpath(path, NULL)) != NULL)
		path = real;
	if ((o->path = strdup(path)) == NULL ||
	    (o->tmp = calloc(1, strlen(path) + 32)) == NULL ||
	    (o->lock = malloc(strlen(path) + 32)) == NULL)
		die(ST_SYSTEM, "out of memory");	/* tmp "": nothing to remove */
	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (size_t)(slash - path + 1) : 0;
	/*
	 * One writer per output: a second run writing the same file stops
	 * here, before it writes anything.
	 */
	snprintf(o->lock, strlen(path) + 32, "%.*s.%s.lock", (int)dirlen, path,
	    path + dirlen);
	if ((o->lockfd = open(o->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) ==
	    -1)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	if (flock(o->lockfd, LOCK_EX | LOCK_NB) == -1) {
		int e = errno;

		close(o->lockfd);
		o->lockfd = -1;
		free(o->lock);
		o->lock = NULL;
		if (e == EWOULDBLOCK)
			die(ST_SYSTEM, "%s: another run is writing this file "
			    "(locked); not writing it twice", path);
		die(ST_SYSTEM, "%s: lock: %s", path, strerror(e));
	}
	snprintf(o->tmp, strlen(path) + 32, "%.*s.%s.XXXXXX", (int)dirlen,
	    path, path + dirlen);
	if ((fd = mkstemp(o->tmp)) == -1)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	for (i = 0; i < MAXOUT; i++)
		if (tmpnames[i] == NULL) {
			tmpnames[i] = o->tmp;
			break;
		}
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(o->tmp);
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	}
	/* Large buffers: outputs are written record by record. */
	setvbuf(o->fp, NULL, _IOFBF, 1 << 16);
	free(real);
	return o->fp;
}

static void
unlock(struct outfile *o)
{
	if (o->lock != NULL) {
		unlink(o->lock);
		close(o->lockfd);
		free(o->lock);
		o->lock = NULL;
	}
}

static void
forget(struct outfile *o)
{
	int i;

	unlock(o);
	for (i = 0; i < MAXOUT; i++)
		if (tmpnames[i] == o->tmp)
			tmpnames[i] = NULL;
	for (i = 0; i < nouts; i++)
		if (outs[i] == o) {
			memmove(&outs[i], &outs[i + 1], (size_t)(nouts - i - 1) *
			    sizeof(*outs));
			nouts--;
			break;
		}
	o->registered = 0;
}

int
out_commit(struct outfile *o)
{
	int bad;

	if (!o->registered)
		return 0;
	if (o->spooled) {
		char buf[65536];
		size_t n;

		bad = fflush(o->fp) == EOF || ferror(o->fp) ||
		    fseek(o->fp, 0, SEEK_SET) != 0;
		while (!bad && (n = fread(buf, 1, sizeof(buf), o->fp)) > 0)
			if (fwrite(buf, 1, n, stdout) != n)
				bad = 1;
		if (ferror(o->fp) || fflush(stdout) == EOF || ferror(stdout))
			bad = 1;
		fclose(o->fp);
		o->fp = NULL;
		forget(o);
		if (bad) {
			warnx_("<stdout>: %s", strerror(errno ? errno : EIO));
			died = 1;
			return -1;
		}
		return 0;
	}
	if (o->direct) {
		bad = fflush(o->fp) == EOF || ferror(o->fp);
		if (fclose(o->fp) == EOF)
			bad = 1;
		forget(o);
		if (bad) {
			warnx_("output: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	bad = fflush(o->fp) == EOF || ferror(o->fp) ||
	    fsync(fileno(o->fp)) == -1;
	if (fclose(o->fp) == EOF)
		bad = 1;
	o->fp = NULL;
	if (bad || rename(o->tmp, o->path) == -1) {
		warnx_("%s: %s", o->path, strerror(errno ? errno : EIO));
		unlink(o->tmp);
		forget(o);
		return -1;
	}
	forget(o);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return 0;
}

void
out_abort(struct outfile *o)
{
	if (!o->registered)
		return;
	if (o->fp != NULL)
		fclose(o->fp);	/* a spool goes; a direct output (a device) stays */
	if (o->tmp != NULL && o->tmp[0] != '\0')
		unlink(o->tmp);
	o->fp = NULL;
	forget(o);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
}

void
out_commit_all_or_die(void)
{
	/* out_commit() said what failed and removed what was left. */
	if (out_commit_all() != 0)
		exit(ST_SYSTEM);
}

int
out_commit_all(void)
{
	int bad = 0;

	while (nouts > 0)
		if (out_commit(outs[0]) != 0) {
			bad = 1;
			abort_all();
		}
	return bad ? -1 : 0;
}

FILE *
in_open(const char *path)
{
	FILE *fp;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdin;
	if ((fp = fopen(path, "rb")) == NULL)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	return fp;
}

void
in_close(FILE *fp)
{
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

void
mask(const char *s, size_t len, char *buf, size_t size)
{
	size_t i, n = 0;

	/* Four stars whatever the length (the length says something too),
	 * then the last four characters. */
	if (len > 4) {
		for (i = 0; i < 4 && n + 1 < size; i++)
			buf[n++] = '*';
		s += len - 4;
		len = 4;
	}
	for (i = 0; i < len && n + 1 < size; i++)
		buf[n++] = s[i];
	buf[n] = '\0';
}

/* ------------------------------------------------------------------ */
/* Duplicate employee ids                                             */
/* ------------------------------------------------------------------ */
static uint64_t
hash_id(const char *s, size_t len)
{
	uint64_t h = 0xCBF29CE484222325ULL;	/* FNV-1a */

	while (len-- > 0) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001B3ULL;
	}
	return h;
}

static struct ident *
idset_find(struct idset *set, const char *s, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (set->cap - 1);

	for (;;) {
		struct ident *e = &set->slot[i];

		if (e->len == 0 || (e->hash == h && e->len == len &&
		    memcmp(set->arena + e->off, s, len) == 0))
			return e;
		i = (i + 1) & (set->cap - 1);
	}
}

/* Adds an id; returns the line it was first seen on, or 0 when new. */
static unsigned long
idset_add(struct idset *set, const char *s, size_t len, unsigned long line)
{
	uint64_t h = hash_id(s, len);
	struct ident *e;

	if (set->n * 2 >= set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 1024, i;
		struct idset bigger = *set;

		if ((bigger.slot = calloc(cap, sizeof(*bigger.slot))) == NULL)
			die(ST_SYSTEM, "out of memory");
		bigger.cap = cap;
		for (i = 0; i < set->cap; i++)
			if (set->slot[i].len > 0)
				*idset_find(&bigger, set->arena +
				    set->slot[i].off, set->slot[i].len,
				    set->slot[i].hash) = set->slot[i];
		free(set->slot);
		set->slot = bigger.slot;
		set->cap = cap;
	}
	e = idset_find(set, s, len, h);
	if (e->len > 0)
		return e->line;
	if (set->alen + len > set->acap) {
		size_t acap = set->acap ? set->acap : 65536;
		char *p;

		while (acap < set->alen + len)
			acap *= 2;
		if ((p = realloc(set->arena, acap)) == NULL)
			die(ST_SYSTEM, "out of memory");
		set->arena = p;
		set->acap = acap;
	}
	memcpy(set->arena + set->alen, s, len);
	e->off = set->alen;
	e->len = len;
	e->line = line;
	e->hash = h;
	set->alen += len;
	set->n++;
	return 0;
}


FILE *
scratch_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *fp;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof(path), "%s/payroll.XXXXXX", dir) >=
	    sizeof(path))
		die(ST_SYSTEM, "TMPDIR too long");
	if ((fd = mkstemp(path)) == -1)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	unlink(path);
	if ((fp = fdopen(fd, "w+b")) == NULL)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	return fp;
}

void
idcheck_init(struct idcheck *k)
{
	memset(k, 0, sizeof(*k));
	k->sorted = 1;
}

/* The ids so far were ascending: load them from the spool into the set. */
static void
spool_load(struct idcheck *k)
{
	unsigned long line;
	size_t len, cap = 0;
	char *s = NULL;

	if (k->spool == NULL)
		return;
	if (fflush(k->spool) == EOF || ferror(k->spool))
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	rewind(k->spool);
	while (fread(&line, sizeof(line), 1, k->spool) == 1) {
		if (fread(&len, sizeof(len), 1, k->spool) != 1)
			die(ST_SYSTEM, "temporary file: short read");
		if (len > cap) {
			cap = len * 2;
			if ((s = realloc(s, cap)) == NULL)
				die(ST_SYSTEM, "out of memory");
		}
		if (len > 0 && fread(s, 1, len, k->spool) != len)
			die(ST_SYSTEM, "temporary file: short read");
		(void)idset_add(&k->set, s, len, line);
	}
	if (ferror(k->spool))
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	free(s);
	fclose(k->spool);
	k->spool = NULL;
}

unsigned long
idcheck_add(struct idcheck *k, const char *id, size_t len, unsigned long line)
{
	int c;

	if (k->sorted && k->last != NULL) {
		size_t n = len < k->lastlen ? len : k->lastlen;

		c = memcmp(id, k->last, n);
		if (c == 0)
			c = len < k->lastlen ? -1 : len > k->lastlen;
		if (c == 0)
			return k->lastline;
		if (c < 0) {
			k->sorted = 0;
			spool_load(k);
		}
	}
	if (!k->sorted)
		return idset_add(&k->set, id, len, line);
	if (k->spool == NULL)
		k->spool = scratch_file();
	if (fwrite(&line, sizeof(line), 1, k->spool) != 1 ||
	    fwrite(&len, sizeof(len), 1, k->spool) != 1 ||
	    fwrite(id, 1, len, k->spool) != len)
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	if (len + 1 > k->lastcap) {
		k->lastcap = (len + 1) * 2;
		if ((k->last = realloc(k->last, k->lastcap)) == NULL)
			die(ST_SYSTEM, "out of memory");
	}
	memcpy(k->last, id, len);
	k->lastlen = len;
	k->lastline = line;
	return 0;
}

int
idcheck_sorted(const struct idcheck *k)
{
	return k->sorted;
}

void
idcheck_release(struct idcheck *k)
{
	if (k->spool != NULL)
		fclose(k->spool);
	free(k->last);
	free(k->set.slot);
	free(k->set.arena);
	memset(k, 0, sizeof(*k));
}

/* ------------------------------------------------------------------ */
/* Control figures handed over by the previous step                    */
/* ------------------------------------------------------------------ */

void
expect_summary(const char *sumpath, int nfiles, char *files[])
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	struct payroll_csv *csv;
	struct want {
		char name[128];
		struct payroll_dec want, got;
		int col;
	} w[64];
	unsigned long rows = 0, paid = 0;
	size_t nw = 0, i, k;
	int f, have_paid = 0;
	FILE *fp;

	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	if (nfiles == 0)
		die(ST_USAGE, "--expect-summary re-reads the results: give them "
		    "as files, not on standard input");
	/* The summary: metric,value lines (payroll-calc -s). */
	fp = in_open(sumpath);
	if (payroll_csv_open(fp, sumpath, &opts, &csv) != 0)
		die(ST_SYSTEM, "out of memory");
	while (payroll_csv_read(csv, &diag) == PAYROLL_OK) {
		size_t l0, l1;
		const char *m = payroll_csv_field(csv, 0, &l0);
		const char *v = payroll_csv_field(csv, 1, &l1);

		if (l0 == 4 && memcmp(m, "paid", 4) == 0) {
			char *end;

			paid = strtoul(v, &end, 10);
			have_paid = end == v + l1 && l1 > 0;
		} else if (l0 > 6 && memcmp(m, "total_", 6) == 0 && nw < 64 &&
		    l0 - 6 < sizeof(w[nw].name)) {
			memcpy(w[nw].name, m + 6, l0 - 6);
			w[nw].name[l0 - 6] = '\0';
			if (payroll_dec_parse(v, l1, &w[nw].want) != 0)
				die(ST_DATA, "%s:%lu: '%.*s' is not an amount",
				    sumpath, payroll_csv_line(csv), (int)l1, v);
			w[nw].got = payroll_dec_make(0, 0);
			nw++;
		}
	}
	payroll_csv_free(csv);
	in_close(fp);
	if (!have_paid)
		die(ST_DATA, "%s: no 'paid' count: not a payroll-calc summary",
		    sumpath);
	/* The results: count the rows and add up the columns. */
	for (f = 0; f < nfiles; f++) {
		fp = in_open(files[f]);
		if (payroll_csv_open(fp, files[f], &opts, &csv) != 0)
			die(ST_SYSTEM, "out of memory");
		if (payroll_csv_read(csv, &diag) != PAYROLL_OK)
			die_diag(ST_DATA, &diag);
		for (i = 0; i < nw; i++) {
			w[i].col = -1;
			for (k = 0; k < payroll_csv_nfields(csv); k++)
				if (strcmp(payroll_csv_field(csv, k, NULL),
				    w[i].name) == 0)
					w[i].col = (int)k;
		}
		while (payroll_csv_read(csv, &diag) == PAYROLL_OK) {
			rows++;
			for (i = 0; i < nw; i++) {
				struct payroll_dec d;
				size_t l;
				const char *s;

				if (w[i].col < 0)
					continue;
				s = payroll_csv_field(csv, (size_t)w[i].col, &l);
				if (l > 0 && (payroll_dec_parse(s, l, &d) != 0 ||
				    payroll_dec_add(w[i].got, d, &w[i].got) != 0))
					die(ST_DATA, "%s:%lu: field '%s': '%.*s' is "
					    "not an amount", files[f],
					    payroll_csv_line(csv), w[i].name,
					    (int)(l > 40 ? 40 : l), s);
			}
		}
		payroll_csv_free(csv);
		in_close(fp);
	}
	if (rows != paid)
		die(ST_DATA, "the results hold %lu rows where the summary %s "
		    "says %lu were paid: not the same run; nothing written",
		    rows, sumpath, paid);
	for (i = 0; i < nw; i++)
		if (payroll_dec_cmp(w[i].got, w[i].want) != 0) {
			char g[64], x[64];

			payroll_dec_format(w[i].got, 2, g, sizeof(g));
			payroll_dec_format(w[i].want, 2, x, sizeof(x));
			die(ST_DATA, "the results' %s totals %s where the summary "
			    "%s says %s: nothing written", w[i].name, g, sumpath,
			    x);
		}
}

/* ------------------------------------------------------------------ */
/* Unique values (a national id): a compact exact set                 */
/* ------------------------------------------------------------------ */

/*
 * A value of up to 12 characters from 0-9, A-Z and '-' is held exactly
 * as a 64-bit number (bijective base 38: no two values share one), in a
 * table of 12 bytes a slot: about 16 bytes an employee.  Any other value
 * goes to an idcheck set.
 */
static uint64_t
valcode(const char *s, size_t len)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0 || len > 12)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned d;

		if (s[i] >= '0' && s[i] <= '9')
			d = (unsigned)(s[i] - '0') + 1;
		else if (s[i] >= 'A' && s[i] <= 'Z')
			d = (unsigned)(s[i] - 'A') + 11;
		else if (s[i] == '-')
			d = 37;
		else
			return 0;
		v = v * 38 + d;
	}
	return v;
}

void
valset_init(struct valset *v)
{
	memset(v, 0, sizeof(*v));
	idcheck_init(&v->other);
	v->other.sorted = 0;	/* values come in any order */
}

unsigned long
valset_add(struct valset *v, const char *s, size_t len, unsigned long line)
{
	uint64_t code = valcode(s, len);
	size_t i;

	if (code == 0)
		return idcheck_add(&v->other, s, len, line);
	if ((v->n + 1) * 4 > v->cap * 3) {
		size_t cap = v->cap ? v->cap * 2 : 4096, j;
		uint64_t *k = calloc(cap, sizeof(*k));
		uint32_t *l = calloc(cap, sizeof(*l));

		if (k == NULL || l == NULL)
			die(ST_SYSTEM, "out of memory");
		for (j = 0; j < v->cap; j++) {
			if (v->key[j] == 0)
				continue;
			for (i = (size_t)(v->key[j] * 0x9E3779B97F4A7C15ULL) &
			    (cap - 1); k[i] != 0; i = (i + 1) & (cap - 1))
				;
			k[i] = v->key[j];
			l[i] = v->line[j];
		}
		free(v->key);
		free(v->line);
		v->key = k;
		v->line = l;
		v->cap = cap;
	}
	for (i = (size_t)(code * 0x9E3779B97F4A7C15ULL) & (v->cap - 1);
	    v->key[i] != 0; i = (i + 1) & (v->cap - 1))
		if (v->key[i] == code)
			return v->line[i] ? v->line[i] : 1;
	v->key[i] = code;
	v->line[i] = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
	v->n++;
	return 0;
}

void
valset_release(struct valset *v)
{
	free(v->key);
	free(v->line);
	idcheck_release(&v->other);
	memset(v, 0, sizeof(*v));
}
