"""The corpus index: report digests grouped by organ and year, and the region hierarchy.

Organs are linked by their normalised names (:func:`organ_key`). A report that prints
two names (a short title name and a full red-header name, kept as ``organ_aliases``)
joins the two keys, so every report of either name lands in one group.

The hierarchy S12 needs is known in two ways:

* **From names.** A region government's key ends in 省/市/县/区/州/旗/盟 (``汶上县``). Any
  other organ whose key starts with it (``汶上县军屯乡``, ``汶上县教育局``) is its unit; the
  nearest such region present in the corpus is the parent.
* **From an explicit mapping** ``{parent name: [child names…]}``, for units whose names
  do not repeat the region's (``军屯乡人民政府`` under ``汶上县人民政府``). A parent listed
  in the mapping gets exactly the children listed; names are normalised the same way.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from attrs import frozen

from govreport.corpus.digest import ReportDigest
from govreport.corpus.organs import is_region, organ_key
from govreport.errors import InputError
from govreport.unionfind import UnionFind

Hierarchy = Mapping[str, Iterable[str]]


@frozen(kw_only=True)
class CorpusIndex:
    """Everything the corpus rules read, built once after the last report is added."""

    digests: tuple[ReportDigest, ...]
    groups: dict[str, dict[int, tuple[ReportDigest, ...]]]
    """Organ link key → year → the reports of that organ and year, in input order."""
    children: dict[str, tuple[str, ...]]
    """Region link key → the link keys of its units (S12)."""
    explicit_parents: frozenset[str]
    """Parents whose children came from an explicit mapping (every listed child is expected)."""

    @classmethod
    def build(cls, digests: Iterable[ReportDigest], hierarchy: Hierarchy | None = None) -> CorpusIndex:
        """Group ``digests`` by organ and year and work out the hierarchy."""
        all_digests = tuple(digests)
        links: UnionFind[str] = UnionFind()
        for d in all_digests:
            for key in d.organ_keys:
                links.union(d.organ_keys[0], key)
        explicit = {
            organ_key(parent): tuple(dict.fromkeys(organ_key(c) for c in kids))
            for parent, kids in (hierarchy or {}).items()
        }
        for parent, kids in explicit.items():  # mapped organs without reports still get a group key
            for key in (parent, *kids):
                links.find(key)
        groups: dict[str, dict[int, list[ReportDigest]]] = defaultdict(lambda: defaultdict(list))
        for d in all_digests:
            if d.organ is not None and d.document.year is not None:
                groups[links.find(d.organ)][d.document.year].append(d)
        children = _name_children(links)
        mapped_children = {links.find(k) for kids in explicit.values() for k in kids}
        children = {p: tuple(c for c in kids if c not in mapped_children) for p, kids in children.items()}
        for parent, kids in explicit.items():
            children[links.find(parent)] = tuple(dict.fromkeys(links.find(k) for k in kids))
        return cls(
            digests=all_digests,
            groups={o: {y: _ordered(ds) for y, ds in sorted(groups[o].items())} for o in sorted(groups)},
            children={p: kids for p, kids in sorted(children.items()) if kids},
            explicit_parents=frozenset(links.find(p) for p in explicit),
        )

    def reports(self, organ: str, year: int) -> tuple[ReportDigest, ...]:
        """The distinct-content reports of ``organ`` in ``year`` (copies of one file count once)."""
        seen: dict[str, ReportDigest] = {}
        for d in self.groups.get(organ, {}).get(year, ()):
            seen.setdefault(d.document.id, d)
        return tuple(seen.values())


def _ordered(digests: Iterable[ReportDigest]) -> tuple[ReportDigest, ...]:
    # By path and id, so the findings do not depend on the order the reports arrived in.
    return tuple(sorted(digests, key=lambda d: (d.document.path or "", d.document.id)))


def _name_children(links: UnionFind[str]) -> dict[str, tuple[str, ...]]:
    """Parent link key → child link keys, from names that start with a region's name."""
    keys = sorted(links.parent)
    regions = {key: links.find(key) for key in keys if is_region(key)}
    children: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        own = links.find(key)
        for end in range(len(key) - 1, 1, -1):  # the longest region prefix is the nearest parent
            parent = regions.get(key[:end])
            if parent is not None and parent != own:
                if own not in children[parent]:
                    children[parent].append(own)
                break
    return {p: tuple(kids) for p, kids in children.items()}


def load_hierarchy(path: str | os.PathLike[str]) -> dict[str, list[str]]:
    """Read an explicit hierarchy for S12 from a file.

    Two forms are accepted: a JSON object ``{"region name": ["unit name", …]}``, or
    text with one ``region<TAB>unit`` pair per line (``#`` starts a comment line).

    Raises:
        InputError: the file cannot be read or is in neither form.
    """
    name = os.fspath(path)
    try:
        text = Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the hierarchy file {name}: {exc}") from exc
    if text.lstrip().startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: not JSON: {exc}") from exc
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(c, str) for c in v)
            for k, v in data.items()
        ):
            raise InputError(f"{name}: expected an object of region name -> list of unit names")
        return {k: list(v) for k, v in data.items()}
    mapping: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 2 or not all(fields):
            raise InputError(f"{name}:{number}: expected 'region<TAB>unit', got {line!r}")
        mapping.setdefault(fields[0], []).append(fields[1])
    return mapping
