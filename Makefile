# The two quick-start commands: `make run` and `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench clean package install-desktop

$(VENV)/.installed-run: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(VENV)/bin/annotator $(ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check annotator tests
	$(VENV)/bin/lint-imports

# With PostgreSQL installed (Debian's postgresql package), the store tests also run on a throw-away
# server (.ci/with-postgres); without it they run on SQLite only and say that they skipped the rest.
test: lint
	@if [ -z "$$ANNOTATOR_TEST_PG" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		.ci/with-postgres env QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS); \
	else \
		QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS); \
	fi

# A one-folder app in dist/annotator, built with PyInstaller and smoke-tested (packaging/build.sh).
package: $(VENV)/.installed-run
	PY=$(PY) bash packaging/build.sh

# Menu entry, icon and AppStream data for the current user; the menu entry runs the installed
# `annotator` (this checkout's .venv unless ANNOTATOR_BIN says otherwise).
install-desktop: $(VENV)/.installed-run
	bash packaging/install-desktop.sh

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
