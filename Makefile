# The two quick-start commands: `make run` and `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench clean package install-desktop translations system-packages system-packages-test

# Qt's system libraries (and for the tests PostgreSQL and the desktop-file validators): installed when
# missing if this user can, otherwise the one apt-get line to run is printed and make stops.
system-packages:
	@bash packaging/system-packages.sh run

system-packages-test:
	@bash packaging/system-packages.sh test

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

run: system-packages $(VENV)/.installed-run
	$(VENV)/bin/annotator $(ARGS)

lint: system-packages-test $(VENV)/.installed-test
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

# Refresh the Arabic translation source from the code, and compile it (.qm is build output; without it
# the app reads the .ts directly).
translations: $(VENV)/.installed-run
	$(VENV)/bin/pyside6-lupdate annotator/gui/*.py -ts resources/translations/annotator_ar.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/annotator_ar.ts -qm resources/translations/annotator_ar.qm

# A one-folder app in dist/annotator, built with PyInstaller and smoke-tested (packaging/build.sh).
package: $(VENV)/.installed-run
	PY=$(PY) bash packaging/build.sh

# Menu entry, icon and AppStream data for the current user; the menu entry runs the installed
# `annotator` (this checkout's .venv unless ANNOTATOR_BIN says otherwise).
install-desktop: $(VENV)/.installed-run
	bash packaging/install-desktop.sh

# Benchmarks (not part of `make test`): ratios against baselines measured in the same run.
# `make bench BENCH_ARGS="--only tag --json"` passes options through; see docs/performance.md.
bench: $(VENV)/.installed-run
	QT_QPA_PLATFORM=offscreen $(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
