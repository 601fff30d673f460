#!/usr/bin/env bash
# Install kg with its test tools, headless Chromium and axe-core, lint, and run the whole test
# suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
bash scripts/install-browser.sh
bash scripts/install-axe.sh
bash scripts/install-stores.sh
.venv/bin/ruff check kg tests benchmarks notebooks
.venv/bin/python -m pytest "$@"
