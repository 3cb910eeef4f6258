"""Share group types (Manila v2): ``/share-group-types``, their group
specs and project access.

Plays ``manila/api/v2/share_group_types.py``,
``share_group_type_specs.py`` and ``manila/api/views/share_group_types.py``.
Experimental at 2.31-2.54 (the header is sent there), GA from 2.55.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from keystoneauth1 import adapter
from openstack import resource

from openstack_sfs.v2 import _share_group_base

if TYPE_CHECKING:
    from typing_extensions import Self  # noqa: UP035

#: Microversion of the ``group_specs`` filter on the list.
GROUP_SPECS_FILTER_MICROVERSION = "2.66"


class ShareGroupType(_share_group_base.ShareGroupBase):
    """A share group type: the share types a group may hold, and group
    specs (such as ``consistent_snapshot_support``) for the scheduler."""

    resource_key = "share_group_type"
    resources_key = "share_group_types"
    base_path = "/share-group-types"

    _query_mapping = resource.QueryParameters(
        "is_public", "group_specs", include_pagination_defaults=False
    )

    #: fields a create needs (one of each group); see _strict
    _create_requires = (("name",), ("share_types",))

    allow_create = True
    allow_fetch = True
    allow_commit = False
    allow_delete = True
    allow_list = True
    allow_head = False

    _max_microversion = "2.66"
    _api_name = "The share group type API"
    _filter_microversions: ClassVar[dict[str, str]] = {
        "group_specs": GROUP_SPECS_FILTER_MICROVERSION,
    }

    #: Group specs, a dict of string keys and values (2.31).
    group_specs = resource.Body("group_specs", type=dict)
    #: Whether this is the cloud's default share group type (2.46).
    is_default = resource.Body("is_default", type=bool)
    #: Whether every project may use the type (2.31).
    is_public = resource.Body("is_public", type=bool)
    #: IDs of the share types a group of this type may hold (2.31); on
    #: create, names or IDs.
    share_types = resource.Body("share_types", type=list)

    # -- group specs ----------------------------------------------------

    def _keep_specs(self, specs: dict[str, Any]) -> None:
        self._body.attributes.update({"group_specs": specs})
        self._body.clean(only={"group_specs"})

    def fetch_group_specs(self, session: adapter.Adapter) -> Self:
        """Read all group specs (``GET .../group-specs``, admin).

        :param session: The adapter of the shared-file-system service.
        :returns: This type with :attr:`group_specs` filled.
        """
        response = self._send(session, "GET", self._sub_url("group-specs"))
        self._keep_specs(dict(response.json().get("group_specs") or {}))
        return self

    def get_group_spec(self, session: adapter.Adapter, key: str) -> Any:
        """Read one group spec (``GET .../group-specs/{key}``, admin).

        :param session: The adapter of the shared-file-system service.
        :param key: The spec name.
        :returns: Its value.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            type has no such spec.
        """
        response = self._send(
            session, "GET", self._sub_url("group-specs", key)
        )
        return response.json().get(key)

    def set_group_specs(self, session: adapter.Adapter, **specs: Any) -> Self:
        """Add or change group specs (``POST .../group-specs``, admin).

        :param session: The adapter of the shared-file-system service.
        :param specs: The specs to set; others keep their values.
        :returns: This type with the specs merged into :attr:`group_specs`.
        :raises: :class:`~openstack.exceptions.BadRequestException` for an
            invalid key or value.
        """
        response = self._send(
            session,
            "POST",
            self._sub_url("group-specs"),
            body={"group_specs": specs},
        )
        answer = response.json().get("group_specs") or specs
        self._keep_specs({**(self.group_specs or {}), **answer})
        return self

    def update_group_spec(
        self, session: adapter.Adapter, key: str, value: Any
    ) -> Self:
        """Set one group spec (``PUT .../group-specs/{key}``, admin).

        :param session: The adapter of the shared-file-system service.
        :param key: The spec name.
        :param value: Its new value.
        :returns: This type with :attr:`group_specs` updated.
        """
        response = self._send(
            session,
            "PUT",
            self._sub_url("group-specs", key),
            body={key: value},
        )
        answer = response.json() or {key: value}
        self._keep_specs({**(self.group_specs or {}), **answer})
        return self

    def delete_group_spec(self, session: adapter.Adapter, key: str) -> None:
        """Delete one group spec (``DELETE .../group-specs/{key}``, 204).

        :param session: The adapter of the shared-file-system service.
        :param key: The spec name.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            type has no such spec.
        """
        self._send(session, "DELETE", self._sub_url("group-specs", key))
        specs = dict(self.group_specs or {})
        specs.pop(key, None)
        self._keep_specs(specs)

    # -- access -----------------------------------------------------------

    def get_access(self, session: adapter.Adapter) -> list[dict[str, Any]]:
        """Projects allowed to use this private type
        (``GET .../access``, admin; 404 for a public type).

        :param session: The adapter of the shared-file-system service.
        :returns: A list of ``{"share_group_type_id", "project_id"}``.
        """
        response = self._send(session, "GET", self._sub_url("access"))
        access: list[dict[str, Any]] = (
            response.json().get("share_group_type_access") or []
        )
        return access

    def add_project_access(
        self, session: adapter.Adapter, project_id: str
    ) -> None:
        """Let a project use this private type (``addProjectAccess``).

        :param session: The adapter of the shared-file-system service.
        :param project_id: The project (a UUID) to add.
        :raises: :class:`~openstack.exceptions.ConflictException` for a
            public type or a project that already has access.
        """
        self._group_action(
            session, {"addProjectAccess": {"project": project_id}}
        )

    def remove_project_access(
        self, session: adapter.Adapter, project_id: str
    ) -> None:
        """Take a project's access away (``removeProjectAccess``).

        :param session: The adapter of the shared-file-system service.
        :param project_id: The project to remove.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            project has no access.
        """
        self._group_action(
            session, {"removeProjectAccess": {"project": project_id}}
        )
