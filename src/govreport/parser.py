"""The parser: input → document → tables, sections, narrative → checks → :class:`Report`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from attrs import evolve

from govreport.checks import RULES, Rule
from govreport.checks.rules import run_checks
from govreport.errors import InputError, PluginError
from govreport.extract.metadata import extract_metadata
from govreport.extract.narrative import extract_narrative
from govreport.files import read_regular_file
from govreport.limits import DEFAULT_LIMITS, Limits, budget_is_open, current_budget, document_budget
from govreport.model.document import Document, Location
from govreport.model.findings import Finding
from govreport.model.report import FormatVersion, PluginInfo, Report, Section, VersionEvidence
from govreport.readers import READERS, read_document
from govreport.readers.base import sniff_format
from govreport.readers.ocr.options import OcrOptions, ocr_options
from govreport.registry import Registry
from govreport.sections.builtin import new_form_headings
from govreport.sections.loading import SECTION_GROUP, TABLE_READER_GROUP, load_group
from govreport.sections.plugin import (
    SECTION_API_VERSION,
    SectionContext,
    SectionPlugin,
    build_outline,
)
from govreport.tables import TableReader
from govreport.tables.assemble import choose_layout, finalize

Source = str | bytes | os.PathLike[str]


DEFAULT_OCR = OcrOptions()


def _looks_like_path(text: str) -> bool:
    """A short one-line string ending in an extension some registered reader takes."""
    if "\n" in text or len(text) >= 1024:
        return False
    return text.lower().endswith(tuple(ext for _, reader in READERS.items() for ext in reader.extensions))


class Parser:
    """A configured parser. Compose it per instance; the module-level :func:`parse` uses a default one.

    Section plugins and table readers come from the ``govreport.sections`` and
    ``govreport.table_readers`` entry-point groups (govreport's own built-ins included);
    :meth:`use` adds more to this parser only. ``rules`` is a copy of the rule registry,
    so rules can be disabled per parser. ``limits`` bounds what one document may cost
    (bytes, inflated bytes, characters, cells, PDF pages and objects, seconds); going
    over one raises :class:`~govreport.errors.LimitExceededError`. ``ocr`` says whether
    scanned pages are read by OCR and at what dpi (on, 300 dpi by default); with OCR off a
    scanned PDF raises :class:`~govreport.errors.NoTextLayerError`.
    """

    def __init__(
        self, *, entry_points: bool = True, limits: Limits = DEFAULT_LIMITS, ocr: OcrOptions = DEFAULT_OCR
    ) -> None:
        self.limits = limits
        self.ocr = ocr
        self.sections: Registry[SectionPlugin] = Registry("section plugin")
        self.tables: Registry[TableReader] = Registry("table reader")
        self.rules: Registry[Rule] = RULES.copy()
        self._provenance: dict[str, PluginInfo] = {}
        if entry_points:
            for obj, info in load_group(SECTION_GROUP):
                self._add_section(obj, info)
            for obj, info in load_group(TABLE_READER_GROUP):
                self.tables.add(info.name, obj)
                self._provenance[f"table:{info.name}"] = info

    def _add_section(self, plugin: Any, info: PluginInfo, *, replace: bool = False) -> None:
        if not isinstance(plugin, SectionPlugin):
            raise PluginError(
                f"{info.name!r} from {info.distribution} is not a section plugin: it needs "
                "`name`, `api_version` and `extract(ctx)`"
            )
        if plugin.api_version != SECTION_API_VERSION:
            raise PluginError(
                f"section plugin {plugin.name!r} from {info.distribution} targets API version "
                f"{plugin.api_version}; this govreport provides {SECTION_API_VERSION}"
            )
        self.sections.add(plugin.name, plugin, replace=replace)
        self._provenance[f"section:{plugin.name}"] = info

    def use(self, plugin: SectionPlugin, *, replace: bool = False) -> Parser:
        """Add a section plugin to this parser and return the parser, so calls chain."""
        info = PluginInfo(
            name=getattr(plugin, "name", "?"),
            kind=SECTION_GROUP,
            distribution=type(plugin).__module__.split(".")[0],
            version="use()",
        )
        self._add_section(plugin, info, replace=replace)
        return self

    def plugins_info(self) -> tuple[PluginInfo, ...]:
        """Provenance of every section plugin and table reader this parser uses."""
        return tuple(self._provenance.values())

    def read_document(self, source: Source, *, format: str | None = None) -> Document:
        """Read ``source`` (text, bytes or a path) into the format-independent document model.

        Paths must name regular files (see :func:`~govreport.files.read_regular_file`).
        """
        with document_budget(self.limits):
            return self._read(source, format)

    def _read(self, source: Source, format: str | None) -> Document:
        """Read ``source`` within the budget already open, with this parser's OCR options."""
        with ocr_options(self.ocr):
            return self._read_source(source, format)

    def _read_source(self, source: Source, format: str | None) -> Document:
        budget = current_budget()
        if isinstance(source, bytes):
            budget.check("input_bytes", len(source))
            # Bytes carry no file name: recognise markup and archives by content, else text.
            return read_document(source, format=format or sniff_format(source) or "text")
        if isinstance(source, str) and not _looks_like_path(source):
            budget.check("characters", len(source))
            return read_document(source.encode("utf-8"), format=format or "text")
        if isinstance(source, (str, os.PathLike)):
            path = Path(source)
            data = read_regular_file(path, budget.limits.input_bytes)
            return read_document(data, path=str(path), format=format)
        raise InputError(f"parse() takes str, bytes or a path, not {type(source).__name__}")

    def parse(self, source: Source, *, format: str | None = None) -> Report:
        """Parse one report.

        ``source`` is the report text (``str``), raw bytes, or a path (``str`` ending in a
        known extension, or ``os.PathLike``). ``format`` overrides format detection.

        Raises:
            InputError: the source cannot be read as a report; its subclass
                :class:`~govreport.errors.LimitExceededError` when it goes over
                :attr:`limits`.
        """
        with document_budget(self.limits):  # one budget for reading and parsing
            return self._parse_document(self._read(source, format))

    def parse_document(self, document: Document) -> Report:
        """Parse an already-read document model.

        Within the budget of a run in progress (a batch run opens one per document with
        its own limits), or else one with this parser's :attr:`limits`.
        """
        with document_budget(None if budget_is_open() else self.limits):
            return self._parse_document(document)

    def _parse_document(self, document: Document) -> Report:
        budget = current_budget()
        budget.check("grid_cells", sum(grid.n_rows * grid.n_cols for grid in document.grids))
        metadata = extract_metadata(document.paragraphs, document.source.catalogue)
        readings = []
        findings: list[Finding] = []
        whole_document_tables = []  # tables with a layout of their own (the v2008 统计表)
        for reader in self.tables.active():
            read_whole = getattr(reader, "read_document", None)
            if read_whole is not None:
                found = read_whole(document)
                if found is not None:
                    whole_document_tables.append(found[0])
                    findings.extend(found[1])
            elif (reading := reader.read(document.grids)) is not None:
                readings.append(reading)
        layout, evidence = choose_layout(readings, metadata.year)
        tables = []
        for reading in readings:
            table, table_findings = finalize(reading, layout or "v2019")
            tables.append(table)
            findings.extend(table_findings)
        outline = build_outline(document)
        ctx = SectionContext(document=document, outline=outline, year=metadata.year)
        sections = self._sections(ctx)
        stats, nils = extract_narrative(document.paragraphs)
        version, version_evidence = _version(
            layout, evidence, tables, sections, stats, whole_document_tables, metadata.year
        )
        tables += whole_document_tables
        report = Report(
            source=document.source,
            metadata=metadata,
            version=version,
            version_evidence=version_evidence,
            sections=sections,
            tables=tuple(tables),
            narrative=stats,
            nil_statements=nils,
            plugins=tuple(self._provenance.values()),
        )
        findings.extend(run_checks(report, self.rules))
        enabled = {rule.id for rule in self.rules.active()}
        return evolve(report, findings=tuple(f for f in findings if f.rule in enabled))

    def _sections(self, ctx: SectionContext) -> tuple[Section, ...]:
        found: list[Section] = []
        for plugin in self.sections.active():
            try:
                section = plugin.extract(ctx)
            except Exception as exc:
                info = self._provenance.get(f"section:{plugin.name}")
                raise PluginError(
                    f"section plugin {plugin.name!r} from {info.distribution if info else '?'} failed: {exc}"
                ) from exc
            if section is not None:
                found.append(section)
        return tuple(sorted(found, key=lambda s: (s.location.line or 0) if s.location else 0))


def _version(
    layout: str | None,
    evidence: Iterable[tuple[str, str, Location | None]],
    tables: list[Any],
    sections: tuple[Section, ...],
    stats: tuple[Any, ...],
    old_tables: list[Any],
    year: int | None,
) -> tuple[FormatVersion, tuple[VersionEvidence, ...]]:
    if layout is not None and tables:
        return FormatVersion(layout), tuple(
            VersionEvidence(version=FormatVersion(v), cue=cue, location=loc) for v, cue, loc in evidence
        )
    if (headings := new_form_headings(sections)) and not old_tables and year is not None and year >= 2019:
        return _version_from_headings(headings, year)
    if sections or stats or old_tables:
        cues = [VersionEvidence(version=FormatVersion.NARRATIVE, cue="没有固定统计表", location=None)]
        cues += [
            VersionEvidence(
                version=FormatVersion.NARRATIVE, cue=f"旧式统计表（{t.layout}）", location=t.location
            )
            for t in old_tables
        ]
        cues += [
            VersionEvidence(version=FormatVersion.NARRATIVE, cue=f"正文统计：{s.raw}", location=s.location)
            for s in stats[:3]
        ]
        return FormatVersion.NARRATIVE, tuple(cues)
    return FormatVersion.UNKNOWN, ()


def _version_from_headings(
    headings: tuple[Section, ...], year: int
) -> tuple[FormatVersion, tuple[VersionEvidence, ...]]:
    """The 2019+ form's headings with no table read (tables printed as images, lost in conversion).

    The headings say the report uses a statutory form but not which one: only tables show
    that, so the year decides, and the evidence says so. The tables stay absent (R7 per part).
    Only for report years 2019 on: before, such wording is an old report's own, and without a
    year nothing says which form it is (it stays ``narrative``, R7 still names the tables).
    """
    version = FormatVersion.V2021 if year >= 2021 else FormatVersion.V2019
    cues = [
        VersionEvidence(version=version, cue=f"法定标题：{s.number}、{s.heading}", location=s.location)
        for s in headings
    ]
    cues.append(
        VersionEvidence(
            version=version,
            cue=f"未读到统计表，版本依据标题与年度而非表格：按报告年度{year}取{version.value}",
            location=None,
        )
    )
    return version, tuple(cues)


_DEFAULT: Parser | None = None


def default_parser() -> Parser:
    """The shared parser behind :func:`parse`, built on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Parser()
    return _DEFAULT


def parse(source: Source, *, format: str | None = None) -> Report:
    """Parse one report with the default parser. See :meth:`Parser.parse`."""
    return default_parser().parse(source, format=format)
