"""Manila services (``/services``, ``services.py``; admin).

List the scheduler and share services, enable or disable them, and run
ensure shares on a back end (2.86), the way Manila 23 really accepts it:
``POST /services/ensure-shares`` with ``{"ensure_shares": {"host": ...}}``.
"""

from __future__ import annotations

from typing import Any, Self

import requests
from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base

#: Microversion that moved the API from ``/os-services`` to ``/services``.
SERVICES_MICROVERSION = "2.7"
#: Microversion of ``disabled_reason``.
DISABLED_REASON_MICROVERSION = "2.83"
#: Microversion of ensure shares and the ``ensuring`` field.
ENSURE_SHARES_MICROVERSION = "2.86"
#: Microversion of the ``ensuring`` list filter.
ENSURING_FILTER_MICROVERSION = "2.93"


class Service(_base.ManilaResource):
    """A Manila service (``manila-scheduler``, ``manila-share``, ...)."""

    resource_key = "service"
    resources_key = "services"
    base_path = "/services"

    _query_mapping = resource.QueryParameters(
        "host",
        "binary",
        "zone",
        "state",
        "status",
        "ensuring",
        name="binary",
        availability_zone="zone",
        include_pagination_defaults=False,
    )

    allow_create = False
    allow_fetch = False
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.93"

    #: Availability zone of the service (wire ``zone``).
    availability_zone = resource.Body("zone", type=str)
    #: The binary, e.g. ``manila-share`` or ``manila-scheduler``.
    binary = resource.Body("binary", type=str, aka="name")
    #: Why the service was disabled, or ``None`` (2.83).
    disabled_reason = resource.Body("disabled_reason", type=str)
    #: Whether ensure shares is running on the service (2.86). Manila
    #: returns a boolean (openstacksdk types it as a dict).
    ensuring = resource.Body("ensuring", type=bool)
    #: The host; for ``manila-share`` it is ``host@backend``.
    host = resource.Body("host", type=str)
    #: ID of the service (an integer in Manila).
    id = resource.Body("id")
    #: Same as :attr:`binary` (openstacksdk's name for it).
    name = resource.Body("binary", type=str)
    #: ``up`` or ``down``, from the service's heartbeat.
    state = resource.Body("state", type=str)
    #: ``enabled`` or ``disabled``.
    status = resource.Body("status", type=str)
    #: When the service last reported (ISO 8601).
    updated_at = resource.Body("updated_at", type=str)
    #: Availability zone, as the wire names it.
    zone = resource.Body("zone", type=str)

    # -- enable / disable ----------------------------------------------------

    def _switch(
        self, session: adapter.Adapter, action: str, body: dict[str, Any]
    ) -> Self:
        """``PUT /services/{action}`` and take in the summary answer."""
        microversion = self._microversion_for(
            session, SERVICES_MICROVERSION, f"Service {action}"
        )
        response = session.put(
            utils.urljoin(self.base_path, action),
            json=body,
            microversion=microversion,
        )
        exceptions.raise_from_response(response)
        known_ensuring = self.ensuring
        self._translate_response(response)
        # The summary answer carries ``ensuring: null`` (2.86+): it says
        # nothing about the service, so keep what was known.
        if self.ensuring is None and known_ensuring is not None:
            self._body.attributes["ensuring"] = known_ensuring
            self._body.clean(only={"ensuring"})
        return self

    def enable(self, session: adapter.Adapter) -> Self:
        """Enable the service (``PUT /services/enable``).

        :param session: The adapter of the shared-file-system service.
        :returns: This resource, updated from Manila's summary answer.
        :raises: :class:`~openstack.exceptions.NotFoundException` when no
            service has this host and binary.
        """
        return self._switch(
            session, "enable", {"host": self.host, "binary": self.binary}
        )

    def disable(
        self, session: adapter.Adapter, disable_reason: str | None = None
    ) -> Self:
        """Disable the service (``PUT /services/disable``).

        :param session: The adapter of the shared-file-system service.
        :param disable_reason: Why (2.83; at most 255 characters).
        :returns: This resource, updated from Manila's summary answer.
        :raises: :class:`~openstack.exceptions.NotSupported` when a reason
            is given and the server is older than 2.83.
        :raises: :class:`~openstack.exceptions.NotFoundException` when no
            service has this host and binary.
        """
        body: dict[str, Any] = {"host": self.host, "binary": self.binary}
        if disable_reason:
            _base.require_microversion(
                session, DISABLED_REASON_MICROVERSION, "A disable reason"
            )
            body["disabled_reason"] = disable_reason
        return self._switch(session, "disable", body)

    # -- ensure shares -------------------------------------------------------

    def ensure_shares(self, session: adapter.Adapter) -> None:
        """Run ensure shares on this service's back end (2.86, admin).

        Sends ``POST /services/ensure-shares`` with exactly
        ``{"ensure_shares": {"host": <host>}}``. Manila answers 202 and
        works in the background; the service's ``ensuring`` field is
        ``True`` while it runs.

        :param session: The adapter of the shared-file-system service.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.86.
        :raises: :class:`~openstack.exceptions.NotFoundException` when no
            ``manila-share`` service has that host;
            :class:`~openstack.exceptions.ConflictException` when the
            service is down; other
            :class:`~openstack.exceptions.HttpException` subclasses for
            any other error status.
        """
        if not self.host:
            raise ValueError("ensure_shares needs the service's host")
        microversion = self._microversion_for(
            session, ENSURE_SHARES_MICROVERSION, "Ensure shares"
        )
        response: requests.Response = session.post(
            utils.urljoin(self.base_path, "ensure-shares"),
            json={"ensure_shares": {"host": self.host}},
            microversion=microversion,
        )
        exceptions.raise_from_response(response)

    @classmethod
    def list(cls, session: adapter.Adapter, *args: Any, **kwargs: Any) -> Any:
        """List services (``GET /services``, 2.7).

        :param session: The adapter of the shared-file-system service.
        :returns: A generator of services.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            ``ensuring`` filter is used on a server older than 2.93
            (Manila would ignore it).
        """
        if kwargs.get("ensuring") is not None:
            _base.require_microversion(
                session,
                ENSURING_FILTER_MICROVERSION,
                "The ensuring filter",
            )
        return super().list(session, *args, **kwargs)
