/*
 * dec.c: exact arithmetic on decimals and on the quotients between them.
 *
 * A decimal is coef * 10^-scale with a signed 128-bit coefficient below
 * 10^38 in magnitude (den 0).  A quotient that does not terminate keeps
 * its denominator: coef / (den * 10^scale), den odd, not a multiple of 5,
 * below 2^64, in lowest terms (payroll.h).  So every result is exact, and
 * only payroll_dec_round() and payroll_dec_round_unit() round, once, on
 * the exact value (issue 13: "40024.00 / 2080 * 1.5 * 13" is 375.225 and
 * rounds half up to 375.23; with the quotient cut to 24 places it paid
 * 375.22).  What cannot be held exactly is PAYROLL_ERANGE, never a
 * rounded value.
 *
 * The common cases take fast paths on __int128: decimals with decimals
 * as before; a decimal divided by a decimal; a quotient times or plus a
 * decimal.  Everything else, and a fast path that would overflow, goes
 * through the general path on a 512-bit magnitude (struct big), whose
 * intermediates (below 2^490) always fit.  Nothing here is binary
 * floating point, and nothing reads the locale.
 */
#include <limits.h>
#include <string.h>

#include "internal.h"

#define E19 ((u128)10000000000000000000ULL)

const u128 dec_pow10[39] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
	10000000000000ULL, 100000000000000ULL, 1000000000000000ULL,
	10000000000000000ULL, 100000000000000000ULL,
	1000000000000000000ULL, E19, E19 * 10, E19 * 100, E19 * 1000,
	E19 * 10000, E19 * 100000, E19 * 1000000, E19 * 10000000,
	E19 * 100000000, E19 * 1000000000, E19 * 10000000000ULL,
	E19 * 100000000000ULL, E19 * 1000000000000ULL,
	E19 * 10000000000000ULL, E19 * 100000000000000ULL,
	E19 * 1000000000000000ULL, E19 * 10000000000000000ULL,
	E19 * 100000000000000000ULL, E19 * 1000000000000000000ULL,
	E19 * E19
};

/* A 256-bit magnitude with a sign, for the slow path. */
struct wide {
	u128 hi, lo;
	int neg;
};

static u128
mag(i128 v)
{
	return v < 0 ? -(u128)v : (u128)v;
}

static void
mul128(u128 a, u128 b, struct wide *w)
{
	uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
	uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
	u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1;
	u128 p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
	u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;

	w->lo = (p00 & UINT64_MAX) | (mid << 64);
	w->hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

/* w *= m (m < 2^64); returns -1 on overflow of 256 bits. */
static int
wide_mul_small(struct wide *w, uint64_t m)
{
	struct wide a, b;

	mul128(w->lo, m, &a);
	mul128(w->hi, m, &b);
	/* w * m = a + b * 2^128.  (It also refused b.lo >= 2^64, so
	 * values past 2^192 "overflowed": 0 (35 places) - 8.8e34 (3 places)
	 * was ERANGE; found by tests/unit/t_exact.) */
	if (b.hi != 0)
		return -1;
	if (a.hi + b.lo < a.hi)
		return -1;
	w->lo = a.lo;
	w->hi = a.hi + b.lo;
	return 0;
}

/* w /= d (d < 2^64); returns the remainder. */
static uint64_t
wide_div_small(struct wide *w, uint64_t d)
{
	uint64_t limb[4], r = 0;
	int i;

	limb[3] = (uint64_t)(w->hi >> 64);
	limb[2] = (uint64_t)w->hi;
	limb[1] = (uint64_t)(w->lo >> 64);
	limb[0] = (uint64_t)w->lo;
	for (i = 3; i >= 0; i--) {
		u128 cur = ((u128)r << 64) | limb[i];

		limb[i] = (uint64_t)(cur / d);
		r = (uint64_t)(cur % d);
	}
	w->hi = ((u128)limb[3] << 64) | limb[2];
	w->lo = ((u128)limb[1] << 64) | limb[0];
	return r;
}

static int
wide_add(struct wide *a, const struct wide *b)
{
	u128 lo = a->lo + b->lo;
	u128 carry = lo < a->lo;

	if (a->hi + b->hi < a->hi || a->hi + b->hi + carry < carry)
		return -1;
	a->hi = a->hi + b->hi + carry;
	a->lo = lo;
	return 0;
}

static int
wide_cmp(const struct wide *a, const struct wide *b)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return 0;
}

static void
wide_sub(struct wide *a, const struct wide *b)	/* a >= b */
{
	u128 borrow = a->lo < b->lo;

	a->lo -= b->lo;
	a->hi = a->hi - b->hi - borrow;
}

static int
wide_is_zero(const struct wide *w)
{
	return w->hi == 0 && w->lo == 0;
}

/* w *= 10^n; -1 on overflow. */
static int
wide_scale_up(struct wide *w, int n)
{
	while (n > 0) {
		int k = n > 19 ? 19 : n;

		if (wide_mul_small(w, (uint64_t)dec_pow10[k]) != 0)
			return -1;
		n -= k;
	}
	return 0;
}

/* w /= 10^n; returns whether anything nonzero was dropped. */
static int
wide_scale_down(struct wide *w, int n)
{
	int inexact = 0;

	while (n > 0) {
		int k = n > 19 ? 19 : n;

		if (wide_div_small(w, (uint64_t)dec_pow10[k]) != 0)
			inexact = 1;
		n -= k;
	}
	return inexact;
}

/*
 * Brings a wide value at scale s back to a struct payroll_dec with at most
 * maxscale places and 38 digits, dropping only trailing zeros: when a
 * nonzero digit would go, the value cannot be held (PAYROLL_ERANGE).
 */
static int
from_wide(struct wide *w, int s, int maxscale, struct payroll_dec *out)
{
	struct wide lim = { 0, DEC_LIMIT, 0 };
	u128 m;

	if (s > maxscale) {
		if (wide_scale_down(w, s - maxscale))
			return PAYROLL_ERANGE;
		s = maxscale;
	}
	while (wide_cmp(w, &lim) >= 0) {
		if (s == 0 || wide_scale_down(w, 1))
			return PAYROLL_ERANGE;
		s--;
	}
	m = w->lo;
	out->coef = w->neg ? -(i128)m : (i128)m;
	out->scale = s;
	out->den = 0;
	return PAYROLL_OK;
}

static void
to_wide(i128 v, struct wide *w)
{
	w->hi = 0;
	w->lo = mag(v);
	w->neg = v < 0;
}

struct payroll_dec
payroll_dec_make(int64_t coef, int scale)
{
	struct payroll_dec d;

	d.coef = coef;
	d.scale = scale;
	d.den = 0;
	return d;
}

int
payroll_dec_sign(struct payroll_dec d)
{
	return d.coef < 0 ? -1 : d.coef > 0;
}

struct payroll_dec
payroll_dec_neg(struct payroll_dec d)
{
	d.coef = -d.coef;
	return d;
}

int
payroll_dec_parse(const char *s, size_t len, struct payroll_dec *out)
{
	const char *end = s + len;
	int neg = 0, scale = 0, digits = 0, frac = 0, any = 0;
	u128 m = 0;

	if (s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	for (; s < end; s++) {
		if (*s == '.') {
			if (frac || !any)
				return PAYROLL_ESYNTAX;
			frac = 1;
			any = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return PAYROLL_ESYNTAX;
		any = 1;
		if (m == 0 && *s == '0') {
			if (frac)
				scale++;
			continue;
		}
		if (++digits > 38)
			return PAYROLL_ERANGE;
		m = m * 10 + (unsigned)(*s - '0');
		if (frac)
			scale++;
	}
	if (!any)
		return PAYROLL_ESYNTAX;
	if (scale > PAYROLL_DEC_MAXSCALE)
		return PAYROLL_ERANGE;
	out->coef = neg ? -(i128)m : (i128)m;
	out->scale = scale;
	out->den = 0;
	return PAYROLL_OK;
}

/* Sets *a and *b to the same scale; -1 when that would overflow. */
static int
align(struct payroll_dec *a, struct payroll_dec *b)
{
	struct payroll_dec *lo;
	int n;
	i128 r;

	if (a->scale == b->scale)
		return 0;
	lo = a->scale < b->scale ? a : b;
	n = (a->scale < b->scale ? b->scale : a->scale) - lo->scale;
	if (__builtin_mul_overflow(lo->coef, (i128)dec_pow10[n], &r) ||
	    mag(r) >= DEC_LIMIT)
		return -1;
	lo->coef = r;
	lo->scale += n;
	return 0;
}

static int
addsub(struct payroll_dec a, struct payroll_dec b, int negb,
    struct payroll_dec *out)
{
	struct wide wa, wb;
	int s;
	i128 r;

	if (negb)
		b.coef = -b.coef;
	/* Zeros are common (a tax that does not apply): no alignment. */
	if (b.coef == 0 && a.scale >= b.scale) {
		*out = a;
		out->den = 0;
		return PAYROLL_OK;
	}
	if (a.coef == 0 && b.scale >= a.scale) {
		*out = b;
		out->den = 0;
		return PAYROLL_OK;
	}
	if (align(&a, &b) == 0 && !__builtin_add_overflow(a.coef, b.coef, &r)) {
		if (mag(r) < DEC_LIMIT) {
			out->coef = r;
			out->scale = a.scale;
			out->den = 0;
			return PAYROLL_OK;
		}
	}
	s = a.scale > b.scale ? a.scale : b.scale;
	to_wide(a.coef, &wa);
	to_wide(b.coef, &wb);
	if (wide_scale_up(&wa, s - a.scale) != 0 ||
	    wide_scale_up(&wb, s - b.scale) != 0)
		return PAYROLL_ERANGE;
	if (wa.neg == wb.neg) {
		if (wide_add(&wa, &wb) != 0)
			return PAYROLL_ERANGE;
	} else if (wide_cmp(&wa, &wb) >= 0) {
		wide_sub(&wa, &wb);
	} else {
		wide_sub(&wb, &wa);
		wa = wb;
	}
	/*
	 * A sum is exact or an error: dropping its last digits to fit 38
	 * (rounding to odd) silently changed money, e.g. two amounts of
	 * 999...9.99 (38 digits) added to 1999...9.9 with the cents lost.
	 * Trailing zeros may go.
	 */
	while (s > 0 && wide_cmp(&wa, &(struct wide){ 0, DEC_LIMIT, 0 }) >= 0) {
		struct wide t = wa;

		if (wide_scale_down(&t, 1))
			return PAYROLL_ERANGE;
		wa = t;
		s--;
	}
	return from_wide(&wa, s, PAYROLL_DEC_MAXSCALE, out);
}

/* The product of two decimals: exact, or PAYROLL_ERANGE. */
static int
dmul(struct payroll_dec a, struct payroll_dec b, struct payroll_dec *out)
{
	struct wide w;
	int s = a.scale + b.scale;
	i128 r;

	if (!__builtin_mul_overflow(a.coef, b.coef, &r) &&
	    mag(r) < DEC_LIMIT) {
		if (s > PAYROLL_DEC_MAXSCALE) {
			/* Only trailing zeros may go past 38 places.  s may
			 * be up to 76: past 10^38 nothing nonzero divides
			 * (the table has no 10^39: an out-of-bounds read
			 * found by tests/fuzz/dec_fuzz). */
			int k = s - PAYROLL_DEC_MAXSCALE;
			u128 m = mag(r);

			if (m != 0 && (k > 38 || m % dec_pow10[k] != 0))
				return PAYROLL_ERANGE;
			if (m != 0)
				m /= dec_pow10[k];
			r = r < 0 ? -(i128)m : (i128)m;
			s = PAYROLL_DEC_MAXSCALE;
		}
		out->coef = r;
		out->scale = s;
		out->den = 0;
		return PAYROLL_OK;
	}
	mul128(mag(a.coef), mag(b.coef), &w);
	w.neg = (a.coef < 0) != (b.coef < 0);
	if (wide_is_zero(&w))
		w.neg = 0;
	return from_wide(&w, s, PAYROLL_DEC_MAXSCALE, out);
}

/* Whether to add one unit after dropping a remainder r of divisor h2
 * (h2 = 10^k): the rounding decision for every mode. */
static int
bump(u128 q, u128 r, u128 div, int neg, enum payroll_round mode)
{
	u128 half = div / 2;	/* div is 10^k, k >= 1: exact */

	if (r == 0)
		return 0;
	switch (mode) {
	case PAYROLL_ROUND_HALF_UP:
		return r >= half;
	case PAYROLL_ROUND_HALF_EVEN:
		return r > half || (r == half && (q & 1));
	case PAYROLL_ROUND_HALF_DOWN:
		return r > half;
	case PAYROLL_ROUND_UP:
		return 1;
	case PAYROLL_ROUND_DOWN:
		return 0;
	case PAYROLL_ROUND_CEILING:
		return !neg;
	case PAYROLL_ROUND_FLOOR:
		return neg;
	}
	return 0;
}

static int
dround(struct payroll_dec d, int places, enum payroll_round mode,
    struct payroll_dec *out)
{
	int k = d.scale - places, neg = d.coef < 0;
	u128 m = mag(d.coef), q, r;

	if (k <= 0) {
		*out = d;
		out->den = 0;
		return PAYROLL_OK;
	}
	if (k > 38) {
		q = 0;
		r = m;
		/* |d| < 10^38 <= 10^k / 10: below half of the unit. */
		if (m != 0 && (mode == PAYROLL_ROUND_UP ||
		    (mode == PAYROLL_ROUND_CEILING && !neg) ||
		    (mode == PAYROLL_ROUND_FLOOR && neg)))
			q = 1;
	} else {
		q = m / dec_pow10[k];
		r = m % dec_pow10[k];
		q += bump(q, r, dec_pow10[k], neg, mode);
	}
	if (places < 0) {
		/* Zero at any place; else q 10^-places below 10^38. */
		if (q != 0 && (-places > 38 ||
		    q >= DEC_LIMIT / dec_pow10[-places]))
			return PAYROLL_ERANGE;
		if (q != 0)
			q *= dec_pow10[-places];
		places = 0;
	}
	out->coef = neg ? -(i128)q : (i128)q;
	out->scale = places;
	out->den = 0;
	return PAYROLL_OK;
}

static int
dround_unit(struct payroll_dec d, struct payroll_dec unit,
    enum payroll_round mode, struct payroll_dec *out)
{
	int neg = d.coef < 0;
	u128 m, u, q, r;
	int s;

	if (unit.coef <= 0)
		return PAYROLL_EINVAL;
	if (align(&d, &unit) != 0)
		return PAYROLL_ERANGE;
	m = mag(d.coef);
	u = (u128)unit.coef;
	s = d.scale;
	q = m / u;
	r = m % u;
	if (r != 0) {
		int up;

		switch (mode) {
		case PAYROLL_ROUND_HALF_UP:
			up = r >= u - r;
			break;
		case PAYROLL_ROUND_HALF_EVEN:
			up = r > u - r || (r == u - r && (q & 1));
			break;
		case PAYROLL_ROUND_HALF_DOWN:
			up = r > u - r;
			break;
		case PAYROLL_ROUND_UP:
			up = 1;
			break;
		case PAYROLL_ROUND_CEILING:
			up = !neg;
			break;
		case PAYROLL_ROUND_FLOOR:
			up = neg;
			break;
		default:
			up = 0;
		}
		q += up;
	}
	if (q != 0 && q > (DEC_LIMIT - 1) / u)
		return PAYROLL_ERANGE;
	out->coef = neg ? -(i128)(q * u) : (i128)(q * u);
	out->scale = s;
	out->den = 0;
	return PAYROLL_OK;
}

static int
dcmp(struct payroll_dec a, struct payroll_dec b)
{
	struct wide wa, wb;
	int sa = a.coef < 0 ? -1 : a.coef > 0, sb = b.coef < 0 ? -1 :
	    b.coef > 0, c;

	/* Different signs, or a zero, decide without aligning scales. */
	if (sa != sb || sa == 0)
		return (sa > sb) - (sa < sb);
	if (a.scale == b.scale || align(&a, &b) == 0)
		return a.coef < b.coef ? -1 : a.coef > b.coef;
	/*
	 * Scales too far apart to align in 38 digits: compare the
	 * magnitudes at the larger scale in 256 bits (at most 76 digits).
	 * Not by a subtraction, which fails when the exact difference does
	 * not fit (1e-38 against 38 nines said "greater": found by
	 * tests/fuzz/dec_fuzz).
	 */
	to_wide(a.coef, &wa);
	to_wide(b.coef, &wb);
	if (a.scale < b.scale)
		(void)wide_scale_up(&wa, b.scale - a.scale);
	else
		(void)wide_scale_up(&wb, a.scale - b.scale);
	c = wide_cmp(&wa, &wb);
	return sa < 0 ? -c : c;
}

/* ------------------------------------------------------------------ */
/* Quotients: the general path                                        */
/* ------------------------------------------------------------------ */

#define ISDEC(d) ((d).den <= 1)
#define DEN(d) ((d).den > 1 ? (d).den : (uint64_t)1)
#define SLOW (-1000)		/* a fast path hands over to the general one */

static uint64_t
gcd64(uint64_t a, uint64_t b)
{
	int sh;

	if (a == 0)
		return b;
	if (b == 0)
		return a;
	sh = __builtin_ctzll(a | b);
	a >>= __builtin_ctzll(a);
	do {
		b >>= __builtin_ctzll(b);
		if (a > b) {
			uint64_t t = a;

			a = b;
			b = t;
		}
		b -= a;
	} while (b != 0);
	return a << sh;
}

static int
ctz128(u128 v)
{
	uint64_t lo = (uint64_t)v;

	return lo ? __builtin_ctzll(lo) : 64 + __builtin_ctzll((uint64_t)(v >> 64));
}

static u128
gcd128(u128 a, u128 b)
{
	int sh;

	if (a == 0)
		return b;
	if (b == 0)
		return a;
	if ((a >> 64) == 0 && (b >> 64) == 0)
		return gcd64((uint64_t)a, (uint64_t)b);
	sh = ctz128(a | b);
	a >>= ctz128(a);
	do {
		b >>= ctz128(b);
		if (a > b) {
			u128 t = a;

			a = b;
			b = t;
		}
		b -= a;
	} while (b != 0);
	return a << sh;
}

/* a mod d, with 64-bit division when a fits. */
static uint64_t
mod64(u128 a, uint64_t d)
{
	if ((a >> 64) == 0)
		return (uint64_t)a % d;
	return (uint64_t)(a % d);
}

/* gcd(a, d) for d >= 1. */
static uint64_t
gcd_mod(u128 a, uint64_t d)
{
	return d == 1 ? 1 : gcd64(mod64(a, d), d);
}

/* A 512-bit magnitude: w[0 .. n) in use, no leading zero limbs. */
#define BIGN 8
struct big {
	uint64_t w[BIGN];
	int n;
};

static void
big_set(struct big *b, u128 v)
{
	b->w[0] = (uint64_t)v;
	b->w[1] = (uint64_t)(v >> 64);
	b->n = b->w[1] ? 2 : b->w[0] ? 1 : 0;
}

static int
big_mul64(struct big *b, uint64_t m)
{
	u128 carry = 0;
	int i;

	if (m == 0) {
		b->n = 0;
		return 0;
	}
	for (i = 0; i < b->n; i++) {
		u128 t = (u128)b->w[i] * m + carry;

		b->w[i] = (uint64_t)t;
		carry = t >> 64;
	}
	if (carry != 0) {
		if (b->n == BIGN)
			return -1;
		b->w[b->n++] = (uint64_t)carry;
	}
	return 0;
}

static int
big_add(struct big *a, const struct big *b)
{
	int i, n = a->n > b->n ? a->n : b->n;
	uint64_t carry = 0;

	for (i = 0; i < n; i++) {
		uint64_t x = i < a->n ? a->w[i] : 0, y = i < b->n ? b->w[i] : 0;
		u128 t = (u128)x + y + carry;

		a->w[i] = (uint64_t)t;
		carry = (uint64_t)(t >> 64);
	}
	a->n = n;
	if (carry != 0) {
		if (n == BIGN)
			return -1;
		a->w[a->n++] = carry;
	}
	return 0;
}

static int
big_cmp(const struct big *a, const struct big *b)
{
	int i;

	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (i = a->n - 1; i >= 0; i--)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

/* a -= b, a >= b. */
static void
big_sub(struct big *a, const struct big *b)
{
	uint64_t borrow = 0;
	int i;

	for (i = 0; i < a->n; i++) {
		uint64_t y = i < b->n ? b->w[i] : 0;
		uint64_t t = a->w[i] - y - borrow;

		borrow = a->w[i] < y || (a->w[i] == y && borrow);
		a->w[i] = t;
	}
	while (a->n > 0 && a->w[a->n - 1] == 0)
		a->n--;
}

static int
big_mul128(struct big *b, u128 m)
{
	struct big hi;
	int i;

	if ((m >> 64) == 0)
		return big_mul64(b, (uint64_t)m);
	hi = *b;
	if (big_mul64(b, (uint64_t)m) != 0 ||
	    big_mul64(&hi, (uint64_t)(m >> 64)) != 0)
		return -1;
	if (hi.n == 0)
		return 0;
	if (hi.n == BIGN)
		return -1;
	for (i = hi.n; i > 0; i--)
		hi.w[i] = hi.w[i - 1];
	hi.w[0] = 0;
	hi.n++;
	return big_add(b, &hi);
}

/* b /= d; returns the remainder. */
static uint64_t
big_div64(struct big *b, uint64_t d)
{
	uint64_t r = 0;
	int i;

	for (i = b->n - 1; i >= 0; i--) {
		u128 cur = ((u128)r << 64) | b->w[i];

		b->w[i] = (uint64_t)(cur / d);
		r = (uint64_t)(cur % d);
	}
	while (b->n > 0 && b->w[b->n - 1] == 0)
		b->n--;
	return r;
}

static uint64_t
big_mod64(const struct big *b, uint64_t d)
{
	uint64_t r = 0;
	int i;

	for (i = b->n - 1; i >= 0; i--)
		r = (uint64_t)((((u128)r << 64) | b->w[i]) % d);
	return r;
}

static int
big_mulpow10(struct big *b, int n)
{
	while (n > 0) {
		int k = n > 19 ? 19 : n;

		if (big_mul64(b, (uint64_t)dec_pow10[k]) != 0)
			return -1;
		n -= k;
	}
	return 0;
}

/*
 * out = (-1)^neg * N / (m * 10^s), with N and m without a common factor
 * and m not divisible by 2 or 5: drops N's trailing zeros while s > 0,
 * then checks that the result can be held.
 */
static int
finish(struct big *N, int neg, u128 m, int s, struct payroll_dec *out)
{
	u128 v;

	if (N->n == 0) {
		out->coef = 0;
		out->scale = 0;
		out->den = 0;
		return PAYROLL_OK;
	}
	if (m > UINT64_MAX)
		return PAYROLL_ERANGE;
	while (s > 0 && big_mod64(N, 10) == 0) {
		(void)big_div64(N, 10);
		s--;
	}
	if (s < 0) {
		if (big_mulpow10(N, -s) != 0)
			return PAYROLL_ERANGE;
		s = 0;
	}
	if (s > PAYROLL_DEC_MAXSCALE || N->n > 2)
		return PAYROLL_ERANGE;
	v = N->w[0] | (N->n > 1 ? (u128)N->w[1] << 64 : 0);
	if (v >= DEC_LIMIT)
		return PAYROLL_ERANGE;
	out->coef = neg ? -(i128)v : (i128)v;
	out->scale = s;
	out->den = m == 1 ? 0 : (uint64_t)m;
	return PAYROLL_OK;
}

/*
 * a + b in general (Knuth, TAOCP 4.5.1): over the common scale s,
 * a = A / da, b = B / db in lowest terms; with d1 = gcd(da, db),
 * t = A (db/d1) + B (da/d1), d2 = gcd(t, d1), the sum is
 * (t/d2) / ((da/d1) (db/d2)) in lowest terms.
 */
static int
slow_add(struct payroll_dec a, struct payroll_dec b, struct payroll_dec *out)
{
	uint64_t da = DEN(a), db = DEN(b), d1 = gcd64(da, db), d2 = 1;
	int s = a.scale > b.scale ? a.scale : b.scale;
	int na = a.coef < 0, nb = b.coef < 0, neg;
	struct big A, B;

	big_set(&A, mag(a.coef));
	big_set(&B, mag(b.coef));
	if (big_mulpow10(&A, s - a.scale) != 0 ||
	    big_mulpow10(&B, s - b.scale) != 0 ||
	    big_mul64(&A, db / d1) != 0 || big_mul64(&B, da / d1) != 0)
		return PAYROLL_ERANGE;	/* cannot happen: < 2^320 */
	if (na == nb) {
		if (big_add(&A, &B) != 0)
			return PAYROLL_ERANGE;
		neg = na;
	} else if (big_cmp(&A, &B) >= 0) {
		big_sub(&A, &B);
		neg = na;
	} else {
		big_sub(&B, &A);
		A = B;
		neg = nb;
	}
	if (d1 > 1 && (d2 = gcd64(big_mod64(&A, d1), d1)) > 1)
		(void)big_div64(&A, d2);
	return finish(&A, neg, (u128)(da / d1) * (db / d2), s, out);
}

/* a * b in general, cancelling across first: in lowest terms. */
static int
slow_mul(struct payroll_dec a, struct payroll_dec b, struct payroll_dec *out)
{
	uint64_t da = DEN(a), db = DEN(b);
	uint64_t g1 = gcd_mod(mag(a.coef), db), g2 = gcd_mod(mag(b.coef), da);
	struct big N;

	big_set(&N, mag(a.coef) / g1);
	if (big_mul128(&N, mag(b.coef) / g2) != 0)
		return PAYROLL_ERANGE;	/* cannot happen: < 2^254 */
	return finish(&N, (a.coef < 0) != (b.coef < 0),
	    (u128)(da / g2) * (db / g1), a.scale + b.scale, out);
}

/*
 * a / b in general: (A / da) / (B / db) = (A db) / (da B), cancelled
 * across; B's factors 2 and 5 move into the scale (1/2^x5^y is
 * 2^(k-x) 5^(k-y) / 10^k with k = max(x, y)).
 */
static int
slow_div(struct payroll_dec a, struct payroll_dec b, struct payroll_dec *out)
{
	uint64_t da = DEN(a), db = DEN(b), g2 = gcd64(da, db);
	u128 ma = mag(a.coef), mb = mag(b.coef), g1, m, mm;
	int x, y = 0, k, i;
	struct big N;

	if (b.coef == 0)
		return PAYROLL_EDIVZERO;
	if (ma == 0) {
		out->coef = 0;
		out->scale = 0;
		out->den = 0;
		return PAYROLL_OK;
	}
	g1 = gcd128(ma, mb);
	big_set(&N, ma / g1);
	if (big_mul64(&N, db / g2) != 0)
		return PAYROLL_ERANGE;	/* cannot happen: < 2^192 */
	m = mb / g1;
	x = ctz128(m);
	m >>= x;
	while (m % 5 == 0) {
		m /= 5;
		y++;
	}
	k = x > y ? x : y;
	/* Times 2^(k-x) 5^(k-y): at most 5^127 < 2^295, so N < 2^487. */
	for (i = k - x; i > 0; i -= 63)
		if (big_mul64(&N, (uint64_t)1 << (i > 63 ? 63 : i)) != 0)
			return PAYROLL_ERANGE;
	for (i = k - y; i > 0; i -= 27)
		if (big_mul64(&N, (uint64_t)(dec_pow10[i > 27 ? 27 : i] >>
		    (i > 27 ? 27 : i))) != 0)
			return PAYROLL_ERANGE;
	if (__builtin_mul_overflow(m, (u128)(da / g2), &mm))
		return PAYROLL_ERANGE;
	return finish(&N, (a.coef < 0) != (b.coef < 0), mm,
	    a.scale - b.scale + k, out);
}

/* Drops trailing zeros of *n while *s > 0. */
static void
strip(i128 *n, int *s)
{
	u128 m = mag(*n);
	int neg = *n < 0;

	if (m == 0 || *s == 0)
		return;
	while (*s > 0 && (m >> 64) != 0 && m % 10 == 0) {
		m /= 10;
		(*s)--;
	}
	if ((m >> 64) == 0) {
		uint64_t v = (uint64_t)m;

		while (*s > 0 && v % 10 == 0) {
			v /= 10;
			(*s)--;
		}
		m = v;
	}
	*n = neg ? -(i128)m : (i128)m;
}

/* a + b, a with a denominator, b a decimal: (A + B da 10^..) / da is in
 * lowest terms already (A and da have no common factor, nor have 10 and
 * da). */
static int
fast_add_qd(struct payroll_dec a, struct payroll_dec b, struct payroll_dec *out)
{
	int s = a.scale > b.scale ? a.scale : b.scale;
	i128 x, y, n;

	x = a.coef;
	if ((s != a.scale && __builtin_mul_overflow(x,
	    (i128)dec_pow10[s - a.scale], &x)) ||
	    __builtin_mul_overflow(b.coef, (i128)a.den, &y) ||
	    (s != b.scale && __builtin_mul_overflow(y,
	    (i128)dec_pow10[s - b.scale], &y)) ||
	    __builtin_add_overflow(x, y, &n))
		return SLOW;
	strip(&n, &s);
	if (mag(n) >= DEC_LIMIT)
		return PAYROLL_ERANGE;
	out->coef = n;
	out->scale = s;
	out->den = a.den;
	return PAYROLL_OK;
}

/* a * b, a with a denominator, b a decimal. */
static int
fast_mul_qd(struct payroll_dec a, struct payroll_dec b, struct payroll_dec *out)
{
	uint64_t g = gcd_mod(mag(b.coef), a.den), den = a.den / g;
	int s = a.scale + b.scale;
	i128 n;

	if (__builtin_mul_overflow(a.coef, g == 1 ? b.coef :
	    b.coef / (i128)g, &n))
		return SLOW;
	if (n == 0) {
		out->coef = 0;
		out->scale = 0;
		out->den = 0;
		return PAYROLL_OK;
	}
	strip(&n, &s);
	if (mag(n) >= DEC_LIMIT || s > PAYROLL_DEC_MAXSCALE)
		return PAYROLL_ERANGE;
	out->coef = n;
	out->scale = s;
	out->den = den == 1 ? 0 : den;
	return PAYROLL_OK;
}

/* a / b for two decimals (the common division). */
static int
fast_div_dd(struct payroll_dec a, struct payroll_dec b, struct payroll_dec *out)
{
	u128 ma = mag(a.coef), mb = mag(b.coef), mult;
	uint64_t m64, g;
	int x, y = 0, k, s;
	i128 n;

	if (b.coef == 0)
		return PAYROLL_EDIVZERO;
	if (ma == 0) {
		out->coef = 0;
		out->scale = 0;
		out->den = 0;
		return PAYROLL_OK;
	}
	x = ctz128(mb);
	mb >>= x;
	if ((mb >> 64) != 0)
		return SLOW;
	m64 = (uint64_t)mb;
	while (m64 % 5 == 0) {
		m64 /= 5;
		y++;
	}
	if (m64 > 1 && (g = gcd64(mod64(ma, m64), m64)) > 1) {
		ma /= g;
		m64 /= g;
	}
	k = x > y ? x : y;
	if (k > 38)
		return SLOW;
	/* 2^(k-x) 5^(k-y): one of the two exponents is 0; 5^n = 10^n / 2^n. */
	mult = k == x ? dec_pow10[k - y] >> (k - y) : (u128)1 << (k - x);
	s = a.scale - b.scale + k;
	if (__builtin_mul_overflow(ma, mult, &ma))
		return SLOW;
	if (s < 0) {
		if (-s > 38 || __builtin_mul_overflow(ma, dec_pow10[-s], &ma))
			return SLOW;
		s = 0;
	}
	if (ma >> 127)
		return SLOW;
	n = (i128)ma;
	strip(&n, &s);
	if ((u128)n >= DEC_LIMIT || s > PAYROLL_DEC_MAXSCALE)
		return PAYROLL_ERANGE;
	out->coef = (a.coef < 0) != (b.coef < 0) ? -n : n;
	out->scale = s;
	out->den = m64 == 1 ? 0 : m64;
	return PAYROLL_OK;
}

/* Whether rounding adds one unit: nz, the dropped fraction is not zero;
 * half, how it compares with one half; odd, the kept last digit. */
static int
qbump(enum payroll_round mode, int nz, int half, unsigned odd, int neg)
{
	switch (mode) {
	case PAYROLL_ROUND_HALF_UP:
		return nz && half >= 0;
	case PAYROLL_ROUND_HALF_EVEN:
		return nz && (half > 0 || (half == 0 && odd));
	case PAYROLL_ROUND_HALF_DOWN:
		return nz && half > 0;
	case PAYROLL_ROUND_UP:
		return nz;
	case PAYROLL_ROUND_CEILING:
		return nz && !neg;
	case PAYROLL_ROUND_FLOOR:
		return nz && neg;
	default:
		return 0;
	}
}

/*
 * Rounds a value with a denominator.  With v = |d| * 10^places = q + f
 * (0 < f < 1), decides from f against 1/2 in the mode.
 */
static int
qround(struct payroll_dec d, int places, enum payroll_round mode,
    struct payroll_dec *out)
{
	int neg = d.coef < 0, k = d.scale - places, half, nz, up;
	u128 m = mag(d.coef), q;
	uint64_t den = d.den;

	if (k <= 0 && -k <= 38 && m < ((u128)1 << 126) / dec_pow10[-k] &&
	    places <= PAYROLL_DEC_MAXSCALE) {
		/* The common case (round(x / 12, 2, ...) of a small x) in
		 * 128 bits: v = m 10^-k / den. */
		u128 n = m * dec_pow10[-k];
		uint64_t r;

		q = n / den;
		r = (uint64_t)(n % den);
		nz = r != 0;
		half = (u128)r * 2 < den ? -1 : (u128)r * 2 > den;
		q += (u128)qbump(mode, nz, half, (unsigned)(q & 1), neg);
		if (q >= DEC_LIMIT) {
			/* Past 38 digits only trailing zeros may go. */
			while (places > 0 && q % 10 == 0) {
				q /= 10;
				places--;
			}
			if (q >= DEC_LIMIT)
				return PAYROLL_ERANGE;
		}
		if (q == 0)
			places = 0;
		out->coef = neg ? -(i128)q : (i128)q;
		out->scale = places;
		out->den = 0;
		return PAYROLL_OK;
	}
	if (k <= 0) {
		/* v = m 10^-k / den; the result q 10^-places, which may
		 * need trailing zeros dropped to fit (0.99...9 up: 1). */
		struct big N, one;
		uint64_t r;

		big_set(&N, m);
		if (big_mulpow10(&N, -k) != 0)
			return PAYROLL_ERANGE;
		r = big_div64(&N, den);
		nz = r != 0;
		half = (u128)r * 2 < den ? -1 : (u128)r * 2 > den;
		q = N.n > 0 ? N.w[0] : 0;
		up = qbump(mode, nz, half, (unsigned)(q & 1), neg);
		big_set(&one, (u128)up);
		if (big_add(&N, &one) != 0)
			return PAYROLL_ERANGE;
		while (places > 0 && N.n > 0 && big_mod64(&N, 10) == 0) {
			(void)big_div64(&N, 10);
			places--;
		}
		if (N.n == 0)	/* zero at any place */
			places = 0;
		if (N.n > 2 || places > PAYROLL_DEC_MAXSCALE)
			return PAYROLL_ERANGE;
		q = N.n == 0 ? 0 : N.w[0] | (N.n > 1 ? (u128)N.w[1] << 64 : 0);
		if (q >= DEC_LIMIT)
			return PAYROLL_ERANGE;
		out->coef = neg ? -(i128)q : (i128)q;
		out->scale = places;
		out->den = 0;
		return PAYROLL_OK;
	} else if (k > 38) {
		/* v = m / (den 10^k) < 10^38 / 10^39 */
		q = 0;
		nz = m != 0;
		half = -1;
	} else {
		/* q1 = m div den, r2 = m mod den; q = q1 div 10^k,
		 * rd = q1 mod 10^k; f = (rd den + r2) / (den 10^k). */
		u128 q1 = m / den, r2 = m % den, p = dec_pow10[k], rd;
		struct wide l, h;

		q = q1 / p;
		rd = q1 % p;
		nz = rd != 0 || r2 != 0;
		mul128(rd, den, &l);
		l.lo += r2;
		if (l.lo < r2)
			l.hi++;
		l.hi = (l.hi << 1) | (l.lo >> 127);
		l.lo <<= 1;
		mul128(den, p, &h);
		half = wide_cmp(&l, &h);
	}
	up = qbump(mode, nz, half, (unsigned)(q & 1), neg);
	q += (u128)up;
	if (places < 0) {
		/* Zero at any place; else q 10^-places below 10^38. */
		if (q != 0 && (-places > 38 ||
		    q >= DEC_LIMIT / dec_pow10[-places]))
			return PAYROLL_ERANGE;
		if (q != 0)
			q *= dec_pow10[-places];
		places = 0;
	}
	if (q >= DEC_LIMIT || places > PAYROLL_DEC_MAXSCALE)
		return PAYROLL_ERANGE;
	out->coef = neg ? -(i128)q : (i128)q;
	out->scale = places;
	out->den = 0;
	return PAYROLL_OK;
}

/* Compares magnitudes |a| and |b| when one has a denominator. */
static int
qcmp_mag(struct payroll_dec a, struct payroll_dec b)
{
	int s = a.scale > b.scale ? a.scale : b.scale;
	struct big A, B;

	big_set(&A, mag(a.coef));
	big_set(&B, mag(b.coef));
	(void)big_mulpow10(&A, s - a.scale);	/* < 2^318: fits */
	(void)big_mulpow10(&B, s - b.scale);
	(void)big_mul64(&A, DEN(b));
	(void)big_mul64(&B, DEN(a));
	return big_cmp(&A, &B);
}

/* ------------------------------------------------------------------ */
/* The operations                                                     */
/* ------------------------------------------------------------------ */

static int
qaddsub(struct payroll_dec a, struct payroll_dec b, int negb,
    struct payroll_dec *out)
{
	int st = SLOW;

	if (negb)
		b.coef = -b.coef;
	if (ISDEC(b))
		st = fast_add_qd(a, b, out);
	else if (ISDEC(a))
		st = fast_add_qd(b, a, out);
	return st == SLOW ? slow_add(a, b, out) : st;
}

int
payroll_dec_add(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out)
{
	if (ISDEC(a) && ISDEC(b))
		return addsub(a, b, 0, out);
	return qaddsub(a, b, 0, out);
}

int
payroll_dec_sub(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out)
{
	if (ISDEC(a) && ISDEC(b))
		return addsub(a, b, 1, out);
	return qaddsub(a, b, 1, out);
}

int
payroll_dec_mul(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out)
{
	int st = SLOW;

	if (ISDEC(a) && ISDEC(b))
		return dmul(a, b, out);
	if (ISDEC(b))
		st = fast_mul_qd(a, b, out);
	else if (ISDEC(a))
		st = fast_mul_qd(b, a, out);
	return st == SLOW ? slow_mul(a, b, out) : st;
}

int
payroll_dec_div(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out)
{
	int st = SLOW;

	if (ISDEC(a) && ISDEC(b))
		st = fast_div_dd(a, b, out);
	return st == SLOW ? slow_div(a, b, out) : st;
}

int
payroll_dec_round(struct payroll_dec d, int places, enum payroll_round mode,
    struct payroll_dec *out)
{
	if (ISDEC(d))
		return dround(d, places, mode, out);
	return qround(d, places, mode, out);
}

int
payroll_dec_round_unit(struct payroll_dec d, struct payroll_dec unit,
    enum payroll_round mode, struct payroll_dec *out)
{
	struct payroll_dec t;
	int st;

	if (unit.coef <= 0)
		return PAYROLL_EINVAL;
	if (ISDEC(d) && ISDEC(unit))
		return dround_unit(d, unit, mode, out);
	/* unit * round(d / unit), exactly. */
	if ((st = payroll_dec_div(d, unit, &t)) != 0 ||
	    (st = payroll_dec_round(t, 0, mode, &t)) != 0)
		return st;
	return payroll_dec_mul(t, unit, out);
}

int
payroll_dec_cmp(struct payroll_dec a, struct payroll_dec b)
{
	int sa, sb, c;

	if (ISDEC(a) && ISDEC(b))
		return dcmp(a, b);
	sa = a.coef < 0 ? -1 : a.coef > 0;
	sb = b.coef < 0 ? -1 : b.coef > 0;
	if (sa != sb || sa == 0)
		return (sa > sb) - (sa < sb);
	c = qcmp_mag(a, b);
	return sa < 0 ? -c : c;
}

size_t
payroll_dec_format(struct payroll_dec d, int places, char *buf, size_t size)
{
	char digits[48], tmp[96];
	int nd = 0, i, scale, n = 0;
	u128 m;

	if (d.den > 1) {
		/* No scale of its own: rounded half up to the places asked
		 * for, or to the working scale; to fewer when that would
		 * not fit in 38 digits (then padded with zeros below). */
		int p = places >= 0 ? places : PAYROLL_DEC_WORKSCALE;

		while (p > 0 && payroll_dec_round(d, p, PAYROLL_ROUND_HALF_UP,
		    &d) != 0)
			p--;
		if (d.den > 1)
			(void)payroll_dec_round(d, 0, PAYROLL_ROUND_HALF_UP, &d);
		if (places < 0)
			places = PAYROLL_DEC_WORKSCALE;
	}
	if (places >= 0 && places != d.scale) {
		if (places < d.scale)
			(void)payroll_dec_round(d, places, PAYROLL_ROUND_HALF_UP, &d);
		else if (places - d.scale <= 18 &&
		    mag(d.coef) < DEC_LIMIT / dec_pow10[places - d.scale]) {
			d.coef *= (i128)dec_pow10[places - d.scale];
			d.scale = places;
		} else {
			struct wide w;

			/* When it cannot widen, it prints what it has. */
			to_wide(d.coef, &w);
			if (wide_scale_up(&w, places - d.scale) == 0)
				(void)from_wide(&w, places, PAYROLL_DEC_MAXSCALE,
				    &d);
		}
	}
	m = mag(d.coef);
	scale = d.scale;
	/* 64-bit division while it fits: 128-bit division is a call. */
	while (m > UINT64_MAX) {
		digits[nd++] = (char)('0' + (int)(m % 10));
		m /= 10;
	}
	{
		uint64_t m64 = (uint64_t)m;

		do {
			digits[nd++] = (char)('0' + (int)(m64 % 10));
			m64 /= 10;
		} while (m64 != 0);
	}
	while (nd <= scale)
		digits[nd++] = '0';
	if (d.coef < 0)
		tmp[n++] = '-';
	for (i = nd - 1; i >= 0; i--) {
		tmp[n++] = digits[i];
		if (i == scale && i != 0)
			tmp[n++] = '.';
	}
	/* Pad when places exceeded what fits (never in practice). */
	while (places > scale && (size_t)n < sizeof(tmp) - 1) {
		if (scale == 0)
			tmp[n++] = '.';
		tmp[n++] = '0';
		scale++;
	}
	tmp[n] = '\0';
	if (size > 0) {
		size_t c = (size_t)n < size - 1 ? (size_t)n : size - 1;

		memcpy(buf, tmp, c);
		buf[c] = '\0';
	}
	return (size_t)n;
}

int
payroll_dec_to_minor(struct payroll_dec d, int places, int64_t *out)
{
	struct payroll_dec r;
	u128 m;

	if (payroll_dec_round(d, places, PAYROLL_ROUND_DOWN, &r) != 0 ||
	    payroll_dec_cmp(r, d) != 0)
		return PAYROLL_EINVAL;
	if (r.scale < places) {
		if (places - r.scale > 38 ||
		    mag(r.coef) >= DEC_LIMIT / dec_pow10[places - r.scale])
			return PAYROLL_ERANGE;
		r.coef *= (i128)dec_pow10[places - r.scale];
	}
	m = mag(r.coef);
	if (m > (u128)INT64_MAX)
		return PAYROLL_ERANGE;
	*out = (int64_t)r.coef;
	return PAYROLL_OK;
}

int
payroll_round_parse(const char *name, enum payroll_round *out)
{
	static const struct {
		const char *name;
		enum payroll_round mode;
	} modes[] = {
		{ "ceiling", PAYROLL_ROUND_CEILING },
		{ "down", PAYROLL_ROUND_DOWN },
		{ "floor", PAYROLL_ROUND_FLOOR },
		{ "half_down", PAYROLL_ROUND_HALF_DOWN },
		{ "half_even", PAYROLL_ROUND_HALF_EVEN },
		{ "half_up", PAYROLL_ROUND_HALF_UP },
		{ "up", PAYROLL_ROUND_UP },
	};
	size_t i;

	for (i = 0; i < NELEM(modes); i++)
		if (strcmp(name, modes[i].name) == 0) {
			*out = modes[i].mode;
			return PAYROLL_OK;
		}
	return PAYROLL_EINVAL;
}

int
dec_is_integer(struct payroll_dec d)
{
	struct payroll_dec r;

	if (d.den > 1)		/* in lowest terms: never whole */
		return 0;
	return payroll_dec_round(d, 0, PAYROLL_ROUND_DOWN, &r) == 0 &&
	    payroll_dec_cmp(r, d) == 0;
}

int
dec_to_long(struct payroll_dec d, long *out)
{
	struct payroll_dec r;
	int64_t v;

	if (payroll_dec_round(d, 0, PAYROLL_ROUND_DOWN, &r) != 0 ||
	    payroll_dec_to_minor(r, 0, &v) != 0 || v > LONG_MAX || v < LONG_MIN)
		return PAYROLL_ERANGE;
	*out = (long)v;
	return PAYROLL_OK;
}

int
dec_mod(struct payroll_dec a, struct payroll_dec b, struct payroll_dec *out)
{
	struct payroll_dec q;
	int st;

	if (b.coef == 0)
		return PAYROLL_EDIVZERO;
	if (a.den > 1 || b.den > 1) {
		/* a - b * trunc(a / b), exactly. */
		if ((st = payroll_dec_div(a, b, &q)) != 0 ||
		    (st = payroll_dec_round(q, 0, PAYROLL_ROUND_DOWN, &q)) != 0 ||
		    (st = payroll_dec_mul(q, b, &q)) != 0)
			return st;
		return payroll_dec_sub(a, q, out);
	}
	if (align(&a, &b) != 0)
		return PAYROLL_ERANGE;
	out->coef = a.coef % b.coef;
	out->scale = a.scale;
	out->den = 0;
	return PAYROLL_OK;
}
