"""Options shared by the ``parse`` and ``check`` commands: input format, message language, limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
from attrs import evolve, fields

from govreport.batch import DEFAULT_MAX_BYTES
from govreport.limits import DEFAULT_LIMITS, LIMIT_DOCS, Limits
from govreport.model.messages import DEFAULT_LANG, LANGUAGES, Lang
from govreport.parser import Parser, default_parser
from govreport.plugins import READER_KIND, installed
from govreport.readers.ocr.options import OcrOptions

INPUT_FORMAT = click.Choice(installed(READER_KIND).names())
_Command = TypeVar("_Command", bound=Callable[..., Any])

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=DEFAULT_LANG,
    show_default=True,
    help="Language of finding messages and of the check output: zh for offices, en for researchers.",
)
"""``--lang``, its choices the catalogue's languages."""


def parser_for(lang: Lang, *, ocr: bool = True) -> Parser:
    """The shared default parser, or one for ``lang`` and, with ``ocr=False``, without OCR.

    Without OCR a scanned page fails with ``NoTextLayerError`` instead of being read.
    """
    if lang == DEFAULT_LANG and ocr:
        return default_parser()
    return Parser(lang=lang, ocr=OcrOptions() if ocr else OcrOptions(enabled=False))


# --- limits -----------------------------------------------------------------------------
def _default(name: str) -> str:
    value = getattr(DEFAULT_LIMITS, name)
    return f"{value:g}" if isinstance(value, float) else str(value)


class _LimitSetting(click.ParamType):  # type: ignore[type-arg]
    """``NAME=VALUE`` for one field of :class:`~govreport.limits.Limits`."""

    name = "NAME=VALUE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, float]:
        if isinstance(value, tuple):
            return value
        name, equals, text = str(value).partition("=")
        name = name.strip()
        if not equals or name not in LIMIT_DOCS:
            self.fail(f"{value!r}: expected NAME=VALUE with NAME one of {', '.join(LIMIT_DOCS)}", param, ctx)
        number_type = float if isinstance(getattr(DEFAULT_LIMITS, name), float) else int
        try:
            number = number_type(text.strip())
        except ValueError:
            kind = "a number" if number_type is float else "a whole number"
            self.fail(f"{value!r}: {text!r} is not {kind}", param, ctx)
        if number <= 0:
            self.fail(f"{value!r}: a limit must be greater than 0", param, ctx)
        return name, number


def limit_options(command: _Command) -> _Command:
    """The options that set :class:`~govreport.limits.Limits`, generated from its fields."""
    names = ", ".join(f.name for f in fields(Limits))
    options = [
        click.option(
            "--limit",
            "limit_settings",
            type=_LimitSetting(),
            multiple=True,
            help=f"A limit on what one document may cost, repeatable; NAME is one of {names} (defaults "
            "below). A document over a limit fails with LimitExceededError.",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1),
            default=None,
            help="Larger files fail without being parsed: --limit input_bytes=N "
            f"[default: {DEFAULT_MAX_BYTES}].",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=None,
            metavar="SECONDS",
            help=f"Time for one document: --limit seconds=N [default: {_default('seconds')}]. With --jobs "
            "> 1 a worker past it is killed and replaced; with one process, readers check it as they go.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def limits_from(
    settings: tuple[tuple[str, float], ...], max_bytes: int | None, timeout: float | None
) -> Limits:
    """The limits the ``--limit``, ``--max-bytes`` and ``--timeout`` options set.

    Raises:
        click.UsageError: a shortcut and a ``--limit`` set one limit to two values.
    """
    values: dict[str, Any] = dict(settings)
    for name, shortcut, option in (
        ("input_bytes", max_bytes, "--max-bytes"),
        ("seconds", timeout, "--timeout"),
    ):
        if shortcut is not None:
            if name in values and values[name] != shortcut:
                raise click.UsageError(f"{option} {shortcut:g} and --limit {name}={values[name]:g} disagree")
            values[name] = shortcut
    return evolve(DEFAULT_LIMITS, **values)


def limits_epilog() -> str:
    """Every limit with its default and reason, for a command's ``--help``."""
    lines = ["Limits (--limit NAME=VALUE), per document:"]
    lines += [f"{name} (default {_default(name)}): {text}" for name, text in LIMIT_DOCS.items()]
    return "\n\n".join(lines)
