# Makefile for libpayroll and the payroll tools.


PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man

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

LIB_SRC = $(sort $(wildcard libpayroll/*.c))
LIB_OBJ = $(LIB_SRC:.c=.o)
LIB = libpayroll/libpayroll.a
TOOLS = $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard cmd/*/main.c)))))
PROGS = $(addprefix bin/,$(TOOLS))
COMMON_OBJ = cmd/common.o
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_BIN = $(UNIT_SRC:.c=)
EXTRA_BIN = samples/synth

all: $(PROGS) $(EXTRA_BIN)

libpayroll/%.o: libpayroll/%.c libpayroll/payroll.h libpayroll/internal.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

cmd/%.o: cmd/%.c cmd/common.h libpayroll/payroll.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

bin/%: cmd/%/main.c $(COMMON_OBJ) $(LIB) cmd/common.h libpayroll/payroll.h
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) -o $@ $< $(COMMON_OBJ) $(LIB) $(ALL_LDFLAGS) $(LIBS)

tests/bench/floor: tests/bench/floor.c
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) -lcsv

samples/synth: samples/synth.c $(COMMON_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(COMMON_OBJ) $(LIB) $(ALL_LDFLAGS) $(LIBS)

tests/unit/%: tests/unit/%.c tests/unit/tap.h $(LIB)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS)

check: all $(UNIT_BIN)
	@sh tests/run.sh

demo: all
	@sh samples/demo.sh

bench: all tests/bench/floor
	@sh tests/bench/run.sh

deps:
	@sh .ci/deps.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/payroll
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	cp -R rules $(DESTDIR)$(DATADIR)/payroll/

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t; done
	rm -rf $(DESTDIR)$(DATADIR)/payroll

clean:
	rm -f $(LIB_OBJ) $(LIB) $(COMMON_OBJ) $(UNIT_BIN) $(EXTRA_BIN) \
	    tests/bench/floor
	rm -rf bin out tests/out

.PHONY: all check demo bench deps install uninstall clean
