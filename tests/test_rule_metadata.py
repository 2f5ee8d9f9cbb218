"""The rule registry is the one source of truth for findings.

Every finding govreport emits, on the bundled examples, on generated reports of every kind
(tables in text, damaged, glued, cell per line, Markdown, HTML, the old 统计表, narrative)
and on the seeds and real files, has the severity, origin and formula its rule declares.
Findings are made in one place per finding type, from the rule, never by hand.
"""

from __future__ import annotations

import ast
import random
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from govreport import Finding, Report, check_corpus, parse
from govreport.checks import RULES
from govreport.corpus import CORPUS_RULES, CorpusFinding
from govreport.model.rules import Rule, RuleKind
from govreport.registry import Registry
from govreport.testing import synthetic
from govreport.testing.render.excerpt import render_cell_per_line
from govreport.testing.render.html import render_html
from govreport.testing.render.markdown import MarkdownDamage, render_markdown
from govreport.testing.statistics import STYLES, generate_statistics
from tests.corpus_helpers import damaged
from tests.shared_files import SHARED

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "govreport"
_TABLE_ROW = re.compile(r"^(?P<label>.*?)(?P<values>(\t[0-9０-９]+){7})$", re.MULTILINE)

FINDING_FACTORIES = {"Finding": "model/rules.py", "CorpusFinding": "corpus/findings.py"}
"""Each finding type and the one module that makes it."""


def disagreements(findings: Iterable[Finding | CorpusFinding], registry: Registry[Rule[object]]) -> list[str]:
    """Findings whose metadata is not their rule's, described for the assertion message."""
    wrong = []
    for finding in findings:
        rule = registry.get(finding.rule)
        if not rule.title:
            wrong.append(f"{finding.rule}: the rule has no title")
        if finding.severity not in rule.severities:
            wrong.append(f"{finding.rule}: severity {finding.severity.value}, rule {rule.severity.value}")
        if finding.origin is not rule.origin:
            wrong.append(f"{finding.rule}: origin {finding.origin.value}, rule {rule.origin.value}")
        if rule.formula and not finding.formula:
            wrong.append(f"{finding.rule}: no formula, rule states {rule.formula!r}")
    return wrong


def _mutilated(text: str) -> Iterator[str]:
    """A v2019/v2021 text report with table rows dropped, repeated, overfull, short or left empty."""
    rows = list(_TABLE_ROW.finditer(text))
    third, fifth = rows[2], rows[4]
    yield text.replace(third.group(0) + "\n", "", 1)  # a row not found: R3
    yield text.replace(third.group(0), third.group(0) + "\n" + third.group(0), 1)  # twice: R6
    yield text.replace(fifth.group(0), fifth.group(0) + "\t7", 1)  # more values than cells: R4
    values = fifth.group("values").split("\t")[1:]
    yield text.replace(fifth.group(0), "\t".join([fifth.group("label"), "见附件", *values[1:]]), 1)  # R5
    regulations = next(line for line in text.split("\n") if line.startswith("规章\t"))
    yield text.replace(regulations, regulations.rsplit("\t", 1)[0], 1)  # table 二 has no sums: R1
    yield damaged(text)  # one value lost: R2
    for row in rows[5:7]:  # 14 placeholders in table 三: a serious S8
        text = text.replace(row.group(0), row.group("label") + "\t/" * 7, 1)
    yield text


def _generated() -> Iterator[str | bytes]:
    """Reports of every kind the test tooling generates, a few seeds each."""
    for seed in range(4):
        for layout in ("v2019", "v2021"):
            report = synthetic.generate(seed, layout=layout, year=2018 + seed)  # V1 on some years
            yield report.text
            yield from _mutilated(report.text)
            yield synthetic.generate(seed, layout=layout, caption_headings=True).text
            yield synthetic.generate_glued(seed, layout=layout).text
            yield synthetic.generate_glued(seed, layout=layout, space=0.0).text
            yield render_cell_per_line(report.text)
            rng = random.Random(seed)
            yield render_markdown(report.text, rng, MarkdownDamage(lost_labels=2, generic_header=True))
            yield render_markdown(report.text, rng, MarkdownDamage(block_headings=True))
            yield render_html(synthetic.form_document(report))
        yield synthetic.generate(seed, layout="v2021", hybrid_other=True).text
        yield synthetic.generate_narrative(seed, year=2014 + seed, active_total=50, applications=9)
        for style in STYLES:
            yield generate_statistics(seed, style=style).text


def _shared_files() -> list[Path]:
    return sorted(p for group in ("seeds", "realworld") for p in (SHARED / group).glob("*.txt"))


@pytest.fixture(scope="module")
def generated_reports() -> list[Report]:
    return [parse(source) for source in _generated()]


def test_every_finding_on_generated_reports_agrees_with_its_rule(generated_reports: list[Report]) -> None:
    findings = [f for report in generated_reports for f in report.findings]
    assert disagreements(findings, RULES) == []
    # The sources reach the rules emitted while reading, not only the checks.
    seen = {f.rule for f in findings}
    assert {"R1", "R2", "R3", "R4", "R5", "R6", "R8", "R10", "L1", "M1", "T3", "S8", "V1"} <= seen


@pytest.mark.parametrize(
    "path", sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "examples").glob("*.md"))
)
def test_every_finding_on_the_examples_agrees_with_its_rule(path: Path) -> None:
    assert disagreements(parse(path).findings, RULES) == []


@pytest.mark.skipif(not _shared_files(), reason=f"{SHARED} is not present (it is not part of the repository)")
def test_every_finding_on_the_seeds_and_real_files_agrees_with_its_rule() -> None:
    reports = [parse(path) for path in _shared_files()]
    assert disagreements([f for r in reports for f in r.findings], RULES) == []
    assert disagreements(check_corpus(reports), CORPUS_RULES) == []


def test_every_corpus_finding_agrees_with_its_rule(generated_reports: list[Report]) -> None:
    reports = [*generated_reports, generated_reports[0]]  # one report twice: D1
    findings = check_corpus(reports)
    assert disagreements(findings, CORPUS_RULES) == []
    assert {"D1", "D2"} <= {f.rule for f in findings}


def test_severity_is_graded_only_where_the_rule_says_so() -> None:
    graded = {rule.id for _, rule in (*RULES.items(), *CORPUS_RULES.items()) if rule.serious is not None}
    assert graded == {"S8"}


def _constructed(tree: ast.AST, name: str) -> bool:
    return any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
        for node in ast.walk(tree)
    )


def test_findings_are_made_only_by_their_factory() -> None:
    """Emitters go through the factory, so no module restates a rule's severity or origin."""
    makers: dict[str, list[str]] = {name: [] for name in FINDING_FACTORIES}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in makers:
            if _constructed(tree, name):
                makers[name].append(path.relative_to(SRC).as_posix())
    assert makers == {name: [module] for name, module in FINDING_FACTORIES.items()}


def test_no_module_imports_another_modules_private_names() -> None:
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        private = [
            f"{node.module}.{alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("govreport")
            for alias in node.names
            if alias.name.startswith("_")
        ]
        assert private == [], path


def test_every_rule_is_registered_under_its_own_id_with_a_kind() -> None:
    for registry in (RULES, CORPUS_RULES):
        for name, rule in registry.items():
            assert (name, type(rule.kind)) == (rule.id, RuleKind)
    assert {rule.kind for _, rule in CORPUS_RULES.items()} == {RuleKind.CORPUS}
    assert RuleKind.CORPUS not in {rule.kind for _, rule in RULES.items()}
