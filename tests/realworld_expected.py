"""What each file of ``../shared/realworld`` prints, written down by reading the file by hand.

Every number a file prints in tables 二/三/四 (and in the old 统计表) is listed under its
canonical key. Cells a truncated file does not print are ``MISSING``; empty cells are
``BLANK``. Two kinds of damage have no single value to expect:

- ``Glued``: crawled text glued two cells' digits (``条206912106``). The true split is
  known from the report's sentences, but the table alone admits several, so the cell
  must be ``missing``; if it is ever read, it must be the true value.
- ``Ambiguous``: a row printed fewer numbers than cells and nothing says which cell
  holds them (``一、本年新收…`` followed by a lone ``0``): the cell must not be read.

The values are data, not code under test: they were not produced by govreport.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from govreport.tables.layouts import (
    ACTIVE,
    APPLICANT_COLUMNS,
    APPLICATIONS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    REVIEW_LITIGATION,
    STATISTICS,
    active_blocks,
    cell_keys,
)


class State(Enum):
    """An expected cell without a value."""

    BLANK = "blank"
    MISSING = "missing"


BLANK = State.BLANK
MISSING = State.MISSING


@dataclass(frozen=True)
class Glued:
    """Digits of adjacent cells printed as one run; ``truth`` is this cell's value."""

    raw: str
    truth: int


@dataclass(frozen=True)
class Recoverable:
    """A cell a converter printed empty whose value the table's rules fix: blank, or inferred ``value``."""

    value: int


@dataclass(frozen=True)
class Ambiguous:
    """A printed number whose cell cannot be told from the file."""

    printed: str


Value = int | Decimal | State | Glued | Recoverable | Ambiguous
CellKey = tuple[str, str, str]  # (table, row, column)


@dataclass(frozen=True)
class RealFile:
    """The expected reading of one real file."""

    name: str
    organ: str | None
    year: int
    version: str
    layout: str | None
    """The statutory tables' layout, or ``None`` for a narrative report."""
    tables: frozenset[str]
    """Tables of which the file prints at least one row label (a header alone does not count)."""
    cells: dict[CellKey, Value]
    xfail: dict[str, str] = field(default_factory=dict)
    """Known failures: a metadata field name or a ``table/row`` prefix, with the pattern's name.

    The longest matching prefix decides; an empty reason marks cells expected to pass.
    """


_APP_COLUMNS = tuple(c.key for c in APPLICANT_COLUMNS)
_REVIEW_COLUMNS = tuple(c.key for c in REVIEW_COLUMNS)


def _active(layout: str, rows: dict[str, tuple[Value, ...]]) -> dict[CellKey, Value]:
    out: dict[CellKey, Value] = {}
    for block in active_blocks(layout):
        for row in block.rows:
            values = rows.get(row.key, (MISSING,) * len(block.columns))
            assert len(values) == len(block.columns), row.key
            for column, value in zip(block.columns, values, strict=True):
                out[(ACTIVE, row.key, column.key)] = value
    return out


def _applications(
    layout: str, rows: dict[str, tuple[Value, ...]], rest: Value = MISSING
) -> dict[CellKey, Value]:
    out: dict[CellKey, Value] = {}
    for row, column in cell_keys(APPLICATIONS, layout):
        values = rows.get(row)
        out[(APPLICATIONS, row, column)] = values[_APP_COLUMNS.index(column)] if values else rest
    return out


def _review(values: tuple[Value, ...] | None, fill: Value = MISSING) -> dict[CellKey, Value]:
    keys = [(REVIEW_LITIGATION, g.key, c) for g in REVIEW_GROUPS for c in _REVIEW_COLUMNS]
    return dict(zip(keys, values or (fill,) * len(keys), strict=True))


def _absent(layout: str, *tables: str) -> dict[CellKey, Value]:
    return {(t, r, c): MISSING for t in tables for r, c in cell_keys(t, layout)}


def _statistics(rows: dict[str, tuple[Value, Value]]) -> dict[CellKey, Value]:
    out: dict[CellKey, Value] = {}
    for row, column in cell_keys(STATISTICS, "v2008"):
        values = rows.get(row)
        out[(STATISTICS, row, column)] = values[0 if column == "this_year" else 1] if values else MISSING
    return out


def _zeros(n: int) -> tuple[int, ...]:
    return (0,) * n


Z7 = _zeros(7)
Z3 = _zeros(3)
Z2 = _zeros(2)

# --- v2019 table 二 printed as all zeros ---------------------------------------------
_ZERO_ACTIVE_2019 = {
    "regulations": Z3,
    "normative_documents": Z3,
    "licensing": Z3,
    "other_services": Z3,
    "penalty": Z3,
    "enforcement": Z3,
    "fees": Z2,
}

HEADING_SEPARATED = "table 二 blocks one cell per line with heading lines (issue 8 item 3, another helper)"
EMPTY_TABLES = "a table printed with labels and no numbers at all: its empty cells left no line, so not blank"
NO_TITLE_ORGAN = "organ named only in the body text (metadata, not this helper's area)"
SECTIONS_WITHOUT_TABLES = "statutory sections announced but tables missing (issue 8 item 3, another helper)"
TABLE_ONE_FRAGMENT = "Markdown 表二（一）: 本年废止 printed on lines of its own, away from its row"


def _pingtan_statistics(active: tuple[Value, Value], rows: tuple[str, ...]) -> dict[CellKey, Value]:
    printed: dict[str, tuple[Value, Value]] = {"active": active, "active.website": active}
    printed.update({row: (0, 0) for row in rows})
    return _statistics(printed)


_PINGTAN_2016_ROWS = (
    "active.gazette",
    "applications",
    "applications.in_person",
    "applications.online",
    "applications.letter_or_fax",
    "replies",
    "replies.granted",
    "replies.partial",
    "replies.denied",
    "replies.other",
    "complaints",
    "review",
    "litigation",
)

FILES: tuple[RealFile, ...] = (
    RealFile(
        "hunnan-district-sasac-2022-tables-missing.txt",
        organ="浑南区国资局",
        year=2022,
        version="v2021",
        layout="v2021",
        tables=frozenset(),
        cells=_absent("v2021", ACTIVE, APPLICATIONS, REVIEW_LITIGATION),
        xfail={
            "version": SECTIONS_WITHOUT_TABLES,
        },
    ),
    RealFile(
        "lzq-township-2019-total-only-partial.txt",
        organ=None,
        year=2019,
        version="v2019",
        layout="v2019",
        tables=frozenset({ACTIVE, APPLICATIONS}),
        cells={
            **_active(
                "v2019",
                {**_ZERO_ACTIVE_2019, "normative_documents": (2, 2, 2), "procurement": (0, Decimal(0))},
            ),
            **_applications(
                "v2019",
                {
                    "new_received": (Ambiguous("0"),) * 7,
                    "carried_over": (Ambiguous("0"),) * 7,
                    "granted": (Ambiguous("0"),) * 7,
                    "partial": (Ambiguous("0"),) * 7,
                },
            ),
            **_review(None),
        },
        xfail={},
    ),
    RealFile(
        "nppa-national-press-publication-2022-partial.txt",
        organ="国家新闻出版署",
        year=2022,
        version="v2021",
        layout="v2021",
        tables=frozenset({ACTIVE}),
        cells={
            **_active(
                "v2021",
                {
                    "regulations": (0, 0, 25),
                    "normative_documents": (3, 0, 291),
                    "licensing": (46209,),
                    "penalty": (6,),
                    "enforcement": (0,),
                    "fees": (Decimal(0),),
                },
            ),
            **_absent("v2021", APPLICATIONS, REVIEW_LITIGATION),
        },
        xfail={"organ": NO_TITLE_ORGAN},
    ),
    RealFile(
        "pingtan-local-tax-bureau-2013.txt",
        organ="平潭综合实验区地方税务局",
        year=2013,
        version="narrative",
        layout=None,
        tables=frozenset(),
        cells={},
    ),
    RealFile(
        "pingtan-zone-2012.txt",
        organ="平潭综合实验区",
        year=2012,
        version="narrative",
        layout=None,
        tables=frozenset({STATISTICS}),
        cells=_statistics(
            {
                "active": (739, 4359),
                "active.website": (739, 4359),
                **{
                    row: (0, 0)
                    for row in (
                        "active.gazette",
                        "applications",
                        "applications.in_person",
                        "applications.fax",
                        "applications.email",
                        "applications.online",
                        "applications.letter",
                        "replies",
                        "replies.granted",
                        "replies.partial",
                        "replies.denied",
                        "review",
                        "litigation",
                        "complaints",
                    )
                },
            }
        ),
    ),
    RealFile(
        "pingtan-zone-2016.txt",
        organ="平潭综合实验区",
        year=2016,
        version="narrative",
        layout=None,
        tables=frozenset({STATISTICS}),
        cells={
            **_pingtan_statistics(
                (Glued("346085376", 3460), Glued("346085376", 85376)), (*_PINGTAN_2016_ROWS, "fees")
            ),
            (STATISTICS, "fees", "this_year"): Decimal(0),
            (STATISTICS, "fees", "cumulative"): Decimal(0),
        },
    ),
    RealFile(
        "pingtan-zone-2017.txt",
        organ="平潭综合实验区",
        year=2017,
        version="narrative",
        layout=None,
        tables=frozenset({STATISTICS}),
        cells=_pingtan_statistics((Glued("212210037", 2122), Glued("212210037", 10037)), _PINGTAN_2016_ROWS),
    ),
    RealFile(
        "pingtan-zone-2018.txt",
        organ="平潭综合实验区",
        year=2018,
        version="narrative",
        layout=None,
        tables=frozenset({STATISTICS}),
        cells=_pingtan_statistics((Glued("206912106", 2069), Glued("206912106", 12106)), _PINGTAN_2016_ROWS),
    ),
    RealFile(
        "shangwan-township-kangle-2019-partial.txt",
        organ="上湾乡人民政府",
        year=2019,
        version="v2019",
        layout="v2019",
        tables=frozenset({ACTIVE}),
        cells={
            **_active("v2019", {**_ZERO_ACTIVE_2019, "procurement": (6, Decimal(152790))}),
            **_absent("v2019", APPLICATIONS, REVIEW_LITIGATION),
        },
        xfail={},
    ),
    RealFile(
        "tuanjie-township-tongyu-2020-partial.txt",
        organ="团结乡",
        year=2020,
        version="v2019",
        layout="v2019",
        tables=frozenset({ACTIVE}),
        cells={
            # （九）政府集中采购 prints three numbers (0, 0, 20) for two cells.
            **_active(
                "v2019",
                {**_ZERO_ACTIVE_2019, "procurement": (Ambiguous("0 0 20"), Ambiguous("0 0 20"))},
            ),
            **_absent("v2019", APPLICATIONS, REVIEW_LITIGATION),
        },
        xfail={},
    ),
    RealFile(
        "tuofenglu-subdistrict-yuyang-2020-partial.txt",
        organ="驼峰路街道办事处",
        year=2020,
        version="v2019",
        layout="v2019",
        tables=frozenset({ACTIVE, APPLICATIONS}),
        cells={
            **_active("v2019", {**_ZERO_ACTIVE_2019, "procurement": (0, Decimal(0))}),
            # The web page had the 0 under 总计 and the other cells empty; the text keeps one 0.
            **_applications(
                "v2019",
                {"new_received": (Ambiguous("0"),) * 7, "carried_over": (Ambiguous("0"),) * 7},
            ),
            **_review(None),
        },
        xfail={},
    ),
    RealFile(
        "xiongxian-township-2019-blank-tables-partial.txt",
        organ=None,
        year=2019,
        version="v2019",
        layout="v2019",
        tables=frozenset({ACTIVE, APPLICATIONS, REVIEW_LITIGATION}),
        cells={
            **_active(
                "v2019",
                {
                    "regulations": (Ambiguous("0"),) * 3,
                    "normative_documents": (BLANK,) * 3,
                    "licensing": (BLANK,) * 3,
                    "other_services": (BLANK,) * 3,
                    "penalty": (BLANK,) * 3,
                    "enforcement": (BLANK,) * 3,
                    "fees": (BLANK,) * 2,
                    "procurement": (BLANK,) * 2,
                },
            ),
            **_applications("v2019", {}, rest=BLANK),
            **_review(None, fill=BLANK),
        },
        xfail={
            "tables": EMPTY_TABLES,
            "active/": EMPTY_TABLES,
            "active/regulations/": "",  # its lone 0 has no column: missing is right
            "applications/": EMPTY_TABLES,
            "review_litigation/": EMPTY_TABLES,
        },
    ),
    RealFile(
        "shanghai-stcsm-2024-pdf2md.txt",
        organ="上海市科委",
        year=2024,
        version="v2021",
        layout="v2021",
        tables=frozenset({ACTIVE, APPLICATIONS, REVIEW_LITIGATION}),
        cells={
            **_active(
                "v2021",
                {
                    "regulations": (0, 0, 0),
                    "normative_documents": (13, 0, 55),
                    "licensing": (97,),
                    "penalty": (0,),
                    "enforcement": (0,),
                    "fees": (Decimal(0),),
                },
            ),
            **_applications(
                "v2021",
                {
                    "new_received": (32, 2, 0, 0, 0, 0, 34),
                    "carried_over": (2, 0, 0, 0, 0, 0, 2),
                    "granted": (9, 0, 0, 0, 0, 0, 9),
                    "partial": Z7,
                    "denied.state_secret": Z7,
                    "denied.law_forbidden": Z7,
                    "denied.three_safety_one_stability": Z7,
                    "denied.third_party": Z7,
                    "denied.internal_affairs": (1, 0, 0, 0, 0, 0, 1),
                    "denied.process_info": (1, 0, 0, 0, 0, 0, 1),
                    "denied.enforcement_file": Z7,
                    "denied.admin_query": Z7,
                    "unable.not_held": (4, 0, 0, 0, 0, 0, 4),
                    "unable.needs_creation": (6, 0, 0, 0, 0, 0, 6),
                    "unable.unclear": Z7,
                    "not_processed.petition": Z7,
                    "not_processed.repeat": Z7,
                    "not_processed.publication": Z7,
                    "not_processed.massive": Z7,
                    "not_processed.confirm": Z7,
                    "other.overdue_correction": (8, 2, 0, 0, 0, 0, 10),
                    "other.overdue_fee": Z7,
                    "other.other": (4, 0, 0, 0, 0, 0, 4),
                    "total_processed": (33, 2, 0, 0, 0, 0, 35),
                    # The 总计 cell is empty in the Markdown (a stray "1" stands eight lines up).
                    "carried_forward": (1, 0, 0, 0, 0, 0, Recoverable(1)),
                },
            ),
            **_review((1, 0, 0, 0, 1, *_zeros(10))),
        },
    ),
    RealFile(
        "shanghai-govoffice-2025-pdf2md.txt",
        organ="上海市人民政府办公厅",
        year=2025,
        version="v2021",
        layout="v2021",
        tables=frozenset({ACTIVE, APPLICATIONS, REVIEW_LITIGATION}),
        cells={
            **_active(
                "v2021",
                {
                    # 本年废止: the lines "22（其中修订16件）" and "55（含自然失效29件）".
                    "regulations": (22, 22, 235),
                    "normative_documents": (34, 55, 189),
                    "licensing": (0,),
                    "penalty": (0,),
                    "enforcement": (0,),
                    "fees": (Decimal(0),),
                },
            ),
            **_applications(
                "v2021",
                {
                    "new_received": (1259, 36, 0, 0, 0, 0, 1295),
                    "carried_over": (170, 15, 0, 0, 4, 0, 189),
                    "granted": (201, 5, 0, 0, 0, 0, 206),
                    "partial": (2, 0, 0, 0, 0, 0, 2),
                    "denied.state_secret": (4, 0, 0, 0, 0, 0, 4),
                    "denied.law_forbidden": Z7,
                    "denied.three_safety_one_stability": (1, 0, 0, 0, 0, 0, 1),
                    "denied.third_party": Z7,
                    "denied.internal_affairs": (8, 0, 0, 0, 1, 0, 9),
                    "denied.process_info": (1, 0, 0, 0, 0, 0, 1),
                    "denied.enforcement_file": Z7,
                    "denied.admin_query": (5, 0, 0, 0, 0, 0, 5),
                    "unable.not_held": (484, 28, 0, 0, 1, 0, 513),
                    "unable.needs_creation": (47, 1, 0, 0, 0, 0, 48),
                    "unable.unclear": (3, 0, 0, 0, 0, 0, 3),
                    "not_processed.petition": (61, 1, 0, 0, 0, 0, 62),
                    "not_processed.repeat": (16, 0, 0, 0, 0, 0, 16),
                    "not_processed.publication": (1, 0, 0, 0, 0, 0, 1),
                    "not_processed.massive": (1, 0, 0, 0, 0, 0, 1),
                    "not_processed.confirm": Z7,
                    "other.overdue_correction": (40, 1, 0, 0, 2, 0, 43),
                    "other.overdue_fee": Z7,
                    "other.other": (264, 12, 0, 0, 0, 0, 276),
                    "total_processed": (1139, 48, 0, 0, 4, 0, 1191),
                    "carried_forward": (290, 3, 0, 0, 0, 0, 293),
                },
            ),
            **_review((40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22)),
        },
        xfail={"active/regulations/": TABLE_ONE_FRAGMENT, "active/normative_documents/": TABLE_ONE_FRAGMENT},
    ),
    RealFile(
        "shuyang-county-2025-ocr-md.txt",
        organ="沐阳县人民政府",  # as printed: the OCR misread 沭 as 沐
        year=2025,
        version="v2021",
        layout="v2021",
        tables=frozenset({ACTIVE, APPLICATIONS, REVIEW_LITIGATION}),
        cells={
            **_active(
                "v2021",
                {
                    "regulations": (0, 0, 0),
                    "normative_documents": (6, 1, 32),
                    "licensing": (517645,),
                    "penalty": (693957,),
                    "enforcement": (2154,),
                    "fees": (Decimal("4068.208"),),
                },
            ),
            **_applications(
                "v2021",
                {
                    "new_received": (705, 3, 0, 0, 5, 0, 713),
                    "carried_over": (36, 0, 0, 0, 0, 0, 36),
                    "granted": (290, 1, 0, 0, 3, 0, 294),
                    "partial": (99, 0, 0, 0, 2, 0, 101),
                    "denied.state_secret": Z7,
                    "denied.law_forbidden": Z7,
                    "denied.three_safety_one_stability": (2, 0, 0, 0, 0, 0, 2),
                    "denied.third_party": (2, 0, 0, 0, 0, 0, 2),
                    "denied.internal_affairs": (13, 0, 0, 0, 0, 0, 13),
                    "denied.process_info": (2, 0, 0, 0, 0, 0, 2),
                    "denied.enforcement_file": (4, 0, 0, 0, 0, 0, 4),
                    "denied.admin_query": (9, 0, 0, 0, 0, 0, 9),
                    "unable.not_held": (111, 0, 0, 0, 0, 0, 111),
                    "unable.needs_creation": (2, 0, 0, 0, 0, 0, 2),
                    "unable.unclear": Z7,
                    "not_processed.petition": (12, 0, 0, 0, 0, 0, 12),
                    "not_processed.repeat": (6, 1, 0, 0, 0, 0, 7),
                    "not_processed.publication": Z7,
                    "not_processed.massive": Z7,
                    "not_processed.confirm": Z7,
                    "other.overdue_correction": (9, 0, 0, 0, 0, 0, 9),
                    "other.overdue_fee": (7, 0, 0, 0, 0, 0, 7),
                    "other.other": (142, 1, 0, 0, 0, 0, 143),
                    "total_processed": (710, 3, 0, 0, 5, 0, 718),
                    "carried_forward": (31, 0, 0, 0, 0, 0, 31),
                },
            ),
            **_review((27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10)),
        },
    ),
)


def is_printed_number(value: Value) -> bool:
    """Whether the file prints a number for this cell (glued and ambiguous ones included)."""
    return not isinstance(value, State)
