"""HTML pages: the report body inside a CMS page, with merged table cells expanded to a grid.

Needs the ``html`` extra (lxml). Decoding follows :func:`govreport.normalize.decode.decode_bytes`
with the charset the page declares.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, cast

from attrs import evolve

from govreport.errors import InputError, MissingDependencyError
from govreport.limits import current_budget
from govreport.model.document import Document, Location, Paragraph, SourceInfo
from govreport.normalize.decode import declared_charset, decode_bytes
from govreport.readers.blocks import number_grids
from govreport.readers.cells import CellLines, RawCell, RawTable, merge_split_tables

if TYPE_CHECKING:
    from lxml.etree import XPath, _Element

# Elements that never hold report content.
_DROP_TAGS = frozenset(
    {
        "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "select",
        "button", "input", "textarea", "nav", "header", "footer", "aside", "svg", "canvas", "map",
    }
)  # fmt: skip
# class/id words of CMS chrome: navigation, share bars, breadcrumbs, footers.
_CHROME_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|header|footer|copyright|share|bdshare|breadcrumb|crumb|sidebar|"
    r"toolbar|logo|dqwz|weizhi|position|print|fxd|jiathis)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CHROME_TEXT = (
    "当前位置",
    "您当前的位置",
    "您现在的位置",
    "分享到",
    "【打印",
    "【关闭",
    "打印本页",
    "关闭窗口",
)
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
        "article", "main", "blockquote", "pre", "center", "address", "form", "body", "html", "figure",
        "figcaption", "hr", "tr", "td", "th", "caption", "tbody", "thead", "tfoot", "fieldset", "legend",
    }
)  # fmt: skip
CATALOGUE_LABELS = (
    "索引号",
    "发布机构",
    "发布日期",
    "文号",
    "主题分类",
    "成文日期",
    "公开方式",
    "公开范围",
    "公开时限",
    "生成日期",
    "有效性",
)
_CATALOGUE_FIELD = re.compile(
    rf"({'|'.join(CATALOGUE_LABELS)})\s*[:：]\s*|^({'|'.join(CATALOGUE_LABELS)})\s*$"
)
_CATALOGUE_START = re.compile(rf"\s*(?:{'|'.join(CATALOGUE_LABELS)})")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
# Characters XML cannot hold: libxml2's HTML parser keeps them in text, but lxml refuses
# to set such text back when chrome is cut out. No report needs them: they become spaces.
_NOT_XML = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*>")
# Elements that break a cell's text into lines (the cell itself is counted when it matches).
_LINE_BREAKS = ("br", "p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "pre")
_MAX_COLSPAN = 1000  # as browsers cap them
_MAX_ROWSPAN = 65534
# A span value as browsers read it: leading ASCII digits after optional spaces ("2;", " 3").
# str.isdigit() is not used: it is true for "²" and other digits int() refuses.
_SPAN_DIGITS = re.compile(r"[ \t\n\r\f]*([0-9]+)")


def _tag(element: _Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


@lru_cache(maxsize=1)
def _tostring() -> Callable[..., str]:
    from lxml import etree  # imported by read() already; cached here for the per-cell calls

    return cast("Callable[..., str]", etree.tostring)


def _text_of(element: _Element) -> str:
    return _tostring()(element, method="text", encoding="unicode", with_tail=False)


def _line(element: _Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def _compact(text: str) -> str:
    return "".join(text.split())


def _flat(text: str | None) -> str:
    """HTML whitespace: runs collapse to one space; &nbsp; stays a space of its own."""
    return _WHITESPACE.sub(" ", text).replace("\xa0", " ") if text else ""


class HtmlReader:
    """Reads an HTML page into paragraphs and grids, dropping the page's chrome."""

    name = "html"
    extensions: tuple[str, ...] = (".html", ".htm", ".shtml", ".xhtml")

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
        text = _NOT_XML.sub(" ", text)
        parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
        try:
            root = etree.fromstring(text.encode("utf-8"), parser)
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
        _drop_chrome(body)
        catalogue = _take_catalogue(body, text)
        builder = _BlockBuilder()
        builder.walk(body)
        builder.flush()
        blocks = number_grids(merge_split_tables(builder.items))
        if not blocks:
            raise InputError("the page holds no report text after its navigation and footer are removed")
        return Document(
            blocks=tuple(blocks),
            source=evolve(source, encoding=encoding, catalogue=catalogue),
        )


@lru_cache(maxsize=1)
def _named_query() -> XPath:
    """Elements with a class or id, found in C: walking every element in Python costs more than the parse."""
    from lxml import etree

    return etree.XPath(".//*[@class or @id]")


def _drop_chrome(body: _Element) -> None:
    """Remove navigation, scripts, styles, share bars and footers (by tag, class or id).

    Chrome recognised by its words (当前位置, 分享到, 打印本页) is dropped later, as a
    paragraph, by :class:`_BlockBuilder`.
    """
    from lxml import etree

    doomed = [
        element
        for element in body.iter(etree.Comment, etree.ProcessingInstruction, *_DROP_TAGS)
        if not (element.tag == "header" and _holds_heading(element))  # <article><header><h1>title
    ]
    for element in cast("list[_Element]", _named_query()(body)):
        names = f"{element.get('class', '')} {element.get('id', '')}"
        match = _CHROME_NAME.search(names)
        if match is None or element.find(".//table") is not None:
            continue
        if "head" in match.group().lower() and _holds_heading(element):
            continue  # an article header with the report's title
        doomed.append(element)
    for element in doomed:
        _remove_keep_tail(element)


def _holds_heading(element: _Element) -> bool:
    return next(element.iter("h1", "h2", "h3"), None) is not None


def _remove_keep_tail(element: _Element) -> None:
    """Remove ``element`` but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _take_catalogue(body: _Element, words: str) -> tuple[tuple[str, str], ...]:
    """The page's catalogue fields, removed from the tree so they do not become report text.

    ``words`` is the decoded page, searched first for the labels at all.
    """
    if not any(label in words for label in CATALOGUE_LABELS[:4]):
        return ()  # most pages without a catalogue are recognised without visiting an element
    fields: dict[str, str] = {}
    holders: list[_Element] = []
    held_tails = 0
    for element in body.iter("td", "th", "span", "div", "li", "p", "b", "strong", "label", "dt", "em"):
        own = element.text
        if not own or _CATALOGUE_START.match(own) is None:
            continue  # the label opens the element's own text
        text = _flat(_text_of(element)).strip()
        pairs = _catalogue_pairs(text) if len(text) <= 200 else []
        if not pairs or all(label in fields for label, _ in pairs):
            continue
        sibling = element.getnext()
        tail = _flat(element.tail).strip()
        if not pairs[-1][1] and tail and len(tail) <= 80:  # <b>文号：</b>value
            pairs[-1] = (pairs[-1][0], tail)
            element.tail = None  # the value is taken, not left behind as report text
            held_tails += len(_compact(tail))
        elif not pairs[-1][1] and sibling is not None:  # <td>文号：</td><td>value</td>, <dt>…</dt><dd>…</dd>
            value = _flat(_text_of(sibling)).strip()
            if value and len(value) <= 80 and not _catalogue_pairs(value):
                pairs[-1] = (pairs[-1][0], value)
                holders.append(sibling)
        for label, value in pairs:
            fields.setdefault(label, value)
        holders.append(element)
    if len(fields) < 2:
        return ()  # one label alone is ordinary text, not a catalogue
    container = _common_ancestor(holders)
    held = held_tails + sum(len(_compact(_text_of(h))) for h in holders)
    if container is not None and container is not body and len(_compact(_text_of(container))) <= held:
        _remove_keep_tail(container)  # the catalogue box holds nothing else: drop it whole
    else:
        for holder in holders:
            _remove_keep_tail(holder)
    return tuple(fields.items())


def _catalogue_pairs(text: str) -> list[tuple[str, str]]:
    """``(label, value)`` pairs of a text made of catalogue fields only (``索引号：A01 发布机构：某局``)."""
    matches = list(_CATALOGUE_FIELD.finditer(text))
    if not matches or matches[0].start() != 0:
        return []
    pairs = []
    for match, after in zip(matches, [*matches[1:], None], strict=True):
        end = after.start() if after is not None else len(text)
        pairs.append((match.group(1) or match.group(2), text[match.end() : end].strip()))
    return pairs


def _common_ancestor(elements: list[_Element]) -> _Element | None:
    paths = [[*reversed(list(e.iterancestors())), e] for e in elements]
    common = None
    for level in zip(*paths, strict=False):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    return common


class _BlockBuilder:
    """Walks the body in document order, emitting paragraphs (one per line) and raw tables."""

    def __init__(self) -> None:
        self.items: list[Paragraph | RawTable] = []
        self._line: list[str] = []
        self._line_at: int | None = None

    def flush(self) -> None:
        text = "".join(self._line).strip()
        if text and not (len(text) < 200 and text.startswith(_CHROME_TEXT)):
            self.items.append(Paragraph(text=text, location=Location(line=self._line_at)))
        self._line = []
        self._line_at = None

    def _add(self, text: str | None, line: int | None) -> None:
        flat = _flat(text)
        if not flat:
            return
        if self._line_at is None and flat.strip():
            self._line_at = line
        self._line.append(flat)

    def walk(self, element: _Element) -> None:
        tag = _tag(element)
        if tag == "table":
            self.flush()
            self._table(element)
            return
        if tag == "br":
            self.flush()
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        self._add(element.text, _line(element))
        for child in element:
            self.walk(child)
            self._add(child.tail, _line(child))
        if block:
            self.flush()

    def _table(self, table: _Element) -> None:
        rows = list(_rows(table))
        for caption in table.iterchildren("caption"):
            self.walk(caption)
        width = max((len(tr) for tr in rows), default=0)  # children of a row are its cells
        nested = next(islice(table.iter("table"), 1, 2), None) is not None  # the first one is itself
        if width <= 1 or (nested and width <= 2):
            # A layout table wrapping the page: its cells are containers, not data.
            for tr in rows:
                for cell in _cells(tr):
                    self.walk(cell)
                    self.flush()
            return
        previous = self.items[-1] if self.items else None
        if isinstance(previous, RawTable) and previous.overflow:
            # Nothing printed since the last table, and its row spans run on: a split table
            # whose next piece leaves those columns out. Read the piece with them held.
            piece = _expand(table, rows, _held_columns(previous))
            if piece.n_cols == previous.n_cols:
                _continue(previous, piece)
                return
        self.items.append(_expand(table, rows))


def _held_columns(table: RawTable) -> list[tuple[int, int, int]]:
    """(column, column span, rows) that ``table``'s overflowing row spans hold in the next piece."""
    return [(table.cells[i].col, table.cells[i].col_span, beyond) for i, beyond in table.overflow]


def _continue(table: RawTable, piece: RawTable) -> None:
    """Append ``piece`` to ``table``, extending the row spans that ran into it."""
    carried = []
    for i, beyond in table.overflow:
        cell = table.cells[i]
        table.cells[i] = cell._replace(row_span=cell.row_span + min(beyond, piece.n_rows))
        if beyond > piece.n_rows:
            carried.append((i, beyond - piece.n_rows))
    offset = len(table.cells)
    table.append(piece, 0)
    table.overflow = carried + [(offset + i, beyond) for i, beyond in piece.overflow]


def _rows(table: _Element) -> Iterator[_Element]:
    for child in table.iterchildren("tr", "thead", "tbody", "tfoot"):
        if child.tag == "tr":
            yield child
        else:
            yield from child.iterchildren("tr")


def _cells(tr: _Element) -> Iterator[_Element]:
    return tr.iterchildren("td", "th")


def _span(value: str | None, limit: int) -> int:
    """The span an attribute value declares, at most ``limit``; 1 when it declares none."""
    if value is None:
        return 1
    digits = _SPAN_DIGITS.match(value)
    if digits is None:
        return 1
    number = digits.group(1).lstrip("0") or "0"
    if len(number) > len(str(limit)):  # thousands of digits: int() would refuse them, and they are over
        return limit
    return min(int(number), limit)


def _expand(
    table: _Element, rows: list[_Element], held: list[tuple[int, int, int]] | None = None
) -> RawTable:
    """The rows of ``table`` as a grid: each origin cell at its grid position with its spans.

    ``held`` lists (column, column span, rows) already covered at the top of the table by
    row spans of the piece before it.
    """
    budget = current_budget()
    occupied: set[tuple[int, int]] = set()
    cells: list[RawCell] = []
    overflow: list[tuple[int, int]] = []
    n_rows = len(rows)
    multiline = _multiline_cells(table)
    for col, span, count in held or ():
        occupied.update((rr, cc) for rr in range(min(count, n_rows)) for cc in range(col, col + span))
    for r, tr in enumerate(rows):
        budget.check_time()
        c = 0
        plain = 0  # cells of this row spanning one position, charged to the budget with the row
        for td in _cells(tr):
            while (r, c) in occupied:
                c += 1
            declared = _span(td.get("rowspan"), _MAX_ROWSPAN)
            row_span = n_rows - r if declared == 0 else min(declared, n_rows - r)
            if declared > row_span:
                overflow.append((len(cells), declared - row_span))
            col_span = max(_span(td.get("colspan"), _MAX_COLSPAN), 1)
            if row_span == 1 and col_span == 1:
                plain += 1
                if plain == 4096:  # a row of millions of cells stops early too
                    budget.charge("grid_cells", plain)
                    plain = 0
                occupied.add((r, c))
            else:
                # Every position a span covers is a grid cell: charged before it is taken.
                budget.charge("grid_cells", row_span * col_span)
                occupied.update((rr, cc) for rr in range(r, r + row_span) for cc in range(c, c + col_span))
            cells.append(RawCell(_cell_text_of(td, multiline), r, c, row_span, col_span, _line(td)))
            c += col_span
        budget.charge("grid_cells", plain)
    n_cols = max((cc for _, cc in occupied), default=-1) + 1
    expanded = RawTable(cells=cells, n_rows=n_rows, n_cols=n_cols, line=_line(table))
    expanded.overflow = overflow
    return expanded


def _multiline_cells(table: _Element) -> set[_Element]:
    """Cells of ``table`` whose text breaks into lines (``<br>``, or more than one block inside)."""
    blocks: dict[_Element, int] = {}
    multiline: set[_Element] = set()
    for mark in table.iter(*_LINE_BREAKS):
        if mark is table:
            continue
        cell = mark.getparent()
        while cell is not None and cell.tag not in ("td", "th"):
            cell = cell.getparent()
        if cell is None:
            continue
        blocks[cell] = blocks.get(cell, 0) + 1
        if mark.tag == "br" or blocks[cell] > 1:
            multiline.add(cell)
    return multiline


def _cell_text_of(td: _Element, multiline: set[_Element]) -> str:
    if td not in multiline:  # one line: no need to walk the cell
        return _flat(_text_of(td)).strip()
    lines = CellLines()
    _cell_text(td, lines)
    return lines.text()


def _cell_text(element: _Element, lines: CellLines) -> None:
    """Text of a cell: ``<br>``, ``<p>`` and nested rows break lines; nested tables are read as text."""
    tag = _tag(element)
    if tag == "br":
        lines.newline()
        return
    if tag in ("td", "th"):  # a cell of a nested table: keep it apart from its neighbours
        lines.newline(apart=True)
    elif tag in _BLOCK_TAGS or tag == "table":
        lines.newline()
    block = tag in _BLOCK_TAGS or tag == "table"
    lines.add(_flat(element.text))
    for child in element:
        _cell_text(child, lines)
        lines.add(_flat(child.tail))
    if block:
        lines.newline(apart=tag in ("td", "th", "tr", "table"))
