"""Share snapshots: take, list, rename, use, mount and delete snapshots.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/snapshots.py``. Against a real cloud, drop
the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system

    share = sfs.create_share(share_protocol="NFS", size=1, name="data")
    share = sfs.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )

    snap = sfs.create_share_snapshot(
        share_id=share.id, name="nightly", metadata={"kind": "daily"}
    )  # 202, status "creating"
    print("snapshot:", snap.name, snap.status)
    snap = sfs.wait_for_status(
        snap, "available", failures=["error"], interval=0.05, wait=30
    )

    for s in sfs.share_snapshots(share_id=share.id):
        print("listed:", s.name, s.status, s.size, "GiB")

    sfs.update_share_snapshot(snap, name="nightly-1")
    snap = sfs.find_share_snapshot("nightly-1")
    print("renamed:", snap.name)

    sfs.set_share_snapshot_metadata(snap, owner="ops")  # 2.73
    sfs.delete_share_snapshot_metadata(snap, ["kind"])
    print("metadata:", sfs.fetch_share_snapshot_metadata(snap).metadata)

    # A new share from the snapshot, and the share reverted to it (2.27).
    copy = sfs.create_share(
        share_protocol="NFS", size=1, name="copy", snapshot_id=snap.id
    )
    copy = sfs.wait_for_status(
        copy, "available", failures=["error"], interval=0.05, wait=30
    )
    print("copy made from snapshot:", copy.snapshot_id == snap.id)

    sfs.revert_share_to_snapshot(share, snap)
    share = sfs.wait_for_status(
        share,
        "available",
        failures=["error", "reverting_error"],
        interval=0.05,
        wait=30,
    )
    print("reverted:", share.status)

    # -- Mountable snapshots --
    rule = sfs.create_share_snapshot_access_rule(snap, "ip", "10.0.0.0/24")
    for r in sfs.share_snapshot_access_rules(snap):
        print("snapshot rule:", r.access_to, r.state)
    for location in sfs.share_snapshot_export_locations(snap):
        print("snapshot mount:", location.path)
    sfs.delete_share_snapshot_access_rule(snap, rule.id)

    # -- Delete --
    sfs.delete_share_snapshot(snap)  # 202
    sfs.wait_for_delete(snap, interval=0.05, wait=30)
    print("deleted:", sfs.find_share_snapshot("nightly-1") is None)

    # -- Admin operations --
    admin = fake.connect("admin").shared_file_system
    stuck = sfs.create_share_snapshot(share_id=share.id, name="stuck")
    stuck = sfs.wait_for_status(
        stuck, "available", failures=["error"], interval=0.05, wait=30
    )
    admin.reset_share_snapshot_status(stuck, "error")
    print("reset:", sfs.get_share_snapshot(stuck.id).status)
    admin.delete_share_snapshot(stuck, force=True)  # whatever the status
    sfs.wait_for_delete(stuck, interval=0.05, wait=30)

    # Hand a snapshot over to the back end and adopt it again (2.12).
    kept = sfs.create_share_snapshot(share_id=share.id, name="kept")
    kept = sfs.wait_for_status(
        kept, "available", failures=["error"], interval=0.05, wait=30
    )
    provider_location = admin.get_share_snapshot(kept.id).provider_location
    admin.unmanage_share_snapshot(kept)
    sfs.wait_for_delete(kept, interval=0.05, wait=30)
    adopted = admin.manage_share_snapshot(
        share, provider_location, name="adopted", description="back again"
    )
    adopted = admin.wait_for_status(
        adopted,
        "available",
        failures=["error", "manage_error"],
        interval=0.05,
        wait=30,
    )
    print("managed:", adopted.name, adopted.status, adopted.size, "GiB")
