"""RecentByIdentity: values kept for recent objects, and the per-document stores a parse empties."""

from __future__ import annotations

import pytest

import govreport
from govreport import parser as parser_module
from govreport.checks import compiled
from govreport.recent import RecentByIdentity, forget_documents
from govreport.tables import glued, reading
from govreport.testing import synthetic

_PER_DOCUMENT_STORES = (reading._ANALYSED, compiled._VIEWS, glued._PAIRS)


def _sizes() -> list[int]:
    return [len(store._entries) for store in _PER_DOCUMENT_STORES]


def test_a_value_is_computed_once_per_object_and_never_for_another_at_the_same_id() -> None:
    calls: list[object] = []
    store: RecentByIdentity[list[int], int] = RecentByIdentity(4)

    def make(obj: list[int]) -> int:
        calls.append(obj)
        return len(obj)

    first = [1, 2]
    assert store.get(first, make) == store.get(first, make) == 2
    assert calls == [first]
    other = [1, 2, 3]
    store._entries[(id(other), None)] = (first, 99)  # an entry of an object whose id was reused
    assert store.get(other, make) == 3
    assert store.get(first, make, extra="x") == 2
    assert len(calls) == 3  # ``extra`` is part of the key


def test_a_full_store_starts_again() -> None:
    store: RecentByIdentity[object, int] = RecentByIdentity(2)
    kept = [object() for _ in range(3)]
    for obj in kept:
        store.get(obj, id)
    assert len(store._entries) == 1  # the third value went into an emptied store


def test_forget_documents_empties_the_per_document_stores_only() -> None:
    document_store: RecentByIdentity[object, int] = RecentByIdentity(8, per_document=True)
    lasting: RecentByIdentity[object, int] = RecentByIdentity(8)
    obj = object()
    document_store.get(obj, id)
    lasting.get(obj, id)
    forget_documents()
    assert len(document_store._entries) == 0
    assert len(lasting._entries) == 1


@pytest.mark.parametrize("layout", ["v2019", "v2021"])
def test_a_parse_leaves_nothing_in_the_per_document_stores(layout: str) -> None:
    forget_documents()
    report = govreport.parse(synthetic.generate(3, layout=layout).text)
    assert report.tables  # the stores were used: every grid was analysed, every table viewed
    assert _sizes() == [0, 0, 0]


def test_a_parse_that_fails_midway_leaves_nothing_either(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> object:
        assert len(reading._ANALYSED._entries) > 0  # the grids were analysed before the checks
        raise RuntimeError("a check broke")

    monkeypatch.setattr(parser_module, "run_checks", fail)
    forget_documents()
    with pytest.raises(RuntimeError, match="a check broke"):
        govreport.Parser().parse(synthetic.generate(3, layout="v2021").text)
    assert _sizes() == [0, 0, 0]
