"""Fake server share migration under manual progression.

Driver-assisted: migration_starting -> migration_driver_in_progress ->
migration_driver_phase1_done, then complete -> migration_completing ->
migration_success on the destination (new host, instance, export
locations); cancel -> migration_cancelled; host-assisted through the
data copy states; progress (action and GET); validation and gating.
"""

from __future__ import annotations

from typing import Any

from openstack_sfs.tests.unit.fake_server.test_share_actions import (
    EXPERIMENTAL,
    ActionTestCase,
)

DEST = "fakehost@beta"


def start_body(host: Any = DEST, **extra: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "host": host,
        "writable": True,
        "preserve_metadata": True,
        "preserve_snapshots": True,
        "nondisruptive": False,
    }
    params.update(extra)
    return {"migration_start": params}


class MigrationTestCase(ActionTestCase):
    def migrate(self, body: Any = None, **kwargs: Any) -> Any:
        kwargs.setdefault("user", "admin")
        return self.act(body or start_body(), **kwargs)

    def task_state(self) -> Any:
        return self.rec()["task_state"]

    def progress(self, version: str = "2.99") -> Any:
        if version >= "2.98":
            return self.call(
                "GET",
                f"/shares/{self.sid}/migration-progress",
                user="admin",
                version=version,
            )
        headers = EXPERIMENTAL if version < "2.96" else None
        return self.act(
            {"migration_get_progress": None},
            user="admin",
            version=version,
            headers=headers,
        )

    def to_phase1(self) -> None:
        self.ok(self.migrate(), 202)
        self.cloud.bus.advance()
        self.assertEqual("migration_driver_phase1_done", self.task_state())


class TestDriverMigration(MigrationTestCase):
    def test_two_phases(self) -> None:
        old = dict(self.rec())
        self.ok(self.migrate(), 202)
        self.assertEqual("migration_starting", self.task_state())
        self.assertEqual("migrating", self.rec()["status"])
        self.assertEqual(0, self.ok(self.progress())["total_progress"])
        self.cloud.bus.advance(steps=1)  # scheduler
        self.assertEqual("migration_starting", self.task_state())
        self.cloud.bus.advance(steps=1)  # source share manager
        self.assertEqual("migration_driver_in_progress", self.task_state())
        self.cloud.bus.advance(steps=1)  # driver continues
        body = self.ok(self.progress())
        self.assertEqual(
            {
                "total_progress": 50,
                "task_state": "migration_driver_in_progress",
                "details": {},
            },
            body,
        )
        self.cloud.bus.advance(steps=1)
        self.assertEqual("migration_driver_phase1_done", self.task_state())
        self.assertEqual(100, self.ok(self.progress())["total_progress"])
        self.assertEqual("migrating", self.rec()["status"])
        self.ok(self.act({"migration_complete": None}, user="admin"), 202)
        self.cloud.bus.advance(steps=1)
        share = self.rec()
        self.assertEqual("migration_success", share["task_state"])
        self.assertEqual("available", share["status"])
        self.assertTrue(share["host"].startswith(DEST + "#"))
        self.assertNotEqual(old["instance_id"], share["instance_id"])
        self.assertNotEqual(
            [el["path"] for el in old["export_locations"]],
            [el["path"] for el in share["export_locations"]],
        )
        self.assertEqual(
            share["instance_id"],
            share["export_locations"][0]["share_instance_id"],
        )

    def test_cancel(self) -> None:
        self.to_phase1()
        host = self.rec()["host"]
        self.ok(self.act({"migration_cancel": None}, user="admin"), 202)
        self.cloud.bus.advance()
        self.assertEqual("migration_cancelled", self.task_state())
        self.assertEqual("available", self.rec()["status"])
        self.assertEqual(host, self.rec()["host"])
        message = self.fault(
            self.act({"migration_cancel": None}, user="admin"),
            400,
            "badRequest",
        )
        self.assertEqual(
            f"Invalid share: Migration of share {self.sid} was already "
            "cancelled.",
            message,
        )

    def test_complete_too_early(self) -> None:
        self.ok(self.migrate(), 202)
        message = self.fault(
            self.act({"migration_complete": None}, user="admin"),
            400,
            "badRequest",
        )
        self.assertEqual(
            f"Invalid share: First migration phase of share {self.sid} "
            "not completed yet.",
            message,
        )
        message = self.fault(
            self.act({"migration_cancel": None}, user="admin"),
            400,
            "badRequest",
        )
        self.assertIn("cannot be cancelled at this moment", message)

    def test_nothing_to_do(self) -> None:
        host = self.rec()["host"]
        self.ok(self.migrate(start_body(host)), 200)
        self.assertEqual("migration_success", self.task_state())
        self.assertEqual("available", self.rec()["status"])

    def test_driver_failure(self) -> None:
        self.cloud.managers["fakehost@alpha"].backend.failures[
            "migration_start"
        ] = 1
        self.ok(self.migrate(), 202)
        self.cloud.bus.advance()
        self.assertEqual("migration_error", self.task_state())
        self.assertEqual("available", self.rec()["status"])

    def test_no_valid_destination(self) -> None:
        self.ok(self.migrate(start_body("fakehost@gamma")), 202)
        self.cloud.bus.advance()
        self.assertEqual("migration_error", self.task_state())
        self.assertEqual("available", self.rec()["status"])


class TestHostAssisted(MigrationTestCase):
    def test_data_copy(self) -> None:
        body = start_body(
            writable=False,
            preserve_metadata=False,
            preserve_snapshots=False,
            force_host_assisted_migration=True,
        )
        self.ok(self.migrate(body), 202)
        self.cloud.bus.advance(steps=2)
        self.assertEqual("data_copying_in_progress", self.task_state())
        self.cloud.bus.advance()
        self.assertEqual("data_copying_completed", self.task_state())
        self.ok(self.act({"migration_complete": None}, user="admin"), 202)
        self.cloud.bus.advance()
        self.assertEqual("migration_success", self.task_state())

    def test_bad_combination(self) -> None:
        message = self.fault(
            self.migrate(start_body(force_host_assisted_migration=True)),
            400,
            "badRequest",
        )
        self.assertIn("Invalid parameter combination", message)


class TestMigrationValidation(MigrationTestCase):
    def test_schema(self) -> None:
        message = self.fault(
            self.migrate({"migration_start": {"host": DEST}}),
            400,
            "badRequest",
        )
        self.assertIn("'nondisruptive' is a required property", message)
        message = self.fault(
            self.migrate(start_body(writable="maybe")), 400, "badRequest"
        )
        self.assertIn("Invalid input for field/attribute writable", message)
        message = self.fault(
            self.migrate(start_body(host=5)), 400, "badRequest"
        )
        self.assertIn("is not of type 'string'", message)
        self.fault(self.migrate({"migration_start": "x"}), 400, "badRequest")

    def test_preconditions(self) -> None:
        message = self.fault(
            self.migrate(start_body("fakehost@zzz")), 404, "itemNotFound"
        )
        self.assertEqual(
            "ServiceNotFound: Service fakehost@zzz could not be found.",
            message,
        )
        self.cloud.managers[DEST].stop()
        self.cloud.config.service_down_time = -1
        message = self.fault(self.migrate(), 400, "badRequest")
        self.assertEqual(f"Service {DEST} is down.", message)
        self.cloud.managers[DEST].start()
        self.set_status("error")
        message = self.fault(self.migrate(), 400, "badRequest")
        self.assertIn("status must be available", message)
        self.set_status("available")
        self.cloud.store.update("shares", self.sid, has_replicas=True)
        message = self.fault(self.migrate(), 409, "conflictingRequest")
        self.assertIn("has replicas", message)
        self.cloud.store.update("shares", self.sid, has_replicas=False)
        message = self.fault(
            self.migrate(start_body(new_share_type_id="nope")),
            400,
            "badRequest",
        )
        self.assertEqual("Share type nope not found.", message)
        message = self.fault(
            self.migrate(start_body(new_share_network_id="nope")),
            400,
            "badRequest",
        )
        self.assertEqual("Share network nope not found.", message)

    def test_policy_and_versions(self) -> None:
        self.fault(self.migrate(user="demo"), 403, "forbidden")
        self.fault(self.migrate(version="2.95"), 404, "itemNotFound")
        self.ok(self.migrate(version="2.95", headers=EXPERIMENTAL), 202)
        self.fault(
            self.migrate(version="2.28", headers=EXPERIMENTAL),
            404,
            "itemNotFound",
        )
        # the progress action exists until 2.97, the GET from 2.98
        self.ok(self.progress("2.97"))
        self.ok(self.progress("2.95"))
        body = self.ok(self.progress("2.58"))
        self.assertNotIn("details", body)
        self.fault(
            self.act(
                {"migration_get_progress": None}, user="admin", version="2.98"
            ),
            404,
            "itemNotFound",
        )
        self.fault(
            self.call(
                "GET",
                f"/shares/{self.sid}/migration-progress",
                user="admin",
                version="2.97",
            ),
            404,
            "itemNotFound",
        )

    def test_progress_without_migration(self) -> None:
        message = self.fault(self.progress(), 400, "badRequest")
        self.assertEqual(
            f"Invalid share: There is no migration being performed for "
            f"share {self.sid} at this moment.",
            message,
        )
