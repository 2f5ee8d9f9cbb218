"""The rule model: a rule's metadata, stated once, and the one factory that turns it into findings.

Every rule (hard, heuristic, reading, label and corpus) is a :class:`Rule`. Its severity,
origin, title and formula live on the rule; code that reports a violation passes the rule,
the message, the numbers and the cells, never the metadata again, so a finding cannot
disagree with its rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Generic, TypeVar

from attrs import frozen

from govreport.model.confidence import failure_origin
from govreport.model.document import Location
from govreport.model.findings import CellRef, Finding, Number, Origin, Severity
from govreport.model.messages import Phrase
from govreport.model.report import Report
from govreport.model.tables import Cell

CheckT = TypeVar("CheckT", covariant=True)
"""What a rule's check is: a function of the report, or of the corpus index for corpus rules."""

Check = Callable[[Report], Iterable[Finding]]
"""The check of a single-report rule: it looks at the assembled report and yields findings."""


class RuleKind(str, Enum):
    """Where a rule comes from and what it looks at."""

    HARD = "hard"
    """The form's printed arithmetic and value types: a violation is an error in the report."""
    HEURISTIC = "heuristic"
    """A check a correct report should pass: dates, text against tables, version against year."""
    READING = "reading"
    """A doubt about govreport's own reading of a table or of the text."""
    LABEL = "label"
    """A label printed in a variant wording and read as the official one."""
    CORPUS = "corpus"
    """A check that links several reports (same organ over the years, a region and its units)."""


@frozen(kw_only=True)
class Rule(Generic[CheckT]):
    """A rule: stable id, what it checks, how serious a violation is, and optionally its check.

    Rules without a ``check`` are reported while the tables are read; they are registered
    all the same, so every id a finding can carry is documented and can be switched off.
    """

    id: str
    kind: RuleKind
    severity: Severity
    origin: Origin
    title: str
    description: str
    formula: str = ""
    """The condition every finding of the rule checks, when it is the same for all of them;
    findings that check an instance of the rule (one equation, one row) state their own."""
    serious: Severity | None = None
    """The severity of findings the emitter marks serious (S8: many empty cells), when the
    rule grades its findings; ``None`` when every finding has :attr:`severity`."""
    check: CheckT | None = None

    @property
    def severities(self) -> frozenset[Severity]:
        """Every severity a finding of this rule can have."""
        return frozenset({self.severity} | ({self.serious} if self.serious else set()))

    def severity_of(self, *, serious: bool) -> Severity:
        """The severity of one finding, graded serious or not."""
        if not serious:
            return self.severity
        if self.serious is None:
            raise ValueError(f"rule {self.id} does not grade its findings as serious")
        return self.serious


def cell_ref(cell: Cell) -> CellRef:
    """The reference a finding keeps to a typed cell."""
    return CellRef(table=cell.table, row=cell.row, column=cell.column, location=cell.location)


def finding(
    rule: Rule[object],
    message: Phrase | str,
    *,
    formula: str = "",
    left: Number | None = None,
    right: Number | None = None,
    cells: Iterable[Cell | CellRef] = (),
    location: Location | None = None,
    serious: bool = False,
) -> Finding:
    """A finding of ``rule``: severity, origin and (by default) formula come from the rule.

    One exception to the rule's origin: a ``source`` rule failing on OCR'd cells read
    without high confidence is a ``reading`` finding (:func:`~govreport.model.confidence.failure_origin`).

    ``message`` is a catalogue entry (:mod:`govreport.messages`) with its parameters bound,
    rendered in the language of the parse in progress; a plugin's rule may pass a plain
    string instead, shown as it is in every language. ``location`` defaults to the
    first cell's. ``difference`` is ``left - right`` when both are given.
    """
    refs = tuple(c if isinstance(c, CellRef) else cell_ref(c) for c in cells)
    return Finding(
        rule=rule.id,
        severity=rule.severity_of(serious=serious),
        origin=failure_origin(rule.origin, refs),
        message=message if isinstance(message, str) else message.render(),
        formula=formula or rule.formula,
        left=left,
        right=right,
        difference=left - right if left is not None and right is not None else None,
        cells=refs,
        location=location or (refs[0].location if refs else None),
    )
