#!/usr/bin/env bash
# Schemathesis (PyPI) against the live service, from its own /openapi.json: every operation,
# every check (server errors, status codes, content types, response schemas, ...), examples,
# coverage, fuzzing and stateful phases, deterministic so a failure reproduces. Fails on any
# failure. The hooks give it real reports for the document media types (scripts/schemathesis/).
set -euo pipefail
cd "$(dirname "$0")/.."
version=4.32.5
if ! st --version 2>/dev/null | grep -q "$version"; then
    python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$version"
fi
# shellcheck source=scripts/release-server.sh
. scripts/release-server.sh
# The failure cache would replay old cases; CI starts clean, and so does this script.
rm -rf .schemathesis
SCHEMATHESIS_HOOKS=scripts.schemathesis.hooks st run "http://127.0.0.1:$port/openapi.json" \
    --checks all --max-examples "${SCHEMATHESIS_EXAMPLES:-100}" --generation-deterministic \
    --no-color
