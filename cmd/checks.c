/*
 * checks.c: duplicate employee ids, payments given twice, the control
 * figures of the previous step, values declared unique.
 */
#define _GNU_SOURCE		/* O_TMPFILE, fopencookie */
#include <sys/file.h>
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "common_int.h"

/* ------------------------------------------------------------------ */
/* Duplicate employee ids                                             */
/* ------------------------------------------------------------------ */
static uint64_t
hash_id(const char *s, size_t len)
{
	uint64_t h = 0xCBF29CE484222325ULL;	/* FNV-1a */

	while (len-- > 0) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001B3ULL;
	}
	return h;
}

static struct ident *
idset_find(struct idset *set, const char *s, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (set->cap - 1);

	for (;;) {
		struct ident *e = &set->slot[i];

		if (e->len == 0 || (e->hash == h && e->len == len &&
		    memcmp(set->arena + e->off, s, len) == 0))
			return e;
		i = (i + 1) & (set->cap - 1);
	}
}

/* Adds an id; returns the line it was first seen on, or 0 when new. */
static unsigned long
idset_add(struct idset *set, const char *s, size_t len, unsigned long line)
{
	uint64_t h = hash_id(s, len);
	struct ident *e;

	if (set->n * 2 >= set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 1024, i;
		struct idset bigger = *set;

		if ((bigger.slot = calloc(cap, sizeof(*bigger.slot))) == NULL)
			die(ST_SYSTEM, "out of memory");
		bigger.cap = cap;
		for (i = 0; i < set->cap; i++)
			if (set->slot[i].len > 0)
				*idset_find(&bigger, set->arena +
				    set->slot[i].off, set->slot[i].len,
				    set->slot[i].hash) = set->slot[i];
		free(set->slot);
		set->slot = bigger.slot;
		set->cap = cap;
	}
	e = idset_find(set, s, len, h);
	if (e->len > 0)
		return e->line;
	if (set->alen + len > set->acap) {
		size_t acap = set->acap ? set->acap : 65536;
		char *p;

		while (acap < set->alen + len)
			acap *= 2;
		if ((p = realloc(set->arena, acap)) == NULL)
			die(ST_SYSTEM, "out of memory");
		set->arena = p;
		set->acap = acap;
	}
	memcpy(set->arena + set->alen, s, len);
	e->off = set->alen;
	e->len = len;
	e->line = line;
	e->hash = h;
	set->alen += len;
	set->n++;
	return 0;
}


void
idcheck_init(struct idcheck *k)
{
	memset(k, 0, sizeof(*k));
	k->sorted = 1;
}

/* The ids so far were ascending: load them from the spool into the set. */
static void
spool_load(struct idcheck *k)
{
	unsigned long line;
	size_t len, cap = 0;
	char *s = NULL;

	if (k->spool == NULL)
		return;
	if (fflush(k->spool) == EOF || ferror(k->spool))
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	rewind(k->spool);
	while (fread(&line, sizeof(line), 1, k->spool) == 1) {
		if (fread(&len, sizeof(len), 1, k->spool) != 1)
			die(ST_SYSTEM, "temporary file: short read");
		if (len > cap) {
			cap = len * 2;
			if ((s = realloc(s, cap)) == NULL)
				die(ST_SYSTEM, "out of memory");
		}
		if (len > 0 && fread(s, 1, len, k->spool) != len)
			die(ST_SYSTEM, "temporary file: short read");
		(void)idset_add(&k->set, s, len, line);
	}
	if (ferror(k->spool))
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	free(s);
	fclose(k->spool);
	k->spool = NULL;
}

unsigned long
idcheck_add(struct idcheck *k, const char *id, size_t len, unsigned long line)
{
	int c;

	if (k->sorted && k->last != NULL) {
		size_t n = len < k->lastlen ? len : k->lastlen;

		c = memcmp(id, k->last, n);
		if (c == 0)
			c = len < k->lastlen ? -1 : len > k->lastlen;
		if (c == 0)
			return k->lastline;
		if (c < 0) {
			k->sorted = 0;
			spool_load(k);
		}
	}
	if (!k->sorted)
		return idset_add(&k->set, id, len, line);
	if (k->spool == NULL)
		k->spool = scratch_file();
	if (fwrite(&line, sizeof(line), 1, k->spool) != 1 ||
	    fwrite(&len, sizeof(len), 1, k->spool) != 1 ||
	    fwrite(id, 1, len, k->spool) != len)
		die(ST_SYSTEM, "temporary file: %s", strerror(errno));
	if (len + 1 > k->lastcap) {
		k->lastcap = (len + 1) * 2;
		if ((k->last = realloc(k->last, k->lastcap)) == NULL)
			die(ST_SYSTEM, "out of memory");
	}
	memcpy(k->last, id, len);
	k->lastlen = len;
	k->lastline = line;
	return 0;
}

int
idcheck_sorted(const struct idcheck *k)
{
	return k->sorted;
}

void
idcheck_release(struct idcheck *k)
{
	if (k->spool != NULL)
		fclose(k->spool);
	free(k->last);
	free(k->set.slot);
	free(k->set.arena);
	memset(k, 0, sizeof(*k));
}

/* ------------------------------------------------------------------ */
/* Payments given twice                                               */
/* ------------------------------------------------------------------ */

/* A place in an unsigned long: the file's number above, the line below. */
#if ULONG_MAX > 0xFFFFFFFFUL
#define LINEBITS 40
#else
#define LINEBITS 24
#endif

void
paidset_init(struct paidset *p)
{
	memset(p, 0, sizeof(*p));
	idcheck_init(&p->ids);
}

#define PAID_SHOWN 20

int
paidset_add(struct paidset *p, const char *file, unsigned long line,
    const char *id, size_t idlen, payroll_date pay)
{
	char date[16], m[64];
	unsigned long first, tag;
	size_t k, f;

	/* Each operand is a file of its own, even under one name. */
	if (p->nfiles == 0 || p->files[p->nfiles - 1] != file) {
		if (p->nfiles == p->capfiles) {
			size_t cap = p->capfiles ? p->capfiles * 2 : 8;
			const char **nf = realloc(p->files, cap * sizeof(*nf));

			if (nf == NULL)
				die(ST_SYSTEM, "out of memory");
			p->files = nf;
			p->capfiles = cap;
		}
		p->files[p->nfiles++] = file;
	}
	payroll_date_format(pay, date, sizeof(date));
	k = idlen + 1 + strlen(date);
	if (k > p->keycap) {
		p->keycap = k * 2;
		if ((p->key = realloc(p->key, p->keycap)) == NULL)
			die(ST_SYSTEM, "out of memory");
	}
	memcpy(p->key, id, idlen);
	p->key[idlen] = '\037';
	memcpy(p->key + idlen + 1, date, strlen(date));
	if (line >= 1UL << LINEBITS)
		line = (1UL << LINEBITS) - 1;
	tag = (unsigned long)p->nfiles << LINEBITS | line;
	if ((first = idcheck_add(&p->ids, p->key, k, tag)) == 0)
		return 0;
	/* The first PAID_SHOWN repeats each get their line; a file named
	 * twice would otherwise print one line per employee. */
	if (++p->ndup > PAID_SHOWN) {
		if (p->ndup == PAID_SHOWN + 1)
			fprintf(stderr, "%s: %s:%lu: more employees paid again: "
			    "only the first %d are listed\n", progname, file,
			    line, PAID_SHOWN);
		return 1;
	}
	mask(id, idlen, m, sizeof(m));
	f = (first >> LINEBITS) - 1;
	fprintf(stderr, "%s: %s:%lu: employee %s is paid on %s again (first "
	    "at %s:%lu%s): results given twice would pay twice\n", progname,
	    file, line, m, date, p->files[f], first & ((1UL << LINEBITS) - 1),
	    f + 1 != p->nfiles && strcmp(p->files[f], file) == 0 ?
	    ", the same file named twice" : "");
	return 1;
}

void
paidset_release(struct paidset *p)
{
	idcheck_release(&p->ids);
	free(p->files);
	free(p->key);
	memset(p, 0, sizeof(*p));
}

/* ------------------------------------------------------------------ */
/* Control figures handed over by the previous step                    */
/* ------------------------------------------------------------------ */

void
expect_summary(const char *sumpath, int nfiles, char *files[])
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	struct payroll_csv *csv;
	struct want {
		char name[128];
		struct payroll_dec want, got;
		int col;
	} w[64];
	unsigned long rows = 0, paid = 0;
	size_t nw = 0, i, k;
	int f, have_paid = 0;
	FILE *fp;

	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	if (nfiles == 0)
		die(ST_USAGE, "--expect-summary re-reads the results: give them "
		    "as files, not on standard input");
	/* The summary: metric,value lines (payroll-calc -s). */
	fp = in_open(sumpath);
	if (payroll_csv_open(fp, sumpath, &opts, &csv) != 0)
		die(ST_SYSTEM, "out of memory");
	while (payroll_csv_read(csv, &diag) == PAYROLL_OK) {
		size_t l0, l1;
		const char *m = payroll_csv_field(csv, 0, &l0);
		const char *v = payroll_csv_field(csv, 1, &l1);

		if (l0 == 4 && memcmp(m, "paid", 4) == 0) {
			char *end;

			paid = strtoul(v, &end, 10);
			have_paid = end == v + l1 && l1 > 0;
		} else if (l0 > 6 && memcmp(m, "total_", 6) == 0 && nw < 64 &&
		    l0 - 6 < sizeof(w[nw].name)) {
			memcpy(w[nw].name, m + 6, l0 - 6);
			w[nw].name[l0 - 6] = '\0';
			if (payroll_dec_parse(v, l1, &w[nw].want) != 0)
				die(ST_DATA, "%s:%lu: '%.*s' is not an amount",
				    sumpath, payroll_csv_line(csv), (int)l1, v);
			w[nw].got = payroll_dec_make(0, 0);
			nw++;
		}
	}
	payroll_csv_free(csv);
	in_close(fp);
	if (!have_paid)
		die(ST_DATA, "%s: no 'paid' count: not a payroll-calc summary",
		    sumpath);
	/* The results: count the rows and add up the columns. */
	for (f = 0; f < nfiles; f++) {
		fp = in_open(files[f]);
		if (payroll_csv_open(fp, files[f], &opts, &csv) != 0)
			die(ST_SYSTEM, "out of memory");
		if (payroll_csv_read(csv, &diag) != PAYROLL_OK)
			die_diag(ST_DATA, &diag);
		for (i = 0; i < nw; i++) {
			w[i].col = -1;
			for (k = 0; k < payroll_csv_nfields(csv); k++)
				if (strcmp(payroll_csv_field(csv, k, NULL),
				    w[i].name) == 0)
					w[i].col = (int)k;
		}
		while (payroll_csv_read(csv, &diag) == PAYROLL_OK) {
			rows++;
			for (i = 0; i < nw; i++) {
				struct payroll_dec d;
				size_t l;
				const char *s;

				if (w[i].col < 0)
					continue;
				s = payroll_csv_field(csv, (size_t)w[i].col, &l);
				if (l > 0 && (payroll_dec_parse(s, l, &d) != 0 ||
				    payroll_dec_add(w[i].got, d, &w[i].got) != 0))
					die(ST_DATA, "%s:%lu: field '%s': '%.*s' is "
					    "not an amount", files[f],
					    payroll_csv_line(csv), w[i].name,
					    (int)(l > 40 ? 40 : l), s);
			}
		}
		payroll_csv_free(csv);
		in_close(fp);
	}
	if (rows != paid)
		die(ST_DATA, "the results hold %lu rows where the summary %s "
		    "says %lu were paid: not the same run; nothing written",
		    rows, sumpath, paid);
	for (i = 0; i < nw; i++)
		if (payroll_dec_cmp(w[i].got, w[i].want) != 0) {
			char g[64], x[64];

			payroll_dec_format(w[i].got, 2, g, sizeof(g));
			payroll_dec_format(w[i].want, 2, x, sizeof(x));
			die(ST_DATA, "the results' %s totals %s where the summary "
			    "%s says %s: nothing written", w[i].name, g, sumpath,
			    x);
		}
}

/* ------------------------------------------------------------------ */
/* Unique values (a national id): a compact exact set                 */
/* ------------------------------------------------------------------ */

/*
 * A value of up to 12 characters from 0-9, A-Z and '-' is held exactly
 * as a 64-bit number (bijective base 38: no two values share one), in a
 * table of 12 bytes a slot: about 16 bytes an employee.  Any other value
 * goes to an idcheck set.
 */
static uint64_t
valcode(const char *s, size_t len)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0 || len > 12)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned d;

		if (s[i] >= '0' && s[i] <= '9')
			d = (unsigned)(s[i] - '0') + 1;
		else if (s[i] >= 'A' && s[i] <= 'Z')
			d = (unsigned)(s[i] - 'A') + 11;
		else if (s[i] == '-')
			d = 37;
		else
			return 0;
		v = v * 38 + d;
	}
	return v;
}

void
valset_init(struct valset *v)
{
	memset(v, 0, sizeof(*v));
	idcheck_init(&v->other);
	v->other.sorted = 0;	/* values come in any order */
}

unsigned long
valset_add(struct valset *v, const char *s, size_t len, unsigned long line)
{
	uint64_t code = valcode(s, len);
	size_t i;

	if (code == 0)
		return idcheck_add(&v->other, s, len, line);
	if ((v->n + 1) * 4 > v->cap * 3) {
		size_t cap = v->cap ? v->cap * 2 : 4096, j;
		uint64_t *k = calloc(cap, sizeof(*k));
		uint32_t *l = calloc(cap, sizeof(*l));

		if (k == NULL || l == NULL)
			die(ST_SYSTEM, "out of memory");
		for (j = 0; j < v->cap; j++) {
			if (v->key[j] == 0)
				continue;
			for (i = (size_t)(v->key[j] * 0x9E3779B97F4A7C15ULL) &
			    (cap - 1); k[i] != 0; i = (i + 1) & (cap - 1))
				;
			k[i] = v->key[j];
			l[i] = v->line[j];
		}
		free(v->key);
		free(v->line);
		v->key = k;
		v->line = l;
		v->cap = cap;
	}
	for (i = (size_t)(code * 0x9E3779B97F4A7C15ULL) & (v->cap - 1);
	    v->key[i] != 0; i = (i + 1) & (v->cap - 1))
		if (v->key[i] == code)
			return v->line[i] ? v->line[i] : 1;
	v->key[i] = code;
	v->line[i] = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
	v->n++;
	return 0;
}

void
valset_release(struct valset *v)
{
	free(v->key);
	free(v->line);
	idcheck_release(&v->other);
	memset(v, 0, sizeof(*v));
}

/* ------------------------------------------------------------------ */
/* Inputs declared unique                                             */
/* ------------------------------------------------------------------ */

void
uniq_init(struct uniqcheck *u, const struct payroll_rules *rules,
    char *const *names, size_t nnames)
{
	size_t i, c;

	memset(u, 0, sizeof(*u));
	if ((u->u = calloc(payroll_rules_ninputs(rules) + 1,
	    sizeof(*u->u))) == NULL)
		die(ST_SYSTEM, "out of memory");
	for (i = 0; i < payroll_rules_ninputs(rules); i++) {
		if (!payroll_rules_input_unique(rules, i))
			continue;
		for (c = 0; c < nnames; c++)
			if (strcmp(names[c], payroll_rules_input_name(rules,
			    i)) == 0) {
				u->u[u->n].col = (int)c;
				valset_init(&u->u[u->n++].seen);
			}
	}
}

void
uniq_check(struct uniqcheck *u, const char *id, size_t idlen,
    const char *const *f, const size_t *l, char *const *names,
    unsigned long line, payroll_report_fn *report, void *arg)
{
	char msg[200];
	size_t k;

	if (u->n == 0)
		return;
	if (u->have_prev && u->prevlen == idlen && idlen > 0 &&
	    memcmp(u->previd, id, idlen) == 0)
		return;
	if (idlen + 1 > u->prevcap) {
		char *p = realloc(u->previd, idlen + 1);

		if (p == NULL)
			die(ST_SYSTEM, "out of memory");
		u->previd = p;
		u->prevcap = idlen + 1;
	}
	memcpy(u->previd, id, idlen);
	u->prevlen = idlen;
	u->have_prev = 1;
	for (k = 0; k < u->n; k++) {
		int col = u->u[k].col;
		unsigned long first;

		if (l[col] == 0)
			continue;
		first = valset_add(&u->u[k].seen, f[col], l[col], line);
		if (first != 0) {
			snprintf(msg, sizeof(msg), "another employee has the "
			    "same %s (line %lu): two people never share one",
			    names[col], first);
			report(arg, names[col], "unique", msg);
		}
	}
}

void
uniq_release(struct uniqcheck *u)
{
	size_t k;

	for (k = 0; k < u->n; k++)
		valset_release(&u->u[k].seen);
	free(u->u);
	free(u->previd);
	memset(u, 0, sizeof(*u));
}
