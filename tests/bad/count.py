#!/usr/bin/env python3
"""Counts the records of a CSV file, for tests/bad/run.sh.

usage: count.py FILE [--distinct]

Prints the number of records after the header (RFC 4180, as Python's csv
module reads it: quoted fields may hold line ends; blank lines are not
records).  With --distinct, the number of distinct (first, second) field
pairs instead: a rejects file's (file, line), which is one per rejected
record even when a record has several faults.  A reader independent of
libpayroll's, so that the count checks the tools rather than repeats them.
"""
import csv
import io
import sys


def main():
    csv.field_size_limit(sys.maxsize)
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        text = f.read().decode("utf-8", "surrogateescape")
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    rows = rows[1:]
    if len(sys.argv) == 3 and sys.argv[2] == "--distinct":
        print(len({(r[0], r[1] if len(r) > 1 else "") for r in rows}))
    else:
        print(len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
