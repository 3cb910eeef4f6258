"""Quotas and limits: read a project's limits, change its quotas (admin).

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/quotas_and_limits.py``. Against a real cloud,
drop the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from openstack import exceptions

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system

    share = sfs.create_share(share_protocol="NFS", size=2, name="counted")
    sfs.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )

    lim = sfs.get_limits()
    print("shares:", lim.totalSharesUsed, "of", lim.maxTotalShares)
    used, most = lim.totalShareGigabytesUsed, lim.maxTotalShareGigabytes
    print("gigabytes:", used, "of", most)
    print("rate limits:", lim.rate)  # usually empty

    # -- Quota sets --
    admin = fake.connect("admin").shared_file_system
    project = fake.project_id("demo")

    qs = sfs.get_quota_set(project)  # the project's own members may read
    print(f"quota: {qs.shares} shares, {qs.gigabytes} GiB")

    detail = admin.get_quota_set(project, usage=True)  # 2.25
    usage, reserved = detail.usage, detail.reservation
    print(f"in use: {usage['shares']} shares, {usage['gigabytes']} GiB")
    print(f"reserved: {reserved['shares']} shares")

    admin.update_quota_set(project, shares=100, gigabytes=-1)  # -1: no limit
    admin.update_quota_set(project, share_type="default", shares=10)  # 2.39
    per_type = admin.get_quota_set(project, share_type="default")
    print("per type:", per_type.shares)
    try:
        admin.update_quota_set(project, shares=0)  # below usage: 400
    except exceptions.BadRequestException as exc:
        print("refused:", exc.status_code)
    admin.update_quota_set(project, shares=0, force=True)
    print("after update:", admin.get_quota_set(project).shares)

    print("defaults:", admin.get_quota_set_defaults(project).shares)
    admin.revert_quota_set(project)  # 202: back to the defaults
    print("after revert:", admin.get_quota_set(project).shares)

    # -- Quota class sets --
    qcs = admin.get_quota_class_set("default")
    print("class default:", qcs.shares)
    admin.update_quota_class_set("default", shares=60)
    print("project now:", admin.get_quota_set(project).shares)
