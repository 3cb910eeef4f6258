"""The Shared File Systems v2 proxy: ``conn.shared_file_system``.

One banner section per resource, in the order of Manila's API reference.
Names and signatures follow openstacksdk's
``openstack.shared_file_system.v2._proxy`` wherever it has the operation.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Iterable
from typing import Any, ClassVar, Literal

import requests
from openstack import exceptions, proxy, resource, utils

from openstack_sfs.v2 import _base, _strict, _wait
from openstack_sfs.v2 import availability_zone as _availability_zone
from openstack_sfs.v2 import limit as _limit
from openstack_sfs.v2 import qos_type as _qos_type
from openstack_sfs.v2 import quota_class_set as _quota_class_set
from openstack_sfs.v2 import quota_set as _quota_set
from openstack_sfs.v2 import resource_lock as _resource_lock
from openstack_sfs.v2 import security_service as _security_service
from openstack_sfs.v2 import service as _service
from openstack_sfs.v2 import share as _share
from openstack_sfs.v2 import share_access_rule as _share_access_rule
from openstack_sfs.v2 import share_backup as _share_backup
from openstack_sfs.v2 import share_export_location as _share_export_location
from openstack_sfs.v2 import share_group as _share_group
from openstack_sfs.v2 import share_group_snapshot as _share_group_snapshot
from openstack_sfs.v2 import share_group_type as _share_group_type
from openstack_sfs.v2 import share_instance as _share_instance
from openstack_sfs.v2 import share_migration as _share_migration
from openstack_sfs.v2 import share_network as _share_network
from openstack_sfs.v2 import share_network_subnet as _share_network_subnet
from openstack_sfs.v2 import share_replica as _share_replica
from openstack_sfs.v2 import share_server as _share_server
from openstack_sfs.v2 import share_snapshot as _share_snapshot
from openstack_sfs.v2 import (
    share_snapshot_access_rule as _share_snapshot_access_rule,
)
from openstack_sfs.v2 import (
    share_snapshot_instance as _share_snapshot_instance,
)
from openstack_sfs.v2 import share_transfer as _share_transfer
from openstack_sfs.v2 import share_type as _share_type
from openstack_sfs.v2 import storage_pool as _storage_pool
from openstack_sfs.v2 import user_message as _user_message


@_strict.strict_proxy
class Proxy(proxy.Proxy):
    """Proxy for the Shared File Systems (Manila) v2 API.

    Every public method is strict about its arguments (see
    :mod:`openstack_sfs.v2._strict`): an unknown keyword raises
    :class:`TypeError` naming the nearest valid one, a create without a
    required field raises before anything is sent, and sizes must be
    positive integers.
    """

    api_version: ClassVar[Literal["2"]] = "2"

    def _create(
        self,
        resource_type: type[resource.ResourceT],
        base_path: str | None = None,
        **attrs: Any,
    ) -> resource.ResourceT:
        """openstacksdk's ``_create``, refusing unknown or missing fields."""
        _strict.check_names(attrs, _strict.field_names(resource_type))
        _strict.check_required(resource_type, attrs)
        _strict.check_values(attrs)
        return super()._create(resource_type, base_path=base_path, **attrs)

    def _update(
        self,
        resource_type: type[resource.ResourceT],
        value: Any,
        base_path: str | None = None,
        **attrs: Any,
    ) -> resource.ResourceT:
        """openstacksdk's ``_update``, refusing unknown fields."""
        _strict.check_names(attrs, _strict.field_names(resource_type))
        _strict.check_values(attrs)
        return super()._update(
            resource_type, value, base_path=base_path, **attrs
        )

    def _find(  # type: ignore[override]
        self,
        resource_type: type[resource.ResourceT],
        name_or_id: str,
        ignore_missing: bool = True,
        **attrs: Any,
    ) -> resource.ResourceT | None:
        """openstacksdk's ``_find``, refusing unknown filters."""
        _strict.check_names(
            attrs,
            _strict.filter_names(resource_type) | _strict.FIND_OPTIONS,
        )
        return super()._find(
            resource_type, name_or_id, ignore_missing=ignore_missing, **attrs
        )

    def _list(  # type: ignore[override]
        self,
        resource_type: Any,
        /,
        paginated: bool = True,
        base_path: str | None = None,
        jmespath_filters: str | None = None,
        **attrs: Any,
    ) -> Any:
        """openstacksdk's ``_list``, taking a filter named like its first
        parameter (``resource_type``, for messages and resource locks),
        and refusing filters the resource does not have.
        """
        _strict.check_names(attrs, _strict.filter_names(resource_type))
        clashing = {
            key: attrs.pop(key) for key in ("resource_type",) if key in attrs
        }
        if clashing:
            attrs["__conflicting_attrs"] = clashing
        return super()._list(
            resource_type,
            paginated=paginated,
            base_path=base_path,
            jmespath_filters=jmespath_filters,
            **attrs,
        )

    def request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> requests.Response:
        """Send a request to Manila (openstacksdk's ``Proxy.request``).

        The first call finds the endpoint through the catalog and version
        discovery, as usual, and pins it: keystoneauth would otherwise walk
        the catalog again on every request.

        :param url: A path under the Manila endpoint (``/shares``), or a
            full URL.
        :param method: The HTTP method (``"GET"``, ``"POST"``, ...).
        :param args: Passed on to keystoneauth's ``Adapter.request``.
        :param kwargs: Passed on as well: ``json``, ``microversion``,
            ``headers``, ``raise_exc`` (True by default), ...
        :returns: The :class:`requests.Response`.
        :raises: :class:`keystoneauth1.exceptions.http.HttpError` on an
            error status unless ``raise_exc=False``.
        """
        if self.endpoint_override is None and not url.startswith(
            ("http://", "https://")
        ):
            endpoint = self.get_endpoint()
            if endpoint:
                self.endpoint_override = endpoint
        return super().request(url, method, *args, **kwargs)

    # ======== Shares ========
    def shares(
        self, details: bool = True, **query: Any
    ) -> Generator[_share.Share, None, None]:
        """List shares (``GET /shares/detail`` or ``/shares``).

        With ``limit``, pages are fetched one after the other by
        ``offset`` until the list is exhausted.

        :param details: List full share records (``/shares/detail``);
            ``False`` gives only ids, names and links.
        :param query: Filters: ``name``, ``name~``, ``description``,
            ``description~`` (2.36), ``status``, ``share_server_id``,
            ``metadata``, ``extra_specs`` (dicts), ``share_type_id``,
            ``snapshot_id``, ``host``, ``share_network_id``,
            ``project_id``, ``is_public``, ``share_group_id``,
            ``export_location_id``, ``export_location_path`` (2.35),
            ``is_soft_deleted`` (2.69), ``availability_zone`` (2.97),
            ``mount_point_name`` (2.84), ``encryption_key_ref`` (2.90),
            ``with_count`` (2.42), ``limit``, ``offset``, ``sort_key``,
            ``sort_dir`` and ``all_projects`` (admin).
        :returns: A generator of
            :class:`~openstack_sfs.v2.share.Share`.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        base_path = "/shares/detail" if details else None
        return self._list(_share.Share, base_path=base_path, **query)

    def find_share(
        self, name_or_id: str, ignore_missing: bool = True, **query: Any
    ) -> _share.Share | None:
        """Find a share by name or id.

        :param name_or_id: The share's name or id.
        :param ignore_missing: Return ``None`` instead of raising
            :class:`~openstack.exceptions.NotFoundException` when no
            share matches.
        :param query: Further list filters.
        :returns: The share, or ``None``.
        :raises: :class:`~openstack.exceptions.DuplicateResource` when
            several shares have that name.
        """
        return self._find(
            _share.Share, name_or_id, ignore_missing=ignore_missing, **query
        )

    def get_share(self, share: str | _share.Share) -> _share.Share:
        """Show a share (``GET /shares/{id}``).

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: The share.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        return self._get(_share.Share, share)

    def create_share(self, **attrs: Any) -> _share.Share:
        """Create a share (``POST /shares``; Manila answers 200).

        :param attrs: ``share_protocol`` and ``size`` (required),
            ``name``, ``description``, ``share_type``, ``snapshot_id``,
            ``share_network_id``, ``share_group_id`` (2.31),
            ``availability_zone``, ``metadata``, ``is_public``,
            ``scheduler_hints`` (2.65; ``only_host`` 2.67),
            ``mount_point_name`` (2.84), ``encryption_key_ref`` (2.90).
        :returns: The new share, usually in status ``creating``.
        :raises: :class:`~openstack.exceptions.NotSupported` when a field
            needs a newer microversion than the server offers.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self._create(_share.Share, **attrs)

    def update_share(
        self, share: str | _share.Share, **attrs: Any
    ) -> _share.Share:
        """Update a share's name, description or visibility.

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param attrs: ``name``, ``description``, ``is_public``.
        :returns: The updated share.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self._update(_share.Share, share, **attrs)

    def delete_share(
        self,
        share: str | _share.Share,
        ignore_missing: bool = True,
        *,
        force: bool = False,
        share_group_id: str | None = None,
    ) -> None:
        """Delete a share (``DELETE /shares/{id}``, 202).

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param ignore_missing: Do not raise
            :class:`~openstack.exceptions.NotFoundException` when the
            share does not exist.
        :param force: Use the admin ``force_delete`` action instead.
        :param share_group_id: The share's group, which Manila requires
            for a share in a group.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on another error response.
        """
        res = self._get_resource(_share.Share, share)
        try:
            if force:
                res.force_delete(self)
            elif share_group_id is not None:
                res.delete_with_group(self, share_group_id)
            else:
                res.delete(self)
        except exceptions.NotFoundException:
            if not ignore_missing:
                raise

    def resize_share(
        self,
        share: str | _share.Share,
        new_size: int,
        no_shrink: bool = False,
        no_extend: bool = False,
        force: bool = False,
    ) -> None:
        """Extend or shrink a share to ``new_size`` GiB.

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param new_size: The wanted size in GiB; nothing happens when the
            share already has it.
        :param no_shrink: Never shrink (only grow to at least
            ``new_size``).
        :param no_extend: Never extend (only shrink to at most
            ``new_size``).
        :param force: Extend bypassing the scheduler (admin, 2.64).
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            action needs a newer microversion.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        res = self._get(_share.Share, share)
        if new_size > res.size and not no_extend:
            res.extend_share(self, new_size, force)
        elif new_size < res.size and not no_shrink:
            res.shrink_share(self, new_size)

    def revert_share_to_snapshot(
        self,
        share: str | _share.Share,
        snapshot: str | _share_snapshot.ShareSnapshot,
    ) -> None:
        """Revert a share to its most recent snapshot (2.27).

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param snapshot: The snapshot id or object.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.27.
        """
        res = self._get_resource(_share.Share, share)
        res.revert_to_snapshot(self, resource.Resource._get_id(snapshot))

    def reset_share_status(
        self, share: str | _share.Share, status: str
    ) -> None:
        """Set a share's status (admin).

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param status: The new status, e.g. ``available`` or ``error``.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        self._get_resource(_share.Share, share).reset_status(self, status)

    def reset_share_task_state(
        self, share: str | _share.Share, task_state: str | None
    ) -> None:
        """Set a share's migration task state (admin, 2.22).

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param task_state: The new task state, or ``None`` to clear it.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.22.
        """
        res = self._get_resource(_share.Share, share)
        res.reset_task_state(self, task_state)

    def soft_delete_share(self, share: str | _share.Share) -> None:
        """Move a share to the recycle bin (2.69).

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.69.
        """
        self._get_resource(_share.Share, share).soft_delete(self)

    def restore_share(self, share: str | _share.Share) -> None:
        """Restore a share from the recycle bin (2.69).

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.69.
        """
        self._get_resource(_share.Share, share).restore(self)

    @_strict.accepts(_share.MANAGE_PARAMS)
    def manage_share(
        self,
        protocol: str,
        export_path: str,
        service_host: str,
        **params: Any,
    ) -> _share.Share:
        """Adopt an existing backend share (admin, 2.7; 200).

        :param protocol: Share protocol, e.g. ``NFS``.
        :param export_path: The export path on the backend.
        :param service_host: Backend ``host@backend#pool``.
        :param params: ``name``, ``description``, ``share_type``,
            ``driver_options``, ``is_public`` (2.8), ``share_server_id``
            (2.49), ``mount_point_name`` (2.92).
        :returns: The managed share (status ``manage_starting``).
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is too old for the call or a parameter.
        """
        return _share.Share.manage_share(
            self, protocol, export_path, service_host, **params
        )

    def unmanage_share(self, share: str | _share.Share) -> None:
        """Stop managing a share, keeping it on the backend (admin, 2.7).

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        self._get_resource(_share.Share, share).unmanage(self)

    # -- end: shares --

    # ======== Share metadata ========
    def fetch_share_metadata(self, share: str | _share.Share) -> _share.Share:
        """Read all metadata of a share.

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: The share with :attr:`metadata` filled.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self._get_resource(_share.Share, share).fetch_metadata(self)

    def get_share_metadata(self, share: str | _share.Share) -> _share.Share:
        """Read all metadata of a share; same as
        :meth:`fetch_share_metadata`.

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: The share with :attr:`metadata` filled.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self.fetch_share_metadata(share)

    def fetch_share_metadata_item(
        self, share: str | _share.Share, key: str
    ) -> _share.Share:
        """Read one metadata item of a share.

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param key: The metadata key.
        :returns: The share with ``metadata[key]`` set.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            key does not exist.
        """
        res = self._get_resource(_share.Share, share)
        return res.get_metadata_item(self, key)

    def get_share_metadata_item(
        self, share: str | _share.Share, key: str
    ) -> _share.Share:
        """Read one metadata item; same as :meth:`fetch_share_metadata_item`.

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param key: The metadata key.
        :returns: The share with ``metadata[key]`` set.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self.fetch_share_metadata_item(share, key)

    def set_share_metadata(
        self,
        share: str | _share.Share,
        *,
        replace: bool = False,
        **metadata: Any,
    ) -> _share.Share:
        """Merge items into a share's metadata, or replace it all.

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param replace: Replace all metadata (``PUT``) instead of merging
            (``POST``).
        :param metadata: The items.
        :returns: The share with :attr:`metadata` as the server answered.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response (e.g. 403 for an admin-only key).
        """
        res = self._get_resource(_share.Share, share)
        return res.set_metadata(self, metadata=metadata, replace=replace)

    def create_share_metadata(
        self, share: str | _share.Share, **metadata: Any
    ) -> _share.Share:
        """Merge items into a share's metadata; same as
        :meth:`set_share_metadata`.

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param metadata: The items.
        :returns: The share with updated :attr:`metadata`.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self.set_share_metadata(share, **metadata)

    def update_share_metadata(
        self,
        share: str | _share.Share,
        metadata: dict[str, Any],
        replace: bool = False,
    ) -> _share.Share:
        """Merge or replace a share's metadata from a dict.

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param metadata: The items.
        :param replace: Replace all metadata instead of merging.
        :returns: The share with updated :attr:`metadata`.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self.set_share_metadata(share, replace=replace, **metadata)

    def delete_share_metadata(
        self,
        share: str | _share.Share,
        keys: Iterable[str],
        ignore_missing: bool = True,
    ) -> None:
        """Delete metadata items of a share, one request per key.

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param keys: The keys to delete.
        :param ignore_missing: Skip keys that do not exist instead of
            raising :class:`~openstack.exceptions.NotFoundException`.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on any other error response (raised at once).
        """
        res = self._get_resource(_share.Share, share)
        for key in keys:
            try:
                res.delete_metadata_item(self, key)
            except exceptions.NotFoundException:
                if not ignore_missing:
                    raise

    # -- end: share metadata --

    # ======== Share access rules ========
    def access_rules(
        self, share: str | _share.Share, **query: Any
    ) -> Generator[_share_access_rule.ShareAccessRule, None, None]:
        """List the access rules of a share (2.45).

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param query: Filters: ``access_type``, ``access_to``,
            ``access_level``, ``access_key`` (validated from 2.82) and
            ``metadata`` (a dict).
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_access_rule.ShareAccessRule`.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.45.
        """
        share_id = resource.Resource._get_id(share)
        return self._list(
            _share_access_rule.ShareAccessRule, share_id=share_id, **query
        )

    def get_access_rule(
        self, access_rule: str | _share_access_rule.ShareAccessRule
    ) -> _share_access_rule.ShareAccessRule:
        """Show an access rule (``GET /share-access-rules/{id}``, 2.45).

        :param access_rule: The rule id or a
            :class:`~openstack_sfs.v2.share_access_rule.ShareAccessRule`.
        :returns: The rule.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.45.
        """
        return self._get(_share_access_rule.ShareAccessRule, access_rule)

    def create_access_rule(
        self, share: str | _share.Share, **attrs: Any
    ) -> _share_access_rule.ShareAccessRule:
        """Grant access to a share (share action ``allow_access``).

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param attrs: ``access_type`` and ``access_to`` (required),
            ``access_level`` (``rw`` by default), ``metadata`` (2.45),
            ``lock_visibility``, ``lock_deletion``, ``lock_reason``
            (2.82).
        :returns: The new rule, usually in state ``queued_to_apply``.
        :raises: :class:`~openstack.exceptions.NotSupported` when a field
            needs a newer microversion.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        share_id = resource.Resource._get_id(share)
        return self._create(
            _share_access_rule.ShareAccessRule, share_id=share_id, **attrs
        )

    def delete_access_rule(
        self,
        access_rule: str | _share_access_rule.ShareAccessRule,
        share: str | _share.Share,
        ignore_missing: bool = True,
        *,
        unrestrict: bool = False,
    ) -> None:
        """Revoke an access rule (share action ``deny_access``, 202).

        :param access_rule: The rule id or a
            :class:`~openstack_sfs.v2.share_access_rule.ShareAccessRule`.
        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param ignore_missing: Do not raise
            :class:`~openstack.exceptions.NotFoundException` when the
            rule does not exist.
        :param unrestrict: Also remove the caller's deletion locks (2.82).
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on another error response.
        """
        res = self._get_resource(
            _share_access_rule.ShareAccessRule,
            access_rule,
            share_id=resource.Resource._get_id(share),
        )
        try:
            res.delete(self, unrestrict=unrestrict)
        except exceptions.NotFoundException:
            if not ignore_missing:
                raise

    def update_access_rule(
        self,
        access_rule: str | _share_access_rule.ShareAccessRule,
        access_level: str,
    ) -> _share_access_rule.ShareAccessRule:
        """Change an access rule's level (2.88).

        :param access_rule: The rule id or a
            :class:`~openstack_sfs.v2.share_access_rule.ShareAccessRule`.
        :param access_level: ``rw`` or ``ro``.
        :returns: The updated rule.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.88.
        """
        res = self._get_resource(
            _share_access_rule.ShareAccessRule, access_rule
        )
        return res.update_access_level(self, access_level)

    def set_access_rule_metadata(
        self,
        access_rule: str | _share_access_rule.ShareAccessRule,
        **metadata: str,
    ) -> _share_access_rule.ShareAccessRule:
        """Add or change metadata items of an access rule (2.45).

        :param access_rule: The rule id or a
            :class:`~openstack_sfs.v2.share_access_rule.ShareAccessRule`.
        :param metadata: The items; Manila merges them.
        :returns: The rule with :attr:`metadata` updated.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.45.
        """
        res = self._get_resource(
            _share_access_rule.ShareAccessRule, access_rule
        )
        return res.set_metadata(self, metadata)

    def delete_access_rule_metadata(
        self,
        access_rule: str | _share_access_rule.ShareAccessRule,
        keys: Iterable[str],
        ignore_missing: bool = True,
    ) -> None:
        """Delete metadata items of an access rule (2.45).

        :param access_rule: The rule id or a
            :class:`~openstack_sfs.v2.share_access_rule.ShareAccessRule`.
        :param keys: The keys to delete, one request each.
        :param ignore_missing: Skip keys that do not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.45.
        """
        res = self._get_resource(
            _share_access_rule.ShareAccessRule, access_rule
        )
        for key in keys:
            try:
                res.delete_metadata_item(self, key)
            except exceptions.NotFoundException:
                if not ignore_missing:
                    raise

    # -- end: share access rules --

    # ======== Share export locations ========
    def export_locations(
        self, share: str | _share.Share
    ) -> Generator[_share_export_location.ShareExportLocation, None, None]:
        """List the export locations of a share (2.9).

        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_export_location.ShareExportLocation`.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.9.
        """
        _base.require_microversion(self, "2.9", "Listing export locations")
        return self._list(
            _share_export_location.ShareExportLocation,
            share_id=resource.Resource._get_id(share),
        )

    def get_export_location(
        self,
        export_location: str | _share_export_location.ShareExportLocation,
        share: str | _share.Share,
    ) -> _share_export_location.ShareExportLocation:
        """Show an export location of a share (2.9).

        :param export_location: The export location id or object.
        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: The export location.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.9.
        """
        _base.require_microversion(self, "2.9", "Showing an export location")
        return self._get(
            _share_export_location.ShareExportLocation,
            resource.Resource._get_id(export_location),
            share_id=resource.Resource._get_id(share),
        )

    def _export_location(
        self,
        export_location: str | _share_export_location.ShareExportLocation,
        share: str | _share.Share,
    ) -> _share_export_location.ShareExportLocation:
        """An export location object with its share id set."""
        return self._get_resource(
            _share_export_location.ShareExportLocation,
            resource.Resource._get_id(export_location),
            share_id=resource.Resource._get_id(share),
        )

    def fetch_export_location_metadata(
        self,
        export_location: str | _share_export_location.ShareExportLocation,
        share: str | _share.Share,
    ) -> _share_export_location.ShareExportLocation:
        """Read all metadata of an export location (2.87).

        Manila 23.0.1 answers this call with 400 ("'meta' is a required
        property"), a bug of its response schema; the error is raised.

        :param export_location: The export location id or object.
        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: The export location with :attr:`metadata` filled.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.87.
        """
        res = self._export_location(export_location, share)
        return res.fetch_metadata(self)

    def fetch_export_location_metadata_item(
        self,
        export_location: str | _share_export_location.ShareExportLocation,
        share: str | _share.Share,
        key: str,
    ) -> _share_export_location.ShareExportLocation:
        """Read one metadata item of an export location (2.87).

        :param export_location: The export location id or object.
        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param key: The metadata key.
        :returns: The export location with ``metadata[key]`` set.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            key does not exist.
        """
        res = self._export_location(export_location, share)
        return res.get_metadata_item(self, key)

    def set_export_location_metadata(
        self,
        export_location: str | _share_export_location.ShareExportLocation,
        share: str | _share.Share,
        *,
        replace: bool = False,
        **metadata: Any,
    ) -> _share_export_location.ShareExportLocation:
        """Merge items into an export location's metadata (2.87).

        :param export_location: The export location id or object.
        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param replace: Replace all metadata instead of merging.
        :param metadata: The items (``preferred`` is admin-only).
        :returns: The export location with updated :attr:`metadata`.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.87.
        """
        res = self._export_location(export_location, share)
        return res.set_metadata(self, metadata=metadata, replace=replace)

    def delete_export_location_metadata(
        self,
        export_location: str | _share_export_location.ShareExportLocation,
        share: str | _share.Share,
        keys: Iterable[str],
        ignore_missing: bool = True,
    ) -> None:
        """Delete metadata items of an export location (2.87).

        :param export_location: The export location id or object.
        :param share: The share id or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param keys: The keys to delete, one request each.
        :param ignore_missing: Skip keys that do not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.87.
        """
        res = self._export_location(export_location, share)
        for key in keys:
            try:
                res.delete_metadata_item(self, key)
            except exceptions.NotFoundException:
                if not ignore_missing:
                    raise

    # -- end: share export locations --

    # ======== Share instances ========
    def share_instances(
        self, share: str | _share.Share | None = None, **query: Any
    ) -> Generator[_share_instance.ShareInstance, None, None]:
        """List share instances (admin, 2.3).

        :param share: Only the instances of this share
            (``GET /shares/{id}/instances``); all instances otherwise.
        :param query: Filters for the full list: ``host`` (a back end
            ``host@backend`` or a pool), ``status``,
            ``export_location_id``, ``export_location_path`` (2.35),
            ``is_soft_deleted`` (2.69).
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_instance.ShareInstance`.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.3.
        """
        _base.require_microversion(self, "2.3", "Listing share instances")
        base_path = None
        if share is not None:
            share_id = resource.Resource._get_id(share)
            base_path = f"/shares/{share_id}/instances"
        return self._list(
            _share_instance.ShareInstance, base_path=base_path, **query
        )

    def get_share_instance(
        self, share_instance: str | _share_instance.ShareInstance
    ) -> _share_instance.ShareInstance:
        """Show a share instance (admin, 2.3).

        :param share_instance: The instance id or object.
        :returns: The instance.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.3.
        """
        _base.require_microversion(self, "2.3", "Showing a share instance")
        return self._get(_share_instance.ShareInstance, share_instance)

    def reset_share_instance_status(
        self,
        share_instance: str | _share_instance.ShareInstance,
        status: str,
    ) -> None:
        """Set a share instance's status (admin, 2.7).

        :param share_instance: The instance id or object.
        :param status: The new status.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.7.
        """
        res = self._get_resource(_share_instance.ShareInstance, share_instance)
        res.reset_status(self, status)

    def delete_share_instance(
        self,
        share_instance: str | _share_instance.ShareInstance,
        ignore_missing: bool = True,
    ) -> None:
        """Force-delete a share instance (admin, 2.7).

        :param share_instance: The instance id or object.
        :param ignore_missing: Do not raise
            :class:`~openstack.exceptions.NotFoundException` when the
            instance does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.7.
        """
        res = self._get_resource(_share_instance.ShareInstance, share_instance)
        try:
            res.force_delete(self)
        except exceptions.NotFoundException:
            if not ignore_missing:
                raise

    def share_instance_export_locations(
        self, share_instance: str | _share_instance.ShareInstance
    ) -> Generator[_share_instance.ShareInstanceExportLocation, None, None]:
        """List the export locations of a share instance (admin, 2.9).

        :param share_instance: The instance id or object.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_instance.ShareInstanceExportLocation`.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.9.
        """
        _base.require_microversion(
            self, "2.9", "Listing share instance export locations"
        )
        return self._list(
            _share_instance.ShareInstanceExportLocation,
            share_instance_id=resource.Resource._get_id(share_instance),
        )

    def get_share_instance_export_location(
        self,
        export_location: str | _share_instance.ShareInstanceExportLocation,
        share_instance: str | _share_instance.ShareInstance,
    ) -> _share_instance.ShareInstanceExportLocation:
        """Show an export location of a share instance (admin, 2.9).

        :param export_location: The export location id or object.
        :param share_instance: The instance id or object.
        :returns: The export location.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.9.
        """
        _base.require_microversion(
            self, "2.9", "Showing a share instance export location"
        )
        return self._get(
            _share_instance.ShareInstanceExportLocation,
            resource.Resource._get_id(export_location),
            share_instance_id=resource.Resource._get_id(share_instance),
        )

    # -- end: share instances --

    # ======== Share snapshots ========
    def share_snapshots(
        self, details: bool = True, **query: Any
    ) -> Generator[_share_snapshot.ShareSnapshot, None, None]:
        """List share snapshots (``GET /snapshots[/detail]``).

        :param details: List with all fields (``/snapshots/detail``);
            ``False`` gives only id, name and links.
        :param query: Filters: ``name``, ``name~`` and ``description~``
            (2.36), ``description``, ``status``, ``share_id``, ``size``,
            ``project_id``, ``metadata`` (2.73), ``all_projects`` (admin),
            ``limit``, ``offset``, ``sort_key``, ``sort_dir``,
            ``with_count`` (2.79).
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`. With
            ``limit``, pages of that size are fetched one after the other
            by ``offset`` (Manila ignores markers).
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        base_path = "/snapshots/detail" if details else None
        return self._list(
            _share_snapshot.ShareSnapshot,
            base_path=base_path,
            **query,
        )

    def get_share_snapshot(
        self, snapshot: str | _share_snapshot.ShareSnapshot
    ) -> _share_snapshot.ShareSnapshot:
        """Show one share snapshot (``GET /snapshots/{id}``).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :returns: The snapshot.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        return self._get(_share_snapshot.ShareSnapshot, snapshot)

    def find_share_snapshot(
        self, name_or_id: str, ignore_missing: bool = True, **query: Any
    ) -> _share_snapshot.ShareSnapshot | None:
        """Find a share snapshot by name or ID.

        :param name_or_id: The name or ID of the snapshot.
        :param ignore_missing: Return ``None`` instead of raising when
            nothing matches.
        :param query: More list filters, e.g. ``share_id``.
        :returns: The snapshot, or ``None``.
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            nothing matches and ``ignore_missing`` is ``False``;
            :class:`~openstack.exceptions.DuplicateResource` when several
            snapshots have that name.
        """
        return self._find(
            _share_snapshot.ShareSnapshot,
            name_or_id,
            ignore_missing=ignore_missing,
            list_base_path="/snapshots/detail",
            **query,
        )

    def create_share_snapshot(
        self, **attrs: Any
    ) -> _share_snapshot.ShareSnapshot:
        """Take a snapshot of a share (``POST /snapshots``, 202).

        :param attrs: ``share_id`` (required), ``name``, ``description``,
            ``force`` (snapshot a busy share) and ``metadata`` (2.73).
        :returns: The new snapshot, usually in status ``creating``.
        :raises: :class:`~openstack.exceptions.NotSupported` when
            ``metadata`` is given and the server is older than 2.73.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response (e.g. 422 when the share's type has no
            ``snapshot_support``).
        """
        return self._create(_share_snapshot.ShareSnapshot, **attrs)

    def update_share_snapshot(
        self, snapshot: str | _share_snapshot.ShareSnapshot, **attrs: Any
    ) -> _share_snapshot.ShareSnapshot:
        """Rename or re-describe a snapshot (``PUT /snapshots/{id}``).

        ``name`` and ``description`` are sent as ``display_name`` and
        ``display_description``, the only keys Manila's update reads.

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :param attrs: ``name`` and/or ``description``.
        :returns: The updated snapshot.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        return self._update(_share_snapshot.ShareSnapshot, snapshot, **attrs)

    def delete_share_snapshot(
        self,
        snapshot: str | _share_snapshot.ShareSnapshot,
        ignore_missing: bool = True,
        *,
        force: bool = False,
    ) -> None:
        """Delete a snapshot (``DELETE /snapshots/{id}``, 202).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :param ignore_missing: Do not raise when the snapshot does not
            exist.
        :param force: Use the admin ``force_delete`` action, which deletes
            whatever the snapshot's status.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist and ``ignore_missing`` is ``False``.
        """
        if force:
            res = self._get_resource(_share_snapshot.ShareSnapshot, snapshot)
            try:
                res.force_delete(self)
            except exceptions.NotFoundException:
                if not ignore_missing:
                    raise
            return
        self._delete(
            _share_snapshot.ShareSnapshot,
            snapshot,
            ignore_missing=ignore_missing,
        )

    def reset_share_snapshot_status(
        self, snapshot: str | _share_snapshot.ShareSnapshot, status: str
    ) -> None:
        """Set a snapshot's status in the database (admin).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :param status: The new status, e.g. ``available`` or ``error``.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.BadRequestException` for an
            unknown status.
        """
        res = self._get_resource(_share_snapshot.ShareSnapshot, snapshot)
        res.reset_status(self, status)

    @_strict.accepts(_share_snapshot.MANAGE_PARAMS)
    def manage_share_snapshot(
        self,
        share: str | resource.Resource,
        provider_location: str,
        **params: Any,
    ) -> _share_snapshot.ShareSnapshot:
        """Bring an existing back-end snapshot under Manila (2.12, admin).

        :param share: The ID of the share (or the share) the snapshot
            belongs to.
        :param provider_location: The snapshot's name or path on the
            back end.
        :param params: Optional ``name``, ``description``,
            ``driver_options`` (dict) and ``metadata`` (2.73).
        :returns: The new snapshot, in status ``manage_starting``.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.12.
        """
        share_id = resource.Resource._get_id(share)
        return _share_snapshot.ShareSnapshot().manage(
            self, share_id, provider_location, **params
        )

    def unmanage_share_snapshot(
        self, snapshot: str | _share_snapshot.ShareSnapshot
    ) -> None:
        """Forget a snapshot, leaving it on the back end (2.12, admin).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.12.
        """
        res = self._get_resource(_share_snapshot.ShareSnapshot, snapshot)
        res.unmanage(self)

    def fetch_share_snapshot_metadata(
        self, snapshot: str | _share_snapshot.ShareSnapshot
    ) -> _share_snapshot.ShareSnapshot:
        """Read all metadata of a snapshot (2.73).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :returns: The snapshot, with ``metadata`` filled.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.73.
        """
        res = self._get_resource(_share_snapshot.ShareSnapshot, snapshot)
        return res.fetch_metadata(self)

    def fetch_share_snapshot_metadata_item(
        self, snapshot: str | _share_snapshot.ShareSnapshot, key: str
    ) -> _share_snapshot.ShareSnapshot:
        """Read one metadata item of a snapshot (2.73).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :param key: The metadata key.
        :returns: The snapshot, with ``metadata[key]`` set.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            key does not exist.
        """
        res = self._get_resource(_share_snapshot.ShareSnapshot, snapshot)
        return res.get_metadata_item(self, key)

    def set_share_snapshot_metadata(
        self,
        snapshot: str | _share_snapshot.ShareSnapshot,
        *,
        replace: bool = False,
        **metadata: Any,
    ) -> _share_snapshot.ShareSnapshot:
        """Merge or replace a snapshot's metadata (2.73).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :param replace: Replace all metadata (``PUT``) instead of merging
            (``POST``).
        :param metadata: The key-value pairs.
        :returns: The snapshot, with ``metadata`` as Manila answered it.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.73.
        """
        res = self._get_resource(_share_snapshot.ShareSnapshot, snapshot)
        return res.set_metadata(self, metadata=metadata, replace=replace)

    def delete_share_snapshot_metadata(
        self,
        snapshot: str | _share_snapshot.ShareSnapshot,
        keys: Iterable[str],
    ) -> None:
        """Delete metadata items of a snapshot, one request per key (2.73).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :param keys: The keys to delete.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when a
            key does not exist.
        """
        res = self._get_resource(_share_snapshot.ShareSnapshot, snapshot)
        for key in keys:
            res.delete_metadata_item(self, key)

    # -- end: share snapshots --

    # ======== Snapshot access rules and export locations ========
    def share_snapshot_access_rules(
        self, snapshot: str | _share_snapshot.ShareSnapshot
    ) -> Generator[
        _share_snapshot_access_rule.ShareSnapshotAccessRule, None, None
    ]:
        """List a snapshot's access rules (2.32).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_snapshot_access_rule.ShareSnapshotAccessRule`.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.32.
        """
        snapshot_id = resource.Resource._get_id(snapshot)
        return self._list(
            _share_snapshot_access_rule.ShareSnapshotAccessRule,
            snapshot_id=snapshot_id,
        )

    def create_share_snapshot_access_rule(
        self,
        snapshot: str | _share_snapshot.ShareSnapshot,
        access_type: str,
        access_to: str,
    ) -> _share_snapshot_access_rule.ShareSnapshotAccessRule:
        """Grant access to a mountable snapshot (2.32, 202).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :param access_type: ``ip``, ``user``, ``cert`` or ``cephx``.
        :param access_to: The address, user or certificate name.
        :returns: The new rule, usually in state ``queued_to_apply``.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.32.
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            the snapshot is not mountable or the rule exists already.
        """
        snapshot_id = resource.Resource._get_id(snapshot)
        return _share_snapshot_access_rule.ShareSnapshotAccessRule.allow(
            self, snapshot_id, access_type, access_to
        )

    def delete_share_snapshot_access_rule(
        self,
        snapshot: str | _share_snapshot.ShareSnapshot,
        access_id: str | _share_snapshot_access_rule.ShareSnapshotAccessRule,
    ) -> None:
        """Remove an access rule from a snapshot (2.32, 202).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :param access_id: The ID of the rule, or the rule.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.32.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            rule does not exist.
        """
        snapshot_id = resource.Resource._get_id(snapshot)
        rule_id = resource.Resource._get_id(access_id)
        _share_snapshot_access_rule.ShareSnapshotAccessRule.deny(
            self, snapshot_id, rule_id
        )

    def share_snapshot_export_locations(
        self, snapshot: str | _share_snapshot.ShareSnapshot
    ) -> Generator[
        _share_snapshot_access_rule.ShareSnapshotExportLocation, None, None
    ]:
        """List where a mountable snapshot can be mounted (2.32).

        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_snapshot_access_rule.ShareSnapshotExportLocation`.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.32.
        """
        snapshot_id = resource.Resource._get_id(snapshot)
        return self._list(
            _share_snapshot_access_rule.ShareSnapshotExportLocation,
            snapshot_id=snapshot_id,
        )

    def get_share_snapshot_export_location(
        self,
        export_location: str
        | _share_snapshot_access_rule.ShareSnapshotExportLocation,
        snapshot: str | _share_snapshot.ShareSnapshot,
    ) -> _share_snapshot_access_rule.ShareSnapshotExportLocation:
        """Show one export location of a snapshot (2.32).

        :param export_location: The ID of the export location, or it.
        :param snapshot: The ID of a snapshot or a
            :class:`~openstack_sfs.v2.share_snapshot.ShareSnapshot`.
        :returns: The export location, with its timestamps.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        snapshot_id = resource.Resource._get_id(snapshot)
        return self._get(
            _share_snapshot_access_rule.ShareSnapshotExportLocation,
            export_location,
            snapshot_id=snapshot_id,
        )

    # -- end: snapshot access rules --

    # ======== Snapshot instances ========

    def share_snapshot_instances(
        self, details: bool = True, **query: Any
    ) -> Generator[_share_snapshot_instance.ShareSnapshotInstance, None, None]:
        """List snapshot instances (admin, 2.19).

        :param details: Whether to list ``/snapshot-instances/detail``
            (every field) rather than the summary.
        :param query: Filter: ``snapshot_id``.
        :returns: A generator of :class:`~openstack_sfs.v2.\
share_snapshot_instance.ShareSnapshotInstance`.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.19.
        """
        _base.require_microversion(
            self,
            _share_snapshot_instance.MIN_MICROVERSION,
            "Listing snapshot instances",
        )
        cls = _share_snapshot_instance.ShareSnapshotInstance
        base_path = cls.base_path + "/detail" if details else None
        return self._list(cls, base_path=base_path, **query)

    def get_share_snapshot_instance(
        self,
        share_snapshot_instance: (
            str | _share_snapshot_instance.ShareSnapshotInstance
        ),
    ) -> _share_snapshot_instance.ShareSnapshotInstance:
        """Show a snapshot instance (admin, 2.19).

        :param share_snapshot_instance: The instance id or object.
        :returns: The instance.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.19;
            :class:`~openstack.exceptions.NotFoundException` when it does
            not exist.
        """
        _base.require_microversion(
            self,
            _share_snapshot_instance.MIN_MICROVERSION,
            "Showing a snapshot instance",
        )
        return self._get(
            _share_snapshot_instance.ShareSnapshotInstance,
            share_snapshot_instance,
        )

    def reset_share_snapshot_instance_status(
        self,
        share_snapshot_instance: (
            str | _share_snapshot_instance.ShareSnapshotInstance
        ),
        status: str,
    ) -> None:
        """Set a snapshot instance's status (admin, 2.19).

        :param share_snapshot_instance: The instance id or object.
        :param status: The new status (``available``, ``error``, ...).
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.19.
        """
        res = self._get_resource(
            _share_snapshot_instance.ShareSnapshotInstance,
            share_snapshot_instance,
        )
        res.reset_status(self, status)

    def share_snapshot_instance_export_locations(
        self,
        share_snapshot_instance: (
            str | _share_snapshot_instance.ShareSnapshotInstance
        ),
    ) -> Generator[
        _share_snapshot_instance.ShareSnapshotInstanceExportLocation,
        None,
        None,
    ]:
        """List the export locations of a snapshot instance (admin, 2.32).

        :param share_snapshot_instance: The instance id or object.
        :returns: A generator of :class:`~openstack_sfs.v2.\
share_snapshot_instance.ShareSnapshotInstanceExportLocation`.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.32.
        """
        _base.require_microversion(
            self,
            _share_snapshot_instance.EXPORT_LOCATIONS_MICROVERSION,
            "Listing snapshot instance export locations",
        )
        return self._list(
            _share_snapshot_instance.ShareSnapshotInstanceExportLocation,
            snapshot_instance_id=resource.Resource._get_id(
                share_snapshot_instance
            ),
        )

    def get_share_snapshot_instance_export_location(
        self,
        export_location: (
            str | _share_snapshot_instance.ShareSnapshotInstanceExportLocation
        ),
        share_snapshot_instance: (
            str | _share_snapshot_instance.ShareSnapshotInstance
        ),
    ) -> _share_snapshot_instance.ShareSnapshotInstanceExportLocation:
        """Show an export location of a snapshot instance (admin, 2.32).

        :param export_location: The export location id or object.
        :param share_snapshot_instance: The instance id or object.
        :returns: The export location.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.32.
        """
        _base.require_microversion(
            self,
            _share_snapshot_instance.EXPORT_LOCATIONS_MICROVERSION,
            "Showing a snapshot instance export location",
        )
        return self._get(
            _share_snapshot_instance.ShareSnapshotInstanceExportLocation,
            export_location,
            snapshot_instance_id=resource.Resource._get_id(
                share_snapshot_instance
            ),
        )

    # -- end: snapshot instances --

    # ======== Share servers ========
    def share_servers(
        self, **query: Any
    ) -> Generator[_share_server.ShareServer, None, None]:
        """List share servers (``GET /share-servers``, admin).

        :param query: Filters: ``host``, ``status``, ``share_network``
            (ID or name), ``share_network_id``,
            ``share_network_subnet_id``, ``project_id``, ``identifier``,
            ``is_auto_deletable``, ``task_state``,
            ``source_share_server_id``,
            ``security_service_update_support``,
            ``network_allocation_update_support``, ``encryption_key_ref``.
            Manila answers an empty list for any other key.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :raises: :class:`~openstack.exceptions.ForbiddenException` for
            non-admins.
        """
        return self._list(_share_server.ShareServer, **query)

    def get_share_server(
        self, share_server: str | _share_server.ShareServer
    ) -> _share_server.ShareServer:
        """Show one share server (``GET /share-servers/{id}``, admin).

        :param share_server: The ID of a share server or a
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :returns: The share server.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        return self._get(_share_server.ShareServer, share_server)

    def get_share_server_details(
        self, share_server: str | _share_server.ShareServer
    ) -> dict[str, Any]:
        """Read a share server's driver details (admin).

        ``GET /share-servers/{id}/details``.

        :param share_server: The ID of a share server or a
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :returns: The ``details`` dict (driver-specific keys).
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        res = self._get_resource(_share_server.ShareServer, share_server)
        return res.fetch_details(self)

    def delete_share_server(
        self,
        share_server: str | _share_server.ShareServer,
        ignore_missing: bool = True,
    ) -> None:
        """Delete a share server (``DELETE /share-servers/{id}``, 202).

        :param share_server: The ID of a share server or a
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.ConflictException` while
            the server still has shares;
            :class:`~openstack.exceptions.ForbiddenException` when its
            status is neither ``active`` nor ``error``;
            :class:`~openstack.exceptions.NotFoundException` when it does
            not exist and ``ignore_missing`` is ``False``.
        """
        self._delete(
            _share_server.ShareServer,
            share_server,
            ignore_missing=ignore_missing,
        )

    def reset_share_server_status(
        self, share_server: str | _share_server.ShareServer, status: str
    ) -> None:
        """Set a share server's status in the database (2.49, admin).

        :param share_server: The ID of a share server or a
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :param status: The new status, e.g. ``active`` or ``error``.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.49.
        """
        res = self._get_resource(_share_server.ShareServer, share_server)
        res.reset_status(self, status)

    def manage_share_server(
        self,
        host: str,
        share_network: str | resource.Resource,
        identifier: str,
        driver_options: dict[str, Any] | None = None,
        share_network_subnet: str | resource.Resource | None = None,
    ) -> _share_server.ShareServer:
        """Bring an existing back-end share server under Manila (2.49).

        :param host: The ``host@backend`` (no pool).
        :param share_network: The share network (or its ID).
        :param identifier: The server's identifier on the back end.
        :param driver_options: Driver-specific options.
        :param share_network_subnet: The subnet (or its ID) to use
            (2.51); by default the share network's default subnet.
        :returns: The new share server, in status ``manage_starting``.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.49 (2.51 with a subnet).
        """
        subnet_id = (
            resource.Resource._get_id(share_network_subnet)
            if share_network_subnet is not None
            else None
        )
        return _share_server.ShareServer().manage(
            self,
            host,
            resource.Resource._get_id(share_network),
            identifier,
            driver_options=driver_options,
            share_network_subnet_id=subnet_id,
        )

    def unmanage_share_server(
        self,
        share_server: str | _share_server.ShareServer,
        force: bool = False,
    ) -> None:
        """Forget a share server, leaving it on the back end (2.49).

        :param share_server: The ID of a share server or a
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :param force: Remove it from Manila even if the driver fails.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.49.
        """
        res = self._get_resource(_share_server.ShareServer, share_server)
        res.unmanage(self, force=force)

    def check_share_server_migration(
        self,
        share_server: str | _share_server.ShareServer,
        host: str,
        preserve_snapshots: bool,
        writable: bool,
        nondisruptive: bool,
        new_share_network: str | resource.Resource | None = None,
    ) -> dict[str, Any]:
        """Ask whether a share server can move to ``host`` (2.57, exp.).

        :param share_server: The ID of a share server or a
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :param host: Destination ``host@backend`` (no pool).
        :param preserve_snapshots: Snapshots must move along.
        :param writable: Shares must stay writable during migration.
        :param nondisruptive: Clients must not be disrupted.
        :param new_share_network: Another share network (or its ID).
        :returns: ``compatible``, ``requested_capabilities`` and
            ``supported_capabilities``.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        res = self._get_resource(_share_server.ShareServer, share_server)
        return res.migration_check(
            self,
            host,
            preserve_snapshots,
            writable,
            nondisruptive,
            self._optional_id(new_share_network),
        )

    def start_share_server_migration(
        self,
        share_server: str | _share_server.ShareServer,
        host: str,
        preserve_snapshots: bool,
        writable: bool,
        nondisruptive: bool,
        new_share_network: str | resource.Resource | None = None,
    ) -> None:
        """Start moving a share server to ``host`` (2.57, exp., 202).

        :param share_server: The ID of a share server or a
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :param host: Destination ``host@backend`` (no pool).
        :param preserve_snapshots: Snapshots must move along.
        :param writable: Shares must stay writable during migration.
        :param nondisruptive: Clients must not be disrupted.
        :param new_share_network: Another share network (or its ID).
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        res = self._get_resource(_share_server.ShareServer, share_server)
        res.migration_start(
            self,
            host,
            preserve_snapshots,
            writable,
            nondisruptive,
            self._optional_id(new_share_network),
        )

    def complete_share_server_migration(
        self, share_server: str | _share_server.ShareServer
    ) -> dict[str, Any]:
        """Finish a share server migration (2.57, exp.).

        :param share_server: The ID of a share server or a
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :returns: ``{"destination_share_server_id": ...}``.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        res = self._get_resource(_share_server.ShareServer, share_server)
        return res.migration_complete(self)

    def cancel_share_server_migration(
        self, share_server: str | _share_server.ShareServer
    ) -> None:
        """Cancel a share server migration (2.57, exp., 202).

        :param share_server: The ID of a share server or a
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        res = self._get_resource(_share_server.ShareServer, share_server)
        res.migration_cancel(self)

    def get_share_server_migration_progress(
        self, share_server: str | _share_server.ShareServer
    ) -> dict[str, Any]:
        """Read a share server migration's progress (2.57, exp.).

        :param share_server: The ID of a share server or a
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :returns: ``total_progress``, ``task_state`` and
            ``destination_share_server_id``.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        res = self._get_resource(_share_server.ShareServer, share_server)
        return res.migration_get_progress(self)

    def reset_share_server_task_state(
        self,
        share_server: str | _share_server.ShareServer,
        task_state: str | None,
    ) -> None:
        """Set a share server's migration task state (2.57, exp.).

        :param share_server: The ID of a share server or a
            :class:`~openstack_sfs.v2.share_server.ShareServer`.
        :param task_state: The new task state; ``None`` clears it.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.57.
        """
        res = self._get_resource(_share_server.ShareServer, share_server)
        res.reset_task_state(self, task_state)

    @staticmethod
    def _optional_id(value: str | resource.Resource | None) -> str | None:
        """The ID of ``value``, or ``None``."""
        if value is None:
            return None
        return resource.Resource._get_id(value)

    # -- end: share servers --

    # ======== Services ========
    def services(
        self, **query: Any
    ) -> Generator[_service.Service, None, None]:
        """List Manila services (``GET /services``, 2.7, admin).

        :param query: Filters: ``host``, ``binary`` (or ``name``),
            ``zone`` (or ``availability_zone``), ``state`` (``up`` or
            ``down``), ``status`` (``enabled`` or ``disabled``) and
            ``ensuring`` (2.93).
        :returns: A generator of :class:`~openstack_sfs.v2.service.Service`.
        :raises: :class:`~openstack.exceptions.NotSupported` when
            ``ensuring`` is given and the server is older than 2.93.
        """
        return self._list(_service.Service, **query)

    def _service_for(
        self,
        service: str | _service.Service | None,
        host: str | None,
        binary: str | None,
    ) -> _service.Service:
        """A Service with ``host`` and ``binary`` set for enable/disable."""
        res = self._get_resource(_service.Service, service)
        if host is not None:
            res.host = host
        if binary is not None:
            res.binary = binary
        if not res.host or not res.binary:
            raise ValueError("host and binary are both required")
        return res

    def enable_service(
        self,
        service: str | _service.Service | None,
        host: str | None = None,
        binary: str | None = None,
    ) -> _service.Service:
        """Enable a service (``PUT /services/enable``).

        The signature is openstacksdk's; ``host`` and ``binary`` default to
        those of ``service`` when it is a
        :class:`~openstack_sfs.v2.service.Service`.

        :param service: A service, or its ID (not sent; Manila finds the
            service by host and binary).
        :param host: The service's host, e.g. ``fakehost@alpha``.
        :param binary: The service's binary, e.g. ``manila-share``.
        :returns: The service, updated from Manila's summary answer.
        :raises: :class:`~openstack.exceptions.NotFoundException` when no
            service has this host and binary.
        """
        res = self._service_for(service, host, binary)
        return res.enable(self)

    def disable_service(
        self,
        service: str | _service.Service | None,
        host: str | None = None,
        binary: str | None = None,
        *,
        disable_reason: str | None = None,
    ) -> _service.Service:
        """Disable a service (``PUT /services/disable``).

        The signature is openstacksdk's; ``host`` and ``binary`` default to
        those of ``service`` when it is a
        :class:`~openstack_sfs.v2.service.Service`.

        :param service: A service, or its ID (not sent).
        :param host: The service's host, e.g. ``fakehost@alpha``.
        :param binary: The service's binary, e.g. ``manila-share``.
        :param disable_reason: Why (2.83).
        :returns: The service, updated from Manila's summary answer.
        :raises: :class:`~openstack.exceptions.NotSupported` when a reason
            is given and the server is older than 2.83.
        """
        res = self._service_for(service, host, binary)
        return res.disable(self, disable_reason=disable_reason)

    def ensure_shares(self, host: str) -> None:
        """Run ensure shares on a back end (2.86, admin, 202).

        Sends ``POST /services/ensure-shares`` with
        ``{"ensure_shares": {"host": host}}``; Manila re-checks every share
        of that back end in the background (see
        :meth:`wait_for_service_ensured`). Just before, it lists the back
        end's share instances (``GET /share_instances?host=<host>``), so
        that the waiter can tell the run it asked for from none.

        :param host: The ``manila-share`` service's host, exactly as
            listed, e.g. ``fakehost@alpha``.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.86.
        :raises: :class:`~openstack.exceptions.NotFoundException` when no
            ``manila-share`` service has that host;
            :class:`~openstack.exceptions.ConflictException` when it is
            down; :class:`~openstack.exceptions.HttpException` subclasses
            for any other error.
        """
        _base.require_microversion(
            self, _service.ENSURE_SHARES_MICROVERSION, "Ensure shares"
        )
        # what wait_for_service_ensured compares with to know that the
        # run asked for here took place
        baseline: dict[str, Any] | None = None
        try:
            baseline = _wait.ensure_baseline(self.share_instances(host=host))
        except exceptions.HttpException:
            baseline = None
        _service.Service(host=host).ensure_shares(self)
        self._ensure_baselines[host] = baseline

    @property
    def _ensure_baselines(self) -> dict[str, dict[str, Any] | None]:
        """Host -> its share instances before the last ensure shares
        asked through this proxy (see :func:`_wait.ensure_baseline`)."""
        baselines: dict[str, dict[str, Any] | None] = self.__dict__.setdefault(
            "_ensure_baselines_by_host", {}
        )
        return baselines

    def ensure_shares_service(self, host: str) -> None:
        """Run ensure shares on a back end (openstacksdk's name).

        Same as :meth:`ensure_shares`, which is preferred; unlike
        openstacksdk's, this raises on an error status.

        :param host: The ``manila-share`` service's host.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.86;
            :class:`~openstack.exceptions.HttpException` subclasses on an
            error response.
        """
        self.ensure_shares(host)

    def wait_for_service_ensured(
        self,
        host: str,
        interval: float = 2,
        wait: float = 300,
        *,
        start_grace: float | None = None,
        callback: Callable[[int], None] | None = None,
    ) -> _service.Service:
        """Wait until the ensure shares run asked for on a back end ends.

        Manila answers :meth:`ensure_shares` at once and its share manager
        starts the run later (a real one was seen starting 15 s after the
        request), so ``ensuring: false`` right after the request says
        nothing. The waiter polls ``GET /services?host=<host>&
        binary=manila-share`` and, after an :meth:`ensure_shares` made
        through this proxy, the back end's share instances
        (``GET /share_instances?host=<host>``). It returns when the
        service was seen ``ensuring`` and then no longer; when every
        share instance the run takes up (``available`` or ``ensuring``)
        was updated since the request and none is ``ensuring`` (a run too
        quick to be seen between two polls; with no such share Manila
        does not run at all); or when nothing showed a run within
        ``start_grace`` seconds.

        :param host: The ``manila-share`` service's host.
        :param interval: Seconds between polls.
        :param wait: Seconds to wait in all.
        :param start_grace: Seconds to wait for a sign that the run
            started (default 60).
        :param callback: Called after each poll with the percentage of
            the back end's shares ensured so far (0 to 100), like the
            other waiters' progress callback.
        :returns: The service, with ``ensuring`` false.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.86 (no ``ensuring`` field).
        :raises: :class:`~openstack.exceptions.NotFoundException` when no
            ``manila-share`` service has that host.
        :raises: :class:`~openstack.exceptions.ResourceTimeout` when
            ensure shares still runs after ``wait`` seconds.
        """
        _base.require_microversion(
            self, _service.ENSURE_SHARES_MICROVERSION, "Waiting for ensure"
        )
        service: _service.Service = _wait.wait_for_ensure(
            self,
            host,
            self._ensure_baselines.get(host),
            interval,
            wait,
            start_grace,
            callback,
        )
        return service

    # -- end: services --

    # ======== Share types ========
    def share_types(
        self, **query: Any
    ) -> Generator[_share_type.ShareType, None, None]:
        """List share types (``GET /types``).

        :param query: Filters: ``is_public`` (admin only: ``True``,
            ``False`` or ``"all"``; others always see public types and
            the private ones their project may use) and ``extra_specs``
            (2.43), a dict of extra specs the types must have.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_type.ShareType`.
        :raises: :class:`~openstack.exceptions.NotSupported` when
            ``extra_specs`` is given and the server is older than 2.43.
        """
        specs = query.get("extra_specs")
        if specs:
            _base.require_microversion(
                self,
                _share_type.EXTRA_SPECS_FILTER_MICROVERSION,
                "Filtering share types by extra specs",
            )
            if isinstance(specs, dict):
                query["extra_specs"] = json.dumps(
                    {
                        k: v if isinstance(v, str) else str(v)
                        for k, v in specs.items()
                    }
                )
        return self._list(_share_type.ShareType, **query)

    def get_share_type(
        self, share_type: str | _share_type.ShareType
    ) -> _share_type.ShareType:
        """Show one share type (``GET /types/{id}``).

        :param share_type: The ID of a share type or a
            :class:`~openstack_sfs.v2.share_type.ShareType`.
        :returns: The share type.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        return self._get(_share_type.ShareType, share_type)

    def find_share_type(
        self, name_or_id: str, ignore_missing: bool = True, **query: Any
    ) -> _share_type.ShareType | None:
        """Find a share type by name or ID.

        :param name_or_id: The name or ID of the share type.
        :param ignore_missing: Return ``None`` instead of raising when
            nothing matches.
        :param query: More list filters; an admin looking for a private
            type by name passes ``is_public="all"``.
        :returns: The share type, or ``None``.
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            nothing matches and ``ignore_missing`` is ``False``.
        """
        return self._find(
            _share_type.ShareType,
            name_or_id,
            ignore_missing=ignore_missing,
            **query,
        )

    def get_default_share_type(self) -> _share_type.ShareType:
        """Show the cloud's default share type (``GET /types/default``).

        :returns: The default share type.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            cloud has no default share type.
        """
        return self._get(_share_type.ShareType, "default")

    def create_share_type(
        self, name: str, **attrs: Any
    ) -> _share_type.ShareType:
        """Create a share type (``POST /types``, admin, answers 200).

        :param name: Name of the new type.
        :param attrs: ``extra_specs`` (a dict that must contain
            ``driver_handles_share_servers``), ``description`` (2.41) and
            ``is_public`` (sent as ``share_type_access:is_public``).
        :returns: The new share type.
        :raises: :class:`~openstack.exceptions.ConflictException` when a
            type of that name exists;
            :class:`~openstack.exceptions.BadRequestException` for invalid
            extra specs.
        """
        return self._create(_share_type.ShareType, name=name, **attrs)

    def update_share_type(
        self, share_type: str | _share_type.ShareType, **attrs: Any
    ) -> _share_type.ShareType:
        """Change a share type (``PUT /types/{id}``, 2.50, admin).

        :param share_type: The ID of a share type or a
            :class:`~openstack_sfs.v2.share_type.ShareType`.
        :param attrs: ``name``, ``description`` and/or ``is_public``.
        :returns: The updated share type.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.50.
        """
        return self._update(_share_type.ShareType, share_type, **attrs)

    def delete_share_type(
        self,
        share_type: str | _share_type.ShareType,
        ignore_missing: bool = True,
    ) -> None:
        """Delete a share type (``DELETE /types/{id}``, admin, 202).

        :param share_type: The ID of a share type or a
            :class:`~openstack_sfs.v2.share_type.ShareType`.
        :param ignore_missing: Do not raise when the type does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            shares still use the type;
            :class:`~openstack.exceptions.NotFoundException` when it does
            not exist and ``ignore_missing`` is ``False``.
        """
        self._delete(
            _share_type.ShareType, share_type, ignore_missing=ignore_missing
        )

    def get_share_type_extra_specs(
        self, share_type: str | _share_type.ShareType
    ) -> dict[str, Any]:
        """Read a type's extra specs (``GET /types/{id}/extra_specs``).

        :param share_type: The ID of a share type or a
            :class:`~openstack_sfs.v2.share_type.ShareType`.
        :returns: The extra specs, a dict.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            type does not exist.
        """
        res = self._get_resource(_share_type.ShareType, share_type)
        return dict(res.fetch_extra_specs(self).extra_specs or {})

    def get_share_type_extra_spec(
        self, share_type: str | _share_type.ShareType, key: str
    ) -> str:
        """Read one extra spec (``GET /types/{id}/extra_specs/{key}``).

        :param share_type: The ID of a share type or a
            :class:`~openstack_sfs.v2.share_type.ShareType`.
        :param key: The extra spec name.
        :returns: Its value.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            type has no such spec.
        """
        res = self._get_resource(_share_type.ShareType, share_type)
        return res.get_extra_spec(self, key)

    def update_share_type_extra_specs(
        self, share_type: str | _share_type.ShareType, **attrs: Any
    ) -> _share_type.ShareType:
        """Add or change extra specs (``POST /types/{id}/extra_specs``).

        :param share_type: The ID of a share type or a
            :class:`~openstack_sfs.v2.share_type.ShareType`.
        :param attrs: The specs to set, by name.
        :returns: The share type, its ``extra_specs`` updated.
        :raises: :class:`~openstack.exceptions.BadRequestException` for an
            invalid spec.
        """
        res = self._get_resource(_share_type.ShareType, share_type)
        return res.set_extra_specs(self, **attrs)

    def delete_share_type_extra_spec_property(
        self,
        share_type: str | _share_type.ShareType,
        prop: str,
        ignore_missing: bool = False,
    ) -> None:
        """Delete one extra spec (``DELETE .../extra_specs/{key}``, 202).

        :param share_type: The ID of a share type or a
            :class:`~openstack_sfs.v2.share_type.ShareType`.
        :param prop: The extra spec name.
        :param ignore_missing: Do not raise when the spec does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            spec does not exist and ``ignore_missing`` is ``False``;
            :class:`~openstack.exceptions.ForbiddenException` for a
            required spec.
        """
        res = self._get_resource(_share_type.ShareType, share_type)
        try:
            res.delete_extra_specs_property(self, prop)
        except exceptions.NotFoundException:
            if not ignore_missing:
                raise

    def share_type_access(
        self, share_type: str | _share_type.ShareType
    ) -> list[dict[str, Any]]:
        """List the projects that may use a private share type.

        ``GET /types/{id}/share_type_access`` (admin).

        :param share_type: The ID of a share type or a
            :class:`~openstack_sfs.v2.share_type.ShareType`.
        :returns: A list of ``{"share_type_id": ..., "project_id": ...}``.
        :raises: :class:`~openstack.exceptions.NotFoundException` for a
            public type, which has no access list.
        """
        res = self._get_resource(_share_type.ShareType, share_type)
        return res.get_access(self)

    def add_share_type_access(
        self, share_type: str | _share_type.ShareType, project_id: str
    ) -> None:
        """Let a project use a private share type (202, admin).

        :param share_type: The ID of a share type or a
            :class:`~openstack_sfs.v2.share_type.ShareType`.
        :param project_id: The project to add.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.ConflictException` for a
            public type or a project that already has access.
        """
        res = self._get_resource(_share_type.ShareType, share_type)
        res.add_project_access(self, project_id)

    def remove_share_type_access(
        self, share_type: str | _share_type.ShareType, project_id: str
    ) -> None:
        """Take a project's access to a private share type away (202).

        :param share_type: The ID of a share type or a
            :class:`~openstack_sfs.v2.share_type.ShareType`.
        :param project_id: The project to remove.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            project has no access.
        """
        res = self._get_resource(_share_type.ShareType, share_type)
        res.remove_project_access(self, project_id)

    # -- end: share types --

    # ======== Share networks and subnets ========
    def share_networks(
        self, details: bool = True, **query: Any
    ) -> Generator[_share_network.ShareNetwork, None, None]:
        """List share networks (``GET /share-networks[/detail]``).

        :param details: List with all fields; ``False`` gives only id and
            name.
        :param query: Filters: ``name``, ``name~`` and ``description~``
            (2.36), ``description``, ``project_id`` and ``all_projects``
            (admin), ``created_since`` and ``created_before``
            (``YYYY-MM-DD``), ``neutron_net_id``, ``neutron_subnet_id``,
            ``network_type``, ``segmentation_id``, ``cidr``,
            ``ip_version``, ``security_service_id``, ``limit``,
            ``offset``.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        base_path = "/share-networks/detail" if details else None
        # Manila ignores markers: with ``limit``, pages go by offset.
        return self._list(
            _share_network.ShareNetwork,
            base_path=base_path,
            **query,
        )

    def get_share_network(
        self, share_network: str | _share_network.ShareNetwork
    ) -> _share_network.ShareNetwork:
        """Show one share network (``GET /share-networks/{id}``).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :returns: The share network.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        return self._get(_share_network.ShareNetwork, share_network)

    def find_share_network(
        self, name_or_id: str, ignore_missing: bool = True, **query: Any
    ) -> _share_network.ShareNetwork | None:
        """Find a share network by name or ID.

        :param name_or_id: The name or ID of the share network.
        :param ignore_missing: Return ``None`` instead of raising when
            nothing matches.
        :param query: More list filters.
        :returns: The share network (all fields), or ``None``.
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            nothing matches and ``ignore_missing`` is ``False``;
            :class:`~openstack.exceptions.DuplicateResource` when several
            networks have that name.
        """
        return self._find(
            _share_network.ShareNetwork,
            name_or_id,
            ignore_missing=ignore_missing,
            list_base_path="/share-networks/detail",
            **query,
        )

    def create_share_network(
        self, **attrs: Any
    ) -> _share_network.ShareNetwork:
        """Create a share network (``POST /share-networks``, answers 200).

        :param attrs: ``name``, ``description``, ``neutron_net_id`` and
            ``neutron_subnet_id`` (both or neither), ``availability_zone``
            of the first subnet (2.51).
        :returns: The new share network.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response (413 over the share network quota).
        """
        return self._create(_share_network.ShareNetwork, **attrs)

    def update_share_network(
        self, share_network: str | _share_network.ShareNetwork, **attrs: Any
    ) -> _share_network.ShareNetwork:
        """Change a share network (``PUT /share-networks/{id}``).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param attrs: ``name``, ``description``; ``neutron_net_id`` and
            ``neutron_subnet_id`` only while no share server uses it.
        :returns: The updated share network.
        :raises: :class:`~openstack.exceptions.ForbiddenException` when
            changing network ids of a network in use.
        """
        return self._update(
            _share_network.ShareNetwork, share_network, **attrs
        )

    def delete_share_network(
        self,
        share_network: str | _share_network.ShareNetwork,
        ignore_missing: bool = True,
    ) -> None:
        """Delete a share network (``DELETE /share-networks/{id}``, 202).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.ConflictException` when
            shares or several subnets still use it.
        """
        self._delete(
            _share_network.ShareNetwork,
            share_network,
            ignore_missing=ignore_missing,
        )

    def share_network_subnets(
        self, share_network: str | _share_network.ShareNetwork
    ) -> Generator[_share_network_subnet.ShareNetworkSubnet, None, None]:
        """List a network's subnets (``GET .../{id}/subnets``, 2.51).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_network_subnet.ShareNetworkSubnet`.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.51.
        """
        self._require_subnets()
        return self._list(
            _share_network_subnet.ShareNetworkSubnet,
            share_network_id=resource.Resource._get_id(share_network),
        )

    def get_share_network_subnet(
        self,
        share_network: str | _share_network.ShareNetwork,
        share_network_subnet: str | _share_network_subnet.ShareNetworkSubnet,
    ) -> _share_network_subnet.ShareNetworkSubnet:
        """Show one subnet (``GET .../{id}/subnets/{subnet_id}``, 2.51).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param share_network_subnet: The ID of a subnet or a
            :class:`~openstack_sfs.v2.share_network_subnet.ShareNetworkSubnet`.
        :returns: The subnet.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.51.
        """
        self._require_subnets()
        return self._get(
            _share_network_subnet.ShareNetworkSubnet,
            share_network_subnet,
            share_network_id=resource.Resource._get_id(share_network),
        )

    def create_share_network_subnet(
        self, share_network: str | _share_network.ShareNetwork, **attrs: Any
    ) -> _share_network_subnet.ShareNetworkSubnet:
        """Add a subnet to a share network (2.51, answers 200).

        Sends ``POST .../{id}/subnets`` with the body key
        ``share-network-subnet``.

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param attrs: ``neutron_net_id``, ``neutron_subnet_id``,
            ``availability_zone``, ``metadata`` (2.78).
        :returns: The new subnet.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.51, or than 2.78 with ``metadata``.
        :raises: :class:`~openstack.exceptions.ConflictException` when the
            zone already has a subnet (before 2.70) or the network is in
            use.
        """
        self._require_subnets()
        if attrs.get("metadata"):
            _base.require_microversion(
                self, "2.78", "Creating a subnet with metadata"
            )
        return self._create(
            _share_network_subnet.ShareNetworkSubnet,
            share_network_id=resource.Resource._get_id(share_network),
            **attrs,
        )

    def check_share_network_subnet_create(
        self,
        share_network: str | _share_network.ShareNetwork,
        reset_operation: bool = False,
        **attrs: Any,
    ) -> dict[str, Any]:
        """Ask whether a subnet can be added (2.70, answers 202).

        Action ``share_network_subnet_create_check``. Where share servers
        already run in the subnet's availability zone, Manila adds a
        subnet only after this check found every backend able to give
        the servers addresses on it: the first answer is
        ``compatible: None`` while the backends are asked; ask again
        until it is ``True`` (or ``False``).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param reset_operation: Forget an earlier check and start again.
        :param attrs: ``neutron_net_id``, ``neutron_subnet_id``,
            ``availability_zone`` of the subnet to add.
        :returns: Manila's answer: ``compatible`` and, for admins,
            ``hosts_check_result``.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.70.
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            the network or its servers are not ready for the change.
        """
        network = self._get_resource(
            _share_network.ShareNetwork, share_network
        )
        body = {
            "share_network_subnet_create_check": {
                **attrs,
                "reset_operation": reset_operation,
            }
        }
        response = network._action(
            self,
            body,
            min_microversion=(_share_network_subnet.CREATE_CHECK_MICROVERSION),
        )
        result: dict[str, Any] = response.json()
        return result

    def delete_share_network_subnet(
        self,
        share_network: str | _share_network.ShareNetwork,
        share_network_subnet: str | _share_network_subnet.ShareNetworkSubnet,
        ignore_missing: bool = True,
    ) -> None:
        """Delete a subnet (``DELETE .../subnets/{subnet_id}``, 2.51, 202).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param share_network_subnet: The ID of a subnet or a
            :class:`~openstack_sfs.v2.share_network_subnet.ShareNetworkSubnet`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.51.
        :raises: :class:`~openstack.exceptions.ConflictException` when
            share servers still use it.
        """
        self._require_subnets()
        self._delete(
            _share_network_subnet.ShareNetworkSubnet,
            share_network_subnet,
            share_network_id=resource.Resource._get_id(share_network),
            ignore_missing=ignore_missing,
        )

    def _require_subnets(self) -> None:
        """Raise NotSupported when the server is older than 2.51."""
        _base.require_microversion(
            self,
            _share_network_subnet.MIN_MICROVERSION,
            "The share network subnet API",
        )

    def _subnet_resource(
        self,
        share_network: str | _share_network.ShareNetwork,
        share_network_subnet: str | _share_network_subnet.ShareNetworkSubnet,
    ) -> _share_network_subnet.ShareNetworkSubnet:
        """A subnet resource bound to its network, for metadata calls."""
        return self._get_resource(
            _share_network_subnet.ShareNetworkSubnet,
            resource.Resource._get_id(share_network_subnet),
            share_network_id=resource.Resource._get_id(share_network),
        )

    def fetch_share_network_subnet_metadata(
        self,
        share_network: str | _share_network.ShareNetwork,
        share_network_subnet: str | _share_network_subnet.ShareNetworkSubnet,
    ) -> _share_network_subnet.ShareNetworkSubnet:
        """Read all metadata of a subnet (``GET .../metadata``, 2.78).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param share_network_subnet: The ID of a subnet or a
            :class:`~openstack_sfs.v2.share_network_subnet.ShareNetworkSubnet`.
        :returns: The subnet with ``metadata`` filled.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.78.
        """
        res = self._subnet_resource(share_network, share_network_subnet)
        return res.fetch_metadata(self)

    def fetch_share_network_subnet_metadata_item(
        self,
        share_network: str | _share_network.ShareNetwork,
        share_network_subnet: str | _share_network_subnet.ShareNetworkSubnet,
        key: str,
    ) -> _share_network_subnet.ShareNetworkSubnet:
        """Read one metadata item (``GET .../metadata/{key}``, 2.78).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param share_network_subnet: The ID of a subnet or a
            :class:`~openstack_sfs.v2.share_network_subnet.ShareNetworkSubnet`.
        :param key: The metadata key.
        :returns: The subnet with ``metadata[key]`` set.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            key does not exist.
        """
        res = self._subnet_resource(share_network, share_network_subnet)
        return res.get_metadata_item(self, key)

    def set_share_network_subnet_metadata(
        self,
        share_network: str | _share_network.ShareNetwork,
        share_network_subnet: str | _share_network_subnet.ShareNetworkSubnet,
        *,
        replace: bool = False,
        **metadata: Any,
    ) -> _share_network_subnet.ShareNetworkSubnet:
        """Merge (``POST``) or replace (``PUT``) subnet metadata (2.78).

        From 2.89 Manila also passes the driver-updatable keys to the
        share servers of the subnet.

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param share_network_subnet: The ID of a subnet or a
            :class:`~openstack_sfs.v2.share_network_subnet.ShareNetworkSubnet`.
        :param replace: Replace all metadata instead of merging.
        :param metadata: The key-value pairs.
        :returns: The subnet with ``metadata`` as the server answered.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.78.
        """
        res = self._subnet_resource(share_network, share_network_subnet)
        return res.set_metadata(self, metadata=metadata, replace=replace)

    def update_share_network_subnet_metadata_item(
        self,
        share_network: str | _share_network.ShareNetwork,
        share_network_subnet: str | _share_network_subnet.ShareNetworkSubnet,
        key: str,
        value: str,
    ) -> _share_network_subnet.ShareNetworkSubnet:
        """Set one metadata item (``POST .../metadata/{key}``, 2.78).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param share_network_subnet: The ID of a subnet or a
            :class:`~openstack_sfs.v2.share_network_subnet.ShareNetworkSubnet`.
        :param key: The metadata key.
        :param value: The value.
        :returns: The subnet with ``metadata`` updated.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.78.
        """
        res = self._subnet_resource(share_network, share_network_subnet)
        return res.set_metadata_item(self, key, value)

    def delete_share_network_subnet_metadata(
        self,
        share_network: str | _share_network.ShareNetwork,
        share_network_subnet: str | _share_network_subnet.ShareNetworkSubnet,
        keys: Iterable[str] | None = None,
        ignore_missing: bool = True,
    ) -> None:
        """Delete subnet metadata items (``DELETE .../metadata/{key}``).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param share_network_subnet: The ID of a subnet or a
            :class:`~openstack_sfs.v2.share_network_subnet.ShareNetworkSubnet`.
        :param keys: The keys to delete; ``None`` deletes every key (read
            first).
        :param ignore_missing: Do not raise for a key that does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.78.
        """
        res = self._subnet_resource(share_network, share_network_subnet)
        if keys is None:
            keys = list(res.fetch_metadata(self).metadata or {})
        for key in sorted(set(keys)):
            try:
                res.delete_metadata_item(self, key)
            except exceptions.NotFoundException:
                if not ignore_missing:
                    raise

    # -- end: share networks --

    # ======== Availability zones, storage pools, limits ========
    def availability_zones(
        self,
    ) -> Generator[_availability_zone.AvailabilityZone, None, None]:
        """List availability zones (``GET /availability-zones``, 2.7).

        :returns: A generator of
            :class:`~openstack_sfs.v2.availability_zone.AvailabilityZone`.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.7.
        """
        _base.require_microversion(
            self,
            _availability_zone.MIN_MICROVERSION,
            "Listing availability zones",
        )
        return self._list(_availability_zone.AvailabilityZone)

    def storage_pools(
        self, details: bool = True, **query: Any
    ) -> Generator[_storage_pool.StoragePool, None, None]:
        """List back-end storage pools (admin).

        ``GET /scheduler-stats/pools/detail``, or ``/scheduler-stats/pools``
        without capabilities.

        :param details: Include each pool's ``capabilities``.
        :param query: Filters: ``pool``, ``host``, ``backend`` (regular
            expressions), ``capabilities`` and ``share_type`` (name or
            id, 2.23: pools able to host that type).
        :returns: A generator of
            :class:`~openstack_sfs.v2.storage_pool.StoragePool`.
        :raises: :class:`~openstack.exceptions.NotSupported` when
            ``share_type`` is given and the server is older than 2.23.
        """
        if query.get("share_type"):
            _base.require_microversion(
                self,
                _storage_pool.SHARE_TYPE_FILTER_MICROVERSION,
                "Filtering pools by share type",
            )
        base_path = "/scheduler-stats/pools/detail" if details else None
        return self._list(
            _storage_pool.StoragePool, base_path=base_path, **query
        )

    def limits(self, **query: Any) -> Generator[_limit.Limit, None, None]:
        """Read the project's limits (``GET /limits``).

        Kept as a generator (of one item) for openstacksdk compatibility;
        :meth:`get_limits` returns the item directly.

        :param query: Passed on; Manila defines no filters.
        :returns: A generator of one :class:`~openstack_sfs.v2.limit.Limit`.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self._list(_limit.Limit, **query)

    def get_limits(self) -> _limit.Limit:
        """Read the project's absolute and rate limits (``GET /limits``).

        :returns: A :class:`~openstack_sfs.v2.limit.Limit` whose attributes
            (``maxTotalShares``, ``totalSharesUsed``, ...) are the
            absolute limits and usage.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self._get(_limit.Limit, requires_id=False)

    # -- end: availability zones --

    # ======== Quota sets and quota class sets ========
    def _quota_set_for(
        self, project: str | resource.Resource
    ) -> _quota_set.QuotaSet:
        """A QuotaSet bound to ``project`` (an ID or a resource)."""
        return self._get_resource(
            _quota_set.QuotaSet,
            None,
            project_id=resource.Resource._get_id(project),
        )

    @_strict.accepts("user_id", "share_type")
    def get_quota_set(
        self,
        project: str | resource.Resource,
        usage: bool = False,
        **query: Any,
    ) -> _quota_set.QuotaSet:
        """Read a project's quotas (``GET /quota-sets/{project_id}``, 2.7).

        :param project: The project ID or an identity ``Project``.
        :param usage: Also read usage and reservations
            (``GET .../detail``, 2.25) into ``usage`` and ``reservation``.
        :param query: ``user_id`` (one user's quotas) or ``share_type``
            (one share type's quotas, 2.39).
        :returns: A :class:`~openstack_sfs.v2.quota_set.QuotaSet`.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server lacks the needed microversion.
        """
        res = self._quota_set_for(project)
        return res.fetch_quotas(
            self,
            usage=usage,
            user_id=query.get("user_id"),
            share_type=query.get("share_type"),
        )

    def get_quota_set_defaults(
        self, project: str | resource.Resource
    ) -> _quota_set.QuotaSet:
        """Read the default quotas (``GET .../{project_id}/defaults``).

        :param project: The project ID or an identity ``Project``.
        :returns: A :class:`~openstack_sfs.v2.quota_set.QuotaSet` of the
            defaults a project without its own quotas gets.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        res = self._quota_set_for(project)
        return res.fetch_quotas(self, defaults=True)

    @_strict.accepts(_quota_set.QUOTA_KEYS, "force", "user_id", "share_type")
    def update_quota_set(
        self, project: str | resource.Resource, **attrs: Any
    ) -> _quota_set.QuotaSet:
        """Change a project's quotas (``PUT /quota-sets/{project_id}``).

        :param project: The project ID or an identity ``Project``.
        :param attrs: New limits by quota key (``shares=20``,
            ``gigabytes=-1``...), plus ``force`` (allow limits below the
            usage), ``user_id`` or ``share_type`` (2.39) to change the
            quotas of one user or one share type.
        :returns: The updated :class:`~openstack_sfs.v2.quota_set.QuotaSet`.
        :raises: :class:`~openstack.exceptions.NotSupported` when a key
            needs a newer microversion than the server offers.
        """
        res = self._quota_set_for(project)
        return res.update_quotas(self, **attrs)

    def revert_quota_set(
        self,
        project: str | resource.Resource,
        *,
        user_id: str | None = None,
        share_type: str | None = None,
    ) -> None:
        """Go back to the default quotas (``DELETE .../{project_id}``).

        :param project: The project ID or an identity ``Project``.
        :param user_id: Revert only this user's quotas.
        :param share_type: Revert only this share type's quotas (2.39).
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        res = self._quota_set_for(project)
        res.revert(self, user_id=user_id, share_type=share_type)

    def get_quota_class_set(
        self, quota_class_set: str | _quota_class_set.QuotaClassSet
    ) -> _quota_class_set.QuotaClassSet:
        """Read a quota class (``GET /quota-class-sets/{class}``, 2.7).

        :param quota_class_set: The class name (``default``) or a
            :class:`~openstack_sfs.v2.quota_class_set.QuotaClassSet`.
        :returns: The quota class set.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.7.
        """
        _base.require_microversion(
            self, _quota_class_set.MIN_MICROVERSION, "Quota class sets"
        )
        return self._get(_quota_class_set.QuotaClassSet, quota_class_set)

    def update_quota_class_set(
        self,
        quota_class_set: str | _quota_class_set.QuotaClassSet,
        **attrs: Any,
    ) -> _quota_class_set.QuotaClassSet:
        """Change a quota class (``PUT /quota-class-sets/{class}``, admin).

        :param quota_class_set: The class name (``default``) or a
            :class:`~openstack_sfs.v2.quota_class_set.QuotaClassSet`.
        :param attrs: New limits by quota key.
        :returns: The updated quota class set.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.7.
        """
        _base.require_microversion(
            self, _quota_class_set.MIN_MICROVERSION, "Quota class sets"
        )
        return self._update(
            _quota_class_set.QuotaClassSet, quota_class_set, **attrs
        )

    # -- end: quotas --

    # ======== User messages ========
    def user_messages(
        self, **query: Any
    ) -> Generator[_user_message.UserMessage, None, None]:
        """List user messages (``GET /messages``, 2.37).

        :param query: Filters: ``action_id``, ``detail_id``,
            ``message_level``, ``request_id``, ``resource_id``,
            ``resource_type``, ``created_since`` and ``created_before``
            (ISO 8601, 2.52), ``limit``, ``offset``, ``sort_key``,
            ``sort_dir``.
        :returns: A generator of
            :class:`~openstack_sfs.v2.user_message.UserMessage`.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.37, or than 2.52 with a time filter.
        """
        self._require_messages()
        if query.get("created_since") or query.get("created_before"):
            _base.require_microversion(
                self,
                _user_message.TIME_FILTER_MICROVERSION,
                "Filtering messages by creation time",
            )
        # Manila ignores markers: with ``limit``, pages go by offset.
        return self._list(_user_message.UserMessage, **query)

    def get_user_message(
        self, message: str | _user_message.UserMessage
    ) -> _user_message.UserMessage:
        """Show one user message (``GET /messages/{id}``, 2.37).

        :param message: The ID of a message or a
            :class:`~openstack_sfs.v2.user_message.UserMessage`.
        :returns: The message.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        self._require_messages()
        return self._get(_user_message.UserMessage, message)

    def delete_user_message(
        self,
        message: str | _user_message.UserMessage,
        ignore_missing: bool = True,
    ) -> _user_message.UserMessage | None:
        """Delete a user message (``DELETE /messages/{id}``, 2.37, 204).

        :param message: The ID of a message or a
            :class:`~openstack_sfs.v2.user_message.UserMessage`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: The deleted message, or ``None`` when it was missing.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist and ``ignore_missing`` is ``False``.
        """
        self._require_messages()
        return self._delete(
            _user_message.UserMessage, message, ignore_missing=ignore_missing
        )

    def _require_messages(self) -> None:
        """Raise NotSupported when the server is older than 2.37."""
        _base.require_microversion(
            self, _user_message.MIN_MICROVERSION, "The user message API"
        )

    # -- end: user messages --

    # ======== Share replicas ========
    def share_replicas(
        self, details: bool = True, **query: Any
    ) -> Generator[_share_replica.ShareReplica, None, None]:
        """List share replicas (``GET /share-replicas[/detail]``, 2.11).

        Below 2.56 the experimental header is sent.

        :param details: List with all fields (``/share-replicas/detail``);
            ``False`` gives id, share_id, status and replica_state only.
        :param query: Filters: ``share_id``, ``limit``, ``offset``.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.11.
        """
        base_path = "/share-replicas/detail" if details else None
        return self._list(
            _share_replica.ShareReplica,
            base_path=base_path,
            **query,
        )

    def get_share_replica(
        self, share_replica: str | _share_replica.ShareReplica
    ) -> _share_replica.ShareReplica:
        """Show one share replica (``GET /share-replicas/{id}``).

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :returns: The replica.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        return self._get(_share_replica.ShareReplica, share_replica)

    def create_share_replica(
        self, share: str | resource.Resource, **attrs: Any
    ) -> _share_replica.ShareReplica:
        """Add a replica to a share (``POST /share-replicas``, 202).

        The share's type must have a ``replication_type``. The replica
        starts ``creating`` / ``out_of_sync``.

        :param share: The ID of the share (or the share).
        :param attrs: ``availability_zone``, ``scheduler_hints``
            (``{"only_host": ...}``, 2.67), ``share_network_id`` (2.72),
            ``metadata`` (2.95).
        :returns: The new replica.
        :raises: :class:`~openstack.exceptions.NotSupported` when a field
            needs a newer microversion than the server offers.
        """
        share_id = resource.Resource._get_id(share)
        return self._create(
            _share_replica.ShareReplica, share_id=share_id, **attrs
        )

    def delete_share_replica(
        self,
        share_replica: str | _share_replica.ShareReplica,
        ignore_missing: bool = True,
        force: bool = False,
    ) -> None:
        """Delete a replica (202); never the only active one.

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :param ignore_missing: Do not raise when it does not exist.
        :param force: Use the admin ``force_delete`` action.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist and ``ignore_missing`` is ``False``.
        """
        if force:
            res = self._get_resource(
                _share_replica.ShareReplica, share_replica
            )
            try:
                res.force_delete(self)
            except exceptions.NotFoundException:
                if not ignore_missing:
                    raise
            return
        self._delete(
            _share_replica.ShareReplica,
            share_replica,
            ignore_missing=ignore_missing,
        )

    def promote_share_replica(
        self,
        share_replica: str | _share_replica.ShareReplica,
        quiesce_wait_time: int | None = None,
    ) -> bool:
        """Make a replica the share's active one.

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :param quiesce_wait_time: Seconds to let the old active replica
            quiesce (2.75).
        :returns: ``True`` when a promotion started (202), ``False`` when
            the replica already was active (200).
        :raises: :class:`~openstack.exceptions.NotSupported` when
            ``quiesce_wait_time`` is given and the server is older than
            2.75.
        """
        res = self._get_resource(_share_replica.ShareReplica, share_replica)
        return res.promote(self, quiesce_wait_time)

    def resync_share_replica(
        self, share_replica: str | _share_replica.ShareReplica
    ) -> bool:
        """Ask the back end to resync a replica (admin).

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :returns: ``True`` when a resync started (202), ``False`` for the
            active replica (200).
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        res = self._get_resource(_share_replica.ShareReplica, share_replica)
        return res.resync(self)

    def reset_share_replica_status(
        self, share_replica: str | _share_replica.ShareReplica, status: str
    ) -> None:
        """Set a replica's status in the database (admin).

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :param status: ``available``, ``error``, ``creating``,
            ``deleting``, ``error_deleting``, ...
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        res = self._get_resource(_share_replica.ShareReplica, share_replica)
        res.reset_status(self, status)

    def reset_share_replica_state(
        self,
        share_replica: str | _share_replica.ShareReplica,
        replica_state: str,
    ) -> None:
        """Set a replica's ``replica_state`` (admin; not the active one).

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :param replica_state: ``active``, ``in_sync``, ``out_of_sync`` or
            ``error``.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        res = self._get_resource(_share_replica.ShareReplica, share_replica)
        res.reset_replica_state(self, replica_state)

    def share_replica_export_locations(
        self, share_replica: str | _share_replica.ShareReplica
    ) -> Generator[_share_replica.ShareReplicaExportLocation, None, None]:
        """List a replica's export locations (2.47).

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_replica.ShareReplicaExportLocation`.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.47.
        """
        replica_id = resource.Resource._get_id(share_replica)
        return self._list(
            _share_replica.ShareReplicaExportLocation,
            paginated=False,
            share_replica_id=replica_id,
        )

    def get_share_replica_export_location(
        self,
        share_replica: str | _share_replica.ShareReplica,
        export_location: str | resource.Resource,
    ) -> _share_replica.ShareReplicaExportLocation:
        """Show one export location of a replica (2.47).

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :param export_location: The ID of the export location.
        :returns: The export location (with ``created_at`` and
            ``updated_at``).
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        replica_id = resource.Resource._get_id(share_replica)
        return self._get(
            _share_replica.ShareReplicaExportLocation,
            resource.Resource._get_id(export_location),
            share_replica_id=replica_id,
        )

    def fetch_share_replica_metadata(
        self, share_replica: str | _share_replica.ShareReplica
    ) -> _share_replica.ShareReplica:
        """Read all metadata of a replica (2.95).

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :returns: The replica, with ``metadata`` filled.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.95.
        """
        res = self._get_resource(_share_replica.ShareReplica, share_replica)
        return res.fetch_metadata(self)

    def fetch_share_replica_metadata_item(
        self, share_replica: str | _share_replica.ShareReplica, key: str
    ) -> _share_replica.ShareReplica:
        """Read one metadata item of a replica (2.95).

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :param key: The metadata key.
        :returns: The replica, with ``metadata[key]`` set.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            key does not exist.
        """
        res = self._get_resource(_share_replica.ShareReplica, share_replica)
        return res.get_metadata_item(self, key)

    def set_share_replica_metadata(
        self,
        share_replica: str | _share_replica.ShareReplica,
        *,
        replace: bool = False,
        **metadata: Any,
    ) -> _share_replica.ShareReplica:
        """Merge or replace a replica's metadata (2.95).

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :param replace: Replace all metadata (``PUT``) instead of merging
            (``POST``).
        :param metadata: The key-value pairs.
        :returns: The replica, with ``metadata`` as Manila answered it.
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.95.
        """
        res = self._get_resource(_share_replica.ShareReplica, share_replica)
        return res.set_metadata(self, metadata=metadata, replace=replace)

    def delete_share_replica_metadata(
        self,
        share_replica: str | _share_replica.ShareReplica,
        keys: Iterable[str],
    ) -> None:
        """Delete metadata items of a replica, one request per key (2.95).

        :param share_replica: The ID of a replica or a
            :class:`~openstack_sfs.v2.share_replica.ShareReplica`.
        :param keys: The keys to delete.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when a
            key does not exist.
        """
        res = self._get_resource(_share_replica.ShareReplica, share_replica)
        for key in keys:
            res.delete_metadata_item(self, key)

    # -- end: share replicas --

    # ======== Share migration ========
    def start_share_migration(
        self,
        share: str | resource.Resource,
        host: str,
        *,
        force_host_assisted_migration: bool = False,
        preserve_metadata: bool = True,
        writable: bool = True,
        nondisruptive: bool = False,
        preserve_snapshots: bool = True,
        new_share_network: str | resource.Resource | None = None,
        new_share_type: str | resource.Resource | None = None,
    ) -> bool:
        """Start moving a share to ``host`` (admin, 2.29).

        Experimental below 2.96 (the experimental header is sent there).
        The share goes ``migrating`` with task state
        ``migration_starting``.

        :param share: The ID of a share or a
            :class:`~openstack_sfs.v2.share.Share`.
        :param host: Destination ``host@backend#pool``.
        :param force_host_assisted_migration: Copy through the data
            service instead of the driver (the four flags below must then
            be ``False``).
        :param preserve_metadata: File metadata must be kept.
        :param writable: The share must stay writable meanwhile.
        :param nondisruptive: Clients must not be disrupted.
        :param preserve_snapshots: Snapshots must move along.
        :param new_share_network: Share network (or its ID) at the
            destination.
        :param new_share_type: Share type (or its ID) at the destination.
        :returns: ``True`` when a migration started (202), ``False`` when
            there was nothing to do (200).
        :raises: :class:`~openstack.exceptions.NotSupported` on a server
            older than 2.29.
        """
        res = self._get_resource(
            _share_migration.ShareMigration, resource.Resource._get_id(share)
        )
        return res.start(
            self,
            host,
            force_host_assisted_migration=force_host_assisted_migration,
            preserve_metadata=preserve_metadata,
            writable=writable,
            nondisruptive=nondisruptive,
            preserve_snapshots=preserve_snapshots,
            new_share_network_id=self._optional_id(new_share_network),
            new_share_type_id=self._optional_id(new_share_type),
        )

    def complete_share_migration(self, share: str | resource.Resource) -> None:
        """Finish a share migration: switch over (admin, 2.22, 202).

        :param share: The ID of a share or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            the first phase is not done.
        """
        res = self._get_resource(
            _share_migration.ShareMigration, resource.Resource._get_id(share)
        )
        res.complete(self)

    def cancel_share_migration(self, share: str | resource.Resource) -> None:
        """Cancel a share migration (admin, 2.22, 202).

        :param share: The ID of a share or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            nothing can be cancelled.
        """
        res = self._get_resource(
            _share_migration.ShareMigration, resource.Resource._get_id(share)
        )
        res.cancel(self)

    def get_share_migration_progress(
        self, share: str | resource.Resource
    ) -> _share_migration.ShareMigration:
        """Read a share migration's progress (admin, 2.22).

        Uses ``GET /shares/{id}/migration-progress`` on servers with 2.98,
        else the ``migration_get_progress`` action.

        :param share: The ID of a share or a
            :class:`~openstack_sfs.v2.share.Share`.
        :returns: A :class:`~openstack_sfs.v2.share_migration.ShareMigration`
            with ``total_progress``, ``task_state`` and ``details``.
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            no migration is running.
        """
        res = self._get_resource(
            _share_migration.ShareMigration, resource.Resource._get_id(share)
        )
        return res.fetch_progress(self)

    # -- end: share migration --

    # ======== Share groups, group types and group snapshots ========
    def share_group_types(
        self, **query: Any
    ) -> Generator[_share_group_type.ShareGroupType, None, None]:
        """List share group types (``GET /share-group-types``).

        :param query: Filters: ``is_public`` (admin only: ``True``,
            ``False`` or ``"all"``) and ``group_specs`` (2.66), a dict of
            group specs the types must have.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_group_type.ShareGroupType`.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.31, or ``group_specs`` is given and it
            is older than 2.66.
        """
        specs = query.get("group_specs")
        if specs:
            _base.require_microversion(
                self,
                _share_group_type.GROUP_SPECS_FILTER_MICROVERSION,
                "Filtering share group types by group specs",
            )
            if isinstance(specs, dict):
                query["group_specs"] = json.dumps(
                    {k: str(v) for k, v in specs.items()}
                )
        return self._list(_share_group_type.ShareGroupType, **query)

    def get_share_group_type(
        self, share_group_type: str | _share_group_type.ShareGroupType
    ) -> _share_group_type.ShareGroupType:
        """Show one share group type (``GET /share-group-types/{id}``).

        :param share_group_type: The ID of a share group type or a
            :class:`~openstack_sfs.v2.share_group_type.ShareGroupType`.
        :returns: The share group type.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        return self._get(_share_group_type.ShareGroupType, share_group_type)

    def find_share_group_type(
        self, name_or_id: str, ignore_missing: bool = True, **query: Any
    ) -> _share_group_type.ShareGroupType | None:
        """Find a share group type by name or ID.

        :param name_or_id: The name or ID of the share group type.
        :param ignore_missing: Return ``None`` instead of raising when
            nothing matches.
        :param query: More list filters (``is_public="all"`` for an admin
            looking for a private type).
        :returns: The share group type, or ``None``.
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            nothing matches and ``ignore_missing`` is ``False``.
        """
        return self._find(
            _share_group_type.ShareGroupType,
            name_or_id,
            ignore_missing=ignore_missing,
            **query,
        )

    def get_default_share_group_type(
        self,
    ) -> _share_group_type.ShareGroupType:
        """Show the default share group type
        (``GET /share-group-types/default``).

        :returns: The default share group type.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            cloud has none.
        """
        return self._get(_share_group_type.ShareGroupType, "default")

    def create_share_group_type(
        self, name: str, share_types: list[str], **attrs: Any
    ) -> _share_group_type.ShareGroupType:
        """Create a share group type (``POST /share-group-types``, admin,
        answers 200).

        :param name: Name of the new type.
        :param share_types: Names or IDs of the share types its groups may
            hold (at least one).
        :param attrs: ``group_specs`` (a dict of strings) and
            ``is_public`` (default ``True``).
        :returns: The new share group type.
        :raises: :class:`~openstack.exceptions.ConflictException` when a
            type of that name exists;
            :class:`~openstack.exceptions.NotFoundException` for an unknown
            share type.
        """
        return self._create(
            _share_group_type.ShareGroupType,
            name=name,
            share_types=share_types,
            **attrs,
        )

    def delete_share_group_type(
        self,
        share_group_type: str | _share_group_type.ShareGroupType,
        ignore_missing: bool = True,
    ) -> None:
        """Delete a share group type (``DELETE``, admin, 204).

        :param share_group_type: The ID of a share group type or a
            :class:`~openstack_sfs.v2.share_group_type.ShareGroupType`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.BadRequestException` while
            share groups use the type.
        """
        self._delete(
            _share_group_type.ShareGroupType,
            share_group_type,
            ignore_missing=ignore_missing,
        )

    def get_share_group_type_group_specs(
        self, share_group_type: str | _share_group_type.ShareGroupType
    ) -> dict[str, Any]:
        """Read a group type's group specs (``GET .../group-specs``).

        :param share_group_type: The ID of a share group type or a
            :class:`~openstack_sfs.v2.share_group_type.ShareGroupType`.
        :returns: The group specs, a dict.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            type does not exist.
        """
        res = self._get_resource(
            _share_group_type.ShareGroupType, share_group_type
        )
        return dict(res.fetch_group_specs(self).group_specs or {})

    def get_share_group_type_group_spec(
        self,
        share_group_type: str | _share_group_type.ShareGroupType,
        key: str,
    ) -> str:
        """Read one group spec (``GET .../group-specs/{key}``).

        :param share_group_type: The ID of a share group type or a
            :class:`~openstack_sfs.v2.share_group_type.ShareGroupType`.
        :param key: The spec name.
        :returns: Its value.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            type has no such spec.
        """
        res = self._get_resource(
            _share_group_type.ShareGroupType, share_group_type
        )
        return res.get_group_spec(self, key)

    def update_share_group_type_group_specs(
        self,
        share_group_type: str | _share_group_type.ShareGroupType,
        **specs: Any,
    ) -> _share_group_type.ShareGroupType:
        """Add or change group specs (``POST .../group-specs``).

        :param share_group_type: The ID of a share group type or a
            :class:`~openstack_sfs.v2.share_group_type.ShareGroupType`.
        :param specs: The specs to set, by name.
        :returns: The share group type, its ``group_specs`` updated.
        :raises: :class:`~openstack.exceptions.BadRequestException` for an
            invalid spec.
        """
        res = self._get_resource(
            _share_group_type.ShareGroupType, share_group_type
        )
        return res.set_group_specs(self, **specs)

    def update_share_group_type_group_spec(
        self,
        share_group_type: str | _share_group_type.ShareGroupType,
        key: str,
        value: Any,
    ) -> _share_group_type.ShareGroupType:
        """Set one group spec (``PUT .../group-specs/{key}``).

        :param share_group_type: The ID of a share group type or a
            :class:`~openstack_sfs.v2.share_group_type.ShareGroupType`.
        :param key: The spec name.
        :param value: Its value.
        :returns: The share group type, its ``group_specs`` updated.
        :raises: :class:`~openstack.exceptions.BadRequestException` for an
            invalid value.
        """
        res = self._get_resource(
            _share_group_type.ShareGroupType, share_group_type
        )
        return res.update_group_spec(self, key, value)

    def delete_share_group_type_group_spec(
        self,
        share_group_type: str | _share_group_type.ShareGroupType,
        key: str,
        ignore_missing: bool = False,
    ) -> None:
        """Delete one group spec (``DELETE .../group-specs/{key}``, 204).

        :param share_group_type: The ID of a share group type or a
            :class:`~openstack_sfs.v2.share_group_type.ShareGroupType`.
        :param key: The spec name.
        :param ignore_missing: Do not raise when the spec does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            spec does not exist and ``ignore_missing`` is ``False``.
        """
        res = self._get_resource(
            _share_group_type.ShareGroupType, share_group_type
        )
        try:
            res.delete_group_spec(self, key)
        except exceptions.NotFoundException:
            if not ignore_missing:
                raise

    def share_group_type_access(
        self, share_group_type: str | _share_group_type.ShareGroupType
    ) -> list[dict[str, Any]]:
        """List the projects that may use a private share group type
        (``GET /share-group-types/{id}/access``, admin).

        :param share_group_type: The ID of a share group type or a
            :class:`~openstack_sfs.v2.share_group_type.ShareGroupType`.
        :returns: A list of ``{"share_group_type_id", "project_id"}``.
        :raises: :class:`~openstack.exceptions.NotFoundException` for a
            public type, which has no access list.
        """
        res = self._get_resource(
            _share_group_type.ShareGroupType, share_group_type
        )
        return res.get_access(self)

    def add_share_group_type_access(
        self,
        share_group_type: str | _share_group_type.ShareGroupType,
        project_id: str,
    ) -> None:
        """Let a project use a private share group type (202, admin).

        :param share_group_type: The ID of a share group type or a
            :class:`~openstack_sfs.v2.share_group_type.ShareGroupType`.
        :param project_id: The project (a UUID) to add.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.ConflictException` for a
            public type or a project that already has access.
        """
        res = self._get_resource(
            _share_group_type.ShareGroupType, share_group_type
        )
        res.add_project_access(self, project_id)

    def remove_share_group_type_access(
        self,
        share_group_type: str | _share_group_type.ShareGroupType,
        project_id: str,
    ) -> None:
        """Take a project's access to a private share group type away
        (202, admin).

        :param share_group_type: The ID of a share group type or a
            :class:`~openstack_sfs.v2.share_group_type.ShareGroupType`.
        :param project_id: The project to remove.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            project has no access.
        """
        res = self._get_resource(
            _share_group_type.ShareGroupType, share_group_type
        )
        res.remove_project_access(self, project_id)

    def share_groups(
        self, details: bool = True, **query: Any
    ) -> Generator[_share_group.ShareGroup, None, None]:
        """List share groups (``GET /share-groups/detail`` or
        ``/share-groups``).

        :param details: Full records (``/share-groups/detail``); ``False``
            gives only ids, names and links.
        :param query: Filters: ``name``, ``description``, ``status``,
            ``host``, ``share_server_id``, ``share_network_id``,
            ``share_group_type_id``, ``source_share_group_snapshot_id``,
            ``project_id``, ``name~`` and ``description~`` (2.36),
            ``limit``, ``offset``, ``sort_key``, ``sort_dir`` and
            ``all_projects`` (admin). Manila refuses other filters (400).
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_group.ShareGroup`.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.31, or than 2.36 with ``name~`` or
            ``description~`` (which older servers drop silently).
        """
        base_path = "/share-groups/detail" if details else None
        return self._list(
            _share_group.ShareGroup, base_path=base_path, **query
        )

    def get_share_group(
        self, share_group: str | _share_group.ShareGroup
    ) -> _share_group.ShareGroup:
        """Show a share group (``GET /share-groups/{id}``).

        :param share_group: The ID of a share group or a
            :class:`~openstack_sfs.v2.share_group.ShareGroup`.
        :returns: The share group.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        return self._get(_share_group.ShareGroup, share_group)

    def find_share_group(
        self, name_or_id: str, ignore_missing: bool = True, **query: Any
    ) -> _share_group.ShareGroup | None:
        """Find a share group by name or ID.

        :param name_or_id: The name or ID of the share group.
        :param ignore_missing: Return ``None`` instead of raising when
            nothing matches.
        :param query: More list filters.
        :returns: The share group, or ``None``.
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            nothing matches and ``ignore_missing`` is ``False``.
        """
        return self._find(
            _share_group.ShareGroup,
            name_or_id,
            ignore_missing=ignore_missing,
            **query,
        )

    def create_share_group(self, **attrs: Any) -> _share_group.ShareGroup:
        """Create a share group (``POST /share-groups``, 202).

        The group starts ``creating``; the scheduler places it.

        :param attrs: ``name``, ``description``, ``share_types`` (share
            type IDs; the default share type when omitted),
            ``share_group_type_id`` (the default group type when omitted),
            ``share_network_id``, ``availability_zone`` or
            ``source_share_group_snapshot_id`` (a group snapshot to copy).
        :returns: The new share group.
        :raises: :class:`~openstack.exceptions.BadRequestException` for
            invalid input; :class:`~openstack.exceptions.HttpException`
            413 over quota.
        """
        return self._create(_share_group.ShareGroup, **attrs)

    def update_share_group(
        self, share_group: str | _share_group.ShareGroup, **attrs: Any
    ) -> _share_group.ShareGroup:
        """Rename or describe a share group (``PUT /share-groups/{id}``).

        :param share_group: The ID of a share group or a
            :class:`~openstack_sfs.v2.share_group.ShareGroup`.
        :param attrs: ``name`` and/or ``description``.
        :returns: The updated share group.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self._update(_share_group.ShareGroup, share_group, **attrs)

    def delete_share_group(
        self,
        share_group: str | _share_group.ShareGroup,
        ignore_missing: bool = True,
    ) -> _share_group.ShareGroup | None:
        """Delete a share group (``DELETE /share-groups/{id}``, 202).

        :param share_group: The ID of a share group or a
            :class:`~openstack_sfs.v2.share_group.ShareGroup`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: The share group being deleted, or ``None``.
        :raises: :class:`~openstack.exceptions.ConflictException` while
            it has shares or snapshots, or is not available or error.
        """
        return self._delete(
            _share_group.ShareGroup,
            share_group,
            ignore_missing=ignore_missing,
        )

    def reset_share_group_status(
        self, share_group: str | _share_group.ShareGroup, status: str
    ) -> None:
        """Set a share group's status (``reset_status``, admin, 202).

        :param share_group: The ID of a share group or a
            :class:`~openstack_sfs.v2.share_group.ShareGroup`.
        :param status: ``creating``, ``available``, ``deleting``,
            ``error`` or ``error_deleting``.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        res = self._get_resource(_share_group.ShareGroup, share_group)
        res.reset_status(self, status)

    def force_delete_share_group(
        self, share_group: str | _share_group.ShareGroup
    ) -> None:
        """Delete a share group, its shares and snapshots from the
        database whatever their status (``force_delete``, admin, 202).

        :param share_group: The ID of a share group or a
            :class:`~openstack_sfs.v2.share_group.ShareGroup`.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        res = self._get_resource(_share_group.ShareGroup, share_group)
        res.force_delete(self)

    def share_group_snapshots(
        self, details: bool = True, **query: Any
    ) -> Generator[_share_group_snapshot.ShareGroupSnapshot, None, None]:
        """List share group snapshots
        (``GET /share-group-snapshots/detail`` or ``/share-group-snapshots``).

        :param details: Full records; ``False`` gives ids, names, links.
        :param query: Filters: ``name``, ``description``, ``status``,
            ``share_group_id``, ``project_id``, ``limit``, ``offset``,
            ``sort_key``, ``sort_dir`` and ``all_projects`` (admin).
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_group_snapshot.ShareGroupSnapshot`.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.31.
        """
        base_path = "/share-group-snapshots/detail" if details else None
        return self._list(
            _share_group_snapshot.ShareGroupSnapshot,
            base_path=base_path,
            **query,
        )

    def share_group_snapshot_members(
        self,
        group_snapshot: str | _share_group_snapshot.ShareGroupSnapshot,
    ) -> list[_share_group_snapshot.ShareGroupSnapshotMember]:
        """List a group snapshot's members
        (``GET /share-group-snapshots/{id}/members``).

        :param group_snapshot: The ID of a share group snapshot or a
            :class:`~openstack_sfs.v2.share_group_snapshot.ShareGroupSnapshot`.
        :returns: A list of
            :class:`~openstack_sfs.v2.share_group_snapshot.ShareGroupSnapshotMember`
            (Manila lists none for an unknown ID).
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        snapshot_id = resource.Resource._get_id(group_snapshot)
        return list(
            self._list(
                _share_group_snapshot.ShareGroupSnapshotMember,
                share_group_snapshot_id=snapshot_id,
            )
        )

    def get_share_group_snapshot(
        self,
        group_snapshot: str | _share_group_snapshot.ShareGroupSnapshot,
    ) -> _share_group_snapshot.ShareGroupSnapshot:
        """Show a share group snapshot (``GET .../{id}``).

        :param group_snapshot: The ID of a share group snapshot or a
            :class:`~openstack_sfs.v2.share_group_snapshot.ShareGroupSnapshot`.
        :returns: The snapshot, with its members.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        return self._get(
            _share_group_snapshot.ShareGroupSnapshot, group_snapshot
        )

    def find_share_group_snapshot(
        self, name_or_id: str, ignore_missing: bool = True, **query: Any
    ) -> _share_group_snapshot.ShareGroupSnapshot | None:
        """Find a share group snapshot by name or ID.

        :param name_or_id: The name or ID of the snapshot.
        :param ignore_missing: Return ``None`` instead of raising when
            nothing matches.
        :param query: More list filters.
        :returns: The snapshot, or ``None``.
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            nothing matches and ``ignore_missing`` is ``False``.
        """
        return self._find(
            _share_group_snapshot.ShareGroupSnapshot,
            name_or_id,
            ignore_missing=ignore_missing,
            **query,
        )

    def create_share_group_snapshot(
        self, share_group: str | _share_group.ShareGroup, **attrs: Any
    ) -> _share_group_snapshot.ShareGroupSnapshot:
        """Snapshot every share of a group
        (``POST /share-group-snapshots``, 202).

        :param share_group: The ID of a share group or a
            :class:`~openstack_sfs.v2.share_group.ShareGroup`.
        :param attrs: ``name`` and ``description``.
        :returns: The new snapshot, ``creating`` (its answer lists no
            members yet, as Manila's).
        :raises: :class:`~openstack.exceptions.ConflictException` when the
            group or one of its shares is not available.
        """
        share_group_id = resource.Resource._get_id(share_group)
        return self._create(
            _share_group_snapshot.ShareGroupSnapshot,
            share_group_id=share_group_id,
            **attrs,
        )

    def update_share_group_snapshot(
        self,
        group_snapshot: str | _share_group_snapshot.ShareGroupSnapshot,
        **attrs: Any,
    ) -> _share_group_snapshot.ShareGroupSnapshot:
        """Rename or describe a group snapshot (``PUT .../{id}``).

        :param group_snapshot: The ID of a share group snapshot or a
            :class:`~openstack_sfs.v2.share_group_snapshot.ShareGroupSnapshot`.
        :param attrs: ``name`` and/or ``description``.
        :returns: The updated snapshot.
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        return self._update(
            _share_group_snapshot.ShareGroupSnapshot,
            group_snapshot,
            **attrs,
        )

    def delete_share_group_snapshot(
        self,
        group_snapshot: str | _share_group_snapshot.ShareGroupSnapshot,
        ignore_missing: bool = True,
    ) -> None:
        """Delete a share group snapshot (``DELETE .../{id}``, 202).

        :param group_snapshot: The ID of a share group snapshot or a
            :class:`~openstack_sfs.v2.share_group_snapshot.ShareGroupSnapshot`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.ConflictException` unless
            it is available or error.
        """
        self._delete(
            _share_group_snapshot.ShareGroupSnapshot,
            group_snapshot,
            ignore_missing=ignore_missing,
        )

    def reset_share_group_snapshot_status(
        self,
        group_snapshot: str | _share_group_snapshot.ShareGroupSnapshot,
        status: str,
    ) -> None:
        """Set a group snapshot's status (``reset_status``, admin, 202).

        :param group_snapshot: The ID of a share group snapshot or a
            :class:`~openstack_sfs.v2.share_group_snapshot.ShareGroupSnapshot`.
        :param status: ``creating``, ``available``, ``deleting``,
            ``error`` or ``error_deleting``.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        res = self._get_resource(
            _share_group_snapshot.ShareGroupSnapshot, group_snapshot
        )
        res.reset_status(self, status)

    def force_delete_share_group_snapshot(
        self,
        group_snapshot: str | _share_group_snapshot.ShareGroupSnapshot,
    ) -> None:
        """Delete a group snapshot from the database whatever its status
        (``force_delete``, admin, 202).

        :param group_snapshot: The ID of a share group snapshot or a
            :class:`~openstack_sfs.v2.share_group_snapshot.ShareGroupSnapshot`.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        res = self._get_resource(
            _share_group_snapshot.ShareGroupSnapshot, group_snapshot
        )
        res.force_delete(self)

    # -- end: share groups --

    # ======== Security services ========
    def security_services(
        self, details: bool = True, **query: Any
    ) -> Generator[_security_service.SecurityService, None, None]:
        """List security services (``GET /security-services[/detail]``).

        :param details: List with all fields (and the ids of the share
            networks using each service); ``False`` gives id, name, type
            and status only.
        :param query: Filters: ``name``, ``id``, ``type``, ``user``,
            ``server``, ``dns_ip``, ``domain``, ``share_network_id``,
            ``all_tenants`` (admin), ``limit``, ``offset``; for admins
            also ``ou`` (2.44) and ``default_ad_site`` (2.76), which
            Manila drops for other users.
        :returns: A generator of
            :class:`~openstack_sfs.v2.security_service.SecurityService`.
        :raises: :class:`~openstack.exceptions.NotSupported` when ``ou``
            or ``default_ad_site`` is given and the server is older than
            it needs; :class:`~openstack.exceptions.HttpException`
            subclasses on an error response.
        """
        base_path = "/security-services/detail" if details else None
        # Manila ignores markers: with ``limit``, pages go by offset.
        return self._list(
            _security_service.SecurityService,
            base_path=base_path,
            **query,
        )

    def get_security_service(
        self, security_service: str | _security_service.SecurityService
    ) -> _security_service.SecurityService:
        """Show one security service (``GET /security-services/{id}``).

        :param security_service: The ID of a security service or a
            :class:`~openstack_sfs.v2.security_service.SecurityService`.
        :returns: The security service.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        return self._get(_security_service.SecurityService, security_service)

    def find_security_service(
        self, name_or_id: str, ignore_missing: bool = True, **query: Any
    ) -> _security_service.SecurityService | None:
        """Find a security service by name or ID.

        :param name_or_id: The name or ID of the security service.
        :param ignore_missing: Return ``None`` instead of raising when
            nothing matches.
        :param query: More list filters.
        :returns: The security service, or ``None``.
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            nothing matches and ``ignore_missing`` is ``False``;
            :class:`~openstack.exceptions.DuplicateResource` when several
            services have that name.
        """
        return self._find(
            _security_service.SecurityService,
            name_or_id,
            ignore_missing=ignore_missing,
            list_base_path="/security-services/detail",
            **query,
        )

    def create_security_service(
        self, **attrs: Any
    ) -> _security_service.SecurityService:
        """Create a security service (``POST /security-services``, 200).

        :param attrs: ``type`` (``active_directory``, ``ldap`` or
            ``kerberos``; required), ``name``, ``description``,
            ``dns_ip``, ``server``, ``domain``, ``user``, ``password``,
            ``ou`` (2.44), ``default_ad_site`` (2.76, not with
            ``server`` for Active Directory).
        :returns: The new security service.
        :raises: :class:`~openstack.exceptions.NotSupported` when
            ``ou`` or ``default_ad_site`` needs a newer server;
            :class:`~openstack.exceptions.BadRequestException` on an
            invalid type.
        """
        self._check_security_service_attrs(attrs)
        return self._create(_security_service.SecurityService, **attrs)

    def update_security_service(
        self,
        security_service: str | _security_service.SecurityService,
        **attrs: Any,
    ) -> _security_service.SecurityService:
        """Change a security service (``PUT /security-services/{id}``).

        :param security_service: The ID of a security service or a
            :class:`~openstack_sfs.v2.security_service.SecurityService`.
        :param attrs: Fields to change; only ``name`` and
            ``description`` while a share network using it has share
            servers.
        :returns: The updated security service.
        :raises: :class:`~openstack.exceptions.ForbiddenException` when
            changing other fields of a service in use.
        """
        self._check_security_service_attrs(attrs)
        return self._update(
            _security_service.SecurityService, security_service, **attrs
        )

    def delete_security_service(
        self,
        security_service: str | _security_service.SecurityService,
        ignore_missing: bool = True,
    ) -> None:
        """Delete a security service (``DELETE /security-services/{id}``).

        :param security_service: The ID of a security service or a
            :class:`~openstack_sfs.v2.security_service.SecurityService`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.ForbiddenException` while
            a share network uses it;
            :class:`~openstack.exceptions.NotFoundException` when it does
            not exist and ``ignore_missing`` is ``False``.
        """
        self._delete(
            _security_service.SecurityService,
            security_service,
            ignore_missing=ignore_missing,
        )

    def add_security_service_to_share_network(
        self,
        share_network: str | _share_network.ShareNetwork,
        security_service: str | _security_service.SecurityService,
    ) -> _share_network.ShareNetwork:
        """Attach a security service to a share network.

        Action ``add_security_service``; one service of each type per
        network. Networks with share servers accept it only from 2.63,
        and only where the servers support security service updates.

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param security_service: The ID of a security service or a
            :class:`~openstack_sfs.v2.security_service.SecurityService`.
        :returns: The share network as Manila returns it.
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            already attached or a service of that type is attached;
            :class:`~openstack.exceptions.ForbiddenException` on a
            network in use before 2.63.
        """
        body = {
            "add_security_service": {
                "security_service_id": resource.Resource._get_id(
                    security_service
                )
            }
        }
        return self._share_network_action(share_network, body)

    def remove_security_service_from_share_network(
        self,
        share_network: str | _share_network.ShareNetwork,
        security_service: str | _security_service.SecurityService,
    ) -> _share_network.ShareNetwork:
        """Detach a security service (action ``remove_security_service``).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param security_service: The ID of a security service or a
            :class:`~openstack_sfs.v2.security_service.SecurityService`.
        :returns: The share network as Manila returns it.
        :raises: :class:`~openstack.exceptions.ForbiddenException` when
            the network has share servers;
            :class:`~openstack.exceptions.BadRequestException` when the
            service is not attached.
        """
        body = {
            "remove_security_service": {
                "security_service_id": resource.Resource._get_id(
                    security_service
                )
            }
        }
        return self._share_network_action(share_network, body)

    def update_share_network_security_service(
        self,
        share_network: str | _share_network.ShareNetwork,
        current_security_service: str | _security_service.SecurityService,
        new_security_service: str | _security_service.SecurityService,
    ) -> _share_network.ShareNetwork:
        """Replace an attached security service by one of the same type.

        Action ``update_security_service`` (2.63, answers 202).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param current_security_service: The attached service.
        :param new_security_service: The service to attach instead.
        :returns: The share network as Manila returns it.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.63;
            :class:`~openstack.exceptions.BadRequestException` when the
            types differ or the current one is not attached.
        """
        body = {
            "update_security_service": {
                "current_service_id": resource.Resource._get_id(
                    current_security_service
                ),
                "new_service_id": resource.Resource._get_id(
                    new_security_service
                ),
            }
        }
        return self._share_network_action(
            share_network,
            body,
            _security_service.UPDATE_ON_NETWORK_MICROVERSION,
        )

    def check_share_network_security_service_update(
        self,
        share_network: str | _share_network.ShareNetwork,
        current_security_service: str | _security_service.SecurityService,
        new_security_service: str | _security_service.SecurityService,
        reset_operation: bool = False,
    ) -> dict[str, Any]:
        """Ask whether a security service replacement is possible.

        Action ``update_security_service_check`` (2.63, answers 202).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param current_security_service: The attached service.
        :param new_security_service: The service to attach instead.
        :param reset_operation: Forget an earlier check and start again.
        :returns: Manila's answer: ``compatible``,
            ``requested_operation`` and, for admins,
            ``hosts_check_result``.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.63.
        """
        body = {
            "update_security_service_check": {
                "current_service_id": resource.Resource._get_id(
                    current_security_service
                ),
                "new_service_id": resource.Resource._get_id(
                    new_security_service
                ),
                "reset_operation": reset_operation,
            }
        }
        return self._share_network_check(share_network, body)

    def check_share_network_security_service_add(
        self,
        share_network: str | _share_network.ShareNetwork,
        security_service: str | _security_service.SecurityService,
        reset_operation: bool = False,
    ) -> dict[str, Any]:
        """Ask whether a security service can be attached.

        Action ``add_security_service_check`` (2.63, answers 202).

        :param share_network: The ID of a share network or a
            :class:`~openstack_sfs.v2.share_network.ShareNetwork`.
        :param security_service: The service to attach.
        :param reset_operation: Forget an earlier check and start again.
        :returns: Manila's answer: ``compatible``,
            ``requested_operation`` and, for admins,
            ``hosts_check_result``.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.63.
        """
        body = {
            "add_security_service_check": {
                "security_service_id": resource.Resource._get_id(
                    security_service
                ),
                "reset_operation": reset_operation,
            }
        }
        return self._share_network_check(share_network, body)

    def _check_security_service_attrs(self, attrs: dict[str, Any]) -> None:
        """NotSupported when ``ou`` / ``default_ad_site`` are too new."""
        if attrs.get("ou") is not None:
            _base.require_microversion(
                self,
                _security_service.OU_MICROVERSION,
                "The security service 'ou' field",
            )
        if attrs.get("default_ad_site") is not None:
            _base.require_microversion(
                self,
                _security_service.DEFAULT_AD_SITE_MICROVERSION,
                "The security service 'default_ad_site' field",
            )

    def _share_network_action(
        self,
        share_network: str | _share_network.ShareNetwork,
        body: dict[str, Any],
        min_microversion: str | None = None,
    ) -> _share_network.ShareNetwork:
        """POST a share network action and read the network it returns."""
        network = self._get_resource(
            _share_network.ShareNetwork, share_network
        )
        response = network._action(
            self, body, min_microversion=min_microversion
        )
        network._translate_response(response)
        return network

    def _share_network_check(
        self,
        share_network: str | _share_network.ShareNetwork,
        body: dict[str, Any],
    ) -> dict[str, Any]:
        """POST a share network check action and return its JSON."""
        network = self._get_resource(
            _share_network.ShareNetwork, share_network
        )
        response = network._action(
            self,
            body,
            min_microversion=_security_service.UPDATE_ON_NETWORK_MICROVERSION,
        )
        result: dict[str, Any] = response.json()
        return result

    # -- end: security services --

    # ======== Share transfers ========
    def create_share_transfer(
        self, **attrs: Any
    ) -> _share_transfer.ShareTransfer:
        """Offer a share to another project (``POST /share-transfers``).

        Answers 202; the share goes to ``awaiting_transfer``. Keep the
        returned ``auth_key``: Manila shows it only here.

        :param attrs: ``share_id`` (required) and ``name``.
        :returns: The new transfer, with ``auth_key``.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.77;
            :class:`~openstack.exceptions.BadRequestException` when the
            share is not ``available``, is on a share network, in a group
            or replicated, or has snapshots that are not ``available``.
        """
        self._require_transfers()
        return self._create(_share_transfer.ShareTransfer, **attrs)

    def accept_share_transfer(
        self,
        share_transfer: str | _share_transfer.ShareTransfer,
        *,
        auth_key: str,
        clear_access_rules: bool = False,
    ) -> _share_transfer.ShareTransfer:
        """Accept a transfer (``POST /share-transfers/{id}/accept``, 202).

        The share moves to the caller's project and is ``available``.

        :param share_transfer: The ID of a transfer or a
            :class:`~openstack_sfs.v2.share_transfer.ShareTransfer`.
        :param auth_key: The key of the transfer.
        :param clear_access_rules: Drop the share's access rules.
        :returns: The transfer, marked ``accepted``.
        :raises: :class:`~openstack.exceptions.BadRequestException` on a
            wrong key or an unknown transfer; an
            :class:`~openstack.exceptions.HttpException` with status 413
            when the share exceeds the caller's quotas.
        """
        self._require_transfers()
        return self._get_resource(
            _share_transfer.ShareTransfer, share_transfer
        ).accept(
            self, auth_key=auth_key, clear_access_rules=clear_access_rules
        )

    def share_transfers(
        self, details: bool = False, **query: Any
    ) -> Generator[_share_transfer.ShareTransfer, None, None]:
        """List transfers (``GET /share-transfers[/detail]``, 2.77).

        :param details: List all fields (``/detail``).
        :param query: Filters: ``name``, ``name~``, ``id``,
            ``resource_type``, ``resource_id``, ``source_project_id``,
            ``destination_project_id``, ``all_tenants`` (admin),
            ``limit``, ``offset``, ``sort_key``, ``sort_dir``.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_transfer.ShareTransfer`.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.77.
        """
        self._require_transfers()
        base_path = "/share-transfers/detail" if details else None
        # Manila ignores markers: with ``limit``, pages go by offset.
        return self._list(
            _share_transfer.ShareTransfer,
            base_path=base_path,
            **query,
        )

    def get_share_transfer(
        self, share_transfer: str | _share_transfer.ShareTransfer
    ) -> _share_transfer.ShareTransfer:
        """Show one transfer (``GET /share-transfers/{id}``, 2.77).

        :param share_transfer: The ID of a transfer or a
            :class:`~openstack_sfs.v2.share_transfer.ShareTransfer`.
        :returns: The transfer.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist (or expired, or was accepted).
        """
        self._require_transfers()
        return self._get(_share_transfer.ShareTransfer, share_transfer)

    def find_share_transfer(
        self, name_or_id: str, ignore_missing: bool = True, **query: Any
    ) -> _share_transfer.ShareTransfer | None:
        """Find a transfer by name or ID.

        :param name_or_id: The name or ID of the transfer.
        :param ignore_missing: Return ``None`` instead of raising when
            nothing matches.
        :param query: More list filters.
        :returns: The transfer, or ``None``.
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            nothing matches and ``ignore_missing`` is ``False``.
        """
        self._require_transfers()
        return self._find(
            _share_transfer.ShareTransfer,
            name_or_id,
            ignore_missing=ignore_missing,
            list_base_path="/share-transfers/detail",
            **query,
        )

    def delete_share_transfer(
        self,
        share_transfer: str | _share_transfer.ShareTransfer,
        ignore_missing: bool = True,
    ) -> None:
        """Cancel a transfer (``DELETE /share-transfers/{id}``, 200).

        The share becomes ``available`` again in its project.

        :param share_transfer: The ID of a transfer or a
            :class:`~openstack_sfs.v2.share_transfer.ShareTransfer`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist and ``ignore_missing`` is ``False``.
        """
        self._require_transfers()
        self._delete(
            _share_transfer.ShareTransfer,
            share_transfer,
            ignore_missing=ignore_missing,
        )

    def delete_share_transfers(
        self,
        share_transfer: str | _share_transfer.ShareTransfer,
        ignore_missing: bool = True,
    ) -> None:
        """Cancel a transfer; openstacksdk's name for
        :meth:`delete_share_transfer`.

        :param share_transfer: The ID of a transfer or a
            :class:`~openstack_sfs.v2.share_transfer.ShareTransfer`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist and ``ignore_missing`` is ``False``.
        """
        self.delete_share_transfer(share_transfer, ignore_missing)

    def _require_transfers(self) -> None:
        """Raise NotSupported when the server is older than 2.77."""
        _base.require_microversion(
            self, _share_transfer.MIN_MICROVERSION, "The share transfer API"
        )

    # -- end: share transfers --

    # ======== Resource locks ========
    @_strict.accepts(_strict.filter_names(_resource_lock.ResourceLock))
    def resource_locks(
        self, **query: Any
    ) -> Generator[_resource_lock.ResourceLock, None, None]:
        """List resource locks (``GET /resource-locks``, 2.81).

        :param query: Filters: ``resource_id``, ``resource_type``,
            ``resource_action``, ``lock_context``, ``lock_reason``,
            ``lock_reason~``, ``user_id``, ``project_id``, ``id``,
            ``created_since`` / ``created_before`` (ISO 8601),
            ``all_projects`` (admin), ``with_count``, ``limit``,
            ``offset``, ``sort_key``, ``sort_dir``.
        :returns: A generator of
            :class:`~openstack_sfs.v2.resource_lock.ResourceLock`.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.81.
        """
        self._require_locks()
        # _list's own first parameter is called resource_type, so the
        # filter of that name goes to the resource class directly.
        return _resource_lock.ResourceLock.list(self, **query)

    def get_resource_lock(
        self, resource_lock: str | _resource_lock.ResourceLock
    ) -> _resource_lock.ResourceLock:
        """Show one resource lock (``GET /resource-locks/{id}``, 2.81).

        :param resource_lock: The ID of a lock or a
            :class:`~openstack_sfs.v2.resource_lock.ResourceLock`.
        :returns: The lock.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist in the caller's project.
        """
        self._require_locks()
        return self._get(_resource_lock.ResourceLock, resource_lock)

    def create_resource_lock(
        self, **attrs: Any
    ) -> _resource_lock.ResourceLock:
        """Lock an action on a resource (``POST /resource-locks``, 200).

        :param attrs: ``resource_id`` (required), ``resource_type``
            (``share`` or ``access_rule``; ``share`` when not given,
            because Manila 23 fails with 500 without it),
            ``resource_action`` (``delete``, the default, or ``show`` for
            access rules) and ``lock_reason``.
        :returns: The new lock.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.81;
            :class:`~openstack.exceptions.BadRequestException` when the
            resource does not exist;
            :class:`~openstack.exceptions.ConflictException` when it
            cannot be locked in its current state.
        """
        self._require_locks()
        _strict.check_names(
            attrs, _strict.field_names(_resource_lock.ResourceLock)
        )
        _strict.check_required(_resource_lock.ResourceLock, attrs)
        attrs.setdefault("resource_type", "share")
        lock = _resource_lock.ResourceLock.new(**attrs)
        return lock.create(self)

    def update_resource_lock(
        self, resource_lock: str | _resource_lock.ResourceLock, **attrs: Any
    ) -> _resource_lock.ResourceLock:
        """Change a lock (``PUT /resource-locks/{id}``, 2.81).

        :param resource_lock: The ID of a lock or a
            :class:`~openstack_sfs.v2.resource_lock.ResourceLock`.
        :param attrs: ``lock_reason`` and ``resource_action``; Manila
            refuses every other field.
        :returns: The updated lock.
        :raises: :class:`~openstack.exceptions.ForbiddenException` when
            the caller may not change it.
        """
        self._require_locks()
        return self._update(
            _resource_lock.ResourceLock, resource_lock, **attrs
        )

    def delete_resource_lock(
        self,
        resource_lock: str | _resource_lock.ResourceLock,
        ignore_missing: bool = True,
    ) -> None:
        """Remove a lock (``DELETE /resource-locks/{id}``, 204).

        :param resource_lock: The ID of a lock or a
            :class:`~openstack_sfs.v2.resource_lock.ResourceLock`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.ForbiddenException` when
            the caller may not remove it;
            :class:`~openstack.exceptions.NotFoundException` when it does
            not exist and ``ignore_missing`` is ``False``.
        """
        self._require_locks()
        self._delete(
            _resource_lock.ResourceLock,
            resource_lock,
            ignore_missing=ignore_missing,
        )

    def _require_locks(self) -> None:
        """Raise NotSupported when the server is older than 2.81."""
        _base.require_microversion(
            self, _resource_lock.MIN_MICROVERSION, "The resource lock API"
        )

    # -- end: resource locks --

    # ======== QoS types ========
    def qos_types(
        self, **query: Any
    ) -> Generator[_qos_type.QosType, None, None]:
        """List QoS types (``GET /qos-types``, 2.94).

        :param query: Filters: ``name``, ``name~``, ``description``,
            ``description~``, ``id`` (admin), ``limit``, ``offset``,
            ``sort_key``, ``sort_dir``.
        :returns: A generator of
            :class:`~openstack_sfs.v2.qos_type.QosType`.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.94.
        """
        self._require_qos()
        return self._list(_qos_type.QosType, **query)

    def get_qos_type(
        self, qos_type: str | _qos_type.QosType
    ) -> _qos_type.QosType:
        """Show one QoS type (``GET /qos-types/{id}``, 2.94).

        :param qos_type: The ID of a QoS type or a
            :class:`~openstack_sfs.v2.qos_type.QosType`.
        :returns: The QoS type with its specs.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        self._require_qos()
        return self._get(_qos_type.QosType, qos_type)

    def find_qos_type(
        self, name_or_id: str, ignore_missing: bool = True, **query: Any
    ) -> _qos_type.QosType | None:
        """Find a QoS type by name or ID.

        :param name_or_id: The name or ID of the QoS type.
        :param ignore_missing: Return ``None`` instead of raising when
            nothing matches.
        :param query: More list filters.
        :returns: The QoS type, or ``None``.
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            nothing matches and ``ignore_missing`` is ``False``.
        """
        self._require_qos()
        return self._find(
            _qos_type.QosType,
            name_or_id,
            ignore_missing=ignore_missing,
            **query,
        )

    def create_qos_type(self, **attrs: Any) -> _qos_type.QosType:
        """Create a QoS type (``POST /qos-types``, admin, answers 200).

        :param attrs: ``name`` (required, unique), ``description``,
            ``specs`` (a dict of strings or booleans).
        :returns: The new QoS type.
        :raises: :class:`~openstack.exceptions.ConflictException` when
            the name is taken;
            :class:`~openstack.exceptions.BadRequestException` without a
            name or with invalid specs.
        """
        self._require_qos()
        return self._create(_qos_type.QosType, **attrs)

    def update_qos_type(
        self, qos_type: str | _qos_type.QosType, **attrs: Any
    ) -> _qos_type.QosType:
        """Change a QoS type (``PUT /qos-types/{id}``, admin).

        :param qos_type: The ID of a QoS type or a
            :class:`~openstack_sfs.v2.qos_type.QosType`.
        :param attrs: ``description``; Manila ignores other fields.
        :returns: The QoS type.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.94;
            :class:`~openstack.exceptions.HttpException` subclasses on an
            error response.
        """
        self._require_qos()
        return self._update(_qos_type.QosType, qos_type, **attrs)

    def delete_qos_type(
        self,
        qos_type: str | _qos_type.QosType,
        ignore_missing: bool = True,
    ) -> None:
        """Delete a QoS type (``DELETE /qos-types/{id}``, admin, 204).

        :param qos_type: The ID of a QoS type or a
            :class:`~openstack_sfs.v2.qos_type.QosType`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.BadRequestException` while
            shares use it.
        """
        self._require_qos()
        self._delete(
            _qos_type.QosType, qos_type, ignore_missing=ignore_missing
        )

    def get_qos_type_specs(
        self, qos_type: str | _qos_type.QosType
    ) -> dict[str, Any]:
        """The specs of a QoS type (``GET /qos-types/{id}/specs``).

        :param qos_type: The ID of a QoS type or a
            :class:`~openstack_sfs.v2.qos_type.QosType`.
        :returns: The specs, key to value.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.94;
            :class:`~openstack.exceptions.HttpException` subclasses on an
            error response.
        """
        body = self._qos_specs_call("GET", qos_type)
        return dict(body["specs"])

    def get_qos_type_spec(
        self, qos_type: str | _qos_type.QosType, key: str
    ) -> str:
        """One spec (``GET /qos-types/{id}/specs/{key}``).

        :param qos_type: The ID of a QoS type or a
            :class:`~openstack_sfs.v2.qos_type.QosType`.
        :param key: The spec key.
        :returns: Its value.
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            the type has no such spec.
        """
        return self._qos_specs_call("GET", qos_type, key)[key]

    def update_qos_type_specs(
        self, qos_type: str | _qos_type.QosType, **specs: Any
    ) -> dict[str, Any]:
        """Add or change specs (``POST /qos-types/{id}/specs``).

        :param qos_type: The ID of a QoS type or a
            :class:`~openstack_sfs.v2.qos_type.QosType`.
        :param specs: Keys and values to set.
        :returns: The specs sent, as Manila echoes them.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.94;
            :class:`~openstack.exceptions.HttpException` subclasses on an
            error response.
        """
        body = self._qos_specs_call("POST", qos_type, json={"specs": specs})
        return dict(body["specs"])

    def update_qos_type_spec(
        self, qos_type: str | _qos_type.QosType, key: str, value: Any
    ) -> Any:
        """Set one spec (``PUT /qos-types/{id}/specs/{key}``).

        :param qos_type: The ID of a QoS type or a
            :class:`~openstack_sfs.v2.qos_type.QosType`.
        :param key: The spec key.
        :param value: Its new value.
        :returns: The value, as Manila echoes it.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.94;
            :class:`~openstack.exceptions.HttpException` subclasses on an
            error response.
        """
        return self._qos_specs_call("PUT", qos_type, key, json={key: value})[
            key
        ]

    def delete_qos_type_spec(
        self, qos_type: str | _qos_type.QosType, key: str
    ) -> None:
        """Remove one spec (``DELETE /qos-types/{id}/specs/{key}``, 204).

        :param qos_type: The ID of a QoS type or a
            :class:`~openstack_sfs.v2.qos_type.QosType`.
        :param key: The spec key.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            the type has no such spec.
        """
        self._qos_specs_call("DELETE", qos_type, key)

    def _qos_specs_call(
        self,
        method: str,
        qos_type: str | _qos_type.QosType,
        key: str | None = None,
        json: dict[str, Any] | None = None,
    ) -> Any:
        """Call ``/qos-types/{id}/specs[/{key}]``; raise on error."""
        self._require_qos()
        type_id = resource.Resource._get_id(qos_type)
        parts = ["qos-types", type_id, "specs"]
        if key is not None:
            parts.append(key)
        response = self.request(
            utils.urljoin(*parts),
            method,
            json=json,
            microversion=_qos_type.MIN_MICROVERSION,
            raise_exc=False,
        )
        exceptions.raise_from_response(response)
        return response.json() if response.content else None

    def _require_qos(self) -> None:
        """Raise NotSupported when the server is older than 2.94."""
        _base.require_microversion(
            self, _qos_type.MIN_MICROVERSION, "The QoS type API"
        )

    # -- end: qos types --

    # ======== Share backups ========
    def share_backups(
        self, details: bool = True, **query: Any
    ) -> Generator[_share_backup.ShareBackup, None, None]:
        """List backups (``GET /share-backups[/detail]``, 2.80, exp.).

        :param details: List all fields (``/detail``).
        :param query: Filters: ``share_id``, ``name``, ``name~``,
            ``description``, ``description~``, ``status``, ``topic``,
            ``id`` and ``host`` (admin), ``all_tenants`` (admin),
            ``limit``, ``offset``, ``sort_key``, ``sort_dir``.
        :returns: A generator of
            :class:`~openstack_sfs.v2.share_backup.ShareBackup`.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.80.
        """
        self._require_backups()
        base_path = "/share-backups/detail" if details else None
        # Manila ignores markers: with ``limit``, pages go by offset.
        return self._list(
            _share_backup.ShareBackup,
            base_path=base_path,
            **query,
        )

    def get_share_backup(
        self, backup: str | _share_backup.ShareBackup
    ) -> _share_backup.ShareBackup:
        """Show one backup (``GET /share-backups/{id}``, 2.80, exp.).

        :param backup: The ID of a backup or a
            :class:`~openstack_sfs.v2.share_backup.ShareBackup`.
        :returns: The backup.
        :raises: :class:`~openstack.exceptions.NotFoundException` when it
            does not exist.
        """
        self._require_backups()
        return self._get(_share_backup.ShareBackup, backup)

    def find_share_backup(
        self, name_or_id: str, ignore_missing: bool = True, **query: Any
    ) -> _share_backup.ShareBackup | None:
        """Find a backup by name or ID.

        :param name_or_id: The name or ID of the backup.
        :param ignore_missing: Return ``None`` instead of raising when
            nothing matches.
        :param query: More list filters.
        :returns: The backup, or ``None``.
        :raises: :class:`~openstack.exceptions.NotFoundException` when
            nothing matches and ``ignore_missing`` is ``False``.
        """
        self._require_backups()
        return self._find(
            _share_backup.ShareBackup,
            name_or_id,
            ignore_missing=ignore_missing,
            list_base_path="/share-backups/detail",
            **query,
        )

    def create_share_backup(self, **attrs: Any) -> _share_backup.ShareBackup:
        """Back a share up (``POST /share-backups``, 2.80, exp., 202).

        The share goes ``backup_creating`` and the backup ``creating``;
        both end ``available``.

        :param attrs: ``share_id`` (required), ``name``,
            ``description``, ``backup_options``.
        :returns: The new backup.
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            the share is not ``available`` or has snapshots or replicas;
            an :class:`~openstack.exceptions.HttpException` with status
            413 over the ``backups`` / ``backup_gigabytes`` quotas.
        """
        self._require_backups()
        return self._create(_share_backup.ShareBackup, **attrs)

    def update_share_backup(
        self, backup: str | _share_backup.ShareBackup, **attrs: Any
    ) -> _share_backup.ShareBackup:
        """Rename or describe a backup (``PUT /share-backups/{id}``).

        :param backup: The ID of a backup or a
            :class:`~openstack_sfs.v2.share_backup.ShareBackup`.
        :param attrs: ``name`` and/or ``description``.
        :returns: The updated backup.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.80;
            :class:`~openstack.exceptions.HttpException` subclasses on an
            error response.
        """
        self._require_backups()
        return self._update(_share_backup.ShareBackup, backup, **attrs)

    def delete_share_backup(
        self,
        backup: str | _share_backup.ShareBackup,
        ignore_missing: bool = True,
    ) -> None:
        """Delete a backup (``DELETE /share-backups/{id}``, exp., 202).

        :param backup: The ID of a backup or a
            :class:`~openstack_sfs.v2.share_backup.ShareBackup`.
        :param ignore_missing: Do not raise when it does not exist.
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.BadRequestException` when
            the backup is neither ``available`` nor ``error``.
        """
        self._require_backups()
        self._delete(
            _share_backup.ShareBackup, backup, ignore_missing=ignore_missing
        )

    def restore_share_backup(
        self,
        backup: str | _share_backup.ShareBackup,
        target_share: str | _share.Share | None = None,
    ) -> dict[str, str]:
        """Restore a backup (action ``restore``, exp., 202).

        The share goes ``backup_restoring``, then ``available``.

        :param backup: The ID of a backup or a
            :class:`~openstack_sfs.v2.share_backup.ShareBackup`.
        :param target_share: Share to restore into (2.91); by default
            the backed-up share.
        :returns: ``{"backup_id": ..., "share_id": ...}``.
        :raises: :class:`~openstack.exceptions.NotSupported` with a
            target on a server older than 2.91.
        """
        self._require_backups()
        target = (
            resource.Resource._get_id(target_share)
            if target_share is not None
            else None
        )
        return self._get_resource(_share_backup.ShareBackup, backup).restore(
            self, target
        )

    def reset_share_backup_status(
        self, backup: str | _share_backup.ShareBackup, status: str
    ) -> None:
        """Set a backup's status (action ``reset_status``, admin, 202).

        :param backup: The ID of a backup or a
            :class:`~openstack_sfs.v2.share_backup.ShareBackup`.
        :param status: ``available``, ``error``, ``creating``,
            ``deleting``, ``error_deleting``, ...
        :returns: ``None``
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.80;
            :class:`~openstack.exceptions.HttpException` subclasses on an
            error response.
        """
        self._require_backups()
        self._get_resource(_share_backup.ShareBackup, backup).reset_status(
            self, status
        )

    def _require_backups(self) -> None:
        """Raise NotSupported when the server is older than 2.80."""
        _base.require_microversion(
            self, _share_backup.MIN_MICROVERSION, "The share backup API"
        )

    # -- end: share backups --

    # ======== Waiters ========
    def wait_for_status(
        self,
        res: _wait.ResourceT,
        status: str,
        failures: list[str] | None = None,
        interval: int | float | None = 2,
        wait: int | float | None = None,
        attribute: str = "status",
        callback: Callable[[int], None] | None = None,
    ) -> _wait.ResourceT:
        """Wait until a resource reaches a status.

        :param res: The resource to watch (a share, snapshot, rule, ...).
        :param status: The wanted status (case-insensitive).
        :param failures: Statuses that end the wait with a failure;
            default ``["error"]``.
        :param interval: Seconds between polls.
        :param wait: Longest wait in seconds; ``None`` means
            :data:`openstack_sfs.v2._wait.DEFAULT_WAIT` (300 s), never
            forever.
        :param attribute: The attribute to watch, e.g. ``state`` for
            access rules or ``access_rules_status`` for shares.
        :param callback: Called with the progress percentage after each
            poll.
        :returns: The resource, refreshed, in the wanted status.
        :raises: :class:`~openstack.exceptions.ResourceTimeout` naming the
            last status seen.
        :raises: :class:`~openstack.exceptions.ResourceFailure` naming the
            failure status reached.
        """
        return _wait.wait_for_status(
            self, res, status, failures, interval, wait, attribute, callback
        )

    def wait_for_delete(
        self,
        res: _wait.ResourceT,
        interval: int | float | None = 2,
        wait: int | float | None = 120,
        callback: Callable[[int], None] | None = None,
    ) -> _wait.ResourceT:
        """Wait until a resource is gone (fetching it answers 404).

        :param res: The resource being deleted.
        :param interval: Seconds between polls.
        :param wait: Longest wait in seconds (120, as openstacksdk);
            ``None`` means 300 s.
        :param callback: Called with the progress percentage after each
            poll.
        :returns: The resource as given.
        :raises: :class:`~openstack.exceptions.ResourceTimeout` naming the
            last status seen.
        :raises: :class:`~openstack.exceptions.ResourceFailure` when the
            resource reaches ``error_deleting``.
        """
        return _wait.wait_for_delete(self, res, interval, wait, callback)

    # -- end: waiters --
