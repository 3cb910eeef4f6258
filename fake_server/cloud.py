"""The fake cloud: wires state, identity, bus, scheduler and share managers.

One :class:`Cloud` is one Manila deployment (api + scheduler + one share
manager per backend) with its Keystone. ``reset()`` restores the seeded
defaults of the configuration it was built with.
"""

from __future__ import annotations

import collections
import copy
import logging
import threading
import time
from typing import TYPE_CHECKING, Any

from fake_server import messages
from fake_server.bus import Bus
from fake_server.config import Config, stable_id
from fake_server.context import Context
from fake_server.guard import new_control_token
from fake_server.identity import Identity, tokens
from fake_server.network import neutron
from fake_server.request_log import RequestLog
from fake_server.scheduler import PoolState
from fake_server.scheduler.host_manager import pools_from_stats
from fake_server.share_api import indexes, quota_usages, replicas
from fake_server.share_manager import ShareManager
from fake_server.state import Record, Store, now

if TYPE_CHECKING:
    from fake_server.persistence import Message, Persistence

LOG = logging.getLogger(__name__)

SCHEDULER_TOPIC = "manila-scheduler"
#: the newest notifications kept for ``/_fake/notifications``
NOTIFICATIONS_KEPT = 10000


class Cloud:
    """One fake Manila deployment."""

    def __init__(self, config: Config) -> None:
        self.base_config = copy.deepcopy(config)
        self.config = copy.deepcopy(config)
        self.store = Store()
        indexes.install(self.store)
        self.quota_book = quota_usages.Book(self.store)
        replicas.install(self.store)
        self.identity = Identity(config, self.store)
        self.bus = Bus(config.progression)
        #: the credential of the control API and the console (besides an
        #: admin token)
        self.control_token = config.control_token or new_control_token()
        #: ``/_fake/wait`` calls that may wait at once (half the threads)
        self.wait_slots = threading.BoundedSemaphore(
            max(1, config.threads // 2)
        )
        self.notifications: collections.deque[dict[str, Any]] = (
            collections.deque(maxlen=NOTIFICATIONS_KEPT)
        )
        self._notify_lock = threading.Lock()
        #: the requests the API served, newest kept (bounded)
        self.requests = RequestLog()
        self.managers: dict[str, ShareManager] = {}
        self._start_managers()
        self._seed()
        self.persistence: Persistence | None = None
        if config.state_file:
            self._open_state(config.state_file)

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
            self.notifications.clear()
        self.requests.clear()
        self._start_managers()
        self._seed()

    def flush(self) -> None:
        """Write what changed to the state file (no-op in memory)."""
        self.store.flush()

    def close(self) -> None:
        """Stop worker threads; write the last changes and close the
        state file (if any)."""
        self.bus.stop()
        if self.persistence is not None:
            try:
                self.flush()
            finally:
                self.persistence.close()
                self.persistence = None

    def _open_state(self, path: str) -> None:
        """Write the cloud through to ``path``; load what it holds first.

        A new (or empty) file gets the seeded cloud. A file with a cloud
        replaces the seeded one, and the services start as Manila's do:
        queued work is delivered again, and each share service runs
        ensure shares if its backend info changed.

        :raises StateFileError: the file is not a usable state file.
        """
        from fake_server.persistence import Persistence  # sqlite3: only here

        persistence = Persistence(path)
        try:
            tables = persistence.load()
            queued = persistence.queued()
        except BaseException:
            persistence.close()
            raise
        self.persistence = persistence
        self.bus.journal = persistence
        self.bus.after_task = self.flush
        if not tables:
            self.store.attach(persistence, fresh=True)
            self.flush()
            return
        self.store.load(tables)
        self.store.attach(persistence, fresh=False)
        # a state file from before token keys were kept gets this one's
        self.store.touch(tokens.KEYS, "signing")
        self._add_missing_services()
        for manager in self.managers.values():
            manager.allocate_from_store()
            manager.stop()  # its queue waits until it has started
        self._redeliver(queued)
        for manager in self.managers.values():
            manager.start()
        self.flush()

    def _add_missing_services(self) -> None:
        """Service records for backends added to the configuration since
        the state was written (Manila's service creates its own record)."""
        services = self.store.select("services")
        known = {(r["binary"], r["host"]) for r in services}
        next_id = 1 + max(
            (int(r["id"]) for r in services if str(r["id"]).isdigit()),
            default=0,
        )
        for manager in self.managers.values():
            if ("manila-share", manager.host) in known:
                continue
            self.store.insert(
                "services",
                {
                    "id": str(next_id),
                    "binary": "manila-share",
                    "host": manager.host,
                    "zone": manager.availability_zone,
                    "disabled": False,
                    "disabled_reason": None,
                    "ensuring": False,
                    "backend_info_hash": None,
                },
            )
            next_id += 1

    def _redeliver(self, queued: list[Message]) -> None:
        """Cast again what was left in the durable queue, in order."""
        from fake_server.persistence import resolve

        assert self.persistence is not None
        for message in queued:
            self.persistence.done(message.id)
            try:
                fn, args = resolve(message, self)
            except LookupError as exc:
                LOG.warning(
                    "dropping queued %s.%s: %s",
                    message.target,
                    message.name,
                    exc,
                )
                continue
            self.bus.cast(message.topic, fn, *args, delay=message.delay)

    # -- seeding -------------------------------------------------------------

    def _seed(self) -> None:
        self.identity.seed()
        store = self.store
        config = self.config
        service_id = 0

        def service(
            binary: str,
            host: str,
            zone: str | None = None,
            backend_info_hash: str | None = None,
        ) -> Record:
            nonlocal service_id
            service_id += 1
            return store.insert(
                "services",
                {
                    "id": str(service_id),
                    "binary": binary,
                    "host": host,
                    "zone": zone or config.storage_availability_zone,
                    "disabled": False,
                    "disabled_reason": None,
                    "ensuring": False,
                    "backend_info_hash": backend_info_hash,
                },
            )

        # in the order devstack's Manila plugin starts them
        # (start_rest_of_manila: m-shr, m-sch, m-dat); Manila lists
        # services in the order they registered (database ids)
        for manager in self.managers.values():
            service(
                "manila-share",
                manager.host,
                zone=manager.backend.availability_zone,
                backend_info_hash=manager.driver.backend_info_hash(),
            )
        service("manila-scheduler", config.host)
        service("manila-data", config.host)
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
