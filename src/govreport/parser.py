"""The parser: input → document → tables, sections, narrative → checks → :class:`Report`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from attrs import evolve

from govreport.checks import Check, Rule
from govreport.checks.rules import run_checks
from govreport.corpus import CorpusRule
from govreport.errors import InputError, PluginError
from govreport.extract.metadata import extract_metadata
from govreport.extract.narrative import extract_narrative
from govreport.files import read_regular_file
from govreport.limits import DEFAULT_LIMITS, Limits, budget_is_open, current_budget, document_budget
from govreport.model.document import Document
from govreport.model.findings import Finding
from govreport.model.messages import DEFAULT_LANG, LANGUAGES, Lang, speaking
from govreport.model.report import FormatVersion, NarrativeStat, PluginInfo, Report, Section, VersionEvidence
from govreport.model.tables import Layout, StatTable
from govreport.plugins import (
    CORPUS_RULE_KIND,
    KINDS,
    READER_KIND,
    RULE_KIND,
    SECTION_KIND,
    TABLE_READER_KIND,
    CorpusRuleSetPlugin,
    PluginKind,
    RuleSetPlugin,
    TableReaderPlugin,
    check,
    kind_of,
    load,
)
from govreport.readers.base import Reader, read_document, sniff_format
from govreport.readers.ocr.options import OcrOptions, ocr_options
from govreport.recent import RecentByIdentity, forget_documents
from govreport.registry import Registry
from govreport.sections.builtin import new_form_headings
from govreport.sections.plugin import SectionContext, SectionPlugin, build_outline
from govreport.tables import DocumentTableReader, TableReader
from govreport.tables.assemble import choose_layout, finalize
from govreport.tables.reading import LayoutEvidence

Source = str | bytes | os.PathLike[str]


DEFAULT_OCR = OcrOptions()


def _looks_like_path(text: str, readers: Registry[Reader]) -> bool:
    """A short one-line string ending in an extension one of ``readers`` takes."""
    if "\n" in text or len(text) >= 1024:
        return False
    return text.lower().endswith(tuple(ext for _, reader in readers.items() for ext in reader.extensions))


class Parser:
    """A configured parser. Compose it per instance; the module-level :func:`parse` uses a default one.

    Every kind of plugin (:data:`govreport.plugins.KINDS`) has a registry on the parser:
    :attr:`readers` (input formats), :attr:`sections`, :attr:`table_readers`,
    :attr:`rules` and :attr:`corpus_rules` (each rule of the rule sets, by id, so rules
    can be disabled per parser). They are filled from the installed plugins, govreport's
    own included, unless a keyword names this parser's plugins of that kind instead;
    :meth:`use` adds more to this parser only. ``entry_points=False`` leaves every kind
    not named empty. ``limits`` bounds what one document may cost (bytes, inflated bytes,
    characters, cells, PDF pages and objects, seconds); going over one raises
    :class:`~govreport.errors.LimitExceededError`. ``lang`` is the language of finding
    messages (:data:`~govreport.model.messages.LANGUAGES`): Chinese by default, ``"en"`` for
    English; keys, formulas and every other field stay the same. ``ocr`` says whether
    scanned pages are read by OCR and at what dpi (on, 300 dpi by default); with OCR off a
    scanned PDF raises :class:`~govreport.errors.NoTextLayerError`.

    Raises:
        PluginError: an installed plugin or one given here breaks its kind's contract.
        ValueError: ``lang`` is not one of the languages.
    """

    def __init__(
        self,
        *,
        entry_points: bool = True,
        limits: Limits = DEFAULT_LIMITS,
        lang: Lang = DEFAULT_LANG,
        ocr: OcrOptions = DEFAULT_OCR,
        readers: Iterable[Reader] | None = None,
        sections: Iterable[SectionPlugin] | None = None,
        table_readers: Iterable[TableReaderPlugin] | None = None,
        rules: Iterable[RuleSetPlugin[Rule[Check]]] | None = None,
        corpus_rules: Iterable[CorpusRuleSetPlugin[CorpusRule]] | None = None,
    ) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
        self.limits = limits
        self.ocr = ocr
        self.lang: Lang = lang
        self.readers: Registry[Reader] = Registry(READER_KIND.entry_noun)
        self.sections: Registry[SectionPlugin] = Registry(SECTION_KIND.entry_noun)
        self.table_readers: Registry[TableReaderPlugin] = Registry(TABLE_READER_KIND.entry_noun)
        self.rules: Registry[Rule[Check]] = Registry(RULE_KIND.entry_noun)
        self.corpus_rules: Registry[CorpusRule] = Registry(CORPUS_RULE_KIND.entry_noun)
        self._registries: dict[str, Registry[Any]] = {
            READER_KIND.name: self.readers,
            SECTION_KIND.name: self.sections,
            TABLE_READER_KIND.name: self.table_readers,
            RULE_KIND.name: self.rules,
            CORPUS_RULE_KIND.name: self.corpus_rules,
        }
        given: dict[str, Iterable[object] | None] = {
            READER_KIND.name: readers,
            SECTION_KIND.name: sections,
            TABLE_READER_KIND.name: table_readers,
            RULE_KIND.name: rules,
            CORPUS_RULE_KIND.name: corpus_rules,
        }
        self._provenance: dict[tuple[str, str], PluginInfo] = {}
        self._document_readers: RecentByIdentity[TableReaderPlugin, bool] = RecentByIdentity(256)
        for kind in KINDS.active():
            chosen = given[kind.name]
            if chosen is not None:
                for plugin in chosen:
                    self.use(plugin, kind=kind.name)
            elif entry_points:
                for item in load(kind):
                    self._add(kind, item.entries, item.info, replace=False)

    def _add(
        self,
        kind: PluginKind[Any, Any],
        entries: Iterable[tuple[str, Any]],
        info: PluginInfo,
        *,
        replace: bool,
    ) -> None:
        """Put a checked plugin's registry entries into this parser and record where it came from."""
        registry = self._registries[kind.name]
        trial = registry.copy()  # a rule set goes in whole or not at all
        for name, entry in entries:
            trial.add(name, entry, replace=replace)
        for name, entry in entries:
            registry.add(name, entry, replace=True)
        self._provenance[(kind.name, info.name)] = info

    def use(self, plugin: object, *, kind: str | None = None, replace: bool = False) -> Parser:
        """Add a plugin of any kind to this parser and return the parser, so calls chain.

        The kind is the one whose Protocol ``plugin`` fits, or ``kind`` by name
        (``readers``, ``sections``, ``table_readers``, ``rules``, ``corpus_rules``).
        ``replace=True`` lets it take the place of a plugin (or rule) of the same name,
        a built-in included, in this parser only. Its provenance records the top-level
        module it is defined in as the distribution and ``use()`` as the version.

        Raises:
            PluginError: ``plugin`` fits no kind (or several), breaks its kind's contract
                or declares another API version.
            DuplicateNameError: the name is taken and ``replace`` is false.
            UnknownNameError: ``kind`` is not a plugin kind.
        """
        plugin_kind = KINDS.get(kind) if kind is not None else kind_of(plugin)
        info = PluginInfo(
            name=str(getattr(plugin, "name", "?")),
            kind=plugin_kind.group,
            distribution=type(plugin).__module__.split(".")[0],
            version="use()",
        )
        self._add(plugin_kind, check(plugin_kind, plugin, info), info, replace=replace)
        return self

    def plugins_info(self) -> tuple[PluginInfo, ...]:
        """Provenance of every plugin of every kind this parser has, in kind order."""
        return tuple(self._provenance.values())

    def _report_plugins(self, format: str) -> tuple[PluginInfo, ...]:
        """The plugins that take part in one report: the reader of its format and the per-report kinds."""
        return tuple(
            info
            for (kind, name), info in self._provenance.items()
            if (name == format if kind == READER_KIND.name else KINDS.get(kind).per_report)
        )

    def read_document(self, source: Source, *, format: str | None = None) -> Document:
        """Read ``source`` (text, bytes or a path) into the format-independent document model.

        The format is read by this parser's :attr:`readers`. Paths must name regular
        files (see :func:`~govreport.files.read_regular_file`).
        """
        with document_budget(self.limits):
            return self._read(source, format)

    def read_file_data(self, data: bytes, *, path: str, format: str | None = None) -> Document:
        """Read the bytes of the file ``path`` with this parser's readers and OCR options.

        Runs within the budget already open: corpus runs load and hash the file themselves.
        """
        with ocr_options(self.ocr):
            return read_document(data, path=path, format=format, readers=self.readers)

    def _read(self, source: Source, format: str | None) -> Document:
        """Read ``source`` within the budget already open, with this parser's OCR options."""
        with ocr_options(self.ocr):
            return self._read_source(source, format)

    def _read_source(self, source: Source, format: str | None) -> Document:
        budget = current_budget()
        if isinstance(source, bytes):
            budget.check("input_bytes", len(source))
            # Bytes carry no file name: recognise markup and archives by content, else text.
            sniffed = sniff_format(source, self.readers)
            return read_document(source, format=format or sniffed or "text", readers=self.readers)
        if isinstance(source, str) and not _looks_like_path(source, self.readers):
            budget.check("characters", len(source))
            return read_document(source.encode("utf-8"), format=format or "text", readers=self.readers)
        if isinstance(source, (str, os.PathLike)):
            path = Path(source)
            data = read_regular_file(path, budget.limits.input_bytes)
            return read_document(data, path=str(path), format=format, readers=self.readers)
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
        try:
            with speaking(self.lang):  # findings are made deep in the readers and checks
                return self._build_report(document)
        finally:
            forget_documents()  # the grids' analyses and tables' views die with the document

    def _build_report(self, document: Document) -> Report:
        budget = current_budget()
        budget.check("grid_cells", sum(grid.n_rows * grid.n_cols for grid in document.grids))
        metadata = extract_metadata(document.paragraphs, document.source.catalogue)
        readings = []
        findings: list[Finding] = []
        whole_document_tables = []  # tables with a layout of their own (the v2008 统计表)
        for reader in self.table_readers.active():
            if self._reads_document(reader):
                found = cast(DocumentTableReader, reader).read_document(document)
                if found is not None:
                    whole_document_tables.append(found[0])
                    findings.extend(found[1])
            elif (reading := cast(TableReader, reader).read(document.grids)) is not None:
                readings.append(reading)
        layout, evidence = choose_layout(readings, metadata.year)
        tables: list[StatTable] = []
        if layout is not None:  # None exactly when no table 二-四 was read
            for reading in readings:
                table, table_findings = finalize(reading, layout)
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
            plugins=self._report_plugins(document.source.format),
        )
        findings.extend(run_checks(report, self.rules))
        enabled = {rule.id for rule in self.rules.active()}
        return evolve(report, findings=tuple(f for f in findings if f.rule in enabled))

    def _reads_document(self, reader: TableReaderPlugin) -> bool:
        """Whether ``reader`` is a :class:`DocumentTableReader`, checked once per reader object.

        A runtime Protocol check looks up every member each time (6-10 % of a narrative parse).
        Entries are keyed by identity and hold the reader, so its id cannot be reused.
        """
        return self._document_readers.get(reader, lambda r: isinstance(r, DocumentTableReader))

    def _sections(self, ctx: SectionContext) -> tuple[Section, ...]:
        found: list[Section] = []
        for plugin in self.sections.active():
            try:
                section = plugin.extract(ctx)
            except Exception as exc:
                info = self._provenance.get((SECTION_KIND.name, plugin.name))
                raise PluginError(
                    f"section plugin {plugin.name!r} from {info.distribution if info else '?'} failed: {exc}"
                ) from exc
            if section is not None:
                found.append(section)
        return tuple(sorted(found, key=lambda s: (s.location.line or 0) if s.location else 0))


def _version(
    layout: Layout | None,
    evidence: Iterable[LayoutEvidence],
    tables: list[StatTable],
    sections: tuple[Section, ...],
    stats: tuple[NarrativeStat, ...],
    old_tables: list[StatTable],
    year: int | None,
) -> tuple[FormatVersion, tuple[VersionEvidence, ...]]:
    if layout is not None and tables:
        return FormatVersion.of_layout(layout), tuple(
            VersionEvidence(version=FormatVersion.of_layout(v), cue=cue, location=loc)
            for v, cue, loc in evidence
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
    version = FormatVersion.of_layout(Layout.for_year(year))
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
