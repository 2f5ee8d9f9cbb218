"""The one serialisation edge: a cattrs converter, and JSON on top of it.

Money and other decimals travel as strings (``"12.5000"``) so no digit is lost; counts
are JSON integers; dates are ISO strings; enums are their values.
"""

from __future__ import annotations

import json
import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar, overload

import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from govreport.errors import InputError
from govreport.model.document import Location, SourceInfo
from govreport.model.report import Report

T = TypeVar("T")


def _is_number_union(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin not in (typing.Union, types.UnionType):
        return False
    return set(typing.get_args(tp)) - {type(None)} == {int, Decimal}


def _structure_number(value: Any, tp: Any) -> int | Decimal | None:
    if value is None:
        if type(None) in typing.get_args(tp):
            return None
        raise ValueError("a number is required here")
    if isinstance(value, bool):
        raise ValueError("a boolean is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return Decimal(value)
    raise ValueError(f"expected an integer or a decimal string, got {value!r}")


def make_converter() -> cattrs.Converter:
    """Build the converter every export and the JSON round trip go through."""
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, lambda v, _: Decimal(str(v)))
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, lambda v, _: date.fromisoformat(v))
    conv.register_structure_hook_func(_is_number_union, _structure_number)
    # OCR provenance appears only on what was OCR'd: text inputs keep the JSON they had.
    for cls in (Location, SourceInfo):
        conv.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, conv, ocr=override(omit_if_default=True))
        )
    return conv


converter = make_converter()
"""The converter used everywhere; :func:`make_converter` builds an independent one."""


def to_json(obj: object, *, indent: int | None = None) -> str:
    """Serialise a model (a :class:`Report`, a tuple of cells…) to JSON text."""
    return json.dumps(converter.unstructure(obj), ensure_ascii=False, indent=indent)


@overload
def from_json(text: str | bytes) -> Report: ...


@overload
def from_json(text: str | bytes, cls: type[T]) -> T: ...


def from_json(text: str | bytes, cls: type[Any] = Report) -> Any:
    """Load JSON produced by :func:`to_json` back into ``cls`` (a :class:`Report` by default).

    Raises:
        InputError: the JSON does not describe a ``cls``; the message lists every path at fault.
    """
    try:
        return converter.structure(json.loads(text), cls)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc}") from exc
    except cattrs.BaseValidationError as exc:
        problems = "; ".join(cattrs.transform_error(exc))
        raise InputError(f"JSON does not describe a {cls.__name__}: {problems}") from exc
