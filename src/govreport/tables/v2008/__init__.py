"""The pre-2019 statistics table (统计表, layout ``v2008``): 指标名称 | 计量单位 | 本年度 | 历年累计.

Reports from 2008 to 2018 end with this table. Crawled page text often flattens it into
one run, gluing each row's label, unit and digits to the next row
(``主动公开文件数条206912106其中：1.政府网站公开数条…``). Rows are found by their labels
inside the run; the digits between a row's unit and the next label are that row's
cells. When whitespace or the cell count does not say where one number ends, every
split into the row's cell count is tried: a split is kept only if exactly one is
possible, or exactly one satisfies the table's rules (本年度 ≤ 历年累计, a total equal
to the sum of its parts). Anything else stays ``missing`` with a finding: a guessed
number is never written.
"""

from __future__ import annotations

from collections.abc import Sequence

from govreport.model.document import Document, Grid
from govreport.model.findings import Finding
from govreport.model.tables import StatTable
from govreport.tables import TABLE_READER_API_VERSION
from govreport.tables.layouts import STATISTICS
from govreport.tables.v2008.cells import RULE_CUMULATIVE, RULE_PARTS
from govreport.tables.v2008.rows import read_statistics
from govreport.tables.v2008.text import is_statistics_header, is_statistics_row, table_text

__all__ = [
    "READER",
    "RULE_CUMULATIVE",
    "RULE_PARTS",
    "StatisticsReader",
    "is_statistics_header",
    "is_statistics_row",
    "read_statistics",
]


class StatisticsReader:
    """Finds the 统计表 by its 指标名称/计量单位 header, in paragraphs or grids."""

    name = STATISTICS
    title = "政府信息公开情况统计表"
    api_version = TABLE_READER_API_VERSION

    def read(self, grids: Sequence[Grid]) -> None:
        """The table-reading protocol: this table is read from the whole document instead."""
        return None

    def read_document(self, document: Document) -> tuple[StatTable, list[Finding]] | None:
        """The typed table and its reading findings, or ``None`` when the report has none."""
        text = table_text(document)
        if text is None:
            return None
        return read_statistics(text)


READER = StatisticsReader()
"""The entry point registered under ``govreport.table_readers`` as ``statistics``."""
