"""Dask integration (the ``dask`` extra): corpus results as a bag or an export table as a dataframe.

Both map the same picklable per-document function as the local run,
:func:`govreport.batch.parse_path`, so a cluster gives the same rows as
``govreport parse --out``. Each partition is independent: duplicate content in two
partitions is parsed twice (drop duplicates on ``document_id`` if that matters), and
nothing is resumable here; Dask's own persistence is the tool for that.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from govreport.batch import DEFAULT_MAX_BYTES, DocumentResult, iter_sources, parse_path
from govreport.errors import MissingDependencyError
from govreport.export.arrow import arrow_schema
from govreport.export.columns import export_table
from govreport.export.frames import to_pandas

DEFAULT_PARTITION_SIZE = 64
"""Documents per Dask partition."""

Sources = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


def _paths(sources: Sources) -> list[str]:
    return [str(path) for path in iter_sources(sources)]


def _chunks(paths: list[str], size: int) -> list[list[str]]:
    return [paths[i : i + size] for i in range(0, len(paths), size)]


def parse_paths(
    paths: list[str], format: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[DocumentResult]:
    """Parse a list of paths with :func:`~govreport.batch.parse_path`: one task's work on any engine."""
    return [parse_path(path, format=format, max_bytes=max_bytes) for path in paths]


def table_frame(
    paths: list[str], table: str = "cells", format: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Any:
    """Parse ``paths`` and return one export table of them as a pandas DataFrame.

    This is the per-partition function of :func:`to_dataframe`, and what a Spark
    ``mapInPandas`` or Ray ``map_batches`` recipe calls (see the recipes page).
    """
    return to_pandas(parse_paths(paths, format, max_bytes), table)


def _dask(feature: str) -> Any:
    try:
        import dask.bag
        import dask.dataframe
    except ImportError as exc:
        raise MissingDependencyError(feature, "dask") from exc
    return dask


def to_bag(
    sources: Sources,
    *,
    format: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Any:
    """A ``dask.bag.Bag`` of :class:`~govreport.batch.DocumentResult`, one per document, in input order.

    Sources are expanded locally (folders, ``@list`` files) with
    :func:`~govreport.batch.iter_sources`; the paths must be readable by the workers.

    Raises:
        MissingDependencyError: dask is not installed (``pip install 'govreport[dask]'``).
    """
    dask = _dask("Dask bags")
    chunks = _chunks(_paths(sources), partition_size)
    return dask.bag.from_sequence(chunks, npartitions=max(len(chunks), 1)).map_partitions(
        _flatten_parse, format=format, max_bytes=max_bytes
    )


def _flatten_parse(chunks: list[list[str]], format: str | None, max_bytes: int) -> list[DocumentResult]:
    return [result for chunk in chunks for result in parse_paths(chunk, format, max_bytes)]


def to_dataframe(
    sources: Sources,
    *,
    table: str = "cells",
    format: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Any:
    """A ``dask.dataframe.DataFrame`` of one export table (``cells``, ``findings`` or ``reports``).

    Its columns and dtypes are the published Arrow schema's, as in :func:`~govreport.export.to_pandas`.

    Raises:
        MissingDependencyError: dask is not installed (``pip install 'govreport[dask]'``).
    """
    dask = _dask("Dask dataframes")
    import pandas as pd

    spec = export_table(table)
    meta = arrow_schema(spec).empty_table().to_pandas(types_mapper=pd.ArrowDtype)
    chunks = _chunks(_paths(sources), partition_size) or [[]]
    return dask.dataframe.from_map(
        table_frame,
        chunks,
        table=spec.name,
        format=format,
        max_bytes=max_bytes,
        meta=meta,
        enforce_metadata=False,
    )
