"""Plays a Manila share driver with simulated storage (like the dummy one).

As the dummy driver, a share has three export locations: an admin-only
one on the backend's ``admin_export_address`` and, for everyone, a
preferred one on ``export_address`` and a second on
``secondary_export_address`` (NFS ``ip:/path/to/fake/share/<name>``, CIFS
``\\\\ip\\<name>``); DHSS True backends export through the share
server's addresses. Capacity is tracked per pool.
Failures are injected per operation through the backend config.
Like the dummy driver, a backend manages only storage it holds: shares
and snapshots it let go of (unmanage), or storage planted through the
control API (:mod:`fake_server.drivers.private_data`).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import threading
from typing import Any

from fake_server.config import DEFAULT_CAPABILITIES, BackendConfig
from fake_server.drivers import private_data
from fake_server.drivers.base import DriverError, Record, ShareDriver
from fake_server.state import Store

#: simulated share of provisioned space really written, on thin pools
THIN_USED_FRACTION = 0.1


class _Allocations(dict[str, int]):
    """One pool's ``{share id: size}``; a change marks the pool dirty.

    ``total`` is the sum of the sizes, kept as they change, so the pool's
    stats cost the same however many shares it holds.
    """

    def __init__(self, pool: str, dirty: set[str]) -> None:
        super().__init__()
        self._pool = pool
        self._dirty_set = dirty
        self.total = 0

    def _changed(self) -> None:
        self._dirty_set.add(self._pool)

    def __setitem__(self, key: str, value: int) -> None:
        self.total += value - super().get(key, 0)
        super().__setitem__(key, value)
        self._changed()

    def __delitem__(self, key: str) -> None:
        self.total -= super().get(key, 0)
        super().__delitem__(key)
        self._changed()

    def pop(self, key: str, *default: Any) -> Any:
        self._changed()
        if key in self:
            self.total -= super().get(key, 0)
        return super().pop(key, *default)

    def popitem(self) -> tuple[str, int]:
        self._changed()
        item = super().popitem()
        self.total -= item[1]
        return item

    def setdefault(self, key: str, default: int = 0) -> int:
        self._changed()
        if key not in self:
            self.total += default
        return super().setdefault(key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self.total += value - super().get(key, 0)
            super().__setitem__(key, value)
        self._changed()

    def clear(self) -> None:
        super().clear()
        self.total = 0
        self._changed()


class _Pools(dict[str, dict[str, int]]):
    """Pool name -> allocations; pools added later are tracked too."""

    def __init__(self, dirty: set[str]) -> None:
        super().__init__()
        self._dirty_set = dirty

    def _tracked(self, key: str, value: Any) -> Any:
        if isinstance(value, _Allocations):
            return value
        tracked = _Allocations(key, self._dirty_set)
        tracked.update(value or {})
        self._dirty_set.add(key)
        return tracked

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, self._tracked(key, value))

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]


class SimulatedDriver(ShareDriver):
    """A backend whose storage is a dict in memory."""

    def __init__(
        self, host: str, backend: BackendConfig, store: Store | None = None
    ) -> None:
        self.host = host
        self.backend = backend
        #: storage this backend holds that Manila does not manage
        self.private_data = private_data.PrivateData(host, store or Store())
        self.driver_handles_share_servers = (
            backend.driver_handles_share_servers
        )
        # what the backend's pools report (the dummy driver's servers
        # migrate with replicas, take security service and network
        # allocation updates) is what its share servers get
        caps = {**DEFAULT_CAPABILITIES, **backend.capabilities}
        self.share_replicas_migration_support = bool(
            caps.get("share_replicas_migration_support", False)
        )
        self.security_service_update_support = bool(
            caps.get("security_service_update_support", False)
        )
        self.network_allocation_update_support = bool(
            caps.get("network_allocation_update_support", False)
        )
        self._lock = threading.Lock()
        #: pools whose allocations changed since the stats were computed
        self._dirty: set[str] = set()
        #: the last stats, updated in place; None when the config changed
        self._stats: dict[str, Any] | None = None
        #: pool name -> {share id: size}
        self.allocated: dict[str, dict[str, int]] = _Pools(self._dirty)
        for pool in backend.pools:
            self.allocated[pool.name] = _Allocations(pool.name, self._dirty)
        self._next_server_ip = 10
        self._server_count = 0

    def config_changed(self) -> None:
        """The backend's configuration changed: recompute stats in full."""
        with self._lock:
            self._stats = None

    # -- helpers -------------------------------------------------------

    def maybe_fail(self, operation: str) -> None:
        """Raise DriverError if a failure is injected for ``operation``."""
        with self._lock:
            left = self.backend.failures.get(operation, 0)
            if left == 0:
                return
            if left > 0:
                self.backend.failures[operation] = left - 1
        raise DriverError(
            f"Simulated failure of {operation} on {self.backend.name}."
        )

    @staticmethod
    def share_name(share: Record) -> str:
        """The dummy driver's name for a share instance on the storage:
        its ``mount_point_name``, else ``share_<share id>_<instance id>``.
        """
        if share.get("mount_point_name"):
            return str(share["mount_point_name"])
        share_id = share["id"].replace("-", "_")
        instance_id = (share.get("instance_id") or share["id"]).replace(
            "-", "_"
        )
        return f"share_{share_id}_{instance_id}"

    def export_locations(
        self, share: Record, server: Record | None = None
    ) -> list[Record]:
        """Export locations for ``share`` at the current configuration.

        As Manila's dummy driver: an admin-only one on the service
        address, then, for each network the share is reachable on, the
        preferred one and a second, not preferred, one; each with
        ``metadata: {"preferred": ...}``. A share server exports on its
        own addresses, a pair per share network subnet it serves.
        """
        return self._exports(
            "share", self.share_name(share), share.get("share_proto"), server
        )

    def _exports(
        self,
        kind: str,
        name: str,
        proto: str | None,
        server: Record | None,
    ) -> list[Record]:
        """The dummy driver's ``_generate_export_locations`` for the
        share or snapshot ``name`` (``kind``: ``share`` or ``snapshot``)."""
        backend = self.backend
        admin = backend.admin_export_address
        pairs: list[tuple[str | None, str | None]] = [
            (backend.export_address, backend.secondary_export_address)
        ]
        if server is not None:
            details = server.get("backend_details") or {}
            admin = details.get("service_ip", admin)
            pairs = self.subnet_allocations(details)
        proto = (proto or "NFS").upper()
        addresses: list[tuple[str | None, bool, bool]] = [(admin, True, False)]
        for primary, secondary in pairs:
            addresses.append((primary, False, True))
            addresses.append((secondary, False, False))
        result = []
        for address, admin_only, preferred in addresses:
            if not address:
                continue
            if proto == "CIFS":
                path = f"\\\\{address}\\{name}"
            elif proto == "CEPHFS":
                path = f"{address}:6789:/volumes/_nogroup/{name}"
            else:
                path = f"{address}:/path/to/fake/{kind}/{name}"
            result.append(
                {
                    "path": path,
                    "is_admin_only": admin_only,
                    "metadata": {"preferred": preferred},
                }
            )
        return result

    @staticmethod
    def subnet_allocations(
        details: dict[str, Any],
    ) -> list[tuple[str | None, str | None]]:
        """A share server's (primary, secondary) address per subnet, from
        its backend details (the dummy driver's ``subnet_allocations``;
        servers set up before it have ``ip`` and ``secondary_ip``)."""
        raw = details.get("subnet_allocations")
        if raw:
            return [
                (a.get("primary_public_ip"), a.get("secondary_public_ip"))
                for a in json.loads(raw)
            ]
        return [(details.get("ip"), details.get("secondary_ip"))]

    def _pool_of(self, share: Record) -> str:
        pool = (share.get("host") or "").partition("#")[2]
        return pool or self.backend.pools[0].name

    # -- stats -----------------------------------------------------------

    def get_share_stats(self) -> dict[str, Any]:
        """Backend stats with one entry per pool, as the scheduler reads.

        The same dicts are returned from call to call and updated in place
        when allocations change (consumers only read them); a change of
        configuration (:meth:`config_changed`) rebuilds them.
        """
        with self._lock:
            stats = self._stats
            if stats is None:
                self._dirty.clear()
                stats = self._stats = self._build_stats()
            elif self._dirty:
                for entry in stats["pools"]:
                    if entry["pool_name"] in self._dirty:
                        self._refresh(entry)
                self._dirty.clear()
            return stats

    def _pool_config(self, name: str) -> Any:
        for pool in self.backend.pools:
            if pool.name == name:
                return pool
        return None

    def _provisioned(self, pool: str) -> int:
        allocations = self.allocated.get(pool)
        if isinstance(allocations, _Allocations):
            return allocations.total
        return sum((allocations or {}).values())

    def _refresh(self, entry: dict[str, Any]) -> None:
        """Recompute a pool entry's capacity figures from allocations."""
        pool = self._pool_config(entry["pool_name"])
        if pool is None:
            return
        provisioned = self._provisioned(pool.name)
        used = provisioned * (
            THIN_USED_FRACTION if pool.thin_provisioning else 1.0
        )
        entry["free_capacity_gb"] = round(pool.total_capacity_gb - used, 2)
        entry["allocated_capacity_gb"] = provisioned
        entry["provisioned_capacity_gb"] = provisioned

    def _build_stats(self) -> dict[str, Any]:
        backend = self.backend
        pools = []
        for pool in backend.pools:
            provisioned = self._provisioned(pool.name)
            used = provisioned * (
                THIN_USED_FRACTION if pool.thin_provisioning else 1.0
            )
            caps = dict(DEFAULT_CAPABILITIES)
            caps.update(backend.capabilities)
            caps.update(pool.capabilities)
            reserved = pool.reserved_percentage
            dhss = backend.driver_handles_share_servers
            caps.update(
                {
                    "pool_name": pool.name,
                    "total_capacity_gb": pool.total_capacity_gb,
                    "free_capacity_gb": round(
                        pool.total_capacity_gb - used, 2
                    ),
                    "allocated_capacity_gb": provisioned,
                    "provisioned_capacity_gb": provisioned,
                    "reserved_percentage": pool.reserved_percentage,
                    "reserved_snapshot_percentage": reserved,
                    "reserved_share_extend_percentage": reserved,
                    "max_over_subscription_ratio": (
                        pool.max_over_subscription_ratio
                    ),
                    "thin_provisioning": pool.thin_provisioning,
                    "driver_handles_share_servers": dhss,
                    "share_backend_name": backend.share_backend_name
                    or backend.name,
                    "storage_protocol": "_".join(backend.protocols),
                    "replication_domain": backend.replication_domain,
                    "replication_type": backend.replication_type,
                }
            )
            pools.append(caps)
        return {
            "share_backend_name": backend.share_backend_name or backend.name,
            "driver_handles_share_servers": (
                backend.driver_handles_share_servers
            ),
            "pools": pools,
        }

    def get_backend_info(self) -> dict[str, Any]:
        """The settings whose change needs ensure shares on restart."""
        return {
            "export_address": self.backend.export_address,
            "secondary_export_address": self.backend.secondary_export_address,
            "admin_export_address": self.backend.admin_export_address,
            "protocols": sorted(self.backend.protocols),
        }

    def backend_info_hash(self) -> str:
        """A hash of :meth:`get_backend_info`."""
        data = json.dumps(self.get_backend_info(), sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()

    # -- shares ----------------------------------------------------------

    def _allocate(self, share: Record, pool: str, size: int) -> None:
        with self._lock:
            if pool not in self.allocated:
                raise DriverError(f"Pool {pool} does not exist.")
            self.allocated[pool][share["id"]] = size

    def create_share(
        self, share: Record, pool: str, server: Record | None
    ) -> list[Record]:
        """Create a share on ``pool``; return its export locations."""
        self.maybe_fail("create_share")
        self._check_protocol(share)
        self._allocate(share, pool, int(share["size"]))
        return self.export_locations(share, server)

    def _check_protocol(self, share: Record) -> None:
        proto = (share.get("share_proto") or "").upper()
        if proto not in {p.upper() for p in self.backend.protocols}:
            raise DriverError(
                f"Protocol {proto} is not supported by {self.backend.name}."
            )

    def create_share_from_snapshot(
        self,
        share: Record,
        snapshot: Record,
        pool: str,
        server: Record | None,
    ) -> list[Record]:
        """Create a share from a snapshot; return export locations."""
        self.maybe_fail("create_share_from_snapshot")
        self._check_protocol(share)
        self._allocate(share, pool, int(share["size"]))
        return self.export_locations(share, server)

    def delete_share(self, share: Record, server: Record | None) -> None:
        """Delete a share and free its space."""
        self.maybe_fail("delete_share")
        with self._lock:
            for shares in self.allocated.values():
                shares.pop(share["id"], None)

    def _resize(self, share: Record, new_size: int) -> None:
        pool = self._pool_of(share)
        with self._lock:
            self.allocated.setdefault(pool, {})[share["id"]] = new_size

    def extend_share(self, share: Record, new_size: int) -> None:
        """Grow a share."""
        self.maybe_fail("extend_share")
        self._resize(share, new_size)

    def shrink_share(self, share: Record, new_size: int) -> None:
        """Shrink a share."""
        self.maybe_fail("shrink_share")
        self._resize(share, new_size)

    def manage_existing(
        self, share: Record, driver_options: dict[str, Any]
    ) -> dict[str, Any]:
        """Adopt a share the backend holds; return size and exports.

        As the dummy driver: the export path (any of the addresses it
        was exported on) must name a share this backend let go of, or
        storage planted on it; the share gets a name of its own on the
        storage (so new export paths). The size is the held storage's
        (``driver_options`` ``size`` overrides it).

        :raises DriverError: the backend holds no such share, or does
            not serve the share's protocol.
        """
        self.maybe_fail("manage_existing")
        locations = share.get("export_locations") or [{}]
        path = str(locations[0].get("path") or "")
        held = self.private_data.find(private_data.SHARE, path)
        if held is None:
            raise DriverError(
                "Invalid export specified, existing share "
                f"{private_data.storage_key(private_data.SHARE, path)} "
                "could not be found"
            )
        self._check_protocol(share)
        size = int(driver_options.get("size") or held.get("size") or 1)
        self._allocate(share, self._pool_of(share), size)
        self.private_data.release(private_data.SHARE, path)
        return {"size": size, "export_locations": self.export_locations(share)}

    def unmanage(self, share: Record) -> None:
        """Forget a share without deleting it from the storage: the
        backend holds it from now on (a share it never had, such as one
        whose manage failed, leaves nothing)."""
        self.maybe_fail("unmanage")
        with self._lock:
            size = None
            for shares in self.allocated.values():
                if share["id"] in shares:
                    size = shares.pop(share["id"])
        if size is None:
            return
        # its export paths differ in the address only: one entry
        paths = {
            private_data.storage_key(private_data.SHARE, el["path"]): el[
                "path"
            ]
            for el in share.get("export_locations") or []
        }
        for path in paths.values():
            self.private_data.hold(
                private_data.SHARE,
                path,
                size or int(share.get("size") or 1),
                share_proto=share.get("share_proto"),
            )

    # -- access ------------------------------------------------------------

    def update_access(
        self,
        share: Record,
        rules: list[Record],
        add: list[Record],
        delete: list[Record],
        server: Record | None,
    ) -> dict[str, dict[str, Any]]:
        """Apply rules; a failure marks the added rules ``error``."""
        try:
            self.maybe_fail("update_access")
        except DriverError:
            return {rule["id"]: {"state": "error"} for rule in add}
        return {}

    # -- share servers -----------------------------------------------------

    def setup_server(
        self,
        subnets: list[Record],
        allocations: list[Record] | None = None,
        server_id: str | None = None,
    ) -> dict[str, Any]:
        """Create a share server on ``subnets``; return its backend details.

        Like the dummy driver's ``_setup_server``, it serves each subnet
        on two addresses (its first two network allocations there, the
        Neutron ports; without allocations, the next two addresses of the
        backend's ``server_network``: Manila's standalone plugin), kept
        as ``subnet_allocations``; ``ip`` and ``secondary_ip`` are those
        of the first subnet. ``server_id`` (the dummy's: the share
        server's own id) becomes the server's identifier.
        """
        self.maybe_fail("setup_server")
        return self._server_details(subnets, allocations or [], server_id)

    def _server_details(
        self,
        subnets: list[Record],
        allocations: list[Record],
        server_id: str | None,
    ) -> dict[str, Any]:
        pairs = [
            self._subnet_pair(subnet, allocations)
            for subnet in subnets or [{}]
        ]
        if server_id is None:
            with self._lock:
                self._server_count += 1
                server_id = f"vserver_{self._server_count}"
        details = {
            "ip": pairs[0]["primary_public_ip"],
            "server_id": server_id,
            "subnet_allocations": json.dumps(pairs),
        }
        if pairs[0]["secondary_public_ip"]:
            details["secondary_ip"] = pairs[0]["secondary_public_ip"]
        return details

    def _subnet_pair(
        self, subnet: Record, allocations: list[Record]
    ) -> dict[str, str | None]:
        """The two addresses a share server takes on one subnet."""
        mine = [
            a
            for a in allocations
            if a.get("share_network_subnet_id") in (None, subnet.get("id"))
        ]
        if mine:
            return {
                "primary_public_ip": str(mine[0]["ip_address"]),
                "secondary_public_ip": (
                    str(mine[1]["ip_address"]) if len(mine) > 1 else None
                ),
            }
        net = ipaddress.ip_network(self.backend.server_network, strict=False)
        with self._lock:
            offset = self._next_server_ip
            self._next_server_ip += 2
        size = max(net.num_addresses, 2)
        return {
            "primary_public_ip": str(net.network_address + offset % size),
            "secondary_public_ip": str(
                net.network_address + (offset + 1) % size
            ),
        }

    def check_update_server_network_allocations(
        self, server: Record, subnet: Record
    ) -> bool:
        """Whether ``server`` can take addresses on a new ``subnet``
        (the dummy driver: always)."""
        return True

    def update_server_network_allocations(
        self,
        server: Record,
        subnet: Record,
        allocations: list[Record],
        shares: list[Record],
        snapshots: list[tuple[Record, Record]],
    ) -> dict[str, Any]:
        """The dummy driver's ``update_share_server_network_allocations``:
        the server serves ``subnet`` too, on two more addresses.

        :returns: ``server_details`` (the new ``subnet_allocations``),
            ``share_updates`` (share instance id -> export locations: the
            ``shares`` on the server, replicas as views of their share
            with their own ``instance_id``) and ``snapshot_updates``
            (snapshot id -> export locations) for the (snapshot, share)
            pairs on it.
        """
        self.maybe_fail("update_share_server_network_allocations")
        details = dict(server.get("backend_details") or {})
        pairs = [
            {"primary_public_ip": p, "secondary_public_ip": s}
            for p, s in self.subnet_allocations(details)
        ]
        pairs.append(self._subnet_pair(subnet, allocations))
        details["subnet_allocations"] = json.dumps(pairs)
        moved = {**server, "backend_details": details}
        return {
            "server_details": {
                "subnet_allocations": details["subnet_allocations"]
            },
            "share_updates": {
                share.get("instance_id") or share["id"]: (
                    self.export_locations(share, moved)
                )
                for share in shares
            },
            "snapshot_updates": {
                snapshot["id"]: self.snapshot_export_locations(
                    snapshot, share, moved
                )
                for snapshot, share in snapshots
            },
        }

    def check_update_server_security_service(
        self, server: Record, new: Record, current: Record | None
    ) -> bool:
        """Whether ``server`` can take security service ``new`` (in place
        of ``current``); the dummy driver: always."""
        return True

    def update_server_security_service(
        self, server: Record, new: Record, current: Record | None
    ) -> None:
        """Configure security service ``new`` on ``server`` (the dummy
        driver only logs it)."""
        self.maybe_fail("update_share_server_security_service")

    def teardown_server(self, server: Record) -> None:
        """Delete a share server."""
        self.maybe_fail("teardown_server")

    # ======== Snapshots ========
    # Like Manila's dummy driver, snapshots take no pool capacity; the
    # driver remembers each snapshot's provider location (its "private
    # storage") in ``self.snapshot_locations``.

    @property
    def snapshot_locations(self) -> dict[str, str]:
        """Snapshot id -> provider location of the snapshots it holds."""
        locations: dict[str, str] = self.__dict__.setdefault(
            "_snapshot_locations", {}
        )
        return locations

    def _snapshot_name(self, snapshot: Record) -> str:
        return "snapshot_{}_{}".format(
            snapshot["id"].replace("-", "_"),
            (snapshot.get("instance_id") or snapshot["id"]).replace("-", "_"),
        )

    def snapshot_export_locations(
        self, snapshot: Record, share: Record, server: Record | None
    ) -> list[Record]:
        """Where a snapshot can be mounted: as the dummy driver, on the
        same addresses as a share (the share manager keeps them only for
        shares with ``mount_snapshot_support``)."""
        return self._exports(
            "snapshot",
            self._snapshot_name(snapshot),
            share.get("share_proto"),
            server,
        )

    def create_snapshot(
        self, snapshot: Record, share: Record, server: Record | None
    ) -> dict[str, Any]:
        """Take a snapshot; return provider location and export paths."""
        self.maybe_fail("create_snapshot")
        location = f"/path/to/fake/snapshot/{self._snapshot_name(snapshot)}"
        with self._lock:
            self.snapshot_locations[snapshot["id"]] = location
        return {
            "provider_location": location,
            "export_locations": self.snapshot_export_locations(
                snapshot, share, server
            ),
        }

    def delete_snapshot(self, snapshot: Record, server: Record | None) -> None:
        """Delete a snapshot from the storage."""
        self.maybe_fail("delete_snapshot")
        with self._lock:
            self.snapshot_locations.pop(snapshot["id"], None)

    def revert_to_snapshot(
        self, share: Record, snapshot: Record, server: Record | None
    ) -> None:
        """Revert a share in place; it takes the snapshot's size."""
        self.maybe_fail("revert_to_snapshot")
        self._resize(share, int(snapshot.get("size") or share["size"]))

    def manage_existing_snapshot(
        self,
        snapshot: Record,
        share: Record,
        driver_options: dict[str, Any],
    ) -> dict[str, Any]:
        """Adopt a snapshot the backend holds (one it let go of, or
        planted storage); size from ``driver_options``, else the held
        snapshot's.

        :raises DriverError: no such snapshot on this backend (the
            dummy driver's answer to an unknown provider location).
        """
        self.maybe_fail("manage_existing_snapshot")
        location = str(snapshot.get("provider_location") or "")
        held = self.private_data.find(private_data.SNAPSHOT, location)
        if held is None:
            raise DriverError(
                "Invalid provider location specified, existing snapshot "
                f"{location} could not be found"
            )
        size = int(driver_options.get("size") or held.get("size") or 1)
        self.private_data.release(private_data.SNAPSHOT, location)
        with self._lock:
            self.snapshot_locations[snapshot["id"]] = location
        return {
            "size": size,
            "provider_location": snapshot["provider_location"],
            "export_locations": self.snapshot_export_locations(
                snapshot, share, None
            ),
        }

    def unmanage_snapshot(self, snapshot: Record) -> None:
        """Forget a snapshot, leaving it on the storage: the backend
        holds it from now on (one it never had leaves nothing)."""
        self.maybe_fail("unmanage_snapshot")
        with self._lock:
            location = self.snapshot_locations.pop(snapshot["id"], None)
        if location:
            self.private_data.hold(
                private_data.SNAPSHOT,
                location,
                int(snapshot.get("size") or 1),
            )

    def snapshot_update_access(
        self,
        snapshot: Record,
        share: Record,
        rules: list[Record],
        add: list[Record],
        delete: list[Record],
        server: Record | None,
    ) -> None:
        """Apply snapshot access rules; raise on failure (the manager
        then marks the transitional rules ``error``)."""
        self.maybe_fail("snapshot_update_access")

    # -- end: snapshots --

    # ======== Share replicas and migration ========
    # Replicas and migration destinations are share instances: their
    # space is accounted under the instance id, the active instance's
    # under the share id (``rekey`` moves it on promote).

    def create_replica(
        self, replica: Record, pool: str, server: Record | None
    ) -> list[Record]:
        """Create a replica (``replica`` carries ``instance_id``, ``size``
        and ``share_proto``) on ``pool``; return its export locations."""
        self.maybe_fail("create_replica")
        self._check_protocol(replica)
        with self._lock:
            if pool not in self.allocated:
                raise DriverError(f"Pool {pool} does not exist.")
            self.allocated[pool][replica["instance_id"]] = int(replica["size"])
        return self.export_locations(replica, server)

    def delete_replica(self, replica_id: str) -> None:
        """Delete a replica and free its space."""
        self.maybe_fail("delete_replica")
        self.release(replica_id)

    def release(self, key: str) -> None:
        """Free the space held under ``key`` (a share or instance id)."""
        with self._lock:
            for shares in self.allocated.values():
                shares.pop(key, None)

    def rekey(self, old: str, new: str) -> None:
        """Account the space held under ``old`` under ``new``."""
        with self._lock:
            for shares in self.allocated.values():
                if old in shares:
                    shares[new] = shares.pop(old)

    def promote_replica(self, replica_id: str) -> None:
        """Make a replica the active one (failure injectable)."""
        self.maybe_fail("promote_replica")

    def update_replica_state(self, replica_id: str) -> str:
        """The replica's state after a sync: always ``in_sync`` here."""
        self.maybe_fail("update_replica_state")
        return "in_sync"

    def migration_start(self, share: Record, dest_pool: str) -> None:
        """First phase of a driver-assisted migration starts."""
        self.maybe_fail("migration_start")
        with self._lock:
            self.__dict__.setdefault("migration_progress", {})[share["id"]] = 0

    def migration_continue(self, share: Record) -> int:
        """Copy some more; return the progress (0-100)."""
        self.maybe_fail("migration_continue")
        with self._lock:
            progress: dict[str, int] = self.__dict__.setdefault(
                "migration_progress", {}
            )
            progress[share["id"]] = min(100, progress.get(share["id"], 0) + 50)
            return progress[share["id"]]

    def migration_complete(self, share: Record) -> None:
        """Second phase, source side: the source copy goes."""
        self.maybe_fail("migration_complete")
        self.release(share["id"])
        with self._lock:
            self.__dict__.setdefault("migration_progress", {}).pop(
                share["id"], None
            )

    def migration_accept(
        self, share: Record, pool: str, server: Record | None
    ) -> list[Record]:
        """Second phase, destination side: hold the migrated share
        (``share`` carries the destination ``instance_id``); return the
        new export locations."""
        with self._lock:
            if pool not in self.allocated:
                raise DriverError(f"Pool {pool} does not exist.")
            self.allocated[pool][share["id"]] = int(share["size"])
        return self.export_locations(share, server)

    def migration_cancel(self, share: Record) -> None:
        """Abandon a migration."""
        self.maybe_fail("migration_cancel")
        with self._lock:
            self.__dict__.setdefault("migration_progress", {}).pop(
                share["id"], None
            )

    # -- end: share replicas --

    # ======== Share groups ========
    # Like Manila's dummy driver: groups take no space of their own and
    # report ``consistent_snapshot_support = "pool"`` (a backend or pool
    # capability of that name overrides it).

    def share_group_stats(self) -> dict[str, Any]:
        """The backend's ``share_group_stats`` capabilities."""
        return {
            "consistent_snapshot_support": self.backend.capabilities.get(
                "consistent_snapshot_support", "pool"
            )
        }

    def create_share_group(self, group: Record, server: Record | None) -> None:
        """Create an (empty) share group."""
        self.maybe_fail("create_share_group")

    def delete_share_group(self, group: Record, server: Record | None) -> None:
        """Delete a share group."""
        self.maybe_fail("delete_share_group")

    def create_share_group_from_share_group_snapshot(
        self, group: Record, shares: list[Record], server: Record | None
    ) -> list[Record]:
        """Create a group's shares from a group snapshot's members; return
        ``{"id", "export_locations"}`` per share."""
        self.maybe_fail("create_share_group_from_share_group_snapshot")
        updates = []
        for share in shares:
            self._check_protocol(share)
            self._allocate(share, self._pool_of(share), int(share["size"]))
            updates.append(
                {
                    "id": share["id"],
                    "export_locations": self.export_locations(share, server),
                }
            )
        return updates

    def create_share_group_snapshot(
        self,
        snapshot: Record,
        members: list[Record],
        server: Record | None,
    ) -> list[Record]:
        """Snapshot every share of a group; ``{"id", "provider_location"}``
        per member."""
        self.maybe_fail("create_share_group_snapshot")
        return [
            {
                "id": member["id"],
                "provider_location": "/path/to/fake/group_snapshot/"
                + member["id"].replace("-", "_"),
            }
            for member in members
        ]

    def delete_share_group_snapshot(
        self,
        snapshot: Record,
        members: list[Record],
        server: Record | None,
    ) -> None:
        """Delete a group snapshot and its members from the storage."""
        self.maybe_fail("delete_share_group_snapshot")

    # -- end: share groups --

    # ======== Share backups ========
    def create_backup(self, share: Record, backup: Record) -> None:
        """Copy a share to the (simulated) backup store."""
        self.maybe_fail("create_backup")

    def delete_backup(self, backup: Record) -> None:
        """Drop a backup from the (simulated) backup store."""
        self.maybe_fail("delete_backup")

    def restore_backup(self, backup: Record, share: Record) -> None:
        """Copy a backup's data into a share."""
        self.maybe_fail("restore_backup")

    # -- end: share backups --

    # ======== Share servers (manage) ========

    def manage_server(
        self,
        server: Record,
        identifier: str,
        driver_options: dict[str, Any],
    ) -> tuple[str, dict[str, Any]]:
        """Adopt a share server this backend holds, as the dummy driver
        does: one it let go of (unmanage) or one planted on it
        (``POST /_fake/backends/{name}/storage``).

        :returns: Its identifier and backend details (those it had; a
            planted one gets the next server addresses; ``ip`` from the
            ``ip`` driver option).
        :raises DriverError: the backend holds no server ``identifier``.
        """
        self.maybe_fail("manage_server")
        held = self.private_data.find(private_data.SERVER, identifier)
        if held is None:
            raise DriverError(
                f"Unable to find share server {identifier} in private storage."
            )
        details = dict(held.get("details") or {})
        if not details:
            details = self._server_details([{}], [], identifier)
        if driver_options.get("ip"):
            details["ip"] = str(driver_options["ip"])
            pairs = json.loads(details["subnet_allocations"])
            pairs[0]["primary_public_ip"] = details["ip"]
            details["subnet_allocations"] = json.dumps(pairs)
        details["server_id"] = identifier
        self.private_data.release(private_data.SERVER, identifier)
        return identifier, details

    def unmanage_server(self, server: Record) -> None:
        """Forget a share server, leaving it on the storage: as the dummy
        driver, the backend keeps its details under its ``server_id`` to
        manage it again (a server without one leaves nothing)."""
        self.maybe_fail("unmanage_server")
        details = dict(server.get("backend_details") or {})
        identifier = details.get("server_id")
        if not identifier:
            return
        self.private_data.release(private_data.SERVER, identifier)
        self.private_data.hold(
            private_data.SERVER, identifier, 0, details=details
        )

    def share_server_migration_check(
        self, server: Record, dest_host: str
    ) -> dict[str, Any]:
        """What this (destination) backend supports for a server move."""
        self.maybe_fail("share_server_migration_check")
        ok = self.driver_handles_share_servers
        return {
            "compatible": ok,
            "writable": ok,
            "nondisruptive": False,
            "preserve_snapshots": ok,
            "migration_cancel": ok,
            "migration_get_progress": ok,
        }

    def share_server_migration_start(
        self, server: Record, dest_server: Record
    ) -> None:
        """Start copying a share server's shares to this backend."""
        self.maybe_fail("share_server_migration_start")

    def share_server_migration_continue(
        self, server: Record, dest_server: Record
    ) -> bool:
        """One step of the copy; True when the first phase is done."""
        self.maybe_fail("share_server_migration_continue")
        return True

    def share_server_migration_get_progress(self, server: Record) -> int:
        """Percent copied while the driver works."""
        return 50

    def share_server_migration_complete(
        self, server: Record, dest_server: Record
    ) -> None:
        """Cut over to the destination server."""
        self.maybe_fail("share_server_migration_complete")

    def share_server_migration_cancel(
        self, server: Record, dest_server: Record
    ) -> None:
        """Abandon the copy."""
        self.maybe_fail("share_server_migration_cancel")

    # -- end: share servers --

    # -- ensure ------------------------------------------------------------

    def ensure_shares(
        self, shares: list[Record]
    ) -> dict[str, dict[str, Any]] | None:
        """Recompute export locations from the current configuration."""
        self.maybe_fail("ensure_shares")
        return {
            share["id"]: {
                "export_locations": self.export_locations(
                    share, share.get("_server")
                ),
                "status": "available",
                "reapply_access_rules": False,
            }
            for share in shares
        }
