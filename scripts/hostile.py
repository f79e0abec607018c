#!/usr/bin/env python3
"""The hostile suite: attacks on the release binary, each class generated here.

For every request: a 4xx problem+json, or a 200 whose body is bounded, within 5 s; the service
then still answers /healthz and a normal check; no CPU still burning a second after the answer.
At the end: the server's peak RSS under 512 MB and a marker sent through every way in absent
from its logs (debug level, JSON lines). Then a concurrency run: 64 clients sending the largest
real .docx while bombs arrive, with no 5xx and a p99 under 1 s.

Run by .ci/run after the release build; standard library only.
"""

import base64
import http.client
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "nianbao")
DOCS = os.path.join(ROOT, "tests", "fixtures", "documents")
KEY = "hostile-suite-key-0001"
MARKER = "MARKERq7Zx"
TICKS = os.sysconf("SC_CLK_TCK")
failures = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="nianbao-hostile-", suffix=".log", delete=False)
        env = dict(os.environ, NIANBAO_LOG="debug", NIANBAO_LOG_FORMAT="json", NIANBAO_API_KEYS=KEY)
        self.process = subprocess.Popen(
            [BINARY, "serve", "--addr", f"127.0.0.1:{self.port}", "--client-idle-timeout", "2"],
            env=env, stdout=self.log, stderr=self.log)
        for _ in range(100):
            try:
                if self.request("GET", "/readyz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not start")

    def request(self, method, path, body=None, headers=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = dict(headers or {})
        headers.setdefault("Authorization", f"Bearer {KEY}")
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), data

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        # utime, stime, and those of waited-for children (the extraction workers).
        return sum(int(v) for v in fields[11:15]) / TICKS

    def peak_rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM"):
                    return int(line.split()[1]) / 1024
        return 0

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            text = f.read()
        os.unlink(self.log.name)
        return text


def check(server, name, method, path, body, headers):
    started = time.monotonic()
    try:
        status, got, data = server.request(method, path, body, headers, timeout=30)
    except OSError as error:
        failures.append(f"{name}: no answer ({error})")
        return
    elapsed = time.monotonic() - started
    kind = got.get("content-type", got.get("Content-Type", ""))
    ok = (400 <= status < 500 and "problem+json" in kind) or (status == 200 and len(data) < 5_000_000)
    cpu_before = server.cpu_seconds()
    time.sleep(1)
    burning = server.cpu_seconds() - cpu_before
    healthy = server.request("GET", "/healthz")[0] == 200
    normal = server.request("POST", "/v1/checks", NORMAL, {"Content-Type": "text/plain; charset=utf-8"})[0]
    line = f"{name}: {status} in {elapsed:.2f} s, {len(data)} bytes, {burning:.2f} s CPU after"
    print(line)
    if not ok:
        failures.append(f"{line}: not a 4xx problem or a bounded 200")
    if elapsed > 5:
        failures.append(f"{line}: slower than 5 s")
    if burning > 0.3:
        failures.append(f"{line}: CPU still burning after the answer")
    if not healthy or normal != 200:
        failures.append(f"{line}: the service did not serve afterwards ({normal})")


# Documents.

def pdf(objects):
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(dictionary, data):
    return f"<< {dictionary} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


CATALOG = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def page(extra=b""):
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R " + extra + b" >>"


def zeros_deflated(size):
    compressor = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = [compressor.compress(chunk) for _ in range(size >> 20)]
    return b"".join(parts) + compressor.flush()


def hostile_pdfs():
    text = f"BT /F1 12 Tf 72 700 Td ({MARKER}) Tj ET".encode()
    fonts = b"/Resources << /Font << /F1 5 0 R >> >>"
    yield "self-drawing XObject", pdf(CATALOG + [
        page(b"/Resources << /Font << /F1 6 0 R >> /XObject << /X1 5 0 R >> >>"),
        stream("", text + b" /X1 Do"),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /X1 5 0 R >> >>", b"/X1 Do"),
        FONT])
    yield "parent cycle without MediaBox", pdf([
        CATALOG[0], b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R " + fonts + b" >>",
        stream("", text), FONT])
    cmap = b"begincmap 1 beginbfrange <41> <41> " + b"[" * 100_000 + b" endbfrange endcmap"
    yield "nested CMap arrays", pdf(CATALOG + [
        page(fonts), stream("", b"BT /F1 12 Tf 72 700 Td (A) Tj ET"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>", stream("", cmap)])
    ranges = b"begincmap 1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange 1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange endcmap"
    yield "CMap range bomb", pdf(CATALOG + [
        page(fonts), stream("", b"BT /F1 12 Tf 72 700 Td (A) Tj ET"),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R >>",
        stream("", ranges)])
    gigabyte = zeros_deflated(1 << 30)
    yield "Flate bomb (1 GiB)", pdf(CATALOG + [page(), stream("/Filter /FlateDecode", gigabyte)])
    double = zlib.compress(zeros_deflated(1 << 31), 9)
    yield "double-Flate bomb (2 GiB)", pdf(CATALOG + [
        page(), stream("/Filter [/FlateDecode /FlateDecode]", double)])
    megabyte = zeros_deflated(1 << 20)
    contents = b"[" + b" 4 0 R" * 20_000 + b"]"
    yield "/Contents repeated 20,000 times", pdf(CATALOG + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " + contents + b" >>",
        stream("/Filter /FlateDecode", megabyte)])
    objects = zeros_deflated(1 << 30)
    yield "object stream bomb", pdf(CATALOG + [
        page(), stream("", text), stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", objects)])
    yield "LZW bomb (1 GiB)", pdf(CATALOG + [page(), stream("/Filter /LZWDecode", lzw_zeros(1 << 30))])
    yield "ASCII85 then Flate bomb", pdf(CATALOG + [
        page(), stream("/Filter [/A85 /Fl]", base64.a85encode(gigabyte) + b"~>")])
    yield "/Contents as an array by reference", pdf(CATALOG + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"[" + b" 5 0 R" * 20_000 + b"]", stream("/Filter /FlateDecode", megabyte)])
    # Aimed at the count that refuses the bombs above: places it must not read again and again.
    yield "unclosed arrays and bare Do for the stream count", pdf(CATALOG + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        stream("/Filter /FlateDecode", zlib.compress(b"Do " * 3_000_000)),
        b"[" + b" /Contents [ /XObject << /Filter [" * 200_000])
    for name, dictionary in [("", b"<< >>"), (" in a format no text reader decodes", b"<< /Filter /DCTDecode >>")]:
        yield f"60,000 streams that never end{name}", pdf(
            CATALOG + [page()] + [dictionary + b"\nstream\n"] * 60_000 + [b" Do" * 1_000_000])
    yield "a form drawn 100,000 times", pdf(CATALOG + [
        page(b"/Resources << /Font << /F1 6 0 R >> /XObject << /X1 5 0 R >> >>"),
        stream("/Filter /FlateDecode", zlib.compress(text + b" /X1 Do" * 100_000)),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Filter /FlateDecode", megabyte), FONT])


def lzw_zeros(size):
    """LZW (PDF's variant) of `size` zero bytes: each code names the run before it and one more."""
    out, bits, held = bytearray(), 0, 0
    width, next_code, run, produced = 9, 258, 1, 1

    def emit(code):
        nonlocal bits, held
        bits, held = (bits << width) | code, held + width
        while held >= 8:
            out.append((bits >> (held - 8)) & 0xFF)
            held -= 8
        bits &= (1 << held) - 1

    emit(256)
    emit(0)
    while produced < size:
        if next_code >= 4094:
            emit(256)
            width, next_code, run, produced = 9, 258, 1, produced + 1
            emit(0)
            continue
        emit(next_code)
        run, produced, next_code = run + 1, produced + run + 1, next_code + 1
        if next_code + 1 >= 1 << width and width < 12:
            width += 1
    emit(257)
    if held:
        out.append((bits << (8 - held)) & 0xFF)
    return bytes(out)


def html_pages():
    def page(inner):
        return f"<html><body><p>{MARKER}</p>{inner}</body></html>".encode()
    yield "10,000 nested tables", page("<table><tr><td>" * 10_000 + "x" + "</td></tr></table>" * 10_000)
    yield "200,000 nested divs", page("<div>" * 200_000 + "x")
    yield "100,000 nested inline tags", page("<b><i>" * 50_000 + "x")


def numbering_bomb():
    numbering = ('<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 f'<w:numFmt w:val="decimal"/><w:lvlText w:val="{"%1" * 270_000}"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    paragraph = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                 f'<w:r><w:t>{MARKER}</w:t></w:r></w:p>')
    document = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                + paragraph * 20_000 + "</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", numbering)
    return buffer.getvalue()


W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def format_docx(document_body, styles=None, theme=None, rels=None):
    """A .docx for the format reader (issue 33): its body, styles, theme and relationships."""
    section = ('<w:sectPr><w:footerReference w:type="default" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/>'
               '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/></w:sectPr>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", f'<w:document {W_NS}><w:body>{document_body}{section}</w:body></w:document>')
        for name, part in (("word/styles.xml", styles), ("word/theme/theme1.xml", theme),
                           ("word/_rels/document.xml.rels", rels)):
            if part is not None:
                z.writestr(name, part)
    return buffer.getvalue()


def format_bombs():
    """Word documents that try the format cascade: style loops and chains, a huge theme, a footer
    the package lacks, 100,000 runs each with its own formatting."""
    def styled(style):
        return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{MARKER}一、主要举措和成效</w:t></w:r></w:p>'
    def styles(definitions):
        return f'<w:styles {W_NS}>{definitions}</w:styles>'
    loop = styles('<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>'
                  '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>')
    yield "styles based on each other in a loop", format_docx(styled("A") * 1_000, styles=loop)
    chain = styles("".join(f'<w:style w:type="paragraph" w:styleId="S{i}"><w:basedOn w:val="S{i + 1}"/>'
                           f'<w:rPr><w:sz w:val="{20 + i % 10}"/></w:rPr></w:style>' for i in range(10_000)))
    yield "a chain of 10,000 based-on styles", format_docx("".join(styled(f"S{i}") for i in range(2_000)), styles=chain)
    theme = ('<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>'
             + "<a:extra/>" * 1_000_000 + '<a:fontScheme><a:majorFont><a:ea typeface="黑体"/></a:majorFont>'
             '<a:minorFont><a:ea typeface="仿宋"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>')
    yield "a theme of 10 MB", format_docx(styled("Normal"), theme=theme)
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                      f'relationships/footer" Target="footer{i}.xml"/>' for i in range(10_000)) + "</Relationships>")
    yield "10,000 footers the package lacks", format_docx(styled("Normal"), rels=rels)
    run = ('<w:r><w:rPr><w:rFonts w:eastAsia="{font}"/><w:sz w:val="{size}"/><w:b/></w:rPr>'
           f'<w:t>{MARKER}</w:t></w:r>')
    runs = "".join("<w:p>" + "".join(run.format(font=("宋体", "仿宋")[r % 2], size=20 + r % 12)
                                     for r in range(100)) + "</w:p>" for _ in range(1_000))
    yield "100,000 runs with direct formatting", format_docx(runs)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = {"Content-Type": "text/plain; charset=utf-8"}
with open(os.path.join(ROOT, "tests", "fixtures", "wuxing-2024.txt"), "rb") as f:
    NORMAL = f.read()


def attacks():
    for name, body in hostile_pdfs():
        yield name, "POST", "/v1/checks", body, {"Content-Type": "application/pdf"}
    for name, body in html_pages():
        yield name, "POST", "/v1/checks", body, {"Content-Type": "text/html"}
    yield "numbering text bomb", "POST", "/v1/checks", numbering_bomb(), {"Content-Type": DOCX}
    for name, body in format_bombs():
        yield name, "POST", "/v1/checks", body, {"Content-Type": DOCX}
    yield "2.5 million （", "POST", "/v1/checks", ("（" * 2_500_000).encode(), TEXT
    yield "600,000 “ and 600,000 》", "POST", "/v1/checks", ("“" * 600_000 + "》" * 600_000).encode(), TEXT
    yield "half-width punctuation on 1 million commas", "POST", "/v1/checks?enable=half-width-punctuation", \
        ("中," * 1_000_000).encode(), TEXT
    yield "heading lines", "POST", "/v1/checks", ("一、主要举措和成效\n" * 400_000).encode(), TEXT
    yield "phone numbers", "POST", "/v1/checks", ("联系电话13812345678，" * 300_000).encode(), TEXT
    ids = [f"{MARKER}-{i}" for i in range(500_000)]
    yield "500,000 unknown rule ids", "POST", "/v1/checks", \
        json.dumps({"text": "报告", "rules": {"enable": ids}}).encode(), {"Content-Type": "application/json"}
    form = "".join(f'--b\r\ncontent-disposition: form-data; name="f{i}"\r\n\r\n1\r\n' for i in range(100_000))
    yield "100,000 form fields", "POST", "/v1/checks", (form + "--b--\r\n").encode(), \
        {"Content-Type": "multipart/form-data; boundary=b"}
    yield "malformed JSON with the marker", "POST", "/v1/checks", ('{"text": "' + MARKER).encode(), \
        {"Content-Type": "application/json"}
    yield "broken docx with the marker", "POST", "/v1/checks", b"PK\x03\x04" + MARKER.encode() * 100, \
        {"Content-Type": DOCX}
    yield "broken PDF with the marker", "POST", "/v1/checks", b"%PDF-1.7\n" + MARKER.encode() * 100, \
        {"Content-Type": "application/pdf"}
    # The report as Word with comments and the batch as a table: ways in of their own.
    word = {"Accept": DOCX}
    yield "numbering text bomb, asked for as Word", "POST", "/v1/checks", numbering_bomb(), \
        {"Content-Type": DOCX, **word}
    yield "broken docx with the marker, asked for as Word", "POST", "/v1/checks", \
        b"PK\x03\x04" + MARKER.encode() * 100, {"Content-Type": DOCX, **word}
    yield "180,000 heading lines (1.8 million characters), asked for as Word", "POST", "/v1/checks", \
        ("一、主要举措和成效\n" * 180_000).encode(), {**TEXT, **word}
    yield "1,000 findings' worth of slips, asked for as Word", "POST", "/v1/checks", \
        ("截止目前，县政府专题布署。\n" * 100_000).encode(), {**TEXT, **word}
    yield "300,000 fixable slips, asked for as Word with revisions", "POST", "/v1/checks?revisions=true", \
        ("截止目前已布署法制宣传。\n" * 100_000).encode(), {**TEXT, **word}
    parts = [(name, body) for name, body in hostile_pdfs()] + [("marker.docx", b"PK\x03\x04" + MARKER.encode())]
    form = b"".join(f'--b\r\ncontent-disposition: form-data; name="file"; filename="{i}.pdf"\r\n\r\n'.encode()
                    + body + b"\r\n" for i, (_, body) in enumerate(parts)) + b"--b--\r\n"
    yield "hostile PDFs in a batch, asked for as a spreadsheet", "POST", "/v1/checks/batch?format=xlsx", form, \
        {"Content-Type": "multipart/form-data; boundary=b"}
    yield "hostile PDFs in a batch, asked for as CSV", "POST", "/v1/checks/batch?format=csv", form, \
        {"Content-Type": "multipart/form-data; boundary=b"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(1_000):
            z.writestr(f"reports/{i}.txt", "截止目前，" * 20)
    yield "a zip of 1,000 reports as a spreadsheet", "POST", "/v1/checks/batch?format=xlsx", buffer.getvalue(), \
        {"Content-Type": "application/zip"}


def protected_spellings(server):
    paths = ["/%761/checks", "/v%31/checks", "//v1/checks", "/v1//checks", "/v1/./checks",
             "/docs/../v1/checks", "/%76%31/%63%68%65%63%6b%73", "/V1/checks", "/v1/checks/",
             "/%761/rules", "/v1/rules/%70art-missing", "/v1/ruleset", "/v1%2Fchecks"]
    for path in paths:
        for method in ["GET", "POST"]:
            status = server.request(method, path, NORMAL, dict(TEXT, Authorization=""))[0]
            if status != 401:
                failures.append(f"{method} {path} without a key: {status}")
    print(f"protected paths: {2 * len(paths)} spellings tried without a key")


def wire_refusals(server):
    """What actix-http refuses before any handler, and a body over the limit announced with
    Expect: 100-continue: each a problem+json, none inviting the body."""
    heads = {
        "a head of 200 KiB": f"GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: {MARKER * 20000}\r\n\r\n".encode()[:210_000],
        "a head that is not HTTP": b"\x16\x03\x01 " + MARKER.encode() + b"\r\n\r\n",
        "Expect: 100-continue over the limit": (
            f"POST /v1/checks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\n"
            "Content-Type: application/pdf\r\nContent-Length: 900000000\r\nExpect: 100-continue\r\n\r\n").encode(),
    }
    for name, head in heads.items():
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
            try:
                s.sendall(head)
            except OSError:
                pass  # answered and closed before the whole head was written
            answer = b""
            try:
                while chunk := s.recv(65536):
                    answer += chunk
            except OSError:
                pass
        text = answer.decode("utf-8", "replace")
        status = text[9:12]
        print(f"{name}: {status}")
        if not status.startswith("4") or "application/problem+json" not in text or "100 Continue" in text:
            failures.append(f"{name}: {text[:200]!r}")


def trickling(server):
    """70 clients that send half their body and stall: normal checks still get 200."""
    sockets = []
    for _ in range(70):
        s = socket.create_connection(("127.0.0.1", server.port))
        s.sendall(f"POST /v1/checks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\n"
                  "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 100000\r\n\r\n".encode()
                  + NORMAL[:1000])
        sockets.append(s)
    time.sleep(0.5)
    statuses = [server.request("POST", "/v1/checks", NORMAL, TEXT)[0] for _ in range(5)]
    print(f"trickling: 70 stalled senders, normal checks {statuses}")
    if any(s != 200 for s in statuses):
        failures.append(f"normal checks beside trickling senders: {statuses}")
    for s in sockets:
        s.close()


def concurrency(server):
    with open(os.path.join(DOCS, "xixing-2024.typed.docx"), "rb") as f:
        docx = f.read()
    bombs = [body for _, body in hostile_pdfs()][:5]
    latencies, statuses, stop = [], [], time.monotonic() + 15

    def client():
        while time.monotonic() < stop:
            started = time.monotonic()
            status = server.request("POST", "/v1/checks", docx, {"Content-Type": DOCX})[0]
            latencies.append(time.monotonic() - started)
            statuses.append(status)

    def bomber():
        i = 0
        while time.monotonic() < stop:
            statuses.append(server.request("POST", "/v1/checks", bombs[i % len(bombs)],
                                           {"Content-Type": "application/pdf"})[0])
            i += 1

    threads = [threading.Thread(target=client) for _ in range(64)] + [threading.Thread(target=bomber)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)] if latencies else float("inf")
    server_errors = sum(1 for s in statuses if s >= 500)
    print(f"concurrency: {len(latencies)} .docx checks by 64 clients beside bombs, p99 {p99 * 1000:.0f} ms, "
          f"{server_errors} 5xx")
    if server_errors:
        failures.append(f"concurrency: {server_errors} answers were 5xx")
    if p99 > 1.0:
        failures.append(f"concurrency: p99 {p99:.2f} s")


def report_with_picture(size):
    """A real report as Word with a scanned seal of `size` bytes in it (stored, as pictures are)."""
    with open(os.path.join(DOCS, "xixing-2024.typed.docx"), "rb") as f:
        docx = f.read()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(zipfile.ZipInfo("word/media/seal.png"), os.urandom(size), zipfile.ZIP_STORED)
    return out.getvalue()


def collection(size):
    """A collecting office's zip of `size` bytes: real reports, and scanned attachments of 10 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in ("xixing-2024.typed.docx", "wuxing-2024.pdf", "zhuangshi-2023.typed.docx"):
            with open(os.path.join(DOCS, name), "rb") as f:
                archive.writestr(f"报告/{name}", f.read())
        scan = b"%PDF-1.4\n" + os.urandom(10_000_000)
        i = 0
        while out.tell() + len(scan) < size:
            archive.writestr(zipfile.ZipInfo(f"附件/扫描件{i}.pdf"), scan, zipfile.ZIP_STORED)
            i += 1
    return out.getvalue()


def temporary_files(server):
    """Temporary files the server holds open, named or already removed (its log aside)."""
    temp = tempfile.gettempdir()
    held = 0
    for fd in os.listdir(f"/proc/{server.process.pid}/fd"):
        try:
            target = os.readlink(f"/proc/{server.process.pid}/fd/{fd}")
        except OSError:
            continue
        held += target.startswith(temp) and not target.startswith(server.log.name)
    return held


def ours(names):
    """The temporary files the server may make: spools (tempfile's .tmp names), LibreOffice's
    profiles and the workers' files (nianbao…), this suite's own log aside."""
    return {n for n in names
            if n.startswith(".tmp") or (n.startswith("nianbao") and not n.startswith("nianbao-hostile-"))}


def memory_mixes(server):
    """Issue 31: eight batches of 95 MB at once, then 64 clients each sending a 10 MB report,
    each mix with normal checks and /healthz alongside. Every answer is a 200, a 413 or a 503 with
    Retry-After; the peak RSS is checked at the end with the rest."""
    temp_before = ours(os.listdir(tempfile.gettempdir()))
    batch = collection(95_000_000)
    document = report_with_picture(10_000_000)
    for name, send, clients in (
        ("eight 95 MB batches", lambda: server.request(
            "POST", "/v1/checks/batch", batch, {"Content-Type": "application/zip"}, timeout=300), 8),
        ("64 clients sending a 10 MB .docx", lambda: server.request(
            "POST", "/v1/checks", document, {"Content-Type": DOCX}, timeout=120), 64),
    ):
        answers, normal, healthy, done = [], [], [], threading.Event()

        def client():
            try:
                status, headers, data = send()
            except OSError as error:
                answers.append((f"no answer ({error})", {}, b""))
                return
            answers.append((status, {k.lower(): v for k, v in headers.items()}, data))

        def alongside():
            while not done.is_set():
                healthy.append(server.request("GET", "/healthz", timeout=10)[0])
                normal.append(server.request("POST", "/v1/checks", NORMAL,
                                             {"Content-Type": "text/plain; charset=utf-8"}, timeout=30)[0])
                time.sleep(0.2)

        started = time.monotonic()
        watcher = threading.Thread(target=alongside)
        watcher.start()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done.set()
        watcher.join()
        statuses = [a[0] for a in answers]
        wrong = [a for a in answers
                 if a[0] not in (200, 413, 503) or (a[0] == 503 and "retry-after" not in a[1])]
        failed_lines = 0
        for status, _, data in answers:
            if status == 200 and data.startswith(b"{\"file"):
                failed_lines += data.count(b'"/problems/overloaded"')
        print(f"{name}: {sorted(statuses, key=str)} in {time.monotonic() - started:.1f} s; "
              f"normal checks {sorted(set(normal))} ({normal.count(200)} of {len(normal)} 200), "
              f"/healthz {sorted(set(healthy))}, batch reports refused for memory {failed_lines}, "
              f"RSS peak so far {server.peak_rss_mb():.0f} MB")
        if wrong:
            failures.append(f"{name}: answers other than 200, 413 or 503 with Retry-After: {wrong[:3]}")
        if any(h != 200 for h in healthy) or not normal or any(n not in (200, 503) for n in normal):
            failures.append(f"{name}: /healthz {set(healthy)}, normal checks {set(normal)}")
        if normal.count(200) < len(normal) / 2:
            failures.append(f"{name}: only {normal.count(200)} of {len(normal)} normal checks answered 200")
    held = temporary_files(server)
    left = ours(os.listdir(tempfile.gettempdir())) - temp_before
    print(f"temporary files: {held} held by the server, {len(left)} new in {tempfile.gettempdir()}")
    if held or left:
        failures.append(f"temporary files left: {held} held, new: {sorted(left)[:5]}")


def main():
    if not os.path.exists(BINARY):
        raise SystemExit(f"build the release binary first: {BINARY}")
    server = Server()
    try:
        for attack in attacks():
            check(server, *attack)
        protected_spellings(server)
        wire_refusals(server)
        trickling(server)
        concurrency(server)
        memory_mixes(server)
        peak = server.peak_rss_mb()
        print(f"peak RSS of the server: {peak:.0f} MB")
        if peak > 512:
            failures.append(f"peak RSS {peak:.0f} MB")
    finally:
        logs = server.stop()
    if MARKER in logs:
        failures.append("the marker sent in documents reached the logs")
    for line in logs.splitlines():
        if line.strip() and not line.startswith("{"):
            failures.append(f"a log line that is not JSON: {line[:120]}")
            break
    if failures:
        print("\nFAILED:\n" + "\n".join(f"- {f}" for f in failures))
        sys.exit(1)
    print("hostile suite: every attack answered in bounds")


if __name__ == "__main__":
    main()
