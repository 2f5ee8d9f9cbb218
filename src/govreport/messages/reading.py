"""Messages of table reading: doubts about the reading (R), label variants (L), the glued 统计表 (T3)."""

from __future__ import annotations

from govreport.model.messages import Message

QUOTE = Message("quote", zh="「{text}」", en="「{text}」", quoted={"text"})
"""One piece of report text in a list."""
ETC = Message("etc", zh="等", en=" etc.")
NONE = Message("none", zh="无", en="none")

# --- rows and labels ------------------------------------------------------------------
DUPLICATE_ROW = Message(
    "R6.duplicate_row",
    zh="{table}「{label}」行出现了两次，只取第一次。",
    en="{table}: the row 「{label}」 appears twice; only the first is read.",
    quoted={"label"},
)
UNKNOWN_ROW_LABEL = Message(
    "R3.unknown_label",
    zh="{table}有一行数字的行名无法识别：「{label}」。",
    en="{table} has a row of numbers whose label is not recognised: 「{label}」.",
    quoted={"label"},
)
EXTRA_ROW = Message(
    "R3.extra_row",
    zh="{table}有多余的数据行「{text}」，未读取。",
    en="{table} has an extra data row 「{text}」; not read.",
    quoted={"text"},
)
ROWS_ABSENT = Message(
    "R3.rows_absent",
    zh="{table}中按{layout}格式应有的{count}行未找到：{rows}；这些单元格标为 missing。",
    en="{table}: {count} rows of the {layout} form were not found: {rows}; their cells are marked missing.",
)
LABEL_BY_POSITION = Message(
    "L1.by_position",
    zh="{table}行名「{printed}」与标准格式不符，但它所在的位置只剩「{official}」一行未出现，按该行读取。",
    en="{table} row label 「{printed}」 is not the standard one, but 「{official}」 is the only row "
    "missing at its place; read as that row.",
    quoted={"printed", "official"},
)
LABEL_VARIANT = Message(
    "L1.variant",
    zh="{table}行名「{printed}」与标准格式「{official}」不一致，按「{official}」读取。",
    en="{table} row label 「{printed}」 differs from the standard 「{official}」; read as 「{official}」.",
    quoted={"printed", "official"},
)
CAPTION_VARIANT = Message(
    "L1.caption",
    zh="表二标题「{caption}」与标准格式「第二十条第（{clause}）项」不一致，按后者读取。",
    en="the table 2 caption 「{caption}」 differs from the standard 「第二十条第（{clause}）项」; "
    "read as the standard.",
    quoted={"caption", "clause"},
)

# --- values that do not fit the cells -------------------------------------------------
TOO_MANY_NUMBERS = Message(
    "R4.too_many",
    zh="{table}「{label}」行印出的数比{columns}列多，无法确定各数所属的列。",
    en="{table} row 「{label}」 prints more numbers than its {columns} columns; which column each "
    "belongs to cannot be told.",
    quoted={"label"},
)
NOT_A_NUMBER = Message(
    "R5.not_a_number",
    zh="{table}中有单元格的文字不是数字：{cells}；按占位符处理，不计为0。",
    en="{table} has cells whose text is not a number: {cells}; taken as placeholders, not as 0.",
)
CELL_TEXT = Message("R5.cell_text", zh="{cell}「{raw}」", en="{cell} 「{raw}」", quoted={"raw"})

# --- rows printed short (recovery) ----------------------------------------------------
LABELS_ONLY = Message(
    "R1.labels_only",
    zh="{table}有{rows}行只印了行名、没有印任何数值（{labels}{more}）：复制时空白格没有留下痕迹，"
    "无法区分空白与丢失，{cells}个单元格标为 missing（不是空白，也不是0）。",
    en="{table} has {rows} rows that print a label and no value ({labels}{more}): blank cells left no trace "
    "when copied, so a blank cannot be told from a lost value; {cells} cells are marked missing "
    "(not blank, not 0).",
)
SHORT_ROW = Message(
    "R1.short_row",
    zh="「{label}」应有{expected}个数，只印了{count}个（{printed}）",
    en="「{label}」 should have {expected} numbers but prints {count} (「{printed}」)",
    quoted={"label", "printed"},
)
FILLED_BY_RULES = Message(
    "R2.filled",
    zh="{row}；按表内勾稽规则{how}，{count}个单元格按规则补出，状态为 inferred。",
    en="{row}; by the table's own rules {how}, so {count} cells are filled in, state inferred.",
)
ONE_FILLING = Message("R2.one_filling", zh="只有一种填法", en="there is only one way to fill it")
SAME_IN_ALL = Message(
    "R2.same_in_all",
    zh="所有可行填法在这些格上取值相同",
    en="every feasible filling gives these cells the same values",
)
NOT_FILLED = Message(
    "R1.not_filled",
    zh="{row}；{why}，无法确定缺的是哪一格，{count}个单元格标为 missing。",
    en="{row}; {why}, so which cell is missing cannot be told; {count} cells are marked missing.",
)
NO_FILLING = Message(
    "R1.no_filling", zh="没有一种填法满足表内规则", en="no filling satisfies the table's rules"
)
MANY_FILLINGS = Message(
    "R1.many_fillings",
    zh="符合表内规则的填法不止一种",
    en="more than one filling satisfies the table's rules",
)
SHORT_UNPLACED = Message(
    "R1.unplaced",
    zh="「{label}」应有{expected}个数，只印了{count}个（{printed}），无法按规则确定各数所属的列，"
    "相关单元格标为 missing。",
    en="「{label}」 should have {expected} numbers but prints {count} (「{printed}」); the rules cannot tell "
    "which column each belongs to, so its cells are marked missing.",
    quoted={"label", "printed"},
)
