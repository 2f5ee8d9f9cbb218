"""Names of the WordprocessingML elements and attributes the DOCX reader looks at."""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
STRICT = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"
"""The namespace of Strict Open XML, which the reader refuses."""

VAL = f"{W}val"
P, R, T, TBL, TR, TC = (f"{W}{t}" for t in ("p", "r", "t", "tbl", "tr", "tc"))
PPR, PSTYLE, NUMPR = f"{W}pPr", f"{W}pStyle", f"{W}numPr"
TCPR, TRPR, GRID_SPAN, VMERGE, GRID_BEFORE = (
    f"{W}{t}" for t in ("tcPr", "trPr", "gridSpan", "vMerge", "gridBefore")
)
SDT, SDT_CONTENT = f"{W}sdt", f"{W}sdtContent"
WRAPPERS = frozenset({SDT, f"{W}customXml", SDT_CONTENT})
"""Content controls and custom XML: their content reads as if they were not there."""
TAB, HYPHEN, BR, CR = f"{W}tab", f"{W}noBreakHyphen", f"{W}br", f"{W}cr"
TABS = f"{W}tabs"
"""Tab stops of paragraph properties: their ``w:tab`` children print nothing."""
TEXT_BOX = f"{W}txbxContent"
ALTERNATE, CHOICE, FALLBACK = f"{MC}AlternateContent", f"{MC}Choice", f"{MC}Fallback"
SKIP = frozenset(
    f"{W}{t}" for t in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText", "commentReference", "sdtPr")
)
"""Elements whose text is not printed: deletions, properties, field codes, comment marks."""


def int_value(value: str | None, default: int) -> int:
    """An integer attribute, or ``default`` when it is absent or not a number."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
