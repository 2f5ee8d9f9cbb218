"""Table values that satisfy every printed rule: the truth a generated report is compared with."""

from __future__ import annotations

import random
from decimal import Decimal

from govreport.model.tables import CellKey, Layout, TableCellKey
from govreport.tables.layouts import (
    ACTIVE,
    APPLICANT_COLUMNS,
    APPLICANT_SUM_COLUMNS,
    APPLICATIONS,
    REVIEW_GROUPS,
    REVIEW_LITIGATION,
    REVIEW_PARTS,
    active_blocks,
    application_rows,
    outcome_rows,
)
from govreport.tables.specs import ValueKind

Value = int | Decimal | None  # None renders as a blank cell


def random_values(rng: random.Random, layout: Layout, *, scale: int = 40) -> dict[TableCellKey, Value]:
    """Values for tables 二, 三 and 四 that satisfy every hard rule (H1-H7) and S4."""
    values: dict[TableCellKey, Value] = {}
    for block in active_blocks(layout):
        for spec_row in block.rows:
            counts: dict[str, int] = {}
            for column in block.columns:
                if column.kind is ValueKind.MONEY:
                    values[(ACTIVE, spec_row.key, column.key)] = Decimal(rng.randint(0, 10**6)) / 10**4
                elif column.kind is ValueKind.SIGNED:
                    counts[column.key] = rng.randint(-5, 5)
                else:
                    counts[column.key] = rng.randint(0, scale)
            if "total_public" in counts:  # S4: cumulative total >= published this year
                counts["total_public"] = counts["published"] + rng.randint(0, scale)
            if "items_change" in counts:  # S4: the item count never drops below zero
                counts["items_change"] = max(counts["items_change"], -counts["items_prev_year"])
            values.update({(ACTIVE, spec_row.key, k): v for k, v in counts.items()})
    outcomes = outcome_rows(layout)
    applications: dict[CellKey, int] = {}
    for column_key in APPLICANT_SUM_COLUMNS:
        sparse = rng.random() < 0.5
        for row_key in outcomes:
            applications[(row_key, column_key)] = (
                0 if sparse and rng.random() < 0.7 else rng.randint(0, scale)
            )
        processed = sum(applications[(r, column_key)] for r in outcomes)
        forward = rng.randint(0, scale // 4)
        carried = rng.randint(0, min(processed + forward, scale))
        applications[("total_processed", column_key)] = processed
        applications[("carried_forward", column_key)] = forward
        applications[("carried_over", column_key)] = carried
        applications[("new_received", column_key)] = processed + forward - carried
    for app_row in application_rows(layout):
        key = app_row.spec.key
        applications[(key, "total")] = sum(applications[(key, c)] for c in APPLICANT_SUM_COLUMNS)
    values.update({(APPLICATIONS, r, c): v for (r, c), v in applications.items()})
    for group in REVIEW_GROUPS:
        parts = [rng.randint(0, 6) for _ in REVIEW_PARTS]
        for part, value in zip(REVIEW_PARTS, parts, strict=True):
            values[(REVIEW_LITIGATION, group.key, part)] = value
        values[(REVIEW_LITIGATION, group.key, "total")] = sum(parts)
    return values


def hybrid_other_values(values: dict[TableCellKey, Value]) -> dict[TableCellKey, Value]:
    """v2021 ``values`` as a hybrid report prints them: （六） as the single v2019 row ``other``.

    Its cells hold the sums of the three sub-rows, which the report then does not print.
    """
    sub_rows = [r.spec.key for r in application_rows(Layout.V2021) if r.group == "other"]
    result = {k: v for k, v in values.items() if not (k[0] == APPLICATIONS and k[1] in sub_rows)}
    for column in APPLICANT_COLUMNS:
        parts = [values[(APPLICATIONS, r, column.key)] for r in sub_rows]
        result[(APPLICATIONS, "other", column.key)] = sum(p for p in parts if p is not None)
    return result
