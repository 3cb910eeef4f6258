"""Back a share up and restore it (2.80, experimental API).

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/share_backups.py``. Against a real cloud,
drop the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system

    share = sfs.create_share(share_protocol="NFS", size=1, name="data")
    share = sfs.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )

    backup = sfs.create_share_backup(share_id=share.id, name="nightly")
    backup = sfs.wait_for_status(
        backup, "available", failures=["error"], interval=0.05, wait=30
    )
    print("backup:", backup.name, backup.status, backup.size, "GiB")
    print("share:", sfs.get_share(share.id).status)

    restored = sfs.restore_share_backup(backup)
    print("restoring into the same share:", restored["share_id"] == share.id)
    share = sfs.wait_for_status(
        share,
        "available",
        failures=["backup_restoring_error"],
        interval=0.05,
        wait=30,
    )
    print("share after restore:", share.status)

    sfs.update_share_backup(backup, description="before upgrade")
    print("described:", sfs.get_share_backup(backup.id).description)
    sfs.delete_share_backup(backup)
    sfs.wait_for_delete(backup, interval=0.05, wait=30)
    print("backups left:", len(list(sfs.share_backups())))
