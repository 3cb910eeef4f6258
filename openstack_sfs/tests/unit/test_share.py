"""Unit tests for openstack_sfs.v2.share and the share proxy methods."""

from __future__ import annotations

import copy
from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share as _share

SHARE_ID = "011d21e2-fbc3-4e4a-9993-9ea223f73264"
URL = base.MANILA_URL + "/shares"

SHARE: dict[str, Any] = {
    "id": SHARE_ID,
    "access_rules_status": "active",
    "availability_zone": "nova",
    "create_share_from_snapshot_support": True,
    "created_at": "2024-02-01T10:00:00.000000",
    "description": "My share",
    "encryption_key_ref": None,
    "has_replicas": False,
    "host": "fakehost@alpha#pool1",
    "is_public": False,
    "is_soft_deleted": False,
    "links": [{"rel": "self", "href": URL + "/" + SHARE_ID}],
    "metadata": {"project": "demo"},
    "mount_snapshot_support": True,
    "name": "share1",
    "progress": "100%",
    "project_id": base.PROJECT_ID,
    "replication_type": "readable",
    "revert_to_snapshot_support": True,
    "scheduled_to_be_deleted_at": None,
    "share_group_id": None,
    "share_network_id": None,
    "share_proto": "NFS",
    "share_server_id": None,
    "share_type": "0f3f9c0e-3a4f-4d2c-9a55-0f2d2c8a0d11",
    "share_type_name": "default",
    "size": 1,
    "snapshot_id": None,
    "snapshot_inherit_share_access_support": False,
    "snapshot_support": True,
    "source_backup_id": None,
    "source_share_group_snapshot_member_id": None,
    "status": "available",
    "task_state": None,
    "user_id": base.USER_ID,
    "volume_type": "default",
}

NOT_FOUND = {
    "itemNotFound": {
        "code": 404,
        "message": f"Share {SHARE_ID} could not be found.",
    }
}


def share_body(**changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(SHARE)
    body.update(changes)
    return {"share": body}


class TestShareResource(base.TestCase):
    def test_basic(self) -> None:
        sot = _share.Share()
        self.assertEqual("share", sot.resource_key)
        self.assertEqual("shares", sot.resources_key)
        self.assertEqual("/shares", sot.base_path)
        self.assertTrue(sot.allow_create)
        self.assertTrue(sot.allow_fetch)
        self.assertTrue(sot.allow_commit)
        self.assertTrue(sot.allow_delete)
        self.assertTrue(sot.allow_list)
        self.assertFalse(sot.allow_head)
        self.assertEqual("2.99", sot._max_microversion)
        self.assertIsNone(sot._metadata_min_microversion)

    def test_query_mapping(self) -> None:
        self.assertEqual(
            {
                "availability_zone": "availability_zone",
                "description": "description",
                "description~": "description~",
                "encryption_key_ref": "encryption_key_ref",
                "export_location_id": "export_location_id",
                "export_location_path": "export_location_path",
                "extra_specs": "extra_specs",
                "host": "host",
                "is_public": "is_public",
                "is_soft_deleted": "is_soft_deleted",
                "limit": "limit",
                "metadata": "metadata",
                "mount_point_name": "mount_point_name",
                "name": "name",
                "name~": "name~",
                "offset": "offset",
                "project_id": "project_id",
                "share_group_id": "share_group_id",
                "share_network_id": "share_network_id",
                "share_server_id": "share_server_id",
                "share_type_id": "share_type_id",
                "snapshot_id": "snapshot_id",
                "sort_dir": "sort_dir",
                "sort_key": "sort_key",
                "status": "status",
                "with_count": "with_count",
                "all_projects": "all_tenants",
            },
            _share.Share._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        sot = _share.Share(**SHARE)
        self.assertEqual(SHARE_ID, sot.id)
        self.assertEqual("active", sot.access_rules_status)
        self.assertEqual("nova", sot.availability_zone)
        self.assertTrue(sot.is_creating_new_share_from_snapshot_supported)
        self.assertEqual(SHARE["created_at"], sot.created_at)
        self.assertEqual("My share", sot.description)
        self.assertFalse(sot.is_replicated)
        self.assertEqual("fakehost@alpha#pool1", sot.host)
        self.assertFalse(sot.is_public)
        self.assertFalse(sot.is_soft_deleted)
        self.assertEqual(SHARE["links"], sot.links)
        self.assertEqual({"project": "demo"}, sot.metadata)
        self.assertTrue(sot.is_mounting_snapshot_supported)
        self.assertEqual("share1", sot.name)
        self.assertEqual("100%", sot.progress)
        self.assertEqual(base.PROJECT_ID, sot.project_id)
        self.assertEqual("readable", sot.replication_type)
        self.assertTrue(sot.is_reverting_to_snapshot_supported)
        self.assertEqual("NFS", sot.share_protocol)
        self.assertEqual(SHARE["share_type"], sot.share_type)
        self.assertEqual("default", sot.share_type_name)
        self.assertEqual(1, sot.size)
        self.assertFalse(sot.is_snapshot_inheriting_share_access_supported)
        self.assertTrue(sot.is_snapshot_supported)
        self.assertEqual("available", sot.status)
        self.assertEqual(base.USER_ID, sot.user_id)
        self.assertEqual("default", sot.volume_type)

    def test_old_export_location_fields(self) -> None:
        sot = _share.Share(
            export_location="10.0.0.1:/s", export_locations=["10.0.0.1:/s"]
        )
        self.assertEqual("10.0.0.1:/s", sot.export_location)
        self.assertEqual(["10.0.0.1:/s"], sot.export_locations)


class TestShareProxy(base.TestCase):
    def test_shares_detail(self) -> None:
        self.requests_mock.get(URL + "/detail", json={"shares": [SHARE]})
        shares = list(self.proxy.shares(status="available", name="share1"))
        self.assertEqual([SHARE_ID], [s.id for s in shares])
        self.assertEqual("NFS", shares[0].share_protocol)
        self.assert_request(
            "GET",
            "/shares/detail",
            microversion="2.99",
            query={"status": ["available"], "name": ["share1"]},
        )

    def test_shares_summary_and_all_projects(self) -> None:
        self.requests_mock.get(
            URL, json={"shares": [{"id": SHARE_ID, "name": "share1"}]}
        )
        shares = list(self.proxy.shares(details=False, all_projects=True))
        self.assertEqual("share1", shares[0].name)
        self.assert_request(
            "GET",
            "/shares",
            microversion="2.99",
            query={"all_tenants": ["true"]},
        )

    def test_shares_like_filters(self) -> None:
        self.requests_mock.get(URL + "/detail", json={"shares": []})
        query: dict[str, Any] = {"name~": "sha", "is_soft_deleted": True}
        list(self.proxy.shares(**query))
        self.assert_request(
            "GET",
            "/shares/detail",
            microversion="2.99",
            query={"name~": ["sha"], "is_soft_deleted": ["true"]},
        )

    def test_shares_mount_point_and_encryption_filters(self) -> None:
        # Manila's share list filters on both (mount_point_name from
        # 2.84 on, encryption_key_ref from 2.90 on).
        self.requests_mock.get(URL + "/detail", json={"shares": []})
        list(
            self.proxy.shares(
                mount_point_name="mp1", encryption_key_ref="ref1"
            )
        )
        self.assert_request(
            "GET",
            "/shares/detail",
            microversion="2.99",
            query={
                "mount_point_name": ["mp1"],
                "encryption_key_ref": ["ref1"],
            },
        )

    def test_shares_pages_by_offset(self) -> None:
        second = dict(SHARE, id="s2")
        third = dict(SHARE, id="s3")
        # Manila's next link carries a marker and points at /shares; its
        # share list ignores the marker, so the SDK pages by offset.
        next_link = URL + "?limit=2&marker=s2"
        self.requests_mock.get(
            URL + "/detail",
            [
                {
                    "json": {
                        "shares": [SHARE, second],
                        "shares_links": [{"rel": "next", "href": next_link}],
                    }
                },
                {"json": {"shares": [third]}},
            ],
        )
        shares = list(self.proxy.shares(limit=2))
        self.assertEqual([SHARE_ID, "s2", "s3"], [s.id for s in shares])
        self.assert_request(
            "GET",
            "/shares/detail",
            microversion="2.99",
            index=0,
            query={"limit": ["2"]},
        )
        self.assert_request(
            "GET",
            "/shares/detail",
            microversion="2.99",
            index=1,
            query={"limit": ["2"], "offset": ["2"]},
        )
        self.assertEqual(2, len(self.api_requests()))

    def test_shares_pages_from_given_offset(self) -> None:
        self.requests_mock.get(
            URL + "/detail",
            [
                {
                    "json": {
                        "shares": [SHARE],
                        "shares_links": [
                            {"rel": "next", "href": URL + "?marker=x"}
                        ],
                    }
                },
                {"json": {"shares": []}},
            ],
        )
        list(self.proxy.shares(limit=1, offset=4))
        self.assert_request(
            "GET",
            "/shares/detail",
            microversion="2.99",
            query={"limit": ["1"], "offset": ["5"]},
        )

    def test_shares_error(self) -> None:
        self.requests_mock.get(
            URL + "/detail",
            status_code=400,
            json={"badRequest": {"code": 400, "message": "Bad filter."}},
        )
        exc = self.assertRaises(
            exceptions.BadRequestException, list, self.proxy.shares()
        )
        self.assertIn("Bad filter.", str(exc))

    def test_get_share(self) -> None:
        self.requests_mock.get(URL + "/" + SHARE_ID, json=share_body())
        share = self.proxy.get_share(SHARE_ID)
        self.assertEqual("NFS", share.share_protocol)
        self.assert_request("GET", "/shares/" + SHARE_ID, microversion="2.99")

    def test_get_share_negotiates(self) -> None:
        self.set_server_max("2.60")
        self.requests_mock.get(URL + "/" + SHARE_ID, json=share_body())
        self.proxy.get_share(SHARE_ID)
        self.assert_request("GET", "/shares/" + SHARE_ID, microversion="2.60")

    def test_get_share_not_found(self) -> None:
        self.requests_mock.get(
            URL + "/" + SHARE_ID, status_code=404, json=NOT_FOUND
        )
        exc = self.assertRaises(
            exceptions.NotFoundException, self.proxy.get_share, SHARE_ID
        )
        self.assertIn(f"Share {SHARE_ID} could not be found.", str(exc))

    def test_find_share_by_name(self) -> None:
        self.requests_mock.get(
            URL + "/share1",
            status_code=404,
            json=NOT_FOUND,
        )
        self.requests_mock.get(URL + "/detail", json={"shares": [SHARE]})
        self.requests_mock.get(URL, json={"shares": [SHARE]})
        share = self.proxy.find_share("share1")
        self.assertIsNotNone(share)
        assert share is not None
        self.assertEqual(SHARE_ID, share.id)

    def test_find_share_missing(self) -> None:
        self.requests_mock.get(URL + "/nope", status_code=404, json=NOT_FOUND)
        self.requests_mock.get(URL, json={"shares": []})
        self.requests_mock.get(URL + "/detail", json={"shares": []})
        self.assertIsNone(self.proxy.find_share("nope"))
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.find_share,
            "nope",
            ignore_missing=False,
        )

    def test_create_share(self) -> None:
        self.requests_mock.post(
            URL, status_code=200, json=share_body(status="creating")
        )
        share = self.proxy.create_share(
            share_protocol="NFS",
            size=1,
            name="share1",
            share_type="default",
            metadata={"a": "b"},
            scheduler_hints={"same_host": "x"},
            mount_point_name="mp",
            encryption_key_ref="ref",
        )
        self.assertEqual("creating", share.status)
        self.assertEqual(SHARE_ID, share.id)
        self.assert_request(
            "POST",
            "/shares",
            microversion="2.99",
            json_body={
                "share": {
                    "share_proto": "NFS",
                    "size": 1,
                    "name": "share1",
                    "share_type": "default",
                    "metadata": {"a": "b"},
                    "scheduler_hints": {"same_host": "x"},
                    "mount_point_name": "mp",
                    "encryption_key_ref": "ref",
                }
            },
        )

    def test_create_share_field_needs_newer_version(self) -> None:
        self.set_server_max("2.83")
        exc = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.create_share,
            share_protocol="NFS",
            size=1,
            mount_point_name="mp",
        )
        self.assertIn("2.84", str(exc))
        self.assertEqual([], self.api_requests())

    def test_create_share_only_host_needs_2_67(self) -> None:
        self.set_server_max("2.66")
        exc = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.create_share,
            share_protocol="NFS",
            size=1,
            scheduler_hints={"only_host": "h@b#p"},
        )
        self.assertIn("2.67", str(exc))

    def test_create_share_error(self) -> None:
        self.requests_mock.post(
            URL,
            status_code=413,
            json={
                "overLimit": {
                    "code": 413,
                    "message": "Requested share exceeds allowed quota.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.HttpException,
            self.proxy.create_share,
            share_protocol="NFS",
            size=1000,
        )
        self.assertIn("exceeds allowed quota", str(exc))

    def test_update_share_sends_display_names(self) -> None:
        self.requests_mock.put(
            URL + "/" + SHARE_ID,
            json=share_body(name="new", description="d2", is_public=True),
        )
        share = self.proxy.update_share(
            SHARE_ID, name="new", description="d2", is_public=True
        )
        self.assertEqual("new", share.name)
        self.assertTrue(share.is_public)
        self.assert_request(
            "PUT",
            "/shares/" + SHARE_ID,
            microversion="2.99",
            json_body={
                "share": {
                    "display_name": "new",
                    "display_description": "d2",
                    "is_public": True,
                }
            },
        )

    def test_delete_share(self) -> None:
        self.requests_mock.delete(URL + "/" + SHARE_ID, status_code=202)
        self.proxy.delete_share(SHARE_ID)
        self.assert_request(
            "DELETE", "/shares/" + SHARE_ID, microversion="2.99"
        )

    def test_delete_share_in_group(self) -> None:
        self.requests_mock.delete(URL + "/" + SHARE_ID, status_code=202)
        self.proxy.delete_share(SHARE_ID, share_group_id="g1")
        self.assert_request(
            "DELETE",
            "/shares/" + SHARE_ID,
            microversion="2.99",
            query={"share_group_id": ["g1"]},
        )

    def test_delete_share_missing(self) -> None:
        self.requests_mock.delete(
            URL + "/" + SHARE_ID, status_code=404, json=NOT_FOUND
        )
        self.proxy.delete_share(SHARE_ID)
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share,
            SHARE_ID,
            ignore_missing=False,
        )
        self.assertIn("could not be found", str(exc))

    def test_delete_share_conflict_raises(self) -> None:
        self.requests_mock.delete(
            URL + "/" + SHARE_ID,
            status_code=409,
            json={"conflictingRequest": {"code": 409, "message": "Busy."}},
        )
        self.assertRaises(
            exceptions.ConflictException, self.proxy.delete_share, SHARE_ID
        )

    def test_delete_share_force(self) -> None:
        self.requests_mock.post(
            URL + "/" + SHARE_ID + "/action", status_code=202
        )
        self.proxy.delete_share(SHARE_ID, force=True)
        self.assert_request(
            "POST",
            f"/shares/{SHARE_ID}/action",
            microversion="2.99",
            json_body={"force_delete": None},
        )


class TestShareActions(base.TestCase):
    ACTION = URL + "/" + SHARE_ID + "/action"
    PATH = f"/shares/{SHARE_ID}/action"

    def setUp(self) -> None:
        super().setUp()
        self.action = self.requests_mock.post(self.ACTION, status_code=202)
        self.requests_mock.get(URL + "/" + SHARE_ID, json=share_body(size=2))

    def test_resize_extend(self) -> None:
        self.proxy.resize_share(SHARE_ID, 5)
        self.assert_request(
            "POST",
            self.PATH,
            microversion="2.99",
            json_body={"extend": {"new_size": 5}},
        )

    def test_resize_extend_force(self) -> None:
        self.proxy.resize_share(SHARE_ID, 5, force=True)
        self.assert_request(
            "POST",
            self.PATH,
            microversion="2.99",
            json_body={"extend": {"new_size": 5, "force": True}},
        )

    def test_resize_extend_force_needs_2_64(self) -> None:
        self.set_server_max("2.63")
        exc = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.resize_share,
            SHARE_ID,
            5,
            force=True,
        )
        self.assertIn("2.64", str(exc))
        self.assertFalse(self.action.called)

    def test_resize_shrink(self) -> None:
        self.proxy.resize_share(SHARE_ID, 1)
        self.assert_request(
            "POST",
            self.PATH,
            microversion="2.99",
            json_body={"shrink": {"new_size": 1}},
        )

    def test_resize_no_shrink_and_same_size(self) -> None:
        self.proxy.resize_share(SHARE_ID, 1, no_shrink=True)
        self.proxy.resize_share(SHARE_ID, 2)
        self.proxy.resize_share(SHARE_ID, 9, no_extend=True)
        self.assertFalse(self.action.called)

    def test_resize_error(self) -> None:
        self.requests_mock.post(
            self.ACTION,
            status_code=400,
            json={
                "badRequest": {
                    "code": 400,
                    "message": "New size for extend must be greater.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.resize_share,
            SHARE_ID,
            3,
        )
        self.assertIn("must be greater", str(exc))

    def test_actions_need_2_7(self) -> None:
        self.set_server_max("2.6")
        self.assertRaises(
            exceptions.NotSupported, self.proxy.resize_share, SHARE_ID, 5
        )
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.reset_share_status,
            SHARE_ID,
            "error",
        )
        self.assertRaises(
            exceptions.NotSupported, self.proxy.unmanage_share, SHARE_ID
        )
        self.assertFalse(self.action.called)

    def test_revert(self) -> None:
        self.proxy.revert_share_to_snapshot(SHARE_ID, "snap1")
        self.assert_request(
            "POST",
            self.PATH,
            microversion="2.99",
            json_body={"revert": {"snapshot_id": "snap1"}},
        )

    def test_revert_needs_2_27(self) -> None:
        self.set_server_max("2.26")
        exc = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.revert_share_to_snapshot,
            SHARE_ID,
            "snap1",
        )
        self.assertIn("2.27", str(exc))

    def test_reset_status(self) -> None:
        self.proxy.reset_share_status(SHARE_ID, "error")
        self.assert_request(
            "POST",
            self.PATH,
            microversion="2.99",
            json_body={"reset_status": {"status": "error"}},
        )

    def test_reset_status_forbidden(self) -> None:
        self.requests_mock.post(
            self.ACTION,
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
            self.proxy.reset_share_status,
            SHARE_ID,
            "error",
        )
        self.assertIn("Access was denied", str(exc))

    def test_reset_task_state(self) -> None:
        self.proxy.reset_share_task_state(SHARE_ID, None)
        self.assert_request(
            "POST",
            self.PATH,
            microversion="2.99",
            json_body={"reset_task_state": {"task_state": None}},
        )

    def test_reset_task_state_experimental_before_2_96(self) -> None:
        self.set_server_max("2.95")
        self.proxy.reset_share_task_state(SHARE_ID, "migration_error")
        self.assert_request(
            "POST",
            self.PATH,
            microversion="2.95",
            experimental=True,
            json_body={"reset_task_state": {"task_state": "migration_error"}},
        )

    def test_reset_task_state_needs_2_22(self) -> None:
        self.set_server_max("2.21")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.reset_share_task_state,
            SHARE_ID,
            None,
        )

    def test_soft_delete_and_restore(self) -> None:
        self.proxy.soft_delete_share(SHARE_ID)
        self.assert_request(
            "POST",
            self.PATH,
            microversion="2.99",
            json_body={"soft_delete": None},
        )
        self.proxy.restore_share(SHARE_ID)
        self.assert_request(
            "POST",
            self.PATH,
            microversion="2.99",
            json_body={"restore": None},
        )

    def test_soft_delete_needs_2_69(self) -> None:
        self.set_server_max("2.68")
        exc = self.assertRaises(
            exceptions.NotSupported, self.proxy.soft_delete_share, SHARE_ID
        )
        self.assertIn("2.69", str(exc))
        self.assertRaises(
            exceptions.NotSupported, self.proxy.restore_share, SHARE_ID
        )

    def test_unmanage(self) -> None:
        self.proxy.unmanage_share(SHARE_ID)
        self.assert_request(
            "POST",
            self.PATH,
            microversion="2.99",
            json_body={"unmanage": None},
        )

    def test_unmanage_conflict(self) -> None:
        self.requests_mock.post(
            self.ACTION,
            status_code=409,
            json={
                "conflictingRequest": {
                    "code": 409,
                    "message": "Share has snapshots.",
                }
            },
        )
        self.assertRaises(
            exceptions.ConflictException, self.proxy.unmanage_share, SHARE_ID
        )


class TestShareManage(base.TestCase):
    def test_manage(self) -> None:
        self.requests_mock.post(
            URL + "/manage",
            status_code=200,
            json=share_body(status="manage_starting"),
        )
        share = self.proxy.manage_share(
            "nfs",
            "10.0.0.1:/path",
            "fakehost@alpha#pool1",
            name="adopted",
            share_type="default",
            driver_options={"opt": "1"},
            is_public=True,
            share_server_id="srv",
            mount_point_name="mp",
        )
        self.assertEqual("manage_starting", share.status)
        self.assertEqual(SHARE_ID, share.id)
        self.assert_request(
            "POST",
            "/shares/manage",
            microversion="2.99",
            json_body={
                "share": {
                    "protocol": "nfs",
                    "export_path": "10.0.0.1:/path",
                    "service_host": "fakehost@alpha#pool1",
                    "name": "adopted",
                    "share_type": "default",
                    "driver_options": {"opt": "1"},
                    "is_public": True,
                    "share_server_id": "srv",
                    "mount_point_name": "mp",
                }
            },
        )

    def test_manage_needs_2_7(self) -> None:
        self.set_server_max("2.6")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.manage_share,
            "nfs",
            "p",
            "h@b#p",
        )

    def test_manage_share_server_needs_2_49(self) -> None:
        self.set_server_max("2.48")
        exc = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.manage_share,
            "nfs",
            "p",
            "h@b#p",
            share_server_id="srv",
        )
        self.assertIn("2.49", str(exc))
        self.assertEqual([], self.api_requests())

    def test_manage_error(self) -> None:
        self.requests_mock.post(
            URL + "/manage",
            status_code=409,
            json={
                "conflictingRequest": {
                    "code": 409,
                    "message": "Share already exists.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.manage_share,
            "nfs",
            "p",
            "h@b#p",
        )
        self.assertIn("already exists", str(exc))


class TestShareMetadataProxy(base.TestCase):
    MURL = URL + "/" + SHARE_ID + "/metadata"
    MPATH = f"/shares/{SHARE_ID}/metadata"

    def test_fetch_share_metadata(self) -> None:
        self.requests_mock.get(self.MURL, json={"metadata": {"a": "1"}})
        share = self.proxy.fetch_share_metadata(SHARE_ID)
        self.assertEqual({"a": "1"}, share.metadata)
        self.assert_request("GET", self.MPATH, microversion="2.99")
        self.assertEqual(
            {"a": "1"}, self.proxy.get_share_metadata(SHARE_ID).metadata
        )

    def test_fetch_share_metadata_item(self) -> None:
        self.requests_mock.get(self.MURL + "/a", json={"meta": {"a": "1"}})
        share = self.proxy.fetch_share_metadata_item(SHARE_ID, "a")
        self.assertEqual("1", share.metadata["a"])
        self.assert_request("GET", self.MPATH + "/a", microversion="2.99")
        self.assertEqual(
            "1",
            self.proxy.get_share_metadata_item(SHARE_ID, "a").metadata["a"],
        )

    def test_fetch_share_metadata_item_missing(self) -> None:
        self.requests_mock.get(
            self.MURL + "/zz",
            status_code=404,
            json={"itemNotFound": {"code": 404, "message": "Key zz absent."}},
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.fetch_share_metadata_item,
            SHARE_ID,
            "zz",
        )
        self.assertIn("Key zz absent.", str(exc))

    def test_set_share_metadata_merge(self) -> None:
        self.requests_mock.post(
            self.MURL, json={"metadata": {"a": "1", "b": "2"}}
        )
        share = self.proxy.set_share_metadata(SHARE_ID, b="2")
        self.assertEqual({"a": "1", "b": "2"}, share.metadata)
        self.assert_request(
            "POST",
            self.MPATH,
            microversion="2.99",
            json_body={"metadata": {"b": "2"}},
        )

    def test_set_share_metadata_replace(self) -> None:
        self.requests_mock.put(self.MURL, json={"metadata": {"c": "3"}})
        share = self.proxy.set_share_metadata(SHARE_ID, replace=True, c="3")
        self.assertEqual({"c": "3"}, share.metadata)
        self.assert_request(
            "PUT",
            self.MPATH,
            microversion="2.99",
            json_body={"metadata": {"c": "3"}},
        )

    def test_create_and_update_share_metadata(self) -> None:
        self.requests_mock.post(self.MURL, json={"metadata": {"a": "1"}})
        self.requests_mock.put(self.MURL, json={"metadata": {"z": "9"}})
        self.proxy.create_share_metadata(SHARE_ID, a="1")
        self.assert_request(
            "POST",
            self.MPATH,
            microversion="2.99",
            json_body={"metadata": {"a": "1"}},
        )
        self.proxy.update_share_metadata(SHARE_ID, {"z": "9"}, replace=True)
        self.assert_request(
            "PUT",
            self.MPATH,
            microversion="2.99",
            json_body={"metadata": {"z": "9"}},
        )

    def test_set_share_metadata_forbidden_key(self) -> None:
        self.requests_mock.post(
            self.MURL,
            status_code=403,
            json={"forbidden": {"code": 403, "message": "Admin-only key."}},
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.set_share_metadata,
            SHARE_ID,
            __affinity_same_host="x",
        )

    def test_delete_share_metadata(self) -> None:
        self.requests_mock.delete(self.MURL + "/a", status_code=200)
        self.requests_mock.delete(
            self.MURL + "/b",
            status_code=404,
            json={"itemNotFound": {"code": 404, "message": "b not found"}},
        )
        self.proxy.delete_share_metadata(SHARE_ID, ["a", "b"])
        self.assert_request("DELETE", self.MPATH + "/b", microversion="2.99")
        self.assert_request(
            "DELETE", self.MPATH + "/a", microversion="2.99", index=-2
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_metadata,
            SHARE_ID,
            ["b"],
            ignore_missing=False,
        )
        self.assertIn("b not found", str(exc))

    def test_delete_share_metadata_other_error_raises(self) -> None:
        self.requests_mock.delete(
            self.MURL + "/a",
            status_code=403,
            json={"forbidden": {"code": 403, "message": "Nope."}},
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.delete_share_metadata,
            SHARE_ID,
            ["a"],
        )
