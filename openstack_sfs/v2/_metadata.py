"""Plays Manila's generic metadata controller (``manila/api/v2/metadata.py``).

Shares, snapshots (2.73), share network subnets (2.78), export locations
(2.87) and share replicas (2.95) keep user metadata at
``{resource url}/metadata``. :class:`MetadataMixin` gives any
:class:`~openstack_sfs.v2._base.ManilaResource` subclass the calls of that
controller; a class sets ``_metadata_min_microversion`` to the version the
metadata API of that resource appeared in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import requests
from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base

if TYPE_CHECKING:
    from typing_extensions import Self  # noqa: UP035


class MetadataMixin(_base.ManilaResource):
    """Metadata calls on ``{resource url}/metadata``.

    Use as the first base of a resource class::

        class Share(MetadataMixin, ManilaResource):
            _metadata_min_microversion = None  # since 2.0

    Every call sends the resource's negotiated microversion, checks
    ``_metadata_min_microversion`` first (raising
    :class:`~openstack.exceptions.NotSupported` on an older server) and
    raises from an error response. The results are kept in
    :attr:`metadata`.
    """

    #: Lowest microversion whose API has metadata calls for this resource;
    #: ``None`` when they have existed since 2.0.
    _metadata_min_microversion: ClassVar[str | None] = None

    #: User metadata, a dict of string keys and string values.
    metadata = resource.Body("metadata", type=dict)

    # -- helpers --------------------------------------------------------

    def _metadata_url(self, key: str | None = None) -> str:
        """``{resource url}/metadata`` or ``.../metadata/{key}``."""
        request = self._prepare_request(requires_id=True)
        url: str = utils.urljoin(request.url, "metadata")
        if key is not None:
            url = utils.urljoin(url, key)
        return url

    def _metadata_request(
        self,
        session: adapter.Adapter,
        method: str,
        key: str | None = None,
        body: dict[str, Any] | None = None,
    ) -> requests.Response:
        """Send one metadata request and raise on an error status."""
        microversion = self._microversion_for(
            session,
            self._metadata_min_microversion,
            f"{type(self).__name__} metadata",
        )
        kwargs: dict[str, Any] = {"microversion": microversion}
        if body is not None:
            kwargs["json"] = body
        response: requests.Response = session.request(
            self._metadata_url(key), method, **kwargs
        )
        exceptions.raise_from_response(response)
        return response

    def _store_metadata(self, metadata: dict[str, Any]) -> None:
        """Record ``metadata`` as the resource's known metadata."""
        self._body.attributes.update({"metadata": dict(metadata)})
        self._body.clean(only={"metadata"})

    # -- public calls ---------------------------------------------------

    def fetch_metadata(self, session: adapter.Adapter) -> Self:
        """Read all metadata (``GET .../metadata``).

        :param session: The adapter of the shared-file-system service.
        :returns: This resource, with :attr:`metadata` filled.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than the resource's metadata API.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        response = self._metadata_request(session, "GET")
        self._store_metadata(response.json().get("metadata") or {})
        return self

    def get_metadata_item(self, session: adapter.Adapter, key: str) -> Self:
        """Read one metadata item (``GET .../metadata/{key}``).

        Manila answers ``{"meta": {key: value}}``; ``{"metadata": {...}}``
        is accepted too.

        :param session: The adapter of the shared-file-system service.
        :param key: The metadata key.
        :returns: This resource, with ``metadata[key]`` set.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            key does not exist.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than the resource's metadata API.
        """
        response = self._metadata_request(session, "GET", key)
        data = response.json()
        item = data.get("meta")
        if item is None:
            item = data.get("metadata") or {}
        metadata = dict(self.metadata or {})
        metadata[key] = item.get(key)
        self._store_metadata(metadata)
        return self

    def set_metadata(
        self,
        session: adapter.Adapter,
        metadata: dict[str, Any] | None = None,
        replace: bool = False,
    ) -> Self:
        """Merge (``POST``) or replace (``PUT``) metadata.

        :param session: The adapter of the shared-file-system service.
        :param metadata: Key-value pairs to set.
        :param replace: Replace all existing metadata with ``metadata``
            instead of merging into it.
        :returns: This resource, with :attr:`metadata` as the server
            answered it.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than the resource's metadata API.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        sent = dict(metadata or {})
        response = self._metadata_request(
            session, "PUT" if replace else "POST", body={"metadata": sent}
        )
        answer = response.json().get("metadata") if response.content else None
        if answer is None:
            answer = sent if replace else {**(self.metadata or {}), **sent}
        self._store_metadata(answer)
        return self

    def replace_metadata(
        self,
        session: adapter.Adapter,
        metadata: dict[str, Any] | None = None,
    ) -> Self:
        """Replace all metadata (``PUT .../metadata``).

        :param session: The adapter of the shared-file-system service.
        :param metadata: The new complete metadata; empty removes all.
        :returns: This resource, with :attr:`metadata` updated.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than the resource's metadata API.
        """
        return self.set_metadata(session, metadata, replace=True)

    def delete_metadata_item(self, session: adapter.Adapter, key: str) -> Self:
        """Delete one metadata item (``DELETE .../metadata/{key}``).

        :param session: The adapter of the shared-file-system service.
        :param key: The metadata key.
        :returns: This resource, without ``key`` in :attr:`metadata`.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            key does not exist.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than the resource's metadata API.
        """
        self._metadata_request(session, "DELETE", key)
        metadata = dict(self.metadata or {})
        metadata.pop(key, None)
        self._store_metadata(metadata)
        return self
