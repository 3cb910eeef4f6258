"""Share migration: move a share to another back end in two phases.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/share_migration.py``. Share migration is an
admin API. Against a real cloud, drop the fixture and connect with
``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    admin = fake.connect("admin").shared_file_system

    share = admin.create_share(
        share_protocol="NFS", size=1, share_type="dhss_false"
    )
    share = admin.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )
    source = share.host.partition("#")[0]
    target = (
        "fakehost@beta" if source == "fakehost@alpha" else ("fakehost@alpha")
    )

    # phase 1: the driver copies the data; the share is "migrating"
    started = admin.start_share_migration(
        share,
        target,
        writable=True,
        preserve_metadata=True,
        preserve_snapshots=True,
        nondisruptive=False,
    )
    print("started:", started)
    share = admin.wait_for_status(
        share,
        "migration_driver_phase1_done",
        failures=["migration_error"],
        attribute="task_state",
        interval=0.05,
        wait=30,
    )
    progress = admin.get_share_migration_progress(share)
    print(
        "phase 1:", share.status, progress.task_state, progress.total_progress
    )

    # phase 2: switch over to the destination
    admin.complete_share_migration(share)
    share = admin.wait_for_status(
        share,
        "migration_success",
        failures=["migration_error"],
        attribute="task_state",
        interval=0.05,
        wait=30,
    )
    print("done:", share.status, share.host.partition("#")[0] == target)

    # nothing to do: Manila answers 200 and sets migration_success at once
    print("again:", admin.start_share_migration(share, share.host))
