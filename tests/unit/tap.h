/*
 * tap.h: a tiny TAP producer for the unit tests (git, Redis test_cond).
 */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

/* The condition is evaluated once. */
#define ok(cond, ...) do { \
	int ok_ = (cond) != 0; \
	tap_n++; \
	if (ok_) { \
		printf("ok %d - ", tap_n); \
	} else { \
		tap_failed++; \
		printf("not ok %d - ", tap_n); \
	} \
	printf(__VA_ARGS__); \
	printf("\n"); \
	if (!ok_) \
		printf("# failed at %s:%d\n", __FILE__, __LINE__); \
} while (0)

#define is_str(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	ok(strcmp(g_, w_) == 0, __VA_ARGS__); \
	if (strcmp(g_, w_) != 0) \
		printf("#   got '%s'\n#  want '%s'\n", g_, w_); \
} while (0)

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}

#endif
