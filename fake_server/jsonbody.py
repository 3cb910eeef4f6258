"""Plays Manila's request body reading (``jsonutils.loads`` in its wsgi).

Manila answers a body that does not parse with 400 "Malformed request
body", and so does the fake. Manila 500s on what Python's parser itself
chokes on (deep nesting raises RecursionError); the fake refuses bodies
nested deeper than :data:`MAX_DEPTH` as malformed. ``NaN``, ``Infinity``
and ``1e999`` parse, as in Manila, and fail the schema or the checks of
the field they are in (a 400 naming it).
"""

from __future__ import annotations

import json
from typing import Any

#: deepest nesting of arrays and objects a body may have (no Manila or
#: Keystone request needs more than a handful of levels)
MAX_DEPTH = 64


_DECODER = json.JSONDecoder()


def _depth_ok(raw: str) -> bool:
    """Whether brackets outside strings nest at most MAX_DEPTH deep."""
    if raw.count("[") + raw.count("{") <= MAX_DEPTH:
        return True
    depth = 0
    in_string = escaped = False
    for char in raw:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif char in "]}":
            depth -= 1
    return True


def loads(raw: bytes | str) -> Any:
    """Parse a request body; ValueError for anything that is not JSON
    nested at most :data:`MAX_DEPTH` deep."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise ValueError("the body is not UTF-8") from exc
    if not _depth_ok(text):
        raise ValueError(f"the body nests deeper than {MAX_DEPTH} levels")
    try:
        return _DECODER.decode(text)
    except RecursionError as exc:  # pragma: no cover - depth checked
        raise ValueError("the body nests too deeply") from exc
