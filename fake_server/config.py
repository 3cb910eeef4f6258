"""Plays manila.conf: the fake cloud's configuration, from TOML or defaults.

With no file, the cloud looks like a devstack Manila with the dummy
driver: host ``fakehost``, zone ``nova``, DHSS False backends ``alpha`` and
``beta`` and DHSS True backend ``gamma``.
"""

from __future__ import annotations

import copy
import math
import tomllib
import uuid
from dataclasses import dataclass, field, fields
from typing import Any

#: Manila's largest quota value (its DB_MAX_INT)
QUOTA_MAX = 0x7FFFFFFF
NAMESPACE = uuid.UUID("6f0b5e0a-4c4e-4e4f-9a53-6d616e696c61")


def stable_id(kind: str, name: str) -> str:
    """A UUID that is the same on every start for the same name."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{name}"))


def stable_hex(kind: str, name: str) -> str:
    """A Keystone-style hex id, the same on every start."""
    return uuid.uuid5(NAMESPACE, f"{kind}:{name}").hex


#: what every simulated pool reports unless configured otherwise: Manila's
#: dummy driver (manila/tests/share/drivers/dummy.py) as the scheduler's
#: host manager sees its pools (host_manager._append_backend_info)
DEFAULT_CAPABILITIES: dict[str, Any] = {
    "vendor_name": "Open Source",
    "driver_version": "1.0",
    "snapshot_support": True,
    "create_share_from_snapshot_support": True,
    "revert_to_snapshot_support": True,
    "mount_snapshot_support": True,
    "snapshot_inherit_share_access_support": False,
    "dedupe": False,
    "compression": False,
    "thin_provisioning": False,
    "sg_consistent_snapshot_support": "pool",
    "share_server_multiple_subnet_support": True,
    "mount_point_name_support": True,
    "security_service_update_support": True,
    "network_allocation_update_support": True,
    "share_replicas_migration_support": True,
    "encryption_support": ["share_server"],
    "qos_type_support": True,
    "ipv4_support": True,
    "ipv6_support": False,
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
    #: the preferred export address (the dummy driver's primary one)
    export_address: str = "10.0.0.10"
    #: a second, not preferred, export address (None: no second one)
    secondary_export_address: str | None = "10.0.0.20"
    #: an admin-only export address (the dummy's service IP; None: none)
    admin_export_address: str | None = "11.0.0.11"
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
    #: seconds until Manila's periodic ``create_backup_continue`` finds a
    #: backup done (Manila's option of this name; 60 there): a backup
    #: stays ``creating`` and its share ``backup_creating`` that long
    driver_backup_continue_update_interval: float = 1.0
    #: the same for ``restore_backup_continue``: a restore keeps the
    #: backup ``restoring`` and the share ``backup_restoring`` that long
    driver_restore_continue_update_interval: float = 1.0
    update_shares_status_on_ensure: bool = True
    use_scheduler_creating_share_from_snapshot: bool = False
    #: hosts a create is tried on before it fails (Manila's default 3)
    scheduler_max_attempts: int = 3
    default_share_type: str = "default"
    default_share_group_type: str = "default"
    #: SQLite file the cloud is written through to (None: memory only)
    state_file: str | None = None
    #: share servers get their ports from the minimal Neutron, as with
    #: Manila's Neutron network plugin; False: Manila's standalone plugin
    #: (any neutron ids accepted, addresses from ``server_network``)
    neutron: bool = True
    max_share_size_gb: int = 10000
    #: bodies larger than this get 413 before they are read (oslo
    #: middleware's ``max_request_body_size``, Manila's and Keystone's)
    max_request_body_size: int = 114688
    #: HTTP worker threads
    threads: int = 8
    #: open connections at most; when full, the longest idle one is closed
    #: to let a new client in
    connection_limit: int = 100
    #: seconds a connection may stay idle (or half-sent) before it is closed
    channel_timeout: int = 30
    #: the ``/_fake`` control token (None: a random one at each start)
    control_token: str | None = None
    #: listening on a non-loopback address needs this (and warns)
    allow_remote: bool = False
    #: further names by which clients reach the server (``Host`` values)
    allowed_hosts: list[str] = field(default_factory=list)
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

    def user(self, name: str) -> UserConfig:
        """The configured user called ``name``.

        :raises KeyError: naming the configured users when there is none.
        """
        for user in self.users:
            if user.name == name:
                return user
        known = ", ".join(u.name for u in self.users)
        raise KeyError(f"no user {name!r} is configured (users: {known})")

    def auth(self, name: str, auth_url: str) -> dict[str, Any]:
        """The ``auth`` section of a clouds.yaml entry for user ``name``.

        :param name: A configured user.
        :param auth_url: Keystone's URL (``http://HOST:PORT/identity/v3``).
        :returns: ``auth_url``, ``username``, ``password``,
            ``project_name`` and the ``Default`` domains.
        """
        user = self.user(name)
        return {
            "auth_url": auth_url,
            "username": user.name,
            "password": user.password,
            "project_name": user.project or user.name,
            "user_domain_name": "Default",
            "project_domain_name": "Default",
        }

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
            export_address="10.0.0.10",
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


class ConfigError(ValueError):
    """A configuration with problems; one message per wrong key or type."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


_KINDS = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "None": "nothing",
}


def _split_top(text: str, sep: str) -> list[str]:
    """Split ``text`` on ``sep`` outside brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == sep and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _matches(value: Any, annotation: str) -> bool:
    """Whether a parsed TOML value fits a field's type annotation."""
    for alt in _split_top(annotation.replace(" ", ""), "|"):
        if alt == "Any":
            return True
        if alt == "None" and value is None:
            return True
        if alt == "str" and isinstance(value, str):
            return True
        if alt == "bool" and isinstance(value, bool):
            return True
        if (
            alt == "int"
            and isinstance(value, int)
            and not isinstance(value, bool)
        ):
            return True
        if (
            alt == "float"
            and isinstance(value, (int, float))
            and not isinstance(value, bool)
            and math.isfinite(value)
        ):
            return True
        if alt.startswith("list[") and isinstance(value, list):
            inner = alt[5:-1]
            if all(_matches(item, inner) for item in value):
                return True
        if alt.startswith("dict[") and isinstance(value, dict):
            _, inner = _split_top(alt[5:-1], ",")
            if all(
                isinstance(k, str) and _matches(v, inner)
                for k, v in value.items()
            ):
                return True
    return False


_PLURAL = {
    "str": "strings",
    "int": "integers",
    "float": "numbers",
    "bool": "booleans",
    "Any": "values",
}


def _describe(annotation: str) -> str:
    """``a number``, ``a list of strings``, ``a table of integers``..."""
    words = []
    for alt in _split_top(annotation.replace(" ", ""), "|"):
        if alt.startswith("list["):
            words.append(f"a list of {_PLURAL.get(alt[5:-1], 'tables')}")
        elif alt.startswith("dict["):
            inner = _split_top(alt[5:-1], ",")[1]
            words.append(f"a table of {_PLURAL.get(inner, 'tables')}")
        elif alt != "None":
            words.append(_KINDS.get(alt, alt))
    return " or ".join(words) or "nothing"


def _build(cls: type, data: Any, where: str, problems: list[str]) -> Any:
    """An instance of dataclass ``cls`` from ``data``; adds a message to
    ``problems`` (and returns None) for each unknown key or wrong type."""
    if not isinstance(data, dict):
        problems.append(f"{where}: expected a table, got {data!r:.60}")
        return None
    types = {f.name: f.type for f in fields(cls)}
    bad = False
    for key, value in data.items():
        annotation = types.get(key)
        if annotation is None:
            problems.append(f"{where}.{key}: unknown setting")
            bad = True
        elif isinstance(annotation, str) and not _matches(value, annotation):
            problems.append(
                f"{where}.{key}: expected {_describe(annotation)}, "
                f"got {value!r:.60}"
            )
            bad = True
    return None if bad else cls(**data)


def _items(data: Any, where: str, problems: list[str]) -> list[Any]:
    if not isinstance(data, list):
        problems.append(f"{where}: expected a list of tables")
        return []
    return data


def from_dict(data: dict[str, Any]) -> Config:
    """Build a Config from parsed TOML; missing parts take the defaults.

    Tables: ``[server]`` (host, progression, ...), ``[quotas]``,
    ``[[backends]]`` with ``[[backends.pools]]`` (merged by name over the
    default backends, see :func:`_backends`), ``[[share_types]]`` and
    ``[[users]]`` (each replacing the defaults when given).
    """
    problems: list[str] = []
    data = copy.deepcopy(data)
    server = data.pop("server", {})
    quotas = data.pop("quotas", None)
    backends = data.pop("backends", None)
    types = data.pop("share_types", None)
    users = data.pop("users", None)
    for table in sorted(data):
        problems.append(f"{table}: unknown table")
    config = _build(Config, server, "server", problems) or Config()
    for key in ("quotas", "backends", "share_types", "users"):
        if key in server:  # tables of their own, not server settings
            problems.append(f"server.{key}: set it as the [{key}] table")
    if quotas is not None:
        if not isinstance(quotas, dict):
            problems.append("quotas: expected a table")
            quotas = {}
        for name, value in quotas.items():
            if name not in config.quotas:
                problems.append(f"quotas.{name}: unknown quota")
            elif (
                not isinstance(value, int)
                or isinstance(value, bool)
                or not -1 <= value <= QUOTA_MAX
            ):
                problems.append(
                    f"quotas.{name}: expected an integer from -1 "
                    f"(unlimited) to {QUOTA_MAX}, got {value!r:.60}"
                )
            else:
                config.quotas[name] = value
    config.backends = _backends(backends, problems)
    config.share_types = (
        default_share_types()
        if types is None
        else [
            _build(ShareTypeConfig, t, f"share_types[{i}]", problems)
            for i, t in enumerate(_items(types, "share_types", problems))
        ]
    )
    config.users = (
        default_users()
        if users is None
        else [
            _build(UserConfig, u, f"users[{i}]", problems)
            for i, u in enumerate(_items(users, "users", problems))
        ]
    )
    if config.progression not in ("background", "manual"):
        problems.append(
            "server.progression: expected 'background' or 'manual', got "
            f"{config.progression!r:.60}"
        )
    for key in ("threads", "connection_limit", "channel_timeout"):
        if getattr(config, key) < 1:
            problems.append(f"server.{key}: expected at least 1")
    for key in (
        "driver_backup_continue_update_interval",
        "driver_restore_continue_update_interval",
    ):
        if getattr(config, key) < 0:
            problems.append(f"server.{key}: expected 0 or more")
    if config.max_request_body_size < 1:
        problems.append("server.max_request_body_size: expected at least 1")
    if problems:
        raise ConfigError(problems)
    return config


def _backends(tables: Any, problems: list[str]) -> list[BackendConfig]:
    """The default backends with ``[[backends]]`` applied by name.

    A table naming a default backend overrides the keys it gives (``pools``
    given replace that backend's pools); a table with a new name adds a
    backend (one pool ``pool1`` unless it lists pools). ``replace = true``
    in any table starts from no default backend. Wrong tables add to
    ``problems``.
    """
    tables = copy.deepcopy(
        [] if tables is None else _items(tables, "backends", problems)
    )
    replace = False
    for index, raw in enumerate(tables):
        if not isinstance(raw, dict):
            continue
        flag = raw.pop("replace", False)
        if not isinstance(flag, bool):
            problems.append(
                f"backends[{index}].replace: expected true or false, got "
                f"{flag!r:.60}"
            )
        replace = replace or flag is True
    result = [] if replace else default_backends()
    by_name = {backend.name: backend for backend in result}
    for index, raw in enumerate(tables):
        where = f"backends[{index}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected a table, got {raw!r:.60}")
            continue
        name = raw.get("name")
        if not isinstance(name, str) or not name:
            problems.append(f"{where}.name: every backend needs a name")
            continue
        raw_pools = raw.pop("pools", None)
        # checks every given key and its type, for new and known names
        checked = _build(BackendConfig, raw, where, problems)
        if checked is None:
            continue
        backend = by_name.get(name)
        if backend is None:
            backend = checked
            backend.pools = [PoolConfig("pool1")]
            result.append(backend)
            by_name[name] = backend
        else:
            for key in raw:
                setattr(backend, key, getattr(checked, key))
        if raw_pools is not None:
            pools = [
                _build(PoolConfig, p, f"{where}.pools[{i}]", problems)
                for i, p in enumerate(
                    _items(raw_pools, f"{where}.pools", problems)
                )
            ]
            backend.pools = [p for p in pools if p] or [PoolConfig("pool1")]
    return result


def load(path: str | None) -> Config:
    """Read a TOML file, or return the defaults when ``path`` is None.

    :raises OSError: the file cannot be read.
    :raises ConfigError: it is not TOML, or settings are wrong (one
        message per problem, each naming the file).
    """
    if path is None:
        return from_dict({})
    with open(path, "rb") as handle:
        try:
            data: dict[str, Any] = tomllib.load(handle)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError([f"{path}: not valid TOML: {exc}"]) from exc
    try:
        return from_dict(data)
    except ConfigError as exc:
        raise ConfigError([f"{path}: {p}" for p in exc.problems]) from exc
