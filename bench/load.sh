#!/usr/bin/env bash
# Load test on loopback: checks per second and p50/p99 latency at concurrency 1, 8 and 64, for a
# text report (xixing-2024, 6,513 characters) and the same report as .docx, then the server's
# peak RSS. Needs wrk (Debian package `wrk`); bounded at DURATION seconds per run (default 10).
# Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10}"
command -v wrk >/dev/null || { echo "bench/load.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
cargo build --release --locked --quiet
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
NIANBAO_LOG=warn target/release/nianbao serve --addr "127.0.0.1:$port" --max-in-flight 256 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.1; done

docx_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
echo "| input | concurrency | checks/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
for input in "text:tests/fixtures/xixing-2024.txt:text/plain; charset=utf-8" \
             "docx:tests/fixtures/documents/xixing-2024.typed.docx:$docx_type"; do
    IFS=: read -r name file media <<<"$input"
    for connections in 1 8 64; do
        threads=$(( connections < 2 ? 1 : 2 ))
        out=$(BODY_FILE="$file" BODY_TYPE="$media" wrk -t"$threads" -c"$connections" -d"${DURATION}s" \
            --latency -s bench/post.lua "http://127.0.0.1:$port/v1/checks")
        rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
        p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
        p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
        errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")
        echo "| $name | $connections | $rps | $p50 | $p99 | ${errors:-0} |"
    done
done
echo
echo "peak RSS of the server: $(awk '/VmHWM/ {print $2, $3}' /proc/$server_pid/status)"
