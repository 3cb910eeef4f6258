"""The fake server's QoS type and share backup answers against Manila
23.0.1.

Each test names the Manila code it mirrors (manila/api/...).
"""

from __future__ import annotations

from typing import Any

from openstack_sfs.tests.unit.fake_server.test_fidelity import (
    MISSING,
    FidelityTestCase,
)

QOS = "/v2/qos-types"
BK = "/v2/share-backups"
EXPERIMENTAL = {"X-OpenStack-Manila-API-Experimental": "True"}


class TestQosTypes(FidelityTestCase):
    """manila/api/v2/qos_types.py and db qos_type_get_all."""

    def qos(self, name: str, **extra: Any) -> str:
        result = self.call(
            "POST", QOS, "admin", json={"qos_type": {"name": name, **extra}}
        )
        self.assertEqual(200, result.status_code, result.text)
        return str(result.json["qos_type"]["id"])

    def test_duplicate_name_checked_before_specs(self) -> None:
        # create: the name lookup (409) comes before verify_specs (400)
        self.qos("gold")
        result = self.call(
            "POST",
            QOS,
            "admin",
            json={"qos_type": {"name": "gold", "specs": {"k": 5}}},
        )
        self.assertEqual(
            "QoS Type with name gold already exist.",
            self.fault(result, 409, "conflictingRequest"),
        )

    def test_limit_zero_gives_no_rows(self) -> None:
        # qos_type_get_all: query.limit(0) when limit is given as 0
        self.qos("a")
        result = self.call("GET", f"{QOS}?limit=0")
        self.assertEqual(200, result.status_code, result.text)
        self.assertEqual([], result.json["qos_types"])

    def test_paging_messages(self) -> None:
        # common.get_pagination_params / strutils.validate_integer
        result = self.call("GET", f"{QOS}?limit=x")
        self.assertEqual(
            "limit param must be an integer",
            self.fault(result, 400, "badRequest"),
        )
        result = self.call("GET", f"{QOS}?limit=-1")
        self.assertEqual(
            "limit param must be positive",
            self.fault(result, 400, "badRequest"),
        )
        result = self.call("GET", f"{QOS}?offset=x")
        self.assertEqual(
            "offset must be an integer",
            self.fault(result, 400, "badRequest"),
        )
        result = self.call("GET", f"{QOS}?offset=-1")
        self.assertEqual(
            "offset must be >= 0", self.fault(result, 400, "badRequest")
        )

    def test_bad_sort_dir_is_invalid_input(self) -> None:
        # db apply_sorting: InvalidInput
        result = self.call("GET", f"{QOS}?sort_dir=up")
        self.assertEqual(
            "Invalid input received: Wrong sorting data provided: sort key "
            "is 'created_at' and sort direction is 'up'.",
            self.fault(result, 400, "badRequest"),
        )

    def test_default_order_newest_first(self) -> None:
        first = self.qos("a")
        second = self.qos("b")
        rows = self.call("GET", QOS).json["qos_types"]
        ids = [r["id"] for r in rows]
        self.assertLess(ids.index(second), ids.index(first))


class BackupCase(FidelityTestCase):
    def post_backup(self, user: str = "demo", **values: Any) -> Any:
        return self.call(
            "POST",
            BK,
            user,
            json={"share_backup": values},
            headers=EXPERIMENTAL,
        )

    def backup(self, share_id: str, user: str = "demo", **values: Any) -> str:
        result = self.post_backup(user, share_id=share_id, **values)
        self.assertEqual(202, result.status_code, result.text)
        backup_id = str(result.json["share_backup"]["id"])
        self.cloud.bus.advance(100)
        return backup_id


class TestBackupCreate(BackupCase):
    """manila/share/api.py create_share_backup."""

    def test_generic_backup_only_for_nfs(self) -> None:
        share_id = self.create_share(share_proto="CIFS")
        result = self.post_backup(share_id=share_id)
        self.assertEqual(
            f"Cannot backup share {share_id}. The generic approach for "
            "share backups only supports the following protocols: "
            "['NFS'].",
            self.fault(result, 400, "badRequest"),
        )
        share = self.call("GET", f"/v2/shares/{share_id}").json["share"]
        self.assertEqual("available", share["status"])
        # the quota reservation was rolled back: no backup recorded
        self.assertEqual([], self.cloud.store.select("share_backups"))

    def test_backup_type_compares_only_share_topic_backups(self) -> None:
        # the previous-backup filter has topic=CONF.share_topic, so a
        # generic (data topic) backup does not pin the backup_type
        share_id = self.create_share()
        self.backup(share_id)
        result = self.post_backup(
            share_id=share_id, backup_options={"backup_type": "daily"}
        )
        self.assertEqual(202, result.status_code, result.text)

    def test_create_view_shows_no_topic(self) -> None:
        # the returned model is read before host/topic are written;
        # only host is copied onto it, and only with backup_options
        share_id = self.create_share()
        result = self.post_backup("admin", share_id=share_id)
        self.assertEqual(202, result.status_code, result.text)
        body = result.json["share_backup"]
        self.assertIsNone(body["topic"])
        self.assertIsNone(body["host"])
        self.cloud.bus.advance(100)
        shown = self.call(
            "GET",
            f"{BK}/{body['id']}",
            "admin",
            headers=EXPERIMENTAL,
        ).json["share_backup"]
        self.assertEqual("manila-data", shown["topic"])

    def test_missing_share(self) -> None:
        result = self.post_backup(share_id=MISSING)
        self.assertEqual(
            f"No share exists with ID {MISSING}.",
            self.fault(result, 400, "badRequest"),
        )
