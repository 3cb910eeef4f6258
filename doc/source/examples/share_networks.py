"""Share networks and their subnets, and a share placed on one.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/share_networks.py``. Against a real cloud,
drop the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from openstack import exceptions

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    conn = fake.connect("demo")
    sfs = conn.shared_file_system

    # A share network names a Neutron network and one of its subnets
    # (openstacksdk's network proxy; the fake plays a minimal Neutron).
    neutron_net = conn.network.create_network(name="web")
    neutron_subnet = conn.network.create_subnet(
        network_id=neutron_net.id, ip_version=4, cidr="10.20.0.0/24"
    )
    net = sfs.create_share_network(
        name="tenant-net",
        neutron_net_id=neutron_net.id,
        neutron_subnet_id=neutron_subnet.id,
    )
    for sn in sfs.share_networks(name="tenant-net"):
        subnets = len(sn.share_network_subnets)
        print(f"network: {sn.name} {sn.status}, subnets: {subnets}")

    sfs.update_share_network(net, description="for the web tier")
    net = sfs.find_share_network("tenant-net")
    print("description:", net.description)

    # A share of a DHSS=True type needs a share network; Manila creates a
    # share server on it.
    share = sfs.create_share(
        share_protocol="NFS",
        size=1,
        share_type="dhss_true",
        share_network_id=net.id,
    )
    share = sfs.wait_for_status(
        share, "available", failures=["error"], interval=0.05, wait=30
    )
    print("share on network:", share.share_network_id == net.id)
    # The share server took its addresses from the Neutron subnet, whose
    # details Manila's Neutron plugin copied onto the share network subnet.
    (details,) = sfs.get_share_network(net).share_network_subnets
    print("subnet from Neutron:", details["cidr"], details["gateway"])
    export = next(e for e in sfs.export_locations(share) if e.is_preferred)
    print("export:", export.path.split(":")[0])

    try:
        sfs.update_share_network(net, neutron_subnet_id=neutron_subnet.id)
    except exceptions.ForbiddenException as exc:
        print("network in use, update refused:", exc.status_code)
    try:
        sfs.delete_share_network(net)
    except exceptions.ConflictException as exc:
        print("network in use, delete refused:", exc.status_code)

    sfs.delete_share(share)
    sfs.wait_for_delete(share, interval=0.05, wait=30)

    # -- Subnets --
    multi = sfs.create_share_network(name="multi-az")
    subnet = sfs.create_share_network_subnet(
        multi,
        availability_zone="nova",
        neutron_net_id=neutron_net.id,
        neutron_subnet_id=neutron_subnet.id,
        metadata={"tier": "web"},  # 2.78
    )
    for s in sfs.share_network_subnets(multi):
        print("subnet: zone", s.availability_zone, "metadata", s.metadata)

    # Subnet metadata (2.78); from 2.89 Manila passes it to the driver.
    sfs.set_share_network_subnet_metadata(multi, subnet, owner="ops")
    sfs.update_share_network_subnet_metadata_item(multi, subnet, "tier", "db")
    fetched = sfs.fetch_share_network_subnet_metadata(multi, subnet)
    print("subnet metadata:", fetched.metadata)
    sfs.delete_share_network_subnet_metadata(multi, subnet, ["owner"])

    sfs.delete_share_network_subnet(multi, subnet)
    sfs.delete_share_network(multi)  # 202
    print("networks left:", [n.name for n in sfs.share_networks()])
