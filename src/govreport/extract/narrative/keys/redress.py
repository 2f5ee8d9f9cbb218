"""Remedies: 行政复议 and 行政诉讼 with their results, and 举报投诉."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.extract.narrative.keys.model import COUNT_UNITS, TAIL, NarrativeKey, Needs

_RESULTS = (
    ("upheld", "结果维持", r"维持"),
    ("corrected", "结果纠正", r"纠正|撤销|变更|确认违法"),
    ("pending", "尚未审结", r"尚未审结|未审结|正在审理|审理中"),
    ("other", "其他结果", r"其他"),
)


def review_litigation_keys() -> Iterator[NarrativeKey]:
    """行政复议 and 行政诉讼, each a whole with its results."""
    disclosure = Needs.DISCLOSURE
    count = COUNT_UNITS
    for family, title, word in (("review", "行政复议", "复议"), ("litigation", "行政诉讼", "诉讼")):
        yield NarrativeKey(
            f"{family}.total",
            f"因政府信息公开{title}",
            family,
            True,
            disclosure,
            count,
            cues=(
                rf"(?:行政)?{word}(?:的)?(?:申请|案件|案)?{TAIL}",
                rf"#[^，。；]{{0,16}}?(?:的)?{title}(?:申请|案件|件)?$",
            ),
            opens_list=True,
        )
        for result, result_title, words in _RESULTS:
            yield NarrativeKey(
                f"{family}.{result}",
                f"{title}{result_title}",
                family,
                False,
                disclosure,
                count,
                cues=(rf"{word}[^#]{{0,8}}(?:{words})(?:的)?(?:原)?(?:决定|具体行政行为)?{TAIL}",),
                sub_cues=(rf"(?:{words})[^#]{{0,8}}#",),
                parents=(f"{family}.total",),
            )


def complaint_keys() -> Iterator[NarrativeKey]:
    """举报投诉: the total and each kind."""
    disclosure = Needs.DISCLOSURE
    count = COUNT_UNITS
    yield NarrativeKey(
        "complaints.total",
        "举报投诉",
        "complaints",
        False,
        disclosure,
        count,
        cues=(rf"举报(?:和|及|、)?投诉(?:案件)?{TAIL}",),
        opens_list=True,
    )
    for kind, title in (("report", "举报"), ("complaint", "投诉"), ("appeal", "申诉")):
        yield NarrativeKey(
            f"complaints.{kind}",
            title,
            "complaints",
            False,
            disclosure,
            count,
            cues=(rf"{title}(?:案件)?{TAIL}",),
            sub_cues=(rf"{title}[^#]{{0,4}}#",),
            parents=("complaints.total",),
        )
