/*
 * nacha.c: NACHA ACH files of PPD credits for direct deposit.  The record
 * layout (positions, lengths, padding, codes) is read from a YAML file
 * under rules/formats/ (nacha-YYYY.yaml); this code supplies the values
 * and keeps the counts, hashes and totals.
 */
#include "export.h"

struct nacha_state na;

static const char *const dnames[ND] = {
	"immediate_destination", "immediate_origin", "creation_date",
	"creation_time", "file_id_modifier", "immediate_destination_name",
	"immediate_origin_name", "reference_code", "company_name",
	"company_discretionary_data", "company_id", "company_descriptive_date",
	"effective_entry_date", "odfi_id", "batch_number", "transaction_code",
	"rdfi_id", "check_digit", "account_number", "amount",
	"individual_id", "individual_name", "discretionary_data",
	"addenda_indicator", "trace_number"
};

const char *const recnames[NREC] = {
	"file_header", "batch_header", "entry_detail", "batch_control",
	"file_control"
};
/* Which data each record may use. */
static const int recdata[NREC][16] = {
	{ D_IMM_DEST, D_IMM_ORIGIN, D_CDATE, D_CTIME, D_FILE_ID,
	  D_IMM_DEST_NAME, D_IMM_ORIGIN_NAME, D_REFERENCE, -1 },
	{ D_COMPANY_NAME, D_DISCRETIONARY, D_COMPANY_ID, D_DESC_DATE,
	  D_EFFECTIVE, D_ODFI, D_BATCH, -1 },
	{ D_TXCODE, D_RDFI, D_CHECK, D_ACCOUNT, D_AMOUNT, D_INDIV_ID,
	  D_INDIV_NAME, D_ENTRY_DISC, D_ADDENDA, D_TRACE, -1 },
	{ D_COMPANY_ID, D_ODFI,
	  D_BATCH, -1 },
	{ -1 }
};

/* The layout's banking_days: {source, covers: {from, to}, holidays:
 * {YYYY-MM-DD: name, ...}}: the days the Federal Reserve does not
 * settle, as dated data with its source. */
static void
banking_days_load(struct ydoc *y, const struct payroll_node *root)
{
	static const char *const keys[] = { "source", "covers", "holidays",
	    NULL };
	static const char *const ckeys[] = { "from", "to", NULL };
	const struct payroll_node *bd, *cv, *h, *k, *v;
	const char *s;
	size_t i;

	if ((bd = yget(y, root, "banking_days")) == NULL)
		return;
	ykeys(y, bd, keys);
	(void)ystr(y, bd, "source", 1);
	cv = ymap(y, bd, "covers", 1);
	ykeys(y, cv, ckeys);
	s = ystr(y, cv, "from", 1);
	if (payroll_date_parse(s, strlen(s), &na.bd_from) != 0)
		ydie(y, cv, "covers.from is a date YYYY-MM-DD");
	s = ystr(y, cv, "to", 1);
	if (payroll_date_parse(s, strlen(s), &na.bd_to) != 0)
		ydie(y, cv, "covers.to is a date YYYY-MM-DD");
	h = ymap(y, bd, "holidays", 1);
	na.nhol = ymap_len(h);
	if ((na.hol = calloc(na.nhol + 1, sizeof(*na.hol))) == NULL ||
	    (na.holname = calloc(na.nhol + 1, sizeof(*na.holname))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < na.nhol; i++) {
		ymap_pair(y, h, i, &k, &v);
		s = yscalar(y, k, "holidays");
		if (payroll_date_parse(s, strlen(s), &na.hol[i]) != 0)
			ydie(y, k, "a holiday is a date YYYY-MM-DD");
		na.holname[i] = yscalar(y, v, "holidays");
	}
	na.have_bd = 1;
}

/* NULL when d is a banking day, else why it is not. */
const char *
banking_day_why(payroll_date d)
{
	size_t i;

	if (payroll_date_weekday(d) >= 6)
		return payroll_date_weekday(d) == 6 ? "a Saturday" :
		    "a Sunday";
	for (i = 0; i < na.nhol; i++)
		if (na.hol[i] == d)
			return na.holname[i];
	return NULL;
}

/*
 * The batch's effective entry date: --effective-date, else the pay date.
 * It must be a banking day of the layout's calendar: a weekend or a
 * settlement holiday is refused, naming the banking days on either side,
 * never moved silently (a later date pays people late).
 */
payroll_date
effective_date(payroll_date pay)
{
	payroll_date d = pay, prev, next;
	const char *why;
	char ds[16], ps[16], ns[16], f[16], t[16];

	if (g.effective != NULL && payroll_date_parse(g.effective,
	    strlen(g.effective), &d) != 0)
		die(ST_USAGE, "--effective-date '%s' is not a date YYYY-MM-DD",
		    g.effective);
	if (!na.have_bd)
		return d;
	payroll_date_format(d, ds, sizeof(ds));
	if (d < na.bd_from || d > na.bd_to) {
		payroll_date_format(na.bd_from, f, sizeof(f));
		payroll_date_format(na.bd_to, t, sizeof(t));
		die(ST_DATA, "%s: no banking-day calendar for the effective "
		    "entry date %s (its holidays cover %s to %s): add the "
		    "year's Federal Reserve holidays", na.path, ds, f, t);
	}
	if ((why = banking_day_why(d)) == NULL)
		return d;
	for (prev = d - 1; banking_day_why(prev) != NULL; prev--)
		;
	for (next = d + 1; banking_day_why(next) != NULL; next++)
		;
	payroll_date_format(prev, ps, sizeof(ps));
	payroll_date_format(next, ns, sizeof(ns));
	die(ST_DATA, "the effective entry date %s is not a banking day (%s): "
	    "give --effective-date %s (the banking day before) or %s (after); "
	    "nothing written", ds, why, ps, ns);
}

/*
 * Picks the layout: --layout FILE, or in a folder (--layout DIR,
 * $PAYROLL_FORMATS, ./rules/formats, the installed rules) the file
 * <name>-*.yaml whose 'from' date is the latest not after the first pay
 * date.
 */
const char *
layout_pick(const char *name, struct ydoc *y)
{
	static const char *const dirs[] = { "rules/formats",
	    "/usr/local/share/payroll/rules/formats",
	    "/usr/share/payroll/rules/formats", NULL };
	static char best[4096], self[2][4096];
	const char *cand[8], *slash;
	size_t nc = 0, i, nl = strlen(name);
	struct stat st;
	payroll_date bestdate = 0;
	int found = 0;

	if (g.layout != NULL && stat(g.layout, &st) == 0 &&
	    !S_ISDIR(st.st_mode)) {
		ydoc_load(y, g.layout);
		return g.layout;
	}
	if (g.layout != NULL)
		cand[nc++] = g.layout;
	else {
		if (getenv("PAYROLL_FORMATS") != NULL)
			cand[nc++] = getenv("PAYROLL_FORMATS");
		/* Next to the program: bin/../rules/formats (the source
		 * tree) or bin/../share/payroll/rules/formats (installed),
		 * as authority-report looks, from any directory. */
		if ((slash = strrchr(g.argv0, '/')) != NULL) {
			snprintf(self[0], sizeof(self[0]), "%.*s/../rules/formats",
			    (int)(slash - g.argv0), g.argv0);
			snprintf(self[1], sizeof(self[1]), "%.*s/../share/payroll/"
			    "rules/formats", (int)(slash - g.argv0), g.argv0);
			cand[nc++] = self[0];
			cand[nc++] = self[1];
		}
		for (i = 0; dirs[i] != NULL; i++)
			cand[nc++] = dirs[i];
	}
	for (i = 0; i < nc && !found; i++) {
		DIR *d = opendir(cand[i]);
		struct dirent *e;

		if (d == NULL)
			continue;
		while ((e = readdir(d)) != NULL) {
			char path[4096];
			struct ydoc t;
			const char *from;
			payroll_date fd;
			size_t el = strlen(e->d_name);

			if (strncmp(e->d_name, name, nl) != 0 ||
			    e->d_name[nl] != '-' || el < nl + 6 ||
			    strcmp(e->d_name + el - 5, ".yaml") != 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", cand[i],
			    e->d_name);
			ydoc_load(&t, path);
			from = ystr(&t, yroot(&t), "from", 1);
			if (payroll_date_parse(from, strlen(from), &fd) != 0)
				ydie(&t, yget(&t, yroot(&t), "from"), "'from' "
				    "is a date YYYY-MM-DD");
			if (fd <= g.first_pay && (!found || fd > bestdate)) {
				bestdate = fd;
				snprintf(best, sizeof(best), "%s", path);
				found = 1;
			}
			ydoc_free(&t);
		}
		closedir(d);
	}
	if (!found) {
		char pd[11];

		date_str(g.first_pay, pd);
		die(ST_RULES, "no %s layout (%s-*.yaml) in force on %s in %s%s",
		    name, name, pd, g.layout != NULL ? g.layout :
		    "$PAYROLL_FORMATS, the program's ../rules/formats and "
		    "../share/payroll/rules/formats, or rules/formats",
		    g.layout != NULL ? "" :
		    " (use --layout)");
	}
	ydoc_load(y, best);
	return best;
}

/* Takes a company setting through the format's transliteration. */
static void
nacha_text(const char *key, const char *s, char *out, size_t size,
    size_t max)
{
	char why[200];
	int cut;

	if (translit(&na.tl, s, strlen(s), max, out, size, &cut, why,
	    sizeof(why)) != 0)
		ydie(&g.company, yget(&g.company, company_section("nacha"),
		    key), "'%s': %s", key, why);
}

int
all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

void
nacha_begin(void)
{
	static const char *const top[] = { "format", "from", "source",
	    "record_length", "blocking_factor", "block_filler", "line_end",
	    "charset", "upper_case", "transliterate", "transaction_codes",
	    "descriptive_date_months", "records", "banking_days", "reversal",
	    NULL };
	static const char *const ckeys[] = { "immediate_destination",
	    "immediate_destination_name", "immediate_origin",
	    "immediate_origin_name", "company_name", "company_id",
	    "odfi_routing", "file_id_modifier", "prenote_column", NULL };
	struct ydoc *y = &na.y, *c = &g.company;
	const struct payroll_node *root, *tx, *cs = company_section("nacha");
	const char *s;
	struct tm tm;
	static char cdate[32], ctime_[32];

	na.path = layout_pick("nacha", y);
	root = yroot(y);
	ykeys(y, root, top);
	if ((s = ystr(y, root, "format", 1)) == NULL || strcmp(s, "nacha") != 0)
		ydie(y, root, "not a nacha layout (format: nacha)");
	na.out.reclen = (int)yint(y, root, "record_length", 94, 1000);
	na.out.blocking = (int)yint(y, root, "blocking_factor", 10, 1000);
	s = ystr(y, root, "block_filler", 1);
	if (strlen(s) != 1)
		ydie(y, root, "block_filler is one character");
	na.out.filler = s[0];
	s = ystr(y, root, "line_end", 1);
	if (strcmp(s, "lf") == 0)
		na.out.eol = "\n";
	else if (strcmp(s, "crlf") == 0)
		na.out.eol = "\r\n";
	else
		ydie(y, yget(y, root, "line_end"), "line_end is lf or crlf");
	translit_load(&na.tl, y, root);
	tx = ymap(y, root, "transaction_codes", 1);
	na.tx_checking = ystr(y, tx, "checking", 1);
	na.tx_savings = ystr(y, tx, "savings", 1);
	na.tx_checking_pre = ystr(y, tx, "checking_prenote", 1);
	na.tx_savings_pre = ystr(y, tx, "savings_prenote", 1);
	{
		int len[NREC];
		size_t r;

		for (r = 0; r < NREC; r++)
			len[r] = na.out.reclen;
		fixed_load(y, root, &na.out, na.rec, recnames, NREC, len,
		    dnames, recdata);
	}
	banking_days_load(y, root);
	if ((tx = yget(y, root, "descriptive_date_months")) != NULL) {
		size_t i;

		if (tx->type != PAYROLL_NODE_SEQUENCE || yseq_len(tx) != 12)
			ydie(y, tx, "descriptive_date_months lists 12 names");
		for (i = 0; i < 12; i++)
			na.months[i] = yscalar(y, yseq_item(y, tx, i),
			    "descriptive_date_months");
	}

	/* The company's ids. */
	ykeys(c, cs, ckeys);
	s = ystr(c, cs, "immediate_destination", 1);
	if (!aba_valid(s, strlen(s)))
		ydie(c, yget(c, cs, "immediate_destination"), "'%s' is not a "
		    "routing number (nine digits with a valid check digit)", s);
	snprintf(na.dest, sizeof(na.dest), "%s", s);
	s = ystr(c, cs, "odfi_routing", 1);
	if (!aba_valid(s, strlen(s)))
		ydie(c, yget(c, cs, "odfi_routing"), "'%s' is not a routing "
		    "number (nine digits with a valid check digit)", s);
	snprintf(na.odfi, sizeof(na.odfi), "%.8s", s);
	s = ystr(c, cs, "immediate_origin", 1);
	if (strlen(s) < 9 || strlen(s) > 10 || !all_digits(s, strlen(s)))
		ydie(c, yget(c, cs, "immediate_origin"), "'%s': the immediate "
		    "origin is 9 or 10 digits, as the bank assigns it", s);
	snprintf(na.origin, sizeof(na.origin), "%s", s);
	s = ystr(c, cs, "company_id", 1);
	if (strlen(s) != 10 || !all_digits(s, 10))
		ydie(c, yget(c, cs, "company_id"), "'%s': the company "
		    "identification is 10 digits (often 1 and the EIN)", s);
	snprintf(na.company_id, sizeof(na.company_id), "%s", s);
	nacha_text("immediate_destination_name", ystr(c, cs,
	    "immediate_destination_name", 1), na.dest_name,
	    sizeof(na.dest_name), 23);
	nacha_text("immediate_origin_name", ystr(c, cs,
	    "immediate_origin_name", 1), na.origin_name,
	    sizeof(na.origin_name), 23);
	nacha_text("company_name", ystr(c, cs, "company_name", 1),
	    na.company_name, sizeof(na.company_name), 16);
	s = ystr(c, cs, "file_id_modifier", 0);
	if (s == NULL)
		s = "A";
	if (strlen(s) != 1 || (!isupper((unsigned char)s[0]) &&
	    !isdigit((unsigned char)s[0])))
		ydie(c, yget(c, cs, "file_id_modifier"), "the file id "
		    "modifier is one of A-Z or 0-9");
	snprintf(na.file_id, sizeof(na.file_id), "%s", s);

	gmtime_r(&g.now, &tm);
	snprintf(cdate, sizeof(cdate), "%02d%02d%02d", tm.tm_year % 100,
	    tm.tm_mon + 1, tm.tm_mday);
	snprintf(ctime_, sizeof(ctime_), "%02d%02d", tm.tm_hour, tm.tm_min);
	na.val[D_IMM_DEST] = na.dest;
	na.val[D_IMM_ORIGIN] = na.origin;
	na.val[D_CDATE] = cdate;
	na.val[D_CTIME] = ctime_;
	na.val[D_FILE_ID] = na.file_id;
	na.val[D_IMM_DEST_NAME] = na.dest_name;
	na.val[D_IMM_ORIGIN_NAME] = na.origin_name;
	na.val[D_REFERENCE] = "";
	na.val[D_COMPANY_NAME] = na.company_name;
	na.val[D_DISCRETIONARY] = "";
	na.val[D_COMPANY_ID] = na.company_id;
	na.val[D_DESC_DATE] = "";
	na.val[D_ODFI] = na.odfi;
	na.val[D_ENTRY_DISC] = "";
	na.val[D_ADDENDA] = "0";

	g.out = open_output();
}

/*
 * Lays out one record from the layout and na.val[].  Returns 0, or -1
 * with why filled when a value does not fit its field.
 */
static int
nacha_format(int r, char *buf, char *why, size_t whysize)
{
	memset(buf, ' ', (size_t)na.out.reclen);
	buf[na.out.reclen] = '\0';
	return fixed_format(&na.out, &na.rec[r], na.val, buf, why, whysize);
}

void
nacha_emit(int r)
{
	char buf[1024], why[800];

	if (nacha_format(r, buf, why, sizeof(why)) != 0)
		die(ST_DATA, "%s record: %s", recnames[r], why);
	fixed_write(&na.out, recnames[r], buf);
}

/* The batch control record: its counts and totals are the layout's. */
static void
nacha_close_batch(void)
{
	if (!na.inbatch)
		return;
	nacha_emit(R_BATCH_CONTROL);
	na.inbatch = 0;
}

static void
nacha_open_batch(payroll_date pay)
{
	static char eff[32], batch[24], desc[32];
	int y, m, d;

	if (na.out.written == 0)
		nacha_emit(R_FILE_HEADER);
	payroll_date_split(effective_date(pay), &y, &m, &d);
	snprintf(eff, sizeof(eff), "%02d%02d%02d", y % 100, m, d);
	payroll_date_split(pay, &y, &m, &d);
	desc[0] = '\0';
	if (na.months[0] != NULL)
		snprintf(desc, sizeof(desc), "%s %02d", na.months[m - 1],
		    y % 100);
	na.val[D_DESC_DATE] = desc;
	na.nbatches++;
	snprintf(batch, sizeof(batch), "%lu", na.nbatches);
	na.val[D_EFFECTIVE] = eff;
	na.val[D_BATCH] = batch;
	nacha_emit(R_BATCH_HEADER);
	na.inbatch = 1;
	na.batchdate = pay;
}

/* A boolean field: 1, 0, or -1 when it is not one. */
static int
parse_bool(const char *s, size_t len)
{
	static const char *const yes[] = { "true", "yes", "y", "1", NULL };
	static const char *const no[] = { "false", "no", "n", "0", "", NULL };
	size_t i;

	for (i = 0; yes[i] != NULL; i++)
		if (strlen(yes[i]) == len && strncasecmp(s, yes[i], len) == 0)
			return 1;
	for (i = 0; no[i] != NULL; i++)
		if (strlen(no[i]) == len && strncasecmp(s, no[i], len) == 0)
			return 0;
	return -1;
}

void
nacha_row(const struct row *r)
{
	char name[256], id[64], acct[32], amount[24], trace[24], why[300];
	char rdfi[9], check[2], full[300];
	const char *txcode;
	int64_t net = r->amt[g.net];
	int prenote = 0, savings, cut, before = (int)g.nerrors;
	char shownbuf[80];
	size_t i;

	if (!has(r, F_ROUTING) && !has(r, F_ACCOUNT)) {
		warnx_("%s:%lu: employee '%s' (%.*s, %.*s) has no bank "
		    "account: not in this file, pay by cheque", r->file,
		    r->line, id_shown(r), (int)r->fl[F_LAST],
		    r->fx[F_LAST], (int)r->fl[F_FIRST], r->fx[F_FIRST]);
		g.nskipped++;
		return;
	}
	if (!aba_valid(r->fx[F_ROUTING], r->fl[F_ROUTING]))
		row_error(r, "bank_routing", "'%s' is not a routing number "
		    "(nine digits with a valid check digit)",
		    show_value("bank_routing", r->fx[F_ROUTING],
		    r->fl[F_ROUTING], shownbuf, sizeof(shownbuf)));
	if (r->fl[F_ACCOUNT] == 0 || r->fl[F_ACCOUNT] > 17)
		row_error(r, "bank_account", "an account number has 1 to 17 "
		    "characters");
	for (i = 0; i < r->fl[F_ACCOUNT]; i++)
		if (!isalnum((unsigned char)r->fx[F_ACCOUNT][i]) &&
		    r->fx[F_ACCOUNT][i] != '-') {
			row_error(r, "bank_account", "'%c' in an account "
			    "number (letters, digits and '-' only)",
			    r->fx[F_ACCOUNT][i]);
			break;
		}
	if (r->fl[F_ACCTYPE] == 7 && strncasecmp(r->fx[F_ACCTYPE], "savings",
	    7) == 0)
		savings = 1;
	else if (r->fl[F_ACCTYPE] == 8 && strncasecmp(r->fx[F_ACCTYPE],
	    "checking", 8) == 0)
		savings = 0;
	else {
		row_error(r, "bank_account_type", "'%.*s': checking or savings",
		    (int)r->fl[F_ACCTYPE], r->fx[F_ACCTYPE]);
		savings = 0;
	}
	if (has(r, F_PRENOTE) &&
	    (prenote = parse_bool(r->fx[F_PRENOTE], r->fl[F_PRENOTE])) < 0)
		row_error(r, fixnames[F_PRENOTE], "'%.*s' is not true or "
		    "false", (int)r->fl[F_PRENOTE], r->fx[F_PRENOTE]);
	if (!prenote && net < 0)
		row_error(r, "net_pay", "%s: a payment must be more than zero "
		    "(never a debit)", fmt_minor(net, amount, sizeof(amount),
		    0));
	snprintf(full, sizeof(full), "%.*s %.*s", (int)r->fl[F_FIRST],
	    r->fx[F_FIRST], (int)r->fl[F_LAST], r->fx[F_LAST]);
	if (translit(&na.tl, full, strlen(full), sizeof(name) - 1, name,
	    sizeof(name), &cut, why, sizeof(why)) != 0)
		row_error(r, "last_name", "%s", why);
	if (translit(&na.tl, r->fx[F_ID], r->fl[F_ID], sizeof(id) - 1, id,
	    sizeof(id), &cut, why, sizeof(why)) != 0)
		row_error(r, "employee_id", "%s", why);
	if ((int)g.nerrors > before)
		return;
	if (!prenote && net == 0) {
		warnx_("%s:%lu: employee '%s' (%.*s, %.*s): net pay 0.00, "
		    "nothing to pay: not in this file", r->file, r->line,
		    id_shown(r), (int)r->fl[F_LAST],
		    r->fx[F_LAST], (int)r->fl[F_FIRST], r->fx[F_FIRST]);
		g.nskipped++;
		return;
	}

	if (!na.inbatch || na.batchdate != r->pay) {
		nacha_close_batch();
		nacha_open_batch(r->pay);
	}
	snprintf(rdfi, sizeof(rdfi), "%.8s", r->fx[F_ROUTING]);
	snprintf(check, sizeof(check), "%c", r->fx[F_ROUTING][8]);
	for (i = 0; i < r->fl[F_ACCOUNT]; i++)
		acct[i] = (char)toupper((unsigned char)r->fx[F_ACCOUNT][i]);
	acct[i] = '\0';
	txcode = prenote ? (savings ? na.tx_savings_pre : na.tx_checking_pre) :
	    (savings ? na.tx_savings : na.tx_checking);
	snprintf(amount, sizeof(amount), "%lld", prenote ? 0LL :
	    (long long)net);
	na.trace++;
	snprintf(trace, sizeof(trace), "%s%07lu", na.odfi, na.trace);
	na.val[D_TXCODE] = txcode;
	na.val[D_RDFI] = rdfi;
	na.val[D_CHECK] = check;
	na.val[D_ACCOUNT] = acct;
	na.val[D_AMOUNT] = amount;
	na.val[D_INDIV_ID] = id;
	na.val[D_INDIV_NAME] = name;
	na.val[D_TRACE] = trace;
	{
		char buf[1024];

		if (nacha_format(R_ENTRY, buf, why, sizeof(why)) != 0) {
			row_error(r, NULL, "%s", why);
			na.trace--;
			return;
		}
		fixed_write(&na.out, recnames[R_ENTRY], buf);
	}
	if (prenote) {
		warnx_("%s:%lu: employee '%s': new account, prenote sent; "
		    "not paid by this file, pay by cheque", r->file, r->line,
		    id_shown(r));
		g.nskipped++;
	}
	na.fentries++;
	if (!prenote)
		na.fcredits += net;
}

void
nacha_end(void)
{
	if (g.nerrors > 0)
		return;
	if (na.fentries == 0)
		die(ST_DATA, "no employee to pay: no file written");
	nacha_close_batch();
	nacha_emit(R_FILE_CONTROL);
	if (payroll_fixed_finish(&na.out) != PAYROLL_OK)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
	payroll_fixed_free(&na.out);
	ydoc_free(&na.y);
}

/* The bank file's entries and total, for the run summary. */
void
nacha_summary(void)
{
	char buf[64];

	sumfile_put("bank_entries", "%lu", na.fentries);
	sumfile_put("bank_total", "%s", fmt_minor(na.fcredits, buf,
	    sizeof(buf), 0));
}
