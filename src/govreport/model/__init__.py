"""Frozen attrs models: the document model readers emit and the report govreport returns."""

from govreport.model.document import (
    Document,
    Grid,
    GridCell,
    Location,
    Paragraph,
    SourceInfo,
    describe_location,
)
from govreport.model.findings import CellRef, Finding, Origin, Severity
from govreport.model.report import (
    Contact,
    FormatVersion,
    Metadata,
    NarrativeStat,
    NilStatement,
    NumberForm,
    PluginInfo,
    Report,
    Section,
    StatisticsPeriod,
    VersionEvidence,
)
from govreport.model.rules import Rule, RuleKind
from govreport.model.tables import Cell, CellKey, CellState, Layout, StatTable, TableCellKey

__all__ = [
    "Cell",
    "CellKey",
    "CellRef",
    "CellState",
    "Contact",
    "Document",
    "Finding",
    "FormatVersion",
    "Grid",
    "GridCell",
    "Layout",
    "Location",
    "Metadata",
    "NarrativeStat",
    "NilStatement",
    "NumberForm",
    "Origin",
    "Paragraph",
    "PluginInfo",
    "Report",
    "Rule",
    "RuleKind",
    "Section",
    "Severity",
    "SourceInfo",
    "StatTable",
    "StatisticsPeriod",
    "TableCellKey",
    "VersionEvidence",
    "describe_location",
]
