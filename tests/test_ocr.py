"""OCR of scanned reports (issue 12): generated reports printed to PDF, scanned and spoiled.

The fixtures come from the project's own code: a synthetic report rendered to DOCX,
printed to PDF by LibreOffice, rasterised at 300 dpi, turned, grained, JPEG-compressed
and stamped with a red seal (:mod:`govreport.testing.scans`), wrapped in an image-only PDF.
Every table cell must come out as the text PDF's does.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from govreport import (
    DocumentStatus,
    MissingDependencyError,
    MissingProgramError,
    OcrOptions,
    Parser,
    from_json,
    iter_parse,
    parse,
    to_json,
)
from govreport.app.cli import main
from govreport.errors import NoTextLayerError
from govreport.model.confidence import HIGH_CONFIDENCE, LOW_CONFIDENCE, TRUSTED_DPI, failure_origin
from govreport.model.document import Location, OcrMark
from govreport.model.findings import CellRef, Origin
from govreport.model.tables import CellState
from govreport.readers import read_document
from govreport.readers.ocr import cells, engine, image, rulings
from govreport.readers.ocr.bands import ink_bands
from govreport.readers.ocr.engine import TextLine
from govreport.testing import scans
from tests.format_fixtures import converted, needs_soffice, table_cells

pytest.importorskip("tesserocr", reason="the ocr extra (tesserocr) is not installed")
pypdfium2 = pytest.importorskip("pypdfium2", reason="the pdf extra (pypdfium2) is not installed")

FIXTURE = (7, "v2019")
"""The generated report scanned and spoiled for the end-to-end tests (three pages at 300 dpi)."""
CLEAN_FIXTURE = (8, "v2021")
"""A report of the other layout, scanned clean (rasterised and wrapped, nothing spoiled)."""


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path, object]:
    """The text PDF, its scanned copy on disk, and the batch result of parsing that copy."""
    pdf = converted(*FIXTURE, "pdf")
    path = tmp_path_factory.mktemp("scans") / "scanned.pdf"
    path.write_bytes(scans.scanned_pdf(pdf, 300, scans.SCANNED, seed=FIXTURE[0]))
    (result,) = iter_parse([path])
    return pdf, path, result


@needs_soffice
def test_every_cell_of_a_scanned_report_at_300_dpi(scanned) -> None:
    pdf, _, result = scanned
    assert result.status in (DocumentStatus.OK, DocumentStatus.PARTIAL)
    assert table_cells(result.report) == table_cells(parse(pdf))


@needs_soffice
def test_every_cell_of_a_clean_scan_of_the_other_layout_at_300_dpi() -> None:
    pdf = converted(*CLEAN_FIXTURE, "pdf")
    report = parse(scans.scanned_pdf(pdf, 300, scans.CLEAN))
    assert report.version.value == "v2021"
    assert table_cells(report) == table_cells(parse(pdf))


@needs_soffice
def test_scanned_report_says_it_was_ocred_and_how_sure(scanned) -> None:
    _, _, result = scanned
    report = result.report
    assert report.source.format == "pdf"
    assert report.source.ocr is not None
    assert (report.source.ocr.engine, report.source.ocr.dpi, report.source.ocr.pages) == ("tesseract", 300, 3)
    read = [c for t in report.tables for c in t.cells if c.raw]
    assert read and all(c.location.ocr is not None and c.location.ocr.dpi == 300 for c in read)
    assert all(0 <= c.location.ocr.confidence <= 100 for c in read)
    assert report.metadata.year == parse(converted(*FIXTURE, "pdf")).metadata.year
    assert from_json(to_json(report)) == report


@needs_soffice
def test_o1_names_every_unsure_number_and_nothing_else(scanned) -> None:
    report = scanned[2].report
    unsure = {
        (c.table, c.row, c.column)
        for t in report.tables
        for c in t.cells
        if c.location
        and c.location.ocr
        and c.location.ocr.confidence < LOW_CONFIDENCE
        and c.value is not None
    }
    named = {(ref.table, ref.row, ref.column) for f in report.findings if f.rule == "O1" for ref in f.cells}
    assert unsure  # the report prints some digits full-width, which Tesseract reads unsurely
    assert named == unsure


@needs_soffice
def test_o1_fires_on_a_degraded_cell() -> None:
    from PIL import ImageFilter

    pdf = converted(7, "v2019", "pdf")
    truth = parse(pdf).table("active").cell("regulations", "made")
    page = scans.render_pages(pdf, 300)[0]
    box = tuple(round(v * 300 / 72) for v in truth.location.bbox)
    page.paste(page.crop(box).filter(ImageFilter.GaussianBlur(3)), box[:2])  # a smudged number
    out = io.BytesIO()
    page.save(out, "PNG", dpi=(300, 300))
    report = parse(out.getvalue())
    cell = report.table("active").cell("regulations", "made")
    assert cell.location.ocr.confidence < LOW_CONFIDENCE
    (o1,) = [f for f in report.findings if f.rule == "O1" and f.cells[0].row == "regulations"]
    assert [(r.table, r.row, r.column) for r in o1.cells] == [("active", "regulations", "made")]
    assert o1.origin is Origin.READING and o1.location == cell.location


@needs_soffice
def test_a_page_image_is_an_input_format() -> None:
    page = scans.scanned_pages(converted(7, "v2019", "pdf"), 300, scans.CLEAN)[0]
    out = io.BytesIO()
    page.save(out, "PNG", dpi=(300, 300))
    document = read_document(out.getvalue(), path="page-1.png")
    assert document.source.format == "image"
    assert document.source.ocr is not None and document.source.ocr.pages == 1
    texts = [c.text for g in document.grids for c in g.cells]
    assert "规范性文件" in texts and "66.1259" in texts
    assert any("政府信息公开工作年度报告" in p.text for p in document.paragraphs)


@needs_soffice
def test_no_ocr_fails_a_scanned_pdf_as_before(scanned) -> None:
    _, path, _ = scanned
    with pytest.raises(NoTextLayerError):
        Parser(ocr=OcrOptions(enabled=False)).parse(path)
    result = CliRunner().invoke(main, ["parse", "--no-ocr", str(path)])
    assert result.exit_code == 3 and "NoTextLayerError" in result.output


@needs_soffice
def test_a_low_resolution_scan_names_every_number_it_read() -> None:
    """A 150 dpi scan drawn at 300 dpi: its marks say 150, and every number has an O1 (the
    engine is sure of digits it misreads at that resolution)."""
    pdf = converted(*CLEAN_FIXTURE, "pdf")
    low = scans.scanned_pdf(pdf, 150, scans.CLEAN)
    document = pypdfium2.PdfDocument(low)
    assert [image.scan_resolution(document[i]) for i in range(len(document))] == [150] * len(document)
    assert image.scan_resolution(pypdfium2.PdfDocument(pdf)[0]) is None  # no image: a text page
    report = parse(low)
    assert report.source.ocr is not None and report.source.ocr.dpi == 150
    numbers = {
        (c.table, c.row, c.column) for t in report.tables for c in t.cells if c.state is CellState.READ
    }
    named = {(r.table, r.row, r.column) for f in report.findings if f.rule == "O1" for r in f.cells}
    assert numbers and named == numbers
    assert all("150 dpi" in f.message for f in report.findings if f.rule == "O1")


def _ref(confidence: float | None, dpi: int = 300) -> CellRef:
    mark = OcrMark(dpi=dpi, confidence=confidence) if confidence is not None else None
    return CellRef(table="applications", row="total", column="total", location=Location(page=1, ocr=mark))


def test_a_rule_failing_on_unsure_ocr_cells_is_blamed_on_the_reading() -> None:
    sure, unsure = _ref(HIGH_CONFIDENCE + 1), _ref(HIGH_CONFIDENCE - 1)
    assert failure_origin(Origin.SOURCE, [sure, sure]) is Origin.SOURCE
    assert failure_origin(Origin.SOURCE, [sure, unsure]) is Origin.READING
    assert failure_origin(Origin.SOURCE, [_ref(None)]) is Origin.SOURCE  # text PDFs: as before
    assert failure_origin(Origin.READING, [sure]) is Origin.READING
    assert failure_origin(Origin.SOURCE, [_ref(99.0, dpi=TRUSTED_DPI - 1)]) is Origin.READING


def test_missing_tesserocr_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tesserocr", None)
    with pytest.raises(MissingDependencyError, match=r"govreport\[ocr\]") as caught:
        engine.tesserocr_module()
    assert caught.value.extra == "ocr"


def test_missing_language_data_names_the_debian_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(engine, "_TESSDATA_DIRS", (str(tmp_path),))
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    with pytest.raises(MissingProgramError, match="tesseract-ocr-chi-sim"):
        engine.tessdata_dir()
    (tmp_path / "eng.traineddata").write_bytes(b"")
    with pytest.raises(MissingProgramError, match="apt-get install tesseract-ocr-chi-sim") as caught:
        engine.tessdata_dir()
    assert isinstance(caught.value, MissingDependencyError)
    (tmp_path / "chi_sim.traineddata").write_bytes(b"")
    assert engine.tessdata_dir() == tmp_path


# Pieces of the reading, each pinned on its own (no Tesseract needed for most).


@st.composite
def _printed_lines(draw: st.DrawFn) -> tuple[list[tuple[int, int]], int]:
    """Lines of print (top, bottom) in a cut at 300 dpi, parted by blank rows, and the cut's height."""
    bands, row = [], draw(st.integers(0, 10))
    for _ in range(draw(st.integers(1, 6))):
        height = draw(st.integers(20, 40))
        bands.append((row, row + height))
        row += height + draw(st.integers(8, 30))  # blank rows: more than LINE_GAP_INCHES at 300 dpi
    return bands, row


@given(_printed_lines(), st.data())
def test_ink_bands_are_the_lines_of_print(
    layout: tuple[list[tuple[int, int]], int], data: st.DataObject
) -> None:
    np = pytest.importorskip("numpy")
    bands, height = layout
    inked = np.zeros(height, dtype=bool)
    for top, bottom in bands:
        inked[top:bottom] = True
        # Gaps inside a line (the strokes of 二) are too short, or their parts too thin, to part it.
        inside = data.draw(st.integers(top + 3, bottom - 7))
        inked[inside : inside + data.draw(st.integers(0, 4))] = False
    assert ink_bands(inked, 300) == bands


def test_a_thin_stroke_apart_from_its_line_joins_it() -> None:
    np = pytest.importorskip("numpy")
    inked = np.zeros(90, dtype=bool)
    inked[0:3] = True  # the top stroke of 二, 8 blank rows above the rest of the line
    inked[11:40] = True
    inked[60:85] = True  # the next line
    assert ink_bands(inked, 300) == [(0, 40), (60, 85)]


@given(st.integers(1, 12), st.integers(1, 40), st.data())
def test_runs_of_several_lengths_at_once_are_each_length_alone(
    rows: int, width: int, data: st.DataObject
) -> None:
    np = pytest.importorskip("numpy")
    flags = data.draw(st.lists(st.booleans(), min_size=rows * width, max_size=rows * width))
    mask = np.array(flags, dtype=bool).reshape(rows, width)
    lengths = tuple(sorted(data.draw(st.lists(st.integers(1, 12), min_size=1, max_size=3))))
    together = rulings._long_runs(mask, lengths)
    for length, opened in zip(lengths, together, strict=True):
        (alone,) = rulings._long_runs(mask, (length,))
        assert np.array_equal(opened, alone)
        expected = np.zeros_like(mask)
        for r in range(rows):
            c = 0
            while c < width:
                end = c
                while end < width and mask[r, end]:
                    end += 1
                if end - c >= length:
                    expected[r, c:end] = True
                c = max(end, c + 1)
        assert np.array_equal(opened, expected)


def test_a_line_under_a_red_seal_stays_ink_after_jpeg() -> None:
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (200, 120), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    draw.line((0, 60, 199, 60), fill=(0, 0, 0), width=2)  # a ruling line
    draw.ellipse((60, 20, 140, 100), fill=(215, 40, 40))  # the seal over it (multiplied: black stays)
    draw.line((60, 60, 140, 60), fill=(0, 0, 0), width=2)
    out = io.BytesIO()
    page.save(out, "JPEG", quality=70)  # colour at half resolution bleeds red into the line
    grey = image.brightest_channel(Image.open(out))
    pixels = grey.load()
    assert all(pixels[x, 60] < image.INK_LEVEL for x in range(0, 200, 5))  # the line, seal or not
    assert pixels[100, 35] == 255 and pixels[100, 85] == 255  # the seal alone is gone


class _SkippingEngines:
    """Reads a cut of several lines as its first line only (as Tesseract sometimes does); a
    cut of one line as that line."""

    def __init__(self) -> None:
        self.calls = 0

    def read_lines(self, cut: object, *, digits: bool = False, raw_fallback: bool = True) -> list[TextLine]:
        self.calls += 1
        if digits:
            return []
        np = pytest.importorskip("numpy")
        bands = ink_bands((np.asarray(cut) < image.INK_LEVEL).any(axis=1), 300)
        top, bottom = bands[0]
        return [TextLine(f"第{len(bands)}行", (12, top, 40, bottom), 90.0)]


def test_a_line_tesseract_skips_is_read_on_its_own() -> None:
    from PIL import Image, ImageDraw

    page = Image.new("L", (300, 300), 255)
    draw = ImageDraw.Draw(page)
    for top in (40, 100, 160):  # three lines of print in one cell
        draw.rectangle((40, top, 200, top + 30), fill=0)
    fake = _SkippingEngines()
    reading = cells.read_cell(fake, page, (0.0, 0.0, 72.0, 72.0), 300)  # type: ignore[arg-type]
    assert reading is not None
    assert "".join(ch.text for ch in reading.chars) == "第3行第1行第1行"
    assert fake.calls == 3  # no number engine on a cut of several lines; two lines read again


def test_a_damaged_image_object_leaves_the_scan_resolution_unknown() -> None:
    class Damaged:
        def get_bounds(self):
            return (0.0, 0.0, 595.0, 842.0)

        def get_px_size(self):
            raise pypdfium2.PdfiumError("Failed to get image size.")

    class Page:
        def get_objects(self, filter, max_depth):
            return iter([Damaged()])

    assert image.scan_resolution(Page()) is None


class _TwoEngines:
    """The number engine reads ``digits`` (unsure); the Chinese engine reads ``text``."""

    def __init__(self, digits: str, text: str) -> None:
        box = (12, 12, 30, 40)
        self.readings = {True: TextLine(digits, box, 67.0), False: TextLine(text, box, 57.0)}

    def read_lines(self, cut: object, *, digits: bool = False, raw_fallback: bool = True) -> list[TextLine]:
        return [self.readings[digits]]


@pytest.mark.parametrize(
    ("digits", "text", "read", "confidence"),
    [
        ("0", "O", "0", 57.0),  # a zero the Chinese engine took for the letter
        ("10", "lO", "10", 57.0),
        ("0", "口", "口", 57.0),  # a different shape: the Chinese reading stands (R5 names it)
        ("7", "O", "O", 57.0),
    ],
)
def test_a_digit_read_as_its_lookalike_letter_stays_a_number(
    digits: str, text: str, read: str, confidence: float
) -> None:
    from PIL import Image, ImageDraw

    page = Image.new("L", (300, 300), 255)
    ImageDraw.Draw(page).rectangle((120, 120, 160, 170), fill=0)
    reading = cells.read_cell(_TwoEngines(digits, text), page, (0.0, 0.0, 72.0, 72.0), 300)  # type: ignore[arg-type]
    assert reading is not None
    assert "".join(ch.text for ch in reading.chars) == read
    assert reading.confidence == confidence


def _scanner_page(dpi: int) -> object:
    """An A5 page image at ``dpi`` with a grey-ramp block and some print (a scanner's page)."""
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (round(5.83 * dpi), round(8.27 * dpi)), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    for x in range(0, page.width, 7):
        draw.line((x, 40, x, 120), fill=(x % 256, 0, 0))
    draw.rectangle((30, 200, 300, 230), fill=(0, 0, 0))
    return page


def test_a_whole_page_scan_is_decoded_as_stored_not_rendered() -> None:
    np = pytest.importorskip("numpy")
    scanned = _scanner_page(100)
    document = pypdfium2.PdfDocument(scans.image_pdf([scanned], 100))
    page = document[0]
    decoded = image._whole_page_scan(page, 100)
    assert decoded is not None and decoded.size == scanned.size
    difference = np.abs(np.asarray(decoded, dtype=int) - np.asarray(scanned, dtype=int))
    assert difference.mean() < 2  # the scanned pixels, up to JPEG's loss
    rendered = page.render(scale=100 / 72).to_pil()
    assert abs(decoded.width - rendered.width) <= 1 and abs(decoded.height - rendered.height) <= 1
    assert image._whole_page_scan(page, 150) is None  # rendering at another dpi resamples
    page.set_rotation(90)
    assert image._whole_page_scan(page, 100) is None  # rendering turns the page
    [(turned, resolution)] = list(image.render_pdf_pages(document, 100))
    assert turned.size == (rendered.height, rendered.width) and resolution == 100


def test_a_page_with_more_than_its_scan_is_rendered() -> None:
    pdfium_c = pytest.importorskip("pypdfium2.raw")
    document = pypdfium2.PdfDocument(scans.image_pdf([_scanner_page(100)], 100))
    page = document[0]
    box = pdfium_c.FPDFPageObj_CreateNewRect(10, 10, 50, 50)  # a drawn mark over the scan
    pdfium_c.FPDFPath_SetDrawMode(box, pdfium_c.FPDF_FILLMODE_ALTERNATE, False)
    pdfium_c.FPDFPage_InsertObject(page.raw, box)
    assert image._whole_page_scan(page, 100) is None
    empty = pypdfium2.PdfDocument.new()
    assert image._whole_page_scan(empty.new_page(420, 595), 100) is None  # no image at all
