"""Smoke runs of bench_floor on a tiny corpus: the ratios are computed and a wrong parse stops the run.

The rates themselves are not checked (no timed tests); only that every number is there and
follows from the others.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

import bench_floor
from bench_batch import write_corpus
from bench_parse import table3_data_lines
from floor_corpus import EXAMPLES, Sample, build, check_report
from govreport.readers import office

HAS_PANDAS = all(importlib.util.find_spec(m) is not None for m in ("pandas", "lxml"))


def _json_line(out: str) -> dict[str, object]:
    line = next(line for line in reversed(out.splitlines()) if line.startswith("{"))
    result: dict[str, object] = json.loads(line)
    return result


def test_main_measures_every_format_against_its_floor(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--reports", "5", "--repeat", "1", "--formats", "txt", "html", "docx", "--json"]
    assert bench_floor.main(argv) == 0
    out = capsys.readouterr().out
    assert "govreport/s" in out and "floor/s" in out
    summary = _json_line(out)
    assert summary["wrong_parses"] == []
    formats = summary["formats"]
    assert isinstance(formats, dict) and sorted(formats) == ["docx", "html", "txt"]
    for name, row in formats.items():
        assert row["govreport_per_s"] > 0 and row["floor_per_s"] > 0
        assert row["ratio"] == pytest.approx(row["floor_per_s"] / row["govreport_per_s"])
        assert row["files"] >= 5 and row["clock"] == "cpu"
        assert row["target"] == bench_floor.TARGETS[name].describe()
    assert formats["txt"]["files"] == 8  # five generated, three examples
    if HAS_PANDAS:
        assert formats["html"]["pandas_per_s"] > 0
        assert "govreport/pandas" in out


def test_phases_share_out_each_format(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--reports", "5", "--repeat", "1", "--formats", "txt", "--no-examples", "--phases", "--json"]
    assert bench_floor.main(argv) == 0
    out = capsys.readouterr().out
    assert "phases   txt: " in out
    shares = _json_line(out)["phases"]
    assert isinstance(shares, dict) and list(shares) == ["txt"]
    assert sum(shares["txt"].values()) == pytest.approx(1.0)
    assert shares["txt"]["read"] > 0 and shares["txt"]["grid analysis"] > 0


def _corrupt_one_number(path: Path) -> None:
    """Add 1 to the last value of a table-三 data line: the file now disagrees with its truth."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = table3_data_lines(lines)[0]
    fields = lines[index].split("\t")
    fields[-1] = str(int(fields[-1].replace(",", "")) + 1)
    lines[index] = "\t".join(fields)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_wrong_parse_stops_the_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def corrupting_build(folder: Path, *args: object, **kwargs: object) -> dict[str, list[Sample]]:
        corpus = build(folder, *args, **kwargs)  # type: ignore[arg-type]
        victim = next(s for s in corpus["txt"] if s.expect.truth is not None)
        _corrupt_one_number(victim.path)
        return corpus

    monkeypatch.setattr(bench_floor, "build", corrupting_build)
    argv = ["--reports", "5", "--repeat", "1", "--formats", "txt", "--no-examples", "--json"]
    assert bench_floor.main(argv) == 1
    out = capsys.readouterr().out
    assert "WRONG" in out and "differ from the generated truth" in out
    assert "govreport/s" not in out  # nothing was timed
    assert len(_json_line(out)["wrong_parses"]) == 1  # type: ignore[arg-type]


def test_the_check_holds_a_file_to_its_own_truth(tmp_path: Path) -> None:
    samples = [
        s for s in build(tmp_path, 6, seed=3, formats=("txt",), examples=False)["txt"] if s.expect.truth
    ]
    first, second = samples[0], next(s for s in samples[1:] if s.expect.kind == samples[0].expect.kind)
    import govreport

    assert check_report(first, govreport.parse(first.path)) is None
    swapped = Sample(first.path, second.expect)
    assert "differ from the generated truth" in (check_report(swapped, govreport.parse(first.path)) or "")


def test_floors_read_the_bundled_examples() -> None:
    assert "政府信息公开" in str(bench_floor.read_text_floor(EXAMPLES / "2020-v2019-clean.txt"))
    html = bench_floor.html_floor(EXAMPLES / "2023-v2021-page.html")
    assert len(html.findall(".//table")) >= 3  # type: ignore[attr-defined]
    docx = bench_floor.docx_floor(EXAMPLES / "2023-v2021.docx")
    assert str(docx.tag).endswith("}document")  # type: ignore[attr-defined]
    if importlib.util.find_spec("pypdfium2") is not None:
        chars = bench_floor.pdf_floor(EXAMPLES / "2023-v2021.pdf")
        assert isinstance(chars, list) and len(chars) > 500
        assert any(chr(code).isdigit() for code, *_ in chars)
        assert all(left <= right and bottom <= top for _, left, top, right, bottom in chars)


def test_scaling_and_memory_runs(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "corpus", 16, seed=4)
    lines: list[str] = []
    scaling = bench_floor.measure_scaling(tmp_path, paths, repeat=1, say=lines.append, burn=50_000)
    assert scaling["documents"] == 16 and scaling["machine_scaling"] > 0
    assert scaling["share"] == pytest.approx(scaling["scaling"] / scaling["machine_scaling"])
    memory = bench_floor.measure_memory(tmp_path, paths, [8, 16], say=lines.append)
    peaks = memory["peak_rss_mib"]
    assert sorted(peaks) == ["16", "8"] and all(v > 10 for v in peaks.values())
    assert memory["ratio"] == pytest.approx(peaks["16"] / peaks["8"])
    assert [line.split()[0] for line in lines] == ["jobs", "memory"]


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this OS")
def test_pinning_is_undone_for_child_processes() -> None:
    before = os.sched_getaffinity(0)
    allowed = bench_floor.pin_to_one_core()
    try:
        assert allowed == before and len(os.sched_getaffinity(0)) == 1
        with bench_floor.unpinned(allowed):
            assert os.sched_getaffinity(0) == before
        assert len(os.sched_getaffinity(0)) == 1
    finally:
        os.sched_setaffinity(0, before)


@pytest.mark.skipif(office.find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_doc_goes_through_the_batch_api(capsys: pytest.CaptureFixture[str]) -> None:
    argv: Sequence[str] = ["--reports", "5", "--repeat", "1", "--formats", "doc", "--doc-reports", "1"]
    assert bench_floor.main([*argv, "--no-examples", "--json"]) == 0
    row = _json_line(capsys.readouterr().out)["formats"]["doc"]  # type: ignore[index]
    assert row["files"] == 1 and row["clock"] == "wall"
    assert row["govreport_per_s"] > 0 and row["floor_per_s"] > 0
