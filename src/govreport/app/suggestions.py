"""One line of advice per rule, in Chinese for the office that reads the check report, and in English.

The table is keyed by rule id. A test walks the rule registries (single-report and corpus),
so a new rule without a suggestion fails the suite instead of showing an empty line.
"""

from __future__ import annotations

from govreport.model.messages import Lang, Message


def _advice(rule: str, zh: str, en: str) -> Message:
    return Message(f"advice.{rule}", zh=zh, en=en)


SUGGESTIONS: dict[str, Message] = {
    # The form's printed arithmetic and value types.
    "H1": _advice(
        "H1",
        "核对一、二行与三（七）总计、四行：本年新收加上年结转应等于办理总计加结转下年度",
        "check rows 「一」 and 「二」 against 「三（七）总计」 and 「四」: "
        "new plus carried over must equal handled plus carried forward",
    ),
    "H2": _advice("H2", "核对（七）总计或各分项之和", "check 「（七）总计」 or the sum of its parts"),
    "H3": _advice(
        "H3",
        "核对本行总计或六类申请人之和",
        "check the row's 「总计」 or the sum of the six kinds of applicant",
    ),
    "H4": _advice(
        "H4",
        "核对表四该组总计或四种结果之和",
        "check the group's 「总计」 in table 4 or the sum of its four outcomes",
    ),
    "H5": _advice("H5", "把该单元格改为非负整数", "make the cell a non-negative whole number"),
    "H6": _advice("H6", "核对金额，金额不能为负数", "check the amount: money cannot be negative"),
    "H7": _advice(
        "H7", "本年增/减应为整数，核对该数值", "this year's change must be a whole number: check the value"
    ),
    "H8": _advice(
        "H8",
        "各表统一使用同一版格式（2019版或2021版）",
        "use one version of the form (2019 or 2021) in every table",
    ),
    # Checks a correct report passes.
    "S4": _advice(
        "S4",
        "核对表二对外公开总数量、本年新公开数量和项目数量的增减",
        "check table 2's total disclosed, newly disclosed and the change in the number of items",
    ),
    "S5": _advice(
        "S5",
        "核对正文中“没有”“未收到”等表述与表格数字是否一致",
        "check that the text's “none received” statements agree with the tables",
    ),
    "S6": _advice(
        "S6",
        "核对标题年份、统计期限和文号年份",
        "check the year in the title, the reporting period and the document number",
    ),
    "S7": _advice(
        "S7",
        "核对发布日期：年度报告应在次年3月31日前公布",
        "check the publication date: the report is due by 31 March of the next year",
    ),
    "S8": _advice(
        "S8",
        "补全表格的空白单元格，没有发生的情况填0",
        "fill the blank cells: write 0 where nothing happened",
    ),
    "S9": _advice(
        "S9",
        "在“存在的主要问题及改进情况”部分写明实际问题和改进措施",
        "state the actual problems and improvements in the section on main problems",
    ),
    "S10": _advice(
        "S10",
        "有收费时，第六部分应说明收费情况",
        "where fees were charged, section 「六」 should explain them",
    ),
    "S11": _advice(
        "S11",
        "核对正文前后表述与表格数字是否矛盾",
        "check the text against the tables: they contradict each other",
    ),
    "V1": _advice(
        "V1",
        "核对报告使用的表格格式与报告年度是否对应",
        "check that the form version matches the report's year",
    ),
    "N1": _advice("N1", "核对正文中各分项数字之和与总数", "check the parts the text lists against its total"),
    "N2": _advice(
        "N2",
        "正文对同一事项写了不同数字，核对哪一个正确",
        "the text gives different numbers for the same thing: check which is right",
    ),
    "N3": _advice(
        "N3", "核对正文中的数字与统计表是否一致", "check the text's number against the statistics table"
    ),
    # Doubts about govreport's own reading: the office compares with the original.
    "R1": _advice(
        "R1",
        "对照原文核对该行：数值少于列数，无法确定空缺位置",
        "compare the row with the original: fewer values than columns, the gap cannot be placed",
    ),
    "R2": _advice(
        "R2",
        "对照原文核对按勾稽关系补出的数值",
        "compare the value filled in by the printed rules with the original",
    ),
    "R3": _advice(
        "R3",
        "对照原文核对行名，或补上缺少的行",
        "compare the row label with the original, or add the missing row",
    ),
    "R4": _advice("R4", "对照原文核对该行多出的数值", "compare the row's extra values with the original"),
    "R5": _advice(
        "R5",
        "对照原文核对该单元格的文字，数字单元格应填数字",
        "compare the cell's text with the original: a number cell should hold a number",
    ),
    "R6": _advice("R6", "对照原文删去重复的行", "compare with the original and drop the repeated row"),
    "R7": _advice(
        "R7",
        "核对原文统计表是否为图片或排版有误，宜以文字表格发布",
        "check whether the original table is an image or garbled; publish tables as text",
    ),
    "O1": _advice(
        "O1",
        "对照扫描件核对该数字；扫描件宜以不低于300 dpi制作，或同时发布文字版",
        "compare the number with the scan; scan at 300 dpi or more, or publish a text version too",
    ),
    "R8": _advice("R8", "对照原文核对粘连数字的拆分", "compare the split of glued digits with the original"),
    "R9": _advice(
        "R9",
        "对照原文核对粘连的数字，宜在数字之间加分隔",
        "compare the glued digits with the original; separate numbers in the source",
    ),
    "R10": _advice(
        "R10", "对照原文核对粘连数字的读取", "compare the reading of glued digits with the original"
    ),
    "R11": _advice(
        "R11",
        "对照原文核对粘连的数字，宜在数字之间加分隔",
        "compare the glued digits with the original; separate numbers in the source",
    ),
    "L1": _advice("L1", "行名和标题宜与标准格式一致", "use the standard form's row labels and titles"),
    "M1": _advice("M1", "对照原文核对该行的行名", "compare the row's label with the original"),
    "M2": _advice(
        "M2",
        "对照原文核对不在表格行中的数字",
        "compare with the original the number printed outside any table row",
    ),
    "T1": _advice(
        "T1", "核对统计表中总数或各分项之和", "check the statistics table's total or the sum of its parts"
    ),
    "T2": _advice("T2", "核对本年度数与历年累计数", "check this year's figure against the cumulative figure"),
    "T3": _advice(
        "T3",
        "对照原文核对统计表中粘连的数字",
        "compare the glued digits of the statistics table with the original",
    ),
    # Corpus rules, across reports.
    "S1": _advice(
        "S1",
        "核对本年“二、上年结转”与上一年度报告“四、结转下年度继续办理”",
        "check this year's 「二、上年结转」 against last year's 「四、结转下年度继续办理」",
    ),
    "S2": _advice(
        "S2",
        "核对现行有效件数与上一年度件数及本年制发、废止件数",
        "check the documents in force against last year's count and this year's issued and repealed",
    ),
    "S3": _advice(
        "S3",
        "核对上一年项目数量与上一年度报告的数量及增减",
        "check last year's number of items against last year's report and the change",
    ),
    "S12": _advice(
        "S12",
        "核对汇总报告与下级单位报告的数字",
        "check the summary report's numbers against its units' reports",
    ),
    "D1": _advice("D1", "删去重复的文件", "remove the duplicate file"),
    "D2": _advice(
        "D2",
        "核对同一机关同一年度的多份报告，确认以哪一份为准",
        "check the organ's several reports for the same year and decide which one counts",
    ),
    "D3": _advice(
        "D3",
        "正文与上一年度报告高度雷同，宜按本年度实际情况撰写",
        "the text closely repeats last year's report: write it for this year",
    ),
}


GENERAL_ADVICE = _advice("general", "对照原文核对该项", "compare this item with the original")
"""The advice for a rule without its own line (a plugin's)."""


def suggestion(rule: str, lang: Lang) -> str:
    """The advice for ``rule`` in ``lang``."""
    return SUGGESTIONS.get(rule, GENERAL_ADVICE)().render(lang)
