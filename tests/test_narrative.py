"""Narrative counts: context before number, one value per key, the vocabulary, text vs tables."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport.extract.narrative import CONTEXT_RULES, NARRATIVE_KEYS, TEXT_TABLE_LINKS, Context, core_keys
from govreport.extract.narrative import extract_narrative as extract
from govreport.model import Location, NumberForm, Paragraph
from govreport.normalize.numbers import cn_to_int
from govreport.tables.layouts import cell_keys
from govreport.testing import synthetic
from govreport.testing.narrative import chinese_numeral, generate_narrative_paragraphs, score


def _read(*lines: str):
    paragraphs = [Paragraph(text=t, location=Location(line=i + 1, column=1)) for i, t in enumerate(lines)]
    return extract(paragraphs)[0]


def _values(*lines: str) -> dict[str, object]:
    return {s.key: s.value for s in _read(*lines) if not s.part}


# --- generated paragraphs: look-alikes never land on a disclosure key ----------------------
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_generated_paragraphs_read_exactly(seed: int) -> None:
    generated = generate_narrative_paragraphs(seed)
    stats = _read(*generated.lines)
    result = score(generated, stats)
    assert result.wrong_stats == ()
    assert result.missed == ()
    for stat in stats:
        location = stat.location
        assert location is not None and location.column is not None
        text = generated.lines[location.line - 1]
        # Each stat points at its own words in the text ...
        assert text[location.column - 1 :].startswith(stat.raw)
        # ... and no look-alike number lies inside them.
        span = range(location.column, location.column + len(stat.raw))
        assert not any(d.line == location.line and d.column in span for d in generated.decoys)


def test_generated_paragraphs_have_decoys_and_all_forms() -> None:
    """The grammar really mixes in look-alikes, numerals, approximations, negations and parts."""
    everything = [generate_narrative_paragraphs(seed) for seed in range(60)]
    assert sum(len(g.decoys) for g in everything) > 200
    stated = [c for g in everything for c in g.stated]
    assert {c.approximation for c in stated} >= {"", "余", "多", "近", "约", "左右"}
    assert any(c.negation for c in stated) and any(c.part for c in stated)
    assert any(re.search(r"[一二三四五六七八九十]", c.printed) for c in stated)
    assert {c.key for c in stated} >= set(core_keys()) - {"replies.total"}
    assert any(len(g.lines) == 1 for g in everything) and any(len(g.lines) > 5 for g in everything)


# --- context before number ----------------------------------------------------------------
_SERVICE_SUBJECTS = ("区行政服务中心", "政务服务中心", "12345便民服务热线", "信访局", "区行政审批局")
_DISCLOSURE_SUBJECTS = ("本机关", "我局", "区政府办公室", "")


@given(
    st.sampled_from(_SERVICE_SUBJECTS),
    st.sampled_from(("共受理申请{}件", "全年受理申请{}件，办结{}件", "接受群众咨询{}人次", "收到投诉{}件")),
    st.integers(min_value=0, max_value=500000),
)
def test_service_sentences_never_take_a_disclosure_key(subject: str, template: str, number: int) -> None:
    sentence = subject + template.format(number, number) + "。"
    for heading in ("三、依申请公开政府信息情况", "一、概述", "七、政务服务工作情况"):
        assert _read(heading, sentence) == ()


@given(
    st.sampled_from(
        ("七、政务服务工作情况", "四、审批事项及处理情况", "五、信访工作情况", "六、12345热线办理情况")
    ),
    st.sampled_from(("全年共受理申请{}件", "已办结{}件", "接受咨询{}人次", "结转下年度办理{}件")),
    st.integers(min_value=0, max_value=500000),
)
def test_an_other_section_decides_for_sentences_without_a_cue(
    heading: str, template: str, number: int
) -> None:
    assert _read(heading, template.format(number) + "。") == ()


@given(
    st.sampled_from(_DISCLOSURE_SUBJECTS),
    st.sampled_from(
        (
            ("applications.received", "全年共受理申请{}件"),
            ("applications.completed", "已办结{}件"),
            ("applications.carried_forward", "结转下年度办理{}件"),
            ("consultation.total", "接受群众咨询{}人次"),
        )
    ),
    st.integers(min_value=0, max_value=500000),
)
def test_the_same_sentence_under_a_disclosure_heading_is_read(
    subject: str, case: tuple[str, str], number: int
) -> None:
    key, template = case
    heading = "四、咨询处理情况" if key.startswith("consultation") else "三、依申请公开政府信息情况"
    assert _values(heading, subject + template.format(number) + "。") == {key: number}


def test_nearest_cue_before_the_number_wins() -> None:
    stats = _read("区行政服务中心全年共受理申请121510件，其中政府信息公开申请5件，办结121000件。")
    assert [(s.key, s.value) for s in stats] == [("applications.received", 5)]


def test_inline_headings_of_crawled_text_set_the_context() -> None:
    line = (
        "一、概述 本年度工作稳步推进。 二、政务服务情况 全年共受理申请9898件，办结9542件。"
        " 三、依申请公开情况 全年共受理申请12件，办结12件。"
    )
    assert _values(line) == {"applications.received": 12, "applications.completed": 12}


def test_context_rules_cover_the_issue_words() -> None:
    words = {w: r.context for r in CONTEXT_RULES.active() for w in r.words}
    for word in ("政务服务", "行政审批", "服务中心", "信访", "12345", "预算"):
        assert words[word] is Context.OTHER
    for word in ("政府信息公开", "依申请公开", "主动公开"):
        assert words[word] is Context.DISCLOSURE


# --- one key, one value, or a finding --------------------------------------------------------
def test_whole_and_parts_in_one_sentence() -> None:
    stats = _read("二、主动公开政府信息情况", "全区主动公开政府信息2949条，其中区直部门2275条、乡镇674条。")
    assert [(s.value, s.part, s.label) for s in stats] == [
        (2949, False, ""),
        (2275, True, "区直部门"),
        (674, True, "乡镇"),
    ]
    assert all(s.key == "active.total" for s in stats)


def test_whole_and_parts_in_separate_sentences_with_shares() -> None:
    stats = _read(
        "2016年全区主动公开政府信息3460条。其中，区管委会及区直各部门主动公开政府信息1822条，占53%。"
        "各乡镇主动公开政府信息1638条，占47%。"
    )
    assert [(s.value, s.part, s.label, s.share_percent) for s in stats] == [
        (3460, False, "", None),
        (1822, True, "区管委会及区直各部门", Decimal(53)),
        (1638, True, "各乡镇", Decimal(47)),
    ]


def _parse(text: str) -> govreport.Report:
    return govreport.parse(text)


def test_conflicting_values_keep_every_value_and_give_n2() -> None:
    report = _parse(
        "某镇2016年政府信息公开工作年度报告\n二、主动公开政府信息情况\n全年主动公开政府信息120条。\n"
        "三、依申请公开情况\n全年共受理申请3件。\n四、其他\n本年度主动公开政府信息135条。\n"
    )
    totals = [s for s in report.narrative if s.key == "active.total"]
    assert [(s.value, s.part) for s in totals] == [(120, False), (135, False)]
    assert report.stat("active.total") is None  # neither is kept silently
    (n2,) = [f for f in report.findings if f.rule == "N2"]
    assert "120" in n2.message and "135" in n2.message
    assert "line 3" in n2.message and "line 7" in n2.message
    assert n2.origin.value == "reading"


def test_the_same_value_twice_is_one_statement() -> None:
    report = _parse("二、主动公开政府信息情况\n全年主动公开政府信息120条。\n全年共主动公开政府信息120条。\n")
    assert [s.value for s in report.narrative if s.key == "active.total"] == [120]
    assert not [f for f in report.findings if f.rule == "N2"]


def test_parts_that_do_not_add_up_give_n1() -> None:
    report = _parse(
        "二、主动公开政府信息情况\n2012年主动公开政府信息1913条。其中，区直、县直各单位主动公开政府信息1397条，占73%。"
        "各乡镇主动公开政府信息534条，占27%。\n"
    )
    (n1,) = [f for f in report.findings if f.rule == "N1"]
    assert (n1.left, n1.right) == (1913, 1931)


# --- the vocabulary ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年通过政府网站公开政府信息300条。", {"active.channel.website": 300}),
        ("政务微博共发布信息1288条。", {"active.channel.weibo": 1288}),
        ("政务微信公众号发布信息41条。", {"active.channel.wechat": 41}),
        ("刊出政务公开栏12期。", {"active.channel.bulletin_board": 12}),
        ("召开新闻发布会3次。", {"active.channel.press_conference": 3}),
        ("全年新收政府信息公开申请14件。", {"applications.received": 14}),
        ("上年结转申请2件。", {"applications.carried_over": 2}),
        ("结转下年度继续办理1件。", {"applications.carried_forward": 1}),
        ("已全部办结15件。", {"applications.completed": 15}),
        (
            "予以公开9件，部分公开2件，不予公开1件。",
            {"replies.granted": 9, "replies.partial": 2, "replies.denied": 1},
        ),
        ("信息不存在3件，非本机关职责2件。", {"replies.not_held": 3, "replies.not_this_organ": 2}),
        (
            "电话咨询30次，现场咨询12次，网上咨询5次。",
            {f"consultation.channel.{c}": n for c, n in (("phone", 30), ("in_person", 12), ("online", 5))},
        ),
        ("因政府信息公开引起举报1起、投诉2起。", {"complaints.report": 1, "complaints.complaint": 2}),
        (
            "行政复议2件，其中维持1件、纠正1件。",
            {"review.total": 2, "review.upheld": 1, "review.corrected": 1},
        ),
        ("提起行政诉讼1件。", {"litigation.total": 1}),
        (
            "受理申请749件，其中自然人申请741件，法人或其他组织申请8件。",
            {
                "applications.received": 749,
                "applications.applicant.natural_person": 741,
                "applications.applicant.organisations": 8,
            },
        ),
        ("收取信息处理费120元，减免费用30元。", {"fees.charged": 120, "fees.waived": 30}),
    ],
)
def test_vocabulary(sentence: str, expected: dict[str, int]) -> None:
    assert _values("三、政府信息公开工作情况", sentence) == expected


@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numerals(number: int) -> None:
    numeral = chinese_numeral(number)
    assert cn_to_int(numeral) == number
    (stat,) = _read(f"三、依申请公开情况 全年共受理政府信息公开申请{numeral}件。")
    assert (stat.key, stat.value, stat.written) == ("applications.received", number, NumberForm.CHINESE)


def test_issue_numerals() -> None:
    assert _values("全年共受理政府信息公开申请二十三件，办结两千零五件。") == {
        "applications.received": 23,
        "applications.completed": 2005,
    }


@pytest.mark.parametrize(
    ("text", "word"),
    [("40余条", "余"), ("300多条", "多"), ("近500条", "近"), ("约60条", "约"), ("100条左右", "左右")],
)
def test_approximations(text: str, word: str) -> None:
    (stat,) = _read(f"全年主动公开政府信息{text}。")
    assert (stat.approximate, stat.approximation) == (True, word)
    assert stat.raw.endswith(text)


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("2016年全区未收到有关政府信息公开申请。", "applications.received"),
        ("我局没有受理政府信息公开申请。", "applications.received"),
        ("全年无因政府信息公开申请行政复议的情况。", "review.total"),
        ("依申请提供政府信息全部实行免费。", "fees.charged"),
    ],
)
def test_zero_in_words(sentence: str, key: str) -> None:
    stats = [s for s in _read(sentence) if s.key == key]
    assert [(s.value, s.written) for s in stats] == [(0, NumberForm.NEGATION)]


def test_negation_outside_disclosure_is_not_a_count() -> None:
    assert _read("区行政服务中心未收到投诉申请。") == ()


def test_lists_with_respectively_and_shares() -> None:
    stats = _read(
        "全年共受理政府信息公开申请10件，同意公开、部分公开、不予公开的分别为6件、3件、1件。",
        "四、咨询处理情况",
        "全年接受咨询4900人次，其中现场咨询1600人次，占32.65%；电话咨询3200人次，占65.31%；网上咨询100人次。",
    )
    got = {s.key: (s.value, s.share_percent) for s in stats}
    assert got == {
        "applications.received": (10, None),
        "replies.granted": (6, None),
        "replies.partial": (3, None),
        "replies.denied": (1, None),
        "consultation.total": (4900, None),
        "consultation.channel.in_person": (1600, Decimal("32.65")),
        "consultation.channel.phone": (3200, Decimal("65.31")),
        "consultation.channel.online": (100, None),
    }


def test_channels_listed_after_received() -> None:
    assert _values(
        "三、依申请公开情况", "全年共受理申请10件，其中当面申请3件、网上申请5件、信函申请2件。"
    ) == {
        "applications.received": 10,
        "applications.channel.in_person": 3,
        "applications.channel.online": 5,
        "applications.channel.letter": 2,
    }


# --- registries -------------------------------------------------------------------------------
def test_key_registry() -> None:
    assert set(core_keys()) >= {
        "active.total",
        "applications.received",
        "applications.completed",
        "applications.carried_over",
        "applications.carried_forward",
        "replies.granted",
        "replies.partial",
        "replies.denied",
        "replies.not_held",
        "replies.not_this_organ",
        "replies.other",
        "review.total",
        "litigation.total",
        "fees.charged",
        "fees.waived",
    }
    for name, entry in NARRATIVE_KEYS.items():
        assert entry.key == name and entry.units and (entry.cues or entry.sub_cues)
        for parent in entry.parents:
            assert parent.startswith("section:") or NARRATIVE_KEYS.get(parent).opens_list


def test_text_table_links_name_real_cells() -> None:
    for link in TEXT_TABLE_LINKS:
        assert link.key in NARRATIVE_KEYS
        for layout in link.layouts:
            assert set(link.cells) <= set(cell_keys(link.table, layout))


# --- text vs table (N3) -----------------------------------------------------------------------
@pytest.mark.parametrize("layout", ["v2019", "v2021"])
@given(seed=st.integers(min_value=0, max_value=10_000), delta=st.integers(min_value=-3, max_value=3))
def test_text_vs_table(layout: str, seed: int, delta: int) -> None:
    report = synthetic.generate(seed, layout=layout)
    table = govreport.parse(report.text).table("applications")
    assert table is not None
    received = table.cell("new_received", "total").value
    assert isinstance(received, int)
    stated = max(0, received + delta)
    parsed = govreport.parse(report.text + f"\n本年度共收到政府信息公开申请{stated}件。\n")
    n3 = [f for f in parsed.findings if f.rule == "N3"]
    if stated == received:
        assert n3 == []
    else:
        (finding,) = n3
        assert (finding.left, finding.right) == (stated, received)
        assert finding.location is not None and finding.location.line == report.text.count("\n") + 2
        assert finding.cells[0].row == "new_received" and finding.cells[0].location is not None


def test_categories_and_channels_that_do_not_add_up_give_n1() -> None:
    report = _parse(
        "二、主动公开政府信息情况\n全年累计主动公开政府信息100条。其中：“机构职能”信息15条；“政策法规”信息27条。\n"
        "四、咨询处理情况\n全年累计接受群众咨询30次。其中咨询电话接听10次；当面咨询接待20次。\n"
    )
    (n1,) = [f for f in report.findings if f.rule == "N1"]
    assert (n1.left, n1.right, n1.formula) == (100, 42, "active.total = Σ active.category")


@pytest.mark.parametrize(
    "sentence",
    [
        "对群众举报一起研究处理。",
        "实行一站式服务和一条龙服务，一次性告知。",
        "第一件申请已办结。",
        "受理申请一件事一次办。",
    ],
)
def test_numeral_words_are_not_counts(sentence: str) -> None:
    assert _read("三、依申请公开政府信息情况", sentence) == ()


def test_a_sentence_broken_over_lines_is_one_sentence() -> None:
    stats = _read(
        "四、政府信息公开申请情况",
        "全年收到政府信息公开申请 34 件，上年结转政府信息公开",
        "申请 2 件，所有申请均已按要求办理完成。",
    )
    got = [(s.key, s.value, s.location.line, s.location.column) for s in stats]
    assert got == [("applications.received", 34, 2, 3), ("applications.carried_over", 2, 2, 19)]


def test_two_replies_counted_together_take_no_key() -> None:
    stats = _read(
        "三、依申请公开情况",
        "办结 1191 件。其中，予以公开及部分公开 208 件（17.46%），不予公开 20 件（1.68%），"
        "属信访、重复申请等不予处理 80 件（6.72%），其他处理 319 件。",
    )
    assert [(s.key, s.value) for s in stats] == [
        ("applications.completed", 1191),
        ("replies.denied", 20),
        ("replies.not_processed", 80),
        ("replies.other", 319),
    ]


def test_no_correction_is_not_no_review() -> None:
    assert _read("全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。") == ()


def test_a_heading_glued_to_its_text_ends_at_its_closing_word() -> None:
    line = (
        "一、概述本年度工作稳步推进。三、依申请公开情况全年受理申请5件。"
        "七、政务服务工作情况全年共受理申请9898件。"
    )
    assert _values(line) == {"applications.received": 5}


def test_a_list_runs_from_its_list_word() -> None:
    """Without 其中 after the whole, a later clause is not an item of its list."""
    stats = _read("三、依申请公开情况", "全年受理政府信息公开申请5件，办结率100%，接待群众来访300人次。")
    assert [(s.key, s.value) for s in stats] == [("applications.received", 5)]


_LINKED_SENTENCES = {
    "applications.received": "本年度共收到政府信息公开申请{}件。",
    "applications.carried_over": "依申请公开方面，上年结转申请{}件。",
    "applications.carried_forward": "依申请公开方面，结转下年度继续办理{}件。",
    "applications.applicant.natural_person": "依申请公开方面，自然人申请{}件。",
    "replies.granted": "依申请公开方面，同意公开{}件。",
    "replies.partial": "依申请公开方面，部分公开{}件。",
    "review.total": "因政府信息公开申请行政复议{}件。",
    "litigation.total": "因政府信息公开提起行政诉讼{}件。",
    "active.licensing_decisions": "全年主动公开行政许可处理决定{}件。",
}


@pytest.mark.parametrize("key", sorted(_LINKED_SENTENCES))
@given(seed=st.integers(min_value=0, max_value=10_000), delta=st.sampled_from((0, 1, -1, 7)))
def test_each_linked_key_is_cross_checked(key: str, seed: int, delta: int) -> None:
    generated = synthetic.generate(seed)
    plain = govreport.parse(generated.text)
    (link,) = [link for link in TEXT_TABLE_LINKS if link.key == key and "v2019" in link.layouts]
    table = plain.table(link.table)
    assert table is not None
    truth = sum(table.cell(row, column).value or 0 for row, column in link.cells)
    stated = max(0, truth + delta)
    report = govreport.parse(generated.text + "\n" + _LINKED_SENTENCES[key].format(stated) + "\n")
    assert [(s.key, s.value) for s in report.narrative] == [(key, stated)]
    n3 = [(f.left, f.right) for f in report.findings if f.rule == "N3"]
    assert n3 == ([] if stated == truth else [(stated, truth)])


def test_a_huge_sentence_stops_at_the_time_limit() -> None:
    from govreport.errors import LimitExceededError
    from govreport.limits import Limits, document_budget

    paragraph = Paragraph(text="受理申请5件" * 200_000, location=Location(line=1, column=1))
    with document_budget(Limits(seconds=0.2)), pytest.raises(LimitExceededError):
        extract([paragraph])


def test_review_and_litigation_need_a_disclosure_context() -> None:
    """行政复议 and 行政诉讼 are any administrative case unless the sentence or heading says 政府信息公开."""
    assert _read("一、概述", "法治政府建设方面，全年办理行政复议案件120件，行政诉讼案件45件。") == ()
    assert _values("五、复议、诉讼情况", "全年行政复议0件，行政诉讼1件。") == {
        "review.total": 0,
        "litigation.total": 1,
    }
    assert _values("有1件涉及政府信息公开工作的行政复议。涉及的行政诉讼数为0件。") == {
        "review.total": 1,
        "litigation.total": 0,
    }


def test_the_wan_of_a_unit_alone_is_not_a_number() -> None:
    """``收费金额 万元 66.03`` (a 统计表 row read as text): 万 multiplies nothing, so no fee of 0 is read."""
    assert cn_to_int("万") is None and cn_to_int("万万") is None
    assert cn_to_int("十万") == 100_000 and cn_to_int("一万二千") == 12_000
    assert _read("六、收费情况", "依申请公开收费金额 万元 66.03 576.15") == ()


def test_no_review_application_is_not_a_statement_about_disclosure_applications() -> None:
    """未收到行政复议申请 says nothing about table 三: its topic is review, never applications."""
    report = _parse("五、行政复议和行政诉讼情况\n本年度未收到政府信息公开行政复议、提起行政诉讼的申请。\n")
    assert [n.topic for n in report.nil_statements] == ["review_litigation"]
