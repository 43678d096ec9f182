/*
 * authority-report: the filings for the authorities, from payroll results.
 *
 * A quarter's or a year's results of payroll-calc in (several files
 * merge), one filing out: Form 941 lines, an SSA EFW2 file of W-2s, a
 * state unemployment wage report, state withholding totals, a UK RTI Full
 * Payment Submission.  Nothing about any form is in this file: each form
 * is a layout under rules/formats/FORM/YEAR.yaml (records, fields,
 * positions, lengths, types, and where each value comes from), and the
 * figures of a form (rates, wage bases) are parameters there or in the
 * rule packs.  See docs/filings.md.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <iconv.h>
#include <limits.h>
#include <locale.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "common.h"

#define MAXRULES 64
#define MAXFILES 1024

static const char usage_text[] =
"usage: authority-report -F form [-r pack ...] [-c employer.yaml]\n"
"                        [-p YYYYQn | YYYY] [-H history.csv ...]\n"
"                        [-j state] [-L formats-dir] [-a name=amount ...]\n"
"                        [-O original.csv ...] [-s summary.csv]\n"
"                        [-o file] [results.csv ...]\n";

static const char options_text[] =
"\nOptions:\n"
"  -F, --form=FORM         the filing to write (us-941, us-w2-efw2, us-sui, ...)\n"
"  -c, --employer=FILE     the employer's settings (employer.yaml)\n"
"  -H, --history=FILE      earlier results of the year (wage bases, YTD)\n"
"  -h, --help              this text\n"
"  -j, --state=XX          the state of a state filing\n"
"  -L, --formats=DIR       the folder of form layouts\n"
"  -O, --original=FILE     the results as first filed (corrections: us-941x,\n"
"                          us-w2c-efw2c); the operands are the corrected ones\n"
"  -o, --output=FILE       write the filing there (default: standard output)\n"
"  -p YYYYQn | YYYY        the quarter or the year filed\n"
"      --quarter=YYYYQn    the quarter filed\n"
"      --year=YYYY         the year filed\n"
"  -r, --rules=PACK        a rule pack (repeat for several)\n"
"  -s, --summary=FILE      write the counts there (metric,value lines)\n"
"  -a, --value=NAME=AMOUNT a figure the results do not hold (deposits)\n"
"  -V, --version           the version\n";

static const struct option longopts[] = {
	{ "employer", required_argument, NULL, 'c' },
	{ "form", required_argument, NULL, 'F' },
	{ "formats", required_argument, NULL, 'L' },
	{ "help", no_argument, NULL, 'h' },
	{ "history", required_argument, NULL, 'H' },
	{ "original", required_argument, NULL, 'O' },
	{ "output", required_argument, NULL, 'o' },
	{ "quarter", required_argument, NULL, 'Q' },
	{ "rules", required_argument, NULL, 'r' },
	{ "state", required_argument, NULL, 'j' },
	{ "summary", required_argument, NULL, 's' },
	{ "value", required_argument, NULL, 'a' },
	{ "version", no_argument, NULL, 'V' },
	{ "year", required_argument, NULL, 'A' },
	{ NULL, 0, NULL, 0 }
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		fputs(options_text, fp);
	if (fp == stdout)
		fputs("\nWrites one filing for the authorities from payroll "
		    "results: forms are laid out\nin rules/formats/FORM/YEAR."
		    "yaml.  See authority-report(1) and docs/filings.md.\n",
		    fp);
	exit(status);
}

/* ------------------------------------------------------------------ */
/* Memory                                                             */
/* ------------------------------------------------------------------ */

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die(ST_SYSTEM, "out of memory");
	return p;
}

static void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		die(ST_SYSTEM, "out of memory");
	if ((p = realloc(p, n * size > 0 ? n * size : 1)) == NULL)
		die(ST_SYSTEM, "out of memory");
	return p;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		die(ST_SYSTEM, "out of memory");
	return p;
}

static char *
xstrndup(const char *s, size_t n)
{
	char *p = xcalloc(n + 1, 1);

	memcpy(p, s, n);
	return p;
}

/* A growing string. */
struct sbuf {
	char *p;
	size_t len, cap;
};

static void
sb_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sb_adds(struct sbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

static void
sb_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

/* ------------------------------------------------------------------ */
/* YAML (libyaml) into a small tree with places for diagnostics       */
/* ------------------------------------------------------------------ */

enum { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	int type;
	char *val;		/* scalars */
	const char *file;
	unsigned long line, col;
	struct ynode **kids;	/* a map holds key, value, key, value ... */
	size_t n, cap;
};

static _Noreturn void
yfail(const struct ynode *y, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static _Noreturn void
yfail(const struct ynode *y, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	die(ST_RULES, "%s:%lu:%lu: %s", y->file, y->line, y->col, msg);
}

static struct ynode *
ynew(int type, const char *file, const yaml_mark_t *m)
{
	struct ynode *y = xcalloc(1, sizeof(*y));

	y->type = type;
	y->file = file;
	y->line = (unsigned long)m->line + 1;
	y->col = (unsigned long)m->column + 1;
	return y;
}

static void
yadd(struct ynode *p, struct ynode *k)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->kids = xreallocarray(p->kids, p->cap, sizeof(*p->kids));
	}
	p->kids[p->n++] = k;
}

static struct ynode *
yload(const char *path)
{
	struct ynode *stack[64], *root = NULL, *n;
	yaml_parser_t p;
	yaml_event_t ev;
	FILE *fp;
	char *file;
	int depth = 0, done = 0;
	size_t i, j;

	if ((fp = fopen(path, "rb")) == NULL)
		/* A settings or layout file that is not there is a
		 * configuration error (3); a failing disk is the system's. */
		die(errno == ENOENT || errno == ENOTDIR || errno == EACCES ||
		    errno == EISDIR ? ST_RULES : ST_SYSTEM, "%s: %s", path,
		    strerror(errno));
	in_note(fileno(fp), path);
	file = xstrdup(path);
	if (!yaml_parser_initialize(&p))
		die(ST_SYSTEM, "out of memory");
	yaml_parser_set_input_file(&p, fp);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev))
			die_yaml(path, &p);
		n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_ALIAS_EVENT:
			die(ST_RULES, "%s:%lu:%lu: YAML aliases are not used "
			    "in layouts", path,
			    (unsigned long)ev.start_mark.line + 1,
			    (unsigned long)ev.start_mark.column + 1);
		case YAML_SCALAR_EVENT:
			n = ynew(Y_SCALAR, file, &ev.start_mark);
			n->val = xstrndup((const char *)ev.data.scalar.value,
			    ev.data.scalar.length);
			break;
		case YAML_SEQUENCE_START_EVENT:
			n = ynew(Y_SEQ, file, &ev.start_mark);
			break;
		case YAML_MAPPING_START_EVENT:
			n = ynew(Y_MAP, file, &ev.start_mark);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			n = stack[--depth];
			if (n->type == Y_MAP)
				for (i = 0; i < n->n; i += 2) {
					if (n->kids[i]->type != Y_SCALAR)
						yfail(n->kids[i], "a key must "
						    "be a plain name");
					for (j = 0; j < i; j += 2)
						if (strcmp(n->kids[i]->val,
						    n->kids[j]->val) == 0)
							yfail(n->kids[i],
							    "duplicate key "
							    "'%s'",
							    n->kids[i]->val);
				}
			n = NULL;
			break;
		default:
			break;
		}
		if (n != NULL) {
			if (depth == 0) {
				if (root != NULL)
					yfail(n, "one YAML document per "
					    "file");
				root = n;
			} else
				yadd(stack[depth - 1], n);
			if (n->type != Y_SCALAR) {
				if (depth == (int)(sizeof(stack) /
				    sizeof(stack[0])))
					yfail(n, "nested too deeply");
				stack[depth++] = n;
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	fclose(fp);
	if (root == NULL)
		die(ST_RULES, "%s: empty YAML file", path);
	return root;
}

static const struct ynode *
yget(const struct ynode *m, const char *key)
{
	size_t i;

	if (m == NULL || m->type != Y_MAP)
		return NULL;
	for (i = 0; i < m->n; i += 2)
		if (strcmp(m->kids[i]->val, key) == 0)
			return m->kids[i + 1];
	return NULL;
}

/* Dies when a map has a key outside the list. */
static void
ykeys(const struct ynode *m, const char *const *allowed, const char *what)
{
	size_t i, j;

	if (m->type != Y_MAP)
		yfail(m, "%s must be a mapping", what);
	for (i = 0; i < m->n; i += 2) {
		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(m->kids[i]->val, allowed[j]) == 0)
				break;
		if (allowed[j] == NULL)
			yfail(m->kids[i], "unknown key '%s' in %s",
			    m->kids[i]->val, what);
	}
}

static const char *
yscalar(const struct ynode *y, const char *what)
{
	if (y->type != Y_SCALAR)
		yfail(y, "%s must be a single value", what);
	return y->val;
}

/*
 * 1 when s matches re, 0 when not; out of memory is not a "no" (glibc's
 * regexec says REG_NOMATCH for it, but leaves errno at ENOMEM).
 */
static int
re_match(const regex_t *re, const char *s)
{
	int rc;

	errno = 0;
	rc = regexec(re, s, 0, NULL, 0);
	if (rc == REG_ESPACE || (rc != 0 && errno == ENOMEM))
		die(ST_SYSTEM, "out of memory");
	return rc == 0;
}

/* Compiles the extended regular expression y (a layout's field check). */
static void
re_compile(regex_t *re, const struct ynode *y, const char *what)
{
	int rc = regcomp(re, yscalar(y, what), REG_EXTENDED | REG_NOSUB);

	if (rc == REG_ESPACE)
		die(ST_SYSTEM, "out of memory");
	if (rc != 0)
		yfail(y, "bad regular expression");
}

static long
ylong(const struct ynode *y, const char *what, long min, long max)
{
	const char *s = yscalar(y, what);
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		yfail(y, "%s must be a whole number from %ld to %ld", what,
		    min, max);
	return v;
}

/* ------------------------------------------------------------------ */
/* Money in cents                                                     */
/* ------------------------------------------------------------------ */

static int
cents_add(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
}

static void
cents_format(int64_t c, char *buf, size_t size)
{
	uint64_t u = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;

	snprintf(buf, size, "%s%llu.%02llu", c < 0 ? "-" : "",
	    (unsigned long long)(u / 100), (unsigned long long)(u % 100));
}

/* Parses a money amount ("1234.5", "-3.00", "") into cents; "" is 0. */
static int
cents_parse(const char *s, size_t len, int64_t *out, const char **why)
{
	struct payroll_dec d;
	int st;

	*out = 0;
	if (len == 0)
		return 0;
	if (payroll_dec_parse(s, len, &d) != PAYROLL_OK) {
		*why = "not a plain decimal amount";
		return -1;
	}
	if ((st = payroll_dec_to_minor(d, 2, out)) != PAYROLL_OK) {
		*why = st == PAYROLL_EINVAL ? "more than 2 decimal places" :
		    "too large";
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Transliteration to the character set of a format                   */
/* ------------------------------------------------------------------ */

static iconv_t translit_cd = (iconv_t)-1;

/*
 * Appends s (UTF-8) to out as ASCII, each character outside ASCII
 * transliterated by iconv ("é" to "e", "ß" to "ss", "Ø" to "O").  Returns
 * 0, or -1 with the character that has no transliteration in bad.
 */
static int
translit(const char *s, struct sbuf *out, char *bad, size_t badsize)
{
	const unsigned char *p = (const unsigned char *)s;
	char ob[32];
	size_t n, il, ol;
	char *ip, *op;

	while (*p != '\0') {
		if (*p < 0x80) {
			sb_addn(out, (const char *)p, 1);
			p++;
			continue;
		}
		n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
		snprintf(bad, badsize, "%.*s", (int)n, (const char *)p);
		if (!payroll_utf8_valid((const char *)p, n))
			return -1;
		/* Every iconv has this conversion: failing is the system's. */
		if (translit_cd == (iconv_t)-1 &&
		    (translit_cd = iconv_open("ASCII//TRANSLIT", "UTF-8")) ==
		    (iconv_t)-1)
			die(ST_SYSTEM, "iconv from UTF-8 to ASCII//TRANSLIT: %s",
			    strerror(errno));
		ip = (char *)p;
		il = n;
		op = ob;
		ol = sizeof(ob) - 1;
		iconv(translit_cd, NULL, NULL, NULL, NULL);
		errno = 0;
		if (iconv(translit_cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    errno == ENOMEM)
			die(ST_SYSTEM, "iconv: %s", strerror(errno));
		if (il != 0 || op == ob ||
		    memchr(ob, '?', (size_t)(op - ob)) != NULL)
			return -1;
		sb_addn(out, ob, (size_t)(op - ob));
		p += n;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Results columns and employees                                      */
/* ------------------------------------------------------------------ */

struct column {
	char *name;
	int money;		/* summed */
	int text;		/* kept as text, from the employee's last row */
	int required;		/* some use needs the column */
	int seen;		/* some results file has it */
	int64_t month[3];	/* by month of the quarter of the pay date */
	int64_t omonth[3];	/* the same, of the original results */
};

static struct column *cols;
static size_t ncols, capcols;
static int cols_frozen;

static size_t
col_get(const char *name, int money, int required)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		if (strcmp(cols[i].name, name) == 0)
			break;
	if (i == ncols) {
		if (cols_frozen)
			die(ST_SYSTEM, "internal error: column '%s' added "
			    "late", name);
		if (ncols == capcols) {
			capcols = capcols ? capcols * 2 : 32;
			cols = xreallocarray(cols, capcols, sizeof(*cols));
		}
		memset(&cols[ncols], 0, sizeof(cols[0]));
		cols[ncols].name = xstrdup(name);
		ncols++;
	}
	if (money)
		cols[i].money = 1;
	else
		cols[i].text = 1;
	if (required)
		cols[i].required = 1;
	return i;
}

struct emp {
	char *id;
	int64_t *amt;		/* sums in the period, per column */
	int64_t *hist;		/* sums before the period in the year */
	char **text;		/* from the last row in the period */
	payroll_date last;	/* pay date of that row */
	const char *file;	/* and where it is */
	unsigned long line;
	unsigned covers;	/* bit k: a period covering covering[k] */
	int inperiod;		/* has a row in the period */
	int64_t futaq[4];	/* f940.c: FUTA payments by quarter */
	int64_t *orig;		/* corr.c: sums of the original results */
	int inorig;		/* has a row in the original results */
	unsigned ocovers;	/* covers, in the original results */
	payroll_date olast;	/* pay date of the last original row */
	size_t *loc;		/* local.c: its localities (lbk indices) */
	size_t nloc;
};

static struct emp **emps;	/* hash table, then a sorted array */
static size_t nemps, capemps;

static uint64_t
hashstr(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static struct emp *
emp_get(const char *id)
{
	size_t i, j;
	struct emp **old, *e;

	if (nemps * 2 >= capemps) {
		old = emps;
		j = capemps;
		capemps = capemps ? capemps * 2 : 1024;
		emps = xcalloc(capemps, sizeof(*emps));
		for (i = 0; i < j; i++)
			if (old[i] != NULL) {
				size_t k = hashstr(old[i]->id) &
				    (capemps - 1);

				while (emps[k] != NULL)
					k = (k + 1) & (capemps - 1);
				emps[k] = old[i];
			}
		free(old);
	}
	i = hashstr(id) & (capemps - 1);
	while (emps[i] != NULL) {
		if (strcmp(emps[i]->id, id) == 0)
			return emps[i];
		i = (i + 1) & (capemps - 1);
	}
	e = xcalloc(1, sizeof(*e));
	e->id = xstrdup(id);
	e->amt = xcalloc(ncols, sizeof(*e->amt));
	e->hist = xcalloc(ncols, sizeof(*e->hist));
	e->text = xcalloc(ncols, sizeof(*e->text));
	e->last = INT32_MIN;
	e->olast = INT32_MIN;
	emps[i] = e;
	nemps++;
	return e;
}

static int
emp_cmp(const void *a, const void *b)
{
	const struct emp *x = *(struct emp *const *)a;
	const struct emp *y = *(struct emp *const *)b;

	return strcmp(x->id, y->id);
}

/* Packs the table into an array sorted by employee_id. */
static void
emp_sort(void)
{
	size_t i, n = 0;

	for (i = 0; i < capemps; i++)
		if (emps[i] != NULL && (emps[i]->inperiod || emps[i]->inorig))
			emps[n++] = emps[i];
	nemps = n;
	qsort(emps, nemps, sizeof(*emps), emp_cmp);
}

/* ------------------------------------------------------------------ */
/* The run: options, period, employer, rules, states                  */
/* ------------------------------------------------------------------ */

enum { P_QUARTER, P_YEAR, P_PAYRUN };

static struct {
	const char *form;
	const char *layoutpath;
	struct ynode *layout;
	int kind;		/* K_FIXED, K_LINES, K_TABLE, K_XML */
	int ptype;		/* P_QUARTER, P_YEAR, P_PAYRUN */
	int taxyear;		/* the layout's tax year */
	int ys_month, ys_day;	/* first day of the tax year */
	payroll_date pstart, pend;	/* the period reported */
	payroll_date hstart;	/* history: from here to pstart - 1 */
	int have_period;
	int quarter;		/* 1-4 for P_QUARTER */
	struct ynode *employer;
	const char *employerpath;
	struct payroll_rules *rules;
	const char *rulepaths[MAXRULES];
	size_t nrules;
	char **states;		/* the layout's state codes */
	const struct ynode **statenodes;
	size_t nstates;
	int fixedstate;		/* -1, or the one state of the filing */
	const char *statearg;
	const char *values[64];	/* --value name=amount */
	size_t nvalues;
	int errors;		/* data errors found; nothing is written */
	payroll_date covering[16];	/* facts employees_covering_... */
	size_t ncovering;
} run = { .fixedstate = -1 };

enum { K_FIXED, K_LINES, K_TABLE, K_XML };

static void
date_str(payroll_date d, char *buf)
{
	payroll_date_format(d, buf, 11);
}

static payroll_date
tax_year_start(payroll_date d)
{
	int y, m, dd;
	payroll_date s;

	payroll_date_split(d, &y, &m, &dd);
	s = payroll_date_make(y, run.ys_month, run.ys_day);
	return d < s ? payroll_date_make(y - 1, run.ys_month, run.ys_day) :
	    s;
}

/* Sets the period to the quarter, year or pay run containing d. */
static void
period_from(payroll_date d)
{
	int y, m, dd, q;

	payroll_date_split(d, &y, &m, &dd);
	switch (run.ptype) {
	case P_QUARTER:
		q = (m - 1) / 3 + 1;
		run.quarter = q;
		run.pstart = payroll_date_make(y, q * 3 - 2, 1);
		run.pend = payroll_date_make(y, q * 3,
		    payroll_days_in_month(y, q * 3));
		break;
	case P_YEAR:
		run.pstart = payroll_date_make(y, 1, 1);
		run.pend = payroll_date_make(y, 12, 31);
		break;
	default:
		run.pstart = run.pend = d;
		break;
	}
	run.hstart = tax_year_start(run.pstart);
	run.have_period = 1;
}

static const char *
period_name(char *buf, size_t size)
{
	char a[11], b[11];
	int y, m, d;

	payroll_date_split(run.pstart, &y, &m, &d);
	if (run.ptype == P_QUARTER)
		snprintf(buf, size, "%dQ%d", y, run.quarter);
	else if (run.ptype == P_YEAR)
		snprintf(buf, size, "%d", y);
	else {
		date_str(run.pstart, a);
		date_str(run.pend, b);
		snprintf(buf, size, "the pay run of %s", a);
	}
	return buf;
}

/* A dotted path in employer.yaml, "{state}" standing for the state. */
static const struct ynode *
employer_get(const char *path, int state, char *full, size_t size)
{
	const struct ynode *y = run.employer;
	const char *p, *q;
	char key[128];

	full[0] = '\0';
	for (p = path; *p != '\0'; p = *q ? q + 1 : q) {
		q = strchr(p, '.');
		if (q == NULL)
			q = p + strlen(p);
		if ((size_t)(q - p) == 7 && strncmp(p, "{state}", 7) == 0 &&
		    state >= 0)
			snprintf(key, sizeof(key), "%s", run.states[state]);
		else
			snprintf(key, sizeof(key), "%.*s", (int)(q - p), p);
		if (full[0] != '\0')
			strncat(full, ".", size - strlen(full) - 1);
		strncat(full, key, size - strlen(full) - 1);
		y = yget(y, key);
		if (y == NULL)
			return NULL;
	}
	return y;
}

/* ------------------------------------------------------------------ */
/* Sources: where a field's value comes from                          */
/* ------------------------------------------------------------------ */

enum srckind {
	S_BLANK, S_CONST, S_EMPLOYER, S_COLUMN, S_SUM, S_TOTAL, S_COUNT,
	S_STATE, S_PERIOD, S_PARAM, S_ID, S_FLAG, S_LINE, S_LOCAL
};

/* Parts of the year an amount covers. */
enum { A_PERIOD = 1, A_HIST = 2, A_ORIG = 4 };

struct colset {
	size_t *c;
	size_t n;
};

struct record;

struct src {
	enum srckind kind;
	const struct ynode *node;
	const char *arg;
	const struct ynode *tags;	/* S_SUM by tags ({state} in them) */
	struct colset plain;		/* S_SUM by names; S_COLUMN */
	struct colset *bystate;		/* S_SUM by tags: [nstates + 1] */
	int parts;			/* A_PERIOD | A_HIST */
	int optional;
	struct record *rec;		/* S_TOTAL, S_COUNT */
	size_t fno;			/* S_TOTAL */
	struct src *less;		/* S_SUM: amounts taken off */
	size_t nless;
	int64_t base;			/* S_PARAM: cents */
	const struct ynode *map;	/* a value map applied to text */
};

enum { V_TEXT, V_AMOUNT, V_INT };

struct val {
	int type;
	int64_t amt;		/* cents, or a whole number */
	const char *text;
	char buf[64];
};

struct lbucket;

struct ectx {
	struct emp *e;		/* NULL: every employee */
	int state;		/* -1: none */
	const struct lbucket *loc;	/* local.c: a locality, or NULL */
};

/* local.c: local income taxes (a layout's 'localities'). */
struct item;
struct reader;
static void local_compile(void);
static void local_row(struct emp *e, struct reader *r);
static void local_each(struct item *it, const struct ectx *x);
static size_t local_groups(void);
static const struct lbucket *local_group(size_t k);
static int local_group_state(size_t k);
static void local_src_check(const struct ynode *v, const char *arg);
static int local_eval(const struct src *s, const struct ectx *x,
    struct val *v, char *why, size_t wsize);

static int uses_employer, uses_tags, uses_lines, uses_orig;
static int line_value(const char *name, char *buf, size_t size, int *money);

/* A dated parameter of the layout, in cents. */
static int64_t
param_cents(const char *name, const struct ynode *where)
{
	const struct ynode *params = yget(run.layout, "parameters");
	const struct ynode *p = yget(params, name), *vals, *v, *best = NULL;
	payroll_date d, bd = 0;
	int64_t c;
	size_t i;
	const char *why;

	if (p == NULL)
		yfail(where, "no parameter '%s' in the layout's "
		    "'parameters'", name);
	if (yget(p, "source") == NULL)
		yfail(p, "parameter '%s' has no 'source'", name);
	if ((vals = yget(p, "values")) == NULL) {
		if ((v = yget(p, "value")) == NULL)
			yfail(p, "parameter '%s' has no 'value' or 'values'",
			    name);
		best = v;
	} else {
		if (vals->type != Y_SEQ)
			yfail(vals, "'values' is a list of {from, value}");
		for (i = 0; i < vals->n; i++) {
			const struct ynode *f = yget(vals->kids[i], "from");

			v = yget(vals->kids[i], "value");
			if (f == NULL || v == NULL || payroll_date_parse(
			    yscalar(f, "from"), strlen(f->val), &d) != 0)
				yfail(vals->kids[i], "each value is {from: "
				    "YYYY-MM-DD, value: N}");
			if (d <= run.pend && (best == NULL || d > bd)) {
				best = v;
				bd = d;
			}
		}
		if (best == NULL)
			yfail(p, "parameter '%s' has no value in force for "
			    "the period", name);
	}
	if (cents_parse(yscalar(best, "value"), strlen(best->val), &c,
	    &why) != 0)
		yfail(best, "value of '%s': %s", name, why);
	return c;
}

static void
colset_add(struct colset *s, size_t c)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->c[i] == c)
			return;
	s->c = xreallocarray(s->c, s->n + 1, sizeof(*s->c));
	s->c[s->n++] = c;
}

/* The outputs of the rule packs that carry every tag (with {state}). */
static void
resolve_tags(struct src *s, int state, struct colset *out)
{
	char tag[160];
	const char *t;
	size_t i, j;
	int all;

	if (run.rules == NULL)
		return;
	for (i = 0; i < payroll_rules_noutputs(run.rules); i++) {
		all = 1;
		for (j = 0; j < s->tags->n && all; j++) {
			t = yscalar(s->tags->kids[j], "a tag");
			if (strstr(t, "{state}") != NULL) {
				if (state < 0)
					yfail(s->tags->kids[j], "'{state}' "
					    "outside a state's record");
				snprintf(tag, sizeof(tag), "%.*s%s%s",
				    (int)(strstr(t, "{state}") - t), t,
				    run.states[state],
				    strstr(t, "{state}") + 7);
				t = tag;
			}
			all = payroll_rules_output_has_tag(run.rules, i, t);
		}
		if (all)
			colset_add(out, col_get(payroll_rules_output_name(
			    run.rules, i), 1, 0));
	}
}

static struct record *find_record(const char *id, const struct ynode *where);
static size_t find_field(struct record *r, const char *name,
    const struct ynode *where);

static const char *const srckeys[] = { "const", "employer", "column", "sum",
    "ytd", "before", "tagged", "ytd_tagged", "before_tagged", "total",
    "count", "state", "period", "param", "employee", "flag", "line",
    "orig_sum", "orig_tagged", "local", NULL };

/* Compiles the source keys of a field (or attribute, or column). */
static void
src_compile(struct src *s, const struct ynode *f)
{
	const struct ynode *v = NULL, *o;
	const char *k = NULL;
	size_t i, j;

	memset(s, 0, sizeof(*s));
	s->node = f;
	s->kind = S_BLANK;
	if (f->type == Y_SCALAR) {
		s->kind = S_CONST;
		s->arg = f->val;
		return;
	}
	for (i = 0; srckeys[i] != NULL; i++)
		if ((o = yget(f, srckeys[i])) != NULL) {
			if (v != NULL)
				yfail(o, "a value has one source ('%s' and "
				    "'%s')", k, srckeys[i]);
			v = o;
			k = srckeys[i];
		}
	if ((o = yget(f, "optional")) != NULL)
		s->optional = strcmp(yscalar(o, "optional"), "true") == 0;
	s->map = yget(f, "map");
	if (s->map != NULL && s->map->type != Y_MAP)
		yfail(s->map, "'map' is a mapping of values");
	if (v == NULL)
		return;
	if (strcmp(k, "const") == 0) {
		s->kind = S_CONST;
		s->arg = yscalar(v, "const");
	} else if (strcmp(k, "employer") == 0) {
		s->kind = S_EMPLOYER;
		s->arg = yscalar(v, "employer");
		uses_employer = 1;
	} else if (strcmp(k, "flag") == 0) {
		const struct ynode *one[1] = { v };
		const struct ynode *const *lv = one;
		size_t nl = 1;

		s->kind = S_FLAG;
		if (v->type == Y_SEQ) {
			lv = (const struct ynode *const *)v->kids;
			nl = v->n;
		}
		s->less = xcalloc(nl, sizeof(*s->less));
		s->nless = nl;
		for (j = 0; j < nl; j++) {
			src_compile(&s->less[j], lv[j]);
			if (s->less[j].kind != S_SUM)
				yfail(lv[j], "'flag' takes sums of columns or "
				    "tags");
		}
	} else if (strcmp(k, "column") == 0) {
		s->kind = S_COLUMN;
		s->arg = yscalar(v, "column");
		colset_add(&s->plain, col_get(s->arg, 0, !s->optional));
	} else if (strcmp(k, "employee") == 0) {
		s->kind = S_ID;
	} else if (strcmp(k, "sum") == 0 || strcmp(k, "ytd") == 0 ||
	    strcmp(k, "before") == 0 || strcmp(k, "orig_sum") == 0) {
		s->kind = S_SUM;
		s->parts = k[0] == 's' ? A_PERIOD : k[0] == 'y' ?
		    A_PERIOD | A_HIST : k[0] == 'o' ? A_ORIG : A_HIST;
		if (k[0] == 'o')
			uses_orig = 1;
		if (v->type == Y_SCALAR)
			colset_add(&s->plain, col_get(v->val, 1,
			    !s->optional));
		else if (v->type == Y_SEQ)
			for (j = 0; j < v->n; j++)
				colset_add(&s->plain, col_get(yscalar(
				    v->kids[j], "a column"), 1,
				    !s->optional));
		else
			yfail(v, "'%s' is a column or a list of columns", k);
	} else if (strcmp(k, "tagged") == 0 || strcmp(k, "ytd_tagged") == 0 ||
	    strcmp(k, "before_tagged") == 0 || strcmp(k, "orig_tagged") == 0) {
		s->kind = S_SUM;
		s->parts = k[0] == 't' ? A_PERIOD : k[0] == 'y' ?
		    A_PERIOD | A_HIST : k[0] == 'o' ? A_ORIG : A_HIST;
		if (k[0] == 'o')
			uses_orig = 1;
		if (v->type != Y_SEQ || v->n == 0)
			yfail(v, "'%s' is a list of tags", k);
		s->tags = v;
		uses_tags = 1;
	} else if (strcmp(k, "total") == 0 || strcmp(k, "count") == 0) {
		const char *a = yscalar(v, k), *dot = strchr(a, '.');
		char rid[64];

		s->kind = k[1] == 'o' && k[2] == 't' ? S_TOTAL : S_COUNT;
		s->arg = a;
		if (s->kind == S_TOTAL) {
			if (dot == NULL)
				yfail(v, "'total' is RECORD.field");
			snprintf(rid, sizeof(rid), "%.*s", (int)(dot - a), a);
		} else
			snprintf(rid, sizeof(rid), "%s", a);
		/* count: employees - the employees the form covers (XML
		 * layouts have no records to count). */
		if (s->kind == S_COUNT && strcmp(a, "employees") == 0)
			s->rec = NULL;
		else
			s->rec = find_record(rid, v);
		if (s->kind == S_TOTAL)
			s->fno = find_field(s->rec, dot + 1, v);
	} else if (strcmp(k, "state") == 0) {
		s->kind = S_STATE;
		s->arg = yscalar(v, "state");
	} else if (strcmp(k, "period") == 0) {
		static const char *const pk[] = { "year", "mmyyyy", "start",
		    "end", "pay_date", "quarter", "tax_year", "tax_year_end",
		    "tax_month", "tax_week", NULL };

		s->kind = S_PERIOD;
		s->arg = yscalar(v, "period");
		for (j = 0; pk[j] != NULL; j++)
			if (strcmp(pk[j], s->arg) == 0)
				break;
		if (pk[j] == NULL)
			yfail(v, "unknown period fact '%s' (year, mmyyyy, "
			    "start, end, pay_date, quarter, tax_year, "
			    "tax_year_end, tax_month, tax_week)", s->arg);
	} else if (strcmp(k, "line") == 0) {
		/* An output of the layout's pack (an XML layout's figures
		 * that are formulas of sums, such as the EPS). */
		s->kind = S_LINE;
		s->arg = yscalar(v, "line");
		uses_lines = 1;
	} else if (strcmp(k, "local") == 0) {
		s->kind = S_LOCAL;
		s->arg = yscalar(v, "local");
		local_src_check(v, s->arg);
	} else if (strcmp(k, "param") == 0) {
		s->kind = S_PARAM;
		s->arg = yscalar(v, "param");
		s->base = param_cents(s->arg, v);
	}
	if ((s->kind == S_SUM || s->kind == S_TOTAL) &&
	    (o = yget(f, "less")) != NULL) {
		const struct ynode *one[1] = { o };
		const struct ynode *const *lv = one;
		size_t nl = 1;

		if (o->type == Y_SEQ) {
			lv = (const struct ynode *const *)o->kids;
			nl = o->n;
		}
		s->less = xcalloc(nl, sizeof(*s->less));
		s->nless = nl;
		for (j = 0; j < nl; j++) {
			src_compile(&s->less[j], lv[j]);
			if ((s->less[j].kind != S_SUM &&
			    s->less[j].kind != S_TOTAL) || s->less[j].nless > 0)
				yfail(lv[j], "'less' takes sums of columns or "
				    "tags, or totals");
			if (s->less[j].kind == S_SUM)
				s->less[j].parts = s->parts;
		}
	} else if ((o = yget(f, "less")) != NULL)
		yfail(o, "'less' goes with a sum or a total");
}

/* Resolves tags, once the rules and the layout's states are known. */
static void
src_bind(struct src *s)
{
	size_t i;

	for (i = 0; i < s->nless; i++)
		src_bind(&s->less[i]);
	if (s->tags == NULL || s->bystate != NULL)
		return;
	if (run.rules == NULL)
		yfail(s->tags, "this form needs the rule packs (--rules) to "
		    "find the columns tagged so");
	s->bystate = xcalloc(run.nstates + 1, sizeof(*s->bystate));
	for (i = 0; i < run.nstates; i++) {
		int st = 1;
		size_t j;

		/* Only states this source can name. */
		for (j = 0; j < s->tags->n; j++)
			if (strstr(s->tags->kids[j]->val, "{state}") != NULL)
				st = 0;
		if (st)
			break;
		resolve_tags(s, (int)i, &s->bystate[i]);
	}
	for (i = 0; i < s->tags->n; i++)
		if (strstr(s->tags->kids[i]->val, "{state}") != NULL)
			break;
	if (i == s->tags->n)
		resolve_tags(s, -1, &s->bystate[run.nstates]);
}

static const struct colset *
src_cols(const struct src *s, int state)
{
	if (s->tags == NULL)
		return &s->plain;
	if (s->bystate[run.nstates].n > 0 || state < 0)
		return &s->bystate[run.nstates];
	return &s->bystate[state];
}

static int64_t record_total(struct record *r, size_t f);
static int64_t src_amount(const struct src *s, const struct ectx *x);

static int64_t
amount_of(const struct src *s, const struct ectx *x, int parts)
{
	const struct colset *cs = src_cols(s, x->state);
	int64_t t = 0, v;
	size_t i, k;

	for (i = 0; i < cs->n; i++) {
		if (x->e != NULL) {
			v = 0;
			if (parts & A_PERIOD)
				v += x->e->amt[cs->c[i]];
			if (parts & A_HIST)
				v += x->e->hist[cs->c[i]];
			if ((parts & A_ORIG) && x->e->orig != NULL)
				v += x->e->orig[cs->c[i]];
			if (cents_add(t, v, &t) != 0)
				die(ST_DATA, "amount overflow");
		} else
			for (k = 0; k < nemps; k++) {
				v = 0;
				if (parts & A_PERIOD)
					v += emps[k]->amt[cs->c[i]];
				if (parts & A_HIST)
					v += emps[k]->hist[cs->c[i]];
				if ((parts & A_ORIG) && emps[k]->orig != NULL)
					v += emps[k]->orig[cs->c[i]];
				if (cents_add(t, v, &t) != 0)
					die(ST_DATA, "amount overflow");
			}
	}
	for (i = 0; i < s->nless; i++)
		if (cents_add(t, -src_amount(&s->less[i], x), &t) != 0)
			die(ST_DATA, "amount overflow");
	return t;
}

static unsigned long record_count(struct record *r);

/* A sum or a total, less what it says. */
static int64_t
src_amount(const struct src *s, const struct ectx *x)
{
	int64_t t;
	size_t i;

	if (s->kind == S_SUM)
		return amount_of(s, x, s->parts);
	t = record_total(s->rec, s->fno);
	for (i = 0; i < s->nless; i++)
		if (cents_add(t, -src_amount(&s->less[i], x), &t) != 0)
			die(ST_DATA, "amount overflow");
	return t;
}

/*
 * Evaluates a source.  Returns 0, or -1 with why set (a data error to
 * report with the employee's place).
 */
static int
src_eval(const struct src *s, const struct ectx *x, struct val *v,
    char *why, size_t wsize)
{
	const struct ynode *y;
	char full[256];
	int yy, m, d;

	memset(v, 0, sizeof(*v));
	v->type = V_TEXT;
	v->text = "";
	switch (s->kind) {
	case S_BLANK:
		break;
	case S_CONST:
		v->text = s->arg;
		break;
	case S_ID:
		v->text = x->e != NULL ? x->e->id : "";
		break;
	case S_EMPLOYER:
		/* The employer's settings are configuration: one missing
		 * is one message and status 3, not an error per record. */
		if (run.employer == NULL)
			die(ST_USAGE, "the %s filing needs the employer's "
			    "settings (-c employer.yaml)", run.form);
		y = employer_get(s->arg, x->state, full, sizeof(full));
		if (y == NULL || y->type != Y_SCALAR) {
			if (s->optional)
				break;
			die(ST_RULES, "%s: no '%s', which the %s filing needs: "
			    "add it to the employer's settings", run.employerpath,
			    full, run.form);
		}
		v->text = y->val;
		break;
	case S_COLUMN:
		if (x->e != NULL && x->e->text[s->plain.c[0]] != NULL)
			v->text = x->e->text[s->plain.c[0]];
		break;
	case S_SUM:
		v->type = V_AMOUNT;
		v->amt = amount_of(s, x, s->parts);
		break;
	case S_FLAG:
		v->text = "0";
		for (d = 0; d < (int)s->nless; d++)
			if (amount_of(&s->less[d], x, s->less[d].parts) != 0)
				v->text = "1";
		break;
	case S_PARAM:
		v->type = V_AMOUNT;
		v->amt = s->base;
		break;
	case S_LOCAL:
		if (local_eval(s, x, v, why, wsize) != 0)
			return -1;
		break;
	case S_LINE: {
		const char *w;
		int money;

		if (line_value(s->arg, v->buf, sizeof(v->buf), &money) != 0) {
			snprintf(why, wsize, "the layout's pack has no output "
			    "'%s'", s->arg);
			return -1;
		}
		v->text = v->buf;
		/* A money output (not info) is an amount, so that 'when:
		 * nonzero' and 'omit: zero' see it. */
		if (money && cents_parse(v->buf, strlen(v->buf), &v->amt,
		    &w) == 0)
			v->type = V_AMOUNT;
		break;
	}
	case S_TOTAL:
		v->type = V_AMOUNT;
		v->amt = src_amount(s, x);
		break;
	case S_COUNT:
		v->type = V_INT;
		v->amt = s->rec != NULL ? (int64_t)record_count(s->rec) :
		    (int64_t)nemps;
		break;
	case S_STATE:
		if (x->state < 0) {
			snprintf(why, wsize, "'state' outside a state's "
			    "record");
			return -1;
		}
		if (strcmp(s->arg, "code") == 0)
			v->text = run.states[x->state];
		else {
			y = yget(run.statenodes[x->state], s->arg);
			if (y == NULL || y->type != Y_SCALAR) {
				snprintf(why, wsize, "the layout's state '%s' "
				    "has no '%s'", run.states[x->state],
				    s->arg);
				return -1;
			}
			v->text = y->val;
		}
		break;
	case S_PERIOD:
		payroll_date_split(run.pend, &yy, &m, &d);
		if (strcmp(s->arg, "year") == 0)
			snprintf(v->buf, sizeof(v->buf), "%04d", yy);
		else if (strcmp(s->arg, "mmyyyy") == 0)
			snprintf(v->buf, sizeof(v->buf), "%02d%04d", m, yy);
		else if (strcmp(s->arg, "quarter") == 0)
			snprintf(v->buf, sizeof(v->buf), "%d", (m + 2) / 3);
		else if (strcmp(s->arg, "start") == 0)
			date_str(run.pstart, v->buf);
		else if (strcmp(s->arg, "end") == 0 ||
		    strcmp(s->arg, "pay_date") == 0)
			date_str(run.pend, v->buf);
		else {
			payroll_date ts = tax_year_start(run.pend), te;
			int ty, tm, td;

			payroll_date_split(ts, &ty, &tm, &td);
			te = payroll_date_add_months(ts, 12) - 1;
			if (strcmp(s->arg, "tax_year") == 0)
				snprintf(v->buf, sizeof(v->buf), "%02d-%02d",
				    ty % 100, (ty + 1) % 100);
			else if (strcmp(s->arg, "tax_year_end") == 0)
				date_str(te, v->buf);
			else if (strcmp(s->arg, "tax_week") == 0)
				snprintf(v->buf, sizeof(v->buf), "%d",
				    (run.pend - ts) / 7 + 1);
			else {
				/* Month 1 is the first day of the tax year to
				 * the day before the same day a month on. */
				int n = 1;

				while (payroll_date_add_months(ts, n) <=
				    run.pend)
					n++;
				snprintf(v->buf, sizeof(v->buf), "%d", n);
			}
		}
		v->text = v->buf;
		break;
	}
	if (s->map != NULL && v->type == V_TEXT) {
		y = yget(s->map, v->text);
		if (y == NULL) {
			snprintf(why, wsize, "value '%s' is not one the format "
			    "knows (%s:%lu: map)", v->text, s->map->file,
			    s->map->line);
			return -1;
		}
		v->text = yscalar(y, "a mapped value");
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Fields: a value formatted as the format wants it                   */
/* ------------------------------------------------------------------ */

enum { T_ALPHA, T_NUMERIC, T_MONEY, T_DIGITS, T_DECIMAL, T_INTEGER,
    T_DATE };
enum { CH_ERROR, CH_DROP, CH_SPACE };

struct field {
	const char *name;
	const struct ynode *node;
	int pos, len;		/* fixed width; len 0: free */
	int type;
	struct src src;
	const char *charset;	/* allowed bytes; NULL: printable ASCII */
	const char *dropset;	/* bytes dropped without a word */
	int other;		/* what to do with other characters */
	int upper;
	int required;
	int omit;		/* XML: 1 omit when empty, 2 when zero */
	int slice_from, slice_len;	/* a part of the value (1-based) */
	int has_re, has_notre;
	regex_t re, notre;
	const char *message;
	int64_t total;		/* over the records written */
};

/*
 * Expands a charset ("A-Z0-9 -'") to the string of its characters: a
 * hyphen between two letters or digits is a range, any other stands for
 * itself.
 */
static const char *
charset_expand(const struct ynode *y)
{
	const char *s = yscalar(y, "a charset");
	char *t = xcalloc(257, 1), *p = t;
	int c, a, b;

	for (; *s != '\0'; s++) {
		if (s[1] == '-' && isalnum((unsigned char)s[0]) &&
		    isalnum((unsigned char)s[2])) {
			a = (unsigned char)s[0];
			b = (unsigned char)s[2];
			for (c = a; c <= b; c++)
				if (strchr(t, c) == NULL)
					*p++ = (char)c;
			s += 2;
		} else if (strchr(t, *s) == NULL)
			*p++ = *s;
	}
	return t;
}

static void
field_compile(struct field *f, const struct ynode *y, int fixed)
{
	static const char *const keys[] = { "name", "pos", "len", "type",
	    "charset", "other", "upper", "required", "pattern", "reject",
	    "message", "omit", "optional", "map", "description", "const",
	    "employer", "column", "sum", "ytd", "before", "tagged",
	    "ytd_tagged", "before_tagged", "total", "count", "state",
	    "period", "param", "less", "employee", "flag", "slice", "attrs",
	    "line", "orig_sum", "orig_tagged", "local",
	    "children", "each", "when", "element", NULL };
	static const char *const types[] = { "alpha", "numeric", "money",
	    "digits", "decimal", "integer", "date", NULL };
	const struct ynode *o;
	const struct ynode *charsets = yget(run.layout, "charsets");
	size_t i;

	memset(f, 0, sizeof(*f));
	f->node = y;
	ykeys(y, keys, "a field");
	if ((o = yget(y, "name")) != NULL)
		f->name = yscalar(o, "name");
	else if ((o = yget(y, "element")) != NULL)
		f->name = yscalar(o, "element");
	else
		yfail(y, "a field needs a 'name'");
	if (fixed) {
		if ((o = yget(y, "pos")) == NULL || yget(y, "len") == NULL)
			yfail(y, "field '%s' needs 'pos' and 'len'", f->name);
		f->pos = (int)ylong(o, "pos", 1, 100000);
		f->len = (int)ylong(yget(y, "len"), "len", 1, 100000);
	}
	f->type = T_ALPHA;
	if ((o = yget(y, "type")) != NULL) {
		for (i = 0; types[i] != NULL; i++)
			if (strcmp(yscalar(o, "type"), types[i]) == 0)
				break;
		if (types[i] == NULL)
			yfail(o, "unknown type '%s' (alpha, numeric, money, "
			    "digits, decimal, integer, date)", o->val);
		f->type = (int)i;
	}
	f->upper = fixed;
	if ((o = yget(y, "upper")) != NULL)
		f->upper = strcmp(yscalar(o, "upper"), "true") == 0;
	if ((o = yget(y, "charset")) != NULL) {
		const struct ynode *cs = yget(charsets, yscalar(o,
		    "charset"));

		if (cs == NULL)
			yfail(o, "no charset '%s' in the layout's "
			    "'charsets'", o->val);
		if (cs->type == Y_MAP) {
			static const char *const ck[] = { "allow", "drop",
			    NULL };

			ykeys(cs, ck, "a charset");
			if (yget(cs, "allow") == NULL)
				yfail(cs, "a charset has 'allow'");
			f->charset = charset_expand(yget(cs, "allow"));
			if (yget(cs, "drop") != NULL)
				f->dropset = charset_expand(yget(cs, "drop"));
		} else
			f->charset = charset_expand(cs);
	}
	if ((o = yget(y, "other")) != NULL) {
		const char *v = yscalar(o, "other");

		if (strcmp(v, "error") == 0)
			f->other = CH_ERROR;
		else if (strcmp(v, "drop") == 0)
			f->other = CH_DROP;
		else if (strcmp(v, "space") == 0)
			f->other = CH_SPACE;
		else
			yfail(o, "'other' is error, drop or space");
	}
	if ((o = yget(y, "required")) != NULL)
		f->required = strcmp(yscalar(o, "required"), "true") == 0;
	if ((o = yget(y, "omit")) != NULL) {
		const char *v = yscalar(o, "omit");

		if (strcmp(v, "empty") == 0)
			f->omit = 1;
		else if (strcmp(v, "zero") == 0)
			f->omit = 2;
		else
			yfail(o, "'omit' is empty or zero");
	}
	if ((o = yget(y, "pattern")) != NULL) {
		re_compile(&f->re, o, "pattern");
		f->has_re = 1;
	}
	if ((o = yget(y, "reject")) != NULL) {
		re_compile(&f->notre, o, "reject");
		f->has_notre = 1;
	}
	if ((o = yget(y, "message")) != NULL)
		f->message = yscalar(o, "message");
	if ((o = yget(y, "slice")) != NULL) {
		if (o->type != Y_SEQ || o->n != 2)
			yfail(o, "'slice' is [first, length]");
		f->slice_from = (int)ylong(o->kids[0], "slice", 1, 100000);
		f->slice_len = (int)ylong(o->kids[1], "slice", 1, 100000);
	}
	src_compile(&f->src, y);
}

/*
 * Formats a field's value into out (unpadded for free fields, padded to
 * len for fixed ones).  Returns 0, or -1 with why.
 */
static int
field_format(struct field *f, const struct ectx *x, struct sbuf *out,
    int64_t *amount, int *empty, char *why, size_t wsize)
{
	struct val v;
	struct sbuf t = { 0 };
	char num[64], bad[8], vbuf[80];
	const char *vt;
	size_t i, n;
	int st = -1;

	*amount = 0;
	*empty = 0;
	sb_reset(out);
	if (src_eval(&f->src, x, &v, why, wsize) != 0)
		return -1;
	switch (f->type) {
	case T_MONEY:
	case T_DECIMAL:
	case T_INTEGER:
		if (v.type == V_TEXT) {
			const char *w;

			if (v.text[0] == '\0' && !f->required)
				v.amt = 0;
			else if (f->type == T_INTEGER) {
				char *end;
				long long ll;

				errno = 0;
				ll = strtoll(v.text, &end, 10);
				if (errno != 0 || *end != '\0' ||
				    end == v.text) {
					snprintf(why, wsize, "'%s' is not a "
					    "whole number", v.text);
					return -1;
				}
				v.amt = ll;
			} else if (cents_parse(v.text, strlen(v.text), &v.amt,
			    &w) != 0) {
				snprintf(why, wsize, "'%s': %s", v.text, w);
				return -1;
			}
			*empty = v.text[0] == '\0';
		}
		*amount = v.amt;
		if (f->type == T_INTEGER || v.type == V_INT)
			snprintf(num, sizeof(num), "%lld", (long long)v.amt);
		else if (f->type == T_DECIMAL || f->len == 0)
			cents_format(v.amt, num, sizeof(num));
		else {
			if (v.amt < 0) {
				cents_format(v.amt, num, sizeof(num));
				snprintf(why, wsize, "negative amount %s: the "
				    "format has no sign", num);
				return -1;
			}
			snprintf(num, sizeof(num), "%lld", (long long)v.amt);
		}
		if (f->len > 0) {
			if (num[0] == '-') {
				snprintf(why, wsize, "negative number %s: the "
				    "format has no sign", num);
				return -1;
			}
			if (strlen(num) > (size_t)f->len) {
				cents_format(v.amt, num, sizeof(num));
				snprintf(why, wsize, "amount %s does not fit "
				    "in %d digits", num, f->len);
				return -1;
			}
			for (i = strlen(num); i < (size_t)f->len; i++)
				sb_adds(out, "0");
		}
		sb_adds(out, num);
		return 0;
	default:
		break;
	}
	if (v.type != V_TEXT) {
		snprintf(v.buf, sizeof(v.buf), "%lld", (long long)v.amt);
		v.text = v.buf;
	}
	/* What a message shows of the value: a national id or a bank
	 * detail masked. */
	vt = f->src.kind == S_COLUMN ? show_value(f->src.arg, v.text,
	    strlen(v.text), vbuf, sizeof(vbuf)) : v.text;
	if (v.text[0] == '\0' && f->required) {
		if (f->src.kind == S_COLUMN)
			snprintf(why, wsize, "required, and column '%s' is "
			    "empty", f->src.arg);
		else
			snprintf(why, wsize, "required, and empty");
		return -1;
	}
	*empty = v.text[0] == '\0';
	if (translit(v.text, &t, bad, sizeof(bad)) != 0) {
		snprintf(why, wsize, "character '%s' in '%s' cannot be written "
		    "in this format and has no transliteration", bad, vt);
		goto done;
	}
	/* The character set, after transliteration and case. */
	for (i = 0, n = 0; i < t.len; i++) {
		unsigned char c = (unsigned char)t.p[i];

		if (f->type == T_DIGITS) {
			if (isdigit(c))
				t.p[n++] = (char)c;
			else if (c != '-' && c != ' ') {
				snprintf(why, wsize, "'%s' is not a number",
				    vt);
				goto done;
			}
			continue;
		}
		if (f->type == T_NUMERIC && !isdigit(c)) {
			snprintf(why, wsize, "'%s' is not a number", vt);
			goto done;
		}
		if (f->upper && c < 0x80)
			c = (unsigned char)toupper(c);
		if (f->dropset != NULL && strchr(f->dropset, c) != NULL)
			continue;
		if (c < 0x20 || c == 0x7f || (f->charset != NULL &&
		    strchr(f->charset, c) == NULL)) {
			if (f->other == CH_DROP)
				continue;
			if (f->other == CH_SPACE) {
				t.p[n++] = ' ';
				continue;
			}
			snprintf(why, wsize, "character '%c' in '%s' is not "
			    "allowed in this field", c >= 0x20 && c != 0x7f ?
			    c : '?', vt);
			goto done;
		}
		t.p[n++] = (char)c;
	}
	t.len = n;
	if (t.p != NULL)
		t.p[n] = '\0';
	else
		sb_adds(&t, "");
	/* Collapse what dropping left: no leading or trailing spaces and no
	 * runs of spaces in alphabetic fields. */
	if (f->type == T_ALPHA) {
		size_t j = 0;

		for (i = 0; i < t.len; i++)
			if (t.p[i] != ' ' || (j > 0 && t.p[j - 1] != ' '))
				t.p[j++] = t.p[i];
		while (j > 0 && t.p[j - 1] == ' ')
			j--;
		t.len = j;
		t.p[j] = '\0';
	}
	if (f->slice_from > 0) {
		size_t a = (size_t)f->slice_from - 1;

		if (a >= t.len)
			t.len = 0;
		else {
			memmove(t.p, t.p + a, t.len - a);
			t.len -= a;
			if (t.len > (size_t)f->slice_len)
				t.len = (size_t)f->slice_len;
		}
		t.p[t.len] = '\0';
	}
	if (t.len == 0 && f->required && v.text[0] != '\0') {
		snprintf(why, wsize, "'%s' has nothing this format can carry",
		    vt);
		goto done;
	}
	if (t.len > 0 || f->required) {
		if (f->has_re && !re_match(&f->re, t.p)) {
			snprintf(why, wsize, "'%s' %s", vt, f->message ?
			    f->message : "does not have the form the format "
			    "requires");
			goto done;
		}
		if (f->has_notre && re_match(&f->notre, t.p)) {
			snprintf(why, wsize, "'%s' %s", vt, f->message ?
			    f->message : "is a value the format rejects");
			goto done;
		}
	}
	if (f->type == T_DATE && t.len > 0) {
		payroll_date dd;

		if (payroll_date_parse(t.p, t.len, &dd) != 0) {
			snprintf(why, wsize, "'%s' is not a date (YYYY-MM-DD)",
			    vt);
			goto done;
		}
	}
	if (f->len > 0 && t.len > (size_t)f->len) {
		if (f->type != T_ALPHA) {
			snprintf(why, wsize, "'%s' is longer than %d",
			    vt, f->len);
			goto done;
		}
		t.len = (size_t)f->len;	/* names and addresses truncate */
		t.p[t.len] = '\0';
	}
	/* A number with no value (a ZIP code extension) stays blank. */
	if (f->len > 0 && (f->type == T_NUMERIC || f->type == T_DIGITS) &&
	    t.len > 0)
		for (i = t.len; i < (size_t)f->len; i++)
			sb_adds(out, "0");
	sb_addn(out, t.p, t.len);
	if (f->len > 0 && (t.len == 0 || (f->type != T_NUMERIC &&
	    f->type != T_DIGITS)))
		for (i = t.len; i < (size_t)f->len; i++)
			sb_adds(out, " ");
	st = 0;
done:
	free(t.p);
	return st;
}

/* Reports a data error for an employee (or the filing). */
static void
report(const struct ectx *x, const char *rec, const struct field *f,
    const char *why)
{
	char where[80] = "", id[80];

	if (f != NULL && f->len > 0)
		snprintf(where, sizeof(where), " (%s %d-%d)", rec, f->pos,
		    f->pos + f->len - 1);
	if (x->e != NULL)
		warnx_("%s:%lu: employee '%s': field '%s'%s: %s", x->e->file,
		    x->e->line, show_value("employee_id", x->e->id,
		    strlen(x->e->id), id, sizeof(id)), f ? f->name : "", where,
		    why);
	else
		warnx_("%s: field '%s'%s: %s", run.form, f ? f->name : "",
		    where, why);
	run.errors++;
}

/* ------------------------------------------------------------------ */
/* Fixed-width records (EFW2 and its state variants)                  */
/* ------------------------------------------------------------------ */

struct record {
	const char *id;
	const struct ynode *node;
	struct field *f;
	size_t nf;
	unsigned long count;
};

/* corr.c: 'when: changed', and how many such records were written. */
static int record_changed(const struct record *rec, const struct ectx *x);
static unsigned long nchanged_items, nchanged_written;

static struct record *records;
static size_t nrecords;
static int reclen;
static const char *recend = "\r\n";

static struct record *
find_record(const char *id, const struct ynode *where)
{
	size_t i;

	for (i = 0; i < nrecords; i++)
		if (strcmp(records[i].id, id) == 0)
			return &records[i];
	yfail(where, "no record '%s' in the layout", id);
}

static size_t
find_field(struct record *r, const char *name, const struct ynode *where)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		if (strcmp(r->f[i].name, name) == 0)
			return i;
	yfail(where, "record '%s' has no field '%s'", r->id, name);
}

static int64_t
record_total(struct record *r, size_t f)
{
	return r->f[f].total;
}

static unsigned long
record_count(struct record *r)
{
	return r->count;
}

enum { EACH_NONE, EACH_EMPLOYEE, EACH_STATE, EACH_LOCAL };
enum { W_ALWAYS, W_NONZERO, W_ANY, W_COND, W_IN, W_WITHIN, W_PRESENT,
	W_CHANGED };

struct item {
	struct record *rec;
	struct field *xml;	/* XML: the element */
	int each;
	int when;
	struct record *anyrec;
	struct src *cond;	/* W_COND: written when one is not zero */
	size_t ncond;
	size_t incol;		/* W_IN: the column whose value is listed */
	const struct ynode *inlist;
	size_t fromcol, tocol;	/* W_WITHIN: incol's date from..to */
	struct item *kids;
	size_t nkids;
	struct src *attrs;	/* XML: the attributes' values, compiled */
	const struct ynode *node;
};

static void
item_compile(struct item *it, const struct ynode *y, int xml);

static void
items_compile(struct item **out, size_t *n, const struct ynode *seq, int xml)
{
	size_t i;

	if (seq->type != Y_SEQ)
		yfail(seq, "a list of items");
	*n = seq->n;
	*out = xcalloc(seq->n, sizeof(**out));
	for (i = 0; i < seq->n; i++)
		item_compile(&(*out)[i], seq->kids[i], xml);
}

static void
item_compile(struct item *it, const struct ynode *y, int xml)
{
	static const char *const keys[] = { "record", "each", "when",
	    "records", NULL };
	const struct ynode *o;

	memset(it, 0, sizeof(*it));
	it->node = y;
	if (!xml)
		ykeys(y, keys, "a sequence item");
	if ((o = yget(y, "each")) != NULL) {
		const char *v = yscalar(o, "each");

		if (strcmp(v, "employee") == 0)
			it->each = EACH_EMPLOYEE;
		else if (strcmp(v, "state") == 0)
			it->each = EACH_STATE;
		else if (strcmp(v, "local") == 0)
			it->each = EACH_LOCAL;
		else
			yfail(o, "'each' is employee, state or local");
	}
	if ((o = yget(y, "when")) != NULL) {
		if (o->type == Y_SCALAR && strcmp(o->val, "nonzero") == 0)
			it->when = W_NONZERO;
		else if (o->type == Y_SCALAR && strcmp(o->val, "changed") == 0) {
			it->when = W_CHANGED;
			nchanged_items++;
		}
		else if (o->type == Y_MAP && yget(o, "any") != NULL) {
			it->when = W_ANY;
			it->anyrec = find_record(yscalar(yget(o, "any"),
			    "any"), o);
		} else if (o->type == Y_MAP && yget(o, "nonzero") != NULL) {
			const struct ynode *l = yget(o, "nonzero");
			size_t j;

			if (l->type != Y_SEQ)
				yfail(l, "'nonzero' is a list of sums");
			it->when = W_COND;
			it->ncond = l->n;
			it->cond = xcalloc(l->n, sizeof(*it->cond));
			for (j = 0; j < l->n; j++) {
				src_compile(&it->cond[j], l->kids[j]);
				if (it->cond[j].kind != S_SUM)
					yfail(l->kids[j], "'nonzero' takes "
					    "sums of columns or tags");
				src_bind(&it->cond[j]);
			}
		} else if (o->type == Y_MAP && yget(o, "column") != NULL &&
		    yget(o, "in") != NULL && yget(o, "in")->type == Y_SEQ) {
			const struct ynode *op = yget(o, "optional");

			it->when = W_IN;
			/* optional: true: a results file without the column
			 * is as one where it is empty. */
			it->incol = col_get(yscalar(yget(o, "column"),
			    "column"), 0, op == NULL ||
			    strcmp(yscalar(op, "optional"), "true") != 0);
			it->inlist = yget(o, "in");
		} else if (o->type == Y_MAP && yget(o, "column") != NULL &&
		    yget(o, "from") != NULL && yget(o, "to") != NULL) {
			/* A date column within two others (a starter: the
			 * hire date within the pay period); an empty or
			 * absent date is not within. */
			it->when = W_WITHIN;
			it->incol = col_get(yscalar(yget(o, "column"),
			    "column"), 0, 0);
			it->fromcol = col_get(yscalar(yget(o, "from"), "from"),
			    0, 1);
			it->tocol = col_get(yscalar(yget(o, "to"), "to"), 0, 1);
		} else if (o->type == Y_MAP && yget(o, "present") != NULL) {
			/* Written when the column is given (not empty); a
			 * results file without it is as one where it is
			 * empty. */
			it->when = W_PRESENT;
			it->incol = col_get(yscalar(yget(o, "present"),
			    "present"), 0, 0);
		} else
			yfail(o, "'when' is nonzero, changed, {any: RECORD}, "
			    "{nonzero: [sums]}, {column: NAME, in: [...]}, "
			    "{column: DATE, from: DATE, to: DATE} or "
			    "{present: COLUMN}");
	}
	if (xml) {
		const struct ynode *a = yget(y, "attrs");
		size_t j;

		it->xml = xcalloc(1, sizeof(*it->xml));
		field_compile(it->xml, y, 0);
		if (a != NULL && a->type != Y_MAP)
			yfail(a, "'attrs' is a mapping of names to values");
		if (a != NULL) {
			it->attrs = xcalloc(a->n / 2 + 1, sizeof(*it->attrs));
			for (j = 0; j + 1 < a->n; j += 2)
				src_compile(&it->attrs[j / 2], a->kids[j + 1]);
		}
		if ((o = yget(y, "children")) != NULL)
			items_compile(&it->kids, &it->nkids, o, 1);
		return;
	}
	if ((o = yget(y, "record")) != NULL)
		it->rec = find_record(yscalar(o, "record"), o);
	if ((o = yget(y, "records")) != NULL)
		items_compile(&it->kids, &it->nkids, o, 0);
	if ((it->rec == NULL) == (it->nkids == 0))
		yfail(y, "an item has a 'record' or a list of 'records'");
}

static void
records_compile(void)
{
	const struct ynode *recs = yget(run.layout, "records"), *o;
	char *cover;
	size_t i, j;
	int p;

	if (recs == NULL || recs->type != Y_MAP)
		yfail(run.layout, "a fixed-width layout has 'records'");
	if ((o = yget(run.layout, "record_length")) == NULL)
		yfail(run.layout, "a fixed-width layout has 'record_length'");
	reclen = (int)ylong(o, "record_length", 1, 100000);
	if ((o = yget(run.layout, "record_end")) != NULL) {
		const char *v = yscalar(o, "record_end");

		recend = strcmp(v, "crlf") == 0 ? "\r\n" : strcmp(v, "lf") ==
		    0 ? "\n" : strcmp(v, "none") == 0 ? "" : NULL;
		if (recend == NULL)
			yfail(o, "record_end is crlf, lf or none");
	}
	nrecords = recs->n / 2;
	records = xcalloc(nrecords, sizeof(*records));
	/* Names first, so that totals can name any record. */
	for (i = 0; i < nrecords; i++) {
		records[i].id = recs->kids[2 * i]->val;
		records[i].node = recs->kids[2 * i + 1];
	}
	cover = xcalloc((size_t)reclen, 1);
	for (i = 0; i < nrecords; i++) {
		struct record *r = &records[i];
		const struct ynode *fl = r->node;

		if (fl->type != Y_SEQ)
			yfail(fl, "record '%s' is a list of fields", r->id);
		r->nf = fl->n;
		r->f = xcalloc(fl->n, sizeof(*r->f));
		memset(cover, 0, (size_t)reclen);
		for (j = 0; j < fl->n; j++) {
			struct field *f = &r->f[j];

			field_compile(f, fl->kids[j], 1);
			if (f->pos + f->len - 1 > reclen)
				yfail(fl->kids[j], "field '%s' ends past the "
				    "record length %d", f->name, reclen);
			for (p = f->pos - 1; p < f->pos + f->len - 1; p++) {
				if (cover[p])
					yfail(fl->kids[j], "field '%s' "
					    "overlaps another at position %d",
					    f->name, p + 1);
				cover[p] = 1;
			}
		}
	}
	free(cover);
}


static FILE *outfp;

/* Whether any money field of the record is non-zero for x. */
static int
record_nonzero(struct record *r, const struct ectx *x)
{
	struct val v;
	char why[600];
	size_t i;

	for (i = 0; i < r->nf; i++)
		if (r->f[i].type == T_MONEY && src_eval(&r->f[i].src, x, &v,
		    why, sizeof(why)) == 0 && v.type != V_TEXT && v.amt != 0)
			return 1;
	return 0;
}

/*
 * Builds a record into buf and the money of each field into amts.
 * Returns 0, or -1 after reporting what is wrong.
 */
static int
record_build(struct record *r, const struct ectx *x, char *buf,
    int64_t *amts)
{
	struct sbuf v = { 0 };
	char why[600];
	size_t i;
	int bad = 0, empty;

	memset(buf, ' ', (size_t)reclen);
	for (i = 0; i < r->nf; i++) {
		struct field *f = &r->f[i];

		if (field_format(f, x, &v, &amts[i], &empty, why,
		    sizeof(why)) != 0) {
			report(x, r->id, f, why);
			bad = 1;
			continue;
		}
		memcpy(buf + f->pos - 1, v.p, (size_t)f->len);
	}
	free(v.p);
	return bad ? -1 : 0;
}

static void
record_write(struct record *r, const char *buf, const int64_t *amts)
{
	size_t i;

	r->count++;
	for (i = 0; i < r->nf; i++)
		if (r->f[i].type == T_MONEY && cents_add(r->f[i].total,
		    amts[i], &r->f[i].total) != 0)
			die(ST_DATA, "total of '%s' in %s records overflows",
			    r->f[i].name, r->id);
	if (run.errors > 0)
		return;		/* nothing is written after an error */
	if (fwrite(buf, 1, (size_t)reclen, outfp) != (size_t)reclen ||
	    fputs(recend, outfp) == EOF)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
}

static int
state_has(size_t s)
{
	return run.fixedstate < 0 || (int)s == run.fixedstate;
}

static void items_emit(struct item *its, size_t n, const struct ectx *x);

static int
item_cond(const struct item *it, const struct ectx *x)
{
	const char *v;
	size_t i;

	if (it->when == W_PRESENT)
		return x->e != NULL && x->e->text[it->incol] != NULL &&
		    x->e->text[it->incol][0] != '\0';
	if (it->when == W_WITHIN) {
		const char *a, *b;

		if (x->e == NULL)
			return 0;
		v = x->e->text[it->incol];
		a = x->e->text[it->fromcol];
		b = x->e->text[it->tocol];
		/* ISO dates (YYYY-MM-DD) compare as text. */
		return v != NULL && a != NULL && b != NULL && v[0] != '\0' &&
		    strcmp(a, v) <= 0 && strcmp(v, b) <= 0;
	}
	if (it->when == W_IN) {
		v = x->e != NULL && x->e->text[it->incol] != NULL ?
		    x->e->text[it->incol] : "";
		for (i = 0; i < it->inlist->n; i++)
			if (strcmp(it->inlist->kids[i]->val, v) == 0)
				return 1;
		return 0;
	}

	for (i = 0; i < it->ncond; i++)
		if (amount_of(&it->cond[i], x, it->cond[i].parts) != 0)
			return 1;
	return 0;
}

static void
item_emit_one(struct item *it, const struct ectx *x)
{
	char *buf;
	int64_t *amts;

	if (it->rec == NULL) {
		items_emit(it->kids, it->nkids, x);
		return;
	}
	if (it->when == W_ANY && it->anyrec->count == 0)
		return;
	if (it->when == W_NONZERO && !record_nonzero(it->rec, x))
		return;
	if (it->when == W_CHANGED && !record_changed(it->rec, x))
		return;
	if (it->when == W_CHANGED)
		nchanged_written++;
	if ((it->when == W_COND || it->when == W_IN ||
	    it->when == W_WITHIN || it->when == W_PRESENT) && !item_cond(it, x))
		return;
	buf = xcalloc((size_t)reclen + 1, 1);
	amts = xcalloc(it->rec->nf, sizeof(*amts));
	if (record_build(it->rec, x, buf, amts) == 0)
		record_write(it->rec, buf, amts);
	free(buf);
	free(amts);
}

static void
items_emit(struct item *its, size_t n, const struct ectx *x)
{
	struct ectx y;
	size_t i, k;

	for (i = 0; i < n; i++) {
		struct item *it = &its[i];

		y = *x;
		if (it->each == EACH_EMPLOYEE)
			for (k = 0; k < nemps; k++) {
				y.e = emps[k];
				item_emit_one(it, &y);
			}
		else if (it->each == EACH_STATE)
			for (k = 0; k < run.nstates; k++) {
				if (!state_has(k))
					continue;
				y.state = (int)k;
				item_emit_one(it, &y);
			}
		else if (it->each == EACH_LOCAL)
			local_each(it, &y);
		else
			item_emit_one(it, &y);
	}
}

/* ------------------------------------------------------------------ */
/* Lines of a form (941): the figures come from a rule pack           */
/* ------------------------------------------------------------------ */

/* A lines layout's 'group: COLUMN': the figures are worked out for each
 * value of the column (a tax office, a health fund) on its own. */
static int linegroup = -1;
static const char *linegroupval;

/* Whether employee k counts for the group being worked out. */
static int
in_group(size_t k)
{
	const char *v;

	if (linegroup < 0 || linegroupval == NULL)
		return 1;
	v = emps[k]->text[linegroup] != NULL ? emps[k]->text[linegroup] : "";
	return strcmp(v, linegroupval) == 0;
}

static struct payroll_rules *linerules;
static struct ynode *linepack;
static char *linepackpath;

/* f940.c: the FUTA facts of a year (Form 940, Schedule A). */
static void futa_compile(void);
static int futa_fact_known(const char *nm);
/* corr.c: the original results beside the corrected ones. */
struct reader;
static const int64_t *eamt(size_t k);
static int e_paid(size_t k);
static unsigned e_covers(size_t k);
static const int64_t *col_month(size_t c);
static void orig_row(struct reader *r, const char *id, payroll_date pd);
static void emit_lines_compare(struct payroll_csv_writer *w);
static int futa_fact(const char *nm, char *buf, size_t size);
static void futa_col(struct emp *e, size_t c, int64_t v, payroll_date pd);

static void
lines_compile(void)
{
	const struct ynode *o = yget(run.layout, "pack");
	const char *slash;
	size_t i, len;

	if (o == NULL)
		yfail(run.layout, "a lines layout names its 'pack'");
	slash = strrchr(run.layoutpath, '/');
	len = strlen(run.layoutpath) + strlen(yscalar(o, "pack")) + 2;
	linepackpath = xcalloc(len, 1);
	if (o->val[0] != '/' && slash != NULL)
		snprintf(linepackpath, len, "%.*s/%s", (int)(slash -
		    run.layoutpath), run.layoutpath, o->val);
	else
		snprintf(linepackpath, len, "%s", o->val);
	linepack = yload(linepackpath);
	futa_compile();
	o = yget(linepack, "inputs");
	/* The facts the pack takes: sums of columns and counts. */
	for (i = 0; o != NULL && i < o->n; i += 2) {
		const char *n = o->kids[i]->val;
		const struct ynode *dflt = yget(o->kids[i + 1], "default");
		int m, d;
		char col[128];

		if (futa_fact_known(n))
			continue;
		if (strncmp(n, "sum_m", 5) == 0 && n[5] >= '1' &&
		    n[5] <= '3' && n[6] == '_')
			col_get(n + 7, 1, dflt == NULL);
		else if (strncmp(n, "sum_", 4) == 0)
			col_get(n + 4, 1, dflt == NULL);
		else if (strncmp(n, "ytd_", 4) == 0)
			col_get(n + 4, 1, dflt == NULL);
		else if (sscanf(n, "employees_covering_month%d_day%d%127s",
		    &m, &d, col) == 2) {
			if (m < 1 || m > 3 || d < 1 || d > 31 ||
			    run.ncovering == 16)
				yfail(o->kids[i], "employees_covering_monthM_"
				    "dayD: M is a month of the quarter, 1-3");
			run.covering[run.ncovering++] = payroll_date_make(
			    0, 1, 1);	/* set when the period is known */
		}
	}
	col_get("period_start", 0, 1);
	col_get("period_end", 0, 1);
	if ((o = yget(run.layout, "group")) != NULL)
		linegroup = (int)col_get(yscalar(o, "group"), 0, 0);
}

static const char *
value_arg(const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < run.nvalues; i++)
		if (strncmp(run.values[i], name, n) == 0 &&
		    run.values[i][n] == '=')
			return run.values[i] + n + 1;
	return NULL;
}

static struct payroll_calc *linecalc;

/*
 * Evaluates the layout's pack once, on the facts of the results: sums of
 * columns over the period (sum_COLUMN, sum_mN_COLUMN) or over the tax
 * year to date, history included (ytd_COLUMN), counts of employees, the
 * tax month, and --value NAME=AMOUNT.
 */
static struct payroll_calc *
lines_calc(void)
{
	struct payroll_run pr;
	struct payroll_calc *calc;
	struct payroll_diag diag;
	const char **names, **fields;
	size_t *lens, n, i, k, cov = 0;
	char **bufs;
	int st;

	memset(&pr, 0, sizeof(pr));
	if (payroll_period_make(PAYROLL_FREQ_QUARTERLY, run.pstart,
	    &pr.period) != 0)
		pr.period.start = run.pstart;
	pr.period.end = run.pend;
	pr.period.pay_date = run.pend;
	payroll_diag_clear(&diag);
	if ((st = payroll_rules_load((const char *const *)&linepackpath, 1,
	    &pr, &linerules, &diag)) != 0)
		die_diag(status_of(st), &diag);
	n = payroll_rules_ninputs(linerules);
	names = xcalloc(n, sizeof(*names));
	fields = xcalloc(n, sizeof(*fields));
	lens = xcalloc(n, sizeof(*lens));
	bufs = xcalloc(n, sizeof(*bufs));
	for (i = 0; i < n; i++) {
		const char *nm = payroll_rules_input_name(linerules, i), *a;
		int64_t t = 0;
		int m, d;
		char rest[8];

		names[i] = nm;
		bufs[i] = xcalloc(64, 1);
		if ((a = value_arg(nm)) != NULL)
			snprintf(bufs[i], 64, "%s", a);
		else if (futa_fact(nm, bufs[i], 64))
			;
		else if (strncmp(nm, "sum_m", 5) == 0 && nm[5] >= '1' &&
		    nm[5] <= '3' && nm[6] == '_') {
			size_t c = col_get(nm + 7, 1, 0);

			if (cols[c].seen)
				cents_format(col_month(c)[nm[5] - '1'],
				    bufs[i], 64);
		} else if (strncmp(nm, "sum_", 4) == 0) {
			size_t c = col_get(nm + 4, 1, 0);

			for (k = 0; k < nemps; k++)
				if (in_group(k) && cents_add(t, eamt(k)[c],
				    &t) != 0)
					die(ST_DATA, "total of '%s' overflows",
					    nm + 4);
			if (cols[c].seen)
				cents_format(t, bufs[i], 64);
		} else if (strncmp(nm, "ytd_", 4) == 0) {
			size_t c = col_get(nm + 4, 1, 0);

			for (k = 0; k < nemps; k++)
				if (in_group(k) && (cents_add(t, eamt(k)[c],
				    &t) != 0 ||
				    cents_add(t, emps[k]->hist[c], &t) != 0))
					die(ST_DATA, "total of '%s' overflows",
					    nm + 4);
			if (cols[c].seen)
				cents_format(t, bufs[i], 64);
		} else if (strcmp(nm, "tax_month") == 0) {
			payroll_date ts = tax_year_start(run.pend);
			int tm = 1;

			while (payroll_date_add_months(ts, tm) <= run.pend)
				tm++;
			snprintf(bufs[i], 64, "%d", tm);
		} else if (strcmp(nm, "employees") == 0) {
			for (k = 0; k < nemps; k++)
				if (in_group(k) && e_paid(k) && (linegroup <
				    0 || emps[k]->inperiod))
					t++;
			snprintf(bufs[i], 64, "%lld", (long long)t);
		}
		else if (sscanf(nm, "employees_covering_month%d_day%d%7s",
		    &m, &d, rest) == 2) {
			for (k = 0; k < nemps; k++)
				if (in_group(k) && (e_covers(k) &
				    (1u << cov)))
					t++;
			cov++;
			snprintf(bufs[i], 64, "%lld", (long long)t);
		} else if (yget(yget(yget(linepack, "inputs"), nm),
		    "default") == NULL)
			die(ST_USAGE, "%s: input '%s': not a fact this tool "
			    "computes (sum_COLUMN, sum_mN_COLUMN, ytd_COLUMN, "
			    "employees, employees_covering_monthM_dayD, "
			    "tax_month), and no --value "
			    "%s=AMOUNT gave it", linepackpath, nm, nm);
		fields[i] = bufs[i];
		lens[i] = strlen(bufs[i]);
	}
	if ((st = payroll_calc_new(linerules, names, n, &calc, &diag)) != 0)
		die_diag(st == PAYROLL_ENOMEM ? ST_SYSTEM : ST_RULES, &diag);
	if (payroll_calc_begin(calc, fields, lens, n, &diag) != 0 ||
	    payroll_calc_run(calc, &diag) != 0) {
		char msg[700];

		payroll_diag_format(&diag, msg, sizeof(msg));
		die(ST_DATA, "the form's figures cannot be computed: %s", msg);
	}
	for (i = 0; i < n; i++)
		free(bufs[i]);
	free(bufs);
	free(names);
	free(fields);
	free(lens);
	return calc;
}

/* The text of an output of the layout's pack; -1 when it has none. */
static int
line_value(const char *name, char *buf, size_t size, int *money)
{
	size_t i;

	if (linecalc == NULL)
		linecalc = lines_calc();
	for (i = 0; i < payroll_calc_noutputs(linecalc); i++)
		if (strcmp(payroll_calc_output_name(linecalc, i), name) == 0) {
			payroll_calc_output_format(linecalc, i, buf, size);
			*money = payroll_calc_output_kind(linecalc, i) !=
			    PAYROLL_K_INFO;
			return 0;
		}
	return -1;
}

/* Writes one group's lines (group NULL: the whole results). */
static void
emit_lines_group(struct payroll_csv_writer *w, const char *group)
{
	struct payroll_calc *calc;
	const struct ynode *outs;
	char amt[80];
	size_t i;

	linegroupval = group;
	calc = lines_calc();
	outs = yget(linepack, "outputs");
	for (i = 0; i < payroll_calc_noutputs(calc); i++) {
		const char *nm = payroll_calc_output_name(calc, i);
		const struct ynode *d;
		enum payroll_kind kd = payroll_calc_output_kind(calc, i);

		if (kd == PAYROLL_K_GROSS || kd == PAYROLL_K_NET)
			continue;
		d = yget(yget(outs, nm), "description");
		payroll_calc_output_format(calc, i, amt, sizeof(amt));
		if ((group != NULL && payroll_csv_puts(w, group) != 0) ||
		    payroll_csv_puts(w, strncmp(nm, "line_", 5) == 0 ?
		    nm + 5 : nm) != 0 ||
		    payroll_csv_puts(w, d != NULL ? d->val : "") != 0 ||
		    payroll_csv_puts(w, amt) != 0 ||
		    payroll_csv_endrec(w) != 0)
			die(ST_SYSTEM, "write error: %s", strerror(errno));
	}
	payroll_calc_free(calc);
	payroll_rules_free(linerules);
	linegroupval = NULL;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

#include "f940.c"

static void
emit_lines(void)
{
	struct payroll_csv_writer w = { .fp = outfp };
	const char **groups;

	if (yget(run.layout, "compare") != NULL) {
		emit_lines_compare(&w);
		return;
	}
	size_t i, k, ng = 0;

	if ((linegroup >= 0 && payroll_csv_puts(&w, yscalar(yget(run.layout,
	    "group"), "group")) != 0) ||
	    payroll_csv_puts(&w, "line") != 0 ||
	    payroll_csv_puts(&w, "description") != 0 ||
	    payroll_csv_puts(&w, "amount") != 0 || payroll_csv_endrec(&w) != 0)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
	if (yget(run.layout, "compare") != NULL) {
		emit_lines_compare(&w);
		return;
	}
	if (linegroup < 0) {
		futa_emit_head(&w);
		emit_lines_group(&w, NULL);
		futa_emit_schedule_a(&w);
		return;
	}
	/* Each value of the group column among the period's employees, in
	 * byte order. */
	groups = xcalloc(nemps + 1, sizeof(*groups));
	for (k = 0; k < nemps; k++) {
		const char *v = emps[k]->text[linegroup] != NULL ?
		    emps[k]->text[linegroup] : "";

		if (!emps[k]->inperiod)
			continue;
		for (i = 0; i < ng; i++)
			if (strcmp(groups[i], v) == 0)
				break;
		if (i == ng)
			groups[ng++] = v;
	}
	qsort(groups, ng, sizeof(*groups), strp_cmp);
	for (i = 0; i < ng; i++)
		emit_lines_group(&w, groups[i]);
	free(groups);
}

/* ------------------------------------------------------------------ */
/* Tables (CSV, one row per state or per employee)                    */
/* ------------------------------------------------------------------ */

static struct field *tcols;
static size_t ntcols;
static int tablerows;		/* EACH_STATE, EACH_EMPLOYEE, EACH_LOCAL */

static void
table_compile(void)
{
	const struct ynode *c = yget(run.layout, "columns"), *o;
	size_t i;

	if (c == NULL || c->type != Y_SEQ)
		yfail(run.layout, "a table layout has a list of 'columns'");
	ntcols = c->n;
	tcols = xcalloc(c->n, sizeof(*tcols));
	for (i = 0; i < c->n; i++)
		field_compile(&tcols[i], c->kids[i], 0);
	tablerows = EACH_STATE;
	if ((o = yget(run.layout, "rows")) != NULL) {
		if (strcmp(yscalar(o, "rows"), "employee") == 0)
			tablerows = EACH_EMPLOYEE;
		else if (strcmp(o->val, "local") == 0)
			tablerows = EACH_LOCAL;
		else if (strcmp(o->val, "state") != 0)
			yfail(o, "'rows' is state, employee or local");
	}
}

static void
emit_table(void)
{
	struct payroll_csv_writer w = { .fp = outfp };
	struct sbuf v = { 0 };
	struct ectx x = { NULL, -1, NULL };
	char why[600];
	int64_t amt;
	size_t i, k, nrows;
	int empty, nonzero;

	for (i = 0; i < ntcols; i++)
		src_bind(&tcols[i].src);
	for (i = 0; i < ntcols; i++)
		if (payroll_csv_puts(&w, tcols[i].name) != 0)
			die(ST_SYSTEM, "write error: %s", strerror(errno));
	if (payroll_csv_endrec(&w) != 0)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
	nrows = tablerows == EACH_STATE ? run.nstates : tablerows ==
	    EACH_LOCAL ? local_groups() : nemps;
	for (k = 0; k < nrows; k++) {
		if (tablerows == EACH_LOCAL) {
			/* A locality's row: every employee's amounts there. */
			x.loc = local_group(k);
			x.state = local_group_state(k);
		} else if (tablerows == EACH_STATE) {
			if (!state_has(k))
				continue;
			x.state = (int)k;
		} else {
			x.e = emps[k];
			x.state = run.fixedstate;
		}
		/* A state row only where the state has an amount. */
		nonzero = 0;
		for (i = 0; i < ntcols; i++) {
			struct val vv;

			if (tcols[i].type == T_MONEY && src_eval(&tcols[i].src,
			    &x, &vv, why, sizeof(why)) == 0 &&
			    vv.type != V_TEXT && vv.amt != 0)
				nonzero = 1;
		}
		if (!nonzero && tablerows != EACH_EMPLOYEE)
			continue;
		for (i = 0; i < ntcols; i++) {
			if (field_format(&tcols[i], &x, &v, &amt, &empty, why,
			    sizeof(why)) != 0) {
				report(&x, "", &tcols[i], why);
				continue;
			}
			if (payroll_csv_put(&w, v.p, v.len) != 0)
				die(ST_SYSTEM, "write error: %s",
				    strerror(errno));
		}
		if (payroll_csv_endrec(&w) != 0)
			die(ST_SYSTEM, "write error: %s", strerror(errno));
	}
	free(v.p);
}

/* ------------------------------------------------------------------ */
/* XML                                                                */
/* ------------------------------------------------------------------ */

static struct item xroot;

static void
xml_escape(const char *s, size_t n, int attr)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&':
			fputs("&amp;", outfp);
			break;
		case '<':
			fputs("&lt;", outfp);
			break;
		case '>':
			fputs("&gt;", outfp);
			break;
		case '"':
			fputs(attr ? "&quot;" : "\"", outfp);
			break;
		case '\'':
			fputs(attr ? "&apos;" : "'", outfp);
			break;
		default:
			fputc(s[i], outfp);
		}
}

static void
xml_bind(struct item *it)
{
	const struct ynode *a = yget(it->node, "attrs");
	size_t i;

	src_bind(&it->xml->src);
	for (i = 0; a != NULL && i + 1 < a->n; i += 2)
		src_bind(&it->attrs[i / 2]);
	for (i = 0; i < it->nkids; i++)
		xml_bind(&it->kids[i]);
}

/* Whether an element (or one of its children) has a non-zero amount. */
static int
xml_nonzero(struct item *it, const struct ectx *x)
{
	struct val v;
	char why[600];
	size_t i;

	if ((it->xml->type == T_MONEY || it->xml->type == T_DECIMAL) &&
	    src_eval(&it->xml->src, x, &v, why, sizeof(why)) == 0 &&
	    v.type != V_TEXT && v.amt != 0)
		return 1;
	for (i = 0; i < it->nkids; i++)
		if (xml_nonzero(&it->kids[i], x))
			return 1;
	return 0;
}

static void xml_items(struct item *its, size_t n, const struct ectx *x,
    int depth);

static void
xml_one(struct item *it, const struct ectx *x, int depth)
{
	const struct ynode *a = yget(it->node, "attrs");
	struct sbuf v = { 0 };
	struct val av;
	char why[600];
	int64_t amt;
	size_t i;
	int empty;

	if (it->when == W_NONZERO && !xml_nonzero(it, x))
		return;
	if ((it->when == W_COND || it->when == W_IN ||
	    it->when == W_WITHIN || it->when == W_PRESENT) && !item_cond(it, x))
		return;
	if (it->nkids == 0 && it->xml->src.kind != S_BLANK) {
		if (field_format(it->xml, x, &v, &amt, &empty, why,
		    sizeof(why)) != 0) {
			report(x, "", it->xml, why);
			free(v.p);
			return;
		}
		if ((it->xml->omit == 1 && empty) ||
		    (it->xml->omit == 2 && amt == 0 &&
		    (it->xml->type == T_MONEY || it->xml->type == T_DECIMAL ||
		    it->xml->type == T_INTEGER))) {
			free(v.p);
			return;
		}
	}
	fprintf(outfp, "%*s<%s", depth * 2, "", it->xml->name);
	for (i = 0; a != NULL && i < a->n; i += 2) {
		if (src_eval(&it->attrs[i / 2], x, &av, why,
		    sizeof(why)) != 0) {
			report(x, "", it->xml, why);
			continue;
		}
		/* An attribute whose value is empty is left out (an
		 * optional XML attribute: TaxRegime for the rest of the
		 * UK). */
		if (av.type == V_TEXT && av.text[0] == '\0')
			continue;
		fprintf(outfp, " %s=\"", a->kids[i]->val);
		xml_escape(av.text, strlen(av.text), 1);
		fputc('"', outfp);
	}
	if (it->nkids > 0) {
		fputs(">\n", outfp);
		xml_items(it->kids, it->nkids, x, depth + 1);
		fprintf(outfp, "%*s</%s>\n", depth * 2, "", it->xml->name);
	} else if (it->xml->src.kind == S_BLANK)
		fputs("/>\n", outfp);
	else {
		fputc('>', outfp);
		xml_escape(v.p, v.len, 0);
		fprintf(outfp, "</%s>\n", it->xml->name);
	}
	free(v.p);
}

static void
xml_items(struct item *its, size_t n, const struct ectx *x, int depth)
{
	struct ectx y;
	size_t i, k;

	for (i = 0; i < n; i++) {
		y = *x;
		if (its[i].each == EACH_EMPLOYEE)
			for (k = 0; k < nemps; k++) {
				y.e = emps[k];
				xml_one(&its[i], &y, depth);
			}
		else if (its[i].each == EACH_STATE)
			for (k = 0; k < run.nstates; k++) {
				if (!state_has(k))
					continue;
				y.state = (int)k;
				xml_one(&its[i], &y, depth);
			}
		else
			xml_one(&its[i], &y, depth);
	}
}

static void
emit_xml(void)
{
	struct ectx x = { NULL, run.fixedstate, NULL };

	xml_bind(&xroot);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", outfp);
	xml_items(&xroot, 1, &x, 0);
	if (ferror(outfp))
		die(ST_SYSTEM, "write error: %s", strerror(errno));
}

/* ------------------------------------------------------------------ */
/* Results in                                                         */
/* ------------------------------------------------------------------ */

static struct paidset paid, opaid;

/* Rows read from the results and from the history files (--summary). */
static unsigned long nrows, nhistrows;

struct reader {
	struct progress pg;	/* on a terminal only */
	const char *path;
	FILE *fp;
	struct payroll_csv *csv;
	size_t nf;
	char **names;
	int *map;		/* per column: field index, or -1 */
	int id, pd, ps, pe;
	int history;
	/* The first row, read before the columns were all known. */
	char **first;
	unsigned long firstline;
};

static int
name_index(struct reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		if (strcmp(r->names[i], name) == 0)
			return (int)i;
	return -1;
}

static void
reader_open(struct reader *r, const char *path, int history)
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	size_t i, j;
	int st;

	memset(r, 0, sizeof(*r));
	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	r->history = history;
	r->path = path != NULL && strcmp(path, "-") != 0 ? path : "<stdin>";
	r->fp = in_open(path);
	if (payroll_csv_open(r->fp, r->path, &opts, &r->csv) != 0)
		die(ST_SYSTEM, "out of memory");
	payroll_diag_clear(&diag);
	if ((st = payroll_csv_read(r->csv, &diag)) == PAYROLL_EOF)
		die(ST_DATA, "%s: empty results file: no header", r->path);
	if (st != PAYROLL_OK)
		die_diag(status_of(st), &diag);
	r->nf = payroll_csv_nfields(r->csv);
	r->names = xcalloc(r->nf, sizeof(*r->names));
	for (i = 0; i < r->nf; i++) {
		r->names[i] = xstrdup(payroll_csv_field(r->csv, i, NULL));
		for (j = 0; j < i; j++)
			if (strcmp(r->names[i], r->names[j]) == 0)
				die(ST_DATA, "%s:1: duplicate column '%s'",
				    r->path, r->names[i]);
	}
	if ((r->id = name_index(r, "employee_id")) < 0)
		die(ST_DATA, "%s:1: no column 'employee_id': not a results "
		    "file", r->path);
	if ((r->pd = name_index(r, "pay_date")) < 0)
		die(ST_DATA, "%s:1: no column 'pay_date': not a results file",
		    r->path);
	r->ps = name_index(r, "period_start");
	r->pe = name_index(r, "period_end");
	progress_start(&r->pg, 0, r->fp);
}

/* Reads the next row; returns 0 at the end. */
static int
reader_next(struct reader *r)
{
	struct payroll_diag diag;
	int st;

	payroll_diag_clear(&diag);
	st = payroll_csv_read(r->csv, &diag);
	if (st == PAYROLL_EOF)
		return 0;
	if (st != PAYROLL_OK)
		die_diag(status_of(st), &diag);
	progress_tick(&r->pg);
	if (r->history)
		nhistrows++;
	else
		nrows++;
	if (payroll_csv_nfields(r->csv) != r->nf)
		die(ST_DATA, "%s:%lu: %zu fields where the header has %zu",
		    r->path, payroll_csv_line(r->csv),
		    payroll_csv_nfields(r->csv), r->nf);
	return 1;
}

static const char *
rfield(struct reader *r, size_t i)
{
	if (r->first != NULL)
		return r->first[i];
	return payroll_csv_field(r->csv, i, NULL);
}

static unsigned long
rline(struct reader *r)
{
	return r->first != NULL ? r->firstline : payroll_csv_line(r->csv);
}

static void
reader_keep_first(struct reader *r)
{
	size_t i;

	r->first = xcalloc(r->nf, sizeof(*r->first));
	for (i = 0; i < r->nf; i++)
		r->first[i] = xstrdup(payroll_csv_field(r->csv, i, NULL));
	r->firstline = payroll_csv_line(r->csv);
}

static payroll_date
row_date(struct reader *r, int col, const char *what)
{
	const char *s = rfield(r, (size_t)col);
	payroll_date d;

	if (payroll_date_parse(s, strlen(s), &d) != 0)
		die(ST_DATA, "%s:%lu: field '%s': '%s' is not a date "
		    "(YYYY-MM-DD)", r->path, rline(r), what, s);
	return d;
}

static void
reader_bind(struct reader *r)
{
	size_t c;

	r->map = xcalloc(ncols, sizeof(*r->map));
	for (c = 0; c < ncols; c++) {
		r->map[c] = name_index(r, cols[c].name);
		if (r->map[c] >= 0)
			cols[c].seen = 1;
	}
}

/* The employee's text columns (names, ids, address) and place, from row
 * r: the row that speaks for him. */
static void
emp_take_row(struct emp *e, struct reader *r)
{
	size_t c;

	for (c = 0; c < ncols; c++) {
		if (!cols[c].text)
			continue;
		free(e->text[c]);
		e->text[c] = r->map[c] >= 0 ?
		    xstrdup(rfield(r, (size_t)r->map[c])) : NULL;
	}
	e->file = r->path;
	e->line = rline(r);
}

static void
row_take(struct reader *r)
{
	const char *id = rfield(r, (size_t)r->id), *why, *s;
	payroll_date pd = row_date(r, r->pd, "pay_date"), ps, pe;
	char a[11], b[11], pn[40];
	struct emp *e;
	int64_t v;
	size_t c, k;
	int y, m, d;

	if (id[0] == '\0')
		die(ST_DATA, "%s:%lu: field 'employee_id': empty", r->path,
		    rline(r));
	/* Results given twice (the period's or the history's) would be
	 * counted twice. */
	if (paidset_add(r->history == 2 ? &opaid : &paid, r->path, rline(r),
	    id, strlen(id), pd))
		return;
	if (r->history == 2) {
		orig_row(r, id, pd);
		return;
	}
	if (r->history) {
		if (pd < run.hstart || pd >= run.pstart) {
			date_str(run.hstart, a);
			date_str(run.pstart - 1, b);
			die(ST_DATA, "%s:%lu: field 'pay_date': %s is not in "
			    "%s to %s: history must be earlier results of "
			    "the same tax year", r->path, rline(r),
			    rfield(r, (size_t)r->pd), a, b);
		}
	} else if (pd < run.pstart || pd > run.pend)
		die(ST_DATA, "%s:%lu: field 'pay_date': %s is outside %s: "
		    "results from another %s cannot go into this filing "
		    "(earlier results of the year go in with --history)",
		    r->path, rline(r), rfield(r, (size_t)r->pd),
		    period_name(pn, sizeof(pn)), run.ptype == P_QUARTER ?
		    "quarter" : run.ptype == P_YEAR ? "year" : "pay date");
	e = emp_get(id);
	for (c = 0; c < ncols; c++) {
		if (r->map[c] < 0)
			continue;
		s = rfield(r, (size_t)r->map[c]);
		if (cols[c].money) {
			if (cents_parse(s, strlen(s), &v, &why) != 0)
				die(ST_DATA, "%s:%lu: field '%s': '%s': %s",
				    r->path, rline(r), cols[c].name, s, why);
			if (cents_add(r->history ? e->hist[c] : e->amt[c], v,
			    r->history ? &e->hist[c] : &e->amt[c]) != 0)
				die(ST_DATA, "%s:%lu: field '%s': sum "
				    "overflows", r->path, rline(r),
				    cols[c].name);
			if (!r->history) {
				futa_col(e, c, v, pd);
				payroll_date_split(pd, &y, &m, &d);
				m = (m - 1) % 3;
				if (cents_add(cols[c].month[m], v,
				    &cols[c].month[m]) != 0)
					die(ST_DATA, "sum overflows");
			}
		}
	}
	if (r->history)
		return;
	e->inperiod = 1;
	local_row(e, r);
	if (pd >= e->last) {
		/* Names and addresses from the employee's last row. */
		emp_take_row(e, r);
		e->last = pd;
	}
	if (run.ncovering > 0) {
		if (r->ps < 0 || r->pe < 0)
			die(ST_DATA, "%s:1: no columns 'period_start' and "
			    "'period_end'", r->path);
		ps = row_date(r, r->ps, "period_start");
		pe = row_date(r, r->pe, "period_end");
		for (k = 0; k < run.ncovering; k++)
			if (ps <= run.covering[k] && run.covering[k] <= pe)
				e->covers |= 1u << k;
	}
}

static void
reader_close(struct reader *r)
{
	size_t i;

	progress_done(&r->pg);
	payroll_csv_free(r->csv);
	in_close(r->fp);
	for (i = 0; i < r->nf; i++) {
		free(r->names[i]);
		if (r->first != NULL)
			free(r->first[i]);
	}
	free(r->names);
	free(r->first);
	free(r->map);
}

#include "corr.c"
#include "local.c"

/* ------------------------------------------------------------------ */
/* Layout files                                                       */
/* ------------------------------------------------------------------ */

static const char *
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
static char *
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

static void
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

static void
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

static struct item *fixed_items;
static size_t nfixed_items;

static void
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

/* ------------------------------------------------------------------ */
/* main                                                               */
/* ------------------------------------------------------------------ */

static int
parse_period_opt(const char *q, const char *y)
{
	char *end;
	long yy, qq = 0;

	if (q != NULL) {
		if (run.ptype != P_QUARTER)
			die(ST_USAGE, "form '%s' is not quarterly: use --year "
			    "or no period", run.form);
		errno = 0;
		yy = strtol(q, &end, 10);
		if (errno != 0 || end != q + 4 || (end[0] != 'Q' &&
		    end[0] != 'q') || end[1] < '1' || end[1] > '4' ||
		    end[2] != '\0' || yy < 1900)
			die(ST_USAGE, "bad quarter '%s' (YYYYQn, e.g. 2026Q4)",
			    q);
		qq = end[1] - '0';
		period_from(payroll_date_make((int)yy, (int)qq * 3, 1));
		return (int)yy;
	}
	if (y != NULL) {
		if (run.ptype == P_PAYRUN)
			die(ST_USAGE, "form '%s' reports one pay run: no "
			    "--year", run.form);
		errno = 0;
		yy = strtol(y, &end, 10);
		if (errno != 0 || end != y + 4 || *end != '\0' || yy < 1900)
			die(ST_USAGE, "bad year '%s' (YYYY)", y);
		if (run.ptype == P_QUARTER)
			die(ST_USAGE, "form '%s' is quarterly: use --quarter",
			    run.form);
		period_from(payroll_date_make((int)yy, 1, 1));
		return (int)yy;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *quarter = NULL, *year = NULL, *outpath = NULL;
	const char *fmtopt = NULL, *dir, *hist[MAXFILES], *origs[MAXFILES];
	struct reader r;
	struct outfile of;
	struct payroll_run pr;
	struct payroll_diag diag;
	size_t nhist = 0, norig = 0, i, k;
	const char *sumpath = NULL;
	int ch, st, y, m, d, taxyear;
	char *cs;

	common_init(argc, argv);
	paidset_init(&paid);
	paidset_init(&opaid);
	/* Transliteration (iconv //TRANSLIT) follows LC_CTYPE; numbers
	 * never go through the locale. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "C.utf8") == NULL)
		die(ST_SYSTEM, "the locale C.UTF-8 cannot be set (is it "
		    "installed? is memory short?): names with accents could "
		    "not be transliterated");
	while ((ch = getopt_long(argc, argv, "a:c:F:H:hj:L:O:o:p:r:s:V",
	    longopts, NULL)) != -1)
		switch (ch) {
		case 'c':
			run.employerpath = optarg;
			break;
		case 'F':
			run.form = optarg;
			break;
		case 's':
			sumpath = optarg;
			break;
		case 'H':
			if (nhist == MAXFILES)
				die(ST_USAGE, "too many history files");
			hist[nhist++] = optarg;
			break;
		case 'h':
			usage(stdout, ST_OK);
		case 'O':
			if (norig == MAXFILES)
				die(ST_USAGE, "too many original files");
			origs[norig++] = optarg;
			break;
		case 'L':
			fmtopt = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'p':
			/* The period filed: a quarter (2026Q4) or a year. */
			if (strchr(optarg, 'Q') != NULL)
				quarter = optarg;
			else
				year = optarg;
			break;
		case 'Q':
			quarter = optarg;
			break;
		case 'r':
			if (run.nrules == MAXRULES)
				die(ST_USAGE, "too many rule packs");
			run.rulepaths[run.nrules++] = rule_path(optarg);
			break;
		case 'j':
			run.statearg = optarg;
			break;
		case 'V':
			printf("authority-report %s\n", PAYROLL_VERSION);
			return ST_OK;
		case 'a':
			if (run.nvalues == sizeof(run.values) /
			    sizeof(run.values[0]))
				die(ST_USAGE, "too many --value options");
			if ((cs = strchr(optarg, '=')) == NULL ||
			    cs == optarg)
				die(ST_USAGE, "bad --value '%s' (NAME=AMOUNT)",
				    optarg);
			run.values[run.nvalues++] = optarg;
			break;
		case 'A':
			year = optarg;
			break;
		default:
			usage(stderr, ST_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (run.form == NULL) {
		warnx_("-F (--form) is required: the filing to write");
		usage(stderr, ST_USAGE);
	}
	if (quarter != NULL && year != NULL)
		die(ST_USAGE, "a quarter or a year (-p), not both");
	for (i = 0; run.form[i] != '\0'; i++)
		if (!islower((unsigned char)run.form[i]) &&
		    !isdigit((unsigned char)run.form[i]) && run.form[i] != '-')
			die(ST_USAGE, "bad form name '%s'", run.form);
	dir = formats_dir(progpath, fmtopt);
	if (run.employerpath != NULL)
		run.employer = yload(run.employerpath);

	/* The first row tells the period (when no option does) and the
	 * date the rule packs are loaded for. */
	reader_open(&r, argc > 0 ? argv[0] : NULL, 0);
	if (!reader_next(&r))
		die(ST_DATA, "%s: no results rows: nothing to file", r.path);
	reader_keep_first(&r);
	{
		payroll_date fd = row_date(&r, r.pd, "pay_date");

		payroll_date_split(fd, &y, &m, &d);
		/* The layout is chosen for the tax year; the head alone
		 * says how the period is counted. */
		taxyear = y;
		if (quarter != NULL || year != NULL)
			taxyear = atoi(quarter != NULL ? quarter : year);
		layout_head(dir, taxyear);
		if (run.ys_month != 1 || run.ys_day != 1) {
			/* A tax year named by the year it starts in. */
			if (fd < payroll_date_make(y, run.ys_month,
			    run.ys_day))
				taxyear = y - 1;
			char *p = layout_path(dir, run.form, taxyear);

			if (strcmp(run.layoutpath, p) != 0)
				run.layout = yload(run.layoutpath = p);
			else
				free(p);
		}
		if (parse_period_opt(quarter, year) == 0)
			period_from(fd);
		layout_check_year(taxyear);
		memset(&pr, 0, sizeof(pr));
		pr.period.freq = PAYROLL_FREQ_MONTHLY;
		pr.period.start = pr.period.end = pr.period.pay_date = fd;
		if (run.nrules > 0 && (st = payroll_rules_load(run.rulepaths,
		    run.nrules, &pr, &run.rules, &diag)) != 0)
			die_diag(status_of(st), &diag);
		mask_columns_of(run.rules);
	}
	layout_compile();
	if ((uses_orig || yget(run.layout, "compare") != NULL) && norig == 0)
		die(ST_USAGE, "form '%s' corrects a filing: give the results "
		    "as first filed with --original (the operands are the "
		    "corrected ones)", run.form);
	if (norig > 0 && !uses_orig && yget(run.layout, "compare") == NULL)
		die(ST_USAGE, "form '%s' takes no --original results",
		    run.form);
	if (yget(run.layout, "history") != NULL && nhist == 0 &&
	    run.pstart > run.hstart)
		die(ST_USAGE, "form '%s' reports figures to date: give the "
		    "earlier results of the tax year with --history (a "
		    "results file with only its header when there are none)",
		    run.form);
	for (k = 0; k < run.ncovering; k++) {
		/* employees_covering_monthM_dayD, in the pack's order. */
		const struct ynode *in = yget(linepack, "inputs");
		size_t j, n = 0;

		for (j = 0; in != NULL && j < in->n; j += 2) {
			int mm, dd;
			char rest[8];

			if (sscanf(in->kids[j]->val,
			    "employees_covering_month%d_day%d%7s", &mm, &dd,
			    rest) == 2 && n++ == k) {
				payroll_date_split(run.pstart, &y, &m, &d);
				run.covering[k] = payroll_date_make(y,
				    m + mm - 1, dd);
			}
		}
	}
	cols_frozen = 1;

	/* The period's rows, then the history. */
	for (i = 0; i < (size_t)(argc > 0 ? argc : 1); i++) {
		if (i > 0)
			reader_open(&r, argv[i], 0);
		reader_bind(&r);
		if (i == 0) {
			row_take(&r);
			for (k = 0; k < r.nf; k++)
				free(r.first[k]);
			free(r.first);
			r.first = NULL;
		}
		while (reader_next(&r))
			row_take(&r);
		reader_close(&r);
	}
	for (i = 0; i < nhist; i++) {
		reader_open(&r, hist[i], 1);
		reader_bind(&r);
		while (reader_next(&r))
			row_take(&r);
		reader_close(&r);
	}
	for (i = 0; i < norig; i++) {
		reader_open(&r, origs[i], 2);
		reader_bind(&r);
		while (reader_next(&r))
			row_take(&r);
		reader_close(&r);
	}
	if (opaid.ndup > 0)
		die(ST_DATA, "%lu payment%s given twice in the original "
		    "results: no filing written", opaid.ndup, opaid.ndup == 1 ?
		    "" : "s");
	paidset_release(&opaid);
	if (paid.ndup > 0)
		die(ST_DATA, "%lu payment%s given twice in the results: no "
		    "filing written", paid.ndup, paid.ndup == 1 ? "" : "s");
	paidset_release(&paid);
	for (i = 0; i < ncols; i++)
		if (cols[i].required && !cols[i].seen)
			die(ST_DATA, "no results file has the column '%s' that "
			    "form '%s' needs", cols[i].name, run.form);
	emp_sort();

	/* A device or a pipe named with -o (/dev/full) is written in
	 * place, /dev/stdout spooled: out_open() knows. */
	outfp = out_open(&of, outpath);
	/* A form's lines are the employer's figures, no one's personal
	 * data: the umask's mode.  Files with employee records: 0600. */
	if (run.kind == K_LINES)
		out_public(&of);
	switch (run.kind) {
	case K_FIXED:
		{
			struct ectx x = { NULL, run.fixedstate, NULL };

			items_emit(fixed_items, nfixed_items, &x);
		}
		break;
	case K_LINES:
		emit_lines();
		break;
	case K_TABLE:
		emit_table();
		break;
	case K_XML:
		emit_xml();
		break;
	}
	if (run.errors > 0)
		die(ST_DATA, "%d error%s: no filing written", run.errors,
		    run.errors == 1 ? "" : "s");
	if (nchanged_items > 0 && nchanged_written == 0)
		die(ST_DATA, "the corrected results change nothing that form "
		    "'%s' reports: no correction to file", run.form);
	sumfile_open(sumpath);
	sumfile_put("form", "%s", run.form);
	sumfile_put("results_rows", "%lu", nrows);
	sumfile_put("history_rows", "%lu", nhistrows);
	sumfile_put("employees", "%zu", nemps);
	out_commit_all_or_die();
	payroll_rules_free(run.rules);
	if (translit_cd != (iconv_t)-1)
		iconv_close(translit_cd);
	return ST_OK;
}
