"""依申请公开: applications carried over and forward, channels, applicants, handling, replies; fees."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.extract.narrative.keys.model import COUNT_UNITS, MONEY_UNITS, TAIL, NarrativeKey, Needs

_APPLICATION_CHANNELS = (
    ("in_person", "当面", r"当面|现场|窗口|来访"),
    ("online", "网上", r"网上|网络|在线|网站|互联网"),
    ("letter", "信函", r"信函|邮寄|来信"),
    ("fax", "传真", r"传真"),
    ("email", "电子邮件", r"电子邮件|电子邮箱|邮件"),
    ("phone", "电话", r"电话"),
    ("other", "其他形式", r"其他(?:形式|方式|途径|渠道)"),
)
_RECEIVED_WORDS = r"(?:受理|收到|接到|新收|接收)"


def application_keys() -> Iterator[NarrativeKey]:
    """The application keys, in priority order: received last, after the words of the others."""
    disclosure = Needs.DISCLOSURE
    count = COUNT_UNITS
    yield NarrativeKey(
        "applications.carried_over",
        "上年结转申请",
        "applications",
        True,
        disclosure,
        count,
        cues=(rf"上(?:一)?年(?:度)?(?:结转|转入|遗留)(?:的)?(?:政府信息公开|依申请公开)?(?:申请)?{TAIL}",),
        sub_cues=(r"上(?:一)?年(?:度)?(?:结转|转入)[^#]{0,6}#",),
        parents=("applications.received",),
    )
    yield NarrativeKey(
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
    for channel, title, words in _APPLICATION_CHANNELS:
        yield NarrativeKey(
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
    for applicant, title, words in (
        ("natural_person", "自然人", r"自然人|个人|公民"),
        ("organisations", "法人或其他组织", r"法人(?:或|和|及|、)?(?:其他)?组织|法人|企业|社会组织"),
    ):
        # Who applied, as in table 三's columns: 其中自然人申请741件，法人或其他组织申请8件.
        yield NarrativeKey(
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
    yield NarrativeKey(
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
        yield NarrativeKey(
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
    yield NarrativeKey(
        "replies.total",
        "答复总数",
        "replies",
        True,
        disclosure,
        count,
        cues=(rf"(?:作出|予以)?答复(?:申请)?{TAIL}",),
        opens_list=True,
    )
    yield NarrativeKey(
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


def fee_keys() -> Iterator[NarrativeKey]:
    """Fees charged and waived."""
    disclosure = Needs.DISCLOSURE
    yield NarrativeKey(
        "fees.charged",
        "收取的费用",
        "fees",
        True,
        disclosure,
        MONEY_UNITS,
        cues=(
            rf"收取(?:了)?(?:信息处理费|费用|各类费用|检索费|复制费|邮寄费|成本费)?{TAIL}",
            rf"收费(?:金额|总额)?{TAIL}",
            rf"(?:检索|复制|邮寄|打印|信息处理)[^#，]{{0,8}}?费(?:用)?{TAIL}",
        ),
        sub_cues=(r"(?:收取|收费|费用)[^#]{0,6}#",),
        parents=("section:fees",),
    )
    yield NarrativeKey(
        "fees.waived",
        "减免的费用",
        "fees",
        True,
        disclosure,
        MONEY_UNITS,
        cues=(rf"(?:减免|免收|减收)(?:了)?(?:费用|金额)?{TAIL}",),
    )
