"""主动公开: the total, its channels, the decisions of table 二, categories."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.extract.narrative.keys.model import TAIL, NarrativeKey, Needs

_ACTIVE_CHANNELS = (
    (
        "website",
        "政府网站",
        r"政府网站|门户网站|网站",
        r"网站(?:上)?(?:共|累计)?(?:公开|发布|发送)(?:了)?(?:政府)?(?:信息)?",
    ),
    ("weibo", "政务微博", r"微博", r"微博[^#。]{0,12}?(?:发布|推送|公开)(?:了)?(?:政府)?(?:信息|微博)?"),
    (
        "wechat",
        "政务微信",
        r"微信",
        r"微信(?:公众号)?[^#。]{0,12}?(?:发布|推送|公开)(?:了)?(?:政府)?(?:信息|消息)?",
    ),
    (
        "bulletin_board",
        "公开栏",
        r"公开栏|公告栏|公示栏|宣传栏",
        r"(?:刊出|更新|张贴)(?:政务)?(?:公开栏|公示栏)|(?:公开栏|公示栏)(?:公开|发布|张贴)(?:政府)?(?:信息)?",
    ),
    (
        "press",
        "报刊广播电视",
        r"报刊|报纸|广播|电视",
        r"(?:报刊|报纸|广播|电视)[^#。]{0,10}?(?:公开|发布|刊登|播出)(?:了)?(?:政府)?(?:信息)?",
    ),
    ("press_conference", "新闻发布会", r"新闻发布会", r"(?:召开|举办|举行)(?:了)?新闻发布会"),
    ("gazette", "政府公报", r"公报", r"(?:政府)?公报(?:公开|刊登|刊发)(?:了)?(?:政府)?(?:信息|文件)?"),
)


def active_keys() -> Iterator[NarrativeKey]:
    """The 主动公开 keys, in priority order: the total first, so a channel's words do not take it."""
    # 主动公开: the total first, so 通过门户网站主动发布政府信息40条 is the total, not a channel.
    yield NarrativeKey(
        "active.total",
        "主动公开政府信息总数",
        "active",
        True,
        Needs.SELF,
        ("条", "件", "个", "篇", "份"),
        cues=(rf"主动(?:公开|发布)(?:了)?(?:各类|各种)?(?:政府)?信息{TAIL}",),
        opens_list=True,
    )
    for channel, title, words, cue in _ACTIVE_CHANNELS:
        yield NarrativeKey(
            f"active.channel.{channel}",
            f"主动公开渠道：{title}",
            "active",
            False,
            Needs.SELF,
            ("条", "件", "次", "期", "篇", "个", "场"),
            cues=(cue + TAIL,),
            sub_cues=(rf"(?:{words})[^#]{{0,10}}#",),
            parents=("active.total",),
        )
    for kind, title in (("licensing", "行政许可"), ("penalty", "行政处罚"), ("enforcement", "行政强制")):
        # Table 二's decisions, also stated in the text: 全年公开行政许可处理决定46209件.
        yield NarrativeKey(
            f"active.{kind}_decisions",
            f"公开{title}处理决定",
            "active",
            False,
            Needs.SELF,
            ("件", "条", "个"),
            cues=(rf"{title}(?:处理)?决定(?:书)?{TAIL}",),
        )
    yield NarrativeKey(
        "active.category",
        "主动公开信息类别（label 为类别名）",
        "active",
        False,
        Needs.SELF,
        ("条", "件", "个", "篇"),
        cues=(
            r"[“\"](?P<label>[^”\"]{1,16})[”\"](?:类)?(?:信息)?(?:共)?#",
            r"公开(?P<label>政务动态|工作动态|通知公告|政策文件|规范性文件)#",
        ),
        labelled=True,
    )
