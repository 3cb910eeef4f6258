"""Services: list Manila's services, disable and enable a back end.

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/services.py``. Against a real cloud, drop the
fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from openstack import exceptions

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    sfs = fake.connect("admin").shared_file_system

    for svc in sfs.services(binary="manila-share"):
        print("service:", svc.host, svc.zone, svc.status, svc.state)

    sfs.disable_service(
        None,
        "fakehost@beta",
        "manila-share",
        disable_reason="maintenance",  # needs 2.83
    )
    for svc in sfs.services(status="disabled"):
        print("disabled:", svc.host, "-", svc.disabled_reason)

    # A listed service knows its host and binary.
    beta = next(iter(sfs.services(host="fakehost@beta")))
    sfs.enable_service(beta)
    statuses = [s.status for s in sfs.services(host="fakehost@beta")]
    print("enabled again:", statuses)

    # Only admins may list services.
    try:
        list(fake.connect("demo").shared_file_system.services())
    except exceptions.ForbiddenException as exc:
        print("demo may not list services:", exc.status_code)

    # -- Ensure shares --
    sfs.ensure_shares("fakehost@alpha")
    svc = sfs.wait_for_service_ensured(
        "fakehost@alpha", interval=0.05, wait=30
    )
    print("alpha ensuring:", svc.ensuring)  # False once done
