"""The store's timeline of transitions and the request log: bounded."""

from __future__ import annotations

from fake_server.request_log import RequestLog
from fake_server.state import Store
from fake_server.timeline import Timeline, operation
from openstack_sfs.tests import base


class TestTimeline(base.TestCase):
    def test_store_records_transitions_with_their_operation(self) -> None:
        store = Store()
        with operation("POST /shares"):
            record = store.insert("shares", {"status": "creating", "size": 1})
        with operation("fakehost@alpha: create_share"):
            store.update("shares", record["id"], status="available")
        store.update("shares", record["id"], size=2)  # not a transition
        store.update("shares", record["id"], status="available")  # no change
        store.delete("shares", record["id"])
        events = store.timeline.events("shares", record["id"])
        self.assertEqual(
            [
                ("status", None, "creating", "POST /shares"),
                (
                    "status",
                    "creating",
                    "available",
                    "fakehost@alpha: create_share",
                ),
                ("record", "exists", "deleted", "internal"),
            ],
            [(e["field"], e["from"], e["to"], e["operation"]) for e in events],
        )
        self.assertTrue(all(e["at"] for e in events))

    def test_every_tracked_field(self) -> None:
        store = Store()
        rule = store.insert("access_rules", {"state": "queued_to_apply"})
        store.update("access_rules", rule["id"], state="active")
        share = store.insert("shares", {"task_state": None})
        store.update(
            "shares",
            share["id"],
            task_state="migration_starting",
            access_rules_status="syncing",
        )
        self.assertEqual(
            ["state", "state"],
            [
                e["field"]
                for e in store.timeline.events("access_rules", rule["id"])
            ],
        )
        self.assertEqual(
            {"task_state", "access_rules_status"},
            {e["field"] for e in store.timeline.events("shares", share["id"])},
        )

    def test_bounded_per_record_and_in_records(self) -> None:
        timeline = Timeline(max_records=3, per_record=4)
        for step in range(10):
            timeline.changed(
                "t", "shares", "a", {"status": step}, {"status": step + 1}
            )
        self.assertEqual(
            [6, 7, 8, 9], [e["from"] for e in timeline.events("shares", "a")]
        )
        for name in ("b", "c", "d"):
            timeline.inserted("t", "shares", {"id": name, "status": "x"})
        self.assertEqual(3, len(timeline))
        self.assertEqual([], timeline.events("shares", "a"))  # oldest went
        # a changed record is kept over older ones
        timeline.changed("t", "shares", "b", {"status": 1}, {"status": 2})
        timeline.inserted("t", "shares", {"id": "e", "status": "x"})
        self.assertEqual(2, len(timeline.events("shares", "b")))
        self.assertEqual([], timeline.events("shares", "c"))

    def test_reset_forgets(self) -> None:
        store = Store()
        record = store.insert("shares", {"status": "creating"})
        store.reset()
        self.assertEqual([], store.timeline.events("shares", record["id"]))


class TestRequestLog(base.TestCase):
    def test_newest_kept_in_order(self) -> None:
        log = RequestLog(max_entries=3)
        for index in range(5):
            log.add(
                at="t",
                method="GET",
                path=f"/v2/shares/{index}",
                status=200,
                microversion="2.99",
                project_id="p",
                duration_ms=1.0,
                request_id=f"req-{index}",
            )
        entries = log.entries()
        self.assertEqual([3, 4, 5], [e.seq for e in entries])
        self.assertEqual("/v2/shares/4", entries[-1].as_dict()["path"])
        log.clear()
        self.assertEqual([], log.entries())
