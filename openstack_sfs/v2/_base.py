"""Shared pieces of every Manila resource: actions and microversion checks."""

from __future__ import annotations

from typing import Any

import requests
from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

#: Highest microversion this SDK knows (Manila 23, "Flamingo").
MAX_MICROVERSION = "2.99"

#: Header that marks a Manila API as experimental.
EXPERIMENTAL_HEADER = "X-OpenStack-Manila-API-Experimental"


def require_microversion(
    session: adapter.Adapter, version: str, operation: str
) -> str:
    """Check the server offers ``version``; return the version to send.

    :param session: The adapter of the shared-file-system service.
    :param version: The lowest microversion the operation needs.
    :param operation: What the caller is doing, for the error message.
    :returns: ``version`` when the server supports it.
    :raises: :class:`~openstack.exceptions.NotSupported` naming the version
        when it does not.
    """
    if not utils.supports_microversion(session, version):
        raise exceptions.NotSupported(
            f"{operation} requires Shared File Systems API microversion "
            f"{version} or later, which this server does not offer."
        )
    return version


class ManilaResource(resource.Resource):
    """Base of all openstack_sfs resources.

    Adds ``_action`` (``POST {base_path}/{id}/action``) that raises on an
    error status, and microversion helpers.
    """

    _max_microversion: str | None = MAX_MICROVERSION

    def _microversion_for(
        self, session: adapter.Adapter, min_version: str | None, what: str
    ) -> str | None:
        """The microversion to send for an operation needing ``min_version``.

        :returns: The negotiated microversion (min of server and resource
            maximum), after checking it is at least ``min_version``.
        """
        if min_version is not None:
            require_microversion(session, min_version, what)
        return self._get_microversion(session)

    def _action_url(self) -> str:
        """The URL of this resource's ``/action`` endpoint."""
        request = self._prepare_request(requires_id=True)
        return utils.urljoin(request.url, "action")

    def _action(
        self,
        session: adapter.Adapter,
        body: dict[str, Any],
        microversion: str | None = None,
        *,
        min_microversion: str | None = None,
        experimental: bool = False,
    ) -> requests.Response:
        """POST ``body`` to ``{base_path}/{id}/action`` and raise on error.

        :param session: The adapter of the shared-file-system service.
        :param body: The action body, ``{"<action name>": {...} or None}``.
        :param microversion: Microversion to send; by default the
            negotiated one.
        :param min_microversion: Lowest microversion the action exists at;
            :class:`~openstack.exceptions.NotSupported` if the server is
            older.
        :param experimental: Send the experimental API header.
        :returns: The response.
        """
        name = next(iter(body), "action")
        if microversion is None:
            microversion = self._microversion_for(
                session, min_microversion, f"The {name} action"
            )
        headers = {EXPERIMENTAL_HEADER: "True"} if experimental else {}
        response = session.post(
            self._action_url(),
            json=body,
            headers=headers,
            microversion=microversion,
        )
        exceptions.raise_from_response(response)
        return response
