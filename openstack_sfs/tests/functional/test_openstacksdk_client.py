"""openstacksdk's own shared file system proxy against fake_server.

These tests use plain ``openstack.connect`` (not ``openstack_sfs``), so
they prove that code written for the unmodified openstacksdk 4.22 proxy
runs against the fake as it would against Manila.

openstacksdk pins ``_max_microversion`` on only a few resources (access
rules 2.82, export locations 2.47, availability zones 2.7, user messages
2.37, ...). Every other resource sends no microversion header unless the
cloud configures ``shared_file_system_default_microversion`` (or a
``shared_file_system_api_version`` with a minor part), so Manila serves
those requests at 2.0. Both behaviours are tested here.
"""

from __future__ import annotations

import os
from typing import Any

import fixtures
import openstack
from openstack import exceptions
from openstack.shared_file_system.v2 import _proxy as sdk_proxy

from fake_server.network import neutron
from openstack_sfs.tests.functional import base

HEADER = "X-OpenStack-Manila-API-Version"


class CleanOsEnviron(fixtures.Fixture):
    """No ``OS_*`` variables, and no clouds.yaml of the user.

    Every ``OS_*`` variable (``OS_CLOUD`` too) is removed, and
    ``OS_CLIENT_CONFIG_FILE`` / ``OS_CLIENT_SECURE_FILE`` name empty files:
    openstacksdk reads only the first config file that exists, so the
    user's ``~/.config/openstack/clouds.yaml`` is never read.
    """

    def _setUp(self) -> None:
        tmp = self.useFixture(fixtures.TempDir()).path
        for key in [k for k in os.environ if k.startswith("OS_")]:
            self.useFixture(fixtures.EnvironmentVariable(key))
        for name, var in (
            ("clouds.yaml", "OS_CLIENT_CONFIG_FILE"),
            ("secure.yaml", "OS_CLIENT_SECURE_FILE"),
        ):
            path = os.path.join(tmp, name)
            with open(path, "w") as stream:
                stream.write("clouds: {}\n")
            self.useFixture(fixtures.EnvironmentVariable(var, path))


class Wire:
    """Record every Manila request a keystoneauth session sends.

    :param session: A ``keystoneauth1.session.Session``.
    """

    def __init__(self, session: Any) -> None:
        self.calls: list[tuple[str, str, str | None, str | None, int]] = []
        session.session.hooks["response"].append(self._record)

    def _record(self, response: Any, *args: Any, **kwargs: Any) -> None:
        request = response.request
        self.calls.append(
            (
                request.method,
                request.path_url.split("?")[0],
                request.headers.get(HEADER),
                response.headers.get(HEADER),
                response.status_code,
            )
        )

    def _find(self, method: str, suffix: str) -> tuple[Any, ...]:
        for call in reversed(self.calls):
            if call[0] == method and call[1].endswith(suffix):
                return call
        raise AssertionError(f"no {method} ...{suffix} in {self.calls}")

    def last(self, method: str, suffix: str) -> tuple[str | None, str | None]:
        """Sent and served microversion of the last matching request.

        :param method: The HTTP method.
        :param suffix: The end of the request path.
        :returns: ``(sent, served)`` header values.
        """
        call = self._find(method, suffix)
        return call[2], call[3]

    def status(self, method: str, suffix: str) -> int:
        """HTTP status of the last matching request.

        :param method: The HTTP method.
        :param suffix: The end of the request path.
        :returns: The status code.
        """
        return int(self._find(method, suffix)[4])


class SdkTestCase(base.FunctionalTestCase):
    """Base: ``self.sdk`` is openstacksdk's own proxy as ``demo``."""

    #: extra keyword arguments for ``openstack.connect``
    connect_kwargs: dict[str, Any] = {}

    def setUp(self) -> None:
        super().setUp()
        self.sdk_conn = self._connect("demo")
        self.sdk = self.sdk_conn.shared_file_system
        self.wire = Wire(self.sdk_conn.session)

    def _connect(self, user: str) -> Any:
        conn = openstack.connect(
            load_yaml_config=False,
            load_envvars=False,
            **self.fake.credentials(user),
            **self.connect_kwargs,
        )
        self.addCleanup(conn.close)
        return conn

    def _share(self, **attrs: Any) -> Any:
        attrs.setdefault("share_protocol", "NFS")
        attrs.setdefault("size", 1)
        share = self.sdk.create_share(**attrs)
        self.addCleanup(self._cleanup_share, share.id)
        return self.sdk.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )

    def _cleanup_share(self, share_id: str) -> None:
        try:
            self.admin_sfs.delete_share(share_id)
        except Exception:  # noqa: S110 - best effort, already gone is fine
            pass


class TestDoneWhen(base.FunctionalTestCase):
    """The exact check: plain ``openstack.connect`` with a password."""

    def test_connect_and_list_demo_shares(self) -> None:
        # the call reads environment and clouds.yaml: keep the user's out
        self.useFixture(CleanOsEnviron())
        # one share of demo's and one of alt_demo's, made with our SDK
        mine = self.sfs.create_share(share_protocol="NFS", size=1, name="mine")
        theirs = self.alt.shared_file_system.create_share(
            share_protocol="NFS", size=1, name="theirs"
        )
        conn = openstack.connect(
            auth_url=self.fake.auth_url,
            username="demo",
            password="password",
            project_name="demo",
            user_domain_name="Default",
            project_domain_name="Default",
        )
        self.addCleanup(conn.close)
        self.assertIsInstance(conn.shared_file_system, sdk_proxy.Proxy)
        self.assertEqual(self.fake.project_id("demo"), conn.current_project_id)
        shares = list(conn.shared_file_system.shares())
        self.assertEqual([mine.id], [s.id for s in shares])
        self.assertNotIn(theirs.id, [s.id for s in shares])
        self.assertEqual("mine", shares[0].name)
        self.assertEqual("NFS", shares[0].share_protocol)


class TestIdentity(SdkTestCase):
    """openstacksdk's identity proxy against the fake Keystone."""

    def test_projects(self) -> None:
        demo_id = self.fake.project_id("demo")
        alt_id = self.fake.project_id("alt_demo")
        own = self.sdk_conn.identity.get_project(demo_id)
        self.assertEqual(
            ("demo", "default", True),
            (own.name, own.domain_id, own.is_enabled),
        )
        # Keystone's default policy: only your own project, unless admin
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sdk_conn.identity.get_project,
            alt_id,
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            lambda: list(self.sdk_conn.identity.projects()),
        )
        admin = self._connect("admin").identity
        self.assertEqual("alt_demo", admin.get_project(alt_id).name)
        self.assertEqual(
            [demo_id], [p.id for p in admin.projects(name="demo")]
        )
        self.assertLessEqual(
            {"admin", "demo", "alt_demo"}, {p.name for p in admin.projects()}
        )
        self.assertRaises(
            exceptions.NotFoundException, admin.get_project, "0" * 32
        )


class TestDefaultMicroversion(SdkTestCase):
    """No microversion configured: Manila serves most calls at 2.0."""

    def test_share_lifecycle(self) -> None:
        share = self._share(
            name="sdk-share", description="d", metadata={"k": "v"}
        )
        sent, served = self.wire.last("POST", "/shares")
        self.assertIsNone(sent)
        self.assertEqual("2.0", served)
        self.assertEqual("available", share.status)

        got = self.sdk.get_share(share.id)
        self.assertEqual(
            ("sdk-share", "d", 1, "NFS", {"k": "v"}),
            (
                got.name,
                got.description,
                got.size,
                got.share_protocol,
                got.metadata,
            ),
        )
        self.assertEqual("nova", got.availability_zone)
        self.assertEqual(self.fake.project_id("demo"), got.project_id)
        self.assertEqual(
            (None, "2.0"), self.wire.last("GET", f"/shares/{share.id}")
        )

        found = self.sdk.find_share("sdk-share")
        self.assertEqual(share.id, found.id)
        listed = {s.id: s for s in self.sdk.shares()}
        self.assertIn(share.id, listed)
        # /shares/detail is used by default and gives the full record
        self.assertEqual("available", listed[share.id].status)
        self.assertEqual(
            (None, "2.0"), self.wire.last("GET", "/shares/detail")
        )

        updated = self.sdk.update_share(
            share.id, display_name="renamed", display_description="new"
        )
        self.assertEqual("renamed", updated.name)
        self.assertEqual("renamed", self.sdk.get_share(share.id).name)

        self.sdk.delete_share(share.id)
        self.sdk.wait_for_delete(got, interval=0.05, wait=base.WAIT)
        self.assertRaises(
            exceptions.NotFoundException, self.sdk.get_share, share.id
        )
        self.assertIsNone(self.sdk.delete_share(share.id))
        self.assertRaises(
            exceptions.NotFoundException,
            self.sdk.delete_share,
            share.id,
            ignore_missing=False,
        )

    def test_tenant_isolation(self) -> None:
        share = self._share()
        alt = self._connect("alt_demo").shared_file_system
        self.assertNotIn(share.id, [s.id for s in alt.shares()])
        self.assertRaises(
            exceptions.NotFoundException, alt.get_share, share.id
        )
        admin = self._connect("admin").shared_file_system
        self.assertIn(share.id, [s.id for s in admin.shares(all_tenants=1)])

    def test_access_rules(self) -> None:
        share = self._share()
        rule = self.sdk.create_access_rule(
            share.id,
            access_type="ip",
            access_to="10.0.0.0/24",
            access_level="rw",
        )
        # ShareAccessRule pins 2.82, so this one negotiates a microversion
        self.assertEqual(
            ("2.82", "2.82"),
            self.wire.last("POST", f"/shares/{share.id}/action"),
        )
        self.assertEqual(
            ("ip", "10.0.0.0/24", "rw"),
            (rule.access_type, rule.access_to, rule.access_level),
        )
        self.assertIn(rule.state, ("queued_to_apply", "applying", "active"))
        rule = self.sdk.wait_for_status(
            rule,
            "active",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
            attribute="state",
        )
        rules = list(self.sdk.access_rules(share))
        self.assertEqual([rule.id], [r.id for r in rules])
        self.assertEqual("active", rules[0].state)
        self.assertEqual(
            ("2.82", "2.82"), self.wire.last("GET", "/share-access-rules")
        )
        got = self.sdk.get_access_rule(rule.id)
        self.assertEqual(
            (share.id, "10.0.0.0/24"), (got.share_id, got.access_to)
        )

        # a duplicate rule is refused as in Manila
        self.assertRaises(
            exceptions.BadRequestException,
            self.sdk.create_access_rule,
            share.id,
            access_type="ip",
            access_to="10.0.0.0/24",
            access_level="rw",
        )

        self.sdk.delete_access_rule(rule.id, share.id)
        self.assertEqual(
            ("2.82", "2.82"),
            self.wire.last("POST", f"/shares/{share.id}/action"),
        )
        self.fake.wait_idle()
        self.assertEqual([], list(self.sdk.access_rules(share)))

    def test_export_locations(self) -> None:
        share = self._share()
        locations = list(self.sdk.export_locations(share.id))
        self.assertEqual(
            ("2.47", "2.47"),
            self.wire.last("GET", f"/shares/{share.id}/export_locations"),
        )
        self.assertGreaterEqual(len(locations), 1)
        self.assertTrue(any(el.is_preferred for el in locations))
        for el in locations:
            self.assertEqual(share.id, el.share_id)
            self.assertTrue(el.path)
        one = self.sdk.get_export_location(locations[0].id, share.id)
        self.assertEqual(locations[0].path, one.path)

    def test_not_found_fault(self) -> None:
        error = self.assertRaises(
            exceptions.NotFoundException, self.sdk.get_share, "nope"
        )
        self.assertEqual(404, error.status_code)

    def test_snapshots(self) -> None:
        share = self._share()
        snap = self.sdk.create_share_snapshot(
            share_id=share.id, name="s1", description="first"
        )
        self.assertEqual((None, "2.0"), self.wire.last("POST", "/snapshots"))
        self.assertEqual(202, self.wire.status("POST", "/snapshots"))
        self.assertIn(snap.status, ("creating", "available"))
        snap = self.sdk.wait_for_status(
            snap,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )
        self.assertEqual(
            (share.id, 1, "NFS"), (snap.share_id, snap.size, snap.share_proto)
        )
        self.assertEqual([snap.id], [x.id for x in self.sdk.share_snapshots()])
        got = self.sdk.get_share_snapshot(snap.id)
        self.assertEqual(("s1", "first"), (got.name, got.description))
        updated = self.sdk.update_share_snapshot(snap.id, display_name="s2")
        self.assertEqual("s2", updated.name)
        # a share with a snapshot cannot be deleted: Manila maps
        # InvalidShare to 403 here
        error = self.assertRaises(
            exceptions.ForbiddenException, self.sdk.delete_share, share.id
        )
        self.assertIn("Share still has 1 dependent snapshots.", str(error))
        self.sdk.delete_share_snapshot(snap.id)
        self.sdk.wait_for_delete(got, interval=0.05, wait=base.WAIT)
        self.assertEqual([], list(self.sdk.share_snapshots()))

    def test_catalog_listings(self) -> None:
        zones = list(self.sdk.availability_zones())
        self.assertEqual(["nova"], [z.name for z in zones])
        self.assertEqual(
            ("2.7", "2.7"), self.wire.last("GET", "/availability-zones")
        )

        types = {t.name: t for t in self.sdk.share_types()}
        self.assertLessEqual(
            {"default", "dhss_false", "dhss_true"}, set(types)
        )
        self.assertEqual((None, "2.0"), self.wire.last("GET", "/types"))
        default = self.sdk.get_share_type(types["default"].id)
        self.assertEqual(
            "False", default.extra_specs["driver_handles_share_servers"]
        )
        self.assertEqual(
            "True",
            types["dhss_true"].extra_specs["driver_handles_share_servers"],
        )

        # openstacksdk's Limit reads its fields from the top of
        # {"limits": {...}}, but Manila nests them under "absolute" (and
        # "rate"): the one Limit it yields has every field None. The data
        # is there on the wire.
        limits = list(self.sdk.limits())
        self.assertEqual(1, len(limits))
        self.assertIsNone(limits[0].maxTotalShares)
        self.assertIsNone(limits[0].totalSharesUsed)
        self.assertEqual((None, "2.0"), self.wire.last("GET", "/limits"))
        raw = self.sdk.get("/limits").json()["limits"]
        self.assertEqual([], raw["rate"])
        self.assertEqual(
            (50, 0),
            (
                raw["absolute"]["maxTotalShares"],
                raw["absolute"]["totalSharesUsed"],
            ),
        )

        self.assertEqual([], list(self.sdk.user_messages()))
        self.assertEqual(("2.37", "2.37"), self.wire.last("GET", "/messages"))

        admin = self._connect("admin").shared_file_system
        pools = list(admin.storage_pools())
        self.assertTrue(pools)
        self.assertTrue(all(p.name.startswith("fakehost@") for p in pools))
        self.assertLessEqual(
            {"alpha", "beta", "gamma"}, {p.backend for p in pools}
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            lambda: list(self.sdk.storage_pools()),
        )

    def test_user_messages(self) -> None:
        # every DHSS=False backend fails to create: the share goes to error
        # and Manila leaves a user message for the project
        for backend in ("alpha", "beta"):
            self.fake.control(
                "PATCH",
                f"backends/{backend}",
                {"failures": {"create_share": -1}},
            )
        share = self.sdk.create_share(share_protocol="NFS", size=1)
        self.addCleanup(self._cleanup_share, share.id)
        self.assertRaises(
            exceptions.ResourceFailure,
            self.sdk.wait_for_status,
            share,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )
        messages = list(self.sdk.user_messages())
        self.assertEqual(("2.37", "2.37"), self.wire.last("GET", "/messages"))
        self.assertEqual(1, len(messages))
        message = messages[0]
        self.assertEqual(
            ("SHARE", share.id, "002", "ERROR"),
            (
                message.resource_type,
                message.resource_id,
                message.action_id,
                message.message_level,
            ),
        )
        self.assertEqual(
            "create: An unknown error occurred.", message.user_message
        )
        got = self.sdk.get_user_message(message.id)
        self.assertEqual(message.request_id, got.request_id)
        alt = self._connect("alt_demo").shared_file_system
        self.assertEqual([], list(alt.user_messages()))
        self.sdk.delete_user_message(message.id)
        self.assertEqual([], list(self.sdk.user_messages()))

    def test_later_microversion_calls_are_404_at_2_0(self) -> None:
        """What inventory section 5 says: without a configured microversion
        openstacksdk sends none, so Manila serves 2.0, where ``/quota-sets``
        (2.7), ``/services`` (2.7), ``/share_instances`` (2.3) and the
        ``extend`` action (2.7) do not exist: each answers 404."""
        share = self._share()
        admin_conn = self._connect("admin")
        admin = admin_conn.shared_file_system
        admin_wire = Wire(admin_conn.session)
        project = self.fake.project_id("demo")
        self.assertRaises(
            exceptions.NotFoundException, self.sdk.get_quota_set, project
        )
        self.assertEqual(
            (None, "2.0"), self.wire.last("GET", f"/quota-sets/{project}")
        )
        self.assertRaises(
            exceptions.NotFoundException, lambda: list(admin.services())
        )
        self.assertEqual(404, admin_wire.status("GET", "/services"))
        self.assertRaises(
            exceptions.NotFoundException, lambda: list(admin.share_instances())
        )
        self.assertRaises(
            exceptions.NotFoundException, self.sdk.resize_share, share.id, 2
        )
        self.assertEqual(
            (None, "2.0"), self.wire.last("POST", f"/shares/{share.id}/action")
        )
        self.assertEqual(1, self.sdk.get_share(share.id).size)

    def test_ensure_shares_swallows_404(self) -> None:
        """openstacksdk's ``ensure_shares_service`` sends no microversion
        (ensure shares needs 2.86) and ignores the answer: Manila gives 404
        and the call still returns ``None`` without an error."""
        share = self._share()
        admin_conn = self._connect("admin")
        admin_wire = Wire(admin_conn.session)
        result = admin_conn.shared_file_system.ensure_shares_service(
            "fakehost@alpha"
        )
        self.assertIsNone(result)
        self.assertEqual(
            404, admin_wire.status("POST", "/services/ensure-shares")
        )
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual("available", self.sdk.get_share(share.id).status)


class TestConfiguredMicroversion(SdkTestCase):
    """``shared_file_system_default_microversion`` set to 2.90."""

    connect_kwargs = {"shared_file_system_default_microversion": "2.90"}

    def test_share_lifecycle(self) -> None:
        share = self._share(name="mv", metadata={"a": "b"})
        self.assertEqual(("2.90", "2.90"), self.wire.last("POST", "/shares"))
        got = self.sdk.get_share(share.id)
        self.assertEqual(
            ("2.90", "2.90"), self.wire.last("GET", f"/shares/{share.id}")
        )
        # fields from later microversions are filled in
        self.assertEqual("default", got.share_type_name)
        self.assertIsNotNone(got.share_type)
        self.assertTrue(got.host is None or "@" in got.host)
        self.assertIs(False, got.is_public)
        self.assertIsNotNone(got.progress)
        self.assertIs(True, got.is_creating_new_share_from_snapshot_supported)

        rule = self.sdk.create_access_rule(
            share.id,
            access_type="ip",
            access_to="192.0.2.1",
            access_level="ro",
            metadata={"owner": "me"},
        )
        self.assertEqual(
            ("2.90", "2.90"),
            self.wire.last("POST", f"/shares/{share.id}/action"),
        )
        rule = self.sdk.wait_for_status(
            rule,
            "active",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
            attribute="state",
        )
        self.assertEqual(
            {"owner": "me"}, self.sdk.get_access_rule(rule.id).metadata
        )

        locations = list(self.sdk.export_locations(share.id))
        self.assertEqual(
            ("2.90", "2.90"),
            self.wire.last("GET", f"/shares/{share.id}/export_locations"),
        )
        self.assertGreaterEqual(len(locations), 1)

        self.sdk.delete_access_rule(rule.id, share.id)
        self.fake.wait_idle()
        self.sdk.delete_share(share.id)
        self.sdk.wait_for_delete(got, interval=0.05, wait=base.WAIT)
        self.assertEqual([], list(self.sdk.shares()))

    def test_admin_quotas_and_services(self) -> None:
        admin_conn = self._connect("admin")
        admin = admin_conn.shared_file_system
        project = self.fake.project_id("demo")
        quota = self.sdk.get_quota_set(project)
        self.assertEqual((50, 1000), (quota.shares, quota.gigabytes))
        self.assertEqual(
            ("2.90", "2.90"), self.wire.last("GET", f"/quota-sets/{project}")
        )
        admin.update_quota_set(project, shares=7)
        self.assertEqual(7, self.sdk.get_quota_set(project).shares)
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sdk.update_quota_set,
            project,
            shares=70,
        )
        admin.revert_quota_set(project)
        self.assertEqual(50, self.sdk.get_quota_set(project).shares)

        services = list(admin.services())
        by_host = {(s.binary, s.host): s for s in services}
        share_svc = by_host[("manila-share", "fakehost@alpha")]
        self.assertEqual(
            ("enabled", "up", "nova"),
            (share_svc.status, share_svc.state, share_svc.availability_zone),
        )
        self.assertIn(("manila-scheduler", "fakehost"), by_host)
        self.assertEqual(
            [("manila-share", "fakehost@beta")],
            [(s.binary, s.host) for s in admin.services(host="fakehost@beta")],
        )
        self.assertRaises(
            exceptions.ForbiddenException, lambda: list(self.sdk.services())
        )

    def test_resize_and_instances(self) -> None:
        share = self._share()
        self.sdk.resize_share(share.id, 2)
        self.assertEqual(
            202, self.wire.status("POST", f"/shares/{share.id}/action")
        )
        # the local object still says "available", which wait_for_status
        # would take as done before fetching: wait on the fixture instead
        self.assertTrue(self.fake.wait_idle())
        got = self.sdk.get_share(share.id)
        self.assertEqual(("available", 2), (got.status, got.size))
        admin = self._connect("admin").shared_file_system
        instances = [
            i for i in admin.share_instances() if i.share_id == share.id
        ]
        self.assertEqual(1, len(instances))
        self.assertEqual("available", instances[0].status)
        self.assertTrue(instances[0].host.startswith("fakehost@"))

    def test_ensure_shares_body_rejected(self) -> None:
        """openstacksdk posts ``{"host": ...}``; Manila 23 requires
        ``{"ensure_shares": {"host": ...}}`` and answers 400, which
        openstacksdk ignores (it returns ``None``). No ensure run starts."""
        share = self._share()
        admin_conn = self._connect("admin")
        admin_wire = Wire(admin_conn.session)
        self.assertIsNone(
            admin_conn.shared_file_system.ensure_shares_service(
                "fakehost@alpha"
            )
        )
        self.assertEqual(
            400, admin_wire.status("POST", "/services/ensure-shares")
        )
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual("available", self.sdk.get_share(share.id).status)
        self.assertFalse(
            any(s.ensuring for s in admin_conn.shared_file_system.services())
        )


class TestShareNetworks(SdkTestCase):
    """Share networks, subnets and a DHSS=True share at 2.90."""

    connect_kwargs = {"shared_file_system_default_microversion": "2.90"}

    def test_network_share_flow(self) -> None:
        # devstack's private network of demo, seeded in the fake Neutron
        net_id = neutron.PRIVATE["neutron_net_id"]
        subnet_id = neutron.PRIVATE["neutron_subnet_id"]
        net = self.sdk.create_share_network(
            neutron_net_id=net_id, neutron_subnet_id=subnet_id, name="n"
        )
        self.addCleanup(self._cleanup_network, net.id)
        self.assertEqual(
            ("2.90", "2.90"), self.wire.last("POST", "/share-networks")
        )
        subnets = list(self.sdk.share_network_subnets(net.id))
        self.assertEqual(
            [(net_id, subnet_id)],
            [(x.neutron_net_id, x.neutron_subnet_id) for x in subnets],
        )
        self.assertEqual(
            "n2", self.sdk.update_share_network(net.id, name="n2").name
        )
        share = self._share(share_type="dhss_true", share_network_id=net.id)
        self.assertEqual(net.id, share.share_network_id)
        self.assertTrue(list(self.sdk.export_locations(share.id)))
        self.assertEqual(["n2"], [n.name for n in self.sdk.share_networks()])
        alt = self._connect("alt_demo").shared_file_system
        self.assertRaises(
            exceptions.NotFoundException, alt.get_share_network, net.id
        )

        self.sdk.delete_share(share.id)
        self.sdk.wait_for_delete(share, interval=0.05, wait=base.WAIT)
        self.assertTrue(self.fake.wait_idle())
        self.sdk.delete_share_network(net.id)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], list(self.sdk.share_networks()))

    def _cleanup_network(self, network_id: str) -> None:
        try:
            self.fake.wait_idle()
            self.admin_sfs.delete_share_network(network_id)
        except Exception:  # noqa: S110 - best effort, already gone is fine
            pass


class TestApiVersionWithMinor(SdkTestCase):
    """``shared_file_system_api_version: "2.65"`` implies a microversion."""

    connect_kwargs = {"shared_file_system_api_version": "2.65"}

    def test_list_and_get(self) -> None:
        share = self._share(name="v265")
        self.assertEqual(("2.65", "2.65"), self.wire.last("POST", "/shares"))
        self.assertEqual([share.id], [s.id for s in self.sdk.shares()])
        self.assertEqual(
            ("2.65", "2.65"), self.wire.last("GET", "/shares/detail")
        )
