#!/usr/bin/env python3
"""Generates tests/fixtures/documents/ from the corpus reports in tests/fixtures/.

Needs python-docx and pypdf (PyPI) and LibreOffice (`soffice`, Debian's libreoffice-writer-nogui
with fonts-noto-cjk). The outputs are committed; run this again only to change them:

    python3 scripts/make_fixtures.py
"""
import base64
import copy
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from pypdf import PdfReader, PdfWriter

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "tests", "fixtures")
OUT = os.path.join(FIXTURES, "documents")
CORPUS = ["baishijiang-2024", "binjiang-2024-traditional", "wuxing-2024", "xixing-2024", "zhuangshi-2023"]

CHINESE_TOP = re.compile(r"^([一二三四五六七八九十]+)、")
CHINESE_SUB = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]")


def lines(name):
    with open(os.path.join(FIXTURES, name + ".txt"), encoding="utf-8") as f:
        return f.read().split("\n")


def new_document():
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    return document


def typed_docx(name):
    """Every line a paragraph, numbering typed as in the text."""
    document = new_document()
    for line in lines(name):
        document.add_paragraph(line)
    path = os.path.join(OUT, name + ".typed.docx")
    document.save(path)
    return path


def styled_docx(name):
    """Headings as Heading 1/2 styles with their typed numbers removed."""
    document = new_document()
    for line in lines(name):
        top, sub = CHINESE_TOP.match(line), CHINESE_SUB.match(line)
        if top and len(line) < 60:
            document.add_heading(line[top.end():], level=1)
        elif sub and len(line) < 60:
            document.add_heading(line[sub.end():], level=2)
        else:
            document.add_paragraph(line)
    document.save(os.path.join(OUT, name + ".styled.docx"))


AUTO_NUMBERING = """<w:abstractNum {ns} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>"""


def autonum_docx(name):
    """Headings numbered by Word itself (w:numPr, Chinese counting), nothing typed."""
    document = new_document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(AUTO_NUMBERING.format(ns=nsdecls("w"))))
    numbering.append(parse_xml('<w:num %s w:numId="90"><w:abstractNumId w:val="90"/></w:num>' % nsdecls("w")))
    for line in lines(name):
        top, sub = CHINESE_TOP.match(line), CHINESE_SUB.match(line)
        if (top or sub) and len(line) < 60:
            text = line[(top or sub).end():]
            paragraph = document.add_heading(text, level=1 if top else 2)
            properties = paragraph._p.get_or_add_pPr()
            properties.append(parse_xml(
                '<w:numPr %s><w:ilvl w:val="%d"/><w:numId w:val="90"/></w:numPr>' % (nsdecls("w"), 0 if top else 1)))
        else:
            document.add_paragraph(line)
    document.save(os.path.join(OUT, name + ".autonum.docx"))


def convert(docx_path, name, extension):
    """LibreOffice's export of a .docx to PDF, .doc or .rtf."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["soffice", "--headless", "--convert-to", extension, "--outdir", work, docx_path],
                       check=True, capture_output=True)
        produced = os.path.join(work, os.path.basename(docx_path).replace(".docx", "." + extension))
        shutil.move(produced, os.path.join(OUT, name + "." + extension))


PORTAL = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_政府门户网站</title>
<script type="text/javascript">var _hmt = _hmt || []; document.write("一、统计代码");</script>
<style>.nav a {{ color: #333; }}</style></head>
<body>
<div class="header"><div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a></div></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 法治政府建设</div>
<div class="main"><h1 class="title">{title}</h1>
<div class="info">来源：本站&nbsp;&nbsp;发布时间：2025-03-20&nbsp;&nbsp;【字体：大 中 小】</div>
<div class="TRS_Editor">
{paragraphs}
</div>
<div class="share">分享到：微信 微博</div></div>
<footer><p>主办单位：某区人民政府办公室&nbsp;&copy; 版权所有</p><p>网站标识码 3302110001 浙ICP备05000001号</p></footer>
</body></html>
"""


def html_page(name):
    body = lines(name)
    title = body[0] if len(body[0]) < 40 and "报告" in body[0] else name
    rest = body[1:] if title == body[0] else body
    paragraphs = "\n".join(
        "<p style=\"text-indent:2em\">%s</p>" % line.replace("&", "&amp;").replace("“", "&ldquo;").replace("”", "&rdquo;")
        for line in rest if line.strip())
    with open(os.path.join(OUT, name + ".html"), "w", encoding="utf-8") as f:
        f.write(PORTAL.format(title=title, paragraphs=paragraphs))


def ofd(name):
    """An OFD package: one TextCode per visual line of 30 characters, 35 lines a page."""
    visual = []
    for line in lines(name):
        if not line.strip():
            continue
        for start in range(0, len(line), 30):
            visual.append(line[start:start + 30])
    pages = [visual[i:i + 35] for i in range(0, len(visual), 35)]
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>%s</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>' % name)
        page_list = "".join('<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>' % (i + 1, i) for i in range(len(pages)))
        z.writestr("Doc_0/Document.xml", '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>%s</ofd:Pages></ofd:Document>' % page_list)
        for index, page in enumerate(pages):
            objects = []
            # Written bottom-up, so reading order must come from the coordinates.
            for row in reversed(range(len(page))):
                text = page[row].replace("&", "&amp;").replace("<", "&lt;")
                objects.append('<ofd:TextObject ID="%d" Boundary="25 %.1f 160 6" Font="1" Size="4.2"><ofd:TextCode X="0" Y="4.2">%s</ofd:TextCode></ofd:TextObject>' % (1000 * index + row + 10, 25 + row * 7.0, text))
            page_number = '<ofd:TextObject ID="%d" Boundary="100 285 10 6" Font="1" Size="3"><ofd:TextCode X="0" Y="3">- %d -</ofd:TextCode></ofd:TextObject>' % (1000 * index + 999, index + 1)
            z.writestr("Doc_0/Pages/Page_%d/Content.xml" % index, '<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2">%s%s</ofd:Layer></ofd:Content></ofd:Page>' % ("".join(objects), page_number))
    with open(os.path.join(OUT, name + ".ofd"), "wb") as f:
        f.write(package.getvalue())


def encodings():
    text = open(os.path.join(FIXTURES, "zhuangshi-2023.txt"), encoding="utf-8").read()
    open(os.path.join(OUT, "zhuangshi-2023.gb18030.txt"), "wb").write(text.encode("gb18030"))
    text = open(os.path.join(FIXTURES, "xixing-2024.txt"), encoding="utf-8").read()
    open(os.path.join(OUT, "xixing-2024.utf16.txt"), "wb").write(text.encode("utf-16"))
    text = open(os.path.join(FIXTURES, "binjiang-2024-traditional.txt"), encoding="utf-8").read()
    open(os.path.join(OUT, "binjiang-2024-traditional.utf8bom.txt"), "wb").write(b"\xef\xbb\xbf" + text.encode("utf-8"))


def hostile():
    hostile_dir = os.path.join(OUT, "hostile")
    os.makedirs(hostile_dir, exist_ok=True)
    # A zip bomb dressed as .docx: 512 MiB of zeros in word/document.xml.
    with zipfile.ZipFile(os.path.join(hostile_dir, "bomb.docx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as entry:
            block = b"\0" * (1 << 20)
            for _ in range(512):
                entry.write(block)
    # A .docx whose XML declares an external entity.
    source = os.path.join(OUT, "wuxing-2024.typed.docx")
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(os.path.join(hostile_dir, "xxe.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                xml = xml.replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
                                  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1)
                xml = xml.replace("一、推进法治政府建设第一责任人履职情况", "一、推进法治政府建设第一责任人履职情况&xxe;", 1)
                data = xml.encode("utf-8")
            z.writestr(item, data)
    pdf = open(os.path.join(OUT, "xixing-2024.pdf"), "rb").read()
    open(os.path.join(hostile_dir, "truncated.pdf"), "wb").write(pdf[: len(pdf) // 3])
    reader = PdfReader(os.path.join(OUT, "wuxing-2024.pdf"))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with open(os.path.join(hostile_dir, "encrypted.pdf"), "wb") as f:
        writer.write(f)
    # A scan: one page with an image and no text.
    blank = PdfWriter()
    blank.add_blank_page(width=595, height=842)
    with open(os.path.join(hostile_dir, "scanned.pdf"), "wb") as f:
        blank.write(f)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in CORPUS:
        path = typed_docx(name)
        convert(path, name, "pdf")
    convert(os.path.join(OUT, "wuxing-2024.typed.docx"), "wuxing-2024", "doc")
    convert(os.path.join(OUT, "zhuangshi-2023.typed.docx"), "zhuangshi-2023", "rtf")
    for name in ["xixing-2024", "wuxing-2024"]:
        styled_docx(name)
    for name in ["baishijiang-2024", "zhuangshi-2023"]:
        autonum_docx(name)
    for name in ["zhuangshi-2023", "xixing-2024"]:
        html_page(name)
    for name in ["wuxing-2024", "baishijiang-2024"]:
        ofd(name)
    encodings()
    hostile()


if __name__ == "__main__":
    main()
