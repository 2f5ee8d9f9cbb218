"""The documentation site builds strictly, opens from ``file://``, and finds Chinese words.

``make test`` relies on this test for the docs build. The search check does what the
search box does: the query is segmented into words by jieba, as the index was, and every
word must be a token of the page's indexed text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("mkdocs")
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    return out


def _index(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    return data


def test_chinese_search_finds_the_table_keys_page(site: Path) -> None:
    jieba = pytest.importorskip("jieba")
    index = _index(site)
    separator = re.compile(index["config"]["separator"])
    words = [w for w in jieba.cut("本年新收") if w.strip()]
    assert len(words) >= 2, "the query should be segmented into words, as the index is"
    found = {
        doc["location"].split("#")[0]
        for doc in index["docs"]
        if set(words) <= set(separator.split(doc["title"] + " " + doc["text"]))
    }
    assert "concepts/table-keys.html" in found


def test_pages_link_to_html_files_so_file_urls_work(site: Path) -> None:
    page = (site / "index.html").read_text("utf-8")
    assert 'href="getting-started.html"' in page
    assert (site / "concepts" / "table-keys.html").is_file()
