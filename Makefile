# The course kit's two everyday commands, and a few for contributors.
#   make lab    set up .venv with what the lessons need (first time, or when the dependencies change) and open
#               the course in JupyterLab
#   make test   set up .venv the same way, add the test tools, and run the whole test suite (what CI runs)
#   make check  the same without the browser and slow tests: a quick run while working on the course
# Everything installs into .venv inside this folder; running a target again is safe and quick.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LEARNER_STAMP := $(VENV)/.installed-learner
TEST_STAMP    := $(VENV)/.installed-test
PORT   ?= 8888
# JupyterLab refuses to run as root (containers, some CI machines) unless told; normal users never see this.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup learner lab test check course guide lint format strip lock bench bench-hub bench-install clean

# What a learner needs (make lab); setup adds the test tools (every contributor target uses it).
learner: $(LEARNER_STAMP)
setup: $(TEST_STAMP)

# Debian and Ubuntu ship venv without ensurepip unless python3-venv is installed: `python3 -m venv` then
# fails after making .venv/bin/python, and every later run would trust that half-made .venv. So check
# first, and remove a half-made .venv when creating it fails.
$(BIN)/python:
	@$(PYTHON) -c 'import venv, ensurepip' >/dev/null 2>&1 || { \
	  echo "$(PYTHON) cannot create a virtual environment (its venv or ensurepip module is missing)." >&2; \
	  echo "Install python3-venv: sudo apt-get install python3-venv" >&2; \
	  exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }

# Direct dependencies come from pyproject.toml; their versions are pinned by binder/requirements.txt
# (used as constraints), so this environment runs exactly the versions Binder runs, and a learner gets
# only what the lessons need. One Python start checks that pip is there (a venv left half-made by an
# earlier failed setup is named, not trusted) and new enough: an editable install from pyproject.toml
# needs pip 21.3 (Python 3.10.0 came with 21.2), so only an older pip is upgraded. A stamp is touched only when its install
# succeeds, so a failed install is retried next time.
$(LEARNER_STAMP): pyproject.toml binder/requirements.txt | $(BIN)/python
	@$(BIN)/python -c 'import pip, sys; sys.exit(3 if tuple(map(int, pip.__version__.split(".")[:2])) < (21, 3) else 0)' 2>/dev/null; \
	case $$? in \
	  0) ;; \
	  3) $(BIN)/python -m pip install --quiet --upgrade pip ;; \
	  *) echo "$(VENV) is incomplete (no pip in it), probably left by an earlier failed setup." >&2; \
	     echo "Remove it with: rm -rf $(VENV)   then run make again." >&2; \
	     exit 1 ;; \
	esac
	$(BIN)/python -m pip install --quiet -c binder/requirements.txt -e .
	touch $@

# The test tools (pytest, Playwright, ruff, repo2docker, ...) are pinned by tests/constraints.txt, so a new
# release of one cannot break `make test` on a fresh clone.
$(TEST_STAMP): $(LEARNER_STAMP) tests/constraints.txt
	$(BIN)/python -m pip install --quiet -c binder/requirements.txt -c tests/constraints.txt -e ".[test]"
	touch $@

lab: learner
	$(BIN)/jupyter lab --port=$(PORT) $(ROOT_FLAG) lessons/00-start-here.ipynb

test: setup
	$(BIN)/python -m pytest

# No browser tests and no slow ones (environment builds): the fast subset, for contributors.
check: setup
	$(BIN)/python -m pytest -q -m "not browser and not slow"

# Rewrite the README's and lesson 00's lesson tables and myst.yml from lessons/course.json, then the instructor guide.
course: learner
	$(BIN)/python -m helpers.course
	$(BIN)/python -m helpers.instructor_guide

# Rewrite instructors/guide.html and instructors/answer-key.md from the manifest, the hand-written notes in
# instructors/lessons/ and the exercise files of every case folder (a test fails when they are out of date).
guide: learner
	$(BIN)/python -m helpers.instructor_guide

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

# Clear outputs, execution counts and widget state from every notebook (lessons and instructors') before committing.
strip: setup
	$(BIN)/nbstripout --keep-id --extra-keys "metadata.widgets" lessons/*.ipynb instructors/*.ipynb

# Regenerate the pins from pyproject.toml (needs the package index): Binder's first, then the test tools'
# within them, so the two files agree on every package they share.
lock: setup
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.10 \
	  --custom-compile-command "make lock" -o binder/requirements.txt
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.10 -c binder/requirements.txt \
	  --custom-compile-command "make lock" -o tests/constraints.txt

bench: setup
	$(BIN)/python benchmarks/run_lessons.py
	$(BIN)/python benchmarks/feedback.py
	$(BIN)/python benchmarks/class_dashboard.py

# Ten learners answering at once on a real JupyterHub on loopback: Check-to-feedback latency, memory per learner,
# kernel memory after each lesson (a few minutes; on a shared machine, run it sparingly).
bench-hub: setup
	$(BIN)/python benchmarks/hub_load.py --learners 10 --browser --lessons

# Time and size of a learner's install (make lab's) next to a bare jupyterlab + ipywidgets + pandas + plotly.
bench-install:
	$(PYTHON) benchmarks/install_size.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .cache
