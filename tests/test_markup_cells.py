"""The cell text of the markup readers (HTML, DOCX): how the lines of a wrapped cell are joined."""

from __future__ import annotations

import pytest

from govreport.readers.cells import join_lines


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["社会公益", "组织"], "社会公益组织"),  # CJK wraps with no space
        (["12", "34"], "12 34"),  # never the number 1234
        (["abc", "组织"], "abc 组织"),
        (["组织", "abc"], "组织 abc"),
        (["组织a", "中"], "组织a 中"),  # the last character decides, not another
        (["组a", "中"], "组a 中"),
        (["组", "中a"], "组中a"),  # the first character of the next line decides
        (["", "组织", "", "机构"], "组织机构"),  # empty lines are skipped, not the end
        ([], ""),
    ],
)
def test_wrapped_lines_join_by_their_characters(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


def test_lines_kept_apart_get_a_space_and_apart_may_be_shorter_than_lines() -> None:
    assert join_lines(["法律服务", "机构", "其他"], apart=[False, False, True]) == "法律服务机构 其他"
    assert join_lines(["法律服务", "机构"], apart=[False]) == "法律服务机构"
