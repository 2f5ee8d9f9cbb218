"""Which table cell states the same figure as a narrative key: the text-versus-table cross-check.

One entry per narrative key and table layout. Rule N3 compares a key's one stated value with
the sum of the linked cells of the report's table. The statutory tables (``v2019``/``v2021``)
link to their ``total`` column; the old 统计表 (``v2008``) links to its ``this_year`` column
(本年度 or ``2012年度``), never to ``cumulative`` (历年累计 sums every year since 2008).
"""

from __future__ import annotations

from attrs import frozen

from govreport.model.tables import CellKey, Layout
from govreport.tables.layouts import ACTIVE, APPLICATIONS, FORM_LAYOUTS, REVIEW_LITIGATION, STATISTICS


@frozen
class TextTableLink:
    """A narrative key and the table cells whose sum states the same figure."""

    key: str
    table: str
    layouts: tuple[Layout, ...]
    cells: tuple[CellKey, ...]


_DENIED = (
    "denied.state_secret",
    "denied.law_forbidden",
    "denied.three_safety_one_stability",
    "denied.third_party",
    "denied.internal_affairs",
    "denied.process_info",
    "denied.enforcement_file",
    "denied.admin_query",
)


_ORGANISATIONS = (
    "commercial_enterprise",
    "research_institution",
    "public_welfare_org",
    "legal_service_org",
    "other_org",
)


def _total(*rows: str) -> tuple[CellKey, ...]:
    return tuple((row, "total") for row in rows)


_STATUTORY_LINKS: tuple[TextTableLink, ...] = (
    TextTableLink("active.licensing_decisions", ACTIVE, FORM_LAYOUTS, (("licensing", "decisions"),)),
    TextTableLink("active.penalty_decisions", ACTIVE, FORM_LAYOUTS, (("penalty", "decisions"),)),
    TextTableLink("active.enforcement_decisions", ACTIVE, FORM_LAYOUTS, (("enforcement", "decisions"),)),
    TextTableLink("applications.received", APPLICATIONS, FORM_LAYOUTS, _total("new_received")),
    TextTableLink("applications.carried_over", APPLICATIONS, FORM_LAYOUTS, _total("carried_over")),
    TextTableLink(
        "applications.applicant.natural_person",
        APPLICATIONS,
        FORM_LAYOUTS,
        (("new_received", "natural_person"),),
    ),
    TextTableLink(
        "applications.applicant.organisations",
        APPLICATIONS,
        FORM_LAYOUTS,
        tuple(("new_received", c) for c in _ORGANISATIONS),
    ),
    TextTableLink("applications.carried_forward", APPLICATIONS, FORM_LAYOUTS, _total("carried_forward")),
    TextTableLink("applications.completed", APPLICATIONS, FORM_LAYOUTS, _total("total_processed")),
    TextTableLink("replies.total", APPLICATIONS, FORM_LAYOUTS, _total("total_processed")),
    TextTableLink("replies.granted", APPLICATIONS, FORM_LAYOUTS, _total("granted")),
    TextTableLink("replies.partial", APPLICATIONS, FORM_LAYOUTS, _total("partial")),
    TextTableLink("replies.denied", APPLICATIONS, FORM_LAYOUTS, _total(*_DENIED)),
    TextTableLink("replies.not_held", APPLICATIONS, FORM_LAYOUTS, _total("unable.not_held")),
    TextTableLink(
        "replies.unable",
        APPLICATIONS,
        FORM_LAYOUTS,
        _total("unable.not_held", "unable.needs_creation", "unable.unclear"),
    ),
    TextTableLink(
        "replies.not_processed",
        APPLICATIONS,
        FORM_LAYOUTS,
        _total(*(f"not_processed.{r}" for r in ("petition", "repeat", "publication", "massive", "confirm"))),
    ),
    TextTableLink("review.total", REVIEW_LITIGATION, FORM_LAYOUTS, _total("review")),
    TextTableLink("review.upheld", REVIEW_LITIGATION, FORM_LAYOUTS, (("review", "upheld"),)),
    TextTableLink("review.corrected", REVIEW_LITIGATION, FORM_LAYOUTS, (("review", "corrected"),)),
    TextTableLink("review.pending", REVIEW_LITIGATION, FORM_LAYOUTS, (("review", "pending"),)),
    TextTableLink(
        "litigation.total",
        REVIEW_LITIGATION,
        FORM_LAYOUTS,
        _total("litigation_direct", "litigation_after_review"),
    ),
)


def _this_year(key: str, *rows: str) -> TextTableLink:
    return TextTableLink(key, STATISTICS, (Layout.V2008,), tuple((row, "this_year") for row in rows))


# The old 统计表: each row whose figure a sentence states with the same meaning. Left out on
# purpose: 告知…/其他类型答复 (a narrative 其他 reply is not the form's 其他类型), the cumulative
# column, and rows no narrative key names (全文电子化, 规范性文件, 按时/延期办结).
_STATISTICS_LINKS: tuple[TextTableLink, ...] = (
    _this_year("active.total", "active"),
    _this_year("active.channel.website", "active.website"),
    _this_year("active.channel.gazette", "active.gazette"),
    _this_year("active.channel.weibo", "active.weibo"),
    _this_year("active.channel.wechat", "active.wechat"),
    _this_year("applications.received", "applications"),
    _this_year("applications.channel.in_person", "applications.in_person"),
    _this_year("applications.channel.online", "applications.online"),
    _this_year("applications.channel.email", "applications.email"),
    _this_year("applications.channel.fax", "applications.fax"),
    _this_year("applications.channel.letter", "applications.letter"),
    _this_year("applications.completed", "completed"),
    _this_year("replies.total", "replies"),
    _this_year("replies.granted", "replies.granted"),
    _this_year("replies.partial", "replies.partial"),
    _this_year("replies.denied", "replies.denied"),
    _this_year("replies.not_this_organ", "replies.not_this_organ"),
    _this_year("replies.not_held", "replies.not_exist"),
    _this_year("review.total", "review"),
    _this_year("litigation.total", "litigation"),
    _this_year("complaints.total", "complaints"),
    _this_year("fees.charged", "fees"),
)

TEXT_TABLE_LINKS: tuple[TextTableLink, ...] = (*_STATUTORY_LINKS, *_STATISTICS_LINKS)
"""Every link, statutory tables first."""
