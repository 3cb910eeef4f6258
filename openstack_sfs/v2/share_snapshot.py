"""Share snapshots (Manila ``/snapshots``, ``share_snapshots.py``).

Point-in-time copies of a share: create, list, show, rename, delete,
reset status, force delete, manage and unmanage (2.12) and user metadata
(2.73).
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base, _metadata

#: Microversion of the unprefixed admin actions (``reset_status``,
#: ``force_delete``); older servers know them as ``os-<name>``.
_UNPREFIXED_ACTIONS_VERSION = "2.7"
#: Microversion of snapshot manage / unmanage.
MANAGE_MICROVERSION = "2.12"
#: Microversion of snapshot metadata (also on create and manage).
METADATA_MICROVERSION = "2.73"

#: Create and update keys that Manila stores under ``display_*`` names.
#: ``PUT /snapshots/{id}`` only reads the ``display_*`` names.
_DISPLAY_KEYS = {
    "name": "display_name",
    "description": "display_description",
}


#: The optional parameters of ``POST /snapshots/manage``.
MANAGE_PARAMS = frozenset(
    {"name", "description", "driver_options", "metadata"}
)


class ShareSnapshot(_metadata.MetadataMixin, _base.ManilaResource):
    """A share snapshot."""

    resource_key = "snapshot"
    resources_key = "snapshots"
    base_path = "/snapshots"

    _query_mapping = resource.QueryParameters(
        "name",
        "name~",
        "description",
        "description~",
        "status",
        "share_id",
        "size",
        "project_id",
        "metadata",
        "limit",
        "offset",
        "sort_key",
        "sort_dir",
        "with_count",
        all_projects="all_tenants",
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

    _max_microversion = "2.79"
    _metadata_min_microversion: ClassVar[str | None] = METADATA_MICROVERSION
    _filter_microversions: ClassVar[dict[str, str]] = {
        "name~": "2.36",
        "description~": "2.36",
        "description": "2.36",
        "metadata": METADATA_MICROVERSION,
    }

    #: When the snapshot was created (ISO 8601).
    created_at = resource.Body("created_at")
    #: The user-defined description.
    description = resource.Body("description", type=str)
    #: Legacy spelling of :attr:`description`, accepted on create and
    #: update (Manila stores the description under this name).
    display_description = resource.Body("display_description", type=str)
    #: Legacy spelling of :attr:`name`, accepted on create and update.
    display_name = resource.Body("display_name", type=str)
    #: Create even if the share is busy (request only).
    force = resource.Body("force", type=bool)
    #: Links to the snapshot.
    links = resource.Body("links", type=list)
    #: User metadata, a dict of strings (2.73).
    metadata = resource.Body("metadata", type=dict)
    #: The user-defined name.
    name = resource.Body("name", type=str)
    #: ID of the project that owns the snapshot (2.17).
    project_id = resource.Body("project_id", type=str)
    #: Where the back end keeps the snapshot; shown to admins only (2.12).
    provider_location = resource.Body("provider_location", type=str)
    #: ID of the share the snapshot was taken of.
    share_id = resource.Body("share_id", type=str)
    #: File system protocol of the source share (``NFS``, ``CIFS``, ...).
    share_proto = resource.Body("share_proto", type=str)
    #: Size of the source share, in GiB.
    share_size = resource.Body("share_size", type=int)
    #: Size of the snapshot, in GiB.
    size = resource.Body("size", type=int)
    #: The snapshot status (``creating``, ``available``, ``error``, ...).
    status = resource.Body("status", type=str)
    #: ID of the user that created the snapshot (2.17).
    user_id = resource.Body("user_id", type=str)

    # -- create / update -------------------------------------------------

    def create(
        self,
        session: adapter.Adapter,
        prepend_key: bool = True,
        base_path: str | None = None,
        **kwargs: Any,
    ) -> Self:
        """Create the snapshot (``POST /snapshots``, answered with 202).

        :param session: The adapter of the shared-file-system service.
        :param prepend_key: Wrap the body in ``{"snapshot": ...}``.
        :param base_path: Another collection URL, if any.
        :returns: This resource, filled from Manila's answer.
        :raises: :class:`~openstack.exceptions.NotSupported` when
            ``metadata`` is given and the server is older than 2.73.
        """
        if self.metadata:
            _base.require_microversion(
                session, METADATA_MICROVERSION, "Snapshot metadata on create"
            )
        return super().create(
            session, prepend_key=prepend_key, base_path=base_path, **kwargs
        )

    def _commit(
        self,
        session: adapter.Adapter,
        request: Any,
        method: Any,
        microversion: str | None = None,
        has_body: bool = True,
        retry_on_conflict: bool | None = None,
    ) -> Self:
        """Send ``name``/``description`` as Manila's update reads them.

        ``PUT /snapshots/{id}`` only honours ``display_name`` and
        ``display_description``; anything else is silently ignored.
        """
        body = request.body
        if isinstance(body, dict):
            inner = body.get(self.resource_key or "", body)
            for key, wire in _DISPLAY_KEYS.items():
                if key in inner:
                    inner[wire] = inner.pop(key)
        return super()._commit(
            session,
            request,
            method,
            microversion,
            has_body=has_body,
            retry_on_conflict=retry_on_conflict,
        )

    # -- actions ---------------------------------------------------------

    def _admin_action_name(self, session: adapter.Adapter, name: str) -> str:
        """``name``, or ``os-name`` on servers older than 2.7."""
        if utils.supports_microversion(session, _UNPREFIXED_ACTIONS_VERSION):
            return name
        return f"os-{name}"

    def reset_status(self, session: adapter.Adapter, status: str) -> None:
        """Set the snapshot's status in the database (admin).

        :param session: The adapter of the shared-file-system service.
        :param status: The new status, e.g. ``available`` or ``error``.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.BadRequestException` for a
            status Manila does not know.
        """
        name = self._admin_action_name(session, "reset_status")
        self._action(session, {name: {"status": status}})

    def force_delete(self, session: adapter.Adapter) -> None:
        """Delete the snapshot whatever its status (admin).

        :param session: The adapter of the shared-file-system service.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            snapshot does not exist.
        """
        name = self._admin_action_name(session, "force_delete")
        self._action(session, {name: None})

    def unmanage(self, session: adapter.Adapter) -> None:
        """Stop managing the snapshot, leaving it on the back end (2.12).

        :param session: The adapter of the shared-file-system service.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.12.
        """
        self._action(
            session, {"unmanage": None}, min_microversion=MANAGE_MICROVERSION
        )

    def manage(
        self,
        session: adapter.Adapter,
        share_id: str,
        provider_location: str,
        **params: Any,
    ) -> Self:
        """Bring an existing back-end snapshot under Manila (2.12, admin).

        ``POST /snapshots/manage``, answered with 202 and the new snapshot
        in status ``manage_starting``.

        :param session: The adapter of the shared-file-system service.
        :param share_id: ID of the share the snapshot belongs to.
        :param provider_location: The snapshot's name or path on the
            back end.
        :param params: Optional ``name``, ``description``,
            ``driver_options`` (dict) and ``metadata`` (dict, 2.73).
        :returns: This resource, filled from Manila's answer.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.12 (or 2.73 with ``metadata``).
        """
        microversion = self._microversion_for(
            session, MANAGE_MICROVERSION, "Snapshot manage"
        )
        if params.get("metadata"):
            _base.require_microversion(
                session, METADATA_MICROVERSION, "Snapshot metadata on manage"
            )
        body: dict[str, Any] = {
            "share_id": share_id,
            "provider_location": provider_location,
        }
        body.update(params)
        url = utils.urljoin(self.base_path, "manage")
        response = session.post(
            url, json={"snapshot": body}, microversion=microversion
        )
        exceptions.raise_from_response(response)
        self._translate_response(response)
        return self
