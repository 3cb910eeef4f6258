"""Share replicas (Manila ``/share-replicas``, ``share_replicas.py``).

Copies of a share on other back ends of the same replication domain:
create, list, show, delete, promote, resync, admin resets, force delete,
their export locations (2.47) and user metadata (2.95). The API exists
from 2.11 and was experimental until 2.55: below 2.56 every call sends
``X-OpenStack-Manila-API-Experimental: True``.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, ClassVar, Self

import requests
from keystoneauth1 import adapter
from openstack import resource, utils

from openstack_sfs.v2 import _base, _metadata

#: First microversion of the replication API (experimental).
MIN_MICROVERSION = "2.11"
#: Replication is no longer experimental from this microversion.
GA_MICROVERSION = "2.56"
#: Microversion of the replica export locations API.
EXPORT_LOCATIONS_MICROVERSION = "2.47"
#: ``scheduler_hints`` on create.
SCHEDULER_HINTS_MICROVERSION = "2.67"
#: ``share_network_id`` on create.
SHARE_NETWORK_MICROVERSION = "2.72"
#: ``quiesce_wait_time`` on promote.
QUIESCE_MICROVERSION = "2.75"
#: Replica metadata (also on create).
METADATA_MICROVERSION = "2.95"

#: create-body fields and the microversion each appeared in
_CREATE_FIELD_VERSIONS = {
    "scheduler_hints": SCHEDULER_HINTS_MICROVERSION,
    "share_network_id": SHARE_NETWORK_MICROVERSION,
    "metadata": METADATA_MICROVERSION,
}


def replication_headers(
    session: adapter.Adapter, minimum: str = MIN_MICROVERSION
) -> dict[str, str]:
    """Check the server offers replication; the headers it needs.

    :param session: The adapter of the shared-file-system service.
    :param minimum: The lowest microversion the call needs.
    :returns: The experimental header below 2.56, else nothing.
    :raises: :class:`~openstack.exceptions.NotSupported` when the server
        is older than ``minimum``.
    """
    _base.require_microversion(session, minimum, "Share replication")
    if utils.supports_microversion(session, GA_MICROVERSION):
        return {}
    return {_base.EXPERIMENTAL_HEADER: "True"}


class _ReplicationResource(_base.ManilaResource):
    """Sends the experimental header where replication is experimental."""

    #: Lowest microversion of this resource's API.
    _min_microversion: ClassVar[str] = MIN_MICROVERSION
    _extra_headers: dict[str, str] | None = None

    def _prepare_request(self, *args: Any, **kwargs: Any) -> Any:
        request = super()._prepare_request(*args, **kwargs)
        if self._extra_headers:
            request.headers.update(self._extra_headers)
        return request

    def fetch(
        self,
        session: adapter.Adapter,
        requires_id: bool = True,
        base_path: str | None = None,
        error_message: str | None = None,
        skip_cache: bool = False,
        *,
        resource_response_key: str | None = None,
        microversion: str | None = None,
        **params: Any,
    ) -> Self:
        """Show the resource (with the experimental header if needed).

        :param session: The adapter of the shared-file-system service.
        :param requires_id: Whether the URL needs the resource id.
        :param base_path: Another base path, if any.
        :param error_message: Message for a 404.
        :param skip_cache: Unused (no caching here).
        :param resource_response_key: Key of the resource in the answer.
        :param microversion: Microversion to send; by default the
            negotiated one.
        :param params: Query parameters.
        :returns: This resource, filled from the answer.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            without the API; :class:`~openstack.exceptions.NotFoundException`
            when it does not exist.
        """
        headers = replication_headers(session, self._min_microversion)
        request = self._prepare_request(
            requires_id=requires_id, base_path=base_path
        )
        if microversion is None:
            microversion = self._get_microversion(session)
        self.microversion = microversion
        response = session.get(
            request.url,
            microversion=microversion,
            params=params,
            headers=headers,
        )
        self._translate_response(
            response,
            error_message=error_message,
            resource_response_key=resource_response_key,
        )
        return self

    def create(
        self,
        session: adapter.Adapter,
        prepend_key: bool = True,
        base_path: str | None = None,
        **kwargs: Any,
    ) -> Self:
        """Create the resource (with the experimental header if needed).

        :param session: The adapter of the shared-file-system service.
        :param prepend_key: Wrap the body in the resource key.
        :param base_path: Another collection URL, if any.
        :param kwargs: Passed to openstacksdk's ``create``.
        :returns: This resource, filled from Manila's answer.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            without the API.
        """
        self._extra_headers = replication_headers(
            session, self._min_microversion
        )
        return super().create(
            session, prepend_key=prepend_key, base_path=base_path, **kwargs
        )

    def delete(
        self,
        session: adapter.Adapter,
        error_message: str | None = None,
        **kwargs: Any,
    ) -> Self:
        """Delete the resource (with the experimental header if needed).

        :param session: The adapter of the shared-file-system service.
        :param error_message: Message for a 404.
        :param kwargs: Passed to openstacksdk's ``delete``.
        :returns: This resource.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            without the API.
        """
        self._extra_headers = replication_headers(
            session, self._min_microversion
        )
        return super().delete(session, error_message=error_message, **kwargs)

    @classmethod
    def list(
        cls,
        session: adapter.Adapter,
        paginated: bool = True,
        base_path: str | None = None,
        allow_unknown_params: bool = False,
        *,
        microversion: str | None = None,
        headers: dict[str, str] | None = None,
        max_items: int | None = None,
        **params: Any,
    ) -> Generator[Self, None, None]:
        """List (with the experimental header if needed).

        :param session: The adapter of the shared-file-system service.
        :param paginated: Follow ``next`` links.
        :param base_path: Another collection URL, e.g. ``.../detail``.
        :param allow_unknown_params: Drop unknown filters silently.
        :param microversion: Microversion to send.
        :param headers: More request headers.
        :param max_items: Stop after this many items.
        :param params: Filters.
        :returns: A generator of resources.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            without the API.
        """
        extra = replication_headers(session, cls._min_microversion)
        return super().list(
            session,
            paginated=paginated,
            base_path=base_path,
            allow_unknown_params=allow_unknown_params,
            microversion=microversion,
            headers={**(headers or {}), **extra},
            max_items=max_items,
            **params,
        )


class ShareReplica(_metadata.MetadataMixin, _ReplicationResource):
    """A share replica."""

    resource_key = "share_replica"
    resources_key = "share_replicas"
    base_path = "/share-replicas"

    _query_mapping = resource.QueryParameters(
        "share_id",
        "limit",
        "offset",
        include_pagination_defaults=False,
    )

    #: fields a create needs (one of each group); see _strict
    _create_requires = (("share_id",),)

    allow_create = True
    allow_fetch = True
    allow_commit = False
    allow_delete = True
    allow_list = True
    allow_head = False

    _max_microversion = "2.95"
    _metadata_min_microversion: ClassVar[str | None] = METADATA_MICROVERSION

    #: Availability zone of the replica; on create, where to put it.
    availability_zone = resource.Body("availability_zone", type=str)
    #: Whether access rules are cast to read-only on this replica
    #: (readable replication); admins only (2.30).
    cast_rules_to_readonly = resource.Body("cast_rules_to_readonly", type=bool)
    #: When the replica was created (ISO 8601).
    created_at = resource.Body("created_at", type=str)
    #: The ``host@backend#pool`` of the replica; admins only.
    host = resource.Body("host", type=str)
    #: User metadata, a dict of strings (2.95).
    metadata = resource.Body("metadata", type=dict)
    #: ``active``, ``in_sync``, ``out_of_sync`` or ``error``.
    replica_state = resource.Body("replica_state", type=str)
    #: Scheduler hints on create, ``{"only_host": ...}`` (2.67, request
    #: only).
    scheduler_hints = resource.Body("scheduler_hints", type=dict)
    #: The share this is a replica of.
    share_id = resource.Body("share_id", type=str)
    #: Share network of the replica (on create: 2.72).
    share_network_id = resource.Body("share_network_id", type=str)
    #: Share server of the replica; admins only.
    share_server_id = resource.Body("share_server_id", type=str)
    #: ``creating``, ``available``, ``replication_change``, ``deleting``,
    #: ``error``, ``error_deleting``, ...
    status = resource.Body("status", type=str)
    #: When the replica was last updated (ISO 8601).
    updated_at = resource.Body("updated_at", type=str)

    def create(
        self,
        session: adapter.Adapter,
        prepend_key: bool = True,
        base_path: str | None = None,
        **kwargs: Any,
    ) -> Self:
        """Create the replica (``POST /share-replicas``, 202).

        :param session: The adapter of the shared-file-system service.
        :param prepend_key: Wrap the body in ``{"share_replica": ...}``.
        :param base_path: Another collection URL, if any.
        :param kwargs: Passed to openstacksdk's ``create``.
        :returns: This resource, filled from Manila's answer.
        :raises: :class:`~openstack.exceptions.NotSupported` when a field
            needs a newer microversion than the server offers.
        """
        _base.require_for_fields(
            session,
            {name: getattr(self, name) for name in _CREATE_FIELD_VERSIONS},
            _CREATE_FIELD_VERSIONS,
            "Share replica {field}",
        )
        return super().create(
            session, prepend_key=prepend_key, base_path=base_path, **kwargs
        )

    def _replica_action(
        self,
        session: adapter.Adapter,
        body: dict[str, Any],
        min_microversion: str | None = None,
    ) -> requests.Response:
        headers = replication_headers(session)
        return self._action(
            session,
            body,
            min_microversion=min_microversion,
            experimental=bool(headers),
        )

    def promote(
        self, session: adapter.Adapter, quiesce_wait_time: int | None = None
    ) -> bool:
        """Make this replica the active one (202; 200 if it already is).

        :param session: The adapter of the shared-file-system service.
        :param quiesce_wait_time: Seconds to wait for the old active
            replica to quiesce (2.75).
        :returns: ``True`` when a promotion started, ``False`` when the
            replica was already active.
        :raises: :class:`~openstack.exceptions.NotSupported` when
            ``quiesce_wait_time`` is given and the server is older than
            2.75.
        """
        params = None
        minimum = None
        if quiesce_wait_time is not None:
            params = {"quiesce_wait_time": quiesce_wait_time}
            minimum = QUIESCE_MICROVERSION
        response = self._replica_action(session, {"promote": params}, minimum)
        if response.status_code == 202 and response.content:
            self._translate_response(response, has_body=True)
        return response.status_code == 202

    def resync(self, session: adapter.Adapter) -> bool:
        """Ask the back end to sync this replica (admin).

        :param session: The adapter of the shared-file-system service.
        :returns: ``True`` when a resync started, ``False`` when the
            replica is the active one (Manila answers 200).
        """
        response = self._replica_action(session, {"resync": None})
        return response.status_code == 202

    def reset_status(self, session: adapter.Adapter, status: str) -> None:
        """Set the replica's status in the database (admin).

        :param session: The adapter of the shared-file-system service.
        :param status: ``available``, ``error``, ``creating``,
            ``deleting``, ``error_deleting``, ...
        :returns: ``None``
        """
        self._replica_action(session, {"reset_status": {"status": status}})

    def reset_replica_state(
        self, session: adapter.Adapter, replica_state: str
    ) -> None:
        """Set the replica's ``replica_state`` (admin; not the active one).

        :param session: The adapter of the shared-file-system service.
        :param replica_state: ``active``, ``in_sync``, ``out_of_sync`` or
            ``error``.
        :returns: ``None``
        """
        self._replica_action(
            session, {"reset_replica_state": {"replica_state": replica_state}}
        )

    def force_delete(self, session: adapter.Adapter) -> None:
        """Delete the replica whatever its status (admin).

        :param session: The adapter of the shared-file-system service.
        :returns: ``None``
        """
        self._replica_action(session, {"force_delete": None})


class ShareReplicaExportLocation(_ReplicationResource):
    """Where a replica can be mounted (2.47)."""

    resource_key = "export_location"
    resources_key = "export_locations"
    base_path = "/share-replicas/%(share_replica_id)s/export-locations"

    allow_create = False
    allow_fetch = True
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.95"
    _min_microversion: ClassVar[str] = EXPORT_LOCATIONS_MICROVERSION

    #: Availability zone of the replica.
    availability_zone = resource.Body("availability_zone", type=str)
    #: Creation time, ISO 8601 (show only).
    created_at = resource.Body("created_at", type=str)
    #: Whether only admins may use this location; admins only.
    is_admin = resource.Body("is_admin_only", type=bool)
    #: Whether the back end prefers this location (2.14).
    is_preferred = resource.Body("preferred", type=bool)
    #: User metadata of the location (2.87).
    metadata = resource.Body("metadata", type=dict)
    #: The mount path.
    path = resource.Body("path", type=str)
    #: The replica's ``replica_state``.
    replica_state = resource.Body("replica_state", type=str)
    #: The share instance (replica) the location belongs to; admins only.
    share_instance_id = resource.Body("share_instance_id", type=str)
    #: The replica the locations are listed for.
    share_replica_id = resource.URI("share_replica_id", type=str)
    #: Last update time, ISO 8601 (show only).
    updated_at = resource.Body("updated_at", type=str)


__all__ = [
    "ShareReplica",
    "ShareReplicaExportLocation",
    "replication_headers",
]
