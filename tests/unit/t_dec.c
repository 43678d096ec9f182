/*
 * t_dec.c: exact decimals (libpayroll/dec.c).
 *
 * Every expected value here is worked out by hand from the definition of
 * the operation (school arithmetic and the rounding modes as defined in
 * payroll.h and IEEE 754-2008 section 4.3), never copied from a run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"
#include "tap.h"

/* Parses s; aborts the test binary on failure (a bug in the test). */
static struct payroll_dec
D(const char *s)
{
	struct payroll_dec d;

	if (payroll_dec_parse(s, strlen(s), &d) != PAYROLL_OK) {
		printf("Bail out! cannot parse '%s'\n", s);
		exit(2);
	}
	return d;
}

/* Formats with the value's own scale, into a rotating static buffer. */
static const char *
F(struct payroll_dec d)
{
	static char bufs[8][128];
	static int i;
	char *b = bufs[i++ % 8];

	payroll_dec_format(d, -1, b, 128);
	return b;
}

static const char *
FP(struct payroll_dec d, int places)
{
	static char bufs[8][128];
	static int i;
	char *b = bufs[i++ % 8];

	payroll_dec_format(d, places, b, 128);
	return b;
}

static int
parse_st(const char *s)
{
	struct payroll_dec d;

	return payroll_dec_parse(s, strlen(s), &d);
}

static void
test_parse(void)
{
	static const char *bad[] = {
		"", ".", "-", "+", "1e5", "1E5", "1,000.00", "1 000", "--5",
		"+-5", "-+5", "5-", " 5", "5 ", "1.", ".5", "-.5", "1.2.3",
		"0x10", "1_000", "\xd9\xa1", "inf", "NaN", "1..2", "5%",
		"$5", "1.0e2", "\t1",
	};
	struct payroll_dec d;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(parse_st(bad[i]) == PAYROLL_ESYNTAX, "parse refuses '%s'",
		    bad[i]);
	/* An embedded NUL within len is not a digit. */
	ok(payroll_dec_parse("5\0", 2, &d) == PAYROLL_ESYNTAX,
	    "parse refuses an embedded NUL");
	/* len bytes are read: the rest is not looked at. */
	ok(payroll_dec_parse("12.5xyz", 4, &d) == PAYROLL_OK &&
	    strcmp(F(d), "12.5") == 0, "parse reads exactly len bytes");

	is_str(F(D("0")), "0", "parse 0");
	is_str(F(D("-0")), "0", "parse -0 is 0");
	is_str(F(D("-0.00")), "0.00", "parse -0.00 keeps its scale");
	is_str(F(D("+5")), "5", "parse +5");
	is_str(F(D("-1234.50")), "-1234.50", "parse -1234.50 keeps scale");
	is_str(F(D("0.062")), "0.062", "parse 0.062");
	is_str(F(D("007")), "7", "leading zeros dropped");
	is_str(F(D("00.0100")), "0.0100", "leading zeros, trailing kept");
	ok(D("1.50").scale == 2 && D("1.50").coef == 150, "1.50 is 150e-2");

	/* 38 digits fit; 39 do not. */
	is_str(F(D("99999999999999999999999999999999999999")),
	    "99999999999999999999999999999999999999", "38 nines parse");
	is_str(F(D("-99999999999999999999999999999999999999")),
	    "-99999999999999999999999999999999999999", "-38 nines parse");
	ok(parse_st("100000000000000000000000000000000000000") ==
	    PAYROLL_ERANGE, "39 digits: ERANGE");
	ok(parse_st("9999999999999999999.9999999999999999999") ==
	    PAYROLL_OK, "38 digits across the point");
	ok(parse_st("9999999999999999999.99999999999999999999") ==
	    PAYROLL_ERANGE, "39 digits across the point: ERANGE");
	/* Leading zeros do not count as digits. */
	ok(parse_st("0000000000000000000000000000000000000000001") ==
	    PAYROLL_OK, "43 characters but 1 digit");
	ok(parse_st("0.00000000000000000000000000000000000001") ==
	    PAYROLL_OK, "1e-38 parses (scale 38)");
	ok(parse_st("0.000000000000000000000000000000000000001") ==
	    PAYROLL_ERANGE, "1e-39: scale 39 is out of range");
	ok(parse_st("123456789012345678901234567890123456789012345678901234"
	    "5678901234567890") == PAYROLL_ERANGE, "70 digits: ERANGE");
}

static void
test_format(void)
{
	char buf[8];
	size_t n;

	is_str(FP(payroll_dec_make(123450, 2), 2), "1234.50", "format 2dp");
	is_str(FP(payroll_dec_make(5, 0), 2), "5.00", "widen 5 to 5.00");
	is_str(FP(payroll_dec_make(-5, 3), -1), "-0.005", "format -0.005");
	is_str(FP(payroll_dec_make(-5, 3), 4), "-0.0050", "widen -0.005");
	is_str(FP(payroll_dec_make(7, 1), 0), "1", "0.7 to 0 places: 1");
	is_str(FP(payroll_dec_make(25, 1), 0), "3", "2.5 formats half-up 3");
	is_str(FP(payroll_dec_make(-25, 1), 0), "-3", "-2.5 formats -3");
	is_str(FP(payroll_dec_make(0, 0), 2), "0.00", "zero to 0.00");
	is_str(FP(payroll_dec_make(1, 2), -1), "0.01", "0.01");
	is_str(FP(payroll_dec_make(-1, 2), -1), "-0.01", "-0.01");
	is_str(FP(payroll_dec_make(INT64_MAX, 0), -1), "9223372036854775807",
	    "INT64_MAX");
	is_str(FP(payroll_dec_make(INT64_MIN, 0), -1), "-9223372036854775808",
	    "INT64_MIN");
	is_str(FP(D("0.00000000000000000000000000000000000001"), -1),
	    "0.00000000000000000000000000000000000001", "1e-38 formats");
	/* snprintf contract: the length needed, a truncated NUL-ended copy. */
	n = payroll_dec_format(payroll_dec_make(123450, 2), 2, buf, 4);
	ok(n == 7 && strcmp(buf, "123") == 0, "truncated format returns 7");
	n = payroll_dec_format(payroll_dec_make(123450, 2), 2, NULL, 0);
	ok(n == 7, "format with size 0 returns the length");
}

static void
test_arith(void)
{
	struct payroll_dec r;
	struct payroll_dec max = D("99999999999999999999999999999999999999");

	ok(payroll_dec_add(D("0.1"), D("0.2"), &r) == 0 &&
	    payroll_dec_cmp(r, D("0.3")) == 0, "0.1 + 0.2 == 0.3 exactly");
	ok(payroll_dec_add(D("1234.50"), D("-0.005"), &r) == 0 &&
	    strcmp(F(r), "1234.495") == 0, "1234.50 + -0.005 = 1234.495");
	ok(payroll_dec_sub(D("100"), D("0.01"), &r) == 0 &&
	    strcmp(F(r), "99.99") == 0, "100 - 0.01 = 99.99");
	ok(payroll_dec_sub(D("0.01"), D("100"), &r) == 0 &&
	    strcmp(F(r), "-99.99") == 0, "0.01 - 100 = -99.99");
	ok(payroll_dec_mul(D("0.062"), D("184500"), &r) == 0 &&
	    payroll_dec_cmp(r, D("11439")) == 0,
	    "0.062 * 184500 = 11439 (SS max 2026)");
	ok(payroll_dec_mul(D("1.005"), D("100"), &r) == 0 &&
	    strcmp(F(r), "100.500") == 0, "1.005 * 100 = 100.500");
	ok(payroll_dec_mul(D("-1.5"), D("1.5"), &r) == 0 &&
	    strcmp(F(r), "-2.25") == 0, "-1.5 * 1.5 = -2.25");
	ok(payroll_dec_mul(D("-0.5"), D("0"), &r) == 0 &&
	    payroll_dec_sign(r) == 0, "-0.5 * 0 = 0");
	ok(payroll_dec_div(D("1"), D("4"), &r) == 0 &&
	    payroll_dec_cmp(r, D("0.25")) == 0, "1 / 4 = 0.25 exactly");
	ok(payroll_dec_div(D("-7"), D("2"), &r) == 0 &&
	    payroll_dec_cmp(r, D("-3.5")) == 0, "-7 / 2 = -3.5");
	ok(payroll_dec_div(D("2400"), D("12"), &r) == 0 &&
	    payroll_dec_cmp(r, D("200")) == 0, "2400 / 12 = 200");
	ok(payroll_dec_div(D("0.0001"), D("0.01"), &r) == 0 &&
	    payroll_dec_cmp(r, D("0.01")) == 0, "0.0001 / 0.01 = 0.01");
	ok(payroll_dec_div(D("1"), D("0"), &r) == PAYROLL_EDIVZERO,
	    "1 / 0: EDIVZERO");
	ok(payroll_dec_div(D("0"), D("0.00"), &r) == PAYROLL_EDIVZERO,
	    "0 / 0.00: EDIVZERO");
	ok(payroll_dec_div(D("1"), D("3"), &r) == 0 &&
	    strcmp(F(r), "0.333333333333333333333333") == 0,
	    "1 / 3 keeps 24 places");
	/* out may alias an operand. */
	r = D("2.5");
	ok(payroll_dec_add(r, r, &r) == 0 && strcmp(F(r), "5.0") == 0,
	    "add with out aliasing both operands");

	/* Comparisons across scales. */
	ok(payroll_dec_cmp(D("1.50"), D("1.5")) == 0, "1.50 == 1.5");
	ok(payroll_dec_cmp(D("-1"), D("0.5")) < 0, "-1 < 0.5");
	ok(payroll_dec_cmp(D("0.5"), D("-1")) > 0, "0.5 > -1");
	ok(payroll_dec_cmp(D("-0.01"), D("-0.001")) < 0, "-0.01 < -0.001");
	ok(payroll_dec_cmp(max, D("0.00000000000000000000000000000000000001"))
	    > 0, "max > 1e-38 (alignment would overflow)");
	ok(payroll_dec_cmp(payroll_dec_neg(max),
	    D("0.00000000000000000000000000000000000001")) < 0,
	    "-max < 1e-38");
	/* Found by tests/fuzz/dec_fuzz: the other way round said ">". */
	ok(payroll_dec_cmp(D("0.00000000000000000000000000000000000001"),
	    max) < 0, "1e-38 < max");
	ok(payroll_dec_cmp(D("-0.00000000000000000000000000000000000001"),
	    payroll_dec_neg(max)) > 0, "-1e-38 > -max");
	ok(payroll_dec_cmp(payroll_dec_neg(max),
	    D("-0.00000000000000000000000000000000000001")) < 0,
	    "-max < -1e-38");
	ok(payroll_dec_cmp(D("0.99999999999999999999999999999999999999"),
	    D("10")) < 0, "0.99...9 (38 places) < 10");
	ok(payroll_dec_cmp(D("10"),
	    D("0.99999999999999999999999999999999999999")) > 0,
	    "10 > 0.99...9 (38 places)");
	ok(payroll_dec_cmp(D("9999999999999999999999999999999999998"),
	    D("9999999999999999999999999999999999998.5")) < 0,
	    "n < n.5 at 38 digits");
	ok(payroll_dec_sign(D("-0.001")) == -1 && payroll_dec_sign(D("0")) == 0
	    && payroll_dec_sign(D("3")) == 1, "sign");
	ok(strcmp(F(payroll_dec_neg(D("1.20"))), "-1.20") == 0, "neg");

	/* Overflow is an error, never a wrap. */
	ok(payroll_dec_add(max, D("1"), &r) == PAYROLL_ERANGE,
	    "max + 1: ERANGE");
	ok(payroll_dec_sub(payroll_dec_neg(max), D("1"), &r) ==
	    PAYROLL_ERANGE, "-max - 1: ERANGE");
	/* A sum that needs 39 digits is an error, not a rounded sum. */
	ok(payroll_dec_add(D("999999999999999999999999999999999999.99"),
	    D("999999999999999999999999999999999999.99"), &r) ==
	    PAYROLL_ERANGE, "two 38-digit amounts whose sum needs 39: ERANGE "
	    "(was 1999...9.9, the cents lost)");
	ok(payroll_dec_add(D("10000000000000000000000000000000000000"),
	    D("0.1"), &r) == PAYROLL_ERANGE,
	    "1e37 + 0.1 (39 digits): ERANGE");
	ok(payroll_dec_sub(D("-10000000000000000000000000000000000000"),
	    D("0.1"), &r) == PAYROLL_ERANGE,
	    "-1e37 - 0.1 (39 digits): ERANGE");
	/* Only trailing zeros are dropped: 9999...9.5 + 0.5 = 1e37. */
	ok(payroll_dec_add(D("9999999999999999999999999999999999999.5"),
	    D("0.5"), &r) == 0 &&
	    strcmp(F(r), "10000000000000000000000000000000000000") == 0,
	    "(1e37 - 0.5) + 0.5 = 1e37 exactly (a trailing zero dropped)");
	ok(payroll_dec_add(max, payroll_dec_neg(max), &r) == 0 &&
	    payroll_dec_sign(r) == 0, "max + -max = 0");
	ok(payroll_dec_mul(max, D("10"), &r) == PAYROLL_ERANGE,
	    "max * 10: ERANGE");
	ok(payroll_dec_mul(D("100000000000000000000"),
	    D("100000000000000000000"), &r) == PAYROLL_ERANGE,
	    "1e20 * 1e20: ERANGE");
	ok(payroll_dec_mul(D("-100000000000000000000"),
	    D("100000000000000000000"), &r) == PAYROLL_ERANGE,
	    "-1e20 * 1e20: ERANGE");
	ok(payroll_dec_mul(D("10000000000000000000"),
	    D("1000000000000000000"), &r) == 0 &&
	    strcmp(F(r), "10000000000000000000000000000000000000") == 0,
	    "1e19 * 1e18 = 1e37 fits");
	ok(payroll_dec_div(max, D("0.1"), &r) == PAYROLL_ERANGE,
	    "max / 0.1: ERANGE");
	ok(payroll_dec_div(D("1"), D("0.00000000000000000000000000000000000001"),
	    &r) == PAYROLL_ERANGE, "1 / 1e-38: ERANGE");
}

/* The division's and the long product's sticky digit. */
static void
test_sticky(void)
{
	struct payroll_dec q, r;

	/* 1/3 = 0.333..., up to 2 places: 0.34; down: 0.33. */
	payroll_dec_div(D("1"), D("3"), &q);
	ok(payroll_dec_round(q, 2, PAYROLL_ROUND_UP, &r) == 0 &&
	    strcmp(F(r), "0.34") == 0, "1/3 rounded up to 2 places = 0.34");
	payroll_dec_round(q, 2, PAYROLL_ROUND_CEILING, &r);
	is_str(F(r), "0.34", "1/3 ceiling to 2 places = 0.34");
	payroll_dec_round(q, 2, PAYROLL_ROUND_HALF_UP, &r);
	is_str(F(r), "0.33", "1/3 half-up to 2 places = 0.33");
	/* 2/3 = 0.666..., down: 0.66; half-up: 0.67. */
	payroll_dec_div(D("2"), D("3"), &q);
	payroll_dec_round(q, 2, PAYROLL_ROUND_DOWN, &r);
	is_str(F(r), "0.66", "2/3 rounded down to 2 places = 0.66");
	payroll_dec_round(q, 2, PAYROLL_ROUND_FLOOR, &r);
	is_str(F(r), "0.66", "2/3 floor = 0.66");
	payroll_dec_round(q, 2, PAYROLL_ROUND_HALF_DOWN, &r);
	is_str(F(r), "0.67", "2/3 half-down = 0.67");
	payroll_dec_div(D("-2"), D("3"), &q);
	payroll_dec_round(q, 2, PAYROLL_ROUND_FLOOR, &r);
	is_str(F(r), "-0.67", "-2/3 floor = -0.67");
	payroll_dec_round(q, 2, PAYROLL_ROUND_CEILING, &r);
	is_str(F(r), "-0.66", "-2/3 ceiling = -0.66");

	/*
	 * A quotient that truncated to 24 places looks exactly like a tie
	 * (0.125000...) but is above it: 0.125 + 1e-30.  Half-even and
	 * half-down must then go up, to 0.13.
	 */
	payroll_dec_div(D("0.125000000000000000000000000001"), D("1"), &q);
	payroll_dec_round(q, 2, PAYROLL_ROUND_HALF_EVEN, &r);
	is_str(F(r), "0.13", "(0.125 + 1e-30)/1 half-even = 0.13 (sticky)");
	payroll_dec_round(q, 2, PAYROLL_ROUND_HALF_DOWN, &r);
	is_str(F(r), "0.13", "(0.125 + 1e-30)/1 half-down = 0.13 (sticky)");
	payroll_dec_div(D("-0.125000000000000000000000000001"), D("1"), &q);
	payroll_dec_round(q, 2, PAYROLL_ROUND_HALF_EVEN, &r);
	is_str(F(r), "-0.13", "negative, half-even = -0.13 (sticky)");
	/* A 24th digit of 5 with more after it is not a tie one place
	 * up: (5e-24 + 1e-30) to 23 places, half-even, is 1e-23, not 0. */
	payroll_dec_div(D("0.000000000000000000000005000001"), D("1"), &q);
	payroll_dec_round(q, 23, PAYROLL_ROUND_HALF_EVEN, &r);
	ok(payroll_dec_cmp(r, D("0.00000000000000000000001")) == 0,
	    "(5e-24 + 1e-30)/1 to 23 places half-even = 1e-23 (sticky 5)");
	/* Exactly a tie stays a tie. */
	payroll_dec_div(D("1"), D("8"), &q);
	payroll_dec_round(q, 2, PAYROLL_ROUND_HALF_EVEN, &r);
	is_str(F(r), "0.12", "1/8 = 0.125 half-even = 0.12");
	payroll_dec_round(q, 2, PAYROLL_ROUND_HALF_UP, &r);
	is_str(F(r), "0.13", "1/8 = 0.125 half-up = 0.13");
	/* Just below a tie: 0.125 - 1e-30 divided by 1. */
	payroll_dec_div(D("0.124999999999999999999999999999"), D("1"), &q);
	payroll_dec_round(q, 2, PAYROLL_ROUND_HALF_UP, &r);
	is_str(F(r), "0.12", "(0.125 - 1e-30)/1 half-up = 0.12");
	/* Something tiny that is not zero must round up to a cent. */
	payroll_dec_div(D("1"), D("1000000000000000000000000000000"), &q);
	payroll_dec_round(q, 2, PAYROLL_ROUND_UP, &r);
	is_str(F(r), "0.01", "1/1e30 rounded up = 0.01");
	payroll_dec_round(q, 2, PAYROLL_ROUND_DOWN, &r);
	is_str(FP(r, 2), "0.00", "1/1e30 rounded down = 0.00");
	/*
	 * Issue 13: every result is exact or an error.  A product with more
	 * than 38 places cannot be held exactly: PAYROLL_ERANGE, where it
	 * used to be cut to 24 places with a sticky digit.
	 */
	ok(payroll_dec_mul(D("0.00000000000000000001"),
	    D("0.00000000000000000001"), &q) == PAYROLL_ERANGE,
	    "1e-20 * 1e-20 (40 places): ERANGE, not a cut value");
	ok(payroll_dec_mul(D("0.0000000000000000000000000000001"),
	    D("0.00000000000000000000000000000000000001"), &q) ==
	    PAYROLL_ERANGE, "1e-31 * 1e-38: ERANGE");
	ok(payroll_dec_mul(D("-999990.1202200999999999999999999999999"),
	    D("0.00000000000000000000000000000000000001"), &q) ==
	    PAYROLL_ERANGE, "-999990.12... * 1e-38 (69 places): ERANGE");
	/* Trailing zeros past 38 places may go. */
	ok(payroll_dec_mul(D("0.00000000000000000000000000000000000010"),
	    D("0.10"), &q) == 0 && payroll_dec_cmp(q,
	    D("0.00000000000000000000000000000000000001")) == 0,
	    "1.0e-37 * 0.10 = 1e-38 (40 places, two of them zeros)");
	payroll_dec_mul(D("0.5"), D("0.250000000000000000000000000002"), &q);
	payroll_dec_round(q, 3, PAYROLL_ROUND_HALF_EVEN, &r);
	is_str(F(r), "0.125", "0.5 * (0.25 + 2e-30) to 3 places = 0.125");
	payroll_dec_round(q, 2, PAYROLL_ROUND_HALF_EVEN, &r);
	is_str(F(r), "0.13", "0.5 * (0.25 + 2e-30) half-even 2 = 0.13");
}

struct rcase {
	const char *in;
	int places;
	const char *want[7];	/* half_up, half_even, half_down, up,
				   down, ceiling, floor */
};

static const char *mode_name[] = { "half_up", "half_even", "half_down",
    "up", "down", "ceiling", "floor" };

static void
test_round(void)
{
	static const struct rcase cases[] = {
		/* ties */
		{ "2.5", 0, { "3", "2", "2", "3", "2", "3", "2" } },
		{ "3.5", 0, { "4", "4", "3", "4", "3", "4", "3" } },
		{ "-2.5", 0, { "-3", "-2", "-2", "-3", "-2", "-2", "-3" } },
		{ "-3.5", 0, { "-4", "-4", "-3", "-4", "-3", "-3", "-4" } },
		{ "0.5", 0, { "1", "0", "0", "1", "0", "1", "0" } },
		{ "-0.5", 0, { "-1", "0", "0", "-1", "0", "0", "-1" } },
		{ "1.005", 2, { "1.01", "1.00", "1.00", "1.01", "1.00",
		    "1.01", "1.00" } },
		{ "1.015", 2, { "1.02", "1.02", "1.01", "1.02", "1.01",
		    "1.02", "1.01" } },
		{ "-1.015", 2, { "-1.02", "-1.02", "-1.01", "-1.02", "-1.01",
		    "-1.01", "-1.02" } },
		/* beyond a tie */
		{ "2.51", 0, { "3", "3", "3", "3", "2", "3", "2" } },
		{ "2.49", 0, { "2", "2", "2", "3", "2", "3", "2" } },
		{ "-2.51", 0, { "-3", "-3", "-3", "-3", "-2", "-2", "-3" } },
		{ "-2.49", 0, { "-2", "-2", "-2", "-3", "-2", "-2", "-3" } },
		{ "2.500000000001", 0, { "3", "3", "3", "3", "2", "3", "2" } },
		{ "2.499999999999", 0, { "2", "2", "2", "3", "2", "3", "2" } },
		{ "0.0001", 0, { "0", "0", "0", "1", "0", "1", "0" } },
		{ "-0.0001", 0, { "0", "0", "0", "-1", "0", "0", "-1" } },
		{ "123.4567", 2, { "123.46", "123.46", "123.46", "123.46",
		    "123.45", "123.46", "123.45" } },
		/* exact values do not move */
		{ "2.00", 0, { "2", "2", "2", "2", "2", "2", "2" } },
		{ "-7", 0, { "-7", "-7", "-7", "-7", "-7", "-7", "-7" } },
		{ "0", 0, { "0", "0", "0", "0", "0", "0", "0" } },
		/* negative places: tens, hundreds */
		{ "1250", -2, { "1300", "1200", "1200", "1300", "1200",
		    "1300", "1200" } },
		{ "1350", -2, { "1400", "1400", "1300", "1400", "1300",
		    "1400", "1300" } },
		{ "-1250", -2, { "-1300", "-1200", "-1200", "-1300", "-1200",
		    "-1200", "-1300" } },
		{ "1234.5", -2, { "1200", "1200", "1200", "1300", "1200",
		    "1300", "1200" } },
		{ "45", -1, { "50", "40", "40", "50", "40", "50", "40" } },
		{ "0.00000000000000000000000000000000000001", -1,
		    { "0", "0", "0", "10", "0", "10", "0" } },
	};
	size_t i;
	int m;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (m = 0; m < 7; m++) {
			struct payroll_dec r;
			int st = payroll_dec_round(D(cases[i].in),
			    cases[i].places, (enum payroll_round)m, &r);

			ok(st == 0 && payroll_dec_cmp(r, D(cases[i].want[m])) ==
			    0, "round(%s, %d, %s) = %s (got %s)", cases[i].in,
			    cases[i].places, mode_name[m], cases[i].want[m],
			    F(r));
		}
	/* The result's scale is the places asked for. */
	{
		struct payroll_dec r;

		payroll_dec_round(D("1.23456"), 2, PAYROLL_ROUND_HALF_UP, &r);
		ok(r.scale == 2 && strcmp(F(r), "1.23") == 0,
		    "rounded result has scale 2");
		ok(payroll_dec_round(D("99999999999999999999999999999999999999"),
		    -1, PAYROLL_ROUND_UP, &r) == PAYROLL_ERANGE,
		    "rounding 38 nines up to tens overflows: ERANGE");
		ok(payroll_dec_round(D("9999999999999999999999999999999999999.9"),
		    0, PAYROLL_ROUND_HALF_UP, &r) == PAYROLL_OK &&
		    strcmp(F(r), "10000000000000000000000000000000000000") == 0,
		    "rounding 37 nines .9 up to 1e37 fits");
	}
}

struct ucase {
	const char *in, *unit;
	const char *want[7];
};

static void
test_round_unit(void)
{
	static const struct ucase cases[] = {
		{ "1.02", "0.05", { "1.00", "1.00", "1.00", "1.05", "1.00",
		    "1.05", "1.00" } },
		{ "1.025", "0.05", { "1.05", "1.00", "1.00", "1.05", "1.00",
		    "1.05", "1.00" } },
		{ "1.075", "0.05", { "1.10", "1.10", "1.05", "1.10", "1.05",
		    "1.10", "1.05" } },
		{ "1.03", "0.05", { "1.05", "1.05", "1.05", "1.05", "1.00",
		    "1.05", "1.00" } },
		{ "-1.025", "0.05", { "-1.05", "-1.00", "-1.00", "-1.05",
		    "-1.00", "-1.00", "-1.05" } },
		{ "-1.07", "0.05", { "-1.05", "-1.05", "-1.05", "-1.10",
		    "-1.05", "-1.05", "-1.10" } },
		{ "1.10", "0.05", { "1.10", "1.10", "1.10", "1.10", "1.10",
		    "1.10", "1.10" } },
		{ "2.5", "1", { "3", "2", "2", "3", "2", "3", "2" } },
		{ "3.5", "1", { "4", "4", "3", "4", "3", "4", "3" } },
		{ "-2.5", "1", { "-3", "-2", "-2", "-3", "-2", "-2", "-3" } },
		{ "2.01", "1", { "2", "2", "2", "3", "2", "3", "2" } },
		{ "1250", "100", { "1300", "1200", "1200", "1300", "1200",
		    "1300", "1200" } },
		{ "1350", "100", { "1400", "1400", "1300", "1400", "1300",
		    "1400", "1300" } },
		{ "1201", "100", { "1200", "1200", "1200", "1300", "1200",
		    "1300", "1200" } },
		{ "1299", "100", { "1300", "1300", "1300", "1300", "1200",
		    "1300", "1200" } },
		{ "-1250", "100", { "-1300", "-1200", "-1200", "-1300",
		    "-1200", "-1200", "-1300" } },
		{ "-1201", "100", { "-1200", "-1200", "-1200", "-1300",
		    "-1200", "-1200", "-1300" } },
		{ "49.99", "100", { "0", "0", "0", "100", "0", "100", "0" } },
		{ "1.125", "0.25", { "1.25", "1.00", "1.00", "1.25", "1.00",
		    "1.25", "1.00" } },
		{ "1.375", "0.25", { "1.50", "1.50", "1.25", "1.50", "1.25",
		    "1.50", "1.25" } },
	};
	struct payroll_dec r;
	size_t i;
	int m;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (m = 0; m < 7; m++) {
			int st = payroll_dec_round_unit(D(cases[i].in),
			    D(cases[i].unit), (enum payroll_round)m, &r);

			ok(st == 0 && payroll_dec_cmp(r, D(cases[i].want[m])) ==
			    0, "round_unit(%s, %s, %s) = %s (got %s)",
			    cases[i].in, cases[i].unit, mode_name[m],
			    cases[i].want[m], F(r));
		}
	ok(payroll_dec_round_unit(D("1"), D("0"), PAYROLL_ROUND_UP, &r) ==
	    PAYROLL_EINVAL, "round_unit with unit 0: EINVAL");
	ok(payroll_dec_round_unit(D("1"), D("-0.05"), PAYROLL_ROUND_UP, &r) ==
	    PAYROLL_EINVAL, "round_unit with a negative unit: EINVAL");
	ok(payroll_dec_round_unit(D("99999999999999999999999999999999999999"),
	    D("100"), PAYROLL_ROUND_UP, &r) == PAYROLL_ERANGE,
	    "round_unit up past 38 digits: ERANGE");
}

static void
test_misc(void)
{
	static const struct {
		const char *name;
		enum payroll_round mode;
	} modes[] = {
		{ "half_up", PAYROLL_ROUND_HALF_UP },
		{ "half_even", PAYROLL_ROUND_HALF_EVEN },
		{ "half_down", PAYROLL_ROUND_HALF_DOWN },
		{ "up", PAYROLL_ROUND_UP },
		{ "down", PAYROLL_ROUND_DOWN },
		{ "ceiling", PAYROLL_ROUND_CEILING },
		{ "floor", PAYROLL_ROUND_FLOOR },
	};
	enum payroll_round m;
	int64_t v;
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		ok(payroll_round_parse(modes[i].name, &m) == 0 &&
		    m == modes[i].mode, "round_parse '%s'", modes[i].name);
	ok(payroll_round_parse("HALF_UP", &m) == PAYROLL_EINVAL,
	    "round_parse is case-sensitive");
	ok(payroll_round_parse("bankers", &m) == PAYROLL_EINVAL,
	    "round_parse refuses 'bankers'");
	ok(payroll_round_parse("", &m) == PAYROLL_EINVAL,
	    "round_parse refuses ''");

	ok(payroll_dec_to_minor(D("12.34"), 2, &v) == 0 && v == 1234,
	    "to_minor 12.34 = 1234 cents");
	ok(payroll_dec_to_minor(D("12"), 2, &v) == 0 && v == 1200,
	    "to_minor 12 = 1200 cents");
	ok(payroll_dec_to_minor(D("-0.5"), 2, &v) == 0 && v == -50,
	    "to_minor -0.5 = -50 cents");
	ok(payroll_dec_to_minor(D("12.340"), 2, &v) == 0 && v == 1234,
	    "to_minor 12.340 = 1234 (zero beyond places is fine)");
	ok(payroll_dec_to_minor(D("12.345"), 2, &v) == PAYROLL_EINVAL,
	    "to_minor 12.345: EINVAL (would lose a digit)");
	ok(payroll_dec_to_minor(D("92233720368547758.07"), 2, &v) == 0 &&
	    v == INT64_MAX, "to_minor INT64_MAX cents");
	ok(payroll_dec_to_minor(D("92233720368547758.08"), 2, &v) ==
	    PAYROLL_ERANGE, "to_minor INT64_MAX + 1 cent: ERANGE");
	ok(payroll_dec_to_minor(D("100000000000000000000"), 2, &v) ==
	    PAYROLL_ERANGE, "to_minor 1e20: ERANGE");

	for (i = PAYROLL_OK; i <= PAYROLL_EINVAL; i++)
		ok(payroll_strerror((int)i) != NULL &&
		    strcmp(payroll_strerror((int)i), "unknown error") != 0,
		    "strerror(%zu) = '%s'", i, payroll_strerror((int)i));
	is_str(payroll_strerror(9999), "unknown error", "strerror(9999)");
}

int
main(void)
{
	test_parse();
	test_format();
	test_arith();
	test_sticky();
	test_round();
	test_round_unit();
	test_misc();
	return tap_done();
}
