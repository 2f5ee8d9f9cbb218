"""Cells named as the official form prints them (表三 （三）不予公开 1.属于国家秘密 · 自然人).

The check report speaks to disclosure offices, so a cell is never shown by its canonical
key. The labels come from :mod:`govreport.tables.layouts`, the one place rows and columns
are named.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from govreport.messages.names import TABLE_KEYS, table_name
from govreport.model.messages import Lang
from govreport.model.tables import Layout
from govreport.tables.layouts import (
    ACTIVE,
    APPLICANT_COLUMNS,
    APPLICATIONS,
    FORM_LAYOUTS,
    GROUP_LABELS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    REVIEW_LITIGATION,
    STATISTICS,
    TABLE_NAMES,
    active_blocks,
    application_rows,
)
from govreport.tables.statistics_form import STATISTICS_COLUMNS, STATISTICS_ROWS


@cache
def _labels(table: str, layout: Layout) -> dict[tuple[str, str], str]:
    """``(row, column) -> label`` of every cell of one table in one layout."""
    if table == ACTIVE:
        return {
            (row.key, column.key): f"第二十条第（{block.clause}）项 {row.label} · {column.label}"
            for block in active_blocks(layout)
            for row in block.rows
            for column in block.columns
        }
    if table == APPLICATIONS:
        return {
            (row.spec.key, column.key): (
                f"{GROUP_LABELS[row.group]} {row.spec.label}" if row.group else row.spec.label
            )
            + f" · {column.label}"
            for row in application_rows(layout)
            for column in APPLICANT_COLUMNS
        }
    if table == REVIEW_LITIGATION:
        return {(g.key, c.key): f"{g.label} · {c.label}" for g in REVIEW_GROUPS for c in REVIEW_COLUMNS}
    return {(r.key, c.key): f"{r.label} · {c.label}" for r in STATISTICS_ROWS for c in STATISTICS_COLUMNS}


@cache
def _layouts(table: str, layout: str | None) -> tuple[Layout, ...]:
    """The layouts to look a label up in: the table's own first, then the other (hybrid rows)."""
    if table == STATISTICS:
        return (Layout.V2008,)
    own = tuple(x for x in FORM_LAYOUTS if x.value == layout)
    return (*own, *(x for x in FORM_LAYOUTS if x.value != layout))


@cache
def cell_label(table: str, row: str, column: str, layout: str | None = None) -> str:
    """The printed name of one cell, with its table (表三 二、上年结转政府信息公开申请数量 · 自然人).

    A table no layout knows (one added by a plugin) is named by its keys: there is no
    printed label to show.
    """
    if table not in TABLE_NAMES:
        return f"{table} {row} · {column}"
    for candidate in _layouts(table, layout):
        label = _labels(table, candidate).get((row, column))
        if label is not None:
            return f"{TABLE_NAMES[table]} {label}"
    return f"{TABLE_NAMES[table]} {row} · {column}"


def cell_name(table: str, row: str, column: str, layout: str | None, lang: Lang) -> str:
    """One cell as the check outputs name it: printed labels in Chinese, keys in English (table 3 total/…)."""
    if lang == "zh":
        return cell_label(table, row, column, layout)
    name = table_name(table).render(lang) if table in TABLE_KEYS else table
    return f"{name} {row}/{column}"


_KEY = r"[a-z][a-z_]*(?:\.[a-z_]+)?"
_CELL_KEY = re.compile(rf"(?<![A-Za-z_./])({_KEY})/({_KEY})(?![A-Za-z_./])")
_BRACKETED_KEY = re.compile(rf"\[({_KEY})\]")


@cache
def _names(table: str, layout: Layout) -> dict[str, str]:
    """Row and column keys of one table to their printed labels (without the merged group label)."""
    if table == ACTIVE:
        blocks = active_blocks(layout)
        return {r.key: r.label for b in blocks for r in b.rows} | {
            c.key: c.label for b in blocks for c in b.columns
        }
    if table == APPLICATIONS:
        return {r.spec.key: r.spec.label for r in application_rows(layout)} | {
            c.key: c.label for c in APPLICANT_COLUMNS
        }
    if table == REVIEW_LITIGATION:
        return {g.key: g.label for g in REVIEW_GROUPS} | {c.key: c.label for c in REVIEW_COLUMNS}
    return {r.key: r.label for r in STATISTICS_ROWS} | {c.key: c.label for c in STATISTICS_COLUMNS}


def printed_text(text: str, layouts: Mapping[str, str]) -> str:
    """``text`` with the keys it names (``carried_over/natural_person``, ``[total]``) printed as labels.

    Finding messages and formulas name cells by key for machines; the page shows them to
    people. ``layouts`` maps each table of the report to its layout, and the keys are looked
    up in those tables; a key no table knows stays as it is.
    """
    known = {table: layout for table, layout in layouts.items() if table in TABLE_NAMES}

    def cell(match: re.Match[str]) -> str:
        row, column = match.groups()
        for table, layout in known.items():
            for candidate in _layouts(table, layout):
                label = _labels(table, candidate).get((row, column))
                if label is not None:
                    return label
        return match.group(0)

    def name(match: re.Match[str]) -> str:
        for table, layout in known.items():
            for candidate in _layouts(table, layout):
                label = _names(table, candidate).get(match.group(1))
                if label is not None:
                    return f"[{label}]"
        return match.group(0)

    return _BRACKETED_KEY.sub(name, _CELL_KEY.sub(cell, text))
