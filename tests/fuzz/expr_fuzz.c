/*
 * expr_fuzz.c: libFuzzer entry point for the expression compiler and
 * evaluator (libpayroll/expr.c, calc.c).  The input is one formula,
 * placed in a pack that declares an input, parameter, scale, table, item
 * and function of every kind for it to use; the first byte picks the
 * output's type.  The pack is written to a temporary file and loaded,
 * then one record is calculated.
 */
#define FUZZ_CALC_ONLY
#include "rules_fuzz.c"

static const char head[] =
    "pack: fuzz/expr\n"
    "inputs:\n"
    "  a: {type: money, required: true}\n"
    "  b: {type: decimal, default: 0}\n"
    "  n: {type: integer, default: 3}\n"
    "  s: {type: enum, values: [x, y, z], default: x}\n"
    "  d: {type: date, default: 2026-01-01}\n"
    "  t: {type: string, default: ''}\n"
    "  f: {type: bool, default: false}\n"
    "parameters:\n"
    "  p: {source: fuzz, value: 6.2%}\n"
    "  q:\n"
    "    source: fuzz\n"
    "    values:\n"
    "      - {from: 2020-01-01, value: 100}\n"
    "      - {from: 2026-07-01, value: 200}\n"
    "scales:\n"
    "  sc:\n"
    "    source: fuzz\n"
    "    type: marginal\n"
    "    values:\n"
    "      - from: 2000-01-01\n"
    "        brackets: [[0, 10%], [100, 20%, 10], [1000, 30%]]\n"
    "  bd:\n"
    "    source: fuzz\n"
    "    type: band\n"
    "    values:\n"
    "      - from: 2000-01-01\n"
    "        brackets: [[0, 1%], [50, 2%]]\n"
    "tables:\n"
    "  tb:\n"
    "    source: fuzz\n"
    "    values:\n"
    "      - from: 2000-01-01\n"
    "        rows:\n"
    "          x: {u: 1, v: 2}\n"
    "          y: {u: 3, v: 4}\n"
    "items:\n"
    "  it: {type: money}\n"
    "functions:\n"
    "  g: {params: [x], expr: \"x * 2\"}\n"
    "  h2: {params: [x, y], expr: \"max(x, y) - min(x, y)\"}\n"
    "formulas:\n"
    "  k: \"a + 1\"\n"
    "  e: \"round(a / 3, 2, half_even)\"\n"
    "  out: \"";
static const char *const tails[] = {
	"\"\noutputs:\n  out: {kind: info}\n  e: {kind: earning}\n",
	"\"\noutputs:\n  out: {kind: info, type: bool}\n",
	"\"\noutputs:\n  out: {kind: info, type: string}\n",
	"\"\noutputs:\n  out: {kind: info, type: date}\n",
	"\"\noutputs:\n  out: {kind: earning}\n",
	"\"\noutputs:\n  out: {kind: info, places: 2}\n",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp;
	size_t i;

	if (size < 1 || size > 4096)
		return 0;
	fp = fuzz_pack_open("expr");
	fputs(head, fp);
	/* The formula as a YAML double-quoted scalar. */
	for (i = 1; i < size; i++) {
		unsigned c = data[i];

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			fputc((int)c, fp);
	}
	fputs(tails[data[0] % (sizeof(tails) / sizeof(tails[0]))], fp);
	if (fclose(fp) != 0)
		abort();
	fuzz_pack_load();
	return 0;
}
