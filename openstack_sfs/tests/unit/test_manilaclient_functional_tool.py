"""tools/run_manilaclient_functional.py: manilaclient.conf, the job's
fake configuration, the clients' environment."""

from __future__ import annotations

import configparser
import os
import pathlib

import fixtures

from fake_server import config as config_mod
from openstack_sfs.tests import base

tool = base.load_tool(
    "run_manilaclient_functional.py", "manilaclient_functional_tool_under_test"
)


class ManilaclientConfTest(base.TestCase):
    def parse(self) -> configparser.SectionProxy:
        text = tool.manilaclient_conf(
            "http://127.0.0.1:4242", pathlib.Path("/venv/bin"), 1
        )
        parser = configparser.ConfigParser()
        parser.read_string(text)
        return parser["DEFAULT"]

    def test_demo_user_and_admin_in_demo(self) -> None:
        # the role sources "openrc demo demo" and "openrc admin demo"
        conf = self.parse()
        self.assertEqual("demo", conf["username"])
        self.assertEqual("demo", conf["tenant_name"])
        self.assertEqual("admin", conf["admin_username"])
        self.assertEqual("demo", conf["admin_tenant_name"])
        for key in ("auth_url", "admin_auth_url"):
            self.assertEqual("http://127.0.0.1:4242/identity", conf[key])
        for key in (
            "project_domain_id",
            "user_domain_id",
            "admin_project_domain_id",
            "admin_user_domain_id",
        ):
            self.assertEqual("default", conf[key])

    def test_the_roles_switches_and_share_network(self) -> None:
        conf = self.parse()
        self.assertEqual("nfs:ip,cifs:user", conf["access_types_mapping"])
        self.assertEqual("false", conf["suppress_errors_in_cleanup"])
        for switch in (
            "run_migration_tests",
            "run_manage_tests",
            "run_mount_snapshot_tests",
            "run_share_servers_migration_tests",
        ):
            self.assertEqual("true", conf[switch], switch)
        # the role leaves run_snapshot_tests and friends at their defaults
        self.assertNotIn("run_snapshot_tests", conf)
        self.assertEqual("ci", conf["share_network"])
        self.assertEqual("ci", conf["admin_share_network"])
        self.assertEqual("/venv/bin", conf["manila_exec_dir"])
        self.assertEqual("1", conf["build_interval"])


class FakeConfigTest(base.TestCase):
    def test_the_jobs_devstack(self) -> None:
        cfg = config_mod.load(str(tool.FAKE_CONFIG))
        self.assertEqual(
            [
                ("alpha", True, "manila-zone-0", "DUMMY_DOMAIN_2"),
                ("beta", True, "manila-zone-1", "DUMMY_DOMAIN_2"),
                ("gamma", False, "manila-zone-2", "DUMMY_DOMAIN"),
                ("delta", False, "manila-zone-3", "DUMMY_DOMAIN"),
            ],
            [
                (
                    b.name,
                    b.driver_handles_share_servers,
                    b.availability_zone,
                    b.replication_domain,
                )
                for b in cfg.backends
            ],
        )
        self.assertEqual(
            ["fake_pool_for_DELTA"], [p.name for p in cfg.backends[3].pools]
        )
        types = {t.name: t.extra_specs for t in cfg.share_types}
        self.assertEqual(
            "True", types["default"]["driver_handles_share_servers"]
        )
        self.assertEqual("True", types["default"]["mount_snapshot_support"])
        # devstack/settings: the dhss_* types get the default's extra specs
        self.assertEqual(
            dict(types["default"], driver_handles_share_servers="False"),
            types["dhss_false"],
        )
        self.assertEqual(types["default"], types["dhss_true"])
        self.assertEqual(50, cfg.quotas["share_networks"])
        self.assertFalse(cfg.neutron)


class ClientEnvTest(base.TestCase):
    def test_callers_cloud_does_not_leak_in(self) -> None:
        self.useFixture(fixtures.EnvironmentVariable("OS_CLOUD", "mine"))
        env = tool.client_env(
            pathlib.Path("/venv/bin"),
            tool.openrc("http://127.0.0.1:4242", "demo", "demo"),
        )
        self.assertNotIn("OS_CLOUD", env)
        self.assertEqual("demo", env["OS_USERNAME"])
        self.assertTrue(env["PATH"].startswith("/venv/bin" + os.pathsep))


CLI_TRACEBACK = """Traceback (most recent call last):
  File "/v/manilaclient/tests/functional/osc/base.py", line 368, in create
    snapshot_object = self.dict_result('share', cmd, client=client)
  File "/v/tempest/lib/cli/base.py", line 68, in execute
    raise exceptions.CommandFailed(proc.returncode,
tempest.lib.exceptions.CommandFailed: Command '['/v/bin/openstack', \
'--os-username', 'admin', '--os-password', 'password', '--os-auth-url', \
'http://127.0.0.1:4242/identity', '--os-project-name', 'demo', \
'--os-share-api-version', '2.98', 'share', 'snapshot', 'create', 'S1', \
'--wait']' returned non-zero exit status 1.
stdout:
b''
stderr:
b"Snapshots cannot be created for share 'S1' since it does not have that \
capability. (HTTP 422) (Request-ID: req-1)\\n"
"""


class CommandFailedReasonTest(base.TestCase):
    def test_stderr_first_then_the_command_without_credentials(self) -> None:
        reason = tool.conformance.failure_reason(CLI_TRACEBACK)
        self.assertEqual(
            "CommandFailed: Snapshots cannot be created for share 'S1' "
            "since it does not have that capability. (HTTP 422) "
            "(Request-ID: req-1) [openstack --os-share-api-version 2.98 "
            "share snapshot create S1 --wait (as admin/demo) exited 1]",
            reason,
        )
        self.assertNotIn("password", reason)

    def test_other_failures_unchanged(self) -> None:
        self.assertIsNone(tool.conformance.command_failed("AssertionError"))
