#!/usr/bin/env bash
# Install the two SPARQL servers the remote-store tests run against:
#   - Virtuoso open source 7 from Debian (virtuoso-t, isql-vt), as root via apt;
#   - the `oxigraph` server CLI from PyPI, into .venv (it is in the dev extra).
#
# Idempotent: skips what is already there. The tests start and stop their own server
# processes in temporary folders; nothing here starts a service. Usage:
#   scripts/install-stores.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v virtuoso-t >/dev/null 2>&1; then
    SUDO=""
    [[ "$(id -u)" -eq 0 ]] || SUDO="sudo"  # apt needs root
    # No init system in containers and CI: keep the package's postinst from starting the
    # system-wide Virtuoso (the tests run their own on free ports).
    POLICY=/usr/sbin/policy-rc.d
    ADDED_POLICY=""
    if [[ ! -e "$POLICY" ]]; then
        printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
        $SUDO chmod +x "$POLICY"
        ADDED_POLICY=1
    fi
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends virtuoso-opensource-7
    if [[ -n "$ADDED_POLICY" ]]; then
        $SUDO rm -f "$POLICY"
    fi
fi
command -v virtuoso-t >/dev/null || { echo "error: virtuoso-t missing after install" >&2; exit 1; }

if [[ ! -x .venv/bin/oxigraph ]]; then
    .venv/bin/python -m pip install --quiet "oxigraph>=0.5,<0.6"
fi
.venv/bin/oxigraph --version
virtuoso-t -? 2>&1 | head -n 1 || true
