"""Unit tests for openstack_sfs.v2.share_export_location and its proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_export_location as _el

SHARE_ID = "011d21e2-fbc3-4e4a-9993-9ea223f73264"
EL_ID = "b6bd76ce-12a2-42a9-a30a-8a43b503867d"
EL_URL = base.MANILA_URL + f"/shares/{SHARE_ID}/export_locations"
EL_PATH = f"/shares/{SHARE_ID}/export_locations"

EL: dict[str, Any] = {
    "id": EL_ID,
    "path": "10.0.0.10:/shares/share-1",
    "preferred": True,
    "metadata": {"speed": "fast"},
    "share_instance_id": "e1c2d35e-fe67-4028-ad7a-45f668732b1d",
    "is_admin_only": False,
    "created_at": "2024-02-01T10:00:00.000000",
    "updated_at": "2024-02-01T10:01:00.000000",
}


class TestShareExportLocationResource(base.TestCase):
    def test_basic(self) -> None:
        sot = _el.ShareExportLocation()
        self.assertEqual("export_location", sot.resource_key)
        self.assertEqual("export_locations", sot.resources_key)
        self.assertEqual(
            "/shares/%(share_id)s/export_locations", sot.base_path
        )
        self.assertFalse(sot.allow_create)
        self.assertTrue(sot.allow_fetch)
        self.assertFalse(sot.allow_commit)
        self.assertFalse(sot.allow_delete)
        self.assertTrue(sot.allow_list)
        self.assertFalse(sot.allow_head)
        self.assertEqual("2.87", sot._max_microversion)
        self.assertEqual("2.87", sot._metadata_min_microversion)

    def test_make_it(self) -> None:
        sot = _el.ShareExportLocation(share_id=SHARE_ID, **EL)
        self.assertEqual(EL_ID, sot.id)
        self.assertEqual(SHARE_ID, sot.share_id)
        self.assertEqual("10.0.0.10:/shares/share-1", sot.path)
        self.assertTrue(sot.is_preferred)
        self.assertFalse(sot.is_admin)
        self.assertEqual({"speed": "fast"}, sot.metadata)
        self.assertEqual(EL["share_instance_id"], sot.share_instance_id)
        self.assertEqual(EL["created_at"], sot.created_at)
        self.assertEqual(EL["updated_at"], sot.updated_at)


class TestExportLocationProxy(base.TestCase):
    def test_export_locations(self) -> None:
        self.requests_mock.get(EL_URL, json={"export_locations": [EL]})
        els = list(self.proxy.export_locations(SHARE_ID))
        self.assertEqual([EL_ID], [e.id for e in els])
        self.assertEqual(SHARE_ID, els[0].share_id)
        self.assert_request("GET", EL_PATH, microversion="2.87")

    def test_export_locations_need_2_9(self) -> None:
        self.set_server_max("2.8")
        exc = self.assertRaises(
            exceptions.NotSupported, self.proxy.export_locations, SHARE_ID
        )
        self.assertIn("2.9", str(exc))

    def test_export_locations_share_missing(self) -> None:
        self.requests_mock.get(
            EL_URL,
            status_code=404,
            json={
                "itemNotFound": {
                    "code": 404,
                    "message": f"Share {SHARE_ID} could not be found.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            list,
            self.proxy.export_locations(SHARE_ID),
        )
        self.assertIn("could not be found", str(exc))

    def test_get_export_location(self) -> None:
        self.requests_mock.get(
            EL_URL + "/" + EL_ID, json={"export_location": EL}
        )
        el = self.proxy.get_export_location(EL_ID, SHARE_ID)
        self.assertEqual("10.0.0.10:/shares/share-1", el.path)
        self.assert_request("GET", EL_PATH + "/" + EL_ID, microversion="2.87")

    def test_get_export_location_negotiates(self) -> None:
        self.set_server_max("2.47")
        self.requests_mock.get(
            EL_URL + "/" + EL_ID, json={"export_location": EL}
        )
        self.proxy.get_export_location(EL_ID, SHARE_ID)
        self.assert_request("GET", EL_PATH + "/" + EL_ID, microversion="2.47")

    def test_get_export_location_forbidden(self) -> None:
        self.requests_mock.get(
            EL_URL + "/" + EL_ID,
            status_code=403,
            json={"forbidden": {"code": 403, "message": "Admin only."}},
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.get_export_location,
            EL_ID,
            SHARE_ID,
        )


class TestExportLocationMetadataProxy(base.TestCase):
    MURL = EL_URL + f"/{EL_ID}/metadata"
    MPATH = EL_PATH + f"/{EL_ID}/metadata"

    def test_fetch_metadata(self) -> None:
        self.requests_mock.get(self.MURL, json={"metadata": {"a": "1"}})
        el = self.proxy.fetch_export_location_metadata(EL_ID, SHARE_ID)
        self.assertEqual({"a": "1"}, el.metadata)
        self.assert_request("GET", self.MPATH, microversion="2.87")

    def test_fetch_metadata_manila_bug_raises(self) -> None:
        self.requests_mock.get(
            self.MURL,
            status_code=400,
            json={
                "badRequest": {
                    "code": 400,
                    "message": "'meta' is a required property",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.fetch_export_location_metadata,
            EL_ID,
            SHARE_ID,
        )
        self.assertIn("'meta' is a required property", str(exc))

    def test_fetch_metadata_item(self) -> None:
        self.requests_mock.get(self.MURL + "/a", json={"meta": {"a": "1"}})
        el = self.proxy.fetch_export_location_metadata_item(
            EL_ID, SHARE_ID, "a"
        )
        self.assertEqual("1", el.metadata["a"])
        self.assert_request("GET", self.MPATH + "/a", microversion="2.87")

    def test_set_metadata(self) -> None:
        self.requests_mock.post(self.MURL, json={"metadata": {"a": "1"}})
        el = self.proxy.set_export_location_metadata(EL_ID, SHARE_ID, a="1")
        self.assertEqual({"a": "1"}, el.metadata)
        self.assert_request(
            "POST",
            self.MPATH,
            microversion="2.87",
            json_body={"metadata": {"a": "1"}},
        )

    def test_replace_metadata(self) -> None:
        self.requests_mock.put(self.MURL, json={"metadata": {"b": "2"}})
        self.proxy.set_export_location_metadata(
            EL_ID, SHARE_ID, replace=True, b="2"
        )
        self.assert_request(
            "PUT",
            self.MPATH,
            microversion="2.87",
            json_body={"metadata": {"b": "2"}},
        )

    def test_delete_metadata(self) -> None:
        self.requests_mock.delete(self.MURL + "/a", status_code=200)
        self.proxy.delete_export_location_metadata(EL_ID, SHARE_ID, ["a"])
        self.assert_request("DELETE", self.MPATH + "/a", microversion="2.87")

    def test_delete_metadata_missing(self) -> None:
        self.requests_mock.delete(
            self.MURL + "/a",
            status_code=404,
            json={"itemNotFound": {"code": 404, "message": "a not found"}},
        )
        self.proxy.delete_export_location_metadata(EL_ID, SHARE_ID, ["a"])
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_export_location_metadata,
            EL_ID,
            SHARE_ID,
            ["a"],
            ignore_missing=False,
        )

    def test_metadata_needs_2_87(self) -> None:
        self.set_server_max("2.86")
        for call in (
            lambda: self.proxy.fetch_export_location_metadata(EL_ID, SHARE_ID),
            lambda: self.proxy.fetch_export_location_metadata_item(
                EL_ID, SHARE_ID, "a"
            ),
            lambda: self.proxy.set_export_location_metadata(
                EL_ID, SHARE_ID, a="1"
            ),
            lambda: self.proxy.delete_export_location_metadata(
                EL_ID, SHARE_ID, ["a"]
            ),
        ):
            exc = self.assertRaises(exceptions.NotSupported, call)
            self.assertIn("2.87", str(exc))
        self.assertEqual([], self.api_requests())
