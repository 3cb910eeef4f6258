"""The share backups example in doc/ runs, as written."""

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
EXAMPLE = os.path.join(ROOT, "doc", "source", "examples", "share_backups.py")


class TestShareBackupsExample(testtools.TestCase):
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
                "backup: nightly available 1 GiB",
                "share: available",
                "restoring into the same share: True",
                "share after restore: available",
                "described: before upgrade",
                "backups left: 0",
            ],
            result.stdout.splitlines(),
        )
