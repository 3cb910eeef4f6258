"""The /_fake control API: changes are checked whole, then applied."""

from __future__ import annotations

import json

from fake_server import config, control, errors
from fake_server.cloud import Cloud
from openstack_sfs.tests import base as tests_base


class TestControl(tests_base.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.cloud = Cloud(
            config.from_dict({"server": {"progression": "manual"}})
        )
        self.addCleanup(self.cloud.close)

    def patch_alpha(self, body: object) -> tuple[int, object]:
        return control.handle(
            self.cloud,
            "PATCH",
            "/backends/alpha",
            json.dumps(body).encode(),
            {},
        )

    def alpha(self) -> dict[str, object]:
        status, body = control.handle(
            self.cloud, "GET", "/backends/alpha", b"", {}
        )
        self.assertEqual(200, status)
        assert isinstance(body, dict)
        return body["backend"]

    def test_patch_changes_address_and_pool(self) -> None:
        status, _ = self.patch_alpha(
            {
                "export_address": "10.9.9.9",
                "pools": {"fast": {"total_capacity_gb": 5}},
            }
        )
        self.assertEqual(200, status)
        backend = self.alpha()
        self.assertEqual("10.9.9.9", backend["export_address"])
        pools = {p["name"]: p for p in backend["pools"]}  # type: ignore
        self.assertEqual(5, pools["fast"]["total_capacity_gb"])
        stats = self.cloud.managers["fakehost@alpha"].driver.get_share_stats()
        fast = [p for p in stats["pools"] if p["pool_name"] == "fast"][0]
        self.assertEqual(5, fast["total_capacity_gb"])

    def test_bad_patch_changes_nothing(self) -> None:
        before = self.alpha()
        for body in (
            {"export_address": "10.9.9.9", "colour": "red"},
            {
                "export_address": "10.9.9.9",
                "pools": {"fast": {"total_capacity_gb": "lots"}},
            },
            {"pools": {"nope": {"total_capacity_gb": 1}}},
            {"pools": {"fast": {"name": "renamed"}}},
            {"pools": {"fast": {"thin_provisioning": 1}}},
        ):
            self.assertRaises(errors.BadRequest, self.patch_alpha, body)
        self.assertEqual(before, self.alpha())

    def test_unknown_backend_and_endpoint(self) -> None:
        self.assertRaises(
            errors.NotFound,
            control.handle,
            self.cloud,
            "PATCH",
            "/backends/zeta",
            b"{}",
            {},
        )
        self.assertRaises(
            errors.NotFound,
            control.handle,
            self.cloud,
            "GET",
            "/nothing",
            b"",
            {},
        )
        self.assertRaises(
            errors.BadRequest,
            control.handle,
            self.cloud,
            "POST",
            "/advance",
            b"[1]",
            {},
        )
