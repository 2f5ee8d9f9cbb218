"""The canonical narrative keys: one registry entry per count a report's sentences can state.

Each entry says which words name it (``cues``: regular expressions matched against the
words around the amount, see :data:`TAIL`), which words name it inside a list opened by a
whole (``sub_cues``: 其中当面申请3件 after 受理申请10件), which units it takes, and whether its
sentence must be about 政府信息公开 (``context``). Registry order is priority order: the first
entry whose cue matches names the amount. The docs page of narrative keys is generated from
this registry.
"""

from __future__ import annotations

from enum import Enum

from attrs import frozen

from govreport.registry import Registry


class Needs(str, Enum):
    """What a count's context must be before it is attributed to a key."""

    SELF = "self"
    """The cue itself is about 政府信息公开 (主动公开政府信息): any context but ``other`` will do."""
    DISCLOSURE = "disclosure"
    """The sentence or its section must be about 政府信息公开 (受理申请, 办结, 咨询, 行政复议...)."""


# Filler words between a cue and its amount; ``#`` marks where the amount stands.
TAIL = r"(?:的)?(?:共计|共|累计|总计|合计|总数|数量|数|量|为|达到|达|了|有|计|是)*#"
_COUNT = ("件", "条", "次", "人次", "件次", "个", "份", "起", "宗")
_MONEY = ("元", "万元")


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


NARRATIVE_KEYS: Registry[NarrativeKey] = Registry("narrative key")

_APPLICATION_CHANNELS = (
    ("in_person", "当面", r"当面|现场|窗口|来访"),
    ("online", "网上", r"网上|网络|在线|网站|互联网"),
    ("letter", "信函", r"信函|邮寄|来信"),
    ("fax", "传真", r"传真"),
    ("email", "电子邮件", r"电子邮件|电子邮箱|邮件"),
    ("phone", "电话", r"电话"),
    ("other", "其他形式", r"其他(?:形式|方式|途径|渠道)"),
)
_CONSULTATION_CHANNELS = (
    ("phone", "电话咨询", r"电话"),
    ("in_person", "现场/当面咨询", r"当面|现场|来访|窗口"),
    ("online", "网上咨询", r"网上|网络|在线|网站|互联网"),
    ("letter", "信函咨询", r"信函|来信"),
    ("email", "电子邮件咨询", r"电子邮件|邮件"),
)
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
_RESULTS = (
    ("upheld", "结果维持", r"维持"),
    ("corrected", "结果纠正", r"纠正|撤销|变更|确认违法"),
    ("pending", "尚未审结", r"尚未审结|未审结|正在审理|审理中"),
    ("other", "其他结果", r"其他"),
)
_RECEIVED_WORDS = r"(?:受理|收到|接到|新收|接收)"


def _add(entry: NarrativeKey) -> None:
    NARRATIVE_KEYS.add(entry.key, entry)


def _register() -> None:
    disclosure, count = Needs.DISCLOSURE, _COUNT
    # 主动公开: the total first, so 通过门户网站主动发布政府信息40条 is the total, not a channel.
    _add(
        NarrativeKey(
            "active.total",
            "主动公开政府信息总数",
            "active",
            True,
            Needs.SELF,
            ("条", "件", "个", "篇", "份"),
            cues=(rf"主动(?:公开|发布)(?:了)?(?:各类|各种)?(?:政府)?信息{TAIL}",),
            opens_list=True,
        )
    )
    for channel, title, words, cue in _ACTIVE_CHANNELS:
        _add(
            NarrativeKey(
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
        )
    for kind, title in (("licensing", "行政许可"), ("penalty", "行政处罚"), ("enforcement", "行政强制")):
        # Table 二's decisions, also stated in the text: 全年公开行政许可处理决定46209件.
        _add(
            NarrativeKey(
                f"active.{kind}_decisions",
                f"公开{title}处理决定",
                "active",
                False,
                Needs.SELF,
                ("件", "条", "个"),
                cues=(rf"{title}(?:处理)?决定(?:书)?{TAIL}",),
            )
        )
    _add(
        NarrativeKey(
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
    )
    # Review and litigation before applications: 行政复议申请3件 is a review, not an application.
    for family, title, word in (("review", "行政复议", "复议"), ("litigation", "行政诉讼", "诉讼")):
        _add(
            NarrativeKey(
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
        )
        for result, result_title, words in _RESULTS:
            _add(
                NarrativeKey(
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
            )
    _add(
        NarrativeKey(
            "applications.carried_over",
            "上年结转申请",
            "applications",
            True,
            disclosure,
            count,
            cues=(
                rf"上(?:一)?年(?:度)?(?:结转|转入|遗留)(?:的)?(?:政府信息公开|依申请公开)?(?:申请)?{TAIL}",
            ),
            sub_cues=(r"上(?:一)?年(?:度)?(?:结转|转入)[^#]{0,6}#",),
            parents=("applications.received",),
        )
    )
    _add(
        NarrativeKey(
            "applications.carried_forward",
            "结转下年度继续办理",
            "applications",
            True,
            disclosure,
            count,
            cues=(
                rf"(?:结转|转入|转)(?:至|到)?下(?:一)?年(?:度)?(?:继续)?(?:办理)?(?:答复)?(?:的)?(?:申请)?{TAIL}",
                rf"(?:尚在|仍在|正在)办理(?:中)?(?:的)?(?:申请)?{TAIL}",
            ),
            sub_cues=(r"(?:结转|转入)(?:至|到)?下[^#]{0,8}#",),
            parents=("applications.received", "applications.completed"),
        )
    )
    for channel, title, words in _APPLICATION_CHANNELS:
        _add(
            NarrativeKey(
                f"applications.channel.{channel}",
                f"依申请渠道：{title}申请",
                "applications",
                False,
                disclosure,
                count,
                cues=(
                    rf"通过[^#，]{{0,12}}?(?:{words})[^#，]{{0,8}}?提(?:交|出)(?:的)?申请(?:共)?{TAIL}",
                    rf"(?:{words})(?:提交|提出|方式)?(?:的)?申请{TAIL}",
                ),
                sub_cues=(rf"(?:{words})[^#]{{0,8}}#",),
                parents=("applications.received",),
            )
        )
    for applicant, title, words in (
        ("natural_person", "自然人", r"自然人|个人|公民"),
        ("organisations", "法人或其他组织", r"法人(?:或|和|及|、)?(?:其他)?组织|法人|企业|社会组织"),
    ):
        # Who applied, as in table 三's columns: 其中自然人申请741件，法人或其他组织申请8件.
        _add(
            NarrativeKey(
                f"applications.applicant.{applicant}",
                f"申请人：{title}",
                "applications",
                False,
                disclosure,
                count,
                cues=(rf"(?:{words})(?:提出|提交)?(?:的)?申请{TAIL}",),
                sub_cues=(rf"(?:{words})[^#]{{0,6}}#",),
                parents=("applications.received",),
            )
        )
    _add(
        NarrativeKey(
            "applications.completed",
            "已办结（已答复）申请",
            "applications",
            True,
            disclosure,
            count,
            cues=(rf"(?:办结|答复完毕|办理完毕|办理完成)(?:申请)?{TAIL}",),
            sub_cues=(r"(?:办结|办理|处理|答复)[^#]{0,4}#",),
            parents=("applications.received",),
            opens_list=True,
        )
    )
    replies = (
        ("partial", "部分公开", r"(?:同意)?部分公开", r"部分公开"),
        ("unable", "无法提供", r"无法提供", r"无法提供"),
        ("not_processed", "不予处理", r"不予处理", r"不予处理"),
        (
            "denied",
            "不予公开",
            r"(?:不予|不同意|否决|拒绝)(?:公开)?",
            r"不予公开|不同意公开|否决|拒绝公开|不予(?!处理)|不同意(?!部分)",
        ),
        ("not_held", "信息不存在", r"(?:信息)?不存在|未制作或获取|(?:本机关)?不掌握", r"不存在|不掌握"),
        (
            "not_this_organ",
            "非本机关职责（不属于本机关公开）",
            r"(?:非本|不属于本)(?:机关|单位|部门|行政机关)(?:职责|掌握|公开)?(?:范围)?",
            r"非本|不属于本",
        ),
        ("granted", "同意公开（予以公开）", r"(?:同意|予以|准予|全部)公开", r"同意|予以|准予|全部公开|^公开"),
        (
            "other",
            "其他处理",
            r"其他(?:情形|情况|处理|答复)",
            r"(?:^|其中)其他(?:情形|情况|处理|答复|原因)?(?:的)?",
        ),
    )
    reply_parents = ("applications.received", "applications.completed", "replies.total")
    for reply, title, cue, sub in replies:
        _add(
            NarrativeKey(
                f"replies.{reply}",
                f"答复：{title}",
                "replies",
                True,
                disclosure,
                count,
                cues=(rf"{cue}(?:答复|的答复|的申请|答复数)?{TAIL}",),
                sub_cues=(rf"(?:{sub})[^#]{{0,8}}#" if reply != "other" else rf"{sub}#",),
                parents=reply_parents,
            )
        )
    _add(
        NarrativeKey(
            "replies.total",
            "答复总数",
            "replies",
            True,
            disclosure,
            count,
            cues=(rf"(?:作出|予以)?答复(?:申请)?{TAIL}",),
            opens_list=True,
        )
    )
    _add(
        NarrativeKey(
            "applications.received",
            "收到（受理）的政府信息公开申请",
            "applications",
            True,
            disclosure,
            count,
            cues=(
                rf"{_RECEIVED_WORDS}[^#，]{{0,16}}?申请(?:件|数)?{TAIL}",
                rf"(?:{_RECEIVED_WORDS}[^#，]{{0,6}}?)?依申请公开(?:政府信息)?(?:申请)?{TAIL}",
                rf"(?:政府)?信息公开申请(?:件|数)?{TAIL}",
                rf"{_RECEIVED_WORDS}(?:了)?(?:各类)?#(?:的)?[^，]{{0,10}}?申请(?:件)?$",
                r"申请(?:总数|数量|件数)" + TAIL,
            ),
            sub_cues=(rf"{_RECEIVED_WORDS}[^#]{{0,6}}#",),
            parents=("section:applications",),
            opens_list=True,
        )
    )
    for channel, title, words in _CONSULTATION_CHANNELS:
        _add(
            NarrativeKey(
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
        )
    _add(
        NarrativeKey(
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
    )
    _add(
        NarrativeKey(
            "complaints.total",
            "举报投诉",
            "complaints",
            False,
            disclosure,
            count,
            cues=(rf"举报(?:和|及|、)?投诉(?:案件)?{TAIL}",),
            opens_list=True,
        )
    )
    for kind, title in (("report", "举报"), ("complaint", "投诉"), ("appeal", "申诉")):
        _add(
            NarrativeKey(
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
        )
    _add(
        NarrativeKey(
            "fees.charged",
            "收取的费用",
            "fees",
            True,
            disclosure,
            _MONEY,
            cues=(
                rf"收取(?:了)?(?:信息处理费|费用|各类费用|检索费|复制费|邮寄费|成本费)?{TAIL}",
                rf"收费(?:金额|总额)?{TAIL}",
                rf"(?:检索|复制|邮寄|打印|信息处理)[^#，]{{0,8}}?费(?:用)?{TAIL}",
            ),
            sub_cues=(r"(?:收取|收费|费用)[^#]{0,6}#",),
            parents=("section:fees",),
        )
    )
    _add(
        NarrativeKey(
            "fees.waived",
            "减免的费用",
            "fees",
            True,
            disclosure,
            _MONEY,
            cues=(rf"(?:减免|免收|减收)(?:了)?(?:费用|金额)?{TAIL}",),
        )
    )


_register()


def core_keys() -> tuple[str, ...]:
    """The core counts: totals, applications and their handling, outcomes, reviews, lawsuits, fees."""
    return tuple(name for name, entry in NARRATIVE_KEYS.items() if entry.core)
