"""The canonical narrative keys: one registry entry per count a report's sentences can state.

Each entry says which words name it (``cues``: regular expressions matched against the
words around the amount, see :data:`TAIL`), which words name it inside a list opened by a
whole (``sub_cues``: 其中当面申请3件 after 受理申请10件), which units it takes, and whether its
sentence must be about 政府信息公开 (``context``). Registry order is priority order: the first
entry whose cue matches names the amount. The docs page of narrative keys is generated from
this registry.
"""

from govreport.extract.narrative.keys.active import active_keys
from govreport.extract.narrative.keys.applications import application_keys, fee_keys
from govreport.extract.narrative.keys.consultation import consultation_keys
from govreport.extract.narrative.keys.model import TAIL, NarrativeKey, Needs
from govreport.extract.narrative.keys.redress import complaint_keys, review_litigation_keys
from govreport.registry import Registry

__all__ = ["NARRATIVE_KEYS", "TAIL", "NarrativeKey", "Needs", "core_keys"]

NARRATIVE_KEYS: Registry[NarrativeKey] = Registry("narrative key")


def _register() -> None:
    # Registry order is priority order. Review and litigation come before applications:
    # 行政复议申请3件 is a review, not an application.
    for family in (
        active_keys,
        review_litigation_keys,
        application_keys,
        consultation_keys,
        complaint_keys,
        fee_keys,
    ):
        for entry in family():
            NARRATIVE_KEYS.add(entry.key, entry)


_register()


def core_keys() -> tuple[str, ...]:
    """The core counts: totals, applications and their handling, outcomes, reviews, lawsuits, fees."""
    return tuple(name for name, entry in NARRATIVE_KEYS.items() if entry.core)
