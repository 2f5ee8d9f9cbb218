"""MkDocs hook: generate reference tables from govreport's own registries at build time.

A page asks for generated content with a placeholder on a line of its own, for example
``<!-- govreport:rules -->``. Each placeholder is replaced by markdown built from the
library (the rule registry, the table layouts, the plugin kinds and the installed
plugins, the click command group), so the documentation cannot drift from the code.
An unknown placeholder stops the build.

Docstrings in ``src/`` use Sphinx roles such as ``:class:`Report```; mkdocstrings
renders those literally, so the rendered role prefix is dropped from the HTML.
"""

from __future__ import annotations

import enum
import functools
import importlib
import inspect
import logging
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.govreport")

_ROOT = Path(__file__).resolve().parent.parent
_PLACEHOLDER = re.compile(r"^[ \t]*<!--\s*govreport:([a-z0-9-]+)\s*-->[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_SPHINX_ROLE = re.compile(r":(?:class|func|meth|data|attr|mod|exc|obj):(?=<code>)")


def _import(name: str) -> Any:
    """Import a govreport module, from ``src/`` when the package is not installed."""
    src = str(_ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    return importlib.import_module(name)


# --- markdown helpers -------------------------------------------------------------------
def _cell(text: object) -> str:
    """Text safe inside a markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(text: str) -> str:
    return f"`{text}`"


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _first_line(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return doc.split("\n\n")[0].replace("\n", " ")


@functools.lru_cache(maxsize=None)
def _griffe_package() -> Any:
    import griffe

    return griffe.load("govreport", search_paths=[str(_ROOT / "src")])


def _member_docs(enum_cls: type[enum.Enum]) -> dict[str, str]:
    """Attribute docstrings of an enum's members (not available at runtime)."""
    path = enum_cls.__module__.removeprefix("govreport.") + "." + enum_cls.__qualname__
    node = _griffe_package()[path]
    return {
        name: (member.docstring.value if member.docstring else "")
        for name, member in node.members.items()
    }


def _enum_table(enum_cls: type[enum.Enum], header: str) -> str:
    docs = _member_docs(enum_cls)
    return _table(
        [header, "Meaning"], ([_code(m.value), docs.get(m.name, "")] for m in enum_cls)
    )


# --- generators -------------------------------------------------------------------------
def _severities(rule: Any) -> str:
    """A rule's severity, and the one its serious findings take when it grades them."""
    return rule.severity.value + (f" ({rule.serious.value} when serious)" if rule.serious else "")


def _rules() -> str:
    checks = _import("govreport.checks")
    rows = (
        [f"**{rule.id}**", rule.kind.value, _severities(rule), rule.origin.value, rule.title,
         rule.description]
        for _, rule in checks.RULES.items()
    )  # fmt: skip
    return _table(["Id", "Kind", "Severity", "Origin", "Title", "Description"], rows)


def _corpus_rules() -> str:
    corpus = _import("govreport.corpus")
    rows = (
        [f"**{rule.id}**", _severities(rule), rule.origin.value, rule.title, rule.description]
        for _, rule in corpus.CORPUS_RULES.items()
    )
    return _table(["Id", "Severity", "Origin", "Title", "Description"], rows)


def _column_text(column: Any) -> str:
    kind = column.kind.value + (f", {column.unit}" if column.unit else "")
    return f"{_code(column.key)} {column.label} ({kind})"


def _active_keys(layouts: Any) -> list[str]:
    out: list[str] = []
    for layout in ("v2019", "v2021"):
        blocks = layouts.active_blocks(layout)
        n_rows = sum(len(b.rows) for b in blocks)
        n_cells = len(layouts.cell_keys(layouts.ACTIVE, layout))
        out.append(
            f"**{layout}**: {len(blocks)} blocks, {n_rows} rows, {n_cells} value cells.\n"
        )
        out.append(
            _table(
                ["Block", "Rows (key, label)", "Columns (key, label, kind)"],
                (
                    [
                        f"第二十条第（{block.clause}）项",
                        "<br>".join(f"{_code(r.key)} {r.label}" for r in block.rows),
                        "<br>".join(_column_text(c) for c in block.columns),
                    ]
                    for block in blocks
                ),
            )
        )
        out.append("")
    return out


def _merged_application_rows(layouts: Any) -> list[Any]:
    """Rows of table 三 across both layouts, in form order."""
    v2019 = list(layouts.application_rows("v2019"))
    merged = list(layouts.application_rows("v2021"))
    keys = [r.spec.key for r in merged]
    for i, row in enumerate(v2019):
        if row.spec.key not in keys:
            anchor = keys.index(v2019[i - 1].spec.key) + 1 if i else 0
            merged.insert(anchor, row)
            keys.insert(anchor, row.spec.key)
    return merged


def _table_keys() -> str:
    layouts = _import("govreport.tables.layouts")
    titles = layouts.TABLE_TITLES
    out = [
        f"### Table 二 · `{layouts.ACTIVE}` · {titles[layouts.ACTIVE]}",
        "",
        *_active_keys(layouts),
        f"### Table 三 · `{layouts.APPLICATIONS}` · {titles[layouts.APPLICATIONS]}",
        "",
    ]
    v2019 = {r.spec.key for r in layouts.application_rows("v2019")}
    v2021 = {r.spec.key for r in layouts.application_rows("v2021")}
    counts = ", ".join(
        f"{layout}: {len(layouts.application_rows(layout))} rows, "
        f"{len(layouts.cell_keys(layouts.APPLICATIONS, layout))} value cells"
        for layout in ("v2019", "v2021")
    )
    out += [f"Rows ({counts}):", ""]
    out.append(
        _table(
            ["Row key", "Official label", "Under", "v2019", "v2021"],
            (
                [
                    _code(row.spec.key),
                    row.spec.label,
                    layouts.GROUP_LABELS[row.group] if row.group else "",
                    "✓" if row.spec.key in v2019 else "—",
                    "✓" if row.spec.key in v2021 else "—",
                ]
                for row in _merged_application_rows(layouts)
            ),
        )
    )
    out += ["", f"Columns (the same {len(layouts.APPLICANT_COLUMNS)} in both layouts):", ""]
    out.append(
        _table(
            ["#", "Column key", "Official label", "Kind"],
            (
                [i, _code(c.key), c.label, c.kind.value]
                for i, c in enumerate(layouts.APPLICANT_COLUMNS, start=1)
            ),
        )
    )
    n_review = len(layouts.cell_keys(layouts.REVIEW_LITIGATION, "v2019"))
    out += [
        "",
        f"### Table 四 · `{layouts.REVIEW_LITIGATION}` · {titles[layouts.REVIEW_LITIGATION]}",
        "",
        f"The same in both layouts: {len(layouts.REVIEW_GROUPS)} groups × "
        f"{len(layouts.REVIEW_COLUMNS)} columns = {n_review} value cells, printed as one row.",
        "",
        "Groups (the row keys):",
        "",
        _table(["Row key", "Label"], ([_code(g.key), g.label] for g in layouts.REVIEW_GROUPS)),
        "",
        "Columns (the same five in every group):",
        "",
        _table(
            ["Column key", "Official label", "Kind"],
            ([_code(c.key), c.label, c.kind.value] for c in layouts.REVIEW_COLUMNS),
        ),
    ]
    out += ["", *_statistics_keys(layouts)]
    return "\n".join(out)


def _version_differences() -> str:
    """The cell keys only one of the two statutory layouts has, table by table."""
    layouts = _import("govreport.tables.layouts")
    rows = []
    for table in (layouts.ACTIVE, layouts.APPLICATIONS, layouts.REVIEW_LITIGATION):
        v2019 = layouts.cell_keys(table, "v2019")
        v2021 = layouts.cell_keys(table, "v2021")
        only_2019 = [k for k in v2019 if k not in set(v2021)]
        only_2021 = [k for k in v2021 if k not in set(v2019)]
        if not only_2019 and not only_2021:
            rows.append([_code(table), "the same keys in both", ""])
            continue
        rows.append(
            [
                _code(table),
                "<br>".join(_code(f"{row}/{column}") for row, column in only_2019) or "-",
                "<br>".join(_code(f"{row}/{column}") for row, column in only_2021) or "-",
            ]
        )
    return _table(["Table", "Only in v2019", "Only in v2021"], rows)


def _statistics_keys(layouts: Any) -> list[str]:
    """The pre-2019 统计表 (layout v2008): its rows, columns and the rows that add up."""
    form = _import("govreport.tables.statistics_form")
    rows = form.STATISTICS_ROWS
    n_cells = len(layouts.cell_keys(layouts.STATISTICS, "v2008"))
    return [
        f"### 统计表 · `{layouts.STATISTICS}` · {layouts.TABLE_TITLES[layouts.STATISTICS]} (layout `v2008`)",
        "",
        f"Reports up to 2018 end with this table. It has {len(rows)} rows × "
        f"{len(form.STATISTICS_COLUMNS)} columns = {n_cells} value cells; provinces printed "
        "different subsets of the rows, and the rows a report does not print are `missing`. "
        "A row is found when its printed label matches the pattern below; T1 checks each "
        "total against the sum of its printed parts.",
        "",
        _table(
            ["Row key", "Label", "Unit", "Kind", "Label pattern", "Sum of"],
            (
                [
                    _code(r.key),
                    r.label,
                    r.unit,
                    r.kind.value,
                    _code(r.pattern),
                    "<br>".join(_code(p) for p in r.parts),
                ]
                for r in rows
            ),
        ),
        "",
        "Columns:",
        "",
        _table(
            ["Column key", "Printed as", "Kind"],
            ([_code(c.key), c.label + ("（或 2011年度 等）" if c.key == "this_year" else ""), "row's kind"]
             for c in form.STATISTICS_COLUMNS),
        ),
    ]


def _sections() -> str:
    builtin = _import("govreport.sections.builtin")
    plugins = _import("govreport.plugins")
    statutory = {s.name for s in builtin.STATUTORY_SECTIONS}
    rows = []
    for section in builtin.ALL_SECTIONS:
        cores = "; ".join(" + ".join(words) for words in section.cores)
        rows.append(
            [
                _code(section.name),
                _code(section.key),
                "statutory" if section.name in statutory else "old narrative",
                "、".join(f"「{v}」" for v in section.variants),
                cores,
            ]
        )
    return (
        f"Published under the `{plugins.SECTION_KIND.group}` entry-point group.\n\n"
        + _table(["Plugin name", "Section key", "Set", "Heading wordings", "Core words"], rows)
    )


def _formats() -> str:
    plugins = _import("govreport.plugins")
    rows = (
        [_code(name), ", ".join(_code(e) for e in reader.extensions),
         _code(type(reader).__name__), _first_line(type(reader))]
        for name, reader in plugins.installed(plugins.READER_KIND).items()
    )  # fmt: skip
    return (
        f"Published under the `{plugins.READER_KIND.group}` entry-point group.\n\n"
        + _table(["Format", "Extensions", "Reader", "What it reads"], rows)
    )


def _table_readers() -> str:
    plugins = _import("govreport.plugins")
    rows = (
        [_code(item.info.name), getattr(item.plugin, "title", ""), _code(type(item.plugin).__module__)]
        for item in plugins.load(plugins.TABLE_READER_KIND)
    )
    return (
        f"Published under the `{plugins.TABLE_READER_KIND.group}` entry-point group.\n\n"
        + _table(["Table key", "Table", "Module"], rows)
    )


def _plugin_kinds() -> str:
    """The plugin kinds, from :data:`govreport.plugins.KINDS`, with the installed built-ins."""
    plugins = _import("govreport.plugins")
    rows = []
    for kind in plugins.KINDS.active():
        protocols = " or ".join(_code(f"{p.__module__}.{p.__qualname__}") for p in kind.protocols)
        builtins = ", ".join(
            _code(item.info.name) for item in plugins.load(kind) if item.info.distribution == "govreport"
        )
        rows.append(
            [_code(kind.name), _code(kind.group), kind.noun, protocols, kind.contract,
             f"{_code(kind.version_name)} = {kind.api_version}", builtins]
        )  # fmt: skip
    return _table(
        ["Kind", "Entry-point group", "One plugin is", "Protocol", "Members", "API version", "Built-ins"], rows
    )


def _enum_generator(module: str, name: str, header: str) -> Callable[[], str]:
    def generate() -> str:
        return _enum_table(getattr(_import(module), name), header)

    return generate


def _cli() -> str:
    import click

    cli = _import("govreport.app.cli")
    width = 88
    root = click.Context(cli.main, info_name="govreport", terminal_width=width,
                         max_content_width=width)  # fmt: skip
    out = ["```text", "$ govreport --help", cli.main.get_help(root), "```"]
    for name in cli.main.list_commands(root):
        command = cli.main.get_command(root, name)
        if command is None or command.hidden:
            continue
        sub = click.Context(command, info_name=name, parent=root)
        out += [
            "",
            f"### `govreport {name}`",
            "",
            "```text",
            f"$ govreport {name} --help",
            command.get_help(sub),
            "```",
        ]
    return "\n".join(out)


def _exports() -> str:
    """Every public name of ``govreport`` with a link to where this page documents it."""
    package = _import("govreport")
    rows = []
    for name in package.__all__:
        if name.startswith("__"):
            continue
        obj = getattr(package, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            home, summary = obj.__module__, _first_line(obj)
        else:  # an instance (``converter``, ``DEFAULT_LIMITS``): the module that assigns the name
            home = _assigning_module(name)
            summary = ""
        kind = (
            "exception" if inspect.isclass(obj) and issubclass(obj, BaseException)
            else "enum" if inspect.isclass(obj) and issubclass(obj, enum.Enum)
            else "class" if inspect.isclass(obj)
            else "function" if inspect.isfunction(obj)
            else "object"
        )  # fmt: skip
        rows.append([f"[`{name}`][{home}.{name}]", kind, summary])
    return _table(["Name", "Kind", "Summary"], rows)


def _assigning_module(name: str) -> str:
    """The govreport module whose source assigns ``name`` at its top level."""
    assignment = re.compile(rf"^{re.escape(name)}\b[^=\n]*=", re.MULTILINE)
    for module_name, module in sorted(sys.modules.items()):
        if not module_name.startswith("govreport.") or module is None:
            continue
        try:
            source = inspect.getsource(module)
        except (OSError, TypeError):
            continue
        if assignment.search(source):
            return module_name
    raise PluginError(f"govreport.{name}: no documented home for this object")


def _changelog() -> str:
    path = _ROOT / "CHANGELOG.md"
    if not path.is_file():
        log.info("CHANGELOG.md not found; the changelog page shows a pointer only")
        return (
            "!!! note\n    The repository has no `CHANGELOG.md` yet. Changes are listed there,\n"
            "    under `## Unreleased` first, once it exists."
        )
    text = path.read_text(encoding="utf-8")
    # The page has its own title: drop the file's first-level heading.
    return re.sub(r"\A\s*# [^\n]*\n", "", text, count=1)


def _export_tables() -> str:
    """Every export table with its columns: the same definitions the writers and Arrow schema use."""
    columns = _import("govreport.export.columns")
    out: list[str] = []
    for name, spec in columns.TABLES.items():
        wide = [c for c in spec.columns if c.name.count("__") == 2]
        rules = [c for c in spec.columns if c.name.startswith("rule_")]
        plain = [c for c in spec.columns if c not in wide and c not in rules]
        out += [f"### `{name}`", "", spec.description, ""]
        out.append(
            _table(["Column", "Type", "Meaning"], ([_code(c.name), c.type.value, c.description] for c in plain))
        )
        if rules:
            ids = ", ".join(_code(c.name) for c in rules)
            out += ["", f"Then one `{rules[0].type.value}` column per rule, counting its findings: {ids}."]
        if wide:
            out += [
                "",
                f"Then {len(wide)} columns, one per canonical cell key of either layout, named "
                "`table__row__column` (counts as `int64`, money in 元 as "
                f"`{columns.ColumnType.DECIMAL.value}`; exact printed values are in the `cells` table), "
                "for example "
                + ", ".join(_code(c.name) for c in wide[:3])
                + ".",
            ]
        out.append("")
    return "\n".join(out)


def _limits() -> str:
    """Every field of ``Limits`` with its default and the reason, from ``LIMIT_DOCS``."""
    import attrs

    limits = _import("govreport.limits")
    rows = []
    for field in attrs.fields(limits.Limits):
        default = field.default
        shown = f"{default:,}" if isinstance(default, int) else f"{default:g}"
        rows.append([_code(field.name), shown, limits.LIMIT_DOCS[field.name]])
    return _table(["Limit", "Default", "What it bounds, and why this default"], rows)


def _narrative_keys() -> str:
    narrative = _import("govreport.extract.narrative")
    rows = (
        [_code(key), entry.title, entry.family, "yes" if entry.core else "", entry.needs.value,
         " ".join(entry.units), ", ".join(_code(p) for p in entry.parents)]
        for key, entry in narrative.NARRATIVE_KEYS.items()
    )  # fmt: skip
    return _table(["Key", "Wording", "Family", "Core", "Context", "Units", "Listed after"], rows)


def _narrative_contexts() -> str:
    narrative = _import("govreport.extract.narrative")
    rows = (
        [_code(name), rule.context.value, " / ".join(rule.words), _code(rule.family) if rule.family else "",
         "" if rule.in_sentences else "headings only", rule.description]
        for name, rule in narrative.CONTEXT_RULES.items()
    )  # fmt: skip
    return _table(["Rule", "Context", "Words", "Section family", "Where", "Meaning"], rows)


def _narrative_links() -> str:
    narrative = _import("govreport.extract.narrative")
    rows = (
        [_code(link.key), _code(link.table), ", ".join(link.layouts),
         " + ".join(_code(f"{row}/{column}") for row, column in link.cells)]
        for link in narrative.TEXT_TABLE_LINKS
    )  # fmt: skip
    return _table(["Narrative key", "Table", "Layouts", "Cells (summed)"], rows)


GENERATORS: dict[str, Callable[[], str]] = {
    "limits": _limits,
    "narrative-keys": _narrative_keys,
    "narrative-contexts": _narrative_contexts,
    "narrative-links": _narrative_links,
    "export-tables": _export_tables,
    "rules": _rules,
    "corpus-rules": _corpus_rules,
    "table-keys": _table_keys,
    "version-differences": _version_differences,
    "sections": _sections,
    "formats": _formats,
    "table-readers": _table_readers,
    "plugin-kinds": _plugin_kinds,
    "cli": _cli,
    "exit-codes": _enum_generator("govreport.app.exit_codes", "ExitCode", "Status"),
    "exports": _exports,
    "changelog": _changelog,
    "cell-states": _enum_generator("govreport.model.tables", "CellState", "State"),
    "versions": _enum_generator("govreport.model.report", "FormatVersion", "Version"),
    "severities": _enum_generator("govreport.model.findings", "Severity", "Severity"),
    "origins": _enum_generator("govreport.model.findings", "Origin", "Origin"),
    "value-kinds": _enum_generator("govreport.tables.layouts", "ValueKind", "Kind"),
}


# --- MkDocs events ----------------------------------------------------------------------
def _outside_fences(markdown: str) -> Iterable[tuple[int, int]]:
    """Character ranges of ``markdown`` that are not inside fenced code blocks."""
    start, pos, fence = 0, 0, None
    for line in markdown.splitlines(keepends=True):
        match = _FENCE.match(line)
        if match:
            if fence is None:
                yield start, pos
                fence = match.group(1)
            elif match.group(1) == fence:
                fence = None
                start = pos + len(line)
        pos += len(line)
    if fence is None:
        yield start, len(markdown)


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    """Replace every ``<!-- govreport:NAME -->`` line outside code fences."""
    pieces: list[str] = []
    last = 0
    for start, end in _outside_fences(markdown):
        for match in _PLACEHOLDER.finditer(markdown, start, end):
            name = match.group(1)
            generator = GENERATORS.get(name)
            if generator is None:
                raise PluginError(
                    f"{page.file.src_uri}: unknown placeholder govreport:{name}; "
                    f"known: {', '.join(sorted(GENERATORS))}"
                )
            pieces += [markdown[last : match.start()], generator()]
            last = match.end()
    pieces.append(markdown[last:])
    return "".join(pieces)


def on_page_content(html: str, *, page: Any, config: Any, files: Any) -> str:
    """Drop Sphinx role prefixes (``:class:`` …) that mkdocstrings renders literally."""
    return _SPHINX_ROLE.sub("", html)
