"""Run the PDF reader with only some of the machine's fonts visible to PDFium.

PDFium finds system fonts by scanning folders itself (``/usr/share/fonts`` and a few
others); it ignores fontconfig. So each font setup runs in a child process with a private
mount namespace (``unshare -m``, which needs root): the real font folder is bind-mounted
to a private place, and a folder of links to the chosen font files is mounted over
``/usr/share/fonts``. The other folders PDFium scans are covered by an empty folder.

Run as a module, this is the child: it reads the PDFs named on the command line and
prints, as JSON, what govreport reads from each and, as a control, what PDFium's own text
page holds without govreport's stand-in font.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

FONT_ROOT = Path("/usr/share/fonts")
OTHER_FONT_DIRS = ("/usr/share/X11/fonts/Type1", "/usr/share/X11/fonts/TTF", "/usr/local/share/fonts")

SETUPS: dict[str, tuple[str, ...]] = {
    "no fonts": (),
    "DejaVu only": ("DejaVu*",),
    "Noto CJK, Droid fallback, URW": (
        "NotoSansCJK*",
        "NotoSerifCJK*",
        "DroidSansFallback*",
        "NimbusSans*",
        "C059*",
    ),
    # What ghostscript and poppler-utils bring in: Droid is then the only CJK font, and it
    # has no glyphs for Adobe-GB1's half-width digits.
    "Droid fallback, URW, Noto Mono": ("DroidSansFallback*", "NimbusSans*", "C059*", "NotoMono*"),
}
"""Font setups: glob patterns of the font files PDFium may see."""

PACKAGES = "fonts-dejavu-core fonts-noto-cjk fonts-noto-mono fonts-droid-fallback fonts-urw-base35"
"""The Debian packages whose fonts the setups need."""


def font_files(patterns: Sequence[str]) -> list[Path]:
    """The files under the font folder matching ``patterns``, each resolved to its real file."""
    found: dict[str, Path] = {}
    for pattern in patterns:
        for path in FONT_ROOT.rglob(pattern):
            if path.is_file():
                found.setdefault(path.name, path.resolve())
    return sorted(found.values())


def missing_families(setups: dict[str, tuple[str, ...]]) -> list[str]:
    """Patterns of the setups that match no installed font file."""
    return list(dict.fromkeys(p for patterns in setups.values() for p in patterns if not font_files([p])))


def run_under(setup: str, pdfs: Sequence[Path], work: Path) -> dict[str, object]:
    """What the child reads from ``pdfs`` when PDFium sees only the fonts of ``setup``.

    Raises:
        OSError: the private mount namespace could not be made (no ``unshare``, not root).
    """
    unshare = shutil.which("unshare")
    if unshare is None or os.geteuid() != 0:
        raise OSError("needs root and unshare(1) for a private mount namespace")
    work.mkdir(parents=True, exist_ok=True)
    original, chosen, empty = work / "original", work / "chosen", work / "empty"
    for folder in (original, empty):
        folder.mkdir(exist_ok=True)
    shutil.rmtree(chosen, ignore_errors=True)
    chosen.mkdir()
    for path in font_files(SETUPS[setup]):
        # Links into the private view of the real folder, which stays reachable there.
        inside = path.is_relative_to(FONT_ROOT)
        target = original / path.relative_to(FONT_ROOT) if inside else path
        (chosen / path.name).symlink_to(target)
    covers = "".join(f'if [ -d {d} ]; then mount --bind "$3" {d}; fi; ' for d in OTHER_FONT_DIRS)
    script = f'mount --bind {FONT_ROOT} "$1" && mount --bind "$2" {FONT_ROOT} && {covers}shift 3; exec "$@"'
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    command = [unshare, "-m", "sh", "-c", script, "sh", str(original), str(chosen), str(empty)]
    command += [sys.executable, "-m", "tests.pdf_font_setups", *map(str, pdfs)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    if done.returncode != 0:
        raise OSError(f"the font setup {setup!r} could not run: {done.stderr.strip()[-500:]}")
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _pdfium_text(data: bytes) -> list[str]:
    """Each page's text as PDFium's own text page holds it, without govreport's stand-in font."""
    import pypdfium2  # type: ignore[import-untyped]

    pdf = pypdfium2.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def _child(paths: Sequence[str]) -> None:
    from govreport.readers import read_document

    out = {}
    for path in paths:
        data = Path(path).read_bytes()
        document = read_document(data, format="pdf")
        out[Path(path).name] = {
            "grids": [[[c.text for c in row] for row in grid.rows()] for grid in document.grids],
            "paragraphs": [p.text for p in document.paragraphs],
            "control": _pdfium_text(data),
        }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    _child(sys.argv[1:])
