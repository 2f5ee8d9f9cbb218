"""PDF (text layer): generated reports printed by LibreOffice, and hand-made PDFs for each layout case."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import CellState, parse
from govreport.errors import InputError, MissingDependencyError, NoTextLayerError
from govreport.model.document import Grid, Paragraph
from govreport.readers import detect_format, office, read_document
from govreport.readers.ocr import OcrOptions, ocr_options
from govreport.readers.pdf.layout import Char, PageContent, Ruling, layout_document
from tests.format_fixtures import (
    RUNNING_HEADER,
    SAMPLE,
    as_printed,
    assert_same_report,
    converted,
    docx_bytes,
    needs_soffice,
    report,
    table_cells,
    without_borders,
)
from tests.pdf_fixtures import PdfBuilder

pytest.importorskip("pypdfium2", reason="the pdf extra (pypdfium2) is not installed")


def _grids(data: bytes) -> tuple[Grid, ...]:
    return read_document(data, format="pdf").grids


def _rows(grid: Grid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.rows()]


# ----------------------------------------------------------------------------- generated reports


@needs_soffice
@pytest.mark.parametrize(("seed", "layout"), SAMPLE)
def test_generated_report_as_pdf_parses_like_its_text(seed: int, layout: str):
    data = converted(seed, layout, "pdf")
    assert detect_format(data) == "pdf"
    parsed = parse(data, format="pdf")
    assert_same_report(parsed, report(seed, layout).text)
    truth = report(seed, layout).values
    assert {k: v for k, (v, _) in table_cells(parsed).items() if v is not None} == {
        k: v for k, v in truth.items() if v is not None
    }


@needs_soffice
@pytest.mark.parametrize(("seed", "layout"), SAMPLE[:2])
def test_every_pdf_cell_and_paragraph_has_page_and_bbox(seed: int, layout: str):
    document = read_document(converted(seed, layout, "pdf"), format="pdf")
    located = [*document.paragraphs, *(c for g in document.grids for c in g.cells)]
    assert located
    for item in located:
        assert item.location.page is not None and item.location.page >= 1
        assert item.location.bbox is not None
        x0, top, x1, bottom = item.location.bbox
        assert x0 < x1 and top < bottom


@needs_soffice
def test_generated_table_continues_across_pages_as_one_grid():
    # Table 三 of every sample is taller than what is left of its first page.
    for seed, layout in SAMPLE:
        document = read_document(converted(seed, layout, "pdf"), format="pdf")
        text_document = read_document(report(seed, layout).text.encode(), format="text")
        assert len(document.grids) == len(text_document.grids) == 3
        applications = document.grids[1]
        assert len({c.location.page for c in applications.cells}) >= 2


@needs_soffice
def test_page_numbers_from_the_footer_are_not_text():
    document = read_document(converted(*SAMPLE[0], "pdf"), format="pdf")
    assert document.paragraphs[0].text.endswith("年度报告")
    assert document.paragraphs[-1].text.endswith("日")


@pytest.fixture(scope="module")
def printed_pdfs() -> dict[tuple[int, str], bytes]:
    """Two sample reports printed like office documents: see :func:`as_printed`."""
    keys = SAMPLE[:2]
    docx = [as_printed(docx_bytes(*key), header_rows={1: 3, 2: 3}) for key in keys]
    return dict(zip(keys, office.convert_many(docx, source="docx", target="pdf"), strict=True))


@needs_soffice
@pytest.mark.parametrize(("seed", "layout"), SAMPLE[:2])
def test_printed_report_with_repeated_headers_and_page_numbers(printed_pdfs, seed: int, layout: str):
    data = printed_pdfs[(seed, layout)]
    assert_same_report(parse(data, format="pdf"), report(seed, layout).text)
    document = read_document(data, format="pdf")
    text_grids = read_document(report(seed, layout).text.encode(), format="text").grids
    applications = document.grids[1]
    # Table 三 runs over several pages, its three header rows repeated on each; they are
    # dropped, so the grid has the rows of the text's table (plus none).
    assert len({c.location.page for c in applications.cells}) >= 2
    assert applications.n_rows == text_grids[1].n_rows
    texts = [p.text for p in document.paragraphs]
    assert RUNNING_HEADER not in texts
    assert not [t for t in texts if t.strip("-– 0123456789") == ""]


@needs_soffice
def test_large_type_breaks_rows_and_numbers_across_pages_and_they_are_joined():
    """At 18 pt in narrow cells, labels and full-width numbers wrap inside their cells and
    rows break across pages in the middle of them; the pieces are joined back."""
    keys = SAMPLE
    docx = [as_printed(docx_bytes(*k), header_rows={1: 3, 2: 3}, cell_size=36) for k in keys]
    pdfs = office.convert_many(docx, source="docx", target="pdf")
    for key, data in zip(keys, pdfs, strict=True):
        document = read_document(data, format="pdf")
        assert len({c.location.page for c in document.grids[1].cells}) >= 4
        assert_same_report(parse(data, format="pdf"), report(*key).text)


@needs_soffice
def test_tables_without_ruling_lines_never_give_a_wrong_number():
    """Unruled tables are read as rows of text runs; what the table readers place is right.

    Table 四 (short headers, one line of numbers) is read in full. Table 二 is cut into
    one small grid per block by its captions, and table 三's labels wrap over several
    lines: neither is rebuilt without lines, so they are not read, but never read wrong.
    """
    keys = SAMPLE[:2]
    pdfs = office.convert_many([without_borders(docx_bytes(*k)) for k in keys], source="docx", target="pdf")
    for key, data in zip(keys, pdfs, strict=True):
        parsed = parse(data, format="pdf")
        expected = table_cells(parse(report(*key).text))
        read = {k: v for k, (v, state) in table_cells(parsed).items() if state is CellState.READ}
        assert {k for k in read if k[0] == "review_litigation"} == {
            k for k in expected if k[0] == "review_litigation"
        }
        assert all(expected[k][0] == v for k, v in read.items())


# ----------------------------------------------------------------------------- hand-made PDFs

XS = [60.0, 220.0, 330.0, 440.0, 540.0]
HEADER = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]


def _row(page, top: float, texts: list[str], height: float = 22.0, size: float = 10.5) -> float:
    for x, text in zip(XS, texts, strict=False):
        page.text(x + 3, top + 4, text, size)
    return top + height


def _continued_table(repeat_header: bool) -> tuple[bytes, list[list[str]]]:
    """A 40-row table over two pages, footer page numbers ``- n -``, a running header."""
    builder = PdfBuilder()
    body = [[f"第{i + 1}项事项", str(i * 7), str(1000 + i), str(i % 3)] for i in range(40)]
    placed = 0
    for number in (1, 2):
        page = builder.page()
        page.text(60, 30, "某县人民政府办公室")  # running header
        page.text(280, 800, f"- {number} -" if number == 1 else f"第 {number} 页")
        top = 60.0
        ys = [top]
        if number == 1:
            page.text(60, top, "二、主动公开政府信息情况")
            top += 30
            ys = [top]
        if number == 1 or repeat_header:
            top = _row(page, top, HEADER)
            ys.append(top)
        while placed < len(body) and top < 740:
            top = _row(page, top, body[placed])
            ys.append(top)
            placed += 1
        page.grid(XS, ys)
        if number == 2:
            page.text(60, top + 20, "三、收到和处理政府信息公开申请情况")
    return builder.build(), [HEADER, *body]


@pytest.mark.parametrize("repeat_header", [True, False])
def test_table_continued_on_next_page_is_one_grid(repeat_header: bool):
    data, expected = _continued_table(repeat_header)
    document = read_document(data, format="pdf")
    (grid,) = document.grids
    assert _rows(grid) == expected
    assert {c.location.page for c in grid.cells} == {1, 2}
    texts = [p.text for p in document.paragraphs]
    assert texts == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]


def test_wrapped_header_cell_and_merged_cells_become_spans():
    builder = PdfBuilder()
    page = builder.page()
    xs, ys = [60.0, 160.0, 230.0, 300.0], [100.0, 140.0, 162.0, 184.0]
    # "法人或其他组织" spans two columns over the top row; "信息内容" spans two rows.
    page.grid(xs, ys, skip={("v", 2, 0), ("h", 1, 0)})
    page.text(63, 104, "信息内容")
    page.text(163, 103, "法人或其他")  # wraps inside its cell
    page.text(163, 118, "组织")
    page.text(163, 144, "商业企业")
    page.text(233, 144, "科研机构")
    page.text(63, 166, "行政许可")
    page.text(163, 166, "12")
    page.text(233, 166, "0")
    (grid,) = _grids(builder.build())
    assert _rows(grid) == [["信息内容", "法人或其他组织"], ["商业企业", "科研机构"], ["行政许可", "12", "0"]]
    spans = {c.text: (c.row_span, c.col_span) for c in grid.cells}
    assert spans["信息内容"] == (2, 1)
    assert spans["法人或其他组织"] == (1, 2)


def test_number_wrapped_in_a_narrow_cell_is_one_number():
    builder = PdfBuilder()
    page = builder.page()
    page.grid([60.0, 120.0, 132.0], [100.0, 140.0])
    page.text(63, 104, "总计")
    page.text(123, 104, "1")
    page.text(123, 116, "5")
    page.text(123, 128, "3")
    (grid,) = _grids(builder.build())
    assert _rows(grid) == [["总计", "153"]]


@pytest.mark.parametrize("lines_in_form", [None, (40.0, -25.0)], ids=["on-the-page", "in-a-shifted-form"])
def test_filled_bars_as_borders_are_rulings(lines_in_form: tuple[float, float] | None):
    builder = PdfBuilder()
    page = builder.page(lines_in_form=lines_in_form)
    for y in (100.0, 122.0, 144.0):
        page.bar(60, y - 0.4, 300, y + 0.4)
    for x in (60.0, 180.0, 300.0):
        page.bar(x - 0.4, 100, x + 0.4, 144)
    page.text(63, 104, "规章")
    page.text(183, 104, "3")
    page.text(63, 126, "行政规范性文件")
    page.text(183, 126, "1,204")
    (grid,) = _grids(builder.build())
    assert _rows(grid) == [["规章", "3"], ["行政规范性文件", "1,204"]]


@pytest.mark.parametrize(
    "footer", ["- 3 -", "— 3 —", "第 3 页", "第3页 共9页", "3 / 9", "3", "－３－"], ids=lambda s: s
)
def test_page_number_forms_are_dropped(footer: str):
    builder = PdfBuilder()
    page = builder.page()
    page.text(60, 100, "一、总体情况")
    page.text(280, 800, footer)
    document = read_document(builder.build(), format="pdf")
    assert [p.text for p in document.paragraphs] == ["一、总体情况"]


def test_a_number_low_on_the_page_inside_the_body_is_kept():
    builder = PdfBuilder()
    page = builder.page()
    page.text(60, 100, "一、总体情况")
    page.text(60, 400, "2023")  # a lone number in the middle of the page is content
    document = read_document(builder.build(), format="pdf")
    assert [p.text for p in document.paragraphs] == ["一、总体情况", "2023"]


def test_wrapped_paragraph_lines_are_joined():
    builder = PdfBuilder()
    page = builder.page()
    size = 10.5
    line = "本报告中所列数据的统计期限自年月日起至年月日止如对本报告有任何疑问请与办公室联系"
    page.text(60, 100, line[:40], size)
    page.text(60, 100 + 1.5 * size, line[40:], size)
    page.text(60, 100 + 3 * size, "二、主动公开政府信息情况", size)
    page.text(60, 100 + 4.5 * size, "短句。", size)
    document = read_document(builder.build(), format="pdf")
    assert [p.text for p in document.paragraphs] == [line, "二、主动公开政府信息情况", "短句。"]


def test_pdf_without_text_layer_says_so_when_ocr_is_off():
    builder = PdfBuilder()
    builder.page().image(0, 0, 595, 842)
    builder.page().image(0, 0, 595, 842)
    with ocr_options(OcrOptions(enabled=False)), pytest.raises(NoTextLayerError, match="no text layer"):
        read_document(builder.build(), format="pdf")
    assert issubclass(NoTextLayerError, InputError)


def test_a_scanned_page_among_text_pages_is_noted():
    builder = PdfBuilder()
    builder.page().text(60, 100, "一、总体情况")
    builder.page().image(0, 0, 595, 842)
    document = read_document(builder.build(), format="pdf")
    assert document.source.notes == ("pages without a text layer (not read): 2",)


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\nthis is not a pdf", b"%PDF-", b"%PDF-1.7\n" + bytes(range(256)) * 20], ids=str
)
def test_corrupt_pdf_is_an_input_error(data: bytes):
    with pytest.raises(InputError):
        read_document(data, format="pdf")


def test_truncated_pdf_is_an_input_error_or_reads_what_is_there():
    data, _ = _continued_table(True)
    try:
        document = read_document(data[: len(data) // 2], format="pdf")
    except InputError:
        return
    assert all(isinstance(b, (Paragraph, Grid)) for b in document.blocks)


def test_missing_pdf_extra_names_it(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(MissingDependencyError, match=r"govreport\[pdf\]"):
        read_document(b"%PDF-1.4\n", format="pdf")


# ----------------------------------------------------------------------------- layout properties

digit = st.sampled_from("0123456789")


@given(
    st.lists(st.lists(digit, min_size=1, max_size=7), min_size=2, max_size=6),
    st.floats(min_value=0.0, max_value=0.3),
    st.floats(min_value=1.2, max_value=6.0),
)
def test_digits_close_together_stay_one_number_and_numbers_apart_stay_apart(numbers, tight, wide):
    """Within a number glyphs may touch or nearly touch; between numbers the gap is at least an em."""
    size = 10.0
    chars = []
    x = 50.0
    for number in numbers:
        for d in number:
            chars.append(Char(d, x, 100.0, x + 0.5 * size, 100.0 + size, size))
            x += 0.5 * size + tight * size
        x += wide * size
    page = PageContent(number=1, width=595, height=842, chars=tuple(chars), rulings=())
    (paragraph,) = layout_document([page])
    assert paragraph.text.split(" ") == ["".join(n) for n in numbers]


@given(st.lists(st.lists(digit, min_size=1, max_size=6), min_size=2, max_size=5))
def test_numbers_in_neighbouring_ruled_cells_are_never_merged(numbers):
    """Cells are split by their rulings alone, however close the numbers sit to the line."""
    size = 10.0
    xs = [50.0]
    chars = []
    for number in numbers:
        left = xs[-1]
        width = len(number) * 0.5 * size
        for i, d in enumerate(number):
            x0 = left + 0.5 + i * 0.5 * size
            chars.append(Char(d, x0, 102.0, x0 + 0.5 * size, 102.0 + size, size))
        xs.append(left + width + 1.0)
    rulings = [Ruling(False, x, 100.0, 100.0 + size + 4) for x in xs]
    rulings += [Ruling(True, y, xs[0], xs[-1]) for y in (100.0, 100.0 + size + 4)]
    page = PageContent(number=1, width=595, height=842, chars=tuple(chars), rulings=tuple(rulings))
    (grid,) = layout_document([page])
    assert isinstance(grid, Grid)
    assert [c.text for c in grid.cells] == ["".join(n) for n in numbers]


# ----------------------------------------------------------------------------- seeds


@needs_soffice
@pytest.mark.seeds
def test_seeds_printed_to_pdf_parse_like_their_text(seeds_dir: Path):
    from govreport.readers import office
    from govreport.testing.render import render_docx

    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        document = read_document(path.read_bytes(), path=str(path))
        pdf = office.convert(render_docx(document), source="docx", target="pdf")
        assert_same_report(parse(pdf, format="pdf"), text)


@st.composite
def merged_tables(draw) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    """A grid partitioned into merged cells ``(row, col, row_span, col_span)``.

    The first column and the last row stay single cells, so every grid row and column has
    a cell starting in it (a reader cannot see a row or column no cell starts in).
    """
    n_rows, n_cols = draw(st.integers(2, 6)), draw(st.integers(2, 6))
    taken = [[False] * n_cols for _ in range(n_rows)]
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if taken[r][c]:
                continue
            height = width = 1
            if c > 0 and r < n_rows - 1:
                height = draw(st.integers(1, n_rows - 1 - r))
                free = 0
                while c + free < n_cols and not any(taken[rr][c + free] for rr in range(r, r + height)):
                    free += 1
                width = draw(st.integers(1, free))
            for rr in range(r, r + height):
                for cc in range(c, c + width):
                    taken[rr][cc] = True
            cells.append((r, c, height, width))
    return n_rows, n_cols, cells


@given(merged_tables())
def test_merged_cells_are_rebuilt_from_the_lines_drawn(table):
    """Spans come from where lines are missing: every drawn partition is read back exactly."""
    n_rows, n_cols, cells = table
    xs = [50.0 + 60 * c for c in range(n_cols + 1)]
    ys = [100.0 + 30 * r for r in range(n_rows + 1)]
    owner = {}
    for cell in cells:
        r, c, h, w = cell
        for rr in range(r, r + h):
            for cc in range(c, c + w):
                owner[(rr, cc)] = cell
    rulings = []
    for i, x in enumerate(xs):
        for r in range(n_rows):
            if i in (0, n_cols) or owner[(r, i - 1)] != owner[(r, i)]:
                rulings.append(Ruling(False, x, ys[r], ys[r + 1]))
    for j, y in enumerate(ys):
        for c in range(n_cols):
            if j in (0, n_rows) or owner[(j - 1, c)] != owner[(j, c)]:
                rulings.append(Ruling(True, y, xs[c], xs[c + 1]))
    chars = []
    for r, c, _, _ in cells:
        for k, ch in enumerate(f"{r}x{c}"):
            x0 = xs[c] + 4 + 5 * k
            chars.append(Char(ch, x0, ys[r] + 8, x0 + 5, ys[r] + 18, 10.0))
    page = PageContent(number=1, width=595, height=842, chars=tuple(chars), rulings=tuple(rulings))
    (grid,) = layout_document([page])
    assert isinstance(grid, Grid)
    assert (grid.n_rows, grid.n_cols) == (n_rows, n_cols)
    assert sorted((c.row, c.col, c.row_span, c.col_span, c.text) for c in grid.cells) == sorted(
        (r, c, h, w, f"{r}x{c}") for r, c, h, w in cells
    )


@given(
    merged_tables(),
    st.lists(
        st.tuples(
            st.sampled_from("0123456789三本年度（、）.A"),
            st.floats(min_value=40.0, max_value=520.0),
            st.floats(min_value=200.0, max_value=600.0),
            st.sampled_from([0, 0, 0, 1, 3]),
        ),
        max_size=40,
    ),
)
def test_every_character_on_the_page_is_in_some_cell_or_line(table, placed):
    """No character disappears in the layout, wherever it sits against the table's lines."""
    n_rows, n_cols, _ = table
    xs = [50.0 + 70 * c for c in range(n_cols + 1)]
    ys = [250.0 + 40 * r for r in range(n_rows + 1)]
    rulings = [Ruling(False, x, ys[0], ys[-1]) for x in xs] + [Ruling(True, y, xs[0], xs[-1]) for y in ys]
    size = 10.0
    chars = tuple(Char(text, x, y, x + size, y + size, size, turn) for text, x, y, turn in placed)
    page = PageContent(number=1, width=595, height=842, chars=chars, rulings=tuple(rulings))
    blocks = layout_document([page])
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    texts += [c.text for b in blocks if isinstance(b, Grid) for c in b.cells]
    assert Counter("".join(texts).replace(" ", "")) == Counter(text for text, *_ in placed)
