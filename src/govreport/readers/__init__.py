"""Readers turn one input format into the format-independent :class:`~govreport.model.Document`."""

from govreport.readers.base import READERS, Reader, detect_format, read_document

__all__ = ["READERS", "Reader", "detect_format", "read_document"]
