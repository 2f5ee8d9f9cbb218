"""The section plugin contract: a small typed Protocol with an API version."""

from __future__ import annotations

import re
from typing import Protocol, runtime_checkable

from attrs import frozen

from govreport.model.document import Document, Location, Paragraph
from govreport.model.report import Section
from govreport.normalize.text import compact, label_key

SECTION_API_VERSION = 1
"""Bumped on any incompatible change to :class:`SectionContext` or :class:`SectionPlugin`."""

_TOP_HEADING = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．，,]\s*(\S.*)$")
_MAX_HEADING_CHARS = 40


@frozen(kw_only=True)
class Heading:
    """A top-level ``一、…`` heading and the paragraphs it governs."""

    number: str
    title: str
    key: str
    index: int
    """Index of the heading among the document's paragraphs."""
    end: int
    """Index of the paragraph where the next top-level heading starts (exclusive end)."""
    location: Location


@frozen(kw_only=True)
class SectionContext:
    """What a section plugin sees: the document, its outline, and the report year."""

    document: Document
    outline: tuple[Heading, ...]
    year: int | None = None

    def paragraphs_of(self, heading: Heading) -> tuple[Paragraph, ...]:
        """The paragraphs under ``heading``, the heading itself excluded."""
        return self.document.paragraphs[heading.index + 1 : heading.end]

    def text_of(self, heading: Heading) -> str:
        """The text under ``heading``, one paragraph per line."""
        return "\n".join(p.text for p in self.paragraphs_of(heading))

    def find(self, *variants: str) -> Heading | None:
        """The first heading whose title equals (after normalisation) one of ``variants``."""
        keys = {label_key(v) for v in variants}
        return next((h for h in self.outline if h.key in keys), None)


@runtime_checkable
class SectionPlugin(Protocol):
    """Extracts one kind of section from a report.

    ``name`` must be unique among plugins; ``api_version`` must equal
    :data:`SECTION_API_VERSION`. ``extract`` returns ``None`` when the report has no
    such section.
    """

    name: str
    api_version: int

    def extract(self, ctx: SectionContext) -> Section | None:
        """Find the section in ``ctx`` and return it with its text and location."""
        ...


def build_outline(document: Document) -> tuple[Heading, ...]:
    """Every top-level numbered heading (``一、``, ``二、``…) in paragraph order."""
    found: list[tuple[str, str, int, Location]] = []
    for index, paragraph in enumerate(document.paragraphs):
        text = paragraph.text
        if len(text) > _MAX_HEADING_CHARS + 4 or text.endswith(("。", "；", ";", "：", ":")):
            continue
        match = _TOP_HEADING.match(text)
        if match is None:
            continue
        title = match.group(2).strip()
        if len(compact(title)) > _MAX_HEADING_CHARS or "。" in title:
            continue
        found.append((match.group(1), title, index, paragraph.location))
    total = len(document.paragraphs)
    return tuple(
        Heading(
            number=number,
            title=title,
            key=label_key(title),
            index=index,
            end=found[i + 1][2] if i + 1 < len(found) else total,
            location=location,
        )
        for i, (number, title, index, location) in enumerate(found)
    )
