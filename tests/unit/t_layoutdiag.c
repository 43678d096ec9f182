/*
 * t_layoutdiag.c: a bad layout file is refused with its place and its
 * reason (libpayroll/layout.c, xmlout.c): every check of a field, a
 * charset, a transliteration table, a record's extent, a count/total/
 * blocks tally and an XML element, each asserted as "line:column:
 * message".  The lines and columns are counted by hand from the YAML
 * texts below (1-based, the place of the offending node: a scalar's
 * first character, a flow collection's bracket, a block mapping's first
 * key).  Also the writer's edges: a full buffer, 'other: drop', a
 * truncated tally text, a tally's 'where' with blanks, a non-digit in a
 * totalled field, a tally past 2^120, a write that fails.
 */
#include <stdlib.h>
#include <string.h>

#include "payroll.h"
#include "tap.h"
#include "yamltext.h"

/* "line:column: message" of a refused load, or what happened instead. */
static const char *
where(int st, const struct payroll_diag *d)
{
	static char buf[1200];

	if (st != PAYROLL_ERULES)
		snprintf(buf, sizeof(buf), "status %d, not ERULES", st);
	else
		snprintf(buf, sizeof(buf), "%s:%lu:%lu: %s", d->file, d->line,
		    d->column, d->msg);
	return buf;
}

static const struct payroll_field_defaults bank = { 1, 0,
	PAYROLL_OV_ERROR, 0, 0 };

/* A field of a fixed-width layout compiled from text. */
static const char *
fd(const char *text, const char *charsets)
{
	struct payroll_field f;
	struct payroll_diag d;
	int st;

	st = payroll_field_compile(&f, yaml(text), &bank,
	    charsets != NULL ? yaml(charsets) : NULL, &d);
	payroll_field_free(&f);
	return where(st, &d);
}

#define HEAD "name: x\npos: 1\nlen: 4\n"	/* lines 1-3 */

static void
test_field(void)
{
	/* A key of line 4 "KEY: VALUE": the value at column
	 * strlen("KEY: ") + 1. */
	is_str(fd(HEAD "charset: [a]\n", "{a: A-Z}"),
	    "t.yaml:4:10: charset must be a single value",
	    "charset: a list");
	is_str(fd(HEAD "charset: b\n", "{a: A-Z}"),
	    "t.yaml:4:10: no charset 'b' in the layout's 'charsets'",
	    "charset: not in charsets");
	/* "a: {allow: A-Z, keep: x}": '{' at 4, 'keep' at 17. */
	is_str(fd(HEAD "charset: a\n", "a: {allow: A-Z, keep: x}"),
	    "t.yaml:1:17: unknown key 'keep' in a charset",
	    "a charset with an unknown key");
	is_str(fd(HEAD "charset: a\n", "a: {drop: .}"),
	    "t.yaml:1:4: a charset has 'allow'",
	    "a charset mapping without allow");
	is_str(fd(HEAD "charset: a\n", "a: [x]"),
	    "t.yaml:1:4: a charset must be a single value",
	    "a charset that is a list");
	/* "a: {allow: A-Z, drop: [x]}": '[' at 23. */
	is_str(fd(HEAD "charset: a\n", "a: {allow: A-Z, drop: [x]}"),
	    "t.yaml:1:23: a charset must be a single value",
	    "a charset's drop that is a list");
	/* A layout with no charsets: the key names nothing, and is
	 * refused (it was ignored, the field written unchecked). */
	is_str(fd(HEAD "charset: b\n", NULL),
	    "t.yaml:4:10: no charset 'b' in the layout's 'charsets'",
	    "no charsets: 'charset' refused, not ignored");

	is_str(fd(HEAD "align: [left]\n", NULL),
	    "t.yaml:4:8: align must be a single value", "align: a list");
	is_str(fd(HEAD "align: middle\n", NULL),
	    "t.yaml:4:8: align is left or right", "align: middle");
	is_str(fd("name: x\npos: x\nlen: 4\n", NULL),
	    "t.yaml:2:6: pos must be a whole number from 1 to 100000",
	    "pos: not a number");
	is_str(fd("name: x\npos: 0\nlen: 4\n", NULL),
	    "t.yaml:2:6: pos must be a whole number from 1 to 100000",
	    "pos: 0");
	is_str(fd("name: x\npos: 1\nlen: 0\n", NULL),
	    "t.yaml:3:6: len must be a whole number from 1 to 100000",
	    "len: 0");
	is_str(fd("name: x\npos: 100000\nlen: 100000\n", NULL),
	    "status 0, not ERULES", "pos and len 100000: the maxima");
	is_str(fd("name: x\npos: 1\nlen: 100001\n", NULL),
	    "t.yaml:3:6: len must be a whole number from 1 to 100000",
	    "len: 100001");
	/* "name: x\nlen: 4\n": the mapping, at its first key. */
	is_str(fd("name: x\nlen: 4\n", NULL),
	    "t.yaml:1:1: field 'x' needs 'pos' and 'len'", "no pos");
	is_str(fd(HEAD "fill: [x]\n", NULL),
	    "t.yaml:4:7: fill must be a single value", "fill: a list");
	is_str(fd(HEAD "fill: '00'\n", NULL),
	    "t.yaml:4:7: fill is one character", "fill: two characters");
	is_str(fd(HEAD "fill: ''\n", NULL),
	    "t.yaml:4:7: fill is one character", "fill: empty");
	is_str(fd(HEAD "overflow: wrap\n", NULL),
	    "t.yaml:4:11: overflow is error, truncate or keep_right",
	    "overflow: wrap");
	is_str(fd(HEAD "upper: [x]\n", NULL),
	    "t.yaml:4:8: upper must be a single value", "upper: a list");
	is_str(fd(HEAD "other: keep\n", NULL),
	    "t.yaml:4:8: 'other' is error, drop or space", "other: keep");
	is_str(fd(HEAD "type: [N]\n", NULL),
	    "t.yaml:4:7: unknown type '' (alpha, numeric, money, digits, "
	    "decimal, integer, date; A and N for alpha and numeric)",
	    "type: a list");
	is_str(fd("[x]", NULL), "t.yaml:1:1: a field is a mapping {name, "
	    "...}", "a field that is a list");
	is_str(fd("pos: 1\nlen: 4\n", NULL),
	    "t.yaml:1:1: a field needs a 'name'", "no name");
	is_str(fd("name: [x]\npos: 1\nlen: 4\n", NULL),
	    "t.yaml:1:7: name must be a single value", "name: a list");
	is_str(fd(HEAD "slice: [1]\n", NULL),
	    "t.yaml:4:8: 'slice' is [first, length]", "slice: one number");
	is_str(fd(HEAD "slice: 1\n", NULL),
	    "t.yaml:4:8: 'slice' is [first, length]", "slice: a scalar");
	/* "slice: [0, 2]": '0' at 9; "slice: [1, x]": 'x' at 12. */
	is_str(fd(HEAD "slice: [0, 2]\n", NULL),
	    "t.yaml:4:9: slice must be a whole number from 1 to 100000",
	    "slice: first 0");
	is_str(fd(HEAD "slice: [1, x]\n", NULL),
	    "t.yaml:4:12: slice must be a whole number from 1 to 100000",
	    "slice: length x");
	is_str(fd(HEAD "value: [x]\n", NULL),
	    "t.yaml:4:8: value must be a single value", "value: a list");
	is_str(fd(HEAD "value: ABCD\n", NULL), "status 0, not ERULES",
	    "a constant as long as its field");
	is_str(fd(HEAD "value: ABCDE\n", NULL),
	    "t.yaml:4:8: value 'ABCDE' is longer than the field",
	    "a constant one longer than its field");
}

static void
test_translit(void)
{
	struct payroll_translit tl;
	struct payroll_diag d;

	ok(payroll_translit_load(&tl, NULL, &d) == PAYROLL_OK && tl.n == 0,
	    "no table: an empty one");
	is_str(where(payroll_translit_load(&tl, yaml("[a]"), &d), &d),
	    "t.yaml:1:1: 'transliterate' maps characters to their "
	    "replacements", "a table that is a list");
	payroll_translit_free(&tl);
	is_str(where(payroll_translit_load(&tl, yaml("{x: y, ab: c}"), &d),
	    &d), "t.yaml:1:8: 'ab': a key must be one character",
	    "a key of two characters");
	payroll_translit_free(&tl);
	ok(payroll_translit_load(&tl, yaml("{\"\xc3\xa4\": ae}"), &d) ==
	    PAYROLL_OK && tl.n == 1, "a key of one two-byte character");
	payroll_translit_free(&tl);
	is_str(where(payroll_translit_load(&tl, yaml("{a: [b]}"), &d), &d),
	    "t.yaml:1:5: a must be a single value", "a replacement that "
	    "is a list");
	payroll_translit_free(&tl);
}

/* Fields of one record from a YAML list, checked. */
static const char *
rec(const char *text, int reclen, int tile)
{
	struct payroll_node *y = yaml(text);
	struct payroll_field fl[4], *fs[4];
	struct payroll_diag d;
	size_t i, n = payroll_conf_len(y);
	int st;

	for (i = 0; i < n; i++) {
		payroll_field_compile(&fl[i], payroll_conf_item(y, i), &bank,
		    NULL, &d);
		fs[i] = &fl[i];
	}
	st = payroll_record_check(fs, n, reclen, tile, "entry", &d);
	return where(st, &d);
}

static void
test_record(void)
{
	is_str(rec("- {name: a, pos: 1, len: 2}\n"
	    "- {name: b, pos: 3, len: 3}\n", 5, 1),
	    "status 0, not ERULES", "fields tiling 1-5 of 5");
	is_str(rec("- {name: a, pos: 1, len: 2}\n"
	    "- {name: b, pos: 3, len: 4}\n", 5, 0),
	    "t.yaml:2:3: field 'b' ends past the record length 5",
	    "a field ending at 6 of 5");
	is_str(rec("- {name: a, pos: 1, len: 3}\n"
	    "- {name: b, pos: 3, len: 2}\n", 10, 0),
	    "t.yaml:2:3: field 'b' overlaps another at position 3",
	    "fields overlapping at 3");
	is_str(rec("- {name: a, pos: 1, len: 3}\n"
	    "- {name: b, pos: 5, len: 2}\n", 10, 0),
	    "status 0, not ERULES", "a gap is allowed when not tiling");
	is_str(rec("- {name: a, pos: 1, len: 3}\n"
	    "- {name: b, pos: 5, len: 2}\n", 10, 1),
	    "t.yaml:2:3: field 'b' starts at 5: the fields must follow each "
	    "other from 1 with no gap or overlap (expected 4)",
	    "tiling: a gap");
	is_str(rec("- {name: a, pos: 1, len: 3}\n"
	    "- {name: b, pos: 4, len: 2}\n", 6, 1),
	    "t.yaml:2:3: the entry fields end at 5, not at the record "
	    "length 6", "tiling: short of the record length");
}

/* A fixed file of three records for the tallies:
 *   H: t 1
 *   E: t 1, code 2-3 (N), amt 4-7 (N), nm 8-10 (alpha)
 *   C: t 1, n 2-3 (N) */
static struct payroll_field hf[1], ef[4], cf[2];
static struct payroll_field *hp[1], *ep[4], *cp[2];

static void
fixed_setup(struct payroll_fixed *o)
{
	static const char *e =
	    "- {name: t, pos: 1, len: 1, value: E}\n"
	    "- {name: code, pos: 2, len: 2, type: N}\n"
	    "- {name: amt, pos: 4, len: 4, type: N}\n"
	    "- {name: nm, pos: 8, len: 3}\n";
	struct payroll_node *y = yaml(e);
	struct payroll_diag d;
	size_t i;

	memset(o, 0, sizeof(*o));
	o->reclen = 10;
	o->eol = "\n";
	payroll_field_compile(&hf[0], yaml("{name: t, pos: 1, len: 1}"),
	    &bank, NULL, &d);
	hp[0] = &hf[0];
	for (i = 0; i < 4; i++) {
		payroll_field_compile(&ef[i], payroll_conf_item(y, i), &bank,
		    NULL, &d);
		ep[i] = &ef[i];
	}
	payroll_field_compile(&cf[0], yaml("{name: t, pos: 1, len: 1}"),
	    &bank, NULL, &d);
	payroll_field_compile(&cf[1], yaml("{name: n, pos: 2, len: 2, "
	    "type: N}"), &bank, NULL, &d);
	cp[0] = &cf[0];
	cp[1] = &cf[1];
	payroll_fixed_record(o, "H", hp, 1);
	payroll_fixed_record(o, "E", ep, 4);
	payroll_fixed_record(o, "C", cp, 2);
}

static const char *
tally(const char *text)
{
	struct payroll_fixed o;
	struct payroll_diag d;
	long k;
	int st;

	fixed_setup(&o);
	st = payroll_fixed_tally(&o, yaml(text), &k, &d);
	payroll_fixed_free(&o);
	return where(st, &d);
}

static void
test_tally_load(void)
{
	/* Columns in "{count: E, since: Z}": '{' 1, count 2-6, 'E' 9,
	 * since 12-16, 'Z' 19. */
	is_str(tally("{count: E, total: E.amt}"),
	    "t.yaml:1:1: a field has one of count, total and blocks",
	    "count and total together");
	is_str(tally("{count: [E]}"), "t.yaml:1:9: a single value",
	    "count: a list");
	is_str(tally("{blocks: yes}"), "t.yaml:1:10: 'blocks' is true (the "
	    "file's blocks), not 'yes'", "blocks: yes");
	is_str(tally("{count: X}"), "t.yaml:1:9: no record 'X' in the "
	    "layout", "count of an unknown record");
	is_str(tally("{count: EE}"), "t.yaml:1:9: no record 'EE' in the "
	    "layout", "count of EE (E is a record, EE none)");
	is_str(tally("{total: E}"), "t.yaml:1:9: 'total' is RECORD.FIELD",
	    "total without a field");
	is_str(tally("{total: X.amt}"), "t.yaml:1:9: no record 'X' in the "
	    "layout", "total of an unknown record");
	is_str(tally("{total: E.nope}"), "t.yaml:1:9: record 'E' has no "
	    "field 'nope'", "total of an unknown field");
	is_str(tally("{total: E.nm}"), "t.yaml:1:9: field 'nm' is not a "
	    "number to total", "total of a text field");
	is_str(tally("{total: E.amt, since: H}"), "status 0, not ERULES",
	    "total of a number since H");
	/* "{blocks: true, since: H}": 'H' at 23; "{blocks: true, where:
	 * ...}": '{' of where at 23. */
	is_str(tally("{blocks: true, since: H}"), "t.yaml:1:23: 'since' is "
	    "a record, of a count or a total", "blocks since");
	is_str(tally("{count: E, since: [H]}"), "t.yaml:1:19: 'since' is "
	    "a record, of a count or a total", "since: a list");
	is_str(tally("{count: E, since: Z}"), "t.yaml:1:19: no record 'Z' "
	    "in the layout", "since an unknown record");
	is_str(tally("{blocks: true, where: {code: ['22']}}"),
	    "t.yaml:1:23: 'where' goes with a count or a total",
	    "blocks where");
	is_str(tally("{count: E, where: [x]}"), "t.yaml:1:19: 'where' is "
	    "{FIELD: [VALUE, ...]}", "where: a list");
	is_str(tally("{count: E, where: {code: '22'}}"), "t.yaml:1:19: "
	    "'where' is {FIELD: [VALUE, ...]}", "where: a value, no list");
	is_str(tally("{count: E, where: {code: ['22'], amt: ['1']}}"),
	    "t.yaml:1:19: 'where' is {FIELD: [VALUE, ...]}",
	    "where: two fields");
	is_str(tally("{count: E, where: {nope: ['22']}}"), "t.yaml:1:20: "
	    "record 'E' has no field 'nope'", "where: an unknown field");
}

/* A record E: code, amt, nm placed into rec (10 characters). */
static const char *
erec(const char *code, const char *amt, const char *nm)
{
	static char r[11];

	memset(r, ' ', 10);
	r[10] = '\0';
	r[0] = 'E';
	memcpy(r + 1, code, 2);
	memcpy(r + 3, amt, 4);
	memcpy(r + 7, nm, 3);
	return r;
}

static void
test_tally_write(void)
{
	struct payroll_fixed o;
	struct payroll_diag d;
	char buf[64], mem[8];
	long k[3];
	FILE *ro;

	fixed_setup(&o);
	/* where on a text field: the value matches with blanks around it
	 * left out, not a part of it. */
	payroll_fixed_tally(&o, yaml("{count: E, where: {nm: [AB]}}"), &k[0],
	    &d);
	payroll_fixed_tally(&o, yaml("{total: E.amt, where: {nm: [A]}}"),
	    &k[1], &d);
	payroll_fixed_tally(&o, yaml("{total: E.amt}"), &k[2], &d);
	payroll_fixed_write(&o, "E", erec("22", "0012", "AB "), NULL, NULL,
	    0);
	payroll_fixed_write(&o, "E", erec("22", "0100", " AB"), NULL, NULL,
	    0);
	payroll_fixed_write(&o, "E", erec("22", "  30", "ABC"), NULL, NULL,
	    0);
	payroll_fixed_write(&o, "E", erec("22", "1000", " A "), NULL, NULL,
	    0);
	/* Counted: 'AB ', ' AB' (not 'ABC', ' A ').  A's total: 1000 only.
	 * All: 12 + 100 + 30 (blanks are no digits) + 1000 = 1142. */
	is_str(payroll_fixed_tally_text(&o, (size_t)k[0], buf, sizeof(buf)),
	    "2", "where: 'AB ' and ' AB' match AB, 'ABC' does not");
	is_str(payroll_fixed_tally_text(&o, (size_t)k[1], buf, sizeof(buf)),
	    "1000", "where: ' A ' matches A, 'AB ' does not");
	is_str(payroll_fixed_tally_text(&o, (size_t)k[2], buf, sizeof(buf)),
	    "1142", "a total over blank-padded numbers");
	/* A buffer of 3: the rightmost two digits. */
	is_str(payroll_fixed_tally_text(&o, (size_t)k[2], buf, 3), "42",
	    "a tally text cut to its buffer keeps the right");
	ok(payroll_fixed_write(&o, "E", erec("22", "12x4", "AB "), NULL,
	    NULL, 0) == PAYROLL_ERANGE, "a letter in a totalled field: "
	    "ERANGE");
	ok(o.written == 4, "the refused record is not counted as written "
	    "(%lu)", o.written);
	/* A count (no field) goes up by one; a count has no length. */
	ok(payroll_fixed_write(&o, "H", "H         ", NULL, NULL, 0) ==
	    PAYROLL_OK && o.written == 5, "a record with no tallies");
	/* A write that fails: EIO. */
	ro = fmemopen(mem, sizeof(mem), "r");
	o.fp = ro;
	ok(payroll_fixed_write(&o, "H", "H         ", NULL, NULL, 0) ==
	    PAYROLL_EIO, "a write that fails: EIO");
	fclose(ro);
	o.fp = NULL;
	payroll_fixed_free(&o);
}

/* A total past 2^120 (about 1.33e36): two records of 36 nines. */
static void
test_tally_limit(void)
{
	struct payroll_fixed o = { 0 };
	struct payroll_field f, *fp = &f;
	struct payroll_diag d;
	char r[37];
	long k;

	payroll_field_compile(&f, yaml("{name: v, pos: 1, len: 36, type: "
	    "N}"), &bank, NULL, &d);
	o.reclen = 36;
	o.eol = "\n";
	payroll_fixed_record(&o, "V", &fp, 1);
	payroll_fixed_tally(&o, yaml("{total: V.v}"), &k, &d);
	memset(r, '9', 36);
	r[36] = '\0';
	/* 10^36 - 1 < 2^120; twice that is not. */
	ok(payroll_fixed_write(&o, "V", r, NULL, NULL, 0) == PAYROLL_OK,
	    "a total of 10^36 - 1 fits");
	ok(payroll_fixed_write(&o, "V", r, NULL, NULL, 0) == PAYROLL_ERANGE,
	    "a total of 2 * (10^36 - 1) is past 2^120: ERANGE");
	payroll_fixed_free(&o);
}

/* A money field's running total (payroll_field.total) past 38 digits:
 * 999...9.99 (36 nines, 2 places: 38 digits) twice is 39 digits. */
static void
test_money_total(void)
{
	struct payroll_fixed o = { 0 };
	struct payroll_field f, *fp = &f;
	struct payroll_dec a[1];
	struct payroll_diag d;
	const char *big = "999999999999999999999999999999999999.99";
	char out[64];

	payroll_field_compile(&f, yaml("{name: m, pos: 1, len: 4, type: "
	    "money}"), &bank, NULL, &d);
	o.reclen = 4;
	o.eol = "\n";
	payroll_dec_parse("12.34", 5, &a[0]);
	ok(payroll_fixed_write(&o, NULL, "1234", &fp, a, 1) == PAYROLL_OK &&
	    payroll_fixed_write(&o, NULL, "1234", &fp, a, 1) == PAYROLL_OK,
	    "two amounts of 12.34 written");
	payroll_dec_format(f.total, -1, out, sizeof(out));
	is_str(out, "24.68", "the field's total: 24.68");
	payroll_dec_parse(big, strlen(big), &a[0]);
	f.total = payroll_dec_make(0, 2);
	ok(payroll_fixed_write(&o, NULL, "9999", &fp, a, 1) == PAYROLL_OK,
	    "a total of 38 digits");
	ok(payroll_fixed_write(&o, NULL, "9999", &fp, a, 1) ==
	    PAYROLL_ERANGE && o.written == 3, "a total of 39 digits: "
	    "ERANGE, the record not written");
}

static void
test_text(void)
{
	static const char *cs = "{code: \"A-Z0-9\"}";
	struct payroll_field f;
	struct payroll_diag d;
	char out[8], why[80];

	payroll_field_compile(&f, yaml("{name: c, pos: 1, len: 6, charset: "
	    "code, other: drop}"), &bank, yaml(cs), &d);
	f.upper = 1;
	ok(payroll_field_text(&f, NULL, "ab-c d", NULL, out, sizeof(out),
	    why, sizeof(why)) == 0 && strcmp(out, "ABCD") == 0,
	    "other: drop: '-' and the blank dropped (%s)", out);
	payroll_field_free(&f);
	payroll_field_compile(&f, yaml("{name: c}"), &(struct
	    payroll_field_defaults){ 0, 0, PAYROLL_OV_ERROR, 0, 0 }, NULL,
	    &d);
	/* A buffer of 4 holds 3 characters and the NUL. */
	ok(payroll_field_text(&f, NULL, "ABC", NULL, out, 4, why,
	    sizeof(why)) == 0 && strcmp(out, "ABC") == 0,
	    "three characters fit a buffer of 4");
	ok(payroll_field_text(&f, NULL, "ABCD", "shown", out, 4, why,
	    sizeof(why)) == -1 && strcmp(why, "'shown' is too long") == 0,
	    "four do not, said with the shown text (%s)", why);
	ok(payroll_field_text(&f, NULL, "A", NULL, out, 0, why,
	    sizeof(why)) == -1, "a buffer of 0: refused");
}

/* A field (bank defaults: no case change, blanks kept, no blank for an
 * empty number) given text, placed: the record's columns, or ERROR why. */
static const char *
put1(const char *spec, const char *text)
{
	static char rec[256];
	struct payroll_field f;
	struct payroll_diag d;
	char out[64], why[160];

	memset(rec, '.', sizeof(rec));
	if (payroll_field_compile(&f, yaml(spec), &bank, NULL, &d) !=
	    PAYROLL_OK)
		return "BAD SPEC";
	if (payroll_field_text(&f, NULL, text, NULL, out, sizeof(out), why,
	    sizeof(why)) != 0)
		snprintf(rec, sizeof(rec), "ERROR %s", why);
	else {
		payroll_field_place(&f, rec, out);
		rec[f.pos - 1 + f.len] = '\0';
	}
	payroll_field_free(&f);
	return rec;
}

static void
test_pins(void)
{
	static const struct { const char *in, *out; } cs[] = {
		{ "A-C", "ABC" },		/* a range, both ends in */
		{ "A-CB", "ABC" },		/* B twice: once */
		{ "0-2x-z", "012xyz" },
		{ "a-", "a-" },			/* no range: literal */
		{ "-a", "-a" },
		{ "+-/", "+-/" },		/* '+' is no letter or digit */
		{ "A-A", "A" },
	};
	struct payroll_field f;
	struct payroll_diag d;
	struct payroll_fixed o = { 0 };
	char *text = NULL, rec[4], out[8];
	size_t tlen = 0, i;
	FILE *fp;

	for (i = 0; i < sizeof(cs) / sizeof(cs[0]); i++) {
		char *t = payroll_charset_expand(cs[i].in);

		is_str(t, cs[i].out, "charset '%s'", cs[i].in);
		free(t);
	}
	/* Control characters and DEL are refused with no charset; blank
	 * and '~' (0x20, 0x7e) are printable ASCII. */
	is_str(put1("{name: x, pos: 1, len: 4}", "a\x7f"), "ERROR character "
	    "'?' in 'a\x7f' is not allowed in this field", "DEL refused");
	is_str(put1("{name: x, pos: 1, len: 4}", "a\x1f"), "ERROR character "
	    "'?' in 'a\x1f' is not allowed in this field", "0x1f refused");
	is_str(put1("{name: x, pos: 1, len: 4}", " ~"), " ~  ",
	    "blank and ~ kept");
	is_str(put1("{name: x, pos: 1, len: 4, type: N}", "1 2"),
	    "ERROR '1 2' is not a number", "numeric: a blank refused");
	/* slice [8, 3] of 8 characters: the last one; [9, 3]: nothing. */
	is_str(put1("{name: s, pos: 1, len: 3, slice: [8, 3]}", "ABCDEFGH"),
	    "H  ", "slice from the last character");
	is_str(put1("{name: s, pos: 1, len: 3, slice: [9, 3]}", "ABCDEFGH"),
	    "   ", "slice past the end: empty");
	is_str(put1("{name: n, pos: 1, len: 10, type: N}", "1234567890"),
	    "1234567890", "numeric: exactly its length");
	is_str(put1("{name: u, pos: 1, len: 3, upper: true}", "ab"), "AB ",
	    "upper: true");
	is_str(put1("{name: u, pos: 1, len: 3, upper: false}", "ab"), "ab ",
	    "upper: false");
	/* Placing text longer than the field keeps its first len bytes. */
	payroll_field_compile(&f, yaml("{name: p, pos: 2, len: 2}"), &bank,
	    NULL, &d);
	memcpy(rec, "....", 4);
	payroll_field_place(&f, rec, "ABCDEF");
	ok(memcmp(rec, ".AB.", 4) == 0, "placed text is cut to the field");
	/* Money: 99.99 is 9999, exactly 4 digits. */
	payroll_field_compile(&f, yaml("{name: m, pos: 1, len: 4, type: "
	    "money}"), &bank, NULL, &d);
	{
		struct payroll_dec v;
		char why[80];

		payroll_dec_parse("99.99", 5, &v);
		ok(payroll_field_amount(&f, v, out, sizeof(out), why,
		    sizeof(why)) == 0 && strcmp(out, "9999") == 0,
		    "money 99.99 fills 4 digits exactly");
	}
	/* XML: DEL, C1 U+009F are '?'; LF, CR and U+00A0 are kept, and a
	 * lone 0xC2 at the end is copied. */
	fp = open_memstream(&text, &tlen);
	payroll_xml_escape(fp, "\x7f|\n|\r|\xc2\x9f|\xc2\xa0|\xc2", 13, 0);
	fclose(fp);
	ok(tlen == 12 && memcmp(text, "?|\n|\r|?|\xc2\xa0|\xc2", 12) == 0,
	    "XML: DEL and U+009F '?', LF CR U+00A0 kept");
	free(text);
	/* Blocking: 2 records of a block of 2 need no filler; 3 need one;
	 * no blocking needs none. */
	o.reclen = 1;
	o.eol = "";
	o.filler = '9';
	o.blocking = 2;
	o.fp = fp = open_memstream(&text, &tlen);
	payroll_fixed_write(&o, NULL, "a", NULL, NULL, 0);
	payroll_fixed_write(&o, NULL, "b", NULL, NULL, 0);
	payroll_fixed_finish(&o);
	fflush(fp);
	ok(tlen == 2 && o.written == 2, "a full block: no filler");
	payroll_fixed_write(&o, NULL, "c", NULL, NULL, 0);
	payroll_fixed_finish(&o);
	fflush(fp);
	ok(tlen == 4 && memcmp(text, "abc9", 4) == 0, "3 records: one "
	    "filler");
	o.blocking = 0;
	payroll_fixed_write(&o, NULL, "d", NULL, NULL, 0);
	ok(payroll_fixed_finish(&o) == PAYROLL_OK && o.written == 5,
	    "no blocking: no filler");
	fclose(fp);
	free(text);
}

/* ------------------------------------------------------------------ */
/* XML layouts                                                        */
/* ------------------------------------------------------------------ */

static const char *const xdata[] = { "ver", "amt", NULL };

static const char *
xl(const char *text)
{
	struct payroll_xml x;
	struct payroll_diag d;
	int st;

	memset(&x, 0, sizeof(x));
	x.scratch = tmpfile;
	st = payroll_xml_load(&x, yaml(text), xdata, &d);
	payroll_xml_free(&x);
	return where(st, &d);
}

/* The child's keys on line 3, after "  - " (columns 5 on). */
#define XH "element: D\nchildren:\n  - element: X\n"

static void
test_xml(void)
{
	/* Line 4 "    KEY: VALUE": the value at 4 + strlen("KEY: ") + 1. */
	is_str(xl(XH "    data: [x]\n"),
	    "t.yaml:4:11: a data name must be a single value", "data: a list");
	is_str(xl(XH "    data: nope\n"), "t.yaml:4:11: unknown data 'nope'",
	    "data: unknown");
	is_str(xl(XH "    attrs: [x]\n"), "t.yaml:4:12: 'attrs' is {NAME: "
	    "VALUE or {data: NAME}}", "attrs: a list");
	/* "    attrs: {a: {dat: ver}}": the inner '{' at 16. */
	is_str(xl(XH "    attrs: {a: {dat: ver}}\n"), "t.yaml:4:16: an "
	    "attribute is a constant or {data: NAME}", "an attribute with "
	    "an unknown key");
	is_str(xl(XH "    attrs: {a: {}}\n"), "t.yaml:4:16: an "
	    "attribute is a constant or {data: NAME}", "an attribute {}");
	/* "    attrs: {a: {data: nope}}": 'nope' at 23. */
	is_str(xl(XH "    attrs: {a: {data: nope}}\n"), "t.yaml:4:23: "
	    "unknown data 'nope'", "an attribute of unknown data");
	is_str(xl(XH "    attrs: {a: {data: ver}, b: c}\n"),
	    "status 0, not ERULES", "attributes of data and a constant");
	is_str(xl(XH "    when: {ver: x, amt: y}\n"), "t.yaml:4:11: 'when' "
	    "is NAME or {NAME: VALUE}", "when: two pairs");
	is_str(xl(XH "    when: {ver: [x]}\n"), "t.yaml:4:11: 'when' "
	    "is NAME or {NAME: VALUE}", "when: a list value");
	/* "    when: {nope: x}": 'nope' at 12. */
	is_str(xl(XH "    when: {nope: x}\n"), "t.yaml:4:12: unknown data "
	    "'nope'", "when: {unknown: x}");
	is_str(xl(XH "    when: nope\n"), "t.yaml:4:11: unknown data "
	    "'nope'", "when: unknown");
	is_str(xl(XH "    unless: nope\n"), "t.yaml:4:13: unknown data "
	    "'nope'", "unless: unknown");
	is_str(xl(XH "    value: a\n    data: ver\n"), "t.yaml:3:5: an "
	    "element has one of value, data, count and total",
	    "value and data");
	is_str(xl(XH "    count: [x]\n"), "t.yaml:4:12: count must be a "
	    "single value", "count: a list");
	is_str(xl(XH "    children: x\n"), "t.yaml:4:15: 'children' is a "
	    "list of elements", "children: a scalar");
	/* "    children: [{element: Y}]": '[' at 15. */
	is_str(xl(XH "    value: a\n    children: [{element: Y}]\n"),
	    "t.yaml:5:15: an element with a value has no children",
	    "a value and children");
	is_str(xl("element: D\nchildren:\n  - x\n"), "t.yaml:3:5: an "
	    "element is a mapping {element: NAME, ...}",
	    "a child that is a scalar");
	is_str(xl("element: D\nchildren:\n  - value: x\n"), "t.yaml:3:5: "
	    "an element needs 'element' (its name, or {data: NAME})",
	    "a child without element");
	is_str(xl("element: D\nchildren:\n  - element: {data: nope}\n"),
	    "t.yaml:3:14: 'element' is a name or {data: NAME}",
	    "element: {data: unknown}");
	is_str(xl("element: D\nchildren:\n  - element: {name: ver}\n"),
	    "t.yaml:3:14: 'element' is a name or {data: NAME}",
	    "element: {name: x}");
	is_str(xl("element: [D]\n"), "t.yaml:1:10: element must be a single "
	    "value", "element: a list");
	is_str(xl(XH "    colour: red\n"), "t.yaml:4:5: unknown key "
	    "'colour' in an element", "an unknown key");
	is_str(xl(XH "    each: [x]\n"), "t.yaml:4:11: each must be a "
	    "single value", "each: a list");
	/* "  - {element: Y, each: g}": '{' 5, 'each' 18-21, 'g' 24;
	 * "    children: [{element: N, count: g}]": '[' 15, 'g' 36;
	 * "  - {element: S, total: g.Nope}": 'g.Nope' at 25. */
	is_str(xl("element: D\nchildren:\n  - {element: X, each: g}\n"
	    "  - {element: Y, each: g}\n"), "t.yaml:4:24: a second group "
	    "'g'", "a second group of the same name");
	/* A count inside the group it counts. */
	is_str(xl("element: D\nchildren:\n  - element: X\n    each: g\n"
	    "    children: [{element: N, count: g}]\n"),
	    "t.yaml:5:36: a group counts its own instances only from "
	    "outside", "a group counting itself");
	is_str(xl("element: D\nchildren:\n  - {element: S, total: g.Nope}\n"
	    "  - element: X\n    each: g\n"
	    "    children: [{element: A, data: amt}]\n"),
	    "t.yaml:3:25: group 'g' has no element 'Nope' with a value",
	    "a total of an element the group lacks");
	is_str(xl("element: D\nchildren:\n  - {element: S, total: g.A}\n"
	    "  - element: X\n    each: g\n"
	    "    children: [{element: A, data: amt}]\n"),
	    "status 0, not ERULES", "a total of the group's element");
}

/* Writing: when {NAME: VALUE}, an empty element, an attribute left out
 * when its value is empty, a total of an element inside a plain child
 * of the group (not the group's own child). */
static const char *
kv(void *arg, const char *name)
{
	const char *const *v = arg;

	for (; v[0] != NULL; v += 2)
		if (strcmp(v[0], name) == 0)
			return v[1];
	return "";
}

static void
test_xml_write(void)
{
	static const char *const data[] = { "ver", "empty", "amt", NULL };
	const char *v1[] = { "ver", "2", "empty", "", "amt", "1.50", NULL };
	const char *v2[] = { "ver", "2", "empty", "", "amt", "2.25", NULL };
	struct payroll_xml x;
	struct payroll_diag d;
	char *text = NULL;
	size_t tlen = 0;
	FILE *fp;

	memset(&x, 0, sizeof(x));
	x.scratch = tmpfile;
	payroll_diag_clear(&d);
	ok(payroll_xml_load(&x, yaml(
	    "element: Doc\n"
	    "attrs: {a: {data: ver}, b: {data: empty}, c: K}\n"
	    "children:\n"
	    "  - {element: V2, when: {ver: '2'}, value: two}\n"
	    "  - {element: V3, when: {ver: '3'}, value: three}\n"
	    "  - {element: E}\n"
	    "  - {element: T, total: pay.Amt}\n"
	    "  - element: P\n"
	    "    each: pay\n"
	    "    children:\n"
	    "      - element: W\n"
	    "        children: [{element: Amt, data: amt}]\n"), data, &d) ==
	    PAYROLL_OK, "the layout loads (%s)", d.msg);
	payroll_xml_group(&x, "pay", kv, v1);
	payroll_xml_group(&x, "pay", kv, v2);
	fp = open_memstream(&text, &tlen);
	ok(payroll_xml_finish(&x, fp, kv, v2) == PAYROLL_OK, "written");
	fclose(fp);
	/* Indent: two blanks a level (Doc 0, P 1, W 2, Amt 3); T is
	 * 1.50 + 2.25. */
	is_str(text,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Doc a=\"2\" c=\"K\">\n"
	    "  <V2>two</V2>\n"
	    "  <E/>\n"
	    "  <T>3.75</T>\n"
	    "  <P>\n    <W>\n      <Amt>1.50</Amt>\n    </W>\n  </P>\n"
	    "  <P>\n    <W>\n      <Amt>2.25</Amt>\n    </W>\n  </P>\n"
	    "</Doc>\n", "when {ver: '2'}, an empty element, an empty "
	    "attribute left out, a total through a plain child");
	free(text);
	payroll_xml_free(&x);
}

int
main(void)
{
	test_field();
	test_translit();
	test_record();
	test_tally_load();
	test_tally_write();
	test_tally_limit();
	test_money_total();
	test_text();
	test_pins();
	test_xml();
	test_xml_write();
	yamltext_free();
	return tap_done();
}
