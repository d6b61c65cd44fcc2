# The two commands of the course:
#   make lab    set up .venv (once) and open the course in JupyterLab
#   make test   set up .venv with the test tools, lint, and run every test
# Both need only Python >= 3.10 on the PATH (or PYTHON=/path/to/python3).

PYTHON ?= python3
PORT ?= 8888
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
CONSTRAINTS := requirements/constraints.txt
FIRST_LESSON := notebooks/00_start_here.ipynb
PYTEST_NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab lint test test-unit test-notebooks test-browser test-openmp site test-site benchmark clean help

help:
	@echo "make lab [PORT=8888]   open the course in JupyterLab"
	@echo "make test              lint, then run the unit, property and notebook tests"
	@echo "make test-unit         run the unit and property tests only"
	@echo "make lint              check the code with ruff"
	@echo "make test-browser      run every lesson in JupyterLab in headless Chromium and click its widgets"
	@echo "make test-openmp       check the BLAS hold with Debian's NumPy on the OpenMP build of OpenBLAS"
	@echo "make site              build the course website into $(SITE) (offline, from the saved outputs)"
	@echo "make test-site         build the website and check every page in headless Chromium"
	@echo "make benchmark         compare speed with scikit-learn (prints ratios)"
	@echo "make clean             remove .venv and caches"

# The virtual environment is (re)created when missing or when its Python no
# longer runs; the installs re-run only when pyproject.toml or the pins change.
$(BIN)/activate:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || \
	  { echo "kmeans-lab needs Python >= 3.10; '$(PYTHON)' is $$($(PYTHON) --version 2>&1). Try: make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv --clear $(VENV)
	$(PIP) install --quiet --upgrade pip

.PHONY: venv-check
venv-check:
	@$(BIN)/python -c '' 2>/dev/null || { rm -rf $(VENV); $(MAKE) --no-print-directory $(BIN)/activate; }

$(VENV)/.lab-installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/activate
	$(PIP) install --quiet -c $(CONSTRAINTS) -e ".[lab]"
	@touch $@

$(VENV)/.test-installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/activate
	$(PIP) install --quiet -c $(CONSTRAINTS) -e ".[lab,test]"
	@touch $@ $(VENV)/.lab-installed

lab: venv-check $(VENV)/.lab-installed
	@echo "Starting JupyterLab on port $(PORT): open the http://127.0.0.1:$(PORT)/lab?token=... URL printed below."
	$(BIN)/jupyter lab --no-browser --ip=127.0.0.1 --port=$(PORT) $(if $(filter 0,$(shell id -u)),--allow-root) \
	  --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/$(FIRST_LESSON)

lint: venv-check $(VENV)/.test-installed
	$(BIN)/python -m ruff check kmeans_lab tests benchmarks browser_tests book site_tests

test: lint
	MPLBACKEND=Agg $(BIN)/python -m pytest tests notebooks $(PYTEST_NBVAL)

test-unit: venv-check $(VENV)/.test-installed
	MPLBACKEND=Agg $(BIN)/python -m pytest tests

test-notebooks: venv-check $(VENV)/.test-installed
	$(BIN)/python -m pytest notebooks $(PYTEST_NBVAL)

# Debian's chromium, driven by Playwright (which cannot download its own browsers here).
CHROMIUM ?= /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

$(VENV)/.browser-installed: pyproject.toml $(CONSTRAINTS) $(VENV)/.test-installed
	$(PIP) install --quiet -c $(CONSTRAINTS) -e ".[lab,test,browser]"
	@touch $@

test-browser: venv-check $(VENV)/.browser-installed $(CHROMIUM)
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest browser_tests -p no:cacheprovider -rA --tb=short

# Debian's NumPy on the OpenMP build of OpenBLAS, which keeps its thread count per thread.
OPENMP_PACKAGES := python3-numpy python3-threadpoolctl libopenblas0-openmp

test-openmp: venv-check $(VENV)/.test-installed
	@dpkg -s $(OPENMP_PACKAGES) >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(OPENMP_PACKAGES); }
	KMEANS_LAB_REQUIRE_OPENMP=1 $(BIN)/python -m pytest tests/test_threads_openmp.py -p no:cacheprovider -rA --tb=short

# The course website: Jupyter Book 1.x from the committed outputs (book/build.py), with MathJax from
# npm (pinned by book/package-lock.json) served by the site itself.
SITE := _build/site
MATHJAX := book/node_modules/mathjax/es5/tex-mml-chtml.js

$(VENV)/.site-installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/activate
	$(PIP) install --quiet -c $(CONSTRAINTS) -e ".[site]"
	@touch $@

$(MATHJAX): book/package.json book/package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	npm ci --prefix book --no-audit --no-fund --loglevel=error
	@touch $@

site: venv-check $(VENV)/.site-installed $(MATHJAX)
	$(BIN)/python book/build.py --out $(SITE)

test-site: site $(VENV)/.browser-installed $(CHROMIUM)
	CHROMIUM=$(CHROMIUM) SITE_DIR=$(SITE) $(BIN)/python -m pytest site_tests -p no:cacheprovider -rA --tb=short

benchmark: venv-check $(VENV)/.test-installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info _build book/node_modules
