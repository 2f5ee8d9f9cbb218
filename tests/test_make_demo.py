"""``make demo``, the README's first command, on a fresh virtual environment."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV_ONLY = ("pytest", "mypy", "ruff", "mkdocs", "hypothesis")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_installs_only_govreport_and_runs(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run = subprocess.run(
        ["make", "-s", "demo", f"VENV={venv}", f"PYTHON={sys.executable}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "== govreport check examples/*.txt" in run.stdout
    assert all(f"examples/{name}" in run.stdout for name in ("2016-narrative.txt", "2020-v2019-clean.txt"))
    cells = [json.loads(line) for line in run.stdout.splitlines()[-3:]]
    assert all(isinstance(cell, dict) and cell.get("raw") for cell in cells), cells
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.lower()
    assert "govreport" in installed
    assert not [name for name in DEV_ONLY if f"\n{name}==" in f"\n{installed}"]
