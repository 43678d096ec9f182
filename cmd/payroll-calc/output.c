/*
 * output.c: what a run writes: results rows (CSV, TSV or NDJSON), rejects
 * with their reasons, and the YTD balances after the period.
 */
#include "pc.h"

/* A record is rejected for what is wrong with it, never because the
 * machine ran out of memory: that ends the run. */
int
record_error(int st, const struct payroll_diag *diag)
{
	if (st == PAYROLL_ENOMEM || st == PAYROLL_EIO)
		die_diag(ST_SYSTEM, diag);
	return st;
}

void
reject(struct run *r, const char *file, unsigned long line, const char *id,
    size_t idlen, const char *field, const char *rule, const char *msg)
{
	char lbuf[32], idbuf[256];

	if (file == r->items.path && r->items.csv != NULL)
		r->nitemrej++;
	if (r->idmask)
		mask(id, idlen, idbuf, sizeof(idbuf));
	else
		snprintf(idbuf, sizeof(idbuf), "%.*s", (int)idlen, id);
	if (!r->have_rej) {
		warn_reject(file, line, idbuf, field, msg);
		return;
	}
	snprintf(lbuf, sizeof(lbuf), "%lu", line);
	if (payroll_csv_puts(&r->rej, file) != 0 ||
	    payroll_csv_puts(&r->rej, lbuf) != 0 ||
	    payroll_csv_puts(&r->rej, idbuf) != 0 ||
	    payroll_csv_puts(&r->rej, field ? field : "") != 0 ||
	    payroll_csv_puts(&r->rej, rule) != 0 ||
	    payroll_csv_puts(&r->rej, msg) != 0 ||
	    payroll_csv_endrec(&r->rej) != 0)
		die(ST_SYSTEM, "rejects: %s", strerror(errno));
}

void
put(struct payroll_csv_writer *w, const char *s, size_t len)
{
	if (payroll_csv_put(w, s, len) != 0)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
}

void
endrec(struct payroll_csv_writer *w)
{
	if (payroll_csv_endrec(w) != 0)
		die(ST_SYSTEM, "write error: %s", strerror(errno));
}

/* A JSON string (RFC 8259): quote, backslash and control characters
 * escaped; the input is valid UTF-8 (checked when read). */
static void
json_str(FILE *fp, const char *s, size_t len)
{
	size_t i;

	putc_unlocked('"', fp);
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			fprintf(fp, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(fp, "\\u%04x", ch);
		else
			putc_unlocked(ch, fp);
	}
	putc_unlocked('"', fp);
}

/* A bool input's spelling (true/false, yes/no, y/n, 1/0, any case): 1, 0,
 * or -1 when it is none of them. */
static int
json_bool(const char *s, size_t len)
{
	static const char *const t[] = { "true", "yes", "y", "1" };
	static const char *const f[] = { "false", "no", "n", "0" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strlen(t[i]) == len && strncasecmp(s, t[i], len) == 0)
			return 1;
		if (strlen(f[i]) == len && strncasecmp(s, f[i], len) == 0)
			return 0;
	}
	return -1;
}

/*
 * A results field in the chosen format: CSV (RFC 4180), TSV (tab, with
 * \t \n \r \\ escaped) or NDJSON (one object per employee; numbers
 * as JSON numbers, written with their exact decimal digits).
 */
void
emit(struct run *r, const char *s, size_t len)
{
	FILE *fp = r->out.fp;
	struct payroll_dec d;
	size_t i;

	if (r->fmt == FMT_CSV) {
		put(&r->out, s, len);
		return;
	}
	if (r->fmt == FMT_TSV) {
		if (r->col++ > 0)
			putc_unlocked('\t', fp);
		for (i = 0; i < len; i++)
			switch (s[i]) {
			case '\t':
				fputs("\\t", fp);
				break;
			case '\n':
				fputs("\\n", fp);
				break;
			case '\r':
				fputs("\\r", fp);
				break;
			case '\\':
				fputs("\\\\", fp);
				break;
			default:
				putc_unlocked(s[i], fp);
			}
		return;
	}
	/* The name is a JSON string too: a column of the employee file may
	 * hold any character. */
	fputs(r->col == 0 ? "{" : ",", fp);
	json_str(fp, r->names[r->col], strlen(r->names[r->col]));
	putc_unlocked(':', fp);
	/* An input column: a declared number (decimal, money, integer) is
	 * a JSON number, a declared bool true or false, an empty field
	 * null; any other (an account
	 * number, a routing number) stays a string, digits and all. */
	if (r->col < r->npass) {
		int num = r->passnum[r->col++];

		if (len == 0)
			fputs("null", fp);
		else if (num == 2 && json_bool(s, len) >= 0)
			fputs(json_bool(s, len) ? "true" : "false", fp);
		else if (num == 1 && payroll_dec_parse(s, len, &d) == 0) {
			char buf[64];

			payroll_dec_format(d, -1, buf, sizeof(buf));
			fputs(buf, fp);
		} else
			json_str(fp, s, len);
		return;
	}
	/* Computed columns are numbers where they are. */
	if (r->col++ >= r->npass + 3 && len > 0 &&
	    payroll_dec_parse(s, len, &d) == 0 && s[0] != '+' &&
	    !(len > 1 && s[0] == '0' && s[1] != '.') &&
	    !(len > 2 && s[0] == '-' && s[1] == '0' && s[2] != '.')) {
		fwrite_unlocked(s, 1, len, fp);
		return;
	}
	json_str(fp, s, len);
}

void
emit_end(struct run *r)
{
	if (r->fmt == FMT_CSV)
		endrec(&r->out);
	else if (putc_unlocked(r->fmt == FMT_JSON ? '}' : '\n', r->out.fp) ==
	    EOF || (r->fmt == FMT_JSON && putc_unlocked('\n', r->out.fp) ==
	    EOF))
		die(ST_SYSTEM, "write error: %s", strerror(errno));
	r->col = 0;
	r->nemitted++;
}

/* Writes a YTD-in row unchanged (an employee not paid in this run). */
void
carry_ytd(struct run *r)
{
	struct side *y = &r->ytd;
	size_t i, j;

	put(&r->yout, y->f[y->idcol], y->l[y->idcol]);
	for (i = 0; i < y->nnames; i++)
		if (strcmp(y->names[i], "last_pay_date") == 0)
			put(&r->yout, y->f[i], y->l[i]);
	if (r->ytdendcol >= 0)
		put(&r->yout, y->f[r->ytdendcol], y->l[r->ytdendcol]);
	else
		put(&r->yout, "", 0);
	for (j = 0; j < payroll_calc_nbalances(r->calc); j++) {
		const char *name = payroll_calc_balance_name(r->calc, j);

		for (i = 0; i < y->nnames; i++)
			if (strcmp(y->names[i], name) == 0)
				break;
		if (i < y->nnames)
			put(&r->yout, y->f[i], y->l[i]);
		else
			put(&r->yout, "", 0);
	}
	for (i = 0; i < r->nyextra; i++)
		put(&r->yout, y->f[r->yextra[i]], y->l[r->yextra[i]]);
	endrec(&r->yout);
}

void
write_ytd(struct run *r, const char *id, size_t idlen, int from_row)
{
	char buf[80];
	size_t j;

	put(&r->yout, id, idlen);
	put(&r->yout, r->period[2], 10);
	/* An off-cycle run pays within a period a regular run still pays:
	 * it leaves the last period paid as it was. */
	if (!r->offcycle)
		put(&r->yout, r->period[1], 10);
	else if (from_row && r->ytdendcol >= 0)
		put(&r->yout, r->ytd.f[r->ytdendcol], r->ytd.l[r->ytdendcol]);
	else
		put(&r->yout, "", 0);
	for (j = 0; j < payroll_calc_nbalances(r->calc); j++) {
		size_t n = payroll_calc_balance_format(r->calc, j, buf,
		    sizeof(buf));

		put(&r->yout, buf, n);
	}
	for (j = 0; j < r->nyextra; j++)
		if (from_row)
			put(&r->yout, r->ytd.f[r->yextra[j]],
			    r->ytd.l[r->yextra[j]]);
		else
			put(&r->yout, "", 0);
	endrec(&r->yout);
}
