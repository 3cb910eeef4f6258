"""Plays manila/policies: Manila's default RBAC rules.

Rule kinds, as api-inventory.md names them: ``A`` admin only; ``M`` admin,
or member of the target project; ``R`` admin, or reader of the target
project; ``N`` any authenticated caller. A denial is Manila's 403 with
"Access was denied to this resource." (or the policy's own message).
"""

from __future__ import annotations

from fake_server import errors
from fake_server.context import Context

ADMIN = "A"
MEMBER = "M"
READER = "R"
ANYONE = "N"

#: policy name -> rule kind. Add a row with each operation served.
RULES: dict[str, str] = {}


def register(kind: str, *names: str) -> None:
    """Declare that each policy in ``names`` uses rule ``kind``."""
    for name in names:
        RULES[name] = kind


register(
    READER,
    "share_replica:get_all",
    "share_replica:show",
    "share_replica_export_location:index",
    "share_replica_export_location:show",
    "share:get",
    "share:get_all",
    "share:get_share_metadata",
    "share_export_location:index",
    "share_export_location:show",
    "share_export_location:get_metadata",
    "share_access_rule:get",
    "share_access_rule:index",
    "share_type:index",
    "share_type:show",
    "share_type:default",
    "availability_zone:index",
    "quota_set:show",
    "quota_class_set:show",
    "message:get",
    "message:get_all",
    "share_snapshot:get_snapshot",
    "share_snapshot:get_all_snapshots",
    "share_snapshot:access_list",
    "share_snapshot:get_metadata",
    "share_snapshot_export_location:index",
    "share_snapshot_export_location:show",
    "share_network:index",
    "share_network:detail",
    "share_network:show",
    "share_network_subnet:index",
    "share_network_subnet:show",
    "share_network_subnet:get_metadata",
    "security_service:index",
    "security_service:detail",
    "security_service:show",
    "share_transfer:get_all",
    "share_transfer:get",
    "resource_lock:get_all",
    "resource_lock:get",
    "qos_type:index",
    "qos_type:show",
    "share_backup:get",
    "share_backup:get_all",
)
register(
    MEMBER,
    "share_replica:create",
    "share_replica:delete",
    "share_replica:promote",
    "share_replica:get_metadata",
    "share_replica:update_metadata",
    "share_replica:delete_metadata",
    "share:create",
    "share:update",
    "share:delete",
    "share:extend",
    "share:shrink",
    "share:revert_to_snapshot",
    "share:soft_delete",
    "share:restore",
    "share:allow_access",
    "share:deny_access",
    "share:update_share_metadata",
    "share:delete_share_metadata",
    "share_access_rule:update",
    "share_access_metadata:update",
    "share_access_metadata:delete",
    "share_export_location:update_metadata",
    "share_export_location:delete_metadata",
    "message:delete",
    "share:create_snapshot",
    "share:snapshot_update",
    "share:delete_snapshot",
    "share_snapshot:allow_access",
    "share_snapshot:deny_access",
    "share_snapshot:update_metadata",
    "share_snapshot:delete_metadata",
    "share_network:create",
    "share_network:update",
    "share_network:delete",
    "share_network_subnet:create",
    "share_network_subnet:delete",
    "share_network_subnet:update_metadata",
    "share_network_subnet:delete_metadata",
    "security_service:create",
    "security_service:update",
    "security_service:delete",
    "share_network:add_security_service",
    "share_network:remove_security_service",
    "share_network:update_security_service",
    "share_network:update_security_service_check",
    "share_network:add_security_service_check",
    "share_transfer:create",
    "share_transfer:accept",
    "share_transfer:delete",
    "resource_lock:create",
    "share_backup:create",
    "share_backup:update",
    "share_backup:delete",
    "share_backup:restore",
)
register(
    ADMIN,
    "share_replica:force_delete",
    "share_replica:resync",
    "share_replica:reset_replica_state",
    "share_replica:reset_status",
    "share:migration_start",
    "share:migration_complete",
    "share:migration_cancel",
    "share:migration_get_progress",
    "share:create_public_share",
    "share:set_public_share",
    "share:manage",
    "share:unmanage",
    "share:reset_status",
    "share:force_delete",
    "share:reset_task_state",
    "share:force_extend",
    "share:extend_beyond_max_share_size_spec",
    "share:update_admin_only_metadata",
    "share:list_by_host",
    "share:list_by_share_server_id",
    "share:list_all_projects",
    "share_instance:index",
    "share_instance:show",
    "share_instance:reset_status",
    "share_instance:force_delete",
    "share_instance_export_location:index",
    "share_instance_export_location:show",
    "share_export_location:update_admin_only_metadata",
    "share_type:create",
    "share_type:update",
    "share_type:delete",
    "share_type:list_project_access",
    "share_type:add_project_access",
    "share_type:remove_project_access",
    "share_types_extra_spec:index",
    "share_types_extra_spec:show",
    "share_types_extra_spec:create",
    "share_types_extra_spec:update",
    "share_types_extra_spec:delete",
    "service:index",
    "service:update",
    "service:ensure_shares",
    "scheduler_stats:pools:index",
    "scheduler_stats:pools:detail",
    "quota_set:update",
    "quota_set:delete",
    "quota_class_set:update",
    "share_server:index",
    "share_server:show",
    "share_server:details",
    "share_server:delete",
    "share_server:manage_share_server",
    "share_server:unmanage_share_server",
    "share_server:reset_status",
    "share_server:share_server_migration_check",
    "share_server:share_server_migration_start",
    "share_server:share_server_migration_complete",
    "share_server:share_server_migration_cancel",
    "share_server:share_server_migration_get_progress",
    "share_server:share_server_reset_task_state",
    "share_snapshot:manage_snapshot",
    "share_snapshot:unmanage_snapshot",
    "share_snapshot:force_delete",
    "share_snapshot:reset_status",
    "share_snapshot:list_all_projects",
    "share_snapshot:list_snapshots_in_deferred_deletion_states",
    "share_snapshot_instance:index",
    "share_snapshot_instance:detail",
    "share_snapshot_instance:show",
    "share_snapshot_instance:reset_status",
    "share_snapshot_instance_export_location:index",
    "share_snapshot_instance_export_location:show",
    "share_network:get_all_share_networks",
    "share_network:show_network_details",
    "share_network:reset_status",
    "security_service:get_all_security_services",
    "share_transfer:get_all_tenant",
    "resource_lock:get_all_projects",
    "qos_type:create",
    "qos_type:update",
    "qos_type:delete",
    "qos_type_specs:index",
    "qos_type_specs:show",
    "qos_type_specs:create",
    "qos_type_specs:update",
    "qos_type_specs:delete",
    "share_backup:get_all_project",
    "share_backup:reset_status",
)
register(ANYONE, "limits:index")
# share groups, group types, group specs and group snapshots
register(
    READER,
    "share_group:get",
    "share_group:get_all",
    "share_group_type:index",
    "share_group_type:show",
    "share_group_type:default",
    "share_group_snapshot:get",
    "share_group_snapshot:get_all",
)
register(
    MEMBER,
    "share_group:create",
    "share_group:update",
    "share_group:delete",
    "share_group_snapshot:create",
    "share_group_snapshot:update",
    "share_group_snapshot:delete",
)
register(
    ADMIN,
    "share_group:force_delete",
    "share_group:reset_status",
    "share_group_type:create",
    "share_group_type:delete",
    "share_group_type:list_project_access",
    "share_group_type:add_project_access",
    "share_group_type:remove_project_access",
    "share_group_types_spec:create",
    "share_group_types_spec:index",
    "share_group_types_spec:show",
    "share_group_types_spec:update",
    "share_group_types_spec:delete",
    "share_group_snapshot:force_delete",
    "share_group_snapshot:reset_status",
)


def allowed(ctx: Context, name: str, project_id: str | None = None) -> bool:
    """Whether ``ctx`` passes policy ``name`` on a target project.

    :param project_id: The target's project; None means the caller's own.
    """
    kind = RULES[name]
    if kind == ANYONE or ctx.is_admin:
        return True
    if kind == ADMIN:
        return False
    target = ctx.project_id if project_id is None else project_id
    if target != ctx.project_id:
        return False
    role = "member" if kind == MEMBER else "reader"
    return role in ctx.roles


def authorize(ctx: Context, name: str, project_id: str | None = None) -> None:
    """Raise Manila's 403 unless ``ctx`` passes policy ``name``."""
    if not allowed(ctx, name, project_id):
        raise errors.Forbidden()


def check(ctx: Context, name: str, project_id: str | None = None) -> None:
    """Manila's ``policy.check_policy`` on a target in the share API
    (``wrap_check_policy``): its PolicyNotAuthorized text, where
    :func:`authorize` plays the controllers' bare ``HTTPForbidden()``."""
    if not allowed(ctx, name, project_id):
        raise errors.Forbidden(f"Policy doesn't allow {name} to be performed.")
