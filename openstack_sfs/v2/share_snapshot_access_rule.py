"""Snapshot access rules and export locations (mountable snapshots, 2.32).

Manila's ``share_snapshots.py`` (``allow_access``, ``deny_access`` and
``access_list``) and ``share_snapshot_export_locations.py``. They only work
for snapshots of shares whose type has ``mount_snapshot_support``.
"""

from __future__ import annotations

from typing import Any, Self

from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base

#: Microversion that introduced mountable snapshots.
MOUNTABLE_SNAPSHOTS_MICROVERSION = "2.32"


class ShareSnapshotAccessRule(_base.ManilaResource):
    """An access rule of a mountable snapshot.

    Rules are listed at ``GET /snapshots/{id}/access-list``; they are
    created and removed with the snapshot actions ``allow_access`` and
    ``deny_access``.
    """

    resource_key = "snapshot_access"
    resources_key = "snapshot_access_list"
    base_path = "/snapshots/%(snapshot_id)s/access-list"

    _query_mapping = resource.QueryParameters(
        include_pagination_defaults=False
    )

    allow_create = False
    allow_fetch = False
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    #: 2.38 accepts IPv6 addresses in ``ip`` rules.
    _max_microversion = "2.38"

    #: Who is granted access: an IP or CIDR, a user or a certificate name.
    access_to = resource.Body("access_to", type=str)
    #: The kind of rule: ``ip``, ``user``, ``cert`` or ``cephx``.
    access_type = resource.Body("access_type", type=str)
    #: ID of the rule.
    id = resource.Body("id", type=str)
    #: ID of the snapshot the rule belongs to.
    snapshot_id = resource.URI("snapshot_id")
    #: State of the rule (``queued_to_apply``, ``active``, ``error``, ...).
    state = resource.Body("state", type=str)

    @staticmethod
    def _snapshot_action_url(snapshot_id: str) -> str:
        """``/snapshots/{id}/action``."""
        url: str = utils.urljoin("/snapshots", snapshot_id, "action")
        return url

    @classmethod
    def allow(
        cls,
        session: adapter.Adapter,
        snapshot_id: str,
        access_type: str,
        access_to: str,
    ) -> Self:
        """Grant access to a snapshot (``allow_access`` action, 202).

        :param session: The adapter of the shared-file-system service.
        :param snapshot_id: ID of the snapshot.
        :param access_type: ``ip``, ``user``, ``cert`` or ``cephx``.
        :param access_to: The address, user or certificate name.
        :returns: The new rule, usually in state ``queued_to_apply``.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.32.
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            the snapshot is not mountable or the rule exists already.
        """
        microversion = cls._get_microversion_checked(session)
        body = {
            "allow_access": {
                "access_type": access_type,
                "access_to": access_to,
            }
        }
        response = session.post(
            cls._snapshot_action_url(snapshot_id),
            json=body,
            microversion=microversion,
        )
        exceptions.raise_from_response(response)
        rule = cls(snapshot_id=snapshot_id)
        rule._translate_response(response)
        return rule

    @classmethod
    def deny(
        cls, session: adapter.Adapter, snapshot_id: str, access_id: str
    ) -> None:
        """Remove an access rule (``deny_access`` action, 202).

        :param session: The adapter of the shared-file-system service.
        :param snapshot_id: ID of the snapshot.
        :param access_id: ID of the rule.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.32.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            rule does not exist.
        """
        microversion = cls._get_microversion_checked(session)
        response = session.post(
            cls._snapshot_action_url(snapshot_id),
            json={"deny_access": {"access_id": access_id}},
            microversion=microversion,
        )
        exceptions.raise_from_response(response)

    @classmethod
    def _get_microversion_checked(cls, session: adapter.Adapter) -> str | None:
        """The negotiated microversion, after checking 2.32 is offered."""
        _base.require_microversion(
            session, MOUNTABLE_SNAPSHOTS_MICROVERSION, "Snapshot access rules"
        )
        return cls._get_microversion(session)

    @classmethod
    def list(cls, session: adapter.Adapter, *args: Any, **kwargs: Any) -> Any:
        """List the rules (``GET /snapshots/{id}/access-list``, 2.32).

        :param session: The adapter of the shared-file-system service.
        :returns: A generator of rules.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.32.
        """
        _base.require_microversion(
            session, MOUNTABLE_SNAPSHOTS_MICROVERSION, "Snapshot access rules"
        )
        return super().list(session, *args, **kwargs)


class ShareSnapshotExportLocation(_base.ManilaResource):
    """Where a mountable snapshot can be mounted (2.32).

    ``GET /snapshots/{id}/export-locations[/{el_id}]``. Admin-only paths
    are hidden from other users.
    """

    resource_key = "share_snapshot_export_location"
    resources_key = "share_snapshot_export_locations"
    base_path = "/snapshots/%(snapshot_id)s/export-locations"

    _query_mapping = resource.QueryParameters(
        include_pagination_defaults=False
    )

    allow_create = False
    allow_fetch = True
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.32"

    #: When the export location was created (show only).
    created_at = resource.Body("created_at")
    #: ID of the export location.
    id = resource.Body("id", type=str)
    #: Whether only admins may see and use it (admin only).
    is_admin_only = resource.Body("is_admin_only", type=bool)
    #: Links to the export location.
    links = resource.Body("links", type=list)
    #: The mount path, e.g. ``10.0.0.10:/snapshots/snap-1``.
    path = resource.Body("path", type=str)
    #: ID of the snapshot instance it belongs to (admin only).
    share_snapshot_instance_id = resource.Body(
        "share_snapshot_instance_id", type=str
    )
    #: ID of the snapshot.
    snapshot_id = resource.URI("snapshot_id")
    #: When the export location was last updated (show only).
    updated_at = resource.Body("updated_at")

    def fetch(
        self, session: adapter.Adapter, *args: Any, **kwargs: Any
    ) -> Self:
        """Show one export location (2.32).

        :param session: The adapter of the shared-file-system service.
        :returns: This resource, filled from Manila's answer.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.32.
        """
        _base.require_microversion(
            session,
            MOUNTABLE_SNAPSHOTS_MICROVERSION,
            "Snapshot export locations",
        )
        return super().fetch(session, *args, **kwargs)

    @classmethod
    def list(cls, session: adapter.Adapter, *args: Any, **kwargs: Any) -> Any:
        """List export locations of a snapshot (2.32).

        :param session: The adapter of the shared-file-system service.
        :returns: A generator of export locations.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.32.
        """
        _base.require_microversion(
            session,
            MOUNTABLE_SNAPSHOTS_MICROVERSION,
            "Snapshot export locations",
        )
        return super().list(session, *args, **kwargs)
