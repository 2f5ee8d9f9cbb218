"""Smoke test of ``pdf_patterns.py`` without LibreOffice or font setups (``make test`` runs it)."""

from __future__ import annotations

import pytest

pytest.importorskip("pypdfium2", reason="the pdf extra (pypdfium2) is not installed")


def test_pdf_patterns_prints_every_cell_read(capsys: pytest.CaptureFixture[str]):
    import pdf_patterns

    pdf_patterns.main(["--no-office", "--no-setups"])
    lines = capsys.readouterr().out.splitlines()
    assert lines
    for line in lines:
        counts = [part.split("/") for part in line.replace(",", " ").split() if "/" in part]
        assert counts and all(read == total for read, total in counts), line
