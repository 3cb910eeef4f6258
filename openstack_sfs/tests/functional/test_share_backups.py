"""Share backups through openstack_sfs against the fake server."""

from __future__ import annotations

from openstack import exceptions

from openstack_sfs.tests.functional import base


class TestShareBackups(base.FunctionalTestCase):
    def test_backup_restore_delete(self) -> None:
        share = self.sfs.create_share(share_protocol="NFS", size=1)
        self.addCleanup(self.sfs.delete_share, share)
        share = self.sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )
        backup = self.sfs.create_share_backup(
            share_id=share.id,
            name="nightly",
            backup_options={"backup_type": "daily"},
        )
        backup = self.sfs.wait_for_status(
            backup,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )
        self.assertEqual("daily", backup.backup_type)
        self.assertEqual("available", self.sfs.get_share(share.id).status)
        found = self.sfs.find_share_backup("nightly")
        assert found is not None
        self.assertEqual(backup.id, found.id)

        target = self.sfs.create_share(share_protocol="NFS", size=2)
        self.addCleanup(self.sfs.delete_share, target)
        target = self.sfs.wait_for_status(
            target,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )
        restored = self.sfs.restore_share_backup(backup, target)
        self.assertEqual(target.id, restored["share_id"])
        self.sfs.wait_for_status(
            target,
            "available",
            failures=["backup_restoring_error"],
            interval=0.05,
            wait=base.WAIT,
        )
        self.sfs.delete_share_backup(backup)
        self.sfs.wait_for_delete(backup, interval=0.05, wait=base.WAIT)
        self.assertEqual([], list(self.sfs.share_backups()))

    def test_bad_input_is_4xx(self) -> None:
        headers = {"X-OpenStack-Manila-API-Experimental": "True"}
        for body, code in (
            ({"share_backup": {"share_id": ["x"]}}, 400),
            ({"share_backup": {"share_id": "x", "backup_options": 3}}, 400),
            ({"share_backup": None}, 422),
        ):
            response = self.raw(
                self.conn,
                "POST",
                "/share-backups",
                json=body,
                headers=headers,
            )
            self.assertEqual(code, response.status_code, response.text)
        response = self.raw(self.conn, "GET", "/share-backups")
        self.assertEqual(404, response.status_code)
        self.assertRaises(
            exceptions.NotFoundException, self.sfs.get_share_backup, "nope"
        )
