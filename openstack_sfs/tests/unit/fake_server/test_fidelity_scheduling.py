"""Scheduling and share creation against Manila 23.0.1.

The capabilities filter as manila/scheduler/filters/capabilities.py and
scheduler/utils.py read share type extra specs, the ``same_host`` and
``different_host`` hints (manila/share/api.py save_scheduler_hints and
scheduler/filters/affinity.py), share type availability zones
(api/v2/shares.py, share/share_types.py) and create-time validation.
"""

from __future__ import annotations

from typing import Any

import falcon.testing

from fake_server import config
from fake_server.app import build_app
from fake_server.cloud import Cloud
from openstack_sfs.tests.unit.fake_server.test_fidelity import (
    MISSING,
    FidelityTestCase,
)


class SchedulingCase(FidelityTestCase):
    def share_type(self, name: str, **specs: Any) -> str:
        extra = {"driver_handles_share_servers": "False", **specs}
        result = self.call(
            "POST",
            "/v2/types",
            "admin",
            json={"share_type": {"name": name, "extra_specs": extra}},
        )
        self.assertEqual(200, result.status_code, result.text)
        return str(result.json["share_type"]["id"])

    def post_share(self, version: str = "2.99", **body: Any) -> Any:
        share = {"share_proto": "NFS", "size": 1, **body}
        return self.call(
            "POST", "/v2/shares", "demo", version, json={"share": share}
        )

    def settled(self, share_id: str) -> dict[str, Any]:
        self.cloud.bus.advance(100)
        result = self.call("GET", f"/v2/shares/{share_id}", "admin")
        self.assertEqual(200, result.status_code, result.text)
        return dict(result.json["share"])

    def scheduled(self, version: str = "2.99", **body: Any) -> dict[str, Any]:
        result = self.post_share(version, **body)
        self.assertEqual(200, result.status_code, result.text)
        return self.settled(result.json["share"]["id"])

    def metadata(self, share_id: str) -> dict[str, Any]:
        result = self.call("GET", f"/v2/shares/{share_id}/metadata")
        self.assertEqual(200, result.status_code, result.text)
        return dict(result.json["metadata"])

    def message_detail(self, share_id: str) -> str:
        result = self.call("GET", f"/v2/messages?resource_id={share_id}")
        self.assertEqual(200, result.status_code, result.text)
        return str(result.json["messages"][0]["detail_id"])


class TestCapabilitiesFilter(SchedulingCase):
    """scheduler/filters/capabilities.py, utils.capabilities_satisfied."""

    def test_a_spec_no_pool_reports_fails_every_pool(self) -> None:
        type_id = self.share_type("odd", fancy_feature="<is> True")
        share = self.scheduled(share_type=type_id)
        self.assertEqual("error", share["status"])
        self.assertIsNone(share["host"])
        # 008: "No storage could be allocated for this share request,
        # Capabilities filter didn't succeed."
        self.assertEqual("008", self.message_detail(share["id"]))

    def test_storage_protocol_nfs_cifs_matches_the_dummy_backends(
        self,
    ) -> None:
        # tempest's share types ask capability_storage_protocol, NFS_CIFS
        type_id = self.share_type("both", storage_protocol="NFS_CIFS")
        for proto in ("NFS", "CIFS"):
            share = self.scheduled(share_type=type_id, share_proto=proto)
            self.assertEqual("available", share["status"], proto)
        # a type asking only "NFS" does not match "NFS_CIFS" in Manila
        nfs_only = self.share_type("nfs", storage_protocol="NFS")
        share = self.scheduled(share_type=nfs_only)
        self.assertEqual("error", share["status"])

    def test_share_backend_name_and_scoped_capabilities(self) -> None:
        beta = self.share_type(
            "beta",
            share_backend_name="BETA",
            **{
                "capabilities:snapshot_support": "<is> True",
                "provisioning:max_share_size": "10",
                "vendor:anything": "ignored",
            },
        )
        share = self.scheduled(share_type=beta)
        self.assertEqual("available", share["status"])
        self.assertIn("@beta#", share["host"])

    def test_qos_default_type_needs_a_pool_with_qos_support(self) -> None:
        result = self.call(
            "POST",
            "/v2/qos-types",
            "admin",
            json={"qos_type": {"name": "gold", "specs": {"iops": "100"}}},
        )
        self.assertEqual(200, result.status_code, result.text)
        type_id = self.share_type("qos", default_qos_type="gold")
        share = self.scheduled(share_type=type_id)
        # the dummy driver reports qos_type_support = True
        self.assertEqual("available", share["status"])


class TestSchedulerHints(SchedulingCase):
    """share/api.py save_scheduler_hints and filters/affinity.py."""

    def test_same_host_lands_on_the_pool_and_is_kept_as_metadata(
        self,
    ) -> None:
        first = self.scheduled()
        second = self.scheduled(scheduler_hints={"same_host": first["id"]})
        self.assertEqual("available", second["status"])
        self.assertEqual(first["host"], second["host"])
        self.assertEqual(
            second["id"], self.metadata(first["id"])["__affinity_same_host"]
        )
        self.assertEqual(
            first["id"], self.metadata(second["id"])["__affinity_same_host"]
        )
        third = self.scheduled(scheduler_hints={"same_host": first["id"]})
        self.assertEqual(
            f"{second['id']},{third['id']}",
            self.metadata(first["id"])["__affinity_same_host"],
        )
        # deleting a share takes it out of the other side's metadata
        result = self.call("DELETE", f"/v2/shares/{second['id']}")
        self.assertEqual(202, result.status_code, result.text)
        self.assertEqual(
            third["id"], self.metadata(first["id"])["__affinity_same_host"]
        )

    def test_different_host_avoids_the_pool(self) -> None:
        first = self.scheduled()
        other = self.scheduled(scheduler_hints={"different_host": first["id"]})
        self.assertEqual("available", other["status"])
        self.assertNotEqual(first["host"], other["host"])
        self.assertEqual(
            first["id"],
            self.metadata(other["id"])["__affinity_different_host"],
        )

    def test_both_hints_on_one_share_leave_no_pool(self) -> None:
        first = self.scheduled()
        share = self.scheduled(
            scheduler_hints={
                "same_host": first["id"],
                "different_host": first["id"],
            }
        )
        self.assertEqual("error", share["status"])

    def test_unknown_or_malformed_share_ids(self) -> None:
        result = self.post_share(scheduler_hints={"same_host": MISSING})
        self.assertEqual(
            f"Share {MISSING} could not be found.",
            self.fault(result, 404, "itemNotFound"),
        )
        result = self.post_share(scheduler_hints={"different_host": "nope"})
        self.assertEqual(
            "nope is not a valid uuid.",
            self.fault(result, 400, "badRequest"),
        )
        # another project's share is not found either
        theirs = self.call(
            "POST",
            "/v2/shares",
            "alt_demo",
            json={"share": {"share_proto": "NFS", "size": 1}},
        ).json["share"]["id"]
        result = self.post_share(scheduler_hints={"same_host": theirs})
        self.fault(result, 404, "itemNotFound")
        # nothing was created by the refused requests
        listed = self.call("GET", "/v2/shares").json["shares"]
        self.assertEqual([], listed)

    def test_hints_are_ignored_below_2_65(self) -> None:
        result = self.post_share("2.64", scheduler_hints={"same_host": "x"})
        self.assertEqual(200, result.status_code, result.text)
        share = self.settled(result.json["share"]["id"])
        self.assertEqual("available", share["status"])
        self.assertNotIn("__affinity_same_host", self.metadata(share["id"]))


class TestCreateValidation(SchedulingCase):
    """api/v2/shares.py _create and share/api.py create."""

    def test_unknown_zone_is_404_before_the_network_check(self) -> None:
        # a DHSS True type without a share network would be a 400, but
        # the API looks the zone up first
        result = self.post_share(share_type="dhss_true", availability_zone="x")
        self.assertEqual(
            "Availability zone x could not be found.",
            self.fault(result, 404, "itemNotFound"),
        )
        result = self.post_share(share_type="dhss_true")
        self.fault(result, 400, "badRequest")

    def test_only_host_names_a_pool(self) -> None:
        # scheduler/filters/host.py compares host_state.host, a pool
        result = self.call(
            "POST",
            "/v2/shares",
            "admin",
            json={
                "share": {
                    "share_proto": "NFS",
                    "size": 1,
                    "scheduler_hints": {"only_host": "fakehost@beta#slow"},
                }
            },
        )
        self.assertEqual(200, result.status_code, result.text)
        share = self.settled(result.json["share"]["id"])
        self.assertEqual("fakehost@beta#slow", share["host"])
        result = self.call(
            "POST",
            "/v2/shares",
            "admin",
            json={
                "share": {
                    "share_proto": "NFS",
                    "size": 1,
                    "scheduler_hints": {"only_host": "fakehost@beta"},
                }
            },
        )
        self.assertEqual(200, result.status_code, result.text)
        share = self.settled(result.json["share"]["id"])
        self.assertEqual("error", share["status"])

    def test_size_outside_the_type_limits_is_400(self) -> None:
        type_id = self.share_type(
            "sized",
            **{
                "provisioning:min_share_size": "2",
                "provisioning:max_share_size": "5",
            },
        )
        result = self.post_share(share_type=type_id, size=1)
        self.assertEqual(
            "Invalid input received: Specified share size of '1' is less "
            "than the minimum required size of '2' for share type "
            "'sized'.",
            self.fault(result, 400, "badRequest"),
        )
        result = self.post_share(share_type=type_id, size=6)
        self.assertEqual(
            "Invalid input received: Specified share size of '6' is "
            "greater than the maximum allowable size of '5' for share "
            "type 'sized'.",
            self.fault(result, 400, "badRequest"),
        )
        share = self.scheduled(share_type=type_id, size=5)
        self.assertEqual("available", share["status"])

    def test_missing_default_qos_type_is_400(self) -> None:
        type_id = self.share_type("noqos", default_qos_type="missing")
        result = self.post_share(share_type=type_id)
        self.assertEqual(
            "The 'default_qos_type' specified in the share type noqos "
            "does not exist.",
            self.fault(result, 400, "badRequest"),
        )

    def test_unset_snapshot_capabilities_are_false(self) -> None:
        type_id = self.share_type("bare")
        share = self.scheduled(share_type=type_id)
        for key in (
            "snapshot_support",
            "create_share_from_snapshot_support",
            "revert_to_snapshot_support",
            "mount_snapshot_support",
        ):
            self.assertIs(False, share[key], key)

    def test_share_from_snapshot_answers_creating(self) -> None:
        share_id = self.create_share()
        result = self.call(
            "POST",
            "/v2/snapshots",
            json={"snapshot": {"share_id": share_id}},
        )
        self.assertEqual(202, result.status_code, result.text)
        snapshot_id = result.json["snapshot"]["id"]
        self.cloud.bus.advance(100)
        result = self.post_share(snapshot_id=snapshot_id)
        self.assertEqual(200, result.status_code, result.text)
        self.assertEqual("creating", result.json["share"]["status"])
        self.assertEqual(
            "available", self.settled(result.json["share"]["id"])["status"]
        )


class ZonesCase(SchedulingCase):
    """A cloud whose back ends are in zones nova, az2 and az3."""

    def setUp(self) -> None:
        super().setUp()
        data = {
            "server": {"progression": "manual"},
            "backends": [
                {"name": "alpha", "pools": [{"name": "p"}]},
                {
                    "name": "beta",
                    "availability_zone": "az2",
                    "pools": [{"name": "p"}],
                },
                {
                    "name": "delta",
                    "availability_zone": "az3",
                    "pools": [{"name": "p"}],
                },
            ],
        }
        self.cloud = Cloud(config.from_dict(data))
        self.addCleanup(self.cloud.close)
        self.client = falcon.testing.TestClient(build_app(self.cloud))
        self.tokens = {
            user: self.token(user) for user in ("demo", "admin", "alt_demo")
        }


class TestTypeAvailabilityZones(ZonesCase):
    """share_types.get_all_types and api/v2/shares.py (2.48)."""

    def names(self, zones: str) -> list[str]:
        query = f"extra_specs={{'availability_zones': '{zones}'}}"
        result = self.call("GET", f"/v2/types?{query}", "admin")
        self.assertEqual(200, result.status_code, result.text)
        return sorted(t["name"] for t in result.json["share_types"])

    def test_type_list_filter_by_one_or_several_zones(self) -> None:
        self.share_type("in_nova", availability_zones="nova")
        self.share_type("in_2_3", availability_zones=" az2 , az3")
        everywhere = {"default", "dhss_false", "dhss_true"}
        self.assertEqual(sorted(everywhere | {"in_nova"}), self.names("nova"))
        # the filter is sanitized and split on commas, as the spec is
        self.assertEqual(
            sorted(everywhere | {"in_2_3"}), self.names("az3, az2")
        )
        self.assertEqual(sorted(everywhere), self.names("nova,az2"))

    def test_create_in_a_zone_the_type_does_not_allow(self) -> None:
        type_id = self.share_type("only2", availability_zones="az2")
        result = self.post_share(share_type=type_id, availability_zone="nova")
        self.assertEqual(
            f"Share type {type_id} is not supported within the "
            "availability zone chosen nova.",
            self.fault(result, 400, "badRequest"),
        )
        # without a zone, the scheduler keeps to the type's zones
        share = self.scheduled(share_type="only2")
        self.assertEqual("az2", share["availability_zone"])
        self.assertIn("@beta#", share["host"])

    def test_the_spec_is_ignored_below_2_48(self) -> None:
        self.share_type("only3", availability_zones="az3")
        share = self.scheduled(
            "2.47", share_type="only3", availability_zone="nova"
        )
        self.assertEqual("available", share["status"])
        self.assertEqual("nova", share["availability_zone"])


class TestDummyBackends(SchedulingCase):
    """The default back ends as manila/tests/share/drivers/dummy.py."""

    def test_three_export_locations_one_preferred_one_admin_only(
        self,
    ) -> None:
        share_id = self.create_share()
        path = f"/v2/shares/{share_id}/export_locations"
        mine = self.call("GET", path).json["export_locations"]
        self.assertEqual(
            [("10.0.0.10", True), ("10.0.0.20", False)],
            [(el["path"].partition(":")[0], el["preferred"]) for el in mine],
        )
        # preferred is its own field, not part of the metadata (2.87)
        self.assertEqual([{}, {}], [el["metadata"] for el in mine])
        admin = self.call("GET", path, "admin").json["export_locations"]
        self.assertEqual(
            [
                ("11.0.0.11", True, False),
                ("10.0.0.10", False, True),
                ("10.0.0.20", False, False),
            ],
            [
                (
                    el["path"].partition(":")[0],
                    el["is_admin_only"],
                    el["preferred"],
                )
                for el in admin
            ],
        )
        name = admin[0]["path"].partition(":")[2]
        self.assertEqual(
            "/path/to/fake/share/share_"
            + share_id.replace("-", "_")
            + "_"
            + admin[0]["share_instance_id"].replace("-", "_"),
            name,
        )
        # below 2.9 the share carries them all, the first as
        # export_location, as Manila's view does
        old = self.call("GET", f"/v2/shares/{share_id}", version="2.8")
        shown = old.json["share"]
        self.assertEqual(3, len(shown["export_locations"]))
        self.assertEqual(
            shown["export_locations"][0], shown["export_location"]
        )

    def test_pool_capabilities(self) -> None:
        result = self.call("GET", "/v2/scheduler-stats/pools/detail", "admin")
        self.assertEqual(200, result.status_code, result.text)
        pools = {p["name"]: p["capabilities"] for p in result.json["pools"]}
        caps = pools["fakehost@alpha#fast"]
        for key, value in (
            ("storage_protocol", "NFS_CIFS"),
            ("vendor_name", "Open Source"),
            ("driver_version", "1.0"),
            ("share_backend_name", "ALPHA"),
            ("qos_type_support", True),
            ("snapshot_support", True),
            ("mount_snapshot_support", True),
            ("encryption_support", ["share_server"]),
            ("replication_type", "readable"),
            ("ipv6_support", False),
        ):
            self.assertEqual(value, caps[key], key)
        self.assertTrue(
            pools["fakehost@gamma#pool1"]["driver_handles_share_servers"]
        )
