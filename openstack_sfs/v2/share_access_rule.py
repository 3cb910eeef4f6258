"""Share access rules (Manila v2): ``/share-access-rules`` (2.45).

Plays the client side of Manila's ``share_accesses.py``,
``share_access_metadata.py`` and the share actions ``allow_access`` and
``deny_access``. A rule is granted and revoked through its share's
``/action`` endpoint; it is read, updated (2.88) and tagged with metadata
(2.45) through ``/share-access-rules``.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from keystoneauth1 import adapter
from openstack import exceptions, resource, utils

from openstack_sfs.v2 import _base

if TYPE_CHECKING:
    from typing_extensions import Self  # noqa: UP035

#: ``GET /share-access-rules`` and access rule metadata appeared in 2.45.
_LIST_VERSION = "2.45"

#: Fields of ``allow_access`` and the microversion each appeared in.
_GRANT_FIELD_VERSIONS: dict[str, str] = {
    "metadata": "2.45",
    "lock_visibility": "2.82",
    "lock_deletion": "2.82",
    "lock_reason": "2.82",
}

#: Fields a grant request may carry.
_GRANT_FIELDS = (
    "access_type",
    "access_to",
    "access_level",
    "metadata",
    "lock_visibility",
    "lock_deletion",
    "lock_reason",
)


class ShareAccessRule(_base.ManilaResource):
    """An access rule of a share (who may mount it, and how)."""

    resource_key = "access"
    resources_key = "access_list"
    base_path = "/share-access-rules"

    _query_mapping = resource.QueryParameters(
        "access_key",
        "access_level",
        "access_to",
        "access_type",
        "metadata",
        "share_id",
        include_pagination_defaults=False,
    )

    #: fields a create needs (one of each group); see _strict
    _create_requires = (("access_type",), ("access_to",))

    allow_create = True
    allow_fetch = True
    allow_commit = False
    allow_delete = True
    allow_list = True
    allow_head = False

    _max_microversion = "2.88"

    #: Credential for the rule (cephx keys). Since 2.21.
    access_key = resource.Body("access_key", type=str)
    #: ``rw`` or ``ro``.
    access_level = resource.Body("access_level", type=str)
    #: Who gets access: an IP or CIDR, a user or group, a certificate
    #: common name or a cephx id; ``******`` when restricted (2.82).
    access_to = resource.Body("access_to", type=str)
    #: ``ip``, ``user``, ``cert`` or ``cephx`` (2.13).
    access_type = resource.Body("access_type", type=str)
    #: Creation time, ISO 8601. Since 2.33.
    created_at = resource.Body("created_at", type=str)
    #: Forbid deleting the rule without unrestricting it (grant only).
    #: Since 2.82.
    lock_deletion = resource.Body("lock_deletion", type=bool)
    #: Why the rule is locked (grant only). Since 2.82.
    lock_reason = resource.Body("lock_reason", type=str)
    #: Hide ``access_to`` and ``access_key`` from other users (grant only).
    #: Since 2.82.
    lock_visibility = resource.Body("lock_visibility", type=bool)
    #: User metadata of the rule. Since 2.45.
    metadata = resource.Body("metadata", type=dict)
    #: The share the rule belongs to.
    share_id = resource.Body("share_id", type=str)
    #: ``queued_to_apply``, ``applying``, ``active``, ``error``,
    #: ``queued_to_deny``, ``denying``, ``queued_to_update``, ``updating``
    #: (per rule since 2.28).
    state = resource.Body("state", type=str)
    #: Last update time, ISO 8601. Since 2.33.
    updated_at = resource.Body("updated_at", type=str)

    # -- reads ----------------------------------------------------------

    @classmethod
    def list(
        cls, session: adapter.Adapter, *args: Any, **kwargs: Any
    ) -> Generator[Self, None, None]:
        """List the rules of a share (``GET /share-access-rules``, 2.45).

        :param session: The adapter of the shared-file-system service.
        :returns: A generator of rules.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.45.
        """
        _base.require_microversion(
            session, _LIST_VERSION, "Listing access rules"
        )
        return super().list(session, *args, **kwargs)

    def fetch(
        self, session: adapter.Adapter, *args: Any, **kwargs: Any
    ) -> Self:
        """Read the rule (``GET /share-access-rules/{id}``, 2.45).

        :param session: The adapter of the shared-file-system service.
        :returns: This rule.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.45.
        """
        _base.require_microversion(
            session, _LIST_VERSION, "Showing an access rule"
        )
        return super().fetch(session, *args, **kwargs)

    # -- grant / revoke -------------------------------------------------

    def _share_action_url(self) -> str:
        """``/shares/{share_id}/action``."""
        if not self.share_id:
            raise exceptions.InvalidRequest(
                "An access rule needs share_id for this operation."
            )
        return str(utils.urljoin("/shares", self.share_id, "action"))

    def create(
        self, session: adapter.Adapter, *args: Any, **kwargs: Any
    ) -> Self:
        """Grant the rule (share action ``allow_access``, 2.7; 200).

        :param session: The adapter of the shared-file-system service.
        :returns: This rule, as the server answered.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.7, or
            below the version a given field needs (``metadata`` 2.45,
            ``lock_*`` 2.82).
        :raises: :class:`~openstack.exceptions.HttpException` subclasses
            on an error response.
        """
        microversion = self._microversion_for(
            session, "2.7", "Granting access"
        )
        attributes = self._body.attributes
        body: dict[str, Any] = {
            field: attributes[field]
            for field in _GRANT_FIELDS
            if attributes.get(field) is not None
        }
        _base.require_for_fields(
            session,
            body,
            _GRANT_FIELD_VERSIONS,
            "Granting access with {field}",
        )
        response = session.post(
            self._share_action_url(),
            json={"allow_access": body},
            microversion=microversion,
        )
        exceptions.raise_from_response(response)
        self.microversion = microversion
        self._translate_response(response)
        return self

    def delete(
        self,
        session: adapter.Adapter,
        error_message: str | None = None,
        *,
        unrestrict: bool = False,
        **kwargs: Any,
    ) -> Self:
        """Revoke the rule (share action ``deny_access``, 2.7; 202).

        :param session: The adapter of the shared-file-system service.
        :param error_message: Unused; kept for openstacksdk compatibility.
        :param unrestrict: Also remove the deletion locks placed by the
            caller (2.82).
        :returns: This rule.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.7, or
            below 2.82 with ``unrestrict``.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            rule or share does not exist.
        """
        microversion = self._microversion_for(
            session, "2.82" if unrestrict else "2.7", "Revoking access"
        )
        body: dict[str, Any] = {"access_id": self.id}
        if unrestrict:
            body["unrestrict"] = True
        response = session.post(
            self._share_action_url(),
            json={"deny_access": body},
            microversion=microversion,
        )
        exceptions.raise_from_response(response)
        return self

    # -- update and metadata --------------------------------------------

    def update_access_level(
        self, session: adapter.Adapter, access_level: str
    ) -> Self:
        """Change the rule's level (``PUT /share-access-rules/{id}``, 2.88).

        :param session: The adapter of the shared-file-system service.
        :param access_level: ``rw`` or ``ro``.
        :returns: This rule, as the server answered.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.88.
        """
        microversion = self._microversion_for(
            session, "2.88", "Updating an access rule"
        )
        url = self._prepare_request(requires_id=True).url
        response = session.put(
            url,
            json={"update_access": {"access_level": access_level}},
            microversion=microversion,
        )
        exceptions.raise_from_response(response)
        self._translate_response(response)
        return self

    def _metadata_url(self, key: str | None = None) -> str:
        url: str = utils.urljoin(
            self._prepare_request(requires_id=True).url, "metadata"
        )
        return url if key is None else str(utils.urljoin(url, key))

    def set_metadata(
        self, session: adapter.Adapter, metadata: dict[str, str]
    ) -> Self:
        """Add or change metadata items (``PUT .../metadata``, 2.45).

        Manila merges the given items into the rule's metadata.

        :param session: The adapter of the shared-file-system service.
        :param metadata: Items to set.
        :returns: This rule, with :attr:`metadata` merged.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.45.
        """
        microversion = self._microversion_for(
            session, _LIST_VERSION, "Access rule metadata"
        )
        response = session.put(
            self._metadata_url(),
            json={"metadata": dict(metadata)},
            microversion=microversion,
        )
        exceptions.raise_from_response(response)
        answer = response.json().get("metadata") if response.content else None
        merged = {**(self.metadata or {}), **(answer or metadata)}
        self._body.attributes.update({"metadata": merged})
        self._body.clean(only={"metadata"})
        return self

    def delete_metadata_item(self, session: adapter.Adapter, key: str) -> Self:
        """Delete one metadata item (``DELETE .../metadata/{key}``, 2.45).

        :param session: The adapter of the shared-file-system service.
        :param key: The metadata key.
        :returns: This rule, without ``key`` in :attr:`metadata`.
        :raises: :class:`~openstack.exceptions.NotFoundException` when the
            key does not exist.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.45.
        """
        microversion = self._microversion_for(
            session, _LIST_VERSION, "Access rule metadata"
        )
        response = session.delete(
            self._metadata_url(key), microversion=microversion
        )
        exceptions.raise_from_response(response)
        metadata = dict(self.metadata or {})
        metadata.pop(key, None)
        self._body.attributes.update({"metadata": metadata})
        self._body.clean(only={"metadata"})
        return self
