"""Security services (Manila v2): ``/security-services``.

Plays ``manila/api/v2/security_service.py`` and its view: the Active
Directory, LDAP or Kerberos settings a share network hands to the share
servers it creates.
"""

from __future__ import annotations

from typing import ClassVar

from openstack import resource

from openstack_sfs.v2 import _base

#: The security service types Manila accepts.
TYPES = ("active_directory", "ldap", "kerberos")
#: Microversion of the ``ou`` field.
OU_MICROVERSION = "2.44"
#: Microversion of the ``default_ad_site`` field.
DEFAULT_AD_SITE_MICROVERSION = "2.76"
#: Microversion of the share network update and check actions.
UPDATE_ON_NETWORK_MICROVERSION = "2.63"


class SecurityService(_base.ManilaResource):
    """An Active Directory, LDAP or Kerberos service of a project."""

    resource_key = "security_service"
    resources_key = "security_services"
    base_path = "/security-services"

    _query_mapping = resource.QueryParameters(
        "all_tenants",
        "default_ad_site",
        "dns_ip",
        "domain",
        "id",
        "limit",
        "name",
        "offset",
        "ou",
        "server",
        "share_network_id",
        "type",
        "user",
        include_pagination_defaults=False,
    )

    #: fields a create needs (one of each group); see _strict
    _create_requires = (("type",),)

    allow_create = True
    allow_fetch = True
    allow_commit = True
    allow_delete = True
    allow_list = True
    allow_head = False

    commit_method = "PUT"

    _max_microversion = "2.76"
    #: Filters on fields newer than the server (python-manilaclient
    #: gates them the same way). Manila matches ``ou`` and
    #: ``default_ad_site`` for admins only; for other users it drops
    #: every filter but name, id, type, user, server, dns_ip and domain.
    _filter_microversions: ClassVar[dict[str, str]] = {
        "ou": OU_MICROVERSION,
        "default_ad_site": DEFAULT_AD_SITE_MICROVERSION,
    }

    #: When the service was created (ISO 8601).
    created_at = resource.Body("created_at", type=str)
    #: Default Active Directory site (2.76); excludes ``server``.
    default_ad_site = resource.Body("default_ad_site", type=str)
    #: Free text about the service.
    description = resource.Body("description", type=str)
    #: DNS server address the share servers use.
    dns_ip = resource.Body("dns_ip", type=str)
    #: Domain of the service.
    domain = resource.Body("domain", type=str)
    #: Name of the service.
    name = resource.Body("name", type=str)
    #: Organizational unit (2.44).
    ou = resource.Body("ou", type=str)
    #: Password of ``user``; Manila shows it back in detailed views.
    password = resource.Body("password", type=str)
    #: Project the service belongs to.
    project_id = resource.Body("project_id", type=str)
    #: Address of the service's server.
    server = resource.Body("server", type=str)
    #: Ids of the share networks using the service (detailed lists only).
    share_networks = resource.Body("share_networks", type=list)
    #: Always ``new``: Manila keeps the field for compatibility.
    status = resource.Body("status", type=str)
    #: ``active_directory``, ``ldap`` or ``kerberos``.
    type = resource.Body("type", type=str)
    #: When the service was last updated (ISO 8601).
    updated_at = resource.Body("updated_at", type=str)
    #: User name the share servers use with the service.
    user = resource.Body("user", type=str)
