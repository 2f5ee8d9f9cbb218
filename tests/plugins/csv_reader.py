"""An example third-party input format: a report saved as CSV, one line of the report per row.

A row of one field is a paragraph; consecutive rows of several fields are one table,
blank rows inside it included (converters leave them there, as in text). Each cell's
location is its line and field, counted from 1.
"""

from __future__ import annotations

import csv
import io

from attrs import evolve

from govreport.errors import InputError
from govreport.model import Location
from govreport.model.document import Document, Grid, GridCell, Paragraph, SourceInfo
from govreport.readers import READER_API_VERSION

Row = tuple[int, list[str]]  # (line number, fields)


class CsvReader:
    """Reads ``.csv`` reports: paragraphs from one-field rows, grids from the others."""

    name = "csv"
    extensions: tuple[str, ...] = (".csv",)
    api_version = READER_API_VERSION

    def sniff(self, data: bytes) -> bool:
        """CSV has no magic number: it is chosen by extension or by name."""
        return False

    def read(self, data: bytes, source: SourceInfo) -> Document:
        """Decode UTF-8 and split the rows into paragraphs and grids."""
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 CSV: {exc}") from exc
        blocks: list[Paragraph | Grid] = []
        table: list[Row] = []
        for number, fields in enumerate(csv.reader(io.StringIO(text)), start=1):
            if len(fields) > 1:
                table.append((number, fields))
            elif fields and fields[0].strip():
                if table:
                    blocks.append(_grid(table, index=sum(isinstance(b, Grid) for b in blocks)))
                    table = []
                blocks.append(Paragraph(text=fields[0].strip(), location=Location(line=number, column=1)))
        if table:
            blocks.append(_grid(table, index=sum(isinstance(b, Grid) for b in blocks)))
        return Document(blocks=tuple(blocks), source=evolve(source, encoding="utf-8"))


def _grid(rows: list[Row], index: int) -> Grid:
    cells = tuple(
        GridCell(
            text=field.strip(),
            row=r,
            col=c,
            location=Location(line=number, column=c + 1, table=index, row=r, col=c),
        )
        for r, (number, fields) in enumerate(rows)
        for c, field in enumerate(fields)
    )
    return Grid(
        index=index,
        cells=cells,
        n_rows=len(rows),
        n_cols=max(len(fields) for _, fields in rows),
        location=Location(line=rows[0][0], column=1, table=index),
    )


READER = CsvReader()


def to_csv(report_text: str) -> bytes:
    """A tab-separated report text as CSV: each line a row, its tab-separated fields the cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for line in report_text.splitlines():
        writer.writerow(line.split("\t") if line.strip() else [])
    return out.getvalue().encode("utf-8")
