"""Export locations and share instances: where a share can be mounted.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/export_locations.py``. Against a real cloud,
drop the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system
    admin = fake.connect("admin").shared_file_system

    share = sfs.create_share(share_protocol="NFS", size=1, name="exported")
    share = sfs.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )

    # As on devstack's dummy driver: a preferred location and a second one
    for el in sfs.export_locations(share):
        print("mount:", el.path, "preferred:", el.is_preferred)

    el = next(e for e in sfs.export_locations(share) if e.is_preferred)
    el = sfs.get_export_location(el, share)  # adds created_at etc.
    print("created at:", el.created_at is not None)

    # Metadata, 2.87:
    sfs.set_export_location_metadata(el, share, speed="fast")
    item = sfs.fetch_export_location_metadata_item(el, share, "speed")
    print("metadata speed:", item.metadata["speed"])
    sfs.delete_export_location_metadata(el, share, ["speed"])

    # Admins also see the admin-only location, and which instance a
    # location belongs to:
    for el in admin.export_locations(share):
        print("admin view:", el.path, "admin only:", el.is_admin)
    print("belongs to instance:", el.share_instance_id)

    # -- Share instances --
    for inst in admin.share_instances(share=share):  # /shares/{id}/instances
        print("instance:", inst.host, inst.status)
        for iel in admin.share_instance_export_locations(inst):  # 2.9
            print("  instance mount:", iel.path)

    inst = next(iter(admin.share_instances(share=share)))
    admin.reset_share_instance_status(inst, "error")
    print("instance reset:", admin.get_share_instance(inst).status)
    admin.reset_share_instance_status(inst, "available")
    print("instances in the cloud:", len(list(admin.share_instances())))
