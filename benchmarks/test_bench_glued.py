"""Smoke run of bench_glued: a few glued reports, no wrong cell, most cells recovered."""

from __future__ import annotations

from bench_glued import measure


def test_glued_benchmark_smoke() -> None:
    result = measure(reports=4, seed=0, space=0.1)
    assert result["wrong"] == 0
    assert result["narrative"] == 0
    assert isinstance(result["share"], float) and result["share"] > 0.8
