"""One stand-in for every font a PDF names but does not embed, so reading never depends on installed fonts.

A PDF may name a font without embedding it (``STSong-Light``, ``SimSun``, many government
PDFs do). PDFium then borrows a font from the machine, and reads text through it: a text
object whose glyphs the borrowed font lacks has an empty box, and PDFium's text page drops
such an object whole. Which digits vanish then depends on which font packages happen to be
installed (``fonts-droid-fallback`` has no half-width digits for Adobe-GB1, for example).

While govreport reads a PDF, PDFium is given a system-font source that knows one font
only: a box font made here, in which every code point is a filled em square. Every glyph
then has a box, so no text object is dropped, and nothing about the text depends on the
machine. Positions and advances still come from the PDF's own widths (``/W``,
``/Widths``). The fourteen standard fonts keep PDFium's built-in metrics. The machine's
own font source is put back after each document, so rendering elsewhere in the process
is unaffected.
"""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

FACE_NAME = b"GovreportStandInBox"
"""The name PDFium caches the stand-in face under (unique, so no real font is shadowed)."""
UNITS_PER_EM = 1000
ASCENT = 880
DESCENT = -120
_STANDARD_FAMILIES = frozenset(
    {
        b"Courier",
        b"Courier-Bold",
        b"Courier-BoldOblique",
        b"Courier-Oblique",
        b"Helvetica",
        b"Helvetica-Bold",
        b"Helvetica-BoldOblique",
        b"Helvetica-Oblique",
        b"Times-Roman",
        b"Times-Bold",
        b"Times-BoldItalic",
        b"Times-Italic",
        b"Symbol",
        b"ZapfDingbats",
    }
)
_HANDLE = 1  # the one font the source knows; any non-null pointer value will do
CMAP_GROUPS = ((0x0, 0x1F, 1), (0x20, 0x2FF, 2), (0x300, 0x10FFFF, 1))
"""(first code point, last code point, glyph): Latin up to U+02FF is half width."""


def _table_checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return int(sum(struct.unpack(f">{len(padded) // 4}L", padded))) & 0xFFFFFFFF


def _box_glyph(width: int) -> bytes:
    """A simple glyph: one contour, a box ``width`` units wide from the descender to the ascender."""
    points = [(0, DESCENT), (0, ASCENT), (width, ASCENT), (width, DESCENT)]
    xs = [b[0] - a[0] for a, b in zip([(0, 0), *points], points, strict=False)]
    ys = [b[1] - a[1] for a, b in zip([(0, 0), *points], points, strict=False)]
    glyph = struct.pack(">hhhhh", 1, 0, DESCENT, width, ASCENT)
    glyph += struct.pack(">HH", len(points) - 1, 0)  # end point of the contour, no instructions
    glyph += bytes([0x01] * len(points))  # on-curve points, coordinates as 16-bit deltas
    glyph += struct.pack(f">{len(xs)}h", *xs) + struct.pack(f">{len(ys)}h", *ys)
    return glyph + b"\0" * (len(glyph) % 2)


def _name_table(family: str) -> bytes:
    """Family, full and PostScript names (Windows, Unicode, US English), as PDFium reports them."""
    text = family.encode("utf-16-be")
    ids = (1, 4, 6)
    table = struct.pack(">HHH", 0, len(ids), 6 + 12 * len(ids))
    table += b"".join(struct.pack(">HHHHHH", 3, 1, 0x409, i, len(text), 0) for i in ids)
    return table + text  # all three records share one string


@cache
def box_font() -> bytes:
    """A TrueType font whose every glyph is a box; its cmap sends every code point to one.

    Latin letters, digits and punctuation get a half-width box and everything else a full
    one (the advance only matters for a font without widths in the PDF, which the PDF
    format does not allow outside the standard fourteen). The cmap is format 13 (many
    to one), listed under the Unicode, Windows Unicode, Windows symbol and Mac Roman
    encodings, so whichever one PDFium picks finds a box.
    """
    widths = (UNITS_PER_EM, UNITS_PER_EM, UNITS_PER_EM // 2)  # .notdef, full box, half box
    glyphs = [_box_glyph(w) for w in widths]
    n_glyphs = len(glyphs)
    glyf = b"".join(glyphs)
    offsets = [sum(len(g) for g in glyphs[:i]) // 2 for i in range(n_glyphs + 1)]
    loca = struct.pack(f">{n_glyphs + 1}H", *offsets)
    cmap_body = struct.pack(">HHLLL", 13, 0, 16 + 12 * len(CMAP_GROUPS), 0, len(CMAP_GROUPS))
    cmap_body += b"".join(struct.pack(">LLL", *group) for group in CMAP_GROUPS)
    encodings = [(0, 4), (1, 0), (3, 0), (3, 1), (3, 10)]
    header_size = 4 + 8 * len(encodings)
    cmap = struct.pack(">HH", 0, len(encodings))
    cmap += b"".join(struct.pack(">HHL", p, e, header_size) for p, e in encodings) + cmap_body
    head = struct.pack(
        ">LLLLHHqqhhhhHHhhh",
        0x00010000,  # version
        0x00010000,  # font revision
        0,  # checksum adjustment (not checked by FreeType)
        0x5F0F3CF5,  # magic number
        0x000B,  # flags: baseline at y=0, lsb at x=0, integer scaling
        UNITS_PER_EM,
        0,  # created
        0,  # modified
        0,
        DESCENT,
        UNITS_PER_EM,
        ASCENT,
        0,  # mac style
        8,  # lowest readable size
        2,  # font direction hint
        0,  # short loca offsets
        0,  # glyph data format
    )
    hhea = struct.pack(
        ">LhhhHhhhhhhhhhhhH",
        0x00010000,
        ASCENT,
        DESCENT,
        0,  # line gap
        UNITS_PER_EM,  # advance width max
        0,  # min left side bearing
        0,  # min right side bearing
        UNITS_PER_EM,  # x max extent
        1,  # caret slope rise
        0,  # caret slope run
        0,  # caret offset
        0,
        0,
        0,
        0,  # reserved
        0,  # metric data format
        n_glyphs,
    )
    hmtx = b"".join(struct.pack(">Hh", w, 0) for w in widths)
    maxp = struct.pack(">LHHHHHHHHHHHHHH", 0x00010000, n_glyphs, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0)
    name = _name_table(FACE_NAME.decode("ascii"))
    post = struct.pack(">LLhhLLLLL", 0x00030000, 0, 0, 0, 0, 0, 0, 0, 0)
    tables = sorted(
        {
            b"cmap": cmap,
            b"glyf": glyf,
            b"head": head,
            b"hhea": hhea,
            b"hmtx": hmtx,
            b"loca": loca,
            b"maxp": maxp,
            b"name": name,
            b"post": post,
        }.items()
    )
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    out = struct.pack(">LHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, (count - power) * 16)
    offset = len(out) + 16 * count
    directory = b""
    body = b""
    for tag, data in tables:
        directory += struct.pack(">4sLLL", tag, _table_checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return out + directory + body


class _StandInSource:
    """The system-font callbacks PDFium calls while a document's fonts load.

    The ctypes callback objects live as long as this object; PDFium holds pointers to
    them until the next source replaces this one.
    """

    def __init__(self, raw: Any) -> None:
        data = box_font()
        self._buffer = ctypes.create_string_buffer(data, len(data))
        self._size = len(data)
        fields = dict(raw.FPDF_SYSFONTINFO._fields_)
        self._callbacks = {
            "Release": fields["Release"](lambda this: None),
            "EnumFonts": fields["EnumFonts"](lambda this, mapper: None),
            "MapFont": fields["MapFont"](self._map_font),
            "GetFont": fields["GetFont"](lambda this, family: None),
            "GetFontData": fields["GetFontData"](self._font_data),
            "GetFaceName": fields["GetFaceName"](self._face_name),
            "GetFontCharset": fields["GetFontCharset"](lambda this, handle: 0),
            "DeleteFont": fields["DeleteFont"](lambda this, handle: None),
        }
        self.struct = raw.FPDF_SYSFONTINFO(version=1, **self._callbacks)

    @staticmethod
    def _map_font(
        this: Any, weight: int, italic: int, charset: int, pitch: int, family: Any, exact: Any
    ) -> Any:
        # A standard font keeps PDFium's built-in face and metrics (they need no file).
        name = ctypes.cast(family, ctypes.c_char_p).value if family else None
        return None if name in _STANDARD_FAMILIES else _HANDLE

    def _font_data(self, this: Any, handle: Any, table: int, buffer: Any, size: int) -> int:
        if table != 0:  # one whole font, not a collection: no single tables on request
            return 0
        if buffer and size >= self._size:
            ctypes.memmove(buffer, self._buffer, self._size)
        return self._size

    @staticmethod
    def _face_name(this: Any, handle: Any, buffer: Any, size: int) -> int:
        needed = len(FACE_NAME) + 1
        if buffer and size >= needed:
            ctypes.memmove(buffer, FACE_NAME + b"\0", needed)
        return needed


@contextmanager
def stand_in_fonts(raw: Any) -> Iterator[None]:
    """Within the block, every non-embedded font PDFium loads is the box font.

    Callers hold the PDFium lock. Fonts load with the pages, so pages must be read
    inside the block; afterwards PDFium's own source of the machine's fonts is back.
    """
    source = _StandInSource(raw)
    raw.FPDF_SetSystemFontInfo(ctypes.byref(source.struct))
    try:
        yield
    finally:
        default = raw.FPDF_GetDefaultSystemFontInfo()
        if default:
            raw.FPDF_SetSystemFontInfo(default)
            _restore_default(raw, default)
        else:  # no machine source to go back to: the stand-in stays, and so must its callbacks
            _kept_sources.append(source)


_previous_default: list[Any] = []
_kept_sources: list[_StandInSource] = []


def _restore_default(raw: Any, default: Any) -> None:
    """Keep the machine's source alive while PDFium uses it; free the one it replaced.

    PDFium releases a source's contents when replacing it, but the structure from
    ``FPDF_GetDefaultSystemFontInfo`` is the caller's to free, once it is no longer in use.
    """
    while _previous_default:
        raw.FPDF_FreeDefaultSystemFontInfo(_previous_default.pop())
    _previous_default.append(default)
