"""The HTML check report in a real headless Chromium: screenshot colours and the rendered DOM."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from govreport.app.html_report import SEVERITY_COLOURS, cell_id
from govreport.corpus import check_corpus
from govreport.model.findings import Severity
from govreport.tables.layouts import APPLICATIONS
from tests.test_html_report import broken_pair, expected_highlights, read_page, write_page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium package)"
)
WIDTH, HEIGHT = 1280, 2000


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _count_near(image, colour: tuple[int, int, int], tolerance: int = 3) -> int:
    return sum(
        n
        for n, pixel in image.getcolors(maxcolors=WIDTH * HEIGHT)
        if all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[Path, set[str], set[str]]:
    """The page for a broken year pair: the later year (drawn first) breaks H1/H3 and S1."""
    tmp_path = tmp_path_factory.mktemp("browser")
    previous, current = broken_pair(seed=2, delta=6)
    corpus = check_corpus([previous, current])
    assert [f.rule for f in corpus if f.rule == "S1"] == ["S1"]
    path = tmp_path / "check.html"
    write_page(path, [current, previous], corpus)
    report_cells = expected_highlights(current, 1) | expected_highlights(previous, 2)
    corpus_cells = {
        cell_id(1 if ref.document == current.source.sha256 else 2, ref.table, ref.row, ref.column)
        for f in corpus
        for ref in f.cells
    }
    return path, report_cells, corpus_cells


def _screenshot_counts(path: Path, tmp_path: Path) -> tuple[int, int]:
    """Pixels in the error and the warning colour of a 1280 x 2000 screenshot of ``path``."""
    Image = pytest.importorskip("PIL.Image", reason="pillow (in the dev extra) reads the screenshot")  # noqa: N806

    shot = tmp_path / f"{path.stem}.png"
    _chromium(tmp_path, f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", path.as_uri())
    assert shot.is_file()
    with Image.open(shot) as image:
        assert image.size == (WIDTH, HEIGHT)
        rgb = image.convert("RGB")
        return (
            _count_near(rgb, _rgb(SEVERITY_COLOURS[Severity.ERROR])),
            _count_near(rgb, _rgb(SEVERITY_COLOURS[Severity.WARNING])),
        )


def test_screenshot_shows_the_highlight_colours(page, tmp_path):
    path, _, _ = page
    clean = tmp_path / "clean.html"
    write_page(clean, [broken_pair(seed=2, delta=0)[0]])
    error_pixels, warning_pixels = _screenshot_counts(path, tmp_path)
    legend_error, legend_warning = _screenshot_counts(clean, tmp_path)  # a page with the legend only
    assert legend_error > 0 and legend_warning > 0
    # Relative, not a pixel count: cell sizes depend on the machine's fonts. The cells that are
    # highlighted are pinned by the DOM test below.
    assert error_pixels > legend_error
    assert warning_pixels > legend_warning


def test_rendered_dom_highlights_exactly_the_finding_cells(page, tmp_path):
    path, report_cells, corpus_cells = page
    dom = _chromium(tmp_path, "--dump-dom", path.as_uri()).stdout
    rendered = read_page(dom)
    highlighted = {i for i, classes in rendered.cells.items() if any(c.startswith("hl-") for c in classes)}
    assert highlighted == report_cells
    assert cell_id(1, APPLICATIONS, "carried_over", "natural_person") in corpus_cells
    for cell in corpus_cells:
        assert cell in rendered.cells
        assert f"#{cell}{{" in rendered.corpus_css
