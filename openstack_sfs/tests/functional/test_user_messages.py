"""User messages for failed operations through openstack_sfs."""

from __future__ import annotations

from openstack import exceptions

from openstack_sfs.tests.functional import base

NO_HOST = (
    "allocate host: No storage could be allocated for this share request, "
    "Capabilities filter didn't succeed."
)


class TestUserMessages(base.FunctionalTestCase):
    def setUp(self) -> None:
        super().setUp()
        share_type = self.admin_sfs.create_share_type(
            "nowhere",
            extra_specs={
                "driver_handles_share_servers": "False",
                "share_backend_name": "NO_SUCH_BACKEND",
            },
        )
        self.addCleanup(self.admin_sfs.delete_share_type, share_type.id)

    def failed_share(self, sfs):
        share = sfs.create_share(
            size=1, share_protocol="NFS", share_type="nowhere"
        )
        self.addCleanup(self._delete_quietly, share.id)
        return sfs.wait_for_status(
            share, "error", interval=0.02, wait=base.WAIT, failures=[]
        )

    def _delete_quietly(self, share_id: str) -> None:
        try:
            self.admin_sfs.delete_share(share_id)
        except exceptions.SDKException:
            pass

    def test_no_valid_host_message(self) -> None:
        share = self.failed_share(self.sfs)
        self.assertEqual("error", share.status)
        messages = list(self.sfs.user_messages(resource_id=share.id))
        self.assertEqual(1, len(messages))
        message = messages[0]
        self.assertEqual(NO_HOST, message.user_message)
        self.assertEqual("SHARE", message.resource_type)
        self.assertEqual("001", message.action_id)
        self.assertEqual("008", message.detail_id)
        self.assertEqual("ERROR", message.message_level)
        self.assertGreater(message.expires_at, message.created_at)
        shown = self.sfs.get_user_message(message.id)
        self.assertEqual(message.user_message, shown.user_message)
        self.sfs.delete_user_message(message)
        self.assertEqual(
            [], list(self.sfs.user_messages(resource_id=share.id))
        )
        self.assertRaises(
            exceptions.NotFoundException, self.sfs.get_user_message, message.id
        )

    def test_isolation_and_filters(self) -> None:
        mine = self.failed_share(self.sfs)
        alt = self.alt.shared_file_system
        theirs = self.failed_share(alt)
        own = [m.resource_id for m in self.sfs.user_messages()]
        self.assertEqual([mine.id], own)
        every = {m.resource_id for m in self.admin_sfs.user_messages()}
        self.assertEqual({mine.id, theirs.id}, every)
        other = next(iter(alt.user_messages()))
        self.assertRaises(
            exceptions.NotFoundException, self.sfs.get_user_message, other.id
        )
        self.assertEqual(
            [],
            list(self.sfs.user_messages(created_since="2999-01-01T00:00:00")),
        )
        self.assertEqual(
            1,
            len(
                list(self.sfs.user_messages(action_id="001", detail_id="008"))
            ),
        )
        raw = self.raw(self.conn, "GET", "/messages?sort_key=colour")
        self.assertEqual(400, raw.status_code)
        self.assertEqual(
            "Invalid input received: Invalid sort key colour.",
            raw.json()["badRequest"]["message"],
        )
        raw = self.raw(self.conn, "GET", "/messages", microversion="2.36")
        self.assertEqual(404, raw.status_code)
