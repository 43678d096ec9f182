/*
 * csv_fuzz.c: libFuzzer entry point for the CSV reader and writer
 * (libpayroll/csv.c).
 *
 * The first byte picks the options (delimiter, BOM, UTF-8 check, small
 * limits so that they are reached); the rest is the input.  Every record
 * is read and every field touched; the records are then written with
 * payroll_csv_put and read back, and must come back the same (a record
 * of one empty field is an empty line, which readers skip: left out).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const unsigned char delims[] = { ',', ';', '\t', '|' };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct payroll_csv_opts o;
	struct payroll_csv_writer w;
	struct payroll_csv *r, *r2;
	struct payroll_diag diag;
	char *buf = NULL;
	size_t bufsize = 0, nrec = 0, i;
	FILE *in, *out, *in2;
	int st;

	if (size < 1)
		return 0;
	memset(&o, 0, sizeof(o));
	o.delim = delims[data[0] & 3];
	o.allow_bom = (data[0] >> 2) & 1;
	o.check_utf8 = (data[0] >> 3) & 1;
	if ((data[0] >> 4) & 1) {
		o.max_field = 1 + ((data[0] >> 5) & 7) * 8;
		o.max_fields = 1 + ((data[0] >> 5) & 7);
	}
	data++;
	size--;
	/* fmemopen of 0 bytes fails on some libcs: use a tmpfile then. */
	if ((in = tmpfile()) == NULL)
		return 0;
	if (size > 0 && fwrite(data, 1, size, in) != size) {
		fclose(in);
		return 0;
	}
	rewind(in);
	out = open_memstream(&buf, &bufsize);
	memset(&w, 0, sizeof(w));
	w.fp = out;
	w.delim = o.delim;
	if (payroll_csv_open(in, "fuzz.csv", &o, &r) != PAYROLL_OK)
		abort();
	for (;;) {
		size_t n;

		payroll_diag_clear(&diag);
		st = payroll_csv_read(r, &diag);
		if (st == PAYROLL_EOF)
			break;
		n = payroll_csv_nfields(r);
		if (st != PAYROLL_OK) {
			if (diag.msg[0] == '\0')
				abort();	/* an error without a message */
			if (n == 0)
				break;	/* fatal: it would repeat */
			continue;
		}
		if (n == 0)
			abort();	/* a record has at least one field */
		for (i = 0; i < n; i++) {
			size_t len;
			const char *f = payroll_csv_field(r, i, &len);

			if (f[len] != '\0')
				abort();
			if (o.check_utf8 && !payroll_utf8_valid(f, len))
				abort();
			if (o.max_field && len > o.max_field)
				abort();
		}
		if (n == 1 && payroll_csv_field(r, 0, NULL)[0] == '\0')
			continue;
		for (i = 0; i < n; i++) {
			size_t len;
			const char *f = payroll_csv_field(r, i, &len);

			payroll_csv_put(&w, f, len);
		}
		payroll_csv_endrec(&w);
		nrec++;
	}
	payroll_csv_free(r);
	fclose(in);
	fclose(out);

	/* Read back what was written: the same records.  Output that
	 * begins with U+FEFF (a field that started with it) would be taken
	 * for a byte order mark: not compared. */
	if (bufsize >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		free(buf);
		return 0;
	}
	if ((in = tmpfile()) == NULL)
		abort();
	if (bufsize > 0 && fwrite(buf, 1, bufsize, in) != bufsize)
		abort();
	rewind(in);
	if ((in2 = tmpfile()) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, in2) != size)
		abort();
	rewind(in2);
	{
		struct payroll_csv_opts o2 = o;
		size_t back = 0;

		o2.allow_bom = 0;
		o2.check_utf8 = 0;
		o2.max_field = 0;
		o2.max_fields = 0;
		if (payroll_csv_open(in, "back.csv", &o2, &r2) != PAYROLL_OK ||
		    payroll_csv_open(in2, "fuzz.csv", &o, &r) != PAYROLL_OK)
			abort();
		while ((st = payroll_csv_read(r2, &diag)) == PAYROLL_OK) {
			size_t n2 = payroll_csv_nfields(r2), n;

			/* The matching original record. */
			do {
				st = payroll_csv_read(r, &diag);
				n = payroll_csv_nfields(r);
			} while (st != PAYROLL_EOF && (st != PAYROLL_OK ||
			    (n == 1 && payroll_csv_field(r, 0, NULL)[0] ==
			    '\0')) && !(st != PAYROLL_OK && n == 0));
			if (st != PAYROLL_OK || n != n2)
				abort();
			for (i = 0; i < n; i++) {
				size_t l1, l2;
				const char *f1 = payroll_csv_field(r, i, &l1);
				const char *f2 = payroll_csv_field(r2, i, &l2);

				if (l1 != l2 || memcmp(f1, f2, l1) != 0)
					abort();
			}
			back++;
		}
		if (st != PAYROLL_EOF || back != nrec)
			abort();
		payroll_csv_free(r);
		payroll_csv_free(r2);
	}
	fclose(in);
	fclose(in2);
	free(buf);
	return 0;
}
