"""The plainest test base: a testtools TestCase bounded in time."""

from __future__ import annotations

import fixtures
import testtools

#: seconds any single test may take before it is stopped
TEST_TIMEOUT = 60


class TestCase(testtools.TestCase):
    """A test that fails, rather than hangs, past :data:`TEST_TIMEOUT`."""

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(TEST_TIMEOUT, gentle=True))
