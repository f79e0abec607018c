#!/usr/bin/env bash
# The findings where reviewers and offices work, read by independent readers: annotated .docx
# files opened with python-docx (comments, their anchors, the paragraphs) and converted by
# LibreOffice; the batch's spreadsheet read with openpyxl and its CSV with Python's csv module,
# row by row and column by column against the NDJSON answer (scripts/outputs/check_outputs.py);
# Word answers with revisions accepted and rejected by LibreOffice
# (scripts/outputs/revisions_in_libreoffice.py).
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
# Tracked revisions resolved by LibreOffice itself, through its Python bridge (Debian's
# python3-uno, for Debian's python3): accepted, the fixed copy; rejected, the original.
if ! /usr/bin/python3 -c "import uno" 2>/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-uno >/dev/null
fi
/usr/bin/python3 scripts/outputs/revisions_in_libreoffice.py target/release/nianbao "$work" \
    tests/fixtures/fixable/slips-town-2024.txt tests/fixtures/documents/wuxing-2024.typed.docx
