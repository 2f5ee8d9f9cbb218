"""A supervised pool of worker processes: results in input order, and a deadline per item.

:func:`supervised_map` applies a picklable function to a stream of items in ``jobs``
spawned processes. Unlike :class:`concurrent.futures.ProcessPoolExecutor`, it can stop
one worker: each worker has its own pipe and works through the items sent to it in
order, so the main process knows which item each worker is on and since when. A
worker still on one item after its deadline is killed and replaced, and the item gets
the result of ``lost`` (a timeout); a worker that dies (a crash in native code, the
kernel's out-of-memory killer) is replaced the same way. The items it had not started
go to its replacement.

The rest matches a process pool fed a bounded window: items are taken from the stream
only as results are consumed (at most ``jobs * window_per_job * chunk`` ahead of the
consumer, counted in item weights), so an endless stream works and memory stays flat;
workers ignore Ctrl-C (the main process stops them) and leave on their own when the
main process dies. A worker being stopped is asked to leave (``SIGTERM`` if it is busy)
before it is killed, so that its clean-up runs (a conversion's process group, profiles).

A worker may ``prepare`` each chunk before its items (convert its DOC files in one run,
say). While it does, no item's clock runs: preparing has a limit of its own, ``seconds``
per item of the chunk plus one. A worker that dies or runs out of time while preparing
costs no item: the chunk's items are done again one at a time, unprepared, so an item
that stops a worker again is the one that gets the blame.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import multiprocessing.context
import select
import time
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar, cast

from attrs import frozen

from govreport.batch.worker_side import PREPARED, READY, TERM_GRACE, Chunk, Preparing, Raised, worker_main
from govreport.errors import WorkerError

I = TypeVar("I")  # noqa: E741 - an item, as in map(function, items)
T = TypeVar("T")

KILL_GRACE = 1.0
"""Seconds past its deadline a worker is given before it is killed: a function that checks
the time itself (govreport's readers do) reports the timeout first, with more detail."""

STARTUP_SECONDS = 120.0
"""How long a new worker may take to start (spawn, imports, unpickling the function)."""

STOP_GRACE = 5.0
"""Seconds an idle worker asked to leave is given to exit before it is killed."""

# The main process waits once or more per result. multiprocessing's ``wait`` and
# ``Connection.poll`` build a selector each call (tens of microseconds, on the cores the
# workers use); a poll(2) object costs one system call. Platforms without poll keep them.
_POLL = getattr(select, "poll", None)


def _message_waiting(connection: Connection) -> Callable[[], bool]:
    """A test for a message (or the end) waiting on ``connection``, cheap to call often."""
    if _POLL is None:  # pragma: no cover - Windows
        return connection.poll
    poller = _POLL()
    poller.register(connection.fileno(), select.POLLIN)
    return lambda: bool(poller.poll(0))


def _wait_any(handles: list[Connection | int], timeout: float | None) -> list[Connection | int]:
    """The connections in ``handles`` that can be read and the sentinels that are set.

    Returns when one is, or when ``timeout`` seconds pass (then nothing).
    """
    if _POLL is None:  # pragma: no cover - Windows
        return cast(list[Connection | int], wait(handles, timeout))
    poller = _POLL()
    by_descriptor: dict[int, Connection | int] = {}
    for handle in handles:
        descriptor = handle if isinstance(handle, int) else handle.fileno()
        by_descriptor[descriptor] = handle
        poller.register(descriptor, select.POLLIN)
    events = poller.poll(None if timeout is None else math.ceil(timeout * 1000))  # in ms, never early
    return [by_descriptor[descriptor] for descriptor, _ in events]


@frozen(kw_only=True)
class Lost:
    """Why an item has no result of its own: its worker ran past the deadline or died."""

    kind: str
    """``timeout`` or ``crashed``."""
    message: str
    seconds: float
    """How long the worker had been on the item."""


class _Worker:
    """One worker process, the items sent to it and not yet answered, and since when it is on the first."""

    def __init__(
        self,
        context: multiprocessing.context.SpawnContext,
        function: Callable[[Any], object],
        prepare: Callable[[list[Any]], object] | None,
    ) -> None:
        self.connection, child = context.Pipe(duplex=True)
        self.message_waiting = _message_waiting(self.connection)
        self.process: BaseProcess = context.Process(
            target=worker_main, args=(child, function, prepare), name="govreport-worker", daemon=True
        )
        self.process.start()
        child.close()
        self.started_at = time.monotonic()
        self.ready_at: float | None = None
        self.answered_at = 0.0
        self.preparing: tuple[float, int] | None = None  # since when, how many items
        self.assigned: deque[tuple[int, object, float]] = deque()  # index, item, sent at

    def send(self, chunk: list[tuple[int, object]], *, prepare: bool = True) -> None:
        now = time.monotonic()
        self.assigned.extend((index, item, now) for index, item in chunk)
        self.connection.send(Chunk(chunk, prepare))

    def current_since(self) -> float | None:
        """When the worker started its current item, as the main process saw it (never earlier)."""
        if self.ready_at is None or not self.assigned or self.preparing is not None:
            return None
        return max(self.ready_at, self.answered_at, self.assigned[0][2])

    def ask_to_leave(self) -> float:
        """Ask the worker to exit on its own, so that its clean-up runs; returns the seconds it is given."""
        if not self.process.is_alive():
            return 0.0
        if self.ready_at is not None and not self.assigned:  # idle: it leaves when told
            with contextlib.suppress(OSError):
                self.connection.send(None)
            return STOP_GRACE
        self.process.terminate()  # busy: SIGTERM unwinds what it runs
        return TERM_GRACE

    def stop(self, deadline: float | None = None) -> None:
        """Stop the worker: asked to leave first, then killed if still there at ``deadline``."""
        if deadline is None:
            deadline = time.monotonic() + self.ask_to_leave()
        self.process.join(max(deadline - time.monotonic(), 0.0))
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


class _Pool(Generic[I, T]):
    def __init__(
        self,
        function: Callable[[I], T],
        jobs: int,
        seconds: float,
        lost: Callable[[I, Lost], T],
        chunk: int,
        window: int,
        prepare: Callable[[list[I]], object] | None = None,
        weight: Callable[[I], float] | None = None,
    ) -> None:
        self.function = function
        self.prepare = prepare
        self.weight = weight
        self.weights: dict[int, float] = {}  # items taken and not yet yielded, other than 1
        self.ahead = 0.0  # their weights added up
        self.jobs = jobs
        self.seconds = seconds
        self.lost = lost
        self.chunk = chunk
        self.window = window
        self.context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
        self.workers: list[_Worker] = []
        self.retry: deque[tuple[int, object]] = deque()  # items a stopped worker had not started
        self.unprepared: deque[tuple[int, object]] = deque()  # items of a chunk a worker died preparing
        self.done: dict[int, T | Raised] = {}

    def run(self, items: Iterator[I]) -> Iterator[T]:
        numbered = enumerate(items)
        taken = 0  # items taken from the stream
        consumed = 0  # results yielded
        exhausted = False
        while True:
            # Fed again after every result: what the consumer took frees room in the window.
            exhausted, taken = self._feed(numbered, exhausted, taken, consumed)
            if consumed in self.done:
                outcome = self.done.pop(consumed)
                self.ahead -= self.weights.pop(consumed, 1.0)
                consumed += 1
                if isinstance(outcome, Raised):
                    raise outcome.error
                yield outcome
            elif exhausted and consumed == taken:
                return
            else:
                self._wait()

    def _feed(
        self, numbered: Iterator[tuple[int, I]], exhausted: bool, taken: int, consumed: int
    ) -> tuple[bool, int]:
        """Send chunks to workers with room (one chunk queued behind the current one), within the window."""
        while True:
            worker = self._worker_with_room()
            if worker is None and len(self.workers) >= self.jobs:
                return exhausted, taken
            chunk: list[tuple[int, object]] = []
            if self.unprepared:
                # Alone and not prepared: if one of them stops a worker again, it is to blame.
                chunk.append(self.unprepared.popleft())
                worker = worker or self._start_worker()
                worker.send(chunk, prepare=False)
                continue
            filled = 0.0
            while self.retry and filled < self.chunk:
                chunk.append(self.retry.popleft())
                filled += self.weights.get(chunk[-1][0], 1.0)
            while not exhausted and filled < self.chunk and self.ahead < self.window:
                try:
                    index, item = next(numbered)
                except StopIteration:
                    exhausted = True
                    break
                taken += 1
                weight = self.weight(item) if self.weight is not None else 1.0
                if weight != 1.0:
                    self.weights[index] = weight
                self.ahead += weight
                filled += weight
                chunk.append((index, item))
            if not chunk:
                return exhausted, taken
            worker = worker or self._start_worker()
            worker.send(chunk)

    def _start_worker(self) -> _Worker:
        worker = _Worker(self.context, self.function, self.prepare)
        self.workers.append(worker)
        return worker

    def _worker_with_room(self) -> _Worker | None:
        """The least busy worker with room for a chunk; ``None`` if none (a new one may be started)."""
        if self.weights:
            load = {w: sum(self.weights.get(i, 1.0) for i, _, _ in w.assigned) for w in self.workers}
        else:  # every item weighs 1 (no DOC file among them): the count is the load
            load = {w: float(len(w.assigned)) for w in self.workers}
        idle = [w for w in self.workers if load[w] <= self.chunk]
        return min(idle, key=load.__getitem__) if idle else None

    def _wait(self) -> None:
        """Wait for a message, a worker's death or the nearest deadline, then handle what happened."""
        deadlines = [since + self.seconds + KILL_GRACE for w in self.workers if (since := w.current_since())]
        deadlines += [w.started_at + STARTUP_SECONDS for w in self.workers if w.ready_at is None]
        deadlines += [self._prepare_deadline(w) for w in self.workers if w.preparing is not None]
        timeout = max(min(deadlines) - time.monotonic(), 0.0) if deadlines else None
        handles: list[Connection | int] = [w.connection for w in self.workers]
        handles += [w.process.sentinel for w in self.workers]
        ready = _wait_any(handles, timeout)
        for worker in list(self.workers):
            if worker.connection in ready:
                self._receive(worker)
        now = time.monotonic()
        for worker in list(self.workers):
            since = worker.current_since()
            # A sentinel is set for good when its process ends: a death is never missed.
            if worker.process.sentinel in ready and not worker.process.is_alive():
                self._receive(worker)  # all it sent before it ended is in the pipe by now
                self._replace(worker, "crashed", now)
            elif self._past_deadline(worker, since, now):
                self._replace(worker, "timeout", now)
            elif worker.ready_at is None and now - worker.started_at > STARTUP_SECONDS:
                self._replace(worker, "timeout", now)  # raises: it never started

    def _receive(self, worker: _Worker) -> None:
        try:
            while worker.message_waiting():
                message = worker.connection.recv()
                now = time.monotonic()
                if message == READY:
                    worker.ready_at = now
                    continue
                if isinstance(message, Preparing):
                    worker.preparing = (now, message.count)
                    continue
                if message == PREPARED:
                    worker.preparing = None
                    worker.answered_at = now  # the chunk's first item starts now
                    continue
                index, outcome = message
                worker.assigned.popleft()
                worker.answered_at = now
                self.done[index] = outcome
        except (EOFError, OSError):  # it died; the liveness check that follows handles it
            pass

    def _past_deadline(self, worker: _Worker, since: float | None, now: float) -> bool:
        if worker.preparing is not None:
            return now > self._prepare_deadline(worker)
        return since is not None and now - since > self.seconds + KILL_GRACE

    def _prepare_deadline(self, worker: _Worker) -> float:
        since, count = worker.preparing or (0.0, 0)
        return since + self.seconds * (count + 1) + KILL_GRACE

    def _replace(self, worker: _Worker, kind: str, now: float) -> None:
        """Stop ``worker``; its current item is lost, the items it had not started are sent again."""
        since = worker.current_since() or (worker.preparing[0] if worker.preparing else None)
        worker.stop()
        self.workers.remove(worker)
        if worker.ready_at is None:
            if kind == "timeout":
                raise WorkerError(f"a worker process did not start within {STARTUP_SECONDS:g} s")
            code = worker.process.exitcode
            raise WorkerError(f"a worker process exited with code {code} before it could start")
        if not worker.assigned:
            return
        if worker.preparing is not None:
            # Preparing is done for the chunk as a whole: no one item of it is to blame.
            count = worker.preparing[1]
            assigned = [(i, it) for i, it, _ in worker.assigned]
            self.unprepared.extend(assigned[:count])
            self.retry.extendleft(reversed(assigned[count:]))
            return
        (index, item, _), *rest = worker.assigned
        self.retry.extendleft(reversed([(i, it) for i, it, _ in rest]))
        elapsed = now - (since if since is not None else now)
        if kind == "timeout":
            message = f"no result after {elapsed:.1f} s (limit {self.seconds:g} s): the worker was stopped"
        else:
            message = f"the worker process died (exit code {worker.process.exitcode}) while on it"
        self.done[index] = self.lost(cast(I, item), Lost(kind=kind, message=message, seconds=elapsed))

    def stop(self) -> None:
        deadline = time.monotonic() + max((w.ask_to_leave() for w in self.workers), default=0.0)
        for worker in self.workers:
            worker.stop(deadline)
        self.workers = []


def supervised_map(
    function: Callable[[I], T],
    items: Iterator[I],
    *,
    jobs: int,
    seconds: float,
    lost: Callable[[I, Lost], T],
    chunk: int = 8,
    window_per_job: int = 4,
    prepare: Callable[[list[I]], object] | None = None,
    weight: Callable[[I], float] | None = None,
) -> Iterator[T]:
    """``function(item)`` for each item, computed in ``jobs`` worker processes, yielded in input order.

    Args:
        function: A picklable function (it is sent once to each worker).
        items: The items, taken lazily; each must pickle.
        jobs: Worker processes.
        seconds: How long one item may take; a worker past ``seconds + KILL_GRACE`` on
            one item is killed and replaced.
        lost: Makes the result of an item whose worker was stopped or died (called in
            this process).
        chunk: Items sent to a worker at once (their weights add up to this).
        window_per_job: Chunks per worker that may be taken ahead of the consumer.
        prepare: A picklable function a worker calls with each chunk's items before
            doing them; what it raises (an ``Exception``) is ignored.
        weight: What an item counts in ``chunk`` and the window (called in this
            process); 1 for every item if not given.

    Raises:
        WorkerError: a worker process died before it could start.
        BaseException: whatever ``function`` let out in a worker (``MemoryError``...),
            when its item's turn comes.
    """
    pool: _Pool[I, T] = _Pool(
        function, jobs, seconds, lost, chunk, jobs * window_per_job * chunk, prepare=prepare, weight=weight
    )
    try:
        yield from pool.run(items)
    finally:
        pool.stop()
