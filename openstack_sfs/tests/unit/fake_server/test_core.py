"""The fake server's HTTP core: microversions, faults, routing, identity."""

from __future__ import annotations

from typing import Any

import falcon.testing
import fixtures
import testtools

from fake_server import bus as bus_mod
from fake_server import config, errors, microversion
from fake_server.api.views import F, render
from fake_server.app import build_app
from fake_server.cloud import Cloud
from fake_server.context import Context


def password_body(
    user: str = "demo", password: str = "password"
) -> dict[str, Any]:
    return {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {
                        "name": user,
                        "domain": {"name": "Default"},
                        "password": password,
                    }
                },
            },
            "scope": {
                "project": {"name": user, "domain": {"name": "Default"}}
            },
        }
    }


class AppTestCase(testtools.TestCase):
    """A cloud in manual progression and a falcon test client on it."""

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(30, gentle=True))
        self.cloud = Cloud(
            config.from_dict({"server": {"progression": "manual"}})
        )
        self.addCleanup(self.cloud.close)
        self.client = falcon.testing.TestClient(build_app(self.cloud))
        self.tokens = {
            user: self.token(user) for user in ("demo", "admin", "alt_demo")
        }

    def token(self, user: str) -> str:
        result = self.client.simulate_post(
            "/identity/v3/auth/tokens", json=password_body(user)
        )
        self.assertEqual(201, result.status_code, result.text)
        return result.headers["X-Subject-Token"]

    def call(
        self,
        method: str,
        path: str,
        user: str = "demo",
        version: str | None = "2.99",
        **kwargs,
    ):
        headers = {"X-Auth-Token": self.tokens[user]}
        if version is not None:
            headers[microversion.HEADER] = version
        headers.update(kwargs.pop("headers", {}))
        return self.client.simulate_request(
            method, path, headers=headers, **kwargs
        )


class TestMicroversions(AppTestCase):
    def test_no_header_is_2_0_and_echoed(self) -> None:
        result = self.call("GET", "/v2/shares", version=None)
        self.assertEqual(200, result.status_code)
        self.assertEqual("2.0", result.headers[microversion.HEADER])
        self.assertEqual(microversion.HEADER, result.headers["Vary"])

    def test_latest_is_400(self) -> None:
        result = self.call("GET", "/v2/shares", version="latest")
        self.assertEqual(400, result.status_code)
        body = result.json["badRequest"]
        self.assertEqual(400, body["code"])
        self.assertIn("latest is of invalid format", body["message"])

    def test_malformed_is_400(self) -> None:
        for bad in ("2", "2.x", "two", "2.01.1", "-2.1"):
            result = self.call("GET", "/v2/shares", version=bad)
            self.assertEqual(400, result.status_code, bad)

    def test_out_of_range_is_406_compute_fault(self) -> None:
        result = self.call("GET", "/v2/shares", version="2.100")
        self.assertEqual(406, result.status_code)
        self.assertEqual(
            "Version 2.100 is not supported by the API. Minimum is 2.0 and "
            "maximum is 2.99.",
            result.json["computeFault"]["message"],
        )
        self.assertEqual(
            406, self.call("GET", "/v2/shares", version="1.9").status_code
        )

    def test_operation_absent_at_version_is_404(self) -> None:
        result = self.call(
            "GET", "/v2/share-access-rules?share_id=x", version="2.44"
        )
        self.assertEqual(404, result.status_code)
        self.assertEqual(
            "The resource could not be found.",
            result.json["itemNotFound"]["message"],
        )

    def test_experimental_header_is_echoed(self) -> None:
        result = self.call(
            "GET",
            "/v2/shares",
            headers={microversion.EXPERIMENTAL_HEADER: "True"},
        )
        self.assertEqual(
            "True", result.headers[microversion.EXPERIMENTAL_HEADER]
        )

    def test_version_ordering(self) -> None:
        v = microversion.Version.parse
        self.assertLess(v("2.9"), v("2.10"))
        self.assertEqual(v("2.86"), "2.86")
        self.assertTrue(microversion.at_least(v("2.93"), "2.86"))


class TestDiscoveryAndFaults(AppTestCase):
    def test_root_versions_document_is_300(self) -> None:
        result = self.client.simulate_get("/")
        self.assertEqual(300, result.status_code)
        entry = result.json["versions"][0]
        self.assertEqual(
            ("v2.0", "CURRENT", "2.99", "2.0"),
            (
                entry["id"],
                entry["status"],
                entry["version"],
                entry["min_version"],
            ),
        )

    def test_v2_document_is_200(self) -> None:
        result = self.call("GET", "/v2/", version=None)
        self.assertEqual(200, result.status_code)
        self.assertEqual("2.99", result.json["versions"][0]["version"])

    def test_v2_document_is_behind_keystone(self) -> None:
        # /v2 is the authtoken pipeline in Manila's api-paste.ini
        self.assertEqual(401, self.client.simulate_get("/v2/").status_code)

    def test_unauthenticated_is_401(self) -> None:
        result = self.client.simulate_get("/v2/shares")
        self.assertEqual(401, result.status_code)
        # keystonemiddleware answers, in Keystone's error shape
        self.assertEqual(
            {
                "code": 401,
                "title": "Unauthorized",
                "message": "The request you have made requires "
                "authentication.",
            },
            result.json["error"],
        )

    def test_unknown_path_and_wrong_method_are_404(self) -> None:
        # Manila routes per method: no 405 (see test_fidelity too)
        self.assertEqual(404, self.call("GET", "/v2/nothing").status_code)
        # routes maps /shares for GET and POST only: the router's bare 404
        result = self.call("PATCH", "/v2/shares")
        self.assertEqual(404, result.status_code)
        self.assertEqual("text/html", result.headers["Content-Type"])

    def test_malformed_json_is_400(self) -> None:
        result = self.call(
            "POST",
            "/v2/shares",
            body="{not json",
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(400, result.status_code)
        self.assertEqual(
            "Malformed request body", result.json["badRequest"]["message"]
        )

    def test_unknown_action_is_400(self) -> None:
        result = self.call(
            "POST", "/v2/shares/x/action", json={"fly_away": None}
        )
        self.assertEqual(400, result.status_code)
        self.assertEqual(
            "There is no such action: fly_away",
            result.json["badRequest"]["message"],
        )

    def test_project_id_in_url(self) -> None:
        project = self.cloud.identity.project_ids()["demo"]
        ok = self.call("GET", f"/v2/{project}/shares")
        self.assertEqual(200, ok.status_code)
        other = self.cloud.identity.project_ids()["alt_demo"]
        bad = self.call("GET", f"/v2/{other}/shares")
        self.assertEqual(400, bad.status_code)
        self.assertEqual(
            "Malformed request url", bad.json["badRequest"]["message"]
        )

    def test_fault_names(self) -> None:
        self.assertEqual(
            {"itemNotFound": {"code": 404, "message": "x"}},
            errors.NotFound("x").body(),
        )
        self.assertEqual("conflictingRequest", errors.Conflict().name)
        self.assertEqual("computeFault", errors.NotAcceptable().name)
        over = errors.OverLimit("q").body()["overLimit"]
        self.assertEqual("0", over["retryAfter"])


class TestIdentity(AppTestCase):
    def test_token_has_catalog_and_roles(self) -> None:
        result = self.client.simulate_post(
            "/identity/v3/auth/tokens", json=password_body("admin")
        )
        token = result.json["token"]
        types = {s["type"] for s in token["catalog"]}
        self.assertEqual(
            {"identity", "sharev2", "shared-file-system", "network"}, types
        )
        # Keystone 30's bootstrap: admin implies manager implies member
        # implies reader, and a token carries the implied roles too
        self.assertEqual(
            {"admin", "manager", "member", "reader"},
            {r["name"] for r in token["roles"]},
        )
        self.assertEqual("admin", token["project"]["name"])

    def test_bad_password_is_401(self) -> None:
        result = self.client.simulate_post(
            "/identity/v3/auth/tokens",
            json=password_body("demo", "wrong"),
        )
        self.assertEqual(401, result.status_code)
        self.assertEqual(
            "The request you have made requires authentication.",
            result.json["error"]["message"],
        )

    def test_foreign_project_scope_is_401(self) -> None:
        body = password_body("demo")
        body["auth"]["scope"]["project"]["name"] = "admin"
        result = self.client.simulate_post(
            "/identity/v3/auth/tokens", json=body
        )
        self.assertEqual(401, result.status_code)
        self.assertEqual("Unauthorized", result.json["error"]["title"])

    def test_token_method_rescopes(self) -> None:
        body = {
            "auth": {
                "identity": {
                    "methods": ["token"],
                    "token": {"id": self.tokens["demo"]},
                }
            }
        }
        result = self.client.simulate_post(
            "/identity/v3/auth/tokens", json=body
        )
        self.assertEqual(201, result.status_code)

    def test_validate_token(self) -> None:
        result = self.client.simulate_get(
            "/identity/v3/auth/tokens",
            headers={
                "X-Auth-Token": self.tokens["admin"],
                "X-Subject-Token": self.tokens["demo"],
            },
        )
        self.assertEqual(200, result.status_code)
        self.assertEqual("demo", result.json["token"]["user"]["name"])

    def test_discovery(self) -> None:
        result = self.client.simulate_get("/identity/v3")
        self.assertEqual("v3.14", result.json["version"]["id"])


class TestViews(testtools.TestCase):
    TABLE = (
        F("id"),
        F("task_state", "2.5"),
        F("export_location", "2.0", "2.8"),
        F("host", admin=True),
        F("upper", source=lambda r, c: r["id"].upper()),
    )

    def ctx(self, version: str, admin: bool = False) -> Context:
        roles = {"admin"} if admin else {"member"}
        return Context(
            "u",
            "p",
            frozenset(roles),
            version=microversion.Version.parse(version),
        )

    def test_fields_follow_version_and_role(self) -> None:
        record = {
            "id": "ab",
            "task_state": None,
            "export_location": "x",
            "host": "h",
        }
        self.assertEqual(
            {"id": "ab", "export_location": "x", "upper": "AB"},
            render(record, self.TABLE, self.ctx("2.0")),
        )
        self.assertEqual(
            {"id": "ab", "task_state": None, "host": "h", "upper": "AB"},
            render(record, self.TABLE, self.ctx("2.9", admin=True)),
        )


class TestBus(testtools.TestCase):
    def test_manual_runs_nothing_until_advanced(self) -> None:
        bus = bus_mod.Bus("manual")
        ran: list[str] = []
        bus.cast("t", ran.append, "a")
        bus.cast("t", ran.append, "b", delay=5)
        self.assertEqual([], ran)
        self.assertEqual(2, bus.pending())
        self.assertEqual(1, bus.advance(steps=1))
        self.assertEqual(["a"], ran)
        self.assertEqual(0, bus.advance(seconds=4))
        self.assertEqual(1, bus.advance(seconds=1))
        self.assertEqual(["a", "b"], ran)

    def test_background_runs_and_survives_errors(self) -> None:
        bus = bus_mod.Bus("background")
        self.addCleanup(bus.stop)
        ran: list[int] = []

        def boom() -> None:
            raise RuntimeError("driver exploded")

        bus.cast("t", boom)
        bus.cast("t", ran.append, 1)
        self.assertTrue(bus.wait_idle(5))
        self.assertEqual([1], ran)
