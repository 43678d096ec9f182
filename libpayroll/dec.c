/*
 * dec.c: exact decimal arithmetic.
 *
 * A value is coef * 10^-scale with a signed 128-bit coefficient below
 * 10^38 in magnitude.  The common cases (money and rates with a few
 * places) take the fast path on __int128; products and quotients that do
 * not fit go through a 256-bit magnitude and are brought back to 38 digits
 * by dropping decimal places with rounding to odd (a sticky last digit),
 * which keeps any later, coarser rounding correct.  Sums and differences
 * are exact, or PAYROLL_ERANGE.  Nothing here is binary floating point,
 * and nothing reads the locale.
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
	if (b.hi != 0 || (b.lo >> 64) != 0)
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
 * Rounding to odd: after dropping nonzero digits, make the last kept
 * digit neither 0 nor 5, so the value cannot look exact or like a tie.
 */
static void
sticky(u128 *m)
{
	unsigned d = (unsigned)(*m % 10);

	if (d == 0 || d == 5)
		(*m)++;
}

/*
 * Brings a wide value at scale s back to a struct payroll_dec with at most
 * maxscale places and 38 digits.
 */
static int
from_wide(struct wide *w, int s, int maxscale, int inexact,
    struct payroll_dec *out)
{
	struct wide lim = { 0, DEC_LIMIT, 0 };
	u128 m;

	if (s > maxscale) {
		inexact |= wide_scale_down(w, s - maxscale);
		s = maxscale;
	}
	while (wide_cmp(w, &lim) >= 0) {
		if (s == 0)
			return PAYROLL_ERANGE;
		inexact |= wide_scale_down(w, 1);
		s--;
	}
	m = w->lo;
	if (inexact)
		sticky(&m);
	if (m >= DEC_LIMIT)
		return PAYROLL_ERANGE;
	out->coef = w->neg ? -(i128)m : (i128)m;
	out->scale = s;
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
		return PAYROLL_OK;
	}
	if (a.coef == 0 && b.scale >= a.scale) {
		*out = b;
		return PAYROLL_OK;
	}
	if (align(&a, &b) == 0 && !__builtin_add_overflow(a.coef, b.coef, &r)) {
		if (mag(r) < DEC_LIMIT) {
			out->coef = r;
			out->scale = a.scale;
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
	return from_wide(&wa, s, PAYROLL_DEC_MAXSCALE, 0, out);
}

int
payroll_dec_add(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out)
{
	return addsub(a, b, 0, out);
}

int
payroll_dec_sub(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out)
{
	return addsub(a, b, 1, out);
}

int
payroll_dec_mul(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out)
{
	struct wide w;
	int s = a.scale + b.scale;
	i128 r;

	if (!__builtin_mul_overflow(a.coef, b.coef, &r) &&
	    mag(r) < DEC_LIMIT) {
		if (s > PAYROLL_DEC_WORKSCALE) {
			/* Keep the working scale, with a sticky digit.  s
			 * may be up to 76: past 10^38 the quotient is 0 (the
			 * table has no 10^39: an out-of-bounds read found by
			 * tests/fuzz/dec_fuzz). */
			int k = s - PAYROLL_DEC_WORKSCALE;
			u128 m = mag(r), q = 0;
			int inexact = m != 0;

			if (k <= 38) {
				q = m / dec_pow10[k];
				inexact = m % dec_pow10[k] != 0;
			}
			if (inexact)
				sticky(&q);
			r = r < 0 ? -(i128)q : (i128)q;
			s = PAYROLL_DEC_WORKSCALE;
		}
		out->coef = r;
		out->scale = s;
		return PAYROLL_OK;
	}
	mul128(mag(a.coef), mag(b.coef), &w);
	w.neg = (a.coef < 0) != (b.coef < 0);
	if (wide_is_zero(&w))
		w.neg = 0;
	return from_wide(&w, s, s > PAYROLL_DEC_WORKSCALE ?
	    PAYROLL_DEC_WORKSCALE : s, 0, out);
}

/* Long division of a 256-bit magnitude by a 128-bit one (slow path). */
static void
wide_div(struct wide *n, u128 d, int *inexact)
{
	struct wide q = { 0, 0, 0 }, r = { 0, 0, 0 };
	int i;

	for (i = 255; i >= 0; i--) {
		u128 bit = i >= 128 ? (n->hi >> (i - 128)) & 1 :
		    (n->lo >> i) & 1;

		/* r = r * 2 + bit; r < 2d fits in 129 bits: keep hi. */
		r.hi = (r.hi << 1) | (r.lo >> 127);
		r.lo = (r.lo << 1) | bit;
		if (r.hi != 0 || r.lo >= d) {
			r.lo -= d;	/* wraps correctly when r.hi is 1 */
			r.hi = 0;
			if (i >= 128)
				q.hi |= (u128)1 << (i - 128);
			else
				q.lo |= (u128)1 << i;
		}
	}
	*inexact = r.lo != 0;
	q.neg = n->neg;
	*n = q;
}

int
payroll_dec_div(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out)
{
	int e = PAYROLL_DEC_WORKSCALE + b.scale - a.scale, inexact = 0;
	u128 d;
	struct wide w;

	if (b.coef == 0)
		return PAYROLL_EDIVZERO;
	d = mag(b.coef);
	to_wide(a.coef, &w);
	w.neg = (a.coef < 0) != (b.coef < 0);
	/* The quotient of a * 10^e by b has PAYROLL_DEC_WORKSCALE places. */
	if (e < 0) {
		inexact = wide_scale_down(&w, -e);
		e = 0;
	}
	if (w.hi == 0 && e <= 38 && w.lo <= ((u128)-1) / dec_pow10[e]) {
		u128 n = w.lo * dec_pow10[e];

		w.lo = n / d;
		inexact |= n % d != 0;
	} else {
		int ix;

		if (wide_scale_up(&w, e) != 0)
			return PAYROLL_ERANGE;
		wide_div(&w, d, &ix);
		inexact |= ix;
	}
	if (wide_is_zero(&w) && !inexact)
		w.neg = 0;
	return from_wide(&w, PAYROLL_DEC_WORKSCALE, PAYROLL_DEC_WORKSCALE,
	    inexact, out);
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

int
payroll_dec_round(struct payroll_dec d, int places, enum payroll_round mode,
    struct payroll_dec *out)
{
	int k = d.scale - places, neg = d.coef < 0;
	u128 m = mag(d.coef), q, r;

	if (k <= 0) {
		*out = d;
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
		if (-places > 38 || (q != 0 && q >= DEC_LIMIT / dec_pow10[-places]))
			return PAYROLL_ERANGE;
		q *= dec_pow10[-places];
		places = 0;
	}
	out->coef = neg ? -(i128)q : (i128)q;
	out->scale = places;
	return PAYROLL_OK;
}

int
payroll_dec_round_unit(struct payroll_dec d, struct payroll_dec unit,
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
	return PAYROLL_OK;
}

int
payroll_dec_cmp(struct payroll_dec a, struct payroll_dec b)
{
	struct wide wa, wb;
	int sa = payroll_dec_sign(a), sb = payroll_dec_sign(b), c;

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

size_t
payroll_dec_format(struct payroll_dec d, int places, char *buf, size_t size)
{
	char digits[48], tmp[96];
	int nd = 0, i, scale, n = 0;
	u128 m;

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
				    0, &d);
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
	if (b.coef == 0)
		return PAYROLL_EDIVZERO;
	if (align(&a, &b) != 0)
		return PAYROLL_ERANGE;
	out->coef = a.coef % b.coef;
	out->scale = a.scale;
	return PAYROLL_OK;
}
