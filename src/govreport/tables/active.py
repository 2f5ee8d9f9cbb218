"""Table 二: 主动公开政府信息情况, the 第二十条第（X）项 blocks (22 cells in v2019, 10 in v2021)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from attrs import define, field

from govreport.messages import reading as msg
from govreport.messages.names import table_name
from govreport.model.document import Grid
from govreport.model.rules import finding
from govreport.model.tables import Layout
from govreport.normalize.text import label_key
from govreport.tables import TABLE_READER_API_VERSION
from govreport.tables.cores import CoreIndex
from govreport.tables.glued import or_glued, ordinary_grids
from govreport.tables.layouts import ACTIVE, ACTIVE_V2019, ACTIVE_V2021, FORM_LAYOUTS, active_blocks
from govreport.tables.reading import (
    AnalysedRow,
    Placement,
    TableReading,
    analyse_rows,
    header_positions,
    match_core,
    positions_trusted,
)
from govreport.tables.rules import L1, R6
from govreport.tables.specs import BlockSpec

# 第二十条第（一）项, tolerating the 第二十一条 typo (spec §2.4).
_CAPTION = re.compile(r"第二十[一二]?条第([一二三四五六七八九十]{1,2})项")
_UNIT = re.compile(r"单位[:：]?(万元|元)")
_CLAUSES = {b.clause for b in (*ACTIVE_V2019, *ACTIVE_V2021)}


@define
class _Block:
    clause: str
    caption: AnalysedRow | None
    """The 第二十条 caption row; ``None`` when the caption stood outside the grid (a heading line)."""
    header: AnalysedRow | None = None
    rows: list[tuple[str, AnalysedRow]] = field(factory=list)
    all_rows: list[AnalysedRow] = field(factory=list)


def _spec(layout: Layout, clause: str) -> BlockSpec | None:
    return next((b for b in active_blocks(layout) if b.clause == clause), None)


@lru_cache(maxsize=4096)
def _caption_clause(label_keys: tuple[str, ...]) -> str | None:
    """The clause of the first 第二十条 caption among a row's label keys (labels repeat: kept)."""
    caption = next((m for k in label_keys if (m := _CAPTION.search(k))), None)
    return caption.group(1) if caption is not None else None


def _is_content_header(row: AnalysedRow) -> bool:
    """A block's column-header row: it starts with 信息内容 and prints no numbers."""
    return not row.has_numbers and bool(row.label_keys) and row.label_keys[0].startswith("信息内容")


_ALL_BLOCK_ROWS = tuple(
    (block.clause, spec_row) for block in (*ACTIVE_V2019, *ACTIVE_V2021) for spec_row in block.rows
)
_ROWS_OF_ALL_BLOCKS = CoreIndex([spec_row.cores for _, spec_row in _ALL_BLOCK_ROWS])


def _clause_of(row: AnalysedRow) -> str | None:
    """The block a data row belongs to, by its label: each row label occurs in one block only."""
    best = _ROWS_OF_ALL_BLOCKS.best_of(row.label_keys)
    return _ALL_BLOCK_ROWS[best[1]][0] if best else None


def _both_layouts(clause: str) -> list[BlockSpec]:
    return [spec for layout in FORM_LAYOUTS if (spec := _spec(layout, clause)) is not None]


# Per clause, the columns and the rows of its block in either layout (v2019 first), as the readers ask.
_COLUMNS_OF_CLAUSE = {
    clause: CoreIndex([c.cores for spec in _both_layouts(clause) for c in spec.columns])
    for clause in _CLAUSES
}
_ROW_KEYS_OF_CLAUSE = {
    clause: [r.key for spec in _both_layouts(clause) for r in spec.rows] for clause in _CLAUSES
}
_ROWS_OF_CLAUSE = {
    clause: CoreIndex([r.cores for spec in _both_layouts(clause) for r in spec.rows]) for clause in _CLAUSES
}
_COLUMNS_OF_BLOCK = {
    (layout, block.clause): CoreIndex([c.cores for c in block.columns])
    for layout in FORM_LAYOUTS
    for block in active_blocks(layout)
}


class ActiveReader:
    """Finds table 二 by its 第二十条 captions and reads each block by its header."""

    name = ACTIVE
    title = "二、主动公开政府信息情况"
    api_version = TABLE_READER_API_VERSION

    def read(self, grids: Sequence[Grid]) -> TableReading | None:
        """Read every 第二十条 block found in the grids, in order.

        A block whose caption was printed as a heading outside the table (crawled pages,
        Word files with one table per block) starts at its 信息内容 header row and is
        named by its row labels, which differ between blocks.
        """
        return or_glued(self._read_grids(ordinary_grids(grids)), ACTIVE, grids)

    def _read_grids(self, grids: Sequence[Grid]) -> TableReading | None:
        blocks: list[_Block] = []
        for grid in grids:
            current: _Block | None = None
            header: AnalysedRow | None = None  # a 信息内容 header not yet under a caption
            for row in analyse_rows(grid):
                captioned = _caption_clause(row.label_keys)
                if captioned is not None and captioned in _CLAUSES:
                    current = _Block(captioned, row)
                    current.all_rows.append(row)
                    blocks.append(current)
                    header = None
                    continue
                if _is_content_header(row) and (current is None or current.rows):
                    current, header = None, row
                    continue
                if current is None:
                    if header is None or (clause := _clause_of(row)) is None:
                        continue  # no block open, and no header that a block of this row's labels follows
                    current = _Block(clause, None, header=header)
                    current.all_rows.append(header)
                    blocks.append(current)
                    header = None
                if self._is_header(current.clause, row):
                    current.header = current.header or row
                    current.all_rows.append(row)
                    continue
                key = self._row_key(current.clause, row)
                if key is not None:
                    current.rows.append((key, row))
                    current.all_rows.append(row)
                elif row.has_numbers:
                    current = None  # numbers under a foreign label: the block has ended
        if not blocks:
            return None
        return self._place(blocks)

    @staticmethod
    def _is_header(clause: str, row: AnalysedRow) -> bool:
        if row.has_numbers:
            return False
        columns = _COLUMNS_OF_CLAUSE[clause]
        if any(columns.matched(k) for k in row.label_keys):
            return True
        return any(k.startswith("信息内容") for k in row.label_keys)

    @staticmethod
    def _row_key(clause: str, row: AnalysedRow) -> str | None:
        best = _ROWS_OF_CLAUSE[clause].best_of(row.label_keys)
        return _ROW_KEYS_OF_CLAUSE[clause][best[1]] if best else None

    def _place(self, blocks: list[_Block]) -> TableReading:
        first = blocks[0].caption or blocks[0].header
        reading = TableReading(ACTIVE, first.location if first else None)
        for block in blocks:
            self._evidence(reading, block)
            if block.caption is None:
                continue
            caption_key = next(k for k in block.caption.label_keys if _CAPTION.search(k))
            if not caption_key.startswith("第二十条第"):
                reading.findings.append(
                    finding(
                        L1,
                        msg.CAPTION_VARIANT(caption=block.caption.label_text, clause=block.clause),
                        location=block.caption.location,
                    )
                )

        def place(layout: Layout) -> Placement:
            placement = Placement()
            seen: set[str] = set()
            for block in blocks:
                spec = _spec(layout, block.clause)
                if spec is None:
                    continue
                trusted = positions_trusted(block.all_rows) and block.header is not None
                positions = (
                    header_positions([block.header], spec.columns) if trusted and block.header else None
                )
                units = self._header_units(block, spec)
                for key, row in block.rows:
                    if not any(r.key == key for r in spec.rows):
                        continue
                    if key in seen:
                        placement.findings.append(
                            finding(
                                R6,
                                msg.DUPLICATE_ROW(table=table_name(ACTIVE), label=row.label_text),
                                location=row.location,
                            )
                        )
                        continue
                    seen.add(key)
                    keys = [(key, c.key) for c in spec.columns]
                    slots = placement.place_row(ACTIVE, row, keys, positions)
                    for cell_key, slot in slots.items():
                        unit = units.get(cell_key[1])
                        if unit and slot.token.unit is None and slot.token.value is not None:
                            slots[cell_key] = type(slot)(slot.token._replace(unit=unit), slot.cell)
                    placement.slots.update(slots)
            return placement

        reading.place = place
        return reading

    @staticmethod
    def _header_units(block: _Block, spec: BlockSpec) -> dict[str, str]:
        units: dict[str, str] = {}
        if block.header is None:
            return units
        for cell in block.header.cells:
            key = label_key(cell.text)
            match = _UNIT.search(key)
            if match is None:
                continue
            for column in spec.columns:
                if match_core((key,), column.cores):
                    units[column.key] = match.group(1)
        return units

    @staticmethod
    def _evidence(reading: TableReading, block: _Block) -> None:
        if block.clause == "九":
            where = (block.caption or block.header or block.all_rows[0]).location
            reading.evidence.append((Layout.V2019, "表二有第二十条第（九）项", where))
        if block.header is None:
            return
        scores = {}
        for layout in FORM_LAYOUTS:
            spec = _spec(layout, block.clause)
            scores[layout] = (
                len(_COLUMNS_OF_BLOCK[(layout, block.clause)].matched_of(block.header.label_keys))
                / len(spec.columns)
                if spec
                else 0.0
            )
        if scores[Layout.V2019] != scores[Layout.V2021]:
            layout = max(scores, key=lambda k: scores[k])
            labels = "、".join(c.text for c in block.header.labels[1:] if c.text)
            reading.evidence.append(
                (layout, f"表二第（{block.clause}）项表头：{labels}", block.header.location)
            )


READER = ActiveReader()
