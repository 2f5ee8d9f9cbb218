"""HTML pages: the report body inside a CMS page, with merged table cells expanded to a grid.

Needs the ``html`` extra (lxml). Decoding follows :func:`govreport.normalize.decode.decode_bytes`
with the charset the page declares. The modules: :mod:`.page` (the CMS page's chrome and
catalogue), :mod:`.body` (paragraphs and tables in order), :mod:`.tables` (spans and cell
text), :mod:`.markup` (element helpers).
"""

from __future__ import annotations

import re

from attrs import evolve

from govreport.errors import InputError, MissingDependencyError
from govreport.limits import current_budget
from govreport.model.document import Document, SourceInfo
from govreport.normalize.decode import declared_charset, decode_bytes
from govreport.readers.base import READER_API_VERSION
from govreport.readers.blocks import number_grids
from govreport.readers.cells import merge_split_tables
from govreport.readers.html.body import BlockBuilder
from govreport.readers.html.page import drop_chrome, take_catalogue

__all__ = ["READER", "HtmlReader"]

# Characters XML cannot hold: libxml2's HTML parser keeps them in text, but lxml refuses
# to set such text back when chrome is cut out. No report needs them: they become spaces.
_NOT_XML = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*>")
# The C0 controls of _NOT_XML as bytes: in UTF-8 and GB18030 they are never part of a
# multi-byte character, so the bytes hold one exactly when the text does.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _utf8_markup(data: bytes, text: str, encoding: str) -> bytes:
    """The page as UTF-8 for libxml2, characters XML cannot hold made spaces.

    libxml2 is given UTF-8 whatever the page's encoding: its GB18030 converter maps some
    code points otherwise than Python's codec, which decided the encoding. A clean UTF-8
    page is handed over as it came, without decoding and encoding it again.
    """
    if encoding in ("utf-8", "gb18030"):
        clean = len(data.translate(None, _CONTROL_BYTES)) == len(data)  # faster than the regex
        clean = clean and "\ufffe" not in text and "\uffff" not in text
    else:
        clean = _NOT_XML.search(text) is None
    if not clean:
        return _NOT_XML.sub(" ", text).encode("utf-8")
    return data if encoding == "utf-8" else text.encode("utf-8")


class HtmlReader:
    """Reads an HTML page into paragraphs and grids, dropping the page's chrome."""

    name = "html"
    extensions: tuple[str, ...] = (".html", ".htm", ".shtml", ".xhtml")
    api_version = READER_API_VERSION

    def sniff(self, data: bytes) -> bool:
        """Markup first: ``<!DOCTYPE html``, ``<html`` or ``<head`` (after BOM, comments, XML declaration)."""
        head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
        head = _XML_DECLARATION.sub(b"", head).lstrip()
        while head.startswith(b"<!--") and b"-->" in head:
            head = head[head.index(b"-->") + 3 :].lstrip()
        return head[:14].lower().startswith((b"<!doctype html", b"<html", b"<head"))

    def read(self, data: bytes, source: SourceInfo) -> Document:
        """Decode, parse with lxml, drop the chrome, keep the catalogue, build blocks."""
        try:
            from lxml import etree
        except ImportError as exc:
            raise MissingDependencyError("reading HTML", "html") from exc
        current_budget().check("markup_tags", data.count(b"<"))  # the tree costs memory per element
        text, encoding = decode_bytes(data, declared_charset(data))
        if not text.strip():
            raise InputError("the page holds no text")
        parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
        try:
            root = etree.fromstring(_utf8_markup(data, text, encoding), parser)
        except (etree.LxmlError, ValueError) as exc:  # libxml2 recovers from almost anything
            raise InputError(f"the page cannot be parsed as HTML: {exc}") from exc
        if any("Excessive depth" in entry.message for entry in parser.error_log):
            # libxml2 drops what lies deeper than 256 levels: refuse rather than lose text.
            raise InputError("the page nests elements more than 256 levels deep; parts of it would be lost")
        if root is None:
            raise InputError("the page holds no HTML elements")
        body = root.find("body")
        if body is None:
            body = root
        drop_chrome(body)
        catalogue = take_catalogue(body, text)
        builder = BlockBuilder()
        builder.walk(body)
        builder.flush()
        blocks = number_grids(merge_split_tables(builder.items))
        if not blocks:
            raise InputError("the page holds no report text after its navigation and footer are removed")
        return Document(
            blocks=tuple(blocks),
            source=evolve(source, encoding=encoding, catalogue=catalogue),
        )


READER = HtmlReader()
"""The instance govreport's ``govreport.readers`` entry point names."""
