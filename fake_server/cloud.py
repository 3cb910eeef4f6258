"""The fake cloud: wires state, identity, bus, scheduler and share managers.

One :class:`Cloud` is one Manila deployment (api + scheduler + one share
manager per backend) with its Keystone. ``reset()`` restores the seeded
defaults of the configuration it was built with.
"""

from __future__ import annotations

import copy
import logging
import os
import secrets
import threading
import time
from typing import Any

from fake_server import messages
from fake_server.bus import Bus
from fake_server.config import Config, stable_id
from fake_server.context import Context
from fake_server.identity import Identity
from fake_server.network import neutron
from fake_server.request_log import RequestLog
from fake_server.scheduler import PoolState
from fake_server.scheduler.host_manager import pools_from_stats
from fake_server.share_manager import ShareManager
from fake_server.state import Record, Store, now

LOG = logging.getLogger(__name__)

SCHEDULER_TOPIC = "manila-scheduler"


class Cloud:
    """One fake Manila deployment."""

    def __init__(self, config: Config) -> None:
        self.base_config = copy.deepcopy(config)
        self.config = copy.deepcopy(config)
        self.store = Store()
        self.identity = Identity(config, self.store)
        self.bus = Bus(config.progression)
        self.notifications: list[dict[str, Any]] = []
        self._notify_lock = threading.Lock()
        #: the credential of the control API and the console
        self.control_token = secrets.token_urlsafe(24)
        #: the requests the API served, newest kept (bounded)
        self.requests = RequestLog()
        self.managers: dict[str, ShareManager] = {}
        self._start_managers()
        self._seed()
        if config.state_file and os.path.exists(config.state_file):
            self.load_state(config.state_file)

    # -- lifecycle ---------------------------------------------------------

    def _start_managers(self) -> None:
        self.managers = {}
        #: host@backend -> (driver stats, pool states, service flags)
        self._pool_states: dict[
            str, tuple[Any, list[PoolState], tuple[bool, bool]]
        ] = {}
        for backend in self.config.backends:
            manager = ShareManager(self, backend)
            self.managers[manager.host] = manager

    def reset(self) -> None:
        """Forget everything and restore the seeded defaults."""
        self.bus.clear()
        self.config = copy.deepcopy(self.base_config)
        self.bus.set_policy(self.config.progression)
        self.bus.clock = 0.0
        self.store.reset()
        with self._notify_lock:
            self.notifications = []
        self.requests.clear()
        self._start_managers()
        self._seed()

    def close(self) -> None:
        """Stop worker threads (and save state if configured)."""
        if self.config.state_file:
            self.store.save(self.config.state_file)
        self.bus.stop()

    def load_state(self, path: str) -> None:
        """Load a saved store, then start share services as Manila does."""
        import json

        with open(path, encoding="utf-8") as handle:
            self.store.load(json.load(handle))
        for manager in self.managers.values():
            manager.allocate_from_store()
            manager.start()

    # -- seeding -------------------------------------------------------------

    def _seed(self) -> None:
        self.identity.seed()
        store = self.store
        config = self.config
        service_id = 0

        def service(binary: str, host: str) -> Record:
            nonlocal service_id
            service_id += 1
            return store.insert(
                "services",
                {
                    "id": str(service_id),
                    "binary": binary,
                    "host": host,
                    "zone": config.storage_availability_zone,
                    "disabled": False,
                    "disabled_reason": None,
                    "ensuring": False,
                    "backend_info_hash": None,
                },
            )

        service("manila-scheduler", config.host)
        service("manila-data", config.host)
        for manager in self.managers.values():
            record = service("manila-share", manager.host)
            if manager.backend.availability_zone:
                record["zone"] = manager.backend.availability_zone
            record["backend_info_hash"] = manager.driver.backend_info_hash()
        zones = {config.storage_availability_zone} | {
            b.availability_zone for b in config.backends if b.availability_zone
        }
        for zone in sorted(zones):
            store.insert(
                "availability_zones",
                {"id": stable_id("az", zone), "name": zone},
            )
        for share_type in config.share_types:
            store.insert(
                "share_types",
                {
                    "id": stable_id("share_type", share_type.name),
                    "name": share_type.name,
                    "description": share_type.description,
                    "extra_specs": dict(share_type.extra_specs),
                    "is_public": share_type.is_public,
                    "projects": [],
                },
            )
        neutron.seed(store, self.identity.project_ids(), Context.internal())
        store.insert(
            "share_group_types",
            {
                "id": stable_id("share_group_type", "default"),
                "name": config.default_share_group_type,
                "is_public": True,
                "group_specs": {},
                "share_types": [
                    stable_id("share_type", config.default_share_type)
                ],
                "projects": [],
            },
        )

    # -- services ----------------------------------------------------------

    def manager(self, host: str) -> ShareManager | None:
        """The share manager of ``host@backend`` (pool part ignored)."""
        return self.managers.get(host.partition("#")[0])

    def service_record(self, host: str) -> Record | None:
        """The manila-share service record of ``host@backend``."""
        for record in self.store.select("services"):
            if record["binary"] == "manila-share" and record["host"] == host:
                return record
        return None

    def service_state(self, record: Record) -> str:
        """``up`` or ``down``, from the service's last heartbeat."""
        if record["binary"] != "manila-share":
            return "up"
        manager = self.managers.get(record["host"])
        if manager is None:
            return "down"
        if manager.running:  # it heartbeats every report_interval
            return "up"
        last = manager.last_heartbeat()
        if time.monotonic() - last > self.config.service_down_time:
            return "down"
        return "up"

    def service_updated_at(self, record: Record) -> str | None:
        """When the service last reported (its heartbeat)."""
        manager = self.managers.get(record["host"])
        if manager is None or record["binary"] != "manila-share":
            return record.get("updated_at") or record.get("created_at")
        return manager.heartbeat_time()

    def pools(self) -> list[PoolState]:
        """Every pool of every backend, with its service's health.

        The pool states of a backend are kept while its driver hands back
        the same stats (updated in place as capacity is used); only the
        service flags are refreshed on each call.
        """
        services = {
            r["host"]: r
            for r in self.store.select("services")
            if r["binary"] == "manila-share"
        }
        result: list[PoolState] = []
        for manager in self.managers.values():
            record = services.get(manager.host) or {}
            up = bool(record) and self.service_state(record) == "up"
            enabled = not record.get("disabled", False)
            stats = manager.driver.get_share_stats()
            cached = self._pool_states.get(manager.host)
            if cached is None or cached[0] is not stats:
                states = pools_from_stats(
                    self.config.host,
                    manager.backend.name,
                    manager.availability_zone,
                    stats,
                    up=up,
                    enabled=enabled,
                )
                cached = (stats, states, (up, enabled))
                self._pool_states[manager.host] = cached
            elif cached[2] != (up, enabled):
                for state in cached[1]:
                    state.service_up = up
                    state.service_enabled = enabled
                cached = (stats, cached[1], (up, enabled))
                self._pool_states[manager.host] = cached
            result.extend(cached[1])
        return result

    # -- notifications and user messages ---------------------------------

    def notify(self, event_type: str, payload: dict[str, Any]) -> None:
        """Record a notification (``/_fake/notifications`` shows them)."""
        with self._notify_lock:
            self.notifications.append(
                {
                    "event_type": event_type,
                    "priority": "INFO",
                    "publisher_id": f"share.{self.config.host}",
                    "timestamp": now(),
                    "payload": payload,
                }
            )

    def user_message(
        self,
        project_id: str,
        resource_type: str,
        resource_id: str,
        action_id: str,
        detail_id: str,
        request_id: str = "",
    ) -> Record:
        """Add a user message as Manila's message API does on failures."""
        from fake_server.share_api.messages import stamp_expiry

        return stamp_expiry(
            self.store.insert(
                "messages",
                {
                    "project_id": project_id,
                    "resource_type": resource_type,
                    "resource_id": resource_id,
                    "action_id": action_id,
                    "detail_id": detail_id,
                    "message_level": "ERROR",
                    "request_id": request_id or f"req-{resource_id}",
                    "user_message": messages.text(action_id, detail_id),
                    "expires_at": None,
                },
            )
        )
