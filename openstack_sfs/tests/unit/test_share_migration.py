"""Tests of ShareMigration and the share migration calls of the proxy:
experimental header below 2.96, the progress action up to 2.97 and the
GET from 2.98, version gates and errors."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_migration

SHARE_ID = "5c9e1a2b-0000-4000-8000-000000000002"
NET_ID = "6d7e8f90-0000-4000-8000-000000000004"
TYPE_ID = "1a2b3c4d-0000-4000-8000-000000000005"
ACTION = "/shares/" + SHARE_ID + "/action"
PROGRESS = "/shares/" + SHARE_ID + "/migration-progress"
HOST = "fakehost@beta#fast"


def start_body(**extra: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "host": HOST,
        "force_host_assisted_migration": False,
        "preserve_metadata": True,
        "writable": True,
        "nondisruptive": False,
        "preserve_snapshots": True,
    }
    params.update(extra)
    return {"migration_start": params}


def fault(name: str, code: int, message: str) -> dict[str, Any]:
    """A Manila fault body."""
    return {name: {"code": code, "message": message}}


class TestShareMigrationResource(base.TestCase):
    def test_basics(self) -> None:
        cls = share_migration.ShareMigration
        self.assertEqual("/shares", cls.base_path)
        self.assertEqual("2.98", cls._max_microversion)
        for flag in (
            "allow_create",
            "allow_fetch",
            "allow_commit",
            "allow_delete",
            "allow_list",
            "allow_head",
        ):
            self.assertFalse(getattr(cls, flag), flag)
        res = cls(
            id=SHARE_ID,
            total_progress=50,
            task_state="migration_driver_in_progress",
            details={"x": 1},
        )
        self.assertEqual(50, res.total_progress)
        self.assertEqual("migration_driver_in_progress", res.task_state)
        self.assertEqual({"x": 1}, res.details)


class TestMigrationCalls(base.TestCase):
    def test_start(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.assertTrue(
            self.proxy.start_share_migration(
                SHARE_ID,
                HOST,
                new_share_network=NET_ID,
                new_share_type=TYPE_ID,
            )
        )
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.98",
            json_body=start_body(
                new_share_network_id=NET_ID, new_share_type_id=TYPE_ID
            ),
        )

    def test_start_nothing_to_do(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=200)
        self.assertFalse(self.proxy.start_share_migration(SHARE_ID, HOST))

    def test_start_experimental(self) -> None:
        self.set_server_max("2.95")
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.start_share_migration(
            SHARE_ID,
            HOST,
            force_host_assisted_migration=True,
            preserve_metadata=False,
            writable=False,
            preserve_snapshots=False,
        )
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.95",
            experimental=True,
            json_body=start_body(
                force_host_assisted_migration=True,
                preserve_metadata=False,
                writable=False,
                preserve_snapshots=False,
            ),
        )

    def test_start_not_supported(self) -> None:
        self.set_server_max("2.28")
        error = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.start_share_migration,
            SHARE_ID,
            HOST,
        )
        self.assertIn("2.29", str(error))
        self.assertEqual([], self.api_requests())

    def test_start_errors(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=409,
            json=fault(
                "conflictingRequest",
                409,
                f"Share {SHARE_ID} has replicas. Remove the "
                "replicas before attempting to migrate the share.",
            ),
        )
        error = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.start_share_migration,
            SHARE_ID,
            HOST,
        )
        self.assertIn("has replicas", str(error))

    def test_complete_and_cancel(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.complete_share_migration(SHARE_ID)
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.98",
            json_body={"migration_complete": None},
        )
        self.proxy.cancel_share_migration(SHARE_ID)
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.98",
            json_body={"migration_cancel": None},
        )

    def test_complete_experimental_and_gate(self) -> None:
        self.set_server_max("2.22")
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.complete_share_migration(SHARE_ID)
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.22",
            experimental=True,
            json_body={"migration_complete": None},
        )

    def test_cancel_not_supported(self) -> None:
        self.set_server_max("2.21")
        error = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.cancel_share_migration,
            SHARE_ID,
        )
        self.assertIn("2.22", str(error))

    def test_complete_bad_request(self) -> None:
        message = (
            f"Invalid share: First migration phase of share "
            f"{SHARE_ID} not completed yet.."
        )
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=400,
            json=fault("badRequest", 400, message),
        )
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.complete_share_migration,
            SHARE_ID,
        )
        self.assertIn("not completed yet", str(error))

    def test_progress_get(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + PROGRESS,
            json={
                "total_progress": 50,
                "details": {},
                "task_state": "migration_driver_in_progress",
            },
        )
        res = self.proxy.get_share_migration_progress(SHARE_ID)
        self.assertEqual(50, res.total_progress)
        self.assertEqual("migration_driver_in_progress", res.task_state)
        self.assert_request("GET", PROGRESS, microversion="2.98")

    def test_progress_action_297(self) -> None:
        self.set_server_max("2.97")
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            json={
                "total_progress": 100,
                "details": {},
                "task_state": "migration_driver_phase1_done",
            },
        )
        res = self.proxy.get_share_migration_progress(SHARE_ID)
        self.assertEqual(100, res.total_progress)
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.97",
            json_body={"migration_get_progress": None},
        )

    def test_progress_action_experimental(self) -> None:
        self.set_server_max("2.58")
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            json={"total_progress": 0, "task_state": "migration_starting"},
        )
        res = self.proxy.get_share_migration_progress(SHARE_ID)
        self.assertEqual(0, res.total_progress)
        self.assertIsNone(res.details)
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.58",
            experimental=True,
            json_body={"migration_get_progress": None},
        )

    def test_progress_error(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + PROGRESS,
            status_code=400,
            json=fault(
                "badRequest",
                400,
                "Invalid share: There is no "
                "migration being performed for share x at this "
                "moment..",
            ),
        )
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.get_share_migration_progress,
            SHARE_ID,
        )
        self.assertIn("no migration being performed", str(error))
