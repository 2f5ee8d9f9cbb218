"""Pipe tables as Markdown prints them (``| a | b |`` rows, ``|---|---|`` separator lines)."""

from __future__ import annotations

import re

PIPE_SEPARATOR = re.compile(r"^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
"""The line under a pipe table's header row (``|---|:--:|``); it holds no cell."""


def is_pipe_row(line: str) -> bool:
    """Whether ``line`` is a row of a pipe table: it opens and closes with ``|``."""
    stripped = line.strip()
    return len(stripped) > 2 and stripped[0] == "|" and stripped[-1] == "|"


def pipe_cells(line: str) -> list[str]:
    """The stripped cells of a pipe row."""
    return [c.strip() for c in line.strip()[1:-1].split("|")]
