"""govreport: exact, checked data from 政府信息公开工作年度报告."""

from importlib.metadata import PackageNotFoundError, version

from govreport.batch import DocumentResult, DocumentStatus, iter_parse
from govreport.corpus import CorpusFinding, check_corpus
from govreport.errors import (
    DecodeError,
    DuplicateNameError,
    GovReportError,
    InputError,
    LimitExceededError,
    MissingDependencyError,
    MissingProgramError,
    NotRegularFileError,
    OutputError,
    PluginError,
    UnknownNameError,
    UnsupportedFormatError,
)
from govreport.limits import DEFAULT_LIMITS, Limits
from govreport.model import (
    Cell,
    CellRef,
    CellState,
    Document,
    Finding,
    FormatVersion,
    Metadata,
    NarrativeStat,
    NilStatement,
    NumberForm,
    Origin,
    Report,
    Section,
    Severity,
    StatTable,
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
    "Cell",
    "CellRef",
    "CellState",
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
    "LimitExceededError",
    "Limits",
    "Metadata",
    "MissingDependencyError",
    "MissingProgramError",
    "NarrativeStat",
    "NilStatement",
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
    "UnknownNameError",
    "UnsupportedFormatError",
    "__version__",
    "check_corpus",
    "converter",
    "from_json",
    "iter_parse",
    "parse",
    "to_json",
]
