"""Bounded waiters for Manila resources: status changes and deletion.

Same arguments as openstacksdk's ``resource.wait_for_status`` and
``resource.wait_for_delete``, but never unbounded: ``wait=None`` means
:data:`DEFAULT_WAIT` seconds. Timeout errors name the last status seen;
failure errors name the failure status reached and carry the latest user
message Manila recorded for the resource, when it has one (the ``why``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from keystoneauth1 import adapter
from openstack import exceptions, resource

from openstack_sfs import exceptions as sfs_exceptions

if TYPE_CHECKING:
    from openstack_sfs.v2.user_message import UserMessage

#: Seconds a waiter waits when the caller gives ``wait=None``.
DEFAULT_WAIT = 300.0

#: Seconds between two polls when the caller gives ``interval=None``.
DEFAULT_INTERVAL = 2.0

#: Statuses that end a wait for deletion with a failure.
DELETE_FAILURES = frozenset({"error_deleting", "error_deferred_deleting"})

ResourceT = TypeVar("ResourceT", bound=resource.Resource)


def _normalize(value: Any) -> str | None:
    return value.lower() if isinstance(value, str) else value


def _progress(res: resource.Resource) -> int:
    """Manila's ``progress`` (``"42%"``) as an int; 0 when unknown."""
    value = getattr(res, "progress", None)
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, str):
        try:
            return int(float(value.strip().rstrip("%")))
        except ValueError:
            return 0
    return 0


def _name(res: resource.Resource) -> str:
    return f"{type(res).__name__} {res.id}"


def latest_user_message(
    session: Any, res: resource.Resource
) -> UserMessage | None:
    """The newest user message Manila has for ``res``, or ``None``.

    Asked only when ``session`` is an openstack_sfs proxy and the server
    has user messages (2.37); any error while asking gives ``None``, so
    that the failure being reported is never hidden by another.

    :param session: The proxy the waiter was given.
    :param res: The resource that failed.
    :returns: A :class:`~openstack_sfs.v2.user_message.UserMessage` or
        ``None``.
    """
    messages = getattr(session, "user_messages", None)
    if messages is None or not getattr(res, "id", None):
        return None
    try:
        found = messages(
            resource_id=res.id, sort_key="created_at", sort_dir="desc", limit=1
        )
        first: UserMessage | None = next(iter(found), None)
        return first
    except Exception:  # never hide the failure being reported
        return None


def _failure(
    session: Any, res: resource.Resource, text: str
) -> sfs_exceptions.ResourceFailure:
    """A ResourceFailure, with Manila's user message when there is one."""
    message = latest_user_message(session, res)
    if message is not None and getattr(message, "user_message", None):
        text = f"{text}: {message.user_message}"
    return sfs_exceptions.ResourceFailure(text, user_message=message)


def wait_for_status(
    session: adapter.Adapter,
    res: ResourceT,
    status: str,
    failures: list[str] | None = None,
    interval: int | float | None = 2,
    wait: int | float | None = None,
    attribute: str = "status",
    callback: Callable[[int], None] | None = None,
) -> ResourceT:
    """Poll ``res`` until ``attribute`` equals ``status``.

    Unlike openstacksdk's, the first check fetches from the server: the
    status a held resource shows may predate an action just requested.

    :param session: The proxy or adapter to fetch with.
    :param res: The resource to watch.
    :param status: The wanted value (compared case-insensitively).
    :param failures: Values that end the wait with a failure; default
        ``["error"]``.
    :param interval: Seconds between polls (``None``: 2).
    :param wait: Longest wait in seconds (``None``: :data:`DEFAULT_WAIT`).
    :param attribute: The attribute to watch (``state`` for access
        rules).
    :param callback: Called with the progress percentage after each poll.
    :returns: The resource in the wanted status.
    :raises: :class:`~openstack.exceptions.ResourceTimeout` naming the
        last status seen when ``wait`` runs out.
    :raises: :class:`openstack_sfs.exceptions.ResourceFailure` (an
        :class:`openstack.exceptions.ResourceFailure`) naming the failure
        status reached, with Manila's latest user message for the
        resource appended and kept as its ``user_message``.
    """
    target = _normalize(status)
    failed = {_normalize(f) for f in (failures or ["error"])}
    timeout = DEFAULT_WAIT if wait is None else float(wait)
    pause = DEFAULT_INTERVAL if interval is None else float(interval)
    # No shortcut on the status the caller holds: after an action (resize,
    # revert, ...) a held resource still shows the old, possibly wanted,
    # status. The server is always asked at least once.
    deadline = time.monotonic() + timeout
    while True:
        res = res.fetch(session, skip_cache=True)
        current = getattr(res, attribute)
        if _normalize(current) == target:
            return res
        if _normalize(current) in failed:
            raise _failure(
                session,
                res,
                f"{_name(res)} reached failure {attribute} {current!r} "
                f"while waiting for {status!r}",
            )
        if callback is not None:
            callback(_progress(res))
        if time.monotonic() >= deadline:
            raise exceptions.ResourceTimeout(
                f"Timed out after {timeout:g} s waiting for {_name(res)} "
                f"to reach {attribute} {status!r}; last {attribute} seen: "
                f"{current!r}"
            )
        time.sleep(pause)


def wait_for_delete(
    session: adapter.Adapter,
    res: ResourceT,
    interval: int | float | None = 2,
    wait: int | float | None = None,
    callback: Callable[[int], None] | None = None,
) -> ResourceT:
    """Poll ``res`` until fetching it answers 404.

    :param session: The proxy or adapter to fetch with.
    :param res: The resource being deleted.
    :param interval: Seconds between polls (``None``: 2).
    :param wait: Longest wait in seconds (``None``: :data:`DEFAULT_WAIT`).
    :param callback: Called with the progress percentage after each poll.
    :returns: The resource as given.
    :raises: :class:`~openstack.exceptions.ResourceTimeout` naming the
        last status seen when ``wait`` runs out.
    :raises: :class:`openstack_sfs.exceptions.ResourceFailure` when the
        resource reaches ``error_deleting``, with Manila's latest user
        message as for :func:`wait_for_status`.
    """
    timeout = DEFAULT_WAIT if wait is None else float(wait)
    pause = DEFAULT_INTERVAL if interval is None else float(interval)
    deadline = time.monotonic() + timeout
    original = res
    while True:
        try:
            current_res = res.fetch(session, skip_cache=True)
        except exceptions.NotFoundException:
            return original
        status = getattr(current_res, "status", None)
        if _normalize(status) == "deleted":
            return original
        if _normalize(status) in DELETE_FAILURES:
            raise _failure(
                session,
                original,
                f"{_name(original)} reached failure status {status!r} "
                f"while being deleted",
            )
        if callback is not None:
            callback(_progress(current_res))
        if time.monotonic() >= deadline:
            raise exceptions.ResourceTimeout(
                f"Timed out after {timeout:g} s waiting for "
                f"{_name(original)} to be deleted; last status seen: "
                f"{status!r}"
            )
        time.sleep(pause)


#: Seconds :func:`wait_for_ensure` gives a back end to show that the run
#: it was asked for started (Manila casts it to the share manager, which
#: may be busy: a real one was seen starting 15 s after the request).
DEFAULT_ENSURE_START_GRACE = 60.0

#: Share instance statuses Manila's ensure shares takes up.
ENSURED_STATUSES = frozenset({"available", "ensuring"})


def ensure_baseline(instances: Iterable[Any]) -> dict[str, Any]:
    """What to compare a back end's share instances with after an ensure
    shares request: ``{id: updated_at}`` of those the run will take up
    (``available`` or ``ensuring``)."""
    return {
        i.id: i.updated_at
        for i in instances
        if _normalize(i.status) in ENSURED_STATUSES
    }


def ensure_evidence(
    instances: Iterable[Any], baseline: dict[str, Any]
) -> tuple[bool, bool, int]:
    """What a back end's share instances say of an ensure shares run.

    :param instances: The back end's share instances now (``status``
        and ``updated_at``, 2.71).
    :param baseline: :func:`ensure_baseline` from before the request.
    :returns: ``(running, done, percent)``: an instance is ``ensuring``;
        every instance of the baseline still there was updated since and
        none is ``ensuring`` (with an empty baseline Manila does not
        run at all); and the share of them updated so far.
    """
    current = {i.id: i for i in instances}
    running = any(_normalize(i.status) == "ensuring" for i in current.values())
    expected = [i for i in baseline if i in current]
    if not expected:
        return running, not running, 100
    updated = [
        i
        for i in expected
        if current[i].updated_at != baseline[i]
        and _normalize(current[i].status) != "ensuring"
    ]
    percent = 100 * len(updated) // len(expected)
    return running, not running and len(updated) == len(expected), percent


def wait_for_ensure(
    session: Any,
    host: str,
    baseline: dict[str, Any] | None,
    interval: int | float | None = 2,
    wait: int | float | None = None,
    start_grace: int | float | None = None,
    callback: Callable[[int], None] | None = None,
) -> Any:
    """Wait for the ensure shares run asked for on ``host`` to end.

    Manila answers the request at once and its share manager starts the
    run later, so a service showing ``ensuring: false`` may not have
    started yet. The run is over when the service was seen ``ensuring``
    and then no longer; or, given the ``baseline`` taken before the
    request, when every share instance of it was updated since and none
    is ``ensuring`` (a run too quick to be seen; with an empty baseline
    Manila does not run at all); or when nothing showed a run within
    ``start_grace`` seconds.

    :param session: The proxy.
    :param host: The ``manila-share`` service's host (``host@backend``).
    :param baseline: :func:`ensure_baseline` of the back end's share
        instances from before the request, or None when unknown.
    :param interval: Seconds between polls (``None``: 2).
    :param wait: Longest wait in seconds (``None``: :data:`DEFAULT_WAIT`).
    :param start_grace: Seconds to wait for a sign of the run
        (``None``: :data:`DEFAULT_ENSURE_START_GRACE`).
    :param callback: Called after each poll with the percentage of the
        back end's shares ensured so far (0 to 100).
    :returns: The service, no longer ``ensuring``.
    :raises: :class:`~openstack.exceptions.NotFoundException` when no
        ``manila-share`` service has that host.
    :raises: :class:`~openstack.exceptions.ResourceTimeout` when the run
        is still going after ``wait`` seconds.
    """
    timeout = DEFAULT_WAIT if wait is None else float(wait)
    pause = DEFAULT_INTERVAL if interval is None else float(interval)
    grace = (
        DEFAULT_ENSURE_START_GRACE
        if start_grace is None
        else float(start_grace)
    )
    deadline = time.monotonic() + timeout
    grace_end = time.monotonic() + grace
    started = False
    while True:
        found = list(session.services(host=host, binary="manila-share"))
        if not found:
            raise exceptions.NotFoundException(
                f"No manila-share service has host {host}"
            )
        service = found[0]
        running = bool(service.ensuring)
        done = False
        percent = 0
        if baseline is not None:
            instances = session.share_instances(host=host)
            seen_running, done, percent = ensure_evidence(instances, baseline)
            running = running or seen_running
        if running:
            started = True
            done = False
        elif started:
            done = True
        if done or (not running and time.monotonic() >= grace_end):
            if callback is not None:
                callback(100)
            return service
        if callback is not None:
            callback(percent)
        if time.monotonic() >= deadline:
            raise exceptions.ResourceTimeout(
                f"Ensure shares still running on {host} after {timeout:g} "
                "seconds"
            )
        time.sleep(pause)
