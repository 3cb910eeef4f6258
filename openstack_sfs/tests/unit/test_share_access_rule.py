"""Unit tests for openstack_sfs.v2.share_access_rule and its proxy calls."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_access_rule as _rule

SHARE_ID = "011d21e2-fbc3-4e4a-9993-9ea223f73264"
RULE_ID = "a25b2df3-90bd-4add-afa6-5f0dbbd50452"
RULES_URL = base.MANILA_URL + "/share-access-rules"
ACTION_URL = base.MANILA_URL + f"/shares/{SHARE_ID}/action"
ACTION_PATH = f"/shares/{SHARE_ID}/action"

RULE: dict[str, Any] = {
    "id": RULE_ID,
    "share_id": SHARE_ID,
    "access_level": "rw",
    "access_to": "10.0.0.0/24",
    "access_type": "ip",
    "state": "queued_to_apply",
    "access_key": None,
    "created_at": "2024-02-01T10:00:00.000000",
    "updated_at": None,
    "metadata": {"team": "a"},
}

NOT_FOUND = {
    "itemNotFound": {
        "code": 404,
        "message": f"Access rule {RULE_ID} could not be found.",
    }
}


class TestShareAccessRuleResource(base.TestCase):
    def test_basic(self) -> None:
        sot = _rule.ShareAccessRule()
        self.assertEqual("access", sot.resource_key)
        self.assertEqual("access_list", sot.resources_key)
        self.assertEqual("/share-access-rules", sot.base_path)
        self.assertTrue(sot.allow_create)
        self.assertTrue(sot.allow_fetch)
        self.assertFalse(sot.allow_commit)
        self.assertTrue(sot.allow_delete)
        self.assertTrue(sot.allow_list)
        self.assertFalse(sot.allow_head)
        self.assertEqual("2.88", sot._max_microversion)
        self.assertEqual(
            {
                "access_key": "access_key",
                "access_level": "access_level",
                "access_to": "access_to",
                "access_type": "access_type",
                "metadata": "metadata",
                "share_id": "share_id",
            },
            sot._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        sot = _rule.ShareAccessRule(
            **RULE, lock_visibility=True, lock_reason="why"
        )
        self.assertEqual(RULE_ID, sot.id)
        self.assertEqual(SHARE_ID, sot.share_id)
        self.assertEqual("rw", sot.access_level)
        self.assertEqual("10.0.0.0/24", sot.access_to)
        self.assertEqual("ip", sot.access_type)
        self.assertEqual("queued_to_apply", sot.state)
        self.assertEqual(RULE["created_at"], sot.created_at)
        self.assertEqual({"team": "a"}, sot.metadata)
        self.assertTrue(sot.lock_visibility)
        self.assertEqual("why", sot.lock_reason)


class TestAccessRuleProxy(base.TestCase):
    def test_access_rules(self) -> None:
        self.requests_mock.get(RULES_URL, json={"access_list": [RULE]})
        rules = list(self.proxy.access_rules(SHARE_ID, access_type="ip"))
        self.assertEqual([RULE_ID], [r.id for r in rules])
        self.assert_request(
            "GET",
            "/share-access-rules",
            microversion="2.88",
            query={"share_id": [SHARE_ID], "access_type": ["ip"]},
        )

    def test_access_rules_need_2_45(self) -> None:
        self.set_server_max("2.44")
        exc = self.assertRaises(
            exceptions.NotSupported, self.proxy.access_rules, SHARE_ID
        )
        self.assertIn("2.45", str(exc))

    def test_access_rules_bad_share(self) -> None:
        self.requests_mock.get(
            RULES_URL,
            status_code=400,
            json={
                "badRequest": {"code": 400, "message": "Share x not found."}
            },
        )
        exc = self.assertRaises(
            exceptions.BadRequestException,
            list,
            self.proxy.access_rules("x"),
        )
        self.assertIn("Share x not found.", str(exc))

    def test_get_access_rule(self) -> None:
        self.requests_mock.get(
            RULES_URL + "/" + RULE_ID, json={"access": RULE}
        )
        rule = self.proxy.get_access_rule(RULE_ID)
        self.assertEqual("10.0.0.0/24", rule.access_to)
        self.assert_request(
            "GET", "/share-access-rules/" + RULE_ID, microversion="2.88"
        )

    def test_get_access_rule_not_found(self) -> None:
        self.requests_mock.get(
            RULES_URL + "/" + RULE_ID, status_code=404, json=NOT_FOUND
        )
        exc = self.assertRaises(
            exceptions.NotFoundException, self.proxy.get_access_rule, RULE_ID
        )
        self.assertIn("could not be found", str(exc))

    def test_get_access_rule_needs_2_45(self) -> None:
        self.set_server_max("2.40")
        self.assertRaises(
            exceptions.NotSupported, self.proxy.get_access_rule, RULE_ID
        )

    def test_create_access_rule(self) -> None:
        self.requests_mock.post(
            ACTION_URL, status_code=200, json={"access": RULE}
        )
        rule = self.proxy.create_access_rule(
            SHARE_ID,
            access_type="ip",
            access_to="10.0.0.0/24",
            access_level="rw",
            metadata={"team": "a"},
            lock_deletion=True,
            lock_reason="keep",
        )
        self.assertEqual(RULE_ID, rule.id)
        self.assertEqual("queued_to_apply", rule.state)
        self.assert_request(
            "POST",
            ACTION_PATH,
            microversion="2.88",
            json_body={
                "allow_access": {
                    "access_type": "ip",
                    "access_to": "10.0.0.0/24",
                    "access_level": "rw",
                    "metadata": {"team": "a"},
                    "lock_deletion": True,
                    "lock_reason": "keep",
                }
            },
        )

    def test_create_access_rule_minimal_old_server(self) -> None:
        self.set_server_max("2.10")
        self.requests_mock.post(
            ACTION_URL, status_code=200, json={"access": RULE}
        )
        self.proxy.create_access_rule(
            SHARE_ID, access_type="user", access_to="alice"
        )
        self.assert_request(
            "POST",
            ACTION_PATH,
            microversion="2.10",
            json_body={
                "allow_access": {"access_type": "user", "access_to": "alice"}
            },
        )

    def test_create_access_rule_locks_need_2_82(self) -> None:
        self.set_server_max("2.81")
        exc = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.create_access_rule,
            SHARE_ID,
            access_type="ip",
            access_to="10.0.0.1",
            lock_visibility=True,
        )
        self.assertIn("2.82", str(exc))
        self.assertEqual([], self.api_requests())

    def test_create_access_rule_metadata_needs_2_45(self) -> None:
        self.set_server_max("2.44")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.create_access_rule,
            SHARE_ID,
            access_type="ip",
            access_to="10.0.0.1",
            metadata={"a": "b"},
        )

    def test_create_access_rule_error(self) -> None:
        self.requests_mock.post(
            ACTION_URL,
            status_code=400,
            json={
                "badRequest": {
                    "code": 400,
                    "message": "Share access ip:10.0.0.1 exists.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.create_access_rule,
            SHARE_ID,
            access_type="ip",
            access_to="10.0.0.1",
        )
        self.assertIn("exists", str(exc))

    def test_delete_access_rule(self) -> None:
        self.requests_mock.post(ACTION_URL, status_code=202)
        self.proxy.delete_access_rule(RULE_ID, SHARE_ID)
        self.assert_request(
            "POST",
            ACTION_PATH,
            microversion="2.88",
            json_body={"deny_access": {"access_id": RULE_ID}},
        )

    def test_delete_access_rule_unrestrict(self) -> None:
        self.requests_mock.post(ACTION_URL, status_code=202)
        self.proxy.delete_access_rule(RULE_ID, SHARE_ID, unrestrict=True)
        self.assert_request(
            "POST",
            ACTION_PATH,
            microversion="2.88",
            json_body={
                "deny_access": {"access_id": RULE_ID, "unrestrict": True}
            },
        )

    def test_delete_access_rule_unrestrict_needs_2_82(self) -> None:
        self.set_server_max("2.81")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.delete_access_rule,
            RULE_ID,
            SHARE_ID,
            unrestrict=True,
        )

    def test_delete_access_rule_missing(self) -> None:
        self.requests_mock.post(ACTION_URL, status_code=404, json=NOT_FOUND)
        self.proxy.delete_access_rule(RULE_ID, SHARE_ID)
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_access_rule,
            RULE_ID,
            SHARE_ID,
            ignore_missing=False,
        )
        self.assertIn("could not be found", str(exc))

    def test_delete_access_rule_locked(self) -> None:
        self.requests_mock.post(
            ACTION_URL,
            status_code=403,
            json={"forbidden": {"code": 403, "message": "Rule is locked."}},
        )
        exc = self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.delete_access_rule,
            RULE_ID,
            SHARE_ID,
        )
        self.assertIn("locked", str(exc))

    def test_update_access_rule(self) -> None:
        self.requests_mock.put(
            RULES_URL + "/" + RULE_ID,
            json={"access": dict(RULE, access_level="ro")},
        )
        rule = self.proxy.update_access_rule(RULE_ID, "ro")
        self.assertEqual("ro", rule.access_level)
        self.assert_request(
            "PUT",
            "/share-access-rules/" + RULE_ID,
            microversion="2.88",
            json_body={"update_access": {"access_level": "ro"}},
        )

    def test_update_access_rule_needs_2_88(self) -> None:
        self.set_server_max("2.87")
        exc = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.update_access_rule,
            RULE_ID,
            "ro",
        )
        self.assertIn("2.88", str(exc))

    def test_set_access_rule_metadata(self) -> None:
        self.requests_mock.put(
            RULES_URL + f"/{RULE_ID}/metadata", json={"metadata": {"k": "v"}}
        )
        rule = self.proxy.set_access_rule_metadata(RULE_ID, k="v")
        self.assertEqual({"k": "v"}, rule.metadata)
        self.assert_request(
            "PUT",
            f"/share-access-rules/{RULE_ID}/metadata",
            microversion="2.88",
            json_body={"metadata": {"k": "v"}},
        )

    def test_set_access_rule_metadata_needs_2_45(self) -> None:
        self.set_server_max("2.44")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.set_access_rule_metadata,
            RULE_ID,
            k="v",
        )

    def test_delete_access_rule_metadata(self) -> None:
        self.requests_mock.delete(
            RULES_URL + f"/{RULE_ID}/metadata/k", status_code=200
        )
        self.requests_mock.delete(
            RULES_URL + f"/{RULE_ID}/metadata/zz",
            status_code=404,
            json={"itemNotFound": {"code": 404, "message": "zz not found"}},
        )
        self.proxy.delete_access_rule_metadata(RULE_ID, ["k", "zz"])
        self.assert_request(
            "DELETE",
            f"/share-access-rules/{RULE_ID}/metadata/k",
            microversion="2.88",
            index=-2,
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_access_rule_metadata,
            RULE_ID,
            ["zz"],
            ignore_missing=False,
        )
        self.assertIn("zz not found", str(exc))
