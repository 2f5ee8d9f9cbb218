"""Batch runs over a corpus: sources, supervised workers, per-document results."""

from govreport.batch.results import DocumentResult, DocumentStatus, reading_problems
from govreport.batch.run import DEFAULT_MAX_BYTES, TIMEOUT, iter_parse, parse_data, parse_path
from govreport.batch.sources import iter_sources
from govreport.batch.summary import RunSummary

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
