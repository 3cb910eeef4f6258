"""Take the web console screenshots shown in the fake-server guide.

Builds a small cloud through the SDK (shares in two projects, an extend,
an access rule, a snapshot, a failed create), stops one backend, then
photographs the main pages in headless Chromium into
``doc/source/fake_server/console/``::

    .venv/bin/python tools/console_screenshots.py
"""

from __future__ import annotations

import pathlib
import sys

from playwright.sync_api import sync_playwright

from fake_server.fixture import FakeManila
from openstack_sfs.tests.functional.test_console_browser import (
    CHROMIUM_ARGS,
    chromium,
)

OUT = (
    pathlib.Path(__file__).resolve().parent.parent
    / "doc/source/fake_server/console"
)
WAIT = 30


def build(fake: FakeManila) -> str:
    """A cloud worth looking at; returns a share's id."""
    demo = fake.connect("demo").shared_file_system
    alt = fake.connect("alt_demo").shared_file_system
    shares = []
    for index, size in enumerate((1, 5, 20, 2)):
        shares.append(
            demo.create_share(
                size=size, share_protocol="NFS", name=f"data-{index}"
            )
        )
    shares.append(alt.create_share(size=10, share_protocol="CIFS", name="hr"))
    for share in shares:
        demo_or_alt = alt if share.name == "hr" else demo
        demo_or_alt.wait_for_status(share, "available", wait=WAIT)
    first = shares[0]
    demo.create_access_rule(first, access_type="ip", access_to="10.0.0.0/24")
    demo.resize_share(first, 3)
    demo.wait_for_status(first, "available", wait=WAIT)
    snapshot = demo.create_share_snapshot(share_id=first.id, name="nightly")
    demo.wait_for_status(snapshot, "available", wait=WAIT)
    fake.control("PATCH", "/backends/beta", {"failures": {"create_share": 1}})
    fake.control("PUT", "/config", {"service_down_time": 0})
    fake.control("POST", "/backends/gamma/stop")
    return str(first.id)


def main() -> int:
    """Build the cloud, take the screenshots."""
    binary = chromium()
    if binary is None:
        print("no Chromium found", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    fake = FakeManila()
    fake.setUp()
    try:
        share_id = build(fake)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=binary, args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(fake.console_url)
            shots = {
                "overview": "/",
                "share": f"/resources/shares/{share_id}",
                "shares": "/resources/shares",
                "control": "/control",
                "events": "/events",
            }
            for name, path in shots.items():
                page.goto(fake.base_url + "/_console" + path)
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
                print(OUT / f"{name}.png")
            browser.close()
    finally:
        fake.cleanUp()
    return 0


if __name__ == "__main__":
    sys.exit(main())
