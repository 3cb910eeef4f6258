"""What each kind of mistake raises, and what the exception carries.

Runs against an in-process fake Manila: ``python
doc/source/examples/errors.py``.
"""

from __future__ import annotations

from openstack import exceptions

from fake_server.fixture import FakeManila
from openstack_sfs import exceptions as sfs_exceptions

with FakeManila() as fake:
    conn = fake.connect("demo")
    admin = fake.connect("admin")
    sfs = conn.shared_file_system

    # 1. A misspelt keyword: TypeError naming the nearest valid one;
    #    nothing is sent.
    share = sfs.create_share(share_protocol="NFS", size=1, name="data")
    sfs.wait_for_status(share, "available", interval=0.05, wait=30)
    try:
        sfs.create_access_rule(
            share, access_type="ip", access_to="10.0.0.0/24", access_levl="ro"
        )
    except sfs_exceptions.UnknownArgument as error:
        print("typo:", error)
        print("  argument:", error.argument, "suggestion:", error.suggestion)

    # 2. A required field left out: TypeError before anything is sent.
    try:
        sfs.create_share(size=1)
    except sfs_exceptions.MissingArgument as error:
        print("missing:", error)

    # 3. A size that is not a positive integer: Manila's own words.
    try:
        sfs.resize_share(share, "big")
    except TypeError as error:
        print("bad size:", error)

    # 4. The server refuses: openstacksdk's HttpException subclasses, with
    #    Manila's message and the request id.
    try:
        sfs.get_share("00000000-0000-0000-0000-000000000000")
    except exceptions.NotFoundException as error:
        print("not found:", error.status_code, error.details)

    # 5. Waiting for a status the resource will not reach: the failure
    #    carries Manila's user message, saying why.
    demo_project = fake.project_id("demo")
    admin.shared_file_system.update_quota_set(
        demo_project, gigabytes=10000, replica_gigabytes=10000
    )
    huge = sfs.create_share(share_protocol="NFS", size=5000)
    try:
        sfs.wait_for_status(huge, "available", interval=0.05, wait=30)
    except sfs_exceptions.ResourceFailure as error:
        print("failed:", error.user_message.user_message)
        print("  detail id:", error.user_message.detail_id)

    # 6. A wait that runs out: ResourceTimeout naming the last status.
    try:
        sfs.wait_for_status(share, "error", interval=0.05, wait=0.2)
    except exceptions.ResourceTimeout as error:
        print("timeout:", "last status seen: 'available'" in str(error))

    conn.close()
    admin.close()
