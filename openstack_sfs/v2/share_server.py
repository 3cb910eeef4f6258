"""Share servers (Manila ``/share-servers``, ``share_servers.py``; admin).

The virtual file servers a back end with ``driver_handles_share_servers``
creates per share network subnet: list, show, back-end details, delete,
reset status, manage and unmanage (2.49) and migration (2.57,
experimental).
"""

from __future__ import annotations

from typing import Any, Self

from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base

#: Microversion of share server manage, unmanage and reset status.
MANAGE_MICROVERSION = "2.49"
#: Microversion that lets manage name a share network subnet.
MANAGE_SUBNET_MICROVERSION = "2.51"
#: Microversion of share server migration (experimental).
MIGRATION_MICROVERSION = "2.57"


class ShareServer(_base.ManilaResource):
    """A share server (admin only)."""

    resource_key = "share_server"
    resources_key = "share_servers"
    base_path = "/share-servers"

    # Manila answers an empty list when it sees any other query key, so
    # pagination and sorting keys are deliberately absent.
    _query_mapping = resource.QueryParameters(
        "host",
        "status",
        "share_network",
        "share_network_id",
        "share_network_subnet_id",
        "project_id",
        "identifier",
        "task_state",
        "source_share_server_id",
        "security_service_update_support",
        "network_allocation_update_support",
        "encryption_key_ref",
        "is_auto_deletable",
        include_pagination_defaults=False,
    )

    allow_create = False
    allow_fetch = True
    allow_commit = False
    allow_delete = True
    allow_list = True
    allow_head = False

    _max_microversion = "2.90"

    #: Driver data about the server (IP addresses, names...); show only.
    backend_details = resource.Body("backend_details", type=dict)
    #: When the server was created (show only).
    created_at = resource.Body("created_at")
    #: Key manager reference of the server's encryption key (2.90).
    encryption_key_ref = resource.Body("encryption_key_ref", type=str)
    #: The ``host@backend`` the server lives on.
    host = resource.Body("host", type=str)
    #: ID of the server.
    id = resource.Body("id", type=str)
    #: The server's identifier on the back end (2.49).
    identifier = resource.Body("identifier", type=str)
    #: Whether Manila deletes the server when its last share goes (2.49).
    is_auto_deletable = resource.Body("is_auto_deletable", type=bool)
    #: Whether the driver can change the network allocations (2.70).
    network_allocation_update_support = resource.Body(
        "network_allocation_update_support", type=bool
    )
    #: ID of the project of the share network.
    project_id = resource.Body("project_id", type=str)
    #: Whether security services can be changed while in use (2.63).
    security_service_update_support = resource.Body(
        "security_service_update_support", type=bool
    )
    #: ID of the share network.
    share_network_id = resource.Body("share_network_id", type=str)
    #: Name of the share network.
    share_network_name = resource.Body("share_network_name", type=str)
    #: ID of the share network subnet (2.51 to 2.69).
    share_network_subnet_id = resource.Body(
        "share_network_subnet_id", type=str
    )
    #: IDs of the share network subnets, sorted (2.70).
    share_network_subnet_ids = resource.Body(
        "share_network_subnet_ids", type=list
    )
    #: ID of the server this one is migrated from (2.57).
    source_share_server_id = resource.Body("source_share_server_id", type=str)
    #: Status (``active``, ``error``, ``creating``, ``deleting``, ...).
    status = resource.Body("status", type=str)
    #: Migration task state, or ``None`` (2.57).
    task_state = resource.Body("task_state", type=str)
    #: When the server was last updated.
    updated_at = resource.Body("updated_at")

    # -- reads -------------------------------------------------------------

    def fetch_details(self, session: adapter.Adapter) -> dict[str, Any]:
        """Read the driver's details (``GET /share-servers/{id}/details``).

        :param session: The adapter of the shared-file-system service.
        :returns: The ``details`` dict Manila answers.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            server does not exist.
        """
        url = utils.urljoin(self.base_path, self.id, "details")
        response = session.get(
            url, microversion=self._get_microversion(session)
        )
        exceptions.raise_from_response(response)
        details: dict[str, Any] = response.json().get("details") or {}
        return details

    # -- admin actions -----------------------------------------------------

    def reset_status(self, session: adapter.Adapter, status: str) -> None:
        """Set the server's status in the database (2.49).

        :param session: The adapter of the shared-file-system service.
        :param status: The new status, e.g. ``active`` or ``error``.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.49.
        """
        self._action(
            session,
            {"reset_status": {"status": status}},
            min_microversion=MANAGE_MICROVERSION,
        )

    def unmanage(self, session: adapter.Adapter, force: bool = False) -> None:
        """Stop managing the server, leaving it on the back end (2.49).

        :param session: The adapter of the shared-file-system service.
        :param force: Remove it from Manila even if the driver fails.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.49.
        """
        self._action(
            session,
            {"unmanage": {"force": force}},
            min_microversion=MANAGE_MICROVERSION,
        )

    def manage(
        self,
        session: adapter.Adapter,
        host: str,
        share_network_id: str,
        identifier: str,
        driver_options: dict[str, Any] | None = None,
        share_network_subnet_id: str | None = None,
    ) -> Self:
        """Bring an existing back-end server under Manila (2.49).

        ``POST /share-servers/manage``, answered with 202.

        :param session: The adapter of the shared-file-system service.
        :param host: The ``host@backend`` (no pool).
        :param share_network_id: ID of the share network to attach it to.
        :param identifier: The server's identifier on the back end.
        :param driver_options: Driver-specific options.
        :param share_network_subnet_id: ID of the subnet to use (2.51);
            by default the share network's default subnet.
        :returns: This resource, filled from Manila's answer.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.49, or 2.51 with ``share_network_subnet_id``.
        """
        microversion = self._microversion_for(
            session, MANAGE_MICROVERSION, "Share server manage"
        )
        body: dict[str, Any] = {
            "host": host,
            "share_network_id": share_network_id,
            "identifier": identifier,
        }
        if driver_options is not None:
            body["driver_options"] = driver_options
        if share_network_subnet_id is not None:
            _base.require_microversion(
                session,
                MANAGE_SUBNET_MICROVERSION,
                "Share server manage with a share network subnet",
            )
            body["share_network_subnet_id"] = share_network_subnet_id
        url = utils.urljoin(self.base_path, "manage")
        response = session.post(
            url, json={"share_server": body}, microversion=microversion
        )
        exceptions.raise_from_response(response)
        self._translate_response(response)
        return self

    # -- migration (experimental) ------------------------------------------

    @staticmethod
    def _migration_params(
        host: str,
        preserve_snapshots: bool,
        writable: bool,
        nondisruptive: bool,
        new_share_network_id: str | None,
    ) -> dict[str, Any]:
        """The body of ``migration_check`` and ``migration_start``.

        ``new_share_network_id`` is always sent (null when not changing):
        Manila 23's migration_check view reads it unconditionally and
        fails without it.
        """
        return {
            "host": host,
            "preserve_snapshots": preserve_snapshots,
            "writable": writable,
            "nondisruptive": nondisruptive,
            "new_share_network_id": new_share_network_id,
        }

    def _migration_action(
        self, session: adapter.Adapter, name: str, params: Any = None
    ) -> Any:
        """Run an experimental migration action; the answer's JSON or None."""
        response = self._action(
            session,
            {name: params},
            min_microversion=MIGRATION_MICROVERSION,
            experimental=True,
        )
        if not response.content:
            return None
        return response.json()

    def migration_check(
        self,
        session: adapter.Adapter,
        host: str,
        preserve_snapshots: bool,
        writable: bool,
        nondisruptive: bool,
        new_share_network_id: str | None = None,
    ) -> dict[str, Any]:
        """Ask whether the server can move to ``host`` (2.57, exp.).

        :param session: The adapter of the shared-file-system service.
        :param host: Destination ``host@backend`` (no pool).
        :param preserve_snapshots: Snapshots must move along.
        :param writable: Shares must stay writable during migration.
        :param nondisruptive: Clients must not be disrupted.
        :param new_share_network_id: Move to another share network.
        :returns: Manila's answer: ``compatible``,
            ``requested_capabilities`` and ``supported_capabilities``.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        params = self._migration_params(
            host,
            preserve_snapshots,
            writable,
            nondisruptive,
            new_share_network_id,
        )
        result: dict[str, Any] = self._migration_action(
            session, "migration_check", params
        )
        return result or {}

    def migration_start(
        self,
        session: adapter.Adapter,
        host: str,
        preserve_snapshots: bool,
        writable: bool,
        nondisruptive: bool,
        new_share_network_id: str | None = None,
    ) -> None:
        """Start moving the server to ``host`` (2.57, exp., 202).

        :param session: The adapter of the shared-file-system service.
        :param host: Destination ``host@backend`` (no pool).
        :param preserve_snapshots: Snapshots must move along.
        :param writable: Shares must stay writable during migration.
        :param nondisruptive: Clients must not be disrupted.
        :param new_share_network_id: Move to another share network.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        params = self._migration_params(
            host,
            preserve_snapshots,
            writable,
            nondisruptive,
            new_share_network_id,
        )
        self._migration_action(session, "migration_start", params)

    def migration_complete(self, session: adapter.Adapter) -> dict[str, Any]:
        """Finish the migration (second phase; 2.57, exp.).

        :param session: The adapter of the shared-file-system service.
        :returns: ``{"destination_share_server_id": ...}``.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        result: dict[str, Any] = self._migration_action(
            session, "migration_complete"
        )
        return result or {}

    def migration_cancel(self, session: adapter.Adapter) -> None:
        """Cancel a running migration (2.57, exp., 202).

        :param session: The adapter of the shared-file-system service.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        self._migration_action(session, "migration_cancel")

    def migration_get_progress(
        self, session: adapter.Adapter
    ) -> dict[str, Any]:
        """Read the migration's progress (2.57, exp.).

        :param session: The adapter of the shared-file-system service.
        :returns: ``total_progress``, ``task_state`` and
            ``destination_share_server_id``.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        result: dict[str, Any] = self._migration_action(
            session, "migration_get_progress"
        )
        return result or {}

    def reset_task_state(
        self, session: adapter.Adapter, task_state: str | None
    ) -> None:
        """Set the server's migration task state (2.57, exp.).

        :param session: The adapter of the shared-file-system service.
        :param task_state: The new task state; ``None`` clears it.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        self._migration_action(
            session, "reset_task_state", {"task_state": task_state}
        )
