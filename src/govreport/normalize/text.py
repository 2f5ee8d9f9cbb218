"""Label normalisation: compare labels after width, whitespace and punctuation folding."""

from __future__ import annotations

import re
import unicodedata

# Punctuation and layout marks that vary between real reports without changing meaning.
_DROP = re.compile(
    r"[\s\u3000\u00a0*_.,:;!?()\[\]{}<>\"'`~|/\\\-‐‑‒–—―－、，。：；！？（）【】［］〔〕《》〈〉“”‘’·•…]+"
)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


_CACHE: dict[str, str] = {}


def label_key(text: str) -> str:
    """The matching view of a label: NFKC, no whitespace, no punctuation, lower case.

    ``三、本 年度 办理 结案`` becomes ``三本年度办理结案``; ``第二十条第(一)项`` and
    ``第二十条第（一）项`` become the same key. Never use it on text shown to users.
    """
    key = _CACHE.get(text)
    if key is None:
        key = _DROP.sub("", unicodedata.normalize("NFKC", _BR.sub("", text))).lower()
        if len(_CACHE) < 65536:  # labels repeat across a corpus; bounded so odd text cannot grow it
            _CACHE[text] = key
    return key


def compact(text: str) -> str:
    """Remove whitespace only (for titles and names), keeping characters as printed."""
    return re.sub(r"[\s\u3000\u00a0]+", "", text)
