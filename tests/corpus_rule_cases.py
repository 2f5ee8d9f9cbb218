"""For every corpus rule: a corpus where it fires, and a near miss where it must not (see rule_cases.py)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import NamedTuple

from govreport import Report, parse
from govreport.testing.series import year_series
from govreport.testing.synthetic import random_values, render_text
from tests.rule_cases import APP, CellKey


class CorpusCase(NamedTuple):
    reports: Callable[[], list[Report]]
    cells: frozenset[CellKey] = frozenset()
    """The cells (table, row, column; any document) the rule's findings name together."""


def _series(first_year: int, *changes: tuple[CellKey, int]) -> Callable[[], list[Report]]:
    """Two consecutive generated years of one organ (spelled two ways); ``changes`` add to year two."""

    def build() -> list[Report]:
        reports = []
        for i, (year, layout, values) in enumerate(
            year_series(random.Random(8), range(first_year, first_year + 2))
        ):
            for key, delta in changes if i == 1 else ():
                values = {**values, key: values[key] + delta}  # type: ignore[operator]
            organ = ("凤山乡人民政府", "凤山乡政府")[i]
            reports.append(parse(render_text(random.Random(i), layout, values, year=year, organ=organ)))
        return reports

    return build


def _region(*, complete: bool) -> Callable[[], list[Report]]:
    """A county and its two towns, v2021; the county's tables cover both towns or only the first."""

    def build() -> list[Report]:
        rng = random.Random(2)
        a, b = random_values(rng, "v2021"), random_values(rng, "v2021")
        region = {k: a[k] + b[k] for k in a} if complete else a  # type: ignore[operator]
        return [
            parse(render_text(random.Random(0), "v2021", values, year=2022, organ=organ))
            for values, organ in ((region, "汶上县人民政府"), (a, "汶上县军屯乡"), (b, "汶上县黄庄镇"))
        ]

    return build


def _prose(seed: int) -> str:
    rng = random.Random(seed)
    alphabet = "本机关年度公开工作推进落实制度平台建设政策解读回应关切培训考核监督意见群众企业办事服务便民"
    return "".join(rng.choice(alphabet) for _ in range(300)) + "。"


def _two(years: tuple[int, int], proses: tuple[int | None, int | None], *, same: bool = False):
    """Two v2021 reports of 峨口镇; ``proses`` replace part 五 (None keeps the generated text)."""

    def build() -> list[Report]:
        rng = random.Random(5)
        texts = []
        for year, prose in zip(years, proses, strict=True):
            text = render_text(
                random.Random(year), "v2021", random_values(rng, "v2021"), year=year, organ="峨口镇"
            )
            texts.append(text if prose is None else text.replace(PROBLEMS, _prose(prose)))
        if same:
            texts[1] = texts[0]
        return [parse(t.encode("utf-8")) for t in texts]

    return build


PROBLEMS = "一是信息公开的及时性有待提高，二是政策解读形式不够丰富。下一步将加强培训，完善工作机制。"

CORPUS_FIRES: dict[str, CorpusCase] = {
    "S1": CorpusCase(
        _series(2020, ((APP, "carried_over", "natural_person"), 3)),
        frozenset({(APP, "carried_forward", "natural_person"), (APP, "carried_over", "natural_person")}),
    ),
    "S2": CorpusCase(
        _series(2022, (("active", "regulations", "in_force"), 2)),
        frozenset({("active", "regulations", c) for c in ("in_force", "issued", "repealed")}),
    ),
    "S3": CorpusCase(
        _series(2019, (("active", "penalty", "items_prev_year"), 2)),
        frozenset({("active", "penalty", c) for c in ("items_prev_year", "items_change")}),
    ),
    # The county's tables hold only its first town: every total it must cover falls short.
    "S12": CorpusCase(
        _region(complete=False),
        frozenset(
            {
                (APP, row, "total")
                for row in ("new_received", "carried_over", "total_processed", "carried_forward")
            }
            | {
                ("review_litigation", group, "total")
                for group in ("review", "litigation_direct", "litigation_after_review")
            }
        ),
    ),
    "D1": CorpusCase(_two((2022, 2022), (1, 1), same=True)),
    "D2": CorpusCase(_two((2022, 2022), (1, 2))),
    "D3": CorpusCase(_two((2021, 2022), (None, None))),
}

CORPUS_SILENT: dict[str, CorpusCase] = {
    "S1": CorpusCase(_series(2020)),
    # Two more made this year and two more in force: the stock still adds up.
    "S2": CorpusCase(
        _series(2022, (("active", "regulations", "issued"), 2), (("active", "regulations", "in_force"), 2))
    ),
    # This year's change moves the count next year; this year's own count is last year's plus its change.
    "S3": CorpusCase(_series(2019, (("active", "penalty", "items_change"), 2))),
    "S12": CorpusCase(_region(complete=True)),
    "D1": CorpusCase(_two((2022, 2022), (1, 1))),
    "D2": CorpusCase(_two((2021, 2022), (1, 2))),
    "D3": CorpusCase(_two((2021, 2022), (1, 2))),
}
