"""The one door for plugins: five kinds, each an entry-point group, loaded and checked here.

govreport's own input-format readers, section plugins, table readers, rules and corpus
rules are declared in its ``pyproject.toml`` through the same entry-point groups a third
party uses; nothing gets in any other way. :data:`KINDS` is the single list of kinds: the
docs, the ``govreport plugins`` command and the error messages are generated from it.

Each kind has a ``runtime_checkable`` Protocol and an API version. A plugin declares the
version it was written for in its ``api_version`` attribute; the loader refuses a plugin
that does not fit the Protocol or declares another version, with a
:class:`~govreport.errors.PluginError` that names it. A :class:`~govreport.Parser` gets
every installed plugin when it is created and can take others per instance
(``Parser(readers=…)``, :meth:`~govreport.Parser.use`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib.metadata import entry_points
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from attrs import frozen

from govreport.errors import PluginError
from govreport.model.report import PluginInfo
from govreport.readers.base import READER_API_VERSION, Reader
from govreport.registry import Registry
from govreport.sections.plugin import SECTION_API_VERSION, SectionPlugin
from govreport.tables import TABLE_READER_API_VERSION, DocumentTableReader, TableReader

OWN_DISTRIBUTION = "govreport"
"""The distribution whose entry points carry the built-ins; without them govreport is not installed."""

RULE_API_VERSION = 1
"""Bumped on any incompatible change to :class:`RuleSet`, the rule type or the report a check sees."""

CORPUS_RULE_API_VERSION = 1
"""Bumped on any incompatible change to corpus rule sets, the corpus rule type or the corpus index."""

P = TypeVar("P")
E = TypeVar("E")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


@runtime_checkable
class RuleSetPlugin(Protocol[R_co]):
    """Rules published together under one name: the unit of the two rule kinds.

    ``api_version`` must equal :data:`RULE_API_VERSION` (rules) or
    :data:`CORPUS_RULE_API_VERSION` (corpus rules). Every rule needs a unique ``id``.
    """

    @property
    def name(self) -> str:
        """The set's name, shown by ``govreport plugins`` and in ``Report.plugins``."""
        ...

    @property
    def api_version(self) -> int:
        """The rule API version the set was written for."""
        ...

    @property
    def rules(self) -> Sequence[R_co]:
        """The rules, in the order they run."""
        ...


@runtime_checkable
class CorpusRuleSetPlugin(Protocol[R_co]):
    """Corpus rules published together under one name: the unit of the corpus rule kind.

    Its rules are in ``corpus_rules``, not ``rules``, so that a set says by its members
    which kind it is. ``api_version`` must equal :data:`CORPUS_RULE_API_VERSION`.
    """

    @property
    def name(self) -> str:
        """The set's name, shown by ``govreport plugins``."""
        ...

    @property
    def api_version(self) -> int:
        """The corpus rule API version the set was written for."""
        ...

    @property
    def corpus_rules(self) -> Sequence[R_co]:
        """The corpus rules, in the order they run."""
        ...


@frozen(kw_only=True)
class RuleSet(Generic[R]):
    """A module-level set of rules, named by an entry point of ``govreport.rules``."""

    name: str
    api_version: int
    rules: tuple[R, ...]


@frozen(kw_only=True)
class CorpusRuleSet(Generic[R]):
    """A module-level set of corpus rules, named by an entry point of ``govreport.corpus_rules``."""

    name: str
    api_version: int
    corpus_rules: tuple[R, ...]


@frozen(kw_only=True)
class PluginKind(Generic[P, E]):
    """One kind of plugin: its entry-point group, its contract, and what it adds to a parser.

    ``E`` is what the parser's registry of this kind holds: the plugin itself, or for
    rule sets each of their rules.
    """

    name: str
    """The kind's name; also the :class:`~govreport.Parser` argument and registry attribute."""
    noun: str
    """What one plugin is called in messages."""
    entry_noun: str
    """What one entry of a parser's registry of this kind is called (a rule set adds rules)."""
    protocols: tuple[type, ...]
    """A plugin must be an instance of one of these ``runtime_checkable`` Protocols."""
    contract: str
    """The members a plugin needs, for messages and docs."""
    api_version: int
    """The only API version a plugin may declare."""
    version_name: str
    """Where the API version is published, for messages and docs."""
    entries: Callable[[P], Iterable[tuple[str, E]]]
    """``(name, entry)`` pairs the plugin adds to a parser's registry of this kind."""
    per_report: bool = True
    """Whether the plugin takes part in parsing one report (and so is listed in ``Report.plugins``)."""

    @property
    def group(self) -> str:
        """The entry-point group, ``govreport.<name>``; also ``PluginInfo.kind`` of its plugins."""
        return f"govreport.{self.name}"

    def fits(self, obj: object) -> bool:
        """Whether ``obj`` has the members of this kind's Protocol."""
        return any(isinstance(obj, protocol) for protocol in self.protocols)


@frozen
class Loaded(Generic[P]):
    """A plugin as loaded and checked: the object, where it came from, and what it adds to a parser."""

    plugin: P
    info: PluginInfo
    entries: tuple[tuple[str, Any], ...]
    """``(name, entry)`` pairs for a parser's registry of the plugin's kind."""


def _itself(plugin: Any) -> tuple[tuple[str, Any], ...]:
    return ((plugin.name, plugin),)


def _rules_by_id(rule_set: Any) -> tuple[tuple[str, Any], ...]:
    return tuple((rule.id, rule) for rule in rule_set.rules)


def _corpus_rules_by_id(rule_set: Any) -> tuple[tuple[str, Any], ...]:
    return tuple((rule.id, rule) for rule in rule_set.corpus_rules)


READER_KIND: PluginKind[Reader, Reader] = PluginKind(
    name="readers",
    noun="input format reader",
    entry_noun="input format",
    protocols=(Reader,),
    contract="`name`, `extensions`, `api_version`, `sniff(data)` and `read(data, source)`",
    api_version=READER_API_VERSION,
    version_name="govreport.readers.READER_API_VERSION",
    entries=_itself,
)
SECTION_KIND: PluginKind[SectionPlugin, SectionPlugin] = PluginKind(
    name="sections",
    noun="section plugin",
    entry_noun="section plugin",
    protocols=(SectionPlugin,),
    contract="`name`, `api_version` and `extract(ctx)`",
    api_version=SECTION_API_VERSION,
    version_name="govreport.sections.SECTION_API_VERSION",
    entries=_itself,
)
TableReaderPlugin = TableReader | DocumentTableReader
TABLE_READER_KIND: PluginKind[TableReaderPlugin, TableReaderPlugin] = PluginKind(
    name="table_readers",
    noun="table reader",
    entry_noun="table reader",
    protocols=(TableReader, DocumentTableReader),
    contract="`name`, `title`, `api_version` and `read(grids)` or `read_document(document)`",
    api_version=TABLE_READER_API_VERSION,
    version_name="govreport.tables.TABLE_READER_API_VERSION",
    entries=_itself,
)
RULE_KIND: PluginKind[RuleSetPlugin[Any], Any] = PluginKind(
    name="rules",
    noun="rule set",
    entry_noun="rule",
    protocols=(RuleSetPlugin,),
    contract="`name`, `api_version` and `rules` (each with a unique `id`)",
    api_version=RULE_API_VERSION,
    version_name="govreport.plugins.RULE_API_VERSION",
    entries=_rules_by_id,
)
CORPUS_RULE_KIND: PluginKind[CorpusRuleSetPlugin[Any], Any] = PluginKind(
    name="corpus_rules",
    noun="corpus rule set",
    entry_noun="corpus rule",
    protocols=(CorpusRuleSetPlugin,),
    contract="`name`, `api_version` and `corpus_rules` (each with a unique `id`)",
    api_version=CORPUS_RULE_API_VERSION,
    version_name="govreport.plugins.CORPUS_RULE_API_VERSION",
    entries=_corpus_rules_by_id,
    per_report=False,  # they run over a corpus, never on one report
)

KINDS: Registry[PluginKind[Any, Any]] = Registry("plugin kind")
"""Every kind of plugin, in the order a parser loads them and ``govreport plugins`` lists them."""
for _kind in (READER_KIND, SECTION_KIND, TABLE_READER_KIND, RULE_KIND, CORPUS_RULE_KIND):
    KINDS.add(_kind.name, _kind)


def _label(obj: object) -> str:
    name = getattr(obj, "name", None)
    return name if isinstance(name, str) else "?"


def check(kind: PluginKind[P, E], obj: object, info: PluginInfo) -> tuple[tuple[str, E], ...]:
    """Check ``obj`` against ``kind``'s Protocol and API version; return the registry entries it adds.

    Raises:
        PluginError: ``obj`` lacks a member of the contract, declares another API
            version, or (a rule set) holds a rule without an ``id``.
    """
    if isinstance(obj, type):  # a class has the Protocol's members too, unbound
        raise PluginError(
            f"{info.name!r} from {info.distribution} is the class {obj.__qualname__}, "
            f"not a {kind.noun}: publish an instance"
        )
    if not kind.fits(obj):
        raise PluginError(
            f"{info.name!r} from {info.distribution} is not a {kind.noun}: it needs {kind.contract}"
        )
    declared = getattr(obj, "api_version", None)
    if declared != kind.api_version:
        raise PluginError(
            f"{kind.noun} {info.name!r} from {info.distribution} declares API version {declared}; "
            f"this govreport supports {kind.api_version} ({kind.version_name})"
        )
    try:
        return tuple(kind.entries(obj))  # type: ignore[arg-type]  # fits() checked the Protocol
    except (AttributeError, TypeError) as exc:
        raise PluginError(
            f"{kind.noun} {info.name!r} from {info.distribution} breaks its contract ({kind.contract}): {exc}"
        ) from exc


def kind_of(obj: object) -> PluginKind[Any, Any]:
    """The one kind whose Protocol ``obj`` fits.

    Raises:
        PluginError: ``obj`` fits no kind (the message lists what each kind needs) or
            several (pass the kind by name instead).
    """
    fitting = [kind for kind in KINDS.active() if kind.fits(obj)]
    where = type(obj).__module__.split(".")[0]
    if not fitting:
        needs = "; ".join(f"{kind.noun}: {kind.contract}" for kind in KINDS.active())
        raise PluginError(f"{_label(obj)!r} from {where} is not a govreport plugin; each kind needs: {needs}")
    if len(fitting) > 1:
        names = ", ".join(kind.name for kind in fitting)
        raise PluginError(f"{_label(obj)!r} from {where} fits several plugin kinds ({names}); name one")
    return fitting[0]


def _flatten(obj: object) -> list[object]:
    """An entry point may name one plugin or a list or tuple of them."""
    return list(obj) if isinstance(obj, (list, tuple)) else [obj]


@cache
def _published(group: str) -> tuple[tuple[object, PluginInfo], ...]:
    """Every object published under ``group``, with its distribution; read once per process."""
    found: list[tuple[object, PluginInfo]] = []
    own = False
    for ep in entry_points(group=group):
        dist = ep.dist.name if ep.dist is not None else "unknown"
        version = ep.dist.version if ep.dist is not None else "unknown"
        own = own or dist == OWN_DISTRIBUTION
        try:
            loaded = ep.load()
        except Exception as exc:
            raise PluginError(
                f"entry point {ep.name!r} in group {group} from distribution {dist} failed to load: {exc}"
            ) from exc
        for obj in _flatten(loaded):
            found.append((obj, PluginInfo(name=_label(obj), kind=group, distribution=dist, version=version)))
    if not own:
        raise PluginError(
            f"no entry point of {OWN_DISTRIBUTION} itself in group {group}: its built-in plugins are "
            "declared as entry points, so the package must be installed "
            "(pip install govreport, or pip install -e . in a source checkout)"
        )
    return tuple(found)


@cache
def _checked(kind: PluginKind[Any, Any]) -> tuple[Loaded[Any], ...]:
    return tuple(Loaded(obj, info, check(kind, obj, info)) for obj, info in _published(kind.group))


def load(kind: PluginKind[P, E]) -> tuple[Loaded[P], ...]:
    """Every installed plugin of ``kind``, checked, in entry-point order; read once per process.

    Raises:
        PluginError: an entry point does not import, a plugin breaks its contract, or
            govreport itself is not installed (its own entry points are missing).
    """
    return _checked(kind)


def installed(kind: PluginKind[P, E]) -> Registry[E]:
    """A new registry of what the installed plugins of ``kind`` add, as a default parser has it."""
    registry: Registry[E] = Registry(kind.entry_noun)
    for item in load(kind):
        for name, entry in item.entries:
            registry.add(name, entry)
    return registry


def refresh() -> None:
    """Read the entry points again on the next load, for a package installed in this process."""
    _published.cache_clear()
    _checked.cache_clear()
