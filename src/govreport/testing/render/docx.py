"""Render a document as a DOCX file with real merged cells, written with the standard library."""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

from attrs import frozen

from govreport.errors import UnknownNameError
from govreport.model.document import Document, Grid, GridCell, Paragraph
from govreport.normalize.numbers import cn_to_int

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TEXT_WIDTH = 9000  # twips across an A4 page inside its margins
_HEADINGS = (  # (level, pattern of the printed number, Word number format, level text)
    (0, re.compile(r"^([一二三四五六七八九十]{1,3})、"), "chineseCounting", "%1、"),
    (1, re.compile(r"^（([一二三四五六七八九十]{1,3})）"), "chineseCounting", "（%1）"),
)

_OOXML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{_OOXML}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{_OOXML}.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="{_OOXML}.numbering+xml"/>
</Types>"""
_ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}">
<Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}">
<Relationship Id="rId1" Type="{_DOC_REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{_DOC_REL}/numbering" Target="numbering.xml"/>
</Relationships>"""
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{_W}">
<w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:eastAsia="Noto Serif CJK SC"/>
<w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>
</w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>
</w:styles>"""


TEXT_DIRECTIONS = ("tbRlV", "tbRl", "btLr", "lrTbV", "tbLrV")
"""``w:textDirection`` values a cell may be printed with (vertical East Asian, rotated)."""
_CELL_SIZE = 18  # half-points: table text is printed at 9 pt
_VALUE = re.compile(r"[\d,，.]*")


@frozen(kw_only=True)
class TableLook:
    """How tables are printed, for fixtures that copy a particular office's layout.

    The default look is the plain one: equal columns, horizontal text, rows as tall as
    their text.

    Attributes:
        text_direction: ``(cell text, w:textDirection)`` pairs: cells with that text are
            printed vertically, e.g. ``tbRlV`` (characters upright, top to bottom) or
            ``btLr`` (the line turned to read bottom to top).
        column_widths: ``(table index, relative widths)`` pairs: that table's grid columns
            share the text width in these proportions.
        value_align: ``w:vAlign`` (``top``, ``center``, ``bottom``) of cells that hold a
            number or nothing.
        tall_rows: ``(cell text, lines)`` pairs: a row with a cell of that text is at least
            that many lines of table text tall.
        new_page: indices of tables that start a new page together with the paragraph
            before them (their caption), so that a table shorter than a page is not split.
    """

    text_direction: tuple[tuple[str, str], ...] = ()
    column_widths: tuple[tuple[int, tuple[int, ...]], ...] = ()
    value_align: str | None = None
    tall_rows: tuple[tuple[str, int], ...] = ()
    new_page: tuple[int, ...] = ()

    def __attrs_post_init__(self) -> None:
        for _, direction in self.text_direction:
            if direction not in TEXT_DIRECTIONS:
                raise UnknownNameError("text direction", direction, TEXT_DIRECTIONS)

    def widths(self, grid: Grid, n_cols: int) -> list[int]:
        """Twips of each grid column of ``grid``."""
        weights = dict(self.column_widths).get(grid.index)
        if weights is None or len(weights) != n_cols:
            return [_TEXT_WIDTH // n_cols] * n_cols
        total = sum(weights)
        return [_TEXT_WIDTH * w // total for w in weights]

    def cell_properties(self, cell: GridCell) -> str:
        """Extra ``w:tcPr`` children of ``cell`` (schema order: direction before alignment)."""
        props = ""
        direction = dict(self.text_direction).get(cell.text)
        if direction:
            props += f'<w:textDirection w:val="{direction}"/>'
        if self.value_align and _VALUE.fullmatch(cell.text.strip()):
            props += f'<w:vAlign w:val="{self.value_align}"/>'
        return props

    def row_properties(self, row: tuple[GridCell, ...]) -> str:
        """``w:trPr`` of a row made taller than its text."""
        tall = dict(self.tall_rows)
        lines = max((tall.get(cell.text, 0) for cell in row), default=0)
        if not lines:
            return ""
        # A line of 9 pt text is about 12 pt (240 twips) with LibreOffice's and Word's leading.
        return f'<w:trPr><w:trHeight w:val="{lines * 240}" w:hRule="atLeast"/></w:trPr>'


def _run(text: str) -> str:
    parts = []
    for i, piece in enumerate(text.split("\t")):
        if i:
            parts.append("<w:tab/>")
        if piece:
            parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{''.join(parts)}</w:r>" if parts else ""


def _paragraph(text: str, num: tuple[int, int] | None = None, size: int | None = None) -> str:
    props = ""
    if num is not None:
        props = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>'
    run = _run(text)
    if size is not None and run:
        run = run.replace("<w:r>", f'<w:r><w:rPr><w:sz w:val="{size}"/></w:rPr>', 1)
    return f"<w:p>{props}{run}</w:p>"


def _table(grid: Grid, look: TableLook) -> str:
    n_cols = max(grid.n_cols, 1)
    widths = look.widths(grid, n_cols)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        "<w:tbl><w:tblPr>",
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>',
        '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    # A vertically merged origin is continued by an empty vMerge cell in each row below it.
    continuations: dict[tuple[int, int], int] = {}
    for cell in grid.cells:
        for r in range(cell.row + 1, cell.row + cell.row_span):
            continuations[(r, cell.col)] = cell.col_span
    for r, row in enumerate(grid.rows()):
        pieces: list[tuple[int, str]] = []
        for cell in row:
            props = f'<w:tcW w:w="{sum(widths[cell.col : cell.col + cell.col_span])}" w:type="dxa"/>'
            if cell.col_span > 1:
                props += f'<w:gridSpan w:val="{cell.col_span}"/>'
            if cell.row_span > 1:
                props += '<w:vMerge w:val="restart"/>'
            props += look.cell_properties(cell)
            pieces.append(
                (cell.col, f"<w:tc><w:tcPr>{props}</w:tcPr>{_paragraph(cell.text, size=_CELL_SIZE)}</w:tc>")
            )
        for (row_index, col), span in continuations.items():
            if row_index == r:
                props = f'<w:tcW w:w="{sum(widths[col : col + span])}" w:type="dxa"/>'
                props += (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + "<w:vMerge/>"
                pieces.append((col, f"<w:tc><w:tcPr>{props}</w:tcPr><w:p/></w:tc>"))
        pieces.sort(key=lambda p: p[0])
        out.append("<w:tr>" + look.row_properties(row) + "".join(xml for _, xml in pieces) + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


class _Numbering:
    """Word list numbering for headings: one list per level, restarted where printed numbers jump."""

    def __init__(self) -> None:
        self.nums: list[tuple[int, int, int]] = []  # (numId, level, start)
        self.current: dict[int, tuple[int, int]] = {}  # level -> (numId, next number)

    def take(self, text: str) -> tuple[str, tuple[int, int] | None]:
        """The paragraph text without its printed number, and the (numId, level) to number it with."""
        for level, pattern, _, _ in _HEADINGS:
            match = pattern.match(text)
            number = cn_to_int(match.group(1)) if match else None
            if match is None or number is None or not text[match.end() :].strip():
                continue
            num_id, expected = self.current.get(level, (0, 0))
            if number != expected:
                num_id = len(self.nums) + 1
                self.nums.append((num_id, level, number))
            self.current[level] = (num_id, number + 1)
            for deeper in [k for k in self.current if k > level]:
                del self.current[deeper]  # a new parent heading restarts the sub-list
            return text[match.end() :], (num_id, 0)
        return text, None

    def xml(self) -> str:
        abstract = []
        for level, _, fmt, lvl_text in _HEADINGS:
            abstract.append(
                f'<w:abstractNum w:abstractNumId="{level}"><w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:suff w:val="nothing"/><w:lvlText w:val="{lvl_text}"/><w:lvlJc w:val="left"/></w:lvl>'
                "</w:abstractNum>"
            )
        nums = [
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{level}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
            for num_id, level, start in self.nums
        ]
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{_W}">'
            + "".join(abstract + nums)
            + "</w:numbering>"
        )


def render_docx(document: Document, *, numbering: bool = False, look: TableLook | None = None) -> bytes:
    """The document as DOCX bytes.

    Grids become bordered tables whose merged cells are real ``gridSpan`` and
    ``vMerge`` merges. With ``numbering=True`` section headings (``一、`` and ``（一）``
    paragraphs) lose their printed number and get it from Word list numbering instead,
    so a reader must generate the number to find the sections. ``look`` prints the
    tables another way (vertical text, column widths, tall rows); see :class:`TableLook`.
    """
    look = look or TableLook()
    lists = _Numbering()
    body: list[str] = []
    previous_was_table = False
    for position, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            following = document.blocks[position + 1] if position + 1 < len(document.blocks) else None
            if isinstance(following, Grid) and following.index in look.new_page:
                body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            text, num = lists.take(block.text) if numbering else (block.text, None)
            body.append(_paragraph(text, num))
            previous_was_table = False
        else:
            if previous_was_table:
                body.append("<w:p/>")  # Word joins tables that touch; keep them apart
            body.append(_table(block, look))
            previous_was_table = True
    section = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992"'
        ' w:gutter="0"/></w:sectPr>'
    )
    document_xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}" xmlns:r="{_R}">'
        f"<w:body>{''.join(body)}{section}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/document.xml": document_xml,
        "word/styles.xml": _STYLES,
        "word/numbering.xml": lists.xml(),
    }
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            # A fixed time stamp: the same document gives the same bytes (bundled examples).
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), xml, zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()
