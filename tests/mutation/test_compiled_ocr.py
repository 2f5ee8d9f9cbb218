"""The compiled hard-rule plans, rule O1 and label_key's cache at the edges mutation testing found unpinned.

compiled: a table in a layout's key order shares the layout's plan; a table in its own order
(two cells swapped within a row or a column) is compiled from its own keys; a rule the table
has no equation of fails nothing. O1: a table read wholly by OCR, both messages in full, and
the trusted resolution itself. label_key: what the cache keeps, and its bound.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from attrs import evolve

from govreport import Report, parse
from govreport.checks.compiled import Plan, TableView
from govreport.checks.hard import H1, H2, H3
from govreport.checks.ocr import O1
from govreport.model.document import Location, OcrMark, OcrSource
from govreport.model.findings import Finding
from govreport.model.tables import Cell, CellState, Layout, StatTable
from govreport.normalize import text as text_module
from govreport.normalize.text import label_key
from govreport.tables.layouts import ACTIVE, APPLICATIONS, table_keys
from tests.helpers import active, report_text, with_table
from tests.rule_cases import table3, table4

# Table 三 of tests.rule_cases: every printed rule holds, and 本年新收 reads 2, 1 ... 3.
_CONSISTENT = report_text(active(), table3(), table4())


def _applications(report: Report) -> StatTable:
    table = report.table(APPLICATIONS)
    assert table is not None
    return table


def _zeros(key: str, layout: Layout, hybrid: bool) -> StatTable:
    cells = tuple(
        Cell(table=key, row=row, column=column, value=0, state=CellState.READ, raw="0")
        for row, column in table_keys(key, layout, hybrid)
    )
    return StatTable(key=key, layout=layout, cells=cells)


def _swapped(table: StatTable, first: tuple[str, str], second: tuple[str, str]) -> StatTable:
    """The same cells, with the two at ``first`` and ``second`` trading places in the tuple."""
    cells = list(table.cells)
    i = next(n for n, c in enumerate(cells) if (c.row, c.column) == first)
    j = next(n for n, c in enumerate(cells) if (c.row, c.column) == second)
    cells[i], cells[j] = cells[j], cells[i]
    return evolve(table, cells=tuple(cells))


def _equation_findings(report: Report) -> list[Finding]:
    found: list[Finding] = []
    for rule in (H1, H2, H3):
        assert rule.check is not None
        found.extend(rule.check(report))
    return found


# --- compiled: Plan and _plan_for ------------------------------------------------------------


def test_plan_lists_the_rows_and_columns_of_its_keys_in_order() -> None:
    keys = table_keys(APPLICATIONS, Layout.V2019)
    plan = Plan(APPLICATIONS, Layout.V2019, keys)
    assert plan.rows == [r for r, _ in keys]
    assert plan.columns == [c for _, c in keys]
    assert (plan.rows[0], plan.columns[0]) == keys[0]


@pytest.mark.parametrize("hybrid", [False, True])
def test_tables_in_a_layouts_key_order_share_its_compiled_plan(hybrid: bool) -> None:
    # v2021 table 三 with and without the v2019 row it may print (hybrid): two key orders.
    assert table_keys(APPLICATIONS, Layout.V2021, True) != table_keys(APPLICATIONS, Layout.V2021, False)
    first = TableView(_zeros(APPLICATIONS, Layout.V2021, hybrid))
    second = TableView(_zeros(APPLICATIONS, Layout.V2021, hybrid))
    assert first.plan is second.plan
    assert first.plan.keys == table_keys(APPLICATIONS, Layout.V2021, hybrid)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # one row, two columns: the rows in order are the layout's, the columns are not
        (("new_received", "natural_person"), ("new_received", "total")),
        # one column, two rows: the columns in order are the layout's, the rows are not
        (("new_received", "total"), ("carried_over", "total")),
    ],
)
def test_a_table_with_two_cells_swapped_is_checked_by_its_own_keys(
    first: tuple[str, str], second: tuple[str, str]
) -> None:
    report = parse(_CONSISTENT)
    table = _applications(report)
    assert table.cell(*first).value != table.cell(*second).value  # 2 and 3, 3 and 1
    swapped = _swapped(table, first, second)
    plan = TableView(swapped).plan
    assert plan.keys == tuple((c.row, c.column) for c in swapped.cells)
    assert plan.keys != table_keys(APPLICATIONS, Layout.V2019)
    # Every cell keeps its key and value, so every printed rule still holds.
    moved = evolve(report, tables=tuple(swapped if t is table else t for t in report.tables))
    assert _equation_findings(moved) == []


# --- compiled: TableView.failed ----------------------------------------------------------------


def test_a_rule_without_equations_in_the_table_fails_nothing() -> None:
    report = parse(_CONSISTENT)
    table = report.table(ACTIVE)
    assert table is not None
    view = TableView(table)
    assert list(view.failed("H1")) == []
    assert list(TableView(_applications(report)).failed("H4")) == []


# --- ocr: _o1 -----------------------------------------------------------------------------------


_SCANNED = OcrSource(engine="tesseract", version="5.3.0", dpi=300, pages=2)


def _ocr_everywhere(report: Report, marks: dict[tuple[str, str], OcrMark]) -> Report:
    """Every cell of table 三 read by OCR: at 300 dpi with confidence 99 unless ``marks`` says otherwise.

    The report's source says OCR read it, as the OCR reader's does.
    """
    table = _applications(report)
    cells = tuple(
        evolve(
            c,
            location=evolve(
                c.location or Location(),
                ocr=marks.get((c.row, c.column), OcrMark(dpi=300, confidence=99.0)),
            ),
        )
        for c in table.cells
    )
    return evolve(with_table(report, evolve(table, cells=cells)), source=evolve(report.source, ocr=_SCANNED))


def _o1(report: Report) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    assert O1.check is not None
    for f in O1.check(report):
        yield f.message, [(c.row, c.column) for c in f.cells]


def test_o1_names_an_unsure_number_in_a_table_read_wholly_by_ocr() -> None:
    report = _ocr_everywhere(
        parse(_CONSISTENT), {("new_received", "total"): OcrMark(dpi=300, confidence=80.0)}
    )
    assert all(c.location is not None and c.location.ocr is not None for c in _applications(report).cells)
    assert list(_o1(report)) == [
        (
            "三、收到和处理政府信息公开申请情况 new_received/total 的数字「3」由 OCR 识别，"
            "置信度 80 低于 95，请对照扫描件核对。",
            [("new_received", "total")],
        )
    ]


def test_o1_names_a_number_read_from_a_scan_below_the_trusted_resolution() -> None:
    report = _ocr_everywhere(
        parse(_CONSISTENT), {("carried_over", "total"): OcrMark(dpi=199, confidence=99.0)}
    )
    assert list(_o1(report)) == [
        (
            "三、收到和处理政府信息公开申请情况 carried_over/total 的数字「1」"
            "由 OCR 从 199 dpi 的扫描件识别，低于 200 dpi 时识别结果不可靠，请对照扫描件核对。",
            [("carried_over", "total")],
        )
    ]


def test_o1_trusts_a_sure_number_from_a_scan_at_exactly_the_trusted_resolution() -> None:
    report = _ocr_everywhere(
        parse(_CONSISTENT), {("carried_over", "total"): OcrMark(dpi=200, confidence=95.0)}
    )
    assert list(_o1(report)) == []


def test_o1_looks_at_no_cell_of_a_report_ocr_did_not_read() -> None:
    # Only the OCR reader marks locations, and it sets the source's ``ocr``: a report without
    # it had no page read by OCR, and O1 reads none of its cells' locations.
    marked = _ocr_everywhere(
        parse(_CONSISTENT), {("new_received", "total"): OcrMark(dpi=100, confidence=1.0)}
    )
    assert list(_o1(evolve(marked, source=evolve(marked.source, ocr=None)))) == []
    assert len(list(_o1(marked))) == 1


# --- label_key: the cache -------------------------------------------------------------------------


def test_label_key_keeps_the_computed_key_of_a_new_label() -> None:
    text = "（三）本年度 Closed-c_w6"
    text_module._CACHE.pop(text, None)
    assert label_key(text) == "三本年度closedcw6"
    assert text_module._CACHE[text] == "三本年度closedcw6"


def test_label_key_cache_holds_at_most_65536_labels() -> None:
    saved = dict(text_module._CACHE)
    text_module._CACHE.clear()
    try:
        text_module._CACHE.update((f"filler{n}", f"filler{n}") for n in range(65535))
        assert label_key("Last Fits") == "lastfits"
        assert len(text_module._CACHE) == 65536
        assert text_module._CACHE["Last Fits"] == "lastfits"
        assert label_key("One Too Many") == "onetoomany"  # computed, not kept
        assert "One Too Many" not in text_module._CACHE
        assert len(text_module._CACHE) == 65536
    finally:
        text_module._CACHE.clear()
        text_module._CACHE.update(saved)
