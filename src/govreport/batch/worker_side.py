"""What runs inside a worker process of :mod:`govreport.batch.workers`: the loop serving chunks.

The worker answers each item of a chunk in order over its pipe. Ctrl-C is the main
process's to handle; SIGTERM (the main process stopping a busy worker, or the worker
noticing its parent died) unwinds what runs, so clean-up such as a LibreOffice
conversion's process group and temporary files happens, then the worker exits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import NamedTuple

from attrs import frozen

from govreport.batch.garbage import collect_less_often

READY = "ready"  # a worker's first message: from now on its deadlines run
PREPARED = "prepared"  # a chunk is prepared: its first item's clock starts now
TERM_GRACE = 2.0
"""Seconds a busy worker being stopped is given, after ``SIGTERM``, to unwind (a LibreOffice
conversion kills its process group, temporary files are removed, exit handlers run)."""


@frozen
class Preparing:
    """A worker is preparing a chunk of ``count`` items."""

    count: int


class Chunk(NamedTuple):
    """Items sent to a worker at once, and whether it prepares them first."""

    items: list[tuple[int, object]]
    prepare: bool = True


@frozen
class Raised:
    """An exception the function let out in a worker (``MemoryError``...), raised again in order."""

    error: BaseException


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)  # unwind and clean up, as when stopped
    time.sleep(TERM_GRACE)
    os._exit(1)


class _Stopped(BaseException):
    """SIGTERM in a worker: unwinds what runs (finally blocks, context managers), then it exits.

    Never an item's result: the main process records the item as lost, as for a worker that dies.
    """


def _leave(signum: int, frame: object) -> None:
    raise _Stopped


def worker_main(
    connection: Connection,
    function: Callable[[object], object],
    prepare: Callable[[list[object]], object] | None,
) -> None:
    """A worker process's body: serve chunks from ``connection`` until told to leave."""
    # Ctrl-C is the main process's to handle: it stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)
    # A main process killed outright (kill -9) cannot stop its workers: leave on our own.
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    collect_less_often()  # this process is govreport's: it only parses
    try:
        _serve(connection, function, prepare)
    except _Stopped:
        raise SystemExit(1) from None


def _serve(
    connection: Connection,
    function: Callable[[object], object],
    prepare: Callable[[list[object]], object] | None,
) -> None:
    connection.send(READY)
    while True:
        try:
            chunk = connection.recv()
        except EOFError:
            return
        if chunk is None:
            return
        if prepare is not None and chunk.prepare:
            connection.send(Preparing(len(chunk.items)))
            with contextlib.suppress(Exception):  # a shortcut only: the items are done without it
                prepare([item for _, item in chunk.items])
            connection.send(PREPARED)
        for index, item in chunk.items:
            try:
                outcome: object = function(item)
            except _Stopped:
                raise
            except BaseException as exc:  # sent back, raised again in the main process
                try:
                    connection.send((index, Raised(exc)))
                except Exception:  # the exception does not pickle: send what it said
                    connection.send((index, Raised(RuntimeError(f"{type(exc).__name__}: {exc}"))))
                return
            connection.send((index, outcome))
