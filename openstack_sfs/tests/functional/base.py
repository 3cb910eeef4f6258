"""Functional test base: the real SDK over real HTTP against fake_server.

Each test gets its own fake cloud (``self.fake``) on 127.0.0.1, port 0,
and connections as ``demo`` (``self.conn``), ``admin`` (``self.admin``)
and ``alt_demo`` (``self.alt``).
"""

from __future__ import annotations

from typing import Any

import fixtures
import testtools

from fake_server.fixture import FakeManila

#: bound on every wait in functional tests (seconds)
WAIT = 30


class FunctionalTestCase(testtools.TestCase):
    """A test against a fresh fake Manila."""

    #: fake server configuration (TOML layout as a dict), per test class
    fake_config: dict[str, Any] | None = None

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(120, gentle=True))
        self.fake = self.useFixture(FakeManila(self.fake_config))
        self.addCleanup(self._check_quota_drift)
        self.conn = self.fake.connect("demo")
        self.admin = self.fake.connect("admin")
        self.alt = self.fake.connect("alt_demo")
        self.sfs = self.conn.shared_file_system
        self.admin_sfs = self.admin.shared_file_system
        for conn in (self.conn, self.admin, self.alt):
            self.addCleanup(conn.close)

    def _check_quota_drift(self) -> None:
        """After every test: the quota usage rows agree with the records
        (whatever the test did, concurrently or not)."""
        self.assertEqual([], self.fake.quota_drift())

    def raw(
        self,
        conn: Any,
        method: str,
        path: str,
        microversion: str = "2.99",
        **kwargs: Any,
    ) -> Any:
        """A raw request through ``conn``'s Manila adapter."""
        return conn.shared_file_system.request(
            path, method, microversion=microversion, raise_exc=False, **kwargs
        )
