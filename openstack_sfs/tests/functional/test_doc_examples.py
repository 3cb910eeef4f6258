"""The runnable examples in doc/ and the demo really run, as written."""

from __future__ import annotations

import os
import subprocess
import sys

import fixtures
import testtools

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
EXAMPLES = os.path.join(ROOT, "doc", "source", "examples")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
        timeout=120, check=False,
    )


class TestDocExamples(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(150, gentle=True))

    def test_ensure_shares_example(self) -> None:
        result = run(os.path.join(EXAMPLES, "ensure_shares.py"))
        self.assertEqual(0, result.returncode, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual("ensuring: False", lines[2])
        self.assertIn("fakehost@alpha available ['10.0.0.99:/shares/",
                      lines[3])
        self.assertIn("fakehost@beta available ['10.0.0.20:/shares/",
                      lines[4])

    def test_demo(self) -> None:
        result = run("-m", "fake_server.demo")
        self.assertEqual(0, result.returncode, result.stderr)
        out = result.stdout
        self.assertRegex(out, r"scheduler placed it on pool "
                              r"fakehost@(alpha|beta)#\w+")
        self.assertRegex(out, r"driver exported it at "
                              r"10\.0\.0\.(10|20):/shares/share_")
        self.assertIn("access rule", out)
        self.assertIn("is active: 10.0.0.0/24 may mount", out)
