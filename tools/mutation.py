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
"""

from __future__ import annotations

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


def _module(name: str) -> str:
    return name.rsplit(".", 1)[0]


def report(statuses: dict[str, str], fail_under: float) -> int:
    """Print the kill rate per module and the survivors; 1 when the total is under ``fail_under``."""
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors = []
    for name, status in sorted(statuses.items()):
        if status in NOT_RUN:
            continue
        killed = status in KILLED
        by_module[_module(name)]["killed" if killed else "survived"] += 1
        if not killed:
            survivors.append(f"{name}: {status}")
    total = Counter[str]()
    print(f"{'module':45} {'killed':>7} {'survived':>9} {'rate':>7}")
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        rate = counts["killed"] / (counts["killed"] + counts["survived"])
        print(f"{module:45} {counts['killed']:7} {counts['survived']:9} {rate:7.1%}")
    run = total["killed"] + total["survived"]
    if not run:
        print("no mutant was run")
        return 1
    rate = total["killed"] / run
    print(f"{'total':45} {total['killed']:7} {total['survived']:9} {rate:7.1%}")
    print(f"kill rate {rate:.1%}, required {fail_under:.0%}")
    if survivors:
        print("\nsurvivors:\n  " + "\n  ".join(survivors))
    return 0 if rate >= fail_under else 1


def main(command: str) -> int:
    """Run ``all`` or ``sample`` (or only ``report`` the last whole run); the exit status."""
    settings = _settings()
    if command == "report":
        return report(_results(ROOT), float(settings["fail_under_all"]) / 100)  # type: ignore[arg-type]
    patterns = [] if command == "all" else list(settings["sample"])  # type: ignore[call-overload]
    folder = ROOT if command == "all" else _sample_folder(settings)
    try:
        run = subprocess.run(["nice", "-n", "10", *MUTMUT, "run", *patterns], cwd=folder)
        if run.returncode:
            return run.returncode
        statuses = _results(folder)
    finally:
        if folder != ROOT:
            shutil.rmtree(folder, ignore_errors=True)
    if patterns:
        statuses = {n: s for n, s in statuses.items() if any(fnmatch(n, p) for p in patterns)}
    key = "fail_under_all" if command == "all" else "fail_under_sample"
    return report(statuses, float(settings[key]) / 100)  # type: ignore[arg-type]


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("all", "sample", "report"):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
