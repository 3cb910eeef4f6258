"""The runnable examples in doc/ and the demo really run, as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import fixtures
import testtools

ROOT = os.path.dirname(
    os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    )
)
EXAMPLES = os.path.join(ROOT, "doc", "source", "examples")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class TestDocExamples(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(150, gentle=True))

    def test_ensure_shares_example(self) -> None:
        result = run(os.path.join(EXAMPLES, "ensure_shares.py"))
        self.assertEqual(0, result.returncode, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual("ensuring: False", lines[2])
        self.assertIn(
            "fakehost@alpha available ['10.0.0.99:/path/to/fake/share/",
            lines[3],
        )
        self.assertIn(
            "fakehost@beta available ['10.0.0.10:/path/to/fake/share/",
            lines[4],
        )

    def example(self, name: str) -> list[str]:
        """Run doc/source/examples/<name>.py; return its output lines."""
        result = run(os.path.join(EXAMPLES, name + ".py"))
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual("", result.stderr)
        return result.stdout.splitlines()

    def test_shares_example(self) -> None:
        lines = self.example("shares")
        self.assertEqual("created: share1 creating", lines[0])
        self.assertEqual("ready: available 1 GiB default", lines[1])
        self.assertEqual("listed: share1 NFS", lines[2])
        self.assertEqual("updated: share-one / my data", lines[3])
        self.assertEqual(
            [
                "resized: 2 GiB",
                "resized: 1 GiB",
                "force-extended: 3 GiB",
                "reset: error",
            ],
            lines[4:8],
        )
        self.assertEqual(
            [
                "metadata: {'team': 'storage', 'owner': 'alice'}",
                "replaced: {'tier': 'gold'}",
                "item tier: gold",
                "after delete: {}",
                "in recycle bin: ['share-one']",
                "restored: False",
                "deleted: True",
                "managing: manage_starting",
            ],
            lines[8:16],
        )
        self.assertRegex(
            lines[16], r"^managed: legacy fakehost@alpha#fast 1 GiB$"
        )
        self.assertEqual("unmanaged: True", lines[17])
        self.assertEqual(18, len(lines))

    def test_access_rules_example(self) -> None:
        lines = self.example("access_rules")
        self.assertEqual(
            [
                "granted: 10.0.0.0/24 rw queued_to_apply",
                "listed: 10.0.0.0/24 rw active {'purpose': 'app'}",
                "changed: ro {'owner': 'ops'}",
                "refused without unrestrict: 403",
                "rules left: 0",
            ],
            lines,
        )

    def test_export_locations_example(self) -> None:
        lines = self.example("export_locations")
        # the dummy driver's: preferred on 10.0.0.10, a second on
        # 10.0.0.20, and (for admins) an admin-only one on 11.0.0.11
        name = r"/path/to/fake/share/(share_\w+)"
        match = re.fullmatch(
            rf"mount: 10\.0\.0\.10:{name} preferred: True", lines[0]
        )
        self.assertIsNotNone(match, lines[0])
        assert match is not None
        mount = "/path/to/fake/share/" + match.group(1)
        self.assertEqual(
            f"mount: 10.0.0.20:{mount} preferred: False", lines[1]
        )
        self.assertEqual(
            ["created at: True", "metadata speed: fast"], lines[2:4]
        )
        self.assertEqual(
            [
                f"admin view: 11.0.0.11:{mount} admin only: True",
                f"admin view: 10.0.0.10:{mount} admin only: False",
                f"admin view: 10.0.0.20:{mount} admin only: False",
            ],
            lines[4:7],
        )
        self.assertRegex(lines[7], r"^belongs to instance: [0-9a-f-]{36}$")
        self.assertRegex(
            lines[8], r"^instance: fakehost@(alpha|beta)#\w+ available$"
        )
        self.assertEqual(
            [
                f"  instance mount: 11.0.0.11:{mount}",
                f"  instance mount: 10.0.0.10:{mount}",
                f"  instance mount: 10.0.0.20:{mount}",
            ],
            lines[9:12],
        )
        self.assertEqual(
            ["instance reset: error", "instances in the cloud: 1"], lines[12:]
        )

    def test_services_example(self) -> None:
        lines = self.example("services")
        self.assertEqual(
            [
                "service: fakehost@alpha nova enabled up",
                "service: fakehost@beta nova enabled up",
                "service: fakehost@gamma nova enabled up",
                "disabled: fakehost@beta - maintenance",
                "enabled again: ['enabled']",
                "demo may not list services: 403",
                "alpha ensuring: False",
            ],
            lines,
        )

    def test_share_types_example(self) -> None:
        lines = self.example("share_types")
        self.assertEqual(
            [
                "type: default, default: True, dhss: False",
                "type: dhss_false, default: False, dhss: False",
                "type: dhss_true, default: False, dhss: True",
                "default type: default",
            ],
            lines[:4],
        )
        self.assertRegex(lines[4], r"^found: dhss_false [0-9a-f-]{36}$")
        self.assertEqual(
            [
                "with share servers: ['dhss_true']",
                "created: gold public: False",
                "description: faster NFS",
                "extra specs: {'driver_handles_share_servers': 'False', "
                "'snapshot_support': 'True', "
                "'mount_snapshot_support': 'True'}",
                "snapshot_support: True",
                "demo sees gold: False",
                "demo in access list: True",
                "demo sees gold: True",
                "share of type: gold",
                "gold deleted: True",
            ],
            lines[5:],
        )

    def test_quotas_and_limits_example(self) -> None:
        lines = self.example("quotas_and_limits")
        self.assertEqual(
            [
                "shares: 1 of 50",
                "gigabytes: 2 of 1000",
                "rate limits: []",
                "quota: 50 shares, 1000 GiB",
                "in use: 1 shares, 2 GiB",
                "reserved: 0 shares",
                "per type: 10",
                "refused: 400",
                "after update: 0",
                "defaults: 50",
                "after revert: 50",
                "class default: 50",
                "project now: 60",
            ],
            lines,
        )

    def test_messages_pools_zones_example(self) -> None:
        lines = self.example("messages_pools_zones")
        self.assertEqual(
            [
                "share status: error",
                "message: SHARE 001 009",
                "   allocate host: No storage could be allocated for this "
                "share request, Capacity filter didn't succeed.",
                "messages left: 0",
                "pool: fakehost@alpha#fast 1000.0 GiB free, dhss: False",
                "pool: fakehost@alpha#slow 2000.0 GiB free, dhss: False",
                "pools for dhss_true: ['fakehost@gamma#pool1']",
                "zone: nova",
            ],
            lines,
        )

    def test_snapshots_example(self) -> None:
        lines = self.example("snapshots")
        self.assertEqual(
            [
                "snapshot: nightly creating",
                "listed: nightly available 1 GiB",
                "renamed: nightly-1",
                "metadata: {'owner': 'ops'}",
                "copy made from snapshot: True",
                "reverted: available",
            ],
            lines[:6],
        )
        self.assertRegex(lines[6], r"^snapshot rule: 10\.0\.0\.0/24 \w+$")
        # as the dummy driver's: the preferred and the second address
        # (the admin-only one is for admins)
        for line, address in zip(lines[7:9], ("10", "20"), strict=True):
            self.assertRegex(
                line,
                rf"^snapshot mount: 10\.0\.0\.{address}:"
                r"/path/to/fake/snapshot/snapshot_\w+$",
            )
        self.assertEqual(
            [
                "deleted: True",
                "reset: error",
                "managed: adopted available 1 GiB",
            ],
            lines[9:],
        )

    def test_share_networks_example(self) -> None:
        lines = self.example("share_networks")
        self.assertEqual(
            [
                "network: tenant-net active, subnets: 1",
                "description: for the web tier",
                "share on network: True",
                "subnet from Neutron: 10.20.0.0/24 10.20.0.1",
                "export: 10.20.0.2",
                "network in use, update refused: 403",
                "network in use, delete refused: 409",
                "subnet: zone None metadata {}",
                "subnet: zone nova metadata {'tier': 'web'}",
                "subnet metadata: {'tier': 'db', 'owner': 'ops'}",
                "networks left: ['tenant-net']",
            ],
            lines,
        )

    def test_share_servers_example(self) -> None:
        lines = self.example("share_servers")
        self.assertEqual(
            [
                "server: fakehost@gamma active, network: ops-net",
                "details: ['ip', 'secondary_ip', 'server_id', "
                "'subnet_allocations']",
                "server in use, delete refused: 409",
                "compatible: True",
                "progress: 100 %",
                "share now on: fakehost@delta#pool1",
                "managed: vserver-7 active",
                "unmanaged: vserver-7",
                "servers left: 0",
            ],
            lines,
        )

    def test_demo(self) -> None:
        result = run("-m", "fake_server.demo")
        self.assertEqual(0, result.returncode, result.stderr)
        out = result.stdout
        self.assertRegex(
            out,
            r"scheduler placed it on pool "
            r"fakehost@(alpha|beta)#\w+",
        )
        # the dummy driver's two export locations users see
        self.assertRegex(
            out,
            r"driver exported it at "
            r"10\.0\.0\.10:/path/to/fake/share/share_\w+ "
            r"\(preferred=True\)",
        )
        self.assertRegex(
            out,
            r"driver exported it at "
            r"10\.0\.0\.20:/path/to/fake/share/share_\w+ "
            r"\(preferred=False\)",
        )
        self.assertIn("access rule", out)
        self.assertIn("is active: 10.0.0.0/24 may mount", out)
