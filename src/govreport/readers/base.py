"""The reader contract, format detection, and reading bytes with a set of readers."""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Protocol, runtime_checkable

from govreport.errors import UnsupportedFormatError
from govreport.limits import document_budget
from govreport.model.document import Document, SourceInfo
from govreport.registry import Registry

READER_API_VERSION = 1
"""Bumped on any incompatible change to :class:`Reader`, :class:`SourceInfo` or the document model."""


@runtime_checkable
class Reader(Protocol):
    """Reads one input format into a :class:`Document`.

    ``name`` is the format's name (``--format``, ``SourceInfo.format``); ``extensions``
    are the file name endings it takes; ``api_version`` must equal
    :data:`READER_API_VERSION`.
    """

    name: str
    extensions: tuple[str, ...]
    api_version: int

    def sniff(self, data: bytes) -> bool:
        """Whether ``data`` looks like this format from its content alone."""
        ...

    def read(self, data: bytes, source: SourceInfo) -> Document:
        """Build the document model; ``source`` is completed with the encoding used."""
        ...


def installed_readers() -> Registry[Reader]:
    """The readers of every installed format, as a default :class:`~govreport.Parser` has them."""
    # Imported here: govreport.plugins imports this module for the Reader protocol.
    from govreport.plugins import READER_KIND, installed

    return installed(READER_KIND)


def sniff_format(data: bytes, readers: Registry[Reader] | None = None) -> str | None:
    """The format whose reader recognises ``data`` by content, if any (the installed readers by default)."""
    for name, reader in (readers if readers is not None else installed_readers()).items():
        if reader.sniff(data):
            return name
    return None


def detect_format(data: bytes, path: str | None = None, readers: Registry[Reader] | None = None) -> str:
    """The format name for ``data``: by content first, then by file extension.

    ``readers`` are the formats to choose from; the installed readers by default.
    """
    readers = readers if readers is not None else installed_readers()
    sniffed = sniff_format(data, readers)
    if sniffed is not None:
        return sniffed
    if path is not None:
        suffix = PurePath(path).suffix.lower()
        for name, reader in readers.items():
            if suffix in reader.extensions:
                return name
    raise UnsupportedFormatError(
        f"cannot tell the format of {path or 'the input'}; known formats: {', '.join(readers)}"
    )


def read_document(
    data: bytes,
    *,
    path: str | None = None,
    format: str | None = None,
    readers: Registry[Reader] | None = None,
) -> Document:
    """Read bytes into a :class:`Document`, detecting the format unless ``format`` is given.

    ``readers`` are the formats to read with (a parser passes its own); the installed
    readers by default. Runs within the budget of the parse in progress, or else one
    with the default limits.
    """
    readers = readers if readers is not None else installed_readers()
    with document_budget() as budget:
        budget.check("input_bytes", len(data))
        name = format or detect_format(data, path, readers)
        reader = readers.get(name)
        source = SourceInfo(format=name, path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
        document = reader.read(data, source)
        budget.check("characters", document_characters(document))
        return document


def document_characters(document: Document) -> int:
    """Characters of text in ``document``: its paragraphs and the cells of its grids."""
    return sum(len(p.text) for p in document.paragraphs) + sum(
        len(text) for grid in document.grids for text in grid.texts
    )
