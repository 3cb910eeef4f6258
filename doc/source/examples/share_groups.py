"""Share groups: a group type, a group, shares in it, a group snapshot
and a new group made from that snapshot.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/share_groups.py``. Against a real cloud, drop
the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system
    admin = fake.connect("admin").shared_file_system

    # -- Group types --
    default = sfs.get_default_share_group_type()
    print("default group type:", default.name, default.is_default)
    gold = admin.create_share_group_type(
        "gold",
        ["default", "dhss_false"],  # share type names or IDs
        group_specs={"consistent_snapshot_support": "pool"},
    )
    admin.update_share_group_type_group_spec(gold, "tier", "1")
    print("group specs:", admin.get_share_group_type_group_specs(gold))

    # -- Groups and their shares --
    group = sfs.create_share_group(
        name="databases", share_group_type_id=gold.id
    )
    group = sfs.wait_for_status(group, "available", interval=0.05, wait=30)
    print("group:", group.name, group.status, group.availability_zone)
    shares = []
    for name in ("data", "logs"):
        share = sfs.create_share(
            name=name, share_proto="NFS", size=1, share_group_id=group.id
        )
        shares.append(
            sfs.wait_for_status(share, "available", interval=0.05, wait=30)
        )
    print(
        "in group:",
        sorted(s.name for s in sfs.shares(share_group_id=group.id)),
    )

    # -- Group snapshots --
    snap = sfs.create_share_group_snapshot(group, name="nightly")
    snap = sfs.wait_for_status(snap, "available", interval=0.05, wait=30)
    members = sfs.share_group_snapshot_members(snap)
    print("snapshot:", snap.name, snap.status, len(members), "members")

    copy = sfs.create_share_group(
        name="copy", source_share_group_snapshot_id=snap.id
    )
    copy = sfs.wait_for_status(copy, "available", interval=0.05, wait=30)
    copied = list(sfs.shares(share_group_id=copy.id))
    print("copy:", copy.status, len(copied), "shares")

    # -- Clean up --
    # Manila wants the group of a share in a group on its delete; a share
    # with group snapshot members stays until they go; a group goes once
    # it has no shares and no snapshots.
    for share in copied:
        sfs.delete_share(share, share_group_id=copy.id)
        sfs.wait_for_delete(share, interval=0.05, wait=30)
    sfs.delete_share_group(copy)
    sfs.wait_for_delete(copy, interval=0.05, wait=30)
    sfs.delete_share_group_snapshot(snap)
    sfs.wait_for_delete(snap, interval=0.05, wait=30)
    for share in shares:
        sfs.delete_share(share, share_group_id=group.id)
        sfs.wait_for_delete(share, interval=0.05, wait=30)
    sfs.delete_share_group(group)
    sfs.wait_for_delete(group, interval=0.05, wait=30)
    print("groups left:", [g.name for g in sfs.share_groups()])
