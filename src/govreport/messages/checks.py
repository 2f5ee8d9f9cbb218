"""Messages of the per-report checks: printed arithmetic (H, T), heuristics (S, V), text (N), repairs (M)."""

from __future__ import annotations

from govreport.model.messages import Message

# --- H: the printed rules -------------------------------------------------------------
EQUATION_FAILS = Message(
    "H.equation_fails",
    zh="{table}：{formula} 不成立，左边 {left}，右边 {right}，相差 {difference}。",
    en="{table}: 「{formula}」 does not hold: left {left}, right {right}, difference {difference}.",
    quoted={"formula"},
)
COUNT_NOT_INTEGER = Message(
    "H5.not_count",
    zh="{table} {row}/{column} 应为非负整数，读到「{raw}」。",
    en="{table} {row}/{column} must be a non-negative integer; read 「{raw}」.",
    quoted={"raw"},
)
MONEY_NEGATIVE = Message(
    "H6.negative",
    zh="金额 {row}/{column} 为负数「{raw}」。",
    en="money cell {row}/{column} is negative: 「{raw}」.",
    quoted={"raw"},
)
CHANGE_NOT_INTEGER = Message(
    "H7.not_integer",
    zh="本年增/减 {row} 应为整数，读到「{raw}」。",
    en="this year's change {row} must be an integer; read 「{raw}」.",
    quoted={"raw"},
)
MIXED_VERSIONS = Message(
    "H8.mixed",
    zh="表格混用了2019版与2021版格式：{cues}",
    en="the tables mix the 2019 and 2021 forms: {cues}",
)
VERSION_CUE = Message("H8.cue", zh="{cue}（{version}）", en="「{cue}」 ({version})", quoted={"cue"})

# --- S, V: what a correct report should pass ------------------------------------------
TOTAL_BELOW_PUBLISHED = Message(
    "S4.total_below_published",
    zh="表二 {row}：对外公开总数量 {total} 小于本年新公开数量 {published}。",
    en="table 2 {row}: the total in force {total} is less than the number published this year {published}.",
)
ITEMS_NEGATIVE = Message(
    "S4.items_negative",
    zh="表二 {row}：上一年项目数量 {previous} 加本年增/减 {change} 为负数。",
    en="table 2 {row}: last year's items {previous} plus this year's change {change} is negative.",
)
NIL_BUT_TABLE = Message(
    "S5.nil_but_table",
    zh="正文称「{claim}」，但{table}合计为 {total}。",
    en="the text says 「{claim}」, but {table} adds up to {total}.",
    quoted={"claim"},
)
TITLE_YEAR_VS_PERIOD = Message(
    "S6.period",
    zh="标题年度 {year} 与统计期限「{period}」不一致。",
    en="the title's year {year} does not match the period 「{period}」.",
    quoted={"period"},
)
NUMBER_YEAR = Message(
    "S6.document_number",
    zh="文号「{number}」的年份与报告年度 {year} 不符。",
    en="the year in the document number 「{number}」 does not match the report year {year}.",
    quoted={"number"},
)
ISSUE_DATE = Message(
    "S7.issue_date",
    zh="印发日期 {date} 不在 {start} 至 {end} 之间。",
    en="the issue date {date} is not between {start} and {end}.",
)
EMPTY_CELLS = Message(
    "S8.empty_cells",
    zh="{table}有 {count} 个空白或占位单元格（不等于0）：{cells}{more}。",
    en="{table} has {count} blank or placeholder cells (not 0): {cells}{more}.",
)
NO_PROBLEMS_SECTION = Message(
    "S9.missing",
    zh="报告没有「存在的主要问题及改进情况」部分。",
    en="the report has no section 「存在的主要问题及改进情况」 (main problems and improvements).",
)
THIN_PROBLEMS_SECTION = Message(
    "S9.thin",
    zh="「{heading}」部分内容过少：「{text}」。",
    en="the section 「{heading}」 says too little: 「{text}」.",
    quoted={"heading", "text"},
)
FEES_BUT_NONE = Message(
    "S10.fees_but_none",
    zh="已收费（{collected}），但「{heading}」为「无」。",
    en="fees were collected ({collected}), but 「{heading}」 says 「无」 (none).",
    quoted={"heading"},
)
FEES_IN_TABLE = Message(
    "S10.table_fees",
    zh="表二行政事业性收费 {amount} {unit}",
    en="table 2 administrative fees {amount} 「{unit}」",
    quoted={"unit"},
)
FEES_IN_TEXT = Message(
    "S10.text_fees",
    zh="信息处理费 {amount}{unit}",
    en="information processing fees {amount} 「{unit}」",
    quoted={"unit"},
)
ALL_DONE_BUT_CARRIED = Message(
    "S11.all_done",
    zh="正文称「{claim}」，但结转下年度继续办理为 {forward}。",
    en="the text says 「{claim}」, but {forward} applications are carried forward to next year.",
    quoted={"claim"},
)
NIL_BUT_STATED = Message(
    "S11.nil_but_stated",
    zh="正文称「{claim}」，又称「{stated}」。",
    en="the text says 「{claim}」 and also 「{stated}」.",
    quoted={"claim", "stated"},
)
VERSION_VS_YEAR = Message(
    "V1.version",
    zh="{year}年度报告应采用 {expected} 格式，实际为 {actual}。",
    en="a report for {year} should use the {expected} form; it uses {actual}.",
)

# --- N: the text's own numbers --------------------------------------------------------
PARTS_SUM = Message(
    "N1.parts_sum",
    zh="「{total}」，分项之和为 {summed}（{parts}）。",
    en="「{total}」: the parts add up to {summed} ({parts}).",
    quoted={"total"},
)
PART = Message("N1.part", zh="{label} {value}", en="「{label}」 {value}", quoted={"label"})
VALUES_DIFFER = Message(
    "N2.values_differ",
    zh="正文对 {key}{label} 给出 {count} 个不同数值：{values}。",
    en="the text gives {count} different values for {key}{label}: {values}.",
)
STAT_LABEL = Message("N2.label", zh="（{label}）", en=" (「{label}」)", quoted={"label"})
STAT_VALUE = Message(
    "N2.value", zh="「{raw}」= {value}（{where}）", en="「{raw}」 = {value} ({where})", quoted={"raw"}
)
TEXT_VS_TABLE = Message(
    "N3.text_vs_table",
    zh="正文「{raw}」（{where}）与{table} {cells} 的 {total} 不一致。",
    en="the text's 「{raw}」 ({where}) does not match {total} in {table} {cells}.",
    quoted={"raw"},
)
CELL_AT = Message("N3.cell_at", zh="{cell}（{where}）", en="{cell} ({where})")

# --- O1: OCR ---------------------------------------------------------------------------
OCR_LOW_RESOLUTION = Message(
    "O1.low_resolution",
    zh="{table} {cell} 的数字「{raw}」由 OCR 从 {dpi} dpi 的扫描件识别，"
    "低于 {trusted} dpi 时识别结果不可靠，请对照扫描件核对。",
    en="{table} {cell}: the number 「{raw}」 was read by OCR from a {dpi} dpi scan; below {trusted} dpi "
    "the reading cannot be trusted; check it against the scan.",
    quoted={"raw"},
)
OCR_UNSURE_NUMBER = Message(
    "O1.unsure_number",
    zh="{table} {cell} 的数字「{raw}」由 OCR 识别，置信度 {confidence} 低于 {threshold}，请对照扫描件核对。",
    en="{table} {cell}: the number 「{raw}」 was read by OCR with confidence {confidence}, "
    "below {threshold}; check it against the scan.",
    quoted={"raw"},
)
# --- R7, M: what was read -------------------------------------------------------------
SECTION_WITHOUT_TABLE = Message(
    "R7.section_without_table",
    zh="有「{heading}」部分，但没有读到{table}的统计表；其单元格一个也没有读出。",
    en="there is a section 「{heading}」, but no table of {table} was read; none of its cells were read.",
    quoted={"heading"},
)
SCAN_WITHOUT_TABLE = Message(
    "R7.scan_without_table",
    zh="扫描件中没有读到{table}的统计表，也没有认出其标题；其单元格一个也没有读出，请对照扫描件核对。",
    en="no table of {table} was read from the scan, nor its heading; none of its cells were read: "
    "check the scan.",
)
LABEL_RESTORED = Message(
    "M1.label_restored",
    zh="第{line}行的一行数字没有行名，按前后行的次序读作「{label}」。",
    en="line {line} is a row of numbers without a label; read as 「{label}」 from the rows around it.",
    quoted={"label"},
)
NUMBER_DROPPED = Message(
    "M2.number_dropped",
    zh="第{line}行的数「{text}」不在任何表格行中，未读取。",
    en="the number 「{text}」 on line {line} is in no table row; not read.",
    quoted={"text"},
)

# --- T: the 2008-2018 statistics table ------------------------------------------------
STATISTICS_EQUATION_FAILS = Message(
    "T1.equation_fails",
    zh="统计表：{formula} 不成立，左边 {left}，右边 {right}，相差 {difference}。",
    en="statistics table: 「{formula}」 does not hold: left {left}, right {right}, difference {difference}.",
    quoted={"formula"},
)
YEAR_ABOVE_CUMULATIVE = Message(
    "T2.year_above_cumulative",
    zh="统计表「{label}」：本年度 {this_year} 大于历年累计 {cumulative}。",
    en="statistics table 「{label}」: this year's {this_year} is more than the cumulative {cumulative}.",
    quoted={"label"},
)
