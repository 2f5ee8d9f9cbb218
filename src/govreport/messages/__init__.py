"""The message catalogue: every finding message, in Chinese and English, by id.

Entries live in one module per area (:mod:`~govreport.messages.checks`,
:mod:`~govreport.messages.reading`, :mod:`~govreport.messages.glued`,
:mod:`~govreport.messages.corpus`, and the tables' names in :mod:`~govreport.messages.names`).
The mechanism (templates, binding, the language in use) is :mod:`govreport.model.messages`.
"""

from __future__ import annotations

from types import ModuleType

from govreport.messages import checks, corpus, glued, names, reading
from govreport.model.messages import Message


def _entries(module: ModuleType) -> list[Message]:
    return [value for value in vars(module).values() if isinstance(value, Message)]


def catalogue() -> dict[str, Message]:
    """Every catalogue entry by id.

    Raises:
        ValueError: two entries share an id.
    """
    # The check outputs' own words: the app layer uses the catalogue, so it is read here, late.
    from govreport.app import check_text, page_words, suggestions

    modules = (checks, reading, glued, corpus, check_text, page_words, suggestions)
    entries = [m for module in modules for m in _entries(module)]
    short, long = names.table_names()
    entries += [*short.values(), *long.values()]
    entries += [
        m
        for group in (
            page_words.SEVERITIES,
            page_words.ORIGINS,
            page_words.VERSIONS,
            page_words.STATES,
            page_words.MARKS,
            page_words.PAGE,
            suggestions.SUGGESTIONS,
        )
        for m in group.values()
    ]
    by_id: dict[str, Message] = {}
    for message in entries:
        if message.id in by_id:
            raise ValueError(f"two messages have the id {message.id}")
        by_id[message.id] = message
    return by_id
