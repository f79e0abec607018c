#!/usr/bin/env python3
"""The PDF libraries nianbao could read PDFs with, side by side, and pdftotext as the peer.

On the PDF fixtures: fidelity (the share of the source's visible characters recovered, as
scripts/peer_fidelity.py measures it) and the median time of a whole process over 5 runs. On the
hostile PDFs of scripts/hostile.py: what each library does with them, each run bounded as
nianbao's extraction worker is (1 GiB of address space, 10 CPU seconds, 15 s in all), with its
peak memory. Builds bench/pdf-libraries (pdf-extract, pdf_oxide, hayro) from crates.io first.

    python3 bench/pdf-libraries.py
"""
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from hostile import hostile_pdfs  # noqa: E402
from peer_fidelity import score  # noqa: E402

DOCS = os.path.join(ROOT, "tests", "fixtures", "documents")
TARGET = os.environ.get("PDF_LIBRARIES_TARGET", os.path.join(tempfile.gettempdir(), "nianbao-pdf-libraries"))
HARNESS = os.path.join(TARGET, "release", "pdf-libraries")
NIANBAO = os.path.join(ROOT, "target", "release", "nianbao")
LIBRARIES = ["pdf-extract", "pdf_oxide", "hayro"]
MEMORY = 1 << 30


def commands(path):
    rows = [(library, [HARNESS, library, path]) for library in LIBRARIES]
    rows.append(("pdftotext", ["pdftotext", "-enc", "UTF-8", path, "-"]))
    if os.path.exists(NIANBAO):
        rows.append(("nianbao extract", [NIANBAO, "extract", path]))
    return rows


def bounded():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (10, 10))


def run(command, limit=True):
    """(outcome, stdout, seconds, peak MB) of one process."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL,
                                   preexec_fn=bounded if limit else None)
        deadline = started + 15
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.002)
        seconds = time.monotonic() - started
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    peak = usage.ru_maxrss / 1024
    if seconds > 15:
        outcome = "killed at 15 s"
    elif os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        outcome = {signal.SIGXCPU: "killed at 10 CPU s", signal.SIGKILL: "killed"}.get(
            sig, f"crashed ({signal.Signals(sig).name})")
    elif os.WEXITSTATUS(status) != 0:
        outcome = "refused" if peak < MEMORY / 2**20 * 0.9 else "out of memory"
    else:
        outcome = f"{len(''.join(text.split()))} chars"
    return outcome, text, seconds, peak


def fixtures():
    print("## PDF fixtures: fidelity and time (whole process, median of 5)\n")
    print("| file | " + " | ".join(name for name, _ in commands("x")) + " |")
    print("|---|" + "---|" * len(commands("x")))
    for name in sorted(os.listdir(DOCS)):
        if not name.endswith(".pdf"):
            continue
        path = os.path.join(DOCS, name)
        source = open(os.path.join(ROOT, "tests", "fixtures", name.split(".")[0] + ".txt"), encoding="utf-8").read()
        cells = []
        for _, command in commands(path):
            outcome, text, _, _ = run(command, limit=False)
            times = [run(command, limit=False)[2] for _ in range(5)]
            fidelity = score(text, source) if text.strip() else 0.0
            cells.append(f"{fidelity:.1f}% {statistics.median(times) * 1000:.0f} ms")
        print(f"| {name} | " + " | ".join(cells) + " |")


def hostile():
    print("\n## Hostile PDFs: outcome, time, peak memory (1 GiB address space, 10 CPU s)\n")
    print("| attack | " + " | ".join(name for name, _ in commands("x")) + " |")
    print("|---|" + "---|" * len(commands("x")))
    with tempfile.TemporaryDirectory() as folder:
        for attack, body in hostile_pdfs():
            path = os.path.join(folder, "attack.pdf")
            with open(path, "wb") as f:
                f.write(body)
            cells = []
            for _, command in commands(path):
                outcome, _, seconds, peak = run(command)
                cells.append(f"{outcome}, {seconds:.2f} s, {peak:.0f} MB")
            print(f"| {attack} | " + " | ".join(cells) + " |")


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path",
                    os.path.join(HERE, "pdf-libraries", "Cargo.toml")],
                   env=dict(os.environ, CARGO_TARGET_DIR=TARGET), check=True)
    fixtures()
    hostile()


if __name__ == "__main__":
    main()
