"""Render a generated report as the Markdown a PDF-to-Markdown converter makes of it.

The fixture builder for Markdown input: a report from :mod:`govreport.testing.synthetic` is
written with ``##`` section headings and pipe tables, then damaged the ways real
converters damage tables (see :class:`MarkdownDamage`). Its truth is the generated
report's values, so a parse can be compared cell by cell.
"""

from __future__ import annotations

import random
import re

from attrs import frozen

_SECTION = re.compile(r"^[一二三四五六七八九十]{1,2}、")
_CAPTION = re.compile(r"^第二十[一二]?条第")
_TABLE_CAPTIONS = {
    "二": "表二：主动公开政府信息情况",
    "三": "表三：收到和处理政府信息公开申请情况",
    "四": "表四：政府信息公开行政复议、行政诉讼情况",
}


@frozen(kw_only=True)
class MarkdownDamage:
    """What the converter does to the report's tables."""

    footers: bool = True
    """Page footers such as ``— 4 —`` every ``page_lines`` lines, inside tables too."""
    page_lines: int = 23
    split_tables: bool = True
    """Tables 二 and 三 cut into two fragments, the second under a repeated ``## 表三：…`` caption."""
    block_headings: bool = False
    """Table 二's 第二十条 captions as ``###`` headings, each block its own pipe table."""
    generic_header: bool = False
    """Table 三's header rows replaced by ``类别 | 数据1 | … | 数据6 | 总计``."""
    lost_labels: int = 0
    """Rows of table 三 whose label is printed on a line of its own above a row of bare numbers."""


def render_markdown(text: str, rng: random.Random, damage: MarkdownDamage = MarkdownDamage()) -> str:
    """``text`` (a generated report, tables as tab-separated lines) as converter-made Markdown."""
    lines = text.split("\n")
    out: list[str] = []
    section = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" not in line:
            if _SECTION.match(line.strip()):
                section = line.strip()[0]
                out.append(f"## {line.strip()}")
            else:
                out.append(line)
            i += 1
            continue
        rows: list[list[str]] = []
        while i < len(lines) and ("\t" in lines[i] or (not lines[i].strip() and _more_rows(lines, i))):
            if lines[i].strip():
                rows.append(lines[i].split("\t"))
            i += 1
        out += _table(section, rows, rng, damage)
    return "\n".join(_with_footers(out, damage) if damage.footers else out)


def _more_rows(lines: list[str], i: int) -> bool:
    following = next((line for line in lines[i + 1 :] if line.strip()), "")
    return "\t" in following


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(c.strip() for c in cells) + " |"


def _separator(width: int) -> str:
    return "|" + "|".join("---" for _ in range(width)) + "|"


def _pipe_table(rows: list[list[str]]) -> list[str]:
    """Rows as one pipe table: the first is the header, as converters print it."""
    if not rows:
        return []
    return [_pipe(rows[0]), _separator(len(rows[0])), *(_pipe(r) for r in rows[1:])]


def _table(section: str, rows: list[list[str]], rng: random.Random, damage: MarkdownDamage) -> list[str]:
    if section == "二" and damage.block_headings:
        out: list[str] = []
        block: list[list[str]] = []
        for row in rows:
            if _CAPTION.match(row[0].strip()):
                out += _pipe_table(block)
                block = []
                out += ["", f"### {row[0].strip()}"]
            else:
                block.append(row)
        return out + _pipe_table(block)
    labels_above: dict[int, str] = {}
    if section == "三":
        header_rows = 3 if len(rows) > 3 and not any(c.strip().isdigit() for c in rows[2]) else 0
        if damage.generic_header:
            width = len(rows[-1])
            generic = ["类别", *([""] * (width - 8)), *(f"数据{n}" for n in range(1, 7)), "总计"]
            rows = [generic, *rows[header_rows:]]
            header_rows = 1
        # Never the first two or the last row: a run of bare rows sits between labelled rows.
        candidates = list(range(header_rows + 2, len(rows) - 1))
        for r in rng.sample(candidates, min(damage.lost_labels, len(candidates))):
            width = len(rows[r]) - 7
            labels_above[r] = "".join(c.strip() for c in rows[r][:width])
            rows[r] = ["", *rows[r][width:]]
    cut = (
        rng.randrange(len(rows) // 3, 2 * len(rows) // 3) if damage.split_tables and len(rows) >= 6 else None
    )
    out = []
    fragments = [rows[:cut], rows[cut:]] if cut else [rows]
    for n, fragment in enumerate(fragments):
        start = 0 if n == 0 else cut or 0
        if n:
            out += ["", f"## {_TABLE_CAPTIONS.get(section, '表')}"]
        for r, line in enumerate(_pipe_table(fragment)):
            at = start + (r if r < 2 else r - 1)
            if r != 1 and at in labels_above:
                # The label stands above its numbers, split over two lines as converters wrap it.
                label = labels_above[at]
                half = max(1, len(label) // 2)
                out += ["", label[:half], label[half:]]
            out.append(line)
    return out


def _with_footers(lines: list[str], damage: MarkdownDamage) -> list[str]:
    out: list[str] = []
    page = 1
    for n, line in enumerate(lines, start=1):
        out.append(line)
        if n % damage.page_lines == 0:
            out.append(f"— {page} —")
            page += 1
    return out
