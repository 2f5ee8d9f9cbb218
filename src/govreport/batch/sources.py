"""The documents of a corpus run: files, folders searched in sorted order, and ``@list`` files."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from govreport.errors import InputError
from govreport.files import display_path
from govreport.readers import Reader, installed_readers
from govreport.registry import Registry

LIST_PREFIX = "@"
"""A source written ``@corpus.list`` is a list file: one path per line."""


def _known_extension(path: Path, readers: Registry[Reader]) -> bool:
    suffix = path.suffix.lower()
    return any(suffix in reader.extensions for _, reader in readers.items())


def _folder_files(folder: Path, readers: Registry[Reader]) -> Iterator[Path]:
    """Files under ``folder`` with an extension one of ``readers`` takes, recursively, in path order."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and _known_extension(path, readers):
                yield path


def _list_file(listing: Path) -> Iterator[Path]:
    try:
        data = listing.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the list file {display_path(listing)}: {exc.strerror or exc}") from exc
    for line in data.splitlines():
        entry = os.fsdecode(line.strip())  # names as the file system has them, any bytes
        if entry and not entry.startswith("#"):
            path = Path(entry)
            yield path if path.is_absolute() else listing.parent / path


def iter_sources(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    readers: Registry[Reader] | None = None,
) -> Iterator[Path]:
    """Expand sources into document paths, in a deterministic order.

    A folder gives every file below it whose extension one of ``readers`` takes (the
    installed readers if omitted; each folder's files in name order, then its subfolders
    in name order; hidden files are left out); ``@FILE`` gives the paths listed in
    ``FILE`` (one per line, ``#`` comments and blank lines ignored, relative paths taken
    from the list's folder; a listed folder is expanded too); anything else is taken as a
    file path, existing or not (a missing file becomes a failed result, not an exception).

    Raises:
        InputError: a list file cannot be read.
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    readers = readers if readers is not None else installed_readers()
    for source in sources:
        text = os.fspath(source)
        if text.startswith(LIST_PREFIX):
            for listed in _list_file(Path(text[len(LIST_PREFIX) :])):
                yield from _folder_files(listed, readers) if listed.is_dir() else (listed,)
        elif Path(text).is_dir():
            yield from _folder_files(Path(text), readers)
        else:
            yield Path(text)
