/*
 * reversal.c: a NACHA reversing file for an erroneous or duplicate one
 * (payroll-export --format nacha-reversal ORIGINAL.ach).
 *
 * Every entry of the original file is sent back as its reversing entry:
 * the same receiving bank, account, amount, individual id and name, the
 * same company name, company id and SEC code, with the transaction code
 * the layout's 'reversal.transaction_codes' maps it to (a credit becomes
 * the debit of the same account), the company entry description the
 * layout gives (REVERSAL) and new trace numbers.  Prenotes (zero-dollar
 * entries) are not reversed.  The reversal's effective entry date
 * (--effective-date, else the first banking day after the file's creation
 * date) must be a banking day no more than 'reversal.banking_days' banking
 * days after the settlement date of the original batch (its effective
 * entry date), else nothing is written.  Positions and codes are the
 * layout's (rules/formats/nacha-YYYY.yaml); the layout and state are
 * nacha.c's (struct nacha_state in export.h).
 */
#include "export.h"

static struct {
	const char *desc;		/* company entry description */
	const char *from[8], *to[8];	/* transaction code map */
	size_t ntx;
	long window;			/* banking days */
	int have;
} rv;

/* Sets the constant fields the layout's reversal overrides (by record
 * and position) and reads the rest of its 'reversal' section. */
static void
reversal_load(void)
{
	static const char *const keys[] = { "source", "overrides",
	    "transaction_codes", "banking_days", NULL };
	struct ydoc *y = &na.y;
	const struct payroll_node *root = yroot(y), *r, *o, *tx;
	size_t i, j, k, q;

	if ((r = yget(y, root, "reversal")) == NULL)
		ydie(y, root, "the layout has no 'reversal' section: it does "
		    "not say how reversing entries are written");
	ykeys(y, r, keys);
	(void)ystr(y, r, "source", 1);
	if (yget(y, r, "banking_days") == NULL)
		ydie(y, r, "reversal: 'banking_days' (the days after the "
		    "original's settlement a reversal may be sent)");
	rv.window = yint(y, r, "banking_days", 0, 100);
	tx = ymap(y, r, "transaction_codes", 1);
	for (j = 0; j < ymap_len(tx); j++) {
		const struct payroll_node *kn, *vn;

		if (rv.ntx == 8)
			ydie(y, tx, "too many transaction codes");
		ymap_pair(y, tx, j, &kn, &vn);
		rv.from[rv.ntx] = yscalar(y, kn, "a transaction code");
		rv.to[rv.ntx++] = yscalar(y, vn, "a transaction code");
	}
	o = ymap(y, r, "overrides", 1);
	for (j = 0; j < ymap_len(o); j++) {
		const struct payroll_node *rk, *fm;
		const char *rn;

		ymap_pair(y, o, j, &rk, &fm);
		rn = yscalar(y, rk, "a record name");
		for (k = 0; k < NREC; k++)
			if (strcmp(recnames[k], rn) == 0)
				break;
		if (k == NREC || fm->type != PAYROLL_NODE_MAPPING)
			ydie(y, fm, "overrides: RECORD: {POSITION: VALUE}");
		for (q = 0; q < ymap_len(fm); q++) {
			const struct payroll_node *kn, *vn;
			int pos;
			const char *v;

			ymap_pair(y, fm, q, &kn, &vn);
			pos = atoi(yscalar(y, kn, "a position"));
			v = yscalar(y, vn, "a value");

			for (i = 0; i < na.rec[k].n; i++)
				if (na.rec[k].f[i].lf.pos == pos)
					break;
			if (i == na.rec[k].n || na.rec[k].f[i].lf.value == NULL ||
			    (int)strlen(v) > na.rec[k].f[i].lf.len)
				ydie(y, kn, "no constant field of the %s record "
				    "at position %d for '%s'", rn, pos, v);
			na.rec[k].f[i].lf.value = v;
			if (k == R_BATCH_HEADER &&
			    strstr(na.rec[k].f[i].lf.name, "entry description"))
				rv.desc = v;
		}
	}
	rv.have = 1;
}

/* The text of the field holding data d in record r of line s, trimmed
 * of its fill. */
static int
rv_field(int r, int d, const char *s, char *out, size_t size)
{
	size_t i, a, b;

	for (i = 0; i < na.rec[r].n; i++)
		if (na.rec[r].f[i].data == d)
			break;
	if (i == na.rec[r].n)
		return -1;
	a = (size_t)na.rec[r].f[i].lf.pos - 1;
	b = a + (size_t)na.rec[r].f[i].lf.len;
	while (a < b && s[a] == ' ')
		a++;
	while (b > a && s[b - 1] == ' ')
		b--;
	snprintf(out, size, "%.*s", (int)(b - a), s + a);
	return 0;
}

/* The record type code a layout's record starts with. */
static char
rv_type(int r)
{
	return na.rec[r].f[0].lf.value != NULL ? na.rec[r].f[0].lf.value[0] : '?';
}

static payroll_date
rv_yymmdd(const char *s, const char *path, unsigned long line)
{
	int y, m, d;

	if (strlen(s) != 6 || !all_digits(s, 6) ||
	    sscanf(s, "%2d%2d%2d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		die(ST_DATA, "%s:%lu: effective entry date '%s' is not YYMMDD",
		    path, line, s);
	return payroll_date_make(2000 + y, m, d);
}

/* Banking days after from, up to and including to. */
static long
rv_banking_days(payroll_date from, payroll_date to)
{
	long n = 0;
	payroll_date d;

	for (d = from + 1; d <= to; d++)
		if (banking_day_why(d) == NULL)
			n++;
	return n;
}

/* The batch control record: its counts and debit total are the
 * layout's (the entries' transaction codes say debit). */
static void
rv_close_batch(void)
{
	if (!na.inbatch)
		return;
	nacha_emit(R_BATCH_CONTROL);
	na.inbatch = 0;
}

/* A reversal being written: what the records of its batch point to. */
struct rvrun {
	char eff[16], effs[16], sets[16], batch[24], trace[24];
	char v[ND][64], company[64], cid[64], disc[64], desc[16];
	unsigned long nent;
	payroll_date when, settle;
	int inb;
};

/* A batch header of the original (line ln of path): the batch of its
 * reversal opened, after the checks of its settlement date. */
static void
rv_batch(struct rvrun *x, const char *line, const char *path,
    unsigned long ln)
{
	long n;

	rv_field(R_BATCH_HEADER, D_COMPANY_ID, line, x->cid,
	    sizeof(x->cid));
	if (strcmp(x->cid, na.company_id) != 0)
		die(ST_DATA, "%s:%lu: batch of company id '%s', "
		    "not this company's (%s): a reversal comes "
		    "from the originator of the file", path,
		    ln, x->cid, na.company_id);
	rv_field(R_BATCH_HEADER, D_COMPANY_NAME, line,
	    x->company, sizeof(x->company));
	rv_field(R_BATCH_HEADER, D_DISCRETIONARY, line, x->disc,
	    sizeof(x->disc));
	rv_field(R_BATCH_HEADER, D_DESC_DATE, line, x->desc,
	    sizeof(x->desc));
	rv_field(R_BATCH_HEADER, D_EFFECTIVE, line, x->v[0],
	    sizeof(x->v[0]));
	x->settle = rv_yymmdd(x->v[0], path, ln);
	if (x->when < x->settle) {
		payroll_date_format(x->settle, x->sets,
		    sizeof(x->sets));
		die(ST_DATA, "%s:%lu: the original batch settles "
		    "on %s, after the reversal's effective date "
		    "%s: nothing to reverse yet", path, ln,
		    x->sets, x->effs);
	}
	if ((n = rv_banking_days(x->settle, x->when)) > rv.window) {
		payroll_date_format(x->settle, x->sets,
		    sizeof(x->sets));
		die(ST_DATA, "%s:%lu: the original batch settled "
		    "on %s; %s is %ld banking days later: Nacha "
		    "rules allow a reversing file within %ld "
		    "banking days of the settlement date, so it "
		    "is refused (recover the payments from the "
		    "employees instead); nothing written",
		    path, ln, x->sets, x->effs, n, rv.window);
	}
	rv_close_batch();
	if (na.out.written == 0)
		nacha_emit(R_FILE_HEADER);
	na.val[D_COMPANY_NAME] = x->company;
	na.val[D_DISCRETIONARY] = x->disc;
	na.val[D_DESC_DATE] = x->desc;
	na.val[D_EFFECTIVE] = x->eff;
	na.nbatches++;
	snprintf(x->batch, sizeof(x->batch), "%lu", na.nbatches);
	na.val[D_BATCH] = x->batch;
	nacha_emit(R_BATCH_HEADER);
	na.inbatch = 1;
	x->inb = 1;
}

/* An entry of the original (line ln of path): its reversing entry. */
static void
rv_entry(struct rvrun *x, const char *line, const char *path,
    unsigned long ln)
{
	static const int dd[] = { D_TXCODE, D_RDFI, D_CHECK,
	    D_ACCOUNT, D_AMOUNT, D_INDIV_ID, D_INDIV_NAME,
	    D_ENTRY_DISC, D_ADDENDA };
	const char *to = NULL;
	int64_t amt;
	size_t i;

	if (!x->inb)
		die(ST_DATA, "%s:%lu: an entry outside a batch",
		    path, ln);
	for (i = 0; i < sizeof(dd) / sizeof(dd[0]); i++)
		rv_field(R_ENTRY, dd[i], line, x->v[dd[i]],
		    sizeof(x->v[0]));
	amt = strtoll(x->v[D_AMOUNT], NULL, 10);
	if (!all_digits(x->v[D_AMOUNT], strlen(x->v[D_AMOUNT])))
		die(ST_DATA, "%s:%lu: amount '%s' is not digits",
		    path, ln, x->v[D_AMOUNT]);
	if (amt == 0)
		return;	/* a prenote */
	for (i = 0; i < rv.ntx; i++)
		if (strcmp(rv.from[i], x->v[D_TXCODE]) == 0)
			to = rv.to[i];
	if (to == NULL)
		die(ST_DATA, "%s:%lu: transaction code '%s' has "
		    "no reversing code in the layout", path,
		    ln, x->v[D_TXCODE]);
	na.trace++;
	snprintf(x->trace, sizeof(x->trace), "%s%07lu", na.odfi,
	    na.trace);
	na.val[D_TXCODE] = to;
	na.val[D_RDFI] = x->v[D_RDFI];
	na.val[D_CHECK] = x->v[D_CHECK];
	na.val[D_ACCOUNT] = x->v[D_ACCOUNT];
	na.val[D_AMOUNT] = x->v[D_AMOUNT];
	na.val[D_INDIV_ID] = x->v[D_INDIV_ID];
	na.val[D_INDIV_NAME] = x->v[D_INDIV_NAME];
	na.val[D_ENTRY_DISC] = x->v[D_ENTRY_DISC];
	na.val[D_ADDENDA] = "0";
	na.val[D_TRACE] = x->trace;
	nacha_emit(R_ENTRY);
	na.fentries++;
	na.fcredits += amt;	/* debits, here */
	x->nent++;
}

/* The file control record and the blocking filler. */
static void
rv_file_control(void)
{
	nacha_emit(R_FILE_CONTROL);
	if (payroll_fixed_finish(&na.out) != PAYROLL_OK)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
	payroll_fixed_free(&na.out);
}

void
reversal_run(int argc, char *argv[])
{
	static struct rvrun x;
	FILE *fp;
	char line[1100];
	unsigned long ln = 0;
	size_t len;
	int y, m, d;
	struct tm tm;

	if (argc != 1)
		die(ST_USAGE, "nacha-reversal takes one operand: the "
		    "original NACHA file to reverse");
	/* The layout in force on the reversal's date. */
	gmtime_r(&g.now, &tm);
	x.when = payroll_date_make(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
	if (g.effective != NULL && payroll_date_parse(g.effective,
	    strlen(g.effective), &x.when) != 0)
		die(ST_USAGE, "--effective-date '%s' is not a date YYYY-MM-DD",
		    g.effective);
	g.first_pay = x.when;
	nacha_begin();
	reversal_load();
	if (g.effective == NULL) {
		/* The first banking day after the creation date. */
		for (x.when++; na.have_bd && banking_day_why(x.when) != NULL;
		    x.when++)
			;
	}
	x.when = effective_date(x.when);
	payroll_date_split(x.when, &y, &m, &d);
	snprintf(x.eff, sizeof(x.eff), "%02d%02d%02d", y % 100, m, d);
	payroll_date_format(x.when, x.effs, sizeof(x.effs));
	if ((fp = fopen(argv[0], "rb")) == NULL)
		die(ST_SYSTEM, "%s: %s", argv[0], strerror(errno));
	while (fgets(line, sizeof(line), fp) != NULL) {
		ln++;
		len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (len == 0)
			continue;
		if ((int)len != na.out.reclen)
			die(ST_DATA, "%s:%lu: a record of %zu characters, not "
			    "%d: not a NACHA file of this layout", argv[0], ln,
			    len, na.out.reclen);
		if (line[0] == rv_type(R_BATCH_HEADER))
			rv_batch(&x, line, argv[0], ln);
		else if (line[0] == rv_type(R_ENTRY))
			rv_entry(&x, line, argv[0], ln);
		else if (line[0] == rv_type(R_BATCH_CONTROL))
			x.inb = 0;
		else if (line[0] != rv_type(R_FILE_HEADER) &&
		    line[0] != rv_type(R_FILE_CONTROL) && line[0] != na.out.filler)
			die(ST_DATA, "%s:%lu: record type '%c' is not one of "
			    "this layout's", argv[0], ln, line[0]);
	}
	if (ferror(fp))
		die(ST_SYSTEM, "%s: %s", argv[0], strerror(errno));
	fclose(fp);
	if (x.nent == 0)
		die(ST_DATA, "%s: no payment in the file: nothing to reverse",
		    argv[0]);
	rv_close_batch();
	rv_file_control();
	ydoc_free(&na.y);
}
