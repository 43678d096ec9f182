/*
 * authority-report: tables (CSV, one row per state, per employee or per
 * locality).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"

struct field *tcols;
size_t ntcols;
static int tablerows;		/* EACH_STATE, EACH_EMPLOYEE, EACH_LOCAL */

void
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

void
emit_table(void)
{
	struct payroll_csv_writer w = { .fp = outfp };
	struct sbuf v = { 0 };
	struct ectx x = { NULL, -1, NULL };
	char why[600];
	int64_t amt;
	size_t i, k, nrow;
	int empty, nonzero;

	for (i = 0; i < ntcols; i++)
		src_bind(&tcols[i].src);
	for (i = 0; i < ntcols; i++)
		if (payroll_csv_puts(&w, tcols[i].lf.name) != 0)
			die(ST_SYSTEM, "write error: %s", strerror(errno));
	if (payroll_csv_endrec(&w) != 0)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
	nrow = tablerows == EACH_STATE ? run.nstates : tablerows ==
	    EACH_LOCAL ? local_groups() : nemps;
	for (k = 0; k < nrow; k++) {
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

			if (tcols[i].lf.type == PAYROLL_FT_MONEY &&
			    src_eval(&tcols[i].src,
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
