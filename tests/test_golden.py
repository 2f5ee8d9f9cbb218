"""Golden outputs: the full JSON of every bundled example, seed and real-world file.

Each parse is compared with its stored JSON by ``==``. After a deliberate change, rewrite
the goldens with ``make golden`` and review their diff like code: the diff is the review.
The seeds and real-world files are read from ``../shared`` when it is present.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import govreport
from tests.shared_files import SHARED

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("GOVREPORT_UPDATE_GOLDEN") == "1"

GROUPS: dict[str, tuple[Path, tuple[str, ...]]] = {
    # Not .doc: reading it depends on which converter the machine has (LibreOffice or antiword).
    "examples": (ROOT / "examples", ("*.txt", "*.md", "*.html", "*.docx", "*.pdf")),
    "seeds": (SHARED / "seeds", ("*.txt",)),
    "realworld": (SHARED / "realworld", ("*.txt",)),
}
VERSION_PLACEHOLDER = "<govreport version>"


def _sources() -> list[Any]:
    params = []
    for group, (folder, patterns) in GROUPS.items():
        files = sorted({path for pattern in patterns for path in folder.glob(pattern)})
        for path in files:
            params.append(pytest.param(group, path, id=f"{group}/{path.name}"))
        if not files:
            params.append(
                pytest.param(
                    group,
                    None,
                    id=f"{group}/absent",
                    marks=pytest.mark.skip(
                        reason=f"{folder} is not present (it is not part of the repository)"
                    ),
                )
            )
    return params


def golden_json(path: Path, label: str) -> dict[str, Any]:
    """The report's JSON with the parts that depend on where and which release ran it made stable."""
    data: dict[str, Any] = json.loads(govreport.to_json(govreport.parse(path)))
    data["source"]["path"] = label
    for plugin in data["plugins"]:
        if plugin["distribution"] == "govreport":
            plugin["version"] = VERSION_PLACEHOLDER
    return data


@pytest.mark.parametrize(("group", "path"), _sources())
def test_output_matches_golden(group: str, path: Path) -> None:
    label = f"{group}/{path.name}"
    golden = GOLDEN / group / f"{path.name}.json"
    actual = golden_json(path, label)
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    if not golden.exists():
        pytest.fail(f"no golden for {label}: run `make golden` and review the new file")
    assert actual == json.loads(golden.read_text("utf-8"))


def test_every_golden_has_a_source() -> None:
    """A golden whose source was removed or renamed is stale, not silently kept."""
    for group, (folder, _patterns) in GROUPS.items():
        if not folder.is_dir():
            continue
        for golden in (GOLDEN / group).glob("*.json"):
            assert (folder / golden.name.removesuffix(".json")).exists(), f"stale golden {golden}"
