"""Shares (Manila v2): ``/shares``, their actions and metadata.

Plays the client side of Manila's ``manila/api/v2/shares.py`` and
``manila/api/views/shares.py`` up to microversion 2.99.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base, _metadata

if TYPE_CHECKING:
    from typing_extensions import Self  # noqa: UP035

#: Create-body fields and the microversion each appeared in.
_CREATE_FIELD_VERSIONS: dict[str, str] = {
    "share_group_id": "2.31",
    "scheduler_hints": "2.65",
    "mount_point_name": "2.84",
    "encryption_key_ref": "2.90",
}

#: Manage-body fields and the microversion each appeared in.
_MANAGE_FIELD_VERSIONS: dict[str, str] = {
    "is_public": "2.8",
    "share_server_id": "2.49",
    "mount_point_name": "2.92",
}

#: The optional parameters of ``POST /shares/manage``.
MANAGE_PARAMS = frozenset(
    {"name", "description", "share_type", "driver_options"}
    | set(_MANAGE_FIELD_VERSIONS)
)

#: From 2.96 on, share migration (and ``reset_task_state``) is no longer
#: experimental.
_MIGRATION_GA = "2.96"


class Share(_metadata.MetadataMixin, _base.ManilaResource):
    """A Manila share."""

    resource_key = "share"
    resources_key = "shares"
    base_path = "/shares"

    _query_mapping = resource.QueryParameters(
        "availability_zone",
        "description",
        "description~",
        "encryption_key_ref",
        "export_location_id",
        "export_location_path",
        "extra_specs",
        "host",
        "is_public",
        "is_soft_deleted",
        "limit",
        "metadata",
        "mount_point_name",
        "name",
        "name~",
        "offset",
        "project_id",
        "share_group_id",
        "share_network_id",
        "share_server_id",
        "share_type_id",
        "snapshot_id",
        "sort_dir",
        "sort_key",
        "status",
        "with_count",
        all_projects="all_tenants",
        include_pagination_defaults=False,
    )

    #: fields a create needs (one of each group); see _strict
    _create_requires = (("share_protocol",), ("size", "snapshot_id"))

    allow_create = True
    allow_fetch = True
    allow_commit = True
    allow_delete = True
    allow_list = True
    allow_head = False

    _max_microversion = "2.99"
    _metadata_min_microversion = None
    _filter_microversions: ClassVar[dict[str, str]] = {
        "export_location_id": "2.35",
        "export_location_path": "2.35",
        "name~": "2.36",
        "description~": "2.36",
        "description": "2.36",
        "with_count": "2.42",
        "is_soft_deleted": "2.69",
        "encryption_key_ref": "2.90",
        "availability_zone": "2.97",
    }

    #: Status of the access rules of the share: ``active``, ``error`` or
    #: ``syncing`` (``out_of_sync`` from 2.10 to 2.27). Since 2.10.
    access_rules_status = resource.Body("access_rules_status", type=str)
    #: Name of the availability zone the share lives in (honoured on
    #: create since 2.1).
    availability_zone = resource.Body("availability_zone", type=str)
    #: Creation time, ISO 8601.
    created_at = resource.Body("created_at", type=str)
    #: User-given description.
    description = resource.Body("description", type=str)
    #: Description sent on update (Manila's update accepts only the
    #: ``display_*`` names); set automatically from :attr:`description`.
    display_description = resource.Body("display_description", type=str)
    #: Name sent on update; set automatically from :attr:`name`.
    display_name = resource.Body("display_name", type=str)
    #: Encryption key reference (Barbican secret). Since 2.90.
    encryption_key_ref = resource.Body("encryption_key_ref", type=str)
    #: Primary export path. Only up to 2.8 (then the export locations
    #: API).
    export_location = resource.Body("export_location", type=str)
    #: All export paths. Only up to 2.8.
    export_locations = resource.Body("export_locations", type=list)
    #: Backend host ``host@backend#pool``; admins only.
    host = resource.Body("host", type=str)
    #: Whether new shares may be created from this share's snapshots.
    #: Since 2.24.
    is_creating_new_share_from_snapshot_supported = resource.Body(
        "create_share_from_snapshot_support", type=bool
    )
    #: Whether snapshots of the share can be mounted. Since 2.32.
    is_mounting_snapshot_supported = resource.Body(
        "mount_snapshot_support", type=bool
    )
    #: Whether the share is visible to all projects.
    is_public = resource.Body("is_public", type=bool)
    #: Whether the share has replicas (``has_replicas``). Since 2.11.
    is_replicated = resource.Body("has_replicas", type=bool)
    #: Whether the share can be reverted to its latest snapshot.
    #: Since 2.27.
    is_reverting_to_snapshot_supported = resource.Body(
        "revert_to_snapshot_support", type=bool
    )
    #: Whether snapshots inherit the share's access rules. Since 2.99.
    is_snapshot_inheriting_share_access_supported = resource.Body(
        "snapshot_inherit_share_access_support", type=bool
    )
    #: Whether the share is in the recycle bin. Since 2.69.
    is_soft_deleted = resource.Body("is_soft_deleted", type=bool)
    #: Whether snapshots of the share can be taken. Since 2.2.
    is_snapshot_supported = resource.Body("snapshot_support", type=bool)
    #: Links to the share (``self`` and ``bookmark``).
    links = resource.Body("links", type=list)
    #: Mount point name requested on create (2.84) or manage (2.92).
    mount_point_name = resource.Body("mount_point_name", type=str)
    #: Share name.
    name = resource.Body("name", type=str)
    #: Creation progress, e.g. ``"100%"``. Since 2.54.
    progress = resource.Body("progress", type=str)
    #: Owning project.
    project_id = resource.Body("project_id", type=str)
    #: Replication type: ``readable``, ``writable``, ``dr`` or ``None``.
    #: Since 2.11.
    replication_type = resource.Body("replication_type", type=str)
    #: When a soft-deleted share is purged, ISO 8601. Since 2.69.
    scheduled_to_be_deleted_at = resource.Body(
        "scheduled_to_be_deleted_at", type=str
    )
    #: Scheduler hints on create (2.65): ``same_host``, ``different_host``
    #: (comma-separated share ids) and ``only_host`` (2.67).
    scheduler_hints = resource.Body("scheduler_hints", type=dict)
    #: Share group the share belongs to. Since 2.31.
    share_group_id = resource.Body("share_group_id", type=str)
    #: Share network of the share (DHSS=True).
    share_network_id = resource.Body("share_network_id", type=str)
    #: Protocol: NFS, CIFS, GlusterFS, HDFS, CephFS, MapRFS.
    share_protocol = resource.Body("share_proto", type=str)
    #: Share server of the share; admins only.
    share_server_id = resource.Body("share_server_id", type=str)
    #: Share type id (a name before 2.6); on create a name or an id.
    share_type = resource.Body("share_type", type=str)
    #: Share type name. Since 2.6.
    share_type_name = resource.Body("share_type_name", type=str)
    #: Size in GiB.
    size = resource.Body("size", type=int)
    #: Snapshot the share was created from.
    snapshot_id = resource.Body("snapshot_id", type=str)
    #: Backup the share was restored from. Since 2.80.
    source_backup_id = resource.Body("source_backup_id", type=str)
    #: Share group snapshot member the share was created from. Since 2.31.
    source_share_group_snapshot_member_id = resource.Body(
        "source_share_group_snapshot_member_id", type=str
    )
    #: Share status (``creating``, ``available``, ``error``, ...).
    status = resource.Body("status", type=str)
    #: Migration task state. Since 2.5.
    task_state = resource.Body("task_state", type=str)
    #: User that created the share. Since 2.16.
    user_id = resource.Body("user_id", type=str)
    #: Old name of :attr:`share_type`, kept by Manila for compatibility.
    volume_type = resource.Body("volume_type", type=str)

    # -- create / update / delete ---------------------------------------

    @classmethod
    def _transform_create_request(
        cls,
        session: adapter.Adapter,
        request: resource._Request,
        *,
        microversion: str | None,
    ) -> resource._Request:
        """Refuse create fields the server's microversion cannot take."""
        body = request.body if isinstance(request.body, dict) else {}
        fields = body.get(cls.resource_key or "", {})
        _base.require_for_fields(
            session,
            fields,
            _CREATE_FIELD_VERSIONS,
            "Creating a share with {field}",
        )
        hints = fields.get("scheduler_hints") or {}
        if "only_host" in hints:
            _base.require_microversion(
                session, "2.67", "The only_host scheduler hint"
            )
        return request

    def commit(
        self,
        session: adapter.Adapter,
        prepend_key: bool = True,
        has_body: bool = True,
        retry_on_conflict: bool | None = None,
        base_path: str | None = None,
        *,
        microversion: str | None = None,
        **attrs: Any,
    ) -> Self:
        """Update the share (``PUT /shares/{id}``).

        Manila's update takes ``display_name``, ``display_description``
        and ``is_public``; a changed :attr:`name` or :attr:`description`
        is sent under those names.

        :param session: The adapter of the shared-file-system service.
        :returns: This share, as the server answered.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        dirty = self._body.dirty
        renames = {
            "name": "display_name",
            "description": "display_description",
        }
        for wire, display in renames.items():
            if wire in dirty:
                self._body[display] = dirty[wire]
                self._body.clean(only={wire})
        return super().commit(
            session,
            prepend_key,
            has_body,
            retry_on_conflict,
            base_path,
            microversion=microversion,
            **attrs,
        )

    def delete_with_group(
        self, session: adapter.Adapter, share_group_id: str
    ) -> Self:
        """Delete a share that belongs to a share group.

        Manila requires ``?share_group_id=`` on ``DELETE /shares/{id}``
        for a share in a group.

        :param session: The adapter of the shared-file-system service.
        :param share_group_id: The id of the share's group.
        :returns: This share.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self.delete(session, params={"share_group_id": share_group_id})

    # -- actions --------------------------------------------------------

    def extend_share(
        self, session: adapter.Adapter, new_size: int, force: bool = False
    ) -> None:
        """Grow the share (action ``extend``, 2.7).

        :param session: The adapter of the shared-file-system service.
        :param new_size: New size in GiB.
        :param force: Bypass the scheduler (admin; 2.64).
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.7, or than 2.64 with ``force``.
        """
        body: dict[str, Any] = {"new_size": new_size}
        if force:
            body["force"] = True
        self._action(
            session,
            {"extend": body},
            min_microversion="2.64" if force else "2.7",
        )

    def shrink_share(self, session: adapter.Adapter, new_size: int) -> None:
        """Shrink the share (action ``shrink``, 2.7).

        :param session: The adapter of the shared-file-system service.
        :param new_size: New size in GiB.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.7.
        """
        self._action(
            session,
            {"shrink": {"new_size": new_size}},
            min_microversion="2.7",
        )

    def revert_to_snapshot(
        self, session: adapter.Adapter, snapshot_id: str
    ) -> None:
        """Revert the share to its latest snapshot (action ``revert``).

        :param session: The adapter of the shared-file-system service.
        :param snapshot_id: The id of the share's most recent snapshot.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.27.
        """
        self._action(
            session,
            {"revert": {"snapshot_id": snapshot_id}},
            min_microversion="2.27",
        )

    def reset_status(self, session: adapter.Adapter, status: str) -> None:
        """Set the share's status (action ``reset_status``, admin).

        :param session: The adapter of the shared-file-system service.
        :param status: The new status, e.g. ``available`` or ``error``.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.7.
        """
        self._action(
            session,
            {"reset_status": {"status": status}},
            min_microversion="2.7",
        )

    def reset_task_state(
        self, session: adapter.Adapter, task_state: str | None
    ) -> None:
        """Set the share's migration task state (admin).

        Experimental below 2.96, so the experimental header is sent there.

        :param session: The adapter of the shared-file-system service.
        :param task_state: The new task state, or ``None`` to clear it.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.22.
        """
        version = self._microversion_for(
            session, "2.22", "The reset_task_state action"
        )
        experimental = not utils.supports_microversion(session, _MIGRATION_GA)
        self._action(
            session,
            {"reset_task_state": {"task_state": task_state}},
            version,
            experimental=experimental,
        )

    def force_delete(self, session: adapter.Adapter) -> None:
        """Delete the share whatever its status (admin).

        :param session: The adapter of the shared-file-system service.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.7.
        """
        self._action(session, {"force_delete": None}, min_microversion="2.7")

    def soft_delete(self, session: adapter.Adapter) -> None:
        """Move the share to the recycle bin (action ``soft_delete``).

        :param session: The adapter of the shared-file-system service.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.69.
        """
        self._action(session, {"soft_delete": None}, min_microversion="2.69")

    def restore(self, session: adapter.Adapter) -> None:
        """Restore the share from the recycle bin (action ``restore``).

        :param session: The adapter of the shared-file-system service.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.69.
        """
        self._action(session, {"restore": None}, min_microversion="2.69")

    def unmanage(self, session: adapter.Adapter) -> None:
        """Stop managing the share, keeping it on the backend (admin).

        :param session: The adapter of the shared-file-system service.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.7.
        """
        self._action(session, {"unmanage": None}, min_microversion="2.7")

    def manage(
        self,
        session: adapter.Adapter,
        protocol: str,
        export_path: str,
        service_host: str,
        **params: Any,
    ) -> Self:
        """Adopt an existing backend share (``POST /shares/manage``, 2.7).

        :param session: The adapter of the shared-file-system service.
        :param protocol: Share protocol, e.g. ``NFS``.
        :param export_path: The share's export path on the backend.
        :param service_host: Backend ``host@backend#pool``.
        :param params: Optional ``name``, ``description``, ``share_type``,
            ``driver_options``, ``is_public`` (2.8), ``share_server_id``
            (2.49) and ``mount_point_name`` (2.92).
        :returns: This share, filled from the answer (200).
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.7 or than a given parameter needs.
        """
        microversion = self._microversion_for(
            session, "2.7", "Managing a share"
        )
        _base.require_for_fields(
            session,
            params,
            _MANAGE_FIELD_VERSIONS,
            "Managing a share with {field}",
        )
        body = {
            "share": {
                "protocol": protocol,
                "export_path": export_path,
                "service_host": service_host,
                **params,
            }
        }
        url = utils.urljoin(self.base_path, "manage")
        response = session.post(url, json=body, microversion=microversion)
        exceptions.raise_from_response(response)
        self.microversion = microversion
        self._translate_response(response)
        return self

    @classmethod
    def manage_share(
        cls,
        session: adapter.Adapter,
        protocol: str,
        export_path: str,
        service_host: str,
        **params: Any,
    ) -> Share:
        """Adopt an existing backend share; class-level form of :meth:`manage`.

        :param session: The adapter of the shared-file-system service.
        :param protocol: Share protocol, e.g. ``NFS``.
        :param export_path: The share's export path on the backend.
        :param service_host: Backend ``host@backend#pool``.
        :param params: See :meth:`manage`.
        :returns: The managed share.
        """
        return cls().manage(
            session, protocol, export_path, service_host, **params
        )
