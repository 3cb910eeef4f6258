"""Tests of QuotaSet, QuotaClassSet and the quota calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import quota_class_set, quota_set

PROJECT = "6a1b2c3d4e5f40718293a4b5c6d7e8f9"
USER = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
QS_PATH = "/quota-sets/" + PROJECT
QS_URL = base.MANILA_URL + QS_PATH
QCS_URL = base.MANILA_URL + "/quota-class-sets/default"
MV = "2.90"

QUOTAS: dict[str, Any] = {
    "id": PROJECT,
    "shares": 50,
    "gigabytes": 1000,
    "snapshots": 50,
    "snapshot_gigabytes": 1000,
    "share_networks": 10,
    "share_groups": 50,
    "share_group_snapshots": 50,
    "share_replicas": 100,
    "replica_gigabytes": 1000,
    "per_share_gigabytes": -1,
    "backups": 10,
    "backup_gigabytes": 1000,
    "encryption_keys": 100,
}


def forbidden() -> dict[str, Any]:
    """A Manila 403 fault body."""
    return {
        "forbidden": {
            "code": 403,
            "message": "Access was denied to this resource.",
        }
    }


class TestQuotaSetResource(base.TestCase):
    def test_basics(self) -> None:
        cls = quota_set.QuotaSet
        self.assertEqual("quota_set", cls.resource_key)
        self.assertEqual("/quota-sets/%(project_id)s", cls.base_path)
        self.assertEqual("2.90", cls._max_microversion)
        self.assertFalse(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertTrue(cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertFalse(cls.allow_list)
        self.assertFalse(cls.allow_head)
        self.assertEqual(
            {"user_id": "user_id", "share_type": "share_type"},
            cls._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        qs = quota_set.QuotaSet(project_id=PROJECT, **QUOTAS)
        for key in quota_set.QUOTA_KEYS:
            self.assertEqual(QUOTAS[key], getattr(qs, key), key)
        self.assertEqual(PROJECT, qs.project_id)


class TestQuotaSetProxy(base.TestCase):
    def test_get_quota_set(self) -> None:
        self.requests_mock.get(QS_URL, json={"quota_set": QUOTAS})
        qs = self.proxy.get_quota_set(PROJECT)
        self.assert_request("GET", QS_PATH, microversion=MV, query={})
        self.assertEqual(50, qs.shares)
        self.assertEqual(100, qs.encryption_keys)
        self.assertIsNone(qs.usage)

    def test_get_quota_set_for_user(self) -> None:
        self.requests_mock.get(QS_URL, json={"quota_set": QUOTAS})
        self.proxy.get_quota_set(PROJECT, user_id=USER)
        self.assert_request(
            "GET", QS_PATH, microversion=MV, query={"user_id": [USER]}
        )

    def test_get_quota_set_for_share_type(self) -> None:
        self.requests_mock.get(QS_URL, json={"quota_set": QUOTAS})
        self.proxy.get_quota_set(PROJECT, share_type="gold")
        self.assert_request(
            "GET", QS_PATH, microversion=MV, query={"share_type": ["gold"]}
        )

    def test_share_type_quota_old_server(self) -> None:
        self.set_server_max("2.38")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.39",
            self.proxy.get_quota_set,
            PROJECT,
            share_type="gold",
        )

    def test_user_and_share_type_exclusive(self) -> None:
        self.assertRaises(
            exceptions.InvalidRequest,
            self.proxy.get_quota_set,
            PROJECT,
            user_id=USER,
            share_type="gold",
        )

    def test_get_quota_set_usage(self) -> None:
        detail = {
            "id": PROJECT,
            "shares": {"in_use": 2, "limit": 50, "reserved": 1},
            "gigabytes": {"in_use": 3, "limit": 1000, "reserved": 0},
        }
        self.requests_mock.get(QS_URL + "/detail", json={"quota_set": detail})
        qs = self.proxy.get_quota_set(PROJECT, usage=True)
        self.assert_request("GET", QS_PATH + "/detail", microversion=MV)
        self.assertEqual(50, qs.shares)
        self.assertEqual(1000, qs.gigabytes)
        self.assertEqual({"shares": 2, "gigabytes": 3}, qs.usage)
        self.assertEqual({"shares": 1, "gigabytes": 0}, qs.reservation)

    def test_get_quota_set_usage_old_server(self) -> None:
        self.set_server_max("2.24")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.25",
            self.proxy.get_quota_set,
            PROJECT,
            usage=True,
        )
        self.assertEqual([], self.api_requests())

    def test_quota_sets_need_2_7(self) -> None:
        self.set_server_max("2.6")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.7",
            self.proxy.get_quota_set,
            PROJECT,
        )

    def test_get_quota_set_forbidden(self) -> None:
        self.requests_mock.get(QS_URL, status_code=403, json=forbidden())
        exc = self.assertRaises(
            exceptions.ForbiddenException, self.proxy.get_quota_set, PROJECT
        )
        self.assertIn("Access was denied", str(exc))

    def test_get_quota_set_defaults(self) -> None:
        self.requests_mock.get(
            QS_URL + "/defaults", json={"quota_set": QUOTAS}
        )
        qs = self.proxy.get_quota_set_defaults(PROJECT)
        self.assert_request("GET", QS_PATH + "/defaults", microversion=MV)
        self.assertEqual(10, qs.share_networks)

    def test_update_quota_set(self) -> None:
        answer = dict(QUOTAS, shares=20)
        answer.pop("id")
        self.requests_mock.put(QS_URL, json={"quota_set": answer})
        qs = self.proxy.update_quota_set(
            PROJECT, shares=20, gigabytes=-1, force=True
        )
        self.assert_request(
            "PUT",
            QS_PATH,
            microversion=MV,
            json_body={
                "quota_set": {"shares": 20, "gigabytes": -1, "force": True}
            },
            query={},
        )
        self.assertEqual(20, qs.shares)

    def test_update_quota_set_share_type(self) -> None:
        self.requests_mock.put(QS_URL, json={"quota_set": QUOTAS})
        self.proxy.update_quota_set(PROJECT, share_type="gold", shares=5)
        self.assert_request(
            "PUT",
            QS_PATH,
            microversion=MV,
            json_body={"quota_set": {"shares": 5}},
            query={"share_type": ["gold"]},
        )

    def test_update_quota_set_new_key_old_server(self) -> None:
        self.set_server_max("2.79")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.80",
            self.proxy.update_quota_set,
            PROJECT,
            backups=3,
        )
        self.assertEqual([], self.api_requests())

    def test_update_quota_set_below_usage(self) -> None:
        self.requests_mock.put(
            QS_URL,
            status_code=400,
            json={
                "badRequest": {
                    "code": 400,
                    "message": "Quota value 1 for shares is smaller than "
                    "already used and reserved 2.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.update_quota_set,
            PROJECT,
            shares=1,
        )
        self.assertIn("smaller than already used", str(exc))

    def test_revert_quota_set(self) -> None:
        self.requests_mock.delete(QS_URL, status_code=202)
        self.proxy.revert_quota_set(PROJECT)
        self.assert_request("DELETE", QS_PATH, microversion=MV, query={})

    def test_revert_quota_set_user(self) -> None:
        self.requests_mock.delete(QS_URL, status_code=202)
        self.proxy.revert_quota_set(PROJECT, user_id=USER)
        self.assert_request(
            "DELETE", QS_PATH, microversion=MV, query={"user_id": [USER]}
        )

    def test_revert_quota_set_forbidden(self) -> None:
        self.requests_mock.delete(QS_URL, status_code=403, json=forbidden())
        self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.revert_quota_set,
            PROJECT,
        )


class TestQuotaClassSet(base.TestCase):
    def test_basics(self) -> None:
        cls = quota_class_set.QuotaClassSet
        self.assertEqual("quota_class_set", cls.resource_key)
        self.assertEqual("/quota-class-sets", cls.base_path)
        self.assertEqual("2.90", cls._max_microversion)
        self.assertFalse(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertTrue(cls.allow_commit)
        self.assertFalse(cls.allow_delete)
        self.assertFalse(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_make_it(self) -> None:
        qcs = quota_class_set.QuotaClassSet(**dict(QUOTAS, id="default"))
        self.assertEqual("default", qcs.id)
        self.assertEqual(1000, qcs.backup_gigabytes)
        self.assertEqual(-1, qcs.per_share_gigabytes)

    def test_get_quota_class_set(self) -> None:
        body = dict(QUOTAS, id="default")
        self.requests_mock.get(QCS_URL, json={"quota_class_set": body})
        qcs = self.proxy.get_quota_class_set("default")
        self.assert_request(
            "GET", "/quota-class-sets/default", microversion=MV
        )
        self.assertEqual(50, qcs.shares)

    def test_get_quota_class_set_old_server(self) -> None:
        self.set_server_max("2.6")
        self.assertRaises(
            exceptions.NotSupported, self.proxy.get_quota_class_set, "default"
        )

    def test_update_quota_class_set(self) -> None:
        answer = dict(QUOTAS, shares=70)
        answer.pop("id")
        self.requests_mock.put(QCS_URL, json={"quota_class_set": answer})
        qcs = self.proxy.update_quota_class_set("default", shares=70)
        self.assert_request(
            "PUT",
            "/quota-class-sets/default",
            microversion=MV,
            json_body={"quota_class_set": {"shares": 70}},
        )
        self.assertEqual(70, qcs.shares)
        self.assertEqual("default", qcs.id)

    def test_update_quota_class_set_forbidden(self) -> None:
        self.requests_mock.put(QCS_URL, status_code=403, json=forbidden())
        self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.update_quota_class_set,
            "default",
            shares=1,
        )
