"""Plays Manila's request body reading (``jsonutils.loads`` in its wsgi).

Manila answers a body that does not parse with 400 "Malformed request
body"; it 500s on what Python's parser itself chokes on (deep nesting
raises RecursionError) and lets ``NaN``, ``Infinity`` and ``1e999`` through
to fail later. The fake refuses all of those here, as malformed bodies.
"""

from __future__ import annotations

import json
import math
from typing import Any

#: deepest nesting of arrays and objects a body may have (no Manila or
#: Keystone request needs more than a handful of levels)
MAX_DEPTH = 64


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"number {text[:20]} is out of range")
    return value


_DECODER = json.JSONDecoder(
    parse_constant=_no_constant, parse_float=_finite_float
)


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
    """Parse a request body; ValueError for anything that is not plain,
    finite, reasonably nested JSON."""
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
