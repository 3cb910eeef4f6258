"""Fake server share replicas under manual progression.

Create (creating/out_of_sync -> available/out_of_sync -> in_sync),
promote (the share follows the new active replica), resync, resets,
delete and force delete, export locations, metadata, quotas, policies
and microversion / experimental gating.
"""

from __future__ import annotations

from typing import Any

from fake_server.share_api import quotas
from openstack_sfs.tests.unit.fake_server.test_share_actions import (
    EXPERIMENTAL,
    ActionTestCase,
)


class ReplicaTestCase(ActionTestCase):
    """A replicated share (type ``dhss_false``, readable) on alpha."""

    def replica_call(
        self, method: str, path: str, body: Any = None, **kwargs: Any
    ) -> Any:
        return self.call(method, "/share-replicas" + path, body, **kwargs)

    def create_replica(self, **extra: Any) -> dict[str, Any]:
        body = {"share_replica": dict({"share_id": self.sid}, **extra)}
        replica: dict[str, Any] = self.ok(
            self.replica_call("POST", "", body), 202
        )["share_replica"]
        return replica

    def replica_rec(self, replica_id: str) -> dict[str, Any]:
        record: dict[str, Any] = self.cloud.store.get(
            "share_replicas", replica_id
        )
        return record

    def replica_action(self, replica_id: str, body: Any, **kwargs: Any) -> Any:
        return self.replica_call(
            "POST", f"/{replica_id}/action", body, **kwargs
        )

    def available_replica(self) -> dict[str, Any]:
        replica = self.create_replica()
        self.cloud.bus.advance()
        self.assertEqual(
            "in_sync", self.replica_rec(replica["id"])["replica_state"]
        )
        return replica


class TestReplicaCreate(ReplicaTestCase):
    def test_create_walks_states(self) -> None:
        replica = self.create_replica()
        self.assertEqual("creating", replica["status"])
        self.assertEqual("out_of_sync", replica["replica_state"])
        self.assertEqual(self.sid, replica["share_id"])
        self.assertTrue(self.rec()["has_replicas"])
        # scheduler
        self.cloud.bus.advance(steps=1)
        self.assertEqual("creating", self.replica_rec(replica["id"])["status"])
        # share manager on the chosen backend
        self.cloud.bus.advance(steps=1)
        record = self.replica_rec(replica["id"])
        self.assertEqual("available", record["status"])
        self.assertEqual("out_of_sync", record["replica_state"])
        # the periodic replica update
        self.cloud.bus.advance(steps=1)
        record = self.replica_rec(replica["id"])
        self.assertEqual("in_sync", record["replica_state"])
        self.assertNotEqual(self.rec()["host"], record["host"])
        self.assertEqual(
            "replica_domain_store1",
            self.cloud.manager(record["host"]).backend.replication_domain,
        )
        self.assertEqual("nova", record["availability_zone"])

    def test_list_shows_active_and_new(self) -> None:
        replica = self.available_replica()
        rows = self.ok(
            self.replica_call("GET", f"/detail?share_id={self.sid}")
        )["share_replicas"]
        states = {r["id"]: r["replica_state"] for r in rows}
        self.assertEqual(
            {self.rec()["instance_id"]: "active", replica["id"]: "in_sync"},
            states,
        )
        self.assertNotIn("host", rows[0])
        admin_rows = self.ok(
            self.replica_call("GET", "/detail", user="admin")
        )["share_replicas"]
        self.assertIn("host", admin_rows[0])
        self.assertIn("cast_rules_to_readonly", admin_rows[0])
        summary = self.ok(self.replica_call("GET", ""))["share_replicas"]
        self.assertEqual(
            {"id", "share_id", "status", "replica_state"}, set(summary[0])
        )
        # other projects see nothing; unknown share gives an empty list
        self.assertEqual(
            [],
            self.ok(self.replica_call("GET", "", user="alt_demo"))[
                "share_replicas"
            ],
        )
        self.assertEqual(
            [],
            self.ok(self.replica_call("GET", "?share_id=nope"))[
                "share_replicas"
            ],
        )
        self.assertEqual(
            1,
            len(
                self.ok(self.replica_call("GET", "?limit=1"))["share_replicas"]
            ),
        )
        self.assertIn(
            "limit param must be positive",
            self.fault(
                self.replica_call("GET", "?limit=-1"), 400, "badRequest"
            ),
        )

    def test_show_and_isolation(self) -> None:
        replica = self.create_replica()
        shown = self.ok(self.replica_call("GET", f"/{replica['id']}"))
        self.assertEqual(replica["id"], shown["share_replica"]["id"])
        message = self.fault(
            self.replica_call("GET", f"/{replica['id']}", user="alt_demo"),
            404,
            "itemNotFound",
        )
        self.assertEqual(f"Replica {replica['id']} not found.", message)

    def test_metadata_and_hints_on_create(self) -> None:
        replica = self.create_replica(metadata={"k": "v"})
        self.assertEqual({"k": "v"}, replica["metadata"])
        message = self.fault(
            self.replica_call(
                "POST",
                "",
                {
                    "share_replica": {
                        "share_id": self.sid,
                        "scheduler_hints": {"same_host": "x"},
                    }
                },
            ),
            400,
            "badRequest",
        )
        self.assertIn("supports only 'only_host' key", message)

    def test_only_host_hint_pins_the_pool(self) -> None:
        pools = [
            p.name
            for p in self.cloud.pools()
            if p.name.startswith("fakehost@beta")
        ]
        target = pools[-1]
        replica = self.create_replica(scheduler_hints={"only_host": target})
        self.cloud.bus.advance()
        self.assertEqual(target, self.replica_rec(replica["id"])["host"])

    def test_create_errors(self) -> None:
        self.assertEqual(
            "Body does not contain 'share_replica' information.",
            self.fault(
                self.replica_call("POST", "", {"x": 1}), 422, "computeFault"
            ),
        )
        self.assertEqual(
            "Must provide Share ID to add replica.",
            self.fault(
                self.replica_call("POST", "", {"share_replica": {}}),
                400,
                "badRequest",
            ),
        )
        self.assertEqual(
            "No share exists with ID nope.",
            self.fault(
                self.replica_call(
                    "POST", "", {"share_replica": {"share_id": "nope"}}
                ),
                404,
                "itemNotFound",
            ),
        )
        message = self.fault(
            self.replica_call(
                "POST",
                "",
                {
                    "share_replica": {
                        "share_id": self.sid,
                        "share_network_id": "n",
                    }
                },
                version="2.71",
            ),
            400,
            "badRequest",
        )
        self.assertIn("Use 2.72 or greater", message)
        message = self.fault(
            self.replica_call(
                "POST",
                "",
                {
                    "share_replica": {
                        "share_id": self.sid,
                        "availability_zone": "mars",
                    }
                },
            ),
            400,
            "badRequest",
        )
        self.assertEqual("Availability zone mars could not be found.", message)
        self.set_status("extending")
        message = self.fault(
            self.replica_call(
                "POST", "", {"share_replica": {"share_id": self.sid}}
            ),
            400,
            "badRequest",
        )
        self.assertIn(
            "does not have any active replica in available state", message
        )

    def test_not_replicated_share(self) -> None:
        self.cloud.store.update("shares", self.sid, replication_type=None)
        message = self.fault(
            self.replica_call(
                "POST", "", {"share_replica": {"share_id": self.sid}}
            ),
            400,
            "badRequest",
        )
        self.assertEqual(
            f"Replication not supported for share {self.sid}.", message
        )

    def test_no_valid_host(self) -> None:
        for pool in self.cloud.pools():
            if pool.name.startswith("fakehost@beta"):
                self.cloud.managers["fakehost@beta"].stop()
        replica = self.create_replica(
            scheduler_hints={"only_host": "fakehost@nowhere#x"}
        )
        self.cloud.bus.advance()
        record = self.replica_rec(replica["id"])
        self.assertEqual(
            ("error", "error"), (record["status"], record["replica_state"])
        )
        messages = self.cloud.store.select(
            "messages", lambda m: m["resource_id"] == replica["id"]
        )
        self.assertEqual("SHARE_REPLICA", messages[0]["resource_type"])

    def test_driver_failure(self) -> None:
        self.cloud.managers["fakehost@beta"].backend.failures[
            "create_replica"
        ] = 1
        replica = self.create_replica(
            scheduler_hints={"only_host": self.beta_pool()}
        )
        self.cloud.bus.advance()
        record = self.replica_rec(replica["id"])
        self.assertEqual(
            ("error", "error"), (record["status"], record["replica_state"])
        )

    def beta_pool(self) -> str:
        return next(
            p.name
            for p in self.cloud.pools()
            if p.name.startswith("fakehost@beta")
        )

    def test_quota(self) -> None:
        self.assertEqual(
            1,
            quotas.usage(
                self.cloud, self.share["project_id"], "share_replicas"
            ),
        )
        self.available_replica()
        self.assertEqual(
            2,
            quotas.usage(
                self.cloud, self.share["project_id"], "share_replicas"
            ),
        )
        self.assertEqual(
            4,
            quotas.usage(
                self.cloud, self.share["project_id"], "replica_gigabytes"
            ),
        )
        self.ok(
            self.call(
                "PUT",
                f"/quota-sets/{self.share['project_id']}",
                {"quota_set": {"share_replicas": 2}},
                user="admin",
            )
        )
        message = self.fault(
            self.replica_call(
                "POST", "", {"share_replica": {"share_id": self.sid}}
            ),
            413,
            "overLimit",
        )
        self.assertIn("share-replicas is exceeded", message)

    def test_extend_reserves_replica_gigabytes(self) -> None:
        # 2 GiB share with one more replica: 4 GiB of replica_gigabytes;
        # growing to 3 GiB needs 2 more (one per replica)
        self.available_replica()
        self.ok(
            self.call(
                "PUT",
                f"/quota-sets/{self.share['project_id']}",
                {"quota_set": {"replica_gigabytes": 5}},
                user="admin",
            )
        )
        message = self.fault(
            self.act({"extend": {"new_size": 3}}), 413, "overLimit"
        )
        self.assertEqual(
            "ShareReplicaSizeExceedsAvailableQuota: Failed while extending "
            "a share with replication support. There is no available quota "
            "to extend the share and its 2 replicas. Maximum number of "
            "allowed replica_gigabytes is exceeded.",
            message,
        )
        self.assertEqual("available", self.rec()["status"])
        self.ok(
            self.call(
                "PUT",
                f"/quota-sets/{self.share['project_id']}",
                {"quota_set": {"replica_gigabytes": 6}},
                user="admin",
            )
        )
        self.ok(self.act({"extend": {"new_size": 3}}), 202)
        self.assertEqual("extending", self.rec()["status"])

    def test_extend_over_both_quotas_is_the_gigabytes_refusal(self) -> None:
        self.available_replica()
        self.ok(
            self.call(
                "PUT",
                f"/quota-sets/{self.share['project_id']}",
                {"quota_set": {"replica_gigabytes": 4, "gigabytes": 2}},
                user="admin",
            )
        )
        message = self.fault(
            self.act({"extend": {"new_size": 3}}), 403, "forbidden"
        )
        self.assertIn("gigabytes quota", message)

    def test_versions_and_experimental(self) -> None:
        self.fault(
            self.replica_call("GET", "", version="2.10"), 404, "itemNotFound"
        )
        self.fault(
            self.replica_call("GET", "", version="2.55"), 404, "itemNotFound"
        )
        self.ok(
            self.replica_call("GET", "", version="2.55", headers=EXPERIMENTAL)
        )
        self.ok(self.replica_call("GET", "", version="2.56"))
        replica = self.create_replica()
        shown = self.ok(
            self.replica_call("GET", f"/{replica['id']}", version="2.94")
        )["share_replica"]
        self.assertNotIn("metadata", shown)

    def test_share_fields(self) -> None:
        share = self.ok(self.call("GET", f"/shares/{self.sid}"))["share"]
        self.assertEqual("readable", share["replication_type"])
        self.assertFalse(share["has_replicas"])
        self.available_replica()
        share = self.ok(self.call("GET", f"/shares/{self.sid}"))["share"]
        self.assertTrue(share["has_replicas"])


class TestActiveReplicaFollowsTheShare(ReplicaTestCase):
    def test_every_change_of_the_share_reaches_its_active_replica(
        self,
    ) -> None:
        # the active replica is the share's instance: listing replicas
        # while the share is busy, then letting it finish without
        # listing again, must leave no stale status behind
        self.available_replica()
        share = self.rec()
        self.ok(self.act({"extend": {"new_size": 3}}), 202)
        listed = self.ok(
            self.replica_call("GET", f"/detail?share_id={self.sid}")
        )["share_replicas"]
        self.assertIn(
            "extending",
            [r["status"] for r in listed if r["replica_state"] == "active"],
        )
        self.cloud.bus.advance()
        active = self.replica_rec(share["instance_id"])
        self.assertEqual(("available", 3), (active["status"], active["size"]))
        # so access rules can change again
        self.ok(
            self.act(
                {
                    "allow_access": {
                        "access_type": "ip",
                        "access_to": "192.0.2.9",
                    }
                }
            )
        )


class TestReplicaPromote(ReplicaTestCase):
    def test_promote_swaps_the_share(self) -> None:
        replica = self.available_replica()
        old_instance = self.rec()["instance_id"]
        old_host = self.rec()["host"]
        old_paths = [el["path"] for el in self.rec()["export_locations"]]
        result = self.replica_action(replica["id"], {"promote": None})
        body = self.ok(result, 202)["share_replica"]
        self.assertEqual("replication_change", body["status"])
        self.assertEqual("available", self.rec()["status"])
        self.cloud.bus.advance(steps=1)
        share = self.rec()
        self.assertEqual(replica["id"], share["instance_id"])
        self.assertEqual(
            self.replica_rec(replica["id"])["host"], share["host"]
        )
        self.assertNotEqual(old_host, share["host"])
        new_paths = [el["path"] for el in share["export_locations"]]
        self.assertNotEqual(old_paths, new_paths)
        self.assertEqual(
            "active", self.replica_rec(replica["id"])["replica_state"]
        )
        old = self.replica_rec(old_instance)
        self.assertEqual("in_sync", old["replica_state"])
        self.assertTrue(old["cast_rules_to_readonly"])
        # the share's export locations API shows the new active's
        locations = self.ok(
            self.call("GET", f"/shares/{self.sid}/export_locations")
        )["export_locations"]
        # (the user does not see the admin-only one)
        self.assertEqual(
            [
                el["path"]
                for el in share["export_locations"]
                if not el["is_admin_only"]
            ],
            [el["path"] for el in locations],
        )
        # promoting the active one again: 200
        self.ok(self.replica_action(replica["id"], {"promote": None}), 200)

    def test_promote_rules(self) -> None:
        replica = self.create_replica()
        message = self.fault(
            self.replica_action(replica["id"], {"promote": None}),
            400,
            "badRequest",
        )
        self.assertIn("must be in available state to be promoted", message)
        self.cloud.bus.advance(steps=2)  # available, still out_of_sync
        message = self.fault(
            self.replica_action(replica["id"], {"promote": None}),
            403,
            "forbidden",
        )
        self.assertIn("requires administrator privileges", message)
        message = self.fault(
            self.replica_action(
                replica["id"],
                {"promote": {"quiesce_wait_time": "x"}},
                user="admin",
            ),
            400,
            "badRequest",
        )
        self.assertEqual(
            "quiesce_wait_time must be an integer and greater than 0.", message
        )
        self.ok(
            self.replica_action(
                replica["id"],
                {"promote": {"quiesce_wait_time": 5}},
                user="admin",
            ),
            202,
        )

    def test_promote_driver_failure(self) -> None:
        replica = self.available_replica()
        host = self.replica_rec(replica["id"])["host"]
        self.cloud.manager(host).backend.failures["promote_replica"] = 1
        self.ok(self.replica_action(replica["id"], {"promote": None}), 202)
        self.cloud.bus.advance()
        self.assertEqual("error", self.replica_rec(replica["id"])["status"])
        self.assertEqual(replica["id"] != self.rec()["instance_id"], True)


class TestReplicaAdmin(ReplicaTestCase):
    def test_resync(self) -> None:
        replica = self.create_replica()
        self.cloud.bus.advance(steps=2)
        self.cloud.bus.clear()
        self.fault(
            self.replica_action(replica["id"], {"resync": None}),
            403,
            "forbidden",
        )
        self.ok(
            self.replica_action(replica["id"], {"resync": None}, user="admin"),
            202,
        )
        self.cloud.bus.advance()
        self.assertEqual(
            "in_sync", self.replica_rec(replica["id"])["replica_state"]
        )
        active = self.rec()["instance_id"]
        self.ok(
            self.replica_action(active, {"resync": None}, user="admin"), 200
        )

    def test_resets(self) -> None:
        replica = self.available_replica()
        rid = replica["id"]
        self.ok(
            self.replica_action(
                rid, {"reset_status": {"status": "error"}}, user="admin"
            ),
            202,
        )
        self.assertEqual("error", self.replica_rec(rid)["status"])
        self.ok(
            self.replica_action(
                rid,
                {"reset_replica_state": {"replica_state": "out_of_sync"}},
                user="admin",
            ),
            202,
        )
        self.assertEqual("out_of_sync", self.replica_rec(rid)["replica_state"])
        self.assertEqual(
            "Must specify 'status'",
            self.fault(
                self.replica_action(rid, {"reset_status": "x"}, user="admin"),
                400,
                "badRequest",
            ),
        )
        self.assertIn(
            "Invalid state. Valid states:",
            self.fault(
                self.replica_action(
                    rid,
                    {"reset_replica_state": {"replica_state": "bogus"}},
                    user="admin",
                ),
                400,
                "badRequest",
            ),
        )
        active = self.rec()["instance_id"]
        self.assertEqual(
            "Cannot reset replica_state of an active replica",
            self.fault(
                self.replica_action(
                    active,
                    {"reset_replica_state": {"replica_state": "error"}},
                    user="admin",
                ),
                400,
                "badRequest",
            ),
        )
        # reset_status of the active replica is the share's status
        self.ok(
            self.replica_action(
                active, {"reset_status": {"status": "error"}}, user="admin"
            ),
            202,
        )
        self.assertEqual("error", self.rec()["status"])
        self.fault(
            self.replica_action(rid, {"reset_status": {"status": "error"}}),
            403,
            "forbidden",
        )

    def test_delete(self) -> None:
        replica = self.available_replica()
        active = self.rec()["instance_id"]
        message = self.fault(
            self.replica_call("DELETE", f"/{active}"), 400, "badRequest"
        )
        self.assertIn("Cannot delete last active replica", message)
        self.ok(self.replica_call("DELETE", f"/{replica['id']}"), 202)
        self.assertEqual("deleting", self.replica_rec(replica["id"])["status"])
        self.cloud.bus.advance()
        self.assertIsNone(self.replica_rec(replica["id"]))
        self.assertFalse(self.rec()["has_replicas"])

    def test_delete_failure_and_force(self) -> None:
        replica = self.available_replica()
        host = self.replica_rec(replica["id"])["host"]
        self.cloud.manager(host).backend.failures["delete_replica"] = 2
        self.ok(self.replica_call("DELETE", f"/{replica['id']}"), 202)
        self.cloud.bus.advance()
        self.assertEqual(
            "error_deleting", self.replica_rec(replica["id"])["status"]
        )
        self.fault(
            self.replica_action(replica["id"], {"force_delete": None}),
            403,
            "forbidden",
        )
        self.ok(
            self.replica_action(
                replica["id"], {"force_delete": None}, user="admin"
            ),
            202,
        )
        self.cloud.bus.advance()
        self.assertIsNone(self.replica_rec(replica["id"]))


class TestReplicaSubresources(ReplicaTestCase):
    def test_export_locations(self) -> None:
        replica = self.available_replica()
        rows = self.ok(
            self.replica_call("GET", f"/{replica['id']}/export-locations")
        )["export_locations"]
        # the dummy driver's preferred and second one (the admin-only
        # one is not listed to users)
        self.assertEqual(2, len(rows))
        self.assertEqual([True, False], [r["preferred"] for r in rows])
        self.assertEqual("in_sync", rows[0]["replica_state"])
        self.assertEqual("nova", rows[0]["availability_zone"])
        self.assertNotIn("share_instance_id", rows[0])
        shown = self.ok(
            self.replica_call(
                "GET",
                f"/{replica['id']}/export-locations/{rows[0]['id']}",
                user="admin",
            )
        )["export_location"]
        self.assertEqual(replica["id"], shown["share_instance_id"])
        self.assertIn("created_at", shown)
        self.fault(
            self.replica_call(
                "GET", f"/{replica['id']}/export-locations", version="2.46"
            ),
            404,
            "itemNotFound",
        )
        self.assertEqual(
            f"Share replica '{replica['id']}' not found.",
            self.fault(
                self.replica_call(
                    "GET",
                    f"/{replica['id']}/export-locations",
                    user="alt_demo",
                ),
                404,
                "itemNotFound",
            ),
        )
        self.fault(
            self.replica_call(
                "GET", f"/{replica['id']}/export-locations/nope"
            ),
            404,
            "itemNotFound",
        )

    def test_metadata(self) -> None:
        replica = self.create_replica()
        path = f"/{replica['id']}/metadata"
        self.assertEqual(
            {"a": "1"},
            self.ok(self.replica_call("POST", path, {"metadata": {"a": "1"}}))[
                "metadata"
            ],
        )
        self.ok(self.replica_call("POST", path, {"metadata": {"b": "2"}}))
        self.assertEqual(
            {"a": "1", "b": "2"},
            self.ok(self.replica_call("GET", path))["metadata"],
        )
        self.assertEqual(
            {"b": "2"}, self.ok(self.replica_call("GET", path + "/b"))["meta"]
        )
        self.ok(self.replica_call("PUT", path, {"metadata": {"c": "3"}}))
        self.assertEqual(
            {"c": "3"}, self.ok(self.replica_call("GET", path))["metadata"]
        )
        self.ok(self.replica_call("DELETE", path + "/c"))
        self.fault(
            self.replica_call("DELETE", path + "/c"), 404, "itemNotFound"
        )
        self.fault(
            self.replica_call("PUT", path, {"metadata": "x"}),
            400,
            "badRequest",
        )
        self.fault(
            self.replica_call("GET", path, version="2.94"), 404, "itemNotFound"
        )
        self.assertEqual(
            "Share_replica not found.",
            self.fault(
                self.replica_call("GET", path, user="alt_demo"),
                404,
                "itemNotFound",
            ),
        )


class TestReplicasAreShareInstances(ReplicaTestCase):
    """Manila keeps replicas as share instances: share_instances.py and
    share_instance_export_locations.py serve a replica's id too."""

    def test_show_and_export_locations_by_replica_id(self) -> None:
        replica = self.available_replica()
        record = self.replica_rec(replica["id"])
        for version in ("2.46", "2.47", "2.99"):
            shown = self.ok(
                self.call(
                    "GET",
                    f"/share_instances/{replica['id']}",
                    user="admin",
                    version=version,
                )
            )["share_instance"]
            self.assertEqual(replica["id"], shown["id"], version)
            self.assertEqual(self.sid, shown["share_id"])
            self.assertEqual("in_sync", shown["replica_state"])
            self.assertEqual(record["host"], shown["host"])
            locations = self.ok(
                self.call(
                    "GET",
                    f"/share_instances/{replica['id']}/export_locations",
                    user="admin",
                    version=version,
                )
            )["export_locations"]
            self.assertEqual(
                [el["path"] for el in record["export_locations"]],
                [el["path"] for el in locations],
            )
            self.assertTrue(locations)
            one = self.ok(
                self.call(
                    "GET",
                    f"/share_instances/{replica['id']}/export_locations/"
                    f"{locations[0]['id']}",
                    user="admin",
                    version=version,
                )
            )["export_location"]
            self.assertEqual(locations[0]["path"], one["path"])

    def test_lists_hold_the_replicas(self) -> None:
        replica = self.available_replica()
        own = self.rec()["instance_id"]
        of_share = self.ok(
            self.call("GET", f"/shares/{self.sid}/instances", user="admin")
        )["share_instances"]
        self.assertEqual({own, replica["id"]}, {i["id"] for i in of_share})
        listed = self.ok(self.call("GET", "/share_instances", user="admin"))[
            "share_instances"
        ]
        self.assertIn(replica["id"], {i["id"] for i in listed})
        host = self.replica_rec(replica["id"])["host"]
        by_host = self.ok(
            self.call("GET", f"/share_instances?host={host}", user="admin")
        )["share_instances"]
        self.assertIn(replica["id"], {i["id"] for i in by_host})
        self.assertNotIn(own, {i["id"] for i in by_host})

    def test_reset_status_by_replica_id(self) -> None:
        replica = self.available_replica()
        self.ok(
            self.call(
                "POST",
                f"/share_instances/{replica['id']}/action",
                {"reset_status": {"status": "error"}},
                user="admin",
            ),
            202,
        )
        self.assertEqual("error", self.replica_rec(replica["id"])["status"])
        self.assertEqual("available", self.rec()["status"])
