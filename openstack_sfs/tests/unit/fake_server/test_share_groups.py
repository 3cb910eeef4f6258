"""Fake server share groups, group types and group snapshots under manual
progression: every status step, Manila's faults and messages."""

from __future__ import annotations

from typing import Any

import falcon.testing
import fixtures
import testtools

from fake_server import config, microversion
from fake_server.app import build_app
from fake_server.cloud import Cloud
from openstack_sfs.tests.unit.fake_server.test_core import password_body

HOST = "fakehost@alpha"
PROJECT = "6a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9"


class GroupTestCase(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(30, gentle=True))
        self.cloud = Cloud(
            config.from_dict({"server": {"progression": "manual"}})
        )
        self.addCleanup(self.cloud.close)
        self.client = falcon.testing.TestClient(build_app(self.cloud))
        self.tokens = {}
        for user in ("demo", "admin", "alt_demo"):
            result = self.client.simulate_post(
                "/identity/v3/auth/tokens", json=password_body(user)
            )
            self.tokens[user] = result.headers["X-Subject-Token"]
        self.default_type = self.cloud.store.select(
            "share_types", lambda t: t["name"] == "default"
        )[0]

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        user: str = "demo",
        version: str = "2.99",
        experimental: bool = False,
    ) -> Any:
        headers = {
            "X-Auth-Token": self.tokens[user],
            microversion.HEADER: version,
        }
        if experimental:
            headers[microversion.EXPERIMENTAL_HEADER] = "True"
        return self.client.simulate_request(
            method, "/v2" + path, headers=headers, json=body
        )

    def ok(self, result: Any, status: int = 200) -> Any:
        self.assertEqual(status, result.status_code, result.text)
        return result.json if result.content else None

    def fault(self, result: Any, status: int, name: str) -> str:
        self.assertEqual(status, result.status_code, result.text)
        body = result.json[name]
        self.assertEqual(status, body["code"])
        message: str = body["message"]
        return message

    def group(self, group_id: str) -> dict[str, Any]:
        return self.cloud.store.get("share_groups", group_id)

    def make_group(self, advance: bool = True, **extra: Any) -> Any:
        result = self.call("POST", "/share-groups", {"share_group": extra})
        group = self.ok(result, 202)["share_group"]
        self.assertEqual("creating", group["status"])
        if advance:
            self.cloud.bus.advance()
            self.assertEqual("available", self.group(group["id"])["status"])
        return group

    def make_share(self, group_id: str, **extra: Any) -> Any:
        body = {
            "share": dict(
                {"share_proto": "NFS", "size": 1, "share_group_id": group_id},
                **extra,
            )
        }
        share = self.ok(self.call("POST", "/shares", body))["share"]
        self.cloud.bus.advance()
        record = self.cloud.store.get("shares", share["id"])
        self.assertEqual("available", record["status"])
        return record

    def make_snapshot(self, group_id: str, advance: bool = True) -> Any:
        body = {"share_group_snapshot": {"share_group_id": group_id}}
        result = self.call("POST", "/share-group-snapshots", body)
        snap = self.ok(result, 202)["share_group_snapshot"]
        self.assertEqual("creating", snap["status"])
        self.assertEqual([], snap["members"])
        if advance:
            self.cloud.bus.advance()
        return snap


class TestGroupTypes(GroupTestCase):
    def test_default_seeded_and_versions(self) -> None:
        types = self.ok(self.call("GET", "/share-group-types"))
        (default,) = types["share_group_types"]
        self.assertEqual("default", default["name"])
        self.assertTrue(default["is_default"])
        self.assertEqual([self.default_type["id"]], default["share_types"])
        shown = self.ok(self.call("GET", "/share-group-types/default"))
        self.assertEqual(default["id"], shown["share_group_type"]["id"])
        old = self.ok(
            self.call(
                "GET", "/share-group-types", version="2.45", experimental=True
            )
        )
        self.assertNotIn("is_default", old["share_group_types"][0])

    def test_experimental_window(self) -> None:
        self.fault(
            self.call("GET", "/share-group-types", version="2.54"),
            404,
            "itemNotFound",
        )
        self.ok(
            self.call(
                "GET", "/share-group-types", version="2.31", experimental=True
            )
        )
        self.fault(
            self.call(
                "GET", "/share-group-types", version="2.30", experimental=True
            ),
            404,
            "itemNotFound",
        )

    def create_type(self, **extra: Any) -> Any:
        body = {
            "share_group_type": dict(
                {"name": "gold", "share_types": ["default"]}, **extra
            )
        }
        result = self.call("POST", "/share-group-types", body, user="admin")
        return self.ok(result)["share_group_type"]

    def test_create_and_faults(self) -> None:
        gt = self.create_type(group_specs={"a": "b"}, is_public=False)
        self.assertEqual([self.default_type["id"]], gt["share_types"])
        self.assertEqual({"a": "b"}, gt["group_specs"])
        self.assertFalse(gt["is_public"])
        body: dict[str, Any] = {
            "share_group_type": {"name": "gold", "share_types": ["x"]}
        }
        self.assertEqual(
            "Share group type gold already exists.",
            self.fault(
                self.call("POST", "/share-group-types", body, user="admin"),
                409,
                "conflictingRequest",
            ),
        )
        body = {"share_group_type": {"name": "new", "share_types": ["x"]}}
        self.assertEqual(
            "Share Type x does not exist.",
            self.fault(
                self.call("POST", "/share-group-types", body, user="admin"),
                404,
                "itemNotFound",
            ),
        )
        body = {"share_group_type": {"name": "new"}}
        self.assertEqual(
            "Supported share types must be provided.",
            self.fault(
                self.call("POST", "/share-group-types", body, user="admin"),
                400,
                "badRequest",
            ),
        )
        body = {
            "share_group_type": {
                "name": "new",
                "share_types": ["default"],
                "group_specs": {"a": 1},
            }
        }
        self.assertEqual(
            "Group specs keys and values should be strings.",
            self.fault(
                self.call("POST", "/share-group-types", body, user="admin"),
                400,
                "badRequest",
            ),
        )
        body = {"share_group_type": {"name": "x", "share_types": ["default"]}}
        self.fault(
            self.call("POST", "/share-group-types", body),
            403,
            "forbidden",
        )

    def test_private_type_visibility_and_access(self) -> None:
        gt = self.create_type(is_public=False)
        path = f"/share-group-types/{gt['id']}"
        self.fault(self.call("GET", path), 404, "itemNotFound")
        self.assertEqual(
            [],
            self.ok(self.call("GET", path + "/access", user="admin"))[
                "share_group_type_access"
            ],
        )
        demo = self.cloud.identity.project_ids()["demo"]
        action = {"addProjectAccess": {"project": demo}}
        result = self.call("POST", path + "/action", action, user="admin")
        self.ok(result, 202)
        self.assertEqual(
            "gold", self.ok(self.call("GET", path))["share_group_type"]["name"]
        )
        listed = self.ok(self.call("GET", path + "/access", user="admin"))
        self.assertEqual(
            [{"share_group_type_id": gt["id"], "project_id": demo}],
            listed["share_group_type_access"],
        )
        self.assertIn(
            "already exists",
            self.fault(
                self.call("POST", path + "/action", action, user="admin"),
                409,
                "conflictingRequest",
            ),
        )
        remove = {"removeProjectAccess": {"project": PROJECT}}
        self.assertEqual(
            f"Share group type access not found for {gt['id']} / "
            f"{PROJECT} combination.",
            self.fault(
                self.call("POST", path + "/action", remove, user="admin"),
                404,
                "itemNotFound",
            ),
        )
        bad = {"addProjectAccess": {"project": "not-a-uuid"}}
        self.assertEqual(
            "Project value (not-a-uuid) must be in uuid format.",
            self.fault(
                self.call("POST", path + "/action", bad, user="admin"),
                400,
                "badRequest",
            ),
        )

    def test_public_type_access(self) -> None:
        default = self.cloud.store.select("share_group_types")[0]
        path = f"/share-group-types/{default['id']}"
        self.assertEqual(
            "Access list not available for public share group types.",
            self.fault(
                self.call("GET", path + "/access", user="admin"),
                404,
                "itemNotFound",
            ),
        )
        action = {"addProjectAccess": {"project": PROJECT}}
        self.assertEqual(
            "Type access modification is not applicable to public share "
            "group type.",
            self.fault(
                self.call("POST", path + "/action", action, user="admin"),
                409,
                "conflictingRequest",
            ),
        )

    def test_group_specs(self) -> None:
        gt = self.create_type()
        path = f"/share-group-types/{gt['id']}/group-specs"
        body = {"group_specs": {"consistent_snapshot_support": "host"}}
        self.assertEqual(
            body, self.ok(self.call("POST", path, body, user="admin"))
        )
        self.assertEqual(
            {"x": "1"},
            self.ok(self.call("PUT", path + "/x", {"x": "1"}, user="admin")),
        )
        self.assertEqual(
            {"x": "1"}, self.ok(self.call("GET", path + "/x", user="admin"))
        )
        self.assertEqual(
            {"consistent_snapshot_support": "host", "x": "1"},
            self.ok(self.call("GET", path, user="admin"))["group_specs"],
        )
        self.assertEqual(
            "Request body and URI mismatch.",
            self.fault(
                self.call("PUT", path + "/x", {"y": "1"}, user="admin"),
                400,
                "badRequest",
            ),
        )
        self.assertEqual(
            "Invalid extra_spec: k: ",
            self.fault(
                self.call(
                    "POST", path, {"group_specs": {"k": ""}}, user="admin"
                ),
                400,
                "badRequest",
            ),
        )
        self.ok(self.call("DELETE", path + "/x", user="admin"), 204)
        self.assertEqual(
            f"Share group type {gt['id']} has no group specs with key x.",
            self.fault(
                self.call("DELETE", path + "/x", user="admin"),
                404,
                "itemNotFound",
            ),
        )
        self.fault(self.call("GET", path), 403, "forbidden")

    def test_group_specs_filter(self) -> None:
        self.create_type(group_specs={"k": "v"})
        query = "/share-group-types?group_specs={'k':'v'}"
        listed = self.ok(self.call("GET", query))["share_group_types"]
        self.assertEqual(["gold"], [t["name"] for t in listed])
        self.assertIn(
            "Use 2.66 or greater",
            self.fault(
                self.call("GET", query, version="2.65"), 400, "badRequest"
            ),
        )

    def test_delete_in_use_then_deleted(self) -> None:
        gt = self.create_type()
        self.make_group(share_group_type_id=gt["id"])
        path = f"/share-group-types/{gt['id']}"
        self.assertEqual(
            f"Target share group type with id {gt['id']} is still in use.",
            self.fault(
                self.call("DELETE", path, user="admin"), 400, "badRequest"
            ),
        )
        other = self.create_type(name="silver")
        self.ok(
            self.call(
                "DELETE", f"/share-group-types/{other['id']}", user="admin"
            ),
            204,
        )
        self.assertIsNone(
            self.cloud.store.get("share_group_types", other["id"])
        )


class TestGroups(GroupTestCase):
    def test_create_steps(self) -> None:
        group = self.make_group(advance=False, name="g1")
        self.assertIsNone(group["host"])
        self.assertEqual([self.default_type["id"]], group["share_types"])
        self.assertEqual(1, self.cloud.bus.advance(steps=1))
        record = self.group(group["id"])
        self.assertEqual("creating", record["status"])
        self.assertTrue(record["host"].startswith("fakehost@"))
        self.assertIn("#", record["host"])
        self.assertEqual(1, self.cloud.bus.advance(steps=1))
        shown = self.ok(self.call("GET", f"/share-groups/{group['id']}"))
        group_view = shown["share_group"]
        self.assertEqual("available", group_view["status"])
        self.assertEqual("nova", group_view["availability_zone"])
        self.assertEqual("pool", group_view["consistent_snapshot_support"])
        self.assertNotIn("share_server_id", group_view)
        admin = self.ok(
            self.call("GET", f"/share-groups/{group['id']}", user="admin")
        )
        self.assertIn("share_server_id", admin["share_group"])
        old = self.ok(
            self.call(
                "GET",
                f"/share-groups/{group['id']}",
                version="2.33",
                experimental=True,
            )
        )
        self.assertNotIn("availability_zone", old["share_group"])

    def test_driver_failure_is_error(self) -> None:
        for backend in self.cloud.config.backends:
            backend.failures["create_share_group"] = 1
        group = self.make_group(advance=False)
        self.cloud.bus.advance()
        self.assertEqual("error", self.group(group["id"])["status"])

    def test_bad_input(self) -> None:
        cases = [
            ({"bogus": 1}, "The fields {'bogus'} are invalid."),
            (
                {"share_types": ["x"]},
                "The 'share_types' attribute must be a list of uuids",
            ),
            (
                {"share_group_type_id": "x"},
                "The 'share_group_type_id' attribute must be a uuid.",
            ),
            (
                {"share_network_id": "x"},
                "The 'share_network_id' attribute must be a uuid.",
            ),
            (
                {"share_group_type_id": PROJECT},
                "Invalid input received: The specified share group type "
                f"{PROJECT} does not exist.",
            ),
            (
                {"share_types": [PROJECT]},
                f"Share type with id {PROJECT} could not be found.",
            ),
            (
                {
                    "share_types": [self.default_type["id"]],
                    "source_share_group_snapshot_id": PROJECT,
                },
                "Cannot supply both 'share_types' and "
                "'source_share_group_snapshot_id' attributes.",
            ),
            (
                {"source_share_group_snapshot_id": PROJECT},
                f"Share group snapshot {PROJECT} could not be found.",
            ),
        ]
        for body, message in cases:
            result = self.call("POST", "/share-groups", {"share_group": body})
            self.assertEqual(message, self.fault(result, 400, "badRequest"))
        self.assertEqual(
            "'share_group' is missing from the request body.",
            self.fault(
                self.call("POST", "/share-groups", {"x": {}}),
                400,
                "badRequest",
            ),
        )
        self.assertEqual(
            "Availability zone nowhere could not be found.",
            self.fault(
                self.call(
                    "POST",
                    "/share-groups",
                    {"share_group": {"availability_zone": "nowhere"}},
                ),
                404,
                "itemNotFound",
            ),
        )
        self.assertEqual([], self.cloud.store.select("share_groups"))

    def test_dhss_type_needs_network(self) -> None:
        dhss = self.cloud.store.select(
            "share_types", lambda t: t["name"] == "dhss_true"
        )[0]
        body = {"share_group": {"share_types": [dhss["id"]]}}
        # the default group type does not support dhss_true: subset check
        # comes after the network check
        self.assertEqual(
            "Invalid input received: When using a share type with the "
            "driver_handles_share_servers extra spec as True, a "
            "share_network_id must be provided.",
            self.fault(
                self.call("POST", "/share-groups", body), 400, "badRequest"
            ),
        )
        both = {
            "share_group": {
                "share_types": [dhss["id"], self.default_type["id"]]
            }
        }
        self.assertIn(
            "conflicting values",
            self.fault(
                self.call("POST", "/share-groups", both), 400, "badRequest"
            ),
        )

    def test_quota(self) -> None:
        project = self.cloud.identity.project_ids()["demo"]
        self.ok(
            self.call(
                "PUT",
                f"/quota-sets/{project}",
                {"quota_set": {"share_groups": 1}},
                user="admin",
            )
        )
        self.make_group()
        self.assertEqual(
            "ShareGroupsLimitExceeded: Maximum number of allowed "
            "share-groups is exceeded.",
            self.fault(
                self.call("POST", "/share-groups", {"share_group": {}}),
                413,
                "overLimit",
            ),
        )
        limits = self.ok(self.call("GET", "/limits"))["limits"]["absolute"]
        self.assertEqual(1, limits["totalShareGroupsUsed"])
        self.assertEqual(1, limits["maxTotalShareGroups"])

    def test_share_lands_on_group_host(self) -> None:
        group = self.make_group()
        share = self.make_share(group["id"])
        self.assertEqual(self.group(group["id"])["host"], share["host"])
        self.assertEqual(group["id"], share["share_group_id"])
        self.assertTrue(share["export_locations"])
        shown = self.ok(
            self.call("GET", f"/shares/detail?share_group_id={group['id']}")
        )
        self.assertEqual([share["id"]], [s["id"] for s in shown["shares"]])

    def test_share_into_group_faults(self) -> None:
        group = self.make_group(advance=False)
        body = {
            "share": {
                "share_proto": "NFS",
                "size": 1,
                "share_group_id": group["id"],
            }
        }
        self.assertEqual(
            "Share group status must be available, got creating.",
            self.fault(self.call("POST", "/shares", body), 400, "badRequest"),
        )
        self.cloud.bus.advance()
        body["share"]["share_type"] = "dhss_false"
        dhss_false = self.cloud.store.select(
            "share_types", lambda t: t["name"] == "dhss_false"
        )[0]
        self.assertEqual(
            f"The specified share type ({dhss_false['id']}) is not "
            f"supported by the specified share group ({group['id']}).",
            self.fault(self.call("POST", "/shares", body), 400, "badRequest"),
        )
        body["share"].pop("share_type")
        body["share"]["share_group_id"] = PROJECT
        self.assertEqual(
            f"Share group {PROJECT} could not be found.",
            self.fault(
                self.call("POST", "/shares", body), 404, "itemNotFound"
            ),
        )
        body["share"]["share_group_id"] = group["id"]
        self.fault(
            self.call("POST", "/shares", body, user="alt_demo"),
            404,
            "itemNotFound",
        )

    def test_delete_rules(self) -> None:
        group = self.make_group()
        share = self.make_share(group["id"])
        path = f"/share-groups/{group['id']}"
        self.assertEqual(
            "Invalid share group: Cannot delete a share group with shares",
            self.fault(self.call("DELETE", path), 409, "conflictingRequest"),
        )
        self.assertIn(
            "Must provide 'share_group_id'",
            self.fault(
                self.call("DELETE", f"/shares/{share['id']}"),
                400,
                "badRequest",
            ),
        )
        self.ok(
            self.call(
                "DELETE",
                f"/shares/{share['id']}?share_group_id={group['id']}",
            ),
            202,
        )
        self.cloud.bus.advance()
        self.ok(self.call("DELETE", path), 202)
        self.assertEqual("deleting", self.group(group["id"])["status"])
        self.cloud.bus.advance()
        self.assertIsNone(self.group(group["id"]))

    def test_delete_needs_available_or_error(self) -> None:
        group = self.make_group(advance=False)
        self.cloud.bus.advance(steps=1)  # scheduled, host set, creating
        self.assertEqual(
            "Invalid share group: Share group status must be one of "
            "('available', 'error')",
            self.fault(
                self.call("DELETE", f"/share-groups/{group['id']}"),
                409,
                "conflictingRequest",
            ),
        )

    def test_update_list_and_isolation(self) -> None:
        group = self.make_group(name="g1")
        path = f"/share-groups/{group['id']}"
        updated = self.ok(
            self.call("PUT", path, {"share_group": {"description": "d"}})
        )
        self.assertEqual("d", updated["share_group"]["description"])
        self.assertIn(
            "are invalid or not allowed to be updated",
            self.fault(
                self.call("PUT", path, {"share_group": {"host": "x"}}),
                400,
                "badRequest",
            ),
        )
        self.assertEqual(
            f"Share group {group['id']} not found.",
            self.fault(
                self.call("GET", path, user="alt_demo"), 404, "itemNotFound"
            ),
        )
        summary = self.ok(self.call("GET", "/share-groups?name=g1"))
        self.assertEqual(
            {"id", "name", "links"}, set(summary["share_groups"][0])
        )
        self.assertEqual(
            [],
            self.ok(self.call("GET", "/share-groups/detail", user="alt_demo"))[
                "share_groups"
            ],
        )
        everyone = self.ok(
            self.call("GET", "/share-groups?all_tenants=1", user="admin")
        )
        self.assertEqual(1, len(everyone["share_groups"]))
        self.assertEqual(
            "Invalid input received: Share groups cannot be filtered using "
            "'snapshot_id' key.",
            self.fault(
                self.call("GET", "/share-groups?snapshot_id=x"),
                400,
                "badRequest",
            ),
        )

    def test_admin_actions(self) -> None:
        group = self.make_group()
        action = f"/share-groups/{group['id']}/action"
        body = {"reset_status": {"status": "error"}}
        self.fault(self.call("POST", action, body), 403, "forbidden")
        self.ok(self.call("POST", action, body, user="admin"), 202)
        self.assertEqual("error", self.group(group["id"])["status"])
        self.assertIn(
            "Invalid state.",
            self.fault(
                self.call(
                    "POST",
                    action,
                    {"reset_status": {"status": "bogus"}},
                    user="admin",
                ),
                400,
                "badRequest",
            ),
        )
        self.cloud.store.update(
            "share_groups", group["id"], status="available"
        )
        share = self.make_share(group["id"])
        self.make_snapshot(group["id"])
        self.ok(
            self.call("POST", action, {"force_delete": None}, user="admin"),
            202,
        )
        self.assertIsNone(self.group(group["id"]))
        self.assertIsNone(self.cloud.store.get("shares", share["id"]))
        self.assertEqual([], self.cloud.store.select("share_group_snapshots"))
        self.assertEqual(
            [], self.cloud.store.select("share_group_snapshot_members")
        )


class TestGroupSnapshots(GroupTestCase):
    def test_create_steps_and_members(self) -> None:
        group = self.make_group()
        share = self.make_share(group["id"])
        snap = self.make_snapshot(group["id"], advance=False)
        record = self.cloud.store.get("share_group_snapshots", snap["id"])
        self.assertEqual("creating", record["status"])
        members = self.cloud.store.select("share_group_snapshot_members")
        self.assertEqual(["creating"], [m["status"] for m in members])
        self.assertEqual(1, self.cloud.bus.advance())
        shown = self.ok(
            self.call("GET", f"/share-group-snapshots/{snap['id']}")
        )["share_group_snapshot"]
        self.assertEqual("available", shown["status"])
        self.assertEqual(
            [{"id": members[0]["id"], "size": 1, "share_id": share["id"]}],
            shown["members"],
        )
        listed = self.ok(
            self.call("GET", f"/share-group-snapshots/{snap['id']}/members")
        )["share_group_snapshot_members"]
        self.assertEqual("NFS", listed[0]["share_protocol"])
        self.assertEqual(snap["id"], listed[0]["share_group_snapshot_id"])
        self.assertEqual(
            "available",
            self.cloud.store.get(
                "share_group_snapshot_members", members[0]["id"]
            )["status"],
        )
        # the member blocks the share's delete; the snapshot the group's
        self.assertEqual(
            "Invalid share: Share still has 1 dependent share group "
            "snapshot members.",
            self.fault(
                self.call(
                    "DELETE",
                    f"/shares/{share['id']}?share_group_id={group['id']}",
                ),
                403,
                "forbidden",
            ),
        )
        self.assertIn(
            "with snapshots",
            self.fault(
                self.call("DELETE", f"/share-groups/{group['id']}"),
                409,
                "conflictingRequest",
            ),
        )

    def test_create_faults(self) -> None:
        group = self.make_group(advance=False)
        body = {"share_group_snapshot": {"share_group_id": group["id"]}}
        self.assertEqual(
            "Invalid share group: Share group status must be available",
            self.fault(
                self.call("POST", "/share-group-snapshots", body),
                409,
                "conflictingRequest",
            ),
        )
        self.assertEqual(
            "Must supply 'share_group_id' attribute.",
            self.fault(
                self.call(
                    "POST",
                    "/share-group-snapshots",
                    {"share_group_snapshot": {}},
                ),
                400,
                "badRequest",
            ),
        )
        body = {"share_group_snapshot": {"share_group_id": PROJECT}}
        self.assertEqual(
            f"Share group {PROJECT} could not be found.",
            self.fault(
                self.call("POST", "/share-group-snapshots", body),
                400,
                "badRequest",
            ),
        )
        self.cloud.bus.advance()
        share = self.make_share(group["id"])
        self.cloud.store.update("shares", share["id"], status="error")
        body = {"share_group_snapshot": {"share_group_id": group["id"]}}
        self.assertIn(
            f"Share {share['id']} in share group must have status of "
            "available",
            self.fault(
                self.call("POST", "/share-group-snapshots", body),
                409,
                "conflictingRequest",
            ),
        )

    def test_driver_failure_is_error(self) -> None:
        group = self.make_group()
        host = self.group(group["id"])["host"].partition("#")[0]
        self.cloud.managers[host].backend.failures[
            "create_share_group_snapshot"
        ] = 1
        snap = self.make_snapshot(group["id"])
        record = self.cloud.store.get("share_group_snapshots", snap["id"])
        self.assertEqual("error", record["status"])

    def test_group_from_snapshot(self) -> None:
        group = self.make_group()
        share = self.make_share(group["id"], size=2)
        snap = self.make_snapshot(group["id"])
        body = {
            "share_group": {
                "name": "copy",
                "source_share_group_snapshot_id": snap["id"],
            }
        }
        copy = self.ok(self.call("POST", "/share-groups", body), 202)[
            "share_group"
        ]
        self.assertEqual("creating", copy["status"])
        self.assertEqual(self.group(group["id"])["host"], copy["host"])
        self.assertEqual(snap["id"], copy["source_share_group_snapshot_id"])
        new_shares = self.cloud.store.select(
            "shares", lambda s: s.get("share_group_id") == copy["id"]
        )
        self.assertEqual(["creating"], [s["status"] for s in new_shares])
        self.assertEqual(1, self.cloud.bus.advance())
        self.assertEqual("available", self.group(copy["id"])["status"])
        new_share = self.cloud.store.get("shares", new_shares[0]["id"])
        self.assertEqual("available", new_share["status"])
        self.assertEqual(2, new_share["size"])
        self.assertEqual(share["host"], new_share["host"])
        self.assertTrue(new_share["export_locations"])
        member = self.cloud.store.select("share_group_snapshot_members")[0]
        self.assertEqual(
            member["id"], new_share["source_share_group_snapshot_member_id"]
        )
        bad = {
            "share_group": {
                "source_share_group_snapshot_id": snap["id"],
                "share_network_id": PROJECT,
            }
        }
        self.assertIn(
            "the share network is inherited from the source",
            self.fault(
                self.call("POST", "/share-groups", bad), 400, "badRequest"
            ),
        )

    def test_source_not_available_409(self) -> None:
        group = self.make_group()
        snap = self.make_snapshot(group["id"], advance=False)
        body = {"share_group": {"source_share_group_snapshot_id": snap["id"]}}
        self.assertEqual(
            "Invalid share group snapshot: Share group snapshot status must "
            "be available.",
            self.fault(
                self.call("POST", "/share-groups", body),
                409,
                "conflictingRequest",
            ),
        )

    def test_update_delete_and_admin_actions(self) -> None:
        group = self.make_group()
        snap = self.make_snapshot(group["id"])
        path = f"/share-group-snapshots/{snap['id']}"
        updated = self.ok(
            self.call("PUT", path, {"share_group_snapshot": {"name": "n"}})
        )
        self.assertEqual("n", updated["share_group_snapshot"]["name"])
        action = path + "/action"
        body = {"reset_status": {"status": "creating"}}
        self.fault(self.call("POST", action, body), 403, "forbidden")
        self.ok(self.call("POST", action, body, user="admin"), 202)
        self.assertEqual(
            "Invalid share group snapshot: Share group snapshot status must "
            "be one of ('available', 'error')",
            self.fault(self.call("DELETE", path), 409, "conflictingRequest"),
        )
        body = {"reset_status": {"status": "available"}}
        self.ok(self.call("POST", action, body, user="admin"), 202)
        self.ok(self.call("DELETE", path), 202)
        record = self.cloud.store.get("share_group_snapshots", snap["id"])
        self.assertEqual("deleting", record["status"])
        self.cloud.bus.advance()
        self.assertIsNone(
            self.cloud.store.get("share_group_snapshots", snap["id"])
        )
        self.assertEqual(
            f"Share group snapshot {snap['id']} not found.",
            self.fault(self.call("GET", path), 404, "itemNotFound"),
        )
        other = self.make_snapshot(group["id"])
        self.ok(
            self.call(
                "POST",
                f"/share-group-snapshots/{other['id']}/action",
                {"force_delete": None},
                user="admin",
            ),
            202,
        )
        self.assertEqual([], self.cloud.store.select("share_group_snapshots"))

    def test_list_filters(self) -> None:
        group = self.make_group()
        self.make_snapshot(group["id"])
        listed = self.ok(
            self.call(
                "GET", f"/share-group-snapshots?share_group_id={group['id']}"
            )
        )["share_group_snapshots"]
        self.assertEqual({"id", "name", "links"}, set(listed[0]))
        self.assertEqual(
            [],
            self.ok(
                self.call("GET", "/share-group-snapshots/detail?status=error")
            )["share_group_snapshots"],
        )
        self.assertIn(
            "cannot be filtered using 'bogus' key",
            self.fault(
                self.call("GET", "/share-group-snapshots?bogus=1"),
                400,
                "badRequest",
            ),
        )


class TestGarbage(GroupTestCase):
    """Every share group route, with real ids, survives garbage input."""

    def test_no_500(self) -> None:
        import json

        from fake_server.api import share_groups as groups_ctl
        from fake_server.errors import FAULT_NAMES
        from openstack_sfs.tests.unit.fake_server import test_robustness

        group = self.make_group()
        self.make_share(group["id"])
        snap = self.make_snapshot(group["id"])
        ids = {
            "group_type_id": self.cloud.store.select("share_group_types")[0][
                "id"
            ],
            "share_group_id": group["id"],
            "group_snapshot_id": snap["id"],
            "key": "k",
        }
        bodies: list[bytes] = list(test_robustness.RAW_BODIES)
        keys = (
            "share_group",
            "share_group_type",
            "share_group_snapshot",
            "group_specs",
            "k",
        )
        fields = (
            "name",
            "description",
            "share_types",
            "is_public",
            "group_specs",
            "share_group_type_id",
            "share_network_id",
            "availability_zone",
            "source_share_group_snapshot_id",
            "share_group_id",
            "status",
            "project",
            "k",
        )
        for value in test_robustness.WRONG_VALUES:
            inner = {field: value for field in fields}
            for payload in (value, inner):
                bodies.append(json.dumps({k: payload for k in keys}).encode())
        names = set(FAULT_NAMES.values()) | {"computeFault"}
        for route in groups_ctl.ROUTES:
            if route.experimental:
                continue
            path = "/v2" + route.template.format(**ids)
            for user in ("demo", "admin"):
                headers = {
                    "X-Auth-Token": self.tokens[user],
                    microversion.HEADER: "2.99",
                    "Content-Type": "application/json",
                }
                sent: list[tuple[bytes | None, str]]
                if route.method in ("GET", "DELETE"):
                    sent = [(None, test_robustness.QUERY + "&group_specs=[")]
                else:
                    payloads = bodies
                    if route.action:
                        payloads = [
                            json.dumps({route.action: json.loads(b)}).encode()
                            for b in bodies
                            if b.strip().startswith(b"{")
                            and b.strip().endswith(b"}")
                        ] + list(test_robustness.RAW_BODIES)
                    sent = [(b, "") for b in payloads]
                for body, query in sent:
                    result = self.client.simulate_request(
                        route.method,
                        path,
                        headers=headers,
                        body=body,
                        query_string=query,
                    )
                    what = f"{user} {route.method} {path} {body!r:.80}"
                    self.assertLess(result.status_code, 500, what)
                    if result.status_code >= 400 and result.content:
                        ((name, inner),) = result.json.items()
                        self.assertIn(name, names, what)
                        self.assertEqual(result.status_code, inner["code"])
                self.cloud.bus.advance()
