/*
 * payroll.h: the one public header of libpayroll.
 *
 * libpayroll turns employee records (canonical CSV) into payroll results
 * under rule packs written in YAML.  It never prints and never exits: every
 * function returns an int status (PAYROLL_OK is 0) and, where it can fail on
 * input, fills a caller-supplied struct payroll_diag with the place
 * (file:line:column, field) and a message.
 *
 * Ownership, once for the whole header:
 *  - An object made by payroll_X_open()/payroll_X_load()/payroll_X_new()
 *    belongs to the caller, who frees it with the matching payroll_X_free().
 *    Passing NULL to a _free() function does nothing.
 *  - A "const char *" returned by the library is borrowed: it lives as long
 *    as the object it came from, or until the next call on that object when
 *    the comment says so (the CSV reader's fields die at the next read).
 *  - Strings passed in are copied when the library keeps them.
 *  - Caller-owned buffers are passed as (buf, size) and functions return
 *    the length needed, like snprintf(3).
 *
 * Units: money is exact decimal in the currency's major unit with its minor
 * units as decimal places ("1234.50" dollars); struct payroll_dec holds any
 * exact decimal (amounts, rates, hours).  Dates are ISO 8601 calendar dates
 * (YYYY-MM-DD) held as a day number.  Nothing here uses binary floating
 * point, and nothing depends on the locale.
 */
#ifndef PAYROLL_H
#define PAYROLL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PAYROLL_VERSION "0.1.0"

/* Status codes.  payroll_strerror() describes each. */
enum {
	PAYROLL_OK = 0,
	PAYROLL_EOF,		/* no more records (not an error) */
	PAYROLL_ENOMEM,		/* out of memory */
	PAYROLL_EIO,		/* read or write failed; errno is kept */
	PAYROLL_ESYNTAX,	/* malformed input: a number, date, CSV, YAML */
	PAYROLL_ERANGE,		/* a number too large, or overflow */
	PAYROLL_EDIVZERO,	/* division by zero while evaluating */
	PAYROLL_EENCODING,	/* bytes invalid in the declared encoding */
	PAYROLL_ERULES,		/* a rule pack is wrong (load time) */
	PAYROLL_EDATA,		/* a record is wrong (rejected) */
	PAYROLL_ELIMIT,		/* a size or depth limit was reached */
	PAYROLL_EINVAL		/* a bad argument from the caller */
};

/* Returns a static description of a status code.  Never NULL. */
const char *payroll_strerror(int status);

/*
 * Whether s (len bytes: upper case, no spaces) is an IBAN (ISO 13616):
 * country letters, check digits, the country's length from the SWIFT
 * IBAN Registry (15 to 34 for a country not in the table) and mod 97.
 * The one check of the library, the rule language's iban_valid() and
 * the bank files.
 */
int payroll_iban_valid(const char *s, size_t len);

/*
 * Masks a value declared mask: true (a national id, a bank account) for
 * a message: four stars, then the last four characters (a value of four
 * characters or fewer shows only the stars).  Writes at most size bytes
 * with the NUL into buf; returns the length written.  Every message of
 * every tool shows a masked value this way, or not at all.
 */
size_t payroll_mask(const char *s, size_t len, char *buf, size_t size);

/*
 * Where and why something failed.  Filled by the library on error; the
 * caller owns the struct (usually on its stack).  line and column count
 * from 1; 0 means "not known".  field is the CSV field or YAML key involved,
 * or empty.
 */
struct payroll_diag {
	char file[256];
	unsigned long line;
	unsigned long column;
	char field[128];
	char msg[512];
};

/* Empties a diag (all fields zero). */
void payroll_diag_clear(struct payroll_diag *diag);

/*
 * Formats "file:line:column: field 'f': msg" into buf, leaving out the
 * parts that are not known.  Returns the length needed, like snprintf.
 */
size_t payroll_diag_format(const struct payroll_diag *diag, char *buf,
    size_t size);

/* ------------------------------------------------------------------ */
/* Exact decimals                                                     */
/* ------------------------------------------------------------------ */

/*
 * An exact number.  A decimal (den 0) is coef * 10^-scale, 0 <= scale <=
 * 38, |coef| < 10^38.  A quotient that does not terminate (1/3) carries a
 * denominator: value = coef / (den * 10^scale), with den > 1 not divisible
 * by 2 or 5 and below 2^64, coef and den without a common factor, and coef
 * without trailing zeros while scale > 0 (so each such value has one
 * form).  Sums, differences, products and quotients are exact; a result
 * that cannot be held so (more than 38 digits or places, or a denominator
 * of 2^64 or more) is PAYROLL_ERANGE, never a rounded value.  Rounding
 * happens only in payroll_dec_round() and payroll_dec_round_unit(), on the
 * exact value.  Plain decimals never carry a denominator: den 0 (1 is
 * taken for 0) is what every decimal made by hand or by
 * payroll_dec_parse() has.
 */
struct payroll_dec {
	__extension__ __int128 coef;
	int scale;
	uint64_t den;		/* 0: a decimal; see above */
};

#define PAYROLL_DEC_MAXSCALE 38
#define PAYROLL_DEC_WORKSCALE 24

/* Rounding modes.  "Up" is away from zero; "down" truncates toward zero. */
enum payroll_round {
	PAYROLL_ROUND_HALF_UP,		/* ties away from zero */
	PAYROLL_ROUND_HALF_EVEN,	/* ties to even (banker's) */
	PAYROLL_ROUND_HALF_DOWN,	/* ties toward zero */
	PAYROLL_ROUND_UP,		/* away from zero */
	PAYROLL_ROUND_DOWN,		/* toward zero (truncate) */
	PAYROLL_ROUND_CEILING,		/* toward +infinity */
	PAYROLL_ROUND_FLOOR		/* toward -infinity */
};

/* Makes the decimal coef * 10^-scale from a 64-bit integer. */
struct payroll_dec payroll_dec_make(int64_t coef, int scale);

/*
 * Parses a plain decimal: optional '-' or '+', digits, optional '.' and
 * digits ("-1234.50", "0.062", "12").  No exponent, no grouping, no spaces;
 * the decimal mark is '.', whatever the locale.  s need not be
 * NUL-terminated: len bytes are read.  Returns PAYROLL_OK, PAYROLL_ESYNTAX
 * or PAYROLL_ERANGE (more than 38 digits).
 */
int payroll_dec_parse(const char *s, size_t len, struct payroll_dec *out /* OUT */);

/*
 * Formats d with exactly `places` decimal places (rounding half-up when d
 * has more, which callers avoid by rounding first), or with its own scale
 * when places < 0; a value with a denominator (1/3), which has no scale of
 * its own, is then written rounded half-up to PAYROLL_DEC_WORKSCALE places.
 * Writes at most size bytes including the NUL; returns the length needed.
 */
size_t payroll_dec_format(struct payroll_dec d, int places, char *buf,
    size_t size);

/* Arithmetic; each returns PAYROLL_OK or PAYROLL_ERANGE (and
 * PAYROLL_EDIVZERO for division).  out may alias an operand. */
int payroll_dec_add(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out /* OUT */);
int payroll_dec_sub(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out /* OUT */);
int payroll_dec_mul(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out /* OUT */);
int payroll_dec_div(struct payroll_dec a, struct payroll_dec b,
    struct payroll_dec *out /* OUT */);

/*
 * Rounds d to `places` decimal places (negative places round to tens,
 * hundreds, ...) in the given mode.
 */
int payroll_dec_round(struct payroll_dec d, int places, enum payroll_round mode,
    struct payroll_dec *out /* OUT */);

/*
 * Rounds d to a multiple of unit (0.05, 1, 100, ...) in the given mode.
 * unit must be positive.
 */
int payroll_dec_round_unit(struct payroll_dec d, struct payroll_dec unit,
    enum payroll_round mode, struct payroll_dec *out /* OUT */);

/* Compares: <0, 0, >0.  Scales need not match (1.50 == 1.5). */
int payroll_dec_cmp(struct payroll_dec a, struct payroll_dec b);
int payroll_dec_sign(struct payroll_dec d);
struct payroll_dec payroll_dec_neg(struct payroll_dec d);

/*
 * Converts to an integer count of minor units (cents) with `places` decimal
 * places: 12.34 with places 2 gives 1234.  Fails with PAYROLL_EINVAL when d
 * has nonzero digits beyond `places`, and PAYROLL_ERANGE when it does not
 * fit in 64 bits.
 */
int payroll_dec_to_minor(struct payroll_dec d, int places, int64_t *out /* OUT */);

/* Parses a rounding mode name: half_up, half_even, half_down, up, down,
 * ceiling, floor.  Returns PAYROLL_OK or PAYROLL_EINVAL. */
int payroll_round_parse(const char *name, enum payroll_round *out /* OUT */);

/* ------------------------------------------------------------------ */
/* Dates and pay periods                                              */
/* ------------------------------------------------------------------ */

/* A calendar date as days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t payroll_date;

/*
 * Parses YYYY-MM-DD exactly (10 bytes, a real calendar date; 2026-02-30 is
 * an error).  Returns PAYROLL_OK or PAYROLL_ESYNTAX.
 */
int payroll_date_parse(const char *s, size_t len, payroll_date *out /* OUT */);

/* Formats as YYYY-MM-DD; buf needs 11 bytes.  Returns the length (10). */
size_t payroll_date_format(payroll_date d, char *buf, size_t size);

payroll_date payroll_date_make(int year, int month, int day);
void payroll_date_split(payroll_date d, int *year, int *month, int *day);
/* ISO weekday, 1 = Monday .. 7 = Sunday. */
int payroll_date_weekday(payroll_date d);
int payroll_days_in_month(int year, int month);
/* Adds n months, clamping the day to the month's end (31 Jan + 1 = 28 Feb). */
payroll_date payroll_date_add_months(payroll_date d, int n);

/* Pay frequencies. */
enum payroll_freq {
	PAYROLL_FREQ_WEEKLY,
	PAYROLL_FREQ_BIWEEKLY,
	PAYROLL_FREQ_FOURWEEKLY,
	PAYROLL_FREQ_SEMIMONTHLY,
	PAYROLL_FREQ_MONTHLY,
	PAYROLL_FREQ_QUARTERLY,
	PAYROLL_FREQ_SEMIANNUAL,
	PAYROLL_FREQ_ANNUAL,
	PAYROLL_FREQ_DAILY
};

/* Parses weekly, biweekly (or fortnightly), fourweekly, semimonthly,
 * monthly, quarterly, semiannual, annual, daily. */
int payroll_freq_parse(const char *s, enum payroll_freq *out /* OUT */);
const char *payroll_freq_name(enum payroll_freq f);
/* The nominal number of periods in a year: 52, 26, 13, 24, 12, 4, 2, 1,
 * 260 (daily: 52 weeks of 5 working days). */
int payroll_freq_periods(enum payroll_freq f);

/*
 * A pay period: first and last day (inclusive) and the pay date.
 */
struct payroll_period {
	enum payroll_freq freq;
	payroll_date start;
	payroll_date end;
	payroll_date pay_date;
};

/*
 * Makes the period of frequency f that starts on `start`: the end is
 * start + 6, 13 or 27 days (weekly, biweekly, four-weekly), the 15th or the
 * month's end (semimonthly: start must be the 1st or the 16th), the day
 * before the same day 1, 3, 6 or 12 months on.  The pay date is the end
 * unless pay_date is nonzero... callers set period->pay_date afterwards.
 * Returns PAYROLL_EINVAL for a start that frequency cannot begin on.
 */
int payroll_period_make(enum payroll_freq f, payroll_date start,
    struct payroll_period *out /* OUT */);

/*
 * Parses a period as written on a command line: "2026-11" (a month),
 * "2026-11-01" (the period of frequency f starting that day), or
 * "2026-11-01..2026-11-30" (explicit bounds).  Sets the pay date to the
 * period's end.
 */
int payroll_period_parse(const char *s, enum payroll_freq f,
    struct payroll_period *out /* OUT */);

/*
 * A pay group's calendar, from YAML (docs/calendars.md): the pay group's
 * name, its frequency, its periods with their pay dates (listed, or
 * generated from a first period), and its holidays (non-working days for
 * working-day proration).
 */
struct payroll_calendar;

/* Loads a calendar file.  PAYROLL_ERULES with file:line:column. */
int payroll_calendar_load(const char *path,
    struct payroll_calendar **out /* OUT */, struct payroll_diag *diag);
void payroll_calendar_free(struct payroll_calendar *cal);
const char *payroll_calendar_pay_group(const struct payroll_calendar *cal);
enum payroll_freq payroll_calendar_freq(const struct payroll_calendar *cal);
/* The holidays, sorted; the array lives as long as the calendar. */
const payroll_date *payroll_calendar_holidays(
    const struct payroll_calendar *cal, size_t *n /* OUT */);
/*
 * Finds the period a command line names: "2026-11" (the one period
 * paid in that month), a date (the period containing it) or "#N" (the
 * N-th period of the calendar).  PAYROLL_EINVAL with diag when there is
 * none, or more than one.
 */
int payroll_calendar_period(const struct payroll_calendar *cal,
    const char *spec, struct payroll_period *out /* OUT */,
    struct payroll_diag *diag);

/* Calendar days in [a, b], inclusive; 0 when b < a. */
int payroll_days_between(payroll_date a, payroll_date b);
/* Monday-to-Friday days in [a, b], inclusive; 0 when b < a. */
int payroll_weekdays_between(payroll_date a, payroll_date b);

/* ------------------------------------------------------------------ */
/* Configuration files (YAML)                                         */
/* ------------------------------------------------------------------ */

/*
 * The one YAML loader of the library and the tools (conf.c): a file
 * becomes a tree of nodes, each with its file:line:column.  Limits are
 * checked while loading: nesting depth, node count, file size; anchors,
 * aliases and tags are refused (so no alias can multiply a document),
 * and so are a second document, duplicate keys, keys that are not
 * scalars and NUL bytes in scalars.  Errors are PAYROLL_ERULES with the
 * place and the reason in diag (PAYROLL_ENOMEM, PAYROLL_EIO otherwise);
 * callers print them with their own exit status.
 */
enum payroll_node_type {
	PAYROLL_NODE_SCALAR,
	PAYROLL_NODE_SEQUENCE,
	PAYROLL_NODE_MAPPING
};

/* How a scalar was written (libyaml's numbering). */
enum payroll_node_style {
	PAYROLL_STYLE_PLAIN = 1,	/* 12, abc */
	PAYROLL_STYLE_SINGLE_QUOTED,	/* 'abc' */
	PAYROLL_STYLE_DOUBLE_QUOTED,	/* "abc" */
	PAYROLL_STYLE_LITERAL,		/* |  */
	PAYROLL_STYLE_FOLDED		/* >  */
};

/* A node of a loaded file; read-only for callers. */
struct payroll_node {
	enum payroll_node_type type;
	char *val;		/* scalar text, NUL-terminated; NULL otherwise */
	size_t len;		/* its length */
	int style;		/* scalars: enum payroll_node_style */
	unsigned long line, col;	/* where the node starts, from 1 */
	const char *file;	/* the name it was loaded under */
	struct payroll_node **kids;	/* sequence: items; mapping: key,
					 * value, key, value ... */
	size_t n;		/* number of kids (a mapping: 2 * pairs) */
};

/*
 * Options of a load; a zero limit takes the default.  what names the kind
 * of file in messages ("YAML aliases are not allowed in rule packs").
 */
struct payroll_conf_opts {
	const char *what;		/* NULL: "configuration files" */
	unsigned max_depth;		/* nesting; default 64 */
	unsigned long max_nodes;	/* default 1,000,000 */
	unsigned long max_bytes;	/* default 64 MiB */
	unsigned flags;			/* PAYROLL_CONF_* */
};
/* A syntax error says "<problem> <context> that starts at L:C" rather
 * than "YAML: <problem> <context>". */
#define PAYROLL_CONF_CONTEXT_MARK 0x1u

#define PAYROLL_CONF_MAX_DEPTH 64
#define PAYROLL_CONF_MAX_NODES 1000000ul
#define PAYROLL_CONF_MAX_BYTES (64ul << 20)

/*
 * Loads the YAML file at path (payroll_conf_load) or read from fp under
 * the name name (payroll_conf_read; fp stays open).  *root is the
 * document's root node, or NULL for a file without one (empty, or only
 * comments): the caller says what that means.  The tree, with a copy of
 * the name, is freed with payroll_conf_free(*root).  opts may be NULL.
 */
int payroll_conf_load(const char *path, const struct payroll_conf_opts *opts,
    struct payroll_node **root /* OUT */, struct payroll_diag *diag);
int payroll_conf_read(FILE *fp, const char *name,
    const struct payroll_conf_opts *opts, struct payroll_node **root /* OUT */,
    struct payroll_diag *diag);
void payroll_conf_free(struct payroll_node *root);

/*
 * Fills diag with the node's place and the message (printf format) and
 * returns PAYROLL_ERULES.  node may be NULL (no place).
 */
int payroll_conf_error(struct payroll_diag *diag,
    const struct payroll_node *node, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The value under key in a mapping; NULL when absent or map is not one. */
const struct payroll_node *payroll_conf_get(const struct payroll_node *map,
    const char *key);
/* Items of a sequence, pairs of a mapping, 0 for a scalar or NULL. */
size_t payroll_conf_len(const struct payroll_node *n);
/* Item i of a sequence, or key or value of pair i of a mapping. */
const struct payroll_node *payroll_conf_item(const struct payroll_node *seq,
    size_t i);
const struct payroll_node *payroll_conf_key(const struct payroll_node *map,
    size_t i);
const struct payroll_node *payroll_conf_value(const struct payroll_node *map,
    size_t i);

/*
 * Refuses a key of map that is not in allowed (NULL-terminated): "unknown
 * key 'k' in <what>" at the key.
 */
int payroll_conf_keys(const struct payroll_node *map,
    const char *const *allowed, const char *what, struct payroll_diag *diag);

/*
 * A scalar's value: its text; a whole number from min to max; an exact
 * decimal (payroll_dec_parse).  Errors name what ("'places' must be a
 * single value") at the node.
 */
int payroll_conf_text(const struct payroll_node *n, const char *what,
    const char **out /* OUT */, struct payroll_diag *diag);
int payroll_conf_long(const struct payroll_node *n, const char *what,
    long min, long max, long *out /* OUT */, struct payroll_diag *diag);
int payroll_conf_dec(const struct payroll_node *n, const char *what,
    struct payroll_dec *out /* OUT */, struct payroll_diag *diag);

/* ------------------------------------------------------------------ */
/* CSV                                                                */
/* ------------------------------------------------------------------ */

/*
 * A streaming RFC 4180 reader on libcsv.  It holds one record at a time (a
 * small read buffer besides), so memory does not grow with the number of
 * records.  Input must be UTF-8 (canonical CSV); hr-import converts
 * anything else first.
 */
struct payroll_csv;

/* Options for payroll_csv_open(). */
struct payroll_csv_opts {
	unsigned char delim;	/* 0 means ',' */
	int allow_bom;		/* skip a UTF-8 byte order mark (else error) */
	int check_utf8;		/* report invalid UTF-8 as PAYROLL_EENCODING */
	size_t max_field;	/* 0 means the default limit (1 MiB) */
	size_t max_fields;	/* 0 means the default limit (10,000) */
};

/*
 * Opens a reader on fp (not closed by the reader).  name is used in
 * diagnostics ("-" or "<stdin>" for standard input).  opts may be NULL for
 * defaults.
 */
int payroll_csv_open(FILE *fp, const char *name,
    const struct payroll_csv_opts *opts, struct payroll_csv **out /* OUT */);
void payroll_csv_free(struct payroll_csv *r);

/*
 * Reads the next record.  Returns PAYROLL_OK with the record available
 * through the accessors below, PAYROLL_EOF at the end, or an error with
 * diag filled (file:line).  After PAYROLL_ESYNTAX or PAYROLL_EENCODING
 * the reader can go on with the next record; after PAYROLL_EIO it cannot.
 * Empty lines are skipped.
 */
int payroll_csv_read(struct payroll_csv *r, struct payroll_diag *diag);

/* The current record's fields: count, bytes and length.  The pointers
 * live until the next payroll_csv_read(); fields are NUL-terminated. */
size_t payroll_csv_nfields(const struct payroll_csv *r);
const char *payroll_csv_field(const struct payroll_csv *r, size_t i,
    size_t *len /* OUT, may be NULL */);
/* The line the current record starts on (1 for the header). */
unsigned long payroll_csv_line(const struct payroll_csv *r);
const char *payroll_csv_name(const struct payroll_csv *r);

/*
 * Writes one field, quoting it as RFC 4180 requires (when it holds the
 * delimiter, a quote, CR or LF), and a delimiter before it unless it is
 * the first of the record.  Fields are gathered in the writer and the
 * record reaches fp at payroll_csv_endrec(), which adds the LF: always
 * end a record before using fp directly.  Initialise the writer with
 * zeros, then set fp (and delim, neutralise).
 * Returns PAYROLL_OK or PAYROLL_EIO.
 */
struct payroll_csv_writer {
	FILE *fp;
	unsigned char delim;	/* 0 means ',' */
	int nfield;		/* fields written in this record */
	int neutralise;		/* for every CSV a person may open (the
				   register, the journal, HR reports, every
				   rejects file): a cell starting with = + -
				   @ TAB or CR that is not a plain decimal
				   number gets a leading ' (CSV injection);
				   numbers, negative amounts included, stay
				   numbers.  Data files other tools read
				   (records, results, YTD) keep their bytes */
	size_t len;		/* bytes gathered in buf */
	char buf[8192];
};
int payroll_csv_put(struct payroll_csv_writer *w, const char *s, size_t len);
int payroll_csv_puts(struct payroll_csv_writer *w, const char *s);
int payroll_csv_endrec(struct payroll_csv_writer *w);

/* ------------------------------------------------------------------ */
/* Encodings                                                          */
/* ------------------------------------------------------------------ */

/*
 * Converts a whole input stream to UTF-8 through iconv.  from is an iconv
 * name ("WINDOWS-1252", "ISO-8859-15", "UTF-16") or "auto": a UTF-8,
 * UTF-16LE or UTF-16BE byte order mark picks the encoding (and is
 * dropped), otherwise valid UTF-8 is taken as UTF-8 and anything else is
 * an error.  Output is written to out; invalid input bytes are reported
 * with their line and byte offset as PAYROLL_EENCODING, and nothing more
 * is written after them.
 */
int payroll_convert_to_utf8(FILE *in, const char *name, const char *from,
    FILE *out, struct payroll_diag *diag);

/* Returns 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int payroll_utf8_valid(const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* Rule packs                                                         */
/* ------------------------------------------------------------------ */

/*
 * A set of rule packs loaded for one run: the packs' inputs schema,
 * parameters, scales, tables, functions and formulas, compiled for a given
 * date.  The rule language is documented in docs/rules.md and rules(5).
 */
struct payroll_rules;

/* What the run is for: fixed before loading, since parameters are
 * resolved and formulas compiled for it. */
struct payroll_run {
	struct payroll_period period;
	int off_cycle;		/* an off-cycle run (bonus, termination) */
	const payroll_date *holidays;	/* non-working days of the pay
					   group's calendar (copied) */
	size_t nholidays;
};

/*
 * Loads the packs named in paths[0..npaths) (a file, or a folder whose
 * *.yaml files form one pack) in order, later packs layering over earlier
 * ones, and compiles them for run.  Every error is found here, before any
 * record is read: YAML syntax, unknown names, cycles, type mismatches,
 * empty formulas, a parameter with no value in force on the run's date.
 * Returns PAYROLL_OK, PAYROLL_ERULES (diag: file:line:column), PAYROLL_EIO
 * or PAYROLL_ENOMEM.
 */
int payroll_rules_load(const char *const *paths, size_t npaths,
    const struct payroll_run *run, struct payroll_rules **out /* OUT */,
    struct payroll_diag *diag);
void payroll_rules_free(struct payroll_rules *rules);

/*
 * Warnings of a successful load: things that load but are probably
 * mistakes (a scale whose printed base amounts decrease), each with
 * file:line:column.  The tools print them on standard error.
 */
size_t payroll_rules_nwarnings(const struct payroll_rules *rules);
const struct payroll_diag *payroll_rules_warning(
    const struct payroll_rules *rules, size_t i);

/* The declared inputs, in pack order. */
enum payroll_type {
	PAYROLL_T_DECIMAL,	/* any exact decimal */
	PAYROLL_T_MONEY,	/* decimal in currency units */
	PAYROLL_T_INTEGER,
	PAYROLL_T_BOOL,		/* true/false, yes/no, y/n, 1/0 */
	PAYROLL_T_STRING,
	PAYROLL_T_ENUM,		/* one of a declared list */
	PAYROLL_T_DATE		/* YYYY-MM-DD */
};
size_t payroll_rules_ninputs(const struct payroll_rules *rules);
const char *payroll_rules_input_name(const struct payroll_rules *rules,
    size_t i);
/* The index of the input declared as name (the last declaration that a
 * formula did not replace), or -1; its type. */
int payroll_rules_input_find(const struct payroll_rules *rules,
    const char *name);
enum payroll_type payroll_rules_input_type(const struct payroll_rules *rules,
    size_t i);
/* 1 when input i is declared mask: true (a national id, an account):
 * messages show its last four characters only. */
int payroll_rules_input_mask(const struct payroll_rules *rules, size_t i);
/* 1 when input i is declared unique: true (a national id): no two
 * employees' records may share a value; hr-validate checks it. */
int payroll_rules_input_unique(const struct payroll_rules *rules, size_t i);

/*
 * A callback for validation failures: field is the input's name, rule a
 * short identifier of the check that failed ("required", "type", "enum",
 * "date", "range", "pattern", "check"), msg a sentence.  The strings live
 * until the callback returns.
 */
typedef void payroll_report_fn(void *arg, const char *field,
    const char *rule, const char *msg);

/* Output kinds, as declared in the packs. */
enum payroll_kind {
	PAYROLL_K_INFO,		/* shown, not summed into pay */
	PAYROLL_K_EARNING,	/* part of gross pay */
	PAYROLL_K_DEDUCTION,	/* taken from pay (pre- or post-tax) */
	PAYROLL_K_WITHHOLDING,	/* employee tax withheld */
	PAYROLL_K_EMPLOYER,	/* employer contribution, not from pay */
	PAYROLL_K_GROSS,	/* gross pay (the engine's sum) */
	PAYROLL_K_NET		/* net pay (the engine's difference) */
};

/*
 * The outputs the packs declare (the result columns besides gross_pay and
 * net_pay), in declaration order, with their kind and tags, for tools that
 * read results (exports, filings).  Names and tags are borrowed from the
 * rules.
 */
size_t payroll_rules_noutputs(const struct payroll_rules *rules);
const char *payroll_rules_output_name(const struct payroll_rules *rules,
    size_t i);
enum payroll_kind payroll_rules_output_kind(const struct payroll_rules *rules,
    size_t i);
/* 1 when output i carries the tag (or is of the kind named so). */
int payroll_rules_output_has_tag(const struct payroll_rules *rules, size_t i,
    const char *tag);
/* Output i's tags (j < ntags), and its description ("" when none). */
size_t payroll_rules_output_ntags(const struct payroll_rules *rules,
    size_t i);
const char *payroll_rules_output_tag(const struct payroll_rules *rules,
    size_t i, size_t j);
const char *payroll_rules_output_description(
    const struct payroll_rules *rules, size_t i);
/* The currency code (ISO 4217) the first pack that names one gives; ""
 * when none does. */
const char *payroll_rules_currency(const struct payroll_rules *rules);
/* Output i's label for people (payslips, run summaries): its `label:`,
 * else its name. */
const char *payroll_rules_output_label(const struct payroll_rules *rules,
    size_t i);
/* For an earning: the names of the info outputs that hold its hours and
 * its rate (for wage statements that must show hours and rate), "" when
 * none. */
const char *payroll_rules_output_hours(const struct payroll_rules *rules,
    size_t i);
const char *payroll_rules_output_rate(const struct payroll_rules *rules,
    size_t i);

/*
 * The value of a numeric parameter in force for the run (a wage base, a
 * rate), for tools that file what the packs computed.  PAYROLL_EINVAL
 * when there is no such parameter or it is not a number.
 */
int payroll_rules_param(const struct payroll_rules *rules, const char *name,
    struct payroll_dec *out /* OUT */);

/* ------------------------------------------------------------------ */
/* Calculation                                                        */
/* ------------------------------------------------------------------ */

/*
 * A calculation context: rules bound to one input header.  It evaluates
 * one record at a time with no allocation and no name look-up per record.
 */
struct payroll_calc;

/*
 * Binds rules to a CSV header (names[0..n)).  Fails with PAYROLL_EDATA
 * (diag.field names the column) when a required input has no column.
 */
int payroll_calc_new(struct payroll_rules *rules, const char *const *names,
    size_t n, struct payroll_calc **out /* OUT */, struct payroll_diag *diag);
void payroll_calc_free(struct payroll_calc *calc);

/*
 * Validates one record against the inputs schema (see above) without
 * calculating.  Returns the number of failures reported; 0 means valid;
 * -PAYROLL_ENOMEM when memory ran out (a pattern or check could not be
 * evaluated, so nothing is known of the record).
 */
int payroll_calc_check(struct payroll_calc *calc, const char *const *fields,
    const size_t *lens, size_t n, payroll_report_fn *report, void *arg);

/*
 * Starts a record: parses the declared inputs from its fields (fields[i]
 * of length lens[i], in the header order given to payroll_calc_new();
 * the strings must stay valid until payroll_calc_run() returns) and
 * clears the YTD balances and items.  Returns PAYROLL_OK, or
 * PAYROLL_EDATA with diag.field naming the input.
 */
int payroll_calc_begin(struct payroll_calc *calc, const char *const *fields,
    const size_t *lens, size_t n, struct payroll_diag *diag);

/*
 * Adds one segment of the period: a record in force from start to end
 * (inclusive, inside the period), for an employee whose rate, hours or
 * other inputs change mid-period.  Its inputs are parsed, every formula
 * marked `per: segment` is evaluated for it, and the values are summed
 * over the segments; the period's other formulas see those sums, and the
 * inputs of the last segment.  Call after payroll_calc_begin() (given the
 * last record) once per record in force, in date order.  Without calls,
 * the whole period is one segment.  Returns as payroll_calc_run().
 */
int payroll_calc_segment(struct payroll_calc *calc, const char *const *fields,
    const size_t *lens, size_t n, payroll_date start, payroll_date end,
    struct payroll_diag *diag);

/*
 * Binds the header of a YTD file (employee_id, last_pay_date and balance
 * columns; unknown columns are ignored here), then gives the current
 * employee's row.  Balances whose pack's tax year began after
 * last_pay_date start from zero; a row whose last_pay_date is not before
 * this run's pay date is refused (PAYROLL_EDATA), so that a period can
 * never be counted twice; so is, in a regular (not off-cycle) run, a row
 * whose last_period_end (when the file has it) is not before this
 * period's start.
 */
int payroll_calc_ytd_bind(struct payroll_calc *calc, const char *const *names,
    size_t n, struct payroll_diag *diag);
int payroll_calc_ytd_row(struct payroll_calc *calc, const char *const *fields,
    const size_t *lens, size_t n, struct payroll_diag *diag);

/*
 * Adds a variable item (wage type and a plain decimal amount) to the
 * current record, summed with the record's other rows of the wage type.
 * PAYROLL_EDATA for a wage type no pack declares or an amount that is
 * not a number.
 */
int payroll_calc_item(struct payroll_calc *calc, const char *wage_type,
    const char *amount, size_t len, struct payroll_diag *diag);
/*
 * Checks the current record's item totals against the packs' min and
 * max, which bound the period's total per wage type (not each row).
 * PAYROLL_EDATA with diag naming the wage type and the total; also done
 * by payroll_calc_run().
 */
int payroll_calc_items_check(struct payroll_calc *calc,
    struct payroll_diag *diag);

/*
 * Evaluates every output for the record given to payroll_calc_begin().
 * Returns PAYROLL_OK, or PAYROLL_EDATA / PAYROLL_EDIVZERO / PAYROLL_ERANGE
 * with diag naming the formula and the pack's file:line:column (the
 * record is then to be rejected, the run goes on).
 */
int payroll_calc_run(struct payroll_calc *calc, struct payroll_diag *diag);

/* Results of the last payroll_calc_run(), in output order; valid until
 * the next payroll_calc_begin(). */
size_t payroll_calc_noutputs(const struct payroll_calc *calc);
const char *payroll_calc_output_name(const struct payroll_calc *calc,
    size_t i);
enum payroll_kind payroll_calc_output_kind(const struct payroll_calc *calc,
    size_t i);
/* Output i's label for people (payroll_rules_output_label; "Gross pay"
 * and "Net pay" for the engine's two). */
const char *payroll_calc_output_label(const struct payroll_calc *calc,
    size_t i);
/* Whether the output is money (formatted to the currency's places). */
int payroll_calc_output_is_money(const struct payroll_calc *calc, size_t i);
struct payroll_dec payroll_calc_output(const struct payroll_calc *calc,
    size_t i);
/* Formats output i as the results file shows it.  Returns the length. */
size_t payroll_calc_output_format(const struct payroll_calc *calc, size_t i,
    char *buf, size_t size);

/* The balances carried into the YTD file, after the last run. */
size_t payroll_calc_nbalances(const struct payroll_calc *calc);
const char *payroll_calc_balance_name(const struct payroll_calc *calc,
    size_t i);
/* The balance after this period (before + this period's amount). */
struct payroll_dec payroll_calc_balance(const struct payroll_calc *calc,
    size_t i);
/* Formats balance i for the YTD file: money with the currency's places,
 * other balances as they are.  Returns the length, like snprintf. */
size_t payroll_calc_balance_format(const struct payroll_calc *calc, size_t i,
    char *buf, size_t size);

/*
 * Writes, for the record of the last payroll_calc_run(), every value that
 * was computed: name, value, the formula's text and place, and each
 * parameter used with its source.  For --explain.
 */
int payroll_calc_explain(const struct payroll_calc *calc, FILE *fp);

/* ------------------------------------------------------------------ */
/* Layouts: files for banks and authorities                           */
/* ------------------------------------------------------------------ */

/*
 * The one layout engine (layout.c) behind every file the tools write to
 * banks and authorities: fixed-width records (NACHA, CPA 005, EFW2,
 * EFW2C, state wage reports) and XML (SEPA pain.001, UK RTI FPS and EPS,
 * T4).  A layout file (YAML, rules/formats/) says each field's place,
 * type, padding and character set; the tool supplies each value by name
 * (text, or an exact decimal amount); the engine shapes the value
 * (transliteration, case, character set, length), pads it into its
 * place, writes records with their line ends, counts them, totals their
 * amounts, fills the last block, and escapes XML.  docs/layouts.md.
 */

enum payroll_ftype {
	PAYROLL_FT_ALPHA,	/* text: left-justified, blank-filled */
	PAYROLL_FT_NUMERIC,	/* digits only: right-justified, zero-filled */
	PAYROLL_FT_MONEY,	/* an amount: minor units in fixed width, no sign */
	PAYROLL_FT_DIGITS,	/* digits after dropping '-' and spaces */
	PAYROLL_FT_DECIMAL,	/* an amount with its point: 1234.50 */
	PAYROLL_FT_INTEGER,	/* a whole number */
	PAYROLL_FT_DATE		/* YYYY-MM-DD */
};

/* A value longer than its field: an error, cut on the right, or its
 * rightmost characters kept (a hash). */
enum payroll_overflow {
	PAYROLL_OV_ERROR, PAYROLL_OV_TRUNCATE, PAYROLL_OV_KEEP_RIGHT
};

/* A character outside the field's set: an error, dropped, or a space. */
enum payroll_other { PAYROLL_CH_ERROR, PAYROLL_CH_DROP, PAYROLL_CH_SPACE };

/*
 * How characters the format cannot carry are written: a layout's table
 * (one UTF-8 character to its replacement), then, when iconv is set,
 * iconv's ASCII//TRANSLIT ("e" for "é", "ss" for "ß"; it follows
 * LC_CTYPE: the tools set C.UTF-8).  A character with neither is an
 * error.
 */
struct payroll_translit {
	size_t n;
	const char **from, **to;
	int iconv;
	void *cd;		/* iconv's conversion, opened when first needed
				 * (tl is changed then: one a thread) */
};

struct payroll_field {
	const char *name;
	const struct payroll_node *node;	/* where it is defined */
	int pos, len;		/* 1-based; len 0: free length (XML) */
	enum payroll_ftype type;
	int right;		/* right-justified */
	char fill;		/* padding */
	int blank_empty;	/* an empty value is blanks, whatever fill */
	enum payroll_overflow overflow;
	int upper;		/* a-z written A-Z */
	const char *charset;	/* the bytes it may carry; NULL: printable ASCII */
	const char *dropset;	/* bytes left out without a word */
	enum payroll_other other;
	int collapse;		/* no leading, trailing or repeated blanks */
	int slice_from, slice_len;	/* a part of the value (1-based) */
	const char *value;	/* a constant, or NULL */
	struct payroll_dec total;	/* its amounts over the records written */
	char *owned[2];		/* what payroll_field_compile allocated */
};

/* What a kind of layout assumes when a field does not say. */
struct payroll_field_defaults {
	int fixed;		/* pos and len are required */
	int upper;
	int alpha_overflow;	/* enum payroll_overflow of text fields */
	int blank_empty;	/* numeric fields with no value stay blank */
	int collapse;		/* text fields collapse blanks */
};

/*
 * Compiles the keys every layout's field may have: name (or element),
 * pos, len, type (alpha or A, numeric or N, money, digits, decimal,
 * integer, date), align (left, right), fill, overflow (error, truncate,
 * keep_right), upper, charset (a name under charsets: a string of
 * allowed characters, "A-Z" a range, or {allow, drop}), other (error,
 * drop, space), slice ([first, length]) and value (a constant).  Other
 * keys are the caller's.  Returns PAYROLL_OK or PAYROLL_ERULES with the
 * place in diag; strings point into y (which must outlive f), but the
 * expanded charsets, which payroll_field_free releases.
 */
int payroll_field_compile(struct payroll_field *f,
    const struct payroll_node *y, const struct payroll_field_defaults *def,
    const struct payroll_node *charsets, struct payroll_diag *diag);
void payroll_field_free(struct payroll_field *f);

/* Expands a charset ("A-Z0-9 -'") into its characters (allocated). */
char *payroll_charset_expand(const char *s);

/* Loads a layout's 'transliterate' table (a mapping; may be NULL). */
int payroll_translit_load(struct payroll_translit *tl,
    const struct payroll_node *table, struct payroll_diag *diag);
void payroll_translit_free(struct payroll_translit *tl);

/*
 * Shapes a text value for field f into out (NUL-terminated): each
 * character transliterated (by tl; NULL: ASCII only), upper case,
 * the field's character set (dropped, blanked or refused), digits only
 * for numeric and digits fields, blanks collapsed, the slice, a date
 * checked, and the length (overflow).  shown is the value as messages
 * show it (a national id masked).  Returns 0, or -1 with why.
 */
int payroll_field_text(const struct payroll_field *f,
    const struct payroll_translit *tl, const char *s, const char *shown,
    char *out, size_t size, char *why, size_t wsize);

/*
 * Writes amount v for field f into out: integer fields the whole number,
 * decimal (and free-length money) fields with the point and two places,
 * fixed money fields in minor units with no sign.  Returns 0, or -1 with
 * why (a negative amount where the format has no sign, too many digits,
 * places the format cannot carry).
 */
int payroll_field_amount(const struct payroll_field *f,
    struct payroll_dec v, char *out, size_t size, char *why, size_t wsize);

/* Pads shaped text into its place in a fixed-width record. */
void payroll_field_place(const struct payroll_field *f, char *rec,
    const char *text);

/*
 * Checks a record's fields against the record length: each within it,
 * no two overlapping, and with tile set, one after the other from 1 to
 * the end.  fields[i] points to each field.
 */
int payroll_record_check(struct payroll_field *const *fields, size_t n,
    int reclen, int tile, const char *record, struct payroll_diag *diag);

/*
 * A count or total a fixed-width file's control record carries, kept by
 * the engine as records are written (a field with count, total or
 * blocks in its layout; see payroll_fixed_tally).
 */
struct payroll_tally {
	size_t of;		/* the record counted or totalled */
	long since;		/* reset when this record is written; -1 never */
	int pos, len;		/* total: the columns summed; len 0: count */
	int wpos, wlen;		/* where: the columns tested, wlen 0: none */
	const struct payroll_node *win;	/* the values they may hold */
	int blocks;		/* the file's blocks, this record's included */
	__extension__ unsigned __int128 value;
};

/* A record of a fixed-width layout, as the engine knows it. */
struct payroll_frec {
	const char *id;
	struct payroll_field **f;
	size_t n;
};

/* A fixed-width file being written. */
struct payroll_fixed {
	FILE *fp;
	int reclen;
	const char *eol;	/* "\n", "\r\n" or "" */
	int blocking;		/* records a block (0: none) */
	char filler;		/* what fills the last block */
	unsigned long written;	/* records so far */
	struct payroll_frec *rec;	/* the layout's records */
	size_t nrec;
	struct payroll_tally *tally;	/* the layout's counts and totals */
	size_t ntally;
};

/* Makes record id (fields f[0..n-1]) known to the engine, for tallies. */
int payroll_fixed_record(struct payroll_fixed *o, const char *id,
    struct payroll_field **f, size_t n);

/*
 * Compiles the tally of a field y of the layout, if it has one:
 * count: RECORD (records written), total: RECORD.FIELD (the sum of the
 * whole numbers in that field: minor units of an amount, the digits of
 * a routing number), each optionally since: RECORD (from the last such
 * record on) and where: {FIELD: [VALUE, ...]} (only the records whose
 * FIELD holds one of the values); or blocks: true (the blocks of the
 * file once this record is written).  *k is the tally's index, or -1
 * when the field has none.  Call after every record is known.
 */
int payroll_fixed_tally(struct payroll_fixed *o,
    const struct payroll_node *y, long *k /* OUT */,
    struct payroll_diag *diag);
/* Tally k's value now, as a whole number in buf. */
const char *payroll_fixed_tally_text(const struct payroll_fixed *o, size_t k,
    char *buf, size_t size);

/*
 * Writes record id (reclen bytes and the line end; id may be NULL),
 * updates the tallies, and adds the amount of each of its money fields
 * to the field's total (amounts[i] for fields[i]; amounts may be NULL).
 * With fp NULL the record is counted, not written.  Returns PAYROLL_OK,
 * PAYROLL_ERANGE (a total overflows) or PAYROLL_EIO.
 */
int payroll_fixed_write(struct payroll_fixed *o, const char *id,
    const char *rec, struct payroll_field *const *fields,
    const struct payroll_dec *amounts, size_t n);
/* The number of blocks the file will have when more records are added. */
unsigned long payroll_fixed_blocks(const struct payroll_fixed *o,
    unsigned long more);
/* Fills the last block with filler records. */
int payroll_fixed_finish(struct payroll_fixed *o);
/* Frees what the engine keeps for the file (records, tallies). */
void payroll_fixed_free(struct payroll_fixed *o);

/* XML: s escaped (&, <, >; quotes too when PAYROLL_XML_ATTR or
 * PAYROLL_XML_QUOTES); a control character XML 1.0 cannot carry is '?'. */
enum { PAYROLL_XML_ATTR = 1, PAYROLL_XML_QUOTES = 2 };
int payroll_xml_escape(FILE *fp, const char *s, size_t n, int flags);

/*
 * XML layouts: a document's elements in a layout file, each
 *
 *   {element: NAME, value: CONST | data: NAME | count: GROUP |
 *    total: GROUP.ELEMENT, attrs: {NAME: CONST or {data: NAME}},
 *    when: NAME | {NAME: VALUE}, unless: NAME, inline: true,
 *    each: GROUP, children: [ELEMENT, ...]}
 *
 * data names a value the tool supplies; an element with each is a group
 * the tool writes once per instance (a payment, a batch of payments):
 * instances are spooled to scratch files, so memory does not grow with
 * them, and placed where the group is when the enclosing group (or the
 * document) is written.  count is the number of instances of a group,
 * total the sum of an element's amounts in them, both since the start
 * of the enclosing group's current instance (the document's: the file).
 * when and unless test a supplied value (present, or equal to VALUE);
 * inline writes an element's children on its own line.
 */
typedef const char *(*payroll_xml_value_fn)(void *arg, const char *name);

/*
 * Elements a tool evaluates itself (authority-report's filings, whose
 * elements say where a value comes from, when they are written and when
 * they are left out, in the tool's own keys).  With x->tool set before
 * payroll_xml_load, the library reads of each element only element (a
 * name), attrs (the names; a scalar value is a constant), children,
 * inline and each, leaves the other keys to the tool, and asks:
 *
 *   bind     at load, once for each element (parents first): the tool's
 *            compiled element for node y, which the other hooks get as
 *            el; NULL is an error (said in diag);
 *   element  whether el is written (1) or not (0), with *text its text,
 *            or NULL for an element without one (its children, or an
 *            empty <NAME/>); the text is used before the next call;
 *   attr     the value of el's attribute i (in the layout's order) when
 *            it is not a constant; NULL or "" leaves the attribute out;
 *   each     where a group (an element with each) is: writes its
 *            instances by calling write(w, inst) for each, inst being
 *            the arg of that instance's hooks; returns the first status
 *            that is not PAYROLL_OK, or PAYROLL_OK.  Whether an instance
 *            is written is its element hook's.
 *
 * arg is the arg of payroll_xml_finish (or of the instance); the whole
 * document is written by payroll_xml_finish, value NULL: no spooling,
 * counts or totals (the tool has its own).
 */
typedef int (*payroll_xml_instance_fn)(void *w, void *inst);

struct payroll_xml_tool {
	void *(*bind)(void *arg, const struct payroll_node *y,
	    struct payroll_diag *diag);
	int (*element)(void *arg, void *el, const char **text);
	const char *(*attr)(void *arg, void *el, size_t i);
	int (*each)(void *arg, void *el, payroll_xml_instance_fn write,
	    void *w);
	void *arg;		/* bind's */
};

struct payroll_xel;
struct payroll_xgroup;
struct payroll_xtally;

struct payroll_xml {
	struct payroll_xel *root;
	struct payroll_xgroup *group;
	size_t ngroup;
	struct payroll_xtally *tally;
	size_t ntally;
	FILE *(*scratch)(void);	/* an unnamed scratch file (the tool's) */
	const struct payroll_xml_tool *tool;	/* or NULL: see above */
	int text_flags;		/* payroll_xml_escape flags of texts */
	char why[256];		/* what went wrong, when a call fails */
};

/* Loads the document (a layout's element mapping); data lists the names
 * the tool supplies (NULL-terminated). */
int payroll_xml_load(struct payroll_xml *x, const struct payroll_node *doc,
    const char *const *data, struct payroll_diag *diag);
/* Writes an instance of group with the tool's values.  Returns PAYROLL_OK,
 * PAYROLL_EDATA (x->why: a value that is not an amount, a total that
 * overflows) or PAYROLL_EIO. */
int payroll_xml_group(struct payroll_xml *x, const char *group,
    payroll_xml_value_fn value, void *arg);
/* Writes the whole document to fp, with its instances. */
int payroll_xml_finish(struct payroll_xml *x, FILE *fp,
    payroll_xml_value_fn value, void *arg);
void payroll_xml_free(struct payroll_xml *x);

#ifdef __cplusplus
}
#endif

#endif /* PAYROLL_H */
