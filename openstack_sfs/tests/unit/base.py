"""Test base for SDK unit tests: a connection over requests-mock.

The catalog has Manila at ``MANILA_URL``; the version document says the
server offers microversions 2.0 to ``server_max`` (2.99 unless a test sets
another with :meth:`TestCase.set_server_max`).
"""

from __future__ import annotations

import json
from typing import Any

import fixtures
import testtools
from keystoneauth1 import fixture as ks_fixture
from requests_mock.contrib import fixture as rm_fixture

import openstack_sfs

AUTH_URL = "https://identity.example.com/v3"
MANILA_ROOT = "https://manila.example.com"
MANILA_URL = MANILA_ROOT + "/v2"
PROJECT_ID = "0c2eba2c5af04d3f9e9d0d410b371fde"
USER_ID = "3e1f3c1a8c6f4b0e9d1c7a2b5e4f6a7b"
TOKEN_ID = "a0b1c2d3e4f5"
MV_HEADER = "X-OpenStack-Manila-API-Version"
EXPERIMENTAL_HEADER = "X-OpenStack-Manila-API-Experimental"


def version_document(max_version: str = "2.99") -> dict[str, Any]:
    """Manila's versions document, as ``GET /`` and ``GET /v2/`` return."""
    return {
        "versions": [
            {
                "id": "v2.0",
                "status": "CURRENT",
                "version": max_version,
                "min_version": "2.0",
                "updated": "2015-08-27T11:33:21Z",
                "links": [
                    {
                        "rel": "describedby",
                        "type": "text/html",
                        "href": "http://docs.openstack.org/",
                    },
                    {"rel": "self", "href": MANILA_URL + "/"},
                ],
                "media-types": [
                    {
                        "base": "application/json",
                        "type": "application/vnd.openstack.share+json;"
                        "version=1",
                    }
                ],
            }
        ]
    }


class TestCase(testtools.TestCase):
    """A test with ``self.proxy``, the Manila proxy over requests-mock."""

    server_max = "2.99"

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(60, gentle=True))
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        token = ks_fixture.V3Token(
            project_id=PROJECT_ID,
            project_name="demo",
            user_id=USER_ID,
            user_name="demo",
        )
        for service_type in ("shared-file-system", "sharev2"):
            service = token.add_service(service_type, name="manilav2")
            service.add_standard_endpoints(
                public=MANILA_URL, region="RegionOne"
            )
        self.requests_mock.get(AUTH_URL, json=ks_fixture.V3Discovery(AUTH_URL))
        self.requests_mock.post(
            AUTH_URL + "/auth/tokens",
            json=token,
            headers={"X-Subject-Token": TOKEN_ID},
            status_code=201,
        )
        self._mock_discovery(self.server_max)
        self.conn = openstack_sfs.connect(
            auth_url=AUTH_URL,
            username="demo",
            password="password",
            project_name="demo",
            user_domain_name="Default",
            project_domain_name="Default",
            region_name="RegionOne",
            load_yaml_config=False,
            load_envvars=False,
        )
        self.proxy = self.conn.shared_file_system

    def _mock_discovery(self, max_version: str) -> None:
        doc = version_document(max_version)
        self.requests_mock.get(MANILA_ROOT + "/", json=doc, status_code=300)
        self.requests_mock.get(MANILA_URL, json=doc)
        self.requests_mock.get(MANILA_URL + "/", json=doc)

    def set_server_max(self, max_version: str) -> None:
        """Make the server advertise ``max_version`` (before first use)."""
        self._mock_discovery(max_version)

    # -- request assertions ---------------------------------------------

    def api_requests(self) -> list[Any]:
        """The requests sent to Manila, discovery and auth left out."""
        return [
            r
            for r in self.requests_mock.request_history
            if r.url.startswith(MANILA_URL + "/")
            and r.url.rstrip("/") != MANILA_URL
        ]

    def assert_request(
        self,
        method: str,
        path: str,
        *,
        microversion: str | None = None,
        json_body: Any = None,
        index: int = -1,
        experimental: bool = False,
        query: dict[str, list[str]] | None = None,
    ) -> Any:
        """Check one sent request: method, URL, microversion and body.

        :param path: The path after ``/v2`` (``/shares/detail``), without
            the query string.
        :param microversion: Expected ``X-OpenStack-Manila-API-Version``
            header; ``None`` means the header must be absent.
        :param json_body: Expected JSON body; ``None`` means no body.
        :param query: Expected parsed query string (``qs`` of
            requests-mock, values lower-cased by it), if given.
        """
        sent = self.api_requests()
        self.assertTrue(sent, "no request reached Manila")
        req = sent[index]
        self.assertEqual(method, req.method)
        self.assertEqual(
            MANILA_URL + path, req.url.split("?", 1)[0], "URL differs"
        )
        self.assertEqual(microversion, req.headers.get(MV_HEADER))
        if experimental:
            self.assertEqual("True", req.headers.get(EXPERIMENTAL_HEADER))
        else:
            self.assertNotIn(EXPERIMENTAL_HEADER, req.headers)
        if json_body is None:
            self.assertFalse(req.body, f"unexpected body {req.body!r}")
        else:
            body = req.body
            if isinstance(body, bytes):
                body = body.decode()
            self.assertEqual(json_body, json.loads(body))
        if query is not None:
            self.assertEqual(query, req.qs)
        return req
