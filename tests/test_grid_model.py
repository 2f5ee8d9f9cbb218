"""Grids built flat (``Grid.from_flat``) are the same grids as those built from GridCell objects."""

from __future__ import annotations

import pickle

import attrs
import pytest
from attrs import evolve, frozen
from hypothesis import given
from hypothesis import strategies as st

from govreport.model.document import (
    Grid,
    GridCell,
    Location,
    OcrMark,
    SourceInfo,
    _check_fields,
    location_from_fields,
    location_or_fields,
)
from govreport.model.grid_data import GridData
from govreport.readers import read_document
from govreport.readers.base import document_characters
from govreport.readers.cells import RawCell, RawTable
from govreport.readers.text import read_text
from govreport.testing import synthetic
from govreport.testing.render import render_docx, render_html
from tests.helpers import location_is_built
from tests.shared_files import SHARED

TEXTS = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("realworld/*.txt"))

_OPTIONAL_INT = st.none() | st.integers(min_value=1, max_value=500)
_BBOX = st.none() | st.tuples(*[st.floats(min_value=0, max_value=800, allow_nan=False)] * 4)


@st.composite
def flat_grids(draw: st.DrawFn) -> dict[str, object]:
    """Arguments of ``Grid.from_flat``: cells in any order, rows ragged, attributes optional."""
    n_rows = draw(st.integers(min_value=0, max_value=6))
    count = draw(st.integers(min_value=0, max_value=20)) if n_rows else 0
    rows = tuple(draw(st.lists(st.integers(0, n_rows - 1), min_size=count, max_size=count))) if n_rows else ()
    cols = tuple(draw(st.lists(st.integers(0, 8), min_size=count, max_size=count)))

    def optional(values: st.SearchStrategy[object]) -> tuple[object, ...] | None:
        if draw(st.booleans()):
            return None
        return tuple(draw(st.lists(values, min_size=count, max_size=count)))

    index = draw(st.integers(0, 5))
    return {
        "index": index,
        "texts": tuple(draw(st.lists(st.text(max_size=4), min_size=count, max_size=count))),
        "rows": rows,
        "cols": cols,
        "n_rows": n_rows,
        "n_cols": max(cols, default=-1) + 1 + draw(st.integers(0, 2)),
        "location": Location(line=draw(_OPTIONAL_INT), column=draw(_OPTIONAL_INT), table=index),
        "row_spans": optional(st.integers(1, 3)),
        "col_spans": optional(st.integers(1, 3)),
        "lines": optional(_OPTIONAL_INT),
        "columns": optional(_OPTIONAL_INT),
        "pages": optional(_OPTIONAL_INT),
        "bboxes": optional(_BBOX),
    }


def _eager(args: dict[str, object]) -> Grid:
    """The same grid built the old way: a GridCell with its Location for every cell."""
    count = len(args["texts"])  # type: ignore[arg-type]

    def column(name: str, default: object) -> tuple[object, ...]:
        values = args[name]
        return tuple(values) if values is not None else (default,) * count  # type: ignore[call-overload]

    cells = tuple(
        GridCell(
            text=text,
            row=row,
            col=col,
            row_span=row_span,
            col_span=col_span,
            location=Location(
                line=line, column=col_, page=page, bbox=bbox, table=args["index"], row=row, col=col
            ),
        )
        for text, row, col, row_span, col_span, line, col_, page, bbox in zip(
            column("texts", ""),
            column("rows", 0),
            column("cols", 0),
            column("row_spans", 1),
            column("col_spans", 1),
            column("lines", None),
            column("columns", None),
            column("pages", None),
            column("bboxes", None),
            strict=True,
        )
    )
    return Grid(
        index=args["index"],  # type: ignore[arg-type]
        cells=cells,
        n_rows=args["n_rows"],  # type: ignore[arg-type]
        n_cols=args["n_cols"],  # type: ignore[arg-type]
        location=args["location"],  # type: ignore[arg-type]
    )


def _flat(args: dict[str, object]) -> Grid:
    return Grid.from_flat(**args)  # type: ignore[arg-type]


@given(flat_grids())
def test_flat_and_eager_grids_agree(args: dict[str, object]) -> None:
    eager = _eager(args)
    flat = _flat(args)
    # The flat accessors first, before anything builds the flat grid's cells.
    for i in range(len(eager.cells)):
        assert flat.location_of(i) == eager.cells[i].location == eager.location_of(i)
    assert flat.texts == eager.texts == tuple(c.text for c in eager.cells)
    for r, row in enumerate(eager.rows()):
        assert flat.row_texts(r) == eager.row_texts(r) == tuple(c.text for c in row)
        assert flat.row_indices(r) == eager.row_indices(r)
        assert tuple(eager.cells[i] for i in flat.row_indices(r)) == row
    assert flat.cells == eager.cells
    assert flat.rows() == eager.rows()
    assert flat == eager
    assert hash(flat) == hash(eager)
    assert repr(flat) == repr(eager)


@given(flat_grids(), st.integers(0, 5))
def test_renumbered_and_pickled_grids_agree(args: dict[str, object], index: int) -> None:
    eager = _eager(args)
    assert _flat(args).renumbered(index) == eager.renumbered(index)
    assert all(c.location.table == index for c in _flat(args).renumbered(index).cells)
    restored = pickle.loads(pickle.dumps(_flat(args)))
    assert restored == eager
    assert restored.texts == eager.texts
    assert evolve(_flat(args), n_cols=eager.n_cols + 1) == evolve(eager, n_cols=eager.n_cols + 1)


def test_rows_of_a_flat_grid_keep_cell_order_among_equal_columns() -> None:
    grid = Grid.from_flat(0, ("b", "a", "c", "d"), (0, 0, 0, 1), (2, 0, 2, 0), 2, 3, Location(table=0))
    assert grid.row_texts(0) == ("a", "b", "c")
    assert grid.row_indices(1) == (3,)
    assert [c.text for c in grid.rows()[0]] == ["a", "b", "c"]


def test_grid_data_rejects_tuples_of_another_length() -> None:
    with pytest.raises(ValueError, match="lines has 1 entries for 2 cells"):
        GridData(("a", "b"), (0, 0), (0, 1), lines=(1,))


def test_slot_builders_refuse_a_class_whose_fields_changed() -> None:
    @frozen
    class Changed:
        text: str
        extra: int

    _check_fields(Changed, ("text", "extra"))
    with pytest.raises(TypeError, match="do not match its slot builders"):
        _check_fields(Changed, ("text",))


def test_an_empty_raw_table_gives_an_empty_grid() -> None:
    grid = RawTable([], 0, 0, None).to_grid(2)
    assert grid == Grid(index=2, cells=(), n_rows=0, n_cols=0, location=Location(table=2))


def test_raw_table_grid_keeps_spans_and_lines() -> None:
    table = RawTable([RawCell("a", 0, 0, 2, 1, 7), RawCell("b", 0, 1, 1, 2, None)], 2, 3, 6)
    grid = table.to_grid(1)
    assert grid.cells == (
        GridCell(text="a", row=0, col=0, row_span=2, location=Location(line=7, table=1, row=0, col=0)),
        GridCell(text="b", row=0, col=1, col_span=2, location=Location(table=1, row=0, col=1)),
    )


def _documents() -> list[tuple[str, bytes]]:
    inputs = [("text", path.read_bytes()) for path in TEXTS]
    for seed, layout in ((7, "v2019"), (8, "v2021")):
        document = synthetic.form_document(synthetic.generate(seed, layout=layout))
        inputs += [("html", render_html(document)), ("docx", render_docx(document))]
    return inputs


@pytest.mark.parametrize(("format", "data"), _documents())
def test_read_grids_equal_their_eager_copies(format: str, data: bytes) -> None:
    document = read_document(data, format=format)
    characters = sum(len(p.text) for p in document.paragraphs)
    for grid in document.grids:
        locations = [grid.location_of(i) for i in range(len(grid.texts))]
        copy = Grid(
            index=grid.index, cells=grid.cells, n_rows=grid.n_rows, n_cols=grid.n_cols, location=grid.location
        )
        assert [c.location for c in copy.cells] == locations
        assert all(c.location.table == grid.index for c in grid.cells)
        assert copy == grid
        characters += sum(len(c.text) for c in copy.cells)
    assert document_characters(document) == characters


_FIELD = st.text(alphabet=" \u3000ab12三、（）", max_size=6)


@given(st.lists(st.lists(_FIELD, min_size=2, max_size=6), min_size=2, max_size=6), st.booleans())
def test_text_grid_cells_point_at_their_text(rows: list[list[str]], piped: bool) -> None:
    lines = ["标题"] + [("|" + "|".join(r) + "|") if piped else "\t".join(r) for r in rows]
    document = read_text("\n".join(lines), SourceInfo(format="text", sha256="", size=0))
    for grid in document.grids:
        for i, text in enumerate(grid.texts):
            location = grid.location_of(i)
            assert location.line is not None and location.column is not None
            assert lines[location.line - 1][location.column - 1 :].startswith(text)
            assert grid.cells[i].location == location


def test_an_eager_grid_keeps_locations_no_flat_grid_could_hold() -> None:
    scanned = Location(page=2, table=0, row=0, col=0, ocr=OcrMark(dpi=300, confidence=71.0))
    moved = Location(line=9, column=4, table=0, row=5, col=1)  # printed elsewhere (a repaired table)
    grid = Grid(
        index=0,
        cells=(
            GridCell(text="1", row=0, col=0, location=scanned),
            GridCell(text="2", row=0, col=1, location=moved),
        ),
        n_rows=1,
        n_cols=2,
        location=Location(table=0),
    )
    assert grid.texts == ("1", "2")
    assert (grid.location_of(0), grid.location_of(1)) == (scanned, moved)
    renumbered = grid.renumbered(3)
    assert [c.location for c in renumbered.cells] == [evolve(scanned, table=3), evolve(moved, table=3)]
    assert renumbered.location_of(0).ocr == scanned.ocr


@given(flat_grids())
def test_a_flat_grid_cell_builds_its_location_on_first_read_only(args: dict[str, object]) -> None:
    eager = _eager(args)
    flat = _flat(args)
    for lazy, built in zip(flat.cells, eager.cells, strict=True):
        assert not location_is_built(lazy)
        fields = location_or_fields(lazy)
        assert isinstance(fields, tuple)
        assert location_from_fields(fields) == built.location
        assert not location_is_built(lazy)  # asking for the fields built nothing
        assert location_or_fields(built) is built.location  # an eager cell gives its location
        assert lazy.location == built.location
        assert location_is_built(lazy)
        assert lazy.location is lazy.location  # built once, then kept
        assert location_or_fields(lazy) == fields


@given(flat_grids())
def test_an_unread_location_compares_hashes_and_pickles_like_a_built_one(args: dict[str, object]) -> None:
    eager = _eager(args)
    for make in (
        lambda c: c,
        hash,
        repr,
        lambda c: pickle.loads(pickle.dumps(c)),
        lambda c: evolve(c, text=c.text + "x"),
        attrs.asdict,
    ):
        lazy_cells = _flat(args).cells  # fresh cells, no location read yet
        assert [make(c) for c in lazy_cells] == [make(c) for c in eager.cells]


def test_a_missing_attribute_of_a_grid_cell_is_still_an_attribute_error() -> None:
    (cell,) = Grid.from_flat(0, ("a",), (0,), (0,), 1, 1, Location(table=0)).cells
    with pytest.raises(AttributeError, match="no attribute 'colour'"):
        cell.colour  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(cell, "colour")
    assert cell.location == Location(table=0, row=0, col=0)


@given(
    st.builds(
        Location,
        line=_OPTIONAL_INT,
        column=_OPTIONAL_INT,
        page=_OPTIONAL_INT,
        bbox=_BBOX,
        table=st.none() | st.integers(0, 9),
        row=st.none() | st.integers(0, 40),
        col=st.none() | st.integers(0, 12),
        ocr=st.none() | st.builds(OcrMark, dpi=st.integers(1, 600), confidence=st.floats(0, 100)),
    )
)
def test_a_location_pickles_to_an_equal_location(location: Location) -> None:
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        restored = pickle.loads(pickle.dumps(location, protocol=protocol))
        assert type(restored) is Location
        assert restored == location
        assert hash(restored) == hash(location)
