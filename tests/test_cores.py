"""CoreIndex (tables/cores.py) answers exactly what scoring each candidate with match_core answers.

The readers once asked ``match_core`` candidate by candidate; the index asks all candidates at
once. Oracles here are written the old way, over every label core of the forms and over labels
mutated from them (cut, joined, wrapped in other text), so the longest-core and first-candidate
rules, and the exact cores of a header, are pinned.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.model.document import Grid, GridCell, Location
from govreport.model.tables import CellKey
from govreport.normalize.numbers import TokenKind, parse_cell
from govreport.normalize.text import label_key
from govreport.tables import cores
from govreport.tables.cores import CoreIndex
from govreport.tables.layouts import (
    ACTIVE_V2019,
    ACTIVE_V2021,
    APPLICANT_COLUMNS,
    APPLICATIONS_V2019,
    APPLICATIONS_V2021,
    GROUP_CORES,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
)
from govreport.tables.reading import (
    AnalysedRow,
    IncompleteRun,
    Slot,
    analyse_rows,
    header_positions,
    match_core,
    place_values,
)
from govreport.tables.specs import ColumnSpec

_BLOCKS = (*ACTIVE_V2019, *ACTIVE_V2021)
FAMILIES: dict[str, tuple[tuple[str, ...], ...]] = {
    "active rows": tuple(r.cores for b in _BLOCKS for r in b.rows),
    "active columns": tuple(c.cores for b in _BLOCKS for c in b.columns),
    "application rows": tuple(r.spec.cores for r in (*APPLICATIONS_V2019, *APPLICATIONS_V2021)),
    "applicant columns": tuple(c.cores for c in APPLICANT_COLUMNS),
    "groups": tuple(GROUP_CORES.values()),
    "review groups": tuple(g.cores for g in REVIEW_GROUPS),
    "review columns": tuple(c.cores for c in REVIEW_COLUMNS),
    "shared and empty cores": (("规章", ""), ("ab", "b"), ("规章",), ("", "abc"), ("c", "bc")),
}
ALL_CORES = sorted({core for family in FAMILIES.values() for cores_ in family for core in cores_})
_CHARS = sorted({ch for core in ALL_CORES for ch in core} | set("0123456789一（）"))


@st.composite
def labels(draw: st.DrawFn) -> str:
    """A core as printed, or one cut, joined to another, or set among other characters."""
    parts = draw(st.lists(st.sampled_from(ALL_CORES), min_size=1, max_size=3))
    pieces = []
    for core in parts:
        start = draw(st.integers(0, len(core)))
        end = draw(st.integers(start, len(core)))
        whole = draw(st.booleans())
        pieces.append(core if whole else core[start:end])
        pieces.append(draw(st.text(alphabet=_CHARS, max_size=3)))
    return "".join(pieces)


def _best_by_match_core(keys: Sequence[str], family: Sequence[Sequence[str]]) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    for i, cores_ in enumerate(family):
        score = match_core(keys, cores_)
        if score and (best is None or score > best[0]):
            best = (score, i)
    return best


def _matched_by_loop(key: str, family: Sequence[Sequence[str]], exact: Collection[str]) -> tuple[int, ...]:
    return tuple(
        i
        for i, cores_ in enumerate(family)
        if any((key == core) if core in exact else (core in key) for core in cores_ if core)
    )


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_every_core_finds_what_match_core_finds(name: str) -> None:
    family = FAMILIES[name]
    index = CoreIndex(family)
    for key in ALL_CORES:
        assert index.best(key) == _best_by_match_core((key,), family), key
        assert index.matched(key) == _matched_by_loop(key, family, ()), key


@pytest.mark.parametrize("name", sorted(FAMILIES))
@given(keys=st.lists(labels(), max_size=4))
def test_mutated_labels_find_what_match_core_finds(name: str, keys: list[str]) -> None:
    family = FAMILIES[name]
    index = CoreIndex(family)
    for key in keys:
        assert index.best(key) == _best_by_match_core((key,), family)
        assert index.best(key) == _best_by_match_core((key,), family)  # the kept answer
        assert index.matched(key) == _matched_by_loop(key, family, ())
    assert index.best_of(keys) == _best_by_match_core(keys, family)
    assert index.matched_of(keys) == {i for key in keys for i in _matched_by_loop(key, family, ())}


@given(
    keys=st.lists(st.one_of(labels(), st.sampled_from(["其他", "法人或其他组织", "其他结果"])), max_size=6)
)
def test_exact_cores_match_only_equal_keys(keys: list[str]) -> None:
    family = FAMILIES["applicant columns"]
    index = CoreIndex(family, exact={"其他"})
    for key in keys:
        assert index.matched(key) == _matched_by_loop(key, family, {"其他"})
    assert index.matched("法人或其他组织") == ()
    assert index.matched("其他") == (5,)


def test_answers_stay_right_after_the_kept_answers_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cores, "_MEMO_SIZE", 2)
    family = FAMILIES["application rows"]
    index = CoreIndex(family)
    for _ in range(2):
        for key in ALL_CORES[:20]:
            assert index.best(key) == _best_by_match_core((key,), family)
            assert index.matched(key) == _matched_by_loop(key, family, ())


def test_an_index_without_cores_finds_nothing() -> None:
    index = CoreIndex([(), ("",)])
    assert index.best("规章") is None
    assert index.best_of(["规章", ""]) is None
    assert index.matched("规章") == ()


def _header_positions_by_loop(
    rows: Sequence[AnalysedRow], columns: Sequence[ColumnSpec], exact: frozenset[str]
) -> list[int] | None:
    found: dict[str, int] = {}
    for row in rows:
        for cell in row.cells:
            key = label_key(cell.text)
            if not key:
                continue
            for column in columns:
                hit = any((key == core) if core in exact else (core in key) for core in column.cores)
                if hit and column.key not in found:
                    found[column.key] = cell.col
                    break
    if len(found) != len(columns) or len(set(found.values())) != len(columns):
        return None
    return [found[c.key] for c in columns]


def _grid(rows: Sequence[Sequence[str]]) -> Grid:
    cells = tuple(
        GridCell(text=text, row=r, col=c, location=Location(line=r + 1, column=c + 1))
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    )
    width = max((len(row) for row in rows), default=0)
    return Grid(index=0, cells=cells, n_rows=len(rows), n_cols=width, location=Location(line=1))


_HEADER_TEXT = st.one_of(
    st.sampled_from([c.label for c in APPLICANT_COLUMNS] + ["法人或其他组织", "申请人情况", "其他", ""]),
    labels(),
)


@given(rows=st.lists(st.lists(_HEADER_TEXT, min_size=1, max_size=9), min_size=1, max_size=3))
def test_header_positions_are_those_of_the_column_by_column_loop(rows: list[list[str]]) -> None:
    analysed = analyse_rows(_grid(rows))
    for columns, exact in ((APPLICANT_COLUMNS, frozenset({"其他"})), (REVIEW_COLUMNS, frozenset())):
        assert header_positions(analysed, columns, exact) == _header_positions_by_loop(
            analysed, columns, exact
        )


_CELL_TEXT = st.sampled_from(
    ["", " ", "3", "1,200", "12.5万元", "/", "无", "—", "增加2", "abc", "1 2", "规章"]
)


def _place_values_the_old_way(
    row: AnalysedRow, keys: Sequence[CellKey], positions: Sequence[int] | None
) -> tuple[dict[CellKey, Slot], IncompleteRun | None, bool]:
    """place_values as it was: each cell under a header position parsed again."""
    if positions is not None:
        by_col = {c.col: c for c in row.cells}
        wanted = set(positions)
        stray = [
            c
            for c, t in zip(row.values, row.tokens, strict=True)
            if t.kind is not TokenKind.BLANK and c.col not in wanted
        ]
        if not stray:
            slots = {}
            for key, col in zip(keys, positions, strict=True):
                cell = by_col.get(col)
                if cell is not None:
                    slots[key] = Slot(parse_cell(cell.text), cell)
            return slots, None, False
    printed = [(t, c) for c, t in zip(row.values, row.tokens, strict=True) if t.kind is not TokenKind.BLANK]
    if len(printed) == len(keys):
        return {k: Slot(t, c) for k, (t, c) in zip(keys, printed, strict=True)}, None, False
    if len(printed) > len(keys):
        return {}, None, True
    return {}, IncompleteRun(tuple(keys), tuple(printed), row.label_text, row.location), False


@given(
    rows=st.lists(st.lists(_CELL_TEXT, min_size=1, max_size=8), min_size=1, max_size=4),
    positions=st.one_of(st.none(), st.lists(st.integers(0, 8), min_size=3, max_size=3, unique=True)),
)
def test_a_row_parses_each_cell_once_and_places_what_a_fresh_parse_places(
    rows: list[list[str]], positions: list[int] | None
) -> None:
    keys = [("row", f"c{i}") for i in range(3)]
    for row in analyse_rows(_grid(rows)):
        assert row.cell_tokens == tuple(parse_cell(c.text) for c in row.cells)
        assert row.has_numbers == any(t.kind is TokenKind.NUMBER for t in row.tokens)
        assert place_values(row, keys, positions) == _place_values_the_old_way(row, keys, positions)
