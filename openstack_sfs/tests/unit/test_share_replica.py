"""Tests of ShareReplica, ShareReplicaExportLocation and the replica calls
of the proxy (experimental header below 2.56, version gates)."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_replica

REPLICA_ID = "7d0f3c2a-0000-4000-8000-000000000001"
SHARE_ID = "5c9e1a2b-0000-4000-8000-000000000002"
EL_ID = "3e4f5a6b-0000-4000-8000-000000000003"
PATH = "/share-replicas/" + REPLICA_ID
URL = base.MANILA_URL + PATH
ACTION = PATH + "/action"
MV = "2.95"

EXAMPLE: dict[str, Any] = {
    "id": REPLICA_ID,
    "share_id": SHARE_ID,
    "availability_zone": "nova",
    "created_at": "2025-01-02T03:04:05.000000",
    "status": "available",
    "share_network_id": None,
    "replica_state": "in_sync",
    "updated_at": "2025-01-02T03:04:06.000000",
    "share_server_id": None,
    "host": "fakehost@beta#fast",
    "cast_rules_to_readonly": True,
    "metadata": {"k": "v"},
}


def fault(name: str, code: int, message: str) -> dict[str, Any]:
    """A Manila fault body."""
    return {name: {"code": code, "message": message}}


class TestShareReplicaResource(base.TestCase):
    def test_basics(self) -> None:
        cls = share_replica.ShareReplica
        self.assertEqual("share_replica", cls.resource_key)
        self.assertEqual("share_replicas", cls.resources_key)
        self.assertEqual("/share-replicas", cls.base_path)
        self.assertEqual("2.95", cls._max_microversion)
        self.assertEqual("2.95", cls._metadata_min_microversion)
        self.assertTrue(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)
        self.assertEqual(
            {"share_id": "share_id", "limit": "limit", "offset": "offset"},
            cls._query_mapping._mapping,
        )

    def test_wire_format(self) -> None:
        res = share_replica.ShareReplica(**EXAMPLE)
        self.assertEqual(REPLICA_ID, res.id)
        self.assertEqual(SHARE_ID, res.share_id)
        self.assertEqual("in_sync", res.replica_state)
        self.assertEqual("fakehost@beta#fast", res.host)
        self.assertTrue(res.cast_rules_to_readonly)
        self.assertEqual({"k": "v"}, res.metadata)
        self.assertEqual("nova", res.availability_zone)

    def test_export_location_basics(self) -> None:
        cls = share_replica.ShareReplicaExportLocation
        self.assertEqual(
            "/share-replicas/%(share_replica_id)s/export-locations",
            cls.base_path,
        )
        self.assertEqual("2.95", cls._max_microversion)
        self.assertFalse(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertFalse(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)
        res = cls(
            id=EL_ID,
            path="10.0.0.20:/shares/x",
            preferred=True,
            is_admin_only=False,
            replica_state="active",
            availability_zone="nova",
        )
        self.assertTrue(res.is_preferred)
        self.assertFalse(res.is_admin)
        self.assertEqual("active", res.replica_state)


class TestReplicaCalls(base.TestCase):
    def test_list_detail(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/share-replicas/detail",
            json={"share_replicas": [EXAMPLE]},
        )
        rows = list(self.proxy.share_replicas(share_id=SHARE_ID))
        self.assertEqual([REPLICA_ID], [r.id for r in rows])
        self.assert_request(
            "GET",
            "/share-replicas/detail",
            microversion=MV,
            query={"share_id": [SHARE_ID]},
        )

    def test_list_summary(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/share-replicas",
            json={"share_replicas": [EXAMPLE]},
        )
        rows = list(self.proxy.share_replicas(details=False, limit=2))
        self.assertEqual(1, len(rows))
        self.assert_request(
            "GET", "/share-replicas", microversion=MV, query={"limit": ["2"]}
        )

    def test_list_experimental_below_256(self) -> None:
        self.set_server_max("2.55")
        self.requests_mock.get(
            base.MANILA_URL + "/share-replicas/detail",
            json={"share_replicas": []},
        )
        self.assertEqual([], list(self.proxy.share_replicas()))
        self.assert_request(
            "GET",
            "/share-replicas/detail",
            microversion="2.55",
            experimental=True,
        )

    def test_not_supported_below_211(self) -> None:
        self.set_server_max("2.10")
        error = self.assertRaises(
            exceptions.NotSupported, self.proxy.share_replicas
        )
        self.assertIn("2.11", str(error))
        self.assertRaises(
            exceptions.NotSupported, self.proxy.get_share_replica, REPLICA_ID
        )

    def test_get(self) -> None:
        self.requests_mock.get(URL, json={"share_replica": EXAMPLE})
        res = self.proxy.get_share_replica(REPLICA_ID)
        self.assertEqual("in_sync", res.replica_state)
        self.assert_request("GET", PATH, microversion=MV)

    def test_get_experimental(self) -> None:
        self.set_server_max("2.40")
        self.requests_mock.get(URL, json={"share_replica": EXAMPLE})
        self.proxy.get_share_replica(REPLICA_ID)
        self.assert_request(
            "GET", PATH, microversion="2.40", experimental=True
        )

    def test_get_not_found(self) -> None:
        self.requests_mock.get(
            URL,
            status_code=404,
            json=fault(
                "itemNotFound", 404, f"Replica {REPLICA_ID} not found."
            ),
        )
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_replica,
            REPLICA_ID,
        )
        self.assertIn(f"Replica {REPLICA_ID} not found.", str(error))

    def test_create(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + "/share-replicas",
            status_code=202,
            json={"share_replica": dict(EXAMPLE, status="creating")},
        )
        res = self.proxy.create_share_replica(
            SHARE_ID,
            availability_zone="nova",
            scheduler_hints={"only_host": "fakehost@beta#fast"},
            metadata={"k": "v"},
        )
        self.assertEqual("creating", res.status)
        self.assert_request(
            "POST",
            "/share-replicas",
            microversion=MV,
            json_body={
                "share_replica": {
                    "share_id": SHARE_ID,
                    "availability_zone": "nova",
                    "scheduler_hints": {"only_host": "fakehost@beta#fast"},
                    "metadata": {"k": "v"},
                }
            },
        )

    def test_create_experimental(self) -> None:
        self.set_server_max("2.50")
        self.requests_mock.post(
            base.MANILA_URL + "/share-replicas",
            status_code=202,
            json={"share_replica": EXAMPLE},
        )
        self.proxy.create_share_replica(SHARE_ID)
        self.assert_request(
            "POST",
            "/share-replicas",
            microversion="2.50",
            experimental=True,
            json_body={"share_replica": {"share_id": SHARE_ID}},
        )

    def test_create_gated_fields(self) -> None:
        self.set_server_max("2.66")
        error = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.create_share_replica,
            SHARE_ID,
            scheduler_hints={"only_host": "h@b#p"},
        )
        self.assertIn("2.67", str(error))
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.create_share_replica,
            SHARE_ID,
            share_network_id="net",
        )
        self.assertEqual([], self.api_requests())

    def test_create_bad_request(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + "/share-replicas",
            status_code=400,
            json=fault(
                "badRequest",
                400,
                f"Replication not supported for share {SHARE_ID}.",
            ),
        )
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.create_share_replica,
            SHARE_ID,
        )
        self.assertIn("Replication not supported", str(error))

    def test_delete(self) -> None:
        self.requests_mock.delete(URL, status_code=202)
        self.proxy.delete_share_replica(REPLICA_ID)
        self.assert_request("DELETE", PATH, microversion=MV)

    def test_delete_experimental(self) -> None:
        self.set_server_max("2.55")
        self.requests_mock.delete(URL, status_code=202)
        self.proxy.delete_share_replica(REPLICA_ID)
        self.assert_request(
            "DELETE", PATH, microversion="2.55", experimental=True
        )

    def test_delete_missing(self) -> None:
        self.requests_mock.delete(
            URL,
            status_code=404,
            json=fault("itemNotFound", 404, "No replica exists."),
        )
        self.proxy.delete_share_replica(REPLICA_ID)
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_replica,
            REPLICA_ID,
            ignore_missing=False,
        )

    def test_force_delete(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.delete_share_replica(REPLICA_ID, force=True)
        self.assert_request(
            "POST", ACTION, microversion=MV, json_body={"force_delete": None}
        )

    def test_force_delete_experimental(self) -> None:
        self.set_server_max("2.11")
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.delete_share_replica(REPLICA_ID, force=True)
        self.assert_request(
            "POST",
            ACTION,
            microversion="2.11",
            experimental=True,
            json_body={"force_delete": None},
        )

    def test_promote(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=202,
            json={"share_replica": dict(EXAMPLE, status="replication_change")},
        )
        self.assertTrue(self.proxy.promote_share_replica(REPLICA_ID))
        self.assert_request(
            "POST", ACTION, microversion=MV, json_body={"promote": None}
        )

    def test_promote_already_active(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=200)
        self.assertFalse(self.proxy.promote_share_replica(REPLICA_ID))

    def test_promote_quiesce(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=202,
            json={"share_replica": EXAMPLE},
        )
        self.proxy.promote_share_replica(REPLICA_ID, quiesce_wait_time=30)
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            json_body={"promote": {"quiesce_wait_time": 30}},
        )

    def test_promote_quiesce_not_supported(self) -> None:
        self.set_server_max("2.74")
        error = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.promote_share_replica,
            REPLICA_ID,
            quiesce_wait_time=30,
        )
        self.assertIn("2.75", str(error))

    def test_promote_forbidden(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=403,
            json=fault(
                "forbidden",
                403,
                "Promoting a replica with "
                "'replica_state': out_of_sync requires "
                "administrator privileges.",
            ),
        )
        error = self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.promote_share_replica,
            REPLICA_ID,
        )
        self.assertIn("administrator privileges", str(error))

    def test_resync(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.assertTrue(self.proxy.resync_share_replica(REPLICA_ID))
        self.assert_request(
            "POST", ACTION, microversion=MV, json_body={"resync": None}
        )
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=200)
        self.assertFalse(self.proxy.resync_share_replica(REPLICA_ID))

    def test_reset_status(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.reset_share_replica_status(REPLICA_ID, "error")
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            json_body={"reset_status": {"status": "error"}},
        )

    def test_reset_replica_state(self) -> None:
        self.requests_mock.post(base.MANILA_URL + ACTION, status_code=202)
        self.proxy.reset_share_replica_state(REPLICA_ID, "out_of_sync")
        self.assert_request(
            "POST",
            ACTION,
            microversion=MV,
            json_body={
                "reset_replica_state": {"replica_state": "out_of_sync"}
            },
        )

    def test_reset_bad_request(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + ACTION,
            status_code=400,
            json=fault(
                "badRequest",
                400,
                "Cannot reset replica_state of an active replica",
            ),
        )
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.reset_share_replica_state,
            REPLICA_ID,
            "error",
        )
        self.assertIn("active replica", str(error))


class TestReplicaSubresources(base.TestCase):
    def test_export_locations(self) -> None:
        self.requests_mock.get(
            URL + "/export-locations",
            json={
                "export_locations": [
                    {
                        "id": EL_ID,
                        "path": "p",
                        "preferred": True,
                        "replica_state": "in_sync",
                        "availability_zone": "nova",
                    }
                ]
            },
        )
        rows = list(self.proxy.share_replica_export_locations(REPLICA_ID))
        self.assertEqual(["p"], [r.path for r in rows])
        self.assertEqual("in_sync", rows[0].replica_state)
        self.assert_request("GET", PATH + "/export-locations", microversion=MV)

    def test_export_location_show(self) -> None:
        self.requests_mock.get(
            URL + "/export-locations/" + EL_ID,
            json={
                "export_location": {
                    "id": EL_ID,
                    "path": "p",
                    "created_at": "2025",
                }
            },
        )
        res = self.proxy.get_share_replica_export_location(REPLICA_ID, EL_ID)
        self.assertEqual("2025", res.created_at)
        self.assert_request(
            "GET", PATH + "/export-locations/" + EL_ID, microversion=MV
        )

    def test_export_locations_experimental_and_gate(self) -> None:
        self.set_server_max("2.47")
        self.requests_mock.get(
            URL + "/export-locations", json={"export_locations": []}
        )
        self.assertEqual(
            [], list(self.proxy.share_replica_export_locations(REPLICA_ID))
        )
        self.assert_request(
            "GET",
            PATH + "/export-locations",
            microversion="2.47",
            experimental=True,
        )

    def test_export_locations_not_supported(self) -> None:
        self.set_server_max("2.46")
        error = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.share_replica_export_locations,
            REPLICA_ID,
        )
        self.assertIn("2.47", str(error))

    def test_metadata_calls(self) -> None:
        self.requests_mock.get(
            URL + "/metadata", json={"metadata": {"a": "1"}}
        )
        res = self.proxy.fetch_share_replica_metadata(REPLICA_ID)
        self.assertEqual({"a": "1"}, res.metadata)
        self.assert_request("GET", PATH + "/metadata", microversion=MV)
        self.requests_mock.get(URL + "/metadata/a", json={"meta": {"a": "1"}})
        res = self.proxy.fetch_share_replica_metadata_item(REPLICA_ID, "a")
        self.assertEqual("1", res.metadata["a"])
        self.requests_mock.post(
            URL + "/metadata", json={"metadata": {"b": "2"}}
        )
        self.proxy.set_share_replica_metadata(REPLICA_ID, b="2")
        self.assert_request(
            "POST",
            PATH + "/metadata",
            microversion=MV,
            json_body={"metadata": {"b": "2"}},
        )
        self.requests_mock.put(
            URL + "/metadata", json={"metadata": {"c": "3"}}
        )
        self.proxy.set_share_replica_metadata(REPLICA_ID, replace=True, c="3")
        self.assert_request(
            "PUT",
            PATH + "/metadata",
            microversion=MV,
            json_body={"metadata": {"c": "3"}},
        )
        self.requests_mock.delete(URL + "/metadata/c", status_code=200)
        self.proxy.delete_share_replica_metadata(REPLICA_ID, ["c"])
        self.assert_request("DELETE", PATH + "/metadata/c", microversion=MV)

    def test_metadata_not_supported(self) -> None:
        self.set_server_max("2.94")
        error = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.fetch_share_replica_metadata,
            REPLICA_ID,
        )
        self.assertIn("2.95", str(error))

    def test_metadata_item_missing(self) -> None:
        self.requests_mock.get(
            URL + "/metadata/x",
            status_code=404,
            json=fault(
                "itemNotFound",
                404,
                "MetadataItemNotFound: Metadata item is not found.",
            ),
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.fetch_share_replica_metadata_item,
            REPLICA_ID,
            "x",
        )
