"""Cells read / cells in the fixtures for the PDF patterns of issue 8 (fonts, vertical cells).

    .venv/bin/python benchmarks/pdf_patterns.py            # everything (LibreOffice, font setups)
    .venv/bin/python benchmarks/pdf_patterns.py --no-office --no-setups

Pattern 1 (fonts): the single-character fixtures of ``tests/test_pdf_fonts.py`` read under
each font setup of ``tests/pdf_font_setups.py`` (needs root, ``unshare`` and the fonts),
beside what PDFium's own text page keeps without govreport's stand-in font.

Pattern 2 (WPS/Word table 三 with a vertical merged cell and a wrapped （二） label): the
generated reports of ``tests/test_vertical_cells.py`` printed with ``tbRlV``, ``btLr`` and
``tbRl`` as DOCX, PDF and DOC (needs LibreOffice), and the hand-made WPS placements.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govreport import parse
from govreport.readers import read_document


def _same(got: list[str], expected: list[str]) -> int:
    return sum(a == b for a, b in zip(got, expected, strict=False))


def fonts(setups: bool) -> None:
    from tests import pdf_font_setups
    from tests.test_pdf_fonts import _single_characters, _single_digit_table

    (table, rows), (singles, lines) = _single_digit_table(), _single_characters()
    cells = [c for row in rows for c in row]
    n_chars = sum(len(line.replace(" ", "")) for line in lines)
    (grid,) = read_document(table, format="pdf").grids
    got = [c.text for row in grid.rows() for c in row]
    print(f"fonts, this machine: table cells {_same(got, cells)}/{len(cells)}")
    if not setups:
        return
    missing = pdf_font_setups.missing_families(pdf_font_setups.SETUPS)
    if missing:
        print(
            f"fonts: setups skipped, fonts missing ({', '.join(missing)}): "
            f"apt-get install {pdf_font_setups.PACKAGES}"
        )
        return
    work = Path(tempfile.mkdtemp(prefix="govreport-font-setups-"))
    (work / "table.pdf").write_bytes(table)
    (work / "singles.pdf").write_bytes(singles)
    for number, setup in enumerate(pdf_font_setups.SETUPS):
        try:
            result = pdf_font_setups.run_under(
                setup, [work / "table.pdf", work / "singles.pdf"], work / str(number)
            )
        except OSError as exc:
            print(f"fonts: setups skipped: {exc}")
            return
        read = [c for g in result["table.pdf"]["grids"] for row in g for c in row]  # type: ignore[index,union-attr]
        chars = sum(len(p.replace(" ", "")) for p in result["singles.pdf"]["paragraphs"])  # type: ignore[index,union-attr]
        control = "".join(result["singles.pdf"]["control"])  # type: ignore[index,arg-type]
        kept = len(control.replace(" ", "").replace("\r\n", ""))
        print(
            f"fonts, {setup}: table cells {_same(read, cells)}/{len(cells)}, "
            f"single characters {chars}/{n_chars} (PDFium alone keeps {kept}/{n_chars})"
        )


def vertical_cells(office: bool) -> None:
    from tests.format_fixtures import report, table_cells
    from tests.test_vertical_cells import DIRECTIONS, KEYS, _cells_read, _docx, _printed, _wps_table

    for args, name in (
        ((None, None), "plain"),
        ((1.0, None), "1 pt font scaled"),
        ((None, (30.0, -50.0)), "lines in a shifted form"),
    ):
        data, expected = _wps_table(*args)
        (grid,) = read_document(data, format="pdf").grids
        got = [[c.text for c in row] for row in grid.rows()]
        right = sum(
            a == b for r1, r2 in zip(got, expected, strict=False) for a, b in zip(r1, r2, strict=False)
        )
        print(f"vertical cells, hand-made WPS table ({name}): cells {right}/{sum(map(len, expected))}")
    formats = ("docx", "pdf", "doc") if office else ("docx",)
    for fmt in formats:
        read = total = read_all = total_all = 0
        for seed, layout in KEYS:
            truth = table_cells(parse(report(seed, layout).text))
            for direction in DIRECTIONS:
                data = (
                    _docx(seed, layout, direction)
                    if fmt == "docx"
                    else _printed(fmt)[(seed, layout, direction)]
                )
                parsed = parse(data, format=fmt)
                r, t = _cells_read(parsed, seed, layout)
                got = table_cells(parsed)
                read, total = read + r, total + t
                read_all += sum(got.get(k) == v for k, v in truth.items())
                total_all += len(truth)
        print(
            f"vertical cells, {fmt} ({len(KEYS) * len(DIRECTIONS)} reports): table 三 {read}/{total}, "
            f"all tables {read_all}/{total_all}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-office", action="store_true", help="skip fixtures printed by LibreOffice")
    parser.add_argument("--no-setups", action="store_true", help="skip the font setups (root only)")
    args = parser.parse_args(argv)
    fonts(not args.no_setups)
    vertical_cells(not args.no_office)


if __name__ == "__main__":
    main()
