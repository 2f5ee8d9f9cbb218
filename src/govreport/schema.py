"""A JSON Schema of govreport's output, derived from the same attrs types the converter uses."""

from __future__ import annotations

import types
import typing
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from govreport.model.report import Report

_DECIMAL = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}


def json_schema(root: type = Report) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``root`` as serialised by :data:`govreport.converter`."""
    defs: dict[str, Any] = {}
    body = _schema(root, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://govreport.invalid/schema/report.schema.json",
        "title": f"govreport {root.__name__}",
        **body,
        "$defs": defs,
    }


def _schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        return {"anyOf": [_schema(a, defs) for a in args]}
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema(args[0], defs)}
        return {
            "type": "array",
            "prefixItems": [_schema(a, defs) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if tp is type(None):
        return {"type": "null"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is str:
        return {"type": "string"}
    if tp is Decimal:
        return dict(_DECIMAL)
    if tp is date:
        return {"type": "string", "format": "date"}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"enum": [m.value for m in tp]}
    if attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(tp)
            fields = [f for f in attrs.fields(tp) if f.init]
            defs[name] = {
                "type": "object",
                "description": (tp.__doc__ or "").strip().split("\n")[0],
                "properties": {f.name: _schema(hints[f.name], defs) for f in fields},
                "required": [f.name for f in fields if f.default is attrs.NOTHING],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema mapping for {tp!r}")
