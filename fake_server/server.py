"""Runs the fake cloud's WSGI app on waitress, in a thread or the foreground.

Binds to 127.0.0.1 unless told otherwise; port 0 picks a free port. Plays
the limits Manila's API service has in front of it: bodies over
``max_request_body_size`` get oslo's 413 before they are read, idle and
half-sent connections are closed after ``channel_timeout`` seconds, and
when ``connection_limit`` connections are open the longest idle one is
closed so that a new client is still answered.
"""

from __future__ import annotations

import threading
from typing import Any

import waitress
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, MultiSocketServer
from waitress.task import ErrorTask
from waitress.utilities import RequestEntityTooLarge

from fake_server import errors
from fake_server.app import build_app
from fake_server.cloud import Cloud
from fake_server.config import Config
from fake_server.guard import HostGuard

#: waitress settings of the fake server (the benchmarks reuse them)
WAITRESS_OPTIONS: dict[str, Any] = {
    "ident": "fake-manila",
    "clear_untrusted_proxy_headers": True,
    "channel_timeout": 30,
    "cleanup_interval": 5,
}


class _ErrorTask(ErrorTask):  # type: ignore[misc]
    """waitress's own errors; a body over the limit gets oslo's 413."""

    def execute(self) -> None:
        error = self.request.error
        if not isinstance(error, RequestEntityTooLarge):
            super().execute()
            return
        limit = self.channel.server.adj.max_request_body_size - 1
        if self.request.chunked:  # oslo's LimitingReader
            text = f"Request is too large. Larger than {limit}."
        else:  # oslo checks Content-Length (and never fills in the %s)
            text = (
                "Request is too large. Larger than max_request_body_size (%s)."
            )
        content_type, body = errors.webob_body(
            self.request.headers.get("ACCEPT"), 413, text
        )
        data = body.encode()
        self.status = "413 Request Entity Too Large"
        self.response_headers.extend(
            [
                ("Content-Type", content_type),
                ("Content-Length", str(len(data))),
            ]
        )
        self.set_close_on_finish()
        self.content_length = len(data)
        self.write(data)


class _Channel(HTTPChannel):  # type: ignore[misc]
    error_task_class = _ErrorTask


def _placeholder(environ: Any, start_response: Any) -> list[bytes]:
    start_response("503 Service Unavailable", [])  # pragma: no cover
    return []  # pragma: no cover


def _evict_idle(server: Any) -> None:
    """At the connection limit, close the connections idle the longest
    (no request being served) so that a new client gets in."""
    limit = server.adj.connection_limit
    excess = len(server._map) - limit + 1
    if excess <= 0:
        return
    idle = sorted(
        (
            channel
            for channel in list(server.active_channels.values())
            if not channel.requests and not channel.will_close
        ),
        key=lambda channel: channel.last_activity,
    )
    for channel in idle[:excess]:
        channel.will_close = True


def _guarded(server: Any) -> None:
    """Give a waitress server the fake's channel class and eviction."""
    base = type(server)

    def readable(self: Any) -> bool:
        _evict_idle(self)
        return bool(base.readable(self))

    server.__class__ = type(
        "FakeManilaWaitress",
        (base,),
        {"channel_class": _Channel, "readable": readable},
    )


class FakeManilaServer:
    """A fake cloud served over HTTP."""

    def __init__(
        self,
        config: Config | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        threads: int | None = None,
    ) -> None:
        from fake_server.config import load

        config = config or load(None)
        self.cloud = Cloud(config)
        options = dict(
            WAITRESS_OPTIONS,
            threads=threads or config.threads,
            connection_limit=config.connection_limit,
            channel_timeout=config.channel_timeout,
            cleanup_interval=max(1, min(5, config.channel_timeout)),
            # waitress refuses bodies of this size and more
            max_request_body_size=config.max_request_body_size + 1,
        )
        # the app needs the bound port (for its Host check): it replaces
        # this placeholder before the server runs
        server: Any = waitress.create_server(
            _placeholder, host=host, port=port, **options
        )
        if isinstance(server, MultiSocketServer):  # pragma: no cover
            raise RuntimeError("bind to a single address")
        _guarded(server)
        self._server: BaseWSGIServer = server
        self.host = host
        self.port = int(server.effective_port)
        self.guard = HostGuard(host, self.port, config.allowed_hosts)
        self.app = build_app(self.cloud, self.guard)
        server.application = self.app
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://HOST:PORT``."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(
            target=self._server.run, name="fake-manila-http", daemon=True
        )
        self._thread.start()

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted."""
        try:
            self._server.run()
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop serving and stop the cloud's workers."""
        server = self._server

        def close_everything() -> None:
            # runs in the server's loop thread: closing every channel (kept
            # alive client connections too) empties the map, ending run()
            for channel in list(server._map.values()):
                try:
                    channel.close()
                except OSError:
                    pass

        try:
            # first let requests in flight finish: a worker that completes
            # one pulls the loop's trigger, which must still be open
            server.task_dispatcher.shutdown(timeout=5)
            try:
                if self._thread is not None and self._thread.is_alive():
                    server.trigger.pull_trigger(close_everything)
                else:
                    close_everything()
            except OSError:  # the loop already closed its trigger
                close_everything()
        finally:
            if self._thread is not None:
                self._thread.join(timeout=5)
            self.cloud.close()
