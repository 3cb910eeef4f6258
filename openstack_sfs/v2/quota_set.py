"""Quota sets (Manila v2): ``/quota-sets/{project_id}`` (2.7).

Plays ``manila/api/v2/quota_sets.py`` and ``manila/api/views/quota_sets.py``:
a project's quotas, optionally for one user or (2.39) one share type, their
defaults, their usage (2.25, ``/detail``), updates and reverting to the
defaults.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import requests
from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base

if TYPE_CHECKING:
    from typing_extensions import Self  # noqa: UP035

#: Microversion of the ``/quota-sets`` URL.
MIN_MICROVERSION = "2.7"
#: Microversion of ``GET /quota-sets/{project_id}/detail``.
DETAIL_MICROVERSION = "2.25"
#: Microversion of per-share-type quotas (``?share_type=``).
SHARE_TYPE_MICROVERSION = "2.39"

#: Every quota key Manila 23 knows, with the microversion it appeared in.
QUOTA_KEYS: dict[str, str] = {
    "shares": "2.0",
    "gigabytes": "2.0",
    "snapshots": "2.0",
    "snapshot_gigabytes": "2.0",
    "share_networks": "2.0",
    "share_groups": "2.40",
    "share_group_snapshots": "2.40",
    "share_replicas": "2.53",
    "replica_gigabytes": "2.53",
    "per_share_gigabytes": "2.62",
    "backups": "2.80",
    "backup_gigabytes": "2.80",
    "encryption_keys": "2.90",
}


class QuotaSet(_base.ManilaResource):
    """The quotas of a project (or of one user or share type in it).

    After a detailed read (:meth:`fetch_quotas` with ``usage=True``) each
    quota attribute holds the limit, and :attr:`usage` and
    :attr:`reservation` hold what is in use and reserved.
    """

    resource_key = "quota_set"
    resources_key = None
    base_path = "/quota-sets/%(project_id)s"

    requires_id = False

    _query_mapping = resource.QueryParameters(
        "user_id", "share_type", include_pagination_defaults=False
    )

    allow_create = False
    allow_fetch = True
    allow_commit = True
    allow_delete = True
    allow_list = False
    allow_head = False

    _max_microversion = "2.90"

    #: Gigabytes of share backups (2.80).
    backup_gigabytes = resource.Body("backup_gigabytes", type=int)
    #: Share backups (2.80).
    backups = resource.Body("backups", type=int)
    #: Encryption keys (2.90).
    encryption_keys = resource.Body("encryption_keys", type=int)
    #: Gigabytes of shares.
    gigabytes = resource.Body("gigabytes", type=int)
    #: The project id as the server echoes it (absent for type quotas).
    id = resource.Body("id", type=str)
    #: Largest size of one share in gigabytes (2.62).
    per_share_gigabytes = resource.Body("per_share_gigabytes", type=int)
    #: The project whose quotas these are (in the URL).
    project_id = resource.URI("project_id", type=str)
    #: Gigabytes of share replicas (2.53).
    replica_gigabytes = resource.Body("replica_gigabytes", type=int)
    #: Reserved amounts per quota key (detailed reads only).
    reservation = resource.Body("reservation", type=dict)
    #: Share group snapshots (2.40; not for share type quotas).
    share_group_snapshots = resource.Body("share_group_snapshots", type=int)
    #: Share groups (2.40; not for share type quotas).
    share_groups = resource.Body("share_groups", type=int)
    #: Share networks (not for share type quotas).
    share_networks = resource.Body("share_networks", type=int)
    #: Share replicas (2.53).
    share_replicas = resource.Body("share_replicas", type=int)
    #: Shares.
    shares = resource.Body("shares", type=int)
    #: Gigabytes of snapshots.
    snapshot_gigabytes = resource.Body("snapshot_gigabytes", type=int)
    #: Snapshots.
    snapshots = resource.Body("snapshots", type=int)
    #: Amounts in use per quota key (detailed reads only).
    usage = resource.Body("usage", type=dict)

    # -- helpers --------------------------------------------------------

    def _url(self, suffix: str | None = None) -> str:
        """``/quota-sets/{project_id}`` or ``.../{suffix}``."""
        url: str = self.base_path % {"project_id": self.project_id}
        if suffix:
            url = utils.urljoin(url, suffix)
        return url

    def _query(
        self,
        session: adapter.Adapter,
        user_id: str | None,
        share_type: str | None,
    ) -> dict[str, str]:
        """The ``user_id`` / ``share_type`` query, checking 2.39."""
        if user_id and share_type:
            raise exceptions.InvalidRequest(
                "user_id and share_type are mutually exclusive"
            )
        query: dict[str, str] = {}
        if user_id:
            query["user_id"] = user_id
        if share_type:
            _base.require_microversion(
                session, SHARE_TYPE_MICROVERSION, "Share type quotas"
            )
            query["share_type"] = share_type
        return query

    def _absorb(self, response: requests.Response) -> None:
        """Store a ``{"quota_set": {...}}`` answer.

        Detailed answers carry ``{"in_use", "limit", "reserved"}`` per
        key: the limit becomes the attribute, the rest goes to
        :attr:`usage` and :attr:`reservation`.
        """
        exceptions.raise_from_response(response)
        body = response.json().get(self.resource_key) or {}
        values: dict[str, Any] = {}
        usage: dict[str, Any] = {}
        reservation: dict[str, Any] = {}
        for key, value in body.items():
            if isinstance(value, dict):
                values[key] = value.get("limit")
                if "in_use" in value:
                    usage[key] = value["in_use"]
                if "reserved" in value:
                    reservation[key] = value["reserved"]
            else:
                values[key] = value
        if usage or reservation:
            values["usage"] = usage
            values["reservation"] = reservation
        self._body.attributes.update(values)
        self._body.clean()

    # -- calls ----------------------------------------------------------

    def fetch_quotas(
        self,
        session: adapter.Adapter,
        *,
        usage: bool = False,
        defaults: bool = False,
        user_id: str | None = None,
        share_type: str | None = None,
    ) -> Self:
        """Read the quotas.

        :param session: The adapter of the shared-file-system service.
        :param usage: Read ``/detail`` (2.25): limits with in-use and
            reserved amounts.
        :param defaults: Read ``/defaults``: the quotas a new project gets.
        :param user_id: Read the quotas of this user in the project.
        :param share_type: Read the quotas of this share type (name or
            id, 2.39).
        :returns: This quota set, filled.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server lacks the microversion the request needs.
        """
        if usage and defaults:
            raise exceptions.InvalidRequest(
                "usage and defaults are mutually exclusive"
            )
        suffix = None
        if usage:
            _base.require_microversion(
                session, DETAIL_MICROVERSION, "Quota usage"
            )
            suffix = "detail"
        elif defaults:
            suffix = "defaults"
        params = {} if defaults else self._query(session, user_id, share_type)
        response = session.get(
            self._url(suffix),
            params=params,
            microversion=self._microversion_for(
                session, MIN_MICROVERSION, "Quota sets"
            ),
        )
        self._absorb(response)
        return self

    def update_quotas(
        self,
        session: adapter.Adapter,
        *,
        force: bool | None = None,
        user_id: str | None = None,
        share_type: str | None = None,
        **quotas: int,
    ) -> Self:
        """Change quotas (``PUT /quota-sets/{project_id}``).

        :param session: The adapter of the shared-file-system service.
        :param force: Set limits below the current usage.
        :param user_id: Change the quotas of this user in the project.
        :param share_type: Change the quotas of this share type (2.39).
        :param quotas: New limits by quota key (``shares=10``); -1 means
            unlimited.
        :returns: This quota set, as the server answered.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than a given key or than 2.39 for
            ``share_type``.
        :raises: :class:`~openstack.exceptions.BadRequestException` for an
            unknown key or a limit below the usage.
        """
        for key in quotas:
            since = QUOTA_KEYS.get(key)
            if since is not None and since != "2.0":
                _base.require_microversion(session, since, f"The {key} quota")
        body: dict[str, Any] = dict(quotas)
        if force is not None:
            body["force"] = force
        response = session.put(
            self._url(),
            json={self.resource_key: body},
            params=self._query(session, user_id, share_type),
            microversion=self._microversion_for(
                session, MIN_MICROVERSION, "Quota sets"
            ),
        )
        self._absorb(response)
        return self

    def revert(
        self,
        session: adapter.Adapter,
        *,
        user_id: str | None = None,
        share_type: str | None = None,
    ) -> None:
        """Drop the project's own quotas, going back to the defaults.

        ``DELETE /quota-sets/{project_id}``; Manila answers 202.

        :param session: The adapter of the shared-file-system service.
        :param user_id: Revert only this user's quotas.
        :param share_type: Revert only this share type's quotas (2.39).
        """
        response = session.delete(
            self._url(),
            params=self._query(session, user_id, share_type),
            microversion=self._microversion_for(
                session, MIN_MICROVERSION, "Quota sets"
            ),
        )
        exceptions.raise_from_response(response)
