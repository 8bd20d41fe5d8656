# The two commands of the README: `make site` and `make test`.
# Both create .venv/ when needed and install what they use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test test-quick lint serve sample clean

site: $(STAMP)
	$(BIN)/oit build

test: $(STAMP)
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

# The edit-test loop: everything but the browser tests and whole-site builds (about a minute).
test-quick: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -m "not browser and not slow"

serve: $(STAMP)
	$(BIN)/oit serve

lint: $(STAMP)
	$(BIN)/ruff check --fix generator tests benchmarks
	$(BIN)/ruff format generator tests benchmarks

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	# Bytecode for our own modules, as pip writes for the packages it installs (an editable
	# install has none, and PYTHONDONTWRITEBYTECODE would keep every build compiling them).
	$(BIN)/python -m compileall -q generator
	touch $(STAMP)

# The tests read the sample agency from their own copy (tests/sample/), never from data/ and
# content/: after editing the sample, copy it there (tests/test_sample.py checks they agree).
sample:
	rm -rf tests/sample/data tests/sample/content
	cp -R data content mkdocs.yml urls.txt tests/sample/

clean:
	rm -rf site .oit .oit-build-*
