"""Render a generated report as text copied from a report page: every table cell on a line of its own.

The fixture builder for one-cell-per-line tables (see
:mod:`govreport.readers.cell_lines`): each tab-separated table line of a generated
report becomes one line per non-empty cell, optionally followed by a stray `` |`` as
some page copies leave it. Prose lines are kept.
"""

from __future__ import annotations


def render_cell_per_line(text: str, *, stray_pipes: bool = False, blank_lines: bool = False) -> str:
    """``text`` with each table cell on a line of its own (empty cells leave no line)."""
    out: list[str] = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        for cell in line.split("\t"):
            if cell.strip():
                out.append(cell.strip() + (" |" if stray_pipes else ""))
                if blank_lines:
                    out.append("")
    return "\n".join(out)
