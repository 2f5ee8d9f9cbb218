"""Readers turn one input format into the format-independent :class:`~govreport.model.Document`.

The built-in readers are published under the ``govreport.readers`` entry-point group, like
a third party's (see :mod:`govreport.plugins`).
"""

from govreport.readers.base import READER_API_VERSION, Reader, detect_format, installed_readers, read_document

__all__ = ["READER_API_VERSION", "Reader", "detect_format", "installed_readers", "read_document"]
