"""Access rules: grant, list, change, lock and revoke access to a share.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/access_rules.py``. Against a real cloud, drop
the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from openstack import exceptions

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system

    share = sfs.create_share(share_protocol="NFS", size=1, name="app-data")
    share = sfs.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )

    rule = sfs.create_access_rule(
        share,
        access_type="ip",
        access_to="10.0.0.0/24",
        access_level="rw",
        metadata={"purpose": "app"},
    )
    print("granted:", rule.access_to, rule.access_level, rule.state)
    rule = sfs.wait_for_status(
        rule,
        "active",
        failures=["error"],
        attribute="state",
        interval=0.05,
        wait=30,
    )

    for r in sfs.access_rules(share, access_type="ip"):
        print("listed:", r.access_to, r.access_level, r.state, r.metadata)

    sfs.update_access_rule(rule, "ro")  # 2.88
    sfs.set_access_rule_metadata(rule, owner="ops")  # merge, 2.45
    sfs.delete_access_rule_metadata(rule, ["purpose"])
    rule = sfs.get_access_rule(rule)
    print("changed:", rule.access_level, rule.metadata)

    sfs.delete_access_rule(rule, share)  # 202
    sfs.wait_for_delete(rule, interval=0.05, wait=30)

    # -- Locks --
    locked = sfs.create_access_rule(
        share,
        access_type="ip",
        access_to="10.1.0.5",
        access_level="ro",
        lock_visibility=True,
        lock_deletion=True,
        lock_reason="audit",
    )  # 2.82
    locked = sfs.wait_for_status(
        locked,
        "active",
        failures=["error"],
        attribute="state",
        interval=0.05,
        wait=30,
    )
    try:
        sfs.delete_access_rule(locked, share)
    except exceptions.ForbiddenException as exc:
        print("refused without unrestrict:", exc.status_code)
    sfs.delete_access_rule(locked, share, unrestrict=True)
    sfs.wait_for_delete(locked, interval=0.05, wait=30)
    print("rules left:", len(list(sfs.access_rules(share))))
