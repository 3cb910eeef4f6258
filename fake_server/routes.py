"""Plays manila/api/v2/router.py: THE route table of the Manila API.

Paths are relative to ``/v2`` (the ``/v2/{project_id}`` form is handled
by the HTTP layer). ``R`` declares a route, ``A`` a ``POST .../action``
action; both take the microversion range the operation exists in.
Sections follow Manila's API reference; each area adds its rows in its
own section.
"""

from __future__ import annotations

from fake_server.api import (
    access,
    availability_zones,
    export_locations,
    extensions,
    scheduler_stats,
    services,
    shares,
    snapshots,
    versions,
)
from fake_server.api import limits as limits_api
from fake_server.api import messages as messages_api
from fake_server.api import migration as migration_ctl
from fake_server.api import qos_types as qos_ctl
from fake_server.api import quotas as quotas_api
from fake_server.api import replicas as replicas_ctl
from fake_server.api import resource_locks as locks_ctl
from fake_server.api import security_services as security_ctl
from fake_server.api import share_actions as actions_ctl
from fake_server.api import share_backups as backups_ctl
from fake_server.api import share_groups as groups_ctl
from fake_server.api import share_instances as instances_ctl
from fake_server.api import share_metadata as metadata_ctl
from fake_server.api import share_network_subnets as subnets_ctl
from fake_server.api import share_networks as networks_ctl
from fake_server.api import share_servers as servers_ctl
from fake_server.api import share_transfers as transfers_ctl
from fake_server.api import share_types as types_api
from fake_server.api.wsgi import A, R, Route

SHARE_ACTION = "/shares/{share_id}/action"
INSTANCE_ACTION = "/share_instances/{instance_id}/action"
EL_META = "/shares/{share_id}/export_locations/{export_location_id}/metadata"
SNAPSHOT_ACTION = "/snapshots/{snapshot_id}/action"
SERVER_ACTION = "/share-servers/{server_id}/action"
SUBNETS = "/share-networks/{share_network_id}/subnets"
SUBNET = SUBNETS + "/{subnet_id}"
REPLICA = "/share-replicas/{replica_id}"
REPLICA_ACTION = REPLICA + "/action"
REPLICA_EL = REPLICA + "/export-locations/{export_location_id}"

#: Manila's ``mapper.resource`` collections. routes maps the standard
#: verbs of each (index, create, new, show, update, delete, edit) whether
#: or not the controller has the method; where it has not, or the table
#: below has no row, the answer is Manila's 404 fault. Any other method or
#: path is unrouted (webob's bare 404).
RESOURCES: tuple[str, ...] = (
    "/os-availability-zone",
    "/availability-zones",
    "/os-services",
    "/services",
    "/os-quota-sets",
    "/quota-sets",
    "/os-quota-class-sets",
    "/quota-class-sets",
    "/os-share-manage",
    "/os-share-unmanage",
    "/shares",
    "/share_instances",
    "/snapshots",
    "/snapshot-instances",
    "/limits",
    "/security-services",
    "/share-networks",
    "/share-servers",
    "/types",
    "/types/{type_id}/extra_specs",
    "/share-groups",
    "/share-group-types",
    "/share-group-snapshots",
    "/share-replicas",
    "/share-transfers",
    "/messages",
    "/share-access-rules",
    "/share-backups",
    "/resource-locks",
    "/qos-types",
    "/extensions",
)

ROUTES: list[Route] = [
    # ======== Versions and extensions ========
    # Manila connects "/" with no method condition
    *(
        R(method, "/", versions.index, body="optional")
        for method in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")
    ),
    R("GET", "/extensions", extensions.index),
    R("POST", "/extensions", extensions.create, body="optional"),
    # -- end: versions and extensions --
    # ======== Shares ========
    R("GET", "/shares", shares.index),
    R("GET", "/shares/detail", shares.detail),
    R("POST", "/shares", shares.create),
    R("GET", "/shares/{share_id}", shares.show),
    R("PUT", "/shares/{share_id}", shares.update),
    R("DELETE", "/shares/{share_id}", shares.delete),
    # -- end: shares --
    # ======== Share actions ========
    A(SHARE_ACTION, "allow_access", access.allow_access, "2.7"),
    A(SHARE_ACTION, "os-allow_access", access.allow_access, "2.0", "2.6"),
    A(SHARE_ACTION, "deny_access", access.deny_access, "2.7"),
    A(SHARE_ACTION, "os-deny_access", access.deny_access, "2.0", "2.6"),
    A(SHARE_ACTION, "access_list", access.access_list, "2.7", "2.44"),
    A(SHARE_ACTION, "os-access_list", access.access_list, "2.0", "2.6"),
    A(SHARE_ACTION, "revert", snapshots.revert, "2.27"),
    A(SHARE_ACTION, "extend", actions_ctl.extend, "2.7"),
    A(SHARE_ACTION, "os-extend", actions_ctl.extend, "2.0", "2.6"),
    A(SHARE_ACTION, "shrink", actions_ctl.shrink, "2.7"),
    A(SHARE_ACTION, "os-shrink", actions_ctl.shrink, "2.0", "2.6"),
    A(SHARE_ACTION, "reset_status", actions_ctl.reset_status, "2.7"),
    A(SHARE_ACTION, "os-reset_status", actions_ctl.reset_status, "2.0", "2.6"),
    A(SHARE_ACTION, "force_delete", actions_ctl.force_delete, "2.7"),
    A(SHARE_ACTION, "os-force_delete", actions_ctl.force_delete, "2.0", "2.6"),
    A(
        SHARE_ACTION,
        "reset_task_state",
        actions_ctl.reset_task_state,
        "2.22",
        "2.95",
        experimental=True,
    ),
    A(SHARE_ACTION, "reset_task_state", actions_ctl.reset_task_state, "2.96"),
    A(SHARE_ACTION, "soft_delete", actions_ctl.soft_delete, "2.69"),
    A(SHARE_ACTION, "restore", actions_ctl.restore, "2.69"),
    A(SHARE_ACTION, "unmanage", actions_ctl.unmanage, "2.7"),
    R("POST", "/shares/manage", actions_ctl.manage, "2.7"),
    R("POST", "/os-share-manage", actions_ctl.manage_legacy, "2.0", "2.6"),
    R(
        "POST",
        "/os-share-unmanage/{share_id}/unmanage",
        actions_ctl.unmanage_legacy,
        "2.0",
        "2.6",
        body="none",
    ),
    # -- end: share actions --
    # ======== Share metadata ========
    R("GET", "/shares/{share_id}/metadata", metadata_ctl.index),
    R("POST", "/shares/{share_id}/metadata", metadata_ctl.create),
    R("PUT", "/shares/{share_id}/metadata", metadata_ctl.update_all),
    R("GET", "/shares/{share_id}/metadata/{key}", metadata_ctl.show),
    R("POST", "/shares/{share_id}/metadata/{key}", metadata_ctl.update_item),
    R("DELETE", "/shares/{share_id}/metadata/{key}", metadata_ctl.delete),
    R("GET", EL_META, metadata_ctl.el_index, "2.87"),
    R("POST", EL_META, metadata_ctl.el_create, "2.87"),
    R("PUT", EL_META, metadata_ctl.el_update_all, "2.87"),
    R("GET", EL_META + "/{key}", metadata_ctl.el_show, "2.87"),
    R("POST", EL_META + "/{key}", metadata_ctl.el_update_item, "2.87"),
    R("DELETE", EL_META + "/{key}", metadata_ctl.el_delete, "2.87"),
    # -- end: share metadata --
    # ======== Access rules ========
    R("GET", "/share-access-rules", access.index, "2.45"),
    R("GET", "/share-access-rules/{access_id}", access.show, "2.45"),
    R(
        "PUT",
        "/share-access-rules/{access_id}",
        actions_ctl.update_access,
        "2.88",
    ),
    R(
        "PUT",
        "/share-access-rules/{access_id}/metadata",
        actions_ctl.update_access_metadata,
        "2.45",
        body="optional",
    ),
    R(
        "DELETE",
        "/share-access-rules/{access_id}/metadata/{key}",
        actions_ctl.delete_access_metadata,
        "2.45",
    ),
    # -- end: access rules --
    # ======== Export locations ========
    R(
        "GET",
        "/shares/{share_id}/export_locations",
        export_locations.index,
        "2.9",
    ),
    R(
        "GET",
        "/shares/{share_id}/export_locations/{export_location_id}",
        export_locations.show,
        "2.9",
    ),
    # -- end: export locations --
    # ======== Share instances ========
    R("GET", "/share_instances", instances_ctl.index, "2.3"),
    R("GET", "/share_instances/{instance_id}", instances_ctl.show, "2.3"),
    R("GET", "/shares/{share_id}/instances", instances_ctl.of_share, "2.3"),
    A(INSTANCE_ACTION, "reset_status", instances_ctl.reset_status, "2.7"),
    A(
        INSTANCE_ACTION,
        "os-reset_status",
        instances_ctl.reset_status,
        "2.3",
        "2.6",
    ),
    A(INSTANCE_ACTION, "force_delete", instances_ctl.force_delete, "2.7"),
    A(
        INSTANCE_ACTION,
        "os-force_delete",
        instances_ctl.force_delete,
        "2.3",
        "2.6",
    ),
    R(
        "GET",
        "/share_instances/{instance_id}/export_locations",
        instances_ctl.export_locations_index,
        "2.9",
    ),
    R(
        "GET",
        "/share_instances/{instance_id}/export_locations/{export_location_id}",
        instances_ctl.export_location_show,
        "2.9",
    ),
    # -- end: share instances --
    # ======== Snapshots ========
    R("GET", "/snapshots", snapshots.index),
    R("GET", "/snapshots/detail", snapshots.detail),
    R("POST", "/snapshots", snapshots.create),
    R("POST", "/snapshots/manage", snapshots.manage, "2.12"),
    R("GET", "/snapshots/{snapshot_id}", snapshots.show),
    R("PUT", "/snapshots/{snapshot_id}", snapshots.update),
    R("DELETE", "/snapshots/{snapshot_id}", snapshots.delete),
    A(SNAPSHOT_ACTION, "reset_status", snapshots.reset_status, "2.7"),
    A(
        SNAPSHOT_ACTION,
        "os-reset_status",
        snapshots.reset_status,
        "2.0",
        "2.6",
    ),
    A(SNAPSHOT_ACTION, "force_delete", snapshots.force_delete, "2.7"),
    A(
        SNAPSHOT_ACTION,
        "os-force_delete",
        snapshots.force_delete,
        "2.0",
        "2.6",
    ),
    A(SNAPSHOT_ACTION, "unmanage", snapshots.unmanage, "2.12"),
    A(SNAPSHOT_ACTION, "allow_access", snapshots.allow_access, "2.32"),
    A(SNAPSHOT_ACTION, "deny_access", snapshots.deny_access, "2.32"),
    R(
        "GET",
        "/snapshots/{snapshot_id}/access-list",
        snapshots.access_list,
        "2.32",
    ),
    R(
        "GET",
        "/snapshots/{snapshot_id}/export-locations",
        snapshots.export_locations,
        "2.32",
    ),
    R(
        "GET",
        "/snapshots/{snapshot_id}/export-locations/{export_location_id}",
        snapshots.export_location,
        "2.32",
    ),
    R(
        "GET",
        "/snapshots/{snapshot_id}/metadata",
        snapshots.index_metadata,
        "2.73",
    ),
    R(
        "POST",
        "/snapshots/{snapshot_id}/metadata",
        snapshots.create_metadata,
        "2.73",
    ),
    R(
        "PUT",
        "/snapshots/{snapshot_id}/metadata",
        snapshots.update_all_metadata,
        "2.73",
    ),
    R(
        "GET",
        "/snapshots/{snapshot_id}/metadata/{key}",
        snapshots.show_metadata,
        "2.73",
    ),
    R(
        "POST",
        "/snapshots/{snapshot_id}/metadata/{key}",
        snapshots.update_metadata_item,
        "2.73",
    ),
    R(
        "DELETE",
        "/snapshots/{snapshot_id}/metadata/{key}",
        snapshots.delete_metadata,
        "2.73",
    ),
    R("GET", "/snapshot-instances", snapshots.instance_index, "2.19"),
    R("GET", "/snapshot-instances/detail", snapshots.instance_detail, "2.19"),
    R(
        "GET",
        "/snapshot-instances/{instance_id}",
        snapshots.instance_show,
        "2.19",
    ),
    A(
        "/snapshot-instances/{instance_id}/action",
        "reset_status",
        snapshots.instance_reset_status,
        "2.19",
    ),
    R(
        "GET",
        "/snapshot-instances/{instance_id}/export-locations",
        snapshots.instance_export_locations,
        "2.32",
    ),
    R(
        "GET",
        "/snapshot-instances/{instance_id}/export-locations/"
        "{export_location_id}",
        snapshots.instance_export_location,
        "2.32",
    ),
    # -- end: snapshots --
    # ======== Share servers ========
    R("GET", "/share-servers", servers_ctl.index),
    R("POST", "/share-servers/manage", servers_ctl.manage, "2.49"),
    R("GET", "/share-servers/{server_id}", servers_ctl.show),
    R("GET", "/share-servers/{server_id}/details", servers_ctl.details),
    R("DELETE", "/share-servers/{server_id}", servers_ctl.delete),
    A(SERVER_ACTION, "reset_status", servers_ctl.reset_status, "2.49"),
    A(SERVER_ACTION, "unmanage", servers_ctl.unmanage, "2.49"),
    A(
        SERVER_ACTION,
        "migration_check",
        servers_ctl.migration_check,
        "2.57",
        experimental=True,
    ),
    A(
        SERVER_ACTION,
        "migration_start",
        servers_ctl.migration_start,
        "2.57",
        experimental=True,
    ),
    A(
        SERVER_ACTION,
        "migration_complete",
        servers_ctl.migration_complete,
        "2.57",
        experimental=True,
    ),
    A(
        SERVER_ACTION,
        "migration_cancel",
        servers_ctl.migration_cancel,
        "2.57",
        experimental=True,
    ),
    A(
        SERVER_ACTION,
        "migration_get_progress",
        servers_ctl.migration_get_progress,
        "2.57",
        experimental=True,
    ),
    A(
        SERVER_ACTION,
        "reset_task_state",
        servers_ctl.reset_task_state,
        "2.57",
        experimental=True,
    ),
    # -- end: share servers --
    # ======== Services ========
    R("GET", "/os-services", services.index, "2.0", "2.6"),
    R("PUT", "/os-services/{action}", services.update, "2.0", "2.6"),
    R("GET", "/services", services.index, "2.7"),
    R("PUT", "/services/{action}", services.update, "2.7"),
    R("POST", "/services/ensure-shares", services.ensure_shares, "2.86"),
    # -- end: services --
    # ======== Share types ========
    R("GET", "/types", types_api.index),
    R("GET", "/types/default", types_api.default),
    # mapped by Manila's router, with no controller method behind it
    R("GET", "/types/detail", types_api.no_method),
    R("GET", "/types/{type_id}", types_api.show),
    R("POST", "/types", types_api.create),
    R("PUT", "/types/{type_id}", types_api.update, "2.50"),
    R("DELETE", "/types/{type_id}", types_api.delete),
    R("GET", "/types/{type_id}/share_type_access", types_api.access_list),
    R("GET", "/types/{type_id}/os-share-type-access", types_api.access_list),
    A("/types/{type_id}/action", "addProjectAccess", types_api.add_access),
    A(
        "/types/{type_id}/action",
        "removeProjectAccess",
        types_api.remove_access,
    ),
    R("GET", "/types/{type_id}/extra_specs", types_api.specs_index),
    R(
        "POST",
        "/types/{type_id}/extra_specs",
        types_api.specs_create,
        body="optional",
    ),
    R("GET", "/types/{type_id}/extra_specs/{key}", types_api.specs_show),
    R(
        "PUT",
        "/types/{type_id}/extra_specs/{key}",
        types_api.specs_update,
        body="optional",
    ),
    R("DELETE", "/types/{type_id}/extra_specs/{key}", types_api.specs_delete),
    # -- end: share types --
    # ======== Share networks and subnets ========
    R("GET", "/share-networks", networks_ctl.index),
    R("GET", "/share-networks/detail", networks_ctl.detail),
    R("POST", "/share-networks", networks_ctl.create),
    R("GET", "/share-networks/{share_network_id}", networks_ctl.show),
    R("PUT", "/share-networks/{share_network_id}", networks_ctl.update),
    R("DELETE", "/share-networks/{share_network_id}", networks_ctl.delete),
    A(
        "/share-networks/{share_network_id}/action",
        "reset_status",
        networks_ctl.reset_status,
        "2.63",
    ),
    A(
        "/share-networks/{share_network_id}/action",
        "share_network_subnet_create_check",
        networks_ctl.subnet_create_check,
        "2.70",
    ),
    R("GET", SUBNETS, subnets_ctl.index, "2.51"),
    R("POST", SUBNETS, subnets_ctl.create, "2.51"),
    R("GET", SUBNET, subnets_ctl.show, "2.51"),
    R("DELETE", SUBNET, subnets_ctl.delete, "2.51"),
    R("GET", SUBNET + "/metadata", subnets_ctl.index_metadata, "2.78"),
    R("POST", SUBNET + "/metadata", subnets_ctl.create_metadata, "2.78"),
    R("PUT", SUBNET + "/metadata", subnets_ctl.update_all_metadata, "2.78"),
    R("GET", SUBNET + "/metadata/{key}", subnets_ctl.show_metadata, "2.78"),
    R(
        "POST",
        SUBNET + "/metadata/{key}",
        subnets_ctl.update_metadata_item,
        "2.78",
    ),
    R(
        "DELETE",
        SUBNET + "/metadata/{key}",
        subnets_ctl.delete_metadata,
        "2.78",
    ),
    # -- end: share networks --
    # ======== Availability zones, pools, limits, quotas ========
    R("GET", "/os-availability-zone", availability_zones.index, "2.0", "2.6"),
    R("GET", "/availability-zones", availability_zones.index, "2.7"),
    R("GET", "/scheduler-stats/pools", scheduler_stats.pools_index),
    R("GET", "/scheduler-stats/pools/detail", scheduler_stats.pools_detail),
    R("GET", "/limits", limits_api.index),
    R("GET", "/quota-sets/{project_id}", quotas_api.show, "2.7"),
    R("GET", "/quota-sets/{project_id}/defaults", quotas_api.defaults, "2.7"),
    R("GET", "/quota-sets/{project_id}/detail", quotas_api.detail, "2.25"),
    R("PUT", "/quota-sets/{project_id}", quotas_api.update, "2.7"),
    R("DELETE", "/quota-sets/{project_id}", quotas_api.delete, "2.7"),
    R("GET", "/os-quota-sets/{project_id}", quotas_api.show, "2.0", "2.6"),
    R(
        "GET",
        "/os-quota-sets/{project_id}/defaults",
        quotas_api.defaults,
        "2.0",
        "2.6",
    ),
    R("PUT", "/os-quota-sets/{project_id}", quotas_api.update, "2.0", "2.6"),
    R(
        "DELETE",
        "/os-quota-sets/{project_id}",
        quotas_api.delete,
        "2.0",
        "2.6",
    ),
    R("GET", "/quota-class-sets/{class_name}", quotas_api.class_show, "2.7"),
    R("PUT", "/quota-class-sets/{class_name}", quotas_api.class_update, "2.7"),
    R(
        "GET",
        "/os-quota-class-sets/{class_name}",
        quotas_api.class_show,
        "2.0",
        "2.6",
    ),
    R(
        "PUT",
        "/os-quota-class-sets/{class_name}",
        quotas_api.class_update,
        "2.0",
        "2.6",
    ),
    # -- end: availability zones --
    # ======== Share replicas ========
    R(
        "GET",
        "/share-replicas",
        replicas_ctl.index,
        "2.11",
        "2.55",
        experimental=True,
    ),
    R("GET", "/share-replicas", replicas_ctl.index, "2.56"),
    R(
        "GET",
        "/share-replicas/detail",
        replicas_ctl.detail,
        "2.11",
        "2.55",
        experimental=True,
    ),
    R("GET", "/share-replicas/detail", replicas_ctl.detail, "2.56"),
    R(
        "POST",
        "/share-replicas",
        replicas_ctl.create,
        "2.11",
        "2.55",
        experimental=True,
    ),
    R("POST", "/share-replicas", replicas_ctl.create, "2.56"),
    R("GET", REPLICA, replicas_ctl.show, "2.11", "2.55", experimental=True),
    R("GET", REPLICA, replicas_ctl.show, "2.56"),
    R(
        "DELETE",
        REPLICA,
        replicas_ctl.delete,
        "2.11",
        "2.55",
        experimental=True,
    ),
    R("DELETE", REPLICA, replicas_ctl.delete, "2.56"),
    R(
        "GET",
        REPLICA + "/export-locations",
        replicas_ctl.export_locations_index,
        "2.47",
        "2.55",
        experimental=True,
    ),
    R(
        "GET",
        REPLICA + "/export-locations",
        replicas_ctl.export_locations_index,
        "2.56",
    ),
    R(
        "GET",
        REPLICA_EL,
        replicas_ctl.export_location_show,
        "2.47",
        "2.55",
        experimental=True,
    ),
    R("GET", REPLICA_EL, replicas_ctl.export_location_show, "2.56"),
    A(
        REPLICA_ACTION,
        "promote",
        replicas_ctl.promote,
        "2.11",
        "2.55",
        experimental=True,
    ),
    A(REPLICA_ACTION, "promote", replicas_ctl.promote, "2.56"),
    A(
        REPLICA_ACTION,
        "resync",
        replicas_ctl.resync,
        "2.11",
        "2.55",
        experimental=True,
    ),
    A(REPLICA_ACTION, "resync", replicas_ctl.resync, "2.56"),
    A(
        REPLICA_ACTION,
        "reset_status",
        replicas_ctl.reset_status,
        "2.11",
        "2.55",
        experimental=True,
    ),
    A(REPLICA_ACTION, "reset_status", replicas_ctl.reset_status, "2.56"),
    A(
        REPLICA_ACTION,
        "reset_replica_state",
        replicas_ctl.reset_replica_state,
        "2.11",
        "2.55",
        experimental=True,
    ),
    A(
        REPLICA_ACTION,
        "reset_replica_state",
        replicas_ctl.reset_replica_state,
        "2.56",
    ),
    A(
        REPLICA_ACTION,
        "force_delete",
        replicas_ctl.force_delete,
        "2.11",
        "2.55",
        experimental=True,
    ),
    A(REPLICA_ACTION, "force_delete", replicas_ctl.force_delete, "2.56"),
    R("GET", REPLICA + "/metadata", replicas_ctl.index_metadata, "2.95"),
    R("POST", REPLICA + "/metadata", replicas_ctl.create_metadata, "2.95"),
    R("PUT", REPLICA + "/metadata", replicas_ctl.update_all_metadata, "2.95"),
    R("GET", REPLICA + "/metadata/{key}", replicas_ctl.show_metadata, "2.95"),
    R(
        "POST",
        REPLICA + "/metadata/{key}",
        replicas_ctl.update_metadata_item,
        "2.95",
    ),
    R(
        "DELETE",
        REPLICA + "/metadata/{key}",
        replicas_ctl.delete_metadata,
        "2.95",
    ),
    # -- end: share replicas --
    # ======== Share migration ========
    A(
        SHARE_ACTION,
        "migration_start",
        migration_ctl.migration_start,
        "2.29",
        "2.95",
        experimental=True,
    ),
    A(SHARE_ACTION, "migration_start", migration_ctl.migration_start, "2.96"),
    A(
        SHARE_ACTION,
        "migration_complete",
        migration_ctl.migration_complete,
        "2.22",
        "2.95",
        experimental=True,
    ),
    A(
        SHARE_ACTION,
        "migration_complete",
        migration_ctl.migration_complete,
        "2.96",
    ),
    A(
        SHARE_ACTION,
        "migration_cancel",
        migration_ctl.migration_cancel,
        "2.22",
        "2.95",
        experimental=True,
    ),
    A(
        SHARE_ACTION,
        "migration_cancel",
        migration_ctl.migration_cancel,
        "2.96",
    ),
    A(
        SHARE_ACTION,
        "migration_get_progress",
        migration_ctl.migration_get_progress,
        "2.22",
        "2.95",
        experimental=True,
    ),
    A(
        SHARE_ACTION,
        "migration_get_progress",
        migration_ctl.migration_get_progress,
        "2.96",
        "2.97",
    ),
    R(
        "GET",
        "/shares/{share_id}/migration-progress",
        migration_ctl.migration_progress_show,
        "2.98",
    ),
    # -- end: share migration --
    # ======== Share groups, group types and group snapshots ========
    *groups_ctl.ROUTES,
    # -- end: share groups --
    # ======== Security services ========
    R("GET", "/security-services", security_ctl.index),
    R("GET", "/security-services/detail", security_ctl.detail),
    R("POST", "/security-services", security_ctl.create),
    R("GET", "/security-services/{security_service_id}", security_ctl.show),
    R("PUT", "/security-services/{security_service_id}", security_ctl.update),
    R(
        "DELETE",
        "/security-services/{security_service_id}",
        security_ctl.delete,
    ),
    A(
        "/share-networks/{share_network_id}/action",
        "add_security_service",
        security_ctl.add_to_network,
    ),
    A(
        "/share-networks/{share_network_id}/action",
        "remove_security_service",
        security_ctl.remove_from_network,
    ),
    A(
        "/share-networks/{share_network_id}/action",
        "update_security_service",
        security_ctl.update_on_network,
        "2.63",
    ),
    A(
        "/share-networks/{share_network_id}/action",
        "update_security_service_check",
        security_ctl.update_check,
        "2.63",
    ),
    A(
        "/share-networks/{share_network_id}/action",
        "add_security_service_check",
        security_ctl.add_check,
        "2.63",
    ),
    # -- end: security services --
    # ======== Share transfers ========
    R("GET", "/share-transfers", transfers_ctl.index, "2.77"),
    R("GET", "/share-transfers/detail", transfers_ctl.detail, "2.77"),
    R("POST", "/share-transfers", transfers_ctl.create, "2.77"),
    R("GET", "/share-transfers/{transfer_id}", transfers_ctl.show, "2.77"),
    R(
        "DELETE",
        "/share-transfers/{transfer_id}",
        transfers_ctl.delete,
        "2.77",
    ),
    R(
        "POST",
        "/share-transfers/{transfer_id}/accept",
        transfers_ctl.accept,
        "2.77",
    ),
    # -- end: share transfers --
    # ======== Resource locks ========
    R("GET", "/resource-locks", locks_ctl.index, "2.81"),
    R("POST", "/resource-locks", locks_ctl.create, "2.81"),
    R("GET", "/resource-locks/{lock_id}", locks_ctl.show, "2.81"),
    R("PUT", "/resource-locks/{lock_id}", locks_ctl.update, "2.81"),
    R("DELETE", "/resource-locks/{lock_id}", locks_ctl.delete, "2.81"),
    # -- end: resource locks --
    # ======== QoS types ========
    R("GET", "/qos-types", qos_ctl.index, "2.94"),
    R("POST", "/qos-types", qos_ctl.create, "2.94"),
    R("GET", "/qos-types/{qos_type_id}", qos_ctl.show, "2.94"),
    R("PUT", "/qos-types/{qos_type_id}", qos_ctl.update, "2.94"),
    R("DELETE", "/qos-types/{qos_type_id}", qos_ctl.delete, "2.94"),
    R("GET", "/qos-types/{qos_type_id}/specs", qos_ctl.specs_index, "2.94"),
    R(
        "POST",
        "/qos-types/{qos_type_id}/specs",
        qos_ctl.specs_create,
        "2.94",
        body="optional",
    ),
    R(
        "GET",
        "/qos-types/{qos_type_id}/specs/{key}",
        qos_ctl.specs_show,
        "2.94",
    ),
    R(
        "PUT",
        "/qos-types/{qos_type_id}/specs/{key}",
        qos_ctl.specs_update,
        "2.94",
        body="optional",
    ),
    R(
        "DELETE",
        "/qos-types/{qos_type_id}/specs/{key}",
        qos_ctl.specs_delete,
        "2.94",
    ),
    # -- end: qos types --
    # ======== Share backups ========
    R("GET", "/share-backups", backups_ctl.index, "2.80", experimental=True),
    R(
        "GET",
        "/share-backups/detail",
        backups_ctl.detail,
        "2.80",
        experimental=True,
    ),
    R("POST", "/share-backups", backups_ctl.create, "2.80", experimental=True),
    R(
        "GET",
        "/share-backups/{backup_id}",
        backups_ctl.show,
        "2.80",
        experimental=True,
    ),
    R(
        "PUT",
        "/share-backups/{backup_id}",
        backups_ctl.update,
        "2.80",
        experimental=True,
    ),
    R(
        "DELETE",
        "/share-backups/{backup_id}",
        backups_ctl.delete,
        "2.80",
        experimental=True,
    ),
    A(
        "/share-backups/{backup_id}/action",
        "restore",
        backups_ctl.restore,
        "2.80",
        experimental=True,
    ),
    A(
        "/share-backups/{backup_id}/action",
        "reset_status",
        backups_ctl.reset_status,
        "2.80",
        experimental=True,
    ),
    # -- end: share backups --
    # ======== User messages ========
    R("GET", "/messages", messages_api.index, "2.37"),
    R("GET", "/messages/{message_id}", messages_api.show, "2.37"),
    R("DELETE", "/messages/{message_id}", messages_api.delete, "2.37"),
    # -- end: user messages --
]
