"""Benchmark 3: time from share create to ``available``, zero delay.

A fake server runs in this process (background progression, no
configured delays). Each sample POSTs ``/v2/shares`` over HTTP and then
watches the share's record in the store (every 0.1 ms) until it is
``available``: the figure is the time from sending the request to that
moment. The reference is the create request's own round trip, so the
ratio is what the asynchronous part (scheduler, share manager, driver)
adds on top of the API call.

Aim: under 20 ms p50.
"""

from __future__ import annotations

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._common import (  # noqa: E402
    MICROVERSION,
    MV_HEADER,
    Figure,
    bench_config,
    percentile,
    run_main,
)

BENCH = "3 create"
#: give up on one share after this long (a bound, not an expectation)
TIMEOUT = 10.0


def run(quick: bool = False) -> list[Figure]:
    """Measure and return the figures."""
    import requests

    from fake_server.server import FakeManilaServer

    samples = 30 if quick else 200
    server = FakeManilaServer(bench_config(), host="127.0.0.1", port=0)
    server.start()
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
        store = server.cloud.store
        to_available: list[float] = []
        round_trip: list[float] = []
        stuck = 0
        for index in range(samples + 5):
            begin = time.perf_counter()
            response = http.post(url, data=body, headers=headers, timeout=30)
            answered = time.perf_counter()
            share_id = response.json()["share"]["id"]
            deadline = begin + TIMEOUT
            status = None
            while time.perf_counter() < deadline:
                record = store.get("shares", share_id)
                status = record and record["status"]
                if status in ("available", "error"):
                    break
                time.sleep(0.0001)
            done = time.perf_counter()
            if status != "available":
                stuck += 1
                continue
            if index >= 5:  # the first few warm the threads up
                to_available.append(done - begin)
                round_trip.append(answered - begin)
    finally:
        http.close()
        server.stop()
    name = "create->available"
    if stuck:
        name += f" ({stuck} not available)"
    return [
        Figure(
            BENCH,
            f"{name} p50",
            percentile(to_available, 50) * 1000,
            "ms",
            percentile(round_trip, 50) * 1000,
            "POST round trip",
            "value:<20",
        ),
        Figure(
            BENCH,
            f"{name} p99",
            percentile(to_available, 99) * 1000,
            "ms",
            percentile(round_trip, 99) * 1000,
            "POST round trip",
        ),
    ]


if __name__ == "__main__":
    run_main(run, __doc__.splitlines()[0])
