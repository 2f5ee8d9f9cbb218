"""Types that say what they mean: the Layout enum, its relation to FormatVersion, and the errors."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import govreport
from govreport import errors
from govreport.model import FormatVersion, Layout
from govreport.serialize import from_json, to_json
from govreport.tables.assemble import choose_layout
from govreport.tables.equations import equations
from govreport.tables.layouts import (
    ACTIVE,
    APPLICATIONS,
    FORM_LAYOUTS,
    REVIEW_LITIGATION,
    STATISTICS,
    active_blocks,
    application_rows,
    cell_keys,
    column_specs,
    hybrid_rows,
    outcome_rows,
)
from govreport.tables.reading import TableReading
from govreport.testing.synthetic import generate

SRC = Path(govreport.__file__).resolve().parent


def test_layout_values_are_the_strings_json_has_always_used():
    assert [layout.value for layout in Layout] == ["v2008", "v2019", "v2021"]
    assert f"{Layout.V2019}" == str(Layout.V2019) == "v2019"  # messages print the value


def test_format_version_follows_the_layout_of_the_tables():
    assert FormatVersion.of_layout(Layout.V2019) is FormatVersion.V2019
    assert FormatVersion.of_layout(Layout.V2021) is FormatVersion.V2021
    assert FormatVersion.of_layout(Layout.V2008) is FormatVersion.NARRATIVE
    assert {v.value for v in FormatVersion} >= {layout.value for layout in FORM_LAYOUTS}


@pytest.mark.parametrize(
    ("year", "layout"), [(2018, Layout.V2019), (2020, Layout.V2019), (2021, Layout.V2021)]
)
def test_layout_for_year(year, layout):
    assert Layout.for_year(year) is layout


@pytest.mark.parametrize("typo", ["v2022", "V2021", "2021", ""])
def test_a_layout_typo_is_an_error_not_v2021(typo):
    for lookup in (active_blocks, application_rows, outcome_rows):
        with pytest.raises(errors.UnknownNameError, match="layout"):
            lookup(typo)
    for table in (ACTIVE, APPLICATIONS, REVIEW_LITIGATION, STATISTICS):
        with pytest.raises(errors.UnknownNameError, match="layout"):
            cell_keys(table, typo)


def test_a_table_is_looked_up_only_in_the_layouts_it_is_printed_in():
    with pytest.raises(errors.UnknownNameError, match="v2019, v2021"):
        active_blocks(Layout.V2008)
    with pytest.raises(errors.UnknownNameError, match="v2008"):
        cell_keys(STATISTICS, Layout.V2021)
    with pytest.raises(errors.UnknownNameError, match="unknown table"):
        cell_keys("appendix", Layout.V2019)
    with pytest.raises(errors.UnknownNameError):
        column_specs(ACTIVE, "v2020")
    with pytest.raises(errors.UnknownNameError):
        equations(APPLICATIONS, "v2020")
    with pytest.raises(errors.UnknownNameError):
        hybrid_rows(APPLICATIONS, "v2O21")


def test_layout_evidence_given_as_a_value_is_read_as_the_layout():
    # A table reader written when layouts were strings still votes.
    reading = TableReading(APPLICATIONS, None, evidence=[("v2021", "cue", None)])
    layout, evidence = choose_layout([reading], 2020)
    assert layout is Layout.V2021
    assert evidence == [(Layout.V2021, "cue", None)]
    with pytest.raises(ValueError, match="v2022"):
        choose_layout([TableReading(APPLICATIONS, None, evidence=[("v2022", "cue", None)])], 2020)


def test_without_evidence_the_year_decides_and_no_year_means_v2019():
    reading = TableReading(APPLICATIONS, None)
    assert choose_layout([reading], 2023)[0] is Layout.V2021
    assert choose_layout([reading], None)[0] is Layout.V2019
    assert choose_layout([], 2023) == (None, [])


def test_tables_carry_a_layout_through_json():
    report = govreport.parse(generate(7, layout=Layout.V2021).text)
    assert {table.layout for table in report.tables} == {Layout.V2021}
    text = to_json(report)
    assert '"layout":"v2021"' in text.replace(" ", "")
    again = from_json(text)
    assert all(isinstance(table.layout, Layout) for table in again.tables)
    assert again == report


def test_the_synthetic_generator_takes_a_layout_value_but_not_a_typo():
    assert generate(3, layout="v2019").layout is Layout.V2019
    with pytest.raises(ValueError, match="v2031"):
        generate(3, layout="v2031")


def _error_classes() -> set[str]:
    return {
        name
        for name, obj in vars(errors).items()
        if inspect.isclass(obj)
        and issubclass(obj, (Exception, Warning))
        and obj.__module__ == errors.__name__
    }


def test_every_error_is_exported_from_the_package():
    classes = _error_classes()
    assert {"GovReportError", "OutputError", "NoTextLayerError", "JournalWarning"} <= classes
    assert classes <= set(govreport.__all__)
    assert all(getattr(govreport, name) is getattr(errors, name) for name in classes)


def _exception_classes_defined(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
            if any(b.endswith(("Error", "Exception", "Warning")) for b in bases):
                names.add(node.name)
    return names


def test_no_public_error_class_lives_outside_errors_py():
    stray = {
        f"{path.relative_to(SRC)}:{name}"
        for path in SRC.rglob("*.py")
        if path.name != "errors.py"
        for name in _exception_classes_defined(ast.parse(path.read_text(encoding="utf-8")))
        if not name.startswith("_")
    }
    assert not stray
