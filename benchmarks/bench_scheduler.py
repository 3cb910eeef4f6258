"""Benchmark 4: scheduler scale, 1,000 pools and 10,000 creates.

Two figures:

- ``schedule()`` alone, the pure function over hand-made pool states:
  1,000 pools (10 backends of 100 pools, mixed thick and thin, NFS and
  CIFS, a few DHSS True), 10,000 placements of the default share type
  (sizes 1 to 10 GiB); after each placement the chosen pool's capacity
  is charged, as the driver would.
- the same through the cloud: ``share_api.shares.schedule_create`` on a
  :class:`fake_server.cloud.Cloud` configured with 10 backends of 100
  pools (manual progression; the share manager's create runs after
  each placement, untimed, so capacities move).

The reference is one bare pass over the pools picking the most free
space (the least any scheduler has to do). Each loop is bounded by a
count and by a time budget; the figure says how many placements ran.

Aim: under 1 ms per placement.
"""

from __future__ import annotations

import copy
import os
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

BENCH = "4 scheduler"
BACKENDS = 10
POOLS_PER_BACKEND = 100


def make_pools() -> list[Any]:
    """1,000 hand-made pool states shaped like the simulated driver's."""
    from fake_server.config import DEFAULT_CAPABILITIES
    from fake_server.scheduler import PoolState

    pools = []
    for b in range(BACKENDS):
        dhss = b == BACKENDS - 1
        for p in range(POOLS_PER_BACKEND):
            thin = p % 2 == 1
            caps = dict(DEFAULT_CAPABILITIES)
            caps.update(
                {
                    "pool_name": f"pool{p}",
                    "total_capacity_gb": 100_000.0,
                    "free_capacity_gb": 100_000.0,
                    "allocated_capacity_gb": 0,
                    "provisioned_capacity_gb": 0,
                    "reserved_percentage": 5.0,
                    "reserved_snapshot_percentage": 5.0,
                    "reserved_share_extend_percentage": 5.0,
                    "max_over_subscription_ratio": 20.0,
                    "thin_provisioning": thin,
                    "driver_handles_share_servers": dhss,
                    "share_backend_name": f"BACKEND{b}",
                    "storage_protocol": "NFS_CIFS" if b % 3 else "CIFS",
                    "vendor_name": "Fake Manila",
                    "driver_version": "1.0",
                    "replication_domain": "replica_domain_store1",
                    "replication_type": "readable",
                    "ipv4_support": True,
                    "ipv6_support": True,
                    "security_service_update_support": False,
                    "network_allocation_update_support": False,
                    "share_server_multiple_subnet_support": False,
                }
            )
            pools.append(
                PoolState("fakehost", f"backend{b}", f"pool{p}", "nova", caps)
            )
    return pools


def charge(pool: Any, size: int) -> None:
    """Charge ``size`` GiB to ``pool`` as the simulated driver reports."""
    caps = pool.capabilities
    caps["provisioned_capacity_gb"] += size
    caps["allocated_capacity_gb"] += size
    used = size * (0.1 if caps["thin_provisioning"] else 1.0)
    caps["free_capacity_gb"] = round(caps["free_capacity_gb"] - used, 2)


def bare_pick(pools: list[Any]) -> Any:
    """The reference: one pass, most free space."""
    best = None
    most = -1.0
    for pool in pools:
        free = pool.capabilities["free_capacity_gb"]
        if free > most:
            best, most = pool, free
    return best


def pure(count: int, budget: float) -> tuple[float, float, int]:
    """Seconds per placement of ``schedule`` and of the bare pass."""
    from fake_server import scheduler
    from fake_server.config import default_share_types

    extra_specs = dict(default_share_types()[0].extra_specs)
    pools = make_pools()
    ref_pools = copy.deepcopy(pools)
    spent = ref_spent = 0.0
    done = 0
    deadline = time.perf_counter() + budget
    for index in range(count):
        if time.perf_counter() > deadline:
            break
        spec = scheduler.RequestSpec(
            size=1 + index % 10,
            share_proto="NFS",
            extra_specs=dict(extra_specs),
        )
        begin = time.perf_counter()
        candidates = scheduler.schedule(spec, pools)
        spent += time.perf_counter() - begin
        if not candidates:
            raise RuntimeError("no valid pool: benchmark set-up is wrong")
        charge(candidates[0], spec.size)
        begin = time.perf_counter()
        chosen = bare_pick(ref_pools)
        ref_spent += time.perf_counter() - begin
        charge(chosen, spec.size)
        done += 1
    return spent / done, ref_spent / done, done


def through_cloud(count: int, budget: float) -> tuple[float, float, int]:
    """Seconds per ``schedule_create`` on a 1,000-pool cloud (and the
    bare pass over that cloud's pool states)."""
    from fake_server.cloud import Cloud
    from fake_server.config import BackendConfig, PoolConfig
    from fake_server.share_api import shares as share_api

    cfg = bench_config(progression="manual")
    cfg.backends = [
        BackendConfig(
            name=f"backend{b}",
            share_backend_name=f"BACKEND{b}",
            export_address=f"10.0.{b}.10",
            replication_domain="replica_domain_store1",
            replication_type="readable",
            pools=[
                PoolConfig(f"pool{p}", 100_000.0, 5.0, p % 2 == 1)
                for p in range(POOLS_PER_BACKEND)
            ],
        )
        for b in range(BACKENDS)
    ]
    cloud = Cloud(cfg)
    try:
        ctx = demo_context(cloud)
        template = share_api.create(
            cloud, ctx, {"share_proto": "NFS", "size": 1}
        )
        cloud.bus.clear()
        spent = ref_spent = 0.0
        done = 0
        deadline = time.perf_counter() + budget
        for index in range(count):
            if time.perf_counter() > deadline:
                break
            record = dict(template, size=1 + index % 10, export_locations=[])
            del record["id"]
            share_id = cloud.store.insert("shares", record)["id"]
            begin = time.perf_counter()
            share_api.schedule_create(cloud, share_id)
            spent += time.perf_counter() - begin
            begin = time.perf_counter()
            bare_pick(cloud.pools())
            ref_spent += time.perf_counter() - begin
            cloud.bus.advance()  # the share manager creates it (untimed)
            done += 1
        placed = cloud.store.get("shares", share_id)
        if placed is None or placed["status"] != "available":
            raise RuntimeError("placement failed: benchmark set-up is wrong")
    finally:
        cloud.close()
    return spent / done, ref_spent / done, done


def run(quick: bool = False) -> list[Figure]:
    """Measure and return the figures."""
    count = 10_000
    budget = 3.0 if quick else 20.0
    pure_t, pure_ref, pure_n = pure(count if not quick else 1000, budget)
    cloud_t, cloud_ref, cloud_n = through_cloud(
        count if not quick else 300, budget
    )
    return [
        Figure(
            BENCH,
            f"schedule(), 1,000 pools ({pure_n:,} placed)",
            pure_t * 1000,
            "ms",
            pure_ref * 1000,
            "bare pass",
            "value:<1",
        ),
        Figure(
            BENCH,
            f"schedule_create via Cloud ({cloud_n:,} placed)",
            cloud_t * 1000,
            "ms",
            cloud_ref * 1000,
            "cloud.pools() + bare pass",
            "value:<1",
        ),
    ]


if __name__ == "__main__":
    run_main(run, __doc__.splitlines()[0])
