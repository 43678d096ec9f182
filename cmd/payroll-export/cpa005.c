/*
 * cpa005.c: Canadian direct deposit files in the Payments Canada
 * Standard 005 layout (AFT files): a header "A" record, "C" (credit)
 * records of up to six 240-byte segments, one payment each, and a
 * trailer "Z" record with the counts and totals.  The positions, lengths,
 * padding and codes are read from rules/formats/cpa005-YYYY.yaml; this
 * code supplies the values and keeps the counts and totals (the field
 * type, struct ffield, and layout_pick() are nacha.c's, in export.h).
 */
#include "export.h"

enum {
	C_ORIG_ID, C_FCN, C_CDATE, C_DDC, C_CURRENCY, C_RECCOUNT, C_TXTYPE,
	C_AMOUNT, C_PAYDATE, C_INST, C_TRANSIT, C_ACCOUNT, C_SHORT,
	C_PAYEE, C_LONG, C_XREF, C_RINST, C_RTRANSIT, C_RACCOUNT,
	C_DVALUE, C_DCOUNT, C_CVALUE, C_CCOUNT, CND
};
static const char *const cdnames[CND] = {
	"originator_id", "file_creation_number", "creation_date",
	"destination_data_centre", "currency_code", "record_count",
	"transaction_type", "amount", "payment_date", "institution",
	"transit", "account_number", "originator_short_name", "payee_name",
	"originator_long_name", "cross_reference", "return_institution",
	"return_transit", "return_account", "total_debit_value",
	"total_debit_count", "total_credit_value", "total_credit_count"
};

enum { CR_HEADER, CR_PREFIX, CR_SEGMENT, CR_TRAILER, CNREC };
static const char *const crecnames[CNREC] = {
	"header", "detail_prefix", "segment", "trailer"
};
static const int crecdata[CNREC][16] = {
	{ C_RECCOUNT, C_ORIG_ID, C_FCN, C_CDATE, C_DDC, C_CURRENCY, -1 },
	{ C_RECCOUNT, C_ORIG_ID, C_FCN, -1 },
	{ C_TXTYPE, C_AMOUNT, C_PAYDATE, C_INST, C_TRANSIT, C_ACCOUNT,
	  C_SHORT, C_PAYEE, C_LONG, C_ORIG_ID, C_XREF, C_RINST, C_RTRANSIT,
	  C_RACCOUNT, -1 },
	{ C_RECCOUNT, C_ORIG_ID, C_FCN, C_DVALUE, C_DCOUNT, C_CVALUE,
	  C_CCOUNT, -1 }
};

static struct {
	struct ydoc y;
	const char *path;
	struct frecord rec[CNREC];
	int reclen, seglen, prefixlen, nseg;
	struct payroll_fixed out;	/* the file (cp.reclen, line end) */
	struct translit tl;
	const char *txtype;
	char orig[16], fcn[8], ddc[8], currency[4];
	char shortname[32], longname[64];
	char rinst[8], rtransit[8], raccount[16];
	const char *val[CND];
	char record[4096];
	int segs;		/* segments in the open C record */
	unsigned long nrecords, ncredits;
	int64_t credits;
} cp;

/* The 0YYDDD date of the standard: 0, the year's last two digits, the
 * day of the year. */
static void
cpa_julian(payroll_date d, char *out, size_t size)
{
	int y, m, dd;

	payroll_date_split(d, &y, &m, &dd);
	snprintf(out, size, "0%02d%03d", y % 100,
	    (int)(d - payroll_date_make(y, 1, 1)) + 1);
}

/* Lays out record r into buf (its own length) from cp.val[]. */
static int
cpa_format(int r, char *buf, char *why, size_t whysize)
{
	return fixed_format(&cp.out, &cp.rec[r], cp.val, buf, why, whysize);
}

static void
cpa_emit(int r)
{
	char buf[4096], why[200], cnt[16];

	cp.nrecords++;
	snprintf(cnt, sizeof(cnt), "%lu", cp.nrecords);
	cp.val[C_RECCOUNT] = cnt;
	memset(buf, ' ', (size_t)cp.reclen);
	buf[cp.reclen] = '\0';
	if (cpa_format(r, buf, why, sizeof(why)) != 0)
		die(ST_DATA, "%s record: %s", crecnames[r], why);
	fixed_write(&cp.out, crecnames[r], buf);
}

/* Writes the open C record, its unused segments blank. */
static void
cpa_flush(void)
{
	char cnt[16], why[200];

	if (cp.segs == 0)
		return;
	cp.nrecords++;
	snprintf(cnt, sizeof(cnt), "%lu", cp.nrecords);
	cp.val[C_RECCOUNT] = cnt;
	if (cpa_format(CR_PREFIX, cp.record, why, sizeof(why)) != 0)
		die(ST_DATA, "detail_prefix record: %s", why);
	fixed_write(&cp.out, crecnames[CR_PREFIX], cp.record);
	cp.segs = 0;
}

/* A company setting of digits only, at most max of them. */
static const char *
cpa_digits(const struct payroll_node *cs, const char *key, size_t min,
    size_t max,
    int required, char *out, size_t size)
{
	const char *s = ystr(&g.company, cs, key, required);

	if (s == NULL) {
		out[0] = '\0';
		return out;
	}
	if (strlen(s) < min || strlen(s) > max || !all_digits(s, strlen(s)))
		ydie(&g.company, yget(&g.company, cs, key), "'%s': %s is %zu "
		    "to %zu digits", s, key, min, max);
	snprintf(out, size, "%s", s);
	return out;
}

static void
cpa_text(const struct payroll_node *cs, const char *key, const char *s,
    char *out,
    size_t size, size_t max)
{
	char why[200];
	int cut;

	if (translit(&cp.tl, s, strlen(s), max, out, size, &cut, why,
	    sizeof(why)) != 0)
		ydie(&g.company, yget(&g.company, cs, key), "'%s': %s", key,
		    why);
}

void
cpa_begin(void)
{
	static const char *const top[] = { "format", "from", "source",
	    "provisional", "record_length", "segment_length",
	    "segments_per_record", "line_end", "charset", "upper_case",
	    "transliterate", "transaction_type", "records", NULL };
	static const char *const ckeys[] = { "originator_id",
	    "file_creation_number", "destination_data_centre",
	    "originator_short_name", "originator_long_name", "currency",
	    "return_institution", "return_transit", "return_account", NULL };
	struct ydoc *y = &cp.y, *c = &g.company;
	const struct payroll_node *root, *cs = company_section("cpa005");
	const char *s;
	static char cdate[16];
	struct tm tm;
	size_t i;

	cp.path = layout_pick("cpa005", y);
	root = yroot(y);
	ykeys(y, root, top);
	if ((s = ystr(y, root, "format", 1)) == NULL ||
	    strcmp(s, "cpa005") != 0)
		ydie(y, root, "not a cpa005 layout (format: cpa005)");
	cp.reclen = (int)yint(y, root, "record_length", 1464, 4000);
	cp.seglen = (int)yint(y, root, "segment_length", 240, 4000);
	cp.nseg = (int)yint(y, root, "segments_per_record", 6, 16);
	cp.prefixlen = cp.reclen - cp.nseg * cp.seglen;
	if (cp.prefixlen < 1)
		ydie(y, root, "segments_per_record x segment_length leave no "
		    "room for the record's prefix");
	s = ystr(y, root, "line_end", 1);
	if (strcmp(s, "lf") == 0)
		cp.out.eol = "\n";
	else if (strcmp(s, "crlf") == 0)
		cp.out.eol = "\r\n";
	else if (strcmp(s, "none") == 0)
		cp.out.eol = "";
	else
		ydie(y, yget(y, root, "line_end"), "line_end is lf, crlf or "
		    "none");
	translit_load(&cp.tl, y, root);
	cp.txtype = ystr(y, root, "transaction_type", 1);
	{
		int len[CNREC];
		size_t r;

		for (r = 0; r < CNREC; r++)
			len[r] = r == CR_PREFIX ? cp.prefixlen :
			    r == CR_SEGMENT ? cp.seglen : cp.reclen;
		fixed_load(y, root, &cp.out, cp.rec, crecnames, CNREC, len,
		    cdnames, crecdata);
	}
	cp.out.reclen = cp.reclen;
	if ((s = ystr(y, root, "provisional", 0)) != NULL)
		warnx_("warning: %s: provisional layout: %s", cp.path, s);

	ykeys(c, cs, ckeys);
	s = ystr(c, cs, "originator_id", 1);
	if (strlen(s) != 10)
		ydie(c, yget(c, cs, "originator_id"), "'%s': the originator's "
		    "id is the 10 characters the bank assigns", s);
	for (i = 0; s[i] != '\0'; i++)
		if (!isalnum((unsigned char)s[i]))
			ydie(c, yget(c, cs, "originator_id"), "'%s': letters "
			    "and digits only", s);
	snprintf(cp.orig, sizeof(cp.orig), "%s", s);
	cpa_digits(cs, "file_creation_number", 1, 4, 1, cp.fcn,
	    sizeof(cp.fcn));
	if (strtol(cp.fcn, NULL, 10) == 0)
		ydie(c, yget(c, cs, "file_creation_number"), "the file "
		    "creation number is 1 to 9999, one more for each file");
	cpa_digits(cs, "destination_data_centre", 5, 5, 1, cp.ddc,
	    sizeof(cp.ddc));
	s = ystr(c, cs, "currency", 0);
	if (s == NULL)
		s = "CAD";
	if (strcmp(s, "CAD") != 0 && strcmp(s, "USD") != 0)
		ydie(c, yget(c, cs, "currency"), "'%s': CAD or USD", s);
	snprintf(cp.currency, sizeof(cp.currency), "%s", s);
	cpa_text(cs, "originator_long_name", ystr(c, cs,
	    "originator_long_name", 1), cp.longname, sizeof(cp.longname), 30);
	s = ystr(c, cs, "originator_short_name", 0);
	cpa_text(cs, s != NULL ? "originator_short_name" :
	    "originator_long_name", s != NULL ? s : cp.longname,
	    cp.shortname, sizeof(cp.shortname), 15);
	cpa_digits(cs, "return_institution", 3, 3, 1, cp.rinst,
	    sizeof(cp.rinst));
	cpa_digits(cs, "return_transit", 5, 5, 1, cp.rtransit,
	    sizeof(cp.rtransit));
	cpa_digits(cs, "return_account", 1, 12, 1, cp.raccount,
	    sizeof(cp.raccount));

	gmtime_r(&g.now, &tm);
	cpa_julian(payroll_date_make(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday), cdate, sizeof(cdate));
	cp.val[C_ORIG_ID] = cp.orig;
	cp.val[C_FCN] = cp.fcn;
	cp.val[C_CDATE] = cdate;
	cp.val[C_DDC] = cp.ddc;
	cp.val[C_CURRENCY] = cp.currency;
	cp.val[C_TXTYPE] = cp.txtype;
	cp.val[C_SHORT] = cp.shortname;
	cp.val[C_LONG] = cp.longname;
	cp.val[C_RINST] = cp.rinst;
	cp.val[C_RTRANSIT] = cp.rtransit;
	cp.val[C_RACCOUNT] = cp.raccount;
	g.out = open_output();
}

void
cpa_row(const struct row *r)
{
	char name[64], full[300], why[300], amount[24], pdate[16], xref[64];
	char inst[8], transit[8], acct[16], seg[4096], shownbuf[80];
	int64_t net = r->amt[g.net];
	int cut, before = (int)g.nerrors;

	if (!has(r, F_INST) && !has(r, F_TRANSIT) && !has(r, F_ACCOUNT)) {
		warnx_("%s:%lu: employee '%s' (%.*s, %.*s) has no bank "
		    "account: not in this file, pay by cheque", r->file,
		    r->line, id_shown(r), (int)r->fl[F_LAST],
		    r->fx[F_LAST], (int)r->fl[F_FIRST], r->fx[F_FIRST]);
		g.nskipped++;
		return;
	}
	if (r->fl[F_INST] != 3 || !all_digits(r->fx[F_INST], 3))
		row_error(r, "bank_institution", "'%.*s' is not an institution "
		    "number (3 digits)", (int)r->fl[F_INST], r->fx[F_INST]);
	if (r->fl[F_TRANSIT] != 5 || !all_digits(r->fx[F_TRANSIT], 5))
		row_error(r, "bank_transit", "'%.*s' is not a branch transit "
		    "number (5 digits)", (int)r->fl[F_TRANSIT],
		    r->fx[F_TRANSIT]);
	if (r->fl[F_ACCOUNT] == 0 || r->fl[F_ACCOUNT] > 12 ||
	    !all_digits(r->fx[F_ACCOUNT], r->fl[F_ACCOUNT]))
		row_error(r, "bank_account", "'%s': an account number is 1 to "
		    "12 digits", show_value("bank_account", r->fx[F_ACCOUNT],
		    r->fl[F_ACCOUNT], shownbuf, sizeof(shownbuf)));
	if (net < 0)
		row_error(r, "net_pay", "%s: a payment must be more than zero "
		    "(never a debit)", fmt_minor(net, amount, sizeof(amount),
		    0));
	snprintf(full, sizeof(full), "%.*s %.*s", (int)r->fl[F_FIRST],
	    r->fx[F_FIRST], (int)r->fl[F_LAST], r->fx[F_LAST]);
	if (translit(&cp.tl, full, strlen(full), 30, name, sizeof(name),
	    &cut, why, sizeof(why)) != 0)
		row_error(r, "last_name", "%s", why);
	if (translit(&cp.tl, r->fx[F_ID], r->fl[F_ID], 19, xref,
	    sizeof(xref), &cut, why, sizeof(why)) != 0)
		row_error(r, "employee_id", "%s", why);
	else if (cut)
		row_error(r, "employee_id", "longer than the 19 characters of "
		    "the cross reference number");
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
	if (cp.nrecords == 0)
		cpa_emit(CR_HEADER);
	snprintf(inst, sizeof(inst), "%.3s", r->fx[F_INST]);
	snprintf(transit, sizeof(transit), "%.5s", r->fx[F_TRANSIT]);
	snprintf(acct, sizeof(acct), "%.*s", (int)r->fl[F_ACCOUNT],
	    r->fx[F_ACCOUNT]);
	snprintf(amount, sizeof(amount), "%lld", (long long)net);
	cpa_julian(r->pay, pdate, sizeof(pdate));
	cp.val[C_AMOUNT] = amount;
	cp.val[C_PAYDATE] = pdate;
	cp.val[C_INST] = inst;
	cp.val[C_TRANSIT] = transit;
	cp.val[C_ACCOUNT] = acct;
	cp.val[C_PAYEE] = name;
	cp.val[C_XREF] = xref;
	memset(seg, ' ', (size_t)cp.seglen);
	if (cpa_format(CR_SEGMENT, seg, why, sizeof(why)) != 0) {
		row_error(r, NULL, "%s", why);
		return;
	}
	if (cp.segs == 0) {
		memset(cp.record, ' ', (size_t)cp.reclen);
		cp.record[cp.reclen] = '\0';
	}
	memcpy(cp.record + cp.prefixlen + cp.segs * cp.seglen, seg,
	    (size_t)cp.seglen);
	cp.ncredits++;
	cp.credits += net;
	if (++cp.segs == cp.nseg)
		cpa_flush();
}

void
cpa_end(void)
{
	char dv[24], dc[24], cv[24], cc[24];

	if (g.nerrors > 0)
		return;
	if (cp.ncredits == 0)
		die(ST_DATA, "no employee to pay: no file written");
	cpa_flush();
	snprintf(dv, sizeof(dv), "0");
	snprintf(dc, sizeof(dc), "0");
	snprintf(cv, sizeof(cv), "%lld", (long long)cp.credits);
	snprintf(cc, sizeof(cc), "%lu", cp.ncredits);
	cp.val[C_DVALUE] = dv;
	cp.val[C_DCOUNT] = dc;
	cp.val[C_CVALUE] = cv;
	cp.val[C_CCOUNT] = cc;
	cpa_emit(CR_TRAILER);
	payroll_fixed_free(&cp.out);
	ydoc_free(&cp.y);
}
