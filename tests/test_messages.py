"""One catalogue, two languages: every message in Chinese and English, findings in the parser's language."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from attrs import evolve
from click.testing import CliRunner

from govreport import Parser, check_corpus
from govreport.app.cli import main
from govreport.messages import catalogue
from govreport.model.messages import LANGUAGES, Joined, Message, speaking
from govreport.model.report import Report
from tests.shared_files import SHARED
from tests.test_rule_metadata import _generated

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "govreport"
MESSAGE_ARGUMENT = {"finding": 1, "statistics_finding": 1, "corpus_finding": 3}
"""govreport's finding factories and the position of their message argument."""
EXAMPLE = ROOT / "examples" / "2022-v2021-damaged.txt"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_QUOTED = re.compile(r"「[^「」]*」")


def _unquoted(text: str) -> str:
    """``text`` without the report's own words, which English messages put between 「」."""
    previous = None
    while previous != text:  # quotes inside quotes: strip from the innermost out
        previous, text = text, _QUOTED.sub("", text)
    return text


def _sources() -> list[str | bytes | Path]:
    shared = sorted(p for group in ("seeds", "realworld") for p in (SHARED / group).glob("*.txt"))
    examples = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "examples").glob("*.md"))
    return [*examples, *shared, *_generated()]


@pytest.fixture(scope="module")
def both_languages() -> list[tuple[Report, Report]]:
    zh, en = Parser(), Parser(lang="en")
    return [(zh.parse(source), en.parse(source)) for source in _sources()]


@pytest.mark.parametrize("message", catalogue().values(), ids=lambda m: m.id)
def test_every_entry_has_both_languages_over_the_same_parameters(message: Message) -> None:
    names = [{n for _, n, _, _ in string.Formatter().parse(message.template(x)) if n} for x in LANGUAGES]
    assert all(message.template(lang).strip() for lang in LANGUAGES)
    assert names[0] == names[1] == message.parameters
    # English puts each piece of report text between 「」; all the rest of it is English.
    sample = message(**{n: "汉字" if n in message.quoted else "x" for n in message.parameters})
    for name in message.quoted:
        assert f"「{{{name}}}」" in message.en or re.search(rf"「[^」]*{{{name}}}[^」]*」", message.en), name
    assert not _HAN.search(_unquoted(sample.render("en"))), sample.render("en")


def test_govreport_makes_every_message_from_the_catalogue() -> None:
    """Plain strings are for plugins' rules: none of govreport's own findings is written inline."""
    inline = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            position = MESSAGE_ARGUMENT.get(node.func.id, -1)
            inlined = 0 <= position < len(node.args) and isinstance(
                node.args[position], (ast.Constant, ast.JoinedStr, ast.BinOp)
            )
            if inlined:
                inline.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert inline == []


def test_a_binding_must_name_every_parameter_and_no_other() -> None:
    message = catalogue()["S7.issue_date"]
    with pytest.raises(TypeError, match=r"S7\.issue_date"):
        message(date="2023-05-01")
    with pytest.raises(ValueError, match="different parameters"):
        Message("bad", zh="{a}", en="{b}")
    with pytest.raises(ValueError, match="not all parameters"):
        Message("bad", zh="{a}", en="{a}", quoted={"b"})


def test_ids_are_unique_and_lists_use_each_languages_separator() -> None:
    assert len(catalogue()) > 100
    items = Joined(["a", catalogue()["R2.one_filling"]()])
    assert items.render("zh") == "a、只有一种填法"
    assert items.render("en") == "a, there is only one way to fill it"


def test_the_language_is_the_parsers_and_reset_after_the_parse() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        Parser(lang="fr")  # type: ignore[arg-type]
    with speaking("en"):  # a parser's own language wins over the caller's
        chinese = Parser(lang="zh").parse(EXAMPLE)
    assert chinese.findings and all(_HAN.search(_unquoted(f.message)) for f in chinese.findings)
    assert catalogue()["none"]().render() == "无"  # back to Chinese outside the parse


def test_english_findings_differ_only_in_their_message(both_languages: list[tuple[Report, Report]]) -> None:
    rules = set()
    for zh, en in both_languages:
        assert [evolve(f, message="") for f in zh.findings] == [evolve(f, message="") for f in en.findings]
        assert evolve(zh, findings=()) == evolve(en, findings=())
        rules |= {f.rule for f in en.findings}
    # The sources reach the rules of the catalogue's every area: printed rules, reading, labels, text.
    assert {"H1", "R1", "R2", "R3", "R4", "R5", "R6", "R8", "R10", "L1", "M1", "T3", "S8", "V1"} <= rules


def test_english_findings_have_no_chinese_but_the_reports_own_words(
    both_languages: list[tuple[Report, Report]],
) -> None:
    leaks = [
        f"{f.rule}: {f.message}"
        for _, en in both_languages
        for f in en.findings
        if _HAN.search(_unquoted(f.message))
    ]
    assert leaks == []


def test_english_corpus_findings(both_languages: list[tuple[Report, Report]]) -> None:
    reports = [zh for zh, _ in both_languages]
    zh, en = check_corpus([*reports, reports[0]]), check_corpus([*reports, reports[0]], lang="en")
    assert {f.rule for f in en} >= {"D1"}
    assert [evolve(f, message="") for f in zh] == [evolve(f, message="") for f in en]
    assert [f"{f.rule}: {f.message}" for f in en if _HAN.search(_unquoted(f.message))] == []


def test_check_speaks_chinese_by_default_and_english_with_lang_en() -> None:
    runner = CliRunner()
    chinese = runner.invoke(main, ["check", str(EXAMPLE)])
    assert chinese.exit_code == 1
    assert "表三(175)" in chinese.output and "applications(175)" not in chinese.output
    assert "错误 H1 [报告本身]" in chinese.output and "（第29行第41字" in chinese.output
    english = runner.invoke(main, ["check", "--lang", "en", str(EXAMPLE)])
    assert english.exit_code == 1
    assert "table 3 (175 cells)" in english.output and "error H1 [source]" in english.output
    assert [line for line in english.output.splitlines() if _HAN.search(_unquoted(line))] == []
    parallel = runner.invoke(main, ["check", "--lang", "en", "--jobs", "2", str(EXAMPLE)])
    assert parallel.output == english.output


def test_parse_lang_en_writes_english_messages_and_the_same_keys() -> None:
    runner = CliRunner()
    chinese = runner.invoke(main, ["parse", str(EXAMPLE)])
    english = runner.invoke(main, ["parse", "--lang", "en", str(EXAMPLE)])
    assert english.exit_code == chinese.exit_code == 0
    assert "does not hold" in english.output and "不成立" in chinese.output
    assert runner.invoke(main, ["parse", "--lang", "fr", str(EXAMPLE)]).exit_code == 2
