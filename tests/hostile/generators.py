"""Hostile and malformed inputs for every format, made from scratch or from generated reports.

Each generator returns bytes (or makes a path) that attack one resource: expansion
(zip and flate bombs, entity expansion), amplification (spans, paths, tables), depth,
broken structure (page-tree cycles, damaged zips) or the file system (FIFOs, devices).
Sizes are parameters, so tests use small ones and the benchmark large ones.
"""

from __future__ import annotations

import io
import os
import random
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from govreport.testing import synthetic
from govreport.testing.render import render_docx, render_html
from tests.pdf_fixtures import pdf_from_objects

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


# ---------------------------------------------------------------- valid seeds for mutation


@cache
def valid_text(seed: int = 3) -> bytes:
    """A generated report as UTF-8 text."""
    return synthetic.generate(seed).text.encode("utf-8")


@cache
def valid_html(seed: int = 3) -> bytes:
    """A generated report rendered as an HTML page."""
    return render_html(synthetic.form_document(synthetic.generate(seed)))


@cache
def valid_docx(seed: int = 3) -> bytes:
    """A generated report rendered as a DOCX file."""
    return render_docx(synthetic.form_document(synthetic.generate(seed)))


@cache
def valid_pdf() -> bytes:
    """A small text-layer PDF with a ruled table (made by the tests' PDF writer)."""
    from tests.pdf_fixtures import PdfBuilder

    builder = PdfBuilder()
    page = builder.page()
    page.text(72, 60, "某县人民政府2020年政府信息公开工作年度报告")
    page.text(72, 90, "一、总体情况")
    page.grid([72, 200, 320], [120, 140, 160, 180])
    rows = (("新制作数量", "12"), ("新公开数量", "7"), ("对外公开总数量", "30"))
    for row, (label, value) in enumerate(rows):
        page.text(76, 124 + 20 * row, label)
        page.text(204, 124 + 20 * row, value)
    return builder.build()


# ---------------------------------------------------------------- text


def long_digit_line(n: int) -> bytes:
    """A report heading then one line of ``n`` digits (quadratic in a careless regex)."""
    return ("一、总体情况\n" + "1" * n + "\n").encode("utf-8")


def text_many_tables(count: int) -> bytes:
    """``count`` two-row tab-separated tables, each closed by a line of prose."""
    return ("一、总体情况\n" + "项目\t1\n数量\t2\n说明文字\n" * count).encode()


# ---------------------------------------------------------------- HTML


def html_page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def html_span_values(values: list[str]) -> bytes:
    """A table whose first cell declares each of ``values`` as colspan and rowspan in turn."""
    rows = "".join(f'<tr><td colspan="{v}">a</td><td rowspan="{v}">1</td><td>2</td></tr>' for v in values)
    return html_page(f"<p>总体情况</p><table>{rows}<tr><td>x</td><td>3</td><td>4</td></tr></table>")


def html_huge_spans(rows: int) -> bytes:
    """Every row one cell spanning 1,000 columns and 60,000 rows: millions of grid positions."""
    body = "".join('<tr><td colspan="1000" rowspan="60000">x</td><td>1</td></tr>' for _ in range(rows))
    return html_page(f"<table>{body}</table>")


def html_charset(name: str) -> bytes:
    """A page that declares ``name`` as its charset."""
    return html_page("<p>一、总体情况</p><p>本年度新制作12件。</p>", f'<meta charset="{name}">')


def html_billion_laughs(levels: int = 10) -> bytes:
    """Nested entity definitions in an internal DTD subset (the classic entity-expansion bomb)."""
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)]
    dtd = "<!DOCTYPE html [" + "".join(lines) + "]>"
    return (dtd + f"<html><body><p>一、总体情况</p><p>&lol{levels - 1};</p></body></html>").encode()


def html_xxe(target: str = "file:///etc/passwd") -> bytes:
    """An external entity naming a local file: it must never be read into the report."""
    dtd = f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{target}">]>'
    return (dtd + "<html><body><p>一、总体情况</p><p>&xxe;</p></body></html>").encode()


def html_deep_nesting(depth: int) -> bytes:
    return html_page("<div>" * depth + "一、总体情况" + "</div>" * depth)


def html_many_tables(count: int) -> bytes:
    table = "<table><tr><td>项目</td><td>数量</td></tr><tr><td>新制作</td><td>1</td></tr></table>"
    return html_page("<p>一、总体情况</p>" + table * count)


# ---------------------------------------------------------------- DOCX


def docx_from_xml(document_xml: bytes, *, level: int = 9, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal DOCX around ``document_xml`` (deflated at ``level``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("word/document.xml", document_xml)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def _document(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_inflation_bomb(inflated_mib: int) -> bytes:
    """A valid DOCX whose document.xml inflates to ``inflated_mib`` MiB of one repeated paragraph."""
    unit = _paragraph("1").encode()
    head, tail = _document("@").split(b"@")
    body = unit * (inflated_mib * 1024 * 1024 // len(unit))
    return docx_from_xml(head + body + tail)


def docx_lying_sizes(inflated_mib: int) -> bytes:
    """A zip bomb whose headers claim document.xml is tiny: only counting while inflating stops it."""
    data = bytearray(docx_inflation_bomb(inflated_mib))
    name = b"word/document.xml"
    # Patch the uncompressed size in the local header and the central directory entry.
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := data.find(signature, at)) != -1:
            name_offset = 30 if signature == b"PK\x03\x04" else 46
            if data[at + name_offset : at + name_offset + len(name)] == name:
                data[at + size_offset : at + size_offset + 4] = (1000).to_bytes(4, "little")
            at += 4
    return bytes(data)


def docx_many_tables(count: int) -> bytes:
    """``count`` small tables of the same shape: thousands of pieces of one split table."""
    row = "<w:tr>" + "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>" * 3 + "</w:tr>"
    table = f"<w:tbl>{row * 2}</w:tbl>"
    return docx_from_xml(_document(_paragraph("一、总体情况") + table * count))


def docx_wide_spans(rows: int) -> bytes:
    """Rows of cells each spanning 1,000 grid columns."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>'
    table = "<w:tbl>" + f"<w:tr>{cell * 5}</w:tr>" * rows + "</w:tbl>"
    return docx_from_xml(_document(table))


def docx_billion_laughs(levels: int = 10) -> bytes:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)]
    prolog = "<!DOCTYPE w:document [" + "".join(lines) + "]>"
    return docx_from_xml(_document(_paragraph("一、总体情况") + _paragraph(f"&lol{levels - 1};"), prolog))


def docx_xxe(target: str = "file:///etc/passwd") -> bytes:
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{target}">]>'
    return docx_from_xml(_document(_paragraph("一、总体情况") + _paragraph("&xxe;"), prolog))


def docx_deep_nesting(depth: int) -> bytes:
    """Tables nested in table cells ``depth`` deep."""
    inner = _paragraph("1")
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    return docx_from_xml(_document(_paragraph("一、总体情况") + inner))


def encrypted_office_file() -> bytes:
    """What Word writes for a password-protected DOCX: an OLE compound file, not a zip."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    return header + bytes(512 - len(header)) + b"EncryptionInfo".ljust(512, b"\x00") * 4


# ---------------------------------------------------------------- PDF


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 12 Tf 72 720 Td (2020) Tj ET\n"


def _page(font: int, contents: int, parent: int = 2) -> bytes:
    return b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] " % parent + (
        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, contents)
    )


def _flate_stream(content: bytes) -> bytes:
    packed = zlib.compress(content, 6)
    return b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed) + packed + b"\nendstream"


def _stream_of_spaces(mib: int) -> bytes:
    """A flate stream of ``mib`` MiB of spaces, compressed block by block (never held whole)."""
    packer = zlib.compressobj(1)  # fastest: a 1 GiB bomb is still under 10 MiB
    block = b" " * (1 << 20)
    packed = b"".join(packer.compress(block) for _ in range(mib)) + packer.flush()
    return b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed) + packed + b"\nendstream"


def _one_page_pdf(content_stream: bytes, trailer: bytes = b"", extra: list[bytes] | None = None) -> bytes:
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objects = [catalog, pages, _page(4, 5), _FONT, content_stream, *(extra or [])]
    return pdf_from_objects(objects, root=1, trailer=trailer, version="1.7")


def pdf_text(text: bytes = b"2020") -> bytes:
    """A one-page PDF with one line of text."""
    return _one_page_pdf(_flate_stream(b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"))


def pdf_flate_bomb(mib: int) -> bytes:
    """A page whose content stream inflates to ``mib`` MiB (spaces: valid, and empty of text)."""
    return _one_page_pdf(_stream_of_spaces(mib))


def pdf_path_bomb(paths: int) -> bytes:
    """``paths`` tiny filled rectangles, each its own path object, after a line of text."""
    rects = b"".join(b"%d %d 1 1 re f\n" % (i % 500, (i // 500) % 800) for i in range(paths))
    return _one_page_pdf(_flate_stream(_TEXT + rects))


def pdf_segment_bomb(segments: int) -> bytes:
    """One stroked path of ``segments`` line segments, after a line of text."""
    moves = b"".join(b"%d %d l\n" % (100 + i % 300, 100 + (i // 300) % 500) for i in range(segments))
    return _one_page_pdf(_flate_stream(_TEXT + b"10 10 m\n" + moves + b"S\n"))


def pdf_ruling_grid(lines: int) -> bytes:
    """``lines`` horizontal and ``lines`` vertical long rulings: the table finder's worst case."""
    step = 780 / lines
    rules = b"".join(b"0.5 w 10 %.2f m 580 %.2f l S\n" % (10 + i * step, 10 + i * step) for i in range(lines))
    rules += b"".join(b"0.5 w %.2f 10 m %.2f 830 l S\n" % (10 + i * 0.5, 10 + i * 0.5) for i in range(lines))
    return _one_page_pdf(_flate_stream(_TEXT + rules))


def pdf_page_tree_cycle() -> bytes:
    """A page tree whose Pages node lists itself among its kids."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    pages = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 /Parent 2 0 R >>"
    return pdf_from_objects([catalog, pages, _page(4, 5), _FONT, _flate_stream(_TEXT)], root=1, version="1.7")


def pdf_many_pages(pages: int) -> bytes:
    """``pages`` pages sharing one small content stream."""
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        _FONT,
        _flate_stream(_TEXT),
    ]
    objects += [_page(3, 4)] * pages
    return pdf_from_objects(objects, root=1, version="1.7")


def pdf_encrypted() -> bytes:
    """A PDF with the standard security handler and a user password it does not give."""
    encrypt = b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <%s> /U <%s> >>" % (
        b"11" * 32,
        b"22" * 32,
    )
    trailer = b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (b"ab" * 16, b"ab" * 16)
    return _one_page_pdf(_flate_stream(_TEXT), trailer, [encrypt])


# ---------------------------------------------------------------- mutations


def bit_flips(data: bytes, rng: random.Random, count: int) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def shuffle_chunks(data: bytes, rng: random.Random, pieces: int) -> bytes:
    cuts = sorted(rng.sample(range(1, len(data)), min(pieces - 1, len(data) - 1)))
    chunks = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]
    rng.shuffle(chunks)
    return b"".join(chunks)


# Cell texts that stay well-formed XML: numbers of every kind, placeholders, nothing at all.
_NODE_TEXTS = (b"0", b"-1", b"\xef\xbc\x91\xef\xbc\x92", b"9" * 40, b"", b"&amp;", b"1.5", "见附件".encode())


def scramble_text_nodes(data: bytes, rng: random.Random) -> bytes:
    """XML ``data`` with the text of some nodes replaced: still well-formed, so it gets past the parser."""
    pieces = re.split(rb"(>[^<]+<)", data)
    for i in range(1, len(pieces), 2):
        if rng.random() < 0.2:
            pieces[i] = b">" + rng.choice(_NODE_TEXTS) + b"<"
    return b"".join(pieces)


def mutate_docx_part(data: bytes, rng: random.Random, part: str = "word/document.xml") -> bytes:
    """The DOCX ``data`` with ``part`` mutated inside a sound zip: the reader's XML walk is reached."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == part and rng.random() < 0.5:
                content = scramble_text_nodes(content, rng)
            elif info.filename == part:
                name = rng.choice(sorted(MUTATIONS))
                content = MUTATIONS[name](content, rng)
            target.writestr(info.filename, content)
    return out.getvalue()


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "bit flips": lambda data, rng: bit_flips(data, rng, rng.randint(1, 16)),
    "truncation": truncate,
    "chunk shuffle": lambda data, rng: shuffle_chunks(data, rng, rng.randint(2, 8)),
}


# ---------------------------------------------------------------- file-system objects


def fifo(folder: Path) -> Path:
    """A named pipe with no writer: opening it for reading would block forever."""
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def link_to_dev_zero(folder: Path) -> Path:
    """A symlink with a report's name pointing to an endless device."""
    path = folder / "zero.txt"
    path.symlink_to("/dev/zero")
    return path


def folder_named_like_a_report(folder: Path) -> Path:
    path = folder / "report.docx"
    path.mkdir()
    return path


def sparse_file(folder: Path, mib: int) -> Path:
    """A file that claims ``mib`` MiB (of zeros) without using the disk."""
    path = folder / "sparse.txt"
    with path.open("wb") as handle:
        handle.truncate(mib * 1024 * 1024)
    return path


# ---------------------------------------------------------------- the catalogue of cases


@dataclass(frozen=True)
class Case:
    """One hostile input, written into a folder as a file (or a file-system object) to parse."""

    name: str
    suffix: str
    make: Callable[[], bytes] | None = None
    place: Callable[[Path], Path] | None = None

    def write(self, folder: Path) -> Path:
        if self.place is not None:
            return self.place(folder)
        assert self.make is not None
        path = folder / f"{self.name.replace(' ', '-')}{self.suffix}"
        path.write_bytes(self.make())
        return path


def _shuffled_docx() -> bytes:
    rng = random.Random(0)
    return shuffle_chunks(valid_docx(), rng, rng.randint(2, 8))


CASES: tuple[Case, ...] = (
    Case("text: 1.9M-digit line", ".txt", lambda: long_digit_line(1_900_000)),
    Case("text: 9 MB digit line", ".txt", lambda: long_digit_line(9_000_000)),
    Case(
        "text: 20k small tables",
        ".txt",
        lambda: ("一、总体情况\n" + "项目\t1\n数量\t2\n说明\n" * 20_000).encode(),
    ),
    Case("html: colspan ²", ".html", lambda: html_span_values(["²", "³"])),
    Case("html: 5,000-digit rowspan", ".html", lambda: html_span_values(["9" * 5000])),
    Case("html: huge spans", ".html", lambda: html_huge_spans(300)),
    Case("html: charset hex", ".html", lambda: html_charset("hex")),
    Case("html: charset undefined", ".html", lambda: html_charset("undefined")),
    Case("html: billion laughs", ".html", html_billion_laughs),
    Case("html: XXE", ".html", html_xxe),
    Case("html: 300 levels deep", ".html", lambda: html_deep_nesting(300)),
    Case("html: 20k small tables", ".html", lambda: html_many_tables(20_000)),
    Case("html: 1.3M paragraphs", ".html", lambda: html_page("<p>1</p>" * 1_300_000)),
    Case("html: 490k paragraphs (under the limit)", ".html", lambda: html_page("<p>1</p>" * 490_000)),
    Case("docx: 95 MB inflated", ".docx", lambda: docx_inflation_bomb(95)),
    Case("docx: 95 MB, lying headers", ".docx", lambda: docx_lying_sizes(95)),
    Case("docx: 15 MB inflated", ".docx", lambda: docx_inflation_bomb(15)),
    Case("docx: 5 MB inflated (under the limits)", ".docx", lambda: docx_inflation_bomb(5)),
    Case("docx: 20k small tables", ".docx", lambda: docx_many_tables(20_000)),
    Case("docx: 40k small tables", ".docx", lambda: docx_many_tables(40_000)),
    Case("docx: 3,000 rows of 1,000-column spans", ".docx", lambda: docx_wide_spans(3000)),
    Case("docx: wide spans", ".docx", lambda: docx_wide_spans(100)),
    Case("docx: billion laughs", ".docx", docx_billion_laughs),
    Case("docx: XXE", ".docx", docx_xxe),
    Case("docx: 300 tables deep", ".docx", lambda: docx_deep_nesting(300)),
    Case("docx: shuffled chunks", ".docx", _shuffled_docx),
    Case("docx: encrypted", ".docx", encrypted_office_file),
    Case("pdf: 1 GiB flate bomb", ".pdf", lambda: pdf_flate_bomb(1024)),
    Case("pdf: 2M tiny paths", ".pdf", lambda: pdf_path_bomb(2_000_000)),
    Case("pdf: 400k tiny paths", ".pdf", lambda: pdf_path_bomb(400_000)),
    Case("pdf: 2M-segment path", ".pdf", lambda: pdf_segment_bomb(2_000_000)),
    Case("pdf: 3,000 x 3,000 rulings", ".pdf", lambda: pdf_ruling_grid(3000)),
    Case("pdf: page-tree cycle", ".pdf", pdf_page_tree_cycle),
    Case("pdf: 301 pages", ".pdf", lambda: pdf_many_pages(301)),
    Case("pdf: encrypted", ".pdf", pdf_encrypted),
    Case("file: FIFO", ".txt", place=fifo),
    Case("file: symlink to /dev/zero", ".txt", place=link_to_dev_zero),
    Case("file: folder", ".docx", place=folder_named_like_a_report),
    Case("file: sparse 1 GiB", ".txt", place=lambda folder: sparse_file(folder, 1024)),
)
"""Every hostile input at the sizes of issue 7, for the benchmark; tests use smaller sizes."""
