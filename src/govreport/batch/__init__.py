"""Batch runs over a corpus: sources, supervised workers, per-document results."""

from govreport.batch.run import (
    DEFAULT_MAX_BYTES,
    TIMEOUT,
    DocumentResult,
    DocumentStatus,
    RunSummary,
    iter_parse,
    iter_sources,
    parse_data,
    parse_path,
    reading_problems,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "TIMEOUT",
    "DocumentResult",
    "DocumentStatus",
    "RunSummary",
    "iter_parse",
    "iter_sources",
    "parse_data",
    "parse_path",
    "reading_problems",
]
