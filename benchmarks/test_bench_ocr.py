"""Smoke run of bench_ocr: one scanned report at one dpi (assertions on the output's shape only)."""

from __future__ import annotations

import json

import pytest

import bench_ocr
from govreport.readers import office

pytestmark = pytest.mark.skipif(
    office.find_soffice() is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui",
)
pytest.importorskip("tesserocr", reason="the ocr extra (tesserocr) is not installed")


def test_bench_ocr_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_ocr.main(["--reports", "1", "--dpi", "300", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["results"][0]
    assert result["dpi"] == 300 and result["pages"] >= 2 and result["cells"] >= 190
    assert 0 <= result["silent_errors"] <= result["wrong"]
