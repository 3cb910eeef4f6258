"""Plays manila.conf: the fake cloud's configuration, from TOML or defaults.

With no file, the cloud looks like a devstack Manila with the dummy
driver: host ``fakehost``, zone ``nova``, DHSS False backends ``alpha`` and
``beta`` and DHSS True backend ``gamma``.
"""

from __future__ import annotations

import copy
import tomllib
import uuid
from dataclasses import dataclass, field, fields
from typing import Any

NAMESPACE = uuid.UUID("6f0b5e0a-4c4e-4e4f-9a53-6d616e696c61")


def stable_id(kind: str, name: str) -> str:
    """A UUID that is the same on every start for the same name."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{name}"))


def stable_hex(kind: str, name: str) -> str:
    """A Keystone-style hex id, the same on every start."""
    return uuid.uuid5(NAMESPACE, f"{kind}:{name}").hex


DEFAULT_CAPABILITIES: dict[str, Any] = {
    "snapshot_support": True,
    "create_share_from_snapshot_support": True,
    "revert_to_snapshot_support": True,
    "mount_snapshot_support": True,
    "dedupe": False,
    "compression": False,
    "thin_provisioning": False,
    "qos": False,
}


@dataclass
class PoolConfig:
    """One storage pool of a backend."""

    name: str
    total_capacity_gb: float = 1000.0
    reserved_percentage: float = 0.0
    thin_provisioning: bool = False
    max_over_subscription_ratio: float = 20.0
    capabilities: dict[str, Any] = field(default_factory=dict)


@dataclass
class BackendConfig:
    """One manila-share backend (``[backend]`` section of manila.conf)."""

    name: str
    driver_handles_share_servers: bool = False
    share_backend_name: str | None = None
    protocols: list[str] = field(default_factory=lambda: ["NFS", "CIFS"])
    export_address: str = "10.0.0.10"
    availability_zone: str | None = None
    replication_domain: str | None = None
    replication_type: str | None = None
    server_network: str = "10.254.0.0/24"
    pools: list[PoolConfig] = field(default_factory=list)
    capabilities: dict[str, Any] = field(default_factory=dict)
    #: seconds per driver operation (create_share, extend_share, ...)
    delays: dict[str, float] = field(default_factory=dict)
    #: operation -> number of next calls that fail (-1: always)
    failures: dict[str, int] = field(default_factory=dict)


@dataclass
class ShareTypeConfig:
    """A share type seeded at start."""

    name: str
    extra_specs: dict[str, str] = field(default_factory=dict)
    is_public: bool = True
    description: str | None = None


@dataclass
class UserConfig:
    """A Keystone user, with a project of its own."""

    name: str
    password: str = "password"
    project: str | None = None
    roles: list[str] = field(default_factory=lambda: ["member", "reader"])


@dataclass
class Config:
    """The whole configuration of the fake cloud."""

    host: str = "fakehost"
    storage_availability_zone: str = "nova"
    region: str = "RegionOne"
    #: ``background`` (worker threads) or ``manual`` (tests advance)
    progression: str = "background"
    service_down_time: float = 60.0
    report_interval: float = 10.0
    update_shares_status_on_ensure: bool = True
    use_scheduler_creating_share_from_snapshot: bool = False
    #: hosts a create is tried on before it fails (Manila's default 3)
    scheduler_max_attempts: int = 3
    default_share_type: str = "default"
    default_share_group_type: str = "default"
    state_file: str | None = None
    #: share servers get their ports from the minimal Neutron, as with
    #: Manila's Neutron network plugin; False: Manila's standalone plugin
    #: (any neutron ids accepted, addresses from ``server_network``)
    neutron: bool = True
    max_share_size_gb: int = 10000
    quotas: dict[str, int] = field(
        default_factory=lambda: {
            "shares": 50,
            "gigabytes": 1000,
            "snapshots": 50,
            "snapshot_gigabytes": 1000,
            "share_networks": 10,
            "share_groups": 50,
            "share_group_snapshots": 50,
            "share_replicas": 100,
            "replica_gigabytes": 1000,
            "per_share_gigabytes": -1,
            "backups": 10,
            "backup_gigabytes": 1000,
            "encryption_keys": 100,
        }
    )
    backends: list[BackendConfig] = field(default_factory=list)
    share_types: list[ShareTypeConfig] = field(default_factory=list)
    users: list[UserConfig] = field(default_factory=list)

    def backend(self, name: str) -> BackendConfig | None:
        """The backend called ``name``, if configured."""
        for backend in self.backends:
            if backend.name == name:
                return backend
        return None


def default_backends() -> list[BackendConfig]:
    """Backends ``alpha``, ``beta`` (DHSS False) and ``gamma`` (True)."""
    return [
        BackendConfig(
            name="alpha",
            share_backend_name="ALPHA",
            export_address="10.0.0.10",
            replication_domain="replica_domain_store1",
            replication_type="readable",
            pools=[PoolConfig("fast"), PoolConfig("slow", 2000.0)],
        ),
        BackendConfig(
            name="beta",
            share_backend_name="BETA",
            export_address="10.0.0.20",
            replication_domain="replica_domain_store1",
            replication_type="readable",
            pools=[PoolConfig("fast"), PoolConfig("slow", 2000.0)],
        ),
        BackendConfig(
            name="gamma",
            driver_handles_share_servers=True,
            share_backend_name="GAMMA",
            export_address="10.254.0.1",
            server_network="10.254.0.0/24",
            pools=[PoolConfig("pool1")],
        ),
    ]


def default_share_types() -> list[ShareTypeConfig]:
    """Share types ``default``, ``dhss_false`` and ``dhss_true``."""
    common = {
        "snapshot_support": "True",
        "create_share_from_snapshot_support": "True",
        "revert_to_snapshot_support": "True",
        "mount_snapshot_support": "True",
    }
    false = dict(
        common,
        driver_handles_share_servers="False",
        replication_type="readable",
    )
    return [
        ShareTypeConfig("default", dict(false)),
        ShareTypeConfig("dhss_false", dict(false)),
        ShareTypeConfig(
            "dhss_true", dict(common, driver_handles_share_servers="True")
        ),
    ]


def default_users() -> list[UserConfig]:
    """Users ``admin``, ``demo`` and ``alt_demo``."""
    return [
        UserConfig("admin", roles=["admin", "member", "reader"]),
        UserConfig("demo"),
        UserConfig("alt_demo"),
    ]


def _build(cls: type, data: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)}
    unknown = set(data) - known
    if unknown:
        raise ValueError(
            f"unknown {cls.__name__} setting(s): {', '.join(sorted(unknown))}"
        )
    return cls(**data)


def from_dict(data: dict[str, Any]) -> Config:
    """Build a Config from parsed TOML; missing parts take the defaults.

    Tables: ``[server]`` (host, progression, ...), ``[quotas]``,
    ``[[backends]]`` with ``[[backends.pools]]``, ``[[share_types]]``,
    ``[[users]]``.
    """
    data = copy.deepcopy(data)
    server = data.pop("server", {})
    quotas = data.pop("quotas", None)
    backends = data.pop("backends", None)
    types = data.pop("share_types", None)
    users = data.pop("users", None)
    if data:
        raise ValueError(f"unknown config table(s): {', '.join(sorted(data))}")
    config = _build(Config, server)
    if quotas:
        config.quotas.update(quotas)
    if backends is None:
        config.backends = default_backends()
    else:
        config.backends = []
        for raw in backends:
            pools = [_build(PoolConfig, p) for p in raw.pop("pools", [])]
            backend = _build(BackendConfig, raw)
            backend.pools = pools or [PoolConfig("pool1")]
            config.backends.append(backend)
    config.share_types = (
        default_share_types()
        if types is None
        else [_build(ShareTypeConfig, t) for t in types]
    )
    config.users = (
        default_users()
        if users is None
        else [_build(UserConfig, u) for u in users]
    )
    if config.progression not in ("background", "manual"):
        raise ValueError("progression must be 'background' or 'manual'")
    return config


def load(path: str | None) -> Config:
    """Read a TOML file, or return the defaults when ``path`` is None."""
    if path is None:
        return from_dict({})
    with open(path, "rb") as handle:
        data: dict[str, Any] = tomllib.load(handle)
    return from_dict(data)
