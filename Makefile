# talabati — the two commands of the README's quick start are `make run` and `make test`.
# Every system package the build or the tests need is installed here with apt-get when missing,
# so a fresh Debian machine with Swift needs nothing else.

SWIFT ?= swift
SYSTEM_PKGS := libncurses-dev libfribidi-dev libfribidi-bin libsqlite3-dev libqrencode-dev \
               pkg-config unicode-data tmux python3-pyte openssh-client sqlite3 python3-venv
# lld (shipped with the toolchain) packs the relocations of the 99 MB static binary: resident
# memory after a session 28 MB instead of 31 (docs/performance.md); needs glibc >= 2.36.
RELEASE_FLAGS := -c release --static-swift-stdlib -Xswiftc -use-ld=lld \
                 -Xlinker -z -Xlinker pack-relative-relocs
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build release fmt fmt-check bench bench-cli bench-tui bench-csv bench-serve fuzz clean

## deps: install the missing system packages (skips apt entirely when all are present)
deps:
	@missing=""; \
	for p in $(SYSTEM_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## release: optimised build with a statically linked Swift runtime (starts in ~6 ms)
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product talabati

## run: build and start talabati on the default store (seeded with demo data on first run)
run: release
	@"$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/talabati" $(ARGS)

build: deps
	$(SWIFT) build

## test: every test suite (unit, store, text conformance, CLI end to end, snapshots, tmux)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## bench: the figures of README's performance section and docs/performance.md (release build)
bench: bench-cli bench-tui bench-csv
bench-cli: release
	/usr/bin/python3 scripts/bench-cli.py --bin "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/talabati"
bench-tui: release
	/usr/bin/python3 scripts/bench-tui.py --bin "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/talabati"
bench-csv: release
	/usr/bin/python3 scripts/bench-csv.py --bin "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/talabati"

## bench-serve: 100 SSH visitors for a minute (asyncssh from PyPI in .build/bench-venv); not part of `bench`
bench-serve: release
	[ -x .build/bench-venv/bin/python ] || (/usr/bin/python3 -m venv --system-site-packages .build/bench-venv && \
	  .build/bench-venv/bin/pip install -q asyncssh==2.24.1)
	.build/bench-venv/bin/python scripts/bench-serve.py --bin "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/talabati" \
	  $(or $(BENCH_ARGS),--sessions 100)

## fuzz: every libFuzzer target for a bounded time (FUZZ_SECONDS each, default 60); not part of `test`
fuzz: deps
	bash Fuzz/run.sh $(or $(FUZZ_SECONDS),60)

fmt:
	$(SWIFT) format -i -r Sources Tests Package.swift

fmt-check:
	$(SWIFT) format lint -r Sources Tests Package.swift

clean:
	rm -rf .build
