from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.shared_files import SEEDS

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=25, deadline=None)
# `make fuzz`: the hostile-input fuzz tests at full strength (tests/hostile/test_fuzz.py).
settings.register_profile(
    "fuzz",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Mutation testing (`make mutate`, `tools/mutation_sample.py`): the same examples on every run, so a
# mutant is killed or not by the code, never by the draw.
settings.register_profile(
    "mutation",
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _fresh_caches_under_mutation() -> None:
    """Under mutmut, every test starts with govreport's caches empty.

    mutmut forks each mutant from a process that already ran the tests, so cached results
    (the equations, parsed cell texts, the label indexes' lookups) would come from the
    unmutated code; and while it maps functions to the tests that call them, a cached
    function would be seen by one test only. Caches are whatever has ``cache_clear`` at
    module level, or as a value of a module-level dict (the label indexes per clause), and
    module-level ``_CACHE`` dicts.
    """
    if not os.environ.get("MUTANT_UNDER_TEST"):
        return
    for name, module in list(sys.modules.items()):
        if not name.startswith("govreport"):
            continue
        for attribute, value in list(vars(module).items()):
            if attribute == "_CACHE" and isinstance(value, dict):
                value.clear()
                continue
            for candidate in value.values() if type(value) is dict else (value,):
                if not isinstance(candidate, type) and callable(getattr(candidate, "cache_clear", None)):
                    candidate.cache_clear()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The real seed reports beside the checkout; tests using it skip when it is absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present (it is not part of the repository)")
    return SEEDS


@pytest.fixture(scope="session")
def seed(seeds_dir: Path):
    from govreport import parse

    cache: dict[str, object] = {}

    def load(prefix: str):
        if prefix not in cache:
            (path,) = seeds_dir.glob(f"{prefix}_*.txt")
            cache[prefix] = parse(path)
        return cache[prefix]

    return load
