"""Split glued runs of digits (``640020470``) into a row's cells, using the printed rules.

Each glued row has a known number of cells. A split cuts its run into that many
numbers; a number never starts with 0 unless it is 0, so ``000`` for three cells has
one split and is read as printed. Where the run admits several splits, the printed
rules choose: row totals (H3, H4) for each row, then 一+二 = 三（七）+四 (H1) and the
outcome sum (H2) across the table. A row whose split is the same in every split of
the whole table that satisfies every rule is ``inferred``; any other row stays
``missing``. Every cell set here comes with a finding, and the search is bounded
(nodes, and the document's time budget).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from govreport.model.document import Location
from govreport.model.findings import Finding
from govreport.model.rules import finding
from govreport.model.tables import Cell, CellKey, CellState, Layout
from govreport.tables.equations import Equation
from govreport.tables.layouts import TABLE_NAMES, column_spec
from govreport.tables.reading import GluedRun, key_refs
from govreport.tables.rules import R8, R9, R10, R11
from govreport.tables.run_splits import GluedRow, RunText, Split, local_sums, splits, sums_hold
from govreport.tables.specs import ValueKind
from govreport.tables.split_search import SearchOutcome, combine_rows

MAX_ROW_SPLITS = 256
"""Splits of one run kept for the table search; a run with more is left missing."""
MAX_TABLE_NODES = 200_000
"""Search nodes for combining the rows' splits under the table's rules."""


def split_glued(
    table: str,
    layout: Layout,
    cells: dict[CellKey, Cell],
    runs: Sequence[GluedRun],
    eqs: Sequence[Equation],
) -> list[Finding]:
    """Fill the cells of glued ``runs`` in ``cells`` (updated in place); return their findings."""
    if not runs:
        return []
    rows: list[GluedRow] = []
    for run in runs:
        kinds = tuple(column_spec(table, layout, *key).kind for key in run.keys)
        row = GluedRow(run, kinds)
        text = RunText(run.text)
        alone, capped = splits(text, kinds, (), 2)
        local = local_sums(run.keys, eqs)
        if len(alone) == 1 and not capped and not sums_hold(alone[0], local):
            # The one split breaks the row's own total: more likely a blank cell that left no
            # trace in the glued text than a wrong total, so nothing is read.
            row.problem = "唯一的拆分不满足本行合计（可能有空白格，或原表有误）"
        elif len(alone) == 1 and not capped:
            row.candidates, row.read = alone, True
        elif not alone:
            row.problem = "拆分搜索超过上限" if capped else _why_no_split(text, len(kinds))
        else:
            row.candidates, capped = splits(text, kinds, local, MAX_ROW_SPLITS + 1)
            if capped or len(row.candidates) > MAX_ROW_SPLITS:
                row.candidates, row.problem = [], "可能的拆分太多，搜索超过上限"
            elif not row.candidates:
                row.problem = "没有一种拆分满足本行的合计"
        rows.append(row)
    searched = [r for r in rows if r.candidates and not r.read]
    outcome = combine_rows(rows, cells, eqs, MAX_TABLE_NODES) if searched else SearchOutcome()
    findings: list[Finding] = []
    name = TABLE_NAMES[table]
    read_rows = [r for r in rows if r.read]
    for row in read_rows:
        _fill(table, layout, cells, row, row.candidates[0], CellState.READ)
    if read_rows:
        shown = "、".join(f"「{r.run.label[-12:]}」{_one_line(r.run.text)}" for r in read_rows[:6])
        findings.append(
            finding(
                R10,
                f"{name}的单元格在原文中没有分隔（粘连在一起，{len(read_rows)}行）；这些行的数字只有一种拆分"
                f"（每行格数固定，多位数不以0开头），按原文读取：{shown}"
                + ("…" if len(read_rows) > 6 else "")
                + "。",
                cells=key_refs(table, [k for r in read_rows for k in r.run.keys], read_rows[0].run.location),
                location=read_rows[0].run.location,
            )
        )
    for index, row in enumerate(rows):
        if row.read:
            continue
        chosen = outcome.chosen.get(index, set()) if not outcome.capped else set()
        head = f"{name}「{row.run.label[-20:]}」的{len(row.run.keys)}个数粘连为「{_one_line(row.run.text)}」"
        if len(chosen) == 1:
            split = row.candidates[chosen.pop()]
            _fill(table, layout, cells, row, split, CellState.INFERRED)
            used = sorted({e.rule for e in eqs if set(row.run.keys) & {*e.left, *e.right}})
            findings.append(
                finding(
                    R8,
                    f"{head}；按表内规则 {'、'.join(used)} 只有一种拆分："
                    f"{' / '.join(p.raw for p in split)}，状态为 inferred。",
                    cells=key_refs(table, row.run.keys, row.run.location),
                    location=row.run.location,
                )
            )
            continue
        _fill(table, layout, cells, row, None, CellState.MISSING)
        if row.problem:
            why = row.problem
        elif index not in outcome.searched:
            why = "拆分不止一种，且没有表内规则能确定"
        elif outcome.capped:
            why = "整表拆分搜索超过上限，无法确定"
        elif not outcome.solutions:
            why = "没有一种整表拆分满足表内规则"
        else:
            why = "满足表内规则的拆分不止一种"
        findings.append(
            finding(
                R9,
                f"{head}；{why}，这些单元格标为 missing。",
                cells=key_refs(table, row.run.keys, row.run.location),
                location=row.run.location,
            )
        )
    if outcome.capped:
        findings.append(
            finding(
                R11,
                f"{name}粘连数字的整表拆分搜索超过上限（{MAX_TABLE_NODES}个节点），"
                "未能按规则确定的行标为 missing。",
                location=runs[0].location,
            )
        )
    return findings


def _why_no_split(run: RunText, cells: int) -> str:
    chunks = 1 + len(run.forced)
    if chunks > cells:
        return f"印出的数（以空格或换行分开的有{chunks}段）比格数多"
    if len(run.compact) < cells:
        return "印出的数字不够拆成这么多格（可能有空白格）"
    return "没有一种拆分符合数字的写法（多位数不以0开头、单位和符号）"


def _one_line(text: str) -> str:
    return text.replace("\n", " / ")


def _fill(
    table: str,
    layout: Layout,
    cells: dict[CellKey, Cell],
    row: GluedRow,
    split: Split | None,
    state: CellState,
) -> None:
    base = row.run.location
    for i, key in enumerate(row.run.keys):
        if split is None:
            cells[key] = Cell(table=table, row=key[0], column=key[1], value=None, state=state, location=base)
            continue
        part = split[i]
        unit = None
        value: int | Decimal = part.value
        if row.kinds[i] is ValueKind.MONEY:
            unit = part.unit or column_spec(table, layout, *key).unit
            value = Decimal(value)
        location = _part_location(row.run, part.offset)
        cells[key] = Cell(
            table=table,
            row=key[0],
            column=key[1],
            value=value,
            state=state,
            raw=part.raw,
            unit=unit,
            location=location,
        )


def _part_location(run: GluedRun, offset: int) -> Location | None:
    """Where the character at ``offset`` of the run is printed."""
    start, where = 0, run.location
    for segment_start, segment_location in run.segments:
        if segment_start <= offset:
            start, where = segment_start, segment_location
    if where is None or where.column is None:
        return where
    return Location(line=where.line, column=where.column + offset - start, page=where.page, table=where.table)
