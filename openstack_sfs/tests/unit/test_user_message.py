"""Tests of UserMessage and the user message calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import user_message

MSG_ID = "4e5f6a7b-0000-4000-8000-000000000001"
SHARE_ID = "5c9e1a2b-0000-4000-8000-000000000002"
MSG_URL = base.MANILA_URL + "/messages/" + MSG_ID
MV = "2.52"

EXAMPLE: dict[str, Any] = {
    "id": MSG_ID,
    "project_id": base.PROJECT_ID,
    "action_id": "001",
    "detail_id": "002",
    "message_level": "ERROR",
    "created_at": "2025-01-02T03:04:05.000000",
    "expires_at": "2025-01-03T03:04:05.000000",
    "request_id": "req-0f1e2d3c",
    "links": [{"rel": "self", "href": MSG_URL}],
    "resource_type": "SHARE",
    "resource_id": SHARE_ID,
    "user_message": "allocate host: No storage could be allocated for "
    "this share request.",
}
NOT_FOUND = {
    "itemNotFound": {
        "code": 404,
        "message": f"Message {MSG_ID} could not be found.",
    }
}


class TestUserMessageResource(base.TestCase):
    def test_basics(self) -> None:
        cls = user_message.UserMessage
        self.assertEqual("message", cls.resource_key)
        self.assertEqual("messages", cls.resources_key)
        self.assertEqual("/messages", cls.base_path)
        self.assertEqual("2.52", cls._max_microversion)
        self.assertFalse(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_query_mapping(self) -> None:
        names = [
            "action_id",
            "created_before",
            "created_since",
            "detail_id",
            "limit",
            "message_level",
            "offset",
            "request_id",
            "resource_id",
            "resource_type",
            "sort_dir",
            "sort_key",
        ]
        self.assertEqual(
            {n: n for n in names},
            user_message.UserMessage._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        msg = user_message.UserMessage(**EXAMPLE)
        self.assertEqual(MSG_ID, msg.id)
        self.assertEqual("001", msg.action_id)
        self.assertEqual("002", msg.detail_id)
        self.assertEqual("ERROR", msg.message_level)
        self.assertEqual("SHARE", msg.resource_type)
        self.assertEqual(SHARE_ID, msg.resource_id)
        self.assertEqual("req-0f1e2d3c", msg.request_id)
        self.assertEqual(base.PROJECT_ID, msg.project_id)
        self.assertTrue(msg.user_message.startswith("allocate host"))
        self.assertEqual("2025-01-03T03:04:05.000000", msg.expires_at)


class TestUserMessageProxy(base.TestCase):
    def test_user_messages(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/messages", json={"messages": [EXAMPLE]}
        )
        msgs = list(
            self.proxy.user_messages(
                resource_id=SHARE_ID,
                created_since="2025-01-01T00:00:00",
                limit=2,
            )
        )
        self.assert_request(
            "GET",
            "/messages",
            microversion=MV,
            query={
                "resource_id": [SHARE_ID],
                "created_since": ["2025-01-01t00:00:00"],
                "limit": ["2"],
            },
        )
        self.assertEqual([MSG_ID], [m.id for m in msgs])
        self.assertEqual(1, len(self.api_requests()))

    def test_user_messages_old_server(self) -> None:
        self.set_server_max("2.36")
        self.assertRaisesRegex(
            exceptions.NotSupported, "2.37", self.proxy.user_messages
        )

    def test_user_messages_time_filter_old_server(self) -> None:
        self.set_server_max("2.51")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.52",
            self.proxy.user_messages,
            created_before="2025-01-01T00:00:00",
        )

    def test_user_messages_at_2_37(self) -> None:
        self.set_server_max("2.37")
        self.requests_mock.get(
            base.MANILA_URL + "/messages", json={"messages": [EXAMPLE]}
        )
        list(self.proxy.user_messages(message_level="ERROR"))
        self.assert_request(
            "GET",
            "/messages",
            microversion="2.37",
            query={"message_level": ["error"]},
        )

    def test_get_user_message(self) -> None:
        self.requests_mock.get(MSG_URL, json={"message": EXAMPLE})
        msg = self.proxy.get_user_message(MSG_ID)
        self.assert_request("GET", "/messages/" + MSG_ID, microversion=MV)
        self.assertEqual("002", msg.detail_id)

    def test_get_user_message_not_found(self) -> None:
        self.requests_mock.get(MSG_URL, status_code=404, json=NOT_FOUND)
        exc = self.assertRaises(
            exceptions.NotFoundException, self.proxy.get_user_message, MSG_ID
        )
        self.assertIn("could not be found", str(exc))

    def test_delete_user_message(self) -> None:
        self.requests_mock.delete(MSG_URL, status_code=204)
        self.proxy.delete_user_message(MSG_ID)
        self.assert_request("DELETE", "/messages/" + MSG_ID, microversion=MV)

    def test_delete_user_message_missing(self) -> None:
        self.requests_mock.delete(MSG_URL, status_code=404, json=NOT_FOUND)
        self.assertIsNone(self.proxy.delete_user_message(MSG_ID))
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_user_message,
            MSG_ID,
            ignore_missing=False,
        )
        self.assertIn("could not be found", str(exc))

    def test_delete_user_message_old_server(self) -> None:
        self.set_server_max("2.36")
        self.assertRaises(
            exceptions.NotSupported, self.proxy.delete_user_message, MSG_ID
        )


class TestResourceTypeFilter(base.TestCase):
    def test_resource_type_filter_reaches_the_query(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/messages", json={"messages": []}
        )
        self.assertEqual(
            [], list(self.proxy.user_messages(resource_type="SHARE"))
        )
        req = self.api_requests()[-1]
        self.assertEqual("/v2/messages", req.path)
        self.assertEqual(["share"], req.qs["resource_type"])
