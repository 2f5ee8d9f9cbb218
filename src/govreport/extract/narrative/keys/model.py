"""What a narrative key is: its cues, units, list relations and the context it needs."""

from __future__ import annotations

from enum import Enum

from attrs import frozen


class Needs(str, Enum):
    """What a count's context must be before it is attributed to a key."""

    SELF = "self"
    """The cue itself is about 政府信息公开 (主动公开政府信息): any context but ``other`` will do."""
    DISCLOSURE = "disclosure"
    """The sentence or its section must be about 政府信息公开 (受理申请, 办结, 咨询, 行政复议...)."""


# Filler words between a cue and its amount; ``#`` marks where the amount stands.
TAIL = r"(?:的)?(?:共计|共|累计|总计|合计|总数|数量|数|量|为|达到|达|了|有|计|是)*#"
COUNT_UNITS = ("件", "条", "次", "人次", "件次", "个", "份", "起", "宗")
MONEY_UNITS = ("元", "万元")


@frozen
class NarrativeKey:
    """One canonical narrative key."""

    key: str
    title: str
    """The report's own wording for it."""
    family: str
    """``active``, ``applications``, ``replies``, ``consultation``, ``complaints``, ``review``,
    ``litigation`` or ``fees``."""
    core: bool
    """One of the core counts: totals, applications and their handling, outcomes, reviews, lawsuits, fees."""
    needs: Needs
    units: tuple[str, ...]
    cues: tuple[str, ...] = ()
    sub_cues: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    """Keys whose list (其中…, …分别为…) lets ``sub_cues`` name this key."""
    opens_list: bool = False
    """A whole: a 其中 list after it breaks it down."""
    labelled: bool = False
    """Open-ended: the report's own wording is kept in ``label`` (a category name)."""
