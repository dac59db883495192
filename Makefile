# Two entry points: `make demo` and `make test`. Both install what is missing first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup system clean

demo: setup
	$(BIN)/cardscan scan samples/ -o contacts.vcf --force
	$(BIN)/cardscan scan samples/ --format table --quiet

test: setup
	$(BIN)/python -m pytest -q

setup: system $(STAMP)

system:
	@scripts/setup-system.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,heif,fast,dask]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) contacts.vcf .pytest_cache
