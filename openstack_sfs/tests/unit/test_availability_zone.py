"""Tests of AvailabilityZone and ``availability_zones`` of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import availability_zone

AZ_ID = "1f2e3d4c-0000-4000-8000-000000000001"
EXAMPLE: dict[str, Any] = {
    "id": AZ_ID,
    "name": "nova",
    "created_at": "2025-01-02T03:04:05.000000",
    "updated_at": None,
}


class TestAvailabilityZoneResource(base.TestCase):
    def test_basics(self) -> None:
        cls = availability_zone.AvailabilityZone
        self.assertEqual("availability_zone", cls.resource_key)
        self.assertEqual("availability_zones", cls.resources_key)
        self.assertEqual("/availability-zones", cls.base_path)
        self.assertEqual("2.7", cls._max_microversion)
        self.assertEqual({}, cls._query_mapping._mapping)
        self.assertFalse(cls.allow_create)
        self.assertFalse(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertFalse(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_make_it(self) -> None:
        az = availability_zone.AvailabilityZone(**EXAMPLE)
        self.assertEqual(AZ_ID, az.id)
        self.assertEqual("nova", az.name)
        self.assertEqual("2025-01-02T03:04:05.000000", az.created_at)
        self.assertIsNone(az.updated_at)


class TestAvailabilityZoneProxy(base.TestCase):
    def test_availability_zones(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/availability-zones",
            json={"availability_zones": [EXAMPLE]},
        )
        zones = list(self.proxy.availability_zones())
        self.assert_request("GET", "/availability-zones", microversion="2.7")
        self.assertEqual(["nova"], [z.name for z in zones])

    def test_availability_zones_forbidden(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/availability-zones",
            status_code=403,
            json={
                "forbidden": {
                    "code": 403,
                    "message": "Access was denied to this resource.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.ForbiddenException,
            lambda: list(self.proxy.availability_zones()),
        )
        self.assertIn("Access was denied", str(exc))

    def test_availability_zones_old_server(self) -> None:
        self.set_server_max("2.6")
        self.assertRaisesRegex(
            exceptions.NotSupported, "2.7", self.proxy.availability_zones
        )
        self.assertEqual([], self.api_requests())
