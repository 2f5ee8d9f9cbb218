"""Time and peak memory of every hostile input of issue 7, each parsed in a fresh process.

The inputs come from ``tests/hostile/generators.py`` at the sizes the issue reports
(a 975 KB DOCX inflating to 95 MB, a 1 GiB flate bomb, 2 million paths, ...). Each is
written to a temporary folder and parsed by ``govreport.Parser(limits=...).parse(path)``
in a child interpreter, so one case cannot disturb the next and the child's peak
resident set size (imports included, about 60 MiB) is what the input cost.

Every row must end in a report or a ``GovReportError`` (the ``ok`` column); the script
exits 1 otherwise, or when a peak is over ``--max-rss`` MiB.

Usage::

    python benchmarks/bench_hostile.py [--only SUBSTRING] [--timeout S] [--max-rss MIB] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the hostile generators live in tests/

from tests.hostile.generators import CASES
from tests.hostile.isolated import parse_in_child


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run the cases whose name contains this text")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds before a child is killed")
    parser.add_argument("--max-rss", type=float, default=512.0, help="peak MiB a case may reach")
    parser.add_argument("--json", action="store_true", help="print one JSON line per case as well")
    args = parser.parse_args(argv)
    cases = [case for case in CASES if args.only in case.name]
    if not cases:
        parser.error(f"no case name contains {args.only!r}")
    failures = 0
    print("| case | outcome | seconds | peak RSS MiB | ok |")
    print("|---|---|---:|---:|---|")
    with tempfile.TemporaryDirectory(prefix="govreport-hostile-") as work:
        for number, case in enumerate(cases):
            folder = Path(work) / str(number)
            folder.mkdir()
            result = parse_in_child(case.write(folder), timeout=args.timeout)
            ok = result.library and not result.peak_mib > args.max_rss
            failures += not ok
            print(
                f"| {case.name} | {result.outcome} | {result.seconds:.2f} | {result.peak_mib:.0f} | "
                f"{'yes' if ok else 'NO'} |",
                flush=True,
            )
            if args.json:
                print(json.dumps({"case": case.name, **result.__dict__, "ok": ok}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
