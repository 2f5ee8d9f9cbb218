"""Which table cell states the same figure as a narrative key: the text-versus-table cross-check.

One entry per narrative key and table layout. Rule N3 compares a key's one stated value with
the sum of the linked cells of the report's table. A new table layout (the old 统计表, ``v2008``)
is cross-checked by adding its entries here, e.g.
``TextTableLink("applications.received", "<v2008 table key>", ("v2008",), (("<row>", "<column>"),))``.
"""

from __future__ import annotations

from attrs import frozen

from govreport.tables.layouts import ACTIVE, APPLICATIONS, REVIEW_LITIGATION


@frozen
class TextTableLink:
    """A narrative key and the table cells whose sum states the same figure."""

    key: str
    table: str
    layouts: tuple[str, ...]
    cells: tuple[tuple[str, str], ...]


_NEW_FORMS = ("v2019", "v2021")
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


def _total(*rows: str) -> tuple[tuple[str, str], ...]:
    return tuple((row, "total") for row in rows)


TEXT_TABLE_LINKS: tuple[TextTableLink, ...] = (
    TextTableLink("active.licensing_decisions", ACTIVE, _NEW_FORMS, (("licensing", "decisions"),)),
    TextTableLink("active.penalty_decisions", ACTIVE, _NEW_FORMS, (("penalty", "decisions"),)),
    TextTableLink("active.enforcement_decisions", ACTIVE, _NEW_FORMS, (("enforcement", "decisions"),)),
    TextTableLink("applications.received", APPLICATIONS, _NEW_FORMS, _total("new_received")),
    TextTableLink("applications.carried_over", APPLICATIONS, _NEW_FORMS, _total("carried_over")),
    TextTableLink(
        "applications.applicant.natural_person",
        APPLICATIONS,
        _NEW_FORMS,
        (("new_received", "natural_person"),),
    ),
    TextTableLink(
        "applications.applicant.organisations",
        APPLICATIONS,
        _NEW_FORMS,
        tuple(("new_received", c) for c in _ORGANISATIONS),
    ),
    TextTableLink("applications.carried_forward", APPLICATIONS, _NEW_FORMS, _total("carried_forward")),
    TextTableLink("applications.completed", APPLICATIONS, _NEW_FORMS, _total("total_processed")),
    TextTableLink("replies.total", APPLICATIONS, _NEW_FORMS, _total("total_processed")),
    TextTableLink("replies.granted", APPLICATIONS, _NEW_FORMS, _total("granted")),
    TextTableLink("replies.partial", APPLICATIONS, _NEW_FORMS, _total("partial")),
    TextTableLink("replies.denied", APPLICATIONS, _NEW_FORMS, _total(*_DENIED)),
    TextTableLink("replies.not_held", APPLICATIONS, _NEW_FORMS, _total("unable.not_held")),
    TextTableLink(
        "replies.unable",
        APPLICATIONS,
        _NEW_FORMS,
        _total("unable.not_held", "unable.needs_creation", "unable.unclear"),
    ),
    TextTableLink(
        "replies.not_processed",
        APPLICATIONS,
        _NEW_FORMS,
        _total(*(f"not_processed.{r}" for r in ("petition", "repeat", "publication", "massive", "confirm"))),
    ),
    TextTableLink("review.total", REVIEW_LITIGATION, _NEW_FORMS, _total("review")),
    TextTableLink("review.upheld", REVIEW_LITIGATION, _NEW_FORMS, (("review", "upheld"),)),
    TextTableLink("review.corrected", REVIEW_LITIGATION, _NEW_FORMS, (("review", "corrected"),)),
    TextTableLink("review.pending", REVIEW_LITIGATION, _NEW_FORMS, (("review", "pending"),)),
    TextTableLink(
        "litigation.total",
        REVIEW_LITIGATION,
        _NEW_FORMS,
        _total("litigation_direct", "litigation_after_review"),
    ),
)
