"""The supervised pool: input order, a bounded window over an endless stream, deadlines, deaths."""

from __future__ import annotations

import itertools
import operator
import time

import pytest

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
