"""Ensure shares: re-export a back end's shares after a config change.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/ensure_shares.py``. Against a real cloud, drop
the fixture and the control API call, and connect with ``cloud="..."``.
"""

from __future__ import annotations

from fake_server.fixture import FakeManila



def preferred_paths(sfs, share):
    """The paths to mount: the preferred export locations."""
    return [el.path for el in sfs.export_locations(share) if el.is_preferred]


with FakeManila() as fake:
    admin = fake.connect("admin").shared_file_system

    # two shares, one on each DHSS False back end
    shares = {}
    for host in ("fakehost@alpha", "fakehost@beta"):
        share = admin.create_share(
            size=1,
            share_protocol="NFS",
            scheduler_hints={"only_host": host + "#fast"},  # a pool
        )
        shares[host] = admin.wait_for_status(
            share, "available", failures=["error"], interval=0.05, wait=30
        )
        print(host, preferred_paths(admin, share))

    # the operator moves alpha's data address (on real storage: edit
    # manila.conf or the appliance; here: the fake's control API)
    fake.control("PATCH", "backends/alpha", {"export_address": "10.0.0.99"})

    # re-check alpha's shares only; no service restart, beta untouched.
    # Manila starts the run in the background: the waiter waits for the
    # run this request started, reporting the share of shares ensured
    admin.ensure_shares("fakehost@alpha")
    service = admin.wait_for_service_ensured(
        "fakehost@alpha",
        interval=0.05,
        wait=30,
        callback=lambda percent: None,
    )
    fake.wait_idle()
    print("ensuring:", service.ensuring)

    for host, share in shares.items():
        share = admin.get_share(share.id)
        print(host, share.status, preferred_paths(admin, share))
