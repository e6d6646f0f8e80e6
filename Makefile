# The README's commands. `make run` and `make test` work on a fresh machine: they create
# .venv and install the pinned dependencies first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# The values of quotewire.settings.PREFECT_DEFAULTS (the source of truth, which the CLI,
# `quotewire serve` and the tests apply), exported for the commands run by make.
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 90
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export DO_NOT_TRACK ?= 1
export GX_ANALYTICS_ENABLED ?= false

CHROMIUM_STAMP := $(VENV)/.chromium-stamp

.PHONY: run test serve bench bench-quotes bench-timex train clean help bytecode

help:
	@echo "make run    build the sample dataset from data/raw (creates .venv first)"
	@echo "make test   run the test suite"
	@echo "make serve  local Prefect server (UI on http://127.0.0.1:4200) + the daily deployment"
	@echo "make bench  quality and speed benchmarks over ../shared/bench"
	@echo "make train  refit the statement model on ../shared PolNeAR train (5-fold CV, manifest)"

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

# Bytecode of the project's own modules, as an installed package has it: an editable
# install leaves src/ uncompiled, and where PYTHONDONTWRITEBYTECODE is set (this CI's
# machines) every process would compile every module it imports again, about 0.1 s of
# each CLI start, extraction worker and validation service. Up to date: 0.05 s.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q src flows bench >/dev/null

# One build: no validation service is left idling after it.
run: bytecode
	QUOTEWIRE_VALIDATOR_IDLE_SECONDS=0 $(BIN)/quotewire build data/raw

# The HTML report test screenshots the page in headless Chromium (Debian's package; CI
# runs as root). Installed once, only when missing; where it cannot be installed (no root)
# that one test is skipped and the install is retried next time.
$(CHROMIUM_STAMP): | $(STAMP)
	@if test -x /usr/bin/chromium; then touch $@; \
	elif apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; then touch $@; \
	else echo "warning: could not install chromium; the report screenshot test will be skipped"; fi

# Parallel, one worker per core, at most PYTEST_MAX_WORKERS (each may run a Prefect server
# and its workers). Tests that share a module fixture stay on one worker, and the longest
# are handed out first (tests/conftest.py). `make test PYTEST_WORKERS=0` runs serially;
# `pytest tests/x.py` alone runs serially too.
PYTEST_WORKERS ?= auto
PYTEST_MAX_WORKERS ?= 4
test: bytecode $(CHROMIUM_STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --maxprocesses $(PYTEST_MAX_WORKERS) --dist loadgroup --no-loadscope-reorder

# A local Prefect server with the UI, the work pool, the deployment (daily 06:00 UTC) and a
# worker, all in the foreground; Ctrl-C stops them all. QUOTEWIRE_HOME tells the worker
# where the repository is.
serve: $(STAMP)
	$(BIN)/python -m quotewire.ops.cli serve

bench: bench-quotes bench-timex

bench-quotes: $(STAMP)
	$(BIN)/python bench/quotes.py

bench-timex: $(STAMP)
	$(BIN)/python bench/timex.py

# The statement model (src/quotewire/extract/model/): scikit-learn is a training-only
# extra; the same data and code give the same bytes.
train: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[train]"
	$(BIN)/python -m quotewire.extract.train

clean:
	rm -rf $(VENV) data/datasets bench/out
