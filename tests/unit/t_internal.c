/*
 * t_internal.c: libpayroll's internal header and its state (issue 13,
 * 2.11).
 *
 * - internal.h is included twice below: its include guard must cover the
 *   whole file (it closed early, so a second inclusion redefined the rule
 *   engine's structures and did not compile);
 * - every function internal.h declares must exist in libpayroll.a (it
 *   declared date_parse_lax, which did not);
 * - the library keeps no writable static data (a static compile depth in
 *   expr.c made loading rules in two threads at once unsafe): every data
 *   object of libpayroll.a is read-only (.rodata, .data.rel.ro);
 * - no two files of the library call each other, directly or through
 *   others (issue 15, item 4: expr.c and rules.c did, until symtab.c).
 *
 * The archive is read with nm and objdump (binutils), run from the top of
 * the source tree as tests/run.sh does.
 */
#include "internal.h"
#include "internal.h"	/* twice: the guard must hold */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#define LIB "libpayroll/libpayroll.a"
#define HDR "libpayroll/internal.h"

/* Whether nm lists name as a defined function (T) of the archive. */
static int
defined(const char *name)
{
	char cmd[256], line[512];
	FILE *p;
	int found = 0;

	snprintf(cmd, sizeof(cmd), "nm -g --defined-only %s 2>/dev/null", LIB);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), p) != NULL) {
		char *t = strstr(line, " T ");

		if (t != NULL) {
			t += 3;
			t[strcspn(t, "\n")] = '\0';
			/* internal.h maps its short names into the
			 * library's namespace: yget is payroll__yget. */
			if (strcmp(t, name) == 0 || (strncmp(t, "payroll__",
			    9) == 0 && strcmp(t + 9, name) == 0))
				found = 1;
		}
	}
	if (pclose(p) != 0)
		return -1;
	return found;
}

/* The functions the header declares: at the start of a line, a type,
 * then name( ... ); (continuation lines are indented). */
static void
test_declared(void)
{
	char line[512];
	FILE *fp = fopen(HDR, "r");
	int n = 0, missing = 0;

	if (fp == NULL) {
		printf("Bail out! cannot read %s\n", HDR);
		exit(2);
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *paren, *end, *start;
		char name[128];

		if (!islower((unsigned char)line[0]))
			continue;
		if (strncmp(line, "typedef", 7) == 0 ||
		    strncmp(line, "extern", 6) == 0 ||
		    strncmp(line, "enum", 4) == 0 ||
		    (paren = strchr(line, '(')) == NULL)
			continue;
		end = paren;
		while (end > line && (isalnum((unsigned char)end[-1]) ||
		    end[-1] == '_'))
			end--;
		start = end;
		if (paren - start <= 0 || (size_t)(paren - start) >=
		    sizeof(name))
			continue;
		memcpy(name, start, (size_t)(paren - start));
		name[paren - start] = '\0';
		n++;
		if (defined(name) != 1) {
			missing++;
			printf("# declared in %s, not defined in %s: %s\n", HDR,
			    LIB, name);
		}
	}
	fclose(fp);
	ok(n > 20, "internal.h declares functions (%d found)", n);
	ok(missing == 0, "every function internal.h declares exists (%d "
	    "missing)", missing);
}

/* Writable data objects: objdump -t lines "l O .bss ... name". */
static void
test_no_writable_state(void)
{
	char cmd[256], line[512];
	FILE *p;
	int n = 0, bad = 0;

	snprintf(cmd, sizeof(cmd), "objdump -t %s 2>/dev/null", LIB);
	if ((p = popen(cmd, "r")) == NULL) {
		printf("Bail out! cannot run objdump\n");
		exit(2);
	}
	while (fgets(line, sizeof(line), p) != NULL) {
		if (strstr(line, " O ") == NULL)
			continue;
		/* Objects a sanitizer build adds (ASan's ODR indicators). */
		if (strstr(line, " __odr_asan") != NULL ||
		    strstr(line, " __asan") != NULL ||
		    strstr(line, " __ubsan") != NULL ||
		    strstr(line, " __sancov") != NULL)
			continue;
		n++;
		if (strstr(line, " .bss") != NULL ||
		    strstr(line, " .data\t") != NULL ||
		    strstr(line, " .data ") != NULL ||
		    strstr(line, " .tbss") != NULL ||
		    strstr(line, " .tdata") != NULL) {
			bad++;
			printf("# writable: %s", line);
		}
	}
	if (pclose(p) != 0) {
		printf("Bail out! objdump failed\n");
		exit(2);
	}
	ok(n > 5, "objdump lists the library's data objects (%d)", n);
	ok(bad == 0, "libpayroll keeps no writable static data, so rules "
	    "load safely in several threads (%d writable)", bad);
}

/* Every global symbol the archive defines is in the library's namespace
 * (payroll_...): a program linking libpayroll.a may have its own yget()
 * (payroll-export had one). */
static void
test_namespace(void)
{
	char cmd[256], line[512];
	FILE *p;
	int n = 0, bad = 0;

	snprintf(cmd, sizeof(cmd), "nm -g --defined-only %s 2>/dev/null", LIB);
	if ((p = popen(cmd, "r")) == NULL) {
		printf("Bail out! cannot run nm\n");
		exit(2);
	}
	while (fgets(line, sizeof(line), p) != NULL) {
		char type, name[256];

		if (sscanf(line, "%*s %c %255s", &type, name) != 2 ||
		    strchr("TDBRV", type) == NULL)
			continue;
		n++;
		/* Compiler-made symbols (sanitizers) start with "__". */
		if (strncmp(name, "payroll_", 8) != 0 &&
		    strncmp(name, "__", 2) != 0) {
			bad++;
			printf("# a global symbol outside payroll_*: %s\n",
			    name);
		}
	}
	pclose(p);
	ok(n > 50, "nm lists the library's global symbols (%d)", n);
	ok(bad == 0, "every global symbol of libpayroll.a starts with "
	    "payroll_ (%d others)", bad);
}

/* The library's files (archive members) and who calls whom. */
#define MAXOBJ 64
static char objs[MAXOBJ][64];
static int nobj, calls[MAXOBJ][MAXOBJ];

static int
obj_index(const char *name)
{
	int i;

	for (i = 0; i < nobj; i++)
		if (strcmp(objs[i], name) == 0)
			return i;
	if (nobj == MAXOBJ)
		return -1;
	snprintf(objs[nobj], sizeof(objs[0]), "%s", name);
	return nobj++;
}

/* Whether b reaches a through the calls (depth-first, seen marks). */
static int
reaches(int b, int a, int *seen)
{
	int k;

	for (k = 0; k < nobj; k++)
		if (calls[b][k] && !seen[k]) {
			seen[k] = 1;
			if (k == a || reaches(k, a, seen))
				return 1;
		}
	return 0;
}

static void
test_no_cycle(void)
{
	static char def[4096][128];
	static int defobj[4096];
	static char use[16384][128];
	static int useobj[16384];
	char line[512], member[128], sym[128], type[8];
	int ndef = 0, nuse = 0, i, j, cyc = 0;
	FILE *p;

	if ((p = popen("nm -A " LIB " 2>/dev/null", "r")) == NULL) {
		ok(0, "nm runs");
		return;
	}
	while (fgets(line, sizeof(line), p) != NULL) {
		char *a = strchr(line, ':'), *b;

		if (a == NULL || (b = strchr(a + 1, ':')) == NULL)
			continue;
		snprintf(member, sizeof(member), "%.*s", (int)(b - a - 1),
		    a + 1);
		if (sscanf(b + 1, "%*s %7s %127s", type, sym) == 2 &&
		    strchr("TDBR", type[0]) != NULL && ndef < 4096) {
			snprintf(def[ndef], sizeof(def[0]), "%s", sym);
			defobj[ndef++] = obj_index(member);
		} else if (sscanf(b + 1, " U %127s", sym) == 1 && nuse < 16384) {
			snprintf(use[nuse], sizeof(use[0]), "%s", sym);
			useobj[nuse++] = obj_index(member);
		}
	}
	pclose(p);
	for (i = 0; i < nuse; i++)
		for (j = 0; j < ndef; j++)
			if (useobj[i] >= 0 && defobj[j] >= 0 &&
			    useobj[i] != defobj[j] &&
			    strcmp(use[i], def[j]) == 0)
				calls[useobj[i]][defobj[j]] = 1;
	ok(nobj > 10 && ndef > 50, "nm -A lists the library's files (%d) "
	    "and their symbols", nobj);
	for (i = 0; i < nobj; i++)
		for (j = 0; j < nobj; j++) {
			int seen[MAXOBJ] = { 0 };

			if (calls[i][j] && reaches(j, i, seen)) {
				printf("# %s calls %s, which leads back to it\n",
				    objs[i], objs[j]);
				cyc++;
			}
		}
	ok(cyc == 0, "no cycle between the library's files");
}

int
main(void)
{
	/* The structures of the second half of the header are usable. */
	struct tnode t;
	struct node nd;

	memset(&t, 0, sizeof(t));
	memset(&nd, 0, sizeof(nd));
	ok(t.n == 0 && nd.op == 0, "internal.h included twice compiles");
	test_declared();
	test_no_writable_state();
	test_namespace();
	test_no_cycle();
	return tap_done();
}
