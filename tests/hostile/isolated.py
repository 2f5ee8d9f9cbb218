"""Parse one file in a fresh Python process and report its outcome, time and peak memory.

A hostile input may take the process with it (memory, a hang), so heavy cases run in a
child; its peak resident set size (``VmHWM``, or ``ru_maxrss`` off Linux) is what the
input cost, imports included. Used by the hostile tests and by ``benchmarks/bench_hostile.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parents[2]

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import govreport
from govreport.errors import GovReportError
from govreport.limits import Limits
path, limits = sys.argv[1], json.loads(sys.argv[2])
parser = govreport.Parser(limits=Limits(**limits))
started = time.perf_counter()
try:
    report = parser.parse(Path(path))
    outcome, library = f"parsed ({len(report.tables)} tables)", True
except GovReportError as exc:
    outcome, library = type(exc).__name__ + (f" ({exc.limit})" if hasattr(exc, "limit") else ""), True
except BaseException as exc:
    outcome, library = f"{type(exc).__name__}: {exc}"[:200], False
seconds = time.perf_counter() - started
try:  # the peak of this program only: ru_maxrss keeps the parent's peak across fork and exec
    status = Path("/proc/self/status").read_text()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "library": library, "seconds": seconds, "peak_mib": peak}))
"""


@dataclass(frozen=True)
class Outcome:
    """What one parse in a child process came to."""

    outcome: str  # "parsed (N tables)", the exception class (and limit), or "timeout"
    library: bool  # a report or a GovReportError: the promise kept
    seconds: float  # the parse alone, without start-up and imports
    peak_mib: float  # the child's peak resident set size


def parse_in_child(path: Path, *, timeout: float = 120.0, limits: dict[str, Any] | None = None) -> Outcome:
    """Parse ``path`` with ``govreport.Parser(limits=Limits(**limits))`` in a fresh interpreter."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(_REPO / "src"), str(_REPO)]))
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path), json.dumps(limits or {})],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Outcome("timeout", False, time.perf_counter() - started, float("nan"))
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return Outcome(f"crashed: {last}"[:200], False, time.perf_counter() - started, float("nan"))
    result = json.loads(lines[-1])
    return Outcome(result["outcome"], result["library"], result["seconds"], result["peak_mib"])
