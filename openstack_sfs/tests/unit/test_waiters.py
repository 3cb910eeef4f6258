"""Unit tests for the proxy waiters (openstack_sfs.v2._wait)."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs import exceptions as sfs_exceptions
from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import _wait
from openstack_sfs.v2 import share as _share
from openstack_sfs.v2 import share_access_rule as _rule

SHARE_ID = "011d21e2-fbc3-4e4a-9993-9ea223f73264"
URL = base.MANILA_URL + f"/shares/{SHARE_ID}"


def share_answer(status: str, **extra: Any) -> dict[str, Any]:
    return {"json": {"share": {"id": SHARE_ID, "status": status, **extra}}}


class TestWaitForStatus(base.TestCase):
    def share(self, status: str = "creating") -> _share.Share:
        return _share.Share.existing(id=SHARE_ID, status=status)

    def test_reaches_status(self) -> None:
        self.requests_mock.get(
            URL,
            [
                share_answer("creating", progress="0%"),
                share_answer("creating", progress="50%"),
                share_answer("available", progress="100%"),
            ],
        )
        seen: list[int] = []
        share = self.proxy.wait_for_status(
            self.share(), "available", interval=0, callback=seen.append
        )
        self.assertEqual("available", share.status)
        self.assertEqual([0, 50], seen)
        self.assertEqual(3, len(self.api_requests()))
        self.assert_request("GET", f"/shares/{SHARE_ID}", microversion="2.99")

    def test_held_status_is_not_trusted(self) -> None:
        # the caller's copy says available (from before a resize), the
        # server says extending: the wait must not return at once
        self.requests_mock.get(
            URL, [share_answer("extending"), share_answer("available")]
        )
        share = self.proxy.wait_for_status(
            self.share("available"), "AVAILABLE", interval=0
        )
        self.assertEqual("available", share.status)
        self.assertEqual(2, len(self.api_requests()))

    def test_failure_names_status(self) -> None:
        self.requests_mock.get(
            URL, [share_answer("creating"), share_answer("error")]
        )
        exc = self.assertRaises(
            exceptions.ResourceFailure,
            self.proxy.wait_for_status,
            self.share(),
            "available",
            failures=["error"],
            interval=0,
        )
        self.assertIn("'error'", str(exc))
        self.assertIn(SHARE_ID, str(exc))

    def test_default_failures_is_error(self) -> None:
        self.requests_mock.get(URL, [share_answer("error")])
        self.assertRaises(
            exceptions.ResourceFailure,
            self.proxy.wait_for_status,
            self.share(),
            "available",
            interval=0,
        )

    def test_custom_failures(self) -> None:
        self.requests_mock.get(URL, [share_answer("extending_error")])
        exc = self.assertRaises(
            exceptions.ResourceFailure,
            self.proxy.wait_for_status,
            self.share("extending"),
            "available",
            failures=["error", "extending_error"],
            interval=0,
        )
        self.assertIn("extending_error", str(exc))

    def test_timeout_names_last_status(self) -> None:
        self.requests_mock.get(URL, [share_answer("creating")])
        exc = self.assertRaises(
            exceptions.ResourceTimeout,
            self.proxy.wait_for_status,
            self.share(),
            "available",
            interval=0,
            wait=0,
        )
        self.assertIn("last status seen: 'creating'", str(exc))
        self.assertEqual(1, len(self.api_requests()))

    def test_other_attribute(self) -> None:
        self.requests_mock.get(
            URL,
            [
                share_answer("available", access_rules_status="syncing"),
                share_answer("available", access_rules_status="active"),
            ],
        )
        share = self.proxy.wait_for_status(
            self.share("available"),
            "active",
            interval=0,
            attribute="access_rules_status",
        )
        self.assertEqual("active", share.access_rules_status)

    def test_access_rule_state(self) -> None:
        rule_url = base.MANILA_URL + "/share-access-rules/r1"
        self.requests_mock.get(
            rule_url,
            [
                {"json": {"access": {"id": "r1", "state": "applying"}}},
                {"json": {"access": {"id": "r1", "state": "active"}}},
            ],
        )
        rule = _rule.ShareAccessRule.existing(id="r1", state="new")
        rule = self.proxy.wait_for_status(
            rule, "active", interval=0, attribute="state"
        )
        self.assertEqual("active", rule.state)

    def test_error_response_raises(self) -> None:
        self.requests_mock.get(
            URL,
            status_code=404,
            json={"itemNotFound": {"code": 404, "message": "Gone."}},
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.wait_for_status,
            self.share(),
            "available",
            interval=0,
        )

    def test_default_wait_is_finite(self) -> None:
        self.assertEqual(300.0, _wait.DEFAULT_WAIT)


class TestWaitForDelete(base.TestCase):
    def share(self) -> _share.Share:
        return _share.Share.existing(id=SHARE_ID, status="deleting")

    def test_deleted_on_404(self) -> None:
        self.requests_mock.get(
            URL,
            [
                share_answer("deleting"),
                {
                    "status_code": 404,
                    "json": {"itemNotFound": {"code": 404, "message": "x"}},
                },
            ],
        )
        seen: list[int] = []
        share = self.share()
        result = self.proxy.wait_for_delete(
            share, interval=0, callback=seen.append
        )
        self.assertIs(share, result)
        self.assertEqual([0], seen)
        self.assertEqual(2, len(self.api_requests()))

    def test_error_deleting_fails(self) -> None:
        self.requests_mock.get(
            URL, [share_answer("deleting"), share_answer("error_deleting")]
        )
        exc = self.assertRaises(
            exceptions.ResourceFailure,
            self.proxy.wait_for_delete,
            self.share(),
            interval=0,
        )
        self.assertIn("error_deleting", str(exc))

    def test_timeout_names_last_status(self) -> None:
        self.requests_mock.get(URL, [share_answer("deleting")])
        exc = self.assertRaises(
            exceptions.ResourceTimeout,
            self.proxy.wait_for_delete,
            self.share(),
            interval=0,
            wait=0,
        )
        self.assertIn("last status seen: 'deleting'", str(exc))

    def test_other_error_raises(self) -> None:
        self.requests_mock.get(
            URL,
            status_code=500,
            json={"computeFault": {"code": 500, "message": "Boom."}},
        )
        exc = self.assertRaises(
            exceptions.HttpException,
            self.proxy.wait_for_delete,
            self.share(),
            interval=0,
        )
        self.assertIn("Boom.", str(exc))


class TestFailureCarriesUserMessage(base.TestCase):
    MESSAGES = base.MANILA_URL + "/messages"

    def share(self) -> _share.Share:
        return _share.Share.existing(id=SHARE_ID, status="creating")

    def test_latest_user_message_is_in_the_failure(self) -> None:
        self.requests_mock.get(URL, **share_answer("error"))
        self.requests_mock.get(
            self.MESSAGES,
            json={
                "messages": [
                    {
                        "id": "m1",
                        "resource_id": SHARE_ID,
                        "detail_id": "008",
                        "user_message": "allocate host: No storage could "
                        "be allocated for this share request.",
                    }
                ]
            },
        )
        exc = self.assertRaises(
            sfs_exceptions.ResourceFailure,
            self.proxy.wait_for_status,
            self.share(),
            "available",
            interval=0,
        )
        self.assertEqual(
            f"Share {SHARE_ID} reached failure status 'error' while "
            "waiting for 'available': allocate host: No storage could be "
            "allocated for this share request.",
            str(exc.message),
        )
        self.assertEqual("008", exc.user_message.detail_id)
        request = self.api_requests()[-1]
        self.assertEqual(
            {
                "resource_id": [SHARE_ID],
                "sort_key": ["created_at"],
                "sort_dir": ["desc"],
                "limit": ["1"],
            },
            request.qs,
        )

    def test_no_message_leaves_the_failure_as_it_was(self) -> None:
        self.requests_mock.get(URL, **share_answer("error_deleting"))
        self.requests_mock.get(self.MESSAGES, json={"messages": []})
        exc = self.assertRaises(
            sfs_exceptions.ResourceFailure,
            self.proxy.wait_for_delete,
            self.share(),
            interval=0,
        )
        self.assertEqual(
            f"Share {SHARE_ID} reached failure status 'error_deleting' "
            "while being deleted",
            str(exc.message),
        )
        self.assertIsNone(exc.user_message)

    def test_server_without_messages(self) -> None:
        self.set_server_max("2.36")
        self.requests_mock.get(URL, **share_answer("error"))
        exc = self.assertRaises(
            sfs_exceptions.ResourceFailure,
            self.proxy.wait_for_status,
            self.share(),
            "available",
            interval=0,
        )
        self.assertIsNone(exc.user_message)
        self.assertFalse(
            any("/messages" in r.url for r in self.api_requests())
        )
