"""Messages of the corpus rules: one organ across years (S1-S3), units and their parent (S12), copies (D)."""

from __future__ import annotations

from govreport.model.messages import Message

PATH = Message("D.path", zh="{path}", en="「{path}」", quoted={"path"})
"""A document's file name, as the corpus names it."""

SAME_REPORT_TWICE = Message(
    "D1.copies",
    zh="同一份报告（{organ} {year}年）在语料中出现 {count} 次：{paths}。",
    en="the same report (「{organ}」 {year}) appears {count} times in the corpus: {paths}.",
    quoted={"organ"},
)
TWO_REPORTS_ONE_YEAR = Message(
    "D2.versions",
    zh="{organ} {year}年有 {count} 份内容不同的报告：{paths}。",
    en="「{organ}」 has {count} reports with different content for {year}: {paths}.",
    quoted={"organ"},
)
NEAR_COPY = Message(
    "D3.near_copy",
    zh="{organ} {year}年报告的文字与{before}年报告高度雷同：相似度 {similarity}，阈值 {threshold}。",
    en="the text of the {year} report of 「{organ}」 nearly repeats its {before} report: "
    "similarity {similarity}, threshold {threshold}.",
    quoted={"organ"},
)
PARENT_BELOW_UNITS = Message(
    "S12.below_units",
    zh="{organ} {year}年 {label} 为 {total}，小于 {count} 个下级单位报告之和 {summed}，相差 {difference}。",
    en="「{organ}」 {year}: 「{label}」 is {total}, less than the sum {summed} of {count} subordinate "
    "units' reports, difference {difference}.",
    quoted={"organ", "label"},
)
UNIT_WITHOUT_REPORT = Message(
    "S12.unit_without_report",
    zh="{organ} {year}年有报告，下级单位「{unit}」同年没有报告。",
    en="「{organ}」 has a report for {year}, but its subordinate unit 「{unit}」 has none.",
    quoted={"organ", "unit"},
)
CARRIED_OVER = Message(
    "S1.carried_over",
    zh="{organ} {year}年「二、上年结转政府信息公开申请数量」［{label}］为 {now}，"
    "{previous_year}年「四、结转下年度继续办理」［{label}］为 {before}，相差 {difference}。",
    en="「{organ}」: carried over into {year} (「二、上年结转政府信息公开申请数量」 「{label}」) is {now}, "
    "carried forward from {previous_year} (「四、结转下年度继续办理」 「{label}」) is {before}, "
    "difference {difference}.",
    quoted={"organ", "label"},
)
IN_FORCE = Message(
    "S2.in_force",
    zh="{organ} {label}：{year}年现行有效件数 {stock}，应为{previous_year}年现行有效件数 "
    "{before} + 本年制发 {issued} − 本年废止 {repealed} = {expected}，相差 {difference}。",
    en="「{organ}」 「{label}」: {stock} in force in {year}; should be {before} in force in {previous_year} "
    "+ {issued} issued − {repealed} repealed = {expected}, difference {difference}.",
    quoted={"organ", "label"},
)
ITEMS_CARRIED = Message(
    "S3.items",
    zh="{organ} {label}：{year}年上一年项目数量 {items}，"
    "应为{previous_year}年上一年项目数量 {before} + 本年增/减 {change} = {expected}，相差 {difference}。",
    en="「{organ}」 「{label}」: {items} items of the previous year in {year}; should be {before} in "
    "{previous_year} + change {change} = {expected}, difference {difference}.",
    quoted={"organ", "label"},
)
