# Two entry points: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/quotewise extract examples/harbour-strike.txt

test: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest -q

# A quick look on the repository's own articles; bench/README.md runs the real measurements.
bench: $(STAMP)
	$(BIN)/python bench/speed.py tests/articles --repeats 1

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
