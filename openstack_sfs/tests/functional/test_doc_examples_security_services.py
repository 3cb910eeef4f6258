"""The security services example in doc/ runs, as written."""

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
EXAMPLE = os.path.join(
    ROOT, "doc", "source", "examples", "security_services.py"
)


class TestSecurityServicesExample(testtools.TestCase):
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
                "created: corp-ad active_directory hq",
                "on corp-net: corp-ad",
                "second AD refused: 409",
                "compatible: True",
                "now on corp-net: ['ad2']",
                "in use, delete refused: 403",
                "left: []",
            ],
            result.stdout.splitlines(),
        )
