/*
 * pc.h: what the parts of payroll-calc share: the run (struct run), its
 * side inputs, and the functions each part offers the others.
 */
#ifndef PC_H
#define PC_H

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

#define MAXRULES 64

/* A CSV input with its header, for merge-joining by employee_id. */
struct side {
	const char *path;
	FILE *fp;
	struct payroll_csv *csv;
	char **names;
	size_t nnames;
	int idcol;
	int have;		/* a row is read and not yet used */
	int order;		/* 1: ids ascending, 2: strictly (no repeats) */
	char *prev;		/* the id of the row before (any length) */
	size_t prevcap;
	char *id;		/* its employee_id (copied) */
	unsigned long line;
	const char **f;		/* its fields (copied) */
	size_t *l;
	struct buf_ {
		char *p;
		size_t cap;
	} store;
};

enum { FMT_CSV, FMT_TSV, FMT_JSON };

/* One employee record: fields, lengths, source line. */
struct row {
	const char **f;
	size_t *l;
	size_t n;
	unsigned long line;
	char *store;
	size_t cap;
};

/* The records of one employee, for effective-dated input. */
struct group {
	struct row *rows;
	size_t n, cap;
};

struct run {
	struct payroll_rules *rules;
	struct payroll_calc *calc;
	struct side emp, ytd, items, paid;
	struct payroll_csv_writer out, rej, yout;
	int fmt;		/* FMT_CSV, FMT_TSV or FMT_JSON for results */
	const char **names;	/* the results' column names */
	size_t nnames, col;
	int have_ytd_out, have_rej;
	const char *explain;
	int explained;
	unsigned long nread, npaid, nrejected;
	unsigned long nemitted;	/* results lines, the header too */
	unsigned long nitemrej;	/* item rows with no employee */
	struct payroll_dec *totals;
	size_t ncols;
	int *passcol;		/* employee columns passed through */
	size_t npass;
	unsigned char *passnum;	/* per passed column: 1 a declared number,
				 * 2 a bool, 0 any other */
	int *yextra;		/* YTD-in columns carried unchanged */
	size_t nyextra;
	int idmask;		/* mask employee ids in rejects */
	char *lastid;		/* the employee before (any length) */
	size_t lastcap;
	int sorted;		/* employee ids ascending so far */
	char period[3][11];
	struct payroll_period per;
	int effcol;		/* effective_date column, or -1 */
	int groupcol;		/* pay_group column, when a calendar is used */
	const char *paygroup;	/* the calendar's pay group */
	unsigned long nother;	/* records of other pay groups */
	unsigned long nlater;	/* records in force only after the period */
	int retro;		/* write differences against r->paid */
	int offcycle;
	int ytdendcol;		/* last_period_end in the YTD file, or -1 */
	int freqcol, hirecol, termcol;	/* or -1 */
	const char *freqname;	/* the run's frequency */
	unsigned long nnotemployed;	/* hired after or left before */
	struct progress pg;	/* on a terminal only */
	struct expect {
		const char *col;	/* an input column */
		int idx;
		struct payroll_dec want, got;
	} expect[8];
	int nexpect;
	unsigned long nchanged, nunchanged, nremoved;
	int *paidcol;		/* result column -> column of the paid file */
	struct payroll_dec *delta;
	unsigned long nrowspaid;	/* records of the employees paid */
	unsigned long nsplit;	/* employees paid in segments */
	struct group grp;	/* one employee's records (effective-dated) */
	struct idcheck ids;	/* employee ids seen (duplicates) */
	struct outfile sumfile;
	struct outfile outfile, rejfile, ytdfile;	/* results, rejects,
							 * YTD out */
};

/* side.c */
void
side_open(struct side *s, const char *path, const char *what);
void
keep(char **dst, size_t *cap, const char *s, size_t len);
int
side_next(struct side *s);
void
side_close(struct side *s);
/* summary.c */
void
summary(struct run *r, const char *path, int quiet);

/* output.c */
int
record_error(int st, const struct payroll_diag *diag);
void
reject(struct run *r, const char *file, unsigned long line, const char *id,
    size_t idlen, const char *field, const char *rule, const char *msg);
void
put(struct payroll_csv_writer *w, const char *s, size_t len);
void
endrec(struct payroll_csv_writer *w);
void
emit(struct run *r, const char *s, size_t len);
void
emit_end(struct run *r);
void
carry_ytd(struct run *r);
void
write_ytd(struct run *r, const char *id, size_t idlen, int from_row);
/* process.c */
void
check_sorted(struct run *r, const char *id, size_t len, unsigned long line);
void
retro_removed(struct run *r);
int
same_freq(const char *s, size_t len, const char *runfreq);
void
process(struct run *r, struct row *rows, size_t nrows);

#endif
