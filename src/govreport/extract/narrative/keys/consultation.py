"""咨询: the enquiries handled, by channel and in total."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.extract.narrative.keys.model import COUNT_UNITS, TAIL, NarrativeKey, Needs

_CONSULTATION_CHANNELS = (
    ("phone", "电话咨询", r"电话"),
    ("in_person", "现场/当面咨询", r"当面|现场|来访|窗口"),
    ("online", "网上咨询", r"网上|网络|在线|网站|互联网"),
    ("letter", "信函咨询", r"信函|来信"),
    ("email", "电子邮件咨询", r"电子邮件|邮件"),
)


def consultation_keys() -> Iterator[NarrativeKey]:
    """The channels first, then the total."""
    disclosure = Needs.DISCLOSURE
    count = COUNT_UNITS
    for channel, title, words in _CONSULTATION_CHANNELS:
        yield NarrativeKey(
            f"consultation.channel.{channel}",
            f"咨询渠道：{title}",
            "consultation",
            False,
            disclosure,
            count,
            cues=(
                rf"(?:{words})(?:咨询)[^#]{{0,4}}{TAIL}",
                rf"咨询(?:{words})[^#]{{0,4}}{TAIL}",
            ),
            sub_cues=(rf"(?:{words})[^#]{{0,8}}#",),
            parents=("consultation.total",),
        )
    yield NarrativeKey(
        "consultation.total",
        "政府信息公开咨询",
        "consultation",
        False,
        disclosure,
        count,
        cues=(
            rf"(?:接受|受理|接待|处理|解答|答复|办理|回复|收到)(?:群众|公众|社会公众|各类)?(?:的)?咨询(?:共计|共|累计)?{TAIL}",
            r"(?:有|接受|接待)?#[^，。；]{0,30}?咨询",
        ),
        opens_list=True,
    )
