# ipcase — build, test, bench.  `make` builds ./ipcase; `make test` builds everything with
# ASan+UBSan and runs every test; `make run` opens the program on a demo workspace.

PKGS      = ncursesw sqlite3 libgit2 libsodium jansson
TEST_PKGS = $(PKGS) cmocka
# Debian packages that provide the pkg-config names above (plus the tools tests use).
DEB_PKGS  = build-essential pkg-config libncurses-dev libsqlite3-dev libgit2-dev libsodium-dev \
            libjansson-dev libcmocka-dev gettext locales tmux git sqlite3 python3 bc \
            openssh-server openssh-client lighttpd

CC       ?= cc
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I.
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

DB_SRC   = $(sort $(wildcard db/*.c))
SYNC_SRC = $(sort $(wildcard sync/*.c))
TUI_SRC  = $(sort $(wildcard tui/*.c))
LIB_SRC  = $(DB_SRC) $(SYNC_SRC) $(filter-out tui/main.c,$(TUI_SRC))
TESTS    = $(patsubst tests/%.c,build/test/%,$(sort $(wildcard tests/test_*.c)))

.PHONY: all deps run test unit screen bench clean install-deps
all: ipcase

# Install what is missing (we are root on Debian machines), or say exactly what to install.
deps: build/.deps
build/.deps:
	@mkdir -p build
	@if ! pkg-config --exists $(TEST_PKGS) 2>/dev/null || ! command -v tmux >/dev/null \
	    || ! command -v msgfmt >/dev/null || ! command -v git >/dev/null \
	    || ! test -x /usr/sbin/sshd || ! command -v lighttpd >/dev/null || ! command -v bc >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing build dependencies: $(DEB_PKGS)"; \
	    (apt-get install -y -qq $(DEB_PKGS) >build/apt.log 2>&1 || \
	     (apt-get update -qq >>build/apt.log 2>&1 && apt-get install -y -qq $(DEB_PKGS) >>build/apt.log 2>&1)) \
	     || { cat build/apt.log; exit 1; }; \
	  else \
	    echo "missing libraries; run as root: apt-get install -y $(DEB_PKGS)"; exit 1; \
	  fi; \
	fi
	@touch $@

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
CMOCKA     = $(shell pkg-config --cflags --libs cmocka 2>/dev/null)

HDRS = $(wildcard db/*.h sync/*.h tui/*.h)

ipcase: build/.deps $(LIB_SRC) tui/main.c $(HDRS)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $(LIB_SRC) tui/main.c $(PKG_LIBS)

# The sanitised binary the tests drive, and one cmocka binary per tests/test_*.c.
build/ipcase-san: build/.deps $(LIB_SRC) tui/main.c $(HDRS)
	$(CC) $(CFLAGS) $(SAN) $(PKG_CFLAGS) -o $@ $(LIB_SRC) tui/main.c $(PKG_LIBS)

build/test/%: tests/%.c tests/testutil.h build/.deps $(LIB_SRC) $(HDRS)
	@mkdir -p build/test
	$(CC) $(CFLAGS) $(SAN) $(PKG_CFLAGS) -o $@ $< $(LIB_SRC) $(PKG_LIBS) $(CMOCKA)

test: build/.deps $(TESTS) build/ipcase-san
	@bash tests/run.sh $(TESTS)

DEMO_HOME ?= $(HOME)/.local/share/ipcase-demo
DEMO_REMOTE ?= $(DEMO_HOME)-remote.git
# The demo workspace comes with a local bare remote, so `ipcase sync` works from the start.
run: ipcase
	@if [ ! -f "$(DEMO_HOME)/ipcase.db" ]; then \
	  ./ipcase --home "$(DEMO_HOME)" init --office 130100 --office-name 石家庄市市场监督管理局 \
	     --officer 王建国 --cert 13010001 --case-prefix 冀石市监处罚 && \
	  ./ipcase --home "$(DEMO_HOME)" demo --cases 2000 && \
	  git init -q --bare "$(DEMO_REMOTE)" && \
	  ./ipcase --home "$(DEMO_HOME)" remote add origin "$(DEMO_REMOTE)"; fi
	./ipcase --home "$(DEMO_HOME)"

build/bench: bench/bench.c build/.deps $(LIB_SRC) $(HDRS)
	@mkdir -p build
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ bench/bench.c $(LIB_SRC) $(PKG_LIBS)

BENCH_CASES ?= 100000
bench: build/bench ipcase
	./build/bench $(BENCH_CASES)
	bash bench/sync.sh ./ipcase $(BENCH_CASES)
	bash bench/forms.sh ./ipcase

clean:
	rm -rf build ipcase
