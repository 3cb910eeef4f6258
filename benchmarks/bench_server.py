"""Benchmark 2: fake server throughput and latency.

Requests per second and p50/p99 latency of share show, share list
(``/shares/detail`` over 1,000 shares) and share create, with 1, 4 and
16 concurrent clients. The server runs in a second process (so client
and server do not share a GIL); the clients are threads in this process,
each with its own keep-alive ``http.client`` connection (lighter than
requests, so the clients are not what limits the figure). The
reference is a minimal WSGI app on the same stack (waitress, same
settings, own process) returning a fixed body of the size of a share
show: the ceiling of this stack. Every client loop is bounded by a
request count and a time budget.

Aim: show at least half of the ceiling.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._common import (  # noqa: E402
    MICROVERSION,
    MV_HEADER,
    ROOT,
    Figure,
    percentile,
    run_main,
)

BENCH = "2 server"
CONCURRENCY = (1, 4, 16)


@contextmanager
def serve(*args: str) -> Iterator[dict[str, Any]]:
    """Run ``_serve.py`` with ``args``; yield its JSON hello line."""
    proc = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "benchmarks", "_serve.py"), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("server process did not start")
        yield json.loads(line)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def token(port: int) -> str:
    """A project-scoped token for ``demo``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = {
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
    conn.request(
        "POST",
        "/identity/v3/auth/tokens",
        json.dumps(body),
        {"Content-Type": "application/json"},
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    return str(response.getheader("X-Subject-Token"))


def load(
    port: int,
    method: str,
    path: str,
    body: bytes | None,
    headers: dict[str, str],
    clients: int,
    budget: float,
    max_requests: int,
) -> tuple[float, list[float], int]:
    """Run ``clients`` threads hitting one URL.

    :returns: (requests per second, latencies in seconds, errors)
    """
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start_gate = threading.Barrier(clients + 1)
    per_client = max(1, max_requests // clients)

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = latencies[index]
        start_gate.wait()
        deadline = time.perf_counter() + budget
        for _ in range(per_client):
            begin = time.perf_counter()
            if begin > deadline:
                break
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - begin)
            if response.status >= 400:
                errors[index] += 1
        conn.close()

    threads = [
        threading.Thread(target=client, args=(i,), daemon=True)
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    start_gate.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join(timeout=budget + 120)
    elapsed = time.perf_counter() - began
    flat = [x for chunk in latencies for x in chunk]
    return len(flat) / elapsed, flat, sum(errors)


def run(quick: bool = False, threads: int | None = None) -> list[Figure]:
    """Measure and return the figures.

    Both servers run at once (the idle one costs nothing); for every
    case and client count the fake and the reference take turns in
    short rounds, so a drift of the machine hits both alike. Requests
    per second is the median over rounds; latencies pool every round.

    :param threads: waitress threads of both servers (default: the fake
        server's own default).
    """
    rounds = 3 if quick else 5
    budget = (0.5 if quick else 1.6) / rounds
    shares = 200 if quick else 1000
    scale = 4 if quick else 1
    extra = ["--threads", str(threads)] if threads else []
    samples: dict[tuple[str, int], list[tuple[float, list[float], int]]] = {}
    with contextlib.ExitStack() as stack:
        hello = stack.enter_context(
            serve("fake", "--shares", str(shares), *extra)
        )
        port = hello["port"]
        share_id = hello["share_ids"][0]
        headers = {
            "X-Auth-Token": token(port),
            MV_HEADER: MICROVERSION,
            "Content-Type": "application/json",
        }
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", f"/v2/shares/{share_id}", None, headers)
        show_body = conn.getresponse().read()
        conn.close()
        handle = stack.enter_context(
            tempfile.NamedTemporaryFile(suffix=".json")
        )
        handle.write(show_body)
        handle.flush()
        fixed_port = stack.enter_context(
            serve("fixed", "--body-file", handle.name, *extra)
        )["port"]
        create = json.dumps(
            {"share": {"share_proto": "NFS", "size": 1, "name": "bench"}}
        ).encode()
        cases = [
            ("show", "GET", f"/v2/shares/{share_id}", None, 20_000),
            ("list", "GET", "/v2/shares/detail", None, 400),
            ("create", "POST", "/v2/shares", create, 2_000),
        ]
        for name, method, path, body, cap in cases:
            for clients in CONCURRENCY:
                for _ in range(rounds):
                    samples.setdefault(("ref " + name, clients), []).append(
                        load(
                            fixed_port,
                            "GET",
                            "/",
                            None,
                            {},
                            clients,
                            budget,
                            20_000 // scale // rounds,
                        )
                    )
                    samples.setdefault((name, clients), []).append(
                        load(
                            port,
                            method,
                            path,
                            body,
                            headers,
                            clients,
                            budget,
                            cap // scale // rounds,
                        )
                    )

    def merged(key: tuple[str, int]) -> tuple[float, list[float], int]:
        runs = samples[key]
        return (
            statistics.median(r[0] for r in runs),
            [x for r in runs for x in r[1]],
            sum(r[2] for r in runs),
        )

    figures = []
    for name in ("show", "list", "create"):
        for clients in CONCURRENCY:
            rps, lat, errors = merged((name, clients))
            ref_rps, ref_lat, _ = merged(("ref " + name, clients))
            label = f"{name} c={clients}"
            if errors:
                label += f" ({errors} errors)"
            figures.append(
                Figure(
                    BENCH,
                    f"{label} req/s",
                    rps,
                    "/s",
                    ref_rps,
                    "fixed body",
                    "ratio:>=0.5" if name == "show" else "",
                )
            )
            figures.append(
                Figure(
                    BENCH,
                    f"{label} p50",
                    percentile(lat, 50) * 1000,
                    "ms",
                    percentile(ref_lat, 50) * 1000,
                    "fixed body",
                )
            )
            figures.append(
                Figure(
                    BENCH,
                    f"{label} p99",
                    percentile(lat, 99) * 1000,
                    "ms",
                    percentile(ref_lat, 99) * 1000,
                    "fixed body",
                )
            )
    return figures


if __name__ == "__main__":
    run_main(run, __doc__.splitlines()[0])
