"""Reads what nianbao gives back with readers of its own: python-docx, openpyxl, csv, LibreOffice.

For every fixture document: the annotated .docx has as many comments (by "nianbao") as the JSON
answer has findings with a place, each anchored on exactly the span's text (less the number Word
draws before an auto-numbered paragraph, which is not text of the document), and the document's
paragraphs read as before; one annotated report is converted to PDF by LibreOffice. For a batch of
the five corpus reports and an unreadable file: every row and column of the spreadsheet and of the
CSV against the NDJSON answer. Uses only the standard library for HTTP.
"""

import csv
import io
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path

import docx
import openpyxl
from lxml import etree

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MEDIA = {".docx": DOCX, ".pdf": "application/pdf", ".html": "text/html", ".ofd": "application/ofd", ".txt": "text/plain"}
# The number Word draws before an auto-numbered paragraph: 一、 （一） 1. and the like.
NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、]|[(（]\d+[)）])?")


def post(url, body, content_type, accept="application/json"):
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type, "Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def anchored_texts(annotated):
    """The text each comment range covers, by comment id."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(annotated)).read("word/document.xml"))
    open_ids, texts = set(), {}
    for element in root.iter():
        if element.tag == W + "commentRangeStart":
            open_ids.add(element.get(W + "id"))
            texts.setdefault(element.get(W + "id"), "")
        elif element.tag == W + "commentRangeEnd":
            open_ids.discard(element.get(W + "id"))
        elif element.tag == W + "t" and element.text:
            for i in open_ids:
                texts[i] += element.text
        elif element.tag == W + "tab":
            for i in open_ids:
                texts[i] += "\t"
        elif element.tag == W + "p":
            for i in open_ids:
                texts[i] += "\n" if texts[i] else ""
    return texts


def anchor_span(finding):
    """Where a finding's comment is: its span, or for the Word format's findings about the
    whole document (page setup, page numbers) its first character."""
    if finding["span"]:
        return finding["span"]
    if finding["rule"].startswith("format-"):
        return {"start": 0, "end": 1}
    return None


def check_document(base, path, work):
    body = path.read_bytes()
    media = MEDIA[path.suffix]
    status, _, answer = post(f"{base}/v1/checks?include_text=true&profile=strict", body, media)
    assert status == 200, (path, status)
    report = json.loads(answer)
    status, headers, annotated = post(f"{base}/v1/checks?profile=strict", body, media, DOCX)
    assert status == 200 and headers["Content-Type"] == DOCX, (path, status)
    assert headers["X-Nianbao-Compliant"] == str(report["compliant"]).lower()
    out = work / f"{path.name}.annotated.docx"
    out.write_bytes(annotated)
    placed = [f for f in report["findings"] if anchor_span(f)]
    document = docx.Document(str(out))
    comments = list(document.comments)
    assert len(comments) == len(placed), (path, len(comments), len(placed))
    assert all(c.author == "nianbao" for c in comments)
    anchors = anchored_texts(annotated)
    text = report["text"]
    for finding, comment in zip(placed, comments):
        assert finding["message"] in comment.text and finding["rule"] in comment.text, path
        span = anchor_span(finding)
        want = text[span["start"]:span["end"]].rstrip("\n")
        got = anchors[str(comment.comment_id)]
        lines_want = [NUMBER.sub("", line, count=1) if line != got_line else line
                      for line, got_line in zip(want.split("\n"), got.split("\n"))]
        assert got == want or got.split("\n") == lines_want, (path, finding["rule"], want[:40], got[:40])
    paragraphs = [p.text for p in document.paragraphs]
    if path.suffix == ".docx":
        assert paragraphs == [p.text for p in docx.Document(str(path)).paragraphs], path
    else:
        assert paragraphs == text.split("\n"), path
    return len(placed), out


def check_batch(base, fixtures):
    names = ["baishijiang-2024.txt", "binjiang-2024-traditional.txt", "wuxing-2024.txt", "xixing-2024.txt", "zhuangshi-2023.txt"]
    files = [(name, (fixtures / name).read_bytes()) for name in names] + [("truncated.pdf", (fixtures / "documents/hostile/truncated.pdf").read_bytes())]
    boundary = uuid.uuid4().hex
    form = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n\r\n'.encode() + data + b"\r\n"
        for name, data in files) + f"--{boundary}--\r\n".encode()
    content_type = f"multipart/form-data; boundary={boundary}"
    status, _, ndjson = post(f"{base}/v1/checks/batch?lang=en", form, content_type)
    assert status == 200
    lines = [json.loads(line) for line in ndjson.splitlines()]
    by_file = {line["file"]: line for line in lines if "file" in line}
    status, _, table = post(f"{base}/v1/checks/batch?lang=en&format=xlsx", form, content_type)
    assert status == 200
    workbook = openpyxl.load_workbook(io.BytesIO(table))
    reports, findings = workbook.worksheets[:2]
    assert reports.freeze_panes == "A2" and reports.auto_filter.ref
    sheet_rows = [[cell.value for cell in row] for row in reports.iter_rows()]
    status, _, table_csv = post(f"{base}/v1/checks/batch?lang=en&format=csv", form, content_type)
    assert status == 200 and table_csv.startswith(b"\xef\xbb\xbf")
    csv_rows = list(csv.reader(io.StringIO(table_csv.decode("utf-8-sig"))))
    header = sheet_rows[0]
    assert csv_rows[0] == header
    assert len(sheet_rows) == len(csv_rows) == 1 + len(by_file)
    # Rows come in the order the checks finish, which differs from one batch to the next.
    csv_by_file = {csv_row[0]: csv_row for csv_row in csv_rows[1:]}
    finding_rows = 0
    for row in sheet_rows[1:]:
        values = dict(zip(header, row))
        csv_row = csv_by_file[values["file"]]
        line = by_file[values["file"]]
        if "error" in line:
            expected = {"verdict": "unreadable", "why it could not be read": line["error"]["detail"]}
        else:
            r = line["report"]
            info = r["report"]
            late = any(f["rule"] == "published-late" for f in r["findings"])
            expected = {
                "issuer": info["issuer"], "title": info["title"], "year": info["year"],
                "verdict": "compliant" if r["compliant"] else "not compliant",
                "published on": info["published_on"],
                "late": None if info["published_on"] is None else ("yes" if late else "no"),
                "errors": r["summary"]["error"], "warnings": r["summary"]["warning"], "notes": r["summary"]["info"],
                "format findings": sum(f["rule"].startswith("format-") for f in r["findings"]),
            }
            for part in r["parts"]:
                if part["required"]:
                    expected[part["short_name"]] = part["status"]
            finding_rows += len(r["findings"])
        for column, value in expected.items():
            assert values[column] == value, (values["file"], column, values[column], value)
        csv_values = ["" if v is None else (str(int(v)) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)) for v in row]
        assert csv_row == csv_values, (csv_row, csv_values)
    assert findings.max_row == 1 + finding_rows
    return len(sheet_rows) - 1, finding_rows


def main(base, fixtures, work):
    fixtures, work = Path(fixtures), Path(work)
    documents = sorted(p for p in (fixtures / "documents").iterdir() if p.suffix in MEDIA)
    total, last = 0, None
    for path in documents:
        placed, out = check_document(base, path, work)
        total += placed
        last = out
    converted = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(last)],
                               capture_output=True, timeout=180)
    pdf = work / (last.stem + ".pdf")
    assert converted.returncode == 0 and pdf.exists() and pdf.stat().st_size > 1000, converted.stderr
    rows, finding_rows = check_batch(base, fixtures)
    print(f"annotated: {len(documents)} documents, {total} comments, each on its span; LibreOffice converts {last.name}")
    print(f"batch: {rows} rows and {finding_rows} findings alike in NDJSON, .xlsx and CSV")


if __name__ == "__main__":
    main(*sys.argv[1:])
