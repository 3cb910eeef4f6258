"""Protect a share from deletion with a resource lock (2.81).

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/resource_locks.py``. Against a real cloud,
drop the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from openstack import exceptions

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system

    share = sfs.create_share(share_protocol="NFS", size=1, name="prod")
    share = sfs.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )

    lock = sfs.create_resource_lock(
        resource_id=share.id,
        resource_type="share",
        resource_action="delete",
        lock_reason="production data",
    )
    print(
        "locked:", lock.resource_type, lock.resource_action, lock.lock_context
    )

    try:
        sfs.delete_share(share)
    except exceptions.ForbiddenException as exc:
        print("delete refused:", exc.status_code)

    for found in sfs.resource_locks(resource_id=share.id):
        print("lock reason:", found.lock_reason)
    sfs.update_resource_lock(lock, lock_reason="migrated")
    print("updated:", sfs.get_resource_lock(lock.id).lock_reason)

    sfs.delete_resource_lock(lock)
    sfs.delete_share(share)
    sfs.wait_for_delete(share, interval=0.05, wait=30)
    print("deleted after unlocking")
