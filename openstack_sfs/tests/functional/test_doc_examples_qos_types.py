"""The QoS types example in doc/ runs, as written."""

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
EXAMPLE = os.path.join(ROOT, "doc", "source", "examples", "qos_types.py")


class TestQosTypesExample(testtools.TestCase):
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
                "created: gold {'peak_iops': '5000'}",
                "specs: {'peak_iops': '8000', 'min_iops': '500'}",
                "described: faster tier",
                "names: ['gold']",
                "left: []",
            ],
            result.stdout.splitlines(),
        )
