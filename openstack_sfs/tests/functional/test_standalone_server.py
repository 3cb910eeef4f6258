"""``python -m fake_server`` as a user runs it: banner, clouds.yaml,
``--version`` and ``--access-log``.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import textwrap

import fixtures
import testtools
import yaml

import fake_server
import openstack_sfs
from fake_server import __main__ as fake_main
from fake_server import request_log

CONFIG = """
[[users]]
name = "op"
password = "s3cret"
project = "ops"
roles = ["admin", "member", "reader"]

[[users]]
name = "dev_one"
"""


class TestStandalone(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(90, gentle=True))
        self.tmp = self.useFixture(fixtures.TempDir()).path

    def start(self, *args: str) -> tuple[str, list[str]]:
        """Start the server; return its base URL and banner lines."""
        proc = subprocess.Popen(
            [sys.executable, "-m", "fake_server", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=self.tmp,
        )
        self.addCleanup(proc.wait, 10)
        self.addCleanup(proc.terminate)
        assert proc.stdout is not None
        lines = []
        for _ in range(40):  # the banner is a few lines long
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if line.startswith("  openstack --os-cloud") or line.startswith(
                "clouds.yaml (not written"
            ):
                break
        self.assertIn("fake Manila serving on http://127.0.0.1:", lines[0])
        return lines[0].split()[-1], lines

    def test_configured_users_give_banner_and_clouds(self) -> None:
        config = os.path.join(self.tmp, "fake.toml")
        with open(config, "w", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(CONFIG))
        access = os.path.join(self.tmp, "access.log")
        base, lines = self.start(
            "--config",
            config,
            "--clouds-yaml",
            self.tmp,
            "--access-log",
            access,
        )
        banner = "\n".join(lines)
        self.assertIn(
            "  cloud fake-op: user op, password 's3cret', project ops,"
            " roles admin, member, reader",
            banner,
        )
        self.assertIn("  cloud fake-dev-one: user dev_one", banner)
        self.assertNotIn("alt_demo", banner)
        clouds = os.path.join(self.tmp, "clouds.yaml")
        self.assertIn(f"clouds.yaml written to {clouds}; use it with", banner)
        self.assertIn(f"  export OS_CLIENT_CONFIG_FILE={clouds}", banner)
        with open(clouds, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        self.assertEqual({"fake-op", "fake-dev-one"}, set(data["clouds"]))
        self.useFixture(
            fixtures.EnvironmentVariable("OS_CLIENT_CONFIG_FILE", clouds)
        )
        conn = openstack_sfs.connect(cloud="fake-op")
        self.addCleanup(conn.close)
        self.assertEqual([], list(conn.shared_file_system.shares()))
        # one access-log line per request, the last our share list
        with open(access, encoding="utf-8") as handle:
            logged = handle.read().splitlines()
        self.assertTrue(logged)
        self.assertRegex(
            logged[-1],
            r"^\d{4}-\d\d-\d\dT[\d:.]+ GET /v2/shares/detail 200 2\.\d+ "
            r"\d+\.\dms$",
        )
        self.assertTrue(
            any(" POST /identity/v3/auth/tokens 201 - " in x for x in logged)
        )
        self.assertTrue(base.startswith("http://127.0.0.1:"))

    def test_without_clouds_yaml_the_banner_says_so(self) -> None:
        _, lines = self.start()
        self.assertEqual(
            "clouds.yaml (not written; --clouds-yaml PATH writes it):",
            lines[-1],
        )
        self.assertEqual([], os.listdir(self.tmp))

    def test_version(self) -> None:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            error = self.assertRaises(
                SystemExit, fake_main.main, ["--version"]
            )
        self.assertEqual(0, error.code)
        self.assertEqual(
            f"fake-manila {fake_server.__version__} (Manila API 2.0-2.99;"
            f" openstack_sfs {openstack_sfs.__version__})\n",
            out.getvalue(),
        )


class TestRequestLogListeners(testtools.TestCase):
    def entry(self, log: request_log.RequestLog) -> request_log.RequestEntry:
        return log.add(
            at="2026-01-01T00:00:00.000000",
            method="GET",
            path="/v2/shares",
            status=200,
            microversion="2.99",
            project_id="p",
            duration_ms=1.25,
            request_id="req-1",
        )

    def test_listeners_see_new_entries_until_unsubscribed(self) -> None:
        log = request_log.RequestLog()
        seen: list[str] = []
        unsubscribe = log.subscribe(
            lambda e: seen.append(request_log.access_line(e))
        )

        def broken(entry: request_log.RequestEntry) -> None:
            raise RuntimeError("a broken listener breaks nothing")

        log.subscribe(broken)
        self.entry(log)
        unsubscribe()
        self.entry(log)
        self.assertEqual(
            ["2026-01-01T00:00:00.000000 GET /v2/shares 200 2.99 1.2ms"],
            seen,
        )
        self.assertEqual(2, len(log.entries()))
