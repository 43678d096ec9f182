/*
 * t_decedge.c: exact decimals at their limits (libpayroll/dec.c): a
 * quotient that needs more than 38 places, a rounding whose result only
 * fits once its trailing zero goes, a rational too large for the working
 * scale when written, rounding to a unit that cannot be aligned, minor
 * units that do not fit, and the internal helpers' errors (dec_mod,
 * dec_to_long, dec_is_integer), every place count an integer can be
 * written to and a quotient rounded to.  Every expected value is worked by hand
 * in the comment above it (and was checked with Python's decimal module
 * at 200 digits, not with this library).
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

static struct payroll_dec
P(const char *s)
{
	struct payroll_dec d;

	if (payroll_dec_parse(s, strlen(s), &d) != PAYROLL_OK) {
		printf("Bail out! cannot parse %s\n", s);
		exit(1);
	}
	return d;
}

static const char *
F(struct payroll_dec d, int places)
{
	static char buf[4][128];
	static int i;

	i = (i + 1) % 4;
	payroll_dec_format(d, places, buf[i], sizeof(buf[i]));
	return buf[i];
}

#define E37 "10000000000000000000000000000000000000"	/* 10^37 */

static void
test_div(void)
{
	struct payroll_dec q;

	/* 2^39 = 549755813888.  10 / 2^39 = 5 / 2^38 = 5^39 / 10^38 =
	 * 1818989403545856475830078125 * 10^-38: 38 places, fits. */
	ok(payroll_dec_div(payroll_dec_make(10, 0),
	    payroll_dec_make(549755813888LL, 0), &q) == PAYROLL_OK,
	    "10 / 2^39 is exact in 38 places");
	is_str(F(q, -1), "0.00000000001818989403545856475830078125",
	    "10 / 2^39 = 5^39 / 10^38");
	/* 1 / 2^39 = 5^39 / 10^39: 39 places, one past the limit. */
	ok(payroll_dec_div(payroll_dec_make(1, 0),
	    payroll_dec_make(549755813888LL, 0), &q) == PAYROLL_ERANGE,
	    "1 / 2^39 needs 39 places: ERANGE");
}

static void
test_round(void)
{
	struct payroll_dec v, r;

	/* v = (21 * 10^36 + 2) / 21 = 10^36 + 2/21 = 10^36 + 0.0952...
	 * To 2 places half up: 10^36 + 0.10, 38 + 2 = 40 digits as
	 * written, but 10^36 + 0.1 in 38: the trailing zero goes. */
	ok(payroll_dec_div(P("21000000000000000000000000000000000002"),
	    payroll_dec_make(21, 0), &v) == PAYROLL_OK && v.den > 1,
	    "(21e36 + 2) / 21 is held as a quotient");
	ok(payroll_dec_round(v, 2, PAYROLL_ROUND_HALF_UP, &r) ==
	    PAYROLL_OK && r.scale == 1 && r.den == 0,
	    "rounded to 2 places half up: 1 place kept (scale %d)", r.scale);
	is_str(F(r, -1), "1000000000000000000000000000000000000.1",
	    "10^36 + 0.0952 half up to cents: 10^36 + 0.10");
	/* Down: 10^36 + 0.09, 39 digits: no room. */
	ok(payroll_dec_round(v, 2, PAYROLL_ROUND_DOWN, &r) ==
	    PAYROLL_ERANGE, "10^36 + 0.0952 down to cents (39 digits): "
	    "ERANGE");
	/* 10^-38 / 11 to 39 places: 10/11 of the unit.  Down: 0; half up:
	 * 1 unit at 39 places, past the limit. */
	ok(payroll_dec_div(P("0.00000000000000000000000000000000000001"),
	    payroll_dec_make(11, 0), &v) == PAYROLL_OK, "10^-38 / 11");
	ok(payroll_dec_round(v, 39, PAYROLL_ROUND_DOWN, &r) == PAYROLL_OK &&
	    r.coef == 0 && r.scale == 0, "10^-38 / 11 down to 39 places: "
	    "zero, at scale 0");
	ok(payroll_dec_round(v, 39, PAYROLL_ROUND_HALF_UP, &r) ==
	    PAYROLL_ERANGE, "10^-38 / 11 half up to 39 places: 10^-39 "
	    "cannot be held");
}

static void
test_round_unit(void)
{
	struct payroll_dec v, r;

	/* 10^37 in units of 0.01 would be 10^39 hundredths. */
	ok(payroll_dec_round_unit(P(E37), P("0.01"), PAYROLL_ROUND_HALF_UP,
	    &r) == PAYROLL_ERANGE, "10^37 to a unit of 0.01: ERANGE");
	ok(payroll_dec_round_unit(P("10.004"), P("0.01"),
	    PAYROLL_ROUND_HALF_UP, &r) == PAYROLL_OK &&
	    strcmp(F(r, -1), "10.000") == 0, "10.004 to 0.01: 10.000 (%s)",
	    F(r, -1));
	ok(payroll_dec_round_unit(P("1"), P("0"), PAYROLL_ROUND_HALF_UP,
	    &r) == PAYROLL_EINVAL && payroll_dec_round_unit(P("1"), P("-5"),
	    PAYROLL_ROUND_HALF_UP, &r) == PAYROLL_EINVAL,
	    "a unit of 0 or below: EINVAL");
	/* A quotient: 10^37 / 3 divided by a unit of 10^-10 is 3.3e46. */
	payroll_dec_div(P(E37), payroll_dec_make(3, 0), &v);
	ok(payroll_dec_round_unit(v, P("0.0000000001"),
	    PAYROLL_ROUND_HALF_UP, &r) == PAYROLL_ERANGE,
	    "10^37 / 3 to a unit of 10^-10: ERANGE");
	/* 10/3 to a unit of 0.5: 3.333 / 0.5 = 6.67, half up 7: 3.5. */
	payroll_dec_div(payroll_dec_make(10, 0), payroll_dec_make(3, 0), &v);
	ok(payroll_dec_round_unit(v, P("0.5"), PAYROLL_ROUND_HALF_UP, &r) ==
	    PAYROLL_OK && strcmp(F(r, -1), "3.5") == 0,
	    "10/3 to a unit of 0.5: 3.5 (%s)", F(r, -1));
}

static void
test_format(void)
{
	struct payroll_dec v;

	/* 10^37 / 3 = 333...3.33 (37 threes before the point): 24 places
	 * do not fit in 38 digits, 1 does; then zeros to 24 places. */
	payroll_dec_div(P(E37), payroll_dec_make(3, 0), &v);
	is_str(F(v, -1), "3333333333333333333333333333333333333.3"
	    "00000000000000000000000", "10^37 / 3 written: 1 place, "
	    "padded to the working scale of 24");
	is_str(F(v, 2), "3333333333333333333333333333333333333.30",
	    "10^37 / 3 to 2 places: 1 place, padded");
	/* (3 * 10^37 + 1) / 3 = 10^37 + 1/3: 38 digits before the point,
	 * no place fits: 10^37, then '.' and 24 zeros. */
	payroll_dec_div(P("30000000000000000000000000000000000001"),
	    payroll_dec_make(3, 0), &v);
	is_str(F(v, -1), E37 ".000000000000000000000000",
	    "10^37 + 1/3 written: no place fits, '.' and zeros");
	is_str(F(v, 0), E37, "10^37 + 1/3 to 0 places: 10^37");
	/* 2/3 to 0 places, half up: 1. */
	payroll_dec_div(payroll_dec_make(2, 0), payroll_dec_make(3, 0), &v);
	is_str(F(v, 0), "1", "2/3 to 0 places: 1");
	is_str(F(v, -1), "0.666666666666666666666667", "2/3 to 24 places");
	/* A decimal widened by more than 18 places. */
	is_str(F(payroll_dec_make(1, 0), 20), "1.00000000000000000000",
	    "1 to 20 places");
	is_str(F(payroll_dec_make(-7, 1), 38),
	    "-0.70000000000000000000000000000000000000", "-0.7 to 38 places");
	/* 1 to 38 places would be 10^38 units: written as it is, padded. */
	is_str(F(payroll_dec_make(1, 0), 38),
	    "1.00000000000000000000000000000000000000", "1 to 38 places");
	is_str(F(P("12.5"), 30), "12.500000000000000000000000000000",
	    "12.5 to 30 places (10^38 would not hold 125 * 10^29)");
}

static void
test_minor(void)
{
	int64_t m;

	/* 10^36 in cents is 10^38: past 38 digits. */
	ok(payroll_dec_to_minor(P("1000000000000000000000000000000000000"),
	    2, &m) == PAYROLL_ERANGE, "10^36 to cents: ERANGE");
	ok(payroll_dec_to_minor(payroll_dec_make(1, 0), 39, &m) ==
	    PAYROLL_ERANGE, "1 to 39 places: ERANGE");
	ok(payroll_dec_to_minor(payroll_dec_make(1, 0), 18, &m) ==
	    PAYROLL_OK && m == 1000000000000000000LL, "1 to 18 places: 10^18");
	ok(payroll_dec_to_minor(payroll_dec_make(10, 0), 18, &m) ==
	    PAYROLL_ERANGE, "10 to 18 places: 10^19 > 2^63 - 1");
	ok(payroll_dec_to_minor(P("92233720368547758.07"), 2, &m) ==
	    PAYROLL_OK && m == INT64_MAX, "2^63 - 1 cents");
	ok(payroll_dec_to_minor(P("92233720368547758.08"), 2, &m) ==
	    PAYROLL_ERANGE, "2^63 cents: ERANGE");
}

static void
test_internal(void)
{
	struct payroll_dec v, r;
	long l;

	payroll_dec_div(payroll_dec_make(1, 0), payroll_dec_make(3, 0), &v);
	ok(dec_is_integer(v) == 0, "1/3 is not whole");
	ok(dec_is_integer(P("4.00")) == 1 && dec_is_integer(P("4.01")) == 0,
	    "4.00 is whole, 4.01 not");
	ok(dec_to_long(P("100000000000000000000"), &l) == PAYROLL_ERANGE,
	    "10^20 is no long");
	ok(dec_to_long(P("-7.9"), &l) == PAYROLL_OK && l == -7,
	    "-7.9 as a long: -7 (towards zero)");
	ok(dec_mod(payroll_dec_make(7, 0), payroll_dec_make(0, 2), &r) ==
	    PAYROLL_EDIVZERO, "x mod 0: EDIVZERO");
	ok(dec_mod(payroll_dec_make(7, 0), payroll_dec_make(3, 0), &r) ==
	    PAYROLL_OK && strcmp(F(r, -1), "1") == 0, "7 mod 3 = 1");
	ok(dec_mod(payroll_dec_make(-7, 0), payroll_dec_make(3, 0), &r) ==
	    PAYROLL_OK && strcmp(F(r, -1), "-1") == 0, "-7 mod 3 = -1 "
	    "(the sign of the dividend)");
	ok(dec_mod(P("7.5"), P("2"), &r) == PAYROLL_OK &&
	    strcmp(F(r, -1), "1.5") == 0, "7.5 mod 2 = 1.5");
	/* 10^37 mod 0.01: 10^37 at 2 places is 10^39: ERANGE. */
	ok(dec_mod(P(E37), P("0.01"), &r) == PAYROLL_ERANGE,
	    "10^37 mod 0.01: ERANGE");
	/* 7/3 mod 1 = 7/3 - 2 = 1/3. */
	payroll_dec_div(payroll_dec_make(7, 0), payroll_dec_make(3, 0), &v);
	ok(dec_mod(v, payroll_dec_make(1, 0), &r) == PAYROLL_OK &&
	    strcmp(F(r, -1), "0.333333333333333333333333") == 0,
	    "7/3 mod 1 = 1/3 (%s)", F(r, -1));
	/* 10^37/3 mod 10^-30: the quotient 3.3e66 cannot be held. */
	payroll_dec_div(P(E37), payroll_dec_make(3, 0), &v);
	ok(dec_mod(v, P("0.000000000000000000000000000001"), &r) ==
	    PAYROLL_ERANGE, "10^37/3 mod 10^-30: ERANGE");
}

/*
 * One form (payroll.h): "Plain decimals never carry a denominator: den 0
 * ... is what every decimal made by hand or by payroll_dec_parse() has",
 * and a value that terminates is a plain decimal, however it was made.
 * den 1 would print and compare the same (1 is taken for 0), so only the
 * field itself shows it: every way to make a terminating value, each
 * checked for den 0 and for its value, worked by hand.
 */
static void
test_one_form(void)
{
	static const struct {
		const char *s, *want;
	} parsed[] = {
		{ "0", "0" }, { "-0.00", "0.00" }, { "+7", "7" },
		{ "12.5", "12.5" }, { "123.4500", "123.4500" },
		{ "0.000001", "0.000001" },
		{ "99999999999999999999999999999999999999",
		    "99999999999999999999999999999999999999" },
	};
	static const struct {
		const char *a, *b, *want;
	} quot[] = {
		{ "1", "4", "0.25" },		/* 2^-2 */
		{ "3", "8", "0.375" },		/* 3 / 2^3 */
		{ "7", "25", "0.28" },		/* 7 / 5^2 */
		{ "10", "5", "2" },
		{ "0", "7", "0" },		/* zero by anything */
		{ "1.5", "0.03", "50" },	/* 150 / 3 */
		{ "21", "7", "3" },		/* 7 cancels: 21 = 3 * 7 */
		/* 5^30 = 931322574615478515625 > 2^64: the wide divisor's
		 * path; 2 * 5^30 / 5^30 = 2. */
		{ "1862645149230957031250", "931322574615478515625", "2" },
		/* 1 / 5^30 = 2^30 / 10^30 = 1073741824 * 10^-30. */
		{ "1", "931322574615478515625",
		    "0.000000000000000000001073741824" },
	};
	struct payroll_dec d, t, q;
	size_t i;

	for (i = 0; i < sizeof(parsed) / sizeof(parsed[0]); i++) {
		d = P(parsed[i].s);
		ok(d.den == 0 && strcmp(F(d, -1), parsed[i].want) == 0,
		    "parse '%s': %s, den 0 (den %llu)", parsed[i].s,
		    parsed[i].want, (unsigned long long)d.den);
	}
	d = payroll_dec_make(-125, 2);
	ok(d.den == 0 && strcmp(F(d, -1), "-1.25") == 0,
	    "make(-125, 2): -1.25, den 0");
	d = payroll_dec_neg(P("1.25"));
	ok(d.den == 0 && strcmp(F(d, -1), "-1.25") == 0,
	    "neg(1.25): -1.25, den 0");
	for (i = 0; i < sizeof(quot) / sizeof(quot[0]); i++) {
		ok(payroll_dec_div(P(quot[i].a), P(quot[i].b), &q) ==
		    PAYROLL_OK && q.den == 0 &&
		    strcmp(F(q, -1), quot[i].want) == 0,
		    "%s / %s = %s, den 0 (den %llu)", quot[i].a, quot[i].b,
		    quot[i].want, (unsigned long long)q.den);
	}
	/* Sums, differences, products of decimals. */
	ok(payroll_dec_add(P("0.1"), P("0.2"), &d) == PAYROLL_OK &&
	    d.den == 0 && strcmp(F(d, -1), "0.3") == 0, "0.1 + 0.2 = 0.3, den 0");
	ok(payroll_dec_sub(P("5"), P("7.25"), &d) == PAYROLL_OK &&
	    d.den == 0 && strcmp(F(d, -1), "-2.25") == 0,
	    "5 - 7.25 = -2.25, den 0");
	ok(payroll_dec_mul(P("1.5"), P("-0.2"), &d) == PAYROLL_OK &&
	    d.den == 0 && strcmp(F(d, -1), "-0.30") == 0,
	    "1.5 * -0.2 = -0.30, den 0");
	/* A quotient brought back to a decimal: (1/3) * 3 = 1, (2/3) * 1.5
	 * = 1, 1/3 + 2/3 = 1, 1/3 - 1/3 = 0; each den 0. */
	ok(payroll_dec_div(P("1"), P("3"), &q) == PAYROLL_OK && q.den == 3,
	    "1 / 3 keeps den 3");
	ok(payroll_dec_mul(q, P("3"), &d) == PAYROLL_OK && d.den == 0 &&
	    payroll_dec_cmp(d, P("1")) == 0, "(1/3) * 3 = 1, den 0 (den %llu)",
	    (unsigned long long)d.den);
	ok(payroll_dec_mul(P("3"), q, &d) == PAYROLL_OK && d.den == 0 &&
	    payroll_dec_cmp(d, P("1")) == 0, "3 * (1/3) = 1, den 0");
	ok(payroll_dec_div(P("2"), P("3"), &t) == PAYROLL_OK &&
	    payroll_dec_mul(t, P("1.5"), &d) == PAYROLL_OK && d.den == 0 &&
	    payroll_dec_cmp(d, P("1")) == 0, "(2/3) * 1.5 = 1, den 0");
	ok(payroll_dec_add(q, t, &d) == PAYROLL_OK && d.den == 0 &&
	    payroll_dec_cmp(d, P("1")) == 0, "1/3 + 2/3 = 1, den 0 (den %llu)",
	    (unsigned long long)d.den);
	ok(payroll_dec_sub(q, q, &d) == PAYROLL_OK && d.den == 0 &&
	    payroll_dec_sign(d) == 0, "1/3 - 1/3 = 0, den 0");
	ok(payroll_dec_div(q, t, &d) == PAYROLL_OK && d.den == 0 &&
	    payroll_dec_cmp(d, P("0.5")) == 0, "(1/3) / (2/3) = 0.5, den 0");
	ok(payroll_dec_round(q, 2, PAYROLL_ROUND_HALF_UP, &d) == PAYROLL_OK &&
	    d.den == 0 && strcmp(F(d, -1), "0.33") == 0,
	    "1/3 rounded half up to 2 places: 0.33, den 0");
}

/*
 * A denominator near 2^64 (3^40 = 12157665459056928801) with a small
 * numerator: reducing to lowest terms takes a gcd of 2 and 3^40, which a
 * binary gcd does in some 64 halvings; one that only subtracts would take
 * some 6 * 10^18 steps: a hang on an input of that shape.  Each result
 * worked by hand: 1 / 3^40 keeps den 3^40; times 2, 2 / 3^40 (gcd(2,
 * 3^40) = 1); 2 / 3^40 directly the same; plus itself, 2 / 3^40; times
 * 3^40, 1 (den 0).  A watchdog (set in main: the other tests' quotients
 * take such gcds too) reports a run past 60 seconds as a failure.
 */
static void
on_alarm(int sig)
{
	static const char m[] = "not ok 999 - a gcd with a 64-bit "
	    "denominator still running after 60 seconds\n";

	(void)sig;
	if (write(1, m, sizeof(m) - 1) < 0)
		_exit(2);
	_exit(1);
}

static void
test_wide_den(void)
{
	struct payroll_dec big = P("12157665459056928801"), q, d, e;

	ok(payroll_dec_div(P("1"), big, &q) == PAYROLL_OK && q.coef == 1 &&
	    q.scale == 0 && q.den == 12157665459056928801ULL,
	    "1 / 3^40: den 3^40");
	ok(payroll_dec_mul(q, P("2"), &d) == PAYROLL_OK && d.coef == 2 &&
	    d.scale == 0 && d.den == 12157665459056928801ULL,
	    "(1 / 3^40) * 2 = 2 / 3^40");
	ok(payroll_dec_div(P("2"), big, &e) == PAYROLL_OK &&
	    payroll_dec_cmp(d, e) == 0 && e.den == 12157665459056928801ULL,
	    "2 / 3^40 directly: the same");
	ok(payroll_dec_add(q, q, &e) == PAYROLL_OK &&
	    payroll_dec_cmp(d, e) == 0, "1 / 3^40 + 1 / 3^40 = 2 / 3^40");
	ok(payroll_dec_mul(q, big, &e) == PAYROLL_OK && e.den == 0 &&
	    payroll_dec_cmp(e, P("1")) == 0, "(1 / 3^40) * 3^40 = 1");
}

/*
 * Every place count a value can be written to, past what 256 bits hold
 * when widened: payroll_dec_format() promises exactly `places` places,
 * so an integer is written as its digits, '.', and that many zeros,
 * whatever happens inside (the widening by 10^19 at a time overflows
 * 2^256 for 1 at 78 places; for C below at 40 places, in its second
 * step, where the high half times 10^2 still fits but the carry from
 * the low half does not).
 */
static void
test_format_wide(void)
{
	/* C = 2^256 / 10^40 rounded up (2^256 =
	 * 115792089237316195423570985008687907853269984665640564039457584007913129639936):
	 * C * 10^40 is just past 2^256, (C - 1) * 10^40 just below. */
	static const char *const ints[] = { "1", "-1", "7",
	    "11579208923731619542357098500868790786",
	    "11579208923731619542357098500868790785",
	    "-11579208923731619542357098500868790786",
	    "99999999999999999999999999999999999999" };
	char want[128];
	size_t i;
	int n, bad = 0;

	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		/* tmp[96] in payroll_dec_format: at most 95 characters. */
		int max = 95 - 1 - (int)strlen(ints[i]);

		for (n = 1; n <= max; n++) {
			snprintf(want, sizeof(want), "%s.%0*d", ints[i], n, 0);
			if (strcmp(F(P(ints[i]), n), want) != 0) {
				if (bad++ < 3)
					printf("# %s to %d places: %s\n",
					    ints[i], n, F(P(ints[i]), n));
			}
		}
	}
	ok(bad == 0, "integers written to every place count up to 95 "
	    "characters: the digits, '.', zeros (%d wrong)", bad);
}

/*
 * A quotient rounded to p places: 1/3 is 0.33...3 and 2/3 is 0.66...67
 * (p digits; the remainder 1/3 is below a half, 2/3 above it) up to the
 * 38 places a decimal holds; past 38, ERANGE for every p (never a value
 * left unwritten), in every mode.
 */
static void
test_round_places(void)
{
	struct payroll_dec third, two, r;
	char want[64];
	int p, bad = 0;
	enum payroll_round m;

	payroll_dec_div(payroll_dec_make(1, 0), payroll_dec_make(3, 0), &third);
	payroll_dec_div(payroll_dec_make(2, 0), payroll_dec_make(3, 0), &two);
	for (p = 1; p <= 38; p++) {
		snprintf(want, sizeof(want), "0.%.*s", p,
		    "33333333333333333333333333333333333333");
		if (payroll_dec_round(third, p, PAYROLL_ROUND_HALF_UP, &r) != 0 ||
		    strcmp(F(r, -1), want) != 0) {
			bad++;
			printf("# 1/3 to %d places: %s\n", p, F(r, -1));
		}
		snprintf(want, sizeof(want), "0.%.*s7", p - 1,
		    "66666666666666666666666666666666666666");
		if (payroll_dec_round(two, p, PAYROLL_ROUND_HALF_UP, &r) != 0 ||
		    strcmp(F(r, -1), want) != 0) {
			bad++;
			printf("# 2/3 to %d places: %s\n", p, F(r, -1));
		}
	}
	ok(bad == 0, "1/3 and 2/3 rounded half up to 1..38 places");
	bad = 0;
	for (p = 39; p <= 400; p++)
		for (m = PAYROLL_ROUND_HALF_UP; m <= PAYROLL_ROUND_FLOOR; m++) {
			r = payroll_dec_make(12345, 0);
			if (payroll_dec_round(third, p, m, &r) != PAYROLL_ERANGE ||
			    payroll_dec_round(two, p, m, &r) != PAYROLL_ERANGE) {
				if (bad++ < 3)
					printf("# %d places, mode %d: not ERANGE\n",
					    p, (int)m);
			}
		}
	ok(bad == 0, "a third rounded to 39..400 places: ERANGE in every mode");
}

int
main(void)
{
	signal(SIGALRM, on_alarm);
	alarm(60);
	test_div();
	test_round();
	test_round_unit();
	test_format();
	test_minor();
	test_internal();
	test_one_form();
	test_wide_den();
	test_format_wide();
	test_round_places();
	return tap_done();
}
