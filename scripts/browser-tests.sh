#!/usr/bin/env bash
# The drafter's page in a real headless Chromium. Installs Debian's chromium and playwright-core
# (npm, pinned by tests/browser/package-lock.json) when missing, builds the binary, runs the tests.
# Screenshots: target/browser-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

# A CJK font too, or the screenshots show boxes where the Chinese is.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=zh | grep -q .; then
    echo "== installing Chromium and a CJK font (Debian)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
fi
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
# The binary as `cargo test` builds it (same features, so nothing is rebuilt after the tests).
cargo test --locked --no-run --quiet
cd tests/browser
NIANBAO_BIN="$PWD/../../target/debug/nianbao" node --test --test-concurrency=1
