"""Reading an input path: regular files only, opened once, the byte limit enforced while reading."""

from __future__ import annotations

import errno
import os
import stat

from govreport.errors import InputError, LimitExceededError, NotRegularFileError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def display_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """``path`` as text that round-trips to its bytes (undecodable bytes as surrogate escapes)."""
    return os.fsdecode(path)


def read_regular_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    The path is opened once (without blocking, so a FIFO cannot hang the call) and the
    open file is checked with ``fstat``: a device, FIFO, socket or folder, or a link to
    one, is refused without reading. The size is checked before reading and enforced
    while reading, so a file that grows meanwhile cannot get past the limit either.

    Raises:
        NotRegularFileError: the path is not a regular file.
        LimitExceededError: the file has more than ``max_bytes`` bytes (limit ``input_bytes``).
        InputError: the path cannot be opened or read.
    """
    name = display_path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO or socket with no writer at the other end
            raise NotRegularFileError(f"{name} is not a regular file") from exc
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((what for test, what in _KINDS if test(info.st_mode)), "not a regular file")
            raise NotRegularFileError(f"{name} is {kind}, not a regular file: it is not read")
        if info.st_size > max_bytes:
            raise LimitExceededError("input_bytes", info.st_size, max_bytes)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise LimitExceededError("input_bytes", total, max_bytes)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
