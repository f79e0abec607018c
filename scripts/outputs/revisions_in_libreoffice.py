#!/usr/bin/python3
"""Word answers with revisions, resolved by LibreOffice: for each report given, the document
nianbao annotated with revisions=true has all its tracked changes accepted, then all rejected,
through LibreOffice's own commands; accepted, its text must be the fixed copy (`nianbao check
--fix`), rejected the original text.

LibreOffice (Debian's 7.4) aborts when a document with comments is loaded hidden through its
Python bridge, whoever wrote the comments, so the comment marks are taken out of the copy it
resolves; the comments themselves are read by python-docx (check_outputs.py) and by LibreOffice's
conversion to PDF.

Runs with Debian's python3 and python3-uno (LibreOffice's Python bridge):
    revisions_in_libreoffice.py NIANBAO_BINARY WORK_DIR REPORT...
"""

import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile

import uno
from com.sun.star.beans import PropertyValue

binary, work, reports = sys.argv[1], sys.argv[2], sys.argv[3:]
PIPE = f"nianbao-revisions-{os.getpid()}"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def office():
    profile = tempfile.mkdtemp(prefix="nianbao-lo-profile-")
    process = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={PIPE};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            context = resolver.resolve(f"uno:pipe,name={PIPE};urp;StarOffice.ComponentContext")
            return process, profile, context
        except Exception:  # noqa: BLE001 - the office is still starting
            time.sleep(0.5)
    process.kill()
    raise SystemExit("LibreOffice did not start")


def resolved_text(context, path, command):
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),))
    dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
    frame = document.getCurrentController().getFrame()
    dispatcher.executeDispatch(frame, command, "", 0, ())
    paragraphs = document.getText().createEnumeration()
    lines = []
    while paragraphs.hasMoreElements():
        lines.append(paragraphs.nextElement().getString())
    changes = document.getRedlines().getCount()
    document.close(True)
    return lines, changes


def without_comment_marks(path):
    """A copy of the .docx without comment ranges and references (see the module's note)."""
    copy = path.replace(".docx", ".nocomments.docx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = re.sub(r'<w:commentRange(?:Start|End) w:id="\d+"/>', "", text)
                text = re.sub(r'<w:r><w:commentReference w:id="\d+"/></w:r>', "", text)
                data = text.encode("utf-8")
            out.writestr(item, data)
    return copy


def nianbao(*args):
    return subprocess.run([binary, "check", *args], capture_output=True, check=False)


def main():
    failures = []
    process, profile, context = office()
    try:
        for report in reports:
            name = os.path.basename(report)
            revised = os.path.join(work, f"{name}.revisions.docx")
            fixed = os.path.join(work, f"{name}.fixed")
            nianbao("--annotate", revised, "--revisions", report)
            nianbao("--fix", fixed, report)
            original = subprocess.run([binary, "extract", report], capture_output=True,
                                      check=True).stdout.decode()
            if report.endswith(".docx"):
                expected = subprocess.run([binary, "extract", fixed], capture_output=True,
                                          check=True).stdout.decode()
            else:
                with open(fixed, encoding="utf-8") as f:
                    expected = f.read()
            copy = without_comment_marks(revised)
            accepted, left = resolved_text(context, copy, ".uno:AcceptAllTrackedChanges")
            rejected, _ = resolved_text(context, copy, ".uno:RejectAllTrackedChanges")
            squash = lambda text: "".join(text.split())  # noqa: E731 - layout aside
            ok_accept = squash("\n".join(accepted)) == squash(expected)
            ok_reject = squash("\n".join(rejected)) == squash(original)
            print(f"{name}: accepted = fixed copy {ok_accept}, rejected = original {ok_reject}, "
                  f"{left} changes left after accepting")
            if not (ok_accept and ok_reject) or left:
                failures.append(name)
    finally:
        process.terminate()
        process.wait(timeout=30)
        subprocess.run(["rm", "-rf", profile], check=False)
    if failures:
        raise SystemExit(f"revisions not resolved as their fixes in LibreOffice: {failures}")
    print("revisions: LibreOffice accepts each report to its fixed copy and rejects to the original")


main()
