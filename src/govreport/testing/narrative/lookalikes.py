"""Look-alike sentences, whose numbers must never take a disclosure key.

They are about the service centre, approvals, petitions, the 12345 hotline and the budget.
"""

from __future__ import annotations

from govreport.testing.narrative.writer import Piece, Writer

_Template = tuple[str | tuple[int, int, str], ...]
"""A sentence: text, and look-alike numbers as ``(lowest, highest, unit)``, drawn when written."""

_LOOKALIKES: tuple[_Template, ...] = (
    ("区行政服务中心全年共受理申请", (1000, 200000, "件"), "，办结", (1000, 200000, "件"), "，办结率100%。"),
    ("12345便民服务热线受理群众咨询", (100, 90000, "件"), "，已办结", (100, 90000, "件"), "。"),
    ("信访部门共受理群众来信来访", (10, 9000, "件"), "，其中网上信访", (1, 900, "件"), "。"),
    ("全年财政预算收入", (1000, 900000, "万元"), "，“三公”经费支出", (10, 900, "万元"), "。"),
    (
        "区行政审批局共受理审批事项",
        (100, 90000, "件"),
        "，办结",
        (100, 90000, "件"),
        "，收取费用",
        (100, 9000, "元"),
        "。",
    ),
    ("信访局共收到群众投诉", (10, 900, "件"), "。"),
    ("法治政府建设方面，全年办理行政复议案件", (10, 900, "件"), "，行政诉讼案件", (10, 900, "件"), "。"),
    ("区政务服务中心共办理各类审批服务事项", (1000, 90000, "件"), "，按时办结率100%。"),
    ("全年受理群众来信来访", (10, 9000, "件次"), "。"),
    ("12345热线共接听群众来电", (100, 90000, "个"), "。"),
    ("全年处理网民留言", (10, 900, "条"), "，办结率100%。"),
    ("全区一般公共预算收入", (1000, 900000, "万元"), "。"),
    ("区行政服务中心窗口共接待群众咨询", (100, 90000, "人次"), "。"),
    ("区行政审批局受理行政许可申请", (100, 90000, "件"), "。"),
    (
        "在推进政府信息公开工作的同时，区行政服务中心共受理各类申请",
        (1000, 200000, "件"),
        "，办结",
        (1000, 200000, "件"),
        "。",
    ),
)


def service_section(w: Writer) -> None:
    """七、政务服务: a section whose counts are about something other than disclosure."""
    # A section about 政务服务 whose sentences carry no cue of their own: the heading decides.
    w.heading("七、政务服务工作情况")
    service = (
        "全年共受理申请",
        (1000, 200000, "件"),
        "，办结",
        (1000, 200000, "件"),
        "，接受咨询",
        (100, 90000, "人次"),
        "。",
    )
    w.sentence(*_written(w, service))


def lookalike_sentence(w: Writer) -> list[Piece | str]:
    """One look-alike sentence drawn at random, its numbers drawn in their ranges."""
    return _written(w, w.rng.choice(_LOOKALIKES))


def _written(w: Writer, template: _Template) -> list[Piece | str]:
    return [
        part if isinstance(part, str) else w.decoy(w.rng.randint(part[0], part[1]), part[2])
        for part in template
    ]
