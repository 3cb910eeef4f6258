"""Views, lists and ownership answers of the fake against Manila 23.0.1.

Each test names the Manila code it mirrors.
"""

from __future__ import annotations

from typing import Any

from openstack_sfs.tests.unit.fake_server.test_fidelity import (
    FidelityTestCase,
)

#: what manila-tempest-plugin's ShareNetworksTest creates at 2.0
TEMPEST_NETWORK: dict[str, Any] = {
    "name": "sn_with_ldap_ss",
    "neutron_net_id": "1111",
    "neutron_subnet_id": "2222",
    "created_at": "2002-02-02",
    "updated_at": None,
    "network_type": "vlan",
    "segmentation_id": 1000,
    "cidr": "10.0.0.0/24",
    "ip_version": 4,
    "description": "fake description",
}


class TestShareNetworksAtOldVersions(FidelityTestCase):
    """api/v2/share_networks.py create (the body goes to both models)
    and _get_share_networks (exact_filter, then per-key filters)."""

    def create(self, **values: Any) -> dict[str, Any]:
        result = self.call(
            "POST",
            "/v2/share-networks",
            user="admin",
            version="2.0",
            json={"share_network": values},
        )
        self.assertEqual(200, result.status_code, result.text)
        return dict(result.json["share_network"])

    def listed(self, query: str, version: str = "2.0") -> list[str]:
        result = self.call(
            "GET",
            f"/v2/share-networks/detail?{query}",
            user="admin",
            version=version,
        )
        self.assertEqual(200, result.status_code, result.text)
        return [n["id"] for n in result.json["share_networks"]]

    def test_create_keeps_the_model_columns_of_the_body(self) -> None:
        created = self.create(**TEMPEST_NETWORK)
        self.assertEqual("2002-02-02T00:00:00.000000", created["created_at"])
        for key in (
            "neutron_net_id",
            "neutron_subnet_id",
            "network_type",
            "segmentation_id",
            "cidr",
            "ip_version",
            "name",
            "description",
        ):
            self.assertEqual(TEMPEST_NETWORK[key], created[key], key)
        self.assertIsNone(created["updated_at"])
        self.assertIsNone(created["nova_net_id"])
        shown = self.call(
            "GET",
            f"/v2/share-networks/{created['id']}",
            user="admin",
            version="2.51",
        ).json["share_network"]
        subnet = shown["share_network_subnets"][0]
        self.assertEqual("10.0.0.0/24", subnet["cidr"])
        self.assertEqual(1000, subnet["segmentation_id"])
        self.assertEqual("2002-02-02T00:00:00.000000", subnet["created_at"])

    def test_tempest_all_filter_options(self) -> None:
        wanted = self.create(**TEMPEST_NETWORK)["id"]
        other = dict(
            TEMPEST_NETWORK,
            name="sn_with_kerberos_ss",
            created_at="2003-03-03",
            neutron_net_id="test net id",
            neutron_subnet_id="test subnet id",
            network_type="local",
            segmentation_id=2000,
            cidr="10.0.0.0/13",
            ip_version=6,
        )
        second = self.create(**other)["id"]
        today = self.create(name="today")["id"]
        self.assertEqual(
            [wanted],
            self.listed(
                "created_before=2002-10-10&created_since=2001-01-01"
                "&neutron_net_id=1111&neutron_subnet_id=2222"
                "&cidr=10.0.0.0/24&ip_version=4&name=sn_with_ldap_ss"
            ),
        )
        # both bounds are inclusive (>= and <=)
        self.assertEqual(
            [wanted],
            self.listed("created_since=2002-02-02&created_before=2002-02-02"),
        )
        self.assertEqual(
            {wanted, second}, set(self.listed("created_before=2004-01-01"))
        )
        self.assertNotIn(today, self.listed("created_before=2004-01-01"))
        self.assertEqual([second], self.listed("segmentation_id=2000"))
        self.assertEqual([second], self.listed("network_type=local"))
        self.assertEqual([second], self.listed("ip_version=6"))
        # "~" filters from 2.36; before, they match nothing
        self.assertEqual(
            {wanted, second}, set(self.listed("name~=sn_with", "2.36"))
        )
        self.assertEqual([second], self.listed("cidr~=/13", "2.36"))
        self.assertEqual([], self.listed("name~=sn_with", "2.35"))
        self.assertEqual([], self.listed("nothing=at-all"))

    def test_bad_column_values_refuse_the_create(self) -> None:
        for values, message in (
            ({"created_at": "yesterday"}, "Could not create share network."),
            (
                {"segmentation_id": "abc"},
                "Could not create share network subnet.",
            ),
            (
                {"network_type": "x" * 33},
                "Could not create share network subnet.",
            ),
        ):
            result = self.call(
                "POST",
                "/v2/share-networks",
                user="admin",
                version="2.0",
                json={"share_network": values},
            )
            self.assertEqual(message, self.fault(result, 400, "badRequest"))
        self.assertEqual([], self.listed("all_tenants=1"))

    def test_bad_date_filter(self) -> None:
        result = self.call(
            "GET", "/v2/share-networks?created_since=2002-13-01", user="admin"
        )
        self.assertEqual(
            "2002-13-01 is not in yyyy-mm-dd format.",
            self.fault(result, 400, "badRequest"),
        )


class TestPublicSharesOfAnotherProject(FidelityTestCase):
    """share/api.py get() lets anyone see a public share; update and
    delete then fail their wrap_check_policy (PolicyNotAuthorized)."""

    def test_update_and_delete_are_403(self) -> None:
        share_id = self.create_share(user="admin", is_public=True)
        self.assertEqual(
            200, self.call("GET", f"/v2/shares/{share_id}").status_code
        )
        result = self.call(
            "PUT",
            f"/v2/shares/{share_id}",
            json={"share": {"display_name": "mine"}},
        )
        self.assertEqual(
            "Policy doesn't allow share:update to be performed.",
            self.fault(result, 403, "forbidden"),
        )
        result = self.call("DELETE", f"/v2/shares/{share_id}")
        self.assertEqual(
            "Policy doesn't allow share:delete to be performed.",
            self.fault(result, 403, "forbidden"),
        )
        shown = self.call("GET", f"/v2/shares/{share_id}").json["share"]
        self.assertEqual("s1", shown["name"])
        self.assertEqual("available", shown["status"])

    def test_private_share_of_another_project_stays_404(self) -> None:
        share_id = self.create_share(user="admin")
        for method, body in (
            ("PUT", {"share": {"display_name": "mine"}}),
            ("DELETE", None),
        ):
            result = self.call(method, f"/v2/shares/{share_id}", json=body)
            self.assertEqual(
                "The resource could not be found.",
                self.fault(result, 404, "itemNotFound"),
            )
