"""Table access as the README uses it: ``table`` raises, ``get_table`` and ``get`` return None."""

from __future__ import annotations

import pytest

from govreport import TableNotReadError, UnknownNameError, parse
from govreport.model.tables import Layout, StatTable
from govreport.tables.layouts import table_keys
from govreport.testing import synthetic


def _report(layout: str, seed: int = 3):  # type: ignore[no-untyped-def]
    return parse(synthetic.generate(seed=seed, layout=layout).text)


@pytest.mark.parametrize("layout", ["v2019", "v2021"])
def test_table_returns_the_table_of_the_layout(layout: str) -> None:
    report = _report(layout)
    assert report.table("applications") is report.get_table("applications")
    assert report.table("applications").key == "applications"


def test_table_names_the_keys_of_the_layout_for_a_typo() -> None:
    report = _report("v2021")
    with pytest.raises(UnknownNameError, match="applications") as caught:
        report.table("applicatons")
    assert caught.value.known == ("active", "applications", "review_litigation")
    assert report.get_table("applicatons") is None


def test_statistics_table_is_unknown_to_a_2021_report() -> None:
    with pytest.raises(UnknownNameError, match="statistics"):
        _report("v2021").table("statistics")


def test_a_table_of_the_layout_that_was_not_read_raises_its_own_error() -> None:
    text = synthetic.generate(seed=5, layout="v2021").text
    cut = text.index("四、政府信息公开行政复议")
    report = parse(text[:cut])
    assert report.get_table("review_litigation") is None
    with pytest.raises(TableNotReadError, match="review_litigation"):
        report.table("review_litigation")


def test_get_returns_none_for_a_key_of_the_other_version_only() -> None:
    v2019, v2021 = _report("v2019").table("active"), _report("v2021").table("active")
    assert v2021.get("fees", "amount") is v2021.cell("fees", "amount")
    assert v2019.get("fees", "amount") is None
    assert v2021.get("licensing", "items_change") is None
    assert v2019.get("licensing", "items_change") is v2019.cell("licensing", "items_change")
    with pytest.raises(UnknownNameError):
        v2021.get("fees", "amuont")


def test_get_on_the_statistics_table_names_a_missing_cell_not_a_layout() -> None:
    keys = table_keys("statistics", Layout.V2008)
    table = StatTable(key="statistics", layout=Layout.V2008, cells=())
    assert table.get(*keys[0]) is None  # a key the 统计表 has, not read here
    with pytest.raises(UnknownNameError) as raised:
        table.get("no_such_row", "no_such_column")
    assert raised.value.kind == "cell"
    assert raised.value.name == "statistics/no_such_row/no_such_column"
