# The two commands: `make demo` runs the product on demo data, `make test` runs the tests.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
SCALE ?= 1
SEED ?= 42
SERVE ?= 1
PORT ?= 8501
DATA ?= data

.PHONY: demo test test-fast install install-test browser nginx oidc lint clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# refresh's exit 3 is "nothing new": a second `make demo` lands the same files again.
demo: install
	$(BIN)/asiakastieto demo-data --scale $(SCALE) --seed $(SEED) --out $(DATA)/landing
	$(BIN)/asiakastieto refresh --landing $(DATA)/landing --warehouse $(DATA)/warehouse.duckdb \
	  || [ $$? -eq 3 ]
	$(BIN)/asiakastieto docs --warehouse $(DATA)/warehouse.duckdb
ifeq ($(SERVE),1)
	$(BIN)/asiakastieto serve --port $(PORT) --warehouse $(DATA)/warehouse.duckdb
endif

# Debian's Chromium for the real-browser tests (a test tool's own browser download fails here).
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

# Debian's nginx for the reverse-proxy test (deploy/proxy/): the test runs its own nginx
# process on loopback ports with the shipped config.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nginx >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq nginx >/dev/null; fi; }

# The OpenID Connect provider the OIDC browser test signs in at: npm's oidc-provider, pinned
# by tests/e2e/oidc/package-lock.json and run by Node.js (20 or newer; Debian's nodejs and npm
# when the machine has none).
OIDC_DIR := tests/e2e/oidc
oidc: $(OIDC_DIR)/node_modules/.installed

$(OIDC_DIR)/node_modules/.installed: $(OIDC_DIR)/package.json $(OIDC_DIR)/package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq nodejs npm >/dev/null; fi; }
	cd $(OIDC_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: install browser nginx oidc
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

# The quick loop while working: unit and page tests, no dbt build, no browser (aim: < 90 s).
test-fast: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -q -m "not slow and not e2e"

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(DATA) dbt_project/target test-artifacts $(OIDC_DIR)/node_modules
