"""Resource locks (2.81) of the fake server, in-process."""

from __future__ import annotations

import uuid
from typing import Any

from openstack_sfs.tests.unit.fake_server.test_share_transfers import (
    TransferCase,
)

L = "/resource-locks"


class TestResourceLocks(TransferCase):
    def lock(self, resource_id: str, **kw: Any) -> dict[str, Any]:
        body = {
            "resource_lock": {
                "resource_id": resource_id,
                "resource_type": "share",
                "lock_reason": "keep",
            }
        }
        found: dict[str, Any] = self.ok("POST", L, body, **kw)["resource_lock"]
        return found

    def test_lock_blocks_share_delete(self) -> None:
        share = self.available_share()
        lock = self.lock(share["id"])
        self.assertEqual("user", lock["lock_context"])
        self.assertEqual("delete", lock["resource_action"])
        uuid.UUID(lock["user_id"])
        uuid.UUID(lock["project_id"])
        self.fault(
            403,
            "forbidden",
            f"Resource lock/s [{lock['id']}] prevent delete action.",
            "DELETE",
            f"/shares/{share['id']}",
        )
        self.fault(
            403,
            "forbidden",
            None,
            "POST",
            f"/shares/{share['id']}/action",
            {"soft_delete": None},
        )
        self.assertEqual(
            "available", self.record("shares", share["id"])["status"]
        )
        self.ok("DELETE", f"{L}/{lock['id']}", status=204)
        self.ok("DELETE", f"/shares/{share['id']}", status=202)

    def test_list_show_update(self) -> None:
        share = self.available_share()
        lock = self.lock(share["id"])
        rows = self.ok("GET", L, query="with_count=true")
        self.assertEqual(1, rows["count"])
        self.assertEqual(
            [lock["id"]], [r["id"] for r in rows["resource_locks"]]
        )
        self.assertEqual(
            [],
            self.ok("GET", L, query="resource_action=show")["resource_locks"],
        )
        self.assertEqual(
            [], self.ok("GET", L, user="alt_demo")["resource_locks"]
        )
        self.fault(
            404,
            "itemNotFound",
            None,
            "GET",
            f"{L}/{lock['id']}",
            user="alt_demo",
        )
        rows = self.ok("GET", L, user="admin", query="all_projects=1")
        self.assertEqual(1, len(rows["resource_locks"]))
        updated = self.ok(
            "PUT",
            f"{L}/{lock['id']}",
            {"resource_lock": {"lock_reason": "still"}},
        )["resource_lock"]
        self.assertEqual("still", updated["lock_reason"])
        self.fault(
            400,
            "badRequest",
            # Manila's update_request_body schema runs first
            "Invalid input for field/attribute resource_lock. Value: "
            f"{{'resource_id': '{share['id']}'}}. Additional properties "
            "are not allowed ('resource_id' was unexpected)",
            "PUT",
            f"{L}/{lock['id']}",
            {"resource_lock": {"resource_id": share["id"]}},
        )
        self.fault(
            400,
            "badRequest",
            "'resource_action' can only be one of ['delete']",
            "PUT",
            f"{L}/{lock['id']}",
            {"resource_lock": {"resource_action": "show"}},
        )
        self.fault(404, "itemNotFound", None, "GET", L, version="2.80")

    def test_admin_lock_is_admins_only(self) -> None:
        share = self.available_share()
        lock = self.lock(share["id"], user="admin")
        self.assertEqual("admin", lock["lock_context"])
        self.fault(404, "itemNotFound", None, "DELETE", f"{L}/{lock['id']}")

    def test_bad_creates(self) -> None:
        share = self.available_share()
        for body, code, message in (
            ({}, 400, "'resource_lock' is a required property"),
            (
                {"resource_lock": {"resource_id": share["id"]}},
                400,
                "'resource_type' is required and must be one of "
                "('share', 'access_rule')",
            ),
            (
                {
                    "resource_lock": {
                        "resource_id": "x",
                        "resource_type": "share",
                    }
                },
                400,
                "Invalid input for field/attribute resource_id. Value: x. "
                "'x' is not a 'uuid'",
            ),
            (
                {
                    "resource_lock": {
                        "resource_id": share["id"],
                        "resource_type": "share",
                        "resource_action": "show",
                    }
                },
                400,
                "'resource_action' can only be one of ['delete']",
            ),
            (
                {
                    "resource_lock": {
                        "resource_id": str(uuid.uuid4()),
                        "resource_type": "share",
                    }
                },
                400,
                "No such resource found.",
            ),
            (
                {
                    "resource_lock": {
                        "resource_id": share["id"],
                        "resource_type": "share",
                        "lock_reason": "x" * 1024,
                    }
                },
                400,
                "Invalid input for field/attribute lock_reason. Value: "
                f"{'x' * 1024}. '{'x' * 1024}' is too long",
            ),
        ):
            name = "badRequest" if code == 400 else "conflictingRequest"
            self.fault(code, name, message, "POST", L, body)

    def test_deleting_share_cannot_be_locked(self) -> None:
        share = self.available_share()
        self.ok("DELETE", f"/shares/{share['id']}", status=202)
        self.assertEqual(
            "deleting", self.record("shares", share["id"])["status"]
        )
        self.fault(
            409,
            "conflictingRequest",
            "Invalid input received: Resource status not suitable for "
            "locking.",
            "POST",
            L,
            {
                "resource_lock": {
                    "resource_id": share["id"],
                    "resource_type": "share",
                }
            },
        )

    def test_access_rule_show_lock_once(self) -> None:
        share = self.available_share()
        rule = self.ok(
            "POST",
            f"/shares/{share['id']}/action",
            {"allow_access": {"access_type": "ip", "access_to": "10.0.0.2"}},
        )["access"]
        body = {
            "resource_lock": {
                "resource_id": rule["id"],
                "resource_type": "access_rule",
                "resource_action": "show",
            }
        }
        self.ok("POST", L, body)
        self.fault(
            409,
            "conflictingRequest",
            "Resource's visibility is already locked by other user.",
            "POST",
            L,
            body,
        )
