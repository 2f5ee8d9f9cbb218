"""A tiny PDF writer for hand-made PDF fixtures: text at exact positions, ruled lines, images.

Text uses the non-embedded Adobe-GB1 font STSong-Light (every PDF reader knows its
character collection), so Chinese and digits need no font file. Coordinates are points
from the top left of the page, as :mod:`govreport.readers.pdf.layout` uses them.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field


def pdf_from_objects(objects: list[bytes], root: int, trailer: bytes = b"", version: str = "1.4") -> bytes:
    """A PDF file from numbered object bodies (object ``i + 1`` is ``objects[i]``), with its xref table.

    ``trailer`` is added inside the trailer dictionary (``/Encrypt …``, ``/ID …``).
    """
    out = bytearray(f"%PDF-{version}\n%".encode() + b"\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\n" % (len(objects) + 1, root, trailer)
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


PAGE_WIDTH = 595.0
PAGE_HEIGHT = 842.0
ASCENT = 0.88  # share of the font size above the baseline
FONTS = {
    "F1": "STSong-Light, a CID font (Adobe-GB1, UCS-2 codes), not embedded",
    "F2": "SimSun as a simple TrueType font (WinAnsi, with /Widths), not embedded",
    "F3": "ArialMT as a simple Type1 font (WinAnsi, with /Widths), not embedded",
    "F4": "Helvetica, one of the standard fourteen (no /Widths)",
    "F5": "STSong-Light in vertical writing (UniGB-UCS2-V): each character below the one before",
}


@dataclass
class Page:
    width: float = PAGE_WIDTH
    height: float = PAGE_HEIGHT
    ops: list[str] = field(default_factory=list)
    images: int = 0
    set_size: float | None = None
    """Set fonts at this size and scale them to the size asked with the text matrix, as
    WPS (at 1 pt) and some printers do; ``None`` sets the size asked directly."""
    lines_in_form: tuple[float, float] | None = None
    """Draw the lines and bars inside a form XObject placed with a ``cm`` shift of ``(dx, dy)``
    points (PDF axes), as some writers wrap content; the drawing looks the same."""
    form_ops: list[str] = field(default_factory=list)

    def _draw(self, op: str) -> None:
        (self.form_ops if self.lines_in_form else self.ops).append(op)

    def text(self, x: float, top: float, text: str, size: float = 10.5, font: str = "F1") -> Page:
        """Draw ``text`` starting at ``x`` with its em box's top at ``top``.

        ``font`` is one of :data:`FONTS`; the simple fonts take Latin-1 text.
        """
        baseline = self.height - top - ASCENT * size
        codec = "utf-16-be" if font in ("F1", "F5") else "latin-1"
        encoded = text.encode(codec).hex().upper()
        if self.set_size:
            scale = size / self.set_size
            place = f"{self.set_size:g} Tf {scale:g} 0 0 {scale:g} {x:.2f} {baseline:.2f} Tm"
        else:
            place = f"{size:g} Tf {x:.2f} {baseline:.2f} Td"
        self.ops.append(f"BT /{font} {place} <{encoded}> Tj ET")
        return self

    def vertical(self, x: float, top: float, text: str, size: float = 10.5) -> Page:
        """Draw ``text`` in vertical writing (font F5): characters upright, one below another.

        ``x`` is the middle of the column and ``top`` the top of the first character.
        """
        encoded = text.encode("utf-16-be").hex().upper()
        self.ops.append(f"BT /F5 {size:g} Tf {x:.2f} {self.height - top:.2f} Td <{encoded}> Tj ET")
        return self

    def turned(self, x: float, top: float, text: str, turn: int, size: float = 10.5) -> Page:
        """Draw ``text`` turned by quarter turns clockwise: 1 reads down the page, 3 up it.

        ``(x, top)`` is where the baseline starts, in page coordinates from the top left;
        the tops of the glyphs face right for turn 1 and left for turn 3.
        """
        matrix = {1: "0 -1 1 0", 2: "-1 0 0 -1", 3: "0 1 -1 0"}[turn]
        encoded = text.encode("utf-16-be").hex().upper()
        self.ops.append(f"BT /F1 {size:g} Tf {matrix} {x:.2f} {self.height - top:.2f} Tm <{encoded}> Tj ET")
        return self

    def line(self, x0: float, top0: float, x1: float, top1: float, width: float = 0.5) -> Page:
        dx, dy = self.lines_in_form or (0.0, 0.0)
        y0, y1 = self.height - top0 - dy, self.height - top1 - dy
        self._draw(f"{width:g} w {x0 - dx:.2f} {y0:.2f} m {x1 - dx:.2f} {y1:.2f} l S")
        return self

    def bar(self, x0: float, top: float, x1: float, bottom: float) -> Page:
        """A filled rectangle: how some writers draw table borders."""
        dx, dy = self.lines_in_form or (0.0, 0.0)
        self._draw(f"{x0 - dx:.2f} {self.height - bottom - dy:.2f} {x1 - x0:.2f} {bottom - top:.2f} re f")
        return self

    def grid(
        self, xs: list[float], ys: list[float], *, skip: set[tuple[str, int, int]] = frozenset()
    ) -> Page:
        """Ruled cells along ``xs`` and ``ys``.

        ``skip`` leaves segments out: ("v", column line, row) or ("h", row line, column).
        """
        for i, x in enumerate(xs):
            for r in range(len(ys) - 1):
                if ("v", i, r) not in skip:
                    self.line(x, ys[r], x, ys[r + 1])
        for j, y in enumerate(ys):
            for c in range(len(xs) - 1):
                if ("h", j, c) not in skip:
                    self.line(xs[c], y, xs[c + 1], y)
        return self

    def image(self, x: float, top: float, w: float, h: float) -> Page:
        self.images += 1
        self.ops.append(f"q {w:g} 0 0 {h:g} {x:g} {self.height - top - h:g} cm /Im1 Do Q")
        return self


@dataclass
class PdfBuilder:
    pages: list[Page] = field(default_factory=list)

    def page(
        self,
        width: float = PAGE_WIDTH,
        height: float = PAGE_HEIGHT,
        *,
        set_size: float | None = None,
        lines_in_form: tuple[float, float] | None = None,
    ) -> Page:
        page = Page(width, height, set_size=set_size, lines_in_form=lines_in_form)
        self.pages.append(page)
        return page

    def build(self) -> bytes:
        objects: list[bytes] = []

        def add(body: bytes) -> int:
            objects.append(body)
            return len(objects)

        font = add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
            b"/DescendantFonts [2 0 R] >>"
        )
        add(
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
            b"/FontDescriptor 3 0 R /DW 1000 /W [1 95 500 814 939 500] >>"
        )
        add(
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
        )
        fonts = {"F1": font}
        widths = " ".join(["500"] * 224)
        for name, kind, base in (("F2", "TrueType", "SimSun"), ("F3", "Type1", "ArialMT")):
            descriptor = add(
                f"<< /Type /FontDescriptor /FontName /{base} /Flags 32 /FontBBox [0 -120 1000 880] "
                "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>".encode()
            )
            fonts[name] = add(
                f"<< /Type /Font /Subtype /{kind} /BaseFont /{base} /Encoding /WinAnsiEncoding "
                f"/FirstChar 32 /LastChar 255 /Widths [{widths}] /FontDescriptor {descriptor} 0 R >>".encode()
            )
        fonts["F4"] = add(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
        )
        fonts["F5"] = add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-V "
            b"/DescendantFonts [2 0 R] >>"
        )
        font_resources = " ".join(f"/{name} {number} 0 R" for name, number in fonts.items())
        pixels = zlib.compress(bytes([120]) * (16 * 16))
        image = add(
            b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length "
            + str(len(pixels)).encode()
            + b" >>\nstream\n"
            + pixels
            + b"\nendstream"
        )
        pages_id = len(objects) + 1
        add(b"")  # the page tree, filled in below
        kids = []
        for page in self.pages:
            ops = list(page.ops)
            xobjects = f"/Im1 {image} 0 R"
            if page.lines_in_form:
                body = "\n".join(page.form_ops).encode("ascii")
                form = add(
                    f"<< /Type /XObject /Subtype /Form /BBox [-2000 -2000 2000 2000] /Length {len(body)} >>\n"
                    "stream\n".encode()
                    + body
                    + b"\nendstream"
                )
                xobjects += f" /Fm1 {form} 0 R"
                dx, dy = page.lines_in_form
                ops.append(f"q 1 0 0 1 {dx:g} {dy:g} cm /Fm1 Do Q")
            content = "\n".join(ops).encode("ascii")
            stream = add(
                b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream"
            )
            kids.append(
                add(
                    f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {page.width:g} {page.height:g}] "
                    f"/Resources << /Font << {font_resources} >> /XObject << {xobjects} >> >> "
                    f"/Contents {stream} 0 R >>".encode()
                )
            )
        objects[pages_id - 1] = (
            f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
        )
        catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
        return pdf_from_objects(objects, root=catalog)
