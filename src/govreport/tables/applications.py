"""Table 三: 收到和处理政府信息公开申请情况 (23 rows in v2019, 25 in v2021, 7 columns)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from govreport.messages import reading as msg
from govreport.messages.names import table_name
from govreport.model.document import Grid
from govreport.model.rules import finding
from govreport.model.tables import Layout
from govreport.normalize.text import label_key
from govreport.tables import TABLE_READER_API_VERSION
from govreport.tables.closeness import edit_distance
from govreport.tables.cores import CoreIndex
from govreport.tables.glued import or_glued, ordinary_grids
from govreport.tables.layouts import (
    APPLICANT_COLUMNS,
    APPLICATIONS,
    APPLICATIONS_V2019,
    APPLICATIONS_V2021,
    FORM_LAYOUTS,
    GROUP_CORES,
    GROUP_LABELS,
    application_rows,
    hybrid_rows,
    replaced_rows,
)
from govreport.tables.reading import (
    AnalysedRow,
    Placement,
    TableReading,
    analyse_rows,
    header_positions,
    match_core,
    positions_trusted,
)
from govreport.tables.rules import L1, R3, R6
from govreport.tables.specs import ApplicationRow

_ALL_ROWS: tuple[ApplicationRow, ...] = tuple(
    {r.spec.key: r for r in (*APPLICATIONS_V2019, *APPLICATIONS_V2021)}.values()
)
# Row cores too generic to identify table 三 on their own.
_WEAK = frozenset({"total_processed", "other", "other.other"})
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]{1,2}|\d{1,2})")
_OUTCOMES_L1 = (label_key("三、本年度办理结果"), "本年度办理")
_APPLICANT_COLUMNS = CoreIndex([c.cores for c in APPLICANT_COLUMNS])
_GROUP_NAMES = tuple(GROUP_CORES)
_GROUPS = CoreIndex([GROUP_CORES[name] for name in _GROUP_NAMES])


def _is_header(row: AnalysedRow) -> bool:
    """A column-header row: no numbers, and several applicant column labels."""
    return not row.has_numbers and _names_columns(row.label_keys)


@lru_cache(maxsize=4096)
def _names_columns(label_keys: tuple[str, ...]) -> bool:
    """Whether label keys name several applicant columns (rows repeat across reports: kept)."""
    return len(_APPLICANT_COLUMNS.matched_of(label_keys)) >= 2


def _is_total_column_head(spec_row: ApplicationRow, key: str, row: AnalysedRow) -> bool:
    """A bare 总计 with no numbers above the first data row: the 总计 column's head.

    Page copies print each header cell on a line of its own; that line is not row （七）总计.
    """
    return spec_row.spec.key == "total_processed" and not row.has_numbers and strip_numbering(key) == key


def strip_numbering(key: str) -> str:
    """A label key without its leading 一/（一）/1. numbering."""
    return _NUMBERING.sub("", key, count=1)


@lru_cache(maxsize=4096)
def _same_label(key: str, official: str) -> bool:
    """Whether a printed label key is the official label, numbering aside."""
    return strip_numbering(key) == strip_numbering(label_key(official))


@lru_cache(maxsize=65536)
def _match_key(key: str, in_other_group: bool) -> tuple[int, ApplicationRow] | None:
    """The best row for one label key: the longest matching core wins."""
    best: tuple[int, ApplicationRow] | None = None
    for candidate in _ALL_ROWS:
        # Group context only decides the generic 3.其他 row; other cores are distinctive,
        # so a row still reads when a converter dropped its merged group cell.
        if candidate.spec.key == "other.other":
            score = 2 if in_other_group and strip_numbering(key) == "其他" else 0
        else:
            score = match_core((key,), candidate.spec.cores)
        if score and (best is None or score > best[0]):
            best = (score, candidate)
    return best


_CLOSE_MIN_CHARS = 8
_CLOSE_MAX_EDITS = 2


@lru_cache(maxsize=4096)
def _close_row(key: str) -> ApplicationRow | None:
    """The one row whose official label is within two edits of ``key`` (labels of 8 characters or more).

    ``2.其他法律行政止公开`` is ``2.其他法律行政法规禁止公开`` with 法规禁 lost; no core matches it.
    """
    printed = strip_numbering(key)
    if len(printed) < _CLOSE_MIN_CHARS:
        return None
    close = [
        row
        for row in _ALL_ROWS
        if len(official := strip_numbering(label_key(row.spec.label))) >= _CLOSE_MIN_CHARS
        and edit_distance(printed, official, _CLOSE_MAX_EDITS) <= _CLOSE_MAX_EDITS
    ]
    return close[0] if len(close) == 1 else None


def _row_between(
    found: list[tuple[ApplicationRow, AnalysedRow]], position: int, seen: set[str]
) -> ApplicationRow | None:
    """The one row of the form left between the rows found before and after ``position``, if any.

    Both layouts are asked; they must agree, and the row must not have been read already.
    """
    if position == 0 or position >= len(found):
        return None
    before, after = found[position - 1][0].spec.key, found[position][0].spec.key
    candidates = set()
    for layout in FORM_LAYOUTS:
        keys = [r.spec.key for r in application_rows(layout)]
        if before in keys and after in keys and keys.index(after) - keys.index(before) == 2:
            candidates.add(keys[keys.index(before) + 1])
    if len(candidates) != 1:
        return None
    (key,) = candidates
    return None if key in seen else next(r for r in _ALL_ROWS if r.spec.key == key)


class ApplicationsReader:
    """Finds table 三 by its row labels and reads its 7 applicant columns."""

    name = APPLICATIONS
    title = "三、收到和处理政府信息公开申请情况"
    api_version = TABLE_READER_API_VERSION

    def read(self, grids: Sequence[Grid]) -> TableReading | None:
        """Read the first grid that carries table 三's row labels."""
        return or_glued(self._read_grids(ordinary_grids(grids)), APPLICATIONS, grids)

    def _read_grids(self, grids: Sequence[Grid]) -> TableReading | None:
        for grid in grids:
            rows = analyse_rows(grid)
            matched = [(r, self._match(r, None)) for r in rows if not _is_header(r)]
            strong = sum(1 for _, m in matched if m and m[0].spec.key not in _WEAK)
            if strong >= 3:
                return self._read(grid, rows)
        return None

    @staticmethod
    def _match(row: AnalysedRow, group: str | None) -> tuple[ApplicationRow, str] | None:
        best: tuple[int, ApplicationRow, str] | None = None
        for key in row.label_keys:
            hit = _match_key(key, group == "other")
            if hit is not None and (best is None or hit[0] > best[0]):
                best = (hit[0], hit[1], key)
        if best is None:
            for key in row.label_keys:
                close = _close_row(key)
                if close is not None:
                    return close, key
        return (best[1], best[2]) if best else None

    def _read(self, grid: Grid, rows: list[AnalysedRow]) -> TableReading:
        reading = TableReading(APPLICATIONS, grid.location)
        group: str | None = None
        found: list[tuple[ApplicationRow, AnalysedRow]] = []
        seen: set[str] = set()
        first_data: int | None = None
        unmatched: list[tuple[int, AnalysedRow]] = []  # (rows found before it, row)
        for index, row in enumerate(rows):
            if _is_header(row):
                continue
            for key in row.label_keys:
                for group_index in _GROUPS.matched(key):
                    group = _GROUP_NAMES[group_index]
                    self._check_label(reading, key, GROUP_LABELS[group], row)
                if match_core((key,), _OUTCOMES_L1[1:]):
                    self._check_label(reading, key, "三、本年度办理结果", row)
            match = self._match(row, group)
            if match is None:
                if row.has_numbers:
                    unmatched.append((len(found), row))
                continue
            spec_row, matched_key = match
            if first_data is None and _is_total_column_head(spec_row, matched_key, row):
                continue
            # A sub-row keeps its group open for the next one (3.其他 needs （六） around it),
            # also when a converter dropped the merged group cell.
            group = spec_row.group
            if first_data is None:
                first_data = index
            if spec_row.spec.key in seen:
                reading.findings.append(
                    finding(
                        R6,
                        msg.DUPLICATE_ROW(table=table_name(APPLICATIONS), label=spec_row.spec.label),
                        location=row.location,
                    )
                )
                continue
            seen.add(spec_row.spec.key)
            self._check_label(reading, matched_key, spec_row.spec.label, row)
            found.append((spec_row, row))
            if spec_row.spec.key == "other":
                reading.evidence.append((Layout.V2019, "表三（六）其他处理为单行", row.location))
            elif spec_row.group == "other" and not any(v == Layout.V2021 for v, _, _ in reading.evidence):
                # One cue for the three sub-rows: table 三 votes once, like each block of 表二.
                reading.evidence.append((Layout.V2021, "表三（六）其他处理分为三个子项", row.location))
        for position, row in reversed(unmatched):
            left = _row_between(found, position, seen)
            if left is None:
                reading.findings.append(
                    finding(
                        R3,
                        msg.UNKNOWN_ROW_LABEL(table=table_name(APPLICATIONS), label=row.label_text),
                        location=row.location,
                    )
                )
                continue
            seen.add(left.spec.key)
            found.insert(position, (left, row))
            reading.findings.append(
                finding(
                    L1,
                    msg.LABEL_BY_POSITION(
                        table=table_name(APPLICATIONS), printed=row.label_text, official=left.spec.label
                    ),
                    location=row.location,
                )
            )
        header = rows[: first_data or 0]
        table_rows = header + [r for _, r in found]
        positions = (
            header_positions(header, APPLICANT_COLUMNS, exact=frozenset({"其他"}))
            if positions_trusted(table_rows)
            else None
        )

        found_keys = {spec_row.spec.key for spec_row, _ in found}

        def place(layout: Layout) -> Placement:
            keys_in_layout = {r.spec.key for r in application_rows(layout)}
            if not found_keys & set(replaced_rows(APPLICATIONS, layout)):
                keys_in_layout |= set(hybrid_rows(APPLICATIONS, layout))  # e.g. （六） as one v2019 row
            placement = Placement()
            for spec_row, row in found:
                if spec_row.spec.key not in keys_in_layout:
                    continue
                keys = [(spec_row.spec.key, c.key) for c in APPLICANT_COLUMNS]
                placement.slots.update(placement.place_row(APPLICATIONS, row, keys, positions))
            return placement

        reading.place = place
        return reading

    @staticmethod
    def _check_label(reading: TableReading, key: str, official: str, row: AnalysedRow) -> None:
        if not _same_label(key, official):
            printed = next((c.text for c, k in zip(row.labels, row.label_keys, strict=True) if k == key), key)
            reading.findings.append(
                finding(
                    L1,
                    msg.LABEL_VARIANT(table=table_name(APPLICATIONS), printed=printed, official=official),
                    location=row.location,
                )
            )


READER = ApplicationsReader()
