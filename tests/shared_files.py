"""Where the project's real reports are: ``shared/`` beside the checkout.

A user's clone has no such folder, and the tests that read it skip. Mutation runs copy the
tests one folder deeper (``mutants/tests``), so the folder is looked for beside every
folder above the tests, nearest first.
"""

from __future__ import annotations

from pathlib import Path

_TESTS = Path(__file__).resolve().parent


def _shared() -> Path:
    for folder in _TESTS.parents:
        if (folder / "shared" / "seeds").is_dir() or (folder / "shared" / "realworld").is_dir():
            return folder / "shared"
    return _TESTS.parent.parent / "shared"  # absent: the tests that need it skip


SHARED = _shared()
SEEDS = SHARED / "seeds"
REALWORLD = SHARED / "realworld"
