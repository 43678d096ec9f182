/*
 * common.c: what every tool shares: exit statuses, messages, signals,
 * the rule pack path, masked values, progress.  The rest of the tools'
 * common code: output.c (inputs, atomic outputs and their commit),
 * tmpfiles.c (temporary files), checks.c (duplicate ids, payments given
 * twice, control figures, unique values), stream.c (the streaming
 * pipeline); common_int.h declares what they share among themselves.
 */
#define _GNU_SOURCE		/* O_TMPFILE, fopencookie */
#include <sys/file.h>
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "common_int.h"

const char *progname = "payroll";
const char *progpath = "payroll";

/* When the run started: a temporary file of ours older than this, that
 * no process holds locked, was left by a run that was killed. */
struct timespec common_started;

volatile sig_atomic_t common_interrupted;
static int deferring;

static void
on_signal(int sig)
{
	if (deferring) {
		/* The tool checks the flag and dies cleanly (its own
		 * cleanup runs at exit). */
		common_interrupted = sig;
		return;
	}
	/* Named temporary files and lock files go; unnamed ones
	 * (O_TMPFILE) go with the process. */
	common_signal_unlink();
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * At exit, what is still buffered for standard output is written and a
 * failure reported, as GNU tools do: "--help >/dev/full" is a write
 * error (status 4), not a success.
 */
volatile sig_atomic_t common_died;	/* a write error or die() said why */

static void
close_stdout(void)
{
	if (!common_died && (fflush(stdout) != 0 || ferror(stdout))) {
		int e = errno;

		fprintf(stderr, "%s: standard output: %s\n", progname,
		    strerror(e != 0 ? e : EIO));
		_exit(ST_SYSTEM);
	}
}

/* The umask the run was started with (out_public()). */
mode_t common_run_umask = 022;

void
common_init(int argc, char *argv[])
{
	const char *p;
	struct sigaction sa;

	(void)argc;
	clock_gettime(CLOCK_REALTIME, &common_started);
	common_run_umask = umask(077);
	umask(common_run_umask);
	if (argv[0] != NULL) {
		progpath = argv[0];
		/* The program's own file, wherever it was started from
		 * ($PATH, a symbolic link, a relative path): layouts and
		 * packs are found beside it (bin/../rules in the source
		 * tree, bin/../share/payroll/rules installed). */
		{
			static char self[PATH_MAX];
			ssize_t n = readlink("/proc/self/exe", self,
			    sizeof(self) - 1);

			if (n > 0) {
				self[n] = '\0';
				progpath = self;
			}
		}
		p = strrchr(argv[0], '/');
		progname = p != NULL ? p + 1 : argv[0];
		/* getopt's own messages name the tool, not its path (which
		 * stays in progpath, for files kept beside the program). */
		argv[0] = (char *)progname;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A closed pipe is a write error we report, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	atexit(close_stdout);
}

int
show_summary(int quiet, int verbose, int trouble)
{
	if (quiet)
		return 0;
	return verbose || trouble || isatty(STDERR_FILENO);
}

void
warn_reject(const char *file, unsigned long line, const char *id,
    const char *field, const char *msg)
{
	char where[64] = "";

	if (line > 0)
		snprintf(where, sizeof(where), ":%lu", line);
	fprintf(stderr, "%s: %s%s:%s%s%s rejected%s%s: %s\n", progname, file,
	    where, field != NULL && *field != '\0' ? " field '" : "",
	    field != NULL ? field : "",
	    field != NULL && *field != '\0' ? "':" : "",
	    id != NULL && *id != '\0' ? " employee " : "",
	    id != NULL ? id : "", msg);
}

/* Copies that live as long as the process, freed at exit (so that a
 * leak checker sees none); out of memory ends the run. */
static char **kept;
static size_t nkept;

static void
free_kept(void)
{
	while (nkept > 0)
		free(kept[--nkept]);
	free(kept);
	kept = NULL;
}

static const char *
keep(const char *s)
{
	char *c, **k;

	if ((k = realloc(kept, (nkept + 1) * sizeof(*kept))) == NULL ||
	    (c = strdup(s)) == NULL)
		die(ST_SYSTEM, "out of memory");
	if (kept == NULL)
		atexit(free_kept);
	kept = k;
	kept[nkept++] = c;
	return c;
}

const char *
rule_path(const char *arg)
{
	static const char *const beside[] = { "../share/payroll/rules",
	    "../rules", NULL };
	struct stat sb;
	const char *env, *slash, *p, *q;
	char buf[PATH_MAX];
	size_t i;

	if (arg[0] == '/' || stat(arg, &sb) == 0)
		return arg;
	/* $PAYROLL_PATH: folders separated by ':', as $PATH. */
	if ((env = getenv("PAYROLL_PATH")) != NULL)
		for (p = env; *p != '\0'; p = *q != '\0' ? q + 1 : q) {
			if ((q = strchr(p, ':')) == NULL)
				q = p + strlen(p);
			if (q == p)
				continue;
			if (snprintf(buf, sizeof(buf), "%.*s/%s", (int)(q - p),
			    p, arg) < (int)sizeof(buf) && stat(buf, &sb) == 0)
				return keep(buf);
		}
	if ((slash = strrchr(progpath, '/')) != NULL)
		for (i = 0; beside[i] != NULL; i++)
			if (snprintf(buf, sizeof(buf), "%.*s/%s/%s",
			    (int)(slash - progpath), progpath, beside[i],
			    arg) < (int)sizeof(buf) && stat(buf, &sb) == 0)
				return keep(buf);
	return arg;
}

void
common_defer_signals(void)
{
	deferring = 1;
}

void
warnx_(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
warn_diag(const struct payroll_diag *diag)
{
	char buf[1024];

	payroll_diag_format(diag, buf, sizeof(buf));
	fprintf(stderr, "%s: %s\n", progname, buf);
}

void
warn_rules(const struct payroll_rules *rules)
{
	size_t i;

	for (i = 0; i < payroll_rules_nwarnings(rules); i++)
		warn_diag(payroll_rules_warning(rules, i));
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;
	char why[512];
	int cut = 0;

	/* An input cut short often shows first as bad data (no header, a
	 * short last record): say what it is, in the same line, the cause
	 * first and what it looked like after it.  A usage or system error
	 * is not the input's doing. */
	if (status == ST_DATA && common_insumpath != NULL && common_in_eof &&
	    !common_in_said) {
		common_in_said = 1;
		cut = common_insum_why(why, sizeof(why));
	}
	fprintf(stderr, "%s: ", progname);
	if (cut)
		fprintf(stderr, "input truncated: %s (", why);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cut)
		fputc(')', stderr);
	fputc('\n', stderr);
	common_abort_all();
	common_died = 1;
	exit(status);
}

void
die_diag(int status, const struct payroll_diag *diag)
{
	warn_diag(diag);
	common_abort_all();
	common_died = 1;
	exit(status);
}

struct payroll_node *
conf_read(FILE *fp, const char *path, const char *what)
{
	struct payroll_conf_opts opts = { what, 0, 0, 0,
	    PAYROLL_CONF_CONTEXT_MARK };
	struct payroll_diag diag;
	struct payroll_node *root;
	struct stat sb;
	int st;

	/* A folder opens, and reads as an error with no reason: say it. */
	if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode))
		die(ST_RULES, "%s: %s", path, strerror(EISDIR));
	payroll_diag_clear(&diag);
	if ((st = payroll_conf_read(fp, path, &opts, &root, &diag)) == 0)
		return root;
	if (st == PAYROLL_ENOMEM)
		die(ST_SYSTEM, "%s: out of memory", path);
	if (diag.line != 0)
		die(st == PAYROLL_ERULES ? ST_RULES : ST_SYSTEM,
		    "%s:%lu:%lu: %s", path, diag.line, diag.column, diag.msg);
	die(st == PAYROLL_ERULES ? ST_RULES : ST_SYSTEM, "%s: %s", path,
	    diag.msg);
}

int
status_of(int st)
{
	switch (st) {
	case PAYROLL_OK:
	case PAYROLL_EOF:
		return ST_OK;
	case PAYROLL_ERULES:
		return ST_RULES;
	case PAYROLL_EINVAL:
		return ST_USAGE;
	case PAYROLL_ENOMEM:
	case PAYROLL_EIO:
	case PAYROLL_EENCODING:
		return ST_SYSTEM;
	default:
		return ST_DATA;
	}
}

void
diag_ok(int st, const struct payroll_diag *diag)
{
	if (st != PAYROLL_OK)
		die_diag(status_of(st), diag);
}

void
mask(const char *s, size_t len, char *buf, size_t size)
{
	payroll_mask(s, len, buf, size);
}

/* Masked whatever the packs say: people's ids and bank details. */
static const char *const always_masked[] = {
	"national_id", "bank_account", "bank_routing", "iban"
};
static char **pack_masked;
static size_t npack_masked;

void
mask_columns_of(const struct payroll_rules *rules)
{
	size_t i;

	if (rules == NULL)
		return;
	for (i = 0; i < payroll_rules_ninputs(rules); i++) {
		const char *nm = payroll_rules_input_name(rules, i);
		char **p;

		if (!payroll_rules_input_mask(rules, i) || masked_column(nm))
			continue;
		if ((p = realloc(pack_masked, (npack_masked + 1) *
		    sizeof(*p))) == NULL)
			die(ST_SYSTEM, "out of memory");
		pack_masked = p;
		if ((pack_masked[npack_masked] = strdup(nm)) == NULL)
			die(ST_SYSTEM, "out of memory");
		npack_masked++;
	}
}

int
masked_column(const char *name)
{
	size_t i;

	if (name == NULL)
		return 0;
	for (i = 0; i < sizeof(always_masked) / sizeof(always_masked[0]); i++)
		if (strcmp(name, always_masked[i]) == 0)
			return 1;
	for (i = 0; i < npack_masked; i++)
		if (strcmp(name, pack_masked[i]) == 0)
			return 1;
	return 0;
}

const char *
show_value(const char *column, const char *s, size_t len, char *buf,
    size_t size)
{
	if (masked_column(column))
		payroll_mask(s, len, buf, size);
	else
		snprintf(buf, size, "%.*s%s", (int)(len > 60 ? 60 : len), s,
		    len > 60 ? "..." : "");
	return buf;
}

const char *
group_thousands(const char *num, char *buf, size_t size)
{
	size_t i = 0, n = 0, whole, k;

	if (*num == '-' || *num == '+')
		i = 1;
	whole = strspn(num + i, "0123456789");
	if (size < strlen(num) + whole / 3 + 1) {
		snprintf(buf, size, "%s", num);
		return buf;
	}
	for (k = 0; k < i; k++)
		buf[n++] = num[k];
	for (k = 0; k < whole; k++) {
		if (k > 0 && (whole - k) % 3 == 0)
			buf[n++] = ',';
		buf[n++] = num[i + k];
	}
	strcpy(buf + n, num + i + whole);
	return buf;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
progress_start(struct progress *p, int quiet, FILE *in)
{
	struct stat st;

	memset(p, 0, sizeof(*p));
	p->on = !quiet && isatty(STDERR_FILENO);
	p->in = in;
	p->size = in != NULL && fstat(fileno(in), &st) == 0 &&
	    S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
	p->t0 = p->last = now_ms();
}

void
progress_tick(struct progress *p)
{
	long long t, el, done, rate;

	if (!p->on || (++p->n & 4095) != 0)
		return;
	t = now_ms();
	if (t - p->last < 250)
		return;
	p->last = t;
	el = t - p->t0 > 0 ? t - p->t0 : 1;
	rate = (long long)p->n * 1000 / el;
	fprintf(stderr, "\r\033[K%s: %lu records, %lld/s", progname, p->n,
	    rate);
	if (p->size > 0 && p->in != NULL && (done = ftello(p->in)) > 0 &&
	    done < p->size)
		fprintf(stderr, ", %lld s left",
		    (p->size - done) * el / done / 1000 + 1);
}

void
progress_done(struct progress *p)
{
	if (p->on && p->n >= 4096)
		fputs("\r\033[K", stderr);
	p->on = 0;
}
