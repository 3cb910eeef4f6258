"""Share types (Manila v2): ``/types``, extra specs and type access.

Plays ``manila/api/v2/share_types.py``, ``share_types_extra_specs.py`` and
the view ``manila/api/views/types.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import requests
from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base

if TYPE_CHECKING:
    from typing_extensions import Self  # noqa: UP035

#: Microversion of ``PUT /types/{id}``.
UPDATE_MICROVERSION = "2.50"
#: Microversion of the ``extra_specs`` filter on ``GET /types``.
EXTRA_SPECS_FILTER_MICROVERSION = "2.43"


class ShareType(_base.ManilaResource):
    """A share type: the extra specs that pick a back end for a share.

    Responses carry the type twice (``share_type`` and ``volume_type``);
    the SDK reads ``share_type``.
    """

    resource_key = "share_type"
    resources_key = "share_types"
    base_path = "/types"

    _query_mapping = resource.QueryParameters(
        "is_public", "extra_specs", include_pagination_defaults=False
    )

    #: fields a create needs (one of each group); see _strict
    _create_requires = (("name",),)

    allow_create = True
    allow_fetch = True
    allow_commit = True
    allow_delete = True
    allow_list = True
    allow_head = False

    _max_microversion = "2.99"

    #: Description of the type (2.41).
    description = resource.Body("description", type=str)
    #: Extra specs, a dict of string keys and string values. Non-admin
    #: users see only the tenant-visible ones, plus (2.24) the inferred
    #: defaults of optional capabilities.
    extra_specs = resource.Body("extra_specs", type=dict, default={})
    #: Whether this is the cloud's default share type (2.46).
    is_default = resource.Body("is_default", type=bool)
    #: Whether every project may use the type (2.7; wire name
    #: ``share_type_access:is_public``).
    is_public = resource.Body("share_type_access:is_public", type=bool)
    #: The required extra specs (``driver_handles_share_servers``).
    required_extra_specs = resource.Body("required_extra_specs", type=dict)

    # -- helpers --------------------------------------------------------

    def _prepare_request_body(
        self,
        *,
        prepend_key: bool,
        resource_request_key: str | None = None,
    ) -> dict[str, Any]:
        """The request body, without the ``id`` Manila does not expect."""
        body = self._body.dirty
        body.pop("id", None)
        if prepend_key and self.resource_key is not None:
            body = {resource_request_key or self.resource_key: body}
        return body

    def _sub_url(self, *parts: str) -> str:
        """``/types/{id}/<parts>``."""
        url: str = utils.urljoin(self.base_path, self.id, *parts)
        return url

    def _send(
        self,
        session: adapter.Adapter,
        method: str,
        url: str,
        body: dict[str, Any] | None = None,
    ) -> requests.Response:
        """Send a request at the negotiated microversion; raise on error."""
        kwargs: dict[str, Any] = {
            "microversion": self._get_microversion(session)
        }
        if body is not None:
            kwargs["json"] = body
        response: requests.Response = session.request(url, method, **kwargs)
        exceptions.raise_from_response(response)
        return response

    # -- update ---------------------------------------------------------

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
        """Update name, description or visibility (``PUT /types/{id}``).

        :param session: The adapter of the shared-file-system service.
        :returns: This share type, as the server answered.
        :raises: :class:`~openstack.exceptions.NotSupported` when the server
            is older than 2.50.
        """
        _base.require_microversion(
            session, UPDATE_MICROVERSION, "Updating a share type"
        )
        return super().commit(
            session,
            prepend_key,
            has_body,
            retry_on_conflict,
            base_path,
            microversion=microversion,
            **attrs,
        )

    # -- extra specs ----------------------------------------------------

    def fetch_extra_specs(self, session: adapter.Adapter) -> Self:
        """Read all extra specs (``GET /types/{id}/extra_specs``).

        :param session: The adapter of the shared-file-system service.
        :returns: This share type with :attr:`extra_specs` filled.
        """
        response = self._send(session, "GET", self._sub_url("extra_specs"))
        specs = response.json().get("extra_specs") or {}
        self._body.attributes.update({"extra_specs": dict(specs)})
        self._body.clean(only={"extra_specs"})
        return self

    def get_extra_spec(self, session: adapter.Adapter, key: str) -> Any:
        """Read one extra spec (``GET /types/{id}/extra_specs/{key}``).

        :param session: The adapter of the shared-file-system service.
        :param key: The extra spec name.
        :returns: Its value.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            type has no such spec.
        """
        response = self._send(
            session, "GET", self._sub_url("extra_specs", key)
        )
        return response.json().get(key)

    def set_extra_specs(self, session: adapter.Adapter, **specs: Any) -> Self:
        """Add or change extra specs (``POST /types/{id}/extra_specs``).

        Specs not named keep their values.

        :param session: The adapter of the shared-file-system service.
        :param specs: The specs to set.
        :returns: This share type with the given specs merged into
            :attr:`extra_specs`.
        """
        response = self._send(
            session,
            "POST",
            self._sub_url("extra_specs"),
            body={"extra_specs": specs},
        )
        answer = response.json().get("extra_specs") or specs
        merged = {**(self.extra_specs or {}), **answer}
        self._body.attributes.update({"extra_specs": merged})
        self._body.clean(only={"extra_specs"})
        return self

    def delete_extra_specs_property(
        self, session: adapter.Adapter, prop: str
    ) -> None:
        """Delete one extra spec (``DELETE /types/{id}/extra_specs/{key}``).

        :param session: The adapter of the shared-file-system service.
        :param prop: The extra spec name.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            type has no such spec.
        """
        self._send(session, "DELETE", self._sub_url("extra_specs", prop))
        specs = dict(self.extra_specs or {})
        specs.pop(prop, None)
        self._body.attributes.update({"extra_specs": specs})
        self._body.clean(only={"extra_specs"})

    # -- type access ----------------------------------------------------

    def get_access(self, session: adapter.Adapter) -> list[dict[str, Any]]:
        """Projects allowed to use this private type.

        ``GET /types/{id}/share_type_access``; Manila answers 404 for a
        public type.

        :param session: The adapter of the shared-file-system service.
        :returns: A list of ``{"share_type_id": ..., "project_id": ...}``.
        """
        response = self._send(
            session, "GET", self._sub_url("share_type_access")
        )
        access: list[dict[str, Any]] = (
            response.json().get("share_type_access") or []
        )
        return access

    def add_project_access(
        self, session: adapter.Adapter, project_id: str
    ) -> None:
        """Let a project use this private type (``addProjectAccess``).

        :param session: The adapter of the shared-file-system service.
        :param project_id: The project to add.
        :raises: :class:`~openstack.exceptions.ConflictException` for a
            public type or a project that already has access.
        """
        self._action(session, {"addProjectAccess": {"project": project_id}})

    def remove_project_access(
        self, session: adapter.Adapter, project_id: str
    ) -> None:
        """Take a project's access away (``removeProjectAccess``).

        :param session: The adapter of the shared-file-system service.
        :param project_id: The project to remove.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            project has no access.
        """
        self._action(session, {"removeProjectAccess": {"project": project_id}})
