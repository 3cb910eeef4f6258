"""The plainest test base: a testtools TestCase bounded in time."""

from __future__ import annotations

import importlib.util
import pathlib
import sys
from types import ModuleType

import fixtures
import testtools

#: the repository's root (where tools/ is)
ROOT = pathlib.Path(__file__).resolve().parents[2]

#: seconds any single test may take before it is stopped
TEST_TIMEOUT = 60


class TestCase(testtools.TestCase):
    """A test that fails, rather than hangs, past :data:`TEST_TIMEOUT`."""

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(TEST_TIMEOUT, gentle=True))


def load_tool(script: str, name: str) -> ModuleType:
    """Import ``tools/<script>`` (tools/ is not a package) as module
    ``name``, once per process."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, ROOT / "tools" / script
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
