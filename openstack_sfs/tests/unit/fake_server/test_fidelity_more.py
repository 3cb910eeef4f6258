"""More of the fake server's answers against Manila 23.0.1.

Covers the areas test_fidelity.py leaves out: snapshots, share networks
and subnets, share servers, services, share types, quotas, messages.
Each test names the Manila code it mirrors (manila/api/...).
"""

from __future__ import annotations

from typing import Any

from openstack_sfs.tests.unit.fake_server.test_fidelity import (
    MISSING,
    FidelityTestCase,
)

#: manila/api/validation/parameter_types.py ``boolean`` enum, as
#: jsonschema prints it
BOOLEAN_ENUM = (
    "[True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', "
    "'yes', 'y', 't', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', "
    "'off', 'NO', 'No', 'no', 'n', 'f']"
)
#: oslo.utils strutils.bool_from_string(strict=True)'s list
OSLO_ACCEPTABLE = (
    "'0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'"
)


class SnapshotCase(FidelityTestCase):
    def create_snapshot(self, share_id: str, user: str = "demo") -> str:
        result = self.call(
            "POST",
            "/v2/snapshots",
            user,
            json={"snapshot": {"share_id": share_id, "name": "snap"}},
        )
        self.assertEqual(202, result.status_code, result.text)
        self.cloud.bus.advance(100)
        return str(result.json["snapshot"]["id"])


class TestSnapshotIndexQuerySchema(SnapshotCase):
    """GET /snapshots validates its query with a JSON schema
    (manila/api/schemas/share_snapshots.py index_request_query*)."""

    def bad(self, query: str, version: str = "2.99", user: str = "demo"):
        result = self.call(
            "GET", f"/v2/snapshots?{query}", user, version=version
        )
        return self.fault(result, 400, "badRequest")

    def test_non_negative_integers(self) -> None:
        for name in ("limit", "offset", "size"):
            self.assertEqual(
                f"Invalid input for query parameters {name}. Value: abc. "
                "'abc' does not match '^[0-9]*$'",
                self.bad(f"{name}=abc"),
            )
        self.assertEqual(
            "Invalid input for query parameters limit. Value: -1. "
            "'-1' does not match '^[0-9]*$'",
            self.bad("limit=-1"),
        )

    def test_empty_strings(self) -> None:
        for name in ("name", "status", "share_id", "sort_key"):
            self.assertEqual(
                f"Invalid input for query parameters {name}. Value: . "
                "'' should be non-empty",
                self.bad(f"{name}="),
            )
        # the versioned schemas are shallow copies sharing one properties
        # dict: name~ (2.36) is checked at every version
        self.assertEqual(
            "Invalid input for query parameters name~. Value: . "
            "'' should be non-empty",
            self.bad("name~=", version="2.35"),
        )
        self.assertEqual(
            "Invalid input for query parameters metadata. Value: . "
            "'' should be non-empty",
            self.bad("metadata=", version="2.0"),
        )

    def test_booleans(self) -> None:
        self.assertEqual(
            "Invalid input for query parameters with_count. Value: abc. "
            f"'abc' is not one of {BOOLEAN_ENUM}",
            self.bad("with_count=abc"),
        )
        # with_count (2.79) is checked at every version (shared
        # properties), though only honoured from 2.79
        self.assertEqual(
            "Invalid input for query parameters with_count. Value: abc. "
            f"'abc' is not one of {BOOLEAN_ENUM}",
            self.bad("with_count=abc", version="2.78"),
        )
        result = self.call(
            "GET", "/v2/snapshots?with_count=true", version="2.78"
        )
        self.assertEqual(200, result.status_code)
        self.assertNotIn("count", result.json)
        self.assertEqual(
            "Invalid input for query parameters all_tenants. Value: maybe. "
            f"'maybe' is not one of {BOOLEAN_ENUM}",
            self.bad("all_tenants=maybe", user="admin"),
        )

    def test_repeated_parameter(self) -> None:
        self.assertEqual(
            "Invalid input for query parameters limit. Value: ['1', '2']. "
            "['1', '2'] is too long",
            self.bad("limit=1&limit=2"),
        )

    def test_good_query_lists(self) -> None:
        share_id = self.create_share()
        self.create_snapshot(share_id)
        result = self.call(
            "GET", "/v2/snapshots?limit=1&offset=0&size=1&with_count=yes"
        )
        self.assertEqual(200, result.status_code, result.text)
        self.assertEqual(1, result.json["count"])
        self.assertEqual(1, len(result.json["snapshots"]))


class TestSnapshotDetailQuery(SnapshotCase):
    """GET /snapshots/detail has no schema: api/common.py
    get_pagination_params, utils.get_bool_from_api_params and
    utils.is_all_tenants give the messages."""

    def bad(self, query: str, user: str = "demo") -> str:
        result = self.call("GET", f"/v2/snapshots/detail?{query}", user)
        return self.fault(result, 400, "badRequest")

    def test_pagination_messages(self) -> None:
        self.assertEqual("limit param must be an integer", self.bad("limit=x"))
        self.assertEqual("limit param must be positive", self.bad("limit=-1"))
        self.assertEqual("offset must be an integer", self.bad("offset=x"))
        self.assertEqual("offset must be >= 0", self.bad("offset=-1"))

    def test_with_count_message(self) -> None:
        self.assertEqual(
            "Invalid value abc for with_count. Expecting a boolean.",
            self.bad("with_count=abc"),
        )

    def test_all_tenants_message(self) -> None:
        self.assertEqual(
            "Unrecognized value 'maybe', acceptable "
            f"values are: {OSLO_ACCEPTABLE}",
            self.bad("all_tenants=maybe", "admin"),
        )

    def test_metadata_filter_message(self) -> None:
        self.assertEqual(
            "Invalid value for metadata filter.",
            self.bad("metadata=notadict"),
        )

    def test_deferred_status_filter_is_admin_only(self) -> None:
        # share/api.py _get_all_snapshots:
        # list_snapshots_in_deferred_deletion_states raises for a status
        # filter naming a deferred state
        result = self.call(
            "GET", "/v2/snapshots/detail?status=deferred_deleting"
        )
        self.fault(result, 403, "forbidden")
        result = self.call(
            "GET", "/v2/snapshots?status=deferred_deleting", "admin"
        )
        self.assertEqual(200, result.status_code)


class TestSubnetCreateCheck(FidelityTestCase):
    """share_networks.py share_network_subnet_create_check (2.70, 202)."""

    def network(self, user: str = "demo") -> str:
        result = self.call(
            "POST",
            "/v2/share-networks",
            user,
            json={"share_network": {"name": "n"}},
        )
        self.assertEqual(200, result.status_code, result.text)
        return str(result.json["share_network"]["id"])

    def check(
        self,
        network_id: str,
        body: Any,
        user: str = "demo",
        version: str = "2.99",
    ) -> Any:
        return self.call(
            "POST",
            f"/v2/share-networks/{network_id}/action",
            user,
            version=version,
            json={"share_network_subnet_create_check": body},
        )

    def test_compatible_without_servers(self) -> None:
        network_id = self.network()
        result = self.check(network_id, {})
        self.assertEqual(202, result.status_code, result.text)
        self.assertEqual({"compatible": True}, result.json)
        admin = self.check(network_id, {"reset_operation": True}, "admin")
        self.assertEqual(202, admin.status_code, admin.text)
        self.assertEqual(
            {"compatible": True, "hosts_check_result": {}}, admin.json
        )

    def test_only_from_2_70(self) -> None:
        network_id = self.network()
        result = self.check(network_id, {}, version="2.69")
        self.fault(result, 404, "itemNotFound")

    def test_errors(self) -> None:
        network_id = self.network()
        result = self.call(
            "POST",
            f"/v2/share-networks/{network_id}/action",
            json={"share_network_subnet_create_check": "x"},
        )
        self.assertEqual(
            "Share Network Subnet Create Check is missing from the request "
            "body.",
            self.fault(result, 400, "badRequest"),
        )
        self.assertEqual(
            f"Share network {MISSING} could not be found.",
            self.fault(self.check(MISSING, {}), 404, "itemNotFound"),
        )
        self.assertEqual(
            f"Share network {network_id} could not be found.",
            self.fault(
                self.check(network_id, {}, "alt_demo"), 404, "itemNotFound"
            ),
        )
        self.assertEqual(
            "The provided availability zone nope does not exist.",
            self.fault(
                self.check(network_id, {"availability_zone": "nope"}),
                400,
                "badRequest",
            ),
        )
        self.assertEqual(
            "When creating a new share network subnet you need to specify "
            "both neutron_net_id and neutron_subnet_id or none of them.",
            self.fault(
                self.check(network_id, {"neutron_net_id": "x"}),
                400,
                "badRequest",
            ),
        )
        self.assertEqual(
            "Invalid value maybe for reset_operation. Expecting a boolean.",
            self.fault(
                self.check(network_id, {"reset_operation": "maybe"}),
                400,
                "badRequest",
            ),
        )


class TestRoutesWithoutMethods(FidelityTestCase):
    """Routes Manila maps to a controller method that does not exist
    (wsgi.Resource: AttributeError -> bare HTTPNotFound)."""

    def test_types_detail(self) -> None:
        for path in ("/v2/types/detail", "/v2/share-group-types/detail"):
            result = self.call("GET", path)
            self.assertEqual(
                "The resource could not be found.",
                self.fault(result, 404, "itemNotFound"),
                path,
            )


class TestSnapshotExportLocations(SnapshotCase):
    """share_snapshot_export_locations.py and the snapshot instance one:
    an unknown export location is db's bare exception.NotFound."""

    def test_unknown_export_location(self) -> None:
        snapshot_id = self.create_snapshot(self.create_share())
        result = self.call(
            "GET", f"/v2/snapshots/{snapshot_id}/export-locations/{MISSING}"
        )
        self.assertEqual(
            "NotFound: Resource could not be found.",
            self.fault(result, 404, "itemNotFound"),
        )
        instance = self.call(
            "GET",
            f"/v2/snapshot-instances?snapshot_id={snapshot_id}",
            "admin",
        ).json["snapshot_instances"][0]["id"]
        result = self.call(
            "GET",
            f"/v2/snapshot-instances/{instance}/export-locations/{MISSING}",
            "admin",
        )
        self.assertEqual(
            "NotFound: Resource could not be found.",
            self.fault(result, 404, "itemNotFound"),
        )
        result = self.call(
            "GET", f"/v2/snapshots/{MISSING}/export-locations/{MISSING}"
        )
        self.assertEqual(
            f"Snapshot '{MISSING}' not found.",
            self.fault(result, 404, "itemNotFound"),
        )


class TestAdminActionsMixin(FidelityTestCase):
    """manila/api/openstack/wsgi.py AdminActionsMixin: the policy is
    checked first (Controller.authorize: 403 for non-admins, even for an
    unknown resource), then the body, then the lookup, whose NotFound
    becomes ``HTTPNotFound(e.message)``: the message is webob's detail,
    so the fault shows the generic explanation."""

    ACTIONS: tuple[tuple[str, str, Any, bool], ...] = (
        ("snapshot-instances", "reset_status", {"status": "error"}, False),
        ("share-servers", "reset_status", {"status": "error"}, False),
        ("share-networks", "reset_status", {"status": "error"}, False),
        ("share_instances", "reset_status", {"status": "error"}, False),
        ("share_instances", "force_delete", None, False),
        ("share-replicas", "reset_status", {"status": "error"}, False),
        (
            "share-replicas",
            "reset_replica_state",
            {"replica_state": "error"},
            False,
        ),
        ("share-replicas", "force_delete", None, False),
        ("share-groups", "reset_status", {"status": "error"}, False),
        ("share-groups", "force_delete", None, False),
        ("share-group-snapshots", "reset_status", {"status": "error"}, False),
        ("share-group-snapshots", "force_delete", None, False),
        ("share-backups", "reset_status", {"status": "error"}, True),
        ("share-servers", "reset_task_state", {"task_state": None}, True),
    )

    def test_unknown_resource(self) -> None:
        for path, action, body, experimental in self.ACTIONS:
            headers = (
                {"X-OpenStack-Manila-API-Experimental": "true"}
                if experimental
                else {}
            )
            url = f"/v2/{path}/{MISSING}/action"
            result = self.call(
                "POST", url, "admin", json={action: body}, headers=headers
            )
            self.assertEqual(
                "The resource could not be found.",
                self.fault(result, 404, "itemNotFound"),
                f"{path} {action}",
            )
            result = self.call(
                "POST", url, json={action: body}, headers=headers
            )
            self.fault(result, 403, "forbidden")
