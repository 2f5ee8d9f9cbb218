"""English findings of the rules no bundled or generated report breaks, on reports altered to break them."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from attrs import evolve

from govreport import Report, parse
from govreport.checks import RULES
from govreport.model.messages import speaking
from govreport.model.report import NarrativeStat
from tests.helpers import with_cell

ROOT = Path(__file__).resolve().parents[1]
V2019 = parse(ROOT / "examples" / "2020-v2019-clean.txt")
V2021 = parse(ROOT / "examples" / "2022-v2021-damaged.txt")
STATISTICS = parse(ROOT / "examples" / "2015-statistics-glued.txt")
NARRATIVE = parse(ROOT / "examples" / "2016-narrative.txt")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_QUOTED = re.compile(r"「[^「」]*」")


def _plus_one(report: Report, table: str, row: str, column: str) -> Report:
    value = report.table(table).cell(row, column).value
    assert isinstance(value, int)
    return with_cell(report, table, row, column, value=value + 1)


def _fees_but_none(report: Report) -> Report:
    sections = tuple(evolve(s, text="无。") if s.key == "other" else s for s in report.sections)
    return evolve(with_cell(report, "active", "fees", "amount", value=Decimal("1.5")), sections=sections)


def _two_values(report: Report) -> Report:
    stat = next(s for s in report.narrative if not s.part)
    other: NarrativeStat = evolve(stat, value=stat.value + 7, raw=f"{stat.raw}又七")
    return evolve(report, narrative=(*report.narrative, other))


ALTERED: dict[str, Callable[[], Report]] = {
    "H2": lambda: _plus_one(V2019, "applications", "granted", "natural_person"),
    "H4": lambda: _plus_one(V2019, "review_litigation", "review", "upheld"),
    "H5": lambda: with_cell(V2019, "applications", "granted", "natural_person", value=Decimal("1.5")),
    "H6": lambda: with_cell(V2019, "active", "procurement", "amount", value=Decimal("-1")),
    "H7": lambda: with_cell(V2019, "active", "penalty", "items_change", value=Decimal("1.5")),
    "S4": lambda: with_cell(V2019, "active", "regulations", "total_public", value=1),
    "S6": lambda: evolve(
        V2019, metadata=evolve(V2019.metadata, year=2019, document_number="城办〔2015〕1号")
    ),
    "S7": lambda: evolve(V2019, metadata=evolve(V2019.metadata, issue_date=datetime.date(2021, 6, 1))),
    "S10": lambda: _fees_but_none(V2021),
    "N2": lambda: _two_values(NARRATIVE),
    # 办结 this year 1, its parts 0 and 0, all years 0: breaks both rules of the 统计表.
    "T1": lambda: with_cell(STATISTICS, "statistics", "completed", "this_year", value=1),
    "T2": lambda: with_cell(STATISTICS, "statistics", "completed", "this_year", value=1),
}


@pytest.mark.parametrize("rule_id", ALTERED)
def test_an_altered_report_breaks_the_rule_and_it_says_so_in_english(rule_id: str) -> None:
    rule = RULES.get(rule_id)
    assert rule.check is not None
    report = ALTERED[rule_id]()
    with speaking("en"):
        english = list(rule.check(report))
    chinese = list(rule.check(report))
    assert english, f"{rule_id} did not fire"
    assert [evolve(f, message="") for f in english] == [evolve(f, message="") for f in chinese]
    for finding in english:
        assert not _HAN.search(_QUOTED.sub("", finding.message)), finding.message
