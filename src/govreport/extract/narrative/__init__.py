"""Narrative counts: what a report's sentences state, under canonical keys, in context.

:func:`extract_narrative` reads the counts; :data:`NARRATIVE_KEYS` lists every key,
:data:`CONTEXT_RULES` the words that make a sentence about 政府信息公开 or about something
else, and :data:`TEXT_TABLE_LINKS` which table cells state the same figure as a key.
"""

from govreport.extract.narrative.context import CONTEXT_RULES, Context, ContextRule
from govreport.extract.narrative.extract import extract_narrative
from govreport.extract.narrative.keys import NARRATIVE_KEYS, NarrativeKey, Needs, core_keys
from govreport.extract.narrative.links import TEXT_TABLE_LINKS, TextTableLink

__all__ = [
    "CONTEXT_RULES",
    "NARRATIVE_KEYS",
    "TEXT_TABLE_LINKS",
    "Context",
    "ContextRule",
    "NarrativeKey",
    "Needs",
    "TextTableLink",
    "core_keys",
    "extract_narrative",
]
