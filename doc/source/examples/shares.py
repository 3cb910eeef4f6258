"""Shares: create, list, update, resize, metadata, recycle bin, manage.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/shares.py``. Against a real cloud, drop the
fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system
    admin = fake.connect("admin").shared_file_system

    share = sfs.create_share(
        share_protocol="NFS",
        size=1,
        name="share1",
        share_type="default",
        metadata={"team": "storage"},
    )  # Manila answers 200, the share is "creating"
    print("created:", share.name, share.status)
    share = sfs.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )
    print(f"ready: {share.status} {share.size} GiB {share.share_type_name}")

    for s in sfs.shares(status="available", **{"name~": "share"}):
        print("listed:", s.name, s.share_protocol)

    same = sfs.find_share("share1")
    share = sfs.update_share(same, name="share-one", description="my data")
    print("updated:", share.name, "/", share.description)

    # -- Resize and reset --
    # A resize returns at once; the share is "extending" or "shrinking"
    # until the back end is done. The waiter asks the server, so the
    # share held from before (still "available") is fine to pass.
    failures = ["error", "extending_error", "shrinking_error"]
    for new_size in (2, 1):
        sfs.resize_share(share, new_size)
        share = sfs.wait_for_status(
            share,
            "available",
            failures=failures,
            interval=0.05,
            wait=30,
        )
        print("resized:", share.size, "GiB")
    sfs.resize_share(share, 1, no_shrink=True)  # already 1 GiB: no call

    admin.resize_share(share, 3, force=True)  # admin, 2.64: no scheduler
    share = sfs.wait_for_status(
        share,
        "available",
        failures=failures,
        interval=0.05,
        wait=30,
    )
    print("force-extended:", share.size, "GiB")

    admin.reset_share_status(share, "error")  # admin only
    print("reset:", sfs.get_share(share.id).status)
    admin.reset_share_status(share, "available")

    # -- Metadata --
    sfs.set_share_metadata(share, owner="alice")  # merge (POST)
    print("metadata:", sfs.fetch_share_metadata(share).metadata)
    sfs.set_share_metadata(share, replace=True, tier="gold")  # replace (PUT)
    print("replaced:", sfs.fetch_share_metadata(share).metadata)
    item = sfs.fetch_share_metadata_item(share, "tier")
    print("item tier:", item.metadata["tier"])
    sfs.delete_share_metadata(share, ["tier"])
    print("after delete:", sfs.fetch_share_metadata(share).metadata)

    # -- Recycle bin and delete --
    sfs.soft_delete_share(share)  # 2.69: into the recycle bin
    binned = [s.name for s in sfs.shares(is_soft_deleted=True)]
    print("in recycle bin:", binned)
    sfs.restore_share(share)
    print("restored:", sfs.get_share(share.id).is_soft_deleted)

    sfs.delete_share(share)  # 202
    sfs.wait_for_delete(share, interval=0.05, wait=30)
    print("deleted:", sfs.find_share("share-one") is None)

    # -- Manage and unmanage --
    # An admin adopts a share that already exists on a back end. A real
    # back end holds it already; the fake's back ends (as Manila's dummy
    # driver) manage only what they hold, so put it there first:
    fake.plant_share("alpha", "10.0.0.10:/shares/legacy", size=1)
    adopted = admin.manage_share(
        "NFS",
        "10.0.0.10:/shares/legacy",
        "fakehost@alpha#fast",
        name="legacy",
        share_type="default",
    )
    print("managing:", adopted.status)
    adopted = admin.wait_for_status(
        adopted,
        "available",
        failures=["error", "manage_error"],
        interval=0.05,
        wait=30,
    )
    print("managed:", adopted.name, adopted.host, adopted.size, "GiB")
    # ... and lets go of it again, leaving the data on the back end.
    admin.unmanage_share(adopted)
    admin.wait_for_delete(adopted, interval=0.05, wait=30)
    print("unmanaged:", admin.find_share("legacy") is None)
