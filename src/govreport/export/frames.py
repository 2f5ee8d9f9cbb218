"""pandas DataFrames of the export tables (the ``pandas`` extra)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govreport.batch import DocumentResult
from govreport.errors import MissingDependencyError
from govreport.export.arrow import arrow_schema, record_batch
from govreport.export.columns import ExportTable, export_table

_ROWS_PER_BATCH = 50_000


def to_pandas(results: Iterable[DocumentResult], table: str | ExportTable = "cells") -> Any:
    """A ``pandas.DataFrame`` of one export table built from corpus results.

    The frame is built through Arrow with the published schema (see
    :func:`~govreport.export.arrow_schema`), so its columns and types are those of the
    Parquet output; strings and nullable integers use pandas' Arrow-backed dtypes.

    Args:
        results: Results of :func:`~govreport.iter_parse` (or any iterable of them).
        table: An export table name (``cells``, ``documents``, ``findings``, ``narrative``...).

    Raises:
        MissingDependencyError: pandas or pyarrow is missing (``pip install 'govreport[pandas]'``).
    """
    try:
        import pandas as pd
        import pyarrow as pa
    except ImportError as exc:
        raise MissingDependencyError("DataFrames", "pandas") from exc
    spec = export_table(table) if isinstance(table, str) else table
    batches: list[Any] = []
    rows: list[dict[str, Any]] = []
    for result in results:
        rows.extend(spec.rows(result))
        if len(rows) >= _ROWS_PER_BATCH:
            batches.append(record_batch(spec, rows))
            rows = []
    batches.append(record_batch(spec, rows))
    arrow_table = pa.Table.from_batches(batches, schema=arrow_schema(spec))
    return arrow_table.to_pandas(types_mapper=pd.ArrowDtype)
