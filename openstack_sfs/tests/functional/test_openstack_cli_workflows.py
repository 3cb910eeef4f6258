"""``openstack share ...`` workflows beyond create, access and export.

The same in-process runner as :mod:`test_openstack_cli` (OSC's client
cache is cleared around every command). The CLI negotiates up to
python-manilaclient's maximum, 2.98. Between commands the tests wait on
the fixture (``self.fake.wait_idle()``), not on ``--wait`` (OSC polls
every 5 s).
"""

from __future__ import annotations

import uuid
from typing import Any

from fake_server.network import neutron
from openstack_sfs.tests.functional.test_openstack_cli import CliTestCase


class CliWorkflowTestCase(CliTestCase):
    """Helpers shared by the workflow tests."""

    def _share(self, name: str = "wf", **attrs: Any) -> Any:
        attrs.setdefault("share_protocol", "NFS")
        attrs.setdefault("size", 1)
        share = self.sfs.create_share(name=name, **attrs)
        self.addCleanup(self._cleanup_share, share.id)
        self.assertTrue(self.fake.wait_idle())
        share = self.sfs.get_share(share.id)
        self.assertEqual("available", share.status)
        return share

    def _show(self, user: str, *args: str) -> Any:
        return self.cli(user, *args, "-f", "json").json()


class TestShareActions(CliWorkflowTestCase):
    """Resize, revert, soft delete, reset status, metadata, adopt."""

    def test_resize_and_revert(self) -> None:
        share = self._share(size=2)
        self.cli("demo", "share", "resize", "wf", "3")
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(3, self._show("demo", "share", "show", "wf")["size"])
        self.cli("demo", "share", "resize", "wf", "1")
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(
            ("available", 1),
            self._pick(self._show("demo", "share", "show", "wf")),
        )
        # same size: manilaclient refuses before sending anything
        same = self.cli("demo", "share", "resize", "wf", "1", code=1)
        self.assertIn("already", same.err)

        self.cli("demo", "share", "snapshot", "create", "wf", "--name", "s1")
        self.assertTrue(self.fake.wait_idle())
        self.cli("demo", "share", "snapshot", "create", "wf", "--name", "s2")
        self.assertTrue(self.fake.wait_idle())
        # Manila reverts only to the latest snapshot
        old = self.cli("demo", "share", "revert", "s1", code=1)
        self.assertIn("HTTP 409", old.err)
        self.cli("demo", "share", "revert", "s2")
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual("available", self.sfs.get_share(share.id).status)
        for snap in ("s2", "s1"):
            self.cli("demo", "share", "snapshot", "delete", snap)
            self.assertTrue(self.fake.wait_idle())

    @staticmethod
    def _pick(share: dict[str, Any]) -> tuple[str, int]:
        return share["status"], share["size"]

    def test_soft_delete_and_restore(self) -> None:
        share = self._share()
        self.cli("demo", "share", "delete", "--soft", "wf")
        self.assertEqual([], self._show("demo", "share", "list"))
        binned = self._show("demo", "share", "list", "--soft-deleted")
        self.assertEqual([share.id], [s["ID"] for s in binned])
        shown = self._show("demo", "share", "show", share.id)
        self.assertIs(True, shown["is_soft_deleted"])
        self.assertTrue(shown["scheduled_to_be_deleted_at"])
        # a share in the recycle bin cannot be changed
        resize = self.cli("demo", "share", "resize", share.id, "2", code=1)
        self.assertIn("HTTP 403", resize.err)

        self.cli("demo", "share", "restore", share.id)
        shown = self._show("demo", "share", "show", "wf")
        self.assertIs(False, shown["is_soft_deleted"])
        self.assertIsNone(shown["scheduled_to_be_deleted_at"])
        self.assertEqual(
            [], self._show("demo", "share", "list", "--soft-deleted")
        )
        # Manila answers 200 to restoring a share not in the recycle bin
        self.cli("demo", "share", "restore", share.id)
        missing = self.cli("demo", "share", "restore", "nope", code=1)
        self.assertIn("Failed to restore 1 out of 1 shares.", missing.err)

    def test_reset_status_and_force_delete(self) -> None:
        share = self._share()
        denied = self.cli(
            "demo", "share", "set", "wf", "--status", "error", code=1
        )
        self.assertIn("HTTP 403", denied.err)
        self.cli("admin", "share", "set", share.id, "--status", "error")
        self.assertEqual("error", self.sfs.get_share(share.id).status)
        bad = self.cli(
            "admin", "share", "set", share.id, "--status", "bogus", code=1
        )
        # Manila 23's request schema names the valid statuses
        self.assertIn("'bogus' is not one of", bad.err)
        self.cli("admin", "share", "set", share.id, "--status", "deleting")
        # a plain delete refuses a share in a transitional status ...
        busy = self.cli("demo", "share", "delete", "wf", code=1)
        self.assertIn("1 of 1 shares failed to delete.", busy.err)
        self.assertIn("HTTP 403", busy.err)
        # ... force delete is for admins and ignores the status
        member = self.cli("demo", "share", "delete", "--force", "wf", code=1)
        self.assertIn("HTTP 403", member.err)
        self.cli("admin", "share", "delete", "--force", share.id)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(
            [], self._show("admin", "share", "list", "--all-projects")
        )

    def test_metadata(self) -> None:
        """``share set`` always sends ``reset_task_state`` too (its
        ``hasattr(parsed_args, 'task_state')`` is always true), which
        Manila allows only to admins: as a member the properties are set
        but the command still fails with 403 from that second call."""
        share = self._share()
        self.cli("admin", "share", "set", share.id, "--property", "a=1")
        member = self.cli(
            "demo", "share", "set", "wf", "--property", "b=2", code=1
        )
        self.assertIn("Failed to update share task state", member.err)
        self.assertIn("HTTP 403", member.err)
        props = self._show("demo", "share", "properties", "show", "wf")
        self.assertEqual({"a": "1", "b": "2"}, props)
        self.cli("demo", "share", "unset", "wf", "--property", "a")
        self.assertEqual(
            {"b": "2"}, self._show("demo", "share", "show", "wf")["properties"]
        )
        missing = self.cli(
            "demo", "share", "unset", "wf", "--property", "nope", code=1
        )
        self.assertIn("HTTP 404", missing.err)
        self.assertIsNone(self.sfs.get_share(share.id).task_state)

    def test_adopt_and_abandon(self) -> None:
        share = self._share()
        admin_share = self._show("admin", "share", "show", share.id)
        host = admin_share["host"]
        path = self.sfs.export_locations(share.id)
        path = sorted(el.path for el in path)[0]
        snap = self._show(
            "demo", "share", "snapshot", "create", "wf", "--name", "snap"
        )
        self.assertTrue(self.fake.wait_idle())
        location = self._show(
            "admin", "share", "snapshot", "show", snap["id"]
        )["provider_location"]
        self.assertTrue(location)

        self.cli("admin", "share", "snapshot", "abandon", snap["id"])
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], self._show("demo", "share", "snapshot", "list"))
        self.cli("admin", "share", "abandon", share.id)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(
            [], self._show("admin", "share", "list", "--all-projects")
        )

        adopted = self._show(
            "admin",
            "share",
            "adopt",
            host,
            "NFS",
            path,
            "--name",
            "back",
            "--driver-options",
            "size=3",
        )
        self.addCleanup(self._cleanup_share, adopted["id"])
        self.assertIn(adopted["status"], ("manage_starting", "available"))
        self.assertTrue(self.fake.wait_idle())
        shown = self._show("admin", "share", "show", "back")
        self.assertEqual(("available", 3), self._pick(shown))
        self.assertEqual(host, shown["host"])
        # an export path of a managed share cannot be adopted again
        taken = sorted(
            el.path for el in self.admin_sfs.export_locations(shown["id"])
        )
        twice = self.cli(
            "admin", "share", "adopt", host, "NFS", taken[0], code=1
        )
        self.assertIn("HTTP 409", twice.err)
        denied = self.cli(
            "demo", "share", "adopt", host, "NFS", path + "x", code=1
        )
        self.assertIn("HTTP 403", denied.err)

        snap2 = self._show(
            "admin",
            "share",
            "snapshot",
            "adopt",
            "back",
            location,
            "--name",
            "snap-back",
        )
        self.assertTrue(self.fake.wait_idle())
        shown = self._show("admin", "share", "snapshot", "show", snap2["id"])
        self.assertEqual(
            ("available", "snap-back", adopted["id"]),
            (shown["status"], shown["name"], shown["share_id"]),
        )
        self.cli("admin", "share", "snapshot", "delete", snap2["id"])
        self.assertTrue(self.fake.wait_idle())

    def test_access_rule_update_and_metadata(self) -> None:
        share = self._share()
        rule = self._show(
            "demo",
            "share",
            "access",
            "create",
            "wf",
            "ip",
            "10.0.0.1",
            "--properties",
            "k=v",
        )
        self.assertTrue(self.fake.wait_idle())
        self.cli(
            "demo",
            "share",
            "access",
            "set",
            rule["id"],
            "--access-level",
            "ro",
        )
        self.assertTrue(self.fake.wait_idle())
        self.cli(
            "demo",
            "share",
            "access",
            "set",
            rule["id"],
            "--property",
            "x=y",
        )
        shown = self._show("demo", "share", "access", "show", rule["id"])
        self.assertEqual(
            ("ro", "active", "k : v\nx : y"),
            (shown["access_level"], shown["state"], shown["properties"]),
        )
        self.cli(
            "demo", "share", "access", "unset", rule["id"], "--property", "k"
        )
        shown = self._show("demo", "share", "access", "show", rule["id"])
        self.assertEqual("x : y", shown["properties"])
        bad = self.cli(
            "demo",
            "share",
            "access",
            "set",
            rule["id"],
            "--access-level",
            "rx",
            code=2,
        )
        self.assertIn("invalid choice", bad.err)
        listed = self._show("demo", "share", "access", "list", share.id)
        self.assertEqual(
            [(rule["id"], "ro")],
            [(r["ID"], r["Access Level"]) for r in listed],
        )


class TestNetworksAndTypes(CliWorkflowTestCase):
    """Share networks, subnets, servers, share types and type access."""

    def test_network_subnet_and_server(self) -> None:
        """OSC resolves ``--neutron-net-id`` and ``--neutron-subnet-id``
        with Neutron (its ``network`` client) before it calls Manila; the
        fake plays no Neutron, so the CLI creates networks and subnets
        without them here and the Neutron-backed network comes from
        openstack_sfs."""
        net = self._show("demo", "share", "network", "create", "--name", "net")
        self.addCleanup(self._cleanup_network, net["id"])
        self.assertEqual("net", net["name"])
        no_neutron = self.cli(
            "demo",
            "share",
            "network",
            "create",
            "--neutron-net-id",
            str(uuid.uuid4()),
            code=1,
        )
        self.assertIn("Neutron network", no_neutron.err)
        listed = self._show("demo", "share", "network", "list")
        self.assertEqual(
            [(net["id"], "net")], [(n["ID"], n["Name"]) for n in listed]
        )
        shown = self._show("demo", "share", "network", "show", "net")
        subnets = shown["share_network_subnets"]
        self.assertEqual(
            [(None, None, None)],
            [
                (
                    s["neutron_net_id"],
                    s["neutron_subnet_id"],
                    s["availability_zone"],
                )
                for s in subnets
            ],
        )
        # at 2.70+ Manila allows several subnets per zone
        second = self._show(
            "demo", "share", "network", "subnet", "create", "net"
        )
        self.assertIsNone(second["availability_zone"])
        zoned = self._show(
            "demo",
            "share",
            "network",
            "subnet",
            "create",
            "net",
            "--availability-zone",
            "nova",
            "--property",
            "k=v",
        )
        got = self._show(
            "demo", "share", "network", "subnet", "show", "net", zoned["id"]
        )
        self.assertEqual(
            ("nova", net["id"], {"k": "v"}),
            (
                got["availability_zone"],
                got["share_network_id"],
                got["properties"],
            ),
        )
        shown = self._show("demo", "share", "network", "show", "net")
        self.assertEqual(3, len(shown["share_network_subnets"]))
        self.cli(
            "demo", "share", "network", "subnet", "delete", "net", zoned["id"]
        )
        several = self.cli("demo", "share", "network", "delete", "net", code=1)
        self.assertIn("has more than one subnet attached", several.err)
        self.assertIn("HTTP 409", several.err)
        self.cli(
            "demo", "share", "network", "subnet", "delete", "net", second["id"]
        )
        self.cli("demo", "share", "network", "delete", "net")
        self.assertEqual([], self._show("demo", "share", "network", "list"))

        neutron_ids = neutron.PRIVATE  # devstack's, seeded in the fake
        neutron_net = self.sfs.create_share_network(
            name="neutron", **neutron_ids
        )
        self.addCleanup(self._cleanup_network, neutron_net.id)
        net = {"id": neutron_net.id}
        share = self._share(
            name="dhss", share_type="dhss_true", share_network_id=net["id"]
        )
        server_id = self.admin_sfs.get_share(share.id).share_server_id
        self.assertIsNotNone(server_id)
        servers = self._show("admin", "share", "server", "list")
        self.assertEqual(
            [(server_id, "active", "fakehost@gamma")],
            [(s["ID"], s["Status"], s["Host"]) for s in servers],
        )
        server = self._show("admin", "share", "server", "show", server_id)
        self.assertEqual(net["id"], server["share_network_id"])
        self.assertEqual("fakehost@gamma", server["host"])
        denied = self.cli("demo", "share", "server", "list", code=1)
        self.assertIn("HTTP 403", denied.err)

        # a network in use cannot be deleted
        busy = self.cli(
            "demo", "share", "network", "delete", "neutron", code=1
        )
        self.assertIn("1 of 1 share networks failed to be deleted", busy.err)
        self.cli("demo", "share", "delete", "dhss")
        self.assertTrue(self.fake.wait_idle())
        self.cli("demo", "share", "network", "delete", "neutron")
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], self._show("demo", "share", "network", "list"))

    def test_share_type_specs_and_access(self) -> None:
        created = self._show(
            "admin",
            "share",
            "type",
            "create",
            "gold",
            "false",
            "--public",
            "false",
            "--snapshot-support",
            "true",
            "--extra-specs",
            "tier=gold",
            "--description",
            "private",
        )
        self.addCleanup(self._cleanup_type, created["id"])
        self.assertEqual("private", created["visibility"])
        denied = self.cli(
            "demo", "share", "type", "create", "x", "false", code=1
        )
        self.assertIn("HTTP 403", denied.err)
        # a capability the (dummy) back ends report: with one no pool
        # reports, Manila's scheduler would put the share below in error
        self.cli(
            "admin",
            "share",
            "type",
            "set",
            "gold",
            "--extra-specs",
            "dedupe=False",
        )
        self.cli("admin", "share", "type", "unset", "gold", "tier")
        shown = self._show("admin", "share", "type", "show", "gold")
        self.assertEqual(
            {"snapshot_support": "True", "dedupe": "False"},
            shown["optional_extra_specs"],
        )
        self.assertEqual(
            {"driver_handles_share_servers": "False"},
            shown["required_extra_specs"],
        )

        demo_project = self.fake.project_id("demo")
        names = {
            t["Name"] for t in self._show("demo", "share", "type", "list")
        }
        self.assertNotIn("gold", names)
        self.cli(
            "admin", "share", "type", "access", "create", "gold", demo_project
        )
        access = self._show("admin", "share", "type", "access", "list", "gold")
        self.assertEqual([demo_project], [a["Project ID"] for a in access])
        names = {
            t["Name"] for t in self._show("demo", "share", "type", "list")
        }
        self.assertIn("gold", names)
        share = self._share(name="golden", share_type="gold")
        self.assertEqual("gold", share.share_type_name)
        again = self.cli(
            "admin",
            "share",
            "type",
            "access",
            "create",
            "gold",
            demo_project,
            code=1,
        )
        self.assertIn("HTTP 409", again.err)
        self.cli(
            "admin", "share", "type", "access", "delete", "gold", demo_project
        )
        self.assertEqual(
            [], self._show("admin", "share", "type", "access", "list", "gold")
        )
        # a type still used by a share cannot be deleted
        used = self.cli("admin", "share", "type", "delete", "gold", code=1)
        self.assertIn("1 of 1 share types failed to delete.", used.err)

    def _cleanup_network(self, network_id: str) -> None:
        try:
            self.fake.wait_idle()
            self.admin_sfs.delete_share_network(network_id)
        except Exception:  # noqa: S110 - best effort, already gone is fine
            pass

    def _cleanup_type(self, type_id: str) -> None:
        try:
            self.fake.wait_idle()
            self.admin_sfs.delete_share_type(type_id)
        except Exception:  # noqa: S110 - best effort, already gone is fine
            pass


class TestAdminAndAdvanced(CliWorkflowTestCase):
    """Services, quotas, messages, replicas and share groups."""

    def test_service_disable_enable(self) -> None:
        self.cli(
            "admin",
            "share",
            "service",
            "set",
            "fakehost@alpha",
            "manila-share",
            "--disable",
            "--disable-reason",
            "maintenance",
        )
        services = self._show(
            "admin", "share", "service", "list", "--host", "fakehost@alpha"
        )
        self.assertEqual(
            [("manila-share", "disabled", "up", "maintenance")],
            [
                (s["Binary"], s["Status"], s["State"], s["Disabled Reason"])
                for s in services
            ],
        )
        disabled = self._show(
            "admin", "share", "service", "list", "--status", "disabled"
        )
        self.assertEqual(["fakehost@alpha"], [s["Host"] for s in disabled])
        # the scheduler skips a disabled backend
        share = self._share()
        self.assertTrue(
            self.admin_sfs.get_share(share.id).host.startswith(
                "fakehost@beta#"
            )
        )
        denied = self.cli(
            "demo",
            "share",
            "service",
            "set",
            "fakehost@alpha",
            "manila-share",
            "--enable",
            code=1,
        )
        self.assertIn("HTTP 403", denied.err)
        self.cli(
            "admin",
            "share",
            "service",
            "set",
            "fakehost@alpha",
            "manila-share",
            "--enable",
        )
        services = self._show(
            "admin", "share", "service", "list", "--host", "fakehost@alpha"
        )
        self.assertEqual(
            [("enabled", None)],
            [(s["Status"], s["Disabled Reason"]) for s in services],
        )
        unknown = self.cli(
            "admin",
            "share",
            "service",
            "set",
            "nohost@x",
            "manila-share",
            "--disable",
            code=1,
        )
        self.assertIn("HTTP 404", unknown.err)

    def test_quota_and_over_quota(self) -> None:
        project = self.fake.project_id("demo")
        self.cli("admin", "share", "quota", "set", project, "--shares", "1")
        denied = self.cli(
            "demo", "share", "quota", "set", project, "--shares", "9", code=1
        )
        self.assertIn("HTTP 403", denied.err)
        quota = self._show("demo", "share", "quota", "show", project)
        self.assertEqual(1, quota["shares"])
        self._share()
        over = self.cli("demo", "share", "create", "NFS", "1", code=1)
        self.assertIn("HTTP 413", over.err)
        self.assertIn(
            "Maximum number of shares allowed (1) either per project/user or "
            "share type quota is exceeded.",
            over.err,
        )
        # a limit below what is in use needs --force
        low = self.cli(
            "admin", "share", "quota", "set", project, "--shares", "0", code=1
        )
        self.assertIn("HTTP 400", low.err)
        self.cli(
            "admin",
            "share",
            "quota",
            "set",
            project,
            "--shares",
            "0",
            "--force",
        )
        self.cli("admin", "share", "quota", "delete", project)
        quota = self._show("demo", "share", "quota", "show", project)
        self.assertEqual(50, quota["shares"])

    def test_messages_from_failed_create(self) -> None:
        for backend in ("alpha", "beta"):
            self.fake.control(
                "PATCH",
                f"backends/{backend}",
                {"failures": {"create_share": -1}},
            )
        created = self._show("demo", "share", "create", "NFS", "1")
        self.addCleanup(self._cleanup_share, created["id"])
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(
            "error",
            self._show("demo", "share", "show", created["id"])["status"],
        )
        messages = self._show("demo", "share", "message", "list")
        self.assertEqual(
            [(created["id"], "SHARE", "002", "001")],
            [
                (
                    m["Resource ID"],
                    m["Resource Type"],
                    m["Action ID"],
                    m["Detail ID"],
                )
                for m in messages
            ],
        )
        one = self._show("demo", "share", "message", "show", messages[0]["ID"])
        self.assertEqual(
            "create: An unknown error occurred.", one["user_message"]
        )
        self.assertEqual(
            [], self._show("alt_demo", "share", "message", "list")
        )
        self.cli("demo", "share", "message", "delete", messages[0]["ID"])
        self.assertEqual([], self._show("demo", "share", "message", "list"))

    def test_replicas(self) -> None:
        share = self._share()
        replica = self._show("demo", "share", "replica", "create", "wf")
        self.assertTrue(self.fake.wait_idle())
        replicas = self._show(
            "demo", "share", "replica", "list", "--share", share.id
        )
        states = {r["ID"]: (r["Status"], r["Replica State"]) for r in replicas}
        self.assertEqual(2, len(states))
        self.assertEqual(("available", "in_sync"), states[replica["id"]])
        active = [k for k, v in states.items() if v[1] == "active"]
        self.assertEqual(1, len(active))
        # the active replica cannot be deleted
        last = self.cli(
            "demo", "share", "replica", "delete", active[0], code=1
        )
        self.assertIn("Cannot delete last active replica.", last.err)
        self.assertIn("HTTP 400", last.err)

        self.cli("demo", "share", "replica", "promote", replica["id"])
        self.assertTrue(self.fake.wait_idle())
        shown = self._show("demo", "share", "replica", "show", replica["id"])
        self.assertEqual("active", shown["replica_state"])
        old = self._show("demo", "share", "replica", "show", active[0])
        self.assertEqual("in_sync", old["replica_state"])

        self.cli("demo", "share", "replica", "delete", active[0])
        self.assertTrue(self.fake.wait_idle())
        replicas = self._show(
            "demo", "share", "replica", "list", "--share", share.id
        )
        self.assertEqual([replica["id"]], [r["ID"] for r in replicas])
        self.assertEqual("available", self.sfs.get_share(share.id).status)

    def test_share_groups(self) -> None:
        group = self._show(
            "demo",
            "share",
            "group",
            "create",
            "--name",
            "grp",
            "--share-types",
            "default",
        )
        self.addCleanup(self._cleanup_group, group["id"])
        self.assertTrue(self.fake.wait_idle())
        groups = self._show("demo", "share", "group", "list")
        self.assertEqual(
            [(group["id"], "grp", "available")],
            [(g["ID"], g["Name"], g["Status"]) for g in groups],
        )
        member = self._show(
            "demo", "share", "create", "NFS", "1", "--share-group", "grp"
        )
        self.addCleanup(self._cleanup_share, member["id"])
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(group["id"], member["share_group_id"])
        # a group with shares cannot be deleted
        busy = self.cli("demo", "share", "group", "delete", "grp", code=1)
        self.assertIn("Cannot delete a share group with shares", busy.err)
        self.assertIn("HTTP 409", busy.err)
        self.cli(
            "demo", "share", "delete", member["id"], "--share-group", "grp"
        )
        self.assertTrue(self.fake.wait_idle())
        self.cli("demo", "share", "group", "delete", "grp")
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], self._show("demo", "share", "group", "list"))

    def _cleanup_group(self, group_id: str) -> None:
        try:
            self.fake.wait_idle()
            self.admin_sfs.delete_share_group(group_id)
        except Exception:  # noqa: S110 - best effort, already gone is fine
            pass
