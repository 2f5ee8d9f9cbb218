"""DOCX files: ``word/document.xml`` read directly (zipfile + lxml), with merged cells and list numbers.

Needs the ``docx`` extra (lxml). Headers, footers, comments and footnotes live in other
parts of the archive and are never read. ``Location.line`` of a block is its 1-based
ordinal among the body's paragraphs and tables (one "line" per paragraph, as a text
export of the file would have).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING

from attrs import evolve, frozen

from govreport.errors import ArchiveError, InputError, MissingDependencyError, UnsupportedFormatError
from govreport.limits import current_budget
from govreport.model.document import Document, Location, Paragraph, SourceInfo
from govreport.readers.blocks import number_grids
from govreport.readers.cells import CellLines, RawCell, RawTable, join_lines
from govreport.readers.numbering import format_number

if TYPE_CHECKING:
    from lxml.etree import _Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_STRICT = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"
_MAIN_PART = "word/document.xml"
MAX_PART_BYTES = 16 * 1024 * 1024
"""Largest uncompressed part read from the archive; more is treated as a zip bomb.

16 MiB is several times the largest ``document.xml`` of a real report. All parts together
are also bounded by the ``inflated_bytes`` limit of the document's budget, and their tags
(the elements of the parsed tree, which cost memory each) by ``markup_tags``.
"""
_INFLATE_CHUNK = 1 << 20
_MAX_SPAN = 1000
_VAL = f"{_W}val"
_P, _R, _T, _TBL, _TR, _TC = (f"{_W}{t}" for t in ("p", "r", "t", "tbl", "tr", "tc"))
_PPR, _PSTYLE, _NUMPR = f"{_W}pPr", f"{_W}pStyle", f"{_W}numPr"
_TCPR, _TRPR, _GRID_SPAN, _VMERGE, _GRID_BEFORE = (
    f"{_W}{t}" for t in ("tcPr", "trPr", "gridSpan", "vMerge", "gridBefore")
)
_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"})
_TAB, _HYPHEN = f"{_W}tab", f"{_W}noBreakHyphen"
_RUN_MARKS = (_TAB, _HYPHEN, f"{_W}br", f"{_W}cr")
# Inside a table, any of these needs the full walk (nested tables show up as a second w:tbl).
_NOT_PLAIN = (
    f"{_W}txbxContent",
    f"{_MC}AlternateContent",
    f"{_W}del",
    f"{_W}moveFrom",
    f"{_W}sdtPr",
)
# ValueError: zipfile seeks to offsets read from a damaged archive ("negative seek value").
_UNPACK_ERRORS = (
    zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError
)  # fmt: skip
_SKIP = frozenset(
    f"{_W}{t}" for t in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText", "commentReference", "sdtPr")
)


@frozen
class _Level:
    fmt: str
    text: str
    start: int
    suffix: str


@frozen
class _List:
    key: str  # counters are shared per abstract list unless the instance restarts them
    levels: dict[int, _Level]
    starts: dict[int, int]


class _Numbering:
    """Word list numbering: the number text Word generates in front of a paragraph."""

    def __init__(self, numbering: _Element | None, styles: _Element | None) -> None:
        self.lists: dict[str, _List] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numbering: dict[str, tuple[str, int]] = {}
        if numbering is not None:
            self._read_lists(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_lists(self, root: _Element) -> None:
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iterchildren(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in node.iterchildren(f"{_W}lvl"):
                levels[_int(lvl.get(f"{_W}ilvl"), 0)] = _level(lvl)
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iterchildren(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            ref = num.find(f"{_W}abstractNumId")
            abstract_id = ref.get(f"{_W}val", "") if ref is not None else ""
            levels = dict(abstract.get(abstract_id, {}))
            starts: dict[int, int] = {}
            for override in num.iterchildren(f"{_W}lvlOverride"):
                ilvl = _int(override.get(f"{_W}ilvl"), 0)
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    starts[ilvl] = _int(start.get(f"{_W}val"), 1)
                replaced = override.find(f"{_W}lvl")
                if replaced is not None:
                    levels[ilvl] = _level(replaced)
            key = f"num:{num_id}" if starts else f"abstract:{abstract_id}"
            self.lists[num_id] = _List(key=key, levels=levels, starts=starts)

    def _read_styles(self, root: _Element) -> None:
        based_on: dict[str, str] = {}
        own: dict[str, tuple[str, int]] = {}
        for style in root.iterchildren(f"{_W}style"):
            style_id = style.get(f"{_W}styleId", "")
            parent = style.find(f"{_W}basedOn")
            if parent is not None:
                based_on[style_id] = parent.get(f"{_W}val", "")
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                own[style_id] = _num_pr(num_pr, ("", 0))
        for style_id in set(based_on) | set(own):
            current: str | None = style_id
            for _ in range(16):  # basedOn chains are short; a cycle must not hang
                if current is None or current in own:
                    break
                current = based_on.get(current)
            if current is not None and current in own:
                self.style_numbering[style_id] = own[current]

    def label(self, paragraph: _Element) -> str:
        """The generated number text of ``paragraph`` (``一、``, ``（二）``, ``3.``), or ``""``."""
        if not self.lists or len(paragraph) == 0 or paragraph[0].tag != _PPR:
            return ""  # paragraph properties, when present, come first
        style_id: str | None = None
        num_pr: _Element | None = None
        for prop in paragraph[0]:
            if prop.tag == _PSTYLE:
                style_id = prop.get(_VAL)
            elif prop.tag == _NUMPR:
                num_pr = prop
        inherited = self.style_numbering.get(style_id) if style_id else None
        if num_pr is None and inherited is None:
            return ""
        num_id, ilvl = _num_pr(num_pr, inherited or ("", 0)) if num_pr is not None else inherited or ("", 0)
        word_list = self.lists.get(num_id)
        if num_id in ("", "0") or word_list is None or ilvl not in word_list.levels:
            return ""
        counters = self.counters.setdefault(word_list.key, {})
        level = word_list.levels[ilvl]
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = word_list.starts.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for n in range(9, 0, -1):
            marker = f"%{n}"
            if marker not in text:
                continue
            lvl = word_list.levels.get(n - 1)
            value = counters.get(n - 1, word_list.starts.get(n - 1, lvl.start if lvl else 1))
            text = text.replace(marker, format_number(value, lvl.fmt if lvl else "decimal"))
        return text + level.suffix


def _level(lvl: _Element) -> _Level:
    def val(tag: str, default: str) -> str:
        node = lvl.find(f"{_W}{tag}")
        return node.get(f"{_W}val", default) if node is not None else default

    suffix = {"tab": " ", "space": " ", "nothing": ""}.get(val("suff", "tab"), " ")
    return _Level(
        fmt=val("numFmt", "decimal"), text=val("lvlText", ""), start=_int(val("start", "1"), 1), suffix=suffix
    )


def _num_pr(num_pr: _Element, default: tuple[str, int]) -> tuple[str, int]:
    ilvl = num_pr.find(f"{_W}ilvl")
    num_id = num_pr.find(f"{_W}numId")
    return (
        num_id.get(f"{_W}val", default[0]) if num_id is not None else default[0],
        _int(ilvl.get(f"{_W}val"), 0) if ilvl is not None else default[1],
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class DocxReader:
    """Reads the body of a DOCX (paragraphs, tables, text boxes) in document order."""

    name = "docx"
    extensions: tuple[str, ...] = (".docx", ".docm", ".dotx")

    def sniff(self, data: bytes) -> bool:
        """A zip archive that holds ``word/document.xml``."""
        if not data.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return _MAIN_PART in archive.NameToInfo
        except (*_UNPACK_ERRORS, KeyError):
            return False

    def read(self, data: bytes, source: SourceInfo) -> Document:
        """Unzip the parts needed and build the document model."""
        try:
            from lxml import etree
        except ImportError as exc:
            raise MissingDependencyError("reading DOCX", "docx") from exc
        roots: dict[str, _Element] = {}
        for name, chunks in _read_parts(data, (_MAIN_PART, "word/numbering.xml", "word/styles.xml")):
            # Entities are never expanded (no billion laughs) and nothing is fetched (no XXE);
            # the part is fed as it inflates, so its bytes and its tree are never both whole.
            parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
            try:
                for chunk in chunks:
                    parser.feed(chunk)
                roots[name] = parser.close()
            except etree.XMLSyntaxError as exc:
                raise ArchiveError(f"{name} in the DOCX is not well-formed XML: {exc}") from exc
        root = roots[_MAIN_PART]
        if isinstance(root.tag, str) and root.tag.startswith(_STRICT):
            raise UnsupportedFormatError(
                "this DOCX is saved as Strict Open XML, which govreport does not read; "
                "save it as a standard Word document (.docx)"
            )
        body = root.find(f"{_W}body")
        if body is None:
            raise InputError("the DOCX has no document body")
        builder = _Builder(_Numbering(roots.get("word/numbering.xml"), roots.get("word/styles.xml")))
        builder.blocks_of(body)
        blocks = number_grids(builder.items)
        if not blocks:
            raise InputError("the DOCX holds no text")
        return Document(blocks=tuple(blocks), source=evolve(source, encoding=None))


def _read_parts(data: bytes, names: tuple[str, ...]) -> Iterator[tuple[str, Iterator[bytes]]]:
    """The named parts (the first is required), each as the chunks it inflates to.

    Each part is bounded by :data:`MAX_PART_BYTES`, and every inflated chunk is charged to
    the ``inflated_bytes`` limit, so a zip bomb stops after at most that much work, whatever
    its headers claim. A part that declares more than the limit is refused before inflating.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (*_UNPACK_ERRORS, KeyError) as exc:
        raise ArchiveError(f"not a readable zip archive, so not a DOCX file: {exc}") from exc
    budget = current_budget()
    part_limit = min(MAX_PART_BYTES, budget.limits.inflated_bytes)
    with archive:
        for name in names:
            info = archive.NameToInfo.get(name)
            if info is None:
                if name == names[0]:
                    raise ArchiveError(f"the zip archive has no {name}: it is not a Word (DOCX) document")
                continue
            if info.file_size > part_limit:
                raise ArchiveError(
                    f"{name} would expand to {info.file_size:,} bytes (limit {part_limit:,}): "
                    "refusing a zip bomb"
                )
            yield name, _inflate(archive, info, part_limit)


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, part_limit: int) -> Iterator[bytes]:
    budget = current_budget()
    inflated = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_INFLATE_CHUNK):
                inflated += len(chunk)
                if inflated > part_limit:
                    raise ArchiveError(f"{info.filename} expands past {part_limit:,} bytes: a zip bomb")
                budget.charge("inflated_bytes", len(chunk))
                budget.charge("markup_tags", chunk.count(b"<"))  # the tree costs memory per element
                budget.check_time()
                yield chunk
    except _UNPACK_ERRORS as exc:
        raise ArchiveError(f"{info.filename} in the DOCX cannot be unpacked: {exc}") from exc


class _Builder:
    """Collects blocks in document order; text boxes come out as paragraphs before their anchor."""

    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering
        self.budget = current_budget()
        self.items: list[Paragraph | RawTable] = []
        self.ordinal = 0

    def blocks_of(self, container: _Element) -> None:
        for child in container:
            tag = child.tag
            if tag == f"{_W}p":
                self._paragraph(child)
            elif tag == f"{_W}tbl":
                self.budget.check_time()
                self.ordinal += 1
                plain = next(child.iter(*_NOT_PLAIN), None) is None and not _has_nested_table(child)
                self.items.append(self._plain_table(child) if plain else self._table(child))
            elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"):
                inner = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
                if inner is not None:
                    self.blocks_of(inner)

    def _paragraph(self, paragraph: _Element) -> None:
        lines = CellLines()
        boxes: list[_Element] = []
        lines.add(self.numbering.label(paragraph))
        _runs(paragraph, lines, boxes, keep_tabs=True)
        for box in boxes:  # a label in a text box reads as a paragraph of its own, before its anchor
            self.blocks_of(box)
        self.ordinal += 1
        location = Location(line=self.ordinal)
        for line in lines.lines():
            self.items.append(Paragraph(text=line, location=location))

    def _table(self, table: _Element) -> RawTable:
        cells: list[RawCell] = []
        open_merges: dict[int, int] = {}  # grid column -> index of the cell a vMerge continues
        rows = list(_children(table, _TR))
        n_cols = 0
        for r, tr in enumerate(rows):
            col = 0
            for child in tr:
                if child.tag == _TRPR:
                    for prop in child:
                        if prop.tag == _GRID_BEFORE:
                            col = _int(prop.get(_VAL), 0)
                    break
            for tc in _children(tr, _TC):
                span, merge = 1, None
                for part in tc:
                    if part.tag == _TCPR:
                        for prop in part:
                            if prop.tag == _GRID_SPAN:
                                span = min(max(_int(prop.get(_VAL), 1), 1), _MAX_SPAN)
                            elif prop.tag == _VMERGE:
                                merge = prop.get(_VAL, "continue")
                        break
                if _starts_cell(cells, open_merges, r, col, merge):
                    cells.append(RawCell(self._cell_text(tc), r, col, 1, span, self.ordinal))
                col += span
            self.budget.charge("grid_cells", col)  # the grid positions of the row, spans included
            self.budget.check_time()
            n_cols = max(n_cols, col)
        return RawTable(cells=cells, n_rows=len(rows), n_cols=n_cols, line=self.ordinal)

    def _plain_table(self, table: _Element) -> RawTable:
        """:meth:`_table` for a table of plain cells, in one C-filtered pass over its elements.

        Plain means no nested table, text box, tracked deletion or alternate content: then
        every ``w:t`` in the table is visible cell text, and only the elements below matter.
        """
        cells: list[RawCell] = []
        open_merges: dict[int, int] = {}
        r = -1
        col = n_cols = 0
        lines: list[list[str]] | None = None  # the open cell's lines of text pieces
        span, merge = 1, None
        numbered = next(table.iter(_NUMPR, _PSTYLE), None) is not None

        def close() -> None:
            nonlocal col, lines
            if lines is None:
                return
            if _starts_cell(cells, open_merges, r, col, merge):
                texts = [t for line in lines if (t := "".join(line).strip())]
                text = texts[0] if len(texts) == 1 else join_lines(texts)
                cells.append(RawCell(text, r, col, 1, span, self.ordinal))
            col += span
            lines = None

        for element in table.iter(_TR, _TC, _GRID_BEFORE, _GRID_SPAN, _VMERGE, _P, _T, *_RUN_MARKS):
            tag = element.tag
            if tag == _T:
                if lines is not None:
                    lines[-1].append(element.text or "")
            elif tag == _P:
                if lines is not None:
                    lines.append([self.numbering.label(element)] if numbered else [])
            elif tag == _TC:
                close()
                lines, span, merge = [[]], 1, None
            elif tag == _TR:
                close()
                self.budget.charge("grid_cells", col)  # the grid positions of the row before
                self.budget.check_time()
                n_cols = max(n_cols, col)
                r, col = r + 1, 0
            elif tag == _GRID_SPAN:
                span = min(max(_int(element.get(_VAL), 1), 1), _MAX_SPAN)
            elif tag == _VMERGE:
                merge = element.get(_VAL, "continue")
            elif tag == _GRID_BEFORE:
                col = _int(element.get(_VAL), 0)
            elif lines is not None:
                if tag == _TAB:
                    parent = element.getparent()
                    if parent is not None and parent.tag == _R:  # not a tab stop of w:pPr/w:tabs
                        lines[-1].append(" ")
                elif tag == _HYPHEN:
                    lines[-1].append("-")
                else:  # w:br, w:cr
                    lines.append([])
        close()
        self.budget.charge("grid_cells", col)
        n_cols = max(n_cols, col)
        return RawTable(cells=cells, n_rows=r + 1, n_cols=n_cols, line=self.ordinal)

    def _cell_text(self, tc: _Element) -> str:
        content = [c for c in tc if c.tag != _TCPR]
        if len(content) == 1 and content[0].tag == _P:  # the common cell: one plain paragraph
            simple = _simple_text(content[0])
            if simple is not None:
                return (self.numbering.label(content[0]) + simple).strip()
        lines = CellLines()
        self._cell_lines(tc, lines)
        return lines.text()

    def _cell_lines(self, container: _Element, lines: CellLines) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                lines.newline()
                lines.add(self.numbering.label(child))
                boxes: list[_Element] = []
                _runs(child, lines, boxes, keep_tabs=False)
                for box in boxes:
                    self._cell_lines(box, lines)
                lines.newline()
            elif tag == _TBL:
                for tr in _children(child, _TR):
                    for tc in _children(tr, _TC):
                        lines.newline(apart=True)  # nested cells stay apart
                        self._cell_lines(tc, lines)
                        lines.newline(apart=True)
            elif tag in _WRAPPERS:
                inner = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
                if inner is not None:
                    self._cell_lines(inner, lines)


def _starts_cell(
    cells: list[RawCell], open_merges: dict[int, int], row: int, col: int, merge: str | None
) -> bool:
    """Apply a cell's ``w:vMerge``: True if it starts a grid cell, False if it extends the one above.

    ``open_merges`` maps a grid column to the index in ``cells`` of the merge open there.
    """
    if merge == "continue" and col in open_merges:
        origin = cells[open_merges[col]]
        cells[open_merges[col]] = origin._replace(row_span=row - origin.row + 1)
        return False
    open_merges.pop(col, None)
    if merge == "restart":
        open_merges[col] = len(cells)
    return True


def _children(parent: _Element, tag: str) -> Iterator[_Element]:
    """Direct children with ``tag``, looking through content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            inner = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if inner is not None:
                yield from _children(inner, tag)


def _has_nested_table(table: _Element) -> bool:
    return next(islice(table.iter(_TBL), 1, 2), None) is not None  # the first one is the table itself


def _simple_text(paragraph: _Element) -> str | None:
    """The text of a paragraph made of plain runs of ``w:t`` only, or ``None`` when it has more."""
    pieces = []
    for child in paragraph:
        tag = child.tag
        if tag == _PPR:
            continue
        if tag != _R:
            return None
        for part in child:
            if part.tag == _T:
                pieces.append(part.text or "")
            elif part.tag != f"{_W}rPr":
                return None
    return "".join(pieces)


def _runs(element: _Element, lines: CellLines, boxes: list[_Element], *, keep_tabs: bool) -> None:
    """The visible text of a paragraph's runs; text-box contents are collected into ``boxes``."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{_W}t":
            lines.add(child.text or "")
        elif tag == f"{_W}tab":
            lines.add("\t" if keep_tabs else " ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            lines.newline()
        elif tag == f"{_W}noBreakHyphen":
            lines.add("-")
        elif tag == f"{_MC}AlternateContent":  # the Choice, or the Fallback written for older readers
            chosen = child.find(f"{_MC}Choice")
            if chosen is None:
                chosen = child.find(f"{_MC}Fallback")
            if chosen is not None:
                _runs(chosen, lines, boxes, keep_tabs=keep_tabs)
        elif tag == f"{_W}txbxContent":
            boxes.append(child)
        else:
            _runs(child, lines, boxes, keep_tabs=keep_tabs)
