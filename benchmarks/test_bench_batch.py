"""Smoke run of the corpus-run benchmark on a tiny corpus (numbers are not checked, only sanity)."""

from __future__ import annotations

from pathlib import Path

from bench_batch import measure, run_child, write_corpus
from govreport.batch.garbage import FIRST_GENERATION


def test_write_corpus_is_deterministic(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in write_corpus(tmp_path / "a", 12, seed=5)]
    second = [p.read_bytes() for p in write_corpus(tmp_path / "b", 12, seed=5)]
    assert first == second and len(set(first)) == 12


def test_measure_smoke() -> None:
    lines: list[str] = []
    result = measure(reports=24, small=8, repeat=1, seed=3, say=lines.append, burn=50_000)
    assert result["status"].get("ok", 0) + result["status"].get("partial", 0) == 24
    assert result["docs_per_s"]["jobs1"] > 0 and result["docs_per_s"]["jobs2"] > 0
    assert result["scaling"] > 0 and result["machine_scaling"] > 0
    assert result["machine_share"] == result["scaling"] / result["machine_scaling"]
    assert result["memory"]["peak_rss_mib_small"] > 0 and result["memory"]["documents_small"] == 8
    sizes = result["bytes_per_document"]
    assert set(sizes) == {"cells.parquet", "cells.jsonl", "cells.csv", "reports.parquet", "reports.csv"}
    assert sizes["cells.parquet"] < sizes["cells.csv"] < sizes["cells.jsonl"]
    assert any(line.startswith("peak RSS") for line in lines)


def test_the_timed_run_collects_garbage_as_the_command_does(tmp_path: Path) -> None:
    listing = tmp_path / "three.list"
    listing.write_text("\n".join(str(p) for p in write_corpus(tmp_path / "c", 3, seed=2)) + "\n")
    run = run_child(listing, tmp_path / "out.jsonl", "cells", jobs=1)
    assert run["documents"] == 3
    assert run["gc_first_threshold"] == FIRST_GENERATION  # jobs=1 is timed as `govreport parse` runs it
