"""Share types: list and find them; create, change and delete one (admin).

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/share_types.py``. Against a real cloud, drop
the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system

    for st in sfs.share_types():
        dhss = st.extra_specs["driver_handles_share_servers"]
        print(f"type: {st.name}, default: {st.is_default}, dhss: {dhss}")

    default = sfs.get_default_share_type()  # GET /types/default
    print("default type:", default.name)
    dhss_false = sfs.find_share_type("dhss_false")
    print("found:", dhss_false.name, dhss_false.id)
    with_servers = sfs.share_types(
        extra_specs={"driver_handles_share_servers": "True"}  # 2.43
    )
    print("with share servers:", [st.name for st in with_servers])

    # -- Create, change, delete --
    admin = fake.connect("admin").shared_file_system
    demo_project = fake.project_id("demo")

    st = admin.create_share_type(
        "gold",
        description="fast NFS",  # 2.41
        extra_specs={
            "driver_handles_share_servers": "False",
            "snapshot_support": "True",
        },
        is_public=False,
    )
    print("created:", st.name, "public:", st.is_public)
    st = admin.update_share_type(st, description="faster NFS")  # 2.50
    print("description:", st.description)

    admin.update_share_type_extra_specs(st, mount_snapshot_support="True")
    print("extra specs:", admin.get_share_type_extra_specs(st))
    value = admin.get_share_type_extra_spec(st, "snapshot_support")
    print("snapshot_support:", value)
    admin.delete_share_type_extra_spec_property(st, "mount_snapshot_support")

    # Private types: which projects may use them.
    print("demo sees gold:", sfs.find_share_type("gold") is not None)
    admin.add_share_type_access(st, demo_project)
    projects = [a["project_id"] for a in admin.share_type_access(st)]
    print("demo in access list:", demo_project in projects)
    print("demo sees gold:", sfs.find_share_type("gold") is not None)

    share = sfs.create_share(share_protocol="NFS", size=1, share_type="gold")
    share = sfs.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )
    print("share of type:", share.share_type_name)
    sfs.delete_share(share)
    sfs.wait_for_delete(share, interval=0.05, wait=30)

    admin.remove_share_type_access(st, demo_project)
    admin.delete_share_type(st)
    print("gold deleted:", admin.find_share_type("gold") is None)
