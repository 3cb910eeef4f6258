"""Ensure shares end to end: the operator's story and every error case.

An operator changes a back end's export address, runs ensure shares on
that back end only, waits for the service to finish, and sees the export
locations of that back end's shares recalculated while the other back
end's stay as they were (seeds/004: "Add new ensure shares API").
"""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.functional import base

ALPHA = "fakehost@alpha"
BETA = "fakehost@beta"
NEW_ADDRESS = "10.0.0.99"


class EnsureSharesMixin:
    """Helpers shared by the background and manual test classes."""

    fake: Any
    admin_sfs: Any

    def create_on(self, host: str) -> Any:
        return self.admin_sfs.create_share(
            share_protocol="NFS",
            size=1,
            # only_host names a pool, as Manila's OnlyHostFilter reads it
            scheduler_hints={"only_host": host + "#fast"},
        )

    def paths(self, share: Any) -> list[str]:
        """The preferred export paths (the dummy driver's one)."""
        return [
            el.path
            for el in self.admin_sfs.export_locations(share)
            if el.is_preferred
        ]

    def share_service(self, host: str) -> Any:
        found = list(self.admin_sfs.services(host=host, binary="manila-share"))
        assert len(found) == 1, found
        return found[0]

    def events(self) -> list[tuple[str, str]]:
        body = self.fake.control("GET", "notifications")
        return [
            (n["event_type"], n["payload"]["host"])
            for n in body["notifications"]
            if n["event_type"].startswith("share.ensure_shares.")
        ]


class TestEnsureShares(EnsureSharesMixin, base.FunctionalTestCase):
    """Background progression: the way a real cloud behaves."""

    def create_available(self, host: str) -> Any:
        share = self.create_on(host)
        self.addCleanup(self.admin_sfs.delete_share, share)
        return self.admin_sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )

    def test_operator_story(self) -> None:
        alpha = self.create_available(ALPHA)
        beta = self.create_available(BETA)
        self.assertTrue(alpha.host.startswith(ALPHA + "#"))
        self.assertTrue(beta.host.startswith(BETA + "#"))
        alpha_before = self.paths(alpha)
        beta_before = self.paths(beta)
        self.assertTrue(alpha_before[0].startswith("10.0.0.10:/"))

        self.fake.control(
            "PATCH", "backends/alpha", {"export_address": NEW_ADDRESS}
        )
        # nothing changes until ensure shares runs
        self.assertEqual(alpha_before, self.paths(alpha))

        self.assertIsNone(self.admin_sfs.ensure_shares(ALPHA))
        self.assertTrue(self.fake.wait_idle())
        service = self.admin_sfs.wait_for_service_ensured(
            ALPHA, interval=0.05, wait=base.WAIT
        )
        self.assertFalse(service.ensuring)
        self.assertEqual("up", service.state)

        alpha_after = self.paths(alpha)
        self.assertEqual(1, len(alpha_after))
        self.assertTrue(alpha_after[0].startswith(NEW_ADDRESS + ":/"))
        self.assertNotEqual(alpha_before, alpha_after)
        self.assertEqual(beta_before, self.paths(beta))
        self.assertEqual("available", self.admin_sfs.get_share(alpha).status)
        self.assertEqual(
            [
                ("share.ensure_shares.start", ALPHA),
                ("share.ensure_shares.end", ALPHA),
            ],
            self.events(),
        )
        self.assertFalse(self.share_service(BETA).ensuring)

    def test_wrong_body_is_400(self) -> None:
        cases = [
            ({"host": ALPHA}, "'ensure_shares' is a required property"),
            (
                {"ensure_shares": {"host": ALPHA}, "force": True},
                "Additional properties are not allowed ('force' was "
                "unexpected)",
            ),
            (
                {"ensure_shares": {}},
                "Invalid input for field/attribute ensure_shares. Value: "
                "{}. 'host' is a required property",
            ),
        ]
        for body, message in cases:
            response = self.raw(
                self.admin,
                "POST",
                "/services/ensure-shares",
                microversion="2.86",
                json=body,
            )
            self.assertEqual(400, response.status_code)
            self.assertEqual(
                {"badRequest": {"code": 400, "message": message}},
                response.json(),
            )
        self.assertEqual([], self.events())

    def test_non_admin_is_403(self) -> None:
        error = self.assertRaises(
            exceptions.ForbiddenException, self.sfs.ensure_shares, ALPHA
        )
        self.assertEqual(403, error.status_code)
        response = self.raw(
            self.conn,
            "POST",
            "/services/ensure-shares",
            json={"ensure_shares": {"host": ALPHA}},
        )
        self.assertEqual(
            "Access was denied to this resource.",
            response.json()["forbidden"]["message"],
        )

    def test_unknown_host_is_404(self) -> None:
        for host in ("fakehost@zeta", "fakehost", "fakehost@alpha#fast"):
            error = self.assertRaises(
                exceptions.NotFoundException,
                self.admin_sfs.ensure_shares,
                host,
            )
            self.assertEqual(404, error.status_code)
        response = self.raw(
            self.admin,
            "POST",
            "/services/ensure-shares",
            json={"ensure_shares": {"host": "fakehost@zeta"}},
        )
        self.assertEqual(
            {
                "itemNotFound": {
                    "code": 404,
                    "message": "The resource could not be found.",
                }
            },
            response.json(),
        )

    def test_service_down_is_409(self) -> None:
        self.fake.control("PUT", "config", {"service_down_time": -1})
        self.fake.control("POST", "backends/alpha/stop")
        self.assertEqual("down", self.share_service(ALPHA).state)
        error = self.assertRaises(
            exceptions.ConflictException, self.admin_sfs.ensure_shares, ALPHA
        )
        self.assertEqual(409, error.status_code)
        # another back end is still up
        self.admin_sfs.ensure_shares(BETA)
        # and alpha works again once restarted
        self.fake.control("POST", "backends/alpha/start")
        self.assertEqual("up", self.share_service(ALPHA).state)
        self.admin_sfs.ensure_shares(ALPHA)
        self.assertTrue(self.fake.wait_idle())

    def test_below_2_86_is_404(self) -> None:
        body = {"ensure_shares": {"host": ALPHA}}
        response = self.raw(
            self.admin,
            "POST",
            "/services/ensure-shares",
            microversion="2.85",
            json=body,
        )
        self.assertEqual(404, response.status_code)
        self.assertIn("itemNotFound", response.json())
        response = self.raw(
            self.admin,
            "POST",
            "/services/ensure-shares",
            microversion="2.86",
            json=body,
        )
        self.assertEqual(202, response.status_code)
        self.assertEqual(b"", response.content)

    def test_ensuring_field_and_filter(self) -> None:
        service = self.share_service(ALPHA)
        self.assertIs(False, service.ensuring)
        ensuring = list(self.admin_sfs.services(ensuring=True))
        self.assertEqual([], ensuring)
        idle = list(self.admin_sfs.services(ensuring=False))
        self.assertEqual(5, len(idle))

    def test_waiter_waits_for_a_run_that_starts_late(self) -> None:
        # Manila's share manager starts the run some time after the 202;
        # until then the service shows ensuring false
        alpha = self.create_available(ALPHA)
        self.fake.control(
            "PATCH",
            "backends/alpha",
            {
                "export_address": NEW_ADDRESS,
                "delays": {"ensure_driver_resources": 1.0},
            },
        )
        self.admin_sfs.ensure_shares(ALPHA)
        self.assertFalse(self.share_service(ALPHA).ensuring)
        seen: list[int] = []
        service = self.admin_sfs.wait_for_service_ensured(
            ALPHA, interval=0.05, wait=base.WAIT, callback=seen.append
        )
        self.assertFalse(service.ensuring)
        # the run had happened when the waiter returned
        self.assertTrue(self.paths(alpha)[0].startswith(NEW_ADDRESS + ":/"))
        self.assertEqual("available", self.admin_sfs.get_share(alpha).status)
        self.assertEqual(0, seen[0])
        self.assertEqual(100, seen[-1])

    def test_waiter_on_a_back_end_without_shares(self) -> None:
        # Manila does not run at all: the waiter returns at once
        self.admin_sfs.ensure_shares(BETA)
        service = self.admin_sfs.wait_for_service_ensured(
            BETA, interval=0.05, wait=base.WAIT, start_grace=base.WAIT
        )
        self.assertFalse(service.ensuring)


class TestEnsureSharesStepByStep(EnsureSharesMixin, base.FunctionalTestCase):
    """Manual progression: every intermediate state is visible."""

    fake_config = {"server": {"progression": "manual"}}

    def create_available(self, host: str) -> Any:
        share = self.create_on(host)
        self.fake.advance()
        share = self.admin_sfs.get_share(share)
        self.assertEqual("available", share.status)
        return share

    def test_intermediate_states(self) -> None:
        alpha = self.create_available(ALPHA)
        beta = self.create_available(BETA)
        beta_before = self.paths(beta)
        self.fake.control(
            "PATCH", "backends/alpha", {"export_address": NEW_ADDRESS}
        )
        self.admin_sfs.ensure_shares(ALPHA)
        self.assertEqual(1, self.fake.advance(steps=1)["ran"])

        self.assertEqual("ensuring", self.admin_sfs.get_share(alpha).status)
        self.assertTrue(self.share_service(ALPHA).ensuring)
        self.assertFalse(self.share_service(BETA).ensuring)
        self.assertEqual("available", self.admin_sfs.get_share(beta).status)
        found = list(self.admin_sfs.services(ensuring=True))
        self.assertEqual([ALPHA], [s.host for s in found])
        # an ensuring share refuses changes
        self.assertRaises(
            exceptions.HttpException,
            self.admin_sfs.create_access_rule,
            alpha.id,
            access_type="ip",
            access_to="10.1.1.1",
        )

        self.fake.advance()
        service = self.admin_sfs.wait_for_service_ensured(
            ALPHA, interval=0.05, wait=base.WAIT
        )
        self.assertFalse(service.ensuring)
        self.assertEqual("available", self.admin_sfs.get_share(alpha).status)
        self.assertTrue(self.paths(alpha)[0].startswith(NEW_ADDRESS + ":/"))
        self.assertEqual(beta_before, self.paths(beta))

    def test_status_flag_off(self) -> None:
        alpha = self.create_available(ALPHA)
        self.fake.control(
            "PUT", "config", {"update_shares_status_on_ensure": False}
        )
        self.admin_sfs.ensure_shares(ALPHA)
        self.fake.advance(steps=1)
        self.assertEqual("available", self.admin_sfs.get_share(alpha).status)
        self.assertTrue(self.share_service(ALPHA).ensuring)
        self.fake.advance()
        self.assertFalse(self.share_service(ALPHA).ensuring)

    def test_driver_failure_leaves_shares_ensuring(self) -> None:
        alpha = self.create_available(ALPHA)
        self.fake.control(
            "PATCH", "backends/alpha", {"failures": {"ensure_shares": 1}}
        )
        self.admin_sfs.ensure_shares(ALPHA)
        self.fake.advance()
        self.assertEqual("ensuring", self.admin_sfs.get_share(alpha).status)
        self.assertFalse(self.share_service(ALPHA).ensuring)
        # running it again recovers the share
        self.admin_sfs.ensure_shares(ALPHA)
        self.fake.advance()
        self.assertEqual("available", self.admin_sfs.get_share(alpha).status)

    def test_restart_runs_ensure_only_when_backend_info_changed(self) -> None:
        alpha = self.create_available(ALPHA)
        before = self.paths(alpha)
        self.fake.control("POST", "backends/alpha/restart")
        self.fake.advance()
        self.assertEqual([], self.events())
        self.assertEqual(before, self.paths(alpha))

        self.fake.control(
            "PATCH", "backends/alpha", {"export_address": NEW_ADDRESS}
        )
        self.fake.control("POST", "backends/alpha/restart")
        self.fake.advance(steps=1)
        self.assertEqual("ensuring", self.admin_sfs.get_share(alpha).status)
        self.assertTrue(self.share_service(ALPHA).ensuring)
        self.fake.advance()
        self.assertEqual("available", self.admin_sfs.get_share(alpha).status)
        self.assertTrue(self.paths(alpha)[0].startswith(NEW_ADDRESS + ":/"))
        self.assertEqual(
            [
                ("share.ensure_shares.start", ALPHA),
                ("share.ensure_shares.end", ALPHA),
            ],
            self.events(),
        )
        # the new backend info is stored: another restart does nothing
        self.fake.control("POST", "backends/alpha/restart")
        self.fake.advance()
        self.assertEqual(2, len(self.events()))
