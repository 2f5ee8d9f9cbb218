"""PDF files with a text layer, read with pypdfium2 (the ``pdf`` extra).

pypdfium2 gives every character with its box and every path with its segments; the
layout (lines, ruled tables, page furniture) is rebuilt by
:mod:`govreport.readers.pdf.layout`. Scanned PDFs (images without text) are read by
OCR (:mod:`govreport.readers.ocr`), or refused with
:class:`~govreport.errors.NoTextLayerError` when OCR is turned off.
"""

from __future__ import annotations

import ctypes
import math
import struct
import threading
from collections.abc import Callable
from functools import cache, partial
from typing import Any

from attrs import evolve

from govreport.errors import InputError, MissingDependencyError, NoTextLayerError
from govreport.limits import Budget, current_budget
from govreport.model.document import Document, SourceInfo
from govreport.readers.base import READER_API_VERSION
from govreport.readers.pdf.fonts import stand_in_fonts
from govreport.readers.pdf.layout import Char, PageContent, Ruling, layout_document
from govreport.readers.pdf.streams import measure_streams

RULING_THICKNESS = 3.0
"""A path thinner than this (points) across its length is a drawn line, not a shape."""
MIN_RULING_LENGTH = 2.0
_PDFIUM_LOCK = threading.Lock()


def _pdfium() -> tuple[Any, Any]:
    try:
        import pypdfium2  # type: ignore[import-untyped]
        import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
    except ImportError as exc:
        raise MissingDependencyError("reading PDF files", "pdf") from exc
    return pypdfium2, pdfium_c


class PdfReader:
    """Reads the text layer of a PDF into paragraphs and ruled tables."""

    name = "pdf"
    extensions: tuple[str, ...] = (".pdf",)
    api_version = READER_API_VERSION

    def sniff(self, data: bytes) -> bool:
        """The ``%PDF-`` header, which may follow a little junk (the spec allows 1 KiB)."""
        return b"%PDF-" in data[:1024]

    def read(self, data: bytes, source: SourceInfo) -> Document:
        """Extract characters and rulings from every page, then lay them out.

        The streams are measured before PDFium decodes them (see
        :mod:`~govreport.readers.pdf.streams`); pages, drawing objects and path segments
        are charged to the document's budget as they are read.
        """
        pdfium, raw = _pdfium()
        budget = current_budget()
        measure_streams(data, budget)
        with _PDFIUM_LOCK, stand_in_fonts(raw):  # PDFium is not thread-safe
            try:
                pdf = pdfium.PdfDocument(data)
            except pdfium.PdfiumError as exc:
                raise InputError(f"not a readable PDF: {exc}") from exc
            try:
                budget.check("pdf_pages", len(pdf))
                pages = [_read_page(pdf, index, raw, budget) for index in range(len(pdf))]
                if pages and all(not p.chars for p in pages):
                    return _scanned(pdf, source)
            except pdfium.PdfiumError as exc:
                raise InputError(f"a page of the PDF cannot be read: {exc}") from exc
            finally:
                pdf.close()
        if not pages:
            raise InputError("the PDF has no pages")
        blank = [p.number for p in pages if not p.chars]
        notes = list(source.notes)
        if blank:
            notes.append(f"pages without a text layer (not read): {', '.join(map(str, blank))}")
        blocks = layout_document(pages)
        return Document(blocks=tuple(blocks), source=evolve(source, notes=tuple(notes)))


def _scanned(pdf: Any, source: SourceInfo) -> Document:
    """A PDF whose every page is an image: read by OCR unless it is turned off."""
    from govreport.readers.ocr.options import current_ocr_options

    if not current_ocr_options().enabled:
        raise NoTextLayerError(
            "the PDF has no text layer (its pages are images, as in a scan) and OCR is turned off"
        )
    from govreport.readers.ocr.reader import read_scanned_pdf

    return read_scanned_pdf(pdf, source)


def _read_page(pdf: Any, index: int, raw: Any, budget: Budget) -> PageContent:
    budget.check_time()
    # PDFium's own page calls: pypdfium2's page objects register a finalizer each.
    page = raw.FPDF_LoadPage(pdf.raw, index)
    if not page:
        raise InputError(f"page {index + 1} of the PDF cannot be read: PDFium could not load it")
    try:
        budget.charge("pdf_objects", raw.FPDFPage_CountObjects(page))
        width, height = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
        textpage = raw.FPDFText_LoadPage(page)
        if not textpage:
            raise InputError(f"page {index + 1} of the PDF cannot be read: PDFium could not load its text")
        try:
            chars = _chars(textpage, height, raw, budget)
        finally:
            raw.FPDFText_ClosePage(textpage)
        rulings = _rulings(page, height, raw, budget)
    finally:
        raw.FPDF_ClosePage(page)
    return PageContent(
        number=index + 1, width=width, height=height, chars=tuple(chars), rulings=tuple(rulings)
    )


def _chars(textpage: Any, height: float, raw: Any, budget: Budget) -> list[Char]:
    """Every character of a text page, in three PDFium calls each (more for a drawn space).

    The size and turn are read once per text object: PDFium gives every character of an
    object the object's font size and matrix.
    """
    count = raw.FPDFText_CountChars(textpage)
    budget.charge("characters", count)
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    rect_at, matrix_at = ctypes.addressof(rect), ctypes.addressof(matrix)
    page = ctypes.cast(textpage, ctypes.c_void_p).value
    get_unicode = _by_address(raw, "FPDFText_GetUnicode")
    get_box = _by_address(raw, "FPDFText_GetLooseCharBox")
    get_object = _by_address(raw, "FPDFText_GetTextObject")
    get_size = _by_address(raw, "FPDFText_GetFontSize")
    get_matrix = _by_address(raw, "FPDFText_GetMatrix")
    is_generated = _by_address(raw, "FPDFText_IsGenerated")
    out: list[Char] = []
    append = out.append
    seen_object: int | None = None  # the text object whose size and turn are held
    size = 0.0
    turn = 0
    for i in range(count):
        code = get_unicode(page, i)
        if code <= 0x20 or 0x7F <= code <= 0xA0 or code in (0xFFFE, 0xFFFF, 0x3000):
            # Controls and line breaks never; a space only when the PDF draws it (pdfium
            # also reports spaces it inferred from gaps, and the layout decides those).
            if code not in (0x20, 0xA0, 0x3000) or is_generated(page, i) == 1:
                continue
            text = " "
        else:
            text = chr(code)
        if not get_box(page, i, rect_at):
            continue
        this_object = get_object(page, i)
        if this_object is None or this_object != seen_object:
            seen_object = this_object
            # The size as printed: the font size scaled by the character's matrix. The font
            # size alone is 1 in PDFs that scale a 1 pt font with the text matrix (WPS does).
            size = get_size(page, i)
            turn = 0
            if get_matrix(page, i, matrix_at):
                a, b, c, d, _, _ = _MATRIX_FIELDS(matrix)
                size *= math.sqrt(abs(a * d - b * c)) or 1.0
                if c != 0 or a <= 0:
                    turn = quarter_turns(a, c)
        left, top, right, bottom = _RECT_FIELDS(rect)
        append(_new_char((text, left, height - top, right, height - bottom, size, turn)))
    return out


_RECT_FIELDS = struct.Struct("4f").unpack_from
"""``FS_RECTF``'s left, top, right and bottom in one call (four attribute reads cost more)."""
_MATRIX_FIELDS = struct.Struct("6f").unpack_from
"""``FS_MATRIX``'s a, b, c, d, e and f."""


@cache
def _by_address(raw: Any, name: str) -> Callable[..., Any]:
    """PDFium's function ``name`` with every pointer passed and answered as a plain address (int).

    pypdfium2's binding checks each pointer's type and answers with a new pointer object,
    which costs a quarter of a call and cannot be compared with the last one without more
    calls. This one has the same signature, pointers as ``c_void_p``. For the loops over
    every character and every object of a page.
    """
    function = getattr(raw, name)

    def plain(kind: Any) -> Any:
        return ctypes.c_void_p if kind is not None and issubclass(kind, ctypes._Pointer) else kind

    # The binding's own class keeps its calling convention (stdcall on 32-bit Windows).
    binding = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    binding.argtypes = tuple(map(plain, function.argtypes))
    binding.restype = plain(function.restype)
    return binding  # type: ignore[no-any-return]


_new_char = partial(tuple.__new__, Char)
"""``Char`` from a tuple of its fields, without the named tuple's ``__new__`` in Python (half the cost)."""


def _float32(value: float) -> float:
    return float(ctypes.c_float(value).value)


_FULL_TURN_32 = _float32(2 * _float32(math.pi))


def quarter_turns(a: float, c: float) -> int:
    """Quarter turns clockwise of a character with matrix entries ``a`` and ``c``.

    This is what ``FPDFText_GetCharAngle`` gives (``atan2f(c, a)`` in single precision,
    negative angles moved up a full turn), read off the matrix the reader fetches anyway
    instead of with one more call per character. Vertical text is printed turned by
    quarter turns; anything else is read as upright.
    """
    angle = _float32(math.atan2(c, a))
    if angle < 0:
        angle = _float32(_FULL_TURN_32 + angle)
    return round(angle / (math.pi / 2)) % 4 if angle > 0 else 0


Affine = tuple[float, float, float, float, float, float]
"""A PDF matrix ``(a, b, c, d, e, f)``: ``x' = a·x + c·y + e``, ``y' = b·x + d·y + f``."""
_IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 4
"""Form XObjects nested deeper than this are not searched for table lines."""


def _compose(outer: Affine, inner: Affine) -> Affine:
    """The matrix that applies ``inner``, then ``outer``."""
    oa, ob, oc, od, oe, of = outer
    ia, ib, ic, id_, ie, if_ = inner
    return (
        oa * ia + oc * ib,
        ob * ia + od * ib,
        oa * ic + oc * id_,
        ob * ic + od * id_,
        oa * ie + oc * if_ + oe,
        ob * ie + od * if_ + of,
    )


def _apply(m: Affine, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _paths(page: Any, raw: Any, budget: Budget) -> list[tuple[Any, Affine]]:
    """The page's path objects, each with the matrix of the forms it is drawn in.

    PDFium gives the bounds and matrix of an object inside a form XObject in the form's
    own space; the form's matrix (with the ``cm`` before its ``Do``) places it on the page.
    Page objects were charged to ``pdf_objects`` when the page was opened; objects inside
    forms are charged here.
    """
    found: list[tuple[Any, Affine]] = []
    matrix = raw.FS_MATRIX()
    # Most objects are text: they are listed and typed as addresses, and only the paths
    # and forms kept become pypdfium2 pointers.
    type_of = _by_address(raw, "FPDFPageObj_GetType")
    form_object = _by_address(raw, "FPDFFormObj_GetObject")
    page_object = _by_address(raw, "FPDFPage_GetObject")
    pointer = raw.FPDF_PAGEOBJECT

    def walk(objects: list[Any], placed: Affine, depth: int) -> None:  # addresses, None for none
        for obj in objects:
            kind = type_of(obj)  # unknown (0) for no object
            if kind == raw.FPDF_PAGEOBJ_PATH:
                found.append((ctypes.cast(obj, pointer), placed))
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                form = ctypes.cast(obj, pointer)
                inner = placed
                if raw.FPDFPageObj_GetMatrix(form, matrix):
                    own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                    inner = _compose(placed, own)
                count = max(raw.FPDFFormObj_CountObjects(form), 0)
                budget.charge("pdf_objects", count)
                budget.check_time()
                walk([form_object(obj, i) for i in range(count)], inner, depth + 1)

    address = ctypes.cast(page, ctypes.c_void_p).value
    walk([page_object(address, i) for i in range(raw.FPDFPage_CountObjects(page))], _IDENTITY, 0)
    return found


def _rulings(page: Any, height: float, raw: Any, budget: Budget) -> list[Ruling]:
    """Thin horizontal and vertical strokes and filled bars: the lines tables are drawn with.

    The segments of larger paths are charged to ``pdf_objects`` as they are read.
    """
    out: list[Ruling] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj, placed in _paths(page, raw, budget):
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        low_x, low_y, high_x, high_y = left.value, bottom.value, right.value, top.value
        (ax, ay), (bx, by) = _apply(placed, low_x, low_y), _apply(placed, low_x, high_y)
        (cx, cy), (dx, dy) = _apply(placed, high_x, low_y), _apply(placed, high_x, high_y)
        x0, x1 = min(ax, bx, cx, dx), max(ax, bx, cx, dx)
        y0, y1 = min(ay, by, cy, dy), max(ay, by, cy, dy)
        if x1 - x0 <= RULING_THICKNESS or y1 - y0 <= RULING_THICKNESS:
            _add_bar(out, x0, height - y1, x1, height - y0)
            continue
        # A larger path: take its straight axis-parallel segments (cell borders drawn as one path).
        if not raw.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        to_page = _compose(placed, (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f))
        points: list[tuple[float, float]] = []
        start = (0.0, 0.0)
        segments = raw.FPDFPath_CountSegments(obj)
        budget.charge("pdf_objects", segments)
        budget.check_time()
        for s in range(segments):
            segment = raw.FPDFPath_GetPathSegment(obj, s)
            if not raw.FPDFPathSegment_GetPoint(segment, x, y):
                continue
            px, py = _apply(to_page, x.value, y.value)
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = (px, py)
            elif kind == raw.FPDF_SEGMENT_LINETO and points:
                _add_segment(out, points[-1], (px, py), height)
            else:
                points.clear()
            points.append((px, py))
            if raw.FPDFPathSegment_GetClose(segment) and kind != raw.FPDF_SEGMENT_MOVETO:
                _add_segment(out, (px, py), start, height)
    return out


def _add_bar(out: list[Ruling], x0: float, top: float, x1: float, bottom: float) -> None:
    if x1 - x0 >= bottom - top:
        if x1 - x0 >= MIN_RULING_LENGTH:
            out.append(Ruling(True, (top + bottom) / 2, x0, x1))
    elif bottom - top >= MIN_RULING_LENGTH:
        out.append(Ruling(False, (x0 + x1) / 2, top, bottom))


def _add_segment(out: list[Ruling], a: tuple[float, float], b: tuple[float, float], height: float) -> None:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) <= 0.5 and abs(ax - bx) >= MIN_RULING_LENGTH:
        out.append(Ruling(True, height - ay, min(ax, bx), max(ax, bx)))
    elif abs(ax - bx) <= 0.5 and abs(ay - by) >= MIN_RULING_LENGTH:
        out.append(Ruling(False, ax, height - max(ay, by), height - min(ay, by)))


READER = PdfReader()
"""The instance govreport's ``govreport.readers`` entry point names."""
