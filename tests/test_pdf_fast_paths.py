"""The PDF reader's short cuts give exactly what the general code gives.

The reader reads a character's turn off the matrix it fetches for the size (instead of
one more PDFium call per character), and the layout skips work for the common cases:
a cell whose characters share one band, a line of one character, cell text that cannot
be vertical. Each short cut is compared here with the path it stands in for.
"""

from __future__ import annotations

import math
import random
from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.limits import current_budget
from govreport.readers.pdf import lines
from govreport.readers.pdf.geometry import Char
from govreport.unionfind import UnionFind
from tests.pdf_fixtures import PdfBuilder

pypdfium2 = pytest.importorskip("pypdfium2", reason="the pdf extra (pypdfium2) is not installed")


# ----------------------------------------------------------------------------- turn and size


def _chars_by_separate_calls(textpage, height: float, raw) -> list[Char]:
    """Characters as the reader read them before: the turn from ``FPDFText_GetCharAngle``."""
    rect, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    out = []
    for i in range(raw.FPDFText_CountChars(textpage)):
        code = raw.FPDFText_GetUnicode(textpage, i)
        if code <= 0x20 or 0x7F <= code <= 0xA0 or code in (0xFFFE, 0xFFFF, 0x3000):
            if code not in (0x20, 0xA0, 0x3000) or raw.FPDFText_IsGenerated(textpage, i) == 1:
                continue
            text = " "
        else:
            text = chr(code)
        if not raw.FPDFText_GetLooseCharBox(textpage, i, rect):
            continue
        angle = raw.FPDFText_GetCharAngle(textpage, i)
        turn = round(angle / (math.pi / 2)) % 4 if angle > 0 else 0
        size = raw.FPDFText_GetFontSize(textpage, i)
        if raw.FPDFText_GetMatrix(textpage, i, matrix):
            size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
        out.append(Char(text, rect.left, height - rect.top, rect.right, height - rect.bottom, size, turn))
    return out


def _pdf_with_matrices(matrices: list[tuple[float, float, float, float]], *, in_cm: bool) -> bytes:
    """One character per text matrix; with ``in_cm`` each is also placed by a skewing ``cm``."""
    builder = PdfBuilder()
    page = builder.page()
    for i, (a, b, c, d) in enumerate(matrices):
        x, y = 60 + i % 20 * 25, 60 + i // 20 * 25
        shown = f"BT /F1 10 Tf {a:.6f} {b:.6f} {c:.6f} {d:.6f} {x} {y} Tm <4E00 0031> Tj ET"
        page.ops.append(f"q 0.5 0.2 -0.3 0.7 10 20 cm {shown} Q" if in_cm and i % 2 else shown)
    return builder.build()


def _read_both_ways(data: bytes) -> tuple[list[Char], list[Char]]:
    import pypdfium2.raw as raw

    from govreport.readers.pdf.fonts import stand_in_fonts
    from govreport.readers.pdf.reader import _chars

    with stand_in_fonts(raw):
        pdf = pypdfium2.PdfDocument(data)
        try:
            page = pdf[0]
            height = page.get_size()[1]
            textpage = page.get_textpage()
            fast = _chars(textpage.raw, height, raw, current_budget())
            slow = _chars_by_separate_calls(textpage.raw, height, raw)
            textpage.close()
            page.close()
        finally:
            pdf.close()
    return fast, slow


def _rotation(degrees: float, scale: float) -> tuple[float, float, float, float]:
    r = math.radians(degrees)
    return (scale * math.cos(r), -scale * math.sin(r), scale * math.sin(r), scale * math.cos(r))


def test_turn_and_size_from_the_matrix_equal_the_separate_calls():
    """Quarter turns, half-way angles (the ties single precision decides), scales, mirrors, skews."""
    rng = random.Random(9)
    matrices = [
        _rotation(angle + nudge, scale)
        for angle in range(0, 360, 45)
        for nudge in (0.0, 1e-6, -1e-6, 0.01, -0.01)
        for scale in (0.1, 1.0, 2.5)
    ]
    matrices += [(1.0, 0.0, 0.0, 1.0), (-1.0, -0.0, -0.0, -1.0), (-1.0, 0.0, 0.0, 1.0), (1.0, 0.0, 0.0, -1.0)]
    matrices += [
        tuple(rng.choice([0.0, -0.0, 1.0, -1.0, 1e-7, rng.uniform(-3, 3)]) for _ in range(4))
        for _ in range(200)
    ]
    for in_cm in (False, True):
        fast, slow = _read_both_ways(_pdf_with_matrices(matrices, in_cm=in_cm))
        assert len(fast) >= len(matrices)
        assert {c.turn for c in fast} == {0, 1, 2, 3}
        assert fast == slow


def test_each_placement_of_a_form_reads_its_own_turn_and_size():
    """The reader reads the size and turn once per text object: a form drawn again and
    again, each time turned or scaled, must still give each placement its own."""
    builder = PdfBuilder()
    page = builder.page(lines_in_form=(0.0, 0.0))  # the form also gets drawn once unmoved
    page.form_ops.append("BT /F1 10 Tf 1 0 0 1 0 0 Tm <4E00 0031> Tj ET")
    placements = [(1, 0, 0, 1), (0, -1, 1, 0), (2, 0, 0, 2), (0, 1, -1, 0), (-1, 0, 0, -1), (1, 0, 0, 1)]
    for i, (a, b, c, d) in enumerate(placements):  # apart: PDFium drops text drawn over itself
        page.ops.append(f"q {a} {b} {c} {d} {100 + 60 * i} 400 cm /Fm1 Do Q")
    fast, slow = _read_both_ways(builder.build())
    assert len(fast) == 2 * (len(placements) + 1)
    assert {c.turn for c in fast} == {0, 1, 2, 3}
    assert {c.size for c in fast} == {10.0, 20.0}
    assert fast == slow


finite = st.floats(-4, 4, allow_nan=False, allow_infinity=False).map(lambda v: round(v, 6))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(finite, finite, finite, finite), min_size=1, max_size=6), st.booleans())
def test_any_text_matrix_reads_the_same_turn_and_size(matrices, in_cm: bool):
    fast, slow = _read_both_ways(_pdf_with_matrices(matrices, in_cm=in_cm))
    assert fast == slow


# ----------------------------------------------------------------------------- layout short cuts

# Few distinct values, so that characters often share a band, an edge or a size.
edge = st.sampled_from([0.0, 9.0, 10.0, 10.5, 12.0, 20.0, -5.0, math.inf, -math.inf, math.nan])
size = st.sampled_from([0.0, -1.0, 1.0, 10.0, 10.5, 24.0, math.nan])
text = st.sampled_from(["0", "1", "a", "一", "二", "）", "、", " ", "."])


@st.composite
def chars(draw, *, turned: bool = False) -> Char:
    x0 = draw(st.floats(-50, 200, allow_nan=False))
    top = draw(edge)
    bottom = draw(st.one_of(edge, st.just(top + 10.5)))
    return Char(
        draw(text),
        x0,
        top,
        x0 + draw(st.sampled_from([0.0, 5.25, 10.5, 11.0])),
        bottom,
        draw(size),
        draw(st.integers(0, 3)) if turned else 0,
    )


def _same(a: object, b: object) -> bool:
    """Equal, NaN equal to NaN (repr shows every float exactly)."""
    return repr(a) == repr(b)


@st.composite
def rows(draw) -> list[Char]:
    """Characters mostly on one band (a shared top and bottom), some anywhere."""
    top = draw(edge)
    bottom = draw(st.one_of(edge, st.just(top + 10.5), st.just(top)))
    row = draw(st.lists(chars(), min_size=1, max_size=8))
    keep = draw(st.lists(st.sampled_from([False, False, False, True]), min_size=len(row), max_size=len(row)))
    return [c if kept else c._replace(top=top, bottom=bottom) for c, kept in zip(row, keep, strict=True)]


@settings(max_examples=400)
@given(rows())
def test_characters_on_one_band_group_as_the_general_loop_does(row: list[Char]):
    assert _same(lines.group_lines(row, 1), lines._lines_by_band(row, 1))


@given(st.lists(chars(), min_size=1, max_size=8), st.floats(-50, 200, allow_nan=False))
def test_one_band_short_cut_is_taken_for_a_plain_line(row: list[Char], shift: float):
    """A row of upright characters on one band (the common cell) is one line either way."""
    plain = [c._replace(top=100.0, bottom=110.5, size=10.5, x0=c.x0 + shift, x1=c.x1 + shift) for c in row]
    fast = lines.group_lines(plain, 1)
    assert len(fast) == 1
    assert _same(fast, lines._lines_by_band(plain, 1))


@given(chars())
def test_a_line_of_one_character_is_what_the_joining_loop_makes(ch: Char):
    assert _same(lines._make_line([ch], 1), lines._joined_line([ch], 1))


@given(chars())
def test_reading_one_character_is_grouping_it(ch: Char):
    assert _same(lines.reading_lines([ch], 1, columns=True), lines._lines_by_band([ch], 1))


stacked = st.lists(
    st.builds(
        lambda column, line, text, size: Char(
            text, column * 12.0, line * 10.6, column * 12.0 + 10.5, line * 10.6 + 10.5, size
        ),
        st.integers(0, 4),
        st.integers(0, 6),
        st.sampled_from(["一", "二", "1", "（"]),
        st.sampled_from([10.5, 10.5, 12.0, 0.0]),
    ),
    min_size=3,
    max_size=14,
)


@given(st.one_of(stacked, st.lists(chars(), min_size=3, max_size=10)))
def test_vertical_text_short_cuts_only_skip_counts_that_find_no_columns(cell: list[Char]):
    """When a short cut says a cell is not vertical text, the full count agrees."""
    placed = [c for c in cell if c.text != " "]
    side_by_side = lines._side_by_side(placed)
    full = lines._stacked_columns(placed, side_by_side, 1) if len(placed) >= 3 else None
    if len(placed) >= 3 and (lines._on_one_band(placed) or len(placed) - 1 <= 2 * side_by_side):
        assert full is None
    assert _same(lines._vertical_columns(cell, 1), full)


@given(
    st.integers(2, 40).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))))
    )
)
def test_every_union_find_parent_precedes_its_child(case: tuple[int, list[tuple[int, int]]]):
    """``build_fragment`` names merged cells in one pass over the parents, relying on this."""
    n, links = case
    groups: UnionFind[int] = UnionFind(range(n))
    for a, b in links:
        groups.union(a, b)
    roots = list(range(n))
    for i in range(n):
        assert groups.parent[i] <= i
        roots[i] = roots[groups.parent[i]]
    assert roots == [groups.find(i) for i in range(n)]


# ----------------------------------------------------------------------------- operator counting

content_piece = st.lists(
    st.sampled_from([b"re", b"Tj", b"h", b"m", b"l", b"q", b"1", b" ", b"\n", b"(", b"]"])
)


@settings(max_examples=200, deadline=None)
@given(st.lists(content_piece.map(b"".join), max_size=8), st.integers(1, 40))
def test_operators_counted_late_stop_where_counting_each_piece_stops(pieces: list[bytes], limit: int):
    """The stream scan holds content uncounted while it could not pass the limit: the
    limit must still stop the scan at the same piece, with the same count."""
    from govreport.errors import LimitExceededError
    from govreport.limits import Budget, Limits
    from govreport.readers.pdf.streams import _count_operators, _OperatorCount

    # Counting each piece as it comes: the first running total over the limit, and its piece.
    totals = enumerate(accumulate(map(_count_operators, pieces)))
    eager = next(((total, i) for i, total in totals if total > limit), None)

    late = None
    count = _OperatorCount(Budget(Limits(pdf_objects=limit), timed=False))
    for i, piece in enumerate(pieces):
        try:
            count.add(piece)
        except LimitExceededError as exc:
            late = (exc.value, i)
            break
    assert late == eager
