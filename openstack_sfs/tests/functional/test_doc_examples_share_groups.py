"""The share groups example in doc/ runs, as written."""

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
EXAMPLE = os.path.join(ROOT, "doc", "source", "examples", "share_groups.py")


class TestShareGroupsExample(testtools.TestCase):
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
        self.assertEqual("", result.stderr)
        self.assertEqual(
            [
                "default group type: default True",
                "group specs: {'consistent_snapshot_support': 'pool', "
                "'tier': '1'}",
                "group: databases available nova",
                "in group: ['data', 'logs']",
                "snapshot: nightly available 2 members",
                "copy: available 2 shares",
                "groups left: []",
            ],
            result.stdout.splitlines(),
        )
