/*
 * t_packdir.c: a rule pack given as a folder (libpayroll/rules.c,
 * pack_files): which files of the folder are read (names ending in
 * ".yaml", not hidden), in which order (sorted by name, whatever order
 * the folder lists them in), and the refusals with the file they name: a
 * path that does not exist, a folder without a .yaml file, a file that
 * is a symbolic link out of the folder (also to a sibling folder whose
 * name starts with the pack's), a dangling link.  docs/rules.md: "A pack
 * is a YAML file or a folder of them"; the loader's comment: "A pack's
 * files stay inside its folder (no symlink out)".
 *
 * Every expected place is counted by hand from the text written here:
 * in "parameters:\n  p: {source: s, value: 1}\n" the key p is at line
 * 2, column 3.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "payroll.h"
#include "packtext.h"
#include "tap.h"

static char dir[] = "/tmp/t_packdir.XXXXXX";
static struct payroll_run run;
static struct payroll_diag diag;

/* dir/name, in a static buffer (one of four, used in turn). */
static const char *
at(const char *name)
{
	static char buf[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

static void
put(const char *name, const char *text)
{
	packtext_put(at(name), text);
}

static void
folder(const char *name)
{
	if (mkdir(at(name), 0700) != 0) {
		printf("Bail out! mkdir %s\n", name);
		exit(2);
	}
}

static void
link_to(const char *target, const char *name)
{
	if (symlink(target, at(name)) != 0) {
		printf("Bail out! symlink %s\n", name);
		exit(2);
	}
}

static int
load(const char *name, struct payroll_rules **r)
{
	const char *p = at(name);

	payroll_diag_clear(&diag);
	*r = NULL;
	return payroll_rules_load(&p, 1, &run, r, &diag);
}

/* The pack `name` is refused with status want, naming file `file` (a
 * path under dir) at line 0 and a message holding msg. */
static void
refused(const char *what, const char *name, int want, const char *file,
    const char *msg)
{
	struct payroll_rules *r;
	int st = load(name, &r);
	const char *f = at(file);

	ok(st == want && strcmp(diag.file, f) == 0 && diag.line == 0 &&
	    strstr(diag.msg, msg) != NULL,
	    "%s: status %d, %s: '%s' (got %d, %s:%lu: %s)", what, want, file,
	    msg, st, diag.file, diag.line, diag.msg);
	if (st == PAYROLL_OK)
		payroll_rules_free(r);
}

int
main(void)
{
	struct payroll_rules *r;
	int st;
	char msg[128];

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 2;
	}
	if (payroll_period_parse("2026-11", PAYROLL_FREQ_MONTHLY,
	    &run.period) != 0) {
		printf("Bail out! period\n");
		return 2;
	}

	/*
	 * pack/: a.yaml and z.yaml are read; .hidden.yaml, notes.txt,
	 * b.yml and a file named "yaml" (no dot) are not (each would be
	 * refused if read: it is not YAML or redeclares a).
	 */
	folder("pack");
	put("pack/a.yaml", "parameters:\n  a: {source: s, value: 1.25}\n");
	put("pack/z.yaml", "parameters:\n  z: {source: s, value: 26}\n");
	put("pack/.hidden.yaml", "parameters:\n  a: {source: s, value: 9}\n");
	put("pack/notes.txt", "not: [yaml\n");
	put("pack/b.yml", "not: [yaml\n");
	put("pack/yaml", "not: [yaml\n");
	st = load("pack", &r);
	ok(st == PAYROLL_OK, "a folder's .yaml files load (got %d, %s:%lu: %s)",
	    st, diag.file, diag.line, diag.msg);
	is_str(packtext_param(r, "a"), "1.25", "a from a.yaml");
	is_str(packtext_param(r, "z"), "26", "z from z.yaml");
	if (r != NULL)
		payroll_rules_free(r);

	/*
	 * Sorted by name: the second declaration of p is the one refused,
	 * in b.yaml (after a.yaml), whichever the folder lists first; b.yaml
	 * written first so that a folder listed in creation order would
	 * read it first.
	 */
	folder("order");
	put("order/b.yaml", "parameters:\n  p: {source: s, value: 2}\n");
	put("order/a.yaml", "parameters:\n  p: {source: s, value: 1}\n");
	st = load("order", &r);
	snprintf(msg, sizeof(msg), "parameter 'p' is already declared as a "
	    "parameter at %s:2:3", at("order/a.yaml"));
	ok(st == PAYROLL_ERULES && strcmp(diag.file, at("order/b.yaml")) == 0 &&
	    diag.line == 2 && diag.column == 3 && strstr(diag.msg, msg) != NULL,
	    "files in name order: b.yaml's p refused at 2:3 (got %d, %s:%lu:%lu:"
	    " %s)", st, diag.file, diag.line, diag.column, diag.msg);
	if (st == PAYROLL_OK)
		payroll_rules_free(r);

	/* A short name: "x.yaml" (6 characters) is a pack file. */
	folder("short");
	put("short/x.yaml", "parameters:\n  x: {source: s, value: 7}\n");
	st = load("short", &r);
	ok(st == PAYROLL_OK, "x.yaml is read (got %d: %s)", st, diag.msg);
	is_str(packtext_param(r, "x"), "7", "x from x.yaml");
	if (r != NULL)
		payroll_rules_free(r);

	/* No pack at all, and a folder with no .yaml file in it. */
	refused("a path that does not exist", "missing", PAYROLL_EIO,
	    "missing", strerror(ENOENT));
	folder("empty");
	put("empty/readme.txt", "nothing here\n");
	put("empty/.x.yaml", "parameters: {}\n");
	refused("a folder without .yaml files", "empty", PAYROLL_ERULES,
	    "empty", "no .yaml files in this rule pack folder");

	/*
	 * Symbolic links: one to a file inside the folder is read; one to a
	 * file outside is refused, also when the target's folder is
	 * "linkpack2", whose name starts with the pack's "linkpack"; a
	 * dangling link is refused with the system's reason.
	 */
	folder("linkpack");
	folder("linkpack/sub");
	put("linkpack/sub/inner.txt",
	    "parameters:\n  i: {source: s, value: 3}\n");
	link_to("sub/inner.txt", "linkpack/in.yaml");
	st = load("linkpack", &r);
	ok(st == PAYROLL_OK, "a link to a file inside the folder is read "
	    "(got %d, %s: %s)", st, diag.file, diag.msg);
	is_str(packtext_param(r, "i"), "3", "i through the link");
	if (r != NULL)
		payroll_rules_free(r);

	put("outside.yaml", "parameters:\n  o: {source: s, value: 4}\n");
	folder("out1");
	put("out1/a.yaml", "parameters:\n  a: {source: s, value: 1}\n");
	link_to("../outside.yaml", "out1/b.yaml");
	refused("a link out of the folder", "out1", PAYROLL_ERULES,
	    "out1/b.yaml", "the file lies outside its pack's folder (a "
	    "symbolic link out of it): refused");

	folder("out");
	folder("out2");
	put("out2/x.yaml", "parameters:\n  o: {source: s, value: 4}\n");
	link_to("../out2/x.yaml", "out/a.yaml");
	refused("a link into a sibling whose name extends the pack's", "out",
	    PAYROLL_ERULES, "out/a.yaml", "outside its pack's folder");

	folder("dangling");
	put("dangling/a.yaml", "parameters:\n  a: {source: s, value: 1}\n");
	link_to("gone.txt", "dangling/b.yaml");
	refused("a dangling link", "dangling", PAYROLL_EIO, "dangling/b.yaml",
	    strerror(ENOENT));

	/* A second run over the same folder loads it again (nothing of the
	 * refused runs left behind). */
	st = load("pack", &r);
	ok(st == PAYROLL_OK && strcmp(packtext_param(r, "z"), "26") == 0,
	    "the folder loads again after the refusals (got %d)", st);
	if (r != NULL)
		payroll_rules_free(r);

	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	}
	return tap_done();
}
