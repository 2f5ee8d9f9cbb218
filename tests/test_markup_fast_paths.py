"""The markup readers' fast paths give exactly what the walks they replace gave.

HTML: spans placed with a next-free-row array (against the set of taken positions it
replaced), class/id names found through their attributes, the UTF-8 handed to libxml2.
DOCX: plain tables read in one pass (against the walk per cell, which still reads the rest).
"""

from __future__ import annotations

import codecs
import io
import zipfile
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from govreport.errors import InputError
from govreport.normalize.decode import decode_bytes, encoding_candidates
from govreport.readers import read_document
from govreport.readers.cells import CellLines, RawCell, RawTable
from govreport.readers.docx import body as docx_body
from govreport.readers.docx import grid as docx_grid
from govreport.readers.html import _NOT_XML, _utf8_markup
from govreport.readers.html import page as html_page
from govreport.readers.html import tables as html_tables
from govreport.readers.html.markup import flat, source_line, text_of

# --- HTML: spans ---------------------------------------------------------------------------------


def _reference_expand(
    table: Any, rows: list[Any], held: list[tuple[int, int, int]] | None = None
) -> RawTable:
    """The span placement the array replaced: a set of taken (row, column) positions."""
    occupied: set[tuple[int, int]] = set()
    cells: list[RawCell] = []
    overflow: list[tuple[int, int]] = []
    n_rows = len(rows)
    multiline = _reference_multiline(table)
    for col, span, count in held or ():
        occupied.update((rr, cc) for rr in range(min(count, n_rows)) for cc in range(col, col + span))
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.iterchildren("td", "th"):
            while (r, c) in occupied:
                c += 1
            declared = html_tables._span(td.get("rowspan"), 65534)
            row_span = n_rows - r if declared == 0 else min(declared, n_rows - r)
            if declared > row_span:
                overflow.append((len(cells), declared - row_span))
            col_span = max(html_tables._span(td.get("colspan"), 1000), 1)
            occupied.update((rr, cc) for rr in range(r, r + row_span) for cc in range(c, c + col_span))
            if td in multiline:
                lines = CellLines()
                html_tables._cell_text(td, lines)
                text = lines.text()
            else:
                text = flat(text_of(td)).strip()
            cells.append(RawCell(text, r, c, row_span, col_span, source_line(td)))
            c += col_span
    n_cols = max((cc for _, cc in occupied), default=-1) + 1
    expanded = RawTable(cells=cells, n_rows=n_rows, n_cols=n_cols, line=source_line(table))
    expanded.overflow = overflow
    return expanded


def _reference_multiline(table: Any) -> set[Any]:
    """Multi-line cells found by walking up from every mark to the top of the page."""
    blocks: dict[Any, int] = {}
    multiline = set()
    for mark in table.iter(*html_tables._LINE_BREAKS):
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


_SPANS = st.sampled_from(
    ["", "", "", ' rowspan="2"', ' colspan="2"', ' rowspan="3" colspan="2"', ' rowspan="0"', ' colspan="0"',
     ' rowspan="9"', ' colspan=" 3;"', ' rowspan="x"']
)  # fmt: skip
_CELL_TEXT = st.sampled_from(
    ["12", " 3 ", "总计", "社会<br>公益", "<p>a</p><p>b</p>", "<p>x</p>", "<div>一</div>二", "&nbsp;4",
     "<table><tr><td>in<br>ner</td><td>7</td></tr></table>", "<span>5</span>", "", "<b>a</b> <i>b</i>"]
)  # fmt: skip


@st.composite
def _html_table(draw: st.DrawFn) -> str:
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        cells = [
            f"<{draw(st.sampled_from(['td', 'th']))}{draw(_SPANS)}>{draw(_CELL_TEXT)}</td>"
            for _ in range(draw(st.integers(0, 5)))
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


_HELD = st.lists(st.tuples(st.integers(0, 4), st.integers(1, 3), st.integers(0, 4)), max_size=3)


def _shape(table: RawTable) -> tuple[Any, ...]:
    return (table.cells, table.n_rows, table.n_cols, table.line, table.overflow)


@given(_html_table(), _HELD)
def test_span_array_places_cells_as_the_position_set_did(
    markup: str, held: list[tuple[int, int, int]]
) -> None:
    root = etree.fromstring(f"<html><body><div>{markup}</div></body></html>", etree.HTMLParser())
    table = root.find(".//table")
    assert table is not None
    rows = list(html_tables.rows_of(table))
    for pieces in (None, held):
        assert _shape(html_tables.expand(table, rows, pieces)) == _shape(
            _reference_expand(table, rows, pieces)
        )


def test_marks_are_counted_for_the_cells_of_the_table_as_before() -> None:
    # The walk up from a mark now stops at the table: cells above it (which its expand never
    # asks about) are no longer reached, the table's own cells and those nested in them are.
    page = (
        "<table><tr><td><table><caption><p>c</p><p>d</p></caption>"
        "<tr><td>x<p>y</p></td><td><p>z</p><br></td></tr></table></td></tr></table>"
    )
    outer = etree.fromstring(page, etree.HTMLParser()).find(".//table")
    assert outer is not None
    inner = outer.find(".//table")
    assert inner is not None
    for table in (outer, inner):
        below = set(table.iter("td", "th"))
        assert html_tables._multiline_cells(table) == _reference_multiline(table) & below
    assert [text_of(cell) for cell in html_tables._multiline_cells(inner)] == ["z"]  # x<p>y</p> is one block


# --- HTML: chrome names and the UTF-8 given to libxml2 -------------------------------------------

_NAMED = st.sampled_from(
    ["<div>", '<div class="nav">', '<div id="footer">', '<p class="" id="x">', '<span id="a" class="b">',
     '<ul class="share bar">', '<td class="menu">', "</div>", "</p>", "</span>", "text"]
)  # fmt: skip


@given(st.lists(_NAMED, max_size=20))
def test_class_and_id_names_are_those_of_every_named_element(pieces: list[str]) -> None:
    root = etree.fromstring(f'<html><body class="page">{"".join(pieces)}</body></html>', etree.HTMLParser())
    body = root.find("body")
    assert body is not None
    expected = {
        element: f"{element.get('class', '')} {element.get('id', '')}"
        for element in body.xpath(".//*[@class or @id]")
    }
    named = html_page._named(body)
    assert list(named.items()) == list(expected.items())  # in document order, the body left out


_PAGE_TEXT = st.text(
    alphabet=st.sampled_from(
        ["a", "<", "总", "镕", "\x01", "\x0b", "\x1f", "\x7f", "\ufffe", "\uffff", "\u3000", "\n"]
    ),
    max_size=30,
)


@given(_PAGE_TEXT, st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig", "latin-1"]))
def test_markup_for_libxml2_is_the_cleaned_text_in_utf8(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    try:
        decoded, used = decode_bytes(data, None)
    except InputError:
        return  # NUL bytes and the like: the reader refuses them before parsing
    assert _utf8_markup(data, decoded, used) == _NOT_XML.sub(" ", decoded).encode("utf-8")


def test_a_clean_utf8_page_is_handed_over_as_it_came() -> None:
    data = "<p>总计 12</p>".encode()
    assert _utf8_markup(data, data.decode(), "utf-8") is data


def test_encoding_candidates_put_the_declared_charset_first() -> None:
    assert encoding_candidates(None) == ("utf-8", "gb18030")
    assert encoding_candidates("gb2312") == ("gb18030", "utf-8")
    assert encoding_candidates("UTF8") == ("utf-8", "gb18030")
    assert encoding_candidates("big5") == ("big5", "utf-8", "gb18030")
    assert encoding_candidates("rot13") == ("utf-8", "gb18030")  # a transform codec, not a charset
    assert encoding_candidates("no-such-charset") == ("utf-8", "gb18030")
    assert all(codecs.lookup(name).name == name for name in encoding_candidates("latin-1"))


# --- DOCX: plain tables in one pass --------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)
_STYLES = '<w:style w:styleId="Numbered"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'

_RUN_TEXT = st.sampled_from(["12", " 3 ", "总计", "社会", "公益", "", "  ", "\u3000x", "a b"])
_PLAIN_RUNS = (
    "<w:r><w:t>{}</w:t></w:r>",
    '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>',
)
_OTHER_RUNS = (
    "<w:r><w:tab/><w:t>{}</w:t></w:r>",
    "<w:r><w:br/><w:t>{}</w:t></w:r>",
    "<w:r><w:noBreakHyphen/><w:t>{}</w:t></w:r>",
    "<w:hyperlink><w:r><w:t>{}</w:t></w:r></w:hyperlink>",
    "<w:ins><w:r><w:t>{}</w:t></w:r></w:ins>",
    "<w:del><w:r><w:delText>{}</w:delText></w:r></w:del>",
    "<w:r><w:rPr><w:t>{}</w:t></w:rPr></w:r>",
    "<w:r><w:instrText>{}</w:instrText></w:r>",
    "<w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    "</w:txbxContent></mc:Choice></mc:AlternateContent></w:r>",
)
_PARAGRAPH_PROPERTIES = (
    "",
    "",
    '<w:pPr><w:jc w:val="center"/></w:pPr>',
    '<w:pPr><w:pStyle w:val="Plain"/></w:pPr>',
    '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>',
    '<w:pPr><w:pStyle w:val="Numbered"/></w:pPr>',
    '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>',
)
_CELL_PROPERTIES = st.sampled_from(
    ["", "", '<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>', '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>',
     "<w:tcPr><w:vMerge/></w:tcPr>", '<w:tcPr><w:gridSpan w:val="x"/><w:vMerge/></w:tcPr>',
     '<w:tcPr><w:tcW w:w="100"/></w:tcPr><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>']
)  # fmt: skip
_ROW_PROPERTIES = st.sampled_from(
    ["", "", '<w:trPr><w:gridBefore w:val="1"/></w:trPr>', "<w:trPr><w:cantSplit/></w:trPr>"]
)


@st.composite
def _paragraph(draw: st.DrawFn, plain: bool) -> str:
    properties = _PARAGRAPH_PROPERTIES[: 5 if plain else None]
    runs = _PLAIN_RUNS if plain else _PLAIN_RUNS + _OTHER_RUNS
    texts = draw(st.lists(st.tuples(st.sampled_from(runs), _RUN_TEXT), max_size=3))
    return f"<w:p>{draw(st.sampled_from(properties))}{''.join(run.format(text) for run, text in texts)}</w:p>"


@st.composite
def _cell(draw: st.DrawFn, plain: bool, depth: int) -> str:
    content = draw(st.lists(_paragraph(plain), max_size=3))
    if not plain and depth < 1 and draw(st.booleans()):
        content.append(draw(_docx_table(plain=False, depth=depth + 1)))
    if not plain and draw(st.integers(0, 5)) == 0:
        content = [f"<w:sdt><w:sdtPr/><w:sdtContent>{''.join(content)}</w:sdtContent></w:sdt>"]
    return f"<w:tc>{draw(_CELL_PROPERTIES)}{''.join(content)}</w:tc>"


@st.composite
def _docx_table(draw: st.DrawFn, plain: bool, depth: int = 0) -> str:
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        cells = "".join(draw(st.lists(_cell(plain, depth), max_size=4)))
        row = f"<w:tr>{draw(_ROW_PROPERTIES)}{cells}</w:tr>"
        if not plain and draw(st.integers(0, 7)) == 0:
            row = f"<w:customXml>{row}</w:customXml>"
        rows.append(row)
    return f"<w:tbl><w:tblPr/>{''.join(rows)}</w:tbl>"


def _docx(body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body}</w:body></w:document>',
        )
        archive.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W}">{_NUMBERING}</w:numbering>')
        archive.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}">{_STYLES}</w:styles>')
    return buffer.getvalue()


def _read_both_ways(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, int]:
    """The document read with the one-pass reading of plain tables, and without it."""
    passes = []

    def counted(*args: Any) -> Any:
        rows = docx_grid.plain_rows(*args)
        passes.append(rows is not None)
        return rows

    def outcome() -> Any:
        try:
            return read_document(data, format="docx").blocks
        except InputError as error:
            return type(error), str(error)

    with monkeypatch.context() as patch:
        patch.setattr(docx_body, "plain_rows", counted)
        fast = outcome()
    with monkeypatch.context() as patch:
        patch.setattr(docx_body, "plain_rows", lambda *args: None)
        walked = outcome()
    return fast, walked, sum(passes)


@given(st.lists(st.one_of(_paragraph(plain=False), _docx_table(plain=True)), min_size=1, max_size=4))
def test_plain_tables_read_in_one_pass_as_the_walk_reads_them(pieces: list[str]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, walked, passes = _read_both_ways(_docx("".join(pieces)), monkeypatch)
    assert fast == walked
    assert passes == sum(piece.startswith("<w:tbl>") for piece in pieces)  # every plain table took the pass


@given(st.lists(st.one_of(_paragraph(plain=False), _docx_table(plain=False)), min_size=1, max_size=4))
def test_any_table_reads_as_the_walk_reads_it(pieces: list[str]) -> None:
    # Tables with hyperlinks, breaks, list numbers, nested tables or content controls go to
    # the walk; list numbers count on across plain and walked tables alike.
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, walked, _ = _read_both_ways(_docx("".join(pieces)), monkeypatch)
    assert fast == walked


def test_tab_stops_in_paragraph_properties_keep_a_table_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    tab_stops = '<w:pPr><w:tabs><w:tab w:pos="720"/></w:tabs></w:pPr>'
    cell = f"<w:tc><w:p>{tab_stops}<w:r><w:t>总计</w:t></w:r></w:p></w:tc>"
    fast, walked, passes = _read_both_ways(_docx(f"<w:tbl><w:tr>{cell}{cell}</w:tr></w:tbl>"), monkeypatch)
    assert fast == walked
    assert passes == 1
    tabbed = cell.replace("<w:t>", "<w:tab/><w:t>")
    fast, walked, passes = _read_both_ways(_docx(f"<w:tbl><w:tr>{tabbed}</w:tr></w:tbl>"), monkeypatch)
    assert fast == walked
    assert passes == 0
