"""Snapshot instances (admin, 2.19) and their export locations (2.32)."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_snapshot_instance as ssi

INSTANCE_ID = "5d9b2fd7-6b67-4bf5-8a4e-5d1e9f6b1c01"
SNAPSHOT_ID = "a1c6b8d4-0d2e-4a3b-9a61-9b7f0b6fd001"
EL_ID = "c0ffee00-0000-4000-8000-000000000001"
DETAIL: dict[str, Any] = {
    "id": INSTANCE_ID,
    "snapshot_id": SNAPSHOT_ID,
    "status": "available",
    "share_id": "s1",
    "share_instance_id": "si1",
    "progress": "100%",
    "provider_location": "/snapshots/x",
    "created_at": "2026-11-22T10:00:00.000000",
    "updated_at": None,
}


class TestResource(base.TestCase):
    def test_resource(self) -> None:
        cls = ssi.ShareSnapshotInstance
        self.assertEqual("/snapshot-instances", cls.base_path)
        self.assertEqual(
            {"snapshot_id": "snapshot_id"}, cls._query_mapping._mapping
        )
        self.assertTrue(cls.allow_list)
        self.assertTrue(cls.allow_fetch)
        self.assertFalse(cls.allow_create or cls.allow_delete)
        self.assertEqual("2.32", cls._max_microversion)
        obj = cls.existing(**DETAIL)
        self.assertEqual(
            ("si1", "100%", "/snapshots/x"),
            (obj.share_instance_id, obj.progress, obj.provider_location),
        )


class TestProxy(base.TestCase):
    def test_list_detail_with_filter(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/snapshot-instances/detail",
            json={"snapshot_instances": [DETAIL]},
        )
        found = list(
            self.proxy.share_snapshot_instances(snapshot_id=SNAPSHOT_ID)
        )
        self.assert_request(
            "GET",
            "/snapshot-instances/detail",
            microversion="2.32",
            query={"snapshot_id": [SNAPSHOT_ID]},
        )
        self.assertEqual([INSTANCE_ID], [i.id for i in found])

    def test_list_summary(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/snapshot-instances",
            json={
                "snapshot_instances": [
                    {
                        "id": INSTANCE_ID,
                        "snapshot_id": SNAPSHOT_ID,
                        "status": "available",
                    }
                ]
            },
        )
        found = list(self.proxy.share_snapshot_instances(details=False))
        self.assert_request("GET", "/snapshot-instances", microversion="2.32")
        self.assertEqual("available", found[0].status)

    def test_get(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + f"/snapshot-instances/{INSTANCE_ID}",
            json={"snapshot_instance": DETAIL},
        )
        got = self.proxy.get_share_snapshot_instance(INSTANCE_ID)
        self.assert_request(
            "GET", f"/snapshot-instances/{INSTANCE_ID}", microversion="2.32"
        )
        self.assertEqual(SNAPSHOT_ID, got.snapshot_id)

    def test_reset_status(self) -> None:
        url = f"/snapshot-instances/{INSTANCE_ID}/action"
        self.requests_mock.post(base.MANILA_URL + url, status_code=202)
        self.proxy.reset_share_snapshot_instance_status(INSTANCE_ID, "error")
        self.assert_request(
            "POST",
            url,
            microversion="2.32",
            json_body={"reset_status": {"status": "error"}},
        )

    def test_reset_status_forbidden_carries_message(self) -> None:
        url = f"/snapshot-instances/{INSTANCE_ID}/action"
        self.requests_mock.post(
            base.MANILA_URL + url,
            status_code=403,
            json={
                "forbidden": {
                    "code": 403,
                    "message": "Access was denied to this resource.",
                }
            },
        )
        error = self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.reset_share_snapshot_instance_status,
            INSTANCE_ID,
            "error",
        )
        self.assertIn("Access was denied to this resource.", str(error))

    def test_export_locations(self) -> None:
        path = f"/snapshot-instances/{INSTANCE_ID}/export-locations"
        self.requests_mock.get(
            base.MANILA_URL + path,
            json={
                "share_snapshot_export_locations": [
                    {
                        "id": EL_ID,
                        "path": "10.0.0.10:/snap",
                        "is_admin_only": False,
                    }
                ]
            },
        )
        self.requests_mock.get(
            base.MANILA_URL + f"{path}/{EL_ID}",
            json={
                "share_snapshot_export_location": {
                    "id": EL_ID,
                    "path": "10.0.0.10:/snap",
                    "share_snapshot_instance_id": INSTANCE_ID,
                }
            },
        )
        listed = list(
            self.proxy.share_snapshot_instance_export_locations(INSTANCE_ID)
        )
        self.assert_request("GET", path, microversion="2.32")
        self.assertEqual(["10.0.0.10:/snap"], [el.path for el in listed])
        one = self.proxy.get_share_snapshot_instance_export_location(
            EL_ID, INSTANCE_ID
        )
        self.assert_request("GET", f"{path}/{EL_ID}", microversion="2.32")
        self.assertEqual(INSTANCE_ID, one.share_snapshot_instance_id)

    def test_not_supported_below_2_19(self) -> None:
        self.set_server_max("2.18")
        error = self.assertRaises(
            exceptions.NotSupported,
            lambda: list(self.proxy.share_snapshot_instances()),
        )
        self.assertIn("2.19", str(error))
        self.assertEqual([], self.api_requests())

    def test_export_locations_need_2_32(self) -> None:
        self.set_server_max("2.31")
        error = self.assertRaises(
            exceptions.NotSupported,
            lambda: list(
                self.proxy.share_snapshot_instance_export_locations(
                    INSTANCE_ID
                )
            ),
        )
        self.assertIn("2.32", str(error))
