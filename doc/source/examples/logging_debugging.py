"""Seeing what goes over the wire: SDK logging and the fake's request log.

Run: ``python doc/source/examples/logging_debugging.py``.
"""

from __future__ import annotations

import io
import logging

import openstack

from fake_server.fixture import FakeManila

# openstacksdk and keystoneauth log through the standard logging module;
# http_debug=True adds each request and response (secrets masked).
stream = io.StringIO()
openstack.enable_logging(debug=True, http_debug=True, stream=stream)

with FakeManila() as fake:
    conn = fake.connect("demo")
    sfs = conn.shared_file_system
    share = sfs.create_share(share_protocol="NFS", size=1)
    conn.close()

    logged = stream.getvalue()
    print("curl lines logged:", "REQ: curl -g -i -X POST" in logged)
    print("password hidden:", "'password'" not in logged)

    # The fake keeps a bounded log of the requests it served (the same
    # entries `python -m fake_server --access-log` prints).
    for entry in fake.control("GET", "requests")["requests"]:
        if entry["path"].startswith("/v2/shares"):
            print(
                "served:",
                entry["method"],
                entry["path"],
                entry["status"],
                entry["microversion"],
            )

logging.getLogger("openstack").handlers.clear()
logging.getLogger("keystoneauth").handlers.clear()
