"""Every Python snippet of the README and the docs passes ``mypy --strict``.

A page's fenced ``python`` blocks are checked together, in order, as a reader runs them top to
bottom, so a later block may use what an earlier one defined. Snippets are type-checked, not
run: they name files (``report.txt``) the reader has and the test does not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = (ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")))
_BLOCK = re.compile(r"^```python[^\n]*\n(.*?)^```", re.S | re.M)


def page_snippets(page: Path) -> str:
    """The page's Python blocks joined into one module, in order."""
    return "\n\n".join(_BLOCK.findall(page.read_text("utf-8")))


def test_the_docs_have_snippets_to_check() -> None:
    assert sum(bool(page_snippets(page)) for page in PAGES) >= 10


def test_every_snippet_passes_mypy_strict(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    modules = []
    for page in PAGES:
        code = page_snippets(page)
        if code:
            name = "_".join(page.relative_to(ROOT).with_suffix("").parts).replace("-", "_").replace(".", "_")
            module = tmp_path / f"{name}.py"
            module.write_text(code, "utf-8")
            modules.append(str(module))
    stdout, stderr, status = api.run(
        [
            "--strict",
            "--no-incremental",
            "--ignore-missing-imports",
            "--python-version=3.10",
            "--untyped-calls-exclude=distributed",  # Dask ships no type information
            *modules,
        ]
    )
    assert status == 0, f"snippet type errors (module name = page path):\n{stdout}{stderr}"
