#!/usr/bin/env bash
# Install kg, build the knowledge graph of seeds/ into kg-data/, and draw it as graph.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/kg build seeds/
.venv/bin/kg stats
.venv/bin/kg render -o graph.html
