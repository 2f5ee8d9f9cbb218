"""The format-independent document model: ordered paragraphs and table grids.

Every reader (text, HTML, DOCX, PDF) emits a :class:`Document`. Nothing downstream
learns which file format a report came from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attrs import evolve, field, fields, frozen

from govreport.model.grid_data import BBox, GridData


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

    def __reduce__(self) -> tuple[Callable[..., Location], tuple[object, ...]]:
        # Pickled as its fields: attrs's field-by-field state costs three times as much, and
        # a corpus run sends every report's locations from a worker to the main process.
        fields = (self.line, self.column, self.page, self.bbox, self.table, self.row, self.col)
        return location_from_fields, (fields, self.ocr)

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


LocationFields = tuple[int | None, int | None, int | None, BBox | None, int | None, int | None, int | None]
"""A location not built yet: its line, column, page, bbox, table, row and col (no OCR mark)."""


class _GridCellSlots:
    """A grid cell's slot outside its attrs fields: where its location is built from, never compared."""

    __slots__ = ("_location_fields",)
    _location_fields: LocationFields


@frozen(kw_only=True)
class GridCell(_GridCellSlots):
    """One origin cell of a table grid; spans say how many grid rows/columns it covers.

    The cells of a grid built with :meth:`Grid.from_flat` build their ``location`` on first
    use: a parse reads the locations of few cells. A cell equals, prints and pickles the same.
    """

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    location: Location


def location_or_fields(cell: GridCell) -> Location | LocationFields:
    """The fields of the cell's location if it has them (building nothing), else its location."""
    try:
        return _GRID_CELL_FIELDS.__get__(cell)  # type: ignore[no-any-return]
    except AttributeError:  # a cell built with its location
        return cell.location


class _GridSlots:
    """A grid's slots outside its attrs fields: derived forms, never compared, printed or pickled."""

    __slots__ = ("_data", "_row_cells")
    _data: GridData
    _row_cells: tuple[tuple[GridCell, ...], ...]


@frozen(kw_only=True)
class Grid(_GridSlots):
    """A table as a grid of origin cells.

    Rows may be ragged: a flattened text table gives each line as many cells as it
    had fields. Readers that know spans (HTML, DOCX) set them on the origin cell and
    leave the covered positions empty.

    Readers build grids with :meth:`from_flat`, which keeps the cells as flat tuples:
    :attr:`texts`, :meth:`row_texts`, :meth:`row_indices` and :meth:`location_of` read
    them without building a :class:`GridCell` each, and ``cells`` is built on first use.
    A grid built either way equals, prints and pickles the same.
    """

    index: int
    cells: tuple[GridCell, ...]
    n_rows: int
    n_cols: int
    location: Location

    @classmethod
    def from_flat(
        cls,
        index: int,
        texts: tuple[str, ...],
        rows: tuple[int, ...],
        cols: tuple[int, ...],
        n_rows: int,
        n_cols: int,
        location: Location,
        row_spans: tuple[int, ...] | None = None,
        col_spans: tuple[int, ...] | None = None,
        lines: tuple[int | None, ...] | None = None,
        columns: tuple[int | None, ...] | None = None,
        pages: tuple[int | None, ...] | None = None,
        bboxes: tuple[BBox | None, ...] | None = None,
    ) -> Grid:
        """A grid from one tuple per cell attribute; cell ``i`` is ``texts[i]`` at ``(rows[i], cols[i])``.

        Spans left ``None`` are all 1; ``lines``, ``columns``, ``pages`` and ``bboxes``
        left ``None`` are unknown. Each cell's location is ``Location(line, column, page,
        bbox, table=index, row, col)``.
        """
        data = GridData(texts, rows, cols, row_spans, col_spans, lines, columns, pages, bboxes)
        return _flat_grid(cls, index, data, n_rows, n_cols, location)

    @property
    def texts(self) -> tuple[str, ...]:
        """The text of every cell, in the order of ``cells``."""
        return self._data.texts

    def row_indices(self, row: int) -> tuple[int, ...]:
        """The indices (into ``cells`` and :attr:`texts`) of grid row ``row``'s cells, by column."""
        return self._data.by_row(self.n_rows)[row]

    def row_texts(self, row: int) -> tuple[str, ...]:
        """The texts of grid row ``row``'s cells, by column."""
        texts = self._data.texts
        return tuple(texts[i] for i in self._data.by_row(self.n_rows)[row])

    def location_of(self, index: int) -> Location:
        """The location of cell ``index`` (as ``cells[index].location``, without building the cells)."""
        data = self._data
        if data.from_cells:
            return self.cells[index].location
        return _flat_location(data, self.index, index)

    def rows(self) -> tuple[tuple[GridCell, ...], ...]:
        """Origin cells grouped by grid row, each row sorted by column."""
        try:
            built: tuple[tuple[GridCell, ...], ...] = _ROW_CELLS.__get__(self)
        except AttributeError:
            cells = self.cells
            grouped = tuple(tuple(cells[i] for i in row) for row in self._data.by_row(self.n_rows))
            _ROW_CELLS.__set__(self, grouped)
            return grouped
        return built

    def renumbered(self, index: int) -> Grid:
        """This grid numbered ``index``, in the grid and in every cell's location."""
        if self.index == index and self.location.table == index:
            return self
        location = evolve(self.location, table=index)
        if not self._data.from_cells:  # flat: cell locations take the grid's index
            return _flat_grid(type(self), index, self._data, self.n_rows, self.n_cols, location)
        return Grid(
            index=index,
            cells=tuple(evolve(c, location=evolve(c.location, table=index)) for c in self.cells),
            n_rows=self.n_rows,
            n_cols=self.n_cols,
            location=location,
        )

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> object:
            # Only reached for an empty slot: a flat grid's cells, or an eager grid's flat form.
            if name == "cells":
                cells = _flat_cells(_GRID_DATA.__get__(self), self.index)
                _GRID_CELLS.__set__(self, cells)
                return cells
            if name == "_data":
                data = _data_of_cells(_GRID_CELLS.__get__(self))
                _GRID_DATA.__set__(self, data)
                return data
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def _check_fields(cls: type, names: tuple[str, ...]) -> None:
    # The builders below set slots one by one; a field added to the class must be added there.
    actual = tuple(f.name for f in fields(cls))
    if actual != names:
        raise TypeError(f"{cls.__name__} fields {actual} do not match its slot builders {names}")


_LOCATION_FIELDS = ("line", "column", "page", "bbox", "table", "row", "col", "ocr")
_CELL_FIELDS = ("text", "row", "col", "row_span", "col_span", "location")
_check_fields(Location, _LOCATION_FIELDS)
_check_fields(GridCell, _CELL_FIELDS)
_LOCATION_SETTERS = tuple(Location.__dict__[name].__set__ for name in _LOCATION_FIELDS)
# Every field but the location, which a flat grid's cell builds on first read.
_CELL_SETTERS = tuple(GridCell.__dict__[name].__set__ for name in _CELL_FIELDS[:-1])
_GRID_CELL_FIELDS = _GridCellSlots.__dict__["_location_fields"]
_check_fields(Grid, ("index", "cells", "n_rows", "n_cols", "location"))
_GRID_CELLS = Grid.__dict__["cells"]
_GRID_DATA = _GridSlots.__dict__["_data"]
_ROW_CELLS = _GridSlots.__dict__["_row_cells"]


def _flat_grid(
    cls: type[Grid], index: int, data: GridData, n_rows: int, n_cols: int, location: Location
) -> Grid:
    grid = object.__new__(cls)
    Grid.__dict__["index"].__set__(grid, index)
    Grid.__dict__["n_rows"].__set__(grid, n_rows)
    Grid.__dict__["n_cols"].__set__(grid, n_cols)
    Grid.__dict__["location"].__set__(grid, location)
    _GRID_DATA.__set__(grid, data)
    return grid


def _data_of_cells(cells: tuple[GridCell, ...]) -> GridData:
    return GridData(
        tuple(c.text for c in cells),
        tuple(c.row for c in cells),
        tuple(c.col for c in cells),
        tuple(c.row_span for c in cells),
        tuple(c.col_span for c in cells),
        from_cells=True,
    )


def _flat_location(data: GridData, table: int, i: int) -> Location:
    """Cell ``i``'s location."""
    return location_from_fields(
        (
            data.lines[i] if data.lines is not None else None,
            data.columns[i] if data.columns is not None else None,
            data.pages[i] if data.pages is not None else None,
            data.bboxes[i] if data.bboxes is not None else None,
            table,
            data.rows[i],
            data.cols[i],
        )
    )


def location_from_fields(fields: LocationFields, ocr: OcrMark | None = None) -> Location:
    """The :class:`Location` of ``fields`` and ``ocr``, built by setting slots (no attrs ``__init__``)."""
    location: Location = object.__new__(Location)
    for set_field, value in zip(_LOCATION_SETTERS, (*fields, ocr), strict=True):
        set_field(location, value)
    return location


def build_location_on_first_read(cls: type, fields_slot: Any) -> None:
    """Give ``cls`` a ``__getattr__`` that builds its unset ``location`` from ``fields_slot``.

    ``__getattr__`` runs only for an empty slot, so a location that is set costs nothing.
    Set after the class is made: attrs copies a slotted class, and mypy should still see a
    misspelt attribute as one.
    """
    location_slot = cls.__dict__["location"]

    def build_location(self: object, name: str) -> object:
        if name == "location":
            location = location_from_fields(fields_slot.__get__(self))
            location_slot.__set__(self, location)
            return location
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    cls.__getattr__ = build_location  # type: ignore[attr-defined]


def _flat_cells(data: GridData, table: int) -> tuple[GridCell, ...]:
    """Every cell of ``data``, each with the fields of its location (built on first use)."""
    count = len(data)
    unknown = (None,) * count
    ones = (1,) * count
    new = object.__new__
    set_text, set_cell_row, set_cell_col, set_row_span, set_col_span = _CELL_SETTERS
    set_fields = _GRID_CELL_FIELDS.__set__
    cells: list[GridCell] = []
    append = cells.append
    for text, row, col, row_span, col_span, line, column, page, bbox in zip(
        data.texts,
        data.rows,
        data.cols,
        data.row_spans or ones,
        data.col_spans or ones,
        data.lines or unknown,
        data.columns or unknown,
        data.pages or unknown,
        data.bboxes or unknown,
        strict=True,
    ):
        cell = new(GridCell)
        set_text(cell, text)
        set_cell_row(cell, row)
        set_cell_col(cell, col)
        set_row_span(cell, row_span)
        set_col_span(cell, col_span)
        set_fields(cell, (line, column, page, bbox, table, row, col))
        append(cell)
    return tuple(cells)


build_location_on_first_read(GridCell, _GRID_CELL_FIELDS)


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
