"""The reader contract, the registry of input formats, and format detection."""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Protocol

from govreport.errors import UnsupportedFormatError
from govreport.model.document import Document, SourceInfo
from govreport.registry import Registry


class Reader(Protocol):
    """Reads one input format into a :class:`Document`."""

    name: str
    extensions: tuple[str, ...]

    def sniff(self, data: bytes) -> bool:
        """Whether ``data`` looks like this format from its content alone."""
        ...

    def read(self, data: bytes, source: SourceInfo) -> Document:
        """Build the document model; ``source`` is completed with the encoding used."""
        ...


READERS: Registry[Reader] = Registry("input format")


def detect_format(data: bytes, path: str | None = None) -> str:
    """The registered format name for ``data``: by content first, then by file extension."""
    for name, reader in READERS.items():
        if reader.sniff(data):
            return name
    if path is not None:
        suffix = PurePath(path).suffix.lower()
        for name, reader in READERS.items():
            if suffix in reader.extensions:
                return name
    raise UnsupportedFormatError(
        f"cannot tell the format of {path or 'the input'}; known formats: {', '.join(READERS)}"
    )


def read_document(data: bytes, *, path: str | None = None, format: str | None = None) -> Document:
    """Read bytes into a :class:`Document`, detecting the format unless ``format`` is given."""
    name = format or detect_format(data, path)
    reader = READERS.get(name)
    source = SourceInfo(format=name, path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    return reader.read(data, source)


def _register_builtin_readers() -> None:
    from govreport.readers.text import TextReader

    READERS.add("text", TextReader())


_register_builtin_readers()
