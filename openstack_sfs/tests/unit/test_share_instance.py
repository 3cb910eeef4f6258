"""Unit tests for openstack_sfs.v2.share_instance and its proxy calls."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_instance as _si

SHARE_ID = "011d21e2-fbc3-4e4a-9993-9ea223f73264"
INST_ID = "e1c2d35e-fe67-4028-ad7a-45f668732b1d"
EL_ID = "b6bd76ce-12a2-42a9-a30a-8a43b503867d"
INST_URL = base.MANILA_URL + "/share_instances"

INSTANCE: dict[str, Any] = {
    "id": INST_ID,
    "share_id": SHARE_ID,
    "access_rules_status": "active",
    "availability_zone": "nova",
    "cast_rules_to_readonly": False,
    "created_at": "2024-02-01T10:00:00.000000",
    "host": "fakehost@alpha#pool1",
    "progress": "100%",
    "replica_state": None,
    "share_network_id": None,
    "share_server_id": None,
    "share_type_id": "0f3f9c0e-3a4f-4d2c-9a55-0f2d2c8a0d11",
    "status": "available",
    "updated_at": "2024-02-01T10:01:00.000000",
}

EL: dict[str, Any] = {
    "id": EL_ID,
    "path": "10.0.0.10:/shares/share-1",
    "preferred": True,
    "share_instance_id": INST_ID,
    "is_admin_only": False,
}

NOT_FOUND = {
    "itemNotFound": {"code": 404, "message": "Instance could not be found."}
}


class TestShareInstanceResource(base.TestCase):
    def test_basic(self) -> None:
        sot = _si.ShareInstance()
        self.assertEqual("share_instance", sot.resource_key)
        self.assertEqual("share_instances", sot.resources_key)
        self.assertEqual("/share_instances", sot.base_path)
        self.assertFalse(sot.allow_create)
        self.assertTrue(sot.allow_fetch)
        self.assertFalse(sot.allow_commit)
        self.assertFalse(sot.allow_delete)
        self.assertTrue(sot.allow_list)
        self.assertFalse(sot.allow_head)
        self.assertEqual("2.71", sot._max_microversion)
        self.assertEqual(
            {
                "export_location_id": "export_location_id",
                "export_location_path": "export_location_path",
                "host": "host",
                "is_soft_deleted": "is_soft_deleted",
                "status": "status",
            },
            sot._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        sot = _si.ShareInstance(**INSTANCE)
        self.assertEqual(INST_ID, sot.id)
        self.assertEqual(SHARE_ID, sot.share_id)
        self.assertEqual("active", sot.access_rules_status)
        self.assertEqual("nova", sot.availability_zone)
        self.assertFalse(sot.cast_rules_to_readonly)
        self.assertEqual("fakehost@alpha#pool1", sot.host)
        self.assertEqual("100%", sot.progress)
        self.assertEqual(INSTANCE["share_type_id"], sot.share_type_id)
        self.assertEqual("available", sot.status)
        self.assertEqual(INSTANCE["updated_at"], sot.updated_at)

    def test_export_location_resource(self) -> None:
        sot = _si.ShareInstanceExportLocation(**EL)
        self.assertEqual(
            "/share_instances/%(share_instance_id)s/export_locations",
            sot.base_path,
        )
        self.assertEqual("export_location", sot.resource_key)
        self.assertEqual("export_locations", sot.resources_key)
        self.assertTrue(sot.allow_list)
        self.assertTrue(sot.allow_fetch)
        self.assertFalse(sot.allow_create)
        self.assertFalse(sot.allow_commit)
        self.assertFalse(sot.allow_delete)
        self.assertFalse(sot.allow_head)
        self.assertEqual("2.87", sot._max_microversion)
        self.assertEqual(EL["path"], sot.path)
        self.assertTrue(sot.is_preferred)
        self.assertFalse(sot.is_admin)
        self.assertEqual(INST_ID, sot.share_instance_id)


class TestShareInstanceProxy(base.TestCase):
    ACTION = INST_URL + f"/{INST_ID}/action"
    APATH = f"/share_instances/{INST_ID}/action"

    def test_share_instances(self) -> None:
        self.requests_mock.get(INST_URL, json={"share_instances": [INSTANCE]})
        insts = list(self.proxy.share_instances(export_location_path="p"))
        self.assertEqual([INST_ID], [i.id for i in insts])
        self.assert_request(
            "GET",
            "/share_instances",
            microversion="2.71",
            query={"export_location_path": ["p"]},
        )

    def test_share_instances_of_share(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + f"/shares/{SHARE_ID}/instances",
            json={"share_instances": [INSTANCE]},
        )
        insts = list(self.proxy.share_instances(share=SHARE_ID))
        self.assertEqual(INST_ID, insts[0].id)
        self.assert_request(
            "GET", f"/shares/{SHARE_ID}/instances", microversion="2.71"
        )

    def test_share_instances_need_2_3(self) -> None:
        self.set_server_max("2.2")
        exc = self.assertRaises(
            exceptions.NotSupported, self.proxy.share_instances
        )
        self.assertIn("2.3", str(exc))

    def test_share_instances_forbidden(self) -> None:
        self.requests_mock.get(
            INST_URL,
            status_code=403,
            json={
                "forbidden": {
                    "code": 403,
                    "message": "Access was denied to this resource.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.ForbiddenException,
            list,
            self.proxy.share_instances(),
        )
        self.assertIn("Access was denied", str(exc))

    def test_get_share_instance(self) -> None:
        self.requests_mock.get(
            INST_URL + "/" + INST_ID, json={"share_instance": INSTANCE}
        )
        inst = self.proxy.get_share_instance(INST_ID)
        self.assertEqual("available", inst.status)
        self.assert_request(
            "GET", "/share_instances/" + INST_ID, microversion="2.71"
        )

    def test_get_share_instance_not_found(self) -> None:
        self.requests_mock.get(
            INST_URL + "/" + INST_ID, status_code=404, json=NOT_FOUND
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_instance,
            INST_ID,
        )
        self.assertIn("Instance could not be found.", str(exc))

    def test_reset_share_instance_status(self) -> None:
        self.requests_mock.post(self.ACTION, status_code=202)
        self.proxy.reset_share_instance_status(INST_ID, "error")
        self.assert_request(
            "POST",
            self.APATH,
            microversion="2.71",
            json_body={"reset_status": {"status": "error"}},
        )

    def test_reset_needs_2_7(self) -> None:
        self.set_server_max("2.6")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.reset_share_instance_status,
            INST_ID,
            "error",
        )
        self.assertRaises(
            exceptions.NotSupported, self.proxy.delete_share_instance, INST_ID
        )

    def test_delete_share_instance(self) -> None:
        self.requests_mock.post(self.ACTION, status_code=202)
        self.proxy.delete_share_instance(INST_ID)
        self.assert_request(
            "POST",
            self.APATH,
            microversion="2.71",
            json_body={"force_delete": None},
        )

    def test_delete_share_instance_missing(self) -> None:
        self.requests_mock.post(self.ACTION, status_code=404, json=NOT_FOUND)
        self.proxy.delete_share_instance(INST_ID)
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_instance,
            INST_ID,
            ignore_missing=False,
        )

    def test_share_instance_export_locations(self) -> None:
        self.requests_mock.get(
            INST_URL + f"/{INST_ID}/export_locations",
            json={"export_locations": [EL]},
        )
        els = list(self.proxy.share_instance_export_locations(INST_ID))
        self.assertEqual([EL_ID], [e.id for e in els])
        self.assert_request(
            "GET",
            f"/share_instances/{INST_ID}/export_locations",
            microversion="2.87",
        )

    def test_get_share_instance_export_location(self) -> None:
        self.requests_mock.get(
            INST_URL + f"/{INST_ID}/export_locations/{EL_ID}",
            json={"export_location": EL},
        )
        el = self.proxy.get_share_instance_export_location(EL_ID, INST_ID)
        self.assertEqual(EL["path"], el.path)
        self.assert_request(
            "GET",
            f"/share_instances/{INST_ID}/export_locations/{EL_ID}",
            microversion="2.87",
        )

    def test_instance_export_locations_need_2_9(self) -> None:
        self.set_server_max("2.8")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.share_instance_export_locations,
            INST_ID,
        )
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.get_share_instance_export_location,
            EL_ID,
            INST_ID,
        )

    def test_instance_export_location_not_found(self) -> None:
        self.requests_mock.get(
            INST_URL + f"/{INST_ID}/export_locations/{EL_ID}",
            status_code=404,
            json={"itemNotFound": {"code": 404, "message": "EL not found."}},
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_instance_export_location,
            EL_ID,
            INST_ID,
        )
        self.assertIn("EL not found.", str(exc))
