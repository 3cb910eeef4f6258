"""Tests of snapshot access rules and snapshot export locations (2.32)."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_snapshot
from openstack_sfs.v2 import share_snapshot_access_rule as ssar

SNAP_ID = "8a1c2b3d-0000-4000-8000-000000000001"
RULE_ID = "1f2e3d4c-0000-4000-8000-000000000003"
EL_ID = "9e8d7c6b-0000-4000-8000-000000000004"
ACTION = "/snapshots/" + SNAP_ID + "/action"
ACCESS_LIST = "/snapshots/" + SNAP_ID + "/access-list"
ELS = "/snapshots/" + SNAP_ID + "/export-locations"

RULE: dict[str, Any] = {
    "id": RULE_ID,
    "access_type": "ip",
    "access_to": "10.0.0.0/24",
    "state": "queued_to_apply",
}
EL: dict[str, Any] = {
    "id": EL_ID,
    "path": "10.0.0.10:/snapshots/snap-1",
    "links": [],
    "share_snapshot_instance_id": "inst-1",
    "is_admin_only": False,
    "created_at": "2025-01-02T03:04:05.000000",
    "updated_at": "2025-01-02T03:04:06.000000",
}


class TestResources(base.TestCase):
    def test_access_rule_basics(self) -> None:
        cls = ssar.ShareSnapshotAccessRule
        self.assertEqual("snapshot_access", cls.resource_key)
        self.assertEqual("snapshot_access_list", cls.resources_key)
        self.assertEqual(
            "/snapshots/%(snapshot_id)s/access-list", cls.base_path
        )
        self.assertEqual("2.38", cls._max_microversion)
        self.assertEqual({}, cls._query_mapping._mapping)
        self.assertFalse(cls.allow_create)
        self.assertFalse(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertFalse(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)
        rule = cls(snapshot_id=SNAP_ID, **RULE)
        self.assertEqual(RULE_ID, rule.id)
        self.assertEqual("ip", rule.access_type)
        self.assertEqual("10.0.0.0/24", rule.access_to)
        self.assertEqual("queued_to_apply", rule.state)
        self.assertEqual(SNAP_ID, rule.snapshot_id)

    def test_export_location_basics(self) -> None:
        cls = ssar.ShareSnapshotExportLocation
        self.assertEqual("share_snapshot_export_location", cls.resource_key)
        self.assertEqual("share_snapshot_export_locations", cls.resources_key)
        self.assertEqual(
            "/snapshots/%(snapshot_id)s/export-locations", cls.base_path
        )
        self.assertEqual("2.32", cls._max_microversion)
        self.assertEqual({}, cls._query_mapping._mapping)
        self.assertFalse(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertFalse(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)
        el = cls(snapshot_id=SNAP_ID, **EL)
        self.assertEqual(EL["path"], el.path)
        self.assertEqual("inst-1", el.share_snapshot_instance_id)
        self.assertIs(False, el.is_admin_only)
        self.assertEqual(EL["created_at"], el.created_at)
        self.assertEqual(EL["updated_at"], el.updated_at)


class TestProxy(base.TestCase):
    def test_list_access_rules(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + ACCESS_LIST,
            json={"snapshot_access_list": [RULE]},
        )
        rules = list(self.proxy.share_snapshot_access_rules(SNAP_ID))
        self.assert_request("GET", ACCESS_LIST, microversion="2.38")
        self.assertEqual([RULE_ID], [r.id for r in rules])
        self.assertEqual("10.0.0.0/24", rules[0].access_to)

    def test_list_access_rules_of_snapshot_object(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + ACCESS_LIST, json={"snapshot_access_list": []}
        )
        snap = share_snapshot.ShareSnapshot(id=SNAP_ID)
        self.assertEqual(
            [], list(self.proxy.share_snapshot_access_rules(snap))
        )
        self.assert_request("GET", ACCESS_LIST, microversion="2.38")

    def test_create_access_rule(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=202,
            json={"snapshot_access": RULE},
        )
        rule = self.proxy.create_share_snapshot_access_rule(
            SNAP_ID, "ip", "10.0.0.0/24"
        )
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.38",
            json_body={
                "allow_access": {
                    "access_type": "ip",
                    "access_to": "10.0.0.0/24",
                }
            },
        )
        self.assertEqual(RULE_ID, rule.id)
        self.assertEqual("queued_to_apply", rule.state)
        self.assertEqual(SNAP_ID, rule.snapshot_id)

    def test_create_access_rule_not_mountable(self) -> None:
        message = (
            f"Cannot control access to the snapshot {SNAP_ID} since the "
            "parent share x does not support mounting its snapshots."
        )
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=400,
            json={"badRequest": {"code": 400, "message": message}},
        )
        exc = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.create_share_snapshot_access_rule,
            SNAP_ID,
            "ip",
            "10.0.0.1",
        )
        self.assertIn(message, str(exc))

    def test_delete_access_rule(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.delete_share_snapshot_access_rule(SNAP_ID, RULE_ID)
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.38",
            json_body={"deny_access": {"access_id": RULE_ID}},
        )

    def test_delete_access_rule_not_found(self) -> None:
        message = f"Snapshot access rule {RULE_ID} could not be found."
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=404,
            json={"itemNotFound": {"code": 404, "message": message}},
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_snapshot_access_rule,
            SNAP_ID,
            RULE_ID,
        )
        self.assertIn(message, str(exc))

    def test_access_rules_need_2_32(self) -> None:
        self.set_server_max("2.31")
        for call, args in (
            (self.proxy.share_snapshot_access_rules, (SNAP_ID,)),
            (
                self.proxy.create_share_snapshot_access_rule,
                (SNAP_ID, "ip", "10.0.0.1"),
            ),
            (self.proxy.delete_share_snapshot_access_rule, (SNAP_ID, "r")),
            (self.proxy.share_snapshot_export_locations, (SNAP_ID,)),
            (self.proxy.get_share_snapshot_export_location, ("e", SNAP_ID)),
        ):
            exc = self.assertRaises(exceptions.NotSupported, call, *args)
            self.assertIn("2.32", str(exc))
        self.assertEqual([], self.api_requests())

    def test_access_rule_negotiates_below_2_38(self) -> None:
        self.set_server_max("2.33")
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=202,
            json={"snapshot_access": RULE},
        )
        self.proxy.create_share_snapshot_access_rule(SNAP_ID, "ip", "10.0.0.1")
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.33",
            json_body={
                "allow_access": {"access_type": "ip", "access_to": "10.0.0.1"}
            },
        )

    def test_list_export_locations(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + ELS,
            json={"share_snapshot_export_locations": [EL]},
        )
        els = list(self.proxy.share_snapshot_export_locations(SNAP_ID))
        self.assert_request("GET", ELS, microversion="2.32")
        self.assertEqual([EL["path"]], [e.path for e in els])

    def test_get_export_location(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + ELS + "/" + EL_ID,
            json={"share_snapshot_export_location": EL},
        )
        el = self.proxy.get_share_snapshot_export_location(EL_ID, SNAP_ID)
        self.assert_request("GET", ELS + "/" + EL_ID, microversion="2.32")
        self.assertEqual(EL_ID, el.id)
        self.assertEqual(EL["updated_at"], el.updated_at)

    def test_get_export_location_snapshot_missing(self) -> None:
        message = f"Snapshot '{SNAP_ID}' not found."
        self.requests_mock.get(
            base.MANILA_URL + ELS + "/" + EL_ID,
            status_code=404,
            json={"itemNotFound": {"code": 404, "message": message}},
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_snapshot_export_location,
            EL_ID,
            SNAP_ID,
        )
        self.assertIn(message, str(exc))
