"""Plays manila/api/v2/metadata.py's MetadataController: the metadata
routines that snapshots (2.73) and replicas (2.95) share.

``GET`` all, ``GET`` one key, ``POST`` merge / ``PUT`` replace (answering
what was sent), ``POST`` one key with ``{"metadata": {key: value}}`` and
``DELETE`` one key, each under the resource's own policies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api.common import check_metadata
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

ITEM_NOT_FOUND = "MetadataItemNotFound: Metadata item is not found."


def body_metadata(body: Any) -> dict[str, str]:
    """The checked ``metadata`` object of a request body."""
    if not isinstance(body, dict) or not isinstance(
        body.get("metadata"), dict
    ):
        raise errors.BadRequest("Malformed request body")
    return check_metadata(body["metadata"])


@dataclass(frozen=True)
class MetadataRules:
    """Metadata of the records of one table."""

    table: str
    #: the record a caller may see (raising Manila's 404 otherwise)
    target: Callable[[Cloud, Context, str], Record]
    get_policy: str
    update_policy: str
    delete_policy: str

    def get(self, cloud: Cloud, ctx: Context, rid: str) -> dict[str, str]:
        """All metadata of a record."""
        policy.authorize(ctx, self.get_policy)
        return dict(self.target(cloud, ctx, rid).get("metadata") or {})

    def get_item(
        self, cloud: Cloud, ctx: Context, rid: str, key: str
    ) -> dict[str, str]:
        """One item, as ``{key: value}``."""
        metadata = self.get(cloud, ctx, rid)
        if key not in metadata:
            raise errors.NotFound(ITEM_NOT_FOUND)
        return {key: metadata[key]}

    def set(
        self, cloud: Cloud, ctx: Context, rid: str, body: Any, replace: bool
    ) -> dict[str, str]:
        """Merge (POST) or replace (PUT); answers the metadata sent."""
        policy.authorize(ctx, self.update_policy)
        metadata = body_metadata(body)
        with cloud.store.lock:
            record = self.target(cloud, ctx, rid)
            new = {} if replace else dict(record.get("metadata") or {})
            new.update(metadata)
            cloud.store.update(self.table, record["id"], metadata=new)
        return metadata

    def set_item(
        self, cloud: Cloud, ctx: Context, rid: str, key: str, body: Any
    ) -> dict[str, str]:
        """``POST .../metadata/{key}`` with ``{"metadata": {key: value}}``."""
        policy.authorize(ctx, self.update_policy)
        item = body_metadata(body)
        if key not in item:
            raise errors.BadRequest("Request body and URI mismatch")
        if len(item) > 1:
            raise errors.BadRequest("Request body contains too many items")
        with cloud.store.lock:
            record = self.target(cloud, ctx, rid)
            new = dict(record.get("metadata") or {})
            new.update(item)
            cloud.store.update(self.table, record["id"], metadata=new)
        return item

    def delete_item(
        self, cloud: Cloud, ctx: Context, rid: str, key: str
    ) -> None:
        """Remove one key; 404 when it is not there."""
        policy.authorize(ctx, self.delete_policy)
        with cloud.store.lock:
            record = self.target(cloud, ctx, rid)
            metadata = dict(record.get("metadata") or {})
            if key not in metadata:
                raise errors.NotFound(ITEM_NOT_FOUND)
            del metadata[key]
            cloud.store.update(self.table, record["id"], metadata=metadata)
