"""DOCX files: ``word/document.xml`` read directly (zipfile + lxml), with merged cells and list numbers.

Needs the ``docx`` extra (lxml). Headers, footers, comments and footnotes live in other
parts of the archive and are never read. The modules: :mod:`.archive` (the zip parts,
within the limits), :mod:`.body` (paragraphs and tables), :mod:`.numbering` and
:mod:`.numformats` (the numbers Word generates for list paragraphs), :mod:`.tags`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import evolve

from govreport.errors import ArchiveError, InputError, MissingDependencyError, UnsupportedFormatError
from govreport.model.document import Document, SourceInfo
from govreport.readers.base import READER_API_VERSION
from govreport.readers.blocks import number_grids
from govreport.readers.docx.archive import MAIN_PART, holds_main_part, read_parts
from govreport.readers.docx.body import BodyReader
from govreport.readers.docx.numbering import Numbering
from govreport.readers.docx.tags import STRICT, W

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["READER", "DocxReader"]


class DocxReader:
    """Reads the body of a DOCX (paragraphs, tables, text boxes) in document order."""

    name = "docx"
    extensions: tuple[str, ...] = (".docx", ".docm", ".dotx")
    api_version = READER_API_VERSION

    def sniff(self, data: bytes) -> bool:
        """A zip archive that holds ``word/document.xml``."""
        return holds_main_part(data)

    def read(self, data: bytes, source: SourceInfo) -> Document:
        """Unzip the parts needed and build the document model."""
        try:
            from lxml import etree
        except ImportError as exc:
            raise MissingDependencyError("reading DOCX", "docx") from exc
        roots: dict[str, _Element] = {}
        for name, chunks in read_parts(data, (MAIN_PART, "word/numbering.xml", "word/styles.xml")):
            # Entities are never expanded (no billion laughs) and nothing is fetched (no XXE);
            # the part is fed as it inflates, so its bytes and its tree are never both whole.
            parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
            try:
                for chunk in chunks:
                    parser.feed(chunk)
                roots[name] = parser.close()
            except etree.XMLSyntaxError as exc:
                raise ArchiveError(f"{name} in the DOCX is not well-formed XML: {exc}") from exc
        root = roots[MAIN_PART]
        if isinstance(root.tag, str) and root.tag.startswith(STRICT):
            raise UnsupportedFormatError(
                "this DOCX is saved as Strict Open XML, which govreport does not read; "
                "save it as a standard Word document (.docx)"
            )
        body = root.find(f"{W}body")
        if body is None:
            raise InputError("the DOCX has no document body")
        reader = BodyReader(Numbering(roots.get("word/numbering.xml"), roots.get("word/styles.xml")))
        reader.blocks_of(body)
        blocks = number_grids(reader.items)
        if not blocks:
            raise InputError("the DOCX holds no text")
        return Document(blocks=tuple(blocks), source=evolve(source, encoding=None))


READER = DocxReader()
"""The instance govreport's ``govreport.readers`` entry point names."""
