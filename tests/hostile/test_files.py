"""Paths that are not regular files, or are far too big, given to ``govreport.parse(path)``."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from govreport import parse
from govreport.errors import InputError, LimitExceededError, NotRegularFileError
from tests.hostile import generators as gen

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")


@pytest.mark.parametrize(
    "place",
    [
        pytest.param(gen.fifo, marks=needs_fifo, id="fifo"),
        pytest.param(gen.link_to_dev_zero, id="symlink to /dev/zero"),
        pytest.param(gen.folder_named_like_a_report, id="folder"),
    ],
)
def test_paths_that_are_not_regular_files_are_refused_at_once(
    tmp_path: Path, place: Callable[[Path], Path]
) -> None:
    path = place(tmp_path)
    with pytest.raises(NotRegularFileError):
        parse(path)
    with pytest.raises(NotRegularFileError):
        parse(str(path))


def test_a_file_past_the_byte_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = gen.sparse_file(tmp_path, 1024)
    with pytest.raises(LimitExceededError) as caught:
        parse(path)
    assert caught.value.limit == "input_bytes"


def test_a_symlink_loop_and_a_missing_file_are_input_errors(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    for path in (loop, tmp_path / "missing.txt"):
        with pytest.raises(InputError):
            parse(path)
