"""Services, storage pools and availability zones over real HTTP.

An operator lists the services, takes a back end out of scheduling and
puts it back, looks at the pools the scheduler sees and at the zones.
"""

from __future__ import annotations

from openstack import exceptions

from openstack_sfs.tests.functional import base

ALPHA = "fakehost@alpha"
BETA = "fakehost@beta"


class TestServices(base.FunctionalTestCase):
    def test_list(self) -> None:
        services = list(self.admin_sfs.services())
        # registration order, as devstack starts them: m-shr, m-sch, m-dat
        self.assertEqual(
            [
                ("manila-share", ALPHA),
                ("manila-share", BETA),
                ("manila-share", "fakehost@gamma"),
                ("manila-scheduler", "fakehost"),
                ("manila-data", "fakehost"),
            ],
            [(s.binary, s.host) for s in services],
        )
        for service in services:
            self.assertEqual("nova", service.zone)
            self.assertEqual("enabled", service.status)
            self.assertEqual("up", service.state)
            self.assertIsNone(service.disabled_reason)
            self.assertIs(False, service.ensuring)
            self.assertIsNotNone(service.updated_at)

    def test_filters(self) -> None:
        shares = list(self.admin_sfs.services(binary="manila-share"))
        self.assertEqual(3, len(shares))
        found = list(self.admin_sfs.services(host=BETA))
        self.assertEqual([BETA], [s.host for s in found])
        self.assertEqual([], list(self.admin_sfs.services(state="down")))
        self.assertEqual([], list(self.admin_sfs.services(zone="elsewhere")))
        self.assertEqual(
            5, len(list(self.admin_sfs.services(availability_zone="nova")))
        )
        # an invalid status is an empty list, not an error
        self.assertEqual([], list(self.admin_sfs.services(status="broken")))

    def test_legacy_path(self) -> None:
        response = self.raw(
            self.admin, "GET", "/os-services", microversion="2.6"
        )
        self.assertEqual(200, response.status_code)
        service = response.json()["services"][0]
        self.assertNotIn("disabled_reason", service)
        self.assertNotIn("ensuring", service)
        response = self.raw(
            self.admin, "GET", "/os-services", microversion="2.7"
        )
        self.assertEqual(404, response.status_code)

    def test_non_admin_is_forbidden(self) -> None:
        self.assertRaises(
            exceptions.ForbiddenException, list, self.sfs.services()
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.disable_service,
            None,
            ALPHA,
            "manila-share",
        )
        self.assertRaises(
            exceptions.ForbiddenException, list, self.sfs.storage_pools()
        )

    def test_disable_takes_a_backend_out_of_scheduling(self) -> None:
        service = self.admin_sfs.disable_service(
            None, ALPHA, "manila-share", disable_reason="maintenance"
        )
        self.assertEqual("disabled", service.status)
        self.assertEqual("maintenance", service.disabled_reason)
        listed = list(self.admin_sfs.services(host=ALPHA))[0]
        self.assertEqual(
            ("disabled", "maintenance"),
            (listed.status, listed.disabled_reason),
        )
        disabled = list(self.admin_sfs.services(status="disabled"))
        self.assertEqual([ALPHA], [s.host for s in disabled])

        for _ in range(2):
            share = self.sfs.create_share(share_protocol="NFS", size=1)
            self.addCleanup(self.sfs.delete_share, share)
            share = self.sfs.wait_for_status(
                share,
                "available",
                failures=["error"],
                interval=0.05,
                wait=base.WAIT,
            )
            host = self.admin_sfs.get_share(share).host
            self.assertTrue(host.startswith(BETA + "#"), host)

        service = self.admin_sfs.enable_service(listed)
        self.assertEqual("enabled", service.status)
        self.assertIsNone(service.disabled_reason)
        listed = list(self.admin_sfs.services(host=ALPHA))[0]
        self.assertEqual(
            ("enabled", None), (listed.status, listed.disabled_reason)
        )

    def test_disabled_and_down_backends_leave_no_valid_host(self) -> None:
        self.admin_sfs.disable_service(None, ALPHA, "manila-share")
        self.fake.control("PUT", "config", {"service_down_time": -1})
        self.fake.control("POST", "backends/beta/stop")
        self.assertEqual(
            "down", list(self.admin_sfs.services(host=BETA))[0].state
        )
        share = self.sfs.create_share(share_protocol="NFS", size=1)
        self.addCleanup(self.sfs.delete_share, share)
        share = self.sfs.wait_for_status(
            share, "error", interval=0.05, wait=base.WAIT
        )
        self.assertEqual("error", share.status)

    def test_enable_errors(self) -> None:
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.admin_sfs.enable_service,
            None,
            "fakehost@zeta",
            "manila-share",
        )
        self.assertIn("HostBinaryNotFound", str(error))
        response = self.raw(
            self.admin, "PUT", "/services/disable", json={"host": ALPHA}
        )
        self.assertEqual(400, response.status_code)
        response = self.raw(
            self.admin,
            "PUT",
            "/services/disable",
            microversion="2.82",
            json={
                "host": ALPHA,
                "binary": "manila-share",
                "disabled_reason": "x",
            },
        )
        self.assertEqual(400, response.status_code)
        self.assertIn("2.83", response.json()["badRequest"]["message"])
        response = self.raw(
            self.admin,
            "PUT",
            "/services/enable",
            microversion="2.86",
            json={"host": ALPHA, "binary": "manila-share"},
        )
        self.assertEqual(
            {
                "host": ALPHA,
                "binary": "manila-share",
                "status": "enabled",
                "disabled_reason": None,
                "ensuring": None,
            },
            response.json(),
        )


class TestPoolsAndZones(base.FunctionalTestCase):
    def test_storage_pools(self) -> None:
        pools = list(self.admin_sfs.storage_pools())
        self.assertEqual(
            [
                "fakehost@alpha#fast",
                "fakehost@alpha#slow",
                "fakehost@beta#fast",
                "fakehost@beta#slow",
                "fakehost@gamma#pool1",
            ],
            [p.name for p in pools],
        )
        alpha_fast = pools[0]
        self.assertEqual(
            ("fakehost", "alpha", "fast"),
            (alpha_fast.host, alpha_fast.backend, alpha_fast.pool),
        )
        self.assertEqual(1000.0, alpha_fast.capabilities["total_capacity_gb"])
        summary = list(self.admin_sfs.storage_pools(details=False))
        self.assertEqual(5, len(summary))
        self.assertFalse(summary[0].capabilities)

    def test_storage_pool_filters(self) -> None:
        names = [p.name for p in self.admin_sfs.storage_pools(backend="beta")]
        self.assertEqual(["fakehost@beta#fast", "fakehost@beta#slow"], names)
        names = [p.name for p in self.admin_sfs.storage_pools(pool="slow")]
        self.assertEqual(["fakehost@alpha#slow", "fakehost@beta#slow"], names)
        names = [
            p.name
            for p in self.admin_sfs.storage_pools(share_type="dhss_true")
        ]
        self.assertEqual(["fakehost@gamma#pool1"], names)

    def test_pool_capacity_after_a_share(self) -> None:
        share = self.admin_sfs.create_share(
            share_protocol="NFS",
            size=3,
            scheduler_hints={"only_host": "fakehost@alpha#slow"},
        )
        self.addCleanup(self.admin_sfs.delete_share, share)
        self.admin_sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )
        pool = list(
            self.admin_sfs.storage_pools(backend="alpha", pool="slow")
        )[0]
        self.assertEqual(1997.0, pool.capabilities["free_capacity_gb"])

    def test_availability_zones(self) -> None:
        zones = list(self.sfs.availability_zones())
        self.assertEqual(["nova"], [z.name for z in zones])
        self.assertIsNotNone(zones[0].id)
        response = self.raw(
            self.conn, "GET", "/os-availability-zone", microversion="2.6"
        )
        self.assertEqual(200, response.status_code)
        self.assertEqual(
            [zones[0].id],
            [z["id"] for z in response.json()["availability_zones"]],
        )
