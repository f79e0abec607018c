#!/usr/bin/env python3
"""Fidelity of nianbao's extraction beside peer extractors (poppler's pdftotext, pandoc, docx2txt)
on the same fixtures: the share of characters (whitespace removed) the extracted text has in
common with the source text, 2·matches/(len a + len b) by difflib. Needs a built nianbao
(`cargo build --release`) and Debian's poppler-utils, pandoc and docx2txt.

    python3 scripts/peer_fidelity.py
"""
import difflib
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
DOCS = os.path.join(ROOT, "tests", "fixtures", "documents")
NIANBAO = os.path.join(ROOT, "target", "release", "nianbao")

PEERS = {
    ".pdf": [("pdftotext", lambda f: ["pdftotext", "-enc", "UTF-8", f, "-"])],
    ".docx": [("pandoc", lambda f: ["pandoc", "-t", "plain", f]), ("docx2txt", lambda f: ["docx2txt", f, "-"])],
    ".html": [("pandoc", lambda f: ["pandoc", "-f", "html", "-t", "plain", f])],
}


def visible(text):
    return "".join(text.split())


def score(extracted, source):
    matcher = difflib.SequenceMatcher(None, visible(extracted), visible(source), autojunk=False)
    return 100.0 * matcher.ratio()


def run(command):
    result = subprocess.run(command, capture_output=True)
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else ""


def main():
    for name in sorted(os.listdir(DOCS)):
        path = os.path.join(DOCS, name)
        if not os.path.isfile(path):
            continue
        source = open(os.path.join(ROOT, "tests", "fixtures", name.split(".")[0] + ".txt"), encoding="utf-8").read()
        row = ["%-42s" % name, "nianbao %6.2f%%" % score(run([NIANBAO, "extract", path]), source)]
        for peer, command in PEERS.get(os.path.splitext(name)[1], []):
            row.append("%s %6.2f%%" % (peer, score(run(command(path)), source)))
        print("  ".join(row))


if __name__ == "__main__":
    main()
