#!/usr/bin/env bash
# The comparison across one collection at scale (issue 35): `nianbao check DIR --format ndjson`
# on 125, 250, 500 and 1,000 generated variants of the township reports (bench/collection-variants.py),
# each size three times; prints the best wall time, its ratio to the size before (2.0 is linear)
# and the peak resident memory. BIN=path skips the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-target/release/nianbao}"
[ -n "${BIN_GIVEN:-}" ] || [ -x "$BIN" ] || cargo build --release --locked --quiet --bin nianbao
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
previous=""
printf '%6s %9s %7s %10s %7s\n' reports seconds ratio "peak MiB" similar
for n in 125 250 500 1000; do
    rm -rf "$dir/reports" && mkdir "$dir/reports"
    python3 bench/collection-variants.py "$n" "$dir/reports"
    best=""
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$dir/time" "$BIN" check --format ndjson "$dir/reports" > "$dir/out" || true
        read -r seconds kib < <(tail -1 "$dir/time")
        if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; peak=$kib; fi
    done
    similar=$(tail -1 "$dir/out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["summary"]["similar"]))')
    ratio=$([ -n "$previous" ] && awk "BEGIN{printf \"%.2f\", $best / $previous}" || echo "-")
    printf '%6d %9.2f %7s %10.0f %7d\n' "$n" "$best" "$ratio" "$((peak / 1024))" "$similar"
    previous=$best
done
