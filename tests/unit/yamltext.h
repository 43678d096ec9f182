/*
 * yamltext.h: YAML text parsed into a payroll_node tree for the unit
 * tests (a layout, a field, a charsets map).  The trees are kept until
 * yamltext_free(), at most YAMLTEXT_MAX of them.
 */
#ifndef YAMLTEXT_H
#define YAMLTEXT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"

#ifndef YAMLTEXT_MAX
#define YAMLTEXT_MAX 512
#endif

static struct payroll_node *yamltext_trees[YAMLTEXT_MAX];
static size_t yamltext_n;

/* The tree of text, read as the file "t.yaml"; bails out on an error. */
static struct payroll_node *
yaml(const char *text)
{
	struct payroll_node *root = NULL;
	struct payroll_diag diag;
	FILE *fp = fmemopen((void *)(size_t)text, strlen(text), "r");

	if (fp == NULL || payroll_conf_read(fp, "t.yaml", NULL, &root,
	    &diag) != PAYROLL_OK) {
		printf("Bail out! %s\n", fp == NULL ? "fmemopen" : diag.msg);
		exit(1);
	}
	fclose(fp);
	if (yamltext_n == YAMLTEXT_MAX) {
		printf("Bail out! more trees than the test keeps\n");
		exit(1);
	}
	return yamltext_trees[yamltext_n++] = root;
}

static void
yamltext_free(void)
{
	while (yamltext_n > 0)
		payroll_conf_free(yamltext_trees[--yamltext_n]);
}

#endif
