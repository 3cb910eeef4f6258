"""Code that looks up a cloud by name, tested without a cloud.

``mock_manila()`` works like moto's ``mock_aws()``: the code under test
calls ``openstack.connect(cloud="prod")`` unchanged, and inside the
``with`` block (or a decorated function) that cloud is an in-process fake
Manila. Run: ``python doc/source/examples/mock_manila.py``.
"""

from __future__ import annotations

import openstack

from fake_server import mock_manila


def provision(cloud: str, name: str) -> str:
    """Application code: knows nothing about the fake."""
    conn = openstack.connect(cloud=cloud)
    try:
        share = conn.shared_file_system.create_share(
            name=name, size=1, share_proto="NFS"
        )
        return str(share.status)
    finally:
        conn.close()


with mock_manila() as fake:
    print("created:", provision("prod", "reports"))
    admin = fake.connect("admin")
    names = [
        s.name for s in admin.shared_file_system.shares(all_projects=True)
    ]
    print("on the fake:", names)
    admin.close()


@mock_manila(clouds=["staging"])
def check() -> None:
    print("decorated:", provision("staging", "scratch"))


check()

try:
    openstack.connect(cloud="prod")
except openstack.exceptions.ConfigException as error:
    print("outside:", error)
