"""The tables' names in every language, for messages.

The Chinese names are the ones the form prints (:data:`~govreport.tables.layouts.TABLE_NAMES`,
:data:`~govreport.tables.layouts.TABLE_TITLES`); a table is named by its key in code only.
"""

from __future__ import annotations

from functools import cache

from govreport.model.messages import Message, Phrase

_SHORT_EN = {
    "active": "table 2",
    "applications": "table 3",
    "review_litigation": "table 4",
    "statistics": "the statistics table",
}
TABLE_KEYS = frozenset(_SHORT_EN)
"""The tables that have names: the form's (a plugin's own table is named by its key)."""

_TITLE_EN = {
    "active": "table 2 (proactive disclosure)",
    "applications": "table 3 (applications received and handled)",
    "review_litigation": "table 4 (administrative review and litigation)",
    "statistics": "the statistics table (2008-2018 form)",
}


@cache
def table_names() -> tuple[dict[str, Message], dict[str, Message]]:
    """Each table's short name (表二, table 2) and printed title (二、主动公开政府信息情况) as messages."""
    # Imported here: the table readers name tables through this module, and importing the
    # layouts at module level would start the readers' package before this module is ready.
    from govreport.tables.layouts import TABLE_NAMES, TABLE_TITLES

    short = {key: Message(f"table.{key}", zh=TABLE_NAMES[key], en=_SHORT_EN[key]) for key in TABLE_NAMES}
    long = {key: Message(f"title.{key}", zh=TABLE_TITLES[key], en=_TITLE_EN[key]) for key in TABLE_TITLES}
    return short, long


def table_name(key: str) -> Phrase:
    """The short name of table ``key`` (表三, table 3)."""
    return table_names()[0][key]()


def table_title(key: str) -> Phrase:
    """The printed title of table ``key`` (三、收到和处理政府信息公开申请情况)."""
    return table_names()[1][key]()
