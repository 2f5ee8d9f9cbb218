"""Smoke run of the corpus-check benchmark, plus a pytest-benchmark timing of ``digest()``."""

from __future__ import annotations

import pytest

from bench_corpus import _pool, measure
from govreport.corpus import digest

pytestmark = pytest.mark.benchmark(group="corpus")


@pytest.fixture(scope="module")
def pool():
    reports, parse_s, digest_s = _pool(1)
    assert 0 < digest_s < parse_s  # digesting is cheaper than parsing
    return reports


def test_digest_time(benchmark, pool) -> None:
    entry = benchmark(digest, pool[0])
    assert entry.organ is not None and entry.document.year == 2019


def test_memory_per_report_is_small_and_flat(pool) -> None:
    digests = [digest(r) for r in pool]
    small, large = measure(100, digests, 1), measure(400, digests, 1)
    assert small["findings"] > 0  # random values break the cross-year rules
    assert large["bytes_per_report"] < 4096
    assert 0.8 < large["bytes_per_report"] / small["bytes_per_report"] < 1.25
