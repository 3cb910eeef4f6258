"""The wheel as users get it: typed, licensed, with its entry points.

A wheel is built from a copy of the sources, installed into a directory,
and mypy checks a small user script against that installation (found on
``PYTHONPATH``, so mypy applies PEP 561: without ``py.typed`` it would
refuse to analyse the packages).
"""

from __future__ import annotations

import email
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import zipfile

import fixtures
import testtools

ROOT = os.path.dirname(
    os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    )
)
SOURCES = (
    "openstack_sfs",
    "fake_server",
    "setup.cfg",
    "pyproject.toml",
    "README.md",
    "LICENSE",
)

USER_SCRIPT = '''
import openstack_sfs
from fake_server import mock_manila
from fake_server.fixture import FakeManila


def make(fake: FakeManila) -> openstack_sfs.Connection:
    conn = fake.connect("demo")
    reveal_type(conn)
    share = conn.shared_file_system.create_share(
        share_protocol="NFS", size=1
    )
    reveal_type(share)
    return conn


def under_mock() -> None:
    with mock_manila() as fake:
        reveal_type(fake)


def wrong(fake: FakeManila) -> str:
    return fake.connect()
'''


def _run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload]
        args,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        **kwargs,
    )


class TestWheel(testtools.TestCase):
    tmp: str
    build: subprocess.CompletedProcess[str]
    wheel: str

    @classmethod
    def setUpClass(cls) -> None:
        cls.tmp = tempfile.mkdtemp(prefix="sfs-wheel-")
        src = os.path.join(cls.tmp, "src")
        os.mkdir(src)
        for name in SOURCES:
            path = os.path.join(ROOT, name)
            if os.path.isdir(path):
                shutil.copytree(
                    path,
                    os.path.join(src, name),
                    ignore=shutil.ignore_patterns("__pycache__", "tests"),
                )
            else:
                shutil.copy(path, src)
        dist = os.path.join(cls.tmp, "dist")
        cls.build = _run(
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            dist,
            src,
        )
        wheels = glob.glob(os.path.join(dist, "*.whl"))
        cls.wheel = wheels[0] if wheels else ""

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(300, gentle=True))
        self.assertTrue(self.wheel, self.build.stdout + self.build.stderr)

    def test_wheel_carries_markers_license_and_entry_points(self) -> None:
        with zipfile.ZipFile(self.wheel) as archive:
            names = archive.namelist()
            meta_name = next(n for n in names if n.endswith("/METADATA"))
            meta = email.message_from_string(archive.read(meta_name).decode())
            entry_name = next(
                n for n in names if n.endswith("/entry_points.txt")
            )
            entry_points = archive.read(entry_name).decode()
        self.assertIn("openstack_sfs/py.typed", names)
        self.assertIn("fake_server/py.typed", names)
        self.assertTrue(any(n.endswith("/licenses/LICENSE") for n in names))
        self.assertEqual("Apache-2.0", meta["License-Expression"])
        classifiers = meta.get_all("Classifier") or []
        self.assertIn("Typing :: Typed", classifiers)
        self.assertIn("Programming Language :: Python :: 3.11", classifiers)
        self.assertEqual(">=3.11", meta["Requires-Python"])
        requires = meta.get_all("Requires-Dist") or []
        self.assertIn("openstacksdk<5,>=4.15.0", requires)
        self.assertTrue(meta.get_all("Project-URL"))
        self.assertIn("fake_manila = fake_server.pytest_plugin", entry_points)
        self.assertIn("fake-manila = fake_server.__main__:main", entry_points)

    def test_mypy_sees_our_types_in_a_user_script(self) -> None:
        site = os.path.join(self.tmp, "site")
        if not os.path.isdir(site):
            installed = _run(
                sys.executable,
                "-m",
                "pip",
                "install",
                "-q",
                "--no-deps",
                "--target",
                site,
                self.wheel,
            )
            self.assertEqual(0, installed.returncode, installed.stderr)
        work = self.useFixture(fixtures.TempDir()).path
        script = os.path.join(work, "user.py")
        with open(script, "w", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(USER_SCRIPT))
        env = dict(os.environ, PYTHONPATH=site)
        result = _run(
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            os.devnull,
            "user.py",
            cwd=work,
            env=env,
        )
        out = result.stdout
        self.assertIn(
            'Revealed type is "openstack_sfs.connection.Connection"', out
        )
        self.assertIn('Revealed type is "openstack_sfs.v2.share.Share"', out)
        self.assertIn('Revealed type is "fake_server.fixture.FakeManila"', out)
        self.assertNotIn("py.typed marker", out)
        # the one mistake in the script is found, and nothing else
        self.assertIn(
            'user.py:23: error: Incompatible return value type (got'
            ' "Connection", expected "str")',
            out,
        )
        self.assertIn("Found 1 error in 1 file", out)
