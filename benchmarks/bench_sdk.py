"""Benchmark 1: SDK overhead per call.

``get_share``, ``shares()`` (100 shares) and ``shares()`` (1,000 shares)
through openstack_sfs,
through openstacksdk's own shared-file-system proxy and through a bare
keystoneauth1 session (``session.get`` plus ``response.json()``), all
against one fake server running in this process on 127.0.0.1, port 0.

Aims: openstack_sfs no slower than openstacksdk's proxy, and within 1.5x
of the bare session.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._common import (  # noqa: E402
    MICROVERSION,
    MV_HEADER,
    Figure,
    bench_config,
    interleaved,
    run_main,
    seed_shares,
)

BENCH = "1 sdk"


def run(quick: bool = False) -> list[Figure]:
    """Measure and return the figures."""
    import openstack
    from keystoneauth1 import session as ks_session
    from keystoneauth1.identity import v3

    import openstack_sfs
    from fake_server.fixture import PASSWORD
    from fake_server.server import FakeManilaServer

    server = FakeManilaServer(bench_config(), host="127.0.0.1", port=0)
    server.start()
    try:
        ids = seed_shares(server.cloud, 100)
        share_id = ids[0]
        auth_url = server.base_url + "/identity/v3"
        creds = {
            "auth_url": auth_url,
            "username": "demo",
            "password": PASSWORD,
            "project_name": "demo",
            "user_domain_name": "Default",
            "project_domain_name": "Default",
            "region_name": "RegionOne",
        }
        ours = openstack_sfs.connect(
            load_yaml_config=False, load_envvars=False, **creds
        )
        theirs = openstack.connect(
            load_yaml_config=False, load_envvars=False, **creds
        )
        creds.pop("region_name")
        bare = ks_session.Session(auth=v3.Password(**creds))
        base = server.base_url + "/v2"
        headers = {MV_HEADER: MICROVERSION}
        ours_sfs = ours.shared_file_system
        theirs_sfs = theirs.shared_file_system

        def bare_get() -> object:
            return bare.get(
                f"{base}/shares/{share_id}", headers=headers
            ).json()["share"]

        def bare_list() -> object:
            return bare.get(f"{base}/shares/detail", headers=headers).json()[
                "shares"
            ]

        get_calls = {
            "openstack_sfs": lambda: ours_sfs.get_share(share_id),
            "openstacksdk": lambda: theirs_sfs.get_share(share_id),
            "keystoneauth1": bare_get,
        }
        list_calls = {
            "openstack_sfs": lambda: list(ours_sfs.shares()),
            "openstacksdk": lambda: list(theirs_sfs.shares()),
            "keystoneauth1": bare_list,
        }
        # warm up: tokens, discovery, connection pools
        for fn in list(get_calls.values()) + list(list_calls.values()):
            for _ in range(3):
                fn()
        assert len(list_calls["openstack_sfs"]()) == 100
        assert len(list_calls["openstacksdk"]()) == 100
        rounds = 5 if quick else 15
        get_t = interleaved(get_calls, 20 if quick else 60, rounds)
        list_t = interleaved(list_calls, 3 if quick else 8, rounds)
        # then 900 more: the figure is a list of 1,000 shares
        seed_shares(server.cloud, 900)
        assert len(list_calls["openstack_sfs"]()) == 1000
        big_calls = {
            "openstack_sfs": list_calls["openstack_sfs"],
            "keystoneauth1": bare_list,
        }
        big_t = interleaved(big_calls, 1 if quick else 2, rounds)
        ours.close()
        theirs.close()
    finally:
        server.stop()

    figures = []
    for label, times in (("get_share", get_t), ("shares() x100", list_t)):
        figures.append(
            Figure(
                BENCH,
                f"{label} openstack_sfs vs openstacksdk",
                times["openstack_sfs"] * 1000,
                "ms",
                times["openstacksdk"] * 1000,
                "openstacksdk",
                "ratio:<=1.0",
            )
        )
        figures.append(
            Figure(
                BENCH,
                f"{label} openstack_sfs vs bare session",
                times["openstack_sfs"] * 1000,
                "ms",
                times["keystoneauth1"] * 1000,
                "keystoneauth1",
                "ratio:<=1.5",
            )
        )
    figures.append(
        Figure(
            BENCH,
            "shares() x1000 openstack_sfs vs bare session",
            big_t["openstack_sfs"] * 1000,
            "ms",
            big_t["keystoneauth1"] * 1000,
            "keystoneauth1",
            "ratio:<=1.5",
        )
    )
    return figures


if __name__ == "__main__":
    run_main(run, __doc__.splitlines()[0])
