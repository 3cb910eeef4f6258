"""Share transfers (2.77) of the fake server, in-process."""

from __future__ import annotations

from typing import Any

from fake_server.share_api import transfers as transfers_api
from openstack_sfs.tests.unit.fake_server.test_networks_servers import (
    AppTestCase,
)

T = "/share-transfers"


class TransferCase(AppTestCase):
    def available_share(self, user: str = "demo", size: int = 1) -> Any:
        body = {"share": {"share_proto": "NFS", "size": size}}
        share = self.ok("POST", "/shares", body, user=user)["share"]
        self.cloud.bus.advance()
        self.assertEqual(
            "available", self.record("shares", share["id"])["status"]
        )
        return share

    def offer(self, share_id: str, **kw: Any) -> dict[str, Any]:
        found: dict[str, Any] = self.ok(
            "POST",
            T,
            {"transfer": {"share_id": share_id, "name": " move "}},
            202,
            **kw,
        )["transfer"]
        return found


class TestTransfers(TransferCase):
    def test_create_accept_moves_the_share(self) -> None:
        share = self.available_share()
        self.ok(
            "POST",
            f"/shares/{share['id']}/action",
            {"allow_access": {"access_type": "ip", "access_to": "10.0.0.1"}},
        )
        self.cloud.bus.advance()
        transfer = self.offer(share["id"])
        self.assertEqual("move", transfer["name"])
        self.assertEqual(16, len(transfer["auth_key"]))
        self.assertEqual(share["id"], transfer["resource_id"])
        self.assertFalse(transfer["accepted"])
        self.assertEqual(
            "awaiting_transfer",
            self.record("shares", share["id"])["status"],
        )
        shown = self.ok("GET", f"{T}/{transfer['id']}")["transfer"]
        self.assertNotIn("auth_key", shown)
        # the receiver cannot see it, but can accept it with the key
        self.fault(
            404,
            "itemNotFound",
            None,
            "GET",
            f"{T}/{transfer['id']}",
            user="alt_demo",
        )
        self.fault(
            400,
            "badRequest",
            f"Invalid auth key: Attempt to transfer {transfer['id']} with "
            "invalid auth key.",
            "POST",
            f"{T}/{transfer['id']}/accept",
            {"accept": {"auth_key": "wrong"}},
            user="alt_demo",
        )
        self.ok(
            "POST",
            f"{T}/{transfer['id']}/accept",
            {
                "accept": {
                    "auth_key": transfer["auth_key"],
                    "clear_access_rules": True,
                }
            },
            202,
            user="alt_demo",
        )
        moved = self.record("shares", share["id"])
        self.assertEqual("available", moved["status"])
        self.assertEqual(
            self.cloud.identity.project_ids()["alt_demo"],
            moved["project_id"],
        )
        self.assertEqual(
            [],
            self.cloud.store.select(
                "access_rules", lambda r: r["share_id"] == share["id"]
            ),
        )
        self.ok("GET", f"/shares/{share['id']}", user="alt_demo")
        self.fault(404, "itemNotFound", None, "GET", f"/shares/{share['id']}")
        self.assertTrue(self.gone("share_transfers", transfer["id"]))

    def test_list_and_delete(self) -> None:
        share = self.available_share()
        transfer = self.offer(share["id"])
        rows = self.ok("GET", T)["transfers"]
        self.assertEqual([transfer["id"]], [r["id"] for r in rows])
        self.assertEqual(
            {"id", "name", "resource_type", "resource_id", "links"},
            set(rows[0]),
        )
        rows = self.ok("GET", T + "/detail", query="name=move")["transfers"]
        self.assertEqual(1, len(rows))
        self.assertIn("expires_at", rows[0])
        self.assertEqual([], self.ok("GET", T, user="alt_demo")["transfers"])
        self.assertEqual(
            1,
            len(
                self.ok("GET", T, user="admin", query="all_tenants=1")[
                    "transfers"
                ]
            ),
        )
        self.fault(404, "itemNotFound", None, "GET", T, version="2.76")
        self.ok("DELETE", f"{T}/{transfer['id']}")
        self.assertEqual(
            "available", self.record("shares", share["id"])["status"]
        )
        self.fault(
            404, "itemNotFound", None, "DELETE", f"{T}/{transfer['id']}"
        )

    def test_expired_transfers_disappear(self) -> None:
        share = self.available_share()
        transfer = self.offer(share["id"])
        record = self.record("share_transfers", transfer["id"])
        transfers_api.expire(self.cloud, now=record["_expires_ts"] - 1)
        self.assertFalse(self.gone("share_transfers", transfer["id"]))
        transfers_api.expire(self.cloud, now=record["_expires_ts"])
        self.assertTrue(self.gone("share_transfers", transfer["id"]))
        self.assertEqual(
            "available", self.record("shares", share["id"])["status"]
        )

    def test_bad_creates(self) -> None:
        share = self.available_share()
        for body, message in (
            ({}, "'transfer' is missing from the request body."),
            ({"transfer": {}}, "Must supply 'share_id' attribute."),
            (
                {"transfer": {"share_id": "x"}},
                "The 'share_id' attribute must be a uuid.",
            ),
            (
                {
                    "transfer": {
                        "share_id": "00000000-0000-4000-8000-000000000000"
                    }
                },
                "Invalid share: Share specified was not found.",
            ),
        ):
            self.fault(400, "badRequest", message, "POST", T, body)
        self.offer(share["id"])
        self.fault(
            400,
            "badRequest",
            "Invalid share: Share's status must be available.",
            "POST",
            T,
            {"transfer": {"share_id": share["id"]}},
        )

    def test_bad_accepts_and_quota(self) -> None:
        share = self.available_share(size=5)
        transfer = self.offer(share["id"])
        url = f"{T}/{transfer['id']}/accept"
        self.fault(
            400, "badRequest", None, "POST", url, {"x": 1}, user="alt_demo"
        )
        self.fault(
            400,
            "badRequest",
            None,
            "POST",
            url,
            {"accept": {}},
            user="alt_demo",
        )
        self.fault(
            400,
            "badRequest",
            "Invalid boolean clear_access_rules : maybe",
            "POST",
            url,
            {"accept": {"auth_key": "k", "clear_access_rules": "maybe"}},
            user="alt_demo",
        )
        self.fault(
            400,
            "badRequest",
            "Transfer nope could not be found.",
            "POST",
            f"{T}/nope/accept",
            {"accept": {"auth_key": "k"}},
            user="alt_demo",
        )
        alt = self.cloud.identity.project_ids()["alt_demo"]
        self.ok(
            "PUT",
            f"/quota-sets/{alt}",
            {"quota_set": {"gigabytes": 2}},
            user="admin",
        )
        self.fault(
            413,
            "overLimit",
            None,
            "POST",
            url,
            {"accept": {"auth_key": transfer["auth_key"]}},
            user="alt_demo",
        )
        self.assertEqual(
            "awaiting_transfer",
            self.record("shares", share["id"])["status"],
        )
