"""Share backups (Manila v2, 2.80, experimental): ``/share-backups``.

Plays ``manila/api/v2/share_backups.py`` and its view. The whole API is
experimental at every microversion: every request carries
``X-OpenStack-Manila-API-Experimental: True`` (Manila answers 404
without it).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, Self

from keystoneauth1 import adapter
from openstack import resource

from openstack_sfs.v2 import _base

#: Microversion the share backup API appeared in.
MIN_MICROVERSION = "2.80"
#: Microversion of the ``backup_type`` field.
BACKUP_TYPE_MICROVERSION = "2.85"
#: Microversion from which ``restore`` takes a target share.
TARGETED_RESTORE_MICROVERSION = "2.91"
#: The header every backup request carries.
HEADERS = {_base.EXPERIMENTAL_HEADER: "True"}


class ShareBackup(_base.ManilaResource):
    """A backup of a share."""

    resource_key = "share_backup"
    resources_key = "share_backups"
    base_path = "/share-backups"

    _query_mapping = resource.QueryParameters(
        "all_tenants",
        "description",
        "description~",
        "host",
        "id",
        "limit",
        "name",
        "name~",
        "offset",
        "share_id",
        "sort_dir",
        "sort_key",
        "status",
        "topic",
        include_pagination_defaults=False,
    )

    #: fields a create needs (one of each group); see _strict
    _create_requires = (("share_id",),)

    allow_create = True
    allow_fetch = True
    allow_commit = True
    allow_delete = True
    allow_list = True
    allow_head = False

    commit_method = "PUT"

    _max_microversion = TARGETED_RESTORE_MICROVERSION

    #: Availability zone of the backed-up share.
    availability_zone = resource.Body("availability_zone", type=str)
    #: Driver options for the backup (create only), for example
    #: ``{"backup_type": "daily"}``.
    backup_options = resource.Body("backup_options", type=dict)
    #: Backup type from the backup options (2.85).
    backup_type = resource.Body("backup_type", type=str)
    #: When the backup was created (ISO 8601).
    created_at = resource.Body("created_at", type=str)
    #: Free text about the backup.
    description = resource.Body("description", type=str)
    #: Back end that made the backup (admins only).
    host = resource.Body("host", type=str)
    #: Name of the backup.
    name = resource.Body("name", type=str)
    #: Percentage of the backup done, as a string.
    progress = resource.Body("progress", type=str)
    #: Percentage of the last restore done, as a string.
    restore_progress = resource.Body("restore_progress", type=str)
    #: Id of the backed-up share.
    share_id = resource.Body("share_id", type=str)
    #: Size of the backup in GiB (the share's size).
    size = resource.Body("size", type=int)
    #: ``creating``, ``available``, ``error``, ``deleting``,
    #: ``error_deleting`` or ``restoring``.
    status = resource.Body("status", type=str)
    #: Service that handles the backup (admins only).
    topic = resource.Body("topic", type=str)
    #: When the backup was last updated (ISO 8601).
    updated_at = resource.Body("updated_at", type=str)

    def _prepare_request(self, *args: Any, **kwargs: Any) -> Any:
        """The request, with the experimental header."""
        request = super()._prepare_request(*args, **kwargs)
        request.headers.update(HEADERS)
        return request

    @classmethod
    def list(
        cls, session: adapter.Adapter, *args: Any, **kwargs: Any
    ) -> Generator[Self, None, None]:
        """List, with the experimental header.

        :param session: The adapter of the shared-file-system service.
        :returns: A generator of backups.
        """
        headers = dict(kwargs.pop("headers", None) or {})
        headers.update(HEADERS)
        return super().list(session, *args, headers=headers, **kwargs)

    def fetch(
        self,
        session: adapter.Adapter,
        requires_id: bool = True,
        base_path: str | None = None,
        error_message: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> Self:
        """Read the backup (``GET``), with the experimental header.

        :param session: The adapter of the shared-file-system service.
        :param requires_id: Whether the id is part of the URL.
        :param base_path: Another base path, if any.
        :param error_message: The message of a 404.
        :returns: This backup, as the server answered.
        :raises: :class:`~openstack.exceptions.NotFoundException` on 404.
        """
        request = self._prepare_request(
            requires_id=requires_id, base_path=base_path
        )
        microversion = self._get_microversion(session)
        self.microversion = microversion
        response = session.get(
            request.url, headers=request.headers, microversion=microversion
        )
        self._translate_response(response, error_message=error_message)
        return self

    def restore(
        self, session: adapter.Adapter, target_share_id: str | None = None
    ) -> dict[str, str]:
        """Restore the backup (action ``restore``, 202).

        :param session: The adapter of the shared-file-system service.
        :param target_share_id: Share to restore into (2.91); by default
            the backed-up share.
        :returns: ``{"backup_id": ..., "share_id": ...}``.
        :raises: :class:`~openstack.exceptions.NotSupported` with a
            target on a server older than 2.91.
        """
        min_version = (
            TARGETED_RESTORE_MICROVERSION
            if target_share_id is not None
            else MIN_MICROVERSION
        )
        response = self._action(
            session,
            {"restore": target_share_id},
            min_microversion=min_version,
            experimental=True,
        )
        restored: dict[str, str] = response.json()["restore"]
        return restored

    def reset_status(self, session: adapter.Adapter, status: str) -> None:
        """Set the backup's status (action ``reset_status``, admin, 202).

        :param session: The adapter of the shared-file-system service.
        :param status: The new status.
        :returns: ``None``
        """
        self._action(
            session,
            {"reset_status": {"status": status}},
            min_microversion=MIN_MICROVERSION,
            experimental=True,
        )
