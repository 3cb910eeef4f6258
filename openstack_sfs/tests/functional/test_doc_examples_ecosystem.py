"""The examples of the pages on errors, logging, migrating and
mock_manila run and print what the pages say they print.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import fixtures
import testtools

ROOT = os.path.dirname(
    os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    )
)
DOCS = os.path.join(ROOT, "doc", "source")

#: example -> the page that shows its output after "prints::"
PAGES = {
    "errors": "user/errors.rst",
    "logging_debugging": "user/logging_debugging.rst",
    "migrating": "user/migrating.rst",
    "mock_manila": "fake_server/pytest.rst",
}


def documented_output(page: str) -> list[str]:
    """The indented block after ``prints::`` on a page."""
    with open(os.path.join(DOCS, page), encoding="utf-8") as handle:
        text = handle.read()
    block = text.split("prints::\n\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if line and not line.startswith("    "):
            break
        if line:
            lines.append(line[4:])
    return lines


class TestEcosystemExamples(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(150, gentle=True))
        # the examples' own cloud lookups must not see the user's
        for name in list(os.environ):
            if name.startswith("OS_"):
                self.useFixture(fixtures.EnvironmentVariable(name))
        tmp = self.useFixture(fixtures.TempDir()).path
        self.useFixture(
            fixtures.EnvironmentVariable(
                "OS_CLIENT_CONFIG_FILE", os.path.join(tmp, "none.yaml")
            )
        )

    def run_example(self, name: str) -> list[str]:
        result = subprocess.run(
            [sys.executable, os.path.join(DOCS, "examples", name + ".py")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        self.assertEqual(0, result.returncode, result.stderr)
        return result.stdout.splitlines()

    def check(self, name: str) -> None:
        self.assertEqual(
            documented_output(PAGES[name]), self.run_example(name)
        )

    def test_errors(self) -> None:
        self.check("errors")

    def test_logging_debugging(self) -> None:
        self.check("logging_debugging")

    def test_migrating(self) -> None:
        self.check("migrating")

    def test_mock_manila(self) -> None:
        self.check("mock_manila")

    def test_wait_for_delete_default_is_documented_truly(self) -> None:
        import inspect

        from openstack_sfs.v2 import _proxy

        default = (
            inspect.signature(_proxy.Proxy.wait_for_delete)
            .parameters["wait"]
            .default
        )
        with open(
            os.path.join(DOCS, "user", "shares.rst"), encoding="utf-8"
        ) as handle:
            text = handle.read()
        self.assertIn(f"wait={default}", text)
        self.assertTrue(re.search(rf"\b{default} seconds", text))
