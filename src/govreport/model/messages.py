"""Messages in two languages: a template per language, named parameters, and the language in use.

Finding messages speak Chinese to disclosure offices and English to foreign researchers.
Each message is a :class:`Message` of the catalogue (:mod:`govreport.messages`) with a
Chinese and an English template over the same named parameters; code binds the
parameters (:meth:`Message.__call__`) and :func:`govreport.model.rules.finding` renders
the result in the language of the parse in progress (:func:`speaking`).

Parameters that carry the report's own text (a printed label, a sentence) are named in
:attr:`Message.quoted`: they stay as printed in every language, and the English template
puts each of them between 「」, so what is not quoted can be checked to be English.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Literal, get_args

from attrs import field, frozen

Lang = Literal["zh", "en"]
"""A language messages are written in."""

LANGUAGES: tuple[Lang, ...] = get_args(Lang)
"""Every language, the default (Chinese) first."""

DEFAULT_LANG: Lang = "zh"

_language: ContextVar[Lang] = ContextVar("govreport_language", default=DEFAULT_LANG)


def current_language() -> Lang:
    """The language messages are rendered in now: the parser's during a parse, else Chinese."""
    return _language.get()


@contextmanager
def speaking(lang: Lang) -> Iterator[None]:
    """Render messages in ``lang`` inside the ``with`` block (per thread and per task)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    token = _language.set(lang)
    try:
        yield
    finally:
        _language.reset(token)


def _names(names: Iterable[str]) -> frozenset[str]:
    return frozenset(names)


def _fields(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


@frozen
class Message:
    """One catalogue entry: an id and a template per language over the same named parameters.

    Raises:
        ValueError: the templates name different parameters, or a quoted name is not one.
    """

    id: str
    zh: str
    en: str
    quoted: frozenset[str] = field(default=frozenset(), converter=_names)
    """Parameters that carry the report's own text, shown as printed in every language."""

    def __attrs_post_init__(self) -> None:
        if _fields(self.zh) != _fields(self.en):
            raise ValueError(f"message {self.id}: zh and en templates name different parameters")
        if not self.quoted <= _fields(self.zh):
            raise ValueError(f"message {self.id}: quoted names {sorted(self.quoted)} are not all parameters")

    @property
    def parameters(self) -> frozenset[str]:
        """The names every binding must give."""
        return _fields(self.zh)

    def template(self, lang: Lang) -> str:
        """The template in ``lang``."""
        return self.zh if lang == "zh" else self.en

    def __call__(self, **params: Param) -> Phrase:
        """The message with its parameters bound, ready to render in any language.

        Raises:
            TypeError: a parameter is missing or unknown.
        """
        if set(params) != self.parameters:
            raise TypeError(f"message {self.id} takes {sorted(self.parameters)}, got {sorted(params)}")
        return Phrase(message=self, params=params)


@frozen
class Phrase:
    """A message with its parameters bound."""

    message: Message
    params: Mapping[str, Param]

    def render(self, lang: Lang | None = None) -> str:
        """The text in ``lang``, by default the :func:`current_language`."""
        lang = lang or current_language()
        return self.message.template(lang).format(**{k: _text(v, lang) for k, v in self.params.items()})


@frozen
class Joined:
    """A list shown with each language's separator (、 in Chinese, a comma in English)."""

    items: Sequence[Param]
    zh: str = "、"
    en: str = ", "

    def render(self, lang: Lang) -> str:
        """The items rendered in ``lang`` and joined."""
        return (self.zh if lang == "zh" else self.en).join(_text(item, lang) for item in self.items)


Param = str | int | Decimal | Phrase | Joined
"""What a message parameter may be: report text or a key, a number, or text in both languages."""


def _text(value: Param, lang: Lang) -> str:
    return value.render(lang) if isinstance(value, (Phrase, Joined)) else str(value)
