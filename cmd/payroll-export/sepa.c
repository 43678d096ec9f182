/*
 * sepa.c: SEPA credit transfers of net pay, ISO 20022 pain.001.  The
 * document (its elements, codes and versions), the limits and the
 * character set are rules/formats/sepa-YYYY.yaml's; the layout engine
 * (libpayroll/xmlout.c) writes it, spooling payments and batches to
 * scratch files (memory does not grow with the number of employees),
 * with the counts and sums of the headers.  This file checks each
 * payment and supplies the values.
 */
#include "export.h"

static struct {
	struct ydoc y;
	struct translit tl;
	struct payroll_xml doc;
	const char *ns, *bic_el, *date_el, *ccy;
	int maxname, maxid, maxrmt;
	int64_t minamt, maxamt;
	char dname[256], diban[40], dbic[16], msgid[64], credt[80];
	char rmt[256];
	int inbatch;
	payroll_date batchdate;
	unsigned long nb, nall;
	int64_t sumall;
	/* the values of the batch and payment being written */
	char batch_id[96], exdate[11], e2e[160], amount[40], bic[32];
	char name[512], iban[64], remit[512];
} se;

/* The values the layout's document names (data: NAME). */
static const char *const sepa_data[] = { "namespace", "bic_element",
	"execution_date_element", "message_id", "creation_time",
	"debtor_name", "debtor_iban", "debtor_bic", "batch_id",
	"execution_date", "end_to_end_id", "currency", "amount",
	"creditor_bic", "creditor_name", "creditor_iban", "remittance", NULL };

static const char *
sepa_value(void *arg, const char *name)
{
	const char *const v[] = { se.ns, se.bic_el, se.date_el, se.msgid,
		se.credt, se.dname, se.diban, se.dbic, se.batch_id, se.exdate,
		se.e2e, se.ccy, se.amount, se.bic, se.name, se.iban, se.remit };
	size_t i;

	for (i = 0; sepa_data[i] != NULL; i++)
		if (strcmp(sepa_data[i], name) == 0)
			return v[i] != NULL ? v[i] : "";
	return "";
}

/* Writes an instance of a group of the document (a batch, a payment). */
static void
sepa_group(const char *group)
{
	int st = payroll_xml_group(&se.doc, group, sepa_value, NULL);

	if (st == PAYROLL_EIO)
		die(ST_SYSTEM, "%s", se.doc.why);
	if (st != PAYROLL_OK)
		die(ST_DATA, "SEPA %s: %s", group, se.doc.why);
}

static void
sepa_norm(const char *s, size_t len, char *out, size_t size)
{
	size_t i, o = 0;

	for (i = 0; i < len && o + 1 < size; i++)
		if (s[i] != ' ')
			out[o++] = (char)toupper((unsigned char)s[i]);
	out[o] = '\0';
}

static int64_t
sepa_amount(struct ydoc *y, const struct payroll_node *root, const char *key)
{
	const char *s = ystr(y, root, key, 1);
	int64_t v;

	if (parse_minor(s, strlen(s), &v) != 0)
		ydie(y, yget(y, root, key), "'%s' is an amount", key);
	return v;
}

void
sepa_begin(void)
{
	static const char *const top[] = { "format", "from", "source",
	    "versions", "default_version", "currency", "max_name", "max_id",
	    "max_remittance", "min_amount", "max_amount", "charset",
	    "upper_case", "transliterate", "document", NULL };
	static const char *const vkeys[] = { "namespace", "bic_element",
	    "execution_date_element", NULL };
	static const char *const ckeys[] = { "debtor_name", "debtor_iban",
	    "debtor_bic", "message_id_prefix", "remittance", NULL };
	struct ydoc *y = &se.y, *c = &g.company;
	const struct payroll_node *root, *vers, *v;
	const struct payroll_node *cs = company_section("sepa");
	const char *s, *ver;
	char why[200], buf[256];
	struct payroll_diag diag;
	struct tm tm;
	int cut;

	layout_pick("sepa", y);
	root = yroot(y);
	ykeys(y, root, top);
	if ((s = ystr(y, root, "format", 1)) == NULL || strcmp(s, "sepa") != 0)
		ydie(y, root, "not a sepa layout (format: sepa)");
	vers = ymap(y, root, "versions", 1);
	ver = g.pain != NULL ? g.pain : ystr(y, root, "default_version", 1);
	if ((v = yget(y, vers, ver)) == NULL || v->type != PAYROLL_NODE_MAPPING)
		die(ST_USAGE, "pain.001 version '%s' is not in %s", ver,
		    y->path);
	ykeys(y, v, vkeys);
	se.ns = ystr(y, v, "namespace", 1);
	se.bic_el = ystr(y, v, "bic_element", 1);
	se.date_el = ystr(y, v, "execution_date_element", 0);
	se.ccy = ystr(y, root, "currency", 1);
	se.maxname = (int)yint(y, root, "max_name", 70, 255);
	se.maxid = (int)yint(y, root, "max_id", 35, 60);
	se.maxrmt = (int)yint(y, root, "max_remittance", 140, 255);
	se.minamt = sepa_amount(y, root, "min_amount");
	se.maxamt = sepa_amount(y, root, "max_amount");
	translit_load(&se.tl, y, root);
	se.doc.scratch = scratch_file;
	se.doc.text_flags = PAYROLL_XML_QUOTES;
	diag_ok(payroll_xml_load(&se.doc, ymap(y, root, "document", 1), sepa_data,
	    &diag), &diag);
	if (g.currency == NULL || strcmp(g.currency, se.ccy) != 0)
		die(ST_RULES, "%s: the company's currency is '%s'; SEPA credit "
		    "transfers are in %s", g.company.path,
		    g.currency != NULL ? g.currency : "", se.ccy);

	ykeys(c, cs, ckeys);
	s = ystr(c, cs, "debtor_name", 1);
	if (translit(&se.tl, s, strlen(s), (size_t)se.maxname, se.dname,
	    sizeof(se.dname), &cut, why, sizeof(why)) != 0)
		ydie(c, yget(c, cs, "debtor_name"), "'debtor_name': %s", why);
	s = ystr(c, cs, "debtor_iban", 1);
	sepa_norm(s, strlen(s), se.diban, sizeof(se.diban));
	if (!payroll_iban_valid(se.diban, strlen(se.diban)))
		ydie(c, yget(c, cs, "debtor_iban"), "'%s' is not an IBAN (bad "
		    "form or check digits)", s);
	if ((s = ystr(c, cs, "debtor_bic", 0)) != NULL) {
		sepa_norm(s, strlen(s), se.dbic, sizeof(se.dbic));
		if (!bic_valid(se.dbic, strlen(se.dbic)))
			ydie(c, yget(c, cs, "debtor_bic"), "'%s' is not a BIC",
			    s);
	}
	gmtime_r(&g.now, &tm);
	s = ystr(c, cs, "message_id_prefix", 0);
	snprintf(buf, sizeof(buf), "%s-%04d%02d%02d%02d%02d%02d",
	    s != NULL ? s : "PAYROLL", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (translit(&se.tl, buf, strlen(buf), (size_t)se.maxid - 4, se.msgid,
	    sizeof(se.msgid), &cut, why, sizeof(why)) != 0 || cut)
		ydie(c, yget(c, cs, "message_id_prefix"), "the message id "
		    "'%s' must be at most %d characters of the SEPA set", buf,
		    se.maxid - 4);
	snprintf(se.credt, sizeof(se.credt), "%04d-%02d-%02dT%02d:%02d:%02d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	s = ystr(c, cs, "remittance", 0);
	snprintf(se.rmt, sizeof(se.rmt), "%s", s != NULL ? s : "Salary");
	g.out = open_output();
}

void
sepa_row(const struct row *r)
{
	char iban[64], bic[32], name[512], full[512], e2e[160], id[128];
	char why[300], amt[40], rmt[512], d[11], ps[11], pe[11];
	int64_t net = r->amt[g.net];
	int cut, before = (int)g.nerrors;
	char shownbuf[80];

	if (!has(r, F_IBAN)) {
		warnx_("%s:%lu: employee '%s' (%.*s, %.*s) has no IBAN: not "
		    "in this file, pay otherwise", r->file, r->line,
		    id_shown(r), (int)r->fl[F_LAST],
		    r->fx[F_LAST], (int)r->fl[F_FIRST], r->fx[F_FIRST]);
		g.nskipped++;
		return;
	}
	sepa_norm(r->fx[F_IBAN], r->fl[F_IBAN], iban, sizeof(iban));
	if (!payroll_iban_valid(iban, strlen(iban)))
		row_error(r, "iban", "'%s' is not an IBAN (bad form, length "
		    "or check digits)", show_value("iban", r->fx[F_IBAN],
		    r->fl[F_IBAN], shownbuf, sizeof(shownbuf)));
	sepa_norm(r->fx[F_BIC], r->fl[F_BIC], bic, sizeof(bic));
	if (bic[0] != '\0' && !bic_valid(bic, strlen(bic)))
		row_error(r, "bic", "'%.*s' is not a BIC (8 or 11 letters and "
		    "digits, ISO 9362)", (int)r->fl[F_BIC], r->fx[F_BIC]);
	if (net != 0 && (net < se.minamt || net > se.maxamt))
		row_error(r, "net_pay", "%s is outside what a SEPA credit "
		    "transfer can carry (a payment must be more than zero)",
		    fmt_minor(net, amt, sizeof(amt), 0));
	snprintf(full, sizeof(full), "%.*s %.*s", (int)r->fl[F_FIRST],
	    r->fx[F_FIRST], (int)r->fl[F_LAST], r->fx[F_LAST]);
	if (translit(&se.tl, full, strlen(full), (size_t)se.maxname, name,
	    sizeof(name), &cut, why, sizeof(why)) != 0)
		row_error(r, "last_name", "%s", why);
	date_str(r->pay, d);
	if (translit(&se.tl, r->fx[F_ID], r->fl[F_ID], sizeof(id) - 1, id,
	    sizeof(id), &cut, why, sizeof(why)) != 0)
		row_error(r, "employee_id", "%s", why);
	else {
		snprintf(e2e, sizeof(e2e), "%s-%.4s%.2s%.2s", id, d, d + 5,
		    d + 8);
		if ((int)strlen(e2e) > se.maxid)
			row_error(r, "employee_id", "'%s' is too long for an "
			    "end-to-end id of %d characters", e2e, se.maxid);
	}
	date_str(r->start, ps);
	date_str(r->end, pe);
	snprintf(full, sizeof(full), "%s %s - %s", se.rmt, ps, pe);
	if (translit(&se.tl, full, strlen(full), (size_t)se.maxrmt, rmt,
	    sizeof(rmt), &cut, why, sizeof(why)) != 0)
		die(ST_RULES, "%s: sepa 'remittance': %s", g.company.path,
		    why);
	if ((int)g.nerrors > before)
		return;
	if (net == 0) {
		warnx_("%s:%lu: employee '%s' (%.*s, %.*s): net pay 0.00, "
		    "nothing to pay: not in this file", r->file, r->line,
		    id_shown(r), (int)r->fl[F_LAST],
		    r->fx[F_LAST], (int)r->fl[F_FIRST], r->fx[F_FIRST]);
		g.nskipped++;
		return;
	}

	if (se.inbatch && se.batchdate != r->pay)
		sepa_group("batch");
	if (!se.inbatch || se.batchdate != r->pay) {
		se.inbatch = 1;
		se.batchdate = r->pay;
		se.nb++;
		snprintf(se.batch_id, sizeof(se.batch_id), "%s-%lu", se.msgid,
		    se.nb);
		date_str(r->pay, se.exdate);
	}
	snprintf(se.e2e, sizeof(se.e2e), "%s", e2e);
	fmt_minor(net, se.amount, sizeof(se.amount), 0);
	snprintf(se.bic, sizeof(se.bic), "%s", bic);
	snprintf(se.name, sizeof(se.name), "%s", name);
	snprintf(se.iban, sizeof(se.iban), "%s", iban);
	snprintf(se.remit, sizeof(se.remit), "%s", rmt);
	sepa_group("payment");
	se.nall++;
	if (add_minor(&se.sumall, net) != 0)
		die(ST_DATA, "%s:%lu: the control sum overflows", r->file,
		    r->line);
}

void
sepa_end(void)
{
	if (g.nerrors > 0)
		return;
	if (se.nall == 0)
		die(ST_DATA, "no employee to pay: no file written");
	sepa_group("batch");
	if (payroll_xml_finish(&se.doc, g.out, sepa_value, NULL) !=
	    PAYROLL_OK)
		die(ST_SYSTEM, "%s", se.doc.why);
	payroll_xml_free(&se.doc);
	ydoc_free(&se.y);
}

/* The payment file's transactions and control sum, for the run summary. */
void
sepa_summary(void)
{
	char buf[64];

	sumfile_put("bank_entries", "%lu", se.nall);
	sumfile_put("bank_total", "%s", fmt_minor(se.sumall, buf,
	    sizeof(buf), 0));
}
