"""Where table 二's blocks start and end (tables/active.py: ActiveReader), pinned where mutants survived.

A block starts at a 第二十条 caption of one of table 二's clauses, or at a 信息内容 header
followed by a row of a known block. Rows after a block has ended are read only under a new
caption or header.
"""

from __future__ import annotations

from govreport.model.document import Grid
from govreport.model.tables import Layout
from govreport.tables.active import ActiveReader
from tests.helpers import grid_of_rows

_HEADER = ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
_BLOCK_ONE = (("规章", "1", "2", "3"), ("规范性文件", "4", "5", "6"))
_READ = {
    ("regulations", "issued"): 1,
    ("regulations", "repealed"): 2,
    ("regulations", "in_force"): 3,
    ("normative_documents", "issued"): 4,
    ("normative_documents", "repealed"): 5,
    ("normative_documents", "in_force"): 6,
}


def _grid(*rows: tuple[str, ...]) -> Grid:
    return grid_of_rows(rows)


def _values(grid: Grid) -> dict[tuple[str, str], object]:
    reading = ActiveReader().read([grid])
    assert reading is not None
    return {key: slot.token.value for key, slot in reading.placement(Layout.V2021).slots.items()}


def test_a_caption_of_a_clause_table_two_does_not_have_starts_no_block() -> None:
    grid = _grid(("第二十条第（二）项",), _HEADER, *_BLOCK_ONE)
    assert _values(grid) == _READ


def test_rows_after_a_captioned_block_ended_are_not_read_without_a_new_header() -> None:
    # 行政许可 is a row of block （五）, but no caption or header opens that block.
    grid = _grid(
        ("第二十条第（一）项",), _HEADER, *_BLOCK_ONE, ("合计金额", "9", "9", "9"), ("行政许可", "7", "8")
    )
    assert _values(grid) == _READ


def test_rows_after_a_header_block_ended_are_not_read_without_a_new_header() -> None:
    grid = _grid(_HEADER, *_BLOCK_ONE, ("合计金额", "9", "9", "9"), ("行政许可", "7", "8"))
    assert _values(grid) == _READ


def test_a_header_waits_past_rows_of_no_block_for_the_first_row_of_one() -> None:
    grid = _grid(_HEADER, ("其他事项", "1", "2", "3"), *_BLOCK_ONE)
    assert _values(grid) == _READ
