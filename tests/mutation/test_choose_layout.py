"""How the tables' layout is chosen (tables/assemble.py: choose_layout), pinned where mutants survived.

The readers' evidence votes; table 三's first cue breaks a tie; without evidence the report
year decides, and without a year v2019 is taken. The chosen layout and the evidence kept
are asserted exactly, cue text included.
"""

from __future__ import annotations

from govreport.model.tables import Layout
from govreport.tables.assemble import choose_layout
from govreport.tables.layouts import ACTIVE, APPLICATIONS, REVIEW_LITIGATION
from govreport.tables.reading import TableReading

V2019, V2021 = Layout.V2019, Layout.V2021


def _reading(table: str, *layouts: Layout) -> TableReading:
    return TableReading(
        table, None, evidence=[(layout, f"{table} cue {i}", None) for i, layout in enumerate(layouts)]
    )


def test_the_layout_with_most_votes_wins_whatever_table_three_says() -> None:
    readings = [_reading(ACTIVE, V2021, V2021), _reading(APPLICATIONS, V2019)]
    layout, evidence = choose_layout(readings, 2020)
    assert layout is V2021
    assert evidence == [
        (V2021, "active cue 0", None),
        (V2021, "active cue 1", None),
        (V2019, "applications cue 0", None),
    ]


def test_a_tie_is_broken_by_table_three_first_cue() -> None:
    # Two votes each; v2019 is counted first, so the first leader is not the answer. Table 三's
    # first cue (v2021) is, not its second (v2019) nor another table's.
    readings = [
        _reading(ACTIVE, V2019),
        _reading(APPLICATIONS, V2021, V2019),
        _reading(REVIEW_LITIGATION, V2021),
    ]
    assert choose_layout(readings, 2019)[0] is V2021


def test_a_tie_without_table_three_evidence_takes_the_first_leader() -> None:
    readings = [_reading(ACTIVE, V2019), _reading(APPLICATIONS), _reading(REVIEW_LITIGATION, V2021)]
    assert choose_layout(readings, 2023)[0] is V2019


def test_without_evidence_the_report_year_decides_and_says_so() -> None:
    readings = [_reading(APPLICATIONS), _reading(ACTIVE)]
    assert choose_layout(readings, 2022) == (
        V2021,
        [(V2021, f"表格未显示版本特征，按报告年度2022取{V2021}", None)],
    )
    assert choose_layout(readings, 2020) == (
        V2019,
        [(V2019, f"表格未显示版本特征，按报告年度2020取{V2019}", None)],
    )


def test_without_evidence_or_year_v2019_is_taken_and_the_cue_names_no_year() -> None:
    assert choose_layout([_reading(APPLICATIONS)], None) == (
        V2019,
        [(V2019, f"表格未显示版本特征，取{V2019}", None)],
    )


def test_no_reading_means_no_layout() -> None:
    assert choose_layout([], 2022) == (None, [])
