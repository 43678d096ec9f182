/*
 * synth: adds synthetic payroll fields to canonical employee records.
 *
 * The public-employer extract has no national ids, dates, tax elections,
 * bank accounts or addresses.  synth reads the canonical employees.csv that
 * hr-import makes of it and writes every record with those fields added,
 * each record marked synthetic=Y.  The values are drawn from a fixed-seed
 * generator keyed by employee_id: the same id always gets the same values,
 * whatever the order or number of the other records, and nothing depends
 * on the clock.  Then, unless -c is given, it appends a few deliberately
 * bad records, one reason each, that hr-validate must reject.  Input sorted
 * by employee_id stays sorted.
 *
 * The values are plausible, not real: SSN-shaped numbers in the issued
 * ranges, routing numbers with a valid ABA check digit, addresses from a
 * short list.  See samples/public-employer/SOURCES.md.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* The output's name in messages. */
static const char *outname = "<stdout>";

static const char usage_text[] =
"usage: synth [-c] [-o output.csv] [employees.csv]\n";

static const struct option longopts[] = {
	{ "clean", no_argument, NULL, 'c' },
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* The columns added, in this order. */
enum {
	C_SYNTHETIC, C_NATIONAL_ID, C_HIRE_DATE, C_FILING_STATUS,
	C_W4_VERSION, C_W4_ALLOWANCES, C_W4_STEP2, C_W4_STEP3, C_W4_STEP4C,
	C_IL_BASIC, C_IL_ADDITIONAL, C_ROUTING, C_ACCOUNT, C_ACCOUNT_TYPE,
	C_K401, C_UNION_DUES, C_ADDR1, C_CITY, C_STATE, C_ZIP, NCOLS
};

static const char *const colnames[NCOLS] = {
	"synthetic", "national_id", "hire_date", "filing_status",
	"w4_version", "w4_allowances", "w4_step2_checkbox",
	"w4_step3_credits", "w4_step4c_extra", "il_w4_basic_allowances",
	"il_w4_additional_allowances", "bank_routing", "bank_account",
	"bank_account_type", "k401_percent", "union_dues", "address_line1",
	"address_city", "address_state", "address_zip"
};

static const char *const streets[] = {
	"OAK ST", "MAPLE AVE", "ELM ST", "CEDAR LN", "PINE ST", "LAKE SHORE DR",
	"WASHINGTON BLVD", "ADAMS ST", "JACKSON BLVD", "MADISON ST",
	"ASHLAND AVE", "WESTERN AVE", "HALSTED ST", "DAMEN AVE",
	"KEDZIE AVE", "PULASKI RD", "CICERO AVE", "ARCHER AVE",
	"MILWAUKEE AVE", "CLARK ST", "BROADWAY", "SHERIDAN RD",
	"DIVISION ST", "NORTH AVE", "FULLERTON AVE", "BELMONT AVE",
	"IRVING PARK RD", "LAWRENCE AVE", "FOSTER AVE", "DEVON AVE",
	"79TH ST", "87TH ST", "95TH ST", "103RD ST", "111TH ST", "STATE ST"
};

/* Most employees live in the city; a few in the suburbs around it. */
static const struct {
	const char *city;
	int zip_lo, zip_hi;
	int weight;
} places[] = {
	{ "CHICAGO", 60601, 60661, 80 },
	{ "EVANSTON", 60201, 60202, 4 },
	{ "OAK PARK", 60301, 60304, 4 },
	{ "CICERO", 60804, 60804, 3 },
	{ "SKOKIE", 60076, 60077, 3 },
	{ "BERWYN", 60402, 60402, 3 },
	{ "OAK LAWN", 60453, 60453, 3 }
};

/* First two digits of routing numbers: Federal Reserve districts 01-12. */
static const char *const routing_prefixes[] = {
	"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12",
	"21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32"
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* splitmix64 (Steele, Lea and Flood, 2014): small, fast, good enough. */
struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *g)
{
	uint64_t z = (g->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A number in [0, n), n > 0 (the bias is below 2^-40 for our n). */
static unsigned long
rng_below(struct rng *g, unsigned long n)
{
	return (unsigned long)(rng_next(g) % n);
}

/* Seeds the generator from the employee id (FNV-1a) and a fixed seed. */
static void
rng_seed(struct rng *g, const char *id, size_t len)
{
	uint64_t h = 0xCBF29CE484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)id[i];
		h *= 0x100000001B3ULL;
	}
	g->s = h ^ 0x5EED2026ULL;
}

/* The ABA check digit of the first eight digits (weights 3, 7, 1). */
static int
aba_check(const char *d)
{
	static const int w[8] = { 3, 7, 1, 3, 7, 1, 3, 7 };
	int i, sum = 0;

	for (i = 0; i < 8; i++)
		sum += w[i] * (d[i] - '0');
	return (10 - sum % 10) % 10;
}

struct synth {
	char v[NCOLS][64];
};

static void
money(char *buf, size_t size, unsigned long cents)
{
	snprintf(buf, size, "%lu.%02lu", cents / 100, cents % 100);
}

/* Draws every synthetic field for one employee. */
static void
synth_make(struct synth *s, const char *id, size_t idlen,
    const char *work_state)
{
	struct rng g;
	unsigned long area, x, w;
	payroll_date lo, hi, d;
	size_t i;
	int k;

	rng_seed(&g, id, idlen);
	memset(s, 0, sizeof(*s));
	snprintf(s->v[C_SYNTHETIC], 64, "Y");

	/*
	 * SSN: area 001-665 or 667-899, group 01-99, serial 0001-9999,
	 * unique per employee: the id's number goes through a bijection of
	 * the 898 * 99 * 9999 valid numbers (multiplication by a prime that
	 * divides none of them, modulo their count), so no two employees
	 * share one, as no two people do.
	 */
	{
		const unsigned long long nssn = 898ULL * 99 * 9999;
		unsigned long long num = 0, ix;
		size_t j;
		int digits = 0;

		for (j = 0; j < idlen; j++)
			if (id[j] >= '0' && id[j] <= '9') {
				num = num * 10 + (unsigned)(id[j] - '0');
				digits = 1;
			}
		if (!digits)
			num = rng_below(&g, 1000000000UL);
		ix = (num * 7919ULL + 104729ULL) % nssn;
		area = 1 + (unsigned long)(ix / (99ULL * 9999));
		if (area >= 666)
			area++;		/* skip 666: 667..899 */
		snprintf(s->v[C_NATIONAL_ID], 64, "%03lu-%02llu-%04llu", area,
		    1 + ix / 9999 % 99, 1 + ix % 9999);
	}

	/* Hire date: mostly years ago; about 1 in 50 in November 2026. */
	if (rng_below(&g, 50) == 0) {
		lo = payroll_date_make(2026, 11, 1);
		hi = payroll_date_make(2026, 11, 30);
	} else {
		lo = payroll_date_make(1985, 1, 1);
		hi = payroll_date_make(2025, 12, 31);
	}
	d = lo + (payroll_date)rng_below(&g, (unsigned long)(hi - lo + 1));
	payroll_date_format(d, s->v[C_HIRE_DATE], 64);

	x = rng_below(&g, 100);
	snprintf(s->v[C_FILING_STATUS], 64, "%s", x < 50 ? "single" :
	    x < 90 ? "mfj" : "hoh");

	/* Form W-4: the 2020 form mostly; some older forms with allowances. */
	if (rng_below(&g, 100) < 85) {
		snprintf(s->v[C_W4_VERSION], 64, "2020");
		snprintf(s->v[C_W4_STEP2], 64, "%s",
		    rng_below(&g, 100) < 10 ? "true" : "false");
		x = rng_below(&g, 100);
		money(s->v[C_W4_STEP3], 64, x < 80 ? 0 : x < 92 ? 200000 :
		    x < 98 ? 400000 : 50000);
		x = rng_below(&g, 100);
		money(s->v[C_W4_STEP4C], 64, x < 94 ? 0 : x < 98 ? 2500 : 5000);
	} else {
		snprintf(s->v[C_W4_VERSION], 64, "pre2020");
		/* That form has no head of household status. */
		if (strcmp(s->v[C_FILING_STATUS], "hoh") == 0)
			snprintf(s->v[C_FILING_STATUS], 64, "single");
		snprintf(s->v[C_W4_ALLOWANCES], 64, "%lu", rng_below(&g, 6));
	}

	/* Form IL-W-4: line 1 (0-2) and line 2 additional allowances. */
	snprintf(s->v[C_IL_BASIC], 64, "%lu", rng_below(&g, 3));
	x = rng_below(&g, 100);
	snprintf(s->v[C_IL_ADDITIONAL], 64, "%d", x < 80 ? 0 : x < 95 ? 1 : 2);

	/* Bank: a routing number with a valid check digit, an account. */
	snprintf(s->v[C_ROUTING], 64, "%s%06lu",
	    routing_prefixes[rng_below(&g, NELEM(routing_prefixes))],
	    rng_below(&g, 1000000));
	s->v[C_ROUTING][8] = (char)('0' + aba_check(s->v[C_ROUTING]));
	s->v[C_ROUTING][9] = '\0';
	k = 8 + (int)rng_below(&g, 5);	/* 8-12 digits */
	for (i = 0; i < (size_t)k; i++)
		s->v[C_ACCOUNT][i] = (char)('0' + (i == 0 ? 1 +
		    rng_below(&g, 9) : rng_below(&g, 10)));
	snprintf(s->v[C_ACCOUNT_TYPE], 64, "%s",
	    rng_below(&g, 100) < 80 ? "checking" : "savings");

	/* 401(k): many take none; the rest 1-10 percent. */
	x = rng_below(&g, 100);
	snprintf(s->v[C_K401], 64, "%lu", x < 45 ? 0 : 1 + rng_below(&g, 10));

	/* Union dues per pay period, for about a third. */
	if (rng_below(&g, 3) == 0)
		money(s->v[C_UNION_DUES], 64, 2500 + rng_below(&g, 5001));

	/* A home address (for W-2 filings). */
	snprintf(s->v[C_ADDR1], 64, "%lu %s", 100 + rng_below(&g, 11900),
	    streets[rng_below(&g, NELEM(streets))]);
	for (i = 0, w = 0; i < NELEM(places); i++)
		w += (unsigned long)places[i].weight;
	x = rng_below(&g, w);
	for (i = 0; i < NELEM(places) - 1; i++) {
		if (x < (unsigned long)places[i].weight)
			break;
		x -= (unsigned long)places[i].weight;
	}
	snprintf(s->v[C_CITY], 64, "%s", places[i].city);
	snprintf(s->v[C_STATE], 64, "%s", work_state != NULL &&
	    work_state[0] != '\0' ? work_state : "IL");
	snprintf(s->v[C_ZIP], 64, "%05lu", (unsigned long)places[i].zip_lo +
	    rng_below(&g, (unsigned long)(places[i].zip_hi -
	    places[i].zip_lo + 1)));
}

/* A copy of one record, kept to make the bad records from. */
struct saved {
	char **f;
	size_t *l;
	size_t n;
	unsigned long line;
};

static void
saved_set(struct saved *sv, struct payroll_csv *csv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->f[i]);
	sv->n = payroll_csv_nfields(csv);
	if ((sv->f = reallocarray(sv->f, sv->n + 1, sizeof(*sv->f))) == NULL ||
	    (sv->l = reallocarray(sv->l, sv->n + 1, sizeof(*sv->l))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < sv->n; i++) {
		const char *f = payroll_csv_field(csv, i, &sv->l[i]);

		if ((sv->f[i] = malloc(sv->l[i] + 1)) == NULL)
			die(ST_SYSTEM, "out of memory");
		memcpy(sv->f[i], f, sv->l[i] + 1);
	}
	sv->line = payroll_csv_line(csv);
}

static struct payroll_csv_writer out;

static void
put(const char *s, size_t len)
{
	if (payroll_csv_put(&out, s, len) != 0)
		die(ST_SYSTEM, "%s: %s", outname, strerror(errno));
}

static void
endrec(void)
{
	if (payroll_csv_endrec(&out) != 0)
		die(ST_SYSTEM, "%s: %s", outname, strerror(errno));
}

/*
 * Writes a record: its own fields (with the id, pay_type replaced when
 * asked) and the synthetic ones, with one of them replaced when asked.
 */
static void
write_rec(char **f, const size_t *l, size_t n, int idcol, const char *newid,
    int ptcol, const char *newpt, const struct synth *s, int col,
    const char *val)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((int)i == idcol && newid != NULL)
			put(newid, strlen(newid));
		else if ((int)i == ptcol && newpt != NULL)
			put(newpt, strlen(newpt));
		else
			put(f[i], l[i]);
	for (i = 0; i < NCOLS; i++)
		if ((int)i == col)
			put(val, strlen(val));
		else
			put(s->v[i], strlen(s->v[i]));
	endrec();
}

/*
 * The id after `id`: its trailing digits plus one, same width
 * (PE031134 -> PE031135); else the id with "-BAD" and a number, which
 * sorts after it too.
 */
static void
next_id(const char *id, int k, char *buf, size_t size)
{
	size_t len = strlen(id), i = len;
	int k0 = k;

	while (i > 0 && id[i - 1] >= '0' && id[i - 1] <= '9')
		i--;
	if (i < len && len < size) {
		size_t j;

		memcpy(buf, id, len + 1);
		while (k-- > 0) {
			for (j = len; j > i; j--) {
				if (buf[j - 1] != '9') {
					buf[j - 1]++;
					break;
				}
				buf[j - 1] = '0';
			}
			if (j == i)	/* all nines: no room */
				goto suffix;
		}
		return;
	}
suffix:
	snprintf(buf, size, "%s-BAD%d", id, k0);
}

/* The input's columns synth looks at (-1: absent). */
struct columns {
	size_t n;		/* in the header */
	int id, state, pt;	/* employee_id, work_state, pay_type */
};

/* The header of the canonical records: none of synth's columns, an
 * employee_id. */
static void
read_header(struct payroll_csv *csv, const char *path, struct columns *c)
{
	struct payroll_diag diag;
	size_t i;
	int st;

	c->id = c->state = c->pt = -1;
	payroll_diag_clear(&diag);
	if ((st = payroll_csv_read(csv, &diag)) == PAYROLL_EOF)
		die(ST_DATA, "%s: empty file: no header", path);
	if (st != PAYROLL_OK)
		die_diag(status_of(st), &diag);
	c->n = payroll_csv_nfields(csv);
	for (i = 0; i < c->n; i++) {
		const char *nm = payroll_csv_field(csv, i, NULL);
		size_t j;

		for (j = 0; j < NCOLS; j++)
			if (strcmp(nm, colnames[j]) == 0)
				die(ST_DATA, "%s:1: column '%s' is already "
				    "there: synth adds it", path, nm);
		if (strcmp(nm, "employee_id") == 0)
			c->id = (int)i;
		else if (strcmp(nm, "work_state") == 0)
			c->state = (int)i;
		else if (strcmp(nm, "pay_type") == 0)
			c->pt = (int)i;
	}
	if (c->id < 0)
		die(ST_DATA, "%s:1: no column 'employee_id'", path);
}

/*
 * The bad records, one reason each, made from the last record read:
 * first a duplicate of it, right after it; then new ids after it (no
 * national id, a routing number with a wrong check digit, a pay type no
 * pack knows).  Returns how many.
 */
static unsigned long
write_bad_records(const struct saved *last, const struct columns *c,
    struct synth *s)
{
	const char *lastid = last->f[c->id];
	const char *ws = c->state >= 0 ? last->f[c->state] : NULL;
	char id[300], routing[64];
	unsigned long nbad;

	synth_make(s, lastid, strlen(lastid), ws);
	write_rec(last->f, last->l, last->n, c->id, NULL, -1, NULL, s, -1,
	    NULL);

	next_id(lastid, 1, id, sizeof(id));
	synth_make(s, id, strlen(id), ws);
	write_rec(last->f, last->l, last->n, c->id, id, -1, NULL, s,
	    C_NATIONAL_ID, "");

	next_id(lastid, 2, id, sizeof(id));
	synth_make(s, id, strlen(id), ws);
	snprintf(routing, sizeof(routing), "%s", s->v[C_ROUTING]);
	routing[8] = (char)('0' + (aba_check(routing) + 1) % 10);
	write_rec(last->f, last->l, last->n, c->id, id, -1, NULL, s,
	    C_ROUTING, routing);
	nbad = 3;

	if (c->pt >= 0) {
		next_id(lastid, 3, id, sizeof(id));
		synth_make(s, id, strlen(id), ws);
		write_rec(last->f, last->l, last->n, c->id, id, c->pt,
		    "COMMISSION", s, -1, NULL);
		nbad++;
	}
	return nbad;
}

int
main(int argc, char *argv[])
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	struct payroll_csv *csv;
	struct columns cols;
	struct outfile of;
	struct saved last;
	struct synth s;
	const char *outpath = NULL, *path;
	char prev[256] = "";
	size_t i;
	unsigned long nread = 0, nbad = 0;
	int ch, st, clean = 0;
	FILE *fp;

	common_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "cho:V", longopts, NULL)) != -1)
		switch (ch) {
		case 'c':
			clean = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs("\nAdds synthetic payroll fields (marked "
			    "synthetic=Y) "
			    "to canonical employee\nrecords, then a few bad "
			    "records unless -c.  See samples/public-employer/"
			    "SOURCES.md.\n", stdout);
			return ST_OK;
		case 'o':
			outpath = optarg;
			break;
		case 'V':
			printf("synth %s\n", PAYROLL_VERSION);
			return ST_OK;
		default:
			fputs(usage_text, stderr);
			return ST_USAGE;
		}
	argc -= optind;
	argv += optind;
	if (argc > 1) {
		fputs(usage_text, stderr);
		return ST_USAGE;
	}
	path = argc == 1 ? argv[0] : "<stdin>";
	fp = in_open(argc == 1 ? argv[0] : NULL);
	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	if (payroll_csv_open(fp, path, &opts, &csv) != 0)
		die(ST_SYSTEM, "out of memory");
	memset(&last, 0, sizeof(last));
	read_header(csv, path, &cols);

	if (outpath != NULL && strcmp(outpath, "-") != 0)
		outname = outpath;
	out.fp = out_open(&of, outpath);
	for (i = 0; i < cols.n; i++)
		put(payroll_csv_field(csv, i, NULL),
		    strlen(payroll_csv_field(csv, i, NULL)));
	for (i = 0; i < NCOLS; i++)
		put(colnames[i], strlen(colnames[i]));
	endrec();

	for (;;) {
		const char *id;
		size_t idlen;

		payroll_diag_clear(&diag);
		st = payroll_csv_read(csv, &diag);
		if (st == PAYROLL_EOF)
			break;
		if (st != PAYROLL_OK)
			die_diag(status_of(st), &diag);
		nread++;
		if (payroll_csv_nfields(csv) != cols.n)
			die(ST_DATA, "%s:%lu: %zu fields where the header has "
			    "%zu",
			    path, payroll_csv_line(csv),
			    payroll_csv_nfields(csv), cols.n);
		id = payroll_csv_field(csv, (size_t)cols.id, &idlen);
		if (idlen == 0 || idlen >= sizeof(prev))
			die(ST_DATA, "%s:%lu: field 'employee_id': empty or "
			    "too long", path, payroll_csv_line(csv));
		if (strcmp(id, prev) <= 0 && prev[0] != '\0')
			die(ST_DATA, "%s:%lu: field 'employee_id': '%s' after "
			    "'%s': the input must be sorted by employee_id, "
			    "without duplicates", path, payroll_csv_line(csv),
			    id, prev);
		memcpy(prev, id, idlen + 1);
		synth_make(&s, id, idlen, cols.state >= 0 ?
		    payroll_csv_field(csv, (size_t)cols.state, NULL) : NULL);
		for (i = 0; i < cols.n; i++) {
			size_t len;
			const char *f = payroll_csv_field(csv, i, &len);

			put(f, len);
		}
		for (i = 0; i < NCOLS; i++)
			put(s.v[i], strlen(s.v[i]));
		endrec();
		if (!clean)
			saved_set(&last, csv);
	}
	if (!clean && nread > 0)
		nbad = write_bad_records(&last, &cols, &s);
	if (out_commit_all() != 0)
		die(ST_SYSTEM, "output not written");
	fprintf(stderr, "%s: read %lu, written %lu (%lu deliberately bad)\n",
	    progname, nread, nread + nbad, nbad);
	for (i = 0; i < last.n; i++)
		free(last.f[i]);
	free(last.f);
	free(last.l);
	payroll_csv_free(csv);
	in_close(fp);
	return ST_OK;
}
