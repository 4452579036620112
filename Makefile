# wiredesk: `make` builds Release into build/; `make run` serves the sample corpus;
# `make test` builds with ASan+UBSan and runs every test.
DB      ?= var/wiredesk.db
LISTEN  ?= 127.0.0.1:8080
JOBS    ?= $(shell nproc)

.PHONY: all build deps deps-test run test fuzz clean

all: build

deps:
	@scripts/install-deps.sh run

deps-test:
	@scripts/install-deps.sh test

build: deps
	@cmake --preset release >/dev/null
	@cmake --build build -j $(JOBS) --target wiredesk

run: build
	@mkdir -p $(dir $(DB))
	@if [ "$$(build/wiredesk count --db $(DB) 2>/dev/null || echo 0)" = "0" ]; then \
	  echo "Loading the sample corpus into $(DB)"; \
	  build/wiredesk ingest --db $(DB) sample/ || echo "(some sample files were skipped: see above)"; \
	fi
	build/wiredesk serve --db $(DB) --listen $(LISTEN)

test: deps-test
	@cmake --preset asan >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS)


fuzz:
	@cmake --preset fuzz >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

clean:
	rm -rf build build-asan build-debug build-fuzz
