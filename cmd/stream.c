/*
 * stream.c: a streaming pipeline: --stream-summary and --input-summary
 * (docs/cron.md).
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

/* --stream-summary: standard output goes through common_stream_fopen(). */
const char *common_streampath;
struct outfile *common_streamout;
/* --input-summary: the run's input goes through common_instream_fopen(). */
const char *common_insumpath;
FILE *common_instream;
int common_in_eof, common_in_said;

/* ------------------------------------------------------------------ */
/* A streaming pipeline: --stream-summary and --input-summary          */
/* ------------------------------------------------------------------ */

/*
 * What a stream held: its bytes and a 64-bit hash of them, the same
 * however the bytes were cut into writes and reads (words of eight
 * bytes, little-endian, mixed by a multiply and a shift; the last
 * partial word and the length at the end).  A check against a stream
 * cut short or a summary of another run, not against an adversary.
 */
struct streamhash {
	uint64_t h, tail;
	unsigned ntail;
	unsigned long long bytes;
};

static uint64_t
sh_mix(uint64_t h, uint64_t w)
{
	h ^= w;
	h *= 0xFF51AFD7ED558CCDULL;
	return h ^ h >> 32;
}

static void
sh_init(struct streamhash *s)
{
	memset(s, 0, sizeof(*s));
	s->h = 0x9E3779B97F4A7C15ULL;
}

static void
sh_update(struct streamhash *s, const char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)buf;
	uint64_t h = s->h, w;

	s->bytes += n;
	for (; n > 0 && s->ntail > 0; p++, n--) {
		s->tail |= (uint64_t)*p << (8 * s->ntail);
		if (++s->ntail == 8) {
			h = sh_mix(h, s->tail);
			s->tail = 0;
			s->ntail = 0;
		}
	}
	for (; n >= 8; p += 8, n -= 8) {
		w = (uint64_t)p[0] | (uint64_t)p[1] << 8 |
		    (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
		    (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
		    (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
		h = sh_mix(h, w);
	}
	for (; n > 0; p++, n--)
		s->tail |= (uint64_t)*p << (8 * s->ntail++);
	s->h = h;
}

static void
sh_final(const struct streamhash *s, char *buf, size_t size)
{
	uint64_t h = sh_mix(sh_mix(s->h, s->tail | (uint64_t)s->ntail << 56),
	    (uint64_t)s->bytes);

	snprintf(buf, size, "%016llx", (unsigned long long)h);
}

/* The writing side: standard output through a counter, to the pipe
 * itself or to a spool. */
static struct streamhash outhash;
static struct {
	int fd;			/* the pipe, or the spool */
	int discard;		/* the run failed: nothing more goes out */
	FILE *spool;
} osink = { -1, 0, NULL };
static struct outfile streamsum;

static ssize_t
sink_write(void *cookie, const char *buf, size_t n)
{
	size_t off = 0;
	ssize_t w;

	(void)cookie;
	if (osink.discard)
		return (ssize_t)n;
	while (off < n) {
		if ((w = write(osink.fd, buf + off, n - off)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)w;
	}
	sh_update(&outhash, buf, n);
	return (ssize_t)n;
}

static int
sink_close(void *cookie)
{
	(void)cookie;
	return 0;	/* standard output stays open until the process ends */
}

FILE *
common_stream_fopen(struct outfile *o)
{
	static const cookie_io_functions_t io = { NULL, sink_write, NULL,
	    sink_close };
	struct stat sb;

	common_streamout = o;
	sh_init(&outhash);
	if (fstat(STDOUT_FILENO, &sb) == 0 && S_ISFIFO(sb.st_mode)) {
		/* A pipe or FIFO: written as the records are made; the
		 * summary, written only on success, vouches for it. */
		osink.fd = STDOUT_FILENO;
		o->direct = 1;
	} else {
		/* A file or a terminal: spooled as without the option. */
		osink.spool = scratch_file();
		osink.fd = fileno(osink.spool);
		o->spooled = 1;
	}
	if ((o->fp = fopencookie(NULL, "w", io)) == NULL)
		die(ST_SYSTEM, "standard output: %s", strerror(errno));
	setvbuf(o->fp, NULL, _IOFBF, 1 << 16);
	return o->fp;
}

void
common_stream_discard(struct outfile *o)
{
	if (o != common_streamout || o == NULL)
		return;
	osink.discard = 1;
	if (o->fp != NULL)
		fclose(o->fp);
	o->fp = NULL;
	if (osink.spool != NULL)
		fclose(osink.spool);
	osink.spool = NULL;
	common_streamout = NULL;
}

int
common_stream_spoolfd(const struct outfile *o)
{
	return o != NULL && o == common_streamout && osink.spool != NULL ? osink.fd :
	    -1;
}

void
stream_summary_open(const char *path)
{
	struct stat sb;

	/* Not a FIFO or a device (opening one could wait for a reader),
	 * not standard output. */
	if ((lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISLNK(sb.st_mode)) || strcmp(path, "-") == 0 ||
	    common_fd_alias(path) != -1)
		die(ST_USAGE, "--stream-summary %s: name a file (it is removed "
		    "when the run starts and written when it succeeds)", path);
	/* The summary read at the end of the input is another file. */
	if (common_insumpath != NULL) {
		struct stat in;

		if (strcmp(common_insumpath, path) == 0 || (stat(common_insumpath, &in) ==
		    0 && stat(path, &sb) == 0 && in.st_dev == sb.st_dev &&
		    in.st_ino == sb.st_ino))
			die(ST_USAGE, "--stream-summary %s is also the "
			    "--input-summary: each pipe has its own", path);
	}
	out_open(&streamsum, path);
	if (streamsum.spooled || streamsum.direct)
		die(ST_USAGE, "--stream-summary %s: name a file (it is removed "
		    "when the run starts and written when it succeeds)", path);
	out_public(&streamsum);
	/* An earlier run's summary must never vouch for this one's
	 * records: it goes before the first of them is written. */
	if (unlinkat(streamsum.dirfd, streamsum.base, 0) == -1 &&
	    errno != ENOENT)
		die(ST_SYSTEM, "%s: %s", path, strerror(errno));
	streamsum.had = 0;
	common_streampath = path;
}

FILE *
stream_summary_file(void)
{
	return common_streampath != NULL ? streamsum.fp : NULL;
}

void
stream_summary_end(unsigned long records)
{
	char hash[32];

	if (common_streampath == NULL)
		return;
	if (common_streamout == NULL || common_streamout->fp == NULL)
		die(ST_SYSTEM, "internal error: --stream-summary without "
		    "standard output");
	if (fflush(common_streamout->fp) == EOF || ferror(common_streamout->fp))
		die(ST_SYSTEM, "standard output: %s", strerror(errno ? errno :
		    EIO));
	sh_final(&outhash, hash, sizeof(hash));
	fprintf(streamsum.fp, "stream_records,%lu\nstream_bytes,%llu\n"
	    "stream_hash,%s\n", records, outhash.bytes, hash);
}

/* The reading side: the run's input through a counter. */
static struct streamhash inhash;
static int infd = -1;
static struct smetric {
	char *name, *value;
} *smetrics;
static size_t nsmetrics;

static ssize_t
src_read(void *cookie, char *buf, size_t n)
{
	ssize_t r;

	(void)cookie;
	do
		r = read(infd, buf, n);
	while (r == -1 && errno == EINTR);
	if (r > 0)
		sh_update(&inhash, buf, (size_t)r);
	else if (r == 0)
		common_in_eof = 1;
	return r;
}

static int
src_close(void *cookie)
{
	(void)cookie;
	if (infd > STDERR_FILENO)
		close(infd);
	return 0;
}

FILE *
common_instream_fopen(int fd)
{
	static const cookie_io_functions_t io = { src_read, NULL, NULL,
	    src_close };
	FILE *fp;

	infd = fd;
	sh_init(&inhash);
	if ((fp = fopencookie(NULL, "r", io)) == NULL)
		die(ST_SYSTEM, "standard input: %s", strerror(errno));
	setvbuf(fp, NULL, _IOFBF, 1 << 16);
	return fp;
}

void
input_summary(const char *path)
{
	common_insumpath = path;
}

static const char *
smetric(const char *name)
{
	size_t i;

	for (i = 0; i < nsmetrics; i++)
		if (strcmp(smetrics[i].name, name) == 0)
			return smetrics[i].value;
	return NULL;
}

static void
free_smetrics(void)
{
	while (nsmetrics > 0) {
		nsmetrics--;
		free(smetrics[nsmetrics].name);
		free(smetrics[nsmetrics].value);
	}
	free(smetrics);
	smetrics = NULL;
}

/* Reads FILE's metric,value lines once; returns 0, or -1 with errno. */
static int
insum_read(void)
{
	struct payroll_csv_opts opts;
	struct payroll_diag diag;
	struct payroll_csv *csv;
	static int done;
	FILE *fp;

	if (done)
		return 0;
	if ((fp = fopen(common_insumpath, "rb")) == NULL)
		return -1;
	memset(&opts, 0, sizeof(opts));
	opts.check_utf8 = 1;
	if (payroll_csv_open(fp, common_insumpath, &opts, &csv) != 0) {
		fclose(fp);
		errno = ENOMEM;
		return -1;
	}
	atexit(free_smetrics);
	done = 1;
	while (payroll_csv_read(csv, &diag) == PAYROLL_OK) {
		size_t l0, l1;
		const char *m = payroll_csv_field(csv, 0, &l0);
		const char *v = payroll_csv_field(csv, 1, &l1);
		struct smetric *p;

		if (payroll_csv_nfields(csv) != 2)
			continue;
		if ((p = realloc(smetrics, (nsmetrics + 1) *
		    sizeof(*p))) == NULL)
			break;
		smetrics = p;
		if ((p[nsmetrics].name = strndup(m, l0)) == NULL ||
		    (p[nsmetrics].value = strndup(v, l1)) == NULL) {
			free(p[nsmetrics].name);
			break;
		}
		nsmetrics++;
	}
	payroll_csv_free(csv);
	fclose(fp);
	return 0;
}

/* Whether FILE gives the bytes and hash read; else why not, in why. */
static int
insum_bytes_ok(char *why, size_t size)
{
	const char *sb = smetric("stream_bytes"), *sh = smetric("stream_hash");
	char hash[32], got[32];

	snprintf(got, sizeof(got), "%llu", inhash.bytes);
	sh_final(&inhash, hash, sizeof(hash));
	if (sb == NULL || sh == NULL) {
		snprintf(why, size, "%s has no stream_bytes and stream_hash: "
		    "not a --stream-summary file", common_insumpath);
		return 0;
	}
	if (strcmp(sb, got) == 0 && strcmp(sh, hash) == 0)
		return 1;
	snprintf(why, size, "%s says %.30s bytes (hash %.20s) were written, "
	    "%s bytes (hash %s) were read: not that run's output", common_insumpath,
	    sb, sh, got, hash);
	return 0;
}

/* die() at the end of the input: why the input is not what was
 * written, in why, if it is not (1); 0 when it is, or when that cannot
 * be told. */
int
common_insum_why(char *why, size_t size)
{
	if (insum_read() != 0) {
		if (errno != ENOENT)
			return 0;
		snprintf(why, size, "%s does not exist: the run that wrote "
		    "the input did not finish", common_insumpath);
		return 1;
	}
	return !insum_bytes_ok(why, size);
}

void
input_summary_check(unsigned long records)
{
	const char *sr;
	char why[512];

	if (common_insumpath == NULL)
		return;
	common_in_said = 1;	/* die() need not add that the input was cut */
	if (common_instream == NULL || !common_in_eof)
		die(ST_SYSTEM, "internal error: --input-summary: the input was "
		    "not read to its end");
	/* Upstream writes its summary before it closes its standard
	 * output: at our end of input it is there if and only if that run
	 * succeeded. */
	if (insum_read() != 0) {
		if (errno == ENOENT)
			die(ST_DATA, "input truncated: %s does not exist: the "
			    "run that wrote the input did not finish (%lu "
			    "records read); nothing written", common_insumpath,
			    records);
		die(ST_SYSTEM, "%s: %s", common_insumpath, strerror(errno));
	}
	if ((sr = smetric("stream_records")) == NULL)
		die(ST_DATA, "input truncated: %s has no stream_records: not a "
		    "--stream-summary file; nothing written", common_insumpath);
	snprintf(why, sizeof(why), "%lu", records);
	if (strcmp(sr, why) != 0)
		die(ST_DATA, "input truncated: %s says %s records were written, "
		    "%lu were read: nothing written", common_insumpath, sr, records);
	if (!insum_bytes_ok(why, sizeof(why)))
		die(ST_DATA, "input truncated: %s; nothing written", why);
}

int
input_summary_total(const char *col, const char *got)
{
	struct payroll_dec a, b;
	char metric[256];
	const char *v;

	if (common_insumpath == NULL)
		return 0;
	snprintf(metric, sizeof(metric), "total_%s", col);
	if ((v = smetric(metric)) == NULL)
		return 0;
	if (payroll_dec_parse(v, strlen(v), &a) != 0)
		die(ST_DATA, "%s: %s: '%s' is not an amount", common_insumpath, metric,
		    v);
	if (payroll_dec_parse(got, strlen(got), &b) != 0 ||
	    payroll_dec_cmp(a, b) != 0)
		die(ST_DATA, "input truncated: %s says %s totals %s, the input "
		    "read totals %s: nothing written", common_insumpath, col, v, got);
	return 1;
}
