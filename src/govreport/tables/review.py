"""Table 四: 政府信息公开行政复议、行政诉讼情况 (15 cells, the same in v2019 and v2021)."""

from __future__ import annotations

from collections.abc import Sequence

from govreport.messages import reading as msg
from govreport.messages.names import table_name
from govreport.model.document import Grid
from govreport.model.rules import finding
from govreport.model.tables import CellKey
from govreport.tables import TABLE_READER_API_VERSION
from govreport.tables.cores import CoreIndex
from govreport.tables.glued import or_glued, ordinary_grids
from govreport.tables.layouts import REVIEW_COLUMNS, REVIEW_GROUPS, REVIEW_LITIGATION
from govreport.tables.reading import (
    AnalysedRow,
    Placement,
    TableReading,
    analyse_rows,
    match_core,
    positions_trusted,
)
from govreport.tables.rules import R3

_GROUPS = CoreIndex([g.cores for g in REVIEW_GROUPS])
_COLUMNS = CoreIndex([c.cores for c in REVIEW_COLUMNS])
_OFFICIAL_KEYS: tuple[CellKey, ...] = tuple((g.key, c.key) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS)


class ReviewLitigationReader:
    """Finds table 四 by its 行政复议/行政诉讼 header and reads its row of 15 counts."""

    name = REVIEW_LITIGATION
    title = "四、政府信息公开行政复议、行政诉讼情况"
    api_version = TABLE_READER_API_VERSION

    def read(self, grids: Sequence[Grid]) -> TableReading | None:
        """Read the first grid whose header names 行政复议 and 行政诉讼."""
        return or_glued(self._read_grids(ordinary_grids(grids)), REVIEW_LITIGATION, grids)

    def _read_grids(self, grids: Sequence[Grid]) -> TableReading | None:
        for grid in grids:
            rows = analyse_rows(grid)
            header = [r for r in rows if not r.has_numbers]
            keys = [k for r in header for k in r.label_keys]
            if _names_table_four(keys):
                data = [r for r in rows if r.has_numbers]
                if data:
                    return self._read(grid, rows, header, data)
        return None

    def _read(
        self,
        grid: Grid,
        rows: list[AnalysedRow],
        header: list[AnalysedRow],
        data: list[AnalysedRow],
    ) -> TableReading:
        reading = TableReading(REVIEW_LITIGATION, grid.location)
        row = data[0]
        keys, positions = self._layout(header) if positions_trusted(rows) else (None, None)
        keys = keys or list(_OFFICIAL_KEYS)
        placement = Placement()
        placement.slots.update(placement.place_row(REVIEW_LITIGATION, row, keys, positions))
        for extra in data[1:]:
            placement.findings.append(
                finding(
                    R3,
                    msg.EXTRA_ROW(
                        table=table_name(REVIEW_LITIGATION), text=" ".join(c.text for c in extra.cells)
                    ),
                    location=extra.location,
                )
            )
        reading.place = lambda layout: placement  # table 四 is the same in both layouts
        return reading

    @staticmethod
    def _layout(header: list[AnalysedRow]) -> tuple[list[CellKey] | None, list[int] | None]:
        """Keys and grid columns from the header, when it names 15 distinct value columns."""
        group_cols: dict[str, int] = {}
        label_cols: dict[int, str] = {}
        for row in header:
            for cell, key in zip(row.labels, row.label_keys, strict=True):
                for index in _GROUPS.matched(key):
                    group_cols.setdefault(REVIEW_GROUPS[index].key, cell.col)
                columns = _COLUMNS.matched(key)
                if columns:
                    label_cols.setdefault(cell.col, REVIEW_COLUMNS[columns[0]].key)
        if len(label_cols) != 15 or len(group_cols) != 3:
            return None, None
        starts = sorted(group_cols.items(), key=lambda item: item[1])
        keys: list[CellKey] = []
        positions = sorted(label_cols)
        for col in positions:
            group_key = next(g for g, start in reversed(starts) if start <= col)
            keys.append((group_key, label_cols[col]))
        if len(set(keys)) != 15:
            return None, None
        return keys, positions


def _names_table_four(keys: list[str]) -> bool:
    """Whether header keys name table 四: 行政复议 and 行政诉讼, or one and three column labels.

    OCR under a seal misreads one of the two (行政折讼); its 结果维持, 结果纠正… still say it.
    """
    review = match_core(keys, ("行政复议",))
    suit = match_core(keys, ("行政诉讼", "复议后起诉", "直接起诉"))
    if review and suit:
        return True
    columns = {index for key in keys for index in _COLUMNS.matched(key)}
    return bool(review or suit) and len(columns) >= 3


READER = ReviewLitigationReader()
