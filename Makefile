# Makefile for libpayroll and the payroll tools.


PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man

VERSION = 0.1.0
CC ?= cc
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
	-Wshadow -Wno-unused-parameter
ifdef DEVELOPER
WARN += -Werror
endif
ifdef SANITIZE
SAN = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
YAML_CFLAGS != pkg-config --cflags yaml-0.1 2>/dev/null || true
YAML_LIBS != pkg-config --libs yaml-0.1 2>/dev/null || echo -lyaml
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	$(YAML_CFLAGS) -Ilibpayroll -Icmd $(SAN) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)
LIBS = $(YAML_LIBS) -lcsv
# PDF payslips (payroll-export --format payslip-pdf) through cairo.
CAIRO_CFLAGS != pkg-config --cflags cairo-pdf fontconfig 2>/dev/null || true
CAIRO_LIBS != pkg-config --libs cairo-pdf fontconfig 2>/dev/null || echo -lcairo -lfontconfig
bin/payroll-export: LIBS += $(CAIRO_LIBS)

LIB_SRC = $(sort $(wildcard libpayroll/*.c))
LIB_OBJ = $(LIB_SRC:.c=.o)
LIB = libpayroll/libpayroll.a
# The shared library: soname libpayroll.so.MAJOR (the tools link the
# static one; programs of others link either, through pkg-config).
SOMAJOR = 0
SONAME = libpayroll.so.$(SOMAJOR)
SHLIB = libpayroll/libpayroll.so.$(VERSION)
TOOLS = $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard cmd/*/main.c)))))
PROGS = $(addprefix bin/,$(TOOLS))
# What every tool shares (cmd/*.c: common.c, output.c, stream.c, ...),
# linked into each of them; a new file there needs no edit here.
COMMON_SRC = $(sort $(wildcard cmd/*.c))
COMMON_OBJ = $(COMMON_SRC:.c=.o)
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_BIN = $(UNIT_SRC:.c=)
EXTRA_BIN = samples/synth

all: $(PROGS) $(EXTRA_BIN) $(SHLIB)

libpayroll/%.o: libpayroll/%.c libpayroll/payroll.h libpayroll/internal.h
	$(CC) $(ALL_CFLAGS) -fPIC -c -o $@ $<

$(LIB): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(SHLIB): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) -o $@ $(LIB_OBJ) $(ALL_LDFLAGS) $(LIBS)

# Every tool is an ordinary multi-file program: bin/TOOL links the objects
# of cmd/TOOL/*.c, which share the tool's private header (cmd/TOOL/*.h);
# a new tool or a new file needs no edit here.
tool_objs = $(patsubst %.c,%.o,$(wildcard cmd/$(1)/*.c))
TOOL_OBJ = $(foreach t,$(TOOLS),$(call tool_objs,$(t)))
.SECONDARY: $(TOOL_OBJ)
cmd/payroll-export/%.o: TOOL_CFLAGS = $(CAIRO_CFLAGS)

.SECONDEXPANSION:
cmd/%.o: cmd/%.c $$(wildcard $$(dir $$@)*.h) cmd/common.h libpayroll/payroll.h
	$(CC) $(ALL_CFLAGS) $(TOOL_CFLAGS) -c -o $@ $<

bin/%: $$(call tool_objs,$$*) $(COMMON_OBJ) $(LIB)
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) -o $@ $(call tool_objs,$*) $(COMMON_OBJ) $(LIB) $(ALL_LDFLAGS) $(LIBS)

tests/bench/floor: tests/bench/floor.c
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) -lcsv

samples/synth: samples/synth.c $(COMMON_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(COMMON_OBJ) $(LIB) $(ALL_LDFLAGS) $(LIBS)

tests/unit/%: tests/unit/%.c tests/unit/tap.h tests/unit/yamltext.h $(LIB)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS)

# make check: the fast tier (unit, CLI goldens, official vectors, cases;
# under a minute on two idle cores); make check-all: everything, as CI
# runs it (also bad inputs, Unix conventions, the README's commands, the
# demos, filings validators, fault injection, sharding).
check: all $(UNIT_BIN)
	@sh tests/run.sh fast

check-all: all $(UNIT_BIN)
	@sh tests/run.sh all

demo: all
	@sh samples/demo.sh

demo-multistate: all
	@sh samples/multistate/demo.sh

demo-uk: all
	@sh samples/uk/demo.sh

demo-de: all
	@sh samples/de/demo.sh

demo-ca: all
	@sh samples/ca/demo.sh

bench: all tests/bench/floor
	@sh tests/bench/run.sh

# The mutation sample (tests/mutation/mutants.txt), in scratch copies;
# not part of check or check-all: it takes an hour or more.
mutation:
	@sh tests/mutation/run.sh

# libFuzzer targets (clang); FUZZ_SECONDS a target, 10 by default.
fuzz:
	@sh tests/fuzz/run.sh

deps:
	@sh .ci/deps.sh

MAN1 = $(wildcard cmd/*/*.1)
MAN5 = $(wildcard docs/man/*.5)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/payroll \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 libpayroll/payroll.h $(DESTDIR)$(INCLUDEDIR)
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)
	ln -sf libpayroll.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libpayroll.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    libpayroll/libpayroll.pc.in >$(DESTDIR)$(LIBDIR)/pkgconfig/libpayroll.pc
	(cd rules && find . -name '*.yaml' ! -path './formats/*.xsd') | \
	    while read -r f; do \
		mkdir -p "$(DESTDIR)$(DATADIR)/payroll/rules/$$(dirname "$$f")"; \
		install -m 644 "rules/$$f" "$(DESTDIR)$(DATADIR)/payroll/rules/$$f"; \
	    done
	if [ -d completions ]; then mkdir -p $(DESTDIR)$(DATADIR)/bash-completion/completions && \
	    for t in $(TOOLS); do install -m 644 completions/payroll.bash \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions/$$t; done; fi

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t \
	    $(DESTDIR)$(MANDIR)/man1/$$t.1 \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions/$$t; done
	rm -f $(DESTDIR)$(MANDIR)/man5/payroll-rules.5 \
	    $(DESTDIR)$(MANDIR)/man5/payroll-files.5 \
	    $(DESTDIR)$(INCLUDEDIR)/payroll.h $(DESTDIR)$(LIBDIR)/libpayroll.a \
	    $(DESTDIR)$(LIBDIR)/libpayroll.so.$(VERSION) \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libpayroll.so \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/libpayroll.pc
	rm -rf $(DESTDIR)$(DATADIR)/payroll

clean:
	rm -f $(LIB_OBJ) $(LIB) $(SHLIB) $(COMMON_OBJ) $(TOOL_OBJ) $(UNIT_BIN) $(EXTRA_BIN) \
	    tests/bench/floor
	rm -rf bin out tests/out

.PHONY: all check check-all mutation demo demo-multistate demo-uk demo-de demo-ca bench fuzz deps install uninstall clean
