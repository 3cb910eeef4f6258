"""Give a share to another project with a share transfer (2.77).

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/share_transfers.py``. Against a real cloud,
drop the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from openstack import exceptions

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    giver = fake.connect("demo").shared_file_system
    taker = fake.connect("alt_demo").shared_file_system

    share = giver.create_share(share_protocol="NFS", size=1, name="data")
    share = giver.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )

    # The giver offers the share and passes id and auth_key on.
    transfer = giver.create_share_transfer(share_id=share.id, name="data")
    print("offered:", giver.get_share(share.id).status)
    print("key length:", len(transfer.auth_key))
    for t in giver.share_transfers(details=True):
        print("pending:", t.name, t.resource_type, t.accepted)

    try:
        taker.accept_share_transfer(transfer.id, auth_key="0" * 16)
    except exceptions.BadRequestException as exc:
        print("wrong key:", exc.status_code)

    taker.accept_share_transfer(transfer.id, auth_key=transfer.auth_key)
    moved = taker.get_share(share.id)
    print("accepted:", moved.status, moved.project_id != share.project_id)
    print("left with giver:", len(list(giver.shares())))
