# Two commands on a fresh clone: `make run` and `make test`. Everything else here is what
# those two need: the Python environment, the compiled front-end, the translations and the
# database.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
BUILD := intake/static/build
GOVUK := node_modules/govuk-frontend/dist/govuk

.PHONY: run test install assets translations migrate extract schema clean

run: install assets translations migrate
	@echo "Serving on http://$(HOST):$(PORT); the relay delivers cases in the background."
	$(BIN)/intake relay & relay=$$!; trap 'kill $$relay 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/intake run --host $(HOST) --port $(PORT)

test: install assets translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: $(BUILD)/app.css $(BUILD)/govuk-frontend.min.js

$(BUILD)/app.css: intake/static/src/app.scss node_modules/.installed
	mkdir -p $(BUILD)
	npx --no-install sass --load-path=node_modules --pkg-importer=node --style=compressed \
	  --no-source-map --quiet-deps $< $@

$(BUILD)/govuk-frontend.min.js: node_modules/.installed
	mkdir -p $(BUILD)
	cp $(GOVUK)/govuk-frontend.min.js $@

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d translations --statistics 2>&1 | tail -n 3

# Re-extract every user-facing string into the template and update each catalogue.
extract: $(VENV)/.installed
	$(BIN)/pybabel extract -F translations/babel.cfg -k N_ -k _l --no-location --sort-output \
	  --project=intake --copyright-holder="intake contributors" -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching

migrate: $(VENV)/.installed
	$(BIN)/intake db upgrade

schema: $(VENV)/.installed
	$(BIN)/intake schema

clean:
	rm -rf $(VENV) node_modules $(BUILD) .pytest_cache
