"""The fake's answers against Manila 23.0.1 with the dummy driver, where
the manila-tempest-plugin dummy-no-dhss job found them different.

Each test names the Manila code it mirrors: the dummy driver's manage
of shares, snapshots and share servers
(manila/tests/share/drivers/dummy.py), the share manager's backup steps
(manila/share/manager.py), the export location controller's
microversions (manila/api/v2/share_export_locations.py) and the share
network view (manila/api/views/share_networks.py).
"""

from __future__ import annotations

from typing import Any

from fake_server.fixture import ControlError
from openstack_sfs.tests.functional import base
from openstack_sfs.tests.functional.test_share_servers import (
    GAMMA,
    ServerTestCase,
)
from openstack_sfs.tests.unit.fake_server.test_fidelity_views import (
    TEMPEST_NETWORK,
)

HOST = "fakehost@alpha#fast"


class ShareCase(base.FunctionalTestCase):
    def share(self, **extra: Any) -> Any:
        share = self.sfs.create_share(
            share_protocol=extra.pop("share_protocol", "NFS"),
            size=extra.pop("size", 1),
            availability_zone="nova",
            **extra,
        )
        return self.sfs.wait_for_status(
            share, "available", interval=0.05, wait=base.WAIT
        )

    def wait(self, resource: Any, status: str, proxy: Any = None) -> Any:
        proxy = proxy or self.admin_sfs
        return proxy.wait_for_status(
            resource,
            status,
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )

    def paths(self, share: Any) -> list[str]:
        """The share's export paths a user sees (preferred first)."""
        return [
            el.path
            for el in self.admin_sfs.export_locations(share.id)
            if not el.is_admin
        ]

    def unmanage(self, share: Any) -> None:
        self.admin_sfs.unmanage_share(share)
        self.admin_sfs.wait_for_delete(share, interval=0.05, wait=base.WAIT)

    def manage(self, protocol: str, path: str, host: str = HOST) -> Any:
        return self.admin_sfs.manage_share(
            protocol, path, host, share_type="default"
        )


class TestManageOnlyWhatTheBackendHolds(ShareCase):
    """dummy.py manage_existing / manage_existing_snapshot look the
    export path or provider location up in the driver's private
    storage and raise otherwise; share manager manage_share and
    manage_snapshot then set manage_error (size 0, snapshot size 1)."""

    def test_unknown_export_path_is_manage_error(self) -> None:
        share = self.share()
        path = self.paths(share)[0]
        self.addCleanup(self.sfs.delete_share, share)
        bogus = self.manage("NFS", "10.0.0.10:/invalid-share-export")
        bogus = self.wait(bogus, "manage_error")
        self.assertEqual(0, bogus.size)
        # a manage_error share cannot be deleted, only unmanaged
        result = self.raw(self.admin, "DELETE", f"/shares/{bogus.id}")
        self.assertEqual(403, result.status_code, result.text)
        self.unmanage(bogus)
        # the backend still has the share it created under its own
        # path, but holds nothing unmanaged: managing that path fails
        # too (Manila's API refuses it already as a duplicate)
        self.assertEqual([], self.fake.backend_storage("alpha"))
        result = self.raw(
            self.admin,
            "POST",
            "/shares/manage",
            json={
                "share": {
                    "protocol": "NFS",
                    "export_path": path,
                    "service_host": self.admin_sfs.get_share(share.id).host,
                }
            },
        )
        self.assertEqual(409, result.status_code, result.text)

    def test_unmanaged_share_is_held_and_managed_back_once(self) -> None:
        share = self.share(size=2)
        paths = self.paths(share)
        self.unmanage(share)
        storage = self.fake.backend_storage("alpha")
        self.assertEqual(1, len(storage))
        self.assertEqual(
            ("share", 2), (storage[0]["kind"], storage[0]["size"])
        )
        # another address of the same path finds it (the dummy compares
        # what follows ":/")
        mount = paths[0].split(":/")[-1]
        adopted = self.wait(
            self.manage("NFS", f"10.0.0.20:/{mount}"), "available"
        )
        self.addCleanup(self.sfs.delete_share, adopted.id)
        self.assertEqual(2, adopted.size)
        # it comes back under its new name on the storage
        new_paths = [
            el.path for el in self.admin_sfs.export_locations(adopted.id)
        ]
        self.assertNotIn(paths[0], new_paths)
        self.assertIn(adopted.id.replace("-", "_"), new_paths[0])
        self.assertEqual([], self.fake.backend_storage("alpha"))
        # held storage is taken once: a second manage finds nothing
        again = self.wait(self.manage("NFS", paths[1]), "manage_error")
        self.unmanage(again)

    def test_wrong_protocol_fails_and_keeps_the_storage(self) -> None:
        share = self.share()
        path = self.paths(share)[0]
        self.unmanage(share)
        failed = self.wait(
            self.manage("invalid_protocol", path), "manage_error"
        )
        self.unmanage(failed)
        self.assertEqual(1, len(self.fake.backend_storage("alpha")))
        adopted = self.wait(self.manage("NFS", path), "available")
        self.addCleanup(self.sfs.delete_share, adopted.id)

    def test_held_by_its_own_backend_only(self) -> None:
        share = self.share()
        path = self.paths(share)[0]
        self.unmanage(share)
        other = self.manage("NFS", path, host="fakehost@beta#fast")
        other = self.wait(other, "manage_error")
        self.unmanage(other)
        self.assertEqual([], self.fake.backend_storage("beta"))

    def test_cifs_share_held_by_its_name(self) -> None:
        share = self.share(share_protocol="CIFS")
        path = self.paths(share)[0]
        self.assertTrue(path.startswith("\\\\"), path)
        self.unmanage(share)
        name = path.rsplit("\\", 1)[-1]
        adopted = self.wait(
            self.manage("CIFS", f"\\\\10.0.0.20\\{name}"), "available"
        )
        self.addCleanup(self.sfs.delete_share, adopted.id)

    def test_snapshot_unknown_provider_location_is_manage_error(
        self,
    ) -> None:
        share = self.share()
        self.addCleanup(self.sfs.delete_share, share)
        snapshot = self.wait(
            self.sfs.create_share_snapshot(share_id=share.id), "available"
        )
        location = self.admin_sfs.get_share_snapshot(
            snapshot.id
        ).provider_location
        self.admin_sfs.unmanage_share_snapshot(snapshot)
        self.admin_sfs.wait_for_delete(snapshot, interval=0.05, wait=base.WAIT)
        self.assertEqual(
            [{"kind": "snapshot", "provider_location": location, "size": 1}],
            self.fake.backend_storage("alpha"),
        )
        bogus = self.admin_sfs.manage_share_snapshot(
            share, "invalid_provider_location"
        )
        bogus = self.wait(bogus, "manage_error")
        self.assertEqual(1, bogus.size)
        self.admin_sfs.unmanage_share_snapshot(bogus)
        self.admin_sfs.wait_for_delete(bogus, interval=0.05, wait=base.WAIT)
        adopted = self.wait(
            self.admin_sfs.manage_share_snapshot(share, location), "available"
        )
        self.assertEqual(location, adopted.provider_location)
        self.assertEqual([], self.fake.backend_storage("alpha"))
        # a managed snapshot is the managing admin's (as in Manila)
        self.admin_sfs.delete_share_snapshot(adopted)
        self.admin_sfs.wait_for_delete(adopted, interval=0.05, wait=base.WAIT)


class TestPlantedStorage(ShareCase):
    """No Manila equivalent: the control API puts storage on a backend
    so that data from before Manila can be managed."""

    def test_planted_share_and_snapshot_are_managed(self) -> None:
        planted = self.fake.plant_share(
            "alpha", "10.0.0.10:/shares/legacy", size=3
        )
        self.assertEqual(
            {
                "kind": "share",
                "export_path": "10.0.0.10:/shares/legacy",
                "size": 3,
            },
            planted,
        )
        share = self.wait(
            self.manage("NFS", "10.0.0.10:/shares/legacy"), "available"
        )
        self.addCleanup(self.sfs.delete_share, share.id)
        self.assertEqual(3, share.size)
        self.fake.plant_snapshot("alpha", "/snapshots/legacy", size=2)
        snapshot = self.wait(
            self.admin_sfs.manage_share_snapshot(share, "/snapshots/legacy"),
            "available",
        )
        self.assertEqual(2, snapshot.size)
        self.admin_sfs.delete_share_snapshot(snapshot)
        self.admin_sfs.wait_for_delete(snapshot, interval=0.05, wait=base.WAIT)

    def test_bad_plant_requests(self) -> None:
        for backend, body, status in (
            ("nope", {"export_path": "h:/x"}, 404),
            ("alpha", {}, 400),
            ("alpha", {"export_path": "h:/x", "provider_location": "y"}, 400),
            ("alpha", {"export_path": ""}, 400),
            ("alpha", {"export_path": 5}, 400),
            ("alpha", {"export_path": "h:/x", "size": 0}, 400),
            ("alpha", {"export_path": "h:/x", "size": True}, 400),
            ("alpha", {"export_path": "h:/x", "colour": 1}, 400),
        ):
            error = self.assertRaises(
                ControlError,
                self.fake.control,
                "POST",
                f"backends/{backend}/storage",
                body,
            )
            self.assertEqual(status, error.status_code, str(body))
        self.assertEqual([], self.fake.backend_storage("alpha"))

    def test_demo_token_is_refused(self) -> None:
        token = self.conn.session.get_token()
        result = self.conn.session.request(
            f"{self.fake.base_url}/_fake/backends/alpha/storage",
            "GET",
            headers={"X-Auth-Token": token},
            raise_exc=False,
        )
        self.assertEqual(403, result.status_code, result.text)


class TestBackupContinue(ShareCase):
    """share manager create_backup leaves the backup creating and the
    share backup_creating until the periodic create_backup_continue
    (every driver_backup_continue_update_interval seconds) finds the
    dummy driver's progress at 100; share/api.py create_share_backup
    refuses a share that is not available."""

    fake_config = {"server": {"progression": "manual"}}

    def backup(self, share_id: str) -> Any:
        return self.raw(
            self.conn,
            "POST",
            "/share-backups",
            headers={"X-OpenStack-Manila-API-Experimental": "True"},
            json={"share_backup": {"share_id": share_id}},
        )

    def status(self, path: str, key: str) -> str:
        result = self.raw(
            self.conn,
            "GET",
            path,
            headers={"X-OpenStack-Manila-API-Experimental": "True"},
        )
        return str(result.json()[key]["status"])

    def test_second_backup_refused_while_backup_creating(self) -> None:
        share = self.sfs.create_share(share_protocol="NFS", size=1)
        self.fake.advance()
        first = self.backup(share.id)
        self.assertEqual(202, first.status_code, first.text)
        backup_id = first.json()["share_backup"]["id"]
        self.fake.advance(steps=1)  # the driver's create_backup ran
        self.assertEqual(
            "backup_creating", self.status(f"/shares/{share.id}", "share")
        )
        second = self.backup(share.id)
        self.assertEqual(400, second.status_code, second.text)
        self.assertEqual(
            f"Share {share.id} is in 'backup_creating' state, but it must "
            "be in 'available' state to create a backup.",
            second.json()["badRequest"]["message"],
        )
        # the periodic step comes a second later (the default interval)
        self.fake.advance(seconds=0.5)
        path = f"/share-backups/{backup_id}"
        self.assertEqual("creating", self.status(path, "share_backup"))
        self.fake.advance(seconds=0.6)
        self.assertEqual("available", self.status(path, "share_backup"))
        self.assertEqual(
            "available", self.status(f"/shares/{share.id}", "share")
        )

    def test_restore_waits_for_its_periodic_step(self) -> None:
        share = self.sfs.create_share(share_protocol="NFS", size=1)
        self.fake.advance()
        backup_id = self.backup(share.id).json()["share_backup"]["id"]
        self.fake.advance()
        result = self.raw(
            self.conn,
            "POST",
            f"/share-backups/{backup_id}/action",
            headers={"X-OpenStack-Manila-API-Experimental": "True"},
            json={"restore": None},
        )
        self.assertEqual(202, result.status_code, result.text)
        self.fake.advance(steps=1)
        self.assertEqual(
            "backup_restoring", self.status(f"/shares/{share.id}", "share")
        )
        self.fake.advance(seconds=1.1)
        self.assertEqual(
            "available", self.status(f"/shares/{share.id}", "share")
        )

    def test_interval_is_a_setting(self) -> None:
        config = self.fake.control("GET", "config")
        self.assertEqual(1.0, config["driver_backup_continue_update_interval"])
        self.fake.control(
            "PUT", "config", {"driver_backup_continue_update_interval": 0}
        )
        share = self.sfs.create_share(share_protocol="NFS", size=1)
        self.fake.advance()
        self.backup(share.id)
        self.fake.advance(steps=2)  # create_backup, then continue at once
        self.assertEqual(
            "available", self.status(f"/shares/{share.id}", "share")
        )
        error = self.assertRaises(
            ControlError,
            self.fake.control,
            "PUT",
            "config",
            {"driver_backup_continue_update_interval": -1},
        )
        self.assertEqual(400, error.status_code)


class TestReplicaExportLocations(ShareCase):
    """share_export_locations.py: before 2.47 the list (and show) covers
    every instance of the share but migration destinations; from 2.47
    secondary replicas (replica state not active) are left out.
    Non-admins never see admin-only locations."""

    def test_secondary_replica_locations_until_2_46(self) -> None:
        share = self.share(share_type="default")
        replica = self.sfs.create_share_replica(share)
        for _ in range(600):
            replica = self.sfs.get_share_replica(replica)
            if replica.status == "available":
                break
            self.fake.wait_idle(0.05)
        self.addCleanup(self._drop, share.id, replica.id)
        path = f"/shares/{share.id}/export_locations"
        old = self.raw(self.conn, "GET", path, microversion="2.46").json()
        new = self.raw(self.conn, "GET", path, microversion="2.47").json()
        admin_old = self.raw(self.admin, "GET", path, microversion="2.46")
        self.assertEqual(4, len(old["export_locations"]))
        self.assertEqual(2, len(new["export_locations"]))
        rows = admin_old.json()["export_locations"]
        self.assertEqual(6, len(rows))
        replica_ids = {
            r.id for r in self.admin_sfs.share_replicas(share_id=share.id)
        }
        self.assertEqual(2, len(replica_ids))
        self.assertEqual(replica_ids, {r["share_instance_id"] for r in rows})
        self.assertEqual(2, sum(r["is_admin_only"] for r in rows))
        # a secondary replica's location is shown before 2.47 only
        secondary = next(
            r
            for r in rows
            if r["share_instance_id"] == replica.id and not r["is_admin_only"]
        )
        one = f"{path}/{secondary['id']}"
        shown = self.raw(self.conn, "GET", one, microversion="2.46")
        self.assertEqual(200, shown.status_code, shown.text)
        hidden = self.raw(self.conn, "GET", one, microversion="2.47")
        self.assertEqual(404, hidden.status_code, hidden.text)

    def _drop(self, share_id: str, replica_id: str) -> None:
        self.admin_sfs.delete_share_replica(replica_id, force=True)
        self.fake.wait_idle()
        self.admin_sfs.delete_share(share_id)
        self.fake.wait_idle()


class TestShareNetworkView(base.FunctionalTestCase):
    """api/v2/share_networks.py create hands the whole body to the share
    network and its subnet; add_security_service changes only the
    association table, so updated_at stays as it was; the 2.0 view shows
    the default subnet's fields (network_type and segmentation_id to
    admins only)."""

    # Manila's standalone network plugin (the dummy jobs' devstack has
    # no Neutron): any Neutron ids are accepted
    fake_config = {"server": {"neutron": False}}

    def test_body_fields_kept_and_updated_at_untouched(self) -> None:
        data = dict(TEMPEST_NETWORK)
        created = self.raw(
            self.conn, "POST", "/share-networks", json={"share_network": data}
        )
        self.assertEqual(200, created.status_code, created.text)
        network = created.json()["share_network"]
        service = self.raw(
            self.conn,
            "POST",
            "/security-services",
            json={"security_service": {"type": "ldap"}},
        ).json()["security_service"]
        added = self.raw(
            self.conn,
            "POST",
            f"/share-networks/{network['id']}/action",
            json={
                "add_security_service": {"security_service_id": service["id"]}
            },
        )
        self.assertEqual(200, added.status_code, added.text)
        self.assertIsNone(added.json()["share_network"]["updated_at"])
        path = f"/share-networks/{network['id']}"
        for conn, sensitive in ((self.admin, True), (self.conn, False)):
            shown = self.raw(conn, "GET", path, microversion="2.0").json()[
                "share_network"
            ]
            expected = dict(data, created_at="2002-02-02T00:00:00.000000")
            if not sensitive:
                expected.update(network_type=None, segmentation_id=None)
            self.assertEqual(
                expected, {k: shown[k] for k in expected}, str(sensitive)
            )


class TestShareServerManage(ServerTestCase):
    """dummy.py unmanage_server keeps a server's backend details in its
    private storage, and manage_server (after
    get_share_server_network_info) reads them back; an identifier it
    does not hold fails, and the share manager's manage_share_server
    sets manage_error."""

    def test_unknown_identifier_then_the_held_one(self) -> None:
        network = self.dhss_network()
        share = self.admin_sfs.get_share(self.create_share(network).id)
        server = self.admin_sfs.get_share_server(share.share_server_id)
        path = next(
            el.path
            for el in self.admin_sfs.export_locations(share.id)
            if not el.is_admin
        )
        self.admin_sfs.unmanage_share(share)
        self.admin_sfs.wait_for_delete(share, interval=0.02, wait=base.WAIT)
        self.admin_sfs.unmanage_share_server(server)
        self.wait_gone(server)
        kinds = sorted(r["kind"] for r in self.fake.backend_storage("gamma"))
        self.assertEqual(["share", "share_server"], kinds)
        bogus = self.admin_sfs.manage_share_server(
            GAMMA, network, "invalid_id"
        )
        bogus = self.wait_server(bogus, "manage_error", ["active"])
        self.admin_sfs.unmanage_share_server(bogus)
        self.wait_gone(bogus)
        back = self.admin_sfs.manage_share_server(
            GAMMA, network, server.identifier
        )
        back = self.wait_server(back, "active", ["manage_error"])
        self.assertEqual(server.backend_details, back.backend_details)
        adopted = self.admin_sfs.manage_share(
            "NFS",
            path,
            share.host,
            share_type="dhss_true",
            share_server_id=back.id,
        )
        adopted = self.admin_sfs.wait_for_status(
            adopted, "available", interval=0.02, wait=base.WAIT
        )
        self.assertEqual(back.id, adopted.share_server_id)
        self.assertEqual([], self.fake.backend_storage("gamma"))
        self.admin_sfs.delete_share(adopted)
        self.admin_sfs.wait_for_delete(adopted, interval=0.02, wait=base.WAIT)
        self.admin_sfs.delete_share_server(back)
        self.wait_gone(back)
