/*
 * t_layout.c: the layout engine (libpayroll/layout.c, xmlout.c): a
 * field's shaping and padding, amounts, fixed-width records with their
 * counts, totals and blocking, XML escaping, XML documents with groups.
 * Expected values are worked by hand from the rules the layouts
 * transcribe (shared/reference/formats.md, section 4: NACHA fields,
 * entry hash, blocking), never taken from the engine's output.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "payroll.h"
#include "tap.h"
#include "yamltext.h"

/* Every tree loaded, freed at the end. */

/* A field compiled from YAML text with the given defaults (the last
 * one's charsets freed first). */
static int
field(struct payroll_field *f, const char *text,
    const struct payroll_field_defaults *def, const char *charsets)
{
	struct payroll_node *y = yaml(text), *cs = NULL;
	struct payroll_diag diag;

	payroll_field_free(f);
	if (charsets != NULL)
		cs = yaml(charsets);
	return payroll_field_compile(f, y, def, cs, &diag);
}

static const struct payroll_field_defaults bank = { 1, 0,
	PAYROLL_OV_ERROR, 0, 0 };
static const struct payroll_field_defaults filing = { 1, 1,
	PAYROLL_OV_TRUNCATE, 1, 1 };
static const struct payroll_field_defaults xml = { 0, 0,
	PAYROLL_OV_TRUNCATE, 1, 1 };

/* text shaped for f and padded into a record of f's end. */
static const char *
placed(const struct payroll_field *f, const struct payroll_translit *tl,
    const char *text)
{
	static char rec[256];
	char out[256], why[200];

	memset(rec, '.', sizeof(rec));
	if (payroll_field_text(f, tl, text, NULL, out, sizeof(out), why,
	    sizeof(why)) != 0) {
		snprintf(rec, sizeof(rec), "ERROR %s", why);
		return rec;
	}
	payroll_field_place(f, rec, out);
	rec[f->pos - 1 + f->len] = '\0';
	return rec + f->pos - 1;
}

static void
test_padding(void)
{
	struct payroll_field f = { 0 };

	/* NACHA: N right-justified and zero-filled, A left-justified and
	 * blank-filled (formats.md 4.1). */
	field(&f, "{pos: 30, len: 10, name: Amount, type: N}", &bank, NULL);
	is_str(placed(&f, NULL, "123456"), "0000123456",
	    "numeric: right-justified, zero-filled");
	is_str(placed(&f, NULL, ""), "0000000000",
	    "numeric, empty, in a bank file: all zeros");
	ok(strncmp(placed(&f, NULL, "12a"), "ERROR", 5) == 0,
	    "numeric: a letter is refused");
	is_str(placed(&f, NULL, "12345678901"),
	    "ERROR '12345678901' is longer than its 10 characters",
	    "numeric: too long is an error by default");
	field(&f, "{pos: 1, len: 22, name: Individual name, overflow: "
	    "truncate}", &bank, NULL);
	is_str(placed(&f, NULL, "JANE Q PUBLIC-EXAMPLE-LONGNAME"),
	    "JANE Q PUBLIC-EXAMPLE-", "alpha: truncated to 22");
	is_str(placed(&f, NULL, "JO"), "JO                    ",
	    "alpha: left-justified, blank-filled");
	/* The entry hash: the rightmost 10 digits of the sum. */
	field(&f, "{pos: 11, len: 10, name: Entry hash, type: N, overflow: "
	    "keep_right}", &bank, NULL);
	is_str(placed(&f, NULL, "12345678901"), "2345678901",
	    "keep_right keeps the rightmost digits");
	field(&f, "{pos: 1, len: 10, name: Immediate destination, align: "
	    "right, fill: ' '}", &bank, NULL);
	is_str(placed(&f, NULL, "076401251"), " 076401251",
	    "align right with a blank fill (immediate destination)");
	/* A filing's number with no value (a ZIP code extension) is left
	 * blank; its names are cut. */
	field(&f, "{pos: 1, len: 4, name: zip_ext, type: numeric}", &filing,
	    NULL);
	is_str(placed(&f, NULL, ""), "    ", "filing: an empty number "
	    "stays blank");
	is_str(placed(&f, NULL, "12"), "0012", "filing: a number is "
	    "zero-filled");
	ok(field(&f, "{pos: 1, len: 4, name: x, type: cents}", &bank, NULL) ==
	    PAYROLL_ERULES, "an unknown type is refused");
	/* Every type name docs/layouts.md lists loads, the first of the
	 * list too; alpha is A: left-justified, blank-filled, letters kept. */
	{
		static const char *const names[] = { "alpha", "numeric",
		    "money", "digits", "decimal", "integer", "date", "A", "N" };
		char y[80];
		size_t i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			snprintf(y, sizeof(y), "{pos: 1, len: 6, name: x, "
			    "type: %s}", names[i]);
			ok(field(&f, y, &bank, NULL) == PAYROLL_OK,
			    "the type '%s' loads", names[i]);
		}
	}
	field(&f, "{pos: 1, len: 6, name: x, type: alpha}", &bank, NULL);
	is_str(placed(&f, NULL, "JO"), "JO    ", "type alpha: left-justified, "
	    "blank-filled");
	is_str(placed(&f, NULL, "AB12"), "AB12  ", "type alpha: letters and "
	    "digits kept");
	/* The first word of each list, given explicitly, is the default
	 * (docs/layouts.md): align left, overflow error, other error. */
	ok(field(&f, "{pos: 1, len: 4, name: x, align: left, overflow: error, "
	    "other: error}", &bank, NULL) == PAYROLL_OK, "align: left, "
	    "overflow: error and other: error load");
	is_str(placed(&f, NULL, "AB"), "AB  ", "align: left: blank-filled "
	    "on the right");
	is_str(placed(&f, NULL, "ABCDE"), "ERROR 'ABCDE' is longer than its 4 "
	    "characters", "overflow: error: too long is an error");
	ok(field(&f, "{pos: 1, name: x}", &bank, NULL) == PAYROLL_ERULES,
	    "a fixed field needs len");
	ok(field(&f, "{pos: 1, len: 2, name: x, value: ABC}", &bank, NULL) ==
	    PAYROLL_ERULES, "a constant longer than its field is refused");
}

static void
test_shaping(void)
{
	static const char *cs = "{name: {allow: \"A-Z -'\", drop: \".,\"}, "
	    "code: \"A-Z0-9\"}";
	struct payroll_translit tl = { 0, NULL, NULL, 1, NULL };
	struct payroll_translit table;
	struct payroll_node *t;
	struct payroll_diag diag;
	struct payroll_field f = { 0 };

	field(&f, "{pos: 1, len: 20, name: last, charset: name}", &filing,
	    cs);
	is_str(placed(&f, &tl, "st. john"), "ST JOHN             ",
	    "upper case, the full stop dropped");
	is_str(placed(&f, &tl, "  o'neill   smith "),
	    "O'NEILL SMITH       ", "blanks collapsed, the apostrophe kept");
	is_str(placed(&f, &tl, "Müller-Lüdenscheidt"),
	    "MULLER-LUDENSCHEIDT ", "iconv transliterates u-umlaut to u");
	ok(strstr(placed(&f, &tl, "Smith#"), "character '#' in 'Smith#' is "
	    "not allowed") != NULL, "a character outside the set is named");
	ok(strstr(placed(&f, &tl, "\xe6\x9d\x8e"), "(U+674E)") != NULL,
	    "a character with no transliteration names its code point");
	ok(strstr(placed(&f, &tl, "a\xff"), "invalid UTF-8 at byte 2") !=
	    NULL, "invalid UTF-8 is refused");
	field(&f, "{pos: 1, len: 6, name: c, charset: code, other: space}",
	    &filing, cs);
	is_str(placed(&f, &tl, "ab-c"), "AB C  ", "other: space");
	field(&f, "{pos: 1, len: 9, name: ssn, type: digits}", &filing, cs);
	is_str(placed(&f, &tl, "123-45 6789"), "123456789",
	    "digits: '-' and blanks dropped");
	field(&f, "{pos: 1, len: 3, name: s, slice: [4, 3]}", &filing, cs);
	is_str(placed(&f, &tl, "ABCDEFGH"), "DEF", "slice [4, 3]");
	field(&f, "{pos: 1, len: 10, name: d, type: date}", &filing, cs);
	ok(strstr(placed(&f, &tl, "2026-02-30"), "not a date") != NULL,
	    "a date that does not exist is refused");
	/* A bank format's table comes before iconv, and a table without
	 * iconv refuses what it does not map. */
	t = yaml("{\"\xc3\xa4\": ae, \"\xc3\x9f\": ss}");
	ok(payroll_translit_load(&table, t, &diag) == PAYROLL_OK,
	    "a transliteration table loads");
	field(&f, "{pos: 1, len: 12, name: n}", &bank, NULL);
	f.charset = payroll_charset_expand("a-zA-Z ");
	f.collapse = 1;
	is_str(placed(&f, &table, "Stra\xc3\x9f" "e B\xc3\xa4r"),
	    "Strasse Baer", "the table: sharp s ss, a-umlaut ae");
	ok(strstr(placed(&f, &table, "\xc3\xa9t\xc3\xa9"), "no "
	    "transliteration") != NULL, "not in the table, no iconv: "
	    "refused");
	table.iconv = 1;
	is_str(placed(&f, &table, "\xc3\xa9t\xc3\xa9"), "ete         ",
	    "not in the table, iconv: e-acute e");
	payroll_translit_free(&table);
	payroll_translit_free(&tl);
	free((void *)f.charset);
	f.charset = NULL;
}

static const char *
amount(const char *spec, const char *v)
{
	static char out[64];
	char why[48];
	struct payroll_field f = { 0 };
	struct payroll_dec d;

	if (field(&f, spec, strstr(spec, "pos:") != NULL ? &filing : &xml,
	    NULL) != PAYROLL_OK)
		return "BAD SPEC";
	payroll_dec_parse(v, strlen(v), &d);
	if (payroll_field_amount(&f, d, out, sizeof(out), why, sizeof(why)) !=
	    0)
		snprintf(out, sizeof(out), "ERROR %s", why);
	return out;
}

static void
test_amounts(void)
{
	/* EFW2 money fields: cents, right-justified, zero-filled, no sign
	 * (the padding is payroll_field_place's). */
	is_str(amount("{pos: 1, len: 11, name: w, type: money}", "1234.5"),
	    "123450", "money: minor units");
	is_str(amount("{pos: 1, len: 11, name: w, type: money}", "-5"),
	    "ERROR negative amount -5.00: the format has no sign",
	    "money: a negative amount is refused");
	is_str(amount("{pos: 1, len: 4, name: w, type: money}", "100.00"),
	    "ERROR amount 100.00 does not fit in 4 digits",
	    "money: too many digits");
	is_str(amount("{pos: 1, len: 11, name: w, type: money}", "1.005"),
	    "ERROR '1.005': more than 2 decimal places",
	    "money: a third place is refused, not rounded");
	is_str(amount("{name: w, type: decimal}", "-12.3"), "-12.30",
	    "decimal, free length: the point and two places, with a sign");
	is_str(amount("{name: w, type: integer}", "42"), "42", "integer");
	is_str(amount("{name: w, type: integer}", "4.5"),
	    "ERROR '4.5' is not a whole number", "integer: 4.5 refused");
}

/* A small NACHA-like file: tallies since a batch, where, blocks. */
static void
test_tallies(void)
{
	static const char *lay =
	    "records:\n"
	    "  H: [{pos: 1, len: 1, name: t, value: '5'}]\n"
	    "  E:\n"
	    "    - {pos: 1, len: 1, name: t, value: '6'}\n"
	    "    - {pos: 2, len: 2, name: code, type: N}\n"
	    "    - {pos: 4, len: 8, name: rdfi, type: N}\n"
	    "    - {pos: 12, len: 4, name: amount, type: N}\n"
	    "  C:\n"
	    "    - {pos: 1, len: 1, name: t, value: '8'}\n"
	    "    - {pos: 2, len: 2, name: n, type: N, count: E, since: H}\n"
	    "    - {pos: 4, len: 8, name: hash, type: N, total: E.rdfi, "
	    "since: H, overflow: keep_right}\n"
	    "    - {pos: 12, len: 4, name: cr, type: N, total: E.amount, "
	    "since: H, where: {code: ['22', '32']}}\n"
	    "  F:\n"
	    "    - {pos: 1, len: 1, name: t, value: '9'}\n"
	    "    - {pos: 2, len: 2, name: b, type: N, blocks: true}\n"
	    "    - {pos: 4, len: 8, name: hash, type: N, total: E.rdfi, "
	    "overflow: keep_right}\n"
	    "    - {pos: 12, len: 4, name: dr, type: N, total: E.amount, "
	    "where: {code: ['27']}}\n";
	static const char *ids[] = { "H", "E", "C", "F" };
	struct payroll_node *root = yaml(lay), *recs;
	struct payroll_field *fs[4][4], fl[4][4];
	long tk[4][4];
	struct payroll_fixed o = { 0 };
	struct payroll_diag diag;
	char buf[64], rec[32], out[32], why[128];
	size_t r, i, n[4];
	char *text = NULL;
	size_t tlen = 0;
	int bad = 0;

	o.reclen = 15;
	o.eol = "\n";
	o.blocking = 10;
	o.filler = '9';
	o.fp = open_memstream(&text, &tlen);
	recs = (struct payroll_node *)payroll_conf_get(root, "records");
	for (r = 0; r < 4; r++) {
		const struct payroll_node *seq = payroll_conf_get(recs, ids[r]);

		n[r] = payroll_conf_len(seq);
		for (i = 0; i < n[r]; i++) {
			bad |= payroll_field_compile(&fl[r][i],
			    payroll_conf_item(seq, i), &bank, NULL, &diag);
			fs[r][i] = &fl[r][i];
		}
		payroll_fixed_record(&o, ids[r], fs[r], n[r]);
	}
	for (r = 0; r < 4; r++)
		for (i = 0; i < n[r]; i++)
			bad |= payroll_fixed_tally(&o, fl[r][i].node,
			    &tk[r][i], &diag);
	ok(!bad, "the layout's counts and totals compile");
	ok(tk[2][1] >= 0 && tk[1][1] < 0, "a field with count has a "
	    "tally, a data field none");

	/* Two batches: H E E C, H E C; F. */
#define PUT(R, ...) do { \
	const char *v_[] = { __VA_ARGS__ }; \
	memset(rec, ' ', 15); rec[15] = '\0'; \
	for (i = 0; i < n[R]; i++) { \
		const char *s_ = fl[R][i].value != NULL ? fl[R][i].value : \
		    tk[R][i] >= 0 ? payroll_fixed_tally_text(&o, \
		    (size_t)tk[R][i], buf, sizeof(buf)) : v_[i]; \
		payroll_field_text(&fl[R][i], NULL, s_, NULL, out, \
		    sizeof(out), why, sizeof(why)); \
		payroll_field_place(&fl[R][i], rec, out); \
	} \
	payroll_fixed_write(&o, ids[R], rec, NULL, NULL, 0); \
} while (0)
	PUT(0, "");
	PUT(1, "", "22", "07640125", "1500");
	PUT(1, "", "32", "99999999", "0250");
	PUT(2, "");
	PUT(0, "");
	PUT(1, "", "27", "50000000", "0100");
	PUT(2, "");
	PUT(3, "");
	payroll_fixed_finish(&o);
	fclose(o.fp);
	/* Batch 1: 2 entries; hash 07640125 + 99999999 = 107640124, in 8
	 * digits 07640124; credits 1500 + 250 = 1750.  Batch 2: 1 entry,
	 * hash 50000000, its only entry a debit (27): credits 0.  File: 8
	 * records, 1 block; hash 157640124 -> 57640124; debits 0100. */
	ok(tlen == 10 * 16, "8 records and 2 filler records: one block of "
	    "ten (%zu bytes)", tlen);
	ok(strncmp(text + 3 * 16, "802076401241750", 15) == 0,
	    "batch 1 control: count 2, hash kept right, credits 1750");
	ok(strncmp(text + 6 * 16, "801500000000000", 15) == 0,
	    "batch 2 control: count 1, hash 50000000, no credit (a debit)");
	ok(strncmp(text + 7 * 16, "901576401240100", 15) == 0,
	    "file control: 1 block, hash 57640124, debits 100");
	ok(strncmp(text + 8 * 16, "999999999999999", 15) == 0 &&
	    strncmp(text + 9 * 16, "999999999999999", 15) == 0,
	    "the block is filled with 9s");
	o.written = 10;
	ok(payroll_fixed_blocks(&o, 1) == 2, "11 records with the file "
	    "control: 2 blocks");
	o.written = 9;
	ok(payroll_fixed_blocks(&o, 1) == 1, "10 records with the file "
	    "control: 1 block");
	free(text);
	payroll_fixed_free(&o);
}

static void
test_escape(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	payroll_xml_escape(fp, "a<b>&'\"", 7, 0);
	putc('|', fp);
	payroll_xml_escape(fp, "a<b>&'\"", 7, PAYROLL_XML_ATTR);
	putc('|', fp);
	payroll_xml_escape(fp, "x\x1by\xc2\x85z\t", 7, 0);
	fclose(fp);
	is_str(text, "a&lt;b&gt;&amp;'\"|a&lt;b&gt;&amp;&#39;&quot;|x?y?z\t",
	    "XML: text and attributes escaped, control characters '?'");
	free(text);
}

static FILE *
scratch(void)
{
	return tmpfile();
}

static const char *
xval(void *arg, const char *name)
{
	const char *const *v = arg;

	for (; v[0] != NULL; v += 2)
		if (strcmp(v[0], name) == 0)
			return v[1];
	return "";
}

static void
test_xml(void)
{
	static const char *lay =
	    "element: Doc\n"
	    "attrs: {v: {data: ver}}\n"
	    "children:\n"
	    "  - {element: N, count: pay}\n"
	    "  - {element: Sum, total: pay.Amt}\n"
	    "  - element: B\n"
	    "    each: batch\n"
	    "    children:\n"
	    "      - {element: Id, data: bid}\n"
	    "      - {element: N, count: pay}\n"
	    "      - {element: Agt, inline: true, when: bic, children: "
	    "[{element: {data: bicel}, data: bic}]}\n"
	    "      - {element: Agt, unless: bic, value: NONE}\n"
	    "      - element: P\n"
	    "        each: pay\n"
	    "        children: [{element: Amt, data: amt}]\n";
	static const char *data[] = { "ver", "bid", "bic", "bicel", "amt",
		NULL };
	const char *v1[] = { "ver", "9", "bid", "B1", "bic", "", "bicel",
		"BICFI", "amt", "1.10", NULL };
	const char *v2[] = { "ver", "9", "bid", "B2", "bic", "ABCDEFGH",
		"bicel", "BICFI", "amt", "2.25", NULL };
	struct payroll_node *root = yaml(lay);
	struct payroll_xml x = { 0 };
	struct payroll_diag diag;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	x.scratch = scratch;
	x.text_flags = 0;
	ok(payroll_xml_load(&x, root, data, &diag) == PAYROLL_OK,
	    "an XML layout loads");
	payroll_xml_group(&x, "pay", xval, v1);
	payroll_xml_group(&x, "pay", xval, v1);
	payroll_xml_group(&x, "batch", xval, v1);
	payroll_xml_group(&x, "pay", xval, v2);
	payroll_xml_group(&x, "batch", xval, v2);
	fp = open_memstream(&text, &len);
	payroll_xml_finish(&x, fp, xval, v2);
	fclose(fp);
	is_str(text,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Doc v=\"9\">\n"
	    "  <N>3</N>\n"
	    "  <Sum>4.45</Sum>\n"
	    "  <B>\n"
	    "    <Id>B1</Id>\n"
	    "    <N>2</N>\n"
	    "    <Agt>NONE</Agt>\n"
	    "    <P>\n      <Amt>1.10</Amt>\n    </P>\n"
	    "    <P>\n      <Amt>1.10</Amt>\n    </P>\n"
	    "  </B>\n"
	    "  <B>\n"
	    "    <Id>B2</Id>\n"
	    "    <N>1</N>\n"
	    "    <Agt><BICFI>ABCDEFGH</BICFI></Agt>\n"
	    "    <P>\n      <Amt>2.25</Amt>\n    </P>\n"
	    "  </B>\n"
	    "</Doc>\n",
	    "groups placed in order; counts and sums per batch and per "
	    "document; when/unless; a name from data; inline");
	free(text);
	payroll_xml_free(&x);
	ok(payroll_xml_load(&x, yaml("{element: D, children: [{element: "
	    "X, data: nope}]}"), data, &diag) == PAYROLL_ERULES &&
	    strstr(diag.msg, "unknown data 'nope'") != NULL,
	    "a data name the tool does not supply is refused at load");
	payroll_xml_free(&x);
	ok(payroll_xml_load(&x, yaml("{element: D, children: [{element: "
	    "X, count: none}]}"), data, &diag) == PAYROLL_ERULES,
	    "a count of a group that does not exist is refused");
	payroll_xml_free(&x);
}

int
main(void)
{
	/* iconv's transliteration follows LC_CTYPE, as in the tools. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "C.utf8") == NULL) {
		printf("Bail out! the locale C.UTF-8 cannot be set\n");
		return 1;
	}
	test_padding();
	test_shaping();
	test_amounts();
	test_tallies();
	test_escape();
	test_xml();
	yamltext_free();
	return tap_done();
}
