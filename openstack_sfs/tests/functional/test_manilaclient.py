"""python-manilaclient's Python API against fake_server.

The client is built the way an application embeds it: a keystoneauth1
session with v3 password auth against the fake's Keystone, then
``manilaclient.client.Client("2.98", session=...)``. The client finds
Manila in the catalog (service type ``sharev2``, ``publicURL``) and sends
``X-OpenStack-Manila-API-Version: 2.98`` (its own maximum) on every call.
"""

from __future__ import annotations

from typing import Any

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from manilaclient import api_versions
from manilaclient import client as manila_client
from manilaclient.common.apiclient import exceptions as mc_exc

from fake_server.network import neutron
from openstack_sfs.tests.functional import base
from openstack_sfs.tests.functional.test_openstacksdk_client import Wire


class ManilaclientTestCase(base.FunctionalTestCase):
    """Base: ``self.mc`` is a python-manilaclient ``Client`` as demo."""

    #: the microversion the client is built for
    version = "2.98"

    def setUp(self) -> None:
        super().setUp()
        self.mc, self.wire = self._client("demo")

    def _client(self, user: str, version: str | None = None) -> Any:
        auth = v3.Password(
            auth_url=self.fake.auth_url,
            username=user,
            password="password",
            project_name=user,
            user_domain_name="Default",
            project_domain_name="Default",
        )
        sess = ks_session.Session(auth=auth)
        self.addCleanup(sess.session.close)
        wire = Wire(sess)
        client = manila_client.Client(
            version or self.version,
            session=sess,
            region_name=self.fake.config.region,
        )
        return client, wire

    def _share(self, **kwargs: Any) -> Any:
        kwargs.setdefault("name", "mc-share")
        share = self.mc.shares.create("NFS", 1, **kwargs)
        self.addCleanup(self._cleanup_share, share.id)
        self.assertTrue(self.fake.wait_idle())
        share = self.mc.shares.get(share.id)
        self.assertEqual("available", share.status)
        return share

    def _cleanup_share(self, share_id: str) -> None:
        try:
            self.admin_sfs.delete_share(share_id)
        except Exception:  # noqa: S110 - best effort, already gone is fine
            pass


class TestShares(ManilaclientTestCase):
    """Shares, access rules and export locations at 2.98."""

    def test_endpoint_and_version_discovery(self) -> None:
        self.assertEqual(
            self.fake.manila_url, self.mc.client.endpoint_override.rstrip("/")
        )
        found = api_versions.discover_version(
            self.mc, api_versions.APIVersion("2.98")
        )
        self.assertEqual("2.98", found.get_string())
        self.assertEqual([], self.mc.shares.list())
        self.assertEqual(
            ("2.98", "2.98"), self.wire.last("GET", "/shares/detail")
        )

    def test_share_lifecycle(self) -> None:
        share = self._share(
            description="from manilaclient", metadata={"team": "a"}
        )
        self.assertEqual(("2.98", "2.98"), self.wire.last("POST", "/shares"))
        self.assertEqual(
            ("mc-share", "from manilaclient", 1, "NFS"),
            (share.name, share.description, share.size, share.share_proto),
        )
        self.assertEqual({"team": "a"}, share.metadata)
        self.assertEqual("default", share.share_type_name)
        self.assertEqual("nova", share.availability_zone)
        self.assertEqual(self.fake.project_id("demo"), share.project_id)
        self.assertIs(False, share.is_soft_deleted)

        self.assertEqual([share.id], [s.id for s in self.mc.shares.list()])
        brief = self.mc.shares.list(detailed=False)
        self.assertEqual([share.id], [s.id for s in brief])
        by_name = self.mc.shares.list(search_opts={"name": "mc-share"})
        self.assertEqual([share.id], [s.id for s in by_name])
        self.assertEqual(
            [], self.mc.shares.list(search_opts={"name": "other"})
        )

        self.mc.shares.update(
            share, display_name="renamed", display_description="d2"
        )
        got = self.mc.shares.get(share.id)
        self.assertEqual(("renamed", "d2"), (got.name, got.description))

        self.mc.shares.delete(share)
        self.assertTrue(self.fake.wait_idle())
        self.assertRaises(mc_exc.NotFound, self.mc.shares.get, share.id)
        self.assertEqual([], self.mc.shares.list())

    def test_access_rules(self) -> None:
        share = self._share()
        rule = self.mc.shares.allow(
            share, "ip", "10.0.0.0/24", "rw", metadata={"k": "v"}
        )
        self.assertEqual(
            ("2.98", "2.98"),
            self.wire.last("POST", f"/shares/{share.id}/action"),
        )
        self.assertEqual(
            ("ip", "10.0.0.0/24", "rw"),
            (rule["access_type"], rule["access_to"], rule["access_level"]),
        )
        self.assertTrue(self.fake.wait_idle())

        rules = self.mc.share_access_rules.access_list(share)
        self.assertEqual([rule["id"]], [r.id for r in rules])
        self.assertEqual("active", rules[0].state)
        one = self.mc.share_access_rules.get(rule["id"])
        self.assertEqual(({"k": "v"}, share.id), (one.metadata, one.share_id))
        self.assertEqual(
            "active", self.mc.shares.get(share.id).access_rules_status
        )

        # manilaclient validates the rule itself before sending it
        self.assertRaises(
            mc_exc.CommandError,
            self.mc.shares.allow,
            share,
            "ip",
            "not-an-ip",
            "rw",
        )
        # Manila refuses a duplicate rule
        self.assertRaises(
            mc_exc.BadRequest,
            self.mc.shares.allow,
            share,
            "ip",
            "10.0.0.0/24",
            "rw",
        )

        self.mc.shares.deny(share, rule["id"])
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], self.mc.share_access_rules.access_list(share))

    def test_export_locations(self) -> None:
        share = self._share()
        locations = self.mc.share_export_locations.list(share)
        self.assertGreaterEqual(len(locations), 1)
        self.assertTrue(any(el.preferred for el in locations))
        self.assertEqual(
            ("2.98", "2.98"),
            self.wire.last("GET", f"/shares/{share.id}/export_locations"),
        )
        one = self.mc.share_export_locations.get(share, locations[0].id)
        self.assertEqual(locations[0].path, one.path)
        self.assertEqual(
            (locations[0].id, locations[0].preferred), (one.id, one.preferred)
        )

    def test_list_adds_public_shares(self) -> None:
        """manilaclient always sends ``is_public=True`` on share lists. As
        in Manila, that adds other projects' public shares to the caller's
        own; it is not a filter that hides private ones."""
        mine = self._share()
        admin, _ = self._client("admin")
        public = admin.shares.create("NFS", 1, name="pub", is_public=True)
        self.addCleanup(self._cleanup_share, public.id)
        private = admin.shares.create("NFS", 1, name="priv")
        self.addCleanup(self._cleanup_share, private.id)
        self.assertTrue(self.fake.wait_idle())
        listed = {s.id for s in self.mc.shares.list()}
        self.assertEqual({mine.id, public.id}, listed)
        only_mine = self.mc.shares.list(search_opts={"is_public": False})
        self.assertEqual([mine.id], [s.id for s in only_mine])
        # a public share of another project can be read, not changed
        self.assertEqual("pub", self.mc.shares.get(public.id).name)

    def test_tenant_isolation_and_faults(self) -> None:
        share = self._share()
        alt, _ = self._client("alt_demo")
        self.assertRaises(mc_exc.NotFound, alt.shares.get, share.id)
        self.assertEqual([], alt.shares.list())
        self.assertRaises(mc_exc.NotFound, alt.shares.delete, share.id)
        self.assertRaises(mc_exc.NotFound, self.mc.shares.get, "missing")
        error = self.assertRaises(
            mc_exc.BadRequest, self.mc.shares.create, "NFS", 0
        )
        self.assertEqual(400, error.http_status)


class TestOtherAreas(ManilaclientTestCase):
    """Snapshots, types, zones, limits, quotas, messages, admin views."""

    def test_snapshots(self) -> None:
        share = self._share()
        snap = self.mc.share_snapshots.create(
            share, name="snap", description="first"
        )
        self.assertEqual(
            ("2.98", "2.98"), self.wire.last("POST", "/snapshots")
        )
        self.assertIn(snap.status, ("creating", "available"))
        self.assertTrue(self.fake.wait_idle())
        snap = self.mc.share_snapshots.get(snap.id)
        self.assertEqual(
            ("available", share.id, 1), (snap.status, snap.share_id, snap.size)
        )
        self.assertEqual(
            [snap.id], [x.id for x in self.mc.share_snapshots.list()]
        )
        self.mc.share_snapshots.update(snap, display_name="renamed")
        self.assertEqual("renamed", self.mc.share_snapshots.get(snap).name)
        error = self.assertRaises(
            mc_exc.Forbidden, self.mc.shares.delete, share
        )
        self.assertIn("dependent snapshots", error.message)
        self.mc.share_snapshots.delete(snap)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], self.mc.share_snapshots.list())
        self.assertRaises(
            mc_exc.NotFound, self.mc.share_snapshots.get, snap.id
        )

    def test_catalog_listings(self) -> None:
        types = {t.name: t for t in self.mc.share_types.list()}
        self.assertLessEqual(
            {"default", "dhss_false", "dhss_true"}, set(types)
        )
        self.assertEqual(
            "True",
            types["dhss_true"].get_keys()["driver_handles_share_servers"],
        )
        self.assertTrue(types["default"].is_default)
        self.assertEqual(
            types["default"].id, self.mc.share_types.get().id
        )  # GET /types/default

        zones = self.mc.availability_zones.list()
        self.assertEqual(["nova"], [z.name for z in zones])

        absolute = {x.name: x.value for x in self.mc.limits.get().absolute}
        self.assertEqual(
            (50, 0), (absolute["maxTotalShares"], absolute["totalSharesUsed"])
        )

        project = self.fake.project_id("demo")
        quota = self.mc.quotas.get(project)
        self.assertEqual(
            (50, 1000, 50), (quota.shares, quota.gigabytes, quota.snapshots)
        )
        detail = self.mc.quotas.get(project, detail=True)
        self.assertEqual(
            {"in_use": 0, "limit": 50, "reserved": 0},
            {k: detail.shares[k] for k in ("in_use", "limit", "reserved")},
        )
        self.assertEqual(50, self.mc.quotas.defaults(project).shares)
        self.assertRaises(
            mc_exc.Forbidden, self.mc.quotas.update, project, shares=7
        )

        self.assertEqual([], self.mc.messages.list())

    def test_admin_views(self) -> None:
        admin, admin_wire = self._client("admin")
        services = admin.services.list()
        hosts = {(s.binary, s.host): s for s in services}
        self.assertEqual(
            ("enabled", "up"),
            (
                hosts[("manila-share", "fakehost@alpha")].status,
                hosts[("manila-share", "fakehost@alpha")].state,
            ),
        )
        self.assertIn(("manila-scheduler", "fakehost"), hosts)
        self.assertRaises(mc_exc.Forbidden, self.mc.services.list)

        pools = admin.pools.list(detailed=True)
        self.assertTrue(all(p.name.startswith("fakehost@") for p in pools))
        self.assertIn("total_capacity_gb", pools[0].capabilities)

        project = self.fake.project_id("demo")
        admin.quotas.update(project, shares=7)
        self.assertEqual(7, self.mc.quotas.get(project).shares)
        admin.quotas.delete(project)
        self.assertEqual(50, self.mc.quotas.get(project).shares)

    def test_share_network_and_server(self) -> None:
        # devstack's private network of demo, seeded in the fake Neutron
        net = self.mc.share_networks.create(name="net", **neutron.PRIVATE)
        self.addCleanup(self._cleanup_network, net.id)
        self.assertEqual(
            ["net"], [n.name for n in self.mc.share_networks.list()]
        )
        share = self._share(share_type="dhss_true", share_network=net.id)
        self.assertEqual(net.id, share.share_network_id)
        self.assertTrue(self.mc.share_export_locations.list(share))

        admin, _ = self._client("admin")
        servers = admin.share_servers.list(
            search_opts={"share_network": net.id}
        )
        self.assertEqual(1, len(servers))
        self.assertEqual(
            ("active", "fakehost@gamma"), (servers[0].status, servers[0].host)
        )
        self.assertEqual(net.id, servers[0].share_network_id)
        self.assertRaises(mc_exc.Forbidden, self.mc.share_servers.list)

        self.mc.shares.delete(share)
        self.assertTrue(self.fake.wait_idle())
        self.assertRaises(mc_exc.NotFound, self.mc.shares.get, share.id)

    def _cleanup_network(self, network_id: str) -> None:
        try:
            self.fake.wait_idle()
            self.admin_sfs.delete_share_network(network_id)
        except Exception:  # noqa: S110 - best effort, already gone is fine
            pass

    def test_ensure_shares_body_rejected(self) -> None:
        """manilaclient posts ``{"host": ...}`` at 2.86+, but Manila 23
        requires ``{"ensure_shares": {"host": ...}}`` and answers 400
        (inventory section 5, defect 1); manilaclient raises it."""
        share = self._share()
        admin, admin_wire = self._client("admin")
        error = self.assertRaises(
            mc_exc.BadRequest, admin.services.ensure_shares, "fakehost@alpha"
        )
        self.assertIn("'ensure_shares' is a required property", error.message)
        self.assertEqual(
            400, admin_wire.status("POST", "/services/ensure-shares")
        )
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual("available", self.mc.shares.get(share.id).status)


class TestLegacyMicroversion(ManilaclientTestCase):
    """manilaclient at 2.6 uses the ``os-`` actions of Manila's v1 API."""

    version = "2.6"

    def test_os_access_actions(self) -> None:
        share = self._share()
        self.assertEqual(("2.6", "2.6"), self.wire.last("POST", "/shares"))
        # at 2.6 a share still carries its export locations inline: all
        # of them (the dummy driver's three, admin-only one first, which
        # Manila does not hide there) and the first as export_location
        self.assertTrue(share.export_location)
        self.assertEqual(3, len(share.export_locations))
        self.assertEqual(share.export_location, share.export_locations[0])
        rule = self.mc.shares.allow(share, "ip", "192.0.2.7", "ro")
        self.assertTrue(self.fake.wait_idle())
        rules = self.mc.shares.access_list(share)
        self.assertEqual(
            [(rule["id"], "active", "ro")],
            [(r.id, r.state, r.access_level) for r in rules],
        )
        self.mc.shares.deny(share, rule["id"])
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], self.mc.shares.access_list(share))
