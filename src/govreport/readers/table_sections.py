"""Which statutory table a section heading of the report introduces (spec §3).

The repairs of damaged tables (Markdown fragments, one cell per line) work inside the
sections of tables 二, 三 and 四, from the section heading to the next one.
"""

from __future__ import annotations

import re

_SECTION = re.compile(r"^\s*[一二三四五六七八九十]{1,2}\s*[、.．]")
_TABLE_SECTIONS = (
    ("active", re.compile(r"主动公开政府信息情况")),
    ("applications", re.compile(r"收到和处理政府信息公开申请情况")),
    ("review_litigation", re.compile(r"行政复议[、和及]?(?:提起)?行政诉讼")),
)
_OTHER_SECTIONS = re.compile(r"存在的主要问题|其他需要报告|总体情况")


def section_of(text: str) -> str | None:
    """The statutory table a section heading introduces, ``""`` for another section, else ``None``."""
    if not _SECTION.match(text) or len(text.strip()) > 40:
        return None
    for key, pattern in _TABLE_SECTIONS:
        if pattern.search(text):
            return key
    return "" if _OTHER_SECTIONS.search(text) else None
