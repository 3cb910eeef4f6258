"""Share transfers (Manila v2, 2.77): ``/share-transfers``.

Plays ``manila/api/v2/share_transfer.py`` and its view: a project offers
one of its shares, another project accepts it with the one-time
``auth_key``. The share waits in ``awaiting_transfer`` meanwhile; Manila
drops transfers not accepted within ``transfer_retention_time`` (300 s by
default) and the share becomes ``available`` again.
"""

from __future__ import annotations

from typing import Any, Self

from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base

#: Microversion the share transfer API appeared in.
MIN_MICROVERSION = "2.77"


class ShareTransfer(_base.ManilaResource):
    """An offer to move a share to another project."""

    resource_key = "transfer"
    # openstacksdk's ShareTransfer lacks this, so its lists come back empty.
    resources_key = "transfers"
    base_path = "/share-transfers"

    _query_mapping = resource.QueryParameters(
        "all_tenants",
        "destination_project_id",
        "id",
        "limit",
        "name",
        "name~",
        "offset",
        "resource_id",
        "resource_type",
        "sort_dir",
        "sort_key",
        "source_project_id",
        include_pagination_defaults=False,
    )

    #: fields a create needs (one of each group); see _strict
    _create_requires = (("share_id",),)

    allow_create = True
    allow_fetch = True
    allow_commit = False
    allow_delete = True
    allow_list = True
    allow_head = False

    _max_microversion = MIN_MICROVERSION

    #: Whether the transfer was accepted (detailed views).
    accepted = resource.Body("accepted", type=bool)
    #: The one-time key the receiving project needs; only in the create
    #: response.
    auth_key = resource.Body("auth_key", type=str)
    #: When the transfer was created (ISO 8601).
    created_at = resource.Body("created_at", type=str)
    #: Project that accepted the transfer, once accepted.
    destination_project_id = resource.Body("destination_project_id", type=str)
    #: When Manila drops the transfer if nobody accepts it (ISO 8601).
    expires_at = resource.Body("expires_at", type=str)
    #: Links to the transfer.
    links = resource.Body("links", type=list)
    #: Name of the transfer.
    name = resource.Body("name", type=str)
    #: Id of the share offered.
    resource_id = resource.Body("resource_id", type=str)
    #: Kind of resource offered; Manila 23 only transfers ``share``.
    resource_type = resource.Body("resource_type", type=str)
    #: Share to offer; a create request field (shown as ``resource_id``).
    share_id = resource.Body("share_id", type=str)
    #: Project offering the share.
    source_project_id = resource.Body("source_project_id", type=str)

    def accept(
        self,
        session: adapter.Adapter,
        *,
        auth_key: str,
        clear_access_rules: bool = False,
    ) -> Self:
        """Accept the transfer into the caller's project.

        ``POST /share-transfers/{id}/accept`` answers 202 with no body;
        the transfer is gone afterwards, so this marks the local object
        ``accepted``.

        :param session: The adapter of the shared-file-system service.
        :param auth_key: The key the create response gave.
        :param clear_access_rules: Drop the share's access rules.
        :returns: This transfer.
        :raises: :class:`~openstack.exceptions.BadRequestException` on a
            wrong key or a share not awaiting transfer;
            :class:`~openstack.exceptions.HttpException` with status 413
            when the share does not fit the receiving project's quotas.
        """
        microversion = self._microversion_for(
            session, MIN_MICROVERSION, "Accepting a share transfer"
        )
        url = utils.urljoin(self.base_path, self.id, "accept")
        body: dict[str, Any] = {
            "accept": {
                "auth_key": auth_key,
                "clear_access_rules": clear_access_rules,
            }
        }
        response = session.post(url, json=body, microversion=microversion)
        exceptions.raise_from_response(response)
        self._body.attributes["accepted"] = True
        self._body.clean()
        return self
