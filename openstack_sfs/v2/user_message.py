"""User messages (Manila v2, 2.37): ``/messages``.

Plays ``manila/api/v2/messages.py`` and its view: asynchronous errors
(for example "no valid host") reported to the project.
"""

from __future__ import annotations

from openstack import resource

from openstack_sfs.v2 import _base

#: Microversion the messages API appeared in.
MIN_MICROVERSION = "2.37"
#: Microversion of the ``created_since`` / ``created_before`` filters.
TIME_FILTER_MICROVERSION = "2.52"


class UserMessage(_base.ManilaResource):
    """A message Manila left for the project about a failed action."""

    resource_key = "message"
    resources_key = "messages"
    base_path = "/messages"

    _query_mapping = resource.QueryParameters(
        "action_id",
        "created_before",
        "created_since",
        "detail_id",
        "limit",
        "message_level",
        "offset",
        "request_id",
        "resource_id",
        "resource_type",
        "sort_dir",
        "sort_key",
        include_pagination_defaults=False,
    )

    allow_create = False
    allow_fetch = True
    allow_commit = False
    allow_delete = True
    allow_list = True
    allow_head = False

    _max_microversion = "2.52"

    #: Id of the action that failed, such as ``001`` (allocate host).
    action_id = resource.Body("action_id", type=str)
    #: When the message was created (ISO 8601).
    created_at = resource.Body("created_at", type=str)
    #: Id of the failure detail, such as ``002`` (no valid host).
    detail_id = resource.Body("detail_id", type=str)
    #: When the message expires (ISO 8601).
    expires_at = resource.Body("expires_at", type=str)
    #: Links to the message.
    links = resource.Body("links", type=list)
    #: Level of the message; Manila writes ``ERROR``.
    message_level = resource.Body("message_level", type=str)
    #: Project the message belongs to.
    project_id = resource.Body("project_id", type=str)
    #: Id of the request that failed.
    request_id = resource.Body("request_id", type=str)
    #: Id of the resource concerned.
    resource_id = resource.Body("resource_id", type=str)
    #: Type of the resource concerned, such as ``SHARE``.
    resource_type = resource.Body("resource_type", type=str)
    #: Human-readable text: "<action>: <detail>".
    user_message = resource.Body("user_message", type=str)
