"""Share transfers through openstack_sfs against the fake server."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.functional import base


class TestShareTransfers(base.FunctionalTestCase):
    def _share(self) -> Any:
        share = self.sfs.create_share(share_protocol="NFS", size=1)
        share = self.sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )
        return share

    def test_offer_accept(self) -> None:
        share = self._share()
        transfer = self.sfs.create_share_transfer(
            share_id=share.id, name="to-alt"
        )
        self.assertTrue(transfer.auth_key)
        self.assertEqual(
            "awaiting_transfer", self.sfs.get_share(share.id).status
        )
        listed = list(self.sfs.share_transfers())
        self.assertEqual([transfer.id], [t.id for t in listed])
        detailed = list(self.sfs.share_transfers(details=True))
        self.assertIsNotNone(detailed[0].expires_at)
        self.assertIsNone(self.sfs.get_share_transfer(transfer.id).auth_key)

        alt = self.alt.shared_file_system
        self.assertRaises(
            exceptions.BadRequestException,
            alt.accept_share_transfer,
            transfer.id,
            auth_key="0" * 16,
        )
        accepted = alt.accept_share_transfer(
            transfer.id, auth_key=transfer.auth_key
        )
        self.assertTrue(accepted.accepted)
        moved = alt.get_share(share.id)
        self.addCleanup(alt.delete_share, moved)
        self.assertEqual("available", moved.status)
        self.assertRaises(
            exceptions.NotFoundException, self.sfs.get_share, share.id
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.get_share_transfer,
            transfer.id,
        )

    def test_cancel(self) -> None:
        share = self._share()
        self.addCleanup(self.sfs.delete_share, share)
        transfer = self.sfs.create_share_transfer(share_id=share.id)
        self.assertRaises(
            exceptions.BadRequestException,
            self.sfs.create_share_transfer,
            share_id=share.id,
        )
        self.sfs.delete_share_transfer(transfer)
        self.assertEqual("available", self.sfs.get_share(share.id).status)
        self.assertEqual([], list(self.sfs.share_transfers()))

    def test_bad_input_is_4xx(self) -> None:
        for body in (
            {},
            {"transfer": None},
            {"transfer": {"share_id": 7}},
            {"transfer": {"share_id": "not-a-uuid"}},
        ):
            response = self.raw(
                self.conn, "POST", "/share-transfers", json=body
            )
            self.assertEqual(400, response.status_code, response.text)
        response = self.raw(
            self.conn,
            "POST",
            "/share-transfers/nope/accept",
            json={"accept": {"auth_key": ["x"]}},
        )
        self.assertEqual(400, response.status_code, response.text)
        response = self.raw(
            self.conn, "GET", "/share-transfers", microversion="2.76"
        )
        self.assertEqual(404, response.status_code)
