# A thin wrapper over CMake. `make run` and `make test` are the two commands
# of the README; both install missing Debian packages first.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all setup setup-browser build asan run demo test test-browser clean bench \
        lint format install test-install cli-docs

all: build

setup:
	@bash scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The command, the libraries, headers, xxgk.pc, man pages, completions and
# the service (dist/CMakeLists.txt) under PREFIX; with DESTDIR, staged
# under it (a package's root) and written nowhere else.
PREFIX ?= /usr/local
install: build
	@DESTDIR=$(DESTDIR) cmake --install $(BUILD) --prefix $(PREFIX)

asan: setup
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Asan -DXXGK_FAULT_INJECTION=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

# docs/cli.md, the command reference, from the command's help (the test
# cli_docs fails while it is stale).
cli-docs: build
	@cmake --build $(BUILD) --target cli_docs

# The main job: parse and check the bundled example reports, then serve
# the web application on a demo register (address and logins printed;
# Ctrl-C stops it).
run: build
	@bash scripts/run-examples.sh $(BUILD)/xxgk
	@bash scripts/demo.sh $(BUILD)/xxgk

# Only the web application on a fresh demo register.
demo: build
	@bash scripts/demo.sh $(BUILD)/xxgk

# The whole suite, in a normal and an ASan+UBSan build; the browser tests
# (headless Chromium) are part of it once setup-browser has installed them.
test: build asan setup-browser
	@bash scripts/test.sh $(BUILD) $(ASAN_BUILD)

# make install into a staging root, and the Debian packages built,
# lintian-checked, installed on this machine, checked and purged (as root;
# tests/install/install.sh).
test-install: setup
	@JOBS=$(JOBS) bash tests/install/install.sh

setup-browser:
	@bash scripts/setup-browser.sh

# Only the browser tests, on the normal build; screenshots in
# tests/web/screenshots/.
test-browser: build setup-browser
	@cd tests/web && XXGK=$(CURDIR)/$(BUILD)/xxgk node browser.test.mjs

bench: setup
	@bash bench/run

# Fuzzing (tests/fuzz, docs/reliability.md): each target FUZZ_SECONDS long,
# in a clang build of its own (build-fuzz); crashes land in
# tests/fuzz/regress. CI runs it for 20 seconds a target.
.PHONY: fuzz valgrind
FUZZ_SECONDS ?= 600
fuzz: setup
	@bash scripts/fuzz.sh $(FUZZ_SECONDS)

# The normal build's whole ctest suite under valgrind: no invalid access,
# no definite or indirect leak.
valgrind: build
	@bash scripts/valgrind.sh $(BUILD)

# cppcheck over lib/, cli/ and server/; fails on any finding (CI runs it).
lint: setup
	@bash scripts/lint.sh

# clang-format (.clang-format) on the lines changed since FORMAT_BASE, so a
# branch formats what it wrote without reformatting the tree around it.
FORMAT_BASE ?= main
format: setup
	@git clang-format --extensions c,h,cpp $(FORMAT_BASE)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
