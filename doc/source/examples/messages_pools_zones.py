"""User messages, storage pools and availability zones.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/messages_pools_zones.py``. Against a real
cloud, drop the fixture and connect with
``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from openstack import exceptions

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system
    admin = fake.connect("admin").shared_file_system

    # Ask for more space than any back end has: the API accepts the
    # share, then the scheduler finds no pool for it. (The default type
    # replicates, so its shares also count against replica_gigabytes.)
    admin.update_quota_set(
        fake.project_id("demo"), gigabytes=-1, replica_gigabytes=-1
    )
    share = sfs.create_share(share_protocol="NFS", size=5000, name="huge")
    try:
        sfs.wait_for_status(
            share, "available", failures=["error"], interval=0.05, wait=30
        )
    except exceptions.ResourceFailure:
        print("share status:", sfs.get_share(share.id).status)

    for msg in sfs.user_messages(
        resource_id=share.id, sort_key="created_at", sort_dir="desc"
    ):
        print("message:", msg.resource_type, msg.action_id, msg.detail_id)
        print("  ", msg.user_message)
        sfs.delete_user_message(msg)  # answers 204
    print("messages left:", len(list(sfs.user_messages())))

    # -- Storage pools --
    for pool in admin.storage_pools(backend="alpha"):
        caps = pool.capabilities
        free = caps["free_capacity_gb"]
        dhss = caps["driver_handles_share_servers"]
        print(f"pool: {pool.name} {free} GiB free, dhss: {dhss}")

    # Pools able to host a share type (2.23):
    names = [p.name for p in admin.storage_pools(share_type="dhss_true")]
    print("pools for dhss_true:", names)

    # -- Availability zones --
    for az in sfs.availability_zones():
        print("zone:", az.name)
