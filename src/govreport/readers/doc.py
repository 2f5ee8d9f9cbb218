"""Old Word documents (``.doc``, Word 97-2003): converted by LibreOffice, read as DOCX.

When LibreOffice is not installed the reader falls back to antiword, which gives the
text and those tables whose rows all have the same number of cells. Tables with merged
cells come out of antiword as one run of ``|``-separated text; the fallback keeps that
text as a paragraph (so no number is read from a guessed grid) and says so in
:attr:`~govreport.model.document.SourceInfo.notes`.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from functools import partial

from attrs import evolve

from govreport.errors import ConversionError, ConversionTimeoutError, InputError, MissingProgramError
from govreport.limits import current_budget
from govreport.model.document import Document, Grid, GridCell, Location, Paragraph, SourceInfo
from govreport.readers import doc_ahead, office
from govreport.readers.base import READER_API_VERSION
from govreport.readers.blocks import BlockList
from govreport.readers.docx import DocxReader

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The directory entry of the main Word stream, as the UTF-16LE name OLE2 stores.
WORD_STREAM = "WordDocument".encode("utf-16-le")
ANTIWORD_TIMEOUT = 60.0


def looks_like_word97(data: bytes) -> bool:
    """An OLE2 compound file that holds a ``WordDocument`` stream."""
    return data.startswith(OLE2_MAGIC) and WORD_STREAM in data


class DocReader:
    """Reads Word 97-2003 files through LibreOffice (to DOCX) or, failing that, antiword."""

    name = "doc"
    extensions: tuple[str, ...] = (".doc",)
    api_version = READER_API_VERSION

    def __init__(self, *, timeout: float = office.DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout

    def sniff(self, data: bytes) -> bool:
        """OLE2 magic plus a Word stream (Excel and PowerPoint files are OLE2 too)."""
        return looks_like_word97(data)

    def read(self, data: bytes, source: SourceInfo) -> Document:
        """Convert and read ``data``; see the module docstring for the fallback."""
        if not data.startswith(OLE2_MAGIC):
            raise InputError("not a Word 97-2003 (.doc) file: the OLE2 signature is missing")
        if not looks_like_word97(data):
            raise InputError("an OLE2 file without a WordDocument stream is not a Word document")
        soffice = office.find_soffice()
        if soffice is not None:
            return self._read_converted(data, source, soffice)
        antiword = shutil.which("antiword")
        if antiword is not None:
            return read_with_antiword(data, source, antiword)
        raise MissingProgramError(
            "reading .doc files",
            f"LibreOffice ({office.INSTALL_HINT}) or, for text only, antiword (apt-get install antiword)",
            "doc",
        )

    def convert_ahead(self, inputs: Iterable[bytes], *, timeout: float | None = None) -> int:
        """Convert DOC files in one LibreOffice run, held for :meth:`read` to find (a corpus run's chunk).

        ``timeout`` is per file (this reader's if not given). A file that timed out is not
        held: reading it converts it again, within its own time limit. Returns how many
        files are held; none without LibreOffice.
        """
        soffice = office.find_soffice()
        if soffice is None:
            doc_ahead.clear()
            return 0
        unique = {hashlib.sha256(data).hexdigest(): data for data in inputs if looks_like_word97(data)}
        results = office.convert_each(
            list(unique.values()),
            source="doc",
            target="docx",
            timeout=timeout if timeout is not None else self.timeout,
            soffice=soffice,
        )
        return doc_ahead.hold(
            (digest, result)
            for digest, result in zip(unique, results, strict=True)
            if not isinstance(result, ConversionTimeoutError)
        )

    def _read_converted(self, data: bytes, source: SourceInfo, soffice: str) -> Document:
        budget = current_budget()
        budget.check_time()
        ahead = doc_ahead.take(hashlib.sha256(data).hexdigest())  # this content's, whatever source says
        if isinstance(ahead, ConversionError):
            raise ahead
        docx = ahead if ahead is not None else self._convert(data, soffice)
        note = "converted from DOC to DOCX by LibreOffice (headless) and read as DOCX"
        document = DocxReader().read(docx, evolve(source, notes=(*source.notes, note)))
        # The DOCX reader describes the converted file; the provenance is the DOC input.
        return evolve(document, source=evolve(document.source, format=source.format, encoding=None))

    def _convert(self, data: bytes, soffice: str) -> bytes:
        budget = current_budget()
        # The conversion gets what is left of the document's time limit, at most its own timeout.
        timeout = max(min(self.timeout, budget.deadline - time.monotonic()), 1.0)
        try:
            return office.convert(data, source="doc", target="docx", timeout=timeout, soffice=soffice)
        except ConversionTimeoutError:
            budget.check_time()  # stopped by the document's time limit: say so
            raise


def read_with_antiword(data: bytes, source: SourceInfo, antiword: str = "antiword") -> Document:
    """Read ``data`` with antiword's DocBook output: paragraphs and the tables it keeps."""
    try:
        result = subprocess.run(
            [antiword, "-x", "db", "-"],
            input=data,
            capture_output=True,
            timeout=ANTIWORD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ConversionTimeoutError(f"antiword did not finish within {ANTIWORD_TIMEOUT:g} s") from None
    if result.returncode != 0 or not result.stdout.strip():
        detail = result.stderr.decode("utf-8", "replace").strip()
        raise ConversionError(f"antiword could not read the .doc input{': ' + detail if detail else ''}")
    try:
        root = ET.fromstring(result.stdout)
    except ET.ParseError as exc:
        raise ConversionError(f"antiword wrote output that is not well-formed XML: {exc}") from exc
    blocks = BlockList()
    line = 0
    run_on_tables = 0
    for element in root.iter():
        if element.tag == "informaltable":
            line += 1
            blocks.add_grid(partial(_grid, element, line=line))
        elif element.tag == "para" and element.find(".//informaltable") is None:
            text = _text(element)
            if not text:
                continue
            pieces = [text]
            if text.count(" |") >= 8:
                # A table antiword could not lay out, with the next paragraph glued on
                # after its last cell: keep the table's text, split off the paragraph.
                run_on_tables += 1
                table_text, _, after = text.rpartition("|")
                pieces = [table_text + "|", after.strip()]
            for piece in filter(None, pieces):
                line += 1
                blocks.add(Paragraph(text=piece, location=Location(line=line, column=1)))
    if not blocks.blocks:
        raise InputError("the .doc file holds no text")
    notes = [*source.notes, "read with antiword (LibreOffice is not installed): text and simple tables only"]
    if run_on_tables:
        notes.append(
            f"antiword could not rebuild {run_on_tables} table(s) with merged cells; "
            "their text is kept as paragraphs"
        )
    return Document(
        blocks=tuple(blocks.blocks),
        source=evolve(source, encoding="utf-8", notes=tuple(notes)),
    )


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _grid(table: ET.Element, index: int, line: int) -> Grid:
    cells: list[GridCell] = []
    n_rows = n_cols = 0
    for r, row in enumerate(table.iter("row")):
        n_rows += 1
        entries = row.findall("entry")
        n_cols = max(n_cols, len(entries))
        for c, entry in enumerate(entries):
            cells.append(
                GridCell(
                    text=_text(entry),
                    row=r,
                    col=c,
                    location=Location(line=line, table=index, row=r, col=c),
                )
            )
    return Grid(
        index=index,
        cells=tuple(cells),
        n_rows=n_rows,
        n_cols=n_cols,
        location=Location(line=line, table=index),
    )


READER = DocReader()
"""The instance govreport's ``govreport.readers`` entry point names."""
