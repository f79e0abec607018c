"""Schemathesis hooks: real reports for the document media types and base64 files.

No schema can say what a readable .docx or PDF is, so Schemathesis would send arbitrary bytes
(or a one-pixel PNG) as a "valid" file. These strategies give it the corpus reports in each
format instead, for raw bodies and for the `file` parts of the upload forms.
"""

from pathlib import Path

import base64
import io
import zipfile

import schemathesis
from hypothesis import strategies as st

DOCUMENTS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "documents"

MEDIA_TYPES = {
    "application/pdf": "*.pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "*.docx",
    "application/ofd": "*.ofd",
    "text/html": "*.html",
    "application/xhtml+xml": "*.html",
    # Converted by LibreOffice, which .ci/run installs.
    "application/msword": "*.doc",
    "application/vnd.ms-works": "*.doc",
    "application/wps-office.wps": "*.doc",
    "application/rtf": "*.rtf",
    "text/rtf": "*.rtf",
    # "Only a file": any of them.
    "application/octet-stream": "*.docx",
}

REPORTS = []
for media_type, pattern in MEDIA_TYPES.items():
    samples = [path.read_bytes() for path in sorted(DOCUMENTS.glob(pattern))]
    if not samples:
        raise SystemExit(f"no {pattern} fixtures in {DOCUMENTS}")
    schemathesis.openapi.media_type(media_type, st.sampled_from(samples))
    if pattern in ("*.pdf", "*.docx", "*.ofd") or media_type == "text/html":
        REPORTS.extend(samples)

# `format: byte` is a file in base64 inside JSON (`file.content_base64`): a report too.
schemathesis.openapi.format(
    "byte", st.sampled_from([base64.b64encode(report).decode("ascii") for report in REPORTS])
)


def zip_of_reports(names):
    """A zip of reports as a collecting office packs them, in a folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(f"区司法局/{name}", (DOCUMENTS / name).read_bytes())
    return buffer.getvalue()


ZIPS = st.sampled_from(
    [
        zip_of_reports(["zhuangshi-2023.gb18030.txt"]),
        zip_of_reports(["wuxing-2024.typed.docx", "xixing-2024.html"]),
    ]
)
for zip_type in ["application/zip", "application/x-zip-compressed"]:
    schemathesis.openapi.media_type(zip_type, ZIPS)


@schemathesis.deserializer("application/x-ndjson")
def ndjson_lines(ctx, response):
    """The batch answer, a JSON line per report then a summary line.

    The OpenAPI document (3.1, which has no schema for a sequence) describes one line, so every
    line is checked against that schema here; the summary line is then handed to Schemathesis,
    which checks it again with its response-schema check.
    """
    import json

    import jsonschema_rs

    document = ctx.operation.schema.raw_schema
    line_schema = document["paths"]["/v1/checks/batch"]["post"]["responses"]["200"]["content"][
        "application/x-ndjson"
    ]["schema"]
    validator = jsonschema_rs.validator_for({**line_schema, "components": document["components"]})
    text = response.content.decode("utf-8")
    if not text.endswith("\n"):
        raise ValueError("the NDJSON answer does not end with a line break")
    lines = [json.loads(line) for line in text.splitlines()]
    for number, line in enumerate(lines, start=1):
        errors = [error.message for error in validator.iter_errors(line)]
        if errors:
            raise ValueError(f"line {number} does not match the line schema: {errors[:3]}")
    if not lines or "summary" not in lines[-1]:
        raise ValueError("the NDJSON answer does not end with the summary line")
    return lines[-1]
