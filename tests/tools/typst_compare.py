#!/usr/bin/env python3
"""Sets a text file's paragraphs with Typst at several measures and measures the PDF
the way banmian's `linebreak::stats` measures its own lines (docs/decisions.md §7).

Not run by `cargo test`: it needs `pip install typst pdfplumber` and the Noto CJK
fonts (`apt-get install fonts-noto-cjk`). Usage:

    tests/tools/typst_compare.py tests/data/corpus-hard-cases.txt 9 11 14 [--space none]

Per measure it prints: lines, the standard deviation of the gaps between adjacent
ideographs (em), the widest Han–Latin gap (em), lines starting with a mark clreq
keeps off line starts, and paragraphs ending in a lone character (孤字).
"""
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pdfplumber
import typst

SIZE = 9.0
NOT_AT_START = set("、，。：；！？”’）》〉】〗〕」』…—～·／")


def ideograph(c):
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def western(c):
    return c.isascii() and c.isalnum()


def paragraphs(path):
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def typeset(pars, measure, space):
    spacing = "none" if space == "none" else "auto"
    src = f"""
#set page(width: {SIZE * measure}pt, height: auto, margin: 0pt)
#set text(font: "Noto Serif CJK SC", size: {SIZE}pt, lang: "zh", region: "cn", cjk-latin-spacing: {spacing})
#set par(justify: true, first-line-indent: (amount: 2em, all: true), spacing: 0.65em)
""" + "\n\n".join(literal(p) for p in pars) + "\n"
    with tempfile.TemporaryDirectory() as d:
        typ = Path(d) / "t.typ"
        pdf = Path(d) / "t.pdf"
        typ.write_text(src, encoding="utf-8")
        typst.compile(str(typ), output=str(pdf), font_paths=["/usr/share/fonts/opentype/noto"])
        return measure_pdf(pdf, measure)


def literal(text):
    """A paragraph as a Typst string, so that @, #, _ and < mean nothing."""
    return '#"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lines_of(pdf):
    with pdfplumber.open(pdf) as doc:
        chars = [c for page in doc.pages for c in page.chars]
    rows = {}
    for c in chars:
        rows.setdefault(round(c["top"], 1), []).append(c)
    return [sorted(r, key=lambda c: c["x0"]) for _, r in sorted(rows.items())]


def measure_pdf(pdf, measure):
    rows = lines_of(pdf)
    gaps, latin, starts, orphans = [], 0.0, 0, 0
    paragraph_lines = []
    for row in rows:
        text = "".join(c["text"] for c in row)
        indented = row[0]["x0"] > 1.5 * SIZE
        if indented and paragraph_lines:
            orphans += is_orphan(paragraph_lines[-1])
            paragraph_lines = []
        if not indented and text[0] in NOT_AT_START:
            starts += 1
        paragraph_lines.append(text)
        for a, b in zip(row, row[1:]):
            gap = (b["x0"] - a["x1"]) / SIZE
            if ideograph(a["text"]) and ideograph(b["text"]):
                gaps.append(gap)
            if (ideograph(a["text"]) and western(b["text"])) or (
                western(a["text"]) and ideograph(b["text"])
            ):
                latin = max(latin, gap)
    if paragraph_lines:
        orphans += is_orphan(paragraph_lines[-1])
    return len(rows), statistics.pstdev(gaps), latin, starts, orphans


def is_orphan(text):
    return len(paragraph_text_letters(text)) == 1


def paragraph_text_letters(text):
    return [c for c in text if ideograph(c) or c.isalnum()]


def main():
    args = sys.argv[1:]
    space = "auto"
    if "--space" in args:
        i = args.index("--space")
        space = args[i + 1]
        del args[i : i + 2]
    pars = paragraphs(args[0])
    for m in args[1:]:
        n, std, latin, starts, orphans = typeset(pars, float(m), space)
        print(
            f"typst {m} em: {n} lines, gap std {std:.4f} em, Han–Latin max {latin:.3f} em, "
            f"kinsoku {starts}, 孤字 {orphans}"
        )


if __name__ == "__main__":
    main()
