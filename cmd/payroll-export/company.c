/*
 * company.c: the company's export settings (--company FILE): its name and
 * currency, payslip language, number format and labels, bank file ids and ledger accounts.  Each
 * format checks its own section when it starts.
 */
#include "export.h"

void
company_load(const char *path)
{
	static const char *const top[] = { "company", "labels", "nacha",
	    "sepa", "cpa005", "journal", NULL };
	static const char *const ckeys[] = { "name", "currency",
	    "currency_places", "language", "number_format", "paper", NULL };
	const struct payroll_node *c;

	ydoc_load(&g.company, path);
	g.have_company = 1;
	g.croot = yroot(&g.company);
	ykeys(&g.company, g.croot, top);
	c = ymap(&g.company, g.croot, "company", 1);
	ykeys(&g.company, c, ckeys);
	g.company_name = ystr(&g.company, c, "name", 1);
	g.currency = ystr(&g.company, c, "currency", 1);
	g.places = (int)yint(&g.company, c, "currency_places", 2, 4);
	/* The column that flags a new bank account (NACHA prenotes) is
	 * needed before the results' header is read. */
	if ((c = ymap(&g.company, g.croot, "nacha", 0)) != NULL &&
	    ystr(&g.company, c, "prenote_column", 0) != NULL)
		fixnames[F_PRENOTE] = ystr(&g.company, c, "prenote_column", 0);
	if (ymap(&g.company, g.croot, "labels", 0) == NULL &&
	    yget(&g.company, g.croot, "labels") != NULL)
		ydie(&g.company, yget(&g.company, g.croot, "labels"),
		    "'labels' must be a mapping");
}

/* The company's section for a format; dies when it is missing. */
const struct payroll_node *
company_section(const char *name)
{
	if (!g.have_company)
		die(ST_USAGE, "the %s format needs --company", name);
	return ymap(&g.company, g.croot, name, 1);
}
