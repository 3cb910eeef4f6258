"""The store's indexes and the quota usage rows kept from its changes."""

from __future__ import annotations

from typing import Any

import fixtures
import testtools

from fake_server import config, errors
from fake_server.cloud import Cloud
from fake_server.share_api import quota_usages, quotas
from fake_server.state import Store
from openstack_sfs.tests.unit.fake_server.test_core import AppTestCase


class TestIndexes(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(30, gentle=True))
        self.store = Store()
        self.store.add_index("things", "owner", ("owner",))

    def test_lookup_follows_insert_update_delete(self) -> None:
        a = self.store.insert("things", {"id": "a", "owner": "x"})
        self.store.insert("things", {"id": "b", "owner": "x"})
        self.store.insert("things", {"id": "c", "owner": None})
        self.assertEqual(
            ["a", "b"], self.store.lookup_ids("things", "owner", "x")
        )
        self.store.update("things", "a", owner="y")
        self.assertEqual(["b"], self.store.lookup_ids("things", "owner", "x"))
        self.assertEqual([a], self.store.lookup("things", "owner", "y"))
        self.store.delete("things", "b")
        self.assertEqual([], self.store.lookup("things", "owner", "x"))
        self.assertEqual(0, self.store.count("things", "owner", None))

    def test_buckets_stay_in_created_order(self) -> None:
        self.store.insert("things", {"id": "new", "owner": "x"})
        self.store.insert(
            "things",
            {"id": "old", "owner": "x", "created_at": "2000-01-01T00:00:00"},
        )
        self.assertEqual(
            ["old", "new"], self.store.lookup_ids("things", "owner", "x")
        )

    def test_page_costs_offset_plus_limit(self) -> None:
        for number in range(10):
            self.store.insert("things", {"id": str(number), "owner": "x"})
        page = self.store.page("things", "owner", "x", offset=2, limit=3)
        self.assertEqual(["7", "6", "5"], [r["id"] for r in page])
        odd = self.store.page(
            "things",
            "owner",
            "x",
            newest_first=False,
            where=lambda r: int(r["id"]) % 2 == 1,
            limit=2,
        )
        self.assertEqual(["1", "3"], [r["id"] for r in odd])

    def test_one_record_buckets_grow_and_shrink_in_order(self) -> None:
        # a key with one record is kept small; a second record (older or
        # newer) and removals keep the created order and the lookups
        self.store.insert(
            "things",
            {"id": "mid", "owner": "x", "created_at": "2020-01-01T00:00:00"},
        )
        self.assertEqual(1, self.store.count("things", "owner", "x"))
        self.assertEqual("mid", self.store.first("things", "owner", "x")["id"])
        self.store.insert(
            "things",
            {"id": "old", "owner": "x", "created_at": "2010-01-01T00:00:00"},
        )
        self.store.insert(
            "things",
            {"id": "new", "owner": "x", "created_at": "2030-01-01T00:00:00"},
        )
        self.assertEqual(
            ["old", "mid", "new"],
            self.store.lookup_ids("things", "owner", "x"),
        )
        self.store.delete("things", "old")
        self.store.delete("things", "new")
        page = self.store.page("things", "owner", "x", limit=5)
        self.assertEqual(["mid"], [r["id"] for r in page])
        # updating a record under the same key does not duplicate it
        self.store.update("things", "mid", name="again")
        self.assertEqual(
            ["mid"], self.store.lookup_ids("things", "owner", "x")
        )
        self.store.delete("things", "mid")
        self.assertEqual(0, self.store.count("things", "owner", "x"))
        self.assertNotIn("x", self.store.index_keys("things", "owner"))

    def test_reset_and_load_rebuild_the_indexes(self) -> None:
        self.store.insert("things", {"id": "a", "owner": "x"})
        data = self.store.dump()
        self.store.reset()
        self.assertEqual([], self.store.lookup("things", "owner", "x"))
        self.store.load(data)
        self.assertEqual(["a"], self.store.lookup_ids("things", "owner", "x"))


class TestQuotaBook(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(30, gentle=True))
        self.cloud = Cloud(
            config.from_dict({"server": {"progression": "manual"}})
        )
        self.addCleanup(self.cloud.close)
        self.store = self.cloud.store

    def share(self, **values: Any) -> dict[str, Any]:
        record = {
            "project_id": "p",
            "user_id": "u",
            "share_type_id": "t",
            "size": 2,
            "status": "available",
        }
        record.update(values)
        return self.store.insert("shares", record)

    def test_rows_follow_records(self) -> None:
        share = self.share()
        self.assertEqual(1, quotas.usage(self.cloud, "p", "shares"))
        self.assertEqual(2, quotas.usage(self.cloud, "p", "gigabytes", "t"))
        self.assertEqual(
            2, quotas.usage(self.cloud, "p", "gigabytes", None, "u")
        )
        self.store.update("shares", share["id"], size=5)
        self.assertEqual(5, quotas.usage(self.cloud, "p", "gigabytes"))
        self.store.update("shares", share["id"], project_id="q", user_id="v")
        self.assertEqual(0, quotas.usage(self.cloud, "p", "gigabytes"))
        self.assertEqual(
            5, quotas.usage(self.cloud, "q", "gigabytes", None, "v")
        )
        self.store.delete("shares", share["id"])
        self.assertEqual(0, quotas.usage(self.cloud, "q", "shares"))
        self.assertEqual([], quota_usages.drift(self.cloud.quota_book))

    def test_managed_shares_count_once_adopted(self) -> None:
        share = self.share(status="manage_starting")
        self.assertEqual(0, quotas.usage(self.cloud, "p", "shares"))
        self.store.update("shares", share["id"], status="available")
        self.assertEqual(1, quotas.usage(self.cloud, "p", "shares"))

    def test_encryption_keys_count_distinct_refs(self) -> None:
        self.share(encryption_key_ref="k1")
        second = self.share(encryption_key_ref="k1")
        self.share(encryption_key_ref="k2")
        self.assertEqual(2, quotas.usage(self.cloud, "p", "encryption_keys"))
        self.store.delete("shares", second["id"])
        self.assertEqual(2, quotas.usage(self.cloud, "p", "encryption_keys"))
        self.assertEqual([], quota_usages.drift(self.cloud.quota_book))

    def test_reserve_commit_rollback(self) -> None:
        ids = quotas.reserve(self.cloud, "p", {"gigabytes": 3}, "t", "u")
        self.assertEqual(
            3, quotas.reserved(self.cloud, "p", share_type_id="t")["gigabytes"]
        )
        self.assertEqual(3, quotas.reserved(self.cloud, "p")["gigabytes"])
        self.assertEqual([], quota_usages.drift(self.cloud.quota_book))
        quotas.rollback(self.cloud, ids)
        self.assertEqual(0, quotas.reserved(self.cloud, "p")["gigabytes"])
        ids = quotas.reserve(self.cloud, "p", {"gigabytes": 1}, "t", "u")
        self.share(size=1)
        quotas.commit(self.cloud, ids)
        self.assertEqual(0, quotas.reserved(self.cloud, "p")["gigabytes"])
        self.assertEqual(1, quotas.usage(self.cloud, "p", "gigabytes"))
        self.assertEqual([], quota_usages.drift(self.cloud.quota_book))

    def test_reserved_counts_in_the_check(self) -> None:
        self.cloud.config.quotas["gigabytes"] = 4
        self.share(size=1)
        quotas.reserve(self.cloud, "p", {"gigabytes": 2}, "t", "u")
        self.assertRaises(
            errors.OverLimit, quotas.reserve, self.cloud, "p", {"gigabytes": 2}
        )

    def test_drift_reports_a_change_behind_the_store(self) -> None:
        share = self.share()
        share["size"] = 7  # not through Store.update: the rows miss it
        drift = quota_usages.drift(self.cloud.quota_book)
        self.assertIn(
            {
                "project_id": "p",
                "scope": "project",
                "resource": "gigabytes",
                "in_use": 2,
                "counted": 7,
                "reserved": 0,
                "reservations": 0,
            },
            drift,
        )


class TestShareListPaths(AppTestCase):
    """Share lists read the project's index bucket on every path."""

    def make(self, user: str, name: str, public: bool = False) -> None:
        result = self.call(
            "POST",
            "/v2/shares",
            user,
            json={"share": {"share_proto": "NFS", "size": 1, "name": name}},
        )
        self.assertEqual(200, result.status_code, result.text)
        if public:
            # as an admin's update would (creating public shares is an
            # admin's right by default)
            share_id = result.json["share"]["id"]
            self.cloud.store.update("shares", share_id, is_public=True)
        self.cloud.bus.advance()

    def names(self, **query: str) -> tuple[list[str], int]:
        result = self.call(
            "GET",
            "/v2/shares/detail",
            params={"with_count": "true", **query},
        )
        self.assertEqual(200, result.status_code, result.text)
        body = result.json
        return [share["name"] for share in body["shares"]], body["count"]

    def test_other_orders_public_shares_and_counts(self) -> None:
        self.make("demo", "d-b")
        self.make("demo", "d-a", public=True)
        self.make("alt_demo", "o-c", public=True)
        self.make("alt_demo", "o-hidden")
        by_name = {"sort_key": "name", "sort_dir": "asc"}
        # own shares only, in another order
        self.assertEqual((["d-a", "d-b"], 2), self.names(**by_name))
        # is_public=true adds the other project's public share, once
        self.assertEqual(
            (["d-a", "d-b", "o-c"], 3),
            self.names(is_public="true", **by_name),
        )
        self.assertEqual(
            (["o-c"], 3), self.names(is_public="true", offset="2", **by_name)
        )
        # a filter with the count: every match counted, one page shown
        self.assertEqual(
            (["d-a"], 2), self.names(**{"name~": "d-", "limit": "1"})
        )
        self.assertEqual(
            (["d-b"], 2),
            self.names(**{"name~": "d-", "limit": "1", "offset": "1"}),
        )
