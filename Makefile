# The course kit's two everyday commands, and a few for contributors.
#   make lab    set up .venv (first time, or when the dependencies change) and open the course in JupyterLab
#   make test   set up .venv the same way and run the whole test suite (what CI runs)
# Everything installs into .venv inside this folder; running a target again is safe and quick.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888
# JupyterLab refuses to run as root (containers, some CI machines) unless told; normal users never see this.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup lab test lint format strip lock bench clean

setup: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Direct dependencies come from pyproject.toml; their versions are pinned by binder/requirements.txt
# (used as constraints), so this environment runs exactly the versions Binder runs.
$(STAMP): pyproject.toml binder/requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c binder/requirements.txt -e ".[test]"
	touch $(STAMP)

lab: setup
	$(BIN)/jupyter lab --port=$(PORT) $(ROOT_FLAG) lessons/00-start-here.ipynb

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

# Clear outputs, execution counts and widget state from every notebook before committing.
strip: setup
	$(BIN)/nbstripout --keep-id --extra-keys "metadata.widgets" lessons/*.ipynb

# Regenerate the pins from pyproject.toml (needs the package index).
lock: setup
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.10 \
	  --custom-compile-command "make lock" -o binder/requirements.txt

bench: setup
	$(BIN)/python benchmarks/run_lessons.py
	$(BIN)/python benchmarks/feedback.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
