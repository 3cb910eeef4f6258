"""The fake server's share types, quotas, limits and user messages."""

from __future__ import annotations

import datetime
from typing import Any

import falcon.testing
import fixtures
import testtools

from fake_server import config, errors, microversion
from fake_server.app import build_app
from fake_server.cloud import Cloud
from fake_server.config import stable_id
from fake_server.context import Context
from fake_server.share_api import quotas
from openstack_sfs.tests.unit.fake_server.test_core import password_body

DHSS_FALSE = {"driver_handles_share_servers": "False"}
OTHER_PROJECT = "0123456789abcdef0123456789abcdef"


class Base(testtools.TestCase):
    """A manual-progression cloud and a falcon client on it."""

    overrides: dict[str, Any] = {}

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(30, gentle=True))
        data: dict[str, Any] = {"server": {"progression": "manual"}}
        data.update(self.overrides)
        self.cloud = Cloud(config.from_dict(data))
        self.addCleanup(self.cloud.close)
        self.client = falcon.testing.TestClient(build_app(self.cloud))
        self.tokens = {}
        for user in ("demo", "admin", "alt_demo"):
            result = self.client.simulate_post(
                "/identity/v3/auth/tokens", json=password_body(user)
            )
            self.tokens[user] = result.headers["X-Subject-Token"]
        self.demo_project = self.project("demo")
        self.alt_project = self.project("alt_demo")

    def project(self, user: str) -> str:
        account = self.cloud.identity.account_by_name(user)
        assert account is not None
        return str(account.project_id)

    def call(
        self,
        method: str,
        path: str,
        user: str = "demo",
        version: str = "2.99",
        **kwargs: Any,
    ) -> Any:
        headers = {
            "X-Auth-Token": self.tokens[user],
            microversion.HEADER: version,
        }
        return self.client.simulate_request(
            method, "/v2" + path, headers=headers, **kwargs
        )

    def ok(self, status: int, method: str, path: str, **kwargs: Any) -> Any:
        result = self.call(method, path, **kwargs)
        self.assertEqual(status, result.status_code, result.text)
        return result.json if result.text else None

    def fault(
        self,
        status: int,
        name: str,
        message: str | None,
        method: str,
        path: str,
        **kwargs: Any,
    ) -> dict[str, Any]:
        result = self.call(method, path, **kwargs)
        self.assertEqual(status, result.status_code, result.text)
        body: dict[str, Any] = result.json[name]
        if message is not None:
            self.assertEqual(message, body["message"])
        return body

    def make_type(
        self, name: str, public: bool = True, **specs: str
    ) -> dict[str, Any]:
        body = {
            "share_type": {
                "name": name,
                "extra_specs": dict(DHSS_FALSE, **specs),
                "share_type_access:is_public": public,
            }
        }
        return self.ok(200, "POST", "/types", user="admin", json=body)[
            "share_type"
        ]

    def create_share(
        self, size: int = 1, user: str = "demo", **extra: Any
    ) -> Any:
        body = {"share": dict({"share_proto": "NFS", "size": size}, **extra)}
        return self.call("POST", "/shares", user=user, json=body)

    def set_quota(self, project: str, query: str = "", **limits: Any) -> Any:
        return self.ok(
            200,
            "PUT",
            f"/quota-sets/{project}{query}",
            user="admin",
            json={"quota_set": limits},
        )


class TestTypeVisibility(Base):
    def test_demo_sees_public_types_only(self) -> None:
        self.make_type("secret", public=False)
        names = [
            t["name"] for t in self.ok(200, "GET", "/types")["share_types"]
        ]
        self.assertEqual(["default", "dhss_false", "dhss_true"], names)

    def test_both_keys_and_is_public_filter_for_admin(self) -> None:
        self.make_type("secret", public=False)
        body = self.ok(200, "GET", "/types?is_public=false", user="admin")
        self.assertEqual(["secret"], [t["name"] for t in body["share_types"]])
        self.assertEqual(body["share_types"], body["volume_types"])
        everything = self.ok(200, "GET", "/types?is_public=all", user="admin")[
            "share_types"
        ]
        self.assertEqual(4, len(everything))
        public = self.ok(200, "GET", "/types", user="admin")["share_types"]
        self.assertEqual(3, len(public))

    def test_bad_is_public_filter(self) -> None:
        self.fault(
            400,
            "badRequest",
            "Invalid is_public filter [maybe]",
            "GET",
            "/types?is_public=maybe",
            user="admin",
        )

    def test_granted_project_sees_private_type(self) -> None:
        secret = self.make_type("secret", public=False)
        path = f"/types/{secret['id']}"
        self.fault(404, "itemNotFound", "Share type not found.", "GET", path)
        self.ok(
            202,
            "POST",
            path + "/action",
            user="admin",
            json={"addProjectAccess": {"project": self.demo_project}},
        )
        self.assertEqual(
            "secret", self.ok(200, "GET", path)["share_type"]["name"]
        )
        names = [
            t["name"] for t in self.ok(200, "GET", "/types")["share_types"]
        ]
        self.assertIn("secret", names)
        self.fault(404, "itemNotFound", None, "GET", path, user="alt_demo")
        access = self.ok(200, "GET", path + "/share_type_access", user="admin")
        self.assertEqual(
            [{"share_type_id": secret["id"], "project_id": self.demo_project}],
            access["share_type_access"],
        )
        # the os- alias answers the same
        self.assertEqual(
            access,
            self.ok(200, "GET", path + "/os-share-type-access", user="admin"),
        )
        self.ok(
            202,
            "POST",
            path + "/action",
            user="admin",
            json={"removeProjectAccess": {"project": self.demo_project}},
        )
        self.fault(404, "itemNotFound", None, "GET", path)

    def test_show_by_name_is_404(self) -> None:
        self.fault(
            404,
            "itemNotFound",
            "Share type not found.",
            "GET",
            "/types/default_not_an_id",
        )
        self.fault(
            404,
            "itemNotFound",
            "Share type not found.",
            "GET",
            "/types/dhss_true",
        )

    def test_default_type(self) -> None:
        body = self.ok(200, "GET", "/types/default", version="2.46")
        self.assertEqual("default", body["share_type"]["name"])
        self.assertTrue(body["share_type"]["is_default"])
        older = self.ok(200, "GET", "/types/default", version="2.45")
        self.assertNotIn("is_default", older["share_type"])

    def test_extra_specs_filter_needs_2_43(self) -> None:
        self.fault(
            400,
            "badRequest",
            "Filter by 'extra_specs' is not supported by this microversion. "
            "Use 2.43 or greater microversion to be able to use filter "
            "search by 'extra_specs.",
            "GET",
            "/types",
            version="2.42",
            params={"extra_specs": "{'driver_handles_share_servers': 'True'}"},
        )
        body = self.ok(
            200,
            "GET",
            "/types",
            version="2.43",
            params={"extra_specs": "{'driver_handles_share_servers': 'True'}"},
        )
        self.assertEqual(
            ["dhss_true"], [t["name"] for t in body["share_types"]]
        )


class TestTypeViews(Base):
    def test_visibility_key_by_version(self) -> None:
        old = self.ok(200, "GET", "/types/default", version="2.6")
        self.assertTrue(old["share_type"]["os-share-type-access:is_public"])
        self.assertNotIn("share_type_access:is_public", old["share_type"])
        new = self.ok(200, "GET", "/types/default", version="2.7")
        self.assertTrue(new["share_type"]["share_type_access:is_public"])
        self.assertNotIn("os-share-type-access:is_public", new["share_type"])
        self.assertNotIn("description", new["share_type"])
        self.assertIn(
            "description",
            self.ok(200, "GET", "/types/default", version="2.41")[
                "share_type"
            ],
        )

    def test_tenant_view_hides_admin_specs_and_infers(self) -> None:
        made = self.make_type("backend", share_backend_name="ALPHA")
        self.assertEqual("ALPHA", made["extra_specs"]["share_backend_name"])
        seen = self.ok(200, "GET", f"/types/{made['id']}", version="2.24")[
            "share_type"
        ]
        self.assertNotIn("share_backend_name", seen["extra_specs"])
        self.assertFalse(seen["extra_specs"]["snapshot_support"])
        self.assertEqual(
            {"driver_handles_share_servers": "False"},
            seen["required_extra_specs"],
        )
        older = self.ok(200, "GET", f"/types/{made['id']}", version="2.23")[
            "share_type"
        ]
        self.assertNotIn("snapshot_support", older["extra_specs"])


class TestTypeCreateUpdateDelete(Base):
    def post(
        self, status: int, share_type: dict[str, Any], version: str = "2.99"
    ) -> Any:
        return self.call(
            "POST",
            "/types",
            user="admin",
            version=version,
            json={"share_type": share_type},
        )

    def test_create_shows_required_specs_as_sent(self) -> None:
        # Manila's create puts the validated request values on the type it
        # shows (python-manilaclient sends a JSON boolean); the stored
        # specs, and every later view, are strings
        made = self.ok(
            200,
            "POST",
            "/types",
            user="admin",
            json={
                "share_type": {
                    "name": "booleans",
                    "extra_specs": {
                        "driver_handles_share_servers": False,
                        "snapshot_support": True,
                    },
                }
            },
        )["share_type"]
        self.assertIs(
            False, made["required_extra_specs"]["driver_handles_share_servers"]
        )
        self.assertEqual(
            {
                "driver_handles_share_servers": "False",
                "snapshot_support": "True",
            },
            made["extra_specs"],
        )
        shown = self.ok(200, "GET", f"/types/{made['id']}", user="admin")
        self.assertEqual(
            {"driver_handles_share_servers": "False"},
            shown["share_type"]["required_extra_specs"],
        )

    def test_required_spec_missing_or_invalid(self) -> None:
        self.fault(
            400,
            "badRequest",
            "Invalid extra_spec: Required extra specs "
            "'driver_handles_share_servers' not specified.",
            "POST",
            "/types",
            user="admin",
            json={"share_type": {"name": "x", "extra_specs": {}}},
        )
        self.fault(
            400,
            "badRequest",
            "Invalid extra_spec: Value of required extra_spec "
            "driver_handles_share_servers is not valid.",
            "POST",
            "/types",
            user="admin",
            json={
                "share_type": {
                    "name": "x",
                    "extra_specs": {"driver_handles_share_servers": "maybe"},
                }
            },
        )

    def test_optional_specs_validated(self) -> None:
        self.fault(
            400,
            "badRequest",
            "Invalid share type: Invalid extra_spec: Invalid boolean extra "
            "spec snapshot_support : sometimes.",
            "POST",
            "/types",
            user="admin",
            json={
                "share_type": {
                    "name": "x",
                    "extra_specs": dict(
                        DHSS_FALSE, snapshot_support="sometimes"
                    ),
                }
            },
        )
        self.fault(
            400,
            "badRequest",
            "Invalid share type: Invalid extra_spec: Value of optional "
            "extra_spec replication_type is not valid.",
            "POST",
            "/types",
            user="admin",
            json={
                "share_type": {
                    "name": "x",
                    "extra_specs": dict(
                        DHSS_FALSE, replication_type="sideways"
                    ),
                }
            },
        )
        names = [
            t["name"]
            for t in self.ok(200, "GET", "/types?is_public=all", user="admin")[
                "share_types"
            ]
        ]
        self.assertNotIn("x", names)

    def test_name_duplicate_policy_and_description(self) -> None:
        self.fault(
            409,
            "conflictingRequest",
            "Share Type default already exists.",
            "POST",
            "/types",
            user="admin",
            json={
                "share_type": {"name": "default", "extra_specs": DHSS_FALSE}
            },
        )
        self.fault(
            403,
            "forbidden",
            None,
            "POST",
            "/types",
            json={"share_type": {"name": "mine", "extra_specs": DHSS_FALSE}},
        )
        self.fault(
            400,
            "badRequest",
            "Type name or description is not valid.",
            "POST",
            "/types",
            user="admin",
            json={"share_type": {"name": "", "extra_specs": DHSS_FALSE}},
        )
        self.fault(
            400,
            "badRequest",
            "'description' key is not supported by this microversion. Use "
            "2.41 or greater microversion to be able to use 'description' "
            "in share type.",
            "POST",
            "/types",
            user="admin",
            version="2.40",
            json={
                "share_type": {
                    "name": "d",
                    "description": "text",
                    "extra_specs": DHSS_FALSE,
                }
            },
        )

    def test_volume_type_body_and_old_default_spec(self) -> None:
        made = self.ok(
            200,
            "POST",
            "/types",
            user="admin",
            version="2.23",
            json={"volume_type": {"name": "old", "extra_specs": DHSS_FALSE}},
        )
        self.assertEqual(made["share_type"], made["volume_type"])
        self.assertEqual(
            "True", made["share_type"]["extra_specs"]["snapshot_support"]
        )

    def test_update(self) -> None:
        made = self.make_type("before")
        path = f"/types/{made['id']}"
        self.fault(
            404,
            "itemNotFound",
            None,
            "PUT",
            path,
            user="admin",
            version="2.49",
            json={"share_type": {"name": "after"}},
        )
        body = self.ok(
            200,
            "PUT",
            path,
            user="admin",
            version="2.50",
            json={
                "share_type": {
                    "name": "after",
                    "description": "new",
                    "share_type_access:is_public": False,
                }
            },
        )
        shown = body["share_type"]
        self.assertEqual(
            ("after", "new", False),
            (
                shown["name"],
                shown["description"],
                shown["share_type_access:is_public"],
            ),
        )
        self.fault(
            409,
            "conflictingRequest",
            "Share Type default already exists.",
            "PUT",
            path,
            user="admin",
            json={"share_type": {"name": "default"}},
        )
        self.fault(
            400,
            "badRequest",
            "Specify share type name, description, "
            "share_type_access:is_public or a combination thereof.",
            "PUT",
            path,
            user="admin",
            json={"share_type": {}},
        )
        self.fault(
            400,
            "badRequest",
            "share_type_access:is_public has a non-boolean value.",
            "PUT",
            path,
            user="admin",
            json={"share_type": {"share_type_access:is_public": "perhaps"}},
        )

    def test_delete_in_use_then_free(self) -> None:
        made = self.make_type("busy")
        result = self.create_share(share_type="busy")
        self.assertEqual(200, result.status_code, result.text)
        self.fault(
            400,
            "badRequest",
            "Target share type is still in use.",
            "DELETE",
            f"/types/{made['id']}",
            user="admin",
        )
        self.cloud.store.delete("shares", result.json["share"]["id"])
        self.ok(202, "DELETE", f"/types/{made['id']}", user="admin")
        self.fault(
            404,
            "itemNotFound",
            None,
            "DELETE",
            f"/types/{made['id']}",
            user="admin",
        )

    def test_delete_type_of_a_group_type_is_400(self) -> None:
        default_id = stable_id("share_type", "default")
        self.fault(
            400,
            "badRequest",
            "Target share type is still in use.",
            "DELETE",
            f"/types/{default_id}",
            user="admin",
        )


class TestExtraSpecs(Base):
    def test_set_get_put_delete(self) -> None:
        made = self.make_type("specs")
        path = f"/types/{made['id']}/extra_specs"
        body = {
            "extra_specs": {"snapshot_support": "True", "vendor:tier": "gold"}
        }
        self.assertEqual(
            body, self.ok(200, "POST", path, user="admin", json=body)
        )
        specs = self.ok(200, "GET", path, user="admin")["extra_specs"]
        self.assertEqual("gold", specs["vendor:tier"])
        self.assertEqual(
            {"vendor:tier": "silver"},
            self.ok(
                200,
                "PUT",
                path + "/vendor:tier",
                user="admin",
                json={"vendor:tier": "silver"},
            ),
        )
        self.assertEqual(
            {"vendor:tier": "silver"},
            self.ok(200, "GET", path + "/vendor:tier", user="admin"),
        )
        self.ok(202, "DELETE", path + "/vendor:tier", user="admin")
        self.fault(
            404,
            "itemNotFound",
            None,
            "GET",
            path + "/vendor:tier",
            user="admin",
        )
        self.fault(
            404,
            "itemNotFound",
            f"Share Type {made['id']} has no extra specs with key "
            "vendor:tier.",
            "DELETE",
            path + "/vendor:tier",
            user="admin",
        )

    def test_bad_specs(self) -> None:
        made = self.make_type("specs")
        path = f"/types/{made['id']}/extra_specs"
        self.fault(
            400,
            "badRequest",
            "Invalid extra_spec: replication_type: sideways",
            "POST",
            path,
            user="admin",
            json={"extra_specs": {"replication_type": "sideways"}},
        )
        self.fault(
            400,
            "badRequest",
            "Invalid extra_spec: driver_handles_share_servers: x",
            "POST",
            path,
            user="admin",
            json={"extra_specs": {"driver_handles_share_servers": "x"}},
        )
        self.fault(
            400,
            "badRequest",
            "Key names can only contain alphanumeric characters, "
            "underscores, periods, colons and hyphens.",
            "POST",
            path,
            user="admin",
            json={"extra_specs": {"a b": "c"}},
        )
        self.fault(
            400,
            "badRequest",
            "Invalid extra_spec: Invalid boolean extra spec "
            "snapshot_support : nah.",
            "PUT",
            path + "/snapshot_support",
            user="admin",
            json={"snapshot_support": "nah"},
        )
        self.fault(
            400,
            "badRequest",
            "Request body and URI mismatch",
            "PUT",
            path + "/a",
            user="admin",
            json={"b": "c"},
        )
        self.fault(
            400,
            "badRequest",
            "Request body contains too many items",
            "PUT",
            path + "/a",
            user="admin",
            json={"a": "1", "b": "2"},
        )
        self.fault(
            403,
            "forbidden",
            "Extra spec 'driver_handles_share_servers' can't be deleted.",
            "DELETE",
            path + "/driver_handles_share_servers",
            user="admin",
        )
        self.fault(403, "forbidden", None, "GET", path)
        self.assertEqual(
            "False",
            self.cloud.store.get("share_types", made["id"])["extra_specs"][
                "driver_handles_share_servers"
            ],
        )


class TestTypeAccessErrors(Base):
    def test_access_cases(self) -> None:
        public = stable_id("share_type", "dhss_true")
        self.fault(
            404,
            "itemNotFound",
            "Access list not available for public share types.",
            "GET",
            f"/types/{public}/share_type_access",
            user="admin",
        )
        self.fault(
            409,
            "conflictingRequest",
            "Type access modification is not applicable to public share type.",
            "POST",
            f"/types/{public}/action",
            user="admin",
            json={"addProjectAccess": {"project": OTHER_PROJECT}},
        )
        secret = self.make_type("secret", public=False)
        action = f"/types/{secret['id']}/action"
        self.fault(
            400,
            "badRequest",
            "Bad project format: project is not in proper format (nope)",
            "POST",
            action,
            user="admin",
            json={"addProjectAccess": {"project": "nope"}},
        )
        self.ok(
            202,
            "POST",
            action,
            user="admin",
            json={"addProjectAccess": {"project": OTHER_PROJECT}},
        )
        self.fault(
            409,
            "conflictingRequest",
            f"Share type access for {secret['id']} / "
            f"{OTHER_PROJECT} combination already exists.",
            "POST",
            action,
            user="admin",
            json={"addProjectAccess": {"project": OTHER_PROJECT}},
        )
        self.fault(
            404,
            "itemNotFound",
            f"Share type access not found for {secret['id']} / "
            f"{self.alt_project} combination.",
            "POST",
            action,
            user="admin",
            json={"removeProjectAccess": {"project": self.alt_project}},
        )
        self.fault(
            403,
            "forbidden",
            None,
            "POST",
            action,
            json={"addProjectAccess": {"project": OTHER_PROJECT}},
        )


class TestQuotaEnforcement(Base):
    def test_share_count_over_quota(self) -> None:
        self.set_quota(self.demo_project, shares=1)
        self.assertEqual(200, self.create_share().status_code)
        body = self.fault(
            413,
            "overLimit",
            "ShareLimitExceeded: Maximum number of shares allowed (1) "
            "either per project/user or share type quota is exceeded.",
            "POST",
            "/shares",
            json={"share": {"share_proto": "NFS", "size": 1}},
        )
        self.assertEqual("0", body["retryAfter"])
        self.assertEqual(1, len(self.cloud.store.select("shares")))
        # another project is not affected
        self.assertEqual(200, self.create_share(user="alt_demo").status_code)

    def test_gigabytes_over_quota(self) -> None:
        self.set_quota(self.demo_project, gigabytes=10)
        self.assertEqual(200, self.create_share(size=8).status_code)
        self.fault(
            413,
            "overLimit",
            "ShareSizeExceedsAvailableQuota: Requested share exceeds "
            "allowed project/user or share type gigabytes quota.",
            "POST",
            "/shares",
            json={"share": {"share_proto": "NFS", "size": 3}},
        )
        self.assertEqual(200, self.create_share(size=2).status_code)

    def test_per_share_type_quota(self) -> None:
        type_id = stable_id("share_type", "dhss_false")
        self.set_quota(self.demo_project, "?share_type=dhss_false", shares=1)
        first = self.create_share(share_type="dhss_false")
        self.assertEqual(200, first.status_code, first.text)
        self.fault(
            413,
            "overLimit",
            None,
            "POST",
            "/shares",
            json={
                "share": {
                    "share_proto": "NFS",
                    "size": 1,
                    "share_type": type_id,
                }
            },
        )
        self.assertEqual(200, self.create_share().status_code)
        shown = self.ok(
            200,
            "GET",
            f"/quota-sets/{self.demo_project}/detail?share_type=dhss_false",
        )["quota_set"]
        self.assertEqual(
            {"limit": 1, "in_use": 1, "reserved": 0}, shown["shares"]
        )
        self.assertNotIn("share_networks", shown)
        self.assertNotIn("share_groups", shown)

    def test_per_share_gigabytes(self) -> None:
        self.set_quota(self.demo_project, per_share_gigabytes=5)
        self.fault(
            413,
            "overLimit",
            "ShareSizeExceedsLimit: Requested share size 6 is "
            "larger than maximum allowed limit 5.",
            "POST",
            "/shares",
            json={"share": {"share_proto": "NFS", "size": 6}},
        )
        self.assertEqual(200, self.create_share(size=5).status_code)

    def test_user_quota_enforced_when_user_given(self) -> None:
        account = self.cloud.identity.account_by_name("demo")
        assert account is not None
        self.set_quota(
            self.demo_project, f"?user_id={account.user_id}", shares=1
        )
        self.assertEqual(200, self.create_share().status_code)
        error = self.assertRaises(
            errors.OverLimit,
            quotas.check,
            self.cloud,
            self.demo_project,
            {"shares": 1},
            None,
            account.user_id,
        )
        self.assertIn("Maximum number of shares allowed (1)", str(error))
        quotas.check(
            self.cloud,
            self.demo_project,
            {"shares": 1},
            None,
            "some-other-user",
        )

    def test_snapshot_and_network_checks(self) -> None:
        self.set_quota(self.demo_project, snapshots=0, share_networks=0)
        error = self.assertRaises(
            errors.OverLimit,
            quotas.check,
            self.cloud,
            self.demo_project,
            {"snapshots": 1},
        )
        self.assertIn("SnapshotLimitExceeded", str(error))
        error = self.assertRaises(
            errors.OverLimit,
            quotas.check,
            self.cloud,
            self.demo_project,
            {"share_networks": 1},
        )
        self.assertIn(
            "Maximum number of share-networks allowed (0) exceeded.",
            str(error),
        )

    def test_default_class_changes_defaults(self) -> None:
        body = self.ok(
            200,
            "PUT",
            "/quota-class-sets/default",
            user="admin",
            json={"quota_class_set": {"shares": 2}},
        )
        self.assertEqual(2, body["quota_class_set"]["shares"])
        self.assertNotIn("id", body["quota_class_set"])
        defaults = self.ok(
            200, "GET", f"/quota-sets/{self.demo_project}/defaults"
        )
        self.assertEqual(2, defaults["quota_set"]["shares"])
        self.assertEqual(200, self.create_share().status_code)
        self.assertEqual(200, self.create_share().status_code)
        self.assertEqual(413, self.create_share().status_code)


class TestQuotaApi(Base):
    def test_update_below_usage_needs_force(self) -> None:
        self.assertEqual(200, self.create_share(size=3).status_code)
        self.assertEqual(200, self.create_share(size=3).status_code)
        path = f"/quota-sets/{self.demo_project}"
        self.fault(
            400,
            "badRequest",
            "Quota value 1 for shares is smaller than already used "
            "and reserved 2.",
            "PUT",
            path,
            user="admin",
            json={"quota_set": {"shares": 1}},
        )
        body = self.set_quota(self.demo_project, shares=1, force=True)
        self.assertEqual(1, body["quota_set"]["shares"])
        self.assertNotIn("id", body["quota_set"])
        self.assertEqual(1, self.ok(200, "GET", path)["quota_set"]["shares"])

    def test_update_errors(self) -> None:
        path = f"/quota-sets/{self.demo_project}"
        cases = [
            (
                {"quota_set": {}},
                "",
                "Must supply at least one quota field to update.",
            ),
            (
                {"quota_set": {"shares": 1, "pets": 3}},
                "",
                "Bad key(s) pets in quota_set.",
            ),
            (
                {"quota_set": {"shares": "lots"}},
                "",
                "Quota 'lots' for shares should be integer.",
            ),
            (
                {"quota_set": {"shares": -2}},
                "",
                "Quota limit must be -1 or greater.",
            ),
            (
                {"quota_set": {"shares": 1}},
                "?user_id=u&share_type=default",
                "'user_id' and 'share_type' values are mutually exclusive",
            ),
            (
                {"quota_set": {"share_networks": 1}},
                "?share_type=default",
                "'share_networks' quota cannot be set for share type. It can "
                "be set only for project or user.",
            ),
            (
                {"quota_set": {"shares": 60}},
                "?share_type=default",
                "Quota limit must be less than 50.",
            ),
        ]
        for body, query, message in cases:
            self.fault(
                400,
                "badRequest",
                message,
                "PUT",
                path + query,
                user="admin",
                json=body,
            )
        self.fault(
            404,
            "itemNotFound",
            "Share type with name or id 'nope' not found.",
            "PUT",
            path + "?share_type=nope",
            user="admin",
            json={"quota_set": {"shares": 1}},
        )
        self.fault(
            403,
            "forbidden",
            None,
            "PUT",
            path,
            json={"quota_set": {"shares": 1}},
        )
        self.assertIsNone(
            self.cloud.store.get("quota_overrides", self.demo_project)
        )

    def test_version_gates(self) -> None:
        path = f"/quota-sets/{self.demo_project}"
        self.fault(
            400,
            "badRequest",
            "'share_replicas' key is not supported by this microversion. "
            "Use 2.53 or greater microversion to be able to use "
            "'share_replicas' quotas.",
            "PUT",
            path,
            user="admin",
            version="2.52",
            json={"quota_set": {"share_replicas": 3}},
        )
        self.fault(
            400,
            "badRequest",
            "'share_type' key is not supported by this microversion. Use "
            "2.39 or greater microversion to be able to use 'share_type' "
            "quotas.",
            "GET",
            path + "?share_type=default",
            version="2.38",
        )

    def test_views_by_version(self) -> None:
        path = f"/quota-sets/{self.demo_project}"
        keys_27 = set(self.ok(200, "GET", path, version="2.7")["quota_set"])
        self.assertEqual(
            {
                "id",
                "shares",
                "gigabytes",
                "snapshots",
                "snapshot_gigabytes",
                "share_networks",
            },
            keys_27,
        )
        keys_262 = set(self.ok(200, "GET", path, version="2.62")["quota_set"])
        self.assertEqual(
            keys_27
            | {
                "share_groups",
                "share_group_snapshots",
                "share_replicas",
                "replica_gigabytes",
                "per_share_gigabytes",
            },
            keys_262,
        )
        keys_299 = set(self.ok(200, "GET", path)["quota_set"])
        self.assertEqual(
            keys_262 | {"backups", "backup_gigabytes", "encryption_keys"},
            keys_299,
        )
        self.fault(
            404, "itemNotFound", None, "GET", path + "/detail", version="2.24"
        )

    def test_legacy_urls(self) -> None:
        legacy = f"/os-quota-sets/{self.demo_project}"
        self.assertEqual(
            50,
            self.ok(200, "GET", legacy, version="2.6")["quota_set"]["shares"],
        )
        self.fault(404, "itemNotFound", None, "GET", legacy, version="2.7")
        self.fault(
            404,
            "itemNotFound",
            None,
            "GET",
            f"/quota-sets/{self.demo_project}",
            version="2.6",
        )
        body = self.ok(
            200,
            "PUT",
            "/os-quota-class-sets/gold",
            user="admin",
            version="2.6",
            json={"quota_class_set": {"shares": 7}},
        )
        self.assertEqual(7, body["quota_class_set"]["shares"])

    def test_isolation_and_delete(self) -> None:
        self.fault(
            403, "forbidden", None, "GET", f"/quota-sets/{self.alt_project}"
        )
        self.fault(403, "forbidden", None, "GET", "/quota-class-sets/default")
        self.set_quota(self.demo_project, shares=5)
        self.set_quota(self.demo_project, "?share_type=default", shares=2)
        self.ok(
            202, "DELETE", f"/quota-sets/{self.demo_project}", user="admin"
        )
        self.assertEqual(
            50,
            self.ok(
                200,
                "GET",
                f"/quota-sets/{self.demo_project}?share_type=default",
            )["quota_set"]["shares"],
        )
        self.fault(
            403,
            "forbidden",
            None,
            "DELETE",
            f"/quota-sets/{self.demo_project}",
        )

    def test_class_update_validation(self) -> None:
        self.fault(
            400,
            "badRequest",
            "Invalid input for field/attribute shares. Value: many. "
            "'many' is not of type 'integer'",
            "PUT",
            "/quota-class-sets/default",
            user="admin",
            json={"quota_class_set": {"shares": "many"}},
        )
        self.fault(
            400,
            "badRequest",
            "'quota_class_set' is a required property",
            "PUT",
            "/quota-class-sets/default",
            user="admin",
            json={},
        )
        shown = self.ok(200, "GET", "/quota-class-sets/gold", user="admin")
        self.assertEqual("gold", shown["quota_class_set"]["id"])
        self.assertEqual(50, shown["quota_class_set"]["shares"])


class TestLimits(Base):
    def test_limits_follow_quotas_and_usage(self) -> None:
        self.set_quota(self.demo_project, shares=7)
        self.assertEqual(200, self.create_share(size=4).status_code)
        body = self.ok(200, "GET", "/limits", version="2.0")["limits"]
        self.assertEqual([], body["rate"])
        absolute = body["absolute"]
        self.assertEqual(7, absolute["maxTotalShares"])
        self.assertEqual(1, absolute["totalSharesUsed"])
        self.assertEqual(4, absolute["totalShareGigabytesUsed"])
        self.assertEqual(10, absolute["maxTotalShareNetworks"])
        self.assertNotIn("maxTotalShareReplicas", absolute)
        at_253 = self.ok(200, "GET", "/limits", version="2.53")["limits"][
            "absolute"
        ]
        self.assertEqual(100, at_253["maxTotalShareReplicas"])
        self.assertNotIn("maxTotalShareGroups", at_253)
        at_258 = self.ok(200, "GET", "/limits", version="2.58")["limits"][
            "absolute"
        ]
        self.assertEqual(50, at_258["maxTotalShareGroupSnapshots"])
        self.assertNotIn("maxTotalShareBackups", at_258)
        alt = self.ok(200, "GET", "/limits", user="alt_demo")
        self.assertEqual(0, alt["limits"]["absolute"]["totalSharesUsed"])


class TestUserMessages(Base):
    def failed_share(self, user: str = "demo") -> str:
        result = self.create_share(user=user, share_type="nowhere")
        self.assertEqual(200, result.status_code, result.text)
        share_id: str = result.json["share"]["id"]
        self.cloud.bus.advance()
        self.assertEqual(
            "error", self.cloud.store.get("shares", share_id)["status"]
        )
        return share_id

    def setUp(self) -> None:
        super().setUp()
        self.make_type("nowhere", share_backend_name="NO_SUCH_BACKEND")

    def test_no_valid_host_message(self) -> None:
        share_id = self.failed_share()
        messages = self.ok(200, "GET", "/messages")["messages"]
        self.assertEqual(1, len(messages))
        message = messages[0]
        self.assertEqual(
            "allocate host: No storage could be allocated for this share "
            "request, Capabilities filter didn't succeed.",
            message["user_message"],
        )
        self.assertEqual(
            ("SHARE", share_id, "001", "008", "ERROR"),
            (
                message["resource_type"],
                message["resource_id"],
                message["action_id"],
                message["detail_id"],
                message["message_level"],
            ),
        )
        self.assertEqual(self.demo_project, message["project_id"])
        self.assertIsNotNone(message["expires_at"])
        self.assertGreater(message["expires_at"], message["created_at"])
        shown = self.ok(200, "GET", f"/messages/{message['id']}")
        self.assertEqual(message, shown["message"])
        self.fault(
            404, "itemNotFound", None, "GET", "/messages", version="2.36"
        )

    def test_isolation_filters_and_delete(self) -> None:
        mine = self.failed_share()
        theirs = self.failed_share("alt_demo")
        own = self.ok(200, "GET", "/messages")["messages"]
        self.assertEqual([mine], [m["resource_id"] for m in own])
        everything = self.ok(200, "GET", "/messages", user="admin")
        self.assertEqual(
            {mine, theirs}, {m["resource_id"] for m in everything["messages"]}
        )
        self.assertEqual(
            [],
            self.ok(200, "GET", "/messages?resource_id=nothing")["messages"],
        )
        self.assertEqual(
            1,
            len(
                self.ok(
                    200, "GET", f"/messages?resource_id={mine}&action_id=001"
                )["messages"]
            ),
        )
        future = "2999-01-01T00:00:00"
        self.assertEqual(
            [],
            self.ok(200, "GET", f"/messages?created_since={future}")[
                "messages"
            ],
        )
        # before 2.52 the time filters are ignored
        self.assertEqual(
            1,
            len(
                self.ok(
                    200,
                    "GET",
                    f"/messages?created_since={future}",
                    version="2.51",
                )["messages"]
            ),
        )
        self.assertEqual(
            1,
            len(
                self.ok(200, "GET", f"/messages?created_before={future}")[
                    "messages"
                ]
            ),
        )
        self.fault(
            400,
            "badRequest",
            "Invalid value specified for the query key: created_since",
            "GET",
            "/messages?created_since=soon",
        )
        self.fault(
            400,
            "badRequest",
            "Invalid input received: Invalid sort key colour.",
            "GET",
            "/messages?sort_key=colour",
        )
        other = everything["messages"][0]["id"]
        if everything["messages"][0]["resource_id"] == mine:
            other = everything["messages"][1]["id"]
        self.fault(
            404,
            "itemNotFound",
            f"Message {other} could not be found.",
            "GET",
            f"/messages/{other}",
        )
        self.fault(404, "itemNotFound", None, "DELETE", f"/messages/{other}")
        message_id = own[0]["id"]
        self.ok(204, "DELETE", f"/messages/{message_id}")
        self.assertEqual([], self.ok(200, "GET", "/messages")["messages"])
        self.assertEqual(
            1, len(self.ok(200, "GET", "/messages", user="admin")["messages"])
        )

    def test_limit_offset_sort(self) -> None:
        first = self.failed_share()
        second = self.failed_share()
        newest_first = [
            m["resource_id"]
            for m in self.ok(200, "GET", "/messages")["messages"]
        ]
        self.assertEqual([second, first], newest_first)
        oldest = self.ok(200, "GET", "/messages?sort_dir=asc&limit=1")
        self.assertEqual(
            [first], [m["resource_id"] for m in oldest["messages"]]
        )
        self.assertIn("messages_links", oldest)
        skipped = self.ok(200, "GET", "/messages?offset=1")["messages"]
        self.assertEqual([first], [m["resource_id"] for m in skipped])
        self.fault(
            400,
            "badRequest",
            "Invalid input for query parameters limit. Value: x. "
            "'x' does not match '^[0-9]*$'",
            "GET",
            "/messages?limit=x",
        )


class TestMessageExpiry(testtools.TestCase):
    def test_user_message_sets_expiry(self) -> None:
        cloud = Cloud(config.from_dict({"server": {"progression": "manual"}}))
        self.addCleanup(cloud.close)
        record = cloud.user_message("p", "SHARE", "r", "001", "002")
        created = datetime.datetime.fromisoformat(record["created_at"])
        expected = created + datetime.timedelta(days=30)
        self.assertEqual(
            expected.isoformat(timespec="microseconds"), record["expires_at"]
        )


class TestContextHelpers(testtools.TestCase):
    def test_limits_for_scopes(self) -> None:
        cloud = Cloud(
            config.from_dict(
                {"server": {"progression": "manual"}, "quotas": {"shares": 9}}
            )
        )
        self.addCleanup(cloud.close)
        ctx = Context(user_id="u", project_id="p", roles=frozenset({"admin"}))
        self.assertEqual(9, quotas.limits_for(cloud, "p")["shares"])
        quotas.update(cloud, ctx, "p", {"shares": 4})
        quotas.update(cloud, ctx, "p", {"shares": 2}, user_id="u")
        self.assertEqual(4, quotas.limits_for(cloud, "p")["shares"])
        self.assertEqual(2, quotas.limits_for(cloud, "p", "u")["shares"])
        self.assertEqual(4, quotas.limit(cloud, "p", "shares"))
        # a project limit below the users' granted sum is refused
        error = self.assertRaises(
            errors.BadRequest, quotas.update, cloud, ctx, "p", {"shares": 1}
        )
        self.assertIn("Quota limit must be greater than 2.", str(error))
