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
from collections.abc import Sequence
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
    if target not in _EXPORT_FILTERS:
        raise ValueError(f"cannot convert to {target!r}; known targets: {', '.join(_EXPORT_FILTERS)}")
    program = soffice or find_soffice()
    if program is None:
        raise MissingProgramError(
            f"converting {source.upper()} files", f"LibreOffice (`soffice` on PATH): {INSTALL_HINT}", "doc"
        )
    if not inputs:
        return []
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
        try:
            _run(command, timeout=timeout, what=f"{source.upper()} to {target.upper()} conversion")
        except ConversionTimeoutError:
            _discard_profile()  # a killed soffice may leave its profile half-written
            raise
        outputs = []
        for path in in_paths:
            out_path = out_dir / f"{path.stem}.{target}"
            if not out_path.is_file() or out_path.stat().st_size == 0:
                raise ConversionError(
                    f"LibreOffice could not convert the {source.upper()} input to {target.upper()} "
                    "(the file is damaged or not a document it can open)"
                )
            outputs.append(out_path.read_bytes())
        return outputs


def _run(command: list[str], *, timeout: float, what: str) -> None:
    """Run ``command`` in a new process group; kill the whole group when time runs out."""
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp")
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=env,
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ConversionTimeoutError(f"LibreOffice {what} did not finish within {timeout:g} s") from None
    except BaseException:
        _kill_group(process)
        raise
    if process.returncode != 0:
        message = stderr.decode("utf-8", "replace").strip().splitlines()
        detail = f": {message[-1]}" if message else ""
        raise ConversionError(f"LibreOffice {what} failed (exit status {process.returncode}){detail}")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Stop ``process`` and every child it started (soffice runs soffice.bin under it)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
