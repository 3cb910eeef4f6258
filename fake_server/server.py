"""Runs the fake cloud's WSGI app on waitress, in a thread or the foreground.

Binds to 127.0.0.1 unless told otherwise; port 0 picks a free port.
"""

from __future__ import annotations

import threading
from typing import Any

import waitress
from waitress.server import BaseWSGIServer, MultiSocketServer

from fake_server.app import build_app
from fake_server.cloud import Cloud
from fake_server.config import Config

#: waitress settings of the fake server (the benchmarks reuse them)
WAITRESS_OPTIONS: dict[str, Any] = {
    "ident": "fake-manila",
    "clear_untrusted_proxy_headers": True,
    "channel_timeout": 60,
}


class FakeManilaServer:
    """A fake cloud served over HTTP."""

    def __init__(
        self,
        config: Config | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        threads: int = 8,
    ) -> None:
        from fake_server.config import load

        self.cloud = Cloud(config or load(None))
        self.app = build_app(self.cloud)
        server: Any = waitress.create_server(
            self.app,
            host=host,
            port=port,
            threads=threads,
            **WAITRESS_OPTIONS,
        )
        if isinstance(server, MultiSocketServer):  # pragma: no cover
            raise RuntimeError("bind to a single address")
        self._server: BaseWSGIServer = server
        self.host = host
        self.port = int(server.effective_port)
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
