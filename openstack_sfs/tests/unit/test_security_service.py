"""Tests of SecurityService and the security service calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import security_service, share_network

SS_ID = "6a1b2c3d-0000-4000-8000-000000000001"
NET_ID = "7b2c3d4e-0000-4000-8000-000000000002"
OTHER_ID = "8c3d4e5f-0000-4000-8000-000000000003"
SS_URL = base.MANILA_URL + "/security-services"
NET_ACTION = base.MANILA_URL + f"/share-networks/{NET_ID}/action"
MV = "2.76"
NET_MV = "2.78"

EXAMPLE: dict[str, Any] = {
    "id": SS_ID,
    "name": "ad",
    "type": "active_directory",
    "status": "new",
    "created_at": "2025-01-02T03:04:05.000000",
    "updated_at": None,
    "description": "corp AD",
    "dns_ip": "10.0.0.1",
    "server": None,
    "domain": "corp.example.com",
    "user": "svc",
    "password": "secret",
    "project_id": base.PROJECT_ID,
    "ou": "OU=shares",
    "default_ad_site": "site-1",
    "share_networks": [NET_ID],
}
NETWORK = {"share_network": {"id": NET_ID, "name": "net"}}
NOT_FOUND = {
    "itemNotFound": {
        "code": 404,
        "message": f"Security service {SS_ID} could not be found.",
    }
}


class TestSecurityServiceResource(base.TestCase):
    def test_basics(self) -> None:
        cls = security_service.SecurityService
        self.assertEqual("security_service", cls.resource_key)
        self.assertEqual("security_services", cls.resources_key)
        self.assertEqual("/security-services", cls.base_path)
        self.assertEqual(MV, cls._max_microversion)
        self.assertTrue(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertTrue(cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_query_mapping(self) -> None:
        names = [
            "all_tenants",
            "default_ad_site",
            "dns_ip",
            "domain",
            "id",
            "limit",
            "name",
            "offset",
            "ou",
            "server",
            "share_network_id",
            "type",
            "user",
        ]
        self.assertEqual(
            {n: n for n in names},
            security_service.SecurityService._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        ss = security_service.SecurityService(**EXAMPLE)
        self.assertEqual(SS_ID, ss.id)
        self.assertEqual("active_directory", ss.type)
        self.assertEqual("secret", ss.password)
        self.assertEqual("OU=shares", ss.ou)
        self.assertEqual("site-1", ss.default_ad_site)
        self.assertEqual([NET_ID], ss.share_networks)
        self.assertEqual("10.0.0.1", ss.dns_ip)


class TestSecurityServiceProxy(base.TestCase):
    def test_list_detail(self) -> None:
        self.requests_mock.get(
            SS_URL + "/detail", json={"security_services": [EXAMPLE]}
        )
        found = list(self.proxy.security_services(type="ldap"))
        self.assert_request(
            "GET",
            "/security-services/detail",
            microversion=MV,
            query={"type": ["ldap"]},
        )
        self.assertEqual([SS_ID], [s.id for s in found])

    def test_list_summary(self) -> None:
        self.requests_mock.get(SS_URL, json={"security_services": []})
        self.assertEqual([], list(self.proxy.security_services(details=False)))
        self.assert_request("GET", "/security-services", microversion=MV)

    def test_get(self) -> None:
        self.requests_mock.get(
            f"{SS_URL}/{SS_ID}", json={"security_service": EXAMPLE}
        )
        found = self.proxy.get_security_service(SS_ID)
        self.assert_request(
            "GET", f"/security-services/{SS_ID}", microversion=MV
        )
        self.assertEqual("ad", found.name)

    def test_get_not_found(self) -> None:
        self.requests_mock.get(
            f"{SS_URL}/{SS_ID}", status_code=404, json=NOT_FOUND
        )
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_security_service,
            SS_ID,
        )
        self.assertIn("could not be found", str(error))

    def test_find(self) -> None:
        self.requests_mock.get(f"{SS_URL}/ad", status_code=404, json=NOT_FOUND)
        self.requests_mock.get(
            SS_URL + "/detail", json={"security_services": [EXAMPLE]}
        )
        found = self.proxy.find_security_service("ad")
        assert found is not None
        self.assertEqual(SS_ID, found.id)

    def test_create(self) -> None:
        self.requests_mock.post(SS_URL, json={"security_service": EXAMPLE})
        found = self.proxy.create_security_service(
            type="active_directory", name="ad", default_ad_site="site-1"
        )
        self.assert_request(
            "POST",
            "/security-services",
            microversion=MV,
            json_body={
                "security_service": {
                    "type": "active_directory",
                    "name": "ad",
                    "default_ad_site": "site-1",
                }
            },
        )
        self.assertEqual(SS_ID, found.id)

    def test_create_bad_type(self) -> None:
        self.requests_mock.post(
            SS_URL,
            status_code=400,
            json={"badRequest": {"code": 400, "message": "Invalid type"}},
        )
        self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.create_security_service,
            type="nis",
        )

    def test_create_ad_site_not_supported(self) -> None:
        self.set_server_max("2.75")
        error = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.create_security_service,
            type="active_directory",
            default_ad_site="x",
        )
        self.assertIn("2.76", str(error))
        self.assertEqual([], self.api_requests())

    def test_create_ou_not_supported(self) -> None:
        self.set_server_max("2.43")
        error = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.create_security_service,
            type="ldap",
            ou="OU=x",
        )
        self.assertIn("2.44", str(error))

    def test_update(self) -> None:
        self.requests_mock.put(
            f"{SS_URL}/{SS_ID}", json={"security_service": EXAMPLE}
        )
        self.proxy.update_security_service(SS_ID, name="ad2")
        self.assert_request(
            "PUT",
            f"/security-services/{SS_ID}",
            microversion=MV,
            json_body={"security_service": {"name": "ad2"}},
        )

    def test_delete(self) -> None:
        self.requests_mock.delete(f"{SS_URL}/{SS_ID}", status_code=202)
        self.proxy.delete_security_service(SS_ID)
        self.assert_request(
            "DELETE", f"/security-services/{SS_ID}", microversion=MV
        )

    def test_delete_in_use(self) -> None:
        self.requests_mock.delete(
            f"{SS_URL}/{SS_ID}",
            status_code=403,
            json={
                "forbidden": {
                    "code": 403,
                    "message": "Cannot delete security service. It is "
                    "assigned to share network(s)",
                }
            },
        )
        error = self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.delete_security_service,
            SS_ID,
        )
        self.assertIn("assigned to share network", str(error))

    def test_delete_missing_raises_when_asked(self) -> None:
        self.requests_mock.delete(
            f"{SS_URL}/{SS_ID}", status_code=404, json=NOT_FOUND
        )
        self.proxy.delete_security_service(SS_ID)
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_security_service,
            SS_ID,
            ignore_missing=False,
        )


class TestShareNetworkActions(base.TestCase):
    def test_add(self) -> None:
        self.requests_mock.post(NET_ACTION, json=NETWORK)
        ss = security_service.SecurityService(id=SS_ID)
        found = self.proxy.add_security_service_to_share_network(NET_ID, ss)
        self.assert_request(
            "POST",
            f"/share-networks/{NET_ID}/action",
            microversion=NET_MV,
            json_body={"add_security_service": {"security_service_id": SS_ID}},
        )
        self.assertIsInstance(found, share_network.ShareNetwork)
        self.assertEqual("net", found.name)

    def test_add_conflict(self) -> None:
        self.requests_mock.post(
            NET_ACTION,
            status_code=409,
            json={
                "conflictingRequest": {
                    "code": 409,
                    "message": "Security service with 'ldap' type already "
                    "added",
                }
            },
        )
        error = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.add_security_service_to_share_network,
            NET_ID,
            SS_ID,
        )
        self.assertIn("already added", str(error))

    def test_remove(self) -> None:
        self.requests_mock.post(NET_ACTION, json=NETWORK)
        self.proxy.remove_security_service_from_share_network(NET_ID, SS_ID)
        self.assert_request(
            "POST",
            f"/share-networks/{NET_ID}/action",
            microversion=NET_MV,
            json_body={
                "remove_security_service": {"security_service_id": SS_ID}
            },
        )

    def test_update(self) -> None:
        self.requests_mock.post(NET_ACTION, json=NETWORK, status_code=202)
        found = self.proxy.update_share_network_security_service(
            NET_ID, SS_ID, OTHER_ID
        )
        self.assert_request(
            "POST",
            f"/share-networks/{NET_ID}/action",
            microversion=NET_MV,
            json_body={
                "update_security_service": {
                    "current_service_id": SS_ID,
                    "new_service_id": OTHER_ID,
                }
            },
        )
        self.assertEqual(NET_ID, found.id)

    def test_update_not_supported(self) -> None:
        self.set_server_max("2.62")
        error = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.update_share_network_security_service,
            NET_ID,
            SS_ID,
            OTHER_ID,
        )
        self.assertIn("2.63", str(error))

    def test_checks(self) -> None:
        answer = {
            "compatible": True,
            "requested_operation": {
                "operation": "add_security_service",
                "current_security_service": None,
                "new_security_service": SS_ID,
            },
        }
        self.requests_mock.post(NET_ACTION, json=answer, status_code=202)
        self.assertEqual(
            answer,
            self.proxy.check_share_network_security_service_add(NET_ID, SS_ID),
        )
        self.assert_request(
            "POST",
            f"/share-networks/{NET_ID}/action",
            microversion=NET_MV,
            json_body={
                "add_security_service_check": {
                    "security_service_id": SS_ID,
                    "reset_operation": False,
                }
            },
        )
        self.proxy.check_share_network_security_service_update(
            NET_ID, SS_ID, OTHER_ID, reset_operation=True
        )
        self.assert_request(
            "POST",
            f"/share-networks/{NET_ID}/action",
            microversion=NET_MV,
            json_body={
                "update_security_service_check": {
                    "current_service_id": SS_ID,
                    "new_service_id": OTHER_ID,
                    "reset_operation": True,
                }
            },
        )

    def test_check_not_supported(self) -> None:
        self.set_server_max("2.62")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.check_share_network_security_service_add,
            NET_ID,
            SS_ID,
        )
