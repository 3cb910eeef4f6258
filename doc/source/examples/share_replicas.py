"""Share replicas: add a readable replica, promote it, remove the old one.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/share_replicas.py``. Against a real cloud,
drop the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system
    admin = fake.connect("admin").shared_file_system

    # the share type must have a replication_type (dhss_false: readable)
    share = sfs.create_share(
        share_protocol="NFS", size=1, share_type="dhss_false"
    )
    share = sfs.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )
    print("replication:", share.replication_type, share.is_replicated)

    replica = sfs.create_share_replica(share, metadata={"site": "b"})
    print("created:", replica.status, replica.replica_state)
    replica = sfs.wait_for_status(
        replica,
        "in_sync",
        failures=["error"],
        attribute="replica_state",
        interval=0.05,
        wait=30,
    )
    print("synced:", replica.status, replica.replica_state)
    print("share has replicas:", sfs.get_share(share).is_replicated)

    for r in sfs.share_replicas(share_id=share.id):
        print("listed:", r.replica_state)

    # -- Promote --
    old_paths = [el.path for el in sfs.export_locations(share)]
    sfs.promote_share_replica(replica)  # 202; 200 if already active
    replica = sfs.wait_for_status(
        replica,
        "active",
        failures=["error"],
        attribute="replica_state",
        interval=0.05,
        wait=30,
    )
    new_paths = [el.path for el in sfs.export_locations(share)]
    print("promoted:", replica.replica_state, new_paths != old_paths)
    replica_paths = [
        el.path for el in sfs.share_replica_export_locations(replica)
    ]
    print("share exports the new active replica:", replica_paths == new_paths)

    # -- Remove the old active replica --
    old = next(
        r for r in sfs.share_replicas(share_id=share.id) if r.id != replica.id
    )
    print("old active is now:", old.replica_state)
    sfs.delete_share_replica(old)
    sfs.wait_for_delete(old, interval=0.05, wait=30)
    print("share has replicas:", sfs.get_share(share).is_replicated)

    # admins can resync or force-delete replicas, and see their hosts
    print(
        "host visible to admin:",
        admin.get_share_replica(replica).host is not None,
    )
