"""Discover section plugins and table readers through entry points, with provenance."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from govreport.errors import PluginError
from govreport.model.report import PluginInfo

SECTION_GROUP = "govreport.sections"
TABLE_READER_GROUP = "govreport.table_readers"
_FALLBACK = {
    SECTION_GROUP: (
        "govreport.sections.builtin:STATUTORY_SECTIONS",
        "govreport.sections.builtin:OLD_NARRATIVE_SECTIONS",
    ),
    TABLE_READER_GROUP: (
        "govreport.tables.active:READER",
        "govreport.tables.applications:READER",
        "govreport.tables.review:READER",
        "govreport.tables.v2008:READER",
    ),
}


def _flatten(obj: Any) -> list[Any]:
    if isinstance(obj, (list, tuple)):
        return list(obj)
    return [obj]


@cache
def load_group(group: str) -> tuple[tuple[Any, PluginInfo], ...]:
    """Every object published under ``group``, with the distribution it came from.

    govreport's own built-ins are published in its ``pyproject.toml``. When govreport
    runs from a source tree that was never installed, they are loaded directly and
    recorded as ``govreport (source tree)``.
    """
    found: list[tuple[Any, PluginInfo]] = []
    eps: Iterable[EntryPoint] = entry_points(group=group)
    own = False
    for ep in eps:
        dist = ep.dist.name if ep.dist is not None else "unknown"
        version = ep.dist.version if ep.dist is not None else "unknown"
        own = own or dist == "govreport"
        try:
            loaded = ep.load()
        except Exception as exc:
            raise PluginError(
                f"entry point {ep.name!r} in group {group} from distribution {dist} failed to load: {exc}"
            ) from exc
        for obj in _flatten(loaded):
            found.append((obj, PluginInfo(name=_name(obj), kind=group, distribution=dist, version=version)))
    if not own:
        import importlib

        for target in _FALLBACK[group]:
            module, _, attr = target.partition(":")
            for obj in _flatten(getattr(importlib.import_module(module), attr)):
                info = PluginInfo(
                    name=_name(obj),
                    kind=group,
                    distribution="govreport (source tree)",
                    version="source",
                )
                found.append((obj, info))
    return tuple(found)


def _name(obj: Any) -> str:
    return str(getattr(obj, "name", type(obj).__name__))
