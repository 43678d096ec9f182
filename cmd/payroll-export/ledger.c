/*
 * ledger.c: the payroll register and the general-ledger journal.
 */
#include "export.h"

struct payroll_csv_writer csvw;	/* the register's and the HR report's CSV */

/*
 * Every cell through the one rule of payroll_csv_put() for files people
 * open (a cell that would start a formula gets a leading '; a plain
 * decimal number, negative amounts included, stays a number).
 */
static void
cput(const char *s, size_t len)
{
	csvw.neutralise = 1;
	if (payroll_csv_put(&csvw, s, len) != 0)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
}

void
cputs(const char *s)
{
	cput(s, strlen(s));
}

void
cendrec(void)
{
	if (payroll_csv_endrec(&csvw) != 0)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
}

static void
cmoney(int64_t v)
{
	char buf[40];

	cputs(fmt_minor(v, buf, sizeof(buf), 0));
}

/* ------------------------------------------------------------------ */
/* register                                                           */
/* ------------------------------------------------------------------ */

/* Register columns after gross: withholdings and deductions, then the
 * employer's contributions, in the packs' order. */
static int
reg_col(size_t j, int pass)
{
	enum payroll_kind k = g.cols[j].kind;

	if (pass == 0)
		return k == PAYROLL_K_WITHHOLDING || k == PAYROLL_K_DEDUCTION;
	return k == PAYROLL_K_EMPLOYER;
}

void
register_begin(void)
{
	size_t j;
	int pass;

	g.out = open_output();
	csvw.fp = g.out;
	cputs("employee_id");
	cputs("last_name");
	cputs("first_name");
	cputs("department");
	cputs("pay_date");
	cputs("gross_pay");
	for (pass = 0; pass < 2; pass++)
		for (j = 0; j < g.ncols; j++)
			if (reg_col(j, pass))
				cputs(g.cols[j].name);
	cputs("net_pay");
	cendrec();
}

void
register_row(const struct row *r)
{
	size_t j;
	int pass;

	cput(r->fx[F_ID], r->fl[F_ID]);
	cput(r->fx[F_LAST], r->fl[F_LAST]);
	cput(r->fx[F_FIRST], r->fl[F_FIRST]);
	cput(r->fx[F_DEPT], r->fl[F_DEPT]);
	cput(r->fx[F_PAYDATE], r->fl[F_PAYDATE]);
	cmoney(r->amt[g.gross]);
	for (pass = 0; pass < 2; pass++)
		for (j = 0; j < g.ncols; j++)
			if (reg_col(j, pass))
				cmoney(r->amt[j]);
	cmoney(r->amt[g.net]);
	cendrec();
}

/* The totals are not a row of the register (a data-shaped TOTAL row
 * doubles any sum over the file): they go to the summary (--summary). */
void
register_end(void)
{
}

/* ------------------------------------------------------------------ */
/* journal                                                            */
/* ------------------------------------------------------------------ */

/* The accounts of each column: debit and credit (NULL: none). */
static const char **jdebit, **jcredit;

/* One aggregated journal line. */
struct jline {
	payroll_date pay, start, end;
	char *dept;
	const char *account;
	int credit;
	int64_t amt;
	struct jline *next;	/* hash chain */
};

#define JHASH 4096
static struct jline *jtab[JHASH];
static size_t njlines;

static const char *
kind_name(enum payroll_kind k)
{
	switch (k) {
	case PAYROLL_K_EARNING:
		return "earning";
	case PAYROLL_K_DEDUCTION:
		return "deduction";
	case PAYROLL_K_WITHHOLDING:
		return "withholding";
	case PAYROLL_K_EMPLOYER:
		return "employer";
	case PAYROLL_K_NET:
		return "net";
	case PAYROLL_K_GROSS:
		return "gross";
	default:
		return "info";
	}
}

/* Finds the mapping of column j: by name, then tag, then kind. */
static const struct payroll_node *
jmap_find(const struct payroll_node *jr, size_t j, const char **how)
{
	struct ydoc *y = &g.company;
	const struct payroll_node *m, *k, *v;
	size_t i;

	if ((m = ymap(y, jr, "by_name", 0)) != NULL &&
	    (v = yget(y, m, g.cols[j].name)) != NULL) {
		*how = "by_name";
		return v;
	}
	if ((m = ymap(y, jr, "by_tag", 0)) != NULL)
		for (i = 0; i < ymap_len(m); i++) {
			ymap_pair(y, m, i, &k, &v);
			if (col_has_tag(j,
			    k->val)) {
				*how = "by_tag";
				return v;
			}
		}
	if ((m = ymap(y, jr, "by_kind", 0)) != NULL &&
	    (v = yget(y, m, kind_name(g.cols[j].kind))) != NULL) {
		*how = "by_kind";
		return v;
	}
	return NULL;
}

void
journal_begin(void)
{
	static const char *const jkeys[] = { "by_name", "by_tag", "by_kind",
	    "account_names", "default_cost_centre", NULL };
	static const char *const akeys[] = { "debit", "credit", NULL };
	struct ydoc *y = &g.company;
	const struct payroll_node *jr = company_section("journal"), *v;
	const char *how;
	size_t j;

	ykeys(y, jr, jkeys);
	if ((jdebit = calloc(g.ncols, sizeof(char *))) == NULL ||
	    (jcredit = calloc(g.ncols, sizeof(char *))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (j = 0; j < g.ncols; j++) {
		enum payroll_kind k = g.cols[j].kind;
		int wantd = k == PAYROLL_K_EARNING || k == PAYROLL_K_EMPLOYER;
		int wantc = k != PAYROLL_K_EARNING;

		if (k == PAYROLL_K_INFO || k == PAYROLL_K_GROSS)
			continue;
		if ((v = jmap_find(jr, j, &how)) == NULL)
			ydie(y, jr, "no account for '%s' (kind %s): map it "
			    "under by_name, by_tag or by_kind", g.cols[j].name,
			    kind_name(k));
		if (v->type != PAYROLL_NODE_MAPPING)
			ydie(y, v, "an account mapping is {debit: ..., "
			    "credit: ...}");
		ykeys(y, v, akeys);
		jdebit[j] = ystr(y, v, "debit", 0);
		jcredit[j] = ystr(y, v, "credit", 0);
		if ((wantd && jdebit[j] == NULL) ||
		    (wantc && jcredit[j] == NULL) ||
		    (!wantd && jdebit[j] != NULL) ||
		    (!wantc && jcredit[j] != NULL))
			ydie(y, v, "'%s' is of kind %s: it takes %s (mapped %s)",
			    g.cols[j].name, kind_name(k), wantd && wantc ?
			    "a debit and a credit account" : wantd ?
			    "a debit account only" : "a credit account only",
			    how);
	}
	g.out = open_output();
	/* Lines by account and cost centre: no one's personal data. */
	out_public(&g.of);
	csvw.fp = g.out;
}

static unsigned long
jhash(payroll_date pay, payroll_date start, const char *dept,
    size_t dlen, const char *acct, int credit)
{
	unsigned long h = 2166136261u;
	size_t i;

	h = (h ^ (unsigned long)pay) * 16777619u;
	h = (h ^ (unsigned long)start) * 16777619u;
	for (i = 0; i < dlen; i++)
		h = (h ^ (unsigned char)dept[i]) * 16777619u;
	for (; *acct != '\0'; acct++)
		h = (h ^ (unsigned char)*acct) * 16777619u;
	return (h ^ (unsigned long)credit) % JHASH;
}

static void
jadd(const struct row *r, const char *acct, int credit, int64_t amt)
{
	const char *dept = r->fx[F_DEPT];
	size_t dlen = r->fl[F_DEPT];
	struct jline *l;
	unsigned long h;

	if (amt == 0)
		return;
	if (amt < 0) {		/* a negative debit is a credit */
		credit = !credit;
		amt = -amt;
	}
	h = jhash(r->pay, r->start, dept, dlen, acct, credit);
	for (l = jtab[h]; l != NULL; l = l->next)
		if (l->pay == r->pay && l->start == r->start &&
		    l->end == r->end && l->credit == credit &&
		    strcmp(l->account, acct) == 0 && strlen(l->dept) == dlen &&
		    memcmp(l->dept, dept, dlen) == 0)
			break;
	if (l == NULL) {
		if ((l = calloc(1, sizeof(*l))) == NULL ||
		    (l->dept = strndup(dept, dlen)) == NULL)
			die(ST_SYSTEM, "out of memory");
		l->pay = r->pay;
		l->start = r->start;
		l->end = r->end;
		l->account = acct;
		l->credit = credit;
		l->next = jtab[h];
		jtab[h] = l;
		njlines++;
	}
	if (add_minor(&l->amt, amt) != 0)
		die(ST_DATA, "%s:%lu: journal total overflows", r->file,
		    r->line);
}

void
journal_row(const struct row *r)
{
	size_t j;

	for (j = 0; j < g.ncols; j++) {
		if (jdebit[j] != NULL)
			jadd(r, jdebit[j], 0, r->amt[j]);
		if (jcredit[j] != NULL)
			jadd(r, jcredit[j], 1, r->amt[j]);
	}
}

static int
jcmp(const void *a, const void *b)
{
	const struct jline *x = *(struct jline *const *)a;
	const struct jline *y = *(struct jline *const *)b;
	int c;

	if (x->pay != y->pay)
		return x->pay < y->pay ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if ((c = strcmp(x->dept, y->dept)) != 0)
		return c;
	if (x->credit != y->credit)
		return x->credit - y->credit;
	return strcmp(x->account, y->account);
}

void
journal_end(void)
{
	struct ydoc *y = &g.company;
	const struct payroll_node *jr = company_section("journal");
	const struct payroll_node *names = ymap(y, jr, "account_names", 0);
	const char *defcc = ystr(y, jr, "default_cost_centre", 0);
	struct jline **v, *l;
	size_t i, n = 0, k;
	char buf[16];
	int64_t dr = 0, cr = 0, rdr = 0, rcr = 0;

	if ((v = calloc(njlines + 1, sizeof(*v))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < JHASH; i++)
		for (l = jtab[i]; l != NULL; l = l->next)
			v[n++] = l;
	qsort(v, n, sizeof(*v), jcmp);
	cputs("journal_date");
	cputs("period_start");
	cputs("period_end");
	cputs("cost_centre");
	cputs("account");
	cputs("account_name");
	cputs("debit");
	cputs("credit");
	if (g.reverse)
		cputs("entry");
	cendrec();
	for (i = 0; i < n; i++) {
		const char *an = names != NULL ? ystr(y, names, v[i]->account,
		    0) : NULL;

		l = v[i];
		date_str(l->pay, buf);
		cputs(buf);
		date_str(l->start, buf);
		cputs(buf);
		date_str(l->end, buf);
		cputs(buf);
		cputs(l->dept[0] == '\0' && defcc != NULL ? defcc : l->dept);
		cputs(l->account);
		cputs(an != NULL ? an : "");
		/* A reversal: each line on the other side. */
		if (l->credit != g.reverse) {
			cputs("");
			cmoney(l->amt);
		} else {
			cmoney(l->amt);
			cputs("");
		}
		if (g.reverse)
			cputs("reversal");
		cendrec();
		/* Each cost centre of each run must balance. */
		if (add_minor(l->credit ? &cr : &dr, l->amt) != 0 ||
		    add_minor(l->credit ? &rcr : &rdr, l->amt) != 0)
			die(ST_DATA, "journal total overflows");
		k = i + 1;
		if (k == n || v[k]->pay != l->pay || v[k]->start != l->start ||
		    v[k]->end != l->end || strcmp(v[k]->dept, l->dept) != 0) {
			if (dr != cr) {
				char a[40], b[40];

				date_str(l->pay, buf);
				warnx_("journal for cost centre '%s' on %s "
				    "does not balance: debits %s, credits %s",
				    l->dept, buf, fmt_minor(dr, a, sizeof(a),
				    0), fmt_minor(cr, b, sizeof(b), 0));
				g.nerrors++;
			}
			dr = cr = 0;
		}
		if (k == n || v[k]->pay != l->pay) {
			date_str(l->pay, buf);
			if (rdr != rcr) {
				warnx_("journal for the run paid on %s does "
				    "not balance", buf);
				g.nerrors++;
			}
			rdr = rcr = 0;
		}
	}
	for (i = 0; i < n; i++) {
		free(v[i]->dept);
		free(v[i]);
	}
	free(v);
	free(jdebit);
	free(jcredit);
}
