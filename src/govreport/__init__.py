"""govreport: exact, checked data from 政府信息公开工作年度报告."""

from importlib.metadata import PackageNotFoundError, version

from govreport.batch import DocumentResult, DocumentStatus, iter_parse
from govreport.corpus import CorpusFinding, check_corpus
from govreport.errors import (
    ArchiveError,
    ConversionError,
    ConversionTimeoutError,
    DecodeError,
    DuplicateNameError,
    GovReportError,
    InputError,
    JournalWarning,
    LimitExceededError,
    MissingDependencyError,
    MissingProgramError,
    NoTextLayerError,
    NotRegularFileError,
    OutputError,
    PluginError,
    TableNotReadError,
    UnknownNameError,
    UnsupportedFormatError,
    WorkerError,
)
from govreport.limits import DEFAULT_LIMITS, Limits
from govreport.model import (
    Cell,
    CellRef,
    CellState,
    Document,
    Finding,
    FormatVersion,
    Layout,
    Metadata,
    NarrativeStat,
    NilStatement,
    NumberForm,
    Origin,
    Report,
    Section,
    Severity,
    StatTable,
    describe_location,
)
from govreport.parser import Parser, parse
from govreport.readers.ocr import OcrOptions
from govreport.serialize import converter, from_json, to_json

try:
    __version__ = version("govreport")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "DEFAULT_LIMITS",
    "ArchiveError",
    "Cell",
    "CellRef",
    "CellState",
    "ConversionError",
    "ConversionTimeoutError",
    "CorpusFinding",
    "DecodeError",
    "Document",
    "DocumentResult",
    "DocumentStatus",
    "DuplicateNameError",
    "Finding",
    "FormatVersion",
    "GovReportError",
    "InputError",
    "JournalWarning",
    "Layout",
    "LimitExceededError",
    "Limits",
    "Metadata",
    "MissingDependencyError",
    "MissingProgramError",
    "NarrativeStat",
    "NilStatement",
    "NoTextLayerError",
    "NotRegularFileError",
    "NumberForm",
    "OcrOptions",
    "Origin",
    "OutputError",
    "Parser",
    "PluginError",
    "Report",
    "Section",
    "Severity",
    "StatTable",
    "TableNotReadError",
    "UnknownNameError",
    "UnsupportedFormatError",
    "WorkerError",
    "__version__",
    "check_corpus",
    "converter",
    "describe_location",
    "from_json",
    "iter_parse",
    "parse",
    "to_json",
]
