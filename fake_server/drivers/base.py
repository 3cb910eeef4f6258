"""Plays manila.share.driver.ShareDriver: the contract of a backend driver.

Drivers return results or raise :class:`DriverError`; only the share
manager changes statuses.
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]


class DriverError(Exception):
    """A driver operation failed on the (simulated) storage."""


class NetworkError(DriverError):
    """Setting up a share server's network failed (Manila's
    ``NetworkException``); ``subnet_full`` when no address was left."""

    def __init__(self, message: str, subnet_full: bool = False) -> None:
        super().__init__(message)
        self.subnet_full = subnet_full


class ShareDriver:
    """Methods every backend driver provides (see the simulated one)."""

    driver_handles_share_servers: bool = False
    #: whether this backend's share servers can migrate with replicated
    #: shares on them (Manila's driver attribute; the base driver: no)
    share_replicas_migration_support: bool = False
    #: whether its share servers take security service changes while
    #: in use (Manila's driver attribute; the base driver: no)
    security_service_update_support: bool = False
    #: whether its share servers take addresses on subnets added while
    #: in use (Manila's driver attribute; the base driver: no)
    network_allocation_update_support: bool = False

    def get_share_stats(self) -> dict[str, Any]:
        """Backend stats with one entry per pool, for the scheduler."""
        raise NotImplementedError

    def get_backend_info(self) -> dict[str, Any]:
        """What, when changed, makes a restart run ensure shares."""
        raise NotImplementedError

    def create_share(
        self, share: Record, pool: str, server: Record | None
    ) -> list[Record]:
        """Create a share; return its export locations."""
        raise NotImplementedError

    def create_share_from_snapshot(
        self,
        share: Record,
        snapshot: Record,
        pool: str,
        server: Record | None,
    ) -> list[Record]:
        """Create a share from a snapshot; return export locations."""
        raise NotImplementedError

    def delete_share(self, share: Record, server: Record | None) -> None:
        """Delete a share."""
        raise NotImplementedError

    def extend_share(self, share: Record, new_size: int) -> None:
        """Grow a share to ``new_size`` GiB."""
        raise NotImplementedError

    def shrink_share(self, share: Record, new_size: int) -> None:
        """Shrink a share to ``new_size`` GiB."""
        raise NotImplementedError

    def update_access(
        self,
        share: Record,
        rules: list[Record],
        add: list[Record],
        delete: list[Record],
        server: Record | None,
    ) -> dict[str, dict[str, Any]]:
        """Apply access rules; return per-rule updates (e.g. errors)."""
        raise NotImplementedError

    def ensure_shares(
        self, shares: list[Record]
    ) -> dict[str, dict[str, Any]] | None:
        """Re-check shares; return per-share updates by share id."""
        raise NotImplementedError
