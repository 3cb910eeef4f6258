"""The pytest plugin, as a user runs it: pytest in a subprocess.

The plugin is found through the ``pytest11`` entry point of the installed
package; the test files carry no conftest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import fixtures
import testtools

ROOT = os.path.dirname(
    os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    )
)
EXAMPLE = os.path.join(
    ROOT, "doc", "source", "examples", "pytest", "test_shares_with_plugin.py"
)


class TestPytestPlugin(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(150, gentle=True))
        self.tmp = self.useFixture(fixtures.TempDir()).path

    def pytest(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-W",
                "ignore::DeprecationWarning",
                *args,
            ],
            cwd=self.tmp,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def write(self, name: str, text: str) -> str:
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(text))
        return path

    def test_documented_example_passes(self) -> None:
        result = self.pytest(EXAMPLE)
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)
        self.assertIn("5 passed", result.stdout)

    def test_a_file_with_only_a_test_using_sfs(self) -> None:
        self.write(
            "test_user.py",
            """
            def test_x(sfs):
                share = sfs.create_share(share_protocol="NFS", size=1)
                sfs.wait_for_status(share, "available", wait=30)
                assert sfs.get_share(share).size == 1
            """,
        )
        result = self.pytest("test_user.py")
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)
        self.assertIn("1 passed", result.stdout)

    def test_options_set_progression_scope_and_config(self) -> None:
        self.write(
            "fake.toml",
            """
            [quotas]
            shares = 2
            """,
        )
        self.write(
            "test_opts.py",
            """
            seen = []

            def test_manual(fake_manila, sfs, admin_sfs):
                seen.append(fake_manila.base_url)
                share = sfs.create_share(share_protocol="NFS", size=1)
                assert sfs.get_share(share).status == "creating"
                quota = admin_sfs.get_quota_set(
                    fake_manila.project_id("demo"))
                assert quota.shares == 2

            def test_fresh_server_each_test(fake_manila):
                seen.append(fake_manila.base_url)
                assert len(set(seen)) == 2
            """,
        )
        result = self.pytest(
            "test_opts.py",
            "--fake-manila-progression=manual",
            "--fake-manila-scope=function",
            "--fake-manila-config=fake.toml",
        )
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)
        self.assertIn("2 passed", result.stdout)

    def test_ini_keys_and_shared_server(self) -> None:
        self.write(
            "pytest.ini",
            """
            [pytest]
            fake_manila_scope = module
            fake_manila_progression = manual
            """,
        )
        self.write(
            "test_ini.py",
            """
            seen = []

            def test_first(fake_manila, sfs):
                seen.append(fake_manila.base_url)
                sfs.create_share(share_protocol="NFS", size=1)
                assert [s.status for s in sfs.shares()] == ["creating"]

            def test_same_server_reset(fake_manila, sfs):
                seen.append(fake_manila.base_url)
                assert len(set(seen)) == 1
                assert list(sfs.shares()) == []
            """,
        )
        result = self.pytest("test_ini.py")
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)
        self.assertIn("2 passed", result.stdout)

    def test_bad_marker_arguments_are_a_usage_error(self) -> None:
        self.write(
            "test_bad.py",
            """
            import pytest

            @pytest.mark.fake_manila(progress="manual")
            def test_typo(fake_manila):
                pass
            """,
        )
        result = self.pytest("test_bad.py")
        self.assertNotEqual(0, result.returncode)
        self.assertIn("progression and config", result.stdout)
