"""Smoke run of bench_glued: a few glued reports, no wrong cell, most cells recovered."""

from __future__ import annotations

from bench_glued import measure


def test_glued_benchmark_smoke() -> None:
    result = measure(reports=4, seed=0, space=0.1)
    assert result["wrong"] == 0
    assert result["narrative"] == 0
    assert isinstance(result["share"], float) and result["share"] > 0.8


def test_patterns_benchmark_smoke() -> None:
    from bench_patterns import PATTERNS, _parse, count

    for formats, fixtures in PATTERNS.values():
        for truth in fixtures(1):
            read, total, wrong = count(_parse(truth, formats[0]), truth)
            assert wrong == 0 and total > 0 and read > 0.8 * total
