"""Tests of Limit and the limit calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import limit

ABSOLUTE: dict[str, Any] = {
    "maxTotalShareGigabytes": 1000,
    "maxTotalSnapshotGigabytes": 1000,
    "maxTotalShares": 50,
    "maxTotalShareSnapshots": 50,
    "maxTotalShareNetworks": 10,
    "maxTotalShareReplicas": 100,
    "maxTotalReplicaGigabytes": 1000,
    "maxTotalShareGroups": 49,
    "maxTotalShareGroupSnapshots": 48,
    "maxTotalShareBackups": 10,
    "maxTotalBackupGigabytes": 1000,
    "totalSharesUsed": 2,
    "totalShareSnapshotsUsed": 1,
    "totalShareNetworksUsed": 1,
    "totalShareGigabytesUsed": 3,
    "totalSnapshotGigabytesUsed": 1,
    "totalShareReplicasUsed": 0,
    "totalReplicaGigabytesUsed": 0,
    "totalShareGroupsUsed": 0,
    "totalShareGroupSnapshotsUsed": 0,
    "totalShareBackupsUsed": 0,
    "totalBackupGigabytesUsed": 0,
}
RATE: list[dict[str, Any]] = [
    {
        "uri": "*",
        "regex": ".*",
        "limit": [
            {
                "verb": "POST",
                "value": 10,
                "remaining": 9,
                "unit": "MINUTE",
                "next-available": "2025-01-02T03:04:05Z",
            }
        ],
    }
]
BODY: dict[str, Any] = {"limits": {"rate": RATE, "absolute": ABSOLUTE}}


class TestLimitResource(base.TestCase):
    def test_basics(self) -> None:
        cls = limit.Limit
        self.assertEqual("limits", cls.resource_key)
        self.assertEqual("limits", cls.resources_key)
        self.assertEqual("/limits", cls.base_path)
        self.assertEqual("2.80", cls._max_microversion)
        self.assertEqual({}, cls._query_mapping._mapping)
        self.assertFalse(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertFalse(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_make_it(self) -> None:
        lim = limit.Limit(**BODY["limits"])
        for name, value in ABSOLUTE.items():
            self.assertEqual(value, getattr(lim, name), name)
        self.assertEqual(RATE, lim.rate)
        self.assertEqual(ABSOLUTE, lim.absolute)


class TestLimitProxy(base.TestCase):
    def test_get_limits(self) -> None:
        self.requests_mock.get(base.MANILA_URL + "/limits", json=BODY)
        lim = self.proxy.get_limits()
        self.assert_request("GET", "/limits", microversion="2.80")
        self.assertEqual(50, lim.maxTotalShares)
        self.assertEqual(2, lim.totalSharesUsed)
        self.assertEqual(10, lim.maxTotalShareBackups)
        self.assertEqual(9, lim.rate[0]["limit"][0]["remaining"])

    def test_limits_generator(self) -> None:
        self.requests_mock.get(base.MANILA_URL + "/limits", json=BODY)
        limits = list(self.proxy.limits())
        self.assert_request("GET", "/limits", microversion="2.80")
        self.assertEqual(1, len(limits))
        self.assertEqual(1000, limits[0].maxTotalShareGigabytes)
        self.assertEqual(3, limits[0].totalShareGigabytesUsed)

    def test_limits_old_server(self) -> None:
        self.set_server_max("2.52")
        old = {
            "limits": {
                "rate": [],
                "absolute": {"maxTotalShares": 50, "totalSharesUsed": 1},
            }
        }
        self.requests_mock.get(base.MANILA_URL + "/limits", json=old)
        lim = self.proxy.get_limits()
        self.assert_request("GET", "/limits", microversion="2.52")
        self.assertEqual(50, lim.maxTotalShares)
        self.assertIsNone(lim.maxTotalShareReplicas)

    def test_limits_unauthorized(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/limits",
            status_code=401,
            json={
                "unauthorized": {
                    "code": 401,
                    "message": "The request you have made requires "
                    "authentication.",
                }
            },
        )
        self.assertRaises(exceptions.HttpException, self.proxy.get_limits)
