"""Every call README shows, made with the client openapi-python-client generated from the
service's own OpenAPI document; `mypy --strict` checks it, then it runs against the real server.
A mismatch between the document and the server fails here, in the types or at run time.

openapi-python-client sends a document as the body as application/octet-stream only (the one
binary media type it supports); the server reads the format from the content either way. It does
not parse NDJSON, so the batch's lines are read from the response and parsed with its models.
"""

import base64
import io
import json
import sys
from pathlib import Path

from nianbao_client import AuthenticatedClient
from nianbao_client.api.checks import post_batch, post_check
from nianbao_client.api.rules import get_rule, list_rules
from nianbao_client.models import (
    BatchErrorLine,
    BatchForm,
    BatchReportLine,
    BatchSummaryLine,
    CheckForm,
    CheckReport,
    CheckRequest,
    FileUpload,
    ProblemBody,
)
from nianbao_client.types import File, Response

BatchLine = BatchReportLine | BatchErrorLine | BatchSummaryLine


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"Python client: {what}")


def expect_report(response: Response[CheckReport | ProblemBody], year: int, what: str) -> CheckReport:
    report = response.parsed
    if not isinstance(report, CheckReport):
        raise SystemExit(f"Python client: {what}: {response.status_code} {response.content[:300]!r}")
    expect(report.report.year == year, f"{what}: year {report.report.year}")
    return report


def batch_line(line: bytes) -> BatchLine:
    value = json.loads(line)
    if "summary" in value:
        return BatchSummaryLine.from_dict(value)
    if "error" in value:
        return BatchErrorLine.from_dict(value)
    return BatchReportLine.from_dict(value)


def main(base_url: str, key: str, fixtures: Path) -> None:
    client = AuthenticatedClient(base_url=base_url, token=key)
    zhuangshi = fixtures / "zhuangshi-2023.txt"
    docx = (fixtures / "documents/zhuangshi-2023.typed.docx").read_bytes()
    pdf = (fixtures / "documents/xixing-2024.pdf").read_bytes()

    # The report's text (this client sends it as JSON).
    text = expect_report(
        post_check.sync_detailed(client=client, body=CheckRequest(text=zhuangshi.read_text("utf-8"))),
        2023,
        "text",
    )
    expect(not text.compliant, "text: 庄市街道 lacks two parts")

    # A .docx in a multipart form.
    form = CheckForm(file=File(payload=io.BytesIO(docx), file_name="report.docx"), include_text=True)
    word = expect_report(post_check.sync_detailed(client=client, body=form), 2023, "multipart .docx")
    expect(isinstance(word.text, str), "multipart .docx: include_text returns the text")

    # A PDF in base64 inside JSON, as OA systems send attachments.
    upload = FileUpload(content_base64=base64.b64encode(pdf).decode("ascii"), name="report.pdf")
    expect_report(
        post_check.sync_detailed(client=client, body=CheckRequest(file=upload, year=2024)),
        2024,
        "base64 PDF",
    )

    # The document itself as the body.
    expect_report(
        post_check.sync_detailed(client=client, body=File(payload=io.BytesIO(pdf)), year=2024),
        2024,
        "PDF as the body",
    )

    # A batch; its NDJSON lines read one by one.
    files = [
        File(payload=io.BytesIO(docx), file_name="zhuangshi.docx"),
        File(payload=io.BytesIO(pdf), file_name="xixing.pdf"),
    ]
    batch = post_batch.sync_detailed(client=client, body=BatchForm(file=files))
    expect(batch.status_code == 200, f"batch: {batch.status_code}")
    lines = [batch_line(line) for line in batch.content.splitlines()]
    last = lines[-1]
    expect(
        len(lines) == 3 and isinstance(last, BatchSummaryLine) and last.summary.files == 2,
        "batch: two lines and a summary",
    )
    names = sorted(line.file for line in lines if isinstance(line, BatchReportLine))
    expect(names == ["xixing.pdf", "zhuangshi.docx"], f"batch: {names}")

    # The rules, and one rule.
    rules = list_rules.sync(client=client)
    expect(isinstance(rules, list) and any(rule.id == "part-missing" for rule in rules), "rules")
    rule = get_rule.sync("part-missing", client=client)
    expect(rule is not None and not isinstance(rule, ProblemBody) and rule.id == "part-missing", "one rule")

    # Two errors, read as problems.
    invalid = post_check.sync(client=client, body=CheckRequest(text="报告", year=1800))
    expect(isinstance(invalid, ProblemBody) and invalid.type_ == "/problems/validation-failed", "422 problem")
    outsider = AuthenticatedClient(base_url=base_url, token="not-the-key")
    refused = post_check.sync_detailed(client=outsider, body=CheckRequest(text="报告"))
    expect(refused.status_code == 401 and isinstance(refused.parsed, ProblemBody), "401 problem")
    print("Python client (openapi-python-client): every README call works")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
