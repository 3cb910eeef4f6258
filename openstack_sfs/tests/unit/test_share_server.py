"""Tests of ShareServer and the share server calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_server

SRV_ID = "b1c2d3e4-0000-4000-8000-000000000005"
NET_ID = "c2d3e4f5-0000-4000-8000-000000000006"
SUBNET_ID = "d3e4f5a6-0000-4000-8000-000000000007"
SRV_PATH = "/share-servers/" + SRV_ID
SRV_URL = base.MANILA_URL + SRV_PATH
ACTION = SRV_PATH + "/action"
MV = "2.90"

EXAMPLE: dict[str, Any] = {
    "id": SRV_ID,
    "project_id": base.PROJECT_ID,
    "updated_at": "2025-01-02T03:04:06.000000",
    "status": "active",
    "host": "fakehost@gamma",
    "share_network_name": "net-1",
    "share_network_id": NET_ID,
    "created_at": "2025-01-02T03:04:05.000000",
    "backend_details": {"ip": "10.254.0.3"},
    "is_auto_deletable": True,
    "identifier": "vserver-1",
    "task_state": None,
    "source_share_server_id": None,
    "security_service_update_support": False,
    "share_network_subnet_ids": [SUBNET_ID],
    "network_allocation_update_support": True,
    "encryption_key_ref": None,
}


def fault(name: str, code: int, message: str) -> dict[str, Any]:
    """A Manila fault body."""
    return {name: {"code": code, "message": message}}


class TestShareServerResource(base.TestCase):
    def test_basics(self) -> None:
        cls = share_server.ShareServer
        self.assertEqual("share_server", cls.resource_key)
        self.assertEqual("share_servers", cls.resources_key)
        self.assertEqual("/share-servers", cls.base_path)
        self.assertEqual("2.90", cls._max_microversion)
        self.assertFalse(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_query_mapping(self) -> None:
        keys = [
            "host",
            "status",
            "share_network",
            "share_network_id",
            "share_network_subnet_id",
            "project_id",
            "identifier",
            "task_state",
            "source_share_server_id",
            "security_service_update_support",
            "network_allocation_update_support",
            "encryption_key_ref",
            "is_auto_deletable",
        ]
        self.assertEqual(
            {k: k for k in keys},
            share_server.ShareServer._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        srv = share_server.ShareServer(**EXAMPLE)
        self.assertEqual(SRV_ID, srv.id)
        self.assertEqual("fakehost@gamma", srv.host)
        self.assertEqual("active", srv.status)
        self.assertEqual(NET_ID, srv.share_network_id)
        self.assertEqual("net-1", srv.share_network_name)
        self.assertEqual([SUBNET_ID], srv.share_network_subnet_ids)
        self.assertEqual(base.PROJECT_ID, srv.project_id)
        self.assertEqual({"ip": "10.254.0.3"}, srv.backend_details)
        self.assertIs(True, srv.is_auto_deletable)
        self.assertEqual("vserver-1", srv.identifier)
        self.assertIsNone(srv.task_state)
        self.assertIs(False, srv.security_service_update_support)
        self.assertIs(True, srv.network_allocation_update_support)
        self.assertEqual(EXAMPLE["created_at"], srv.created_at)
        self.assertEqual(EXAMPLE["updated_at"], srv.updated_at)
        old = share_server.ShareServer(share_network_subnet_id=SUBNET_ID)
        self.assertEqual(SUBNET_ID, old.share_network_subnet_id)


class TestShareServerProxy(base.TestCase):
    def test_share_servers(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/share-servers",
            json={"share_servers": [EXAMPLE]},
        )
        servers = list(
            self.proxy.share_servers(host="fakehost@gamma", share_network="n")
        )
        self.assert_request(
            "GET",
            "/share-servers",
            microversion=MV,
            query={"host": ["fakehost@gamma"], "share_network": ["n"]},
        )
        self.assertEqual([SRV_ID], [s.id for s in servers])

    def test_share_servers_forbidden(self) -> None:
        message = "Access was denied to this resource."
        self.requests_mock.get(
            base.MANILA_URL + "/share-servers",
            status_code=403,
            json=fault("forbidden", 403, message),
        )
        exc = self.assertRaises(
            exceptions.ForbiddenException,
            list,
            self.proxy.share_servers(),
        )
        self.assertIn(message, str(exc))

    def test_get_share_server(self) -> None:
        self.requests_mock.get(SRV_URL, json={"share_server": EXAMPLE})
        srv = self.proxy.get_share_server(SRV_ID)
        self.assert_request("GET", SRV_PATH, microversion=MV)
        self.assertEqual("vserver-1", srv.identifier)

    def test_get_share_server_not_found(self) -> None:
        message = f"Share server {SRV_ID} could not be found."
        self.requests_mock.get(
            SRV_URL,
            status_code=404,
            json=fault("itemNotFound", 404, message),
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_server,
            SRV_ID,
        )
        self.assertIn(message, str(exc))

    def test_get_share_server_details(self) -> None:
        self.requests_mock.get(
            SRV_URL + "/details", json={"details": {"ip": "10.254.0.3"}}
        )
        details = self.proxy.get_share_server_details(SRV_ID)
        self.assert_request("GET", SRV_PATH + "/details", microversion=MV)
        self.assertEqual({"ip": "10.254.0.3"}, details)

    def test_get_share_server_details_not_found(self) -> None:
        self.requests_mock.get(
            SRV_URL + "/details",
            status_code=404,
            json=fault("itemNotFound", 404, "no such server"),
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_server_details,
            SRV_ID,
        )

    def test_delete_share_server(self) -> None:
        self.requests_mock.delete(SRV_URL, status_code=202)
        self.proxy.delete_share_server(SRV_ID)
        self.assert_request("DELETE", SRV_PATH, microversion=MV)

    def test_delete_share_server_in_use(self) -> None:
        message = f"Share server {SRV_ID} is in use by shares."
        self.requests_mock.delete(
            SRV_URL,
            status_code=409,
            json=fault("conflictingRequest", 409, message),
        )
        exc = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.delete_share_server,
            SRV_ID,
        )
        self.assertIn(message, str(exc))

    def test_delete_share_server_missing(self) -> None:
        self.requests_mock.delete(
            SRV_URL,
            status_code=404,
            json=fault("itemNotFound", 404, "gone"),
        )
        self.proxy.delete_share_server(SRV_ID)
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_server,
            SRV_ID,
            ignore_missing=False,
        )

    def test_reset_share_server_status(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.reset_share_server_status(SRV_ID, "error")
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            json_body={"reset_status": {"status": "error"}},
        )

    def test_manage_share_server(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + "/share-servers/manage",
            status_code=202,
            json={"share_server": dict(EXAMPLE, status="manage_starting")},
        )
        srv = self.proxy.manage_share_server(
            "fakehost@gamma",
            NET_ID,
            "vserver-1",
            driver_options={"k": "v"},
            share_network_subnet=SUBNET_ID,
        )
        self.assert_request(
            "POST",
            "/share-servers/manage",
            microversion=MV,
            json_body={
                "share_server": {
                    "host": "fakehost@gamma",
                    "share_network_id": NET_ID,
                    "identifier": "vserver-1",
                    "driver_options": {"k": "v"},
                    "share_network_subnet_id": SUBNET_ID,
                }
            },
        )
        self.assertEqual("manage_starting", srv.status)
        self.assertEqual(SRV_ID, srv.id)

    def test_manage_share_server_minimal_body(self) -> None:
        self.set_server_max("2.49")
        self.requests_mock.post(
            base.MANILA_URL + "/share-servers/manage",
            status_code=202,
            json={"share_server": EXAMPLE},
        )
        self.proxy.manage_share_server("fakehost@gamma", NET_ID, "vs")
        self.assert_request(
            "POST",
            "/share-servers/manage",
            microversion="2.49",
            json_body={
                "share_server": {
                    "host": "fakehost@gamma",
                    "share_network_id": NET_ID,
                    "identifier": "vs",
                }
            },
        )

    def test_manage_with_subnet_needs_2_51(self) -> None:
        self.set_server_max("2.50")
        exc = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.manage_share_server,
            "fakehost@gamma",
            NET_ID,
            "vs",
            share_network_subnet=SUBNET_ID,
        )
        self.assertIn("2.51", str(exc))
        self.assertEqual([], self.api_requests())

    def test_manage_bad_request(self) -> None:
        message = "Host parameter should not contain pool."
        self.requests_mock.post(
            base.MANILA_URL + "/share-servers/manage",
            status_code=400,
            json=fault("badRequest", 400, message),
        )
        exc = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.manage_share_server,
            "fakehost@gamma#pool",
            NET_ID,
            "vs",
        )
        self.assertIn(message, str(exc))

    def test_unmanage_share_server(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.unmanage_share_server(SRV_ID, force=True)
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            json_body={"unmanage": {"force": True}},
        )
        self.proxy.unmanage_share_server(SRV_ID)
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            json_body={"unmanage": {"force": False}},
        )

    def test_admin_actions_need_2_49(self) -> None:
        self.set_server_max("2.48")
        for call, args in (
            (self.proxy.reset_share_server_status, (SRV_ID, "error")),
            (self.proxy.unmanage_share_server, (SRV_ID,)),
            (self.proxy.manage_share_server, ("h@b", NET_ID, "vs")),
        ):
            exc = self.assertRaises(exceptions.NotSupported, call, *args)
            self.assertIn("2.49", str(exc))
        self.assertEqual([], self.api_requests())

    # -- migration -------------------------------------------------------

    def test_check_share_server_migration(self) -> None:
        answer = {
            "compatible": True,
            "requested_capabilities": {"host": "fakehost@alpha"},
            "supported_capabilities": {"writable": True},
        }
        self.requests_mock.post(base.MANILA_URL + ACTION, json=answer)
        result = self.proxy.check_share_server_migration(
            SRV_ID,
            "fakehost@alpha",
            preserve_snapshots=True,
            writable=True,
            nondisruptive=False,
            new_share_network=NET_ID,
        )
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            experimental=True,
            json_body={
                "migration_check": {
                    "host": "fakehost@alpha",
                    "preserve_snapshots": True,
                    "writable": True,
                    "nondisruptive": False,
                    "new_share_network_id": NET_ID,
                }
            },
        )
        self.assertEqual(answer, result)

    def test_start_share_server_migration(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.start_share_server_migration(
            SRV_ID,
            "fakehost@alpha",
            preserve_snapshots=False,
            writable=False,
            nondisruptive=False,
        )
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            experimental=True,
            json_body={
                "migration_start": {
                    "host": "fakehost@alpha",
                    "preserve_snapshots": False,
                    "writable": False,
                    "nondisruptive": False,
                    "new_share_network_id": None,
                }
            },
        )

    def test_start_migration_conflict(self) -> None:
        message = "Share server is not in a valid state."
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=409,
            json=fault("conflictingRequest", 409, message),
        )
        exc = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.start_share_server_migration,
            SRV_ID,
            "fakehost@alpha",
            True,
            True,
            True,
        )
        self.assertIn(message, str(exc))

    def test_complete_share_server_migration(self) -> None:
        answer = {"destination_share_server_id": "dest-1"}
        self.requests_mock.post(base.MANILA_URL + ACTION, json=answer)
        self.assertEqual(
            answer, self.proxy.complete_share_server_migration(SRV_ID)
        )
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            experimental=True,
            json_body={"migration_complete": None},
        )

    def test_cancel_share_server_migration(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.cancel_share_server_migration(SRV_ID)
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            experimental=True,
            json_body={"migration_cancel": None},
        )

    def test_get_share_server_migration_progress(self) -> None:
        answer = {
            "total_progress": 50,
            "task_state": "migration_driver_in_progress",
            "destination_share_server_id": "dest-1",
        }
        self.requests_mock.post(base.MANILA_URL + ACTION, json=answer)
        self.assertEqual(
            answer, self.proxy.get_share_server_migration_progress(SRV_ID)
        )
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            experimental=True,
            json_body={"migration_get_progress": None},
        )

    def test_reset_share_server_task_state(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.reset_share_server_task_state(SRV_ID, None)
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            experimental=True,
            json_body={"reset_task_state": {"task_state": None}},
        )
        self.proxy.reset_share_server_task_state(SRV_ID, "migration_error")
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            experimental=True,
            json_body={"reset_task_state": {"task_state": "migration_error"}},
        )

    def test_migration_needs_2_57(self) -> None:
        self.set_server_max("2.56")
        for call, args in (
            (
                self.proxy.check_share_server_migration,
                (SRV_ID, "h@b", True, True, True),
            ),
            (
                self.proxy.start_share_server_migration,
                (SRV_ID, "h@b", True, True, True),
            ),
            (self.proxy.complete_share_server_migration, (SRV_ID,)),
            (self.proxy.cancel_share_server_migration, (SRV_ID,)),
            (self.proxy.get_share_server_migration_progress, (SRV_ID,)),
            (self.proxy.reset_share_server_task_state, (SRV_ID, None)),
        ):
            exc = self.assertRaises(exceptions.NotSupported, call, *args)
            self.assertIn("2.57", str(exc))
        self.assertEqual([], self.api_requests())
