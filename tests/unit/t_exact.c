/*
 * t_exact.c: exact arithmetic between roundings (issue 13, 1), against a
 * rational oracle.
 *
 * 100,000 random expressions of + - * / and round() (every mode, places
 * from -40 to 45) over random decimals (zero, small divisors such as 3,
 * 7, 37 and 2080, amounts, and 38-digit extremes) are evaluated twice:
 * by libpayroll (payroll_dec_*) and by an exact rational computation
 * written here, on its own small bignum (num/den in lowest terms, 64-bit
 * limbs, binary gcd, schoolbook long division), sharing no code with
 * libpayroll.  The oracle also decides, from the number model stated in
 * payroll.h and docs/rules.md, which results cannot be held: a value
 * whose denominator, without its factors 2 and 5, is 2^64 or more, or
 * that needs more than 38 digits or 38 places.  Every node must agree:
 * the same value, or the same error (division by zero, out of range) at
 * the same point in left-to-right order; and payroll_dec_cmp() of the
 * two operands of every + - * / must agree with the oracle's order.
 *
 * Then the figures through the same functions: 40024.00 / 2080 *
 * 1.5 * 13 = 375.225 (half up: 375.23), round(9.25 * (2/37)) = 1,
 * round(27.75 * (2/37)) = 2, 10000000000.00 / (1/3) = 30000000000.00.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"
#include "tap.h"

__extension__ typedef unsigned __int128 u128;

/* ------------------------------------------------------------------ */
/* The oracle's bignum: magnitudes of up to NL 64-bit limbs           */
/* ------------------------------------------------------------------ */

#define NL 40

typedef struct {
	int n;			/* limbs in use; no leading zero limb */
	uint64_t w[NL];
} bn;

static int oracle_overflow;

static void
bn_trim(bn *a)
{
	while (a->n > 0 && a->w[a->n - 1] == 0)
		a->n--;
}

static void
bn_u64(bn *a, uint64_t v)
{
	a->n = v != 0;
	a->w[0] = v;
}

static int
bn_zero(const bn *a)
{
	return a->n == 0;
}

static int
bn_cmp(const bn *a, const bn *b)
{
	int i;

	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (i = a->n - 1; i >= 0; i--)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

static void
bn_add(bn *r, const bn *a, const bn *b)
{
	int i, n = a->n > b->n ? a->n : b->n;
	u128 c = 0;
	bn t;

	for (i = 0; i < n; i++) {
		c += (u128)(i < a->n ? a->w[i] : 0) +
		    (i < b->n ? b->w[i] : 0);
		t.w[i] = (uint64_t)c;
		c >>= 64;
	}
	t.n = n;
	if (c != 0) {
		if (n == NL) {
			oracle_overflow = 1;
			return;
		}
		t.w[t.n++] = (uint64_t)c;
	}
	*r = t;
}

/* r = a - b, a >= b */
static void
bn_sub(bn *r, const bn *a, const bn *b)
{
	int i;
	uint64_t borrow = 0;
	bn t;

	for (i = 0; i < a->n; i++) {
		uint64_t x = a->w[i], y = i < b->n ? b->w[i] : 0;

		t.w[i] = x - y - borrow;
		borrow = (x < y) || (x == y && borrow);
	}
	t.n = a->n;
	bn_trim(&t);
	*r = t;
}

static void
bn_mul(bn *r, const bn *a, const bn *b)
{
	bn t;
	int i, j;

	if (a->n == 0 || b->n == 0) {
		r->n = 0;
		return;
	}
	if (a->n + b->n > NL) {
		oracle_overflow = 1;
		r->n = 0;
		return;
	}
	memset(t.w, 0, sizeof(t.w[0]) * (size_t)(a->n + b->n));
	for (i = 0; i < a->n; i++) {
		u128 c = 0;

		for (j = 0; j < b->n; j++) {
			c += (u128)a->w[i] * b->w[j] + t.w[i + j];
			t.w[i + j] = (uint64_t)c;
			c >>= 64;
		}
		t.w[i + b->n] = (uint64_t)c;
	}
	t.n = a->n + b->n;
	bn_trim(&t);
	*r = t;
}

static void
bn_mul_u64(bn *r, const bn *a, uint64_t m)
{
	bn b;

	bn_u64(&b, m);
	bn_mul(r, a, &b);
}

static void
bn_pow10(bn *r, int k)
{
	bn_u64(r, 1);
	while (k-- > 0)
		bn_mul_u64(r, r, 10);
}

static int
bn_bit(const bn *a, int i)
{
	return (int)((a->w[i / 64] >> (i % 64)) & 1);
}

static int
bn_bits(const bn *a)
{
	return a->n == 0 ? 0 : (a->n - 1) * 64 + 64 -
	    __builtin_clzll(a->w[a->n - 1]);
}

static void
bn_shl1(bn *a)
{
	int i;
	uint64_t c = 0;

	for (i = 0; i < a->n; i++) {
		uint64_t nc = a->w[i] >> 63;

		a->w[i] = (a->w[i] << 1) | c;
		c = nc;
	}
	if (c != 0)
		a->w[a->n++] = c;
}

static void
bn_shr(bn *a, int k)
{
	int limbs = k / 64, bits = k % 64, i;

	if (limbs >= a->n) {
		a->n = 0;
		return;
	}
	for (i = 0; i + limbs < a->n; i++) {
		uint64_t lo = a->w[i + limbs] >> bits;
		uint64_t hi = bits && i + limbs + 1 < a->n ?
		    a->w[i + limbs + 1] << (64 - bits) : 0;

		a->w[i] = lo | hi;
	}
	a->n -= limbs;
	bn_trim(a);
}

static int
bn_ctz(const bn *a)
{
	int i;

	for (i = 0; i < a->n; i++)
		if (a->w[i] != 0)
			return i * 64 + __builtin_ctzll(a->w[i]);
	return 0;
}

/* q = a / b, r = a mod b (b != 0), by the schoolbook method in base 2. */
static void
bn_divmod(const bn *a, const bn *b, bn *q, bn *r)
{
	bn qq, rr;
	int i;

	if (b->n == 1) {	/* one limb: base 2^64 */
		u128 rem = 0;

		qq.n = a->n;
		for (i = a->n - 1; i >= 0; i--) {
			rem = (rem << 64) | a->w[i];
			qq.w[i] = (uint64_t)(rem / b->w[0]);
			rem %= b->w[0];
		}
		bn_trim(&qq);
		if (q)
			*q = qq;
		if (r)
			bn_u64(r, (uint64_t)rem);
		return;
	}
	qq.n = a->n;
	memset(qq.w, 0, sizeof(qq.w[0]) * (size_t)(a->n ? a->n : 1));
	rr.n = 0;
	for (i = bn_bits(a) - 1; i >= 0; i--) {
		bn_shl1(&rr);
		if (bn_bit(a, i)) {
			if (rr.n == 0)
				rr.n = 1, rr.w[0] = 0;
			rr.w[0] |= 1;
		}
		if (bn_cmp(&rr, b) >= 0) {
			bn_sub(&rr, &rr, b);
			qq.w[i / 64] |= (uint64_t)1 << (i % 64);
		}
	}
	bn_trim(&qq);
	if (q)
		*q = qq;
	if (r)
		*r = rr;
}

static void
bn_gcd(bn *g, const bn *a0, const bn *b0)
{
	bn a = *a0, b = *b0;
	int za, zb, k;

	if (bn_zero(&a)) {
		*g = b;
		return;
	}
	if (bn_zero(&b)) {
		*g = a;
		return;
	}
	za = bn_ctz(&a);
	zb = bn_ctz(&b);
	k = za < zb ? za : zb;
	bn_shr(&a, za);
	for (;;) {
		bn_shr(&b, bn_ctz(&b));
		if (bn_cmp(&a, &b) > 0) {
			bn t = a;

			a = b;
			b = t;
		}
		bn_sub(&b, &b, &a);
		if (bn_zero(&b))
			break;
	}
	*g = a;
	while (k-- > 0)
		bn_shl1(g);
}

/* ------------------------------------------------------------------ */
/* Rationals                                                          */
/* ------------------------------------------------------------------ */

typedef struct {
	int neg;
	bn num, den;		/* lowest terms, den > 0; zero: 0/1 */
} rat;

static void
rat_reduce(rat *x)
{
	bn g;

	if (bn_zero(&x->num)) {
		bn_u64(&x->den, 1);
		x->neg = 0;
		return;
	}
	bn_gcd(&g, &x->num, &x->den);
	if (!(g.n == 1 && g.w[0] == 1)) {
		bn_divmod(&x->num, &g, &x->num, NULL);
		bn_divmod(&x->den, &g, &x->den, NULL);
	}
}

static void
rat_addsub(rat *r, const rat *a, const rat *b, int sub)
{
	bn x, y;
	int nb = b->neg ^ sub;
	rat t;

	bn_mul(&x, &a->num, &b->den);
	bn_mul(&y, &b->num, &a->den);
	if (a->neg == nb) {
		bn_add(&t.num, &x, &y);
		t.neg = a->neg;
	} else if (bn_cmp(&x, &y) >= 0) {
		bn_sub(&t.num, &x, &y);
		t.neg = a->neg;
	} else {
		bn_sub(&t.num, &y, &x);
		t.neg = nb;
	}
	bn_mul(&t.den, &a->den, &b->den);
	rat_reduce(&t);
	*r = t;
}

static void
rat_mul(rat *r, const rat *a, const rat *b)
{
	rat t;

	bn_mul(&t.num, &a->num, &b->num);
	bn_mul(&t.den, &a->den, &b->den);
	t.neg = a->neg ^ b->neg;
	rat_reduce(&t);
	*r = t;
}

/* b != 0 */
static void
rat_div(rat *r, const rat *a, const rat *b)
{
	rat t;

	bn_mul(&t.num, &a->num, &b->den);
	bn_mul(&t.den, &a->den, &b->num);
	t.neg = a->neg ^ b->neg;
	rat_reduce(&t);
	*r = t;
}

/* The rounding modes, by their definitions (payroll.h). */
static void
rat_round(rat *r, const rat *a, int p, enum payroll_round mode)
{
	bn n = a->num, d = a->den, q, rem, two, one;
	int up = 0, c, nz;
	rat t;

	if (p >= 0) {
		bn_pow10(&two, p);
		bn_mul(&n, &n, &two);
	} else {
		bn_pow10(&two, -p);
		bn_mul(&d, &d, &two);
	}
	bn_divmod(&n, &d, &q, &rem);	/* |a| 10^p = q + rem/d */
	nz = !bn_zero(&rem);
	bn_add(&two, &rem, &rem);
	c = bn_cmp(&two, &d);		/* 2 rem against d */
	switch (mode) {
	case PAYROLL_ROUND_HALF_UP:
		up = nz && c >= 0;
		break;
	case PAYROLL_ROUND_HALF_EVEN:
		up = nz && (c > 0 || (c == 0 && q.n > 0 && (q.w[0] & 1)));
		break;
	case PAYROLL_ROUND_HALF_DOWN:
		up = nz && c > 0;
		break;
	case PAYROLL_ROUND_UP:
		up = nz;
		break;
	case PAYROLL_ROUND_DOWN:
		up = 0;
		break;
	case PAYROLL_ROUND_CEILING:
		up = nz && !a->neg;
		break;
	case PAYROLL_ROUND_FLOOR:
		up = nz && a->neg;
		break;
	}
	if (up) {
		bn_u64(&one, 1);
		bn_add(&q, &q, &one);
	}
	t.neg = a->neg;
	if (p >= 0) {
		t.num = q;
		bn_pow10(&t.den, p);
	} else {
		bn_pow10(&two, -p);
		bn_mul(&t.num, &q, &two);
		bn_u64(&t.den, 1);
	}
	rat_reduce(&t);
	*r = t;
}

/*
 * Whether the number model can hold x: den = 2^a 5^b m with m odd and
 * not a multiple of 5; k = max(a, b) places; the coefficient
 * |num| 2^(k-a) 5^(k-b) below 10^38, k <= 38, m below 2^64.
 */
static int
rat_fits(const rat *x)
{
	bn m = x->den, coef = x->num, five, q, r, lim;
	int a, b = 0, k;

	a = bn_ctz(&m);
	bn_shr(&m, a);
	bn_u64(&five, 5);
	for (;;) {
		bn_divmod(&m, &five, &q, &r);
		if (!bn_zero(&r))
			break;
		m = q;
		b++;
	}
	if (m.n > 1)
		return 0;
	k = a > b ? a : b;
	if (k > 38)
		return 0;
	while (a++ < k)
		bn_mul_u64(&coef, &coef, 2);
	while (b++ < k)
		bn_mul_u64(&coef, &coef, 5);
	bn_pow10(&lim, 38);
	return bn_cmp(&coef, &lim) < 0;
}

/* A decimal's value: coef / (den 10^scale), from its public fields. */
static void
rat_of_dec(rat *x, struct payroll_dec d)
{
	u128 m = d.coef < 0 ? -(u128)d.coef :
	    (u128)d.coef;
	bn p;

	x->neg = d.coef < 0;
	x->num.w[0] = (uint64_t)m;
	x->num.w[1] = (uint64_t)(m >> 64);
	x->num.n = 2;
	bn_trim(&x->num);
	bn_pow10(&x->den, d.scale);
	bn_u64(&p, d.den > 1 ? d.den : 1);
	bn_mul(&x->den, &x->den, &p);
	rat_reduce(x);
}

static int
rat_eq(const rat *a, const rat *b)
{
	return a->neg == b->neg && bn_cmp(&a->num, &b->num) == 0 &&
	    bn_cmp(&a->den, &b->den) == 0;
}

/* Parses a plain decimal string (the test makes them well-formed). */
static void
rat_parse(rat *x, const char *s)
{
	int scale = 0, frac = 0;

	x->neg = *s == '-';
	if (*s == '-')
		s++;
	x->num.n = 0;
	for (; *s; s++) {
		bn dig;

		if (*s == '.') {
			frac = 1;
			continue;
		}
		bn_mul_u64(&x->num, &x->num, 10);
		bn_u64(&dig, (uint64_t)(*s - '0'));
		bn_add(&x->num, &x->num, &dig);
		scale += frac;
	}
	bn_pow10(&x->den, scale);
	rat_reduce(x);
}

/* ------------------------------------------------------------------ */
/* Random expressions                                                 */
/* ------------------------------------------------------------------ */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

static int
rn(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

enum { E_LEAF, E_ADD, E_SUB, E_MUL, E_DIV, E_ROUND };

struct ex {
	int op, places, mode;
	int cmp_ours, cmp_oracle;	/* a against b, where both known */
	char leaf[48];
	struct ex *a, *b;
};

static struct ex pool[64];
static int npool;

static void
rand_leaf(char *buf)
{
	static const char *const small[] = { "1", "2", "3", "4", "5", "6",
	    "7", "9", "11", "12", "13", "24", "26", "37", "52", "100", "260",
	    "365", "2080", "1.5", "0.1", "0.3", "12.5", "0.0765", "6.2",
	    "40024.00", "9.25", "27.75", "2", "3" };
	int k = rn(100), nd, sc, i, p = 0;

	if (rn(10) < 3)
		buf[p++] = '-';
	if (k < 6) {
		strcpy(buf + p, rn(2) ? "0" : "0.00");
		return;
	}
	if (k < 30) {
		strcpy(buf + p, small[rn((int)(sizeof(small) /
		    sizeof(small[0])))]);
		return;
	}
	if (k < 85) {		/* amounts, rates */
		nd = 1 + rn(12);
		sc = rn(7);
	} else if (k < 97) {	/* anything up to 38 digits */
		nd = 1 + rn(38);
		sc = rn(39);
	} else {		/* 38 nines at some scale */
		sc = rn(39);
		if (sc == 38) {
			buf[p++] = '0';
			buf[p++] = '.';
		}
		for (i = 0; i < 38; i++) {
			if (i == 38 - sc && sc > 0 && sc < 38)
				buf[p++] = '.';
			buf[p++] = '9';
		}
		buf[p] = '\0';
		return;
	}
	if (sc > nd) {		/* 0.000ddd */
		buf[p++] = '0';
		buf[p++] = '.';
		for (i = 0; i < sc - nd; i++)
			buf[p++] = '0';
		for (i = 0; i < nd; i++)
			buf[p++] = (char)('0' + (i == 0 ? 1 + rn(9) : rn(10)));
	} else {
		for (i = 0; i < nd; i++) {
			if (i == nd - sc && sc > 0) {
				if (i == 0)
					buf[p++] = '0';
				buf[p++] = '.';
			}
			buf[p++] = (char)('0' + (i == 0 ? 1 + rn(9) : rn(10)));
		}
	}
	buf[p] = '\0';
}

static struct ex *
gen(int depth)
{
	struct ex *e = &pool[npool++];
	int k = rn(100);

	memset(e, 0, sizeof(*e));
	e->cmp_ours = e->cmp_oracle = 2;	/* not reached */
	if (depth == 0 || k < 25) {
		e->op = E_LEAF;
		rand_leaf(e->leaf);
		return e;
	}
	k = rn(100);
	e->op = k < 20 ? E_ADD : k < 38 ? E_SUB : k < 60 ? E_MUL :
	    k < 85 ? E_DIV : E_ROUND;
	e->a = gen(depth - 1);
	if (e->op == E_ROUND) {
		e->mode = rn(7);
		e->places = rn(10) < 9 ? rn(9) - 2 : rn(86) - 40;
	} else
		e->b = gen(depth - 1);
	return e;
}

static void
show(const struct ex *e, char *buf, size_t size)
{
	static const char *const modes[] = { "half_up", "half_even",
	    "half_down", "up", "down", "ceiling", "floor" };
	char a[2048], b[2048];

	if (e->op == E_LEAF) {
		snprintf(buf, size, "%s", e->leaf);
		return;
	}
	show(e->a, a, sizeof(a));
	if (e->op == E_ROUND) {
		snprintf(buf, size, "round(%s, %d, %s)", a, e->places,
		    modes[e->mode]);
		return;
	}
	show(e->b, b, sizeof(b));
	snprintf(buf, size, "(%s %c %s)", a, "?+-*/"[e->op], b);
}

/* Statistics, so that the test shows it covered what it claims. */
static long n_ok, n_range, n_divzero, n_quot, n_ties, n_slow_sized, n_cmp;

/* libpayroll's evaluation: the status, and the value in *out. */
static int
ours(struct ex *e, struct payroll_dec *out)
{
	struct payroll_dec a, b;
	int st;

	if (e->op == E_LEAF)
		return payroll_dec_parse(e->leaf, strlen(e->leaf), out);
	if ((st = ours(e->a, &a)) != 0)
		return st;
	if (e->op == E_ROUND)
		return payroll_dec_round(a, e->places,
		    (enum payroll_round)e->mode, out);
	if ((st = ours(e->b, &b)) != 0)
		return st;
	e->cmp_ours = payroll_dec_cmp(a, b);
	switch (e->op) {
	case E_ADD:
		return payroll_dec_add(a, b, out);
	case E_SUB:
		return payroll_dec_sub(a, b, out);
	case E_MUL:
		return payroll_dec_mul(a, b, out);
	default:
		return payroll_dec_div(a, b, out);
	}
}

/* The oracle's evaluation, with the same order and the same errors. */
static int
oracle(struct ex *e, rat *out)
{
	rat a, b;
	int st;

	if (e->op == E_LEAF) {
		rat_parse(out, e->leaf);
		return rat_fits(out) ? 0 : PAYROLL_ERANGE;
	}
	if ((st = oracle(e->a, &a)) != 0)
		return st;
	if (e->op == E_ROUND) {
		rat t;

		/* Count exact ties met by a half mode. */
		rat_round(out, &a, e->places, PAYROLL_ROUND_HALF_UP);
		rat_round(&t, &a, e->places, PAYROLL_ROUND_HALF_DOWN);
		if (!rat_eq(out, &t))
			n_ties++;
		rat_round(out, &a, e->places, (enum payroll_round)e->mode);
		return rat_fits(out) ? 0 : PAYROLL_ERANGE;
	}
	if ((st = oracle(e->b, &b)) != 0)
		return st;
	{
		rat d;

		rat_addsub(&d, &a, &b, 1);
		e->cmp_oracle = bn_zero(&d.num) ? 0 : d.neg ? -1 : 1;
	}
	switch (e->op) {
	case E_ADD:
		rat_addsub(out, &a, &b, 0);
		break;
	case E_SUB:
		rat_addsub(out, &a, &b, 1);
		break;
	case E_MUL:
		rat_mul(out, &a, &b);
		break;
	default:
		if (bn_zero(&b.num))
			return PAYROLL_EDIVZERO;
		rat_div(out, &a, &b);
	}
	if (!rat_fits(out))
		return PAYROLL_ERANGE;
	/* A non-terminating quotient: its denominator is not 2^a 5^b. */
	{
		bn m = out->den, q, r, five;

		bn_shr(&m, bn_ctz(&m));
		bn_u64(&five, 5);
		for (;;) {
			bn_divmod(&m, &five, &q, &r);
			if (!bn_zero(&r))
				break;
			m = q;
		}
		if (!(m.n == 1 && m.w[0] == 1))
			n_quot++;
		if (bn_bits(&out->num) > 100)
			n_slow_sized++;
	}
	return 0;
}

static void
random_expressions(long count)
{
	long i, bad = 0;

	for (i = 0; i < count; i++) {
		struct payroll_dec d;
		struct ex *e;
		rat want, got;
		int st, wst, same;

		npool = 0;
		e = gen(4);
		oracle_overflow = 0;
		wst = oracle(e, &want);
		if (oracle_overflow) {
			printf("Bail out! the oracle's bignum overflowed\n");
			exit(2);
		}
		st = ours(e, &d);
		same = st == wst;
		if (same && st == 0) {
			rat_of_dec(&got, d);
			same = rat_eq(&got, &want) &&
			    (d.den <= 1 || (d.den % 2 != 0 && d.den % 5 != 0));
		}
		{
			int j;

			/* payroll_dec_cmp at every binary node both reached. */
			for (j = 0; j < npool; j++) {
				if (pool[j].op == E_LEAF || pool[j].op == E_ROUND)
					continue;
				if (pool[j].cmp_ours != 2 &&
				    pool[j].cmp_oracle != 2) {
					n_cmp++;
					if ((pool[j].cmp_ours > 0) -
					    (pool[j].cmp_ours < 0) !=
					    pool[j].cmp_oracle)
						same = 0;
				}
			}
		}
		if (st == 0 && same)
			n_ok++;
		else if (st == PAYROLL_ERANGE && same)
			n_range++;
		else if (st == PAYROLL_EDIVZERO && same)
			n_divzero++;
		if (!same && bad++ < 10) {
			char buf[8192], v[128];

			show(e, buf, sizeof(buf));
			payroll_dec_format(d, -1, v, sizeof(v));
			printf("# mismatch: %s\n#   ours: status %d, %s (den "
			    "%llu); oracle: status %d\n", buf, st,
			    st == 0 ? v : "-", (unsigned long long)d.den, wst);
		}
	}
	ok(bad == 0, "%ld random expressions agree with the rational oracle "
	    "(%ld mismatched)", count, bad);
	printf("# %ld values, %ld out of range, %ld divisions by zero; %ld "
	    "non-terminating quotients, %ld half-mode ties, %ld results "
	    "over 100 bits, %ld comparisons\n", n_ok, n_range, n_divzero,
	    n_quot, n_ties, n_slow_sized, n_cmp);
	/* The mix is what makes the comparison worth anything. */
	ok(n_ok > count / 2, "most expressions have a value (%ld)", n_ok);
	ok(n_range > count / 100, "overflow is exercised (%ld)", n_range);
	ok(n_divzero > count / 1000, "division by zero is exercised (%ld)",
	    n_divzero);
	ok(n_quot > count / 2, "non-terminating quotients are exercised (%ld)",
	    n_quot);
	ok(n_ties > count / 1000, "exact ties are exercised (%ld)", n_ties);
	ok(n_cmp > count, "comparisons are checked too (%ld)", n_cmp);
}

/* ------------------------------------------------------------------ */
/* The figures                                                */
/* ------------------------------------------------------------------ */

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

static const char *
F(struct payroll_dec d, int places)
{
	static char bufs[4][128];
	static int i;
	char *b = bufs[i++ % 4];

	payroll_dec_format(d, places, b, 128);
	return b;
}

static void
figures(void)
{
	struct payroll_dec q, r;

	/* 40024.00 / 2080 = 19.2423076923...; * 1.5 * 13 = 375.225. */
	ok(payroll_dec_div(D("40024.00"), D("2080"), &q) == 0 &&
	    payroll_dec_mul(q, D("1.5"), &q) == 0 &&
	    payroll_dec_mul(q, D("13"), &q) == 0 &&
	    payroll_dec_cmp(q, D("375.225")) == 0,
	    "40024.00 / 2080 * 1.5 * 13 == 375.225 exactly");
	ok(payroll_dec_round(q, 2, PAYROLL_ROUND_HALF_UP, &r) == 0,
	    "round it");
	is_str(F(r, 2), "375.23", "... half up to the cent: 375.23");
	/* 2 / 37 * 9.25 = 0.5; * 27.75 = 1.5. */
	ok(payroll_dec_div(D("2"), D("37"), &q) == 0 && q.den == 37,
	    "2 / 37 keeps its denominator");
	ok(payroll_dec_mul(D("9.25"), q, &r) == 0 &&
	    payroll_dec_cmp(r, D("0.5")) == 0 && r.den == 0,
	    "9.25 * (2/37) == 0.5, a decimal again");
	ok(payroll_dec_round(r, 0, PAYROLL_ROUND_HALF_UP, &r) == 0 &&
	    payroll_dec_cmp(r, D("1")) == 0, "round(9.25 * (2/37), 0, "
	    "half_up) = 1");
	ok(payroll_dec_mul(D("27.75"), q, &r) == 0 &&
	    payroll_dec_round(r, 0, PAYROLL_ROUND_HALF_UP, &r) == 0 &&
	    payroll_dec_cmp(r, D("2")) == 0, "round(27.75 * (2/37), 0, "
	    "half_up) = 2");
	/* 10000000000.00 / (1/3) = 30000000000.00 */
	ok(payroll_dec_div(D("1"), D("3"), &q) == 0 &&
	    payroll_dec_div(D("10000000000.00"), q, &r) == 0 &&
	    payroll_dec_cmp(r, D("30000000000")) == 0,
	    "10000000000.00 / (1/3) = 30000000000 (was an overflow)");
	is_str(F(r, 2), "30000000000.00", "... written with 2 places");
	/* Comparisons, and what a non-terminating value prints as. */
	ok(payroll_dec_div(D("1"), D("3"), &q) == 0 &&
	    payroll_dec_div(D("2"), D("6"), &r) == 0 &&
	    payroll_dec_cmp(q, r) == 0, "1/3 == 2/6");
	ok(payroll_dec_cmp(q, D("0.333333333333333333333333333333333333"))
	    > 0 && payroll_dec_cmp(q,
	    D("0.333333333333333333333333333333333334")) < 0,
	    "0.33...3 (36 places) < 1/3 < 0.33...34");
	is_str(F(q, -1), "0.333333333333333333333333",
	    "1/3 unrounded is written with 24 places");
	is_str(F(q, 2), "0.33", "1/3 with 2 places, half up: 0.33");
	ok(payroll_dec_div(D("2"), D("3"), &q) == 0, "2/3");
	is_str(F(q, 2), "0.67", "2/3 with 2 places, half up: 0.67");
	/* The denominator's limit: 2^64 or more is out of range. */
	ok(payroll_dec_div(D("1"), D("18446744073709551557"), &q) == 0 &&
	    q.den == 18446744073709551557ULL,
	    "1 / 18446744073709551557 (the largest prime below 2^64)");
	ok(payroll_dec_mul(q, q, &r) == PAYROLL_ERANGE,
	    "its square's denominator is past 2^64: ERANGE");
	ok(payroll_dec_div(D("1"), D("3"), &q) == 0 &&
	    payroll_dec_mul(q, D("3"), &r) == 0 && r.den == 0 &&
	    payroll_dec_cmp(r, D("1")) == 0, "1/3 * 3 == 1, a decimal");
}

int
main(int argc, char **argv)
{
	long count = 100000;

	if (argc > 1)
		count = atol(argv[1]);
	if (getenv("T_EXACT_SEED"))
		rng = strtoull(getenv("T_EXACT_SEED"), NULL, 0);
	figures();
	random_expressions(count);
	return tap_done();
}
