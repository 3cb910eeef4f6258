"""Resource locks (Manila v2, 2.81): ``/resource-locks``.

Plays ``manila/api/v2/resource_locks.py`` and its view: a lock keeps a
share from being deleted (which covers soft delete and unmanage), or an
access rule from being deleted or fully shown (2.82), until the lock is
removed.
"""

from __future__ import annotations

from openstack import resource

from openstack_sfs.v2 import _base

#: Microversion the resource lock API appeared in.
MIN_MICROVERSION = "2.81"
#: Lockable resource types and the actions each can lock.
ACTIONS = {"share": ("delete",), "access_rule": ("delete", "show")}


class ResourceLock(_base.ManilaResource):
    """A lock on an action of a share or an access rule."""

    resource_key = "resource_lock"
    resources_key = "resource_locks"
    base_path = "/resource-locks"

    _query_mapping = resource.QueryParameters(
        "all_projects",
        "created_before",
        "created_since",
        "id",
        "limit",
        "lock_context",
        "lock_reason",
        "lock_reason~",
        "offset",
        "project_id",
        "resource_action",
        "resource_id",
        "resource_type",
        "sort_dir",
        "sort_key",
        "user_id",
        "with_count",
        include_pagination_defaults=False,
    )

    #: fields a create needs (one of each group); see _strict
    _create_requires = (("resource_id",),)

    allow_create = True
    allow_fetch = True
    allow_commit = True
    allow_delete = True
    allow_list = True
    allow_head = False

    commit_method = "PUT"

    _max_microversion = MIN_MICROVERSION

    #: When the lock was created (ISO 8601).
    created_at = resource.Body("created_at", type=str)
    #: Links to the lock.
    links = resource.Body("links", type=list)
    #: Who placed it: ``user``, ``admin`` or ``service``; a user cannot
    #: change or remove an ``admin`` or ``service`` lock.
    lock_context = resource.Body("lock_context", type=str)
    #: Why the resource is locked (up to 1023 characters).
    lock_reason = resource.Body("lock_reason", type=str)
    #: Project of the user who placed the lock.
    project_id = resource.Body("project_id", type=str)
    #: The locked action: ``delete`` (shares, access rules) or ``show``
    #: (access rules).
    resource_action = resource.Body("resource_action", type=str)
    #: Id of the locked resource.
    resource_id = resource.Body("resource_id", type=str)
    #: ``share`` or ``access_rule``.
    resource_type = resource.Body("resource_type", type=str)
    #: When the lock was last updated (ISO 8601).
    updated_at = resource.Body("updated_at", type=str)
    #: User who placed the lock.
    user_id = resource.Body("user_id", type=str)
