"""An example third-party section plugin: 咨询处理情况 with its counts by channel."""

from __future__ import annotations

import re

from govreport.model import Location, NarrativeStat, Section
from govreport.sections import SECTION_API_VERSION, SectionContext

_COUNT = re.compile(r"([^，。；：0-9]{0,12}?)(\d+)\s*次")
_CHANNEL = {"电话": "phone", "当面": "in_person", "网上": "online", "信函": "letter"}


class ConsultationSection:
    """Finds the 咨询处理情况 part of old-style reports and reads its counts."""

    name = "example.consultation"
    api_version = SECTION_API_VERSION

    def extract(self, ctx: SectionContext) -> Section | None:
        heading = ctx.find("咨询处理情况", "政府信息公开咨询处理情况")
        if heading is None:
            return None
        stats = []
        for paragraph in ctx.paragraphs_of(heading):
            for m in _COUNT.finditer(paragraph.text):
                words = m.group(1)
                channel = next((v for k, v in _CHANNEL.items() if k in words), None)
                if channel is None and "咨询" not in words:
                    continue
                key = f"consultation.{channel}" if channel else "consultation.total"
                value = int(m.group(2))
                location = Location(
                    line=paragraph.location.line,
                    column=(paragraph.location.column or 1) + m.start(),
                )
                stats.append(
                    NarrativeStat(key=key, value=value, unit="次", raw=m.group(0), location=location)
                )
        return Section(
            key="consultation_detail",
            plugin=self.name,
            heading=heading.title,
            number=heading.number,
            text=ctx.text_of(heading),
            location=heading.location,
            stats=tuple(stats),
        )


PLUGIN = ConsultationSection()
