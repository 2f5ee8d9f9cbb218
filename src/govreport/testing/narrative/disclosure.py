"""The disclosure sections of a generated narrative report, each in several printed forms.

主动公开 totals, wholes and parts, channels; 依申请 received, channels, handling, replies; 咨询;
举报投诉; 复议诉讼; fees. Each section writes its counts through a
:class:`~govreport.testing.narrative.writer.Writer`, which records the keys they state.
"""

from __future__ import annotations

import random

from govreport.testing.narrative.writer import Piece, Writer, split_total


def _when(rng: random.Random, year: int) -> str:
    return rng.choice((f"{year}年", "全年", "全年累计", "本年度", "今年以来，", ""))


def active_section(w: Writer, year: int) -> None:
    """二、主动公开: the total alone, as a whole and its parts, or over two sentences; channels."""
    rng = w.rng
    w.heading("二、主动公开政府信息情况")
    total = rng.randint(50, 5000)
    form = rng.randrange(3)
    if form == 0:
        verb = rng.choice(
            ("主动公开政府信息", "主动公开各类政府信息", "共主动公开政府信息", "累计主动发布政府信息")
        )
        w.sentence(_when(rng, year), verb, w.count("active.total", total, "条"), "。")
    elif form == 1:
        a, b = split_total(rng, total, 2)
        first, second = rng.choice((("区直部门", "乡镇"), ("县直各单位", "各乡镇"), ("市本级", "各区县")))
        w.sentence(
            _when(rng, year),
            rng.choice(("全区", "全县", "")),
            "主动公开政府信息",
            w.count("active.total", total, "条", plain=True),
            "，其中",
            first,
            w.count("active.total", a, "条", part=True, label=first, plain=True),
            "、",
            second,
            w.count("active.total", b, "条", part=True, label=second, plain=True),
            "。",
        )
    else:
        a, b = split_total(rng, total, 2)
        w.sentence(f"{year}年全区主动公开政府信息", w.count("active.total", total, "条", plain=True), "。")
        w.sentence(
            "其中，区直各部门主动公开政府信息",
            w.count("active.total", a, "条", part=True, label="区直各部门", plain=True),
            f"，占{round(100 * a / total, 1) if total else 0}%；",
        )
        w.sentence(
            "各乡镇主动公开政府信息",
            w.count("active.total", b, "条", part=True, label="各乡镇", plain=True),
            "。",
        )
    if rng.random() < 0.6:
        w.sentence(
            "通过政府网站公开信息",
            w.count("active.channel.website", rng.randint(0, total), "条"),
            "，通过政务微博发布信息",
            w.count("active.channel.weibo", rng.randint(0, 900), "条"),
            "，通过政务微信发布信息",
            w.count("active.channel.wechat", rng.randint(0, 900), "条"),
            "，召开新闻发布会",
            w.count("active.channel.press_conference", rng.randint(0, 30), "次"),
            "。",
        )
    if rng.random() < 0.4:
        w.sentence(
            "区行政服务中心还通过服务大厅电子屏发布办事指南", w.decoy(rng.randint(50, 3000), "条"), "。"
        )


def applications_section(w: Writer, year: int) -> None:
    """三、依申请公开: none at all, or received with channels or applicants, carried over, replies."""
    rng = w.rng
    w.heading(rng.choice(("三、依申请公开政府信息情况", "三、政府信息依申请公开办理情况")))
    if rng.random() < 0.15:
        w.sentence(
            f"{year}年",
            Piece("未收到政府信息公开申请", "applications.received", 0, negation=True),
            "。",
        )
        return
    received = rng.randint(0, 400)
    channels = split_total(rng, received, 3)
    form = rng.randrange(3)
    if form == 0:
        w.sentence(
            "全年共受理政府信息公开申请",
            w.count("applications.received", received, "件"),
            "，其中当面申请",
            w.count("applications.channel.in_person", channels[0], "件", plain=True),
            "、网上申请",
            w.count("applications.channel.online", channels[1], "件", plain=True),
            "、信函申请",
            w.count("applications.channel.letter", channels[2], "件", plain=True),
            "。",
        )
    elif form == 1:
        verb = rng.choice(
            ("收到依申请公开申请", "新收政府信息公开申请", "受理政府信息公开申请", "接到政府信息公开申请")
        )
        w.sentence(_when(rng, year), verb, w.count("applications.received", received, "件"), "。")
        if rng.random() < 0.3:
            person, organisations = split_total(rng, received, 2)
            w.sentence(
                "其中自然人申请",
                w.count("applications.applicant.natural_person", person, "件", plain=True),
                "，法人或其他组织申请",
                w.count("applications.applicant.organisations", organisations, "件", plain=True),
                "。",
            )
        elif rng.random() < 0.5:
            w.sentence(
                "其中网上申请",
                w.count("applications.channel.online", channels[0], "件", plain=True),
                "，当面申请",
                w.count("applications.channel.in_person", channels[1], "件", plain=True),
                "，传真申请",
                w.count("applications.channel.fax", channels[2], "件", plain=True),
                "。",
            )
    elif rng.random() < 0.3:
        w.sentence(
            "全年共收到", w.count("applications.received", received, "件", plain=True), "政府信息公开申请。"
        )
    elif rng.random() < 0.5:
        w.sentence(
            "依托区政务服务中心设立政府信息公开申请受理点，全年受理政府信息公开申请",
            w.count("applications.received", received, "件"),
            "。",
        )
    else:
        w.sentence("全年共受理申请", w.count("applications.received", received, "件"), "。")
    carried = rng.randint(0, 20)
    completed = rng.randint(0, received + carried)
    forward = received + carried - completed
    w.sentence(
        rng.choice(("上年结转申请", "上年度结转", "上一年度结转申请")),
        w.count("applications.carried_over", carried, "件", plain=True),
        rng.choice(("，结转下年度继续办理", "，转入下年度办理", "，结转至下一年度办理")),
        w.count("applications.carried_forward", forward, "件", plain=True),
        "。",
    )
    keys = ("granted", "partial", "denied", "not_held", "not_this_organ", "unable", "not_processed", "other")
    replies = split_total(rng, completed, len(keys))
    words = rng.choice(
        (
            (
                "同意公开",
                "部分公开",
                "不予公开",
                "信息不存在",
                "非本机关职责",
                "无法提供",
                "不予处理",
                "其他",
            ),
            (
                "予以公开",
                "同意部分公开",
                "不予公开",
                "告知信息不存在",
                "告知不属于本机关公开范围",
                "因其他原因无法提供",
                "属信访、重复申请等不予处理",
                "其他处理",
            ),
        )
    )
    if rng.random() < 0.5:
        pieces: list[Piece | str] = [
            rng.choice(("已办结", "已全部办结", "答复完毕")),
            w.count("applications.completed", completed, "件", plain=True),
            "，其中",
        ]
        for i, (key, word) in enumerate(zip(keys, words, strict=True)):
            pieces += ["、" if i else "", word, w.count(f"replies.{key}", replies[i], "件", plain=True)]
        w.sentence(*pieces, "。")
    else:
        w.sentence(
            "办结",
            w.count("applications.completed", completed, "件", plain=True),
            "，同意公开、部分公开、不予公开的分别为",
            w.count("replies.granted", replies[0], "件", plain=True),
            "、",
            w.count("replies.partial", replies[1], "件", plain=True),
            "、",
            w.count("replies.denied", replies[2], "件", plain=True),
            "。",
        )
    if rng.random() < 0.3:
        # A count of two replies together names no single key.
        w.sentence("其中，予以公开及部分公开", w.decoy(rng.randint(1, 300), "件"), "。")
    if rng.random() < 0.5:
        w.sentence("此外，区行政服务中心全年共受理申请", w.decoy(rng.randint(1000, 200000), "件"), "。")


def consultation_section(w: Writer) -> None:
    """四、咨询: the total and its channels, with a share."""
    rng = w.rng
    w.heading("四、咨询处理情况")
    phone, visit, online = (rng.randint(0, 300) for _ in range(3))
    total = phone + visit + online
    w.sentence(
        rng.choice(("全年共接受群众咨询", "全年接待公众咨询", "共受理咨询")),
        w.count("consultation.total", total, "人次", plain=True),
        "，其中电话咨询",
        w.count("consultation.channel.phone", phone, "人次", plain=True),
        f"，占{round(100 * phone / total, 1) if total else 0}%；现场咨询",
        w.count("consultation.channel.in_person", visit, "人次", plain=True),
        "；网上咨询",
        w.count("consultation.channel.online", online, "人次", plain=True),
        "。",
    )
    if rng.random() < 0.5:
        w.sentence("政务服务大厅接待群众咨询", w.decoy(rng.randint(500, 90000), "人次"), "。")


def review_section(w: Writer) -> None:
    """五、复议诉讼: none stated in words, or counts with results; 举报 and 投诉."""
    rng = w.rng
    w.heading("五、因政府信息公开申请行政复议、提起行政诉讼的情况")
    if rng.random() < 0.3:
        w.sentence(
            Piece(
                rng.choice(("未发生因政府信息公开申请行政复议", "没有发生因政府信息公开申请行政复议")),
                "review.total",
                0,
                negation=True,
            ),
            "、",
            Piece("提起行政诉讼", "litigation.total", 0, negation=True),
            "的情况。",
        )
        return
    review = rng.randint(0, 20)
    upheld, corrected = split_total(rng, review, 2)
    w.sentence(
        "全年因政府信息公开申请行政复议",
        w.count("review.total", review, "件", plain=True),
        "，其中维持",
        w.count("review.upheld", upheld, "件", plain=True),
        "、纠正",
        w.count("review.corrected", corrected, "件", plain=True),
        "；提起行政诉讼",
        w.count("litigation.total", rng.randint(0, 10), "件", plain=True),
        "。",
    )
    w.sentence(
        "全年因政府信息公开工作引起举报",
        w.count("complaints.report", rng.randint(0, 5), "起", plain=True),
        "，投诉",
        w.count("complaints.complaint", rng.randint(0, 5), "起", plain=True),
        "。",
    )


def fees_section(w: Writer) -> None:
    """六、收费: charged and waived, or free of charge stated in words."""
    rng = w.rng
    w.heading("六、政府信息公开的收费及减免情况")
    if rng.random() < 0.5:
        w.sentence(
            rng.choice(("全年收取信息处理费", "收取检索、复制、邮寄等费用", "共收取费用")),
            w.count("fees.charged", rng.randint(0, 900), "元", plain=True),
            "，减免费用",
            w.count("fees.waived", rng.randint(0, 900), "元", plain=True),
            "。",
        )
    else:
        w.sentence("依申请提供政府信息", Piece("全部实行免费", "fees.charged", 0, negation=True), "。")
