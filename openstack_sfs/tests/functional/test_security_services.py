"""Security services through openstack_sfs against the fake server."""

from __future__ import annotations

from openstack import exceptions

from openstack_sfs.tests.functional import base


class TestSecurityServices(base.FunctionalTestCase):
    def test_lifecycle_and_network_actions(self) -> None:
        ss = self.sfs.create_security_service(
            type="active_directory",
            name="corp-ad",
            dns_ip="10.0.0.1",
            domain="corp.example.com",
            user="svc",
            password="secret",
            ou="OU=shares",
            default_ad_site="site-1",
        )
        self.addCleanup(self.sfs.delete_security_service, ss)
        self.assertEqual("corp-ad", ss.name)
        self.assertEqual("OU=shares", ss.ou)
        self.assertEqual("site-1", ss.default_ad_site)
        found = self.sfs.find_security_service("corp-ad")
        assert found is not None
        self.assertEqual(ss.id, found.id)
        self.sfs.update_security_service(ss, description="the AD")
        self.assertEqual(
            "the AD", self.sfs.get_security_service(ss.id).description
        )

        net = self.sfs.create_share_network(name="net")
        self.addCleanup(self.sfs.delete_share_network, net)
        returned = self.sfs.add_security_service_to_share_network(net, ss)
        self.assertEqual(net.id, returned.id)
        listed = list(self.sfs.security_services(share_network_id=net.id))
        self.assertEqual([ss.id], [s.id for s in listed])
        self.assertEqual([net.id], listed[0].share_networks)

        # attached: delete refused; a second AD refused
        error = self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.delete_security_service,
            ss,
        )
        self.assertIn("assigned to share network", str(error))
        ad2 = self.sfs.create_security_service(
            type="active_directory", name="ad2"
        )
        self.addCleanup(self.sfs.delete_security_service, ad2)
        self.assertRaises(
            exceptions.ConflictException,
            self.sfs.add_security_service_to_share_network,
            net,
            ad2,
        )
        check = self.sfs.check_share_network_security_service_update(
            net, ss, ad2
        )
        self.assertTrue(check["compatible"])
        self.sfs.update_share_network_security_service(net, ss, ad2)
        listed = list(self.sfs.security_services(share_network_id=net.id))
        self.assertEqual([ad2.id], [s.id for s in listed])
        self.sfs.remove_security_service_from_share_network(net, ad2)
        self.assertEqual(
            [], list(self.sfs.security_services(share_network_id=net.id))
        )

    def test_bad_input_is_4xx(self) -> None:
        for body, status in (
            ({"security_service": {"type": "nis"}}, 400),
            ({"security_service": {"type": "ldap", "dns_ip": 1}}, 400),
            ({"security_service": "x"}, 422),
            ({}, 422),
        ):
            response = self.raw(
                self.conn, "POST", "/security-services", json=body
            )
            self.assertEqual(status, response.status_code, response.text)
        net = self.sfs.create_share_network(name="n")
        self.addCleanup(self.sfs.delete_share_network, net)
        response = self.raw(
            self.conn,
            "POST",
            f"/share-networks/{net.id}/action",
            json={"add_security_service": None},
        )
        self.assertEqual(400, response.status_code)
        response = self.raw(
            self.conn,
            "GET",
            "/security-services/nope",
        )
        self.assertEqual(404, response.status_code)

    def test_other_project(self) -> None:
        ss = self.sfs.create_security_service(type="ldap", name="l")
        self.addCleanup(self.sfs.delete_security_service, ss)
        alt = self.alt.shared_file_system
        self.assertEqual([], list(alt.security_services()))
        self.assertRaises(
            exceptions.ForbiddenException, alt.get_security_service, ss.id
        )
        listed = list(self.admin_sfs.security_services(all_tenants=True))
        self.assertIn(ss.id, [s.id for s in listed])
