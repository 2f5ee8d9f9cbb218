"""Generated narrative paragraphs with the counts they state, for tests and the benchmark.

A report is drawn from a small sentence grammar: disclosure sentences (主动公开 totals, wholes
and parts, channels; 依申请 received, channels, handling, replies; 咨询; 举报投诉; 复议诉讼; fees)
with digits, Chinese numerals, approximations, 其中 and 分别为 lists and shares, mixed with
look-alike sentences about the service centre, approvals, petitions, the 12345 hotline and
the budget, whose numbers must never take a disclosure key. The text is laid out one line
per paragraph or, like crawled pages, all on one line.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from attrs import field, frozen

from govreport.extract.narrative.keys import core_keys
from govreport.model.document import Location, Paragraph
from govreport.model.report import NarrativeStat, NumberForm

_CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """``number`` (0 ≤ n < 10⁸) as a Chinese numeral: 23 → 二十三, 2005 → 两千零五, 12000 → 一万二千."""
    if number == 0:
        return "零"
    high, low = divmod(number, 10000)
    if high:
        rest = _below_10000(low, leading=False) if low else ""
        gap = "零" if 0 < low < 1000 else ""
        return _below_10000(high, leading=True) + "万" + gap + rest
    return _below_10000(low, leading=True)


def _below_10000(number: int, *, leading: bool) -> str:
    text, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, number = divmod(number, size)
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        if unit == "十" and digit == 1 and not text and leading:
            text += "十"
        elif digit == 2 and unit in ("千", "百") and not text:
            text += "两" + unit
        else:
            text += _CN_DIGITS[digit] + unit
    return text


@frozen
class StatedCount:
    """A count a generated paragraph states, where its number is printed."""

    key: str
    value: int
    line: int
    column: int
    """1-based column of the first character of the number."""
    printed: str
    approximation: str = ""
    part: bool = False
    label: str = ""
    negation: bool = False


@frozen
class Decoy:
    """A look-alike number that belongs to no disclosure key."""

    value: int
    line: int
    column: int
    printed: str


@frozen
class GeneratedNarrative:
    """The lines of a generated report, the counts they state and the look-alike numbers."""

    lines: tuple[str, ...]
    stated: tuple[StatedCount, ...]
    decoys: tuple[Decoy, ...]

    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The lines as document paragraphs (line numbers from 1)."""
        return tuple(
            Paragraph(text=text, location=Location(line=i + 1, column=1)) for i, text in enumerate(self.lines)
        )


@frozen
class _Piece:
    text: str
    key: str = ""
    value: int = 0
    approximation: str = ""
    part: bool = False
    label: str = ""
    decoy: bool = False
    negation: bool = False
    number_offset: int = 0


@frozen
class _Writer:
    """Builds sentences from text and amounts, then lays them out in lines."""

    rng: random.Random
    blocks: list[list[_Piece]] = field(factory=list)

    def heading(self, text: str) -> None:
        self.blocks.append([_Piece(text)])

    def sentence(self, *pieces: _Piece | str) -> None:
        if not self.blocks or (len(self.blocks[-1]) == 1 and not self.blocks[-1][0].key):
            self.blocks.append([])
        self.blocks[-1].extend(p if isinstance(p, _Piece) else _Piece(p) for p in pieces)

    def count(
        self, key: str, value: int, unit: str, *, part: bool = False, label: str = "", plain: bool = False
    ) -> _Piece:
        """An amount for ``key`` in digits or a Chinese numeral, sometimes approximate."""
        roll = self.rng.random()
        number = chinese_numeral(value) if not plain and roll < 0.2 and value < 10**7 else str(value)
        approximation = ""
        if not plain and not part and 0.2 <= roll < 0.35 and value >= 10:
            approximation = self.rng.choice(("余", "多", "近", "约", "左右"))
        if approximation in ("近", "约"):
            return _Piece(
                f"{approximation}{number}{unit}",
                key,
                value,
                approximation,
                part,
                label,
                number_offset=len(approximation),
            )
        if approximation == "左右":
            return _Piece(f"{number}{unit}左右", key, value, approximation, part, label)
        return _Piece(f"{number}{approximation}{unit}", key, value, approximation, part, label)

    def decoy(self, value: int, unit: str) -> _Piece:
        return _Piece(f"{value}{unit}", value=value, decoy=True)

    def layout(self, *, inline: bool, glue: str = " ") -> GeneratedNarrative:
        """One line per block, or (``inline``) every block on one line, as crawled pages print them."""
        lines: list[str] = []
        stated: list[StatedCount] = []
        decoys: list[Decoy] = []
        current = ""
        for block in self.blocks:
            if current and inline:
                current += glue
            elif current:
                lines.append(current)
                current = ""
            for piece in block:
                line, column = len(lines) + 1, len(current) + 1 + piece.number_offset
                printed = piece.text[piece.number_offset :]
                if piece.decoy:
                    decoys.append(Decoy(piece.value, line, column, printed))
                elif piece.key:
                    stated.append(
                        StatedCount(
                            piece.key,
                            piece.value,
                            line,
                            column,
                            printed,
                            piece.approximation,
                            piece.part,
                            piece.label,
                            piece.negation,
                        )
                    )
                current += piece.text
        lines.append(current)
        return GeneratedNarrative(tuple(lines), tuple(stated), tuple(decoys))


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _when(rng: random.Random, year: int) -> str:
    return rng.choice((f"{year}年", "全年", "全年累计", "本年度", "今年以来，", ""))


def _active(w: _Writer, year: int) -> None:
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
        a, b = _split(rng, total, 2)
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
        a, b = _split(rng, total, 2)
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


def _applications(w: _Writer, year: int) -> None:
    rng = w.rng
    w.heading(rng.choice(("三、依申请公开政府信息情况", "三、政府信息依申请公开办理情况")))
    if rng.random() < 0.15:
        w.sentence(
            f"{year}年",
            _Piece("未收到政府信息公开申请", "applications.received", 0, negation=True),
            "。",
        )
        return
    received = rng.randint(0, 400)
    channels = _split(rng, received, 3)
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
            person, organisations = _split(rng, received, 2)
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
    replies = _split(rng, completed, len(keys))
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
        pieces: list[_Piece | str] = [
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


def _consultation(w: _Writer) -> None:
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


def _review(w: _Writer) -> None:
    rng = w.rng
    w.heading("五、因政府信息公开申请行政复议、提起行政诉讼的情况")
    if rng.random() < 0.3:
        w.sentence(
            _Piece(
                rng.choice(("未发生因政府信息公开申请行政复议", "没有发生因政府信息公开申请行政复议")),
                "review.total",
                0,
                negation=True,
            ),
            "、",
            _Piece("提起行政诉讼", "litigation.total", 0, negation=True),
            "的情况。",
        )
        return
    review = rng.randint(0, 20)
    upheld, corrected = _split(rng, review, 2)
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


def _fees(w: _Writer) -> None:
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
        w.sentence("依申请提供政府信息", _Piece("全部实行免费", "fees.charged", 0, negation=True), "。")


_LOOKALIKES: tuple[Callable[[_Writer], list[_Piece | str]], ...] = (
    lambda w: [
        "区行政服务中心全年共受理申请",
        w.decoy(w.rng.randint(1000, 200000), "件"),
        "，办结",
        w.decoy(w.rng.randint(1000, 200000), "件"),
        "，办结率100%。",
    ],
    lambda w: [
        "12345便民服务热线受理群众咨询",
        w.decoy(w.rng.randint(100, 90000), "件"),
        "，已办结",
        w.decoy(w.rng.randint(100, 90000), "件"),
        "。",
    ],
    lambda w: [
        "信访部门共受理群众来信来访",
        w.decoy(w.rng.randint(10, 9000), "件"),
        "，其中网上信访",
        w.decoy(w.rng.randint(1, 900), "件"),
        "。",
    ],
    lambda w: [
        "全年财政预算收入",
        w.decoy(w.rng.randint(1000, 900000), "万元"),
        "，“三公”经费支出",
        w.decoy(w.rng.randint(10, 900), "万元"),
        "。",
    ],
    lambda w: [
        "区行政审批局共受理审批事项",
        w.decoy(w.rng.randint(100, 90000), "件"),
        "，办结",
        w.decoy(w.rng.randint(100, 90000), "件"),
        "，收取费用",
        w.decoy(w.rng.randint(100, 9000), "元"),
        "。",
    ],
    lambda w: ["信访局共收到群众投诉", w.decoy(w.rng.randint(10, 900), "件"), "。"],
    lambda w: [
        "法治政府建设方面，全年办理行政复议案件",
        w.decoy(w.rng.randint(10, 900), "件"),
        "，行政诉讼案件",
        w.decoy(w.rng.randint(10, 900), "件"),
        "。",
    ],
    lambda w: [
        "区政务服务中心共办理各类审批服务事项",
        w.decoy(w.rng.randint(1000, 90000), "件"),
        "，按时办结率100%。",
    ],
    lambda w: ["全年受理群众来信来访", w.decoy(w.rng.randint(10, 9000), "件次"), "。"],
    lambda w: ["12345热线共接听群众来电", w.decoy(w.rng.randint(100, 90000), "个"), "。"],
    lambda w: ["全年处理网民留言", w.decoy(w.rng.randint(10, 900), "条"), "，办结率100%。"],
    lambda w: ["全区一般公共预算收入", w.decoy(w.rng.randint(1000, 900000), "万元"), "。"],
    lambda w: ["区行政服务中心窗口共接待群众咨询", w.decoy(w.rng.randint(100, 90000), "人次"), "。"],
    lambda w: ["区行政审批局受理行政许可申请", w.decoy(w.rng.randint(100, 90000), "件"), "。"],
    lambda w: [
        "在推进政府信息公开工作的同时，区行政服务中心共受理各类申请",
        w.decoy(w.rng.randint(1000, 200000), "件"),
        "，办结",
        w.decoy(w.rng.randint(1000, 200000), "件"),
        "。",
    ],
)


def _service_section(w: _Writer) -> None:
    # A section about 政务服务 whose sentences carry no cue of their own: the heading decides.
    w.heading("七、政务服务工作情况")
    w.sentence(
        "全年共受理申请",
        w.decoy(w.rng.randint(1000, 200000), "件"),
        "，办结",
        w.decoy(w.rng.randint(1000, 200000), "件"),
        "，接受咨询",
        w.decoy(w.rng.randint(100, 90000), "人次"),
        "。",
    )


def generate_narrative_paragraphs(seed: int) -> GeneratedNarrative:
    """A generated old-style report from ``seed``: disclosure counts mixed with look-alikes."""
    rng = random.Random(seed)
    year = rng.randint(2008, 2018)
    w = _Writer(rng)
    w.heading("一、概述")
    w.sentence(f"{year}年，我区政府信息公开工作稳步推进。")
    for _ in range(rng.randint(1, 3)):
        w.sentence(*rng.choice(_LOOKALIKES)(w))
    _active(w, year)
    _applications(w, year)
    _consultation(w)
    _review(w)
    _fees(w)
    if rng.random() < 0.7:
        _service_section(w)
    w.heading("八、存在的主要问题及改进措施")
    w.sentence(*rng.choice(_LOOKALIKES)(w))
    roll = rng.random()
    return w.layout(inline=roll < 0.4, glue=" " if roll < 0.25 else "")


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
