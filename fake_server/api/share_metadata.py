"""Plays manila/api/v2/metadata.py for shares (2.0) and export
locations (2.87): list, merge, replace, item show/update/delete."""

from __future__ import annotations

from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.share_api import share_actions as api

# -- shares ----------------------------------------------------------------


def index(req: ApiRequest) -> Reply:
    """GET /shares/{share_id}/metadata"""
    metadata = api.get_share_metadata(
        req.cloud, req.ctx, req.params["share_id"]
    )
    return Reply(200, {"metadata": metadata})


def create(req: ApiRequest) -> Reply:
    """POST /shares/{share_id}/metadata (merge)"""
    metadata = api.update_share_metadata(
        req.cloud,
        req.ctx,
        req.params["share_id"],
        req.body(),
        replace=False,
    )
    return Reply(200, {"metadata": metadata})


def update_all(req: ApiRequest) -> Reply:
    """PUT /shares/{share_id}/metadata (replace)"""
    metadata = api.update_share_metadata(
        req.cloud,
        req.ctx,
        req.params["share_id"],
        req.body(),
        replace=True,
    )
    return Reply(200, {"metadata": metadata})


def show(req: ApiRequest) -> Reply:
    """GET /shares/{share_id}/metadata/{key}: ``{"meta": {k: v}}``."""
    item = api.get_share_metadata_item(
        req.cloud, req.ctx, req.params["share_id"], req.params["key"]
    )
    return Reply(200, {"meta": item})


def update_item(req: ApiRequest) -> Reply:
    """POST /shares/{share_id}/metadata/{key} (manila 23's quirks)."""
    metadata = api.update_share_metadata_item(
        req.cloud,
        req.ctx,
        req.params["share_id"],
        req.params["key"],
        req.body(),
    )
    return Reply(200, {"metadata": metadata})


def delete(req: ApiRequest) -> Reply:
    """DELETE /shares/{share_id}/metadata/{key}: 200, empty body."""
    api.delete_share_metadata_item(
        req.cloud, req.ctx, req.params["share_id"], req.params["key"]
    )
    return Reply(200)


# -- export locations (2.87) -----------------------------------------------


def _el(req: ApiRequest) -> tuple[str, str]:
    return req.params["share_id"], req.params["export_location_id"]


def el_index(req: ApiRequest) -> Reply:
    """GET .../export_locations/{id}/metadata: 400 always, as manila 23."""
    share_id, el_id = _el(req)
    metadata = api.get_el_metadata(req.cloud, req.ctx, share_id, el_id)
    return Reply(200, {"metadata": metadata})


def el_show(req: ApiRequest) -> Reply:
    """GET .../export_locations/{id}/metadata/{key}"""
    share_id, el_id = _el(req)
    item = api.get_el_metadata_item(
        req.cloud, req.ctx, share_id, el_id, req.params["key"]
    )
    return Reply(200, {"meta": item})


def el_create(req: ApiRequest) -> Reply:
    """POST .../export_locations/{id}/metadata (merge)"""
    share_id, el_id = _el(req)
    metadata = api.update_el_metadata(
        req.cloud, req.ctx, share_id, el_id, req.body(), replace=False
    )
    return Reply(200, {"metadata": metadata})


def el_update_all(req: ApiRequest) -> Reply:
    """PUT .../export_locations/{id}/metadata (replace)"""
    share_id, el_id = _el(req)
    metadata = api.update_el_metadata(
        req.cloud, req.ctx, share_id, el_id, req.body(), replace=True
    )
    return Reply(200, {"metadata": metadata})


def el_update_item(req: ApiRequest) -> Reply:
    """POST .../export_locations/{id}/metadata/{key}"""
    share_id, el_id = _el(req)
    metadata = api.update_el_metadata(
        req.cloud,
        req.ctx,
        share_id,
        el_id,
        req.body(),
        replace=False,
        key=req.params["key"],
    )
    return Reply(200, {"metadata": metadata})


def el_delete(req: ApiRequest) -> Reply:
    """DELETE .../export_locations/{id}/metadata/{key}: 200."""
    share_id, el_id = _el(req)
    api.delete_el_metadata(
        req.cloud, req.ctx, share_id, el_id, req.params["key"]
    )
    return Reply(200)
