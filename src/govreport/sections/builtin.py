"""Built-in section plugins: the six statutory parts and the old narrative parts.

Each plugin is data: a key and the heading wordings seen in real reports (spec §1).
They are published through the ``govreport.sections`` entry-point group like any
third-party plugin.
"""

from __future__ import annotations

from functools import lru_cache

from attrs import field, frozen

from govreport.model.report import Section
from govreport.normalize.text import label_key
from govreport.sections.plugin import SECTION_API_VERSION, Heading, SectionContext

# Heading wordings only the 2019+ form uses for its parts 三 and 四; old narrative reports
# word these parts differently (依申请公开政府信息情况, 因政府信息公开申请提起行政复议…).
NEW_FORM_WORDS = ("收到和处理", "政府信息公开行政复议")


def new_form_headings(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """The sections whose headings carry wording only the 2019+ statutory form uses."""
    return tuple(s for s in sections if any(word in s.heading for word in NEW_FORM_WORDS))


@frozen
class HeadingSection:
    """A section identified by its heading: exact wordings first, then distinctive cores.

    ``cores`` is a tuple of alternatives; each alternative is a tuple of words that
    must all occur in the heading.
    """

    name: str
    key: str
    variants: tuple[str, ...]
    cores: tuple[tuple[str, ...], ...] = ()
    api_version: int = SECTION_API_VERSION
    variant_keys: frozenset[str] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "variant_keys", frozenset(label_key(v) for v in self.variants))

    def match(self, heading: Heading) -> int:
        """2 for an exact wording, 1 for a core match, 0 otherwise."""
        return _heading_score(self.variant_keys, self.cores, heading.key)

    def extract(self, ctx: SectionContext) -> Section | None:
        """The first heading this section matches, exact wordings before cores."""
        for level in (2, 1):
            for heading in ctx.outline:
                # Equal, not identical: a parser sent to a worker process holds copies of the sections.
                if self.match(heading) == level and claimed_by(heading, ctx) == self:
                    return Section(
                        key=self.key,
                        plugin=self.name,
                        heading=heading.title,
                        number=heading.number,
                        text=ctx.text_of(heading),
                        location=heading.location,
                        end_line=_end_line(ctx, heading),
                    )
        return None


def _end_line(ctx: SectionContext, heading: Heading) -> int | None:
    paragraphs = ctx.paragraphs_of(heading)
    return paragraphs[-1].location.line if paragraphs else heading.location.line


def claimed_by(heading: Heading, ctx: SectionContext) -> HeadingSection | None:
    """The built-in section that best matches ``heading`` (so two never take the same one)."""
    return _claimant(heading.key)


@lru_cache(maxsize=16384)
def _heading_score(variant_keys: frozenset[str], cores: tuple[tuple[str, ...], ...], key: str) -> int:
    # Headings repeat across a corpus: score each wording once per section.
    if key in variant_keys:
        return 2
    if any(all(word in key for word in words) for words in cores):
        return 1
    return 0


@lru_cache(maxsize=4096)
def _claimant(key: str) -> HeadingSection | None:
    best: tuple[int, HeadingSection] | None = None
    for section in ALL_SECTIONS:
        score = _heading_score(section.variant_keys, section.cores, key)
        if score and (best is None or score > best[0]):
            best = (score, section)
    return best[1] if best else None


STATUTORY_SECTIONS: tuple[HeadingSection, ...] = (
    HeadingSection(
        "statutory.overview",
        "overview",
        (
            "总体情况",
            "政府信息公开总体情况",
            "概述",
            "基本情况",
            "基本工作情况",
            "主要工作概述",
            "政府信息公开总体工作情况",
            "政府信息基本情况",
        ),
        (("总体",), ("概述",), ("概况",)),
    ),
    HeadingSection(
        "statutory.active",
        "active",
        ("主动公开政府信息情况", "政府信息主动公开情况", "主动公开情况"),
        (("主动公开",),),
    ),
    HeadingSection(
        "statutory.applications",
        "applications",
        (
            "收到和处理政府信息公开申请情况",
            "依申请公开政府信息情况",
            "政府信息依申请公开情况",
            "依申请公开政府信息办理情况",
            "政府信息依申请公开办理情况",
            "依申请公开政府信息和不予公开政府信息的情况",
            "依申请公开政府信息及咨询受理情况",
        ),
        (("依申请",), ("收到和处理",), ("申请情况",)),
    ),
    HeadingSection(
        "statutory.review_litigation",
        "review_litigation",
        (
            "政府信息公开行政复议、行政诉讼情况",
            "政府信息公开行政复议和行政诉讼情况",
            "政府信息公开行政复议及行政诉讼情况",
            "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "因政府信息公开被申请行政复议和提起行政诉讼情况",
            "申请行政复议、提起行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
            "复议、诉讼情况",
            "复议、诉讼和申诉的情况",
            "行政复议和行政诉讼情况",
            "举报、投诉和行政复议、行政诉讼的处理情况",
        ),
        (("复议", "诉讼"),),
    ),
    HeadingSection(
        "statutory.problems",
        "problems",
        (
            "存在的主要问题及改进情况",
            "政府信息公开工作存在的主要问题及改进情况",
            "政府信息公开工作中存在的主要问题及改进情况",
            "工作中存在的主要问题和改进情况",
            "存在的问题及改进情况",
            "存在问题及改进措施",
            "存在问题及整改措施",
            "存在的主要问题和改进措施",
            "存在问题及工作打算",
        ),
        (("存在", "问题"), ("问题", "改进")),
    ),
    HeadingSection(
        "statutory.other",
        "other",
        ("其他需要报告的事项", "其他需要报告事项", "其他事项", "需要说明的事项", "其他工作情况"),
        (("其他", "事项"),),
    ),
)
OLD_NARRATIVE_SECTIONS: tuple[HeadingSection, ...] = (
    HeadingSection(
        "old.key_work",
        "key_work",
        ("政府信息公开重点工作完成情况", "回应解读情况"),
        (("重点工作",), ("回应解读",)),
    ),
    HeadingSection(
        "old.consultation",
        "consultation",
        ("咨询处理情况", "政府信息公开咨询处理情况", "咨询和投诉情况"),
        (("咨询",),),
    ),
    HeadingSection(
        "old.fees",
        "fees",
        (
            "政府信息公开的收费及减免情况",
            "收费及减免情况",
            "政府信息公开支出和收费情况",
            "政府支出和收费情况",
            "工作人员和费用支出情况",
            "机构设置、保障经费和培训会议情况",
            "政府信息公开收费及减免情况",
        ),
        (("收费",), ("减免",), ("费用",)),
    ),
    HeadingSection(
        "old.appendix",
        "appendix",
        ("附表", "指标统计表", "附相关说明和指标统计附表", "附相关的说明和指标统计表"),
        (("统计表",), ("附表",)),
    ),
)
ALL_SECTIONS = STATUTORY_SECTIONS + OLD_NARRATIVE_SECTIONS
"""Every built-in section, in report order. The docs' section list is generated from it."""
