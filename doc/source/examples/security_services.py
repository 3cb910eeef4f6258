"""Security services and the share networks that use them.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/security_services.py``. Against a real
cloud, drop the fixture and connect with
``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from openstack import exceptions

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("demo").shared_file_system

    ad = sfs.create_security_service(
        type="active_directory",
        name="corp-ad",
        dns_ip="10.0.0.10",
        domain="corp.example.com",
        user="manila-svc",
        password="s3cret",
        default_ad_site="hq",
    )
    print("created:", ad.name, ad.type, ad.default_ad_site)

    net = sfs.create_share_network(name="corp-net")
    net = sfs.add_security_service_to_share_network(net, ad)
    for ss in sfs.security_services(share_network_id=net.id):
        print("on corp-net:", ss.name)

    # One service of each type per network.
    other = sfs.create_security_service(type="active_directory", name="ad2")
    try:
        sfs.add_security_service_to_share_network(net, other)
    except exceptions.ConflictException as exc:
        print("second AD refused:", exc.status_code)

    # Replace one by another of the same type (2.63).
    check = sfs.check_share_network_security_service_update(net, ad, other)
    print("compatible:", check["compatible"])
    sfs.update_share_network_security_service(net, ad, other)
    names = [s.name for s in sfs.security_services(share_network_id=net.id)]
    print("now on corp-net:", names)

    try:
        sfs.delete_security_service(other)
    except exceptions.ForbiddenException as exc:
        print("in use, delete refused:", exc.status_code)
    sfs.remove_security_service_from_share_network(net, other)
    sfs.delete_security_service(other)
    sfs.delete_security_service(ad)
    print("left:", [s.name for s in sfs.security_services()])
