"""The limits policy: Limits values, the per-document budget, and reading only regular files."""

from __future__ import annotations

import pickle
import socket
import threading
import time
from pathlib import Path

import pytest
from attrs import fields
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport.errors import InputError, LimitExceededError, NotRegularFileError
from govreport.files import read_regular_file
from govreport.limits import DEFAULT_LIMITS, LIMIT_DOCS, Budget, Limits, current_budget, document_budget
from govreport.testing.synthetic import generate


def test_every_limit_is_documented_and_positive():
    assert [a.name for a in fields(Limits)] == list(LIMIT_DOCS)
    for attribute in fields(Limits):
        assert getattr(DEFAULT_LIMITS, attribute.name) > 0
        with pytest.raises(ValueError):
            Limits(**{attribute.name: 0})


def test_the_error_names_the_limit_and_survives_pickling():
    error = LimitExceededError("grid_cells", 250_000, 200_000)
    assert isinstance(error, InputError)
    assert str(error) == "limit grid_cells exceeded: 250,000 > 200,000"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.limit, copy.value, copy.maximum, str(copy)) == ("grid_cells", 250_000, 200_000, str(error))


@given(st.lists(st.integers(0, 50), max_size=20), st.integers(1, 400))
def test_charges_add_up_and_fail_exactly_when_the_total_passes_the_limit(amounts, maximum):
    budget = Budget(Limits(pdf_objects=maximum))
    total = 0
    for amount in amounts:
        total += amount
        if total > maximum:
            with pytest.raises(LimitExceededError) as caught:
                budget.charge("pdf_objects", amount)
            assert caught.value.value == total
            return
        budget.charge("pdf_objects", amount)


def test_the_deadline_passes():
    budget = Budget(Limits(seconds=0.01))
    budget.check_time()
    time.sleep(0.02)
    with pytest.raises(LimitExceededError, match="limit seconds exceeded"):
        budget.check_time()
    Budget(Limits(seconds=0.01), timed=False).check_time()  # untimed never expires


def test_a_budget_is_per_document_and_nested_calls_share_it():
    assert current_budget().deadline == float("inf")  # outside a parse: untimed defaults
    with document_budget(Limits(seconds=5)) as outer:
        with document_budget() as inner:  # a reader called inside the parse
            assert inner is outer is current_budget()
        with document_budget(Limits(seconds=7)) as fresh:  # a new document
            assert fresh is not outer and fresh.limits.seconds == 7
        assert current_budget() is outer
    assert current_budget() is not outer


def test_budgets_of_threads_do_not_mix():
    seen: dict[str, float] = {}

    def work(name: str, seconds: float) -> None:
        with document_budget(Limits(seconds=seconds)):
            time.sleep(0.01)
            seen[name] = current_budget().limits.seconds

    threads = [threading.Thread(target=work, args=(f"t{i}", 10.0 + i)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {f"t{i}": 10.0 + i for i in range(4)}


# --- regular files only -------------------------------------------------------------------
def test_a_regular_file_reads_whole_up_to_the_limit(tmp_path: Path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100) == b"x" * 100
    with pytest.raises(LimitExceededError) as caught:
        read_regular_file(path, 99)
    assert (caught.value.limit, caught.value.value, caught.value.maximum) == ("input_bytes", 100, 99)


def test_a_socket_is_refused(tmp_path: Path):
    # Devices, FIFOs and folders: tests/hostile/test_files.py.
    sock_path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(sock_path))
        with pytest.raises(NotRegularFileError, match="socket"):
            read_regular_file(sock_path, 1000)


def test_parse_applies_the_parsers_limits(tmp_path: Path):
    text = generate(3).text
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    assert govreport.Parser(limits=Limits(input_bytes=size)).parse(path).tables
    with pytest.raises(LimitExceededError, match="input_bytes"):
        govreport.Parser(limits=Limits(input_bytes=size - 1)).parse(path)
    with pytest.raises(LimitExceededError, match="input_bytes"):
        govreport.Parser(limits=Limits(input_bytes=size - 1)).parse(path.read_bytes())
    with pytest.raises(LimitExceededError, match="characters"):
        govreport.Parser(limits=Limits(characters=len(text) - 1)).parse(text)
    with pytest.raises(LimitExceededError, match="grid_cells"):
        govreport.Parser(limits=Limits(grid_cells=10)).parse(text)


def test_one_budget_covers_reading_and_parsing_and_parse_document_keeps_the_parsers_limits():
    text = generate(3).text
    tight = govreport.Parser(limits=Limits(grid_cells=10))
    document = govreport.Parser().read_document(text)
    with pytest.raises(LimitExceededError, match="grid_cells"):
        tight.parse_document(document)  # no run in progress: the parser's own limits
    with document_budget(Limits()):  # a batch run's budget: its limits win
        assert tight.parse_document(document).tables
