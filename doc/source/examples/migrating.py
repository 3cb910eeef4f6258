"""Moving code from openstacksdk or python-manilaclient to openstack_sfs.

Run: ``python doc/source/examples/migrating.py``.
"""

from __future__ import annotations

import openstack
from manilaclient import client as manila_client

import openstack_sfs
from fake_server.fixture import FakeManila

with FakeManila() as fake:
    creds = fake.credentials("demo")

    # openstacksdk: the same call with openstack_sfs.connect gives this
    # SDK's proxy (every Manila API, up to microversion 2.99).
    conn = openstack_sfs.connect(
        load_yaml_config=False, load_envvars=False, **creds
    )
    sfs = conn.shared_file_system
    share = sfs.create_share(share_protocol="NFS", size=1, name="moved")
    sfs.wait_for_status(share, "available", interval=0.05, wait=30)
    print("openstack_sfs:", type(sfs).__module__, share.name)

    # An existing openstacksdk Connection (made elsewhere) can be
    # switched over without reconnecting.
    plain = openstack.connect(
        load_yaml_config=False, load_envvars=False, **creds
    )
    print("before register:", type(plain.shared_file_system).__module__)
    openstack_sfs.register(plain)
    print("after register:", type(plain.shared_file_system).__module__)

    # python-manilaclient: the same operation, for comparison.
    manila = manila_client.Client(
        "2.65",
        username=creds["username"],
        password=creds["password"],
        project_name=creds["project_name"],
        auth_url=creds["auth_url"],
        user_domain_name="Default",
        project_domain_name="Default",
    )
    print("manilaclient:", [s.name for s in manila.shares.list()])
    print("openstack_sfs:", [s.name for s in sfs.shares()])
    conn.close()
    plain.close()
