"""The phase clock of phases.py: exclusive times, undone wrapping, names that must exist, a real parse."""

from __future__ import annotations

import sys
import types
from collections import Counter

import pytest

import phases
from floor_corpus import EXAMPLES


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """A module whose functions advance a fake CPU clock by known amounts; ``outer`` calls ``inner``."""
    module = types.ModuleType("toy_phases")
    clock = [0.0]

    def inner() -> None:
        clock[0] += 3

    def outer() -> None:
        clock[0] += 1
        module.inner()  # looked up at call time, as govreport's modules look up their functions
        clock[0] += 1

    module.inner, module.outer = inner, outer
    monkeypatch.setitem(sys.modules, "toy_phases", module)
    monkeypatch.setattr(phases.time, "process_time", lambda: clock[0])
    return module


def test_a_phase_inside_another_is_taken_out_of_it(toy: types.ModuleType) -> None:
    spent: Counter[str] = Counter()
    with phases._timed((("outer", "toy_phases", "outer"), ("inner", "toy_phases", "inner")), spent):
        toy.outer()
        toy.inner()
    assert spent == {"outer": 2, "inner": 6}


def test_the_wrapping_is_undone_even_when_a_phase_is_unknown(toy: types.ModuleType) -> None:
    original = toy.outer
    spent: Counter[str] = Counter()
    with (
        pytest.raises(LookupError, match="toy_phases has no 'gone'"),
        phases._timed((("outer", "toy_phases", "outer"), ("gone", "toy_phases", "gone")), spent),
    ):
        pass
    assert toy.outer is original


def test_every_named_phase_exists_and_a_parse_is_shared_out() -> None:
    paths = [EXAMPLES / "2022-v2021-damaged.txt", EXAMPLES / "2023-v2021-page.html"]
    if not all(p.is_file() for p in paths):
        pytest.skip("the bundled examples are not there")
    shares = phases.measure_phases(paths)
    named = {phase for phase, _, _ in (*phases.PHASES, *phases.table_reader_phases())}
    assert set(shares) == named | {"other"}
    assert sum(shares.values()) == pytest.approx(1.0)
    assert all(share >= -1e-9 for share in shares.values())
    assert shares["read"] > 0 and shares["table readers"] > 0 and shares["grid analysis"] > 0
    assert "read" in phases.describe(shares)


def test_a_method_phase_is_restored_on_its_class() -> None:
    from govreport.parser import Parser

    original = Parser.__dict__["_read"]
    with phases._timed((("read", "govreport.parser:Parser", "_read"),), Counter()):
        assert Parser.__dict__["_read"] is not original
    assert Parser.__dict__["_read"] is original


def test_no_files_is_an_error() -> None:
    with pytest.raises(ValueError, match="no files"):
        phases.measure_phases([])
