#!/usr/bin/env python3
"""Run openstacksdk's own shared_file_system functional suite on the fake.

One command, on a clean clone::

    python3 tools/run_openstacksdk_functional.py

It makes (once) a virtualenv with openstacksdk 4.22.0, its test
requirements and this project (``.tox/sdk-functional-venv``), starts
``python -m fake_server`` from it on a free 127.0.0.1 port, writes a
clouds.yaml with the four devstack-style clouds openstacksdk's functional
base class uses
(``devstack``, ``devstack-alt``, ``devstack-admin``,
``devstack-system-admin``), runs
``openstack.tests.functional.shared_file_system`` with stestr, serially as
openstacksdk's own tox env does (a replica test's tearDown deletes every
replica of its user, so parallel tests would fight), and prints
``N passed, N failed, N skipped``. The exit status is 0 only when nothing
failed. Extra arguments go to ``stestr run`` (e.g. a test filter).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SDK_VERSION = "4.22.0"
#: what openstack.tests.base and the functional base import
TEST_REQUIREMENTS = ("fixtures", "oslotest", "testtools", "stestr")
SUITE = "openstack.tests.functional.shared_file_system"
#: bound on waiting for the fake to answer (seconds)
START_TIMEOUT = 60

CLOUDS = """\
clouds:
  devstack:
    auth: &demo
      auth_url: {auth_url}
      username: demo
      password: password
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
  devstack-alt:
    auth:
      auth_url: {auth_url}
      username: alt_demo
      password: password
      project_name: alt_demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
  devstack-admin:
    auth:
      auth_url: {auth_url}
      username: admin
      password: password
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
  devstack-system-admin:
    auth:
      auth_url: {auth_url}
      username: admin
      password: password
      system_scope: all
      user_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
"""


def _venv(path: Path) -> Path:
    """The suite's virtualenv (made and filled on first use, and again
    when the project's dependencies change)."""
    python = path / "bin" / "python"
    setup = (ROOT / "setup.cfg").read_bytes()
    digest = hashlib.sha256(setup).hexdigest()[:12]
    marker = path / f".openstacksdk-{SDK_VERSION}-{digest}"
    if marker.exists():
        return python
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            f"openstacksdk=={SDK_VERSION}",
            *TEST_REQUIREMENTS,
            "-e",
            str(ROOT),
        ],
        check=True,
    )
    marker.touch()
    return python


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("fake_server exited before it answered")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError as exc:
            if getattr(exc, "code", None):  # an HTTP answer: it is up
                return
            time.sleep(0.2)
    raise SystemExit(f"fake_server did not answer at {url}")


def _suite_dir(python: Path) -> Path:
    out = subprocess.run(
        [
            str(python),
            "-c",
            "import os, openstack; print(os.path.dirname(os.path.dirname("
            "openstack.__file__)))",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(out.stdout.strip())


def _count(log: str, name: str) -> int:
    found = re.findall(rf"^ - {name}: (\d+)", log, re.MULTILINE)
    return int(found[-1]) if found else 0


def main(argv: list[str] | None = None) -> int:
    """Set up, run the suite against a fresh fake, print the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--venv",
        default=str(ROOT / ".tox" / "sdk-functional-venv"),
        help="virtualenv for openstacksdk and its test requirements",
    )
    parser.add_argument("stestr_args", nargs="*", help="passed to stestr run")
    args = parser.parse_args(argv)
    python = _venv(Path(args.venv))
    site = _suite_dir(python)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as work:
        clouds = Path(work) / "clouds.yaml"
        clouds.write_text(CLOUDS.format(auth_url=f"{base}/identity/v3"))
        server = subprocess.Popen(
            [
                str(python),
                "-m",
                "fake_server",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_until_up(base + "/", server)
            env = dict(
                os.environ,
                OS_CLIENT_CONFIG_FILE=str(clouds),
                OS_CLOUD="devstack-admin",
                OPENSTACKSDK_FUNC_TEST_TIMEOUT="120",
                OS_TEST_TIMEOUT="600",
            )
            for key in ("OS_AUTH_URL", "OS_USERNAME", "OS_PASSWORD"):
                env.pop(key, None)
            suite = site / Path(*SUITE.split("."))
            run = subprocess.run(
                [
                    str(python),
                    "-m",
                    "stestr",
                    "--test-path",
                    str(suite),
                    "--top-dir",
                    str(site),
                    "run",
                    "--serial",
                    *args.stestr_args,
                ],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
            )
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=20)
    log = run.stdout + run.stderr
    sys.stdout.write(log)
    passed = _count(log, "Passed")
    failed = _count(log, "Failed")
    skipped = _count(log, "Skipped")
    if run.returncode != 0 and failed == 0:
        failed = 1  # stestr failed outside the tests (import, discovery)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
