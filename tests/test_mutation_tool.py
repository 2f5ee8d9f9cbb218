"""tools/mutation.py: the kill rate, and equivalent mutants that count only while they are still theirs."""

from __future__ import annotations

from pathlib import Path

import pytest
from tools import mutation

MUTANTS = """\
def x_f__mutmut_1(a):
    def inner():
        return 0

    return a <= 1


def x_f__mutmut_2(a):
    return a < 2
"""

LISTED = """\
[[mutant]]
name = "pkg.mod.x_f__mutmut_1"
mutated = "return a <= 1"
reason = "a is an int below 2"

[[mutant]]
name = "pkg.mod.x_f__mutmut_2"
mutated = "return a > 2"
reason = "quotes a line the mutant no longer has"

[[mutant]]
name = "pkg.x_g__mutmut_1"
mutated = "return None"
reason = "in a package's __init__"
"""


@pytest.fixture
def run_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    package = tmp_path / "mutants" / "src" / "pkg"
    package.mkdir(parents=True)
    (package / "mod.py").write_text(MUTANTS, encoding="utf-8")
    (package / "__init__.py").write_text("def x_g__mutmut_1():\n    return None\n", encoding="utf-8")
    listed = tmp_path / "equivalents.toml"
    listed.write_text(LISTED, encoding="utf-8")
    monkeypatch.setattr(mutation, "EQUIVALENTS", listed)
    return tmp_path


def test_an_equivalent_counts_only_while_its_quoted_line_is_in_the_mutant(
    run_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statuses = {
        "pkg.mod.x_f__mutmut_1": "survived",
        "pkg.mod.x_f__mutmut_2": "survived",
        "pkg.x_g__mutmut_1": "no tests",
    }
    assert mutation._equivalents(run_folder, statuses) == {
        "pkg.mod.x_f__mutmut_1": "a is an int below 2",
        "pkg.x_g__mutmut_1": "in a package's __init__",
    }
    assert "stale equivalent (its function changed; counted as survived): pkg.mod.x_f__mutmut_2" in (
        capsys.readouterr().out
    )


def test_a_killed_mutant_listed_as_equivalent_is_simply_killed(run_folder: Path) -> None:
    assert mutation._equivalents(run_folder, {"pkg.mod.x_f__mutmut_1": "killed"}) == {}


def test_the_rate_leaves_equivalents_out(capsys: pytest.CaptureFixture[str]) -> None:
    statuses = {f"pkg.mod.x_f__mutmut_{n}": "killed" for n in range(19)}
    statuses |= {"pkg.mod.x_f__mutmut_19": "survived", "pkg.mod.x_f__mutmut_20": "survived"}
    statuses["pkg.mod.x_f__mutmut_21"] = "not checked"
    equivalent = {"pkg.mod.x_f__mutmut_20": "why"}
    assert mutation.report(statuses, equivalent, 0.95) == 0
    out = capsys.readouterr().out
    assert "total" in out and " 19         1           1   95.0%" in out
    assert "pkg.mod.x_f__mutmut_19: survived" in out and "x_f__mutmut_20: survived" not in out
    assert mutation.report(statuses, equivalent, 0.96) == 1
    assert mutation.report(statuses, {}, 0.95) == 1  # 19 of 21 without the equivalent
