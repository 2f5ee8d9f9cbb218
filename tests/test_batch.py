from __future__ import annotations

import hashlib
import itertools
import os
import pickle
from pathlib import Path

import pytest

import govreport
from govreport import DocumentStatus, iter_parse
from govreport.batch import DocumentResult, RunSummary, iter_sources, parse_path, reading_problems
from govreport.limits import Limits
from govreport.model.findings import Origin
from tests.corpus_helpers import damaged, report_texts, write_reports

HUGE_BYTES = 20 * 1024 * 1024


def _bad_corpus(root: Path) -> dict[str, Path]:
    """A folder with every kind of document a corpus run meets, and a list file naming it."""
    texts = report_texts(4)
    good = write_reports(root / "a-good", texts)
    files = {f"good{i}": p for i, p in enumerate(good)}
    bad = root / "b-bad"
    bad.mkdir()
    files["partial"] = bad / "partial.txt"
    files["partial"].write_text(damaged(texts[1]), encoding="utf-8")
    files["empty"] = bad / "empty.txt"
    files["empty"].write_bytes(b"")
    files["binary"] = bad / "binary.txt"
    files["binary"].write_bytes(bytes(range(256)) * 64)
    files["broken"] = bad / "broken.txt"
    files["broken"].write_bytes(
        "某镇人民政府2020年政府信息公开工作年度报告\n".encode("gb18030") + b"\xff\xfe\x81" * 40
    )
    files["huge"] = bad / "huge.txt"
    with open(files["huge"], "wb") as handle:  # a real report padded to 20 MB
        handle.write(texts[0].encode("utf-8"))
        handle.write(("。" * 1023 + "\n").encode("utf-8") * (HUGE_BYTES // 3072))
    files["duplicate"] = bad / "z-duplicate.txt"
    files["duplicate"].write_bytes(good[0].read_bytes())
    (bad / "notes.pdf.part").write_bytes(b"ignored: no reader knows this extension")
    (bad / ".hidden.txt").write_bytes(b"ignored: hidden")
    return files


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("corpus")
    return root, _bad_corpus(root)


def _by_name(results: list[DocumentResult], files: dict[str, Path]) -> dict[str, DocumentResult]:
    names = {str(path): name for name, path in files.items()}
    return {names[r.path]: r for r in results if r.path in names}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_corpus_of_bad_files_finishes_with_each_recorded(bad_corpus, jobs):
    root, files = bad_corpus
    missing = root / "missing.txt"
    results = list(iter_parse([root, missing], jobs=jobs))
    got = _by_name(results, {**files, "missing": missing})

    assert len(results) == len(files) + 1  # the unknown extension and the hidden file are not documents
    for i in range(4):
        assert got[f"good{i}"].status is DocumentStatus.OK and got[f"good{i}"].errors == ()
        assert got[f"good{i}"].id == hashlib.sha256(files[f"good{i}"].read_bytes()).hexdigest()
    partial = got["partial"]
    assert partial.status is DocumentStatus.PARTIAL and partial.report is not None
    assert [e.kind for e in partial.errors] == [
        f.rule for f in partial.report.findings if f.origin is Origin.READING
    ]
    failures = {name: got[name] for name in ("empty", "binary", "broken", "huge", "missing")}
    for name, result in failures.items():
        assert result.status is DocumentStatus.FAILED and result.report is None, name
        assert len(result.errors) == 1 and result.errors[0].message, name
    assert failures["empty"].errors[0].kind == "InputError"
    assert failures["binary"].errors[0].kind == "DecodeError"
    assert failures["broken"].errors[0].kind == "DecodeError"
    assert (
        failures["huge"].errors[0].kind == "LimitExceededError"
        and "limit input_bytes exceeded" in failures["huge"].errors[0].message
    )
    assert failures["missing"].errors[0].kind == "InputError" and failures["missing"].id is None
    assert failures["missing"].key == f"path:{missing}"
    duplicate = got["duplicate"]
    assert duplicate.status is DocumentStatus.SKIPPED and duplicate.report is None
    assert duplicate.errors[0].kind == "duplicate" and str(files["good0"]) in duplicate.errors[0].message
    assert duplicate.id == got["good0"].id


def test_one_and_two_processes_give_the_same_results_in_the_same_order(bad_corpus):
    root, _ = bad_corpus
    one = list(iter_parse(root, jobs=1))
    two = list(iter_parse(root, jobs=2))
    assert [(r.id, r.path, r.status, r.errors, r.report) for r in one] == [
        (r.id, r.path, r.status, r.errors, r.report) for r in two
    ]


def test_the_huge_file_parses_when_the_limit_allows_it(bad_corpus):
    _, files = bad_corpus
    # 20 MB of text is also 7 million characters: both limits must allow it.
    result = parse_path(files["huge"], max_bytes=HUGE_BYTES * 2, limits=Limits(characters=HUGE_BYTES))
    assert result.status is DocumentStatus.OK, result.errors
    assert result.report is not None and result.report.version.value == "v2019"
    assert result.report.source.size > HUGE_BYTES * 0.99


def test_skip_by_content_hash(bad_corpus):
    _, files = bad_corpus
    done = hashlib.sha256(files["good1"].read_bytes()).hexdigest()
    results = list(iter_parse([files["good0"], files["good1"]], skip={done}))
    assert [r.status for r in results] == [DocumentStatus.OK, DocumentStatus.SKIPPED]
    assert results[1].errors[0].kind == "done" and results[1].report is None


class _Exploding(govreport.Parser):
    def __init__(self, exc: BaseException) -> None:
        super().__init__()
        self.exc = exc

    def parse_document(self, document):
        raise self.exc


def test_unexpected_exceptions_are_recorded_but_interrupts_are_not_swallowed(bad_corpus):
    _, files = bad_corpus
    result = parse_path(files["good0"], parser=_Exploding(ZeroDivisionError("boom")))
    assert result.status is DocumentStatus.FAILED
    assert (result.errors[0].kind, result.errors[0].message) == ("ZeroDivisionError", "boom")
    assert result.id is not None
    for exc in (KeyboardInterrupt(), MemoryError()):
        with pytest.raises(type(exc)):
            list(iter_parse([files["good0"]], parser=_Exploding(exc)))


def test_a_configured_parser_reaches_the_worker_processes(bad_corpus):
    _, files = bad_corpus
    parser = govreport.Parser()
    parser.rules.disable("L1")
    for jobs in (1, 2):
        results = list(iter_parse([files["good0"], files["good2"]], jobs=jobs, parser=parser))
        assert all(r.report is not None for r in results)
        assert not [f for r in results for f in r.report.findings if f.rule == "L1"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_stream_from_an_endless_source(tmp_path, jobs):
    (path,) = write_reports(tmp_path, report_texts(1))
    endless = itertools.repeat(path)  # never ends: only a streaming run can give its first results
    head = list(itertools.islice(iter_parse(endless, jobs=jobs), 5))
    assert [r.status for r in head] == [DocumentStatus.OK] + [DocumentStatus.SKIPPED] * 4


def test_sources_folders_sorted_and_list_files(tmp_path):
    folder = tmp_path / "data"
    (folder / "b").mkdir(parents=True)
    (folder / "a").mkdir()
    for name in ("b/2.txt", "b/1.md", "a/9.txt", "0.txt", "z.bin"):
        (folder / name).write_text("x", encoding="utf-8")
    listing = tmp_path / "corpus.list"
    listing.write_text("# reports\n\ndata/a\n/abs/x.txt\n data/0.txt \n", encoding="utf-8")
    assert [p.relative_to(folder).as_posix() for p in iter_sources(folder)] == [
        "0.txt",
        "a/9.txt",
        "b/1.md",
        "b/2.txt",
    ]
    assert [str(p) for p in iter_sources(f"@{listing}")] == [
        str(folder / "a" / "9.txt"),
        "/abs/x.txt",
        str(tmp_path / "data" / "0.txt"),
    ]
    with pytest.raises(govreport.InputError):
        list(iter_sources("@" + str(tmp_path / "no.list")))


def test_results_pickle_and_parse_path_is_a_top_level_function(bad_corpus):
    _, files = bad_corpus
    result = parse_path(files["partial"])
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(parse_path)) is parse_path


def test_reading_problems_define_partial():
    clean, broken = report_texts(2)[1], damaged(report_texts(2)[1])
    assert reading_problems(govreport.parse(clean)) == ()
    problems = reading_problems(govreport.parse(broken))
    assert problems and all(p.kind.startswith("R") for p in problems)


def test_summary_counts(bad_corpus):
    root, _ = bad_corpus
    summary = RunSummary()
    for result in iter_parse(root):
        summary.add(result)
    assert summary.status == {"ok": 4, "partial": 1, "failed": 4, "skipped": 1}
    assert sum(summary.version.values()) == 5
    text = "\n".join(summary.lines())
    assert "status:    ok 4, partial 1, failed 4, skipped 1" in text and "R2" in text


def test_jobs_must_be_positive():
    with pytest.raises(ValueError, match="jobs"):
        next(iter_parse([os.devnull], jobs=0))


def test_limits_reach_the_worker_processes(bad_corpus):
    from govreport import Limits

    _, files = bad_corpus
    for jobs in (1, 2):
        results = list(iter_parse([files["good0"], files["good1"]], jobs=jobs, limits=Limits(grid_cells=5)))
        assert [(r.status, r.errors[0].kind) for r in results] == [
            (DocumentStatus.FAILED, "LimitExceededError")
        ] * 2
        assert all(r.errors[0].message.startswith("limit grid_cells exceeded") for r in results)


def test_a_list_file_names_paths_in_any_bytes(tmp_path):
    listing = tmp_path / "names.list"
    listing.write_bytes(
        b"# GB18030 and broken names, as a file system may hold them\n\xc4\xea\xb1\xa8.txt\n\xff.txt\n"
    )
    assert [os.fsencode(p.name) for p in iter_sources(f"@{listing}")] == [
        b"\xc4\xea\xb1\xa8.txt",
        b"\xff.txt",
    ]
