"""``python -m fake_server.demo``: the create, schedule, export, access flow.

Starts a fake Manila in-process on 127.0.0.1 (a free port), then drives it
with openstack_sfs exactly as you would drive a real cloud, printing each
step: the share is created, the scheduler places it on a pool, the
backend's driver exports it, and an IP access rule becomes active.
"""

from __future__ import annotations

import sys
import time

import openstack_sfs
from fake_server.fixture import FakeManila

WAIT = 30


def step(text: str) -> None:
    """Print one step of the demo."""
    print(f"--> {text}", flush=True)


def run() -> int:
    """Run the demo; return a process exit code."""
    started = time.monotonic()
    with FakeManila() as fake:
        step(
            f"fake Manila is up at {fake.base_url} (Keystone {fake.auth_url})"
        )
        conn = openstack_sfs.connect(
            load_yaml_config=False,
            load_envvars=False,
            **fake.credentials("demo"),
        )
        admin = openstack_sfs.connect(
            load_yaml_config=False,
            load_envvars=False,
            **fake.credentials("admin"),
        )
        sfs = conn.shared_file_system
        data = sfs.get_endpoint_data()
        top = data.max_microversion if data is not None else None
        shown = f"{top[0]}.{top[1]}" if top else "unknown"
        step(
            f"authenticated as demo; server offers microversions up to {shown}"
        )

        share = sfs.create_share(
            name="demo-share",
            size=1,
            share_protocol="NFS",
            description="made by the openstack_sfs demo",
        )
        step(f"created share {share.name} ({share.id}), status {share.status}")
        share = sfs.wait_for_status(
            share, "available", failures=["error"], interval=0.05, wait=WAIT
        )
        step(f"share is {share.status}")

        placed = admin.shared_file_system.get_share(share.id)
        step(
            f"scheduler placed it on pool {placed.host} "
            f"(availability zone {placed.availability_zone})"
        )

        locations = list(sfs.export_locations(share))
        for location in locations:
            step(
                f"driver exported it at {location.path} "
                f"(preferred={location.is_preferred})"
            )

        rule = sfs.create_access_rule(
            share,
            access_type="ip",
            access_to="10.0.0.0/24",
            access_level="rw",
        )
        step(
            f"granted {rule.access_type} access to {rule.access_to}: "
            f"state {rule.state}"
        )
        rule = sfs.wait_for_status(
            rule,
            "active",
            failures=["error"],
            interval=0.05,
            wait=WAIT,
            attribute="state",
        )
        step(
            f"access rule {rule.id} is {rule.state}: "
            f"{rule.access_to} may mount {locations[0].path} "
            f"{rule.access_level}"
        )
        share = sfs.get_share(share.id)
        step(f"share access_rules_status is {share.access_rules_status}")

        sfs.delete_share(share)
        sfs.wait_for_delete(share, interval=0.05, wait=WAIT)
        step("deleted the share")
        conn.close()
        admin.close()
    step(f"done in {time.monotonic() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(run())
