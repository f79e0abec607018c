#!/usr/bin/env bash
# Soak test, bounded: after a warm-up, at least 10,000 checks at concurrency 64, a mix of text,
# .docx and bad input (malformed JSON, an invalid year, a truncated PDF). Fails on any 5xx, any
# socket error, fewer than 10,000 answers, or resident memory growing by more than 25% after the
# warm-up. Needs wrk (Debian package `wrk`).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench/soak.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
# shellcheck source=scripts/release-server.sh
. scripts/release-server.sh
rss() { awk '/VmRSS/ {print $2}' "/proc/$server_pid/status"; }

wrk -t2 -c64 -d5s -s bench/soak.lua "http://127.0.0.1:$port" >/dev/null
warm=$(rss)
out=$(wrk -t2 -c64 -d"${SOAK_SECONDS:-30}s" -s bench/soak.lua "http://127.0.0.1:$port")
after=$(rss)
echo "$out" | grep -E "requests in|answers:"
read -r ok client_errors server_errors <<<"$(sed -n 's/^answers: \([0-9]*\) 2xx, \([0-9]*\) 4xx, \([0-9]*\) 5xx.*/\1 \2 \3/p' <<<"$out")"
sockets=$(sed -n 's/.*socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1+\2+\3+\4/p' <<<"$out")
echo "resident memory: ${warm} kB after warm-up, ${after} kB at the end"
total=$((ok + client_errors + server_errors))
fail=0
[ "$total" -ge 10000 ] || { echo "only $total answers"; fail=1; }
[ "$server_errors" -eq 0 ] || { echo "$server_errors answers were 5xx"; fail=1; }
[ "$((sockets))" -eq 0 ] || { echo "socket errors: $sockets"; fail=1; }
[ "$after" -le $((warm * 125 / 100)) ] || { echo "memory grew from $warm kB to $after kB"; fail=1; }
[ "$fail" -eq 0 ] && echo "soak: $total answers ($ok 2xx, $client_errors 4xx, 0 5xx), no socket errors, memory flat"
exit "$fail"
