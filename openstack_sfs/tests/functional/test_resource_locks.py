"""Resource locks through openstack_sfs against the fake server."""

from __future__ import annotations

from openstack import exceptions

from openstack_sfs.tests.functional import base


class TestResourceLocks(base.FunctionalTestCase):
    def test_lock_protects_share(self) -> None:
        share = self.sfs.create_share(share_protocol="NFS", size=1)
        share = self.sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )
        lock = self.sfs.create_resource_lock(
            resource_id=share.id, resource_type="share", lock_reason="prod"
        )
        self.assertEqual("delete", lock.resource_action)
        error = self.assertRaises(
            exceptions.ForbiddenException, self.sfs.delete_share, share
        )
        self.assertIn(
            f"Resource lock/s [{lock.id}] prevent delete action", str(error)
        )
        listed = list(self.sfs.resource_locks(resource_type="share"))
        self.assertEqual([lock.id], [lk.id for lk in listed])
        self.sfs.update_resource_lock(lock, lock_reason="not any more")
        self.assertEqual(
            "not any more", self.sfs.get_resource_lock(lock.id).lock_reason
        )
        self.sfs.delete_resource_lock(lock)
        self.assertEqual([], list(self.sfs.resource_locks()))
        self.sfs.delete_share(share)

    def test_bad_input_is_4xx(self) -> None:
        for body in (
            {},
            {"resource_lock": None},
            {"resource_lock": {"resource_id": 3}},
            {"resource_lock": {"resource_id": "x", "resource_type": 1}},
            {
                "resource_lock": {
                    "resource_id": "00000000-0000-4000-8000-000000000000"
                }
            },
        ):
            response = self.raw(
                self.conn, "POST", "/resource-locks", json=body
            )
            self.assertEqual(400, response.status_code, response.text)
        response = self.raw(
            self.conn, "GET", "/resource-locks", params={"with_count": "x"}
        )
        self.assertEqual(400, response.status_code, response.text)
        response = self.raw(self.conn, "GET", "/resource-locks/nope")
        self.assertEqual(404, response.status_code)
