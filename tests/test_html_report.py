from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from pathlib import Path

from attrs import evolve
from click.testing import CliRunner

from govreport import Parser, parse
from govreport.app.cli import main
from govreport.app.html_report import HtmlCheckReport, cell_id
from govreport.app.suggestions import SUGGESTIONS, suggestion
from govreport.corpus import check_corpus
from govreport.model import TableCellKey
from govreport.model.findings import Finding, Origin, Severity
from govreport.model.messages import Lang
from govreport.parser import default_parser
from govreport.tables.layouts import APPLICATIONS, cell_keys
from govreport.testing.series import year_series
from govreport.testing.synthetic import Value, random_values, render_text


class PageCells(HTMLParser):
    """Value cells (``td`` with an id) of a page: id -> class list; the corpus style sheet; visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, list[str]] = {}
        self.tags: list[str] = []
        self.corpus_css = ""
        self.text: list[str] = []
        self.by_class: dict[str, list[str]] = {}
        self._style: str | None = None
        self._classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "td" and attributes.get("id"):
            self.cells[attributes["id"]] = (attributes.get("class") or "").split()
        self._style = (attributes.get("id") or "") if tag == "style" else None
        if tag not in VOID_TAGS:
            self._classes.append(attributes.get("class") or "")

    def handle_endtag(self, tag):
        self._style = None
        if self._classes:
            self._classes.pop()

    def handle_data(self, data):
        if self._style == "corpus-highlights":
            self.corpus_css += data
        elif self._style is None:
            self.text.append(data)
            for classes in self._classes:
                for name in classes.split():
                    self.by_class.setdefault(name, []).append(data)

    def visible_text(self) -> str:
        return "".join(self.text)

    def marked(self, prefix: str) -> set[str]:
        """Ids of the cells with a class starting with ``prefix`` (``hl-`` painted, ``eq-`` framed)."""
        return {i for i, classes in self.cells.items() if any(c.startswith(prefix) for c in classes)}


VOID_TAGS = {"meta", "img", "br", "link", "input", "hr"}


def read_page(text: str) -> PageCells:
    page = PageCells()
    page.feed(text)
    return page


def broken_pair(seed: int = 1, delta: int = 5, lang: Lang = "zh"):
    """Two consecutive years of one organ; the later one's carried_over/natural_person is off by ``delta``."""
    (y0, l0, v0), (y1, l1, v1) = year_series(random.Random(seed), range(2021, 2023))
    v1 = dict(v1)
    v1[(APPLICATIONS, "carried_over", "natural_person")] += delta  # type: ignore[operator]
    previous = _parse(v0, l0, y0, "凤山乡人民政府", lang)
    current = _parse(v1, l1, y1, "凤山乡人民政府", lang)
    return previous, current


def _parse(values: dict[TableCellKey, Value], layout: str, year: int, organ: str, lang: Lang = "zh"):
    text = render_text(random.Random(year), layout, values, year=year, organ=organ)
    return Parser(lang=lang).parse(text.encode())


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


def test_marked_cells_are_exactly_the_finding_cells_and_the_culprit_is_painted(tmp_path):
    previous, current = broken_pair()
    assert current.has_errors
    corpus = check_corpus([previous, current])
    page = read_page(write_page(tmp_path / "p.html", [current, previous], corpus))
    assert page.marked("hl-") | page.marked("eq-") == expected_highlights(current, 1) | expected_highlights(
        previous, 2
    )
    # H1 (column 自然人) and H3 (row 二、上年结转) fail: they cross at one cell, the only one painted.
    culprit = cell_id(1, APPLICATIONS, "carried_over", "natural_person")
    assert page.marked("hl-") == {culprit}
    assert {"hl-error", "culprit"} <= set(page.cells[culprit])
    assert "eq-error" in page.cells[cell_id(1, APPLICATIONS, "new_received", "natural_person")]
    assert page.by_class["culprits"] == [
        "可能出错的单元格：",
        "表三 二、上年结转政府信息公开申请数量 · 自然人",
    ]
    # The S1 cells of both years are coloured by the corpus style sheet.
    assert f"#{cell_id(1, APPLICATIONS, 'carried_over', 'natural_person')}{{" in page.corpus_css
    assert f"#{cell_id(2, APPLICATIONS, 'carried_forward', 'natural_person')}{{" in page.corpus_css
    assert (
        f'#{cell_id(1, APPLICATIONS, "carried_over", "natural_person")}::after{{content:" S1"'
        in page.corpus_css
    )


def _with_changes(changes: dict[TableCellKey, int], seed: int = 5):
    """A v2021 report whose printed cells are the consistent random ones plus ``changes``."""
    values = dict(random_values(random.Random(seed), "v2021"))
    for key, delta in changes.items():
        values[key] += delta  # type: ignore[operator]
    return parse(render_text(random.Random(seed), "v2021", values, year=2022, organ="黄庄镇").encode())


def test_an_h2_column_is_framed_and_only_the_crossing_cell_is_painted(tmp_path):
    report = _with_changes({(APPLICATIONS, "granted", "natural_person"): 3})
    assert sorted(f.rule for f in report.findings if f.rule.startswith("H")) == ["H2", "H3"]
    h2 = next(f for f in report.findings if f.rule == "H2")
    column = {cell_id(1, c.table, c.row, c.column) for c in h2.cells}
    assert len(column) == 22
    page = read_page(write_page(tmp_path / "p.html", [report]))
    culprit = cell_id(1, APPLICATIONS, "granted", "natural_person")
    assert page.marked("hl-") == {culprit}
    assert page.marked("eq-") >= column - {culprit}
    assert page.by_class["culprits"] == ["可能出错的单元格：", "表三 （一）予以公开 · 自然人"]


def test_failed_equations_without_a_common_cell_name_no_culprit(tmp_path):
    # The row stays consistent (H3 holds); the 自然人 and 总计 columns fail H2 with no cell in common.
    report = _with_changes(
        {(APPLICATIONS, "granted", "natural_person"): 3, (APPLICATIONS, "granted", "total"): 3}
    )
    assert [f.rule for f in report.findings if f.rule.startswith("H")] == ["H2", "H2"]
    page = read_page(write_page(tmp_path / "p.html", [report]))
    assert page.marked("hl-") == set()
    assert page.marked("eq-") == expected_highlights(report, 1)
    assert "culprits" not in page.by_class and "可能出错的单元格：" not in page.visible_text()
    assert page.by_class["advice"].count("建议：核对（七）总计或各分项之和") == 2


def test_the_page_names_cells_as_printed_never_by_key(tmp_path):
    previous, current = broken_pair()
    page = read_page(write_page(tmp_path / "p.html", [current, previous], check_corpus([previous, current])))
    text = page.visible_text()
    keys = {"active", "applications", "review_litigation", "statistics"}
    for report in (previous, current):
        for table in report.tables:
            keys |= {k for row, column in cell_keys(table.key, table.layout) for k in (row, column)}
    shown = set(re.findall(r"[a-z][a-z_]*(?:\.[a-z_]+)?", text))
    assert not shown & keys, shown & keys
    assert "表三 二、上年结转政府信息公开申请数量 · 自然人" in text
    assert "[自然人]" in text  # the formula's column key, printed as its label


def test_the_summary_counts_errors_and_doubts_about_the_reading_per_report(tmp_path):
    broken = _with_changes({(APPLICATIONS, "granted", "natural_person"): 3})
    errors = [f for f in broken.findings if f.severity is Severity.ERROR]
    reading_finding = Finding(
        rule="R5", severity=Severity.INFO, origin=Origin.READING, message="单元格文字不是数字"
    )
    doubtful = evolve(broken, findings=(reading_finding,))
    page = read_page(write_page(tmp_path / "p.html", [broken, doubtful]))
    # The page summary, then one line per report in the contents, then each report's own summary.
    assert page.by_class["errors"] == [str(len(errors)), str(len(errors)), "0", str(len(errors)), "0"]
    assert page.by_class["reading"] == ["1", "0", "1", "0", "1"]


def test_every_registered_rule_has_a_suggestion():
    parser = default_parser()
    registered = set(parser.rules.names()) | set(parser.corpus_rules.names())
    assert registered == set(SUGGESTIONS)
    for rule in registered:
        for lang in ("zh", "en"):
            advice = suggestion(rule, lang)
            assert advice and "\n" not in advice


def test_each_finding_shows_its_suggestion(tmp_path):
    previous, current = broken_pair()
    corpus = check_corpus([previous, current])
    page = read_page(write_page(tmp_path / "p.html", [current, previous], corpus))
    rules = [f.rule for f in (*current.findings, *previous.findings, *corpus)]
    assert page.by_class["advice"] == [f"建议：{suggestion(rule, 'zh')}" for rule in rules]


HOSTILE = '<script>alert("x")</script>&\'"><img src=x onerror=alert(1)>'


def test_hostile_report_text_is_escaped_and_the_page_is_self_contained(tmp_path):
    report = _parse(random_values(random.Random(3), "v2021"), "v2021", 2022, "黄庄镇")
    metadata = evolve(report.metadata, organ=HOSTILE, title=f"标题{HOSTILE}")
    hostile = evolve(report, metadata=metadata)
    path = tmp_path / "p.html"
    page_writer = HtmlCheckReport(path, title=f"检查{HOSTILE}")
    page_writer.add_report(hostile, path=f"报告{HOSTILE}.txt")
    page_writer.add_failure(f"坏{HOSTILE}.docx", f"UnsupportedFormatError: {HOSTILE}")
    text = page_writer.finish().read_text(encoding="utf-8")
    page = read_page(text)
    assert not {"script", "img", "link", "iframe", "object"} & set(page.tags)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;&#39;&#34;&gt;&lt;img" in text
    # Every piece of hostile text comes back as text, unchanged, where a person reads it.
    visible = page.visible_text()
    for shown in (
        f"检查{HOSTILE}",
        f"{HOSTILE} 2022年",
        f"标题{HOSTILE}",
        f"报告{HOSTILE}.txt",
        f"坏{HOSTILE}.docx",
    ):
        assert shown in visible
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
    assert "建议：核对本年“二、上年结转”与上一年度报告“四、结转下年度继续办理”" in text
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
    highlighted = {i for i in drawn if any(c.startswith(("hl-", "eq-")) for c in page.cells[i])}
    assert highlighted == {i for i in expected_highlights(report, 1) if i.startswith("r1-statistics-")}
    assert highlighted  # glued digits leave T3 findings on some rows


def test_printed_text_names_known_keys_and_leaves_the_rest():
    from govreport.app.form_labels import printed_text

    layouts = {"applications": "v2021", "statistics": "v2008"}
    assert printed_text("carried_over/natural_person 与 [total] 不符", layouts) == (
        "二、上年结转政府信息公开申请数量 · 自然人 与 [总计] 不符"
    )
    assert printed_text("replies.granted/this_year", layouts) == "同意公开答复数 · 本年度"
    untouched = "examples/2023-v2021-page.html、data/reports/a.txt、[unknown_key]、active/issued"
    assert printed_text(untouched, layouts) == untouched  # table 二 is not in this report


_HAN = re.compile(r"[\u3400-\u9fff]")


def test_the_english_page_speaks_english_except_for_the_reports_own_text(tmp_path):
    """With ``lang="en"`` only the printed form and quoted report text stay Chinese."""
    previous, current = broken_pair(delta=3, lang="en")
    page_writer = HtmlCheckReport(tmp_path / "p.html", lang="en")
    page_writer.add_report(previous, path="a.txt")
    page_writer.add_failure("broken.docx", "UnsupportedFormatError: not a report")
    page_writer.add_report(current, path="b.txt")
    text = page_writer.finish(check_corpus([previous, current], lang="en")).read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Could not read: broken.docx" in text
    assert "difference <b>3</b>" in text and "Advice: check this year&#39;s 「二、上年结转」" in text
    page = read_page(text)
    assert page.by_class["advice"] and all(a.startswith("Advice: ") for a in page.by_class["advice"])
    assert any("table 3 carried_over/natural_person" in c for c in page.by_class["cells"])
    # Drop what the form prints (its tables and its arithmetic, shown as printed) and the
    # report's own text between 「」.
    printed = r'<table class="form".*?</table>|<div class="formula">.*?</div>'
    outside_forms = re.sub(printed, "", text, flags=re.S)
    shown = re.sub(r"「[^」]*」", "", read_page(outside_forms).visible_text())
    assert not _HAN.search(shown), _HAN.findall(shown)[:20]
