"""The Connection subclass that serves Manila through openstack_sfs."""

from __future__ import annotations

import argparse
from typing import Any

import openstack.config
from openstack import connection as _connection
from openstack import service_description, utils

from openstack_sfs.v2 import _proxy

SERVICE_TYPE = "shared-file-system"


class SharedFileSystemService(
    service_description.ServiceDescription[_proxy.Proxy]
):
    """The Shared File Systems service, served by openstack_sfs' Proxy."""

    supported_versions = {"2": _proxy.Proxy}


class Connection(_connection.Connection):
    """An openstacksdk Connection whose Manila proxy is openstack_sfs'.

    Everything else (compute, identity, ...) is openstacksdk's own.
    ``shared_file_system`` and ``share`` are the same
    :class:`openstack_sfs.v2._proxy.Proxy`.
    """

    # openstacksdk types these as its own proxy; ours replaces it.
    shared_file_system = SharedFileSystemService(  # type: ignore[assignment]
        service_type=SERVICE_TYPE
    )
    share = shared_file_system  # type: ignore[assignment]

    def _get_project_info(self, project_id: str | None = None) -> Any:
        """openstacksdk's project info for resource locations, cached.

        openstacksdk asks the auth plugin for it twice per resource built
        (every item of a list); it only changes with the token, so it is
        kept per token and project id.
        """
        auth_ref = getattr(
            getattr(self.session, "auth", None), "auth_ref", None
        )
        if auth_ref is None:
            return super()._get_project_info(project_id)
        cache: dict[str | None, tuple[Any, Any]] = self.__dict__.setdefault(
            "_sfs_project_info", {}
        )
        found = cache.get(project_id)
        if found is None or found[0] is not auth_ref:
            if len(cache) > 256:
                cache.clear()
            found = (auth_ref, super()._get_project_info(project_id))
            cache[project_id] = found
        return utils.Munch(found[1])

    def _get_current_location(
        self, project_id: str | None = None, zone: str | None = None
    ) -> Any:
        """openstacksdk's resource location, its fixed parts cached.

        Every resource built asks for it twice; the cloud name and the
        region do not change under a connection. Each call still returns
        new ``Munch`` objects, as openstacksdk's does.
        """
        fixed = self.__dict__.get("_sfs_location")
        if fixed is None:
            fixed = self.__dict__["_sfs_location"] = (
                self.name,
                self.config.get_region_name(),
            )
        return utils.Munch(
            cloud=fixed[0],
            region_name=fixed[1],
            zone=zone,
            project=self._get_project_info(project_id),
        )


_REGISTERED: dict[type, type] = {}


def register(conn: _connection.Connection) -> Connection:
    """Make an existing openstacksdk Connection serve Manila through us.

    Only the given object changes: its class is swapped for a subclass of
    its own class that carries our service descriptors, and any Manila
    proxy it had cached is dropped. Other connections, and the
    ``openstack.connection.Connection`` class itself, are untouched.

    :param conn: An :class:`openstack.connection.Connection`.
    :returns: The same object, now also an :class:`openstack_sfs.Connection`.
    """
    if isinstance(conn, Connection):
        return conn
    base = type(conn)
    sub = _REGISTERED.get(base)
    if sub is None:
        sub = type(base.__name__, (Connection, base), {})
        _REGISTERED[base] = sub
    conn._proxies.pop(SERVICE_TYPE, None)
    conn.__class__ = sub
    return conn  # type: ignore[return-value]


def connect(
    cloud: str | None = None,
    app_name: str | None = None,
    app_version: str | None = None,
    options: argparse.ArgumentParser | None = None,
    load_yaml_config: bool = True,
    load_envvars: bool = True,
    **kwargs: Any,
) -> Connection:
    """Create a :class:`Connection`, as :func:`openstack.connect` does.

    :param cloud: Name of the cloud in clouds.yaml (``OS_CLOUD`` and the
        other ``OS_*`` variables work as with openstacksdk).
    :param app_name: Application name for the user agent.
    :param app_version: Application version for the user agent.
    :param options: An argparse parser whose parsed options configure the
        connection.
    :param load_yaml_config: Whether to read clouds.yaml files.
    :param load_envvars: Whether to read ``OS_*`` environment variables.
    :param kwargs: Any other openstacksdk configuration (``auth_url``,
        ``username``, ``shared_file_system_api_version``, ...).
    :returns: A connected :class:`Connection`.
    :raises: keystoneauth1.exceptions.MissingRequiredOptions when auth
        parameters are missing.
    """
    cloud_region = openstack.config.get_cloud_region(
        cloud=cloud,
        app_name=app_name,
        app_version=app_version,
        load_yaml_config=load_yaml_config,
        load_envvars=load_envvars,
        options=options,
        **kwargs,
    )
    return Connection(
        config=cloud_region, vendor_hook=kwargs.get("vendor_hook")
    )
