"""Tables whose cells were glued together: crawled page text with no separator between cells.

A crawler that saves a page's text often joins every cell of tables 二-四 with nothing
between them (``规章000行政规范性文件693665…``). Such text has no grid, but every row
still starts with its label and its numbers follow as one run of digits. This module
finds those (label, run) pairs, names each run's table and row, and hands the runs to
:mod:`govreport.tables.splitting`, which decides how each run splits into cells.

The text reader turns each line holding such pairs into a one-column grid (see
:func:`is_glued_line`); the table readers read those grids here and leave them alone
otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from govreport.model.document import Grid, Location
from govreport.normalize.text import label_key
from govreport.tables.layouts import (
    ACTIVE,
    ACTIVE_V2019,
    ACTIVE_V2021,
    APPLICANT_COLUMNS,
    APPLICATIONS,
    APPLICATIONS_V2019,
    APPLICATIONS_V2021,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    REVIEW_LITIGATION,
    active_blocks,
    application_rows,
)
from govreport.tables.reading import CellKey, GluedRun, Placement, TableReading

_FOLD = str.maketrans("０１２３４５６７８９，．＋－", "0123456789,.+-")
_SIGN = r"(?:增加|减少|[+\-])"
_SPACE = "[ \u3000\u00a0]"
# A run: numbers, with thousands separators, decimals, signs and a money unit, and the
# spaces some crawlers leave between cells.
_RUN = re.compile(rf"{_SIGN}?\d(?:[\d,.]|{_SPACE}+(?={_SIGN}?\d)|{_SIGN}(?=\d)|万元|元)*")
_NUMBERING_AFTER = re.compile(rf"{_SPACE}*[.、](?!\d)")
_MAX_REMAINDER = 24
"""Characters a label may still print after the core that names its row (e.g. a long （二） label)."""

# Row cores of tables 二 and 三, across both layouts. 3.其他 (other.other) is matched apart:
# 其他 occurs inside many labels.
_ROW_CORES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    *((ACTIVE, r.key, r.cores) for b in (*ACTIVE_V2019, *ACTIVE_V2021) for r in b.rows),
    *(
        (APPLICATIONS, r.spec.key, r.spec.cores)
        for r in {r.spec.key: r for r in (*APPLICATIONS_V2019, *APPLICATIONS_V2021)}.values()
        if r.spec.key != "other.other"
    ),
)
_OTHER_OTHER = re.compile(r"(?:^|\d)其他$")
_V2021_WORDS = ("制发", "废止", "现行有效", "收费金额")
_V2019_WORDS = ("新制作", "对外公开总数", "上一年项目", "集中采购")


@dataclass(frozen=True)
class GluedPair:
    """A label and the run of digits printed after it, named by table and row when known."""

    label: str
    run: str
    location: Location
    table: str | None
    row: str | None


def classify(label: str) -> tuple[str, str] | tuple[None, None]:
    """The (table, row) a label names, by the row core printed last in it (``row`` is ``""`` for 表四)."""
    key = label_key(label)
    if ("行政复议" in key and ("行政诉讼" in key or "复议后起诉" in key)) or key.count("结果维持") >= 2:
        return REVIEW_LITIGATION, ""  # 表四's header, whole or its last line of column names
    best: tuple[int, int, str, str] | None = None
    for table, row, cores in _ROW_CORES:
        for core in cores:
            at = key.rfind(core)
            if at < 0:
                continue
            score = (at + len(core), len(core))
            if best is None or score > best[:2]:
                best = (*score, table, row)
    if _OTHER_OTHER.search(key) and (best is None or best[0] < len(key)):
        return APPLICATIONS, "other.other"
    if best is None or len(key) - best[0] > _MAX_REMAINDER:
        return None, None
    return best[2], best[3]


def glued_pairs(text: str, location: Location, carry: str = "") -> tuple[list[GluedPair], str]:
    """The (label, run) pairs of one line, and the text after its last run (the next label's start).

    ``carry`` is the label text left over from the line before.
    """
    folded = text.translate(_FOLD)  # same length, so offsets point into ``text``
    pairs: list[GluedPair] = []
    start = 0
    label = carry
    for match in _RUN.finditer(folded):
        begin, end = match.span()
        run = folded[begin:end].rstrip(",.")
        end = begin + len(run)
        if _NUMBERING_AFTER.match(folded, end):
            # 1.属于国家秘密: the digit before the dot numbers the next label.
            run = run[:-1].rstrip()
            end = begin + len(run)
        if not run:
            continue
        label += text[start:begin]
        table, row = classify(label)
        column = (location.column or 1) + begin
        where = Location(line=location.line, column=column, page=location.page, table=location.table)
        pairs.append(GluedPair(label.strip(), text[begin:end], where, table, row))
        label = ""
        start = end
    return pairs, label + text[start:]


def is_glued_line(line: str) -> bool:
    """Whether a line of text is table cells glued together.

    Two labelled runs, or a line that ends with a labelled run (``规章000``), make a glued
    line; a sentence such as ``本年新收申请5件。`` does not.
    """
    if not any(ch.isdigit() for ch in line):
        return False
    pairs, rest = glued_pairs(line, Location(line=0, column=1))
    named = [p for p in pairs if p.table is not None]
    return len(named) >= 2 or (bool(named) and pairs[-1].table is not None and not rest.strip())


_CACHE: dict[int, tuple[Grid, list[GluedPair]]] = {}


def grid_pairs(grid: Grid) -> list[GluedPair]:
    """The glued pairs of a one-column grid of glued lines (``[]`` for any other grid)."""
    hit = _CACHE.get(id(grid))
    if hit is not None and hit[0] is grid:
        return hit[1]
    pairs: list[GluedPair] = []
    if grid.n_cols == 1 and grid.cells:
        carry = ""
        for cell in sorted(grid.cells, key=lambda c: c.row):
            found, carry = glued_pairs(cell.text, cell.location, carry)
            pairs.extend(found)
        if not any(p.table is not None for p in pairs):
            pairs = []
    if len(_CACHE) >= 64:
        _CACHE.clear()
    _CACHE[id(grid)] = (grid, pairs)
    return pairs


def is_glued(grid: Grid) -> bool:
    """Whether ``grid`` holds glued table text (the ordinary table readers skip it)."""
    return bool(grid_pairs(grid))


def ordinary_grids(grids: Sequence[Grid]) -> list[Grid]:
    """The grids that are real tables, without glued text."""
    return [g for g in grids if not is_glued(g)]


def read_glued(table: str, grids: Sequence[Grid]) -> TableReading | None:
    """Read ``table`` from the glued-text grids among ``grids``, or ``None`` when it is not there."""
    pairs = [p for g in grids for p in grid_pairs(g)]
    mine: dict[str, GluedPair] = {}
    for pair in pairs:
        if pair.table == table and pair.row is not None:
            mine.setdefault(pair.row, pair)  # the first of a repeated row is read
    strong = [r for r in mine if r not in ("total_processed", "other.other", "other")]
    if not mine or (table == APPLICATIONS and len(strong) < 3):
        return None
    first = next(p for p in pairs if p.table == table)
    reading = TableReading(table, first.location)
    labels = " ".join(label_key(p.label) for p in pairs)
    if table == ACTIVE:
        for layout, words in (("v2021", _V2021_WORDS), ("v2019", _V2019_WORDS)):
            if any(w in labels for w in words):
                reading.evidence.append((layout, "粘连文本中表二表头为" + layout + "格式", first.location))
    elif table == APPLICATIONS:
        if "other" in mine:
            reading.evidence.append(("v2019", "表三（六）其他处理为单行", mine["other"].location))
        elif any(r.startswith("other.") for r in mine):
            reading.evidence.append(("v2021", "表三（六）其他处理分为三个子项", first.location))

    def place(layout: str) -> Placement:
        placement = Placement()
        for row, pair in mine.items():
            keys = _row_keys(table, layout, row)
            if keys:
                placement.glued.append(GluedRun(keys, pair.run, pair.label, pair.location))
        return placement

    reading.place = place
    return reading


def _row_keys(table: str, layout: str, row: str) -> tuple[CellKey, ...]:
    if table == REVIEW_LITIGATION:
        return tuple((g.key, c.key) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS)
    if table == APPLICATIONS:
        if any(r.spec.key == row for r in application_rows(layout)):
            return tuple((row, c.key) for c in APPLICANT_COLUMNS)
        return ()
    for block in active_blocks(layout):
        if any(r.key == row for r in block.rows):
            return tuple((row, c.key) for c in block.columns)
    return ()
