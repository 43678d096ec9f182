/*
 * output.c: the inputs of a run, and its outputs written atomically and
 * committed all or none (common.h says how).
 */
#define _GNU_SOURCE		/* O_TMPFILE, fopencookie */
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
#include "common_int.h"

static struct outfile *outs[COMMON_MAXOUT];
static int nouts;
/* The open outputs, read by the signal handler. */
static struct outfile *volatile sigouts[COMMON_MAXOUT];

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
		if (common_insumpath != NULL && common_instream == NULL)
			return common_instream = common_instream_fopen(STDIN_FILENO);
		return stdin;
	}
	if ((fp = fopen(path, "rb")) == NULL)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	in_note(fileno(fp), path);
	if (common_insumpath != NULL && common_instream == NULL) {
		int fd = dup(fileno(fp));

		fclose(fp);
		if (fd == -1)
			die(ST_SYSTEM, "%s: %s", path, strerror(errno));
		return common_instream = common_instream_fopen(fd);
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
/* Outputs                                                            */
/* ------------------------------------------------------------------ */

/* /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the system's
 * links to the descriptors; returns the descriptor, or -1. */
int
common_fd_alias(const char *path)
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

	for (i = 0; i < COMMON_MAXOUT; i++)
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
	if (nouts == COMMON_MAXOUT)
		die(ST_SYSTEM, "too many output files");
	outs[nouts++] = o;
	o->registered = 1;
	if (path == NULL || strcmp(path, "-") == 0 ||
	    (o->tofd = common_fd_alias(path)) != -1) {
		/*
		 * Standard output (and /dev/stdout, /dev/fd/N) is spooled
		 * and copied out at commit: a run that fails half-way leaves
		 * the next tool in the pipe nothing, never part of a file
		 * that looks complete.
		 */
		if (o->tofd == -1)
			o->tofd = STDOUT_FILENO;
		if (common_streampath != NULL && o->tofd == STDOUT_FILENO &&
		    common_streamout == NULL)
			return common_stream_fopen(o);
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
	common_sweep_fd(o->dirfd);
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
	if (common_proc_fd_ok())
		o->fd = openat(o->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC,
		    0600);
	if (o->fd != -1)
		o->unnamed = 1;
	else if ((o->tmp = common_new_name(o->base, common_tmpkinds[0], make_tmp, o)) ==
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

	for (i = 0; i < COMMON_MAXOUT; i++)
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
	common_stream_discard(o);	/* a failed run writes no more on the pipe */
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
	    (o->public && fchmod(o->fd, 0666 & ~common_run_umask) == -1) ||
	    fsync(o->fd) == -1)
		return fail(o, NULL);
	if (o->unnamed) {
		if ((t = common_new_name(o->base, common_tmpkinds[0], link_tmp, o)) == NULL)
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
		if ((o->old = common_new_name(o->base, common_tmpkinds[1], link_old, o)) ==
		    NULL) {
			/* No hard links here (some network and FAT file
			 * systems): the old file moves aside. */
			if ((o->old = common_new_name(o->base, common_tmpkinds[1], move_old,
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
	int sfd = common_stream_spoolfd(o);

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
		common_died = 1;	/* said why; standard output is not retried */
	return bad ? -1 : 0;
}

void
out_commit_all_or_die(void)
{
	/* out_commit_all() said what failed and put everything back. */
	if (out_commit_all() != 0)
		exit(ST_SYSTEM);
}

/* die(): every uncommitted output goes. */
void
common_abort_all(void)
{
	int i;

	for (i = nouts - 1; i >= 0; i--)
		out_abort(outs[i]);
}

/* The signal handler: named temporary files and lock files go. */
void
common_signal_unlink(void)
{
	struct outfile *o;
	int i;

	for (i = 0; i < COMMON_MAXOUT; i++)
		if ((o = sigouts[i]) != NULL) {
			if (o->tmp != NULL)
				unlinkat(o->dirfd, o->tmp, 0);
			if (o->lock != NULL)
				unlinkat(o->dirfd, o->lock, 0);
		}
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
