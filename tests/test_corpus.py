from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from govreport import parse
from govreport.corpus import CORPUS_RULES, CorpusChecker, check_corpus, organ_key
from govreport.corpus.digest import KEPT_CELLS, digest
from govreport.corpus.index import load_hierarchy
from govreport.corpus.similarity import MIN_SHINGLES, jaccard, shingles, sketch
from govreport.errors import InputError
from govreport.model import TableCellKey
from govreport.tables.layouts import APPLICANT_COLUMNS, APPLICATIONS
from govreport.testing.series import next_year_values, year_series
from govreport.testing.synthetic import Value, random_values, render_text

CROSS_YEAR = {"S1", "S2", "S3"}
FIXED_PROBLEMS = "一是信息公开的及时性有待提高，二是政策解读形式不够丰富。下一步将加强培训，完善工作机制。"


def _report(
    values: dict[TableCellKey, Value], layout: str, year: int, organ: str, seed: int = 0, prose: str = ""
):
    text = render_text(random.Random(seed), layout, values, year=year, organ=organ)
    if prose:
        text = text.replace(FIXED_PROBLEMS, prose)
    return parse(text.encode("utf-8"))


def _rules(findings, wanted=CROSS_YEAR):
    return [f for f in findings if f.rule in wanted]


# --- organ names ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("黄庄镇", "黄庄镇人民政府"),
        ("亮甲山乡政府", "亮甲山乡人民政府"),
        ("东乡县凤山乡", "东乡族自治县凤山乡人民政府"),
        ("临夏州东乡县", "临夏回族自治州东乡族自治县人民政府"),
        ("长阳县", "长阳土家族自治县人民政府"),
        ("城关街道", "城关街道办事处"),
        ("峨口镇人民政府", " 峨口镇\u3000人民 政府 "),
        ("上海市人民政府办公厅", "上海市政府办公厅"),
        ("ABC区教育局", "ＡＢＣ区教育局"),
    ],
)
def test_spellings_of_one_organ_meet(a, b):
    assert organ_key(a) == organ_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("县人民政府办公室", "县人民政府"),
        ("黄庄镇人民政府", "黄庄乡人民政府"),
        ("东河区教育局", "东河区人民政府"),
    ],
)
def test_different_organs_stay_apart(a, b):
    assert organ_key(a) != organ_key(b)


@given(st.text(max_size=40))
def test_organ_key_is_idempotent(name):
    key = organ_key(name)
    assert organ_key(key) == key


_PLACE = st.text(alphabet="东西南北黄凤山河城关峨口军屯亮甲石桥", min_size=2, max_size=4)
_SPACES = st.sampled_from(["", " ", "\u3000", "\t"])


@given(_PLACE, st.sampled_from("乡镇"), st.sampled_from(["", "政府", "人民政府"]), _SPACES)
def test_township_variants_map_to_one_key(place, level, tail, space):
    short = f"{place}{level}"
    assert organ_key(f"{space}{place}{space}{level}{tail}{space}") == organ_key(short)


@given(
    _PLACE,
    _PLACE,
    st.lists(st.sampled_from(["回族", "土家族", "苗族", "东乡族", "撒拉族"]), min_size=1, max_size=3),
)
def test_autonomous_county_maps_to_its_short_name(county, town, groups):
    full = f"{county}{''.join(groups)}自治县{town}镇人民政府"
    assert organ_key(full) == organ_key(f"{county}县{town}镇")


def test_aliases_printed_in_one_report_link_the_names_across_years():
    (y0, l0, v0), (y1, l1, v1) = _pair(11, 2021)
    v1 = dict(v1)
    v1[(APPLICATIONS, "carried_over", "total")] += 2  # type: ignore[operator]
    # 2021 prints both names (red header and title); 2022 only the second one.
    first = evolve(
        digest(_report(v0, l0, y0, "县政务公开办")), organ_keys=("县政务公开办", "县政府信息公开办公室")
    )
    second = digest(_report(v1, l1, y1, "县政府信息公开办公室"))
    from govreport.corpus.index import CorpusIndex
    from govreport.corpus.rules import run_corpus_rules

    findings = _rules(run_corpus_rules(CorpusIndex.build([first, second])))
    assert [(f.rule, f.difference) for f in findings] == [("S1", 2)]
    assert (
        _rules(run_corpus_rules(CorpusIndex.build([evolve(first, organ_keys=("县政务公开办",)), second])))
        == []
    )


# --- similarity -------------------------------------------------------------------------
_CJK = st.text(alphabet="政府信息公开工作年度报告主动申请办理结果情况问题改进", min_size=0, max_size=60)


@given(_CJK, _CJK)
def test_sketch_jaccard_is_exact_for_small_texts(a, b):
    sa, sb = shingles(a), shingles(b)
    (ka, _), (kb, _) = sketch(a), sketch(b)
    if len(sa) < 64 and len(sb) < 64 and sa and sb:
        assert jaccard(ka, kb) == pytest.approx(len(sa & sb) / len(sa | sb))


def test_digits_do_not_hide_a_copy():
    a = "2021年本机关共发布信息125条，依法答复申请12件。" * 3
    b = a.replace("2021", "2022").replace("125", "318")
    assert jaccard(sketch(a)[0], sketch(b)[0]) == 1.0


# --- S1, S2, S3 -------------------------------------------------------------------------
def _pair(seed: int, first_year: int):
    rng = random.Random(seed)
    series = year_series(rng, range(first_year, first_year + 2))
    return series


@given(st.integers(0, 10_000), st.sampled_from([2019, 2020, 2021, 2022]))
def test_consistent_years_are_silent(seed, first_year):
    reports = [
        _report(values, layout, year, "凤山乡人民政府", seed)
        for year, layout, values in _pair(seed, first_year)
    ]
    assert not [f for r in reports for f in r.findings if f.rule.startswith("H")]
    assert _rules(check_corpus(reports)) == []


@given(
    st.integers(0, 10_000),
    st.sampled_from([2019, 2020, 2021, 2022]),
    st.sampled_from([c.key for c in APPLICANT_COLUMNS]),
    st.integers(1, 40),
)
def test_wrong_carry_over_fires_s1_once_with_the_difference(seed, first_year, column, delta):
    (y0, l0, v0), (y1, l1, v1) = _pair(seed, first_year)
    v1 = dict(v1)
    v1[(APPLICATIONS, "carried_over", column)] += delta  # type: ignore[operator]
    previous = _report(v0, l0, y0, "凤山乡人民政府", seed)
    current = _report(v1, l1, y1, "凤山乡政府", seed + 1)
    findings = _rules(check_corpus([current, previous]))
    assert [(f.rule, f.difference) for f in findings] == [("S1", delta)]
    (finding,) = findings
    assert finding.right == v0[(APPLICATIONS, "carried_forward", column)]
    assert [d.year for d in finding.documents] == [y0, y1]
    assert [(c.document, c.row, c.column) for c in finding.cells] == [
        (previous.source.sha256, "carried_forward", column),
        (current.source.sha256, "carried_over", column),
    ]
    assert "上年结转" in finding.message and str(delta) in finding.message


@given(st.integers(0, 10_000), st.sampled_from(["regulations", "normative_documents"]), st.integers(1, 30))
def test_wrong_v2021_stock_fires_s2(seed, row, delta):
    (y0, l0, v0), (y1, l1, v1) = _pair(seed, 2021)
    v1 = dict(v1)
    v1[("active", row, "in_force")] += delta  # type: ignore[operator]
    reports = [_report(v0, l0, y0, "黄庄镇", seed), _report(v1, l1, y1, "黄庄镇人民政府", seed)]
    findings = _rules(check_corpus(reports))
    assert [(f.rule, f.difference) for f in findings] == [("S2", delta)]
    assert {c.row for c in findings[0].cells} == {row}


@given(
    st.integers(0, 10_000),
    st.sampled_from(["licensing", "other_services", "penalty", "enforcement", "fees"]),
    st.integers(1, 30),
)
def test_wrong_v2019_item_count_fires_s3(seed, row, delta):
    (y0, l0, v0), (y1, l1, v1) = _pair(seed, 2019)
    v1 = dict(v1)
    v1[("active", row, "items_prev_year")] += delta  # type: ignore[operator]
    reports = [_report(v0, l0, y0, "城关街道办事处", seed), _report(v1, l1, y1, "城关街道", seed)]
    findings = _rules(check_corpus(reports))
    assert [(f.rule, f.difference) for f in findings] == [("S3", delta)]


def test_stock_rule_does_not_cross_the_format_switch():
    rng = random.Random(3)
    v2020 = random_values(rng, "v2019")
    v2021 = next_year_values(rng, v2020, "v2019", "v2021")
    reports = [_report(v2020, "v2019", 2020, "凤山乡"), _report(v2021, "v2021", 2021, "凤山乡")]
    assert _rules(check_corpus(reports)) == []


def test_different_organs_are_not_linked():
    (y0, l0, v0), (y1, l1, v1) = _pair(5, 2021)
    v1 = dict(v1)
    v1[(APPLICATIONS, "carried_over", "total")] += 7  # type: ignore[operator]
    reports = [_report(v0, l0, y0, "凤山乡"), _report(v1, l1, y1, "黄庄镇")]
    assert _rules(check_corpus(reports)) == []


# --- S12 --------------------------------------------------------------------------------
def _summed(*tables: dict[TableCellKey, Value]) -> dict[TableCellKey, Value]:
    return {key: sum(t[key] for t in tables) for key in tables[0]}  # type: ignore[misc]


def _units(seed: int, layout: str = "v2021"):
    rng = random.Random(seed)
    return [random_values(rng, layout) for _ in range(2)]


@given(st.integers(0, 10_000), st.sampled_from(["v2019", "v2021"]))
def test_region_equal_to_the_sum_of_its_units_is_silent(seed, layout):
    a, b = _units(seed, layout)
    reports = [
        _report(_summed(a, b), layout, 2022, "汶上县人民政府"),
        _report(a, layout, 2022, "汶上县军屯乡人民政府"),
        _report(b, layout, 2022, "汶上县黄庄镇人民政府"),
    ]
    assert _rules(check_corpus(reports), {"S12"}) == []


def test_region_below_the_sum_of_its_units_fires_s12():
    a, b = _units(2)
    region = _report(a, "v2021", 2022, "汶上县人民政府")  # only covers one of its two units
    reports = [region, _report(a, "v2021", 2022, "汶上县军屯乡"), _report(b, "v2021", 2022, "汶上县黄庄镇")]
    findings = _rules(check_corpus(reports), {"S12"})
    assert findings
    for finding in findings:
        cell = finding.cells[0]
        key = (cell.table, cell.row, cell.column)
        assert finding.left == a[key] and finding.right == a[key] + b[key]  # type: ignore[operator]
        assert finding.difference == -b[key]  # type: ignore[operator]
        assert {c.document for c in finding.cells} == {r.source.sha256 for r in reports}


def test_explicit_hierarchy_links_units_without_the_region_prefix():
    a, b = _units(3)
    reports = [
        _report(a, "v2021", 2022, "汶上县人民政府"),
        _report(a, "v2021", 2022, "军屯乡人民政府"),
        _report(b, "v2021", 2022, "黄庄镇人民政府"),
    ]
    assert _rules(check_corpus(reports), {"S12"}) == []
    mapping = {"汶上县人民政府": ["军屯乡政府", "黄庄镇", "亮甲山乡人民政府"]}
    findings = _rules(check_corpus(reports, hierarchy=mapping), {"S12"})
    missing = [f for f in findings if not f.cells]
    assert len(missing) == 1 and "亮甲山乡" in missing[0].message
    assert any(f.cells and f.right == f.left - f.difference for f in findings)  # type: ignore[operator]


def test_load_hierarchy_reads_json_and_tab_separated(tmp_path: Path):
    as_json = tmp_path / "h.json"
    as_json.write_text('{"汶上县": ["军屯乡", "黄庄镇"]}', encoding="utf-8")
    as_tsv = tmp_path / "h.tsv"
    as_tsv.write_text("# region\tunit\n汶上县\t军屯乡\n汶上县\t黄庄镇\n", encoding="utf-8")
    assert load_hierarchy(as_json) == load_hierarchy(as_tsv) == {"汶上县": ["军屯乡", "黄庄镇"]}
    bad = tmp_path / "bad.tsv"
    bad.write_text("only one field\n", encoding="utf-8")
    with pytest.raises(InputError, match="region<TAB>unit"):
        load_hierarchy(bad)


# --- D1 D2 D3 ---------------------------------------------------------------------------
def _prose(seed: int) -> str:
    rng = random.Random(seed)
    alphabet = "本机关年度公开工作推进落实制度平台建设政策解读回应关切培训考核监督意见群众企业办事服务便民"
    return "".join(rng.choice(alphabet) for _ in range(300)) + "。"


def test_same_file_twice_is_d1_and_not_d2(tmp_path: Path):
    text = render_text(
        random.Random(1), "v2021", random_values(random.Random(1), "v2021"), year=2022, organ="黄庄镇"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    findings = check_corpus([parse(tmp_path / "a.txt"), parse(tmp_path / "b.txt")])
    d1 = _rules(findings, {"D1", "D2"})
    assert [f.rule for f in d1] == ["D1"]
    assert sorted(d.path for d in d1[0].documents) == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_copies_reported_by_id_count_for_d1():
    report = _report(random_values(random.Random(2), "v2021"), "v2021", 2022, "黄庄镇")
    checker = CorpusChecker()
    checker.add(report)
    checker.add_copy(report.source.sha256, "elsewhere/copy.txt")
    assert [f.rule for f in _rules(checker.finish(), {"D1", "D2"})] == ["D1"]


def test_two_different_reports_for_one_organ_and_year_is_d2():
    rng = random.Random(4)
    reports = [
        _report(random_values(rng, "v2021"), "v2021", 2022, "黄庄镇", prose=_prose(i)) for i in range(2)
    ]
    assert [f.rule for f in _rules(check_corpus(reports), {"D1", "D2"})] == ["D2"]
    reports[1] = _report(random_values(rng, "v2021"), "v2021", 2023, "黄庄镇", prose=_prose(9))
    assert _rules(check_corpus(reports), {"D1", "D2"}) == []


def test_copied_narrative_is_d3_and_fresh_text_is_silent():
    rng = random.Random(5)
    v0, v1 = random_values(rng, "v2021"), random_values(rng, "v2021")
    copied = [_report(v0, "v2021", 2021, "峨口镇", 1), _report(v1, "v2021", 2022, "峨口镇人民政府", 2)]
    (finding,) = _rules(check_corpus(copied), {"D3"})
    assert finding.left is not None and finding.left >= Decimal("0.8")
    assert [d.year for d in finding.documents] == [2021, 2022]
    fresh = [
        _report(v0, "v2021", 2021, "峨口镇", 1, prose=_prose(1)),
        _report(v1, "v2021", 2022, "峨口镇", 2, prose=_prose(2)),
    ]
    assert _rules(check_corpus(fresh), {"D3"}) == []


def test_near_copy_with_small_edits_still_fires():
    base = _prose(7)
    edited = base[:100] + "新增内容" + base[104:]
    a, b = sketch(base), sketch(edited)
    assert min(a[1], b[1]) >= MIN_SHINGLES
    assert jaccard(a[0], b[0]) >= 0.8


@given(st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_input_order(shuffler):
    shuffled = list(_ORDER_CORPUS)
    shuffler.shuffle(shuffled)
    assert check_corpus(shuffled) == check_corpus(_ORDER_CORPUS)


def _order_corpus():
    rng = random.Random(12)
    reports = []
    for organ in ("凤山乡", "黄庄镇人民政府"):
        series = year_series(rng, range(2019, 2023))
        for year, layout, values in series:
            values = dict(values)
            values[(APPLICATIONS, "carried_over", "total")] += year % 3  # type: ignore[operator]
            reports.append(_report(values, layout, year, organ, year))
    reports.append(reports[0])  # a duplicate
    reports.append(_report(random_values(rng, "v2021"), "v2021", 2022, "凤山乡", prose=_prose(3)))  # D2
    return reports


_ORDER_CORPUS = _order_corpus()


# --- registry and memory ----------------------------------------------------------------
def test_rule_ids_are_stable_and_do_not_clash_with_report_rules():
    from govreport.checks import RULES

    assert CORPUS_RULES.names() == ("S1", "S2", "S3", "S12", "D1", "D2", "D3")
    assert not set(CORPUS_RULES.names()) & set(RULES.names())


def test_disabled_rule_does_not_run():
    rules = CORPUS_RULES.copy()
    rules.disable("D3")
    rng = random.Random(6)
    reports = [_report(random_values(rng, "v2021"), "v2021", y, "峨口镇") for y in (2021, 2022)]
    assert _rules(check_corpus(reports), {"D3"})
    assert _rules(check_corpus(reports, rules=rules), {"D3"}) == []


def test_digest_keeps_only_the_needed_cells():
    report = _report(random_values(random.Random(8), "v2021"), "v2021", 2022, "黄庄镇")
    entry = digest(report)
    assert len(entry.values) == len(KEPT_CELLS) < 60
    assert len(entry.text_sketch) <= 64


def test_check_corpus_accepts_a_generator():
    def reports():
        for year, layout, values in year_series(random.Random(9), range(2019, 2024)):
            yield _report(values, layout, year, "军屯乡", year)

    findings = check_corpus(reports())
    assert _rules(findings) == []
    assert {f.rule for f in findings} <= {"D3"}


@pytest.mark.seeds
def test_seed_with_two_printed_names_links_them(seed):
    report = seed("004")
    assert report.metadata.organ_aliases  # red header 东乡族自治县…, title 东乡县…
    assert digest(report).organ_keys == ("东乡县凤山乡",)


@pytest.mark.seeds
def test_seed_corpus_has_no_false_cross_report_findings(seed):
    reports = [seed(prefix) for prefix in ("000", "001", "002", "003", "004")]
    assert check_corpus(reports) == ()  # five organs, no shared organ-year, no copies
