"""The create, schedule, export, access flow through openstack_sfs."""

from __future__ import annotations

import os
import subprocess
import sys

import fixtures
import openstack
import testtools
import yaml
from openstack import exceptions

from openstack_sfs.tests.functional import base


class TestShareFlow(base.FunctionalTestCase):
    def create_share(self, **attrs):
        attrs.setdefault("size", 1)
        attrs.setdefault("share_protocol", "NFS")
        share = self.sfs.create_share(**attrs)
        self.addCleanup(self._delete_quietly, share.id)
        return share

    def _delete_quietly(self, share_id: str) -> None:
        try:
            self.admin_sfs.delete_share(share_id)
        except exceptions.SDKException:
            pass

    def test_create_schedule_export_access(self) -> None:
        share = self.create_share(name="flow")
        self.assertEqual("creating", share.status)
        share = self.sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.02,
            wait=base.WAIT,
        )
        self.assertEqual("available", share.status)
        # the demo user does not see the host; the admin sees the pool
        self.assertIsNone(share.host)
        placed = self.admin_sfs.get_share(share.id)
        self.assertRegex(placed.host, r"^fakehost@(alpha|beta)#(fast|slow)$")
        self.assertEqual("nova", placed.availability_zone)
        # as devstack's dummy driver: a preferred location, then a
        # second one (users do not see the admin-only third)
        locations = list(self.sfs.export_locations(share))
        self.assertEqual(
            [("10.0.0.10", True), ("10.0.0.20", False)],
            [(el.path.partition(":")[0], el.is_preferred) for el in locations],
        )
        self.assertTrue(
            locations[0].path.startswith("10.0.0.10:/path/to/fake/share/")
        )
        admin_view = list(self.admin_sfs.export_locations(share))
        self.assertEqual(
            [True, False, False], [el.is_admin for el in admin_view]
        )
        self.assertTrue(admin_view[0].path.startswith("11.0.0.11:/"))
        rule = self.sfs.create_access_rule(
            share, access_type="ip", access_to="10.0.0.0/24"
        )
        self.assertEqual("queued_to_apply", rule.state)
        rule = self.sfs.wait_for_status(
            rule,
            "active",
            failures=["error"],
            interval=0.02,
            wait=base.WAIT,
            attribute="state",
        )
        self.assertEqual("rw", rule.access_level)
        rules = list(self.sfs.access_rules(share))
        self.assertEqual([rule.id], [r.id for r in rules])
        share = self.sfs.get_share(share.id)
        self.assertEqual("active", share.access_rules_status)

    def test_scheduler_prefers_the_pool_with_most_free_space(self) -> None:
        share = self.create_share()
        self.sfs.wait_for_status(
            share, "available", interval=0.02, wait=base.WAIT
        )
        self.assertTrue(
            self.admin_sfs.get_share(share.id).host.endswith("#slow")
        )

    def test_no_valid_host_goes_error_with_user_message(self) -> None:
        small = {
            "fast": {"total_capacity_gb": 10},
            "slow": {"total_capacity_gb": 10},
        }
        for backend in ("alpha", "beta"):
            self.fake.control("PATCH", f"backends/{backend}", {"pools": small})
        # gamma (DHSS True) would pass the capacity filter and fail the
        # capabilities one, which Manila would then name instead
        self.fake.control(
            "PATCH",
            "backends/gamma",
            {"pools": {"pool1": {"total_capacity_gb": 10}}},
        )
        share = self.create_share(size=50)
        share = self.sfs.wait_for_status(
            share, "error", interval=0.02, wait=base.WAIT
        )
        self.assertEqual("error", share.status)
        messages = list(self.sfs.user_messages(resource_id=share.id))
        self.assertEqual(1, len(messages))
        self.assertEqual(
            "allocate host: No storage could be allocated for this share "
            "request, Capacity filter didn't succeed.",
            messages[0].user_message,
        )

    def test_driver_failure_falls_through_to_next_candidate(self) -> None:
        self.fake.control(
            "PATCH", "backends/alpha", {"failures": {"create_share": -1}}
        )
        self.fake.control(
            "PATCH", "backends/beta", {"failures": {"create_share": -1}}
        )
        share = self.create_share()
        share = self.sfs.wait_for_status(
            share, "error", interval=0.02, wait=base.WAIT
        )
        self.assertEqual("error", share.status)
        self.fake.control(
            "PATCH", "backends/beta", {"failures": {"create_share": 0}}
        )
        share = self.create_share()
        self.sfs.wait_for_status(
            share, "available", interval=0.02, wait=base.WAIT
        )
        self.assertTrue(
            self.admin_sfs.get_share(share.id).host.startswith("fakehost@beta")
        )

    def test_invalid_cidr_is_manilas_400(self) -> None:
        share = self.create_share()
        self.sfs.wait_for_status(
            share, "available", interval=0.02, wait=base.WAIT
        )
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.sfs.create_access_rule,
            share,
            access_type="ip",
            access_to="10.0.0.300/24",
        )
        self.assertIn(
            "does not appear to be an IPv4 or IPv6 network", str(error)
        )
        self.assertEqual([], list(self.sfs.access_rules(share)))

    def test_other_projects_share_is_404(self) -> None:
        share = self.create_share()
        self.assertRaises(
            exceptions.NotFoundException,
            self.alt.shared_file_system.get_share,
            share.id,
        )
        self.assertEqual([], list(self.alt.shared_file_system.shares()))

    def test_bad_sizes_are_400_and_create_nothing(self) -> None:
        for size in (-1, 0, "big"):
            # the SDK refuses them before sending ...
            self.assertRaises(
                (TypeError, ValueError),
                self.sfs.create_share,
                size=size,
                share_protocol="NFS",
            )
            # ... and the fake, sent them anyway, answers as Manila
            response = self.raw(
                self.conn,
                "POST",
                "/shares",
                json={"share": {"size": size, "share_proto": "NFS"}},
            )
            self.assertEqual(400, response.status_code)
            self.assertIn(
                f"Share size '{size}' must be an integer and greater than 0",
                response.json()["badRequest"]["message"],
            )
        self.assertEqual([], list(self.sfs.shares()))

    def test_unknown_protocol_is_400(self) -> None:
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.sfs.create_share,
            size=1,
            share_protocol="SMB3000",
        )
        self.assertIn("Invalid share protocol provided: SMB3000", str(error))


class TestStandaloneServer(testtools.TestCase):
    """``python -m fake_server`` as a process, used by plain openstacksdk."""

    def test_openstack_connect_lists_demo_shares(self) -> None:
        self.useFixture(fixtures.Timeout(60, gentle=True))
        tmp = self.useFixture(fixtures.TempDir()).path
        clouds = os.path.join(tmp, "clouds.yaml")
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "fake_server",
                "--port",
                "0",
                "--clouds-yaml",
                clouds,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.addCleanup(proc.wait, 10)
        self.addCleanup(proc.terminate)
        assert proc.stdout is not None
        first = proc.stdout.readline()
        self.assertIn("fake Manila serving on http://127.0.0.1:", first)
        base_url = first.split()[-1]
        with open(clouds, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        self.assertEqual(
            {"fake-admin", "fake-demo", "fake-alt-demo"},
            set(data["clouds"]),
        )
        conn = openstack.connect(
            auth_url=base_url + "/identity/v3",
            username="demo",
            password="password",
            project_name="demo",
            user_domain_name="Default",
            project_domain_name="Default",
            load_yaml_config=False,
            load_envvars=False,
        )
        self.addCleanup(conn.close)
        self.assertEqual([], list(conn.shared_file_system.shares()))
        created = conn.shared_file_system.create_share(
            name="standalone", size=1, share_protocol="NFS"
        )
        names = [s.name for s in conn.shared_file_system.shares()]
        self.assertEqual(["standalone"], names)
        self.assertTrue(created.id)
