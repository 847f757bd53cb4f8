# Everything runs in .venv, created on first use.
VENV ?= .venv
PY := $(VENV)/bin/python
EVEREST_CORE ?= ../shared/everest-core

.PHONY: demo test lint generate check-generated bench install broker clean check-compat \
	bench-fleet test-slow test-packaging test-everest everest-managers everest-manager-2025 everest-manager-2026 \
	everest-install

# The MQTT tests start their own mosquitto brokers; this installs the Debian package if missing.
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

broker:
	@if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then \
		echo "installing mosquitto (Debian package) for the MQTT tests"; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq mosquitto >/dev/null; \
	fi

demo: install
	$(PY) -m everest_py.ocpp16 demo

generate: install
	$(PY) -m everest_py.codegen generate --everest-dir . --out generated

check-generated: install
	$(PY) -m everest_py.codegen check --everest-dir . --out generated

test: install broker check-generated
	$(PY) -m pytest -q -n auto

# Minutes of disk-bound work (100,000 durable security events): kept out of the plain suite.
test-slow: install broker
	$(PY) -m pytest -q -m slow tests

# The wheel as users install it, into clean virtualenvs (slow: PyPI downloads).
test-packaging: install
	$(PY) -m pytest -q -m packaging tests/packaging

# The real EVerest managers (2025: everest-framework v0.25.0; 2026: the 2026-08 monorepo) with
# Store/Example/ExampleUser, built offline by the scripts in $(EVEREST_REAL); each step leaves a
# stamp under its BUILD_DIR, so a rebuild with nothing to do takes about a second. flock keeps two
# builds of one version from sharing a build directory. EVEREST_VERSIONS=2026 builds/tests one.
EVEREST_REAL ?= ../shared/everest-real
EVEREST_VERSIONS ?= 2025 2026
EVEREST_PREFIX_2025 ?= /opt/everest
EVEREST_PREFIX_2026 ?= /opt/everest-2026
EVEREST_BUILD_JOBS ?= $(shell nproc)

everest-manager-2025:
	cd $(EVEREST_REAL) && $(SUDO) flock /var/tmp/everest-build-2025.lock \
		env PREFIX=$(EVEREST_PREFIX_2025) JOBS=$(EVEREST_BUILD_JOBS) ./build.sh

everest-manager-2026:
	cd $(EVEREST_REAL) && $(SUDO) flock /var/tmp/everest-build-2026.lock \
		env PREFIX=$(EVEREST_PREFIX_2026) JOBS=$(EVEREST_BUILD_JOBS) ./build-2026.sh

everest-managers: $(addprefix everest-manager-,$(EVEREST_VERSIONS))

# Our modules into an EVerest install, so its manager starts them from a config YAML: the manager
# runs <modules dir>/<Name>/module.py with <Name>/.venv/bin/python3 (linked to this venv).
PREFIX ?= /opt/everest
EVEREST_MODULES_DIR ?= $(PREFIX)/libexec/everest/modules
CHARGE_POINT_MODULE ?= Ocpp16ChargePoint
# The simulated station (docs/simulation.md): impl/simulation/manifests/<Name>/, one folder each.
SIMULATED_MODULES := SimEvse SimAuth SimSystem SimSecurity

everest-install:
	@test -x $(VENV)/bin/python3 || { echo "no $(VENV): run make install first"; exit 1; }
	mkdir -p $(EVEREST_MODULES_DIR)/$(CHARGE_POINT_MODULE) $(EVEREST_MODULES_DIR)/PyExample
	cp impl/manifest.yaml $(EVEREST_MODULES_DIR)/$(CHARGE_POINT_MODULE)/manifest.yaml
	printf '%s\n' '"""Started by the EVerest manager: the everest-py OCPP 1.6 charge point."""' \
		'from everest_py.ocpp16.everest_module import main' 'raise SystemExit(main())' \
		> $(EVEREST_MODULES_DIR)/$(CHARGE_POINT_MODULE)/module.py
	ln -sfn $(abspath $(VENV)) $(EVEREST_MODULES_DIR)/$(CHARGE_POINT_MODULE)/.venv
	cp examples/PyExample/manifest.yaml examples/PyExample/module.py $(EVEREST_MODULES_DIR)/PyExample/
	ln -sfn $(abspath $(VENV)) $(EVEREST_MODULES_DIR)/PyExample/.venv
	@for sim in $(SIMULATED_MODULES); do \
		mkdir -p $(EVEREST_MODULES_DIR)/$$sim && \
		cp impl/simulation/manifests/$$sim/manifest.yaml $(EVEREST_MODULES_DIR)/$$sim/manifest.yaml && \
		printf '%s\n' "\"\"\"Started by the EVerest manager: the everest-py simulated station's $$sim.\"\"\"" \
			'from everest_py.ocpp16.simulation.everest_modules import main_module' \
			"raise SystemExit(main_module('$$sim'))" \
			> $(EVEREST_MODULES_DIR)/$$sim/module.py && \
		ln -sfn $(abspath $(VENV)) $(EVEREST_MODULES_DIR)/$$sim/.venv || exit 1; \
	done

test-everest: install broker everest-managers
	EVEREST_VERSIONS="$(EVEREST_VERSIONS)" EVEREST_PREFIX_2025=$(EVEREST_PREFIX_2025) \
		EVEREST_PREFIX_2026=$(EVEREST_PREFIX_2026) \
		$(PY) -m pytest -q -m everest_real tests/everest_real

lint: install
	$(VENV)/bin/ruff check codegen runtime impl tests bench examples
	$(VENV)/bin/black --check codegen runtime impl tests bench examples
	$(VENV)/bin/mypy everest_py

# Compatibility of interfaces/ + types/ against a git ref (default: the latest tag, else HEAD).
COMPAT_REF ?=

check-compat: install
	$(PY) -m everest_py.codegen diff --old-ref $(COMPAT_REF) --new .

# As pip-installed users run it: bytecode compiled and kept (a PYTHONDONTWRITEBYTECODE in the
# environment would make every run of ours compile its modules again, and not the peers').
bench: export PYTHONDONTWRITEBYTECODE :=
bench: install broker
	$(PY) -m compileall -q codegen runtime generated impl
	$(PY) bench/bench_codegen.py
	$(PY) bench/bench_runtime.py
	$(PY) bench/bench_charge_point.py
	$(PY) bench/bench_security.py
	$(PY) bench/bench_startup.py
	$(PY) bench/bench_fleet.py
	$(PY) bench/bench_transactions.py
	$(PY) bench/bench_soak.py

# A thousand charge points in one process against a raw CSMS process (COUNT=... to change).
COUNT ?= 1000
bench-fleet: install
	$(PY) bench/bench_fleet.py --count $(COUNT)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
