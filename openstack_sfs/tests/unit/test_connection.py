"""Tests of connect(), Connection and register()."""

from __future__ import annotations

import openstack.connection

import openstack_sfs
from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import _proxy


class TestConnection(base.TestCase):
    def test_proxy_is_ours_under_both_names(self) -> None:
        self.assertIsInstance(self.conn, openstack_sfs.Connection)
        self.assertIsInstance(self.conn.shared_file_system, _proxy.Proxy)
        self.assertIs(self.conn.shared_file_system, self.conn.share)

    def test_negotiates_server_max(self) -> None:
        data = self.proxy.get_endpoint_data()
        assert data is not None
        self.assertEqual((2, 99), data.max_microversion)
        self.assertEqual((2, 0), data.min_microversion)

    def test_register_changes_only_that_connection(self) -> None:
        plain = openstack.connection.Connection(
            config=self.conn.config, strict_proxies=False
        )
        other = openstack.connection.Connection(
            config=self.conn.config, strict_proxies=False
        )
        registered = openstack_sfs.register(plain)
        self.assertIs(plain, registered)
        self.assertIsInstance(plain.shared_file_system, _proxy.Proxy)
        self.assertIs(plain.share, plain.shared_file_system)
        self.assertNotIsInstance(other.shared_file_system, _proxy.Proxy)
        self.assertIs(
            openstack.connection.Connection,
            type(other),
        )
        # registering again is harmless
        self.assertIs(plain, openstack_sfs.register(plain))
