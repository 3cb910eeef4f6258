"""``mock_manila()``: send openstacksdk's cloud lookups to an in-process fake.

No Manila equivalent; the idea is moto's ``mock_aws``. Inside it, code
that calls ``openstack.connect(cloud="prod")``,
``openstack_sfs.connect(cloud="prod")``, ``openstack.connection.Connection
(cloud="prod")``, or relies on ``OS_CLOUD`` or the other ``OS_*``
variables, gets a connection to a fake Manila (and Keystone) running in
this process, without changes to that code.

How it works: every openstacksdk configuration lookup goes through
:meth:`openstack.config.loader.OpenStackConfig.get_one`. While at least
one mock is active, that method is wrapped: when the cloud asked for is
one a mock covers, the answer is built from the fake's credentials and no
clouds.yaml or ``OS_*`` value is read for it; any other cloud is looked up
as usual. A lookup whose ``auth_url`` argument is an active fake's (as
:meth:`~fake_server.fixture.FakeManila.connect` makes) is left alone.
When the last mock ends, the original method is back.

Rules for several mocks:

- Nested: the innermost active mock that covers a cloud name answers for
  it; names it does not cover fall through to the enclosing mocks, then
  to the real configuration.
- Concurrent (several threads): the routing is process-wide, like moto's.
  A mock entered in one thread is seen by code in every thread until it
  ends, and the most recently entered one that covers a name wins. Give
  concurrent mocks distinct cloud names (``mock_manila(clouds=["a"])``
  and ``mock_manila(clouds=["b"])``) to keep them apart. Mocks may end in
  any order.
- Each activation starts its own fake, with its own state, and stops it on
  exit; connections made inside stop working after it.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

if TYPE_CHECKING:
    from openstack.config import cloud_region

    from fake_server.config import Config
    from fake_server.fixture import FakeManila

_F = TypeVar("_F", bound=Callable[..., Any])
_T = TypeVar("_T", bound=type)

#: openstacksdk configuration keys that may pass from the caller's code to
#: the fake's cloud: API version choices and timeouts, nothing that
#: names a server or a credential
_PASSED_SUFFIXES = ("_api_version",)
_PASSED_KEYS = frozenset({"api_timeout"})

_lock = threading.RLock()
#: active mocks, oldest first: (the mock, its fake)
_active: list[tuple[mock_manila, FakeManila]] = []
_original_get_one: Callable[..., Any] | None = None


class mock_manila:  # noqa: N801 - named like moto's mock_aws
    """Route openstacksdk cloud lookups to a fake Manila in this process.

    As a context manager (``with mock_manila() as fake:`` gives the
    :class:`~fake_server.fixture.FakeManila`), as a decorator of a
    function or method (each call gets a fresh fake), or as a decorator
    of a :class:`unittest.TestCase` class (each test, with its
    ``setUp`` and cleanups, gets a fresh fake).

    :param clouds: The cloud names to cover: ``None`` (the default) for
        every name, including the ``OS_*`` variables' cloud and no name
        at all; an iterable of names; or a mapping of name to the fake's
        user to connect as (``{"prod": "admin"}``).
    :param user: The fake's user for covered clouds not given a user in
        ``clouds`` (``demo``; ``admin`` and ``alt_demo`` also exist).
    :param config: The fake's configuration: a
        :class:`~fake_server.config.Config` or a dict in the TOML layout.
    """

    def __init__(
        self,
        clouds: Iterable[str] | Mapping[str, str] | None = None,
        *,
        user: str = "demo",
        config: Config | dict[str, Any] | None = None,
    ) -> None:
        if isinstance(clouds, str):
            clouds = [clouds]
        self.user = user
        self.config = config
        self.users: dict[str, str] | None
        if clouds is None:
            self.users = None
        elif isinstance(clouds, Mapping):
            self.users = dict(clouds)
        else:
            self.users = {name: user for name in clouds}
        self._fakes: list[FakeManila] = []

    # -- which clouds ---------------------------------------------------------

    def covers(self, cloud: str | None) -> bool:
        """Whether lookups of ``cloud`` (``None``: no name) come here.

        :param cloud: A cloud name as openstacksdk resolved it.
        :returns: True when this mock answers for it.
        """
        return self.users is None or (
            cloud is not None and cloud in self.users
        )

    def user_for(self, cloud: str | None) -> str:
        """The fake's user that connections to ``cloud`` authenticate as.

        :param cloud: A covered cloud name.
        :returns: A user name of the fake.
        """
        if self.users is not None and cloud in self.users:
            return self.users[cloud]
        return self.user

    @property
    def fake(self) -> FakeManila:
        """The fake of the innermost active use of this mock.

        :raises RuntimeError: when the mock is not active.
        """
        if not self._fakes:
            raise RuntimeError("mock_manila is not active")
        return self._fakes[-1]

    # -- context manager ------------------------------------------------------

    def start(self) -> FakeManila:
        """Start a fake and route covered clouds to it (as ``__enter__``).

        :returns: The running :class:`~fake_server.fixture.FakeManila`.
        """
        from fake_server.fixture import FakeManila

        fake = FakeManila(self.config)
        fake.setUp()
        with _lock:
            try:
                _install()
            except BaseException:
                fake.cleanUp()
                raise
            _active.append((self, fake))
            self._fakes.append(fake)
        return fake

    def stop(self) -> None:
        """End the most recent activation (as ``__exit__``)."""
        with _lock:
            fake = self._fakes.pop()
            for index in range(len(_active) - 1, -1, -1):
                if _active[index][1] is fake:
                    del _active[index]
                    break
            if not _active:
                _uninstall()
        fake.cleanUp()

    def __enter__(self) -> FakeManila:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- decorator ------------------------------------------------------------

    @overload
    def __call__(self, target: _T) -> _T: ...

    @overload
    def __call__(self, target: _F) -> _F: ...

    def __call__(self, target: Any) -> Any:
        """Decorate a function, a method or a ``unittest.TestCase`` class.

        :param target: What to decorate.
        :returns: The decorated function, or the same class with its
            ``run`` wrapped.
        """
        if inspect.isclass(target):
            return self._decorate_class(target)
        if inspect.iscoroutinefunction(target):
            raise TypeError("mock_manila decorates sync functions only")

        @functools.wraps(target)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self:
                return target(*args, **kwargs)

        return wrapper

    def _decorate_class(self, cls: _T) -> _T:
        import unittest

        if not issubclass(cls, unittest.TestCase):
            raise TypeError(
                "mock_manila decorates functions and unittest.TestCase "
                f"classes, not {cls.__name__}"
            )
        original = cast(Callable[..., Any], cls.run)

        @functools.wraps(original)
        def run(test: Any, *args: Any, **kwargs: Any) -> Any:
            with self:
                return original(test, *args, **kwargs)

        setattr(cls, "run", run)  # noqa: B010 - replaces a method
        return cls


def _install() -> None:
    """Wrap ``OpenStackConfig.get_one`` (under ``_lock``), once."""
    global _original_get_one
    if _original_get_one is not None:
        return
    from openstack.config import loader

    _original_get_one = loader.OpenStackConfig.get_one
    loader.OpenStackConfig.get_one = _get_one  # type: ignore[method-assign]


def _uninstall() -> None:
    """Put the original ``get_one`` back (under ``_lock``)."""
    global _original_get_one
    if _original_get_one is None:
        return
    from openstack.config import loader

    loader.OpenStackConfig.get_one = _original_get_one  # type: ignore
    _original_get_one = None


def _requested_cloud(
    config: Any, cloud: str | None, argparse: Any, kwargs: dict[str, Any]
) -> str | None:
    """The cloud name openstacksdk's ``get_one`` would use."""
    if cloud is not None:
        return cloud
    if argparse is not None and getattr(argparse, "cloud", None):
        return str(argparse.cloud)
    if kwargs.get("cloud"):
        return str(kwargs["cloud"])
    default = getattr(config, "default_cloud", None)
    if default == "defaults":  # openstacksdk's name for "nothing set"
        return None
    return default


def _get_one(
    self: Any,
    cloud: str | None = None,
    validate: bool = True,
    argparse: Any = None,
    **kwargs: Any,
) -> cloud_region.CloudRegion:
    """``OpenStackConfig.get_one`` while mocks are active."""
    original = _original_get_one
    name = _requested_cloud(self, cloud, argparse, kwargs)
    auth = kwargs.get("auth")
    auth_url = kwargs.get("auth_url") or (
        auth.get("auth_url") if isinstance(auth, Mapping) else None
    )
    with _lock:
        if auth_url and any(f.auth_url == auth_url for _, f in _active):
            found = None  # already aimed at a fake (its own connect())
        else:
            found = next(
                (
                    (mock, fake)
                    for mock, fake in reversed(_active)
                    if mock.covers(name)
                ),
                None,
            )
    if original is None or found is None:
        from openstack.config import loader

        get_one = original or loader.OpenStackConfig.get_one
        return cast(
            "cloud_region.CloudRegion",
            get_one(
                self,
                cloud=cloud,
                validate=validate,
                argparse=argparse,
                **kwargs,
            ),
        )
    mock, fake = found
    from openstack.config import loader

    region_name = name or "fake-manila"
    isolated = loader.OpenStackConfig(
        load_yaml_config=False,
        load_envvars=False,
        app_name=getattr(self, "_app_name", None),
        app_version=getattr(self, "_app_version", None),
    )
    isolated.cloud_config["clouds"][region_name] = fake.cloud_config(
        mock.user_for(name)
    )
    passed = {
        key: value
        for key, value in kwargs.items()
        if key in _PASSED_KEYS or key.endswith(_PASSED_SUFFIXES)
    }
    return cast(
        "cloud_region.CloudRegion",
        original(isolated, cloud=region_name, validate=validate, **passed),
    )
