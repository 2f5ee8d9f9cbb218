"""Mutation testing of the core with mutmut: the whole run, or the fixed sample of the test command.

    python tools/mutation.py all      # every mutant (`make mutate`); fails under fail_under_all
    python tools/mutation.py sample   # the sample (`make test`); fails under fail_under_sample
    python tools/mutation.py report   # the kill-rate table of the last run, and the survivors

What the whole run mutates and which tests must kill it are ``[tool.mutmut]`` in
pyproject.toml. The sample and the thresholds are ``[tool.govreport.mutation]``: the
sample's mutants (function globs) and the fast tests that must kill them. The sample runs in
a temporary folder outside the checkout, linking to src/, tests/ and examples/ with a
pyproject.toml of its own, so that mutmut mutates only the sample's files and runs only its
tests; the folder is removed afterwards (links to src/ inside the checkout would make hatch
leave src/ out of the sdist). A mutant
counts as killed when a test failed or it timed out; one no test reaches counts as survived.

A surviving mutant that no input can tell apart from the code is listed, with the reason, in
tools/mutation_equivalents.toml and left out of the rate. Each entry names the mutant and
quotes its mutated line; an entry whose line is no longer in that mutant (the function
changed) does not count, so a stale entry cannot hide a new survivor.
"""

from __future__ import annotations

import ast
import functools
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from fnmatch import fnmatch
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # mutmut brings a TOML reader on Python 3.10
    import toml as tomllib

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = [str(Path(sys.executable).with_name("mutmut"))]
EQUIVALENTS = ROOT / "tools" / "mutation_equivalents.toml"
KILLED = {"killed", "timeout", "caught by type check"}
NOT_RUN = {"not checked", "skipped"}


def _tool() -> dict[str, dict[str, object]]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]  # type: ignore[no-any-return]


def _settings() -> dict[str, object]:
    return _tool()["govreport"]["mutation"]  # type: ignore[no-any-return]


def _sample_folder(settings: dict[str, object]) -> Path:
    """A new temporary folder: links to the sources and tests, and a config that mutates the sample only."""
    folder = Path(tempfile.mkdtemp(prefix="govreport-mutation-"))
    for name in ("src", "tests", "examples"):
        (folder / name).symlink_to(ROOT / name)
    tool = _tool()
    mutmut = {
        **tool["mutmut"],
        "only_mutate": settings["sample_files"],
        "pytest_add_cli_args_test_selection": settings["sample_tests"],
    }
    lines = ["[tool.mutmut]", *(f"{key} = {json.dumps(value)}" for key, value in mutmut.items())]
    lines += ["", "[tool.pytest.ini_options]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in tool["pytest"]["ini_options"].items()]
    (folder / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _results(folder: Path) -> dict[str, str]:
    """Every mutant of the last run in ``folder`` by name, with its status."""
    out = subprocess.run([*MUTMUT, "results", "--all", "true"], cwd=folder, capture_output=True, text=True)
    statuses = {}
    for line in out.stdout.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            statuses[name] = status
    return statuses


def _mutant_source(folder: Path, name: str) -> str:
    """The mutated function ``name`` as mutmut wrote it under ``folder``/mutants ("" if absent)."""
    module, _, function = name.rpartition(".")
    package = folder / "mutants" / "src" / Path(*module.split("."))
    path = package / "__init__.py" if package.is_dir() else package.with_suffix(".py")
    functions = _functions(path) if path.exists() else {}
    return functions.get(function, "")


@functools.cache
def _functions(path: Path) -> dict[str, str]:
    """The source of every function and method in ``path``, by name."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    return {
        node.name: "\n".join(lines[node.lineno - 1 : node.end_lineno])
        for node in ast.walk(ast.parse(text))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }


def _equivalents(folder: Path, statuses: dict[str, str]) -> dict[str, str]:
    """Survivors listed as equivalent whose quoted mutated line is still theirs, with the reason."""
    listed = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8")) if EQUIVALENTS.exists() else {}
    verified = {}
    for entry in listed.get("mutant", []):
        name = entry["name"]
        if statuses.get(name) in KILLED or name not in statuses:
            continue
        if entry["mutated"] in _mutant_source(folder, name):
            verified[name] = entry["reason"]
        else:
            print(f"stale equivalent (its function changed; counted as survived): {name}")
    return verified


def _module(name: str) -> str:
    return name.rsplit(".", 1)[0]


def _print_row(label: str, counts: Counter[str]) -> float:
    decided = counts["killed"] + counts["survived"]
    rate = counts["killed"] / decided if decided else 1.0
    print(f"{label:45} {counts['killed']:7} {counts['survived']:9} {counts['equivalent']:11} {rate:7.1%}")
    return rate


def report(statuses: dict[str, str], equivalent: dict[str, str], fail_under: float) -> int:
    """Print the kill rate per module and the survivors; 1 when the total is under ``fail_under``.

    The rate is killed / (killed + survived): ``equivalent`` mutants are counted apart.
    """
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors = []
    for name, status in sorted(statuses.items()):
        if status in NOT_RUN:
            continue
        verdict = "killed" if status in KILLED else "equivalent" if name in equivalent else "survived"
        by_module[_module(name)][verdict] += 1
        if verdict == "survived":
            survivors.append(f"{name}: {status}")
    total = Counter[str]()
    print(f"{'module':45} {'killed':>7} {'survived':>9} {'equivalent':>11} {'rate':>7}")
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        _print_row(module, counts)
    if not total["killed"] + total["survived"]:
        print("no mutant was run")
        return 1
    rate = _print_row("total", total)
    print(f"kill rate {rate:.1%}, required {fail_under:.0%}")
    if survivors:
        print("\nsurvivors:\n  " + "\n  ".join(survivors))
    return 0 if rate >= fail_under else 1


def main(command: str) -> int:
    """Run ``all`` or ``sample`` (or only ``report`` the last whole run); the exit status."""
    settings = _settings()
    if command == "report":
        statuses = _results(ROOT)
        return report(statuses, _equivalents(ROOT, statuses), float(settings["fail_under_all"]) / 100)  # type: ignore[arg-type]
    patterns = [] if command == "all" else list(settings["sample"])  # type: ignore[call-overload]
    folder = ROOT if command == "all" else _sample_folder(settings)
    try:
        run = subprocess.run(["nice", "-n", "10", *MUTMUT, "run", *patterns], cwd=folder)
        if run.returncode:
            return run.returncode
        statuses = _results(folder)
        if patterns:
            statuses = {n: s for n, s in statuses.items() if any(fnmatch(n, p) for p in patterns)}
        equivalent = _equivalents(folder, statuses)
    finally:
        if folder != ROOT:
            shutil.rmtree(folder, ignore_errors=True)
    key = "fail_under_all" if command == "all" else "fail_under_sample"
    return report(statuses, equivalent, float(settings[key]) / 100)  # type: ignore[arg-type]


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("all", "sample", "report"):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
