#!/usr/bin/env bash
# The findings where reviewers and offices work, read by independent readers: annotated .docx
# files opened with python-docx (comments, their anchors, the paragraphs) and converted by
# LibreOffice; the batch's spreadsheet read with openpyxl and its CSV with Python's csv module,
# row by row and column by column against the NDJSON answer (scripts/outputs/check_outputs.py).
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/outputs
rm -rf "$work" && mkdir -p "$work"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check \
    "python-docx==1.2.0" "openpyxl==3.1.5" "lxml==6.1.3"
cargo build --release --locked --quiet
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
NIANBAO_LOG=error target/release/nianbao serve --addr "127.0.0.1:$port" &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.1; done
"$work/venv/bin/python" scripts/outputs/check_outputs.py "http://127.0.0.1:$port" tests/fixtures "$work"
