"""The heaviest hostile inputs, each parsed in a child process: time and peak memory bounded.

Peak memory is the child's high-water mark, imports included (about 60 MiB); issue 7
asks for under 512 MiB for any input under the default limits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile import generators as gen
from tests.hostile.isolated import parse_in_child

MAX_PEAK_MIB = 512

# Sizes just past the default limits, so the default run stays quick; benchmarks/bench_hostile.py
# runs the sizes of the issue.
_HEAVY = [
    gen.Case("docx: 95 MB inflated", ".docx", lambda: gen.docx_inflation_bomb(95)),
    gen.Case("docx: 95 MB, lying headers", ".docx", lambda: gen.docx_lying_sizes(95)),
    gen.Case("pdf: 256 MiB flate bomb", ".pdf", lambda: gen.pdf_flate_bomb(256)),
    gen.Case("pdf: 600k tiny paths", ".pdf", lambda: gen.pdf_path_bomb(600_000)),
    gen.Case("pdf: 600k-segment path", ".pdf", lambda: gen.pdf_segment_bomb(600_000)),
    gen.Case("text: 9 MB digit line", ".txt", lambda: gen.long_digit_line(9_000_000)),
    gen.Case("html: huge spans", ".html", lambda: gen.html_huge_spans(300)),
]
_EXPECTED = {
    "docx": "ArchiveError",
    "pdf: 256": "LimitExceededError (inflated_bytes)",
    "pdf: 600k": "LimitExceededError (pdf_objects)",
    "text": "LimitExceededError (characters)",
    "html": "LimitExceededError (grid_cells)",
}


@pytest.mark.parametrize("case", _HEAVY, ids=[case.name for case in _HEAVY])
def test_heavy_input_ends_in_a_library_error_within_time_and_memory(tmp_path: Path, case: gen.Case) -> None:
    if case.suffix == ".pdf":
        pytest.importorskip("pypdfium2")
    result = parse_in_child(case.write(tmp_path), timeout=120)
    expected = next(outcome for prefix, outcome in _EXPECTED.items() if case.name.startswith(prefix))
    assert result.outcome == expected
    assert result.peak_mib < MAX_PEAK_MIB
