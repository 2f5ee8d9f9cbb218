"""pytest-benchmark timing of reading one text-layer PDF report, and a smoke run of bench_pdf.

Run the timings with ``.venv/bin/python -m pytest benchmarks/test_bench_pdf.py`` and
smoke-run them (each once, assertions only) with ``--benchmark-disable``. Both need
LibreOffice to print the generated reports to PDF and skip without it.
"""

from __future__ import annotations

import pytest

import bench_pdf
from govreport import parse
from govreport.readers import office, read_document
from govreport.testing import synthetic
from govreport.testing.render import render_docx

pytestmark = [
    pytest.mark.benchmark(group="pdf"),
    pytest.mark.skipif(
        office.find_soffice() is None,
        reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui",
    ),
]
pytest.importorskip("pypdfium2", reason="the pdf extra (pypdfium2) is not installed")


@pytest.fixture(scope="module")
def report_pdf() -> tuple[synthetic.SyntheticReport, bytes]:
    truth = synthetic.generate(11, layout="v2021")
    pdf = office.convert(render_docx(synthetic.form_document(truth)), source="docx", target="pdf")
    return truth, pdf


def test_read_pdf_report(benchmark, report_pdf) -> None:
    truth, pdf = report_pdf

    document = benchmark(read_document, pdf, format="pdf")

    assert len(document.grids) == 3
    assert all(c.location.page and c.location.bbox for g in document.grids for c in g.cells)
    assert truth.mismatches(parse(pdf, format="pdf")) == {}  # the generated truth is the oracle


def test_bench_pdf_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_pdf.main(["--reports", "2", "--repeat", "1", "--doc-files", "0", "--json"]) == 0
    out = capsys.readouterr().out
    assert "reports/s" in out and '"benchmark": "govreport.pdf_doc"' in out
