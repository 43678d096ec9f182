/*
 * dec_fuzz.c: libFuzzer entry point for exact decimals and dates
 * (libpayroll/dec.c, date.c).  The input is two numbers separated by a
 * comma; each operation's result is checked against the definitions:
 * parse and format round-trip, a + b - b = a, a * b = b * a, every
 * rounding within one unit and on the side its mode says, round_unit to
 * a multiple of the unit, a quotient's roundings bracketing it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static void
check_round(struct payroll_dec a, int k)
{
	struct payroll_dec r[7], unit, diff, half, t;
	int m, cmp, sa = payroll_dec_sign(a);

	unit = payroll_dec_make(1, k >= 0 ? k : 0);
	if (k < 0) {
		int i;

		for (i = 0; i < -k; i++)
			CHECK(payroll_dec_mul(unit, payroll_dec_make(10, 0),
			    &unit) == 0);
	}
	CHECK(payroll_dec_div(unit, payroll_dec_make(2, 0), &half) == 0);
	for (m = 0; m < 7; m++) {
		if (payroll_dec_round(a, k, (enum payroll_round)m, &r[m]) != 0)
			return;	/* only overflow may fail */
		/* |r - a| < unit; a multiple of the unit.  The difference
		 * may need more than 38 digits (1000 - 0.12...1 with 38
		 * places): a sum is then ERANGE, never rounded. */
		if (payroll_dec_sub(r[m], a, &diff) != 0)
			continue;
		if (payroll_dec_sign(diff) < 0)
			diff = payroll_dec_neg(diff);
		CHECK(payroll_dec_cmp(diff, unit) < 0);
		/* A multiple of the unit (round_unit may not be able to
		 * align 38 digits to a small unit: ERANGE is fine). */
		if (payroll_dec_round_unit(r[m], unit, PAYROLL_ROUND_DOWN,
		    &t) == 0)
			CHECK(payroll_dec_cmp(t, r[m]) == 0);
		/* Half modes: within half a unit. */
		if (m <= PAYROLL_ROUND_HALF_DOWN)
			CHECK(payroll_dec_cmp(diff, half) <= 0);
		/* The sign never flips. */
		CHECK(payroll_dec_sign(r[m]) == 0 ||
		    payroll_dec_sign(r[m]) == sa);
	}
	cmp = payroll_dec_cmp(r[PAYROLL_ROUND_FLOOR], a);
	CHECK(cmp <= 0);
	CHECK(payroll_dec_cmp(r[PAYROLL_ROUND_CEILING], a) >= 0);
	/* down is toward zero, up away from it. */
	if (sa >= 0) {
		CHECK(payroll_dec_cmp(r[PAYROLL_ROUND_DOWN],
		    r[PAYROLL_ROUND_FLOOR]) == 0);
		CHECK(payroll_dec_cmp(r[PAYROLL_ROUND_UP],
		    r[PAYROLL_ROUND_CEILING]) == 0);
	} else {
		CHECK(payroll_dec_cmp(r[PAYROLL_ROUND_DOWN],
		    r[PAYROLL_ROUND_CEILING]) == 0);
		CHECK(payroll_dec_cmp(r[PAYROLL_ROUND_UP],
		    r[PAYROLL_ROUND_FLOOR]) == 0);
	}
	/* Exact values do not move. */
	if (cmp == 0)
		for (m = 0; m < 7; m++)
			CHECK(payroll_dec_cmp(r[m], a) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *comma;
	struct payroll_dec a, b, r, t, u;
	char buf[128];
	size_t la, lb, n;
	payroll_date d;
	int ok_a, ok_b, k;

	if (size > 200)
		return 0;
	/* Dates: what parses formats back to the same ten bytes. */
	if (payroll_date_parse(s, size, &d) == PAYROLL_OK) {
		CHECK(size == 10);
		CHECK(payroll_date_format(d, buf, sizeof(buf)) == 10);
		CHECK(memcmp(buf, s, 10) == 0);
	}
	comma = memchr(s, ',', size);
	la = comma != NULL ? (size_t)(comma - s) : size;
	lb = comma != NULL ? size - la - 1 : 0;
	ok_a = payroll_dec_parse(s, la, &a) == PAYROLL_OK;
	ok_b = comma != NULL && payroll_dec_parse(comma + 1, lb, &b) ==
	    PAYROLL_OK;
	if (!ok_a)
		return 0;
	/* Format and parse back: the same value and scale. */
	n = payroll_dec_format(a, -1, buf, sizeof(buf));
	CHECK(n < sizeof(buf));
	CHECK(payroll_dec_parse(buf, n, &t) == 0 && t.scale == a.scale &&
	    payroll_dec_cmp(t, a) == 0);
	for (k = -3; k <= 6; k++)
		check_round(a, k);
	if (!ok_b)
		return 0;
	CHECK((payroll_dec_cmp(a, b) > 0) == (payroll_dec_cmp(b, a) < 0));
	if (payroll_dec_add(a, b, &r) == 0) {
		CHECK(payroll_dec_sub(r, b, &t) == 0 &&
		    payroll_dec_cmp(t, a) == 0);
		CHECK(payroll_dec_add(b, a, &u) == 0 &&
		    payroll_dec_cmp(u, r) == 0);
	}
	if (payroll_dec_mul(a, b, &r) == 0) {
		CHECK(payroll_dec_mul(b, a, &u) == 0 &&
		    payroll_dec_cmp(u, r) == 0);
		check_round(r, 2);
	}
	if (payroll_dec_div(a, b, &r) == 0) {
		struct payroll_dec lo, hi, p;

		CHECK(payroll_dec_sign(b) != 0);
		/* floor(a/b, 2) * b <= a <= ceil(a/b, 2) * b for b > 0. */
		if (payroll_dec_round(r, 2, PAYROLL_ROUND_FLOOR, &lo) == 0 &&
		    payroll_dec_round(r, 2, PAYROLL_ROUND_CEILING, &hi) == 0 &&
		    payroll_dec_sign(b) > 0 && b.scale <= 20) {
			if (payroll_dec_mul(lo, b, &p) == 0)
				CHECK(payroll_dec_cmp(p, a) <= 0);
			if (payroll_dec_mul(hi, b, &p) == 0)
				CHECK(payroll_dec_cmp(p, a) >= 0);
		}
		check_round(r, 2);
	} else
		CHECK(payroll_dec_sign(b) == 0 ||
		    payroll_dec_div(a, b, &r) == PAYROLL_ERANGE);
	if (payroll_dec_sign(b) > 0 &&
	    payroll_dec_round_unit(a, b, PAYROLL_ROUND_HALF_EVEN, &r) == 0) {
		if (payroll_dec_round_unit(r, b, PAYROLL_ROUND_DOWN, &t) == 0)
			CHECK(payroll_dec_cmp(t, r) == 0);
		CHECK(payroll_dec_sub(r, a, &t) == 0);
	}
	return 0;
}
