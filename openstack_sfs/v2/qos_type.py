"""QoS types (Manila v2, 2.94): ``/qos-types`` and their specs.

Plays ``manila/api/v2/qos_types.py``, ``qos_type_specs.py`` and their
view: named sets of quality-of-service specs (for example
``peak_iops``) that back-end drivers turn into QoS policies.
"""

from __future__ import annotations

from openstack import resource

from openstack_sfs.v2 import _base

#: Microversion the QoS type API appeared in.
MIN_MICROVERSION = "2.94"


class QosType(_base.ManilaResource):
    """A QoS type: a name, a description and specs."""

    resource_key = "qos_type"
    resources_key = "qos_types"
    base_path = "/qos-types"

    _query_mapping = resource.QueryParameters(
        "description",
        "description~",
        "id",
        "limit",
        "name",
        "name~",
        "offset",
        "sort_dir",
        "sort_key",
        include_pagination_defaults=False,
    )

    #: fields a create needs (one of each group); see _strict
    _create_requires = (("name",),)

    allow_create = True
    allow_fetch = True
    allow_commit = True
    allow_delete = True
    allow_list = True
    allow_head = False

    commit_method = "PUT"

    _max_microversion = MIN_MICROVERSION

    #: When the type was created (ISO 8601).
    created_at = resource.Body("created_at", type=str)
    #: Free text; the only field an update changes.
    description = resource.Body("description", type=str)
    #: Unique name; drivers use it as a template for QoS policy names.
    name = resource.Body("name", type=str)
    #: The QoS specs, key to value.
    specs = resource.Body("specs", type=dict)
    #: When the type was last updated (ISO 8601).
    updated_at = resource.Body("updated_at", type=str)
