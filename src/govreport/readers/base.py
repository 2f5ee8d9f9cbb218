"""The reader contract, the registry of input formats, and format detection."""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Protocol

from govreport.errors import UnsupportedFormatError
from govreport.limits import document_budget
from govreport.model.document import Document, SourceInfo
from govreport.registry import Registry


class Reader(Protocol):
    """Reads one input format into a :class:`Document`."""

    name: str
    extensions: tuple[str, ...]

    def sniff(self, data: bytes) -> bool:
        """Whether ``data`` looks like this format from its content alone."""
        ...

    def read(self, data: bytes, source: SourceInfo) -> Document:
        """Build the document model; ``source`` is completed with the encoding used."""
        ...


READERS: Registry[Reader] = Registry("input format")


def sniff_format(data: bytes) -> str | None:
    """The registered format whose reader recognises ``data`` by content, if any."""
    for name, reader in READERS.items():
        if reader.sniff(data):
            return name
    return None


def detect_format(data: bytes, path: str | None = None) -> str:
    """The registered format name for ``data``: by content first, then by file extension."""
    sniffed = sniff_format(data)
    if sniffed is not None:
        return sniffed
    if path is not None:
        suffix = PurePath(path).suffix.lower()
        for name, reader in READERS.items():
            if suffix in reader.extensions:
                return name
    raise UnsupportedFormatError(
        f"cannot tell the format of {path or 'the input'}; known formats: {', '.join(READERS)}"
    )


def read_document(data: bytes, *, path: str | None = None, format: str | None = None) -> Document:
    """Read bytes into a :class:`Document`, detecting the format unless ``format`` is given.

    Runs within the budget of the parse in progress, or else one with the default limits.
    """
    with document_budget() as budget:
        budget.check("input_bytes", len(data))
        name = format or detect_format(data, path)
        reader = READERS.get(name)
        source = SourceInfo(format=name, path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
        document = reader.read(data, source)
        budget.check("characters", document_characters(document))
        return document


def document_characters(document: Document) -> int:
    """Characters of text in ``document``: its paragraphs and the cells of its grids."""
    return sum(len(p.text) for p in document.paragraphs) + sum(
        len(cell.text) for grid in document.grids for cell in grid.cells
    )


def _register_builtin_readers() -> None:
    from govreport.readers.text import TextReader

    READERS.add("text", TextReader())
    # HTML and DOCX import lxml only inside read(), so a missing extra fails there, by name.
    from govreport.readers.docx import DocxReader
    from govreport.readers.html import HtmlReader

    READERS.add("html", HtmlReader())
    READERS.add("docx", DocxReader())
    # PDF and DOC readers import nothing heavy at module level: pypdfium2 and
    # LibreOffice are only reached when a file of that format is read.
    from govreport.readers.doc import DocReader
    from govreport.readers.pdf.reader import PdfReader

    READERS.add("pdf", PdfReader())
    READERS.add("doc", DocReader())
    # Page images (PNG, JPEG, TIFF) are read by OCR; tesserocr is imported only inside read().
    from govreport.readers.ocr.reader import ImageReader

    READERS.add("image", ImageReader())


_register_builtin_readers()
