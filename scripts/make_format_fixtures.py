#!/usr/bin/env python3
"""Generates tests/fixtures/format/: a report laid out exactly per GB/T 9704-2012 and one variant
per deviation the format rules find (issue 33). Needs python-docx (PyPI). The outputs are
committed; run this again only to change them:

    python3 scripts/make_format_fixtures.py

Every variant differs from gbt9704.docx in one thing, so each test can assert that one finding.
"""
import os

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "fixtures", "format")

TITLE = "松林县2024年法治政府建设年度报告"
ADDRESSEE = "市委、市人民政府："
OPENING = ("2024年，松林县坚持以习近平法治思想为指导，全面落实《法治政府建设实施纲要（2021—2025年）》，"
           "法治政府建设取得新成效。现将有关情况报告如下。")
# (level, mark, heading, body): level 1 headings stand alone, level 2 run into their paragraph.
SECTIONS = [
    (1, "一、", "2024年推进法治政府建设的主要举措和成效", None),
    (2, "（一）", "依法全面履行政府职能。", "动态调整权责清单，公布县级权责事项3085项，政务服务事项网上可办率达到98.9%，办理企业开办业务1320件。"),
    (2, "（二）", "健全依法行政制度体系。", "审查行政规范性文件17件，备案审查合格率100%，清理规范性文件46件。"),
    (3, "1.", "严格执法监督。", "开展行政执法案卷评查两次，评查案卷286卷，督促整改问题41个。"),
    (3, "2.", "强化复议应诉。", "办理行政复议案件93件，行政机关负责人出庭应诉率达到100%。"),
    (1, "二、", "2024年推进法治政府建设存在的不足和原因", None),
    (0, "", "", "一是乡镇合法性审查力量不足，原因是专职法律人员配备不齐；二是执法数字化水平不高，原因在于各部门执法系统尚未打通。"),
    (1, "三、", "党政主要负责人履行推进法治建设第一责任人职责情况", None),
    (0, "", "", "县委书记、县长带头学法述法，县政府常务会议专题研究法治政府建设工作5次，组织会前学法12次，县长出庭应诉2次。"),
    (1, "四、", "2025年推进法治政府建设的主要安排", None),
    (0, "", "", "一是充实乡镇法治审核力量；二是推进执法监督平台建设；三是深化“八五”普法总结验收。"),
]
ISSUER = "松林县人民政府"
DATE = "2025年3月20日"

BODY = ("仿宋_GB2312", 16)
TITLE_FONT = ("方正小标宋简体", 22)
LEVEL_FONTS = {1: ("黑体", 16), 2: ("楷体_GB2312", 16), 3: ("仿宋_GB2312", 16)}
NUMBER_FONT = ("宋体", 14)


def set_font(run_or_style, font, size):
    """East Asian and Latin font and size, on a run or a style."""
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), font)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    run_or_style.font.size = Pt(size)


def set_indent_chars(paragraph_format_element, chars):
    """w:ind w:firstLineChars (hundredths of a character), as Word writes “2 字符”."""
    ppr = paragraph_format_element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    if chars is None:
        ind.set(qn("w:firstLineChars"), "0")
        ind.set(qn("w:firstLine"), "0")
    else:
        # Word reads the characters; LibreOffice (which renders docs/) the twips of 3号 text.
        ind.set(qn("w:firstLineChars"), str(int(chars * 100)))
        ind.set(qn("w:firstLine"), str(int(chars * 16 * 20)))


def set_exact_spacing(style, points):
    spacing = style.element.get_or_add_pPr().find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        style.element.get_or_add_pPr().append(spacing)
    # No space between paragraphs: the lines keep the grid of 22 a page.
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    if points is None:
        spacing.attrib.pop(qn("w:line"), None)
        spacing.attrib.pop(qn("w:lineRule"), None)
    else:
        spacing.set(qn("w:line"), str(int(points * 20)))
        spacing.set(qn("w:lineRule"), "exact")


def page_field(paragraph, dashes):
    """A PAGE field, as a complex field, between “— ” and “ —” when asked."""
    def run(text=None, char=None, instr=None):
        r = paragraph.add_run(text or "")
        set_font(r, *NUMBER_FONT)
        if char:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), char)
            r._r.append(fld)
        if instr:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = instr
            r._r.append(it)
        return r
    if dashes:
        run("— ")
    run(char="begin")
    run(instr=" PAGE ")
    run(char="separate")
    run("1")
    run(char="end")
    if dashes:
        run(" —")


def build(name, margins=(37, 35, 28, 26), body=BODY, indent=2, spacing=28.95, title=TITLE_FONT,
          title_align=WD_ALIGN_PARAGRAPH.CENTER, level1=LEVEL_FONTS[1], footer="standard"):
    document = docx.Document()
    normal = document.styles["Normal"]
    set_font(normal, *body)
    set_indent_chars(normal.element, indent)
    set_exact_spacing(normal, spacing)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = margins
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)

    def paragraph(text, font, align=None, no_indent=False):
        p = document.add_paragraph()
        if text:
            set_font(p.add_run(text), *font)
        if align is not None:
            p.alignment = align
        if no_indent:
            set_indent_chars(p._p, None)
        return p

    paragraph(TITLE, title, title_align, no_indent=True)
    paragraph(ADDRESSEE, body, no_indent=True)
    paragraph(OPENING, body)
    for level, mark, heading, text in SECTIONS:
        if level == 0:
            paragraph(text, body)
            continue
        font = level1 if level == 1 else LEVEL_FONTS[level]
        p = paragraph(mark + heading, font)
        if text:
            set_font(p.add_run(text), *body)
    paragraph(ISSUER, body, WD_ALIGN_PARAGRAPH.RIGHT, no_indent=True)
    paragraph(DATE, body, WD_ALIGN_PARAGRAPH.RIGHT, no_indent=True)

    if footer == "standard":
        document.settings.odd_and_even_pages_header_footer = True
        odd = section.footer.paragraphs[0]
        odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        page_field(odd, dashes=True)
        even = section.even_page_footer.paragraphs[0]
        even.alignment = WD_ALIGN_PARAGRAPH.LEFT
        page_field(even, dashes=True)
    elif footer == "right-only":
        # One footer for every page, on the right: even pages' numbers are not on the left.
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        page_field(p, dashes=True)
    elif footer == "bare":
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        page_field(p, dashes=False)
    document.save(os.path.join(OUT, name + ".docx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    build("gbt9704")
    # Word's default margins (2.54 cm top and bottom, 3.18 cm left and right).
    build("margins-word-default", margins=(25.4, 25.4, 31.75, 31.75))
    build("body-songti-xiaosi", body=("宋体", 12))
    build("body-no-indent", indent=None)
    build("body-single-spacing", spacing=None)
    build("title-songti-left", title=("宋体", 16), title_align=WD_ALIGN_PARAGRAPH.LEFT)
    build("headings-in-body-font", level1=BODY)
    build("page-number-bare", footer="bare")
    build("page-number-missing", footer="none")
    build("page-number-right-only", footer="right-only")


if __name__ == "__main__":
    main()
