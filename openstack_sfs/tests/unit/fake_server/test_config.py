"""Configuration (TOML and defaults) and persistence across restarts."""

from __future__ import annotations

import os

import fixtures

from fake_server import config
from fake_server.cloud import Cloud
from fake_server.context import Context
from fake_server.share_api import shares
from openstack_sfs.tests import base as tests_base

TOML = b"""
[server]
host = "node1"
progression = "manual"
service_down_time = 5

[quotas]
shares = 3

[[backends]]
replace = true
name = "solo"
export_address = "192.0.2.7"
protocols = ["NFS"]
delays = { create_share = 2.0 }

[[backends.pools]]
name = "p1"
total_capacity_gb = 50
thin_provisioning = true

[[share_types]]
name = "default"
extra_specs = { driver_handles_share_servers = "False" }
"""


class TestConfig(tests_base.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.tmp = self.useFixture(fixtures.TempDir()).path

    def write(self, data: bytes) -> str:
        path = os.path.join(self.tmp, "cloud.toml")
        with open(path, "wb") as handle:
            handle.write(data)
        return path

    def test_defaults_are_devstack_like(self) -> None:
        cfg = config.load(None)
        self.assertEqual("fakehost", cfg.host)
        self.assertEqual("nova", cfg.storage_availability_zone)
        self.assertEqual(
            ["alpha", "beta", "gamma"], [b.name for b in cfg.backends]
        )
        self.assertEqual(
            [False, False, True],
            [b.driver_handles_share_servers for b in cfg.backends],
        )
        self.assertEqual(
            ["default", "dhss_false", "dhss_true"],
            [t.name for t in cfg.share_types],
        )
        self.assertEqual(
            ["admin", "demo", "alt_demo"], [u.name for u in cfg.users]
        )
        self.assertTrue(cfg.update_shares_status_on_ensure)

    def test_toml_replaces_what_it_names(self) -> None:
        cfg = config.load(self.write(TOML))
        self.assertEqual("node1", cfg.host)
        self.assertEqual("manual", cfg.progression)
        self.assertEqual(3, cfg.quotas["shares"])
        self.assertEqual(1000, cfg.quotas["gigabytes"])
        (backend,) = cfg.backends
        self.assertEqual(
            ("solo", "192.0.2.7", ["NFS"], 2.0),
            (
                backend.name,
                backend.export_address,
                backend.protocols,
                backend.delays["create_share"],
            ),
        )
        self.assertEqual(50, backend.pools[0].total_capacity_gb)
        self.assertTrue(backend.pools[0].thin_provisioning)
        self.assertEqual(
            ["admin", "demo", "alt_demo"], [u.name for u in cfg.users]
        )

    def test_backends_override_and_add_by_name(self) -> None:
        cfg = config.load(
            self.write(
                b"[[backends]]\nname = 'alpha'\nexport_address = '10.9.9.9'"
                b"\n\n[[backends]]\nname = 'delta'\nprotocols = ['NFS']\n"
            )
        )
        defaults = {b.name: b for b in config.default_backends()}
        self.assertEqual(
            ["alpha", "beta", "gamma", "delta"], [b.name for b in cfg.backends]
        )
        alpha = cfg.backend("alpha")
        assert alpha is not None
        # the given key changed, the others kept the default's values
        self.assertEqual("10.9.9.9", alpha.export_address)
        self.assertEqual(
            [p.name for p in defaults["alpha"].pools],
            [p.name for p in alpha.pools],
        )
        self.assertEqual(
            defaults["alpha"].share_backend_name, alpha.share_backend_name
        )
        delta = cfg.backend("delta")
        assert delta is not None
        self.assertEqual(["NFS"], delta.protocols)
        self.assertEqual(["pool1"], [p.name for p in delta.pools])

    def test_backends_replace_starts_from_none(self) -> None:
        cfg = config.load(
            self.write(
                b"[[backends]]\nreplace = true\nname = 'alpha'\n"
                b"[[backends.pools]]\nname = 'only'\n"
            )
        )
        self.assertEqual(["alpha"], [b.name for b in cfg.backends])
        self.assertEqual(["only"], [p.name for p in cfg.backends[0].pools])
        # nothing of the default alpha is kept
        self.assertIsNone(cfg.backends[0].share_backend_name)

    def test_users_give_the_clouds_auth(self) -> None:
        cfg = config.load(
            self.write(
                b"[[users]]\nname = 'op'\npassword = 's3cret'\n"
                b"project = 'ops'\nroles = ['admin']\n"
            )
        )
        self.assertEqual(
            {
                "auth_url": "http://h/identity/v3",
                "username": "op",
                "password": "s3cret",
                "project_name": "ops",
                "user_domain_name": "Default",
                "project_domain_name": "Default",
            },
            cfg.auth("op", "http://h/identity/v3"),
        )
        error = self.assertRaises(KeyError, cfg.user, "demo")
        self.assertIn("no user 'demo' is configured (users: op)", str(error))

    def test_unknown_settings_are_refused(self) -> None:
        for bad in (
            b"[server]\nhots = 'x'\n",
            b"[nonsense]\n",
            b"[[backends]]\nname='a'\ncolour='red'\n",
            b"[[backends]]\nname='alpha'\ncolour='red'\n",
            b"[[backends]]\nexport_address='10.0.0.1'\n",
            b"[[backends]]\nname='a'\nreplace='yes'\n",
            b"[server]\nprogression = 'sometimes'\n",
        ):
            self.assertRaises(ValueError, config.load, self.write(bad))

    def test_configured_delay_holds_the_share_in_creating(self) -> None:
        cloud = Cloud(config.load(self.write(TOML)))
        self.addCleanup(cloud.close)
        demo = cloud.identity.account_by_name("demo")
        assert demo is not None
        ctx = Context(demo.user_id, demo.project_id, frozenset(demo.roles))
        share = shares.create(cloud, ctx, {"share_proto": "NFS", "size": 1})
        cloud.bus.advance(steps=1)  # the scheduler casts to node1@solo
        self.assertEqual(
            "creating", cloud.store.get("shares", share["id"])["status"]
        )
        self.assertEqual(0, cloud.bus.advance(seconds=1.5))
        self.assertEqual(1, cloud.bus.advance(seconds=1))
        record = cloud.store.get("shares", share["id"])
        self.assertEqual("available", record["status"])
        self.assertEqual("node1@solo#p1", record["host"])
        # the preferred one (the dummy driver's admin-only one comes first)
        preferred = [
            el for el in record["export_locations"] if el["preferred"]
        ]
        self.assertTrue(preferred[0]["path"].startswith("192.0.2.7:/"))


class TestPersistence(tests_base.TestCase):
    def test_state_file_keeps_the_cloud_across_restarts(self) -> None:
        tmp = self.useFixture(fixtures.TempDir()).path
        state = os.path.join(tmp, "state.json")
        cfg = config.from_dict(
            {"server": {"progression": "manual", "state_file": state}}
        )
        cloud = Cloud(cfg)
        demo = cloud.identity.account_by_name("demo")
        assert demo is not None
        ctx = Context(demo.user_id, demo.project_id, frozenset(demo.roles))
        share = shares.create(
            cloud, ctx, {"share_proto": "NFS", "size": 3, "name": "kept"}
        )
        cloud.bus.advance()
        cloud.close()
        self.assertTrue(os.path.exists(state))

        again = Cloud(cfg)
        self.addCleanup(again.close)
        record = again.store.get("shares", share["id"])
        self.assertEqual(
            ("kept", "available"), (record["name"], record["status"])
        )
        # the driver's capacity accounting came back with the share
        manager = again.manager(record["host"])
        assert manager is not None
        pool = record["host"].partition("#")[2]
        self.assertEqual(3, manager.driver.allocated[pool][share["id"]])
