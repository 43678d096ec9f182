/*
 * common_int.h: what the files of the tools' common code (common.c,
 * output.c, tmpfiles.c, checks.c, stream.c) share among themselves.
 * The tools include common.h only.
 */
#ifndef COMMON_INT_H
#define COMMON_INT_H

#include <signal.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "common.h"

/* The most outputs one run opens. */
#define COMMON_MAXOUT 32

/* common.c */
/* When the run started: a temporary file of ours older than this, that
 * no process holds locked, was left by a run that was killed. */
extern struct timespec common_started;
/* A write error or die() said why: close_stdout() says nothing more. */
extern volatile sig_atomic_t common_died;
/* The umask the run was started with (out_public()). */
extern mode_t common_run_umask;

/* output.c */
/* Removes every uncommitted output (die()). */
void common_abort_all(void);
/* In the signal handler: removes the named temporary files and lock
 * files of the open outputs. */
void common_signal_unlink(void);
/* /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the system's
 * links to the descriptors; returns the descriptor, or -1. */
int common_fd_alias(const char *path);

/* tmpfiles.c */
/* The kinds of our named temporary files: [0] an output being written,
 * [1] the previous version kept during a commit. */
extern const char *const common_tmpkinds[];
/* A free name ".BASE.KIND.XXXXXX" in the folder: made by make(), which
 * returns 0, or -1 with errno (EEXIST: another name is tried). */
char *common_new_name(const char *base, const char *kind,
    int (*make)(const char *name, void *arg), void *arg);
/* Removes what killed runs left in the folder dirfd (once a folder). */
void common_sweep_fd(int dirfd);
/* Whether unnamed files can be given a name: linkat through /proc. */
int common_proc_fd_ok(void);

/* stream.c */
/* --stream-summary: standard output goes through common_stream_fopen(). */
extern const char *common_streampath;
extern struct outfile *common_streamout;
FILE *common_stream_fopen(struct outfile *o);
/* A failed run: nothing more goes out on the pipe. */
void common_stream_discard(struct outfile *o);
/* The spool of --stream-summary's standard output, or -1. */
int common_stream_spoolfd(const struct outfile *o);
/* --input-summary: the run's input goes through common_instream_fopen(). */
extern const char *common_insumpath;
extern FILE *common_instream;
extern int common_in_eof, common_in_said;
FILE *common_instream_fopen(int fd);
/* die() at the end of the input: why it is not what was written, in
 * the buffer, if it is not (1). */
int common_insum_why(char *, size_t);

#endif /* COMMON_INT_H */
