# Two commands on a fresh machine:  `make serve`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: serve test docs-assets lint typecheck unit scale-row system-deps bench scale soak lock clean

DOCS_ASSETS := api/docs/node_modules/swagger-ui-dist/swagger-ui-bundle.js
JUDGES      := tests/e2e/judges/node_modules/.installed

serve: $(VENV)/.serve $(DOCS_ASSETS)  ## set up (the runtime only) and serve the shipped content on http://127.0.0.1:8000
	$(BIN)/clinic-content serve

test: system-deps $(VENV)/.test $(DOCS_ASSETS) $(JUDGES) lint typecheck unit scale-row  ## set up and run every check and test

# The documentation page's Swagger UI, at the version and integrity api/docs/package-lock.json pins
# (npm's lock, as requirements/*.txt are pip's); served by the API under /schema.
docs-assets: $(DOCS_ASSETS)
# (`--ignore-scripts`: a dependency's install script is telemetry.) Without npm the API still
# serves; /schema then says its viewer is not installed, /schema/openapi.json is there.
$(DOCS_ASSETS): api/docs/package.json api/docs/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix api/docs --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: serving without the docs page's viewer (install Node.js for /schema)"; fi

# The kiosk's outside judges for the tests (axe-core, Lighthouse), at the versions
# tests/e2e/judges/package-lock.json pins; not part of what `make serve` installs.
$(JUDGES): tests/e2e/judges/package.json tests/e2e/judges/package-lock.json
	npm ci --prefix tests/e2e/judges --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.test
	$(BIN)/mypy

unit: $(VENV)/.test
	$(BIN)/pytest

# The 100-article row of `make scale` (about 20 s): real servers, wrk, a reload under load; fails
# on a failed request, an edit never served or a synthetic library that repeats itself.
scale-row: $(VENV)/.test
	$(BIN)/python -m bench.scale --articles 100 --seconds 2 --check --json artifacts/scale/row-100.json

system-deps:
	./scripts/install-system-deps.sh

bench: $(VENV)/.test  ## ours vs bare Litestar vs raw ASGI, under wrk
	./scripts/install-system-deps.sh
	$(BIN)/python -m bench.run --json artifacts/bench/run.json

scale: $(VENV)/.test  ## issue 16's table: 100, 1,000 and 10,000 articles × 3 languages (the last takes many minutes)
	./scripts/install-system-deps.sh
	$(BIN)/python -m bench.scale --articles 100 1000 10000 --json artifacts/scale/scale.json

soak: $(VENV)/.test  ## reads under uploads and on-disk edits, several workers
	$(BIN)/python -m bench.soak --seconds 60

# Every version and hash comes from requirements/*.txt; the project itself is installed without
# dependencies, so nothing unlocked slips in.
$(VENV)/.serve: requirements/serve.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r requirements/serve.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.test: requirements/test.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r requirements/test.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

lock:  ## re-pin requirements/*.txt from pyproject.toml (needs uv: pip install uv)
	uv pip compile pyproject.toml requirements/build.in --python-version 3.11 --universal --generate-hashes \
	  --custom-compile-command "make lock" -q -o requirements/serve.txt
	uv pip compile pyproject.toml requirements/build.in --extra test --extra dev --python-version 3.11 --universal \
	  --generate-hashes --custom-compile-command "make lock" -q -o requirements/test.txt

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info api/docs/node_modules tests/e2e/judges/node_modules
