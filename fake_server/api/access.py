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
        # ("syncing" as "new"); _legacy_states fills it in where the
        # share is known, this is the fallback
        mapping = {
            "queued_to_apply": "new",
            "applying": "new",
            "queued_to_deny": "active",
            "denying": "active",
        }
        return mapping.get(str(state), state)
    return state


def _legacy_states(
    req: ApiRequest, share: Rec | None, views: list[Rec]
) -> list[Rec]:
    """Before 2.28 every rule shows its share's ``access_rules_status``.

    Manila's view (translate_transitional_statuses) shows ``new`` while
    the share is ``syncing``, else the share's status itself.
    """
    if req.at_least("2.28") or share is None:
        return views
    status = share.get("access_rules_status")
    state = "new" if status == "syncing" else status
    for view in views:
        view["state"] = state
    return views


def _share_for_action(req: ApiRequest) -> Rec:
    """The share of an access action, or the 404 Manila answers.

    Manila's access actions let share/api.py's NotFound escape the
    controller; its fault middleware then prefixes the exception's class
    name. Manila 23's ``db.share_get`` raises a bare ``NotFound`` for a
    share that does not exist, as ``share_api.get`` does for one the
    caller may not see: ``NotFound: Resource could not be found.`` both.
    """
    share_id = req.params["share_id"]
    try:
        return share_api.get(req.cloud, req.ctx, share_id)
    except errors.NotFound as exc:
        raise errors.NotFound(
            "NotFound: Resource could not be found."
        ) from exc


def _hidden(name: str) -> Any:
    """The field, or ``******`` where a visibility lock restricts the
    rule for the caller (``_redact_restricted_fields``)."""

    def source(record: Rec, ctx: Context) -> Any:
        if record.get("restricted"):
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
    _share_for_action(req)
    rule = share_api.allow_access(
        req.cloud, req.ctx, req.params["share_id"], params
    )
    share = req.cloud.store.get("shares", req.params["share_id"])
    view = _legacy_states(req, share, [render(rule, RULE, req.ctx)])[0]
    return Reply(200, {"access": view})


def deny_access(req: ApiRequest) -> Reply:
    """POST /shares/{id}/action {"deny_access": ...} (202)."""
    body = req.body_of(next(iter(req.body())))
    params = dict(body)
    if not req.at_least("2.82"):
        params.pop("unrestrict", None)
    _share_for_action(req)
    access_id = params.get("access_id")
    rule = req.cloud.store.get("access_rules", str(access_id))
    if access_id and (
        rule is None or rule["share_id"] != req.params["share_id"]
    ):
        # share/api.py access_get's bare NotFound, re-raised with its text
        raise errors.NotFound("Resource could not be found.")
    share_api.deny_access(req.cloud, req.ctx, req.params["share_id"], params)
    return Reply(202)


def access_list(req: ApiRequest) -> Reply:
    """POST /shares/{id}/action {"access_list": null} (until 2.44)."""
    share = _share_for_action(req)
    rules = share_api.access_rules(
        req.cloud, req.ctx, req.params["share_id"], {}
    )
    # this list (access_get_all) never redacts locked rules
    views = [render(dict(r, restricted=False), LISTED, req.ctx) for r in rules]
    return Reply(200, {"access_list": _legacy_states(req, share, views)})


def index(req: ApiRequest) -> Reply:
    """GET /share-access-rules?share_id=... (2.45)."""
    query = req.flat_query()
    if "share_id" not in query:
        raise errors.BadRequest("The field 'share_id' has to be specified.")
    share_id = query.pop("share_id")
    try:
        share_api.get(req.cloud, req.ctx, share_id)
    except errors.NotFound as exc:
        # Manila answers an unknown share here with 400, not 404
        raise errors.BadRequest(f"Share {share_id} not found.") from exc
    rules = share_api.access_rules(req.cloud, req.ctx, share_id, query)
    return Reply(
        200, {"access_list": [render(r, LISTED, req.ctx) for r in rules]}
    )


def show(req: ApiRequest) -> Reply:
    """GET /share-access-rules/{access_id} (2.45)."""
    access_id = req.params["access_id"]
    try:
        rule = share_api.get_access_rule(req.cloud, req.ctx, access_id)
    except errors.NotFound as exc:
        raise errors.NotFound(
            f"Share access rule {access_id} not found."
        ) from exc
    return Reply(200, {"access": render(rule, RULE, req.ctx)})
