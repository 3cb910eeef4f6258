"""The fake server's answers against Manila 23.0.1 for security services,
share transfers, resource locks, QoS types and share backups.

Each test names the Manila code it mirrors (manila/api/...).
"""

from __future__ import annotations

from typing import Any

from openstack_sfs.tests.unit.fake_server.test_fidelity import (
    MISSING,
    FidelityTestCase,
)
from openstack_sfs.tests.unit.fake_server.test_fidelity_more import (
    OSLO_ACCEPTABLE,
)

SS = "/v2/security-services"
SN = "/v2/share-networks"
T = "/v2/share-transfers"


class SecurityServiceCase(FidelityTestCase):
    def service(self, user: str = "demo", **extra: Any) -> str:
        body = {"type": "ldap", "name": "ss", **extra}
        result = self.call("POST", SS, user, json={"security_service": body})
        self.assertEqual(200, result.status_code, result.text)
        return str(result.json["security_service"]["id"])

    def network(self, user: str = "demo") -> str:
        result = self.call(
            "POST", SN, user, json={"share_network": {"name": "n"}}
        )
        self.assertEqual(200, result.status_code, result.text)
        return str(result.json["share_network"]["id"])

    def net_action(
        self, network_id: str, body: Any, user: str = "demo"
    ) -> Any:
        return self.call("POST", f"{SN}/{network_id}/action", user, json=body)


class TestSecurityServiceList(SecurityServiceCase):
    """manila/api/v2/security_service.py _get_security_services."""

    def test_bad_all_tenants_is_invalid_input(self) -> None:
        # utils.is_all_tenants: InvalidInput(str(err)) takes oslo's text
        # as the whole message
        result = self.call("GET", f"{SS}?all_tenants=maybe", "admin")
        self.assertEqual(
            "Unrecognized value 'maybe', "
            f"acceptable values are: {OSLO_ACCEPTABLE}",
            self.fault(result, 400, "badRequest"),
        )

    def test_pagination_checks_limit_sign_before_offset_sign(self) -> None:
        # common._validate_pagination_query
        result = self.call("GET", f"{SS}?offset=-1&limit=-1")
        self.assertEqual(
            "limit param must be positive",
            self.fault(result, 400, "badRequest"),
        )
        result = self.call("GET", f"{SS}?offset=x&limit=y")
        self.assertEqual(
            "offset param must be an integer",
            self.fault(result, 400, "badRequest"),
        )

    def test_admin_keeps_paging_keys_as_filters(self) -> None:
        # remove_invalid_options leaves every key for admins, so limit
        # and offset also act as (never matching) field filters
        self.service("admin")
        self.service("admin")
        result = self.call("GET", f"{SS}?limit=1", "admin")
        self.assertEqual(200, result.status_code, result.text)
        self.assertEqual([], result.json["security_services"])
        result = self.call("GET", f"{SS}?limit=1")
        self.assertEqual([], result.json["security_services"])
        self.service()
        self.service()
        result = self.call("GET", f"{SS}?limit=1")
        self.assertEqual(1, len(result.json["security_services"]))


class TestSecurityServiceNetworkActions(SecurityServiceCase):
    """manila/api/v2/share_networks.py security service actions and
    share/api.py _share_network_update_initial_checks."""

    def test_inactive_network_message_has_no_prefix(self) -> None:
        # api/common.py check_share_network_is_active raises
        # HTTPBadRequest itself, not InvalidShareNetwork
        network_id = self.network()
        service_id = self.service()
        self.cloud.store.update("share_networks", network_id, status="error")
        result = self.net_action(
            network_id,
            {"add_security_service": {"security_service_id": service_id}},
        )
        self.assertEqual(
            f"The share network {network_id} used isn't in an 'active' "
            "state. Current status is error. The action may be retried "
            "after the share network has changed its state.",
            self.fault(result, 400, "badRequest"),
        )

    def test_update_with_the_same_service_succeeds(self) -> None:
        # db share_network_update_security_service drops the current
        # association and adds the new one: same id is fine
        network_id = self.network()
        service_id = self.service()
        result = self.net_action(
            network_id,
            {"add_security_service": {"security_service_id": service_id}},
        )
        self.assertEqual(200, result.status_code, result.text)
        result = self.net_action(
            network_id,
            {
                "update_security_service": {
                    "current_service_id": service_id,
                    "new_service_id": service_id,
                }
            },
        )
        self.assertEqual(202, result.status_code, result.text)
        self.assertEqual(
            [service_id],
            self.cloud.store.get("share_networks", network_id)[
                "security_services"
            ],
        )

    def test_add_check_view_echoes_the_request(self) -> None:
        # views/share_networks.py build_security_service_update_check
        # reads the request's keys
        network_id = self.network()
        service_id = self.service()
        result = self.net_action(
            network_id,
            {
                "add_security_service_check": {
                    "security_service_id": service_id,
                    "current_service_id": "x",
                }
            },
        )
        self.assertEqual(202, result.status_code, result.text)
        self.assertEqual(
            {
                "operation": "update_security_service",
                "current_security_service": "x",
                "new_security_service": service_id,
            },
            result.json["requested_operation"],
        )


class TransferCase(FidelityTestCase):
    def transfer(self, share_id: str, user: str = "demo") -> dict[str, Any]:
        result = self.call(
            "POST", T, user, json={"transfer": {"share_id": share_id}}
        )
        self.assertEqual(202, result.status_code, result.text)
        return dict(result.json["transfer"])


class TestTransfers(TransferCase):
    """manila/api/v2/share_transfer.py and transfer/api.py."""

    def test_unknown_transfer_is_uncaught_not_found(self) -> None:
        # TransferNotFound reaches the fault wrapper (safe: class name)
        for method in ("GET", "DELETE"):
            result = self.call(method, f"{T}/{MISSING}")
            self.assertEqual(
                f"TransferNotFound: Transfer {MISSING} could not be found.",
                self.fault(result, 404, "itemNotFound"),
            )

    def test_delete_message_keeps_manila_placeholders(self) -> None:
        # transfer/api.py delete builds InvalidShare from the raw template;
        # ManilaException drops the doubled final period
        share_id = self.create_share()
        transfer = self.transfer(share_id)
        self.cloud.store.update("shares", share_id, status="error")
        result = self.call("DELETE", f"{T}/{transfer['id']}")
        self.assertEqual(
            "Invalid share: Transfer %(transfer_id)s: share id "
            "%(share_id)s expected in awaiting_transfer state.",
            self.fault(result, 400, "badRequest"),
        )

    def test_mount_point_name_is_bare_invalid(self) -> None:
        # exception.Invalid's message has no %(reason)s
        share_id = self.create_share()
        project = self.project()
        self.cloud.store.update(
            "shares", share_id, mount_point_name=f"{project}_mnt"
        )
        result = self.call(
            "POST", T, json={"transfer": {"share_id": share_id}}
        )
        self.assertEqual(
            "Unacceptable parameters.",
            self.fault(result, 400, "badRequest"),
        )

    def test_non_string_name_is_a_400_not_a_500(self) -> None:
        # Manila's transfer_name.strip() raises AttributeError (a 500);
        # the fake answers bad input with a 400 and changes nothing
        share_id = self.create_share()
        result = self.call(
            "POST", T, json={"transfer": {"share_id": share_id, "name": 1}}
        )
        self.assertEqual(
            "Transfer name must be a string.",
            self.fault(result, 400, "badRequest"),
        )
        self.assertEqual(
            "available",
            self.cloud.store.get("shares", share_id)["status"],
        )


LOCKS = "/v2/resource-locks"
EXPERIMENTAL = {"X-OpenStack-Manila-API-Experimental": "True"}


class TestResourceLockSchemas(FidelityTestCase):
    """manila/api/schemas/resource_locks.py, checked by
    api/validation/validators.py before the controller runs."""

    def bad_query(self, query: str) -> str:
        result = self.call("GET", f"{LOCKS}?{query}")
        return self.fault(result, 400, "badRequest")

    def test_index_query(self) -> None:
        self.assertEqual(
            "Invalid input for query parameters limit. Value: abc. "
            "'abc' does not match '^[0-9]*$'",
            self.bad_query("limit=abc"),
        )
        self.assertEqual(
            "Invalid input for query parameters resource_id. Value: x. "
            "'x' is not a 'uuid'",
            self.bad_query("resource_id=x"),
        )
        self.assertEqual(
            "Invalid input for query parameters resource_action. Value: "
            "foo. 'foo' is not one of ['delete', 'show', None]",
            self.bad_query("resource_action=foo"),
        )
        self.assertEqual(
            "Invalid input for query parameters created_since. Value: "
            "abc. 'abc' is not a 'date-time'",
            self.bad_query("created_since=abc"),
        )
        self.assertEqual(
            "Invalid input for query parameters lock_context. Value: "
            "abcdefghijk. 'abcdefghijk' is too long",
            self.bad_query("lock_context=abcdefghijk"),
        )
        self.assertTrue(
            self.bad_query("with_count=maybe").startswith(
                "Invalid input for query parameters with_count. Value: "
                "maybe. 'maybe' is not one of [True, "
            )
        )

    def test_create_body(self) -> None:
        def bad(body: Any) -> str:
            result = self.call("POST", LOCKS, json=body)
            return self.fault(result, 400, "badRequest")

        self.assertEqual(
            "'resource_lock' is a required property", bad({"lock": {}})
        )
        self.assertEqual(
            "Invalid input for field/attribute resource_id. Value: x. "
            "'x' is not a 'uuid'",
            bad({"resource_lock": {"resource_id": "x"}}),
        )
        self.assertEqual(
            "Invalid input for field/attribute resource_type. Value: "
            "bucket. 'bucket' is not one of ['share', 'access_rule', None]",
            bad(
                {
                    "resource_lock": {
                        "resource_id": MISSING,
                        "resource_type": "bucket",
                    }
                }
            ),
        )
        self.assertEqual(
            "Invalid input for field/attribute lock_reason. Value: 5. "
            "5 is not of type 'string', 'null'",
            bad({"resource_lock": {"resource_id": MISSING, "lock_reason": 5}}),
        )
        self.assertEqual(
            "Invalid input for field/attribute resource_lock. Value: "
            "{'resource_type': 'share'}. 'resource_id' is a required "
            "property",
            bad({"resource_lock": {"resource_type": "share"}}),
        )
        self.assertEqual(
            "Invalid input for field/attribute resource_lock. Value: "
            f"{{'resource_id': '{MISSING}', 'foo': 1}}. Additional "
            "properties are not allowed ('foo' was unexpected)",
            bad({"resource_lock": {"resource_id": MISSING, "foo": 1}}),
        )

    def test_update_body_checked_before_lookup(self) -> None:
        result = self.call(
            "PUT",
            f"{LOCKS}/{MISSING}",
            json={"resource_lock": {"resource_type": "share"}},
        )
        self.assertEqual(
            "Invalid input for field/attribute resource_lock. Value: "
            "{'resource_type': 'share'}. Additional properties are not "
            "allowed ('resource_type' was unexpected)",
            self.fault(result, 400, "badRequest"),
        )


class TestDoubledPeriods(FidelityTestCase):
    """manila/exception.py ManilaException drops a doubled final period
    (``Invalid share: %(reason)s.`` with a reason ending in '.')."""

    def test_backup_restore_into_unavailable_share(self) -> None:
        share_id = self.create_share()
        result = self.call(
            "POST",
            "/v2/share-backups",
            json={"share_backup": {"share_id": share_id}},
            headers=EXPERIMENTAL,
        )
        self.assertEqual(202, result.status_code, result.text)
        backup_id = result.json["share_backup"]["id"]
        self.cloud.bus.advance(100)
        self.cloud.store.update("shares", share_id, status="error")
        result = self.call(
            "POST",
            f"/v2/share-backups/{backup_id}/action",
            json={"restore": None},
            headers=EXPERIMENTAL,
        )
        self.assertEqual(
            "Invalid share: Share to be restored to must be available.",
            self.fault(result, 400, "badRequest"),
        )
