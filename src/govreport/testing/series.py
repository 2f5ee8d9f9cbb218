"""Synthetic report series: one organ over several years, consistent across years.

The cross-year rules (S1, S2, S3) need pairs of years that agree; these helpers derive
year N+1 from year N so that every carried value matches, while each year on its own
still satisfies the hard rules. Tests perturb one carried cell to make a rule fire.
"""

from __future__ import annotations

import random

from govreport.model.tables import Layout, TableCellKey
from govreport.tables.layouts import (
    ACTIVE,
    APPLICANT_SUM_COLUMNS,
    APPLICATIONS,
    application_rows,
)
from govreport.testing.synthetic import Value, random_values

_ITEM_ROWS = ("licensing", "other_services", "penalty", "enforcement", "fees")


def _int(values: dict[TableCellKey, Value], key: TableCellKey) -> int:
    value = values[key]
    if not isinstance(value, int):
        raise ValueError(f"{key} holds {value!r}, not a count")
    return value


def next_year_values(
    rng: random.Random, previous: dict[TableCellKey, Value], previous_layout: Layout, layout: Layout
) -> dict[TableCellKey, Value]:
    """Random values for the year after ``previous`` that carry every cross-year value over.

    S1: each column's 上年结转 equals last year's 结转下年度. S2 (both v2021): 现行有效件数
    follows from last year's stock, this year's issues and repeals. S3 (both v2019):
    上一年项目数量 equals last year's count plus last year's change. H1-H7 and S4 still hold.
    """
    values = random_values(rng, layout)
    for column in APPLICANT_SUM_COLUMNS:
        carried = _int(previous, (APPLICATIONS, "carried_forward", column))
        processed = _int(values, (APPLICATIONS, "total_processed", column))
        forward = max(_int(values, (APPLICATIONS, "carried_forward", column)), carried - processed)
        values[(APPLICATIONS, "carried_over", column)] = carried
        values[(APPLICATIONS, "carried_forward", column)] = forward
        values[(APPLICATIONS, "new_received", column)] = processed + forward - carried
    for app_row in application_rows(layout):
        key = app_row.spec.key
        values[(APPLICATIONS, key, "total")] = sum(
            _int(values, (APPLICATIONS, key, c)) for c in APPLICANT_SUM_COLUMNS
        )
    if previous_layout == layout == Layout.V2021:
        for row in ("regulations", "normative_documents"):
            stock = _int(previous, (ACTIVE, row, "in_force"))
            issued = _int(values, (ACTIVE, row, "issued"))
            repealed = min(_int(values, (ACTIVE, row, "repealed")), stock + issued)
            values[(ACTIVE, row, "repealed")] = repealed
            values[(ACTIVE, row, "in_force")] = stock + issued - repealed
    if previous_layout == layout == Layout.V2019:
        for row in _ITEM_ROWS:
            items = _int(previous, (ACTIVE, row, "items_prev_year")) + _int(
                previous, (ACTIVE, row, "items_change")
            )
            values[(ACTIVE, row, "items_prev_year")] = items
            values[(ACTIVE, row, "items_change")] = max(_int(values, (ACTIVE, row, "items_change")), -items)
    return values


def year_series(rng: random.Random, years: range) -> list[tuple[int, Layout, dict[TableCellKey, Value]]]:
    """Consistent ``(year, layout, values)`` for consecutive ``years`` of one organ."""
    out: list[tuple[int, Layout, dict[TableCellKey, Value]]] = []
    for year in years:
        layout = Layout.for_year(year)
        if not out:
            values = random_values(rng, layout)
        else:
            _, previous_layout, previous = out[-1]
            values = next_year_values(rng, previous, previous_layout, layout)
        out.append((year, layout, values))
    return out


__all__ = ["next_year_values", "year_series"]
