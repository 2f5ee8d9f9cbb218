"""The exception hierarchy: one root, bad input apart from plugin and usage errors; and the warnings."""

from __future__ import annotations

from collections.abc import Iterable


class GovReportError(Exception):
    """Root of every error govreport raises on purpose."""


class InputError(GovReportError):
    """The input cannot be read as a report: wrong type, unreadable file, empty content."""


class DecodeError(InputError):
    """The bytes are in no encoding govreport accepts."""


class UnsupportedFormatError(InputError):
    """The file's format is known but has no reader, or is not recognised at all."""


class LimitExceededError(InputError):
    """The input goes over one of the :class:`~govreport.limits.Limits`; names limit, value and maximum."""

    def __init__(self, limit: str, value: float, maximum: float) -> None:
        super().__init__(f"limit {limit} exceeded: {value:,} > {maximum:,}")
        self.limit = limit
        self.value = value
        self.maximum = maximum

    def __reduce__(self) -> tuple[type[LimitExceededError], tuple[str, float, float]]:
        # Pickled across worker processes: rebuild from the fields, not from the message.
        return (type(self), (self.limit, self.value, self.maximum))


class NotRegularFileError(InputError):
    """A path that is not a regular file (a device, FIFO, socket or folder, or a link to one)."""


class OutputError(GovReportError):
    """An output cannot be written: it is locked by another run, or its folder is not writable."""


class WorkerError(GovReportError):
    """A worker process of a batch run could not start (its task did not unpickle, an import failed)."""


class ArchiveError(InputError):
    """A container file (the zip of a DOCX) is broken, of another kind, or expands too far."""


class MissingDependencyError(GovReportError, ImportError):
    """An optional extra is needed for this input; the message names the extra to install."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs an optional extra: pip install 'govreport[{extra}]'")
        self.extra = extra


class NoTextLayerError(InputError):
    """A PDF whose pages carry no text layer (scanned images): it needs OCR, which govreport does not do."""


class ConversionError(InputError):
    """An external converter (LibreOffice) could not turn the input into a readable format."""


class ConversionTimeoutError(ConversionError):
    """An external converter did not finish within its time limit and was stopped."""


class MissingProgramError(MissingDependencyError):
    """An external program (not a Python package) is needed for this input; the message says which."""

    def __init__(self, feature: str, programs: str, extra: str) -> None:
        GovReportError.__init__(self, f"{feature} needs {programs}")
        self.extra = extra


class PluginError(GovReportError):
    """A plugin could not be loaded or broke its contract."""


class TableNotReadError(GovReportError, LookupError):
    """The report's layout has this table, but it was not read; the findings say why."""

    def __init__(self, key: str, version: str) -> None:
        self.key = key
        self.version = version
        super().__init__(
            f"table {key!r} of a {version} report was not read (see the report's findings, e.g. R7); "
            "use Report.get_table() to get None instead"
        )


class UnknownNameError(GovReportError, KeyError):
    """A name that is not in a registry; the message lists the known names."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.known = tuple(known)
        super().__init__(f"unknown {kind} {name!r}; known: {', '.join(self.known) or '(none)'}")

    def __str__(self) -> str:
        # KeyError would otherwise print the repr of the message.
        return str(self.args[0])


class DuplicateNameError(GovReportError, ValueError):
    """A registration reused a name without ``replace=True``."""


class JournalWarning(UserWarning):
    """Lines of a journal were damaged and dropped on resume; their documents are parsed again."""
