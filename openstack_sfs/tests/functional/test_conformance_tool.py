"""tools/conformance.py starts and stops ``python -m fake_server``."""

from __future__ import annotations

import json
import pathlib
import urllib.request

import fixtures

from openstack_sfs.tests import base
from openstack_sfs.tests.unit.test_conformance_tool import tool


class FakeServerProcessTest(base.TestCase):
    def test_start_answers_on_loopback_then_stops(self) -> None:
        tmp = self.useFixture(fixtures.TempDir()).path
        log = pathlib.Path(tmp) / "fake.log"
        fake = tool.FakeServer(None, log)
        self.addCleanup(fake.stop)
        url = fake.start(wait=30)
        self.assertTrue(url.startswith("http://127.0.0.1:"))
        with urllib.request.urlopen(url + "/identity/v3", timeout=10) as r:
            body = json.load(r)
        self.assertTrue(body["version"]["id"].startswith("v3"))
        fake.stop()
        self.assertIsNotNone(fake.proc.poll())
        self.assertIn("fake Manila serving on " + url, log.read_text())
