"""Readers of the fixed statistics tables, one module per table, and their contract."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from govreport.model.document import Document, Grid
from govreport.model.findings import Finding
from govreport.model.tables import StatTable
from govreport.tables.reading import TableReading

TABLE_READER_API_VERSION = 1
"""Bumped on any incompatible change to :class:`TableReader`, :class:`DocumentTableReader` or their inputs."""


@runtime_checkable
class TableReader(Protocol):
    """Finds one fixed table among a document's grids and places its values.

    ``name`` is the table's canonical key (``active``, ``applications``,
    ``review_litigation``). ``read`` returns ``None`` when the table is absent.
    ``api_version`` must equal :data:`TABLE_READER_API_VERSION`.
    """

    name: str
    title: str
    api_version: int

    def read(self, grids: Sequence[Grid]) -> TableReading | None:
        """Identify rows by label and place values for each candidate layout."""
        ...


@runtime_checkable
class DocumentTableReader(Protocol):
    """A table reader that reads the whole document, for a table with a layout of its own.

    The old 统计表 (``statistics``, layout ``v2008``) is rarely a grid in crawled text, so
    its reader looks at paragraphs too. A reader in the ``govreport.table_readers`` group
    that has ``read_document`` is called with the document instead of ``read``; its
    table takes no part in choosing the layout of tables 二-四.
    """

    name: str
    title: str
    api_version: int

    def read_document(self, document: Document) -> tuple[StatTable, list[Finding]] | None:
        """The typed table and its reading findings, or ``None`` when the table is absent."""
        ...


__all__ = ["TABLE_READER_API_VERSION", "DocumentTableReader", "TableReader", "TableReading"]
