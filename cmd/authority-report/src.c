/*
 * authority-report: sources: where a field's value comes from (a constant,
 * the employer, a column, a sum of columns or tagged outputs, a total, a
 * line of the layout's pack ...) and their evaluation.
 */
#include <string.h>

#include "ar.h"

/* local.c: local income taxes (a layout's 'localities'). */

int uses_employer, uses_lines, uses_orig;
static int uses_tags;

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

void
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

/* A source that is one node or a list of them: its length and items. */
static size_t
list_len(const struct ynode *v)
{
	return v->type == Y_SEQ ? v->n : 1;
}

static const struct ynode *
list_item(const struct ynode *v, size_t j)
{
	return v->type == Y_SEQ ? v->kids[j] : v;
}

/*
 * The source keys: one compiler per kind of source.  parts is what the
 * sums add up (this period, the history before it, the original file's).
 */
struct srckey {
	const char *key;
	void (*compile)(struct src *s, const struct ynode *v,
	    const struct srckey *sk);
	int parts;
};

/* const: the text itself. */
static void
compile_const(struct src *s, const struct ynode *v, const struct srckey *sk)
{
	s->kind = S_CONST;
	s->arg = yscalar(v, "const");
}

/* employer: a key of the employer's settings. */
static void
compile_employer(struct src *s, const struct ynode *v,
    const struct srckey *sk)
{
	s->kind = S_EMPLOYER;
	s->arg = yscalar(v, "employer");
	uses_employer = 1;
}

/* flag: 1 when one of the sums it lists is not zero. */
static void
compile_flag(struct src *s, const struct ynode *v, const struct srckey *sk)
{
	size_t j, nl = list_len(v);

	s->kind = S_FLAG;
	s->less = xcalloc(nl, sizeof(*s->less));
	s->nless = nl;
	for (j = 0; j < nl; j++) {
		src_compile(&s->less[j], list_item(v, j));
		if (s->less[j].kind != S_SUM)
			yfail(list_item(v, j), "'flag' takes sums of columns "
			    "or tags");
	}
}

/* column: a results column's text. */
static void
compile_column(struct src *s, const struct ynode *v, const struct srckey *sk)
{
	s->kind = S_COLUMN;
	s->arg = yscalar(v, "column");
	colset_add(&s->plain, col_get(s->arg, 0, !s->optional));
}

/* employee: the employee's id. */
static void
compile_employee(struct src *s, const struct ynode *v,
    const struct srckey *sk)
{
	s->kind = S_ID;
}

/* sum, ytd, before, orig_sum: a column or a list of columns, added. */
static void
compile_sum(struct src *s, const struct ynode *v, const struct srckey *sk)
{
	size_t j;

	s->kind = S_SUM;
	s->parts = sk->parts;
	if (sk->parts == A_ORIG)
		uses_orig = 1;
	if (v->type == Y_SCALAR)
		colset_add(&s->plain, col_get(v->val, 1, !s->optional));
	else if (v->type == Y_SEQ)
		for (j = 0; j < v->n; j++)
			colset_add(&s->plain, col_get(yscalar(v->kids[j],
			    "a column"), 1, !s->optional));
	else
		yfail(v, "'%s' is a column or a list of columns", sk->key);
}

/* tagged, ytd_tagged, before_tagged, orig_tagged: outputs by tags. */
static void
compile_tagged(struct src *s, const struct ynode *v, const struct srckey *sk)
{
	s->kind = S_SUM;
	s->parts = sk->parts;
	if (sk->parts == A_ORIG)
		uses_orig = 1;
	if (v->type != Y_SEQ || v->n == 0)
		yfail(v, "'%s' is a list of tags", sk->key);
	s->tags = v;
	uses_tags = 1;
}

/* total: RECORD.field over the file; count: RECORD, or employees. */
static void
compile_total_count(struct src *s, const struct ynode *v,
    const struct srckey *sk)
{
	const char *a = yscalar(v, sk->key), *dot = strchr(a, '.');
	char rid[64];

	s->kind = strcmp(sk->key, "total") == 0 ? S_TOTAL : S_COUNT;
	s->arg = a;
	if (s->kind == S_TOTAL) {
		if (dot == NULL)
			yfail(v, "'total' is RECORD.field");
		snprintf(rid, sizeof(rid), "%.*s", (int)(dot - a), a);
	} else
		snprintf(rid, sizeof(rid), "%s", a);
	/* count: employees - the employees the form covers (XML layouts
	 * have no records to count). */
	if (s->kind == S_COUNT && strcmp(a, "employees") == 0)
		s->rec = NULL;
	else
		s->rec = find_record(rid, v);
	if (s->kind == S_TOTAL)
		s->fno = find_field(s->rec, dot + 1, v);
}

/* state: a key of the layout's state (code: its own code). */
static void
compile_state(struct src *s, const struct ynode *v, const struct srckey *sk)
{
	s->kind = S_STATE;
	s->arg = yscalar(v, "state");
}

/* period: a fact of the period or of its tax year. */
static void
compile_period(struct src *s, const struct ynode *v, const struct srckey *sk)
{
	static const char *const pk[] = { "year", "mmyyyy", "start",
	    "end", "pay_date", "quarter", "tax_year", "tax_year_end",
	    "tax_month", "tax_week", NULL };
	size_t j;

	s->kind = S_PERIOD;
	s->arg = yscalar(v, "period");
	for (j = 0; pk[j] != NULL; j++)
		if (strcmp(pk[j], s->arg) == 0)
			break;
	if (pk[j] == NULL)
		yfail(v, "unknown period fact '%s' (year, mmyyyy, "
		    "start, end, pay_date, quarter, tax_year, "
		    "tax_year_end, tax_month, tax_week)", s->arg);
}

/* line: an output of the layout's pack (an XML layout's figures that
 * are formulas of sums, such as the EPS). */
static void
compile_line(struct src *s, const struct ynode *v, const struct srckey *sk)
{
	s->kind = S_LINE;
	s->arg = yscalar(v, "line");
	if (yget(run.layout, "pack") == NULL)
		yfail(v, "'line: %s' is an output of the layout's pack, and "
		    "this layout has no 'pack'", s->arg);
	uses_lines = 1;
}

/* local: a figure of a local income tax (local.c). */
static void
compile_local(struct src *s, const struct ynode *v, const struct srckey *sk)
{
	s->kind = S_LOCAL;
	s->arg = yscalar(v, "local");
	local_src_check(v, s->arg);
}

/* param: a dated parameter of the layout, in cents. */
static void
compile_param(struct src *s, const struct ynode *v, const struct srckey *sk)
{
	s->kind = S_PARAM;
	s->arg = yscalar(v, "param");
	s->base = param_cents(s->arg, v);
}

static const struct srckey srckeys[] = {
	{ "const", compile_const, 0 },
	{ "employer", compile_employer, 0 },
	{ "column", compile_column, 0 },
	{ "sum", compile_sum, A_PERIOD },
	{ "ytd", compile_sum, A_PERIOD | A_HIST },
	{ "before", compile_sum, A_HIST },
	{ "tagged", compile_tagged, A_PERIOD },
	{ "ytd_tagged", compile_tagged, A_PERIOD | A_HIST },
	{ "before_tagged", compile_tagged, A_HIST },
	{ "total", compile_total_count, 0 },
	{ "count", compile_total_count, 0 },
	{ "state", compile_state, 0 },
	{ "period", compile_period, 0 },
	{ "param", compile_param, 0 },
	{ "employee", compile_employee, 0 },
	{ "flag", compile_flag, 0 },
	{ "line", compile_line, 0 },
	{ "orig_sum", compile_sum, A_ORIG },
	{ "orig_tagged", compile_tagged, A_ORIG },
	{ "local", compile_local, 0 },
	{ NULL, NULL, 0 }
};

/* less: the sums or totals a sum or a total takes off. */
static void
compile_less(struct src *s, const struct ynode *f)
{
	const struct ynode *o;
	size_t j, nl;

	if ((o = yget(f, "less")) == NULL)
		return;
	if (s->kind != S_SUM && s->kind != S_TOTAL)
		yfail(o, "'less' goes with a sum or a total");
	nl = list_len(o);
	s->less = xcalloc(nl, sizeof(*s->less));
	s->nless = nl;
	for (j = 0; j < nl; j++) {
		src_compile(&s->less[j], list_item(o, j));
		if ((s->less[j].kind != S_SUM && s->less[j].kind != S_TOTAL) ||
		    s->less[j].nless > 0)
			yfail(list_item(o, j), "'less' takes sums of columns "
			    "or tags, or totals");
		if (s->less[j].kind == S_SUM)
			s->less[j].parts = s->parts;
	}
}

/* Compiles the source keys of a field (or attribute, or column). */
void
src_compile(struct src *s, const struct ynode *f)
{
	const struct ynode *v = NULL, *o;
	const struct srckey *sk = NULL;
	size_t i;

	memset(s, 0, sizeof(*s));
	s->node = f;
	s->kind = S_BLANK;
	if (f->type == Y_SCALAR) {
		s->kind = S_CONST;
		s->arg = f->val;
		return;
	}
	for (i = 0; srckeys[i].key != NULL; i++)
		if ((o = yget(f, srckeys[i].key)) != NULL) {
			if (v != NULL)
				yfail(o, "a value has one source ('%s' and "
				    "'%s')", sk->key, srckeys[i].key);
			v = o;
			sk = &srckeys[i];
		}
	if ((o = yget(f, "optional")) != NULL)
		s->optional = strcmp(yscalar(o, "optional"), "true") == 0;
	s->map = yget(f, "map");
	if (s->map != NULL && s->map->type != Y_MAP)
		yfail(s->map, "'map' is a mapping of values");
	if (v == NULL)
		return;
	sk->compile(s, v, sk);
	compile_less(s, f);
}

/* Resolves tags, once the rules and the layout's states are known. */
void
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

static int64_t src_amount(const struct src *s, const struct ectx *x);

int64_t
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

/* employer: a key of the employer's settings (for the record's state). */
static void
eval_employer(const struct src *s, const struct ectx *x, struct val *v)
{
	const struct ynode *y;
	char full[256];

	/* The employer's settings are configuration: one missing is one
	 * message and status 3, not an error per record. */
	if (run.employer == NULL)
		die(ST_USAGE, "the %s filing needs the employer's settings "
		    "(-c employer.yaml)", run.form);
	y = employer_get(s->arg, x->state, full, sizeof(full));
	if (y == NULL || y->type != Y_SCALAR) {
		if (s->optional)
			return;
		die(ST_RULES, "%s: no '%s', which the %s filing needs: "
		    "add it to the employer's settings", run.employerpath,
		    full, run.form);
	}
	v->text = y->val;
}

/* flag: "1" when one of its sums is not zero, else "0". */
static void
eval_flag(const struct src *s, const struct ectx *x, struct val *v)
{
	size_t i;

	v->text = "0";
	for (i = 0; i < s->nless; i++)
		if (amount_of(&s->less[i], x, s->less[i].parts) != 0)
			v->text = "1";
}

/* line: an output of the layout's pack. */
static int
eval_line(const struct src *s, struct val *v, char *why, size_t wsize)
{
	const char *w;
	int money;

	if (line_value(s->arg, v->buf, sizeof(v->buf), &money) != 0) {
		snprintf(why, wsize, "the layout's pack has no output '%s'",
		    s->arg);
		return -1;
	}
	v->text = v->buf;
	/* A money output (not info) is an amount, so that 'when: nonzero'
	 * and 'omit: zero' see it. */
	if (money && cents_parse(v->buf, strlen(v->buf), &v->amt, &w) == 0)
		v->type = V_AMOUNT;
	return 0;
}

/* state: the record's state code, or a key of the layout's state. */
static int
eval_state(const struct src *s, const struct ectx *x, struct val *v,
    char *why, size_t wsize)
{
	const struct ynode *y;

	if (x->state < 0) {
		snprintf(why, wsize, "'state' outside a state's record");
		return -1;
	}
	if (strcmp(s->arg, "code") == 0)
		v->text = run.states[x->state];
	else {
		y = yget(run.statenodes[x->state], s->arg);
		if (y == NULL || y->type != Y_SCALAR) {
			snprintf(why, wsize, "the layout's state '%s' has no "
			    "'%s'", run.states[x->state], s->arg);
			return -1;
		}
		v->text = y->val;
	}
	return 0;
}

/* tax_year, tax_year_end, tax_week, tax_month: of the period's end. */
static void
tax_year_fact(const char *fact, char *buf, size_t size)
{
	payroll_date ts = tax_year_start(run.pend), te;
	int ty, tm, td;

	payroll_date_split(ts, &ty, &tm, &td);
	te = payroll_date_add_months(ts, 12) - 1;
	if (strcmp(fact, "tax_year") == 0)
		snprintf(buf, size, "%02d-%02d", ty % 100, (ty + 1) % 100);
	else if (strcmp(fact, "tax_year_end") == 0)
		date_str(te, buf);
	else if (strcmp(fact, "tax_week") == 0)
		snprintf(buf, size, "%d", (run.pend - ts) / 7 + 1);
	else {
		/* Month 1 is the first day of the tax year to the day
		 * before the same day a month on. */
		int n = 1;

		while (payroll_date_add_months(ts, n) <= run.pend)
			n++;
		snprintf(buf, size, "%d", n);
	}
}

/* period: a fact of the period (year, mmyyyy, quarter, dates ...). */
static void
eval_period(const struct src *s, struct val *v)
{
	int yy, m, d;

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
	else
		tax_year_fact(s->arg, v->buf, sizeof(v->buf));
	v->text = v->buf;
}

/* map: the format's value for a text. */
static int
apply_map(const struct src *s, struct val *v, char *why, size_t wsize)
{
	const struct ynode *y = yget(s->map, v->text);

	if (y == NULL) {
		snprintf(why, wsize, "value '%s' is not one the format "
		    "knows (%s:%lu: map)", v->text, s->map->file,
		    s->map->line);
		return -1;
	}
	v->text = yscalar(y, "a mapped value");
	return 0;
}

/*
 * Evaluates a source.  Returns 0, or -1 with why set (a data error to
 * report with the employee's place).
 */
int
src_eval(const struct src *s, const struct ectx *x, struct val *v,
    char *why, size_t wsize)
{
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
		eval_employer(s, x, v);
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
		eval_flag(s, x, v);
		break;
	case S_PARAM:
		v->type = V_AMOUNT;
		v->amt = s->base;
		break;
	case S_LOCAL:
		if (local_eval(s, x, v, why, wsize) != 0)
			return -1;
		break;
	case S_LINE:
		if (eval_line(s, v, why, wsize) != 0)
			return -1;
		break;
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
		if (eval_state(s, x, v, why, wsize) != 0)
			return -1;
		break;
	case S_PERIOD:
		eval_period(s, v);
		break;
	}
	if (s->map != NULL && v->type == V_TEXT)
		return apply_map(s, v, why, wsize);
	return 0;
}
