"""Benchmark 9: what durability and the guards cost, and how a full server
answers.

- Share create round trip (``POST /v2/shares``) with a state file (every
  acknowledged change committed to SQLite, ``synchronous=FULL``, before
  the response) against the same server in memory.
- A new client's first answer (``GET /``) while the server holds its
  ``connection_limit`` of idle and half-sent connections, against the
  same request on an idle server.
- The 413 for a body announced as 50 MB, sent with only its headers
  (answered before the body is read), against a ``GET /``.

The servers run in this process (background progression). Every loop is
bounded by a count; nothing asserts a time.

Aims: a persisted create under 20 ms p50; a full server answers a new
client within a second.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import tempfile
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._common import (  # noqa: E402
    MICROVERSION,
    MV_HEADER,
    Figure,
    bench_config,
    percentile,
    run_main,
)

BENCH = "9 durability"


def _server(**server: Any) -> Any:
    from fake_server.server import FakeManilaServer

    cfg = bench_config()
    for key, value in server.items():
        setattr(cfg, key, value)
    instance = FakeManilaServer(cfg, host="127.0.0.1", port=0)
    instance.start()
    return instance


def _creates(server: Any, samples: int) -> list[float]:
    import requests

    http = requests.Session()
    try:
        auth = {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {
                        "user": {
                            "name": "demo",
                            "domain": {"name": "Default"},
                            "password": "password",
                        }
                    },
                },
                "scope": {
                    "project": {"name": "demo", "domain": {"name": "Default"}}
                },
            }
        }
        reply = http.post(
            server.base_url + "/identity/v3/auth/tokens", json=auth, timeout=30
        )
        headers = {
            "X-Auth-Token": reply.headers["X-Subject-Token"],
            MV_HEADER: MICROVERSION,
            "Content-Type": "application/json",
        }
        body = json.dumps({"share": {"share_proto": "NFS", "size": 1}})
        url = server.base_url + "/v2/shares"
        times = []
        for index in range(samples + 5):
            begin = time.perf_counter()
            http.post(url, data=body, headers=headers, timeout=30)
            if index >= 5:
                times.append(time.perf_counter() - begin)
        return times
    finally:
        http.close()


def _first_answer(port: int) -> float:
    """Seconds from connecting to the end of a ``GET /`` answer."""
    begin = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        while sock.recv(65536):
            pass
    return time.perf_counter() - begin


def _too_large(port: int) -> float:
    begin = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            f"POST /v2/shares HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/json\r\n"
            "Content-Length: 50000000\r\n\r\n{".encode()
        )
        answer = sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:40]
    return time.perf_counter() - begin


def run(quick: bool = False) -> list[Figure]:
    """Measure and return the figures."""
    import logging

    # waitress logs each time the limit is reached; the figures say it
    logging.getLogger("waitress").setLevel(logging.ERROR)
    samples = 30 if quick else 200
    rounds = 5 if quick else 20
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as directory:
        memory = _server()
        try:
            in_memory = _creates(memory, samples)
        finally:
            memory.stop()
        durable = _server(state_file=os.path.join(directory, "cloud.db"))
        try:
            persisted = _creates(durable, samples)
        finally:
            durable.stop()
    for pct in (50, 99):
        figures.append(
            Figure(
                BENCH,
                f"create round trip, state file p{pct}",
                percentile(persisted, pct) * 1000,
                "ms",
                percentile(in_memory, pct) * 1000,
                "in memory",
                "value:<20" if pct == 50 else "",
            )
        )
    server = _server(connection_limit=50)
    held: list[socket.socket] = []
    try:
        idle = [_first_answer(server.port) for _ in range(rounds)]
        full = []
        large = []
        for _ in range(rounds):
            while len(held) < 60:  # more than the limit: some wait
                sock = socket.socket()
                sock.setblocking(False)
                sock.connect_ex(("127.0.0.1", server.port))
                if len(held) % 2:
                    try:
                        sock.send(b"GET / HTTP/1.1\r\nHost: x\r\n")
                    except OSError:
                        pass
                held.append(sock)
            time.sleep(0.05)  # let the server take them in
            full.append(_first_answer(server.port))
            large.append(_too_large(server.port))
            for sock in held:
                sock.close()
            held.clear()
    finally:
        for sock in held:
            sock.close()
        server.stop()
    figures.append(
        Figure(
            BENCH,
            "new client, full server p50",
            percentile(full, 50) * 1000,
            "ms",
            percentile(idle, 50) * 1000,
            "idle server",
            "value:<1000",
        )
    )
    figures.append(
        Figure(
            BENCH,
            "new client, full server max",
            max(full) * 1000,
            "ms",
            max(idle) * 1000,
            "idle server",
            "value:<1000",
        )
    )
    figures.append(
        Figure(
            BENCH,
            "413 for a 50 MB body p50",
            percentile(large, 50) * 1000,
            "ms",
            percentile(idle, 50) * 1000,
            "GET /",
        )
    )
    return figures


if __name__ == "__main__":
    run_main(run, __doc__.splitlines()[0])
