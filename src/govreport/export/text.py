r"""Text as it is written out: valid UTF-8 whatever the file names hold, and no spreadsheet formulas.

File paths travel as :func:`os.fsdecode` strings, so a name whose bytes are not UTF-8
holds lone surrogates (``\udcff`` for the byte ``0xff``). They cannot be encoded as
UTF-8, so each output writes them in its own lossless or readable way:

- JSON (JSON Lines, the journal, ``govreport parse`` output): as ``\udcff`` escapes.
  ``json.loads`` gives the same string back, and :func:`os.fsencode` the original bytes.
- CSV and Parquet cells, and messages for people: each undecodable byte as ``\xff``
  (:func:`readable`). That text may be ambiguous, so the export tables carry the path's
  bytes in hex as well, in ``file_bytes`` (:func:`path_bytes`), when they are not UTF-8.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_BYTE = range(0xDC80, 0xDD00)  # what surrogateescape turns the bytes 0x80-0xff into

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A CSV cell starting with one of these is a formula (or may become one) in a spreadsheet."""

FORMULA_FIRST = frozenset("".join(FORMULA_PREFIXES))
"""The first characters of :data:`FORMULA_PREFIXES`, for a quick test."""
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?\Z")  # any decimal digits: -２ as printed is a number too


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_safe(text: str) -> str:
    r"""JSON text from ``json.dumps(..., ensure_ascii=False)``, each lone surrogate as a ``\uXXXX`` escape.

    Outside strings JSON has only ASCII, so every surrogate is inside a string, where
    the escape means the same character: the text is unchanged for ``json.loads`` and
    now encodes as UTF-8.
    """
    return _LONE_SURROGATE.sub(_json_escape, text)


def json_dumps(value: Any) -> str:
    """``value`` as one line of JSON, non-ASCII text kept as is, lone surrogates escaped: valid UTF-8."""
    return json_safe(json.dumps(value, ensure_ascii=False))


def _byte_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if code in _ESCAPED_BYTE else f"\\u{code:04x}"


def readable(text: str) -> str:
    r"""``text`` with each undecodable byte of a path written ``\xNN``: encodable as UTF-8, for people."""
    return _LONE_SURROGATE.sub(_byte_escape, text)


def path_bytes(path: str) -> str | None:
    """The bytes of ``path`` in hex when they are not valid UTF-8, else ``None``.

    ``bytes.fromhex(path_bytes(path)) == os.fsencode(path)``.
    """
    if not _LONE_SURROGATE.search(path):
        return None
    try:
        return os.fsencode(path).hex()
    except UnicodeEncodeError:  # a surrogate no file name could hold: keep its code point
        return path.encode("utf-8", "surrogatepass").hex()


def spreadsheet_safe(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula (OWASP CSV injection).

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets the
    quote, except a plain decimal number (``-3``, ``+1.5``, ``-２``), which no spreadsheet runs.
    """
    if text[:1] in FORMULA_FIRST and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text
