"""The share replica and share migration examples in doc/ run, as
written."""

from __future__ import annotations

import os
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


def run_example(name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, os.path.join(EXAMPLES, name + ".py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class TestReplicaAndMigrationExamples(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(150, gentle=True))

    def test_share_replicas_example(self) -> None:
        result = run_example("share_replicas")
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(
            [
                "replication: readable False",
                "created: creating out_of_sync",
                "synced: available in_sync",
                "share has replicas: True",
                "listed: active",
                "listed: in_sync",
                "promoted: active True",
                "share exports the new active replica: True",
                "old active is now: in_sync",
                "share has replicas: False",
                "host visible to admin: True",
            ],
            result.stdout.splitlines(),
        )

    def test_share_migration_example(self) -> None:
        result = run_example("share_migration")
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(
            [
                "started: True",
                "phase 1: migrating migration_driver_phase1_done 100",
                "done: available True",
                "again: False",
            ],
            result.stdout.splitlines(),
        )
