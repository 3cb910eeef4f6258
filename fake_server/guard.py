"""Who may talk to the fake: Host and Origin checks, the control credential.

No Manila equivalent (Manila sits behind a real network and Keystone). The
fake listens on the user's machine, where a web page in a browser can reach
it: a page may send a cross-site ``POST`` (``Origin`` says from where) or
resolve its own name to 127.0.0.1 (DNS rebinding: ``Host`` then names the
page's site). Requests with a ``Host`` that is not an address of this
server, or an ``Origin`` that is not this server, are refused on every
route; ``/_fake`` needs an admin token of the fake's Keystone or the
control token the server prints at start.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

#: names by which a loopback listener is reached from the same machine
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
#: keys whose values ``/_fake/state`` never shows
_SECRET_KEY = re.compile(
    r"password|passwd|secret|credential|private_key|signing_key|^token$",
    re.IGNORECASE,
)
REDACTED = "***"


def new_control_token() -> str:
    """A fresh random control token."""
    return secrets.token_urlsafe(24)


def same_token(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a presented token with ``expected``."""
    return bool(given) and hmac.compare_digest(
        str(given).encode(), expected.encode()
    )


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine only."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _bracket(host: str) -> str:
    host = host.strip("[]")
    return f"[{host}]" if ":" in host else host


def local_names() -> set[str]:
    """This machine's host name, FQDN and the addresses they resolve to
    (the names remote clients use to reach a wildcard listener)."""
    names: set[str] = set()
    try:
        hostname = socket.gethostname()
        names.update({hostname, socket.getfqdn()})
        names.update(socket.gethostbyname_ex(hostname)[2])
    except OSError:
        pass
    return {n for n in names if n}


class HostGuard:
    """The ``Host`` values and origins a listening server answers to."""

    def __init__(
        self, host: str, port: int, extra: Iterable[str] = ()
    ) -> None:
        names = {*LOOPBACK_NAMES, _bracket(host), *map(_bracket, extra)}
        if host.strip("[]") in ("0.0.0.0", "::", ""):
            names |= {_bracket(n) for n in local_names()}
        self.port = port
        self.hosts = {f"{name}:{port}".lower() for name in names}
        if port == 80:  # the default port may be left out of Host
            self.hosts |= {name.lower() for name in names}

    def problem(self, host: str | None, origin: str | None) -> str | None:
        """Why a request with these headers is refused (None: it is not)."""
        if host is not None and host.strip().lower() not in self.hosts:
            return (
                f"Host {host[:100]!r} is not an address of this server; "
                "requests for other hosts are refused."
            )
        if origin is not None:
            try:
                parts = urlsplit(origin.strip())
                scheme, netloc = parts.scheme, parts.netloc.lower()
            except ValueError:  # not a URL at all
                scheme = netloc = ""
            if scheme not in ("http", "https") or netloc not in self.hosts:
                return (
                    f"Origin {origin[:100]!r} is not this server; "
                    "cross-site requests are refused."
                )
        return None


def redact(value: Any) -> Any:
    """A copy of ``value`` with every secret-looking key's value hidden."""
    if isinstance(value, dict):
        return {
            key: (
                REDACTED
                if isinstance(key, str)
                and _SECRET_KEY.search(key)
                and item is not None
                else redact(item)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value
