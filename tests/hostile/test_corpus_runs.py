"""Hostile corpus runs: documents that hang or crash their worker, special files, bad names, one writer."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from govreport import DocumentStatus, Limits, iter_parse
from govreport.batch import TIMEOUT
from tests.corpus_helpers import report_texts, write_reports
from tests.hostile.batch_helpers import MisbehavingParser


def _corpus(folder: Path, bad: dict[int, str], count: int = 6) -> list[Path]:
    """``count`` good reports; the ones at the positions of ``bad`` renamed to contain its trigger word."""
    paths = write_reports(folder, report_texts(count))
    for index, word in bad.items():
        renamed = paths[index].with_name(f"{paths[index].stem}-{word}.txt")
        shutil.move(paths[index], renamed)
        paths[index] = renamed
    return paths


def test_a_worker_stuck_on_one_document_is_killed_and_the_run_goes_on_in_order(tmp_path):
    paths = _corpus(tmp_path, {1: "hang", 4: "hang"}, count=7)
    started = time.monotonic()
    results = list(iter_parse(tmp_path, jobs=2, parser=MisbehavingParser(), limits=Limits(seconds=0.5)))
    elapsed = time.monotonic() - started
    assert [r.path for r in results] == [str(p) for p in sorted(paths)]
    by_path = {r.path: r for r in results}
    for path in paths:
        result = by_path[str(path)]
        if "hang" in path.name:
            assert result.status is DocumentStatus.FAILED and result.report is None
            assert [e.kind for e in result.errors] == [TIMEOUT] and "stopped" in result.errors[0].message
            assert result.id is not None and result.duration >= 0.5
        else:
            assert result.status is DocumentStatus.OK, result.errors
    assert elapsed < 30  # two kills at 1.5 s each, two respawns, seven parses


def test_a_document_that_checks_the_clock_times_out_in_process(tmp_path):
    paths = _corpus(tmp_path, {0: "spin"}, count=2)
    for jobs in (1, 2):
        results = list(iter_parse(paths, jobs=jobs, parser=MisbehavingParser(limits=Limits(seconds=0.3))))
        assert [r.status for r in results] == [DocumentStatus.FAILED, DocumentStatus.OK]
        assert results[0].errors[0].kind == TIMEOUT
        assert "limit seconds exceeded" in results[0].errors[0].message  # the reader's own check, not a kill


def test_a_worker_that_dies_costs_one_document_not_the_run(tmp_path):
    paths = _corpus(tmp_path, {2: "crash"}, count=5)
    results = list(iter_parse(paths, jobs=2, parser=MisbehavingParser()))
    assert [r.status for r in results] == [DocumentStatus.OK] * 2 + [DocumentStatus.FAILED] + [
        DocumentStatus.OK
    ] * 2
    assert results[2].errors[0].kind == "crashed" and "exit code 3" in results[2].errors[0].message


@pytest.mark.parametrize("jobs", [1, 2])
def test_memory_error_still_stops_the_run(tmp_path, jobs):
    paths = _corpus(tmp_path, {1: "memory"}, count=3)
    seen = []
    with pytest.raises(MemoryError):
        for result in iter_parse(paths, jobs=jobs, parser=MisbehavingParser()):
            seen.append(result.status)
    assert seen == [DocumentStatus.OK]  # results before it were given, in order
