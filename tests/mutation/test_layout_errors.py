"""The errors of tables/layouts.py check_layout, pinned through the functions that call it (issue 14).

A table name that is no fixed table, or a layout the table is not printed in, raises
:class:`UnknownNameError` whose kind, name, known names and message say exactly what was wrong.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from govreport.errors import UnknownNameError
from govreport.model.tables import Layout
from govreport.tables.layouts import (
    ACTIVE,
    APPLICATIONS,
    REVIEW_LITIGATION,
    STATISTICS,
    active_blocks,
    application_rows,
    cell_keys,
    column_spec,
    column_specs,
    hybrid_rows,
    outcome_rows,
    replaced_rows,
)

_TABLE_LOOKUPS: dict[str, Callable[[str, Layout], object]] = {
    "cell_keys": cell_keys,
    "column_specs": column_specs,
    "column_spec": lambda table, layout: column_spec(table, layout, "regulations", "made"),
    "hybrid_rows": hybrid_rows,
    "replaced_rows": replaced_rows,
}


@pytest.mark.parametrize("lookup", _TABLE_LOOKUPS.values(), ids=_TABLE_LOOKUPS.keys())
def test_unknown_table_names_the_table_and_lists_the_fixed_tables(
    lookup: Callable[[str, Layout], object],
) -> None:
    with pytest.raises(UnknownNameError) as raised:
        lookup("appplications", Layout.V2021)
    error = raised.value
    assert error.kind == "table"
    assert error.name == "appplications"
    assert error.known == (ACTIVE, APPLICATIONS, REVIEW_LITIGATION, STATISTICS)
    assert str(error) == (
        "unknown table 'appplications'; known: active, applications, review_litigation, statistics"
    )


@pytest.mark.parametrize("lookup", _TABLE_LOOKUPS.values(), ids=_TABLE_LOOKUPS.keys())
def test_statistics_table_outside_v2008_names_its_only_layout(
    lookup: Callable[[str, Layout], object],
) -> None:
    with pytest.raises(UnknownNameError) as raised:
        lookup(STATISTICS, Layout.V2019)
    error = raised.value
    assert error.kind == "统计表 layout"
    assert error.name == "v2019"
    assert error.known == ("v2008",)
    assert str(error) == "unknown 统计表 layout 'v2019'; known: v2008"


@pytest.mark.parametrize(
    ("table", "name"), [(ACTIVE, "表二"), (APPLICATIONS, "表三"), (REVIEW_LITIGATION, "表四")]
)
def test_form_table_in_v2008_lists_the_form_layouts(table: str, name: str) -> None:
    with pytest.raises(UnknownNameError) as raised:
        cell_keys(table, Layout.V2008)
    error = raised.value
    assert error.kind == f"{name} layout"
    assert error.name == "v2008"
    assert error.known == ("v2019", "v2021")
    assert str(error) == f"unknown {name} layout 'v2008'; known: v2019, v2021"


_LAYOUT_LOOKUPS: dict[str, tuple[Callable[[Layout], object], str]] = {
    "active_blocks": (active_blocks, "表二"),
    "application_rows": (application_rows, "表三"),
    "outcome_rows": (outcome_rows, "表三"),
}


@pytest.mark.parametrize("lookup_and_name", _LAYOUT_LOOKUPS.values(), ids=_LAYOUT_LOOKUPS.keys())
def test_per_table_lookups_refuse_the_v2008_layout(
    lookup_and_name: tuple[Callable[[Layout], object], str],
) -> None:
    lookup, name = lookup_and_name
    with pytest.raises(UnknownNameError) as raised:
        lookup(Layout.V2008)
    error = raised.value
    assert (error.kind, error.name, error.known) == (f"{name} layout", "v2008", ("v2019", "v2021"))
    assert str(error) == f"unknown {name} layout 'v2008'; known: v2019, v2021"


def test_layout_error_is_a_key_error_with_the_plain_message() -> None:
    with pytest.raises(KeyError) as raised:
        hybrid_rows(STATISTICS, Layout.V2021)
    assert str(raised.value) == "unknown 统计表 layout 'v2021'; known: v2008"


def test_printed_layouts_raise_nothing() -> None:
    assert cell_keys(STATISTICS, Layout.V2008)
    assert hybrid_rows(APPLICATIONS, Layout.V2021) == ("other",)
    assert replaced_rows(ACTIVE, Layout.V2019) == ()
