"""Messages about cells glued together in the original (R8-R11, T3): how they were split, or why not."""

from __future__ import annotations

from govreport.model.messages import Message

GLUED_READ = Message(
    "R10.read",
    zh="{table}的单元格在原文中没有分隔（粘连在一起，{rows}行）；这些行的数字只有一种拆分"
    "（每行格数固定，多位数不以0开头），按原文读取：{shown}{more}。",
    en="the cells of {table} are not separated in the original ({rows} rows glued together); these rows "
    "split only one way (a fixed number of cells, no leading 0), read as printed: {shown}{more}.",
)
GLUED_ROW = Message("R10.row", zh="「{label}」{text}", en="「{label}」 「{text}」", quoted={"label", "text"})
GLUED_HEAD = Message(
    "R8.head",
    zh="{table}「{label}」的{count}个数粘连为「{text}」",
    en="{table} 「{label}」: {count} numbers glued as 「{text}」",
    quoted={"label", "text"},
)
SPLIT_BY_RULES = Message(
    "R8.split_by_rules",
    zh="{row}；按表内规则 {rules} 只有一种拆分：{split}，状态为 inferred。",
    en="{row}; by the table's rules {rules} only one split fits: 「{split}」, state inferred.",
    quoted={"split"},
)
NOT_SPLIT = Message(
    "R9.not_split",
    zh="{row}；{why}，这些单元格标为 missing。",
    en="{row}; {why}; these cells are marked missing.",
)
SEARCH_CAPPED = Message(
    "R11.capped",
    zh="{table}粘连数字的整表拆分搜索超过上限（{limit}个节点），未能按规则确定的行标为 missing。",
    en="the whole-table split search of the glued numbers of {table} went over its limit ({limit} nodes); "
    "rows the rules did not decide are marked missing.",
)

# --- why a glued row was not split -----------------------------------------------------
ONLY_SPLIT_FAILS_TOTAL = Message(
    "R9.only_split_fails_total",
    zh="唯一的拆分不满足本行合计（可能有空白格，或原表有误）",
    en="the only split does not match the row's total (a blank cell, or an error in the original)",
)
ROW_SEARCH_CAPPED = Message(
    "R9.row_search_capped", zh="拆分搜索超过上限", en="the split search went over its limit"
)
TOO_MANY_PIECES = Message(
    "R9.too_many_pieces",
    zh="印出的数（以空格或换行分开的有{chunks}段）比格数多",
    en="more numbers are printed ({chunks} pieces between spaces or line breaks) than there are cells",
)
TOO_FEW_DIGITS = Message(
    "R9.too_few_digits",
    zh="印出的数字不够拆成这么多格（可能有空白格）",
    en="too few digits are printed for so many cells (a blank cell, perhaps)",
)
NO_NUMBER_FORM = Message(
    "R9.no_number_form",
    zh="没有一种拆分符合数字的写法（多位数不以0开头、单位和符号）",
    en="no split fits how numbers are written (no leading 0, units and signs)",
)
TOO_MANY_SPLITS = Message(
    "R9.too_many_splits",
    zh="可能的拆分太多，搜索超过上限",
    en="too many possible splits; the search went over its limit",
)
NO_SPLIT_FITS_TOTAL = Message(
    "R9.no_split_fits_total", zh="没有一种拆分满足本行的合计", en="no split matches the row's total"
)
UNDECIDED = Message(
    "R9.undecided",
    zh="拆分不止一种，且没有表内规则能确定",
    en="more than one split, and no rule of the table decides",
)
TABLE_SEARCH_CAPPED = Message(
    "R9.table_search_capped",
    zh="整表拆分搜索超过上限，无法确定",
    en="the whole-table split search went over its limit; undecided",
)
NO_TABLE_SPLIT = Message(
    "R9.no_table_split",
    zh="没有一种整表拆分满足表内规则",
    en="no whole-table split satisfies the table's rules",
)
MANY_TABLE_SPLITS = Message(
    "R9.many_table_splits",
    zh="满足表内规则的拆分不止一种",
    en="more than one split satisfies the table's rules",
)

# --- the 2008-2018 statistics table ---------------------------------------------------
STATISTICS_TOO_MANY = Message(
    "R4.statistics_too_many",
    zh="统计表「{label}」行印出{count}个数，多于{columns}列，无法确定各数所属的列。",
    en="the statistics table row 「{label}」 prints {count} numbers, more than its {columns} columns; "
    "which column each belongs to cannot be told.",
    quoted={"label"},
)
STATISTICS_SPLITS = Message(
    "T3.undecided",
    zh="统计表「{label}」行的数字「{raw}」粘连，可拆成{count}种：{options}；无法确定，单元格标为 missing。",
    en="the statistics table row 「{label}」: the numbers 「{raw}」 are glued and split {count} ways: "
    "{options}; undecided, the cells are marked missing.",
    quoted={"label", "raw"},
)
STATISTICS_ONE_SPLIT = Message(
    "T3.one_split",
    zh="统计表「{label}」行的数字「{raw}」粘连，只有一种拆法符合规则（{rules}）：{values}。",
    en="the statistics table row 「{label}」: the numbers 「{raw}」 are glued; one split fits the rules "
    "({rules}): {values}.",
    quoted={"label", "raw"},
)
STATISTICS_DUPLICATE_ROW = Message(
    "R6.statistics_duplicate",
    zh="统计表中「{label}」行重复出现，只读第一次。",
    en="the statistics table repeats the row 「{label}」; only the first is read.",
    quoted={"label"},
)
STATISTICS_TAIL = Message(
    "R3.statistics_tail",
    zh="统计表「{label}」行之后有无法识别的文字「{tail}」，未读取。",
    en="after the statistics table row 「{label}」 comes text that is not recognised: 「{tail}」; not read.",
    quoted={"label", "tail"},
)
