#!/usr/bin/env bash
# Install axe-core (Deque's accessibility engine, MPL-2.0) from the npm registry for the
# explorer's accessibility test, which injects it into the pages it opens.
#
# The version is pinned and the tarball checked against the registry's SHA-512 integrity
# for it, whether npm fetched it or curl did (npm is used when installed). The script lands
# in .venv/share/axe-core/axe.min.js (KG_AXE overrides the path). Idempotent: does nothing
# when the file is there. Usage: scripts/install-axe.sh
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=4.10.3
INTEGRITY="sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg=="
TARGET="${KG_AXE:-.venv/share/axe-core/axe.min.js}"

if [[ -s "$TARGET" ]]; then
    echo "axe-core already installed: $TARGET"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tarball="$work/axe-core-$VERSION.tgz"
if command -v npm >/dev/null 2>&1; then
    (cd "$work" && npm pack --silent "axe-core@$VERSION" >/dev/null)
else
    curl --fail --silent --show-error --location --retry 3 -o "$tarball" \
        "https://registry.npmjs.org/axe-core/-/axe-core-$VERSION.tgz"
fi

actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [[ "$actual" != "$INTEGRITY" ]]; then
    echo "error: $tarball: integrity $actual is not the registry's $INTEGRITY" >&2
    exit 1
fi

tar -xzf "$tarball" -C "$work" package/axe.min.js
mkdir -p "$(dirname "$TARGET")"
mv "$work/package/axe.min.js" "$TARGET.partial"
mv "$TARGET.partial" "$TARGET"
echo "axe-core $VERSION installed: $TARGET"
