"""Parsers that misbehave on chosen documents, importable by worker processes (so they pickle)."""

from __future__ import annotations

import os
import time

import govreport
from govreport.limits import current_budget
from govreport.model.document import Document
from govreport.model.report import Report


class MisbehavingParser(govreport.Parser):
    """Parses normally, except a document whose file name contains a trigger word.

    - ``hang``: sleeps forever without looking at the clock (only killing its worker stops it);
    - ``spin``: loops, checking the time budget as govreport's readers do;
    - ``crash``: the process dies at once, as on a crash in native code;
    - ``memory``: raises ``MemoryError``.
    """

    def parse_document(self, document: Document) -> Report:
        name = os.path.basename(document.source.path or "")
        if "hang" in name:
            while True:
                time.sleep(0.05)
        if "spin" in name:
            budget = current_budget()
            while True:
                budget.check_time()
                time.sleep(0.01)
        if "crash" in name:
            os._exit(3)
        if "memory" in name:
            raise MemoryError("no memory left for this one")
        return super().parse_document(document)
