#!/usr/bin/env bash
# Create .venv (if missing) and install kg into it; pass "dev" to add the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "dev" ]; then
    .venv/bin/python -m pip install --quiet -e '.[dev]'
else
    .venv/bin/python -m pip install --quiet -e .
fi
# An editable install leaves kg's own modules uncompiled, and where PYTHONDONTWRITEBYTECODE
# is set (as on CI machines) Python compiles every one again in every process: 60 ms of a
# build's start, before its workers can parse. Compile them once, as pip does for a wheel.
.venv/bin/python -m compileall -q kg
