"""Page images: rendering PDF pages, loading image files, ink masks and deskewing.

Ink is what is dark in every colour channel: black print stays, while a red seal
stamp or blue signature over a table (bright in one channel) drops out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from govreport.errors import GovReportError, InputError, MissingDependencyError
from govreport.limits import Budget

INK_LEVEL = 180
"""A pixel darker than this in its brightest channel is ink."""
COLOURED = 50
"""A pixel whose channels differ by more than this is coloured (a stamp), not print."""
SMOOTHING = (1, 2, 1, 2, 4, 2, 1, 2, 1)
"""The 3×3 binomial kernel (a Gaussian of about 0.7 px) a page is blurred with before it is read:
as smooth as the Gaussian blur of 0.8 px it replaced, in half the time."""
STAMP_LEVEL = 130
"""A coloured pixel at least this bright in its brightest channel is stamp, not print under it..."""
PRINT_LUMA = 50
"""...unless its luma is below this (a red seal's is about 90): print under the seal, whose
brightest channel JPEG lifted with the seal's colour (colour is kept at half resolution, so a
thin black line under a seal comes out red-bright while its luma stays dark)."""
MAX_SKEW = 3.0
"""Degrees: pages turned further than this are not straightened."""
MIN_TURN = 0.1
"""Degrees: a smaller skew moves a line by under 1/500 of its length; turning would only blur."""
_COARSE_STEP = 0.2
_FINE_STEP = 0.02
_PROBE_WIDTH = 800
"""Skew is measured on the page shrunk to about this width (no narrower): fast, and fine enough for
tenths of a degree."""


def numpy_module() -> Any:
    """``numpy``, or :class:`MissingDependencyError` naming the ``ocr`` extra."""
    try:
        import numpy
    except ImportError as exc:
        raise MissingDependencyError("reading scanned pages (OCR)", "ocr") from exc
    return numpy


def pil_image_module() -> Any:
    """Pillow's ``Image`` module, or :class:`MissingDependencyError` naming the ``ocr`` extra."""
    try:
        from PIL import Image
    except ImportError as exc:
        raise MissingDependencyError("reading scanned pages (OCR)", "ocr") from exc
    return Image


def brightest_channel(image: Any) -> Any:
    """A greyscale (``L``) image of the print: the brightest channel, coloured pixels white."""
    if image.mode in ("L", "1", "I", "I;16", "F"):
        return image.convert("L")
    from PIL import ImageChops

    rgb = image.convert("RGB")
    red, green, blue = rgb.split()
    brightest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    darkest = ImageChops.darker(ImageChops.darker(red, green), blue)
    # JPEG keeps colour at half resolution, so a seal's edges darken every channel a little;
    # what is strongly coloured is still not black print.
    # Print under the stamp stays: dark in its brightest channel too, or in its luma.
    coloured = ImageChops.subtract(brightest, darkest).point(lambda v: 255 if v > COLOURED else 0)
    area = coloured.getbbox()
    if area is None:
        return brightest
    # Only the stamp's area is worked on: the rest of a page is grey print on white.
    print_grey = brightest.crop(area)
    colour = coloured.crop(area)
    light = print_grey.point(lambda v: 255 if v >= STAMP_LEVEL else 0)
    luma = rgb.crop(area).convert("L")
    dark = luma.point(lambda v: 255 if v < PRINT_LUMA else 0)
    print_grey.paste(255, mask=ImageChops.multiply(colour, light))
    print_grey.paste(luma, mask=ImageChops.multiply(colour, dark))
    brightest.paste(print_grey, area[:2])
    return brightest


def ink_mask(grey: Any) -> Any:
    """A boolean array, true where ``grey`` (an ``L`` image) is ink."""
    np = numpy_module()
    return np.asarray(grey) < INK_LEVEL


def cleaned(grey: Any, lines: Any) -> Any:
    """``grey`` with table lines and everything too light to be ink painted white.

    ``lines`` is a boolean mask of the lines' pixels (thickened by one pixel here). Lines,
    paper grain and the faint trace of a coloured stamp would otherwise be read as characters.
    """
    np = numpy_module()
    grown = lines.copy()
    grown[1:] |= lines[:-1]
    grown[:-1] |= lines[1:]
    grown[:, 1:] |= lines[:, :-1]
    grown[:, :-1] |= lines[:, 1:]
    pixels = np.array(grey)
    pixels[grown | (pixels >= INK_LEVEL) | _specks(pixels < INK_LEVEL)] = 255
    return pil_image_module().fromarray(pixels)


def _specks(ink: Any) -> Any:
    """Ink pixels with at most one ink neighbour: grain and JPEG dust, never part of a stroke."""
    np = numpy_module()
    padded = np.pad(ink, 1).astype(np.uint8)
    height, width = ink.shape
    neighbours = sum(
        padded[1 + dy : 1 + dy + height, 1 + dx : 1 + dx + width]
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
        if dy or dx
    )
    return ink & (neighbours <= 1)


def skew_angle(grey: Any) -> float:
    """The angle (degrees, counter-clockwise) the page's lines of print are turned by.

    Turned by the right angle, rows of ink line up, so the row profile of the ink is
    sharpest (its sum of squares is largest). For angles this small a turn is a shear:
    each ink pixel moves down by ``x·tan(angle)``, so every candidate costs one histogram.
    """
    np = numpy_module()
    # Averaging whole blocks of pixels is a tenth of the cost of resampling to an exact width.
    small = grey.reduce(max(1, grey.width // _PROBE_WIDTH))
    ys, xs = np.nonzero(np.asarray(small) < INK_LEVEL)
    if len(xs) == 0:
        return 0.0
    xs = xs - small.width / 2

    def sharpness(angle: float) -> float:
        rows = np.round(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
        profile = np.bincount(rows - rows.min()).astype(np.float64)
        return float((profile * profile).sum())

    steps = int(MAX_SKEW / _COARSE_STEP)
    coarse = max((i * _COARSE_STEP for i in range(-steps, steps + 1)), key=sharpness)
    fine_steps = int(_COARSE_STEP / _FINE_STEP)
    fine = max((coarse + i * _FINE_STEP for i in range(-fine_steps, fine_steps + 1)), key=sharpness)
    return -round(fine, 2)  # the shear that lines the rows up is the opposite turn


def straighten(grey: Any) -> tuple[Any, float]:
    """``grey`` turned back by its skew angle (white fills the corners), and that angle."""
    from PIL import ImageFilter

    # A slight blur closes the gaps grain and JPEG bite into strokes before they are cut out.
    grey = grey.filter(ImageFilter.Kernel((3, 3), SMOOTHING, sum(SMOOTHING)))
    angle = skew_angle(grey)
    if abs(angle) < MIN_TURN:
        return grey, 0.0
    image_module = pil_image_module()
    return grey.rotate(-angle, resample=image_module.Resampling.BILINEAR, fillcolor=255), angle


def render_pdf_pages(pdf: Any, dpi: int) -> Iterator[tuple[Any, int]]:
    """Each page of an open pypdfium2 document as an RGB Pillow image at ``dpi``, and its resolution.

    The resolution is the scan's own where it is lower: rendering a 150 dpi scan at 300 dpi adds no detail.
    """
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            scan = _whole_page_scan(page, dpi)
            if scan is not None:
                yield scan, dpi
                continue
            bitmap = page.render(scale=dpi / 72)
            yield bitmap.to_pil(), min(dpi, scan_resolution(page) or dpi)
        finally:
            page.close()


FIT_POINTS = 1.0
"""How far (points) a scan's edges may lie from the page's for it to count as the whole page."""
_PLAIN_SCAN_COLOURS = ("FPDF_COLORSPACE_DEVICEGRAY", "FPDF_COLORSPACE_DEVICERGB")


def _whole_page_scan(page: Any, dpi: int) -> Any | None:
    """The page's scan decoded as it is stored, when that is what rendering it at ``dpi`` would draw.

    That is a page holding nothing but one upright, unrotated JPEG in plain grey or RGB that
    fills the page at ``dpi`` pixels per inch (a scanner's page). Decoding it costs half of
    rendering the page. Any other page (more objects, a turned or partial image, another
    resolution or colour space) is rendered; so is one whose image pdfium cannot decode.
    """
    import pypdfium2  # type: ignore[import-untyped]
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    if page.get_rotation() != 0:
        return None
    objects = list(page.get_objects(max_depth=2))
    if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    image = objects[0]
    try:
        matrix = image.get_matrix()
        metadata = image.get_metadata()
        filters = image.get_filters()
        width, height = page.get_size()
        if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0 or filters != ["DCTDecode"]:
            return None
        colours = {getattr(pdfium_c, name) for name in _PLAIN_SCAN_COLOURS}
        fits = all(
            abs(got - want) <= FIT_POINTS
            for got, want in zip(image.get_bounds(), (0.0, 0.0, width, height), strict=True)
        )
        size = (round(width * dpi / 72), round(height * dpi / 72))
        if not fits or metadata.colorspace not in colours or metadata.bits_per_pixel not in (8, 24):
            return None
        if any(abs(got - want) > 1 for got, want in zip(image.get_px_size(), size, strict=True)):
            return None
        return image.get_bitmap(render=False).to_pil()
    except pypdfium2.PdfiumError:
        return None


def scan_resolution(page: Any) -> int | None:
    """The dpi of the largest image on a PDF page (the scan); None for a page without images.

    It is the image's pixels over its size on the page, the lower of the two directions.
    """
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    best: tuple[float, int] | None = None
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            left, bottom, right, top = image.get_bounds()
            width_px, height_px = image.get_px_size()
        except pypdfium2.PdfiumError:
            continue  # a damaged image says nothing of the scan; rendering copes with it
        width_in, height_in = (right - left) / 72, (top - bottom) / 72
        if width_in <= 0 or height_in <= 0 or not width_px or not height_px:
            continue
        area = width_in * height_in
        dpi = round(min(width_px / width_in, height_px / height_in))
        if best is None or area > best[0]:
            best = (area, dpi)
    return best[1] if best else None


def load_image_pages(data: bytes, budget: Budget) -> list[tuple[Any, int | None]]:
    """The frames of an image file (a multi-page TIFF has several), each with the dpi it states.

    Frames are counted against the budget's ``pdf_pages`` before any is decoded. Pillow's
    own guard against decompression bombs stays on.
    """
    image_module = pil_image_module()
    try:
        image = image_module.open(io.BytesIO(data))
        count = getattr(image, "n_frames", 1)
        budget.check("pdf_pages", count)
        frames = []
        for index in range(count):
            budget.check_time()
            image.seek(index)
            dpi = image.info.get("dpi")
            stated = round(float(dpi[0])) if dpi and float(dpi[0]) > 1 else None
            frames.append((image.convert("RGB"), stated))
    except GovReportError:
        raise
    except Exception as exc:  # a broken image fails inside Pillow in many ways; all mean the same
        raise InputError(f"not a readable image: {exc}") from exc
    return frames
