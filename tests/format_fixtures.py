"""Generated reports converted by LibreOffice (DOCX → PDF, DOCX → DOC), cached per session.

Conversion takes a second or two per file, so PDF and DOC tests run on a fixed sample
of seeds (both format versions) instead of a hypothesis search.
"""

from __future__ import annotations

from functools import cache

import pytest

from govreport import Report, parse
from govreport.readers import office
from govreport.testing import synthetic

SAMPLE = ((7, "v2019"), (8, "v2021"), (21, "v2019"), (22, "v2021"))
"""(seed, layout) of the generated reports every converted format is checked on."""

needs_soffice = pytest.mark.skipif(
    office.find_soffice() is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui",
)


@cache
def report(seed: int, layout: str) -> synthetic.SyntheticReport:
    return synthetic.generate(seed, layout=layout)


@cache
def docx_bytes(seed: int, layout: str) -> bytes:
    from govreport.testing.render import render_docx

    return render_docx(synthetic.form_document(report(seed, layout)))


@cache
def _converted_sample(target: str) -> dict[tuple[int, str], bytes]:
    # One LibreOffice run for the whole sample: starting soffice costs more than a file.
    outputs = office.convert_many([docx_bytes(*key) for key in SAMPLE], source="docx", target=target)
    return dict(zip(SAMPLE, outputs, strict=True))


def converted(seed: int, layout: str, target: str) -> bytes:
    """The generated report ``seed`` as ``target`` (``pdf`` or ``doc``), made from its DOCX."""
    if (seed, layout) in SAMPLE:
        return _converted_sample(target)[(seed, layout)]
    return office.convert(docx_bytes(seed, layout), source="docx", target=target)


def table_cells(parsed: Report) -> dict[tuple[str, str, str], tuple[object, object]]:
    return {(c.table, c.row, c.column): (c.value, c.state) for t in parsed.tables for c in t.cells}


def finding_keys(parsed: Report) -> list[tuple[str, tuple[tuple[str, str, str], ...]]]:
    return sorted((f.rule, tuple((c.table, c.row, c.column) for c in f.cells)) for f in parsed.findings)


def assert_same_report(converted_report: Report, text: str) -> None:
    """Tables (values and states), format version and findings equal those of the text."""
    expected = parse(text)
    assert converted_report.version is expected.version
    assert table_cells(converted_report) == table_cells(expected)
    assert finding_keys(converted_report) == finding_keys(expected)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OOXML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
RUNNING_HEADER = "某县人民政府办公室"


def as_printed(docx: bytes, *, header_rows: dict[int, int], cell_size: int = 24) -> bytes:
    """``docx`` the way offices print it: page numbers ``- n -`` in the footer, a running
    header, the first ``header_rows[t]`` rows of table ``t`` repeated on every page it spans,
    and cell text at ``cell_size`` half-points (larger type makes tables break across pages).
    """
    import io
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx))
    parts = {name: source.read(name) for name in source.namelist()}

    def part(tag: str, body: str) -> bytes:
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{tag} xmlns:w="{_W}">'
            f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{body}</w:p></w:{tag}>'
        ).encode()

    parts["word/footer1.xml"] = part(
        "ftr",
        '<w:r><w:t xml:space="preserve">- </w:t></w:r><w:fldSimple w:instr=" PAGE ">'
        '<w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> -</w:t></w:r>',
    )
    parts["word/header1.xml"] = part("hdr", f"<w:r><w:t>{RUNNING_HEADER}</w:t></w:r>")
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdFooter" Type="{_REL}/footer" Target="footer1.xml"/>'
        f'<Relationship Id="rIdHeader" Type="{_REL}/header" Target="header1.xml"/></Relationships>',
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode()
    types = types.replace(
        "</Types>",
        f'<Override PartName="/word/footer1.xml" ContentType="{_OOXML}.footer+xml"/>'
        f'<Override PartName="/word/header1.xml" ContentType="{_OOXML}.header+xml"/></Types>',
    )
    parts["[Content_Types].xml"] = types.encode()
    body = parts["word/document.xml"].decode()
    body = body.replace(
        "<w:sectPr>",
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter"/>',
    )
    tables = body.split("<w:tbl>")
    for index, rows in header_rows.items():
        piece = tables[index + 1]
        for _ in range(rows):
            piece = piece.replace("<w:tr>", "<w:tr ><w:trPr><w:tblHeader/></w:trPr>", 1)
        tables[index + 1] = piece.replace("<w:tr >", "<w:tr>")
    body = "<w:tbl>".join(tables)
    body = re.sub(r'<w:sz w:val="18"/>', f'<w:sz w:val="{cell_size}"/>', body)
    parts["word/document.xml"] = body.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def without_borders(docx: bytes) -> bytes:
    """``docx`` with every table border removed (tables printed without ruling lines)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace(b'w:val="single"', b'w:val="nil"')
            archive.writestr(name, data)
    return out.getvalue()
