"""Quota usage rows under concurrent work, checked against the records.

Several clients create, extend, snapshot and delete shares at the same
time over HTTP; afterwards the quota drift check (usage counted again
from the records) must be clean and the quota-set detail must show what
is left.
"""

from __future__ import annotations

import threading
from typing import Any

from openstack import exceptions

from openstack_sfs.tests.functional import base

#: clients working at once, and the shares each one makes
CLIENTS = 4
SHARES_EACH = 4


class TestQuotaUsageUnderConcurrency(base.FunctionalTestCase):
    def _worker(self, index: int, kept: list[str], errors: list[Any]) -> None:
        conn = self.fake.connect("demo")
        sfs = conn.shared_file_system
        try:
            made = []
            for number in range(SHARES_EACH):
                share = sfs.create_share(
                    share_protocol="NFS", size=1, name=f"c{index}-{number}"
                )
                made.append(share)
            for share in made:
                sfs.wait_for_status(
                    share, "available", failures=["error"], wait=base.WAIT
                )
            # one grows, one gets a snapshot, one goes, one stays
            sfs.resize_share(made[0].id, 2)
            snapshot = sfs.create_share_snapshot(share_id=made[1].id)
            sfs.wait_for_status(
                snapshot, "available", failures=["error"], wait=base.WAIT
            )
            sfs.delete_share(made[2].id)
            sfs.wait_for_delete(made[2], wait=base.WAIT)
            sfs.wait_for_status(
                sfs.get_share(made[0].id),
                "available",
                failures=["error", "extending_error"],
                wait=base.WAIT,
            )
            kept.extend(s.id for s in made if s is not made[2])
        except Exception as exc:  # reported by the test thread
            errors.append(exc)
        finally:
            conn.close()

    def test_concurrent_workload_leaves_no_drift(self) -> None:
        kept: list[str] = []
        errors: list[Any] = []
        threads = [
            threading.Thread(target=self._worker, args=(i, kept, errors))
            for i in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(base.WAIT * 2)
        self.assertEqual([], errors)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], self.fake.quota_drift())
        detail = self.sfs.get_quota_set(
            self.fake.project_id("demo"), usage=True
        )
        self.assertEqual(CLIENTS * (SHARES_EACH - 1), detail.usage["shares"])
        # each client: one share of 2 GiB, two of 1 GiB
        self.assertEqual(CLIENTS * 4, detail.usage["gigabytes"])
        self.assertEqual(CLIENTS, detail.usage["snapshots"])
        self.assertEqual(0, detail.reservation["gigabytes"])

    def test_extend_holds_a_reservation_until_it_settles(self) -> None:
        self.fake.control("PUT", "config", {"progression": "manual"})
        share = self.sfs.create_share(share_protocol="NFS", size=1)
        self.fake.advance()
        self.sfs.resize_share(share.id, 3)
        project = self.fake.project_id("demo")
        detail = self.sfs.get_quota_set(project, usage=True)
        self.assertEqual(1, detail.usage["gigabytes"])
        self.assertEqual(2, detail.reservation["gigabytes"])
        self.assertEqual([], self.fake.quota_drift())
        self.fake.advance()
        detail = self.sfs.get_quota_set(project, usage=True)
        self.assertEqual(3, detail.usage["gigabytes"])
        self.assertEqual(0, detail.reservation["gigabytes"])
        self.assertEqual(3, self.sfs.get_share(share.id).size)

    def test_reserved_counts_against_the_quota(self) -> None:
        project = self.fake.project_id("demo")
        self.admin_sfs.update_quota_set(project, gigabytes=4)
        self.addCleanup(self.admin_sfs.revert_quota_set, project)
        self.fake.control("PUT", "config", {"progression": "manual"})
        share = self.sfs.create_share(share_protocol="NFS", size=1)
        self.fake.advance()
        self.sfs.resize_share(share.id, 3)  # 1 in use, 2 reserved
        error = self.assertRaises(
            exceptions.HttpException,
            self.sfs.create_share,
            share_protocol="NFS",
            size=2,
        )
        self.assertEqual(413, error.status_code)
        self.fake.advance()
        self.assertEqual(3, self.sfs.get_share(share.id).size)
