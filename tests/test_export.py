from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport import iter_parse
from govreport.errors import MissingDependencyError, UnknownNameError
from govreport.export import (
    CELLS,
    FINDINGS,
    REPORTS,
    TABLES,
    ColumnType,
    CorpusWriter,
    OutputError,
    arrow_schema,
    arrow_schemas,
    export_table,
    to_pandas,
)
from govreport.export.arrow import import_pyarrow
from govreport.export.columns import wide_cell_keys
from govreport.export.text import FORMULA_PREFIXES, json_dumps, path_bytes, readable, spreadsheet_safe
from govreport.export.writers import encode_rows
from govreport.testing.synthetic import generate
from tests.corpus_helpers import damaged, report_texts, write_reports

FORMATS = ("jsonl", "csv", "parquet")
WAN_PER = {"万元": Decimal(1), "元": Decimal("0.0001")}


def write(out: Path, sources, table: str = "cells", batch_size: int = 3) -> None:
    with CorpusWriter(out, table=table, batch_size=batch_size) as writer:
        for result in iter_parse(sources, skip=writer.done):
            writer.write(result)


def _typed(value: str, column_type: ColumnType):
    if value == "":
        return None
    types = {
        ColumnType.INT: int,
        ColumnType.FLOAT: float,
        ColumnType.STRING: str,
        ColumnType.DECIMAL: Decimal,
    }
    return types[column_type](value)


def read_rows(out: Path, table: str = "cells") -> list[dict]:
    """Rows of an output file of any format, typed by the table's columns."""
    spec = export_table(table)
    if out.suffix == ".jsonl":  # exact decimals are JSON text
        decimals = {c.name for c in spec.columns if c.type is ColumnType.DECIMAL}
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        return [
            {k: Decimal(v) if k in decimals and v is not None else v for k, v in row.items()} for row in rows
        ]
    if out.suffix == ".csv":
        with open(out, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            assert next(reader) == list(spec.names)
            types = [c.type for c in spec.columns]
            return [
                {c.name: _typed(v, t) for c, v, t in zip(spec.columns, row, types, strict=True)}
                for row in reader
            ]
    parts = sorted(out.glob("part-*.parquet"))
    if not parts:
        return []
    return pa.concat_tables([pq.read_table(p) for p in parts]).to_pylist()


def _normalise_empty_strings(rows: list[dict]) -> list[dict]:
    # CSV cannot tell "" from a missing value; compare the other formats the same way.
    return [{k: (None if v == "" else v) for k, v in row.items()} for row in rows]


@settings(max_examples=8, deadline=None)
@given(
    seeds=st.lists(st.integers(0, 10_000), min_size=1, max_size=4, unique=True),
    damage=st.booleans(),
    table=st.sampled_from(sorted(TABLES)),
)
def test_jsonl_csv_and_parquet_hold_the_same_rows(seeds, damage, table):
    texts = [generate(seed).text for seed in seeds]
    if damage:
        texts[0] = damaged(texts[0])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_reports(folder / "in", texts)
        outputs = {}
        for fmt in FORMATS:
            write(folder / f"out.{fmt}", folder / "in", table=table)
            outputs[fmt] = _normalise_empty_strings(read_rows(folder / f"out.{fmt}", table))
    assert outputs["jsonl"] == outputs["csv"] == outputs["parquet"]
    assert all(list(row) == list(export_table(table).names) for row in outputs["jsonl"])
    if table == "cells":
        assert len(outputs["jsonl"]) == sum(len(t.cells) for r in iter_parse_texts(texts) for t in r.tables)


def iter_parse_texts(texts):
    from govreport import parse

    return [parse(text) for text in texts]


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 100_000), layout=st.sampled_from(["v2019", "v2021"]))
def test_cell_values_are_exact(seed, layout):
    truth = generate(seed, layout=layout)
    with tempfile.TemporaryDirectory() as tmp:
        (path,) = write_reports(Path(tmp), [truth.text])
        (result,) = iter_parse(path)
    rows = list(CELLS.rows(result))
    for row in rows:
        expected = truth.values[(row["table"], row["row_key"], row["column_key"])]
        if row["state"] == "read":
            assert (row["unit"] is not None) == isinstance(expected, Decimal)
            value = Decimal(row["value"])  # exact text: money in the unit the report printed
            if row["unit"] is None:
                assert (
                    row["value"] == str(expected) and row["count"] == expected and row["value_yuan"] is None
                )
            else:  # value_yuan: the same money in 元, whatever unit was printed
                assert value * WAN_PER[row["unit"]] == expected and row["count"] is None
                assert row["value_yuan"] == expected * 10_000
        else:
            assert row["value"] is None and expected is None
    assert {(r["table"], r["row_key"], r["column_key"]) for r in rows} == set(truth.values)


def test_published_schema_matches_the_columns_and_the_parquet_files(tmp_path):
    schemas = arrow_schemas()
    assert set(schemas) == {"documents", "cells", "findings", "narrative", "reports"}
    for name, spec in TABLES.items():
        schema = schemas[name]
        assert schema.names == list(spec.names)
        assert len(set(spec.names)) == len(spec.names)
        assert all(field.metadata[b"description"] for field in schema)
        assert schema.metadata[b"govreport.table"] == name.encode()
    write_reports(tmp_path / "in", report_texts(3))
    write(tmp_path / "cells.parquet", tmp_path / "in")
    stored = pq.read_schema(next((tmp_path / "cells.parquet").glob("part-*.parquet")))
    assert stored.equals(arrow_schema("cells"), check_metadata=True)
    with pytest.raises(UnknownNameError):
        arrow_schema("nope")


def test_reports_table_one_row_per_document_with_wide_cells(tmp_path):
    texts = report_texts(3)
    write_reports(tmp_path / "in", texts)
    (tmp_path / "in" / "zz-empty.txt").write_bytes(b"")
    (tmp_path / "in" / "zz-dup.txt").write_text(texts[0], encoding="utf-8")
    write(tmp_path / "reports.jsonl", tmp_path / "in", table="reports")
    rows = read_rows(tmp_path / "reports.jsonl", "reports")
    assert [r["status"] for r in rows] == ["ok", "ok", "ok", "failed"]  # the duplicate gets no row
    assert rows[3]["reasons"].startswith("InputError: ") and rows[3]["version"] is None
    v2019 = rows[0]
    assert v2019["version"] == "v2019"
    assert v2019["applications__new_received__total"] is not None
    assert v2019["findings_info"] == v2019["rule_L1"]
    narrative = rows[2]
    assert narrative["version"] == "narrative"
    assert all(narrative[f"{t}__{r}__{c}"] is None for t, r, c in wide_cell_keys())
    assert len([c for c in REPORTS.names if c.count("__") == 2]) == len(wide_cell_keys())


def test_money_in_the_wide_table_is_in_yuan_and_counts_are_integers(tmp_path):
    for seed in range(40):  # find a report that prints money in 元
        truth = generate(seed, layout="v2021")
        if "（元）" in truth.text or "单位：元" in truth.text:
            break
    (path,) = write_reports(tmp_path, [truth.text])
    (result,) = iter_parse(path)
    (row,) = REPORTS.rows(result)
    for cell in (c for t in result.report.tables for c in t.cells if c.unit and c.value is not None):
        assert row[f"{cell.table}__{cell.row}__{cell.column}"] == cell.in_unit("元")
    counts = [c for t in result.report.tables for c in t.cells if c.unit is None and c.value is not None]
    assert counts and all(type(row[f"{c.table}__{c.row}__{c.column}"]) is int for c in counts)


def test_findings_table(tmp_path):
    texts = [damaged(report_texts(2)[1])]
    write_reports(tmp_path / "in", texts)
    (result,) = iter_parse(tmp_path / "in")
    rows = list(FINDINGS.rows(result))
    assert [r["rule"] for r in rows] == [f.rule for f in result.report.findings]
    recovered = next(r for r in rows if r["rule"] == "R2")
    assert recovered["origin"] == "reading" and recovered["cells"].startswith("applications/")
    assert recovered["line"] is not None


def test_to_pandas_equals_the_parquet_output(tmp_path):
    write_reports(tmp_path / "in", report_texts(4))
    write(tmp_path / "cells.parquet", tmp_path / "in")
    frame = to_pandas(iter_parse(tmp_path / "in"), "cells")
    stored = pq.read_table(tmp_path / "cells.parquet").to_pandas(types_mapper=__import__("pandas").ArrowDtype)
    assert list(frame.columns) == list(CELLS.names)
    assert frame.equals(stored)
    assert str(frame["year"].dtype) == "int64[pyarrow]" and str(frame["value"].dtype) == "string[pyarrow]"


def test_missing_pyarrow_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingDependencyError, match=r"govreport\[parquet\]"):
        import_pyarrow()


def test_unknown_output_extension_and_existing_output(tmp_path):
    with pytest.raises(OutputError, match=r"\.jsonl"):
        CorpusWriter(tmp_path / "out.xlsx")
    (tmp_path / "taken.csv").write_text("someone else's data\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"no \.journal"):
        CorpusWriter(tmp_path / "taken.csv")
    CorpusWriter(tmp_path / "taken.csv", restart=True).close()
    assert (tmp_path / "taken.csv").read_text(encoding="utf-8").startswith("document_id,")
    with pytest.raises(OutputError, match="other settings"):
        CorpusWriter(tmp_path / "taken.csv", table="findings")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_an_output_changed_behind_the_journal_is_refused(tmp_path, fmt):
    write_reports(tmp_path / "in", report_texts(3))
    out = tmp_path / f"cells.{fmt}"
    write(out, tmp_path / "in")
    if fmt == "csv":
        out.write_bytes(out.read_bytes()[:100])
    else:
        for part in out.glob("part-*"):
            part.unlink()
    with pytest.raises(OutputError, match="--restart"):
        CorpusWriter(out)
    CorpusWriter(out, restart=True).close()


def test_a_journal_torn_inside_its_header_starts_afresh(tmp_path):
    write_reports(tmp_path / "in", report_texts(2))
    out = tmp_path / "cells.jsonl"
    out.with_name("cells.jsonl.journal").write_bytes(b'{"journal": "govre')
    write(out, tmp_path / "in")
    whole = tmp_path / "whole.jsonl"
    write(whole, tmp_path / "in")
    assert out.read_bytes() == whole.read_bytes() and out.stat().st_size > 0


FORMULAS = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"]


def _plain_number(text: str) -> bool:
    body = text[1:] if text[:1] in "+-" else text
    whole, dot, fraction = body.partition(".")
    return whole.isdecimal() and (not dot or fraction.isdecimal())


@given(text=st.one_of(st.text(max_size=12), st.from_regex(r"\A[-+=@\t\r][0-9.]{0,4}\Z")))
def test_spreadsheet_safe_quotes_exactly_what_a_spreadsheet_could_run(text):
    if text.startswith(FORMULA_PREFIXES) and not _plain_number(text):
        assert spreadsheet_safe(text) == "'" + text
    else:
        assert spreadsheet_safe(text) == text


def test_csv_text_cells_are_kept_from_running_as_formulas_and_numbers_stay_numbers():
    rows = [
        {"rule": text, "message": text, "difference": "-3", "left": "+1.5", "line": -3, "page": 2}
        for text in FORMULAS
    ]
    safe = list(csv.reader(io.StringIO(encode_rows("csv", FINDINGS, rows).decode("utf-8"), newline="")))
    raw = list(
        csv.reader(io.StringIO(encode_rows("csv", FINDINGS, rows, csv_raw=True).decode("utf-8"), newline=""))
    )
    column = {name: i for i, name in enumerate(FINDINGS.names)}
    for text, safe_row, raw_row in zip(FORMULAS, safe, raw, strict=True):
        assert safe_row[column["message"]] == safe_row[column["rule"]] == "'" + text
        assert raw_row[column["message"]] == text
        for row in (safe_row, raw_row):  # numbers, typed or exact text, are left alone
            assert (row[column["difference"]], row[column["left"]], row[column["line"]]) == (
                "-3",
                "+1.5",
                "-3",
            )


def test_csv_output_of_a_file_named_like_a_formula(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from govreport.app.cli import main

    monkeypatch.chdir(tmp_path)
    (source,) = write_reports(tmp_path, report_texts(1))
    source.rename(tmp_path / "=1+2.txt")
    for flag, expected in (([], "'=1+2.txt"), (["--csv-raw"], "=1+2.txt")):
        out = tmp_path / f"reports{len(flag)}.csv"
        result = CliRunner().invoke(
            main, ["parse", "=1+2.txt", "--out", str(out), "--table", "reports", *flag]
        )
        assert result.exit_code == 0, result.output
        (row,) = read_rows(out, "reports")
        assert row["file"] == expected and row["year"] > 2000
    journal = (tmp_path / "reports0.csv.journal").read_text(encoding="utf-8")
    assert '"csv_cells": "spreadsheet-safe"' in journal  # resuming with --csv-raw is refused, not mixed
    with pytest.raises(OutputError, match="other settings"):
        CorpusWriter(tmp_path / "reports0.csv", table="reports", csv_raw=True)


@given(name=st.binary(min_size=1, max_size=24))
def test_any_file_name_bytes_survive_every_text_form(name):
    path = os.fsdecode(name)
    line = json_dumps({"file": path})
    assert json.loads(line.encode("utf-8"))["file"] == path  # valid UTF-8, and the same string back
    assert os.fsencode(json.loads(line)["file"]) == name
    hex_bytes = path_bytes(path)
    assert (hex_bytes is None) == _is_utf8(name)
    assert (bytes.fromhex(hex_bytes) if hex_bytes is not None else path.encode("utf-8")) == name
    assert readable(path).encode("utf-8") and (readable(path) == path) == _is_utf8(name)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_a_bare_carriage_return_inside_a_csv_cell_stays_in_its_row():
    rows = [{"message": "first\rsecond", "rule": "a\r\nb", "line": 1}, {"message": "next", "line": 2}]
    text = encode_rows("csv", FINDINGS, rows).decode("utf-8")
    read = list(csv.reader(io.StringIO(text, newline="")))
    column = {name: i for i, name in enumerate(FINDINGS.names)}
    assert [(r[column["message"]], r[column["rule"]], r[column["line"]]) for r in read] == [
        ("first\rsecond", "a\r\nb", "1"),
        ("next", "", "2"),
    ]
    assert text.endswith("\n") and "\r\n" not in text.replace('"a\r\nb"', "")  # rows end in LF


def test_counts_and_money_that_do_not_fit_their_column_are_null_and_kept_as_text():
    from govreport.export.spec import count, yuan

    assert count(3) == 3 and count(-(2**63)) == -(2**63)
    assert count(2**63) is None and count(Decimal("1.5")) is None and count(None) is None
    assert (
        yuan(Decimal("78.3475"), "万元") == Decimal("783475")
        and str(yuan(Decimal("78.3475"), "万元")) == "783475"
    )
    assert yuan(Decimal("1.25"), "元") == Decimal("1.25") and yuan(5, None) is None
    assert yuan(Decimal("0.0000000001"), "万元") == Decimal("0.000001")
    assert yuan(Decimal("0.00000000001"), "万元") is None  # more than 6 decimals of 元
    assert yuan(10**40, "元") is None


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 100_000), damage=st.booleans())
def test_a_table_given_column_by_column_gives_the_same_batch_and_rows(seed, damage):
    from govreport.batch import parse_data
    from govreport.export.arrow import columns_batch, record_batch

    text = generate(seed).text
    result = parse_data((damaged(text) if damage else text).encode("utf-8"), name="r.txt")
    tables = [spec for spec in TABLES.values() if spec.column_values is not None]
    assert tables  # the cells table is given by columns
    for spec in tables:
        columns = spec.column_values(result)
        assert list(columns) == list(spec.names)
        rows = list(spec.rows(result))
        by_row = [list(values) for values in zip(*columns.values(), strict=True)]
        assert [list(row.values()) for row in rows] == by_row
        assert rows and record_batch(spec, rows).equals(columns_batch(spec, columns))


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10_000), damage=st.booleans(), table=st.sampled_from(sorted(TABLES)))
def test_encoded_rows_pickle_to_the_same_rows_in_every_format(seed, damage, table):
    # Workers send each document's encoded rows to the main process pickled; an Arrow batch
    # travels as one IPC message and must come back with the same rows, types and schema.
    import pickle

    from govreport.export.encoding import RowEncoder

    text = generate(seed).text
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_reports(folder, [damaged(text) if damage else text])
        (result,) = iter_parse([folder], jobs=1)
    for fmt in ("parquet", "jsonl", "csv"):
        encoded = RowEncoder(fmt, table)(result)
        restored = pickle.loads(pickle.dumps(encoded))
        payload, back = encoded.payload, restored.payload
        assert back.format == fmt and back.table == table and back.csv_raw is False
        if fmt != "parquet" or payload.data is None:
            assert back == payload
            continue
        assert isinstance(back.data, pa.RecordBatch)
        assert back.data.equals(payload.data)
        assert back.data.schema.equals(arrow_schema(table), check_metadata=True)
