"""Smoke run of bench_hostile on a few quick cases: each row must end in a library outcome."""

from __future__ import annotations

import pytest

import bench_hostile


def test_bench_hostile_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_hostile.main(["--only", "span", "--timeout", "60"]) == 0  # the quick span cases
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "span" in line]
    assert len(rows) >= 4
    assert all(line.endswith("| yes |") for line in rows)
    assert "LimitExceededError (grid_cells)" in out


def test_bench_hostile_refuses_an_unknown_case() -> None:
    with pytest.raises(SystemExit):
        bench_hostile.main(["--only", "no such case"])
