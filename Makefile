# Everything runs in .venv, created on first use.
VENV ?= .venv
PY := $(VENV)/bin/python
EVEREST_CORE ?= ../shared/everest-core

.PHONY: demo test lint generate check-generated bench install clean check-compat

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) -m impl demo

generate: install
	$(PY) -m codegen generate --everest-dir . --out generated

check-generated: install
	$(PY) -m codegen check --everest-dir . --out generated

test: install check-generated
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check codegen runtime impl tests bench
	$(VENV)/bin/black --check codegen runtime impl tests bench
	$(VENV)/bin/mypy codegen runtime impl generated

# Compatibility of interfaces/ + types/ against a git ref (default: the latest tag, else HEAD).
COMPAT_REF ?=

check-compat: install
	$(PY) -m codegen diff --old-ref $(COMPAT_REF) --new .

bench: install
	$(PY) bench/bench_codegen.py
	$(PY) bench/bench_runtime.py
	$(PY) bench/bench_charge_point.py
	$(PY) bench/bench_security.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
