/*
 * packtext.h: rule packs written as text into a file by the unit tests
 * of the loader (t_packdiag, t_packdir, t_packwarn), and a parameter of
 * the loaded rules read back.
 */
#ifndef PACKTEXT_H
#define PACKTEXT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"

/* Writes text to file; bails out when it cannot. */
static inline void
packtext_put(const char *file, const char *text)
{
	FILE *fp;

	if ((fp = fopen(file, "w")) == NULL ||
	    fwrite(text, 1, strlen(text), fp) != strlen(text) ||
	    fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", file);
		exit(2);
	}
}

/* The number parameter `name` of r, formatted, or "?". */
static inline const char *
packtext_param(struct payroll_rules *r, const char *name)
{
	static char buf[64];
	struct payroll_dec d;

	strcpy(buf, "?");
	if (r != NULL && payroll_rules_param(r, name, &d) == PAYROLL_OK)
		payroll_dec_format(d, -1, buf, sizeof(buf));
	return buf;
}

#endif
