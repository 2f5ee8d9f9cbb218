"""The HTML reader: decoding, page chrome, catalogue fields, spans, split and nested tables."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import CellState, FormatVersion, MissingDependencyError, parse
from govreport.errors import InputError, LimitExceededError
from govreport.readers import detect_format, read_document
from govreport.tables.layouts import APPLICATIONS, REVIEW_LITIGATION
from govreport.testing import synthetic
from govreport.testing.render import render_html
from tests.formats import grid_shapes, report_signature
from tests.helpers import HEADER_ALIGNED, Rejections, applications_text, report_text, zero_rows


def _page(body: str, *, head: str = "") -> str:
    return f"<!DOCTYPE html>\n<html><head>{head}<title>t</title></head>\n<body>\n{body}\n</body></html>\n"


def _row(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _table(lines: list[str]) -> str:
    """Tab-separated lines as one HTML table, one cell per field."""
    return "<table>" + "".join(_row(*line.split("\t")) for line in lines) + "</table>"


def _applications_lines(layout: str = "v2019") -> list[str]:
    rows = {key: [str((i * 7 + j) % 13) for j in range(6)] for i, key in enumerate(zero_rows(layout))}
    for values in rows.values():
        values.append(str(sum(int(v) for v in values)))
    return applications_text(rows, layout).strip("\n").split("\n")[1:]  # without the heading line


# --- the fixture builder's property: HTML parses as the text does -------------------------------


@given(
    seed=st.integers(min_value=0, max_value=10**6),
    layout=st.sampled_from(["v2019", "v2021"]),
    encoding=st.sampled_from(["utf-8", "gb18030"]),
    chrome=st.booleans(),
)
def test_generated_report_reads_the_same_from_html_as_from_text(
    seed: int, layout: str, encoding: str, chrome: bool
) -> None:
    report = synthetic.generate(seed, layout=layout)
    document = synthetic.form_document(report)
    page = render_html(
        document, encoding=encoding, chrome=chrome, declare_charset="gbk" if encoding != "utf-8" else True
    )

    from_html = parse(page)
    from_text = parse(report.text)

    assert from_html.source.format == "html"
    assert from_html.source.encoding == encoding
    assert report_signature(from_html) == report_signature(from_text)
    assert from_html.version is FormatVersion(layout)
    # The reader rebuilt the merged cells exactly as rendered.
    assert grid_shapes(read_document(page)) == grid_shapes(document)


def test_form_document_has_genuinely_merged_headers() -> None:
    document = synthetic.form_document(synthetic.generate(4, layout="v2021"))
    spans = {(c.text, c.row_span, c.col_span) for g in document.grids for c in g.cells}
    assert ("申请人情况", 1, 7) in spans
    assert ("法人或其他组织", 1, 5) in spans
    assert ("自然人", 2, 1) in spans
    assert ("行政诉讼", 1, 10) in spans
    page = render_html(document).decode("utf-8")
    assert 'colspan="7"' in page and 'rowspan="2"' in page


def test_generated_report_values_are_the_truth() -> None:
    truth = synthetic.generate(21, layout="v2019")
    report = parse(render_html(synthetic.form_document(truth), encoding="gb18030"))
    for (table, row, column), value in truth.values.items():
        if table in (APPLICATIONS, REVIEW_LITIGATION):
            cell = report.table(table).cell(row, column)
            assert (cell.state, cell.value) == (CellState.READ, value)


# --- decoding ------------------------------------------------------------------------------------

_GBK_ONLY = "朱镕基和王喆"  # 镕 and 喆 are not in GB2312: pages labelled gb2312 still carry them


def test_gbk_page_with_meta_charset() -> None:
    page = _page(
        f"<p>{_GBK_ONLY}</p>", head='<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    )
    document = read_document(page.encode("gbk"), path="page.html")
    assert document.source.encoding == "gb18030"
    assert [p.text for p in document.paragraphs] == [_GBK_ONLY]


def test_page_without_declared_charset_is_decoded_by_content() -> None:
    page = _page(f"<p>{_GBK_ONLY}，统计期限</p>")
    assert read_document(page.encode("gb18030")).source.encoding == "gb18030"
    utf8 = read_document(page.encode("utf-8"))
    assert utf8.source.encoding == "utf-8"
    assert utf8.paragraphs[0].text == f"{_GBK_ONLY}，统计期限"


def test_byte_order_mark_wins_over_declared_charset() -> None:
    page = _page(f"<p>{_GBK_ONLY}</p>", head='<meta charset="gbk">')
    document = read_document(b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert document.source.encoding == "utf-8-sig"
    assert document.paragraphs[0].text == _GBK_ONLY


def test_xml_declaration_and_comments_before_markup_are_sniffed() -> None:
    page = '<?xml version="1.0" encoding="gbk"?>\n<!-- cms -->\n<html><body><p>正文</p></body></html>'
    data = page.encode("gbk")
    assert detect_format(data) == "html"
    assert read_document(data).paragraphs[0].text == "正文"


def test_text_with_stray_markup_is_not_taken_for_html() -> None:
    text = "一、总体情况<br>\n本年度……\n"
    assert detect_format(text.encode("utf-8"), "report.txt") == "text"
    assert detect_format(b"<p>fragment</p>", "page.htm") == "html"  # by extension only


# --- the page around the report ------------------------------------------------------------------


def test_cms_chrome_is_dropped_and_catalogue_kept() -> None:
    body = "\n".join(
        [
            '<div class="top-nav"><ul><li><a href="/">首页</a></li><li>政务公开</li></ul></div>',
            "<nav>互动交流</nav>",
            '<div class="position">当前位置：首页 &gt; 年度报告</div>',
            '<table class="info"><tr><td>索引号：</td><td>001/2021-00012</td>',
            "<td>发布机构：</td><td>城关街道办事处</td></tr>",
            "<tr><td>发布日期：</td><td>2021-01-20</td><td>文号：</td><td>城关办〔2021〕3号</td></tr></table>",
            '<div id="zoom"><p>城关街道办事处2020年政府信息公开工作年度报告</p>',
            "<p>一、总体情况</p><p>本年度，我办认真贯彻落实条例。</p></div>",
            '<div class="bdsharebuttonbox">分享到：<a>微信</a></div>',
            "<script>var x = '<p>脚本文字</p>';</script><style>p{color:red}</style>",
            '<div class="footer">版权所有 网站标识码</div>',
        ]
    )
    data = _page(body).encode("utf-8")
    document = read_document(data)
    assert [p.text for p in document.paragraphs] == [
        "城关街道办事处2020年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度，我办认真贯彻落实条例。",
    ]
    assert document.grids == ()  # the catalogue table is metadata, not a report table
    assert document.source.catalogue == (
        ("索引号", "001/2021-00012"),
        ("发布机构", "城关街道办事处"),
        ("发布日期", "2021-01-20"),
        ("文号", "城关办〔2021〕3号"),
    )
    report = parse(data)
    assert report.metadata.document_number == "城关办〔2021〕3号"  # the text itself has none
    assert report.metadata.year == 2020


def test_catalogue_in_spans_with_inline_values() -> None:
    body = (
        '<div class="xxgk"><span>索引号：A01-2022</span><span>发布机构：县教育局</span>'
        "<span>文号：</span></div><p>县教育局2021年政府信息公开工作年度报告</p>"
    )
    document = read_document(_page(body).encode("utf-8"))
    assert dict(document.source.catalogue) == {"索引号": "A01-2022", "发布机构": "县教育局", "文号": ""}
    assert [p.text for p in document.paragraphs] == ["县教育局2021年政府信息公开工作年度报告"]


def test_page_of_chrome_only_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no report text"):
        read_document(_page('<div class="footer">版权所有</div><script>1</script>').encode())


def test_br_splits_paragraphs_and_locations_are_source_lines() -> None:
    page = "<html><body>\n<p>第一行<br>第二行</p>\n\n<div>第三行</div>\n</body></html>"
    document = read_document(page.encode("utf-8"))
    assert [(p.text, p.location.line) for p in document.paragraphs] == [
        ("第一行", 2),
        ("第二行", 2),
        ("第三行", 4),
    ]


def test_runs_of_spaces_and_nbsp_survive_whitespace_collapsing() -> None:
    page = _page("<p>报&nbsp;&nbsp; 告\n  正文</p>")
    assert read_document(page.encode()).paragraphs[0].text == "报   告 正文"


# --- tables ---------------------------------------------------------------------------------------


def test_rowspan_and_colspan_make_a_true_grid() -> None:
    table = (
        "<table>"
        '<tr><td rowspan="2" colspan="2">A</td><td colspan="2">B</td></tr>'
        "<tr><td>c</td><td>d</td></tr>"
        '<tr><td>e</td><td rowspan="0">f</td><td>g</td><td>h</td></tr>'
        '<tr><td>i</td><td colspan="x">j</td><td>k</td></tr>'
        "</table>"
    )
    (grid,) = read_document(_page(table).encode()).grids
    assert (grid.n_rows, grid.n_cols) == (4, 4)
    cells = {(c.row, c.col): (c.text, c.row_span, c.col_span) for c in grid.cells}
    assert cells == {
        (0, 0): ("A", 2, 2),
        (0, 2): ("B", 1, 2),
        (1, 2): ("c", 1, 1),
        (1, 3): ("d", 1, 1),
        (2, 0): ("e", 1, 1),
        (2, 1): ("f", 2, 1),  # rowspan=0: to the end of the table
        (2, 2): ("g", 1, 1),
        (2, 3): ("h", 1, 1),
        (3, 0): ("i", 1, 1),
        (3, 2): ("j", 1, 1),  # placed after the covered position; a bad colspan counts as 1
        (3, 3): ("k", 1, 1),
    }
    assert {c.location.line for c in grid.cells} == {4} and {c.location.table for c in grid.cells} == {0}


def test_nbsp_cells_are_blank_not_missing() -> None:
    lines = _applications_lines()
    fields = lines[3].split("\t")
    lines[3] = "\t".join([*fields[:4], "&nbsp;", *fields[5:]])
    text = report_text(f"<p>三、收到和处理政府信息公开申请情况</p>{_table(lines)}")
    report = parse(_page(text.replace("\n", "<br>\n")).encode("utf-8"))
    cell = report.table(APPLICATIONS).cell("new_received", "commercial_enterprise")
    assert cell.state is CellState.BLANK


def test_wrapped_header_cells_join_and_values_keep_their_columns() -> None:
    lines = _applications_lines()
    header = lines[2].split("\t")
    header[6] = "社会公益<br>组织"
    header[7] = "<p>法律服务</p><p>机构</p>"
    lines[2] = "\t".join(header)
    table = _table(lines)
    (grid,) = read_document(_page(table).encode()).grids
    assert {c.text for c in grid.cells if c.row == 2} >= {"社会公益组织", "法律服务机构"}
    plain = parse(_page(_table(_applications_lines())).encode())
    wrapped = parse(_page(table).encode())
    assert report_signature(wrapped)["tables"] == report_signature(plain)["tables"]
    assert all(c.state is CellState.READ for c in wrapped.table(APPLICATIONS).cells)


def test_digits_wrapped_in_a_cell_do_not_become_one_number() -> None:
    (grid,) = read_document(_page("<table><tr><td>总计</td><td>12<br>34</td></tr></table>").encode()).grids
    assert grid.cells[1].text == "12 34"


def test_header_spans_that_do_not_line_up_with_the_body() -> None:
    lines = _applications_lines()
    merged_header = (
        '<tr><td colspan="2">(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)</td>'
        '<td colspan="8">申请人情况</td></tr>'
        '<tr><td colspan="2"></td><td>自然人</td><td colspan="5">法人或其他组织</td><td>总计</td></tr>'
        '<tr><td colspan="3"></td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>'
        "<td>法律服务机构</td><td>其他</td></tr>"
    )
    body_rows = "".join(_row(*line.split("\t")) for line in lines[3:])
    page = _page(f"<table>{merged_header}{body_rows}</table>")
    report = parse(page.encode())
    expected = parse("\n".join(["三、收到和处理政府信息公开申请情况", *lines]))
    assert report_signature(report)["tables"] == report_signature(expected)["tables"]


def test_table_split_into_several_tables_is_one_grid() -> None:
    lines = _applications_lines()
    whole = _page(_table(lines))
    split_at = 12
    plain_split = _page(_table(lines[:split_at]) + "\n\n" + _table(lines[split_at:]))
    repeated_header = _page(_table(lines[:split_at]) + _table(HEADER_ALIGNED + lines[split_at:]))
    expected = read_document(whole.encode())
    for page in (plain_split, repeated_header):
        document = read_document(page.encode())
        assert grid_shapes(document) == grid_shapes(expected)
        assert (
            report_signature(parse(page.encode()))["tables"]
            == report_signature(parse(whole.encode()))["tables"]
        )


def test_tables_with_prose_between_or_own_header_or_other_width_stay_apart() -> None:
    lines = _applications_lines()
    with_prose = _page(_table(lines[:12]) + "<p>续表</p>" + _table(lines[12:]))
    own_header = _page(_table(lines) + _table(["项目\t数量\t备注", "甲\t1\t无"]))
    other_width = _page(_table(lines[:12]) + _table(["合计\t1\t2"]))
    assert len(read_document(with_prose.encode()).grids) == 2
    assert len(read_document(own_header.encode()).grids) == 2
    assert len(read_document(other_width.encode()).grids) == 2


def test_layout_table_around_the_report_is_unwrapped() -> None:
    truth = synthetic.generate(8, layout="v2021")
    inner = render_html(synthetic.form_document(truth), chrome=False).decode("utf-8")
    inner_body = inner.split("<body>", 1)[1].split("</body>", 1)[0]
    page = _page(f'<table width="100%"><tr><td>{inner_body}</td></tr></table>')
    assert report_signature(parse(page.encode())) == report_signature(parse(truth.text))


def test_nested_data_table_in_a_cell_reads_as_cell_text() -> None:
    page = _page(
        "<table><tr><td>项目</td><td>数量</td><td>备注</td></tr>"
        "<tr><td>甲</td><td>3</td><td><table><tr><td>子项</td><td>说明</td></tr></table></td></tr></table>"
    )
    (grid,) = read_document(page.encode()).grids
    assert (grid.n_rows, grid.n_cols) == (2, 3)
    assert grid.cells[-1].text == "子项 说明"  # nothing lost, nothing turned into a column


def test_missing_lxml_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lxml", None)
    with pytest.raises(MissingDependencyError, match=r"govreport\[html\]"):
        read_document(_page("<p>x</p>").encode())


# --- the real seeds, converted by the fixture builder -----------------------------------------


@pytest.mark.seeds
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_reads_the_same_from_html(seeds_dir: Path, prefix: str) -> None:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    document = read_document(path.read_bytes(), path=str(path))
    expected = report_signature(parse(path))
    for page in (render_html(document), render_html(document, encoding="gb18030", declare_charset="gbk")):
        assert report_signature(parse(page)) == expected


# --- bad and hostile input ----------------------------------------------------------------------

_TAGS = st.sampled_from(["table", "tr", "td", "th", "p", "br", "div", "span", "tbody", "b", "script", "nav"])
_ATTRS = st.sampled_from(
    ["", ' rowspan="2"', ' colspan="3"', ' rowspan="0"', ' colspan="-1"', ' rowspan="x"', ' class="share"']
)
_TEXT = st.text(alphabet="0123456789一、（）总计&nbsp;<>  \n", max_size=8)
_VISIBLE = st.sampled_from(["总计", "一、总体情况", "12", "（一）"])


@st.composite
def _markup(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 2))
        tag = draw(_TAGS)
        if kind == 0:
            pieces.append(f"<{tag}{draw(_ATTRS)}>")
        elif kind == 1:
            pieces.append(f"</{tag}>")
        else:
            pieces.append(draw(_TEXT))
    # A visible word somewhere (maybe in a script or chrome), and one in front of all markup,
    # where nothing can hide it. Without it a third of the pages held no text, and in some runs
    # of 25 examples (repeats and near-repeats) over half were rejected.
    pieces.insert(draw(st.integers(0, len(pieces))), draw(_VISIBLE))
    return draw(_VISIBLE) + "".join(pieces)


def test_any_markup_reads_or_fails_with_an_input_error() -> None:
    rejections = Rejections()

    @given(_markup(), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
    def reads_or_fails(markup: str, encoding: str) -> None:
        data = ("\ufeff" if encoding == "utf-16" else "") + "<html><body>" + markup
        try:
            document = read_document(data.encode(encoding), format="html")
        except InputError as error:
            rejections.rejected(error)
            return
        rejections.checked()
        for grid in document.grids:
            for cell in grid.cells:
                assert cell.row >= 0 and cell.row + cell.row_span <= grid.n_rows
                assert cell.col >= 0 and cell.col + cell.col_span <= grid.n_cols
                assert cell.location.table == grid.index

    reads_or_fails()
    rejections.assert_share_at_most(0.5)  # none: every page holds its leading word


def test_spans_are_bounded() -> None:
    rows = '<tr><td colspan="99999" rowspan="99999">x</td><td>y</td></tr>' + "<tr><td>a</td><td>b</td></tr>"
    (grid,) = read_document(_page(f"<table>{rows}</table>").encode()).grids
    assert (grid.n_rows, grid.n_cols) == (2, 1002)
    assert (grid.cells[0].row_span, grid.cells[0].col_span) == (2, 1000)  # rows to the table's end
    assert [(c.text, c.col) for c in grid.cells[1:]] == [("y", 1000), ("a", 1000), ("b", 1001)]
    huge = "<tr>" + '<td colspan="1000">x</td>' * 2500 + "</tr>"
    with pytest.raises(LimitExceededError, match="grid_cells"):
        read_document(_page(f"<table>{huge}</table>").encode())


def test_binary_and_empty_pages_are_input_errors() -> None:
    with pytest.raises(InputError):
        read_document(b"<html>\x00\x01\x02</html>", format="html")
    with pytest.raises(InputError):
        read_document(b"   ", format="html")


def test_split_table_whose_row_spans_run_into_the_next_piece() -> None:
    document = synthetic.form_document(synthetic.generate(12, layout="v2019"))
    page = render_html(document, chrome=False).decode("utf-8")
    start = page.index("申请人情况")  # inside table 三, whose label cells span many rows
    rows = [i for i in range(start, len(page)) if page.startswith("<tr>", i)]
    cut = rows[12]  # inside 三、本年度办理结果 (rowspan 20) and a group label's rowspan
    split = page[:cut] + '</tbody>\n</table>\n<table border="1"><tbody>\n' + page[cut:]
    assert split.count("<table") == page.count("<table") + 1
    assert grid_shapes(read_document(split.encode())) == grid_shapes(document)
    assert report_signature(parse(split.encode())) == report_signature(parse(page.encode()))


def test_article_header_with_the_title_is_not_chrome() -> None:
    body = (
        '<header class="site-header"><div class="logo">门户网站</div><ul><li>首页</li></ul></header>'
        '<article><header class="article-header"><h1>县教育局2022年政府信息公开工作年度报告</h1></header>'
        "<p>一、总体情况</p></article>"
        '<div id="footer">版权所有</div>'
    )
    document = read_document(_page(body).encode())
    assert [p.text for p in document.paragraphs] == ["县教育局2022年政府信息公开工作年度报告", "一、总体情况"]
    assert parse(_page(body).encode()).metadata.year == 2022


@pytest.mark.parametrize(
    "box",
    [
        "<p>索引号：A01-2022　发布机构：县教育局</p><p>发布日期：2022-01-05　文号：无</p>",
        "<table><tr><th>索引号</th><td>A01-2022</td><th>发布机构</th><td>县教育局</td></tr>"
        "<tr><th>发布日期</th><td>2022-01-05</td><th>文号</th><td>无</td></tr></table>",
        "<dl><dt>索引号：</dt><dd>A01-2022</dd><dt>发布机构：</dt><dd>县教育局</dd>"
        "<dt>发布日期：</dt><dd>2022-01-05</dd><dt>文号：</dt><dd>无</dd></dl>",
        "<div><p><b>索引号：</b>A01-2022</p><p><b>发布机构：</b>县教育局</p></div>"
        "<p><b>发布日期：</b>2022-01-05 <b>文号：</b>无</p>",
    ],
)
def test_catalogue_layouts(box: str) -> None:
    body = f'<div class="main">{box}<div id="zoom"><p>县教育局2021年政府信息公开工作年度报告</p>' + (
        "<p>一、总体情况</p></div></div>"
    )
    document = read_document(_page(body).encode())
    assert document.source.catalogue == (
        ("索引号", "A01-2022"),
        ("发布机构", "县教育局"),
        ("发布日期", "2022-01-05"),
        ("文号", "无"),
    )
    assert [p.text for p in document.paragraphs] == ["县教育局2021年政府信息公开工作年度报告", "一、总体情况"]
    assert document.grids == ()
    metadata = parse(_page(body).encode()).metadata
    assert metadata.document_number is None  # 文号：无 is not a document number
    assert metadata.organ == "县教育局"


def test_nesting_too_deep_to_read_fully_is_refused() -> None:
    page = "<html><body>" + "<div>" * 300 + "正文" + "</div>" * 300
    with pytest.raises(InputError, match="256 levels"):
        read_document(page.encode(), format="html")
