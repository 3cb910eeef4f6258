"""Benchmark 8: the web console's pages at 10,000 shares, server-side.

A cloud in manual progression gets its shares from one made by the real
create path, cloned with new ids across three projects, two backends and
three statuses (the API path would spend minutes creating them and is
measured by the other benchmarks). Each page is then requested through the
WSGI app (``falcon.testing``: no socket, so the figure is the server's own
time) as a signed-in console user, and its median over repeated renders is
reported next to the same page of a cloud of 100 shares.

Aim: the overview renders in under 200 ms at 10,000 shares.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._common import (  # noqa: E402
    Figure,
    bench_config,
    demo_context,
    run_main,
)

BENCH = "8 console"
STATUSES = ("available", "available", "available", "error", "extending")


def _cloud(count: int) -> tuple[Any, Any, str]:
    import falcon.testing

    from fake_server.app import build_app
    from fake_server.cloud import Cloud
    from fake_server.share_api import shares as share_api
    from fake_server.state import new_id

    cloud = Cloud(bench_config(progression="manual"))
    ctx = demo_context(cloud)
    template = share_api.create(cloud, ctx, {"share_proto": "NFS", "size": 1})
    cloud.bus.advance()
    template = cloud.store.get("shares", template["id"])
    projects = [ctx.project_id, "p-" + new_id()[:8], "p-" + new_id()[:8]]
    for index in range(count - 1):
        cloud.store.insert(
            "shares",
            dict(
                template,
                id=new_id(),
                instance_id=new_id(),
                name=f"share-{index}",
                project_id=projects[index % 3],
                host="fakehost@" + ("alpha#fast", "beta#slow")[index % 2],
                status=STATUSES[index % len(STATUSES)],
            ),
        )
    client = falcon.testing.TestClient(build_app(cloud))
    return cloud, client, template["id"]


def _median_ms(client: Any, path: str, token: str, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        begin = time.perf_counter()
        result = client.simulate_get(
            path, headers={"X-Fake-Control-Token": token}
        )
        samples.append(time.perf_counter() - begin)
        if result.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {result.status_code}")
    return statistics.median(samples) * 1000


def run(quick: bool = False) -> list[Figure]:
    """Measure and return the figures."""
    count = 2_000 if quick else 10_000
    repeat = 5 if quick else 15
    pages = {
        "overview": "/_console/",
        "shares table, page 1": "/_console/resources/shares",
        "shares table, filtered and sorted": (
            "/_console/resources/shares?status=error&backend=alpha"
            "&sort=name&dir=asc"
        ),
        "shares table, last page": "/_console/resources/shares?page=10000",
        "share page (timeline, API view)": "/_console/resources/shares/{id}",
        "events": "/_console/events",
    }
    results: dict[int, dict[str, float]] = {}
    for size in (100, count):
        cloud, client, share_id = _cloud(size)
        try:
            results[size] = {
                name: _median_ms(
                    client,
                    path.format(id=share_id),
                    cloud.control_token,
                    repeat,
                )
                for name, path in pages.items()
            }
        finally:
            cloud.close()
    return [
        Figure(
            BENCH,
            f"{name} at {count:,} shares",
            results[count][name],
            "ms",
            results[100][name],
            "same at 100",
            "value:<200" if name == "overview" else "",
        )
        for name in pages
    ]


if __name__ == "__main__":
    run_main(run, __doc__.splitlines()[0])
