"""The Dask path gives the same rows as the local path, on a LocalCluster with worker processes."""

from __future__ import annotations

import sys

import pytest

from govreport import iter_parse
from govreport.errors import MissingDependencyError
from govreport.export import to_pandas
from tests.corpus_helpers import damaged, report_texts, write_reports

distributed = pytest.importorskip("distributed")  # installed by the dev extra; see pyproject.toml


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask")
    texts = report_texts(14, seed=3)
    texts[4] = damaged(texts[4])
    write_reports(folder, texts)
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01\x02")
    return folder


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.mark.parametrize("table", ["cells", "findings", "reports"])
def test_dask_dataframe_equals_the_local_run(client, corpus, table):
    from govreport.integrations.dask import to_dataframe

    frame = to_dataframe(corpus, table=table, partition_size=4)
    assert frame.npartitions == 4
    remote = frame.compute().reset_index(drop=True)
    local = to_pandas(iter_parse(corpus), table)
    assert len(local) > 0
    assert remote.equals(local)


def test_dask_bag_gives_the_local_results(client, corpus):
    from govreport.integrations.dask import to_bag

    remote = to_bag(corpus, partition_size=3).compute()
    local = list(iter_parse(corpus))
    assert [(r.id, r.path, r.status, r.errors, r.report) for r in remote] == [
        (r.id, r.path, r.status, r.errors, r.report) for r in local
    ]
    assert {r.status.value for r in remote} == {"ok", "partial", "failed"}


def test_missing_dask_names_the_extra(monkeypatch, corpus):
    from govreport.integrations.dask import to_bag

    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(MissingDependencyError, match=r"govreport\[dask\]"):
        to_bag(corpus)
