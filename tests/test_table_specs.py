"""The builders the table layouts are written with, called as a layout module calls them.

The layouts are built once, at import; these tests pin each builder's own contract.
"""

from __future__ import annotations

from govreport.tables import active
from govreport.tables.layouts import _app
from govreport.tables.specs import (
    ApplicationRow,
    ColumnSpec,
    RowSpec,
    ValueKind,
    label_cores,
    make_column,
    make_row,
)


def test_label_cores_are_the_matching_keys_of_each_label_in_order() -> None:
    cores = label_cores("（一）本年新收", "收费金额（万元）", "1.本机关公开")
    assert cores == ("一本年新收", "收费金额万元", "1本机关公开")
    assert label_cores() == ()


def test_a_row_is_found_by_its_label_and_its_cores_once_each() -> None:
    row = make_row("new", "（一）本年新收", "新收", "（一）本年新收", "新收")
    assert row == RowSpec("new", "（一）本年新收", ("一本年新收", "新收"))


def test_a_count_column_has_no_unit_and_a_money_column_is_in_wan_yuan() -> None:
    count = make_column("made", "本年制发件数", "制发")
    assert count == ColumnSpec("made", "本年制发件数", ("本年制发件数", "制发"), ValueKind.COUNT, None)
    signed = make_column("change", "本年增/减", kind=ValueKind.SIGNED)
    assert signed == ColumnSpec("change", "本年增/减", ("本年增减",), ValueKind.SIGNED, None)
    money = make_column("amount", "收费金额（万元）", "金额", kind=ValueKind.MONEY)
    cores = ("收费金额万元", "金额")
    assert money == ColumnSpec("amount", "收费金额（万元）", cores, ValueKind.MONEY, "万元")


def test_an_application_row_keeps_its_group() -> None:
    assert _app("granted", "（一）予以公开", "予以公开") == ApplicationRow(
        RowSpec("granted", "（一）予以公开", ("一予以公开", "予以公开"))
    )
    grouped = _app("denied.secret", "1.属于国家秘密", group="（三）不予公开")
    row = RowSpec("denied.secret", "1.属于国家秘密", ("1属于国家秘密",))
    assert grouped == ApplicationRow(row, "（三）不予公开")


def test_a_clause_of_table_two_is_read_with_both_layouts_blocks_v2019_first() -> None:
    first = active._both_layouts("一")
    assert [[c.key for c in spec.columns] for spec in first] == [
        ["made", "published", "total_public"],
        ["issued", "repealed", "in_force"],
    ]
    assert all(spec.clause == "一" for spec in first)
    # 第二十条第（九）项 (procurement) is in the v2019 table only.
    assert [[r.key for r in spec.rows] for spec in active._both_layouts("九")] == [["procurement"]]
    assert active._both_layouts("三") == []
