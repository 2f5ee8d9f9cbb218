"""Builders for small on-disk corpora of generated reports, good and bad."""

from __future__ import annotations

import re
from pathlib import Path

from govreport.testing.synthetic import generate, generate_narrative

_VALUE_LINE = re.compile(r"(\t[0-9０-９]+){7}$")


def report_texts(count: int, seed: int = 0) -> list[str]:
    """``count`` distinct generated reports: v2019, v2021 and narrative in turn."""
    texts = []
    for i in range(count):
        kind = i % 3
        if kind == 2:
            texts.append(generate_narrative(seed + i, year=2015 + (seed + i) % 4))
        else:
            texts.append(generate(seed + i, layout="v2019" if kind == 0 else "v2021").text)
    return texts


def damaged(text: str) -> str:
    """Drop one value from the fifth complete table-三 line, so the row cannot be read with certainty."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if _VALUE_LINE.search(line)]
    index = rows[4]
    fields = lines[index].split("\t")
    del fields[-3]
    lines[index] = "\t".join(fields)
    return "\n".join(lines)


def write_reports(folder: Path, texts: list[str], prefix: str = "r") -> list[Path]:
    """Write each text as ``{prefix}{i:04}.txt`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"{prefix}{i:04}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
