"""Plain text, including tables flattened to tab-separated (or ``|``-separated) lines, and Markdown."""

from __future__ import annotations

import re
from functools import partial
from itertools import accumulate

from attrs import evolve

from govreport.errors import InputError
from govreport.limits import current_budget
from govreport.model.document import Document, Grid, Location, Paragraph, SourceInfo
from govreport.normalize.decode import decode_bytes
from govreport.readers import markdown
from govreport.readers.base import READER_API_VERSION
from govreport.readers.blocks import BlockList
from govreport.readers.cell_lines import rebuild_cell_lines
from govreport.readers.pipe_tables import PIPE_SEPARATOR, is_pipe_row
from govreport.tables.glued import is_glued_line, is_number_line, is_review_row_under_header
from govreport.tables.v2008 import is_statistics_header, is_statistics_row

# Word-to-text artefacts that carry no content. They are blanked with spaces of the
# same length so every column number still points into the original line.
_ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]|\*\*|<br\s*/?>")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c")


class TextReader:
    """Reads decoded text line by line into paragraphs and grids."""

    name = "text"
    extensions: tuple[str, ...] = (".txt", ".text", ".tsv", ".md", ".markdown")
    api_version = READER_API_VERSION

    def sniff(self, data: bytes) -> bool:
        """Text has no magic number, so it is chosen by extension or explicitly."""
        return False

    def read(self, data: bytes, source: SourceInfo) -> Document:
        """Decode ``data`` and build the document model."""
        text, encoding = decode_bytes(data)
        current_budget().check("characters", len(text))  # before any work: all of it is text
        return read_text(text, evolve(source, encoding=encoding))


def _split_fields(line: str) -> list[tuple[int, str]] | None:
    """``(start column, text)`` for each field of a table line, or ``None`` for prose."""
    if "\t" in line:
        return _with_starts(line.split("\t"), 0)
    if is_pipe_row(line):
        return _with_starts(line.strip()[1:-1].split("|"), line.index("|") + 1)
    return None


def _with_starts(parts: list[str], first: int) -> list[tuple[int, str]]:
    """Each part with the column it starts at, parts being separated by one character."""
    starts = accumulate([len(part) + 1 for part in parts[:-1]], initial=first)
    return list(zip(starts, parts, strict=True))


def read_text(text: str, source: SourceInfo) -> Document:
    """Build a :class:`Document` from decoded report text.

    Consecutive table lines form one grid; blank lines inside a table do not end it,
    because converters leave them there (split header words, stray row breaks).
    """
    if not text.strip():
        raise InputError("the input holds no text")
    lines = _LINE_BREAK.split(text)
    repair = None
    if markdown.looks_like_markdown(lines):
        repair = markdown.normalise_lines(lines)
        lines = repair.lines
    blocks = BlockList()
    pending: list[tuple[int, list[tuple[int, str]]]] = []  # (line number, fields)
    glued: list[tuple[int, list[tuple[int, str]]]] = []  # lines of table cells glued together
    budget = current_budget()

    def flush_glued() -> None:
        # Each glued line is one cell of a one-column grid; govreport.tables.glued reads it.
        if glued:
            blocks.add_grid(partial(_build_grid, glued))
            budget.charge("grid_cells", len(glued))
            budget.check_time()
            glued.clear()

    def flush() -> None:
        if not pending:
            return
        if len(pending) == 1 and sum(1 for _, f in pending[0][1] if f.strip()) <= 1:
            # A lone line with one filled field is prose with a stray tab.
            number, fields = pending[0]
            content = "\t".join(f for _, f in fields)
            _add_paragraph(blocks, content, number, fields[0][0])
        else:
            blocks.add_grid(partial(_build_grid, pending))
            budget.charge("grid_cells", sum(len(fields) for _, fields in pending))
            budget.check_time()
        pending.clear()

    previous: tuple[int, str] | None = None  # the last line, if it was prose
    in_statistics = False  # inside the old 统计表: its lines are read by govreport.tables.v2008
    for number, raw in enumerate(lines, start=1):
        line = (
            _ARTEFACT.sub(lambda m: " " * len(m.group()), raw)
            if "[" in raw or "*" in raw or "<" in raw
            else raw
        )
        if PIPE_SEPARATOR.match(line) and "|" in line:
            continue
        fields = _split_fields(line)
        if fields is not None:
            flush_glued()
            pending.append((number, fields))
            previous = None
            continue
        if not line.strip():
            continue  # a blank line: keeps a table open until prose follows
        flush()
        in_statistics = is_statistics_header(line) or (in_statistics and is_statistics_row(line))
        if in_statistics:
            # The 统计表 glues label, unit and digits too; its rows are never tables 二-四's.
            flush_glued()
            _add_paragraph(blocks, line, number, 0)
            previous = None
            continue
        # Table cells glued into prose stay paragraphs (the line may hold the whole report) and
        # are also kept as a grid for the table readers; a header line without numbers may
        # precede its glued row (表四 on two lines).
        if is_glued_line(line) or (glued and is_number_line(line)):
            if not glued and previous is not None and not any(ch.isdigit() for ch in previous[1]):
                glued.append((previous[0], [(0, previous[1])]))  # a header line: it labels the first run
            glued.append((number, [(0, line)]))
        elif previous is not None and not glued and is_review_row_under_header(previous[1], line):
            glued.extend([(previous[0], [(0, previous[1])]), (number, [(0, line)])])
        else:
            flush_glued()
        _add_paragraph(blocks, line, number, 0)
        previous = (number, line)
    flush()
    flush_glued()
    result = blocks.blocks
    if repair is not None:
        result, source = markdown.finish(result, repair, source)
    result = rebuild_cell_lines(result)
    return Document(blocks=tuple(result), source=source)


def _add_paragraph(blocks: BlockList, line: str, number: int, offset: int) -> None:
    stripped = line.strip()
    if not stripped:
        return
    column = offset + len(line) - len(line.lstrip()) + 1
    blocks.add(Paragraph(text=stripped, location=Location(line=number, column=column)))


def _build_grid(rows: list[tuple[int, list[tuple[int, str]]]], index: int) -> Grid:
    texts: list[str] = []
    row_of: list[int] = []
    col_of: list[int] = []
    lines: list[int | None] = []
    columns: list[int | None] = []
    n_cols = 0
    for r, (number, fields) in enumerate(rows):
        width = len(fields)
        n_cols = max(n_cols, width)
        row_of += [r] * width
        col_of += range(width)
        lines += [number] * width
        texts += [raw.strip() for _, raw in fields]
        # The column of the first character kept, past any leading blanks.
        columns += [start + 1 + len(raw) - len(raw.lstrip()) for start, raw in fields]
    return Grid.from_flat(
        index,
        tuple(texts),
        tuple(row_of),
        tuple(col_of),
        len(rows),
        n_cols,
        Location(line=rows[0][0], column=1, table=index),
        lines=tuple(lines),
        columns=tuple(columns),
    )


READER = TextReader()
"""The instance govreport's ``govreport.readers`` entry point names."""
