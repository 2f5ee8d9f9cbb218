from __future__ import annotations

import gc
import json
from pathlib import Path

from click.testing import CliRunner

from govreport import parse
from govreport.app.cli import main
from govreport.batch.garbage import FIRST_GENERATION
from govreport.export import CELLS
from govreport.testing.synthetic import generate
from tests.helpers import applications_text, report_text, zero_rows


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_parse_prints_json_per_file(tmp_path):
    a = _write(tmp_path, "a.txt", generate(1, layout="v2019").text)
    b = _write(tmp_path, "b.txt", generate(2, layout="v2021").text)
    result = CliRunner().invoke(main, ["parse", str(a), str(b)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert [json.loads(line)["version"] for line in lines] == ["v2019", "v2021"]


def test_parse_cells_prints_one_line_per_cell(tmp_path):
    path = _write(tmp_path, "r.txt", generate(3, layout="v2021").text)
    result = CliRunner().invoke(main, ["parse", "--cells", str(path)])
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 10 + 175 + 15
    first = records[0]
    assert list(first) == list(CELLS.names)  # the columns of the cells export, in its order
    assert first["table"] == "active" and first["row_key"] == "regulations" and first["line"] > 0
    money = next(r for r in records if r["column_key"] == "amount")
    assert isinstance(money["value"], str) and money["unit"] in ("元", "万元")


def test_parse_cells_prints_what_the_cells_export_writes(tmp_path):
    a = _write(tmp_path, "a.txt", generate(5, layout="v2019").text)
    b = _write(tmp_path, "b.txt", generate(6, layout="v2021").text)
    printed = CliRunner().invoke(main, ["parse", "--cells", str(a), str(b)])
    out = tmp_path / "cells.jsonl"
    written = CliRunner().invoke(main, ["parse", str(a), str(b), "--out", str(out)])
    assert printed.exit_code == 0 and written.exit_code == 0, written.output
    assert printed.output == out.read_text(encoding="utf-8")


def test_check_exit_codes(tmp_path):
    good = _write(tmp_path, "good.txt", generate(4, layout="v2019").text)
    rows = zero_rows()
    rows["new_received"] = ["2", "0", "0", "0", "0", "0", "2"]
    bad = _write(tmp_path, "bad.txt", report_text(applications_text(rows)))
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(good)]).exit_code == 0
    result = runner.invoke(main, ["check", str(good), str(bad)])
    assert result.exit_code == 1
    assert "H1" in result.output and "错误" in result.output


def test_broken_file_is_reported_and_the_rest_still_run(tmp_path):
    good = _write(tmp_path, "good.txt", generate(5).text)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02garbage")
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(main, ["parse", str(binary), str(missing), str(good)])
    assert result.exit_code == 3
    assert "DecodeError" in result.stderr and "InputError" in result.stderr
    assert json.loads(result.stdout.strip())["source"]["path"].endswith("good.txt")


def test_rules_plugins_schema():
    runner = CliRunner()
    rules = runner.invoke(main, ["rules"]).output
    assert rules.splitlines()[0].startswith("H1\thard\terror")
    assert "example" not in runner.invoke(main, ["plugins"]).output
    schema = json.loads(runner.invoke(main, ["schema"]).output)
    assert schema["$ref"] == "#/$defs/Report" or "Report" in schema["$defs"]


def test_parse_out_writes_a_table_and_prints_a_summary(tmp_path):
    a = _write(tmp_path, "a.txt", generate(1, layout="v2019").text)
    b = _write(tmp_path, "b.txt", generate(2, layout="v2021").text)
    out = tmp_path / "cells.jsonl"
    result = CliRunner().invoke(main, ["parse", str(a), str(b), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "status:    ok 2" in result.output and "version:   v2019 1, v2021 1" in result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = sum(len(t.cells) for path in (a, b) for t in parse(path).tables)
    assert len(rows) == expected
    assert {r["file"] for r in rows} == {str(a), str(b)}
    assert {r["version"] for r in rows} == {"v2019", "v2021"}
    misuse = CliRunner().invoke(main, ["parse", str(a), "--out", str(tmp_path / "x.csv"), "--cells"])
    assert misuse.exit_code == 2 and "--table" in misuse.output
    unknown = CliRunner().invoke(main, ["parse", str(a), "--out", str(tmp_path / "x.xlsx")])
    assert unknown.exit_code == 4 and ".parquet" in unknown.output


def test_limits_from_the_command_line(tmp_path):
    a = _write(tmp_path, "a.txt", generate(1, layout="v2019").text)
    runner = CliRunner()
    small = runner.invoke(main, ["parse", str(a), "--limit", "grid_cells=100"])
    assert small.exit_code == 3 and "LimitExceededError: limit grid_cells exceeded" in small.stderr
    tiny = runner.invoke(main, ["parse", str(a), "--max-bytes", "10"])
    assert tiny.exit_code == 3 and "limit input_bytes exceeded" in tiny.stderr
    roomy = runner.invoke(main, ["parse", str(a), "--limit", "input_bytes=1_000_000", "--timeout", "30"])
    assert roomy.exit_code == 0 and json.loads(roomy.stdout)["version"] == "v2019"
    checked = runner.invoke(main, ["check", str(a), "--limit", "grid_cells=5", "--jobs", "2"])
    assert checked.exit_code == 3 and "limit grid_cells exceeded" in checked.stderr
    refusals = {
        "bogus=1": "expected NAME=VALUE",
        "seconds": "expected NAME=VALUE",
        "pdf_pages=0": "greater than 0",
        "pdf_pages=1.5": "not a whole number",
        "seconds=soon": "not a number",
    }
    for setting, message in refusals.items():
        refused = runner.invoke(main, ["parse", str(a), "--limit", setting])
        assert refused.exit_code == 2 and message in refused.output, refused.output
    clash = runner.invoke(main, ["parse", str(a), "--max-bytes", "5", "--limit", "input_bytes=6"])
    assert clash.exit_code == 2 and "disagree" in clash.output


def test_the_parse_help_lists_every_limit_with_its_reason():
    from attrs import fields

    from govreport.limits import LIMIT_DOCS, Limits

    text = CliRunner().invoke(main, ["parse", "--help"], terminal_width=400).output
    for field in fields(Limits):
        assert field.name in text and LIMIT_DOCS[field.name].split(".")[0] in text


def test_the_command_collects_garbage_less_often_in_its_own_process():
    before = gc.get_threshold()
    gc.set_threshold(700, *before[1:])
    try:
        assert CliRunner().invoke(main, ["rules"]).exit_code == 0
        assert gc.get_threshold() == (FIRST_GENERATION, *before[1:])
    finally:
        gc.set_threshold(*before)
