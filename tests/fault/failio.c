/*
 * failio: an LD_PRELOAD shim for the file-system faults of the output
 * commit (tests/unix/safeio.sh).
 *
 *   FAILIO_RENAME_AT=n   the n-th call to rename or renameat (counted
 *                        from the program's start) fails with EIO;
 *   FAILIO_NOTMPFILE=1   opening with O_TMPFILE fails with EOPNOTSUPP, as
 *                        on a file system without unnamed temporary files
 *                        (the tools then fall back to named ones).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

static unsigned long renames;

static int
rename_fails(void)
{
	const char *s = getenv("FAILIO_RENAME_AT");

	renames++;
	if (s != NULL && strtoul(s, NULL, 10) == renames) {
		errno = EIO;
		return 1;
	}
	return 0;
}

static int
tmpfile_fails(int flags)
{
	if ((flags & O_TMPFILE) == O_TMPFILE &&
	    getenv("FAILIO_NOTMPFILE") != NULL) {
		errno = EOPNOTSUPP;
		return 1;
	}
	return 0;
}

int
rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);

	if (real == NULL)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT,
		    "rename");
	if (rename_fails())
		return -1;
	return real(from, to);
}

int
renameat(int fd1, const char *from, int fd2, const char *to)
{
	static int (*real)(int, const char *, int, const char *);

	if (real == NULL)
		real = (int (*)(int, const char *, int, const char *))dlsym(
		    RTLD_NEXT, "renameat");
	if (rename_fails())
		return -1;
	return real(fd1, from, fd2, to);
}

#define OPENAT(name)							\
int									\
name(int dirfd, const char *path, int flags, ...)			\
{									\
	static int (*real)(int, const char *, int, ...);		\
	mode_t mode = 0;						\
	va_list ap;							\
									\
	if (real == NULL)						\
		real = (int (*)(int, const char *, int, ...))dlsym(	\
		    RTLD_NEXT, #name);					\
	va_start(ap, flags);						\
	if (flags & (O_CREAT | O_TMPFILE))				\
		mode = va_arg(ap, mode_t);				\
	va_end(ap);							\
	if (tmpfile_fails(flags))					\
		return -1;						\
	return real(dirfd, path, flags, mode);				\
}

#define OPEN(name)							\
int									\
name(const char *path, int flags, ...)					\
{									\
	static int (*real)(const char *, int, ...);			\
	mode_t mode = 0;						\
	va_list ap;							\
									\
	if (real == NULL)						\
		real = (int (*)(const char *, int, ...))dlsym(		\
		    RTLD_NEXT, #name);					\
	va_start(ap, flags);						\
	if (flags & (O_CREAT | O_TMPFILE))				\
		mode = va_arg(ap, mode_t);				\
	va_end(ap);							\
	if (tmpfile_fails(flags))					\
		return -1;						\
	return real(path, flags, mode);					\
}

OPENAT(openat)
OPENAT(openat64)
OPEN(open)
OPEN(open64)
