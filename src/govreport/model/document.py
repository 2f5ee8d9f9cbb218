"""The format-independent document model: ordered paragraphs and table grids.

Every reader (text, HTML, DOCX, PDF) emits a :class:`Document`. Nothing downstream
learns which file format a report came from.
"""

from __future__ import annotations

from functools import cached_property

from attrs import field, frozen


@frozen(kw_only=True)
class OcrMark:
    """Text read by OCR from a page image: at what resolution, and how sure the engine was.

    ``confidence`` is the engine's, from 0 (a guess) to 100 (certain), for the least
    certain line of the cell or paragraph.
    """

    dpi: int
    confidence: float


@frozen(kw_only=True)
class Location:
    """Where something sits in the source.

    ``line`` and ``column`` are 1-based positions in the decoded text, as an editor
    shows them. ``table``, ``row`` and ``col`` are 0-based grid coordinates. ``page``
    and ``bbox`` (x0, top, x1, bottom in points) are set by page-based readers.
    ``ocr`` is set when the text was read from a page image (a scan), never otherwise.
    """

    line: int | None = None
    column: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    ocr: OcrMark | None = None

    def describe(self) -> str:
        """A short human-readable form such as ``line 53, col 12`` or ``table 2 r4c3``."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}" + (f":{self.column}" if self.column else ""))
        if self.table is not None:
            parts.append(f"table {self.table} r{self.row}c{self.col}")
        return ", ".join(parts) or "unknown location"


def describe_location(location: Location | None) -> str:
    """:meth:`Location.describe`, or ``"no location"`` for a value no place printed (an inferred cell)."""
    return location.describe() if location is not None else "no location"


@frozen(kw_only=True)
class Paragraph:
    """A run of text outside tables, usually one source line or ``<p>``."""

    text: str
    location: Location


@frozen(kw_only=True)
class GridCell:
    """One origin cell of a table grid; spans say how many grid rows/columns it covers."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    location: Location


@frozen(kw_only=True)
class Grid:
    """A table as a grid of origin cells.

    Rows may be ragged: a flattened text table gives each line as many cells as it
    had fields. Readers that know spans (HTML, DOCX) set them on the origin cell and
    leave the covered positions empty.
    """

    index: int
    cells: tuple[GridCell, ...]
    n_rows: int
    n_cols: int
    location: Location

    def rows(self) -> tuple[tuple[GridCell, ...], ...]:
        """Origin cells grouped by grid row, each row sorted by column."""
        return self._rows

    @cached_property
    def _rows(self) -> tuple[tuple[GridCell, ...], ...]:
        grouped: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            grouped[cell.row].append(cell)
        return tuple(tuple(sorted(r, key=lambda c: c.col)) for r in grouped)


@frozen(kw_only=True)
class OcrSource:
    """How a scanned input was read: the engine, its version, the resolution, the pages OCR'd."""

    engine: str
    version: str
    dpi: int
    pages: int


@frozen(kw_only=True)
class SourceInfo:
    """Provenance of the input as a whole.

    ``catalogue`` keeps the labelled fields a publishing page shows around the report
    (索引号, 发布机构, 发布日期, 文号), as ``(label, value)`` pairs in page order.
    """

    format: str
    encoding: str | None = None
    ocr: OcrSource | None = None
    """Set when the pages were scans read by OCR."""
    path: str | None = None
    sha256: str
    size: int
    notes: tuple[str, ...] = ()
    catalogue: tuple[tuple[str, str], ...] = ()


Block = Paragraph | Grid


@frozen(kw_only=True)
class Document:
    """An ordered sequence of paragraphs and grids, with where the input came from."""

    blocks: tuple[Block, ...]
    source: SourceInfo
    grids: tuple[Grid, ...] = field(init=False)
    paragraphs: tuple[Paragraph, ...] = field(init=False)

    def __attrs_post_init__(self) -> None:
        # Derived views, computed once: readers and checks scan them many times.
        object.__setattr__(self, "grids", tuple(b for b in self.blocks if isinstance(b, Grid)))
        object.__setattr__(self, "paragraphs", tuple(b for b in self.blocks if isinstance(b, Paragraph)))
