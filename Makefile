# DocManager developer entry points (GNU make).
#
#   make run            open the desktop app
#   make test           run the test suite (Qt offscreen); extra pytest
#                       arguments via PYTEST_ARGS, e.g.
#                       make test PYTEST_ARGS='-m "not slow" -x'
#   make translations   refresh the Chinese .ts from ui/ and build the .qm
#   make clean          remove .venv and caches
#
# Every target first makes sure the system packages are there
# (tools/sysdeps.sh), then that .venv exists, then that the project is
# installed into it.  pip only runs again when setup.cfg or pyproject.toml
# is newer than the stamp file left in .venv by the last successful install,
# so a re-run with nothing changed goes straight to the command.

# Interpreter used to create .venv (the machine's python3 unless overridden).
PYTHON      ?= python3
VENV        := .venv
VENV_PYTHON := $(VENV)/bin/python
# Written after a successful "pip install -e .[test]".
STAMP       := $(VENV)/.docmanager-installed
PYTEST_ARGS ?=

TS_FILE     := resources/translations/docmanager_zh_CN.ts
QM_FILE     := resources/translations/docmanager_zh_CN.qm
LUPDATE     := $(VENV)/bin/pyside6-lupdate
LRELEASE    := $(VENV)/bin/pyside6-lrelease

.DEFAULT_GOAL := help
.PHONY: help run test setup sysdeps translations clean

help:
	@echo "make run           open the app"
	@echo "make test          run the tests (PYTEST_ARGS='...' for extra pytest arguments)"
	@echo "make translations  update $(TS_FILE) from ui/ and build the .qm"
	@echo "make clean         remove $(VENV) and caches"

# --- set-up steps ----------------------------------------------------------

# Debian packages (Qt's system libraries, CJK fonts, python3-venv, test tools).
# Installs them when root, otherwise prints what to install and carries on.
sysdeps:
	@echo "==> checking system packages (tools/sysdeps.sh)"
	@sh tools/sysdeps.sh

# The virtual environment.  Order-only on sysdeps: on a fresh Debian the
# venv module only works once python3-venv is installed.
$(VENV_PYTHON): | sysdeps
	@echo "==> creating $(VENV) with $(PYTHON)"
	@# A failed attempt (e.g. python3-venv missing) leaves a half-made .venv;
	@# drop its python link so the next run tries again.
	$(PYTHON) -m venv $(VENV) || { rm -f $(VENV_PYTHON); echo "could not create $(VENV); see the messages above"; exit 1; }

# The project and its test extras, re-installed only when packaging changed.
$(STAMP): setup.cfg pyproject.toml | $(VENV_PYTHON)
	@echo "==> installing the project into $(VENV) (first time, or setup.cfg/pyproject.toml changed)"
	$(VENV_PYTHON) -m pip install -e '.[test]'
	@touch $@

setup: sysdeps $(STAMP)
	@echo "==> environment ready"

# --- everyday targets --------------------------------------------------------

run: setup
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "hint: neither DISPLAY nor WAYLAND_DISPLAY is set, so there may be no screen to open the window on;"; \
	  echo "      from a text console try 'xvfb-run -a make run' (virtual screen). Trying anyway."; \
	fi
	@echo "==> starting DocManager"
	$(VENV_PYTHON) main.py

test: setup
	@echo "==> running tests (QT_QPA_PLATFORM=offscreen)"
	QT_QPA_PLATFORM=offscreen $(VENV_PYTHON) -m pytest $(PYTEST_ARGS)

# Qt Linguist round trip: collect the tr() strings from ui/ (Python and
# Designer files) into the .ts the translator edits, then compile the .qm the
# app loads.  The files are listed one by one because lupdate only parses
# Python when it is given .py files, not when it scans a directory.
# Skipped with a message when the tools or the ui/ sources are not there yet.
UI_SOURCES = $(shell find ui \( -name '*.py' -o -name '*.ui' \) -type f 2>/dev/null | LC_ALL=C sort)

translations: setup
	@if [ ! -x $(LUPDATE) ] || [ ! -x $(LRELEASE) ]; then \
	  echo "translations: $(LUPDATE) or $(LRELEASE) not found; nothing done"; \
	elif [ -z "$(UI_SOURCES)" ]; then \
	  echo "translations: no .py or .ui files under ui/ yet; nothing done"; \
	else \
	  mkdir -p $(dir $(TS_FILE)) && \
	  echo "==> updating $(TS_FILE) from ui/" && \
	  $(LUPDATE) $(UI_SOURCES) -source-language en -target-language zh_CN -ts $(TS_FILE) && \
	  echo "==> building $(QM_FILE)" && \
	  $(LRELEASE) $(TS_FILE) -qm $(QM_FILE); \
	fi

clean:
	@echo "==> removing $(VENV) and caches"
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
