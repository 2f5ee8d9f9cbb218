"""Scanned pages read by OCR into the same :class:`Document` a text PDF gives.

Each page image is straightened, its ruling lines found, its table cells read one by
one and its other text read line by line. The OCR'd characters then go through the
PDF reader's own layout (tables across pages, running headers, paragraphs), and every
cell and paragraph gets an :class:`~govreport.model.document.OcrMark` with its confidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from attrs import evolve

from govreport.limits import current_budget
from govreport.model.document import (
    Document,
    Grid,
    GridCell,
    Location,
    OcrMark,
    OcrSource,
    Paragraph,
    SourceInfo,
)
from govreport.readers.base import READER_API_VERSION
from govreport.readers.ocr.cells import CellReading, read_tables
from govreport.readers.ocr.engine import engine_info, engines
from govreport.readers.ocr.image import (
    brightest_channel,
    cleaned,
    ink_mask,
    load_image_pages,
    straighten,
)
from govreport.readers.ocr.options import current_ocr_options
from govreport.readers.ocr.paragraphs import LineReading, read_paragraph_lines
from govreport.readers.ocr.rulings import find_rulings
from govreport.readers.pdf.geometry import Box, PageContent
from govreport.readers.pdf.layout import layout_document
from govreport.readers.pdf.ruled import find_tables

IMAGE_DPI = 300
"""The resolution assumed for an image file that does not state its own."""


class _PageReadings:
    """The OCR readings of a document's pages, looked up by page and box after layout."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, Box], float] = {}
        self.lines: dict[int, list[LineReading]] = {}
        self.resolution: dict[int, int] = {}  # the scan's own dpi (at most the rendering's)

    def add(self, page: int, resolution: int, cells: Iterable[CellReading], lines: list[LineReading]) -> None:
        for cell in cells:
            self.cells[(page, _rounded(cell.box))] = cell.confidence
        self.lines[page] = lines
        self.resolution[page] = resolution

    def cell_confidence(self, location: Location) -> float | None:
        if location.page is None or location.bbox is None:
            return None
        return self.cells.get((location.page, location.bbox))

    def paragraph_confidence(self, location: Location) -> float | None:
        if location.page is None or location.bbox is None:
            return None
        x0, top, x1, bottom = location.bbox
        inside = [
            line.confidence
            for line in self.lines.get(location.page, ())
            if x0 - 1 <= (line.box[0] + line.box[2]) / 2 <= x1 + 1
            and top - 1 <= (line.box[1] + line.box[3]) / 2 <= bottom + 1
        ]
        return min(inside) if inside else None


def _rounded(box: Box) -> Box:
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))


def read_page_images(images: Iterable[tuple[Any, int, int]], source: SourceInfo) -> Document:
    """A document from page images, each with the dpi it is drawn at and the scan's own dpi.

    Geometry goes by the first; the marks (:class:`OcrMark` ``dpi``) say the second, which
    decides how far the numbers are trusted (:data:`~govreport.model.confidence.TRUSTED_DPI`).
    """
    budget = current_budget()
    pages: list[PageContent] = []
    readings = _PageReadings()
    with engines() as pair:
        for number, (image, dpi, resolution) in enumerate(images, start=1):
            budget.check_time()
            grey, _angle = straighten(brightest_channel(image))
            rulings, line_pixels = find_rulings(ink_mask(grey), dpi)
            grey = cleaned(grey, line_pixels)
            tables = find_tables(rulings)
            cells = read_tables(pair, grey, tables, number, dpi)
            lines = read_paragraph_lines(pair, grey, tables, dpi)
            readings.add(number, resolution, cells, lines)
            chars = tuple(ch for cell in cells for ch in cell.chars) + tuple(
                ch for line in lines for ch in line.chars
            )
            budget.charge("characters", len(chars))
            to_points = 72 / dpi
            pages.append(
                PageContent(
                    number=number,
                    width=grey.width * to_points,
                    height=grey.height * to_points,
                    chars=chars,
                    rulings=tuple(rulings),
                )
            )
    dpi = min(readings.resolution.values(), default=IMAGE_DPI)
    blocks = _marked(layout_document(pages), readings)
    info = engine_info()
    ocr = OcrSource(engine=info.engine, version=info.version, dpi=dpi, pages=len(pages))
    return Document(blocks=tuple(blocks), source=evolve(source, ocr=ocr))


def _marked(blocks: Sequence[Paragraph | Grid], readings: _PageReadings) -> list[Paragraph | Grid]:
    """``blocks`` with an :class:`OcrMark` on every paragraph and cell that has text.

    A cell continued across a page carries the confidence of its first part. Text whose
    box matches no reading (the layout placed it otherwise) is marked 0, so O1 names it.
    """

    def mark(location: Location, confidence: float | None) -> Location:
        dpi = readings.resolution.get(location.page or 1, IMAGE_DPI)
        return evolve(location, ocr=OcrMark(dpi=dpi, confidence=round(confidence or 0.0, 1)))

    out: list[Paragraph | Grid] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(
                evolve(block, location=mark(block.location, readings.paragraph_confidence(block.location)))
            )
            continue
        cells: list[GridCell] = []
        for cell in block.cells:
            if cell.text:
                cell = evolve(cell, location=mark(cell.location, readings.cell_confidence(cell.location)))
            cells.append(cell)
        out.append(evolve(block, cells=tuple(cells)))
    return out


def read_scanned_pdf(pdf: Any, source: SourceInfo) -> Document:
    """OCR every page of an open pypdfium2 document, rendered at the dpi in force."""
    from govreport.readers.ocr.image import render_pdf_pages

    dpi = current_ocr_options().dpi
    pages = render_pdf_pages(pdf, dpi)
    return read_page_images(((image, dpi, resolution) for image, resolution in pages), source)


class ImageReader:
    """Reads page images (PNG, JPEG, TIFF; one page per image, or per TIFF frame) by OCR."""

    name = "image"
    extensions: tuple[str, ...] = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
    api_version = READER_API_VERSION
    _MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")

    def sniff(self, data: bytes) -> bool:
        """The file signature of PNG, JPEG or TIFF."""
        return data.startswith(self._MAGIC)

    def read(self, data: bytes, source: SourceInfo) -> Document:
        """OCR every page of the image file."""
        frames = load_image_pages(data, current_budget())
        stated = ((image, dpi or IMAGE_DPI) for image, dpi in frames)
        return read_page_images(((image, dpi, dpi) for image, dpi in stated), source)


READER = ImageReader()
