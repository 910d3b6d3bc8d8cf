# The two commands: `make demo` and `make test`. Both build their own environment.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= var/demo.db
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
# tables wide enough to read when the output is piped or logged
COLUMNS ?= 160
export COLUMNS

.PHONY: demo test lint bench clean install serve

VENDOR := src/dronewatch/serve/web/vendor/.built

# The dashboard's libraries come from the npm registry at build time; none of their source is committed.
$(VENDOR): frontend/package.json frontend/package-lock.json frontend/build.mjs
	@command -v npm >/dev/null || { echo "needs node and npm on PATH for the dashboard's libraries"; exit 1; }
	npm ci --prefix frontend --no-audit --no-fund --loglevel=error
	node frontend/build.mjs
	touch $(VENDOR)

$(STAMP): pyproject.toml requirements.lock $(VENDOR)
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON) on PATH (or make PYTHON=python3)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/dronewatch ingest examples/corpus --db $(DB) --config examples/dronewatch.toml
	$(BIN)/dronewatch status --db $(DB)
	$(BIN)/dronewatch docs --db $(DB) --duplicates --limit 10
	$(BIN)/dronewatch process --db $(DB)
	$(BIN)/dronewatch watchlist builtin --db $(DB)
	$(BIN)/dronewatch events --db $(DB) --sort -sources --limit 15
	$(BIN)/dronewatch trend --db $(DB) --by type --period month
	$(BIN)/dronewatch actors --db $(DB) --limit 12
	$(BIN)/dronewatch serve --db $(DB)

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/pip install --quiet -c requirements.lock -e '.[bench]'
	$(BIN)/python bench/ingest.py 10000
	OPENBLAS_NUM_THREADS=1 $(BIN)/python bench/extract.py 10000

serve: $(STAMP)
	$(BIN)/dronewatch serve --db $(DB)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache frontend/node_modules src/dronewatch/serve/web/vendor
