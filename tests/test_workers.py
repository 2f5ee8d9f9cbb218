"""The supervised pool: input order, a bounded window over an endless stream, deadlines, deaths."""

from __future__ import annotations

import gc
import itertools
import operator
import os
import signal
import time

import pytest

from govreport.batch.garbage import FIRST_GENERATION, collect_less_often
from govreport.batch.workers import Lost, supervised_map
from govreport.errors import WorkerError


def _lost(item: object, why: Lost) -> str:
    return f"{why.kind}:{item}"


def test_results_come_in_input_order():
    items = list(range(-300, 0))
    results = list(supervised_map(abs, iter(items), jobs=2, seconds=30, lost=_lost, chunk=4))
    assert results == [abs(i) for i in items]


def test_an_endless_stream_is_taken_a_bounded_window_ahead():
    pulled = itertools.count()
    source = (next(pulled) for _ in itertools.count())  # counts what the pool takes
    results = supervised_map(operator.neg, source, jobs=2, seconds=30, lost=_lost, chunk=3, window_per_job=2)
    head = list(itertools.islice(results, 50))
    results.close()  # stops the workers
    assert head == [-i for i in range(50)]
    assert 50 <= next(pulled) <= 50 + 2 * 2 * 3 + 1  # consumed + window (+ the count just taken)


def test_a_worker_past_its_deadline_is_replaced_and_its_other_items_redone():
    # time.sleep(x) sleeps x seconds: 30 is "forever" here, the rest are quick
    items = [0, 0.01, 30, 0.01, 0, 0.02, 0, 0]
    results = list(supervised_map(time.sleep, iter(items), jobs=2, seconds=0.3, lost=_lost, chunk=4))
    assert results == [None, None, "timeout:30", None, None, None, None, None]


def test_a_function_that_does_not_unpickle_in_the_worker_is_a_worker_error():
    with pytest.raises(WorkerError, match="before it could start"):
        list(supervised_map(_Local().method, iter([1]), jobs=1, seconds=5, lost=_lost))


class _Local:
    """Defined in the test module: pickles by reference, which a worker can resolve, so break it."""

    def method(self, item: object) -> object:
        return item

    def __reduce__(self):
        return (_unimportable, ())


def _unimportable():
    raise ImportError("not here")


def test_a_worker_that_does_not_start_in_time_is_a_worker_error(monkeypatch):
    from govreport.batch import workers

    monkeypatch.setattr(workers, "STARTUP_SECONDS", 0.0)  # no spawn is that quick
    with pytest.raises(WorkerError, match="did not start within"):
        list(supervised_map(abs, iter([1, 2]), jobs=1, seconds=5, lost=_lost))


_prepared: list[list[object]] = []  # in each worker process: the chunks it prepared


def _remember_chunk(chunk: list[object]) -> None:
    _prepared.append(list(chunk))


def _chunk_of(item: object) -> tuple[object, list[object]]:
    """The item and the last chunk its worker prepared (which must hold it)."""
    return item, _prepared[-1]


def test_each_chunk_is_prepared_before_its_items_and_sized_by_weight():
    items = list(range(40))
    results = list(
        supervised_map(
            _chunk_of,
            iter(items),
            jobs=2,
            seconds=30,
            lost=_lost,
            chunk=2,
            prepare=_remember_chunk,
            weight=_quarter,
        )
    )
    assert [item for item, _ in results] == items
    assert all(item in chunk for item, chunk in results)
    assert {len(chunk) for _, chunk in results} == {8}  # 8 items of weight 0.25 fill a chunk of 2


def _quarter(item: object) -> float:
    return 0.25


def _fail_to_prepare(chunk: list[object]) -> None:
    raise RuntimeError("no shortcut today")


def test_a_failing_prepare_is_only_a_missed_shortcut():
    results = supervised_map(
        abs, iter([-1, -2, -3]), jobs=1, seconds=30, lost=_lost, prepare=_fail_to_prepare
    )
    assert list(results) == [1, 2, 3]


def _slow_prepare(chunk: list[object]) -> None:
    time.sleep(1.0)


def test_preparing_does_not_count_against_an_items_time_limit():
    # Preparing takes 1 s, over each item's 0.3 s but within its own limit of 0.3 s * (4 + 1).
    results = supervised_map(
        abs, iter([-1, -2, -3, -4]), jobs=1, seconds=0.3, lost=_lost, prepare=_slow_prepare
    )
    assert list(results) == [1, 2, 3, 4]


def _hang_on_one(chunk: list[object]) -> None:
    if 1 in chunk:
        time.sleep(30)


def test_a_prepare_that_hangs_costs_no_item_they_are_redone_one_by_one_unprepared():
    results = supervised_map(
        abs, iter([1, 2, 3]), jobs=1, seconds=0.2, lost=_lost, chunk=4, prepare=_hang_on_one
    )
    assert list(results) == [1, 2, 3]


def _die_preparing_three(chunk: list[object]) -> None:
    if 3 in chunk:  # a conversion that crashes on one file of the chunk
        os._exit(70)


def _die_on_five(item: int) -> int:
    if item == 5:
        os._exit(71)
    return -item


def test_a_worker_dying_while_preparing_blames_no_item_of_the_chunk():
    # The culprit is last in its chunk: before, each retry of the chunk blamed its first item.
    results = supervised_map(
        _die_on_five,
        iter([1, 2, 3, 4, 5, 6]),
        jobs=2,
        seconds=30,
        lost=_lost,
        chunk=4,
        prepare=_die_preparing_three,
    )
    assert list(results) == [-1, -2, -3, -4, "crashed:5", -6]


def _exit_mark(path: str) -> str:
    """Leave a mark when this worker process exits normally (its clean-up runs)."""
    import atexit
    from pathlib import Path

    atexit.register(Path(path).touch)
    return path


def test_idle_workers_leave_normally_so_their_clean_up_runs(tmp_path):
    marks = [str(tmp_path / f"{i}.exited") for i in range(6)]
    results = list(supervised_map(_exit_mark, iter(marks), jobs=2, seconds=30, lost=_lost, chunk=1))
    assert results == marks
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{i}.exited" for i in range(6))


def _terminated_on(item: object) -> object:
    if item == "term":  # an outsider's SIGTERM (an OOM guard, an admin) while the worker is busy
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)
    return item


def test_a_sigterm_to_a_busy_worker_loses_its_item_not_the_run():
    items = ["a", "term", "b", "c", "d"]
    results = list(supervised_map(_terminated_on, iter(items), jobs=2, seconds=30, lost=_lost, chunk=1))
    assert results[0] == "a" and results[2:] == ["b", "c", "d"]
    assert results[1].startswith("crashed")


def _gc_threshold(item: object) -> tuple[int, int, int]:
    return gc.get_threshold()


def test_workers_collect_garbage_less_often_and_the_caller_keeps_its_setting():
    before = gc.get_threshold()
    results = list(supervised_map(_gc_threshold, iter([1, 2]), jobs=2, seconds=30, lost=_lost, chunk=1))
    assert [r[0] for r in results] == [FIRST_GENERATION, FIRST_GENERATION]
    assert gc.get_threshold() == before


def test_collecting_less_often_changes_only_the_first_threshold():
    before = gc.get_threshold()
    gc.set_threshold(700, 7, 9)
    try:
        collect_less_often()
        assert gc.get_threshold() == (FIRST_GENERATION, 7, 9)
    finally:
        gc.set_threshold(*before)
