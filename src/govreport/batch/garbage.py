"""The garbage collector's first threshold in the processes govreport owns: its CLI and its workers.

A parse allocates many small objects that all live until the report is built, so Python's
default (a collection every 700 new objects) runs collections that find nothing to free:
about 14 % of a text report's parse time, 16 % of an HTML page's. The CLI and the batch worker
processes collect after :data:`FIRST_GENERATION` new objects instead; a program that calls
:func:`govreport.parse` itself keeps its own settings.
"""

from __future__ import annotations

import gc

FIRST_GENERATION = 50_000
"""New container objects between first-generation collections (Python's default is 700)."""


def collect_less_often() -> None:
    """Raise this process's first-generation threshold to :data:`FIRST_GENERATION`; keep the others."""
    _, second, third = gc.get_threshold()
    gc.set_threshold(FIRST_GENERATION, second, third)
