/*
 * common.c: diagnostics, exit statuses and atomic outputs for the tools.
 */
#define _GNU_SOURCE		/* O_TMPFILE */
#include <sys/file.h>
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

const char *progname = "payroll";
const char *progpath = "payroll";

#define MAXOUT 32
static struct outfile *outs[MAXOUT];
static int nouts;
/* The open outputs, read by the signal handler. */
static struct outfile *volatile sigouts[MAXOUT];
/* When the run started: a temporary file of ours older than this, that
 * no process holds locked, was left by a run that was killed. */
static struct timespec started;

volatile sig_atomic_t common_interrupted;
static int deferring;

/* --stream-summary: standard output goes through stream_fopen(). */
static const char *streampath;
static struct outfile *streamout;
static FILE *stream_fopen(struct outfile *o);
static void stream_discard(struct outfile *o);
static int stream_spoolfd(const struct outfile *o);
/* --input-summary: the run's input goes through instream_fopen(). */
static const char *insumpath;
static FILE *instream;
static int in_eof, in_said;
static FILE *instream_fopen(int fd);
static void insum_hint(void);

static void
on_signal(int sig)
{
	struct outfile *o;
	int i;

	if (deferring) {
		/* The tool checks the flag and dies cleanly (its own
		 * cleanup runs at exit). */
		common_interrupted = sig;
		return;
	}
	/* Named temporary files and lock files go; unnamed ones
	 * (O_TMPFILE) go with the process. */
	for (i = 0; i < MAXOUT; i++)
		if ((o = sigouts[i]) != NULL) {
			if (o->tmp != NULL)
				unlinkat(o->dirfd, o->tmp, 0);
			if (o->lock != NULL)
				unlinkat(o->dirfd, o->lock, 0);
		}
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

/* The umask the run was started with (out_public()). */
static mode_t run_umask = 022;

void
common_init(int argc, char *argv[])
{
	const char *p;
	struct sigaction sa;

	(void)argc;
	clock_gettime(CLOCK_REALTIME, &started);
	run_umask = umask(077);
	umask(run_umask);
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
	/* An input cut short often shows first as bad data (no header, a
	 * short last record): say what it is. */
	if (insumpath != NULL && in_eof && !in_said) {
		in_said = 1;
		insum_hint();
	}
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

struct payroll_node *
conf_read(FILE *fp, const char *path, const char *what)
{
	struct payroll_conf_opts opts = { what, 0, 0, 0,
	    PAYROLL_CONF_CONTEXT_MARK };
	struct payroll_diag diag;
	struct payroll_node *root;
	int st;

	payroll_diag_clear(&diag);
	if ((st = payroll_conf_read(fp, path, &opts, &root, &diag)) == 0)
		return root;
	if (st == PAYROLL_ENOMEM)
		die(ST_SYSTEM, "%s: out of memory", path);
	if (diag.line != 0)
		die(st == PAYROLL_ERULES ? ST_RULES : ST_SYSTEM,
		    "%s:%lu:%lu: %s", path, diag.line, diag.column, diag.msg);
	die(st == PAYROLL_ERULES ? ST_RULES : ST_SYSTEM, "%s: %s", path,
	    diag.msg);
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

/* ------------------------------------------------------------------ */
/* Inputs, and outputs that must not be one of them                    */
/* ------------------------------------------------------------------ */

struct seenfile {
	dev_t dev;
	ino_t ino;
	char *name;
};
static struct seenfile *inputs;
static size_t ninputs, capinputs;

static void
same_input(const struct outfile *o)
{
	size_t i;

	for (i = 0; o->had && i < ninputs; i++)
		if (inputs[i].dev == o->dev && inputs[i].ino == o->ino)
			die(ST_USAGE, "%s: the output is also an input (%s): "
			    "writing it would destroy that input; nothing "
			    "written", o->path, inputs[i].name);
}

void
in_note(int fd, const char *name)
{
	struct stat sb;
	int i;

	/* Devices and pipes are read and written in place: no clash. */
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return;
	if (ninputs == capinputs) {
		size_t cap = capinputs ? capinputs * 2 : 16;
		struct seenfile *p = realloc(inputs, cap * sizeof(*p));

		if (p == NULL)
			die(ST_SYSTEM, "out of memory");
		inputs = p;
		capinputs = cap;
	}
	inputs[ninputs].dev = sb.st_dev;
	inputs[ninputs].ino = sb.st_ino;
	if ((inputs[ninputs].name = strdup(name)) == NULL)
		die(ST_SYSTEM, "out of memory");
	ninputs++;
	for (i = 0; i < nouts; i++)
		same_input(outs[i]);
}

FILE *
in_open(const char *path)
{
	FILE *fp;

	if (path == NULL || strcmp(path, "-") == 0) {
		in_note(STDIN_FILENO, "standard input");
		/* The first input of a run with --input-summary: read
		 * through a counter. */
		if (insumpath != NULL && instream == NULL)
			return instream = instream_fopen(STDIN_FILENO);
		return stdin;
	}
	if ((fp = fopen(path, "rb")) == NULL)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	in_note(fileno(fp), path);
	if (insumpath != NULL && instream == NULL) {
		int fd = dup(fileno(fp));

		fclose(fp);
		if (fd == -1)
			die(ST_SYSTEM, "%s: %s", path, strerror(errno));
		return instream = instream_fopen(fd);
	}
	return fp;
}

void
in_close(FILE *fp)
{
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

/* ------------------------------------------------------------------ */
/* Temporary files                                                    */
/* ------------------------------------------------------------------ */

/*
 * Our named temporary files are recognised by name: ".NAME.payroll-tmp.
 * XXXXXX" (an output being written, or committed), ".NAME.payroll-old.
 * XXXXXX" (the previous version, kept while a commit may roll back),
 * ".NAME.payroll-lock" (held while NAME is written) and ".payslips.XXXXXX"
 * (payroll-export's staging folder).
 */
static const char *const tmpkinds[] = { ".payroll-tmp.", ".payroll-old." };

static int
rand_suffix(char *s)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq"
	    "rstuvwxyz0123456789";
	static uint64_t x;
	struct timespec ts;
	int i;

	clock_gettime(CLOCK_REALTIME, &ts);
	x ^= (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ULL ^
	    (uint64_t)getpid() << 32 ^ (uint64_t)ts.tv_sec;
	for (i = 0; i < 6; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		s[i] = set[x % (sizeof(set) - 1)];
	}
	s[6] = '\0';
	return 0;
}

/* A free name ".BASE.KIND.XXXXXX" in the folder: made by make(), which
 * returns 0, or -1 with errno (EEXIST: another name is tried). */
static char *
new_name(const char *base, const char *kind,
    int (*make)(const char *name, void *arg), void *arg)
{
	size_t n = strlen(base) + strlen(kind) + 8;
	char *name = malloc(n);
	int tries;

	if (name == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	for (tries = 0; tries < 100; tries++) {
		snprintf(name, n, ".%s%s", base, kind);
		rand_suffix(name + strlen(name));
		if (make(name, arg) == 0)
			return name;
		if (errno != EEXIST)
			break;
	}
	free(name);
	return NULL;
}

static int
is_suffix6(const char *s)
{
	int i;

	for (i = 0; i < 6; i++)
		if (!isalnum((unsigned char)s[i]))
			return 0;
	return s[6] == '\0';
}

/* Whether a name in a folder is one of our temporary files or lock files
 * (1), our staging folder (2), or neither (0). */
static int
tmp_kind(const char *name)
{
	size_t n = strlen(name), k;
	int i;

	if (name[0] != '.')
		return 0;
	if (n == 16 && strncmp(name, ".payslips.", 10) == 0 &&
	    is_suffix6(name + 10))
		return 2;
	if (n > 14 && strcmp(name + n - 13, ".payroll-lock") == 0)
		return 1;
	for (i = 0; i < 2; i++) {
		k = strlen(tmpkinds[i]);
		if (n > k + 7 && strncmp(name + n - 6 - k, tmpkinds[i], k) == 0 &&
		    is_suffix6(name + n - 6))
			return 1;
	}
	return 0;
}

static int
older(const struct stat *sb)
{
	return sb->st_mtim.tv_sec < started.tv_sec ||
	    (sb->st_mtim.tv_sec == started.tv_sec &&
	    sb->st_mtim.tv_nsec < started.tv_nsec);
}

/* Removes a stale staging folder: its files, then the folder. */
static void
remove_stage(int dirfd, const char *name, int fd)
{
	DIR *d;
	struct dirent *e;
	int dfd = dup(fd);

	if (dfd == -1 || (d = fdopendir(dfd)) == NULL) {
		if (dfd != -1)
			close(dfd);
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(fd, e->d_name, 0);
	closedir(d);
	unlinkat(dirfd, name, AT_REMOVEDIR);
}

/*
 * Removes what runs that were killed (kill -9, a crash, a power cut) left
 * in a folder: our temporary files and staging folders, owned by us,
 * older than this run and held locked by no process (a running run holds
 * its own locked).  Where the file system has O_TMPFILE a run leaves
 * none, except during its commit.
 */
static void
sweep_fd(int dirfd)
{
	static struct { dev_t dev; ino_t ino; } done[MAXOUT];
	static int ndone;
	struct stat sb;
	struct dirent *e;
	DIR *d;
	int i, fd, kind;

	if (fstat(dirfd, &sb) != 0)
		return;
	for (i = 0; i < ndone; i++)
		if (done[i].dev == sb.st_dev && done[i].ino == sb.st_ino)
			return;
	if (ndone < MAXOUT) {
		done[ndone].dev = sb.st_dev;
		done[ndone].ino = sb.st_ino;
		ndone++;
	}
	if ((fd = dup(dirfd)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if ((kind = tmp_kind(e->d_name)) == 0)
			continue;
		if (fstatat(dirfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    sb.st_uid != geteuid() || !older(&sb) ||
		    (kind == 1 && !S_ISREG(sb.st_mode)) ||
		    (kind == 2 && !S_ISDIR(sb.st_mode)))
			continue;
		fd = openat(dirfd, e->d_name, O_RDONLY | O_NOFOLLOW |
		    O_CLOEXEC | O_NONBLOCK | (kind == 2 ? O_DIRECTORY : 0));
		if (fd == -1)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			if (kind == 2)
				remove_stage(dirfd, e->d_name, fd);
			else
				unlinkat(dirfd, e->d_name, 0);
		}
		close(fd);
	}
	closedir(d);
}

void
stale_sweep(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd != -1) {
		sweep_fd(fd);
		close(fd);
	}
}

/* Whether unnamed files can be given a name: linkat through /proc. */
static int
proc_fd_ok(void)
{
	static int ok = -1;

	if (ok < 0)
		ok = access("/proc/self/fd", X_OK) == 0;
	return ok;
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
	/* Unnamed where the file system allows: nothing is ever left. */
	if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) == -1) {
		if ((size_t)snprintf(path, sizeof(path), "%s/payroll.XXXXXX",
		    dir) >= sizeof(path))
			die(ST_SYSTEM, "TMPDIR too long");
		if ((fd = mkstemp(path)) == -1)
			die(ST_SYSTEM, "%s: %s", path, strerror(errno));
		unlink(path);
	}
	if ((fp = fdopen(fd, "w+b")) == NULL)
		die(ST_SYSTEM, "%s: %s", dir, strerror(errno));
	return fp;
}

/* ------------------------------------------------------------------ */
/* Outputs                                                            */
/* ------------------------------------------------------------------ */

/* /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the system's
 * links to the descriptors; returns the descriptor, or -1. */
static int
fd_alias(const char *path)
{
	const char *p = NULL;
	char *end;
	long n;

	if (strcmp(path, "/dev/stdout") == 0)
		return STDOUT_FILENO;
	if (strcmp(path, "/dev/stderr") == 0)
		return STDERR_FILENO;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		p = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		p = path + 14;
	if (p == NULL || !isdigit((unsigned char)*p))
		return -1;
	n = strtol(p, &end, 10);
	if (*end != '\0' || n < 0 || n > INT_MAX || fcntl((int)n, F_GETFD) ==
	    -1)
		return -1;
	return (int)n;
}

static void
publish(struct outfile *o)
{
	int i;

	for (i = 0; i < MAXOUT; i++)
		if (sigouts[i] == NULL) {
			sigouts[i] = o;
			return;
		}
}

static void
take_lock(struct outfile *o)
{
	struct stat a, b;
	int fd, i, tries;

	for (tries = 0;; tries++) {
		fd = openat(o->dirfd, o->lockname, O_RDWR | O_CREAT |
		    O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0600);
		if (fd == -1 && errno == ELOOP)
			die(ST_SYSTEM, "%s: the lock file %s is a symbolic link: "
			    "not followed; remove it", o->path, o->lockname);
		if (fd == -1)
			die(ST_SYSTEM, "%s: lock: %s", o->path, strerror(errno));
		if (fstat(fd, &a) != 0 || !S_ISREG(a.st_mode)) {
			close(fd);
			die(ST_SYSTEM, "%s: the lock file %s is not a file",
			    o->path, o->lockname);
		}
		/* The same name twice in one run: one output would replace
		 * the other. */
		for (i = 0; i < nouts; i++)
			if (outs[i] != o && outs[i]->lockfd != -1 &&
			    fstat(outs[i]->lockfd, &b) == 0 &&
			    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
				close(fd);
				die(ST_USAGE, "%s: named twice as an output of "
				    "this run (also %s): one would overwrite the "
				    "other; nothing written", o->path,
				    outs[i]->path);
			}
		if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
			int e = errno;
			struct timespec ms20 = { 0, 20000000 };

			close(fd);
			/* Another run's sweep may hold a stale lock file for
			 * the moment it takes to remove it: look again. */
			if (e == EWOULDBLOCK && tries < 5) {
				nanosleep(&ms20, NULL);
				continue;
			}
			if (e == EWOULDBLOCK)
				die(ST_SYSTEM, "%s: another run is writing this "
				    "file (locked); not writing it twice",
				    o->path);
			die(ST_SYSTEM, "%s: lock: %s", o->path, strerror(e));
		}
		/* A run that ended meanwhile removed the name: lock the
		 * file that has it now. */
		if (fstatat(o->dirfd, o->lockname, &b, AT_SYMLINK_NOFOLLOW) ==
		    0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			break;
		close(fd);
		if (tries == 100)
			die(ST_SYSTEM, "%s: lock: the lock file keeps changing",
			    o->path);
	}
	o->lockfd = fd;
	o->lock = o->lockname;	/* ours: removed at the end */
}

static int
make_tmp(const char *name, void *arg)
{
	struct outfile *o = arg;

	o->fd = openat(o->dirfd, name, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600);
	return o->fd == -1 ? -1 : 0;
}

FILE *
out_open(struct outfile *o, const char *path)
{
	const char *slash;
	struct stat sb;
	char *dir;
	int i, fd;

	memset(o, 0, sizeof(*o));
	o->dirfd = o->lockfd = o->fd = o->tofd = o->oldfd = -1;
	if (nouts == MAXOUT)
		die(ST_SYSTEM, "too many output files");
	outs[nouts++] = o;
	o->registered = 1;
	if (path == NULL || strcmp(path, "-") == 0 ||
	    (o->tofd = fd_alias(path)) != -1) {
		/*
		 * Standard output (and /dev/stdout, /dev/fd/N) is spooled
		 * and copied out at commit: a run that fails half-way leaves
		 * the next tool in the pipe nothing, never part of a file
		 * that looks complete.
		 */
		if (o->tofd == -1)
			o->tofd = STDOUT_FILENO;
		if (streampath != NULL && o->tofd == STDOUT_FILENO &&
		    streamout == NULL)
			return stream_fopen(o);
		o->fp = scratch_file();
		o->spooled = 1;
		return o->fp;
	}
	if ((o->path = strdup(path)) == NULL)
		die(ST_SYSTEM, "out of memory");
	if (lstat(path, &sb) == 0) {
		if (S_ISLNK(sb.st_mode))
			die(ST_USAGE, "%s: a symbolic link: an output is never "
			    "written through one (it could replace a file "
			    "elsewhere); name the file itself", path);
		if (S_ISDIR(sb.st_mode))
			die(ST_SYSTEM, "%s: %s", path, strerror(EISDIR));
		if (!S_ISREG(sb.st_mode)) {
			/*
			 * A device, FIFO or socket (/dev/null, a named
			 * pipe) is written in place: renaming over it would
			 * replace it.
			 */
			if ((fd = open(path, O_WRONLY | O_NOFOLLOW | O_NOCTTY |
			    O_CLOEXEC)) == -1 ||
			    (o->fp = fdopen(fd, "w")) == NULL)
				die(ST_SYSTEM, "%s: %s", path, strerror(errno));
			o->direct = 1;
			return o->fp;
		}
	}
	slash = strrchr(path, '/');
	o->base = slash != NULL ? slash + 1 : path;
	if (*o->base == '\0')
		die(ST_SYSTEM, "%s: %s", path, strerror(EISDIR));
	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		die(ST_SYSTEM, "out of memory");
	o->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (o->dirfd == -1)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	o->base = o->path + (o->base - path);
	if ((o->lockname = malloc(strlen(o->base) + 16)) == NULL)
		die(ST_SYSTEM, "out of memory");
	snprintf(o->lockname, strlen(o->base) + 16, ".%s.payroll-lock",
	    o->base);
	publish(o);
	/*
	 * One writer per output: a second run writing the same file stops
	 * here, before it writes anything.
	 */
	take_lock(o);
	sweep_fd(o->dirfd);
	if (fstatat(o->dirfd, o->base, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		o->had = 1;
		o->dev = sb.st_dev;
		o->ino = sb.st_ino;
		same_input(o);
		for (i = 0; i < nouts; i++)
			if (outs[i] != o && outs[i]->had &&
			    outs[i]->dev == o->dev && outs[i]->ino == o->ino)
				die(ST_USAGE, "%s: named twice as an output of "
				    "this run (also %s): one would overwrite "
				    "the other; nothing written", o->path,
				    outs[i]->path);
	}
	/*
	 * The data goes to an unnamed file in the same folder (O_TMPFILE):
	 * whatever happens to the process, nothing is left.  It gets a name
	 * at commit.  Where the file system has no unnamed files, a named
	 * one, locked while we live: a later run removes it if we die.
	 */
	o->fd = -1;
	if (proc_fd_ok())
		o->fd = openat(o->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC,
		    0600);
	if (o->fd != -1)
		o->unnamed = 1;
	else if ((o->tmp = new_name(o->base, tmpkinds[0], make_tmp, o)) ==
	    NULL)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	if (flock(o->fd, LOCK_EX) == -1 ||
	    (o->fp = fdopen(o->fd, "w")) == NULL)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	/* Large buffers: outputs are written record by record. */
	setvbuf(o->fp, NULL, _IOFBF, 1 << 16);
	return o->fp;
}

static void
forget(struct outfile *o)
{
	int i;

	for (i = 0; i < MAXOUT; i++)
		if (sigouts[i] == o)
			sigouts[i] = NULL;
	if (o->lock != NULL)
		unlinkat(o->dirfd, o->lock, 0);
	o->lock = NULL;
	if (o->lockfd != -1)
		close(o->lockfd);
	if (o->dirfd != -1)
		close(o->dirfd);
	if (o->oldfd != -1)
		close(o->oldfd);
	o->lockfd = o->dirfd = o->oldfd = -1;
	for (i = 0; i < nouts; i++)
		if (outs[i] == o) {
			memmove(&outs[i], &outs[i + 1], (size_t)(nouts - i - 1) *
			    sizeof(*outs));
			nouts--;
			break;
		}
	o->registered = 0;
	free(o->tmp);
	free(o->old);
	free(o->lockname);
	free(o->path);
	o->tmp = o->old = o->lockname = o->path = NULL;
}

void
out_abort(struct outfile *o)
{
	char *t;

	if (!o->registered)
		return;
	stream_discard(o);	/* a failed run writes no more on the pipe */
	if (o->fp != NULL)
		fclose(o->fp);	/* a spool goes; a direct output (a device) stays */
	else if (o->fd != -1)
		close(o->fd);
	o->fp = NULL;
	o->fd = -1;
	if ((t = o->tmp) != NULL) {
		o->tmp = NULL;
		unlinkat(o->dirfd, t, 0);
		free(t);
	}
	forget(o);
}

static int
fail(const struct outfile *o, const char *what)
{
	int e = errno ? errno : EIO;

	if (what != NULL)
		warnx_("%s: %s: %s", o->path != NULL ? o->path : "<stdout>",
		    what, strerror(e));
	else
		warnx_("%s: %s", o->path != NULL ? o->path : "<stdout>",
		    strerror(e));
	return -1;
}

static int
link_tmp(const char *name, void *arg)
{
	const struct outfile *o = arg;
	char proc[64];

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", o->fd);
	return linkat(AT_FDCWD, proc, o->dirfd, name, AT_SYMLINK_FOLLOW);
}

static int
link_old(const char *name, void *arg)
{
	const struct outfile *o = arg;

	return linkat(o->dirfd, o->base, o->dirfd, name, 0);
}

static int
move_old(const char *name, void *arg)
{
	const struct outfile *o = arg;

	return renameat(o->dirfd, o->base, o->dirfd, name);
}

/* Step 1: complete, on disk, and under a name of its own. */
static int
prepare(struct outfile *o)
{
	char *t;

	errno = 0;
	if (o->spooled)
		return fflush(o->fp) == EOF || ferror(o->fp) ? fail(o, NULL) :
		    0;
	if (o->direct) {
		int bad = fflush(o->fp) == EOF || ferror(o->fp);

		if (fclose(o->fp) == EOF)
			bad = 1;
		o->fp = NULL;
		return bad ? fail(o, NULL) : 0;
	}
	if (fflush(o->fp) == EOF || ferror(o->fp) ||
	    (o->public && fchmod(o->fd, 0666 & ~run_umask) == -1) ||
	    fsync(o->fd) == -1)
		return fail(o, NULL);
	if (o->unnamed) {
		if ((t = new_name(o->base, tmpkinds[0], link_tmp, o)) == NULL)
			return fail(o, NULL);
		o->tmp = t;
		o->unnamed = 0;
	}
	return 0;
}

/* Step 2: into place, the previous version kept until the end. */
static int
install(struct outfile *o)
{
	struct stat sb;
	char *t;

	errno = 0;
	if (fstatat(o->dirfd, o->base, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		/* Locked, so that another run's sweep leaves it alone. */
		if (S_ISREG(sb.st_mode) && (o->oldfd = openat(o->dirfd,
		    o->base, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK |
		    O_CLOEXEC)) != -1)
			(void)flock(o->oldfd, LOCK_EX | LOCK_NB);
		if ((o->old = new_name(o->base, tmpkinds[1], link_old, o)) ==
		    NULL) {
			/* No hard links here (some network and FAT file
			 * systems): the old file moves aside. */
			if ((o->old = new_name(o->base, tmpkinds[1], move_old,
			    o)) == NULL)
				return fail(o, "keeping the previous version");
			o->oldmoved = 1;
		}
	}
	if (renameat(o->dirfd, o->tmp, o->dirfd, o->base) == -1) {
		int e = errno;

		if (o->oldmoved && renameat(o->dirfd, o->old, o->dirfd,
		    o->base) == 0) {
			free(o->old);
			o->old = NULL;
		}
		errno = e;
		return fail(o, NULL);
	}
	t = o->tmp;
	o->tmp = NULL;
	free(t);
	o->renamed = 1;
	return 0;
}

/* Puts the previous version back (or removes a file that was new). */
static void
roll_back(struct outfile *o)
{
	if (!o->renamed) {
		/* A hard link to the previous version: it stays anyway. */
		if (o->old != NULL && !o->oldmoved)
			unlinkat(o->dirfd, o->old, 0);
		return;
	}
	if (o->old != NULL) {
		if (renameat(o->dirfd, o->old, o->dirfd, o->base) == 0) {
			free(o->old);
			o->old = NULL;
		} else
			warnx_("%s: the previous version could not be put "
			    "back: it is %s beside it (%s)", o->path, o->old,
			    strerror(errno));
	} else
		unlinkat(o->dirfd, o->base, 0);
	o->renamed = 0;
}

static int
copy_out(struct outfile *o)
{
	char buf[65536];
	size_t n, off;
	ssize_t w;
	int sfd = stream_spoolfd(o);

	errno = 0;
	if (o->tofd == STDOUT_FILENO && fflush(stdout) == EOF)
		return fail(o, NULL);
	if (sfd != -1) {
		/* The spool of --stream-summary's standard output. */
		if (lseek(sfd, 0, SEEK_SET) == -1)
			return fail(o, NULL);
		while ((w = read(sfd, buf, sizeof(buf))) != 0) {
			if (w == -1 && errno == EINTR)
				continue;
			if (w == -1)
				return fail(o, NULL);
			for (n = (size_t)w, off = 0; off < n; off += (size_t)w)
				if ((w = write(o->tofd, buf + off, n - off)) ==
				    -1) {
					if (errno == EINTR) {
						w = 0;
						continue;
					}
					return fail(o, NULL);
				}
		}
		return 0;
	}
	if (fseek(o->fp, 0, SEEK_SET) != 0)
		return fail(o, NULL);
	while ((n = fread(buf, 1, sizeof(buf), o->fp)) > 0)
		for (off = 0; off < n; off += (size_t)w)
			if ((w = write(o->tofd, buf + off, n - off)) == -1) {
				if (errno == EINTR) {
					w = 0;
					continue;
				}
				return fail(o, NULL);
			}
	if (ferror(o->fp))
		return fail(o, NULL);
	return 0;
}

/*
 * All the outputs of the run, or none: every output is first complete
 * and synced under a temporary name; then each is renamed into place,
 * its previous version kept as a hard link; then the folders are synced
 * and standard output is copied out.  A failure at any step puts every
 * previous version back.  Signals wait until the commit is through.
 */
int
out_commit_all(void)
{
	sigset_t block, old;
	struct stat a, b;
	int i, j, bad = 0;

	if (nouts == 0)
		return 0;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < nouts && !bad; i++)
		bad = prepare(outs[i]) != 0;
	for (i = 0; i < nouts && !bad; i++)
		if (!outs[i]->spooled && !outs[i]->direct)
			bad = install(outs[i]) != 0;
	/* The renames on disk: each folder once. */
	for (i = 0; i < nouts && !bad; i++) {
		if (outs[i]->dirfd == -1 || fstat(outs[i]->dirfd, &a) != 0)
			continue;
		for (j = 0; j < i; j++)
			if (outs[j]->dirfd != -1 &&
			    fstat(outs[j]->dirfd, &b) == 0 &&
			    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
				break;
		if (j == i) {
			errno = 0;
			if (fsync(outs[i]->dirfd) == -1 && errno != EINVAL)
				bad = fail(outs[i], "sync the folder") != 0;
		}
	}
	/* Standard output last: it cannot be taken back. */
	for (i = 0; i < nouts && !bad; i++)
		if (outs[i]->spooled)
			bad = copy_out(outs[i]) != 0;
	if (bad)
		for (i = 0; i < nouts; i++)
			roll_back(outs[i]);
	while (nouts > 0) {
		struct outfile *o = outs[0];

		if (!bad && o->old != NULL)
			unlinkat(o->dirfd, o->old, 0);
		out_abort(o);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (bad)
		died = 1;	/* said why; standard output is not retried */
	return bad ? -1 : 0;
}

void
out_commit_all_or_die(void)
{
	/* out_commit_all() said what failed and put everything back. */
	if (out_commit_all() != 0)
		exit(ST_SYSTEM);
}

void
mask(const char *s, size_t len, char *buf, size_t size)
{
	payroll_mask(s, len, buf, size);
}

/* Masked whatever the packs say: people's ids and bank details. */
static const char *const always_masked[] = {
	"national_id", "bank_account", "bank_routing", "iban"
};
static char **pack_masked;
static size_t npack_masked;

void
mask_columns_of(const struct payroll_rules *rules)
{
	size_t i;

	if (rules == NULL)
		return;
	for (i = 0; i < payroll_rules_ninputs(rules); i++) {
		const char *nm = payroll_rules_input_name(rules, i);
		char **p;

		if (!payroll_rules_input_mask(rules, i) || masked_column(nm))
			continue;
		if ((p = realloc(pack_masked, (npack_masked + 1) *
		    sizeof(*p))) == NULL)
			die(ST_SYSTEM, "out of memory");
		pack_masked = p;
		if ((pack_masked[npack_masked] = strdup(nm)) == NULL)
			die(ST_SYSTEM, "out of memory");
		npack_masked++;
	}
}

int
masked_column(const char *name)
{
	size_t i;

	if (name == NULL)
		return 0;
	for (i = 0; i < sizeof(always_masked) / sizeof(always_masked[0]); i++)
		if (strcmp(name, always_masked[i]) == 0)
			return 1;
	for (i = 0; i < npack_masked; i++)
		if (strcmp(name, pack_masked[i]) == 0)
			return 1;
	return 0;
}

const char *
show_value(const char *column, const char *s, size_t len, char *buf,
    size_t size)
{
	if (masked_column(column))
		payroll_mask(s, len, buf, size);
	else
		snprintf(buf, size, "%.*s%s", (int)(len > 60 ? 60 : len), s,
		    len > 60 ? "..." : "");
	return buf;
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
/* Payments given twice                                               */
/* ------------------------------------------------------------------ */

/* A place in an unsigned long: the file's number above, the line below. */
#if ULONG_MAX > 0xFFFFFFFFUL
#define LINEBITS 40
#else
#define LINEBITS 24
#endif

void
paidset_init(struct paidset *p)
{
	memset(p, 0, sizeof(*p));
	idcheck_init(&p->ids);
}

#define PAID_SHOWN 20

int
paidset_add(struct paidset *p, const char *file, unsigned long line,
    const char *id, size_t idlen, payroll_date pay)
{
	char date[16], m[64];
	unsigned long first, tag;
	size_t k, f;

	/* Each operand is a file of its own, even under one name. */
	if (p->nfiles == 0 || p->files[p->nfiles - 1] != file) {
		if (p->nfiles == p->capfiles) {
			size_t cap = p->capfiles ? p->capfiles * 2 : 8;
			const char **nf = realloc(p->files, cap * sizeof(*nf));

			if (nf == NULL)
				die(ST_SYSTEM, "out of memory");
			p->files = nf;
			p->capfiles = cap;
		}
		p->files[p->nfiles++] = file;
	}
	payroll_date_format(pay, date, sizeof(date));
	k = idlen + 1 + strlen(date);
	if (k > p->keycap) {
		p->keycap = k * 2;
		if ((p->key = realloc(p->key, p->keycap)) == NULL)
			die(ST_SYSTEM, "out of memory");
	}
	memcpy(p->key, id, idlen);
	p->key[idlen] = '\037';
	memcpy(p->key + idlen + 1, date, strlen(date));
	if (line >= 1UL << LINEBITS)
		line = (1UL << LINEBITS) - 1;
	tag = (unsigned long)p->nfiles << LINEBITS | line;
	if ((first = idcheck_add(&p->ids, p->key, k, tag)) == 0)
		return 0;
	/* The first PAID_SHOWN repeats each get their line; a file named
	 * twice would otherwise print one line per employee. */
	if (++p->ndup > PAID_SHOWN) {
		if (p->ndup == PAID_SHOWN + 1)
			fprintf(stderr, "%s: %s:%lu: more employees paid again: "
			    "only the first %d are listed\n", progname, file,
			    line, PAID_SHOWN);
		return 1;
	}
	mask(id, idlen, m, sizeof(m));
	f = (first >> LINEBITS) - 1;
	fprintf(stderr, "%s: %s:%lu: employee %s is paid on %s again (first "
	    "at %s:%lu%s): results given twice would pay twice\n", progname,
	    file, line, m, date, p->files[f], first & ((1UL << LINEBITS) - 1),
	    f + 1 != p->nfiles && strcmp(p->files[f], file) == 0 ?
	    ", the same file named twice" : "");
	return 1;
}

void
paidset_release(struct paidset *p)
{
	idcheck_release(&p->ids);
	free(p->files);
	free(p->key);
	memset(p, 0, sizeof(*p));
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

/* ------------------------------------------------------------------ */
/* Inputs declared unique                                             */
/* ------------------------------------------------------------------ */

void
uniq_init(struct uniqcheck *u, const struct payroll_rules *rules,
    char *const *names, size_t nnames)
{
	size_t i, c;

	memset(u, 0, sizeof(*u));
	if ((u->u = calloc(payroll_rules_ninputs(rules) + 1,
	    sizeof(*u->u))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < payroll_rules_ninputs(rules); i++) {
		if (!payroll_rules_input_unique(rules, i))
			continue;
		for (c = 0; c < nnames; c++)
			if (strcmp(names[c], payroll_rules_input_name(rules,
			    i)) == 0) {
				u->u[u->n].col = (int)c;
				valset_init(&u->u[u->n++].seen);
			}
	}
}

void
uniq_check(struct uniqcheck *u, const char *id, size_t idlen,
    const char *const *f, const size_t *l, char *const *names,
    unsigned long line, payroll_report_fn *report, void *arg)
{
	char msg[200];
	size_t k;

	if (u->n == 0)
		return;
	if (u->have_prev && u->prevlen == idlen && idlen > 0 &&
	    memcmp(u->previd, id, idlen) == 0)
		return;
	if (idlen + 1 > u->prevcap) {
		char *p = realloc(u->previd, idlen + 1);

		if (p == NULL)
			die(ST_SYSTEM, "out of memory");
		u->previd = p;
		u->prevcap = idlen + 1;
	}
	memcpy(u->previd, id, idlen);
	u->prevlen = idlen;
	u->have_prev = 1;
	for (k = 0; k < u->n; k++) {
		int col = u->u[k].col;
		unsigned long first;

		if (l[col] == 0)
			continue;
		first = valset_add(&u->u[k].seen, f[col], l[col], line);
		if (first != 0) {
			snprintf(msg, sizeof(msg), "another employee has the "
			    "same %s (line %lu): two people never share one",
			    names[col], first);
			report(arg, names[col], "unique", msg);
		}
	}
}

void
uniq_release(struct uniqcheck *u)
{
	size_t k;

	for (k = 0; k < u->n; k++)
		valset_release(&u->u[k].seen);
	free(u->u);
	free(u->previd);
	memset(u, 0, sizeof(*u));
}

const char *
group_thousands(const char *num, char *buf, size_t size)
{
	size_t i = 0, n = 0, whole, k;

	if (*num == '-' || *num == '+')
		i = 1;
	whole = strspn(num + i, "0123456789");
	if (size < strlen(num) + whole / 3 + 1) {
		snprintf(buf, size, "%s", num);
		return buf;
	}
	for (k = 0; k < i; k++)
		buf[n++] = num[k];
	for (k = 0; k < whole; k++) {
		if (k > 0 && (whole - k) % 3 == 0)
			buf[n++] = ',';
		buf[n++] = num[i + k];
	}
	strcpy(buf + n, num + i + whole);
	return buf;
}

static struct outfile sumout;

void
out_public(struct outfile *o)
{
	o->public = 1;
}
static FILE *sumfp;

void
sumfile_open(const char *path)
{
	if (path == NULL)
		return;
	if ((sumfp = stream_summary_file()) == NULL) {
		sumfp = out_open(&sumout, path);
		out_public(&sumout);
	}
	fputs("metric,value\n", sumfp);
}

void
sumfile_put(const char *metric, const char *fmt, ...)
{
	va_list ap;

	if (sumfp == NULL)
		return;
	fprintf(sumfp, "%s,", metric);
	va_start(ap, fmt);
	vfprintf(sumfp, fmt, ap);
	va_end(ap);
	fputc('\n', sumfp);
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
progress_start(struct progress *p, int quiet, FILE *in)
{
	struct stat st;

	memset(p, 0, sizeof(*p));
	p->on = !quiet && isatty(STDERR_FILENO);
	p->in = in;
	p->size = in != NULL && fstat(fileno(in), &st) == 0 &&
	    S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
	p->t0 = p->last = now_ms();
}

void
progress_tick(struct progress *p)
{
	long long t, el, done, rate;

	if (!p->on || (++p->n & 4095) != 0)
		return;
	t = now_ms();
	if (t - p->last < 250)
		return;
	p->last = t;
	el = t - p->t0 > 0 ? t - p->t0 : 1;
	rate = (long long)p->n * 1000 / el;
	fprintf(stderr, "\r\033[K%s: %lu records, %lld/s", progname, p->n,
	    rate);
	if (p->size > 0 && p->in != NULL && (done = ftello(p->in)) > 0 &&
	    done < p->size)
		fprintf(stderr, ", %lld s left",
		    (p->size - done) * el / done / 1000 + 1);
}

void
progress_done(struct progress *p)
{
	if (p->on && p->n >= 4096)
		fputs("\r\033[K", stderr);
	p->on = 0;
}

/* ------------------------------------------------------------------ */
/* A streaming pipeline: --stream-summary and --input-summary          */
/* ------------------------------------------------------------------ */

/*
 * What a stream held: its bytes and a 64-bit hash of them, the same
 * however the bytes were cut into writes and reads (words of eight
 * bytes, little-endian, mixed by a multiply and a shift; the last
 * partial word and the length at the end).  A check against a stream
 * cut short or a summary of another run, not against an adversary.
 */
struct streamhash {
	uint64_t h, tail;
	unsigned ntail;
	unsigned long long bytes;
};

static uint64_t
sh_mix(uint64_t h, uint64_t w)
{
	h ^= w;
	h *= 0xFF51AFD7ED558CCDULL;
	return h ^ h >> 32;
}

static void
sh_init(struct streamhash *s)
{
	memset(s, 0, sizeof(*s));
	s->h = 0x9E3779B97F4A7C15ULL;
}

static void
sh_update(struct streamhash *s, const char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)buf;
	uint64_t h = s->h, w;

	s->bytes += n;
	for (; n > 0 && s->ntail > 0; p++, n--) {
		s->tail |= (uint64_t)*p << (8 * s->ntail);
		if (++s->ntail == 8) {
			h = sh_mix(h, s->tail);
			s->tail = 0;
			s->ntail = 0;
		}
	}
	for (; n >= 8; p += 8, n -= 8) {
		w = (uint64_t)p[0] | (uint64_t)p[1] << 8 |
		    (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
		    (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
		    (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
		h = sh_mix(h, w);
	}
	for (; n > 0; p++, n--)
		s->tail |= (uint64_t)*p << (8 * s->ntail++);
	s->h = h;
}

static void
sh_final(const struct streamhash *s, char *buf, size_t size)
{
	uint64_t h = sh_mix(sh_mix(s->h, s->tail | (uint64_t)s->ntail << 56),
	    (uint64_t)s->bytes);

	snprintf(buf, size, "%016llx", (unsigned long long)h);
}

/* The writing side: standard output through a counter, to the pipe
 * itself or to a spool. */
static struct streamhash outhash;
static struct {
	int fd;			/* the pipe, or the spool */
	int discard;		/* the run failed: nothing more goes out */
	FILE *spool;
} osink = { -1, 0, NULL };
static struct outfile streamsum;

static ssize_t
sink_write(void *cookie, const char *buf, size_t n)
{
	size_t off = 0;
	ssize_t w;

	(void)cookie;
	if (osink.discard)
		return (ssize_t)n;
	while (off < n) {
		if ((w = write(osink.fd, buf + off, n - off)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)w;
	}
	sh_update(&outhash, buf, n);
	return (ssize_t)n;
}

static int
sink_close(void *cookie)
{
	(void)cookie;
	return 0;	/* standard output stays open until the process ends */
}

static FILE *
stream_fopen(struct outfile *o)
{
	static const cookie_io_functions_t io = { NULL, sink_write, NULL,
	    sink_close };
	struct stat sb;

	streamout = o;
	sh_init(&outhash);
	if (fstat(STDOUT_FILENO, &sb) == 0 && S_ISFIFO(sb.st_mode)) {
		/* A pipe or FIFO: written as the records are made; the
		 * summary, written only on success, vouches for it. */
		osink.fd = STDOUT_FILENO;
		o->direct = 1;
	} else {
		/* A file or a terminal: spooled as without the option. */
		osink.spool = scratch_file();
		osink.fd = fileno(osink.spool);
		o->spooled = 1;
	}
	if ((o->fp = fopencookie(NULL, "w", io)) == NULL)
		die(ST_SYSTEM, "standard output: %s", strerror(errno));
	setvbuf(o->fp, NULL, _IOFBF, 1 << 16);
	return o->fp;
}

static void
stream_discard(struct outfile *o)
{
	if (o != streamout || o == NULL)
		return;
	osink.discard = 1;
	if (o->fp != NULL)
		fclose(o->fp);
	o->fp = NULL;
	if (osink.spool != NULL)
		fclose(osink.spool);
	osink.spool = NULL;
	streamout = NULL;
}

static int
stream_spoolfd(const struct outfile *o)
{
	return o != NULL && o == streamout && osink.spool != NULL ? osink.fd :
	    -1;
}

void
stream_summary_open(const char *path)
{
	struct stat sb;

	/* Not a FIFO or a device (opening one could wait for a reader),
	 * not standard output. */
	if ((lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISLNK(sb.st_mode)) || strcmp(path, "-") == 0 ||
	    fd_alias(path) != -1)
		die(ST_USAGE, "--stream-summary %s: name a file (it is removed "
		    "when the run starts and written when it succeeds)", path);
	/* The summary read at the end of the input is another file. */
	if (insumpath != NULL) {
		struct stat in;

		if (strcmp(insumpath, path) == 0 || (stat(insumpath, &in) ==
		    0 && stat(path, &sb) == 0 && in.st_dev == sb.st_dev &&
		    in.st_ino == sb.st_ino))
			die(ST_USAGE, "--stream-summary %s is also the "
			    "--input-summary: each pipe has its own", path);
	}
	out_open(&streamsum, path);
	if (streamsum.spooled || streamsum.direct)
		die(ST_USAGE, "--stream-summary %s: name a file (it is removed "
		    "when the run starts and written when it succeeds)", path);
	out_public(&streamsum);
	/* An earlier run's summary must never vouch for this one's
	 * records: it goes before the first of them is written. */
	if (unlinkat(streamsum.dirfd, streamsum.base, 0) == -1 &&
	    errno != ENOENT)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	streamsum.had = 0;
	streampath = path;
}

FILE *
stream_summary_file(void)
{
	return streampath != NULL ? streamsum.fp : NULL;
}

void
stream_summary_end(unsigned long records)
{
	char hash[32];

	if (streampath == NULL)
		return;
	if (streamout == NULL || streamout->fp == NULL)
		die(ST_SYSTEM, "internal error: --stream-summary without "
		    "standard output");
	if (fflush(streamout->fp) == EOF || ferror(streamout->fp))
		die(ST_SYSTEM, "standard output: %s", strerror(errno ? errno :
		    EIO));
	sh_final(&outhash, hash, sizeof(hash));
	fprintf(streamsum.fp, "stream_records,%lu\nstream_bytes,%llu\n"
	    "stream_hash,%s\n", records, outhash.bytes, hash);
}

/* The reading side: the run's input through a counter. */
static struct streamhash inhash;
static int infd = -1;
static struct smetric {
	char *name, *value;
} *smetrics;
static size_t nsmetrics;

static ssize_t
src_read(void *cookie, char *buf, size_t n)
{
	ssize_t r;

	(void)cookie;
	do
		r = read(infd, buf, n);
	while (r == -1 && errno == EINTR);
	if (r > 0)
		sh_update(&inhash, buf, (size_t)r);
	else if (r == 0)
		in_eof = 1;
	return r;
}

static int
src_close(void *cookie)
{
	(void)cookie;
	if (infd > STDERR_FILENO)
		close(infd);
	return 0;
}

static FILE *
instream_fopen(int fd)
{
	static const cookie_io_functions_t io = { src_read, NULL, NULL,
	    src_close };
	FILE *fp;

	infd = fd;
	sh_init(&inhash);
	if ((fp = fopencookie(NULL, "r", io)) == NULL)
		die(ST_SYSTEM, "standard input: %s", strerror(errno));
	setvbuf(fp, NULL, _IOFBF, 1 << 16);
	return fp;
}

void
input_summary(const char *path)
{
	insumpath = path;
}

static const char *
smetric(const char *name)
{
	size_t i;

	for (i = 0; i < nsmetrics; i++)
		if (strcmp(smetrics[i].name, name) == 0)
			return smetrics[i].value;
	return NULL;
}

static void
free_smetrics(void)
{
	while (nsmetrics > 0) {
		nsmetrics--;
		free(smetrics[nsmetrics].name);
		free(smetrics[nsmetrics].value);
	}
	free(smetrics);
	smetrics = NULL;
}

/* Reads FILE's metric,value lines once; returns 0, or -1 with errno. */
static int
insum_read(void)
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	struct payroll_csv *csv;
	static int done;
	FILE *fp;

	if (done)
		return 0;
	if ((fp = fopen(insumpath, "rb")) == NULL)
		return -1;
	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	if (payroll_csv_open(fp, insumpath, &opts, &csv) != 0) {
		fclose(fp);
		errno = ENOMEM;
		return -1;
	}
	atexit(free_smetrics);
	done = 1;
	while (payroll_csv_read(csv, &diag) == PAYROLL_OK) {
		size_t l0, l1;
		const char *m = payroll_csv_field(csv, 0, &l0);
		const char *v = payroll_csv_field(csv, 1, &l1);
		struct smetric *p;

		if (payroll_csv_nfields(csv) != 2)
			continue;
		if ((p = realloc(smetrics, (nsmetrics + 1) *
		    sizeof(*p))) == NULL)
			break;
		smetrics = p;
		if ((p[nsmetrics].name = strndup(m, l0)) == NULL ||
		    (p[nsmetrics].value = strndup(v, l1)) == NULL) {
			free(p[nsmetrics].name);
			break;
		}
		nsmetrics++;
	}
	payroll_csv_free(csv);
	fclose(fp);
	return 0;
}

/* Whether FILE gives the bytes and hash read; else why not, in why. */
static int
insum_bytes_ok(char *why, size_t size)
{
	const char *sb = smetric("stream_bytes"), *sh = smetric("stream_hash");
	char hash[32], got[32];

	snprintf(got, sizeof(got), "%llu", inhash.bytes);
	sh_final(&inhash, hash, sizeof(hash));
	if (sb == NULL || sh == NULL) {
		snprintf(why, size, "%s has no stream_bytes and stream_hash: "
		    "not a --stream-summary file", insumpath);
		return 0;
	}
	if (strcmp(sb, got) == 0 && strcmp(sh, hash) == 0)
		return 1;
	snprintf(why, size, "%s says %.30s bytes (hash %.20s) were written, "
	    "%s bytes (hash %s) were read: not that run's output", insumpath,
	    sb, sh, got, hash);
	return 0;
}

/* die() at the end of the input: why the input is not what was
 * written, if it is not. */
static void
insum_hint(void)
{
	char why[512];

	if (insum_read() != 0) {
		if (errno == ENOENT)
			fprintf(stderr, "%s: input truncated: %s does not "
			    "exist: the run that wrote the input did not "
			    "finish\n", progname, insumpath);
		return;
	}
	if (!insum_bytes_ok(why, sizeof(why)))
		fprintf(stderr, "%s: input truncated: %s\n", progname, why);
}

void
input_summary_check(unsigned long records)
{
	const char *sr;
	char why[512];

	if (insumpath == NULL)
		return;
	in_said = 1;	/* die() need not add that the input was cut */
	if (instream == NULL || !in_eof)
		die(ST_SYSTEM, "internal error: --input-summary: the input was "
		    "not read to its end");
	/* Upstream writes its summary before it closes its standard
	 * output: at our end of input it is there if and only if that run
	 * succeeded. */
	if (insum_read() != 0) {
		if (errno == ENOENT)
			die(ST_DATA, "input truncated: %s does not exist: the "
			    "run that wrote the input did not finish (%lu "
			    "records read); nothing written", insumpath,
			    records);
		die(ST_SYSTEM, "%s: %s", insumpath, strerror(errno));
	}
	if ((sr = smetric("stream_records")) == NULL)
		die(ST_DATA, "input truncated: %s has no stream_records: not a "
		    "--stream-summary file; nothing written", insumpath);
	snprintf(why, sizeof(why), "%lu", records);
	if (strcmp(sr, why) != 0)
		die(ST_DATA, "input truncated: %s says %s records were written, "
		    "%lu were read: nothing written", insumpath, sr, records);
	if (!insum_bytes_ok(why, sizeof(why)))
		die(ST_DATA, "input truncated: %s; nothing written", why);
}

int
input_summary_total(const char *col, const char *got)
{
	struct payroll_dec a, b;
	char metric[256];
	const char *v;

	if (insumpath == NULL)
		return 0;
	snprintf(metric, sizeof(metric), "total_%s", col);
	if ((v = smetric(metric)) == NULL)
		return 0;
	if (payroll_dec_parse(v, strlen(v), &a) != 0)
		die(ST_DATA, "%s: %s: '%s' is not an amount", insumpath, metric,
		    v);
	if (payroll_dec_parse(got, strlen(got), &b) != 0 ||
	    payroll_dec_cmp(a, b) != 0)
		die(ST_DATA, "input truncated: %s says %s totals %s, the input "
		    "read totals %s: nothing written", insumpath, col, v, got);
	return 1;
}
