"""Access rule locks (2.82) as resource-lock records, duplicate rules
and the share states access changes need, against Manila 23.0.1.

api/v2/shares.py (_allow_access, _create_access_locks,
_check_for_access_rule_locks), api/v2/share_accesses.py
(_is_rule_restricted), lock/api.py (access_is_restricted), share/api.py
(allow_access, _any_invalid_share_instance) and the database's
_check_for_existing_access and share_instance_access_delete.
"""

from __future__ import annotations

from typing import Any

import falcon.testing
import fixtures
import testtools

from fake_server import config, microversion
from fake_server.app import build_app
from fake_server.cloud import Cloud

USERS: list[dict[str, Any]] = [
    {"name": "admin", "roles": ["admin", "member", "reader"]},
    {"name": "demo"},
    # a second user of demo's project
    {"name": "demo_colleague", "project": "demo"},
    {"name": "alt_demo"},
]


class AccessTestCase(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(30, gentle=True))
        self.cloud = Cloud(
            config.from_dict(
                {"server": {"progression": "manual"}, "users": USERS}
            )
        )
        self.addCleanup(self.cloud.close)
        self.client = falcon.testing.TestClient(build_app(self.cloud))
        self.tokens = {u["name"]: self.token(u) for u in USERS}
        self.share_id = self.share()

    def token(self, user: dict[str, Any]) -> str:
        body = {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {
                        "user": {
                            "name": user["name"],
                            "domain": {"name": "Default"},
                            "password": "password",
                        }
                    },
                },
                "scope": {
                    "project": {
                        "name": user.get("project", user["name"]),
                        "domain": {"name": "Default"},
                    }
                },
            }
        }
        result = self.client.simulate_post(
            "/identity/v3/auth/tokens", json=body
        )
        self.assertEqual(201, result.status_code, result.text)
        return str(result.headers["X-Subject-Token"])

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        user: str = "demo",
        version: str = "2.99",
    ) -> Any:
        headers = {
            "X-Auth-Token": self.tokens[user],
            microversion.HEADER: version,
        }
        return self.client.simulate_request(
            method, "/v2" + path, headers=headers, json=body
        )

    def fault(self, result: Any, code: int, name: str) -> str:
        self.assertEqual(code, result.status_code, result.text)
        return str(result.json[name]["message"])

    def share(self, user: str = "demo") -> str:
        body = {"share": {"share_proto": "NFS", "size": 1}}
        result = self.call("POST", "/shares", body, user=user)
        self.assertEqual(200, result.status_code, result.text)
        self.cloud.bus.advance()
        return str(result.json["share"]["id"])

    def allow(self, access_to: str, user: str = "demo", **extra: Any) -> Any:
        body = {
            "allow_access": dict(
                access_type="ip", access_to=access_to, **extra
            )
        }
        return self.call(
            "POST", f"/shares/{self.share_id}/action", body, user=user
        )

    def deny(self, access_id: str, user: str = "demo", **extra: Any) -> Any:
        body = {"deny_access": dict(access_id=access_id, **extra)}
        return self.call(
            "POST", f"/shares/{self.share_id}/action", body, user=user
        )

    def locks(self, **filters: str) -> list[dict[str, Any]]:
        query = "&".join(f"{k}={v}" for k, v in filters.items())
        result = self.call(
            "GET", f"/resource-locks?all_projects=true&{query}", user="admin"
        )
        self.assertEqual(200, result.status_code, result.text)
        return list(result.json["resource_locks"])


class TestAccessRuleLocks(AccessTestCase):
    def test_locks_are_resource_lock_records(self) -> None:
        result = self.allow(
            "10.0.0.1",
            lock_visibility=True,
            lock_deletion=True,
            lock_reason="audit",
        )
        self.assertEqual(200, result.status_code, result.text)
        rule_id = result.json["access"]["id"]
        self.assertEqual("10.0.0.1", result.json["access"]["access_to"])
        on_rule = self.locks(resource_id=rule_id)
        self.assertEqual(
            {("access_rule", "delete"), ("access_rule", "show")},
            {(r["resource_type"], r["resource_action"]) for r in on_rule},
        )
        self.assertEqual({"audit"}, {r["lock_reason"] for r in on_rule})
        deletion = next(r for r in on_rule if r["resource_action"] == "delete")
        on_share = self.locks(resource_id=self.share_id)
        self.assertEqual(1, len(on_share))
        self.assertEqual(
            f"Locked by access lock: {deletion['id']}",
            on_share[0]["lock_reason"],
        )
        # one visibility lock per rule
        result = self.call(
            "POST",
            "/resource-locks",
            {
                "resource_lock": {
                    "resource_id": rule_id,
                    "resource_type": "access_rule",
                    "resource_action": "show",
                }
            },
        )
        self.assertEqual(
            "Resource's visibility is already locked by other user.",
            self.fault(result, 409, "conflictingRequest"),
        )
        # the share's deletion lock holds the share
        result = self.call("DELETE", f"/shares/{self.share_id}")
        self.assertEqual(403, result.status_code, result.text)

    def test_lock_reason_needs_a_lock(self) -> None:
        result = self.allow("10.0.0.1", lock_reason="why")
        self.assertEqual(
            "Lock reason can only be specified when locking the visibility "
            "or the deletion of an access rule.",
            self.fault(result, 400, "badRequest"),
        )

    def test_visibility_lock_masks_for_everyone_but_its_owner(self) -> None:
        rule_id = self.allow("10.0.0.1", lock_visibility=True).json["access"][
            "id"
        ]
        self.cloud.bus.advance()
        for user, shown in (
            ("demo", "10.0.0.1"),
            ("admin", "10.0.0.1"),
            ("demo_colleague", "******"),
        ):
            rule = self.call(
                "GET", f"/share-access-rules/{rule_id}", user=user
            ).json["access"]
            self.assertEqual(shown, rule["access_to"], user)
            self.assertEqual(
                None if shown != "******" else "******", rule["access_key"]
            )
            listed = self.call(
                "GET",
                f"/share-access-rules?share_id={self.share_id}",
                user=user,
            ).json["access_list"]
            self.assertEqual([shown], [r["access_to"] for r in listed], user)
        # a filter on a hidden field does not reveal the rule
        listed = self.call(
            "GET",
            f"/share-access-rules?share_id={self.share_id}&access_type=ip"
            "&access_to=10.0.0.1",
            user="demo_colleague",
        ).json["access_list"]
        self.assertEqual([], listed)

    def test_only_the_lock_owner_or_admin_may_unrestrict(self) -> None:
        rule_id = self.allow("10.0.0.1", lock_deletion=True).json["access"][
            "id"
        ]
        self.cloud.bus.advance()
        result = self.deny(rule_id)
        self.assertEqual(
            f"Cannot deny access for share '{self.share_id}' since it has "
            "been locked. Please remove the locks and retry the operation",
            self.fault(result, 403, "forbidden"),
        )
        result = self.deny(rule_id, user="demo_colleague", unrestrict=True)
        self.assertEqual(
            "Unable to drop access rule restrictions that are not placed by "
            "you.",
            self.fault(result, 403, "forbidden"),
        )
        result = self.deny(rule_id, unrestrict=True)
        self.assertEqual(202, result.status_code, result.text)
        self.cloud.bus.advance()
        # the rule went, and the locks with it
        self.assertEqual([], self.locks())
        self.assertEqual(
            202, self.call("DELETE", f"/shares/{self.share_id}").status_code
        )

    def test_admin_may_unrestrict(self) -> None:
        rule_id = self.allow("10.0.0.1", lock_deletion=True).json["access"][
            "id"
        ]
        self.cloud.bus.advance()
        result = self.deny(rule_id, user="admin", unrestrict=True)
        self.assertEqual(202, result.status_code, result.text)


class TestDuplicateRules(AccessTestCase):
    def test_alternate_notations_are_the_same_rule(self) -> None:
        for first, second in (
            ("1.2.3.4", "1.2.3.4/32"),
            ("10.0.0.0/24", "10.0.0.0/24"),
            ("::1/128", "::1"),
        ):
            self.assertEqual(200, self.allow(first).status_code)
            result = self.allow(second)
            self.assertEqual(
                f"Share access ip:{second} exists.",
                self.fault(result, 400, "badRequest"),
            )
        # a longer address that starts alike is another rule
        self.assertEqual(200, self.allow("1.2.3.40").status_code)

    def test_a_rule_being_denied_still_exists(self) -> None:
        rule_id = self.allow("1.2.3.4").json["access"]["id"]
        self.cloud.bus.advance()
        self.assertEqual(202, self.deny(rule_id).status_code)
        result = self.allow("1.2.3.4")
        self.assertEqual(400, result.status_code, result.text)
        self.cloud.bus.advance()
        self.assertEqual(200, self.allow("1.2.3.4").status_code)

    def test_snapshot_rules(self) -> None:
        body = {"snapshot": {"share_id": self.share_id}}
        result = self.call("POST", "/snapshots", body)
        self.assertEqual(202, result.status_code, result.text)
        snapshot_id = result.json["snapshot"]["id"]
        self.cloud.bus.advance()
        path = f"/snapshots/{snapshot_id}/action"
        self.assertEqual(
            "available",
            self.call("GET", f"/snapshots/{snapshot_id}").json["snapshot"][
                "status"
            ],
        )
        for first, second in (("1.2.3.4", "1.2.3.4/32"), ("::1", "::1/128")):
            body = {"allow_access": {"access_type": "ip", "access_to": first}}
            result = self.call("POST", path, body)
            self.assertEqual(202, result.status_code, result.text)
            body = {"allow_access": {"access_type": "ip", "access_to": second}}
            result = self.call("POST", path, body)
            self.assertEqual(
                f"Share snapshot access ip:{second} exists.",
                self.fault(result, 400, "badRequest"),
            )


class TestAccessNeedsValidInstances(AccessTestCase):
    """share/api.py _any_invalid_share_instance, with error allowed from
    2.74 only."""

    MESSAGE = (
        "New access rules cannot be applied while the share or any of its "
        "replicas or migration copies lacks a valid host or is in an "
        "invalid state."
    )

    def test_share_in_error(self) -> None:
        self.cloud.store.update("shares", self.share_id, status="error")
        result = self.call(
            "POST",
            f"/shares/{self.share_id}/action",
            {"allow_access": {"access_type": "ip", "access_to": "1.1.1.1"}},
            version="2.73",
        )
        self.assertEqual(self.MESSAGE, self.fault(result, 400, "badRequest"))
        result = self.call(
            "POST",
            f"/shares/{self.share_id}/action",
            {"allow_access": {"access_type": "ip", "access_to": "1.1.1.1"}},
            version="2.74",
        )
        self.assertEqual(200, result.status_code, result.text)

    def test_replica_in_error(self) -> None:
        # a replicated share whose second replica failed
        body = {
            "share": {
                "share_proto": "NFS",
                "size": 1,
                "share_type": "dhss_false",
            }
        }
        result = self.call("POST", "/shares", body)
        self.share_id = result.json["share"]["id"]
        self.cloud.bus.advance()
        result = self.call(
            "POST",
            "/share-replicas",
            {"share_replica": {"share_id": self.share_id}},
        )
        self.assertEqual(202, result.status_code, result.text)
        replica_id = result.json["share_replica"]["id"]
        self.cloud.bus.advance()
        self.cloud.store.update("share_replicas", replica_id, status="error")
        self.assertEqual(
            "available",
            self.call("GET", f"/shares/{self.share_id}").json["share"][
                "status"
            ],
        )
        for version, code in (("2.73", 400), ("2.74", 200)):
            result = self.call(
                "POST",
                f"/shares/{self.share_id}/action",
                {
                    "allow_access": {
                        "access_type": "ip",
                        "access_to": "1.1.1.1",
                    }
                },
                version=version,
            )
            self.assertEqual(code, result.status_code, result.text)
        self.assertEqual(
            self.MESSAGE,
            self.fault(
                self.call(
                    "POST",
                    f"/shares/{self.share_id}/action",
                    {
                        "allow_access": {
                            "access_type": "ip",
                            "access_to": "2.2.2.2",
                        }
                    },
                    version="2.73",
                ),
                400,
                "badRequest",
            ),
        )
