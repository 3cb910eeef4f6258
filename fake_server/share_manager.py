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
        from fake_server.share_api.services import BUSY_TASK_STATES

        update_status = bool(
            self.cloud.config.update_shares_status_on_ensure
        )
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
                LOG.debug("ensure shares skipped on %s: backend info "
                          "unchanged", self.host)
                return
        store = self.store
        with store.lock:
            share_ids = [
                s["id"]
                for s in store.select("shares")
                if (s.get("host") or "").partition("#")[0] == self.host
                and s.get("task_state") not in BUSY_TASK_STATES
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
            self.cast("ensure_shares", self.ensure_shares_run, share_ids,
                      update_status, new_hash)
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
                LOG.exception("re-applying access rules of %s failed",
                              share_id)
        if not status and update_status:
            self._set(share_id, status="available")

    def _requeue_access_rules(self, share_id: str, reset_active: bool) -> None:
        """Manila's reset_rules_to_queueing_states."""
        moves = {"applying": "queued_to_apply", "denying": "queued_to_deny"}
        if reset_active:
            moves["active"] = "queued_to_apply"
        with self.store.lock:
            for rule in self.store.select(
                "access_rules", lambda r: r["share_id"] == share_id
            ):
                if rule["state"] in moves:
                    self.store.update("access_rules", rule["id"],
                                      state=moves[rule["state"]])
            share = self._share(share_id)
            if share is not None and share.get("access_rules_status") in (
                "error", "active"
            ):
                self.store.update("shares", share_id,
                                  access_rules_status="syncing")

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
        self, share_ids: list[str], new_hash: str | None,
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


def utcnow() -> datetime.datetime:
    """Naive UTC now."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
