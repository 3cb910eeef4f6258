"""Tests of ShareSnapshot and the snapshot calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_snapshot

SNAP_ID = "8a1c2b3d-0000-4000-8000-000000000001"
SHARE_ID = "5c9e1a2b-0000-4000-8000-000000000002"
SNAP_URL = base.MANILA_URL + "/snapshots/" + SNAP_ID
ACTION = "/snapshots/" + SNAP_ID + "/action"
MV = "2.79"

EXAMPLE: dict[str, Any] = {
    "id": SNAP_ID,
    "share_id": SHARE_ID,
    "share_size": 2,
    "created_at": "2025-01-02T03:04:05.000000",
    "status": "available",
    "name": "snap-1",
    "description": "nightly",
    "size": 1,
    "share_proto": "NFS",
    "provider_location": "/vol/snap-1",
    "user_id": base.USER_ID,
    "project_id": base.PROJECT_ID,
    "metadata": {"purpose": "backup"},
    "links": [{"rel": "self", "href": SNAP_URL}],
}


def not_found(what: str) -> dict[str, Any]:
    """A Manila 404 fault body."""
    return {"itemNotFound": {"code": 404, "message": what}}


class TestShareSnapshotResource(base.TestCase):
    def test_basics(self) -> None:
        cls = share_snapshot.ShareSnapshot
        self.assertEqual("snapshot", cls.resource_key)
        self.assertEqual("snapshots", cls.resources_key)
        self.assertEqual("/snapshots", cls.base_path)
        self.assertEqual("2.79", cls._max_microversion)
        self.assertEqual("2.73", cls._metadata_min_microversion)
        self.assertTrue(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertTrue(cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_query_mapping(self) -> None:
        self.assertEqual(
            {
                "name": "name",
                "name~": "name~",
                "description": "description",
                "description~": "description~",
                "status": "status",
                "share_id": "share_id",
                "size": "size",
                "project_id": "project_id",
                "metadata": "metadata",
                "limit": "limit",
                "offset": "offset",
                "sort_key": "sort_key",
                "sort_dir": "sort_dir",
                "with_count": "with_count",
                "all_projects": "all_tenants",
            },
            share_snapshot.ShareSnapshot._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        snap = share_snapshot.ShareSnapshot(**EXAMPLE)
        self.assertEqual(SNAP_ID, snap.id)
        self.assertEqual(SHARE_ID, snap.share_id)
        self.assertEqual(2, snap.share_size)
        self.assertEqual("available", snap.status)
        self.assertEqual("snap-1", snap.name)
        self.assertEqual("nightly", snap.description)
        self.assertEqual(1, snap.size)
        self.assertEqual("NFS", snap.share_proto)
        self.assertEqual("/vol/snap-1", snap.provider_location)
        self.assertEqual(base.USER_ID, snap.user_id)
        self.assertEqual(base.PROJECT_ID, snap.project_id)
        self.assertEqual({"purpose": "backup"}, snap.metadata)
        self.assertEqual(EXAMPLE["created_at"], snap.created_at)
        self.assertEqual(EXAMPLE["links"], snap.links)


class TestShareSnapshotProxy(base.TestCase):
    def test_share_snapshots_detail(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/snapshots/detail",
            json={"snapshots": [EXAMPLE]},
        )
        snaps = list(
            self.proxy.share_snapshots(
                share_id=SHARE_ID, all_projects=True, with_count=True
            )
        )
        self.assert_request(
            "GET",
            "/snapshots/detail",
            microversion=MV,
            query={
                "share_id": [SHARE_ID],
                "all_tenants": ["true"],
                "with_count": ["true"],
            },
        )
        self.assertEqual([SNAP_ID], [s.id for s in snaps])
        self.assertEqual("NFS", snaps[0].share_proto)

    def test_share_snapshots_pages_by_offset(self) -> None:
        # The next link carries a marker, which Manila's snapshot list
        # ignores: the SDK moves on by offset instead.
        second = dict(EXAMPLE, id="snap-2")
        self.requests_mock.get(
            base.MANILA_URL + "/snapshots/detail",
            [
                {
                    "json": {
                        "snapshots": [EXAMPLE],
                        "share_snapshots_links": [
                            {"rel": "next", "href": SNAP_URL + "?marker=x"}
                        ],
                    }
                },
                {"json": {"snapshots": [second]}},
                {"json": {"snapshots": []}},
            ],
        )
        snaps = list(self.proxy.share_snapshots(limit=1, offset=2))
        self.assertEqual([SNAP_ID, "snap-2"], [s.id for s in snaps])
        self.assertEqual(3, len(self.api_requests()))
        self.assert_request(
            "GET",
            "/snapshots/detail",
            microversion=MV,
            index=0,
            query={"limit": ["1"], "offset": ["2"]},
        )
        self.assert_request(
            "GET",
            "/snapshots/detail",
            microversion=MV,
            query={"limit": ["1"], "offset": ["4"]},
        )

    def test_share_snapshots_summary(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/snapshots",
            json={"snapshots": [{"id": SNAP_ID, "name": "snap-1"}]},
        )
        snaps = list(self.proxy.share_snapshots(details=False, name="snap-1"))
        self.assert_request(
            "GET", "/snapshots", microversion=MV, query={"name": ["snap-1"]}
        )
        self.assertEqual("snap-1", snaps[0].name)

    def test_get_share_snapshot(self) -> None:
        self.requests_mock.get(SNAP_URL, json={"snapshot": EXAMPLE})
        snap = self.proxy.get_share_snapshot(SNAP_ID)
        self.assert_request("GET", "/snapshots/" + SNAP_ID, microversion=MV)
        self.assertEqual("snap-1", snap.name)

    def test_get_share_snapshot_not_found(self) -> None:
        message = f"Snapshot {SNAP_ID} could not be found."
        self.requests_mock.get(
            SNAP_URL, status_code=404, json=not_found(message)
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_snapshot,
            SNAP_ID,
        )
        self.assertIn(message, str(exc))

    def test_find_share_snapshot_by_name(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/snapshots/snap-1",
            status_code=404,
            json=not_found("Snapshot snap-1 could not be found."),
        )
        self.requests_mock.get(
            base.MANILA_URL + "/snapshots/detail",
            json={"snapshots": [EXAMPLE]},
        )
        snap = self.proxy.find_share_snapshot("snap-1", ignore_missing=False)
        assert snap is not None
        self.assertEqual(SNAP_ID, snap.id)
        self.assert_request(
            "GET",
            "/snapshots/detail",
            microversion=MV,
            query={"name": ["snap-1"]},
        )

    def test_find_share_snapshot_missing(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/snapshots/nope",
            status_code=404,
            json=not_found("Snapshot nope could not be found."),
        )
        self.requests_mock.get(
            base.MANILA_URL + "/snapshots/detail", json={"snapshots": []}
        )
        self.proxy.find_share_snapshot("nope", ignore_missing=True)
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.find_share_snapshot,
            "nope",
            ignore_missing=False,
        )

    def test_create_share_snapshot(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + "/snapshots",
            status_code=202,
            json={"snapshot": dict(EXAMPLE, status="creating")},
        )
        snap = self.proxy.create_share_snapshot(
            share_id=SHARE_ID,
            force=True,
            name="snap-1",
            description="nightly",
            metadata={"purpose": "backup"},
        )
        self.assert_request(
            "POST",
            "/snapshots",
            microversion=MV,
            json_body={
                "snapshot": {
                    "share_id": SHARE_ID,
                    "force": True,
                    "name": "snap-1",
                    "description": "nightly",
                    "metadata": {"purpose": "backup"},
                }
            },
        )
        self.assertEqual("creating", snap.status)
        self.assertEqual(SNAP_ID, snap.id)

    def test_create_with_metadata_needs_2_73(self) -> None:
        self.set_server_max("2.72")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.create_share_snapshot,
            share_id=SHARE_ID,
            metadata={"a": "b"},
        )
        self.assertEqual([], self.api_requests())

    def test_create_below_2_73_without_metadata(self) -> None:
        self.set_server_max("2.50")
        self.requests_mock.post(
            base.MANILA_URL + "/snapshots",
            status_code=202,
            json={"snapshot": EXAMPLE},
        )
        self.proxy.create_share_snapshot(share_id=SHARE_ID)
        self.assert_request(
            "POST",
            "/snapshots",
            microversion="2.50",
            json_body={"snapshot": {"share_id": SHARE_ID}},
        )

    def test_create_unprocessable_raises(self) -> None:
        message = (
            f"Snapshots cannot be created for share '{SHARE_ID}' since it "
            "does not have that capability."
        )
        self.requests_mock.post(
            base.MANILA_URL + "/snapshots",
            status_code=422,
            json={"computeFault": {"code": 422, "message": message}},
        )
        exc = self.assertRaises(
            exceptions.HttpException,
            self.proxy.create_share_snapshot,
            share_id=SHARE_ID,
        )
        self.assertEqual(422, exc.status_code)
        self.assertIn(message, str(exc))

    def test_update_sends_display_names(self) -> None:
        self.requests_mock.put(
            SNAP_URL,
            json={"snapshot": dict(EXAMPLE, name="new", description="d")},
        )
        snap = self.proxy.update_share_snapshot(
            SNAP_ID, name="new", description="d"
        )
        self.assert_request(
            "PUT",
            "/snapshots/" + SNAP_ID,
            microversion=MV,
            json_body={
                "snapshot": {
                    "display_name": "new",
                    "display_description": "d",
                }
            },
        )
        self.assertEqual("new", snap.name)

    def test_delete_share_snapshot(self) -> None:
        self.requests_mock.delete(SNAP_URL, status_code=202)
        self.proxy.delete_share_snapshot(SNAP_ID)
        self.assert_request("DELETE", "/snapshots/" + SNAP_ID, microversion=MV)

    def test_delete_share_snapshot_missing(self) -> None:
        self.requests_mock.delete(
            SNAP_URL, status_code=404, json=not_found("gone")
        )
        self.proxy.delete_share_snapshot(SNAP_ID)
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_snapshot,
            SNAP_ID,
            ignore_missing=False,
        )

    def test_delete_share_snapshot_force(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.delete_share_snapshot(SNAP_ID, force=True)
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            json_body={"force_delete": None},
        )

    def test_delete_share_snapshot_force_missing(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=404,
            json=not_found("Snapshot x could not be found."),
        )
        self.proxy.delete_share_snapshot(SNAP_ID, force=True)
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_snapshot,
            SNAP_ID,
            ignore_missing=False,
            force=True,
        )

    def test_force_delete_legacy_name(self) -> None:
        self.set_server_max("2.6")
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.delete_share_snapshot(SNAP_ID, force=True)
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.6",
            json_body={"os-force_delete": None},
        )

    def test_reset_share_snapshot_status(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.reset_share_snapshot_status(SNAP_ID, "error")
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            json_body={"reset_status": {"status": "error"}},
        )

    def test_reset_status_bad_request(self) -> None:
        message = "Invalid state. Valid states: available, error."
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=400,
            json={"badRequest": {"code": 400, "message": message}},
        )
        exc = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.reset_share_snapshot_status,
            SNAP_ID,
            "bogus",
        )
        self.assertIn(message, str(exc))

    def test_manage_share_snapshot(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + "/snapshots/manage",
            status_code=202,
            json={"snapshot": dict(EXAMPLE, status="manage_starting")},
        )
        snap = self.proxy.manage_share_snapshot(
            SHARE_ID,
            "/vol/snap-1",
            name="snap-1",
            description="adopted",
            driver_options={"opt": "1"},
        )
        self.assert_request(
            "POST",
            "/snapshots/manage",
            microversion=MV,
            json_body={
                "snapshot": {
                    "share_id": SHARE_ID,
                    "provider_location": "/vol/snap-1",
                    "name": "snap-1",
                    "description": "adopted",
                    "driver_options": {"opt": "1"},
                }
            },
        )
        self.assertEqual("manage_starting", snap.status)
        self.assertEqual(SNAP_ID, snap.id)

    def test_manage_needs_2_12(self) -> None:
        self.set_server_max("2.11")
        exc = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.manage_share_snapshot,
            SHARE_ID,
            "/vol/x",
        )
        self.assertIn("2.12", str(exc))
        self.assertEqual([], self.api_requests())

    def test_manage_conflict(self) -> None:
        message = "Snapshot already managed."
        self.requests_mock.post(
            base.MANILA_URL + "/snapshots/manage",
            status_code=409,
            json={"conflictingRequest": {"code": 409, "message": message}},
        )
        exc = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.manage_share_snapshot,
            SHARE_ID,
            "/vol/x",
        )
        self.assertIn(message, str(exc))

    def test_unmanage_share_snapshot(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.unmanage_share_snapshot(SNAP_ID)
        self.assert_request(
            "POST", ACTION, microversion=MV, json_body={"unmanage": None}
        )

    def test_unmanage_needs_2_12(self) -> None:
        self.set_server_max("2.11")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.unmanage_share_snapshot,
            SNAP_ID,
        )
        self.assertEqual([], self.api_requests())

    # -- metadata --------------------------------------------------------

    def test_fetch_metadata(self) -> None:
        self.requests_mock.get(
            SNAP_URL + "/metadata", json={"metadata": {"a": "1"}}
        )
        snap = self.proxy.fetch_share_snapshot_metadata(SNAP_ID)
        self.assert_request(
            "GET", "/snapshots/" + SNAP_ID + "/metadata", microversion=MV
        )
        self.assertEqual({"a": "1"}, snap.metadata)

    def test_fetch_metadata_item(self) -> None:
        self.requests_mock.get(
            SNAP_URL + "/metadata/a", json={"meta": {"a": "1"}}
        )
        snap = self.proxy.fetch_share_snapshot_metadata_item(SNAP_ID, "a")
        self.assert_request(
            "GET", "/snapshots/" + SNAP_ID + "/metadata/a", microversion=MV
        )
        self.assertEqual("1", (snap.metadata or {})["a"])

    def test_set_metadata_merge(self) -> None:
        self.requests_mock.post(
            SNAP_URL + "/metadata", json={"metadata": {"a": "1", "b": "2"}}
        )
        snap = self.proxy.set_share_snapshot_metadata(SNAP_ID, b="2")
        self.assert_request(
            "POST",
            "/snapshots/" + SNAP_ID + "/metadata",
            microversion=MV,
            json_body={"metadata": {"b": "2"}},
        )
        self.assertEqual({"a": "1", "b": "2"}, snap.metadata)

    def test_set_metadata_replace(self) -> None:
        self.requests_mock.put(
            SNAP_URL + "/metadata", json={"metadata": {"b": "2"}}
        )
        snap = self.proxy.set_share_snapshot_metadata(
            SNAP_ID, replace=True, b="2"
        )
        self.assert_request(
            "PUT",
            "/snapshots/" + SNAP_ID + "/metadata",
            microversion=MV,
            json_body={"metadata": {"b": "2"}},
        )
        self.assertEqual({"b": "2"}, snap.metadata)

    def test_delete_metadata(self) -> None:
        self.requests_mock.delete(SNAP_URL + "/metadata/a", status_code=200)
        self.requests_mock.delete(SNAP_URL + "/metadata/b", status_code=200)
        self.proxy.delete_share_snapshot_metadata(SNAP_ID, ["a", "b"])
        self.assert_request(
            "DELETE",
            "/snapshots/" + SNAP_ID + "/metadata/a",
            microversion=MV,
            index=-2,
        )
        self.assert_request(
            "DELETE", "/snapshots/" + SNAP_ID + "/metadata/b", microversion=MV
        )

    def test_delete_metadata_missing_key(self) -> None:
        message = "Metadata item was not found."
        self.requests_mock.delete(
            SNAP_URL + "/metadata/zz", status_code=404, json=not_found(message)
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_snapshot_metadata,
            SNAP_ID,
            ["zz"],
        )
        self.assertIn(message, str(exc))

    def test_metadata_needs_2_73(self) -> None:
        self.set_server_max("2.72")
        exc = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.fetch_share_snapshot_metadata,
            SNAP_ID,
        )
        self.assertIn("2.73", str(exc))
        self.assertEqual([], self.api_requests())
