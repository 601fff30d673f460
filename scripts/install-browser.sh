#!/usr/bin/env bash
# Install Debian's Chromium and its matching chromedriver for the headless browser tests.
#
# Idempotent: does nothing when both /usr/bin/chromium and /usr/bin/chromedriver exist.
# Must run as root (or via sudo). Usage: scripts/install-browser.sh
set -euo pipefail

CHROMIUM=/usr/bin/chromium
DRIVER=/usr/bin/chromedriver

if [[ -x "$CHROMIUM" && -x "$DRIVER" ]]; then
    echo "chromium and chromedriver already installed:"
    "$CHROMIUM" --version 2>/dev/null || true
    "$DRIVER" --version 2>/dev/null || true
    exit 0
fi

SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "error: must run as root (or have sudo) to install chromium" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends chromium chromium-driver

for bin in "$CHROMIUM" "$DRIVER"; do
    if [[ ! -x "$bin" ]]; then
        echo "error: $bin still missing after install" >&2
        exit 1
    fi
done
"$CHROMIUM" --version || true
"$DRIVER" --version || true
