/*
 * common.c: diagnostics, exit statuses and atomic outputs for the tools.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

const char *progname = "payroll";

#define MAXOUT 32
static struct outfile *outs[MAXOUT];
static int nouts;
/* Paths of temporary files, readable from a signal handler. */
static char *volatile tmpnames[MAXOUT];

static void
on_signal(int sig)
{
	int i;

	for (i = 0; i < MAXOUT; i++)
		if (tmpnames[i] != NULL)
			unlink(tmpnames[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
common_init(int argc, char *argv[])
{
	const char *p;
	struct sigaction sa;

	(void)argc;
	if (argv[0] != NULL) {
		p = strrchr(argv[0], '/');
		progname = p != NULL ? p + 1 : argv[0];
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A closed pipe is a write error we report, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
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
	exit(status);
}

void
die_diag(int status, const struct payroll_diag *diag)
{
	warn_diag(diag);
	abort_all();
	exit(status);
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
		o->fp = stdout;
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
	    (o->tmp = malloc(strlen(path) + 32)) == NULL ||
	    (o->lock = malloc(strlen(path) + 32)) == NULL)
		die(ST_SYSTEM, "out of memory");
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
		die(ST_SYSTEM, "%s: %s", o->lock, strerror(errno));
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
	if (o->fp == stdout || o->direct) {
		bad = fflush(o->fp) == EOF || ferror(o->fp);
		if (o->direct && fclose(o->fp) == EOF)
			bad = 1;
		forget(o);
		if (bad) {
			warnx_("%s: %s", o->direct ? "output" : "<stdout>",
			    strerror(errno));
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
	if (o->fp != NULL && o->fp != stdout)
		fclose(o->fp);	/* a direct output (a device) stays */
	if (o->tmp != NULL)
		unlink(o->tmp);
	o->fp = NULL;
	forget(o);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
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

	for (i = 0; i < len && n + 1 < size; i++)
		buf[n++] = i + 4 < len && s[i] != '-' ? '*' : s[i];
	buf[n] = '\0';
}
