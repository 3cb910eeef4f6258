"""Ensure shares in the fake server, in-process, under manual progression.

Covers the API rules (policy, JSON schema, 404, 409), the share manager's
two steps (shares ``ensuring`` and the service ``ensuring`` in between),
the status flag, restarts with and without a backend info change, driver
failures and access rule re-application.
"""

from __future__ import annotations

import json
from typing import Any

import fixtures
import testtools

from fake_server import config, control, errors
from fake_server.cloud import Cloud
from fake_server.context import Context
from fake_server.microversion import Version
from fake_server.share_api import services as services_api
from fake_server.share_api import shares as shares_api

ALPHA = "fakehost@alpha"
BETA = "fakehost@beta"


def context_for(cloud: Cloud, user: str, version: str = "2.99") -> Context:
    """A request context for a seeded user."""
    account = cloud.identity.account_by_name(user)
    assert account is not None
    return Context(
        user_id=account.user_id,
        project_id=account.project_id,
        roles=frozenset(account.roles),
        version=Version.parse(version),
    )


class EnsureTestCase(testtools.TestCase):
    """A fresh manual-progression cloud with helpers."""

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(60, gentle=True))
        self.cloud = Cloud(
            config.from_dict({"server": {"progression": "manual"}})
        )
        self.addCleanup(self.cloud.close)
        self.admin = context_for(self.cloud, "admin")
        self.demo = context_for(self.cloud, "demo")

    # -- helpers ---------------------------------------------------------

    def make_share(self, host: str) -> str:
        share = shares_api.create(
            self.cloud,
            self.admin,
            {
                "share_proto": "NFS",
                "size": 1,
                # a pool: Manila's OnlyHostFilter compares pool names
                "scheduler_hints": {"only_host": host + "#fast"},
            },
        )
        self.cloud.bus.advance()
        self.assertEqual("available", self.status(share["id"]))
        return str(share["id"])

    def share(self, share_id: str) -> dict[str, Any]:
        record = self.cloud.store.get("shares", share_id)
        assert record is not None
        return record

    def status(self, share_id: str) -> str:
        return str(self.share(share_id)["status"])

    def paths(self, share_id: str) -> list[str]:
        """The paths users see (preferred first), as the dummy driver
        gives them after its admin-only one."""
        return [
            el["path"]
            for el in self.share(share_id)["export_locations"]
            if not el["is_admin_only"]
        ]

    def rule_state(self, rule_id: str) -> str:
        rule = self.cloud.store.get("access_rules", rule_id)
        assert rule is not None
        return str(rule["state"])

    def service(self, host: str) -> dict[str, Any]:
        record = self.cloud.service_record(host)
        assert record is not None
        return record

    def control(self, method: str, path: str, body: Any = None) -> Any:
        raw = json.dumps(body).encode() if body is not None else b""
        return control.handle(self.cloud, method, path, raw, {})

    def ensure(self, host: str = ALPHA) -> None:
        services_api.ensure_shares(
            self.cloud, self.admin, {"ensure_shares": {"host": host}}
        )

    def events(self) -> list[tuple[str, str, list[str]]]:
        return [
            (
                n["event_type"],
                n["payload"]["host"],
                n["payload"]["share_ids"],
            )
            for n in self.cloud.notifications
        ]


class TestEnsureSharesFlow(EnsureTestCase):
    def test_export_address_change_is_applied_step_by_step(self) -> None:
        alpha = self.make_share(ALPHA)
        beta = self.make_share(BETA)
        beta_paths = self.paths(beta)
        self.assertEqual(
            ["10.0.0.10:", "10.0.0.20:"], [p[:10] for p in self.paths(alpha)]
        )
        self.control(
            "PATCH", "/backends/alpha", {"export_address": "10.0.0.99"}
        )

        self.ensure()
        # the API only casts: nothing moved yet
        self.assertEqual(1, self.cloud.bus.pending())
        self.assertEqual("available", self.status(alpha))
        self.assertFalse(self.service(ALPHA)["ensuring"])

        self.assertEqual(1, self.cloud.bus.advance(steps=1))
        self.assertEqual("ensuring", self.status(alpha))
        self.assertTrue(self.service(ALPHA)["ensuring"])
        self.assertFalse(self.service(BETA)["ensuring"])
        self.assertEqual("available", self.status(beta))
        self.assertEqual(
            [("share.ensure_shares.start", ALPHA, [alpha])], self.events()
        )
        # an ensuring share refuses actions
        self.assertRaises(
            errors.BadRequest,
            shares_api.allow_access,
            self.cloud,
            self.admin,
            alpha,
            {"access_type": "ip", "access_to": "10.1.1.1"},
        )

        self.assertEqual(1, self.cloud.bus.advance(steps=1))
        self.assertEqual("available", self.status(alpha))
        self.assertFalse(self.service(ALPHA)["ensuring"])
        self.assertEqual(2, len(self.paths(alpha)))
        self.assertTrue(self.paths(alpha)[0].startswith("10.0.0.99:/"))
        self.assertEqual(beta_paths, self.paths(beta))
        self.assertEqual("share.ensure_shares.end", self.events()[-1][0])
        self.assertEqual(0, self.cloud.bus.pending())

    def test_backend_delay_applies_to_the_driver_step(self) -> None:
        alpha = self.make_share(ALPHA)
        self.control(
            "PATCH", "/backends/alpha", {"delays": {"ensure_shares": 5.0}}
        )
        self.ensure()
        self.cloud.bus.advance(seconds=0)
        self.assertEqual("ensuring", self.status(alpha))
        self.cloud.bus.advance(seconds=4)
        self.assertEqual("ensuring", self.status(alpha))
        self.cloud.bus.advance(seconds=1)
        self.assertEqual("available", self.status(alpha))

    def test_status_flag_off_keeps_shares_available(self) -> None:
        alpha = self.make_share(ALPHA)
        self.control(
            "PUT", "/config", {"update_shares_status_on_ensure": False}
        )
        self.control(
            "PATCH", "/backends/alpha", {"export_address": "10.0.0.77"}
        )
        self.ensure()
        self.cloud.bus.advance(steps=1)
        self.assertEqual("available", self.status(alpha))
        self.assertTrue(self.service(ALPHA)["ensuring"])
        self.cloud.bus.advance()
        self.assertEqual("available", self.status(alpha))
        self.assertFalse(self.service(ALPHA)["ensuring"])
        self.assertTrue(self.paths(alpha)[0].startswith("10.0.0.77:/"))

    def test_flag_from_toml_server_table(self) -> None:
        cloud = Cloud(
            config.from_dict(
                {
                    "server": {
                        "progression": "manual",
                        "update_shares_status_on_ensure": False,
                    }
                }
            )
        )
        self.addCleanup(cloud.close)
        self.assertFalse(cloud.config.update_shares_status_on_ensure)

    def test_no_eligible_shares_leaves_service_alone(self) -> None:
        alpha = self.make_share(ALPHA)
        busy = self.make_share(ALPHA)
        self.cloud.store.update("shares", alpha, status="error")
        self.cloud.store.update(
            "shares", busy, task_state="migration_in_progress"
        )
        self.ensure()
        self.cloud.bus.advance(steps=1)
        self.assertFalse(self.service(ALPHA)["ensuring"])
        self.assertEqual("error", self.status(alpha))
        self.assertEqual("available", self.status(busy))
        self.assertEqual(
            [
                ("share.ensure_shares.start", ALPHA, []),
                ("share.ensure_shares.end", ALPHA, []),
            ],
            self.events(),
        )
        self.assertEqual(0, self.cloud.bus.pending())

    def test_only_available_and_not_busy_shares_are_ensured(self) -> None:
        good = self.make_share(ALPHA)
        data_copy = self.make_share(ALPHA)
        self.cloud.store.update(
            "shares", data_copy, task_state="data_copying_starting"
        )
        self.ensure()
        self.cloud.bus.advance(steps=1)
        self.assertEqual("ensuring", self.status(good))
        self.assertEqual("available", self.status(data_copy))
        self.assertEqual([good], self.events()[0][2])

    def test_driver_failure_leaves_shares_ensuring(self) -> None:
        alpha = self.make_share(ALPHA)
        before = self.paths(alpha)
        self.control(
            "PATCH",
            "/backends/alpha",
            {"export_address": "10.0.0.55", "failures": {"ensure_shares": 1}},
        )
        self.ensure()
        self.cloud.bus.advance()
        self.assertEqual("ensuring", self.status(alpha))
        self.assertFalse(self.service(ALPHA)["ensuring"])
        self.assertEqual(before, self.paths(alpha))
        # ensuring shares are eligible again: a second run fixes them
        self.ensure()
        self.cloud.bus.advance()
        self.assertEqual("available", self.status(alpha))
        self.assertTrue(self.paths(alpha)[0].startswith("10.0.0.55:/"))

    def test_driver_returning_nothing_leaves_shares_ensuring(self) -> None:
        alpha = self.make_share(ALPHA)
        driver = self.cloud.managers[ALPHA].driver
        self.patch(driver, "ensure_shares", lambda shares: None)
        self.ensure()
        self.cloud.bus.advance()
        self.assertEqual("ensuring", self.status(alpha))
        self.assertFalse(self.service(ALPHA)["ensuring"])

    def test_driver_updates_without_status(self) -> None:
        alpha = self.make_share(ALPHA)
        rule = shares_api.allow_access(
            self.cloud,
            self.admin,
            alpha,
            {"access_type": "ip", "access_to": "10.1.1.1"},
        )
        self.cloud.bus.advance()
        self.assertEqual("active", self.rule_state(rule["id"]))
        driver = self.cloud.managers[ALPHA].driver
        applied: list[list[str]] = []
        original = driver.update_access

        def update_access(share, rules, add, delete, server):
            applied.append([r["id"] for r in add])
            return original(share, rules, add, delete, server)

        self.patch(driver, "update_access", update_access)
        self.patch(
            driver,
            "ensure_shares",
            lambda shares: {
                s["id"]: {
                    "metadata": {"ensured": "yes"},
                    "reapply_access_rules": True,
                }
                for s in shares
            },
        )
        self.ensure()
        self.cloud.bus.advance()
        share = self.share(alpha)
        self.assertEqual("available", share["status"])
        self.assertEqual("yes", share["metadata"]["ensured"])
        self.assertEqual([[rule["id"]]], applied)
        self.assertEqual("active", share["access_rules_status"])
        self.assertEqual("active", self.rule_state(rule["id"]))

    def test_pending_rules_are_applied_by_ensure(self) -> None:
        alpha = self.make_share(ALPHA)
        rule = shares_api.allow_access(
            self.cloud,
            self.admin,
            alpha,
            {"access_type": "ip", "access_to": "10.1.1.2"},
        )
        # the update_access cast is lost; the rule stays queued
        self.cloud.bus.clear()
        self.assertEqual("syncing", self.share(alpha)["access_rules_status"])
        self.ensure()
        self.cloud.bus.advance()
        self.assertEqual("active", self.share(alpha)["access_rules_status"])
        self.assertEqual("active", self.rule_state(rule["id"]))

    def test_driver_status_is_applied(self) -> None:
        alpha = self.make_share(ALPHA)
        driver = self.cloud.managers[ALPHA].driver
        self.patch(
            driver,
            "ensure_shares",
            lambda shares: {s["id"]: {"status": "error"} for s in shares},
        )
        self.ensure()
        self.cloud.bus.advance()
        self.assertEqual("error", self.status(alpha))


class TestRestart(EnsureTestCase):
    def test_restart_without_backend_change_does_nothing(self) -> None:
        alpha = self.make_share(ALPHA)
        before = self.paths(alpha)
        self.control("POST", "/backends/alpha/restart")
        self.cloud.bus.advance(steps=1)
        self.assertEqual("available", self.status(alpha))
        self.assertFalse(self.service(ALPHA)["ensuring"])
        self.assertEqual([], self.events())
        self.assertEqual(before, self.paths(alpha))
        self.assertEqual(0, self.cloud.bus.pending())

    def test_restart_after_backend_change_ensures(self) -> None:
        alpha = self.make_share(ALPHA)
        beta = self.make_share(BETA)
        beta_paths = self.paths(beta)
        manager = self.cloud.managers[ALPHA]
        old_hash = self.service(ALPHA)["backend_info_hash"]
        self.control(
            "PATCH", "/backends/alpha", {"export_address": "10.0.0.99"}
        )
        self.assertNotEqual(old_hash, manager.driver.backend_info_hash())
        self.control("POST", "/backends/alpha/restart")
        self.cloud.bus.advance(steps=1)
        self.assertEqual("ensuring", self.status(alpha))
        self.assertTrue(self.service(ALPHA)["ensuring"])
        self.cloud.bus.advance()
        self.assertEqual("available", self.status(alpha))
        self.assertTrue(self.paths(alpha)[0].startswith("10.0.0.99:/"))
        self.assertEqual(beta_paths, self.paths(beta))
        self.assertEqual(
            manager.driver.backend_info_hash(),
            self.service(ALPHA)["backend_info_hash"],
        )
        # the hash is stored: the next restart is a no-op
        count = len(self.cloud.notifications)
        self.control("POST", "/backends/alpha/restart")
        self.cloud.bus.advance()
        self.assertEqual(count, len(self.cloud.notifications))

    def test_api_ensure_does_not_store_backend_info(self) -> None:
        # Manila computes (and stores) the hash only without the skip flag
        self.make_share(ALPHA)
        old_hash = self.service(ALPHA)["backend_info_hash"]
        self.control(
            "PATCH", "/backends/alpha", {"export_address": "10.0.0.98"}
        )
        self.ensure()
        self.cloud.bus.advance()
        self.assertEqual(old_hash, self.service(ALPHA)["backend_info_hash"])
        count = len(self.cloud.notifications)
        self.control("POST", "/backends/alpha/restart")
        self.cloud.bus.advance()
        self.assertEqual(count + 2, len(self.cloud.notifications))


class TestEnsureSharesApiRules(EnsureTestCase):
    def test_non_admin_is_forbidden_before_body_checks(self) -> None:
        self.assertRaises(
            errors.Forbidden,
            services_api.ensure_shares,
            self.cloud,
            self.demo,
            {"host": ALPHA},
        )

    def test_body_schema_messages(self) -> None:
        cases: list[tuple[Any, str]] = [
            (None, "None is not of type 'object'"),
            ({"host": ALPHA}, "'ensure_shares' is a required property"),
            (
                {"ensure_shares": {"host": ALPHA}, "x": 1},
                "Additional properties are not allowed ('x' was unexpected)",
            ),
            (
                {"ensure_shares": {"host": ALPHA}, "b": 1, "a": 2},
                "Additional properties are not allowed ('a', 'b' were "
                "unexpected)",
            ),
            (
                {"ensure_shares": {}},
                "Invalid input for field/attribute ensure_shares. Value: "
                "{}. 'host' is a required property",
            ),
            (
                {"ensure_shares": {"host": ALPHA, "binary": "x"}},
                "Invalid input for field/attribute ensure_shares. Value: "
                "{'host': 'fakehost@alpha', 'binary': 'x'}. Additional "
                "properties are not allowed ('binary' was unexpected)",
            ),
            (
                {"ensure_shares": {"host": 5}},
                "Invalid input for field/attribute host. Value: 5. 5 is "
                "not of type 'string'",
            ),
            (
                {"ensure_shares": "fakehost@alpha"},
                "Invalid input for field/attribute ensure_shares. Value: "
                "fakehost@alpha. 'fakehost@alpha' is not of type 'object'",
            ),
        ]
        for body, message in cases:
            fault = self.assertRaises(
                errors.BadRequest,
                services_api.ensure_shares,
                self.cloud,
                self.admin,
                body,
            )
            self.assertEqual(message, fault.message, repr(body))
        self.assertEqual(0, self.cloud.bus.pending())

    def test_unknown_host_is_404_with_generic_text(self) -> None:
        for host in ("fakehost@nope", "fakehost", "fakehost@alpha#fast"):
            fault = self.assertRaises(errors.NotFound, self.ensure, host)
            self.assertEqual("The resource could not be found.", fault.message)

    def test_down_service_is_409(self) -> None:
        self.control("PUT", "/config", {"service_down_time": -1})
        self.control("POST", "/backends/alpha/stop")
        fault = self.assertRaises(errors.Conflict, self.ensure)
        self.assertEqual(
            "There was a conflict when trying to complete your request.",
            fault.message,
        )
        self.assertEqual(0, self.cloud.bus.pending())
        self.ensure(BETA)  # other back ends are still up
        self.assertEqual(1, self.cloud.bus.pending())

    def test_second_call_while_running_casts_again(self) -> None:
        alpha = self.make_share(ALPHA)
        self.ensure()
        self.cloud.bus.advance(steps=1)
        self.ensure()
        self.assertEqual(2, self.cloud.bus.pending())
        self.cloud.bus.advance()
        self.assertEqual("available", self.status(alpha))
        self.assertFalse(self.service(ALPHA)["ensuring"])
