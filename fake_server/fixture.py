"""``FakeManila``: a fixtures.Fixture that runs the fake cloud in-process.

It serves on 127.0.0.1, port 0, in a thread, and gives the URLs, the
credentials, a clouds.yaml-style ``cloud_config`` and connected
``openstack_sfs`` connections.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import fixtures
import requests

from fake_server.config import Config, from_dict
from fake_server.server import FakeManilaServer

if TYPE_CHECKING:
    import openstack_sfs
    from fake_server.cloud import Cloud

USERS = ("admin", "demo", "alt_demo")
PASSWORD = "password"


class ControlError(requests.HTTPError):
    """A ``/_fake`` call the server refused, with its status and message."""

    def __init__(self, response: requests.Response) -> None:
        self.status_code = response.status_code
        self.message = _fault_message(response)
        super().__init__(
            f"{response.status_code} {response.request.method} "
            f"{response.url}: {self.message}",
            response=response,
        )


def _fault_message(response: requests.Response) -> str:
    """The message of a fault body (any envelope), else the text."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()
    if isinstance(body, dict) and len(body) == 1:
        inner = next(iter(body.values()))
        if isinstance(inner, dict) and "message" in inner:
            return str(inner["message"])
    return response.text.strip()


class FakeManila(fixtures.Fixture):
    """Run a fake Manila for the duration of a test.

    :param config: A :class:`fake_server.config.Config`, or a dict in the
        TOML layout (``{"server": {"progression": "manual"}}``).
    """

    def __init__(self, config: Config | dict[str, Any] | None = None) -> None:
        super().__init__()
        if isinstance(config, dict) or config is None:
            config = from_dict(config or {})
        self.config = config
        self.server: FakeManilaServer | None = None
        self._http = requests.Session()

    def _setUp(self) -> None:
        self.server = FakeManilaServer(self.config, host="127.0.0.1", port=0)
        self.server.start()
        self.addCleanup(self.server.stop)
        self.addCleanup(self._http.close)

    # -- addresses -----------------------------------------------------------

    @property
    def cloud(self) -> Cloud:
        """The in-process :class:`fake_server.cloud.Cloud`."""
        assert self.server is not None, "fixture not set up"
        return self.server.cloud

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        assert self.server is not None, "fixture not set up"
        return self.server.base_url

    @property
    def auth_url(self) -> str:
        """Keystone v3: ``http://127.0.0.1:PORT/identity/v3``."""
        return self.base_url + "/identity/v3"

    @property
    def manila_url(self) -> str:
        """Manila: ``http://127.0.0.1:PORT/v2``."""
        return self.base_url + "/v2"

    @property
    def control_token(self) -> str:
        """The credential of the control API and the web console."""
        return str(self.cloud.control_token)

    @property
    def console_url(self) -> str:
        """The web console, signed in: ``.../_console/?token=...``."""
        return f"{self.base_url}/_console/?token={self.control_token}"

    def project_id(self, user: str = "demo") -> str:
        """The id of ``user``'s project."""
        account = self.cloud.identity.account_by_name(user)
        assert account is not None, f"no user {user}"
        return str(account.project_id)

    def credentials(self, user: str = "demo") -> dict[str, Any]:
        """Keyword arguments for ``openstack.connect`` as ``user``.

        :param user: A configured user (its password and project come
            from the configuration).
        :raises KeyError: when no such user is configured.
        """
        return {
            **self.config.auth(user, self.auth_url),
            "region_name": self.config.region,
        }

    def cloud_config(self, user: str = "demo") -> dict[str, Any]:
        """A clouds.yaml entry (``{"auth": {...}, "region_name": ...}``)."""
        creds = self.credentials(user)
        region = creds.pop("region_name")
        return {
            "auth": creds,
            "region_name": region,
            "identity_api_version": 3,
        }

    def connect(
        self, user: str = "demo", **kwargs: Any
    ) -> openstack_sfs.Connection:
        """An ``openstack_sfs`` connection as ``user``.

        :param user: A configured user (``admin``, ``demo``, ``alt_demo``
            by default).
        :param kwargs: Further ``openstack.connect`` arguments.
        :returns: A new :class:`openstack_sfs.Connection`; close it when
            done.
        """
        import openstack_sfs

        return openstack_sfs.connect(
            load_yaml_config=False,
            load_envvars=False,
            **self.credentials(user),
            **kwargs,
        )

    @property
    def conn(self) -> openstack_sfs.Connection:
        """A connection as ``demo`` (a new one on every access)."""
        return self.connect("demo")

    @property
    def admin_conn(self) -> openstack_sfs.Connection:
        """A connection as ``admin``."""
        return self.connect("admin")

    # -- control API ---------------------------------------------------------

    def control(self, method: str, path: str, json: Any = None) -> Any:
        """Call ``/_fake/<path>`` and return its JSON.

        :raises ControlError: the server refused the call; it carries the
            status and the server's message.
        """
        response = self._http.request(
            method,
            f"{self.base_url}/_fake/{path.lstrip('/')}",
            json=json,
            headers={"X-Auth-Token": self.control_token},
            timeout=30,
        )
        if response.status_code >= 400:
            raise ControlError(response)
        return response.json() if response.content else None

    def reset(self) -> None:
        """Restore the seeded defaults."""
        self.control("POST", "reset")

    def advance(
        self, steps: int | None = None, seconds: float | None = None
    ) -> Any:
        """Manual progression: run queued work."""
        body: dict[str, Any] = {}
        if steps is not None:
            body["steps"] = steps
        if seconds is not None:
            body["seconds"] = seconds
        return self.control("POST", "advance", body)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Background progression: wait until no work is queued.

        Each ``/_fake/wait`` call waits a bounded time; this asks again
        until ``timeout`` has passed.
        """
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            answer = self.control("POST", "wait", {"timeout": max(0, left)})
            if answer["idle"] or left <= 0:
                return bool(answer["idle"])
            time.sleep(0.01)

    def plant_share(
        self, backend: str, export_path: str, size: int = 1
    ) -> dict[str, Any]:
        """Put a share on a backend's storage, as if it had been there
        before Manila, so that ``manage_share`` (to any pool of that
        backend) can adopt it. Like Manila's dummy driver, a backend
        manages nothing else than what it holds.

        :param backend: The backend's name (``alpha``).
        :param export_path: Its path (``10.0.0.10:/shares/legacy``);
            any address with the same path after ``:/`` finds it.
        :param size: What the backend reports as its size, in GiB.
        :raises ControlError: no such backend, or a bad argument.
        """
        body = {"export_path": export_path, "size": size}
        path = f"backends/{backend}/storage"
        return dict(self.control("POST", path, body)["storage"])

    def plant_snapshot(
        self, backend: str, provider_location: str, size: int = 1
    ) -> dict[str, Any]:
        """Put a snapshot on a backend's storage, for
        ``manage_share_snapshot`` (of a share on that backend).

        :raises ControlError: no such backend, or a bad argument.
        """
        body = {"provider_location": provider_location, "size": size}
        path = f"backends/{backend}/storage"
        return dict(self.control("POST", path, body)["storage"])

    def plant_share_server(
        self, backend: str, identifier: str
    ) -> dict[str, Any]:
        """Put a share server on a DHSS True backend's storage, for
        ``manage_share_server`` (with that identifier) to adopt.

        :raises ControlError: no such backend, or a bad argument.
        """
        body = {"share_server": identifier}
        path = f"backends/{backend}/storage"
        return dict(self.control("POST", path, body)["storage"])

    def backend_storage(self, backend: str) -> list[dict[str, Any]]:
        """What a backend holds that Manila does not manage: unmanaged
        and planted shares, snapshots and share servers (``kind``,
        ``export_path``, ``provider_location`` or ``identifier``,
        ``size``)."""
        answer = self.control("GET", f"backends/{backend}/storage")
        return list(answer["storage"])

    def quota_drift(self) -> list[dict[str, Any]]:
        """The quota consistency check: usage rows that disagree with a
        recount of the records (an empty list when all agree)."""
        return list(self.control("GET", "quota-drift")["drift"])
