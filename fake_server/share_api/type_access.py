"""Plays the type access actions Manila's share type and share group type
controllers share: ``addProjectAccess`` and ``removeProjectAccess``.

Only private types have a project list; the messages name the kind of
type, as Manila's do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api import common
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

GENERIC_BAD_REQUEST = errors.WEBOB_BAD_REQUEST


@dataclass(frozen=True)
class TypeAccess:
    """Project access to the private types of one table."""

    table: str
    #: "Share type" or "Share group type", as the messages say it
    label: str
    #: "share_type" or "share_group_type", the policies' prefix
    policy_prefix: str
    #: the 400 for a project that is not a UUID, with ``{project}``
    bad_project: str

    def _project(self, body: Any, action: str) -> str:
        value = body.get(action) if isinstance(body, dict) else None
        if not isinstance(value, dict):
            raise errors.BadRequest(GENERIC_BAD_REQUEST)
        project = value.get("project")
        if not isinstance(project, str) or not common.is_uuid(project):
            raise errors.BadRequest(self.bad_project.format(project=project))
        return project

    def _private(self, cloud: Cloud, type_id: str) -> Record:
        record = cloud.store.get(self.table, type_id)
        if record is None:
            raise errors.NotFound(
                f"{self.label} {type_id} could not be found."
            )
        if record["is_public"]:
            raise errors.Conflict(
                "Type access modification is not applicable to public "
                f"{self.label.lower()}."
            )
        return record

    def add(self, cloud: Cloud, ctx: Context, type_id: str, body: Any) -> None:
        """``addProjectAccess`` (202); 409 if public or already granted."""
        policy.authorize(ctx, f"{self.policy_prefix}:add_project_access")
        project = self._project(body, "addProjectAccess")
        with cloud.store.lock:
            record = self._private(cloud, type_id)
            projects = list(record.get("projects", []))
            if project in projects:
                raise errors.Conflict(
                    f"{self.label} access for {type_id} / {project} "
                    "combination already exists."
                )
            cloud.store.update(
                self.table, type_id, projects=[*projects, project]
            )

    def remove(
        self, cloud: Cloud, ctx: Context, type_id: str, body: Any
    ) -> None:
        """``removeProjectAccess`` (202); 404 if the project had none."""
        policy.authorize(ctx, f"{self.policy_prefix}:remove_project_access")
        project = self._project(body, "removeProjectAccess")
        with cloud.store.lock:
            record = self._private(cloud, type_id)
            projects = list(record.get("projects", []))
            if project not in projects:
                raise errors.NotFound(
                    f"{self.label} access not found for {type_id} / "
                    f"{project} combination."
                )
            projects.remove(project)
            cloud.store.update(self.table, type_id, projects=projects)
