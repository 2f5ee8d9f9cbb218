"""Install a plugin distribution for one test: a ``*.dist-info`` with ``entry_points.txt`` on sys.path.

importlib.metadata finds it like any installed package, so the plugins go through the
same entry-point loading as govreport's own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from govreport.plugins import refresh


@contextmanager
def installed_distribution(
    folder: Path, name: str, version: str, entry_points: Mapping[str, Mapping[str, str]]
) -> Iterator[Path]:
    """Put a distribution ``name`` publishing ``{group: {entry name: "module:attr"}}`` on sys.path.

    Modules written into ``folder`` are importable while it is installed.
    """
    dist = folder / f"{name.replace('-', '_')}-{version}.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )
    sections = (
        f"[{group}]\n" + "".join(f"{entry} = {target}\n" for entry, target in targets.items())
        for group, targets in entry_points.items()
    )
    (dist / "entry_points.txt").write_text("\n".join(sections), encoding="utf-8")
    modules_before = set(sys.modules)
    sys.path.insert(0, str(folder))
    refresh()
    try:
        yield folder
    finally:
        sys.path.remove(str(folder))
        for module in set(sys.modules) - modules_before:  # forget the modules loaded from the folder
            if (getattr(sys.modules[module], "__file__", None) or "").startswith(str(folder)):
                del sys.modules[module]
        refresh()
