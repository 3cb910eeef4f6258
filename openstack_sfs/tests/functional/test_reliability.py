"""The fake over real sockets and processes: guards, limits, kills.

The control plane's credential and the Host and Origin checks, Manila's
413 before the body is read, clients that hold connections open, waits
that must not take the API's threads, concurrent clients with the
invariants checked afterwards, and ``kill -9`` of a persisting server at
random moments during writes. Every loop is bounded; nothing asserts a
duration.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import io
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from typing import Any

import fixtures
import requests
import testtools

from fake_server import __main__ as fake_main
from fake_server.fixture import ControlError, FakeManila
from openstack_sfs.tests.unit.fake_server.test_core import password_body

VERSION = {"X-OpenStack-Manila-API-Version": "2.87"}


def _token(base_url: str, user: str) -> str:
    answer = requests.post(
        f"{base_url}/identity/v3/auth/tokens",
        json=password_body(user),
        timeout=30,
    )
    answer.raise_for_status()
    return str(answer.headers["X-Subject-Token"])


def _raw_http(port: int, request: bytes, read: bool = True) -> bytes:
    """Send raw bytes; return what the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        if not read:
            return b""
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and _complete(b"".join(chunks)):
                break
        return b"".join(chunks)


def _complete(data: bytes) -> bool:
    head, _, body = data.partition(b"\r\n\r\n")
    found = re.search(rb"(?i)content-length:\s*(\d+)", head)
    return found is not None and len(body) >= int(found.group(1))


class ReliabilityCase(testtools.TestCase):
    fake_config: dict[str, Any] | None = None

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(120, gentle=True))
        self.fake = self.useFixture(FakeManila(self.fake_config))
        self.base = self.fake.base_url
        self.port = self.fake.server.port if self.fake.server else 0


class TestControlPlaneGuard(ReliabilityCase):
    def test_control_needs_admin_or_the_control_token(self) -> None:
        url = f"{self.base}/_fake/config"
        self.assertEqual(401, requests.get(url, timeout=30).status_code)
        bad = requests.get(url, headers={"X-Auth-Token": "nope"}, timeout=30)
        self.assertEqual(401, bad.status_code)
        self.assertIn("control token", bad.json()["unauthorized"]["message"])
        demo = _token(self.base, "demo")
        member = requests.get(url, headers={"X-Auth-Token": demo}, timeout=30)
        self.assertEqual(403, member.status_code)
        admin = _token(self.base, "admin")
        for token in (admin, self.fake.control_token):
            answer = requests.get(
                url, headers={"X-Auth-Token": token}, timeout=30
            )
            self.assertEqual(200, answer.status_code)
        # a cross-site form POST (no custom header possible) resets nothing
        self.fake.control("PUT", "config", {"service_down_time": 7})
        answer = requests.post(
            f"{self.base}/_fake/reset",
            data="{}",
            headers={"Content-Type": "text/plain"},
            timeout=30,
        )
        self.assertEqual(401, answer.status_code)
        self.assertEqual(
            7, self.fake.control("GET", "config")["service_down_time"]
        )

    def test_foreign_host_and_cross_site_origin_are_refused_everywhere(
        self,
    ) -> None:
        token = _token(self.base, "demo")
        routes: tuple[tuple[str, dict[str, str], str | None], ...] = (
            ("/v2/shares", {"X-Auth-Token": token, **VERSION}, "forbidden"),
            ("/identity/v3", {}, "error"),
            ("/_fake/config", {"X-Auth-Token": self.fake.control_token}, None),
            ("/", {}, None),
        )
        refusals = (
            {"Host": f"evil.example:{self.port}"},
            {"Host": "127.0.0.1:1"},
            {"Origin": "http://evil.example"},
            {"Origin": "null"},
            {"Origin": f"http://127.0.0.1:{self.port}.evil.example"},
        )
        for path, headers, envelope in routes:
            for refusal in refusals:
                answer = requests.get(
                    self.base + path,
                    headers={**headers, **refusal},
                    timeout=30,
                )
                self.assertEqual(403, answer.status_code, f"{path} {refusal}")
                if envelope:
                    self.assertIn(envelope, answer.json())
            for allowed in (
                {"Host": f"localhost:{self.port}"},
                {"Origin": f"http://127.0.0.1:{self.port}"},
                {"Origin": f"http://localhost:{self.port}"},
            ):
                answer = requests.get(
                    self.base + path,
                    headers={**headers, **allowed},
                    timeout=30,
                )
                self.assertLess(answer.status_code, 400, f"{path} {allowed}")

    def test_control_errors_carry_the_server_message(self) -> None:
        error = self.assertRaises(
            ControlError, self.fake.control, "POST", "advance", {"steps": "x"}
        )
        self.assertEqual(400, error.status_code)
        self.assertEqual(
            "steps must be an integer (0 or more).", error.message
        )
        self.assertIn("steps must be an integer", str(error))
        self.assertIsInstance(error, requests.HTTPError)

    def test_state_redacts_security_service_passwords(self) -> None:
        sfs = self.fake.connect("demo").shared_file_system
        service = sfs.create_security_service(
            type="ldap", name="ldap", password="hush-hush", user="bob"
        )
        self.assertEqual("hush-hush", service.password)  # as Manila shows
        state = self.fake.control("GET", "state")
        (record,) = state["security_services"]
        self.assertEqual("***", record["password"])
        self.assertEqual("bob", record["user"])
        self.assertNotIn("hush-hush", json.dumps(state))
        # nor the key that signs Keystone's tokens
        (key,) = state["keystone_token_keys"]
        self.assertEqual("***", key["signing_key"])


class TestLimits(ReliabilityCase):
    fake_config = {"server": {"connection_limit": 12, "threads": 4}}

    def test_oversized_body_is_413_before_it_is_read(self) -> None:
        # headers announce 50 MB; only a few bytes follow: the answer
        # comes without the server waiting for the rest
        request = (
            "POST /v2/shares HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{self.port}\r\n"
            "Accept: application/json\r\n"
            "Content-Type: application/json\r\n"
            "Content-Length: 50000000\r\n\r\n{"
        ).encode()
        answer = _raw_http(self.port, request)
        head, _, body = answer.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"HTTP/1.1 413"), head)
        self.assertEqual(
            {
                "message": "Request is too large. Larger than "
                "max_request_body_size (%s).<br /><br />\n\n\n",
                "code": "413 Request Entity Too Large",
                "title": "Request Entity Too Large",
            },
            json.loads(body),
        )

    def test_limit_applies_to_every_route_and_chunked_bodies(self) -> None:
        big = b"x" * 114689
        for path in ("/v2/shares", "/identity/v3/auth/tokens", "/_fake/wait"):
            answer = requests.post(self.base + path, data=big, timeout=30)
            self.assertEqual(413, answer.status_code, path)
        chunked = requests.post(
            self.base + "/identity/v3/auth/tokens",
            data=iter([b"x" * 65536, b"x" * 65536]),
            headers={"Accept": "text/plain"},
            timeout=30,
        )
        self.assertEqual(413, chunked.status_code)
        self.assertIn("Larger than 114688.", chunked.text)
        # at the limit the body is read (and found malformed)
        at_limit = requests.post(
            self.base + "/identity/v3/auth/tokens",
            data=b" " * 114687 + b"[",
            timeout=30,
        )
        self.assertEqual(400, at_limit.status_code)

    def test_idle_and_half_sent_connections_do_not_lock_clients_out(
        self,
    ) -> None:
        held: list[socket.socket] = []
        for number in range(30):  # more than the connection limit
            sock = socket.create_connection(("127.0.0.1", self.port), 30)
            if number % 2:  # half-sent: headers that never end
                sock.sendall(b"GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            held.append(sock)
            self.addCleanup(sock.close)
        # a well-behaved client still gets its answers
        for _ in range(3):
            answer = requests.get(
                self.base + "/", timeout=30, headers={"Connection": "close"}
            )
            self.assertEqual(300, answer.status_code)

    def test_waits_never_take_the_threads_api_calls_need(self) -> None:
        for backend in ("alpha", "beta"):
            self.fake.control(
                "PATCH",
                f"backends/{backend}",
                {"delays": {"create_share": 60}},
            )
        conn = self.fake.connect("demo")
        self.addCleanup(conn.close)
        # a create that stays queued for a minute keeps the bus busy
        conn.shared_file_system.create_share(size=1, share_protocol="NFS")
        started = threading.Event()
        finished: list[bool] = []

        def wait() -> None:
            started.set()
            finished.append(
                self.fake.control("POST", "wait", {"timeout": 5})["idle"]
            )

        pool = concurrent.futures.ThreadPoolExecutor(8)
        self.addCleanup(pool.shutdown)
        futures = [pool.submit(wait) for _ in range(8)]
        started.wait(30)
        token = _token(self.base, "demo")
        for _ in range(5):
            answer = requests.get(
                self.base + "/v2/shares",
                headers={"X-Auth-Token": token, **VERSION},
                timeout=30,
            )
            self.assertEqual(200, answer.status_code)
        for future in futures:
            future.result(timeout=60)
        self.assertEqual([False] * 8, finished)
        self.fake.reset()


class TestConcurrentClients(ReliabilityCase):
    fake_config = {"quotas": {"shares": 200, "gigabytes": 2000}}

    def test_no_lost_or_duplicated_records_and_usage_matches(self) -> None:
        project = self.fake.project_id("demo")
        kept: list[str] = []
        lock = threading.Lock()

        def client(number: int) -> None:
            conn = self.fake.connect("demo")
            sfs = conn.shared_file_system
            try:
                mine = []
                for index in range(6):
                    share = sfs.create_share(
                        size=1 + index % 2,
                        share_protocol="NFS",
                        name=f"c{number}-{index}",
                    )
                    mine.append(share)
                for share in mine:
                    sfs.wait_for_status(
                        share, "available", failures=["error"], wait=60
                    )
                for share in mine[::2]:
                    sfs.delete_share(share)
                    sfs.wait_for_delete(share, wait=60)
                with lock:
                    kept.extend(s.id for s in mine[1::2])
            finally:
                conn.close()

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            for future in [pool.submit(client, n) for n in range(8)]:
                future.result(timeout=120)
        self.assertTrue(self.fake.wait_idle(30))
        admin = self.fake.connect("admin")
        self.addCleanup(admin.close)
        listed = [
            s.id for s in admin.shared_file_system.shares(all_projects=True)
        ]
        self.assertEqual(len(listed), len(set(listed)))
        self.assertEqual(sorted(kept), sorted(listed))
        usage = admin.shared_file_system.request(
            f"/quota-sets/{project}/detail",
            "GET",
            microversion="2.87",
        ).json()["quota_set"]
        self.assertEqual(len(kept), usage["shares"]["in_use"])
        self.assertEqual(2 * len(kept), usage["gigabytes"]["in_use"])


class TestCommandLine(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(60, gentle=True))
        self.dir = self.useFixture(fixtures.TempDir()).path

    def run_main(self, *argv: str) -> tuple[int, str]:
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            error = self.assertRaises(SystemExit, fake_main.main, list(argv))
        return int(error.code or 0), stderr.getvalue()

    def test_bad_config_is_one_line_per_problem(self) -> None:
        path = os.path.join(self.dir, "cloud.toml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(
                '[server]\nthreads = "x"\n[quotas]\nshares = "many"\n'
            )
        code, err = self.run_main("--config", path, "--port", "0")
        self.assertEqual(2, code)
        self.assertEqual(
            [
                f"fake-manila: error: {path}: server.threads: expected an "
                "integer, got 'x'",
                f"fake-manila: error: {path}: quotas.shares: expected an "
                "integer from -1 (unlimited) to 2147483647, got 'many'",
            ],
            err.splitlines(),
        )

    def test_unreadable_state_file_is_one_line_and_untouched(self) -> None:
        path = os.path.join(self.dir, "state.json")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write('{"shares": [')  # a torn JSON dump
        code, err = self.run_main("--state-file", path, "--port", "0")
        self.assertEqual(2, code)
        self.assertEqual(
            [
                f"fake-manila: error: state file {path}: not an SQLite "
                "database (not a fake-manila state file)"
            ],
            err.splitlines(),
        )
        with open(path, encoding="utf-8") as handle:
            self.assertEqual('{"shares": [', handle.read())

    def test_remote_listening_needs_the_flag(self) -> None:
        code, err = self.run_main("--host", "0.0.0.0", "--port", "0")
        self.assertEqual(2, code)
        self.assertIn("--allow-remote", err)
        self.assertEqual(1, len(err.splitlines()))


def _start(path: str, *extra: str) -> tuple[subprocess.Popen[str], str, str]:
    """A persisting server process; its base URL and control token."""
    process = subprocess.Popen(
        [sys.executable, "-m", "fake_server", "--port", "0"]
        + ["--state-file", path, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    base = token = ""
    assert process.stdout is not None
    for _ in range(50):
        line = process.stdout.readline()
        if not line:
            break
        found = re.search(r"serving on (http://\S+)", line)
        if found:
            base = found.group(1)
        found = re.search(r"control token:\s+(\S+)", line)
        if found:
            token = found.group(1)
            break
    if not base or not token:
        process.kill()
        process.wait(30)
        raise AssertionError(f"server did not start: rc {process.poll()}")
    return process, base, token


class TestKillNine(testtools.TestCase):
    """``kill -9`` during writes: nothing acknowledged is lost."""

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(120, gentle=True))
        self.dir = tempfile.mkdtemp(prefix="fake-manila-kill-")
        self.addCleanup(subprocess.run, ["rm", "-rf", self.dir], check=False)

    def test_acknowledged_changes_survive_kill_at_random_moments(
        self,
    ) -> None:
        path = os.path.join(self.dir, "cloud.db")
        rng = random.Random(7)
        acked: dict[str, str] = {}  # share id -> its acknowledged name
        unsure: set[str] = set()  # a rename or create the kill cut off
        cut_creates = 0
        for _round in range(3):
            process, base, _ = _start(path)
            self.addCleanup(process.kill)
            session = requests.Session()
            self.addCleanup(session.close)
            token = _token(base, "demo")
            headers = {"X-Auth-Token": token, **VERSION}
            shares = {
                s["id"]: s
                for s in session.get(
                    base + "/v2/shares/detail", headers=headers, timeout=30
                ).json()["shares"]
            }
            for share_id, name in acked.items():
                self.assertIn(share_id, shares)
                if share_id not in unsure:
                    self.assertEqual(name, shares[share_id]["name"])
            # a create cut off may or may not have been applied
            unknown = set(shares) - set(acked) - unsure
            self.assertLessEqual(len(unknown), cut_creates)
            unsure |= unknown
            cut_creates = 0
            timer = threading.Timer(
                rng.uniform(0.05, 0.5), os.kill, (process.pid, signal.SIGKILL)
            )
            timer.start()
            self.addCleanup(timer.cancel)
            creating = False
            for number in range(200):  # bounded; the kill ends it sooner
                try:
                    if acked and number % 3 == 2:
                        share_id = rng.choice(sorted(acked))
                        name = f"renamed-{_round}-{number}"
                        unsure.add(share_id)
                        answer = session.put(
                            f"{base}/v2/shares/{share_id}",
                            json={"share": {"display_name": name}},
                            headers=headers,
                            timeout=30,
                        )
                        self.assertEqual(200, answer.status_code)
                        acked[share_id] = name
                        unsure.discard(share_id)
                    else:
                        creating = True
                        answer = session.post(
                            base + "/v2/shares",
                            json={"share": {"share_proto": "NFS", "size": 1}},
                            headers=headers,
                            timeout=30,
                        )
                        creating = False
                        if answer.status_code == 413:  # quota
                            break
                        self.assertEqual(200, answer.status_code)
                        share = answer.json()["share"]
                        acked[share["id"]] = share["name"]
                except (
                    requests.ConnectionError,
                    requests.exceptions.ChunkedEncodingError,
                ):
                    # killed before or while answering: not acknowledged
                    cut_creates += creating
                    break
            process.wait(30)
        process, base, control_token = _start(path)
        self.addCleanup(process.kill)
        state = requests.get(
            base + "/_fake/state",
            headers={"X-Auth-Token": control_token},
            timeout=30,
        ).json()
        self.assertTrue(set(acked) <= {s["id"] for s in state["shares"]})
        # SIGTERM: a clean stop (exit 0) that folds the WAL into the file
        process.send_signal(signal.SIGTERM)
        self.assertEqual(0, process.wait(30))
        self.assertFalse(
            os.path.exists(path + "-wal") and os.path.getsize(path + "-wal")
        )
