/*
 * authority-report: the facts of a year's FUTA figures (Form 940 and its
 * Schedule A), for a lines layout that says where they come from:
 *
 *   futa:
 *     payments: gross_pay          # line 3: total payments, per employee
 *     exempt_tag: pretax_fica      # line 4: outputs tagged so
 *     wage_base: futa_wage_base    # a parameter of the rule packs
 *     state_column: work_state     # Schedule A: the state of the wages
 *     reduction_rate: futa_credit_reduction   # a parameter per state
 *
 * The facts (inputs of the layout's pack) are sums over the employees
 * paid in the year, each worked out per employee as Form 940's
 * instructions say (line 5: "the total of the payments over the FUTA
 * wage base you paid to each employee ... after subtracting any payments
 * exempt from FUTA tax"):
 *
 *   futa_payments, futa_exempt, futa_excess, futa_taxable
 *   futa_taxable_q1 .. q4   FUTA taxable wages by quarter of the pay date
 *                           (each employee's first wage_base, in date order)
 *   futa_states             states with FUTA payments (line 1a/1b)
 *   futa_credit_reduction   Schedule A's total (line 11)
 *
 * Knows no rate, base, state or line: they are the packs' and the layout's.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"

static struct {
	int on;
	size_t pay;		/* the payments column */
	struct colset exempt;	/* columns tagged exempt_tag */
	int64_t base;		/* wage base, cents */
	int statecol;		/* text column, or -1 */
	const char *rate;	/* parameter name prefix */
	int has_state_rows;	/* Schedule A written */
} futa = { .statecol = -1 };

/* Per employee: payments less exempt payments by quarter of pay date
 * (called for each money field of a row of the period). */
void
futa_col(struct emp *e, size_t c, int64_t v, payroll_date pd)
{
	int y, m, d;
	size_t i;

	if (!futa.on)
		return;
	payroll_date_split(pd, &y, &m, &d);
	if (c == futa.pay)
		e->futaq[(m - 1) / 3] += v;
	for (i = 0; i < futa.exempt.n; i++)
		if (c == futa.exempt.c[i])
			e->futaq[(m - 1) / 3] -= v;
}

void
futa_compile(void)
{
	static const char *const keys[] = { "payments", "exempt_tag",
	    "wage_base", "state_column", "reduction_rate", NULL };
	const struct ynode *f = yget(run.layout, "futa"), *o;
	struct payroll_dec b;
	size_t i;

	if (f == NULL)
		return;
	ykeys(f, keys, "'futa'");
	if (run.rules == NULL)
		die(ST_USAGE, "form '%s' needs the rule packs (--rules): the "
		    "FUTA wage base and the exempt payments are theirs",
		    run.form);
	futa.on = 1;
	if ((o = yget(f, "payments")) == NULL)
		yfail(f, "'futa' names its 'payments' column");
	futa.pay = col_get(yscalar(o, "payments"), 1, 1);
	if ((o = yget(f, "exempt_tag")) != NULL)
		for (i = 0; i < payroll_rules_noutputs(run.rules); i++)
			if (payroll_rules_output_has_tag(run.rules, i,
			    yscalar(o, "exempt_tag")))
				colset_add(&futa.exempt, col_get(
				    payroll_rules_output_name(run.rules, i),
				    1, 0));
	if ((o = yget(f, "wage_base")) == NULL)
		yfail(f, "'futa' names its 'wage_base' parameter");
	if (payroll_rules_param(run.rules, yscalar(o, "wage_base"), &b) != 0 ||
	    payroll_dec_to_minor(b, 2, &futa.base) != 0)
		yfail(o, "the rule packs have no amount '%s' in force",
		    o->val);
	if ((o = yget(f, "state_column")) != NULL)
		futa.statecol = (int)col_get(yscalar(o, "state_column"), 0, 1);
	if ((o = yget(f, "reduction_rate")) != NULL)
		futa.rate = yscalar(o, "reduction_rate");
}

/* Employee k's payments less exempt ones, to the end of quarter q. */
static int64_t
futa_net_to(size_t k, int q)
{
	int64_t t = 0;
	int i;

	for (i = 0; i <= q; i++)
		t += emps[k]->futaq[i];
	return t;
}

static int64_t
futa_taxable_of(size_t k, int q)
{
	int64_t a = futa_net_to(k, q), b = q > 0 ? futa_net_to(k, q - 1) : 0;

	a = a < 0 ? 0 : a > futa.base ? futa.base : a;
	b = b < 0 ? 0 : b > futa.base ? futa.base : b;
	return a - b;
}

static const char *
futa_state_of(size_t k)
{
	const char *s = futa.statecol >= 0 ? emps[k]->text[futa.statecol] :
	    NULL;

	return s != NULL ? s : "";
}

/* The credit reduction rate of a state: --value NAME_XX=RATE, or the
 * rule packs' parameter NAME_XX; none: 0 (no reduction). */
static struct payroll_dec
futa_rate_of(const char *st)
{
	char name[96];
	const char *a;
	struct payroll_dec r = payroll_dec_make(0, 0);

	if (futa.rate == NULL)
		return r;
	snprintf(name, sizeof(name), "%s_%s", futa.rate, st);
	if ((a = value_arg(name)) != NULL) {
		if (payroll_dec_parse(a, strlen(a), &r) != 0)
			die(ST_USAGE, "--value %s=%s: not a decimal", name, a);
	} else if (payroll_rules_param(run.rules, name, &r) != 0)
		r = payroll_dec_make(0, 0);
	/* -1: the year's determination is not in the packs (yet). */
	if (payroll_dec_sign(r) < 0)
		die(ST_RULES, "Schedule A: %s is %s for this year: the credit "
		    "reduction of %s is not determined in the rule packs (add "
		    "the Department of Labor's final figure for the year, or "
		    "give it with --value %s=RATE): nothing written", name,
		    a != NULL ? a : "-1", st, name);
	return r;
}

/* The states of the year's employees, sorted; returns how many. */
static size_t
futa_states(const char ***out)
{
	const char **v = xcalloc(nemps + 1, sizeof(*v));
	size_t n = 0, i, k;

	for (k = 0; k < nemps; k++) {
		const char *s = futa_state_of(k);

		if (!emps[k]->inperiod || s[0] == '\0')
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(v[i], s) == 0)
				break;
		if (i == n)
			v[n++] = s;
	}
	qsort(v, n, sizeof(*v), strp_cmp);
	*out = v;
	return n;
}

/* One state's FUTA taxable wages and credit reduction (cents). */
static void
futa_state_figures(const char *st, int64_t *wages, int64_t *red,
    struct payroll_dec *rate)
{
	struct payroll_dec w, x;
	size_t k;
	int q;

	*wages = 0;
	for (k = 0; k < nemps; k++)
		if (strcmp(futa_state_of(k), st) == 0)
			for (q = 0; q < 4; q++)
				*wages += futa_taxable_of(k, q);
	*rate = futa_rate_of(st);
	w = payroll_dec_make(*wages, 2);
	if (payroll_dec_mul(w, *rate, &x) != 0 ||
	    payroll_dec_round(x, 2, PAYROLL_ROUND_HALF_UP, &x) != 0 ||
	    payroll_dec_to_minor(x, 2, red) != 0)
		die(ST_DATA, "credit reduction for %s: amount out of range",
		    st);
}

/* A fact of the layout's pack; 1 when it is one of these. */
int
futa_fact(const char *nm, char *buf, size_t size)
{
	int64_t t = 0;
	size_t k, i, n;
	int q;

	if (strncmp(nm, "futa_", 5) != 0 || !futa.on)
		return 0;
	if (strcmp(nm, "futa_payments") == 0 || strcmp(nm, "futa_exempt") ==
	    0) {
		for (k = 0; k < nemps; k++) {
			if (nm[5] == 'p')
				t += emps[k]->amt[futa.pay];
			else
				for (i = 0; i < futa.exempt.n; i++)
					t += emps[k]->amt[futa.exempt.c[i]];
		}
	} else if (strcmp(nm, "futa_excess") == 0) {
		for (k = 0; k < nemps; k++) {
			int64_t net = futa_net_to(k, 3) - futa.base;

			t += net > 0 ? net : 0;
		}
	} else if (strcmp(nm, "futa_taxable") == 0) {
		for (k = 0; k < nemps; k++)
			for (q = 0; q < 4; q++)
				t += futa_taxable_of(k, q);
	} else if (strncmp(nm, "futa_taxable_q", 14) == 0 && nm[14] >= '1' &&
	    nm[14] <= '4' && nm[15] == '\0') {
		for (k = 0; k < nemps; k++)
			t += futa_taxable_of(k, nm[14] - '1');
	} else if (strcmp(nm, "futa_states") == 0) {
		const char **v;

		n = futa_states(&v);
		free(v);
		snprintf(buf, size, "%zu", n);
		return 1;
	} else if (strcmp(nm, "futa_credit_reduction") == 0) {
		const char **v;

		n = futa_states(&v);
		for (i = 0; i < n; i++) {
			int64_t w, r;
			struct payroll_dec rate;

			futa_state_figures(v[i], &w, &r, &rate);
			t += r;
		}
		free(v);
	} else
		return 0;
	cents_format(t, buf, size);
	return 1;
}

int
futa_fact_known(const char *nm)
{
	if (!futa.on || strncmp(nm, "futa_", 5) != 0)
		return 0;
	return strcmp(nm, "futa_payments") == 0 ||
	    strcmp(nm, "futa_exempt") == 0 || strcmp(nm, "futa_excess") == 0 ||
	    strcmp(nm, "futa_taxable") == 0 ||
	    strcmp(nm, "futa_states") == 0 ||
	    strcmp(nm, "futa_credit_reduction") == 0 ||
	    (strncmp(nm, "futa_taxable_q", 14) == 0 && nm[14] >= '1' &&
	    nm[14] <= '4' && nm[15] == '\0');
}

/* Line 1a (the one state, or blank for a multi-state employer), before
 * the pack's lines. */
void
futa_emit_head(struct payroll_csv_writer *w)
{
	const char **v;
	size_t n;

	if (!futa.on || futa.statecol < 0)
		return;
	n = futa_states(&v);
	if (payroll_csv_puts(w, "1a") != 0 ||
	    payroll_csv_puts(w, "If you had to pay state unemployment tax "
	    "in one state only, enter the state abbreviation") != 0 ||
	    payroll_csv_puts(w, n == 1 ? v[0] : "") != 0 ||
	    payroll_csv_endrec(w) != 0)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
	free(v);
}

/* Schedule A: each state's FUTA taxable wages, reduction rate and credit
 * reduction, then the total (line 11), after the pack's lines. */
void
futa_emit_schedule_a(struct payroll_csv_writer *w)
{
	const char **v;
	size_t n, i;
	int64_t total = 0;
	char line[64], desc[160], amt[64];

	if (!futa.on || futa.statecol < 0)
		return;
	n = futa_states(&v);
	for (i = 0; i < n; i++) {
		int64_t wg, red;
		struct payroll_dec rate;
		int j;

		futa_state_figures(v[i], &wg, &red, &rate);
		total += red;
		for (j = 0; j < 3; j++) {
			snprintf(line, sizeof(line), "A_%s_%s", v[i],
			    j == 0 ? "wages" : j == 1 ? "rate" :
			    "credit_reduction");
			snprintf(desc, sizeof(desc), "Schedule A, %s: %s",
			    v[i], j == 0 ? "FUTA taxable wages" : j == 1 ?
			    "reduction rate" : "credit reduction (wages x "
			    "rate)");
			if (j == 0)
				cents_format(wg, amt, sizeof(amt));
			else if (j == 1)
				payroll_dec_format(rate, -1, amt, sizeof(amt));
			else
				cents_format(red, amt, sizeof(amt));
			if (payroll_csv_puts(w, line) != 0 ||
			    payroll_csv_puts(w, desc) != 0 ||
			    payroll_csv_puts(w, amt) != 0 ||
			    payroll_csv_endrec(w) != 0)
				die(ST_SYSTEM, "write error: %s",
				    strerror(errno));
		}
	}
	cents_format(total, amt, sizeof(amt));
	if (payroll_csv_puts(w, "A_total") != 0 ||
	    payroll_csv_puts(w, "Schedule A: total credit reduction (Form "
	    "940 line 11)") != 0 || payroll_csv_puts(w, amt) != 0 ||
	    payroll_csv_endrec(w) != 0)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
	free(v);
}
