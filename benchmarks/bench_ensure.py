"""Benchmark 5: ensure shares over 100,000 shares on one backend.

A cloud in manual progression gets 100,000 ``available`` shares on
``fakehost@alpha`` (records cloned from one made by the real create
path, so they have every field). The backend's export address then
changes and the share manager's ``ensure_driver_resources(True)`` runs
directly, followed by ``bus.advance()`` for whatever it casts: the
figure is the time of both. Peak memory is measured in a second run
with tracemalloc (it slows code down, so never in the timed run): the
peak of what ensure allocates, next to the size of the share records.

The time reference is one bare pass computing every share's export
locations with the driver (the least an ensure must do).

Aim: under 10 s.
"""

from __future__ import annotations

import os
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._common import (  # noqa: E402
    Figure,
    bench_config,
    demo_context,
    run_main,
)

BENCH = "5 ensure"
HOST = "fakehost@alpha"


def _populate(cloud: object, count: int) -> None:
    from fake_server.share_api import shares as share_api
    from fake_server.state import new_id

    ctx = demo_context(cloud)
    template = share_api.create(cloud, ctx, {"share_proto": "NFS", "size": 1})
    cloud.bus.advance()  # type: ignore[attr-defined]
    template = cloud.store.get("shares", template["id"])  # type: ignore
    store = cloud.store  # type: ignore[attr-defined]
    manager = cloud.manager(HOST)  # type: ignore[attr-defined]
    allocated = manager.driver.allocated.setdefault("fast", {})
    for _ in range(count):
        record = dict(
            template,
            id=new_id(),
            instance_id=new_id(),
            host=HOST + "#fast",
            status="available",
        )
        record["export_locations"] = []
        store.insert("shares", record)
        manager.write_export_locations(
            record["id"], manager.driver.export_locations(record)
        )
        allocated[record["id"]] = 1
    store.delete("shares", template["id"])


def _ensure(cloud: object, address: str) -> float:
    manager = cloud.manager(HOST)  # type: ignore[attr-defined]
    manager.backend.export_address = address
    begin = time.perf_counter()
    manager.ensure_driver_resources(True)
    cloud.bus.advance()  # type: ignore[attr-defined]
    return time.perf_counter() - begin


def run(quick: bool = False) -> list[Figure]:
    """Measure and return the figures."""
    from fake_server.cloud import Cloud

    count = 10_000 if quick else 100_000
    cloud = Cloud(bench_config(progression="manual"))
    try:
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        _populate(cloud, count)
        store_bytes = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        manager = cloud.manager(HOST)
        shares = [
            s
            for s in cloud.store.select("shares")
            if s.get("host", "").startswith(HOST)
        ]
        begin = time.perf_counter()
        for share in shares:
            manager.driver.export_locations(share)
        reference = time.perf_counter() - begin
        elapsed = _ensure(cloud, "10.0.0.99")
        sample = shares[len(shares) // 2]
        moved = "10.0.0.99" in sample["export_locations"][0]["path"]
        ensured = sum(1 for s in shares if s["status"] == "available")
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        _ensure(cloud, "10.0.0.98")
        peak = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
    finally:
        cloud.close()
    note = (
        ""
        if moved and ensured == len(shares)
        else (f" (export moved: {moved}, available after: {ensured:,})")
    )
    return [
        Figure(
            BENCH,
            f"ensure {count:,} shares{note}",
            elapsed,
            "s",
            reference,
            "driver pass",
            "value:<10",
        ),
        Figure(
            BENCH,
            f"ensure {count:,} shares peak memory",
            peak / 2**20,
            "MiB",
            store_bytes / 2**20,
            "share records",
        ),
    ]


if __name__ == "__main__":
    run_main(run, __doc__.splitlines()[0])
