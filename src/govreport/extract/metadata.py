"""Report metadata: title, organ, year, statistics period, 文号, 签发人, issue date, contacts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from govreport.model.document import Location, Paragraph
from govreport.model.report import Contact, Metadata, StatisticsPeriod
from govreport.normalize.numbers import CN_NUMERAL_CHARS, cn_to_int
from govreport.normalize.text import compact

_HEAD_PARAGRAPHS = 12
_TAIL_PARAGRAPHS = 8
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_RED_HEADER = re.compile(r"^(?P<organ>\S{2,40}?)文件$")
_DOC_NUMBER = re.compile(r"^\S{1,14}?[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*\d{1,4}\s*号$")
_SIGNER = re.compile(r"签\s*发\s*人\s*[:：]\s*(\S{2,8})")
_ORGAN_SUFFIX = re.compile(
    r"(人民政府办公厅|人民政府办公室|人民政府|政府|办事处|街道|乡|镇|县|区|市|州|局|委员会|委|办公室|办|厅|中心|院|署|所)$"
)
_SECTION_NUMBER = re.compile(r"^[一二三四五六七八九十（(\d]")
# A crawler's page header labels the title (标题: …); the label is not part of it.
_TITLE_LABEL = re.compile(r"^(?:文章)?(?:标题|题名)[:：]")
_TITLE_TAIL = re.compile(r"(?:政府|政务)?信息公开(?:工作)?年度报告$|年度报告$|报告$")
_DAY = rf"([0-9]{{1,2}}|[{CN_NUMERAL_CHARS}]{{1,3}})"
_DATE = re.compile(rf"((?:19|20)\d{{2}}|[{CN_NUMERAL_CHARS}]{{4}})\s*年\s*{_DAY}\s*月\s*{_DAY}\s*日")
_ISSUE_LINE = re.compile(rf"^(?P<issuer>\S*?)\s*{_DATE.pattern}\s*(?:印发|发布|成文)?$")
_PERIOD = re.compile(
    rf"(?:统计期限|统计时限|数据统计期限|统计时间|统计区间|涵盖|期限)[^。；]{{0,20}}?{_DATE.pattern}"
    rf"[^。；\d]{{0,6}}?(?:((?:19|20)\d{{2}})\s*年\s*)?{_DAY}\s*月\s*{_DAY}\s*日"
)
_PERIOD_WORDS = ("限", "间", "涵")
"""A character of each word that introduces a period (统计期限, 统计时间, 统计区间, 涵盖)."""
_CONTACT = {
    "address": re.compile(r"(?:通讯)?地\s*址\s*[:：]\s*([^；;，,。)）\n]{4,60})"),
    "postcode": re.compile(r"邮\s*编\s*[:：]?\s*(\d{6})"),
    "phone": re.compile(r"(?:联系)?电\s*话\s*[:：]\s*([0-9０-９\-－—()（） ]{7,24}[0-9０-９])"),
    "fax": re.compile(r"传\s*真\s*[:：]\s*([0-9\-－()（） ]{7,24}[0-9])"),
    # The lookbehind starts a match only where a run of address characters starts: without it
    # a long run of digits is rescanned from every position (quadratic time).
    "email": re.compile(r"(?<![A-Za-z0-9._%+\-])([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})"),
    "website": re.compile(r"((?:https?://|www\.)[A-Za-z0-9./?=&_%#:\-]+[A-Za-z0-9/])"),
}
# Words each contact pattern needs: a text without them is not searched (most reports lack some).
_CONTACT_MARKS = {
    "address": ("址",),
    "postcode": ("编",),
    "phone": ("话",),
    "fax": ("真",),
    "email": ("@",),
    "website": ("http", "www."),
}


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else cn_to_int(text)


def _make_date(year: str | None, month: str, day: str) -> date | None:
    y, m, d = _number(year), _number(month), _number(day)
    if y is None or m is None or d is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _title(head: Sequence[Paragraph], compacted: Sequence[str]) -> tuple[str | None, Paragraph | None]:
    """The report title, joining a title split over lines (``…工作年度`` + ``报   告``).

    ``compacted`` holds the text of each paragraph of ``head`` without whitespace.
    """
    for i, compact_text in enumerate(compacted):
        text = _TITLE_LABEL.sub("", compact_text)
        if len(text) > 60 or not text.endswith("报告"):
            continue
        parts = [text]
        j = i
        while (j > 0 and not _YEAR.search("".join(parts))) or (j > 0 and len(parts[0]) <= 4):
            previous = compacted[j - 1]
            if len(previous) > 40 or previous.endswith(("文件", "。")) or _DOC_NUMBER.match(previous):
                break
            parts.insert(0, previous)
            j -= 1
        return "".join(parts), head[j]
    return None, None


def _organ_from_title(title: str) -> str | None:
    """The organ named in a title: before the year, or between the year and 信息公开."""
    body = _TITLE_TAIL.sub("", title)
    match = _YEAR.search(body)
    if match is None:
        # No year (驼峰路街道办事处政府信息公开工作年度报告): the organ is all before 信息公开.
        organ = re.split(r"(?:政府|政务)?信息公开|政务公开", body)[0]
        return organ if _ORGAN_SUFFIX.search(organ) else None
    organ = body[: match.start()].strip()
    if not organ:
        organ = re.sub(r"^度", "", body[match.end() :])
        for cut in ("政府信息公开", "政务信息公开", "信息公开", "政务公开"):
            organ = organ.split(cut)[0]
    if organ.endswith("人民"):
        organ += "政府"  # 峨口镇人民政府信息公开…: the tail took 政府 with it
    return organ or None


def extract_metadata(paragraphs: Sequence[Paragraph], catalogue: Sequence[tuple[str, str]] = ()) -> Metadata:
    """Read metadata from the report's paragraphs (tables are not consulted).

    ``catalogue`` holds the fields a publishing page shows around the report
    (``SourceInfo.catalogue``); its 文号 (when it is one) and 发布机构 are used when the
    text has none.
    """
    head = paragraphs[:_HEAD_PARAGRAPHS]
    compacted = [compact(p.text) for p in head]  # compacted once for every pass over the head
    title, title_paragraph = _title(head, compacted)
    organ: str | None = None
    aliases: list[str] = []
    document_number = signer = None
    document_number_location = None
    for paragraph, text in zip(head, compacted, strict=True):
        if (red := _RED_HEADER.match(text)) and _ORGAN_SUFFIX.search(red.group("organ")):
            organ = red.group("organ")
        if document_number is None and _DOC_NUMBER.match(text):
            document_number, document_number_location = text, paragraph.location
        if signer is None and (s := _SIGNER.search(paragraph.text)):
            signer = s.group(1)
    page = {label: value for label, value in catalogue if value}
    if document_number is None and _DOC_NUMBER.match(compact(page.get("文号", ""))):
        document_number = page["文号"]  # pages print 文号：无 or / when there is none
    from_title = _organ_from_title(title) if title else None
    if from_title and from_title != organ:
        if organ is None:
            organ = from_title
        else:
            aliases.append(from_title)
    if organ is None:
        organ = page.get("发布机构")
    if organ is None and title is None and paragraphs:
        # A page copy without its title often starts with the organ's name on a line of its own.
        first = compact(paragraphs[0].text)
        if 2 <= len(first) <= 20 and _ORGAN_SUFFIX.search(first) and not _SECTION_NUMBER.match(first):
            organ = first
    if organ is None:
        organ = _organ_from_opening(compacted)
    year = None
    if title and (m := _YEAR.search(title)):
        year = int(m.group(1))
    full_text = "\n".join(p.text for p in paragraphs)
    period = _period(paragraphs)
    if year is None and period is not None:
        year = period.start.year
    if year is None:
        year = _year_from_body(head)
    issue_date, issuer, issue_location = _issue(paragraphs)
    contact = Contact(
        **{
            name: _search(rx, full_text) if any(m in full_text for m in _CONTACT_MARKS[name]) else None
            for name, rx in _CONTACT.items()
        }
    )
    return Metadata(
        title=title,
        organ=organ,
        organ_aliases=tuple(aliases),
        year=year,
        period=period,
        document_number=document_number,
        signer=signer,
        issue_date=issue_date,
        issuer=issuer,
        contact=contact,
        title_location=title_paragraph.location if title_paragraph else None,
        issue_date_location=issue_location,
        document_number_location=document_number_location,
    )


# The subject of a paragraph's first sentence: 2022年，国家新闻出版署坚持以…为指导. The verbs
# are those that open the overview of real reports; a pronoun or an area (我局, 全区, 各乡镇)
# is no organ's name, nor is a phrase (在区委的领导下: only Chinese characters, no 的).
_OPENING_SUBJECT = re.compile(
    r"^(?:(?:19|20)\d{2}年(?:度|以来)?|今年以来|一年来)?[,，、]?"
    r"(?P<organ>[\u4e00-\u9fff]{3,30}?)"
    r"(?:坚持|认真|深入|全面|按照|严格|紧紧|始终|高度重视|积极|进一步|扎实|不断|紧扣|围绕|持续|聚焦|着力|以习近平)"
)
_COMPILED_BY = re.compile(r"本(?:年度)?报告(?:是)?由(?P<organ>[\u4e00-\u9fff]{3,30}?)(?:编制|编写|制作)")
_NOT_AN_ORGAN = re.compile(r"^(?:我|本|各|在|今年|上年|全[年区县市镇乡省州旗盟])|的")


def _organ_from_opening(compacted: Sequence[str]) -> str | None:
    """The organ a report names only in its body: 本报告由…编制, or the subject of an opening sentence.

    Used only when no title, red header, page field or first line names it (page copies
    that lost their title). The name must end like an organ's (…署, …人民政府, …局).
    """
    for text in compacted:
        for match in (_COMPILED_BY.search(text), _OPENING_SUBJECT.match(text)):
            if match is None:
                continue
            organ = match.group("organ")
            if _ORGAN_SUFFIX.search(organ) and not _NOT_AN_ORGAN.search(organ):
                return organ
    return None


_BODY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_QUOTED = re.compile(r"《[^》]{0,80}》")


def _year_from_body(head: Sequence[Paragraph]) -> int | None:
    """The year a report without a dated title or period talks about (page copies lose the title).

    Only ``YYYY年`` mentions in the opening paragraphs count, not dates (``2021年1月``) and
    not titles of other documents in 《》 (last year's report); the year mentioned most
    often wins, and a tie gives none.
    """
    counts: dict[int, int] = {}
    for paragraph in head:
        for match in _BODY_YEAR.finditer(_QUOTED.sub("", paragraph.text)):
            year = int(match.group(1))
            counts[year] = counts.get(year, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _search(rx: re.Pattern[str], text: str) -> str | None:
    match = rx.search(text)
    return match.group(1).strip() if match else None


def _period(paragraphs: Sequence[Paragraph]) -> StatisticsPeriod | None:
    for paragraph in paragraphs:
        if not any(word in paragraph.text for word in _PERIOD_WORDS):
            continue
        match = _PERIOD.search(compact(paragraph.text))
        if match is None:
            continue
        y1, m1, d1, y2, m2, d2 = match.groups()
        start = _make_date(y1, m1, d1)
        end = _make_date(y2 or y1, m2, d2)
        if start and end:
            return StatisticsPeriod(start=start, end=end, raw=match.group(0), location=paragraph.location)
    return None


def _issue(paragraphs: Sequence[Paragraph]) -> tuple[date | None, str | None, Location | None]:
    tail = list(paragraphs[-_TAIL_PARAGRAPHS:])
    for i in range(len(tail) - 1, -1, -1):
        text = compact(tail[i].text)
        match = _ISSUE_LINE.match(text)
        if match is None:
            continue
        year, month, day = match.group(2), match.group(3), match.group(4)
        issued = _make_date(year if year.isdigit() else str(_number(year)), month, day)
        if issued is None:
            continue
        issuer = match.group("issuer") or None
        if issuer is None and i > 0:
            previous = compact(tail[i - 1].text)
            if len(previous) <= 30 and _ORGAN_SUFFIX.search(previous):
                issuer = previous
        return issued, issuer, tail[i].location
    return None, None, None
