# Two commands on a fresh machine:  `make serve`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: serve test lint typecheck unit system-deps bench scale soak clean

serve: $(VENV)/.installed  ## set up and serve the shipped content on http://127.0.0.1:8000
	$(BIN)/clinic-content serve

test: system-deps $(VENV)/.installed lint typecheck unit  ## set up and run every check and test

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy

unit: $(VENV)/.installed
	$(BIN)/pytest

system-deps:
	./scripts/install-system-deps.sh

bench: $(VENV)/.installed  ## ours vs bare Litestar vs raw ASGI, under wrk
	WITH_BENCH=1 ./scripts/install-system-deps.sh
	$(BIN)/python -m bench.run --json artifacts/bench/run.json

scale: $(VENV)/.installed  ## start-up, memory, reload, throughput at 10, 100, 1000 articles
	WITH_BENCH=1 ./scripts/install-system-deps.sh
	$(BIN)/python -m bench.scale --articles 10 100 1000

soak: $(VENV)/.installed  ## reads under uploads and on-disk edits, several workers
	$(BIN)/python -m bench.soak --seconds 60

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
