"""Plays manila-share's ShareManager: one per backend (host@backend).

It calls its driver, moves statuses, writes export locations, applies
access rules and sets up share servers. Work reaches it as casts on the
bus (topic = its host), so each backend runs on its own thread, as
manila-share runs one per backend.
"""

from __future__ import annotations

import datetime
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fake_server import messages
from fake_server.config import BackendConfig
from fake_server.drivers.base import DriverError, NetworkError
from fake_server.drivers.simulated import SimulatedDriver
from fake_server.network import neutron
from fake_server.network import plugin as network_plugin
from fake_server.scheduler import filters
from fake_server.share_api import indexes, network_updates, resource_locks
from fake_server.share_api import networks as networks_api
from fake_server.share_api import shares as shares_api
from fake_server.state import Record, new_id, now

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

LOG = logging.getLogger(__name__)

#: statuses of shares and snapshots their backend has not adopted
_NOT_ADOPTED = frozenset(
    ("manage_starting", "manage_error", "manage_error_unmanage_starting")
)


class ShareManager:
    """The share service of one backend."""

    def __init__(self, cloud: Cloud, backend: BackendConfig) -> None:
        self.cloud = cloud
        self.backend = backend
        self.host = f"{cloud.config.host}@{backend.name}"
        self.availability_zone = (
            backend.availability_zone or cloud.config.storage_availability_zone
        )
        self.driver = SimulatedDriver(self.host, backend, cloud.store)
        self.running = True
        self._stopped_at = time.monotonic()
        self._stopped_wall = now()
        self._lock = threading.Lock()

    # -- service life --------------------------------------------------------

    def last_heartbeat(self) -> float:
        """Monotonic time of the last heartbeat (now while running)."""
        return time.monotonic() if self.running else self._stopped_at

    def heartbeat_time(self) -> str:
        """Wall-clock time of the last heartbeat."""
        return now() if self.running else self._stopped_wall

    def stop(self) -> None:
        """Stop the service: heartbeats stop, so it goes ``down`` after
        ``service_down_time``; it does no driver work, and work cast to it
        waits in its queue (as in Manila's message queue)."""
        self.running = False
        self._stopped_at = time.monotonic()
        self._stopped_wall = now()
        self.cloud.bus.pause(self.host)

    def start(self) -> None:
        """(Re)start the service: heartbeats resume; as Manila's init_host,
        ensure shares runs (if the backend info changed) before the queued
        work."""
        self.running = True
        self.cloud.bus.cast(
            self.host,
            self.ensure_driver_resources,
            False,
            first=True,
        )
        self.cloud.bus.resume(self.host)

    def allocate_from_store(self) -> None:
        """Rebuild the driver's accounting from saved shares and
        snapshots: the space they take and the snapshots it holds
        (shares and snapshots it never adopted are not on it)."""
        for share in self.cloud.store.lookup(
            "shares", indexes.HOST, self.host
        ):
            if share.get("status") in _NOT_ADOPTED:
                continue
            if (share.get("host") or "").partition("#")[0] != self.host:
                continue
            pool = share["host"].partition("#")[2]
            self.driver.allocated.setdefault(pool, {})[share["id"]] = int(
                share.get("size") or 0
            )
            for snapshot in self.cloud.store.lookup(
                "snapshots", indexes.SHARE, share["id"]
            ):
                location = snapshot.get("provider_location")
                if location and snapshot.get("status") not in _NOT_ADOPTED:
                    self.driver.snapshot_locations[snapshot["id"]] = str(
                        location
                    )

    def cast(self, operation: str, fn: Callable[..., Any], *args: Any) -> None:
        """Queue work on this backend's thread, after its configured delay."""
        delay = float(self.backend.delays.get(operation, 0.0))
        self.cloud.bus.cast(self.host, fn, *args, delay=delay)

    def cast_periodic(
        self,
        operation: str,
        interval: float,
        fn: Callable[..., Any],
        *args: Any,
    ) -> None:
        """Queue the next run of one of Manila's periodic steps: after
        ``interval`` seconds, or the backend's delay for ``operation``
        when one is configured."""
        delay = float(self.backend.delays.get(operation, interval))
        self.cloud.bus.cast(self.host, fn, *args, delay=delay)

    # -- helpers --------------------------------------------------------------

    @property
    def store(self) -> Any:
        return self.cloud.store

    def _share(self, share_id: str) -> Record | None:
        return self.store.get("shares", share_id)

    def _set(self, share_id: str, **values: Any) -> None:
        with self.store.lock:
            if self.store.get("shares", share_id) is not None:
                self.store.update("shares", share_id, **values)

    def _server_project(self, server: Record) -> str:
        """The project a share server's ports belong to: its own, else
        its share network's (managed and migrated servers carry only the
        network, as Manila's share server rows do)."""
        project = server.get("project_id")
        if project:
            return str(project)
        return self._network_project(server.get("share_network_id"))

    def _network_project(self, network_id: str | None) -> str:
        """A share network's project ("" if the network is gone)."""
        network = self.store.get("share_networks", network_id or "")
        return str((network or {}).get("project_id") or "")

    def _server_of(self, share: Record) -> Record | None:
        server_id = share.get("share_server_id")
        if not server_id:
            return None
        return self.store.get("share_servers", server_id)

    def write_export_locations(
        self, share_id: str, locations: list[Record]
    ) -> None:
        """Replace a share's export locations, keeping ids of same paths."""
        with self.store.lock:
            share = self.store.get("shares", share_id)
            if share is None:
                return
            old = {el["path"]: el for el in share.get("export_locations", [])}
            stamp = now()
            result = []
            for location in locations:
                previous = old.get(location["path"])
                record = export_location_record(
                    location, share["instance_id"], stamp
                )
                if previous:
                    record["id"] = previous["id"]
                    record["created_at"] = previous["created_at"]
                    merged = dict(
                        previous.get("metadata") or {},
                        **(record.get("metadata") or {}),
                    )
                    if merged:
                        record["metadata"] = merged
                result.append(record)
            # Manila keeps them in their own table: the share's
            # updated_at does not move
            self.store.update(
                "shares",
                share_id,
                export_locations=result,
                updated_at=share.get("updated_at"),
            )

    def _fail_share(
        self, share: Record, status: str, action_id: str, detail_id: str
    ) -> None:
        self._set(share["id"], status=status, progress=None)
        self.cloud.user_message(
            share["project_id"], "SHARE", share["id"], action_id, detail_id
        )

    # -- share servers --------------------------------------------------------

    def _subnets_for(self, share: Record) -> list[Record]:
        """Manila's ``share_network_subnets_get_all_by_availability_zone_id``
        for the share's network and zone (the default subnets when the
        zone has none of its own)."""
        network_id = share.get("share_network_id")
        if not network_id:
            return []
        return networks_api.subnets_in_zone(
            self.cloud, network_id, share.get("availability_zone")
        )

    def server_flags(self) -> Record:
        """What a share server created by this backend supports (Manila's
        manager copies the driver's attributes)."""
        return {
            "security_service_update_support": (
                self.driver.security_service_update_support
            ),
            "network_allocation_update_support": (
                self.driver.network_allocation_update_support
            ),
            "share_replicas_migration_support": (
                self.driver.share_replicas_migration_support
            ),
        }

    def get_or_create_server(self, share: Record) -> Record:
        """An active share server for the share's network subnets.

        As Manila's ``_provide_share_server_for_share``: a server of this
        host on the first subnet of the share's zone is reused (a server
        has every subnet of its zone); else a new one is set up on all of
        them.
        """
        subnets = self._subnets_for(share)
        if not subnets:
            raise DriverError("No share network subnet for this share.")
        subnet = subnets[0]
        for server in self.store.lookup(
            "share_servers", indexes.HOST, self.host
        ):
            if (
                server.get("host") == self.host
                and subnet["id"] in server.get("share_network_subnet_ids", [])
                and server.get("status") == "active"
            ):
                return server
        server = self.store.insert(
            "share_servers",
            {
                "host": self.host,
                "status": "creating",
                "share_network_id": share["share_network_id"],
                "share_network_subnet_ids": [s["id"] for s in subnets],
                "project_id": share["project_id"],
                "backend_details": {},
                "is_auto_deletable": True,
                "identifier": None,
                "task_state": None,
                "source_share_server_id": None,
                **self.server_flags(),
                "encryption_key_ref": None,
            },
        )
        allocations: list[Record] = []
        try:
            for each in subnets:
                allocations.extend(self.allocate_network(server, each))
            details = self.driver.setup_server(
                subnets, allocations, server["id"]
            )
        except DriverError:
            network_plugin.release(self.store, allocations)
            self.store.update("share_servers", server["id"], status="error")
            raise
        return self.store.update(
            "share_servers",
            server["id"],
            status="active",
            backend_details=details,
            network_allocations=allocations,
            identifier=details.get("server_id") or server["id"],
        )

    # -- in-use share network updates ---------------------------------------

    def _network_servers(self, network_id: str) -> list[Record]:
        """This host's share servers on a share network."""
        return [
            s
            for s in networks_api.servers_of_network(self.cloud, network_id)
            if s.get("host") == self.host
        ]

    def check_update_security_service(
        self,
        network_id: str,
        new_id: str,
        current_id: str | None,
        key: str,
    ) -> None:
        """Manila's ``check_update_share_network_security_service``: ask
        the driver about each of this host's servers, record the answer."""
        new = self.store.get("security_services", new_id) or {}
        current = (
            self.store.get("security_services", current_id)
            if current_id
            else None
        )
        supported = all(
            self.driver.check_update_server_security_service(
                server, new, current
            )
            for server in self._network_servers(network_id)
        )
        network_updates.record_answer(
            self.cloud, network_id, key, self.host, supported
        )

    def update_security_service(
        self, network_id: str, new_id: str, current_id: str | None
    ) -> None:
        """Manila's ``update_share_network_security_service``: each of this
        host's servers takes the service (its backend details keep it);
        a driver failure sets the server ``error`` and, when a service
        was replaced, its shares too."""
        new = self.store.get("security_services", new_id)
        if new is None:
            return
        current = (
            self.store.get("security_services", current_id)
            if current_id
            else None
        )
        data = {
            key: new.get(key)
            for key in (
                "name",
                "ou",
                "default_ad_site",
                "domain",
                "server",
                "dns_ip",
                "user",
                "type",
                "password",
            )
        }
        for server in self._network_servers(network_id):
            details = dict(server.get("backend_details") or {})
            details[f"security_service_{new['type']}"] = json.dumps(data)
            self._set_server(server["id"], backend_details=details)
            try:
                self.driver.update_server_security_service(
                    server, new, current
                )
            except DriverError:
                with self.store.lock:
                    self._set_server(server["id"], status="error")
                    if current is not None:
                        for share in self._server_shares(server["id"]):
                            self._set(
                                share["id"],
                                status="error",
                                access_rules_status="error",
                            )
                continue
            self._set_server(server["id"], status="active")
        network_updates.finish_if_done(self.cloud, network_id)

    def check_update_network_allocations(
        self, network_id: str, zone: str | None, key: str
    ) -> None:
        """Manila's ``check_update_share_server_network_allocations``:
        whether this host's servers of the zone take a new subnet."""
        subnets = networks_api.subnets_in_zone(
            self.cloud, network_id, zone, fallback_to_default=False
        )
        servers = (
            networks_api.servers_of_subnet(self.cloud, subnets[0]["id"])
            if subnets
            else []
        )
        supported = all(
            self.driver.check_update_server_network_allocations(
                server, subnets[0]
            )
            for server in servers
            if server.get("host") == self.host
        )
        network_updates.record_answer(
            self.cloud, network_id, key, self.host, supported
        )

    def update_network_allocations(
        self, network_id: str, subnet_id: str
    ) -> None:
        """Manila's ``update_share_server_network_allocations``: each of
        this host's servers on the new subnet gets addresses there, and
        its shares and snapshots export on them too; on failure the
        server, its shares and their snapshots go to ``error``."""
        subnet = self.store.get("share_network_subnets", subnet_id)
        if subnet is None:
            network_updates.finish_if_done(self.cloud, network_id)
            return
        from fake_server.share_api import replicas as replicas_api

        for server in networks_api.servers_of_subnet(self.cloud, subnet_id):
            if server.get("host") != self.host:
                continue
            shares = self._server_shares(server["id"])
            # Manila's share instances on the server: replicas too
            replicas = {
                replica["id"]: replica
                for replica in self.store.lookup(
                    "share_replicas", indexes.SERVER, server["id"]
                )
            }
            instances = shares + [
                dict(share, instance_id=replica["id"])
                for replica in replicas.values()
                if (share := self._share(replica["share_id"])) is not None
            ]
            snapshots = [
                (snapshot, share)
                for share in shares
                for snapshot in self.store.lookup(
                    "snapshots", indexes.SHARE, share["id"]
                )
            ]
            allocations: list[Record] = []
            try:
                allocations = self.allocate_network(server, subnet)
                update = self.driver.update_server_network_allocations(
                    server, subnet, allocations, instances, snapshots
                )
            except DriverError:
                network_plugin.release(self.store, allocations)
                with self.store.lock:
                    self._set_server(server["id"], status="error")
                    for share in shares:
                        self._set(share["id"], status="error")
                    for replica_id in replicas:
                        replicas_api.update(
                            self.cloud, replica_id, status="error"
                        )
                    for snapshot, _share in snapshots:
                        self._set_snapshot(snapshot["id"], status="error")
                continue
            with self.store.lock:
                current = self._server(server["id"])
                if current is None:
                    network_plugin.release(self.store, allocations)
                    continue
                details = dict(current.get("backend_details") or {})
                details.update(update["server_details"])
                self._set_server(
                    server["id"],
                    backend_details=details,
                    network_allocations=list(
                        current.get("network_allocations") or []
                    )
                    + allocations,
                    status="active",
                )
            for share in shares:
                locations = update["share_updates"].get(
                    share.get("instance_id") or share["id"]
                )
                if locations is not None:
                    self.write_export_locations(share["id"], locations)
            for replica_id, locations in update["share_updates"].items():
                if replica_id in replicas:
                    replicas_api.update(
                        self.cloud,
                        replica_id,
                        export_locations=self._replica_locations(
                            replica_id, locations
                        ),
                    )
            for snapshot, share in snapshots:
                locations = update["snapshot_updates"].get(snapshot["id"])
                if locations:
                    self._set_snapshot(
                        snapshot["id"],
                        export_locations=self._snapshot_els(
                            snapshot, share, locations
                        ),
                    )
        network_updates.finish_if_done(self.cloud, network_id)

    def allocate_network(self, server: Record, subnet: Record) -> list[Record]:
        """Manila's ``allocate_network`` with its Neutron plugin (none with
        the standalone plugin, ``neutron = false``): ports on the share
        network subnet's Neutron subnet, whose details it saves.

        :raises NetworkError: Neutron refused (unknown network or subnet,
            a subnet of another network, no free address).
        """
        if not self.cloud.config.neutron:
            return []
        try:
            allocations = network_plugin.allocate(
                self.store, server, subnet, self._server_project(server)
            )
            network_plugin.validate_segmentation_id(
                self.store.get("share_network_subnets", subnet["id"]) or {}
            )
        except network_plugin.SubnetFull as exc:
            raise NetworkError(str(exc), subnet_full=True) from exc
        except (
            neutron.NetworkException,
            network_plugin.NetworkBadConfiguration,
        ) as exc:
            raise NetworkError(str(exc)) from exc
        return allocations

    # -- create ---------------------------------------------------------------

    def create_share(
        self, share_id: str, candidates: list[str], index: int
    ) -> None:
        """Create a share on ``candidates[index]``; on driver failure try
        the next candidate (on its own backend), else set ``error``."""
        share = self._share(share_id)
        if share is None or share["status"] not in (
            "creating",
            "creating_from_snapshot",
        ):
            return
        pool_name = candidates[index]
        pool = pool_name.partition("#")[2]
        server: Record | None = None
        if share.get("share_network_id") and not (
            self.driver.driver_handles_share_servers
        ):
            self._fail_share(
                share, "error", messages.CREATE, messages.UNEXPECTED_NETWORK
            )
            return
        try:
            if self.driver.driver_handles_share_servers:
                server = self.get_or_create_server(share)
            self._set(
                share_id,
                host=pool_name,
                share_server_id=server["id"] if server else None,
            )
            share = self._share(share_id) or share
            snapshot = None
            if share.get("snapshot_id"):
                snapshot = self.store.get("snapshots", share["snapshot_id"])
            if snapshot is not None:
                locations = self.driver.create_share_from_snapshot(
                    share, snapshot, pool, server
                )
            else:
                locations = self.driver.create_share(share, pool, server)
        except DriverError as exc:
            LOG.info("create of %s on %s failed: %s", share_id, pool_name, exc)
            self._set(share_id, host=None, share_server_id=None)
            if isinstance(exc, NetworkError) and exc.subnet_full:
                # Manila gives up at once, naming the full subnet
                self._fail_share(
                    share, "error", messages.CREATE, messages.SUBNET_FULL
                )
                return
            self._try_next(
                share,
                candidates,
                index,
                server is None and self.driver.driver_handles_share_servers,
            )
            return
        self.write_export_locations(share_id, locations)
        self._set(
            share_id, status="available", progress="100%", launched_at=now()
        )

    def _try_next(
        self,
        share: Record,
        candidates: list[str],
        index: int,
        no_server: bool,
    ) -> None:
        if index + 1 < len(candidates):
            nxt = self.cloud.manager(candidates[index + 1])
            if nxt is not None:
                nxt.cast(
                    "create_share",
                    nxt.create_share,
                    share["id"],
                    candidates,
                    index + 1,
                )
                return
        if no_server:
            detail = messages.NO_SHARE_SERVER
        elif share.get("snapshot_id"):
            detail = messages.DRIVER_FAILED_CREATING_FROM_SNAP
        else:
            detail = messages.UNKNOWN_ERROR
        self._fail_share(share, "error", messages.CREATE, detail)

    # -- delete ---------------------------------------------------------------

    def delete_share(self, share_id: str, force: bool = False) -> None:
        """Delete a share from the driver and the database."""
        share = self._share(share_id)
        if share is None:
            return
        try:
            self.driver.delete_share(share, self._server_of(share))
        except DriverError:
            if not force:
                self._set(share_id, status="error_deleting")
                return
        shares_api.destroy_share(self.cloud, share_id)

    # -- access rules ---------------------------------------------------------

    def update_access(self, share_id: str) -> None:
        """Apply queued rules: queued_to_* -> active / deleted / error."""
        share = self._share(share_id)
        if share is None:
            return
        store = self.store
        with store.lock:
            rules = store.lookup("access_rules", indexes.SHARE, share_id)
            add = [r for r in rules if r["state"] == "queued_to_apply"]
            update = [r for r in rules if r["state"] == "queued_to_update"]
            delete = [r for r in rules if r["state"] == "queued_to_deny"]
            for rules_in, state in (
                (add, "applying"),
                (update, "updating"),
                (delete, "denying"),
            ):
                for rule in rules_in:
                    store.update("access_rules", rule["id"], state=state)
        active = [
            r
            for r in rules
            if r["state"] in ("active", "applying", "updating")
        ]
        result = self.driver.update_access(
            share, active, add + update, delete, self._server_of(share)
        )
        with store.lock:
            for rule in delete:
                store.delete("access_rules", rule["id"])
                resource_locks.drop_access_rule_locks(self.cloud, rule["id"])
            for rule in add + update:
                state = result.get(rule["id"], {}).get("state", "active")
                if store.get("access_rules", rule["id"]) is not None:
                    store.update("access_rules", rule["id"], state=state)
            shares_api.refresh_access_status(self.cloud, share_id)

    # ======== Share actions (extend, shrink, manage, ...) ========

    def extend_share(self, share_id: str, new_size: int) -> None:
        """Grow a share: ``extending`` -> ``available`` (new size), or
        ``extending_error`` and a user message on driver failure."""
        share = self._share(share_id)
        if share is None or share["status"] != "extending":
            return
        try:
            self.driver.extend_share(share, int(new_size))
        except DriverError:
            self._fail_share(
                share,
                "extending_error",
                messages.EXTEND,
                messages.DRIVER_FAILED_EXTEND,
            )
            return
        self._set(share_id, size=int(new_size), status="available")

    def shrink_share(self, share_id: str, new_size: int) -> None:
        """Shrink a share: ``shrinking`` -> ``available`` (new size), or
        ``shrinking_error`` on driver failure."""
        share = self._share(share_id)
        if share is None or share["status"] != "shrinking":
            return
        try:
            self.driver.shrink_share(share, int(new_size))
        except DriverError:
            self._set(share_id, status="shrinking_error")
            return
        self._set(share_id, size=int(new_size), status="available")

    def manage_share(
        self, share_id: str, driver_options: dict[str, Any]
    ) -> None:
        """Adopt a backend share: ``manage_starting`` -> ``available``
        with the driver's size and export locations, or ``manage_error``
        (size 0)."""
        share = self._share(share_id)
        if share is None or share["status"] != "manage_starting":
            return
        with self.store.lock:
            metadata = dict(share.get("metadata") or {})
            metadata["__managed_at"] = str(
                share.get("created_at") or ""
            ).replace("T", " ")
            self._set(share_id, metadata=metadata)
        share_type = (
            self.store.get("share_types", share.get("share_type_id") or "")
            or {}
        )
        dhss = str(
            share_type.get("extra_specs", {}).get(
                "driver_handles_share_servers", ""
            )
        ).lower().replace("<is>", "").strip() in ("true", "1", "yes", "on")
        try:
            if dhss != self.driver.driver_handles_share_servers:
                raise DriverError(
                    "Driver mode of the share is incompatible "
                    "with this backend."
                )
            update = self.driver.manage_existing(share, driver_options)
            if not update.get("size"):
                raise DriverError("Driver cannot calculate share size.")
        except DriverError as exc:
            LOG.info("manage of %s failed: %s", share_id, exc)
            self._set(share_id, status="manage_error", size=0)
            return
        server = self._server_of(share)
        locations = update.get("export_locations") or []
        if server is not None:
            locations = self.driver.export_locations(share, server)
        self.write_export_locations(share_id, locations)
        self._set(
            share_id,
            size=int(update["size"]),
            status="available",
            launched_at=now(),
            availability_zone=self.availability_zone,
        )

    def unmanage_share(self, share_id: str) -> None:
        """Forget a share: its records go; ``unmanage_error`` if the
        driver fails."""
        share = self._share(share_id)
        if share is None or share["status"] not in (
            "unmanage_starting",
            "manage_error_unmanage_starting",
        ):
            return
        try:
            self.driver.unmanage(share)
        except DriverError:
            self._set(share_id, status="unmanage_error")
            return
        shares_api.destroy_share(self.cloud, share_id)
        # the share's server now holds storage Manila no longer knows of:
        # it must be removed by hand, so it is no longer auto-deletable
        # (and its subnets and network cannot be deleted while it lives)
        server_id = share.get("share_server_id")
        with self.store.lock:
            server = self.store.get("share_servers", server_id or "")
            if server is not None and server.get("is_auto_deletable"):
                self.store.update(
                    "share_servers", server["id"], is_auto_deletable=False
                )

    # -- end: share actions --

    # ======== Snapshots ========

    def _snapshot(self, snapshot_id: str) -> Record | None:
        record: Record | None = self.store.get("snapshots", snapshot_id)
        return record

    def _set_snapshot(self, snapshot_id: str, **values: Any) -> None:
        with self.store.lock:
            if self.store.get("snapshots", snapshot_id) is not None:
                self.store.update("snapshots", snapshot_id, **values)

    def _snapshot_els(
        self, snapshot: Record, share: Record, locations: list[Record]
    ) -> list[Record]:
        """Export location records, kept only for mountable shares."""
        if not share.get("mount_snapshot_support"):
            return []
        stamp = now()
        return [
            {
                "id": new_id(),
                "path": el["path"],
                "is_admin_only": bool(el.get("is_admin_only", False)),
                "share_snapshot_instance_id": snapshot.get("instance_id"),
                "created_at": stamp,
                "updated_at": stamp,
            }
            for el in locations
        ]

    def _snapshot_failed(self, snapshot: Record, action_id: str) -> None:
        from fake_server.share_api import snapshots as snapshots_api

        snapshots_api.fail_message(self.cloud, snapshot, action_id)

    def create_snapshot(self, snapshot_id: str) -> None:
        """Take a snapshot on the driver: creating -> available / error."""
        snapshot = self._snapshot(snapshot_id)
        if snapshot is None or snapshot["status"] != "creating":
            return
        share = self._share(snapshot["share_id"])
        try:
            if share is None:
                raise DriverError("The snapshot's share is gone.")
            update = self.driver.create_snapshot(
                snapshot, share, self._server_of(share)
            )
        except DriverError:
            self._set_snapshot(snapshot_id, status="error")
            self._snapshot_failed(snapshot, messages.CREATE)
            return
        self._set_snapshot(
            snapshot_id,
            status="available",
            progress="100%",
            provider_location=update.get("provider_location"),
            export_locations=self._snapshot_els(
                snapshot, share, update.get("export_locations", [])
            ),
        )

    def delete_snapshot(self, snapshot_id: str, force: bool = False) -> None:
        """Delete a snapshot: gone, or ``error_deleting`` on driver
        failure (unless forced)."""
        from fake_server.share_api import snapshots as snapshots_api

        snapshot = self._snapshot(snapshot_id)
        if snapshot is None:
            return
        share = self._share(snapshot["share_id"]) or {}
        server = self._server_of(share) if share else None
        if share.get("mount_snapshot_support"):
            rules = self.store.lookup(
                "snapshot_access_rules", indexes.SNAPSHOT, snapshot_id
            )
            try:
                self.driver.snapshot_update_access(
                    snapshot, share, [], [], rules, server
                )
            except DriverError:
                LOG.info(
                    "could not remove access rules of snapshot %s", snapshot_id
                )
        try:
            self.driver.delete_snapshot(snapshot, server)
        except DriverError:
            self._snapshot_failed(snapshot, messages.DELETE)
            if not force:
                self._set_snapshot(snapshot_id, status="error_deleting")
                return
        snapshots_api.destroy(self.cloud, snapshot_id)

    def revert_to_snapshot(self, snapshot_id: str) -> None:
        """Revert the snapshot's share: share reverting -> available
        (taking the snapshot's size), snapshot restoring -> available;
        on failure the share goes ``reverting_error``."""
        snapshot = self._snapshot(snapshot_id)
        if snapshot is None:
            return
        share = self._share(snapshot["share_id"])
        if share is None:
            self._set_snapshot(snapshot_id, status="available")
            return
        try:
            self.driver.revert_to_snapshot(
                share, snapshot, self._server_of(share)
            )
        except DriverError:
            self._set(share["id"], status="reverting_error")
            self._set_snapshot(snapshot_id, status="available")
            self.cloud.user_message(
                share["project_id"],
                "SHARE",
                share["id"],
                messages.REVERT_TO_SNAPSHOT,
                messages.UNKNOWN_ERROR,
            )
            return
        size = snapshot.get("size") or share["size"]
        with self.store.lock:
            self._set(share["id"], status="available", size=int(size))
            self._set_snapshot(snapshot_id, status="available")

    def manage_snapshot(
        self, snapshot_id: str, driver_options: dict[str, Any]
    ) -> None:
        """Adopt a back-end snapshot: manage_starting -> available, or
        ``manage_error`` (size 1, as Manila sets it)."""
        snapshot = self._snapshot(snapshot_id)
        if snapshot is None or snapshot["status"] != "manage_starting":
            return
        metadata = dict(snapshot.get("metadata") or {})
        metadata["__managed_at"] = snapshot.get("created_at")
        self._set_snapshot(snapshot_id, metadata=metadata)
        share = self._share(snapshot["share_id"])
        try:
            if share is None:
                raise DriverError("The snapshot's share is gone.")
            update = self.driver.manage_existing_snapshot(
                snapshot, share, driver_options
            )
        except DriverError:
            self._set_snapshot(snapshot_id, status="manage_error", size=1)
            return
        self._set_snapshot(
            snapshot_id,
            status="available",
            progress="100%",
            size=int(update.get("size") or share["size"]),
            provider_location=update.get(
                "provider_location", snapshot.get("provider_location")
            ),
            export_locations=self._snapshot_els(
                snapshot, share, update.get("export_locations", [])
            ),
        )

    def unmanage_snapshot(self, snapshot_id: str) -> None:
        """Forget a snapshot: gone, or ``unmanage_error``."""
        from fake_server.share_api import snapshots as snapshots_api

        snapshot = self._snapshot(snapshot_id)
        if snapshot is None:
            return
        try:
            self.driver.unmanage_snapshot(snapshot)
        except DriverError:
            self._set_snapshot(snapshot_id, status="unmanage_error")
            return
        snapshots_api.destroy(self.cloud, snapshot_id)

    def snapshot_update_access(self, snapshot_id: str) -> None:
        """Apply queued snapshot rules: queued_to_apply -> applying ->
        active, queued_to_deny -> denying -> removed; on driver failure
        the transitional rules go ``error``. Re-runs (bounded) while new
        rules got queued meanwhile."""
        store = self.store
        for _ in range(10):
            snapshot = self._snapshot(snapshot_id)
            share = snapshot and self._share(snapshot["share_id"])
            if snapshot is None or share is None:
                return
            with store.lock:
                rules = store.lookup(
                    "snapshot_access_rules", indexes.SNAPSHOT, snapshot_id
                )
                add = [
                    r
                    for r in rules
                    if r["state"] in ("queued_to_apply", "applying")
                ]
                delete = [
                    r
                    for r in rules
                    if r["state"] in ("queued_to_deny", "denying")
                ]
                for rule in add:
                    store.update(
                        "snapshot_access_rules", rule["id"], state="applying"
                    )
                for rule in delete:
                    store.update(
                        "snapshot_access_rules", rule["id"], state="denying"
                    )
            keep = [
                r
                for r in rules
                if r["state"] not in ("queued_to_deny", "denying", "error")
            ]
            try:
                self.driver.snapshot_update_access(
                    snapshot,
                    share,
                    keep,
                    add,
                    delete,
                    self._server_of(share),
                )
            except DriverError:
                with store.lock:
                    for rule in add + delete:
                        if (
                            store.get("snapshot_access_rules", rule["id"])
                            is not None
                        ):
                            store.update(
                                "snapshot_access_rules",
                                rule["id"],
                                state="error",
                            )
                return
            with store.lock:
                for rule in add:
                    if (
                        store.get("snapshot_access_rules", rule["id"])
                        is not None
                    ):
                        store.update(
                            "snapshot_access_rules", rule["id"], state="active"
                        )
                for rule in delete:
                    store.delete("snapshot_access_rules", rule["id"])
                pending = [
                    r
                    for r in store.lookup(
                        "snapshot_access_rules", indexes.SNAPSHOT, snapshot_id
                    )
                    if r["state"] in ("queued_to_apply", "queued_to_deny")
                ]
            if not pending:
                return

    # -- end: snapshots --

    # ======== Share replicas and migration ========

    def _replica(self, replica_id: str) -> Record | None:
        from fake_server.share_api import replicas as replicas_api

        record: Record | None = self.store.get(replicas_api.TABLE, replica_id)
        return record

    def _replica_failed(
        self, replica: Record, action_id: str, **values: Any
    ) -> None:
        from fake_server.share_api import replicas as replicas_api

        replicas_api.update(self.cloud, replica["id"], **values)
        self.cloud.user_message(
            replica["project_id"],
            replicas_api.REPLICA_RESOURCE,
            replica["id"],
            action_id,
            messages.UNKNOWN_ERROR,
        )

    def _replica_locations(
        self, replica_id: str, locations: list[Record]
    ) -> list[Record]:
        stamp = now()
        return [
            export_location_record(el, replica_id, stamp) for el in locations
        ]

    def create_share_replica(self, replica_id: str, pool_name: str) -> None:
        """Create a replica here: ``creating`` -> ``available`` (still
        ``out_of_sync``), then a state update is cast (-> ``in_sync``);
        ``error`` / ``error`` on failure."""
        from fake_server.share_api import replicas as replicas_api

        replica = self._replica(replica_id)
        if replica is None or replica["status"] != "creating":
            return
        share = self._share(replica["share_id"])
        if share is None:
            replicas_api.destroy(self.cloud, replica_id)
            return
        replicas_api.sync(self.cloud, share)
        if replicas_api._active_available(self.cloud, share) is None:
            self._replica_failed(
                replica, messages.CREATE, status="error", replica_state="error"
            )
            return
        network_id = replica.get("share_network_id")
        if bool(network_id) != self.driver.driver_handles_share_servers:
            replicas_api.update(
                self.cloud, replica_id, status="error", replica_state="error"
            )
            self.cloud.user_message(
                replica["project_id"],
                replicas_api.REPLICA_RESOURCE,
                replica_id,
                messages.CREATE,
                messages.UNEXPECTED_NETWORK,
            )
            return
        zone = replica.get("availability_zone") or self.availability_zone
        view = dict(
            share,
            instance_id=replica_id,
            availability_zone=zone,
            share_network_id=network_id,
            host=pool_name,
        )
        server: Record | None = None
        try:
            if network_id:
                server = self.get_or_create_server(view)
            locations = self.driver.create_replica(
                view, pool_name.partition("#")[2], server
            )
        except DriverError:
            self._replica_failed(
                replica,
                messages.CREATE,
                status="error",
                replica_state="error",
                host=pool_name,
                availability_zone=zone,
            )
            return
        replicas_api.update(
            self.cloud,
            replica_id,
            host=pool_name,
            availability_zone=zone,
            share_server_id=server["id"] if server else None,
            export_locations=self._replica_locations(replica_id, locations),
            status="available",
            replica_state="out_of_sync",
            access_rules_status="active",
            progress="100%",
        )
        self.cast(
            "update_share_replica", self.update_share_replica, replica_id
        )

    def update_share_replica(self, replica_id: str) -> None:
        """A replica state update (Manila's periodic task, or ``resync``):
        a non-active, non-busy replica becomes ``in_sync``."""
        from fake_server.share_api import replicas as replicas_api

        replica = self._replica(replica_id)
        if replica is None or replica.get("replica_state") == "active":
            return
        if replica["status"] in shares_api.TRANSITIONAL or replica[
            "status"
        ] in ("error_deleting", "replication_change"):
            return
        actives = [
            r
            for r in replicas_api.replicas_of(self.cloud, replica["share_id"])
            if r.get("replica_state") == "active"
        ]
        if not actives:
            replicas_api.update(self.cloud, replica_id, replica_state="error")
            return
        try:
            state = self.driver.update_replica_state(replica_id)
        except DriverError:
            self._replica_failed(
                replica, "005", status="error", replica_state="error"
            )
            return
        replicas_api.update(self.cloud, replica_id, replica_state=state)

    def delete_share_replica(self, replica_id: str, force: bool) -> None:
        """Delete a replica here; ``error_deleting`` on driver failure
        unless forced."""
        from fake_server.share_api import replicas as replicas_api

        replica = self._replica(replica_id)
        if replica is None:
            return
        try:
            self.driver.delete_replica(replica_id)
        except DriverError:
            self.cloud.user_message(
                replica["project_id"],
                replicas_api.REPLICA_RESOURCE,
                replica_id,
                messages.DELETE,
                messages.UNKNOWN_ERROR,
            )
            if not force:
                replicas_api.update(
                    self.cloud,
                    replica_id,
                    status="error_deleting",
                    replica_state="error",
                )
                return
            self.driver.release(replica_id)
        replicas_api.destroy(self.cloud, replica_id)

    def promote_share_replica(
        self, replica_id: str, quiesce_wait_time: int | None = None
    ) -> None:
        """Promote a replica: it becomes ``active`` and the share mirrors
        it (host, export locations, server, zone); the old active one
        becomes ``in_sync``. On driver failure every replica of the share
        goes ``error``."""
        from fake_server.share_api import replicas as replicas_api

        replica = self._replica(replica_id)
        if replica is None or replica["status"] != "replication_change":
            return
        share = self._share(replica["share_id"])
        if share is None:
            return
        old = replicas_api.sync(self.cloud, share)
        if old is None or old.get("replica_state") != "active":
            replicas_api.update(self.cloud, replica_id, status="available")
            return
        try:
            self.driver.promote_replica(replica_id)
        except DriverError:
            for record in replicas_api.replicas_of(self.cloud, share["id"]):
                self._replica_failed(record, "005", status="error")
            return
        old_manager = self.cloud.manager(old.get("host") or "")
        if old_manager is not None:
            old_manager.driver.rekey(share["id"], old["id"])
        self.driver.rekey(replica_id, share["id"])
        readable = share.get("replication_type") == "readable"
        with self.store.lock:
            self.store.update(
                replicas_api.TABLE,
                old["id"],
                replica_state="in_sync",
                cast_rules_to_readonly=readable,
            )
            promoted = self.store.update(
                replicas_api.TABLE,
                replica_id,
                replica_state="active",
                status="available",
                cast_rules_to_readonly=False,
            )
            self.store.update(
                "shares",
                share["id"],
                instance_id=replica_id,
                host=promoted.get("host"),
                availability_zone=promoted.get("availability_zone"),
                share_server_id=promoted.get("share_server_id"),
                share_network_id=promoted.get("share_network_id"),
                export_locations=[
                    dict(el) for el in promoted.get("export_locations", [])
                ],
                status="available",
            )
            replicas_api.sync(self.cloud, self._share(share["id"]) or share)

    # -- share migration (driver-assisted, two phases) --

    def _migration(self, share_id: str) -> Record | None:
        from fake_server.share_api import migration as migration_api

        return migration_api.record_of(self.cloud, share_id)

    def migration_start(self, share_id: str) -> None:
        """First phase starts: ``migration_in_progress``, a destination
        instance (``migrating_to``), the driver starts copying
        (``migration_driver_in_progress``); host-assisted migrations copy
        through the data service (``data_copying_in_progress``)."""
        from fake_server.share_api import migration as migration_api

        share = self._share(share_id)
        migration = self._migration(share_id)
        if share is None or migration is None:
            return
        self._set(share_id, task_state="migration_in_progress")
        with self.store.lock:
            self.store.update(
                migration_api.TABLE,
                share_id,
                dest_instance_id=new_id(),
                progress=0,
            )
        dest = self.cloud.manager(migration["dest_host"])
        if dest is None:
            migration_api.fail(self.cloud, share_id)
            return
        if migration["force_host_assisted_migration"]:
            self._set(share_id, task_state="data_copying_in_progress")
            self.cast(
                "migration_driver_continue",
                self.migration_driver_continue,
                share_id,
            )
            return
        try:
            self.driver.migration_start(share, migration["dest_host"])
        except DriverError:
            # host-assisted fallback is refused when anything must be
            # preserved; here it is refused always (no data service)
            migration_api.fail(self.cloud, share_id)
            return
        self._set(share_id, task_state="migration_driver_in_progress")
        self.cast(
            "migration_driver_continue",
            self.migration_driver_continue,
            share_id,
        )

    def migration_driver_continue(self, share_id: str) -> None:
        """Manila's periodic ``migration_driver_continue``: copy more;
        at 100% the first phase is done."""
        from fake_server.share_api import migration as migration_api

        share = self._share(share_id)
        migration = self._migration(share_id)
        if share is None or migration is None:
            return
        state = share.get("task_state")
        if state == "data_copying_in_progress":
            progress = min(100, int(migration.get("progress") or 0) + 50)
            done = "data_copying_completed"
        elif state == "migration_driver_in_progress":
            try:
                progress = self.driver.migration_continue(share)
            except DriverError:
                migration_api.fail(self.cloud, share_id)
                return
            done = "migration_driver_phase1_done"
        else:
            return
        with self.store.lock:
            self.store.update(migration_api.TABLE, share_id, progress=progress)
        if progress >= 100:
            self._set(share_id, task_state=done)
            return
        self.cast(
            "migration_driver_continue",
            self.migration_driver_continue,
            share_id,
        )

    def migration_complete(self, share_id: str) -> None:
        """Second phase: the share moves to the destination (new host,
        instance, export locations, type and network) and its task
        state becomes ``migration_success``; ``migration_error`` and
        status ``error`` if the driver fails."""
        from fake_server.share_api import migration as migration_api
        from fake_server.share_api import replicas as replicas_api

        share = self._share(share_id)
        migration = self._migration(share_id)
        if share is None or migration is None:
            return
        if share.get("task_state") not in (
            "migration_driver_phase1_done",
            "data_copying_completed",
        ):
            return
        self._set(share_id, task_state="migration_completing")
        dest = self.cloud.manager(migration["dest_host"])
        pool = migration["dest_host"].partition("#")[2]
        instance_id = migration["dest_instance_id"]
        network_id = migration.get("new_share_network_id")
        view = dict(
            share,
            instance_id=instance_id,
            share_network_id=network_id,
            availability_zone=migration.get("dest_availability_zone"),
        )
        try:
            if dest is None:
                raise DriverError("The destination backend is gone.")
            server = None
            if dest.driver.driver_handles_share_servers:
                server = dest.get_or_create_server(view)
            self.driver.migration_complete(share)
            locations = dest.driver.migration_accept(view, pool, server)
        except DriverError:
            with self.store.lock:
                self.store.delete(migration_api.TABLE, share_id)
                self._set(
                    share_id, status="error", task_state="migration_error"
                )
            return
        new_type = (
            self.store.get("share_types", migration["new_share_type_id"]) or {}
        )
        specs = new_type.get("extra_specs", {})
        with self.store.lock:
            self.store.delete(replicas_api.TABLE, share["instance_id"])
            self.store.delete(migration_api.TABLE, share_id)
            self._set(
                share_id,
                instance_id=instance_id,
                host=migration["dest_host"],
                availability_zone=dest.availability_zone,
                share_network_id=network_id,
                share_server_id=server["id"] if server else None,
                export_locations=[],
            )
            dest.write_export_locations(share_id, locations)
            values: dict[str, Any] = {
                "status": "available",
                "task_state": "migration_success",
            }
            if new_type:
                values.update(
                    share_type_id=new_type["id"],
                    share_type_name=new_type["name"],
                    replication_type=specs.get("replication_type"),
                )
                for key in (
                    "snapshot_support",
                    "create_share_from_snapshot_support",
                    "revert_to_snapshot_support",
                    "mount_snapshot_support",
                ):
                    values[key] = str(specs.get(key, "")).lower().replace(
                        "<is>", ""
                    ).strip() in ("true", "1", "yes", "on")
            self._set(share_id, **values)

    def migration_cancel(self, share_id: str) -> None:
        """Cancel: the destination is dropped, the share is ``available``
        with task state ``migration_cancelled``."""
        from fake_server.share_api import migration as migration_api

        share = self._share(share_id)
        migration = self._migration(share_id)
        if share is None or migration is None:
            return
        if share.get("task_state") not in (
            "data_copying_completed",
            "migration_driver_phase1_done",
            "migration_driver_in_progress",
            "data_copying_in_progress",
        ):
            return
        try:
            self.driver.migration_cancel(share)
        except DriverError:
            self._set(
                share_id, task_state="migration_error", status="available"
            )
            with self.store.lock:
                self.store.delete(migration_api.TABLE, share_id)
            return
        with self.store.lock:
            self.store.delete(migration_api.TABLE, share_id)
            self._set(
                share_id, status="available", task_state="migration_cancelled"
            )

    # -- end: share replicas --

    # ======== Share groups ========

    def _set_group(self, group_id: str, **values: Any) -> None:
        with self.store.lock:
            if self.store.get("share_groups", group_id) is not None:
                self.store.update("share_groups", group_id, **values)

    def _zone_record(self, group: Record) -> Record:
        zone_id = group.get("availability_zone_id")
        for zone in self.store.select("availability_zones"):
            if zone["id"] == zone_id or (
                not zone_id and zone["name"] == self.availability_zone
            ):
                return dict(zone)
        return {"id": zone_id, "name": group.get("availability_zone")}

    def create_share_group(self, group_id: str) -> None:
        """Create a group on the driver: creating -> available (zone and
        consistent snapshot support filled in); shares made from a group
        snapshot go available with export locations. Failures set the
        group (and those shares) ``error``."""
        group = self.store.get("share_groups", group_id)
        if group is None or group["status"] != "creating":
            return
        zone = self._zone_record(group)
        done = {
            "availability_zone_id": zone["id"],
            "availability_zone": zone["name"],
            "consistent_snapshot_support": (
                self.driver.share_group_stats().get(
                    "consistent_snapshot_support"
                )
            ),
        }
        shares = self.store.lookup("shares", indexes.GROUP, group_id)
        network_id = group.get("share_network_id")
        dhss = self.driver.driver_handles_share_servers
        if network_id and not dhss:
            self._set_group(group_id, status="error")
            return
        server = None
        if dhss and group.get("share_server_id"):
            server = self.store.get("share_servers", group["share_server_id"])
        if server is None and network_id:
            try:
                server = self.get_or_create_server(
                    {
                        "share_network_id": network_id,
                        "availability_zone": zone["name"],
                        "project_id": group["project_id"],
                    }
                )
            except DriverError:
                self._set_group(group_id, status="error")
                self.cloud.user_message(
                    group["project_id"],
                    "SHARE_GROUP",
                    group_id,
                    messages.CREATE,
                    messages.NO_SHARE_SERVER,
                )
                return
            self._set_group(group_id, share_server_id=server["id"])
        try:
            if group.get("source_share_group_snapshot_id"):
                updates = (
                    self.driver.create_share_group_from_share_group_snapshot(
                        group, shares, server
                    )
                )
            else:
                self.driver.create_share_group(group, server)
                updates = []
        except DriverError:
            self._set_group(group_id, status="error", **done)
            for share in shares:
                self._set(share["id"], status="error", progress=None)
            return
        for update in updates:
            self.write_export_locations(
                update["id"], update["export_locations"]
            )
        for share in shares:
            self._set(
                share["id"],
                status="available",
                progress="100%",
                launched_at=now(),
            )
        self._set_group(group_id, status="available", **done)

    def delete_share_group(self, group_id: str) -> None:
        """Delete a group on the driver: gone, or ``error``."""
        from fake_server.share_api import share_groups as groups_api

        group = self.store.get("share_groups", group_id)
        if group is None:
            return
        server = self.store.get(
            "share_servers", group.get("share_server_id") or ""
        )
        try:
            self.driver.delete_share_group(group, server)
        except DriverError:
            self._set_group(group_id, status="error")
            return
        groups_api.destroy_group(self.cloud, group_id)

    def _group_snapshot_parts(
        self, snapshot_id: str
    ) -> tuple[Record, list[Record], Record | None] | None:
        from fake_server.share_api import share_groups as groups_api

        snapshot = self.store.get("share_group_snapshots", snapshot_id)
        if snapshot is None:
            return None
        group = self.store.get("share_groups", snapshot["share_group_id"])
        server = self.store.get(
            "share_servers", (group or {}).get("share_server_id") or ""
        )
        return snapshot, groups_api.members_of(self.cloud, snapshot_id), server

    def create_share_group_snapshot(self, snapshot_id: str) -> None:
        """Snapshot a group: snapshot and members creating -> available
        (members get a provider location); the snapshot goes ``error`` on
        driver failure."""
        parts = self._group_snapshot_parts(snapshot_id)
        if parts is None or parts[0]["status"] != "creating":
            return
        snapshot, members, server = parts
        try:
            updates = self.driver.create_share_group_snapshot(
                snapshot, members, server
            )
        except DriverError:
            self.store.update(
                "share_group_snapshots", snapshot_id, status="error"
            )
            return
        locations = {u["id"]: u.get("provider_location") for u in updates}
        with self.store.lock:
            for member in members:
                if (
                    self.store.get(
                        "share_group_snapshot_members", member["id"]
                    )
                    is not None
                ):
                    self.store.update(
                        "share_group_snapshot_members",
                        member["id"],
                        status="available",
                        provider_location=locations.get(member["id"]),
                    )
            if (
                self.store.get("share_group_snapshots", snapshot_id)
                is not None
            ):
                self.store.update(
                    "share_group_snapshots", snapshot_id, status="available"
                )

    def delete_share_group_snapshot(self, snapshot_id: str) -> None:
        """Delete a group snapshot on the driver: gone, or ``error``."""
        from fake_server.share_api import share_groups as groups_api

        parts = self._group_snapshot_parts(snapshot_id)
        if parts is None:
            return
        snapshot, members, server = parts
        try:
            self.driver.delete_share_group_snapshot(snapshot, members, server)
        except DriverError:
            self.store.update(
                "share_group_snapshots", snapshot_id, status="error"
            )
            return
        groups_api.destroy_snapshot(self.cloud, snapshot_id)

    # -- end: share groups --

    # ======== Share backups ========

    def _backup(self, backup_id: str) -> Record | None:
        return self.store.get("share_backups", backup_id)

    def _set_backup(self, backup_id: str, **values: Any) -> None:
        with self.store.lock:
            if self.store.get("share_backups", backup_id) is not None:
                self.store.update("share_backups", backup_id, **values)

    def create_backup(self, backup_id: str) -> None:
        """Start a backup (the driver's ``create_backup``); the backup
        stays ``creating`` and its share ``backup_creating`` until
        :meth:`create_backup_continue` runs. On driver failure the backup
        goes ``error`` and the share back to ``available``."""
        backup = self._backup(backup_id)
        if backup is None or backup["status"] != "creating":
            return
        share = self._share(backup["share_id"])
        try:
            if share is None:
                raise DriverError("The share of the backup is gone.")
            self.driver.create_backup(share, backup)
        except DriverError:
            self._set_backup(backup_id, status="error")
            self._set(backup["share_id"], status="available")
            return
        # Manila finishes a backup in the periodic create_backup_continue
        self.cast_periodic(
            "create_backup_continue",
            self.cloud.config.driver_backup_continue_update_interval,
            self.create_backup_continue,
            backup_id,
        )

    def create_backup_continue(self, backup_id: str) -> None:
        """The periodic step that finds the backup done (the dummy driver's
        ``total_progress`` 100): backup and share ``available``."""
        backup = self._backup(backup_id)
        if backup is None or backup["status"] != "creating":
            return
        self._set_backup(backup_id, status="available", progress="100")
        self._set(backup["share_id"], status="available")

    def delete_backup(self, backup_id: str) -> None:
        """Delete a backup (``deleting`` -> gone, or ``error_deleting``)."""
        backup = self._backup(backup_id)
        if backup is None or backup["status"] != "deleting":
            return
        try:
            self.driver.delete_backup(backup)
        except DriverError:
            self._set_backup(backup_id, status="error_deleting")
            return
        self.store.delete("share_backups", backup_id)

    def restore_backup(self, backup_id: str, share_id: str) -> None:
        """Start a restore of a backup into a share (the driver's
        ``restore_backup``): backup ``restoring`` and share
        ``backup_restoring`` until :meth:`restore_backup_continue` runs;
        on driver failure the share goes ``backup_restoring_error`` and
        the backup ``available``."""
        backup = self._backup(backup_id)
        share = self._share(share_id)
        if backup is None or backup["status"] != "restoring":
            return
        try:
            if share is None:
                raise DriverError("The target share is gone.")
            self.driver.restore_backup(backup, share)
        except DriverError:
            self._set_backup(backup_id, status="available")
            self._set(share_id, status="backup_restoring_error")
            return
        # Manila finishes it in the periodic restore_backup_continue
        self.cast_periodic(
            "restore_backup_continue",
            self.cloud.config.driver_restore_continue_update_interval,
            self.restore_backup_continue,
            backup_id,
            share_id,
        )

    def restore_backup_continue(self, backup_id: str, share_id: str) -> None:
        """The periodic step that finds the restore done (the dummy
        driver's ``total_progress`` 100): backup and share
        ``available``."""
        backup = self._backup(backup_id)
        share = self._share(share_id)
        if backup is None or backup["status"] != "restoring":
            return
        if share is None or share["status"] != "backup_restoring":
            return
        self._set_backup(backup_id, status="available", restore_progress="100")
        self._set(share_id, status="available")

    # -- end: share backups --

    # ======== Share servers ========

    def _server(self, server_id: str) -> Record | None:
        server: Record | None = self.store.get("share_servers", server_id)
        return server

    def _set_server(self, server_id: str, **values: Any) -> None:
        with self.store.lock:
            if self.store.get("share_servers", server_id) is not None:
                self.store.update("share_servers", server_id, **values)

    def _server_shares(self, server_id: str) -> list[Record]:
        shares: list[Record] = self.store.lookup(
            "shares", indexes.SERVER, server_id
        )
        return shares

    def delete_share_server(self, server_id: str) -> None:
        """Manila's ``delete_share_server``: ``deleting``, then teardown.

        A server that got shares meanwhile is left alone (Manila's race
        check raises ShareServerInUse and keeps the status).
        """
        with self.store.lock:
            server = self._server(server_id)
            if server is None or self._server_shares(server_id):
                return
            self.store.update("share_servers", server_id, status="deleting")
        self.cast(
            "teardown_share_server", self.teardown_share_server, server_id
        )

    def teardown_share_server(self, server_id: str) -> None:
        """Tear a ``deleting`` server down on the driver; drop its record
        (``error`` if the driver fails)."""
        server = self._server(server_id)
        if server is None or server["status"] != "deleting":
            return
        try:
            self.driver.teardown_server(server)
        except DriverError:
            self._set_server(server_id, status="error")
            return
        # Manila's deallocate_network: the server's ports go
        network_plugin.release(
            self.store, server.get("network_allocations") or []
        )
        self.store.delete("share_servers", server_id)

    def manage_share_server(
        self, server_id: str, identifier: str, options: dict[str, Any]
    ) -> None:
        """``manage_starting`` -> ``active`` (``manage_error`` on failure
        or on a backend that does not handle share servers)."""
        server = self._server(server_id)
        if server is None or server["status"] != "manage_starting":
            return
        if not self.driver.driver_handles_share_servers:
            self._set_server(server_id, status="manage_error")
            return
        try:
            identifier, details = self.driver.manage_server(
                server, identifier, options
            )
        except DriverError:
            self._set_server(server_id, status="manage_error")
            return
        self._set_server(
            server_id,
            status="active",
            identifier=identifier,
            backend_details=details,
            # Manila's manage_share_server copies these two, not the
            # security service one
            network_allocation_update_support=(
                self.driver.network_allocation_update_support
            ),
            share_replicas_migration_support=(
                self.driver.share_replicas_migration_support
            ),
        )

    def unmanage_share_server(self, server_id: str, force: bool) -> None:
        """``unmanage_starting`` -> gone (``unmanage_error`` on failure,
        unless ``force``)."""
        server = self._server(server_id)
        if server is None or server["status"] != "unmanage_starting":
            return
        try:
            if not self.driver.driver_handles_share_servers:
                raise DriverError("Backend does not handle share servers.")
            self.driver.unmanage_server(server)
        except DriverError:
            if not force:
                self._set_server(server_id, status="unmanage_error")
                return
        self.store.delete("share_servers", server_id)

    def _migration_failed(
        self, src_id: str, dest_id: str | None, share_status: str
    ) -> None:
        with self.store.lock:
            self._set_server(
                src_id, status="active", task_state="migration_error"
            )
            if dest_id is not None:
                self._set_server(
                    dest_id, status="error", task_state="migration_error"
                )
            self._move_server_shares(src_id, share_status)

    def _move_server_shares(self, server_id: str, status: str) -> None:
        for share in self._server_shares(server_id):
            if share["status"] == "server_migrating":
                self.store.update("shares", share["id"], status=status)
                for snapshot in self.store.lookup(
                    "snapshots", indexes.SHARE, share["id"]
                ):
                    if snapshot.get("status") == "server_migrating":
                        self.store.update(
                            "snapshots", snapshot["id"], status="available"
                        )

    def share_server_migration_start(
        self,
        server_id: str,
        dest_host: str,
        new_network_id: str,
        subnet_ids: list[str],
    ) -> None:
        """Source side of phase 1: create the destination server
        (``server_migrating_to``) and let its backend copy."""
        server = self._server(server_id)
        if server is None or server["status"] != "server_migrating":
            return
        self._set_server(server_id, task_state="migration_in_progress")
        dest_manager = self.cloud.manager(dest_host)
        allocations: list[Record] = []
        try:
            if dest_manager is None or not (
                self.driver.driver_handles_share_servers
                and dest_manager.driver.driver_handles_share_servers
            ):
                raise DriverError("Both backends must handle share servers.")
            subnets = [
                subnet
                for subnet in (
                    self.store.get("share_network_subnets", sid)
                    for sid in subnet_ids
                )
                if subnet is not None
            ]
            dest_id = new_id()
            dest_project = self._network_project(
                new_network_id
            ) or self._server_project(server)
            for subnet in subnets:
                allocations.extend(
                    dest_manager.allocate_network(
                        {"id": dest_id, "project_id": dest_project}, subnet
                    )
                )
            details = dest_manager.driver.setup_server(
                subnets, allocations, dest_id
            )
        except DriverError:
            network_plugin.release(self.store, allocations)
            self._migration_failed(server_id, None, "available")
            return
        dest = self.store.insert(
            "share_servers",
            {
                "id": dest_id,
                "network_allocations": allocations,
                "host": dest_manager.host,
                "status": "server_migrating_to",
                "share_network_id": new_network_id,
                "project_id": dest_project,
                "share_network_subnet_ids": list(subnet_ids),
                "backend_details": details,
                "is_auto_deletable": True,
                "identifier": details.get("server_id"),
                "task_state": "migration_in_progress",
                "source_share_server_id": server_id,
                **dest_manager.server_flags(),
                "encryption_key_ref": None,
            },
        )
        try:
            dest_manager.driver.share_server_migration_start(server, dest)
        except DriverError:
            self._migration_failed(server_id, dest["id"], "available")
            return
        self._set_server(server_id, task_state="migration_driver_in_progress")
        dest_manager.cast(
            "share_server_migration_continue",
            dest_manager.share_server_migration_continue,
            dest["id"],
        )

    def share_server_migration_continue(self, dest_id: str) -> None:
        """Manila's periodic ``share_server_migration_driver_continue``
        for one destination server: phase 1 done on both servers."""
        dest = self._server(dest_id)
        if dest is None or dest["status"] != "server_migrating_to":
            return
        src_id = dest["source_share_server_id"]
        src = self._server(src_id)
        if src is None or src.get("task_state") != (
            "migration_driver_in_progress"
        ):
            return
        try:
            done = self.driver.share_server_migration_continue(src, dest)
        except DriverError:
            self._migration_failed(src_id, dest_id, "available")
            return
        if not done:
            self.cast(
                "share_server_migration_continue",
                self.share_server_migration_continue,
                dest_id,
            )
            return
        with self.store.lock:
            self._set_server(src_id, task_state="migration_driver_phase1_done")
            self._set_server(
                dest_id, task_state="migration_driver_phase1_done"
            )

    def share_server_migration_complete(
        self, src_id: str, dest_id: str
    ) -> None:
        """Destination side of phase 2: move the shares (host, server,
        export locations), destination ``active``, source ``inactive``
        and then deleted."""
        src, dest = self._server(src_id), self._server(dest_id)
        if src is None or dest is None:
            return
        with self.store.lock:
            self._set_server(src_id, task_state="migration_completing")
            self._set_server(dest_id, task_state="migration_completing")
        try:
            self.driver.share_server_migration_complete(src, dest)
        except DriverError:
            self._migration_failed(src_id, dest_id, "error")
            return
        src_manager = self.cloud.manager(src["host"])
        pool = self.backend.pools[0].name
        for share in self._server_shares(src_id):
            if src_manager is not None:
                with src_manager.driver._lock:
                    for shares in src_manager.driver.allocated.values():
                        shares.pop(share["id"], None)
            with self.driver._lock:
                self.driver.allocated.setdefault(pool, {})[share["id"]] = int(
                    share.get("size") or 0
                )
            self._set(
                share["id"],
                host=f"{self.host}#{pool}",
                share_server_id=dest_id,
                share_network_id=dest.get("share_network_id"),
                availability_zone=self.availability_zone,
            )
            moved = self._share(share["id"]) or share
            self.write_export_locations(
                share["id"], self.driver.export_locations(moved, dest)
            )
        with self.store.lock:
            self._move_server_shares(dest_id, "available")
            self._set_server(
                dest_id, status="active", task_state="migration_success"
            )
            self._set_server(
                src_id, status="inactive", task_state="migration_success"
            )
        if src_manager is not None:
            src_manager.cast(
                "delete_share_server", src_manager.delete_share_server, src_id
            )

    def share_server_migration_cancel(self, src_id: str, dest_id: str) -> None:
        """Abandon a migration: destination ``inactive`` and deleted,
        source and its shares back to ``active`` / ``available``."""
        src, dest = self._server(src_id), self._server(dest_id)
        if src is None or dest is None:
            return
        self._set_server(src_id, task_state="migration_cancel_in_progress")
        try:
            self.driver.share_server_migration_cancel(src, dest)
        except DriverError:
            self._migration_failed(src_id, dest_id, "available")
            return
        with self.store.lock:
            self._set_server(
                dest_id, status="inactive", task_state="migration_cancelled"
            )
            self._move_server_shares(src_id, "available")
            self._set_server(
                src_id, status="active", task_state="migration_cancelled"
            )
        self.cast("delete_share_server", self.delete_share_server, dest_id)

    # -- end: share servers --

    # -- ensure shares ----------------------------------------------------

    def ensure_driver_resources(self, skip_backend_info_check: bool) -> None:
        """Manila's ``ensure_driver_resources``: first half (a cast).

        Unless ``skip_backend_info_check`` (the API's call), run only when
        the driver's backend info hash differs from the stored one (the
        start/restart case). Collect this backend's shares that are
        ``available`` or ``ensuring`` and not busy (migration or data copy
        task states); if any, set the service's ``ensuring`` and, with
        ``update_shares_status_on_ensure``, move them to ``ensuring``;
        then cast the driver call (:meth:`ensure_shares_run`) with the
        backend's ``ensure_shares`` delay, so the intermediate state can
        be observed.

        :param skip_backend_info_check: Run whatever the backend info.
        """
        from fake_server.share_api.shares import BUSY_TASK_STATES

        update_status = bool(self.cloud.config.update_shares_status_on_ensure)
        record = self.cloud.service_record(self.host)
        new_hash: str | None = None
        if not skip_backend_info_check:
            implemented = True
            try:
                new_hash = self.driver.backend_info_hash()
            except NotImplementedError:
                implemented = False
            old_hash = record.get("backend_info_hash") if record else None
            if implemented and old_hash == new_hash:
                LOG.debug(
                    "ensure shares skipped on %s: backend info unchanged",
                    self.host,
                )
                return
        store = self.store
        with store.lock:
            share_ids = [
                s["id"]
                for s in store.lookup("shares", indexes.HOST, self.host)
                if s.get("task_state") not in BUSY_TASK_STATES
                and s.get("status") in ("available", "ensuring")
            ]
            if share_ids and record is not None:
                store.update("services", record["id"], ensuring=True)
            if share_ids and update_status:
                for share_id in share_ids:
                    store.update("shares", share_id, status="ensuring")
        self.cloud.notify(
            "share.ensure_shares.start",
            {"host": self.host, "share_ids": list(share_ids)},
        )
        if share_ids:
            self.cast(
                "ensure_shares",
                self.ensure_shares_run,
                share_ids,
                update_status,
                new_hash,
            )
        else:
            self._ensure_done(share_ids, new_hash, reset_ensuring=False)

    def ensure_shares_run(
        self,
        share_ids: list[str],
        update_status: bool,
        new_hash: str | None,
    ) -> None:
        """Manila's ``ensure_driver_resources``: second half.

        Call ``driver.ensure_shares`` and apply what it returns per share:
        status, share metadata, export locations, and access rules
        (re-queued and re-applied when the driver asks or the rules are
        not ``active``); a share the driver gave no status goes back to
        ``available`` (with the status flag on). When the driver raises,
        the shares stay ``ensuring``, as in Manila. At the end the backend
        info hash (if computed) is stored and the service's ``ensuring``
        reset.
        """
        shares = [s for s in (self._share(i) for i in share_ids) if s]
        inputs = [dict(s, _server=self._server_of(s)) for s in shares]
        updates: dict[str, dict[str, Any]] = {}
        try:
            updates = self.driver.ensure_shares(inputs) or {}
        except NotImplementedError:
            self._ensure_one_by_one(shares)
        except DriverError as exc:  # the shares stay as they are
            LOG.warning("ensure shares failed on %s: %s", self.host, exc)
        except Exception:  # Manila logs and leaves the shares as they are
            LOG.exception("ensure shares failed on %s", self.host)
        for share in shares:
            update = updates.get(share["id"])
            if update is None:
                continue
            self._apply_ensure_update(share, update, update_status)
        self._ensure_done(share_ids, new_hash, reset_ensuring=True)

    def _apply_ensure_update(
        self, share: Record, update: dict[str, Any], update_status: bool
    ) -> None:
        share_id = share["id"]
        status = update.get("status")
        if status:
            self._set(share_id, status=status)
        metadata = update.get("metadata")
        if metadata:
            with self.store.lock:
                current = self._share(share_id)
                if current is not None:
                    merged = dict(current.get("metadata") or {})
                    merged.update(metadata)
                    self.store.update("shares", share_id, metadata=merged)
        locations = update.get("export_locations")
        if locations:
            self.write_export_locations(share_id, locations)
        reapply = update.get("reapply_access_rules") is True
        if reapply or share.get("access_rules_status") != "active":
            try:
                self._requeue_access_rules(share_id, reapply)
                self.update_access(share_id)
            except Exception:  # Manila logs and goes on
                LOG.exception(
                    "re-applying access rules of %s failed", share_id
                )
        if not status and update_status:
            self._set(share_id, status="available")

    def _requeue_access_rules(self, share_id: str, reset_active: bool) -> None:
        """Manila's reset_rules_to_queueing_states."""
        moves = {"applying": "queued_to_apply", "denying": "queued_to_deny"}
        if reset_active:
            moves["active"] = "queued_to_apply"
        with self.store.lock:
            for rule in self.store.lookup(
                "access_rules", indexes.SHARE, share_id
            ):
                if rule["state"] in moves:
                    self.store.update(
                        "access_rules", rule["id"], state=moves[rule["state"]]
                    )
            share = self._share(share_id)
            if share is not None and share.get("access_rules_status") in (
                "error",
                "active",
            ):
                self.store.update(
                    "shares", share_id, access_rules_status="syncing"
                )

    def _ensure_one_by_one(self, shares: list[Record]) -> None:
        """Fallback when the driver has no ``ensure_shares``."""
        ensure_share = getattr(self.driver, "ensure_share", None)
        for share in shares:
            locations = None
            if ensure_share is not None:
                try:
                    locations = ensure_share(share, self._server_of(share))
                except Exception:
                    LOG.exception("ensure of %s failed", share["id"])
            if locations:
                self.write_export_locations(share["id"], locations)
            self._set(share["id"], status="available")

    def _ensure_done(
        self,
        share_ids: list[str],
        new_hash: str | None,
        reset_ensuring: bool,
    ) -> None:
        record = self.cloud.service_record(self.host)
        if record is not None:
            with self.store.lock:
                changes: dict[str, Any] = {}
                if new_hash is not None:
                    changes["backend_info_hash"] = new_hash
                if reset_ensuring:
                    changes["ensuring"] = False
                if changes:
                    self.store.update("services", record["id"], **changes)
        self.cloud.notify(
            "share.ensure_shares.end",
            {"host": self.host, "share_ids": list(share_ids)},
        )


def export_location_record(
    location: Record, instance_id: str, stamp: str
) -> Record:
    """A driver's export location as the database keeps it.

    Drivers give ``preferred`` in the location's metadata (as Manila's
    do) or beside it; it is kept as its own field, the rest of the
    metadata as the location's metadata.
    """
    given = location.get("metadata") or {}
    preferred = given.get("preferred", location.get("preferred", False))
    record = {
        "id": new_id(),
        "path": location["path"],
        "preferred": filters.bool_from_string(preferred),
        "is_admin_only": bool(location.get("is_admin_only", False)),
        "share_instance_id": instance_id,
        "created_at": stamp,
        "updated_at": stamp,
    }
    # only when there is some: every share holds three locations and the
    # dummy driver's carry none besides ``preferred`` (readers use
    # ``.get("metadata") or {}``)
    metadata = {k: v for k, v in given.items() if k != "preferred"}
    if metadata:
        record["metadata"] = metadata
    return record


def utcnow() -> datetime.datetime:
    """Naive UTC now."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
