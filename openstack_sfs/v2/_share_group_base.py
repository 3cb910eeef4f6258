"""What the share group resources share: the experimental window.

Share groups, group types and group snapshots appeared in 2.31 as an
experimental API and graduated in 2.55: at 2.31-2.54 every request needs
the ``X-OpenStack-Manila-API-Experimental: True`` header (Manila answers
404 without it), from 2.55 none does. Below 2.31 the API does not exist.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import requests
from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base

if TYPE_CHECKING:
    from typing_extensions import Self  # noqa: UP035

#: First microversion of the share group APIs (experimental until GA).
MIN_MICROVERSION = "2.31"
#: Microversion at which the share group APIs stopped being experimental.
GA_MICROVERSION = "2.55"


class ShareGroupBase(_base.ManilaResource):
    """Base of the share group resources.

    Every request checks the server offers 2.31 and sends the
    experimental header when the negotiated version is below 2.55.
    """

    #: What the API is called in :class:`NotSupported` messages.
    _api_name = "The share group API"
    #: Whether the next request needs the experimental header.
    _experimental = False

    @classmethod
    def is_experimental(cls, session: adapter.Adapter) -> bool:
        """Whether requests to ``session`` need the experimental header.

        :param session: The adapter of the shared-file-system service.
        :returns: ``True`` below 2.55.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.31.
        """
        _base.require_microversion(session, MIN_MICROVERSION, cls._api_name)
        return not utils.supports_microversion(session, GA_MICROVERSION)

    @classmethod
    def _headers(cls, session: adapter.Adapter) -> dict[str, str]:
        if cls.is_experimental(session):
            return {_base.EXPERIMENTAL_HEADER: "True"}
        return {}

    def _arm(self, session: adapter.Adapter) -> None:
        self._experimental = self.is_experimental(session)

    def _prepare_request(self, *args: Any, **kwargs: Any) -> resource._Request:
        """The request, with the experimental header when needed."""
        request = super()._prepare_request(*args, **kwargs)
        if self._experimental:
            request.headers[_base.EXPERIMENTAL_HEADER] = "True"
        return request

    def _prepare_request_body(
        self,
        *,
        prepend_key: bool,
        resource_request_key: str | None = None,
    ) -> dict[str, Any]:
        """The request body, without the ``id`` Manila refuses."""
        body = self._body.dirty
        body.pop("id", None)
        if prepend_key and self.resource_key is not None:
            body = {resource_request_key or self.resource_key: body}
        return body

    # -- the standard operations, with the header ------------------------

    @classmethod
    def list(
        cls, session: adapter.Adapter, *args: Any, **kwargs: Any
    ) -> Generator[Self, None, None]:
        """List, sending the experimental header below 2.55.

        :param session: The adapter of the shared-file-system service.
        :returns: A generator of resources.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.31.
        """
        headers = dict(kwargs.pop("headers", None) or {})
        headers.update(cls._headers(session))
        return super().list(session, *args, headers=headers, **kwargs)

    def create(
        self, session: adapter.Adapter, *args: Any, **kwargs: Any
    ) -> Self:
        """Create, sending the experimental header below 2.55.

        :param session: The adapter of the shared-file-system service.
        :returns: This resource, as the server answered.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.31.
        """
        self._arm(session)
        return super().create(session, *args, **kwargs)

    def commit(
        self, session: adapter.Adapter, *args: Any, **kwargs: Any
    ) -> Self:
        """Update, sending the experimental header below 2.55.

        :param session: The adapter of the shared-file-system service.
        :returns: This resource, as the server answered.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.31.
        """
        self._arm(session)
        return super().commit(session, *args, **kwargs)

    def delete(
        self, session: adapter.Adapter, *args: Any, **kwargs: Any
    ) -> Self:
        """Delete, sending the experimental header below 2.55.

        :param session: The adapter of the shared-file-system service.
        :returns: This resource.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.31.
        """
        self._arm(session)
        return super().delete(session, *args, **kwargs)

    def fetch(
        self,
        session: adapter.Adapter,
        requires_id: bool = True,
        base_path: str | None = None,
        error_message: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> Self:
        """Read the resource (``GET``), with the experimental header below
        2.55.

        :param session: The adapter of the shared-file-system service.
        :param requires_id: Whether the id is part of the URL.
        :param base_path: Another base path, if any.
        :param error_message: The message of a 404.
        :returns: This resource, as the server answered.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.31;
            :class:`~openstack.exceptions.NotFoundException` on 404.
        """
        self._arm(session)
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

    # -- helpers for the other calls ---------------------------------------

    def _sub_url(self, *parts: str) -> str:
        """``{base_path}/{id}/<parts>``."""
        url: str = utils.urljoin(self.base_path, self.id, *parts)
        return url

    def _send(
        self,
        session: adapter.Adapter,
        method: str,
        url: str,
        body: Any = None,
    ) -> requests.Response:
        """Send a request at the negotiated microversion; raise on error."""
        kwargs: dict[str, Any] = {
            "microversion": self._get_microversion(session),
            "headers": self._headers(session),
        }
        if body is not None:
            kwargs["json"] = body
        response: requests.Response = session.request(url, method, **kwargs)
        exceptions.raise_from_response(response)
        return response

    def _group_action(
        self, session: adapter.Adapter, body: dict[str, Any]
    ) -> requests.Response:
        """POST an action, with the experimental header below 2.55."""
        return self._action(
            session, body, experimental=self.is_experimental(session)
        )


class ShareGroupAdminBase(ShareGroupBase):
    """A share group resource with Manila's admin actions."""

    def reset_status(self, session: adapter.Adapter, status: str) -> None:
        """Set the status in the database (``reset_status``, admin, 202).

        :param session: The adapter of the shared-file-system service.
        :param status: One of ``creating``, ``available``, ``deleting``,
            ``error`` and ``error_deleting`` (Manila also takes the
            migration ones).
        :raises: :class:`~openstack.exceptions.BadRequestException` for
            another status.
        """
        self._group_action(session, {"reset_status": {"status": status}})

    def force_delete(self, session: adapter.Adapter) -> None:
        """Remove the resource from the database whatever its status
        (``force_delete``, admin, 202); the back end is not called.

        :param session: The adapter of the shared-file-system service.
        """
        self._group_action(session, {"force_delete": None})
