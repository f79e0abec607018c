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
# shellcheck source=scripts/release-server.sh
. scripts/release-server.sh
"$work/venv/bin/python" scripts/outputs/check_outputs.py "$base" tests/fixtures "$work"
