"""Tests of the share group, group type and group snapshot resources and
their proxy calls (including the 2.31-2.54 experimental header)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_plus

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import (
    share_group,
    share_group_snapshot,
    share_group_type,
)

GT_ID = "7a1e0a32-0000-4000-8000-000000000001"
SG_ID = "7a1e0a32-0000-4000-8000-000000000002"
SGS_ID = "7a1e0a32-0000-4000-8000-000000000003"
ST_ID = "7a1e0a32-0000-4000-8000-000000000004"
SHARE_ID = "7a1e0a32-0000-4000-8000-000000000005"
PROJECT = "6a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9"
GT_URL = base.MANILA_URL + "/share-group-types"
SG_URL = base.MANILA_URL + "/share-groups"
SGS_URL = base.MANILA_URL + "/share-group-snapshots"

GROUP_TYPE: dict[str, Any] = {
    "id": GT_ID,
    "name": "gold",
    "is_public": False,
    "group_specs": {"consistent_snapshot_support": "pool"},
    "share_types": [ST_ID],
    "is_default": False,
}
GROUP: dict[str, Any] = {
    "id": SG_ID,
    "name": "g1",
    "created_at": "2025-01-01T00:00:00.000000",
    "status": "available",
    "description": "mine",
    "project_id": PROJECT,
    "host": "fakehost@alpha#fast",
    "share_group_type_id": GT_ID,
    "source_share_group_snapshot_id": None,
    "share_network_id": None,
    "share_types": [ST_ID],
    "links": [],
    "availability_zone": "nova",
    "consistent_snapshot_support": "pool",
    "share_server_id": None,
}
SNAPSHOT: dict[str, Any] = {
    "id": SGS_ID,
    "name": "s1",
    "created_at": "2025-01-01T00:00:00.000000",
    "status": "available",
    "description": None,
    "project_id": PROJECT,
    "share_group_id": SG_ID,
    "members": [{"id": "m1", "size": 1, "share_id": SHARE_ID}],
    "links": [],
}
MEMBER: dict[str, Any] = {
    "id": "m1",
    "created_at": "2025-01-01T00:00:00.000000",
    "size": 1,
    "share_protocol": "NFS",
    "project_id": PROJECT,
    "share_group_snapshot_id": SGS_ID,
    "share_id": SHARE_ID,
}


def fault(name: str, code: int, message: str) -> dict[str, Any]:
    """A Manila fault body."""
    return {name: {"code": code, "message": message}}


class TestResources(base.TestCase):
    def _flags(self, cls: Any, commit: bool) -> None:
        self.assertTrue(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertEqual(commit, cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_group_type(self) -> None:
        cls = share_group_type.ShareGroupType
        self.assertEqual("share_group_type", cls.resource_key)
        self.assertEqual("share_group_types", cls.resources_key)
        self.assertEqual("/share-group-types", cls.base_path)
        self.assertEqual("2.66", cls._max_microversion)
        self._flags(cls, commit=False)
        self.assertEqual(
            {"is_public": "is_public", "group_specs": "group_specs"},
            cls._query_mapping._mapping,
        )
        gt = cls(**GROUP_TYPE)
        self.assertEqual("gold", gt.name)
        self.assertFalse(gt.is_public)
        self.assertFalse(gt.is_default)
        self.assertEqual([ST_ID], gt.share_types)
        self.assertEqual("pool", gt.group_specs["consistent_snapshot_support"])

    def test_group(self) -> None:
        cls = share_group.ShareGroup
        self.assertEqual("share_group", cls.resource_key)
        self.assertEqual("share_groups", cls.resources_key)
        self.assertEqual("/share-groups", cls.base_path)
        self.assertEqual("2.55", cls._max_microversion)
        self._flags(cls, commit=True)
        self.assertEqual(
            {
                "description",
                "description~",
                "host",
                "limit",
                "name",
                "name~",
                "offset",
                "project_id",
                "share_group_type_id",
                "share_network_id",
                "share_server_id",
                "sort_dir",
                "sort_key",
                "source_share_group_snapshot_id",
                "status",
                "all_projects",
            },
            set(cls._query_mapping._mapping),
        )
        self.assertEqual(
            "all_tenants", cls._query_mapping._mapping["all_projects"]
        )
        group = cls(**GROUP)
        self.assertEqual("fakehost@alpha#fast", group.host)
        self.assertEqual("nova", group.availability_zone)
        self.assertEqual("pool", group.consistent_snapshot_support)
        self.assertEqual(GT_ID, group.share_group_type_id)
        self.assertEqual([ST_ID], group.share_types)
        self.assertEqual("mine", group.description)

    def test_group_snapshot(self) -> None:
        cls = share_group_snapshot.ShareGroupSnapshot
        self.assertEqual("share_group_snapshot", cls.resource_key)
        self.assertEqual("share_group_snapshots", cls.resources_key)
        self.assertEqual("/share-group-snapshots", cls.base_path)
        self.assertEqual("2.55", cls._max_microversion)
        self._flags(cls, commit=True)
        self.assertEqual(
            {
                "description",
                "limit",
                "name",
                "offset",
                "project_id",
                "share_group_id",
                "sort_dir",
                "sort_key",
                "status",
                "all_projects",
            },
            set(cls._query_mapping._mapping),
        )
        snap = cls(**SNAPSHOT)
        self.assertEqual(SG_ID, snap.share_group_id)
        self.assertEqual(SHARE_ID, snap.members[0]["share_id"])

    def test_member(self) -> None:
        cls = share_group_snapshot.ShareGroupSnapshotMember
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_fetch or cls.allow_create)
        self.assertFalse(cls.allow_commit or cls.allow_delete)
        self.assertEqual(
            {"limit": "limit", "offset": "offset"},
            cls._query_mapping._mapping,
        )
        member = cls(**MEMBER)
        self.assertEqual("NFS", member.share_protocol)
        self.assertEqual(1, member.size)
        self.assertEqual(SHARE_ID, member.share_id)


class TestGroupTypeProxy(base.TestCase):
    def test_list(self) -> None:
        self.requests_mock.get(
            GT_URL, json={"share_group_types": [GROUP_TYPE]}
        )
        types = list(self.proxy.share_group_types(is_public="all"))
        self.assertEqual(["gold"], [t.name for t in types])
        self.assert_request(
            "GET",
            "/share-group-types",
            microversion="2.66",
            query={"is_public": ["all"]},
        )

    def test_list_group_specs_filter(self) -> None:
        self.requests_mock.get(GT_URL, json={"share_group_types": []})
        list(self.proxy.share_group_types(group_specs={"a": "b"}))
        req = self.assert_request(
            "GET", "/share-group-types", microversion="2.66"
        )
        sent = unquote_plus(req.url.split("group_specs=", 1)[1])
        self.assertEqual({"a": "b"}, json.loads(sent))

    def test_group_specs_filter_needs_266(self) -> None:
        self.set_server_max("2.65")
        error = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.share_group_types,
            group_specs={"a": "b"},
        )
        self.assertIn("2.66", str(error))

    def test_experimental_below_255(self) -> None:
        self.set_server_max("2.40")
        self.requests_mock.get(GT_URL, json={"share_group_types": []})
        list(self.proxy.share_group_types())
        self.assert_request(
            "GET", "/share-group-types", microversion="2.40", experimental=True
        )

    def test_not_supported_below_231(self) -> None:
        self.set_server_max("2.30")
        error = self.assertRaises(
            exceptions.NotSupported, self.proxy.share_group_types
        )
        self.assertIn("2.31", str(error))

    def test_get_and_default(self) -> None:
        self.requests_mock.get(
            GT_URL + "/" + GT_ID, json={"share_group_type": GROUP_TYPE}
        )
        self.assertEqual("gold", self.proxy.get_share_group_type(GT_ID).name)
        self.assert_request(
            "GET", "/share-group-types/" + GT_ID, microversion="2.66"
        )
        self.requests_mock.get(
            GT_URL + "/default",
            json={"share_group_type": dict(GROUP_TYPE, is_default=True)},
        )
        self.assertTrue(self.proxy.get_default_share_group_type().is_default)
        self.assert_request(
            "GET", "/share-group-types/default", microversion="2.66"
        )

    def test_get_experimental(self) -> None:
        self.set_server_max("2.54")
        self.requests_mock.get(
            GT_URL + "/" + GT_ID, json={"share_group_type": GROUP_TYPE}
        )
        self.proxy.get_share_group_type(GT_ID)
        self.assert_request(
            "GET",
            "/share-group-types/" + GT_ID,
            microversion="2.54",
            experimental=True,
        )

    def test_get_not_found(self) -> None:
        self.requests_mock.get(
            GT_URL + "/nope",
            status_code=404,
            json=fault(
                "itemNotFound", 404, "Share group type with id nope not found."
            ),
        )
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_group_type,
            "nope",
        )
        self.assertIn("Share group type with id nope not found.", str(error))

    def test_find(self) -> None:
        self.requests_mock.get(
            GT_URL + "/gold",
            status_code=404,
            json=fault("itemNotFound", 404, "not found"),
        )
        self.requests_mock.get(
            GT_URL, json={"share_group_types": [GROUP_TYPE]}
        )
        found = self.proxy.find_share_group_type("gold")
        assert found is not None
        self.assertEqual(GT_ID, found.id)

    def test_create(self) -> None:
        self.requests_mock.post(GT_URL, json={"share_group_type": GROUP_TYPE})
        gt = self.proxy.create_share_group_type(
            "gold",
            ["default"],
            is_public=False,
            group_specs={"consistent_snapshot_support": "pool"},
        )
        self.assertEqual(GT_ID, gt.id)
        self.assert_request(
            "POST",
            "/share-group-types",
            microversion="2.66",
            json_body={
                "share_group_type": {
                    "name": "gold",
                    "share_types": ["default"],
                    "is_public": False,
                    "group_specs": {"consistent_snapshot_support": "pool"},
                }
            },
        )

    def test_create_conflict(self) -> None:
        self.requests_mock.post(
            GT_URL,
            status_code=409,
            json=fault(
                "conflictingRequest",
                409,
                "Share group type gold already exists.",
            ),
        )
        self.assertRaises(
            exceptions.ConflictException,
            self.proxy.create_share_group_type,
            "gold",
            ["default"],
        )

    def test_delete(self) -> None:
        self.requests_mock.delete(GT_URL + "/" + GT_ID, status_code=204)
        self.proxy.delete_share_group_type(GT_ID)
        self.assert_request(
            "DELETE", "/share-group-types/" + GT_ID, microversion="2.66"
        )

    def test_delete_in_use(self) -> None:
        self.requests_mock.delete(
            GT_URL + "/" + GT_ID,
            status_code=400,
            json=fault(
                "badRequest",
                400,
                f"Target share group type with id {GT_ID} is still in use.",
            ),
        )
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.delete_share_group_type,
            GT_ID,
        )
        self.assertIn("still in use", str(error))

    def test_group_specs(self) -> None:
        url = GT_URL + "/" + GT_ID + "/group-specs"
        self.requests_mock.get(url, json={"group_specs": {"a": "1"}})
        self.assertEqual(
            {"a": "1"}, self.proxy.get_share_group_type_group_specs(GT_ID)
        )
        self.assert_request(
            "GET",
            f"/share-group-types/{GT_ID}/group-specs",
            microversion="2.66",
        )
        self.requests_mock.get(url + "/a", json={"a": "1"})
        self.assertEqual(
            "1", self.proxy.get_share_group_type_group_spec(GT_ID, "a")
        )
        self.requests_mock.post(url, json={"group_specs": {"b": "2"}})
        gt = self.proxy.update_share_group_type_group_specs(GT_ID, b="2")
        self.assertEqual({"b": "2"}, gt.group_specs)
        self.assert_request(
            "POST",
            f"/share-group-types/{GT_ID}/group-specs",
            microversion="2.66",
            json_body={"group_specs": {"b": "2"}},
        )
        self.requests_mock.put(url + "/b", json={"b": "3"})
        gt = self.proxy.update_share_group_type_group_spec(GT_ID, "b", "3")
        self.assertEqual("3", gt.group_specs["b"])
        self.assert_request(
            "PUT",
            f"/share-group-types/{GT_ID}/group-specs/b",
            microversion="2.66",
            json_body={"b": "3"},
        )
        self.requests_mock.delete(url + "/b", status_code=204)
        self.proxy.delete_share_group_type_group_spec(GT_ID, "b")
        self.assert_request(
            "DELETE",
            f"/share-group-types/{GT_ID}/group-specs/b",
            microversion="2.66",
        )

    def test_delete_missing_group_spec(self) -> None:
        url = GT_URL + "/" + GT_ID + "/group-specs/zz"
        self.requests_mock.delete(
            url,
            status_code=404,
            json=fault(
                "itemNotFound",
                404,
                f"Share group type {GT_ID} has no group specs with key zz.",
            ),
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_group_type_group_spec,
            GT_ID,
            "zz",
        )
        self.proxy.delete_share_group_type_group_spec(
            GT_ID, "zz", ignore_missing=True
        )

    def test_group_specs_experimental(self) -> None:
        self.set_server_max("2.31")
        url = GT_URL + "/" + GT_ID + "/group-specs"
        self.requests_mock.get(url, json={"group_specs": {}})
        self.proxy.get_share_group_type_group_specs(GT_ID)
        self.assert_request(
            "GET",
            f"/share-group-types/{GT_ID}/group-specs",
            microversion="2.31",
            experimental=True,
        )

    def test_access(self) -> None:
        entry = {"share_group_type_id": GT_ID, "project_id": PROJECT}
        self.requests_mock.get(
            GT_URL + "/" + GT_ID + "/access",
            json={"share_group_type_access": [entry]},
        )
        self.assertEqual([entry], self.proxy.share_group_type_access(GT_ID))
        self.assert_request(
            "GET", f"/share-group-types/{GT_ID}/access", microversion="2.66"
        )
        self.requests_mock.post(
            GT_URL + "/" + GT_ID + "/action", status_code=202
        )
        self.proxy.add_share_group_type_access(GT_ID, PROJECT)
        self.assert_request(
            "POST",
            f"/share-group-types/{GT_ID}/action",
            microversion="2.66",
            json_body={"addProjectAccess": {"project": PROJECT}},
        )
        self.proxy.remove_share_group_type_access(GT_ID, PROJECT)
        self.assert_request(
            "POST",
            f"/share-group-types/{GT_ID}/action",
            microversion="2.66",
            json_body={"removeProjectAccess": {"project": PROJECT}},
        )

    def test_access_action_experimental_and_conflict(self) -> None:
        self.set_server_max("2.50")
        self.requests_mock.post(
            GT_URL + "/" + GT_ID + "/action",
            status_code=409,
            json=fault(
                "conflictingRequest",
                409,
                "Type access modification"
                " is not applicable to public share group type.",
            ),
        )
        error = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.add_share_group_type_access,
            GT_ID,
            PROJECT,
        )
        self.assertIn("public share group type", str(error))
        self.assert_request(
            "POST",
            f"/share-group-types/{GT_ID}/action",
            microversion="2.50",
            experimental=True,
            json_body={"addProjectAccess": {"project": PROJECT}},
        )


class TestGroupProxy(base.TestCase):
    def test_list_detail_and_summary(self) -> None:
        self.requests_mock.get(
            SG_URL + "/detail", json={"share_groups": [GROUP]}
        )
        groups = list(
            self.proxy.share_groups(status="available", all_projects=True)
        )
        self.assertEqual("fakehost@alpha#fast", groups[0].host)
        self.assert_request(
            "GET",
            "/share-groups/detail",
            microversion="2.55",
            query={"status": ["available"], "all_tenants": ["true"]},
        )
        self.requests_mock.get(
            SG_URL,
            json={"share_groups": [{"id": SG_ID, "name": "g1", "links": []}]},
        )
        self.assertEqual(
            ["g1"], [g.name for g in self.proxy.share_groups(False)]
        )
        self.assert_request("GET", "/share-groups", microversion="2.55")

    def test_list_experimental(self) -> None:
        self.set_server_max("2.34")
        self.requests_mock.get(SG_URL + "/detail", json={"share_groups": []})
        list(self.proxy.share_groups())
        self.assert_request(
            "GET",
            "/share-groups/detail",
            microversion="2.34",
            experimental=True,
        )

    def test_list_not_supported(self) -> None:
        self.set_server_max("2.7")
        error = self.assertRaises(
            exceptions.NotSupported, self.proxy.share_groups
        )
        self.assertIn("2.31", str(error))

    def test_get(self) -> None:
        self.requests_mock.get(
            SG_URL + "/" + SG_ID, json={"share_group": GROUP}
        )
        self.assertEqual("g1", self.proxy.get_share_group(SG_ID).name)
        self.assert_request(
            "GET", "/share-groups/" + SG_ID, microversion="2.55"
        )

    def test_get_not_found(self) -> None:
        self.requests_mock.get(
            SG_URL + "/nope",
            status_code=404,
            json=fault("itemNotFound", 404, "Share group nope not found."),
        )
        error = self.assertRaises(
            exceptions.NotFoundException, self.proxy.get_share_group, "nope"
        )
        self.assertIn("Share group nope not found.", str(error))

    def test_find(self) -> None:
        self.requests_mock.get(
            SG_URL + "/g1",
            status_code=404,
            json=fault("itemNotFound", 404, "Share group g1 not found."),
        )
        self.requests_mock.get(
            SG_URL, json={"share_groups": [{"id": SG_ID, "name": "g1"}]}
        )
        found = self.proxy.find_share_group("g1")
        assert found is not None
        self.assertEqual(SG_ID, found.id)
        self.requests_mock.get(
            SG_URL + "/zz",
            status_code=404,
            json=fault("itemNotFound", 404, "Share group zz not found."),
        )
        self.assertIsNone(self.proxy.find_share_group("zz"))

    def test_create(self) -> None:
        self.requests_mock.post(
            SG_URL,
            status_code=202,
            json={"share_group": dict(GROUP, status="creating")},
        )
        group = self.proxy.create_share_group(
            name="g1",
            share_types=[ST_ID],
            share_group_type_id=GT_ID,
            availability_zone="nova",
        )
        self.assertEqual("creating", group.status)
        self.assert_request(
            "POST",
            "/share-groups",
            microversion="2.55",
            json_body={
                "share_group": {
                    "name": "g1",
                    "share_types": [ST_ID],
                    "share_group_type_id": GT_ID,
                    "availability_zone": "nova",
                }
            },
        )

    def test_create_experimental(self) -> None:
        self.set_server_max("2.31")
        self.requests_mock.post(
            SG_URL, status_code=202, json={"share_group": GROUP}
        )
        self.proxy.create_share_group(name="g1")
        self.assert_request(
            "POST",
            "/share-groups",
            microversion="2.31",
            experimental=True,
            json_body={"share_group": {"name": "g1"}},
        )

    def test_create_over_quota(self) -> None:
        self.requests_mock.post(
            SG_URL,
            status_code=413,
            json=fault(
                "overLimit",
                413,
                "ShareGroupsLimitExceeded: Maximum number of "
                "allowed share-groups is exceeded.",
            ),
        )
        error = self.assertRaises(
            exceptions.HttpException, self.proxy.create_share_group
        )
        self.assertEqual(413, error.status_code)

    def test_update(self) -> None:
        self.requests_mock.put(
            SG_URL + "/" + SG_ID, json={"share_group": GROUP}
        )
        self.proxy.update_share_group(SG_ID, name="g2", description="x")
        self.assert_request(
            "PUT",
            "/share-groups/" + SG_ID,
            microversion="2.55",
            json_body={"share_group": {"name": "g2", "description": "x"}},
        )

    def test_delete(self) -> None:
        self.requests_mock.delete(SG_URL + "/" + SG_ID, status_code=202)
        self.proxy.delete_share_group(SG_ID)
        self.assert_request(
            "DELETE", "/share-groups/" + SG_ID, microversion="2.55"
        )

    def test_delete_conflict(self) -> None:
        self.requests_mock.delete(
            SG_URL + "/" + SG_ID,
            status_code=409,
            json=fault(
                "conflictingRequest",
                409,
                "Invalid share group: Cannot delete a share group with shares",
            ),
        )
        error = self.assertRaises(
            exceptions.ConflictException, self.proxy.delete_share_group, SG_ID
        )
        self.assertIn("with shares", str(error))

    def test_actions(self) -> None:
        self.requests_mock.post(
            SG_URL + "/" + SG_ID + "/action", status_code=202
        )
        self.proxy.reset_share_group_status(SG_ID, "error")
        self.assert_request(
            "POST",
            f"/share-groups/{SG_ID}/action",
            microversion="2.55",
            json_body={"reset_status": {"status": "error"}},
        )
        self.proxy.force_delete_share_group(SG_ID)
        self.assert_request(
            "POST",
            f"/share-groups/{SG_ID}/action",
            microversion="2.55",
            json_body={"force_delete": None},
        )

    def test_action_forbidden_and_experimental(self) -> None:
        self.set_server_max("2.40")
        self.requests_mock.post(
            SG_URL + "/" + SG_ID + "/action",
            status_code=403,
            json=fault(
                "forbidden", 403, "Access was denied to this resource."
            ),
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.force_delete_share_group,
            SG_ID,
        )
        self.assert_request(
            "POST",
            f"/share-groups/{SG_ID}/action",
            microversion="2.40",
            experimental=True,
            json_body={"force_delete": None},
        )


class TestGroupSnapshotProxy(base.TestCase):
    def test_list(self) -> None:
        self.requests_mock.get(
            SGS_URL + "/detail", json={"share_group_snapshots": [SNAPSHOT]}
        )
        snaps = list(self.proxy.share_group_snapshots(share_group_id=SG_ID))
        self.assertEqual(SG_ID, snaps[0].share_group_id)
        self.assert_request(
            "GET",
            "/share-group-snapshots/detail",
            microversion="2.55",
            query={"share_group_id": [SG_ID]},
        )
        self.requests_mock.get(SGS_URL, json={"share_group_snapshots": []})
        list(self.proxy.share_group_snapshots(details=False))
        self.assert_request(
            "GET", "/share-group-snapshots", microversion="2.55"
        )

    def test_list_all_tenants_as_openstacksdk_names_it(self) -> None:
        # Code written for openstacksdk passes all_tenants (the wire
        # name of all_projects); it must reach Manila unchanged.
        self.requests_mock.get(
            SGS_URL + "/detail", json={"share_group_snapshots": []}
        )
        list(self.proxy.share_group_snapshots(all_tenants=True))
        self.assert_request(
            "GET",
            "/share-group-snapshots/detail",
            microversion="2.55",
            query={"all_tenants": ["true"]},
        )

    def test_members(self) -> None:
        self.requests_mock.get(
            SGS_URL + "/" + SGS_ID + "/members",
            json={"share_group_snapshot_members": [MEMBER]},
        )
        members = self.proxy.share_group_snapshot_members(SGS_ID)
        self.assertEqual([SHARE_ID], [m.share_id for m in members])
        self.assertEqual("NFS", members[0].share_protocol)
        self.assert_request(
            "GET",
            f"/share-group-snapshots/{SGS_ID}/members",
            microversion="2.55",
        )

    def test_members_experimental(self) -> None:
        self.set_server_max("2.45")
        self.requests_mock.get(
            SGS_URL + "/" + SGS_ID + "/members",
            json={"share_group_snapshot_members": []},
        )
        self.assertEqual([], self.proxy.share_group_snapshot_members(SGS_ID))
        self.assert_request(
            "GET",
            f"/share-group-snapshots/{SGS_ID}/members",
            microversion="2.45",
            experimental=True,
        )

    def test_get_find(self) -> None:
        self.requests_mock.get(
            SGS_URL + "/" + SGS_ID, json={"share_group_snapshot": SNAPSHOT}
        )
        self.assertEqual(
            "s1", self.proxy.get_share_group_snapshot(SGS_ID).name
        )
        self.assert_request(
            "GET", "/share-group-snapshots/" + SGS_ID, microversion="2.55"
        )
        self.requests_mock.get(
            SGS_URL + "/s1",
            status_code=404,
            json=fault("itemNotFound", 404, "not found"),
        )
        self.requests_mock.get(
            SGS_URL,
            json={"share_group_snapshots": [{"id": SGS_ID, "name": "s1"}]},
        )
        found = self.proxy.find_share_group_snapshot("s1")
        assert found is not None
        self.assertEqual(SGS_ID, found.id)

    def test_create(self) -> None:
        self.requests_mock.post(
            SGS_URL,
            status_code=202,
            json={
                "share_group_snapshot": dict(
                    SNAPSHOT, status="creating", members=[]
                )
            },
        )
        snap = self.proxy.create_share_group_snapshot(SG_ID, name="s1")
        self.assertEqual("creating", snap.status)
        self.assert_request(
            "POST",
            "/share-group-snapshots",
            microversion="2.55",
            json_body={
                "share_group_snapshot": {"share_group_id": SG_ID, "name": "s1"}
            },
        )

    def test_create_conflict(self) -> None:
        self.requests_mock.post(
            SGS_URL,
            status_code=409,
            json=fault(
                "conflictingRequest",
                409,
                "Invalid share group: Share group status must be available",
            ),
        )
        error = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.create_share_group_snapshot,
            SG_ID,
        )
        self.assertIn("must be available", str(error))

    def test_update_delete(self) -> None:
        self.requests_mock.put(
            SGS_URL + "/" + SGS_ID, json={"share_group_snapshot": SNAPSHOT}
        )
        self.proxy.update_share_group_snapshot(SGS_ID, description="d")
        self.assert_request(
            "PUT",
            "/share-group-snapshots/" + SGS_ID,
            microversion="2.55",
            json_body={"share_group_snapshot": {"description": "d"}},
        )
        self.requests_mock.delete(SGS_URL + "/" + SGS_ID, status_code=202)
        self.proxy.delete_share_group_snapshot(SGS_ID)
        self.assert_request(
            "DELETE", "/share-group-snapshots/" + SGS_ID, microversion="2.55"
        )

    def test_delete_missing(self) -> None:
        self.requests_mock.delete(
            SGS_URL + "/nope",
            status_code=404,
            json=fault(
                "itemNotFound", 404, "Share group snapshot nope not found."
            ),
        )
        self.proxy.delete_share_group_snapshot("nope")
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_group_snapshot,
            "nope",
            ignore_missing=False,
        )
        self.assertIn("Share group snapshot nope not found.", str(error))

    def test_actions(self) -> None:
        self.requests_mock.post(
            SGS_URL + "/" + SGS_ID + "/action", status_code=202
        )
        self.proxy.reset_share_group_snapshot_status(SGS_ID, "error")
        self.assert_request(
            "POST",
            f"/share-group-snapshots/{SGS_ID}/action",
            microversion="2.55",
            json_body={"reset_status": {"status": "error"}},
        )
        self.proxy.force_delete_share_group_snapshot(SGS_ID)
        self.assert_request(
            "POST",
            f"/share-group-snapshots/{SGS_ID}/action",
            microversion="2.55",
            json_body={"force_delete": None},
        )

    def test_not_supported(self) -> None:
        self.set_server_max("2.30")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.create_share_group_snapshot,
            SG_ID,
        )
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.reset_share_group_snapshot_status,
            SGS_ID,
            "error",
        )
