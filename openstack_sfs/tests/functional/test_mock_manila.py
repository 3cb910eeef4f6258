"""``fake_server.mock_manila``: code that looks up clouds reaches the fake."""

from __future__ import annotations

import os
import threading
import unittest
from typing import Any

import fixtures
import openstack
import testtools
from openstack import exceptions
from openstack.config import loader

import fake_server
import openstack_sfs
from fake_server.mock import mock_manila


def share_names(fake: Any) -> list[str]:
    conn = fake.connect("admin")
    try:
        return sorted(
            s.name for s in conn.shared_file_system.shares(all_projects=True)
        )
    finally:
        conn.close()


class TestMockManila(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(120, gentle=True))
        tmp = self.useFixture(fixtures.TempDir()).path
        # a user's own clouds.yaml and OS_* settings, pointing elsewhere
        self.clouds_yaml = os.path.join(tmp, "clouds.yaml")
        with open(self.clouds_yaml, "w", encoding="utf-8") as handle:
            handle.write(
                "clouds:\n"
                "  other:\n"
                "    auth:\n"
                "      auth_url: http://192.0.2.1:5000/v3\n"
                "      username: u\n"
                "      password: p\n"
                "      project_name: p\n"
            )
        self.useFixture(
            fixtures.EnvironmentVariable(
                "OS_CLIENT_CONFIG_FILE", self.clouds_yaml
            )
        )
        for name in list(os.environ):
            if name.startswith("OS_") and name != "OS_CLIENT_CONFIG_FILE":
                self.useFixture(fixtures.EnvironmentVariable(name))
        self.original = loader.OpenStackConfig.get_one

    def test_openstack_connect_creates_a_share_on_the_fake(self) -> None:
        with fake_server.mock_manila() as fake:
            conn = openstack.connect(cloud="prod")
            self.addCleanup(conn.close)
            share = conn.shared_file_system.create_share(
                share_proto="NFS", size=1, name="from-prod"
            )
            self.assertEqual("creating", share.status)
            self.assertEqual("prod", conn.config.name)
            self.assertEqual(["from-prod"], share_names(fake))

    def test_openstack_sfs_connect_gives_our_connection(self) -> None:
        with mock_manila() as fake:
            conn = openstack_sfs.connect(cloud="anything")
            self.addCleanup(conn.close)
            self.assertIsInstance(conn, openstack_sfs.Connection)
            conn.shared_file_system.create_share(
                share_protocol="NFS", size=1, name="s"
            )
            self.assertEqual(["s"], share_names(fake))

    def test_os_variables_reach_the_fake(self) -> None:
        for name, value in {
            "OS_AUTH_URL": "http://192.0.2.1:5000/v3",
            "OS_USERNAME": "someone",
            "OS_PASSWORD": "secret",
            "OS_PROJECT_NAME": "p",
        }.items():
            self.useFixture(fixtures.EnvironmentVariable(name, value))
        with mock_manila() as fake:
            conn = openstack.connect()
            self.addCleanup(conn.close)
            self.assertEqual(
                fake.auth_url, conn.config.config["auth"]["auth_url"]
            )
            conn.shared_file_system.create_share(
                share_proto="NFS", size=1, name="env"
            )
            self.assertEqual(["env"], share_names(fake))

    def test_os_cloud_names_a_covered_cloud(self) -> None:
        self.useFixture(fixtures.EnvironmentVariable("OS_CLOUD", "prod"))
        with mock_manila(clouds=["prod"]) as fake:
            conn = openstack_sfs.connect()
            self.addCleanup(conn.close)
            self.assertEqual("prod", conn.config.name)
            self.assertEqual(
                fake.auth_url, conn.config.config["auth"]["auth_url"]
            )

    def test_clouds_not_covered_use_the_real_configuration(self) -> None:
        with mock_manila(clouds={"prod": "admin"}) as fake:
            other = openstack.config.get_cloud_region(cloud="other")
            self.assertEqual(
                "http://192.0.2.1:5000/v3", other.config["auth"]["auth_url"]
            )
            prod = openstack.config.get_cloud_region(cloud="prod")
            self.assertEqual("admin", prod.config["auth"]["username"])
            self.assertEqual(fake.auth_url, prod.config["auth"]["auth_url"])
            self.assertRaises(
                exceptions.ConfigException,
                openstack.config.get_cloud_region,
                cloud="missing",
            )

    def test_nothing_changes_outside(self) -> None:
        with mock_manila():
            self.assertIsNot(self.original, loader.OpenStackConfig.get_one)
        self.assertIs(self.original, loader.OpenStackConfig.get_one)
        self.assertRaises(
            exceptions.ConfigException,
            openstack.config.get_cloud_region,
            cloud="prod",
        )

    def test_nested_inner_wins_for_its_clouds(self) -> None:
        with mock_manila() as outer:
            with mock_manila(clouds=["dev"]) as inner:
                self.assertIsNot(outer, inner)
                dev = openstack_sfs.connect(cloud="dev")
                prod = openstack_sfs.connect(cloud="prod")
                self.addCleanup(dev.close)
                self.addCleanup(prod.close)
                dev.shared_file_system.create_share(
                    share_protocol="NFS", size=1, name="dev"
                )
                prod.shared_file_system.create_share(
                    share_protocol="NFS", size=1, name="prod"
                )
                self.assertEqual(["dev"], share_names(inner))
                self.assertEqual(["prod"], share_names(outer))
            self.assertIsNot(self.original, loader.OpenStackConfig.get_one)
            region = openstack.config.get_cloud_region(cloud="dev")
            self.assertEqual(outer.auth_url, region.config["auth"]["auth_url"])
        self.assertIs(self.original, loader.OpenStackConfig.get_one)

    def test_decorated_function_gets_a_fresh_fake_per_call(self) -> None:
        mock = mock_manila(clouds=["prod"])

        @mock
        def create(name: str) -> list[str]:
            conn = openstack_sfs.connect(cloud="prod")
            try:
                conn.shared_file_system.create_share(
                    share_protocol="NFS", size=1, name=name
                )
                return share_names(mock.fake)
            finally:
                conn.close()

        self.assertEqual(["a"], create("a"))
        self.assertEqual(["b"], create("b"))
        self.assertEqual("create", create.__name__)
        self.assertIs(self.original, loader.OpenStackConfig.get_one)

    def test_decorated_test_case_class(self) -> None:
        seen: list[str] = []

        @mock_manila()
        class UserTests(unittest.TestCase):
            def setUp(self) -> None:
                self.conn = openstack_sfs.connect(cloud="mine")
                self.addCleanup(self.conn.close)

            def test_one(self) -> None:
                sfs = self.conn.shared_file_system
                sfs.create_share(share_protocol="NFS", size=1)
                seen.append(self.conn.config.config["auth"]["auth_url"])
                self.assertEqual(1, len(list(sfs.shares())))

            def test_two(self) -> None:
                self.test_one()

        result = unittest.TestResult()
        unittest.defaultTestLoader.loadTestsFromTestCase(UserTests).run(result)
        self.assertEqual([], result.errors + result.failures)
        self.assertEqual(2, result.testsRun)
        self.assertEqual(2, len(set(seen)))
        self.assertIs(self.original, loader.OpenStackConfig.get_one)

    def test_decorated_method(self) -> None:
        class Holder:
            @mock_manila(clouds=["c"])
            def run(self) -> str:
                conn = openstack_sfs.connect(cloud="c")
                try:
                    return str(conn.config.config["auth"]["username"])
                finally:
                    conn.close()

        self.assertEqual("demo", Holder().run())

    def test_concurrent_mocks_with_distinct_clouds(self) -> None:
        results: dict[str, list[str]] = {}
        barrier = threading.Barrier(2, timeout=30)

        def worker(name: str) -> None:
            with mock_manila(clouds=[name]) as fake:
                barrier.wait()
                conn = openstack_sfs.connect(cloud=name)
                try:
                    conn.shared_file_system.create_share(
                        share_protocol="NFS", size=1, name=name
                    )
                    results[name] = share_names(fake)
                finally:
                    conn.close()
                barrier.wait()

        threads = [
            threading.Thread(target=worker, args=(n,)) for n in ("a", "b")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertEqual({"a": ["a"], "b": ["b"]}, results)
        self.assertIs(self.original, loader.OpenStackConfig.get_one)

    def test_async_functions_are_refused(self) -> None:
        async def coro() -> None:
            return None

        self.assertRaises(TypeError, mock_manila(), coro)
