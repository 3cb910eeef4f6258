"""The web console over real HTTP: credential, pages, actions, timeline."""

from __future__ import annotations

import re
from typing import Any

import requests

from openstack_sfs.tests.functional.base import WAIT, FunctionalTestCase


def _text(html: str) -> str:
    """The visible text of a page, whitespace folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class ConsoleTest(FunctionalTestCase):
    """The console as a plain HTTP client (no browser) meets it."""

    def setUp(self) -> None:
        super().setUp()
        self.base = self.fake.base_url + "/_console"
        self.web = requests.Session()
        self.addCleanup(self.web.close)

    def sign_in(self) -> None:
        reply = self.web.get(
            self.base + "/", params={"token": self.fake.control_token}
        )
        self.assertEqual(200, reply.status_code)
        # the token went into a cookie and out of the URL
        self.assertEqual(self.base + "/", reply.url)
        cookie = next(c for c in self.web.cookies if c.name == "fake_console")
        self.assertEqual("/_console", cookie.path)
        self.assertTrue(cookie.has_nonstandard_attr("HttpOnly"))

    def share(self, **kwargs: Any) -> Any:
        share = self.sfs.create_share(size=1, share_protocol="NFS", **kwargs)
        self.addCleanup(
            self.admin_sfs.delete_share, share, ignore_missing=True
        )
        self.sfs.wait_for_status(
            share, "available", failures=["error"], wait=WAIT
        )
        return self.admin_sfs.get_share(share.id)  # with its host

    def test_every_page_needs_the_control_credential(self) -> None:
        for path in (
            "/",
            "/resources/shares",
            "/events",
            "/control",
        ):
            reply = requests.get(self.base + path, timeout=WAIT)
            self.assertEqual(401, reply.status_code, path)
            self.assertIn("Sign in", reply.text)
        wrong = requests.get(
            self.base + "/", params={"token": "nope"}, timeout=WAIT
        )
        self.assertEqual(401, wrong.status_code)
        self.assertNotIn("fake_console", wrong.cookies)
        # a member's Keystone token is not a control credential
        member = self.conn.session.get_token()
        reply = requests.get(
            self.base + "/", headers={"X-Fake-Control-Token": member}
        )
        self.assertEqual(401, reply.status_code)
        admin = self.admin.session.get_token()
        reply = requests.get(
            self.base + "/", headers={"X-Fake-Control-Token": admin}
        )
        self.assertEqual(200, reply.status_code)
        # an action without the credential changes nothing
        reply = requests.post(
            self.base + "/control",
            data={"action": "reset"},
            allow_redirects=False,
            timeout=WAIT,
        )
        self.assertEqual(401, reply.status_code)

    def test_pages_are_locked_down(self) -> None:
        self.sign_in()
        reply = self.web.get(self.base + "/")
        self.assertEqual("DENY", reply.headers["X-Frame-Options"])
        self.assertIn(
            "script-src 'self'", reply.headers["Content-Security-Policy"]
        )
        css = self.web.get(self.base + "/static/console.css")
        self.assertEqual(200, css.status_code)
        self.assertTrue(css.headers["Content-Type"].startswith("text/css"))
        self.assertEqual(
            404, self.web.get(self.base + "/static/../app.py").status_code
        )

    def test_overview_counts_services_and_pools(self) -> None:
        share = self.share()
        self.sign_in()
        page = self.web.get(self.base + "/", params={"partial": "1"}).text
        # a partial answer is the live part only, for the refresher
        self.assertNotIn("<html", page)
        text = _text(page)
        self.assertIn("available 1", text)
        self.assertIn("fakehost@alpha", text)
        self.assertRegex(text, r"fakehost@\w+#\w+")
        pool = share.host
        self.assertIn(pool, text)

    def test_share_table_filters_sorts_and_pages(self) -> None:
        first = self.share(name="first")
        self.share(name="second")
        alt = self.alt.shared_file_system.create_share(
            size=2, share_protocol="NFS", name="other"
        )
        self.addCleanup(self.admin_sfs.delete_share, alt, ignore_missing=True)
        self.sign_in()
        page = self.web.get(self.base + "/resources/shares").text
        self.assertIn("3 record(s)", page)
        mine = self.web.get(
            self.base + "/resources/shares",
            params={"project": self.fake.project_id("demo")},
        ).text
        self.assertIn("2 record(s)", mine)
        self.assertNotIn("other", _text(mine))
        by_name = self.web.get(
            self.base + "/resources/shares", params={"q": "fir"}
        ).text
        self.assertIn("1 record(s)", by_name)
        self.assertIn(first.id, by_name)
        ordered = _text(
            self.web.get(
                self.base + "/resources/shares",
                params={"sort": "name", "dir": "asc"},
            ).text
        )
        self.assertLess(ordered.index("first"), ordered.index("other"))
        self.assertLess(ordered.index("other"), ordered.index("second"))
        backend = first.host.split("@")[1].split("#")[0]
        on_backend = self.web.get(
            self.base + "/resources/shares", params={"backend": backend}
        ).text
        self.assertIn(first.id, on_backend)

    def test_resource_page_shows_api_view_children_and_timeline(self) -> None:
        share = self.share()
        rule = self.sfs.create_access_rule(
            share, access_type="ip", access_to="10.0.0.0/24"
        )
        self.sfs.resize_share(share, 2)
        self.sfs.wait_for_status(share, "available", wait=WAIT)
        self.sign_in()
        page = self.web.get(self.base + f"/resources/shares/{share.id}").text
        text = _text(page)
        self.assertIn("creating → available", text)
        self.assertIn("available → extending", text)
        self.assertIn("extending → available", text)
        self.assertIn("(extend)", text)  # the API operation that caused it
        self.assertIn("extend_share", text)  # the share manager's task
        self.assertIn("As the API shows it (admin, 2.99)", text)
        self.assertIn("&quot;is_soft_deleted&quot;", page)  # a 2.69+ field
        self.assertIn(rule.id, page)  # its access rule, a child
        self.assertEqual(
            404,
            self.web.get(self.base + "/resources/shares/nope").status_code,
        )

    def test_deleted_record_keeps_its_timeline(self) -> None:
        share = self.share()
        self.sfs.delete_share(share)
        self.sfs.wait_for_delete(share, wait=WAIT)
        self.sign_in()
        text = _text(
            self.web.get(self.base + f"/resources/shares/{share.id}").text
        )
        self.assertIn("available → deleting", text)
        self.assertIn("exists → deleted", text)

    def test_events_list_requests_and_notifications(self) -> None:
        self.share()
        self.sign_in()
        text = _text(self.web.get(self.base + "/events").text)
        self.assertRegex(text, r"POST /v2(/\w+)?/shares 200")
        filtered = _text(
            self.web.get(self.base + "/events", params={"q": "DELETE"}).text
        )
        self.assertNotIn("POST /v2", filtered)
        log = self.fake.control("GET", "/requests")["requests"]
        self.assertTrue(
            any(
                r["method"] == "POST" and r["path"].endswith("/shares")
                for r in log
            )
        )

    def test_control_actions_are_the_control_api(self) -> None:
        self.sign_in()
        reply = self.web.post(
            self.base + "/control",
            data={
                "action": "fail",
                "backend": "alpha",
                "operation": "create_share",
                "count": "2",
            },
        )
        self.assertEqual(200, reply.status_code)
        self.assertIn("Done: PATCH /_fake/backends/alpha", _text(reply.text))
        backend = self.fake.control("GET", "/backends/alpha")["backend"]
        self.assertEqual(2, backend["failures"]["create_share"])
        self.web.post(
            self.base + "/control",
            data={"action": "progression", "progression": "manual"},
        )
        self.assertEqual("manual", self.fake.cloud.bus.policy)
        share = self.sfs.create_share(size=1, share_protocol="NFS")
        self.addCleanup(
            self.admin_sfs.delete_share, share, ignore_missing=True
        )
        pending = self.fake.cloud.bus.pending()
        self.assertGreater(pending, 0)
        one = self.web.post(
            self.base + "/control", data={"action": "advance", "steps": "1"}
        )
        self.assertIn(
            'POST /_fake/advance {&quot;steps&quot;: 1}', _text(one.text)
        )
        # one step: the scheduler ran, the share manager has not yet
        self.assertEqual("creating", self.admin_sfs.get_share(share.id).status)
        self.web.post(self.base + "/control", data={"action": "advance"})
        self.assertEqual(0, self.fake.cloud.bus.pending())
        self.assertIn(
            self.admin_sfs.get_share(share.id).status, ("available", "error")
        )
        bad = self.web.post(
            self.base + "/control",
            data={"action": "fail", "backend": "nope", "operation": "x"},
        )
        self.assertIn("Backend nope not found.", _text(bad.text))
        unknown = self.web.post(self.base + "/control", data={"action": "x"})
        self.assertIn("Unknown action x.", _text(unknown.text))

    def test_cross_site_action_is_refused(self) -> None:
        share = self.share()
        self.sign_in()
        reply = self.web.post(
            self.base + "/control",
            data={"action": "reset"},
            headers={"Origin": "http://evil.example"},
            allow_redirects=False,
        )
        self.assertEqual(403, reply.status_code)
        self.assertIsNotNone(self.fake.cloud.store.get("shares", share.id))
