"""The zip archive of a DOCX: its parts, inflated within the document's limits."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

from govreport.errors import ArchiveError
from govreport.limits import current_budget

MAIN_PART = "word/document.xml"
MAX_PART_BYTES = 16 * 1024 * 1024
"""Largest uncompressed part read from the archive; more is treated as a zip bomb.

16 MiB is several times the largest ``document.xml`` of a real report. All parts together
are also bounded by the ``inflated_bytes`` limit of the document's budget, and their tags
(the elements of the parsed tree, which cost memory each) by ``markup_tags``.
"""
_INFLATE_CHUNK = 1 << 20
# ValueError: zipfile seeks to offsets read from a damaged archive ("negative seek value").
_UNPACK_ERRORS = (
    zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError
)  # fmt: skip


def holds_main_part(data: bytes) -> bool:
    """Whether ``data`` is a zip archive that holds ``word/document.xml``."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return MAIN_PART in archive.NameToInfo
    except (*_UNPACK_ERRORS, KeyError):
        return False


def read_parts(data: bytes, names: tuple[str, ...]) -> Iterator[tuple[str, Iterator[bytes]]]:
    """The named parts (the first is required), each as the chunks it inflates to.

    Each part is bounded by :data:`MAX_PART_BYTES`, and every inflated chunk is charged to
    the ``inflated_bytes`` limit, so a zip bomb stops after at most that much work, whatever
    its headers claim. A part that declares more than the limit is refused before inflating.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (*_UNPACK_ERRORS, KeyError) as exc:
        raise ArchiveError(f"not a readable zip archive, so not a DOCX file: {exc}") from exc
    budget = current_budget()
    part_limit = min(MAX_PART_BYTES, budget.limits.inflated_bytes)
    with archive:
        for name in names:
            info = archive.NameToInfo.get(name)
            if info is None:
                if name == names[0]:
                    raise ArchiveError(f"the zip archive has no {name}: it is not a Word (DOCX) document")
                continue
            if info.file_size > part_limit:
                raise ArchiveError(
                    f"{name} would expand to {info.file_size:,} bytes (limit {part_limit:,}): "
                    "refusing a zip bomb"
                )
            yield name, _inflate(archive, info, part_limit)


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, part_limit: int) -> Iterator[bytes]:
    budget = current_budget()
    inflated = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_INFLATE_CHUNK):
                inflated += len(chunk)
                if inflated > part_limit:
                    raise ArchiveError(f"{info.filename} expands past {part_limit:,} bytes: a zip bomb")
                budget.charge("inflated_bytes", len(chunk))
                budget.charge("markup_tags", chunk.count(b"<"))  # the tree costs memory per element
                budget.check_time()
                yield chunk
    except _UNPACK_ERRORS as exc:
        raise ArchiveError(f"{info.filename} in the DOCX cannot be unpacked: {exc}") from exc
