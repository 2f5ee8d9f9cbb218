"""Readers of the fixed statistics tables, one module per table, and their contract."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from govreport.model.document import Grid
from govreport.tables.reading import TableReading

TABLE_READER_API_VERSION = 1


class TableReader(Protocol):
    """Finds one fixed table among a document's grids and places its values.

    ``name`` is the table's canonical key (``active``, ``applications``,
    ``review_litigation``). ``read`` returns ``None`` when the table is absent.
    """

    name: str
    title: str

    def read(self, grids: Sequence[Grid]) -> TableReading | None:
        """Identify rows by label and place values for each candidate layout."""
        ...


__all__ = ["TABLE_READER_API_VERSION", "TableReader", "TableReading"]
