"""The shape of the package: modules stay small, and the library never imports its test tooling."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import govreport

PACKAGE = Path(govreport.__file__).parent
MAX_LINES = 400
"""A module longer than this does more than one job; split it by job."""

# Modules allowed over MAX_LINES for now, each with why. A module that gets within the
# limit must leave the list, so that it can only shrink.
OVERSIZED: dict[str, str] = {}

TESTING = "govreport.testing"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_the_line_limit() -> None:
    oversized = {_name(p): _line_count(p) for p in _modules() if _line_count(p) > MAX_LINES}
    unexpected = {name: lines for name, lines in oversized.items() if name not in OVERSIZED}
    assert not unexpected, f"modules over {MAX_LINES} lines; split them by job: {unexpected}"


def test_the_oversized_list_holds_only_oversized_modules() -> None:
    stale = [
        name
        for name in OVERSIZED
        if not (PACKAGE / name).exists() or _line_count(PACKAGE / name) <= MAX_LINES
    ]
    assert not stale, f"within {MAX_LINES} lines now (or gone): remove from OVERSIZED: {stale}"


def _imported(tree: ast.Module, module: str) -> list[tuple[int, str]]:
    """Every module an import statement anywhere in ``tree`` names (lazy imports inside functions too)."""
    package = (
        module.rsplit(".", 1)[0] if not module.endswith("__init__") else module.removesuffix(".__init__")
    )
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against this module's package
                parts = package.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            # ``from govreport import testing`` names the submodule through the alias.
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def _is_testing(name: str) -> bool:
    return name == TESTING or name.startswith(TESTING + ".")


def _library_modules() -> list[tuple[Path, str]]:
    result = []
    for path in _modules():
        dotted = "govreport." + _name(path).removesuffix(".py").replace("/", ".")
        if not _is_testing(dotted.removesuffix(".__init__")):
            result.append((path, dotted))
    return result


def test_no_library_module_imports_the_test_tooling() -> None:
    offenders = [
        f"{_name(path)}:{line} imports {name}"
        for path, dotted in _library_modules()
        for line, name in _imported(ast.parse(path.read_text(encoding="utf-8")), dotted)
        if _is_testing(name)
    ]
    assert not offenders, "govreport.testing is test tooling; the library must not import it:\n" + "\n".join(
        offenders
    )


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("import govreport.testing.synthetic", "govreport.parser", True),
        ("def f():\n    from govreport.testing import render\n", "govreport.parser", True),
        ("from govreport import testing", "govreport.parser", True),
        ("from ..testing import synthetic", "govreport.corpus.digest", True),
        ("from . import testing", "govreport.__init__", True),
        ("from govreport.tables import testing_helpers", "govreport.parser", False),
        ("from .tables import layouts", "govreport.__init__", False),
    ],
)
def test_the_import_check_sees_every_form_of_import(source: str, module: str, expected: bool) -> None:
    names = [name for _, name in _imported(ast.parse(source), module)]
    assert any(_is_testing(name) for name in names) is expected, names
