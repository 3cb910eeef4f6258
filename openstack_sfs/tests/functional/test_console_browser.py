"""The web console in a real headless Chromium (Playwright drives it).

Chromium comes from the system (Debian's ``chromium`` package, which
``.ci/run`` installs); ``FAKE_CONSOLE_CHROMIUM`` names another binary.
Without one these tests are skipped, unless ``FAKE_CONSOLE_BROWSER=required``
(as in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from typing import Any, ClassVar

import testtools

from openstack_sfs.tests.functional.base import WAIT, FunctionalTestCase

#: Chromium's flags for a closed network and no sandbox (root in CI)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: where a control action lands when it worked
DONE = re.compile(r"/_console/control\?msg=Done")
#: bound on every wait in the browser (milliseconds)
WAIT_MS = WAIT * 1000


def chromium() -> str | None:
    """The Chromium binary to drive, if the machine has one."""
    named = os.environ.get("FAKE_CONSOLE_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _required() -> bool:
    return os.environ.get("FAKE_CONSOLE_BROWSER") == "required"


class BrowserTestCase(FunctionalTestCase):
    """A fresh fake cloud per test, one Chromium per class."""

    playwright: ClassVar[Any] = None
    browser: ClassVar[Any] = None

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        binary = chromium()
        if binary is None:
            if _required():
                raise RuntimeError(
                    "FAKE_CONSOLE_BROWSER=required but no Chromium found"
                )
            raise testtools.TestCase.skipException(
                "no Chromium on this machine (install Debian's chromium)"
            )
        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(
            executable_path=binary, args=CHROMIUM_ARGS
        )

    @classmethod
    def tearDownClass(cls) -> None:
        if cls.browser is not None:
            cls.browser.close()
        if cls.playwright is not None:
            cls.playwright.stop()
        cls.browser = cls.playwright = None
        super().tearDownClass()

    def setUp(self) -> None:
        super().setUp()
        context = self.browser.new_context()
        self.addCleanup(context.close)
        context.set_default_timeout(WAIT_MS)
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.addCleanup(lambda: self.assertEqual([], self.errors))

    def open(self, path: str = "") -> None:
        """Sign in with the console URL, then go to ``path``."""
        self.page.goto(self.fake.console_url)
        if path:
            self.page.goto(self.fake.base_url + "/_console" + path)

    def next_refresh(self) -> None:
        """Wait (bounded) until the live part has refreshed once more."""
        before = self.page.eval_on_selector(
            "#live", "el => el.dataset.updated || ''"
        )
        self.page.wait_for_function(
            "before => (document.getElementById('live').dataset.updated"
            " || '') !== before",
            arg=before,
        )

    def card(self, kind: str) -> str:
        """The text of an overview card."""
        return str(self.page.inner_text(f'.card[data-kind="{kind}"]'))


class ConsoleBrowserTest(BrowserTestCase):
    def test_overview_shows_a_new_share_within_one_refresh(self) -> None:
        self.open()
        self.assertEqual("Overview · fake_server console", self.page.title())
        self.assertIn("none", self.card("shares"))
        share = self.sfs.create_share(size=1, share_protocol="NFS")
        self.addCleanup(
            self.admin_sfs.delete_share, share, ignore_missing=True
        )
        self.sfs.wait_for_status(
            share, "available", failures=["error"], wait=WAIT
        )
        self.next_refresh()  # no reload: the page refreshed itself
        self.assertIn("available\n1", self.card("shares").replace(" ", "\n"))
        self.assertIn("live", self.page.inner_text("#live-status"))

    def test_stopped_backend_shows_down(self) -> None:
        self.fake.control("PUT", "/config", {"service_down_time": 0})
        self.open("/control")
        row = self.page.locator("tr", has_text="alpha")
        row.get_by_role("button", name="Stop").click()
        self.page.wait_for_url(DONE)
        self.assertIn(
            "Done: POST /_fake/backends/alpha/stop",
            self.page.inner_text('[role="status"]'),
        )
        self.page.click("text=Overview")
        service = self.page.locator(
            "table.services tr", has_text="fakehost@alpha"
        )
        self.assertIn("down", service.inner_text())
        pools = self.page.locator("table.pools tr", has_text="alpha#")
        self.assertIn("down", pools.first.inner_text())
        self.assertNotIn(
            "down",
            self.page.locator(
                "table.services tr", has_text="fakehost@beta"
            ).inner_text(),
        )

    def test_control_action_changes_the_cloud(self) -> None:
        self.open("/control")
        self.page.get_by_role("button", name="Switch to manual").click()
        self.page.wait_for_url(DONE)
        self.assertEqual("manual", self.fake.cloud.bus.policy)
        self.assertEqual("manual", self.page.inner_text("#progression"))
        row = self.page.locator("tr", has_text="beta")
        form = row.locator("form", has_text="Inject failure")
        form.locator('input[name="operation"]').fill("create_share")
        form.locator('input[name="count"]').fill("3")
        form.get_by_role("button", name="Inject failure").click()
        self.page.wait_for_url(DONE)
        backend = self.fake.control("GET", "/backends/beta")["backend"]
        self.assertEqual(3, backend["failures"]["create_share"])
        self.confirmed = False

        def accept(dialog: Any) -> None:
            self.confirmed = "Reset" in dialog.message
            dialog.accept()

        self.page.once("dialog", accept)
        share = self.sfs.create_share(size=1, share_protocol="NFS")
        self.page.get_by_role("button", name="Reset the cloud").click()
        self.page.wait_for_url(DONE)
        self.assertIsNone(self.fake.cloud.store.get("shares", share.id))
        self.assertTrue(self.confirmed)
        self.assertEqual("background", self.fake.cloud.bus.policy)

    def test_timeline_lists_creating_to_available(self) -> None:
        share = self.sfs.create_share(
            size=1, share_protocol="NFS", name="traced"
        )
        self.addCleanup(
            self.admin_sfs.delete_share, share, ignore_missing=True
        )
        self.sfs.wait_for_status(
            share, "available", failures=["error"], wait=WAIT
        )
        self.open("/resources/shares")
        self.page.select_option('select[name="status"]', "available")
        self.page.get_by_role("button", name="Filter").click()
        self.assertIn("1 record(s)", self.page.inner_text("#total"))
        self.page.click(f"text={share.id}")
        timeline = self.page.inner_text("table.timeline")
        self.assertIn("creating → available", timeline)
        self.assertIn("POST /shares", timeline)
        self.assertIn("create_share", timeline)
        self.assertIn('"name": "traced"', self.page.inner_text("pre"))

    def test_sign_in_page_without_credential(self) -> None:
        reply = self.page.goto(self.fake.base_url + "/_console/events")
        self.assertEqual(401, reply.status)
        self.page.fill('input[name="token"]', self.fake.control_token)
        self.page.get_by_role("button", name="Open the console").click()
        self.page.wait_for_url("**/_console/")
        self.assertEqual("Overview · fake_server console", self.page.title())
