# paperlog: `make demo` shows it working on the bundled example library; `make test` runs
# every test. Both set up everything they need (a .venv, the package, the test tools and,
# for the browser tests, Debian's chromium) on a fresh machine with Python 3.11, make, git.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PAPERLOG := $(BIN)/paperlog
DEMO := demo
STAMP := $(VENV)/.installed

.PHONY: demo demo-files test lint typecheck pytest system-packages bench clean help

help:
	@echo "make demo   build a demo library from examples/, show list, search and stats, build the site, serve it"
	@echo "make test   install the test tools and run ruff, mypy --strict and the whole pytest suite"
	@echo "make bench  measure the figures in bench/ (slow)"

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: Python 3.11 is needed (python3.11 or python3 on PATH)"; exit 1; }
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: paperlog needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# -- the demo ---------------------------------------------------------------------------

demo-files: $(STAMP)
	@rm -rf $(DEMO)
	@cp -R examples $(DEMO)
	@echo
	@echo "== A demo library in ./$(DEMO), made from examples/ =="
	@echo
	@echo '$$ paperlog list --status reading,to-read'
	@cd $(DEMO) && ../$(PAPERLOG) list --status reading,to-read
	@echo
	@echo '$$ paperlog search attention'
	@cd $(DEMO) && ../$(PAPERLOG) search attention --limit 5
	@echo
	@echo '$$ paperlog search 模型      (Chinese works too)'
	@cd $(DEMO) && ../$(PAPERLOG) search 模型 --limit 5
	@echo
	@echo '$$ paperlog stats'
	@cd $(DEMO) && ../$(PAPERLOG) stats

demo: demo-files
	@cd $(DEMO) && ../$(PAPERLOG) render readme -o README.md >/dev/null 2>&1 && echo "Wrote $(DEMO)/README.md (paperlog render readme)" || true
	@cd $(DEMO) && ../$(PAPERLOG) site build _site >/dev/null 2>&1 && echo "Built the static site in $(DEMO)/_site (paperlog site build)" || true
	@echo
	@if [ -t 0 ] && [ -z "$$CI" ]; then \
		echo '$$ paperlog serve      (Ctrl-C to stop)'; \
		cd $(DEMO) && ../$(PAPERLOG) serve; \
	else \
		echo "Not a terminal: skipping 'paperlog serve'. Run it yourself: cd $(DEMO) && ../$(PAPERLOG) serve"; \
	fi

# -- tests ------------------------------------------------------------------------------

# System packages some tests drive: Debian's chromium (through Playwright), pandoc (does
# it accept our BibTeX and CSL-JSON?) and a CJK font (screenshots of Chinese notes).
# Installed here when missing and we are root (as on CI); otherwise those tests skip.
system-packages:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pandoc >/dev/null || missing="$$missing pandoc"; \
	[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing="$$missing fonts-wqy-microhei"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian packages for the tests:$$missing"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
				|| echo "warning: could not install$$missing; the tests that need them will be skipped"; \
		else \
			echo "note: missing$$missing (apt-get install$$missing); the tests that need them will be skipped"; \
		fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check paperlog tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) system-packages
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_core.py

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache test-output
