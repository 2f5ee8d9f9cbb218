"""Export tables of corpus runs: the column definitions, Arrow schemas, resumable writers, pandas.

pyarrow and pandas are optional extras (``govreport[parquet]``, ``govreport[pandas]``),
imported only by the functions that need them.
"""

from govreport.errors import JournalWarning, OutputError
from govreport.export.arrow import SCHEMA_VERSION, arrow_schema, arrow_schemas, record_batch
from govreport.export.columns import (
    CELLS,
    FINDINGS,
    REPORTS,
    TABLES,
    Column,
    ColumnType,
    ExportTable,
    export_table,
)
from govreport.export.frames import to_pandas
from govreport.export.writers import FORMATS, CorpusWriter, output_format

__all__ = [
    "CELLS",
    "FINDINGS",
    "FORMATS",
    "REPORTS",
    "SCHEMA_VERSION",
    "TABLES",
    "Column",
    "ColumnType",
    "CorpusWriter",
    "ExportTable",
    "JournalWarning",
    "OutputError",
    "arrow_schema",
    "arrow_schemas",
    "export_table",
    "output_format",
    "record_batch",
    "to_pandas",
]
