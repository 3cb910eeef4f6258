"""The resource locks example in doc/ runs, as written."""

from __future__ import annotations

import os
import subprocess
import sys

import fixtures
import testtools

ROOT = os.path.dirname(
    os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    )
)
EXAMPLE = os.path.join(ROOT, "doc", "source", "examples", "resource_locks.py")


class TestResourceLocksExample(testtools.TestCase):
    def test_example(self) -> None:
        self.useFixture(fixtures.Timeout(150, gentle=True))
        result = subprocess.run(
            [sys.executable, EXAMPLE],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(
            [
                "locked: share delete user",
                "delete refused: 403",
                "lock reason: production data",
                "updated: migrated",
                "deleted after unlocking",
            ],
            result.stdout.splitlines(),
        )
