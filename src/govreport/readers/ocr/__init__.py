"""OCR of scanned pages (the ``ocr`` extra): Tesseract reads each table cell on its own.

Modules by job: :mod:`.image` (rendering, ink, deskew), :mod:`.rulings` (table lines),
:mod:`.cells` (cell OCR), :mod:`.paragraphs` (text outside tables), :mod:`.chars`
(OCR'd lines as layout characters), :mod:`.engine` (Tesseract), :mod:`.options`
(on/off and dpi) and :mod:`.reader` (pages to a :class:`~govreport.model.document.Document`).
"""

from govreport.readers.ocr.options import DEFAULT_DPI, OcrOptions, current_ocr_options, ocr_options

__all__ = ["DEFAULT_DPI", "OcrOptions", "current_ocr_options", "ocr_options"]
