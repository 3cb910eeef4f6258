"""Plays manila-share's ShareManager: one per backend (host@backend).

It calls its driver, moves statuses, writes export locations, applies
access rules and sets up share servers. Work reaches it as casts on the
bus (topic = its host), so each backend runs on its own thread, as
manila-share runs one per backend.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fake_server import messages
from fake_server.config import BackendConfig
from fake_server.drivers.base import DriverError
from fake_server.drivers.simulated import SimulatedDriver
from fake_server.share_api import shares as shares_api
from fake_server.state import Record, new_id, now

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

LOG = logging.getLogger(__name__)


class ShareManager:
    """The share service of one backend."""

    def __init__(self, cloud: Cloud, backend: BackendConfig) -> None:
        self.cloud = cloud
        self.backend = backend
        self.host = f"{cloud.config.host}@{backend.name}"
        self.availability_zone = (
            backend.availability_zone
            or cloud.config.storage_availability_zone
        )
        self.driver = SimulatedDriver(self.host, backend)
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
        """Stop the service: heartbeats stop, so it goes ``down``."""
        self.running = False
        self._stopped_at = time.monotonic()
        self._stopped_wall = now()

    def start(self) -> None:
        """(Re)start the service: heartbeats resume, ensure if needed."""
        self.running = True
        self.cast("ensure_driver_resources", self.ensure_driver_resources,
                  False)

    def allocate_from_store(self) -> None:
        """Rebuild the driver's capacity accounting from saved shares."""
        for share in self.cloud.store.select("shares"):
            if (share.get("host") or "").partition("#")[0] == self.host:
                pool = share["host"].partition("#")[2]
                self.driver.allocated.setdefault(pool, {})[share["id"]] = (
                    int(share.get("size") or 0)
                )

    def cast(
        self, operation: str, fn: Callable[..., Any], *args: Any
    ) -> None:
        """Queue work on this backend's thread, after its configured delay."""
        delay = float(self.backend.delays.get(operation, 0.0))
        self.cloud.bus.cast(self.host, fn, *args, delay=delay)

    # -- helpers ---------------------------------------------------------------

    @property
    def store(self) -> Any:
        return self.cloud.store

    def _share(self, share_id: str) -> Record | None:
        return self.store.get("shares", share_id)

    def _set(self, share_id: str, **values: Any) -> None:
        with self.store.lock:
            if self.store.get("shares", share_id) is not None:
                self.store.update("shares", share_id, **values)

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
                result.append(
                    {
                        "id": previous["id"] if previous else new_id(),
                        "path": location["path"],
                        "preferred": bool(location.get("preferred", False)),
                        "is_admin_only": bool(
                            location.get("is_admin_only", False)
                        ),
                        "metadata": dict(
                            previous["metadata"] if previous else {},
                            **location.get("metadata", {}),
                        ),
                        "share_instance_id": share["instance_id"],
                        "created_at": previous["created_at"]
                        if previous
                        else stamp,
                        "updated_at": stamp,
                    }
                )
            share["export_locations"] = result

    def _fail_share(
        self, share: Record, status: str, action_id: str, detail_id: str
    ) -> None:
        self._set(share["id"], status=status, progress=None)
        self.cloud.user_message(
            share["project_id"], "SHARE", share["id"], action_id, detail_id
        )

    # -- share servers ---------------------------------------------------------

    def _subnet_for(self, share: Record) -> Record | None:
        network_id = share.get("share_network_id")
        if not network_id:
            return None
        subnets = self.store.select(
            "share_network_subnets",
            lambda s: s.get("share_network_id") == network_id,
        )
        for zone in (share.get("availability_zone"), None):
            for subnet in subnets:
                if subnet.get("availability_zone") == zone:
                    return subnet
        return None

    def get_or_create_server(self, share: Record) -> Record:
        """An active share server for the share's network subnet."""
        subnet = self._subnet_for(share)
        if subnet is None:
            raise DriverError("No share network subnet for this share.")
        for server in self.store.select("share_servers"):
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
                "share_network_subnet_ids": [subnet["id"]],
                "project_id": share["project_id"],
                "backend_details": {},
                "is_auto_deletable": True,
                "identifier": None,
                "task_state": None,
                "source_share_server_id": None,
                "security_service_update_support": False,
                "network_allocation_update_support": False,
                "encryption_key_ref": None,
            },
        )
        try:
            details = self.driver.setup_server(subnet)
        except DriverError:
            self.store.update("share_servers", server["id"], status="error")
            raise
        return self.store.update(
            "share_servers",
            server["id"],
            status="active",
            backend_details=details,
            identifier=details.get("server_id") or server["id"],
        )

    # -- create ----------------------------------------------------------------

    def create_share(
        self, share_id: str, candidates: list[str], index: int
    ) -> None:
        """Create a share on ``candidates[index]``; on driver failure try
        the next candidate (on its own backend), else set ``error``."""
        share = self._share(share_id)
        if share is None or share["status"] not in (
            "creating", "creating_from_snapshot"
        ):
            return
        pool_name = candidates[index]
        pool = pool_name.partition("#")[2]
        server: Record | None = None
        try:
            if self.driver.driver_handles_share_servers:
                server = self.get_or_create_server(share)
            self._set(share_id, host=pool_name,
                      share_server_id=server["id"] if server else None)
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
            LOG.info("create of %s on %s failed: %s", share_id, pool_name,
                     exc)
            self._set(share_id, host=None, share_server_id=None)
            self._try_next(share, candidates, index, server is None and
                           self.driver.driver_handles_share_servers)
            return
        self.write_export_locations(share_id, locations)
        self._set(share_id, status="available", progress="100%",
                  launched_at=now())

    def _try_next(
        self, share: Record, candidates: list[str], index: int,
        no_server: bool,
    ) -> None:
        if index + 1 < len(candidates):
            nxt = self.cloud.manager(candidates[index + 1])
            if nxt is not None:
                nxt.cast("create_share", nxt.create_share, share["id"],
                         candidates, index + 1)
                return
        if no_server:
            detail = messages.NO_SHARE_SERVER
        elif share.get("snapshot_id"):
            detail = messages.DRIVER_FAILED_CREATING_FROM_SNAP
        else:
            detail = messages.UNKNOWN_ERROR
        self._fail_share(share, "error", messages.CREATE, detail)

    # -- delete ----------------------------------------------------------------

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

    # -- access rules ------------------------------------------------------------

    def update_access(self, share_id: str) -> None:
        """Apply queued rules: queued_to_* -> active / deleted / error."""
        share = self._share(share_id)
        if share is None:
            return
        store = self.store
        with store.lock:
            rules = store.select(
                "access_rules", lambda r: r["share_id"] == share_id
            )
            add = [r for r in rules if r["state"] == "queued_to_apply"]
            update = [r for r in rules if r["state"] == "queued_to_update"]
            delete = [r for r in rules if r["state"] == "queued_to_deny"]
            for rule in add:
                rule["state"] = "applying"
            for rule in update:
                rule["state"] = "updating"
            for rule in delete:
                rule["state"] = "denying"
        active = [r for r in rules if r["state"] in ("active", "applying",
                                                   "updating")]
        result = self.driver.update_access(
            share, active, add + update, delete, self._server_of(share)
        )
        with store.lock:
            for rule in delete:
                store.delete("access_rules", rule["id"])
            for rule in add + update:
                state = result.get(rule["id"], {}).get("state", "active")
                if store.get("access_rules", rule["id"]) is not None:
                    store.update("access_rules", rule["id"], state=state)
            shares_api.refresh_access_status(self.cloud, share_id)

    # ======== Share actions (extend, shrink, manage, ...) ========
    # -- end: share actions --

    # ======== Snapshots ========
    # -- end: snapshots --

    # ======== Share servers ========
    # -- end: share servers --

    # -- ensure shares -------------------------------------------------------------

    def ensure_driver_resources(self, skip_backend_info_check: bool) -> None:
        """Re-check this backend's shares (ensure shares).

        Placeholder until the ensure shares work lands: recompute export
        locations for available shares.
        """
        record = self.cloud.service_record(self.host)
        new_hash = self.driver.backend_info_hash()
        if not skip_backend_info_check and record is not None and (
            record.get("backend_info_hash") == new_hash
        ):
            return
        shares = [
            s for s in self.store.select("shares")
            if (s.get("host") or "").partition("#")[0] == self.host
            and s["status"] == "available"
        ]
        for share in shares:
            self.write_export_locations(
                share["id"],
                self.driver.export_locations(share, self._server_of(share)),
            )
        if record is not None:
            self.store.update("services", record["id"],
                              backend_info_hash=new_hash)


def utcnow() -> datetime.datetime:
    """Naive UTC now."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
