"""The fake loses nothing and cannot be knocked over (in-process part).

State written through to SQLite, refused state files, configuration and
control input checked, stopped share services, and a fuzz pass of a few
thousand malformed requests over every route that must leave the cloud as
it was. The parts that need a real socket or a process to kill are in
``openstack_sfs/tests/functional/test_reliability.py``.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import tempfile
from typing import Any

import falcon.testing

from fake_server import config, control, errors, microversion
from fake_server.app import build_app
from fake_server.cloud import Cloud
from fake_server.persistence import StateFileError
from fake_server.routes import ROUTES
from openstack_sfs.tests import base as tests_base
from openstack_sfs.tests.unit.fake_server import test_robustness
from openstack_sfs.tests.unit.fake_server.test_core import password_body

ALPHA = "fakehost@alpha"
BETA = "fakehost@beta"


class CloudCase(tests_base.TestCase):
    """A manual-progression cloud driven through its WSGI app."""

    def setUp(self) -> None:
        super().setUp()
        self.dir = self.useFixture_tempdir()

    def useFixture_tempdir(self) -> str:
        path = tempfile.mkdtemp(prefix="fake-manila-test-")
        self.addCleanup(_rmtree, path)
        return path

    def cloud(self, **server: Any) -> Cloud:
        settings = {"progression": "manual", **server}
        cloud = Cloud(config.from_dict({"server": settings}))
        self.addCleanup(cloud.close)
        return cloud

    def client(self, cloud: Cloud) -> falcon.testing.TestClient:
        return falcon.testing.TestClient(build_app(cloud))

    def token(self, client: falcon.testing.TestClient, user: str) -> str:
        result = client.simulate_post(
            "/identity/v3/auth/tokens", json=password_body(user)
        )
        return str(result.headers["X-Subject-Token"])

    def api(
        self,
        client: falcon.testing.TestClient,
        token: str,
        method: str,
        path: str,
        body: Any = None,
    ) -> Any:
        result = client.simulate_request(
            method,
            "/v2" + path,
            headers={
                "X-Auth-Token": token,
                microversion.HEADER: "2.87",
            },
            json=body,
        )
        self.assertLess(result.status_code, 300, result.text)
        return result.json if result.content else None


def _tables(cloud: Cloud) -> dict[str, list[dict[str, Any]]]:
    """The store's tables that hold records."""
    return {name: rows for name, rows in cloud.store.dump().items() if rows}


def _rmtree(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


class TestStateFile(CloudCase):
    def state(self) -> str:
        return os.path.join(self.dir, "cloud.db")

    def populate(self, cloud: Cloud) -> dict[str, str]:
        """One of the resources whose records change in place."""
        client = self.client(cloud)
        demo = self.token(client, "demo")
        share = self.api(
            client,
            demo,
            "POST",
            "/shares",
            {"share": {"share_proto": "NFS", "size": 1, "name": "kept"}},
        )["share"]
        cloud.bus.advance()
        rule = self.api(
            client,
            demo,
            "POST",
            f"/shares/{share['id']}/action",
            {"allow_access": {"access_type": "ip", "access_to": "10.1.1.1"}},
        )["access"]
        snapshot = self.api(
            client,
            demo,
            "POST",
            "/snapshots",
            {"snapshot": {"share_id": share["id"]}},
        )["snapshot"]
        self.api(
            client,
            demo,
            "POST",
            "/security-services",
            {"security_service": {"type": "ldap", "password": "hush"}},
        )
        admin = self.token(client, "admin")
        location = self.api(
            client, admin, "GET", f"/shares/{share['id']}/export_locations"
        )["export_locations"][0]
        self.api(
            client,
            admin,
            "PUT",
            f"/shares/{share['id']}/export_locations/{location['id']}"
            "/metadata",
            {"metadata": {"speed": "fast"}},
        )
        return {
            "share": share["id"],
            "rule": rule["id"],
            "snapshot": snapshot["id"],
        }

    def test_disk_holds_what_memory_holds_after_each_request(self) -> None:
        cloud = self.cloud(state_file=self.state())
        self.populate(cloud)
        assert cloud.persistence is not None
        on_disk = cloud.persistence.load()
        in_memory = _tables(cloud)
        self.assertEqual(set(in_memory), set(on_disk))
        for table, rows in in_memory.items():
            self.assertEqual(rows, on_disk[table], table)

    def test_a_crash_loses_nothing_and_queued_work_resumes(self) -> None:
        path = self.state()
        cloud = Cloud(
            config.from_dict(
                {"server": {"progression": "manual", "state_file": path}}
            )
        )
        ids = self.populate(cloud)
        before = _tables(cloud)
        self.assertGreater(cloud.bus.pending(), 0)
        # a crash: no close, no last flush (the connection just goes)
        cloud.bus.stop()
        assert cloud.persistence is not None
        cloud.persistence.db.close()
        again = self.cloud(state_file=path)
        self.assertEqual(before, _tables(again))
        rules = again.store.select("access_rules")
        self.assertEqual(["queued_to_apply"], [r["state"] for r in rules])
        self.assertEqual(
            "creating", again.store.get("snapshots", ids["snapshot"])["status"]
        )
        again.bus.advance()
        self.assertEqual(
            "available",
            again.store.get("snapshots", ids["snapshot"])["status"],
        )
        self.assertEqual(
            ["active"],
            [r["state"] for r in again.store.select("access_rules")],
        )

    def test_ensure_runs_on_start_only_when_backend_info_changed(
        self,
    ) -> None:
        path = self.state()
        first = self.cloud(state_file=path)
        share_id = self.populate(first)["share"]
        first.bus.advance()
        first.close()
        same = self.cloud(state_file=path)
        same.bus.advance()
        self.assertEqual(
            [], [n for n in same.notifications if "ensure" in n["event_type"]]
        )
        share = same.store.get("shares", share_id)
        host = share["host"].partition("#")[0]
        same.close()
        backends = config.default_backends()
        for backend in backends:
            if f"fakehost@{backend.name}" == host:
                backend.export_address = "10.9.9.9"
        changed_config = config.from_dict(
            {"server": {"progression": "manual", "state_file": path}}
        )
        changed_config.backends = backends
        changed = Cloud(changed_config)
        self.addCleanup(changed.close)
        changed.bus.advance()
        ensured = [
            n["payload"]["host"]
            for n in changed.notifications
            if n["event_type"] == "share.ensure_shares.start"
        ]
        self.assertEqual([host], ensured)
        # the preferred location moved to the new address (the dummy
        # driver's admin-only and second ones keep theirs)
        preferred = [
            el["path"]
            for el in changed.store.get("shares", share_id)["export_locations"]
            if el["preferred"]
        ]
        self.assertEqual(1, len(preferred))
        self.assertTrue(preferred[0].startswith("10.9.9.9:/"), preferred)

    def test_unusable_files_are_refused_and_left_alone(self) -> None:
        other = os.path.join(self.dir, "other.db")
        db = sqlite3.connect(other)
        db.execute("CREATE TABLE t (x)")
        db.commit()
        db.close()
        cases = {
            "json.db": (b'{"shares": []}', "not an SQLite database"),
            "junk.db": (os.urandom(4096), "not an SQLite database"),
            "other.db": (None, "another application"),
        }
        for name, (content, problem) in cases.items():
            path = os.path.join(self.dir, name)
            if content is not None:
                with open(path, "wb") as handle:
                    handle.write(content)
            with open(path, "rb") as handle:
                before = handle.read()
            error = self.assertRaises(
                StateFileError,
                Cloud,
                config.from_dict({"server": {"state_file": path}}),
            )
            self.assertIn(path, str(error))
            self.assertIn(problem, str(error))
            self.assertNotIn("\n", str(error))
            with open(path, "rb") as handle:
                self.assertEqual(before, handle.read(), name)

    def test_newer_schema_and_a_second_server_are_refused(self) -> None:
        path = self.state()
        first = self.cloud(state_file=path)
        error = self.assertRaises(
            StateFileError,
            Cloud,
            config.from_dict({"server": {"state_file": path}}),
        )
        self.assertIn("in use", str(error))
        first.close()
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 99")
        db.commit()
        db.close()
        error = self.assertRaises(
            StateFileError,
            Cloud,
            config.from_dict({"server": {"state_file": path}}),
        )
        self.assertIn("schema version 99", str(error))

    def test_reset_is_written_through(self) -> None:
        path = self.state()
        cloud = self.cloud(state_file=path)
        self.populate(cloud)
        control.handle(cloud, "POST", "/reset", b"", {})
        cloud.flush()
        cloud.close()
        again = self.cloud(state_file=path)
        self.assertEqual([], again.store.select("shares"))
        self.assertEqual(0, again.bus.pending() - 3)  # the ensure casts

    def test_held_storage_survives_a_restart(self) -> None:
        # what a backend holds unmanaged is a table of the store, and a
        # snapshot taken before the restart is still the backend's
        path = self.state()
        cloud = self.cloud(state_file=path)
        ids = self.populate(cloud)
        cloud.bus.advance()
        planted = {"export_path": "10.0.0.10:/shares/old", "size": 2}
        status, _ = control.handle(
            cloud,
            "POST",
            "/backends/alpha/storage",
            json.dumps(planted).encode(),
            {},
        )
        self.assertEqual(200, status)
        cloud.flush()
        cloud.close()
        again = self.cloud(state_file=path)
        again.bus.advance()
        status, body = control.handle(
            again, "GET", "/backends/alpha/storage", b"", {}
        )
        self.assertEqual({"storage": [dict(planted, kind="share")]}, body)
        client = self.client(again)
        admin = self.token(client, "admin")
        self.api(
            client,
            admin,
            "POST",
            f"/snapshots/{ids['snapshot']}/action",
            {"unmanage": None},
        )
        again.bus.advance()
        host = again.store.get("shares", ids["share"])["host"]
        manager = again.manager(host)
        assert manager is not None
        held = manager.driver.private_data.held()
        self.assertIn("snapshot", [record["kind"] for record in held])

    def test_no_state_file_means_no_sqlite(self) -> None:
        cloud = self.cloud()
        self.assertIsNone(cloud.persistence)
        self.assertIsNone(cloud.store._sink)
        self.assertIsNone(cloud.store._dirty)


class TestWriteThroughCoversEveryResource(test_robustness.TestRobustness):
    """One of each resource, made with a state file: what is on disk is
    what is in memory (no change made in place escapes the write)."""

    # the robustness tests themselves run once, in their own module
    test_every_route_survives_garbage = None
    test_every_route_parameter_has_a_real_id = None

    def server(self) -> dict[str, Any]:
        """Manual progression, with a state file."""
        self.state_dir = tempfile.mkdtemp(prefix="fake-manila-test-")
        self.addCleanup(_rmtree, self.state_dir)
        return {
            "progression": "manual",
            "state_file": os.path.join(self.state_dir, "cloud.db"),
        }

    def test_disk_equals_memory_for_every_resource(self) -> None:
        self.cloud.bus.advance()
        self.cloud.flush()
        assert self.cloud.persistence is not None
        on_disk = self.cloud.persistence.load()
        in_memory = _tables(self.cloud)
        self.assertGreater(len(in_memory), 20)
        self.assertEqual(sorted(in_memory), sorted(on_disk))
        for table, rows in in_memory.items():
            self.assertEqual(rows, on_disk[table], table)


class TestConfigChecks(tests_base.TestCase):
    def test_every_wrong_key_and_type_has_its_message(self) -> None:
        error = self.assertRaises(
            config.ConfigError,
            config.from_dict,
            {
                "server": {"threads": "many", "colour": "red"},
                "quotas": {"shares": "many", "gigabytes": -5, "bogus": 1},
                "backends": [
                    {"name": "a", "pools": [{"name": "p", "total": 1}]}
                ],
                "extra": {},
            },
        )
        self.assertEqual(
            [
                "extra: unknown table",
                "server.threads: expected an integer, got 'many'",
                "server.colour: unknown setting",
                "quotas.shares: expected an integer from -1 (unlimited) to "
                "2147483647, got 'many'",
                "quotas.gigabytes: expected an integer from -1 (unlimited) "
                "to 2147483647, got -5",
                "quotas.bogus: unknown quota",
                "backends[0].pools[0].total: unknown setting",
            ],
            error.problems,
        )

    def test_load_names_the_file(self) -> None:
        handle = tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False)
        self.addCleanup(os.unlink, handle.name)
        handle.write('[quotas]\nshares = "many"\n')
        handle.close()
        error = self.assertRaises(config.ConfigError, config.load, handle.name)
        self.assertEqual(
            [
                f"{handle.name}: quotas.shares: expected an integer from -1 "
                "(unlimited) to 2147483647, got 'many'"
            ],
            error.problems,
        )


class TestControlChecks(tests_base.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.cloud = Cloud(
            config.from_dict({"server": {"progression": "manual"}})
        )
        self.addCleanup(self.cloud.close)

    def refused(self, method: str, path: str, body: Any) -> str:
        error = self.assertRaises(
            errors.BadRequest,
            control.handle,
            self.cloud,
            method,
            path,
            body if isinstance(body, bytes) else json.dumps(body).encode(),
            {},
        )
        return error.message

    def test_wrong_types_are_400_naming_the_key(self) -> None:
        cases = [
            ("POST", "/advance", {"steps": "x"}, "steps must be an integer"),
            ("POST", "/advance", {"steps": -1}, "steps must be an integer"),
            ("POST", "/advance", {"seconds": "x"}, "seconds must be a"),
            ("POST", "/advance", {"colour": 1}, "Unknown setting colour"),
            ("POST", "/wait", {"timeout": []}, "timeout must be a number"),
            ("PUT", "/config", {"max_share_size_gb": 0}, "max_share_size_gb"),
            ("PUT", "/config", {"progression": 1}, "progression must be"),
            (
                "PATCH",
                "/backends/alpha",
                {"delays": {"create_share": "slow"}},
                "delays.create_share",
            ),
            (
                "PATCH",
                "/backends/alpha",
                {"failures": {"create_share": 1.5}},
                "failures.create_share",
            ),
            ("POST", "/advance", b'{"seconds": Infinity}', "seconds must be"),
            ("POST", "/wait", b'{"timeout": NaN}', "timeout must be"),
            ("POST", "/advance", b"[" * 100 + b"]" * 100, "Malformed"),
        ]
        for method, path, body, message in cases:
            self.assertIn(message, self.refused(method, path, body), str(body))

    def test_a_refused_config_change_changes_nothing(self) -> None:
        before = control.handle(self.cloud, "GET", "/config", b"", {})
        self.refused(
            "PUT",
            "/config",
            {"service_down_time": 5, "update_shares_status_on_ensure": 1},
        )
        self.assertEqual(
            before, control.handle(self.cloud, "GET", "/config", b"", {})
        )

    def test_state_redacts_secrets(self) -> None:
        self.cloud.store.insert(
            "security_services",
            {"name": "ldap", "password": "hush", "user": "u"},
        )
        _, state = control.handle(self.cloud, "GET", "/state", b"", {})
        (record,) = state["security_services"]
        self.assertEqual("***", record["password"])
        self.assertEqual("u", record["user"])
        self.assertNotIn("hush", json.dumps(state))


class TestStoppedService(CloudCase):
    def test_work_waits_for_a_stopped_service_and_runs_on_start(
        self,
    ) -> None:
        cloud = self.cloud()
        client = self.client(cloud)
        demo = self.token(client, "demo")
        cloud.managers[ALPHA].stop()
        cloud.managers[BETA].stop()
        share = self.api(
            client,
            demo,
            "POST",
            "/shares",
            {"share": {"share_proto": "NFS", "size": 1}},
        )["share"]
        cloud.bus.advance()
        record = cloud.store.get("shares", share["id"])
        # scheduled (both services still count as up), cast, not created
        self.assertEqual("creating", record["status"])
        self.assertEqual(1, cloud.bus.pending())
        self.assertEqual([], record["export_locations"])
        cloud.managers[ALPHA].start()
        cloud.managers[BETA].start()
        cloud.bus.advance()
        self.assertEqual(
            "available", cloud.store.get("shares", share["id"])["status"]
        )
        self.assertEqual(0, cloud.bus.pending())

    def test_pools_of_down_services_leave_scheduler_stats(self) -> None:
        cloud = self.cloud()
        client = self.client(cloud)
        admin = self.token(client, "admin")

        def backends() -> set[str]:
            pools = self.api(client, admin, "GET", "/scheduler-stats/pools")
            return {p["backend"] for p in pools["pools"]}

        self.assertEqual({"alpha", "beta", "gamma"}, backends())
        cloud.managers[ALPHA].stop()
        self.assertEqual({"alpha", "beta", "gamma"}, backends())  # still up
        cloud.config.service_down_time = -1
        self.assertEqual({"beta", "gamma"}, backends())
        cloud.managers[ALPHA].start()
        self.assertEqual({"alpha", "beta", "gamma"}, backends())


# -- fuzz ---------------------------------------------------------------------

#: bodies no route may accept: each is refused before anything changes
#: (the numbers parse, as in Manila, and fail the field they are in)
POISON: tuple[bytes, ...] = (
    b"[" * 3000 + b"]" * 3000,
    b'{"a":' * 200 + b"1" + b"}" * 200,
    b'{"x": NaN}',
    b'{"x": Infinity}',
    b'{"x": -Infinity}',
    b'{"x": 1e999}',
    b'{"x": ' + b"9" * 5000 + b"}",
    b'{"x": "\xff\xfe"}',
    b'{"x": 1',
    b"\x00\x01\x02",
)
#: microversion headers no route may accept
BAD_VERSIONS = ("2." + "9" * 4000, "9" * 4000 + ".0", "2.5.5", "latest", "")


class TestFuzz(CloudCase):
    """A few thousand generated requests, zero 5xx, the cloud unchanged."""

    def test_every_route_refuses_poison_and_the_cloud_is_unchanged(
        self,
    ) -> None:
        cloud = self.cloud()
        client = self.client(cloud)
        tokens = {u: self.token(client, u) for u in ("admin", "demo")}
        share = self.api(
            client,
            tokens["demo"],
            "POST",
            "/shares",
            {"share": {"share_proto": "NFS", "size": 1}},
        )["share"]
        cloud.bus.advance()
        before = _tables(cloud)
        rng = random.Random(11)
        count = 0

        def check(result: Any, what: str) -> None:
            self.assertLess(result.status_code, 500, what)
            self.assertGreaterEqual(result.status_code, 400, what)

        paths = sorted({r.template for r in ROUTES})
        for route in ROUTES:
            path = "/v2" + route.template
            for name in ("share_id", "snapshot_id", "type_id", "project_id"):
                path = path.replace("{" + name + "}", share["id"])
            path = path.replace("{", "").replace("}", "")
            user = rng.choice(("admin", "demo"))
            bodies = POISON if route.method in ("POST", "PUT") else (b"",)
            for body in bodies:
                headers = {
                    "X-Auth-Token": tokens[user],
                    microversion.HEADER: "2.99",
                    microversion.EXPERIMENTAL_HEADER: "True",
                    "Content-Type": "application/json",
                }
                if not body:
                    headers[microversion.HEADER] = rng.choice(BAD_VERSIONS)
                result = client.simulate_request(
                    route.method, path, headers=headers, body=body
                )
                check(result, f"{route.method} {path} {body[:40]!r}")
                count += 1
            # the same path with an absurd version header
            result = client.simulate_request(
                route.method,
                path,
                headers={
                    "X-Auth-Token": tokens[user],
                    microversion.HEADER: rng.choice(BAD_VERSIONS),
                },
            )
            check(result, f"{route.method} {path} bad version")
            count += 1
        for body in POISON:
            for path in ("/identity/v3/auth/tokens", "/identity/v3/projects"):
                result = client.simulate_post(path, body=body)
                check(result, f"POST {path} {body[:40]!r}")
                self.assertIn("error", result.json)
                count += 1
            for path in ("advance", "wait", "config", "backends/alpha"):
                for token in (cloud.control_token, None):
                    result = client.simulate_request(
                        "PUT" if path == "config" else "POST",
                        "/_fake/" + path,
                        body=body,
                        headers={"X-Auth-Token": token} if token else {},
                    )
                    check(result, f"/_fake/{path} {body[:40]!r}")
                    count += 1
        for body in POISON:
            for method, path in (
                ("PUT", "/_fake/reset"),
                ("POST", "/_fake/reset"),
            ):
                result = client.simulate_request(
                    method,
                    path,
                    body=body,
                    headers={"X-Auth-Token": tokens["demo"]},
                )
                check(result, f"{method} {path} as demo")
                count += 1
        self.assertGreater(count, 2000)
        self.assertGreater(len(paths), 100)
        cloud.bus.advance()
        self.assertEqual(before, _tables(cloud))
