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

from attrs import evolve, frozen

from govreport.model.document import Grid, Location
from govreport.model.tables import CellKey, Layout
from govreport.normalize.text import label_key
from govreport.recent import RecentByIdentity
from govreport.tables.closeness import edit_distance
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
    hybrid_rows,
    replaced_rows,
)
from govreport.tables.reading import GluedRun, Placement, TableReading

_FOLD = str.maketrans("０１２３４５６７８９，．＋－", "0123456789,.+-")
_SIGN = r"(?:增加|减少|[+\-])"
_SPACE = "[ \u3000\u00a0]"
# A run: numbers, with thousands separators, decimals, signs and a money unit, and the
# spaces some crawlers leave between cells.
_RUN = re.compile(rf"{_SIGN}?\d(?:[\d,.]|{_SPACE}+(?={_SIGN}?\d)|{_SIGN}(?=\d)|万元|元)*")
_NUMBERING_AFTER = re.compile(rf"{_SPACE}*[.、](?!\d)")

# Rows of tables 二 and 三 across both layouts: (table, row, cores, official label key).
# 3.其他 (other.other) is matched apart: 其他 occurs inside many labels.
_ROWS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    *((ACTIVE, r.key, r.cores, label_key(r.label)) for b in (*ACTIVE_V2019, *ACTIVE_V2021) for r in b.rows),
    *(
        (APPLICATIONS, r.spec.key, r.spec.cores, label_key(r.spec.label))
        for r in {r.spec.key: r for r in (*APPLICATIONS_V2019, *APPLICATIONS_V2021)}.values()
        if r.spec.key != "other.other"
    ),
)
# Any row core, to skip labels that hold none before looking at each row.
_CORE_PATTERN = re.compile(
    "|".join(
        re.escape(c) for c in sorted({c for *_, cores, _ in _ROWS for c in cores}, key=len, reverse=True)
    )
)
_OTHER_OTHER = re.compile(r"(?:^|\d)其他$")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
# A number followed by a measure word or a sentence's punctuation is a count in a sentence,
# not a table cell (a glued cell is followed by the next label or number).
_MEASURE_AFTER = re.compile(rf"{_SPACE}*[件条次个项人份宗起年月日号%％余多，。；,;、：:]")
_REVIEW_DIGITS = 15
# Label text kept from lines without numbers for the next run: enough for 表四's header over
# several lines (about 100 characters), bounded so lines of words alone cannot pile up.
_MAX_CARRY = 300
_V2021_WORDS = ("制发", "废止", "现行有效", "收费金额")
_V2019_WORDS = ("新制作", "对外公开总数", "上一年项目", "集中采购")


def _tail_fits(printed: str, official: str) -> bool:
    """Whether the label text printed after a row's core is that row's own label text.

    ``printed`` may be empty (a shortened label) or the official rest with a few typos;
    anything else (``类信息``, ``答复数条``) means the core sits inside other words.
    """
    if printed == official or not printed:
        return True
    allowed = max(2, len(official) // 4)
    return len(printed) <= len(official) + 2 and edit_distance(printed, official, allowed) <= allowed


@frozen
class GluedPair:
    """A label and the run of digits printed after it, named by table and row when known."""

    label: str
    run: str
    location: Location
    table: str | None
    row: str | None
    segments: tuple[tuple[int, Location], ...] = ()
    """Where the run continues on later lines (a wrapped run): (offset in ``run``, location)."""


def classify(label: str) -> tuple[str, str] | tuple[None, None]:
    """The (table, row) a label names: a row core followed only by the rest of that row's label.

    ``row`` is ``""`` for table 四, whose one data row follows its column header.
    """
    key = label_key(label)
    review = ("行政复议" in key and "行政诉讼" in key) or key.count("结果维持") >= 2
    if review and "审结" in key and key.endswith(("总计", "合计")):
        return REVIEW_LITIGATION, ""  # 表四's header, whole or its last line of column names
    if _OTHER_OTHER.search(key):
        return APPLICATIONS, "other.other"
    present = set(_CORE_PATTERN.findall(key))
    if not present:
        return None, None
    best: tuple[int, str, str] | None = None
    for table, row, cores, official in _ROWS:
        for core in cores:
            if core not in present and not any(core in p for p in present):
                continue
            at = key.rfind(core)
            if at < 0:
                continue
            end = at + len(core)
            rest = official[official.find(core) + len(core) :] if core in official else ""
            if _tail_fits(key[end:], rest) and (best is None or len(core) > best[0]):
                best = (len(core), table, row)
    if best is None:
        return None, None
    return best[1], best[2]


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
        table: str | None = None
        row: str | None = None
        if not _MEASURE_AFTER.match(folded, end):
            table, row = classify(label)
        if table == REVIEW_LITIGATION and sum(ch.isdigit() for ch in run) < _REVIEW_DIGITS:
            table = row = None
        column = (location.column or 1) + begin
        where = Location(line=location.line, column=column, page=location.page, table=location.table)
        pairs.append(GluedPair(label.strip(), text[begin:end], where, table, row))
        label = ""
        start = end
    return pairs, label + text[start:]


_NOWHERE = Location(line=0, column=1)
"""Where the line tests below say their text starts: they read only the pairs' tables."""


def is_glued_line(line: str) -> bool:
    """Whether a line of text is table cells glued together.

    A line with a labelled run (``规章000``) is one: a row core followed only by the rest of
    its own label, then digits followed by neither a measure word nor punctuation. A
    sentence such as ``本年新收申请5件。`` is not.
    """
    if not _HAS_DIGIT.search(line):
        return False
    pairs, _ = glued_pairs(line, _NOWHERE)
    return any(p.table is not None for p in pairs)


def is_review_row_under_header(header: str, line: str) -> bool:
    """Whether ``line`` is 表四's glued row of numbers and ``header`` its column header line.

    表四's data row has no label of its own, so its run often stands on the line below the
    header. Any other label on a line of its own, followed by numbers, is a table printed one
    cell per line, which :mod:`govreport.readers.cell_lines` rebuilds.
    """
    if not is_number_line(line) or _HAS_DIGIT.search(header):
        return False
    pairs, _ = glued_pairs(header + line, _NOWHERE)
    return any(p.table == REVIEW_LITIGATION for p in pairs)


def is_number_line(line: str) -> bool:
    """Whether a line holds numbers only (the rest of a glued row wrapped onto the next line)."""
    stripped = line.strip().translate(_FOLD)
    return bool(stripped) and _RUN.fullmatch(stripped) is not None


_PAIRS: RecentByIdentity[Grid, list[GluedPair]] = RecentByIdentity(64, per_document=True)


def grid_pairs(grid: Grid) -> list[GluedPair]:
    """The glued pairs of a one-column grid of glued lines (``[]`` for any other grid)."""
    return _PAIRS.get(grid, _grid_pairs)


def _grid_pairs(grid: Grid) -> list[GluedPair]:
    pairs: list[GluedPair] = []
    if grid.n_cols == 1 and grid.cells:
        carry = ""
        for cell in sorted(grid.cells, key=lambda c: c.row):
            found, after = glued_pairs(cell.text, cell.location, carry)
            for pair in found:
                if pairs and not pair.label and not carry:
                    # Numbers on a line of their own continue the glued row above (a wrapped run).
                    last = pairs[-1]
                    segment = (len(last.run) + 1, pair.location)
                    pairs[-1] = evolve(
                        last, run=f"{last.run}\n{pair.run}", segments=(*last.segments, segment)
                    )
                else:
                    pairs.append(pair)
                carry = ""
            # ``after`` already starts with ``carry``; only its end can hold a label's start.
            carry = after[-_MAX_CARRY:]
        if not any(p.table is not None for p in pairs):
            pairs = []
    return pairs


def is_glued(grid: Grid) -> bool:
    """Whether ``grid`` holds glued table text (the ordinary table readers skip it)."""
    return bool(grid_pairs(grid))


def ordinary_grids(grids: Sequence[Grid]) -> list[Grid]:
    """The grids that are real tables, without glued text."""
    return [g for g in grids if not is_glued(g)]


def or_glued(reading: TableReading | None, table: str, grids: Sequence[Grid]) -> TableReading | None:
    """``reading`` (from ordinary grids), or ``table`` read from glued text when no ordinary grid holds it.

    Rows printed beside a converter's table (``行政许可 97`` under a Markdown table) are
    made rows of that table by :mod:`govreport.readers.markdown`, not read here.
    """
    return reading if reading is not None else read_glued(table, grids)


def read_glued(table: str, grids: Sequence[Grid]) -> TableReading | None:
    """Read ``table`` from the glued-text grids among ``grids``, or ``None`` when it is not there.

    Table 三 needs three distinctive rows, as in an ordinary grid.
    """
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
        # One cue per header word, as ordinary table 二 gives one per block header.
        for layout, words in ((Layout.V2021, _V2021_WORDS), (Layout.V2019, _V2019_WORDS)):
            for word in words:
                cue = f"表二表头有「{word}」（粘连文本）"
                reading.evidence += [(layout, cue, first.location)] * labels.count(word)
    elif table == APPLICATIONS:
        if "other" in mine:
            reading.evidence.append((Layout.V2019, "表三（六）其他处理为单行", mine["other"].location))
        elif any(r.startswith("other.") for r in mine):
            reading.evidence.append((Layout.V2021, "表三（六）其他处理分为三个子项", first.location))

    def place(layout: Layout) -> Placement:
        placement = Placement()
        hybrid = () if set(mine) & set(replaced_rows(table, layout)) else hybrid_rows(table, layout)
        for row, pair in mine.items():
            keys = _row_keys(table, layout, row, hybrid)
            if keys:
                placement.glued.append(GluedRun(keys, pair.run, pair.label, pair.location, pair.segments))
        return placement

    reading.place = place
    return reading


def _row_keys(table: str, layout: Layout, row: str, hybrid: tuple[str, ...]) -> tuple[CellKey, ...]:
    if table == REVIEW_LITIGATION:
        return tuple((g.key, c.key) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS)
    if table == APPLICATIONS:
        if row in hybrid or any(r.spec.key == row for r in application_rows(layout)):
            return tuple((row, c.key) for c in APPLICANT_COLUMNS)
        return ()
    for block in active_blocks(layout):
        if any(r.key == row for r in block.rows):
            return tuple((row, c.key) for c in block.columns)
    return ()
