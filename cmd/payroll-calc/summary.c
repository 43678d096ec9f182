/*
 * payroll-calc: the run's summary: counts that reconcile (read = paid +
 * rejected), the --summary file, and the control totals a payroll clerk
 * reads on standard error.
 */
#include "pc.h"

/* One line of the totals a clerk reads: label, amount with thousands
 * separators. */
static void
total_line(const char *label, struct payroll_dec v)
{
	char buf[80], grouped[112];

	payroll_dec_format(v, 2, buf, sizeof(buf));
	fprintf(stderr, "%s:     %-40.40s %22s\n", progname, label,
	    group_thousands(buf, grouped, sizeof(grouped)));
}

/*
 * The run's totals on standard error, as a payroll clerk reads them: the
 * packs' labels, in the currency, earnings to gross pay, the employee's
 * withholding and deductions with their total, net pay, then the
 * employer's contributions with theirs and the cost of the payroll.
 */
static void
summary_totals(struct run *r)
{
	static const char *const head[] = { "Earnings",
	    "Withholding and deductions (from pay)",
	    "Employer contributions (not from pay)" };
	struct payroll_dec sum[3], cost;
	const char *cur = payroll_rules_currency(r->rules);
	size_t i;
	int s;

	memset(sum, 0, sizeof(sum));
	fprintf(stderr, "%s: totals%s%s\n", progname, *cur ? " in " : "",
	    cur);
	for (s = 0; s < 3; s++) {
		fprintf(stderr, "%s:   %s\n", progname, head[s]);
		for (i = 0; i < r->ncols; i++) {
			enum payroll_kind k = payroll_calc_output_kind(r->calc,
			    i);

			if (!payroll_calc_output_is_money(r->calc, i) ||
			    (s == 0 && k != PAYROLL_K_EARNING) ||
			    (s == 1 && k != PAYROLL_K_WITHHOLDING &&
			    k != PAYROLL_K_DEDUCTION) ||
			    (s == 2 && k != PAYROLL_K_EMPLOYER))
				continue;
			total_line(payroll_calc_output_label(r->calc, i),
			    r->totals[i]);
			if (payroll_dec_add(sum[s], r->totals[i], &sum[s]) != 0)
				return;
		}
		if (s == 0) {
			for (i = 0; i < r->ncols; i++)
				if (payroll_calc_output_kind(r->calc, i) ==
				    PAYROLL_K_GROSS)
					total_line("Gross pay", r->totals[i]);
		} else if (s == 1) {
			total_line("Total withholding and deductions", sum[1]);
			for (i = 0; i < r->ncols; i++)
				if (payroll_calc_output_kind(r->calc, i) ==
				    PAYROLL_K_NET)
					total_line("Net pay", r->totals[i]);
		} else {
			total_line("Total employer contributions", sum[2]);
			if (payroll_dec_add(sum[0], sum[2], &cost) == 0)
				total_line("Payroll cost (gross + employer)",
				    cost);
		}
	}
}

/* Writes the run's counts and totals to path (the --summary file) when
 * given, and the clerk's totals on standard error unless quiet. */
void
summary(struct run *r, const char *path, int quiet)
{
	FILE *fp = NULL;
	char buf[80];
	size_t i;

	if (path != NULL) {
		/* Committed with the other outputs: it lives in the run
		 * (--stream-summary's was opened when the run started). */
		if ((fp = stream_summary_file()) == NULL) {
			fp = out_open(&r->sumfile, path);
			out_public(&r->sumfile);
		}
		fprintf(fp, "metric,value\nread,%lu\npaid,%lu\n"
		    "records_paid,%lu\nrejected,%lu\nother_pay_group,%lu\n"
		    "split_periods,%lu\nnot_yet_in_force,%lu\n"
		    "not_employed_in_period,%lu\nitems_rejected,%lu\n",
		    r->nread, r->npaid, r->nrowspaid, r->nrejected, r->nother,
		    r->nsplit, r->nlater, r->nnotemployed, r->nitemrej);
	}
	progress_done(&r->pg);
	if (!quiet) {
		fprintf(stderr, "%s: read %lu, %s %lu, rejected %lu\n",
		    progname, r->nread, r->retro ? "recomputed" : "paid",
		    r->npaid, r->nrejected);
		if (r->nrowspaid != r->npaid)
			fprintf(stderr, "%s: %lu records paid %lu employees "
			    "(%lu periods split by effective dates)\n",
			    progname, r->nrowspaid, r->npaid, r->nsplit);
		if (r->retro)
			fprintf(stderr, "%s: retro: %lu changed, %lu unchanged, "
			    "%lu paid before and recovered in full\n", progname,
			    r->nchanged, r->nunchanged, r->nremoved);
		if (r->nlater > 0)
			fprintf(stderr, "%s: %lu records not yet in force "
			    "(effective after %s): not paid in this run\n",
			    progname, r->nlater, r->period[1]);
		if (r->nnotemployed > 0)
			fprintf(stderr, "%s: %lu records of people not employed "
			    "in the period (hired after it or left before it): "
			    "not paid\n", progname, r->nnotemployed);
		if (r->nother > 0)
			fprintf(stderr, "%s: %lu records of another pay group "
			    "or frequency than this %s run%s%s%s: left for their "
			    "own runs\n", progname, r->nother, r->freqname,
			    r->paygroup ? " of '" : "", r->paygroup ? r->paygroup :
			    "", r->paygroup ? "'" : "");
		if (r->nitemrej > 0)
			fprintf(stderr, "%s: %lu item rows rejected (no such "
			    "employee)\n", progname, r->nitemrej);
	}
	for (i = 0; fp != NULL && i < r->ncols; i++) {
		if (!payroll_calc_output_is_money(r->calc, i))
			continue;
		payroll_dec_format(r->totals[i], 2, buf, sizeof(buf));
		fprintf(fp, "total_%s,%s\n", payroll_calc_output_name(r->calc,
		    i), buf);
	}
	if (!quiet)
		summary_totals(r);
}
