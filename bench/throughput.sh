#!/usr/bin/env bash
# Throughput of POST /v1/checks (xixing-2024 as JSON `text`, 18 KB) against its peer, the bare
# actix-web server of examples/bare_server.rs that only deserialises the same body: each served
# in turn with the same worker count, ROUNDS rounds of DURATION seconds with wrk at concurrency
# 64. Prints requests per second of each, and the ratio nianbao / bare (the issue's yardstick).
# Needs wrk (Debian package `wrk`).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10}"
ROUNDS="${ROUNDS:-3}"
command -v wrk >/dev/null || { echo "bench/throughput.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
cargo build --release --locked --quiet --bin nianbao --example bare_server
body=$(mktemp)
trap 'rm -f "$body"; kill $(jobs -p) 2>/dev/null || true' EXIT
python3 -c 'import json,sys; print(json.dumps({"text": open("tests/fixtures/xixing-2024.txt", encoding="utf-8").read()}))' > "$body"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Serves with one of the two, runs wrk, prints requests per second.
measure() {
    local port pid out
    port=$(free_port)
    case "$1" in
        nianbao) NIANBAO_LOG=warn target/release/nianbao serve --addr "127.0.0.1:$port" --max-in-flight 256 & ;;
        bare) target/release/examples/bare_server "127.0.0.1:$port" & ;;
    esac
    pid=$!
    until curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary "@$body" \
        "http://127.0.0.1:$port/v1/checks" 2>/dev/null; do sleep 0.1; done
    out=$(BODY_FILE="$body" BODY_TYPE=application/json wrk -t2 -c64 -d"${DURATION}s" \
        -s bench/post.lua "http://127.0.0.1:$port/v1/checks")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    if grep -q "Non-2xx" <<<"$out"; then echo "$1: answers other than 200" >&2; exit 1; fi
    awk '/Requests\/sec/ {print $2}' <<<"$out"
}

echo "| round | nianbao checks/s | bare server requests/s | ratio |"
echo "|---|---|---|---|"
for round in $(seq "$ROUNDS"); do
    ours=$(measure nianbao)
    bare=$(measure bare)
    echo "| $round | $ours | $bare | $(python3 -c "print(f'{$ours / $bare:.3f}')") |"
done
