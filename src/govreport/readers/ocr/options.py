"""Whether and how scanned pages are OCR'd, for the document being read.

Readers take no options (``read(data, source)``), so the parser and the batch run set
these around a read, the way limits are set (:func:`govreport.limits.document_budget`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from attrs import frozen

DEFAULT_DPI = 300


@frozen
class OcrOptions:
    """``enabled``: OCR pages without a text layer; ``dpi``: the resolution PDF pages are rendered at."""

    enabled: bool = True
    dpi: int = DEFAULT_DPI


_DEFAULT = OcrOptions()
_CURRENT: ContextVar[OcrOptions | None] = ContextVar("govreport_ocr", default=None)


def current_ocr_options() -> OcrOptions:
    """The OCR options in force (OCR on at 300 dpi unless a parser or run says otherwise)."""
    return _CURRENT.get() or _DEFAULT


@contextmanager
def ocr_options(options: OcrOptions) -> Iterator[OcrOptions]:
    """Use ``options`` for reads within the block."""
    token = _CURRENT.set(options)
    try:
        yield options
    finally:
        _CURRENT.reset(token)
