# One entry for running and testing. Both create .venv/ first (only when pyproject or pins changed).
PY := .venv/bin/python
STAMP := .venv/.installed
TEST_STAMP := .venv/.installed-test

.PHONY: run test test-all slow index eval bench setup browser models

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,peer]'
	touch $(STAMP)

# The tests also need the PostgreSQL store's extra, a PostgreSQL server from a wheel and Ray (the
# tests start a local cluster); `make run` does not.
$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,peer,postgres,pgserver,ray]'
	touch $(TEST_STAMP)

# Build the index if it is missing or stale (incremental: unchanged articles are reused), then serve.
run: $(STAMP)
	$(PY) -m bot index
	$(PY) app.py

index: $(STAMP)
	$(PY) -m bot index

# Debian's Chromium for the browser test: installed when missing and we are root, else one clear error.
browser:
	@sh scripts/need-chromium.sh

# Lint and import order first (ruff), then the stages' layers (import-linter; both configured in
# pyproject.toml), then the whole default suite
# (everything but the `slow` robustness loops, which pyproject.toml leaves out unless asked for).
test: $(TEST_STAMP) browser
	$(PY) -m ruff check .
	.venv/bin/lint-imports
	$(PY) -m pytest -q

slow: $(TEST_STAMP)
	$(PY) -m pytest -q -m slow

test-all: $(TEST_STAMP) browser
	$(PY) -m ruff check .
	.venv/bin/lint-imports
	$(PY) -m pytest -q -m "slow or not slow"

# Every learned file again, from the repository and ../shared/eval (not in CI: about two hours on two
# cores): the answer step's ranking and refusal (bot/answer/answer_model.json), then the marker
# (bot/shortanswer/marker_lora.npz) and the short-answer models, each printing what it trains on, its
# time and its check figures; then the figures the README quotes. docs/evaluation.md, "Retraining".
models: $(STAMP)
	$(PY) scripts/train_answer_model.py
	$(PY) scripts/train_short_answer.py --recollect --retrain-marker
	$(PY) -m bot eval ../shared/eval/squad-v1.1-dev --sample 2000
	$(PY) -m bot eval eval/new-genres/held-out/questions.jsonl
