"""The DOCX reader: body order, merged cells, Word list numbering, text boxes, broken archives."""

from __future__ import annotations

import contextlib
import io
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import FormatVersion, MissingDependencyError, parse
from govreport.errors import ArchiveError, InputError, UnsupportedFormatError
from govreport.readers import detect_format, read_document
from govreport.readers.docx import archive
from govreport.readers.docx.numformats import chinese_counting, format_number
from govreport.testing import synthetic
from govreport.testing.render import render_docx
from tests.formats import grid_shapes, report_signature

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _package(body: str, *, numbering: str | None = None, styles: str | None = None, **parts: str) -> bytes:
    """A DOCX archive around a hand-written ``w:body``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
        )
        if numbering is not None:
            archive.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>')
        if styles is not None:
            archive.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}">{styles}</w:styles>')
        for name, content in parts.items():
            archive.writestr(name.replace("__", "/").replace("_xml", ".xml"), content)
    return buffer.getvalue()


def _p(text: str, props: str = "") -> str:
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text)}</w:tc>"


# --- the fixture builder's property: DOCX parses as the text does -------------------------------


@given(
    seed=st.integers(min_value=0, max_value=10**6),
    layout=st.sampled_from(["v2019", "v2021"]),
    numbering=st.booleans(),
)
def test_generated_report_reads_the_same_from_docx_as_from_text(
    seed: int, layout: str, numbering: bool
) -> None:
    report = synthetic.generate(seed, layout=layout)
    document = synthetic.form_document(report, catalogue=False)
    data = render_docx(document, numbering=numbering)

    from_docx = parse(data)

    assert from_docx.source.format == "docx"
    assert report_signature(from_docx) == report_signature(parse(report.text))
    assert from_docx.version is FormatVersion(layout)
    assert grid_shapes(read_document(data)) == grid_shapes(document)


def test_rendered_docx_has_real_merges_and_numbering() -> None:
    data = render_docx(synthetic.form_document(synthetic.generate(2, layout="v2019")), numbering=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert '<w:gridSpan w:val="7"/>' in xml  # 申请人情况
    assert '<w:vMerge w:val="restart"/>' in xml and "<w:vMerge/>" in xml
    assert "一、总体情况" not in xml and "<w:numId" in xml  # the number comes from Word


# --- hand-made files ------------------------------------------------------------------------------

_CHINESE_LIST = (
    '<w:abstractNum w:abstractNumId="7">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
    '<w:suff w:val="nothing"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
    '<w:suff w:val="nothing"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>'
)


def test_heading_numbers_generated_by_word_numbering() -> None:
    heading_style = (
        '<w:style w:type="paragraph" w:styleId="Heading1">'
        '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>'
    )
    level = '<w:pPr><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="3"/></w:numPr></w:pPr>'
    body = "".join(
        [
            _p("某县2021年政府信息公开工作年度报告"),
            _p("总体情况", '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'),
            _p("主动公开", level.format(1)),
            _p("制度建设", level.format(1)),
            _p("第一项", level.format(2)),
            _p("主动公开政府信息情况", '<w:pPr><w:pStyle w:val="MyHeading"/></w:pPr>'),
            _p("平台建设", level.format(1)),
            _p("无编号", '<w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>'),
        ]
    )
    document = read_document(_package(body, numbering=_CHINESE_LIST, styles=heading_style))
    assert [p.text for p in document.paragraphs] == [
        "某县2021年政府信息公开工作年度报告",
        "一、总体情况",
        "（一）主动公开",
        "（二）制度建设",
        "1. 第一项",  # default suffix: a tab, read as a space
        "二、主动公开政府信息情况",
        "（一）平台建设",  # a new parent restarts the sub-list
        "无编号",
    ]


def test_rendered_numbering_restarts_where_printed_numbers_jump() -> None:
    text = "\n".join(
        ["某局2022年政府信息公开工作年度报告", "一、总体情况", "三、跳号", "（二）小节", "（三）小节"]
    )
    source = read_document(text.encode("utf-8"), format="text")
    document = read_document(render_docx(source, numbering=True))
    assert [p.text for p in document.paragraphs] == [p.text for p in source.paragraphs]


def test_vmerge_and_gridspan_are_real_spans() -> None:
    rows = [
        "<w:tr>"
        + _tc("A", '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>')
        + _tc("B")
        + _tc("C")
        + "</w:tr>",
        "<w:tr>"
        + _tc("", '<w:gridSpan w:val="2"/><w:vMerge/>')
        + _tc("d", '<w:vMerge w:val="restart"/>')
        + _tc("e")
        + "</w:tr>",
        "<w:tr>" + _tc("f") + _tc("g") + _tc("", '<w:vMerge w:val="continue"/>') + _tc("h") + "</w:tr>",
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc("i", '<w:gridSpan w:val="3"/>') + "</w:tr>",
    ]
    body = _p("表") + "<w:tbl><w:tblGrid/>" + "".join(rows) + "</w:tbl>" + _p("后文")
    document = read_document(_package(body))
    (grid,) = document.grids
    assert (grid.n_rows, grid.n_cols) == (4, 4)
    cells = {(c.row, c.col): (c.text, c.row_span, c.col_span) for c in grid.cells}
    assert cells == {
        (0, 0): ("A", 2, 2),
        (0, 2): ("B", 1, 1),
        (0, 3): ("C", 1, 1),
        (1, 2): ("d", 2, 1),
        (1, 3): ("e", 1, 1),
        (2, 0): ("f", 1, 1),
        (2, 1): ("g", 1, 1),
        (2, 3): ("h", 1, 1),
        (3, 1): ("i", 1, 3),
    }
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Grid", "Paragraph"]
    assert grid.cells[0].location.table == 0 and grid.location.line == 2


def test_text_box_label_is_kept_and_headers_footers_comments_are_not() -> None:
    box = (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="urn:wps"><w:txbxContent>'
        f"{_p('三、收到和处理政府信息公开申请情况')}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><w:txbxContent>{_p('三、收到和处理政府信息公开申请情况')}</w:txbxContent>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = (
        _p("前文")
        + f"<w:p>{box}</w:p>"
        + '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>正文</w:t></w:r>'
        + '<w:r><w:commentReference w:id="0"/></w:r>'
        + "<w:del><w:r><w:delText>删去的字</w:delText></w:r></w:del>"
        + "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins></w:p>"
    )
    data = _package(
        body,
        word__header1_xml=f'<w:hdr xmlns:w="{W}">{_p("页眉文字")}</w:hdr>',
        word__footer1_xml=f'<w:ftr xmlns:w="{W}">{_p("- 1 -")}</w:ftr>',
        word__comments_xml=f'<w:comments xmlns:w="{W}"><w:comment>{_p("批注")}</w:comment></w:comments>',
    )
    assert [p.text for p in read_document(data).paragraphs] == [
        "前文",
        "三、收到和处理政府信息公开申请情况",
        "正文插入",
    ]


def test_cell_paragraphs_and_nested_tables() -> None:
    nested = "<w:tbl><w:tr>" + _tc("子项") + _tc("说明") + "</w:tr></w:tbl>"
    cell = f"<w:tc>{_p('社会公益')}{_p('组织')}</w:tc>"
    body = "<w:tbl><w:tr>" + cell + _tc("12") + f"<w:tc>{nested}</w:tc>" + "</w:tr></w:tbl>"
    (grid,) = read_document(_package(body)).grids
    assert [c.text for c in grid.cells] == ["社会公益组织", "12", "子项 说明"]


def test_line_break_in_a_body_paragraph_splits_it() -> None:
    body = "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:tab/><w:t>尾</w:t></w:r></w:p>"
    assert [p.text for p in read_document(_package(body)).paragraphs] == ["第一行", "第二行\t尾"]


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCounting", "十二"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCountingThousand", "一百零五"),
        (3, "ideographTraditional", "丙"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (7, "decimalFullWidth", "７"),
        (2, "decimalEnclosedCircle", "②"),
        (9, "unknownFormat", "9"),
    ],
)
def test_word_number_formats(value: int, fmt: str, text: str) -> None:
    assert format_number(value, fmt) == text


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_counting_reads_back(value: int) -> None:
    from govreport.normalize.numbers import cn_to_int

    assert cn_to_int(chinese_counting(value)) == value


# --- detection and bad archives --------------------------------------------------------------------


def test_sniffing_by_content_then_extension() -> None:
    data = render_docx(read_document("正文\n".encode(), format="text"))
    assert detect_format(data) == "docx"
    assert detect_format(data, "report.txt") == "docx"  # content wins over a wrong name
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert detect_format(other_zip.getvalue(), "book.docx") == "docx"  # falls back to the name…
    with pytest.raises(ArchiveError, match=r"no word/document\.xml"):  # …and the reader says why
        read_document(other_zip.getvalue(), path="book.docx")


def test_broken_zip_is_an_archive_error() -> None:
    data = render_docx(read_document("正文\n".encode(), format="text"))
    with pytest.raises(ArchiveError, match="zip"):
        read_document(data[: len(data) // 2], format="docx")
    with pytest.raises(ArchiveError):
        read_document(b"not a zip at all", format="docx")


def test_corrupt_member_and_bad_xml_are_archive_errors() -> None:
    good = _package(_p("正文"))
    start = good.index(b"word/document.xml") + len("word/document.xml")
    damaged = good[:start] + bytes(b ^ 0xFF for b in good[start : start + 8]) + good[start + 8 :]
    with pytest.raises(InputError):
        read_document(damaged, format="docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(ArchiveError, match="not well-formed"):
        read_document(buffer.getvalue(), format="docx")


def test_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_PART_BYTES", 10_000)
    filler = "<w:p/>" * 5_000  # 30 kB that compresses to almost nothing
    data = _package(_p("正文") + filler)
    assert len(data) < 2_000
    with pytest.raises(ArchiveError, match="zip bomb"):
        read_document(data, format="docx")


def test_zip_bomb_with_a_lying_size_header_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_PART_BYTES", 10_000)
    data = bytearray(_package(_p("正文") + "<w:p/>" * 5_000))
    # Rewrite the central directory's uncompressed size of word/document.xml to 100 bytes.
    name = b"word/document.xml"
    central = data.rindex(b"PK\x01\x02", 0, data.rindex(name))
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    with pytest.raises(InputError):
        read_document(bytes(data), format="docx")


def test_docx_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no text"):
        read_document(_package("<w:p/><w:sectPr/>"), format="docx")


def test_missing_lxml_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lxml", None)
    with pytest.raises(MissingDependencyError, match=r"govreport\[docx\]"):
        read_document(_package(_p("正文")), format="docx")


# --- the real seeds, converted by the fixture builder -----------------------------------------


@pytest.mark.seeds
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_reads_the_same_from_docx(seeds_dir: Path, prefix: str) -> None:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    document = read_document(path.read_bytes(), path=str(path))
    expected = report_signature(parse(path))
    for numbering in (False, True):
        assert report_signature(parse(render_docx(document, numbering=numbering))) == expected


# --- damaged archives never crash ------------------------------------------------------------------


@given(st.data())
def test_damaged_docx_reads_or_fails_with_an_input_error(data: st.DataObject) -> None:
    original = render_docx(read_document("一、总体情况\n项目\t数量\n合计\t3\n".encode(), format="text"))
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(damaged) // 2, len(damaged)))
    with contextlib.suppress(InputError):  # an error must be an input error; a read must not crash
        read_document(bytes(damaged[:cut]), format="docx")


@given(st.binary(max_size=200))
def test_random_bytes_as_docx_are_input_errors(data: bytes) -> None:
    with pytest.raises(InputError):
        read_document(b"PK\x03\x04" + data, format="docx")


def test_strict_open_xml_is_refused_clearly() -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{strict}"><w:body/></w:document>')
    with pytest.raises(UnsupportedFormatError, match="Strict Open XML"):
        read_document(buffer.getvalue())


def test_text_box_in_legacy_fallback_only_and_block_order() -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = (
        f'<w:r><mc:AlternateContent xmlns:mc="{mc}"><mc:Fallback><w:pict><w:txbxContent>'
        f"{_p('二、主动公开政府信息情况')}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    document = read_document(
        _package(_p("前文") + f"<w:p>{box}<w:r><w:t>锚点</w:t></w:r></w:p>" + _p("后文"))
    )
    assert [(p.text, p.location.line) for p in document.paragraphs] == [
        ("前文", 1),
        ("二、主动公开政府信息情况", 2),
        ("锚点", 3),
        ("后文", 4),
    ]


def test_table_cells_with_tabs_breaks_hyphens_numbering_and_merges() -> None:
    level = (
        '<w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>'  # a tab stop, not a tab
        '<w:numPr><w:ilvl w:val="2"/><w:numId w:val="3"/></w:numPr></w:pPr>'
    )
    odd = (
        f"<w:tc><w:p>{level}<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>12</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>34</w:t><w:noBreakHyphen/><w:t>5</w:t></w:r></w:p></w:tc>"
    )
    rows = [
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + odd
        + _tc("B", '<w:vMerge w:val="restart"/>')
        + "</w:tr>",
        "<w:tr>" + _tc("x") + _tc("y") + _tc("", "<w:vMerge/>") + "</w:tr>",
        "<w:tr></w:tr>",
    ]
    data = _package("<w:tbl>" + "".join(rows) + "</w:tbl>", numbering=_CHINESE_LIST)
    # gridBefore shifts row 0 by a column; the vMerge runs down two rows; the empty row has no cells.
    assert grid_shapes(read_document(data, format="docx")) == [
        [("1. 甲 乙 12 34-5", 0, 1, 1, 1), ("B", 0, 2, 2, 1), ("x", 1, 0, 1, 1), ("y", 1, 1, 1, 1)]
    ]
