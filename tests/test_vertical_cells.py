"""Table 三 as WPS and Word print it: a tall merged cell with vertical text, long wrapping labels.

In such files the label 三、本年度办理结果 is one merged cell down the side of table 三,
printed vertically (one upright character per line, or the whole line turned), the
label of （二）部分公开 wraps over two lines, and that row's numbers stand on a third line
below it. The fixtures are generated reports rendered to DOCX with those looks and
printed by LibreOffice; a hand-made PDF puts each piece where WPS puts it.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import parse
from govreport.errors import UnknownNameError
from govreport.model.document import Grid
from govreport.readers import office, read_document
from govreport.readers.pdf.layout import Char, PageContent, Ruling, layout_document
from govreport.testing import synthetic
from govreport.testing.render import TableLook, render_docx
from tests.format_fixtures import SAMPLE, assert_same_report, needs_soffice, report, table_cells
from tests.pdf_fixtures import PdfBuilder

RESULTS = "三、本年度办理结果"
PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
DIRECTIONS = ("tbRlV", "btLr", "tbRl")
KEYS = SAMPLE[:2]


def wps_look(direction: str) -> TableLook:
    """Table 三 (the document's second table) the way WPS prints it.

    A narrow first column holds the vertical label, the label columns are narrower than
    the （二） label so it wraps over two lines, its row is three lines tall with the
    numbers at the bottom, and the table starts a page so that the merged cell is not
    split (LibreOffice leaves vertical text out of a cell split across pages).
    """
    return TableLook(
        text_direction=((RESULTS, direction),),
        column_widths=((1, (3, 8, 14, 5, 5, 5, 5, 5, 5, 5)),),
        value_align="bottom",
        tall_rows=((PARTIAL, 3),),
        new_page=(1,),
    )


@cache
def _docx(seed: int, layout: str, direction: str) -> bytes:
    return render_docx(synthetic.form_document(report(seed, layout)), look=wps_look(direction))


@cache
def _printed(target: str) -> dict[tuple[int, str, str], bytes]:
    keys = [(seed, layout, d) for seed, layout in KEYS for d in DIRECTIONS]
    outputs = office.convert_many([_docx(*k) for k in keys], source="docx", target=target)
    return dict(zip(keys, outputs, strict=True))


def _cells_read(parsed, seed: int, layout: str) -> tuple[int, int]:
    """(cells read as the text reads them, cells in the fixture) of table 三."""
    expected = {
        k: v for k, v in table_cells(parse(report(seed, layout).text)).items() if k[0] == "applications"
    }
    got = table_cells(parsed)
    return sum(got.get(k) == v for k, v in expected.items()), len(expected)


def _label_cells(grid: Grid) -> list[str]:
    return [c.text for c in grid.cells if c.col < 3]


# ----------------------------------------------------------------------------- generated reports


def test_an_unknown_text_direction_is_refused_with_the_known_ones():
    with pytest.raises(UnknownNameError, match="tbRlV"):
        TableLook(text_direction=((RESULTS, "sideways"),))


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize(("seed", "layout"), KEYS)
def test_docx_with_vertical_merged_cell_reads_every_cell(seed: int, layout: str, direction: str):
    data = _docx(seed, layout, direction)
    assert _has_direction(data, direction)
    parsed = parse(data, format="docx")
    assert_same_report(parsed, report(seed, layout).text)
    read, total = _cells_read(parsed, seed, layout)
    assert read == total
    assert RESULTS in _label_cells(read_document(data, format="docx").grids[1])


def _has_direction(docx: bytes, direction: str) -> bool:
    import io
    import zipfile

    body = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    return f'<w:textDirection w:val="{direction}"/>' in body


@needs_soffice
@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize(("seed", "layout"), KEYS)
def test_pdf_with_vertical_merged_cell_reads_every_cell(seed: int, layout: str, direction: str):
    data = _printed("pdf")[(seed, layout, direction)]
    parsed = parse(data, format="pdf")
    assert_same_report(parsed, report(seed, layout).text)
    read, total = _cells_read(parsed, seed, layout)
    assert read == total
    grid = read_document(data, format="pdf").grids[1]
    labels = _label_cells(grid)
    # The vertical label is one cell read top to bottom (or bottom to top, as printed),
    # and the wrapped （二） label is delivered whole, beside the numbers below it.
    assert RESULTS in labels
    text_labels = _label_cells(read_document(report(seed, layout).text.encode(), format="text").grids[1])
    partial = next(t for t in text_labels if t.startswith(("（二）", "(二)")))
    assert partial in labels
    merged = next(c for c in grid.cells if c.text == RESULTS)
    assert merged.row_span > 10 and merged.col == 0


@needs_soffice
@pytest.mark.parametrize(("seed", "layout"), KEYS)
def test_doc_with_vertical_merged_cell_reads_every_cell(seed: int, layout: str):
    data = _printed("doc")[(seed, layout, "tbRlV")]
    parsed = parse(data, format="doc")
    assert_same_report(parsed, report(seed, layout).text)
    read, total = _cells_read(parsed, seed, layout)
    assert read == total


CORNER = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"


@needs_soffice
def test_pdf_vertical_text_over_several_columns_reads_column_by_column():
    """Table 三's long corner note printed with ``tbRlV`` fills several columns: each is read
    top to bottom, the columns right to left; its Latin brackets are printed turned."""
    look = TableLook(
        text_direction=((CORNER, "tbRlV"), (RESULTS, "tbRlV")),
        column_widths=((1, (3, 3, 14, 5, 5, 5, 5, 5, 5, 5)),),
        new_page=(1,),
    )
    seed, layout = KEYS[1]
    document = synthetic.form_document(report(seed, layout))
    assert any(c.text == CORNER for c in document.grids[1].cells)
    (data,) = office.convert_many([render_docx(document, look=look)], source="docx", target="pdf")
    grid = read_document(data, format="pdf").grids[1]
    assert CORNER in _label_cells(grid)
    assert RESULTS in _label_cells(grid)
    assert_same_report(parse(data, format="pdf"), report(seed, layout).text)


# ----------------------------------------------------------------------------- hand-made, as WPS prints


def _wps_table(
    set_size: float | None = None, lines_in_form: tuple[float, float] | None = None
) -> tuple[bytes, list[list[str]]]:
    """Part of table 三 placed the way WPS places it.

    The merged cell's characters stand one per line at a pitch of their own, so several
    of them sit on the baselines of the labels beside them; the （二） label takes two
    lines and its numbers a third; one label has a typo the table readers must match.
    With ``set_size`` the text is set in a font of that size scaled by the text matrix; with
    ``lines_in_form`` the table's lines are drawn in a form XObject placed by a shift.
    """
    xs = [60.0, 84.0, 160.0, 300.0, 340.0, 380.0]
    ys = [100.0, 122.0, 166.0, 188.0, 210.0, 232.0]
    builder = PdfBuilder()
    page = builder.page(set_size=set_size, lines_in_form=lines_in_form)
    # The first column is one cell down all rows; the first two labels span two columns;
    # （三） spans its three rows.
    skip = {("h", r, 0) for r in (1, 2, 3, 4)} | {("v", 2, 0), ("v", 2, 1), ("h", 3, 1), ("h", 4, 1)}
    page.grid(xs, ys, skip=skip)
    for i, ch in enumerate(RESULTS):
        page.text(66, 104 + 13.5 * i, ch)  # one per line, 13.5 pt apart
    page.text(87, 104, "（一）予以公开")
    page.text(303, 104, "5")
    page.text(343, 104, "0")
    page.text(87, 126, "（二）部分公开（区分处理的，只计这一")
    page.text(87, 139, "情形，不计其他情形）")
    page.text(303, 152, "12")  # the numbers on a third line, below the label
    page.text(343, 152, "3")
    page.text(87, 170, "（三）不予公开")
    for top, label, numbers in (
        (170.0, "1.属于国家秘密", ("0", "1")),
        (192.0, "2.其他法律行政止公开", ("7", "0")),
        (214.0, "3.危及“三安全一稳定”", ("0", "0")),
    ):
        page.text(163, top, label)
        page.text(303, top, numbers[0])
        page.text(343, top, numbers[1])
    expected = [
        [RESULTS, "（一）予以公开", "5", "0"],
        [PARTIAL, "12", "3"],
        ["（三）不予公开", "1.属于国家秘密", "0", "1"],
        ["2.其他法律行政止公开", "7", "0"],
        ["3.危及“三安全一稳定”", "0", "0"],
    ]
    return builder.build(), expected


@pytest.mark.parametrize(
    ("set_size", "lines_in_form"),
    [(None, None), (1.0, None), (100.0, None), (None, (30.0, -50.0)), (1.0, (-12.5, 400.0))],
    ids=["plain", "scaled-1pt", "scaled-100pt", "lines-in-shifted-form", "scaled-in-form"],
)
def test_wps_vertical_label_and_wrapped_label_go_to_their_own_cells(
    set_size: float | None, lines_in_form: tuple[float, float] | None
):
    data, expected = _wps_table(set_size, lines_in_form)
    (grid,) = read_document(data, format="pdf").grids
    assert [[c.text for c in row] for row in grid.rows()] == expected
    merged = next(c for c in grid.cells if c.text == RESULTS)
    assert (merged.row, merged.col, merged.row_span) == (0, 0, 5)


@pytest.mark.parametrize("turn", [1, 3])
def test_turned_label_in_a_merged_cell_reads_in_its_direction(turn: int):
    builder = PdfBuilder()
    page = builder.page()
    page.grid([60.0, 84.0, 200.0], [100.0, 150.0, 230.0], skip={("h", 1, 0)})
    # Turn 1 runs down from the top of the cell (Word's tbRl), turn 3 up from its bottom (btLr).
    page.turned(68.0 if turn == 1 else 76.0, 104.0 if turn == 1 else 226.0, RESULTS, turn)
    page.text(87, 104, "（一）予以公开")
    page.text(87, 154, "（二）部分公开")
    (grid,) = read_document(builder.build(), format="pdf").grids
    assert [[c.text for c in row] for row in grid.rows()] == [[RESULTS, "（一）予以公开"], ["（二）部分公开"]]


def test_vertical_writing_font_in_a_merged_cell_reads_top_to_bottom():
    """A font in vertical writing mode (a ``-V`` CMap) stacks upright characters itself."""
    builder = PdfBuilder()
    page = builder.page()
    page.grid([60.0, 84.0, 200.0], [100.0, 150.0, 230.0], skip={("h", 1, 0)})
    page.vertical(72.0, 104.0, RESULTS)
    page.text(87, 104, "（一）予以公开")
    page.text(87, 154, "（二）部分公开")
    (grid,) = read_document(builder.build(), format="pdf").grids
    assert [[c.text for c in row] for row in grid.rows()] == [[RESULTS, "（一）予以公开"], ["（二）部分公开"]]


def test_upright_vertical_text_in_two_columns_reads_right_column_first():
    builder = PdfBuilder()
    page = builder.page()
    page.grid([60.0, 100.0, 200.0], [100.0, 160.0], skip=set())
    for column, text in enumerate(("三、本年度", "办理结果")):  # right column first, as tbRlV prints
        for i, ch in enumerate(text):
            page.text(84 - 14 * column, 104 + 10.5 * i, ch)
    page.text(103, 104, "（一）予以公开")
    (grid,) = read_document(builder.build(), format="pdf").grids
    assert [c.text for c in grid.cells] == [RESULTS, "（一）予以公开"]


# ----------------------------------------------------------------------------- layout property

cjk = st.sampled_from("三本年度办理结果政府信息公开申请数量")


def _one_cell(chars: list[Char], box: tuple[float, float, float, float]) -> Grid:
    left, top, right, bottom = box
    rulings = [Ruling(True, y, left, right) for y in (top, bottom)]
    rulings += [Ruling(False, x, top, bottom) for x in (left, right)]
    page = PageContent(number=1, width=595, height=842, chars=tuple(chars), rulings=tuple(rulings))
    (grid,) = layout_document([page])
    assert isinstance(grid, Grid)
    return grid


@given(
    st.lists(st.lists(cjk | st.sampled_from("0123456789"), min_size=2, max_size=10), min_size=1, max_size=4),
    st.floats(min_value=0.8, max_value=2.0),
)
def test_horizontal_lines_of_two_or_more_characters_are_never_read_as_columns(lines, pitch: float):
    """However tight the line spacing, even with lines overlapping, text reads line by line."""
    size = 10.0
    chars = []
    for n, line in enumerate(lines):
        x = 105.0
        for ch in line:
            width = size if ch in "三本年度办理结果政府信息公开申请数量" else size / 2
            chars.append(Char(ch, x, 105 + n * pitch * size, x + width, 105 + n * pitch * size + size, size))
            x += width
    grid = _one_cell(chars, (100.0, 100.0, 300.0, 200.0))
    assert grid.cells[0].text == "".join("".join(line) for line in lines)


@given(st.lists(st.lists(cjk, min_size=2, max_size=8), min_size=1, max_size=4), st.floats(0.0, 0.2))
def test_upright_columns_read_top_to_bottom_right_to_left(columns, gap: float):
    """Vertical text (``tbRlV``): characters touch the one below, columns stand a line gap apart."""
    size = 10.0
    chars = []
    for n, column in enumerate(columns):
        x = 280.0 - n * 1.4 * size
        for i, ch in enumerate(column):
            top = 105.0 + i * (1 + gap) * size
            chars.append(Char(ch, x, top, x + size, top + size, size))
    grid = _one_cell(chars, (100.0, 100.0, 300.0, 300.0))
    assert grid.cells[0].text == "".join("".join(column) for column in columns)


@given(st.lists(st.lists(cjk, min_size=1, max_size=8), min_size=1, max_size=3), st.sampled_from([0, 1, 2, 3]))
def test_a_cell_reads_the_same_in_any_turn(lines: list[list[str]], turn: int):
    """Text turned by quarter turns, in lines that follow each other, reads as if upright."""
    size = 10.0
    longest = max(len(line) for line in lines) * size
    depth = len(lines) * 1.4 * size
    # The cell is big enough for the text whichever way it runs.
    left, top = 100.0, 100.0
    right, bottom = left + max(longest, depth) + 10, top + max(longest, depth) + 10
    chars = []
    for n, line in enumerate(lines):
        for i, ch in enumerate(line):
            along, across = i * size, n * 1.4 * size
            if turn == 0:
                box = (left + 5 + along, top + 5 + across, left + 5 + along + size, top + 5 + across + size)
            elif turn == 1:  # reads down, lines go leftwards
                box = (right - 5 - across - size, top + 5 + along, right - 5 - across, top + 5 + along + size)
            elif turn == 3:  # reads up, lines go rightwards
                box = (
                    left + 5 + across,
                    bottom - 5 - along - size,
                    left + 5 + across + size,
                    bottom - 5 - along,
                )
            else:  # upside down: reads leftwards, lines go upwards
                box = (
                    right - 5 - along - size,
                    bottom - 5 - across - size,
                    right - 5 - along,
                    bottom - 5 - across,
                )
            chars.append(Char(ch, *box, size, turn))
    rulings = [Ruling(True, y, left, right) for y in (top, bottom)]
    rulings += [Ruling(False, x, top, bottom) for x in (left, right)]
    page = PageContent(number=1, width=595, height=842, chars=tuple(chars), rulings=tuple(rulings))
    (grid,) = layout_document([page])
    assert isinstance(grid, Grid)
    assert grid.cells[0].text == "".join("".join(line) for line in lines)
