"""The ``narrative`` export table: one row per count a report states in its sentences."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.batch import DocumentResult
from govreport.export.spec import (
    DOCUMENT_COLUMNS,
    LOCATION_COLUMNS,
    Column,
    D,
    ExportTable,
    N,
    Row,
    S,
    count,
    document_fields,
    exact,
    location_fields,
    yuan,
)
from govreport.model.tables import MONEY_UNITS


def _narrative_rows(result: DocumentResult) -> Iterator[Row]:
    report = result.report
    if report is None:
        return
    document = document_fields(result, report)
    for stat in report.narrative:
        money = stat.unit in MONEY_UNITS
        yield {
            **document,
            "key": stat.key,
            "label": stat.label or None,
            "part": int(stat.part),
            "value": exact(stat.value),
            "count": None if money else count(stat.value),
            "value_yuan": yuan(stat.value, stat.unit),
            "unit": stat.unit,
            "approximate": int(stat.approximate),
            "written": stat.written.value,
            "raw": stat.raw,
            **location_fields(stat.location),
        }


NARRATIVE = ExportTable(
    name="narrative",
    description="One row per count or amount a report states inside a sentence (the pre-2019 style, "
    "and the prose of newer reports).",
    columns=(
        *DOCUMENT_COLUMNS,
        Column("key", S, "Canonical narrative key, e.g. active.total (see Narrative counts)."),
        Column("label", S, "The report's own wording, for open-ended keys and parts; null otherwise."),
        Column("part", N, "1 when the count is a part of a whole stated under the same key, else 0."),
        Column("value", S, "The exact value as text."),
        Column("count", N, "The value as an integer, when it is not money."),
        Column("value_yuan", D, "A money value in 元 (万元 ×10,000), exact; null otherwise."),
        Column("unit", S, "The unit as printed: 条, 件, 万元..."),
        Column("approximate", N, "1 when the text says the count is approximate (余, 多, 约...), else 0."),
        Column("written", S, "How the number is written: digits, chinese or negation."),
        Column("raw", S, "The words the count was read from."),
        *LOCATION_COLUMNS,
    ),
    rows=_narrative_rows,
)
