/*
 * failalloc: an LD_PRELOAD shim for fault injection.  With FAILALLOC_AT=n
 * in the environment, the n-th call to malloc, calloc or realloc (counted
 * from the program's start) returns NULL with ENOMEM, and so does every
 * later one when FAILALLOC_STICKY is set.  The program must then end with
 * a clear error and status 4, never a crash or a partial output file.
 * With FAILALLOC_COUNT=path, the number of calls made is written to path
 * at exit (for a sweep over every allocation of a run).
 *
 * Allocations inside regcomp() are counted but never failed: glibc up to
 * 2.41 frees twice when one fails there (CVE-2025-8058, sourceware bug
 * 33185), a crash in the C library that no caller can prevent.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <regex.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned long calls, at;
static int armed = -1, sticky, in_regcomp;
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);

/* dlsym may call calloc before real_calloc is known: serve it here. */
static char early[4096];
static size_t earlyused;

static void
report(void)
{
	const char *path = getenv("FAILALLOC_COUNT");
	unsigned long n = calls;	/* before fopen's own */
	FILE *fp;

	if (path != NULL && (fp = fopen(path, "w")) != NULL) {
		fprintf(fp, "%lu\n", n);
		fclose(fp);
	}
}

static int
fail_now(void)
{
	if (armed < 0) {
		const char *s = getenv("FAILALLOC_AT");

		at = s != NULL ? strtoul(s, NULL, 10) : 0;
		sticky = getenv("FAILALLOC_STICKY") != NULL;
		armed = 1;
		atexit(report);
	}
	calls++;
	if (at > 0 && !in_regcomp && (calls == at || (sticky && calls > at))) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *
malloc(size_t n)
{
	if (real_malloc == NULL)
		real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
	return fail_now() ? NULL : real_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	if (real_calloc == NULL) {
		if (earlyused + n * size <= sizeof(early)) {
			void *p = early + earlyused;

			earlyused += (n * size + 15) & ~(size_t)15;
			return p;	/* zero already */
		}
		real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT,
		    "calloc");
	}
	return fail_now() ? NULL : real_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	if (real_realloc == NULL)
		real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT,
		    "realloc");
	return fail_now() ? NULL : real_realloc(p, n);
}

void
free(void *p)
{
	static void (*real_free)(void *);

	if ((char *)p >= early && (char *)p < early + sizeof(early))
		return;
	if (real_free == NULL)
		real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
	real_free(p);
}

int
regcomp(regex_t *re, const char *pattern, int flags)
{
	static int (*real_regcomp)(regex_t *, const char *, int);
	int rc;

	if (real_regcomp == NULL)
		real_regcomp = (int (*)(regex_t *, const char *, int))dlsym(
		    RTLD_NEXT, "regcomp");
	in_regcomp++;
	rc = real_regcomp(re, pattern, flags);
	in_regcomp--;
	return rc;
}
