"""Scanned copies of PDFs, for OCR tests and benchmarks: rasterised, skewed, noisy, stamped.

A text PDF (for instance a synthetic report converted by LibreOffice) is rendered with
pypdfium2 at a chosen dpi, then spoiled the way a printed, stamped and scanned page is:
turned a little, grainy, JPEG-compressed, with a red seal over part of a table. The pages
are wrapped back into an image-only PDF with Pillow. Needs the ``ocr`` extra.
"""

from __future__ import annotations

import io
import math
import random
from typing import Any

from attrs import frozen


@frozen(kw_only=True)
class Spoiling:
    """How a page is spoiled: turn (degrees), noise (grey levels), JPEG quality, seal."""

    skew: float = 0.0
    noise: float = 0.0
    jpeg_quality: int | None = None
    seal: bool = False


CLEAN = Spoiling()
SCANNED = Spoiling(skew=1.5, noise=12.0, jpeg_quality=70, seal=True)
"""The spoiling of issue 12's fixtures: ±1.5°, Gaussian noise, JPEG compression and a red seal."""


def render_pages(pdf: bytes, dpi: int) -> list[Any]:
    """Every page of ``pdf`` as an RGB Pillow image at ``dpi``."""
    import pypdfium2  # type: ignore[import-untyped]

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def _seal(image: Any, rng: random.Random, dpi: int) -> Any:
    """A red seal (a ring, a star and an arc of marks) multiplied over the page, below its middle."""
    from PIL import Image, ImageChops, ImageDraw

    stamp = Image.new("RGB", image.size, (255, 255, 255))
    draw = ImageDraw.Draw(stamp)
    radius = round(0.8 * dpi)
    cx = round(image.width * rng.uniform(0.55, 0.75))
    cy = round(image.height * rng.uniform(0.35, 0.6))
    red = (215, 40, 40)
    width = max(2, round(dpi / 60))
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=width)
    star = [
        (
            cx + (radius * 0.35 if k % 2 == 0 else radius * 0.14) * math.sin(k * math.pi / 5),
            cy - (radius * 0.35 if k % 2 == 0 else radius * 0.14) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=red)
    for k in range(14):  # the organ's name round the rim, as blocks of strokes
        angle = math.radians(200 + k * 10)
        x, y = cx + 0.75 * radius * math.cos(angle), cy + 0.75 * radius * math.sin(angle)
        size = radius * 0.09
        draw.rectangle((x - size, y - size, x + size, y + size), outline=red, width=width)
    return ImageChops.multiply(image, stamp)


def spoil(image: Any, spoiling: Spoiling, rng: random.Random, dpi: int) -> Any:
    """One page image spoiled as ``spoiling`` says (the same ``rng`` gives the same page)."""
    import numpy
    from PIL import Image

    if spoiling.seal:
        image = _seal(image, rng, dpi)
    if spoiling.skew:
        angle = rng.uniform(-spoiling.skew, spoiling.skew)
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    if spoiling.noise:
        pixels = numpy.asarray(image, dtype=numpy.float32)
        grain = numpy.random.default_rng(rng.randrange(2**32)).normal(0.0, spoiling.noise, pixels.shape[:2])
        image = Image.fromarray(numpy.clip(pixels + grain[..., None], 0, 255).astype(numpy.uint8))
    if spoiling.jpeg_quality is not None:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=spoiling.jpeg_quality)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    return image


def scanned_pages(pdf: bytes, dpi: int, spoiling: Spoiling = SCANNED, seed: int = 0) -> list[Any]:
    """The pages of ``pdf`` rendered at ``dpi`` and spoiled (reproducibly for a ``seed``)."""
    rng = random.Random(seed)
    return [spoil(page, spoiling, rng, dpi) for page in render_pages(pdf, dpi)]


def image_pdf(pages: list[Any], dpi: int) -> bytes:
    """An image-only PDF (no text layer) of ``pages``, each placed at ``dpi``."""
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out.getvalue()


def scanned_pdf(pdf: bytes, dpi: int, spoiling: Spoiling = SCANNED, seed: int = 0) -> bytes:
    """A scanned copy of ``pdf``: its pages rendered at ``dpi``, spoiled, as an image-only PDF."""
    return image_pdf(scanned_pages(pdf, dpi, spoiling, seed), dpi)
