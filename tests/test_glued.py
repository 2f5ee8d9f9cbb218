"""Crawled page text with table cells glued together (issue 8, item 4).

Reports are generated with :func:`govreport.testing.synthetic.generate_glued`; the property is
that no cell read or inferred from glued digits is ever wrong, and that every such cell
is named by a finding.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import CellState, FormatVersion, Report, parse
from govreport.model.document import Grid, GridCell, Location
from govreport.tables import run_splits, splitting
from govreport.tables.glued import classify, glued_pairs, grid_pairs, is_glued_line
from govreport.tables.layouts import APPLICANT_COLUMNS as _APPLICANTS
from govreport.testing import synthetic
from tests.helpers import report_text

_NUMERIC = (CellState.READ, CellState.INFERRED)


def _value(cell) -> int | Decimal | None:  # type: ignore[no-untyped-def]
    return cell.in_unit("万元") if cell.unit else cell.value


def _check_glued(parsed: Report, truth: synthetic.SyntheticReport) -> tuple[int, int]:
    """No read or inferred cell differs from the truth, and each is named by an R8/R10 finding."""
    named = {
        (ref.table, ref.row, ref.column)
        for f in parsed.findings
        if f.rule in ("R8", "R10")
        for ref in f.cells
    }
    recovered = 0
    for table in parsed.tables:
        for cell in table.cells:
            key = (table.key, cell.row, cell.column)
            if cell.state in _NUMERIC:
                assert _value(cell) == truth.values[key], (key, cell.raw, cell.state)
                assert key in named, key
                recovered += 1
            else:
                assert cell.state is CellState.MISSING, (key, cell.state)
    return recovered, len(truth.values)


@given(
    seed=st.integers(0, 10**6),
    layout=st.sampled_from(["v2019", "v2021"]),
    space=st.sampled_from([0, 0.1, 0.3]),
)
def test_glued_cells_are_never_wrong(seed: int, layout: str, space: float) -> None:
    truth = synthetic.generate_glued(seed, layout=layout, space=space)
    assert "\t" not in truth.text
    parsed = parse(truth.text)
    assert parsed.version is FormatVersion(layout)
    _check_glued(parsed, truth)


def test_glued_reports_recover_most_cells() -> None:
    recovered = total = 0
    for seed in range(12):
        truth = synthetic.generate_glued(seed)
        got, cells = _check_glued(parse(truth.text), truth)
        recovered += got
        total += cells
    assert recovered / total > 0.85  # tables 三 and 四 by their rules; table 二 only where one split exists


def test_issue_examples_read_as_printed() -> None:
    text = report_text(
        "\n".join(
            [
                "二、主动公开政府信息情况",
                "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 000行政规范性文件693665",
                "三、收到和处理政府信息公开申请情况",
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计"
                "商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量500000 5"
                "二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开500000 5"
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000（三）不予公开1.属于国家秘密0000000",
            ]
        )
    )
    parsed = parse(text)
    active = parsed.table("active")
    assert [(c.row, c.column, c.value, c.state) for c in active.cells[:3]] == [
        ("regulations", "issued", 0, CellState.READ),
        ("regulations", "repealed", 0, CellState.READ),
        ("regulations", "in_force", 0, CellState.READ),
    ]
    # 693665 as three counts: 6/93/665, 69/3/665, … — no printed rule chooses, so missing.
    assert all(
        active.cell("normative_documents", c).state is CellState.MISSING for c in ("issued", "repealed")
    )
    r9 = [f for f in parsed.findings if f.rule == "R9"]
    assert any("693665" in f.message for f in r9)
    applications = parsed.table("applications")
    row = [
        applications.cell("new_received", c).value
        for c in ("natural_person", "commercial_enterprise", "total")
    ]
    assert row == [5, 0, 5]
    assert applications.cell("new_received", "total").state is CellState.READ
    assert applications.cell("denied.state_secret", "total").value == 0
    assert parsed.version is FormatVersion.V2021


def test_rules_choose_the_split_and_the_finding_names_them() -> None:
    truth = synthetic.generate_glued(1, layout="v2019", space=0)
    parsed = parse(truth.text)
    inferred = [f for f in parsed.findings if f.rule == "R8"]
    assert inferred and all("H3" in f.message for f in inferred if f.cells[0].table == "applications")
    for finding in inferred:
        for ref in finding.cells:
            cell = parsed.table(ref.table).cell(ref.row, ref.column)
            assert cell.state is CellState.INFERRED
            assert cell.value == truth.values[(ref.table, ref.row, ref.column)]


def test_cells_point_at_their_digits() -> None:
    text = report_text(
        "二、主动公开政府信息情况\n第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 000\n"
    )
    parsed = parse(text)
    lines = text.split("\n")
    for cell in parsed.table("active").cells[:3]:
        assert cell.location is not None and cell.location.line is not None
        line = lines[cell.location.line - 1]
        assert line[(cell.location.column or 0) - 1] == "0"
    columns = [c.location.column for c in parsed.table("active").cells[:3] if c.location]
    assert columns == sorted(set(columns))


def test_one_cell_per_line_continues_the_row() -> None:
    body = "\n".join(["二、主动公开政府信息情况", "第二十条第(一)项", "信息内容", "规章", "0", "", "12", "3"])
    parsed = parse(report_text(body))
    cells = parsed.table("active").cells[:3]
    assert [(c.value, c.state) for c in cells] == [
        (0, CellState.READ),
        (12, CellState.READ),
        (3, CellState.READ),
    ]
    assert [c.location.line for c in cells if c.location] == sorted(
        {c.location.line for c in cells if c.location}
    )


@pytest.mark.parametrize(
    ("body", "rule", "words"),
    [
        # Glued: the run of digits is too short to split into the row's cells.
        (
            "二、主动公开政府信息情况\n第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 0",
            "R9",
            "不够",
        ),
        # One cell per line (rebuilt by readers.cell_lines): a row that printed fewer cells.
        (
            "\n".join(["二、主动公开政府信息情况", "第二十条第(一)项", "信息内容", "规章", "0"]),
            "R1",
            "只印了1个",
        ),
    ],
    ids=["glued", "one-cell-per-line"],
)
def test_fewer_digits_than_cells_is_missing_not_zero(body: str, rule: str, words: str) -> None:
    parsed = parse(report_text(body))
    cells = parsed.table("active").cells[:3]
    assert all(c.state is CellState.MISSING and c.value is None for c in cells)
    assert any(f.rule == rule and words in f.message for f in parsed.findings)


@pytest.mark.parametrize(
    "line",
    [
        "全年公开行政规范性文件3件、行政许可处理决定46209件、行政处罚处理决定6件。",
        "全年发布信息95条，政策、规范性文件类信息403条，行政许可类信息145条。",
        "2、同意部分公开答复数条00",
        "本报告所列数据的统计期限自2017年1月1日起至2017年12月31日止。",
    ],
)
def test_sentences_are_not_glued_tables(line: str) -> None:
    assert not is_glued_line(line)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("applications", "partial")),
        ("（三）不予公开1.属于国家秘密", ("applications", "denied.state_secret")),
        ("3.其他", ("applications", "other.other")),
        ("（六）其他处理", ("applications", "other")),
        ("8.属于行政查询案件", ("applications", "denied.admin_query")),
        ("第二十条第（五）项信息内容本年处理决定数量行政许可", ("active", "licensing")),
        ("政策、规范性文件类信息", (None, None)),
        ("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计", ("review_litigation", "")),
    ],
)
def test_labels_name_their_rows(label: str, expected: tuple[str | None, str | None]) -> None:
    assert classify(label) == expected


def test_numbering_digit_belongs_to_the_next_label() -> None:
    pairs, _ = glued_pairs(
        "1.属于国家秘密00000002.其他法律行政法规禁止公开0000000", Location(line=1, column=1)
    )
    assert [(p.row, p.run) for p in pairs] == [
        ("denied.state_secret", "0000000"),
        ("denied.law_forbidden", "0000000"),
    ]


def test_node_cap_is_a_finding_and_leaves_rows_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(splitting, "MAX_TABLE_NODES", 5)
    truth = synthetic.generate_glued(2, layout="v2021", space=0)
    parsed = parse(truth.text)
    capped = {f.message[:2] for f in parsed.findings if f.rule == "R11"}
    assert "表三" in capped
    assert not any(c.state is CellState.INFERRED for c in parsed.table("applications").cells)
    _check_glued(parsed, truth)


def test_time_budget_bounds_the_split_search() -> None:
    from govreport.errors import LimitExceededError
    from govreport.limits import Limits, document_budget
    from govreport.tables.specs import ValueKind

    run = run_splits.RunText("1" * 40)
    with document_budget(Limits(seconds=1e-9)), pytest.raises(LimitExceededError):
        run_splits.splits(run, [ValueKind.COUNT] * 12, (), limit=10**9)


@given(
    parts=st.lists(st.integers(0, 3000) | st.just(0), min_size=6, max_size=6),
    commas=st.booleans(),
    spaces=st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_row_splits_always_hold_the_printed_row(parts: list[int], commas: bool, spaces: list[bool]) -> None:
    from govreport.tables.specs import ValueKind

    values = [*parts, sum(parts)]
    printed = [f"{v:,}" if commas else str(v) for v in values]
    text = "".join(p + (" " if i < 6 and spaces[i] else "") for i, p in enumerate(printed))
    run = run_splits.RunText(text)
    row_total = run_splits.LocalSum(total=6, parts=(0, 1, 2, 3, 4, 5))
    found, capped = run_splits.splits(run, [ValueKind.COUNT] * 7, [row_total], limit=10_000)
    assert not capped
    assert values in [[p.value for p in s] for s in found]
    assert all(sum(p.value for p in s[:6]) == s[6].value for s in found)
    if len(found) == 1:
        assert [p.raw for p in found[0]] == printed


def test_glued_hybrid_other_row() -> None:
    truth = synthetic.generate(5, layout="v2021", hybrid_other=True)
    import random

    glued = synthetic.glue_text(truth.text, random.Random(5), space=0.1)
    parsed = parse(glued)
    table = parsed.table("applications")
    assert table.layout == "v2021"
    recovered = [c for c in table.cells if c.state in _NUMERIC]
    assert any(c.row == "other" for c in recovered)
    for cell in recovered:
        assert cell.value == truth.values[("applications", cell.row, cell.column)]
    assert all(
        table.cell(r, "total").state is CellState.MISSING for r in ("other.overdue_fee", "other.other")
    )


def test_one_split_that_breaks_the_row_total_is_not_read() -> None:
    # 自然人 10, a blank 商业企业, then 0 0 0 0 and 总计 10: glued, the blank leaves no trace and
    # 1/0/0/0/0/1/0 is the one split of "1000010" — but its six parts do not sum to 0: not read.
    body = "\n".join(
        [
            "三、收到和处理政府信息公开申请情况",
            "一、本年新收政府信息公开申请数量1000010二、上年结转政府信息公开申请数量0000000"
            "三、本年度办理结果（一）予以公开0000000（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000",
        ]
    )
    parsed = parse(report_text(body))
    table = parsed.table("applications")
    assert all(table.cell("new_received", c.key).state is CellState.MISSING for c in _APPLICANTS)
    assert table.cell("carried_over", "total").state is CellState.READ
    assert any(f.rule == "R9" and "空白格" in f.message for f in parsed.findings)


# --- bounded work on lines of words alone (hostile or blank tables) ------------------------------
_WORDS_ONLY = ("第二十条第（一）项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "规章")


def _peak_bytes(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_label_text_carried_over_word_lines_stays_bounded() -> None:
    """Each line without numbers once doubled the label text carried to the next line (24 GB on 74 lines)."""
    texts = [_WORDS_ONLY[i % len(_WORDS_ONLY)] for i in range(24)]
    cells = tuple(
        GridCell(text=t, row=r, col=0, location=Location(line=r + 1, column=1, table=0, row=r, col=0))
        for r, t in enumerate(texts)
    )
    grid = Grid(
        index=0, cells=cells, n_rows=len(cells), n_cols=1, location=Location(line=1, column=1, table=0)
    )
    assert _peak_bytes(lambda: grid_pairs(grid)) < 2_000_000
    assert grid_pairs(grid) == []


def test_a_table_printed_as_labels_alone_parses_in_bounded_memory() -> None:
    """The blank tables of a real file: labels one per line and no numbers (xiongxian 2019)."""
    body = "\n".join(["二、主动公开政府信息情况", *(_WORDS_ONLY[i % len(_WORDS_ONLY)] for i in range(24))])
    text = report_text(body)
    assert _peak_bytes(lambda: parse(text)) < 50_000_000


def test_a_run_wrapped_onto_the_next_line_continues_its_row() -> None:
    """The line break is a cut: ``100`` + ``5`` is 10 / 0 / 5, never 1 / 0 / 0 with the 5 lost."""
    body = (
        "二、主动公开政府信息情况\n第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 100\n5"
    )
    text = report_text(body)
    cells = parse(text).table("active").cells[:3]
    assert [(c.value, c.state) for c in cells] == [
        (10, CellState.READ),
        (0, CellState.READ),
        (5, CellState.READ),
    ]
    lines = text.split("\n")
    assert cells[2].location is not None and cells[2].location.line is not None
    assert lines[cells[2].location.line - 1].strip() == "5"
