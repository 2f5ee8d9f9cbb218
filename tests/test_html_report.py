from __future__ import annotations

import random
from html.parser import HTMLParser
from pathlib import Path

from attrs import evolve
from click.testing import CliRunner

from govreport import parse
from govreport.app.cli import main
from govreport.app.html_report import HtmlCheckReport, cell_id
from govreport.corpus import check_corpus
from govreport.model import TableCellKey
from govreport.tables.layouts import APPLICATIONS, cell_keys
from govreport.testing.series import year_series
from govreport.testing.synthetic import Value, random_values, render_text


class PageCells(HTMLParser):
    """Value cells (``td`` with an id) of a page: id -> class list, plus the corpus style sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, list[str]] = {}
        self.tags: list[str] = []
        self.corpus_css = ""
        self._in_corpus_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "td" and attributes.get("id"):
            self.cells[attributes["id"]] = (attributes.get("class") or "").split()
        self._in_corpus_style = tag == "style" and attributes.get("id") == "corpus-highlights"

    def handle_endtag(self, tag):
        self._in_corpus_style = False

    def handle_data(self, data):
        if self._in_corpus_style:
            self.corpus_css += data


def read_page(text: str) -> PageCells:
    page = PageCells()
    page.feed(text)
    return page


def broken_pair(seed: int = 1, delta: int = 5):
    """Two consecutive years of one organ; the later one's carried_over/natural_person is off by ``delta``."""
    (y0, l0, v0), (y1, l1, v1) = year_series(random.Random(seed), range(2021, 2023))
    v1 = dict(v1)
    v1[(APPLICATIONS, "carried_over", "natural_person")] += delta  # type: ignore[operator]
    previous = _parse(v0, l0, y0, "凤山乡人民政府")
    current = _parse(v1, l1, y1, "凤山乡人民政府")
    return previous, current


def _parse(values: dict[TableCellKey, Value], layout: str, year: int, organ: str):
    return parse(render_text(random.Random(year), layout, values, year=year, organ=organ).encode())


def expected_highlights(report, section: int) -> set[str]:
    return {cell_id(section, c.table, c.row, c.column) for f in report.findings for c in f.cells}


def write_page(path: Path, reports, corpus=()) -> str:
    page = HtmlCheckReport(path)
    for report in reports:
        page.add_report(report)
    page.finish(corpus)
    return path.read_text(encoding="utf-8")


def test_every_canonical_cell_is_drawn_once(tmp_path):
    reports = [_parse(random_values(random.Random(i), layout), layout, 2020 + i, "黄庄镇") for i, layout in
               enumerate(("v2019", "v2021"))]  # fmt: skip
    page = read_page(write_page(tmp_path / "p.html", reports))
    for section, report in enumerate(reports, start=1):
        for table in report.tables:
            expected = {cell_id(section, table.key, r, c) for r, c in cell_keys(table.key, table.layout)}
            drawn = {i for i in page.cells if i.startswith(f"r{section}-{table.key}-")}
            assert drawn == expected


def test_highlighted_cells_are_exactly_the_finding_cells(tmp_path):
    previous, current = broken_pair()
    assert current.has_errors
    corpus = check_corpus([previous, current])
    page = read_page(write_page(tmp_path / "p.html", [current, previous], corpus))
    highlighted = {i for i, classes in page.cells.items() if any(c.startswith("hl-") for c in classes)}
    assert highlighted == expected_highlights(current, 1) | expected_highlights(previous, 2)
    assert "hl-error" in page.cells[cell_id(1, APPLICATIONS, "new_received", "natural_person")]
    # The S1 cells of both years are coloured by the corpus style sheet.
    assert f"#{cell_id(1, APPLICATIONS, 'carried_over', 'natural_person')}{{" in page.corpus_css
    assert f"#{cell_id(2, APPLICATIONS, 'carried_forward', 'natural_person')}{{" in page.corpus_css
    assert (
        f'#{cell_id(1, APPLICATIONS, "carried_over", "natural_person")}::after{{content:" S1"'
        in page.corpus_css
    )


def test_text_is_escaped_and_the_page_is_self_contained(tmp_path):
    report = _parse(random_values(random.Random(3), "v2021"), "v2021", 2022, "黄庄镇")
    hostile = evolve(report, metadata=evolve(report.metadata, organ='<script>alert("x")</script>&'))
    text = write_page(tmp_path / "p.html", [hostile])
    page = read_page(text)
    assert "script" not in page.tags and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in text
    assert not {"link", "img", "iframe", "object"} & set(page.tags)
    assert "http://" not in text and "https://" not in text


def test_failed_documents_and_findings_are_listed(tmp_path):
    previous, current = broken_pair(delta=3)
    page = HtmlCheckReport(tmp_path / "p.html")
    page.add_report(previous)
    page.add_failure("broken.docx", "UnsupportedFormatError: <not a report>")
    page.add_report(current)
    text = page.finish(check_corpus([previous, current])).read_text(encoding="utf-8")
    assert "无法读取：broken.docx" in text and "&lt;not a report&gt;" in text
    assert 'data-rule="S1"' in text and "相差 <b>3</b>" in text
    assert text.count('<section class="report"') == 2


def test_cli_check_writes_the_page_and_lists_corpus_findings(tmp_path):
    previous, current = broken_pair(delta=4)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for report, name in ((previous, "a.txt"), (current, "b.txt")):
        year = report.metadata.year
        text = render_text(random.Random(year), "v2021", _values(report), year=year, organ="凤山乡人民政府")
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "c.txt").write_bytes((folder / "a.txt").read_bytes())
    out = tmp_path / "check.html"
    result = CliRunner().invoke(main, ["check", str(folder), "--html", str(out)])
    assert result.exit_code == 1, result.output
    assert "跨报告检查" in result.output and " S1 " in result.output and " D1 " in result.output
    page = read_page(out.read_text(encoding="utf-8"))
    assert "#r2-applications-carried_over-natural_person{" in page.corpus_css
    parallel = CliRunner().invoke(main, ["check", str(folder), "--jobs", "2"])
    assert parallel.exit_code == 1
    assert parallel.output == result.output.replace(f"HTML: {out}\n", "")


def _values(report) -> dict[TableCellKey, Value]:
    return {(c.table, c.row, c.column): c.value for t in report.tables for c in t.cells}


def test_cli_check_without_corpus_and_with_hierarchy(tmp_path):
    report = tmp_path / "a.txt"
    values = random_values(random.Random(1), "v2021")
    report.write_text(
        render_text(random.Random(1), "v2021", values, year=2022, organ="黄庄镇"), encoding="utf-8"
    )
    hierarchy = tmp_path / "h.tsv"
    hierarchy.write_text("汶上县\t黄庄镇\n", encoding="utf-8")
    runner = CliRunner()
    assert "跨报告检查" not in runner.invoke(main, ["check", str(report), "--no-corpus"]).output
    result = runner.invoke(main, ["check", str(report), "--hierarchy", str(hierarchy)])
    assert result.exit_code == 0 and "跨报告检查: 0 条" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    result = runner.invoke(main, ["check", str(report), "--hierarchy", str(bad)])
    assert result.exit_code == 2 and "region name" in result.output


def test_cli_check_reports_an_unwritable_page(tmp_path):
    report = tmp_path / "a.txt"
    values = random_values(random.Random(2), "v2021")
    report.write_text(
        render_text(random.Random(2), "v2021", values, year=2022, organ="黄庄镇"), encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["check", str(report), "--html", str(tmp_path / "no" / "such" / "p.html")]
    )
    assert result.exit_code == 4 and "error:" in result.output and "Traceback" not in result.output


def test_rules_command_lists_corpus_rules():
    output = CliRunner().invoke(main, ["rules"]).output
    assert "\nS1\tcorpus\twarning\t" in output and "\nD3\tcorpus\t" in output


def test_the_old_statistics_table_is_drawn_with_its_findings(tmp_path):
    from govreport.testing.statistics import generate_statistics

    generated = generate_statistics(3, style="glued")
    report = parse(generated.text)
    table = report.table("statistics")
    assert table is not None
    page = read_page(write_page(tmp_path / "p.html", [report]))
    printed = {row for row, _ in generated.values}
    drawn = {i for i in page.cells if i.startswith("r1-statistics-")}
    assert drawn == {
        cell_id(1, "statistics", r, c) for r, c in cell_keys("statistics", "v2008") if r in printed
    }
    highlighted = {i for i in drawn if any(c.startswith("hl-") for c in page.cells[i])}
    assert highlighted == {i for i in expected_highlights(report, 1) if i.startswith("r1-statistics-")}
    assert highlighted  # glued digits leave T3 findings on some rows
