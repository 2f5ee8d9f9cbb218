"""How the narrative reading of a generated report compares with the counts it states."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from govreport.extract.narrative.keys import core_keys
from govreport.model.report import NarrativeStat, NumberForm
from govreport.testing.narrative.writer import GeneratedNarrative, StatedCount


@frozen
class Score:
    """How the narrative reading of a generated report compares with what it states."""

    stated: int
    found: int
    wrong: int
    core_stated: int
    core_found: int
    missed: tuple[StatedCount, ...]
    wrong_stats: tuple[NarrativeStat, ...]


def _span(stat: NarrativeStat) -> tuple[int, int, int]:
    location = stat.location
    line = location.line if location is not None and location.line is not None else 0
    column = location.column if location is not None and location.column is not None else 0
    return line, column, column + len(stat.raw)


def _matches(stat: NarrativeStat, count: StatedCount) -> bool:
    line, start, end = _span(stat)
    return (
        stat.key == count.key
        and stat.value == count.value
        and line == count.line
        and start <= count.column < end
        and stat.approximation == count.approximation
        and stat.part == count.part
        and (not count.part or stat.label == count.label)
        and (stat.written is NumberForm.NEGATION) == count.negation
    )


def score(generated: GeneratedNarrative, stats: Sequence[NarrativeStat]) -> Score:
    """Found, stated and wrong counts: a stat is wrong unless it is exactly a stated count."""
    core = set(core_keys())
    missed = tuple(c for c in generated.stated if not any(_matches(s, c) for s in stats))
    wrong = tuple(s for s in stats if not any(_matches(s, c) for c in generated.stated))
    core_stated = [c for c in generated.stated if c.key in core]
    return Score(
        stated=len(generated.stated),
        found=len(generated.stated) - len(missed),
        wrong=len(wrong),
        core_stated=len(core_stated),
        core_found=len([c for c in core_stated if c not in missed]),
        missed=missed,
        wrong_stats=wrong,
    )
