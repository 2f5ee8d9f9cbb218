"""One line of advice per rule, in Chinese, for the office that reads the check report.

The table is keyed by rule id. A test walks the rule registries (single-report and corpus),
so a new rule without a suggestion fails the suite instead of showing an empty line.
"""

from __future__ import annotations

SUGGESTIONS: dict[str, str] = {
    # The form's printed arithmetic and value types.
    "H1": "核对一、二行与三（七）总计、四行：本年新收加上年结转应等于办理总计加结转下年度",
    "H2": "核对（七）总计或各分项之和",
    "H3": "核对本行总计或六类申请人之和",
    "H4": "核对表四该组总计或四种结果之和",
    "H5": "把该单元格改为非负整数",
    "H6": "核对金额，金额不能为负数",
    "H7": "本年增/减应为整数，核对该数值",
    "H8": "各表统一使用同一版格式（2019版或2021版）",
    # Checks a correct report passes.
    "S4": "核对表二对外公开总数量、本年新公开数量和项目数量的增减",
    "S5": "核对正文中“没有”“未收到”等表述与表格数字是否一致",
    "S6": "核对标题年份、统计期限和文号年份",
    "S7": "核对发布日期：年度报告应在次年3月31日前公布",
    "S8": "补全表格的空白单元格，没有发生的情况填0",
    "S9": "在“存在的主要问题及改进情况”部分写明实际问题和改进措施",
    "S10": "有收费时，第六部分应说明收费情况",
    "S11": "核对正文前后表述与表格数字是否矛盾",
    "V1": "核对报告使用的表格格式与报告年度是否对应",
    "N1": "核对正文中各分项数字之和与总数",
    "N2": "正文对同一事项写了不同数字，核对哪一个正确",
    "N3": "核对正文中的数字与统计表是否一致",
    # Doubts about govreport's own reading: the office compares with the original.
    "R1": "对照原文核对该行：数值少于列数，无法确定空缺位置",
    "R2": "对照原文核对按勾稽关系补出的数值",
    "R3": "对照原文核对行名，或补上缺少的行",
    "R4": "对照原文核对该行多出的数值",
    "R5": "对照原文核对该单元格的文字，数字单元格应填数字",
    "R6": "对照原文删去重复的行",
    "R7": "核对原文统计表是否为图片或排版有误，宜以文字表格发布",
    "O1": "对照扫描件核对该数字；扫描件宜以不低于300 dpi制作，或同时发布文字版",
    "R8": "对照原文核对粘连数字的拆分",
    "R9": "对照原文核对粘连的数字，宜在数字之间加分隔",
    "R10": "对照原文核对粘连数字的读取",
    "R11": "对照原文核对粘连的数字，宜在数字之间加分隔",
    "L1": "行名和标题宜与标准格式一致",
    "M1": "对照原文核对该行的行名",
    "M2": "对照原文核对不在表格行中的数字",
    "T1": "核对统计表中总数或各分项之和",
    "T2": "核对本年度数与历年累计数",
    "T3": "对照原文核对统计表中粘连的数字",
    # Corpus rules, across reports.
    "S1": "核对本年“二、上年结转”与上一年度报告“四、结转下年度继续办理”",
    "S2": "核对现行有效件数与上一年度件数及本年制发、废止件数",
    "S3": "核对上一年项目数量与上一年度报告的数量及增减",
    "S12": "核对汇总报告与下级单位报告的数字",
    "D1": "删去重复的文件",
    "D2": "核对同一机关同一年度的多份报告，确认以哪一份为准",
    "D3": "正文与上一年度报告高度雷同，宜按本年度实际情况撰写",
}


def suggestion(rule: str) -> str:
    """The advice for ``rule``; a rule from a plugin without one gets a general line."""
    return SUGGESTIONS.get(rule, "对照原文核对该项")
