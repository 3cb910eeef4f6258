"""Share migration (Manila share actions ``migration_*``, 2.22 / 2.29).

Moves a share to another back end (``host@backend#pool``), optionally
with a new share type or share network. The driver-assisted migration
runs in two phases: ``start`` copies (task state
``migration_driver_in_progress`` then ``migration_driver_phase1_done``),
``complete`` switches over (``migration_success``); ``cancel`` abandons
it (``migration_cancelled``). Experimental until 2.95 (the experimental
header is sent there), GA from 2.96. The progress is the
``migration_get_progress`` action up to 2.97 and
``GET /shares/{id}/migration-progress`` from 2.98.
"""

from __future__ import annotations

from typing import Any, Self

import requests
from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base

#: ``migration_complete``, ``migration_cancel`` and the progress action.
MIN_MICROVERSION = "2.22"
#: ``migration_start`` in its current form (``preserve_snapshots``).
START_MICROVERSION = "2.29"
#: ``details`` in the progress answer.
DETAILS_MICROVERSION = "2.59"
#: Share migration is no longer experimental.
GA_MICROVERSION = "2.96"
#: ``GET /shares/{id}/migration-progress`` replaces the action.
PROGRESS_GET_MICROVERSION = "2.98"


class ShareMigration(_base.ManilaResource):
    """The migration of one share; its id is the share's id.

    Holds the progress Manila reports (``total_progress``,
    ``task_state``, ``details``).
    """

    resource_key = None
    resources_key = None
    base_path = "/shares"

    allow_create = False
    allow_fetch = False
    allow_commit = False
    allow_delete = False
    allow_list = False
    allow_head = False

    _max_microversion = "2.98"

    #: Driver-specific progress details (2.59).
    details = resource.Body("details", type=dict)
    #: The share's task state, e.g. ``migration_driver_in_progress``.
    task_state = resource.Body("task_state", type=str)
    #: Percentage copied, 0 to 100.
    total_progress = resource.Body("total_progress", type=int)

    def _migration_action(
        self,
        session: adapter.Adapter,
        body: dict[str, Any],
        minimum: str,
    ) -> requests.Response:
        """Send a migration action; experimental below 2.96."""
        experimental = not utils.supports_microversion(
            session, GA_MICROVERSION
        )
        return self._action(
            session,
            body,
            min_microversion=minimum,
            experimental=experimental,
        )

    def start(
        self,
        session: adapter.Adapter,
        host: str,
        *,
        force_host_assisted_migration: bool = False,
        preserve_metadata: bool = True,
        writable: bool = True,
        nondisruptive: bool = False,
        preserve_snapshots: bool = True,
        new_share_network_id: str | None = None,
        new_share_type_id: str | None = None,
    ) -> bool:
        """Start migrating the share to ``host`` (admin, 2.29).

        :param session: The adapter of the shared-file-system service.
        :param host: Destination ``host@backend#pool`` (or
            ``host@backend``).
        :param force_host_assisted_migration: Skip the driver and copy
            through the data service (then the four other flags must be
            ``False``).
        :param preserve_metadata: File metadata must be kept.
        :param writable: The share must stay writable meanwhile.
        :param nondisruptive: Clients must not be disrupted.
        :param preserve_snapshots: Snapshots must move along.
        :param new_share_network_id: Share network at the destination.
        :param new_share_type_id: Share type at the destination.
        :returns: ``True`` when a migration started (202), ``False`` when
            Manila found nothing to do (200; the task state is then
            ``migration_success``).
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.29.
        """
        params: dict[str, Any] = {
            "host": host,
            "force_host_assisted_migration": force_host_assisted_migration,
            "preserve_metadata": preserve_metadata,
            "writable": writable,
            "nondisruptive": nondisruptive,
            "preserve_snapshots": preserve_snapshots,
        }
        if new_share_network_id is not None:
            params["new_share_network_id"] = new_share_network_id
        if new_share_type_id is not None:
            params["new_share_type_id"] = new_share_type_id
        response = self._migration_action(
            session, {"migration_start": params}, START_MICROVERSION
        )
        return response.status_code == 202

    def complete(self, session: adapter.Adapter) -> None:
        """Run the second phase: switch the share over (admin, 202).

        :param session: The adapter of the shared-file-system service.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            the first phase is not done.
        """
        self._migration_action(
            session, {"migration_complete": None}, MIN_MICROVERSION
        )

    def cancel(self, session: adapter.Adapter) -> None:
        """Abandon the migration (admin, 202).

        :param session: The adapter of the shared-file-system service.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            nothing can be cancelled.
        """
        self._migration_action(
            session, {"migration_cancel": None}, MIN_MICROVERSION
        )

    def fetch_progress(self, session: adapter.Adapter) -> Self:
        """Read the progress (admin): the GET from 2.98, else the action.

        :param session: The adapter of the shared-file-system service.
        :returns: This resource, with ``total_progress``, ``task_state``
            and (2.59) ``details``.
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            no progress can be given (no migration running).
        """
        if utils.supports_microversion(session, PROGRESS_GET_MICROVERSION):
            request = self._prepare_request(requires_id=True)
            url = utils.urljoin(request.url, "migration-progress")
            response = session.get(
                url, microversion=self._get_microversion(session)
            )
            exceptions.raise_from_response(response)
        else:
            response = self._migration_action(
                session, {"migration_get_progress": None}, MIN_MICROVERSION
            )
        self._translate_response(response, has_body=True)
        return self
