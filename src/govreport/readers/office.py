"""Document conversion through LibreOffice running headless.

Every conversion runs ``soffice`` in its own process group with a time limit, inside a
temporary directory that is removed afterwards whatever happens. Each worker (process
and thread) gets its own LibreOffice profile, because two ``soffice`` processes sharing
one profile hand their work to each other or block. The profile is kept for the life of
the worker, since creating one costs about a second, and removed when the process exits.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from govreport.errors import ConversionError, ConversionTimeoutError, MissingProgramError

DEFAULT_TIMEOUT = 120.0
"""Seconds a single conversion may take before its process group is killed."""

SOFFICE_NAMES = ("soffice", "libreoffice")
INSTALL_HINT = "apt-get install libreoffice-writer-nogui"

# Output filter names by target extension, so LibreOffice never has to guess.
_EXPORT_FILTERS = {
    "docx": "docx:MS Word 2007 XML",
    "doc": "doc:MS Word 97",
    "pdf": "pdf:writer_pdf_Export",
}
# Input filters by source extension: a damaged file then fails instead of being
# imported as plain text by LibreOffice's fallback.
_IMPORT_FILTERS = {
    "doc": "MS Word 97",
    "docx": "MS Word 2007 XML",
}

_profiles: dict[tuple[int, int], Path] = {}
_profiles_lock = threading.Lock()


def find_soffice() -> str | None:
    """The path of the LibreOffice ``soffice`` program, or ``None`` when it is not installed."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _profile_dir() -> Path:
    """This worker's LibreOffice profile directory (created on first use)."""
    key = (os.getpid(), threading.get_ident())
    with _profiles_lock:
        profile = _profiles.get(key)
        if profile is None:
            profile = Path(tempfile.mkdtemp(prefix=f"govreport-lo-profile-{key[0]}-"))
            _profiles[key] = profile
        return profile


def _discard_profile() -> None:
    key = (os.getpid(), threading.get_ident())
    with _profiles_lock:
        profile = _profiles.pop(key, None)
    if profile is not None:
        shutil.rmtree(profile, ignore_errors=True)


@atexit.register
def _remove_profiles() -> None:
    pid = os.getpid()
    with _profiles_lock:
        for (owner, _), profile in list(_profiles.items()):
            if owner == pid:
                shutil.rmtree(profile, ignore_errors=True)
                _profiles.pop((owner, _), None)


def convert(
    data: bytes,
    *,
    source: str,
    target: str,
    timeout: float = DEFAULT_TIMEOUT,
    soffice: str | None = None,
) -> bytes:
    """Convert ``data`` from format ``source`` to ``target`` (extensions such as ``doc``, ``pdf``).

    Args:
        data: The input file's bytes.
        source: The input's extension, without the dot.
        target: One of ``docx``, ``doc`` or ``pdf``.
        timeout: Seconds before the conversion is stopped.
        soffice: The program to run; found on ``PATH`` when not given.

    Returns:
        The converted file's bytes.

    Raises:
        MissingProgramError: LibreOffice is not installed.
        ConversionTimeoutError: The conversion took longer than ``timeout``.
        ConversionError: LibreOffice could not read the input or wrote nothing.
    """
    (converted,) = convert_many([data], source=source, target=target, timeout=timeout, soffice=soffice)
    return converted


def convert_many(
    inputs: Sequence[bytes],
    *,
    source: str,
    target: str,
    timeout: float = DEFAULT_TIMEOUT,
    soffice: str | None = None,
) -> list[bytes]:
    """Convert several files in one LibreOffice run (starting it costs more than a small file).

    Arguments and errors are those of :func:`convert`; ``timeout`` covers the whole run,
    and one file that fails fails the call.
    """
    program = _program(source, target, soffice)
    if not inputs:
        return []
    outputs, failure = _convert_batch(program, inputs, source, target, timeout, per_file=False)
    if failure is not None:
        raise failure
    converted = []
    for output in outputs:
        if output is None:
            raise ConversionError(
                f"LibreOffice could not convert the {source.upper()} input to {target.upper()} "
                "(the file is damaged or not a document it can open)"
            )
        converted.append(output)
    return converted


def convert_each(
    inputs: Sequence[bytes],
    *,
    source: str,
    target: str,
    timeout: float = DEFAULT_TIMEOUT,
    soffice: str | None = None,
) -> list[bytes | ConversionError]:
    """Convert each input, most of them in one LibreOffice run; a file that fails gets its own error.

    ``timeout`` is per file: the run is stopped when no file has come out for that long.
    Files with no output after the run (LibreOffice skips one it cannot load; a run that
    crashed or was stopped leaves the rest) are converted again one at a time, so each gets
    the bytes or error a conversion of its own gives, and a bad file never loses the others.

    Raises:
        MissingProgramError: LibreOffice is not installed.
    """
    program = _program(source, target, soffice)
    if not inputs:
        return []
    outputs, _ = _convert_batch(program, inputs, source, target, timeout, per_file=True)
    results: list[bytes | ConversionError] = []
    for data, output in zip(inputs, outputs, strict=True):
        if output is None:
            try:
                output = convert(data, source=source, target=target, timeout=timeout, soffice=program)
            except ConversionError as exc:
                results.append(exc)
                continue
        results.append(output)
    return results


def _program(source: str, target: str, soffice: str | None) -> str:
    if target not in _EXPORT_FILTERS:
        raise ValueError(f"cannot convert to {target!r}; known targets: {', '.join(_EXPORT_FILTERS)}")
    program = soffice or find_soffice()
    if program is None:
        raise MissingProgramError(
            f"converting {source.upper()} files", f"LibreOffice (`soffice` on PATH): {INSTALL_HINT}", "doc"
        )
    return program


def _convert_batch(
    program: str, inputs: Sequence[bytes], source: str, target: str, timeout: float, *, per_file: bool
) -> tuple[list[bytes | None], ConversionError | None]:
    """One LibreOffice run over ``inputs``: each file's output (``None`` if none) and why the run failed.

    With ``per_file`` the run is stopped when no output has appeared for ``timeout`` seconds;
    otherwise ``timeout`` covers the whole run.
    """
    profile = _profile_dir()
    with tempfile.TemporaryDirectory(prefix="govreport-convert-") as work:
        work_dir = Path(work)
        out_dir = work_dir / "out"
        in_paths = [work_dir / f"input{i}.{source}" for i in range(len(inputs))]
        for path, data in zip(in_paths, inputs, strict=True):
            path.write_bytes(data)
        command = [
            program,
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}",
        ]
        if source in _IMPORT_FILTERS:
            command.append(f"--infilter={_IMPORT_FILTERS[source]}")
        command += ["--convert-to", _EXPORT_FILTERS[target], "--outdir", str(out_dir), *map(str, in_paths)]
        what = f"{source.upper()} to {target.upper()} conversion"
        if len(inputs) > 1:
            what += f" of {len(inputs)} files"
        progress = (lambda: _count_files(out_dir)) if per_file else None
        failure: ConversionError | None = None
        try:
            _run(command, timeout=timeout, what=what, log=work_dir / "stderr", progress=progress)
        except ConversionTimeoutError as exc:
            _discard_profile()  # a killed soffice may leave its profile half-written
            failure = exc
        except ConversionError as exc:
            failure = exc
        out_paths = [out_dir / f"{path.stem}.{target}" for path in in_paths]
        outputs = [p.read_bytes() if p.is_file() and p.stat().st_size else None for p in out_paths]
        if failure is not None:
            # Files are converted in order: an output is surely whole only once a later file has one.
            last = max((i for i, output in enumerate(outputs) if output is not None), default=-1)
            outputs = [output if i < last else None for i, output in enumerate(outputs)]
        return outputs, failure


def _count_files(directory: Path) -> int:
    try:
        return sum(1 for _ in os.scandir(directory))
    except FileNotFoundError:
        return 0


_POLL_SECONDS = 0.2


def _run(
    command: list[str],
    *,
    timeout: float,
    what: str,
    log: Path,
    progress: Callable[[], int] | None = None,
) -> None:
    """Run ``command`` in a new process group; kill the whole group when time runs out.

    With ``progress`` the time limit restarts whenever its count grows.
    """
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp")
    with log.open("w+b") as stderr:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,  # a file, not a pipe: nobody has to drain it while we wait
            start_new_session=True,
            env=env,
        )
        try:
            _wait(process, timeout, progress)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            limit = f"{timeout:g} s" if progress is None else f"{timeout:g} s for one file"
            raise ConversionTimeoutError(f"LibreOffice {what} did not finish within {limit}") from None
        except BaseException:
            _kill_group(process)
            raise
        if process.returncode != 0:
            stderr.seek(0)
            message = stderr.read().decode("utf-8", "replace").strip().splitlines()
            detail = f": {message[-1]}" if message else ""
            raise ConversionError(f"LibreOffice {what} failed (exit status {process.returncode}){detail}")


def _wait(process: subprocess.Popen[bytes], timeout: float, progress: Callable[[], int] | None) -> None:
    """Wait for ``process``; ``TimeoutExpired`` after ``timeout`` s (without progress, if counted)."""
    if progress is None:
        process.wait(timeout=timeout)
        return
    seen = 0
    deadline = time.monotonic() + timeout
    while True:
        try:
            process.wait(timeout=max(min(_POLL_SECONDS, deadline - time.monotonic()), 0.0))
            return
        except subprocess.TimeoutExpired:
            count = progress()
            if count > seen:
                seen, deadline = count, time.monotonic() + timeout
            elif time.monotonic() >= deadline:
                raise


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Stop ``process`` and every child it started (soffice runs soffice.bin under it)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
