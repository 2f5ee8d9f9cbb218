"""The HTML check report in a real headless Chromium: the rendered DOM and the computed styles.

No pixel counts: a small script added to a copy of the page writes each value cell's computed
background, outline and shadow into ``data-`` attributes, and the test reads the dumped DOM.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from attrs import evolve

from govreport.app.html_report import SEVERITY_COLOURS, cell_id
from govreport.corpus import check_corpus
from govreport.model.findings import Severity
from govreport.tables.layouts import APPLICATIONS
from tests.test_html_report import broken_pair, expected_highlights, read_page, write_page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium package)"
)
# Copies each value cell's computed style into attributes that --dump-dom keeps. It runs on
# "load": only then does the URL's fragment select its :target.
STYLE_PROBE = """<script>
window.addEventListener("load", () => {
  for (const td of document.querySelectorAll("td[id]")) {
    const style = getComputedStyle(td);
    td.dataset.bg = style.backgroundColor;
    td.dataset.outline = style.outlineStyle;
    td.dataset.shadow = style.boxShadow;
  }
});
</script>"""
_CELL = re.compile(r'<td id="([^"]+)"[^>]*?data-bg="([^"]*)" data-outline="([^"]*)" data-shadow="([^"]*)"')


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


def _rgb(colour: str) -> str:
    return f"rgb({int(colour[1:3], 16)}, {int(colour[3:5], 16)}, {int(colour[5:7], 16)})"


def _computed_styles(page: Path, tmp_path: Path, fragment: str = "") -> dict[str, tuple[str, str, str]]:
    """Cell id -> (background colour, outline style, box shadow) as Chromium renders ``page``."""
    probe = tmp_path / f"probe-{page.name}"
    probe.write_text(
        page.read_text(encoding="utf-8").replace("</body>", STYLE_PROBE + "</body>"), encoding="utf-8"
    )
    dom = _chromium(tmp_path, "--dump-dom", probe.as_uri() + fragment).stdout
    return {m[0]: (m[1], m[2], m[3]) for m in _CELL.findall(dom)}


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


def test_rendered_dom_marks_exactly_the_finding_cells(page, tmp_path):
    path, report_cells, corpus_cells = page
    rendered = read_page(_chromium(tmp_path, "--dump-dom", path.as_uri()).stdout)
    assert rendered.marked("hl-") | rendered.marked("eq-") == report_cells
    assert rendered.marked("hl-") == {cell_id(1, APPLICATIONS, "carried_over", "natural_person")}
    assert "可能出错的单元格：" in rendered.visible_text()
    for cell in corpus_cells:
        assert cell in rendered.cells
        assert f"#{cell}{{" in rendered.corpus_css


def test_computed_styles_paint_the_culprit_and_frame_the_rest(page, tmp_path):
    path, report_cells, corpus_cells = page
    styles = _computed_styles(path, tmp_path)
    error, warning = _rgb(SEVERITY_COLOURS[Severity.ERROR]), _rgb(SEVERITY_COLOURS[Severity.WARNING])
    culprit = cell_id(1, APPLICATIONS, "carried_over", "natural_person")
    # The culprit is also an S1 cell: it stays red, and the corpus finding outlines it.
    assert styles[culprit][1] == "solid"
    assert {i for i, (bg, _, _) in styles.items() if bg == error} == {culprit}
    assert {i for i, (bg, _, _) in styles.items() if bg == warning} == corpus_cells - {culprit}
    framed = report_cells - {culprit}
    assert framed and all(styles[i][1] == "dashed" for i in framed)
    unmarked = set(styles) - report_cells - corpus_cells
    assert all(styles[i][1] == "none" and styles[i][0] not in (error, warning) for i in unmarked)


def test_a_painted_error_cell_is_red_and_no_column_is(tmp_path):
    from tests.test_html_report import _with_changes

    report = _with_changes({(APPLICATIONS, "granted", "natural_person"): 3})
    path = tmp_path / "h2.html"
    write_page(path, [report])
    styles = _computed_styles(path, tmp_path)
    red = {i for i, (bg, _, _) in styles.items() if bg == _rgb(SEVERITY_COLOURS[Severity.ERROR])}
    assert red == {cell_id(1, APPLICATIONS, "granted", "natural_person")}


def test_opening_a_finding_marks_its_cells_only(page, tmp_path):
    path, _, _ = page
    _, current = broken_pair(seed=2, delta=6)
    number, h3 = next((n, f) for n, f in enumerate(current.findings, start=1) if f.rule == "H3")
    styles = _computed_styles(path, tmp_path, f"#r1-f{number}")
    shadowed = {i for i, (_, _, shadow) in styles.items() if shadow != "none"}
    assert shadowed == expected_highlights(evolve(current, findings=(h3,)), 1)
    assert len(shadowed) == 7  # one row of table 三, not the columns of the other findings
