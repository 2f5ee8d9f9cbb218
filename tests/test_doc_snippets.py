"""Every Python snippet of the README and the docs passes ``mypy --strict``.

A page's fenced ``python`` blocks are checked together, in order, as a reader runs them top to
bottom, so a later block may use what an earlier one defined. A block titled with a file name
(```` ```python title="govreport_training.py" ````) is that module of the reader's own, which
later blocks import. Snippets are type-checked here; the docs' examples test runs them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.shared_files import SHARED

ROOT = Path(__file__).resolve().parents[1]
PAGES = (ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")))
_FENCE = re.compile(r"^```(\w*)([^\n]*)\n(.*?)^```", re.S | re.M)
_MODULE_TITLE = re.compile(r'title="(\w+\.py)"')


def _python_blocks(page: Path) -> list[tuple[str, str]]:
    """``(info string, code)`` of every fenced ``python`` block of the page, in order."""
    return [
        (info, code)
        for language, info, code in _FENCE.findall(page.read_text("utf-8"))
        if language == "python"
    ]


def page_modules(page: Path) -> dict[str, str]:
    """The reader's own modules the page defines (titled blocks), by file name."""
    return {
        title.group(1): code for info, code in _python_blocks(page) if (title := _MODULE_TITLE.search(info))
    }


def page_snippets(page: Path) -> str:
    """The page's other Python blocks joined into one module, in order."""
    return "\n\n".join(code for info, code in _python_blocks(page) if not _MODULE_TITLE.search(info))


def test_the_docs_have_snippets_to_check() -> None:
    assert sum(bool(page_snippets(page)) for page in PAGES) >= 10


def test_every_snippet_passes_mypy_strict(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    modules = []
    for page in PAGES:
        for filename, code in page_modules(page).items():
            (tmp_path / filename).write_text(code, "utf-8")
            modules.append(str(tmp_path / filename))
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


_CONSOLE = "$ govreport "


def page_script(page: Path) -> str:
    """The page as a reader runs it: Python blocks, and ``$ govreport ...`` console lines, in order."""
    parts = ["import shlex, subprocess, sys"]
    for language, info, code in _FENCE.findall(page.read_text("utf-8")):
        if language == "python" and not _MODULE_TITLE.search(info):
            parts.append(code)
        elif language in ("text", "console", "sh"):
            for line in code.splitlines():
                if line.startswith(_CONSOLE):
                    command = line.removeprefix(_CONSOLE)
                    parts.append(
                        "subprocess.run([sys.executable, '-m', 'govreport', *shlex.split("
                        f"{command!r})], capture_output=True)"
                    )
    return "\n\n".join(parts)


# Run by tests/test_recipes.py on a generated corpus of its own.
_RUN_ELSEWHERE = {"docs/how-to/recipes.md"}


def _runnable_pages() -> list[Any]:
    params = []
    for page in PAGES:
        name = page.relative_to(ROOT).as_posix()
        if page_snippets(page) and name not in _RUN_ELSEWHERE:
            code = page_snippets(page)
            needs = [program for suffix, program in _PROGRAMS.items() if suffix in code]
            missing = [f"{program} is not installed" for program in needs if shutil.which(program) is None]
            if "../shared/" in code and not SHARED.is_dir():
                missing.append("../shared (the real reports some pages show) is absent")
            marks = [pytest.mark.skip(reason="; ".join(missing))] if missing else []
            params.append(pytest.param(page, id=name, marks=marks))
    return params


# Examples that need a program besides Python (.ci/run installs it).
_PROGRAMS = {'.doc"': "soffice"}


@pytest.mark.parametrize("page", _runnable_pages())
def test_page_examples_run_on_the_bundled_examples(page: Path, tmp_path: Path) -> None:
    """The page's snippets run top to bottom in a folder holding the bundled ``examples/``."""
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples", work / "examples")
    if SHARED.is_dir():  # some pages show real reports, as ../shared/seeds/...
        (tmp_path / "shared").symlink_to(SHARED)
    for filename, code in page_modules(page).items():
        (work / filename).write_text(code, "utf-8")
    script = work / "page_snippets.py"
    script.write_text(page_script(page), "utf-8")
    run = subprocess.run(
        [sys.executable, str(script)],
        cwd=work,
        env={**os.environ, "PYTHONPATH": str(work)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
