/*
 * authority-report: finding a form's layout
 * (rules/formats/FORM/YEAR.yaml), checking its year and acknowledgement,
 * and compiling it.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ar.h"

const char *
formats_dir(const char *argv0, const char *opt)
{
	static char buf[PATH_MAX];
	struct stat sb;
	const char *e, *slash;

	if (opt != NULL)
		return opt;
	if ((e = getenv("PAYROLL_FORMATS")) != NULL && *e != '\0')
		return e;
	/* Next to the program: bin/../rules/formats (the source tree) or
	 * bin/../share/payroll/rules/formats (installed). */
	if ((slash = strrchr(argv0, '/')) != NULL) {
		snprintf(buf, sizeof(buf), "%.*s/../rules/formats",
		    (int)(slash - argv0), argv0);
		if (stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode))
			return buf;
		snprintf(buf, sizeof(buf), "%.*s/../share/payroll/rules/"
		    "formats", (int)(slash - argv0), argv0);
		if (stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode))
			return buf;
	}
	return "rules/formats";
}

/* The layout of the form for a tax year: FORM/YYYY.yaml, the latest
 * not after the year, which must say it covers the year. */
char *
layout_path(const char *dir, const char *form, int year)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int best = 0, y;
	char *end;

	snprintf(path, sizeof(path), "%s/%s", dir, form);
	if ((d = opendir(path)) == NULL) {
		if (errno == ENOENT)
			die(ST_USAGE, "unknown form '%s': no %s", form, path);
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	}
	while ((de = readdir(d)) != NULL) {
		if (strlen(de->d_name) != 9 ||
		    strcmp(de->d_name + 4, ".yaml") != 0)
			continue;
		y = (int)strtol(de->d_name, &end, 10);
		if (end != de->d_name + 4 || y > year || y <= best)
			continue;
		best = y;
	}
	closedir(d);
	if (best == 0)
		die(ST_RULES, "form '%s': no layout for tax year %d in %s",
		    form, year, path);
	snprintf(path, sizeof(path), "%s/%s/%04d.yaml", dir, form, best);
	return xstrdup(path);
}

/*
 * Whether the employer's settings acknowledge this form's provisional
 * layout for the tax year: acknowledged: {us-941/2026: "checked against
 * the form by ..., on ..."}.  The note must say something; the warning
 * comes back for the next tax year.
 */
static int
acknowledged(int year)
{
	const struct ynode *a, *n;
	char key[96];

	if (run.employer == NULL ||
	    (a = yget(run.employer, "acknowledged")) == NULL)
		return 0;
	snprintf(key, sizeof(key), "%s/%d", run.form, year);
	if ((n = yget(a, key)) == NULL)
		return 0;
	if (*yscalar(n, key) == '\0')
		yfail(n, "an acknowledgement says who checked the layout and "
		    "when");
	return 1;
}

void
layout_check_year(int year)
{
	const struct ynode *ty = yget(run.layout, "tax_years"), *o;
	long from, to;

	if (ty == NULL || (o = yget(ty, "from")) == NULL)
		yfail(run.layout, "the layout says which tax years it is for "
		    "(tax_years: {from: YYYY, to: YYYY})");
	from = ylong(o, "from", 1900, 9999);
	to = (o = yget(ty, "to")) != NULL ? ylong(o, "to", from, 9999) :
	    from;
	if (year < from || year > to)
		die(ST_RULES, "%s: tax years %ld to %ld only: no layout of "
		    "'%s' for tax year %d yet", run.layoutpath, from, to,
		    run.form, year);
	if ((o = yget(run.layout, "provisional")) != NULL) {
		const struct ynode *pf = yget(o, "from"), *pw = yget(o, "why");

		if (pf == NULL || pw == NULL)
			yfail(o, "provisional is {from: YYYY, why: ...}");
		if (year >= ylong(pf, "from", 1900, 9999) &&
		    !acknowledged(year))
			warnx_("%s: layout %s is provisional for tax year "
			    "%d: %s (acknowledge it in the employer's settings: "
			    "acknowledged: {%s/%d: who checked it, when})",
			    run.form, run.layoutpath, year, yscalar(pw, "why"),
			    run.form, year);
	}
}

/*
 * A form that is one of several by state: select_by_state: {XX: form,
 * ..., default: form} (XX as given with --state).  The form
 * chosen replaces run.form; it must be an ordinary layout.
 */
static void
layout_select(const struct ynode *sel)
{
	const struct ynode *o;
	const char *st = run.statearg;

	if (st == NULL)
		die(ST_USAGE, "form '%s' is filed per state: give --state XX",
		    run.form);
	if ((o = yget(sel, st)) == NULL && (o = yget(sel, "default")) == NULL)
		die(ST_USAGE, "form '%s' has no layout for state '%s' (%s)",
		    run.form, st, run.layoutpath);
	if (strcmp(yscalar(o, "select_by_state"), "") == 0 ||
	    strchr(yscalar(o, "select_by_state"), '/') != NULL ||
	    strchr(yscalar(o, "select_by_state"), '.') != NULL)
		yfail(o, "a form name");
	/* A copy: the selecting layout is freed when the form is known. */
	run.form = xstrdup(yscalar(o, "select_by_state"));
}

void
layout_head(const char *dir, int year)
{
	static const char *const keys[] = { "form", "kind", "description",
	    "source", "provisional", "tax_years", "period", "year_start",
	    "state", "states", "charsets", "parameters", "record_length",
	    "record_end", "records", "sequence", "pack", "columns", "rows",
	    "root", "history", "group", "futa", "compare", "localities",
	    NULL };
	const struct ynode *o;
	const char *k;

	run.layoutpath = layout_path(dir, run.form, year);
	run.layout = yload(run.layoutpath);
	if ((o = yget(run.layout, "select_by_state")) != NULL) {
		layout_select(o);
		payroll_conf_free(run.layout);
		free((char *)run.layoutpath);
		run.layoutpath = layout_path(dir, run.form, year);
		run.layout = yload(run.layoutpath);
	}
	ykeys(run.layout, keys, "a layout");
	if ((o = yget(run.layout, "kind")) == NULL)
		yfail(run.layout, "a layout has a 'kind' (fixed, lines, "
		    "table, xml)");
	k = yscalar(o, "kind");
	run.kind = strcmp(k, "fixed") == 0 ? K_FIXED : strcmp(k, "lines") ==
	    0 ? K_LINES : strcmp(k, "table") == 0 ? K_TABLE :
	    strcmp(k, "xml") == 0 ? K_XML : -1;
	if (run.kind < 0)
		yfail(o, "unknown kind '%s' (fixed, lines, table, xml)", k);
	if ((o = yget(run.layout, "period")) == NULL)
		yfail(run.layout, "a layout says its 'period' (quarter, year, "
		    "payrun)");
	k = yscalar(o, "period");
	run.ptype = strcmp(k, "quarter") == 0 ? P_QUARTER :
	    strcmp(k, "year") == 0 ? P_YEAR : strcmp(k, "payrun") == 0 ?
	    P_PAYRUN : -1;
	if ((int)run.ptype < 0)
		yfail(o, "'period' is quarter, year or payrun");
	run.ys_month = 1;
	run.ys_day = 1;
	if ((o = yget(run.layout, "year_start")) != NULL &&
	    (sscanf(yscalar(o, "year_start"), "%2d-%2d", &run.ys_month,
	    &run.ys_day) != 2 || run.ys_month < 1 || run.ys_month > 12 ||
	    run.ys_day < 1 || run.ys_day > 28))
		yfail(o, "year_start is MM-DD, e.g. \"04-06\"");
}

static void
layout_states(void)
{
	const struct ynode *st = yget(run.layout, "states"), *o;
	const char *want = run.statearg;
	size_t i;

	if (st != NULL) {
		if (st->type != Y_MAP)
			yfail(st, "'states' maps each state's code to its "
			    "codes in the format");
		run.nstates = st->n / 2;
		run.states = xcalloc(run.nstates, sizeof(*run.states));
		run.statenodes = xcalloc(run.nstates,
		    sizeof(*run.statenodes));
		for (i = 0; i < run.nstates; i++) {
			run.states[i] = st->kids[2 * i]->val;
			run.statenodes[i] = st->kids[2 * i + 1];
		}
	}
	if ((o = yget(run.layout, "state")) != NULL) {
		if (want != NULL && strcmp(want, yscalar(o, "state")) != 0)
			die(ST_USAGE, "form '%s' is for state '%s' only",
			    run.form, o->val);
		want = yscalar(o, "state");
	}
	if (want == NULL)
		return;
	for (i = 0; i < run.nstates; i++)
		if (strcmp(run.states[i], want) == 0)
			break;
	if (i == run.nstates)
		die(ST_USAGE, "form '%s': no state '%s' in %s", run.form,
		    want, run.layoutpath);
	run.fixedstate = (int)i;
}

struct item *fixed_items;
size_t nfixed_items;

void
layout_compile(void)
{
	const struct ynode *o;
	size_t i, j;

	layout_states();
	local_compile();
	switch (run.kind) {
	case K_FIXED:
		records_compile();
		if ((o = yget(run.layout, "sequence")) == NULL)
			yfail(run.layout, "a fixed-width layout has a "
			    "'sequence'");
		items_compile(&fixed_items, &nfixed_items, o, 0);
		for (i = 0; i < nrecords; i++)
			for (j = 0; j < records[i].nf; j++)
				src_bind(&records[i].f[j].src);
		break;
	case K_LINES:
		lines_compile();
		break;
	case K_TABLE:
		table_compile();
		for (i = 0; i < ntcols; i++)
			src_bind(&tcols[i].src);
		break;
	case K_XML:
		if ((o = yget(run.layout, "root")) == NULL)
			yfail(run.layout, "an XML layout has a 'root' element");
		if (yget(run.layout, "pack") != NULL)
			lines_compile();
		item_compile(&xroot, o, 1);
		xml_bind(&xroot);
		if (uses_lines && linepack == NULL)
			yfail(o, "a 'line' source needs the layout's 'pack'");
		break;
	}
	if (uses_employer && run.employer == NULL)
		die(ST_USAGE, "form '%s' needs the employer's details "
		    "(--employer employer.yaml)", run.form);
}
