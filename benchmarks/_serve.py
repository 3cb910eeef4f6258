"""A server process for the throughput benchmark.

``python benchmarks/_serve.py fake --shares N`` serves the fake cloud
(quotas lifted, roomy pools, ``N`` shares of user ``demo`` seeded);
``python benchmarks/_serve.py fixed --body-file F`` serves a minimal WSGI
app returning the bytes of ``F`` on the same stack (waitress, same
settings). Both listen on 127.0.0.1, port 0, print one JSON line
(``{"port": ..., "share_ids": [...]}``) and serve until stdin closes.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._common import bench_config, seed_shares  # noqa: E402


def fixed_app(body: bytes) -> Any:
    """A WSGI app that answers every request 200 with ``body``."""
    headers = [
        ("Content-Type", "application/json"),
        ("Content-Length", str(len(body))),
    ]

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        stream = environ.get("wsgi.input")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if stream is not None and length:
            stream.read(length)
        start_response("200 OK", headers)
        return [body]

    return app


def main() -> int:
    """Start the chosen server, print its port, serve until stdin closes."""
    args = argparse.ArgumentParser()
    args.add_argument("kind", choices=("fake", "fixed"))
    args.add_argument("--shares", type=int, default=0)
    args.add_argument("--body-file")
    args.add_argument("--threads", type=int, default=8)
    args.add_argument(
        "--quota",
        type=int,
        default=0,
        help="finite share/gigabyte quotas of this size (default: none)",
    )
    opts = args.parse_args()
    # waitress warns on every queued task under load; the figures say it
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    share_ids: list[str] = []
    project_id = ""
    control_token = ""
    if opts.kind == "fake":
        from fake_server.server import FakeManilaServer

        cfg = bench_config()
        if opts.quota:
            # finite quotas: every create runs the quota check
            for key in ("shares", "gigabytes", "replica_gigabytes"):
                cfg.quotas[key] = opts.quota
            cfg.quotas["share_replicas"] = opts.quota
        server = FakeManilaServer(
            cfg, host="127.0.0.1", port=0, threads=opts.threads
        )
        share_ids = seed_shares(server.cloud, opts.shares)
        account = server.cloud.identity.account_by_name("demo")
        project_id = account.project_id if account else ""
        control_token = str(server.cloud.control_token)
        server.start()
        port = server.port
        stop = server.stop
    else:
        import waitress

        from fake_server import server as server_mod

        with open(opts.body_file, "rb") as handle:
            body = handle.read()
        wsgi = waitress.create_server(
            fixed_app(body),
            host="127.0.0.1",
            port=0,
            **server_mod.WAITRESS_OPTIONS,
            threads=opts.threads,
        )
        port = int(wsgi.effective_port)
        thread = threading.Thread(target=wsgi.run, daemon=True)
        thread.start()

        def stop() -> None:
            wsgi.close()

    hello = {
        "port": port,
        "share_ids": share_ids[:10],
        "pid": os.getpid(),
        "project_id": project_id,
        "control_token": control_token,
    }
    print(json.dumps(hello), flush=True)
    sys.stdin.read()  # until the parent closes our stdin
    stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
