/*
 * tmpfiles.c: temporary files: their names, the sweep of what killed
 * runs left, scratch files.
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
const char *const common_tmpkinds[] = { ".payroll-tmp.", ".payroll-old." };

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
char *
common_new_name(const char *base, const char *kind,
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
		k = strlen(common_tmpkinds[i]);
		if (n > k + 7 && strncmp(name + n - 6 - k, common_tmpkinds[i], k) == 0 &&
		    is_suffix6(name + n - 6))
			return 1;
	}
	return 0;
}

static int
older(const struct stat *sb)
{
	return sb->st_mtim.tv_sec < common_started.tv_sec ||
	    (sb->st_mtim.tv_sec == common_started.tv_sec &&
	    sb->st_mtim.tv_nsec < common_started.tv_nsec);
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
void
common_sweep_fd(int dirfd)
{
	static struct { dev_t dev; ino_t ino; } done[COMMON_MAXOUT];
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
	if (ndone < COMMON_MAXOUT) {
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
		common_sweep_fd(fd);
		close(fd);
	}
}

/* Whether unnamed files can be given a name: linkat through /proc. */
int
common_proc_fd_ok(void)
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
