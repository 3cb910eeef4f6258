"""Plays manila/transfer/api.py and the transfer part of manila's DB API:
share transfers (2.77).

Records live in table ``share_transfers``. Manila's share manager drops
expired transfers periodically; here every transfer call first drops the
ones whose wall-clock expiry (creation + ``RETENTION_SECONDS``) has
passed, putting their shares back to ``available``.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import os
import time
from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api import common, indexes, quotas
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

TABLE = "share_transfers"
#: Manila's ``transfer_retention_time`` default (seconds)
RETENTION_SECONDS = 300
#: list filters Manila's DB accepts (after ``name`` -> display name)
LEGAL_FILTERS = (
    "name",
    "name~",
    "id",
    "resource_type",
    "resource_id",
    "source_project_id",
    "destination_project_id",
)


def _random_hex(length: int) -> str:
    text = ""
    while len(text) < length:
        text += hashlib.sha256(os.urandom(255)).hexdigest()
    return text[:length]


def _crypt(salt: str, auth_key: str) -> str:
    return hmac.new(
        salt.encode(), auth_key.encode(), hashlib.sha256
    ).hexdigest()


def expire(cloud: Cloud, now: float | None = None) -> None:
    """Drop expired transfers; their shares become ``available``."""
    moment = time.time() if now is None else now
    with cloud.store.lock:
        for transfer in cloud.store.select(TABLE):
            if transfer["_expires_ts"] > moment:
                continue
            _destroy(cloud, transfer)


def _destroy(cloud: Cloud, transfer: Record) -> None:
    share = cloud.store.get("shares", transfer["resource_id"])
    if share is not None and share["status"] == "awaiting_transfer":
        cloud.store.update("shares", share["id"], status="available")
    cloud.store.delete(TABLE, transfer["id"])


def _not_found_text(transfer_id: str) -> str:
    return f"Transfer {transfer_id} could not be found."


def _not_found(transfer_id: str) -> errors.NotFound:
    """TransferNotFound, uncaught by show and delete: Manila's fault
    wrapper prefixes the class name."""
    return errors.NotFound(f"TransferNotFound: {_not_found_text(transfer_id)}")


def get_transfer(cloud: Cloud, ctx: Context, transfer_id: str) -> Record:
    """A transfer; non-admins see those of their project's shares."""
    expire(cloud)
    transfer = cloud.store.get(TABLE, transfer_id)
    if transfer is None:
        raise _not_found(transfer_id)
    if not ctx.is_admin:
        share = cloud.store.get("shares", transfer["resource_id"])
        if share is None or share["project_id"] != ctx.project_id:
            raise _not_found(transfer_id)
    return transfer


def list_transfers(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """Transfers after Manila's filters, sort, offset and limit."""
    policy.authorize(ctx, "share_transfer:get_all")
    expire(cloud)
    opts = dict(query)
    all_tenants = _bool_param(opts.pop("all_tenants", "false"))
    if not (
        all_tenants and policy.allowed(ctx, "share_transfer:get_all_tenant")
    ):
        opts["source_project_id"] = ctx.project_id
    rows = cloud.store.select(TABLE)
    for key in LEGAL_FILTERS:
        if key not in opts:
            continue
        value = opts[key]
        if key == "name~":
            rows = [r for r in rows if value in str(r.get("name") or "")]
        else:
            rows = [r for r in rows if str(r.get(key)) == value]
    paging: dict[str, str] = {
        k: opts[k]
        for k in ("sort_key", "sort_dir", "limit", "offset")
        if k in opts
    }
    return common.sort_and_page(rows, paging)


def _bool_param(value: Any) -> bool:
    return str(value).strip().lower() in common.TRUE_STRINGS


def create_transfer(
    cloud: Cloud, ctx: Context, body: Any
) -> tuple[Record, str]:
    """Offer a share: the share goes ``awaiting_transfer``.

    :returns: The transfer and its one-time ``auth_key``.
    """
    policy.authorize(ctx, "share_transfer:create")
    if not isinstance(body, dict) or not isinstance(
        body.get("transfer"), dict
    ):
        raise errors.BadRequest("'transfer' is missing from the request body.")
    values = body["transfer"]
    share_id = values.get("share_id")
    if not share_id:
        raise errors.BadRequest("Must supply 'share_id' attribute.")
    if not isinstance(share_id, str) or not common.is_uuid(share_id):
        raise errors.BadRequest("The 'share_id' attribute must be a uuid.")
    name = values.get("name")
    if name is not None:
        if not isinstance(name, str):
            # Manila's name.strip() fails here with a 500; the fake never
            # answers 500 for bad input
            raise errors.BadRequest("Transfer name must be a string.")
        name = name.strip()
    expire(cloud)
    with cloud.store.lock:
        share = cloud.store.get("shares", share_id)
        if share is None or not (
            ctx.is_admin
            or share["project_id"] == ctx.project_id
            or share.get("is_public")
        ):
            raise errors.BadRequest(
                "Invalid share: Share specified was not found."
            )
        policy.authorize(ctx, "share_transfer:create", share["project_id"])
        mount_point = share.get("mount_point_name")
        if mount_point and str(mount_point).startswith(share["project_id"]):
            # exception.Invalid's message has no %(reason)s
            raise errors.BadRequest("Unacceptable parameters.")
        _check_share(cloud, share)
        salt = _random_hex(8)
        auth_key = _random_hex(16)
        now = time.time()
        expires = datetime.datetime.fromtimestamp(
            now + RETENTION_SECONDS, datetime.UTC
        ).replace(tzinfo=None)
        transfer = cloud.store.insert(
            TABLE,
            {
                "name": name,
                "resource_type": "share",
                "resource_id": share_id,
                "source_project_id": share["project_id"],
                "destination_project_id": None,
                "accepted": False,
                "salt": salt,
                "crypt_hash": _crypt(salt, auth_key),
                "expires_at": expires.isoformat(timespec="microseconds"),
                "_expires_ts": now + RETENTION_SECONDS,
            },
        )
        cloud.store.update("shares", share_id, status="awaiting_transfer")
    return transfer, auth_key


def _check_share(cloud: Cloud, share: Record) -> None:
    if share["status"] != "available":
        raise errors.BadRequest(
            "Invalid share: Share's status must be available."
        )
    if share.get("share_network_id"):
        raise errors.BadRequest(
            "Invalid share: Shares exported over share networks cannot be "
            "transferred."
        )
    if share.get("share_group_id"):
        raise errors.BadRequest(
            "Invalid share: Shares within share groups cannot be transferred."
        )
    if share.get("has_replicas"):
        raise errors.BadRequest(
            "Invalid share: Shares with replicas cannot be transferred."
        )
    for snapshot in _snapshots(cloud, share["id"]):
        if snapshot["status"] != "available":
            raise errors.BadRequest(
                f"Invalid snapshot: Snapshot: {snapshot['id']} status must "
                "be available"
            )


def _snapshots(cloud: Cloud, share_id: str) -> list[Record]:
    return cloud.store.lookup("snapshots", indexes.SHARE, share_id)


def delete_transfer(cloud: Cloud, ctx: Context, transfer_id: str) -> None:
    """Cancel a transfer; the share becomes ``available`` again."""
    with cloud.store.lock:
        transfer = get_transfer(cloud, ctx, transfer_id)
        policy.authorize(
            ctx, "share_transfer:delete", transfer["source_project_id"]
        )
        share = cloud.store.get("shares", transfer["resource_id"])
        if share is not None and share["status"] != "awaiting_transfer":
            # Manila passes the unformatted template as the reason
            raise errors.BadRequest(
                "Invalid share: Transfer %(transfer_id)s: share id "
                "%(share_id)s expected in awaiting_transfer state."
            )
        _destroy(cloud, transfer)


def accept_transfer(
    cloud: Cloud, ctx: Context, transfer_id: str, body: Any
) -> None:
    """Move the share of a transfer to the caller's project."""
    policy.authorize(ctx, "share_transfer:accept")
    if not isinstance(body, dict) or not isinstance(body.get("accept"), dict):
        raise errors.BadRequest("'accept' is missing from the request body.")
    values = body["accept"]
    auth_key = values.get("auth_key")
    if not auth_key:
        raise errors.BadRequest(
            "Must supply 'auth_key' while accepting a share transfer."
        )
    clear_rules = values.get("clear_access_rules", False)
    if clear_rules:
        if isinstance(clear_rules, bool):
            pass
        elif str(clear_rules).strip().lower() in common.TRUE_STRINGS:
            clear_rules = True
        elif str(clear_rules).strip().lower() in common.FALSE_STRINGS:
            clear_rules = False
        else:
            raise errors.BadRequest(
                f"Invalid boolean clear_access_rules : {clear_rules}"
            )
    expire(cloud)
    with cloud.store.lock:
        transfer = cloud.store.get(TABLE, transfer_id)
        if transfer is None:
            raise errors.BadRequest(_not_found_text(transfer_id))
        if not hmac.compare_digest(
            _crypt(transfer["salt"], str(auth_key)), transfer["crypt_hash"]
        ):
            raise errors.BadRequest(
                f"Invalid auth key: Attempt to transfer {transfer_id} with "
                "invalid auth key."
            )
        share = cloud.store.get("shares", transfer["resource_id"])
        if share is None:
            raise errors.BadRequest(
                "Invalid share: Share specified was not found."
            )
        if share["status"] != "awaiting_transfer":
            raise errors.BadRequest(
                f"Invalid share: Transfer {transfer_id}: share id "
                f"{share['id']} expected in awaiting_transfer state."
            )
        _check_type_access(cloud, ctx, share)
        size = int(share.get("size") or 0)
        quotas.check(
            cloud,
            ctx.project_id,
            {"per_share_gigabytes": size, "shares": 1, "gigabytes": size},
            share_type_id=share.get("share_type_id"),
            user_id=ctx.user_id,
        )
        snapshots = _snapshots(cloud, share["id"])
        for snapshot in snapshots:
            if snapshot.get("status") and snapshot["status"] != "available":
                raise errors.BadRequest(
                    f"Invalid snapshot: Transfer {transfer_id}: Snapshot "
                    f"{snapshot['id']} is not in the expected available "
                    "state."
                )
        if snapshots:
            quotas.check(
                cloud,
                ctx.project_id,
                {
                    "snapshots": len(snapshots),
                    "snapshot_gigabytes": sum(
                        int(s.get("size") or 0) for s in snapshots
                    ),
                },
                user_id=ctx.user_id,
            )
        if clear_rules:
            for rule in cloud.store.lookup(
                "access_rules", indexes.SHARE, share["id"]
            ):
                cloud.store.delete("access_rules", rule["id"])
        owner = {"project_id": ctx.project_id, "user_id": ctx.user_id}
        cloud.store.update("shares", share["id"], status="available", **owner)
        for rule in cloud.store.lookup(
            "access_rules", indexes.SHARE, share["id"]
        ):
            cloud.store.update("access_rules", rule["id"], **owner)
        for snapshot in snapshots:
            cloud.store.update("snapshots", snapshot["id"], **owner)
        cloud.store.delete(TABLE, transfer["id"])


def _check_type_access(cloud: Cloud, ctx: Context, share: Record) -> None:
    share_type = cloud.store.get(
        "share_types", share.get("share_type_id") or ""
    )
    if share_type is None or share_type.get("is_public", True):
        return
    if ctx.project_id not in (share_type.get("projects") or []):
        raise errors.BadRequest(
            f"Invalid share: Share type of share {share['id']} is not "
            "public, and current project can not access the share type ."
        )
