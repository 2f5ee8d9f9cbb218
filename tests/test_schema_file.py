"""The published JSON Schema file is the one the library generates."""

from __future__ import annotations

import json
from pathlib import Path

from govreport.schema import json_schema

PUBLISHED = Path(__file__).resolve().parents[1] / "docs" / "reference" / "report.schema.json"


def test_published_schema_is_up_to_date():
    published = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    assert published == json_schema(), f"{PUBLISHED.name} is stale: run `make schema`"
    assert published["$defs"]["Cell"]["properties"]["state"]["enum"] == [
        "read",
        "blank",
        "placeholder",
        "missing",
        "inferred",
    ]
