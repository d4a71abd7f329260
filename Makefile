# recap: set-up, demo, tests and benchmarks. Needs only Python 3.11+ and PyPI.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.stamp
OUT := out

.DEFAULT_GOAL := demo
.PHONY: venv demo test lint format bench gallery clean distclean

venv: $(STAMP)

# The venv is (re)installed only when pyproject.toml changes; the stamp records the last install.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "recap needs Python 3.11 or newer: run 'make PYTHON=python3.12' (or another 3.11+)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/recap pptx -o $(OUT)/tf-dev-summit-2019.pptx
	$(BIN)/recap pdf -o $(OUT)/tf-dev-summit-2019.pdf
	$(BIN)/recap png -o $(OUT)/tf-dev-summit-2019.png
	$(BIN)/recap pptx content/tf-dev-summit-2019.zh.yaml -o $(OUT)/tf-dev-summit-2019.zh.pptx
	$(BIN)/recap pdf content/tf-dev-summit-2019.zh.yaml -o $(OUT)/tf-dev-summit-2019.zh.pdf
	$(BIN)/recap pptx content/ml-engineering-summit-tokyo-2025.ja.yaml -o $(OUT)/ml-engineering-summit-tokyo-2025.ja.pptx
	$(BIN)/recap pdf content/ml-engineering-summit-tokyo-2025.ja.yaml -o $(OUT)/ml-engineering-summit-tokyo-2025.ja.pdf
	$(BIN)/recap pptx content/frontend-conf-seoul-2025.ko.yaml -o $(OUT)/frontend-conf-seoul-2025.ko.pptx
	$(BIN)/recap pdf content/frontend-conf-seoul-2025.ko.yaml -o $(OUT)/frontend-conf-seoul-2025.ko.pdf

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check decks tests

lint: $(STAMP)
	$(BIN)/ruff check decks tests
	$(BIN)/ruff format --check decks tests
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format decks tests
	$(BIN)/ruff check --fix decks tests

# The benchmarks run the real `recap` command, so the venv's bin comes first on PATH.
bench: $(STAMP)
	@set -e; for script in bench/*.py; do \
		echo "== $$script"; PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python $$script; \
	done

# The sketchnote at 1 to 60 items, en/zh/ja, in every layout and theme: PNG contact sheets in docs/gallery.
# The deck, every layout in every theme and language and each bundled content, drawn by LibreOffice (soffice
# and pdftoppm needed): contact sheets in docs/gallery/deck. And the README's pictures (docs/*.png).
gallery: $(STAMP)
	$(BIN)/python tools/gallery.py docs/gallery
	$(BIN)/python tools/deck_gallery.py docs/gallery/deck
	$(BIN)/python tools/readme_images.py docs

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache .mypy_cache .hypothesis build dist
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info
