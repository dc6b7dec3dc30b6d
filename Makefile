# ipcase — build, test, bench.  `make` builds ./ipcase; `make test` builds everything with
# ASan+UBSan and runs every test (and each fuzzer briefly); `make fuzz` runs the fuzzers for
# FUZZ_SECONDS each; `make run` opens the program on a demo workspace.

# The program links CORE_PKGS; the document writers (doc/render.h) and what they link live in
# the renderer library beside it, loaded when a document or a sheet is made.
CORE_PKGS   = ncursesw sqlite3 libgit2 libsodium jansson libdeflate libcrypto
RENDER_PKGS = pangocairo cairo libzip libxml-2.0 libqrencode xlsxwriter
PKGS        = $(CORE_PKGS) $(RENDER_PKGS)
TEST_PKGS = $(PKGS) cmocka
# Debian packages that provide the pkg-config names above (plus the tools tests use).
DEB_PKGS  = build-essential pkg-config libncurses-dev libsqlite3-dev libgit2-dev libsodium-dev \
            libdeflate-dev libssl-dev libjansson-dev libcmocka-dev gettext locales tmux git \
            sqlite3 python3 bc \
            openssh-server openssh-client lighttpd clang libclang-rt-14-dev \
            libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils \
            libzip-dev libxml2-dev python3-docx unzip libqrencode-dev zbar-tools \
            libxlsxwriter-dev python3-openpyxl man-db
# (libclang-rt-14-dev holds libFuzzer and the sanitizer runtimes of Debian 12's clang 14: clang
# only recommends it; fonts-noto-cjk the faces doc/pdf embeds, poppler-utils the PDF readers of
# tests/test_pdf.c, python3-docx and unzip the .docx readers of tests/test_docx.c, zbar-tools
# the QR decoder (zbarimg) that reads back doc/qr's codes, python3-openpyxl the reader of the
# ledger's XLSX in tests/ledger.sh, man-db (with groff-base) the renderer of tests/man.sh)
NOTO_CJK  = /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc

CC       ?= cc
CFLAGS   ?= -O2 -g
# -fPIC: the renderer library takes the parts of base/ it uses from the same archive
CFLAGS   += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -fPIC -I.
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# The layers (docs/ARCHITECTURE.md): every .c of these folders goes into one static library
# per flavour; a program is its main() and the library (cli/main.c's main is the archive member
# that crt1's reference to `main` pulls into ./ipcase; a test's own main keeps it out).
SRC_DIRS = base doc db db/rules sync tui cli
# The writers go into the renderer library (and straight into tests and benchmarks); the
# program's archive has doc/render.c in their place.
RENDER_SRC = doc/pdf.c doc/qr.c doc/docx.c doc/sheet.c doc/render_api.c
LIB_SRC  = $(filter-out $(RENDER_SRC),$(sort $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c)))) $(GEN_SRC)
# data/calendar.txt compiled in as a C string (od and sed: nothing beyond Debian's base)
GEN_SRC  = build/calendar_data.c
TESTS    = $(patsubst tests/%.c,build/test/%,$(sort $(wildcard tests/test_*.c)))

.PHONY: all deps run test unit screen bench clean install-deps po man fuzz doc-samples
all: ipcase ipcase-render.so

# The message catalogues, found beside the binary at run time (cli/main.c: locale_dir).
LINGUAS = zh_CN
MOS     = $(patsubst %,build/locale/%/LC_MESSAGES/ipcase.mo,$(LINGUAS))
build/locale/%/LC_MESSAGES/ipcase.mo: po/%.po build/.deps
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# po/ipcase.pot from every _() and N_() of the sources, merged into each catalogue.
po:
	xgettext --from-code=UTF-8 -k_ -kN_ --add-comments=TRANSLATORS: --package-name=ipcase \
	  --no-location --sort-output -o po/ipcase.pot base/i18n.h $(filter-out $(GEN_SRC),$(LIB_SRC)) \
	  $(RENDER_SRC)
	for l in $(LINGUAS); do msgmerge -q -U --backup=none --no-location --sort-output po/$$l.po po/ipcase.pot; done

# The man pages' key lists, from the key table, in each page's language (keys --man follows
# it): $(call man_keys,PAGE,ENVIRONMENT) rewrites what lies between PAGE's keys markers.
man_keys = { sed '/^\.\\" keys: begin/q' $(1); env $(2) ./ipcase keys --man; \
	  sed -n '/^\.\\" keys: end/,$$p' $(1); } >$(1).new && mv $(1).new $(1)
man: ipcase
	$(call man_keys,docs/ipcase.1,LC_ALL=C LANGUAGE=)
	$(call man_keys,docs/zh_CN/ipcase.1,LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN)

# Install what is missing (we are root on Debian machines), or say exactly what to install.
deps: build/.deps
build/.deps:
	@mkdir -p build
	@if ! pkg-config --exists $(TEST_PKGS) 2>/dev/null || ! command -v tmux >/dev/null \
	    || ! command -v msgfmt >/dev/null || ! command -v git >/dev/null \
	    || ! test -x /usr/sbin/sshd || ! command -v lighttpd >/dev/null || ! command -v bc >/dev/null \
	    || ! test -f $(NOTO_CJK) || ! command -v pdftotext >/dev/null || ! command -v unzip >/dev/null \
	    || ! /usr/bin/python3 -c 'import docx' 2>/dev/null || ! command -v zbarimg >/dev/null \
	    || ! /usr/bin/python3 -c 'import openpyxl' 2>/dev/null || ! command -v man >/dev/null \
      || ! command -v groff >/dev/null \
	    || ! test -f "$$(clang -print-file-name=libclang_rt.fuzzer-$$(uname -m).a 2>/dev/null)"; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing build dependencies: $(DEB_PKGS)"; \
	    (apt-get install -y -qq $(DEB_PKGS) >build/apt.log 2>&1 || \
	     (apt-get update -qq >>build/apt.log 2>&1 && apt-get install -y -qq $(DEB_PKGS) >>build/apt.log 2>&1)) \
	     || { cat build/apt.log; exit 1; }; \
	  else \
	    echo "missing libraries; run as root: apt-get install -y $(DEB_PKGS)"; exit 1; \
	  fi; \
	fi
	@# screen tests in Chinese need the zh_CN.UTF-8 locale (Debian's locales package)
	@if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8' && [ "$$(id -u)" = 0 ]; then \
	  localedef -i zh_CN -f UTF-8 zh_CN.UTF-8 >>build/apt.log 2>&1 || echo "note: could not generate zh_CN.UTF-8"; \
	fi
	@touch $@

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
CORE_LIBS  = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null) -lpthread -lm
RENDER_LIBS = $(shell pkg-config --libs $(RENDER_PKGS) 2>/dev/null)
CMOCKA     = $(shell pkg-config --cflags --libs cmocka 2>/dev/null)

build/calendar_data.c: data/calendar.txt
	@mkdir -p build
	@{ echo '/* generated by the Makefile from $< */'; \
	   echo 'extern const char cal_shipped[];'; echo 'const char cal_shipped[] = {'; \
	   od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; echo '0};'; } >$@.tmp
	@mv $@.tmp $@

# Each source is compiled once per flavour, release (build/obj) and ASan+UBSan (build/san);
# -MMD -MP writes what each object includes (build/*/…/x.d), so a header change rebuilds
# exactly the objects that include it.
OBJ     = $(patsubst %.c,build/obj/%.o,$(LIB_SRC))
SAN_OBJ = $(patsubst %.c,build/san/%.o,$(LIB_SRC))
RENDER_OBJ     = $(patsubst %.c,build/obj/%.o,$(RENDER_SRC))
SAN_RENDER_OBJ = $(patsubst %.c,build/san/%.o,$(RENDER_SRC))
LIB     = build/obj/libipcase.a
SAN_LIB = build/san/libipcase.a
NPROC  := $(shell nproc 2>/dev/null || echo 2)
DEPFLAGS = -MMD -MP

build/obj/%.o: %.c build/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEPFLAGS) $(PKG_CFLAGS) -c -o $@ $<

build/san/%.o: %.c build/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) $(DEPFLAGS) $(PKG_CFLAGS) -c -o $@ $<

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d) $(RENDER_OBJ:.o=.d) $(SAN_RENDER_OBJ:.o=.d) $(patsubst build/test/%,build/test/%.d,$(TESTS))

$(LIB): $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SAN_LIB): $(SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

ipcase: $(LIB) $(MOS) ipcase-render.so
	$(CC) $(CFLAGS) -o $@ $(LIB) $(CORE_LIBS)

# <program>-render.so: the writers, what they take from the archive, their libraries; it
# exports its table alone (doc/render.map) and must leave nothing unresolved (-z defs).
RENDER_LD = -shared -Wl,-z,defs -Wl,--version-script=doc/render.map
ipcase-render.so: $(RENDER_OBJ) $(LIB) doc/render.map
	$(CC) $(CFLAGS) $(RENDER_LD) -o $@ $(RENDER_OBJ) $(LIB) $(RENDER_LIBS) $(CORE_LIBS)

# The sanitised binary the tests drive, and one cmocka binary per tests/test_*.c.
build/ipcase-san: $(SAN_LIB) $(MOS) build/ipcase-san-render.so
	$(CC) $(CFLAGS) $(SAN) -o $@ $(SAN_LIB) $(CORE_LIBS)

build/ipcase-san-render.so: $(SAN_RENDER_OBJ) $(SAN_LIB) doc/render.map
	$(CC) $(CFLAGS) $(SAN) $(RENDER_LD) -o $@ $(SAN_RENDER_OBJ) $(SAN_LIB) $(RENDER_LIBS) $(CORE_LIBS)

build/test/%: tests/%.c $(SAN_LIB) $(SAN_RENDER_OBJ)
	@mkdir -p build/test
	$(CC) $(CFLAGS) $(SAN) $(DEPFLAGS) -MF $@.d -MT $@ $(PKG_CFLAGS) -o $@ $< $(SAN_RENDER_OBJ) \
	  $(SAN_LIB) $(PKG_LIBS) $(CMOCKA)

test: build/.deps
	@$(MAKE) --no-print-directory -j$(NPROC) $(TESTS) build/ipcase-san $(FUZZERS)
	@bash tests/run.sh $(TESTS)
	@bash fuzz/run.sh $(FUZZ_CI_SECONDS) $(FUZZERS)

# The fuzzers (fuzz/fuzz_*.c, libFuzzer): the store, sync and document layers compiled by clang with
# coverage for libFuzzer and ASan+UBSan (build/fuzz/obj), each harness linked with libFuzzer.
# `make fuzz` runs each for FUZZ_SECONDS from its seeds (fuzz/corpus/<target>/), growing
# build/fuzz/corpus/<target>/; a crash fails it and names the input that reproduces it.
FUZZ_CC      = clang
FUZZ_SAN     = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_SRC     = $(filter-out doc/render.c,$(sort $(foreach d,base doc db db/rules sync,$(wildcard $(d)/*.c)))) $(GEN_SRC)
FUZZ_OBJ     = $(patsubst %.c,build/fuzz/obj/%.o,$(FUZZ_SRC))
FUZZ_LIB     = build/fuzz/libipcase.a
FUZZERS      = $(patsubst fuzz/%.c,build/fuzz/%,$(sort $(wildcard fuzz/fuzz_*.c)))
FUZZ_SECONDS ?= 60
FUZZ_CI_SECONDS ?= 10
-include $(FUZZ_OBJ:.o=.d) $(patsubst %,%.d,$(FUZZERS))

build/fuzz/obj/%.o: %.c build/.deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) $(DEPFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzzkit.c fuzz/fuzzkit.h $(FUZZ_LIB)
	$(FUZZ_CC) $(CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) $(DEPFLAGS) -MF $@.d -MT $@ $(PKG_CFLAGS) \
	  -o $@ $< fuzz/fuzzkit.c $(FUZZ_LIB) $(PKG_LIBS)

fuzz: build/.deps
	@$(MAKE) --no-print-directory -j$(NPROC) $(FUZZERS)
	@bash fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

DEMO_HOME ?= $(HOME)/.local/share/ipcase-demo
DEMO_REMOTE ?= $(DEMO_HOME)-remote.git
# The demo workspace comes with a local bare remote, so `ipcase sync` works from the start.
run: ipcase
	@if [ ! -f "$(DEMO_HOME)/ipcase.db" ]; then \
	  ./ipcase --home "$(DEMO_HOME)" init --office 130100 --office-name 石家庄市市场监督管理局 \
	     --officer 王建国 --cert 13010001 --case-prefix 冀石市监处罚 --create-office && \
	  ./ipcase --home "$(DEMO_HOME)" demo --cases 2000 && \
	  git init -q --bare "$(DEMO_REMOTE)" && \
	  ./ipcase --home "$(DEMO_HOME)" remote add origin "$(DEMO_REMOTE)"; fi
	./ipcase --home "$(DEMO_HOME)"

build/bench-%: bench/%.c $(LIB) $(RENDER_OBJ)
	$(CC) $(CFLAGS) $(DEPFLAGS) -MF $@.d -MT $@ $(PKG_CFLAGS) -o $@ $< $(RENDER_OBJ) $(LIB) $(PKG_LIBS)

BENCH_CASES ?= 100000
BENCH_POOL ?= 5000
BENCH_DOCUMENTS ?= 100
bench: build/bench-cases build/bench-investigator build/bench-documents ipcase
	./build/bench-cases $(BENCH_CASES)
	bash bench/sync.sh ./ipcase $(BENCH_CASES)
	bash bench/tui.sh ./ipcase $(BENCH_CASES)
	bash bench/ledger.sh ./ipcase $(BENCH_CASES)
	./build/bench-investigator $(BENCH_POOL)
	bash bench/forms.sh ./ipcase
	./build/bench-documents $(BENCH_DOCUMENTS)

# The pages kept for review (docs/samples/*.png): a decision's and an interview record's first
# page, rendered again from a sample case; read them before committing.
doc-samples: ipcase
	bash docs/samples/make.sh ./ipcase

clean:
	rm -rf build ipcase ipcase-render.so
