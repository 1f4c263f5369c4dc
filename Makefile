# Two commands on a fresh clone: `make run` and `make test`. Everything else here is what
# those two need: the Python environment, the compiled front-end, the translations and the
# database.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Rasa 3.6 needs Python 3.10: pyenv's if there is one, else python3.10 on the PATH.
RASA_PYTHON ?= $(shell p=$$(ls -d $$(pyenv root 2>/dev/null)/versions/3.10.*/bin/python 2>/dev/null | tail -n 1); echo $${p:-$$(command -v python3.10)})
RASA_VENV := .venv-rasa
PORT ?= 5000
HOST ?= 127.0.0.1
BUILD := intake/static/build
GOVUK := node_modules/govuk-frontend/dist/govuk

.PHONY: run test install assets translations migrate extract schema clean bot

run: install assets translations migrate bot
	@echo "Serving on http://$(HOST):$(PORT); the relay delivers cases and the chat bot runs in the background."
	$(BIN)/intake relay & relay=$$!; $(BIN)/intake bot run & bot=$$!; \
	  trap 'kill $$relay $$bot 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/intake run --host $(HOST) --port $(PORT)

test: install assets translations bot
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed node_modules/.installed $(RASA_VENV)/.installed

# The chat bot's own Python 3.10 environment, and its model, trained only when the bot's
# data changed (`intake bot train` compares a fingerprint of the files).
$(RASA_VENV)/.installed: intake/bot/requirements.txt
	@test -n "$(RASA_PYTHON)" || { echo "Rasa 3.6 needs Python 3.10 (pyenv install 3.10, or set RASA_PYTHON)"; exit 1; }
	@echo "Installing Rasa 3.6 into $(RASA_VENV) (a few minutes the first time)..."
	test -x $(RASA_VENV)/bin/python || $(RASA_PYTHON) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(RASA_VENV)/bin/python -m pip install --quiet -r intake/bot/requirements.txt
	touch $@

bot: $(VENV)/.installed $(RASA_VENV)/.installed translations
	$(BIN)/intake bot train

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: $(BUILD)/manifest.json

# Content-hashed, precompressed copies of everything pages load (intake/assets.py).
$(BUILD)/manifest.json: $(BUILD)/app.css $(BUILD)/govuk-frontend.min.js $(wildcard intake/static/*.js) \
		intake/static/favicon.svg intake/assets.py $(VENV)/.installed
	$(BIN)/python -m intake.assets

$(BUILD)/app.css: intake/static/src/app.scss $(wildcard intake/static/src/_*.scss) node_modules/.installed
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
	rm -rf $(VENV) $(RASA_VENV) node_modules $(BUILD) .pytest_cache instance/bot
