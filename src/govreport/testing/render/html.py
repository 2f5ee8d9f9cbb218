"""Render a document as an HTML page, optionally inside the chrome of a government CMS."""

from __future__ import annotations

import html
import re

from govreport.model.document import Document, Grid, Paragraph

_SPACE_RUN = re.compile(r" {2,}")
_NAV = ("首页", "政务公开", "政府信息公开", "政务服务", "互动交流", "走进本地")


def _text(text: str) -> str:
    """Escape text so an HTML reader gets it back exactly: runs of spaces survive as &nbsp;."""
    escaped = html.escape(text, quote=False)
    return _SPACE_RUN.sub(lambda m: " " + "&nbsp;" * (len(m.group()) - 1), escaped)


def _grid(grid: Grid) -> list[str]:
    out = ['<table border="1" cellspacing="0" cellpadding="0" class="MsoNormalTable">', "<tbody>"]
    covered: set[tuple[int, int]] = set()
    for cell in grid.cells:
        covered.update(
            (r, c)
            for r in range(cell.row, cell.row + cell.row_span)
            for c in range(cell.col, cell.col + cell.col_span)
            if (r, c) != (cell.row, cell.col)
        )
    for row in grid.rows():
        out.append("<tr>")
        col = 0
        for cell in row:
            while col < cell.col:  # a hole in the grid: keep later cells in their columns
                if (cell.row, col) not in covered:
                    out.append("<td></td>")
                col += 1
            spans = ""
            if cell.row_span > 1:
                spans += f' rowspan="{cell.row_span}"'
            if cell.col_span > 1:
                spans += f' colspan="{cell.col_span}"'
            body = _text(cell.text) if cell.text else "&nbsp;"
            out.append(f'<td{spans} valign="center"><p align="center"><span>{body}</span></p></td>')
            col = cell.col + cell.col_span
        out.append("</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _catalogue(document: Document) -> list[str]:
    fields = document.source.catalogue
    if not fields:
        return []
    out = ['<table class="xxgk-info" width="100%">']
    for i in range(0, len(fields), 2):
        pair = fields[i : i + 2]
        cells = "".join(f"<th>{_text(label)}：</th><td>{_text(value)}</td>" for label, value in pair)
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return out


def render_html(
    document: Document,
    *,
    encoding: str = "utf-8",
    chrome: bool = True,
    declare_charset: bool | str = True,
) -> bytes:
    """The document as an HTML page, encoded in ``encoding``.

    Args:
        document: paragraphs become ``<p>``, grids become ``<table>`` with
            ``rowspan``/``colspan`` for merged cells and ``&nbsp;`` in blank cells.
        encoding: ``utf-8`` or ``gb18030`` (any Python codec works).
        chrome: wrap the report in a CMS page: navigation, breadcrumb, the catalogue
            fields of ``document.source.catalogue``, a share bar, footer, scripts and styles.
        declare_charset: ``True`` declares ``encoding`` in a ``<meta>``; a string declares
            that label instead (``"gbk"`` for a GB18030 page, as CMSs do); ``False`` omits it.
    """
    title = next((p.text for p in document.paragraphs[:6] if p.text.endswith("报告")), "年度报告")
    head = ["<!DOCTYPE html>", "<html>", "<head>"]
    if declare_charset:
        label = encoding if declare_charset is True else declare_charset
        head.append(f'<meta http-equiv="Content-Type" content="text/html; charset={label}">')
    head.append(f"<title>{_text(title)}</title>")
    if chrome:
        head += [
            "<style>.nav li{float:left} .TRS_Editor p{line-height:2em}</style>",
            '<script type="text/javascript">var siteId = "1"; /* <p>统计代码</p> */</script>',
        ]
    head += ["</head>", "<body>"]
    body: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            body.append(f"<p>{_text(block.text)}</p>")
        else:
            body += _grid(block)
    if not chrome:
        return "\n".join([*head, *body, "</body>", "</html>", ""]).encode(encoding, "xmlcharrefreplace")
    nav = "".join(f'<li><a href="/{i}/">{name}</a></li>' for i, name in enumerate(_NAV))
    page = [
        *head,
        '<div class="header"><div class="logo">政府门户网站</div>',
        f'<ul class="nav">{nav}</ul></div>',
        '<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a>'
        " &gt; 年度报告</div>",
        '<div class="main">',
        *_catalogue(document),
        '<div class="article">',
        '<div class="TRS_Editor" id="zoom">',
        *body,
        "</div>",
        '<div class="bdsharebuttonbox share">分享到：<a href="#">微信</a><a href="#">微博</a>'
        '<a href="javascript:window.print()">打印本页</a>'
        '<a href="javascript:window.close()">关闭窗口</a></div>',
        "</div>",
        "</div>",
        '<div class="footer"><p>主办单位：人民政府办公室　版权所有</p>'
        "<p>网站标识码：0000000000　ICP备00000000号</p></div>",
        '<script type="text/javascript">document.write("<p>访问量</p>");</script>',
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(page).encode(encoding, "xmlcharrefreplace")
