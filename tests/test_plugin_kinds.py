"""One door per plugin kind: entry points, per-parser plugins, Protocol and API-version refusals."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import attrs
import pytest
from click.testing import CliRunner

import govreport
from govreport import Parser, PluginError, UnknownNameError, UnsupportedFormatError
from govreport.app.cli import main
from govreport.batch import iter_parse, parse_data
from govreport.checks import Rule, RuleKind, finding
from govreport.corpus import CorpusRule, check_corpus
from govreport.errors import DuplicateNameError
from govreport.export.columns import export_table
from govreport.model.findings import Finding, Origin, Severity
from govreport.parser import default_parser
from govreport.plugins import (
    CORPUS_RULE_API_VERSION,
    KINDS,
    RULE_API_VERSION,
    TABLE_READER_KIND,
    CorpusRuleSet,
    RuleSet,
    kind_of,
    refresh,
)
from govreport.readers import read_document
from govreport.readers.text import READER as TEXT_READER
from govreport.tables import TABLE_READER_API_VERSION
from govreport.tables.applications import READER as APPLICATIONS_READER
from tests.plugins.consultation_example import ConsultationSection
from tests.plugins.csv_reader import CsvReader, to_csv
from tests.plugins.installing import installed_distribution

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "2020-v2019-clean.txt"
BUILTINS = {
    "govreport.readers": {"doc", "docx", "html", "image", "pdf", "text"},
    "govreport.sections": {"statutory.overview", "statutory.applications", "old.consultation", "old.fees"},
    "govreport.table_readers": {"active", "applications", "review_litigation", "statistics"},
    "govreport.rules": {"builtin"},
    "govreport.corpus_rules": {"builtin"},
}


def _cells(report: govreport.Report) -> dict[str, list[object]]:
    return {t.key: [(c.row, c.column, c.value, c.state) for c in t.cells] for t in report.tables}


class DecliningApplications:
    """A table reader for ``applications`` that never finds the table."""

    name = "applications"
    title = "三、收到和处理政府信息公开申请情况"
    api_version = TABLE_READER_API_VERSION

    def read(self, grids: object) -> None:
        return None


def _many_requests(report: govreport.Report) -> list[Finding]:
    table = report.table("applications")
    cell = table.cell("new_received", "total") if table else None
    if cell is None or cell.value is None or cell.value <= 100:
        return []
    return [finding(X1, f"{cell.value} > 100", cells=(cell,))]


X1 = Rule(
    id="X1",
    title="本年新收申请超过100件",
    kind=RuleKind.HEURISTIC,
    severity=Severity.INFO,
    origin=Origin.SOURCE,
    description="Table 三: new requests above 100.",
    check=_many_requests,
)
EXAMPLE_RULES = RuleSet(name="example.rules", api_version=RULE_API_VERSION, rules=(X1,))


def _corpus_rules(seen: list[int]) -> CorpusRuleSet[CorpusRule]:
    def count(index: object) -> tuple[()]:
        seen.append(len(index.digests))  # type: ignore[attr-defined]
        return ()

    rule = CorpusRule(
        id="Y1",
        kind=RuleKind.CORPUS,
        severity=Severity.INFO,
        origin=Origin.SOURCE,
        title="counts the corpus",
        description="Records the corpus size.",
        check=count,
    )
    return CorpusRuleSet(name="example.corpus", api_version=CORPUS_RULE_API_VERSION, corpus_rules=(rule,))


# --- the built-ins come through the entry points --------------------------------------
def test_govreport_plugins_lists_the_builtins_of_all_five_kinds():
    result = CliRunner().invoke(main, ["plugins", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert {row["kind"] for row in listed} == {kind.group for kind in KINDS.active()} == set(BUILTINS)
    for group, names in BUILTINS.items():
        ours = {row["name"] for row in listed if row["kind"] == group and row["distribution"] == "govreport"}
        assert names <= ours, group
    assert {row["version"] for row in listed} == {govreport.__version__}
    table = CliRunner().invoke(main, ["plugins"]).output.splitlines()
    assert table[0].split() == ["kind", "name", "distribution", "version"]
    assert [line.split() for line in table[1:]] == [
        [row["kind"], row["name"], row["distribution"], row["version"]] for row in listed
    ]
    rules_only = CliRunner().invoke(main, ["plugins", "--kind", "rules"]).output.splitlines()[1:]
    assert [line.split()[:2] for line in rules_only] == [["govreport.rules", "builtin"]]


def test_a_report_lists_its_reader_and_every_per_report_plugin():
    report = govreport.parse(EXAMPLE)
    kinds = [info.kind for info in report.plugins]
    assert [info.name for info in report.plugins if info.kind == "govreport.readers"] == ["text"]
    assert "govreport.corpus_rules" not in kinds  # they run over a corpus, not on one report
    assert kinds == sorted(kinds, key=[kind.group for kind in KINDS.active()].index)


def test_without_its_own_entry_points_govreport_says_to_install_it(monkeypatch):
    monkeypatch.setattr("govreport.plugins.entry_points", lambda group: ())
    refresh()
    try:
        with pytest.raises(PluginError, match=r"govreport\.readers.*pip install"):
            Parser()
    finally:
        monkeypatch.undo()
        refresh()


# --- a third-party input format ---------------------------------------------------------
@pytest.fixture
def csv_installed(tmp_path: Path):
    targets = {"govreport.readers": {"csv": "tests.plugins.csv_reader:READER"}}
    with installed_distribution(tmp_path / "site", "govreport-csv-example", "0.3", targets):
        yield


def test_a_reader_installed_through_an_entry_point_reads_its_format(csv_installed, tmp_path):
    path = tmp_path / "reports" / "2020.csv"
    path.parent.mkdir()
    path.write_bytes(to_csv(EXAMPLE.read_text(encoding="utf-8")))
    report = Parser().parse(path)
    assert report.source.format == "csv"
    assert _cells(report) == _cells(govreport.parse(EXAMPLE)) != {}
    (reader,) = [info for info in report.plugins if info.kind == "govreport.readers"]
    assert (reader.name, reader.distribution, reader.version) == ("csv", "govreport-csv-example", "0.3")
    assert read_document(path.read_bytes(), path=str(path)).source.format == "csv"
    (result,) = iter_parse(path.parent, parser=Parser())  # a folder run picks .csv files up
    assert result.report is not None and _cells(result.report) == _cells(report)
    listed = CliRunner().invoke(main, ["plugins", "--kind", "readers"]).output
    assert "csv" in listed and "govreport-csv-example" in listed


def test_readers_given_to_a_parser_are_the_only_ones_it_reads_with(tmp_path):
    path = tmp_path / "2020.csv"
    path.write_bytes(to_csv(EXAMPLE.read_text(encoding="utf-8")))
    with_csv = Parser(readers=[CsvReader(), TEXT_READER])
    assert with_csv.readers.names() == ("csv", "text")
    assert with_csv.parse(path).source.format == "csv"
    with pytest.raises(UnsupportedFormatError, match="known formats: doc, docx, html, image, pdf, text"):
        Parser().parse(path)
    pdf = tmp_path / "2020.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(UnsupportedFormatError, match=r"known formats: text$"):
        Parser(readers=[TEXT_READER]).read_document(pdf)


# --- per-parser table readers, rules and corpus rules -------------------------------------
def test_one_parser_overrides_a_builtin_table_reader():
    parser = Parser().use(DecliningApplications(), replace=True)
    report = parser.parse(EXAMPLE)
    assert report.get_table("applications") is None
    assert Parser().parse(EXAMPLE).table("applications") is not None
    assert default_parser().table_readers.get("applications") is APPLICATIONS_READER
    assert parser.table_readers.names() == Parser().table_readers.names()  # same place in the order
    info = next(i for i in report.plugins if (i.kind, i.name) == (TABLE_READER_KIND.group, "applications"))
    assert (info.distribution, info.version) == ("tests", "use()")
    with pytest.raises(DuplicateNameError, match="table reader 'applications'"):
        Parser().use(DecliningApplications())
    only = Parser(table_readers=[DecliningApplications()])
    assert only.table_readers.names() == ("applications",) and only.parse(EXAMPLE).tables == ()


def test_a_rule_set_runs_in_the_parser_that_uses_it():
    parser = Parser().use(EXAMPLE_RULES)
    assert parser.rules.names()[-1] == "X1" and "X1" not in Parser().rules
    assert [f.message for f in parser.parse(EXAMPLE).findings if f.rule == "X1"] == ["1477 > 100"]
    assert not [f for f in govreport.parse(EXAMPLE).findings if f.rule == "X1"]
    clash = RuleSet(name="example.clash", api_version=RULE_API_VERSION, rules=(X1, attrs.evolve(X1, id="H1")))
    before = Parser()
    with pytest.raises(DuplicateNameError, match="rule 'H1'"):
        before.use(clash)
    assert "X1" not in before.rules  # a rule set goes in whole or not at all


def test_corpus_rule_sets_reach_the_corpus_check_through_the_parser():
    seen: list[int] = []
    parser = Parser(corpus_rules=[_corpus_rules(seen)])
    assert parser.corpus_rules.names() == ("Y1",)
    reports = [govreport.parse(EXAMPLE)] * 2
    assert check_corpus(reports, rules=parser.corpus_rules) == ()
    assert seen == [2]
    assert "D1" in Parser().corpus_rules and "Y1" not in Parser().corpus_rules


def test_a_bare_parser_has_no_plugins_of_any_kind():
    parser = Parser(entry_points=False, readers=[TEXT_READER])
    assert [len(parser._registries[kind.name]) for kind in KINDS.active()] == [1, 0, 0, 0, 0]
    report = parser.parse(EXAMPLE)
    assert report.tables == () and report.findings == ()


# --- refusals -----------------------------------------------------------------------------
PLUGINS: dict[str, Callable[[], object]] = {
    "readers": CsvReader,
    "sections": ConsultationSection,
    "table_readers": DecliningApplications,
    "rules": lambda: EXAMPLE_RULES,
    "corpus_rules": lambda: _corpus_rules([]),
}
DROPPED = {"readers": "sniff", "sections": "extract", "table_readers": "title", "rules": "rules"}
DROPPED["corpus_rules"] = "corpus_rules"


def _with_version(plugin: object, version: int) -> object:
    if attrs.has(type(plugin)):
        return attrs.evolve(plugin, api_version=version)  # type: ignore[misc]
    changed = copy.copy(plugin)
    changed.api_version = version  # type: ignore[attr-defined]
    return changed


def _without(plugin: object, member: str) -> SimpleNamespace:
    kept = {
        name: getattr(plugin, name) for name in dir(plugin) if not name.startswith("_") and name != member
    }
    return SimpleNamespace(**kept)


def test_every_kind_has_an_example_here():
    assert set(PLUGINS) == set(DROPPED) == set(KINDS.names())


@pytest.mark.parametrize("kind", KINDS.names())
def test_each_kind_takes_its_plugins_by_protocol(kind):
    plugin = PLUGINS[kind]()
    assert kind_of(plugin) is KINDS.get(kind)
    parser = Parser(entry_points=False).use(plugin)
    assert [i.kind for i in parser.plugins_info()] == [KINDS.get(kind).group]


@pytest.mark.parametrize("kind", KINDS.names())
def test_an_unsupported_api_version_is_refused_with_the_plugin_named(kind):
    plugin = _with_version(PLUGINS[kind](), 99)
    name = plugin.name
    with pytest.raises(PluginError, match=rf"{KINDS.get(kind).noun} '{name}' .*API version 99; .*supports 1"):
        Parser().use(plugin)


@pytest.mark.parametrize("kind", KINDS.names())
def test_a_plugin_without_a_member_of_its_protocol_is_refused(kind):
    broken = _without(PLUGINS[kind](), DROPPED[kind])
    with pytest.raises(PluginError, match=f"is not a {KINDS.get(kind).noun}: it needs"):
        Parser().use(broken, kind=kind)
    with pytest.raises(
        PluginError, match="is not a govreport plugin; each kind needs: input format reader: "
    ):
        Parser().use(broken)


def test_a_rule_set_whose_rules_have_no_id_is_refused():
    nameless = RuleSet(name="example.nameless", api_version=RULE_API_VERSION, rules=(object(),))
    with pytest.raises(PluginError, match=r"rule set 'example.nameless' .*breaks its contract"):
        Parser().use(nameless)


def test_a_plugin_that_fits_two_kinds_needs_the_kind_named():
    both = SimpleNamespace(name="example.both", api_version=1, extract=lambda ctx: None, rules=())
    with pytest.raises(PluginError, match=r"fits several plugin kinds \(sections, rules\); name one"):
        Parser().use(both)
    assert "example.both" in Parser().use(both, kind="sections").sections
    with pytest.raises(UnknownNameError, match="unknown plugin kind 'formats'; known: readers, sections"):
        Parser().use(both, kind="formats")


OUTDATED_MODULE = """
from tests.plugins.csv_reader import CsvReader

class OldCsv(CsvReader):
    api_version = 0

OLD = OldCsv()
"""


def test_installed_plugins_that_break_the_contract_are_refused_by_name(tmp_path):
    for folder in (tmp_path, tmp_path / "b"):
        folder.mkdir(exist_ok=True)
        (folder / "outdated_plugins.py").write_text(OUTDATED_MODULE, encoding="utf-8")
    outdated = {"govreport.readers": {"csv": "outdated_plugins:OLD"}}
    with (
        installed_distribution(tmp_path, "govreport-old-csv", "0.1", outdated),
        pytest.raises(
            PluginError, match=r"input format reader 'csv' from govreport-old-csv declares API version 0"
        ),
    ):
        Parser()
    a_class = {"govreport.table_readers": {"csv": "outdated_plugins:OldCsv"}}
    with (
        installed_distribution(tmp_path / "b", "govreport-class", "0.1", a_class),
        pytest.raises(PluginError, match="is the class OldCsv, not a table reader: publish an instance"),
    ):
        Parser()
    missing = {"govreport.sections": {"gone": "no_such_module:PLUGIN"}}
    with (
        installed_distribution(tmp_path / "c", "govreport-gone", "0.1", missing),
        pytest.raises(
            PluginError, match=r"'gone' in group govreport\.sections from distribution govreport-gone"
        ),
    ):
        Parser()
    assert len(Parser().readers) == len(
        BUILTINS["govreport.readers"]
    )  # uninstalled again: nothing stays behind


# --- a table of the plugin's own, beside the statutory ones -----------------------------
class TrainingTable:
    """A whole-document table reader for a table the form does not have: 培训 sessions."""

    name = "training"
    title = "培训情况"
    api_version = TABLE_READER_API_VERSION

    def read_document(self, document: govreport.Document) -> tuple[govreport.StatTable, list[Finding]] | None:
        for paragraph in document.paragraphs:
            match = re.search(r"专题培训(\d+)期", paragraph.text)
            if match:
                cell = govreport.Cell(
                    table="training",
                    row="sessions",
                    column="total",
                    value=int(match.group(1)),
                    state=govreport.CellState.READ,
                    raw=match.group(1),
                    location=paragraph.location,
                )
                return govreport.StatTable(key="training", layout=govreport.Layout.V2021, cells=(cell,)), []
        return None


def test_a_new_table_travels_with_the_statutory_ones() -> None:
    text = (
        EXAMPLE.read_text("utf-8") + "\n六、其他需要报告的事项\n全年举办政府信息公开专题培训4期。\n"
    ).encode()
    parser = Parser().use(TrainingTable())
    report = parser.parse(text)
    assert report.table("training").value("sessions", "total") == 4
    assert {t.key for t in report.tables} >= {"training", "applications"}
    # The built-in rules still check the statutory tables and leave the new one to its own rules.
    assert [f.rule for f in report.findings] == [f.rule for f in Parser().parse(text).findings]
    assert govreport.from_json(govreport.to_json(report)) == report
    result = parse_data(text, parser=parser)
    cells = list(export_table("cells").rows(result))
    assert [(c["row_key"], c["count"]) for c in cells if c["table"] == "training"] == [("sessions", 4)]
    wide = next(iter(export_table("reports").rows(result)))
    assert not [name for name in wide if name.startswith("training")]
