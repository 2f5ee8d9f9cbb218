"""The exit statuses of the ``govreport`` command: one enum for the code, the help and the docs."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What the exit status of ``govreport parse`` and ``govreport check`` means.

    When several apply, the highest wins: a run with a failed document and a report with
    errors exits 3.
    """

    OK = 0
    """Every document was read, and (for ``check``) no report has an error finding."""
    FINDINGS = 1
    """``check`` only: some report has a finding of severity error."""
    USAGE = 2
    """Usage error: bad options or arguments, or the inputs named no document to read."""
    FAILED = 3
    """Some documents failed (unreadable, unknown format, over a limit...); the rest were read."""
    OUTPUT = 4
    """The output could not be written: an unknown extension, a locked or foreign journal, a full disk."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C (128 + SIGINT, as shells report it). What a ``--out`` run committed stays;
    the same command resumes it."""

    @property
    def meaning(self) -> str:
        """One line saying what the status means, for the ``--help`` epilog."""
        return _MEANINGS[self]


_MEANINGS = {
    ExitCode.OK: "every document read, and no error finding (check)",
    ExitCode.FINDINGS: "a report has an error finding (check)",
    ExitCode.USAGE: "usage error, or no document found in the inputs",
    ExitCode.FAILED: "some documents failed; the others were read",
    ExitCode.OUTPUT: "the output could not be written",
    ExitCode.INTERRUPTED: "interrupted by Ctrl-C; a parse --out run resumes with the same command",
}


def exit_codes_epilog() -> str:
    """The exit statuses as ``--help`` text, one paragraph per status."""
    return "\n\n".join(["Exit status:", *(f"{code.value}: {code.meaning}" for code in ExitCode)])
