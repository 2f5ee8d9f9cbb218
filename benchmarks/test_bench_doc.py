"""Smoke run of the DOC corpus benchmark on three files (numbers are not checked, only sanity)."""

from __future__ import annotations

import json

import pytest

import bench_doc
from govreport.readers import office

pytestmark = pytest.mark.skipif(
    office.find_soffice() is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui",
)


def test_bench_doc_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_doc.main(["--files", "3", "--no-jobs2", "--json"]) == 0
    out = capsys.readouterr().out
    result = json.loads(out.splitlines()[-1])
    assert result["benchmark"] == "govreport.doc" and result["identical"] is True
    assert set(result["runs"]) == {"one_by_one", "jobs1"}
    assert all(run["docs_per_cpu_s"] > 0 for run in result["runs"].values())
