"""The parsed report: metadata, version, sections, typed tables, narrative counts, findings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

from attrs import frozen

from govreport.errors import TableNotReadError, UnknownNameError
from govreport.model.document import Location, SourceInfo
from govreport.model.findings import Finding, Severity
from govreport.model.tables import Layout, StatTable


class FormatVersion(str, Enum):
    """The report's form, detected from the content rather than the year.

    A report with tables 二-四 has the version of their :class:`~govreport.model.tables.Layout`
    (:meth:`of_layout`); the two table versions share the layout's value.
    """

    V2019 = Layout.V2019.value
    """国办公开办函〔2019〕60号 tables (report years 2019-2020)."""
    V2021 = Layout.V2021.value
    """国办公开办函〔2021〕30号 tables (report years from 2021)."""
    NARRATIVE = "narrative"
    """No tables 二-四; counts sit inside sentences (the pre-2019 style, maybe with a ``v2008`` 统计表)."""
    UNKNOWN = "unknown"
    """Neither tables nor recognisable report structure."""

    @classmethod
    def of_layout(cls, layout: Layout) -> FormatVersion:
        """The version of a report whose tables use ``layout``: the v2008 统计表 sits in narrative reports."""
        return cls.NARRATIVE if layout is Layout.V2008 else cls(layout.value)


def layout_tables(version: FormatVersion) -> tuple[str, ...]:
    """The canonical keys of the fixed tables a report of ``version`` can carry."""
    # Imported here: the table layouts build on the model, not the other way round.
    from govreport.tables.layouts import ACTIVE, APPLICATIONS, REVIEW_LITIGATION, STATISTICS

    statutory = (ACTIVE, APPLICATIONS, REVIEW_LITIGATION)
    if version in (FormatVersion.V2019, FormatVersion.V2021):
        return statutory
    if version is FormatVersion.NARRATIVE:
        return (STATISTICS,)  # the 统计表 of 2008-2018 reports
    return (*statutory, STATISTICS)


@frozen(kw_only=True)
class VersionEvidence:
    """One cue that pointed at a format version."""

    version: FormatVersion
    cue: str
    location: Location | None = None


@frozen(kw_only=True)
class StatisticsPeriod:
    """The period the statistics cover (统计期限)."""

    start: date
    end: date
    raw: str
    location: Location | None = None


@frozen(kw_only=True)
class Contact:
    """Contact details printed in the report, each ``None`` when absent."""

    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    website: str | None = None


@frozen(kw_only=True)
class Metadata:
    """What the report says about itself."""

    title: str | None = None
    organ: str | None = None
    """The reporting organ: from the red header, the title, the page's 发布机构, a first line of
    its own, or, failing those, 本报告由…编制 or the subject of an opening sentence
    (2022年，国家新闻出版署坚持…), when it ends like an organ's name and is not 我乡/全区/各…."""
    organ_aliases: tuple[str, ...] = ()
    year: int | None = None
    period: StatisticsPeriod | None = None
    document_number: str | None = None
    signer: str | None = None
    issue_date: date | None = None
    issuer: str | None = None
    contact: Contact = Contact()
    title_location: Location | None = None
    issue_date_location: Location | None = None
    document_number_location: Location | None = None


class NumberForm(str, Enum):
    """How a narrative count is written in the sentence."""

    DIGITS = "digits"
    """Arabic digits: 23件."""
    CHINESE = "chinese"
    """A Chinese numeral: 二十三件."""
    NEGATION = "negation"
    """Zero stated in words: 未收到政府信息公开申请 is 0."""


@frozen(kw_only=True)
class NarrativeStat:
    """A count or amount stated inside a sentence, e.g. 全年累计主动公开政府信息122条.

    ``key`` is a canonical narrative key such as ``active.total`` or
    ``consultation.channel.phone`` (listed in the docs, from ``govreport.extract.narrative.NARRATIVE_KEYS``).
    ``label`` keeps the report's own wording for open-ended keys (a category name) and for
    parts. ``part`` marks a breakdown of a whole stated under the same key
    (全区…2949条，其中区直部门2275条: the 2275 is a part labelled 区直部门).
    ``approximation`` is the word that made the count approximate (余, 多, 近, 约, 左右).
    """

    key: str
    value: int | Decimal
    unit: str
    raw: str
    approximate: bool = False
    approximation: str = ""
    label: str = ""
    part: bool = False
    written: NumberForm = NumberForm.DIGITS
    share_percent: Decimal | None = None
    location: Location | None = None


@frozen(kw_only=True)
class NilStatement:
    """A statement that there was nothing to report for a topic, kept apart from a 0 count."""

    topic: str
    raw: str
    location: Location | None = None


@frozen(kw_only=True)
class Section:
    """A part of the report found under its heading, as extracted by a section plugin."""

    key: str
    plugin: str
    heading: str
    number: str = ""
    text: str = ""
    location: Location | None = None
    end_line: int | None = None
    stats: tuple[NarrativeStat, ...] = ()


@frozen(kw_only=True)
class PluginInfo:
    """Provenance of a plugin that contributed to the report."""

    name: str
    kind: str
    distribution: str
    version: str


@frozen(kw_only=True)
class Report:
    """Everything govreport read from one report, and what it found wrong."""

    source: SourceInfo
    metadata: Metadata
    version: FormatVersion
    version_evidence: tuple[VersionEvidence, ...] = ()
    sections: tuple[Section, ...] = ()
    tables: tuple[StatTable, ...] = ()
    narrative: tuple[NarrativeStat, ...] = ()
    nil_statements: tuple[NilStatement, ...] = ()
    findings: tuple[Finding, ...] = ()
    plugins: tuple[PluginInfo, ...] = ()

    def table(self, key: str) -> StatTable:
        """The fixed table with canonical key ``key`` (``active``, ``applications``, ...).

        Raises:
            UnknownNameError: the report's layout has no table ``key`` (a typo, or
                ``statistics`` asked of a 2019/2021 report).
            TableNotReadError: the layout has the table but it was not read.
        """
        found = self.get_table(key)
        if found is not None:
            return found
        expected = layout_tables(self.version)
        if key not in expected:
            raise UnknownNameError(f"table of a {self.version.value} report", key, expected)
        raise TableNotReadError(key, self.version.value)

    def get_table(self, key: str) -> StatTable | None:
        """The fixed table with canonical key ``key``, or ``None`` when the report has none."""
        return next((t for t in self.tables if t.key == key), None)

    def section(self, key: str) -> Section | None:
        """The first section with ``key``."""
        return next((s for s in self.sections if s.key == key), None)

    def stat(self, key: str) -> NarrativeStat | None:
        """The one value the text states for ``key`` (not a part), or ``None``.

        ``None`` also when the text states different values for ``key``: the narrative then
        keeps them all and finding N2 names each one.
        """
        wholes = [s for s in self.narrative if s.key == key and not s.part]
        if len({s.value for s in wholes}) != 1:
            return None
        return wholes[0]

    @property
    def has_errors(self) -> bool:
        """Whether any finding has severity ``error``."""
        return any(f.severity is Severity.ERROR for f in self.findings)
