"""The one decoding policy for every input: BOM, declared charset, UTF-8, GB18030, detector."""

from __future__ import annotations

import codecs
import re

from govreport.errors import DecodeError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Declared GB charsets are supersets in practice: pages labelled gb2312 carry GBK-only
# characters (镕, 喆), and GB18030 decodes all of them.
_GB_ALIASES = frozenset({"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030"})


# A charset declared in markup: <meta charset=...>, <meta http-equiv content="...; charset=...">
# or an XML declaration. Only the head of the file is searched, as browsers do.
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_DECLARATION_WINDOW = 4096
# Python codecs that are no character set a page can be written in: a declaration naming
# one is ignored (decoding falls back to detection), never obeyed. Transform codecs
# (hex, zlib, base64, rot13) are refused by their codec information instead.
_NOT_CHARSETS = frozenset({"undefined", "unicode-escape", "raw-unicode-escape", "punycode", "idna"})


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KiB (``<meta>`` or XML declaration), if any."""
    match = _DECLARED.search(data, 0, _DECLARATION_WINDOW)
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii").lower()


def _canonical(declared: str) -> str | None:
    name = declared.strip().lower()
    if name in _GB_ALIASES:
        return "gb18030"
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not info._is_text_encoding or info.name in _NOT_CHARSETS:  # CodecInfo always has the flag
        return None
    return info.name


def encoding_candidates(declared: str | None = None) -> tuple[str, ...]:
    """The codecs tried strictly, in order, on bytes without a byte-order mark.

    The declared charset first (GB names read as GB18030; unknown or non-text codecs
    skipped), then UTF-8, then GB18030. Names are Python's canonical codec names, so a
    page decoded as ``"utf-8"`` is valid UTF-8 as it stands.
    """
    canonical = _canonical(declared) if declared else None
    first = (canonical,) if canonical else ()
    return tuple(dict.fromkeys((*first, "utf-8", "gb18030")))


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    Order: a byte-order mark; then the declared charset (GB names read as GB18030);
    then strict UTF-8; then strict GB18030; then charset-normalizer as a last resort.

    Raises:
        DecodeError: the bytes are empty of text, binary, or in no accepted encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"byte-order mark says {encoding} but decoding failed: {exc}") from exc
    if b"\x00" in data:
        raise DecodeError("input contains NUL bytes and no byte-order mark: binary, not text")
    for encoding in encoding_candidates(declared):
        try:
            return data.decode(encoding), encoding
        except (UnicodeError, LookupError):  # a declared codec may fail in ways other than bad bytes
            continue
    from charset_normalizer import from_bytes  # last resort only: short GBK is misjudged

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("input is not UTF-8, GB18030 or UTF-16 with a BOM, and no encoding fits")
    return str(best), best.encoding
