"""Plays Manila's API microversion handling (api_version_request.py).

Versions 2.0 to 2.99; no header means 2.0; ``latest``, an empty value
and malformed strings are 400; versions out of range are 406. The
experimental header is read as oslo's ``bool_from_string``.
"""

from __future__ import annotations

import functools
import re
from functools import total_ordering

from fake_server import errors

HEADER = "X-OpenStack-Manila-API-Version"
EXPERIMENTAL_HEADER = "X-OpenStack-Manila-API-Experimental"
_PATTERN = re.compile(r"^([1-9]\d*)\.([1-9]\d*|0)$")
#: longer version numbers are out of range whatever their value
_MAX_DIGITS = 6


@total_ordering
class Version:
    """A microversion such as 2.86, comparable with strings too."""

    __slots__ = ("major", "minor")

    def __init__(self, major: int, minor: int) -> None:
        self.major = major
        self.minor = minor

    @classmethod
    def parse(cls, text: str) -> Version:
        """Parse ``X.Y``; raise BadRequest as Manila does otherwise."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise errors.BadRequest(
                f"API Version String {text} is of invalid format. Must be "
                "of format MajorNum.MinorNum."
            )
        major, minor = match.group(1), match.group(2)
        if len(major) > _MAX_DIGITS or len(minor) > _MAX_DIGITS:
            # well formed but far out of range (Manila's int() of thousands
            # of digits fails with a 500)
            raise errors.NotAcceptable(
                f"Version {major[:_MAX_DIGITS]}....{minor[:_MAX_DIGITS]} is "
                f"not supported by the API. Minimum is {MIN} and maximum "
                f"is {MAX}."
            )
        return cls(int(major), int(minor))

    def _key(self) -> tuple[int, int]:
        return (self.major, self.minor)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return self._key() == _key_of(other)
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() == other._key()

    def __lt__(self, other: object) -> bool:
        if isinstance(other, str):
            return self._key() < _key_of(other)
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"

    __repr__ = __str__


@functools.lru_cache(maxsize=256)
def _key_of(text: str) -> tuple[int, int]:
    """``(major, minor)`` of a version string, for comparisons in views
    (``ctx.version < "2.6"``); bad strings raise as :meth:`Version.parse`
    and are not cached."""
    return Version.parse(text)._key()


MIN = Version(2, 0)
MAX = Version(2, 99)


def from_header(value: str | None) -> Version:
    """The version a request asks for; 2.0 when the header is absent.

    A header sent empty is malformed (400), as in Manila.
    """
    if value is None:
        return MIN
    version = Version.parse(value)
    if not MIN <= version <= MAX:
        raise errors.NotAcceptable(
            f"Version {version} is not supported by the API. Minimum is "
            f"{MIN} and maximum is {MAX}."
        )
    return version


#: what oslo's strutils.bool_from_string reads as true
_TRUE = frozenset({"1", "t", "true", "on", "y", "yes"})


def experimental_from_header(value: str | None) -> bool:
    """Whether the experimental header asks for experimental APIs."""
    return value is not None and value.strip().lower() in _TRUE


def at_least(version: Version, minimum: str) -> bool:
    """Whether ``version`` is at least ``minimum`` (a string like 2.45)."""
    return version >= Version.parse(minimum)
