"""Writes N reports for bench/collection.sh: variants of the township reports of
tests/fixtures/collection, each under a unit name of its own, with its figures changed and a
sentence in five dropped, so that reports of one base are alike (a template) and others not."""
import pathlib
import random
import re
import sys

count, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
bases = sorted(pathlib.Path("tests/fixtures/collection").glob("*.txt"))
texts = [b.read_text(encoding="utf-8") for b in bases]
names = [re.match(r"(?:青禾县)?(\S+?(?:镇|乡))", t).group(1) for t in texts]
random.seed(35)
for n in range(count):
    base = n % len(texts)
    unit = f"第{n}号{'乡' if names[base].endswith('乡') else '镇'}"
    text = texts[base].replace(names[base], unit)
    text = re.sub(r"\d+(?=[件次份名户起个场])", lambda m: str(int(m.group()) + random.randint(1, 9)), text)
    kept = [s for s in re.split(r"(?<=。)", text) if random.random() > 0.2 or "报告" in s]
    (out / f"{n:04}.txt").write_text("".join(kept), encoding="utf-8")
