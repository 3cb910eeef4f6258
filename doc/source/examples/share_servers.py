"""Share servers (admin): list, inspect, manage, migrate and delete them.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/share_servers.py``. Against a real cloud,
drop the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

import time

from openstack import exceptions

from fake_server.fixture import FakeManila

# Two back ends that create share servers (DHSS True), so that a server
# can migrate from one to the other.
CONFIG = {
    "backends": [
        {
            "replace": True,  # start from no default backend
            "name": "gamma",
            "driver_handles_share_servers": True,
            "export_address": "10.254.0.1",
            "server_network": "10.254.0.0/24",
        },
        {
            "name": "delta",
            "driver_handles_share_servers": True,
            "export_address": "10.253.0.1",
            "server_network": "10.253.0.0/24",
        },
    ],
}

with FakeManila(CONFIG) as fake:
    conn = fake.connect("admin")
    sfs = conn.shared_file_system

    # devstack's shared Neutron network, seeded in the fake
    shared = conn.network.find_network("shared")
    net = sfs.create_share_network(
        name="ops-net",
        neutron_net_id=shared.id,
        neutron_subnet_id=shared.subnet_ids[0],
    )
    share = sfs.create_share(
        share_protocol="NFS",
        size=1,
        share_type="dhss_true",
        share_network_id=net.id,
        scheduler_hints={"only_host": "fakehost@gamma#pool1"},  # 2.67, a pool
    )
    share = sfs.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )

    for server in sfs.share_servers(status="active"):
        network = server.share_network_name
        print(f"server: {server.host} {server.status}, network: {network}")
    server = next(iter(sfs.share_servers(share_network_id=net.id)))
    print("details:", sorted(sfs.get_share_server_details(server)))

    try:
        sfs.delete_share_server(server)
    except exceptions.ConflictException as exc:
        print("server in use, delete refused:", exc.status_code)

    # -- Migration --
    check = sfs.check_share_server_migration(
        server,
        "fakehost@delta",
        preserve_snapshots=True,
        writable=True,
        nondisruptive=False,
    )
    print("compatible:", check["compatible"])
    if check["compatible"]:
        sfs.start_share_server_migration(
            server,
            "fakehost@delta",
            preserve_snapshots=True,
            writable=True,
            nondisruptive=False,
        )
        # The first phase runs in the background; poll until it is done.
        for _ in range(600):
            progress = sfs.get_share_server_migration_progress(server)
            if progress["task_state"] == "migration_driver_phase1_done":
                break
            time.sleep(0.05)
        print("progress:", progress["total_progress"], "%")
        sfs.complete_share_server_migration(server)
        share = sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.05,
            wait=30,
        )
        print("share now on:", share.host)

    # -- Manage and unmanage --
    # A server that was on the backend before Manila: the fake's backends,
    # as Manila's dummy driver, manage only servers they hold.
    fake.plant_share_server("gamma", "vserver-7")
    subnet = next(iter(sfs.share_network_subnets(net)))
    managed = sfs.manage_share_server(
        "fakehost@gamma",
        net.id,
        "vserver-7",
        driver_options={},
        share_network_subnet=subnet.id,  # subnet: 2.51
    )
    managed = sfs.wait_for_status(
        managed,
        "active",
        failures=["error", "manage_error"],
        interval=0.05,
        wait=30,
    )
    print("managed:", managed.identifier, managed.status)
    sfs.unmanage_share_server(managed, force=False)
    sfs.wait_for_delete(managed, interval=0.05, wait=30)
    print("unmanaged:", managed.identifier)

    # -- Delete --
    sfs.delete_share(share)
    sfs.wait_for_delete(share, interval=0.05, wait=30)
    for server in sfs.share_servers(share_network_id=net.id):
        sfs.delete_share_server(server)
        sfs.wait_for_delete(server, interval=0.05, wait=30)
    print("servers left:", len(list(sfs.share_servers())))
