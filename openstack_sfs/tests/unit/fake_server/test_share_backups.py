"""Share backups (2.80, experimental) of the fake server, in-process."""

from __future__ import annotations

from typing import Any

from openstack_sfs.tests.unit.fake_server.test_share_transfers import (
    TransferCase,
)

B = "/share-backups"


class TestShareBackups(TransferCase):
    def backup(self, share_id: str, **kw: Any) -> dict[str, Any]:
        found: dict[str, Any] = self.ok(
            "POST",
            B,
            {"share_backup": {"share_id": share_id, "name": "b"}},
            202,
            experimental=True,
            **kw,
        )["share_backup"]
        return found

    def test_create_restore_delete_step_by_step(self) -> None:
        share = self.available_share()
        backup = self.backup(share["id"])
        self.assertEqual("creating", backup["status"])
        self.assertEqual(
            "backup_creating", self.record("shares", share["id"])["status"]
        )
        self.cloud.bus.advance()
        self.assertEqual(
            "available", self.record("share_backups", backup["id"])["status"]
        )
        self.assertEqual(
            "available", self.record("shares", share["id"])["status"]
        )
        shown = self.ok("GET", f"{B}/{backup['id']}", experimental=True)
        self.assertEqual("100", shown["share_backup"]["progress"])
        self.assertNotIn("host", shown["share_backup"])
        answer = self.ok(
            "POST",
            f"{B}/{backup['id']}/action",
            {"restore": None},
            202,
            experimental=True,
        )
        self.assertEqual(
            {"backup_id": backup["id"], "share_id": share["id"]},
            answer["restore"],
        )
        self.assertEqual(
            "backup_restoring", self.record("shares", share["id"])["status"]
        )
        self.assertEqual(
            "restoring", self.record("share_backups", backup["id"])["status"]
        )
        self.cloud.bus.advance()
        self.assertEqual(
            "available", self.record("shares", share["id"])["status"]
        )
        self.ok("DELETE", f"{B}/{backup['id']}", status=202, experimental=True)
        self.assertEqual(
            "deleting", self.record("share_backups", backup["id"])["status"]
        )
        self.cloud.bus.advance()
        self.assertTrue(self.gone("share_backups", backup["id"]))

    def test_backup_takes_a_driver_step_and_a_continue_step(self) -> None:
        # share/manager.py: create_backup calls the driver, the periodic
        # create_backup_continue finds it done; meanwhile the share stays
        # backup_creating and refuses a second backup
        share = self.available_share()
        backup = self.backup(share["id"])
        self.cloud.bus.advance(steps=1)
        self.assertEqual(
            "creating", self.record("share_backups", backup["id"])["status"]
        )
        self.assertEqual(
            "backup_creating", self.record("shares", share["id"])["status"]
        )
        self.fault(
            400,
            "badRequest",
            f"Share {share['id']} is in 'backup_creating' state, but it "
            "must be in 'available' state to create a backup.",
            "POST",
            B,
            {"share_backup": {"share_id": share["id"]}},
            experimental=True,
        )
        self.cloud.bus.advance(steps=1)
        self.assertEqual(
            "available", self.record("share_backups", backup["id"])["status"]
        )
        self.assertEqual(
            "available", self.record("shares", share["id"])["status"]
        )

    def test_experimental_header_needed(self) -> None:
        self.fault(404, "itemNotFound", None, "GET", B)
        self.fault(
            404,
            "itemNotFound",
            None,
            "GET",
            B,
            experimental=True,
            version="2.79",
        )
        self.assertEqual(
            [], self.ok("GET", B, experimental=True)["share_backups"]
        )

    def test_rules_and_quotas(self) -> None:
        share = self.available_share(size=3)
        for body, code in (
            ({}, 422),
            ({"share_backup": {}}, 400),
            ({"share_backup": {"share_id": "nope"}}, 400),
            ({"share_backup": {"share_id": share["id"], "name": 1}}, 400),
        ):
            status, _ = self.call("POST", B, body, experimental=True)
            self.assertEqual(code, status, str(body))
        demo = self.cloud.identity.project_ids()["demo"]
        self.ok(
            "PUT",
            f"/quota-sets/{demo}",
            {"quota_set": {"backup_gigabytes": 2}},
            user="admin",
        )
        self.fault(
            413,
            "overLimit",
            None,
            "POST",
            B,
            {"share_backup": {"share_id": share["id"]}},
            experimental=True,
        )
        self.ok(
            "PUT",
            f"/quota-sets/{demo}",
            {"quota_set": {"backup_gigabytes": 10}},
            user="admin",
        )
        backup = self.backup(share["id"])
        self.fault(
            400,
            "badRequest",
            f"Share {share['id']} is in 'backup_creating' state, but it "
            "must be in 'available' state to create a backup.",
            "POST",
            B,
            {"share_backup": {"share_id": share["id"]}},
            experimental=True,
        )
        self.fault(
            400,
            "badRequest",
            None,
            "DELETE",
            f"{B}/{backup['id']}",
            experimental=True,
        )
        self.fault(
            403,
            "forbidden",
            None,
            "POST",
            f"{B}/{backup['id']}/action",
            {"reset_status": {"status": "error"}},
            experimental=True,
        )
        self.ok(
            "POST",
            f"{B}/{backup['id']}/action",
            {"reset_status": {"status": "error"}},
            202,
            experimental=True,
            user="admin",
        )
        self.fault(
            400,
            "badRequest",
            None,
            "POST",
            f"{B}/{backup['id']}/action",
            {"reset_status": {"status": "bogus"}},
            experimental=True,
            user="admin",
        )
        usage = self.ok("GET", f"/quota-sets/{demo}/detail")["quota_set"]
        self.assertEqual(1, usage["backups"]["in_use"])
        self.assertEqual(3, usage["backup_gigabytes"]["in_use"])

    def test_driver_failure(self) -> None:
        share = self.available_share()
        host = self.record("shares", share["id"])["host"].split("#")[0]
        self.cloud.manager(host).backend.failures["create_backup"] = 1
        backup = self.backup(share["id"])
        self.cloud.bus.advance()
        self.assertEqual(
            "error", self.record("share_backups", backup["id"])["status"]
        )
        self.assertEqual(
            "available", self.record("shares", share["id"])["status"]
        )
