"""Tests of StoragePool and ``storage_pools`` of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import storage_pool

DETAIL: dict[str, Any] = {
    "name": "fakehost@alpha#pool1",
    "host": "fakehost",
    "backend": "alpha",
    "pool": "pool1",
    "capabilities": {
        "total_capacity_gb": 1000,
        "free_capacity_gb": 800,
        "driver_handles_share_servers": False,
        "storage_protocol": "NFS_CIFS",
    },
}
SUMMARY = {k: v for k, v in DETAIL.items() if k != "capabilities"}


class TestStoragePoolResource(base.TestCase):
    def test_basics(self) -> None:
        cls = storage_pool.StoragePool
        self.assertIsNone(cls.resource_key)
        self.assertEqual("pools", cls.resources_key)
        self.assertEqual("/scheduler-stats/pools", cls.base_path)
        self.assertEqual("2.23", cls._max_microversion)
        self.assertFalse(cls.allow_create)
        self.assertFalse(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertFalse(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_query_mapping(self) -> None:
        names = ["pool", "host", "backend", "capabilities", "share_type"]
        self.assertEqual(
            {n: n for n in names},
            storage_pool.StoragePool._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        pool = storage_pool.StoragePool(**DETAIL)
        self.assertEqual("fakehost@alpha#pool1", pool.name)
        self.assertEqual("fakehost@alpha#pool1", pool.id)
        self.assertEqual("fakehost", pool.host)
        self.assertEqual("alpha", pool.backend)
        self.assertEqual("pool1", pool.pool)
        self.assertEqual(800, pool.capabilities["free_capacity_gb"])


class TestStoragePoolProxy(base.TestCase):
    def test_storage_pools_detail(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/scheduler-stats/pools/detail",
            json={"pools": [DETAIL]},
        )
        pools = list(
            self.proxy.storage_pools(backend="alpha", share_type="default")
        )
        self.assert_request(
            "GET",
            "/scheduler-stats/pools/detail",
            microversion="2.23",
            query={"backend": ["alpha"], "share_type": ["default"]},
        )
        self.assertEqual(1000, pools[0].capabilities["total_capacity_gb"])

    def test_storage_pools_summary(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/scheduler-stats/pools",
            json={"pools": [SUMMARY]},
        )
        pools = list(self.proxy.storage_pools(details=False, host="fakehost"))
        self.assert_request(
            "GET",
            "/scheduler-stats/pools",
            microversion="2.23",
            query={"host": ["fakehost"]},
        )
        self.assertEqual(["pool1"], [p.pool for p in pools])
        self.assertIsNone(pools[0].capabilities)

    def test_storage_pools_forbidden(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/scheduler-stats/pools/detail",
            status_code=403,
            json={
                "forbidden": {
                    "code": 403,
                    "message": "Access was denied to this resource.",
                }
            },
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            lambda: list(self.proxy.storage_pools()),
        )

    def test_storage_pools_unknown_share_type(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/scheduler-stats/pools/detail",
            status_code=400,
            json={
                "badRequest": {
                    "code": 400,
                    "message": "Share type nope not found.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.BadRequestException,
            lambda: list(self.proxy.storage_pools(share_type="nope")),
        )
        self.assertIn("nope not found", str(exc))

    def test_storage_pools_share_type_old_server(self) -> None:
        self.set_server_max("2.22")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.23",
            self.proxy.storage_pools,
            share_type="default",
        )

    def test_storage_pools_old_server_without_share_type(self) -> None:
        self.set_server_max("2.22")
        self.requests_mock.get(
            base.MANILA_URL + "/scheduler-stats/pools/detail",
            json={"pools": [DETAIL]},
        )
        self.assertEqual(1, len(list(self.proxy.storage_pools())))
        self.assert_request(
            "GET", "/scheduler-stats/pools/detail", microversion="2.22"
        )
