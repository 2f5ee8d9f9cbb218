"""The Tesseract engine (through tesserocr, the ``ocr`` extra) and its language data.

tesserocr keeps one Tesseract instance per API object, so a page's cells are read by
the same two engines: one for Chinese text, one restricted to the characters of a number.
The Python package is imported only when a scanned page is read.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from attrs import frozen

from govreport.errors import MissingDependencyError, MissingProgramError

TEXT_LANGUAGE = "chi_sim"
DIGIT_LANGUAGE = "eng"
DIGIT_WHITELIST = "0123456789.,-+%/"
"""The characters a numeric cell may hold: digits, separators, a sign, ``%`` and the ``/`` placeholder."""
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)
_PACKAGES = {TEXT_LANGUAGE: "tesseract-ocr-chi-sim", DIGIT_LANGUAGE: "tesseract-ocr-eng"}
_LOCK = threading.Lock()


@frozen
class TextLine:
    """One line Tesseract read: its text, box in pixels of the image it read, and confidence (0-100)."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float


def tesserocr_module() -> Any:
    """The ``tesserocr`` module, or :class:`MissingDependencyError` naming the ``ocr`` extra."""
    # One engine per process, parallel across processes: Tesseract's own OpenMP threads only
    # spin (they must be limited before the library loads).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr
    except ImportError as exc:
        raise MissingDependencyError("reading scanned pages (OCR)", "ocr") from exc
    return tesserocr


def tessdata_dir() -> Path:
    """The folder of Tesseract's language data that has every language govreport reads with.

    ``TESSDATA_PREFIX`` comes first, then Debian's folders.

    Raises:
        MissingProgramError: no such folder, or a language is missing; names the Debian package.
    """
    candidates = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    candidates.extend(_TESSDATA_DIRS)
    found = [Path(c) for c in candidates if Path(c, f"{DIGIT_LANGUAGE}.traineddata").is_file()]
    for folder in found:
        if Path(folder, f"{TEXT_LANGUAGE}.traineddata").is_file():
            return folder
    missing = TEXT_LANGUAGE if found else DIGIT_LANGUAGE
    packages = f"tesseract-ocr and {_PACKAGES[TEXT_LANGUAGE]}" if not found else _PACKAGES[missing]
    raise MissingProgramError(
        "reading scanned pages (OCR)",
        f"Tesseract's {missing} language data (Debian: apt-get install {packages})",
        "ocr",
    )


@frozen
class EngineInfo:
    """What read the page, as recorded in :class:`~govreport.model.document.OcrSource`."""

    engine: str
    version: str


@cache
def engine_info() -> EngineInfo:
    """The engine's name and version (``tesseract`` and e.g. ``5.5.4``)."""
    first = str(tesserocr_module().tesseract_version()).split("\n", 1)[0]
    return EngineInfo(engine="tesseract", version=first.removeprefix("tesseract").strip())


class Engines:
    """The two Tesseract instances of one reading: Chinese text and number-only."""

    def __init__(self) -> None:
        tesserocr = tesserocr_module()
        path = str(tessdata_dir())
        self._module = tesserocr
        self.text = tesserocr.PyTessBaseAPI(path=path, lang=TEXT_LANGUAGE, psm=tesserocr.PSM.SINGLE_BLOCK)
        self.digits = tesserocr.PyTessBaseAPI(path=path, lang=DIGIT_LANGUAGE, psm=tesserocr.PSM.SINGLE_LINE)
        self.digits.SetVariable("tessedit_char_whitelist", DIGIT_WHITELIST)
        # Chinese text in Tesseract gains spaces between characters unless told not to.
        self.text.SetVariable("preserve_interword_spaces", "1")
        # Print is dark on light once the page is cleaned: reading each unsure word again
        # inverted (Tesseract's default) costs a quarter of the number engine's time.
        for api in (self.text, self.digits):
            api.SetVariable("tessedit_do_invert", "0")

    def close(self) -> None:
        """Free both engines."""
        self.text.End()
        self.digits.End()

    def read_lines(self, image: Any, *, digits: bool = False, raw_fallback: bool = True) -> list[TextLine]:
        """The text lines of ``image`` (a Pillow image), top to bottom.

        Tesseract's layout analysis sometimes finds no text in a small cut that holds a
        clear line of it; the cut is then read once more as one raw line (unless
        ``raw_fallback`` is false: a page with no text is not one line).
        """
        api = self.digits if digits else self.text
        lines = self._lines(api, image)
        if lines or not raw_fallback:
            return lines
        mode = api.GetPageSegMode()
        api.SetPageSegMode(self._module.PSM.RAW_LINE)
        try:
            return self._lines(api, image)
        finally:
            api.SetPageSegMode(mode)

    def _lines(self, api: Any, image: Any) -> list[TextLine]:
        # Handing over the raw pixels skips tesserocr's SetImage, which encodes every image as
        # a BMP file (with a palette built in Python) that Leptonica then decodes again.
        grey = image if image.mode == "L" else image.convert("L")
        api.SetImageBytes(grey.tobytes(), grey.width, grey.height, 1, grey.width)
        api.Recognize()
        level = self._module.RIL.TEXTLINE
        lines: list[TextLine] = []
        iterator = api.GetIterator()
        if iterator is None:
            return lines
        for item in self._module.iterate_level(iterator, level):
            try:
                text = item.GetUTF8Text(level)
            except RuntimeError:  # tesserocr's way of saying a line holds no text
                continue
            box = item.BoundingBox(level)
            if box is None or not text.strip():
                continue
            lines.append(TextLine(text.strip(), tuple(box), float(item.Confidence(level))))
        return lines


_shared: list[Engines] = []


@contextmanager
def engines() -> Iterator[Engines]:
    """The process's engines, started once (loading the Chinese model takes a while), for one document.

    Tesseract instances are not thread-safe: one document at a time per process uses them.
    """
    with _LOCK:
        if not _shared:
            _shared.append(Engines())
        yield _shared[0]
