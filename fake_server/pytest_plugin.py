"""pytest plugin (entry point ``pytest11``): a fake Manila for each test.

No Manila equivalent. Installed with the package, so a test file needs
no conftest::

    def test_create(sfs):
        share = sfs.create_share(share_protocol="NFS", size=1)
        sfs.wait_for_status(share, "available")

Fixtures:

- ``fake_manila``: a :class:`~fake_server.fixture.FakeManila` in its
  seeded state for the test. The server itself lives for the scope set by
  ``--fake-manila-scope`` or the ini key ``fake_manila_scope``
  (``session`` by default: one server, reset before each test;
  ``function``: a new server per test; also ``module``, ``class``,
  ``package``).
- ``sfs`` and ``admin_sfs``: the shared-file-system proxies of
  connections as ``demo`` and ``admin``, closed after the test.
- ``fake_manila_config``: the configuration dict the shared server is
  built from; override it in a conftest to change it in code.

Configuration: ``--fake-manila-config PATH`` (ini ``fake_manila_config``)
names a TOML file in the fake server's layout;
``--fake-manila-progression`` (ini ``fake_manila_progression``) sets
``background`` or ``manual``. The marker
``@pytest.mark.fake_manila(progression="manual", config={...})`` gives
one test a server of its own with that configuration merged over the
session's.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from fake_server.fixture import FakeManila
    from openstack_sfs.v2._proxy import Proxy

SCOPES = ("function", "class", "module", "package", "session")
PROGRESSIONS = ("background", "manual")
MARKER = (
    "fake_manila(progression=None, config=None): run this test on a fake "
    "Manila of its own, its configuration (TOML layout as a dict) merged "
    "over the session's"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the plugin's command-line options and ini keys."""
    group = parser.getgroup("fake_manila", "fake Manila (fake_server)")
    group.addoption(
        "--fake-manila-scope",
        choices=SCOPES,
        default=None,
        help="lifetime of the shared fake Manila server (default: session;"
        " it is reset before every test)",
    )
    group.addoption(
        "--fake-manila-config",
        metavar="PATH",
        default=None,
        help="TOML configuration file for the fake Manila",
    )
    group.addoption(
        "--fake-manila-progression",
        choices=PROGRESSIONS,
        default=None,
        help="background (default) or manual progression",
    )
    parser.addini(
        "fake_manila_scope",
        "lifetime of the shared fake Manila server",
        default="session",
    )
    parser.addini(
        "fake_manila_config", "TOML configuration file for the fake Manila"
    )
    parser.addini(
        "fake_manila_progression", "background or manual progression"
    )


def pytest_configure(config: pytest.Config) -> None:
    """Declare the ``fake_manila`` marker."""
    config.addinivalue_line("markers", MARKER)


def _setting(config: pytest.Config, name: str) -> str | None:
    """An option's value, else its ini key's, else None."""
    value = config.getoption(f"fake_manila_{name}")
    if value is None:
        value = config.getini(f"fake_manila_{name}") or None
    return None if value is None else str(value)


def _scope(fixture_name: str, config: pytest.Config) -> Any:
    """The shared server's scope, from the option or the ini key."""
    scope = _setting(config, "scope") or "session"
    if scope not in SCOPES:
        raise pytest.UsageError(
            f"fake_manila_scope must be one of {', '.join(SCOPES)},"
            f" not {scope!r}"
        )
    return scope


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` merged into a copy of ``base``, tables key by key."""
    merged = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


@pytest.fixture(scope="session")
def fake_manila_config(pytestconfig: pytest.Config) -> dict[str, Any]:
    """The shared fake's configuration, a dict in the TOML layout.

    Read from ``--fake-manila-config`` (or the ini key), with
    ``--fake-manila-progression`` applied. Override this fixture in a
    conftest to build the configuration in code.
    """
    data: dict[str, Any] = {}
    path = _setting(pytestconfig, "config")
    if path:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    progression = _setting(pytestconfig, "progression")
    if progression:
        if progression not in PROGRESSIONS:
            raise pytest.UsageError(
                "fake_manila_progression must be background or manual,"
                f" not {progression!r}"
            )
        data = _merge(data, {"server": {"progression": progression}})
    return data


def _start(config: dict[str, Any]) -> FakeManila:
    from fake_server.fixture import FakeManila

    fake = FakeManila(config)
    fake.setUp()
    return fake


@pytest.fixture(scope=_scope)
def _fake_manila_server(
    fake_manila_config: dict[str, Any],
) -> Generator[FakeManila, None, None]:
    """The shared server, for the configured scope."""
    fake = _start(fake_manila_config)
    try:
        yield fake
    finally:
        fake.cleanUp()


@pytest.fixture
def fake_manila(
    request: pytest.FixtureRequest, fake_manila_config: dict[str, Any]
) -> Generator[FakeManila, None, None]:
    """A fake Manila in its seeded state, for this test.

    The shared server, reset, unless the test carries the
    ``fake_manila`` marker: then a server of its own.
    """
    marker = request.node.get_closest_marker("fake_manila")
    if marker is None:
        shared: FakeManila = request.getfixturevalue("_fake_manila_server")
        shared.reset()
        yield shared
        return
    unknown = set(marker.kwargs) - {"progression", "config"}
    if marker.args or unknown:
        raise pytest.UsageError(
            "the fake_manila marker takes only the keyword arguments"
            " progression and config"
        )
    config = _merge(fake_manila_config, marker.kwargs.get("config") or {})
    if marker.kwargs.get("progression"):
        config = _merge(
            config, {"server": {"progression": marker.kwargs["progression"]}}
        )
    fake = _start(config)
    try:
        yield fake
    finally:
        fake.cleanUp()


def _proxy(fake: FakeManila, user: str) -> Generator[Proxy, None, None]:
    conn = fake.connect(user)
    try:
        yield conn.shared_file_system
    finally:
        conn.close()


@pytest.fixture
def sfs(fake_manila: FakeManila) -> Generator[Proxy, None, None]:
    """``conn.shared_file_system`` of a connection as ``demo``."""
    yield from _proxy(fake_manila, "demo")


@pytest.fixture
def admin_sfs(fake_manila: FakeManila) -> Generator[Proxy, None, None]:
    """``conn.shared_file_system`` of a connection as ``admin``."""
    yield from _proxy(fake_manila, "admin")
