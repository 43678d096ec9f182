/*
 * common.h: what the five tools share: exit statuses, diagnostics and
 * atomic output files (cmd/common.c, output.c, tmpfiles.c, checks.c,
 * stream.c; docs/architecture.md).
 */
#ifndef COMMON_H
#define COMMON_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "payroll.h"

/* Exit statuses (STYLE.md section 3; every man page lists them). */
enum {
	ST_OK = 0,	/* success */
	ST_DATA = 1,	/* records were rejected; the run completed */
	ST_USAGE = 2,	/* bad option or operand */
	ST_RULES = 3,	/* rules or configuration are bad */
	ST_SYSTEM = 4	/* I/O, encoding or memory failure */
};

extern const char *progname;
extern const char *progpath;	/* argv[0] as given: where the tool lies */

/*
 * A rule pack named on the command line (-r): the path itself when it
 * exists or is absolute, else the first of $PAYROLL_PATH's folders, then
 * the installed share/payroll/rules and the source tree's rules beside
 * the program, that holds it (-r us/federal); else the name unchanged,
 * for the loader to report.
 */
const char *rule_path(const char *arg);
/* Sets progname and the signal handlers that remove temporary files. */
void common_init(int argc, char *argv[]);
/*
 * From now on SIGINT, SIGTERM and SIGHUP only set common_interrupted,
 * which the tool checks between records and then dies (for outputs with
 * a cleanup of their own, such as a folder of payslips).
 */
void common_defer_signals(void);
extern volatile sig_atomic_t common_interrupted;

/*
 * Whether a tool prints its run summary on standard error: never with
 * -q, always with -v, else when something needs a person (trouble: records
 * rejected) or a person is watching (standard error is a terminal).  A
 * successful run from cron prints nothing (docs/cron.md).
 */
int show_summary(int quiet, int verbose, int trouble);
/*
 * A rejected record's place and reason on standard error, when no reject
 * file was asked for: "prog: file:line: field 'f': rejected employee ID:
 * message" (id already masked by the caller).  No reason is ever dropped.
 */
void warn_reject(const char *file, unsigned long line, const char *id,
    const char *field, const char *msg);
/* Prints "prog: message" to stderr. */
void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "prog: file:line:col: field 'f': message" from a diag. */
void warn_diag(const struct payroll_diag *diag);
/* Prints the warnings of a rules load (payroll_rules_warning). */
void warn_rules(const struct payroll_rules *rules);
/* Exits with status after removing every uncommitted output. */
_Noreturn void die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
_Noreturn void die_diag(int status, const struct payroll_diag *diag);
/* Dies with a failed library call's status (3 for a bad file, 4 when
 * memory runs out) and its diag; returns when st is PAYROLL_OK. */
void diag_ok(int st, const struct payroll_diag *diag);
/*
 * Loads a configuration file (a layout, settings, an import map) read
 * from fp, opened from path, with the library's YAML loader (conf.c):
 * what names the kind of file in its messages ("layouts").  Dies with
 * ST_RULES on a bad file ("path:line:column: why"), ST_SYSTEM when memory
 * runs out.  NULL for a file without a document; payroll_conf_free()
 * frees the tree.
 */
struct payroll_node *conf_read(FILE *fp, const char *path, const char *what);
/* The exit status for a library status code. */
int status_of(int payroll_status);

/*
 * An output file written atomically, and all the outputs of a run
 * together.  Data goes to an unnamed temporary file in the target's
 * folder (O_TMPFILE; mode 0600), or where the file system has none to a
 * named one, ".NAME.payroll-tmp.XXXXXX", locked while the run lives and
 * removed by a later run if this one is killed.  out_commit_all() first
 * completes and syncs every output, then renames each into place keeping
 * the previous version (".NAME.payroll-old.XXXXXX", a hard link) until
 * all are in place, then copies standard output: a failure anywhere puts
 * every previous version back.  Until then the targets are untouched, and
 * die(), a failed commit or SIGINT/SIGTERM/SIGHUP remove what was written.
 * A path of NULL or "-" (or /dev/stdout, /dev/stderr, /dev/fd/N) is
 * spooled to a temporary file and copied out at commit (a failed run
 * writes nothing to the pipe); a device or FIFO is written in place; a
 * symbolic link is refused (ST_USAGE), and so is an output that is also
 * an input of the run (the same device and inode) or named twice.
 * While a file output is open, the lock file .NAME.payroll-lock beside it
 * is held (flock); a second run writing the same output exits with
 * ST_SYSTEM.
 */
struct outfile {
	char *path;
	const char *base;	/* its last component, in path */
	char *volatile tmp;	/* a named temporary file, in the folder */
	char *old;		/* the previous version, during the commit */
	char *lockname;
	char *volatile lock;	/* lockname while we hold it */
	int dirfd, lockfd, fd, tofd;
	int oldfd;		/* the previous version, locked */
	FILE *fp;
	int registered;
	int direct;		/* a device or FIFO, written in place */
	int spooled;		/* copied to tofd at commit */
	int unnamed;		/* O_TMPFILE: no name until the commit */
	int had;		/* the target exists: */
	dev_t dev;
	ino_t ino;
	int renamed, oldmoved;
	int public;		/* no personal data: the umask's mode */
};

FILE *out_open(struct outfile *o, const char *path);
/*
 * Marks an output that holds no personal data (counts, totals, journal
 * lines by account): it is created with mode 0666 less the umask, as
 * other Unix tools do.  Every other output (records, results, bank files,
 * payslips, filings with ids) is 0600 whatever the umask.
 */
void out_public(struct outfile *o);
void out_abort(struct outfile *o);
/* Commits every open output, all or none; returns 0 or -1 after a
 * message. */
int out_commit_all(void);
/* The same, exiting with ST_SYSTEM on failure (the message is out). */
void out_commit_all_or_die(void);

/* A temporary file in $TMPDIR (or /tmp), unnamed or unlinked at once: it
 * goes when closed or when the program ends.  Dies with ST_SYSTEM. */
FILE *scratch_file(void);

/* Removes what killed runs left in a folder: our temporary files and
 * staging folders that no live run holds locked (out_open does it for
 * each output's folder). */
void stale_sweep(const char *dir);

/* Notes a regular file the run reads (an input operand, a configuration
 * file), so that no output replaces it; dies with ST_USAGE when an open
 * output is that file. */
void in_note(int fd, const char *name);
/* Opens an input operand ("-" or NULL: stdin); dies with ST_SYSTEM. */
FILE *in_open(const char *path);
void in_close(FILE *fp);

/*
 * Duplicate employee ids, with memory that does not grow while the ids
 * come in ascending order (each is spooled to a temporary file); at the
 * first id out of order the spool is loaded into a hash set, which then
 * holds every id.
 */
struct ident {
	size_t off, len;	/* in the arena; len 0: an empty slot */
	unsigned long line;
	uint64_t hash;
};

struct idset {
	struct ident *slot;
	size_t cap, n;		/* cap is a power of two */
	char *arena;
	size_t alen, acap;
};

struct idcheck {
	int sorted;		/* ascending so far */
	char *last;
	size_t lastlen, lastcap;
	unsigned long lastline;
	FILE *spool;
	struct idset set;
};

void idcheck_init(struct idcheck *k);
/* Adds an id seen on a line; returns the line it was first seen on when
 * it is a duplicate, 0 when new. */
unsigned long idcheck_add(struct idcheck *k, const char *id, size_t len,
    unsigned long line);
/* Whether every id so far came in ascending order. */
int idcheck_sorted(const struct idcheck *k);
void idcheck_release(struct idcheck *k);

/*
 * Values that no two records may share (an input declared unique), in
 * any order.  Short ids (12 characters of 0-9, A-Z, '-': an SSN, a
 * NINO) are held exactly in about 16 bytes each; longer ones in an
 * idcheck set.
 */
struct valset {
	uint64_t *key;		/* 0: an empty slot */
	uint32_t *line;
	size_t cap, n;
	struct idcheck other;
};

void valset_init(struct valset *v);
/* Returns the line the value was first seen on when it is a repeat, 0
 * when new. */
unsigned long valset_add(struct valset *v, const char *s, size_t len,
    unsigned long line);
void valset_release(struct valset *v);

/*
 * Payments in one run's results: an employee paid twice on one pay date
 * (a results file given twice, a row repeated) would be paid twice by a
 * bank file and counted twice in a filing.  Every tool that reads
 * results refuses them.
 */
struct paidset {
	struct idcheck ids;	/* employee_id US pay date */
	const char **files;
	size_t nfiles, capfiles;
	char *key;
	size_t keycap;
	unsigned long ndup;	/* repeats reported */
};

void paidset_init(struct paidset *p);
/* Adds the payment of a results row read at file:line (file lives as
 * long as the set, the same pointer for every row of a file).  A repeat
 * is reported on stderr with both places and the id masked, and counted
 * in ndup; returns 1 then, 0 when new. */
int paidset_add(struct paidset *p, const char *file, unsigned long line,
    const char *id, size_t idlen, payroll_date pay);
void paidset_release(struct paidset *p);

/*
 * The inputs a pack declares unique (a national id): no two employees
 * share a value.  hr-validate and payroll-calc use this one check.  An
 * effective-dated master repeats an employee's value on each of their
 * records: uniq_check() checks a value once per employee (an id equal to
 * the one before is the same employee).  Failures go to report() with
 * the column, rule "unique" and a message that does not show the value.
 */
struct uniqcheck {
	struct uniqcol {
		int col;
		struct valset seen;
	} *u;
	size_t n;
	char *previd;		/* the employee before (any length) */
	size_t prevlen, prevcap;
	int have_prev;
};

void uniq_init(struct uniqcheck *u, const struct payroll_rules *rules,
    char *const *names, size_t nnames);
void uniq_check(struct uniqcheck *u, const char *id, size_t idlen,
    const char *const *f, const size_t *l, char *const *names,
    unsigned long line, payroll_report_fn *report, void *arg);
void uniq_release(struct uniqcheck *u);

/*
 * Checks results files against the summary payroll-calc wrote for them
 * (-s): the number of rows and every control total.  A mismatch dies
 * with ST_DATA before anything is written.
 */
void expect_summary(const char *sumpath, int nfiles, char *files[]);

/* Masks all but the last four characters: "****6789", four stars
 * whatever the length (payroll_mask()). */
void mask(const char *s, size_t len, char *buf, size_t size);

/*
 * The columns whose values no message shows whole: national_id and the
 * bank fields (bank_account, bank_routing, iban) always, and every input
 * a loaded pack declares mask: true (mask_columns_of() adds them).
 */
void mask_columns_of(const struct payroll_rules *rules);
int masked_column(const char *name);
/* The value as a message shows it, in buf: s itself (cut at 60 bytes),
 * or masked when column is a masked one. */
const char *show_value(const char *column, const char *s, size_t len,
    char *buf, size_t size);

/* A decimal number as people read it, with a comma between each group of
 * three digits of its whole part: "-1234567.50" -> "-1,234,567.50".
 * Returns buf. */
const char *group_thousands(const char *num, char *buf, size_t size);

/*
 * --summary FILE, in every tool: the run's counts and control totals as
 * "metric,value" lines (a header first), an output of the run committed
 * with the others (all or none).  sumfile_open() with a NULL path does
 * nothing, and sumfile_put() on a run without a summary file neither.
 */
void sumfile_open(const char *path);
void sumfile_put(const char *metric, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * A streaming pipeline (docs/cron.md, "A streaming pipeline").
 *
 * --stream-summary FILE, on a tool that writes records to standard
 * output: stream_summary_open() (after the inputs are open, before
 * standard output is) opens FILE as the run's summary and removes the
 * previous one at once; standard output is then written as the records
 * are made when it is a pipe or FIFO (else spooled as always), through
 * a counter.  The tool writes its summary lines to stream_summary_file()
 * (sumfile_open() with the same path does), and stream_summary_end()
 * adds stream_records, stream_bytes and stream_hash just before
 * out_commit_all(), which installs FILE while standard output is still
 * open: a reader that reaches the end of its input finds FILE if and
 * only if the run succeeded.
 *
 * --input-summary FILE, on the reading side: input_summary() before the
 * input is opened makes the next in_open() read through a counter;
 * input_summary_check(records), at the end of the input and before any
 * output is committed, dies with ST_DATA ("input truncated: ...") unless
 * FILE exists and says that many records and exactly the bytes read;
 * input_summary_total() then checks one control total (1: checked, 0:
 * FILE has none for that column).
 */
void stream_summary_open(const char *path);
FILE *stream_summary_file(void);
void stream_summary_end(unsigned long records);
void input_summary(const char *path);
void input_summary_check(unsigned long records);
int input_summary_total(const char *col, const char *got);

/*
 * Progress on standard error while records are read, only when it is a
 * terminal and the run is not quiet: records, records a second and, when
 * the input's size is known, the time left.  progress_tick() is cheap:
 * it looks at the clock once in 4096 records and writes at most four
 * times a second; progress_done() clears the line.
 */
struct progress {
	int on;
	FILE *in;		/* the input read, for its position */
	long long size;		/* its size, or -1 */
	long long t0, last;	/* milliseconds */
	unsigned long n;
};
void progress_start(struct progress *p, int quiet, FILE *in);
void progress_tick(struct progress *p);
void progress_done(struct progress *p);

#endif /* COMMON_H */
