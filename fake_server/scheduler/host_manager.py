"""Plays manila.scheduler.host_manager: pool states and request specs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass
class PoolState:
    """What the scheduler knows about one pool (host@backend#pool)."""

    host: str
    backend: str
    pool: str
    availability_zone: str
    capabilities: dict[str, Any]
    service_up: bool = True
    service_enabled: bool = True

    # A pool's identity does not change: its names are worked out once.

    @cached_property
    def name(self) -> str:
        """``host@backend#pool``."""
        return f"{self.host}@{self.backend}#{self.pool}"

    @cached_property
    def backend_host(self) -> str:
        """``host@backend``, the share service's host."""
        return f"{self.host}@{self.backend}"

    def cap(self, key: str, default: Any = None) -> Any:
        """One capability (or stat) of the pool."""
        return self.capabilities.get(key, default)


@dataclass
class RequestSpec:
    """What a share create asks of the scheduler."""

    size: int
    #: the share's protocol; None where Manila does not ask one (groups)
    share_proto: str | None = "NFS"
    availability_zone: str | None = None
    #: the zones the request allows (the type's, 2.48+), None: any
    availability_zones: list[str] | None = None
    extra_specs: dict[str, Any] = field(default_factory=dict)
    #: for a share made from a snapshot: the source share's pool
    snapshot_host: str | None = None
    snapshot_replication_domain: str | None = None
    #: for a new replica: the active replica's pool
    active_replica_host: str | None = None
    #: scheduler hints
    only_host: str | None = None
    #: pools holding every ``same_host`` share (None: no such hint)
    same_host: list[str] | None = None
    #: pools holding a ``different_host`` share (None: no such hint)
    different_host: list[str] | None = None
    #: backend hosts to skip (hosts already tried)
    ignore_hosts: list[str] = field(default_factory=list)
    #: zones where the share network has several subnets (Manila's
    #: ``az_request_multiple_subnet_support_map``, its true entries)
    multiple_subnet_zones: frozenset[str] = frozenset()


def pools_from_stats(
    host: str,
    backend: str,
    availability_zone: str,
    stats: dict[str, Any],
    *,
    up: bool = True,
    enabled: bool = True,
) -> list[PoolState]:
    """Pool states from a driver's ``get_share_stats()``."""
    return [
        PoolState(
            host=host,
            backend=backend,
            pool=pool["pool_name"],
            availability_zone=availability_zone,
            capabilities=pool,
            service_up=up,
            service_enabled=enabled,
        )
        for pool in stats.get("pools", [])
    ]
