"""Plays manila/api/v2/shares.py (allow/deny) and share_accesses.py."""

from __future__ import annotations

from typing import Any

from fake_server import errors
from fake_server.api.views import F, render
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import shares as share_api

Rec = dict[str, Any]


def _state(record: Rec, ctx: Context) -> Any:
    state = record.get("state")
    if ctx.version < "2.28":
        # before 2.28 a rule shows its share's access_rules_status
        mapping = {
            "queued_to_apply": "new",
            "applying": "new",
            "queued_to_deny": "active",
            "denying": "active",
        }
        return mapping.get(str(state), state)
    return state


def _hidden(name: str) -> Any:
    def source(record: Rec, ctx: Context) -> Any:
        if (
            record.get("lock_visibility")
            and not ctx.is_admin
            and (record.get("user_id") not in (None, ctx.user_id))
        ):
            return "******"
        return record.get(name)

    return source


def _metadata(record: Rec, ctx: Context) -> Any:
    return dict(record.get("metadata") or {})


#: the rule as allow_access and GET /share-access-rules/{id} show it
RULE = (
    F("id"),
    F("share_id"),
    F("access_level"),
    F("access_to", source=_hidden("access_to")),
    F("access_type"),
    F("state", source=_state),
    F("access_key", "2.21", source=_hidden("access_key")),
    F("created_at", "2.33"),
    F("updated_at", "2.33"),
    F("metadata", "2.45", source=_metadata),
    F("lock_visibility", "2.82"),
    F("lock_deletion", "2.82"),
    F("lock_reason", "2.82"),
)
#: the rule in list views (no share_id, as Manila's list view)
LISTED = tuple(f for f in RULE if f.name not in ("share_id",))


def allow_access(req: ApiRequest) -> Reply:
    """POST /shares/{id}/action {"allow_access": ...} (200)."""
    body = req.body_of(next(iter(req.body())))
    params = dict(body)
    if not req.at_least("2.45"):
        params.pop("metadata", None)
    if not req.at_least("2.82"):
        for key in ("lock_visibility", "lock_deletion", "lock_reason"):
            params.pop(key, None)
    rule = share_api.allow_access(
        req.cloud, req.ctx, req.params["share_id"], params
    )
    return Reply(200, {"access": render(rule, RULE, req.ctx)})


def deny_access(req: ApiRequest) -> Reply:
    """POST /shares/{id}/action {"deny_access": ...} (202)."""
    body = req.body_of(next(iter(req.body())))
    params = dict(body)
    if not req.at_least("2.82"):
        params.pop("unrestrict", None)
    share_api.deny_access(req.cloud, req.ctx, req.params["share_id"], params)
    return Reply(202)


def access_list(req: ApiRequest) -> Reply:
    """POST /shares/{id}/action {"access_list": null} (until 2.44)."""
    rules = share_api.access_rules(
        req.cloud, req.ctx, req.params["share_id"], {}
    )
    return Reply(
        200, {"access_list": [render(r, LISTED, req.ctx) for r in rules]}
    )


def index(req: ApiRequest) -> Reply:
    """GET /share-access-rules?share_id=... (2.45)."""
    query = req.flat_query()
    share_id = query.pop("share_id", None)
    if not share_id:
        raise errors.BadRequest("The share_id parameter is required.")
    rules = share_api.access_rules(req.cloud, req.ctx, share_id, query)
    return Reply(
        200, {"access_list": [render(r, LISTED, req.ctx) for r in rules]}
    )


def show(req: ApiRequest) -> Reply:
    """GET /share-access-rules/{access_id} (2.45)."""
    rule = share_api.get_access_rule(
        req.cloud, req.ctx, req.params["access_id"]
    )
    return Reply(200, {"access": render(rule, RULE, req.ctx)})
