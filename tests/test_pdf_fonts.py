"""PDF text does not depend on the fonts installed: non-embedded fonts read through one stand-in."""

from __future__ import annotations

import ctypes
import itertools
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.readers import read_document
from govreport.readers.pdf.fonts import ASCENT, DESCENT, FACE_NAME, box_font, stand_in_fonts
from govreport.readers.pdf.reader import _PDFIUM_LOCK
from tests import pdf_font_setups
from tests.pdf_fixtures import PdfBuilder

pytest.importorskip("pypdfium2", reason="the pdf extra (pypdfium2) is not installed")

XS = [60.0, 200.0, 260.0, 340.0, 400.0]
SINGLES = "三0123456789（、）."


def _single_digit_table() -> tuple[bytes, list[list[str]]]:
    """A ruled table whose cells hold single digits, one row per non-embedded font kind.

    Each cell is its own text object; a text object whose glyphs all lack a box is
    dropped by PDFium, so single characters are where fonts make a difference.
    """
    rows = [
        [("第1项", "F1"), ("0", "F1"), ("1000", "F1"), ("7", "F1")],
        [("SimSun", "F2"), ("0", "F2"), ("1000", "F2"), ("7", "F2")],
        [("ArialMT", "F3"), ("0", "F3"), ("1000", "F3"), ("7", "F3")],
        [("Helvetica", "F4"), ("0", "F4"), ("1000", "F4"), ("7", "F4")],
        [("办", "F1"), ("三", "F1"), ("、", "F1"), ("5", "F1")],
    ]
    builder = PdfBuilder()
    page = builder.page()
    ys = [100.0 + 24 * r for r in range(len(rows) + 1)]
    page.grid(XS, ys)
    for top, row in zip(ys, rows, strict=False):
        for x, (text, font) in zip(XS, row, strict=False):
            page.text(x + 4, top + 6, text, font=font)
    return builder.build(), [[text for text, _ in row] for row in rows]


def _single_characters(set_size: float | None = None) -> tuple[bytes, list[str]]:
    """Lines of characters each drawn alone, in every font of the fixture builder.

    With ``set_size`` they are set in a font of that size scaled by the text matrix.
    """
    builder = PdfBuilder()
    page = builder.page(set_size=set_size)
    expected = []
    for line, font in enumerate(("F1", "F2", "F3", "F4")):
        chars = SINGLES if font == "F1" else "0123456789.-A%"
        for i, ch in enumerate(chars):
            page.text(60 + 24 * i, 100 + 30 * line, ch, font=font)
        expected.append(" ".join(chars) if font != "F1" else "三 0 1 2 3 4 5 6 7 8 9 （ 、 ） .")
    return builder.build(), expected


@pytest.mark.parametrize("set_size", [None, 1.0, 100.0], ids=["sized-font", "scaled-1pt", "scaled-100pt"])
def test_single_characters_in_every_non_embedded_font_are_read(set_size: float | None):
    table, rows = _single_digit_table()
    (grid,) = read_document(table, format="pdf").grids
    assert [[c.text for c in row] for row in grid.rows()] == rows
    text, lines = _single_characters(set_size)
    assert [p.text for p in read_document(text, format="pdf").paragraphs] == lines


def _substitute_families(data: bytes) -> set[str]:
    """The family of the font PDFium loaded for each text object (its substitute when not embedded)."""
    import pypdfium2  # type: ignore[import-untyped]

    raw = pypdfium2.raw
    pdf = pypdfium2.PdfDocument(data)
    try:
        families = set()
        for obj in pdf[0].get_objects(filter=(raw.FPDF_PAGEOBJ_TEXT,)):
            font = raw.FPDFTextObj_GetFont(obj.raw)
            size = raw.FPDFFont_GetFamilyName(font, None, 0)
            buffer = ctypes.create_string_buffer(size)
            raw.FPDFFont_GetFamilyName(font, buffer, size)
            families.add(buffer.value.decode())
        return families
    finally:
        pdf.close()


def test_the_stand_in_font_is_in_place_only_while_govreport_reads():
    """Other PDFium users in the process (rendering, say) keep the machine's fonts."""
    import pypdfium2

    table, _ = _single_digit_table()
    with _PDFIUM_LOCK, stand_in_fonts(pypdfium2.raw):
        during = _substitute_families(table)
    read_document(table, format="pdf")
    after = _substitute_families(table)
    assert FACE_NAME.decode() in during
    assert FACE_NAME.decode() not in after


def test_the_box_font_is_a_well_formed_truetype_font():
    data = box_font()
    version, n_tables = struct.unpack(">LH", data[:6])
    assert version == 0x00010000
    tables = {}
    for i in range(n_tables):
        tag, _, offset, length = struct.unpack(">4sLLL", data[12 + 16 * i : 28 + 16 * i])
        tables[tag] = data[offset : offset + length]
    assert set(tables) >= {b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp"}
    assert list(tables) == sorted(tables)  # the directory is sorted by tag
    # Every code point goes to a glyph (no gaps between the groups), and every glyph is a
    # box from the descender to the ascender.
    cmap = tables[b"cmap"]
    (n_encodings,) = struct.unpack(">H", cmap[2:4])
    (offset,) = {struct.unpack(">HHL", cmap[4 + 8 * i : 12 + 8 * i])[2] for i in range(n_encodings)}
    fmt, _, _, _, n_groups = struct.unpack(">HHLLL", cmap[offset : offset + 16])
    groups = [
        struct.unpack(">LLL", cmap[offset + 16 + 12 * i : offset + 28 + 12 * i]) for i in range(n_groups)
    ]
    assert fmt == 13 and groups[0][0] == 0 and groups[-1][1] == 0x10FFFF
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(groups))
    (n_glyphs,) = struct.unpack(">H", tables[b"maxp"][4:6])
    assert {glyph for *_, glyph in groups} <= set(range(1, n_glyphs))
    loca = struct.unpack(f">{n_glyphs + 1}H", tables[b"loca"])
    for glyph in range(n_glyphs):
        start = 2 * loca[glyph]
        contours, x0, y0, _, y1 = struct.unpack(">hhhhh", tables[b"glyf"][start : start + 10])
        assert (contours, x0, y0, y1) == (1, 0, DESCENT, ASCENT)


# ----------------------------------------------------------------------------- font setups


@pytest.fixture(scope="module")
def font_setups(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """What the reader reads from the fixtures under each font setup (run in child processes)."""
    missing = pdf_font_setups.missing_families(pdf_font_setups.SETUPS)
    if missing:
        pytest.skip(
            f"fonts for the setups are not installed ({', '.join(missing)}): "
            f"apt-get install {pdf_font_setups.PACKAGES}"
        )
    work = tmp_path_factory.mktemp("font-setups")
    pdfs = []
    for name, (data, _) in {"table.pdf": _single_digit_table(), "singles.pdf": _single_characters()}.items():
        (work / name).write_bytes(data)
        pdfs.append(work / name)
    results = {}
    for number, setup in enumerate(pdf_font_setups.SETUPS):
        try:
            results[setup] = pdf_font_setups.run_under(setup, pdfs, work / f"setup{number}")
        except OSError as exc:
            pytest.skip(f"cannot hide fonts from PDFium here: {exc}")
    return results


def test_font_setups_really_differ_for_pdfium(font_setups):
    """The control: PDFium's own text page, without the stand-in, drops different characters
    under different setups (so the setups below are not all the same machine)."""
    controls = {setup: tuple(result["singles.pdf"]["control"]) for setup, result in font_setups.items()}
    assert len(set(controls.values())) >= 3, controls


def test_grids_and_text_are_identical_under_every_font_setup(font_setups):
    _, rows = _single_digit_table()
    _, lines = _single_characters()
    for setup, result in font_setups.items():
        assert result["table.pdf"]["grids"] == [rows], setup
        assert result["singles.pdf"]["paragraphs"] == lines, setup


# ----------------------------------------------------------------------------- properties


@given(st.text(alphabet=SINGLES + "ABCxyz%-", min_size=1, max_size=12))
def test_any_run_of_single_character_objects_reads_back(text: str):
    builder = PdfBuilder()
    page = builder.page()
    for i, ch in enumerate(text):
        page.text(60 + 24 * i, 400, ch, font="F1")
    (paragraph,) = read_document(builder.build(), format="pdf").paragraphs
    assert paragraph.text.replace(" ", "") == text
